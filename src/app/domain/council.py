"""Council (Hội đồng TĐKT) votes: counts checked, percentages on the total membership (X10).

Percentages are always of the Council's members in office, not of those present
(NĐ 152/2025 Điều 33 khoản 5). Thresholds and quorum are rule-set parameters
(``resources/data/rules.json``); a title without its own threshold passes with more than the
majority parameter.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from app.domain.eligibility import RuleSet

# title -> rule-set parameter holding its threshold (None value = no ballot threshold set)
THRESHOLD_PARAMS = {
    "CSTDCS": "cstdcs_vote_threshold_pct",
    "CSTD_TINH": "cstd_vote_threshold_pct",
    "CSTD_BO": "cstd_vote_threshold_pct",
    "CSTDTQ": "cstdtq_vote_threshold_pct",
    "CO_CP": "co_cp_vote_threshold_pct",
}


@dataclass(frozen=True)
class SessionCounts:
    members_total: int
    present: int
    written_opinions: int = 0  # absent members who answered in writing


@dataclass(frozen=True)
class Ballots:
    issued: int
    returned: int
    valid: int
    in_favour: int


@dataclass(frozen=True)
class VoteResult:
    title: str
    in_favour: int
    members_total: int
    percent: Decimal  # of the total membership, one decimal
    threshold: Decimal
    threshold_is_majority: bool
    passed: bool

    def text(self) -> str:
        verb = "Đạt" if self.passed else "Không đạt"
        rule = "quá bán" if self.threshold_is_majority else f"cần {self.threshold}%"
        return (
            f"{verb}: {self.in_favour}/{self.members_total} thành viên đồng ý "
            f"({self.percent}% tổng số thành viên; {rule})"
        )


def threshold_for(title: str, rules: RuleSet) -> tuple[Decimal, bool]:
    """(threshold %, whether it is the plain-majority default) for a title under ``rules``."""
    key = THRESHOLD_PARAMS.get(title)
    value = rules.param(key) if key is not None and key in rules.parameters else None
    if value is None:
        return Decimal(str(rules.param("council_majority_pct"))), True
    return Decimal(str(value)), False


def check_session(counts: SessionCounts, rules: RuleSet) -> list[str]:
    """Problems with a session's attendance, in Vietnamese (empty when it may vote)."""
    problems = []
    if counts.members_total <= 0:
        problems.append("Chưa nhập tổng số thành viên Hội đồng")
        return problems
    if not 0 <= counts.present <= counts.members_total:
        problems.append("Số thành viên có mặt phải từ 0 đến tổng số thành viên")
    if (
        counts.written_opinions < 0
        or counts.present + counts.written_opinions > counts.members_total
    ):
        problems.append("Số ý kiến bằng văn bản cộng số có mặt vượt tổng số thành viên")
    needed = Decimal(str(rules.param("council_award_present_pct")))
    share = Decimal(counts.present * 100) / Decimal(counts.members_total)
    if share < needed:
        problems.append(
            f"Có mặt {counts.present}/{counts.members_total} thành viên ({_pct(share)}%), "
            f"chưa đủ {needed}% để xét khen thưởng"
        )
    return problems


def check_ballots(ballots: Ballots, counts: SessionCounts) -> list[str]:
    """Ballot counts that cannot be right, in Vietnamese."""
    problems = []
    voters = counts.present + counts.written_opinions
    if ballots.issued > voters:
        problems.append(
            f"Số phiếu phát ra ({ballots.issued}) nhiều hơn số người được bỏ phiếu ({voters})"
        )
    if ballots.returned > ballots.issued:
        problems.append("Số phiếu thu vào nhiều hơn số phiếu phát ra")
    if ballots.valid > ballots.returned:
        problems.append("Số phiếu hợp lệ nhiều hơn số phiếu thu vào")
    if ballots.in_favour > ballots.valid:
        problems.append("Số phiếu đồng ý nhiều hơn số phiếu hợp lệ")
    if min(ballots.issued, ballots.returned, ballots.valid, ballots.in_favour) < 0:
        problems.append("Số phiếu không được âm")
    return problems


def _pct(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def vote_result(title: str, ballots: Ballots, counts: SessionCounts, rules: RuleSet) -> VoteResult:
    """Pass or fail on the total membership: ≥ threshold, or > majority when no threshold is set."""
    threshold, majority = threshold_for(title, rules)
    exact = Decimal(ballots.in_favour * 100) / Decimal(max(1, counts.members_total))
    passed = exact > threshold if majority else exact >= threshold
    return VoteResult(
        title, ballots.in_favour, counts.members_total, _pct(exact), threshold, majority, passed
    )
