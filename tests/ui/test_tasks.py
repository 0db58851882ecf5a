"""Long work: the threaded runner (progress dialog, cancel) and the synchronous test runner."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

from app.ui.tasks import (
    SHOW_AFTER_MS,
    Cancelled,
    ProgressFn,
    SyncTaskRunner,
    TaskOutcome,
    ThreadedTaskRunner,
)


def _progress_dialogs() -> list[QProgressDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog)]


def _visible_progress_dialog() -> QProgressDialog | None:
    shown = [d for d in _progress_dialogs() if d.isVisible()]
    return shown[0] if shown else None


# --- the synchronous runner tests swap in -----------------------------------------------------


def test_sync_runner_returns_the_value_and_keeps_the_reports() -> None:
    runner = SyncTaskRunner()

    def work(progress: ProgressFn) -> int:
        progress("Bước 1", 0.0)
        progress("Bước 2", 0.5)
        return 42

    outcome = runner.run("Thử", work)
    assert outcome == TaskOutcome(value=42)
    assert outcome.ok
    assert runner.reports == [("Bước 1", 0.0), ("Bước 2", 0.5)]
    assert runner.titles == ["Thử"]


def test_sync_runner_cancels_like_the_clerk_would() -> None:
    runner = SyncTaskRunner(cancel_after=2)
    done: list[str] = []

    def work(progress: ProgressFn) -> None:
        for step in range(5):
            progress(f"Bước {step}", step / 5)
            done.append(f"Bước {step}")

    outcomes: list[TaskOutcome[None]] = []
    runner.start("Thử", work, outcomes.append)
    assert outcomes[0].cancelled and not outcomes[0].ok
    assert done == ["Bước 0"]  # stopped at its second report


def test_sync_runner_reports_an_error_with_its_traceback() -> None:
    def work(progress: ProgressFn) -> None:
        raise ValueError("tệp hỏng")

    outcome = SyncTaskRunner().run("Thử", work)
    assert isinstance(outcome.error, ValueError)
    assert "tệp hỏng" in outcome.details and "Traceback" in outcome.details
    assert not outcome.ok


# --- the threaded runner of the application -------------------------------------------------


def test_threaded_runner_runs_off_the_gui_thread(qtbot) -> None:
    gui_thread = threading.get_ident()
    seen: list[int] = []

    def work(progress: ProgressFn) -> str:
        seen.append(threading.get_ident())
        progress("Đang làm", 0.5)
        return "xong"

    outcomes: list[TaskOutcome[str]] = []
    ThreadedTaskRunner().start("Thử", work, outcomes.append)
    qtbot.waitUntil(lambda: bool(outcomes), timeout=5000)
    assert outcomes[0].value == "xong"
    assert seen and seen[0] != gui_thread
    # A work shorter than SHOW_AFTER_MS never flashes a dialog.
    assert _visible_progress_dialog() is None


def test_threaded_run_blocks_until_the_result(qtbot) -> None:
    outcome = ThreadedTaskRunner().run("Thử", lambda progress: 7)
    assert outcome.value == 7


def test_progress_dialog_shows_vietnamese_progress_and_cancel_stops_the_work(qtbot) -> None:
    started = threading.Event()
    reached: list[int] = []

    def work(progress: ProgressFn) -> None:
        started.set()
        for step in range(2000):
            progress(f"Đang xử lý bản ghi {step + 1}", step / 2000)
            reached.append(step)
            time.sleep(0.005)

    outcomes: list[TaskOutcome[None]] = []
    ThreadedTaskRunner().start("Nhập danh sách cán bộ", work, outcomes.append)
    assert started.wait(5)
    qtbot.waitUntil(lambda: _visible_progress_dialog() is not None, timeout=SHOW_AFTER_MS + 3000)
    dialog = _visible_progress_dialog()
    assert dialog is not None
    assert dialog.windowTitle() == "Nhập danh sách cán bộ"
    qtbot.waitUntil(lambda: dialog.labelText().startswith("Đang xử lý bản ghi"), timeout=3000)
    assert dialog.value() > 0
    cancel = dialog.findChild(QPushButton)
    assert cancel is not None and cancel.text() == "Hủy"

    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    # Until the work has stopped the dialog stays and says it is stopping.
    assert dialog.isVisible() or outcomes
    if not outcomes:
        assert dialog.labelText().startswith("Đang dừng")
        assert not cancel.isEnabled()
    qtbot.waitUntil(lambda: bool(outcomes), timeout=5000)

    assert outcomes[0].cancelled
    assert len(reached) < 2000
    qtbot.waitUntil(lambda: _visible_progress_dialog() is None, timeout=3000)


def test_escape_in_the_progress_dialog_cancels_too(qtbot) -> None:
    def work(progress: ProgressFn) -> None:
        while True:
            progress("Đang chờ", 0.1)
            time.sleep(0.005)

    outcomes: list[TaskOutcome[None]] = []
    ThreadedTaskRunner().start("Thử", work, outcomes.append)
    qtbot.waitUntil(lambda: _visible_progress_dialog() is not None, timeout=SHOW_AFTER_MS + 3000)
    dialog = _visible_progress_dialog()
    assert dialog is not None
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: bool(outcomes), timeout=5000)
    assert outcomes[0].cancelled


def test_threaded_error_comes_back_as_an_outcome(qtbot) -> None:
    def work(progress: ProgressFn) -> None:
        progress("Bắt đầu", 0.0)
        raise RuntimeError("mất kết nối")

    outcome = ThreadedTaskRunner().run("Thử", work)
    assert isinstance(outcome.error, RuntimeError)
    assert "mất kết nối" in outcome.details


def test_cancelled_is_an_exception_works_may_raise_themselves() -> None:
    def work(progress: ProgressFn) -> None:
        raise Cancelled

    assert SyncTaskRunner().run("Thử", work).cancelled


@pytest.mark.parametrize("runner_cls", [SyncTaskRunner, ThreadedTaskRunner])
def test_both_runners_share_the_interface(qtbot, runner_cls) -> None:
    runner = runner_cls()
    outcomes: list[TaskOutcome[int]] = []
    runner.start("Thử", lambda progress: 1, outcomes.append)
    qtbot.waitUntil(lambda: bool(outcomes), timeout=5000)
    assert runner.run("Thử", lambda progress: 2).value == 2
    assert outcomes[0].value == 1
