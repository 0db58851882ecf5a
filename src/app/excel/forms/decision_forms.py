"""Forms of a decision and of award history (issues 6 and 20).

- ``decision-annex`` -- "Phụ lục" (14 pt, bold), "DANH SÁCH ... (Kèm theo Quyết định số ...
  ngày ... của ...)" (domain.md §7.3) under the header block of the agency printing it: the
  decision's authority is named in the title (a superior's decision) and in the attribution
  line. Sections "I. Cá nhân", "II. Tập thể" when both are present; columns STT | Họ và tên |
  Chức vụ | Đơn vị, "Danh hiệu / Hình thức" when the lines award different titles, "Số sổ
  vàng" once golden-book numbers are assigned; "Danh sách gồm ... ./." at the end. An annex
  has no signature of its own (it belongs to the signed decision).
- ``bonus-list`` -- Danh sách chi tiền thưởng (§8.6): STT | Họ và tên | Đơn vị | Danh hiệu /
  Hình thức | Số quyết định | Hệ số | Mức lương cơ sở | Số tiền (đồng) | Ký nhận | Ghi chú; a
  column holding one value on every line (the decision number, the base salary, the title)
  is left out, that value being said above the table. "Tổng cộng" is a SUM formula and the
  amount in words follows it (:mod:`app.excel.forms.words`); three signatures NGƯỜI LẬP
  BIỂU | KẾ TOÁN TRƯỞNG | the agency's signer.
- ``award-history`` -- the award history of one person (with the grade of each year) or of
  one unit; signed by the agency's signer ("KT. GIÁM ĐỐC" / "PHÓ GIÁM ĐỐC" when a deputy
  signs).

Each form's columns, wording and signature boxes are its :class:`~app.excel.forms.template.
FormModel` below: the shipped template in resources/templates/ and a clerk's copy in the data
folder change them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from app.excel.forms.engine import agency_values, drop_same, header, start_form
from app.excel.forms.layout import FormSheet
from app.excel.forms.metrics import row_height
from app.excel.forms.page import FONT_NAME
from app.excel.forms.template import (
    HEADER_TEXTS,
    PREPARER,
    SIGNER,
    Box,
    Field,
    FormModel,
    Text,
    open_template,
    template_workbook,
)
from app.excel.forms.words import words_formula

if TYPE_CHECKING:
    from app.services.decision_reports import (
        AwardHistoryData,
        BonusListData,
        DecisionAnnexData,
    )

__all__ = [
    "ANNEX",
    "ANNEX_CODE",
    "BONUS",
    "BONUS_CODE",
    "HISTORY",
    "HISTORY_CODE",
    "MONEY_FORMAT",
    "build_annex",
    "build_bonus_list",
    "build_history",
    "line",
    "template_annex",
    "template_bonus_list",
    "template_history",
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
ANNEX_TITLE_SIZE = 14
STT = Field("stt", "STT", "center", wrap=False, fill=False)


def line(form: FormSheet, text: str, *, italic: bool = False, bold: bool = False) -> int:
    """A free text line across the table, left-aligned (the salary line, "bằng chữ"...)."""
    row = form.row
    form.text(row, 1, form.ncols, text, italic=italic, bold=bold, align="left")
    form.fit_height(row, (text, 1, form.ncols, form.body_size, bold))
    form.row += 1
    return row


def _words(text: str) -> str:
    return " ".join(text.split())


# =========================================================================== annex

ANNEX = FormModel(
    code=ANNEX_CODE,
    name=ANNEX_NAME,
    sheet="Danh sách kèm QĐ",
    landscape=ANNEX_LANDSCAPE,
    fields=(
        STT,
        Field("name", "Họ và tên", max_width=30, note="Họ tên cá nhân, tên tập thể, hộ"),
        Field("job", "Chức vụ", max_width=24, empty_drop=True),
        Field("unit", "Đơn vị", max_width=30, empty_drop=True),
        Field(
            "title",
            "Danh hiệu / Hình thức",
            max_width=28,
            note="Khi quyết định có nhiều danh hiệu, hình thức",
        ),
        Field("golden", "Số sổ vàng", "center", wrap=False, fill=False, note="Khi đã cấp số"),
    ),
    texts=(
        *HEADER_TEXTS,
        Text("phu_luc", "Dòng 'Phụ lục' trên tên danh sách (bỏ trống: không in)", "Phụ lục"),
        Text(
            "tieu_de",
            "Tên danh sách: {doi_tuong} (cá nhân, tập thể...), {khen_thuong} (được ... công "
            "nhận danh hiệu / tặng ...), {thoi_gian} (năm 2025)",
            "Danh sách {doi_tuong} {khen_thuong} {thoi_gian}",
        ),
        Text(
            "kem_theo",
            "Dòng kèm theo: {so_qd}, {ngay_qd} (ngày ... tháng ... năm ...), {tham_quyen_qd}",
            "(Kèm theo Quyết định số {so_qd} {ngay_qd} của {tham_quyen_qd})",
        ),
        Text(
            "ket_thuc",
            "Dòng cuối: {so_luong} (02 cá nhân và 01 tập thể)",
            "Danh sách gồm {so_luong}./.",
        ),
        Text("trong", "Khi quyết định chưa có ai", "Quyết định chưa có ai trong danh sách."),
    ),
)


def template_annex() -> Workbook:
    return template_workbook(ANNEX)


def build_annex(data: DecisionAnnexData) -> Workbook:
    """The list attached to a decision."""
    tpl = open_template(ANNEX)
    available = {"stt", "name", "job", "unit"}
    if data.show_titles:
        available.add("title")
    if data.show_golden:
        available.add("golden")
    records = [
        {
            "stt": x.stt,
            "name": x.name,
            "job": x.job_title,
            "unit": x.unit,
            "title": x.title_name,
            "golden": x.golden_book_no if x.golden_book_no is not None else "",
        }
        for section in data.sections
        for x in section.lines
    ]
    fields = drop_same(tpl.fields(available, headers={"name": data.name_header}), records)
    form = start_form(tpl, fields, records)
    header(form, tpl, data.agency, on=None)
    form.blank(height=10)
    values = {**agency_values(data.agency), **data.values}
    appendix = tpl.text("phu_luc", **values).strip()
    if appendix:
        form.title(appendix, size=ANNEX_TITLE_SIZE, upper=False)
    form.title(_words(tpl.text("tieu_de", **values)))
    form.subtitle(tpl.text("kem_theo", **values), bold=False, italic=True)
    if data.status_note:
        form.subtitle(data.status_note, bold=True, italic=True)
    form.blank(height=10)
    form.table_header()
    rows = iter(records)
    for section in data.sections:
        if section.label:
            form.section(section.label, section.name)
        for _line in section.lines:
            form.record_row(next(rows))
    if not data.sections:
        form.note_row(tpl.text("trong", **values))
    if data.sections:
        closing = tpl.text("ket_thuc", **values).strip()
        if closing:
            form.blank(height=6)
            form.text(form.row, 1, form.ncols, closing, italic=True)
            form.fit_height(form.row, (closing, 1, form.ncols, form.body_size, False))
            form.row += 1
    return form.finish()


# =========================================================================== bonus list

BONUS = FormModel(
    code=BONUS_CODE,
    name=BONUS_NAME,
    sheet="Chi tiền thưởng",
    landscape=BONUS_LANDSCAPE,
    fields=(
        STT,
        Field("name", "Họ và tên", max_width=26),
        Field("unit", "Đơn vị", max_width=30, empty_drop=True),
        Field(
            "title",
            "Danh hiệu / Hình thức",
            max_width=26,
            same_drop=True,
            note="Bỏ khi mọi dòng cùng một danh hiệu (đã ghi ở tên danh sách)",
        ),
        Field(
            "decision",
            "Số quyết định",
            "center",
            wrap=False,
            fill=False,
            same_drop=True,
            note="Bỏ khi mọi dòng cùng một quyết định (đã ghi ở dòng kèm theo)",
        ),
        Field("coefficient", "Hệ số", "center", COEFFICIENT_FORMAT, wrap=False, fill=False),
        Field(
            "salary",
            "Mức lương cơ sở (đồng)",
            "right",
            MONEY_FORMAT,
            wrap=False,
            fill=False,
            same_drop=True,
            note="Bỏ khi mọi dòng cùng một mức (đã ghi ở dòng mức lương)",
        ),
        Field("amount", "Số tiền (đồng)", "right", MONEY_FORMAT, wrap=False, fill=False),
        Field("sign", "Ký nhận", width=12.0, fill=False),
        Field(
            "note",
            "Ghi chú",
            max_width=34,
            min_width=10,
            same_drop=True,
            note="Bỏ khi mọi dòng cùng một ghi chú (ghi một lần trên bảng)",
        ),
    ),
    texts=(
        *HEADER_TEXTS,
        Text(
            "tieu_de",
            "Tên danh sách: {khen_thuong} (danh hiệu, hình thức), {thoi_gian} (năm 2025)",
            "Danh sách chi tiền thưởng {khen_thuong} {thoi_gian}",
        ),
        Text(
            "kem_theo",
            "Dòng kèm theo: {so_qd}, {ngay_qd}, {tham_quyen_qd}",
            "(Kèm theo Quyết định số {so_qd} {ngay_qd} của {tham_quyen_qd})",
        ),
        Text("tong_cong", "Dòng tổng", "Tổng cộng"),
        Text(
            "ghi_chu_chung", "Ghi chú của mọi dòng, khi như nhau: {ghi_chu}", "Ghi chú: {ghi_chu}"
        ),
        Text(
            "bang_chu",
            "Dòng số tiền bằng chữ: {bang_chu} theo ô tổng cộng",
            "Số tiền bằng chữ: {bang_chu}.",
        ),
        Text("trong", "Khi quyết định chưa có ai", "Quyết định chưa có ai trong danh sách."),
    ),
    boxes=(
        ("trai", PREPARER),
        ("giua", Box(("KẾ TOÁN TRƯỞNG",), "(Ký, ghi rõ họ tên)", label="Ô giữa")),
        ("phai", SIGNER),
    ),
)
AMOUNT = "amount"


def template_bonus_list() -> Workbook:
    return template_workbook(BONUS)


def _excel_text(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def build_bonus_list(data: BonusListData) -> Workbook:
    """Danh sách chi tiền thưởng of one decision."""
    tpl = open_template(BONUS)
    records = [
        {
            "stt": x.stt,
            "name": x.name,
            "unit": x.unit,
            "title": x.title_name,
            "decision": x.decision_number,
            "coefficient": x.coefficient,
            "salary": x.base_salary,
            "amount": x.amount,
            "sign": "",
            "note": x.note,
        }
        for x in data.lines
    ]
    fields = tpl.fields()
    if AMOUNT not in {f.key for f in fields}:  # the total needs its column
        fields.append(next(f for f in BONUS.fields if f.key == AMOUNT))
    fields = drop_same(fields, records)
    total = sum(x.amount for x in data.lines)
    # the total row is sized with the lines: its amount is the widest of the column
    form = start_form(tpl, fields, [*records, {"amount": total * 10, "stt": ""}])
    header(form, tpl, data.agency, on=None)
    form.blank(height=10)
    values = {**agency_values(data.agency, data.on), **data.values}
    form.title(_words(tpl.text("tieu_de", **values)))
    form.subtitle(tpl.text("kem_theo", **values), bold=False, italic=True)
    if data.status_note:
        form.subtitle(data.status_note, bold=True, italic=True)
    form.blank(height=6)
    line(form, data.salary_line)
    if data.method_line:
        line(form, data.method_line, italic=True)
    common = records[0]["note"] if records else ""
    if common and "note" not in form.keys:  # the same note on every line: said once
        line(form, tpl.text("ghi_chu_chung", **values, ghi_chu=common), italic=True)
    form.blank(height=10)
    form.table_header()
    first = form.row
    for record in records:
        form.record_row(record)
    if not records:
        form.note_row(tpl.text("trong", **values))
    last = form.row - 1 if records else first - 1
    amount_col = form.col(AMOUNT)
    assert amount_col is not None
    total_row = form.row
    label_last = max(1, amount_col - 1)
    form.text(total_row, 1, label_last, tpl.text("tong_cong", **values), bold=True, border=True)
    letter = form.ws.cell(row=first, column=amount_col).column_letter
    expression = f"=SUM({letter}{first}:{letter}{last})" if records else "=0"
    cell = form.text(total_row, amount_col, amount_col, "", bold=True, border=True)
    form.formula(total_row, amount_col, expression, total)
    cell.number_format = MONEY_FORMAT
    cell.alignment = Alignment(horizontal="right", vertical="center")
    for col in range(amount_col + 1, form.ncols + 1):
        form.text(total_row, col, col, "", border=True)
    form.ws.row_dimensions[total_row].height = row_height(1, form.body_size)
    form.row += 1
    _words_line(
        form, tpl.text("bang_chu", **{**values, "bang_chu": "\0"}), total, total_row, amount_col
    )
    form.thirds_sign(
        [tpl.box(k, **values) for k in ("trai", "giua", "phai")],
        date_line=str(values["ngay_lap"]),
        keep_above=3,  # the last line, the total and the amount in words stay with them
    )
    return form.finish()


def _words_line(form: FormSheet, wording: str, total: int, total_row: int, col: int) -> None:
    """The amount in words under the total: a formula following the total cell."""
    before, _, after = wording.partition("\0")
    letter = form.ws.cell(row=total_row, column=col).column_letter
    ref, words = words_formula(form.workbook, f"'{form.ws.title}'!${letter}${total_row}", total)
    text = f"{before}{words}{after}"
    row = line(form, text, italic=True, bold=True)
    if ref and "\0" in wording:
        parts = [
            p
            for p in (
                _excel_text(before) if before else "",
                ref,
                _excel_text(after) if after else "",
            )
            if p
        ]
        form.formula(row, 1, "=" + "&".join(parts), text)


# =========================================================================== award history

HISTORY = FormModel(
    code=HISTORY_CODE,
    name=HISTORY_NAME,
    sheet="Quá trình khen thưởng",
    landscape=HISTORY_LANDSCAPE,
    fields=(
        STT,
        Field("year", "Năm", "center", wrap=False, fill=False),
        Field("grade", "Xếp loại chất lượng", max_width=26),
        Field("title", "Danh hiệu thi đua / Hình thức khen thưởng", max_width=36),
        Field("kind", "Loại hình", max_width=16),
        Field("decision", "Số quyết định", "center", wrap=False, fill=False),
        Field("date", "Ngày ký", "center", DATE_FORMAT, wrap=False, fill=False),
        Field("authority", "Cấp quyết định", max_width=36),
        Field("note", "Ghi chú", max_width=24, empty_drop=True),
    ),
    texts=(
        *HEADER_TEXTS,
        Text("tieu_de_ca_nhan", "Tên biểu của một cá nhân", "Quá trình khen thưởng của cá nhân"),
        Text("tieu_de_tap_the", "Tên biểu của một tập thể", "Quá trình khen thưởng của tập thể"),
        Text("trong", "Khi chưa có gì", "Chưa có khen thưởng hay xếp loại nào."),
    ),
    boxes=(("trai", PREPARER), ("phai", SIGNER)),
)
TITLE = "title"


def template_history() -> Workbook:
    return template_workbook(HISTORY)


def build_history(data: AwardHistoryData) -> Workbook:
    """The award history of one person or one unit."""
    tpl = open_template(HISTORY)
    records = [
        {
            "stt": stt,
            "year": x.year_text,
            "grade": x.grade,
            "title": x.title_name,
            "kind": x.award_type,
            "decision": x.decision_number,
            "date": x.decision_date if x.decision_date is not None else "",
            "authority": x.authority,
            "note": x.note,
        }
        for stt, x in enumerate(data.lines, start=1)
    ]
    form = start_form(tpl, drop_same(tpl.fields(), records), records)
    header(form, tpl, data.agency, on=None)
    form.blank(height=10)
    values = agency_values(data.agency, data.on)
    form.title(
        tpl.text("tieu_de_ca_nhan" if data.subject == "person" else "tieu_de_tap_the", **values)
    )
    form.blank(height=6)
    for text in data.info:
        line(form, text)
    form.blank(height=10)
    form.table_header()
    title_col = form.col(TITLE)
    for record, x in zip(records, data.lines, strict=True):
        row = form.record_row(record)
        if x.revoked and title_col is not None:
            cell = form.ws.cell(row=row, column=title_col)
            cell.font = Font(name=FONT_NAME, size=form.body_size, strike=True)
    if not records:
        form.note_row(tpl.text("trong", **values))
    (l1, l2), (r1, r2) = form.regions()
    form.sign(
        [(tpl.box("trai", **values), (l1, l2)), (tpl.box("phai", **values), (r1, r2))],
        date_line=str(values["ngay_lap"]),
    )
    return form.finish()
