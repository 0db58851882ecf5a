"""Fitting a text into a box (issue 22, point 4): shrink within limits, then wrap, never
overflow.

Pure: the caller measures text (``measure(text, size_pt) -> width`` and ``line_height(size_pt)
-> height``, both in the box's unit) with the font it will draw with. :func:`fit_text` tries,
in order:

1. one line per paragraph (paragraphs are the template's lines), from the field's size down
   to its smallest size;
2. when the field wraps, lines broken at spaces (a word wider than the box is broken inside),
   again from the field's size down to its smallest size;
3. below the smallest size, down to :data:`FLOOR_PT` (the result says so: the clerk is warned);
4. at :data:`FLOOR_PT`, the lines that fit, the last one cut with "…" (warned too).

The lines returned always fit the box: nothing is ever printed outside it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["ELLIPSIS", "FLOOR_PT", "STEP_PT", "Fitted", "fit_text", "wrap_paragraph"]

STEP_PT = 0.5
FLOOR_PT = 5.0
ELLIPSIS = "…"
_EPS = 1e-6

Measure = Callable[[str, float], float]
LineHeight = Callable[[float], float]


@dataclass(frozen=True)
class Fitted:
    size_pt: float
    lines: tuple[str, ...]
    below_min: bool = False  # smaller than the field's smallest size
    cut: bool = False  # text left out (the last line ends with "…")

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def _sizes(start: float, stop: float) -> list[float]:
    """start, start - 0.5, ... down to stop (both included, stop at least FLOOR_PT)."""
    out, size = [], start
    while size > stop + _EPS:
        out.append(round(size, 2))
        size -= STEP_PT
    out.append(stop)
    return out


def _break_word(word: str, width: float, size: float, measure: Measure) -> list[str]:
    """A word wider than the box, cut into pieces that fit (at least one character each)."""
    pieces, piece = [], ""
    for ch in word:
        if piece and measure(piece + ch, size) > width + _EPS:
            pieces.append(piece)
            piece = ch
        else:
            piece += ch
    if piece:
        pieces.append(piece)
    return pieces


def wrap_paragraph(text: str, width: float, size: float, measure: Measure) -> list[str]:
    """Greedy line breaking at spaces; words wider than ``width`` are broken inside."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if measure(candidate, size) <= width + _EPS:
            line = candidate
            continue
        if line:
            lines.append(line)
        if measure(word, size) <= width + _EPS:
            line = word
        else:
            *whole, line = _break_word(word, width, size, measure)
            lines.extend(whole)
    if line:
        lines.append(line)
    return lines


def _one_line_each(paragraphs: list[str], width: float, size: float, measure: Measure) -> bool:
    return all(measure(p, size) <= width + _EPS for p in paragraphs)


def _wrapped(paragraphs: list[str], width: float, size: float, measure: Measure) -> list[str]:
    return [line for p in paragraphs for line in wrap_paragraph(p, width, size, measure)]


def _cut(line: str, width: float, size: float, measure: Measure) -> str:
    while line and measure(line + ELLIPSIS, size) > width + _EPS:
        line = line[:-1].rstrip()
    return line + ELLIPSIS if measure(line + ELLIPSIS, size) <= width + _EPS else ""


def fit_text(
    text: str,
    *,
    width: float,
    height: float,
    size: float,
    min_size: float,
    wrap: bool,
    measure: Measure,
    line_height: LineHeight,
) -> Fitted:
    """The size and lines that put ``text`` inside ``width`` × ``height`` (see the module)."""
    paragraphs = [" ".join(p.split()) for p in text.split("\n")]
    paragraphs = [p for p in paragraphs if p]
    if not paragraphs:
        return Fitted(size, ())
    min_size = max(min(min_size, size), FLOOR_PT)

    def tall_enough(count: int, s: float) -> bool:
        return count * line_height(s) <= height + _EPS

    for s in _sizes(size, min_size):
        if tall_enough(len(paragraphs), s) and _one_line_each(paragraphs, width, s, measure):
            return Fitted(s, tuple(paragraphs))
    if wrap:
        for s in _sizes(size, min_size):
            lines = _wrapped(paragraphs, width, s, measure)
            if tall_enough(len(lines), s):
                return Fitted(s, tuple(lines))
    for s in _sizes(min_size, FLOOR_PT)[1:]:
        if wrap:
            lines = _wrapped(paragraphs, width, s, measure)
        elif _one_line_each(paragraphs, width, s, measure):
            lines = paragraphs
        else:
            continue
        if tall_enough(len(lines), s):
            return Fitted(s, tuple(lines), below_min=True)
    # the smallest size still does not hold it all: keep what fits, cut the last line
    s = FLOOR_PT
    if wrap:
        lines = _wrapped(paragraphs, width, s, measure)
    else:
        lines = [
            p if measure(p, s) <= width + _EPS else _cut(p, width, s, measure) for p in paragraphs
        ]
    room = max(int((height + _EPS) // line_height(s)), 0)
    kept = lines[:room]
    if kept and len(lines) > room and not kept[-1].endswith(ELLIPSIS):
        kept[-1] = _cut(kept[-1], width, s, measure)
    return Fitted(s, tuple(k for k in kept if k), below_min=True, cut=True)
