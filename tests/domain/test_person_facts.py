"""Years in the sector and how a hold ended: the checks of the person record, in Vietnamese."""

from __future__ import annotations

from datetime import date

from app.domain.person_facts import (
    DisciplineFacts,
    SectorFacts,
    discipline_problems,
    sector_problems,
)

TODAY = date(2026, 1, 15)
HOLDS = {"XEM_XET_KY_LUAT", "DIEU_TRA"}
PENALTIES = {"KHIEN_TRACH", "CANH_CAO"}


def problems(**kw):
    base = {"kind": "DIEU_TRA", "start_date": date(2025, 5, 1)}
    return discipline_problems(DisciplineFacts(**(base | kw)), holds=HOLDS, penalties=PENALTIES)


def test_sector_facts_checked() -> None:
    assert sector_problems(SectorFacts(), TODAY) == []
    good = SectorFacts(date(2005, 8, 1), 6, 3, None)
    assert sector_problems(good, TODAY, date(1980, 1, 1)) == []
    assert sector_problems(SectorFacts(date(2026, 1, 16)), TODAY) == ["Ngày vào ngành ở tương lai"]
    assert sector_problems(SectorFacts(date(2026, 1, 15)), TODAY) == []
    assert sector_problems(SectorFacts(date(1980, 1, 1)), TODAY, date(1980, 1, 1)) == [
        "Ngày vào ngành trước ngày sinh"
    ]
    assert sector_problems(SectorFacts(break_months=-1), TODAY) == [
        "Thời gian gián đoạn phải từ 0 đến 600 tháng"
    ]
    assert sector_problems(SectorFacts(remote_area_years=61), TODAY) == [
        "Số năm công tác ở miền núi, hải đảo phải từ 0 đến 60 năm"
    ]
    assert sector_problems(SectorFacts(date(2005, 1, 1), death_date=date(2004, 12, 31)), TODAY) == [
        "Ngày mất trước ngày vào ngành"
    ]
    assert sector_problems(SectorFacts(death_date=date(2026, 1, 16)), TODAY) == [
        "Ngày mất ở tương lai"
    ]


def test_open_hold_and_plain_penalty_are_fine() -> None:
    assert problems() == []
    assert problems(kind="KHIEN_TRACH", end_date=date(2025, 11, 1)) == []
    assert problems(kind="") == ["Chưa chọn hình thức kỷ luật"]
    assert problems(start_date=None) == ["Chưa nhập ngày bắt đầu"]


def test_conclusion_needs_its_date_and_a_hold() -> None:
    assert problems(outcome="KHONG_VI_PHAM") == ["Chưa nhập ngày kết luận"]
    assert problems(outcome="KHONG_VI_PHAM", concluded_on=date(2025, 5, 1)) == []
    assert problems(outcome="KHONG_VI_PHAM", concluded_on=date(2025, 4, 30)) == [
        "Ngày kết luận trước ngày bắt đầu"
    ]
    assert problems(kind="CANH_CAO", outcome="KHONG_VI_PHAM", concluded_on=date(2025, 6, 1)) == [
        "Chỉ trường hợp đang xem xét, điều tra, thanh tra, kiểm tra mới có kết luận"
    ]
    assert problems(outcome="KHAC", concluded_on=date(2025, 6, 1)) == [
        "Kết luận 'KHAC' không hợp lệ"
    ]


def test_a_violation_names_its_penalty() -> None:
    on = date(2025, 9, 1)
    assert problems(outcome="CO_VI_PHAM", concluded_on=on) == [
        "Kết luận có vi phạm: chưa chọn hình thức kỷ luật đã áp dụng"
    ]
    assert problems(outcome="CO_VI_PHAM", concluded_on=on, penalty_kind="DIEU_TRA") == [
        "Hình thức kỷ luật 'DIEU_TRA' không phải là kỷ luật"
    ]
    ok = {"outcome": "CO_VI_PHAM", "concluded_on": on, "penalty_kind": "KHIEN_TRACH"}
    assert problems(**ok) == []
    assert problems(**ok, penalty_end=date(2025, 8, 31)) == [
        "Ngày hết thời hạn kỷ luật trước ngày bắt đầu kỷ luật"
    ]
    assert problems(**ok, penalty_end=date(2025, 9, 1)) == []
