"""Clerks' accounts and rights (issue 19): group roles by table GRANTs, who is recorded, a
disabled account, and what each group is refused.

The PostgreSQL tests run with ``TDKT_TEST_DB_URL`` (``.ci/postgres.sh``) and skip otherwise. The
test cluster trusts local connections: the passwords given here are stored (as SCRAM verifiers,
checked below) but the server does not ask for them, so a wrong password cannot be tested.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from app.db.audit import summarised
from app.db.engine import make_engine, make_session_factory
from app.db.faults import describe_fault
from app.db.models import AppSetting, AuditLog, Decision, Person, PersonGrade
from app.domain.people import PersonInput
from app.services import accounts
from app.services.accounts import AccountError, can, can_write
from app.services.council import SessionInput, create_session
from app.services.database import Database, open_database
from app.services.decision_drafts import create_draft
from app.services.decision_records import DecisionInput
from app.services.person_record import create_person
from app.services.settings import set_setting
from server_roles import url_as

PASSWORD = "mat-khau-bi-mat-123"


# --- rights as data (both databases) ---------------------------------------------------------


def test_each_group_is_allowed_its_own_work_and_refused_the_rest() -> None:
    expected = {
        accounts.XEM: set(),
        accounts.CHUYEN_VIEN: {
            "edit_people",
            "import_data",
            "edit_awards",
            "campaigns",
            "review",
            "clusters",
            "draft_decision",
            "record_decision",
        },
        accounts.THU_KY: {"council"},
        accounts.LANH_DAO: {
            "draft_decision",
            "record_decision",
            "issue_decision",
            "correct_decision",
            "revoke_decision",
        },
        accounts.QUAN_TRI: {"settings", "rules", "catalogue", "accounts"},
    }
    for group, allowed in expected.items():
        roles = frozenset({accounts.XEM, group})
        assert {a for a in accounts.ACTIONS if can(roles, a)} == allowed, group


def test_a_refusal_says_why_in_vietnamese() -> None:
    refused = can(frozenset({"xem", "chuyen-vien"}), "issue_decision")
    assert not refused
    assert "ban hành quyết định" in refused.reason and "Lãnh đạo" in refused.reason
    assert "chuyen-vien" in refused.reason
    assert can(frozenset({"xem", "lanh-dao"}), "issue_decision").reason == ""
    assert not can_write(frozenset({"xem"}), "person")
    assert can_write(frozenset({"chuyen-vien"}), "person")
    assert not can_write(frozenset(accounts.GROUP_ROLES), "audit_log")  # nobody writes it
    staff = frozenset({"xem", "chuyen-vien"})
    assert accounts.can_write_setting(staff, "review.nomination_order.2025.CSTDCS")
    refused = accounts.can_write_setting(staff, "agency")
    assert not refused and "Quản trị" in refused.reason
    assert accounts.can_write_setting(frozenset({"quan-tri"}), "fund.2025")


def test_on_sqlite_the_one_clerk_may_do_everything(database: Database, sqlite_only: None) -> None:
    with database.session_factory() as s:
        account = accounts.current_account(s)
        assert account.roles == frozenset(accounts.GROUP_ROLES)
        assert account.name == "kiemthu" and not account.from_database
        assert account.label == "Người dùng máy tính: kiemthu"
        assert all(can(account.roles, action) for action in accounts.ACTIONS)
        with pytest.raises(AccountError, match="chỉ dùng với PostgreSQL"):
            accounts.list_users(s)
        with pytest.raises(AccountError, match="chỉ dùng với PostgreSQL"):
            accounts.add_user(s, "an", "xem", PASSWORD)


def test_names_and_roles_are_checked_before_the_server() -> None:
    with pytest.raises(AccountError, match="Không có vai trò 'giam-doc'"):
        accounts.check_role("giam-doc")
    for bad in ("", "Nguyễn", "an; DROP ROLE x", '"an"', "xem"):
        with pytest.raises(AccountError):
            accounts.check_user_name(bad)
    assert accounts.check_role(" Lanh-Dao ") == "lanh-dao"


# --- PostgreSQL -------------------------------------------------------------------------------


@pytest.fixture
def server(database: Database) -> Iterator[Database]:
    """The test database on PostgreSQL with the group roles set up."""
    if database.engine.dialect.name != "postgresql":
        pytest.skip("kiểm thử riêng cho PostgreSQL (TDKT_TEST_DB_URL)")
    with database.session_factory.begin() as s:
        accounts.setup_roles(s)
    yield database


Clerk = Callable[[str], sessionmaker[Session]]


@pytest.fixture
def clerk(server: Database) -> Iterator[Clerk]:
    """``clerk(group)``: a session factory signed in as a fresh account of that group."""
    engines = []

    def make(group: str) -> sessionmaker[Session]:
        name = "nv_" + group.replace("-", "_")
        with server.engine.begin() as conn:
            conn.execute(text(f'DROP ROLE IF EXISTS "{name}"'))
        with server.session_factory.begin() as s:
            accounts.add_user(s, name, group, PASSWORD)
        engine = make_engine(url_as(server.url, name, PASSWORD))
        engines.append(engine)
        return make_session_factory(engine, user="giamdoc")  # not who is recorded

    yield make
    for engine in engines:
        engine.dispose()


def _refused(factory: sessionmaker[Session], fn: Callable[[Session], Any]) -> str:
    with pytest.raises(DBAPIError) as caught, factory.begin() as s:
        fn(s)
    assert getattr(caught.value.orig, "sqlstate", None) == "42501", caught.value
    message = describe_fault(caught.value)
    assert message is not None
    return message


def _person(s: Session) -> int:
    data = PersonInput(ho_dem="Nguyễn Văn", ten="An", birth_year=1980)
    return create_person(s, data, allow_duplicate=True)


def _council(s: Session) -> int:
    return create_session(
        s, SessionInput(year=2025, meeting_date=date(2025, 12, 15), members_total=7, present=6)
    )


def _decision(s: Session) -> int:
    return create_draft(s, DecisionInput(year=2025, authority="SO")).id


def _set_status(s: Session, decision_id: int, status: str) -> None:
    row = s.get(Decision, decision_id)
    assert row is not None
    row.status = status
    s.flush()


def _setting(s: Session) -> None:
    set_setting(s, "report.footer", "Nơi nhận", expected_version=None)


def test_a_reader_cannot_insert_a_person(server: Database, clerk: Clerk) -> None:
    reader = clerk("xem")
    message = _refused(reader, _person)
    assert "không có quyền ghi vào bảng person" in message
    with reader() as s:  # but reads everything
        assert s.scalars(select(Person)).all() == []
        assert s.scalar(select(AuditLog.id).limit(1)) is not None
        assert accounts.my_roles(s) == {"xem"}


def test_each_group_writes_its_tables_and_is_refused_the_others(
    server: Database, clerk: Clerk
) -> None:
    staff, secretary, leader, admin = (
        clerk(g) for g in ("chuyen-vien", "thu-ky", "lanh-dao", "quan-tri")
    )
    with staff.begin() as s:
        assert _person(s) > 0
        draft = _decision(s)  # a clerk drafts...
    message = _refused(staff, lambda s: _set_status(s, draft, "ISSUED"))  # ...but cannot issue
    assert "không có quyền ghi vào bảng decision" in message
    _refused(staff, _setting)
    _refused(staff, _council)
    with secretary.begin() as s:
        assert _council(s) > 0
    _refused(secretary, _person)
    _refused(secretary, _decision)
    with leader.begin() as s:
        _set_status(s, _decision(s), "ISSUED")
        _set_status(s, draft, "ISSUED")
    _refused(staff, lambda s: _set_status(s, draft, "REVOKED"))
    _refused(staff, lambda s: s.delete(s.get(Decision, draft)))
    _refused(leader, _setting)
    _refused(leader, _person)
    with admin.begin() as s:
        _setting(s)
        assert accounts.my_roles(s) == {"xem", "quan-tri"}
    _refused(admin, _decision)
    _refused(secretary, _decision)
    with server.session_factory() as s:
        assert s.get(AppSetting, "report.footer") is not None


def test_nobody_rewrites_the_audit_log(server: Database, clerk: Clerk) -> None:
    statements = (
        "UPDATE audit_log SET note = 'sửa'",
        "DELETE FROM audit_log",
        'INSERT INTO audit_log (at, "user", action, table_name) '
        "VALUES (now(), 'giamdoc', 'DELETE', 'decision')",
        "TRUNCATE audit_log",
    )
    for group in accounts.GROUP_ROLES:
        factory = clerk(group)
        for statement in statements:
            _refused(factory, lambda s, sql=statement: s.execute(text(sql)))
    # the owner (here a superuser) is stopped by the log's own trigger
    for statement in statements[:2]:
        with pytest.raises(DBAPIError, match="không được sửa hoặc xóa"), server.engine.begin() as c:
            c.execute(text(statement))


def test_the_audit_user_is_the_signed_in_role(server: Database, clerk: Clerk) -> None:
    staff = clerk("chuyen-vien")  # its factory was given user="giamdoc"
    with staff.begin() as s:
        pid = _person(s)
        account = accounts.current_account(s)
    assert (account.name, account.from_database) == ("nv_chuyen_vien", True)
    assert account.label == "Tài khoản CSDL: nv_chuyen_vien"
    with server.session_factory() as s:
        rows = s.scalars(
            select(AuditLog).where(AuditLog.table_name == "person", AuditLog.record_id == str(pid))
        ).all()
    assert [(r.action, r.user) for r in rows] == [("INSERT", "nv_chuyen_vien")]
    assert json.loads(rows[0].after or "{}")["ten"] == "An"


def test_created_by_is_the_signed_in_role_whatever_the_environment(
    server: Database, clerk: Clerk, monkeypatch: pytest.MonkeyPatch
) -> None:
    for variable in ("USER", "LOGNAME", "USERNAME"):
        monkeypatch.setenv(variable, "giamdoc")
    staff = clerk("chuyen-vien")
    with staff.begin() as s:
        pid = _person(s)
        s.add(PersonGrade(person_id=pid, year=2025, grade="HTTNV", months_worked=12))
    with staff.begin() as s:
        grade = s.scalars(select(PersonGrade)).one()
        grade.months_worked = 11
    with server.session_factory() as s:
        grade = s.scalars(select(PersonGrade)).one()
        users = set(s.scalars(select(AuditLog.user).where(AuditLog.table_name == "person_grade")))
    assert (grade.created_by, grade.updated_by) == ("nv_chuyen_vien", "nv_chuyen_vien")
    assert users == {"nv_chuyen_vien"}


def test_a_disabled_account_is_refused_at_connect(server: Database, clerk: Clerk) -> None:
    staff = clerk("chuyen-vien")
    with staff() as s:
        assert s.execute(text("SELECT 1")).scalar() == 1
    staff.kw["bind"].dispose()
    with server.session_factory.begin() as s:
        accounts.disable_user(s, "nv_chuyen_vien")
        users = {u.name: u for u in accounts.list_users(s)}
    assert not users["nv_chuyen_vien"].can_login
    engine = create_engine(url_as(server.url, "nv_chuyen_vien", PASSWORD))
    try:
        with pytest.raises(OperationalError) as caught, engine.connect():
            pass
    finally:
        engine.dispose()
    assert "bị khóa" in (describe_fault(caught.value) or "")
    with server.session_factory.begin() as s:
        accounts.enable_user(s, "nv_chuyen_vien")
    engine = create_engine(url_as(server.url, "nv_chuyen_vien", PASSWORD))
    try:
        with engine.connect() as conn:
            assert conn.execute(text("SELECT current_user")).scalar() == "nv_chuyen_vien"
    finally:
        engine.dispose()


def test_accounts_are_listed_granted_and_their_password_kept_as_a_verifier(
    server: Database, clerk: Clerk
) -> None:
    clerk("thu-ky")
    clerk("quan-tri")
    with server.session_factory.begin() as s:
        accounts.grant_role(s, "nv_thu_ky", "chuyen-vien")
        users = {u.name: u for u in accounts.list_users(s)}
        stored = s.execute(
            text("SELECT rolpassword FROM pg_authid WHERE rolname = 'nv_thu_ky'")
        ).scalar_one()
        with pytest.raises(AccountError, match="đã có"):
            accounts.add_user(s, "nv_thu_ky", "xem", PASSWORD)
        with pytest.raises(AccountError, match="không có tài khoản 'nv_khong_co'"):
            accounts.disable_user(s, "nv_khong_co")
    assert users["nv_thu_ky"].roles == ("chuyen-vien", "thu-ky")
    assert users["nv_quan_tri"].can_manage_accounts and not users["nv_thu_ky"].can_manage_accounts
    assert stored.startswith("SCRAM-SHA-256$") and PASSWORD not in stored


def test_an_administrator_adds_a_clerk_and_others_may_not(server: Database, clerk: Clerk) -> None:
    admin, staff = clerk("quan-tri"), clerk("chuyen-vien")
    with server.engine.begin() as conn:
        conn.execute(text('DROP ROLE IF EXISTS "nv_moi"'))
    with admin.begin() as s:
        accounts.add_user(s, "nv_moi", "xem", PASSWORD)
    with staff.begin() as s, pytest.raises(AccountError, match="không có quyền"):
        accounts.add_user(s, "nv_moi_2", "xem", PASSWORD)
    with staff.begin() as s, pytest.raises(AccountError, match="không có quyền"):
        accounts.setup_roles(s)
    with server.session_factory() as s:
        assert {u.name for u in accounts.list_users(s)} >= {"nv_moi"}


def test_a_clerk_changes_their_own_password(server: Database, clerk: Clerk) -> None:
    staff = clerk("chuyen-vien")
    with server.engine.connect() as conn:
        before = conn.execute(
            text("SELECT rolpassword FROM pg_authid WHERE rolname = 'nv_chuyen_vien'")
        ).scalar_one()
    with staff.begin() as s:
        accounts.change_password(s, "mat-khau-moi-456")
    with server.engine.connect() as conn:
        after = conn.execute(
            text("SELECT rolpassword FROM pg_authid WHERE rolname = 'nv_chuyen_vien'")
        ).scalar_one()
    assert after != before and after.startswith("SCRAM-SHA-256$")


def test_a_reader_opens_the_database_as_the_program_does(server: Database, clerk: Clerk) -> None:
    clerk("xem")
    db = open_database(url_as(server.url, "nv_xem", PASSWORD), user="giamdoc")
    try:
        with db.session_factory() as s:
            account = accounts.current_account(s)
    finally:
        db.dispose()
    assert (account.name, account.roles) == ("nv_xem", frozenset({"xem"}))
    assert not can(account.roles, "edit_people") and not can(account.roles, "settings")


def test_a_clerk_cannot_switch_the_audit_off(server: Database, clerk: Clerk) -> None:
    staff = clerk("chuyen-vien")
    with staff.begin() as s:
        with summarised(s):  # heard only from the tables' owner (the demo being built)
            pid = _person(s)
        assert s.execute(text("SELECT current_setting('tdkt.audit_rows')")).scalar() == "on"
        s.execute(text("SET LOCAL tdkt.audit_rows = 'off'"))
        other = _person(s)
    with server.session_factory() as s:
        audited = set(
            s.scalars(
                select(AuditLog.record_id).where(
                    AuditLog.table_name == "person", AuditLog.action == "INSERT"
                )
            )
        )
    assert audited == {str(pid), str(other)}


def test_working_settings_are_written_by_the_group_doing_that_work(
    server: Database, clerk: Clerk
) -> None:
    staff, leader = clerk("chuyen-vien"), clerk("lanh-dao")
    saves = iter(range(1000))

    def save(key: str) -> Callable[[Session], None]:  # a new value each time: a real write
        return lambda s: set_setting(s, key, {"n": next(saves)}, expected_version=None)

    with staff.begin() as s:
        for key in ("review.quotas", "fund.2025", "calendar.2026"):
            save(key)(s)
            assert accounts.can_write_setting(accounts.my_roles(s), key)
        save("fund.2025")(s)  # an update too
    assert "app_setting" in _refused(staff, save("agency"))
    assert "app_setting" in _refused(staff, save("money.method"))
    assert not accounts.can_write_setting(frozenset({"xem", "chuyen-vien"}), "agency")
    with leader.begin() as s:
        save("certificate_wording:5")(s)
    _refused(leader, save("review.quotas"))
    _refused(leader, save("rules.overrides"))
    with staff.begin() as s:  # a key renamed into one it may not write
        row = s.get(AppSetting, "fund.2025")
        assert row is not None
        row.key = "agency"
        with pytest.raises(DBAPIError, match="permission denied"):
            s.flush()
    with server.session_factory() as s:
        assert s.get(AppSetting, "fund.2025") is not None
        assert s.get(AppSetting, "agency") is None
