"""Pieces shared by the lists of :mod:`app.excel.forms.review_forms`.

- :data:`STT` and :func:`born` -- the STT column and a birth date cell (a real date shown
  dd/mm/yyyy, or the year alone when only the year is known).
- :func:`open_list` -- a form opened on the engine with its header block, title, subtitles and
  the repeated column headers: everything above the first table row.
- :func:`write_groups` -- bold group rows ("I" | "Tập thể") with their lines, STT restarting in
  each group or running on, a note row for an empty group or an empty list.
- :func:`paragraph` -- a line of running text across the page (the body of a Biên bản).
- :func:`fit_grouped_header` -- under grouped column headers, room for the long header of a
  column that spans both header rows.

Only the forms of ``review_forms`` use these; the older lists keep their own code.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Generic, TypeVar

from openpyxl.styles import Alignment

from app.domain.settings import AgencySettings
from app.excel.forms.layout import Column, FormSheet, open_form
from app.excel.forms.metrics import lines_needed, row_height
from app.excel.forms.staff_list import roman

__all__ = [
    "DATE_FORMAT",
    "STT",
    "YEAR_FORMAT",
    "Line",
    "RowGroup",
    "born",
    "fit_grouped_header",
    "open_list",
    "paragraph",
    "write_groups",
]

T = TypeVar("T")

DATE_FORMAT = "dd/mm/yyyy"
YEAR_FORMAT = "0"
STT = Column("STT", 5.5, "center")
BODY_TEXT_SIZE = 13  # running text of a Biên bản (NĐ 30/2020: 13-14 pt)
INDENT = "      "  # first-line indent of running text (NĐ 30/2020: 1-1.27 cm)


@dataclass(frozen=True)
class Line:
    """A subtitle under the form title: plain italic by default."""

    text: str
    bold: bool = False
    italic: bool = True


@dataclass(frozen=True)
class RowGroup(Generic[T]):
    """Rows under one bold group row; ``empty`` is printed when there are none."""

    name: str
    lines: Sequence[T]
    empty: str = "Không có."


def born(birth_date: date | None, birth_year: int | None) -> tuple[object, str]:
    """The birth cell's value and number format."""
    if birth_date is not None:
        return birth_date, DATE_FORMAT
    return (birth_year or ""), YEAR_FORMAT


def open_list(
    code: str,
    sheet_title: str,
    columns: Sequence[Column],
    *,
    landscape: bool,
    agency: AgencySettings,
    title: str,
    subtitles: Sequence[Line] = (),
    on: date | None = None,
    doc_code: str | None = None,
) -> FormSheet:
    """The form down to its column headers (repeated on every printed page)."""
    form = open_form(code, sheet_title, columns, landscape=landscape)
    form.header_block(agency, on=on, doc_code=doc_code)
    form.blank(height=10)
    form.title(title)
    for line in subtitles:
        form.subtitle(line.text, bold=line.bold, italic=line.italic)
    form.blank(height=10)
    form.table_header()
    fit_grouped_header(form)
    return form


def fit_grouped_header(form: FormSheet) -> None:
    """Make the two header rows of a grouped table tall enough for every header.

    The engine sizes those rows from the group names and the headers under them; a column
    outside any group has one header across both rows, which may need more room.
    """
    if form.table_rows is None or not any(c.group for c in form.columns):
        return
    first = form.table_rows[0]
    dims = form.ws.row_dimensions
    size = form.body_size
    have = sum(float(dims[r].height or row_height(1, size)) for r in (first, first + 1))
    need = max(
        (
            row_height(lines_needed(c.header, form.span_pt(i, i), size, bold=True), size)
            for i, c in enumerate(form.columns, start=1)
            if not c.group
        ),
        default=0.0,
    )
    if need > have:
        dims[first + 1].height = float(dims[first + 1].height or row_height(1, size)) + (
            need - have
        )


def write_groups(
    form: FormSheet,
    groups: Sequence[RowGroup[T]],
    values: Callable[[int, T], Sequence[object]],
    *,
    formats: Callable[[T], dict[int, str]] | None = None,
    sections: bool = True,
    restart: bool = True,
    empty: str = "Không có.",
) -> int:
    """Write ``groups`` as group rows and table rows; returns the number of table rows.

    ``values(stt, line)`` gives a row's cells. Without ``sections`` the group rows are left
    out (a list of one kind). ``restart``: STT starts again at 1 in each group.
    """
    stt = total = 0
    for number, group in enumerate(groups, start=1):
        if sections:
            form.section(roman(number), group.name)
        if restart:
            stt = 0
        if not group.lines and sections:
            form.note_row(group.empty)
        for line in group.lines:
            stt += 1
            total += 1
            form.data_row(values(stt, line), formats=formats(line) if formats else None)
    if total == 0 and not (sections and groups):
        form.note_row(groups[0].empty if len(groups) == 1 else empty)
    return total


def paragraph(
    form: FormSheet,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    align: str = "justify",
    size: float = BODY_TEXT_SIZE,
    space_before: float = 0.0,
    indent: bool = False,
) -> int:
    """A line of running text across the whole width; returns its row.

    ``indent`` starts the first line further in, as the body of an administrative text does.
    """
    row = form.row
    if indent:
        text = INDENT + text
    cell = form.text(row, 1, form.ncols, text, size=size, bold=bold, italic=italic)
    cell.alignment = Alignment(horizontal=align, vertical="top", wrap_text=True)
    height = form.fit_height(row, (text, 1, form.ncols, size, bold))
    if space_before:
        form.ws.row_dimensions[row].height = height + space_before
        cell.alignment = Alignment(horizontal=align, vertical="bottom", wrap_text=True)
    form.row += 1
    return row
