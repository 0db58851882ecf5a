"""The demo's year under review: grades and sign-ups, no awards yet."""

from __future__ import annotations

from sqlalchemy import func, select

from app.db.models import AwardRecord, PersonGrade, Registration, UnitRegistration
from app.services.campaigns import regular_campaign
from app.services.demo import DemoOptions, build_demo
from app.services.review import candidates


def test_review_year_has_grades_and_sign_ups_but_no_awards(database) -> None:
    with database.session_factory.begin() as s:
        summary = build_demo(s, DemoOptions(people=150, years=3, review_year=True))
    year = summary.last_year + 1
    with database.session_factory() as s:
        grades = s.scalar(select(func.count()).where(PersonGrade.year == year))
        awards = s.scalar(select(func.count()).where(AwardRecord.year == year))
        campaign = regular_campaign(s, year)
        assert campaign is not None
        people = s.scalar(select(func.count()).where(Registration.campaign_id == campaign.id))
        units = s.scalar(select(func.count()).where(UnitRegistration.campaign_id == campaign.id))
        rows = candidates(s, year)
    assert grades and not awards
    assert 0 < people <= grades and units > 0
    registered = [r for r in rows if r.registered is not None]
    assert len([r for r in registered if r.subject == "person"]) == people
    assert any(r.proposed is not None for r in rows), "the review proposes titles"


def test_same_seed_same_review_year(tmp_path) -> None:
    from app.config import sqlite_url
    from app.services.database import open_database

    counts = []
    for name in ("a", "b"):
        db = open_database(sqlite_url(tmp_path / f"{name}.sqlite"), backup_folder=tmp_path)
        with db.session_factory.begin() as s:
            build_demo(s, DemoOptions(people=100, years=2, review_year=True))
            counts.append(
                sorted(s.execute(select(Registration.person_id, Registration.catalogue_code)))
            )
        db.dispose()
    assert counts[0] == counts[1]


def test_full_demo_history_is_in_the_decision_register(database) -> None:
    from app.db.models import Decision

    with database.session_factory.begin() as s:
        build_demo(s, DemoOptions(people=120, years=2, review_year=True))
    with database.session_factory() as s:
        numbered = s.scalar(
            select(func.count()).where(
                AwardRecord.decision_number.is_not(None), AwardRecord.decision_id.is_(None)
            )
        )
        decisions = s.scalar(select(func.count()).select_from(Decision))
    assert decisions and numbered == 0
