"""Page setup, templates and pagination of the exported forms (domain.md §7.2).

- :func:`apply_page_setup` -- A4, orientation, fit to one page wide, the margins of Nghị định
  30/2020 (rotated for landscape: the binding edge, 30 mm, goes to the top), page numbers
  centred in the header from page 2 on (``differentFirst``), horizontally centred.
- Templates: a form may ship ``resources/templates/<code>.xlsx``; a file of the same name in
  the data folder overrides it (:func:`app.config.resource_file`). A template contributes its
  layout only -- column widths, default font, page setup, margins, header and footer -- and any
  cells in it are cleared before the form is written. :func:`blank_workbook` builds the same
  layout from code (and generates the shipped templates).
- :func:`paginate` -- page breaks that keep a group row with its first lines and the
  signature block with the line above it, and otherwise fill each page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet

from app.config import data_dir, resource_file
from app.excel.forms.save import ExportFileError

__all__ = [
    "A4_MM",
    "BODY_SIZE",
    "FONT_NAME",
    "LANDSCAPE_MARGINS_MM",
    "PORTRAIT_MARGINS_MM",
    "TemplateInfo",
    "apply_page_setup",
    "blank_workbook",
    "clear_layout",
    "default_font_size",
    "merge_keeps",
    "load_template",
    "paginate",
    "printable_pt",
    "template_info",
]

FONT_NAME = "Times New Roman"
BODY_SIZE = 12
PAGE_NUMBER_SIZE = 13
A4_MM = (210.0, 297.0)
# Nghị định 30/2020 Phụ lục I: top/bottom 20-25 mm, left 30-35 mm, right 15-20 mm. A landscape
# page is bound along its top edge, so the portrait margins turn with the page.
PORTRAIT_MARGINS_MM = {"top": 20.0, "bottom": 20.0, "left": 30.0, "right": 20.0}
LANDSCAPE_MARGINS_MM = {"top": 30.0, "bottom": 20.0, "left": 20.0, "right": 20.0}
HEADER_FOOTER_MM = 10.0
_PT_PER_MM = 72 / 25.4
_PT_PER_INCH = 72.0


# --------------------------------------------------------------------------- page setup


def apply_page_setup(ws: Worksheet, *, landscape: bool) -> None:
    """A4, orientation, fit to one page wide, Nghị định 30 margins, page numbers from page 2."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.print_options.horizontalCentered = True
    mm = LANDSCAPE_MARGINS_MM if landscape else PORTRAIT_MARGINS_MM
    ws.page_margins = PageMargins(
        left=mm["left"] / 25.4,
        right=mm["right"] / 25.4,
        top=mm["top"] / 25.4,
        bottom=mm["bottom"] / 25.4,
        header=HEADER_FOOTER_MM / 25.4,
        footer=HEADER_FOOTER_MM / 25.4,
    )
    ws.oddHeader.center.text = "&P"
    ws.oddHeader.center.font = f"{FONT_NAME},Regular"
    ws.oddHeader.center.size = PAGE_NUMBER_SIZE
    ws.HeaderFooter.differentFirst = True


def printable_pt(ws: Worksheet) -> tuple[float, float]:
    """Printable (width, height) of one page in points, from the sheet's paper and margins."""
    short, long = (v * _PT_PER_MM for v in A4_MM)
    landscape = ws.page_setup.orientation == "landscape"
    width, height = (long, short) if landscape else (short, long)
    m = ws.page_margins
    return (
        width - (m.left + m.right) * _PT_PER_INCH,
        height - (m.top + m.bottom) * _PT_PER_INCH,
    )


def _set_default_font(wb: Workbook, size: float) -> None:
    """Make Times New Roman the font of unstyled cells and of the Normal style."""
    font = Font(name=FONT_NAME, size=size)
    wb._fonts = IndexedList([font])
    wb._named_styles["Normal"].font = font


def default_font_size(wb: Workbook) -> float:
    """Size of the workbook's default font (the template's choice), 12 when unusable."""
    try:
        size = float(wb._fonts[0].sz or BODY_SIZE)
    except (AttributeError, IndexError, TypeError, ValueError):
        return float(BODY_SIZE)
    return size if 8 <= size <= 16 else float(BODY_SIZE)


def blank_workbook(title: str, widths: Sequence[float], *, landscape: bool) -> Workbook:
    """A workbook with a form's layout and no content (the shipped templates are these)."""
    wb = Workbook()
    _set_default_font(wb, BODY_SIZE)
    ws = wb.active
    ws.title = title[:31]
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    apply_page_setup(ws, landscape=landscape)
    ws.sheet_view.showGridLines = False
    return wb


# --------------------------------------------------------------------------- templates


@dataclass(frozen=True)
class TemplateInfo:
    """Which template a form uses: shipped ("mặc định"), the clerk's own ("tùy chỉnh") or none."""

    code: str
    path: Path | None
    custom: bool

    @property
    def label(self) -> str:
        if self.path is None:
            return "không có tệp mẫu (bố cục dựng sẵn trong chương trình)"
        return "tùy chỉnh" if self.custom else "mặc định"

    def describe(self) -> str:
        return self.label if self.path is None else f"{self.path} ({self.label})"


def template_info(code: str) -> TemplateInfo:
    """The template a form would use now (the data folder's copy wins over the shipped one)."""
    path = resource_file("templates", f"{code}.xlsx")
    if not path.is_file():
        return TemplateInfo(code=code, path=None, custom=False)
    custom = path.resolve().parent == data_dir().resolve()
    return TemplateInfo(code=code, path=path, custom=custom)


def load_template(info: TemplateInfo, title: str, widths: Sequence[float]) -> Workbook:
    """The template's workbook with one empty sheet; missing column widths get defaults."""
    assert info.path is not None
    try:
        wb = load_workbook(info.path)
    except Exception as exc:  # a clerk's file may be anything
        raise ExportFileError(
            f"Không đọc được mẫu {info.label} '{info.path}': {exc}. "
            "Sửa hoặc xóa tệp mẫu đó rồi xuất lại."
        ) from None
    ws = wb.worksheets[0]
    clear_layout(wb, ws, title)
    for i, width in enumerate(widths, start=1):
        dim = ws.column_dimensions[get_column_letter(i)]
        if not dim.width:
            dim.width = width
    return wb


def clear_layout(wb: Workbook, ws: Worksheet, title: str) -> None:
    """Keep only ``ws`` in ``wb``, emptied of cells, merges, row heights, breaks and print
    titles (its page setup, margins, header, footer and column widths stay)."""
    for extra in [sheet for sheet in wb.worksheets if sheet is not ws]:
        wb.remove(extra)
    for merged in list(ws.merged_cells.ranges):
        ws.unmerge_cells(str(merged))
    if ws.max_row > 1 or ws.max_column > 1 or ws.cell(1, 1).value is not None:
        ws.delete_rows(1, ws.max_row)
    ws.row_dimensions.clear()
    ws.row_breaks.brk = []
    ws.print_title_rows = None
    wb.active = 0
    ws.title = title[:31]


# --------------------------------------------------------------------------- pagination


SOFT_COST = 0.05  # a soft range split costs as much as a page left about 22 % empty
_BROKEN_COST = 100.0  # a kept range split: only when no page end outside one fits


def paginate(
    heights: Sequence[float],
    capacity: float,
    *,
    repeat: tuple[int, int] | None = None,
    keeps: Sequence[tuple[int, int]] = (),
    soft: Sequence[tuple[int, int]] = (),
) -> list[int]:
    """Rows after which a page ends (1-based), every page holding at most ``capacity`` points.

    ``heights[i]`` is the height of row ``i + 1``. Rows ``repeat`` (first, last) print again at
    the top of every later page. No page ends inside a ``keeps`` range (first, last) that fits
    on one page: the page ends before it instead. Overlapping ranges make a chain; a chain
    longer than a page starts a page and is split where that page is full. A page may end
    inside a ``soft`` range when keeping the range whole would leave much of the page empty
    (the cost of the room left empty grows with its square, :data:`SOFT_COST`).

    Each page ends where the room it leaves empty, plus the cost of the ranges it splits, is
    least; so a page never ends on a heading kept with its first lines, and a kept block never
    pushes more than itself to the next page.
    """
    n = len(heights)
    repeat_height = sum(heights[repeat[0] - 1 : repeat[1]]) if repeat else 0.0
    cost = _split_costs(n, heights, capacity, repeat_height, keeps, soft)
    breaks: list[int] = []
    start, used = 1, 0.0
    while True:
        room, last = used, start - 1
        while last < n and (last < start or room + heights[last] <= capacity):
            room += heights[last]
            last += 1
        if last >= n:
            return breaks
        best, best_cost, filled = last, float("inf"), used
        for after in range(start, last + 1):
            filled += heights[after - 1]
            empty = max(capacity - filled, 0.0) / capacity
            total = empty * empty + cost[after]
            if total <= best_cost:
                best, best_cost = after, total
        breaks.append(best)
        start = best + 1
        used = repeat_height if repeat and start > repeat[1] else 0.0


def _split_costs(
    n: int,
    heights: Sequence[float],
    capacity: float,
    repeat_height: float,
    keeps: Sequence[tuple[int, int]],
    soft: Sequence[tuple[int, int]],
) -> list[float]:
    """``cost[r]``: the cost of a page ending after row ``r`` (index 0 unused)."""
    cost = [0.0] * (n + 2)
    for first, last in keeps:
        first, last = min(first, last), min(max(first, last), n)
        if sum(heights[first - 1 : last]) + repeat_height > capacity:
            continue  # longer than a page: split as any rows
        for after in range(max(first, 1), last):
            cost[after] = _BROKEN_COST
    for first, last in soft:
        first, last = min(first, last), min(max(first, last), n)
        for after in range(max(first, 1), last):
            cost[after] = max(cost[after], SOFT_COST)
    return cost


def merge_keeps(keeps: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Keep-together ranges with the overlapping (or touching-inside) ones merged, sorted."""
    merged: list[tuple[int, int]] = []
    for first, last in sorted((min(a, b), max(a, b)) for a, b in keeps):
        if merged and first <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], last))
        else:
            merged.append((first, last))
    return merged
