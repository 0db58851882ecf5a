"""Registration forms (domain.md §8.1): individuals, collectives, summary.

- ``registrations-individual`` -- "DANH SÁCH ĐĂNG KÝ THI ĐUA NĂM <yyyy>", individuals:
  STT | Họ và tên | Giới tính | Ngày sinh | Chức vụ/Chức danh | Phòng/Đơn vị | Danh hiệu thi đua
  đăng ký | Ghi chú, a bold row per unit, STT running through the list.
- ``registrations-collective`` -- the same title, collectives: STT | Tên đơn vị/tập thể |
  Phân loại đơn vị | Danh hiệu thi đua đăng ký | Ghi chú; "Không đăng ký" for a unit without
  a title.
- ``registrations-summary`` -- "BẢNG TỔNG HỢP ĐĂNG KÝ THI ĐUA NĂM <yyyy>": per registering
  unit, the headcount, the individual sign-ups by title and the collective ones by title,
  the state of its submission, and a bold "Tổng cộng" row.

Signatures: "NGƯỜI LẬP BIỂU (Ký, ghi rõ họ tên)" on the left; the date line and, on the lists
of the whole agency, its signer as the agency settings name them ("KT. GIÁM ĐỐC" / "PHÓ GIÁM
ĐỐC" / the name, "(Ký, họ tên, đóng dấu)"), on a unit's own list "THỦ TRƯỞNG ĐƠN VỊ". A unit's
own list has the agency as the parent body and the unit as the issuing body in the header
block (the service prepares that). The totals of the summary are SUM formulas. Columns,
wording and signature boxes are each form's :class:`~app.excel.forms.template.FormModel`.

Large lists: rows after the first two of each group are written by :class:`FastRows`, which
gives each cell the very style :meth:`FormSheet.data_row` would, copied from the first cell
written with it, and caches wrapped-line estimates; a 10,000-row list is written about four
times faster than row by row through the engine (benchmarks/bench_registrations.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from copy import copy
from datetime import date
from typing import Protocol

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Font
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter

from app.domain.settings import AgencySettings
from app.excel.forms.engine import agency_values, header, start_form
from app.excel.forms.layout import FormSheet, Signer, clean_text, signer_of
from app.excel.forms.metrics import lines_needed, row_height
from app.excel.forms.page import FONT_NAME
from app.excel.forms.staff_list import roman
from app.excel.forms.template import (
    HEAD,
    HEADER_TEXTS,
    PREPARER,
    Box,
    Field,
    FormModel,
    Template,
    Text,
    open_template,
    template_workbook,
)

__all__ = [
    "COLLECTIVE",
    "COLLECTIVE_CODE",
    "INDIVIDUAL",
    "INDIVIDUAL_CODE",
    "SUMMARY",
    "SUMMARY_CODE",
    "FastRows",
    "build_collective",
    "build_individual",
    "build_summary",
    "head_signer",
    "summary_columns",
    "template_collective",
    "template_individual",
    "template_summary",
]

INDIVIDUAL_CODE = "registrations-individual"
COLLECTIVE_CODE = "registrations-collective"
SUMMARY_CODE = "registrations-summary"
INDIVIDUAL_NAME = "Bảng đăng ký thi đua cá nhân"
COLLECTIVE_NAME = "Bảng đăng ký thi đua tập thể"
SUMMARY_NAME = "Bảng tổng hợp đăng ký thi đua"
TITLE = "Danh sách đăng ký thi đua năm {year}"
SUMMARY_TITLE = "Bảng tổng hợp đăng ký thi đua năm {year}"
NOT_REGISTERED = "Không đăng ký"
_FORMULA_START = ("=", "+", "-", "@")
DATE_FORMAT = "dd/mm/yyyy"
YEAR_FORMAT = "0"

INDIVIDUAL_LANDSCAPE = True
COLLECTIVE_LANDSCAPE = False
SUMMARY_LANDSCAPE = True


# --------------------------------------------------------------------------- data shapes


class LineLike(Protocol):
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
    def title(self) -> str: ...
    @property
    def note(self) -> str: ...


class GroupLike(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def lines(self) -> Sequence[LineLike]: ...


class IndividualLike(Protocol):
    @property
    def agency(self) -> AgencySettings: ...
    @property
    def year(self) -> int: ...
    @property
    def on(self) -> date: ...
    @property
    def unit_name(self) -> str | None: ...
    @property
    def groups(self) -> Sequence[GroupLike]: ...


class CollectiveLineLike(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def category(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def note(self) -> str: ...


class CollectiveLike(Protocol):
    @property
    def agency(self) -> AgencySettings: ...
    @property
    def year(self) -> int: ...
    @property
    def on(self) -> date: ...
    @property
    def unit_name(self) -> str | None: ...
    @property
    def lines(self) -> Sequence[CollectiveLineLike]: ...


class SummaryLineLike(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def headcount(self) -> int: ...
    @property
    def individuals(self) -> int: ...
    @property
    def by_title(self) -> Sequence[int]: ...
    @property
    def by_collective(self) -> Sequence[int]: ...
    @property
    def status(self) -> str: ...


class SummaryLike(Protocol):
    @property
    def agency(self) -> AgencySettings: ...
    @property
    def year(self) -> int: ...
    @property
    def on(self) -> date: ...
    @property
    def individual_titles(self) -> Sequence[tuple[str, str]]: ...
    @property
    def collective_titles(self) -> Sequence[tuple[str, str]]: ...
    @property
    def lines(self) -> Sequence[SummaryLineLike]: ...
    @property
    def total(self) -> SummaryLineLike: ...


# --------------------------------------------------------------------------- helpers


def head_signer(agency: AgencySettings, *, own_unit: bool) -> Signer:
    """The head's box: "THỦ TRƯỞNG ĐƠN VỊ" / "(Ký, họ tên, đóng dấu)" on a unit's own list
    (its head signs by hand); on the agency's lists its signer as the settings name them,
    "KT. GIÁM ĐỐC" / "PHÓ GIÁM ĐỐC" when a deputy signs, with the name."""
    if own_unit:
        return Signer(heading=("THỦ TRƯỞNG ĐƠN VỊ",), hint="(Ký, họ tên, đóng dấu)")
    signer = signer_of(agency)
    heading = signer.heading or ("THỦ TRƯỞNG ĐƠN VỊ",)
    return Signer(heading=heading, hint="(Ký, họ tên, đóng dấu)", name=signer.name)


class FastRows:
    """Writes table rows exactly as :meth:`FormSheet.data_row` does, but quickly.

    The first cell of each (column, number format) gets its style through the engine; later
    cells get a copy of that cell's style record (openpyxl's ``_style``, as its own sheet copy
    does). Line-count estimates are cached per (text, column). The caller writes the first
    rows of a group and the table's last row with ``data_row`` so that page-keeping and the
    signature block see them.
    """

    def __init__(self, form: FormSheet) -> None:
        self.form = form
        self._styles: dict[tuple[int, str | None], object] = {}
        self._lines: dict[tuple[str, int], int] = {}
        self._widths = [form.span_pt(c, c) for c in range(1, form.ncols + 1)]
        self._one_line = row_height(1, form.body_size)

    def _lines_of(self, text: str, col: int) -> int:
        size = self.form.body_size
        width = self._widths[col - 1]
        if len(text) * size * 1.0 < (width - 4.0) * 0.97:  # even all capitals W would fit
            return 1
        key = (text, col)
        found = self._lines.get(key)
        if found is None:
            found = lines_needed(text, width, size)
            self._lines[key] = found
        return found

    def row(self, values: Sequence[object], formats: dict[int, str] | None = None) -> int:
        form = self.form
        if len(values) != form.ncols:
            raise ValueError(f"Expected {form.ncols} values, got {len(values)}")
        ws, r, lines = form.ws, form.row, 1
        for col, (column, value) in enumerate(zip(form.columns, values, strict=True), start=1):
            if column.joined:
                form.ws.merge_cells(start_row=r, start_column=col - 1, end_row=r, end_column=col)
                continue
            is_text = isinstance(value, str)
            fmt = None if is_text else ((formats or {}).get(col) or column.number_format)
            style = self._styles.get((col, fmt))
            if style is None:
                cell = form.text(r, col, col, value, align=column.align, border=True)
                if fmt:
                    cell.number_format = fmt
                self._styles[(col, fmt)] = copy(cell._style)
            else:  # as put() does, with the row's style given to the new cell
                text = clean_text(value) if is_text else value
                cell = Cell(ws, row=r, column=col, value=text, style_array=StyleArray(style))
                ws._add_cell(cell)
                if isinstance(text, str) and text.startswith(_FORMULA_START):
                    cell.data_type = "s"
                    cell.quotePrefix = True  # text, never a formula
            if is_text and value:
                lines = max(lines, self._lines_of(str(value), col))
        ws.row_dimensions[r].height = (
            self._one_line if lines == 1 else row_height(lines, form.body_size)
        )
        form.row += 1
        return r


def _bold_row(form: FormSheet, row: int) -> None:
    for col in range(1, form.ncols + 1):
        cell = form.ws.cell(row=row, column=col)
        cell.font = Font(name=FONT_NAME, size=form.body_size, bold=True)


def _sign(
    form: FormSheet,
    tpl: Template,
    values: dict[str, object],
    *,
    own_unit: bool,
    keep_above: int = 1,
) -> Workbook:
    (l1, l2), (r1, r2) = form.regions()
    right = tpl.box("phai_don_vi" if own_unit else "phai", **values)
    form.sign(
        [(tpl.box("trai", **values), (l1, l2)), (right, (r1, r2))],
        date_line=str(values["ngay_lap"]),
        keep_above=keep_above,
    )
    return form.finish()


UNIT_HEAD = Box(
    ("THỦ TRƯỞNG ĐƠN VỊ",),
    "(Ký, họ tên, đóng dấu)",
    label="Danh sách của một đơn vị (thủ trưởng đơn vị ký)",
)
LIST_BOXES = (("trai", PREPARER), ("phai", HEAD), ("phai_don_vi", UNIT_HEAD))
STT = Field("stt", "STT", "center", wrap=False, fill=False)


# --------------------------------------------------------------------------- individuals

INDIVIDUAL = FormModel(
    code=INDIVIDUAL_CODE,
    name=INDIVIDUAL_NAME,
    sheet="Đăng ký cá nhân",
    landscape=INDIVIDUAL_LANDSCAPE,
    fields=(
        STT,
        Field("name", "Họ và tên", max_width=26),
        Field("gender", "Giới tính", "center", wrap=False, fill=False),
        Field("birth", "Ngày sinh", "center", DATE_FORMAT, wrap=False, fill=False),
        Field("position", "Chức vụ/Chức danh", max_width=26),
        Field("unit", "Phòng/Đơn vị", max_width=36),
        Field("title", "Danh hiệu thi đua đăng ký", max_width=28),
        Field("note", "Ghi chú", max_width=20, min_width=8),
    ),
    texts=(
        *HEADER_TEXTS,
        Text("tieu_de", "Tên danh sách: {nam}", TITLE.replace("{year}", "{nam}")),
        Text(
            "doi_tuong",
            "Dòng dưới tên: {don_vi} (' - tên đơn vị' khi là một đơn vị)",
            "Cá nhân{don_vi}",
        ),
        Text("tong_so", "Dòng số lượng: {so_luong}", "(Tổng số: {so_luong} cá nhân đăng ký)"),
        Text("trong", "Khi chưa ai đăng ký", "Chưa có cá nhân nào đăng ký."),
    ),
    boxes=LIST_BOXES,
)


def template_individual() -> Workbook:
    return template_workbook(INDIVIDUAL)


def _born(line: LineLike) -> tuple[object, str]:
    if line.birth_date is not None:
        return line.birth_date, DATE_FORMAT
    return (line.birth_year or ""), YEAR_FORMAT


def _values(
    agency: AgencySettings, on: date, year: int, unit_name: str | None
) -> dict[str, object]:
    return {
        **agency_values(agency, on),
        "nam": year,
        "don_vi": f" - {unit_name}" if unit_name else "",
    }


def build_individual(data: IndividualLike) -> Workbook:
    """Bảng đăng ký thi đua cá nhân (of one unit, or of the whole agency grouped by unit)."""
    tpl = open_template(INDIVIDUAL)
    total = sum(len(group.lines) for group in data.groups)
    sample: list[dict[str, object]] = []
    for group in data.groups:
        for line in group.lines:
            if len(sample) >= 3000:
                break
            sample.append(
                {
                    "stt": total,
                    "name": line.full_name,
                    "gender": line.gender,
                    "birth": _born(line)[0],
                    "position": line.position_title,
                    "unit": line.unit_name,
                    "title": line.title,
                    "note": line.note,
                }
            )
    form = start_form(tpl, tpl.fields(), sample)
    values = {**_values(data.agency, data.on, data.year, data.unit_name), "so_luong": total}
    header(form, tpl, data.agency, on=None)
    form.blank(height=10)
    form.title(tpl.text("tieu_de", **values))
    form.subtitle(tpl.text("doi_tuong", **values))
    form.subtitle(tpl.text("tong_so", **values), bold=False, italic=True)
    form.blank(height=10)
    form.table_header()
    fast = FastRows(form)
    stt = 0
    one_unit = len(data.groups) == 1 and data.groups[0].name == data.unit_name
    birth_col = form.col("birth")
    for number, group in enumerate(data.groups, start=1):
        if not one_unit:  # a unit's own list needs no group row
            form.section(roman(number), group.name)
        for i, line in enumerate(group.lines):
            stt += 1
            born, fmt = _born(line)
            record = {
                "stt": stt,
                "name": line.full_name,
                "gender": line.gender,
                "birth": born,
                "position": line.position_title,
                "unit": line.unit_name,
                "title": line.title,
                "note": line.note,
            }
            row = [record.get(k, "") for k in form.keys]
            formats = {birth_col: fmt} if birth_col else None
            if i < 2 or stt == total:
                form.data_row(row, formats=formats)
            else:
                fast.row(row, formats=formats)
    if not data.groups:
        form.note_row(tpl.text("trong", **values))
    return _sign(form, tpl, values, own_unit=data.unit_name is not None)


# --------------------------------------------------------------------------- collectives

COLLECTIVE = FormModel(
    code=COLLECTIVE_CODE,
    name=COLLECTIVE_NAME,
    sheet="Đăng ký tập thể",
    landscape=COLLECTIVE_LANDSCAPE,
    fields=(
        STT,
        Field("name", "Tên đơn vị/tập thể", max_width=40),
        Field("category", "Phân loại đơn vị", max_width=22),
        Field("title", "Danh hiệu thi đua đăng ký", max_width=28),
        Field("note", "Ghi chú", max_width=20, min_width=8),
    ),
    texts=(
        *HEADER_TEXTS,
        Text("tieu_de", "Tên danh sách: {nam}", TITLE.replace("{year}", "{nam}")),
        Text("doi_tuong", "Dòng dưới tên: {don_vi}", "Tập thể{don_vi}"),
        Text(
            "tong_so",
            "Dòng số lượng: {so_dang_ky}, {so_don_vi}",
            "(Tổng số: {so_dang_ky}/{so_don_vi} tập thể đăng ký)",
        ),
        Text("khong_dang_ky", "Đơn vị không đăng ký", NOT_REGISTERED),
        Text("trong", "Khi không có đơn vị", "Không có đơn vị nào."),
    ),
    boxes=LIST_BOXES,
)


def template_collective() -> Workbook:
    return template_workbook(COLLECTIVE)


def build_collective(data: CollectiveLike) -> Workbook:
    """Bảng đăng ký thi đua tập thể: every unit, "Không đăng ký" where it registered none."""
    tpl = open_template(COLLECTIVE)
    registered = sum(1 for line in data.lines if line.title and line.title != NOT_REGISTERED)
    values = {
        **_values(data.agency, data.on, data.year, data.unit_name),
        "so_dang_ky": registered,
        "so_don_vi": len(data.lines),
    }
    none = tpl.text("khong_dang_ky", **values)
    records = [
        {
            "stt": stt,
            "name": line.name,
            "category": line.category,
            "title": line.title if line.title and line.title != NOT_REGISTERED else none,
            "note": line.note,
        }
        for stt, line in enumerate(data.lines, start=1)
    ]
    form = start_form(tpl, tpl.fields(), records)
    header(form, tpl, data.agency, on=None)
    form.blank(height=10)
    form.title(tpl.text("tieu_de", **values))
    form.subtitle(tpl.text("doi_tuong", **values))
    form.subtitle(tpl.text("tong_so", **values), bold=False, italic=True)
    form.blank(height=10)
    form.table_header()
    for record in records:
        form.record_row(record)
    if not records:
        form.note_row(tpl.text("trong", **values))
    return _sign(form, tpl, values, own_unit=data.unit_name is not None)


# --------------------------------------------------------------------------- summary

SUMMARY = FormModel(
    code=SUMMARY_CODE,
    name=SUMMARY_NAME,
    sheet="Tổng hợp",
    landscape=SUMMARY_LANDSCAPE,
    fields=(
        STT,
        Field("name", "Đơn vị", max_width=40),
        Field("headcount", "Số cán bộ", "center", wrap=False, fill=False),
        Field("individuals", "Tổng số", "center", wrap=False, fill=False, group="Cá nhân đăng ký"),
        Field("by_title", "Cá nhân đăng ký theo danh hiệu", family=True),
        Field("by_collective", "Tập thể đăng ký theo danh hiệu", family=True),
        Field("status", "Tình trạng", "center", max_width=24),
    ),
    texts=(
        *HEADER_TEXTS,
        Text("tieu_de", "Tên bảng: {nam}", SUMMARY_TITLE.replace("{year}", "{nam}")),
        Text(
            "tieu_de_phu",
            "Dòng dưới tên: {den_ngay}",
            "(Số liệu đến ngày {den_ngay}; đơn vị tính: người, tập thể)",
        ),
        Text("tong_cong", "Dòng tổng", "Tổng cộng"),
    ),
    boxes=(("trai", PREPARER), ("phai", HEAD)),
)


def summary_columns(
    individual_titles: Sequence[tuple[str, str]], collective_titles: Sequence[tuple[str, str]]
) -> dict[str, list[Field]]:
    """The columns made from the data: one per individual title (under "Cá nhân đăng ký")
    and one per collective title (under "Tập thể đăng ký")."""

    def count(key: str, short: str, group: str) -> Field:
        return Field(key, short, "center", wrap=False, fill=False, group=group)

    return {
        "by_title": [count(f"p:{c}", short, "Cá nhân đăng ký") for c, short in individual_titles],
        "by_collective": [
            count(f"u:{c}", short, "Tập thể đăng ký") for c, short in collective_titles
        ],
    }


def template_summary() -> Workbook:
    return template_workbook(SUMMARY)


def _summary_record(stt: object, line: SummaryLineLike, data: SummaryLike) -> dict[str, object]:
    record: dict[str, object] = {
        "stt": stt,
        "name": line.name,
        "headcount": line.headcount,
        "individuals": line.individuals,
        "status": line.status,
    }
    for (code, _short), value in zip(data.individual_titles, line.by_title, strict=True):
        record[f"p:{code}"] = value
    for (code, _short), value in zip(data.collective_titles, line.by_collective, strict=True):
        record[f"u:{code}"] = value
    return record


def build_summary(data: SummaryLike) -> Workbook:
    """Bảng tổng hợp đăng ký: counts per registering unit and title, with a totals row whose
    cells are SUM formulas (a count corrected by hand updates them)."""
    tpl = open_template(SUMMARY)
    records = [_summary_record(stt, line, data) for stt, line in enumerate(data.lines, start=1)]
    total = _summary_record("", data.total, data)
    fields = tpl.fields(families=summary_columns(data.individual_titles, data.collective_titles))
    form = start_form(tpl, fields, [*records, total])
    values = {
        **agency_values(data.agency, data.on),
        "nam": data.year,
        "den_ngay": f"{data.on:%d/%m/%Y}",
    }
    header(form, tpl, data.agency, on=None)
    form.blank(height=10)
    form.title(tpl.text("tieu_de", **values))
    form.subtitle(tpl.text("tieu_de_phu", **values), bold=False, italic=True)
    form.blank(height=10)
    form.table_header()
    first = form.row
    for record in records:
        form.record_row(record)
    last = form.row - 1
    total_row = form.record_row({**total, "name": tpl.text("tong_cong", **values), "status": ""})
    _bold_row(form, total_row)
    for col, key in enumerate(form.keys, start=1):
        if key in ("stt", "name", "status", "") or not isinstance(total.get(key), int):
            continue
        letter = get_column_letter(col)
        expression = f"=SUM({letter}{first}:{letter}{last})" if last >= first else "=0"
        form.formula(total_row, col, expression, total[key])
    # the total stays with the signatures and with the last line it sums (never alone)
    return _sign(form, tpl, values, own_unit=False, keep_above=2)
