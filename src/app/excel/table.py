"""Generic header detection and row extraction for imported spreadsheets.

A :class:`TableSpec` lists the fields an importer wants (:class:`FieldSpec`: name, Vietnamese
label, header synonyms, required). :func:`read_table` opens a workbook safely
(:mod:`app.excel.workbook`), finds the header row by itself and returns a :class:`Table`: the
column map, the data rows as cleaned cell values, the rows it skipped (with the reason) and
the cell-level issues it found on the way (formulas without a cached value, Excel errors).
Text typed in a legacy TCVN3/VNI encoding is converted before anything else, with the
clerk's consent only (:mod:`app.excel.legacy`).

Header detection
----------------
- The first :data:`MAX_HEADER_SCAN` rows are scored: each column header is compared with each
  field's synonyms by :func:`~app.domain.vntext.fold_key` (no case, no diacritics, no
  punctuation, newlines are spaces). An exact match scores 3; a synonym of two words or more
  that starts the header scores 2 ("Tên phòng ban/ khối, tổ công tác"); one contained in it
  scores 1. A synonym of two syllables is one Vietnamese word ("Đối tượng", "Hình thức"): it
  matches a longer header only as a whole part between punctuation, or when the header's
  other words are a year or words of the field's own synonyms ("Xếp loại năm 2024"), so
  "Đối tượng ưu tiên (mã 1-6)" is not "Đối tượng". A header starting with "Mã" only matches
  synonyms starting with "Mã", so
  "Mã phân loại cán bộ" is not "Phân loại cán bộ". Fields flagged ``accent_sensitive``
  compare with diacritics unless the header is plain ASCII ("Nam" must not match "Năm").
- Each field gets at most one column and each column at most one field, best scores first.
  The row is accepted only if the anchor field (the name) is found. When another column
  matches a field as well as the chosen one, the mapping is not ``confident``.
- A header may span two rows: a title merged over several columns with sub-headers below
  ("Ngày, tháng, năm sinh" over "Nam" | "Nữ"; "Họ và tên" over "Họ, tên đệm" | "Tên") or a
  header merged vertically over both rows. Sub-headers win over the title above them.

Rows
----
Blank rows, numbering rows ("1 2 3 ...", "(1) (2) (3) ...", "A B C ...", "Cột 1 ...",
"5=3+4"; two cells are enough right below the header), subtotal rows ("Tổng cộng",
"Cộng", "Tổng số"), section rows ("I. Phòng Kế hoạch - Tài chính", remembered as the current
section of the rows below), copies of the header row, title rows above the header and the
signature block at the foot are skipped and reported (blank rows only when data follows). In the data area, a merged cell gives its value (top-left cell) to
every cell of the range; text is cleaned (NFC, trimmed, spaces collapsed).

This module never touches the database: it returns plain frozen dataclasses.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from openpyxl.utils.cell import get_column_letter

from app.domain.legacy_text import TextConversion
from app.excel.cells import CellIssue, CellValue, SkippedRow
from app.excel.grid import SheetGrid
from app.excel.header import (
    MAX_HEADER_SCAN,
    ColumnRef,
    FieldSpec,
    HeaderMatch,
    TableSpec,
    anchor_columns,
    anchor_found,
    apply_mapping,
    assess_confidence,
    detect_header,
    header_keys,
    header_texts,
)
from app.excel.legacy import accept_conversions, convert_grid
from app.excel.row_kinds import (
    blank_rows,
    fold_section_words,
    is_footer,
    is_numbering_row,
    is_repeated_header,
    is_subtotal,
    section_title,
)
from app.excel.sheet_roles import split_sheets
from app.excel.workbook import (
    DEFAULT_MAX_COMPRESSION_RATIO,
    DEFAULT_MAX_UNCOMPRESSED_BYTES,
    ImportFileError,
    OpenedWorkbook,
    open_workbook,
)

__all__ = [
    "MAX_HEADER_SCAN",
    "CellIssue",
    "CellValue",
    "ColumnRef",
    "FieldSpec",
    "HeaderMatch",
    "SheetGrid",
    "SkippedRow",
    "Table",
    "TableRow",
    "TableSpec",
    "detect_header",
    "extract_table",
    "read_opened",
    "read_table",
]


# ---------------------------------------------------------------------------
# Tables
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class TableRow:
    """One data row: a :class:`CellValue` for every mapped field, and the current section."""

    row: int
    cells: Mapping[str, CellValue]
    section: str | None = None

    def value(self, name: str) -> object:
        cell = self.cells.get(name)
        return None if cell is None else cell.value

    def text(self, name: str) -> str:
        cell = self.cells.get(name)
        return "" if cell is None else cell.text


@dataclass(frozen=True)
class Table:
    """A sheet read against a :class:`TableSpec`."""

    file: Path
    sheet: str
    header_rows: tuple[int, ...]
    columns: Mapping[str, ColumnRef]
    confident: bool
    rows: tuple[TableRow, ...]
    issues: tuple[CellIssue, ...]
    skipped: tuple[SkippedRow, ...]
    warnings: tuple[str, ...]
    conversions: tuple[TextConversion, ...] = ()  # cells converted from TCVN3/VNI
    # The text of each row above the header ("DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG", "Kèm theo ...").
    preamble: tuple[str, ...] = ()


# ---------------------------------------------------------------------------
# Extraction
# ---------------------------------------------------------------------------


def _cell_issues(
    grid: SheetGrid, row: int, name: str, ref: ColumnRef, derived: bool = False
) -> tuple[object, list[CellIssue]]:
    origin = grid.origin(row, ref.index)
    coord_text = f"{get_column_letter(origin[1])}{origin[0]}"
    issues: list[CellIssue] = []
    value = grid.merged_value(row, ref.index)
    # In a derived column a lookup formula left uncomputed or failing is no issue: the column
    # it copies is read and checked.
    if origin in grid.pending_formulas and not derived:
        issues.append(
            CellIssue(
                row,
                ref.letter,
                name,
                ref.header,
                f"Ô {coord_text} chứa công thức chưa có giá trị (mở tệp bằng Excel, "
                "lưu lại rồi nhập lại, hoặc thay công thức bằng giá trị)",
            )
        )
    elif origin in grid.errors and not derived:
        issues.append(
            CellIssue(
                row,
                ref.letter,
                name,
                ref.header,
                f"Ô {coord_text} có lỗi công thức {grid.errors[origin]}",
            )
        )
    return value, issues


def extract_table(
    grid: SheetGrid,
    spec: TableSpec,
    *,
    file: Path,
    mapping: Mapping[str, str | None] | None = None,
    header_row: int | None = None,
    convert_legacy: bool = False,
) -> Table:
    """Detect the header of ``grid`` and read its data rows. Raises :class:`ImportFileError`
    when no header with the anchor field (the name column) can be found, and
    :class:`~app.excel.legacy.LegacyEncodingError` when the sheet holds TCVN3/VNI text and
    ``convert_legacy`` is false (with it, the text is converted and listed in
    :attr:`Table.conversions`)."""
    grid = convert_grid(grid)
    match = _match_or_raise(grid, spec, file=file, mapping=mapping, header_row=header_row)
    conversions = accept_conversions(grid, match, file=file, convert_legacy=convert_legacy)
    return _extract(grid, spec, match, file, conversions)


def _extract(
    grid: SheetGrid,
    spec: TableSpec,
    match: HeaderMatch,
    file: Path,
    conversions: tuple[TextConversion, ...] = (),
) -> Table:
    confident, warnings = assess_confidence(spec, match)
    anchor_cols = anchor_columns(spec, match.columns)
    mapped = sorted(match.columns.items(), key=lambda item: item[1].index)
    mapped_cols = {ref.index for _, ref in mapped}
    derived = {name for name, _ in mapped if spec.field(name).derived}
    formula_cols = {ref.index for name, ref in mapped if name not in derived}
    section_keys = fold_section_words(spec.section_words)
    anchor_names = [spec.anchor, *spec.alternatives.get(spec.anchor, ())]
    anchor_keys = {
        ref.index: header_keys(spec, [name])
        for name, ref in match.columns.items()
        if name in anchor_names
    }
    header_count = len(match.headers)

    skipped: list[SkippedRow] = []
    preamble: list[str] = []
    for r in range(1, match.rows[0]):
        if values := grid.row_values(r):
            skipped.append(SkippedRow(r, "Phần tiêu đề phía trên dòng tiêu đề cột"))
            preamble.append(" ".join(str(v) for _, v in values))

    rows: list[TableRow] = []
    issues: list[CellIssue] = []
    pending_skips: list[SkippedRow] = []  # blank rows: reported only if data follows
    section: str | None = None
    in_footer = False
    previous = match.last_row
    below_header = True  # the first row with content under the header
    for r in grid.rows_with_content(after=match.last_row, columns=formula_cols):
        if not in_footer:
            pending_skips.extend(blank_rows(previous + 1, r))
        previous = r
        values = grid.row_values(r)
        if in_footer:
            if values:
                pending_skips.append(SkippedRow(r, "Phần ký tên, ghi chú cuối bảng"))
            continue
        if is_repeated_header(values, match, anchor_keys):
            skipped.extend(pending_skips)
            pending_skips = []
            skipped.append(SkippedRow(r, "Dòng tiêu đề cột lặp lại"))
            continue
        first, below_header = below_header, False
        if is_numbering_row(values, header_count, below_header=first):
            skipped.extend(pending_skips)
            pending_skips = []
            skipped.append(SkippedRow(r, "Dòng đánh số cột"))
            continue
        if is_subtotal(values):
            skipped.extend(pending_skips)
            pending_skips = []
            skipped.append(SkippedRow(r, "Dòng cộng/tổng cộng"))
            continue
        if is_footer(values, anchor_cols):
            in_footer = True
            pending_skips.append(SkippedRow(r, "Phần ký tên, ghi chú cuối bảng"))
            continue
        title = section_title(values, grid, r, anchor_cols, section_keys)
        if title is not None:
            skipped.extend(pending_skips)
            pending_skips = []
            section = title
            skipped.append(SkippedRow(r, f"Dòng tiêu đề nhóm: {title}"))
            continue
        has_mapped = any(c in mapped_cols for c, _ in values) or any(
            (r, c) in grid.pending_formulas for c in formula_cols
        )
        if not has_mapped:
            pending_skips.append(SkippedRow(r, "Dòng không có dữ liệu ở các cột cần nhập"))
            continue
        skipped.extend(pending_skips)
        pending_skips = []
        cells: dict[str, CellValue] = {}
        for name, ref in mapped:
            value, cell_issues = _cell_issues(grid, r, name, ref, name in derived)
            issues.extend(cell_issues)
            cells[name] = CellValue(value, ref.letter, ref.header)
        rows.append(TableRow(r, cells, section))
    # Trailing blank rows are not worth reporting; the signature block is.
    skipped.extend(s for s in pending_skips if s.reason.startswith("Phần ký tên"))
    skipped.sort(key=lambda s: s.row)
    return Table(
        file=file,
        sheet=grid.title,
        header_rows=match.rows,
        columns=dict(match.columns),
        confident=confident,
        rows=tuple(rows),
        issues=tuple(issues),
        skipped=tuple(skipped),
        warnings=tuple(warnings),
        preamble=tuple(preamble),
        conversions=conversions,
    )


def _anchor_hint(spec: TableSpec) -> str:
    return f"{spec.label(spec.anchor)}..."


def _not_found_message(
    spec: TableSpec, sheets: list[str], file: Path, aside: Mapping[str, str] | None = None
) -> str:
    names = ", ".join(f"'{s}'" for s in sheets)
    where = f"trang {names}" if len(sheets) == 1 else f"các trang {names}"
    text = (
        f"Không tìm thấy dòng tiêu đề cột ({_anchor_hint(spec)}) trong {MAX_HEADER_SCAN} "
        f"dòng đầu của {where} (tệp '{file.name}')."
    )
    if not sheets:
        text = f"Tệp '{file.name}' không có trang dữ liệu nào."
    if aside:
        listed = ", ".join(f"'{name}' ({why})" for name, why in aside.items())
        text += f" Không đọc các trang {listed} trừ khi chọn đúng trang đó."
    return text


def _missing_anchor_message(
    spec: TableSpec, grid: SheetGrid, match: HeaderMatch, file: Path
) -> str:
    found = ", ".join(f"'{ref.header}'" for ref in match.columns.values())
    rows = "-".join(str(r) for r in match.rows)
    return (
        f"Trang '{grid.title}' (tệp '{file.name}'): dòng tiêu đề cột {rows} thiếu cột "
        f"'{spec.label(spec.anchor)}' (tìm thấy: {found})."
    )


def _match_or_raise(
    grid: SheetGrid,
    spec: TableSpec,
    *,
    file: Path,
    mapping: Mapping[str, str | None] | None,
    header_row: int | None,
) -> HeaderMatch:
    match = _try_match(grid, spec, mapping=mapping, header_row=header_row)
    if match is not None and anchor_found(spec, match.columns):
        return match
    if match is not None and len(match.columns) >= 2:
        raise ImportFileError(_missing_anchor_message(spec, grid, match, file))
    raise ImportFileError(_not_found_message(spec, [grid.title], file))


def _try_match(
    grid: SheetGrid,
    spec: TableSpec,
    *,
    mapping: Mapping[str, str | None] | None,
    header_row: int | None,
) -> HeaderMatch | None:
    match = detect_header(grid, spec, header_row=header_row)
    if mapping:
        if match is None:
            if header_row is None:
                return None
            texts = header_texts(grid, header_row, 1)
            match = HeaderMatch((header_row,), {}, (), 0, {c: h.display for c, h in texts.items()})
        match = apply_mapping(spec, match, mapping)
    return match


def read_table(
    path: str | Path,
    spec: TableSpec,
    *,
    sheet: str | None = None,
    mapping: Mapping[str, str | None] | None = None,
    header_row: int | None = None,
    max_uncompressed_bytes: int = DEFAULT_MAX_UNCOMPRESSED_BYTES,
    max_compression_ratio: float = DEFAULT_MAX_COMPRESSION_RATIO,
    convert_legacy: bool = False,
) -> Table:
    """Open ``path`` safely and read a table from it.

    ``sheet``: the sheet to read (an unknown name is an error that lists the sheets); by
    default the first sheet whose header row can be detected. ``mapping`` overrides the
    detected columns (``{field: "D"}``; ``None`` unmaps a field); ``header_row`` fixes the
    header row when detection fails. The limits are those of
    :func:`~app.excel.workbook.open_workbook`. Text typed in TCVN3/VNI (headers included) is
    converted to Unicode before the header is looked for; the read is refused with
    :class:`~app.excel.legacy.LegacyEncodingError` unless ``convert_legacy`` (the clerk's
    consent), and the converted cells are in :attr:`Table.conversions`.
    """
    book = open_workbook(
        path,
        max_uncompressed_bytes=max_uncompressed_bytes,
        max_compression_ratio=max_compression_ratio,
    )
    try:
        return _read_opened(
            book,
            spec,
            sheet=sheet,
            mapping=mapping,
            header_row=header_row,
            convert_legacy=convert_legacy,
        )
    finally:
        book.close()


def read_opened(
    book: OpenedWorkbook,
    spec: TableSpec,
    *,
    sheet: str | None = None,
    mapping: Mapping[str, str | None] | None = None,
    header_row: int | None = None,
    convert_legacy: bool = False,
) -> Table:
    """:func:`read_table` on a workbook the caller opened with
    :func:`~app.excel.workbook.open_workbook` (and closes): for an importer that reads other
    sheets of the same file too (the code sheets of a nomination list)."""
    return _read_opened(
        book,
        spec,
        sheet=sheet,
        mapping=mapping,
        header_row=header_row,
        convert_legacy=convert_legacy,
    )


def _read_opened(
    book: OpenedWorkbook,
    spec: TableSpec,
    *,
    sheet: str | None,
    mapping: Mapping[str, str | None] | None,
    header_row: int | None,
    convert_legacy: bool = False,
) -> Table:
    if sheet is not None:
        grid = SheetGrid.from_worksheets(*book.sheet_pair(sheet))
        return extract_table(
            grid,
            spec,
            file=book.path,
            mapping=mapping,
            header_row=header_row,
            convert_legacy=convert_legacy,
        )
    partial: tuple[SheetGrid, HeaderMatch] | None = None
    data_sheets, aside = split_sheets(book)  # instructions, examples, codes: only if named
    for name in data_sheets:
        # TCVN3/VNI text is converted first, so legacy headers are recognised.
        grid = convert_grid(SheetGrid.from_worksheets(*book.sheet_pair(name)))
        match = _try_match(grid, spec, mapping=mapping, header_row=header_row)
        if match is None:
            continue
        if anchor_found(spec, match.columns):
            conversions = accept_conversions(
                grid, match, file=book.path, convert_legacy=convert_legacy
            )
            return _extract(grid, spec, match, book.path, conversions)
        if partial is None and len(match.columns) >= 2:
            partial = (grid, match)
    if partial is not None:
        raise ImportFileError(_missing_anchor_message(spec, partial[0], partial[1], book.path))
    raise ImportFileError(_not_found_message(spec, data_sheets, book.path, aside))
