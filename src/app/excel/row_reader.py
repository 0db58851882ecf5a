"""Reading the identity columns of one people row, and building a :class:`ParseResult`.

Shared by the people imports (:mod:`app.excel.people_import`) and the registration workbook
(:mod:`app.excel.registration_import`): :class:`RowReader` reads typed values and collects
issues, :func:`read_identity` reads name, birth, gender, unit, codes..., and
:func:`build_result` adds the duplicate checks and sorts the issues.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal
from typing import Final, TypedDict

from app.domain.codes import Gender
from app.domain.vnformat import format_date, parse_date_or_year
from app.domain.vntext import clean, fold, fold_key, join_name, split_full_name
from app.excel.cells import CellIssue
from app.excel.header import ColumnRef, TableSpec
from app.excel.people_fields import ParseResult, PersonFields, RowT
from app.excel.table import Table, TableRow

__all__ = [
    "MAX_CHARS",
    "Identity",
    "RowReader",
    "build_result",
    "read_identity",
]


_MARKS: Final = frozenset({"x", "v", "✓", "✔", "√", "+", "*", "1", "co"})
_CITIZEN_SEPARATORS: Final = re.compile(r"[\s.\-']")
_MIN_AGE: Final = 15

MAX_CHARS: Final[Mapping[str, int]] = {
    "full_name": 200,
    "ho_dem": 120,
    "ten": 60,
    "position": 120,
    "unit": 255,
    "staff_code": 40,
    "decision_number": 60,
}
"""Longest text accepted in a field: the length of the database column it ends up in (a
longer value would be cut by one database and refused by another)."""


class RowReader:
    """Reads typed values from a :class:`TableRow` and collects issues."""

    def __init__(self, table: Table, row: TableRow, spec: TableSpec) -> None:
        self.table = table
        self.row = row
        self.spec = spec
        self.issues: list[CellIssue] = []
        self.bad_name = False
        for name, limit in MAX_CHARS.items():
            length = len(row.text(name)) if name in table.columns else 0
            if length > limit:
                self.issue(name, f"Dài quá {limit} ký tự ({length} ký tự)")

    def has(self, name: str) -> bool:
        return name in self.table.columns

    def issue(self, name: str, message: str) -> None:
        ref = self.table.columns.get(name)
        column = ref.letter if ref else ""
        header = ref.header if ref else self.spec.label(name)
        self.issues.append(CellIssue(self.row.row, column, name, header, message))

    def value(self, name: str) -> object:
        return self.row.value(name)

    def text(self, name: str) -> str:
        return self.row.text(name)

    def name_text(self, name: str) -> str:
        value = self.value(name)
        if value is None:
            return ""
        if not isinstance(value, str):
            self.issue(name, f"Họ tên không hợp lệ: '{self.text(name)}'")
            self.bad_name = True
            return ""
        if any(ch.isdigit() for ch in value):
            self.issue(name, f"Họ tên có chữ số: '{value}'")
        return value

    def date(self, name: str, *, required_label: str | None = None) -> date | None:
        value = self.value(name)
        if value is None:
            if required_label:
                self.issue(name, f"Thiếu {required_label}")
            return None
        try:
            day, year = parse_date_or_year(value)
        except ValueError as exc:
            self.issue(name, str(exc))
            return None
        if day is None and year is not None:
            self.issue(name, f"Chỉ có năm {year}, cần ngày đầy đủ dạng dd/mm/yyyy")
        return day


def _gender_from_text(text: str) -> str | None:
    key = fold(text).rstrip(".")
    if key in {"nam", "ong", "male", "m"}:
        return Gender.NAM.value
    if key in {"nu", "ba", "female", "f"}:
        return Gender.NU.value
    return None


def _is_mark(value: object) -> bool:
    if value is True:
        return True
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value == 1
    return isinstance(value, str) and fold(value) in _MARKS


def _citizen_id(reader: RowReader) -> str | None:
    value = reader.value("citizen_id")
    if value is None:
        return None
    digits: str
    if isinstance(value, bool):
        digits = ""
    elif isinstance(value, int | float | Decimal):
        if value != int(value) or value < 0:
            reader.issue("citizen_id", f"Số CCCD/CMND không hợp lệ: '{reader.text('citizen_id')}'")
            return None
        digits = str(int(value))
        # Typed as a number, Excel dropped the leading zeros (CCCD starts with 0xx).
        if len(digits) in (10, 11):
            digits = digits.zfill(12)
        elif len(digits) == 8:
            digits = digits.zfill(9)
    elif isinstance(value, str):
        digits = _CITIZEN_SEPARATORS.sub("", value)
    else:
        digits = ""
    if not digits.isdigit() or not digits.isascii():
        reader.issue("citizen_id", f"Số CCCD/CMND chỉ gồm chữ số: '{reader.text('citizen_id')}'")
        return None
    if len(digits) not in (9, 12):
        reader.issue(
            "citizen_id",
            f"Số CCCD/CMND phải có 9 hoặc 12 chữ số: '{reader.text('citizen_id')}' "
            f"({len(digits)} chữ số)",
        )
        return None
    return digits


def _code_text(reader: RowReader, name: str) -> str | None:
    value = reader.value(name)
    if value is None:
        return None
    return reader.text(name) or None


def _birth(reader: RowReader, today: date) -> tuple[date | None, int | None, str | None]:
    """(birth date, birth year, gender from the Nam/Nữ columns)."""
    birth_date: date | None = None
    birth_year: int | None = None
    col_gender: str | None = None
    if reader.value("birth") is not None:
        try:
            birth_date, birth_year = parse_date_or_year(reader.value("birth"))
        except ValueError as exc:
            reader.issue("birth", str(exc))
    male, female = reader.value("male"), reader.value("female")
    if male is not None and female is not None:
        reader.issue("female", "Cả cột Nam và cột Nữ đều có giá trị: chỉ ghi ở một cột")
    for name, gender, value in (("male", "NAM", male), ("female", "NU", female)):
        if value is None or col_gender is not None:
            continue
        col_gender = gender
        if _is_mark(value):
            continue
        try:
            day, year = parse_date_or_year(value)
        except ValueError as exc:
            reader.issue(name, str(exc))
            continue
        if birth_year is None:
            birth_date, birth_year = day, year
    if birth_year is not None:
        name = (
            "birth"
            if reader.value("birth") is not None
            else ("male" if male is not None else "female")
        )
        if birth_date is not None and birth_date > today:
            reader.issue(name, f"Ngày sinh {format_date(birth_date)} ở tương lai")
        elif birth_year > today.year - _MIN_AGE or birth_year < 1900:
            reader.issue(name, f"Năm sinh {birth_year} không hợp lý")
    return birth_date, birth_year, col_gender


def _gender(reader: RowReader, from_columns: str | None) -> str | None:
    gender: str | None = None
    if reader.value("gender") is not None:
        text = reader.text("gender")
        gender = _gender_from_text(text)
        if gender is None:
            reader.issue("gender", f"Giới tính không rõ: '{text}' (ghi Nam hoặc Nữ)")
    if from_columns is not None:
        if gender is not None and gender != from_columns:
            shown = "Nam" if from_columns == "NAM" else "Nữ"
            reader.issue("gender", f"Giới tính '{reader.text('gender')}' khác với cột {shown}")
        gender = gender or from_columns
    if gender is None and reader.value("salutation") is not None:
        gender = _gender_from_text(reader.text("salutation"))
    return gender


class Identity(TypedDict):
    row: int
    full_name: str
    ho_dem: str
    ten: str
    gender: str | None
    birth_date: date | None
    birth_year: int | None
    position_title: str
    unit_text: str
    agency_text: str
    section: str | None
    staff_code: str | None
    citizen_id: str | None
    note: str


def read_identity(reader: RowReader, today: date) -> Identity:
    ho_dem = reader.name_text("ho_dem") if reader.has("ho_dem") else ""
    ten = reader.name_text("ten") if reader.has("ten") else ""
    full = reader.name_text("full_name") if reader.has("full_name") else ""
    if full:
        split_ho_dem, split_ten = split_full_name(full)
        ho_dem, ten = ho_dem or split_ho_dem, ten or split_ten
        if join_name(ho_dem, ten) != full:
            ho_dem, ten = split_ho_dem, split_ten
    else:
        full = join_name(ho_dem, ten)
        if not ten and ho_dem:
            ho_dem, ten = split_full_name(ho_dem)
    name_field = (
        "full_name" if reader.has("full_name") else ("ten" if reader.has("ten") else "ho_dem")
    )
    if not full and not reader.bad_name:
        reader.issue(name_field, "Thiếu họ và tên")
    elif len(ten) > MAX_CHARS["ten"] or len(ho_dem) > MAX_CHARS["ho_dem"]:
        if not any(i.field in ("full_name", "ho_dem", "ten") for i in reader.issues):
            reader.issue(
                name_field,
                (
                    f"Họ tên không hợp lệ: tên dài quá {MAX_CHARS['ten']} ký tự hoặc họ và "
                    f"tên đệm dài quá {MAX_CHARS['ho_dem']} ký tự"
                ),
            )
    birth_date, birth_year, col_gender = _birth(reader, today)
    gender = _gender(reader, col_gender)
    unit = reader.text("unit")
    section = reader.row.section
    return Identity(
        row=reader.row.row,
        full_name=full,
        ho_dem=ho_dem,
        ten=ten,
        gender=gender,
        birth_date=birth_date,
        birth_year=birth_year,
        position_title=reader.text("position"),
        unit_text=unit or (section or ""),
        agency_text=reader.text("agency"),
        section=section,
        staff_code=_code_text(reader, "staff_code"),
        citizen_id=_citizen_id(reader),
        note=reader.text("note"),
    )


# ---------------------------------------------------------------------------
# Duplicates
# ---------------------------------------------------------------------------


def _name_key(full_name: str) -> str:
    return clean(full_name).casefold()


def _duplicate_issues(
    rows: list[PersonFields],
    columns: Mapping[str, ColumnRef],
    spec: TableSpec,
    extra_key: Callable[[PersonFields], tuple[object, ...]],
) -> list[CellIssue]:
    """ "Trùng với dòng 8" on the later of two rows for the same person (and same record)."""
    seen: dict[tuple[object, ...], int] = {}
    issues: list[CellIssue] = []

    def column(name: str) -> tuple[str, str, str]:
        ref = columns.get(name)
        if ref is None and name == "full_name":
            for alt in ("ten", "ho_dem"):
                if alt in columns:
                    return alt, columns[alt].letter, columns[alt].header
        return (name, ref.letter, ref.header) if ref else (name, "", spec.label(name))

    for r in rows:
        extra = extra_key(r)
        keys: list[tuple[tuple[object, ...], str, str]] = []
        if r.staff_code:
            keys.append((("code", fold_key(r.staff_code), *extra), "staff_code", "cùng mã cán bộ"))
        if r.citizen_id:
            keys.append((("cid", r.citizen_id, *extra), "citizen_id", "cùng số CCCD/CMND"))
        if r.full_name and r.birth_date:
            keys.append(
                (
                    ("name", _name_key(r.full_name), r.birth_date, *extra),
                    "full_name",
                    "cùng họ tên và ngày sinh",
                )
            )
        for key, name, why in keys:
            first = seen.get(key)
            if first is not None:
                field, letter, header = column(name)
                issues.append(
                    CellIssue(r.row, letter, field, header, f"Trùng với dòng {first} ({why})")
                )
                break
        for key, _name, _why in keys:
            seen.setdefault(key, r.row)
    return issues


# ---------------------------------------------------------------------------
# Result
# ---------------------------------------------------------------------------


def build_result(
    table: Table,
    spec: TableSpec,
    rows: list[RowT],
    issues: list[CellIssue],
    extra_key: Callable[[PersonFields], tuple[object, ...]] = lambda _r: (),
) -> ParseResult[RowT]:
    all_issues = [
        *table.issues,
        *issues,
        *_duplicate_issues(list(rows), table.columns, spec, extra_key),
    ]
    all_issues.sort(key=lambda i: (i.row, _column_order(i.column)))
    return ParseResult(
        file=table.file,
        sheet=table.sheet,
        header_rows=table.header_rows,
        column_map=dict(table.columns),
        confident=table.confident,
        rows=tuple(rows),
        issues=tuple(all_issues),
        skipped=table.skipped,
        warnings=table.warnings,
        preamble=table.preamble,
        conversions=table.conversions,
    )


def _column_order(letter: str) -> tuple[int, str]:
    return (len(letter), letter)
