"""Small helpers that build the workbooks the importer tests read.

Workbooks are written with openpyxl into ``tmp_path``. A string starting with "=" becomes a
formula without a cached value (openpyxl never computes formulas), as in a file generated
by a program rather than saved by Excel.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

Row = Sequence[object]

TITLE = "DANH SÁCH CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC NĂM 2025"

STAFF_HEADER: tuple[str, ...] = (
    "STT",
    "Họ và tên",
    "Giới tính",
    "Ngày sinh",
    "Chức vụ",
    "Đơn vị công tác",
    "Mã cán bộ",
    "Số CCCD",
    "Ghi chú",
)

STAFF_DATA: tuple[tuple[object, ...], ...] = (
    (
        1,
        "Nguyễn Văn An",
        "Nam",
        date(1980, 3, 15),
        "Giám đốc",
        "Ban Giám đốc",
        "CB001",
        "001080012345",
        None,
    ),
    (
        2,
        "Trần Thị Bình",
        "Nữ",
        "05/02/1985",
        "Trưởng phòng",
        "Phòng Kế hoạch - Tài chính",
        "CB002",
        "034185000111",
        None,
    ),
    (3, "Lê Minh Châu", "Nam", "1990", "Chuyên viên", "Văn phòng", "CB003", None, "Mới chuyển đến"),
)


def write_xlsx(
    path: Path,
    rows: Iterable[Row],
    *,
    sheet: str = "DanhSach",
    merges: Iterable[str] = (),
    fonts: Mapping[str, str] | None = None,
    number_formats: Mapping[str, str] | None = None,
    extra_sheets: Mapping[str, Iterable[Row]] | None = None,
    first_sheets: Mapping[str, Iterable[Row]] | None = None,
) -> Path:
    """Write ``rows`` (row 1 first; ``None`` = empty cell) to a new workbook at ``path``.

    ``merges``: ranges such as "A1:F1"; ``fonts``: cell -> font name (".VnTime");
    ``first_sheets`` come before the main sheet, ``extra_sheets`` after it.
    """
    wb = Workbook()
    default = wb.active
    assert default is not None
    wb.remove(default)
    for name, content in (first_sheets or {}).items():
        _fill(wb.create_sheet(name), content)
    ws = wb.create_sheet(sheet)
    _fill(ws, rows)
    for rng in merges:
        ws.merge_cells(rng)
    for ref, font in (fonts or {}).items():
        ws[ref].font = Font(name=font)
    for ref, fmt in (number_formats or {}).items():
        ws[ref].number_format = fmt
    for name, content in (extra_sheets or {}).items():
        _fill(wb.create_sheet(name), content)
    wb.save(path)
    return path


def _fill(ws, rows: Iterable[Row]) -> None:  # type: ignore[no-untyped-def]
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            if value is None:
                continue
            cell = ws.cell(row=r, column=c, value=value)
            if isinstance(value, datetime | date):
                cell.number_format = "dd/mm/yyyy"


def staff_list(path: Path, *, title_rows: int = 2) -> Path:
    """A clean staff list: title rows, header, three people."""
    rows: list[Row] = [[TITLE]]
    rows += [[]] * (title_rows - 1)
    rows.append(list(STAFF_HEADER))
    rows += [list(r) for r in STAFF_DATA]
    return write_xlsx(path, rows, merges=["A1:I1"])


def zip_with_member(path: Path, name: str, data: bytes) -> Path:
    """A zip archive holding one deflated member (for the zip-bomb checks)."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr(name, data)
    return path


def highly_compressible_xlsx(path: Path, size: int = 30 * 1024 * 1024) -> Path:
    """A real (small) zip whose member inflates to ``size`` bytes of spaces."""
    return zip_with_member(path, "xl/worksheets/sheet1.xml", b" " * size)


def set_cached_values(path: Path, cached: Mapping[str, tuple[str, str | None]]) -> Path:
    """Give formula cells of the first sheet a cached value, as Excel does when it saves.

    ``cached``: cell -> (value as written in the XML, cell type or None): ("29223", None) for
    a number, ("#N/A", "e") for an error, ("abc", "str") for text.
    """
    member = "xl/worksheets/sheet1.xml"
    with zipfile.ZipFile(path) as z:
        contents = {info.filename: z.read(info.filename) for info in z.infolist()}
    xml = contents[member].decode("utf-8")
    for ref, (value, kind) in cached.items():
        # an empty value is written <v/> or, when openpyxl writes with lxml, <v></v>
        pattern = re.compile(rf'<c r="{ref}"([^>]*)><f>(.*?)</f>(?:<v\s*/>|<v></v>)')
        type_attr = f' t="{kind}"' if kind else ""
        xml, count = pattern.subn(
            lambda m, r=ref, v=value, t=type_attr: (
                f'<c r="{r}"{m.group(1)}{t}><f>{m.group(2)}</f><v>{v}</v>'
            ),
            xml,
        )
        assert count == 1, ref
    contents[member] = xml.encode("utf-8")
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for name, data in contents.items():
            z.writestr(name, data)
    return path


def replace_member(path: Path, member: str, data: bytes) -> Path:
    """Rewrite one member of an existing archive (to build malicious or broken files)."""
    with zipfile.ZipFile(path) as z:
        contents = {info.filename: z.read(info.filename) for info in z.infolist()}
    contents[member] = data
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for name, content in contents.items():
            z.writestr(name, content)
    return path
