"""One program at a time writes an SQLite file: a lock file next to the database.

``<database>.lock`` (e.g. ``tdkt.sqlite.lock``) is held with an operating-system lock
(``flock`` on POSIX, ``msvcrt.locking`` on Windows) for as long as the GUI or a writing command
runs. The operating system drops that lock when the process ends in any way, a crash or a
``kill -9`` included, so a crashed program never blocks the next one. The file also holds who
took it (process id, machine, user, start time) in JSON: that is only for the message shown to
the second program ("Cơ sở dữ liệu đang được mở bởi ...").

A record found in a lock file whose operating-system lock is free was left by a program that
did not end normally: it is cleared with a line in the log (saying why: the process no longer
runs, it started before the machine did, or it is another process with the same id now). When
the file system cannot lock at all (some network shares), the record alone decides: a process
that still runs on this machine and started after its boot keeps the database; a record from
another machine is respected.

PostgreSQL (any URL that is not an SQLite file) takes no lock: several clerks share it on
purpose, and optimistic locking (``version`` columns) keeps their saves apart.

The lock belongs to the file, not to the way it is named: the path is resolved to the real file
first (a symbolic link, a relative path, ``sqlite:////...`` or ``..`` all name one lock file,
next to the real database). A lock file that cannot be written (a full disk, a read-only folder)
raises ``OSError`` and leaves no empty lock file behind.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import logging
import os
import socket
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app import __version__
from app.config import sqlite_path
from app.db.migrate import DatabaseError

log = logging.getLogger(__name__)

LOCK_SUFFIX = ".lock"
# Windows locks a byte range that nobody can then read: lock one byte far past the JSON record
# so the second program can still read who holds the file.
_WINDOWS_LOCK_OFFSET = 1 << 20
_READ_ATTEMPTS = 20  # the holder writes its record right after locking: wait for it briefly


@dataclass(frozen=True)
class LockOwner:
    """Who holds (or held) a database: written into the lock file as JSON."""

    pid: int
    host: str
    user: str
    started: float  # seconds since the epoch
    program: str = f"TĐKT {__version__}"

    @classmethod
    def me(cls) -> LockOwner:
        return cls(pid=os.getpid(), host=_host(), user=_user(), started=time.time())

    def to_json(self) -> str:
        return json.dumps(
            {
                "pid": self.pid,
                "host": self.host,
                "user": self.user,
                "started": self.started,
                "started_text": datetime.fromtimestamp(self.started).isoformat(timespec="seconds"),
                "program": self.program,
            },
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, text: str) -> LockOwner | None:
        """The record of a lock file; None when it is empty or not a record."""
        try:
            data = json.loads(text)
            return cls(
                pid=int(data["pid"]),
                host=str(data["host"]),
                user=str(data["user"]),
                started=float(data["started"]),
                program=str(data.get("program") or "TĐKT"),
            )
        except (ValueError, TypeError, KeyError):
            return None

    @property
    def started_text(self) -> str:
        return datetime.fromtimestamp(self.started).strftime("%H:%M ngày %d/%m/%Y")

    def describe(self) -> str:
        """ "Cơ sở dữ liệu đang được mở bởi ... (máy ..., người dùng ..., từ ...)"."""
        return (
            f"Cơ sở dữ liệu đang được mở bởi {self.program}, tiến trình {self.pid} "
            f"(máy {self.host}, người dùng {self.user}, từ {self.started_text})."
        )


class DatabaseLockedError(DatabaseError):
    """Another running program holds the database file; the message says who (Vietnamese)."""

    def __init__(self, path: Path, owner: LockOwner | None) -> None:
        self.path = path
        self.owner = owner
        who = (
            owner.describe()
            if owner is not None
            else "Cơ sở dữ liệu đang được mở bởi một chương trình TĐKT khác "
            "(máy, người dùng: không rõ)."
        )
        super().__init__(
            f"{who}\nTệp: {path}\n"
            "Mỗi lúc chỉ một chương trình được ghi vào tệp này. Hãy đóng chương trình kia rồi "
            "thử lại (muốn nhiều người dùng chung, hãy dùng CSDL PostgreSQL)."
        )


def _host() -> str:
    try:
        return socket.gethostname() or "không rõ"
    except OSError:  # pragma: no cover
        return "không rõ"


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # pragma: no cover - no user name on this platform
        return "không rõ"


def real_file(db_file: Path) -> Path:
    """The file itself, whatever link or spelling names it (the lock's identity)."""
    real = Path(os.path.realpath(db_file))
    if sys.platform == "win32":  # one file whatever the case of its name
        real = Path(os.path.normcase(real))
    return real


def lock_path(db_file: Path) -> Path:
    real = real_file(db_file)
    return real.with_name(real.name + LOCK_SUFFIX)


# ------------------------------------------------------------------ the machine


def boot_time() -> float | None:
    """When this machine started (seconds since the epoch); None when unknown."""
    if sys.platform.startswith("linux"):
        try:
            for line in Path("/proc/stat").read_text().splitlines():
                if line.startswith("btime "):
                    return float(line.split()[1])
        except (OSError, ValueError):
            return None
        return None
    if sys.platform == "win32":
        import ctypes

        try:
            ticks = ctypes.windll.kernel32.GetTickCount64  # type: ignore[attr-defined]
            ticks.restype = ctypes.c_ulonglong
            return time.time() - ticks() / 1000.0
        except (AttributeError, OSError):  # pragma: no cover
            return None
    return None  # pragma: no cover - macOS and others: the start-time test is skipped


def pid_alive(pid: int) -> bool:
    """True when a process with this id runs on this machine (it may be another program)."""
    if pid <= 0:
        return False
    if sys.platform == "win32":
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return kernel32.GetLastError() == 5  # access denied: it exists
        try:
            code = ctypes.c_ulong()
            if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
                return True
            return code.value == 259  # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:  # pragma: no cover
        return False
    return True


def stale_reason(owner: LockOwner) -> str | None:
    """Why a recorded owner cannot be running any more; None when it may be.

    Only a record from this machine can be judged.
    """
    if owner.host != _host():
        return None
    boot = boot_time()
    if boot is not None and owner.started < boot - 1:
        return "tiến trình đã chạy từ trước khi máy khởi động lại"
    if not pid_alive(owner.pid):
        return "tiến trình không còn chạy"
    return None


# ------------------------------------------------------------------ OS locks


def _try_os_lock(fd: int) -> bool | None:
    """Lock ``fd`` without waiting: True taken, False held elsewhere, None not supported."""
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except PermissionError:
            return False
        except OSError as exc:
            if exc.errno in (13, 36):  # EACCES / EDEADLOCK: locked by another process
                return False
            return None
        return True
    import errno
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    except OSError as exc:
        if exc.errno in (errno.EAGAIN, errno.EACCES):
            return False
        return None  # ENOLCK, EOPNOTSUPP...: a file system without locks
    return True


def _os_unlock(fd: int) -> None:
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        with contextlib.suppress(OSError):
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        return
    import fcntl

    with contextlib.suppress(OSError):
        fcntl.flock(fd, fcntl.LOCK_UN)


def _read_record(fd: int) -> str:
    os.lseek(fd, 0, os.SEEK_SET)
    chunks = []
    while True:
        chunk = os.read(fd, 65536)
        if not chunk:
            break
        chunks.append(chunk)
        if sum(len(c) for c in chunks) > 1 << 16:  # a record is small; never read a huge file
            break
    return b"".join(chunks).decode("utf-8", errors="replace").strip()


def _write_record(fd: int, owner: LockOwner) -> None:
    data = owner.to_json().encode("utf-8")
    os.lseek(fd, 0, os.SEEK_SET)
    os.ftruncate(fd, 0)
    os.write(fd, data)
    with contextlib.suppress(OSError):
        os.fsync(fd)


def _same_file(fd: int, path: Path) -> bool:
    """False when ``path`` was removed (or replaced) after ``fd`` was opened on it."""
    if sys.platform == "win32":  # an open file cannot be removed there
        return True
    try:
        return os.path.samestat(os.fstat(fd), os.stat(path))
    except OSError:
        return False


# ------------------------------------------------------------------ the lock


class InstanceLock:
    """The lock of one database file, held by this process until :meth:`release`."""

    def __init__(self, path: Path, fd: int, os_locked: bool) -> None:
        self.path = path  # the lock file
        self._fd: int | None = fd
        self._os_locked = os_locked

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        """Give the database back: remove the lock file and drop the operating-system lock."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        if sys.platform != "win32":
            # Removed while still locked: a program waiting on the old file notices (inode
            # check) and starts over on a new one.
            with contextlib.suppress(OSError):
                self.path.unlink()
            if self._os_locked:
                _os_unlock(fd)
            os.close(fd)
            return
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
        if self._os_locked:
            _os_unlock(fd)
        os.close(fd)
        with contextlib.suppress(OSError):  # another program may have opened it meanwhile
            self.path.unlink()

    def __enter__(self) -> InstanceLock:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()

    def __del__(self) -> None:  # pragma: no cover - a forgotten lock is still given back
        with contextlib.suppress(Exception):
            self.release()


def _owner_of(fd: int) -> LockOwner | None:
    for _ in range(_READ_ATTEMPTS):
        owner = LockOwner.from_json(_read_record(fd))
        if owner is not None:
            return owner
        time.sleep(0.05)
    return None


def acquire(db_file: Path) -> InstanceLock:
    """Lock ``db_file`` for this process, or raise :class:`DatabaseLockedError` saying who has it.

    A lock left by a program that crashed is cleared (logged).
    """
    path = lock_path(db_file)
    path.parent.mkdir(parents=True, exist_ok=True)
    for _ in range(10):  # starts over when the file was removed under us (see release)
        fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o644)
        taken: bool | None = None
        try:
            taken = _try_os_lock(fd)
            if taken is False:
                owner = _owner_of(fd)
                raise DatabaseLockedError(db_file, owner)
            if taken and not _same_file(fd, path):
                _os_unlock(fd)
                os.close(fd)
                continue
            previous = LockOwner.from_json(_read_record(fd))
            if previous is not None and previous.pid != os.getpid():
                reason = stale_reason(previous)
                if taken is None and reason is None:  # no OS lock to ask: trust the record
                    raise DatabaseLockedError(db_file, previous)
                log.warning(
                    "Gỡ khóa cũ của %s: tiến trình %s (máy %s, người dùng %s, từ %s) - %s",
                    db_file,
                    previous.pid,
                    previous.host,
                    previous.user,
                    previous.started_text,
                    reason or "khóa của hệ điều hành đã được nhả (chương trình đã dừng đột ngột)",
                )
            _write_record(fd, LockOwner.me())
        except BaseException:
            if taken:  # ours: an empty or half-written record must not stay (a full disk)
                with contextlib.suppress(OSError):
                    os.ftruncate(fd, 0)
                if sys.platform != "win32":
                    with contextlib.suppress(OSError):
                        path.unlink()
                _os_unlock(fd)
            with contextlib.suppress(OSError):
                os.close(fd)
            if taken and sys.platform == "win32":
                with contextlib.suppress(OSError):
                    path.unlink()
            raise
        return InstanceLock(path, fd, bool(taken))
    raise DatabaseLockedError(db_file, None)  # pragma: no cover - a file replaced 10 times


def acquire_for(url: str) -> InstanceLock | None:
    """The lock for a database URL: None for a server database (PostgreSQL) or in-memory SQLite."""
    path = sqlite_path(url)
    if path is None:
        return None
    return acquire(path)


def read_owner(db_file: Path) -> LockOwner | None:
    """Who the lock file of ``db_file`` names (whether or not it still runs)."""
    try:
        return LockOwner.from_json(lock_path(db_file).read_text(encoding="utf-8"))
    except OSError:
        return None


@contextlib.contextmanager
def locked(url: str) -> Iterator[InstanceLock | None]:
    """``with locked(url):`` hold the database's lock for a block (nothing for PostgreSQL)."""
    lock = acquire_for(url)
    try:
        yield lock
    finally:
        if lock is not None:
            lock.release()
