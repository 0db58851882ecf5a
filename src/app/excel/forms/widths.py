"""Column widths sized to the content of a table (issue 20).

A column is as wide as its widest value on one line, capped; it is never narrower than its
longest word or the longest word of its header (so neither breaks inside a word), nor than
its whole values for numbers, dates and codes (``wrap=False``). The table then fills the
printable width of the page: spare width goes to the columns that wrap (``fill``). A table
up to 1/:data:`MIN_SCALE` of the page wide is kept whole and printed a little smaller (fit
to width); for a wider one the widths that print the table on the fewest lines are chosen
(:func:`_shrink`). Widths are in
Excel units: the width of a digit of the body font, half its size in points, as
:meth:`app.excel.forms.layout.FormSheet.span_pt` counts them.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import TypeVar

from app.excel.forms.metrics import lines_needed, text_width_pt
from app.excel.forms.template import Field

__all__ = ["PAD", "display_text", "fit_widths", "page_units"]

T = TypeVar("T")
PAD = 0.3  # units a column gets besides what its text needs (:func:`_units` counts the margins)
SAMPLE = 3000  # rows looked at, at most, taken evenly through the list
MIN_WIDTH = 4.0
MIN_SCALE = 0.9  # a table too wide for the page may print this much smaller (fit to width)
SHORT_HEADER = 9.0
SHRINK_SAMPLE = 400  # rows looked at when choosing which column wraps
ROOMY_MAX = 14.0  # units a number column may take to keep its header on three lines
PLANNED = 5  # wrapping columns whose width is planned one by one  # units: a header this wide or narrower is not wrapped


def _spread(items: Sequence[T], most: int) -> Sequence[T]:
    """At most ``most`` items taken evenly through ``items`` (the long names at the end of a
    list count as well as those at its start)."""
    if len(items) <= most:
        return items
    step = len(items) / most
    return [items[int(i * step)] for i in range(most)]


def page_units(width_pt: float, size: float) -> float:
    """Printable width in column units at 100 %."""
    return width_pt / (0.5 * size)


def display_text(value: object, number_format: str | None = None) -> str:
    """About what Excel shows for a value (for measuring, not for writing)."""
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return "00/00/0000"
    if isinstance(value, bool):
        return "TRUE"
    if isinstance(value, int):
        return f"{value:,}" if number_format and "," in number_format else str(value)
    if isinstance(value, float | Decimal):
        return f"{float(value):,.1f}"
    return str(value)


def _units(text: str, size: float, *, bold: bool = False) -> float:
    """Units a cell needs to hold ``text`` on one line (as :func:`lines_needed` counts)."""
    if not text:
        return 0.0
    return (text_width_pt(text, size, bold=bold) / 0.97 + 4.5) / (0.5 * size)


def _longest_word(text: str, size: float, *, bold: bool = False) -> float:
    return max((_units(w, size, bold=bold) for w in text.split()), default=0.0)


def _measure(field: Field, values: Sequence[object], size: float) -> tuple[float, float, bool]:
    """(narrowest, wanted, flexible) width of one column in units."""
    # a short header ("Hệ số", "Ghi chú") stays on one line; a long one wraps between words
    whole = _units(field.header, size, bold=True)
    header_min = max(_longest_word(field.header, size, bold=True), min(whole, SHORT_HEADER)) + PAD
    header_min = max(header_min, field.min_width)
    if field.width is not None:
        return field.width, field.width, False
    widest = word = 0.0
    for value in values:
        text = display_text(value, field.number_format)
        if not text:
            continue
        for line in text.split("\n"):
            widest = max(widest, _units(line, size))
            if field.wrap:
                word = max(word, _longest_word(line, size))
    # the header of a text column may wrap on three lines at most (a number column's header
    # wraps at every word: the column stays as narrow as its numbers)
    if field.wrap and len(field.header.split()) > 3:
        header_min = max(header_min, min(whole / 3 + PAD + 1.0, max(field.max_width, 12.0)))
    cap = max(field.max_width, header_min)
    wanted = min(max(widest + PAD, header_min), cap)
    if not field.wrap:
        narrowest = max(widest + PAD, header_min, MIN_WIDTH)
        return narrowest, max(wanted, narrowest), False
    narrowest = max(header_min, min(word + PAD, field.max_width), MIN_WIDTH)
    return narrowest, max(wanted, narrowest), True


def _grow(
    fields: Sequence[Field], wanted: list[float], flexible: list[bool], page: float
) -> list[float]:
    """Spread the spare width: first to the wrapping columns up to their cap, evenly (the
    narrowest first), then to every growing column in proportion."""
    out = list(wanted)
    growers = [i for i, f in enumerate(fields) if f.fill and f.width is None and flexible[i]]
    if not growers:
        growers = [i for i, f in enumerate(fields) if f.fill and f.width is None]
    if not growers:
        return out
    caps = {i: max(out[i], fields[i].max_width) for i in growers}
    spare = page - sum(out)
    while spare > 0.05:
        open_ = [i for i in growers if out[i] < caps[i] - 0.05]
        if not open_:
            break
        level = min(out[i] for i in open_)
        above = sorted({out[i] for i in open_ if out[i] > level + 0.05} | {caps[i] for i in open_})
        target = min(above)
        lowest = [i for i in open_ if out[i] <= level + 0.05]
        step = min(target - level, spare / len(lowest))
        for i in lowest:
            out[i] += step
        spare -= step * len(lowest)
    if spare > 0.05:
        weight = sum(out[i] for i in growers)
        for i in growers:
            out[i] += spare * out[i] / weight
    return out


def _shrink(
    columns: Sequence[Sequence[object]],
    fields: Sequence[Field],
    narrow: list[float],
    wanted: list[float],
    flexible: list[bool],
    page: float,
    size: float,
) -> list[float]:
    """Widths that fit ``page`` and print the table on the fewest lines (a row is as tall as
    its tallest cell), looking at :data:`SHRINK_SAMPLE` rows taken through the list.

    Each wrapping column is tried whole (its widest value on one line), at the width that
    holds nine values in ten, or sharing what is left with the other sharing columns; the
    best of these plans wins (up to :data:`PLANNED` columns are planned, the narrower ones
    share)."""
    texts = [
        [display_text(v, f.number_format) for v in _spread(col, SHRINK_SAMPLE)]
        for col, f in zip(columns, fields, strict=True)
    ]
    rows = len(texts[0]) if texts else 0
    cache: dict[tuple[int, float], list[int]] = {}

    def lines(c: int, width: float) -> list[int]:
        key = (c, round(width, 1))
        found = cache.get(key)
        if found is None:
            pt = width * 0.5 * size
            found = [lines_needed(t, pt, size) if t else 1 for t in texts[c]]
            cache[key] = found
        return found

    flex = [c for c in range(len(wanted)) if flexible[c]]
    fixed = sum(w for c, w in enumerate(wanted) if not flexible[c])
    planned = sorted(flex, key=lambda c: -wanted[c])[:PLANNED]
    choices: dict[int, list[float | None]] = {}
    for c in planned:
        needs = sorted(_units(t, size) + PAD for t in texts[c] if t)
        most = needs[int(len(needs) * 0.9)] if len(needs) >= 10 else wanted[c]
        options: list[float | None] = [wanted[c], None]
        if narrow[c] <= most < wanted[c] - 0.5:
            options.insert(1, most)
        choices[c] = options
    best: tuple[float, float, list[float]] | None = None
    for plan in itertools.product(*(choices[c] for c in planned)):
        widths = list(wanted)
        sharing = [c for c in flex if c not in planned]
        for c, choice in zip(planned, plan, strict=True):
            if choice is None:
                sharing.append(c)
            else:
                widths[c] = choice
        left = page - fixed - sum(widths[c] for c in flex if c not in sharing)
        if sharing:
            weight = sum(wanted[c] for c in sharing)
            for c in sharing:
                widths[c] = min(wanted[c], left * wanted[c] / weight)
            if any(widths[c] < narrow[c] for c in sharing):
                continue
        elif left < -0.01:
            continue
        counts = [lines(c, widths[c]) for c in flex]
        height = sum(max((col[r] for col in counts), default=1) for r in range(rows))
        # a cell broken over lines costs half a line: rather one long text wrapping than
        # every short one; then the columns closest to their wanted widths, all alike
        broken = sum(1 for col in counts for n in col if n > 1)
        spread = sum(((wanted[c] - widths[c]) / wanted[c]) ** 2 for c in flex if wanted[c])
        cost = height + 0.5 * broken + spread
        if best is None or cost < best[0]:
            best = (cost, spread, widths)
    if best is None:  # nothing fits: the narrowest, and fit to width scales the page
        return [narrow[c] if flexible[c] else wanted[c] for c in range(len(wanted))]
    return best[2]


def fit_widths(
    fields: Sequence[Field],
    rows: Sequence[Sequence[object]],
    *,
    size: float,
    page: float,
) -> list[float]:
    """Widths of ``fields`` for the table ``rows`` (one value per field), filling ``page``
    units when they fit in it."""
    rows = _spread(rows, SAMPLE)
    columns = [[row[i] for row in rows] for i in range(len(fields))]
    measured = [_measure(f, col, size) for f, col in zip(fields, columns, strict=True)]
    narrow = [m[0] for m in measured]
    wanted = [m[1] for m in measured]
    flexible = [m[2] for m in measured]
    total = sum(wanted)
    if total <= page:
        # spare width first lets the long headers of number columns wrap on fewer lines
        roomy = list(wanted)
        for i, f in enumerate(fields):
            if not flexible[i] and f.width is None:
                whole = _units(f.header, size, bold=True)
                roomy[i] = max(wanted[i], min(whole / 3 + PAD + 1.0, ROOMY_MAX))
        if sum(roomy) <= page:
            wanted = roomy
        return [round(w, 1) for w in _grow(fields, wanted, flexible, page)]
    page = page / MIN_SCALE  # rather a little smaller print than rows on two lines
    if total <= page:
        return [round(w, 1) for w in wanted]
    return [round(w, 1) for w in _shrink(columns, fields, narrow, wanted, flexible, page, size)]
