"""Eligibility rules for collectives (domain.md §4.2, rules 5-7 and 10)."""

from __future__ import annotations

from collections.abc import Callable

from app.domain.eligibility.common import (
    KXL,
    award_years,
    grade_level,
    manual_conditions,
    run_ending,
    two,
    years_text,
)
from app.domain.eligibility.model import (
    Condition,
    MemberSummary,
    UnitHistory,
    Verdict,
    make_verdict,
)
from app.domain.eligibility.rulesets import RuleSet
from app.domain.eligibility.unit_clusters import cluster_condition
from app.domain.eligibility.unit_lineage import (
    Lineage,
    UnitRecord,
    lineage,
    merged_years,
    old_name_note,
    records_text,
)
from app.domain.eligibility.words import NO_WORDS, Words

UnitRule = Callable[[UnitHistory, int, RuleSet], list[Condition]]


def _pct(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".").replace(".", ",")


def _unit_grade(
    h: UnitHistory, year: int, min_grade: str, label: str, cite: str, words: Words = NO_WORDS
) -> Condition:
    own = lineage(h).own  # a grade given under the unit's earlier name counts (a rename)
    grade = own.grades.get(year)
    if grade is None:
        return Condition("GRADE", f"Chưa có xếp loại tập thể năm {year}", None, cite)
    if grade != KXL and grade_level(grade) >= grade_level(min_grade):
        note = old_name_note(own, [year]).lstrip("; ")
        return Condition(
            "GRADE",
            f"Tập thể xếp loại năm {year} là {words.grade(grade)}" + (f" ({note})" if note else ""),
            True,
            cite,
        )
    return Condition(
        "GRADE",
        f"Chưa đạt {label}: tập thể xếp loại năm {year} là {words.grade(grade)}, "
        f"cần {words.grade(min_grade)}" + ("" if min_grade == "HTXSNV" else " trở lên"),
        False,
        cite,
    )


def unit_grade_condition(
    h: UnitHistory, year: int, min_grade: str, label: str, cite: str, rules: RuleSet
) -> Condition:
    """The collective's grade of ``year`` at least ``min_grade`` (criteria as data)."""
    return _unit_grade(h, year, min_grade, label, cite, rules.words)


def _base(members: tuple[MemberSummary, ...], rules: RuleSet) -> list[MemberSummary]:
    if rules.param("member_pct_exclude_kxl"):
        return [m for m in members if m.grade != KXL]
    return list(members)


def _ldtt_pct(h: UnitHistory, rules: RuleSet, min_pct: float, cite: str) -> Condition:
    base = _base(h.members, rules)
    if not base:
        return Condition("LDTT_PCT", "Chưa có danh sách cá nhân của tập thể", None, cite)
    n = sum(1 for m in base if m.ldtt)
    pct = 100 * n / len(base)
    # exact integer comparison: n / total >= min_pct / 100
    ok = n * 100 >= min_pct * len(base)
    text = f"{n}/{len(base)} cá nhân đạt LĐTT ({_pct(pct)}%, cần {_pct(min_pct)}%)"
    return Condition("LDTT_PCT", text if ok else f"Chưa đủ tỷ lệ LĐTT: {text}", ok, cite)


def _penalty(h: UnitHistory, year: int, worst: int, cite: str) -> Condition:
    bad = [m.person_id for m in h.members if m.worst_penalty_severity > worst]
    if bad:
        return Condition(
            "DISCIPLINE",
            f"Có {len(bad)} cá nhân bị kỷ luật từ cảnh cáo trở lên trong năm {year}",
            False,
            cite,
        )
    return Condition("DISCIPLINE", "Không có cá nhân bị kỷ luật từ cảnh cáo trở lên", True, cite)


def rule_ttldtt(h: UnitHistory, year: int, rules: RuleSet) -> list[Condition]:
    cite = rules.cite("TTLDTT")
    return [
        _unit_grade(h, year, rules.param("ttldtt_min_grade"), "TTLĐTT", cite, rules.words),
        _ldtt_pct(h, rules, float(rules.param("ttldtt_min_ldtt_pct")), cite),
        _penalty(h, year, int(rules.param("ttldtt_max_penalty_severity")), cite),
        *manual_conditions(rules.param("ttldtt_manual"), h.manual_unmet, cite),
    ]


def rule_ttldxs(h: UnitHistory, year: int, rules: RuleSet) -> list[Condition]:
    cite = rules.cite("TTLDXS")
    min_member = rules.param("ttldxs_member_min_grade")
    conds = [_unit_grade(h, year, rules.param("ttldxs_min_grade"), "TTLĐXS", cite, rules.words)]
    base = _base(h.members, rules)
    ungraded = [m for m in base if m.grade is None]
    low = [
        m for m in base if m.grade is not None and grade_level(m.grade) < grade_level(min_member)
    ]
    if low:
        conds.append(
            Condition(
                "MEMBERS_GRADE",
                f"Chưa đạt 100% cá nhân hoàn thành nhiệm vụ: {len(low)} cá nhân dưới "
                f"{rules.words.grade(min_member)}" + _who(low, rules.words),
                False,
                cite,
            )
        )
    elif ungraded or not base:
        conds.append(
            Condition(
                "MEMBERS_GRADE",
                f"Chưa có xếp loại của {len(ungraded)} cá nhân"
                if base
                else "Chưa có danh sách cá nhân",
                None,
                cite,
            )
        )
    else:
        conds.append(
            Condition("MEMBERS_GRADE", f"100% cá nhân đạt {min_member} trở lên", True, cite)
        )
    conds.append(_ldtt_pct(h, rules, float(rules.param("ttldxs_min_ldtt_pct")), cite))
    need = int(rules.param("ttldxs_min_cstdcs_members"))
    have = sum(1 for m in h.members if m.cstdcs)
    conds.append(
        Condition(
            "CSTDCS",
            f"Có {have} cá nhân đạt CSTĐCS"
            if have >= need
            else f"Chưa có đủ {two(need)} cá nhân đạt CSTĐCS (có: {have})",
            have >= need,
            cite,
        )
    )
    if rules.param("ttldxs_discipline_bar"):
        conds.append(_penalty(h, year, int(rules.param("ttldxs_max_penalty_severity")), cite))
    conds += manual_conditions(rules.param("ttldxs_manual"), h.manual_unmet, cite)
    return conds


def _who(low: list[MemberSummary], words: Words = NO_WORDS, most: int = 3) -> str:
    """ " (Nguyễn Văn A: bị kỷ luật Khiển trách nên xếp loại Không hoàn thành nhiệm vụ; ...)"
    for named members."""
    named = [m for m in low if m.name]
    if not named:
        return ""
    parts = [
        f"{m.name}: {m.grade_reason or f'xếp loại {words.grade(m.grade)}'}" for m in named[:most]
    ]
    more = "; …" if len(named) > most else ""
    return f" ({'; '.join(parts)}{more})"


def _good_years(record: UnitRecord, rules: RuleSet) -> set[int]:
    """Years of HTXSNV or TTLĐXS (rule 10)."""
    good = {y for y, g in record.grades.items() if g == "HTXSNV"}
    return good | award_years(record.awards, ("TTLDXS",), rules)


def _describe(record: UnitRecord, year: int, rules: RuleSet) -> str:
    grade = record.grades.get(year)
    parts = [rules.words.grade(grade) if grade else "chưa có xếp loại"]
    if year in award_years(record.awards, ("TTLDXS",), rules):
        parts.append(rules.words.award("TTLDXS") if rules.words.awards else "TTLĐXS")
    return ", ".join(parts)


def _merged_streak(
    lin: Lineage, run: list[int], year: int, n: int, rules: RuleSet, cite: str
) -> Condition | None:
    """For a unit formed by a merge whose run starts at the merge: the merged units' records
    (needs review), or, with the parameter, the run counting the years they all met."""
    if not run or not lin.merged:
        return None
    before = run[0] - 1
    if not any(before in m.grades or before in _good_years(m, rules) for m in lin.merged):
        return None
    wanted = list(range(year - n + 1, run[0]))
    shown = records_text(lin, wanted, lambda m, y: _describe(m, y, rules))
    merged_on = lin.merged_on()
    since = f" (hết hoạt động {merged_on:%d/%m/%Y})" if merged_on else ""
    if not rules.param("unit_merge_counts_predecessors"):
        return Condition(
            "MERGED",
            f"Đơn vị hình thành do sáp nhập {lin.merged_names()}{since}: chưa tính thành tích "
            f"trước sáp nhập, cần xem xét ({shown})",
            None,
            cite,
        )
    joint = merged_years(lin, lambda m: _good_years(m, rules))
    full = run_ending(set(run) | joint, year)
    borrowed = [y for y in full[-n:] if y not in run]
    note = f"; năm {years_text(borrowed)} tính theo các đơn vị trước sáp nhập: {lin.merged_names()}"
    if len(full) >= n:
        return Condition(
            "STREAK",
            f"Có {two(n)} năm liên tục {rules.words.grade('HTXSNV')} hoặc TTLĐXS ({years_text(full[-n:])}{note})",
            True,
            cite,
        )
    return Condition(
        "STREAK",
        f"Chưa đủ {two(n)} năm liên tục {rules.words.grade('HTXSNV')} hoặc TTLĐXS (có: {years_text(run)}); các đơn "
        f"vị trước sáp nhập không cùng đạt ({shown})",
        False,
        cite,
    )


def _rule_bk_collective(title: str) -> UnitRule:
    def rule(h: UnitHistory, year: int, rules: RuleSet) -> list[Condition]:
        cite = rules.cite("BK_TAP_THE")
        n = int(rules.param("bk_collective_streak"))
        lin = lineage(h)
        own = lin.own
        good = _good_years(own, rules)
        run = run_ending(good, year)
        merged = None if len(run) >= n else _merged_streak(lin, run, year, n, rules, cite)
        if merged is not None:
            cond = merged
        elif len(run) >= n:
            cond = Condition(
                "STREAK",
                f"Có {two(n)} năm liên tục {rules.words.grade('HTXSNV')} hoặc TTLĐXS ({years_text(run[-n:])}"
                f"{old_name_note(own, run[-n:])})",
                True,
                cite,
            )
        elif year not in own.grades and year not in good:
            cond = Condition("STREAK", f"Chưa có xếp loại tập thể năm {year}", None, cite)
        else:
            cond = Condition(
                "STREAK",
                f"Chưa đủ {two(n)} năm liên tục {rules.words.grade('HTXSNV')} hoặc TTLĐXS (có: {years_text(run)})",
                False,
                cite,
            )
        return [cond, *manual_conditions(rules.param("bk_collective_manual"), h.manual_unmet, cite)]

    return rule


def _rule_co(title: str) -> UnitRule:
    def rule(h: UnitHistory, year: int, rules: RuleSet) -> list[Condition]:
        cite = rules.cite("CO")
        return [
            _unit_grade(h, year, rules.param("co_min_grade"), "Cờ thi đua", cite, rules.words),
            cluster_condition(h, title, year, rules),
            *manual_conditions(rules.param("co_manual"), h.manual_unmet, cite),
        ]

    return rule


UNIT_RULES: dict[str, UnitRule] = {
    "TTLDTT": rule_ttldtt,
    "TTLDXS": rule_ttldxs,
    "BK_TINH": _rule_bk_collective("BK_TINH"),
    "BK_BO": _rule_bk_collective("BK_BO"),
    "CO_TINH": _rule_co("CO_TINH"),
    "CO_BO": _rule_co("CO_BO"),
}
UNIT_TITLES: tuple[str, ...] = tuple(UNIT_RULES)


def evaluate_unit(history: UnitHistory, title: str, year: int, rules: RuleSet) -> Verdict:
    """One title for one collective: the set's criteria for it when it has some (data),
    else the title's rule here."""
    try:
        rule = UNIT_RULES[title]
    except KeyError:
        raise ValueError(f"Không có quy tắc xét cho tập thể: {title}") from None
    if title in rules.criteria:
        from app.domain.eligibility.criteria import unit_criteria

        return make_verdict(title, unit_criteria(history, title, year, rules))
    return make_verdict(title, rule(history, year, rules))
