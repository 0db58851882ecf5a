"""Row classification below the header: blank, numbering, subtotal, section, repeated
header and signature rows, which the table reader skips (:mod:`app.excel.table`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Final

from app.domain.vntext import fold_key
from app.excel.cells import SkippedRow
from app.excel.grid import SheetGrid
from app.excel.header import HeaderMatch, accent_key

__all__ = [
    "blank_rows",
    "fold_section_words",
    "is_footer",
    "is_numbering_row",
    "is_repeated_header",
    "is_subtotal",
    "section_title",
]


def blank_rows(first: int, stop: int) -> list[SkippedRow]:
    """Skips for the blank rows ``first``..``stop - 1``; a long run is one entry."""
    if stop - first > _MAX_BLANK_ROWS_LISTED:
        return [SkippedRow(first, f"Dòng trống (đến dòng {stop - 1})")]
    return [SkippedRow(r, "Dòng trống") for r in range(first, stop)]


_MAX_BLANK_ROWS_LISTED: Final = 20


_NUMBER_TOKEN: Final = re.compile(r"^\(?(\d{1,3})\)?\.?$")
# "5=3+4", "(5)=(3)+(4)", "(5) = (3) x (4)": a column computed from others.
_COMPUTED_TOKEN: Final = re.compile(r"^\(?(\d{1,3})\)?\s*=\s*[\d()+\-x*/.:\s]+$")
_COLUMN_TOKEN: Final = re.compile(r"^(?:cot|column|col)\.?\s*(\d{1,3})$")
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


# The name cell of a row is folded by the repeated-header and the footer checks: once is enough.
_fold_cell: Final = lru_cache(maxsize=64)(fold_key)


def _numbering_token(value: object) -> tuple[str, int] | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return ("n", value)
    if isinstance(value, float) and value.is_integer():
        return ("n", int(value))
    if isinstance(value, str):
        if m := _NUMBER_TOKEN.match(value) or _COMPUTED_TOKEN.match(value):
            return ("n", int(m.group(1)))
        if m := _LETTER_TOKEN.match(value):
            return ("a", ord(m.group(1)) - ord("A") + 1)
        # "Cột 1": folded only when it may be one (a name is folded once per row, elsewhere)
        if len(value) <= 12 and value[:1] in "cC" and (m := _COLUMN_TOKEN.match(fold_key(value))):
            return ("n", int(m.group(1)))
    return None


def _numbered_in_order(items: list[tuple[int, int]]) -> bool:
    """(column, number) pairs that number the columns: starting no further than the column
    itself, then growing by one per column (more across merged or empty cells)."""
    if not items:
        return True
    first_col, first = items[0]
    if first < 1 or first > first_col:
        return False
    for (c1, n1), (c2, n2) in zip(items, items[1:], strict=False):
        if not 0 < n2 - n1 <= c2 - c1 + 1:
            return False
    return True


def is_numbering_row(
    values: list[tuple[int, object]], header_count: int, *, below_header: bool = False
) -> bool:
    """The row numbering the columns under a header: "1 2 3 ...", "(1) (2) (3) ...",
    "A B 1 2 ...", "A B C ...", "Cột 1 ...", "5=3+4"; merged or empty cells may leave gaps.

    Two cells are enough right below the header (``below_header``); elsewhere it takes three,
    or every column of the header."""
    if len(values) < 2:
        return False
    numbers: list[tuple[int, int]] = []
    letters: list[tuple[int, int]] = []
    for c, v in values:
        token = _numbering_token(v)
        if token is None:
            return False
        (numbers if token[0] == "n" else letters).append((c, token[1]))
    if not (_numbered_in_order(numbers) and _numbered_in_order(letters)):
        return False
    if not numbers and len(letters) < 3:
        return False  # "A", "B": initials more likely than numbering
    return len(values) >= 3 or len(values) >= header_count or below_header


def is_subtotal(values: list[tuple[int, object]]) -> bool:
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


def section_title(
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


def fold_section_words(words: Iterable[str]) -> tuple[str, ...]:
    return tuple(k for k in (accent_key(w) for w in words) if k)


def _starts_with_section_word(text: str, keys: tuple[str, ...]) -> bool:
    """ "Phòng Kế hoạch", "Chi cục Kiểm lâm"... but not the surname "Tô" for "Tổ".

    Diacritics count. Text typed without any keeps only the unmistakable words (two words,
    or one of five letters or more: "phong", "chi cuc", "trung tam").
    """
    key = accent_key(text)
    ascii_text = key.isascii()
    for word in keys:
        if ascii_text:
            word = fold_key(word)
            if " " not in word and len(word) < 5:
                continue
        if key == word or key.startswith(word + " "):
            return True
    return False


def is_repeated_header(
    values: list[tuple[int, object]], match: HeaderMatch, anchor_keys: Mapping[int, frozenset[str]]
) -> bool:
    """A copy of the header inside the data (lists pasted page by page): the name column
    holds a header word such as "Họ và tên" or "Tên"."""
    for c, text in values:
        keys = anchor_keys.get(c)
        if keys is None or not isinstance(text, str):
            continue
        key = _fold_cell(text)
        if key in keys or key.replace(" ", "") in keys:
            return True
    return False


def _footer_text(value: object) -> bool:
    if not isinstance(value, str):
        return False
    key = _fold_cell(value)
    if any(key.startswith(m) or f" {m}" in f" {key}" for m in _FOOTER_MARKERS):
        return True
    return len(key) < 80 and bool(_DATE_LINE.search(key))  # short first: the search is O(n²)


def is_footer(values: list[tuple[int, object]], anchor_cols: list[int]) -> bool:
    """The first row of the signature block: "Người lập biểu", "..., ngày ... tháng ...".

    A name in the name column means a data row, unless that text is itself the marker.
    """
    # The name column first: on a data row it settles the question with one cell folded.
    if not all(_footer_text(v) for c, v in values if c in anchor_cols):
        return False
    return any(_footer_text(v) for _, v in values)
