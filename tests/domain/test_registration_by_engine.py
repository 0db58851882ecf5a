"""A sign-up for a title in year Y is checked by the eligibility engine with Y as the target:
the year's own result is not known yet and counts as going as well as it can, so only what
already stands in the way is flagged (services/registration_rules.py turns the blockers into
flags). The scenarios of the former separate sign-up rules, answered by the one rule source."""

from __future__ import annotations

from datetime import date

import pytest
from test_eligibility_support import cstdcs, person, rules, words
from test_eligibility_unit import unit

from app.domain.eligibility import AwardInfo, DisciplineInfo
from app.domain.eligibility.path import person_path, unit_path

Y = 2026
R = rules(Y)


def blocked(history, code: str) -> tuple[str, ...]:
    (step,) = person_path(history, Y, R, Y, (code,))
    return step.blocked


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
def test_cstd_tinh_streak_counts_the_year_signed_up_for(years, flagged) -> None:
    history = person({y: "HTXSNV" for y in years}, awards=cstdcs(*years))
    assert ("STREAK" in blocked(history, "CSTD_TINH")) is flagged


def test_revoked_and_thematic_awards_do_not_count() -> None:
    revoked = (*cstdcs(2024), AwardInfo("CSTDCS", 2025, revoked=True))
    assert "STREAK" in blocked(person({}, awards=revoked), "CSTD_TINH")
    thematic = (*cstdcs(2024), AwardInfo("CSTDCS", 2025, award_type="CHUYEN_DE"))
    assert "STREAK" in blocked(person({}, awards=thematic), "CSTD_TINH")


@pytest.mark.parametrize(("years", "flagged"), [((2023, 2025), False), ((), True)])
def test_cstdtq_needs_provincial_titles(years, flagged) -> None:
    awards = tuple(AwardInfo("CSTD_TINH", y) for y in years)
    (step,) = person_path(person({}, awards=awards), Y, R, Y, ("CSTDTQ",))
    assert ("STREAK" in step.blocked) is flagged
    if flagged:
        assert step.blockers[0].endswith("Luật TĐKT 2022, Điều 21")


def test_a_penalty_in_the_year_rules_out_ldtt_and_cstdcs() -> None:
    penalty = DisciplineInfo(
        "KHIEN_TRACH", date(2026, 3, 2), None, 1, False, name=words().penalty("KHIEN_TRACH")
    )
    history = person({2025: "HTTNV"}, disciplines=[penalty])
    for code in ("LDTT", "CSTDCS"):
        (step,) = person_path(history, Y, R, Y, (code,))
        assert not step.reachable, code
        assert any("kỷ luật" in b.lower() for b in step.blockers), step.blockers


def test_a_penalty_over_before_the_year_blocks_nothing() -> None:
    penalty = DisciplineInfo(
        "CANH_CAO", date(2024, 3, 1), date(2024, 12, 31), 2, False, name="Cảnh cáo"
    )
    assert blocked(person({2025: "HTTNV"}, disciplines=[penalty]), "LDTT") == ()


def test_an_open_hold_rules_out_every_award() -> None:
    hold = DisciplineInfo("XEM_XET_KY_LUAT", date(2026, 2, 10), None, 0, True, name="Đang xem xét")
    history = person({2025: "HTTNV"}, disciplines=[hold])
    for code in ("LDTT", "GK_SO", "BK_TINH"):
        assert "HOLD" in blocked(history, code), code
    closed = DisciplineInfo(
        "DIEU_TRA", date(2025, 1, 5), date(2025, 10, 1), 0, True, True, name="Đang bị điều tra"
    )
    assert "HOLD" not in blocked(person({2025: "HTTNV"}, disciplines=[closed]), "LDTT")


def test_a_medal_given_once_and_its_predecessor() -> None:
    got = person({2025: "HTTNV"}, awards=(AwardInfo("KNC_NNMT", 2025, award_type="CONG_HIEN"),))
    assert "ONCE" in blocked(got, "KNC_NNMT")
    revoked = person({2025: "HTTNV"}, awards=(AwardInfo("KNC_NNMT", 2025, revoked=True),))
    assert "ONCE" not in blocked(revoked, "KNC_NNMT")


@pytest.mark.parametrize(
    ("grades", "flagged"),
    [({2025: "HTXSNV"}, False), ({2025: "HTTNV"}, True)],
)
def test_bk_tinh_for_a_collective(grades, flagged) -> None:
    history = unit(None, grades=grades)
    (step,) = unit_path(history, Y, R, Y, ("BK_TINH",))
    assert (not step.reachable) is flagged
