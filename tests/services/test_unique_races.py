"""Two clerks writing the same unique value at the same moment (each checked it was free, then
both save): the database's unique constraint refuses the second save, and the clerk reads why
in Vietnamese ("số đã dùng"), not a raw IntegrityError; nothing of that save is written.

The race is made deterministic: right after clerk B's service checked the value, clerk A's
save runs and commits (SQLite here; PostgreSQL when ``TDKT_TEST_DB_URL`` is set)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import Decision, DecisionRecipient, Person
from app.domain.errors import ConflictError
from app.domain.people import PersonInput
from app.services import decision_lifecycle, person_record
from app.services import people as people_svc
from app.services.context import AppContext
from decision_factory import build_agency

NUMBER = "05/QĐ-SNNMT"


@pytest.fixture
def ctx(database) -> AppContext:
    return database.context()


def _draft(s: Session, person_id: int) -> int:
    decision = Decision(
        year=2026,
        authority="Giám đốc Sở Nông nghiệp và Môi trường",
        catalogue_code="GK_SO",
        status="DRAFT",
        origin="OWN",
        period_from_year=2025,
        period_to_year=2025,
    )
    s.add(decision)
    s.flush()
    s.add(
        DecisionRecipient(
            decision_id=decision.id,
            position=1,
            subject_kind="CA_NHAN",
            person_id=person_id,
            catalogue_code="GK_SO",
        )
    )
    s.flush()
    return decision.id


def test_two_clerks_issuing_the_same_decision_number(
    ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    def build(s: Session) -> tuple[int, int]:
        agency = build_agency(s)
        people = list(agency.people.values())
        return _draft(s, people[0]), _draft(s, people[1])

    mine, theirs = ctx.write(build)
    real_check = decision_lifecycle.check_number
    raced: list[bool] = []

    def check_then_race(session: Session, *args: Any, **kwargs: Any) -> list[str]:
        problems = real_check(session, *args, **kwargs)  # free when B looks...
        if not raced:
            raced.append(True)  # ...and A issues the same number now
            ctx.write(
                decision_lifecycle.issue, theirs, number=NUMBER, decision_date=date(2026, 3, 2)
            )
        return problems

    monkeypatch.setattr(decision_lifecycle, "check_number", check_then_race)
    with pytest.raises(ConflictError) as caught:
        ctx.write(decision_lifecycle.issue, mine, number=NUMBER, decision_date=date(2026, 3, 2))
    assert "số đã dùng" in str(caught.value) and "IntegrityError" not in str(caught.value)
    with ctx.session_factory() as s:
        statuses = dict(s.execute(select(Decision.id, Decision.status)).all())
        numbers = dict(s.execute(select(Decision.id, Decision.number)).all())
    assert (statuses[theirs], numbers[theirs]) == ("ISSUED", NUMBER)
    assert (statuses[mine], numbers[mine]) == ("DRAFT", None)  # nothing of B's issue written


def test_two_clerks_giving_two_people_the_same_cccd(
    ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    def build(s: Session) -> tuple[int, int]:
        a = people_svc.create_person(s, PersonInput(ho_dem="Lê Văn", ten="An", birth_year=1980))
        b = people_svc.create_person(s, PersonInput(ho_dem="Trần Thị", ten="Bình", birth_year=1985))
        return a, b

    an, binh = ctx.write(build)
    real_find = person_record.find_duplicates
    raced: list[bool] = []

    def find_then_race(session: Session, *args: Any, **kwargs: Any) -> Any:
        found = real_find(session, *args, **kwargs)  # B's check: nobody has that CCCD...
        if not raced:
            raced.append(True)  # ...while A saves it for An
            shown = ctx.read(people_svc.get_person, an)
            data = PersonInput(**{**shown.data.__dict__, "citizen_id": "001085012345"})
            ctx.write(people_svc.update_person, an, data, expected_version=shown.version)
        return found

    monkeypatch.setattr(person_record, "find_duplicates", find_then_race)
    shown = ctx.read(people_svc.get_person, binh)
    data = PersonInput(**{**shown.data.__dict__, "citizen_id": "001085012345"})
    with pytest.raises(ConflictError) as caught:
        ctx.write(people_svc.update_person, binh, data, expected_version=shown.version)
    assert "CCCD" in str(caught.value) and "đã dùng" in str(caught.value)
    with ctx.session_factory() as s:
        owners = dict(s.execute(select(Person.id, Person.citizen_id)).all())
    assert owners == {an: "001085012345", binh: None}
