"""Each group's own work goes through with its rights alone (issue 19): the Council's secretary
records a session and its votes, a leader drafts from them, issues, corrects and revokes the
decision, a clerk enters people. Runs with ``TDKT_TEST_DB_URL`` (``.ci/postgres.sh``); the rights
on SQLite are not limited."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from app.db.engine import make_engine, make_session_factory
from app.db.models import AuditLog, AwardRecord
from app.domain.council import Ballots
from app.domain.people import PersonInput
from app.domain.units import UnitInput
from app.services import accounts, council
from app.services import decisions as svc
from app.services import people as people_svc
from app.services import units as unit_svc
from app.services.database import Database
from app.services.settings import save_agency
from decision_factory import AGENCY
from server_roles import url_as


@pytest.fixture
def signed_in(database: Database) -> Iterator[dict[str, sessionmaker[Session]]]:
    """A session factory per group, each signed in as a fresh account of that group only."""
    if database.engine.dialect.name != "postgresql":
        pytest.skip("kiểm thử riêng cho PostgreSQL (TDKT_TEST_DB_URL)")
    with database.session_factory.begin() as s:
        accounts.setup_roles(s)
    engines, factories = [], {}
    for group in accounts.WRITER_GROUPS:
        name = "ql_" + group.replace("-", "_")
        with database.engine.begin() as conn:
            conn.execute(text(f'DROP ROLE IF EXISTS "{name}"'))
        with database.session_factory.begin() as s:
            accounts.add_user(s, name, group, "mat-khau")
        engine = make_engine(url_as(database.url, name))
        engines.append(engine)
        factories[group] = make_session_factory(engine)
    yield factories
    for engine in engines:
        engine.dispose()


def test_council_then_decision_each_by_its_own_group(
    database: Database, signed_in: dict[str, sessionmaker[Session]]
) -> None:
    staff, secretary, leader, admin = (signed_in[g] for g in accounts.WRITER_GROUPS)
    with admin.begin() as s:
        save_agency(s, AGENCY, expected_version=0)
    with staff.begin() as s:
        root = unit_svc.create_unit(s, UnitInput(code="SO", full_name="Sở", kind="CO_QUAN"))
        office = unit_svc.create_unit(
            s, UnitInput(code="VP", full_name="Văn phòng Sở", parent_id=root.id, kind="VAN_PHONG")
        )
        people = [
            people_svc.create_person(
                s,
                PersonInput(ho_dem=ho, ten=ten),
                unit_id=office.id,
                position_title="Chuyên viên",
                start_date=date(2015, 1, 1),
            )
            for ho, ten in (("Nguyễn Văn", "An"), ("Trần Thị", "Bình"))
        ]
    with secretary.begin() as s:
        sid = council.create_session(
            s,
            council.SessionInput(
                year=2025, meeting_date=date(2025, 12, 20), members_total=15, present=15
            ),
        )
        for pid in people:
            council.record_vote(s, sid, "CSTDCS", Ballots(15, 15, 15, 14), person_id=pid)
    with leader.begin() as s:
        d = svc.create_from_council(s, 2025, "CSTDCS")
    with pytest.raises(DBAPIError, match="permission denied"), staff.begin() as s:
        svc.issue(s, d.id, number=svc.next_number(s, d.year), decision_date=date.today())
    with leader.begin() as s:
        d = svc.issue(
            s,
            d.id,
            number=svc.next_number(s, d.year),
            decision_date=date.today(),
            expected_version=d.version,
        )
    with leader.begin() as s:
        d = svc.correct(
            s,
            d.id,
            document="20/QĐ-SNNMT",
            correction_date=date.today(),
            note="Sửa số quyết định",
            number=svc.next_number(s, d.year),
            expected_version=d.version,
        )
    with pytest.raises(DBAPIError, match="permission denied"), staff.begin() as s:
        svc.revoke(s, d.id, document="21/QĐ", revoke_date=date.today(), reason="Sai")
    with leader.begin() as s:
        d = svc.revoke(
            s,
            d.id,
            document="21/QĐ-SNNMT",
            revoke_date=date.today(),
            reason="Khai man thành tích",
            expected_version=d.version,
        )
    assert d.status == "REVOKED"
    with database.session_factory() as s:
        awards = s.scalars(select(AwardRecord).where(AwardRecord.decision_id == d.id)).all()
        by_user = {
            (row.table_name, row.user)
            for row in s.scalars(select(AuditLog).where(AuditLog.action == "INSERT"))
        }
    assert len(awards) == 2 and all(a.revoked for a in awards)
    assert ("council_vote", "ql_thu_ky") in by_user
    assert ("decision", "ql_lanh_dao") in by_user and ("person", "ql_chuyen_vien") in by_user


def test_a_clerk_imports_award_history_with_its_decisions(
    database: Database, signed_in: dict[str, sessionmaker[Session]], tmp_path: Path
) -> None:
    from app.db.models import Decision
    from app.domain.imports import ImportOptions
    from app.excel.history_files import read_history_file
    from app.services.history_import import import_history
    from app.services.reference import catalogue, codes

    staff = signed_in[accounts.CHUYEN_VIEN]
    with staff.begin() as s:
        root = unit_svc.create_unit(s, UnitInput(code="SO", full_name="Sở", kind="CO_QUAN"))
        office = unit_svc.create_unit(
            s, UnitInput(code="VP", full_name="Văn phòng", parent_id=root.id, kind="VAN_PHONG")
        )
        people_svc.create_person(s, PersonInput(ho_dem="Trần Thị", ten="Bình"), unit_id=office.id)
    wb = Workbook()
    ws = wb.active
    ws.title = "DS"
    ws.append(["STT", "Họ và tên", "Đơn vị", "Năm", "Danh hiệu", "Số QĐ", "Ngày QĐ"])
    ws.append([1, "Trần Thị Bình", "Văn phòng", 2024, "CSTĐCS", "2/QĐ-SNN", "10/01/2025"])
    wb.save(tmp_path / "kt.xlsx")
    history = read_history_file("awards", tmp_path / "kt.xlsx", catalogue(), codes())
    with staff.begin() as s:
        report = import_history(s, history, ImportOptions())
    assert report.written and report.added == 1
    with database.session_factory() as s:
        decisions = s.scalars(select(Decision)).all()
        users = set(s.scalars(select(AuditLog.user).where(AuditLog.table_name == "decision")))
    assert [(d.origin, d.status) for d in decisions] == [("IMPORTED", "ISSUED")]
    assert users == {"ql_chuyen_vien"}
