"""Opening a database for a session of work: engine, schema upgrade, catalogue, session factory."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from app.config import backup_dir, display_db, sqlite_path, sqlite_url
from app.db.engine import make_engine, make_session_factory
from app.db.files import Partial, copy_sqlite, create_private, make_private
from app.db.migrate import (
    HEAD_REVISION,
    DatabaseError,
    check_not_newer,
    current_revision,
    mark_as_ours,
    upgrade_database,
)
from app.services.attachments import adopt_files_at_start
from app.services.code_lists import apply_code_lists
from app.services.context import AppContext
from app.services.reference import ensure_catalogue


@dataclass
class Database:
    """An open, migrated database and the session factory every service call goes through."""

    url: str
    engine: Engine
    session_factory: sessionmaker[Session]
    backup_made: str | None = None
    # a dry run's temporary copy: removed with the engine (see open_database's ``dry_run``)
    temporary: tempfile.TemporaryDirectory[str] | None = None

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
        if self.temporary is not None:
            self.temporary.cleanup()
            self.temporary = None


def _create_sqlite(path: Path, user: str | None) -> None:
    """A new SQLite database, owner-only, built under a temporary name and moved into place
    whole: a full disk or a killed program never leaves a file with half a schema."""
    with Partial(path) as partial:
        engine = make_engine(sqlite_url(partial.path))
        try:
            upgrade_database(engine, backup=False)
            mark_as_ours(engine)
            with make_session_factory(engine, user=user).begin() as session:
                ensure_catalogue(session)
            with engine.connect() as conn:  # one file: the WAL folded in
                conn.exec_driver_sql("PRAGMA journal_mode=DELETE")
        finally:
            engine.dispose()
        path.unlink(missing_ok=True)  # an empty file left by an older version
        partial.commit()


def _dry_run_copy(url: str, user: str | None) -> Database:
    """What a dry run works on: a temporary copy of an SQLite file (created, upgraded and
    seeded there, never in the file itself), or a server database used as it is when its schema
    is this program's (a dry run does not upgrade a server's schema: refused with a message)."""
    path = sqlite_path(url)
    if path is None:
        engine = make_engine(url)
        try:
            revision = current_revision(engine)
            if revision != HEAD_REVISION:
                check_not_newer(revision)
                raise DatabaseError(
                    f"Cơ sở dữ liệu {display_db(url)} cần nâng cấp lược đồ (từ "
                    f"'{revision or '-'}' lên '{HEAD_REVISION}'); chạy thử (--dry-run) không "
                    "thay đổi cơ sở dữ liệu nên không nâng cấp. Hãy mở chương trình hoặc chạy "
                    "lệnh không có --dry-run một lần để nâng cấp, rồi chạy thử lại."
                )
        except Exception:
            engine.dispose()
            raise
        return Database(url, engine, make_session_factory(engine, user=user))
    temporary = tempfile.TemporaryDirectory(prefix="tdkt-chay-thu-")
    try:
        copy = Path(temporary.name) / (path.name or "tdkt.sqlite")
        if path.is_file() and path.stat().st_size > 0:
            probe = make_engine(url, read_only=True)
            try:  # a newer file is refused before anything (as a real run would)
                revision = current_revision(probe)
            finally:
                probe.dispose()
            if revision != HEAD_REVISION:
                check_not_newer(revision)
            create_private(copy)
            copy_sqlite(path, copy)
        db = open_database(
            sqlite_url(copy), user=user, backup_folder=Path(temporary.name) / "backups"
        )
    except BaseException:
        temporary.cleanup()
        raise
    db.temporary = temporary
    return db


def open_database(
    url: str,
    *,
    user: str | None = None,
    backup_folder: Path | None = None,
    dry_run: bool = False,
) -> Database:
    """Open ``url``, create or upgrade its schema (backing up an SQLite file first), seed the catalogue.

    ``dry_run``: for a run that must not change the database (``--dry-run``): an SQLite file
    is copied to a temporary folder first and the copy is opened (upgraded there if older;
    removed by :meth:`Database.dispose`); a server database is opened without any change, and
    refused when its schema would need an upgrade.

    Raises ``app.db.migrate.DatabaseError`` (Vietnamese message) when the file cannot be used.
    """
    if dry_run:
        return _dry_run_copy(url, user)
    path = sqlite_path(url)
    revision: str | None = HEAD_REVISION
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.stat().st_size == 0:
            _create_sqlite(path, user)
        make_private(path)
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
        # the backup folder only when a copy is made (an upgrade): opening creates no folder
        needs_copy = path is not None and revision != HEAD_REVISION
        backup = upgrade_database(engine, backup_folder or (backup_dir() if needs_copy else None))
        mark_as_ours(engine)
        factory = make_session_factory(engine, user=user)
        with factory.begin() as session:
            ensure_catalogue(session)
            apply_code_lists(session)  # the award types, emulation forms the clerk edited
        adopt_files_at_start(factory)  # campaign files of earlier versions into the database
    except Exception:
        engine.dispose()
        raise
    return Database(url=url, engine=engine, session_factory=factory, backup_made=backup)
