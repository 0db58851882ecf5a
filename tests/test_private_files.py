"""Files holding CCCD numbers are the owner's only (0600 on POSIX): a new database, one opened
from an older version, its backups (asked for, daily, before an upgrade), a restored database,
the demo database and the log file."""

from __future__ import annotations

import logging
import os
import shutil
import stat
from pathlib import Path

import pytest

from app.cli import main
from app.config import sqlite_url
from app.services import backup as backup_svc
from app.services.database import open_database

pytestmark = [
    pytest.mark.skipif(os.name != "posix", reason="quyền tệp kiểu POSIX"),
    pytest.mark.skipif(
        bool(os.environ.get("TDKT_TEST_DB_URL")), reason="kiểm thử riêng cho tệp SQLite"
    ),
]
DATA = Path(__file__).resolve().parent / "data"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def open_umask():  # type: ignore[no-untyped-def]
    """A permissive umask, as on many desktops: the program must not rely on it."""
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def test_database_wal_and_backups_are_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "tdkt.sqlite"
    db = open_database(sqlite_url(path), backup_folder=tmp_path / "bk")
    try:
        assert mode(path) == 0o600
        with db.engine.connect() as conn:
            conn.exec_driver_sql("CREATE TABLE IF NOT EXISTS ghi_chu (x)")
            for side in (tmp_path / "tdkt.sqlite-wal", tmp_path / "tdkt.sqlite-shm"):
                if side.exists():
                    assert mode(side) == 0o600, side
        made = backup_svc.backup_database(db.url, folder=tmp_path / "bk")
        daily = backup_svc.daily_backup(db.url, tmp_path / "bk2")
    finally:
        db.dispose()
    assert mode(made) == 0o600
    assert daily is not None and mode(daily) == 0o600


def test_an_older_file_its_upgrade_copy_and_the_restore_are_owner_only(tmp_path: Path) -> None:
    old = tmp_path / "tdkt.sqlite"
    shutil.copyfile(DATA / "tdkt-0008.sqlite", old)
    old.chmod(0o644)  # as older versions created it
    db = open_database(sqlite_url(old), backup_folder=tmp_path / "bk")
    db.dispose()
    assert mode(old) == 0o600
    (copy,) = (tmp_path / "bk").glob("*truoc-nang-cap*.sqlite")
    assert mode(copy) == 0o600
    target = tmp_path / "may-moi" / "tdkt.sqlite"
    backup_svc.restore_database(sqlite_url(target), DATA / "tdkt-0008.sqlite")
    assert mode(target) == 0o600


def test_demo_database_and_log_are_owner_only(tmp_path: Path) -> None:
    demo = tmp_path / "demo.sqlite"
    assert main(["demo", "--db", str(demo), "--people", "80", "--years", "2"]) == 0
    assert mode(demo) == 0o600
    from app import bootstrap

    root = logging.getLogger()
    before = list(root.handlers)
    for handler in before:  # a log file another test opened
        root.removeHandler(handler)
    os.environ["TDKT_DATA_DIR"], saved = str(tmp_path / "data"), os.environ["TDKT_DATA_DIR"]
    try:
        path = bootstrap.setup_logging()
        logging.getLogger("app").info("kiểm thử nhật ký")
    finally:
        for handler in list(root.handlers):
            handler.close()
            root.removeHandler(handler)
        for handler in before:
            root.addHandler(handler)
        os.environ["TDKT_DATA_DIR"] = saved
    assert path.is_file() and mode(path) == 0o600
