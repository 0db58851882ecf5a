"""Parsing of staff lists, yearly grades and discipline records sent as Excel files.

The parsing half of issue 3: these functions read a workbook, recognise its columns
(:mod:`app.excel.table`) and return one frozen dataclass per data row plus the problems
found, cell by cell, in Vietnamese. They do not look anything up in the database: matching
people and units and writing is the job of the services, which decide what to do with
invalid rows (refuse the file, or skip the rows the clerk agrees to skip).

- :func:`parse_staff` -> :class:`ParseResult` of :class:`StaffRow`
- :func:`parse_grades` -> :class:`ParseResult` of :class:`GradeRow`
- :func:`parse_discipline` -> :class:`ParseResult` of :class:`DisciplineRow`

The code tables (grades, discipline kinds, person categories, unit kinds) come in as a
:class:`~app.domain.catalogue.CodeTables`; callers pass ``app.services.reference.codes()``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Final

from app.collector import collector_paused
from app.domain.catalogue import CodeTables
from app.domain.codes import Grade
from app.domain.vnformat import format_date
from app.domain.vntext import fold, fold_key
from app.excel.cells import CellIssue
from app.excel.header import TableSpec
from app.excel.hold_cells import read_conclusion
from app.excel.people_codes import (
    category_code_keys,
    discipline_code_keys,
    grade_code_keys,
    match_code,
    match_discipline_kind,
    match_grade,
)
from app.excel.people_fields import DisciplineRow, GradeRow, ParseResult, PersonFields, StaffRow
from app.excel.people_specs import discipline_spec, grade_spec, staff_spec
from app.excel.row_reader import RowReader, build_result, read_identity
from app.excel.sector_cells import read_sector
from app.excel.table import Table, read_opened, read_table
from app.excel.workbook import (
    DEFAULT_MAX_COMPRESSION_RATIO,
    DEFAULT_MAX_UNCOMPRESSED_BYTES,
    ImportFileError,
    OpenedWorkbook,
)

__all__ = [
    "DisciplineRow",
    "GradeRow",
    "ImportFileError",
    "ParseResult",
    "PersonFields",
    "StaffRow",
    "discipline_spec",
    "grade_spec",
    "match_discipline_kind",
    "match_grade",
    "parse_discipline",
    "parse_grades",
    "parse_staff",
    "staff_spec",
]


_MONTHS: Final = re.compile(r"^(\d{1,2})(?:[.,]0+)?(?: thang)?$")


# ---------------------------------------------------------------------------
# Parsers
# ---------------------------------------------------------------------------


def _read(
    path: str | Path,
    spec: TableSpec,
    sheet: str | None,
    mapping: Mapping[str, str | None] | None,
    header_row: int | None,
    max_uncompressed_bytes: int,
    max_compression_ratio: float,
    convert_legacy: bool = False,
    book: OpenedWorkbook | None = None,
) -> Table:
    if book is not None:  # the caller opened the workbook (the wizard lists its sheets too)
        return read_opened(
            book,
            spec,
            sheet=sheet,
            mapping=mapping,
            header_row=header_row,
            convert_legacy=convert_legacy,
        )
    return read_table(
        path,
        spec,
        sheet=sheet,
        mapping=mapping,
        header_row=header_row,
        max_uncompressed_bytes=max_uncompressed_bytes,
        max_compression_ratio=max_compression_ratio,
        convert_legacy=convert_legacy,
    )


@collector_paused
def parse_staff(
    path: str | Path,
    codes: CodeTables,
    *,
    sheet: str | None = None,
    mapping: Mapping[str, str | None] | None = None,
    header_row: int | None = None,
    today: date | None = None,
    max_uncompressed_bytes: int = DEFAULT_MAX_UNCOMPRESSED_BYTES,
    max_compression_ratio: float = DEFAULT_MAX_COMPRESSION_RATIO,
    convert_legacy: bool = False,
    book: OpenedWorkbook | None = None,
) -> ParseResult[StaffRow]:
    """Read a staff list. Raises :class:`ImportFileError` when the file cannot be read or
    has no header row with a name column; every other problem is a :class:`CellIssue`.

    Text typed in TCVN3/VNI is refused (:class:`~app.excel.legacy.LegacyEncodingError`)
    unless ``convert_legacy``; the converted cells are then in ``result.conversions``."""
    spec = staff_spec(codes)
    table = _read(
        path,
        spec,
        sheet,
        mapping,
        header_row,
        max_uncompressed_bytes,
        max_compression_ratio,
        convert_legacy,
        book=book,
    )
    now = today or date.today()
    category_keys = category_code_keys(codes)
    rows: list[StaffRow] = []
    issues: list[CellIssue] = []
    for trow in table.rows:
        reader = RowReader(table, trow, spec)
        identity = read_identity(reader, now)
        category: str | None = None
        if reader.value("subject_category") is not None:
            text = reader.text("subject_category")
            category = match_code(text, category_keys, contains=False)
            if category is None:
                reader.issue("subject_category", f"Không nhận ra phân loại đối tượng: '{text}'")
        sector = read_sector(reader, now)
        rows.append(StaffRow(**identity, subject_category=category, **sector))
        issues.extend(reader.issues)
    return build_result(table, spec, rows, issues)


def _months(reader: RowReader) -> int | None:
    value = reader.value("months")
    if value is None:
        return None
    months: int | None = None
    if isinstance(value, int | float) and not isinstance(value, bool):
        if float(value).is_integer():
            months = int(value)
    elif isinstance(value, str):
        m = _MONTHS.match(fold(value))
        if m:
            months = int(m.group(1))
    if months is None or not 0 <= months <= 12:
        reader.issue(
            "months",
            f"Số tháng công tác phải là số nguyên từ 0 đến 12: '{reader.text('months')}'",
        )
        return None
    return months


def parse_grades(
    path: str | Path,
    codes: CodeTables,
    *,
    year: int,
    sheet: str | None = None,
    mapping: Mapping[str, str | None] | None = None,
    header_row: int | None = None,
    today: date | None = None,
    max_uncompressed_bytes: int = DEFAULT_MAX_UNCOMPRESSED_BYTES,
    max_compression_ratio: float = DEFAULT_MAX_COMPRESSION_RATIO,
    convert_legacy: bool = False,
    book: OpenedWorkbook | None = None,
) -> ParseResult[GradeRow]:
    """Read the grades of ``year`` (one row per person). ``convert_legacy``: as
    :func:`parse_staff`."""
    if not 1900 <= year <= 2100:
        raise ValueError(f"Năm xếp loại không hợp lệ: {year}")
    spec = grade_spec(codes)
    table = _read(
        path,
        spec,
        sheet,
        mapping,
        header_row,
        max_uncompressed_bytes,
        max_compression_ratio,
        convert_legacy,
        book=book,
    )
    now = today or date.today()
    grade_keys = grade_code_keys(codes)
    valid_codes = {e.code for e in codes.table("grades")} or {g.value for g in Grade}
    rows: list[GradeRow] = []
    issues: list[CellIssue] = []
    for trow in table.rows:
        reader = RowReader(table, trow, spec)
        identity = read_identity(reader, now)
        grade_text = reader.text("grade")
        grade: str | None = None
        if not grade_text:
            reader.issue("grade", "Thiếu xếp loại")
        else:
            grade = match_code(grade_text, grade_keys, contains=False)
            if grade is None or grade not in valid_codes:
                grade = None
                reader.issue(
                    "grade",
                    f"Không nhận ra xếp loại: '{grade_text}' (ghi HTXSNV, HTTNV, HTNV, KHTNV "
                    "hoặc tên đầy đủ như 'Hoàn thành tốt nhiệm vụ')",
                )
        months = _months(reader)
        rows.append(
            GradeRow(
                **identity,
                year=year,
                grade=grade,
                grade_text=grade_text,
                months_worked=months,
            )
        )
        issues.extend(reader.issues)
    return build_result(table, spec, rows, issues)


def parse_discipline(
    path: str | Path,
    codes: CodeTables,
    *,
    sheet: str | None = None,
    mapping: Mapping[str, str | None] | None = None,
    header_row: int | None = None,
    today: date | None = None,
    max_uncompressed_bytes: int = DEFAULT_MAX_UNCOMPRESSED_BYTES,
    max_compression_ratio: float = DEFAULT_MAX_COMPRESSION_RATIO,
    convert_legacy: bool = False,
    book: OpenedWorkbook | None = None,
) -> ParseResult[DisciplineRow]:
    """Read discipline (and hold) records: one row per penalty. ``convert_legacy``: as
    :func:`parse_staff`."""
    spec = discipline_spec(codes)
    table = _read(
        path,
        spec,
        sheet,
        mapping,
        header_row,
        max_uncompressed_bytes,
        max_compression_ratio,
        convert_legacy,
        book=book,
    )
    now = today or date.today()
    kind_keys = discipline_code_keys(codes)
    rows: list[DisciplineRow] = []
    issues: list[CellIssue] = []
    for trow in table.rows:
        reader = RowReader(table, trow, spec)
        identity = read_identity(reader, now)
        kind_text = reader.text("kind")
        kind: str | None = None
        if not kind_text:
            reader.issue("kind", "Thiếu hình thức kỷ luật")
        else:
            kind = match_code(kind_text, kind_keys, contains=True)
            if kind is None:
                names = ", ".join(e.name for e in codes.table("discipline_kinds")[:6])
                reader.issue(
                    "kind", f"Không nhận ra hình thức kỷ luật: '{kind_text}' (dùng: {names}...)"
                )
        start = reader.date("start_date", required_label="ngày bắt đầu (Từ ngày)")
        end = reader.date("end_date")
        if start is not None and end is not None and end < start:
            reader.issue(
                "end_date",
                f"Ngày kết thúc {format_date(end)} trước ngày bắt đầu {format_date(start)}",
            )
        decision_date = reader.date("decision_date")
        conclusion = read_conclusion(reader, codes, kind, start, end)
        rows.append(
            DisciplineRow(
                **identity,
                kind=kind,
                kind_text=kind_text,
                start_date=start,
                end_date=end,
                decision_number=reader.text("decision_number"),
                decision_date=decision_date,
                reason=reader.text("reason"),
                **conclusion,
            )
        )
        issues.extend(reader.issues)

    def record_key(r: PersonFields) -> tuple[object, ...]:
        assert isinstance(r, DisciplineRow)
        return (r.kind or fold_key(r.kind_text), r.start_date)

    return build_result(table, spec, rows, issues, record_key)
