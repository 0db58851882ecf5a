"""parse_grades: grades in words and abbreviations, months worked, missing columns."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from xlsx_factory import write_xlsx

from app.excel.people_import import GradeRow, match_grade, parse_grades
from app.services.reference import codes

TODAY = date(2026, 3, 1)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("HTXSNV", "HTXSNV"),
        ("htxsnv", "HTXSNV"),
        ("HTXS", "HTXSNV"),
        ("HTXS NV", "HTXSNV"),
        ("Hoàn thành xuất sắc nhiệm vụ", "HTXSNV"),
        ("hoan thanh xuat sac nhiem vu", "HTXSNV"),
        ("Xuất sắc", "HTXSNV"),
        ("Hoàn thành xuất sắc nhiệm vụ (Đảng viên)", "HTXSNV"),
        ("HTTNV", "HTTNV"),
        ("Hoàn thành tốt nhiệm vụ", "HTTNV"),
        ("HOÀN THÀNH TỐT NHIỆM VỤ", "HTTNV"),
        ("Hoàn thành tốt", "HTTNV"),
        ("HTNV", "HTNV"),
        ("Hoàn thành nhiệm vụ", "HTNV"),
        ("HT", "HTNV"),
        ("Không hoàn thành nhiệm vụ", "KHTNV"),
        ("không hoàn thành", "KHTNV"),
        ("KHTNV", "KHTNV"),
        ("Không xếp loại", "KXL"),
        ("Chưa xếp loại", "KXL"),
        ("Giỏi", None),
        ("Tốt", None),
        ("", None),
    ],
)
def test_match_grade(text: str, code: str | None) -> None:
    assert match_grade(text, codes()) == code


def test_grades_in_words_and_abbreviations(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "xl.xlsx",
        [
            ["KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG NĂM 2025"],
            [],
            [
                "STT",
                "Họ và tên",
                "Năm sinh",
                "Đơn vị",
                "Kết quả xếp loại",
                "Số tháng công tác",
                "Ghi chú",
            ],
            [1, "Nguyễn Văn An", 1980, "Văn phòng", "HTXSNV", 12, None],
            [2, "Trần Thị Bình", 1985, "Văn phòng", "Hoàn thành xuất sắc nhiệm vụ", "12", None],
            [3, "Lê Văn Cường", 1975, "Văn phòng", "HTXS", 12.0, None],
            [4, "Phạm Thị Dung", 1990, "Văn phòng", "Hoàn thành tốt nhiệm vụ", "11 tháng", None],
            [5, "Hoàng Văn Em", 1992, "Văn phòng", "Không hoàn thành nhiệm vụ", 12, "Bị kỷ luật"],
            [6, "Vũ Thị Giang", 1994, "Văn phòng", "HT", 5, "Nghỉ thai sản"],
        ],
    )
    result = parse_grades(path, codes(), year=2025, today=TODAY)
    assert result.header_rows == (3,)
    assert result.column_map["grade"].letter == "E"
    assert result.column_map["months"].letter == "F"
    assert result.issues == ()
    assert [(r.full_name, r.grade, r.months_worked) for r in result.rows] == [
        ("Nguyễn Văn An", "HTXSNV", 12),
        ("Trần Thị Bình", "HTXSNV", 12),
        ("Lê Văn Cường", "HTXSNV", 12),
        ("Phạm Thị Dung", "HTTNV", 11),
        ("Hoàng Văn Em", "KHTNV", 12),
        ("Vũ Thị Giang", "HTNV", 5),
    ]
    first = result.rows[0]
    assert first == GradeRow(
        row=4,
        full_name="Nguyễn Văn An",
        ho_dem="Nguyễn Văn",
        ten="An",
        birth_year=1980,
        unit_text="Văn phòng",
        year=2025,
        grade="HTXSNV",
        grade_text="HTXSNV",
        months_worked=12,
    )
    assert result.rows[4].note == "Bị kỷ luật"


@pytest.mark.parametrize(
    "header", ["Xếp loại", "Kết quả đánh giá", "Mức xếp loại", "Kết quả xếp loại", "XEP LOAI"]
)
def test_grade_header_synonyms(tmp_path: Path, header: str) -> None:
    path = write_xlsx(tmp_path / "xl.xlsx", [["Họ và tên", header], ["Nguyễn Văn An", "HTTNV"]])
    result = parse_grades(path, codes(), year=2025)
    assert result.column_map["grade"].header == header
    assert result.rows[0].grade == "HTTNV"


def test_unknown_grade_and_bad_months(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "xl.xlsx",
        [
            ["Họ và tên", "Xếp loại", "Số tháng công tác"],
            ["Nguyễn Văn An", "Giỏi", 12],
            ["Trần Văn Bình", "HTTNV", 13],
            ["Lê Văn Cường", None, "mười hai"],
            ["Phạm Văn Dũng", "HTNV", 6.5],
        ],
    )
    result = parse_grades(path, codes(), year=2025)
    assert [(i.row, i.column, i.field, i.message) for i in result.issues] == [
        (
            2,
            "B",
            "grade",
            "Không nhận ra xếp loại: 'Giỏi' (ghi HTXSNV, HTTNV, HTNV, KHTNV hoặc tên đầy đủ "
            "như 'Hoàn thành tốt nhiệm vụ')",
        ),
        (3, "C", "months", "Số tháng công tác phải là số nguyên từ 0 đến 12: '13'"),
        (4, "B", "grade", "Thiếu xếp loại"),
        (4, "C", "months", "Số tháng công tác phải là số nguyên từ 0 đến 12: 'mười hai'"),
        (5, "C", "months", "Số tháng công tác phải là số nguyên từ 0 đến 12: '6.5'"),
    ]
    assert [r.grade for r in result.rows] == [None, "HTTNV", None, "HTNV"]
    assert result.rows[0].grade_text == "Giỏi"
    assert result.valid_rows == ()


def test_missing_grade_column_is_not_confident(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "xl.xlsx",
        [["Họ và tên", "Ghi chú", "Đánh giá cuối năm"], ["Nguyễn Văn An", None, "HTTNV"]],
    )
    result = parse_grades(path, codes(), year=2025)
    assert not result.confident
    assert result.warnings == ("Không tìm thấy cột 'Xếp loại'",)
    assert [(i.row, i.column, i.header, i.message) for i in result.issues] == [
        (2, "", "Xếp loại", "Thiếu xếp loại")
    ]
    fixed = parse_grades(path, codes(), year=2025, mapping={"grade": "C"})
    assert fixed.confident
    assert fixed.issues == ()
    assert fixed.rows[0].grade == "HTTNV"
    assert fixed.column_map["grade"].header == "Đánh giá cuối năm"


def test_duplicate_person_in_a_grade_list(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "xl.xlsx",
        [
            ["Họ và tên", "Ngày sinh", "Xếp loại"],
            ["Nguyễn Văn An", "01/01/1980", "HTTNV"],
            ["Nguyễn Văn An", "01/01/1980", "HTXSNV"],
        ],
    )
    result = parse_grades(path, codes(), year=2025)
    assert [(i.row, i.column, i.message) for i in result.issues] == [
        (3, "A", "Trùng với dòng 2 (cùng họ tên và ngày sinh)")
    ]


def test_year_is_checked() -> None:
    with pytest.raises(ValueError, match="Năm xếp loại không hợp lệ: 25"):
        parse_grades(Path("khong-quan-trong.xlsx"), codes(), year=25)
