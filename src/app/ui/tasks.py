"""Long work (build the demo, import, export, eligibility for a department) off the GUI thread.

A *work* is a callable taking one argument, ``progress(message, fraction)``, and returning a
value. ``progress`` reports to the dialog and raises :class:`Cancelled` once the clerk has
pressed "Hủy", so a work that reports regularly stops at its next report::

    def work(progress):
        for i, row in enumerate(rows):
            progress(f"Đang nhập dòng {i + 1}", i / len(rows))
            ...
        return summary

    outcome = runner.run("Nhập danh sách", work, parent=self)
    if outcome.ok: ...

Two runners share this interface: :class:`ThreadedTaskRunner` (the application: a
``QThreadPool`` thread and a ``QProgressDialog``) and :class:`SyncTaskRunner` (tests: same
thread, no dialog, cancellation scripted).

Database work opens its own short session inside the work (``ctx.write(...)``), so the
session lives and dies in the worker thread.
"""

from __future__ import annotations

import logging
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

from PySide6.QtCore import (
    QCoreApplication,
    QEventLoop,
    QObject,
    QRunnable,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import QProgressBar, QProgressDialog, QPushButton, QWidget

log = logging.getLogger(__name__)

R = TypeVar("R")
ProgressFn = Callable[[str, float], None]
Work = Callable[[ProgressFn], R]

PROGRESS_STEPS = 1000  # the dialog's range; fractions are shown to 0.1 %
SHOW_AFTER_MS = 300  # works finishing sooner never flash a dialog


class Cancelled(Exception):
    """Raised by ``progress`` after the clerk asked to stop; the runner reports ``cancelled``."""


@dataclass(frozen=True)
class TaskOutcome(Generic[R]):
    """How a work ended: a value, a cancellation, or an error (with its formatted traceback)."""

    value: R | None = None
    cancelled: bool = False
    error: BaseException | None = None
    details: str = ""

    @property
    def ok(self) -> bool:
        return not self.cancelled and self.error is None


def _tr(text: str) -> str:
    return QCoreApplication.translate("TaskRunner", text)


class TaskRunner(Protocol):
    def start(
        self,
        title: str,
        work: Work[R],
        on_done: Callable[[TaskOutcome[R]], None],
        parent: QWidget | None = None,
    ) -> None:
        """Start ``work`` and call ``on_done`` with its outcome (in the GUI thread)."""

    def run(self, title: str, work: Work[R], parent: QWidget | None = None) -> TaskOutcome[R]:
        """Run ``work`` to its end while the window stays responsive; return its outcome."""

    def background(self, work: Callable[[], R], on_done: Callable[[TaskOutcome[R]], None]) -> None:
        """Run a short read off the GUI thread, without a dialog (input is never held up), and
        call ``on_done`` with its outcome in the GUI thread: a page's figures, say. The
        threaded runner starts it once the events already posted (a pending paint) are served."""


def _execute(work: Work[R], progress: ProgressFn) -> TaskOutcome[R]:
    """Call ``work`` and turn its ending into an outcome (never raises, except BaseException)."""
    try:
        return TaskOutcome(value=work(progress))
    except Cancelled:
        return TaskOutcome(cancelled=True)
    except Exception as exc:
        log.exception("Long work failed")
        return TaskOutcome(error=exc, details=traceback.format_exc())


class _WorkerSignals(QObject):
    """Lives in the GUI thread; signals emitted from the worker are queued to it."""

    progress = Signal(str, float)
    finished = Signal(object)


class _Worker(QRunnable):
    """Owned by the pool once started (auto-delete), it keeps its signals object alive."""

    def __init__(self, work: Work[Any], cancel: threading.Event, signals: _WorkerSignals) -> None:
        super().__init__()
        self._work = work
        self._cancel = cancel
        self._signals = signals
        self._last: tuple[str, int] | None = None

    def _progress(self, message: str, fraction: float) -> None:
        if self._cancel.is_set():
            raise Cancelled
        step = round(max(0.0, min(1.0, fraction)) * PROGRESS_STEPS)
        if (message, step) != self._last:  # don't flood the GUI thread with equal updates
            self._last = (message, step)
            try:
                self._signals.progress.emit(message, fraction)
            except RuntimeError:  # the application is closing: stop the work
                raise Cancelled from None

    def run(self) -> None:
        outcome = _execute(self._work, self._progress)
        try:
            self._signals.finished.emit(outcome)
        except RuntimeError:  # the application closed meanwhile; nobody waits for the outcome
            log.info("Long work ended after the application closed")


class _ProgressDialog(QProgressDialog):
    """A modal progress dialog whose "Hủy" asks the work to stop and says so until it has."""

    def __init__(self, title: str, cancel: threading.Event, parent: QWidget | None) -> None:
        super().__init__(parent)
        self._cancel = cancel
        self.setWindowTitle(title)
        self.setLabelText(_tr("Đang chuẩn bị…"))
        # Qt's own cancel button (set by text): it comes with the Escape shortcut.
        self.setCancelButtonText(_tr("Hủy"))
        self._cancel_button = self.findChild(QPushButton)
        self._cancel_button.setToolTip(_tr("Dừng công việc; phần chưa xong không được ghi"))
        # Progress goes to the bar directly: QProgressDialog.setValue() on a modal dialog
        # re-enters the event loop, which a dialog fed by queued signals does not need.
        self._bar = QProgressBar(self)
        self.setBar(self._bar)
        self.setRange(0, PROGRESS_STEPS)
        self.setValue(0)  # arms the timer that shows the dialog after SHOW_AFTER_MS
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setMinimumDuration(SHOW_AFTER_MS)
        self.setMinimumWidth(420)
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.canceled.connect(self._ask_to_stop)

    def show_progress(self, message: str, fraction: float) -> None:
        if self._cancel.is_set():
            return
        self.setLabelText(message)
        self._bar.setValue(round(max(0.0, min(1.0, fraction)) * PROGRESS_STEPS))

    def _ask_to_stop(self) -> None:
        if self._cancel.is_set():
            return
        self._cancel.set()
        # QProgressDialog hides itself on cancel; stay visible until the work has stopped.
        self.setLabelText(_tr("Đang dừng, xin chờ trong giây lát…"))
        self._cancel_button.setText(_tr("Đang dừng…"))
        self._cancel_button.setEnabled(False)
        self.show()

    def reject(self) -> None:
        """Escape and the title bar's close button ask to stop, like "Hủy"."""
        self.canceled.emit()

    def finish(self) -> None:
        self.reset()  # also stops the timer that would show a dialog not yet shown
        self.hide()
        self.deleteLater()


class ThreadedTaskRunner:
    """Runs works on ``QThreadPool`` behind a modal ``QProgressDialog`` with a cancel button."""

    def __init__(self, pool: QThreadPool | None = None) -> None:
        self._pool = pool or QThreadPool.globalInstance()
        # Signals objects of works not finished yet: kept alive until their last signal arrives.
        self._pending: set[_WorkerSignals] = set()

    def start(
        self,
        title: str,
        work: Work[R],
        on_done: Callable[[TaskOutcome[R]], None],
        parent: QWidget | None = None,
    ) -> None:
        cancel = threading.Event()
        signals = _WorkerSignals()
        dialog = _ProgressDialog(title, cancel, parent)
        worker = _Worker(work, cancel, signals)
        started = time.perf_counter()

        def finished(outcome: TaskOutcome[R]) -> None:
            dialog.finish()
            self._pending.discard(signals)
            signals.deleteLater()
            log.info(
                "%s: %s in %.2f s",
                title,
                "cancelled" if outcome.cancelled else "failed" if outcome.error else "done",
                time.perf_counter() - started,
            )
            on_done(outcome)

        signals.progress.connect(dialog.show_progress)
        signals.finished.connect(finished)
        self._pending.add(signals)
        self._pool.start(worker)

    def run(self, title: str, work: Work[R], parent: QWidget | None = None) -> TaskOutcome[R]:
        result: list[TaskOutcome[R]] = []
        self.start(title, work, result.append, parent)
        # Serve events (the dialog, the worker's signals) until the outcome has arrived. A
        # local processEvents loop rather than QEventLoop.exec(): that one returns at once
        # when the application is quitting, and this wait must not end before the work.
        loop = QEventLoop()
        while not result:
            loop.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
        return result[0]

    def background(self, work: Callable[[], R], on_done: Callable[[TaskOutcome[R]], None]) -> None:
        signals = _WorkerSignals()
        worker = _Worker(lambda _progress: work(), threading.Event(), signals)

        def finished(outcome: TaskOutcome[R]) -> None:
            self._pending.discard(signals)
            signals.deleteLater()
            on_done(outcome)

        signals.finished.connect(finished)
        self._pending.add(signals)
        # started once the events already posted are served, a pending paint first: a page
        # shown with its figures to come is painted before the read competes with it
        QTimer.singleShot(0, lambda: self._pool.start(worker))

    def wait_all(self, msecs: int = -1) -> bool:
        """Wait for running works (used when the application quits)."""
        return self._pool.waitForDone(msecs)


class SyncTaskRunner:
    """Same interface, run in the calling thread without a dialog (tests swap it in).

    ``cancel_after`` makes ``progress`` raise :class:`Cancelled` on that call (1 = the first),
    as if the clerk had pressed "Hủy". Every report is kept in ``reports``; every title in
    ``titles``.
    """

    def __init__(self, cancel_after: int | None = None) -> None:
        self.cancel_after = cancel_after
        self.reports: list[tuple[str, float]] = []
        self.titles: list[str] = []

    def _progress(self, message: str, fraction: float) -> None:
        if self.cancel_after is not None and len(self.reports) + 1 >= self.cancel_after:
            raise Cancelled
        self.reports.append((message, fraction))

    def start(
        self,
        title: str,
        work: Work[R],
        on_done: Callable[[TaskOutcome[R]], None],
        parent: QWidget | None = None,
    ) -> None:
        on_done(self.run(title, work, parent))

    def run(self, title: str, work: Work[R], parent: QWidget | None = None) -> TaskOutcome[R]:
        self.titles.append(title)
        return _execute(work, self._progress)

    def background(self, work: Callable[[], R], on_done: Callable[[TaskOutcome[R]], None]) -> None:
        on_done(_execute(lambda _progress: work(), self._progress))
