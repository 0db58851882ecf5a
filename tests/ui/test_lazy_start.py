"""What the clerk waits for: a section's screen is built the first time it is shown, the home
figures are read off the GUI thread while the window takes input, and the staff list shows its
first rows while the whole list is read."""

from __future__ import annotations

import threading

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from app.domain.people import PersonInput
from app.domain.units import UnitInput
from app.services import dashboard
from app.services import people as people_svc
from app.services import units as unit_svc
from app.ui.main_window import MainWindow
from app.ui.screens.decisions import DecisionsScreen
from app.ui.screens.home import HomeScreen
from app.ui.screens.home.figure_card import PLACEHOLDER
from app.ui.screens.units import people_panel
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


def test_the_staff_list_shows_its_first_rows_while_the_rest_loads(
    qtbot, ctx, settings, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    def build(s) -> None:  # type: ignore[no-untyped-def]
        root = unit_svc.create_unit(s, UnitInput(code="SO", full_name="Sở", kind="CO_QUAN")).id
        office = unit_svc.create_unit(
            s, UnitInput(code="VP", full_name="Văn phòng", parent_id=root, kind="VAN_PHONG")
        ).id
        for ten, unit in (("Giám", root), ("An", office), ("Bình", office), ("Cúc", office)):
            people_svc.create_person(
                s, PersonInput(ho_dem="Lê Văn", ten=ten), unit_id=unit, position_title="Chuyên viên"
            )

    ctx.write(build)
    release = threading.Event()
    real = people_svc.list_people

    def slow_list_people(session, **kw):  # type: ignore[no-untyped-def]
        release.wait(10)
        return real(session, **kw)

    monkeypatch.setattr(people_svc, "list_people", slow_list_people)
    monkeypatch.setattr(people_panel, "FIRST_ROWS", 1)
    panel = people_panel.PeoplePanel(ctx, settings=settings)
    panel.set_runner(ThreadedTaskRunner())
    qtbot.addWidget(panel)
    try:
        with qtbot.waitExposed(panel):
            panel.show()
        # the first unit in tree order at once, the rest being read
        assert [r.full_name for r in panel.visible_rows()] == ["Lê Văn Giám"]
        assert panel.loading and "đang tải" in panel.count_label.text()
        qtbot.keyClicks(panel.search_box, "le")  # input goes on meanwhile
        assert panel.search_box.text() == "le"
    finally:
        release.set()
    qtbot.waitUntil(lambda: not panel.loading)
    names = [r.full_name for r in panel.visible_rows()]
    assert names == ["Lê Văn Giám", "Lê Văn An", "Lê Văn Bình", "Lê Văn Cúc"]
    assert panel.count_label.text() == "Hiển thị 4 / 4 cán bộ"
