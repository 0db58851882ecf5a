"""Generic header detection and row extraction for imported spreadsheets.

A :class:`TableSpec` lists the fields an importer wants (:class:`FieldSpec`: name, Vietnamese
label, header synonyms, required). :func:`read_table` opens a workbook safely
(:mod:`app.excel.workbook`), finds the header row by itself and returns a :class:`Table`: the
column map, the data rows as cleaned cell values, the rows it skipped (with the reason) and
the cell-level issues it found on the way (formulas without a cached value, Excel errors,
text typed in a legacy TCVN3/VNI encoding).

Header detection
----------------
- The first :data:`MAX_HEADER_SCAN` rows are scored: each column header is compared with each
  field's synonyms by :func:`~app.domain.vntext.fold_key` (no case, no diacritics, no
  punctuation, newlines are spaces). An exact match scores 3; a synonym of two words or more
  that starts the header scores 2 ("Tên phòng ban/ khối, tổ công tác"); one contained in it
  scores 1. A header starting with "Mã" only matches synonyms starting with "Mã", so
  "Mã phân loại cán bộ" is not "Phân loại cán bộ". Fields flagged ``accent_sensitive``
  compare with diacritics unless the header is plain ASCII ("Nam" must not match "Năm").
- Each field gets at most one column and each column at most one field, best scores first.
  The row is accepted only if the anchor field (the name) is found. When another column
  matches a field as well as the chosen one, the mapping is not ``confident``.
- A header may span two rows: a title merged over several columns with sub-headers below
  ("Ngày, tháng, năm sinh" over "Nam" | "Nữ"; "Họ và tên" over "Họ, tên đệm" | "Tên") or a
  header merged vertically over both rows. Sub-headers win over the title above them.

Rows
----
Blank rows, numbering rows ("1 2 3 ..." or "(1) (2) (3) ..."), subtotal rows ("Tổng cộng",
"Cộng", "Tổng số"), section rows ("I. Phòng Kế hoạch - Tài chính", remembered as the current
section of the rows below), copies of the header row, title rows above the header and the
signature block at the foot are skipped and reported (blank rows only when data follows). In the data area, a merged cell gives its value (top-left cell) to
every cell of the range; text is cleaned (NFC, trimmed, spaces collapsed).

This module never touches the database: it returns plain frozen dataclasses.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any, Final

from openpyxl.utils.cell import column_index_from_string, get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from app.domain.vntext import clean, fold_key, looks_like_legacy_encoding
from app.excel.workbook import (
    DEFAULT_MAX_COMPRESSION_RATIO,
    DEFAULT_MAX_UNCOMPRESSED_BYTES,
    ImportFileError,
    OpenedWorkbook,
    open_workbook,
)

__all__ = [
    "MAX_HEADER_SCAN",
    "CellIssue",
    "CellValue",
    "ColumnRef",
    "FieldSpec",
    "HeaderMatch",
    "SheetGrid",
    "SkippedRow",
    "Table",
    "TableRow",
    "TableSpec",
    "detect_header",
    "extract_table",
    "read_table",
]

MAX_HEADER_SCAN: Final = 20
"""The header row is looked for in this many rows from the top of the sheet."""

_EXACT: Final = 3
_PREFIX: Final = 2
_CONTAINS: Final = 1


# ---------------------------------------------------------------------------
# Public data classes
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldSpec:
    """One field an importer reads.

    ``synonyms`` are header texts as units write them; they are compared with
    :func:`~app.domain.vntext.fold_key`. ``exact_only`` forbids "starts with"/"contains"
    matches (needed for one-word headers such as "Tên"); ``accent_sensitive`` keeps the
    diacritics when the header has any ("Nam" is not "Năm").
    """

    name: str
    label_vi: str
    synonyms: tuple[str, ...]
    required: bool = False
    exact_only: bool = False
    accent_sensitive: bool = False


@dataclass(frozen=True)
class TableSpec:
    """What to look for in a sheet.

    - ``anchor``: the field without which a row is not a header (the name column).
    - ``alternatives``: a field that may be replaced by several others together, e.g.
      ``{"full_name": ("ho_dem", "ten")}``. When only part of the group is found and the
      field itself is not, the last member found takes the field's place ("Tên" alone is
      the full name).
    - ``section_words``: first words of a section title written in the name column without
      numbering ("Phòng", "Chi cục", "Trung tâm"...).
    """

    fields: tuple[FieldSpec, ...]
    anchor: str
    alternatives: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    section_words: tuple[str, ...] = ()

    def field(self, name: str) -> FieldSpec:
        for spec in self.fields:
            if spec.name == name:
                return spec
        raise KeyError(name)

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(spec.name for spec in self.fields)

    def label(self, name: str) -> str:
        return self.field(name).label_vi


@dataclass(frozen=True)
class ColumnRef:
    """A column of the sheet: letter ("D"), 1-based index and header text as written."""

    letter: str
    index: int
    header: str


@dataclass(frozen=True)
class CellIssue:
    """A problem in one cell (or one row, when ``column`` is empty). Message in Vietnamese."""

    row: int
    column: str
    field: str
    header: str
    message: str


@dataclass(frozen=True)
class SkippedRow:
    row: int
    reason: str


@dataclass(frozen=True)
class CellValue:
    """The value of a mapped cell: ``None`` when empty; text is already cleaned (NFC)."""

    value: object
    column: str
    header: str

    @property
    def text(self) -> str:
        return cell_text(self.value)

    @property
    def is_empty(self) -> bool:
        return self.value is None


@dataclass(frozen=True)
class TableRow:
    """One data row: a :class:`CellValue` for every mapped field, and the current section."""

    row: int
    cells: Mapping[str, CellValue]
    section: str | None = None

    def value(self, name: str) -> object:
        cell = self.cells.get(name)
        return None if cell is None else cell.value

    def text(self, name: str) -> str:
        cell = self.cells.get(name)
        return "" if cell is None else cell.text


@dataclass(frozen=True)
class HeaderMatch:
    """Result of header detection on one sheet."""

    rows: tuple[int, ...]
    columns: Mapping[str, ColumnRef]
    ambiguous: tuple[str, ...]
    score: int
    headers: Mapping[int, str]  # column index -> header text as written, every column

    @property
    def last_row(self) -> int:
        return self.rows[-1]


@dataclass(frozen=True)
class Table:
    """A sheet read against a :class:`TableSpec`."""

    file: Path
    sheet: str
    header_rows: tuple[int, ...]
    columns: Mapping[str, ColumnRef]
    confident: bool
    rows: tuple[TableRow, ...]
    issues: tuple[CellIssue, ...]
    skipped: tuple[SkippedRow, ...]
    warnings: tuple[str, ...]


# ---------------------------------------------------------------------------
# Cell values
# ---------------------------------------------------------------------------


def cell_text(value: object) -> str:
    """Display text of a cell value: 12.0 -> "12", dates as dd/mm/yyyy."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"
        return f"{value.day:02d}/{value.month:02d}/{value.year:04d} {value:%H:%M}"
    if isinstance(value, date):
        return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"
    return clean(str(value))


def _normalise(value: object) -> object:
    """Clean text (NFC, trimmed, collapsed); empty text becomes ``None``."""
    if isinstance(value, str):
        text = clean(value)
        return text or None
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, time | datetime | date | int | float | bool) or value is None:
        return value
    # Rich text, array formulas and other objects: their text.
    text = clean(str(value))
    return text or None


_LEGACY_FONT: Final = re.compile(r"^(\.vn|vni[\s_-])", re.IGNORECASE)


def _has_vietnamese_unicode(text: str) -> bool:
    return any(ch in "ĂăĐđĨĩŨũƠơƯư" or 0x1EA0 <= ord(ch) <= 0x1EF9 for ch in text)


def _legacy_text(text: str, font_is_legacy: bool) -> bool:
    if looks_like_legacy_encoding(text):
        return True
    # In a TCVN3/VNI font any Latin-1 letter is a legacy code, unless the text already has
    # Vietnamese Unicode letters (real Unicode typed into a cell that keeps an old font).
    return (
        font_is_legacy
        and any(0x80 <= ord(ch) <= 0xFF for ch in text)
        and not _has_vietnamese_unicode(text)
    )


# ---------------------------------------------------------------------------
# The sheet as a grid
# ---------------------------------------------------------------------------

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
        legacy_font: Iterable[_Coord] = (),
        merges: Iterable[_Range] = (),
    ) -> None:
        self.title = title
        self._values: dict[_Coord, object] = {}
        for coord, raw in values.items():
            value = _normalise(raw)
            if value is not None:
                self._values[coord] = value
        self.pending_formulas: frozenset[_Coord] = frozenset(pending_formulas)
        self.errors: dict[_Coord, str] = dict(errors or {})
        self.legacy_font: frozenset[_Coord] = frozenset(legacy_font)
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
        legacy: set[_Coord] = set()
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
                if name and _LEGACY_FONT.match(str(name)):
                    legacy.add(coord)
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


def _blank_rows(first: int, stop: int) -> list[SkippedRow]:
    """Skips for the blank rows ``first``..``stop - 1``; a long run is one entry."""
    if stop - first > _MAX_BLANK_ROWS_LISTED:
        return [SkippedRow(first, f"Dòng trống (đến dòng {stop - 1})")]
    return [SkippedRow(r, "Dòng trống") for r in range(first, stop)]


_MAX_BLANK_ROWS_LISTED: Final = 20


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


# ---------------------------------------------------------------------------
# Header detection
# ---------------------------------------------------------------------------


def _accent_key(text: str) -> str:
    """Case-folded NFC text with punctuation removed and diacritics kept."""
    folded = unicodedata.normalize("NFC", clean(text).casefold())
    return " ".join("".join(ch if ch.isalnum() else " " for ch in folded).split())


@dataclass(frozen=True)
class _Synonym:
    key: str
    compact: str
    accent: str
    words: int


def _compile(spec: TableSpec) -> dict[str, tuple[_Synonym, ...]]:
    out: dict[str, tuple[_Synonym, ...]] = {}
    for f in spec.fields:
        syns = []
        for s in (*f.synonyms, f.label_vi):
            key = fold_key(s)
            if key:
                syns.append(_Synonym(key, key.replace(" ", ""), _accent_key(s), len(key.split())))
        out[f.name] = tuple(syns)
    return out


def _match_score(header: str, f: FieldSpec, synonyms: tuple[_Synonym, ...]) -> int:
    key = fold_key(header)
    if not key:
        return 0
    compact = key.replace(" ", "")
    if f.accent_sensitive and not clean(header).isascii():
        accent = _accent_key(header)
        return _EXACT if any(s.accent == accent for s in synonyms) else 0
    best = 0
    code_header = key.startswith("ma ")
    for syn in synonyms:
        if syn.key == key or syn.compact == compact:
            return _EXACT
        if f.exact_only or f.accent_sensitive or syn.words < 2:
            continue
        if code_header and not syn.key.startswith("ma "):
            continue
        if key.startswith(syn.key + " "):
            best = max(best, _PREFIX)
        elif f" {syn.key} " in f" {key} ":
            best = max(best, _CONTAINS)
    return best


@dataclass
class _ColumnHeader:
    display: str
    # (text to match, display if matched, from a sub-header)
    candidates: list[tuple[str, str, bool]]


def _header_texts(grid: SheetGrid, row: int, span: int) -> dict[int, _ColumnHeader]:
    out: dict[int, _ColumnHeader] = {}
    for c in grid.header_columns(row, span):
        if span == 1:
            value = grid.own(row, c)
            text = cell_text(value) if isinstance(value, str) else ""
            if text:
                out[c] = _ColumnHeader(text, [(text, text, False)])
            continue
        parent_value = grid.merged_value(row, c)
        parent = cell_text(parent_value) if isinstance(parent_value, str) else ""
        child = ""
        if not grid.is_hidden_merged(row + 1, c):
            child_value = grid.own(row + 1, c)
            child = cell_text(child_value) if isinstance(child_value, str) else ""
        if parent and child and parent != child:
            out[c] = _ColumnHeader(
                f"{parent} ({child})", [(child, child, True), (parent, parent, False)]
            )
        elif child:
            out[c] = _ColumnHeader(child, [(child, child, True)])
        elif parent:
            # Under a title merged across columns only the top-left column holds data.
            if grid.origin(row, c)[1] == c:
                out[c] = _ColumnHeader(parent, [(parent, parent, False)])
    return out


@dataclass
class _Candidate:
    rows: tuple[int, ...]
    columns: dict[str, ColumnRef]
    scores: dict[str, int]
    ambiguous: list[str]
    headers: dict[int, str]
    child_unmatched: set[int]

    @property
    def score(self) -> int:
        return sum(self.scores.values())


def _score_row(
    grid: SheetGrid,
    spec: TableSpec,
    compiled: dict[str, tuple[_Synonym, ...]],
    row: int,
    span: int,
) -> _Candidate:
    headers = _header_texts(grid, row, span)
    # For each column: the best field matches of its sub-header, or else of its title.
    per_column: dict[int, list[tuple[int, int, str]]] = {}  # col -> [(score, field idx, display)]
    child_unmatched: set[int] = set()
    for c, header in headers.items():
        found: list[tuple[int, int, str]] = []
        for text, display, from_child in header.candidates:
            for i, f in enumerate(spec.fields):
                score = _match_score(text, f, compiled[f.name])
                if score:
                    shown = header.display if (from_child and f.accent_sensitive) else display
                    found.append((score, i, shown))
            if found:
                break
            if from_child:
                child_unmatched.add(c)
        if found:
            per_column[c] = found
    ranked = sorted(
        ((score, c, i, shown) for c, found in per_column.items() for score, i, shown in found),
        key=lambda t: (-t[0], t[1], t[2]),
    )
    columns: dict[str, ColumnRef] = {}
    scores: dict[str, int] = {}
    used: set[int] = set()
    for score, c, i, shown in ranked:
        name = spec.fields[i].name
        if name in columns or c in used:
            continue
        columns[name] = ColumnRef(get_column_letter(c), c, shown)
        scores[name] = score
        used.add(c)
    ambiguous: list[str] = []
    for name, ref in columns.items():
        for c, found in per_column.items():
            if c == ref.index or c in used:
                continue
            top = max(s for s, _, _ in found)
            if any(spec.fields[i].name == name and s == top == scores[name] for s, i, _ in found):
                ambiguous.append(name)
                break
    _apply_alternatives(spec, columns, scores)
    return _Candidate(
        tuple(range(row, row + span)),
        columns,
        scores,
        ambiguous,
        {c: h.display for c, h in headers.items()},
        child_unmatched,
    )


def _apply_alternatives(
    spec: TableSpec, columns: dict[str, ColumnRef], scores: dict[str, int]
) -> None:
    for main, group in spec.alternatives.items():
        if main in columns:
            continue
        present = [g for g in group if g in columns]
        if present and len(present) < len(group):
            last = present[-1]
            columns[main] = columns.pop(last)
            scores[main] = scores.pop(last, _EXACT)


def _anchor_found(spec: TableSpec, columns: Mapping[str, ColumnRef]) -> bool:
    if spec.anchor in columns:
        return True
    group = spec.alternatives.get(spec.anchor, ())
    return bool(group) and all(g in columns for g in group)


def _anchor_columns(spec: TableSpec, columns: Mapping[str, ColumnRef]) -> list[int]:
    names = [spec.anchor, *spec.alternatives.get(spec.anchor, ())]
    return [columns[n].index for n in names if n in columns]


def _has_vertical_merge(grid: SheetGrid, row: int) -> bool:
    return any(r1 == row and r2 >= row + 1 for r1, _c1, r2, _c2 in grid.merges)


def _best_at(
    grid: SheetGrid, spec: TableSpec, compiled: dict[str, tuple[_Synonym, ...]], row: int
) -> _Candidate:
    one = _score_row(grid, spec, compiled, row, 1)
    if row + 1 > grid.max_row:
        return one
    two = _score_row(grid, spec, compiled, row, 2)
    if not _anchor_found(spec, two.columns):
        return one
    # Under a two-row header, the name cell of the second row is empty, part of a merge,
    # or itself a sub-header ("Tên"): a person's name there means the row is data.
    if any(c in two.child_unmatched for c in _anchor_columns(spec, two.columns)):
        return one
    if two.score > one.score or (two.score == one.score and _has_vertical_merge(grid, row)):
        return two
    return one


def detect_header(
    grid: SheetGrid, spec: TableSpec, *, header_row: int | None = None
) -> HeaderMatch | None:
    """Find the header row(s) of ``grid`` within the first :data:`MAX_HEADER_SCAN` rows.

    Returns the best candidate, even when the anchor field was not found (check with
    ``spec.anchor in match.columns``), or ``None`` when no row matches any field.
    With ``header_row`` only that row (alone or with the next one) is considered.
    """
    compiled = _compile(spec)
    rows = (
        [header_row]
        if header_row is not None
        else list(range(1, min(grid.max_row, MAX_HEADER_SCAN) + 1))
    )
    best: _Candidate | None = None
    best_key: tuple[int, int, int, int] = (-1, -1, -1, -99)
    for r in rows:
        cand = _best_at(grid, spec, compiled, r)
        if not cand.columns:
            continue
        # Same score: the one-row header wins over a two-row one starting a row earlier
        # (a title row above the header is not part of it); then the earlier row.
        key = (
            1 if _anchor_found(spec, cand.columns) else 0,
            cand.score,
            len(cand.columns),
            -len(cand.rows),
        )
        if key > best_key:
            best, best_key = cand, key
    if best is None:
        return None
    return HeaderMatch(
        rows=best.rows,
        columns=dict(best.columns),
        ambiguous=tuple(best.ambiguous),
        score=best.score,
        headers=dict(best.headers),
    )


# ---------------------------------------------------------------------------
# Manual mapping
# ---------------------------------------------------------------------------


def _apply_mapping(
    spec: TableSpec, match: HeaderMatch, mapping: Mapping[str, str | None]
) -> HeaderMatch:
    columns = dict(match.columns)
    ambiguous = set(match.ambiguous)
    for name, letter in mapping.items():
        if name not in spec.field_names:
            known = ", ".join(spec.field_names)
            raise ValueError(f"Trường '{name}' không có trong danh sách trường ({known})")
        ambiguous.discard(name)
        columns.pop(name, None)
        if letter is None or not str(letter).strip():
            continue
        try:
            index = column_index_from_string(str(letter).strip().upper())
        except ValueError:
            raise ValueError(f"Cột '{letter}' không hợp lệ cho trường '{name}'") from None
        for other, ref in list(columns.items()):
            if ref.index == index:
                del columns[other]
        header = match.headers.get(index, "")
        columns[name] = ColumnRef(get_column_letter(index), index, header)
    return HeaderMatch(match.rows, columns, tuple(sorted(ambiguous)), match.score, match.headers)


def _confident(spec: TableSpec, match: HeaderMatch) -> tuple[bool, list[str]]:
    warnings: list[str] = []
    for f in spec.fields:
        if not f.required or f.name in match.columns:
            continue
        group = spec.alternatives.get(f.name, ())
        if group and all(g in match.columns for g in group):
            continue
        warnings.append(f"Không tìm thấy cột '{f.label_vi}'")
    for name in match.ambiguous:
        if name in match.columns:
            ref = match.columns[name]
            warnings.append(
                f"Có nhiều cột giống '{spec.label(name)}'; đang dùng cột {ref.letter} "
                f"('{ref.header}'), hãy kiểm tra lại"
            )
    return not warnings, warnings


# ---------------------------------------------------------------------------
# Row classification
# ---------------------------------------------------------------------------

_NUMBER_TOKEN: Final = re.compile(r"^\(?(\d{1,3})\)?\.?$")
_LETTER_TOKEN: Final = re.compile(r"^\(?([A-Z])\)?\.?$")
_ROMAN: Final = re.compile(r"^(?=[IVXLC])C{0,3}(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
_SECTION_PREFIX: Final = re.compile(
    r"^(?:(?P<roman>[IVXLC]+)|(?P<letter>[A-Z])|(?P<num>\d{1,2}(?:\.\d{1,2})*))"
    r"\s*[.\-/):]\s*(?P<rest>\S.*)$"
)
_SUBTOTAL: Final = re.compile(r"^(tổng cộng|tổng số|tổng|cộng)(?:\W|$)")
_SUBTOTAL_ASCII: Final = re.compile(r"^(tong cong|tong so|tong|cong)(?:\W|$)")
_FOOTER_MARKERS: Final = (
    "nguoi lap",
    "thu truong",
    "xac nhan cua",
    "noi nhan",
    "ky ghi ro ho ten",
    "ky ten",
    "ky dong dau",
    "ghi chu",
)
_DATE_LINE: Final = re.compile(r"\bngay\b.*\bthang\b.*\bnam\b")


def _numbering_token(value: object) -> tuple[str, int] | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return ("n", value)
    if isinstance(value, float) and value.is_integer():
        return ("n", int(value))
    if isinstance(value, str):
        if m := _NUMBER_TOKEN.match(value):
            return ("n", int(m.group(1)))
        if m := _LETTER_TOKEN.match(value):
            return ("a", ord(m.group(1)))
    return None


def _is_numbering_row(values: list[tuple[int, object]], header_count: int) -> bool:
    if len(values) < 2:
        return False
    tokens = [_numbering_token(v) for _, v in values]
    if any(t is None for t in tokens):
        return False
    numbers = [t[1] for t in tokens if t is not None and t[0] == "n"]
    if not numbers:
        return False
    if any(b != a + 1 for a, b in zip(numbers, numbers[1:], strict=False)):
        return False
    return len(values) >= 3 or len(values) >= header_count


def _is_subtotal(values: list[tuple[int, object]]) -> bool:
    texts = [(c, v) for c, v in values if isinstance(v, str)]
    if not texts:
        return False
    _, first = texts[0]
    assert isinstance(first, str)
    lowered = unicodedata.normalize("NFC", first.casefold())
    if not (_SUBTOTAL.match(lowered) or (lowered.isascii() and _SUBTOTAL_ASCII.match(lowered))):
        return False
    # Everything else on the row is a number (counts) or a repeat of the label.
    return all(not isinstance(v, str) or v == first for _, v in values[1:])


def _section_title(
    values: list[tuple[int, object]],
    grid: SheetGrid,
    row: int,
    anchor_cols: list[int],
    section_keys: tuple[str, ...],
) -> str | None:
    """The section title if the row is a group/section row, else ``None``."""
    texts = [(c, v) for c, v in values if isinstance(v, str)]
    if not texts or len(values) > 2:
        return None
    lead: object = None
    if len(values) == 2:
        lead = values[0][1]
        if isinstance(lead, str):
            if not (_ROMAN.match(lead.rstrip(".")) or _LETTER_TOKEN.match(lead)):
                lead_token = _NUMBER_TOKEN.match(lead)
                if lead_token is None:
                    return None
        elif not isinstance(lead, int | float) or isinstance(lead, bool):
            return None
        col, text_value = values[1]
    else:
        col, text_value = values[0]
    if not isinstance(text_value, str):
        return None
    text = text_value
    m = _SECTION_PREFIX.match(text)
    rest = m.group("rest") if m else text
    has_unit_word = _starts_with_section_word(rest, section_keys)
    lead_is_roman = isinstance(lead, str) and bool(
        _ROMAN.match(lead.rstrip(".")) or _LETTER_TOKEN.match(lead)
    )
    rng = grid.merge_of(row, col)
    wide_merge = rng is not None and rng[3] > rng[1] and rng[2] == row
    if m is not None and (m.group("roman") or m.group("letter")):
        return rest
    if lead_is_roman or has_unit_word:
        return rest
    # Alone on its row, left of the name column (in the STT column) or merged across.
    left_of_name = bool(anchor_cols) and col < min(anchor_cols)
    if lead is None and (wide_merge or left_of_name):
        return rest
    return None


def _section_keys(words: Iterable[str]) -> tuple[str, ...]:
    return tuple(k for k in (_accent_key(w) for w in words) if k)


def _starts_with_section_word(text: str, keys: tuple[str, ...]) -> bool:
    """ "Phòng Kế hoạch", "Chi cục Kiểm lâm"... but not the surname "Tô" for "Tổ".

    Diacritics count. Text typed without any keeps only the unmistakable words (two words,
    or one of five letters or more: "phong", "chi cuc", "trung tam").
    """
    key = _accent_key(text)
    ascii_text = key.isascii()
    for word in keys:
        if ascii_text:
            word = fold_key(word)
            if " " not in word and len(word) < 5:
                continue
        if key == word or key.startswith(word + " "):
            return True
    return False


def _header_keys(spec: TableSpec, names: Iterable[str]) -> frozenset[str]:
    """Exact-match keys (folded and without spaces) of the synonyms of ``names``."""
    compiled = _compile(spec)
    keys: set[str] = set()
    for name in names:
        for syn in compiled.get(name, ()):
            keys.update((syn.key, syn.compact))
    return frozenset(keys)


def _is_repeated_header(
    values: list[tuple[int, object]], match: HeaderMatch, anchor_keys: Mapping[int, frozenset[str]]
) -> bool:
    """A copy of the header inside the data (lists pasted page by page): the name column
    holds a header word such as "Họ và tên" or "Tên"."""
    for c, text in values:
        keys = anchor_keys.get(c)
        if keys is None or not isinstance(text, str):
            continue
        key = fold_key(text)
        if key in keys or key.replace(" ", "") in keys:
            return True
    return False


def _footer_text(value: object) -> bool:
    if not isinstance(value, str):
        return False
    key = fold_key(value)
    if any(key.startswith(m) or f" {m}" in f" {key}" for m in _FOOTER_MARKERS):
        return True
    return bool(_DATE_LINE.search(key)) and len(key) < 80


def _is_footer(values: list[tuple[int, object]], anchor_cols: list[int]) -> bool:
    """The first row of the signature block: "Người lập biểu", "..., ngày ... tháng ...".

    A name in the name column means a data row, unless that text is itself the marker.
    """
    if not any(_footer_text(v) for _, v in values):
        return False
    return all(_footer_text(v) for c, v in values if c in anchor_cols)


# ---------------------------------------------------------------------------
# Extraction
# ---------------------------------------------------------------------------


def _cell_issues(
    grid: SheetGrid, row: int, name: str, ref: ColumnRef
) -> tuple[object, list[CellIssue]]:
    origin = grid.origin(row, ref.index)
    coord_text = f"{get_column_letter(origin[1])}{origin[0]}"
    issues: list[CellIssue] = []
    value = grid.merged_value(row, ref.index)
    if origin in grid.pending_formulas:
        issues.append(
            CellIssue(
                row,
                ref.letter,
                name,
                ref.header,
                f"Ô {coord_text} chứa công thức chưa có giá trị (mở tệp bằng Excel, "
                "lưu lại rồi nhập lại, hoặc thay công thức bằng giá trị)",
            )
        )
    elif origin in grid.errors:
        issues.append(
            CellIssue(
                row,
                ref.letter,
                name,
                ref.header,
                f"Ô {coord_text} có lỗi công thức {grid.errors[origin]}",
            )
        )
    if isinstance(value, str) and _legacy_text(value, origin in grid.legacy_font):
        issues.append(
            CellIssue(
                row,
                ref.letter,
                name,
                ref.header,
                f"Ô {coord_text} có vẻ gõ bằng bảng mã cũ (TCVN3/VNI): '{value}'. "
                "Hãy chuyển sang Unicode (ví dụ bằng Unikey) rồi nhập lại",
            )
        )
    return value, issues


def extract_table(
    grid: SheetGrid,
    spec: TableSpec,
    *,
    file: Path,
    mapping: Mapping[str, str | None] | None = None,
    header_row: int | None = None,
) -> Table:
    """Detect the header of ``grid`` and read its data rows. Raises :class:`ImportFileError`
    when no header with the anchor field (the name column) can be found."""
    match = _match_or_raise(grid, spec, file=file, mapping=mapping, header_row=header_row)
    return _extract(grid, spec, match, file)


def _extract(grid: SheetGrid, spec: TableSpec, match: HeaderMatch, file: Path) -> Table:
    confident, warnings = _confident(spec, match)
    anchor_cols = _anchor_columns(spec, match.columns)
    mapped = sorted(match.columns.items(), key=lambda item: item[1].index)
    mapped_cols = {ref.index for _, ref in mapped}
    section_keys = _section_keys(spec.section_words)
    anchor_names = [spec.anchor, *spec.alternatives.get(spec.anchor, ())]
    anchor_keys = {
        ref.index: _header_keys(spec, [name])
        for name, ref in match.columns.items()
        if name in anchor_names
    }
    header_count = len(match.headers)

    skipped: list[SkippedRow] = []
    for r in range(1, match.rows[0]):
        if grid.row_values(r):
            skipped.append(SkippedRow(r, "Phần tiêu đề phía trên dòng tiêu đề cột"))

    rows: list[TableRow] = []
    issues: list[CellIssue] = []
    pending_skips: list[SkippedRow] = []  # blank rows: reported only if data follows
    section: str | None = None
    in_footer = False
    previous = match.last_row
    for r in grid.rows_with_content(after=match.last_row, columns=mapped_cols):
        if not in_footer:
            pending_skips.extend(_blank_rows(previous + 1, r))
        previous = r
        values = grid.row_values(r)
        if in_footer:
            if values:
                pending_skips.append(SkippedRow(r, "Phần ký tên, ghi chú cuối bảng"))
            continue
        if _is_repeated_header(values, match, anchor_keys):
            skipped.extend(pending_skips)
            pending_skips = []
            skipped.append(SkippedRow(r, "Dòng tiêu đề cột lặp lại"))
            continue
        if _is_numbering_row(values, header_count):
            skipped.extend(pending_skips)
            pending_skips = []
            skipped.append(SkippedRow(r, "Dòng đánh số cột"))
            continue
        if _is_subtotal(values):
            skipped.extend(pending_skips)
            pending_skips = []
            skipped.append(SkippedRow(r, "Dòng cộng/tổng cộng"))
            continue
        if _is_footer(values, anchor_cols):
            in_footer = True
            pending_skips.append(SkippedRow(r, "Phần ký tên, ghi chú cuối bảng"))
            continue
        title = _section_title(values, grid, r, anchor_cols, section_keys)
        if title is not None:
            skipped.extend(pending_skips)
            pending_skips = []
            section = title
            skipped.append(SkippedRow(r, f"Dòng tiêu đề nhóm: {title}"))
            continue
        has_mapped = any(c in mapped_cols for c, _ in values) or any(
            (r, c) in grid.pending_formulas for c in mapped_cols
        )
        if not has_mapped:
            pending_skips.append(SkippedRow(r, "Dòng không có dữ liệu ở các cột cần nhập"))
            continue
        skipped.extend(pending_skips)
        pending_skips = []
        cells: dict[str, CellValue] = {}
        for name, ref in mapped:
            value, cell_issues = _cell_issues(grid, r, name, ref)
            issues.extend(cell_issues)
            cells[name] = CellValue(value, ref.letter, ref.header)
        rows.append(TableRow(r, cells, section))
    # Trailing blank rows are not worth reporting; the signature block is.
    skipped.extend(s for s in pending_skips if s.reason.startswith("Phần ký tên"))
    skipped.sort(key=lambda s: s.row)
    return Table(
        file=file,
        sheet=grid.title,
        header_rows=match.rows,
        columns=dict(match.columns),
        confident=confident,
        rows=tuple(rows),
        issues=tuple(issues),
        skipped=tuple(skipped),
        warnings=tuple(warnings),
    )


def _anchor_hint(spec: TableSpec) -> str:
    return f"{spec.label(spec.anchor)}..."


def _not_found_message(spec: TableSpec, sheets: list[str], file: Path) -> str:
    names = ", ".join(f"'{s}'" for s in sheets)
    where = f"trang {names}" if len(sheets) == 1 else f"các trang {names}"
    return (
        f"Không tìm thấy dòng tiêu đề cột ({_anchor_hint(spec)}) trong {MAX_HEADER_SCAN} "
        f"dòng đầu của {where} (tệp '{file.name}')."
    )


def _missing_anchor_message(
    spec: TableSpec, grid: SheetGrid, match: HeaderMatch, file: Path
) -> str:
    found = ", ".join(f"'{ref.header}'" for ref in match.columns.values())
    rows = "-".join(str(r) for r in match.rows)
    return (
        f"Trang '{grid.title}' (tệp '{file.name}'): dòng tiêu đề cột {rows} thiếu cột "
        f"'{spec.label(spec.anchor)}' (tìm thấy: {found})."
    )


def _match_or_raise(
    grid: SheetGrid,
    spec: TableSpec,
    *,
    file: Path,
    mapping: Mapping[str, str | None] | None,
    header_row: int | None,
) -> HeaderMatch:
    match = _try_match(grid, spec, mapping=mapping, header_row=header_row)
    if match is not None and _anchor_found(spec, match.columns):
        return match
    if match is not None and len(match.columns) >= 2:
        raise ImportFileError(_missing_anchor_message(spec, grid, match, file))
    raise ImportFileError(_not_found_message(spec, [grid.title], file))


def _try_match(
    grid: SheetGrid,
    spec: TableSpec,
    *,
    mapping: Mapping[str, str | None] | None,
    header_row: int | None,
) -> HeaderMatch | None:
    match = detect_header(grid, spec, header_row=header_row)
    if mapping:
        if match is None:
            if header_row is None:
                return None
            texts = _header_texts(grid, header_row, 1)
            match = HeaderMatch((header_row,), {}, (), 0, {c: h.display for c, h in texts.items()})
        match = _apply_mapping(spec, match, mapping)
    return match


def read_table(
    path: str | Path,
    spec: TableSpec,
    *,
    sheet: str | None = None,
    mapping: Mapping[str, str | None] | None = None,
    header_row: int | None = None,
    max_uncompressed_bytes: int = DEFAULT_MAX_UNCOMPRESSED_BYTES,
    max_compression_ratio: float = DEFAULT_MAX_COMPRESSION_RATIO,
) -> Table:
    """Open ``path`` safely and read a table from it.

    ``sheet``: the sheet to read (an unknown name is an error that lists the sheets); by
    default the first sheet whose header row can be detected. ``mapping`` overrides the
    detected columns (``{field: "D"}``; ``None`` unmaps a field); ``header_row`` fixes the
    header row when detection fails. The limits are those of
    :func:`~app.excel.workbook.open_workbook`.
    """
    book = open_workbook(
        path,
        max_uncompressed_bytes=max_uncompressed_bytes,
        max_compression_ratio=max_compression_ratio,
    )
    try:
        return _read_opened(book, spec, sheet=sheet, mapping=mapping, header_row=header_row)
    finally:
        book.close()


def _read_opened(
    book: OpenedWorkbook,
    spec: TableSpec,
    *,
    sheet: str | None,
    mapping: Mapping[str, str | None] | None,
    header_row: int | None,
) -> Table:
    if sheet is not None:
        grid = SheetGrid.from_worksheets(*book.sheet_pair(sheet))
        return extract_table(grid, spec, file=book.path, mapping=mapping, header_row=header_row)
    partial: tuple[SheetGrid, HeaderMatch] | None = None
    for name in book.sheet_names:
        grid = SheetGrid.from_worksheets(*book.sheet_pair(name))
        match = _try_match(grid, spec, mapping=mapping, header_row=header_row)
        if match is None:
            continue
        if _anchor_found(spec, match.columns):
            return _extract(grid, spec, match, book.path)
        if partial is None and len(match.columns) >= 2:
            partial = (grid, match)
    if partial is not None:
        raise ImportFileError(_missing_anchor_message(spec, partial[0], partial[1], book.path))
    raise ImportFileError(_not_found_message(spec, book.sheet_names, book.path))
