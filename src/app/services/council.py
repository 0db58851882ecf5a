"""Council sessions and their votes: stored with the threshold used and the result (issue 5)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import CouncilSession, CouncilVote, Person, Unit
from app.domain.council import Ballots, SessionCounts, check_ballots, check_session, vote_result
from app.domain.errors import NotFoundError, ValidationError
from app.domain.vntext import clean
from app.services.eligibility import rule_sets
from app.services.reference import catalogue


@dataclass(frozen=True)
class SessionInput:
    year: int
    meeting_date: date
    members_total: int
    present: int
    written_opinions: int = 0
    place: str | None = None
    chair: str | None = None
    secretary: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class VoteRow:
    id: int
    subject: str  # "person" or "unit"
    subject_id: int
    name: str
    title: str
    ballots: Ballots
    threshold_pct: Decimal
    majority_rule: bool
    percent: Decimal
    passed: bool


def create_session(session: Session, data: SessionInput) -> int:
    """Record a Council meeting; refused when too few members are present to vote on awards."""
    rules = rule_sets().for_year(data.year)
    problems = check_session(
        SessionCounts(data.members_total, data.present, data.written_opinions), rules
    )
    if problems:
        raise ValidationError(problems)
    row = CouncilSession(
        year=data.year,
        meeting_date=data.meeting_date,
        members_total=data.members_total,
        present=data.present,
        written_opinions=data.written_opinions,
        place=clean(data.place) or None,
        chair=clean(data.chair) or None,
        secretary=clean(data.secretary) or None,
        note=clean(data.note) or None,
    )
    session.add(row)
    session.flush()
    return row.id


def _load(session: Session, session_id: int) -> CouncilSession:
    row = session.get(CouncilSession, session_id)
    if row is None:
        raise NotFoundError(f"Không tìm thấy phiên họp Hội đồng id={session_id}")
    return row


def record_vote(
    session: Session,
    session_id: int,
    title: str,
    ballots: Ballots,
    *,
    person_id: int | None = None,
    unit_id: int | None = None,
    note: str | None = None,
) -> VoteRow:
    """Store (or correct) the ballots of one candidate; the result uses the session year's rules."""
    meeting = _load(session, session_id)
    if (person_id is None) == (unit_id is None):
        raise ValidationError("Chọn một cá nhân hoặc một tập thể")
    if title not in catalogue():
        raise ValidationError(f"Không có danh hiệu/hình thức '{title}'")
    counts = SessionCounts(meeting.members_total, meeting.present, meeting.written_opinions)
    problems = check_ballots(ballots, counts)
    if problems:
        raise ValidationError(problems)
    result = vote_result(title, ballots, counts, rule_sets().for_year(meeting.year))
    row = session.scalar(
        select(CouncilVote).where(
            CouncilVote.session_id == session_id,
            CouncilVote.title == title,
            CouncilVote.person_id.is_(None)
            if person_id is None
            else CouncilVote.person_id == person_id,
            CouncilVote.unit_id.is_(None) if unit_id is None else CouncilVote.unit_id == unit_id,
        )
    )
    if row is None:
        row = CouncilVote(session_id=session_id, person_id=person_id, unit_id=unit_id, title=title)
        session.add(row)
    row.issued, row.returned, row.valid, row.in_favour = (
        ballots.issued,
        ballots.returned,
        ballots.valid,
        ballots.in_favour,
    )
    row.threshold_pct = result.threshold
    row.majority_rule = result.threshold_is_majority
    row.passed = result.passed
    row.note = clean(note) or None
    session.flush()
    return _row(session, row)


def _row(session: Session, vote: CouncilVote) -> VoteRow:
    meeting = _load(session, vote.session_id)
    if vote.person_id is not None:
        person = session.get(Person, vote.person_id)
        subject, subject_id, name = "person", vote.person_id, person.full_name if person else ""
    else:
        unit = session.get(Unit, vote.unit_id)
        subject, subject_id, name = "unit", vote.unit_id or 0, unit.full_name if unit else ""
    percent = (Decimal(vote.in_favour * 100) / Decimal(max(1, meeting.members_total))).quantize(
        Decimal("0.1")
    )
    return VoteRow(
        id=vote.id,
        subject=subject,
        subject_id=subject_id,
        name=name,
        title=vote.title,
        ballots=Ballots(vote.issued, vote.returned, vote.valid, vote.in_favour),
        threshold_pct=Decimal(vote.threshold_pct),
        majority_rule=vote.majority_rule,
        percent=percent,
        passed=vote.passed,
    )


def list_votes(session: Session, session_id: int) -> list[VoteRow]:
    _load(session, session_id)
    votes = session.scalars(
        select(CouncilVote).where(CouncilVote.session_id == session_id).order_by(CouncilVote.id)
    )
    return [_row(session, v) for v in votes]


def passed_candidates(session: Session, year: int, title: str) -> list[VoteRow]:
    """Candidates who passed the vote for ``title`` in a session of ``year`` (for the decision)."""
    votes = session.scalars(
        select(CouncilVote)
        .join(CouncilSession, CouncilSession.id == CouncilVote.session_id)
        .where(
            CouncilSession.year == year, CouncilVote.title == title, CouncilVote.passed.is_(True)
        )
        .order_by(CouncilVote.id)
    )
    return [_row(session, v) for v in votes]
