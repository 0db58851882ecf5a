"""Every screen at 1366×768 on the small demo: no title, button or label cut off, measured with
the widgets' own font metrics (tests/ui/layout_fit.py), and the window inside the screen."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from layout_fit import CutOff, cut_cells, cut_offs, shown
from PySide6.QtCore import QPoint, QSettings, QSize, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QTableView, QTabWidget, QTreeView

from app.config import sqlite_url
from app.services.context import AppContext
from app.services.database import Database, open_database
from app.services.demo import DemoOptions, build_demo
from app.ui.main_window import MainWindow
from app.ui.screens.units import UnitsScreen
from app.ui.sections import SECTION_KEYS, section_title
from app.ui.widgets.columns import CLERK_SIZED, horizontal_header

# A 1366×768 screen less a 40 px task bar is 1366×728 for the window frame; maximized there,
# the title bar (about 31 px on Windows 10/11) leaves 1366×697 inside.
SCREEN = QSize(1366, 768)
TASK_BAR = 40
TITLE_BAR = 31
INSIDE = QSize(SCREEN.width(), SCREEN.height() - TASK_BAR - TITLE_BAR)
FULL_HD_INSIDE = QSize(1920, 1080 - TASK_BAR - TITLE_BAR)
# The demo's history ends last year; this year is under review (campaigns, sign-ups, grades).
REVIEW_YEAR = date.today().year
HISTORY_YEAR = REVIEW_YEAR - 1


@pytest.fixture(scope="module")
def full_demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """The small demo with what ``tdkt --demo`` adds: the decision register of its history and
    a year under review (campaigns, sign-ups, grades). Read only!"""
    folder = tmp_path_factory.mktemp("full-demo")
    db = open_database(sqlite_url(folder / "demo.sqlite"), backup_folder=folder / "backups")
    with db.session_factory.begin() as session:
        options = DemoOptions(people=80, years=3, review_year=True)  # as demo_database
        build_demo(session, options)
    try:
        yield db
    finally:
        db.dispose()


@pytest.fixture
def demo_ctx(full_demo: Database) -> AppContext:
    return full_demo.context()


def _open(qtbot, ctx, settings, runner, year: int | None = None) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(ctx, settings=settings, runner=runner)
    qtbot.addWidget(window)
    window.showNormal()
    window.resize(INSIDE)
    qtbot.waitExposed(window)
    if year is not None:
        window.set_year(year)
    return window


def _settle(qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.wait(20)


def _screens(qtbot, window: MainWindow):  # type: ignore[no-untyped-def]
    """Each section, and each tab of it, shown in turn: yields its name."""
    for index, key in enumerate(SECTION_KEYS):
        window.show_section(index)
        page = window.current_page()
        if key == "review":
            page.evaluate()  # F5: the verdicts fill the tables
        _settle(qtbot)
        yield section_title(key)
        for tabs in page.findChildren(QTabWidget):
            if not tabs.isVisible():
                continue
            for tab in range(tabs.count()):
                tabs.setCurrentIndex(tab)
                _settle(qtbot)
                yield f"{section_title(key)} › {tabs.tabText(tab)}"
            tabs.setCurrentIndex(0)


@pytest.mark.parametrize(
    ("size", "year"),
    [
        (INSIDE, "under review"),
        (INSIDE, "last of the history"),
        (FULL_HD_INSIDE, "last of the history"),
    ],
    ids=["1366x768-review-year", "1366x768-history-year", "1920x1080-history-year"],
)
def test_no_text_is_cut_off(qtbot, demo_ctx, settings, runner, size, year) -> None:
    window = _open(
        qtbot, demo_ctx, settings, runner, REVIEW_YEAR if year == "under review" else HISTORY_YEAR
    )
    window.resize(size)
    found: list[CutOff] = []
    visited: list[str] = []
    for screen in _screens(qtbot, window):
        visited.append(screen)
        found += cut_offs(window, screen)
        for view in window.findChildren(QAbstractItemView):
            if shown(view, window):
                found += cut_cells(view, screen, window)
        assert window.size() == size, f"{screen} widened the window to {window.size()}"
    assert len(visited) > len(SECTION_KEYS)  # the tabs of Bình xét and of the settings too
    assert not found, "\n".join(str(f) for f in dict.fromkeys(found))


def test_the_window_fits_the_screen_with_its_status_bar(qtbot, demo_ctx, settings, runner) -> None:
    window = _open(qtbot, demo_ctx, settings, runner)
    for _screen in _screens(qtbot, window):
        pass
    assert window.minimumSizeHint().width() <= INSIDE.width()
    assert window.minimumSizeHint().height() <= INSIDE.height()
    assert window.size() == INSIDE
    bar = window.statusBar()
    assert bar.isVisible()
    assert window.rect().contains(bar.geometry())
    assert window.database_label.isVisible()


def test_overview_needs_no_scroll_bar(qtbot, demo_ctx, settings, runner) -> None:
    window = _open(qtbot, demo_ctx, settings, runner)
    window.show_section(SECTION_KEYS.index("home"))
    _settle(qtbot)
    page = window.current_page()
    assert not page.scroll_area.verticalScrollBar().isVisible()
    assert not page.scroll_area.horizontalScrollBar().isVisible()


def test_unit_tree_keeps_codes_in_view_and_full_names_in_tooltips(
    qtbot, demo_ctx, settings, runner
) -> None:
    from app.ui.screens.units.unit_tree_model import COL_CODE, COL_NAME

    window = _open(qtbot, demo_ctx, settings, runner)
    window.show_section(SECTION_KEYS.index("units"))
    _settle(qtbot)
    page = window.current_page()
    assert isinstance(page, UnitsScreen)
    tree = page.unit_panel.tree
    header = tree.header()
    right = header.sectionViewportPosition(COL_CODE) + header.sectionSize(COL_CODE)
    assert right <= tree.viewport().width()  # the code column whole, without scrolling
    metrics = tree.fontMetrics()
    elided = 0
    model = tree.model()
    stack = [tree.rootIndex()]
    while stack:
        parent = stack.pop()
        for row in range(model.rowCount(parent)):
            name = model.index(row, COL_NAME, parent)
            code = model.index(row, COL_CODE, parent)
            if metrics.horizontalAdvance(str(code.data())) + 6 > tree.visualRect(code).width():
                pytest.fail(f"code {code.data()!r} cut off")
            if metrics.horizontalAdvance(name.data()) + 6 > tree.visualRect(name).width():
                elided += 1
                assert name.data() in name.data(Qt.ItemDataRole.ToolTipRole)
            stack.append(name)
    assert elided  # the demo has names too long for the tree: they elide, whole in the tooltip


def test_sign_up_dates_are_in_view_at_1366x768(qtbot, demo_ctx, settings, runner) -> None:
    from app.ui.screens.campaigns.campaign_model import COL_U_DATES, COL_U_NAME

    window = _open(qtbot, demo_ctx, settings, runner, REVIEW_YEAR)
    window.show_section(SECTION_KEYS.index("campaigns"))
    _settle(qtbot)
    view = window.current_page().findChild(QTableView, "unitRegistrations")
    # the year under review has its units' sign-ups (its campaign is chosen once shown)
    qtbot.waitUntil(lambda: view.model().rowCount() > 10, timeout=3000)
    header = view.horizontalHeader()
    right = header.sectionViewportPosition(COL_U_DATES) + header.sectionSize(COL_U_DATES)
    assert right <= view.viewport().width()  # "nộp 20/01/2026" whole, without scrolling
    for row in range(view.model().rowCount()):  # a unit name cut short is whole in its tooltip
        name = view.model().index(row, COL_U_NAME)
        assert name.data().strip() in name.data(Qt.ItemDataRole.ToolTipRole)


def test_wide_screens_are_used(qtbot, demo_ctx, settings, runner) -> None:
    """At 1920×1080 the forms' settings and Bình xét's columns take the width there is."""
    window = _open(qtbot, demo_ctx, settings, runner, HISTORY_YEAR)
    window.resize(FULL_HD_INSIDE)
    window.show_section(SECTION_KEYS.index("reports"))
    _settle(qtbot)
    reports = window.current_page()
    chosen = reports.splitter.widget(1)
    assert reports.splitter.width() >= reports.width() - 40
    assert chosen.width() > reports.splitter.width() // 2  # no fixed ~660 px column

    window.show_section(SECTION_KEYS.index("review"))
    review = window.current_page()
    review.evaluate()
    _settle(qtbot)
    for view in (review.people_table, review.units_table):
        review.tabs.setCurrentWidget(view)
        _settle(qtbot)
        header = view.horizontalHeader()
        used = sum(header.sectionSize(c) for c in range(header.count()))
        assert abs(used - view.viewport().width()) <= 1, view.objectName()


# --- column widths remembered -------------------------------------------------------------


def _drag_edge(qtbot, view: QTableView | QTreeView, column: int, by: int) -> None:  # type: ignore[no-untyped-def]
    header = horizontal_header(view)
    edge = header.sectionViewportPosition(column) + header.sectionSize(column) - 1
    y = header.height() // 2
    target = header.viewport()
    QTest.mousePress(
        target, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(edge, y)
    )
    for step in range(1, 6):
        QTest.mouseMove(target, QPoint(edge + by * step // 5, y))
    QTest.mouseRelease(
        target, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(edge + by, y)
    )


@pytest.mark.parametrize(
    ("key", "name", "column"),
    [("decisions", "decisionTable", 1), ("search", "searchTable", 2), ("units", "unitTree", 0)],
)
def test_a_column_width_set_by_the_clerk_comes_back(
    qtbot, demo_ctx, settings, runner, key, name, column
) -> None:
    window = _open(qtbot, demo_ctx, settings, runner)
    window.show_section(SECTION_KEYS.index(key))
    _settle(qtbot)
    view = window.current_page().findChild(QAbstractItemView, name)
    header = horizontal_header(view)
    before = header.sectionSize(column)
    _drag_edge(qtbot, view, column, 40)
    wanted = header.sectionSize(column)
    assert wanted >= before + 30
    assert header.property(CLERK_SIZED)
    window.close()

    again = _open(
        qtbot, demo_ctx, QSettings(settings.fileName(), QSettings.Format.IniFormat), runner
    )
    again.show_section(SECTION_KEYS.index(key))
    _settle(qtbot)
    view = again.current_page().findChild(QAbstractItemView, name)
    if key == "search":
        again.current_page().run_search()  # a load sizes the columns, but not the clerk's
    assert horizontal_header(view).sectionSize(column) == wanted


def test_widths_not_set_by_the_clerk_are_not_remembered(qtbot, demo_ctx, settings, runner) -> None:
    window = _open(qtbot, demo_ctx, settings, runner)
    window.show_section(SECTION_KEYS.index("search"))
    window.current_page().run_search()
    window.close()
    assert not [k for k in settings.allKeys() if k.startswith("columns/")]
