"""The exception hook: an error in a slot is logged and explained, and the application goes on."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from app.config import log_file
from app.ui.errors import ExceptionHook, install_exception_hook

pytestmark = pytest.mark.qt_no_exception_capture  # the hook under test handles them


@pytest.fixture
def hook() -> Iterator[ExceptionHook]:
    installed = install_exception_hook()
    try:
        yield installed
    finally:
        installed.uninstall()


def _failing_button(qtbot, message: str) -> QPushButton:  # type: ignore[no-untyped-def]
    button = QPushButton("Lưu")
    qtbot.addWidget(button)

    def save() -> None:
        raise ValueError(message)

    button.clicked.connect(save)
    button.show()
    return button


def test_error_in_a_slot_is_logged_and_shown(qtbot, hook, message_boxes) -> None:
    log_before = log_file().read_text(encoding="utf-8") if log_file().exists() else ""
    button = _failing_button(qtbot, "số quyết định trùng")

    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    log_text = log_file().read_text(encoding="utf-8")[len(log_before) :]
    assert "Traceback (most recent call last)" in log_text
    assert "ValueError: số quyết định trùng" in log_text
    assert "in save" in log_text  # the slot's frame is in the traceback

    assert len(message_boxes.shown) == 1
    shown = message_boxes.shown[0]
    assert shown.title == "Lỗi không mong muốn"
    assert "lỗi không mong muốn" in shown.text
    assert str(log_file()) in shown.informative  # where to find the details
    assert "số quyết định trùng" in shown.informative
    assert "ValueError: số quyết định trùng" in shown.details

    # The application did not exit: the next click is handled (and explained) again.
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert len(message_boxes.shown) == 2
    assert hook.shown == 2


def test_log_file_is_in_the_data_folder(data_dir: Path, hook) -> None:
    assert hook.log_path == log_file()
    assert hook.log_path.parent == data_dir


def test_explicit_log_path(qtbot, tmp_path: Path, message_boxes) -> None:
    target = tmp_path / "nhat-ky.log"
    hook = ExceptionHook(target).install()
    try:
        button = _failing_button(qtbot, "hỏng")
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    finally:
        hook.uninstall()
    assert "ValueError: hỏng" in target.read_text(encoding="utf-8")
    assert len(message_boxes.shown) == 1


def test_error_in_a_thread_is_shown_in_the_gui_thread(qtbot, hook, message_boxes) -> None:
    def background() -> None:
        raise RuntimeError("lỗi trong luồng nền")

    thread = threading.Thread(target=background)
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: len(message_boxes.shown) == 1, timeout=3000)
    assert "lỗi trong luồng nền" in message_boxes.shown[0].informative
    assert "RuntimeError: lỗi trong luồng nền" in log_file().read_text(encoding="utf-8")


def test_keyboard_interrupt_goes_to_the_previous_hook(hook, message_boxes, monkeypatch) -> None:
    seen: list[type[BaseException]] = []
    monkeypatch.setattr(hook, "_previous", lambda t, v, tb: seen.append(t))
    hook(KeyboardInterrupt, KeyboardInterrupt(), None)
    assert seen == [KeyboardInterrupt]
    assert message_boxes.shown == []


def test_uninstall_restores_the_previous_hook() -> None:
    before = sys.excepthook
    hook = install_exception_hook()
    assert sys.excepthook is hook
    hook.uninstall()
    assert sys.excepthook is before
