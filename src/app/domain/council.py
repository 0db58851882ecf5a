"""Council (Hội đồng TĐKT) votes: which titles need a ballot, counts checked, percentages.

Which titles need a ballot, whether it is secret, the threshold, what it is a percentage of
and whether absent members' written opinions count are rule data per title and rule set
(``ballot_always_titles`` and ``ballot.<TITLE>.<field>`` in ``resources/data/rules.json``,
domain.md §18.4): :func:`ballot_rule`. CSTĐTQ, Cờ thi đua của Chính phủ and the Anh hùng titles
always need one (NĐ 152/2025 Điều 33 khoản 5); the others' defaults are the province's and
editable. A title without data of its own is voted on and passes with more than the majority
parameter, on the total membership.

Percentages are of the Council's members in office unless the title's basis says ``PRESENT``
(allowed only where a province says so, domain.md §18.3). A title without a ballot is approved
as a list in one action (:func:`list_result`): members in favour of the whole list.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from app.domain.eligibility import RuleSet

TOTAL_MEMBERS = "TOTAL_MEMBERS"
PRESENT = "PRESENT"
BASES = (TOTAL_MEMBERS, PRESENT)
ALWAYS_KEY = "ballot_always_titles"
MAJORITY_KEY = "council_majority_pct"


def ballot_key(title: str, name: str) -> str:
    """The rule-set parameter holding ``name`` (required, secret, threshold_pct,
    threshold_basis, written_votes_count) of ``title``'s ballot."""
    return f"ballot.{title}.{name}"


@dataclass(frozen=True)
class BallotRule:
    """How the Council decides on ``title`` under one rule set."""

    title: str
    required: bool  # a ballot per candidate; False: the list is approved in one action
    always: bool  # required by law (cannot be switched off)
    secret: bool
    threshold: Decimal
    majority: bool  # no threshold of its own: strictly more than the majority parameter
    basis: str  # TOTAL_MEMBERS or PRESENT
    written_votes_count: bool  # absent members' written opinions are votes
    legal_basis: str = ""
    unverified: bool = False

    def voters(self, counts: SessionCounts) -> int:
        """Who may vote: those present, and the absent ones who answered in writing when
        written opinions count."""
        return counts.present + (counts.written_opinions if self.written_votes_count else 0)

    def denominator(self, counts: SessionCounts) -> int:
        """What the percentage is of: the members in office, or those who may vote."""
        return counts.members_total if self.basis == TOTAL_MEMBERS else self.voters(counts)

    def basis_text(self) -> str:
        return "tổng số thành viên" if self.basis == TOTAL_MEMBERS else "số thành viên bỏ phiếu"


def _value(rules: RuleSet, key: str, default: object) -> object:
    return rules.param(key) if key in rules.parameters else default


def ballot_rule(title: str, rules: RuleSet) -> BallotRule:
    """The ballot rule of ``title`` under ``rules`` (see the module docstring)."""
    always_titles = _value(rules, ALWAYS_KEY, ())
    always = isinstance(always_titles, list | tuple) and title in always_titles
    required = always or bool(_value(rules, ballot_key(title, "required"), True))
    key = ballot_key(title, "threshold_pct")
    value = _value(rules, key, None)
    if value is None:
        threshold, majority = Decimal(str(rules.param(MAJORITY_KEY))), True
        source = rules.parameter(MAJORITY_KEY)
    else:
        threshold, majority = Decimal(str(value)), False
        source = rules.parameter(key)
    sources = [source]
    if always:
        sources.insert(0, rules.parameter(ALWAYS_KEY))
    elif ballot_key(title, "required") in rules.parameters:
        sources.insert(0, rules.parameter(ballot_key(title, "required")))
    basis = str(_value(rules, ballot_key(title, "threshold_basis"), TOTAL_MEMBERS)).strip().upper()
    if basis not in BASES:
        basis = TOTAL_MEMBERS  # an unknown word never lowers the bar: the law's default
    if always:
        basis = TOTAL_MEMBERS  # NĐ 152/2025 Điều 33 khoản 5: on the total membership
    return BallotRule(
        title=title,
        required=required,
        always=always,
        secret=bool(_value(rules, ballot_key(title, "secret"), True)),
        threshold=threshold,
        majority=majority,
        basis=basis,
        written_votes_count=bool(_value(rules, ballot_key(title, "written_votes_count"), True)),
        legal_basis=sources[0].legal_basis,
        unverified=any(s.unverified for s in sources),
    )


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
    members_total: int  # what the percentage is of (the total membership by default)
    percent: Decimal  # of ``members_total``, one decimal
    threshold: Decimal
    threshold_is_majority: bool
    passed: bool
    basis: str = TOTAL_MEMBERS

    def text(self) -> str:
        verb = "Đạt" if self.passed else "Không đạt"
        rule = "quá bán" if self.threshold_is_majority else f"cần {self.threshold}%"
        of = "tổng số thành viên" if self.basis == TOTAL_MEMBERS else "số thành viên bỏ phiếu"
        return (
            f"{verb}: {self.in_favour}/{self.members_total} thành viên đồng ý "
            f"({self.percent}% {of}; {rule})"
        )


def threshold_for(title: str, rules: RuleSet) -> tuple[Decimal, bool]:
    """(threshold %, whether it is the plain-majority default) for a title under ``rules``."""
    rule = ballot_rule(title, rules)
    return rule.threshold, rule.majority


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


def check_ballots(
    ballots: Ballots, counts: SessionCounts, rule: BallotRule | None = None
) -> list[str]:
    """Ballot counts that cannot be right, in Vietnamese (``rule``: who may vote; by default
    those present and the written opinions)."""
    problems = []
    voters = rule.voters(counts) if rule is not None else counts.present + counts.written_opinions
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


def check_list_approval(in_favour: int, counts: SessionCounts, rule: BallotRule) -> list[str]:
    """A list approval's count that cannot be right, in Vietnamese."""
    voters = rule.voters(counts)
    if in_favour < 0:
        return ["Số thành viên đồng ý không được âm"]
    if in_favour > voters:
        return [f"Số thành viên đồng ý ({in_favour}) nhiều hơn số người được biểu quyết ({voters})"]
    return []


def _pct(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _judge(rule: BallotRule, in_favour: int, counts: SessionCounts) -> VoteResult:
    denominator = rule.denominator(counts)
    exact = Decimal(in_favour * 100) / Decimal(max(1, denominator))
    passed = exact > rule.threshold if rule.majority else exact >= rule.threshold
    return VoteResult(
        rule.title,
        in_favour,
        denominator,
        _pct(exact),
        rule.threshold,
        rule.majority,
        passed,
        rule.basis,
    )


def vote_result(title: str, ballots: Ballots, counts: SessionCounts, rules: RuleSet) -> VoteResult:
    """Pass or fail on the title's basis (the total membership by default): ≥ threshold, or
    > majority when the title has no threshold of its own."""
    return _judge(ballot_rule(title, rules), ballots.in_favour, counts)


def list_result(title: str, in_favour: int, counts: SessionCounts, rules: RuleSet) -> VoteResult:
    """A title's whole list approved in one action: members in favour, judged like a ballot."""
    return _judge(ballot_rule(title, rules), in_favour, counts)
