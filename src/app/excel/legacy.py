"""Sheets typed in the legacy encodings TCVN3 (ABC) and VNI: find, convert, ask first.

Part of the table reader (:mod:`app.excel.table`). Detection and conversion of one text are
in :mod:`app.domain.legacy_text`; here a whole sheet is handled:

- :func:`convert_grid` reads every text cell of a :class:`~app.excel.grid.SheetGrid` with its
  font, decides which cells are legacy with the whole sheet as context
  (:func:`~app.domain.legacy_text.decide`) and returns a grid holding the Unicode text, the
  converted cells listed in ``grid.converted``. Header detection then runs on the converted
  grid, so a sheet whose headers are in TCVN3 is found like any other.
- :func:`accept_conversions` is called once the header is known: without the clerk's
  consent it raises :class:`LegacyEncodingError` (the encoding, a few examples before ->
  after with their row and column header, and what to do); with consent it returns the
  :class:`~app.domain.legacy_text.TextConversion` list for the preview and the report.

Legacy text is therefore never stored as it is: it is refused, or converted with consent.
Messages name no command-line option; the CLI adds its own hint.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Final

from openpyxl.utils.cell import get_column_letter

from app.domain.legacy_text import (
    ENCODING_LABELS,
    Encoding,
    TextConversion,
    convert,
    decide,
)
from app.excel.grid import SheetGrid
from app.excel.header import HeaderMatch
from app.excel.workbook import ImportFileError

__all__ = [
    "MAX_EXAMPLES",
    "LegacyEncodingError",
    "accept_conversions",
    "convert_grid",
]

MAX_EXAMPLES: Final = 3
"""Examples of converted cells quoted in the refusal message."""


class LegacyEncodingError(ImportFileError):
    """A sheet holds text typed in TCVN3 or VNI and the clerk has not agreed to convert it.

    ``encodings``: the encodings found, most cells first; ``conversions``: every cell that
    would be converted (before -> after), for a preview.
    """

    def __init__(
        self,
        message: str,
        *,
        file: Path,
        sheet: str,
        encodings: tuple[Encoding, ...],
        conversions: tuple[TextConversion, ...],
    ) -> None:
        super().__init__(message)
        self.file = file
        self.sheet = sheet
        self.encodings = encodings
        self.conversions = conversions


def convert_grid(grid: SheetGrid) -> SheetGrid:
    """``grid`` with its TCVN3/VNI cells converted to Unicode; ``grid.converted`` lists them.

    A grid already checked (``grid.converted`` is not ``None``) is returned as it is; so is
    a grid without legacy text (then marked as checked).
    """
    if grid.converted is not None:
        return grid
    cells = {
        coord: (value, grid.font_names.get(coord))
        for coord, value in grid.cells()
        if isinstance(value, str) and not value.isascii()
    }
    found = decide(cells)
    if not found:
        grid.converted = {}
        return grid
    values: dict[tuple[int, int], object] = dict(grid.cells())
    converted: dict[tuple[int, int], tuple[str, Encoding]] = {}
    for coord, encoding in found.items():
        before = cells[coord][0]
        after = convert(before, encoding, font_name=cells[coord][1])
        if after != before:
            values[coord] = after
            converted[coord] = (before, encoding)
    return SheetGrid(
        grid.title,
        values,
        pending_formulas=grid.pending_formulas,
        errors=grid.errors,
        legacy_font=grid.font_names or grid.legacy_font,
        merges=grid.merges,
        converted=converted,
    )


def _conversions(grid: SheetGrid, match: HeaderMatch | None) -> tuple[TextConversion, ...]:
    headers = match.headers if match is not None else {}
    out: list[TextConversion] = []
    for (row, col), (before, encoding) in sorted((grid.converted or {}).items()):
        after = grid.own(row, col)
        out.append(
            TextConversion(
                row=row,
                column=get_column_letter(col),
                header=headers.get(col, ""),
                before=before,
                after=after if isinstance(after, str) else "",
                encoding=encoding,
                sheet=grid.title,
            )
        )
    return tuple(out)


def _where(item: TextConversion, header_rows: Sequence[int]) -> str:
    if item.row in header_rows:
        return f"dòng {item.row} (tiêu đề cột {item.column})"
    if item.header:
        return f"dòng {item.row}, cột '{item.header}'"
    return f"dòng {item.row}, cột {item.column}"


def _examples(
    conversions: tuple[TextConversion, ...], header_rows: Sequence[int]
) -> list[TextConversion]:
    """A header cell (if any) and data cells, different texts, at most :data:`MAX_EXAMPLES`."""
    picked: list[TextConversion] = []
    seen: set[str] = set()
    header_first = [c for c in conversions if c.row in header_rows][:1]
    first_row = min(header_rows, default=0)
    data = [c for c in conversions if c.row not in header_rows and c.row > first_row]
    for item in [*header_first, *data, *conversions]:
        if len(picked) == MAX_EXAMPLES:
            break
        if item.before in seen:
            continue
        seen.add(item.before)
        picked.append(item)
    return sorted(picked, key=lambda c: (c.row, len(c.column), c.column))


def encodings_of(conversions: tuple[TextConversion, ...]) -> tuple[Encoding, ...]:
    """The encodings of ``conversions``, the most frequent first."""
    counts: dict[Encoding, int] = {}
    for item in conversions:
        counts[item.encoding] = counts.get(item.encoding, 0) + 1
    return tuple(sorted(counts, key=lambda e: -counts[e]))


def legacy_message(
    conversions: tuple[TextConversion, ...],
    *,
    file: Path,
    sheet: str,
    header_rows: Sequence[int] = (),
) -> str:
    """The Vietnamese refusal: which encoding, how many cells, examples, what to do."""
    names = " và ".join(ENCODING_LABELS[e] for e in encodings_of(conversions))
    examples = "; ".join(
        f"{_where(c, header_rows)}: '{c.before}' → '{c.after}'"
        for c in _examples(conversions, header_rows)
    )
    return (
        f"Trang '{sheet}' (tệp '{file.name}') có chữ gõ bằng bảng mã cũ {names} "
        f"({len(conversions)} ô), chưa phải Unicode. Ví dụ: {examples}. "
        "Hãy cho phép chuyển sang Unicode khi nhập (các ô được chuyển sẽ hiện trong báo "
        "cáo để kiểm tra lại), hoặc chuyển tệp sang Unicode (ví dụ bằng Unikey) rồi nhập lại."
    )


def accept_conversions(
    grid: SheetGrid,
    match: HeaderMatch | None,
    *,
    file: Path,
    convert_legacy: bool,
) -> tuple[TextConversion, ...]:
    """The conversions made in ``grid`` (from :func:`convert_grid`), once its header is known.

    Raises :class:`LegacyEncodingError` when there are some and ``convert_legacy`` is false.
    """
    conversions = _conversions(grid, match)
    if conversions and not convert_legacy:
        header_rows = match.rows if match is not None else ()
        raise LegacyEncodingError(
            legacy_message(conversions, file=file, sheet=grid.title, header_rows=header_rows),
            file=file,
            sheet=grid.title,
            encodings=encodings_of(conversions),
            conversions=conversions,
        )
    return conversions
