"""Backups of the SQLite database: online copies, daily rotation, checked restore.

Copies use SQLite's online backup API, so they are consistent while the program has the file
open. PostgreSQL databases are backed up by the server's own tools (pg_dump), not here.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from app.config import backup_dir, sqlite_path
from app.db.migrate import HEAD_REVISION, check_not_newer
from app.domain.errors import DomainError

STAMP = "%Y%m%d-%H%M%S"
REASONS = ("thu-cong", "hang-ngay", "truoc-nhap", "truoc-phuc-hoi", "truoc-nang-cap")
NAME = re.compile(
    r"^(?P<stem>.+)-(?P<reason>" + "|".join(REASONS) + r")-(?P<stamp>\d{8}-\d{6})(?:-\d+)?\.sqlite$"
)
KEEP_DAILY = 30
KEEP_MONTHLY = 12


class BackupError(DomainError):
    pass


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    reason: str
    created: datetime
    size: int


def _file_of(url: str) -> Path:
    path = sqlite_path(url)
    if path is None:
        raise BackupError(
            "Sao lưu trong chương trình chỉ dành cho tệp SQLite; với PostgreSQL hãy dùng pg_dump"
        )
    if not path.is_file():
        raise BackupError(f"Không tìm thấy tệp cơ sở dữ liệu {path}")
    return path


def _copy(source: Path, target: Path) -> None:
    src = sqlite3.connect(f"file:{source.as_posix()}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    finally:
        src.close()


def check_file(path: Path) -> str | None:
    """Integrity of a database file; returns its schema revision. Raises BackupError if unusable."""
    try:
        con = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise BackupError(f"Không mở được tệp {path}: {exc}") from exc
    try:
        rows = [r[0] for r in con.execute("PRAGMA integrity_check").fetchall()]
        if rows != ["ok"]:
            raise BackupError(f"Tệp {path} bị hỏng: {'; '.join(map(str, rows[:3]))}")
        try:
            found = con.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.Error:
            raise BackupError(f"Tệp {path} không phải cơ sở dữ liệu TĐKT") from None
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"Tệp {path} bị hỏng hoặc không phải cơ sở dữ liệu: {exc}") from exc
    finally:
        con.close()
    revision = found[0] if found else None
    if revision != HEAD_REVISION:
        check_not_newer(revision)
    return revision


def backup_database(
    url: str, target: Path | None = None, *, reason: str = "thu-cong", folder: Path | None = None
) -> Path:
    """Copy the database to ``target`` (default: the backup folder, a dated name) and check the copy."""
    source = _file_of(url)
    if target is None:
        folder = folder or backup_dir()
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"{source.stem}-{reason}-{datetime.now().strftime(STAMP)}.sqlite"
        n = 1
        while target.exists():
            target = folder / f"{source.stem}-{reason}-{datetime.now().strftime(STAMP)}-{n}.sqlite"
            n += 1
    if target.resolve() == source.resolve():
        raise BackupError("Tệp sao lưu phải khác tệp cơ sở dữ liệu đang dùng")
    partial = target.with_name(target.name + ".dang-ghi")
    try:
        _copy(source, partial)
        check_file(partial)
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
    return target


def list_backups(folder: Path | None = None) -> list[BackupInfo]:
    """Backups in the folder, newest first."""
    folder = folder or backup_dir()
    out = []
    for path in folder.glob("*.sqlite"):
        match = NAME.match(path.name)
        if not match:
            continue
        created = datetime.strptime(match["stamp"], STAMP)
        out.append(BackupInfo(path, match["reason"], created, path.stat().st_size))
    return sorted(out, key=lambda b: b.created, reverse=True)


def prune_backups(
    folder: Path | None = None, *, keep_daily: int = KEEP_DAILY, keep_monthly: int = KEEP_MONTHLY
) -> list[Path]:
    """Keep the newest backup of each of the last ``keep_daily`` days and ``keep_monthly`` months."""
    backups = list_backups(folder)
    keep: set[Path] = set()
    days: list[date] = []
    months: list[tuple[int, int]] = []
    for b in backups:  # newest first
        day = b.created.date()
        month = (day.year, day.month)
        if day not in days and len(days) < keep_daily:
            days.append(day)
            keep.add(b.path)
        if month not in months and len(months) < keep_monthly:
            months.append(month)
            keep.add(b.path)
    removed = [b.path for b in backups if b.path not in keep]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def daily_backup(url: str, folder: Path | None = None, today: date | None = None) -> Path | None:
    """The first start of a day makes a backup (and prunes old ones); later starts do nothing."""
    if sqlite_path(url) is None or not sqlite_path(url).is_file():  # type: ignore[union-attr]
        return None
    today = today or date.today()
    if any(b.created.date() == today and b.reason == "hang-ngay" for b in list_backups(folder)):
        return None
    made = backup_database(url, reason="hang-ngay", folder=folder)
    prune_backups(folder)
    return made


@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    previous_copy: Path


def restore_database(url: str, source: Path, *, folder: Path | None = None) -> RestoreResult:
    """Replace the database with ``source`` after checking it; the current data is copied first."""
    target = _file_of(url)
    if not source.is_file():
        raise BackupError(f"Không tìm thấy tệp sao lưu {source}")
    check_file(source)
    previous = backup_database(url, reason="truoc-phuc-hoi", folder=folder)
    src = sqlite3.connect(f"file:{source.as_posix()}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(target, timeout=10)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    check_file(target)
    return RestoreResult(restored_from=source, previous_copy=previous)
