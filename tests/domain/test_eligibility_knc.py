"""Kỷ niệm chương (rule 13): years in the sector by gender, the reduction for mountain and
island areas, penalties (ever / at the review), time under discipline, once, never
posthumously: both sides of each boundary with the Vietnamese wording."""

from __future__ import annotations

from datetime import date

import pytest
from test_eligibility_support import person, rules, words

from app.domain.eligibility import (
    VERDICT_ELIGIBLE,
    VERDICT_NEEDS_REVIEW,
    VERDICT_NOT_ELIGIBLE,
    AwardInfo,
    DisciplineInfo,
    evaluate_person,
)
from app.domain.eligibility.knc import add_months, discipline_days

Y = 2025
R = rules(Y)
CITE = "Thông tư 21/2018/TT-BTNMT, Điều 14"
REVIEW = date(2025, 12, 31)


def cond(verdict, key):
    return next(c for c in verdict.conditions if c.key == key)


def penalty(kind="KHIEN_TRACH", severity=1, start=date(2010, 3, 1), end=date(2010, 8, 31)):
    return DisciplineInfo(kind, start, end, severity, False, name=words().penalty(kind))


def knc(h, rule_set=R, year=Y):
    return evaluate_person(h, "KNC_NNMT", year, rule_set)


def staff(start, gender="NAM", **kw):
    """Someone with known years in mountain or island areas (none unless given)."""
    kw.setdefault("remote_area_years", 0)
    return person({}, gender=gender, sector_start=start, **kw)


# --- years by gender -------------------------------------------------------------------------


def test_twenty_years_for_a_man() -> None:
    v = knc(staff(date(2005, 12, 31)))
    assert v.verdict == VERDICT_ELIGIBLE
    assert cond(v, "SERVICE").text == (
        "Có 20 năm công tác trong ngành tính đến 31/12/2025 (cần 20 năm, nam; vào ngành 31/12/2005)"
    )
    assert cond(v, "SERVICE").citation == CITE


def test_twenty_years_minus_one_day() -> None:
    v = knc(staff(date(2006, 1, 1)))
    assert v.verdict == VERDICT_NOT_ELIGIBLE
    assert v.explanation == (
        "Chưa đủ 20 năm công tác trong ngành (nam) tính đến 31/12/2025: có 19 năm 11 tháng "
        f"(vào ngành 01/01/2006), đủ vào ngày 01/01/2026 - {CITE}"
    )


def test_fifteen_years_for_a_woman() -> None:
    assert knc(staff(date(2010, 12, 31), "NU")).verdict == VERDICT_ELIGIBLE
    v = knc(staff(date(2011, 1, 1), "NU"))
    assert v.verdict == VERDICT_NOT_ELIGIBLE
    assert "Chưa đủ 15 năm công tác trong ngành (nữ)" in v.explanation


def test_the_session_date_is_the_day_of_counting() -> None:
    h = staff(date(2005, 12, 20), review_on=date(2025, 12, 19), review_is_session=True)
    v = knc(h)
    assert not v.eligible
    assert "tính đến 19/12/2025" in v.explanation
    assert "đủ vào ngày 20/12/2025" in v.explanation


@pytest.mark.parametrize(
    ("gender", "remote", "expected", "need"),
    [
        ("NU", 2, VERDICT_NOT_ELIGIBLE, "15"),
        ("NU", 3, VERDICT_ELIGIBLE, "10"),
        ("NAM", 2, VERDICT_NOT_ELIGIBLE, "20"),
        ("NAM", 3, VERDICT_NOT_ELIGIBLE, "15"),
    ],
)
def test_mountain_and_island_years(gender, remote, expected, need) -> None:
    # eleven years in the sector: enough for a woman with 3 remote years, not for a man
    v = knc(staff(date(2014, 12, 31), gender, remote_area_years=remote))
    assert v.verdict == expected
    service = cond(v, "SERVICE")
    assert f"{need} năm" in service.text
    if remote >= 3:
        assert f"có 0{remote} năm liên tục ở miền núi, hải đảo" in service.text


def test_man_with_three_remote_years_needs_fifteen() -> None:
    assert knc(staff(date(2010, 12, 31), remote_area_years=3)).eligible
    assert not knc(staff(date(2011, 1, 1), remote_area_years=3)).eligible


def test_missing_remote_years_matter_only_when_they_would_decide() -> None:
    v = knc(staff(date(2014, 12, 31), "NU", remote_area_years=None))
    assert v.verdict == VERDICT_NEEDS_REVIEW
    assert v.explanation.startswith(
        "Chưa có số năm công tác liên tục ở miền núi, hải đảo: chưa đủ 15 năm"
    )
    assert "đủ nếu có từ 03 năm liên tục ở miền núi, hải đảo" in v.explanation
    # far from even the reduced threshold: simply not eligible
    far = staff(date(2020, 1, 1), "NU", remote_area_years=None)
    assert knc(far).verdict == VERDICT_NOT_ELIGIBLE


def test_missing_data_says_which() -> None:
    v = knc(person({}, gender="NAM"))
    assert v.verdict == VERDICT_NEEDS_REVIEW
    assert v.explanation == f"Chưa có ngày vào ngành - {CITE}"
    v = knc(person({}, gender=None, sector_start=date(1990, 1, 1)))
    assert v.verdict == VERDICT_NEEDS_REVIEW
    assert v.explanation.startswith("Chưa có giới tính")


def test_interruptions_are_subtracted() -> None:
    h = staff(date(2005, 6, 30), sector_break_months=6)
    v = knc(h)
    assert v.eligible
    assert "gián đoạn 6 tháng" in cond(v, "SERVICE").text
    assert not knc(staff(date(2005, 6, 30), sector_break_months=7)).eligible


# --- penalties ---------------------------------------------------------------------------------


def test_time_under_discipline_is_subtracted() -> None:
    ten_days = penalty(start=date(2010, 3, 1), end=date(2010, 3, 10))
    v = knc(staff(date(2005, 12, 21), disciplines=[ten_days]))
    assert v.eligible
    assert "trừ 10 ngày bị kỷ luật" in cond(v, "SERVICE").text
    v = knc(staff(date(2005, 12, 22), disciplines=[ten_days]))
    assert not v.eligible
    assert "đủ vào ngày 01/01/2026" in v.explanation
    keep = R.with_values(knc_subtract_discipline_time=False)
    assert knc(staff(date(2005, 12, 22), disciplines=[ten_days]), keep).eligible


def test_penalty_without_an_end_date_needs_review() -> None:
    open_ended = penalty(start=date(2010, 3, 1), end=None)
    v = knc(staff(date(1995, 1, 1), disciplines=[open_ended]))
    assert v.verdict == VERDICT_NEEDS_REVIEW
    assert cond(v, "SERVICE").text == (
        "Chưa có ngày kết thúc kỷ luật Khiển trách (từ 01/03/2010) để trừ thời gian bị kỷ luật "
        "khỏi thời gian công tác trong ngành"
    )


def test_a_warning_long_ago_does_not_bar_by_default() -> None:
    warned = penalty("CANH_CAO", 2, start=date(2010, 1, 1), end=date(2010, 12, 31))
    v = knc(staff(date(1995, 1, 1), disciplines=[warned]))
    assert v.verdict == VERDICT_ELIGIBLE
    assert cond(v, "DISCIPLINE").text == (
        "Không đang chịu kỷ luật từ Cảnh cáo trở lên tại ngày xét 31/12/2025"
    )


def test_a_warning_ever_bars_when_the_parameter_says_so() -> None:
    ever = R.with_values(knc_penalty_bars_ever=True)
    warned = penalty("CANH_CAO", 2, start=date(2010, 1, 1), end=date(2010, 12, 31))
    v = knc(staff(date(1995, 1, 1), disciplines=[warned]), ever)
    assert v.verdict == VERDICT_NOT_ELIGIBLE
    assert v.explanation == (
        "Đã bị kỷ luật Cảnh cáo (01/01/2010 - 31/12/2010): không xét khi đã bị kỷ luật từ "
        f"Cảnh cáo trở lên - {CITE}"
    )
    light = penalty(start=date(2010, 1, 1), end=date(2010, 6, 30))
    v = knc(staff(date(1995, 1, 1), disciplines=[light]), ever)
    assert v.eligible
    assert cond(v, "DISCIPLINE").text == "Chưa từng bị kỷ luật từ Cảnh cáo trở lên"


def test_a_warning_in_force_at_the_review_bars() -> None:
    warned = penalty("CANH_CAO", 2, start=date(2025, 6, 1), end=date(2026, 5, 31))
    v = knc(staff(date(1995, 1, 1), disciplines=[warned]))
    assert v.verdict == VERDICT_NOT_ELIGIBLE
    assert cond(v, "DISCIPLINE").text == (
        "Đang chịu kỷ luật Cảnh cáo (01/06/2025 - 31/05/2026) tại ngày xét 31/12/2025 "
        "(từ Cảnh cáo trở lên)"
    )
    ended = penalty("CANH_CAO", 2, start=date(2024, 12, 31), end=date(2025, 12, 30))
    assert cond(knc(staff(date(1995, 1, 1), disciplines=[ended])), "DISCIPLINE").met is True


def test_a_reprimand_never_bars() -> None:
    light = penalty(start=date(2025, 6, 1), end=date(2026, 5, 31))
    assert cond(knc(staff(date(1995, 1, 1), disciplines=[light])), "DISCIPLINE").met is True


# --- once, never posthumously ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "shown"),
    [("KNC_NNMT", "KNC NN&MT"), ("KNC_TNMT", "KNC TN&MT"), ("KNC_NNPTNT", "KNC NN&PTNT")],
)
def test_given_once(code, shown) -> None:
    v = knc(staff(date(1995, 1, 1), awards=(AwardInfo(code, 2015),)))
    assert v.verdict == VERDICT_NOT_ELIGIBLE
    assert v.explanation == (
        f"Đã được tặng {shown} năm 2015: Kỷ niệm chương chỉ tặng một lần - {CITE}"
    )
    revoked = AwardInfo(code, 2015, revoked=True)
    assert knc(staff(date(1995, 1, 1), awards=(revoked,))).eligible


def test_never_posthumously() -> None:
    v = knc(staff(date(1995, 1, 1), death_date=date(2025, 12, 31)))
    assert v.verdict == VERDICT_NOT_ELIGIBLE
    assert v.explanation == (f"Đã mất ngày 31/12/2025: Kỷ niệm chương không truy tặng - {CITE}")
    alive = knc(staff(date(1995, 1, 1), death_date=date(2026, 1, 1)))
    assert alive.eligible and cond(alive, "POSTHUMOUS").text == "Không phải truy tặng"


def test_citation_from_the_rule_data_in_every_rule_set() -> None:
    h = staff(date(2020, 1, 1))
    for year in (2024, 2025, 2026):
        assert knc(h, rules(year), year).explanation.endswith(CITE)
        assert rules(year).parameter("knc_years_male").unverified


def test_knc_parameters_unverified_and_cite_the_circular() -> None:
    for key in (
        "knc_years_male",
        "knc_years_female",
        "knc_years_male_remote",
        "knc_years_female_remote",
        "knc_remote_min_years",
        "knc_max_penalty_severity",
        "knc_penalty_bars_ever",
        "knc_subtract_discipline_time",
        "knc_posthumous",
        "knc_predecessor_medals",
    ):
        p = R.parameter(key)
        assert p.unverified and p.legal_basis.startswith(CITE), key


# --- helpers -------------------------------------------------------------------------------------


def test_add_months_clamps_to_the_month_end() -> None:
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2004, 2, 29), 240) == date(2024, 2, 29)
    assert add_months(date(2005, 2, 28), 12 * 20) == date(2025, 2, 28)
    assert add_months(date(2005, 11, 30), 3) == date(2006, 2, 28)


def test_discipline_days_counts_overlaps_once_and_clips() -> None:
    a = penalty(start=date(2010, 1, 1), end=date(2010, 1, 10))
    b = penalty(start=date(2010, 1, 5), end=date(2010, 1, 20))
    before = penalty(start=date(1999, 12, 25), end=date(2000, 1, 3))
    days, open_ended = discipline_days([a, b, before], date(2000, 1, 1), REVIEW)
    assert days == 20 + 3 and open_ended == []
