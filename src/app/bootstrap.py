"""Composition root: paths, engine, session factory, services, translators and the main window."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from logging.handlers import RotatingFileHandler
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from app import __version__
from app.config import backup_dir, display_db, log_file, sqlite_path
from app.db.engine import make_engine, make_session_factory
from app.db.migrate import upgrade_database
from app.services.context import AppContext
from app.services.reference import ensure_catalogue

log = logging.getLogger("app")


@dataclass
class Database:
    """An open, migrated database and the session factory every service call goes through."""

    url: str
    engine: Engine
    session_factory: sessionmaker[Session]
    backup_made: str | None = None

    @property
    def display_name(self) -> str:
        return display_db(self.url)

    @property
    def file(self) -> Path | None:
        return sqlite_path(self.url)

    def context(self) -> AppContext:
        return AppContext(self.url, self.display_name, self.file, self.session_factory)

    def dispose(self) -> None:
        self.engine.dispose()


def open_database(
    url: str, *, user: str | None = None, backup_folder: Path | None = None
) -> Database:
    """Open ``url``, create or upgrade its schema (backing up an SQLite file first), seed the catalogue.

    Raises ``app.db.migrate.DatabaseError`` (Vietnamese message) when the file cannot be used.
    """
    path = sqlite_path(url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    engine = make_engine(url)
    try:
        backup = upgrade_database(
            engine, backup_folder or (backup_dir() if path is not None else None)
        )
        factory = make_session_factory(engine, user=user)
        with factory.begin() as session:
            ensure_catalogue(session)
    except Exception:
        engine.dispose()
        raise
    return Database(url=url, engine=engine, session_factory=factory, backup_made=backup)


def setup_logging(level: int = logging.INFO) -> Path:
    """Log to a rotating file in the data folder."""
    path = log_file()
    root = logging.getLogger()
    if not any(isinstance(h, RotatingFileHandler) for h in root.handlers):
        handler = RotatingFileHandler(path, maxBytes=2_000_000, backupCount=3, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
    root.setLevel(level)
    return path


def run_gui(url: str, *, demo: bool = False, exit_after_paint: bool = False) -> int:
    """Start the Qt application on ``url``. ``demo`` builds the demo database first if it is empty."""
    from app.ui.application import run_application  # Qt is imported only when the GUI starts

    setup_logging()
    log.info("TĐKT %s starting on %s", __version__, display_db(url))
    return run_application(url, demo=demo, exit_after_paint=exit_after_paint)
