"""Engine and session factory. The only place that knows about SQLite specifics."""

from __future__ import annotations

import getpass
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from app.db import audit

SQLITE_BUSY_TIMEOUT_MS = 10_000


def current_os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # pragma: no cover - no user name on this platform
        return "unknown"


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    try:
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA journal_mode")
        mode = cur.fetchone()
        if mode and str(mode[0]).lower() not in ("wal", "memory"):
            try:
                cur.execute("PRAGMA journal_mode=WAL")
            except Exception:  # read-only files keep their journal mode
                pass
        cur.execute("PRAGMA synchronous=NORMAL")
    finally:
        cur.close()


def make_engine(url: str, *, read_only: bool = False, echo: bool = False) -> Engine:
    """An engine for ``url``. SQLite gets WAL, foreign keys on and a busy timeout."""
    if url.startswith("sqlite"):
        connect_args: dict[str, Any] = {"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}
        if read_only:
            path = url.split(":///", 1)[1]
            url = f"sqlite:///file:{path}?mode=ro&uri=true"
        engine = create_engine(url, echo=echo, connect_args=connect_args)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, echo=echo, pool_pre_ping=True)


def make_session_factory(engine: Engine, *, user: str | None = None) -> sessionmaker[Session]:
    """One short session per user action: ``with factory.begin() as s: service(s, ...)``.

    ``user`` (default: the operating system's user) is who an SQLite database records as the
    author of changes. A PostgreSQL database records the role the connection signs in as,
    whatever ``user`` says (:func:`app.db.audit.session_user`)."""
    factory = sessionmaker(
        bind=engine, expire_on_commit=False, info={"user": user or current_os_user()}
    )
    audit.install(factory)
    return factory
