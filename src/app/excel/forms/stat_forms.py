"""Statistics forms of Thông tư 02/2023/TT-BNV and the yearly summary (domain.md §8.7).

- ``stat-0601``, ``stat-0602``, ``stat-0603`` -- biểu 0601.N, 0602.N, 0603.N/BNV-TĐKT. The
  header of a statistics form (not the Nghị định 30 one): on the left "Biểu số: ...", "Ban hành
  theo Thông tư số 02/2023/TT-BNV ngày 23/3/2023", "Ngày nhận báo cáo: ..."; the title and the
  reporting period in the middle; "Đơn vị báo cáo" and "Đơn vị nhận báo cáo" on the right.
  The table: A (indicator), B (Mã số), C (Đơn vị tính, 0602 and 0603), then the counts
  numbered 1, 2, ...; heading rows "Chia theo ..." in bold. Notes under the table say what
  domain.md marks unverified and what the program assumed. Footer: the date line, "NGƯỜI LẬP
  BIỂU (Ký, họ tên)" on the left and "THỦ TRƯỞNG ĐƠN VỊ (Ký, họ tên, đóng dấu)" on the right.
- ``yearly-summary`` -- "BẢNG TỔNG HỢP KHEN THƯỞNG NĂM <yyyy>": units in tree order as rows,
  titles and forms as columns (grouped), the total per unit and a "Tổng cộng" row.

The forms take the DTOs of :mod:`app.services.decision_reports`; the row codes, labels and
column headers come with the data, this module lays them out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from app.domain.vnformat import formal_date_line
from app.excel.forms.layout import Column, FormSheet, Signer, open_form, preparer_of
from app.excel.forms.metrics import row_height, text_width_pt
from app.excel.forms.page import FONT_NAME, blank_workbook
from app.excel.forms.registrations import head_signer

if TYPE_CHECKING:
    from app.services.decision_reports import StatFormData, YearlySummaryData

__all__ = [
    "COUNT_FORMAT",
    "STAT_CODES",
    "SUMMARY_CODE",
    "build_stat",
    "build_yearly_summary",
    "number_labels",
    "stat_columns",
    "template_0601",
    "template_0602",
    "template_0603",
    "template_yearly_summary",
]

STAT_CODES = {"0601": "stat-0601", "0602": "stat-0602", "0603": "stat-0603"}
STAT_NAMES = {
    "0601": "Biểu 0601.N/BNV-TĐKT: Số phong trào thi đua",
    "0602": "Biểu 0602.N/BNV-TĐKT: Số lượng khen thưởng cấp Nhà nước",
    "0603": "Biểu 0603.N/BNV-TĐKT: Số lượng khen thưởng cấp bộ, ngành, tỉnh",
}
STAT_LANDSCAPE = True
SUMMARY_CODE = "yearly-summary"
SUMMARY_NAME = "Bảng tổng hợp khen thưởng theo đơn vị"
SUMMARY_LANDSCAPE = True
COUNT_FORMAT = "#,##0"
LABEL_WIDTH = {"0601": 40.0, "0602": 30.0, "0603": 44.0}
SOURCE = "Ban hành theo Thông tư số 02/2023/TT-BNV ngày 23/3/2023"
RECEIVED = "Ngày nhận báo cáo: Ngày 15 tháng 12 năm báo cáo"
HEAD_SIZE = 12
TITLE_SIZE = 13


def stat_columns(data: StatFormData) -> tuple[Column, ...]:
    """A (indicator) | B (Mã số) | C (Đơn vị tính, when the form has it) | the counts."""
    key = data.form_number[:4]
    columns = [Column("Chỉ tiêu", LABEL_WIDTH.get(key, 34.0)), Column("Mã số", 6, "center")]
    if data.has_unit_column:
        columns.append(Column("Đơn vị tính", 8, "center"))
    for col in data.columns:
        columns.append(Column(col.header, col.width, "center", COUNT_FORMAT, col.group))
    return tuple(columns)


def number_labels(data: StatFormData) -> list[str | int]:
    """The column-number row: A, B, (C,) 1, 2, ..."""
    letters: list[str | int] = ["A", "B", "C"] if data.has_unit_column else ["A", "B"]
    return [*letters, *range(1, len(data.columns) + 1)]


def _stat_header(form: FormSheet, data: StatFormData) -> None:
    """The header of a TT 02/2023 form: the form number and its legal source on the left, the
    reporting and receiving units on the right, then the title and the period, centred."""
    (l1, l2), (r1, r2) = form.regions()
    agency = data.agency.normalised()
    bands = (
        ((f"Biểu số: {data.form_number}", True, False), f"Đơn vị báo cáo: {agency.agency}"),
        ((SOURCE, False, True), f"Đơn vị nhận báo cáo: {data.receiver}"),
        ((RECEIVED, False, True), ""),
    )
    for (left, bold, italic), right in bands:
        form.text(form.row, l1, l2, left, size=HEAD_SIZE, bold=bold, italic=italic, align="left")
        fits = [(left, l1, l2, float(HEAD_SIZE), bold)]
        if right:
            form.text(form.row, r1, r2, right, size=HEAD_SIZE, align="left")
            fits.append((right, r1, r2, float(HEAD_SIZE), False))
        form.fit_height(form.row, *fits)
        form.row += 1
    form.blank(height=10)
    form.title(data.title, size=TITLE_SIZE + 1)
    form.subtitle(data.period, bold=False, italic=True)


def _number_row(form: FormSheet, labels: list[str | int]) -> None:
    assert form.table_rows is not None
    row = form.table_rows[1]
    for col, label in enumerate(labels, start=1):
        form.ws.cell(row=row, column=col).value = label


def _notes(form: FormSheet, notes: tuple[str, ...]) -> None:
    """ "Ghi chú:" and the notes under the table, in italics across the page."""
    if not notes:
        return
    form.blank(height=6)
    lines = [f"Ghi chú: {notes[0]}"] if len(notes) == 1 else ["Ghi chú:"]
    if len(notes) > 1:
        lines += [f"({i}) {note}" for i, note in enumerate(notes, start=1)]
    for text in lines:
        form.text(form.row, 1, form.ncols, text, italic=True, align="left")
        form.fit_height(form.row, (text, 1, form.ncols, form.body_size, False))
        form.row += 1


def _stat_signers(data: StatFormData | YearlySummaryData) -> tuple[Signer, Signer]:
    agency = data.agency.normalised()
    head = head_signer(agency, own_unit=False)
    preparer = Signer(heading=preparer_of(agency).heading, hint="(Ký, họ tên)")
    return preparer, head


def build_stat(data: StatFormData) -> Workbook:
    """One of the statistics forms 0601, 0602, 0603."""
    key = data.form_number[:4]
    columns = stat_columns(data)
    form = open_form(STAT_CODES.get(key, "stat"), f"Biểu {key}", columns, landscape=True)
    _stat_header(form, data)
    form.blank(height=8)
    if data.count_unit:
        form.text(form.row, 1, form.ncols, data.count_unit, italic=True, align="right")
        form.ws.row_dimensions[form.row].height = row_height(1, form.body_size)
        form.row += 1
    form.table_header()
    _number_row(form, number_labels(data))
    for row in data.rows:
        values: list[object] = [row.label, row.code]
        if data.has_unit_column:
            values.append(row.unit)
        values.extend(row.values if row.values is not None else [""] * len(data.columns))
        r = form.data_row(values)
        if row.values is None:  # a heading "Chia theo ..." stays with its first two lines
            form.keeps.append((r, r + 2))
        label = form.ws.cell(row=r, column=1)
        label.alignment = Alignment(
            horizontal="left", vertical="center", wrap_text=True, indent=row.indent
        )
        if row.bold or row.values is None:
            for col in range(1, form.ncols + 1):
                cell = form.ws.cell(row=r, column=col)
                cell.font = Font(name=FONT_NAME, size=form.body_size, bold=True)
    _notes(form, data.notes)
    preparer, head = _stat_signers(data)
    agency = data.agency.normalised()
    form.signatures(head, left=preparer, date_line=formal_date_line(agency.place, data.on))
    return form.finish()


def _template(key: str, counts: list[float], unit: bool) -> Workbook:
    widths = [LABEL_WIDTH[key], 6.0] + ([8.0] if unit else []) + counts
    return blank_workbook(f"Biểu {key}", widths, landscape=True)


def template_0601() -> Workbook:
    return _template("0601", [11.0] * 4, False)


def template_0602() -> Workbook:
    return _template("0602", [7.0] + [6.5] * 8 + [8.5] + [6.5] * 2 + [8.5] + [6.5] * 2, True)


def template_0603() -> Workbook:
    return _template("0603", [9.0, 10.0, 12.0, 12.0, 11.0], True)


# =========================================================================== yearly summary


def summary_columns(data: YearlySummaryData) -> tuple[Column, ...]:
    def width(short: str) -> float:
        return max(7.0, min(12.0, text_width_pt(short, 12, bold=True) / 6 + 1.5))

    return (
        Column("STT", 5, "center"),
        Column("Đơn vị", 36),
        Column("Tổng số", 8, "center", COUNT_FORMAT),
        *(Column(c.short, width(c.short), "center", COUNT_FORMAT, c.group) for c in data.columns),
    )


def template_yearly_summary() -> Workbook:
    widths = [5.0, 36.0, 8.0, 8.0, 8.0, 8.0, 8.0]
    return blank_workbook("Tổng hợp khen thưởng", widths, landscape=SUMMARY_LANDSCAPE)


def build_yearly_summary(data: YearlySummaryData) -> Workbook:
    """Bảng tổng hợp khen thưởng năm: counts per unit and title."""
    columns = summary_columns(data)
    form = open_form(SUMMARY_CODE, "Tổng hợp khen thưởng", columns, landscape=True)
    form.header_block(data.agency, on=None)
    form.blank(height=10)
    form.title(f"Bảng tổng hợp khen thưởng năm {data.year}")
    form.subtitle(
        f"(Danh hiệu thi đua và hình thức khen thưởng thành tích năm {data.year} theo đơn vị; "
        "không tính khen thưởng đã bị thu hồi)",
        bold=False,
        italic=True,
    )
    form.blank(height=10)
    form.table_header()
    for stt, row in enumerate(data.rows, start=1):
        r = form.data_row([stt, row.name, row.total, *row.values])
        form.ws.cell(row=r, column=2).alignment = Alignment(
            horizontal="left", vertical="center", wrap_text=True, indent=row.depth
        )
    if not data.rows:
        form.note_row("Chưa có đơn vị nào.")
    total = data.total
    r = form.data_row(["", total.name, total.total, *total.values])
    form.ws.cell(row=r, column=2).value = None
    form.ws.cell(row=r, column=1).value = total.name
    form.ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=2)
    for col in range(1, form.ncols + 1):
        cell = form.ws.cell(row=r, column=col)
        cell.font = Font(name=FONT_NAME, size=form.body_size, bold=True)
    preparer, head = _stat_signers(data)
    agency = data.agency.normalised()
    form.signatures(head, left=preparer, date_line=formal_date_line(agency.place, data.on))
    return form.finish()
