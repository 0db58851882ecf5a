"""Revision 0007 (legal facts): a 0006 file upgrades and keeps its rows; an open hold stays
open (no outcome invented) and an old condition mark still means "unmet"."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from sqlalchemy import text

from app.config import sqlite_url
from app.db.migrate import HEAD_REVISION, current_revision
from app.services.database import open_database

DATA = Path(__file__).resolve().parents[1] / "data"


def test_a_0006_file_upgrades_with_its_holds_and_marks(tmp_path: Path) -> None:
    path = tmp_path / "tdkt-0006.sqlite"
    shutil.copy(DATA / "tdkt-0006.sqlite", path)
    raw = sqlite3.connect(path)
    assert raw.execute("SELECT version_num FROM alembic_version").fetchone() == ("0006",)
    before = {
        t: raw.execute(f"SELECT * FROM {t} ORDER BY id").fetchall()
        for t in ("unit", "person", "discipline", "condition_mark")
    }
    raw.close()
    db = open_database(sqlite_url(path), backup_folder=tmp_path / "bk")
    try:
        assert current_revision(db.engine) == HEAD_REVISION
        with db.engine.connect() as conn:
            hold = conn.execute(
                text(
                    "SELECT kind, end_date, conclusion, outcome, concluded_on FROM discipline "
                    "WHERE kind = 'DANG_XEM_XET'"
                )
            ).one()
            assert tuple(hold) == ("DANG_XEM_XET", None, "đang xem xét", None, None)
            marks = conn.execute(text("SELECT met FROM condition_mark")).scalars().all()
            assert marks and all(met in (0, False) for met in marks)
            person = conn.execute(
                text(
                    "SELECT full_name, sector_start_date, death_date FROM person "
                    "WHERE full_name = 'Nguyễn Văn An'"
                )
            ).one()
            assert tuple(person) == ("Nguyễn Văn An", None, None)
            for table, rows in before.items():
                count = conn.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar_one()
                assert count == len(rows), table
            for table in ("initiative_use", "cluster", "cluster_member"):
                assert conn.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar_one() == 0
    finally:
        db.dispose()
