"""Revision 0009 (a version on every record a clerk edits, the file marked as TĐKT's): a 0008
file upgrades with all its rows, each at version 1, and carries TĐKT's application_id.

``tests/data/tdkt-0008.sqlite`` was built with Alembic up to 0008 and a few rows in the tables
that get a version; the test reads whatever rows the file holds, so a richer copy of it works
the same."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from app.config import sqlite_url
from app.db.migrate import APPLICATION_ID, HEAD_REVISION, current_revision
from app.db.models import Person
from app.services.database import open_database

DATA = Path(__file__).resolve().parents[1] / "data"
VERSIONED = (
    "catalogue_item",
    "unit",
    "person",
    "assignment",
    "person_grade",
    "unit_grade",
    "discipline",
    "initiative",
    "household",
    "award_record",
    "app_setting",
    "campaign",
    "council_session",
    "council_member",
    "condition_mark",
    "base_salary",
)


@pytest.fixture
def old_file(tmp_path: Path) -> Path:
    path = tmp_path / "tdkt-0008.sqlite"
    shutil.copy(DATA / "tdkt-0008.sqlite", path)
    return path


def _rows(path: Path) -> dict[str, list[tuple]]:
    raw = sqlite3.connect(path)
    try:
        assert raw.execute("SELECT version_num FROM alembic_version").fetchall() == [("0008",)]
        assert raw.execute("PRAGMA application_id").fetchone() == (0,)
        for table in VERSIONED:
            columns = [r[1] for r in raw.execute(f"PRAGMA table_info({table})")]
            assert "version" not in columns, table
        return {t: raw.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in VERSIONED}
    finally:
        raw.close()


def test_a_0008_file_upgrades_with_every_row_at_version_1(old_file: Path, tmp_path: Path) -> None:
    before = _rows(old_file)
    assert before["person"] and before["unit"], "the fixture should hold people and units"
    db = open_database(sqlite_url(old_file), backup_folder=tmp_path / "bk")
    try:
        assert current_revision(db.engine) == HEAD_REVISION
        with db.engine.connect() as conn:
            for table, rows in before.items():
                after = conn.execute(text(f"SELECT * FROM {table} ORDER BY 1")).all()
                # every old row keeps its values (the new column comes last); opening adds
                # only the catalogue items a newer catalogue has
                width = len(rows[0]) if rows else 0
                if table == "catalogue_item":  # this version's shipped values apply on open
                    assert {r[0] for r in rows} <= {r[0] for r in after}, table
                    continue
                kept = {tuple(r)[:width] for r in after}
                assert set(rows) <= kept, table
                assert len(after) == len(rows), table
                versions = conn.execute(text(f"SELECT DISTINCT version FROM {table}")).all()
                assert versions in ([], [(1,)]), table
    finally:
        db.dispose()
    raw = sqlite3.connect(old_file)
    try:
        assert raw.execute("PRAGMA application_id").fetchone() == (APPLICATION_ID,)
        assert raw.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        raw.close()
    assert list((tmp_path / "bk").glob("*-truoc-nang-cap-*.sqlite")), "a copy before the upgrade"


def test_an_upgraded_record_counts_its_versions(old_file: Path, tmp_path: Path) -> None:
    person_id = _rows(old_file)["person"][0][0]
    db = open_database(sqlite_url(old_file), backup_folder=tmp_path / "bk")
    try:
        with db.session_factory.begin() as s:
            person = s.get(Person, person_id)
            assert person is not None and person.version == 1
            person.note = "đã nâng cấp"
        with db.session_factory() as s:
            person = s.get(Person, person_id)
            assert person is not None and person.version == 2
    finally:
        db.dispose()
