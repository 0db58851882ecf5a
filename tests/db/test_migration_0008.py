"""Revision 0008 (council candidates, list approvals, members, times): a 0007 file upgrades
with its session and votes; the new tables start empty and old sessions have no times."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from sqlalchemy import text

from app.config import sqlite_url
from app.db.migrate import HEAD_REVISION, current_revision
from app.services.database import open_database

DATA = Path(__file__).resolve().parents[1] / "data"


def test_a_0007_file_upgrades_with_its_session_and_votes(tmp_path: Path) -> None:
    path = tmp_path / "tdkt-0007.sqlite"
    shutil.copy(DATA / "tdkt-0007.sqlite", path)
    raw = sqlite3.connect(path)
    assert raw.execute("SELECT version_num FROM alembic_version").fetchone() == ("0007",)
    before = {
        t: raw.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall()
        for t in ("council_session", "council_vote", "person", "unit")
    }
    raw.close()
    db = open_database(sqlite_url(path), backup_folder=tmp_path / "bk")
    try:
        assert current_revision(db.engine) == HEAD_REVISION
        with db.engine.connect() as conn:
            for table, rows in before.items():
                count = conn.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar_one()
                assert count == len(rows), table
            session = conn.execute(
                text(
                    "SELECT chair, members_total, started_at, ended_at, public_comment "
                    "FROM council_session"
                )
            ).one()
            assert tuple(session) == ("Giám đốc Sở", 9, None, None, None)
            vote = conn.execute(
                text(
                    "SELECT in_favour, passed FROM council_vote "
                    "WHERE person_id = 1 AND title = 'CSTDCS'"
                )
            ).one()
            assert tuple(vote) == (7, True) or tuple(vote) == (7, 1)
            for table in ("council_candidate", "council_list_approval", "council_member"):
                assert conn.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar_one() == 0
    finally:
        db.dispose()
