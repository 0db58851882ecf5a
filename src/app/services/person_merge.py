"""Duplicate records of one person: finding groups and merging them, audited (issue 3)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from app.db.audit import log_action
from app.db.models import (
    Assignment,
    AwardRecord,
    Discipline,
    InitiativeAuthor,
    Person,
    PersonGrade,
    Unit,
)
from app.domain.errors import ValidationError
from app.domain.people import (
    Identity,
    duplicate_reasons,
    group_duplicates,
)
from app.services.people_queries import current_assignments
from app.services.person_record import DuplicateCandidate, load_person

# ---------------------------------------------------------------- duplicates and merge


def duplicate_groups(session: Session) -> list[list[DuplicateCandidate]]:
    """Groups of stored people who may be one person, for the "gộp hồ sơ trùng" screen."""
    rows = session.execute(
        select(
            Person.id,
            Person.full_name,
            Person.birth_date,
            Person.birth_year,
            Person.staff_code,
            Person.citizen_id,
            Person.version,
        )
    ).all()
    ids = [Identity(*r[:-1]) for r in rows]
    versions = {r.id: r.version for r in rows}
    current = current_assignments(session, date.today())
    names = dict(session.execute(select(Unit.id, Unit.full_name)).all())
    out = []
    for group in group_duplicates(ids):
        members = []
        for person in group:
            reasons = sorted(
                {
                    r
                    for other in group
                    if other is not person
                    for r in duplicate_reasons(person, other)
                }
            )
            unit = current.get(person.id or -1)
            members.append(
                DuplicateCandidate(
                    person.id or 0,
                    person.full_name,
                    person.birth_date,
                    person.birth_year,
                    names.get(unit[0], "") if unit else "",
                    tuple(reasons),
                    versions.get(person.id or 0, 0),
                )
            )
        out.append(members)
    return out


def merge_people(
    session: Session, keep_id: int, drop_id: int, *, keep_version: int, drop_version: int
) -> int:
    """Move all history of ``drop_id`` onto ``keep_id`` and delete ``drop_id`` (audited).

    Where both have a grade for the same year, the kept record's grade stays and the other is
    named in the audit note. Empty fields of the kept record are filled from the other.
    ``keep_version``, ``drop_version``: the versions of the two records as the clerk saw them
    (``DuplicateCandidate.version``); when another clerk changed either since, nothing is
    merged (:class:`ConflictError`). Returns the kept record's new version, to merge the next
    record of a group into it in the same transaction.
    """
    if keep_id == drop_id:
        raise ValidationError("Chọn hai hồ sơ khác nhau để gộp")
    keep = load_person(session, keep_id, keep_version)
    drop = load_person(session, drop_id, drop_version)
    notes = [f"Gộp hồ sơ {drop.full_name} (id={drop_id}) vào {keep.full_name} (id={keep_id})"]
    for attr in (
        "gender",
        "birth_date",
        "birth_year",
        "staff_code",
        "citizen_id",
        "subject_category",
        "note",
    ):
        if getattr(keep, attr) is None and getattr(drop, attr) is not None:
            value = getattr(drop, attr)
            if attr in ("staff_code", "citizen_id"):
                setattr(drop, attr, None)  # unique columns: free the value first
                session.flush()
            setattr(keep, attr, value)
    kept_years = set(
        session.scalars(select(PersonGrade.year).where(PersonGrade.person_id == keep_id))
    )
    clash = session.scalars(
        select(PersonGrade).where(
            PersonGrade.person_id == drop_id, PersonGrade.year.in_(kept_years)
        )
    ).all()
    for g in clash:
        notes.append(f"bỏ xếp loại {g.year} ({g.grade}) của hồ sơ bị gộp")
        session.delete(g)
    session.flush()
    session.execute(
        update(PersonGrade)
        .where(PersonGrade.person_id == drop_id)
        .values(person_id=keep_id, version=PersonGrade.version + 1)
    )
    session.execute(
        update(Assignment)
        .where(Assignment.person_id == drop_id)
        .values(person_id=keep_id, version=Assignment.version + 1)
    )
    session.execute(
        update(Discipline)
        .where(Discipline.person_id == drop_id)
        .values(person_id=keep_id, version=Discipline.version + 1)
    )
    session.execute(
        update(AwardRecord)
        .where(AwardRecord.person_id == drop_id)
        .values(person_id=keep_id, version=AwardRecord.version + 1)
    )
    shared = set(
        session.scalars(
            select(InitiativeAuthor.initiative_id).where(InitiativeAuthor.person_id == keep_id)
        )
    )
    session.execute(
        delete(InitiativeAuthor).where(
            InitiativeAuthor.person_id == drop_id, InitiativeAuthor.initiative_id.in_(shared)
        )
    )
    session.execute(
        update(InitiativeAuthor)
        .where(InitiativeAuthor.person_id == drop_id)
        .values(person_id=keep_id)
    )
    if drop.active and not keep.active:
        keep.active, keep.left_date, keep.left_reason = True, None, None
    session.expire_all()
    session.delete(session.get(Person, drop_id))
    session.flush()
    log_action(session, "MERGE", "person", str(keep_id), "; ".join(notes))
    return load_person(session, keep_id).version
