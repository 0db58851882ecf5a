"""Clerks' accounts and rights (issue 19).

Entry points for the screens and the commands:

* :func:`current_account` who is signed in (a database role on PostgreSQL, the computer's user on
  SQLite) and the groups the account acts with; :func:`my_roles` the groups alone.
* :func:`can` (an action of :data:`ACTIONS`) and :func:`can_write` (a table): allowed or not,
  with the Vietnamese reason of a refusal. On SQLite (one clerk, one computer) everything is
  allowed.
* Administration on PostgreSQL: :func:`setup_roles`, :func:`list_users`, :func:`add_user`,
  :func:`disable_user`, :func:`enable_user`, :func:`grant_role`, and :func:`change_password`
  for the signed-in clerk. They raise :class:`AccountError` (one Vietnamese line); a password
  never leaves this module in clear: the server gets its SCRAM verifier.

The rights themselves are data in :mod:`app.db.roles`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from app.db import roles as db_roles
from app.db.audit import on_server, session_user
from app.db.roles import (
    CHUYEN_VIEN,
    GROUP_ROLES,
    LANH_DAO,
    QUAN_TRI,
    THU_KY,
    WRITER_GROUPS,
    XEM,
)
from app.domain.errors import DomainError

__all__ = [
    "ACTIONS",
    "CHUYEN_VIEN",
    "GROUP_ROLES",
    "LANH_DAO",
    "QUAN_TRI",
    "THU_KY",
    "WRITER_GROUPS",
    "XEM",
    "Account",
    "AccountError",
    "Action",
    "Permission",
    "UserInfo",
    "add_user",
    "can",
    "can_write",
    "can_write_setting",
    "change_password",
    "current_account",
    "disable_user",
    "enable_user",
    "grant_role",
    "list_users",
    "my_roles",
    "setup_roles",
]

SERVER_ONLY = "Lệnh này chỉ dùng với PostgreSQL (CSDL dùng chung); tệp SQLite có một người dùng."


class AccountError(DomainError):
    """An account operation refused; the message is one Vietnamese line."""


@dataclass(frozen=True)
class Action:
    """Something a clerk does, and the tables it writes (each needs a group allowed to)."""

    label: str
    tables: tuple[str, ...] = ()
    role: str | None = None  # a group needed besides the tables' (accounts: quan-tri)


_PEOPLE = ("unit", "person", "assignment", "person_grade", "unit_grade", "discipline")
_DECISION = ("decision", "decision_recipient", "award_record")

# action -> what it is and writes; the screens and commands ask :func:`can` by these names
ACTIONS: Final[Mapping[str, Action]] = {
    "edit_people": Action("sửa hồ sơ cán bộ, đơn vị, xếp loại, kỷ luật", _PEOPLE),
    "import_data": Action(
        "nhập dữ liệu từ Excel",
        (*_PEOPLE, "initiative", "initiative_author", "award_record", "household"),
    ),
    "edit_awards": Action("nhập khen thưởng, sáng kiến đã có", ("award_record", "initiative")),
    "campaigns": Action(
        "sửa phong trào thi đua và đăng ký", ("campaign", "registration", "unit_registration")
    ),
    "review": Action("ghi kết quả bình xét", ("review_override", "condition_mark")),
    "clusters": Action("sửa cụm, khối thi đua", ("cluster", "cluster_member")),
    "council": Action(
        "sửa phiên họp Hội đồng, danh sách, thành viên và phiếu bầu",
        ("council_session", "council_member", "council_candidate", "council_vote"),
    ),
    "draft_decision": Action("soạn dự thảo quyết định", _DECISION),
    "record_decision": Action("ghi quyết định của cấp trên, lịch sử khen thưởng", _DECISION),
    "issue_decision": Action("ban hành quyết định", _DECISION, role=LANH_DAO),
    "correct_decision": Action("đính chính quyết định", _DECISION, role=LANH_DAO),
    "revoke_decision": Action("thu hồi quyết định", _DECISION, role=LANH_DAO),
    "settings": Action("sửa thiết lập", ("app_setting",)),
    "rules": Action("sửa tham số quy tắc, bộ quy tắc, lương cơ sở", ("rule_set", "base_salary")),
    "catalogue": Action("sửa danh mục", ("catalogue_item", "catalogue_coefficient")),
    "accounts": Action("quản lý tài khoản người dùng", role=QUAN_TRI),
}


@dataclass(frozen=True)
class Permission:
    """An answer of :func:`can`: true when allowed, else ``reason`` says why (Vietnamese)."""

    allowed: bool
    reason: str = ""

    def __bool__(self) -> bool:
        return self.allowed


@dataclass(frozen=True)
class Account:
    """Who is signed in and with which groups."""

    name: str
    roles: frozenset[str]
    from_database: bool  # True: a PostgreSQL role; False: the computer's user (SQLite)

    @property
    def label(self) -> str:
        if self.from_database:
            return f"Tài khoản CSDL: {self.name}"
        return f"Người dùng máy tính: {self.name}"


@dataclass(frozen=True)
class UserInfo:
    """A clerk's LOGIN role on the server (a member of at least one group)."""

    name: str
    can_login: bool
    roles: tuple[str, ...]
    can_manage_accounts: bool


def my_roles(session: Session) -> frozenset[str]:
    """The groups the signed-in role acts with; every group on SQLite."""
    if not on_server(session):
        return frozenset(GROUP_ROLES)
    return db_roles.roles_of(session.connection())


def current_account(session: Session) -> Account:
    return Account(session_user(session), my_roles(session), on_server(session))


def _names(roles: frozenset[str] | set[str]) -> str:
    return ", ".join(sorted(roles)) if roles else "chưa có vai trò"


def _refusal(roles: frozenset[str] | set[str], what: str, needed: frozenset[str]) -> Permission:
    choices = " hoặc ".join(GROUP_ROLES[g] for g in sorted(needed)) or "quyền của chủ CSDL"
    return Permission(
        False,
        f"Tài khoản của bạn ({_names(roles)}) không được {what}: việc này cần vai trò {choices}.",
    )


def can_write(roles: frozenset[str] | set[str], table: str) -> Permission:
    writers = db_roles.writers_of(table)
    if writers & set(roles):
        return Permission(True)
    return _refusal(roles, f"ghi vào bảng {table}", writers)


def can_write_setting(roles: frozenset[str] | set[str], key: str) -> Permission:
    """May a clerk acting with ``roles`` save the setting ``key`` (the review's quotas and list
    order, the award fund, the calendar, certificate wording: the groups doing that work; any
    other setting: quan-tri)?"""
    writers = db_roles.setting_writers(key)
    if writers & set(roles):
        return Permission(True)
    return _refusal(roles, f"sửa thiết lập '{key}'", writers)


def can(roles: frozenset[str] | set[str], action: str) -> Permission:
    """May a clerk acting with ``roles`` (:func:`my_roles`) do ``action`` (a key of
    :data:`ACTIONS`)?"""
    spec = ACTIONS[action]
    if spec.role is not None and spec.role not in roles:
        return _refusal(roles, spec.label, frozenset({spec.role}))
    for table in spec.tables:
        writers = db_roles.writers_of(table)
        if not writers & set(roles):
            return _refusal(roles, spec.label, writers)
    return Permission(True)


# --- administration (PostgreSQL) ------------------------------------------------------------

_ROLE_NAME = re.compile(r"^[a-z][a-z0-9_.\-]{0,62}$")


def _server(session: Session) -> Connection:
    if not on_server(session):
        raise AccountError(SERVER_ONLY)
    return session.connection()


def check_user_name(name: str) -> str:
    clean = name.strip()
    if not _ROLE_NAME.match(clean):
        raise AccountError(
            f"Tên tài khoản '{name}' không hợp lệ: chữ thường không dấu, số, '.', '-' hoặc '_', "
            "bắt đầu bằng chữ, tối đa 63 ký tự."
        )
    if clean in GROUP_ROLES:
        raise AccountError(f"'{clean}' là tên một vai trò, không dùng làm tên tài khoản.")
    return clean


def check_role(role: str) -> str:
    clean = role.strip().lower()
    if clean not in GROUP_ROLES:
        raise AccountError(f"Không có vai trò '{role}'; các vai trò: {', '.join(GROUP_ROLES)}.")
    return clean


def _failed(exc: DBAPIError, doing: str, name: str = "") -> AccountError:
    code = getattr(exc.orig, "sqlstate", None)
    if code == "42501":
        return AccountError(
            f"Không {doing} được: tài khoản CSDL đang dùng không có quyền (cần là chủ CSDL hoặc "
            "có quyền CREATEROLE, thuộc vai trò quan-tri)."
        )
    if code == "42710":
        return AccountError(f"Không {doing} được: tài khoản '{name}' đã có trên máy chủ.")
    if code == "42704":
        return AccountError(f"Không {doing} được: máy chủ không có tài khoản '{name}'.")
    return AccountError(f"Không {doing} được: máy chủ từ chối ({code or 'lỗi không rõ'}).")


def _run(conn: Connection, doing: str, name: str, statements: list[str]) -> None:
    """Statements in a savepoint: a refusal leaves the transaction usable. No statement is
    ever shown: one may hold a password's verifier."""
    try:
        with conn.begin_nested():
            for statement in statements:
                conn.exec_driver_sql(statement)
    except DBAPIError as exc:
        raise _failed(exc, doing, name) from None


def setup_roles(session: Session) -> list[str]:
    """Create the groups and grant their rights (idempotent); the groups created."""
    conn = _server(session)
    try:
        with conn.begin_nested():
            return db_roles.apply_grants(conn)
    except DBAPIError as exc:
        raise _failed(exc, "tạo vai trò và cấp quyền") from None


def _require_groups(conn: Connection) -> None:
    missing = set(GROUP_ROLES) - db_roles.existing_groups(conn)
    if missing:
        raise AccountError(
            f"Máy chủ chưa có vai trò {', '.join(sorted(missing))}: hãy chạy 'tdkt admin roles' "
            "trước."
        )


def _verifier(conn: Connection, name: str, password: str) -> str:
    """The SCRAM verifier of ``password`` (the server never sees the password itself)."""
    if not password:
        raise AccountError("Mật khẩu không được để trống.")
    raw: Any = conn.connection.dbapi_connection
    encrypted = raw.pgconn.encrypt_password(password.encode(), name.encode(), b"scram-sha-256")
    return bytes(encrypted).decode("ascii")


def _user_exists(conn: Connection, name: str) -> bool:
    found = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name}).first()
    return found is not None


def add_user(session: Session, name: str, role: str, password: str) -> None:
    """A LOGIN role ``name`` in group ``role``; a ``quan-tri`` may create and manage accounts."""
    name, role = check_user_name(name), check_role(role)
    conn = _server(session)
    _require_groups(conn)
    if _user_exists(conn, name):
        raise AccountError(f"Không tạo tài khoản được: tài khoản '{name}' đã có trên máy chủ.")
    quoted = db_roles.quote_ident(name)
    extra = " CREATEROLE" if role == QUAN_TRI else ""
    _run(
        conn,
        "tạo tài khoản",
        name,
        [
            f"CREATE ROLE {quoted} LOGIN{extra} PASSWORD '{_verifier(conn, name, password)}'",
            f"GRANT {db_roles.quote_ident(role)} TO {quoted}",
        ],
    )


def _clerk(conn: Connection, name: str) -> str:
    name = check_user_name(name)
    if not _user_exists(conn, name):
        raise AccountError(f"Máy chủ không có tài khoản '{name}'.")
    return name


def grant_role(session: Session, name: str, role: str) -> None:
    role = check_role(role)
    conn = _server(session)
    name = _clerk(conn, name)
    _require_groups(conn)
    quoted = db_roles.quote_ident(name)
    statements = [f"GRANT {db_roles.quote_ident(role)} TO {quoted}"]
    if role == QUAN_TRI:
        statements.append(f"ALTER ROLE {quoted} CREATEROLE")
    _run(conn, "cấp vai trò", name, statements)


def disable_user(session: Session, name: str) -> None:
    """The account can no longer sign in (its rows and audit entries stay)."""
    conn = _server(session)
    name = _clerk(conn, name)
    _run(conn, "khóa tài khoản", name, [f"ALTER ROLE {db_roles.quote_ident(name)} NOLOGIN"])


def enable_user(session: Session, name: str) -> None:
    conn = _server(session)
    name = _clerk(conn, name)
    _run(conn, "mở khóa tài khoản", name, [f"ALTER ROLE {db_roles.quote_ident(name)} LOGIN"])


def change_password(session: Session, new_password: str) -> None:
    """The signed-in clerk's own new password."""
    conn = _server(session)
    name = session_user(session)
    verifier = _verifier(conn, name, new_password)
    _run(conn, "đổi mật khẩu", name, [f"ALTER ROLE CURRENT_USER PASSWORD '{verifier}'"])


def list_users(session: Session) -> list[UserInfo]:
    """The clerks' accounts: the roles that are members of a group, with their groups."""
    conn = _server(session)
    rows = conn.execute(
        text(
            "SELECT u.rolname, u.rolcanlogin, u.rolcreaterole, "
            "array_agg(g.rolname ORDER BY g.rolname) "
            "FROM pg_roles u JOIN pg_auth_members m ON m.member = u.oid "
            "JOIN pg_roles g ON g.oid = m.roleid "
            "WHERE g.rolname = ANY(:groups) AND NOT u.rolname = ANY(:groups) "
            "GROUP BY u.rolname, u.rolcanlogin, u.rolcreaterole ORDER BY u.rolname"
        ),
        {"groups": list(GROUP_ROLES)},
    ).all()
    return [
        UserInfo(str(name), bool(login), tuple(groups), bool(create))
        for name, login, create, groups in rows
    ]
