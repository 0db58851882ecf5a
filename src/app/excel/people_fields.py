"""The rows of the people imports (staff, grades, discipline) and the parse result.

Part of :mod:`app.excel.people_import`; plain frozen dataclasses, no database.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Generic, TypeVar

from app.domain.legacy_text import TextConversion
from app.excel.cells import CellIssue, SkippedRow
from app.excel.header import ColumnRef

__all__ = [
    "DisciplineRow",
    "GradeRow",
    "ParseResult",
    "PersonFields",
    "RowT",
    "StaffRow",
]


@dataclass(frozen=True, kw_only=True)
class PersonFields:
    """Identity columns shared by every people import. Empty text is ``""``.

    - ``full_name`` is cleaned (NFC); ``ho_dem``/``ten`` come from the two name columns
      when the file has them, else from splitting the full name on its last word.
    - ``gender``: "NAM", "NU" or ``None``.
    - ``birth_date`` is ``None`` when only the year is known; ``birth_year`` is then set.
    - ``unit_text``: the unit column (phòng ban), or else the current section title of the
      list ("I. Phòng Kế hoạch - Tài chính" -> "Phòng Kế hoạch - Tài chính").
    - ``agency_text``: the agency column when the file has one ("Tên đơn vị/tập thể công tác").
    - ``section``: the section title the row sits under, if any.
    - ``citizen_id``: digits only (9 or 12), ``None`` when empty or invalid.
    """

    row: int
    full_name: str
    ho_dem: str
    ten: str
    gender: str | None = None
    birth_date: date | None = None
    birth_year: int | None = None
    position_title: str = ""
    unit_text: str = ""
    agency_text: str = ""
    section: str | None = None
    staff_code: str | None = None
    citizen_id: str | None = None
    note: str = ""


@dataclass(frozen=True, kw_only=True)
class StaffRow(PersonFields):
    subject_category: str | None = None  # a person_categories code (LD_VU_SO, TRUC_TIEP...)
    # years in the sector (Kỷ niệm chương): None when the file does not say
    sector_start: date | None = None
    sector_break_months: int | None = None
    remote_area_years: int | None = None
    death_date: date | None = None


@dataclass(frozen=True, kw_only=True)
class GradeRow(PersonFields):
    year: int
    grade: str | None  # a grades code (HTXSNV ... KXL), None if unreadable
    grade_text: str  # as written in the file
    months_worked: int | None = None


@dataclass(frozen=True, kw_only=True)
class DisciplineRow(PersonFields):
    kind: str | None  # a discipline_kinds code, None if unreadable
    kind_text: str  # as written in the file
    start_date: date | None
    end_date: date | None = None
    decision_number: str = ""
    decision_date: date | None = None
    reason: str = ""
    # a hold's conclusion: KHONG_VI_PHAM / CO_VI_PHAM on ``concluded_on``, the penalty named
    outcome: str | None = None
    outcome_text: str = ""
    concluded_on: date | None = None
    penalty_kind: str | None = None


RowT = TypeVar("RowT", bound=PersonFields)


@dataclass(frozen=True)
class ParseResult(Generic[RowT]):
    """What a parser found in a file. A row with any issue is invalid; the caller decides
    whether to refuse the whole file or import only :attr:`valid_rows`."""

    file: Path
    sheet: str
    header_rows: tuple[int, ...]
    column_map: Mapping[str, ColumnRef]
    confident: bool
    rows: tuple[RowT, ...]
    issues: tuple[CellIssue, ...]
    skipped: tuple[SkippedRow, ...]
    warnings: tuple[str, ...] = ()
    preamble: tuple[str, ...] = ()  # the title rows above the header
    conversions: tuple[TextConversion, ...] = ()  # cells converted from TCVN3/VNI

    @property
    def invalid_row_numbers(self) -> tuple[int, ...]:
        return tuple(sorted({issue.row for issue in self.issues}))

    @property
    def valid_rows(self) -> tuple[RowT, ...]:
        bad = set(self.invalid_row_numbers)
        return tuple(r for r in self.rows if r.row not in bad)

    @property
    def is_valid(self) -> bool:
        """True when every row is valid (there may be no rows at all)."""
        return not self.issues

    def issues_for(self, row: int) -> tuple[CellIssue, ...]:
        return tuple(issue for issue in self.issues if issue.row == row)
