"""Restore an SQLite database from a backup: on this computer, or on a new one that has no
database yet (a dead PC, a new one, the copy on a USB stick).

Nothing is replaced until the copy is known to be good:

1. the backup is copied beside the database under a temporary name (the backup itself is only
   read, never changed);
2. the copy is checked like ``tdkt check`` does (:mod:`app.db.file_check`): TĐKT's file, a known
   schema revision with exactly its tables and columns, no broken foreign key; a file from a
   newer TĐKT is refused;
3. an older revision is upgraded in the copy, which is then checked again;
4. only then is the current database (if any) kept as a ``truoc-phuc-hoi`` backup and replaced.

A refused file, a full disk, a read-only folder, a missing or locked file end in
:class:`~app.services.backup.BackupError` with one Vietnamese line; the current database and
the data folder are then as they were (the temporary copy is removed).
"""

from __future__ import annotations

import contextlib
import logging
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app.config import backup_dir, sqlite_path, sqlite_url
from app.db.faults import describe_fault
from app.db.file_check import check_file as check_tdkt_file
from app.db.file_check import read_facts
from app.db.files import Partial, copy_sqlite, make_private, remove_with_side_files
from app.db.migrate import APPLICATION_ID, HEAD_REVISION, DatabaseError
from app.domain.errors import DomainError
from app.services.backup import STAMP, BackupError, backup_database

__all__ = ["RestoreResult", "restore_database"]

log = logging.getLogger(__name__)

WORK_SUFFIX = ".phuc-hoi.dang-ghi"


@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    previous_copy: Path | None  # None: there was no database (a new computer)
    revision: str  # the schema revision of the backup (upgraded to the program's since)


def _copy_into(source: Path, target: Path) -> None:
    copy_sqlite(source, target)


def _upgrade(path: Path) -> None:
    """Bring the copy to this program's schema (no backup: the original is the backup)."""
    from app.db.engine import make_engine
    from app.db.migrate import upgrade_database

    engine = make_engine(sqlite_url(path))
    try:
        upgrade_database(engine, backup=False)
    finally:
        engine.dispose()
    con = sqlite3.connect(path)
    try:  # back to one file: the WAL of the upgrade folded in
        con.execute("PRAGMA journal_mode=DELETE")
    finally:
        con.close()


def _finish(path: Path) -> None:
    con = sqlite3.connect(path)
    try:
        con.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        con.commit()
    finally:
        con.close()


def _usable_sqlite(path: Path) -> bool:
    try:
        return read_facts(path).integrity == ["ok"]
    except DatabaseError:
        return False


def _keep_previous(url: str, target: Path, folder: Path | None) -> Path:
    """The current database as a ``truoc-phuc-hoi`` backup; a damaged one is copied as it is."""
    try:
        return backup_database(url, reason="truoc-phuc-hoi", folder=folder)
    except BackupError:
        if _usable_sqlite(target):
            raise
    where = folder or backup_dir()
    where.mkdir(parents=True, exist_ok=True)
    copy = where / f"{target.stem}-truoc-phuc-hoi-{datetime.now().strftime(STAMP)}.sqlite"
    with Partial(copy) as partial:
        shutil.copyfile(target, partial.path)
        partial.commit()
    log.warning("The database %s was damaged: kept byte for byte as %s", target, copy)
    return copy


def restore_database(url: str, source: Path, *, folder: Path | None = None) -> RestoreResult:
    """Replace the database of ``url`` (created when missing) with the backup ``source``.

    The caller holds the database's lock (``app.db.lock``). ``folder``: where the copy of the
    current data goes (default: the backup folder). Raises :class:`BackupError`.
    """
    target = sqlite_path(url)
    if target is None:
        raise BackupError(
            "Phục hồi trong chương trình chỉ dành cho tệp SQLite; với PostgreSQL hãy dùng "
            "pg_restore"
        )
    source = Path(source)
    try:
        if not source.is_file():
            raise BackupError(f"Không tìm thấy tệp sao lưu {source}")
        if target.exists() and source.resolve() == target.resolve():
            raise BackupError(
                f"Tệp {source} chính là cơ sở dữ liệu đang dùng, không phải bản sao lưu"
            )
        target.parent.mkdir(parents=True, exist_ok=True)
        with Partial(target, WORK_SUFFIX) as work:
            try:
                _copy_into(source, work.path)
            except sqlite3.DatabaseError as exc:
                if "not a database" in str(exc) or "malformed" in str(exc):
                    raise BackupError(
                        f"Tệp {source.name} bị hỏng hoặc không phải cơ sở dữ liệu"
                    ) from exc
                raise
            try:
                revision = check_tdkt_file(work.path)
            except DatabaseError as exc:
                raise BackupError(str(exc).replace(work.path.name, source.name)) from exc
            if revision != HEAD_REVISION:
                _upgrade(work.path)
                try:
                    check_tdkt_file(work.path)
                except DatabaseError as exc:  # pragma: no cover - a migration that breaks data
                    raise BackupError(
                        f"Tệp {source.name} nâng cấp lên lược đồ mới không đạt kiểm tra: {exc}"
                    ) from exc
            _finish(work.path)
            previous = None
            if target.exists() and target.stat().st_size > 0:
                previous = _keep_previous(url, target, folder)
                if _usable_sqlite(target):
                    _copy_over(work.path, target)
                else:
                    remove_with_side_files(target)
                    work.commit()
            else:
                with contextlib.suppress(FileNotFoundError):
                    target.unlink()
                work.commit()
        make_private(target)
    except DomainError:
        raise
    except (OSError, sqlite3.Error) as exc:
        raise BackupError(
            describe_fault(exc, path=target.parent) or f"Không phục hồi được vào {target}: {exc}"
        ) from exc
    return RestoreResult(restored_from=source, previous_copy=previous, revision=revision)


def _copy_over(source: Path, target: Path) -> None:
    """Replace an existing database's content in one SQLite transaction: a failure (a full
    disk) leaves it as it was, and connections this program has open see the new data."""
    src = sqlite3.connect(source)
    try:
        dst = sqlite3.connect(target, timeout=10)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
