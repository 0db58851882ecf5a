"""The Nghị định 30/2020 layout of every exported form (domain.md §7.2).

One :class:`FormSheet` writes a form from top to bottom:

1. :meth:`FormSheet.header_block` -- parent body and issuing body (bold, short rule below) on
   the left; Quốc hiệu and Tiêu ngữ (bold, rule below) on the right; "Số: .../..." under the
   issuing body and the place and date in italics under the Tiêu ngữ.
2. :meth:`FormSheet.title` / :meth:`FormSheet.subtitle` -- the form title and its subtitles.
3. :meth:`FormSheet.table_header` -- the column headers (one row, or two when columns are
   grouped) and the column-number row (1, 2, 3...), repeated on every printed page.
4. :meth:`FormSheet.section` / :meth:`FormSheet.data_row` -- bold group rows and data rows.
5. :meth:`FormSheet.signatures` -- "NGƯỜI LẬP BIỂU" on the left where the form has one; the
   place and date, authority, title and name of the signer on the right.
6. :meth:`FormSheet.finish` -- print area and page breaks: a group row stays with its first
   lines, the signature block keeps its own lines together, and a document that nearly fits
   one page is printed on one page (scaled down a little, :data:`ONE_PAGE_SCALE`).

Totals are formulas (:meth:`FormSheet.formula`) whose values are written with them
(:mod:`app.excel.forms.cached`), so a file opened anywhere shows them and a corrected line
updates them.

Page setup, templates and pagination are in :mod:`app.excel.forms.page`, text measurement in
:mod:`app.excel.forms.metrics`.

Rules under header names: Excel cannot underline a part of a cell's width, so each rule is a
row of underscores in a small font, centred under its text and sized to it (2/5 of the issuing
body's width, the full width of the Tiêu ngữ), which prints as a clean line.

Row heights are set for every row (LibreOffice does not fit rows on opening, and nobody fits
merged cells), from an estimate of the wrapped text; pagination relies on them.

Text is always written as text: a value starting with "=", "+", "-" or "@" gets the data type
"s" and a quote prefix, never a formula (:func:`put`).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any, Literal

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from app.domain.settings import AgencySettings
from app.domain.vnformat import formal_date_line
from app.excel.forms.cached import remember
from app.excel.forms.metrics import lines_needed, row_height, text_width_pt
from app.excel.forms.page import (
    FONT_NAME,
    TemplateInfo,
    blank_workbook,
    default_font_size,
    load_template,
    paginate,
    printable_pt,
    template_info,
)

__all__ = [
    "ONE_PAGE_SCALE",
    "QUOC_HIEU",
    "TIEU_NGU",
    "Column",
    "FormSheet",
    "Signer",
    "balanced_lines",
    "open_form",
    "preparer_of",
    "put",
    "signer_of",
    "text_width_pt",
]

QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"
HEADER_SIZES = {"parent": 12, "agency": 12, "quoc_hieu": 12, "tieu_ngu": 13, "so": 13, "date": 13}
TITLE_SIZE = 14
SUBTITLE_SIZE = 13
SIGN_SIZE = 13
RULE_SIZE = 8
LEFT_SHARE = 0.4  # width share of the left half of the header block
SIGN_SPACE = 4  # empty rows for the signature
PAGE_SAFETY = 0.96  # fill pages to 96 % of the estimate, so no automatic break comes first
COLUMN_PAD = 3.5  # points a printed column is wider than its width units say (LibreOffice)
ONE_PAGE_SCALE = 0.82  # a document up to 1/0.82 of a page is scaled to fit one page
_FORMULA_START = ("=", "+", "-", "@")
_THIN = Side(style="thin", color="000000")
_GRID = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)

Align = Literal["left", "center", "right"]


@dataclass(frozen=True)
class Column:
    """One table column: header text, width (Excel character units), alignment, format.

    Adjacent columns with the same ``group`` get a merged header above their own headers. A
    ``joined`` column is the right part of the column before it: one table column printed over
    two sheet columns, so the header block and signatures can divide the page where they need.
    """

    header: str
    width: float
    align: Align = "left"
    number_format: str | None = None
    group: str | None = None
    joined: bool = False  # the second half of the column before it (merged in every row)


@dataclass(frozen=True)
class Signer:
    """One signature box: bold capital heading lines, an italic hint, the name (bold)."""

    heading: tuple[str, ...]
    hint: str = ""
    name: str = ""


def signer_of(agency: AgencySettings) -> Signer:
    """The signer of the agency: "KT. GIÁM ĐỐC" / "PHÓ GIÁM ĐỐC" / name."""
    agency = agency.normalised()
    lines = (agency.signer_authority, agency.signer_title)
    return Signer(heading=tuple(x.upper() for x in lines if x), name=agency.signer_name)


def preparer_of(agency: AgencySettings) -> Signer:
    """The preparer's box: "NGƯỜI LẬP BIỂU" / "(Ký, ghi rõ họ tên)"."""
    title = agency.normalised().preparer_title or "NGƯỜI LẬP BIỂU"
    return Signer(heading=(title.upper(),), hint="(Ký, ghi rõ họ tên)")


@lru_cache(maxsize=8192)
def clean_text(value: str) -> str:
    """NFC, without the characters a workbook cannot hold (units, positions and titles repeat
    down a list: each is cleaned once)."""
    return ILLEGAL_CHARACTERS_RE.sub("", unicodedata.normalize("NFC", value))


def put(ws: Worksheet, row: int, col: int, value: object) -> Any:
    """Write a value; text is always text (never a formula), dates keep their type."""
    cell = ws.cell(row=row, column=col)
    if isinstance(value, str):
        text = clean_text(value)
        cell.value = text
        if text.startswith(_FORMULA_START):
            cell.data_type = "s"
            cell.quotePrefix = True
    else:
        cell.value = value
    return cell


def open_form(code: str, title: str, columns: Sequence[Column], *, landscape: bool) -> FormSheet:
    """A :class:`FormSheet` on the form's template, or on the same layout built from code."""
    info = template_info(code)
    widths = [c.width for c in columns]
    if info.path is not None:
        wb = load_template(info, title, widths)
    else:
        wb = blank_workbook(title, widths, landscape=landscape)
    return FormSheet(wb, columns, info)


def balanced_lines(text: str, width_pt: float, size: float, *, bold: bool = True) -> str:
    """``text`` as is when it fits on one line of ``width_pt``; else broken between words into
    two lines as equal as possible ("SỞ NÔNG NGHIỆP" / "VÀ MÔI TRƯỜNG", never "SỞ NÔNG
    NGHIỆP VÀ MÔI" / "TRƯỜNG"); a text that fits neither way is left to wrap."""
    usable = (width_pt - 4.0) * 0.97
    if "\n" in text or text_width_pt(text, size, bold=bold) <= usable:
        return text
    words = text.split()
    best: tuple[float, str] | None = None
    for cut in range(1, len(words)):
        if words[cut] in ("-", "–"):  # a line never starts with a dash
            continue
        first, second = " ".join(words[:cut]), " ".join(words[cut:])
        widest = max(text_width_pt(first, size, bold=bold), text_width_pt(second, size, bold=bold))
        if widest <= usable and (best is None or widest < best[0]):
            best = (widest, f"{first}\n{second}")
    return best[1] if best else text


# --------------------------------------------------------------------------- the writer


class FormSheet:
    """Writes one form from top to bottom on the first sheet of ``workbook``."""

    def __init__(self, workbook: Workbook, columns: Sequence[Column], info: TemplateInfo):
        if len(columns) < 2:
            raise ValueError("A form needs at least two columns")
        self.workbook = workbook
        self.ws: Worksheet = workbook.worksheets[0]
        self.columns = tuple(columns)
        self.template = info
        self.row = 1
        self.body_size = default_font_size(workbook)
        self.table_rows: tuple[int, int] | None = None
        self.keeps: list[tuple[int, int]] = []  # rows a page never ends inside
        self.soft: list[tuple[int, int]] = []  # rows a page ends inside only to save room
        self._group_start: int | None = None
        self._last_data_row: int | None = None
        self.keys: tuple[str, ...] = ()  # the field key of each column (template forms)
        self.one_page = False  # set by finish(): the document is printed on one page
        self.split = self._split()
        # the fonts and alignments written so far, by their settings (one object each)
        self._styles: dict[tuple[object, ...], Any] = {}

    # ---- geometry

    @property
    def ncols(self) -> int:
        return len(self.columns)

    def _width(self, col: int) -> float:
        width = self.ws.column_dimensions[get_column_letter(col)].width
        return float(width) if width else self.columns[col - 1].width

    def span_pt(self, first: int, last: int) -> float:
        """Printed width of columns ``first..last`` (1-based) in points, at 100 %."""
        digit = 0.5 * self.body_size  # a Times New Roman digit is half an em
        return sum(self._width(c) * digit for c in range(first, last + 1))

    def _split(self) -> int:
        """The last column of the left half: about 40 % of the width, moved left when the
        right half would be too narrow for the Quốc hiệu on one line."""
        widths = [self._width(i) for i in range(1, self.ncols + 1)]
        running = [sum(widths[:k]) for k in range(1, self.ncols)]
        target = LEFT_SHARE * sum(widths)
        split = 1 + min(range(len(running)), key=lambda k: abs(running[k] - target))
        need = (text_width_pt(QUOC_HIEU, HEADER_SIZES["quoc_hieu"], bold=True) + 8) / 0.97
        while split > 1 and self.span_pt(split + 1, self.ncols) < need:
            split -= 1
        return split

    def print_width_pt(self) -> float:
        """Printed width of the whole table at 100 %: the columns and the few pixels of
        padding a spreadsheet adds to each (:data:`COLUMN_PAD`), which fit to width scales."""
        return self.span_pt(1, self.ncols) + COLUMN_PAD * self.ncols

    def regions(self) -> tuple[tuple[int, int], tuple[int, int]]:
        """Columns of the left (≈ 40 %) and right halves of the header and signature blocks."""
        return (1, self.split), (self.split + 1, self.ncols)

    # ---- low-level writing

    def text(
        self,
        row: int,
        first: int,
        last: int,
        value: object,
        *,
        size: float | None = None,
        bold: bool = False,
        italic: bool = False,
        align: Align = "center",
        border: bool = False,
        shrink: bool = False,
    ) -> Any:
        """Write ``value`` in columns ``first..last`` of ``row`` (merged when wider than one)."""
        if last > first:
            self.ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)
        cell = put(self.ws, row, first, value)
        font_key = ("font", size or self.body_size, bold, italic)
        font = self._styles.get(font_key)
        if font is None:
            font = self._styles[font_key] = Font(
                name=FONT_NAME, size=size or self.body_size, bold=bold, italic=italic
            )
        cell.font = font
        align_key = ("alignment", align, shrink)
        alignment = self._styles.get(align_key)
        if alignment is None:
            alignment = self._styles[align_key] = Alignment(
                horizontal=align,
                vertical="center",
                wrap_text=not shrink,
                shrink_to_fit=shrink,
            )
        cell.alignment = alignment
        if border:
            for col in range(first, last + 1):
                self.ws.cell(row=row, column=col).border = _GRID
        return cell

    def fit_height(self, row: int, *cells: tuple[str, int, int, float, bool]) -> float:
        """Set the height of ``row`` to hold each (text, first, last, size, bold) wrapped."""
        height = 0.0
        for value, first, last, size, bold in cells:
            lines = lines_needed(value, self.span_pt(first, last), size, bold=bold)
            height = max(height, row_height(lines, size))
        self.ws.row_dimensions[row].height = height
        return height

    def blank(self, height: float | None = None) -> None:
        self.ws.row_dimensions[self.row].height = height or row_height(1, self.body_size)
        self.row += 1

    def _rule(self, row: int, first: int, last: int, text: str, size: float, share: float) -> None:
        width = text_width_pt(text, size, bold=True) * share
        count = max(4, round(width / (0.5 * RULE_SIZE)))
        cell = self.text(row, first, last, "_" * count, size=RULE_SIZE, shrink=True)
        cell.alignment = Alignment(horizontal="center", vertical="top")

    # ---- blocks

    def header_block(
        self,
        agency: AgencySettings,
        *,
        on: date | None,
        doc_code: str | None = None,
        number: str | None = None,
        parent: str | None = None,
        issuer: str | None = None,
    ) -> None:
        """The two-column header of Nghị định 30/2020 (domain.md §7.2).

        ``doc_code`` ("BC", "TTr"...) adds "Số: <number>/<doc_code>-<abbreviation>" under the
        issuing body; the number is left blank to be filled in after signature. ``parent`` and
        ``issuer`` replace the agency's two lines (a template's wording). An issuing body too
        long for its half breaks between words into two lines of about equal length.
        """
        (l1, l2), (r1, r2) = self.regions()
        agency = agency.normalised()
        sizes = HEADER_SIZES
        top = self.row
        parent_text = balanced_lines(
            (agency.parent_body if parent is None else parent).upper(),
            self.span_pt(l1, l2),
            sizes["parent"],
            bold=False,
        )
        self.text(top, l1, l2, parent_text, size=sizes["parent"])
        self.text(top, r1, r2, QUOC_HIEU, size=sizes["quoc_hieu"], bold=True)
        self.fit_height(
            top,
            (parent_text, l1, l2, sizes["parent"], False),
            (QUOC_HIEU, r1, r2, sizes["quoc_hieu"], True),
        )
        second = top + 1
        left_pt = self.span_pt(l1, l2)
        name = balanced_lines(
            (agency.agency if issuer is None else issuer).upper(), left_pt, sizes["agency"]
        )
        self.text(second, l1, l2, name, size=sizes["agency"], bold=True)
        self.text(second, r1, r2, TIEU_NGU, size=sizes["tieu_ngu"], bold=True)
        for cell in (self.ws.cell(second, l1), self.ws.cell(second, r1)):
            cell.alignment = Alignment(horizontal="center", vertical="bottom", wrap_text=True)
        self.fit_height(
            second,
            (name, l1, l2, sizes["agency"], True),
            (TIEU_NGU, r1, r2, sizes["tieu_ngu"], True),
        )
        rule = top + 2
        widest = self._widest_line(name, left_pt, sizes["agency"])
        self._rule(rule, l1, l2, widest, sizes["agency"], 0.4)
        self._rule(rule, r1, r2, TIEU_NGU, sizes["tieu_ngu"], 1.0)
        self.ws.row_dimensions[rule].height = RULE_SIZE + 1
        numbers = top + 3
        self.ws.row_dimensions[numbers].height = row_height(1, sizes["date"])
        if doc_code:
            symbol = f"{doc_code}-{agency.abbreviation}" if agency.abbreviation else doc_code
            self.text(numbers, l1, l2, f"Số: {number or ' ' * 8}/{symbol}", size=sizes["so"])
        if on is not None:
            line = formal_date_line(agency.place, on)
            self.text(numbers, r1, r2, line, size=sizes["date"], italic=True)
            self.fit_height(numbers, (line, r1, r2, sizes["date"], False))
        self.row = numbers + 1

    @staticmethod
    def _widest_line(text: str, width_pt: float, size: float) -> str:
        """The text as it would wrap: its widest line decides the rule's length."""
        lines: list[str] = []
        for paragraph in text.split("\n"):
            current = ""
            for word in paragraph.split():
                candidate = f"{current} {word}".strip()
                if current and text_width_pt(candidate, size, bold=True) > width_pt - 5:
                    lines.append(current)
                    current = word
                else:
                    current = candidate
            lines.append(current)
        lines = [x for x in lines if x] or ["SỞ"]
        return max(lines, key=lambda x: text_width_pt(x, size, bold=True))

    def title(self, text: str, *, size: float = TITLE_SIZE, upper: bool = True) -> None:
        """The form title: capitals (unless ``upper`` is False), bold, centred across the table."""
        value = text.upper() if upper else text
        self.text(self.row, 1, self.ncols, value, size=size, bold=True)
        self.fit_height(self.row, (value, 1, self.ncols, size, True))
        self.row += 1

    def subtitle(self, text: str, *, bold: bool = True, italic: bool = False) -> None:
        self.text(self.row, 1, self.ncols, text, size=SUBTITLE_SIZE, bold=bold, italic=italic)
        self.fit_height(self.row, (text, 1, self.ncols, SUBTITLE_SIZE, bold))
        self.row += 1

    def last_of(self, col: int) -> int:
        """The last sheet column of table column ``col`` (``col + 1`` when joined to the next)."""
        return col + 1 if col < self.ncols and self.columns[col].joined else col

    def table_header(self) -> None:
        """Column headers and the column-number row; both repeat on every printed page."""
        first = self.row
        grouped = any(c.group for c in self.columns)
        size = self.body_size
        fits: list[tuple[str, int, int, float, bool]] = []
        col = 1
        while col <= self.ncols:
            column = self.columns[col - 1]
            if column.group:
                last = col
                while last < self.ncols and self.columns[last].group == column.group:
                    last += 1
                self.text(first, col, last, column.group, size=size, bold=True, border=True)
                fits.append((column.group, col, last, size, True))
                for sub in range(col, last + 1):
                    header = self.columns[sub - 1].header
                    self.text(first + 1, sub, sub, header, size=size, bold=True, border=True)
                col = last + 1
                continue
            end = self.last_of(col)
            if grouped:
                self.ws.merge_cells(
                    start_row=first, start_column=col, end_row=first + 1, end_column=end
                )
                for c in range(col, end + 1):
                    self.ws.cell(row=first + 1, column=c).border = _GRID
            self.text(first, col, end, column.header, size=size, bold=True, border=True)
            if not grouped:
                fits.append((column.header, col, end, size, True))
            col = end + 1
        self.fit_height(first, *fits)
        if grouped:
            subs = [(c.header, i, i, size, True) for i, c in enumerate(self.columns, 1) if c.group]
            self.fit_height(first + 1, *subs)
        numbers = first + (2 if grouped else 1)
        number = 0
        for col in range(1, self.ncols + 1):
            if self.columns[col - 1].joined:
                continue
            number += 1
            self.text(
                numbers, col, self.last_of(col), number, size=size - 1, italic=True, border=True
            )
        self.ws.row_dimensions[numbers].height = row_height(1, size - 1)
        self.table_rows = (first, numbers)
        self.ws.print_title_rows = f"{first}:{numbers}"
        self.row = numbers + 1

    def _close_group(self) -> None:
        """A group row stays with its first line, and with its second unless keeping both
        would leave much of the page empty."""
        start = self._group_start
        if start is not None and self.row - 1 > start:
            self.keeps.append((start, start + 1))
            if self.row - 1 > start + 1:
                self.soft.append((start, self.row - 1))
        self._group_start = None

    def section(self, label: str, text: str) -> None:
        """A bold group row: the label ("I") in the first column, the text across the rest."""
        self._close_group()
        self.text(self.row, 1, 1, label, bold=True, border=True, shrink=True)
        self.text(self.row, 2, self.ncols, text, bold=True, align="left", border=True)
        self.fit_height(self.row, (text, 2, self.ncols, self.body_size, True))
        self._group_start = self.row
        self.row += 1

    def data_row(self, values: Sequence[object], *, formats: dict[int, str] | None = None) -> int:
        """A table row; ``formats`` maps a 1-based column to a number format. Returns the row."""
        if len(values) != self.ncols:
            raise ValueError(f"Expected {self.ncols} values, got {len(values)}")
        row, size, lines = self.row, self.body_size, 1
        for col, (column, value) in enumerate(zip(self.columns, values, strict=True), start=1):
            if column.joined:
                continue
            end = self.last_of(col)
            cell = self.text(row, col, end, value, align=column.align, border=True)
            fmt = (formats or {}).get(col) or column.number_format
            if fmt and not isinstance(value, str):
                cell.number_format = fmt
            if isinstance(value, str) and value:
                lines = max(lines, lines_needed(value, self.span_pt(col, end), size))
        self.ws.row_dimensions[row].height = row_height(lines, size)
        self._last_data_row = row
        self.row += 1
        if self._group_start is not None and row - self._group_start >= 2:
            self._close_group()
        return row

    def note_row(self, text: str) -> None:
        """A row across the whole table (e.g. "Không có cán bộ nào.")."""
        self.text(self.row, 1, self.ncols, text, italic=True, border=True)
        self.fit_height(self.row, (text, 1, self.ncols, self.body_size, False))
        self._last_data_row = self.row
        self.row += 1

    def signatures(
        self, right: Signer, *, left: Signer | None = None, date_line: str | None = None
    ) -> None:
        """Signature boxes under the table: left (preparer) and right (signer)."""
        (l1, l2), (r1, r2) = self.regions()
        boxes: list[tuple[Signer | None, tuple[int, int]]] = [(left, (l1, l2)), (right, (r1, r2))]
        self.sign(boxes, date_line=date_line)

    def thirds(self, last_pt: float = 0.0, least_pt: float = 0.0) -> list[tuple[int, int]]:
        """Three column ranges side by side (three signature boxes), as near to thirds of the
        width as the columns allow, the last one at least ``last_pt`` wide (the date line above
        it) and each at least ``least_pt`` when possible."""
        n = self.ncols
        if n < 3:
            return [(1, 1), (min(2, n), min(2, n)), (n, n)]
        third = self.span_pt(1, n) / 3
        best: tuple[float, int, int] | None = None
        for first in range(1, n - 1):
            for second in range(first + 1, n):
                spans = (
                    self.span_pt(1, first),
                    self.span_pt(first + 1, second),
                    self.span_pt(second + 1, n),
                )
                score = sum((x - third) ** 2 for x in spans)
                score += sum(1e9 for x in spans if x < least_pt)  # a heading on one line
                if spans[2] < last_pt:  # else the date line reaches over the middle box
                    score += (last_pt - spans[2]) * 1e3
                if best is None or score < best[0]:
                    best = (score, first, second)
        assert best is not None
        _score, first, second = best
        return [(1, first), (first + 1, second), (second + 1, n)]

    def thirds_sign(
        self,
        boxes: Sequence[Signer | None],
        *,
        date_line: str | None = None,
        keep_above: int = 1,
    ) -> None:
        """Up to three boxes side by side: in thirds of the width when there are three, in the
        halves of the header block when two (a box left out by the template)."""
        present = [b for b in boxes if b is not None]
        if len(present) >= 3:
            room = text_width_pt(date_line or "", SIGN_SIZE) + 12
            least = max(
                text_width_pt(line, SIGN_SIZE, bold=True) + 8
                for box in present
                for line in box.heading
            )
            thirds = self.thirds(room, least)
            self.sign(
                list(zip(present[:3], thirds, strict=True)),
                date_line=date_line,
                keep_above=keep_above,
            )
            return
        regions = self.regions()
        pairs = (
            list(zip(present, regions, strict=False))
            if len(present) == 2
            else [(b, regions[1]) for b in present]
        )
        self.sign(pairs, date_line=date_line, keep_above=keep_above)

    def sign(
        self,
        boxes: Sequence[tuple[Signer | None, tuple[int, int]]],
        *,
        date_line: str | None = None,
        keep_above: int = 1,
    ) -> None:
        """Signature boxes side by side in their column ranges, the date line above the last
        one. The block keeps its own lines together on one page, with the ``keep_above``
        lines above it (a page never holds the repeated column headers and a signature
        alone; a total stays with its amount in words)."""
        self._close_group()
        placed = [(box, region) for box, region in boxes if box is not None]
        table_rows = self.table_rows or (0, 0)
        first = max(self.row - keep_above, table_rows[1] + 1, 1)
        self.blank(height=10)
        if date_line and placed:
            c1, c2 = placed[-1][1]
            need = text_width_pt(date_line, SIGN_SIZE) + 12
            while c1 > 1 and self.span_pt(c1, c2) < need:  # a narrow box: the line reaches left
                c1 -= 1
            self.text(self.row, c1, c2, date_line, size=SIGN_SIZE, italic=True)
            self.fit_height(self.row, (date_line, c1, c2, SIGN_SIZE, False))
            self.row += 1
        stacks = [
            ([(h, False) for h in box.heading] + ([(box.hint, True)] if box.hint else []), region)
            for box, region in placed
        ]
        for i in range(max((len(lines) for lines, _ in stacks), default=0)):
            fits = []
            for lines, (c1, c2) in stacks:
                if i < len(lines):
                    value, hint = lines[i]
                    self.text(self.row, c1, c2, value, size=SIGN_SIZE, bold=not hint, italic=hint)
                    fits.append((value, c1, c2, float(SIGN_SIZE), not hint))
            self.fit_height(self.row, *fits)
            self.row += 1
        for _ in range(SIGN_SPACE):
            self.blank(height=20)
        for box, (c1, c2) in placed:
            if box.name:
                self.text(self.row, c1, c2, box.name, size=SIGN_SIZE, bold=True)
        self.ws.row_dimensions[self.row].height = row_height(1, SIGN_SIZE)
        self.row += 1
        self.keeps.append((first, self.row - 1))

    # ---- template forms: rows by field key, live totals

    def record_row(
        self, record: Mapping[str, object], *, formats: Mapping[str, str] | None = None
    ) -> int:
        """A table row from a record keyed by field (:attr:`keys`); missing keys are blank."""
        values = [record.get(key, "") for key in self.keys]
        by_col = {i: (formats or {})[k] for i, k in enumerate(self.keys, 1) if k in (formats or {})}
        return self.data_row(values, formats=by_col)

    def col(self, key: str) -> int | None:
        """The 1-based column of field ``key`` (None when the column is not printed)."""
        return self.keys.index(key) + 1 if key in self.keys else None

    def formula(self, row: int, col: int, expression: str, cached: object) -> Any:
        """Write a formula (``=SUM(...)``) with the value it gives now stored alongside."""
        cell = self.ws.cell(row=row, column=col)
        cell.value = expression
        remember(self.workbook, self.ws, cell.coordinate, cached)
        return cell

    # ---- the end

    def heights(self) -> list[float]:
        default = row_height(1, self.body_size)
        dims = self.ws.row_dimensions
        return [
            float(dims[r].height) if r in dims and dims[r].height else default
            for r in range(1, self.row)
        ]

    def page_breaks(self) -> list[int]:
        """Rows after which a page should end (fit to width scales the page down)."""
        width, height = printable_pt(self.ws)
        scale = min(1.0, width / self.print_width_pt())
        capacity = height / scale * PAGE_SAFETY
        keeps = list(self.keeps)
        if self.table_rows is not None:  # the column headers never end a page
            keeps.append((self.table_rows[0], self.table_rows[1] + 1))
            last, end = self._last_data_row, self.row - 1
            if last is not None and last < end:
                # what follows the table (a conclusion, a closing sentence, the signatures)
                # stays with its last line: no page holds the repeated headers over no line
                keeps.append((last, end))
        return paginate(
            self.heights(), capacity, repeat=self.table_rows, keeps=keeps, soft=self.soft
        )

    def finish(self) -> Workbook:
        """Set the print area and the page breaks; returns the workbook.

        A document that fits one page, or would at :data:`ONE_PAGE_SCALE` of its size, is
        printed on one page (fit to one page wide and tall) with no breaks.
        """
        self._close_group()
        last = get_column_letter(self.ncols)
        self.ws.print_area = f"A1:{last}{max(self.row - 1, 1)}"
        width, height = printable_pt(self.ws)
        scale = min(1.0, width / self.print_width_pt())
        capacity = height / scale * PAGE_SAFETY
        if sum(self.heights()) <= capacity / ONE_PAGE_SCALE:
            self.ws.page_setup.fitToHeight = 1
            self.one_page = True
            return self.workbook
        for after in self.page_breaks():
            self.ws.row_breaks.append(Break(id=after))
        return self.workbook
