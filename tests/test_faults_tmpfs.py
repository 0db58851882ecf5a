"""The same faults as ``test_faults.py``, real this time: a small tmpfs that fills up, then the
same tmpfs mounted read-only, under every writer (backup, restore, demo, export, import and its
lock). The mount lives in a mount namespace of its own (``unshare -rm``), so no privilege is
needed; the tests are skipped where the system does not allow one.

Each run must end with exit code 1, one Vietnamese line on stderr, no traceback, the database
byte for byte as it was and the folder's listing unchanged.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook

from app.config import sqlite_url
from app.domain.units import UnitInput
from app.services import units as unit_svc
from app.services.database import open_database

SCRIPT = """
set -e
mount -t tmpfs -o size={size}k tdkt-thu "$MNT"
{prepare}
ls -A "$MNT" > "$OUT/before"
sha() {{ if [ -f "$1" ]; then sha256sum "$1" | cut -d' ' -f1; fi; }}
sha "$MNT/tdkt.sqlite" > "$OUT/sha-before"
{read_only}
set +e
"$PY" -m app {args} > "$OUT/stdout" 2> "$OUT/stderr"
echo $? > "$OUT/rc"
ls -A "$MNT" > "$OUT/after"
sha "$MNT/tdkt.sqlite" > "$OUT/sha-after"
"""


def _unshare_works() -> bool:
    if not sys.platform.startswith("linux") or shutil.which("unshare") is None:
        return False
    try:
        probe = subprocess.run(
            ["unshare", "-rm", "sh", "-c", 'd=$(mktemp -d) && mount -t tmpfs -o size=16k t "$d"'],
            capture_output=True,
            timeout=30,
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return probe.returncode == 0


pytestmark = [
    pytest.mark.skipif(not _unshare_works(), reason="không tạo được tmpfs riêng (unshare -rm)"),
    pytest.mark.skipif(
        bool(os.environ.get("TDKT_TEST_DB_URL")), reason="kiểm thử riêng cho tệp SQLite"
    ),
]


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database with a few rows (also the backup to restore) and a staff list to import."""
    folder = tmp_path_factory.mktemp("nguon")
    db = open_database(sqlite_url(folder / "tdkt.sqlite"), backup_folder=folder / "bk")
    try:
        with db.session_factory.begin() as s:
            root = unit_svc.create_unit(s, UnitInput(code="SO", full_name="Sở", kind="CO_QUAN"))
            unit_svc.create_unit(
                s,
                UnitInput(code="VP", full_name="Văn phòng Sở", parent_id=root.id, kind="VAN_PHONG"),
            )
    finally:
        db.dispose()
    book = Workbook()
    book.active.append(["STT", "Họ và tên", "Ngày sinh", "Đơn vị", "Chức vụ"])
    book.active.append([1, "Lê Văn An", "01/01/1985", "Văn phòng Sở", "Chuyên viên"])
    book.save(folder / "can-bo.xlsx")
    return folder


def run_on_tmpfs(
    tmp_path: Path,
    args: str,
    *,
    size_kb: int,
    prepare: str = "",
    read_only: bool = False,
    data_on_tmpfs: bool = True,
) -> dict[str, str]:
    mnt, out = tmp_path / "mnt", tmp_path / "out"
    mnt.mkdir()
    out.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("TDKT_DB", "TDKT_TEST_DB_URL")}
    env.update(
        MNT=str(mnt),
        OUT=str(out),
        PY=sys.executable,
        TDKT_DATA_DIR=str(mnt if data_on_tmpfs else tmp_path / "data"),
        PYTHONIOENCODING="utf-8",
        QT_QPA_PLATFORM="offscreen",
    )
    script = SCRIPT.format(
        size=size_kb,
        prepare=prepare,
        read_only='mount -o remount,ro "$MNT"' if read_only else "",
        args=args,
    )
    done = subprocess.run(
        ["unshare", "-rm", "sh", "-c", script], env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    return {p.name: p.read_text(encoding="utf-8") for p in out.iterdir()}


def assert_refused(result: dict[str, str], *words: str) -> None:
    assert result["rc"].strip() == "1", result
    assert "Traceback" not in result["stderr"] + result["stdout"]
    lines = [line for line in result["stderr"].splitlines() if not line.startswith("[")]
    assert len(lines) == 1 and lines[0].startswith("Lỗi: "), result["stderr"]
    for word in words:
        assert word in lines[0], lines[0]
    assert result["after"] == result["before"], (result["before"], result["after"])
    assert result["sha-after"] == result["sha-before"]


def _size_kb(path: Path) -> int:
    return path.stat().st_size // 1024


def _copy_in(*paths: Path) -> str:
    return "\n".join(f'cp {shlex.quote(str(p))} "$MNT/"' for p in paths)


# --- a disk that fills up ---------------------------------------------------------------------


def test_backup_onto_a_full_disk(source: Path, tmp_path: Path) -> None:
    db = source / "tdkt.sqlite"
    result = run_on_tmpfs(
        tmp_path,
        f'backup --db {shlex.quote(str(db))} -o "$MNT/sao-luu.sqlite"',
        size_kb=64,
        data_on_tmpfs=False,
    )
    assert_refused(result, "đầy")


def test_backup_into_a_full_data_folder(source: Path, tmp_path: Path) -> None:
    db = source / "tdkt.sqlite"
    result = run_on_tmpfs(
        tmp_path,
        'backup --db "$MNT/tdkt.sqlite"',
        size_kb=_size_kb(db) + 160,
        prepare=_copy_in(db) + '\nmkdir "$MNT/backups"',
    )
    assert_refused(result, "đầy")


def test_restore_onto_a_full_disk(source: Path, tmp_path: Path) -> None:
    db = source / "tdkt.sqlite"
    result = run_on_tmpfs(
        tmp_path,
        f'restore {shlex.quote(str(db))} --db "$MNT/tdkt.sqlite"',
        size_kb=_size_kb(db) + 200,
        prepare=_copy_in(db) + '\nmkdir "$MNT/backups"',
    )
    assert_refused(result, "đầy")


def test_demo_onto_a_full_disk(tmp_path: Path) -> None:
    result = run_on_tmpfs(
        tmp_path, 'demo --people 300 --years 2 --db "$MNT/demo.sqlite"', size_kb=900
    )
    assert_refused(result, "đầy")


def test_export_onto_a_full_disk(source: Path, tmp_path: Path) -> None:
    db = source / "tdkt.sqlite"
    result = run_on_tmpfs(
        tmp_path,
        f'export staff-list --db {shlex.quote(str(db))} -o "$MNT/danh-sach.xlsx"',
        size_kb=4,
        data_on_tmpfs=False,
    )
    assert_refused(result, "đầy")


def test_the_copy_before_an_import_onto_a_full_disk(source: Path, tmp_path: Path) -> None:
    db = source / "tdkt.sqlite"
    result = run_on_tmpfs(
        tmp_path,
        f'import staff {shlex.quote(str(source / "can-bo.xlsx"))} --db "$MNT/tdkt.sqlite"',
        size_kb=_size_kb(db) + 160,
        prepare=_copy_in(db) + '\nmkdir "$MNT/backups"',
    )
    assert_refused(result, "đầy")


# --- a read-only disk -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        'backup --db "$MNT/tdkt.sqlite" -o "$MNT/sao-luu.sqlite"',
        'restore "$SRC" --db "$MNT/tdkt.sqlite"',
        'demo --people 80 --years 2 --db "$MNT/demo.sqlite"',
        'export staff-list --db "$SRC" -o "$MNT/danh-sach.xlsx"',
        'import staff "$XLSX" --db "$MNT/tdkt.sqlite"',
    ],
    ids=["backup", "restore", "demo", "export", "import"],
)
def test_a_read_only_disk(source: Path, tmp_path: Path, args: str) -> None:
    db = source / "tdkt.sqlite"
    args = args.replace('"$SRC"', shlex.quote(str(db))).replace(
        '"$XLSX"', shlex.quote(str(source / "can-bo.xlsx"))
    )
    result = run_on_tmpfs(
        tmp_path,
        args,
        size_kb=_size_kb(db) + 4096,
        prepare=_copy_in(db),
        read_only=True,
        data_on_tmpfs=False,
    )
    assert_refused(result)
    assert "chỉ cho đọc" in result["stderr"] or "không ghi được" in result["stderr"].lower()
