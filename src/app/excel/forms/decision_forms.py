"""Forms of a decision and of award history (issue 6).

- ``decision-annex`` -- "DANH SÁCH ... (Kèm theo Quyết định số ... ngày ... của ...)"
  (domain.md §7.3): the header block of the issuing body, the title in capitals, the
  attribution line in italics, sections "I. Cá nhân", "II. Tập thể" (when both are present),
  columns STT | Họ và tên | Chức vụ | Đơn vị, plus "Danh hiệu / Hình thức" when the lines award
  different titles and "Số sổ vàng" once golden-book numbers are assigned; "Danh sách gồm ...
  ./." at the end. An annex has no signature of its own (it belongs to the signed decision).
- ``bonus-list`` -- Danh sách chi tiền thưởng (§8.6): STT | Họ và tên | Đơn vị | Danh hiệu /
  Hình thức | Số quyết định | Hệ số | Mức lương cơ sở | Số tiền (đồng) | Ký nhận | Ghi chú, the
  base salary line with its legal basis, "Tổng cộng", "Số tiền bằng chữ: ...", and three
  signatures NGƯỜI LẬP BIỂU | KẾ TOÁN TRƯỞNG | THỦ TRƯỞNG ĐƠN VỊ. Money is written as numbers
  with the format ``#,##0``.
- ``award-history`` -- the award history of one person (with the grade of each year) or of one
  unit: year, grade, title or form, kind, decision number and date, authority, notes (revoked
  awards are struck through and noted).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from app.domain.vnformat import formal_date_line
from app.excel.forms.layout import SIGN_SIZE, Column, FormSheet, Signer, open_form, preparer_of
from app.excel.forms.metrics import row_height
from app.excel.forms.page import FONT_NAME, blank_workbook
from app.excel.forms.registrations import head_signer

if TYPE_CHECKING:
    from app.services.decision_reports import (
        AwardHistoryData,
        BonusListData,
        DecisionAnnexData,
    )

__all__ = [
    "ANNEX_CODE",
    "BONUS_CODE",
    "BONUS_COLUMNS",
    "HISTORY_CODE",
    "HISTORY_COLUMNS",
    "MONEY_FORMAT",
    "annex_columns",
    "build_annex",
    "build_bonus_list",
    "build_history",
    "template_annex",
    "template_bonus_list",
    "template_history",
    "thirds",
    "three_signatures",
]

ANNEX_CODE = "decision-annex"
ANNEX_NAME = "Danh sách kèm theo quyết định khen thưởng"
ANNEX_LANDSCAPE = False
BONUS_CODE = "bonus-list"
BONUS_NAME = "Danh sách chi tiền thưởng"
BONUS_LANDSCAPE = True
HISTORY_CODE = "award-history"
HISTORY_NAME = "Quá trình khen thưởng (cá nhân hoặc tập thể)"
HISTORY_LANDSCAPE = True
MONEY_FORMAT = "#,##0"
COEFFICIENT_FORMAT = "0.0#"
DATE_FORMAT = "dd/mm/yyyy"


def _line(form: FormSheet, text: str, *, italic: bool = False, bold: bool = False) -> None:
    """A free text line across the table, left-aligned (notes, "bằng chữ"...)."""
    form.text(form.row, 1, form.ncols, text, italic=italic, bold=bold, align="left")
    form.fit_height(form.row, (text, 1, form.ncols, form.body_size, bold))
    form.row += 1


# =========================================================================== annex


def annex_columns(name_header: str, *, titles: bool, golden: bool) -> tuple[Column, ...]:
    columns = [
        Column("STT", 5.5, "center"),
        Column(name_header, 27 if titles else 25 if not golden else 24),
        Column("Chức vụ", 20 if titles else 19 if not golden else 18),
        Column("Đơn vị", 28 if titles else 25 if not golden else 24),
    ]
    if titles:
        columns.append(Column("Danh hiệu / Hình thức", 26))
    if golden:
        columns.append(Column("Số sổ vàng", 8, "center"))
    return tuple(columns)


def template_annex() -> Workbook:
    columns = annex_columns("Họ và tên", titles=False, golden=False)
    return blank_workbook("Danh sách kèm QĐ", [c.width for c in columns], landscape=False)


def build_annex(data: DecisionAnnexData) -> Workbook:
    """The list attached to a decision."""
    columns = annex_columns(data.name_header, titles=data.show_titles, golden=data.show_golden)
    landscape = data.show_titles
    form = open_form(ANNEX_CODE, "Danh sách kèm QĐ", columns, landscape=landscape)
    form.header_block(data.agency, on=None)
    form.blank(height=10)
    form.title(data.title)
    form.subtitle(data.attribution, bold=False, italic=True)
    if data.status_note:
        form.subtitle(data.status_note, bold=True, italic=True)
    form.blank(height=10)
    form.table_header()
    for section in data.sections:
        if section.label:
            form.section(section.label, section.name)
        for line in section.lines:
            values: list[object] = [line.stt, line.name, line.job_title, line.unit]
            if data.show_titles:
                values.append(line.title_name)
            if data.show_golden:
                values.append(line.golden_book_no if line.golden_book_no is not None else "")
            form.data_row(values)
    if not data.sections:
        form.note_row("Quyết định chưa có ai trong danh sách.")
    if data.closing:
        form.blank(height=6)
        form.text(form.row, 1, form.ncols, data.closing, italic=True)
        form.fit_height(form.row, (data.closing, 1, form.ncols, form.body_size, False))
        form.row += 1
    return form.finish()


# =========================================================================== bonus list

BONUS_COLUMNS = (
    Column("STT", 5, "center"),
    Column("Họ và tên", 19),
    Column("Đơn vị", 16),
    Column("Danh hiệu / Hình thức", 17),
    Column("Số quyết định", 11, "center"),
    Column("Hệ số", 6.5, "center", COEFFICIENT_FORMAT),
    Column("Mức lương cơ sở (đồng)", 11.5, "right", MONEY_FORMAT),
    Column("Số tiền (đồng)", 12, "right", MONEY_FORMAT),
    Column("Ký nhận", 11),
    Column("Ghi chú", 22),
)
AMOUNT_COL = 8
SIGNERS = (
    ("NGƯỜI LẬP BIỂU", "(Ký, ghi rõ họ tên)"),
    ("KẾ TOÁN TRƯỞNG", "(Ký, ghi rõ họ tên)"),
    ("THỦ TRƯỞNG ĐƠN VỊ", "(Ký, họ tên, đóng dấu)"),
)


def template_bonus_list() -> Workbook:
    return blank_workbook(
        "Chi tiền thưởng", [c.width for c in BONUS_COLUMNS], landscape=BONUS_LANDSCAPE
    )


def thirds(form: FormSheet) -> list[tuple[int, int]]:
    """Three column ranges of about a third of the width each (signature boxes, the header
    of a statistics form); each holds at least one column."""
    widths = [form.span_pt(c, c) for c in range(1, form.ncols + 1)]
    total, running = sum(widths), 0.0
    cuts: list[int] = []
    for col, width in enumerate(widths, start=1):
        running += width
        if len(cuts) < 2 and running >= total * (len(cuts) + 1) / 3 - width / 2:
            cuts.append(col)
    cuts += [form.ncols - 1] * (2 - len(cuts))
    first = min(cuts[0], form.ncols - 2)
    second = min(max(cuts[1], first + 1), form.ncols - 1)
    return [(1, first), (first + 1, second), (second + 1, form.ncols)]


def three_signatures(
    form: FormSheet, boxes: list[Signer], date_line: str, *, table_end: int | None = None
) -> None:
    """Three signature boxes side by side, the date line above the right one; kept on the
    page of the last table line (``table_end``, default the row above)."""
    table_end = table_end or form.row - 1
    form.blank(height=10)
    regions = thirds(form)
    right = regions[-1]
    form.text(form.row, right[0], right[1], date_line, size=SIGN_SIZE, italic=True)
    form.fit_height(form.row, (date_line, right[0], right[1], SIGN_SIZE, False))
    form.row += 1
    depth = max(len(b.heading) + (1 if b.hint else 0) for b in boxes)
    for i in range(depth):
        fits = []
        for box, (c1, c2) in zip(boxes, regions, strict=True):
            lines = [(h, False) for h in box.heading] + ([(box.hint, True)] if box.hint else [])
            if i < len(lines):
                value, hint = lines[i]
                form.text(form.row, c1, c2, value, size=SIGN_SIZE, bold=not hint, italic=hint)
                fits.append((value, c1, c2, float(SIGN_SIZE), not hint))
        form.fit_height(form.row, *fits)
        form.row += 1
    for _ in range(4):
        form.blank(height=20)
    for box, (c1, c2) in zip(boxes, regions, strict=True):
        if box.name:
            form.text(form.row, c1, c2, box.name, size=SIGN_SIZE, bold=True)
    form.ws.row_dimensions[form.row].height = row_height(1, SIGN_SIZE)
    form.row += 1
    # the last two lines go with the signatures, but one line at least stays under the header
    header_end = (form.table_rows or (0, 0))[1]
    form.keeps.append((max(table_end - 1, header_end + 2), form.row - 1))


def build_bonus_list(data: BonusListData) -> Workbook:
    """Danh sách chi tiền thưởng of one decision."""
    form = open_form(BONUS_CODE, "Chi tiền thưởng", BONUS_COLUMNS, landscape=BONUS_LANDSCAPE)
    form.header_block(data.agency, on=None)
    form.blank(height=10)
    form.title(data.title)
    form.subtitle(data.attribution, bold=False, italic=True)
    form.blank(height=6)
    _line(form, data.salary_line)
    if data.method_line:
        _line(form, data.method_line, italic=True)
    for warning in data.warnings:
        _line(form, f"Lưu ý: {warning}", italic=True, bold=True)
    form.blank(height=10)
    form.table_header()
    for line in data.lines:
        form.data_row(
            [
                line.stt,
                line.name,
                line.unit,
                line.title_name,
                line.decision_number,
                line.coefficient,
                line.base_salary,
                line.amount,
                "",
                line.note,
            ]
        )
    if not data.lines:
        form.note_row("Quyết định chưa có ai trong danh sách.")
    total_row = form.row
    form.text(total_row, 1, AMOUNT_COL - 1, "Tổng cộng", bold=True, border=True)
    cell = form.text(total_row, AMOUNT_COL, AMOUNT_COL, data.total, bold=True, border=True)
    cell.number_format = MONEY_FORMAT
    cell.alignment = Alignment(horizontal="right", vertical="center")
    for col in range(AMOUNT_COL + 1, form.ncols + 1):
        form.text(total_row, col, col, "", border=True)
    form.ws.row_dimensions[total_row].height = row_height(1, form.body_size)
    form.row += 1
    _line(form, f"Số tiền bằng chữ: {data.total_words}.", italic=True, bold=True)
    agency = data.agency.normalised()
    head = head_signer(agency, own_unit=False)
    boxes = [
        Signer(heading=(preparer_of(agency).heading[0],), hint=SIGNERS[0][1]),
        Signer(heading=(SIGNERS[1][0],), hint=SIGNERS[1][1]),
        Signer(heading=head.heading, hint=head.hint, name=head.name),
    ]
    three_signatures(form, boxes, formal_date_line(agency.place, data.on), table_end=total_row - 1)
    return form.finish()


# =========================================================================== award history

HISTORY_COLUMNS = (
    Column("STT", 5, "center"),
    Column("Năm", 9, "center"),
    Column("Xếp loại chất lượng", 14),
    Column("Danh hiệu thi đua / Hình thức khen thưởng", 30),
    Column("Loại hình", 12),
    Column("Số quyết định", 14, "center"),
    Column("Ngày ký", 11, "center", DATE_FORMAT),
    Column("Cấp quyết định", 22),
    Column("Ghi chú", 14),
)
TITLE_COL = 4


def template_history() -> Workbook:
    return blank_workbook(
        "Quá trình khen thưởng", [c.width for c in HISTORY_COLUMNS], landscape=HISTORY_LANDSCAPE
    )


def build_history(data: AwardHistoryData) -> Workbook:
    """The award history of one person or one unit."""
    form = open_form(
        HISTORY_CODE, "Quá trình khen thưởng", HISTORY_COLUMNS, landscape=HISTORY_LANDSCAPE
    )
    form.header_block(data.agency, on=None)
    form.blank(height=10)
    form.title(data.title)
    form.blank(height=6)
    for text in data.info:
        _line(form, text)
    form.blank(height=10)
    form.table_header()
    for stt, line in enumerate(data.lines, start=1):
        row = form.data_row(
            [
                stt,
                line.year_text,
                line.grade,
                line.title_name,
                line.award_type,
                line.decision_number,
                line.decision_date if line.decision_date is not None else "",
                line.authority,
                line.note,
            ]
        )
        if line.revoked:
            cell = form.ws.cell(row=row, column=TITLE_COL)
            cell.font = Font(name=FONT_NAME, size=form.body_size, strike=True)
    if not data.lines:
        form.note_row("Chưa có khen thưởng hay xếp loại nào.")
    agency = data.agency.normalised()
    form.signatures(
        head_signer(agency, own_unit=False),
        left=preparer_of(agency),
        date_line=formal_date_line(agency.place, data.on),
    )
    return form.finish()
