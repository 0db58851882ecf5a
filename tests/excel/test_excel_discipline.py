"""parse_discipline: kinds, dates, two-row "Thời gian" header, duplicates."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from xlsx_factory import write_xlsx

from app.excel.people_import import DisciplineRow, match_discipline_kind, parse_discipline
from app.services.reference import codes


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Khiển trách", "KHIEN_TRACH"),
        ("khien trach", "KHIEN_TRACH"),
        ("Kỷ luật khiển trách", "KHIEN_TRACH"),
        ("Cảnh cáo", "CANH_CAO"),
        ("CẢNH CÁO", "CANH_CAO"),
        ("Hạ bậc lương", "HA_BAC_LUONG"),
        ("Giáng chức", "GIANG_CHUC"),
        ("Cách chức", "CACH_CHUC"),
        ("Buộc thôi việc", "BUOC_THOI_VIEC"),
        ("Đang xem xét kỷ luật", "XEM_XET_KY_LUAT"),
        ("Đang xem xét xử lý kỷ luật", "XEM_XET_KY_LUAT"),
        ("Đang bị điều tra", "DIEU_TRA"),
        ("Khai trừ", None),
        ("", None),
    ],
)
def test_match_discipline_kind(text: str, code: str | None) -> None:
    assert match_discipline_kind(text, codes()) == code


def test_discipline_list(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "kl.xlsx",
        [
            ["DANH SÁCH CÁN BỘ BỊ KỶ LUẬT"],
            ["STT", "Họ và tên", "Đơn vị", "Hình thức kỷ luật", "Số quyết định", "Thời gian", None],
            [None, None, None, None, None, "Từ ngày", "Đến ngày"],
            [
                1,
                "Nguyễn Văn An",
                "Văn phòng",
                "Khiển trách",
                "12/QĐ-SNN",
                "01/03/2025",
                "28/02/2026",
            ],
            [2, "Trần Văn Bình", "Phòng Pháp chế", "Cảnh cáo", 45, date(2025, 6, 5), None],
            [
                3,
                "Lê Văn Cường",
                "Chi cục Thủy lợi",
                "Đang xem xét kỷ luật",
                None,
                "05/01/2026",
                None,
            ],
        ],
        merges=["A1:G1", "A2:A3", "B2:B3", "C2:C3", "D2:D3", "E2:E3", "F2:G2"],
    )
    result = parse_discipline(path, codes())
    assert result.header_rows == (2, 3)
    assert {k: v.letter for k, v in result.column_map.items()} == {
        "full_name": "B",
        "unit": "C",
        "kind": "D",
        "decision_number": "E",
        "start_date": "F",
        "end_date": "G",
    }
    assert result.column_map["start_date"].header == "Từ ngày"
    assert result.confident
    assert result.issues == ()
    assert result.rows[0] == DisciplineRow(
        row=4,
        full_name="Nguyễn Văn An",
        ho_dem="Nguyễn Văn",
        ten="An",
        unit_text="Văn phòng",
        kind="KHIEN_TRACH",
        kind_text="Khiển trách",
        start_date=date(2025, 3, 1),
        end_date=date(2026, 2, 28),
        decision_number="12/QĐ-SNN",
    )
    assert [(r.kind, r.start_date, r.end_date, r.decision_number) for r in result.rows[1:]] == [
        ("CANH_CAO", date(2025, 6, 5), None, "45"),
        ("XEM_XET_KY_LUAT", date(2026, 1, 5), None, ""),
    ]


def test_discipline_errors(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "kl.xlsx",
        [
            ["Họ và tên", "Hình thức kỷ luật", "Từ ngày", "Đến ngày", "Ngày quyết định"],
            ["Nguyễn Văn An", "Cảnh cáo", "05/06/2025", "01/01/2025", None],
            ["Trần Văn Bình", "Khai trừ", None, None, "30/02/2025"],
            ["Lê Văn Cường", None, 2025, None, None],
        ],
    )
    result = parse_discipline(path, codes())
    assert [(i.row, i.column, i.field, i.message) for i in result.issues] == [
        (2, "D", "end_date", "Ngày kết thúc 01/01/2025 trước ngày bắt đầu 05/06/2025"),
        (
            3,
            "B",
            "kind",
            "Không nhận ra hình thức kỷ luật: 'Khai trừ' (dùng: Khiển trách, Cảnh cáo, "
            "Hạ bậc lương, Giáng chức, Cách chức, Buộc thôi việc...)",
        ),
        (3, "C", "start_date", "Thiếu ngày bắt đầu (Từ ngày)"),
        (3, "E", "decision_date", "Ngày không hợp lệ: 30/02/2025"),
        (4, "B", "kind", "Thiếu hình thức kỷ luật"),
        (4, "C", "start_date", "Chỉ có năm 2025, cần ngày đầy đủ dạng dd/mm/yyyy"),
    ]
    assert result.valid_rows == ()
    assert result.rows[0].end_date == date(2025, 1, 1)


def test_same_person_twice_is_a_duplicate_only_for_the_same_record(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "kl.xlsx",
        [
            ["Họ và tên", "Mã cán bộ", "Hình thức kỷ luật", "Từ ngày"],
            ["Nguyễn Văn An", "CB01", "Khiển trách", "01/03/2023"],
            ["Nguyễn Văn An", "CB01", "Cảnh cáo", "01/03/2025"],
            ["Nguyễn Văn An", "CB01", "Cảnh cáo", "01/03/2025"],
        ],
    )
    result = parse_discipline(path, codes())
    assert [(i.row, i.column, i.message) for i in result.issues] == [
        (4, "B", "Trùng với dòng 3 (cùng mã cán bộ)")
    ]


def test_missing_required_columns(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "kl.xlsx", [["Họ và tên", "Ghi chú"], ["Nguyễn Văn An", "?"]])
    result = parse_discipline(path, codes())
    assert not result.confident
    assert result.warnings == (
        "Không tìm thấy cột 'Hình thức kỷ luật'",
        "Không tìm thấy cột 'Từ ngày'",
    )
    assert [(i.column, i.header, i.message) for i in result.issues] == [
        ("", "Hình thức kỷ luật", "Thiếu hình thức kỷ luật"),
        ("", "Từ ngày", "Thiếu ngày bắt đầu (Từ ngày)"),
    ]
