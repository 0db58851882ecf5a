"""Pure helpers of the staff directory screen: display texts, sort values, search narrowing.

No Qt and no database here: the GUI models call these so the rules are testable without a
window. Sort values are plain integers built from the ranks ``list_people`` computed with the
Vietnamese collation (``PersonRow.name_order`` / ``standard_order``), so a view never compares
Python strings.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from app.domain.codes import HoldOutcome
from app.domain.people import grade_months_problem, query_tokens
from app.domain.person_facts import DisciplineFacts, discipline_problems
from app.domain.vnformat import format_date, parse_date, parse_date_or_year
from app.services.eligibility import min_grade_months
from app.services.people import DisciplineDTO, PersonRow, discipline_kinds
from app.services.reference import codes

# Columns of the people table, in display order.
NAME, BIRTH, GENDER, POSITION, UNIT, CATEGORY = range(6)
COLUMN_COUNT = 6

# Every sort value is BASE + key * STRIDE + standard_order: unique per row (so the order is
# total and the same in Python and in the proxy) and always a 64-bit integer for Qt.
STRIDE = 1 << 20  # more rows than any directory holds
BASE = 1 << 40
_NO_BIRTH = date.max.toordinal() + 1  # unknown birth dates sort last


def count_text(value: int) -> str:
    """Thousands with dots: 1200 -> "1.200"."""
    return f"{value:,}".replace(",", ".")


def birth_text(row: PersonRow) -> str:
    """dd/mm/yyyy, or the year alone when only the year is known."""
    if row.birth_date is not None:
        return format_date(row.birth_date)
    return str(row.birth_year) if row.birth_year else ""


def birth_ordinal(birth_date: date | None, birth_year: int | None) -> int:
    if birth_date is not None:
        return birth_date.toordinal()
    if birth_year:
        return date(birth_year, 1, 1).toordinal()
    return _NO_BIRTH


def gender_text(code: str | None) -> str:
    return codes().name_of("genders", code)


def category_text(code: str | None) -> str:
    return codes().name_of("person_categories", code)


def _index_in(table: str, code: str | None) -> int:
    entries = codes().table(table)
    for i, entry in enumerate(entries):
        if entry.code == code:
            return i
    return len(entries)


def sort_value(row: PersonRow, column: int) -> int:
    """The native sort value of ``row`` in ``column`` (ties broken by the standard order)."""
    if column == NAME:
        return BASE + row.name_order
    if column == BIRTH:
        key = birth_ordinal(row.birth_date, row.birth_year)
    elif column == GENDER:
        key = _index_in("genders", row.gender)
    elif column == POSITION:
        key = row.position_rank
    elif column == CATEGORY:
        key = _index_in("person_categories", row.subject_category)
    else:  # UNIT and anything else: "thứ tự chuẩn" (unit order, position rank, tên, họ đệm)
        key = 0
    return BASE + key * STRIDE + row.standard_order


def sorted_rows(
    rows: Iterable[PersonRow], column: int, descending: bool = False
) -> list[PersonRow]:
    """``rows`` in the order a view sorted on ``column`` shows them."""
    if column == UNIT:
        return sorted(rows, key=lambda r: r.standard_order, reverse=descending)
    if column == NAME:
        return sorted(rows, key=lambda r: r.name_order, reverse=descending)
    return sorted(rows, key=lambda r: sort_value(r, column), reverse=descending)


def narrows(previous: str, query: str) -> bool:
    """True when every row matching ``query`` also matches ``previous``.

    Then a search can filter the previous result instead of the whole list (typing "ngu"
    after "ng"): each token of the previous query starts some token of the new one (tokens
    match at the start of words).
    """
    old = query_tokens(previous)
    new = query_tokens(query)
    return all(any(u.startswith(t) for u in new) for t in old)


# ---------------------------------------------------------------- small dialog values


def read_date(text: str, label: str, problems: list[str], *, required: bool = False) -> date | None:
    """Parse a typed date ("05/02/2026", "5/2/26"...); append a Vietnamese problem if bad."""
    try:
        value = parse_date(text)
    except ValueError as exc:
        problems.append(f"{label}: {exc}")
        return None
    if value is None and required:
        problems.append(f"Chưa nhập {label.lower()}")
    return value


def read_birth(text: str, problems: list[str]) -> tuple[date | None, int | None]:
    """A typed date of birth; a bare year ("1985") is accepted as the year alone."""
    try:
        return parse_date_or_year(text)
    except ValueError as exc:
        problems.append(f"Ngày sinh: {exc}")
        return None, None


@dataclass(frozen=True)
class TransferValues:
    unit_id: int | None
    position_title: str
    effective: date | None


@dataclass(frozen=True)
class LeaveValues:
    left_date: date | None
    reason: str


@dataclass(frozen=True)
class GradeValues:
    year: int
    grade: str
    months_worked: int | None
    note: str


# the discipline dialog's values: a penalty, or a hold with how it ended
DisciplineValues = DisciplineFacts


@dataclass(frozen=True)
class MergePlan:
    keep_id: int | None
    drop_ids: tuple[int, ...]
    # person id -> the version the dialog showed (passed back: a record changed since is refused)
    versions: Mapping[int, int] = field(default_factory=dict)


def validate_transfer(v: TransferValues) -> list[str]:
    problems = []
    if v.unit_id is None:
        problems.append("Chưa chọn đơn vị chuyển đến")
    if v.effective is None:
        problems.append("Chưa nhập ngày hiệu lực")
    return problems


def validate_leave(v: LeaveValues, today: date) -> list[str]:
    problems = []
    if v.left_date is None:
        problems.append("Chưa nhập ngày nghỉ")
    elif v.left_date.year > today.year + 1:
        problems.append("Ngày nghỉ quá xa trong tương lai")
    if not v.reason.strip():
        problems.append("Chưa chọn lý do nghỉ")
    return problems


def validate_grade(v: GradeValues) -> list[str]:
    problems = []
    if not v.grade:
        problems.append("Chưa chọn xếp loại")
    months_problem = grade_months_problem(v.grade, v.months_worked, min_grade_months(v.year))
    if months_problem:
        problems.append(months_problem)
    return problems


def validate_discipline(v: DisciplineValues) -> list[str]:
    """What stops the discipline dialog (a penalty, or a hold with its conclusion)."""
    holds, penalties = discipline_kinds()
    return discipline_problems(v, holds=holds, penalties=penalties)


def conclusion_text(d: DisciplineDTO) -> str:
    """How a hold ended, for the discipline table ("" for a penalty)."""
    holds, _ = discipline_kinds()
    if d.kind not in holds:
        return ""
    if d.outcome is None:
        return "Chưa kết luận"
    on = f" ({format_date(d.concluded_on)})" if d.concluded_on else ""
    text = codes().name_of("hold_outcomes", d.outcome) + on
    if d.outcome == HoldOutcome.CO_VI_PHAM:
        penalty = codes().name_of("discipline_kinds", d.penalty_kind) if d.penalty_kind else ""
        text += f": {penalty}" if penalty else ": chưa ghi hình thức kỷ luật"
    return text


def validate_merge(plan: MergePlan) -> list[str]:
    if plan.keep_id is None:
        return ["Chưa chọn hồ sơ giữ lại"]
    if not plan.drop_ids:
        return ["Chọn ít nhất một hồ sơ khác để gộp vào hồ sơ giữ lại"]
    return []


def first_in(order: Sequence[int], wanted: set[int] | None) -> int | None:
    """The first id of ``order`` that is in ``wanted`` (e.g. the top unit of a filter)."""
    if not wanted:
        return None
    return next((i for i in order if i in wanted), None)
