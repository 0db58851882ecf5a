"""Backups of the SQLite database: online copies, daily rotation, checked restore.

Copies use SQLite's online backup API, so they are consistent while the program has the file
open. PostgreSQL databases are backed up by the server's own tools (pg_dump), not here.

The backup folder (a USB drive, a share) and how many copies to keep are settings of this
machine, kept in the settings file of the data folder (``app.config``), not in the database: a
restore must not change them, and they are needed before the database is opened (the backup
before a schema upgrade) and when the database is lost.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.config import (
    backup_dir,
    configured_backup_dir,
    data_dir,
    default_backup_dir,
    read_local_settings,
    sqlite_path,
    write_local_settings,
)
from app.db.faults import describe_fault
from app.db.files import PARTIAL_SUFFIX, Partial, copy_sqlite
from app.db.migrate import HEAD_REVISION, DatabaseError, check_not_newer
from app.domain.errors import DomainError, ValidationError

if TYPE_CHECKING:
    from app.services.restore import RestoreResult

STAMP = "%Y%m%d-%H%M%S"
REASONS = ("thu-cong", "hang-ngay", "truoc-nhap", "truoc-phuc-hoi", "truoc-nang-cap")
NAME = re.compile(
    r"^(?P<stem>.+)-(?P<reason>" + "|".join(REASONS) + r")-(?P<stamp>\d{8}-\d{6})(?:-\d+)?\.sqlite$"
)
KEEP_DAILY = 30
KEEP_MONTHLY = 12
DAILY_RANGE = (1, 3650)
MONTHLY_RANGE = (0, 1200)
SETTINGS_KEY = "backup"
# Backups the rotation may remove; the others (asked for, kept before a restore) stay.
AUTOMATIC = ("hang-ngay", "truoc-nhap", "truoc-nang-cap")

# What each kind of backup is called on screen.
REASON_LABELS = {
    "thu-cong": "Sao lưu thủ công",
    "hang-ngay": "Hằng ngày",
    "truoc-nhap": "Trước khi nhập dữ liệu",
    "truoc-phuc-hoi": "Trước khi khôi phục",
    "truoc-nang-cap": "Trước khi nâng cấp",
}


class BackupError(DomainError):
    pass


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    reason: str
    created: datetime
    size: int

    @property
    def kind(self) -> str:
        """The kind of backup in words (``Hằng ngày``, ``Trước khi nhập dữ liệu``...)."""
        return REASON_LABELS.get(self.reason, self.reason)


# --- settings: folder and retention ---------------------------------------------------------


@dataclass(frozen=True)
class BackupSettings:
    """``folder`` empty: ``backups/`` in the data folder; a relative path is from the data folder."""

    folder: str = ""
    keep_daily: int = KEEP_DAILY
    keep_monthly: int = KEEP_MONTHLY

    def to_dict(self) -> dict[str, Any]:
        return {
            "folder": self.folder,
            "keep_daily": self.keep_daily,
            "keep_monthly": self.keep_monthly,
        }


def _int_or(value: Any, default: int) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else default


def get_backup_settings() -> BackupSettings:
    """The saved settings, or the defaults (30 daily, 12 monthly, ``backups/``)."""
    data = read_local_settings().get(SETTINGS_KEY)
    if not isinstance(data, dict):
        return BackupSettings()
    folder = data.get("folder")
    return BackupSettings(
        folder=folder.strip() if isinstance(folder, str) else "",
        keep_daily=_int_or(data.get("keep_daily"), KEEP_DAILY),
        keep_monthly=_int_or(data.get("keep_monthly"), KEEP_MONTHLY),
    )


def validate_backup_settings(settings: BackupSettings) -> list[str]:
    problems = []
    low, high = DAILY_RANGE
    if not low <= settings.keep_daily <= high:
        problems.append(
            f"Số bản sao lưu hằng ngày giữ lại phải từ {low} đến {high}, "
            f"nhận được {settings.keep_daily}"
        )
    low, high = MONTHLY_RANGE
    if not low <= settings.keep_monthly <= high:
        problems.append(
            f"Số bản sao lưu hằng tháng giữ lại phải từ {low} đến {high}, "
            f"nhận được {settings.keep_monthly}"
        )
    folder = settings.folder.strip()
    if folder:
        path = Path(folder).expanduser()
        path = path if path.is_absolute() else data_dir() / path
        if path.exists() and not path.is_dir():
            problems.append(f"Thư mục sao lưu {path} là một tệp, không phải thư mục")
        else:
            try:
                path.mkdir(parents=True, exist_ok=True)
                probe = path / ".tdkt-thu-ghi"
                probe.write_bytes(b"")
                probe.unlink()
            except OSError as exc:
                problems.append(
                    f"Không ghi được vào thư mục sao lưu {path}: {exc.strerror or exc} "
                    "(ổ đĩa chưa cắm, thư mục chỉ đọc hoặc không có quyền ghi)"
                )
    return problems


def save_backup_settings(settings: BackupSettings) -> BackupSettings:
    """Check and save; the folder must be writable now. Raises ValidationError, saving nothing."""
    settings = BackupSettings(
        folder=settings.folder.strip(),
        keep_daily=settings.keep_daily,
        keep_monthly=settings.keep_monthly,
    )
    problems = validate_backup_settings(settings)
    if problems:
        raise ValidationError(problems)
    values = read_local_settings()
    values[SETTINGS_KEY] = settings.to_dict()
    write_local_settings(values)
    return settings


@dataclass(frozen=True)
class BackupFolder:
    """Where backups go now; ``problem`` says why the configured folder is not the one in use."""

    active: Path
    configured: Path | None
    default: Path
    problem: str | None = None


def backup_folder() -> BackupFolder:
    configured = configured_backup_dir()
    active = backup_dir()
    default = default_backup_dir()
    problem = None
    if configured is not None and configured != active:
        problem = (
            f"Không dùng được thư mục sao lưu đã chọn {configured} (ổ đĩa chưa cắm hoặc không "
            f"ghi được); các bản sao lưu đang được ghi vào {active}"
        )
    return BackupFolder(active=active, configured=configured, default=default, problem=problem)


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
    """Copy an SQLite database with the online backup API into ``target`` (an empty file)."""
    copy_sqlite(source, target)


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
        try:
            check_not_newer(revision)
        except DatabaseError as exc:
            raise BackupError(str(exc)) from None
    return revision


def _free_name(folder: Path, stem: str, reason: str) -> Path:
    stamp = datetime.now().strftime(STAMP)
    target = folder / f"{stem}-{reason}-{stamp}.sqlite"
    n = 1
    while target.exists() or target.with_name(target.name + PARTIAL_SUFFIX).exists():
        target = folder / f"{stem}-{reason}-{stamp}-{n}.sqlite"
        n += 1
    return target


def backup_database(
    url: str, target: Path | None = None, *, reason: str = "thu-cong", folder: Path | None = None
) -> Path:
    """Copy the database to ``target`` (default: the backup folder, a dated name) and check the copy.

    The copy is owner-only and written under a temporary name until it is whole and checked; a
    full disk, a read-only folder or a file another program holds raise :class:`BackupError`
    (one Vietnamese line) and leave nothing behind.
    """
    source = _file_of(url)
    where = target if target is not None else folder
    try:
        if target is None:
            folder = folder or backup_dir()
            where = folder
            folder.mkdir(parents=True, exist_ok=True)
            target = _free_name(folder, source.stem, reason)
        if target.resolve() == source.resolve():
            raise BackupError("Tệp sao lưu phải khác tệp cơ sở dữ liệu đang dùng")
        where = target
        with Partial(target) as partial:
            _copy(source, partial.path)
            check_file(partial.path)
            partial.commit()
    except DomainError:
        raise
    except (OSError, sqlite3.Error) as exc:
        raise BackupError(
            describe_fault(exc, path=where) or f"Không sao lưu được vào {where}: {exc}"
        ) from exc
    return target


def list_backups(folder: Path | None = None) -> list[BackupInfo]:
    """Backups in the folder (default: the backup folder in use), newest first.

    Only files named by this program (``<db>-<kind>-<yyyymmdd-hhmmss>.sqlite``) are listed.
    """
    folder = folder or backup_dir()
    out: list[tuple[int, BackupInfo]] = []
    for path in folder.glob("*.sqlite"):
        match = NAME.match(path.name)
        if not match:
            continue
        try:
            created = datetime.strptime(match["stamp"], STAMP)
            stat = path.stat()
        except (ValueError, OSError):  # an impossible date in the name, a file just removed
            continue
        out.append((stat.st_mtime_ns, BackupInfo(path, match["reason"], created, stat.st_size)))
    # Two copies made in the same second: the file written last comes first.
    out.sort(key=lambda item: (item[1].created, item[0]), reverse=True)
    return [info for _, info in out]


def prune_backups(
    folder: Path | None = None, *, keep_daily: int | None = None, keep_monthly: int | None = None
) -> list[Path]:
    """Keep the newest automatic backup of each of the last ``keep_daily`` days and
    ``keep_monthly`` months; remove the other automatic ones.

    Automatic backups are the daily ones and those made before an import or an upgrade. Copies
    the clerk asked for (``thu-cong``) and those kept before a restore are never removed here.
    The counts default to the saved settings (30 and 12 unless changed).
    """
    if keep_daily is None or keep_monthly is None:
        saved = get_backup_settings()
        keep_daily = saved.keep_daily if keep_daily is None else keep_daily
        keep_monthly = saved.keep_monthly if keep_monthly is None else keep_monthly
    backups = [b for b in list_backups(folder) if b.reason in AUTOMATIC]
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


def restore_database(url: str, source: Path, *, folder: Path | None = None) -> RestoreResult:
    """Replace the database with ``source`` after checking it (see :mod:`app.services.restore`)."""
    from app.services.restore import restore_database as restore

    return restore(url, source, folder=folder)
