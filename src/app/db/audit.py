"""Audit log: every insert, update and delete of an audited model, with before/after values.

Installed on a session factory; sets ``created_by``/``updated_by`` and, on SQLite, writes
``audit_log`` rows in the same transaction as the change, so a rolled-back change leaves no
audit trace. On PostgreSQL the rows are written by the database's own triggers (migration 0012)
and the hook writes none: a clerk's role has no right to write ``audit_log`` at all.

Who made the change: on SQLite (one clerk, one computer) the operating-system user given to the
session factory; on PostgreSQL the database role the session is signed in as (``current_user``,
asked once per connection), whatever the caller or the environment says.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, event, insert, inspect, text
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.attributes import NO_VALUE

from app.db.base import utcnow


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes | bytearray | memoryview):  # a file kept in the database
        return f"<{len(value)} byte>"
    if value is NO_VALUE:
        return None
    return value


# Columns the program derives (a registration's warnings, recomputed when a grade or a
# discipline changes): their change alone is not an entry; the change that caused it is.
_DERIVED = frozenset({"flags"})


def _is_audited(obj: object) -> bool:
    return bool(getattr(type(obj), "__audited__", False))


def _record_id(obj: object) -> str:
    state = inspect(obj)
    key = state.identity or state.mapper.primary_key_from_instance(obj)
    return ",".join("" if part is None else str(part) for part in key)


def _column_values(obj: object) -> dict[str, Any]:
    state = inspect(obj)
    return {
        attr.key: _jsonable(state.attrs[attr.key].loaded_value)
        for attr in state.mapper.column_attrs
    }


def _changes(obj: object) -> tuple[dict[str, Any], dict[str, Any]]:
    state = inspect(obj)
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for attr in state.mapper.column_attrs:
        if attr.key in ("updated_at", "updated_by"):
            continue
        hist = state.attrs[attr.key].history
        if hist.has_changes():
            old = hist.deleted[0] if hist.deleted else None
            new = hist.added[0] if hist.added else None
            if old != new:
                before[attr.key] = _jsonable(old)
                after[attr.key] = _jsonable(new)
    return before, after


# key of the signed-in role in a pooled connection's ``info`` (asked once per connection)
DB_USER_KEY = "tdkt_db_user"


def on_server(session: Session) -> bool:
    """True when the session's database writes its own audit rows (PostgreSQL)."""
    return session.get_bind().dialect.name == "postgresql"


def database_user(conn: Connection) -> str:
    """The role a PostgreSQL connection is signed in as, asked the first time only."""
    user = conn.info.get(DB_USER_KEY)
    if user is None:
        user = str(conn.exec_driver_sql("SELECT current_user").scalar_one())
        conn.info[DB_USER_KEY] = user
    return str(user)


def session_user(session: Session) -> str:
    """Who the session's changes are recorded as: the database role on PostgreSQL (an explicit
    ``user`` given to the session factory does not override it), the OS user on SQLite."""
    if on_server(session):
        return database_user(session.connection())
    return str(session.info.get("user") or "unknown")


def _before_flush(session: Session, _ctx: Any, _instances: Any) -> None:
    user = session_user(session)
    for obj in session.new:
        if hasattr(obj, "created_by") and getattr(obj, "created_by", None) is None:
            obj.created_by = user
        if hasattr(obj, "updated_by"):
            obj.updated_by = user
    for obj in session.dirty:
        if hasattr(obj, "updated_by") and session.is_modified(obj, include_collections=False):
            obj.updated_by = user


def _after_flush(session: Session, _ctx: Any) -> None:
    from app.db.models import AuditLog  # local import: models import this module's package

    if on_server(session):  # the database's triggers wrote the rows
        return
    user = session_user(session)
    now = utcnow()
    rows: list[dict[str, Any]] = []
    for obj in session.new:
        if _is_audited(obj):
            after = {k: v for k, v in _column_values(obj).items() if v is not None}
            rows.append(_row(now, user, "INSERT", obj, None, after))
    for obj in session.dirty:
        if _is_audited(obj) and session.is_modified(obj, include_collections=False):
            before, after = _changes(obj)
            if set(after) - _DERIVED:  # warnings recomputed alone are nobody's change
                rows.append(_row(now, user, "UPDATE", obj, before, after))
    for obj in session.deleted:
        if _is_audited(obj):
            rows.append(_row(now, user, "DELETE", obj, _column_values(obj), None))
    if rows:
        session.connection().execute(insert(AuditLog), rows)


def _row(
    now: datetime,
    user: str,
    action: str,
    obj: object,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> dict[str, Any]:
    return {
        "at": now,
        "user": user,
        "action": action,
        "table_name": inspect(obj).mapper.local_table.name,
        "record_id": _record_id(obj),
        "before": json.dumps(before, ensure_ascii=False, sort_keys=True)
        if before is not None
        else None,
        "after": json.dumps(after, ensure_ascii=False, sort_keys=True)
        if after is not None
        else None,
        "note": None,
    }


def log_action(
    session: Session, action: str, table_name: str, record_id: str | None, note: str
) -> None:
    """Write a service-level audit entry (bulk operations such as building a demo database).

    On PostgreSQL through the database function ``tdkt_audit_note``, which records the signed-in
    role and the server's time (clerks may not write ``audit_log`` themselves)."""
    from app.db.models import AuditLog

    if on_server(session):
        session.execute(
            text("SELECT tdkt_audit_note(:action, :table_name, :record_id, :note)"),
            {
                "action": action,
                "table_name": table_name,
                "record_id": record_id,
                "note": note[:255],
            },
        )
        return
    session.execute(
        insert(AuditLog),
        [
            {
                "at": utcnow(),
                "user": session_user(session),
                "action": action,
                "table_name": table_name,
                "record_id": record_id,
                "before": None,
                "after": None,
                "note": note[:255],
            }
        ],
    )


def install(factory: sessionmaker[Session]) -> None:
    event.listen(factory, "before_flush", _before_flush)
    event.listen(factory, "after_flush", _after_flush)


def record_inserts(
    session: Session, table_name: str, ids: list[int], rows: list[dict[str, Any]]
) -> None:
    """Audit entries for rows inserted in bulk (Core inserts bypass the ORM hook; on
    PostgreSQL the triggers see them, so nothing is written here)."""
    from app.db.models import AuditLog

    if on_server(session):
        return
    now = utcnow()
    user = session_user(session)
    entries = []
    for record_id, values in zip(ids, rows, strict=True):
        after = {
            k: _jsonable(v) for k, v in values.items() if v is not None and k not in ("updated_at",)
        }
        after["id"] = record_id
        entries.append(
            {
                "at": now,
                "user": user,
                "action": "INSERT",
                "table_name": table_name,
                "record_id": str(record_id),
                "before": None,
                "after": json.dumps(after, ensure_ascii=False, sort_keys=True),
                "note": None,
            }
        )
    if entries:
        session.execute(insert(AuditLog), entries)


def record_updates(
    session: Session,
    table_name: str,
    changes: list[tuple[str, dict[str, Any], dict[str, Any]]],
) -> None:
    """Audit entries for rows updated in bulk, as (record id, before, after); nothing on
    PostgreSQL, whose triggers see the updates."""
    from app.db.models import AuditLog

    if on_server(session) or not changes:
        return
    now, user = utcnow(), session_user(session)
    session.execute(
        insert(AuditLog),
        [
            {
                "at": now,
                "user": user,
                "action": "UPDATE",
                "table_name": table_name,
                "record_id": record_id,
                "before": json.dumps(before, ensure_ascii=False, sort_keys=True),
                "after": json.dumps(after, ensure_ascii=False, sort_keys=True),
                "note": None,
            }
            for record_id, before, after in changes
        ],
    )


@contextmanager
def summarised(session: Session) -> Iterator[None]:
    """Rows written inside are summarised by one note of the caller (:func:`log_action`), as
    a demo database is built: its Core inserts bypass the ORM hook on SQLite, and on PostgreSQL
    the row triggers stay quiet for the tables' owner (a clerk's rows are audited regardless).
    Changes pending before are flushed first, so they are audited."""
    if not on_server(session):
        yield
        return
    session.flush()
    previous = session.execute(
        text("SELECT current_setting('tdkt.audit_rows', true)")
    ).scalar_one_or_none()
    session.execute(text("SELECT set_config('tdkt.audit_rows', 'off', true)"))
    yield
    session.flush()
    session.execute(
        text("SELECT set_config('tdkt.audit_rows', :value, true)"),
        {"value": previous or "on"},
    )
