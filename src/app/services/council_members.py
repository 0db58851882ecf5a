"""The members of a Council session by name, and the times and public-comment outcome of its
minutes (migration 0008; domain rules in :mod:`app.domain.council_minutes`).

Entry points:

- :func:`list_members` / :func:`set_members` -- the members named at a session, in the order
  the minutes list them; ``set_members`` replaces the whole list (each change in the audit
  log) and is refused when it disagrees with the session's counts.
- :func:`get_minutes` / :func:`set_minutes` -- when the meeting began and ended, and the outcome
  of the public comment on the candidates.

The "Biên bản họp Hội đồng" reads these through :func:`app.services.review_reports.
council_minutes_data`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import CouncilMember, CouncilSession
from app.domain.council_minutes import (
    ROLE_NAMES,
    MemberInput,
    MinutesInput,
    member_problems,
    minutes_problems,
)
from app.domain.errors import NotFoundError, ValidationError
from app.domain.vntext import clean

__all__ = [
    "MemberRow",
    "get_minutes",
    "list_members",
    "set_members",
    "set_minutes",
]


@dataclass(frozen=True)
class MemberRow:
    id: int
    position: int
    full_name: str
    job_title: str
    role: str
    present: bool
    written_opinion: bool
    note: str

    @property
    def role_name(self) -> str:
        return ROLE_NAMES.get(self.role, self.role)

    def to_input(self) -> MemberInput:
        return MemberInput(
            full_name=self.full_name,
            job_title=self.job_title,
            role=self.role,
            present=self.present,
            written_opinion=self.written_opinion,
            note=self.note,
        )


def _meeting(session: Session, session_id: int) -> CouncilSession:
    meeting = session.get(CouncilSession, session_id)
    if meeting is None:
        raise NotFoundError(f"Không tìm thấy phiên họp Hội đồng id={session_id}")
    return meeting


def _rows(session: Session, session_id: int) -> list[CouncilMember]:
    return list(
        session.scalars(
            select(CouncilMember)
            .where(CouncilMember.session_id == session_id)
            .order_by(CouncilMember.position, CouncilMember.id)
        )
    )


def list_members(session: Session, session_id: int) -> list[MemberRow]:
    """The members named at a session, in their order (empty when none was entered)."""
    _meeting(session, session_id)
    return [
        MemberRow(
            id=row.id,
            position=row.position,
            full_name=row.full_name,
            job_title=row.job_title or "",
            role=row.role,
            present=row.present,
            written_opinion=row.written_opinion,
            note=row.note or "",
        )
        for row in _rows(session, session_id)
    ]


def set_members(
    session: Session, session_id: int, members: Sequence[MemberInput]
) -> list[MemberRow]:
    """Replace the members of a session (an empty list removes them all)."""
    meeting = _meeting(session, session_id)
    problems = member_problems(
        members, meeting.members_total, meeting.present, meeting.written_opinions or 0
    )
    if problems:
        raise ValidationError(problems)
    for row in _rows(session, session_id):
        session.delete(row)
    session.flush()
    for position, member in enumerate(members, start=1):
        session.add(
            CouncilMember(
                session_id=session_id,
                position=position,
                full_name=clean(member.full_name),
                job_title=clean(member.job_title) or None,
                role=member.role,
                present=member.present,
                written_opinion=member.written_opinion and not member.present,
                note=clean(member.note) or None,
            )
        )
    session.flush()
    return list_members(session, session_id)


def get_minutes(session: Session, session_id: int) -> MinutesInput:
    meeting = _meeting(session, session_id)
    return MinutesInput(
        started_at=meeting.started_at,
        ended_at=meeting.ended_at,
        public_comment=meeting.public_comment or "",
    )


def set_minutes(session: Session, session_id: int, data: MinutesInput) -> MinutesInput:
    """Record the times and the public-comment outcome of a session's minutes."""
    meeting = _meeting(session, session_id)
    problems = minutes_problems(data)
    if problems:
        raise ValidationError(problems)
    meeting.started_at = data.started_at
    meeting.ended_at = data.ended_at
    meeting.public_comment = clean(data.public_comment) or None
    session.flush()
    return get_minutes(session, session_id)
