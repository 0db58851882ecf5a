"""A form's print sheet as HTML, for the program's own print preview and printing.

:func:`sheet_html` reads a workbook the form writers saved (values, the values their formulas
gave when written, fonts, alignment, borders, merged cells, hidden rows and columns, the print
area) and returns the first sheet as one HTML table sized by the sheet's column widths. It is
not Excel's layout to the millimetre; it is the same content on A4, so a clerk without Excel
can print a list, and check it on screen first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from html import escape
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.worksheet.worksheet import Worksheet

from app.domain.vnformat import format_count, format_date

__all__ = ["SheetHtml", "sheet_html"]

DEFAULT_WIDTH = 8.43  # Excel's default column width, in characters
DEFAULT_SIZE = 12.0


@dataclass(frozen=True)
class SheetHtml:
    title: str  # the sheet's name
    html: str
    landscape: bool


def _area(ws: Worksheet) -> tuple[int, int, int, int]:
    """(first column, first row, last column, last row) of the print area, else the used
    range."""
    area = ws.print_area
    if area:
        first = str(area if isinstance(area, str) else area[0]).split(",")[0]
        ref = first.split("!")[-1].replace("$", "")
        min_col, min_row, max_col, max_row = range_boundaries(ref)
        if None not in (min_col, min_row, max_col, max_row):
            return min_col, min_row, max_col, max_row
    return 1, 1, ws.max_column, ws.max_row


def _text(cell: Cell) -> str:
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, datetime):
        return format_date(value.date())
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, bool):
        return "x" if value else ""
    if isinstance(value, int):
        return format_count(value) if "#,##0" in (cell.number_format or "") else str(value)
    if isinstance(value, float):
        if value.is_integer():
            whole = int(value)
            return format_count(whole) if "#,##0" in (cell.number_format or "") else str(whole)
        return f"{value:.2f}".rstrip("0").replace(".", ",")
    return str(value)


def _style(cell: Cell, default_size: float) -> str:
    parts = []
    font = cell.font
    if font is not None:
        if font.b:
            parts.append("font-weight:bold")
        if font.i:
            parts.append("font-style:italic")
        if font.u:
            parts.append("text-decoration:underline")
        if font.sz and float(font.sz) != default_size:
            parts.append(f"font-size:{float(font.sz):g}pt")
    border = cell.border
    if border is not None:
        for side in ("left", "right", "top", "bottom"):
            edge = getattr(border, side)
            if edge is not None and edge.style:
                parts.append(f"border-{side}:1px solid #000")
    return ";".join(parts)


def _align(cell: Cell) -> str:
    alignment = cell.alignment
    horizontal = (alignment.horizontal if alignment is not None else None) or ""
    if horizontal in ("center", "centerContinuous", "distributed"):
        return "center"
    if horizontal == "right":
        return "right"
    if (
        horizontal == ""
        and isinstance(cell.value, int | float)
        and not isinstance(cell.value, bool)
    ):
        return "right"
    return "left"


def _valign(cell: Cell) -> str:
    vertical = cell.alignment.vertical if cell.alignment is not None else None
    return {"center": "middle", "bottom": "bottom"}.get(vertical or "", "top")


def sheet_html(path: Path) -> SheetHtml:
    """The first sheet of the workbook at ``path`` as an HTML table (see the module's text)."""
    wb = load_workbook(path, data_only=True)
    try:
        ws = wb.worksheets[0]
        min_col, min_row, max_col, max_row = _area(ws)
        columns = [
            c
            for c in range(min_col, max_col + 1)
            if not ws.column_dimensions[get_column_letter(c)].hidden
        ]
        rows = [
            r
            for r in range(min_row, max_row + 1)
            if not (r in ws.row_dimensions and ws.row_dimensions[r].hidden)
        ]
        shown_cols, shown_rows = set(columns), set(rows)
        spans: dict[tuple[int, int], tuple[int, int]] = {}
        covered: set[tuple[int, int]] = set()
        for merged in ws.merged_cells.ranges:
            span_rows = [r for r in range(merged.min_row, merged.max_row + 1) if r in shown_rows]
            span_cols = [c for c in range(merged.min_col, merged.max_col + 1) if c in shown_cols]
            if not span_rows or not span_cols:
                continue
            top, left = span_rows[0], span_cols[0]
            spans[(top, left)] = (len(span_rows), len(span_cols))
            covered |= {(r, c) for r in span_rows for c in span_cols} - {(top, left)}
        widths = {
            c: float(ws.column_dimensions[get_column_letter(c)].width or DEFAULT_WIDTH)
            for c in columns
        }
        total = sum(widths.values()) or 1.0
        default_size = DEFAULT_SIZE
        out = [
            "<table cellspacing='0' cellpadding='2' width='100%' style='border-collapse:collapse'>"
        ]
        sized: set[int] = set()
        for r in rows:
            out.append("<tr>")
            for c in columns:
                if (r, c) in covered:
                    continue
                cell = ws.cell(row=r, column=c)
                rowspan, colspan = spans.get((r, c), (1, 1))
                attrs = [f"align='{_align(cell)}'", f"valign='{_valign(cell)}'"]
                if rowspan > 1:
                    attrs.append(f"rowspan='{rowspan}'")
                if colspan > 1:
                    attrs.append(f"colspan='{colspan}'")
                if colspan == 1 and c not in sized:  # a column's width, said once
                    sized.add(c)
                    attrs.append(f"width='{widths[c] / total * 100:.1f}%'")
                style = _style(cell, default_size)
                if style:
                    attrs.append(f"style='{style}'")
                text = escape(_text(cell)).replace("\n", "<br>") or "&nbsp;"
                out.append(f"<td {' '.join(attrs)}>{text}</td>")
            out.append("</tr>")
        out.append("</table>")
        landscape = (ws.page_setup.orientation or "") == "landscape"
        return SheetHtml(ws.title, "".join(out), landscape)
    finally:
        wb.close()
