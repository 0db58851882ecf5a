"""Dry runs never change the file: ``tdkt import ... --dry-run`` on a database of an older
version reports as the real run would, from a temporary upgraded copy, and leaves the file
byte for byte as it was (no upgrade, no WAL, no backup folder, no lock); a missing database is
not created. Stray partial files (``*.dang-ghi``) of a killed program are removed at start,
unless another program is still writing them."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook

pytestmark = pytest.mark.skipif(
    bool(os.environ.get("TDKT_TEST_DB_URL")), reason="kiểm thử riêng cho tệp SQLite"
)
DATA = Path(__file__).resolve().parent / "data"


def tdkt(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
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


def listing(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def staff_list(tmp_path: Path) -> Path:
    book = Workbook()
    book.active.append(["STT", "Họ và tên", "Ngày sinh", "Đơn vị", "Chức vụ"])
    book.active.append([1, "Phạm Thị Cúc", "03/04/1990", "Văn phòng Sở", "Chuyên viên"])
    path = tmp_path / "nhap" / "can-bo.xlsx"
    path.parent.mkdir()
    book.save(path)
    return path


def test_a_dry_run_on_an_old_database_does_not_upgrade_it(tmp_path: Path, staff_list: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    shutil.copyfile(DATA / "tdkt-0008.sqlite", data / "tdkt.sqlite")
    before = listing(data)
    done = tdkt(data, "import", "staff", str(staff_list), "--dry-run", "--create-units")
    assert "Traceback" not in done.stderr, done.stderr
    assert "Phạm Thị Cúc" in done.stdout or "1 dòng" in done.stdout, done.stdout
    assert listing(data) == before  # same bytes, no -wal, no backups folder, no lock file
    con = sqlite3.connect(data / "tdkt.sqlite")
    try:
        assert con.execute("SELECT version_num FROM alembic_version").fetchall() == [("0008",)]
    finally:
        con.close()


def test_a_dry_run_on_a_current_database_leaves_it_byte_for_byte(
    tmp_path: Path, staff_list: Path
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    assert tdkt(data, "restore", str(DATA / "tdkt-0008.sqlite")).returncode == 0  # at head
    before = listing(data)
    for what in ("staff", "grades"):
        args = ["import", what, str(staff_list), "--dry-run"]
        done = tdkt(data, *args, *(["--year", "2025"] if what == "grades" else []))
        assert "Traceback" not in done.stderr, done.stderr
    assert listing(data) == before


def test_a_dry_run_without_a_database_creates_none(tmp_path: Path, staff_list: Path) -> None:
    data = tmp_path / "data"
    done = tdkt(data, "import", "staff", str(staff_list), "--dry-run", "--create-units")
    assert "Traceback" not in done.stderr and done.returncode == 0, done.stderr
    assert not (data / "tdkt.sqlite").exists()


# --- stray partial files ----------------------------------------------------------------------

HOLDER = """
import sys, time
from pathlib import Path
from app.db.files import Partial
with Partial(Path(sys.argv[1])) as partial:
    print("dang ghi", flush=True)
    sys.stdin.read()
"""


def test_partial_files_of_a_killed_program_are_removed_at_start(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "backups").mkdir(parents=True)
    stray = [
        data / "tdkt.sqlite.phuc-hoi.dang-ghi",
        data / "tdkt.sqlite.phuc-hoi.dang-ghi-journal",
        data / "demo.sqlite.dang-ghi",
        data / "demo.sqlite.dang-ghi-wal",
        data / "demo.sqlite.dang-ghi-shm",
        data / "backups" / "tdkt-hang-ngay-20261201-080000.sqlite.dang-ghi",
        data / "backups" / "tdkt-hang-ngay-20261201-080000.sqlite.dang-ghi-journal",
        data / "tdkt-cai-dat.json.dang-ghi",
    ]
    for path in stray:
        path.write_bytes(b"x" * 100)
    kept = [data / "ghi-chu.txt", data / "backups" / "tdkt-thu-cong-20261201-080000.sqlite"]
    for path in kept:
        path.write_bytes(b"giu lai")
    writing = data / "backups" / "tdkt-thu-cong-20261202-090000.sqlite"
    env = {k: v for k, v in os.environ.items() if k not in ("TDKT_DB", "TDKT_TEST_DB_URL")}
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(writing)],
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "dang ghi"
        tdkt(data, "check")
        assert [p.name for p in stray if p.exists()] == []
        assert all(p.read_bytes() == b"giu lai" for p in kept)
        assert writing.with_name(writing.name + ".dang-ghi").exists()  # still being written
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=30)
    assert not writing.with_name(writing.name + ".dang-ghi").exists()
