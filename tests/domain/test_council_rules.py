"""Council votes (X10, domain.md §18): which titles need a ballot, thresholds per title and
rule set (rule data, never literals), on the total membership by default."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.config import load_json_resource
from app.domain.council import (
    PRESENT,
    TOTAL_MEMBERS,
    Ballots,
    SessionCounts,
    ballot_rule,
    check_ballots,
    check_list_approval,
    check_session,
    list_result,
    threshold_for,
    vote_result,
)
from app.domain.eligibility import parse_rule_sets

RULES = parse_rule_sets(load_json_resource("data", "rules.json"))
OLD = RULES.for_year(2024)  # NĐ 98/2023: ballots for CSTĐCS (80%) and CSTĐ tỉnh (90%)
NEW = RULES.for_year(2026)  # NĐ 152/2025: left to the province (UNVERIFIED defaults, §18.4)
COUNTS = SessionCounts(members_total=15, present=13, written_opinions=2)


def _votes(in_favour: int) -> Ballots:
    return Ballots(issued=15, returned=15, valid=15, in_favour=in_favour)


def test_thresholds_follow_the_rule_set() -> None:
    assert threshold_for("CSTDCS", OLD) == (Decimal("80"), False)
    assert threshold_for("CSTD_TINH", OLD) == (Decimal("90"), False)
    assert threshold_for("CSTDCS", NEW) == (Decimal("80"), False)  # the province's default
    assert threshold_for("CO_CP", NEW) == (Decimal("80"), False)
    assert threshold_for("CSTDTQ", NEW) == (Decimal("90"), False)
    assert threshold_for("TTLDXS", NEW) == (Decimal("50"), True)  # no data of its own


def _with(rules, **values):  # type: ignore[no-untyped-def]
    """``rules`` with some parameters changed, as a clerk's settings would."""
    import dataclasses

    params = dict(rules.parameters)
    for key, value in values.items():
        key = key.replace("__", ".")
        params[key] = dataclasses.replace(params[key], value=value)
    return dataclasses.replace(rules, parameters=params)


def test_which_titles_need_a_ballot_is_rule_data() -> None:
    # NĐ 152/2025 Điều 33 khoản 5: always, verified
    for title in ("CSTDTQ", "CO_CP", "AHLD", "AH_LLVTND"):
        rule = ballot_rule(title, NEW)
        assert rule.required and rule.always and not rule.unverified, title
        assert rule.basis == TOTAL_MEMBERS and "Điều 33 khoản 5" in rule.legal_basis
    # the province's defaults (§18.4): marked UNVERIFIED
    for title, required in (
        ("CSTDCS", True),
        ("CSTD_TINH", True),
        ("CO_TINH", True),
        ("LDTT", False),
        ("TTLDTT", False),
        ("GK_SO", False),
    ):
        rule = ballot_rule(title, NEW)
        assert (rule.required, rule.always, rule.unverified) == (required, False, True), title
        assert rule.secret and rule.written_votes_count
    # NĐ 98/2023 Điều 30 khoản 7 made CSTĐCS a ballot title by law
    assert ballot_rule("CSTDCS", OLD).always and not ballot_rule("CSTDCS", OLD).unverified


def test_a_province_may_switch_ballots_but_not_the_national_ones() -> None:
    changed = _with(
        NEW,
        ballot__LDTT__required=True,
        ballot__CSTDCS__required=False,
        ballot__CSTDTQ__threshold_basis="PRESENT",
    )
    assert ballot_rule("LDTT", changed).required
    assert not ballot_rule("CSTDCS", changed).required
    # CSTĐTQ stays on the total membership: the law says so, whatever the setting
    assert ballot_rule("CSTDTQ", changed).basis == TOTAL_MEMBERS
    # a word the rules do not know never lowers the bar
    odd = _with(NEW, ballot__CSTDCS__threshold_basis="một nửa")
    assert ballot_rule("CSTDCS", odd).basis == TOTAL_MEMBERS


def test_basis_present_and_written_opinions_are_parameters() -> None:
    counts = SessionCounts(members_total=20, present=15, written_opinions=3)
    present = _with(NEW, ballot__CSTDCS__threshold_basis=PRESENT)
    rule = ballot_rule("CSTDCS", present)
    assert (rule.voters(counts), rule.denominator(counts)) == (18, 18)
    result = vote_result("CSTDCS", Ballots(18, 18, 18, 15), counts, present)
    assert result.members_total == 18 and result.percent == Decimal("83.3") and result.passed
    assert "số thành viên bỏ phiếu" in result.text()
    # on the total membership the same ballots fail: 15/20 = 75% < 80%
    assert not vote_result("CSTDCS", Ballots(18, 18, 18, 15), counts, NEW).passed
    # written opinions that do not count: fewer people may vote
    unwritten = _with(NEW, ballot__CSTDCS__written_votes_count=False)
    rule = ballot_rule("CSTDCS", unwritten)
    assert rule.voters(counts) == 15
    assert check_ballots(Ballots(18, 18, 18, 15), counts, rule)
    assert check_ballots(Ballots(15, 15, 15, 15), counts, rule) == []


@pytest.mark.parametrize(("in_favour", "passed"), [(8, True), (7, False)])
def test_a_list_is_approved_like_a_ballot_on_the_whole_membership(
    in_favour: int, passed: bool
) -> None:
    counts = SessionCounts(members_total=14, present=12, written_opinions=1)
    result = list_result("LDTT", in_favour, counts, NEW)
    assert result.passed is passed and result.threshold_is_majority and result.members_total == 14
    assert check_list_approval(in_favour, counts, ballot_rule("LDTT", NEW)) == []
    assert check_list_approval(14, counts, ballot_rule("LDTT", NEW))  # only 13 may vote


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
