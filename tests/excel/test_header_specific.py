"""Numbering rows under headers are skipped, and a column header maps to a field only when it
names that field (issue 11, point 6 and "Đối tượng ưu tiên (mã 1-6)")."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from xlsx_factory import write_xlsx

from app.excel.history_import import parse_awards
from app.excel.people_import import parse_discipline, parse_grades, parse_staff
from app.excel.table import SkippedRow
from app.services.reference import catalogue, codes

TODAY = date(2026, 3, 1)
PERSON = [1, "Nguyễn Văn An", "15/03/1980", None, "Trưởng phòng", "Văn phòng"]
TWO_ROW_HEADER = [
    ["STT", "Họ và tên", "Ngày, tháng, năm sinh", None, "Chức vụ", "Đơn vị"],
    [None, None, "Nam", "Nữ", None, None],
]
TWO_ROW_MERGES = ["A1:A2", "B1:B2", "C1:D1", "E1:E2", "F1:F2"]


# ---------------------------------------------------------------------------
# Numbering rows
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "numbering",
    [
        ["A", "B", "C", "D", "E", "F"],
        ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"],
        [1, 2, 3, None, 5, 6],  # one cell left empty
        ["A", "B", 1, 2, 3, 4],
        ["Cột 1", "Cột 2", "Cột 3", "Cột 4", "Cột 5", "Cột 6"],
        ["1", "2", "3", "4", "5", "6=4+5"],
        [None, 1, 2, 3, 4, 5],  # the STT column not numbered
    ],
    ids=["letters", "parenthesised", "gap", "letters-then-numbers", "cot", "computed", "no-stt"],
)
def test_numbering_row_under_a_two_row_header_is_skipped(
    tmp_path: Path, numbering: list[object]
) -> None:
    path = write_xlsx(
        tmp_path / "ds.xlsx", [*TWO_ROW_HEADER, numbering, PERSON], merges=TWO_ROW_MERGES
    )
    result = parse_staff(path, codes(), today=TODAY)
    assert result.header_rows == (1, 2)
    assert [(r.row, r.full_name) for r in result.rows] == [(4, "Nguyễn Văn An")]
    assert result.skipped == (SkippedRow(3, "Dòng đánh số cột"),)
    assert result.issues == ()


def test_two_numbers_right_below_the_header_are_numbering(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "ds.xlsx",
        [
            ["STT", "Họ và tên", "Ngày sinh", "Chức vụ", "Đơn vị"],
            [1, 2],
            [1, "Nguyễn Văn An", "15/03/1980", "Trưởng phòng", "Văn phòng"],
        ],
    )
    result = parse_staff(path, codes(), today=TODAY)
    assert [r.row for r in result.rows] == [3]
    assert result.skipped == (SkippedRow(2, "Dòng đánh số cột"),)


def test_a_row_of_numbers_that_do_not_number_the_columns_is_data(tmp_path: Path) -> None:
    # STT 7 and 12 months: not a numbering row (7 cannot number column A).
    path = write_xlsx(
        tmp_path / "xl.xlsx",
        [
            ["STT", "Họ và tên", "Số tháng công tác", "Xếp loại"],
            [1, "Nguyễn Văn An", 12, "HTTNV"],
            [7, None, 12, None],
        ],
    )
    result = parse_grades(path, codes(), year=2025, today=TODAY)
    assert [r.row for r in result.rows] == [2, 3]
    assert any(i.row == 3 and i.message == "Thiếu họ và tên" for i in result.issues)


# ---------------------------------------------------------------------------
# Specific header matches
# ---------------------------------------------------------------------------


def _columns(result: object) -> dict[str, str]:
    return {name: ref.header for name, ref in result.column_map.items()}  # type: ignore[attr-defined]


def test_priority_group_column_is_not_the_subject_category(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "ds.xlsx",
        [
            ["STT", "Họ và tên", "Ngày sinh", "Đối tượng ưu tiên (mã 1-6)"],
            [1, "Nguyễn Văn An", "15/03/1980", 3],
        ],
    )
    result = parse_staff(path, codes(), today=TODAY)
    assert "subject_category" not in result.column_map
    assert result.issues == ()


def test_award_kind_column_is_not_a_category_nor_a_discipline_kind(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "ds.xlsx",
        [
            ["STT", "Họ và tên", "Phân loại khen thưởng", "Hình thức khen thưởng", "Từ ngày"],
            [1, "Nguyễn Văn An", "Khen thưởng cá nhân", "Giấy khen", "01/01/2025"],
        ],
    )
    staff = parse_staff(path, codes(), today=TODAY)
    assert "subject_category" not in staff.column_map
    discipline = parse_discipline(path, codes(), today=TODAY)
    assert "kind" not in discipline.column_map


def test_years_of_service_are_not_the_award_year(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "kt.xlsx",
        [
            ["STT", "Họ và tên", "Thời gian công tác", "Danh hiệu", "Ngày QĐ"],
            [1, "Nguyễn Văn An", "15 năm", "LĐTT", "10/01/2025"],
        ],
    )
    result = parse_awards(path, catalogue(), codes())
    assert "year" not in result.columns
    assert [(r.name, r.year) for r in result.rows] == [("Nguyễn Văn An", 2025)]


@pytest.mark.parametrize(
    ("header", "field", "parser"),
    [
        ("Xếp loại năm 2024", "grade", "grades"),
        ("Đơn vị (phòng, ban)", "unit", "staff"),
        ("Tên đơn vị", "unit", "staff"),
        ("Phân loại đối tượng", "subject_category", "staff"),
        ("Đối tượng", "subject_category", "staff"),
        ("Chức vụ/Chức danh", "position", "staff"),
    ],
)
def test_headers_that_still_match(tmp_path: Path, header: str, field: str, parser: str) -> None:
    path = write_xlsx(
        tmp_path / "ds.xlsx",
        [["STT", "Họ và tên", header], [1, "Nguyễn Văn An", None]],
    )
    if parser == "grades":
        result = parse_grades(path, codes(), year=2024, today=TODAY)
        assert _columns(result)[field] == header
    else:
        assert _columns(parse_staff(path, codes(), today=TODAY))[field] == header
