"""The person record keeps how a hold ended (and the penalty that resulted) and the years in
the sector; the eligibility engine reads them back."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select

from app.db.models import Discipline, Person
from app.domain.errors import ValidationError
from app.domain.people import PersonInput
from app.domain.person_facts import DisciplineFacts, SectorFacts
from app.services import people as svc


@pytest.fixture
def person(database) -> int:
    with database.session_factory.begin() as s:
        return svc.create_person(
            s,
            PersonInput("Lê Thị", "Hồng", gender="NU", birth_date=date(1980, 9, 2)),
            sector=SectorFacts(date(2005, 8, 1), 6, 3, None),
        )


def hold(**kw) -> DisciplineFacts:
    return DisciplineFacts("XEM_XET_KY_LUAT", date(2025, 5, 1), **kw)


def test_sector_facts_round_trip(database, person) -> None:
    with database.session_factory() as s:
        assert svc.get_person(s, person).sector == SectorFacts(date(2005, 8, 1), 6, 3, None)
    with database.session_factory.begin() as s:
        shown = svc.get_person(s, person)
        data = shown.data
        svc.update_person(
            s,
            person,
            data,
            expected_version=shown.version,
            sector=SectorFacts(date(2005, 8, 1), None, 2, None),
        )
    with database.session_factory.begin() as s:
        svc.update_person(s, person, data, expected_version=shown.version + 1)  # sector kept
        row = s.get(Person, person)
        assert (row.sector_break_months, row.remote_area_years) == (None, 2)
    with database.session_factory.begin() as s, pytest.raises(ValidationError) as err:
        svc.update_person(
            s, person, data, expected_version=row.version, sector=SectorFacts(date(1979, 1, 1))
        )
    assert err.value.problems == ["Ngày vào ngành trước ngày sinh"]


def test_conclusion_with_violation_records_the_penalty(database, person) -> None:
    with database.session_factory.begin() as s:
        hold_id = svc.add_discipline(s, person, "", date.min, facts=hold())
    found = hold(
        outcome="CO_VI_PHAM",
        concluded_on=date(2025, 9, 1),
        penalty_kind="CANH_CAO",
        penalty_end=date(2026, 8, 31),
    )
    with database.session_factory.begin() as s:
        svc.update_discipline(s, hold_id, found, expected_version=1)
    with database.session_factory() as s:
        rows = {d.id: d for d in svc.get_person(s, person).disciplines}
        h = rows[hold_id]
        assert (h.outcome, h.concluded_on, h.penalty_kind) == (
            "CO_VI_PHAM",
            date(2025, 9, 1),
            "CANH_CAO",
        )
        penalty = rows[h.penalty_id]
        assert (penalty.kind, penalty.start_date, penalty.end_date) == (
            "CANH_CAO",
            date(2025, 9, 1),
            date(2026, 8, 31),
        )
        assert h.facts() == replace(found, penalty_start=date(2025, 9, 1))
    # the conclusion changed: no violation after all, the penalty goes
    with database.session_factory.begin() as s:
        svc.update_discipline(
            s,
            hold_id,
            hold(outcome="KHONG_VI_PHAM", concluded_on=date(2025, 9, 1)),
            expected_version=s.get(Discipline, hold_id).version,
        )
    with database.session_factory() as s:
        left = s.scalars(select(Discipline).where(Discipline.person_id == person)).all()
        assert [(d.kind, d.outcome, d.penalty_id) for d in left] == [
            ("XEM_XET_KY_LUAT", "KHONG_VI_PHAM", None)
        ]


def test_invalid_conclusion_is_refused(database, person) -> None:
    with database.session_factory.begin() as s, pytest.raises(ValidationError) as err:
        svc.add_discipline(s, person, "", date.min, facts=hold(outcome="CO_VI_PHAM"))
    assert err.value.problems == [
        "Chưa nhập ngày kết luận",
        "Kết luận có vi phạm: chưa chọn hình thức kỷ luật đã áp dụng",
    ]
    with database.session_factory() as s:
        assert svc.get_person(s, person).disciplines == []


def test_plain_arguments_still_record_a_penalty(database, person) -> None:
    with database.session_factory.begin() as s:
        svc.add_discipline(s, person, "KHIEN_TRACH", date(2024, 3, 1), date(2024, 8, 31), "5/QĐ")
    with database.session_factory() as s:
        (d,) = svc.get_person(s, person).disciplines
    assert (d.kind, d.end_date, d.decision_number, d.outcome) == (
        "KHIEN_TRACH",
        date(2024, 8, 31),
        "5/QĐ",
        None,
    )
