"""Campaign status by date (documented rule in app.domain.campaigns), input checks, unit states."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.campaigns import (
    REGULAR,
    THEMATIC,
    CampaignInput,
    CampaignStatus,
    PlannedAward,
    UnitStatus,
    campaign_status,
    check_transition,
    registration_opens,
    review_end,
    validate_campaign_input,
)
from app.services.reference import catalogue

S = CampaignStatus
START, END, DEADLINE = date(2026, 1, 1), date(2026, 12, 31), date(2026, 1, 31)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2025, 12, 31), S.CHUA_BAT_DAU),
        (date(2026, 1, 1), S.DANG_NHAN_DANG_KY),  # first day
        (date(2026, 1, 31), S.DANG_NHAN_DANG_KY),  # deadline day included
        (date(2026, 2, 1), S.DANG_THUC_HIEN),
        (date(2026, 12, 31), S.DANG_THUC_HIEN),  # end day included
        (date(2027, 1, 1), S.DANG_BINH_XET),
        (date(2027, 1, 31), S.DANG_BINH_XET),  # default review end: 31/01 of the next year
        (date(2027, 2, 1), S.DA_KET_THUC),
    ],
)
def test_status_follows_the_dates(today, expected) -> None:
    assert campaign_status(START, END, DEADLINE, today) == expected


def test_registration_opens_at_the_launch_when_it_precedes_the_start() -> None:
    launch = date(2025, 12, 20)
    assert registration_opens(START, launch) == launch
    assert campaign_status(START, END, DEADLINE, date(2025, 12, 19), launch_date=launch) == (
        S.CHUA_BAT_DAU
    )
    assert campaign_status(START, END, DEADLINE, date(2025, 12, 20), launch_date=launch) == (
        S.DANG_NHAN_DANG_KY
    )


def test_no_deadline_means_no_registration_phase() -> None:
    assert campaign_status(START, END, None, date(2026, 1, 5)) == S.DANG_THUC_HIEN


def test_explicit_review_end_and_closed_flag() -> None:
    until = date(2027, 3, 15)
    assert review_end(END) == date(2027, 1, 31)
    assert review_end(END, until) == until
    assert campaign_status(START, END, None, date(2027, 3, 15), review_until=until) == (
        S.DANG_BINH_XET
    )
    assert campaign_status(START, END, None, date(2027, 3, 16), review_until=until) == (
        S.DA_KET_THUC
    )
    assert campaign_status(START, END, DEADLINE, date(2026, 1, 10), closed=True) == S.DA_KET_THUC


def test_open_ended_campaign_runs_on() -> None:
    assert campaign_status(START, None, None, date(2030, 6, 1)) == S.DANG_THUC_HIEN


def test_status_labels_are_vietnamese() -> None:
    assert [s.label for s in S] == [
        "Chưa bắt đầu",
        "Đang nhận đăng ký",
        "Đang thực hiện",
        "Đang bình xét",
        "Đã kết thúc",
    ]


def _input(**kw) -> CampaignInput:
    values = {
        "name": "Thi đua chuyển đổi số",
        "kind": THEMATIC,
        "scope": "CO_QUAN_DON_VI",
        "start_date": date(2026, 3, 1),
        "end_date": date(2026, 11, 30),
    }
    values.update(kw)
    return CampaignInput(**values)


def test_valid_input_and_default_year() -> None:
    data = _input(registration_deadline=date(2026, 3, 31))
    assert validate_campaign_input(data, catalogue()) == []
    assert data.normalised().year == 2026


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        ({"name": "  "}, "Chưa nhập tên phong trào"),
        ({"kind": "PT_KHAC"}, "Hình thức phong trào"),
        ({"scope": "THE_GIOI"}, "Phạm vi phong trào"),
        ({"launch_level": "CAP_XA"}, "Cấp phát động"),
        ({"end_date": date(2026, 2, 1)}, "Ngày kết thúc 01/02/2026 trước ngày bắt đầu"),
        ({"registration_deadline": date(2026, 2, 1)}, "Hạn đăng ký 01/02/2026 trước ngày"),
        ({"registration_deadline": date(2026, 12, 1)}, "sau ngày kết thúc"),
        ({"review_until": date(2026, 11, 1)}, "Hạn bình xét phải từ ngày kết thúc"),
        ({"for_collectives": False, "for_individuals": False}, "ít nhất một đối tượng"),
        ({"awards": (PlannedAward("GK_SO", 0),)}, "phải từ 1 trở lên"),
        ({"awards": (PlannedAward("XYZ", 2),)}, "Không có danh hiệu/hình thức 'XYZ'"),
        ({"awards": (PlannedAward("GK_HUYEN", 2),)}, "chỉ còn trong dữ liệu lịch sử"),
        ({"awards": (PlannedAward("LDTT", 2, "TAP_THE"),)}, "không dùng cho đối tượng TAP_THE"),
        ({"awards": (PlannedAward("GK_SO", 2), PlannedAward("gk_so", 1))}, "lặp lại"),
    ],
)
def test_invalid_input(kw, message) -> None:
    problems = validate_campaign_input(_input(**kw), catalogue())
    assert any(message in p for p in problems), problems


def test_regular_kind_is_a_code() -> None:
    assert validate_campaign_input(_input(kind=REGULAR.lower()), catalogue()) == []


@pytest.mark.parametrize(
    ("old", "new", "reason", "ok"),
    [
        ("CHUA_GUI", "DA_NOP", None, True),
        ("CHUA_GUI", "DA_DUYET", None, False),
        ("DA_NOP", "TRA_LAI", "Thiếu 2 người", True),
        ("DA_NOP", "TRA_LAI", "  ", False),
        ("DA_NOP", "DA_DUYET", None, True),
        ("DA_NOP", "CHUA_GUI", None, True),
        ("TRA_LAI", "DA_NOP", None, True),
        ("TRA_LAI", "DA_DUYET", None, False),
        ("DA_DUYET", "TRA_LAI", "Sai danh hiệu", True),
        ("DA_DUYET", "DA_NOP", None, False),
        ("DA_NOP", "DA_NOP", None, False),
        ("DA_NOP", "BI_HUY", None, False),
    ],
)
def test_unit_status_transitions(old, new, reason, ok) -> None:
    assert (check_transition(old, new, reason) == []) is ok


def test_return_without_reason_is_explained() -> None:
    assert check_transition("DA_NOP", "TRA_LAI") == ["Trả lại bổ sung cần ghi lý do"]
    assert UnitStatus.TRA_LAI.label == "Trả lại bổ sung"
