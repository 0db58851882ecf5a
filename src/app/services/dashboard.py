"""The "Tổng quan" page: the year at a glance (figures, deadlines, awards by year and unit).

- :func:`year_figures` -- cheap counts of a year, a few SQL queries: people and units
  registered in the year's campaigns, candidates the Council passed, awards of the year and
  the bonus money of the agency's own decisions (:func:`app.services.money.year_total`).
- :func:`review_figures` -- who is eligible for each main title and who is proposed. It
  evaluates every person and unit of the year (:func:`app.services.review.candidates`), which
  takes seconds on a large department: the GUI runs it in the background on request.
- :func:`deadlines` -- the dates of the year's open campaigns that something is due by, with
  the days left (or past) on a given day.
- :func:`awards_by_year` / :func:`awards_by_unit` -- the data of the two charts.
- :func:`home_figures` -- the cheap figures, the deadlines and the charts at once (one session;
  the GUI reads them off its thread when the page is shown).

Every figure is a real count from the database; nothing is estimated or cached.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date

from sqlalchemy import distinct, func, select
from sqlalchemy.orm import Session

from app.db.models import (
    Assignment,
    AwardRecord,
    Campaign,
    CouncilSession,
    CouncilVote,
    Registration,
    Unit,
    UnitRegistration,
)
from app.domain.campaigns import UnitStatus, review_end
from app.domain.eligibility import PERSON_MAIN_TITLES, UNIT_MAIN_TITLES
from app.domain.errors import DomainError
from app.domain.vntext import clean, vi_sort_key
from app.services import money, review

__all__ = [
    "DEADLINE_END",
    "DEADLINE_REGISTRATION",
    "DEADLINE_REVIEW",
    "PERSON_MAIN_TITLES",
    "SOON_DAYS",
    "UNIT_MAIN_TITLES",
    "UNKNOWN_UNIT",
    "Deadline",
    "ReviewFigures",
    "YearFigures",
    "awards_by_unit",
    "awards_by_year",
    "deadlines",
    "review_figures",
    "year_figures",
]

# The titles every year's review is about (the columns of the "Bình xét" tables).

SOON_DAYS = 7  # a deadline this close (or closer) is "soon"
UNKNOWN_UNIT = "Chưa rõ đơn vị"

CA_NHAN = "CA_NHAN"
TAP_THE = "TAP_THE"

DEADLINE_REGISTRATION = "DANG_KY"
DEADLINE_END = "KET_THUC"
DEADLINE_REVIEW = "BINH_XET"


# --------------------------------------------------------------------------- cheap figures


@dataclass(frozen=True)
class YearFigures:
    """Counts of one year.

    - ``registered_people``: people registered for a title or form in a campaign of the year;
      ``registered_units``: units that registered a collective target (a unit row with no
      target means "Không đăng ký" and is not counted).
    - ``passed_people`` / ``passed_units``: candidates with at least one vote passed in a
      Council session of the year (a person passed for two titles counts once).
    - ``awarded_people`` / ``awarded_units``: people and units holding an award of the year
      (``AwardRecord.year``, the year of the achievement) that is not revoked; ``awards``
      counts those awards (households included).
    - ``money``: the bonus of the agency's own issued or corrected decisions of the year, in
      đồng; ``None`` when it cannot be computed, ``money_problem`` then says why.
    """

    year: int
    campaigns: int
    registered_people: int
    registered_units: int
    passed_people: int
    passed_units: int
    awarded_people: int
    awarded_units: int
    awards: int
    money: int | None
    money_problem: str = ""


def _count(session: Session, stmt: object) -> int:
    return int(session.scalar(stmt) or 0)  # type: ignore[call-overload]


def year_figures(session: Session, year: int) -> YearFigures:
    """The cheap counts of ``year`` (a few queries; see :class:`YearFigures`)."""
    campaigns = select(Campaign.id).where(Campaign.year == year)
    registered_people = _count(
        session,
        select(func.count(distinct(Registration.person_id))).where(
            Registration.campaign_id.in_(campaigns)
        ),
    )
    registered_units = _count(
        session,
        select(func.count(distinct(UnitRegistration.unit_id))).where(
            UnitRegistration.campaign_id.in_(campaigns),
            UnitRegistration.catalogue_code.is_not(None),
        ),
    )
    passed = (
        select(CouncilVote)
        .join(CouncilSession, CouncilSession.id == CouncilVote.session_id)
        .where(CouncilSession.year == year, CouncilVote.passed.is_(True))
        .subquery()
    )
    passed_people = _count(session, select(func.count(distinct(passed.c.person_id))))
    passed_units = _count(session, select(func.count(distinct(passed.c.unit_id))))

    awarded = (AwardRecord.year == year, AwardRecord.revoked.is_(False))
    awarded_people = _count(
        session,
        select(func.count(distinct(AwardRecord.person_id))).where(
            *awarded, AwardRecord.subject_kind == CA_NHAN
        ),
    )
    awarded_units = _count(
        session,
        select(func.count(distinct(AwardRecord.unit_id))).where(
            *awarded, AwardRecord.subject_kind == TAP_THE
        ),
    )
    awards = _count(session, select(func.count()).select_from(AwardRecord).where(*awarded))

    amount: int | None
    problem = ""
    try:
        amount = money.year_total(session, year)
    except DomainError as exc:  # e.g. no base salary for a decision's date
        amount, problem = None, str(exc)
    return YearFigures(
        year=year,
        campaigns=_count(session, select(func.count()).select_from(campaigns.subquery())),
        registered_people=registered_people,
        registered_units=registered_units,
        passed_people=passed_people,
        passed_units=passed_units,
        awarded_people=awarded_people,
        awarded_units=awarded_units,
        awards=awards,
        money=amount,
        money_problem=problem,
    )


# --------------------------------------------------------------------------- the review


@dataclass(frozen=True)
class ReviewFigures:
    """Eligibility and proposals of a year's review (bình xét).

    ``eligible`` maps each main title (people's, then units') to how many are eligible for it;
    ``eligible_people`` / ``eligible_units`` count those eligible for at least one main title.
    ``proposed`` maps each proposed title (the clerk's override when there is one, else the
    computed proposal) to how many are proposed for it, most frequent first.
    """

    year: int
    people: int
    units: int
    eligible: Mapping[str, int]
    eligible_people: int
    eligible_units: int
    proposed: Mapping[str, int]
    proposed_people: int
    proposed_units: int


def review_figures(
    session: Session, year: int, *, progress: Callable[[str, float], None] | None = None
) -> ReviewFigures:
    """Evaluate the whole year (slow: seconds for thousands of people) and count the results."""
    rows = review.candidates(session, year, progress=progress)
    people = [r for r in rows if r.subject == review.PERSON]
    units = [r for r in rows if r.subject == review.UNIT]

    def eligible_any(row: review.CandidateRow, titles: tuple[str, ...]) -> bool:
        return any((v := row.verdicts.get(code)) is not None and v.eligible for code in titles)

    proposed = Counter(r.proposed for r in rows if r.proposed is not None)
    return ReviewFigures(
        year=year,
        people=len(people),
        units=len(units),
        eligible={
            **review.eligible_counts(people, PERSON_MAIN_TITLES),
            **review.eligible_counts(units, UNIT_MAIN_TITLES),
        },
        eligible_people=sum(eligible_any(r, PERSON_MAIN_TITLES) for r in people),
        eligible_units=sum(eligible_any(r, UNIT_MAIN_TITLES) for r in units),
        proposed=dict(proposed.most_common()),
        proposed_people=sum(r.proposed is not None for r in people),
        proposed_units=sum(r.proposed is not None for r in units),
    )


# --------------------------------------------------------------------------- deadlines


@dataclass(frozen=True)
class Deadline:
    """A date of a campaign and what is due by it.

    ``actionable``: something must be done by that day (registrations, the review); the end of
    a campaign is only a date to know. ``days_left`` is negative once the day has passed.
    """

    campaign_id: int
    campaign: str
    kind: str  # DEADLINE_REGISTRATION, DEADLINE_END or DEADLINE_REVIEW
    what: str
    day: date
    days_left: int
    actionable: bool = True
    note: str = ""

    @property
    def overdue(self) -> bool:
        """An actionable deadline that has passed."""
        return self.actionable and self.days_left < 0

    @property
    def soon(self) -> bool:
        """Due today or within :data:`SOON_DAYS` days."""
        return 0 <= self.days_left <= SOON_DAYS

    @property
    def when(self) -> str:
        """ "Hôm nay", "Còn 3 ngày", "Quá hạn 2 ngày" (actionable) or "Đã qua 2 ngày"."""
        n = self.days_left
        if n == 0:
            return "Hôm nay"
        if n > 0:
            return f"Còn {n} ngày"
        return f"Quá hạn {-n} ngày" if self.actionable else f"Đã qua {-n} ngày"


def _unit_submissions(session: Session, campaign_ids: list[int]) -> dict[int, Counter[str]]:
    rows = session.execute(
        select(UnitRegistration.campaign_id, UnitRegistration.status, func.count())
        .where(UnitRegistration.campaign_id.in_(campaign_ids))
        .group_by(UnitRegistration.campaign_id, UnitRegistration.status)
    )
    out: dict[int, Counter[str]] = {}
    for campaign_id, status, n in rows:
        out.setdefault(campaign_id, Counter())[status] = int(n)
    return out


def _submission_note(counts: Counter[str] | None) -> str:
    if not counts:
        return ""
    handed_in = counts[UnitStatus.DA_NOP.value] + counts[UnitStatus.DA_DUYET.value]
    parts = [f"{handed_in} đơn vị đã nộp đăng ký"]
    if counts[UnitStatus.TRA_LAI.value]:
        parts.append(f"{counts[UnitStatus.TRA_LAI.value]} đơn vị được trả lại để bổ sung")
    return ", ".join(parts)


def deadlines(session: Session, year: int, today: date) -> list[Deadline]:
    """The dates of the campaigns of ``year`` that are not closed, earliest first.

    For each campaign: the registration deadline (when set), the end of the campaign (when
    set) and the end of the review period (``review_until``, else 31/01 of the year after the
    end, as :func:`app.domain.campaigns.review_end`). A campaign the secretariat has closed
    has nothing left to do and is left out.
    """
    rows = session.scalars(
        select(Campaign).where(Campaign.year == year, Campaign.closed.is_(False))
    ).all()
    submissions = _unit_submissions(session, [c.id for c in rows])
    out: list[Deadline] = []
    for c in rows:
        # (kind, what, day, actionable, note)
        dates: list[tuple[str, str, date, bool, str]] = []
        if c.registration_deadline is not None:
            note = _submission_note(submissions.get(c.id))
            dates.append(
                (DEADLINE_REGISTRATION, "Hạn đăng ký thi đua", c.registration_deadline, True, note)
            )
        if c.end_date is not None:
            dates.append((DEADLINE_END, "Kết thúc phong trào", c.end_date, False, ""))
        review_day = c.review_until
        note = ""
        if review_day is None and c.end_date is not None:
            review_day = review_end(c.end_date)
            note = "Ngày mặc định: 31/01 năm sau khi phong trào kết thúc"
        if review_day is not None:
            dates.append((DEADLINE_REVIEW, "Hết hạn bình xét", review_day, True, note))
        out.extend(
            Deadline(
                campaign_id=c.id,
                campaign=c.name,
                kind=kind,
                what=what,
                day=day,
                days_left=(day - today).days,
                actionable=actionable,
                note=note,
            )
            for kind, what, day, actionable, note in dates
        )
    out.sort(key=lambda d: (d.day, vi_sort_key(d.campaign), d.campaign_id))
    return out


# --------------------------------------------------------------------------- charts


def awards_by_year(
    session: Session, last_n: int = 10, *, until: int | None = None
) -> list[tuple[int, int, int]]:
    """(year, individual awards, collective awards) for the last ``last_n`` years up to
    ``until`` (default: the latest year holding an award), oldest first.

    Awards that are not revoked, counted by ``AwardRecord.year`` (the year of the
    achievement). The range starts no earlier than the first year holding an award; years
    without any inside it are listed with zeros. Household awards are in neither column.
    """
    if last_n < 1:
        return []
    rows = session.execute(
        select(AwardRecord.year, AwardRecord.subject_kind, func.count())
        .where(AwardRecord.revoked.is_(False), AwardRecord.year.is_not(None))
        .group_by(AwardRecord.year, AwardRecord.subject_kind)
    ).all()
    if not rows:
        return []
    counts: dict[tuple[int, str], int] = {}
    for y, kind, n in rows:
        if y is not None:  # excluded by the query; keeps the type checker informed
            counts[(y, kind)] = int(n)
    years = [y for y, _kind in counts]
    last = until if until is not None else max(years)
    first = max(min(years), last - last_n + 1)
    return [
        (y, counts.get((y, CA_NHAN), 0), counts.get((y, TAP_THE), 0))
        for y in range(first, last + 1)
    ]


def _units_at_year_end(session: Session, year: int, person_ids: object) -> dict[int, str]:
    """person_id -> name of the unit the person worked in on 31/12 of ``year``: the
    assignment in force that day (the latest started when several), else the last one that
    started by then. People without such an assignment are missing."""
    end = date(year, 12, 31)
    rows = session.execute(
        select(
            Assignment.person_id,
            Assignment.start_date,
            Assignment.end_date,
            Assignment.id,
            Unit.full_name,
        )
        .join(Unit, Unit.id == Assignment.unit_id)
        .where(Assignment.person_id.in_(person_ids))  # type: ignore[arg-type]
    )
    best: dict[int, tuple[tuple[bool, date, int], str]] = {}
    for pid, start, stop, aid, name in rows:
        if start is not None and start > end:
            continue  # began after the year: not where the award was earned
        in_force = stop is None or stop >= end
        key = (in_force, start or date.min, aid)
        if pid not in best or key > best[pid][0]:
            best[pid] = (key, name)
    return {pid: name for pid, (_key, name) in best.items()}


def awards_by_unit(session: Session, year: int, top: int = 15) -> list[tuple[str, int]]:
    """(unit name, awards) of ``year`` for the ``top`` units with most awards, most first
    (equal counts in Vietnamese alphabetical order). Revoked awards are not counted.

    A collective award counts to the unit itself. A person's award counts to the unit the
    person worked in at the end of the award's year (the assignment in force on 31/12,
    else the last one begun by then), under that unit row's name -- a unit renamed or merged
    later keeps its old row and old name, so the award stays with the unit as it was then.
    The assignment is preferred to ``AwardRecord.unit_text`` because that text is typed or
    imported free text (spelled differently from one list to the next, often empty), while
    the assignment points to the unit's row. ``unit_text`` is used only for people without an
    assignment by then (history imported for people whose career was not entered), then
    "Chưa rõ đơn vị". Household awards are not counted.
    """
    if top < 1:
        return []
    year_awards = (
        AwardRecord.year == year,
        AwardRecord.revoked.is_(False),
    )
    collective = session.execute(
        select(Unit.full_name, func.count())
        .join(AwardRecord, AwardRecord.unit_id == Unit.id)
        .where(*year_awards, AwardRecord.subject_kind == TAP_THE)
        .group_by(Unit.id, Unit.full_name)
    ).all()
    counts: Counter[str] = Counter()
    for name, n in collective:
        counts[name] += int(n)

    personal = session.execute(
        select(AwardRecord.person_id, AwardRecord.unit_text).where(
            *year_awards, AwardRecord.subject_kind == CA_NHAN
        )
    ).all()
    awarded = select(AwardRecord.person_id).where(*year_awards, AwardRecord.subject_kind == CA_NHAN)
    units = _units_at_year_end(session, year, awarded)
    for person_id, unit_text in personal:
        unit = units.get(person_id) if person_id is not None else None
        counts[unit or clean(unit_text) or UNKNOWN_UNIT] += 1

    ranked = sorted(counts.items(), key=lambda item: (-item[1], vi_sort_key(item[0])))
    return ranked[:top]


@dataclass(frozen=True)
class HomeFigures:
    """What the home page shows without evaluating the year (see :func:`home_figures`)."""

    figures: YearFigures
    deadlines: list[Deadline]
    by_year: list[tuple[int, int, int]]
    by_unit: list[tuple[str, int]]


def home_figures(
    session: Session, year: int, today: date, *, years: int = 10, units: int = 15
) -> HomeFigures:
    """The cheap figures and deadlines of ``year`` on ``today``, the awards of the ``years``
    years up to it and of its ``units`` units with most awards."""
    return HomeFigures(
        year_figures(session, year),
        deadlines(session, year, today),
        awards_by_year(session, years, until=year),
        awards_by_unit(session, year, units),
    )
