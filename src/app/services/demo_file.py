"""The demo database built whole or not at all, for ``tdkt demo`` and the GUI's ``--demo``.

:func:`build_demo_database` fills a new database with :func:`app.services.demo.build_demo`.
An SQLite file is built under a temporary name beside the target (:class:`app.db.files.Partial`)
and moved into place only when whole: a build that fails or is cancelled (too few people, a
full disk, the clerk's Cancel) leaves no file, no temporary file and no folder it created, and
``replace`` puts a new file over an old one only then. A server database is filled in one
transaction, so a failure leaves it as it was.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

from app.config import sqlite_path, sqlite_url
from app.db.files import Partial, fold_wal, remove_with_side_files
from app.db.migrate import DatabaseError
from app.services.database import open_database
from app.services.demo import DemoError, DemoOptions, DemoSummary, build_demo

__all__ = ["build_demo_database"]

Progress = Callable[[str, float], None]


def _fill(url: str, options: DemoOptions, progress: Progress | None) -> DemoSummary:
    try:
        db = open_database(url)  # a new file: no copy before its schema
    except DatabaseError as exc:
        raise DemoError(str(exc)) from exc
    try:
        with db.session_factory.begin() as session:
            return build_demo(session, options, progress)
    finally:
        db.dispose()


def _missing_folders(folder: Path) -> list[Path]:
    """``folder`` and those of its parents that do not exist yet, deepest first."""
    missing = []
    while not folder.exists() and folder.parent != folder:
        missing.append(folder)
        folder = folder.parent
    return missing


def build_demo_database(
    url: str,
    options: DemoOptions,
    progress: Progress | None = None,
    *,
    replace: bool = False,
) -> DemoSummary:
    """Build the demo database at ``url`` (see the module docstring). An existing SQLite file
    is refused (:class:`DemoError`) unless ``replace``."""
    path = sqlite_path(url)
    if path is None:
        return _fill(url, options, progress)
    if path.exists() and not replace:
        raise DemoError(f"Tệp {path} đã có: không tạo CSDL mẫu đè lên.")
    created = _missing_folders(path.parent)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with Partial(path) as partial:
            summary = _fill(sqlite_url(partial.path), options, progress)
            fold_wal(partial.path)
            remove_with_side_files(path)
            partial.commit()
    except BaseException:
        for folder in created:  # only the folders made for it, and only when left empty
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise
    return summary
