"""Restore that cannot make things worse: onto a new computer (no database yet) from the command
line; an older backup upgraded after the copy; hostile files refused before anything is
replaced (another program's file, an empty or unknown schema version, a table dropped, broken
foreign keys, a newer TĐKT, a damaged file), the current database and the folder unchanged."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from app.config import sqlite_url
from app.db.migrate import APPLICATION_ID, HEAD_REVISION
from app.domain.units import UnitInput
from app.services import backup as svc
from app.services import units as unit_svc
from app.services.database import open_database
from app.services.integrity import check_database

pytestmark = pytest.mark.skipif(
    bool(os.environ.get("TDKT_TEST_DB_URL")), reason="kiểm thử riêng cho tệp SQLite"
)
DATA = Path(__file__).resolve().parents[1] / "data"


def _codes(path: Path) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return [r[0] for r in con.execute("SELECT code FROM unit ORDER BY code")]
    finally:
        con.close()


def _listing(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _sql(path: Path, *statements: str) -> None:
    con = sqlite3.connect(path)
    try:
        con.execute("PRAGMA foreign_keys=OFF")
        for statement in statements:
            con.execute(statement)
        con.commit()
        con.execute("PRAGMA journal_mode=DELETE")
    finally:
        con.close()


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """A data folder whose database holds the units SO and VP, and a backup of it (SO only)."""
    data = tmp_path / "data"
    (data / "backups").mkdir(parents=True)
    db = open_database(sqlite_url(data / "tdkt.sqlite"), backup_folder=data / "backups")
    try:
        with db.session_factory.begin() as s:
            unit_svc.create_unit(s, UnitInput(code="SO", full_name="Sở", kind="CO_QUAN"))
        svc.backup_database(db.url, tmp_path / "sao-luu.sqlite")
        with db.session_factory.begin() as s:
            unit_svc.create_unit(s, UnitInput(code="VP", full_name="Văn phòng", kind="VAN_PHONG"))
    finally:
        db.dispose()
    return data


def _hostile(backup: Path, make: Callable[[Path], None]) -> Path:
    path = backup.with_name("la.sqlite")
    make(path)
    return path


def _another_program(path: Path) -> None:
    _sql(
        path,
        "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)",
        "INSERT INTO alembic_version VALUES ('0005')",
        "CREATE TABLE ghi_chu (id INTEGER PRIMARY KEY, noi_dung TEXT)",
        "INSERT INTO ghi_chu (noi_dung) VALUES ('không phải TĐKT')",
    )


def _copy_and(*statements: str) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        shutil.copyfile(path.with_name("sao-luu.sqlite"), path)
        _sql(path, *statements)

    return make


def _damaged(path: Path) -> None:
    data = path.with_name("sao-luu.sqlite").read_bytes()
    path.write_bytes(data[: len(data) // 3])


HOSTILE = {
    "another-program-0005": (_another_program, "không phải cơ sở dữ liệu TĐKT"),
    "another-application-id": (
        _copy_and("PRAGMA application_id = 305419896"),
        "chương trình khác",
    ),
    "empty-version": (_copy_and("DELETE FROM alembic_version"), "phiên bản lược đồ trống"),
    "no-version-table": (_copy_and("DROP TABLE alembic_version"), "không phải cơ sở dữ liệu"),
    "two-versions": (
        _copy_and("INSERT INTO alembic_version VALUES ('0001')"),
        "nhiều phiên bản",
    ),
    "table-dropped-and-broken-keys": (
        _copy_and(
            "DROP TABLE council_vote",
            "INSERT INTO assignment (person_id, unit_id, position_title, position_rank,"
            " created_at, updated_at, version) VALUES (9999, 9999, '', 1, '2026-01-01',"
            " '2026-01-01', 1)",
        ),
        "thiếu bảng council_vote",
    ),
    "broken-keys": (
        _copy_and(
            "INSERT INTO assignment (person_id, unit_id, position_title, position_rank,"
            " created_at, updated_at, version) VALUES (9999, 9999, '', 1, '2026-01-01',"
            " '2026-01-01', 1)"
        ),
        "liên kết hỏng",
    ),
    "extra-column": (_copy_and("ALTER TABLE person ADD COLUMN mat_khau TEXT"), "thừa cột"),
    "newer-schema": (
        _copy_and("UPDATE alembic_version SET version_num = 'zz_tuong_lai'"),
        "phiên bản TĐKT mới hơn",
    ),
    "damaged": (_damaged, "hỏng"),
    "not-sqlite": (lambda p: p.write_text("không phải CSDL", encoding="utf-8"), "hỏng"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_hostile_file_is_refused_and_nothing_changes(
    home: Path, tmp_path: Path, case: str
) -> None:
    make, words = HOSTILE[case]
    hostile = _hostile(tmp_path / "sao-luu.sqlite", make)
    before, hostile_bytes = _listing(home), hostile.read_bytes()
    url = sqlite_url(home / "tdkt.sqlite")
    with pytest.raises(svc.BackupError) as caught:
        svc.restore_database(url, hostile, folder=home / "backups")
    assert words in str(caught.value)
    assert "\n" not in str(caught.value) and ".dang-ghi" not in str(caught.value)
    assert _listing(home) == before  # no copy kept, no temporary file, the database as it was
    assert hostile.read_bytes() == hostile_bytes  # the file offered is only read
    assert _codes(home / "tdkt.sqlite") == ["SO", "VP"]


def test_check_reports_what_restore_refuses(home: Path, tmp_path: Path) -> None:
    for case in ("another-application-id", "table-dropped-and-broken-keys", "extra-column"):
        make, words = HOSTILE[case]
        hostile = _hostile(tmp_path / "sao-luu.sqlite", make)
        report = check_database(sqlite_url(hostile))
        assert not report.ok and any(words in p for p in report.problems), (case, report)
        hostile.unlink()
    assert check_database(sqlite_url(tmp_path / "sao-luu.sqlite")).ok


def test_a_good_backup_replaces_the_data_and_keeps_a_copy(home: Path, tmp_path: Path) -> None:
    url = sqlite_url(home / "tdkt.sqlite")
    result = svc.restore_database(url, tmp_path / "sao-luu.sqlite", folder=home / "backups")
    assert _codes(home / "tdkt.sqlite") == ["SO"]
    assert result.previous_copy is not None and _codes(result.previous_copy) == ["SO", "VP"]
    assert check_database(url).ok


def test_an_older_backup_is_upgraded_after_the_copy(home: Path, tmp_path: Path) -> None:
    old = tmp_path / "tdkt-0008.sqlite"
    shutil.copyfile(DATA / "tdkt-0008.sqlite", old)
    old_bytes = old.read_bytes()
    url = sqlite_url(home / "tdkt.sqlite")
    result = svc.restore_database(url, old, folder=home / "backups")
    assert result.revision == "0008" and old.read_bytes() == old_bytes
    con = sqlite3.connect(home / "tdkt.sqlite")
    try:
        assert con.execute("SELECT version_num FROM alembic_version").fetchall() == [
            (HEAD_REVISION,)
        ]
        assert con.execute("PRAGMA application_id").fetchone() == (APPLICATION_ID,)
    finally:
        con.close()
    assert check_database(url).ok


# --- a new computer ----------------------------------------------------------------------------


def _tdkt(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("TDKT_DB", "TDKT_TEST_DB_URL")}
    env.update(TDKT_DATA_DIR=str(data), PYTHONIOENCODING="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=180,
    )


def test_tdkt_restore_on_a_computer_without_a_database(home: Path, tmp_path: Path) -> None:
    """A dead PC, a new one, the backup on a USB stick: ``tdkt restore FILE`` brings it back."""
    usb = tmp_path / "usb" / "tdkt-thu-cong-20261201-100000.sqlite"
    usb.parent.mkdir()
    shutil.copyfile(tmp_path / "sao-luu.sqlite", usb)
    new_pc = tmp_path / "may-moi" / "TDKT"  # not even the data folder exists
    done = _tdkt(new_pc, "restore", str(usb))
    assert done.returncode == 0, done.stderr
    assert "Đã phục hồi" in done.stdout and "chưa có cơ sở dữ liệu" in done.stdout
    assert _codes(new_pc / "tdkt.sqlite") == ["SO"]
    assert [p.name for p in new_pc.iterdir() if p.is_file()] == ["tdkt.sqlite"]
    checked = _tdkt(new_pc, "check")
    assert checked.returncode == 0, checked.stdout
    if os.name == "posix":
        assert (new_pc / "tdkt.sqlite").stat().st_mode & 0o777 == 0o600


def test_tdkt_restore_of_an_old_backup_on_a_new_computer(tmp_path: Path) -> None:
    new_pc = tmp_path / "may-moi"
    done = _tdkt(new_pc, "restore", str(DATA / "tdkt-0008.sqlite"))
    assert done.returncode == 0, done.stderr
    assert _tdkt(new_pc, "check").returncode == 0


def test_tdkt_restore_refuses_a_hostile_file_on_a_new_computer(home: Path, tmp_path: Path) -> None:
    hostile = _hostile(tmp_path / "sao-luu.sqlite", HOSTILE["newer-schema"][0])
    new_pc = tmp_path / "may-moi"
    done = _tdkt(new_pc, "restore", str(hostile))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 1 and "mới hơn" in done.stderr
    assert not (new_pc / "tdkt.sqlite").exists()
    assert [p for p in new_pc.rglob("*") if p.is_file()] == []
