"""Revision 0010 (catalogue as data, rule sets, attachments): an older file upgrades with its
catalogue items kept, marked neither local nor changed by the clerk (so the shipped values of
this version apply to them when it opens), its coefficients dated; the new tables start empty
and old candidates have no received date."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from sqlalchemy import text

from app.config import sqlite_url
from app.db.migrate import HEAD_REVISION, current_revision
from app.services.database import open_database
from app.services.reference import shipped_catalogue

DATA = Path(__file__).resolve().parents[1] / "data"


def test_an_older_file_upgrades_with_its_catalogue(tmp_path: Path) -> None:
    path = tmp_path / "tdkt-0007.sqlite"
    shutil.copy(DATA / "tdkt-0007.sqlite", path)
    raw = sqlite3.connect(path)
    before = raw.execute(
        "SELECT code, name, coef_ca_nhan FROM catalogue_item ORDER BY 1"
    ).fetchall()
    raw.close()
    assert before, "the old file must hold catalogue rows"
    db = open_database(sqlite_url(path), backup_folder=tmp_path / "bk")
    try:
        assert current_revision(db.engine) == HEAD_REVISION
        with db.engine.connect() as conn:
            old = {code for code, *_ in before}
            rows = conn.execute(
                text("SELECT code, name, local, clerk_changed FROM catalogue_item")
            ).all()
            kept = {r.code: r for r in rows if r.code in old}
            assert set(kept) == old
            shipped = shipped_catalogue()
            for code, _name, _coef in before:
                # never changed by a clerk: the shipped name of this version (an update)
                assert kept[code].name == shipped.get(code).name
                assert kept[code].local in (0, False) and kept[code].clerk_changed is None
            dated = conn.execute(
                text("SELECT COUNT(*) FROM catalogue_coefficient WHERE code = 'LDTT'")
            ).scalar_one()
            assert dated == len(shipped.get("LDTT").steps) == 2
            for table in ("attachment", "rule_set"):
                assert conn.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar_one() == 0
            assert (
                conn.execute(
                    text("SELECT COUNT(*) FROM council_candidate WHERE received_on IS NOT NULL")
                ).scalar_one()
                == 0
            )
    finally:
        db.dispose()
