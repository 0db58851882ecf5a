"""The members of a Council session by name, and the times and public-comment outcome of its
minutes (migration 0008; domain rules in :mod:`app.domain.council_minutes`).

Entry points:

- :func:`list_members` / :func:`set_members` -- the members named at a session, in the order
  the minutes list them; ``set_members`` replaces the whole list (each change in the audit
  log) and is refused when it disagrees with the session's counts.
- :func:`get_minutes` / :func:`set_minutes` -- when the meeting began and ended, and the outcome
  of the public comment on the candidates.
- :func:`session_minutes` / :func:`save_session_minutes` -- both at once, as the "Biên bản họp"
  form of the Council tab edits them: one transaction, refused when another clerk changed the
  session since it was read; the session's chair and secretary follow the members' roles.

The "Biên bản họp Hội đồng" reads these through :func:`app.services.review_reports.
council_minutes_data`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from app.db.models import CouncilMember, CouncilSession
from app.domain.council_minutes import (
    CHAIR,
    DEPUTY,
    ROLE_NAMES,
    SECRETARY,
    MemberInput,
    MinutesInput,
    member_problems,
    minutes_problems,
)
from app.domain.errors import ConflictError, NotFoundError, ValidationError
from app.domain.vntext import clean

__all__ = [
    "MemberRow",
    "SessionMinutes",
    "get_minutes",
    "list_members",
    "save_session_minutes",
    "session_minutes",
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


@dataclass(frozen=True)
class SessionMinutes:
    """What the minutes of one session record besides the votes, with the session's counts
    (the named members must agree with them) and its version (optimistic locking)."""

    session_id: int
    members_total: int
    present: int
    written_opinions: int
    version: int
    members: tuple[MemberInput, ...]
    minutes: MinutesInput


def session_minutes(session: Session, session_id: int) -> SessionMinutes:
    meeting = _meeting(session, session_id)
    return SessionMinutes(
        session_id=session_id,
        members_total=meeting.members_total,
        present=meeting.present,
        written_opinions=meeting.written_opinions or 0,
        version=meeting.version,
        members=tuple(m.to_input() for m in list_members(session, session_id)),
        minutes=get_minutes(session, session_id),
    )


def _presiding(members: Sequence[MemberInput]) -> tuple[str | None, str | None]:
    """ "Name, job" of who chaired (the Chủ tịch present, else a Phó Chủ tịch present) and of
    the secretary, as the minutes name them."""
    chair = next(
        (m for role in (CHAIR, DEPUTY) for m in members if m.role == role and m.present), None
    )
    secretary = next((m for m in members if m.role == SECRETARY), None)
    return (chair.label if chair else None), (secretary.label if secretary else None)


def save_session_minutes(
    session: Session,
    session_id: int,
    members: Sequence[MemberInput],
    minutes: MinutesInput,
    *,
    expected_version: int | None = None,
) -> SessionMinutes:
    """Replace the members and record the times and public-comment outcome of a session.

    ``expected_version``: the session's version the clerk saw; a different one means another
    clerk changed the session meanwhile (:class:`ConflictError`, nothing written). With
    members named, the session's chair and secretary become the members in those roles.
    """
    meeting = _meeting(session, session_id)
    if expected_version is not None and meeting.version != expected_version:
        raise ConflictError()
    set_members(session, session_id, members)
    set_minutes(session, session_id, minutes)
    if members:
        chair, secretary = _presiding(members)
        meeting.chair = chair
        meeting.secretary = secretary
    flag_modified(meeting, "public_comment")  # the session's version grows with its members
    session.flush()
    return session_minutes(session, session_id)
