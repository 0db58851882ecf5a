"""parse_staff: header detection, layouts units really send, and broken files."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime
from pathlib import Path

import pytest
from xlsx_factory import TITLE, set_cached_values, staff_list, write_xlsx

from app.excel.people_import import ParseResult, StaffRow, parse_staff
from app.excel.table import CellIssue, SkippedRow
from app.excel.workbook import ImportFileError
from app.services.reference import codes

TODAY = date(2026, 3, 1)


def parse(path: Path, **kw: object) -> ParseResult[StaffRow]:
    return parse_staff(path, codes(), today=TODAY, **kw)  # type: ignore[arg-type]


def columns(result: ParseResult[StaffRow]) -> dict[str, str]:
    return {name: ref.letter for name, ref in result.column_map.items()}


def issue_list(result: ParseResult[StaffRow]) -> list[tuple[int, str, str]]:
    return [(i.row, i.column, i.message) for i in result.issues]


# ---------------------------------------------------------------------------
# Clean lists
# ---------------------------------------------------------------------------


def test_clean_staff_list(tmp_path: Path) -> None:
    result = parse(staff_list(tmp_path / "ds.xlsx"))
    assert result.sheet == "DanhSach"
    assert result.header_rows == (3,)
    assert result.confident
    assert result.warnings == ()
    assert columns(result) == {
        "full_name": "B",
        "gender": "C",
        "birth": "D",
        "position": "E",
        "unit": "F",
        "staff_code": "G",
        "citizen_id": "H",
        "note": "I",
    }
    assert result.column_map["birth"].header == "Ngày sinh"
    assert result.issues == ()
    assert result.skipped == (SkippedRow(1, "Phần tiêu đề phía trên dòng tiêu đề cột"),)
    assert result.rows == (
        StaffRow(
            row=4,
            full_name="Nguyễn Văn An",
            ho_dem="Nguyễn Văn",
            ten="An",
            gender="NAM",
            birth_date=date(1980, 3, 15),
            birth_year=1980,
            position_title="Giám đốc",
            unit_text="Ban Giám đốc",
            staff_code="CB001",
            citizen_id="001080012345",
        ),
        StaffRow(
            row=5,
            full_name="Trần Thị Bình",
            ho_dem="Trần Thị",
            ten="Bình",
            gender="NU",
            birth_date=date(1985, 2, 5),
            birth_year=1985,
            position_title="Trưởng phòng",
            unit_text="Phòng Kế hoạch - Tài chính",
            staff_code="CB002",
            citizen_id="034185000111",
        ),
        StaffRow(
            row=6,
            full_name="Lê Minh Châu",
            ho_dem="Lê Minh",
            ten="Châu",
            gender="NAM",
            birth_date=None,
            birth_year=1990,
            position_title="Chuyên viên",
            unit_text="Văn phòng",
            staff_code="CB003",
            note="Mới chuyển đến",
        ),
    )
    assert result.valid_rows == result.rows
    assert result.invalid_row_numbers == ()
    assert result.is_valid


def test_headers_without_diacritics_in_shuffled_order(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "ds.xlsx",
        [
            ["DANH SACH CAN BO"],
            [
                "Don vi cong tac",
                "Ngay thang nam sinh",
                "HO VA TEN",
                "Chuc danh",
                "so cccd",
                "GIOI TINH",
            ],
            ["Văn phòng", "01/02/1979", "Phạm Thu Hà", "Kế toán", "012345678", "nu"],
        ],
    )
    result = parse(path)
    assert columns(result) == {
        "unit": "A",
        "birth": "B",
        "full_name": "C",
        "position": "D",
        "citizen_id": "E",
        "gender": "F",
    }
    assert result.column_map["full_name"].header == "HO VA TEN"
    (row,) = result.rows
    assert (row.full_name, row.birth_date, row.gender, row.citizen_id, row.unit_text) == (
        "Phạm Thu Hà",
        date(1979, 2, 1),
        "NU",
        "012345678",
        "Văn phòng",
    )
    assert result.issues == ()


def test_headers_with_newlines_and_long_text(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "ds.xlsx",
        [
            [
                "STT",
                "Họ và tên\ncán bộ",
                "Ngày, tháng,\nnăm sinh",
                "Chức vụ\n(chức danh)",
                "Tên phòng ban/ khối, tổ \ncông tác",
            ],
            [1, "Đỗ Thị Lan", "7/8/1992", "Chuyên viên", "Phòng Tổ chức"],
        ],
    )
    result = parse(path)
    assert columns(result) == {"full_name": "B", "birth": "C", "position": "D", "unit": "E"}
    assert result.column_map["unit"].header == "Tên phòng ban/ khối, tổ công tác"
    assert result.rows[0].birth_date == date(1992, 8, 7)


def test_split_name_columns_are_joined(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "ds.xlsx",
        [
            ["STT", "Họ, tên đệm", "Tên", "Năm sinh"],
            [1, "Tôn Nữ Thị", "Ngọc", 1988],
            [2, "Âu Dương", "Phong", "1970"],
        ],
    )
    result = parse(path)
    assert columns(result) == {"ho_dem": "B", "ten": "C", "birth": "D"}
    assert result.confident
    assert [(r.full_name, r.ho_dem, r.ten, r.birth_year) for r in result.rows] == [
        ("Tôn Nữ Thị Ngọc", "Tôn Nữ Thị", "Ngọc", 1988),
        ("Âu Dương Phong", "Âu Dương", "Phong", 1970),
    ]


def test_ten_alone_is_the_full_name(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "ds.xlsx", [["STT", "Tên", "Chức vụ"], [1, "Vũ Văn Nam", "Lái xe"]]
    )
    result = parse(path)
    assert columns(result) == {"full_name": "B", "position": "C"}
    assert result.rows[0].ten == "Nam"


# ---------------------------------------------------------------------------
# Real-world layouts
# ---------------------------------------------------------------------------


def _two_row_header_rows() -> list[list[object]]:
    return [
        ["SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG"],
        [TITLE],
        ["(Kèm theo Tờ trình số 12/TTr-SNN ngày 05/01/2026)"],
        [],
        ["STT", "Họ và tên", "Ngày, tháng, năm sinh", None, "Chức vụ", "Đơn vị"],
        [None, None, "Nam", "Nữ"],
        ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"],
        ["I. Phòng Kế hoạch - Tài chính"],
        [1, "Nguyễn Văn An", "15/03/1980", None, "Trưởng phòng"],
        [2, "Trần Thị Bình", None, 1985, "Chuyên viên"],
        [],
        ["II", "Văn phòng Sở"],
        [3, "Lê Văn Cường", datetime(1975, 1, 2), None, "Chánh Văn phòng", "Văn phòng"],
        ["Cộng", None, None, None, None, 3],
        [],
        [None, None, None, "Tuyên Quang, ngày 05 tháng 01 năm 2026"],
        [None, "NGƯỜI LẬP BIỂU", None, "GIÁM ĐỐC"],
        [None, "Hoàng Thị Mai", None, "Nguyễn Văn Giám"],
        [],
        [],
    ]


def test_merged_two_row_header_with_nam_nu_sections_and_footer(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "ds.xlsx",
        _two_row_header_rows(),
        merges=["A1:C1", "A2:F2", "A3:F3", "A5:A6", "B5:B6", "C5:D5", "E5:E6", "F5:F6", "A8:F8"],
    )
    result = parse(path)
    assert result.header_rows == (5, 6)
    assert columns(result) == {
        "full_name": "B",
        "male": "C",
        "female": "D",
        "position": "E",
        "unit": "F",
    }
    assert result.column_map["male"].header == "Ngày, tháng, năm sinh (Nam)"
    assert result.column_map["female"].header == "Ngày, tháng, năm sinh (Nữ)"
    assert result.confident
    assert result.issues == ()
    assert [(r.row, r.full_name, r.gender, r.birth_date, r.birth_year) for r in result.rows] == [
        (9, "Nguyễn Văn An", "NAM", date(1980, 3, 15), 1980),
        (10, "Trần Thị Bình", "NU", None, 1985),
        (13, "Lê Văn Cường", "NAM", date(1975, 1, 2), 1975),
    ]
    assert [(r.section, r.unit_text) for r in result.rows] == [
        ("Phòng Kế hoạch - Tài chính", "Phòng Kế hoạch - Tài chính"),
        ("Phòng Kế hoạch - Tài chính", "Phòng Kế hoạch - Tài chính"),
        ("Văn phòng Sở", "Văn phòng"),
    ]
    assert result.skipped == (
        SkippedRow(1, "Phần tiêu đề phía trên dòng tiêu đề cột"),
        SkippedRow(2, "Phần tiêu đề phía trên dòng tiêu đề cột"),
        SkippedRow(3, "Phần tiêu đề phía trên dòng tiêu đề cột"),
        SkippedRow(7, "Dòng đánh số cột"),
        SkippedRow(8, "Dòng tiêu đề nhóm: Phòng Kế hoạch - Tài chính"),
        SkippedRow(11, "Dòng trống"),
        SkippedRow(12, "Dòng tiêu đề nhóm: Văn phòng Sở"),
        SkippedRow(14, "Dòng cộng/tổng cộng"),
        SkippedRow(16, "Phần ký tên, ghi chú cuối bảng"),
        SkippedRow(17, "Phần ký tên, ghi chú cuối bảng"),
        SkippedRow(18, "Phần ký tên, ghi chú cuối bảng"),
    )


def test_name_merged_over_ho_dem_and_ten(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "ds.xlsx",
        [
            ["STT", "Họ và tên", None, "Giới tính", None, "Chức vụ"],
            [None, "Họ, tên đệm", "Tên", "Nam", "Nữ"],
            [1, "Nguyễn Thị Minh", "Anh", None, "x"],
            [2, "Bùi Quang", "Huy", "X", None],
        ],
        merges=["A1:A2", "B1:C1", "D1:E1", "F1:F2"],
    )
    result = parse(path)
    assert result.header_rows == (1, 2)
    assert columns(result) == {
        "ho_dem": "B",
        "ten": "C",
        "male": "D",
        "female": "E",
        "position": "F",
    }
    assert result.column_map["female"].header == "Giới tính (Nữ)"
    assert [(r.full_name, r.ho_dem, r.ten, r.gender, r.birth_year) for r in result.rows] == [
        ("Nguyễn Thị Minh Anh", "Nguyễn Thị Minh", "Anh", "NU", None),
        ("Bùi Quang Huy", "Bùi Quang", "Huy", "NAM", None),
    ]
    assert result.issues == ()


def test_numbering_row_of_integers_and_blank_rows(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "ds.xlsx",
        [
            ["STT", "Họ và tên", "Chức vụ", "Đơn vị"],
            [1, 2, 3, 4],
            [1, "Ngô Văn Tám", "Chuyên viên", "Chi cục Thủy lợi"],
            [],
            [None, None, None, None],
            [2, "Đinh Thị Chín", "Chuyên viên", "Chi cục Thủy lợi"],
            [],
            [],
            [3],
            [4],
        ],
    )
    result = parse(path)
    assert [r.row for r in result.rows] == [3, 6]
    # Trailing blank rows (and a pre-numbered empty template) are not reported.
    assert result.skipped == (
        SkippedRow(2, "Dòng đánh số cột"),
        SkippedRow(4, "Dòng trống"),
        SkippedRow(5, "Dòng trống"),
    )


def test_subtotal_variants(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "ds.xlsx",
        [
            ["STT", "Họ và tên", "Chức vụ"],
            [1, "Ngô Văn Tám", "Chuyên viên"],
            ["Tổng số", None, 1],
            [None, "Tong cong:", None],
            [2, "Lương Văn Công", "Bảo vệ"],
            [None, "TỔNG CỘNG"],
        ],
    )
    result = parse(path)
    assert [r.full_name for r in result.rows] == ["Ngô Văn Tám", "Lương Văn Công"]
    assert [s.reason for s in result.skipped] == ["Dòng cộng/tổng cộng"] * 3


def test_section_rows_in_several_shapes(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "ds.xlsx",
        [
            ["STT", "Họ và tên", "Chức vụ"],
            ["A", "LÃNH ĐẠO SỞ"],
            [1, "Nguyễn Văn An", "Giám đốc"],
            [None, "Phòng Quản lý đất đai"],
            [2, "Hà Văn Bắc", "Trưởng phòng"],
            ["2. Chi cục Kiểm lâm"],
            [3, "Mai Thị Cúc", "Kiểm lâm viên"],
        ],
    )
    result = parse(path)
    assert [(r.full_name, r.section, r.unit_text) for r in result.rows] == [
        ("Nguyễn Văn An", "LÃNH ĐẠO SỞ", "LÃNH ĐẠO SỞ"),
        ("Hà Văn Bắc", "Phòng Quản lý đất đai", "Phòng Quản lý đất đai"),
        ("Mai Thị Cúc", "Chi cục Kiểm lâm", "Chi cục Kiểm lâm"),
    ]


def test_person_with_only_a_name_is_data_not_a_section(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "ds.xlsx",
        [["STT", "Họ và tên", "Chức vụ"], [1, "Nguyễn Văn An"], [None, "Trần Văn Bình"]],
    )
    result = parse(path)
    assert [r.full_name for r in result.rows] == ["Nguyễn Văn An", "Trần Văn Bình"]


def test_merged_cells_in_the_data_area_repeat_their_value(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "ds.xlsx",
        [
            ["STT", "Họ và tên", "Đơn vị"],
            [1, "Nguyễn Văn An", "Phòng Pháp chế"],
            [2, "Trần Văn Bình"],
            [3, "Lê Thị Cúc"],
            [4, "Phan Văn Dũng", "Văn phòng"],
        ],
        merges=["C2:C4"],
    )
    result = parse(path)
    assert [r.unit_text for r in result.rows] == [
        "Phòng Pháp chế",
        "Phòng Pháp chế",
        "Phòng Pháp chế",
        "Văn phòng",
    ]


@pytest.mark.parametrize(
    ("value", "expected_date", "expected_year"),
    [
        (datetime(1980, 3, 15), date(1980, 3, 15), 1980),
        (date(1980, 3, 15), date(1980, 3, 15), 1980),
        ("15/03/1980", date(1980, 3, 15), 1980),
        ("5/3/80", date(1980, 3, 5), 1980),
        ("15-03-1980", date(1980, 3, 15), 1980),
        ("15.03.1980", date(1980, 3, 15), 1980),
        (1980, None, 1980),
        ("1980", None, 1980),
        ("năm 1980", None, 1980),
        (29295, date(1980, 3, 15), 1980),  # an unformatted Excel serial
    ],
)
def test_birth_date_forms(
    tmp_path: Path, value: object, expected_date: date | None, expected_year: int
) -> None:
    path = write_xlsx(tmp_path / "ds.xlsx", [["Họ và tên", "Ngày sinh"], ["Nguyễn Văn An", value]])
    result = parse(path)
    assert result.issues == ()
    assert (result.rows[0].birth_date, result.rows[0].birth_year) == (expected_date, expected_year)


def test_gender_column_values(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "ds.xlsx",
        [
            ["Họ và tên", "Giới tính"],
            ["Người A", "Nam"],
            ["Người B", "Nữ"],
            ["Người C", "nu"],
            ["Người D", "NỮ"],
            ["Người E", "x"],
            ["Người F", None],
        ],
    )
    result = parse(path)
    assert [r.gender for r in result.rows] == ["NAM", "NU", "NU", "NU", None, None]
    assert issue_list(result) == [(6, "B", "Giới tính không rõ: 'x' (ghi Nam hoặc Nữ)")]
    assert result.invalid_row_numbers == (6,)
    assert [r.row for r in result.valid_rows] == [2, 3, 4, 5, 7]


def test_salutation_gives_the_gender(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "ds.xlsx",
        [
            ["STT", "Tên gọi\n(Ông/Bà/Chức danh)", "Tên tập thể/cá nhân/hộ gia đình", "Chức vụ"],
            [1, "Ông", "Nguyễn Anh Đại", "Phó Giám đốc"],
            [2, "Bà", "Lê Thị Hoa", "Kế toán"],
        ],
    )
    result = parse(path)
    assert columns(result) == {"salutation": "B", "full_name": "C", "position": "D"}
    assert [r.gender for r in result.rows] == ["NAM", "NU"]


def test_citizen_ids(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "ds.xlsx",
        [
            ["Họ và tên", "CCCD/CMND"],
            ["Người A", 1080012345],  # typed as a number: Excel dropped "00"
            ["Người B", "034 185 000 111"],
            ["Người C", "12345678"],
            ["Người D", "0341A5000111"],
            ["Người E", 123456789],
        ],
    )
    result = parse(path)
    assert [r.citizen_id for r in result.rows] == [
        "001080012345",
        "034185000111",
        None,
        None,
        "123456789",
    ]
    assert issue_list(result) == [
        (4, "B", "Số CCCD/CMND phải có 9 hoặc 12 chữ số: '12345678' (8 chữ số)"),
        (5, "B", "Số CCCD/CMND chỉ gồm chữ số: '0341A5000111'"),
    ]


def test_subject_category(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "ds.xlsx",
        [
            ["Họ và tên", "Phân loại đối tượng"],
            ["Người A", "Các cấp lãnh đạo từ phó phòng trở lên"],
            [
                "Người B",
                "Người trực tiếp công tác, lao động, học tập, chiến đấu và phục vụ chiến đấu",
            ],
            ["Người C", "Các cấp lãnh đạo khác"],
            ["Người D", "Doanh nghiệp"],
        ],
    )
    result = parse(path)
    assert [r.subject_category for r in result.rows] == [
        "LD_PHO_PHONG",
        "TRUC_TIEP",
        "LD_PHO_PHONG",
        None,
    ]
    assert issue_list(result) == [(5, "B", "Không nhận ra phân loại đối tượng: 'Doanh nghiệp'")]


# ---------------------------------------------------------------------------
# Mapping: confidence and manual override
# ---------------------------------------------------------------------------


def test_two_columns_for_one_field_is_not_confident_and_can_be_fixed(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "ds.xlsx",
        [
            ["Họ và tên", "Đơn vị", "Chức vụ", "Đơn vị"],
            ["Nguyễn Văn An", "Sở Nông nghiệp và Môi trường", "Chuyên viên", "Phòng Pháp chế"],
        ],
    )
    result = parse(path)
    assert not result.confident
    assert result.column_map["unit"].letter == "B"
    assert result.warnings == (
        "Có nhiều cột giống 'Đơn vị'; đang dùng cột B ('Đơn vị'), hãy kiểm tra lại",
    )
    fixed = parse(path, mapping={"unit": "D", "agency": "B"})
    assert fixed.confident
    assert fixed.column_map["unit"].letter == "D"
    assert fixed.column_map["unit"].header == "Đơn vị"
    assert (fixed.rows[0].unit_text, fixed.rows[0].agency_text) == (
        "Phòng Pháp chế",
        "Sở Nông nghiệp và Môi trường",
    )


def test_mapping_can_unmap_and_is_validated(tmp_path: Path) -> None:
    path = staff_list(tmp_path / "ds.xlsx")
    result = parse(path, mapping={"citizen_id": None, "note": "h"})
    assert "citizen_id" not in result.column_map
    assert result.column_map["note"].letter == "H"
    assert result.rows[0].note == "001080012345"
    with pytest.raises(ValueError, match="Trường 'ho_ten'"):
        parse(path, mapping={"ho_ten": "B"})
    with pytest.raises(ValueError, match="Cột '1B'"):
        parse(path, mapping={"full_name": "1B"})


def test_manual_header_row_when_headers_are_unknown(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "ds.xlsx",
        [["Cột 1", "Cột 2", "Cột 3"], ["Nguyễn Văn An", "Kỹ sư", "12/12/1990"]],
    )
    with pytest.raises(ImportFileError, match="Không tìm thấy dòng tiêu đề cột"):
        parse(path)
    result = parse(path, header_row=1, mapping={"full_name": "A", "position": "B", "birth": "C"})
    assert result.header_rows == (1,)
    assert result.column_map["full_name"].header == "Cột 1"
    assert (result.rows[0].full_name, result.rows[0].birth_date) == (
        "Nguyễn Văn An",
        date(1990, 12, 12),
    )


# ---------------------------------------------------------------------------
# Broken files
# ---------------------------------------------------------------------------


def test_no_name_column(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "ds.xlsx",
        [
            [TITLE],
            ["STT", "Ngày sinh", "Chức vụ", "Đơn vị"],
            [1, "01/01/1980", "Chuyên viên", "VP"],
        ],
        sheet="DS",
    )
    with pytest.raises(ImportFileError) as err:
        parse(path)
    assert str(err.value) == (
        "Trang 'DS' (tệp 'ds.xlsx'): dòng tiêu đề cột 2 thiếu cột 'Họ và tên' "
        "(tìm thấy: 'Ngày sinh', 'Chức vụ', 'Đơn vị')."
    )


def test_sheet_with_only_a_title(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "ds.xlsx", [[TITLE]], sheet="Sheet1", merges=["A1:H1"])
    with pytest.raises(ImportFileError) as err:
        parse(path)
    assert str(err.value) == (
        "Không tìm thấy dòng tiêu đề cột (Họ và tên...) trong 20 dòng đầu của trang "
        "'Sheet1' (tệp 'ds.xlsx')."
    )
    with pytest.raises(ImportFileError, match="của trang 'Sheet1'"):
        parse(path, sheet="Sheet1")


def test_header_below_row_20_is_not_found(tmp_path: Path) -> None:
    rows: list[list[object]] = [[f"Dòng giới thiệu {i}"] for i in range(1, 22)]
    rows += [["Họ và tên", "Chức vụ"], ["Nguyễn Văn An", "Chuyên viên"]]
    path = write_xlsx(tmp_path / "ds.xlsx", rows)
    with pytest.raises(ImportFileError, match="trong 20 dòng đầu"):
        parse(path)


def test_invalid_dates_are_reported_per_cell(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "ds.xlsx",
        [
            ["STT", "Họ và tên", "Giới tính", "Ngày sinh"],
            [1, "Nguyễn Văn An", "Nam", "31/02/1980"],
            [2, "Trần Văn Bình", "Nam", "ngày mai"],
            [3, "Lê Văn Cường", "Nam", "01/01/2020"],
            [4, "Phạm Văn Dũng", "Nam", "12/12/2030"],
        ],
    )
    result = parse(path)
    assert result.issues == (
        CellIssue(2, "D", "birth", "Ngày sinh", "Ngày không hợp lệ: 31/02/1980"),
        CellIssue(
            3, "D", "birth", "Ngày sinh", "Không đọc được ngày: ngày mai (dùng dạng dd/mm/yyyy)"
        ),
        CellIssue(4, "D", "birth", "Ngày sinh", "Năm sinh 2020 không hợp lý"),
        CellIssue(5, "D", "birth", "Ngày sinh", "Ngày sinh 12/12/2030 ở tương lai"),
    )
    assert result.valid_rows == ()
    assert result.invalid_row_numbers == (2, 3, 4, 5)
    assert result.rows[0].birth_date is None


def test_missing_name_in_a_data_row(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "ds.xlsx",
        [["STT", "Họ và tên", "Chức vụ", "Ngày sinh"], [1, None, "Chuyên viên", "01/01/1980"]],
    )
    result = parse(path)
    assert issue_list(result) == [(2, "B", "Thiếu họ và tên")]


def test_duplicate_rows(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "ds.xlsx",
        [
            ["STT", "Họ và tên", "Ngày sinh", "Mã cán bộ", "Số CCCD"],
            [1, "Nguyễn Văn An", "01/01/1980", "CB01", None],
            [2, "Trần Văn Bình", "02/02/1982", "CB02", "001082000001"],
            [3, "NGUYỄN VĂN AN", date(1980, 1, 1), None, None],
            [4, "Lê Văn Cường", "03/03/1983", "cb01", None],
            [5, "Lê Văn Dũng", "04/04/1984", None, "001082000001"],
            [6, "Nguyễn Văn An", "05/05/1985", None, None],
        ],
    )
    result = parse(path)
    assert issue_list(result) == [
        (4, "B", "Trùng với dòng 2 (cùng họ tên và ngày sinh)"),
        (5, "D", "Trùng với dòng 2 (cùng mã cán bộ)"),
        (6, "E", "Trùng với dòng 3 (cùng số CCCD/CMND)"),
    ]
    assert result.invalid_row_numbers == (4, 5, 6)


def test_formula_cells(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "ds.xlsx",
        [
            ["STT", "Họ và tên", "Chức vụ", "Ngày sinh", "Đơn vị"],
            [1, "Nguyễn Văn An", "Chuyên viên", "=DATE(1980,1,2)", '="Phòng "&"Pháp chế"'],
            [2, "Trần Văn Bình", "Chuyên viên", "=DATE(1981,1,2)", "=E2"],
            [3, "Lê Văn Cường", "Chuyên viên", "=DATE(1982,1,2)", "=VLOOKUP(A4,X:Y,2,0)"],
            [4, "Phan Văn Dũng", "Chuyên viên", "01/01/1983", None, "=1+1"],
        ],
        number_formats={"D2": "dd/mm/yyyy", "D3": "dd/mm/yyyy"},
    )
    set_cached_values(
        path,
        {
            "D2": ("29222", None),
            "E2": ("Phòng Pháp chế", "str"),
            "D3": ("29588", None),
            "E4": ("#N/A", "e"),
        },
    )
    result = parse(path)
    assert [(r.birth_date, r.unit_text) for r in result.rows] == [
        (date(1980, 1, 2), "Phòng Pháp chế"),
        (date(1981, 1, 2), ""),
        (None, ""),
        (date(1983, 1, 1), ""),
    ]
    assert issue_list(result) == [
        (
            3,
            "E",
            "Ô E3 chứa công thức chưa có giá trị (mở tệp bằng Excel, lưu lại rồi nhập lại, "
            "hoặc thay công thức bằng giá trị)",
        ),
        (
            4,
            "D",
            "Ô D4 chứa công thức chưa có giá trị (mở tệp bằng Excel, lưu lại rồi nhập lại, "
            "hoặc thay công thức bằng giá trị)",
        ),
        (4, "E", "Ô E4 có lỗi công thức #N/A"),
    ]  # F5 is not a mapped column: its formula does not matter


def test_nfd_text_gives_the_same_result_as_nfc(tmp_path: Path) -> None:
    def nfd(s: str) -> str:
        return unicodedata.normalize("NFD", s)

    rows: list[list[object]] = [
        ["STT", "Họ và tên", "Giới tính", "Ngày sinh", "Chức vụ", "Đơn vị"],
        [
            1,
            "Nguyễn Thị Thủy",
            "Nữ",
            "01/01/1980",
            "Phó Trưởng phòng",
            "Phòng Kế hoạch – Tài chính",
        ],
        [2, "Đặng Văn Khánh", "Nam", "02/02/1982", "Chuyên viên", "Chi cục Trồng trọt"],
    ]
    nfc_result = parse(write_xlsx(tmp_path / "nfc.xlsx", rows))
    nfd_rows = [[nfd(v) if isinstance(v, str) else v for v in row] for row in rows]
    assert nfd_rows[1][1] != rows[1][1]
    nfd_result = parse(write_xlsx(tmp_path / "nfd.xlsx", nfd_rows))
    assert nfd_result.rows == nfc_result.rows
    assert nfd_result.issues == ()
    assert all(unicodedata.is_normalized("NFC", r.full_name) for r in nfd_result.rows)
    assert nfd_result.column_map["full_name"].header == "Họ và tên"


def test_messy_spaces_are_cleaned(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "ds.xlsx",
        [["Họ và tên", "Chức vụ"], ["  Nguyễn\u00a0 Văn\n An ", "\tChuyên   viên\u200b "]],
    )
    row = parse(path).rows[0]
    assert (row.full_name, row.position_title) == ("Nguyễn Văn An", "Chuyên viên")


def test_legacy_tcvn3_text_is_refused_then_converted_with_consent(tmp_path: Path) -> None:
    # More in tests/excel/test_legacy_import.py.
    path = write_xlsx(
        tmp_path / "ds.xlsx",
        [
            ["STT", "Họ và tên", "Chức vụ"],
            [1, "NguyÔn V¨n An", "Chuyªn viªn"],
            [2, "Trần Văn Bình", "Chuyên viên"],
        ],
    )
    with pytest.raises(ImportFileError, match="TCVN3") as exc:
        parse(path)
    assert "'NguyÔn V¨n An' → 'Nguyễn Văn An'" in str(exc.value)
    result = parse(path, convert_legacy=True)
    assert [(r.full_name, r.position_title) for r in result.rows] == [
        ("Nguyễn Văn An", "Chuyên viên"),
        ("Trần Văn Bình", "Chuyên viên"),
    ]
    assert result.issues == ()
    assert [(c.row, c.column) for c in result.conversions] == [(2, "B"), (2, "C")]


def test_legacy_font_with_latin1_letters_is_converted(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "ds.xlsx",
        [["Họ và tên", "Chức vụ"], ["Lª Thu", "Kü s­"], ["Trần Văn Bình", "Kỹ sư"]],
        fonts={"A2": ".VnTime", "B2": ".VnTime", "A3": ".VnTime"},
    )
    result = parse(path, convert_legacy=True)
    # Row 3 is real Unicode that kept an old font: left as it is.
    assert [(c.row, c.column) for c in result.conversions] == [(2, "A"), (2, "B")]
    assert [(r.full_name, r.position_title) for r in result.rows] == [
        ("Lê Thu", "Kỹ sư"),
        ("Trần Văn Bình", "Kỹ sư"),
    ]


def test_digits_in_a_name(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "ds.xlsx", [["Họ và tên", "Chức vụ"], ["Nguyễn Văn 2", "CV"], [12345, "CV"]]
    )
    result = parse(path)
    assert issue_list(result) == [
        (2, "A", "Họ tên có chữ số: 'Nguyễn Văn 2'"),
        (3, "A", "Họ tên không hợp lệ: '12345'"),
    ]


def test_surnames_that_look_like_unit_words_are_not_sections(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "ds.xlsx",
        [
            ["STT", "Họ và tên", "Chức vụ"],
            [None, "Tổ Kế toán"],
            [1, "Tô Văn Lâm"],
            [2, "Đới Thị Hạnh"],
            [3, "To Van Lam"],
            [None, "Phong Hanh chinh"],
            [4, "Hà Văn Đội"],
        ],
    )
    result = parse(path)
    assert [(r.full_name, r.section) for r in result.rows] == [
        ("Tô Văn Lâm", "Tổ Kế toán"),
        ("Đới Thị Hạnh", "Tổ Kế toán"),
        ("To Van Lam", "Tổ Kế toán"),
        ("Hà Văn Đội", "Phong Hanh chinh"),
    ]


def test_repeated_header_rows_are_skipped(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "ds.xlsx",
        [
            ["STT", "Họ và tên", "Chức vụ"],
            [1, "Nguyễn Văn An", "Chuyên viên"],
            ["STT", "Họ và tên", "Chức vụ"],
            [2, "Trần Văn Bình", "Chuyên viên"],
        ],
    )
    result = parse(path)
    assert [r.full_name for r in result.rows] == ["Nguyễn Văn An", "Trần Văn Bình"]
    assert result.skipped == (SkippedRow(3, "Dòng tiêu đề cột lặp lại"),)


def test_lone_value_right_of_the_name_is_a_data_row(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "ds.xlsx",
        [["STT", "Họ và tên", "Chức vụ"], [None, None, "Chuyên viên"], [2, "Trần Văn Bình", "CV"]],
    )
    result = parse(path)
    assert [(r.row, r.full_name, r.position_title) for r in result.rows] == [
        (2, "", "Chuyên viên"),
        (3, "Trần Văn Bình", "CV"),
    ]
    assert [(i.row, i.column, i.message) for i in result.issues] == [(2, "B", "Thiếu họ và tên")]


def test_a_stray_value_far_away_does_not_blow_up_the_grid(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "ds.xlsx",
        [["Họ và tên", "Chức vụ"], ["Nguyễn Văn An", "Chuyên viên"]],
    )
    from openpyxl import load_workbook

    wb = load_workbook(path)
    wb.active["XFD1048576"] = "?"  # type: ignore[index]
    wb.save(path)
    result = parse(path)
    assert [r.full_name for r in result.rows] == ["Nguyễn Văn An"]
    assert result.skipped == ()  # trailing rows without data are not reported


def test_long_runs_of_blank_rows_are_reported_once(tmp_path: Path) -> None:
    rows: list[list[object]] = [["Họ và tên"], ["Nguyễn Văn An"]]
    rows += [[]] * 30
    rows.append(["Trần Văn Bình"])
    result = parse(write_xlsx(tmp_path / "ds.xlsx", rows))
    assert [r.row for r in result.rows] == [2, 33]
    assert result.skipped == (SkippedRow(3, "Dòng trống (đến dòng 32)"),)
