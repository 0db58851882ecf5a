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
    """Start the Qt application on ``url``; returns the exit code.

    ``demo`` builds the demo data (default options, progress dialog) when the database holds
    no people. ``exit_after_paint`` (hidden ``--exit-after-paint``, for the start-up benchmark)
    prints ``first_paint_ms=<float>`` once the main window has been painted and quits; the time
    is counted from the operating system's start of the process (see
    ``app.ui.application.process_age_seconds``).
    """
    # Qt is imported only when the GUI starts: the headless subcommands never load it.
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QMessageBox

    from app.db.migrate import DatabaseError
    from app.ui.application import (
        build_demo_with_progress,
        create_application,
        database_is_empty,
        install_translators,
        quit_after_first_paint,
    )
    from app.ui.errors import install_exception_hook
    from app.ui.main_window import MainWindow
    from app.ui.tasks import ThreadedTaskRunner

    def tr(text: str) -> str:
        return QCoreApplication.translate("Startup", text)

    setup_logging()
    log.info("TĐKT %s starting on %s", __version__, display_db(url))
    qapp = create_application()
    install_translators(qapp)
    hook = install_exception_hook()
    try:
        try:
            db = open_database(url)
        except DatabaseError as exc:
            log.error("Cannot open %s: %s", display_db(url), exc)
            QMessageBox.critical(
                None,
                tr("Không mở được cơ sở dữ liệu"),
                tr("Không mở được cơ sở dữ liệu {db}.\n\n{reason}").format(
                    db=display_db(url), reason=exc
                ),
            )
            return 1
        except Exception as exc:  # a damaged file, a server that does not answer...
            log.exception("Cannot open %s", display_db(url))
            QMessageBox.critical(
                None,
                tr("Không mở được cơ sở dữ liệu"),
                tr(
                    "Không mở được cơ sở dữ liệu {db}: tệp hỏng, không phải cơ sở dữ liệu TĐKT "
                    "hoặc máy chủ không trả lời.\n\nChi tiết đã ghi vào tệp nhật ký {log}.\n\n"
                    "Lỗi: {reason}"
                ).format(db=display_db(url), log=log_file(), reason=exc),
            )
            return 1
        try:
            ctx = db.context()
            runner = ThreadedTaskRunner()
            if demo and database_is_empty(ctx):
                outcome = build_demo_with_progress(ctx, runner)
                if outcome.cancelled:
                    QMessageBox.information(
                        None,
                        tr("Dữ liệu mẫu"),
                        tr("Đã dừng tạo dữ liệu mẫu; cơ sở dữ liệu mẫu vẫn để trống."),
                    )
                elif outcome.error is not None:
                    QMessageBox.warning(
                        None,
                        tr("Dữ liệu mẫu"),
                        tr(
                            "Không tạo được dữ liệu mẫu; cơ sở dữ liệu mẫu vẫn để trống.\n\n{reason}"
                        ).format(reason=outcome.error),
                    )
            window = MainWindow(ctx, runner=runner)
            _paint_probe = quit_after_first_paint(window) if exit_after_paint else None
            window.show()
            code = qapp.exec()
            runner.wait_all()
            return code
        finally:
            db.dispose()
    finally:
        hook.uninstall()
