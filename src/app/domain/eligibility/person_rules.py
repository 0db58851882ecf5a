"""Eligibility rules for individuals (domain.md §4.2, rules 1-4) and the person registry
(forms of commendation, rules 9 and 11-13, are in ``person_forms``)."""

from __future__ import annotations

from app.domain.eligibility.common import (
    after_penalty,
    award_years,
    counted_awards,
    effective_grade,
    grade_condition,
    hold_condition,
    manual_conditions,
    penalty_note,
    run_ending,
    two,
    with_penalty_end,
    years_text,
)
from app.domain.eligibility.consumption import (
    BASIS_CSTD,
    BASIS_CSTDCS,
    consumed_text,
    consumed_years,
    reserve,
    with_consumed,
)
from app.domain.eligibility.criteria import person_criteria
from app.domain.eligibility.knc import rule_knc
from app.domain.eligibility.model import Condition, PersonHistory, Verdict, make_verdict
from app.domain.eligibility.person_common import (
    CSTD_CODES,
    Rule,
    cstdcs_years,
    initiative_condition,
)
from app.domain.eligibility.person_forms import rule_bk, rule_bk_ttg, rule_gk_so
from app.domain.eligibility.rulesets import RuleSet

# --- Rule 1: LĐTT -----------------------------------------------------------------------


def rule_ldtt(h: PersonHistory, year: int, rules: RuleSet, prov: frozenset[str]) -> list[Condition]:
    cite = rules.cite("LDTT")
    return [
        hold_condition(h, year, rules),
        grade_condition(
            h,
            year,
            rules,
            key="GRADE",
            label="LĐTT",
            min_grade=rules.param("ldtt_min_grade"),
            citation=cite,
        ),
        *manual_conditions(rules.param("ldtt_manual"), h.manual_unmet, cite),
    ]


# --- Rule 2: CSTĐCS ---------------------------------------------------------------------


def rule_cstdcs(
    h: PersonHistory, year: int, rules: RuleSet, prov: frozenset[str]
) -> list[Condition]:
    cite = rules.cite("CSTDCS")
    conds = [
        hold_condition(h, year, rules),
        grade_condition(
            h,
            year,
            rules,
            key="GRADE",
            label="tiêu chuẩn LĐTT",
            min_grade=rules.param("ldtt_min_grade"),
            citation=cite,
        ),
        *manual_conditions(rules.param("ldtt_manual"), h.manual_unmet, cite),
    ]
    alt = rules.param("cstdcs_alt_grade")
    grade, _ = effective_grade(h, year, rules)
    if grade == alt:
        conds.append(
            Condition("ROUTE", f"Xếp loại năm {year} là {rules.words.grade(alt)}", True, cite)
        )
    else:
        ini = initiative_condition(
            h,
            "CSTDCS",
            year,
            rules,
            scopes_param="cstdcs_initiative_scopes",
            window_param="cstdcs_initiative_window_years",
            citation=cite,
        )
        if ini.met:
            conds.append(Condition("ROUTE", ini.text, True, cite, initiatives=ini.initiatives))
        elif grade is None:
            conds.append(
                Condition("ROUTE", f"Chưa có xếp loại năm {year}, chưa có sáng kiến", None, cite)
            )
        else:
            conds.append(
                Condition(
                    "ROUTE",
                    f"Chưa đạt CSTĐCS: năm {year} không {rules.words.grade(alt).lower()} "
                    f"và {ini.text[0].lower()}"
                    f"{ini.text[1:]}",
                    False,
                    ini.citation,
                )
            )
    return conds


# --- Rule 3: CSTĐ cấp tỉnh / bộ -----------------------------------------------------------


def _rule_cstd(title: str, scopes_param: str) -> Rule:
    def rule(h: PersonHistory, year: int, rules: RuleSet, prov: frozenset[str]) -> list[Condition]:
        cite = rules.cite("CSTD")
        n = int(rules.param("cstd_streak"))
        must_end = rules.param("cstd_streak_must_end_in_year")
        all_years = cstdcs_years(h, year, rules, prov)
        # CSTĐCS years an earlier CSTĐ or Bằng khen rested on do not count again (X3, X5)
        used = consumed_years(
            all_years,
            counted_awards(h.awards, rules),
            basis=BASIS_CSTDCS,
            title=title,
            year=year,
            rules=rules,
        )
        years = all_years - used.keys()
        run = run_ending(years, year)
        full = run_ending(all_years, year)
        if not must_end:
            run = run or run_ending(years, year - 1)
            full = full or run_ending(all_years, year - 1)
        if len(run) >= n:
            streak = Condition(
                "STREAK",
                f"Có {two(n)} lần liên tục CSTĐCS ({years_text(run[-n:])})",
                True,
                cite,
                consumed=tuple((BASIS_CSTDCS, y) for y in run[-n:]),
            )
        else:
            text, where = with_consumed(
                f"Chưa đủ {two(n)} lần liên tục CSTĐCS (có: {years_text(run)})",
                cite,
                consumed_text(used, full[-n:], rules),
                rules,
            )
            note = penalty_note(h, year, award_years(h.awards, ("CSTDCS",), rules))
            text += note
            streak = Condition("STREAK", text, False, with_penalty_end(where, note, rules))
        return [
            hold_condition(h, year, rules),
            streak,
            initiative_condition(
                h,
                title,
                year,
                rules,
                scopes_param=scopes_param,
                window_param="cstd_initiative_window_years",
                citation=cite,
            ),
        ]

    return rule


# --- Rule 4: CSTĐ toàn quốc ---------------------------------------------------------------


def _cstd_chain(years: set[int], year: int, gap: int, recent: int) -> list[int]:
    """CSTĐ tỉnh/bộ years from the latest (at most ``recent`` years before ``year``) back,
    each at most ``gap`` years after the one before."""
    chain: list[int] = []
    for y in sorted(years, reverse=True):
        if not chain:
            if y < year - recent:
                break
            chain.append(y)
        elif 0 < chain[-1] - y <= gap:
            chain.append(y)
        else:
            break
    return chain


def rule_cstdtq(
    h: PersonHistory, year: int, rules: RuleSet, prov: frozenset[str]
) -> list[Condition]:
    cite = rules.cite("CSTDTQ")
    n = int(rules.param("cstdtq_streak"))
    gap = int(rules.param("cstdtq_max_gap_years"))
    recent = int(rules.param("cstdtq_recent_years"))
    all_years = award_years(h.awards, CSTD_CODES, rules)
    all_years |= {year for code in CSTD_CODES if code in prov}
    all_years = {y for y in all_years if y <= year}
    note = penalty_note(h, year, all_years)
    all_years = after_penalty(h, year, all_years)
    # CSTĐ years an earlier CSTĐTQ rested on do not count again (X3, X5)
    used = consumed_years(
        all_years,
        counted_awards(h.awards, rules),
        basis=BASIS_CSTD,
        title="CSTDTQ",
        year=year,
        rules=rules,
    )
    years = all_years - used.keys()
    chain = _cstd_chain(years, year, gap, recent)
    if len(chain) >= n:
        streak = Condition(
            "STREAK",
            f"Có {two(n)} lần liên tục CSTĐ cấp tỉnh/bộ ({years_text(chain[:n])})",
            True,
            cite,
            consumed=tuple((BASIS_CSTD, y) for y in chain[:n]),
        )
    else:
        text, where = with_consumed(
            f"Chưa đủ {two(n)} lần liên tục CSTĐ cấp tỉnh/bộ (có: {years_text(chain or years)})",
            cite,
            consumed_text(used, _cstd_chain(all_years, year, gap, recent)[:n], rules),
            rules,
        )
        text += note
        streak = Condition("STREAK", text, False, with_penalty_end(where, note, rules))
    return [
        hold_condition(h, year, rules),
        streak,
        initiative_condition(
            h,
            "CSTDTQ",
            year,
            rules,
            scopes_param="cstdtq_scopes",
            window_param="cstdtq_initiative_window_years",
            citation=cite,
        ),
    ]


PERSON_RULES: dict[str, Rule] = {
    "LDTT": rule_ldtt,
    "CSTDCS": rule_cstdcs,
    "CSTD_TINH": _rule_cstd("CSTD_TINH", "cstd_tinh_scopes"),
    "CSTD_BO": _rule_cstd("CSTD_BO", "cstd_bo_scopes"),
    "CSTDTQ": rule_cstdtq,
    "BK_TINH": rule_bk("BK_TINH"),
    "BK_BO": rule_bk("BK_BO"),
    "BK_TTG": rule_bk_ttg,
    "GK_SO": rule_gk_so,
    "KNC_NNMT": rule_knc,
}
PERSON_TITLES: tuple[str, ...] = tuple(PERSON_RULES)


def evaluate_person(
    history: PersonHistory,
    title: str,
    year: int,
    rules: RuleSet,
    provisional: frozenset[str] = frozenset(),
) -> Verdict:
    """Evaluate one title for one person in ``year``; ``provisional`` are this year's titles
    already found eligible (e.g. CSTĐCS when deciding CSTĐ cấp tỉnh)."""
    try:
        rule = PERSON_RULES[title]
    except KeyError:
        raise ValueError(f"Không có quy tắc xét cho cá nhân: {title}") from None
    prov = frozenset(provisional)
    if title in rules.criteria:  # the set's criteria (data) instead of the rule in code
        conds = [hold_condition(history, year, rules)]
        conds += person_criteria(history, title, year, rules, prov)
        return make_verdict(title, conds)
    return make_verdict(title, rule(history, year, rules, prov))


def evaluate_person_all(history: PersonHistory, year: int, rules: RuleSet) -> dict[str, Verdict]:
    """All person titles; LĐTT and CSTĐCS first, fed as provisional titles to the rest.

    A provisional title is awarded together with the higher one, so the initiatives it rests
    on are held for it (X6): CSTĐCS's for every later title, CSTĐ tỉnh's (else CSTĐ bộ's) for
    CSTĐTQ. CSTĐ tỉnh and CSTĐ bộ, like the forms, are alternatives and hold nothing for each
    other."""
    out: dict[str, Verdict] = {}
    prov: set[str] = set()
    for title in ("LDTT", "CSTDCS"):
        out[title] = evaluate_person(history, title, year, rules, frozenset(prov))
        if out[title].eligible:
            prov.add(title)
            history = reserve(history, out[title], year, rules)
    for title in CSTD_CODES:
        out[title] = evaluate_person(history, title, year, rules, frozenset(prov))
    chosen = next((out[t] for t in CSTD_CODES if out[t].eligible), None)
    prov |= {t for t in CSTD_CODES if out[t].eligible}
    higher = reserve(history, chosen, year, rules) if chosen is not None else history
    for title in PERSON_TITLES:
        if title not in out:
            base = higher if title == "CSTDTQ" else history
            out[title] = evaluate_person(base, title, year, rules, frozenset(prov))
    return {t: out[t] for t in PERSON_TITLES}
