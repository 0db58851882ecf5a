"""Header detection: which fields an importer wants and where they are in a sheet.

A :class:`TableSpec` lists the fields (:class:`FieldSpec`); :func:`detect_header` finds the
header row(s) of a :class:`~app.excel.grid.SheetGrid` and returns a :class:`HeaderMatch`.
The rules are described in :mod:`app.excel.table`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Final

from openpyxl.utils.cell import column_index_from_string, get_column_letter

from app.domain.vntext import clean, fold_key
from app.excel.cells import cell_text
from app.excel.grid import SheetGrid

__all__ = [
    "MAX_HEADER_SCAN",
    "ColumnRef",
    "FieldSpec",
    "HeaderMatch",
    "TableSpec",
    "accent_key",
    "anchor_columns",
    "anchor_found",
    "apply_mapping",
    "assess_confidence",
    "detect_header",
    "header_keys",
    "header_texts",
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
    diacritics when the header has any ("Nam" is not "Năm"). ``derived`` marks a column a
    template fills by formula from another one (the province's "Mã danh hiệu thi đua" is a
    VLOOKUP of the name column): a formula there left without a value, or giving an error
    (#N/A), is no issue and does not make a row by itself.
    """

    name: str
    label_vi: str
    synonyms: tuple[str, ...]
    required: bool = False
    exact_only: bool = False
    accent_sensitive: bool = False
    derived: bool = False


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


# ---------------------------------------------------------------------------
# Header detection
# ---------------------------------------------------------------------------


def accent_key(text: str) -> str:
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
                syns.append(_Synonym(key, key.replace(" ", ""), accent_key(s), len(key.split())))
        out[f.name] = tuple(syns)
    return out


_MAX_HEADER_CHARS: Final = 300
"""A longer cell is data, never a column header (folding it once per field costs seconds)."""


def _match_score(header: str, f: FieldSpec, synonyms: tuple[_Synonym, ...]) -> int:
    if len(header) > _MAX_HEADER_CHARS:
        return 0
    key = fold_key(header)
    if not key:
        return 0
    compact = key.replace(" ", "")
    if f.accent_sensitive and not clean(header).isascii():
        accent = accent_key(header)
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
            score = _PREFIX
        elif f" {syn.key} " in f" {key} ":
            score = _CONTAINS
        else:
            continue
        if syn.words == 2 and not _qualifies(header, key, syn.key, synonyms):
            continue
        best = max(best, score)
    return best


_SEGMENT_BREAK: Final = re.compile(r"[/,;:()\[\]]|\s[-–—]\s")
_NEUTRAL_WORDS: Final = frozenset({"nam", "hien", "nay", "tai"})


def _qualifies(header: str, key: str, syn_key: str, synonyms: tuple[_Synonym, ...]) -> bool:
    """Whether a synonym of two syllables (one Vietnamese word: "đối tượng", "hình thức",
    "phân loại") found inside a longer header names the header's own subject.

    More words after such a word usually make another noun: "Đối tượng ưu tiên (mã 1-6)" is
    not "Đối tượng", "Hình thức khen thưởng" is not the discipline's "Hình thức". The match
    stands when the synonym is a whole part of the header between punctuation ("Đơn vị
    (phòng, ban)", "Họ tên/Tên tập thể"), or when every other word is a year or a word of the
    field's own synonyms ("Xếp loại năm 2024", "Tên đơn vị")."""
    if syn_key in {fold_key(p) for p in _SEGMENT_BREAK.split(header)}:
        return True
    vocabulary = {w for s in synonyms for w in s.key.split()}
    rest = f" {key} ".replace(f" {syn_key} ", " ", 1).split()
    return all(w in vocabulary or w in _NEUTRAL_WORDS or w.isdigit() for w in rest)


@dataclass
class _ColumnHeader:
    display: str
    # (text to match, display if matched, from a sub-header)
    candidates: list[tuple[str, str, bool]]


def header_texts(grid: SheetGrid, row: int, span: int) -> dict[int, _ColumnHeader]:
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
    headers = header_texts(grid, row, span)
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


def anchor_found(spec: TableSpec, columns: Mapping[str, ColumnRef]) -> bool:
    if spec.anchor in columns:
        return True
    group = spec.alternatives.get(spec.anchor, ())
    return bool(group) and all(g in columns for g in group)


def anchor_columns(spec: TableSpec, columns: Mapping[str, ColumnRef]) -> list[int]:
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
    if not anchor_found(spec, two.columns):
        return one
    # Under a two-row header, the name cell of the second row is empty, part of a merge,
    # or itself a sub-header ("Tên"): a person's name there means the row is data.
    if any(c in two.child_unmatched for c in anchor_columns(spec, two.columns)):
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
            1 if anchor_found(spec, cand.columns) else 0,
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


def header_keys(spec: TableSpec, names: Iterable[str]) -> frozenset[str]:
    """Exact-match keys (folded and without spaces) of the synonyms of ``names``."""
    compiled = _compile(spec)
    keys: set[str] = set()
    for name in names:
        for syn in compiled.get(name, ()):
            keys.update((syn.key, syn.compact))
    return frozenset(keys)


# ---------------------------------------------------------------------------
# Manual mapping
# ---------------------------------------------------------------------------


def apply_mapping(
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


def assess_confidence(spec: TableSpec, match: HeaderMatch) -> tuple[bool, list[str]]:
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
