"""The workbook a unit fills in to register (``registration-form``; domain.md §6.1, §8.1).

Sheets, in this order:

1. "Cá nhân" -- the Nghị định 30/2020 header (the agency above, the unit as issuing body),
   "DANH SÁCH ĐĂNG KÝ THI ĐUA NĂM <yyyy>", then one row per active person of the unit and its
   sub-units in standard order: STT | Họ và tên | Mã cán bộ | Ngày sinh | Giới tính | Chức
   vụ/Chức danh | Phòng/Đơn vị | Danh hiệu thi đua đăng ký | Ghi chú, pre-filled with what is
   already registered; signatures NGƯỜI LẬP BIỂU / THỦ TRƯỞNG ĐƠN VỊ.
2. "Tập thể" (landscape too) -- one row per unit (the unit and its current sub-units): STT | Tên đơn vị/tập
   thể | Mã đơn vị | Phân loại đơn vị | Danh hiệu thi đua đăng ký | Ghi chú.
3. "Hướng dẫn" -- how to fill it in, in Vietnamese.
4. "DanhMuc" (hidden) -- the titles offered: column A for individuals, column B for
   collectives. The drop-down lists (data validation) point at these ranges, so the list
   formula stays far below Excel's 255-character limit for inline lists.

Protection: "Cá nhân" and "Tập thể" are protected **without a password**; only the title and
note cells of the data rows are unlocked (column widths and row heights may still be changed).
A unit that needs to retype the table can unprotect the sheet (Review > Unprotect Sheet); the
importer finds the columns again by their headers.

The year and the unit code are stored as custom document properties (``TDKT_NAM``,
``TDKT_DON_VI``) so the importer can refuse a file of another year.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import Protocol

from openpyxl import Workbook
from openpyxl.packaging.custom import IntProperty, StringProperty
from openpyxl.styles import Alignment, Font, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from app.domain.settings import AgencySettings
from app.domain.vnformat import format_date
from app.excel.forms.engine import agency_values, header
from app.excel.forms.layout import Column, FormSheet
from app.excel.forms.metrics import lines_needed, row_height
from app.excel.forms.page import FONT_NAME, apply_page_setup
from app.excel.forms.registrations import TITLE
from app.excel.forms.template import (
    HEADER_TEXTS,
    PREPARER,
    Box,
    Field,
    FormModel,
    Template,
    Text,
    open_template,
)
from app.excel.forms.template import template_workbook as _template_workbook
from app.excel.registration_import import (
    COLLECTIVE_SHEET,
    INDIVIDUAL_SHEET,
    PROP_FORM,
    PROP_UNIT,
    PROP_YEAR,
)

__all__ = [
    "CODE",
    "COLLECTIVE_COLUMNS",
    "GUIDE_SHEET",
    "LIST_SHEET",
    "NAME",
    "PERSON_COLUMNS",
    "build",
    "template_workbook",
]

CODE = "registration-form"
NAME = "Bản đăng ký thi đua gửi đơn vị (tệp điền danh hiệu)"
GUIDE_SHEET = "Hướng dẫn"
LIST_SHEET = "DanhMuc"
LANDSCAPE = True
DATE_FORMAT = "dd/mm/yyyy"
PERSON_COLUMNS = (
    Column("STT", 5.5, "center"),
    Column("Họ và tên", 23),
    Column("Mã cán bộ", 10, "center"),
    Column("Ngày sinh", 11.5, "center", DATE_FORMAT),
    Column("Giới tính", 7.5, "center"),
    Column("Chức vụ/Chức danh", 21),
    Column("Phòng/Đơn vị", 24),
    Column("Danh hiệu thi đua đăng ký", 26),
    Column("Ghi chú", 14),
)
COLLECTIVE_COLUMNS = (
    Column("STT", 5.5, "center"),
    Column("Tên đơn vị/tập thể", 40),
    Column("Mã đơn vị", 14, "center"),
    Column("Phân loại đơn vị", 20),
    Column("Danh hiệu thi đua đăng ký", 28),
    Column("Ghi chú", 16),
)
_EDITABLE_PERSON = (8, 9)  # title and note columns
_EDITABLE_UNIT = (5, 6)
_UNLOCKED = Protection(locked=False)


class PersonLike(Protocol):
    @property
    def full_name(self) -> str: ...
    @property
    def staff_code(self) -> str: ...
    @property
    def birth_date(self) -> date | None: ...
    @property
    def birth_year(self) -> int | None: ...
    @property
    def gender(self) -> str: ...
    @property
    def position_title(self) -> str: ...
    @property
    def unit_name(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def note(self) -> str: ...


class UnitLike(Protocol):
    @property
    def code(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def category(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def note(self) -> str: ...


class FormDataLike(Protocol):
    @property
    def agency(self) -> AgencySettings: ...
    @property
    def year(self) -> int: ...
    @property
    def on(self) -> date: ...
    @property
    def unit_code(self) -> str: ...
    @property
    def unit_name(self) -> str: ...
    @property
    def campaign_name(self) -> str: ...
    @property
    def deadline(self) -> date | None: ...
    @property
    def people(self) -> Sequence[PersonLike]: ...
    @property
    def units(self) -> Sequence[UnitLike]: ...
    @property
    def individual_titles(self) -> Sequence[str]: ...
    @property
    def collective_titles(self) -> Sequence[str]: ...


_FIXED = "Cột cố định: tệp được nhập lại, chỉ đổi được độ rộng"
MODEL = FormModel(
    code=CODE,
    name=NAME,
    sheet=INDIVIDUAL_SHEET,
    landscape=LANDSCAPE,
    fields=tuple(
        Field(f"p{i}", c.header, width=c.width, note=_FIXED) for i, c in enumerate(PERSON_COLUMNS)
    ),
    texts=(
        *HEADER_TEXTS,
        Text("tieu_de", "Tên danh sách: {nam}", TITLE.replace("{year}", "{nam}")),
        Text(
            "doi_tuong", "Dòng dưới tên: {nhom} (Cá nhân, Tập thể), {don_vi}", "{nhom} - {don_vi}"
        ),
    ),
    boxes=(
        ("trai", PREPARER),
        ("phai", Box(("THỦ TRƯỞNG ĐƠN VỊ",), "(Ký, họ tên, đóng dấu)", label="Thủ trưởng đơn vị")),
    ),
)


def template_workbook() -> Workbook:
    return _template_workbook(MODEL)


def _hint(data: FormDataLike) -> str:
    deadline = f"; hạn gửi: {format_date(data.deadline)}" if data.deadline else ""
    return (
        "(Chọn danh hiệu ở cột 'Danh hiệu thi đua đăng ký'; để trống nếu không đăng ký"
        f"{deadline}; xem trang '{GUIDE_SHEET}')"
    )


def _values(data: FormDataLike) -> dict[str, object]:
    return {**agency_values(data.agency, data.on), "nam": data.year, "don_vi": data.unit_name}


def _top(form: FormSheet, tpl: Template, data: FormDataLike, who: str) -> None:
    header(form, tpl, data.agency, on=None)
    form.blank(height=10)
    form.title(tpl.text("tieu_de", **_values(data)))
    form.subtitle(tpl.text("doi_tuong", **_values(data), nhom=who))
    form.subtitle(_hint(data), bold=False, italic=True)
    form.blank(height=10)
    form.table_header()


def _signatures(form: FormSheet, tpl: Template, data: FormDataLike) -> None:
    values = _values(data)
    (l1, l2), (r1, r2) = form.regions()
    form.sign(
        [(tpl.box("trai", **values), (l1, l2)), (tpl.box("phai", **values), (r1, r2))],
        date_line=str(values["ngay_lap"]),
    )


def _protect(ws: Worksheet, rows: range, columns: Sequence[int], list_range: str) -> None:
    """Lock the sheet (no password), unlock the editable cells, add the drop-down list."""
    for r in rows:
        for c in columns:
            ws.cell(row=r, column=c).protection = _UNLOCKED
    if len(rows):
        title_col = get_column_letter(columns[0])
        dv = DataValidation(
            type="list",
            formula1=list_range,
            allow_blank=True,
            showDropDown=False,
            showErrorMessage=True,
            showInputMessage=True,
            errorStyle="stop",
            errorTitle="Danh hiệu không có trong danh sách",
            error="Chọn danh hiệu trong danh sách thả xuống, hoặc để trống nếu không đăng ký.",
            promptTitle="Danh hiệu thi đua đăng ký",
            prompt="Bấm mũi tên để chọn; để trống nếu không đăng ký.",
        )
        dv.add(f"{title_col}{rows.start}:{title_col}{rows.stop - 1}")
        ws.add_data_validation(dv)
    ws.page_setup.firstPageNumber = 1  # each sheet prints as its own document
    ws.page_setup.useFirstPageNumber = True
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    ws.protection.selectLockedCells = False
    ws.protection.selectUnlockedCells = False


def _people_sheet(form: FormSheet, tpl: Template, data: FormDataLike, list_range: str) -> None:
    _top(form, tpl, data, "Cá nhân")
    first = form.row
    for stt, p in enumerate(data.people, start=1):
        born: object = p.birth_date or p.birth_year or ""
        form.data_row(
            [
                stt,
                p.full_name,
                p.staff_code,
                born,
                p.gender,
                p.position_title,
                p.unit_name,
                p.title,
                p.note,
            ],
            formats={4: DATE_FORMAT if isinstance(born, date) else "0"},
        )
    rows = range(first, form.row)
    if not data.people:
        form.note_row("Đơn vị không có cán bộ đang công tác trong danh bạ của Sở.")
    _signatures(form, tpl, data)
    form.finish()
    _protect(form.ws, rows, _EDITABLE_PERSON, list_range)


def _units_sheet(wb: Workbook, tpl: Template, data: FormDataLike, list_range: str) -> Worksheet:
    ws = wb.create_sheet(COLLECTIVE_SHEET, 0)  # FormSheet writes on the first sheet
    for i, column in enumerate(COLLECTIVE_COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = column.width
    apply_page_setup(ws, landscape=LANDSCAPE)
    ws.sheet_view.showGridLines = False
    form = FormSheet(wb, COLLECTIVE_COLUMNS, tpl.info)
    _top(form, tpl, data, "Tập thể")
    first = form.row
    for stt, u in enumerate(data.units, start=1):
        form.data_row([stt, u.name, u.code, u.category, u.title, u.note])
    rows = range(first, form.row)
    _signatures(form, tpl, data)
    form.finish()
    _protect(ws, rows, _EDITABLE_UNIT, list_range)
    return ws


def _guide(wb: Workbook, data: FormDataLike) -> None:
    ws = wb.create_sheet(GUIDE_SHEET)
    ws.sheet_view.showGridLines = False
    deadline = format_date(data.deadline) if data.deadline else "theo văn bản hướng dẫn của Sở"
    lines: list[tuple[str, bool]] = [
        (f"HƯỚNG DẪN ĐIỀN BẢN ĐĂNG KÝ THI ĐUA NĂM {data.year}", True),
        (
            f"Đơn vị: {data.unit_name} (mã {data.unit_code}). Phong trào: {data.campaign_name}.",
            False,
        ),
        ("", False),
        (
            f"1. Trang '{INDIVIDUAL_SHEET}': mỗi dòng là một cán bộ đang công tác tại đơn vị (kể cả "
            f"đơn vị trực thuộc) theo danh bạ của Sở ngày {format_date(data.on)}. Bấm vào ô cột "
            "'Danh hiệu thi đua đăng ký', chọn danh hiệu trong danh sách thả xuống; để trống nếu "
            "cán bộ không đăng ký.",
            False,
        ),
        (
            f"2. Trang '{COLLECTIVE_SHEET}': chọn danh hiệu tập thể mà đơn vị (và từng đơn vị "
            "trực thuộc) đăng ký phấn đấu; để trống là 'Không đăng ký'.",
            False,
        ),
        (
            "3. Chỉ sửa được cột 'Danh hiệu thi đua đăng ký' và 'Ghi chú'. Các cột họ tên, mã cán "
            "bộ, ngày sinh... được khóa để Sở đối chiếu đúng người. Thông tin cán bộ sai, thiếu "
            "người hoặc người đã chuyển đi: ghi vào cột 'Ghi chú' hoặc báo bộ phận thi đua - "
            "khen thưởng của Sở.",
            False,
        ),
        (
            "4. Danh hiệu cá nhân thường đăng ký: Lao động tiên tiến; Chiến sĩ thi đua cơ sở "
            "(cần đạt Lao động tiên tiến và hoàn thành xuất sắc nhiệm vụ hoặc có sáng kiến); "
            "Chiến sĩ thi đua cấp tỉnh (cần 03 lần liên tục Chiến sĩ thi đua cơ sở); Bằng khen "
            "của Chủ tịch UBND tỉnh (cần 02 lần liên tục Chiến sĩ thi đua cơ sở hoặc 02 năm liên "
            "tục hoàn thành xuất sắc nhiệm vụ). Sở sẽ báo lại các đăng ký chưa đủ điều kiện theo "
            "lịch sử khen thưởng.",
            False,
        ),
        (
            "5. Trang tính được khóa KHÔNG có mật khẩu, chỉ để tránh sửa nhầm. Nếu đơn vị cần lập "
            "lại bảng (Xem lại > Bỏ bảo vệ trang tính), giữ các cột 'Họ và tên', 'Ngày sinh' hoặc "
            "'Mã cán bộ' và 'Danh hiệu thi đua đăng ký': chương trình của Sở vẫn đọc được, kể cả "
            "khi đổi thứ tự cột.",
            False,
        ),
        (
            "6. Không đổi tên trang tính, không dùng công thức; lưu tệp dạng .xlsx và gửi về Sở "
            f"trước hạn: {deadline}.",
            False,
        ),
    ]
    width = 90.0
    ws.column_dimensions["A"].width = width
    for r, (text, bold) in enumerate(lines, start=1):
        cell = ws.cell(row=r, column=1, value=text)
        size = 13 if bold else 12
        cell.font = Font(name=FONT_NAME, size=size, bold=bold)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        lines_count = lines_needed(text, width * 6, size, bold=bold)
        ws.row_dimensions[r].height = row_height(lines_count, size) + 3
    apply_page_setup(ws, landscape=False)
    ws.print_area = f"A1:A{len(lines)}"
    ws.page_setup.firstPageNumber = 1
    ws.page_setup.useFirstPageNumber = True


def _lists(wb: Workbook, data: FormDataLike) -> tuple[str, str]:
    ws = wb.create_sheet(LIST_SHEET)
    for r, name in enumerate(data.individual_titles, start=1):
        ws.cell(row=r, column=1, value=name)
    for r, name in enumerate(data.collective_titles, start=1):
        ws.cell(row=r, column=2, value=name)
    ws.sheet_state = "hidden"
    people = f"{LIST_SHEET}!$A$1:$A${max(1, len(data.individual_titles))}"
    units = f"{LIST_SHEET}!$B$1:$B${max(1, len(data.collective_titles))}"
    return people, units


def build(data: FormDataLike) -> Workbook:
    """The unit's registration workbook (not saved)."""
    tpl = open_template(MODEL)
    wb = tpl.workbook
    widths = {c.key: c.width for c in tpl.choices}
    columns = [
        replace(c, width=widths.get(f"p{i}") or c.width) for i, c in enumerate(PERSON_COLUMNS)
    ]
    for i, column in enumerate(columns, start=1):
        wb.worksheets[0].column_dimensions[get_column_letter(i)].width = column.width
    form = FormSheet(wb, columns, tpl.info)
    people_range, units_range = _lists(wb, data)
    _people_sheet(form, tpl, data, people_range)
    units = _units_sheet(wb, tpl, data, units_range)
    wb.move_sheet(units, offset=1)  # back behind "Cá nhân"
    _guide(wb, data)
    wb.move_sheet(LIST_SHEET, offset=len(wb.sheetnames) - 1 - wb.sheetnames.index(LIST_SHEET))
    wb.active = 0
    for ws in wb.worksheets:
        ws.sheet_view.tabSelected = ws is wb.worksheets[0]
    wb.custom_doc_props.append(StringProperty(name=PROP_FORM, value=CODE))
    wb.custom_doc_props.append(IntProperty(name=PROP_YEAR, value=data.year))
    wb.custom_doc_props.append(StringProperty(name=PROP_UNIT, value=data.unit_code))
    return wb
