"""Lộ trình: what a person or a collective still lacks for each higher title of a year to
come, computed by the eligibility engine on the history with the open years assumed."""

from __future__ import annotations

from datetime import date

import pytest
from test_eligibility_support import cstdcs, person, rules
from test_eligibility_unit import unit

from app.domain.eligibility import DisciplineInfo, InitiativeInfo
from app.domain.eligibility.path import PERSON_PATH, UNIT_PATH, person_path, unit_path

R = rules(2026)


def step(steps, title):
    return next(s for s in steps if s.title == title)


def test_every_title_of_the_path_is_answered_for_the_next_year() -> None:
    steps = person_path(person({2025: "HTTNV"}), 2026, R)
    assert [s.title for s in steps] == list(PERSON_PATH)
    assert {s.year for s in steps} == {2027}
    assert all(s.verdict.title == s.title for s in steps)


def test_a_streak_on_track_names_the_years_still_needed_and_the_initiative() -> None:
    history = person({2024: "HTXSNV", 2025: "HTXSNV"}, awards=cstdcs(2024, 2025))
    cstd = step(person_path(history, 2026, R), "CSTD_TINH")
    assert cstd.reachable and not cstd.blockers
    assert "CSTĐCS 2026 và 2027" in cstd.needs
    assert any("sáng kiến" in n and "cấp tỉnh" in n for n in cstd.needs), cstd.needs
    assert cstd.text.startswith("CSTĐ tỉnh 2027: cần ")
    assert "CSTĐCS 2026 và 2027" in cstd.text


def test_a_recognised_provincial_initiative_is_no_longer_needed() -> None:
    history = person(
        {2024: "HTXSNV", 2025: "HTXSNV"},
        awards=cstdcs(2024, 2025),
        initiatives=[InitiativeInfo(1, "PV_TINH", 2025)],
    )
    cstd = step(person_path(history, 2026, R), "CSTD_TINH")
    assert cstd.reachable
    assert not any("sáng kiến" in n for n in cstd.needs), cstd.needs


def test_a_broken_streak_blocks_the_title_with_the_engines_reason() -> None:
    cstd = step(person_path(person({2025: "HTTNV"}), 2026, R), "CSTD_TINH")
    assert not cstd.reachable
    assert any("03 lần liên tục CSTĐCS" in b and "Điều 22" in b for b in cstd.blockers)
    assert "chưa thể đạt" in cstd.text


def test_a_known_year_is_never_assumed() -> None:
    """2026 is graded HTNV: only 2027 is open, so CSTĐCS 2026 cannot be counted on."""
    steps = person_path(person({2026: "HTNV"}, awards=cstdcs(2024, 2025)), 2026, R, 2027)
    assert step(steps, "LDTT").needs == ("xếp loại Hoàn thành tốt nhiệm vụ trở lên năm 2027",)
    assert not step(steps, "CSTD_TINH").reachable


def test_a_title_already_met_needs_nothing() -> None:
    (ldtt,) = person_path(person({2026: "HTTNV"}), 2026, R, 2026, titles=("LDTT",))
    assert ldtt.reachable and ldtt.needs == () and ldtt.text == "LĐTT 2026: đã đủ điều kiện"


def test_a_penalty_still_running_blocks_a_bang_khen() -> None:
    penalty = DisciplineInfo("KHIEN_TRACH", date(2026, 3, 1), None, 1, False, name="Khiển trách")
    steps = person_path(person({2025: "HTTNV"}, disciplines=[penalty]), 2026, R)
    bk = step(steps, "BK_TINH")
    assert not bk.reachable
    assert any("Khiển trách" in b for b in bk.blockers)


@pytest.mark.parametrize(
    ("year", "target", "years"), [(2026, 2027, "2026 và 2027"), (2025, 2026, "2026")]
)
def test_a_collective_needs_its_open_years_graded(year, target, years) -> None:
    history = unit("HTXSNV", grades={2024: "HTXSNV"})  # graded 2024 and 2025
    steps = unit_path(history, year, R, target)
    assert [s.title for s in steps] == list(UNIT_PATH)
    bk = step(steps, "BK_TINH")
    assert bk.reachable
    assert bk.needs[0] == f"tập thể xếp loại Hoàn thành xuất sắc nhiệm vụ năm {years}"


def test_a_grade_forced_by_a_penalty_blocks_and_a_grade_still_to_come_is_needed() -> None:
    penalty = DisciplineInfo("KHIEN_TRACH", date(2026, 2, 3), None, 1, False, name="Khiển trách")
    forced = person({2025: "HTTNV"}, disciplines=[penalty])
    (ldtt,) = person_path(forced, 2026, R, 2026, titles=("LDTT",))
    assert not ldtt.reachable
    assert any("kỷ luật Khiển trách" in b for b in ldtt.blockers), ldtt.blockers
    # no penalty: CSTĐCS 2026 needs HTXSNV or an initiative, which the year may still bring
    (cs,) = person_path(person({2025: "HTTNV"}), 2026, R, 2026, titles=("CSTDCS",))
    assert cs.reachable
    assert any("hoàn thành xuất sắc nhiệm vụ năm 2026" in n for n in cs.needs), cs.needs


def test_a_once_only_award_received_blocks() -> None:
    from app.domain.eligibility import AwardInfo

    history = person({2025: "HTTNV"}, awards=(AwardInfo("KNC_NNMT", 2024),))
    (knc,) = person_path(history, 2026, R, 2026, titles=("KNC_NNMT",))
    assert not knc.reachable and any("một lần" in b for b in knc.blockers)
