"""Audit log: inserts, updates and deletes are recorded with user and before/after values."""

from __future__ import annotations

import json
from datetime import UTC, date

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.db.models import AuditLog, Person, PersonGrade, Unit


def _person(**kw) -> Person:
    values = dict(
        ho_dem="Nguyễn Văn", ten="An", full_name="Nguyễn Văn An", name_key="nguyen van an"
    )
    values.update(kw)
    return Person(**values)


def test_insert_update_delete_are_audited(database) -> None:
    with database.session_factory.begin() as s:
        p = _person(birth_date=date(1980, 5, 1))
        s.add(p)
        s.flush()
        pid = p.id
    with database.session_factory.begin() as s:
        p = s.get(Person, pid)
        p.ten = "Ân"
        p.full_name = "Nguyễn Văn Ân"
    with database.session_factory.begin() as s:
        s.delete(s.get(Person, pid))
    with database.session_factory() as s:
        rows = s.scalars(
            select(AuditLog).where(AuditLog.table_name == "person").order_by(AuditLog.id)
        ).all()
    assert [r.action for r in rows] == ["INSERT", "UPDATE", "DELETE"]
    assert {r.user for r in rows} == {"kiemthu"}
    assert all(r.record_id == str(pid) for r in rows)
    inserted = json.loads(rows[0].after)
    assert inserted["full_name"] == "Nguyễn Văn An" and inserted["birth_date"] == "1980-05-01"
    before, after = json.loads(rows[1].before), json.loads(rows[1].after)
    assert before == {"ten": "An", "full_name": "Nguyễn Văn An"}
    assert after == {"ten": "Ân", "full_name": "Nguyễn Văn Ân"}
    assert json.loads(rows[2].before)["ten"] == "Ân"
    assert rows[0].at.tzinfo is UTC


def test_rolled_back_change_leaves_no_audit(database) -> None:
    with pytest.raises(IntegrityError), database.session_factory.begin() as s:
        s.add(_person(staff_code="NV1"))
        s.flush()
        s.add(_person(staff_code="NV1", ten="Bình", full_name="Nguyễn Văn Bình"))
        s.flush()
    with database.session_factory() as s:
        assert s.scalars(select(AuditLog).where(AuditLog.table_name == "person")).all() == []
        assert s.scalars(select(Person)).all() == []


def test_created_by_and_updated_by_are_set(database) -> None:
    with database.session_factory.begin() as s:
        p = _person()
        s.add(p)
        s.flush()
        g = PersonGrade(person_id=p.id, year=2025, grade="HTTNV", months_worked=12)
        s.add(g)
        s.flush()
        gid = g.id
    with database.session_factory() as s:
        g = s.get(PersonGrade, gid)
        assert g.created_by == "kiemthu" and g.updated_by == "kiemthu"
        assert g.created_at.tzinfo is UTC


def test_foreign_keys_are_enforced(database) -> None:
    with pytest.raises(IntegrityError), database.session_factory.begin() as s:
        s.add(PersonGrade(person_id=999_999, year=2025, grade="HTTNV"))


def test_unit_successor_cannot_be_itself(database) -> None:
    with pytest.raises(IntegrityError), database.session_factory.begin() as s:
        u = Unit(code="A", full_name="Phòng A", name_key="phong a", kind="PHONG")
        s.add(u)
        s.flush()
        u.successor_id = u.id
        s.flush()
