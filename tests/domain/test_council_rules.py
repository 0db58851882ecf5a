"""Council votes (X10): thresholds per title and rule set, always on the total membership."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.config import load_json_resource
from app.domain.council import (
    Ballots,
    SessionCounts,
    check_ballots,
    check_session,
    threshold_for,
    vote_result,
)
from app.domain.eligibility import parse_rule_sets

RULES = parse_rule_sets(load_json_resource("data", "rules.json"))
OLD = RULES.for_year(2024)  # NĐ 98/2023: ballots for CSTĐCS (80%) and CSTĐ tỉnh (90%)
NEW = RULES.for_year(2026)  # NĐ 152/2025: left to the province (no threshold set by default)
COUNTS = SessionCounts(members_total=15, present=13, written_opinions=2)


def _votes(in_favour: int) -> Ballots:
    return Ballots(issued=15, returned=15, valid=15, in_favour=in_favour)


def test_thresholds_follow_the_rule_set() -> None:
    assert threshold_for("CSTDCS", OLD) == (Decimal("80"), False)
    assert threshold_for("CSTD_TINH", OLD) == (Decimal("90"), False)
    assert threshold_for("CSTDCS", NEW) == (Decimal("50"), True)
    assert threshold_for("CO_CP", NEW) == (Decimal("80"), False)


@pytest.mark.parametrize(("in_favour", "passed"), [(12, True), (11, False)])
def test_cstdcs_needs_80_percent_of_all_members_under_nd98(in_favour: int, passed: bool) -> None:
    result = vote_result("CSTDCS", _votes(in_favour), COUNTS, OLD)
    assert result.passed is passed  # 12/15 = 80% exactly passes; 11/15 = 73.3% fails


def test_percentage_is_of_total_members_not_of_those_present() -> None:
    counts = SessionCounts(members_total=20, present=16)
    result = vote_result("CSTD_TINH", Ballots(16, 16, 16, 16), counts, OLD)
    assert (
        result.percent == Decimal("80.0") and not result.passed
    )  # everyone present agreed, 80% < 90%
    assert result.text() == "Không đạt: 16/20 thành viên đồng ý (80.0% tổng số thành viên; cần 90%)"


@pytest.mark.parametrize(("in_favour", "passed"), [(8, True), (7, False)])
def test_without_a_threshold_more_than_half_is_needed(in_favour: int, passed: bool) -> None:
    counts = SessionCounts(members_total=14, present=14)
    result = vote_result("LDTT", Ballots(14, 14, 14, in_favour), counts, NEW)
    assert result.passed is passed and result.threshold_is_majority  # 7/14 = 50% is not a majority


def test_session_needs_enough_members_present() -> None:
    assert check_session(SessionCounts(10, 8), NEW) == []
    problems = check_session(SessionCounts(10, 7), NEW)
    assert problems and "chưa đủ 80" in problems[0]
    assert check_session(SessionCounts(0, 0), NEW) == ["Chưa nhập tổng số thành viên Hội đồng"]


def test_impossible_ballot_counts_are_refused() -> None:
    assert check_ballots(Ballots(15, 15, 14, 14), COUNTS) == []
    problems = check_ballots(Ballots(16, 17, 18, 19), COUNTS)
    assert len(problems) == 4
