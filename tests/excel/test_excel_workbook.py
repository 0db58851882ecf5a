"""Safe opening of workbooks: wrong formats, fake files, zip and XML bombs, sheet choice."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest
from xlsx_factory import (
    highly_compressible_xlsx,
    replace_member,
    staff_list,
    write_xlsx,
    zip_with_member,
)

from app.excel.people_import import parse_staff
from app.excel.workbook import ImportFileError, check_archive, open_workbook
from app.services.reference import codes


def test_opens_a_real_workbook_twice(tmp_path: Path) -> None:
    book = open_workbook(staff_list(tmp_path / "ds.xlsx"))
    try:
        assert book.sheet_names == ["DanhSach"]
        formulas, values = book.sheet_pair("DanhSach")
        assert formulas["B3"].value == values["B3"].value == "Họ và tên"
    finally:
        book.close()


def test_xls_is_refused_with_advice(tmp_path: Path) -> None:
    path = tmp_path / "Danh sach 2025.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    with pytest.raises(ImportFileError) as err:
        open_workbook(path)
    message = str(err.value)
    assert "'Danh sach 2025.xls'" in message
    assert ".xls (Excel 97-2003) chưa được hỗ trợ: mở trong Excel rồi Lưu thành .xlsx" in message


@pytest.mark.parametrize("name", ["ds.csv", "ds.ods", "ds.docx", "ds"])
def test_other_extensions_are_refused(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text("Họ và tên\n", encoding="utf-8")
    with pytest.raises(ImportFileError, match=f"'{name}'"):
        open_workbook(path)


def test_text_file_named_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "ds.xlsx"
    path.write_text("STT;Họ và tên\n1;Nguyễn Văn An\n", encoding="utf-8")
    with pytest.raises(ImportFileError, match="'ds.xlsx' không phải tệp Excel hợp lệ"):
        open_workbook(path)


def test_xls_renamed_or_password_protected(tmp_path: Path) -> None:
    path = tmp_path / "mat-khau.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    with pytest.raises(ImportFileError, match="mật khẩu"):
        open_workbook(path)


def test_empty_and_missing_files(tmp_path: Path) -> None:
    empty = tmp_path / "rong.xlsx"
    empty.write_bytes(b"")
    with pytest.raises(ImportFileError, match="'rong.xlsx' rỗng"):
        open_workbook(empty)
    with pytest.raises(ImportFileError, match="Không tìm thấy tệp 'khong-co.xlsx'"):
        open_workbook(tmp_path / "khong-co.xlsx")


def test_zip_that_is_not_a_workbook(tmp_path: Path) -> None:
    path = zip_with_member(tmp_path / "ds.xlsx", "readme.txt", b"hello")
    with pytest.raises(ImportFileError, match="'ds.xlsx'"):
        open_workbook(path)


def test_truncated_archive(tmp_path: Path) -> None:
    good = staff_list(tmp_path / "ds.xlsx").read_bytes()
    path = tmp_path / "cut.xlsx"
    path.write_bytes(good[: len(good) // 2])
    with pytest.raises(ImportFileError, match="'cut.xlsx' bị hỏng"):
        open_workbook(path)


def test_highly_compressed_member_is_refused_before_loading(tmp_path: Path) -> None:
    path = highly_compressible_xlsx(tmp_path / "bom.xlsx")  # 30 MB of spaces, ~30 kB on disk
    assert path.stat().st_size < 1024 * 1024
    with pytest.raises(ImportFileError) as err:
        open_workbook(path)
    assert "'bom.xlsx'" in str(err.value)
    assert "nén bất thường" in str(err.value)
    assert "xl/worksheets/sheet1.xml" in str(err.value)


def test_total_uncompressed_size_limit(tmp_path: Path) -> None:
    # Incompressible content, so only the total-size rule can refuse it.
    path = zip_with_member(tmp_path / "lon.xlsx", "xl/big.bin", os.urandom(300_000))
    check_archive(path)  # fine with the default limit
    with pytest.raises(ImportFileError, match="'lon.xlsx' quá lớn khi giải nén"):
        check_archive(path, max_uncompressed_bytes=200_000)
    with pytest.raises(ImportFileError, match="quá lớn"):
        parse_staff(path, codes(), max_uncompressed_bytes=200_000)


def test_ratio_limit_is_a_parameter(tmp_path: Path) -> None:
    path = highly_compressible_xlsx(tmp_path / "bom.xlsx", size=2 * 1024 * 1024)
    with pytest.raises(ImportFileError, match="nén bất thường"):
        check_archive(path)
    check_archive(path, max_compression_ratio=10_000)


def test_xml_entity_bomb_is_refused(tmp_path: Path) -> None:
    path = staff_list(tmp_path / "xml.xlsx")
    with zipfile.ZipFile(path) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
    )
    sheet = sheet.replace("<t>Họ và tên</t>", "<t>&lol2;</t>")
    replace_member(path, "xl/worksheets/sheet1.xml", (bomb + sheet).encode("utf-8"))
    with pytest.raises(ImportFileError, match="'xml.xlsx' chứa cấu trúc XML không an toàn"):
        open_workbook(path)


def test_unknown_sheet_lists_the_sheets(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "ds.xlsx",
        [["Họ và tên"], ["Nguyễn Văn An"]],
        sheet="Cán bộ",
        extra_sheets={"Danh mục": [["Mã", "Tên"]]},
    )
    with pytest.raises(ImportFileError) as err:
        parse_staff(path, codes(), sheet="Sheet1")
    assert str(err.value) == (
        "Tệp 'ds.xlsx' không có trang 'Sheet1'. Các trang có: 'Cán bộ', 'Danh mục'."
    )
    # Case and diacritics of the sheet name do not matter.
    assert parse_staff(path, codes(), sheet="can bo").sheet == "Cán bộ"


def test_first_sheet_with_a_header_is_chosen(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "ds.xlsx",
        [["STT", "Họ và tên", "Chức vụ"], [1, "Nguyễn Văn An", "Chuyên viên"]],
        sheet="DS",
        first_sheets={"Hướng dẫn": [["Điền danh sách vào trang DS"], ["Không sửa dòng tiêu đề"]]},
    )
    result = parse_staff(path, codes())
    assert result.sheet == "DS"
    assert [r.full_name for r in result.rows] == ["Nguyễn Văn An"]
