"""Crash safety: a 5,000-row staff import killed (SIGKILL) while it writes leaves a database
that passes ``tdkt check`` and holds none or all of the rows; the lock it held is cleared."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from app.config import sqlite_url
from app.db.lock import acquire, read_owner
from app.domain.people import PersonInput
from app.domain.units import UnitInput
from app.services import people as people_svc
from app.services import units as unit_svc
from app.services.database import open_database

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="Windows không có SIGKILL")

ROWS = 5000
UNITS = ("Văn phòng Sở", "Phòng Kế hoạch", "Chi cục Thủy lợi", "Phòng Tổ chức", "Thanh tra Sở")
HO = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng")
DEM = ("Văn", "Thị", "Minh", "Thanh", "Quốc", "Ngọc", "Hữu", "Đức", "Thu", "Hồng")
TEN = (
    "An Bình Cường Dũng Giang Hà Hải Hạnh Hiếu Hòa Hùng Hương Khánh Lan Linh Long Mai Nam Nga "
    "Ngân Nhung Phong Phúc Phương Quang Quân Sơn Tâm Thảo Thắng Thành Thủy Tiến Trang Trung Tú "
    "Tuấn Tùng Uyên Vân Việt Vinh Xuân Yến Bảo Chi Đạt Hiền Lộc Kiên"
).split()
WAL_WRITING = 8192  # bytes in the -wal file: the import's transaction is writing pages


def _env(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("TDKT_DB", "TDKT_TEST_DB_URL")}
    env.update(TDKT_DATA_DIR=str(data_dir), PYTHONIOENCODING="utf-8")
    return env


def _workbook(path: Path) -> None:
    """5,000 new people (unique name and birth date, unique staff code) in existing units."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Danh sách")
    ws.append(["STT", "Họ và tên", "Giới tính", "Ngày sinh", "Chức vụ", "Đơn vị công tác", "Mã"])
    for i in range(ROWS):
        name = f"{HO[i % 10]} {DEM[(i // 10) % 10]} {TEN[(i // 100) % 50]}"
        born = date(1966 + i % 30, 1 + i % 12, 1 + i % 28)
        unit = UNITS[i % len(UNITS)]
        ws.append([i + 1, name, "Nữ" if i % 2 else "Nam", born, "Chuyên viên", unit, f"T{i:05d}"])
    wb.save(path)


def _database(path: Path, backups: Path) -> int:
    """A database with the units and two people already there; returns the people count."""
    db = open_database(sqlite_url(path), backup_folder=backups)
    try:
        with db.session_factory.begin() as s:
            root = unit_svc.create_unit(s, UnitInput(code="SO", full_name="Sở", kind="CO_QUAN"))
            first = None
            for n, name in enumerate(UNITS):
                unit = unit_svc.create_unit(
                    s, UnitInput(code=f"U{n}", full_name=name, parent_id=root.id, kind="PHONG")
                )
                first = first or unit.id
            for ho_dem, ten in (("Lê Văn", "Cũ"), ("Trần Thị", "Sẵn")):
                people_svc.create_person(s, PersonInput(ho_dem=ho_dem, ten=ten), unit_id=first)
    finally:
        db.dispose()
    return 2


def _check(path: Path, data_dir: Path) -> dict:
    result = subprocess.run(
        [sys.executable, "-m", "app", "check", "--db", str(path), "--json"],
        env=_env(data_dir),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    report = json.loads(result.stdout)
    assert result.returncode == 0 and report["ok"], (report["problems"], result.stderr)
    return report


def _import_and_kill(path: Path, workbook: Path, data_dir: Path) -> subprocess.Popen[bytes]:
    """Start the import; SIGKILL it as soon as its transaction writes pages into the -wal file."""
    wal = Path(str(path) + "-wal")
    log = (data_dir / "import-output.txt").open("wb")  # a pipe could fill up and block it
    proc = subprocess.Popen(
        [sys.executable, "-m", "app", "import", "staff", str(workbook), "--db", str(path)],
        env=_env(data_dir),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 120
    try:
        while proc.poll() is None and time.monotonic() < deadline:
            try:
                writing = wal.stat().st_size >= WAL_WRITING
            except FileNotFoundError:
                writing = False
            if writing:
                os.kill(proc.pid, signal.SIGKILL)
                break
            time.sleep(0.002)
        else:
            if proc.poll() is None:  # never started writing: do not leave it running
                proc.kill()
        proc.wait(timeout=60)
    finally:
        log.close()
    return proc


def test_import_killed_while_writing_leaves_none_or_all_rows(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    workbook = tmp_path / "can-bo-5000.xlsx"
    _workbook(workbook)
    killed = None
    for attempt in range(3):  # a machine fast enough to finish before the kill: try again
        path = tmp_path / f"tdkt-{attempt}.sqlite"
        before = _database(path, tmp_path / "backups")
        proc = _import_and_kill(path, workbook, data_dir)
        if proc.returncode == -signal.SIGKILL:
            killed = path
            break
        output = (data_dir / "import-output.txt").read_text(encoding="utf-8")
        assert proc.returncode == 0, output
    assert killed is not None, "the import always finished before it could be killed"

    # The transaction was cut off mid-way: the file recovers (the -wal holds uncommitted
    # pages) and passes every check, with none or all of the new rows.
    report = _check(killed, data_dir)
    assert report["counts"]["can_bo"] in (before, before + ROWS), report["counts"]

    # The lock file of the killed program is still there and names it; the next program
    # clears it and goes on.
    owner = read_owner(killed)
    assert owner is not None and owner.pid == proc.pid
    with acquire(killed) as lock:
        assert lock.held
    assert read_owner(killed) is None
