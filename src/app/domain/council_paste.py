"""Ballot counts brought in as a block: pasted from Excel or read back from a tally sheet.

:func:`parse_block` reads the text Excel puts on the clipboard (rows on lines, cells split by
tabs) in one of two shapes:

- **numbers only** (every filled cell a whole number): a column or block of counts typed in
  Excel, pasted at the current cell of the ballot table like in a spreadsheet
  (:attr:`Block.grid`; the table maps it to its rows and columns);
- **rows naming candidates** (:attr:`Block.rows`): with a header row its columns are found by
  name ("STT", "Họ và tên", "Ngày sinh", "Phát ra", "Thu về", "Hợp lệ", "Đồng ý"); without
  one, each row is read as the tally sheet's: a leading whole number is the STT, the first
  text the name, a date (or a year) the date of birth, and the whole numbers ending the row are
  the last counts of "phát ra | thu về | hợp lệ | đồng ý" (one number: "đồng ý").

:func:`match_rows` finds the candidate of each row: by STT (the name, when given, must agree),
else by name and date of birth (no case, no diacritics). A row that finds nobody, or several
people, or a candidate already matched by an earlier row, says why; nothing here decides what
is written.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from app.domain.vnformat import format_date, parse_date_or_year
from app.domain.vntext import clean, fold_key

__all__ = [
    "FIELDS",
    "Block",
    "BlockRow",
    "Candidate",
    "RowMatch",
    "match_rows",
    "parse_block",
    "parse_count",
]

FIELDS = ("issued", "returned", "valid", "in_favour")
FIELD_NAMES = {
    "issued": "Phát ra",
    "returned": "Thu về",
    "valid": "Hợp lệ",
    "in_favour": "Đồng ý",
}
MAX_COUNT = 999  # more than any Council has members
_COUNT = re.compile(r"\d{1,4}")

# header words (fold_key) -> field; checked in this order ("không đồng ý" before "đồng ý")
_HEADERS: tuple[tuple[str, str | None], ...] = (
    ("khong dong y", None),
    ("khong hop le", None),
    ("so thu tu", "stt"),
    ("so tt", "stt"),
    ("stt", "stt"),
    ("tt", "stt"),
    ("ngay sinh", "birth"),
    ("nam sinh", "birth"),
    ("phat ra", "issued"),
    ("thu ve", "returned"),
    ("thu vao", "returned"),
    ("hop le", "valid"),
    ("dong y", "in_favour"),
    ("ho va ten", "name"),
    ("ho ten", "name"),
    ("ten tap the", "name"),
    ("ten", "name"),
)


def parse_count(text: str) -> int | None:
    """A whole number of ballots typed in a cell ("9", "9.0" from Excel); None when it is not
    one."""
    value = clean(text)
    if value.endswith((".0", ",0")):
        value = value[:-2]
    if not _COUNT.fullmatch(value):
        return None
    return int(value)


@dataclass(frozen=True)
class BlockRow:
    """One row of a block or a tally sheet, as read (nothing matched yet)."""

    line: int  # the row's number in the block (1 = first) or the sheet's row
    stt: int | None = None
    name: str = ""
    birth_date: date | None = None
    birth_year: int | None = None
    counts: Mapping[str, int] = field(default_factory=dict)  # FIELDS given
    problems: tuple[str, ...] = ()  # what could not be read
    key: Hashable | None = None  # a row placed on a known candidate (a positional paste)

    def who(self) -> str:
        parts = [f"STT {self.stt}" if self.stt is not None else "", self.name]
        return " ".join(p for p in parts if p) or f"dòng {self.line}"


@dataclass(frozen=True)
class Block:
    """A parsed block: ``grid`` (numbers only) or ``rows`` (rows naming candidates)."""

    grid: tuple[tuple[int | None, ...], ...] = ()
    rows: tuple[BlockRow, ...] = ()
    header: bool = False
    problems: tuple[str, ...] = ()

    @property
    def numbers_only(self) -> bool:
        return bool(self.grid)


def _cells(text: str) -> list[list[str]]:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    return [[clean(cell) for cell in line.split("\t")] for line in lines]


def _header(cells: Sequence[str]) -> dict[int, str] | None:
    found: dict[int, str] = {}
    for i, cell in enumerate(cells):
        key = fold_key(cell)
        if not key:
            continue
        for words, name in _HEADERS:
            if key == words or key.startswith(words + " ") or f" {words}" in f" {key}":
                if name is not None and name not in found.values():
                    found[i] = name
                break
    names = set(found.values())
    if len(names) >= 2 and names & {"stt", "name"} and names & set(FIELDS):
        return found
    return None


def _birth(text: str) -> tuple[date | None, int | None, bool]:
    """(date, year, is a birth cell) of a cell that looks like a date of birth."""
    number = parse_count(text) if text else None
    if not text or (number is not None and not 1900 <= number <= 2100):
        return None, None, False
    if not any(ch.isdigit() for ch in text):
        return None, None, False
    try:
        day, year = parse_date_or_year(text)
    except ValueError:
        return None, None, False
    return day, year, day is not None or year is not None


def _row_by_header(line: int, cells: Sequence[str], columns: Mapping[int, str]) -> BlockRow:
    stt: int | None = None
    name = ""
    born: date | None = None
    year: int | None = None
    counts: dict[str, int] = {}
    problems: list[str] = []
    for i, what in columns.items():
        text = cells[i] if i < len(cells) else ""
        if not text:
            continue
        if what == "stt":
            stt = parse_count(text)
            if stt is None:
                problems.append(f"STT '{text}' không phải số")
        elif what == "name":
            name = text
        elif what == "birth":
            born, year, ok = _birth(text)
            if not ok:
                problems.append(f"Ngày sinh '{text}' không đọc được")
        else:
            value = parse_count(text)
            if value is None or value > MAX_COUNT:
                problems.append(f"{FIELD_NAMES[what]}: '{text}' không phải số phiếu")
            else:
                counts[what] = value
    return BlockRow(line, stt, name, born, year, counts, tuple(problems))


def _row_by_shape(line: int, cells: Sequence[str]) -> BlockRow:
    filled = list(cells)
    while filled and not filled[-1]:
        filled.pop()
    stt: int | None = None
    start = 0
    if len(filled) > 1 and parse_count(filled[0]) is not None:
        stt, start = parse_count(filled[0]), 1
    name = ""
    born: date | None = None
    year: int | None = None
    last_text = start - 1
    for i in range(start, len(filled)):
        text = filled[i]
        day, birth_year, is_birth = _birth(text)
        if not text or (parse_count(text) is not None and not (is_birth and name)):
            continue
        if is_birth and born is None and year is None and name:
            born, year, last_text = day, birth_year, i
        elif not is_birth:
            name = name or text
            last_text = i
    tail: list[str] = []
    for text in reversed(filled[last_text + 1 :]):
        value = parse_count(text) if text else None
        if text and (value is None or value > MAX_COUNT):
            break
        tail.insert(0, text)
    tail = tail[-len(FIELDS) :]
    counts = {
        what: int(text)
        for what, text in zip(FIELDS[len(FIELDS) - len(tail) :], tail, strict=True)
        if text
    }
    problems = () if (name or stt is not None) else ("Không thấy STT hay họ tên trên dòng",)
    return BlockRow(line, stt, name, born, year, counts, problems)


def parse_block(text: str) -> Block:
    """Read the clipboard text of a block copied in Excel (see the module docstring)."""
    rows = _cells(text)
    if not rows:
        return Block(problems=("Không có gì để dán",))
    filled = [cell for row in rows for cell in row if cell]
    if filled and all(parse_count(cell) is not None for cell in filled):
        width = max(len(row) for row in rows)
        grid = tuple(
            tuple(parse_count(cell) if cell else None for cell in row + [""] * (width - len(row)))
            for row in rows
        )
        too_big = [v for row in grid for v in row if v is not None and v > MAX_COUNT]
        problems = (f"Số phiếu {too_big[0]} quá lớn",) if too_big else ()
        return Block(grid=grid, problems=problems)
    columns = _header(rows[0])
    if columns is not None:
        body = [
            _row_by_header(n, row, columns) for n, row in enumerate(rows[1:], start=2) if any(row)
        ]
        return Block(rows=tuple(body), header=True)
    return Block(
        rows=tuple(_row_by_shape(n, row) for n, row in enumerate(rows, start=1) if any(row))
    )


# --- matching ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    """What a row is matched against: a candidate of the session."""

    key: Hashable
    position: int | None  # STT
    name: str
    birth_date: date | None = None
    ballot: bool = True  # voted on per candidate
    title: str = ""  # the title's short name, for messages


@dataclass(frozen=True)
class RowMatch:
    row: BlockRow
    candidate: Candidate | None
    problems: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.candidate is not None and not self.problems


def _born_matches(row: BlockRow, candidate: Candidate) -> bool:
    if row.birth_date is not None:
        return candidate.birth_date == row.birth_date
    if row.birth_year is not None:
        return candidate.birth_date is not None and candidate.birth_date.year == row.birth_year
    return True


def _find(
    row: BlockRow,
    by_key: Mapping[Hashable, Candidate],
    by_position: Mapping[int, Candidate],
    by_name: Mapping[str, list[Candidate]],
) -> tuple[Candidate | None, str]:
    if row.key is not None:
        found = by_key.get(row.key)
        return (found, "") if found is not None else (None, "Không có trong danh sách")
    if row.stt is not None:
        found = by_position.get(row.stt)
        if found is None:
            return None, f"STT {row.stt} không có trong danh sách của phiên họp"
        if row.name and fold_key(row.name) != fold_key(found.name):
            return None, f"STT {row.stt} là {found.name}, không phải {row.name}"
        if not _born_matches(row, found):
            born = format_date(found.birth_date) if found.birth_date else "không rõ"
            return None, f"STT {row.stt} ({found.name}) sinh ngày {born}, khác ngày sinh trên dòng"
        return found, ""
    if not row.name:
        return None, "Không thấy STT hay họ tên trên dòng"
    same = by_name.get(fold_key(row.name), [])
    if not same:
        return None, f"Không có {row.name} trong danh sách của phiên họp"
    alike = [c for c in same if _born_matches(row, c)]
    if not alike:
        return None, f"{row.name}: ngày sinh không khớp với người nào trong danh sách"
    if len(alike) > 1:
        return None, (
            f"Có {len(alike)} người tên {row.name} trong danh sách: thêm cột STT hoặc ngày sinh"
        )
    return alike[0], ""


def match_rows(rows: Sequence[BlockRow], candidates: Sequence[Candidate]) -> list[RowMatch]:
    """The candidate of each row, or why there is none (see the module docstring)."""
    by_key = {c.key: c for c in candidates}
    by_position = {c.position: c for c in candidates if c.position is not None}
    by_name: dict[str, list[Candidate]] = {}
    for c in candidates:
        by_name.setdefault(fold_key(c.name), []).append(c)
    taken: dict[Hashable, int] = {}
    out = []
    for row in rows:
        candidate, problem = _find(row, by_key, by_position, by_name)
        problems = list(row.problems)
        if problem:
            problems.append(problem)
        if candidate is not None:
            if candidate.key in taken:
                problems.append(f"{candidate.name} đã có ở dòng {taken[candidate.key]}")
            else:
                taken[candidate.key] = row.line
        out.append(RowMatch(row, candidate, tuple(problems)))
    return out
