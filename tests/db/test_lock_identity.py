"""The one-writer lock is on the file itself: a symbolic link, a relative path with ``..``, an
``sqlite:////…`` URL or a ``file:`` URL name the same lock as the plain path; the lock file sits
next to the real database; a second program using another spelling is refused."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.config import sqlite_url
from app.db.lock import DatabaseLockedError, acquire, acquire_for, lock_path
from app.services.database import open_database

pytestmark = [
    pytest.mark.skipif(
        bool(os.environ.get("TDKT_TEST_DB_URL")), reason="kiểm thử riêng cho tệp SQLite"
    ),
    pytest.mark.skipif(not hasattr(os, "symlink") or os.name != "posix", reason="cần symlink"),
]


@pytest.fixture
def real(tmp_path: Path) -> Path:
    path = tmp_path / "that" / "tdkt.sqlite"
    open_database(sqlite_url(path), backup_folder=tmp_path / "bk").dispose()
    return path


def spellings(real: Path, tmp_path: Path) -> list[str]:
    links = tmp_path / "links"
    links.mkdir()
    (links / "cung-tep.sqlite").symlink_to(real)
    (links / "thu-muc").symlink_to(real.parent, target_is_directory=True)
    relative = os.path.relpath(real, Path.cwd())
    return [
        "sqlite:///" + str(links / "cung-tep.sqlite"),
        "sqlite:///" + str(links / "thu-muc" / "tdkt.sqlite"),
        "sqlite:////" + str(real).lstrip("/"),
        "sqlite:///" + str(real.parent / ".." / real.parent.name / real.name),
        "sqlite:///" + relative,
        f"sqlite:///file:{real}?mode=rw&uri=true",
    ]


def test_every_spelling_of_the_file_meets_the_same_lock(real: Path, tmp_path: Path) -> None:
    held = acquire(real)
    try:
        for url in spellings(real, tmp_path):
            with pytest.raises(DatabaseLockedError):
                acquire_for(url)
    finally:
        held.release()
    assert lock_path(tmp_path / "links" / "cung-tep.sqlite") == lock_path(real)
    assert lock_path(real).parent == real.parent


def test_a_link_taken_first_keeps_the_real_path_out(real: Path, tmp_path: Path) -> None:
    link = spellings(real, tmp_path)[0]
    held = acquire_for(link)
    assert held is not None and held.path == lock_path(real)
    try:
        with pytest.raises(DatabaseLockedError):
            acquire(real)
    finally:
        held.release()
    acquire(real).release()  # free again


def test_a_second_program_through_a_link_is_refused(real: Path, tmp_path: Path) -> None:
    link = tmp_path / "lien-ket.sqlite"
    link.symlink_to(real)
    held = acquire(real)
    try:
        env = {k: v for k, v in os.environ.items() if k not in ("TDKT_DB", "TDKT_TEST_DB_URL")}
        env.update(TDKT_DATA_DIR=str(tmp_path / "data"), PYTHONIOENCODING="utf-8")
        done = subprocess.run(
            [sys.executable, "-m", "app", "restore", str(real), "--db", str(link)],
            env=env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=120,
        )
    finally:
        held.release()
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.startswith("Lỗi: Cơ sở dữ liệu đang được mở bởi")
    assert done.stderr.count("\n") == 1
