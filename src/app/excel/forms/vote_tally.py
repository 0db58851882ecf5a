"""The tally sheet of a Council session (``vote-tally``, domain.md §8.3) for the Ban kiểm phiếu.

One row per candidate voted on per candidate, in STT order: STT | Họ và tên | Ngày sinh | Đơn
vị | Danh hiệu đề nghị | Phát ra | Thu về | Hợp lệ | Đồng ý | Ghi chú, under the Nghị định
30/2020 header and "BẢNG TỔNG HỢP KẾT QUẢ KIỂM PHIẾU", signed by the Ban kiểm phiếu.

As the registration workbook does, the sheet is protected **without a password** and only the
four count cells and the note of each row are unlocked: the identity columns stay as exported,
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
from openpyxl.worksheet.datavalidation import DataValidation

from app.domain.settings import AgencySettings
from app.domain.vnformat import formal_date_line, format_date
from app.excel.forms.layout import Column, Signer, open_form
from app.excel.forms.page import blank_workbook

__all__ = [
    "CODE",
    "COLUMNS",
    "LANDSCAPE",
    "NAME",
    "PROP_FORM",
    "PROP_SESSION",
    "PROP_YEAR",
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
COLUMNS: Final = (
    Column("STT", 5.5, "center"),
    Column("Họ và tên", 24),
    Column("Ngày sinh", 11.5, "center", DATE_FORMAT),
    Column("Đơn vị", 24),
    Column("Danh hiệu đề nghị", 20),
    Column("Phát ra", 8, "center", group=COUNTS),
    Column("Thu về", 8, "center", group=COUNTS),
    Column("Hợp lệ", 8, "center", group=COUNTS),
    Column("Đồng ý", 8, "center", group=COUNTS),
    Column("Ghi chú", 14),
)
_EDITABLE: Final = (6, 7, 8, 9, 10)
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
    return blank_workbook(SHEET, [c.width for c in COLUMNS], landscape=LANDSCAPE)


def build(data: TallyLike) -> Workbook:
    """The tally sheet of one session (not saved)."""
    meeting = data.session
    form = open_form(CODE, SHEET, COLUMNS, landscape=LANDSCAPE)
    form.header_block(data.agency, on=None)
    form.blank(height=10)
    form.title("Bảng tổng hợp kết quả kiểm phiếu")
    where = f" - {meeting.place}" if meeting.place else ""
    form.subtitle(
        f"Phiên họp Hội đồng Thi đua - Khen thưởng ngày {format_date(meeting.meeting_date)}"
        f"{where} - xét khen thưởng năm {meeting.year}"
    )
    how = "bỏ phiếu kín" if data.secret else "biểu quyết công khai"
    form.subtitle(
        f"(Hình thức: {how}. Tổng số thành viên Hội đồng: {meeting.members_total}; số người "
        f"được bỏ phiếu: {data.voters}. Chỉ điền các cột số phiếu và ghi chú; để trống 'Phát ra', 'Thu về', "
        "'Hợp lệ' là bằng số người được bỏ phiếu)",
        bold=False,
        italic=True,
    )
    form.blank(height=10)
    form.table_header()
    first = form.row
    for r in data.rows:
        born: object = r.birth_date or ""
        form.data_row(
            [
                r.position,
                r.name,
                born,
                r.unit,
                r.title_name,
                r.issued,
                r.returned,
                r.valid,
                r.in_favour,
                "",
            ]
        )
    last = form.row - 1
    form.signatures(
        Signer(heading=("TRƯỞNG BAN KIỂM PHIẾU",), hint="(Ký, ghi rõ họ tên)"),
        left=Signer(heading=("CÁC THÀNH VIÊN BAN KIỂM PHIẾU",), hint="(Ký, ghi rõ họ tên)"),
        date_line=formal_date_line(data.agency.normalised().place, meeting.meeting_date),
    )
    wb = form.finish()
    ws = form.ws
    for row in range(first, last + 1):
        for col in _EDITABLE:
            ws.cell(row=row, column=col).protection = _UNLOCKED
    if last >= first:
        counts = DataValidation(
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
        counts.add(f"F{first}:I{last}")
        ws.add_data_validation(counts)
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    ws.protection.selectLockedCells = False
    ws.protection.selectUnlockedCells = False
    wb.custom_doc_props.append(StringProperty(name=PROP_FORM, value=CODE))
    wb.custom_doc_props.append(IntProperty(name=PROP_YEAR, value=meeting.year))
    wb.custom_doc_props.append(IntProperty(name=PROP_SESSION, value=meeting.id))
    return wb
