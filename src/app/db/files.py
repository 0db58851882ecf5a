"""Files the program writes next to its data: owner-only, written under a temporary name, and the
temporary names left by a program that was killed cleaned at the next start.

- :func:`create_private` creates an empty file readable by its owner only (0600 on POSIX): the
  database, its backups and the log hold CCCD numbers. SQLite gives a database's journal and
  WAL files the permissions of the database file, so creating the file first is enough.
- :class:`Partial` is a file being written under ``<target>.dang-ghi`` (with SQLite's
  ``-journal``, ``-wal`` and ``-shm`` beside it): it is removed with them unless the writer
  moved it into place. While it is written it holds an operating-system lock, so a cleaner in
  another program never removes a file still being written.
- :func:`clean_partials` removes ``*.dang-ghi`` files nobody writes any more (a backup, a
  restore or a demo database killed halfway).
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType
from typing import Any

log = logging.getLogger(__name__)

PARTIAL_SUFFIX = ".dang-ghi"
BUSY_SECONDS = 10.0  # how long a copy waits for a database another program is writing
SQLITE_SIDE_FILES = ("-journal", "-wal", "-shm")
PRIVATE_MODE = 0o600


def private_mode_supported() -> bool:
    return os.name == "posix"


def create_private(path: Path) -> None:
    """Create ``path`` empty and owner-only when it does not exist yet (0600 on POSIX)."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    except FileExistsError:
        return
    os.close(fd)


def make_private(path: Path) -> None:
    """Take the rights of group and others away from an existing file (POSIX; errors ignored)."""
    if not private_mode_supported():
        return
    with contextlib.suppress(OSError):
        if path.stat().st_mode & 0o077:
            path.chmod(PRIVATE_MODE)


def side_files(path: Path) -> list[Path]:
    """SQLite's files beside a database: ``-journal``, ``-wal``, ``-shm``."""
    return [path.with_name(path.name + suffix) for suffix in SQLITE_SIDE_FILES]


def remove_with_side_files(path: Path) -> None:
    for each in (path, *side_files(path)):
        with contextlib.suppress(OSError):
            each.unlink(missing_ok=True)


def fold_wal(path: Path) -> None:
    """Fold an SQLite database's WAL into its file, so the file alone holds everything (before
    it is moved into place or copied elsewhere)."""
    import sqlite3

    con = sqlite3.connect(path)
    try:
        con.execute("PRAGMA journal_mode=DELETE")
    finally:
        con.close()


def _open_source(source: Path) -> Any:
    """The source of a copy, opened for reading. Not with ``mode=ro`` when the file can be
    written: a read-only connection leaves the ``-wal`` and ``-shm`` files it had to create
    beside a WAL database; a read-write one removes them when it closes (it writes nothing)."""
    import sqlite3

    con = None
    try:
        con = sqlite3.connect(f"file:{source.as_posix()}?mode=rw", uri=True, timeout=BUSY_SECONDS)
        con.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()
        return con
    except sqlite3.OperationalError as exc:  # a read-only file or folder: read it read-only
        if con is not None:
            con.close()
        if "locked" in str(exc):
            raise
    return sqlite3.connect(f"file:{source.as_posix()}?mode=ro", uri=True, timeout=BUSY_SECONDS)


def copy_sqlite(source: Path, target: Path) -> None:
    """Copy an SQLite database into ``target`` with SQLite's online backup (consistent while
    other connections use it), the copy in one file (no WAL), nothing left beside the source.
    A source another program keeps locked for longer than :data:`BUSY_SECONDS` raises
    ``sqlite3.OperationalError`` ("database is locked") instead of waiting for ever."""
    import sqlite3
    import time

    busy_since: list[float] = []

    def progress(status: int, _remaining: int, _total: int) -> None:
        if status in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
            busy_since.append(busy_since[0] if busy_since else time.monotonic())
            if time.monotonic() - busy_since[0] > BUSY_SECONDS:
                raise sqlite3.OperationalError("database is locked")

    src = _open_source(source)
    try:
        dst = sqlite3.connect(target, timeout=BUSY_SECONDS)
        try:
            src.backup(dst, progress=progress, sleep=0.05)
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    finally:
        src.close()


def _lock(fd: int) -> bool:
    """An exclusive lock on ``fd`` without waiting; True when taken (or not supported)."""
    if sys.platform == "win32":  # an open file cannot be removed there: nothing to do
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    except OSError:  # a file system without locks
        return True
    return True


class Partial:
    """``with Partial(target) as tmp:`` write ``tmp.path``, then ``tmp.commit()`` moves it
    over ``target`` (atomic). Leaving the block otherwise removes ``tmp.path`` and its SQLite
    side files.

    ``tmp.path`` exists (empty, owner-only) when the block starts, so SQLite gives its journal
    the same rights.
    """

    def __init__(self, target: Path, suffix: str = PARTIAL_SUFFIX) -> None:
        self.target = target
        self.path = target.with_name(target.name + suffix)
        self._fd: int | None = None
        self.done = False

    def __enter__(self) -> Partial:
        if self.path.exists() and _in_use(self.path):  # another program writes the same name
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(self.path))
        remove_with_side_files(self.path)  # a leftover of a killed run of the same writer
        self._fd = os.open(
            self.path,
            os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0),
            0o600,
        )
        _lock(self._fd)
        return self

    def commit(self) -> None:
        """Move the written file over the target (SQLite's side files of it must be gone)."""
        for side in side_files(self.path):
            side.unlink(missing_ok=True)
        os.replace(self.path, self.target)
        self.done = True

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._fd)
            self._fd = None
        if not self.done:
            remove_with_side_files(self.path)


def _in_use(path: Path) -> bool:
    """True when another program holds the lock of a partial file (it is being written)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    except OSError:
        return False
    try:
        return not _lock(fd)
    finally:
        os.close(fd)


def clean_partials(folders: Iterable[Path]) -> list[Path]:
    """Remove the ``*.dang-ghi`` files (and their SQLite side files) left in ``folders`` by a
    program that stopped while writing them; files another program is writing are kept."""
    removed: list[Path] = []
    seen: set[Path] = set()
    for folder in folders:
        try:
            folder = folder.resolve()
            if folder in seen or not folder.is_dir():
                continue
            seen.add(folder)
            names = list(folder.iterdir())
        except OSError:
            continue
        for path in names:
            name = path.name
            base = name
            for suffix in SQLITE_SIDE_FILES:
                if name.endswith(PARTIAL_SUFFIX + suffix):
                    base = name[: -len(suffix)]
            if not base.endswith(PARTIAL_SUFFIX):
                continue
            owner = path.with_name(base)
            if owner.exists() and _in_use(owner):
                continue
            try:
                path.unlink()
            except FileNotFoundError:
                continue
            except OSError as exc:
                log.warning("Cannot remove the partial file %s: %s", path, exc)
                continue
            removed.append(path)
    for path in removed:
        log.info("Removed %s, left by a program stopped while writing it", path)
    return removed
