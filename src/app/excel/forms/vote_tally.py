"""The tally sheet of a Council session (``vote-tally``, domain.md §8.3) for the Ban kiểm phiếu.

One row per candidate voted on per candidate, in STT order: STT | Họ và tên | Ngày sinh | Đơn
vị | Danh hiệu đề nghị | Phát ra | Thu về | Hợp lệ | Đồng ý | Ghi chú, under the Nghị định
30/2020 header and "BẢNG TỔNG HỢP KẾT QUẢ KIỂM PHIẾU", signed by the Ban kiểm phiếu.

The columns, wording and signature boxes are the :data:`TALLY` model, written as the template
``resources/templates/vote-tally.xlsx`` that a file of the same name in the data folder
overrides (:mod:`app.excel.forms.template`). The columns the sheet is read back by (STT, Họ và
tên, Đồng ý: :data:`REQUIRED`) cannot be left out; their headers must stay ones the importer
knows (:mod:`app.excel.vote_tally_import`).

As the registration workbook does, the sheet is protected **without a password** and only the
count cells and the note of each row are unlocked: the identity columns stay as exported,
so the sheet read back (``tdkt import votes``, the Council tab) finds each row by its STT and
checks the name. The session's id and year are custom document properties
(:data:`PROP_SESSION`, ``TDKT_NAM``): a sheet of another session is refused.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Final, Protocol

from openpyxl import Workbook
from openpyxl.packaging.custom import IntProperty, StringProperty
from openpyxl.styles import Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from app.domain.settings import AgencySettings
from app.domain.vnformat import formal_date_line, format_date
from app.excel.forms.engine import agency_values, header, start_form
from app.excel.forms.save import ExportFileError
from app.excel.forms.template import (
    HEADER_TEXTS,
    Box,
    Field,
    FormModel,
    Text,
    open_template,
)
from app.excel.forms.template import template_workbook as model_workbook

__all__ = [
    "CODE",
    "COUNT_KEYS",
    "LANDSCAPE",
    "NAME",
    "PROP_FORM",
    "PROP_SESSION",
    "PROP_YEAR",
    "REQUIRED",
    "TALLY",
    "build",
    "template_workbook",
]

CODE: Final = "vote-tally"
NAME: Final = "Bảng kiểm phiếu Hội đồng (tệp Ban kiểm phiếu điền số phiếu)"
LANDSCAPE: Final = True
SHEET: Final = "Kiểm phiếu"
PROP_FORM: Final = "TDKT_BIEU_MAU"
PROP_YEAR: Final = "TDKT_NAM"
PROP_SESSION: Final = "TDKT_PHIEN_HOP"
DATE_FORMAT: Final = "dd/mm/yyyy"
COUNTS: Final = "Số phiếu"
COUNT_KEYS: Final = ("issued", "returned", "valid", "in_favour")
REQUIRED: Final = ("stt", "name", "in_favour")  # what the sheet is read back by
_READ_BACK = "đọc lại khi nhập kết quả: giữ cột, tiêu đề giữ tên chương trình nhận ra"


def _count(key: str, header: str) -> Field:
    return Field(
        key, header, "center", group=COUNTS, wrap=False, fill=False, min_width=7, note=_READ_BACK
    )


TALLY: Final = FormModel(
    code=CODE,
    name=NAME,
    sheet=SHEET,
    landscape=LANDSCAPE,
    fields=(
        Field("stt", "STT", "center", wrap=False, fill=False, note=_READ_BACK),
        Field("name", "Họ và tên", max_width=30, note=_READ_BACK),
        Field("birth", "Ngày sinh", "center", DATE_FORMAT, wrap=False, fill=False),
        Field("unit", "Đơn vị", max_width=30),
        Field("title", "Danh hiệu đề nghị", max_width=26),
        _count("issued", "Phát ra"),
        _count("returned", "Thu về"),
        _count("valid", "Hợp lệ"),
        _count("in_favour", "Đồng ý"),
        Field("note", "Ghi chú", min_width=14, note="Ban kiểm phiếu ghi"),
    ),
    texts=(
        *HEADER_TEXTS,
        Text("tieu_de", "Tên bảng", "Bảng tổng hợp kết quả kiểm phiếu"),
        Text(
            "phien_hop",
            "Dòng dưới tên: {ngay_hop}, {dia_diem} (' - nơi họp' khi có), {nam}",
            "Phiên họp Hội đồng Thi đua - Khen thưởng ngày {ngay_hop}{dia_diem} - xét khen "
            "thưởng năm {nam}",
        ),
        Text(
            "huong_dan",
            "Lời dặn Ban kiểm phiếu: {hinh_thuc} (bỏ phiếu kín / biểu quyết công khai), "
            "{tong_so} thành viên, {so_bo_phieu} người được bỏ phiếu",
            "(Hình thức: {hinh_thuc}. Tổng số thành viên Hội đồng: {tong_so}; số người được bỏ "
            "phiếu: {so_bo_phieu}. Chỉ điền các cột số phiếu và ghi chú; để trống 'Phát ra', "
            "'Thu về', 'Hợp lệ' là bằng số người được bỏ phiếu)",
        ),
    ),
    boxes=(
        ("trai", Box(("CÁC THÀNH VIÊN BAN KIỂM PHIẾU",), "(Ký, ghi rõ họ tên)", label="Bên trái")),
        ("phai", Box(("TRƯỞNG BAN KIỂM PHIẾU",), "(Ký, ghi rõ họ tên)", label="Bên phải")),
    ),
)
_EDITABLE: Final = (*COUNT_KEYS, "note")
_UNLOCKED = Protection(locked=False)


class SessionLike(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def year(self) -> int: ...
    @property
    def meeting_date(self) -> date: ...
    @property
    def place(self) -> str | None: ...
    @property
    def members_total(self) -> int: ...


class RowLike(Protocol):
    @property
    def position(self) -> int: ...
    @property
    def name(self) -> str: ...
    @property
    def birth_date(self) -> date | None: ...
    @property
    def unit(self) -> str: ...
    @property
    def title_name(self) -> str: ...
    @property
    def issued(self) -> int | None: ...
    @property
    def returned(self) -> int | None: ...
    @property
    def valid(self) -> int | None: ...
    @property
    def in_favour(self) -> int | None: ...


class TallyLike(Protocol):
    @property
    def agency(self) -> AgencySettings: ...
    @property
    def session(self) -> SessionLike: ...
    @property
    def voters(self) -> int: ...
    @property
    def rows(self) -> Sequence[RowLike]: ...
    @property
    def secret(self) -> bool: ...


def template_workbook() -> Workbook:
    return model_workbook(TALLY)


def _record(row: RowLike) -> dict[str, object]:
    return {
        "stt": row.position,
        "name": row.name,
        "birth": row.birth_date or "",
        "unit": row.unit,
        "title": row.title_name,
        "issued": row.issued,
        "returned": row.returned,
        "valid": row.valid,
        "in_favour": row.in_favour,
        "note": "",
    }


def build(data: TallyLike) -> Workbook:
    """The tally sheet of one session (not saved)."""
    meeting = data.session
    tpl = open_template(TALLY)
    fields = tpl.fields()
    missing = [
        f.header for f in TALLY.fields if f.key in REQUIRED and f.key not in {x.key for x in fields}
    ]
    if missing:
        raise ExportFileError(
            f"Mẫu {tpl.info.describe()} bỏ cột {', '.join(missing)}: bảng kiểm phiếu cần các "
            "cột đó để nhập lại kết quả. Sửa mẫu (cột 'In' là 'có') rồi xuất lại."
        )
    records = [_record(r) for r in data.rows]
    # one sheet column per field: the cells unlocked and checked are found by key
    form = start_form(tpl, fields, records, divide=False)
    values = {
        **agency_values(data.agency),
        "ngay_hop": format_date(meeting.meeting_date),
        "dia_diem": f" - {meeting.place}" if meeting.place else "",
        "nam": meeting.year,
        "hinh_thuc": "bỏ phiếu kín" if data.secret else "biểu quyết công khai",
        "tong_so": meeting.members_total,
        "so_bo_phieu": data.voters,
    }
    header(form, tpl, data.agency, on=None)
    form.blank(height=10)
    form.title(tpl.text("tieu_de", **values))
    form.subtitle(tpl.text("phien_hop", **values))
    form.subtitle(tpl.text("huong_dan", **values), bold=False, italic=True)
    form.blank(height=10)
    form.table_header()
    first = form.row
    for record in records:
        form.record_row(record)
    last = form.row - 1
    (l1, l2), (r1, r2) = form.regions()
    form.sign(
        [(tpl.box("trai", **values), (l1, l2)), (tpl.box("phai", **values), (r1, r2))],
        date_line=formal_date_line(data.agency.normalised().place, meeting.meeting_date),
    )
    wb = form.finish()
    ws = form.ws
    editable = [c for c in (form.col(k) for k in _EDITABLE) if c is not None]
    for row in range(first, last + 1):
        for col in editable:
            ws.cell(row=row, column=col).protection = _UNLOCKED
    counts = [c for c in (form.col(k) for k in COUNT_KEYS) if c is not None]
    if last >= first and counts:
        check = DataValidation(
            type="whole",
            operator="between",
            formula1="0",
            formula2=str(max(meeting.members_total, 0)),
            allow_blank=True,
            showErrorMessage=True,
            errorStyle="stop",
            errorTitle="Số phiếu không hợp lệ",
            error=f"Số phiếu là số nguyên từ 0 đến {meeting.members_total}.",
        )
        for col in counts:
            letter = get_column_letter(col)
            check.add(f"{letter}{first}:{letter}{last}")
        ws.add_data_validation(check)
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    ws.protection.selectLockedCells = False
    ws.protection.selectUnlockedCells = False
    wb.custom_doc_props.append(StringProperty(name=PROP_FORM, value=CODE))
    wb.custom_doc_props.append(IntProperty(name=PROP_YEAR, value=meeting.year))
    wb.custom_doc_props.append(IntProperty(name=PROP_SESSION, value=meeting.id))
    return wb
