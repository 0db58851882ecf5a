"""Reading a tally sheet back (``tdkt import votes`` and the Council tab's "Nhập kết quả kiểm
phiếu…"): the ``vote-tally`` export filled in by the Ban kiểm phiếu, or any sheet with a name
column and an "Đồng ý" column.

The header row is found by :func:`app.excel.table.read_table` (the exported sheet's two-row
header "Số phiếu" over "Phát ra | Thu về | Hợp lệ | Đồng ý" included). Each data row becomes a
:class:`~app.domain.council_paste.BlockRow` (STT, name, date of birth, the counts given);
matching the rows to the session's candidates and writing is
:mod:`app.services.council_tally`. The session the sheet was exported for (a custom document
property) is returned so another session's sheet is refused. Nothing here touches the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from app.domain.council_paste import FIELD_NAMES, MAX_COUNT, BlockRow, parse_count
from app.domain.legacy_text import TextConversion
from app.domain.vnformat import parse_date_or_year
from app.excel.forms.vote_tally import PROP_SESSION
from app.excel.header import FieldSpec, TableSpec
from app.excel.table import TableRow, read_opened
from app.excel.workbook import OpenedWorkbook, open_workbook

__all__ = ["TALLY_SPEC", "TallyFile", "read_tally_file"]

TALLY_SPEC = TableSpec(
    fields=(
        FieldSpec("stt", "STT", ("STT", "Số TT", "Số thứ tự", "TT"), exact_only=True),
        FieldSpec(
            "name",
            "Họ và tên",
            (
                "Họ và tên",
                "Họ tên",
                "Họ và tên / Tập thể",
                "Họ tên / Tập thể",
                "Tên tập thể",
                "Họ và tên, tên tập thể",
            ),
            required=True,
        ),
        FieldSpec("birth", "Ngày sinh", ("Ngày sinh", "Năm sinh", "Ngày, tháng, năm sinh")),
        FieldSpec("issued", "Phát ra", ("Phát ra", "Số phiếu phát ra", "Phiếu phát ra")),
        FieldSpec("returned", "Thu về", ("Thu về", "Thu vào", "Số phiếu thu về", "Phiếu thu về")),
        FieldSpec(
            "valid", "Hợp lệ", ("Hợp lệ", "Số phiếu hợp lệ", "Phiếu hợp lệ"), exact_only=True
        ),
        FieldSpec(
            "in_favour",
            "Đồng ý",
            ("Đồng ý", "Số phiếu đồng ý", "Phiếu đồng ý", "Tán thành"),
            required=True,
            exact_only=True,
        ),
    ),
    anchor="name",
)


@dataclass(frozen=True)
class TallyFile:
    """A tally sheet as read: its rows, the session it was exported for (None: not an
    exported sheet) and the cells converted from TCVN3/VNI."""

    file: Path
    sheet: str
    rows: tuple[BlockRow, ...]
    session_id: int | None = None
    conversions: tuple[TextConversion, ...] = ()


def _session_of(book: OpenedWorkbook) -> int | None:
    props = getattr(book.values, "custom_doc_props", None)
    for prop in getattr(props, "props", ()) or ():
        if prop.name == PROP_SESSION:
            try:
                return int(str(prop.value))
            except ValueError:
                return None
    return None


def _count(row: TableRow, name: str, problems: list[str]) -> int | None:
    value = row.value(name)
    text = row.text(name)
    if value is None or text == "":
        return None
    number: int | None
    if isinstance(value, bool):
        number = None
    elif isinstance(value, int):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    else:
        number = parse_count(text)
    if number is None or not 0 <= number <= MAX_COUNT:
        problems.append(f"{FIELD_NAMES[name]}: '{text}' không phải số phiếu")
        return None
    return number


def _row(row: TableRow, issues: dict[int, list[str]]) -> BlockRow:
    problems = list(issues.get(row.row, []))
    stt_value = row.value("stt")
    stt: int | None = None
    if isinstance(stt_value, int | float) and not isinstance(stt_value, bool):
        stt = int(stt_value) if float(stt_value).is_integer() else None
    elif row.text("stt"):
        stt = parse_count(row.text("stt"))
    if row.text("stt") and stt is None:
        problems.append(f"STT '{row.text('stt')}' không phải số")
    born_value = row.value("birth")
    born: date | None = None
    year: int | None = None
    if isinstance(born_value, datetime):
        born, year = born_value.date(), born_value.year
    elif isinstance(born_value, date):
        born, year = born_value, born_value.year
    elif row.text("birth"):
        try:
            born, year = parse_date_or_year(row.text("birth"))
        except ValueError as exc:
            problems.append(f"Ngày sinh: {exc}")
    counts = {}
    for name in FIELD_NAMES:
        value = _count(row, name, problems)
        if value is not None:
            counts[name] = value
    return BlockRow(row.row, stt, row.text("name"), born, year, counts, tuple(problems))


def read_tally_file(
    path: str | Path, *, sheet: str | None = None, convert_legacy: bool = False
) -> TallyFile:
    """Read ``path``. A file that cannot be read at all (missing, damaged, no header row with
    a name column) raises :class:`~app.excel.workbook.ImportFileError` (Vietnamese message);
    text typed in TCVN3/VNI raises :class:`~app.excel.legacy.LegacyEncodingError` unless
    ``convert_legacy`` (the clerk's consent)."""
    path = Path(path)
    book = open_workbook(path)
    try:
        table = read_opened(book, TALLY_SPEC, sheet=sheet, convert_legacy=convert_legacy)
        session_id = _session_of(book)
    finally:
        book.close()
    issues: dict[int, list[str]] = {}
    for issue in table.issues:
        issues.setdefault(issue.row, []).append(issue.message)
    rows = tuple(_row(r, issues) for r in table.rows)
    return TallyFile(path, table.sheet, rows, session_id, table.conversions)
