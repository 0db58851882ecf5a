"""Cross-cutting rules shared by the title rules (domain.md §4.1: X1-X4, X6, X9)."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from typing import Any

from app.domain.codes import GRADE_LEVEL
from app.domain.eligibility.model import (
    AwardInfo,
    Condition,
    DisciplineInfo,
    PersonHistory,
)
from app.domain.eligibility.rulesets import RuleSet

LEVELS: dict[str, int] = {str(k): v for k, v in GRADE_LEVEL.items()}
KXL = "KXL"
KHTNV = "KHTNV"

# Emulation titles (danh hiệu); the rest are forms (hình thức) - X6 separates the two.
TITLE_CODES = frozenset(
    {"LDTT", "CSTDCS", "CSTD_TINH", "CSTD_BO", "CSTDTQ", "TTLDTT", "TTLDXS", "CO_TINH", "CO_BO"}
)


_TWO = tuple(f"{n:02d}" for n in range(100))


def two(n: int) -> str:
    return _TWO[n] if 0 <= n < 100 else f"{n:02d}"


def years_text(years: Iterable[int]) -> str:
    listed = sorted(set(years))
    return ", ".join(str(y) for y in listed) if listed else "không năm nào"


def grade_level(grade: str | None) -> int:
    return LEVELS.get(grade or "", 0)


# --- awards (X4, X12) -------------------------------------------------------------------


def merit_types(rules: RuleSet) -> frozenset[str]:
    """The award types that count for merit titles under ``rules`` (computed once per rule set)."""
    found: frozenset[str] = rules.derived(
        "merit_types", lambda: frozenset(rules.param("merit_award_types"))
    )
    return found


# (awards, rules, result) of the last call: one reference, read and replaced atomically, so
# evaluations in two threads never mix their answers.
_LAST_COUNTED: list[tuple[Any, Any, tuple[AwardInfo, ...]]] = [(None, None, ())]


def counted_awards(awards: Iterable[AwardInfo], rules: RuleSet) -> tuple[AwardInfo, ...]:
    """Awards that can be a basis for merit titles: merit type (X4) and not revoked (X12).

    Every title of a person asks for the same list: the last answer is kept (by identity of
    the awards tuple and the rule set, both immutable) so it is computed once per person.
    """
    last_awards, last_rules, last_result = _LAST_COUNTED[0]
    if last_awards is awards and last_rules is rules:
        return last_result
    merit = merit_types(rules)
    result = tuple(a for a in awards if not a.revoked and a.award_type in merit)
    if isinstance(awards, tuple):
        _LAST_COUNTED[0] = (awards, rules, result)
    return result


def award_years(awards: Iterable[AwardInfo], codes: Collection[str], rules: RuleSet) -> set[int]:
    return {a.year for a in counted_awards(awards, rules) if a.code in codes and a.year is not None}


def run_ending(years: Collection[int], end: int) -> list[int]:
    """The consecutive years ending at ``end`` (empty if ``end`` is not in ``years``)."""
    run: list[int] = []
    y = end
    while y in years:
        run.append(y)
        y -= 1
    return sorted(run)


def used_cutoff(awards: Iterable[AwardInfo], codes: Collection[str], rules: RuleSet) -> int | None:
    """Last year of the achievement period of the latest earlier award among ``codes`` (X3)."""
    ends = [
        y
        for a in counted_awards(awards, rules)
        if a.code in codes and (y := a.last_period_year) is not None
    ]
    return max(ends) if ends else None


# --- holds and discipline (X1, X2) ------------------------------------------------------


def disciplines_in_year(disciplines: Iterable[DisciplineInfo], year: int) -> list[DisciplineInfo]:
    if not disciplines:  # most people: nothing to look at
        return []
    return [
        d
        for d in disciplines
        if not d.is_hold and not d.cleared and d.severity > 0 and d.overlaps_year(year)
    ]


def _period(d: DisciplineInfo) -> str:
    """ "từ 01/03/2025" or "01/03/2025 - 31/08/2025"."""
    if d.end is None:
        return f"từ {d.start:%d/%m/%Y}"
    return f"{d.start:%d/%m/%Y} - {d.end:%d/%m/%Y}"


def penalties_text(found: Iterable[DisciplineInfo]) -> str:
    """ "Khiển trách (01/03/2025 - 31/08/2025), Cảnh cáo (từ 01/02/2026)"."""
    return ", ".join(f"{d.label} ({_period(d)})" for d in sorted(found, key=lambda d: d.start))


def hold_condition(history: PersonHistory, year: int, rules: RuleSet) -> Condition:
    """X1: a hold bars while it is open on the day of the Council session (else the review
    date); concluded with no violation it never bars; with one, its penalty applies."""
    cite = rules.cite("HOLD")
    holds = [d for d in history.disciplines if d.is_hold] if history.disciplines else []
    when = history.review_words(year)
    if not holds:  # most people: one shared condition per review day
        return rules.derived(
            ("no_hold", when),
            lambda: Condition(
                "HOLD", f"Không thuộc trường hợp tạm chưa xét khen thưởng tại {when}", True, cite
            ),
        )
    day = history.review_date(year)
    open_now = [d for d in holds if not d.cleared and d.in_force_on(day)]
    if open_now:
        parts = []
        for d in sorted(open_now, key=lambda d: d.start):
            if d.concluded_on is not None:
                parts.append(
                    f"{d.label} từ {d.start:%d/%m/%Y}, kết luận ngày {d.concluded_on:%d/%m/%Y}"
                )
            elif d.end is not None:
                parts.append(f"{d.label} từ {d.start:%d/%m/%Y} đến {d.end:%d/%m/%Y}")
            else:
                parts.append(f"{d.label} từ {d.start:%d/%m/%Y}, chưa có kết luận")
        return Condition(
            "HOLD",
            f"Đang trong thời gian tạm chưa xét khen thưởng tại {when}: {'; '.join(parts)}",
            False,
            cite,
        )
    pending = [d for d in holds if d.violation and not d.penalty and d.start <= day]
    if pending:
        d = pending[0]
        on = f" ngày {d.concluded_on:%d/%m/%Y}" if d.concluded_on else ""
        return Condition(
            "HOLD",
            f"{d.label} đã kết luận có vi phạm{on} nhưng chưa ghi hình thức kỷ luật",
            None,
            cite,
        )
    notes = []
    for d in sorted(holds, key=lambda d: d.start):
        if d.start > day:
            continue
        on = f" ngày {d.concluded_on:%d/%m/%Y}" if d.concluded_on else ""
        if d.cleared:
            notes.append(f"{d.label} đã kết luận không vi phạm{on}")
        elif d.violation:
            notes.append(f"{d.label} đã kết luận có vi phạm{on} ({d.penalty})")
        elif d.until is not None:
            notes.append(f"{d.label} đã kết thúc ngày {d.until:%d/%m/%Y}")
    text = f"Không thuộc trường hợp tạm chưa xét khen thưởng tại {when}"
    return Condition("HOLD", f"{text}: {'; '.join(notes)}" if notes else text, True, cite)


def discipline_condition(history: PersonHistory, year: int, rules: RuleSet) -> Condition:
    found = disciplines_in_year(history.disciplines, year)
    cite = rules.cite("DISCIPLINE")
    if found:
        return Condition(
            "DISCIPLINE",
            f"Bị kỷ luật {penalties_text(found)} trong năm {year}",
            False,
            cite,
        )
    return rules.derived(
        ("no_discipline", year),
        lambda: Condition("DISCIPLINE", f"Không bị kỷ luật trong năm {year}", True, cite),
    )


def achievements_from(history: PersonHistory, year: int) -> tuple[int, DisciplineInfo] | None:
    """X2: achievements count only from the end of a penalty. The first year that counts
    after the latest penalty begun by the review date, with that penalty (None: no penalty).
    A penalty still in force on the review date leaves no year: ``year + 1``."""
    if not history.disciplines:
        return None
    day = history.review_date(year)
    best: tuple[int, DisciplineInfo] | None = None
    for d in history.disciplines:
        if d.is_hold or d.cleared or d.severity <= 0 or d.start > day:
            continue
        first = year + 1 if d.end is None or d.end >= day else d.end.year + 1
        if best is None or first > best[0]:
            best = (first, d)
    return best


def after_penalty(history: PersonHistory, year: int, years: Iterable[int]) -> set[int]:
    """The years of ``years`` whose achievements count (X2)."""
    cut = achievements_from(history, year)
    return {y for y in years if cut is None or y >= cut[0]}


def with_penalty_end(citation: str, note: str, rules: RuleSet) -> str:
    """``citation``, and X2's when a ``note`` says years were dropped for a penalty."""
    return f"{citation}; {rules.cite('PENALTY_END')}" if note else citation


def penalty_note(history: PersonHistory, year: int, years: Iterable[int]) -> str:
    """ "; năm 2023 trước khi hết thời hạn kỷ luật Cảnh cáo (31/08/2024) không được tính"
    when X2 dropped some of ``years``, else ""."""
    cut = achievements_from(history, year)
    if cut is None:
        return ""
    dropped = {y for y in years if y < cut[0]}
    if not dropped:
        return ""
    first, d = cut
    ends = f"đến {d.end:%d/%m/%Y}" if d.end is not None else "chưa hết thời hạn"
    return (
        f"; năm {years_text(dropped)} trước khi hết thời hạn kỷ luật {d.label} ({ends}) "
        "không được tính"
    )


# --- grades (X9) ------------------------------------------------------------------------


VIEN_CHUC = "VC"
VC_OLD_DECREE = "ND90_2020"


def grading(history: PersonHistory, year: int, rules: RuleSet) -> tuple[RuleSet, bool]:
    """The set ``year`` was graded under (X9 follows the grading year, not the Council's
    date) and whether the person is a viên chức still graded under Nghị định 90/2020 as
    amended (parameter ``vien_chuc_grading``; công chức follow the set: Nghị định 335/2025
    from 2026)."""
    graded = rules.grading_for(year)
    old_vc = history.staff_kind == VIEN_CHUC and graded.param("vien_chuc_grading") == VC_OLD_DECREE
    return graded, old_vc


def grade_citation(history: PersonHistory, year: int, rules: RuleSet) -> str:
    """The grading decree a changed grade of ``year`` cites."""
    graded, old_vc = grading(history, year, rules)
    return graded.cite("GRADE_VC" if old_vc else "GRADE")


def grade_penalties(history: PersonHistory, year: int, rules: RuleSet) -> list[DisciplineInfo]:
    """The penalties that make the grade of ``year`` KHTNV (X9): from the lightest
    ``khtnv_min_severity`` up, in force in the year, or (``khtnv_penalty_imposed_in_year``,
    Nghị định 335/2025 for công chức) imposed in it. Viên chức under Nghị định 90/2020: any
    penalty in force in the year."""
    found = disciplines_in_year(history.disciplines, year)
    if not found:
        return found
    graded, old_vc = grading(history, year, rules)
    if not graded.param("discipline_forces_khtnv"):
        return []
    least = int(graded.param("khtnv_min_severity"))
    imposed = not old_vc and bool(graded.param("khtnv_penalty_imposed_in_year"))
    return [d for d in found if d.severity >= least and (not imposed or d.start.year == year)]


# (grades, disciplines, staff kind, rules, {year: answer}) of the person asked last: every
# title asks for the same grades again. One reference, read and replaced atomically; the
# objects are held, so their identity cannot pass to new ones while they are kept.
_LAST_GRADES: list[tuple[Any, Any, Any, Any, dict[int, tuple[str | None, str]]]] = [
    (None, None, None, None, {})
]


def effective_grade(history: PersonHistory, year: int, rules: RuleSet) -> tuple[str | None, str]:
    """The grade that counts for ``year`` and, if X9 changed it, why (Vietnamese)."""
    grades, disciplines, kind = history.grades, history.disciplines, history.staff_kind
    last = _LAST_GRADES[0]
    if last[0] is grades and last[1] is disciplines and last[2] == kind and last[3] is rules:
        known = last[4]
    else:
        known = {}
        _LAST_GRADES[0] = (grades, disciplines, kind, rules, known)
    found = known.get(year)
    if found is None:
        found = known[year] = _effective_grade(history, year, rules)
    return found


def _effective_grade(history: PersonHistory, year: int, rules: RuleSet) -> tuple[str | None, str]:
    info = history.grades.get(year)
    if info is None:
        return None, ""
    if history.disciplines:
        found = grade_penalties(history, year, rules)
        if found:
            names = ", ".join(dict.fromkeys(d.label for d in sorted(found, key=lambda d: d.start)))
            return KHTNV, f"bị kỷ luật {names} nên xếp loại {rules.words.grade(KHTNV)}"
    min_months = min_months_for_grade(rules, year)
    if info.months_worked is not None and info.months_worked < min_months:
        return KXL, (
            f"làm việc {two(info.months_worked)} tháng (dưới {two(min_months)} tháng) "
            "nên không xếp loại"
        )
    return info.grade, ""


def min_months_for_grade(rules: RuleSet, year: int) -> int:
    """Months of work below which nobody is graded in ``year`` (X9)."""
    graded = rules.grading_for(year)
    found: int = graded.derived(
        "min_months_for_grade", lambda: int(graded.param("min_months_for_grade"))
    )
    return found


def grade_condition(
    history: PersonHistory,
    year: int,
    rules: RuleSet,
    *,
    key: str,
    label: str,
    min_grade: str,
    citation: str,
) -> Condition:
    grade, reason = effective_grade(history, year, rules)
    if grade is None:
        return Condition(key, f"Chưa có xếp loại năm {year} để xét {label}", None, citation)
    words = rules.words
    if grade_level(grade) >= grade_level(min_grade) and grade != KXL:
        return Condition(
            key, f"Xếp loại năm {year} là {words.grade(grade)} ({label})", True, citation
        )
    need = f"cần {words.grade(min_grade)} trở lên"
    if reason:
        return Condition(
            key,
            f"Chưa đạt {label}: năm {year} {reason}, {need}",
            False,
            grade_citation(history, year, rules),
        )
    what = "không xếp loại" if grade == KXL else words.grade(grade)
    return Condition(
        key, f"Chưa đạt {label}: xếp loại năm {year} là {what}, {need}", False, citation
    )


# --- manual conditions ------------------------------------------------------------------


def manual_conditions(
    spec: Sequence[Any], unmet: Collection[str], citation: str
) -> list[Condition]:
    """Conditions a person judges: met until the clerk marks the key unmet."""
    if not unmet:  # most people: the same conditions, made once per list and citation
        return list(_all_met(spec, citation))
    out: list[Condition] = []
    for item in spec:
        key, text = str(item["key"]), str(item["text"])
        if key in unmet:
            out.append(Condition(key, f"Không đạt: {text}", False, citation, manual=True))
        else:
            out.append(Condition(key, text, True, citation, manual=True))
    return out


# (spec, citation) -> the conditions, all met; the spec is kept so its id stays its own
_ALL_MET: dict[tuple[int, str], tuple[Sequence[Any], tuple[Condition, ...]]] = {}


def _all_met(spec: Sequence[Any], citation: str) -> tuple[Condition, ...]:
    key = (id(spec), citation)
    found = _ALL_MET.get(key)
    if found is None or found[0] is not spec:
        if len(_ALL_MET) > 256:  # rule sets come and go in tests and settings
            _ALL_MET.clear()
        conds = tuple(
            Condition(str(item["key"]), str(item["text"]), True, citation, manual=True)
            for item in spec
        )
        found = _ALL_MET[key] = (spec, conds)
    return found[1]


# Initiatives (X6) and years already used (X5): see ``consumption``.
