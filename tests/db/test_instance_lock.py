"""One program at a time on an SQLite file: the lock file, its message, stale locks, the CLI
and the GUI start-up (each in processes of their own)."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.cli import EXIT_DATA, main
from app.config import sqlite_url
from app.db import lock as lock_mod
from app.db.lock import DatabaseLockedError, LockOwner, acquire, acquire_for, lock_path, read_owner
from app.db.migrate import DatabaseError
from app.domain.errors import ReadOnlyError
from app.services.context import open_read_only
from app.services.database import open_database
from app.services.overview import database_overview

# SQLite files only: a server database takes no lock (tested below without a server), so the
# PostgreSQL run of tests/db has nothing to add here.
pytestmark = pytest.mark.skipif(
    bool(os.environ.get("TDKT_TEST_DB_URL")), reason="kiểm thử riêng cho tệp SQLite"
)

_HOLDER = """
import sys
from pathlib import Path
from app.db.lock import acquire
lock = acquire(Path(sys.argv[1]))
print("giữ khóa", flush=True)
sys.stdin.read()  # until the test closes our stdin (or kills us)
lock.release()
"""


def _env(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("TDKT_DB", "TDKT_TEST_DB_URL")}
    env.update(TDKT_DATA_DIR=str(data_dir), QT_QPA_PLATFORM="offscreen", PYTHONIOENCODING="utf-8")
    return env


@pytest.fixture
def holder(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], Path]]:
    """Another process holding the lock of ``tmp_path/tdkt.sqlite`` (a migrated database)."""
    path = tmp_path / "tdkt.sqlite"
    open_database(sqlite_url(path), backup_folder=tmp_path / "backups").dispose()
    proc = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(path)],
        env=_env(tmp_path),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "giữ khóa"
    try:
        yield proc, path
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=30)


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait(timeout=30)
    return proc.pid


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- the lock itself ----------------------------------------------------------------------------


def test_message_names_the_holder_in_vietnamese() -> None:
    started = time.mktime((2026, 11, 21, 8, 15, 0, 0, 0, -1))
    owner = LockOwner(pid=4242, host="MAY-VP-01", user="lan", started=started, program="TĐKT 1.0")
    assert owner.describe() == (
        "Cơ sở dữ liệu đang được mở bởi TĐKT 1.0, tiến trình 4242 "
        "(máy MAY-VP-01, người dùng lan, từ 08:15 ngày 21/11/2026)."
    )
    error = DatabaseLockedError(Path("/du-lieu/tdkt.sqlite"), owner)
    assert isinstance(error, DatabaseError)
    text = str(error)
    assert text.startswith(owner.describe())
    assert "/du-lieu/tdkt.sqlite" in text and "đóng chương trình kia" in text
    assert LockOwner.from_json(owner.to_json()) == owner
    assert LockOwner.from_json("") is None and LockOwner.from_json("{không phải json") is None


def test_a_second_process_is_refused_and_told_who_holds_the_file(holder) -> None:
    proc, path = holder
    with pytest.raises(DatabaseLockedError) as caught:
        acquire(path)
    owner = caught.value.owner
    assert owner is not None
    assert (owner.pid, owner.host) == (proc.pid, socket.gethostname())
    assert "Cơ sở dữ liệu đang được mở bởi" in str(caught.value)
    assert f"tiến trình {proc.pid}" in str(caught.value)

    # The holder ends normally: the file is free and its lock file gone.
    assert proc.stdin is not None
    proc.stdin.close()
    assert proc.wait(timeout=30) == 0
    assert not lock_path(path).exists()
    with acquire(path) as lock:
        assert lock.held and read_owner(path).pid == os.getpid()
    assert not lock_path(path).exists()


def test_the_lock_of_a_killed_process_is_cleared_with_a_log_line(holder, caplog) -> None:
    proc, path = holder
    proc.kill()  # no clean-up of any kind (SIGKILL on POSIX, TerminateProcess on Windows)
    proc.wait(timeout=30)
    assert read_owner(path).pid == proc.pid  # the record stays behind

    with caplog.at_level(logging.WARNING, logger="app.db.lock"), acquire(path) as lock:
        assert lock.held and read_owner(path).pid == os.getpid()
    cleared = [r.getMessage() for r in caplog.records if "Gỡ khóa cũ" in r.getMessage()]
    assert len(cleared) == 1 and f"tiến trình {proc.pid}" in cleared[0]


def test_a_record_left_by_a_crash_is_stale_by_pid_or_by_boot_time(tmp_path: Path, caplog) -> None:
    db = tmp_path / "tdkt.sqlite"
    dead = LockOwner(pid=_dead_pid(), host=socket.gethostname(), user="lan", started=time.time())
    lock_path(db).write_text(dead.to_json(), encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="app.db.lock"), acquire(db):
        pass
    assert "tiến trình không còn chạy" in caplog.text

    boot = lock_mod.boot_time()
    if boot is None:
        pytest.skip("không biết giờ khởi động của máy này")
    # A live process id (the test runner's parent) but a start before the machine's boot:
    # the id was reused after a restart.
    before_boot = LockOwner(
        pid=os.getppid(), host=socket.gethostname(), user="lan", started=boot - 3600
    )
    assert lock_mod.stale_reason(before_boot) == "tiến trình đã chạy từ trước khi máy khởi động lại"
    live = LockOwner(pid=os.getppid(), host=socket.gethostname(), user="lan", started=time.time())
    assert lock_mod.stale_reason(live) is None
    other_host = LockOwner(pid=_dead_pid(), host="may-khac", user="lan", started=time.time())
    assert lock_mod.stale_reason(other_host) is None  # cannot be judged from here


def test_without_os_locks_the_record_decides(tmp_path: Path, monkeypatch) -> None:
    """A file system that cannot lock (some network shares): a live holder still keeps the file."""
    monkeypatch.setattr(lock_mod, "_try_os_lock", lambda fd: None)
    db = tmp_path / "tdkt.sqlite"
    live = LockOwner(pid=os.getppid(), host=socket.gethostname(), user="lan", started=time.time())
    lock_path(db).write_text(live.to_json(), encoding="utf-8")
    with pytest.raises(DatabaseLockedError) as caught:
        acquire(db)
    assert caught.value.owner == live
    dead = LockOwner(pid=_dead_pid(), host=socket.gethostname(), user="lan", started=time.time())
    lock_path(db).write_text(dead.to_json(), encoding="utf-8")
    with acquire(db) as lock:
        assert lock.held


def test_a_server_database_takes_no_lock(tmp_path: Path) -> None:
    assert acquire_for("postgresql+psycopg://tdkt@may-chu:5432/tdkt") is None
    assert acquire_for("sqlite://") is None
    lock = acquire_for(sqlite_url(tmp_path / "tdkt.sqlite"))
    assert lock is not None and lock_path(tmp_path / "tdkt.sqlite").exists()
    lock.release()


def test_read_only_context_reads_and_refuses_writes(holder) -> None:
    _proc, path = holder
    ctx, engine = open_read_only(sqlite_url(path))
    try:
        assert ctx.read_only and ctx.display_name.endswith("(chỉ đọc)")
        assert ctx.read(database_overview).people_total == 0
        with pytest.raises(ReadOnlyError, match="chỉ đọc"):
            ctx.write(lambda session: None)
    finally:
        engine.dispose()


# --- commands that write ---------------------------------------------------------------------


def test_writing_commands_are_refused_while_another_program_holds_the_file(holder, capsys) -> None:
    proc, path = holder
    before = _sha(path)
    assert main(["demo", "--db", str(path), "--force", "--people", "5"]) == EXIT_DATA
    err = capsys.readouterr().err
    assert "Cơ sở dữ liệu đang được mở bởi" in err and f"tiến trình {proc.pid}" in err
    assert main(["restore", str(path), "--db", str(path)]) == EXIT_DATA
    assert "đang được mở bởi" in capsys.readouterr().err
    assert path.exists() and _sha(path) == before  # neither deleted nor replaced
    # Reading is allowed.
    assert main(["check", "--db", str(path)]) == 0


def test_cli_import_in_another_process_is_refused(holder, tmp_path: Path) -> None:
    _proc, path = holder
    from openpyxl import Workbook

    book = tmp_path / "can-bo.xlsx"
    wb = Workbook()
    wb.active.append(["STT", "Họ và tên", "Ngày sinh", "Đơn vị công tác"])
    wb.active.append([1, "Nguyễn Văn An", "01/01/1980", "Văn phòng"])
    wb.save(book)
    result = subprocess.run(
        [sys.executable, "-m", "app", "import", "staff", str(book), "--db", str(path)],
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert result.returncode == EXIT_DATA, result.stdout
    assert "Lỗi: Cơ sở dữ liệu đang được mở bởi" in result.stderr


# --- the GUI ---------------------------------------------------------------------------------

_GUI_DRIVER = """
import json, sys
from PySide6.QtWidgets import QMessageBox
asked, shown = [], []
answer = QMessageBox.StandardButton.Yes if sys.argv[2] == "yes" else QMessageBox.StandardButton.No
def question(parent, title, text, *args, **kwargs):
    asked.append({"title": title, "text": text})
    return answer
def critical(parent, title, text, *args, **kwargs):
    shown.append({"title": title, "text": text})
    return QMessageBox.StandardButton.Ok
QMessageBox.question = staticmethod(question)
QMessageBox.critical = staticmethod(critical)
from app.bootstrap import run_gui
code = run_gui(sys.argv[1], exit_when_ready=True)
print(json.dumps({"code": code, "asked": asked, "shown": shown}, ensure_ascii=False))
"""


def _run_gui(tmp_path: Path, path: Path, answer: str) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", _GUI_DRIVER, sqlite_url(path), answer],
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def test_second_gui_says_who_holds_the_file_and_quits_or_opens_read_only(
    holder, tmp_path: Path
) -> None:
    proc, path = holder
    quit_ = _run_gui(tmp_path, path, "no")
    assert quit_["code"] == 1 and quit_["shown"] == []
    assert len(quit_["asked"]) == 1
    asked = quit_["asked"][0]
    assert asked["title"] == "Cơ sở dữ liệu đang được mở"
    assert "Cơ sở dữ liệu đang được mở bởi" in asked["text"]
    assert f"tiến trình {proc.pid}" in asked["text"] and "chỉ đọc" in asked["text"]

    read_only = _run_gui(tmp_path, path, "yes")
    assert read_only["code"] == 0 and read_only["shown"] == []
    assert len(read_only["asked"]) == 1
    assert read_owner(path).pid == proc.pid  # the holder keeps its lock


def test_gui_clears_a_crashed_lock_and_gives_it_back_when_it_closes(tmp_path: Path) -> None:
    path = tmp_path / "tdkt.sqlite"
    dead = LockOwner(pid=_dead_pid(), host=socket.gethostname(), user="lan", started=time.time())
    lock_path(path).write_text(dead.to_json(), encoding="utf-8")
    outcome = _run_gui(tmp_path, path, "no")
    assert outcome["code"] == 0 and outcome["asked"] == [] and outcome["shown"] == []
    assert not lock_path(path).exists()  # released when the window closed
    log_text = (tmp_path / "tdkt.log").read_text(encoding="utf-8")
    assert "Gỡ khóa cũ" in log_text and f"tiến trình {dead.pid}" in log_text
