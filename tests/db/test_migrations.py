"""Schema creation and upgrade: empty to head, no drift from the models, refusal of newer files."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from app.config import sqlite_url
from app.db import migrate
from app.db.base import Base
from app.db.engine import make_engine
from app.db.migrate import (
    DatabaseTooNewError,
    current_revision,
    head_revision,
    script_directory,
    upgrade_database,
)
from app.services.database import open_database
from app.services.reference import shipped_catalogue, shipped_values

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


# --- old-version files (tests/data/tdkt-NNNN.sqlite, built by tests/data/make_old_versions.py)

OLD_FILES = sorted(DATA.glob("tdkt-*.sqlite"))
# Opening a file adds the catalogue items a newer catalogue has, with their audit entries: the
# only rows an upgrade may add to a table that existed before it.
GROWS_ON_OPEN = {"catalogue_item", "catalogue_coefficient", "audit_log"}
MISSING = object()


def _shipped_on_open(table: str, key: tuple[object, ...], column: str, new: object) -> bool:
    """Opening applies this version's shipped catalogue to the items no clerk changed (issue
    13): a catalogue_item column may change, to the shipped value only."""
    if table != "catalogue_item":
        return False
    if column in ("updated_at", "updated_by", "version"):
        return True
    shipped = shipped_catalogue()
    if key[0] not in shipped:
        return False
    value = shipped_values(shipped.get(str(key[0]))).get(column, MISSING)
    if value is MISSING:
        return False
    if value is None or new is None:
        return value is None and new is None
    try:
        return Decimal(str(value)) == Decimal(str(new))
    except ArithmeticError:
        return bool(value == new)


Rows = dict[str, dict[tuple[object, ...], dict[str, object]]]


def _all_rows(path: Path) -> Rows:
    """Every row of every table as SQLite stores it, keyed by table and primary key."""
    raw = sqlite3.connect(path)
    try:
        names = [
            r[0]
            for r in raw.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        tables: Rows = {}
        for name in names:
            info = raw.execute(f'PRAGMA table_info("{name}")').fetchall()
            columns = [c[1] for c in info]
            key = [c[1] for c in sorted(info, key=lambda c: c[5]) if c[5]] or ["rowid"]
            selected = ", ".join(f'"{c}"' for c in [*key, *columns])
            tables[name] = {
                tuple(row[: len(key)]): dict(zip(columns, row[len(key) :], strict=True))
                for row in raw.execute(f'SELECT {selected} FROM "{name}"')
            }
        return tables
    finally:
        raw.close()


def upgrade_keeps_every_row(old_file: Path, tmp_path: Path) -> None:
    """Open a copy of ``old_file`` as the program does (upgrade to head) and compare every row
    of every table before and after: no table, row or value may be lost or changed; columns a
    migration adds are new, rows only where opening adds them."""
    path = tmp_path / old_file.name
    shutil.copy(old_file, path)
    before = _all_rows(path)
    assert len(before.pop("alembic_version")) == 1
    empty = sorted(table for table, rows in before.items() if not rows)
    assert not empty, f"{old_file.name} has no rows in {empty}: tests/data/make_old_versions.py"
    db = open_database(sqlite_url(path), backup_folder=tmp_path / "bk")
    try:
        assert current_revision(db.engine) == head_revision()
    finally:
        db.dispose()
    after = _all_rows(path)
    for table, rows in before.items():
        assert table in after, f"{table}: table dropped"
        for key, row in rows.items():
            new = after[table].get(key)
            assert new is not None, f"{table} {key}: row dropped"
            changed = {
                column: (value, new.get(column, MISSING))
                for column, value in row.items()
                if new.get(column, MISSING) != value
                and not _shipped_on_open(table, key, column, new.get(column, MISSING))
            }
            assert not changed, f"{table} {key}: (before, after) {changed}"
        added = sorted(after[table].keys() - rows.keys(), key=str)
        assert not added or table in GROWS_ON_OPEN, f"{table}: rows added {added}"


def test_an_old_file_for_every_revision_before_head() -> None:
    old = [rev.revision for rev in script_directory().walk_revisions()][1:]
    expected = sorted(f"tdkt-{revision}.sqlite" for revision in old)
    assert [p.name for p in OLD_FILES] == expected, (
        "build the missing files: .venv/bin/python tests/data/make_old_versions.py"
    )


@pytest.mark.parametrize("old_file", OLD_FILES, ids=[p.stem for p in OLD_FILES])
def test_upgrade_of_each_old_version_keeps_every_row(old_file: Path, tmp_path: Path) -> None:
    upgrade_keeps_every_row(old_file, tmp_path)


@pytest.fixture
def broken_head_migration(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A copy of the migrations whose newest one first runs the SQL given (``put``)."""
    copy = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS_DIR, copy, ignore=shutil.ignore_patterns("__pycache__"))
    (script,) = (copy / "versions").glob(f"{head_revision()}_*.py")
    source = script.read_text(encoding="utf-8")
    start = "def upgrade() -> None:\n"
    assert source.count(start) == 1

    def put(statement: str) -> None:
        script.write_text(source.replace(start, f"{start}    {statement}\n"), encoding="utf-8")

    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", copy)
    return put


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        ("DELETE FROM person_grade WHERE id = (SELECT MIN(id) FROM person_grade)", "row dropped"),
        ("UPDATE person SET full_name = 'Nguyễn Văn A' WHERE id = 1", "full_name"),
        ("DELETE FROM app_meta", "app_meta .* row dropped"),
        ("ALTER TABLE unit_grade DROP COLUMN note", "unit_grade .*'note'"),
    ],
    ids=["row-dropped", "value-changed", "table-emptied", "column-dropped"],
)
def test_a_migration_losing_data_fails_the_upgrade_test(
    broken_head_migration, damage: str, message: str, tmp_path: Path
) -> None:
    broken_head_migration(f"op.execute({damage!r})")
    with pytest.raises(AssertionError, match=message):
        upgrade_keeps_every_row(OLD_FILES[0], tmp_path)


def test_a_failed_upgrade_leaves_the_file_as_it_was(broken_head_migration, tmp_path) -> None:
    """Every migration runs in one transaction: one failing undoes those before it."""
    broken_head_migration("raise RuntimeError('migration failed')")
    path = tmp_path / OLD_FILES[0].name
    shutil.copy(OLD_FILES[0], path)
    before = _all_rows(path)
    raw = sqlite3.connect(path)
    schema = raw.execute("SELECT type, name, sql FROM sqlite_master ORDER BY 2").fetchall()
    raw.close()
    with pytest.raises(RuntimeError, match="migration failed"):
        open_database(sqlite_url(path), backup_folder=tmp_path / "bk")
    raw = sqlite3.connect(path)
    try:
        assert raw.execute("SELECT type, name, sql FROM sqlite_master ORDER BY 2").fetchall() == (
            schema
        )
    finally:
        raw.close()
    assert _all_rows(path) == before


def test_sqlite_pragmas(database, sqlite_only) -> None:
    with database.engine.connect() as conn:
        assert conn.execute(text("PRAGMA foreign_keys")).scalar_one() == 1
        assert conn.execute(text("PRAGMA journal_mode")).scalar_one().lower() == "wal"
        assert conn.execute(text("PRAGMA busy_timeout")).scalar_one() >= 5000


def test_head_constant_matches_the_migration_scripts() -> None:
    from app.db.migrate import HEAD_REVISION

    assert HEAD_REVISION == head_revision()
