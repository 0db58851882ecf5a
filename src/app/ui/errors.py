"""The last line of defence: an unexpected exception is logged and explained, never a silent crash.

PySide6 hands an exception raised in a slot or a virtual method to ``sys.excepthook`` and
carries on. :class:`ExceptionHook` replaces that hook: it writes the traceback to the log file
of the data folder (``app.config.log_file()``) and shows a Vietnamese message box with the
details folded away. The application keeps running.

A :class:`~app.domain.errors.ConflictError` (another clerk saved the same record first) is not
a bug: it is shown as a warning with its own message, without a traceback, and the hook emits
``conflicted`` so the window can read the screen's data again (``bootstrap.run_gui`` refreshes
the current page). Screens that catch ``DomainError`` around ``ctx.write`` themselves should
reload on ``ConflictError`` the same way (see ``RegistrationPanel._write``). A
``ReadOnlyError`` (a save in a database opened read-only) is shown the same way, as a warning.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app.config import log_file
from app.domain.errors import ConflictError, ReadOnlyError

log = logging.getLogger(__name__)

HookFn = Callable[[type[BaseException], BaseException, TracebackType | None], object]


def _tr(text: str) -> str:
    return QCoreApplication.translate("ExceptionHook", text)


def _logged_to(path: Path) -> bool:
    """True when a handler of the root logger already writes to ``path``."""
    target = str(path.resolve())
    return any(
        getattr(handler, "baseFilename", None) == target for handler in logging.getLogger().handlers
    )


def write_to_log(path: Path, text: str) -> None:
    """Record an unexpected error in the log file, through logging when it is set up for it."""
    log.error("Lỗi không mong muốn:\n%s", text)
    if _logged_to(path):
        return
    # Logging does not write to the data folder (tests, an early failure): append directly.
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as fh:
            stamp = datetime.now().strftime("%Y-%m-%d %H:%M:%S")
            fh.write(f"{stamp} ERROR {__name__}: Lỗi không mong muốn:\n{text}\n")
    except OSError:  # pragma: no cover - a read-only data folder: the message box still shows
        pass


def error_message_box(
    parent: QWidget | None, exc: BaseException, details: str, path: Path
) -> QMessageBox:
    """The message shown for an unexpected error (a ``QMessageBox``, not yet shown)."""
    box = QMessageBox(parent)
    if isinstance(exc, ConflictError | ReadOnlyError):  # expected refusals, not bugs
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(_tr("Không lưu được"))
        box.setText(str(exc))
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        return box
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(_tr("Lỗi không mong muốn"))
    box.setText(_tr("Chương trình gặp một lỗi không mong muốn và đã dừng thao tác vừa rồi."))
    summary = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    box.setInformativeText(
        _tr(
            "Thao tác đó có thể chưa hoàn tất; dữ liệu đã lưu trước đó không bị ảnh hưởng. "
            "Bạn có thể tiếp tục làm việc.\n\nChi tiết đã được ghi vào tệp nhật ký:\n{path}\n\n"
            "Lỗi: {summary}"
        ).format(path=path, summary=summary)
    )
    box.setDetailedText(details)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    return box


class ExceptionHook(QObject):
    """Installed as ``sys.excepthook`` (and ``threading.excepthook``) while the GUI runs."""

    _show_requested = Signal(object, str)  # exception, formatted traceback
    conflicted = Signal(object)  # a ConflictError was shown: the screen should read its data again

    def __init__(
        self,
        log_path: Path | None = None,
        parent_window: Callable[[], QWidget | None] | None = None,
    ) -> None:
        super().__init__()
        self._log_path = log_path
        self._parent_window = parent_window or QApplication.activeWindow
        self._previous: HookFn | None = None
        self._previous_thread_hook: Callable[[threading.ExceptHookArgs], object] | None = None
        self._showing = False
        self.shown = 0  # message boxes shown so far
        self._show_requested.connect(self._show)

    @property
    def log_path(self) -> Path:
        return self._log_path or log_file()

    def install(self) -> ExceptionHook:
        self._previous = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        sys.excepthook = self
        threading.excepthook = self._thread_hook
        return self

    def uninstall(self) -> None:
        if sys.excepthook is self and self._previous is not None:
            sys.excepthook = self._previous
        if threading.excepthook == self._thread_hook and self._previous_thread_hook is not None:
            threading.excepthook = self._previous_thread_hook

    def __call__(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt | SystemExit):
            (self._previous or sys.__excepthook__)(exc_type, exc, tb)
            return
        if isinstance(exc, ConflictError | ReadOnlyError):  # not a bug: a log line, no traceback
            log.warning("Không lưu được: %s", exc)
            details = ""
        else:
            details = "".join(traceback.format_exception(exc_type, exc, tb))
            write_to_log(self.log_path, details)
        if QThread.currentThread() == self.thread():
            self._show(exc, details)
        else:  # a message box belongs to the GUI thread
            self._show_requested.emit(exc, details)

    def _thread_hook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None:
            return
        self(args.exc_type, args.exc_value, args.exc_traceback)

    def _show(self, exc: BaseException, details: str) -> None:
        if self._showing:  # an error while the message is open: it is logged, one box is enough
            return
        self._showing = True
        try:
            box = error_message_box(self._parent_window(), exc, details, self.log_path)
            self.shown += 1
            box.exec()
            if isinstance(exc, ConflictError):
                self.conflicted.emit(exc)
        except Exception:  # never let the hook itself crash the application
            log.exception("Không hiện được thông báo lỗi")
        finally:
            self._showing = False


def install_exception_hook(log_path: Path | None = None) -> ExceptionHook:
    """Replace ``sys.excepthook`` for the GUI; keep the returned object alive while it runs."""
    return ExceptionHook(log_path).install()
