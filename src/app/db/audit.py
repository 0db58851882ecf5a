"""Audit log: every insert, update and delete of an audited model, with before/after values.

Installed on a session factory; sets ``created_by``/``updated_by`` and writes ``audit_log`` rows
in the same transaction as the change, so a rolled-back change leaves no audit trace.
"""

from __future__ import annotations

import json
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from sqlalchemy import event, insert, inspect
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


def session_user(session: Session) -> str:
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
    """Write a service-level audit entry (bulk operations such as building a demo database)."""
    from app.db.models import AuditLog

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
    """Audit entries for rows inserted in bulk (Core inserts bypass the ORM hook)."""
    from app.db.models import AuditLog

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
