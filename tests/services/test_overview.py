"""database_overview: real counts of units, people, awards and the years covered."""

from __future__ import annotations

from dataclasses import FrozenInstanceError
from datetime import date

import pytest

from app.db.models import AwardRecord, Person, PersonGrade, Unit, UnitGrade
from app.services.overview import DatabaseOverview, database_overview

TODAY = date(2026, 3, 1)


def _unit(code: str, **kw) -> Unit:
    values = dict(code=code, full_name=f"Đơn vị {code}", name_key=code.lower(), kind="PHONG")
    values.update(kw)
    return Unit(**values)


def _person(n: int, **kw) -> Person:
    values = dict(ho_dem="Trần Thị", ten=f"Hoa{n}", full_name=f"Trần Thị Hoa{n}", name_key=f"h{n}")
    values.update(kw)
    return Person(**values)


def test_empty_database(database) -> None:
    overview = database.context().read(database_overview, today=TODAY)
    assert overview == DatabaseOverview(0, 0, 0, 0, 0, None, None)
    assert overview.is_empty


def test_counts_and_year_range(database) -> None:
    with database.session_factory.begin() as s:
        so = _unit("SO", kind="SO")
        s.add(so)
        s.flush()
        old = _unit("P_CU", parent_id=so.id, valid_to=date(2025, 6, 30), end_reason="MERGE")
        ending_today = _unit("P_HOM_NAY", parent_id=so.id, valid_to=TODAY)
        new = _unit("P_MOI", parent_id=so.id, valid_from=date(2025, 7, 1))
        s.add_all([old, ending_today, new])
        s.flush()
        people = [_person(i) for i in range(5)]
        people.append(_person(99, active=False, left_date=date(2024, 12, 31)))
        s.add_all(people)
        s.flush()
        s.add_all(
            [
                PersonGrade(person_id=people[0].id, year=2023, grade="HTXSNV"),
                PersonGrade(person_id=people[1].id, year=2024, grade="HTTNV"),
                UnitGrade(unit_id=new.id, year=2025, grade="HTXSNV"),
                AwardRecord(
                    subject_kind="CA_NHAN",
                    person_id=people[0].id,
                    catalogue_code="CSTDCS",
                    year=2024,
                ),
                AwardRecord(
                    subject_kind="TAP_THE", unit_id=new.id, catalogue_code="TTLDXS", year=2025
                ),
                # A revoked award counts neither as an award nor for the year range.
                AwardRecord(
                    subject_kind="CA_NHAN",
                    person_id=people[1].id,
                    catalogue_code="CSTDCS",
                    year=2019,
                    revoked=True,
                ),
                # An award without a year (a period award) counts, but adds no year.
                AwardRecord(
                    subject_kind="HO_GIA_DINH",
                    recipient_name="Hộ ông Lê Văn Tám",
                    catalogue_code="GK_SO",
                    year=None,
                ),
            ]
        )

    overview = database.context().read(database_overview, today=TODAY)

    assert overview.units_total == 4
    assert overview.units_current == 3  # the merged unit ended before today
    assert overview.people_total == 6
    assert overview.people_active == 5
    assert overview.awards == 3
    assert (overview.first_year, overview.last_year) == (2023, 2025)
    assert not overview.is_empty


def test_units_current_depends_on_the_day(database) -> None:
    with database.session_factory.begin() as s:
        s.add(_unit("A", valid_to=date(2026, 1, 31)))
        s.add(_unit("B", valid_from=date(2026, 2, 1)))
    ctx = database.context()
    assert ctx.read(database_overview, today=date(2026, 1, 31)).units_current == 1
    assert ctx.read(database_overview, today=date(2026, 2, 1)).units_current == 1
    assert ctx.read(database_overview, today=date(2025, 12, 31)).units_current == 1
    assert ctx.read(database_overview, today=date(2026, 1, 31)).units_total == 2


def test_overview_is_frozen(database) -> None:
    overview = database.context().read(database_overview)
    with pytest.raises(FrozenInstanceError):
        overview.awards = 5  # type: ignore[misc]
