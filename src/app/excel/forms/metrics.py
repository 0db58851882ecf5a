"""Text metrics for laying out forms: printed width of Times New Roman text, wrapped lines,
row heights. Estimates only (no font files are read); good to a few per cent.
"""

from __future__ import annotations

import math
import unicodedata
from functools import lru_cache

__all__ = ["LINE", "PAD", "lines_needed", "row_height", "text_width_pt"]

LINE = 1.18  # line height / font size
PAD = 1.8  # points above and below the text of a row

# Advance widths (1/1000 em) of ASCII 32-126 in Times New Roman (metric-compatible with
# Liberation Serif, which LibreOffice uses in its place). Vietnamese letters take the width of
# their base letter; "đ" and "Đ" have their own.
_REGULAR = (
    "250 333 408 500 500 833 778 180 333 333 500 564 250 333 250 278 500 500 500 500 500 500 "
    "500 500 500 500 278 278 564 564 564 444 921 722 667 667 722 611 556 722 722 333 389 722 "
    "611 889 722 722 556 722 667 556 611 722 722 944 722 722 611 333 278 333 469 500 333 444 "
    "500 444 500 444 333 500 500 278 278 500 278 778 500 500 500 500 333 389 278 500 500 722 "
    "500 500 444 480 200 480 541"
)
_BOLD = (
    "250 333 555 500 500 1000 833 278 333 333 500 570 250 333 250 278 500 500 500 500 500 500 "
    "500 500 500 500 333 333 570 570 570 500 930 722 667 722 722 667 611 778 778 389 500 778 "
    "667 944 722 778 611 778 722 556 667 722 722 1000 722 722 667 333 278 333 581 500 333 500 "
    "556 444 556 444 333 500 556 278 333 556 278 833 556 500 556 556 444 389 333 556 500 722 "
    "500 500 444 394 220 394 520"
)
_WIDTHS = {
    bold: {chr(32 + i): int(w) / 1000 for i, w in enumerate(table.split())}
    for bold, table in ((False, _REGULAR), (True, _BOLD))
}
_WIDTHS[False].update({"đ": 0.5, "Đ": 0.722})
_WIDTHS[True].update({"đ": 0.556, "Đ": 0.722})


def _char_em(ch: str, bold: bool) -> float:
    table = _WIDTHS[bold]
    if ch in table:
        return table[ch]
    base = unicodedata.normalize("NFD", ch)[:1]
    return table.get(base, 0.6)


@lru_cache(maxsize=16384)
def _text_em(text: str, bold: bool) -> float:
    """Width of ``text`` in em, added up character by character (names, positions and units
    repeat down a list: each is measured once)."""
    table = _WIDTHS[bold]
    total = 0.0
    for ch in text:
        width = table.get(ch)
        total += width if width is not None else _char_em(ch, bold)
    return total


def text_width_pt(text: str, size: float, *, bold: bool = False) -> float:
    """Approximate printed width of one line of Times New Roman text, in points."""
    return _text_em(text, bold) * size


def lines_needed(text: str, width_pt: float, size: float, *, bold: bool = False) -> int:
    """Lines the text takes when wrapped at word boundaries in a cell ``width_pt`` wide."""
    usable = max(width_pt - 4.0, 10.0) * 0.97
    space = text_width_pt(" ", size, bold=bold)
    total = 0
    for paragraph in text.split("\n"):
        lines, used = 1, 0.0
        indent = len(paragraph) - len(paragraph.lstrip(" "))
        if indent and paragraph.strip():  # leading spaces indent the first line
            used = text_width_pt(" " * indent, size, bold=bold) - space
        for word in paragraph.split():
            w = text_width_pt(word, size, bold=bold)
            if used and used + space + w > usable:
                lines, used = lines + 1, 0.0
            if w > usable:  # a word longer than the cell breaks anywhere
                extra = math.ceil(w / usable) - 1
                lines, used = lines + extra, w - extra * usable
            else:
                used = used + space + w if used else w
        total += lines
    return max(total, 1)


def row_height(lines: int, size: float) -> float:
    return round(lines * size * LINE + 2 * PAD, 1)
