"""Statistics forms of Thông tư 02/2023/TT-BNV and the yearly summary (domain.md §8.7).

- ``stat-0601`` ... ``stat-0605`` -- biểu 0601.N to 0605.N/BNV-TĐKT. The
  header of a statistics form (not the Nghị định 30 one): on the left "Biểu số: ...", "Ban hành
  theo Thông tư số 02/2023/TT-BNV ngày 23/3/2023", "Ngày nhận báo cáo: ..."; the title and the
  reporting period in the middle; "Đơn vị báo cáo" and "Đơn vị nhận báo cáo" on the right.
  The table: A (indicator), B (Mã số), C (Đơn vị tính, 0602 to 0605), then the counts
  numbered 1, 2, ...; heading rows "Chia theo ..." in bold; totals as SUM formulas. Nothing
  is printed under the table: assumptions are settings (:mod:`app.services.report_settings`)
  and what the clerk should check is shown on the screen. Footer: the date line, "NGƯỜI LẬP
  BIỂU (Ký, họ tên)" on the left and the agency's signer ("KT. GIÁM ĐỐC" / "PHÓ GIÁM ĐỐC"
  when a deputy signs, "(Ký, họ tên, đóng dấu)") on the right.
- ``yearly-summary`` -- "BẢNG TỔNG HỢP KHEN THƯỞNG NĂM <yyyy>": units in tree order as rows,
  titles and forms as columns (grouped), the total per unit and a "Tổng cộng" row (formulas).

The forms take the DTOs of :mod:`app.services.decision_reports`; the row codes, labels and
column headers come with the data, this module lays them out.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from app.excel.forms.engine import agency_values, header, start_form
from app.excel.forms.layout import FormSheet
from app.excel.forms.metrics import lines_needed, row_height
from app.excel.forms.page import FONT_NAME
from app.excel.forms.template import (
    HEAD,
    HEADER_TEXTS,
    Box,
    Field,
    FormModel,
    Template,
    Text,
    open_template,
    template_workbook,
)

if TYPE_CHECKING:
    from app.services.decision_reports import (
        StatFormData,
        StatRow,
        SummaryRow,
        YearlySummaryData,
    )

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
    "template_0604",
    "template_0605",
    "template_yearly_summary",
]

STAT_KEYS = ("0601", "0602", "0603", "0604", "0605")
STAT_CODES = {key: f"stat-{key}" for key in STAT_KEYS}
STAT_NAMES = {
    "0601": "Biểu 0601.N/BNV-TĐKT: Số phong trào thi đua",
    "0602": "Biểu 0602.N/BNV-TĐKT: Số lượng khen thưởng cấp Nhà nước",
    "0603": "Biểu 0603.N/BNV-TĐKT: Số lượng khen thưởng cấp bộ, ngành, tỉnh",
    "0604": "Biểu 0604.N/BNV-TĐKT: Số lượng tổ chức làm công tác thi đua, khen thưởng",
    "0605": "Biểu 0605.N/BNV-TĐKT: Số lượng công chức làm công tác thi đua, khen thưởng",
}
STAT_LANDSCAPE = True
PORTRAIT = {"0604", "0605"}  # a single count column or two: portrait
SUMMARY_CODE = "yearly-summary"
SUMMARY_NAME = "Bảng tổng hợp khen thưởng theo đơn vị"
SUMMARY_LANDSCAPE = True
COUNT_FORMAT = "#,##0"
HEAD_SIZE = 12
TITLE_SIZE = 13


def _stat_model(key: str) -> FormModel:
    return FormModel(
        code=STAT_CODES[key],
        name=STAT_NAMES[key],
        sheet=f"Biểu {key}",
        landscape=key not in PORTRAIT,
        fields=(
            Field("label", "Chỉ tiêu", max_width=48, min_width=26),
            Field("code", "Mã số", "center", wrap=False, fill=False),
            Field(
                "unit",
                "Đơn vị tính",
                "center",
                wrap=False,
                fill=False,
                note="Biểu có cột đơn vị tính",
            ),
            Field(
                "counts",
                "Các cột số liệu của biểu",
                family=True,
                note="Theo biểu mẫu của Thông tư, không đổi tên",
            ),
        ),
        texts=(
            Text("bieu_so", "Góc trái, dòng 1: {so_bieu}", "Biểu số: {so_bieu}"),
            Text(
                "ban_hanh",
                "Góc trái, dòng 2",
                "Ban hành theo Thông tư số 02/2023/TT-BNV ngày 23/3/2023",
            ),
            Text(
                "ngay_nhan", "Góc trái, dòng 3", "Ngày nhận báo cáo: Ngày 15 tháng 12 năm báo cáo"
            ),
            Text("don_vi_bao_cao", "Góc phải, dòng 1: {co_quan}", "Đơn vị báo cáo: {co_quan}"),
            Text(
                "don_vi_nhan",
                "Góc phải, dòng 2: {don_vi_nhan} (Thiết lập biểu thống kê)",
                "Đơn vị nhận báo cáo: {don_vi_nhan}",
            ),
            Text("tieu_de", "Tên biểu: {ten_bieu} (theo Thông tư)", "{ten_bieu}"),
            Text("ky_bao_cao", "Kỳ báo cáo: {ky}", "{ky}"),
        ),
        boxes=(
            ("trai", Box(("{nguoi_lap}",), "(Ký, họ tên)", label="Người lập biểu")),
            ("phai", HEAD),
        ),
    )


STAT_MODELS = {key: _stat_model(key) for key in STAT_KEYS}


def stat_columns(data: StatFormData) -> dict[str, list[Field]]:
    """The count columns of a statistics form (its family "counts"), numbered 1, 2..."""
    return {
        "counts": [
            Field(f"c{i}", col.header, "center", COUNT_FORMAT, col.group, wrap=False, fill=False)
            for i, col in enumerate(data.columns)
        ]
    }


def number_labels(data: StatFormData, keys: Sequence[str]) -> list[str | int]:
    """The column-number row: A, B, (C,) 1, 2, ..."""
    letters = {"label": "A", "code": "B", "unit": "C"}
    out: list[str | int] = []
    number = 0
    for key in keys:
        if key in letters:
            out.append(letters[key])
        elif key:
            number += 1
            out.append(number)
        else:
            out.append("")
    return out


def _stat_header(
    form: FormSheet, tpl: Template, data: StatFormData, values: dict[str, object]
) -> None:
    """The header of a TT 02/2023 form: the form number and its legal source on the left, the
    reporting and receiving units on the right, then the title and the period, centred."""
    (l1, l2), (r1, r2) = form.regions()
    bands = (
        ((tpl.text("bieu_so", **values), True, False), tpl.text("don_vi_bao_cao", **values)),
        ((tpl.text("ban_hanh", **values), False, True), tpl.text("don_vi_nhan", **values)),
        ((tpl.text("ngay_nhan", **values), False, True), ""),
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
    form.title(tpl.text("tieu_de", **values), size=TITLE_SIZE + 1)
    form.subtitle(tpl.text("ky_bao_cao", **values), bold=False, italic=True)


def _number_row(form: FormSheet, labels: list[str | int]) -> None:
    assert form.table_rows is not None
    row = form.table_rows[1]
    for col, label in enumerate(labels, start=1):
        if label != "":
            form.ws.cell(row=row, column=col).value = label


def _stat_values(data: StatFormData | YearlySummaryData) -> dict[str, object]:
    return agency_values(data.agency, data.on)


def _stat_record(row: StatRow, n: int) -> dict[str, object]:
    record: dict[str, object] = {"label": row.label, "code": row.code, "unit": row.unit}
    for i in range(n):
        record[f"c{i}"] = row.values[i] if row.values is not None else ""
    return record


def build_stat(data: StatFormData) -> Workbook:
    """One of the statistics forms 0601 to 0605: totals are SUM formulas (the "Tổng số"
    column of the others, a total row of its parts), their values stored with them."""
    key = data.form_number[:4]
    tpl = open_template(STAT_MODELS.get(key, STAT_MODELS["0603"]))
    available = {"label", "code", "counts"} | ({"unit"} if data.has_unit_column else set())
    fields = tpl.fields(available, families=stat_columns(data))
    records = [_stat_record(row, len(data.columns)) for row in data.rows]
    form = start_form(tpl, fields, records, divide=False)
    values = {
        **_stat_values(data),
        "so_bieu": data.form_number,
        "don_vi_nhan": data.receiver,
        "ten_bieu": data.title,
        "ky": data.period,
    }
    _stat_header(form, tpl, data, values)
    form.blank(height=8)
    if data.count_unit:
        form.text(form.row, 1, form.ncols, data.count_unit, italic=True, align="right")
        form.ws.row_dimensions[form.row].height = row_height(1, form.body_size)
        form.row += 1
    form.table_header()
    _number_row(form, number_labels(data, form.keys))
    rows_of: dict[str, int] = {}
    for row, record in zip(data.rows, records, strict=True):
        r = form.record_row(record)
        if row.code:
            rows_of[row.code] = r
        if row.values is None:  # a heading "Chia theo ..." stays with its first two lines
            form.keeps.append((r, r + 2))
        label_col = form.col("label") or 1
        form.ws.cell(row=r, column=label_col).alignment = Alignment(
            horizontal="left", vertical="center", wrap_text=True, indent=row.indent
        )
        if row.bold or row.values is None:
            for col in range(1, form.ncols + 1):
                cell = form.ws.cell(row=r, column=col)
                cell.font = Font(name=FONT_NAME, size=form.body_size, bold=True)
            height = form.ws.row_dimensions[r].height or 0.0
            bold = row_height(
                lines_needed(
                    row.label,
                    form.span_pt(label_col, form.last_of(label_col)),
                    form.body_size,
                    bold=True,
                ),
                form.body_size,
            )
            form.ws.row_dimensions[r].height = max(float(height), bold)
    _stat_formulas(form, data, rows_of)
    (l1, l2), (r1, r2) = form.regions()
    form.sign(
        [(tpl.box("trai", **values), (l1, l2)), (tpl.box("phai", **values), (r1, r2))],
        date_line=str(values["ngay_lap"]),
    )
    return form.finish()


def _stat_formulas(form: FormSheet, data: StatFormData, rows_of: dict[str, int]) -> None:
    """The totals as formulas: "Tổng số" (column 1) = SUM of the other counts of the row; a
    row that adds up others (01 = 02 + 04 + 05) = their sum, column by column."""
    cols = [form.col(f"c{i}") for i in range(len(data.columns))]
    for row in data.rows:
        if row.values is None or row.code not in rows_of:
            continue
        r = rows_of[row.code]
        for i, col in enumerate(cols):
            if col is None:
                continue
            letter = get_column_letter(col)
            others = [c for c in cols[1:] if c is not None]
            if data.total_column and i == 0 and others and len(others) == len(cols) - 1:
                first, last = get_column_letter(others[0]), get_column_letter(others[-1])
                form.formula(r, col, f"=SUM({first}{r}:{last}{r})", row.values[0])
            elif row.sums and all(code in rows_of for code in row.sums):
                parts = "+".join(f"{letter}{rows_of[code]}" for code in row.sums)
                form.formula(r, col, f"={parts}", row.values[i])


def _template(key: str) -> Workbook:
    return template_workbook(STAT_MODELS[key])


def template_0601() -> Workbook:
    return _template("0601")


def template_0602() -> Workbook:
    return _template("0602")


def template_0603() -> Workbook:
    return _template("0603")


def template_0604() -> Workbook:
    return _template("0604")


def template_0605() -> Workbook:
    return _template("0605")


# =========================================================================== yearly summary

SUMMARY = FormModel(
    code=SUMMARY_CODE,
    name=SUMMARY_NAME,
    sheet="Tổng hợp khen thưởng",
    landscape=SUMMARY_LANDSCAPE,
    fields=(
        Field("stt", "STT", "center", wrap=False, fill=False),
        Field("name", "Đơn vị", max_width=44),
        Field("total", "Tổng số", "center", COUNT_FORMAT, wrap=False, fill=False),
        Field("titles", "Các cột danh hiệu, hình thức", family=True),
    ),
    texts=(
        *HEADER_TEXTS,
        Text("tieu_de", "Tên bảng: {nam}", "Bảng tổng hợp khen thưởng năm {nam}"),
        Text(
            "tieu_de_phu",
            "Dòng dưới tên: {nam}",
            "(Danh hiệu thi đua và hình thức khen thưởng thành tích năm {nam} theo đơn vị; "
            "không tính khen thưởng đã bị thu hồi)",
        ),
        Text("tong_cong", "Dòng tổng", "Tổng cộng"),
        Text("trong", "Khi không có đơn vị", "Chưa có đơn vị nào."),
    ),
    boxes=(("trai", Box(("{nguoi_lap}",), "(Ký, họ tên)", label="Người lập biểu")), ("phai", HEAD)),
)


def summary_columns(data: YearlySummaryData) -> dict[str, list[Field]]:
    return {
        "titles": [
            Field(f"t{i}", c.short, "center", COUNT_FORMAT, c.group, wrap=False, fill=False)
            for i, c in enumerate(data.columns)
        ]
    }


def template_yearly_summary() -> Workbook:
    return template_workbook(SUMMARY)


def build_yearly_summary(data: YearlySummaryData) -> Workbook:
    """Bảng tổng hợp khen thưởng năm: counts per unit and title; "Tổng số" and "Tổng cộng"
    are SUM formulas."""
    tpl = open_template(SUMMARY)

    def record(stt: object, row: SummaryRow) -> dict[str, object]:
        out: dict[str, object] = {"stt": stt, "name": row.name, "total": row.total}
        out.update({f"t{i}": v for i, v in enumerate(row.values)})
        return out

    records = [record(stt, row) for stt, row in enumerate(data.rows, start=1)]
    total = record("", data.total)
    form = start_form(tpl, tpl.fields(families=summary_columns(data)), [*records, total])
    values = {**_stat_values(data), "nam": data.year}
    header(form, tpl, data.agency, on=None)
    form.blank(height=10)
    form.title(tpl.text("tieu_de", **values))
    form.subtitle(tpl.text("tieu_de_phu", **values), bold=False, italic=True)
    form.blank(height=10)
    form.table_header()
    first = form.row
    name_col = form.col("name")
    count_cols = [form.col(f"t{i}") for i in range(len(data.columns))]
    total_col = form.col("total")
    shown = [c for c in count_cols if c is not None]
    for rec, row in zip(records, data.rows, strict=True):
        r = form.record_row(rec)
        if name_col:
            form.ws.cell(row=r, column=name_col).alignment = Alignment(
                horizontal="left", vertical="center", wrap_text=True, indent=row.depth
            )
        if total_col and shown and len(shown) == len(count_cols):
            form.formula(r, total_col, _sum_across(shown, r), row.total)
    if not data.rows:
        form.note_row(tpl.text("trong", **values))
    last = form.row - 1 if data.rows else first - 1
    r = form.record_row({**total, "name": tpl.text("tong_cong", **values)})
    for col in range(1, form.ncols + 1):
        form.ws.cell(row=r, column=col).font = Font(name=FONT_NAME, size=form.body_size, bold=True)
    placed: list[tuple[str, int | None]] = [("total", total_col)]
    placed += [(f"t{i}", c) for i, c in enumerate(count_cols)]
    for key, where in placed:
        if where is None:
            continue
        letter = get_column_letter(where)
        expression = f"=SUM({letter}{first}:{letter}{last})" if last >= first else "=0"
        form.formula(r, where, expression, total[key])
    (l1, l2), (r1, r2) = form.regions()
    form.sign(
        [(tpl.box("trai", **values), (l1, l2)), (tpl.box("phai", **values), (r1, r2))],
        date_line=str(values["ngay_lap"]),
    )
    return form.finish()


def _sum_across(cols: Sequence[int], row: int) -> str:
    """ "=SUM(D7:K7)" when the columns are adjacent, else "=D7+F7+..."."""
    if cols == list(range(cols[0], cols[0] + len(cols))):
        return f"=SUM({get_column_letter(cols[0])}{row}:{get_column_letter(cols[-1])}{row})"
    return "=" + "+".join(f"{get_column_letter(c)}{row}" for c in cols)
