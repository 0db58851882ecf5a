"""What the clerk waits for at start-up: a section's screen is built the first time it is shown,
and the home figures are read off the GUI thread while the window takes input."""

from __future__ import annotations

import threading

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from app.services import dashboard
from app.ui.main_window import MainWindow
from app.ui.screens.decisions import DecisionsScreen
from app.ui.screens.home import HomeScreen
from app.ui.screens.home.figure_card import PLACEHOLDER
from app.ui.sections import SECTION_KEYS
from app.ui.tasks import ThreadedTaskRunner

YEAR = 2025


def test_a_section_screen_is_built_when_first_shown(qtbot, ctx, settings, runner) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(ctx, settings=settings, runner=runner, year=YEAR)
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    assert isinstance(window.current_page(), HomeScreen)
    assert window.pages.count() == 2  # the "opening…" label and the home screen only

    window.set_year(YEAR - 1)  # a screen built later starts at the year chosen meanwhile
    window.show_section(SECTION_KEYS.index("decisions"))
    page = window.current_page()
    assert isinstance(page, DecisionsScreen) and page.year == YEAR - 1
    assert window.pages.count() == 3
    window.show_section(0)
    window.show_section(SECTION_KEYS.index("decisions"))
    assert window.current_page() is page and window.pages.count() == 3  # built once

    assert len(window.section_pages) == len(SECTION_KEYS)  # asking for all builds the rest
    assert window.pages.count() == 1 + len(SECTION_KEYS)
    assert all(p.year == YEAR - 1 for p in window.section_pages)


def test_home_figures_are_read_off_the_gui_thread_while_input_goes_on(
    qtbot, ctx, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    threads: list[bool] = []
    release = threading.Event()
    real = dashboard.year_figures

    def slow_year_figures(session, year):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread() is threading.main_thread())
        release.wait(10)
        return real(session, year)

    monkeypatch.setattr(dashboard, "year_figures", slow_year_figures)
    page = HomeScreen(ctx, YEAR)
    page.set_runner(ThreadedTaskRunner())
    qtbot.addWidget(page)
    try:
        with qtbot.waitExposed(page):
            page.show()
        qtbot.waitUntil(lambda: threads == [False])  # reading, in a worker thread
        ticks: list[int] = []
        QTimer.singleShot(0, lambda: ticks.append(1))
        qtbot.waitUntil(lambda: ticks == [1])  # the GUI thread serves events meanwhile
        QApplication.processEvents()
        assert page.registered_card.value() == PLACEHOLDER
    finally:
        release.set()
    qtbot.waitUntil(lambda: page.registered_card.value() == "0")
    assert "chưa có phong trào" in page.registered_card.detail()
