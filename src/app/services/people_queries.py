"""Queries shared by the staff services: the assignment in force, dates read raw."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session

from app.db.models import (
    Assignment,
)


def raw_date(value: object) -> date | None:
    """A date read without SQLAlchemy's per-row processing (ISO text on SQLite, a date elsewhere)."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def current_assignments(
    session: Session, on: date, *, unit_ids: Sequence[int] | None = None
) -> dict[int, tuple[int, str, int]]:
    """person_id -> (unit_id, title, rank) of the assignment in force on ``on`` (else the latest).

    Chosen in SQL with a window function (SQLite 3.25+ and PostgreSQL): one row per person.
    ``unit_ids``: only the people whose assignment so chosen is in one of these units.
    """
    a = Assignment.__table__.c
    in_force = case(
        (
            and_(
                or_(a.start_date.is_(None), a.start_date <= on),
                or_(a.end_date.is_(None), a.end_date >= on),
            ),
            1,
        ),
        else_=0,
    )
    order = func.row_number().over(
        partition_by=a.person_id,
        order_by=(
            in_force.desc(),
            func.coalesce(a.start_date, date(1, 1, 1)).desc(),
            a.position_rank,
            a.id,
        ),
    )
    chosen = select(a.person_id, a.unit_id, a.position_title, a.position_rank, order.label("pick"))
    if unit_ids is not None:  # every assignment of the people ever in these units is ranked
        chosen = chosen.where(a.person_id.in_(select(a.person_id).where(a.unit_id.in_(unit_ids))))
    ranked = chosen.subquery()
    query = select(
        ranked.c.person_id, ranked.c.unit_id, ranked.c.position_title, ranked.c.position_rank
    ).where(ranked.c.pick == 1)
    if unit_ids is not None:
        query = query.where(ranked.c.unit_id.in_(unit_ids))
    rows = session.connection().execute(query).all()
    return {pid: (uid, title or "", rank) for pid, uid, title, rank in rows}
