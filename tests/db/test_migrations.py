"""Schema creation and upgrade: empty to head, no drift from the models, refusal of newer files."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from app.config import sqlite_url
from app.db.base import Base
from app.db.engine import make_engine
from app.db.migrate import DatabaseTooNewError, current_revision, head_revision, upgrade_database
from app.services.database import open_database

DATA = Path(__file__).resolve().parent.parent / "data"


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_empty_database_upgrades_to_head(database) -> None:
    assert current_revision(database.engine) == head_revision()
    tables = set(inspect(database.engine).get_table_names())
    expected = {t.name for t in Base.metadata.sorted_tables}
    assert expected <= tables


def test_models_and_migrations_do_not_drift(database) -> None:
    with database.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(ctx, Base.metadata)
    assert diff == [], f"autogenerate finds differences; add a migration: {diff}"


def test_second_open_is_a_no_op(db_url: str, tmp_path: Path, sqlite_only) -> None:
    first = open_database(db_url, backup_folder=tmp_path / "bk")
    first.dispose()
    second = open_database(db_url, backup_folder=tmp_path / "bk")
    second.dispose()
    assert second.backup_made is None
    assert not (tmp_path / "bk").exists() or not any((tmp_path / "bk").iterdir())


def test_newer_database_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "newer.sqlite"
    db = open_database(sqlite_url(path), backup_folder=tmp_path / "bk")
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'zz_from_the_future'"))
    db.dispose()
    before = _sha(path)
    with pytest.raises(DatabaseTooNewError, match="phiên bản TĐKT mới hơn"):
        open_database(sqlite_url(path), backup_folder=tmp_path / "bk")
    assert _sha(path) == before
    assert not (tmp_path / "bk").exists() or not any((tmp_path / "bk").iterdir())


def test_old_database_is_backed_up_before_migration(tmp_path: Path) -> None:
    """A file whose schema is behind head is copied to the backup folder before upgrading."""
    from alembic import command

    from app.db.migrate import alembic_config

    path = tmp_path / "old.sqlite"
    url = sqlite_url(path)
    engine = make_engine(url)
    upgrade_database(engine, tmp_path / "unused")
    with engine.begin() as conn:
        cfg = alembic_config(url)
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "base")
        conn.execute(text("CREATE TABLE clerk_note (id INTEGER PRIMARY KEY, body TEXT)"))
        conn.execute(text("INSERT INTO clerk_note (body) VALUES ('giữ nguyên')"))
    assert current_revision(engine) is None
    backup = upgrade_database(engine, tmp_path / "bk")
    engine.dispose()
    assert backup is not None
    copy = sqlite3.connect(backup)
    try:
        assert copy.execute("SELECT body FROM clerk_note").fetchone() == ("giữ nguyên",)
        assert (
            copy.execute("SELECT name FROM sqlite_master WHERE name = 'person'").fetchone() is None
        )
    finally:
        copy.close()
    assert current_revision(make_engine(url)) == head_revision()


@pytest.mark.parametrize("fixture_name", sorted(p.name for p in DATA.glob("tdkt-*.sqlite")))
def test_upgrade_of_each_old_version_keeps_data(fixture_name: str, tmp_path: Path) -> None:
    """Every database file written by an earlier version opens, upgrades and keeps its rows."""
    path = tmp_path / fixture_name
    shutil.copy(DATA / fixture_name, path)
    raw = sqlite3.connect(path)
    people_before = raw.execute("SELECT full_name FROM person ORDER BY id").fetchall()
    raw.close()
    db = open_database(sqlite_url(path), backup_folder=tmp_path / "bk")
    try:
        assert current_revision(db.engine) == head_revision()
        with db.engine.connect() as conn:
            people_after = conn.execute(text("SELECT full_name FROM person ORDER BY id")).all()
        assert [tuple(r) for r in people_after] == people_before
        assert people_before, "fixture should hold people"
    finally:
        db.dispose()


def test_sqlite_pragmas(database, sqlite_only) -> None:
    with database.engine.connect() as conn:
        assert conn.execute(text("PRAGMA foreign_keys")).scalar_one() == 1
        assert conn.execute(text("PRAGMA journal_mode")).scalar_one().lower() == "wal"
        assert conn.execute(text("PRAGMA busy_timeout")).scalar_one() >= 5000


def test_head_constant_matches_the_migration_scripts() -> None:
    from app.db.migrate import HEAD_REVISION

    assert HEAD_REVISION == head_revision()
