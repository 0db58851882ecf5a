"""Sheets typed in TCVN3 (ABC) or VNI: refused without the clerk's consent, converted with it.

Small workbooks built with openpyxl: a whole TCVN3 sheet (headers included) in .VnTime, a VNI
sheet without any legacy font, a Unicode sheet with one TCVN3 cell, capitals in .VnTimeH, and
the same reader behind every importer (staff, history, registrations).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.styles import Font
from xlsx_factory import write_xlsx

from app.domain.legacy_text import TCVN3, VNI
from app.excel.history_files import read_history_file
from app.excel.history_import import AwardRow, parse_unit_grades
from app.excel.legacy import LegacyEncodingError
from app.excel.people_import import parse_grades, parse_staff
from app.excel.registration_import import parse_registration_workbook
from app.excel.workbook import ImportFileError
from app.services.reference import catalogue, codes

TODAY = date(2026, 3, 1)

# "DANH SÁCH CÁN BỘ" / "STT, Họ và tên, Ngày sinh, Chức vụ, Đơn vị công tác" and three people,
# typed in TCVN3 (.VnTime): what Unikey wrote with the TCVN3 table.
TCVN3_ROWS: list[list[object]] = [
    ["DANH S¸CH C¸N Bé N¡M 2025"],
    [],
    ["STT", "Hä vµ tªn", "Ngµy sinh", "Chøc vô", "§¬n vÞ c«ng t¸c"],
    [1, "NguyÔn V¨n An", "15/03/1980", "Gi¸m ®èc", "Ban Gi¸m ®èc"],
    [2, "Hå Lan", "05/02/1985", "Tr\u00adëng phßng", "V¨n phßng"],
    [3, "Vò ThÞ Thu", "1990", "Chuyªn viªn", "V¨n phßng"],
]
UNICODE_PEOPLE = [
    ("Nguyễn Văn An", "Giám đốc", "Ban Giám đốc"),
    ("Hồ Lan", "Trưởng phòng", "Văn phòng"),
    ("Vũ Thị Thu", "Chuyên viên", "Văn phòng"),
]

# The same list typed in VNI, with no VNI font on the cells (a copy into a default font).
VNI_ROWS: list[list[object]] = [
    ["DANH SAÙCH CAÙN BOÄ NAÊM 2025"],
    [],
    ["STT", "Hoï vaø teân", "Ngaøy sinh", "Chöùc vuï", "Ñôn vò coâng taùc"],
    [1, "Nguyeãn Vaên An", "15/03/1980", "Giaùm ñoác", "Ban Giaùm ñoác"],
    [2, "Hoà Lan", "05/02/1985", "Tröôûng phoøng", "Vaên phoøng"],
    [3, "Vuõ Thò Thu", "1990", "Chuyeân vieân", "Vaên phoøng"],
]


def fonts_for(rows: list[list[object]], font: str) -> dict[str, str]:
    letters = "ABCDEFGHIJ"
    return {
        f"{letters[c]}{r}": font
        for r, row in enumerate(rows, start=1)
        for c, value in enumerate(row)
        if value is not None
    }


def people(result) -> list[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    return [(r.full_name, r.position_title, r.unit_text) for r in result.rows]


# ---------------------------------------------------------------------------
# A whole TCVN3 sheet
# ---------------------------------------------------------------------------


@pytest.fixture
def tcvn3_file(tmp_path: Path) -> Path:
    return write_xlsx(tmp_path / "tcvn3.xlsx", TCVN3_ROWS, fonts=fonts_for(TCVN3_ROWS, ".VnTime"))


def test_tcvn3_sheet_is_refused_without_consent(tcvn3_file: Path) -> None:
    with pytest.raises(LegacyEncodingError) as caught:
        parse_staff(tcvn3_file, codes(), today=TODAY)
    exc = caught.value
    message = str(exc)
    assert isinstance(exc, ImportFileError)  # callers that know only ImportFileError still cope
    assert "Không tìm thấy dòng tiêu đề" not in message
    assert "TCVN3" in message and "'DanhSach'" in message and "'tcvn3.xlsx'" in message
    # Examples with their row and the sheet's own (converted) column header.
    assert "dòng 3 (tiêu đề cột B): 'Hä vµ tªn' → 'Họ và tên'" in message
    assert "dòng 4, cột 'Họ và tên': 'NguyÔn V¨n An' → 'Nguyễn Văn An'" in message
    assert "cho phép chuyển sang Unicode" in message
    assert "--" not in message  # no command-line option: the GUI shows this message too
    assert exc.encodings == (TCVN3,)
    assert exc.sheet == "DanhSach"
    assert len(exc.conversions) == 14  # the title, 4 headers, 3 text cells in each row


def test_tcvn3_sheet_is_converted_with_consent(tcvn3_file: Path) -> None:
    result = parse_staff(tcvn3_file, codes(), today=TODAY, convert_legacy=True)
    assert result.header_rows == (3,)
    assert {k: v.header for k, v in result.column_map.items()} == {
        "full_name": "Họ và tên",
        "birth": "Ngày sinh",
        "position": "Chức vụ",
        "unit": "Đơn vị công tác",
    }
    assert people(result) == UNICODE_PEOPLE
    assert result.issues == ()
    by_cell = {(c.row, c.column): c for c in result.conversions}
    assert by_cell[(1, "A")].after == "DANH SÁCH CÁN BỘ NĂM 2025"
    assert by_cell[(5, "B")].before == "Hå Lan"
    assert by_cell[(5, "B")].after == "Hồ Lan"
    assert by_cell[(5, "B")].header == "Họ và tên"
    # "Vò" alone could be Unicode; the rest of the sheet says TCVN3: "Vũ".
    assert by_cell[(6, "B")].after == "Vũ Thị Thu"
    assert {c.encoding for c in result.conversions} == {TCVN3}
    assert {c.sheet for c in result.conversions} == {"DanhSach"}
    # Numbers, dates and ASCII are never "converted".
    assert all(c.column != "A" or c.row == 1 for c in result.conversions)


def test_tcvn3_without_the_font_is_found_as_well(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "ds.xlsx", TCVN3_ROWS)
    with pytest.raises(LegacyEncodingError, match="TCVN3"):
        parse_staff(path, codes(), today=TODAY)
    assert people(parse_staff(path, codes(), today=TODAY, convert_legacy=True)) == UNICODE_PEOPLE


def test_tcvn3_capital_font(tmp_path: Path) -> None:
    # Headers typed in .VnTimeH: lower-case codes shown as capitals.
    rows: list[list[object]] = [
        ["stt", "hä vµ tªn", "chøc vô"],
        [1, "Lª Thu", "KÕ to¸n"],
    ]
    path = write_xlsx(
        tmp_path / "ds.xlsx", rows, fonts={"A1": ".VnTimeH", "B1": ".VnTimeH", "C1": ".VnTimeH"}
    )
    result = parse_staff(path, codes(), today=TODAY, convert_legacy=True)
    assert result.column_map["full_name"].header == "HỌ VÀ TÊN"
    assert [(r.full_name, r.position_title) for r in result.rows] == [("Lê Thu", "Kế toán")]


# ---------------------------------------------------------------------------
# A VNI sheet, no legacy font
# ---------------------------------------------------------------------------


def test_vni_sheet_without_the_font(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "vni.xlsx", VNI_ROWS)
    with pytest.raises(LegacyEncodingError) as caught:
        parse_staff(path, codes(), today=TODAY)
    message = str(caught.value)
    assert "VNI" in message and "TCVN3" not in message
    assert "'Nguyeãn Vaên An' → 'Nguyễn Văn An'" in message
    assert caught.value.encodings == (VNI,)
    result = parse_staff(path, codes(), today=TODAY, convert_legacy=True)
    assert people(result) == UNICODE_PEOPLE  # "Hoà Lan" is VNI "Hồ Lan" in a VNI sheet
    assert {c.encoding for c in result.conversions} == {VNI}


# ---------------------------------------------------------------------------
# A Unicode sheet with one legacy cell
# ---------------------------------------------------------------------------


def unicode_rows(odd_name: str) -> list[list[object]]:
    return [
        ["STT", "Họ và tên", "Chức vụ", "Đơn vị công tác"],
        [1, "Nguyễn Văn An", "Giám đốc", "Ban Giám đốc"],
        [2, odd_name, "Trưởng phòng", "Văn phòng"],
        [3, "Vò Hoà", "Chuyên viên", "Văn phòng"],  # "Vò Hoà" stays: the sheet is Unicode
        [4, "Bùi Thu Hà", "Chuyên viên", "Văn phòng"],
    ]


def test_unicode_sheet_with_one_short_tcvn3_name(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "ds.xlsx", unicode_rows("Hå Lan"))
    with pytest.raises(LegacyEncodingError) as caught:
        parse_staff(path, codes(), today=TODAY)
    message = str(caught.value)
    assert "TCVN3 (ABC) (1 ô)" in message
    assert "dòng 3, cột 'Họ và tên': 'Hå Lan' → 'Hồ Lan'" in message
    result = parse_staff(path, codes(), today=TODAY, convert_legacy=True)
    assert [r.full_name for r in result.rows] == [
        "Nguyễn Văn An",
        "Hồ Lan",
        "Vò Hoà",
        "Bùi Thu Hà",
    ]
    assert [(c.row, c.column, c.before, c.after) for c in result.conversions] == [
        (3, "B", "Hå Lan", "Hồ Lan")
    ]


def test_unicode_sheet_is_read_as_before(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "ds.xlsx",
        unicode_rows("Lê Thu Hà"),
        fonts={"B3": ".VnTime", "B4": "VNI-Times"},  # Unicode typed into cells with old fonts
    )
    result = parse_staff(path, codes(), today=TODAY)
    assert result.conversions == ()
    assert [r.full_name for r in result.rows][1:3] == ["Lê Thu Hà", "Vò Hoà"]


def test_legacy_text_in_a_sheet_not_read_does_not_matter(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "ds.xlsx",
        unicode_rows("Lê Thu"),
        extra_sheets={"Ghi chó": [["Ghi chó: danh s¸ch do phßng TCCB lËp"]]},
    )
    result = parse_staff(path, codes(), today=TODAY)
    assert result.sheet == "DanhSach"
    assert result.conversions == ()


def test_named_sheet(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "ds.xlsx", TCVN3_ROWS, sheet="Sheet1")
    with pytest.raises(LegacyEncodingError):
        parse_staff(path, codes(), today=TODAY, sheet="Sheet1")
    result = parse_staff(path, codes(), today=TODAY, sheet="Sheet1", convert_legacy=True)
    assert people(result) == UNICODE_PEOPLE


def test_grades(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["STT", "Hä vµ tªn", "XÕp lo¹i"],
        [1, "NguyÔn V¨n An", "Hoµn thµnh tèt nhiÖm vô"],
    ]
    path = write_xlsx(tmp_path / "xl.xlsx", rows)
    with pytest.raises(LegacyEncodingError):
        parse_grades(path, codes(), year=2025, today=TODAY)
    result = parse_grades(path, codes(), year=2025, today=TODAY, convert_legacy=True)
    assert [(r.full_name, r.grade) for r in result.rows] == [("Nguyễn Văn An", "HTTNV")]


# ---------------------------------------------------------------------------
# History and registrations use the same reader
# ---------------------------------------------------------------------------


def test_history_awards(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["STT", "Hä vµ tªn", "N¨m", "Danh hiÖu", "Sè quyÕt ®Þnh", "Ngµy quyÕt ®Þnh"],
        [1, "NguyÔn V¨n An", 2023, "Lao ®éng tiªn tiÕn", "12/Q§-SNN", "15/01/2024"],
    ]
    path = write_xlsx(tmp_path / "kt.xlsx", rows)
    with pytest.raises(LegacyEncodingError, match="TCVN3"):
        read_history_file("awards", path, catalogue(), codes())
    history = read_history_file("awards", path, catalogue(), codes(), convert_legacy=True)
    (row,) = history.rows
    assert isinstance(row, AwardRow)
    assert row.name == "Nguyễn Văn An"
    assert row.catalogue_code == "LDTT"
    assert row.decision_number == "12/QĐ-SNN"
    assert ("Lao ®éng tiªn tiÕn", "Lao động tiên tiến") in {
        (c.before, c.after) for c in history.conversions
    }


def test_history_unit_grades(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["STT", "Tªn ®¬n vÞ", "N¨m", "XÕp lo¹i"],
        [1, "Phßng KÕ ho¹ch - Tµi chÝnh", 2024, "Hoµn thµnh xuÊt s¾c nhiÖm vô"],
    ]
    path = write_xlsx(tmp_path / "xltt.xlsx", rows)
    with pytest.raises(LegacyEncodingError):
        parse_unit_grades(path, codes())
    result = parse_unit_grades(path, codes(), convert_legacy=True)
    assert [(r.unit_text, r.grade) for r in result.rows] == [
        ("Phòng Kế hoạch - Tài chính", "HTXSNV")
    ]
    assert len(result.conversions) == 5


def test_registration_workbook(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "C¸ nh©n"
    ws.append(["STT", "Hä vµ tªn", "Ngµy sinh", "Danh hiÖu thi ®ua ®¨ng ký"])
    ws.append([1, "Hå Lan", "05/02/1985", "Lao ®éng tiªn tiÕn"])
    for row in ws.iter_rows():
        for cell in row:
            cell.font = Font(name=".VnTime")
    path = tmp_path / "dk.xlsx"
    wb.save(path)
    with pytest.raises(LegacyEncodingError) as caught:
        parse_registration_workbook(path, catalogue(), codes(), today=TODAY)
    assert "'C¸ nh©n'" in str(caught.value)  # the sheet's name as the clerk sees it in Excel
    book = parse_registration_workbook(path, catalogue(), codes(), today=TODAY, convert_legacy=True)
    assert [(r.full_name, r.title_code) for r in book.individuals] == [("Hồ Lan", "LDTT")]
    assert book.conversions and all(c.sheet == "C¸ nh©n" for c in book.conversions)
