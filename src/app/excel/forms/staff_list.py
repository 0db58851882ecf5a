"""Form "Danh sách cán bộ" (code ``staff-list``): active staff grouped by unit.

Columns (the template's, :data:`STAFF`): STT | Họ và tên | Giới tính | Ngày sinh | Chức vụ |
Đơn vị | Ghi chú. Each unit starts
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
from app.domain.vnformat import format_date
from app.excel.forms.engine import agency_values, drop_same, header, start_form
from app.excel.forms.template import (
    HEADER_TEXTS,
    PREPARER,
    SIGNER,
    Field,
    FormModel,
    Text,
    open_template,
)
from app.excel.forms.template import template_workbook as _template_workbook

__all__ = [
    "CODE",
    "LANDSCAPE",
    "NAME",
    "STAFF",
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


STAFF = FormModel(
    code=CODE,
    name=NAME,
    sheet=SHEET_TITLE,
    landscape=LANDSCAPE,
    fields=(
        Field("stt", "STT", "center", wrap=False, fill=False),
        Field("name", "Họ và tên", max_width=26),
        Field("gender", "Giới tính", "center", wrap=False, fill=False),
        Field("birth", "Ngày sinh", "center", DATE_FORMAT, wrap=False, fill=False),
        Field("position", "Chức vụ", max_width=28),
        Field(
            "unit",
            "Đơn vị",
            max_width=40,
            same_drop=True,
            note="Bỏ khi mọi dòng cùng một đơn vị (đã ghi ở dòng nhóm)",
        ),
        Field("note", "Ghi chú", max_width=24, min_width=8),
    ),
    texts=(
        *HEADER_TEXTS,
        Text("tieu_de", "Tên danh sách", "Danh sách cán bộ"),
        Text(
            "tieu_de_phu",
            "Dòng dưới tên: {den_ngay}, {so_luong}",
            "(Tính đến ngày {den_ngay}; tổng số: {so_luong} người)",
        ),
        Text("trong", "Khi không có ai", "Không có cán bộ nào."),
    ),
    boxes=(("trai", PREPARER), ("phai", SIGNER)),
)


def template_workbook() -> Workbook:
    """The shipped template ``resources/templates/staff-list.xlsx``."""
    return _template_workbook(STAFF)


def build(data: StaffListLike) -> Workbook:
    """The staff list as an openpyxl workbook (not saved)."""
    tpl = open_template(STAFF)
    records: list[dict[str, object]] = []
    formats: list[str] = []
    for group in data.groups:
        for line in group.lines:
            born: object = line.birth_date or line.birth_year or ""
            records.append(
                {
                    "stt": len(records) + 1,
                    "name": line.full_name,
                    "gender": line.gender,
                    "birth": born,
                    "position": line.position_title,
                    "unit": line.unit_name,
                    "note": line.note,
                }
            )
            formats.append(DATE_FORMAT if isinstance(born, date) else YEAR_FORMAT)
    form = start_form(tpl, drop_same(tpl.fields(), records), records)
    values = {
        **agency_values(data.agency, data.on),
        "den_ngay": format_date(data.on),
        "so_luong": len(records),
    }
    header(form, tpl, data.agency, on=data.on)
    form.blank(height=10)
    form.title(tpl.text("tieu_de", **values))
    if data.scope:
        form.subtitle(data.scope)
    form.subtitle(tpl.text("tieu_de_phu", **values), bold=False, italic=True)
    form.blank(height=10)
    form.table_header()
    rows = iter(zip(records, formats, strict=True))
    for number, group in enumerate(data.groups, start=1):
        form.section(roman(number), group.name)
        for _line in group.lines:
            record, fmt = next(rows)
            form.record_row(record, formats={"birth": fmt})
    if not data.groups:
        form.note_row(tpl.text("trong", **values))
    (l1, l2), (r1, r2) = form.regions()
    form.sign(
        [(tpl.box("trai", **values), (l1, l2)), (tpl.box("phai", **values), (r1, r2))],
        date_line=str(values["ngay_lap"]),
    )
    return form.finish()
