"""Cells of years in the sector and of a hold's conclusion, as clerks write them."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from app.excel.hold_cells import match_conclusion
from app.excel.sector_cells import months_of, sector_start, start_from_service, whole_years
from app.services.reference import codes

TODAY = date(2026, 1, 15)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("01/08/2005", date(2005, 8, 1)),
        (datetime(2005, 8, 1, 0, 0), date(2005, 8, 1)),
        ("08/2005", date(2005, 8, 1)),
        ("tháng 8/2005", date(2005, 8, 1)),
        ("Từ 01/08/2005", date(2005, 8, 1)),
        ("2005", date(2005, 1, 1)),
        (2005, date(2005, 1, 1)),
        ("năm 2005", date(2005, 1, 1)),
        ("", None),
        (None, None),
    ],
)
def test_day_joined(value, expected) -> None:
    assert sector_start(value) == expected


@pytest.mark.parametrize("value", ["13/2005", "khoảng 2005", "05/2005/1"])
def test_day_joined_unreadable(value) -> None:
    with pytest.raises(ValueError, match="ngày vào ngành|Tháng không hợp lệ"):
        sector_start(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("25 năm", date(2001, 1, 15)),
        (25, date(2001, 1, 15)),
        ("20 năm 6 tháng", date(2005, 7, 15)),
        ("20,5", date(2005, 7, 15)),
        ("03/2005 - nay", date(2005, 3, 1)),
        ("2005 đến nay", date(2005, 1, 1)),
        ("1/3/2005-nay", date(2005, 3, 1)),
        ("01/03/2005 – 31/12/2025", date(2005, 3, 1)),
        ("01/03/2005", date(2005, 3, 1)),
    ],
)
def test_time_in_the_sector(value, expected) -> None:
    assert start_from_service(value, TODAY) == expected


def test_time_in_the_sector_unreadable() -> None:
    with pytest.raises(ValueError, match="Không đọc được thời gian công tác trong ngành"):
        start_from_service("lâu rồi", TODAY)


@pytest.mark.parametrize(
    ("value", "months"),
    [("6", 6), (6, 6), ("6 tháng", 6), ("1 năm", 12), ("1 năm 2 tháng", 14), ("1,5 năm", 18)],
)
def test_interruptions_in_months(value, months) -> None:
    assert months_of(value, "Thời gian gián đoạn") == months


@pytest.mark.parametrize("value", ["6,5", "nửa năm", -1])
def test_interruptions_unreadable(value) -> None:
    with pytest.raises(ValueError, match="[Tt]hời gian gián đoạn"):
        months_of(value, "Thời gian gián đoạn")


@pytest.mark.parametrize(
    ("value", "years"), [("3", 3), (3, 3), (3.5, 3), ("3 năm", 3), ("3 năm 6 tháng", 3)]
)
def test_remote_years(value, years) -> None:
    assert whole_years(value, "Số năm") == years


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Không vi phạm", ("KHONG_VI_PHAM", None)),
        ("Kết luận không có vi phạm", ("KHONG_VI_PHAM", None)),
        ("Có vi phạm", ("CO_VI_PHAM", None)),
        ("Có vi phạm - Khiển trách", ("CO_VI_PHAM", "KHIEN_TRACH")),
        ("Kỷ luật cảnh cáo", ("CO_VI_PHAM", "CANH_CAO")),
        ("Cảnh cáo", ("CO_VI_PHAM", "CANH_CAO")),
        ("Chưa kết luận", (None, None)),
        ("Đang xem xét", (None, None)),
        ("Đề nghị làm rõ", None),
    ],
)
def test_conclusions(text, expected) -> None:
    assert match_conclusion(text, codes()) == expected
