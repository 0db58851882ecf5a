"""Opening a database for a session of work: engine, schema upgrade, catalogue, session factory."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from app.config import backup_dir, display_db, sqlite_path
from app.db.engine import make_engine, make_session_factory
from app.db.migrate import (
    HEAD_REVISION,
    check_not_newer,
    current_revision,
    mark_as_ours,
    upgrade_database,
)
from app.services.attachments import adopt_files_at_start
from app.services.context import AppContext
from app.services.reference import ensure_catalogue


@dataclass
class Database:
    """An open, migrated database and the session factory every service call goes through."""

    url: str
    engine: Engine
    session_factory: sessionmaker[Session]
    backup_made: str | None = None

    @property
    def display_name(self) -> str:
        return display_db(self.url)

    @property
    def file(self) -> Path | None:
        return sqlite_path(self.url)

    def context(self) -> AppContext:
        return AppContext(self.url, self.display_name, self.file, self.session_factory)

    def dispose(self) -> None:
        self.engine.dispose()


def open_database(
    url: str, *, user: str | None = None, backup_folder: Path | None = None
) -> Database:
    """Open ``url``, create or upgrade its schema (backing up an SQLite file first), seed the catalogue.

    Raises ``app.db.migrate.DatabaseError`` (Vietnamese message) when the file cannot be used.
    """
    path = sqlite_path(url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_file() and path.stat().st_size > 0:
            # Look before touching: a file from a newer version must stay byte for byte as it
            # is (even switching the journal to WAL rewrites its header).
            probe = make_engine(url, read_only=True)
            try:
                revision = current_revision(probe)
            finally:
                probe.dispose()
            if revision != HEAD_REVISION:
                check_not_newer(revision)
    engine = make_engine(url)
    try:
        backup = upgrade_database(
            engine, backup_folder or (backup_dir() if path is not None else None)
        )
        mark_as_ours(engine)
        factory = make_session_factory(engine, user=user)
        with factory.begin() as session:
            ensure_catalogue(session)
        adopt_files_at_start(factory)  # campaign files of earlier versions into the database
    except Exception:
        engine.dispose()
        raise
    return Database(url=url, engine=engine, session_factory=factory, backup_made=backup)
