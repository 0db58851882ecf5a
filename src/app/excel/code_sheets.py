"""The code sheets a province's workbook carries beside its list (issue 11, point 3).

The upload template "file nhận" has HTKT (award names and their 10-digit codes), PLDT, LVHD
and "phan loai kt"; the nomination lists have a DANHMUC sheet with several small tables side by
side ("Mã số" | "Hình thức khen thưởng", "Mã số" | "Danh hiệu thi đua"...). A code column of
the list ("Mã danh hiệu thi đua") means what these sheets say: :func:`read_code_sheets` reads
every (code, name) pair of the other sheets of the workbook already open, so the file is
opened once. Pure reading: what a code stands for is :mod:`app.domain.award_names`'s job.

A pair is two neighbouring cells of a row, a code (4 digits or more, or an upper-case ASCII
word such as CANHAN) and a name (text that is not a code), in either order; a column pair
counts when it holds at least two such rows. Big sheets are not code sheets and are not read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

from app.domain.award_names import CodeName, normalise_code
from app.domain.vntext import clean, fold_key
from app.excel.grid import SheetGrid
from app.excel.workbook import OpenedWorkbook

__all__ = ["MAX_CODE_SHEET_ROWS", "read_code_sheets"]

MAX_CODE_SHEET_ROWS: Final = 2000
"""A sheet with more rows is a list, not a code sheet: it is not read."""

_DIGITS: Final = re.compile(r"^\d{4,}$")
_WORD: Final = re.compile(r"^[A-Z][A-Z0-9_]+$")


def _code(value: object) -> str | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        text = normalise_code(value)
        return text if _DIGITS.match(text) else None
    if isinstance(value, str):
        text = clean(value)
        if _DIGITS.match(text) or _WORD.match(text):
            return text
    return None


def _name(value: object) -> str | None:
    if not isinstance(value, str) or _code(value) is not None:
        return None
    text = clean(value)
    return text if fold_key(text) and any(ch.isalpha() for ch in text) else None


def _pairs(grid: SheetGrid) -> list[CodeName]:
    found: dict[tuple[int, bool], list[CodeName]] = {}
    for row in range(1, grid.max_row + 1):
        cells = dict(grid.row_values(row))
        for col, value in cells.items():
            right = cells.get(col + 1)
            if right is None:
                continue
            code, name = _code(value), _name(right)
            if code is not None and name is not None:
                found.setdefault((col, True), []).append(CodeName(code, name, grid.title))
                continue
            code, name = _code(right), _name(value)
            if code is not None and name is not None:
                found.setdefault((col, False), []).append(CodeName(code, name, grid.title))
    return [pair for pairs in found.values() if len(pairs) >= 2 for pair in pairs]


def read_code_sheets(book: OpenedWorkbook, *, skip: Iterable[str] = ()) -> dict[str, CodeName]:
    """Code -> :class:`CodeName` from every sheet of ``book`` but ``skip`` (the list itself).
    The first sheet giving a code wins."""
    skipped = set(skip)
    out: dict[str, CodeName] = {}
    for title in book.sheet_names:
        if title in skipped:
            continue
        formulas, values = book.sheet_pair(title)
        if values.max_row > MAX_CODE_SHEET_ROWS:
            continue
        for pair in _pairs(SheetGrid.from_worksheets(formulas, values)):
            out.setdefault(pair.code, pair)
    return out
