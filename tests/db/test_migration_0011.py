"""Revision 0011 (a unit's field, lĩnh vực): a file of 0010 upgrades with its units unchanged
and without a field; the column is added in place, the unit table (which other tables' foreign
keys point to) is not rebuilt; a field saved afterwards is read back."""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import replace
from pathlib import Path

from app.config import sqlite_url
from app.db.migrate import HEAD_REVISION, current_revision
from app.services import units as unit_svc
from app.services.database import open_database

DATA = Path(__file__).resolve().parents[1] / "data"


def _unit_table(path: Path) -> tuple[int, list[tuple[object, ...]]]:
    raw = sqlite3.connect(path)
    try:
        (root,) = raw.execute("SELECT rootpage FROM sqlite_master WHERE name = 'unit'").fetchone()
        rows = raw.execute("SELECT id, code, full_name, parent_id, version FROM unit").fetchall()
        return int(root), rows
    finally:
        raw.close()


def test_a_0010_file_gets_the_field_in_place(tmp_path: Path) -> None:
    path = tmp_path / "tdkt-0010.sqlite"
    shutil.copy(DATA / "tdkt-0010.sqlite", path)
    root, rows = _unit_table(path)
    assert rows, "the old file must hold units"
    db = open_database(sqlite_url(path), backup_folder=tmp_path / "bk")
    try:
        assert current_revision(db.engine) == HEAD_REVISION
        with db.session_factory() as s:
            units = unit_svc.list_units(s)
        assert units and all(u.sector is None for u in units)
        with db.session_factory.begin() as s:
            first = unit_svc.get_unit(s, rows[0][0])
            unit_svc.update_unit(
                s,
                first.id,
                replace(first.as_input(), sector="Thủy lợi"),
                expected_version=first.version,
            )
    finally:
        db.dispose()
    after_root, after_rows = _unit_table(path)
    assert after_root == root  # the same b-tree: ALTER TABLE ADD COLUMN, no copy
    assert [r[:4] for r in after_rows] == [r[:4] for r in rows]
    raw = sqlite3.connect(path)
    try:
        assert raw.execute("SELECT sector FROM unit WHERE id = ?", (rows[0][0],)).fetchone() == (
            "Thủy lợi",
        )
        assert raw.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        raw.close()
