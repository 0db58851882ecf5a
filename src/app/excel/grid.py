"""The cells of one worksheet as a grid: values, pending formulas, errors, fonts, merges.

Part of the table reader (:mod:`app.excel.table`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from openpyxl.worksheet.worksheet import Worksheet

from app.domain.legacy_text import Encoding, font_encoding
from app.excel.cells import normalise_value

__all__ = ["SheetGrid"]

_Coord = tuple[int, int]
_Range = tuple[int, int, int, int]  # min_row, min_col, max_row, max_col


class SheetGrid:
    """The cells of one worksheet, read once: values, formulas, errors, fonts and merges.

    Build it with :meth:`from_worksheets` (two openpyxl sheets of the same workbook, one
    loaded with ``data_only=False`` and one with ``data_only=True``) or directly in tests.
    """

    def __init__(
        self,
        title: str,
        values: Mapping[_Coord, object],
        *,
        pending_formulas: Iterable[_Coord] = (),
        errors: Mapping[_Coord, str] | None = None,
        legacy_font: Iterable[_Coord] | Mapping[_Coord, str] = (),
        merges: Iterable[_Range] = (),
        converted: Mapping[_Coord, tuple[str, Encoding]] | None = None,
    ) -> None:
        self.title = title
        self._values: dict[_Coord, object] = {}
        for coord, raw in values.items():
            value = normalise_value(raw)
            if value is not None:
                self._values[coord] = value
        self.pending_formulas: frozenset[_Coord] = frozenset(pending_formulas)
        self.errors: dict[_Coord, str] = dict(errors or {})
        self.legacy_font: frozenset[_Coord] = frozenset(legacy_font)
        # The font name of the cells in a TCVN3/VNI font (".VnTime", "VNI-Times"...).
        self.font_names: dict[_Coord, str] = (
            dict(legacy_font) if isinstance(legacy_font, Mapping) else {}
        )
        # Cells converted from a legacy encoding (app.excel.legacy): coord -> (text before,
        # encoding). ``None`` until the grid has been checked for legacy text.
        self.converted: dict[_Coord, tuple[str, Encoding]] | None = (
            None if converted is None else dict(converted)
        )
        used = [*self._values, *self.pending_formulas, *self.errors]
        self.max_row = max((r for r, _ in used), default=0)
        self.max_col = max((c for _, c in used), default=0)
        # Merged ranges are clipped to the used area: a whole-column merge must not cost
        # a million dictionary entries.
        self.merges: tuple[_Range, ...] = tuple(
            (r1, c1, min(r2, self.max_row), min(c2, self.max_col))
            for r1, c1, r2, c2 in merges
            if r1 <= self.max_row and c1 <= self.max_col
        )
        self._merge_of: dict[_Coord, _Range] = {}
        for rng in self.merges:
            r1, c1, r2, c2 = rng
            for r in range(r1, r2 + 1):
                for c in range(c1, c2 + 1):
                    self._merge_of[(r, c)] = rng
        self._rows: dict[int, list[tuple[int, object]]] = {}
        for (r, c), value in sorted(self._values.items()):
            self._rows.setdefault(r, []).append((c, value))

    @classmethod
    def from_worksheets(cls, formulas: Worksheet, values: Worksheet) -> SheetGrid:
        cached: dict[_Coord, object] = {}
        errors: dict[_Coord, str] = {}
        legacy: dict[_Coord, str] = {}
        for cell in _stored_cells(values):
            value = cell.value
            if value is None:
                continue
            coord = (int(cell.row), int(cell.column))
            if cell.data_type == "e":
                errors[coord] = str(value)
                continue
            cached[coord] = value
            if isinstance(value, str) and not value.isascii() and cell.has_style:
                name = cell.font.name if cell.font is not None else None
                if name and font_encoding(str(name)) is not None:
                    legacy[coord] = str(name)
        pending: set[_Coord] = set()
        for cell in _stored_cells(formulas):
            if cell.data_type == "f":
                coord = (int(cell.row), int(cell.column))
                if coord not in cached and coord not in errors:
                    pending.add(coord)
        merges = [
            (rng.min_row, rng.min_col, rng.max_row, rng.max_col)
            for rng in values.merged_cells.ranges
        ]
        return cls(
            values.title,
            cached,
            pending_formulas=pending,
            errors=errors,
            legacy_font=legacy,
            merges=merges,
        )

    # -- cells -------------------------------------------------------------

    def own(self, row: int, col: int) -> object:
        """The value stored in this very cell (``None`` for the hidden cells of a merge)."""
        return self._values.get((row, col))

    def merge_of(self, row: int, col: int) -> _Range | None:
        return self._merge_of.get((row, col))

    def origin(self, row: int, col: int) -> _Coord:
        rng = self._merge_of.get((row, col))
        return (row, col) if rng is None else (rng[0], rng[1])

    def is_hidden_merged(self, row: int, col: int) -> bool:
        """True for the cells of a merged range other than its top-left cell."""
        return self.origin(row, col) != (row, col)

    def merged_value(self, row: int, col: int) -> object:
        return self._values.get(self.origin(row, col))

    def has_content(self, row: int, col: int) -> bool:
        return (row, col) in self._values

    def row_values(self, row: int) -> list[tuple[int, object]]:
        """(column, value) of the non-empty cells of ``row``, left to right (own values)."""
        return list(self._rows.get(row, ()))

    def cells(self) -> list[tuple[_Coord, object]]:
        """((row, column), value) of every non-empty cell (own values)."""
        return list(self._values.items())

    def rows_with_content(self, *, after: int, columns: Iterable[int] = ()) -> list[int]:
        """Rows below ``after`` with a value anywhere, or a pending formula in ``columns``."""
        cols = set(columns)
        rows = {r for r in self._rows if r > after}
        rows.update(r for r, c in self.pending_formulas if r > after and c in cols)
        return sorted(rows)

    def header_columns(self, row: int, span: int) -> list[int]:
        """Columns that may hold a header in rows ``row``..``row + span - 1``."""
        cols = {c for r in range(row, row + span) for c, _ in self._rows.get(r, ())}
        for r1, c1, r2, c2 in self.merges:
            if r1 <= row <= r2 and (r1, c1) in self._values:
                cols.update(range(c1, c2 + 1))
        return sorted(cols)


def _stored_cells(ws: Worksheet) -> Iterable[Any]:
    """The cells the file really contains.

    ``Worksheet.iter_rows()`` walks the whole rectangle up to the last used cell and creates
    every empty cell on the way: one stray value in XFD1048576 would mean billions of cells.
    openpyxl keeps the cells it read in ``_cells``; use it when present.
    """
    stored = getattr(ws, "_cells", None)
    if isinstance(stored, dict):
        return list(stored.values())
    return [cell for row in ws.iter_rows() for cell in row]
