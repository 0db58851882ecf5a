"""Backups: online copy checked, rotation, daily backup, checked restore keeping the current data."""

from __future__ import annotations

import os
import sqlite3
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from app.cli import main
from app.db.models import Unit
from app.domain.units import UnitInput
from app.services import backup as svc
from app.services import units as unit_svc


def _units(url: str) -> list[str]:
    path = url.split(":///", 1)[1]
    con = sqlite3.connect(path)
    try:
        return [r[0] for r in con.execute("SELECT code FROM unit ORDER BY code")]
    finally:
        con.close()


@pytest.fixture
def filled(database, sqlite_only):
    with database.session_factory.begin() as s:
        unit_svc.create_unit(
            s, UnitInput(code="SO", full_name="Sở Nông nghiệp và Môi trường", kind="CO_QUAN")
        )
    return database


def test_backup_is_a_checked_copy_while_the_database_is_open(filled, tmp_path) -> None:
    with filled.session_factory() as s:  # a reader holds the file open
        s.execute(select(Unit)).all()
        made = svc.backup_database(filled.url, folder=tmp_path / "bk")
    assert made.parent == tmp_path / "bk" and made.name.startswith("test-thu-cong-")
    assert _units("sqlite:///" + str(made)) == ["SO"]
    assert svc.check_file(made) is not None
    assert [b.path for b in svc.list_backups(tmp_path / "bk")] == [made]


def test_restore_checks_the_backup_and_keeps_the_current_data(filled, tmp_path) -> None:
    first = svc.backup_database(filled.url, folder=tmp_path / "bk")
    with filled.session_factory.begin() as s:
        unit_svc.create_unit(s, UnitInput(code="VP", full_name="Văn phòng Sở", kind="VAN_PHONG"))
    filled.dispose()
    result = svc.restore_database(filled.url, first, folder=tmp_path / "bk")
    assert _units(filled.url) == ["SO"]
    assert _units("sqlite:///" + str(result.previous_copy)) == ["SO", "VP"]


def test_a_damaged_backup_is_refused_and_nothing_changes(filled, tmp_path) -> None:
    good = svc.backup_database(filled.url, folder=tmp_path / "bk")
    broken = tmp_path / "hong.sqlite"
    data = good.read_bytes()
    broken.write_bytes(data[: len(data) // 2])
    filled.dispose()
    before = Path(filled.url.split(":///", 1)[1]).read_bytes()
    with pytest.raises(svc.BackupError):
        svc.restore_database(filled.url, broken, folder=tmp_path / "bk")
    assert Path(filled.url.split(":///", 1)[1]).read_bytes() == before
    notes = tmp_path / "ghi-chu.sqlite"
    notes.write_text("không phải CSDL", encoding="utf-8")
    with pytest.raises(svc.BackupError):
        svc.restore_database(filled.url, notes, folder=tmp_path / "bk")


def test_rotation_keeps_daily_and_monthly_copies(tmp_path) -> None:
    folder = tmp_path / "bk"
    folder.mkdir()
    start = datetime(2026, 11, 20, 9, 0, 0)
    for n in range(400):  # one backup a day for 400 days, two on some days
        when = start - timedelta(days=n)
        for extra in range(1 + (n % 7 == 0)):
            stamp = (when + timedelta(hours=extra)).strftime(svc.STAMP)
            (folder / f"tdkt-hang-ngay-{stamp}.sqlite").write_bytes(b"x")
    svc.prune_backups(folder, keep_daily=30, keep_monthly=12)
    kept = svc.list_backups(folder)
    days = {b.created.date() for b in kept}
    assert len([b for b in kept if b.created.date() >= date(2026, 10, 22)]) == 30
    assert len(days) == len(kept)  # one per kept day
    months = {(b.created.year, b.created.month) for b in kept}
    assert len(months) == 12


def test_daily_backup_happens_once_a_day(filled, tmp_path) -> None:
    folder = tmp_path / "bk"
    assert svc.daily_backup(filled.url, folder) is not None
    assert svc.daily_backup(filled.url, folder) is None
    assert len(svc.list_backups(folder)) == 1


def test_cli_backup_and_restore(filled, tmp_path, capsys) -> None:
    target = tmp_path / "sao-luu.sqlite"
    assert main(["backup", "--db", filled.url, "-o", str(target)]) == 0
    assert target.is_file() and "Đã sao lưu" in capsys.readouterr().out
    with filled.session_factory.begin() as s:
        unit_svc.create_unit(s, UnitInput(code="VP", full_name="Văn phòng Sở", kind="VAN_PHONG"))
    filled.dispose()
    env_data = os.environ["TDKT_DATA_DIR"]
    assert main(["restore", str(target), "--db", filled.url]) == 0
    assert _units(filled.url) == ["SO"]
    out = capsys.readouterr().out
    assert "Đã phục hồi" in out and env_data in out
    assert main(["restore", str(tmp_path / "khong-co.sqlite"), "--db", filled.url]) == 1
