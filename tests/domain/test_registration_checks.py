"""Light checks on sign-ups: each flag, its boundaries and its Vietnamese explanation."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.codes import SubjectKind
from app.domain.registration_checks import (
    AwardFact,
    PenaltyFact,
    PersonHistory,
    RegistrationRules,
    UnitHistory,
    check_person_registration,
    check_subject,
    check_unit_registration,
)
from app.services.reference import catalogue

Y = 2026


def item(code: str):
    return catalogue().get(code)


def cst(*years: int, **kw) -> tuple[AwardFact, ...]:
    return tuple(AwardFact("CSTDCS", y, **kw) for y in years)


def codes_of(flags) -> list[str]:
    return [f.code for f in flags]


def test_clean_history_gives_no_flag() -> None:
    assert check_person_registration(item("LDTT"), Y, PersonHistory()) == []


# ------------------------------------------------------------------ CSTĐ cấp tỉnh / bộ


def test_cstd_tinh_message_names_the_years_and_the_article() -> None:
    flags = check_person_registration(item("CSTD_TINH"), Y, PersonHistory(awards=cst(2024)))
    assert [f.message for f in flags] == [
        "Chưa đủ 03 lần liên tục CSTĐCS (có: 2024) - Luật TĐKT 2022, Điều 22"
    ]


@pytest.mark.parametrize(
    ("years", "flagged"),
    [
        ((2024, 2025), False),  # with 2026 itself: 3 in a row
        ((2023, 2024, 2025), False),
        ((2025,), True),
        ((2023, 2024), True),  # the run must reach the year before the sign-up
        ((2024,), True),
        ((), True),
    ],
)
def test_cstd_tinh_streak_boundaries(years, flagged) -> None:
    flags = check_person_registration(item("CSTD_TINH"), Y, PersonHistory(awards=cst(*years)))
    assert ("CHUOI_CSTDCS" in codes_of(flags)) is flagged


def test_revoked_and_thematic_awards_do_not_count() -> None:
    awards = (*cst(2024), AwardFact("CSTDCS", 2025, revoked=True))
    flags = check_person_registration(item("CSTD_BO"), Y, PersonHistory(awards=awards))
    assert "có: 2024)" in flags[0].message
    awards = (*cst(2024), AwardFact("CSTDCS", 2025, award_type="CHUYEN_DE"))
    assert check_person_registration(item("CSTD_TINH"), Y, PersonHistory(awards=awards))


def test_streak_length_is_a_parameter() -> None:
    rules = RegistrationRules(cstd_streak={"CSTD_TINH": 2, "CSTD_BO": 3})
    history = PersonHistory(awards=cst(2025))
    assert check_person_registration(item("CSTD_TINH"), Y, history, rules) == []
    flags = check_person_registration(item("CSTD_TINH"), Y, history)
    assert flags and "03 lần" in flags[0].message
    not_counting = RegistrationRules(count_registration_year=False)
    flags = check_person_registration(
        item("CSTD_TINH"), Y, PersonHistory(awards=cst(2024, 2025)), not_counting
    )
    assert codes_of(flags) == ["CHUOI_CSTDCS"]


def test_no_year_counts_as_none() -> None:
    flags = check_person_registration(item("CSTD_TINH"), Y, PersonHistory())
    assert "(có: không năm nào)" in flags[0].message


# ------------------------------------------------------------------ CSTĐTQ


@pytest.mark.parametrize(
    ("years", "flagged"),
    [((2023,), False), ((2025,), False), ((2022,), True), ((), True)],
)
def test_cstdtq_needs_a_recent_provincial_title(years, flagged) -> None:
    awards = tuple(AwardFact("CSTD_TINH", y) for y in years)
    flags = check_person_registration(item("CSTDTQ"), Y, PersonHistory(awards=awards))
    assert ("CHUOI_CSTD" in codes_of(flags)) is flagged
    if flagged:
        assert flags[0].message.endswith("Luật TĐKT 2022, Điều 21")


# ------------------------------------------------------------------ Bằng khen


@pytest.mark.parametrize(
    ("history", "flagged"),
    [
        (PersonHistory(awards=cst(2025)), False),
        (PersonHistory(grades={2025: "HTXSNV"}), False),
        (PersonHistory(grades={2025: "HTTNV"}), True),
        (PersonHistory(awards=cst(2024)), True),  # not the year before the sign-up
        (PersonHistory(), True),
    ],
)
def test_bk_tinh_individual(history, flagged) -> None:
    flags = check_person_registration(item("BK_TINH"), Y, history)
    assert ("CHUOI_BK" in codes_of(flags)) is flagged


def test_bk_message() -> None:
    flags = check_person_registration(
        item("BK_TINH"), Y, PersonHistory(grades={2024: "HTXSNV", 2025: "HTTNV"})
    )
    assert flags[0].message.startswith(
        "Chưa đủ 02 lần liên tục CSTĐCS hoặc 02 năm liên tục HTXSNV (có CSTĐCS: không năm nào;"
    )
    assert flags[0].message.endswith("Luật TĐKT 2022, Điều 74")


def test_bk_longer_streaks() -> None:
    rules = RegistrationRules(bk_cstdcs_streak=3, bk_htxsnv_streak=3)
    history = PersonHistory(grades={2024: "HTXSNV", 2025: "HTXSNV"})
    assert check_person_registration(item("BK_TINH"), Y, history, rules) == []
    history = PersonHistory(grades={2023: "HTTNV", 2025: "HTXSNV"}, awards=cst(2024))
    assert codes_of(check_person_registration(item("BK_TINH"), Y, history, rules)) == ["CHUOI_BK"]


@pytest.mark.parametrize(
    ("history", "flagged"),
    [
        (UnitHistory(grades={2025: "HTXSNV"}), False),
        (UnitHistory(awards=(AwardFact("TTLDXS", 2025),)), False),
        (UnitHistory(grades={2025: "HTTNV"}), True),
    ],
)
def test_bk_tinh_collective(history, flagged) -> None:
    flags = check_unit_registration(item("BK_TINH"), Y, history)
    assert ("CHUOI_BK" in codes_of(flags)) is flagged


# ------------------------------------------------------------------ penalties and holds


def pen(kind: str, name: str, start: date, end: date | None = None) -> PenaltyFact:
    return PenaltyFact(kind, name, start, end)


def test_penalty_in_the_year_rules_out_ldtt_and_cstdcs() -> None:
    history = PersonHistory(penalties=(pen("KHIEN_TRACH", "Khiển trách", date(2026, 3, 2)),))
    for code in ("LDTT", "CSTDCS"):
        flags = check_person_registration(item(code), Y, history)
        assert codes_of(flags) == ["KY_LUAT"]
        assert "Bị kỷ luật khiển trách trong năm 2026 (từ 02/03/2026)" in flags[0].message
        assert "NĐ 90/2020, Điều 2" in flags[0].message
    assert check_person_registration(item("GK_SO"), Y, history) == []  # not a yearly title


@pytest.mark.parametrize(
    ("start", "end", "flagged"),
    [
        (date(2025, 3, 1), date(2025, 12, 31), False),  # over before the year
        (date(2025, 3, 1), date(2026, 1, 1), True),  # runs one day into the year
        (date(2025, 3, 1), None, True),
        (date(2026, 12, 31), None, True),
        (date(2027, 1, 1), None, False),
    ],
)
def test_penalty_boundaries(start, end, flagged) -> None:
    history = PersonHistory(penalties=(pen("CANH_CAO", "Cảnh cáo", start, end),))
    flags = check_person_registration(item("LDTT"), Y, history)
    assert ("KY_LUAT" in codes_of(flags)) is flagged


def test_penalty_from_last_year_cites_the_decree() -> None:
    history = PersonHistory(
        penalties=(pen("CANH_CAO", "Cảnh cáo", date(2025, 6, 1), date(2026, 5, 31)),)
    )
    (flag,) = check_person_registration(item("CSTDCS"), Y, history)
    assert "Đang chịu kỷ luật cảnh cáo (từ 01/06/2025, đến 31/05/2026)" in flag.message
    assert flag.message.endswith("NĐ 152/2025, Điều 4 khoản 4")


def test_hold_rules_out_every_award() -> None:
    history = PersonHistory(
        penalties=(pen("XEM_XET_KY_LUAT", "Đang xem xét kỷ luật", date(2026, 2, 10)),)
    )
    for code in ("LDTT", "GK_SO", "BK_TINH"):
        flags = check_person_registration(item(code), Y, history)
        assert "TAM_CHUA_KHEN" in codes_of(flags)
    flag = check_person_registration(item("LDTT"), Y, history)[0]
    assert flag.message == (
        "Đang xem xét kỷ luật (từ 10/02/2026): tạm chưa khen thưởng - NĐ 152/2025, Điều 4 khoản 4"
    )
    closed = PersonHistory(
        penalties=(pen("DIEU_TRA", "Đang bị điều tra", date(2025, 1, 5), date(2025, 10, 1)),)
    )
    assert check_person_registration(item("LDTT"), Y, closed) == []


# ------------------------------------------------------------------ subject, catalogue, people


def test_collective_title_for_a_person() -> None:
    flags = check_person_registration(item("TTLDTT"), Y, PersonHistory())
    assert [f.message for f in flags] == [
        "'Tập thể lao động tiên tiến' là danh hiệu cho tập thể, không đăng ký cho cá nhân"
        " - Luật TĐKT 2022, Điều 19"
    ]


def test_individual_title_for_a_unit() -> None:
    flags = check_unit_registration(item("LDTT"), Y, UnitHistory())
    assert codes_of(flags) == ["SAI_DOI_TUONG"]
    assert "Luật TĐKT 2022, Điều 20" in flags[0].message
    assert check_subject(item("BK_TINH"), SubjectKind.TAP_THE) is None


def test_history_only_item() -> None:
    flags = check_person_registration(item("GK_HUYEN"), Y, PersonHistory())
    assert codes_of(flags) == ["CHI_LICH_SU"]
    assert "chỉ còn trong dữ liệu lịch sử" in flags[0].message


def test_person_who_left() -> None:
    history = PersonHistory(active=False, left_date=date(2026, 1, 15), left_reason="Nghỉ hưu")
    flags = check_person_registration(item("LDTT"), Y, history)
    assert flags[0].code == "DA_NGHI"
    assert flags[0].message.startswith("Cán bộ đã nghỉ từ 15/01/2026 (Nghỉ hưu)")


def test_medal_once_in_a_lifetime() -> None:
    history = PersonHistory(awards=(AwardFact("KNC_NNMT", 2025, award_type="CONG_HIEN"),))
    flags = check_person_registration(item("KNC_NNMT"), Y, history)
    assert codes_of(flags) == ["MOT_LAN"]
    assert "(2025): chỉ tặng một lần" in flags[0].message
    assert "Thông tư 62/2025/TT-BNNMT" in flags[0].message
    predecessor = PersonHistory(awards=(AwardFact("KNC_TNMT", 2019),))
    assert codes_of(check_person_registration(item("KNC_NNMT"), Y, predecessor)) == [
        "KNC_TIEN_THAN"
    ]
    revoked = PersonHistory(awards=(AwardFact("KNC_NNMT", 2025, revoked=True),))
    assert check_person_registration(item("KNC_NNMT"), Y, revoked) == []


def test_unit_that_ended() -> None:
    flags = check_unit_registration(item("TTLDTT"), Y, UnitHistory(valid_to=date(2026, 6, 30)))
    assert codes_of(flags) == ["DON_VI_KET_THUC"]
    assert (
        check_unit_registration(item("TTLDTT"), Y, UnitHistory(valid_to=date(2026, 12, 31))) == []
    )


def test_several_flags_together() -> None:
    history = PersonHistory(
        active=False,
        penalties=(pen("CANH_CAO", "Cảnh cáo", date(2026, 2, 1)),),
        awards=cst(2025),
    )
    assert codes_of(check_person_registration(item("CSTD_TINH"), Y, history)) == [
        "DA_NGHI",
        "KY_LUAT",
        "CHUOI_CSTDCS",
    ]
