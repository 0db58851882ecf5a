"""The text lines of a PDF with their boxes in millimetres from the page's top-left corner
(pdfminer.six), for tests of printed positions. Importable from any test: tests/ is on
sys.path."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pdfminer.high_level import extract_pages
from pdfminer.layout import LAParams, LTTextLine

MM_PER_PT = 25.4 / 72


@dataclass(frozen=True)
class PdfLine:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def center_x(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def center_y(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(frozen=True)
class PdfPage:
    width: float
    height: float
    lines: tuple[PdfLine, ...]

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    def find(self, text: str) -> PdfLine:
        found = [line for line in self.lines if line.text == text]
        assert len(found) == 1, (text, [line.text for line in self.lines])
        return found[0]


def _lines(item: Any) -> Iterator[LTTextLine]:
    if isinstance(item, LTTextLine):
        yield item
        return
    if hasattr(item, "__iter__"):
        for child in item:
            yield from _lines(child)


def read_pdf(path: Path) -> list[PdfPage]:
    pages = []
    # a small char_margin keeps fields on one height but far apart as separate lines
    params = LAParams(char_margin=1.0, line_margin=0.1)
    for page in extract_pages(str(path), laparams=params):
        height_pt = page.bbox[3] - page.bbox[1]
        lines = []
        for line in _lines(page):
            text = " ".join(line.get_text().split())
            if not text:
                continue
            x0, y0, x1, y1 = line.bbox
            lines.append(
                PdfLine(
                    text=text,
                    x0=x0 * MM_PER_PT,
                    top=(height_pt - y1) * MM_PER_PT,
                    x1=x1 * MM_PER_PT,
                    bottom=(height_pt - y0) * MM_PER_PT,
                )
            )
        lines.sort(key=lambda ln: (round(ln.top, 1), ln.x0))
        pages.append(
            PdfPage(
                width=(page.bbox[2] - page.bbox[0]) * MM_PER_PT,
                height=height_pt * MM_PER_PT,
                lines=tuple(lines),
            )
        )
    return pages
