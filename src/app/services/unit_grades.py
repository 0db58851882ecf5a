"""Collective grades typed by the clerk (issue 5): a unit's "xếp loại tập thể" year by year.

The same records the ``tdkt import unit-grades`` import writes (one per unit and year, codes of
the ``grades`` table of ``codes.json``); the eligibility of collectives reads them. Every
change is audited (``UnitGrade`` is an audited model).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import Unit, UnitGrade
from app.domain.errors import ConflictError, NotFoundError, ValidationError
from app.domain.vntext import clean
from app.services.reference import codes

__all__ = [
    "FIRST_YEAR",
    "UnitGradeDTO",
    "delete_unit_grade",
    "grade_choices",
    "last_year",
    "list_unit_grades",
    "set_unit_grade",
    "validate_unit_grade",
]

FIRST_YEAR = 1990  # as for a person's grade (services.person_record.set_grade)
GRADE_TABLE = "grades"


@dataclass(frozen=True)
class UnitGradeDTO:
    id: int
    unit_id: int
    year: int
    grade: str
    grade_name: str
    note: str | None
    version: int = 0  # passed back when the grade is replaced or removed (optimistic locking)


def _dto(row: UnitGrade) -> UnitGradeDTO:
    name = codes().name_of(GRADE_TABLE, row.grade)
    return UnitGradeDTO(row.id, row.unit_id, row.year, row.grade, name, row.note, row.version)


def grade_choices() -> list[tuple[str, str]]:
    """(code, name) of every grade a collective may get, best first."""
    return [(e.code, e.name) for e in codes().table(GRADE_TABLE)]


def last_year(today: date | None = None) -> int:
    return (today or date.today()).year + 1


def validate_unit_grade(year: int, grade: str | None, today: date | None = None) -> list[str]:
    """Problems of a typed grade (no database needed), in Vietnamese."""
    problems = []
    if not FIRST_YEAR <= year <= last_year(today):
        problems.append(f"Năm {year} không hợp lệ (từ {FIRST_YEAR} đến {last_year(today)})")
    if not grade:
        problems.append("Chưa chọn xếp loại")
    elif grade not in {code for code, _ in grade_choices()}:
        problems.append(f"Xếp loại '{grade}' không có trong danh mục xếp loại")
    return problems


def _load_unit(session: Session, unit_id: int) -> Unit:
    unit = session.get(Unit, unit_id)
    if unit is None:
        raise NotFoundError(f"Không tìm thấy đơn vị id={unit_id}")
    return unit


def list_unit_grades(session: Session, unit_id: int) -> list[UnitGradeDTO]:
    """The grades of one unit, newest year first."""
    _load_unit(session, unit_id)
    rows = session.scalars(
        select(UnitGrade).where(UnitGrade.unit_id == unit_id).order_by(UnitGrade.year.desc())
    )
    return [_dto(row) for row in rows]


def set_unit_grade(
    session: Session,
    unit_id: int,
    year: int,
    grade: str,
    note: str | None = None,
    *,
    expected_version: int,
) -> UnitGradeDTO:
    """Record the unit's grade for ``year``, replacing the one already there for that year.

    ``expected_version``: the version of the year's grade the screen showed, 0 when it showed
    none; another clerk's grade saved meanwhile is not overwritten (:class:`ConflictError`).

    Refused (``ValidationError``) for a year out of range, a grade not in the catalogue, or a
    year the unit did not exist in (its history row of that year holds the grade: a renamed or
    merged unit's earlier years stay on its old row).
    """
    unit = _load_unit(session, unit_id)
    problems = validate_unit_grade(year, grade)
    if unit.valid_from is not None and year < unit.valid_from.year:
        problems.append(
            f"Đơn vị '{unit.full_name}' hoạt động từ {unit.valid_from:%d/%m/%Y}: "
            f"không có xếp loại năm {year}"
        )
    if unit.valid_to is not None and year > unit.valid_to.year:
        problems.append(
            f"Đơn vị '{unit.full_name}' đã kết thúc ngày {unit.valid_to:%d/%m/%Y}: "
            f"xếp loại năm {year} ghi cho đơn vị kế tiếp"
        )
    if problems:
        raise ValidationError(problems)
    row = session.scalar(
        select(UnitGrade).where(UnitGrade.unit_id == unit_id, UnitGrade.year == year)
    )
    ConflictError.check(row.version if row is not None else 0, expected_version)
    if row is None:
        row = UnitGrade(unit_id=unit_id, year=year)
        session.add(row)
    row.grade = grade
    row.note = clean(note) or None
    session.flush()
    return _dto(row)


def delete_unit_grade(session: Session, grade_id: int, *, expected_version: int) -> None:
    row = session.get(UnitGrade, grade_id)
    if row is None:
        raise NotFoundError("Không tìm thấy xếp loại tập thể này (có thể đã bị xóa)")
    ConflictError.check(row.version, expected_version)
    session.delete(row)
    session.flush()
