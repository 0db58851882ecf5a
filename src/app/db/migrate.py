"""Create or upgrade the schema at start-up, with a backup first and a refusal of newer files."""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import DBAPIError

from app.config import sqlite_path

if TYPE_CHECKING:  # Alembic is imported only when a migration or a check needs it
    from alembic.config import Config
    from alembic.script import ScriptDirectory

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

# The newest revision in migrations/versions. Start-up compares the database with it and skips
# loading Alembic when they match; tests/db/test_migrations.py fails if it falls out of step.
HEAD_REVISION = "0012"

# PRAGMA application_id of a TĐKT SQLite file ("TDKT" in ASCII), set by migration 0009 and at
# every open: a restore tells the program's own files from other SQLite files by it.
APPLICATION_ID = 0x54444B54


class DatabaseError(Exception):
    """A database cannot be opened or upgraded; the message is for the user (Vietnamese)."""


class DatabaseTooNewError(DatabaseError):
    pass


def alembic_config(url: str) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def script_directory() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config("sqlite://"))


def head_revision() -> str:
    head = script_directory().get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The revision stored in the database, or None for an empty database."""
    with engine.connect() as conn:
        try:
            rows = conn.execute(text("SELECT version_num FROM alembic_version")).all()
        except DBAPIError:
            return None
    if len(rows) > 1:
        raise DatabaseError("Cơ sở dữ liệu có nhiều phiên bản lược đồ cùng lúc: không mở được")
    return str(rows[0][0]) if rows else None


def has_user_tables(engine: Engine) -> bool:
    return bool(inspect(engine).get_table_names())


def check_not_newer(revision: str | None) -> None:
    if revision is None:
        return
    known = {rev.revision for rev in script_directory().walk_revisions()}
    if revision not in known:
        raise DatabaseTooNewError(
            "Cơ sở dữ liệu này được tạo bởi một phiên bản TĐKT mới hơn "
            f"(lược đồ '{revision}'). Hãy cài phiên bản mới hơn để mở; tệp không bị thay đổi."
        )


def mark_as_ours(engine: Engine) -> None:
    """Give an SQLite file TĐKT's ``application_id`` (a database at this program's schema is
    ours, whoever created it); nothing for other databases."""
    if engine.dialect.name != "sqlite":
        return
    with engine.begin() as conn:
        if conn.execute(text("PRAGMA application_id")).scalar() != APPLICATION_ID:
            conn.execute(text(f"PRAGMA application_id = {APPLICATION_ID}"))


def backup_sqlite(path: Path, backup_folder: Path, reason: str) -> Path:
    """Copy an SQLite file with the online backup API (safe while it is open), owner-only,
    under a temporary name until it is whole."""
    from app.db.files import Partial, copy_sqlite

    backup_folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = backup_folder / f"{path.stem}-{reason}-{stamp}.sqlite"
    n = 1
    while target.exists():
        target = backup_folder / f"{path.stem}-{reason}-{stamp}-{n}.sqlite"
        n += 1
    with Partial(target) as partial:
        copy_sqlite(path, partial.path)
        partial.commit()
    return target


def upgrade_database(
    engine: Engine, backup_folder: Path | None = None, *, backup: bool = True
) -> str | None:
    """Bring the schema to head. Returns the path of the backup made, if any (``backup`` False:
    none, for a copy being restored whose original is the backup).

    A database from a newer program is refused before anything is written.
    """
    url = engine.url.render_as_string(hide_password=False)
    revision = current_revision(engine)
    if revision == HEAD_REVISION:
        return None
    check_not_newer(revision)
    head = head_revision()
    if revision == head:
        return None
    backup_path: str | None = None
    path = sqlite_path(url)
    if (
        backup
        and path is not None
        and path.exists()
        and path.stat().st_size > 0
        and has_user_tables(engine)
    ):
        folder = backup_folder or path.parent / "backups"
        backup_path = str(backup_sqlite(path, folder, "truoc-nang-cap"))
        log.info("Backed up %s to %s before migration", path, backup_path)
    migrate(engine)
    return backup_path


def migrate(engine: Engine, revision: str = "head") -> None:
    """Run the migrations up to ``revision`` in one transaction.

    On SQLite the foreign keys are off while they run: a batch migration rebuilds a table by
    copying it, dropping the old one and renaming the copy, and with the keys on that drop
    empties or deletes the rows pointing at the table (ON DELETE SET NULL / CASCADE). The keys
    are checked once at the end instead; a row left pointing nowhere rolls everything back. The
    transaction is begun explicitly: the driver would leave DDL outside one.
    """
    from alembic import command

    cfg = alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:  # outside a transaction, else SQLite ignores it
            conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
            conn.commit()
        try:
            with conn.begin():
                if sqlite:
                    conn.exec_driver_sql("BEGIN")
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, revision)
                if sqlite and conn.exec_driver_sql("PRAGMA foreign_key_check").first():
                    raise DatabaseError(
                        "Nâng cấp lược đồ để lại dữ liệu tham chiếu tới bản ghi không tồn tại; "
                        "cơ sở dữ liệu được giữ nguyên như trước khi nâng cấp."
                    )
        finally:
            if sqlite:
                conn.exec_driver_sql("PRAGMA foreign_keys=ON")
                conn.commit()
