"""Faults end in a message: every writer (backup, export, import, lock, restore, demo) run as
``tdkt`` in a process of its own, with the fault injected: a full disk or a read-only folder
(a writer patched to fail as the operating system would; a real tmpfs too when this machine lets
a test mount one, see ``test_faults_tmpfs.py``), a file another program holds, a PostgreSQL
server that does not answer.

Each fault must end with exit code 1, one Vietnamese line on stderr (``Lỗi: ...``), no
traceback, nothing half-written (the database as it was, no ``*.dang-ghi`` file left) and the
data folder's listing unchanged.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook

from app.config import sqlite_url
from app.domain.units import UnitInput
from app.services import units as unit_svc
from app.services.database import open_database

pytestmark = pytest.mark.skipif(
    bool(os.environ.get("TDKT_TEST_DB_URL")), reason="kiểm thử riêng cho tệp SQLite"
)

# Runs ``tdkt ARGS`` after executing the fault's code (argv[1]) in the same process.
DRIVER = """
import sys
exec(sys.argv[1])
from app.cli import main
sys.exit(main(sys.argv[2:]))
"""

DISK_FULL = "errno.ENOSPC"
READ_ONLY = "errno.EROFS"

# A writer that fails halfway as SQLite does on a full disk: part of the file written first.
SQLITE_FULL = """
import sqlite3
def _half_then_full(source, target, *args, **kwargs):  # the copy's target half-written
    target.write_bytes(b"SQLite format 3\\x00" + b"x" * 4096)
    target.with_name(target.name + "-journal").write_bytes(b"j" * 512)
    raise sqlite3.OperationalError("database or disk is full")
"""


def os_error(code: str) -> str:
    return f"import errno, os\nFAULT = OSError({code}, os.strerror({code}))\n"


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """The data folder of the processes: a database with two units, a backups folder."""
    data = tmp_path / "data"
    (data / "backups").mkdir(parents=True)
    db = open_database(sqlite_url(data / "tdkt.sqlite"), backup_folder=data / "backups")
    try:
        with db.session_factory.begin() as s:
            unit_svc.create_unit(s, UnitInput(code="SO", full_name="Sở", kind="CO_QUAN"))
            unit_svc.create_unit(
                s, UnitInput(code="VP", full_name="Văn phòng Sở", kind="VAN_PHONG")
            )
    finally:
        db.dispose()
    settle(data)
    return data


def settle(data: Path) -> None:
    """Open the database once in a process of its own, as the commands will (the catalogue it
    seeds is the one on disk now), so that what they find is what the test compares with."""
    code = (
        "import sys; from app.config import sqlite_url; from pathlib import Path; "
        "from app.services.database import open_database; "
        "open_database(sqlite_url(Path(sys.argv[1]))).dispose()"
    )
    subprocess.run([sys.executable, "-c", code, str(data / "tdkt.sqlite")], check=True, timeout=120)


def run(home: Path, fault: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("TDKT_DB", "TDKT_TEST_DB_URL")}
    env.update(TDKT_DATA_DIR=str(home), PYTHONIOENCODING="utf-8", QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-c", DRIVER, fault, *args],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=180,
    )


def listing(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with a digest of its content."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def rows(path: Path, table: str) -> int:
    con = sqlite3.connect(path)
    try:
        return int(con.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
    finally:
        con.close()


def assert_refused(result: subprocess.CompletedProcess[str], *words: str) -> str:
    """Exit 1, one line on stderr saying ``words`` (progress lines of the demo aside)."""
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
    lines = [line for line in result.stderr.splitlines() if not line.startswith("[")]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Lỗi: "), lines
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


def no_partials(*folders: Path) -> None:
    for folder in folders:
        left = [p.name for p in folder.rglob("*") if ".dang-ghi" in p.name or p.suffix == ".tmp"]
        assert left == [], left


# --- backup ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fault", "words"),
    [
        (SQLITE_FULL + "import app.services.backup as b\nb._copy = _half_then_full\n", "đầy"),
        (
            os_error(READ_ONLY)
            + "import app.db.files as f\n"
            + "def _open(*a, **k):\n    raise FAULT\n"
            + "f.os = type('o', (), {**{k: getattr(os, k) for k in dir(os)}, 'open': _open})\n",
            "chỉ cho đọc",
        ),
    ],
    ids=["disk-full", "read-only-folder"],
)
def test_backup(home: Path, tmp_path: Path, fault: str, words: str) -> None:
    before = listing(home)
    target = tmp_path / "usb"
    target.mkdir()
    assert_refused(run(home, fault, "backup", "-o", str(target / "sao-luu.sqlite")), words)
    assert listing(home) == before and list(target.iterdir()) == []


def test_the_copy_before_an_import_fails_and_nothing_is_imported(
    home: Path, tmp_path: Path
) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["STT", "Họ và tên", "Ngày sinh", "Đơn vị", "Chức vụ"])
    sheet.append([1, "Lê Văn An", "01/01/1985", "Văn phòng Sở", "Chuyên viên"])
    book.save(tmp_path / "can-bo.xlsx")
    before = listing(home)
    fault = SQLITE_FULL + "import app.services.backup as b\nb._copy = _half_then_full\n"
    result = run(home, fault, "import", "staff", str(tmp_path / "can-bo.xlsx"))
    assert_refused(result, "đầy")
    assert listing(home) == before and rows(home / "tdkt.sqlite", "person") == 0


# --- import ------------------------------------------------------------------------------------


def test_a_disk_filling_up_during_an_import_writes_nothing(home: Path, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["STT", "Họ và tên", "Ngày sinh", "Đơn vị", "Chức vụ"])
    for n in range(1, 6):
        name = ("An", "Bình", "Cường", "Dũng", "Em")[n - 1]
        sheet.append([n, f"Nguyễn Văn {name}", f"0{n}/01/1985", "Văn phòng Sở", "Chuyên viên"])
    book.save(tmp_path / "can-bo.xlsx")
    fault = """
import sqlite3
from sqlalchemy import event
from sqlalchemy.engine import Engine
def _full(conn, cursor, statement, parameters, context, executemany):
    if statement.lstrip().upper().startswith("INSERT INTO ASSIGNMENT"):
        raise sqlite3.OperationalError("database or disk is full")
event.listen(Engine, "before_cursor_execute", _full)
"""
    result = run(home, fault, "import", "staff", str(tmp_path / "can-bo.xlsx"))
    assert_refused(result, "Ổ đĩa đã đầy")
    assert rows(home / "tdkt.sqlite", "person") == 0  # all or nothing
    no_partials(home)


# --- export ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "words"), [(DISK_FULL, "đầy"), (READ_ONLY, "")], ids=["disk-full", "read-only"]
)
def test_export(home: Path, tmp_path: Path, code: str, words: str) -> None:
    fault = (
        os_error(code)
        + "import openpyxl\n"
        + "def _save(self, target):\n"
        + "    (target.write(b'PK' + b'x' * 2048) if hasattr(target, 'write') else None)\n"
        + "    raise FAULT\n"
        + "openpyxl.Workbook.save = _save\n"
    )
    out = tmp_path / "xuat"
    out.mkdir()
    before = listing(home)
    result = run(home, fault, "export", "staff-list", "-o", str(out / "danh-sach.xlsx"))
    assert_refused(result, words)
    assert list(out.iterdir()) == [] and listing(home) == before


# --- the lock ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fault", "words"),
    [
        (
            os_error(DISK_FULL)
            + "import app.db.lock as lock\n"
            + "def _write(fd, owner):\n    os.write(fd, b'{\"pid\"')\n    raise FAULT\n"
            + "lock._write_record = _write\n",
            "đầy",
        ),
        (
            os_error(READ_ONLY)
            + "import app.db.lock as lock\n"
            + "_real = os.open\n"
            + "def _open(path, *a, **k):\n"
            + "    if str(path).endswith('.lock'):\n        raise OSError(errno.EROFS, 'ro', str(path))\n"
            + "    return _real(path, *a, **k)\n"
            + "lock.os = type('o', (), {**{k: getattr(os, k) for k in dir(os)}, 'open': _open})\n",
            "chỉ cho đọc",
        ),
    ],
    ids=["disk-full", "read-only-folder"],
)
def test_lock(home: Path, fault: str, words: str) -> None:
    backup = home.parent / "sao-luu.sqlite"
    db = open_database(sqlite_url(home / "tdkt.sqlite"))
    db.dispose()
    sqlite3.connect(home / "tdkt.sqlite").close()
    import shutil

    shutil.copyfile(home / "tdkt.sqlite", backup)
    before = listing(home)
    assert_refused(run(home, fault, "restore", str(backup)), words)
    assert listing(home) == before  # no lock file left, the database untouched


# --- restore -----------------------------------------------------------------------------------


def test_restore_onto_a_full_disk_leaves_the_database_as_it_was(home: Path, tmp_path: Path) -> None:
    made = run(home, "", "backup", "-o", str(tmp_path / "sao-luu.sqlite"))
    assert made.returncode == 0, made.stderr
    before = listing(home)
    fault = SQLITE_FULL + "import app.services.restore as r\nr._copy_into = _half_then_full\n"
    assert_refused(run(home, fault, "restore", str(tmp_path / "sao-luu.sqlite")), "đầy")
    assert listing(home) == before


def test_restore_from_a_file_another_program_holds(home: Path, tmp_path: Path) -> None:
    source = tmp_path / "sao-luu.sqlite"
    assert run(home, "", "backup", "-o", str(source)).returncode == 0
    holder = sqlite3.connect(source, isolation_level=None)
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        before = listing(home)
        fault = "import app.db.files as files\nfiles.BUSY_SECONDS = 0.5\n"
        assert_refused(run(home, fault, "restore", str(source)), "khóa")
        assert listing(home) == before
    finally:
        holder.close()


def test_restore_of_a_missing_file(home: Path, tmp_path: Path) -> None:
    before = listing(home)
    assert_refused(run(home, "", "restore", str(tmp_path / "khong-co.sqlite")), "Không tìm thấy")
    assert listing(home) == before


# --- demo --------------------------------------------------------------------------------------


def test_a_demo_that_cannot_be_built_leaves_nothing(home: Path) -> None:
    before = listing(home)
    result = run(home, "", "demo", "--people", "20")
    assert_refused(result, "Cần ít nhất")
    assert listing(home) == before  # no demo.sqlite, no temporary file
    again = run(home, "", "demo", "--people", "80", "--years", "2")
    assert again.returncode == 0, again.stderr  # a later demo is not refused
    assert rows(home / "demo.sqlite", "person") == 80


def test_a_disk_filling_up_during_the_demo_leaves_the_old_file(home: Path) -> None:
    assert run(home, "", "demo", "--people", "80", "--years", "2").returncode == 0
    before = listing(home)
    fault = """
import sqlite3, app.services.demo as demo
_real = demo.build_demo
def _build(session, options, progress=None):
    _real(session, options, progress)
    raise sqlite3.OperationalError("database or disk is full")
demo.build_demo = _build
"""
    result = run(home, fault, "demo", "--people", "90", "--years", "2", "--force")
    assert_refused(result, "đầy")
    assert listing(home) == before  # --force replaces the old file only with a whole new one


# --- PostgreSQL --------------------------------------------------------------------------------

SECRET = "mat-khau-BI-MAT"


@pytest.mark.parametrize(
    "args",
    [
        ("check",),
        ("check", "--json"),
        ("eligibility", "--year", "2025"),
        ("export", "staff-list", "-o", "x.xlsx"),
        ("import", "grades", "KHONG-CO.xlsx", "--year", "2025"),
        ("backup",),
    ],
    ids=lambda a: " ".join(a),
)
def test_a_server_that_does_not_answer(home: Path, tmp_path: Path, args: tuple[str, ...]) -> None:
    book = Workbook()
    book.active.append(["STT", "Họ và tên", "Ngày sinh", "Xếp loại"])
    book.active.append([1, "Lê Văn An", "01/01/1985", "HTTNV"])
    book.save(tmp_path / "KHONG-CO.xlsx")
    url = f"postgresql+psycopg://tdkt:{SECRET}@127.0.0.1:1/tdkt?connect_timeout=3"
    args = tuple(str(tmp_path / a) if a.endswith(".xlsx") else a for a in args)
    result = run(home, "", *args, "--db", url)
    assert result.returncode == 1
    assert SECRET not in result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    if "--json" not in args and args[0] != "check":
        assert_refused(result)
