"""Composition root: paths, engine, session factory, services, translators and the main window."""

from __future__ import annotations

import gc
import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import Any

from app import __version__
from app.config import display_db, log_file, mask_secrets, sqlite_path

log = logging.getLogger("app")


class _MaskSecrets(logging.Filter):
    """No password of a database URL reaches the log file."""

    def filter(self, record: logging.LogRecord) -> bool:
        from app.config import mask_secrets

        message = record.getMessage()
        masked = mask_secrets(message)
        if masked != message:
            record.msg, record.args = masked, None
        return True


def setup_logging(level: int = logging.INFO) -> Path:
    """Log to a rotating file in the data folder: owner-only (it may name people), passwords
    masked. A data folder that cannot be written leaves the program without a log file."""
    path = log_file()
    root = logging.getLogger()
    if not any(isinstance(h, RotatingFileHandler) for h in root.handlers):
        from app.db.files import create_private, make_private

        try:
            create_private(path)
            make_private(path)
            handler = RotatingFileHandler(path, maxBytes=2_000_000, backupCount=3, encoding="utf-8")
        except OSError as exc:
            logging.getLogger(__name__).warning("No log file %s: %s", path, exc)
        else:
            handler.setFormatter(
                logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
            )
            handler.addFilter(_MaskSecrets())
            root.addHandler(handler)
    root.setLevel(level)
    return path


def _clean_partial_files(url: str) -> None:
    """Remove the ``*.dang-ghi`` files a killed backup, restore or demo left behind."""
    try:
        from app.config import BACKUP_SUBDIR, configured_backup_dir, data_dir
        from app.db.files import clean_partials

        path = sqlite_path(url)
        data = data_dir()  # the folders as they are: none is created for this
        backups = [data / BACKUP_SUBDIR, configured_backup_dir()]
        clean_partials([data, *[f for f in backups if f], *([path.parent] if path else [])])
    except Exception:
        log.exception("Cannot clean the partial files")


def _daily_backup(url: str) -> None:
    try:
        from app.services.backup import daily_backup

        made = daily_backup(url)
        if made is not None:
            log.info("Daily backup %s", made)
    except Exception:
        log.exception("Daily backup failed")


def run_gui(
    url: str,
    *,
    demo: bool = False,
    exit_after_paint: bool = False,
    exit_when_ready: bool = False,
    offer_restore: bool | None = None,
) -> int:
    """Start the Qt application on ``url``; returns the exit code.

    The window's frame is painted first; the database is opened (created or upgraded, a backup
    made first) right after that first paint, while the window says so, and the screens are
    then built on it. ``demo`` builds the demo data behind a progress dialog when the database
    holds no people.

    An SQLite file is locked for this process first (``app.db.lock``): when another running
    program holds it, the clerk is told who and may open it read-only or quit (exit code 1).
    A missing SQLite file (a new computer) is not created before the clerk chooses between a
    new database and a restore from a backup (``offer_restore``; by default not with the
    start-up benchmark's flags, which need no clerk).

    For the start-up benchmark (hidden flags), times are counted from the operating system's
    start of the process (``app.ui.application.process_age_seconds``):
    ``exit_after_paint`` prints ``first_paint_ms=`` after the first paint and quits;
    ``exit_when_ready`` prints ``ready_ms=`` once the screens show the database, and quits.
    """
    from app.ui.startup_guard import guard_gui_start, report_start_failure

    # Start-up makes a great many objects that all stay alive (modules, classes, mappers,
    # widgets): the cyclic garbage collector is paused until the window shows the database (or
    # could not open it), as its collections meanwhile would only walk them again and again.
    collecting = gc.isenabled()
    gc.disable()

    def resume_collector() -> None:
        if collecting:
            gc.enable()

    setup_logging()
    # Qt is imported only when the GUI starts: the headless subcommands never load it.
    try:
        from PySide6.QtCore import QCoreApplication, QTimer
        from PySide6.QtWidgets import QMessageBox

        from app.ui.application import (
            FirstPaintProbe,
            create_application,
            install_translators,
            print_process_age,
            quit_after_first_paint,
            release_widgets,
        )
        from app.ui.errors import install_exception_hook
        from app.ui.main_window import MainWindow
        from app.ui.tasks import ThreadedTaskRunner
    except ImportError as exc:  # a system library Qt needs is missing (libEGL.so.1...)
        resume_collector()
        report_start_failure(str(exc), log_file())
        return 1
    from app.services.preload import preload_in_background

    preload_in_background()  # the database layer loads while the window is built and painted

    def tr(text: str) -> str:
        return QCoreApplication.translate("Startup", text)

    log.info("TĐKT %s starting on %s", __version__, display_db(url))
    _clean_partial_files(url)
    with guard_gui_start(log_file()):  # no platform plugin: said with the fix, exit code 1
        qapp = create_application()
    install_translators(qapp)
    hook = install_exception_hook()
    runner = ThreadedTaskRunner()
    window = MainWindow(None, display_name=display_db(url), runner=runner)
    opened: list[Any] = []  # the Database (or the read-only engine), once open
    failed: list[int] = []
    locks: list[Any] = []  # the lock of the SQLite file, held until the window closes
    started: list[int] = []  # open_and_attach runs once (a message box spins the event loop)

    def reload_after_conflict(_exc: object) -> None:
        # Another clerk saved a record first (optimistic locking): show what is stored now.
        refresh = getattr(window.pages.currentWidget(), "refresh", None)
        if callable(refresh):
            refresh()

    hook.conflicted.connect(reload_after_conflict)

    def fail(message: str) -> None:
        QMessageBox.critical(window, tr("Không mở được cơ sở dữ liệu"), message)
        failed.append(1)
        window.close()
        qapp.quit()

    def attach(ctx: Any) -> None:
        window.attach(ctx)
        if exit_when_ready:
            window.repaint()
            print_process_age("ready")
            QTimer.singleShot(0, qapp.quit)

    def open_read_only_or_quit(reason: Exception) -> None:
        from app.db.migrate import DatabaseError
        from app.services.context import open_read_only

        answer = QMessageBox.question(
            window,
            tr("Cơ sở dữ liệu đang được mở"),
            tr(
                "{reason}\n\nMở ở chế độ chỉ đọc (xem, in, xuất biểu mẫu; không sửa được)? "
                "Chọn Không để thoát."
            ).format(reason=reason),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            failed.append(1)
            window.close()
            qapp.quit()
            return
        try:
            ctx, engine = open_read_only(url)
        except DatabaseError as exc:
            fail(
                tr("Không mở được cơ sở dữ liệu {db}.\n\n{reason}").format(
                    db=display_db(url), reason=exc
                )
            )
            return
        log.info("Opened %s read-only", display_db(url))
        opened.append(engine)
        attach(ctx)

    def build_demo_file() -> bool:
        """``--demo`` on a file not there yet: build it whole first, as ``tdkt demo`` does; a
        failure or a cancel leaves no file behind, says so and quits."""
        from app.ui.application import build_demo_file_with_progress

        outcome = build_demo_file_with_progress(url, runner, window)
        if not outcome.cancelled and outcome.error is None:
            return True
        if outcome.cancelled:
            log.info("Demo database %s cancelled", display_db(url))
            QMessageBox.information(
                window,
                tr("Dữ liệu mẫu"),
                tr("Đã dừng tạo dữ liệu mẫu; không tạo tệp cơ sở dữ liệu mẫu."),
            )
        else:
            from app.db.faults import describe_fault

            error = outcome.error
            assert error is not None
            reason = describe_fault(error, url=url) or mask_secrets(str(error), url)
            log.error("Cannot build the demo database %s: %s", display_db(url), reason)
            QMessageBox.warning(
                window,
                tr("Dữ liệu mẫu"),
                tr("Không tạo được cơ sở dữ liệu mẫu; không để lại tệp nào.\n\n{reason}").format(
                    reason=reason
                ),
            )
            failed.append(1)
        window.close()
        qapp.quit()
        return False

    def open_and_attach() -> None:
        if opened or failed or started:
            return
        try:
            open_now()
        finally:
            resume_collector()

    def open_now() -> None:
        nonlocal url
        started.append(1)
        if url.startswith("postgresql"):  # each clerk signs in with their own account
            from app.ui.sign_in import sign_in

            signed = sign_in(url, window)
            if signed is None:
                window.close()
                qapp.quit()
                return
            url = signed
        from app.db.lock import DatabaseLockedError, acquire_for
        from app.db.migrate import DatabaseError
        from app.services.database import open_database
        from app.ui.application import build_demo_with_progress, database_is_empty

        try:
            lock = acquire_for(url)
        except DatabaseLockedError as exc:
            log.warning("%s is held by another program: %s", display_db(url), exc.owner)
            open_read_only_or_quit(exc)
            return
        except OSError as exc:  # no lock file possible (a read-only folder): open as before
            log.warning("No lock file for %s: %s", display_db(url), exc)
            lock = None
        if lock is not None:
            locks.append(lock)
        path = sqlite_path(url)
        wants_choice = not (exit_after_paint or exit_when_ready)
        if (offer_restore if offer_restore is not None else wants_choice) and not demo:
            if path is not None and not path.exists():
                from app.ui.first_start import offer_restore as ask_restore

                if not ask_restore(window, url, path):
                    failed.append(1)
                    window.close()
                    qapp.quit()
                    return
        if demo and path is not None and not path.exists() and not build_demo_file():
            return
        try:
            db = open_database(url)
        except DatabaseError as exc:
            log.error("Cannot open %s: %s", display_db(url), exc)
            fail(
                tr("Không mở được cơ sở dữ liệu {db}.\n\n{reason}").format(
                    db=display_db(url), reason=exc
                )
            )
            return
        except Exception as exc:  # a damaged file, a server that does not answer...
            from app.db.faults import describe_fault

            log.exception("Cannot open %s", display_db(url))
            reason = describe_fault(exc, url=url) or mask_secrets(str(exc), url)
            fail(
                tr(
                    "Không mở được cơ sở dữ liệu {db}: tệp hỏng, không phải cơ sở dữ liệu TĐKT "
                    "hoặc máy chủ không trả lời.\n\nChi tiết đã ghi vào tệp nhật ký {log}.\n\n"
                    "Lỗi: {reason}"
                ).format(db=display_db(url), log=log_file(), reason=reason)
            )
            return
        opened.append(db)
        ctx = db.context()
        if demo and database_is_empty(ctx):  # a server database, or an empty file kept
            outcome = build_demo_with_progress(ctx, runner, window)
            if outcome.cancelled:
                QMessageBox.information(
                    window,
                    tr("Dữ liệu mẫu"),
                    tr("Đã dừng tạo dữ liệu mẫu; cơ sở dữ liệu mẫu vẫn để trống."),
                )
            elif outcome.error is not None:
                QMessageBox.warning(
                    window,
                    tr("Dữ liệu mẫu"),
                    tr(
                        "Không tạo được dữ liệu mẫu; cơ sở dữ liệu mẫu vẫn để trống.\n\n{reason}"
                    ).format(reason=outcome.error),
                )
        # The first start of a day keeps a copy (never blocks opening); with --demo, of the
        # demo just built rather than of the empty file it was built in.
        _daily_backup(url)
        attach(ctx)

    # Open the database right after the frame is on screen (or after 300 ms if no paint comes,
    # e.g. a minimised start).
    probes: list[FirstPaintProbe] = [
        FirstPaintProbe(window, lambda _ms: QTimer.singleShot(0, open_and_attach))
    ]
    if exit_after_paint:
        probes.append(quit_after_first_paint(window))
    QTimer.singleShot(300, open_and_attach)
    window.show()
    try:
        code = qapp.exec()
        runner.wait_all()
        return 1 if failed else code
    finally:
        resume_collector()
        release_widgets()  # top-down, before PySide's clean-up at exit could (see there)
        for db in opened:
            db.dispose()
        for lock in locks:
            lock.release()
        hook.uninstall()
