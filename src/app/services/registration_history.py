"""What the registration checks read, loaded in bulk; flags stored as JSON.

:func:`person_histories` and :func:`unit_histories` build the small history DTOs of
:mod:`app.domain.registration_checks` (grades, awards, penalties and holds, end of a unit) for
many people or units at once; :func:`dump_flags` / :func:`load_flags` are the JSON form of the
flags kept on a registration row.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from app.db.models import AwardRecord, Discipline, Person, PersonGrade, Unit, UnitGrade
from app.domain.codes import SubjectKind
from app.domain.registration_checks import AwardFact, Flag, PenaltyFact, PersonHistory, UnitHistory
from app.services.reference import codes

__all__ = [
    "dump_flags",
    "load_flags",
    "person_histories",
    "reference_day",
    "unit_histories",
]


# ---------------------------------------------------------------- flags as JSON


def dump_flags(flags: Iterable[Flag]) -> str | None:
    items = [{"code": f.code, "message": f.message} for f in flags]
    return json.dumps(items, ensure_ascii=False) if items else None


def load_flags(text: str | None) -> tuple[Flag, ...]:
    if not text:
        return ()
    try:
        items = json.loads(text)
    except ValueError:
        return ()
    return tuple(Flag(str(i.get("code", "")), str(i.get("message", ""))) for i in items)


def reference_day(year: int, today: date | None = None) -> date:
    """The day whose units and positions a list of ``year`` shows: today, kept inside the year."""
    today = today or date.today()
    return min(max(today, date(year, 1, 1)), date(year, 12, 31))


def _in(column: InstrumentedAttribute[Any], ids: Collection[int]) -> ColumnElement[bool]:
    """``column IN ids`` for a modest list, ``True`` (no filter) for a large one."""
    return column.in_(list(ids)) if len(ids) <= 500 else column.is_not(None)


def person_histories(session: Session, person_ids: Collection[int]) -> dict[int, PersonHistory]:
    """What the registration checks read about each person (grades, awards, penalties)."""
    if not person_ids:
        return {}
    kind_names = {e.code: e.name for e in codes().table("discipline_kinds")}
    grades: dict[int, dict[int, str]] = {}
    for pid, year, grade in session.execute(
        select(PersonGrade.person_id, PersonGrade.year, PersonGrade.grade).where(
            _in(PersonGrade.person_id, person_ids)
        )
    ):
        grades.setdefault(pid, {})[year] = grade
    awards: dict[int, list[AwardFact]] = {}
    for owner, code, award_year, to_year, award_type, revoked in session.execute(
        select(
            AwardRecord.person_id,
            AwardRecord.catalogue_code,
            AwardRecord.year,
            AwardRecord.period_to_year,
            AwardRecord.award_type,
            AwardRecord.revoked,
        ).where(
            AwardRecord.subject_kind == SubjectKind.CA_NHAN.value,
            _in(AwardRecord.person_id, person_ids),
        )
    ):
        if owner is not None:
            awards.setdefault(owner, []).append(
                AwardFact(code, award_year or to_year, award_type, revoked)
            )
    penalties: dict[int, list[PenaltyFact]] = {}
    for pid, kind, start, end in session.execute(
        select(
            Discipline.person_id, Discipline.kind, Discipline.start_date, Discipline.end_date
        ).where(_in(Discipline.person_id, person_ids))
    ):
        penalties.setdefault(pid, []).append(
            PenaltyFact(kind, kind_names.get(kind, kind), start, end)
        )
    out: dict[int, PersonHistory] = {}
    wanted = set(person_ids)
    for pid, active, left_date, left_reason in session.execute(
        select(Person.id, Person.active, Person.left_date, Person.left_reason).where(
            _in(Person.id, person_ids)
        )
    ):
        if pid not in wanted:
            continue
        out[pid] = PersonHistory(
            active=active,
            left_date=left_date,
            left_reason=left_reason,
            grades=grades.get(pid, {}),
            awards=tuple(awards.get(pid, ())),
            penalties=tuple(penalties.get(pid, ())),
        )
    return out


def unit_histories(session: Session, unit_ids: Collection[int]) -> dict[int, UnitHistory]:
    if not unit_ids:
        return {}
    grades: dict[int, dict[int, str]] = {}
    for uid, year, grade in session.execute(
        select(UnitGrade.unit_id, UnitGrade.year, UnitGrade.grade).where(
            _in(UnitGrade.unit_id, unit_ids)
        )
    ):
        grades.setdefault(uid, {})[year] = grade
    awards: dict[int, list[AwardFact]] = {}
    for owner, code, award_year, to_year, award_type, revoked in session.execute(
        select(
            AwardRecord.unit_id,
            AwardRecord.catalogue_code,
            AwardRecord.year,
            AwardRecord.period_to_year,
            AwardRecord.award_type,
            AwardRecord.revoked,
        ).where(
            AwardRecord.subject_kind == SubjectKind.TAP_THE.value,
            _in(AwardRecord.unit_id, unit_ids),
        )
    ):
        if owner is not None:
            awards.setdefault(owner, []).append(
                AwardFact(code, award_year or to_year, award_type, revoked)
            )
    out: dict[int, UnitHistory] = {}
    for uid, valid_to in session.execute(
        select(Unit.id, Unit.valid_to).where(_in(Unit.id, unit_ids))
    ):
        if uid in unit_ids:
            out[uid] = UnitHistory(
                valid_to=valid_to, grades=grades.get(uid, {}), awards=tuple(awards.get(uid, ()))
            )
    return out
