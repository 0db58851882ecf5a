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

Signatures: "NGƯỜI LẬP BIỂU (Ký, ghi rõ họ tên)" on the left; the date line and "THỦ TRƯỞNG
ĐƠN VỊ (Ký, họ tên, đóng dấu)" on the right (with the agency's signer name on the lists of the
whole agency). A unit's own list has the agency as the parent body and the unit as the issuing
body in the header block (the service prepares that).

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
from openpyxl.styles import Font

from app.domain.settings import AgencySettings
from app.domain.vnformat import formal_date_line
from app.excel.forms.layout import Column, FormSheet, Signer, open_form, preparer_of, put
from app.excel.forms.metrics import lines_needed, row_height, text_width_pt
from app.excel.forms.page import FONT_NAME, blank_workbook
from app.excel.forms.staff_list import roman

__all__ = [
    "COLLECTIVE_CODE",
    "COLLECTIVE_COLUMNS",
    "INDIVIDUAL_CODE",
    "INDIVIDUAL_COLUMNS",
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

INDIVIDUAL_COLUMNS = (
    Column("STT", 5.5, "center"),
    Column("Họ và tên", 23),
    Column("Giới tính", 7.5, "center"),
    Column("Ngày sinh", 11.5, "center", DATE_FORMAT),
    Column("Chức vụ/Chức danh", 21),
    Column("Phòng/Đơn vị", 26),
    Column("Danh hiệu thi đua đăng ký", 22),
    Column("Ghi chú", 12),
)
COLLECTIVE_COLUMNS = (
    Column("STT", 5.5, "center"),
    Column("Tên đơn vị/tập thể", 36),
    Column("Phân loại đơn vị", 19),
    Column("Danh hiệu thi đua đăng ký", 23),
    Column("Ghi chú", 11),
)
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
    """ "THỦ TRƯỞNG ĐƠN VỊ" / "(Ký, họ tên, đóng dấu)"; the agency's signer name on the lists
    of the whole agency (a unit's head signs its own list by hand)."""
    name = "" if own_unit else agency.normalised().signer_name
    return Signer(heading=("THỦ TRƯỞNG ĐƠN VỊ",), hint="(Ký, họ tên, đóng dấu)", name=name)


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
            is_text = isinstance(value, str)
            fmt = None if is_text else ((formats or {}).get(col) or column.number_format)
            style = self._styles.get((col, fmt))
            if style is None:
                cell = form.text(r, col, col, value, align=column.align, border=True)
                if fmt:
                    cell.number_format = fmt
                self._styles[(col, fmt)] = copy(cell._style)
            else:
                cell = put(ws, r, col, value)
                cell._style = copy(style)
                if is_text and str(value).startswith(_FORMULA_START):
                    cell.quotePrefix = True  # as put() does: text, never a formula
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


def _scope_line(unit_name: str | None, what: str) -> str:
    return f"{what} - {unit_name}" if unit_name else what


def _finish(form: FormSheet, agency: AgencySettings, on: date, *, own_unit: bool) -> Workbook:
    form.signatures(
        head_signer(agency, own_unit=own_unit),
        left=preparer_of(agency),
        date_line=formal_date_line(agency.normalised().place, on),
    )
    return form.finish()


# --------------------------------------------------------------------------- individuals


def template_individual() -> Workbook:
    return blank_workbook(
        "Đăng ký cá nhân", [c.width for c in INDIVIDUAL_COLUMNS], landscape=INDIVIDUAL_LANDSCAPE
    )


def _born(line: LineLike) -> tuple[object, str]:
    if line.birth_date is not None:
        return line.birth_date, DATE_FORMAT
    return (line.birth_year or ""), YEAR_FORMAT


def build_individual(data: IndividualLike) -> Workbook:
    """Bảng đăng ký thi đua cá nhân (of one unit, or of the whole agency grouped by unit)."""
    form = open_form(
        INDIVIDUAL_CODE, "Đăng ký cá nhân", INDIVIDUAL_COLUMNS, landscape=INDIVIDUAL_LANDSCAPE
    )
    form.header_block(data.agency, on=None)
    form.blank(height=10)
    form.title(TITLE.format(year=data.year))
    form.subtitle(_scope_line(data.unit_name, "Cá nhân"))
    total = sum(len(group.lines) for group in data.groups)
    form.subtitle(f"(Tổng số: {total} cá nhân đăng ký)", bold=False, italic=True)
    form.blank(height=10)
    form.table_header()
    fast = FastRows(form)
    stt = 0
    one_unit = len(data.groups) == 1 and data.groups[0].name == data.unit_name
    for number, group in enumerate(data.groups, start=1):
        if not one_unit:  # a unit's own list needs no group row
            form.section(roman(number), group.name)
        for i, line in enumerate(group.lines):
            stt += 1
            born, fmt = _born(line)
            values = [
                stt,
                line.full_name,
                line.gender,
                born,
                line.position_title,
                line.unit_name,
                line.title,
                line.note,
            ]
            if i < 2 or stt == total:
                form.data_row(values, formats={4: fmt})
            else:
                fast.row(values, formats={4: fmt})
    if not data.groups:
        form.note_row("Chưa có cá nhân nào đăng ký.")
    return _finish(form, data.agency, data.on, own_unit=data.unit_name is not None)


# --------------------------------------------------------------------------- collectives


def template_collective() -> Workbook:
    return blank_workbook(
        "Đăng ký tập thể", [c.width for c in COLLECTIVE_COLUMNS], landscape=COLLECTIVE_LANDSCAPE
    )


def build_collective(data: CollectiveLike) -> Workbook:
    """Bảng đăng ký thi đua tập thể: every unit, "Không đăng ký" where it registered none."""
    form = open_form(
        COLLECTIVE_CODE, "Đăng ký tập thể", COLLECTIVE_COLUMNS, landscape=COLLECTIVE_LANDSCAPE
    )
    form.header_block(data.agency, on=None)
    form.blank(height=10)
    form.title(TITLE.format(year=data.year))
    form.subtitle(_scope_line(data.unit_name, "Tập thể"))
    registered = sum(1 for line in data.lines if line.title and line.title != NOT_REGISTERED)
    form.subtitle(
        f"(Tổng số: {registered}/{len(data.lines)} tập thể đăng ký)", bold=False, italic=True
    )
    form.blank(height=10)
    form.table_header()
    for stt, line in enumerate(data.lines, start=1):
        form.data_row([stt, line.name, line.category, line.title or NOT_REGISTERED, line.note])
    if not data.lines:
        form.note_row("Không có đơn vị nào.")
    return _finish(form, data.agency, data.on, own_unit=data.unit_name is not None)


# --------------------------------------------------------------------------- summary

_COUNT_WIDTH = 8.0


def summary_columns(
    individual_titles: Sequence[tuple[str, str]], collective_titles: Sequence[tuple[str, str]]
) -> tuple[Column, ...]:
    """STT | Đơn vị | Số cán bộ | Cá nhân đăng ký (Tổng số, one column per title) | Tập thể
    đăng ký (one column per title) | Tình trạng."""
    personal = "Cá nhân đăng ký"
    collective = "Tập thể đăng ký"

    def width(short: str) -> float:
        # Excel width units are digit widths (half an em); long names wrap on two lines.
        return max(_COUNT_WIDTH, min(12.0, text_width_pt(short, 12, bold=True) / 6 + 1.5))

    return (
        Column("STT", 5.5, "center"),
        Column("Đơn vị", 40),
        Column("Số cán bộ", 8, "center"),
        Column("Tổng số", 8, "center", group=personal),
        *(Column(short, width(short), "center", group=personal) for _c, short in individual_titles),
        *(
            Column(short, width(short), "center", group=collective)
            for _c, short in collective_titles
        ),
        Column("Tình trạng", 20, "center"),
    )


def template_summary() -> Workbook:
    columns = summary_columns(
        (("LDTT", "LĐTT"), ("CSTDCS", "CSTĐCS")), (("TTLDTT", "TTLĐTT"), ("TTLDXS", "TTLĐXS"))
    )
    return blank_workbook("Tổng hợp", [c.width for c in columns], landscape=SUMMARY_LANDSCAPE)


def _summary_values(stt: object, line: SummaryLineLike) -> list[object]:
    return [
        stt,
        line.name,
        line.headcount,
        line.individuals,
        *line.by_title,
        *line.by_collective,
        line.status,
    ]


def build_summary(data: SummaryLike) -> Workbook:
    """Bảng tổng hợp đăng ký: counts per registering unit and title, with a totals row."""
    columns = summary_columns(data.individual_titles, data.collective_titles)
    form = open_form(SUMMARY_CODE, "Tổng hợp", columns, landscape=SUMMARY_LANDSCAPE)
    form.header_block(data.agency, on=None)
    form.blank(height=10)
    form.title(SUMMARY_TITLE.format(year=data.year))
    form.subtitle(
        f"(Số liệu đến ngày {data.on:%d/%m/%Y}; đơn vị tính: người, tập thể)",
        bold=False,
        italic=True,
    )
    form.blank(height=10)
    form.table_header()
    for stt, line in enumerate(data.lines, start=1):
        form.data_row(_summary_values(stt, line))
    total_row = form.data_row(_summary_values("", data.total))
    _bold_row(form, total_row)
    form.ws.cell(row=total_row, column=2).value = "Tổng cộng"
    return _finish(form, data.agency, data.on, own_unit=False)
