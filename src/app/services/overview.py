"""Figures that describe a whole database at a glance (the "Đơn vị & cán bộ" page, the About box).

Every figure is a real count from the database; nothing is estimated or cached.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, or_, select, union_all
from sqlalchemy.orm import Session

from app.db.models import AwardRecord, Person, PersonGrade, Unit, UnitGrade


@dataclass(frozen=True)
class DatabaseOverview:
    """Counts of a database.

    - ``units_current``: units in existence on ``today`` (started on or before it, not ended
      before it); ``units_total`` also counts renamed, merged, dissolved and future units.
    - ``people_active``: people still working (``active``); ``people_total`` everyone on record.
    - ``awards``: award records that are not revoked.
    - ``first_year`` / ``last_year``: the range of years holding grades or awards (of a person
      or a collective), ``None`` when there are none.
    """

    units_current: int
    units_total: int
    people_active: int
    people_total: int
    awards: int
    first_year: int | None
    last_year: int | None

    @property
    def is_empty(self) -> bool:
        """True when the database holds no units and no people (a new, empty file)."""
        return self.units_total == 0 and self.people_total == 0


def database_overview(session: Session, *, today: date | None = None) -> DatabaseOverview:
    """Count units, people, awards and the years covered by grades and awards."""
    today = today or date.today()

    units_total = session.scalar(select(func.count()).select_from(Unit)) or 0
    units_current = (
        session.scalar(
            select(func.count())
            .select_from(Unit)
            .where(
                or_(Unit.valid_from.is_(None), Unit.valid_from <= today),
                or_(Unit.valid_to.is_(None), Unit.valid_to >= today),
            )
        )
        or 0
    )
    people_total = session.scalar(select(func.count()).select_from(Person)) or 0
    people_active = (
        session.scalar(select(func.count()).select_from(Person).where(Person.active.is_(True))) or 0
    )
    awards = (
        session.scalar(
            select(func.count()).select_from(AwardRecord).where(AwardRecord.revoked.is_(False))
        )
        or 0
    )

    years = union_all(
        select(PersonGrade.year.label("year")),
        select(UnitGrade.year.label("year")),
        select(AwardRecord.year.label("year")).where(
            AwardRecord.year.is_not(None), AwardRecord.revoked.is_(False)
        ),
    ).subquery()
    first_year, last_year = session.execute(
        select(func.min(years.c.year), func.max(years.c.year))
    ).one()

    return DatabaseOverview(
        units_current=units_current,
        units_total=units_total,
        people_active=people_active,
        people_total=people_total,
        awards=awards,
        first_year=first_year,
        last_year=last_year,
    )
