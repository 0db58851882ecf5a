"""The commands the main window offers on every screen, driven by the keyboard on the demo data:
a screen's keys wherever the focus is, the Chức năng menu, copying rows for Excel, printing a
list and a form, the window on the screen."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtPrintSupport import QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QApplication

from app.ui.main_window import MainWindow
from app.ui.screens.reports import ReportsScreen
from app.ui.screens.review import ReviewScreen
from app.ui.screens.review.candidate_model import COL_NAME
from app.ui.sections import SECTION_KEYS

CTRL = Qt.KeyboardModifier.ControlModifier
REVIEW_KEY = Qt.Key.Key_1 + SECTION_KEYS.index("review")
REPORTS_KEY = Qt.Key.Key_1 + SECTION_KEYS.index("reports")


@pytest.fixture
def window(qtbot, demo_ctx, settings, runner) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(demo_ctx, settings=settings, runner=runner)
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    with qtbot.waitActive(window):
        window.activateWindow()
    return window


def press(qtbot, key: int, modifier=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    """A key typed by the clerk: it goes to whatever widget has the focus."""
    focus = QApplication.focusWidget()
    assert focus is not None
    qtbot.keyClick(focus, key, modifier)


def review(qtbot, window: MainWindow) -> ReviewScreen:  # type: ignore[no-untyped-def]
    press(qtbot, REVIEW_KEY, CTRL)
    page = window.current_page()
    assert isinstance(page, ReviewScreen)
    return page


def test_f5_right_after_ctrl_4_evaluates(qtbot, window: MainWindow) -> None:
    page = review(qtbot, window)
    assert QApplication.focusWidget() is window.navigation  # nothing clicked in the screen
    assert page.people_model.rowCount() == 0
    press(qtbot, Qt.Key.Key_F5)
    assert page.people_model.rowCount() > 0
    assert page.counts_label.text().startswith("Đủ điều kiện")
    verdicts = {page.people_proxy.index(r, c).data() for r in range(5) for c in range(4, 8)}
    assert verdicts & {"Đủ", "Chưa đủ", "Cần xem xét"}, verdicts


def test_keys_answer_only_while_their_tab_is_shown(qtbot, window: MainWindow) -> None:
    page = review(qtbot, window)
    page.pages.setCurrentWidget(page.council_panel)  # Hội đồng TĐKT: F5 is not its key
    press(qtbot, Qt.Key.Key_F5)
    assert page.people_model.rowCount() == 0
    page.pages.setCurrentIndex(0)
    press(qtbot, Qt.Key.Key_F5)
    assert page.people_model.rowCount() > 0


def test_chuc_nang_menu_lists_the_screens_commands_with_their_keys(
    qtbot, window: MainWindow
) -> None:
    review(qtbot, window)
    window.commands.fill_screen_menu()
    entries = [a.text() for a in window.commands.screen_menu.actions()]
    assert "Xét điều kiện\tF5" in entries
    assert "Đổi đề nghị\tCtrl+D" in entries
    press(qtbot, Qt.Key.Key_1, CTRL)  # Tổng quan lists its own command, not Bình xét's
    window.commands.fill_screen_menu()
    entries = [a.text() for a in window.commands.screen_menu.actions()]
    assert "Xét điều kiện\tF5" not in entries
    assert any(text.endswith("\tF5") for text in entries), entries


def test_ctrl_f_puts_the_cursor_in_the_screens_search_box(qtbot, window: MainWindow) -> None:
    page = review(qtbot, window)
    press(qtbot, Qt.Key.Key_F, CTRL)
    assert QApplication.focusWidget() is page.search_box


def test_ctrl_a_then_ctrl_c_copies_every_row_with_the_headers(qtbot, window: MainWindow) -> None:
    page = review(qtbot, window)
    press(qtbot, Qt.Key.Key_F5)
    table = page.people_table
    rect = table.visualRect(page.people_proxy.index(0, COL_NAME))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    press(qtbot, Qt.Key.Key_A, CTRL)
    press(qtbot, Qt.Key.Key_C, CTRL)
    lines = QGuiApplication.clipboard().text().splitlines()
    model = page.people_proxy
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert lines[0].split("\t") == headers
    assert len(lines) == 1 + model.rowCount()
    first = [model.index(0, c).data() or "" for c in range(model.columnCount())]
    assert lines[1].split("\t") == first
    assert "Đã chép" in window.statusBar().currentMessage()


def test_ctrl_c_copies_the_rows_chosen_with_shift_click(qtbot, window: MainWindow) -> None:
    page = review(qtbot, window)
    press(qtbot, Qt.Key.Key_F5)
    table, model = page.people_table, page.people_proxy
    for row, modifier in (
        (1, Qt.KeyboardModifier.NoModifier),
        (3, Qt.KeyboardModifier.ShiftModifier),
    ):
        rect = table.visualRect(model.index(row, COL_NAME))
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())
    press(qtbot, Qt.Key.Key_C, CTRL)
    lines = QGuiApplication.clipboard().text().splitlines()
    names = [line.split("\t")[COL_NAME] for line in lines[1:]]
    assert names == [model.index(r, COL_NAME).data() for r in (1, 2, 3)]


def _close_preview(found: list[int]) -> Callable[[], None]:
    """When the print preview is up: count its pages, then close it."""

    def close() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QPrintPreviewDialog):
            QTimer.singleShot(20, close)
            return
        widget = dialog.findChild(QPrintPreviewWidget)
        assert isinstance(widget, QPrintPreviewWidget)
        widget.updatePreview()
        found.append(widget.pageCount())
        dialog.reject()

    return close


def test_print_preview_of_a_list(qtbot, window: MainWindow) -> None:
    page = review(qtbot, window)
    press(qtbot, Qt.Key.Key_F5)
    pages: list[int] = []
    QTimer.singleShot(0, _close_preview(pages))
    press(qtbot, Qt.Key.Key_P, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert pages and pages[0] >= 2  # every person of the demo, on several A4 pages
    job = window.commands.last_job
    assert job is not None and job.title == "Bình xét — Kết quả bình xét — Cá nhân"
    assert job.landscape  # many columns: across the page
    first = page.people_proxy.index(0, COL_NAME).data()
    assert first in job.html and "Họ và tên" in job.html


def test_print_preview_of_the_chosen_form(qtbot, window: MainWindow, demo_ctx) -> None:
    press(qtbot, REPORTS_KEY, CTRL)
    page = window.current_page()
    assert isinstance(page, ReportsScreen)
    page.form_list.setCurrentRow(0)  # Danh sách cán bộ
    pages: list[int] = []
    QTimer.singleShot(0, _close_preview(pages))
    press(qtbot, Qt.Key.Key_P, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert pages and pages[0] >= 1
    job = window.commands.last_job
    assert job is not None and job.title == "Danh sách cán bộ"
    assert "DANH SÁCH CÁN BỘ" in job.html.upper()
    assert "Cộng hòa xã hội chủ nghĩa Việt Nam".upper() in job.html.upper()


def test_the_first_window_fits_the_free_part_of_the_screen(qtbot, ctx, settings, runner) -> None:
    window = MainWindow(ctx, settings=settings, runner=runner)
    qtbot.addWidget(window)
    window.show()
    free = window.screen().availableGeometry()
    assert window.isMaximized() or free.contains(window.frameGeometry())
    normal = window.normalGeometry()
    assert normal.width() <= free.width() and normal.height() <= free.height()
