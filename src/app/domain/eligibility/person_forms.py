"""Eligibility rules for individual forms of commendation (domain.md §4.2, rules 9, 11-13)."""

from __future__ import annotations

from app.domain.eligibility.common import (
    counted_awards,
    discipline_condition,
    effective_grade,
    grade_level,
    hold_condition,
    manual_conditions,
    run_ending,
    two,
    used_cutoff,
    years_text,
)
from app.domain.eligibility.consumption import (
    BASIS_CSTDCS,
    BASIS_HTXSNV,
    consumed_text,
    consumed_years,
    initiative_name,
    usable_initiatives,
    used_text,
    with_consumed,
)
from app.domain.eligibility.model import (
    Condition,
    InitiativeInfo,
    InitiativeUseInfo,
    PersonHistory,
)
from app.domain.eligibility.person_common import Rule, cstdcs_years
from app.domain.eligibility.rulesets import RuleSet

# --- Rule 9: Bằng khen tỉnh / bộ, cá nhân ---------------------------------------------------


def rule_bk(title: str) -> Rule:
    def rule(h: PersonHistory, year: int, rules: RuleSet, prov: frozenset[str]) -> list[Condition]:
        cite = rules.cite("BK_CA_NHAN")
        n_cs = int(rules.param("bk_cstdcs_streak"))
        n_xs = int(rules.param("bk_htxsnv_streak"))
        n_ini = int(rules.param("bk_initiative_count"))
        counted = counted_awards(h.awards, rules)
        # years an earlier CSTĐ or Bằng khen rested on do not count again (X3, X5)
        cs_all = cstdcs_years(h, year, rules, prov)
        cs_used = consumed_years(
            cs_all, counted, basis=BASIS_CSTDCS, title=title, year=year, rules=rules
        )
        cs_years = cs_all - cs_used.keys()
        cs_run = run_ending(cs_years, year) or run_ending(cs_years, year - 1)
        cs_full = run_ending(cs_all, year) or run_ending(cs_all, year - 1)
        xs_all = {y for y in h.grades if effective_grade(h, y, rules)[0] == "HTXSNV"}
        xs_used = consumed_years(
            xs_all, counted, basis=BASIS_HTXSNV, title=title, year=year, rules=rules
        )
        xs_run = run_ending(xs_all - xs_used.keys(), year)
        route: Condition
        if len(cs_run) >= n_cs:
            route = Condition(
                "ROUTE",
                f"Có {two(n_cs)} lần liên tục CSTĐCS ({years_text(cs_run[-n_cs:])})",
                True,
                cite,
                consumed=tuple((BASIS_CSTDCS, y) for y in cs_run[-n_cs:]),
            )
        else:
            found: list[InitiativeInfo] = []
            used: list[tuple[InitiativeInfo, InitiativeUseInfo]] = []
            if xs_run:  # initiatives recognised in the HTXSNV years ("trong thời gian đó")
                found, used = usable_initiatives(
                    h,
                    title=title,
                    scopes=rules.param("bk_initiative_scopes"),
                    first_year=xs_run[0],
                    year=year,
                    rules=rules,
                )
            counted_ini = found[:n_ini]
            names = ", ".join(initiative_name(i) for i in counted_ini)
            if len(xs_run) >= n_xs and len(found) >= n_ini:
                route = Condition(
                    "ROUTE",
                    f"Có {two(n_xs)} năm liên tục {rules.words.grade('HTXSNV')} "
                    f"({years_text(xs_run)}) và "
                    f"{two(n_ini)} sáng kiến: {names}",
                    True,
                    cite,
                    initiatives=tuple(i.id for i in counted_ini),
                    consumed=tuple((BASIS_HTXSNV, y) for y in xs_run),
                )
            elif year not in h.grades:
                route = Condition(
                    "ROUTE",
                    f"Chưa có xếp loại năm {year} để xét Bằng khen (điểm d)",
                    None,
                    cite,
                )
            else:
                have = f"{two(len(found))} sáng kiến" + (f": {names}" if found else "")
                notes = [
                    used_text(used, rules),
                    consumed_text(cs_used, cs_full[-n_cs:], rules),
                    consumed_text(xs_used, run_ending(xs_all, year)[-n_xs:], rules),
                ]
                where = cite
                if notes[0]:
                    where += f"; {rules.cite('X6')}"
                if notes[1] or notes[2]:
                    where += f"; {rules.cite('X5')}"
                route = Condition(
                    "ROUTE",
                    f"Chưa đủ {two(n_cs)} lần liên tục CSTĐCS (có: {years_text(cs_run)}) "
                    f"hoặc {two(n_xs)} năm liên tục {rules.words.grade('HTXSNV')} có "
                    f"{two(n_ini)} sáng kiến "
                    f"(có: {years_text(xs_run)}; {have})" + "".join(f"; {n}" for n in notes if n),
                    False,
                    where,
                )
        return [
            hold_condition(h, year, rules),
            discipline_condition(h, year, rules),
            *manual_conditions(rules.param("bk_manual"), h.manual_unmet, cite),
            route,
        ]

    return rule


# --- Rule 11: Bằng khen Thủ tướng -----------------------------------------------------------


def rule_bk_ttg(
    h: PersonHistory, year: int, rules: RuleSet, prov: frozenset[str]
) -> list[Condition]:
    cite = rules.cite("BK_TTG")
    n = int(rules.param("bk_ttg_years"))
    min_grade = rules.param("bk_ttg_min_grade")
    need_cs = int(rules.param("bk_ttg_cstdcs_count"))
    prior_codes = rules.param("bk_ttg_prior_awards")
    conds = [hold_condition(h, year, rules), discipline_condition(h, year, rules)]
    prior = sorted(
        a.year
        for a in counted_awards(h.awards, rules)
        if a.code in prior_codes and a.year is not None and a.year <= year
    )
    if prior:
        conds.append(Condition("PRIOR", f"Đã có Bằng khen cấp bộ/tỉnh ({prior[-1]})", True, cite))
    else:
        conds.append(Condition("PRIOR", "Chưa có Bằng khen cấp bộ, ngành, tỉnh", False, cite))
    period = list(range(year - n + 1, year + 1))
    cutoff = used_cutoff(h.awards, ("BK_TTG",), rules)
    if cutoff is not None and cutoff >= period[0]:
        conds.append(
            Condition(
                "X3",
                f"Chưa đủ {two(n)} năm kể từ kỳ của Bằng khen Thủ tướng trước (đến năm {cutoff})",
                False,
                rules.cite("X3"),
            )
        )
    missing = [y for y in period if y not in h.grades]
    low = [
        y
        for y in period
        if y not in missing
        and grade_level(effective_grade(h, y, rules)[0]) < grade_level(min_grade)
    ]
    if low:
        conds.append(
            Condition(
                "GRADES",
                f"Chưa đủ {two(n)} năm liên tục {rules.words.grade(min_grade)} trở lên "
                f"(năm {years_text(low)} thấp hơn)",
                False,
                cite,
            )
        )
    elif missing:
        conds.append(Condition("GRADES", f"Chưa có xếp loại năm {years_text(missing)}", None, cite))
    else:
        conds.append(
            Condition(
                "GRADES",
                f"Có {two(n)} năm liên tục {rules.words.grade(min_grade)} trở lên "
                f"({period[0]}-{year})",
                True,
                cite,
            )
        )
    # CSTĐCS years an earlier CSTĐ or Bằng khen rested on do not count again (X3, X5)
    cs_all = {y for y in cstdcs_years(h, year, rules, prov) if y in period}
    cs_used = consumed_years(
        cs_all,
        counted_awards(h.awards, rules),
        basis=BASIS_CSTDCS,
        title="BK_TTG",
        year=year,
        rules=rules,
    )
    cs = sorted(cs_all - cs_used.keys())
    if len(cs) >= need_cs:
        conds.append(
            Condition(
                "CSTDCS",
                f"Có {two(len(cs))} lần CSTĐCS trong {two(n)} năm ({years_text(cs)})",
                True,
                cite,
                consumed=tuple((BASIS_CSTDCS, y) for y in cs),
            )
        )
    else:
        text, where = with_consumed(
            f"Chưa đủ {two(need_cs)} lần CSTĐCS trong {two(n)} năm (có: {years_text(cs)})",
            cite,
            consumed_text(cs_used, cs_all, rules),
            rules,
        )
        conds.append(Condition("CSTDCS", text, False, where))
    conds += manual_conditions(rules.param("bk_ttg_manual"), h.manual_unmet, cite)
    return conds


# --- Rule 12: Giấy khen của Giám đốc Sở -----------------------------------------------------


def rule_gk_so(
    h: PersonHistory, year: int, rules: RuleSet, prov: frozenset[str]
) -> list[Condition]:
    cite = rules.cite("GK_SO")
    return [
        hold_condition(h, year, rules),
        discipline_condition(h, year, rules),
        *manual_conditions(rules.param("gk_so_manual"), h.manual_unmet, cite),
    ]
