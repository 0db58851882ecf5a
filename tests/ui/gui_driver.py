"""Drives the real program in a process of its own, for tests/ui/test_clean_exit.py.

``python gui_driver.py SCENARIO DATABASE`` starts ``app.bootstrap.run_gui`` on the SQLite file
(its threaded task runner, its exception hook, its exit: nothing is swapped), plays the
scenario once the screens are built, then quits with Ctrl+Q like a clerk. The exit code is the
program's; what the scenario saw is printed as one JSON line on stdout; unexpected errors the
program logged are copied to stderr, so the test fails on them as on a Qt warning.

Scenarios:

``review-quota``
    Bình xét (Ctrl+4), a click in the table, F5, a row, "Hạn mức…", Esc, Ctrl+Q: the sequence
    that once ended in "QObject: shared QObject was deleted directly" and a crash.
``every-dialog``
    Every section, every tab of it: a row chosen in every list, then every button and screen
    action whose text ends with "…" (it opens a dialog, by convention) is pressed, and what
    opened is closed with Esc.
"""

from __future__ import annotations

import faulthandler
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QDialog,
    QProgressDialog,
    QPushButton,
    QTabWidget,
    QToolButton,
    QWidget,
)

from app.bootstrap import run_gui
from app.config import log_file, sqlite_url
from app.ui.main_window import MainWindow

HANG_SECONDS = int(__import__("os").environ.get("TDKT_HANG_SECONDS", "300"))
seen: dict[str, list[str]] = {"dialogs": [], "pressed": [], "sections": []}


class Closer:
    """Closes whatever modal window or popup opens (Esc, as a clerk would), every 40 ms."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setInterval(40)
        self.timer.timeout.connect(self.close_one)
        self.timer.start()

    def close_one(self) -> None:
        popup = QApplication.activePopupWidget()
        if popup is not None:
            popup.close()
            return
        modal = QApplication.activeModalWidget()
        if modal is None or isinstance(modal, QProgressDialog):  # long work ends by itself
            return
        seen["dialogs"].append(f"{type(modal).__name__}: {modal.windowTitle()}")
        QTest.keyClick(modal, Qt.Key.Key_Escape)
        if modal.isVisible() and isinstance(modal, QDialog):  # Esc refused (e.g. no Cancel)
            modal.reject()


def _activate(window: QWidget) -> None:
    """Give the main window the keyboard again (a closed dialog may leave nothing active)."""
    for _ in range(100):
        if window.isActiveWindow():
            return
        window.activateWindow()
        QTest.qWait(20)


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").split("\t")[0].strip()


# Buttons that open a dialog without saying so with "…": adding, editing, a person's record.
OPENING_WORDS = ("Thêm", "Sửa", "Mở hồ sơ")


def _opens_dialog(text: str) -> bool:
    plain = _plain(text)
    return plain.endswith(("…", "...")) or plain.startswith(OPENING_WORDS)


def _text_of(button: QAbstractButton) -> str:
    """What the button does, in words (a tool button shows its action's text without "…")."""
    action = button.defaultAction() if isinstance(button, QToolButton) else None
    return action.text() if action is not None else button.text()


def _choose_rows(page: QWidget) -> None:
    for view in page.findChildren(QAbstractItemView):
        if (
            not shiboken6.isValid(view)
            or not view.isVisible()
            or view.window() is not page.window()
        ):
            continue
        model = view.model()
        if model is not None and model.rowCount() > 0:  # a click on the second row
            rect = view.visualRect(model.index(min(1, model.rowCount() - 1), 0))
            if rect.isValid():
                QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    QApplication.processEvents()


def _press_openers(window: MainWindow, page: QWidget, done: set[int]) -> None:
    for button in page.findChildren(QAbstractButton):
        if not shiboken6.isValid(button):  # a press before rebuilt part of the screen
            continue
        if id(button) in done or not button.isVisible() or not button.isEnabled():
            continue
        if button.window() is not window:
            continue
        menu = button.menu() if isinstance(button, QPushButton) else None
        if menu is not None:
            done.add(id(button))
            for action in menu.actions():
                if action.isEnabled() and _opens_dialog(action.text()):
                    seen["pressed"].append(_plain(action.text()))
                    action.trigger()
                    _activate(window)
            continue
        if not _opens_dialog(_text_of(button)):
            continue
        done.add(id(button))
        seen["pressed"].append(_plain(_text_of(button)))
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
        QApplication.processEvents()
        _activate(window)


def _press_screen_actions(window: MainWindow, done: set[int]) -> None:
    for action in window.commands.screen_entries():
        if id(action) in done or not action.isEnabled() or not _opens_dialog(action.text()):
            continue
        done.add(id(action))
        seen["pressed"].append(_plain(action.text()))
        action.trigger()
        QApplication.processEvents()
        _activate(window)


def _walk(window: MainWindow, page: QWidget, done: set[int], visited: set[int]) -> None:
    """The shown part of the page, then each tab of each tab widget, recursively."""
    for entry in window.commands.screen_entries():  # F5 first: the rows a dialog opens on
        if entry.text().endswith("\tF5"):
            entry.trigger()
    _choose_rows(page)
    _press_openers(window, page, done)
    _press_screen_actions(window, done)
    for tabs in page.findChildren(QTabWidget):
        if id(tabs) in visited or not tabs.isVisible():
            continue
        visited.add(id(tabs))
        for tab in range(tabs.count()):
            tabs.setCurrentIndex(tab)
            QApplication.processEvents()
            _walk(window, page, done, visited)


def every_dialog(window: MainWindow) -> None:
    done: set[int] = set()
    for index in range(len(window.section_pages)):
        window.show_section(index)
        page = window.current_page()
        seen["sections"].append(page.title())
        QApplication.processEvents()
        _walk(window, page, done, set())
    for action in window.findChildren(QAction):  # the window's own dialogs (help, about…)
        if action.isEnabled() and action.objectName() in ("helpAction", "aboutAction"):
            seen["pressed"].append(_plain(action.text()))
            action.trigger()
            QTest.qWait(100)
            _activate(window)


def review_quota(window: MainWindow) -> None:
    QTest.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    page = window.current_page()
    table = page.people_table  # type: ignore[attr-defined]
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(20, 20))
    QTest.keyClick(table, Qt.Key.Key_F5)
    rows = page.people_model.rowCount()  # type: ignore[attr-defined]
    seen["sections"].append(f"{page.title()}: {rows}")
    rect = table.visualRect(table.model().index(min(3, rows - 1), 0))
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    QTest.mouseClick(page.quota_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]


def copy_rows(window: MainWindow) -> None:
    """Đơn vị & cán bộ (Ctrl+2), Ctrl+A, Ctrl+C: the clipboard holds the list when the program
    quits (a Python-made QMimeData left there once crashed the exit)."""
    QTest.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    QTest.keyClick(window, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(window, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    copied = QApplication.clipboard().text().splitlines()
    seen["sections"].append(f"{window.current_page().title()}: {len(copied)}")


SCENARIOS: dict[str, Callable[[MainWindow], None]] = {
    "review-quota": review_quota,
    "every-dialog": every_dialog,
    "copy-rows": copy_rows,
}


def main(argv: list[str]) -> int:
    # A hang prints where it stopped and ends the process (the test then fails on its code).
    faulthandler.dump_traceback_later(HANG_SECONDS, exit=True)
    scenario, database = SCENARIOS[argv[1]], Path(argv[2])
    keep: list[object] = []
    attach = MainWindow.attach

    def play(window: MainWindow) -> None:
        keep.append(Closer())
        _activate(window)
        scenario(window)
        _activate(window)
        if os.environ.get("TDKT_DRIVER_DEBUG"):
            tops = [
                f"{type(w).__name__}:{w.windowTitle()}:{w.isVisible()}"
                for w in QApplication.topLevelWidgets()
                if w.isVisible()
            ]
            active = QApplication.activeWindow()
            sys.stderr.write(f"DEBUG active={type(active).__name__} tops={tops}\n")
        QTest.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)

    def attach_then_play(self: MainWindow, ctx: object) -> None:
        attach(self, ctx)  # type: ignore[arg-type]
        QTimer.singleShot(0, lambda: play(self))

    MainWindow.attach = attach_then_play  # type: ignore[method-assign]
    code = run_gui(sqlite_url(database))
    keep.clear()
    print(json.dumps(seen, ensure_ascii=False), flush=True)
    log = log_file()
    if log.is_file():
        text = log.read_text(encoding="utf-8")
        if "Lỗi không mong muốn" in text:
            sys.stderr.write(text[text.index("Lỗi không mong muốn") :])
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv))
