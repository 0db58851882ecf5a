"""Cell values of imported spreadsheets: display text and cleaning.

Part of the table reader (:mod:`app.excel.table`): :class:`CellValue` is the value of a mapped
cell, :class:`CellIssue` and :class:`SkippedRow` are what the reader reports.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

from app.domain.vntext import clean

__all__ = [
    "CellIssue",
    "CellValue",
    "SkippedRow",
    "cell_text",
    "normalise_value",
]


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


def normalise_value(value: object) -> object:
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
