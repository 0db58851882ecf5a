"""Inputs and outputs of the eligibility engine: plain frozen data classes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

VERDICT_ELIGIBLE = "eligible"
VERDICT_NOT_ELIGIBLE = "not_eligible"
VERDICT_NEEDS_REVIEW = "needs_review"

ELIGIBLE_TEXT = "Đủ điều kiện"


@dataclass(frozen=True, slots=True)
class Condition:
    """One condition of a rule: ``met`` is None when the data it needs is missing."""

    key: str
    text: str
    met: bool | None
    citation: str
    manual: bool = False
    # what a met condition rests on (one achievement, one reward: X5, X6): the initiatives it
    # counted (ids) and the achievement years it counted, as (basis, year), e.g. ("CSTDCS", 2024)
    initiatives: tuple[int, ...] = ()
    consumed: tuple[tuple[str, int], ...] = ()

    @property
    def line(self) -> str:
        return f"{self.text} - {self.citation}" if self.citation else self.text


@dataclass(frozen=True, slots=True)
class Verdict:
    title: str
    verdict: str
    conditions: tuple[Condition, ...]

    @property
    def unmet(self) -> tuple[Condition, ...]:
        return tuple(c for c in self.conditions if c.met is False)

    @property
    def unknown(self) -> tuple[Condition, ...]:
        return tuple(c for c in self.conditions if c.met is None)

    @property
    def eligible(self) -> bool:
        return self.verdict == VERDICT_ELIGIBLE

    @property
    def initiatives(self) -> tuple[int, ...]:
        """The initiatives the met conditions rest on (ids, in the order counted)."""
        out: list[int] = []
        for c in self.conditions:
            if c.met is True:
                out += [i for i in c.initiatives if i not in out]
        return tuple(out)

    @property
    def consumed(self) -> frozenset[tuple[str, int]]:
        """The achievement years the met conditions rest on, as (basis, year)."""
        return frozenset(y for c in self.conditions if c.met is True for y in c.consumed)

    @property
    def explanation(self) -> str:
        """One Vietnamese line: the first unmet condition, else the first unknown one."""
        if self.unmet:
            return self.unmet[0].line
        if self.unknown:
            return self.unknown[0].line
        return ELIGIBLE_TEXT


def make_verdict(title: str, conditions: list[Condition] | tuple[Condition, ...]) -> Verdict:
    conds = tuple(conditions)
    result = VERDICT_ELIGIBLE
    for c in conds:  # one unmet condition decides; an unknown one only while none is unmet
        if c.met is False:
            result = VERDICT_NOT_ELIGIBLE
            break
        if c.met is None:
            result = VERDICT_NEEDS_REVIEW
    return Verdict(title, result, conds)


@dataclass(frozen=True, slots=True)
class GradeInfo:
    grade: str
    months_worked: int | None = None


@dataclass(frozen=True, slots=True)
class AwardInfo:
    code: str
    year: int | None
    award_type: str = "CONG_TRANG"
    period_from: int | None = None
    period_to: int | None = None
    decision_date: date | None = None
    revoked: bool = False

    @property
    def last_period_year(self) -> int | None:
        """The last year of the achievement period (X3): stated period, else year, else date."""
        if self.period_to is not None:
            return self.period_to
        if self.year is not None:
            return self.year
        return self.decision_date.year if self.decision_date else None


@dataclass(frozen=True, slots=True)
class DisciplineInfo:
    """A penalty (``severity`` > 0) or a hold (``is_hold``: under review, investigation...).

    A hold ends on ``concluded_on`` (else ``end``); ``cleared`` when it was concluded with no
    violation, ``violation`` when with one: the penalty that resulted is then its own record,
    named by ``penalty`` (empty while it is not recorded). ``name`` is the kind in words.
    """

    kind: str
    start: date
    end: date | None
    severity: int
    is_hold: bool
    cleared: bool = False
    name: str = ""
    concluded_on: date | None = None
    violation: bool = False
    penalty: str = ""

    @property
    def label(self) -> str:
        return self.name or self.kind

    @property
    def until(self) -> date | None:
        """The last day it is in force: a hold's conclusion date, else the end date."""
        return self.concluded_on or self.end

    def overlaps_year(self, year: int) -> bool:
        return self.start <= date(year, 12, 31) and (
            self.end is None or self.end >= date(year, 1, 1)
        )

    def in_force_on(self, day: date) -> bool:
        """Started on or before ``day`` and not ended the day before (the last day counts)."""
        until = self.until
        return self.start <= day and (until is None or until >= day)


@dataclass(frozen=True, slots=True)
class InitiativeUseInfo:
    """An award an initiative supports (recorded in ``initiative_use``, domain.md X6):
    ``issued`` False when it is only the clerk's choice on a proposal not yet decided."""

    code: str  # the title or form
    year: int
    issued: bool = True


@dataclass(frozen=True, slots=True)
class InitiativeInfo:
    id: int
    scope: str
    year: int
    recognized_on: date | None = None
    used_for: tuple[InitiativeUseInfo, ...] = ()  # the awards it supports (or is chosen for)
    title: str = ""


@dataclass(frozen=True)
class PersonHistory:
    person_id: int
    gender: str | None
    active: bool
    grades: Mapping[int, GradeInfo]
    awards: tuple[AwardInfo, ...] = ()
    disciplines: tuple[DisciplineInfo, ...] = ()
    initiatives: tuple[InitiativeInfo, ...] = ()
    manual_unmet: frozenset[str] = field(default_factory=frozenset)
    # Years in the sector (Kỷ niệm chương): the day the person joined, months of
    # interruption, the longest run of consecutive years in mountain or island areas.
    sector_start: date | None = None
    sector_break_months: int | None = None
    remote_area_years: int | None = None
    death_date: date | None = None
    # The day holds and penalties are judged on: the Council session of the year's review,
    # else the review date (None: 31/12 of the year); ``review_is_session`` names which.
    review_on: date | None = None
    review_is_session: bool = False
    # "VC" (viên chức: works in a public service unit) or "CC" (công chức); the grading rules
    # differ from 2026 (Nghị định 335/2025 for công chức). None: not known, as công chức.
    staff_kind: str | None = None

    def review_date(self, year: int) -> date:
        return self.review_on or date(year, 12, 31)

    def review_words(self, year: int) -> str:
        """ "ngày họp Hội đồng 15/12/2025" or "ngày xét 31/12/2025"."""
        return _review_words(self.review_date(year), self.review_is_session)


@lru_cache(maxsize=64)
def _review_words(day: date, session: bool) -> str:
    what = "ngày họp Hội đồng" if session else "ngày xét"
    return f"{what} {day:%d/%m/%Y}"


@dataclass(frozen=True, slots=True)
class MemberSummary:
    """A member of a collective in the year: LĐTT / CSTĐCS include provisional titles.

    ``grade`` is the grade as the person rules see it (X9: a penalty in the year makes it
    KHTNV), ``grade_reason`` why it differs from the imported one, ``name`` for explanations.
    """

    person_id: int
    grade: str | None
    ldtt: bool
    cstdcs: bool
    worst_penalty_severity: int = 0
    grade_reason: str = ""
    name: str = ""


@dataclass(frozen=True, slots=True)
class PredecessorUnit:
    """A unit that became another one: renamed (``RENAME``: its records are its successor's
    own) or merged with others into it (``MERGE``). ``successor_id`` says which unit of the
    lineage it became."""

    unit_id: int
    name: str
    end_reason: str
    successor_id: int
    valid_to: date | None = None
    grades: Mapping[int, str] = field(default_factory=dict)
    awards: tuple[AwardInfo, ...] = ()


@dataclass(frozen=True, slots=True)
class ClusterResult:
    """A unit's place in an emulation cluster or bloc (cụm, khối thi đua) in a year: who
    organises it (UBND_TINH, BO, SO) and the result (DAN_DAU, SUY_TON, KHONG; None while not
    entered)."""

    year: int
    cluster: str
    organiser: str
    result: str | None
    kind: str = "CUM"


@dataclass(frozen=True, slots=True)
class UnitHistory:
    unit_id: int
    grades: Mapping[int, str]
    awards: tuple[AwardInfo, ...] = ()
    members: tuple[MemberSummary, ...] = ()
    manual_unmet: frozenset[str] = field(default_factory=frozenset)
    # the units renamed or merged into this one, with their records (every step back)
    predecessors: tuple[PredecessorUnit, ...] = ()
    # its clusters, and the (year, organiser) pairs for which any cluster is recorded at all
    clusters: tuple[ClusterResult, ...] = ()
    clusters_entered: frozenset[tuple[int, str]] = field(default_factory=frozenset)
