"""What the administrative sign-up checks read, loaded in bulk; flags stored as JSON.

:func:`person_statuses` and :func:`unit_statuses` read whether people left and units ended
(:mod:`app.domain.registration_checks`); the rules of the titles are the engine's
(:mod:`app.services.registration_rules`). :func:`dump_flags` / :func:`load_flags` are the JSON
form of the flags kept on a registration row.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from app.db.models import Person, Unit
from app.domain.registration_checks import Flag, PersonStatus, UnitStatus

__all__ = [
    "dump_flags",
    "load_flags",
    "person_statuses",
    "reference_day",
    "unit_statuses",
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


def person_statuses(session: Session, person_ids: Collection[int]) -> dict[int, PersonStatus]:
    """Whether each person still works in the agency (the sign-up checks' "đã nghỉ")."""
    if not person_ids:
        return {}
    wanted = set(person_ids)
    return {
        pid: PersonStatus(bool(active), left_date, left_reason)
        for pid, active, left_date, left_reason in session.execute(
            select(Person.id, Person.active, Person.left_date, Person.left_reason).where(
                _in(Person.id, person_ids)
            )
        )
        if pid in wanted
    }


def unit_statuses(session: Session, unit_ids: Collection[int]) -> dict[int, UnitStatus]:
    """When each unit ended, if it did."""
    if not unit_ids:
        return {}
    wanted = set(unit_ids)
    return {
        uid: UnitStatus(valid_to)
        for uid, valid_to in session.execute(
            select(Unit.id, Unit.valid_to).where(_in(Unit.id, unit_ids))
        )
        if uid in wanted
    }
