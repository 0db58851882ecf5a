"""Form "Danh sách cán bộ" (code ``staff-list``): active staff grouped by unit.

Columns: STT | Họ và tên | Giới tính | Ngày sinh | Chức vụ | Đơn vị | Ghi chú. Each unit starts
with a bold row ("I" | "Văn phòng Sở"); STT runs on through the whole list. A birth date is a
real date shown dd/mm/yyyy; when only the year is known the cell holds the year.

The data come from :func:`app.services.reports.staff_list_data`; this module only needs
objects with the attributes of the protocols below, so it never imports a service.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Protocol

from openpyxl import Workbook

from app.domain.settings import AgencySettings
from app.domain.vnformat import formal_date_line, format_date
from app.excel.forms.layout import Column, open_form, preparer_of, signer_of
from app.excel.forms.page import blank_workbook

__all__ = [
    "CODE",
    "COLUMNS",
    "LANDSCAPE",
    "NAME",
    "StaffGroupLike",
    "StaffLineLike",
    "StaffListLike",
    "build",
    "roman",
    "template_workbook",
]

CODE = "staff-list"
NAME = "Danh sách cán bộ"
SHEET_TITLE = "Danh sách cán bộ"
LANDSCAPE = True
COLUMNS = (
    Column("STT", 5.5, "center"),
    Column("Họ và tên", 23),
    Column("Giới tính", 8, "center"),
    Column("Ngày sinh", 12, "center", "dd/mm/yyyy"),
    Column("Chức vụ", 23),
    Column("Đơn vị", 36),
    Column("Ghi chú", 12),
)
DATE_FORMAT = "dd/mm/yyyy"
YEAR_FORMAT = "0"


class StaffLineLike(Protocol):
    @property
    def full_name(self) -> str: ...
    @property
    def gender(self) -> str: ...
    @property
    def birth_date(self) -> date | None: ...
    @property
    def birth_year(self) -> int | None: ...
    @property
    def position_title(self) -> str: ...
    @property
    def unit_name(self) -> str: ...
    @property
    def note(self) -> str: ...


class StaffGroupLike(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def lines(self) -> Sequence[StaffLineLike]: ...


class StaffListLike(Protocol):
    @property
    def agency(self) -> AgencySettings: ...
    @property
    def on(self) -> date: ...
    @property
    def scope(self) -> str | None: ...
    @property
    def groups(self) -> Sequence[StaffGroupLike]: ...


_ROMAN = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


def roman(n: int) -> str:
    """Roman numeral of a section number: 1 -> "I", 14 -> "XIV"."""
    if n < 1:
        raise ValueError("Roman numerals start at 1")
    out = []
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


def template_workbook() -> Workbook:
    """The shipped template ``resources/templates/staff-list.xlsx`` (layout, no content)."""
    return blank_workbook(SHEET_TITLE, [c.width for c in COLUMNS], landscape=LANDSCAPE)


def build(data: StaffListLike) -> Workbook:
    """The staff list as an openpyxl workbook (not saved)."""
    form = open_form(CODE, SHEET_TITLE, COLUMNS, landscape=LANDSCAPE)
    form.header_block(data.agency, on=data.on)
    form.blank(height=10)
    form.title("Danh sách cán bộ")
    if data.scope:
        form.subtitle(data.scope)
    total = sum(len(group.lines) for group in data.groups)
    form.subtitle(
        f"(Tính đến ngày {format_date(data.on)}; tổng số: {total} người)", bold=False, italic=True
    )
    form.blank(height=10)
    form.table_header()
    stt = 0
    for number, group in enumerate(data.groups, start=1):
        form.section(roman(number), group.name)
        for line in group.lines:
            stt += 1
            born: object = line.birth_date or line.birth_year or ""
            form.data_row(
                [
                    stt,
                    line.full_name,
                    line.gender,
                    born,
                    line.position_title,
                    line.unit_name,
                    line.note,
                ],
                formats={4: DATE_FORMAT if isinstance(born, date) else YEAR_FORMAT},
            )
    if not data.groups:
        form.note_row("Không có cán bộ nào.")
    form.signatures(
        signer_of(data.agency),
        left=preparer_of(data.agency),
        date_line=formal_date_line(data.agency.place, data.on),
    )
    return form.finish()
