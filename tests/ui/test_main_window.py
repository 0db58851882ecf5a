"""The main window driven by mouse and keyboard, as a clerk would, on a temporary database."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QSize, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel, QMessageBox

from app import __version__
from app.config import sqlite_url
from app.services.database import open_database
from app.services.demo import DemoOptions
from app.services.overview import database_overview
from app.ui.application import (
    build_demo_with_progress,
    resources_root,
    translation_files,
)
from app.ui.main_window import MainWindow
from app.ui.screens.home import HomeScreen
from app.ui.screens.units import UnitsScreen
from app.ui.sections import SECTION_KEYS

SECTION_TITLES = [
    "Tổng quan",
    "Đơn vị & cán bộ",
    "Phong trào & đăng ký",
    "Bình xét",
    "Quyết định khen thưởng",
    "Tra cứu khen thưởng",
    "Báo cáo & biểu mẫu",
    "Danh mục & cài đặt",
    "Nhật ký thay đổi",
]
DIGIT_KEYS = [
    Qt.Key.Key_1,
    Qt.Key.Key_2,
    Qt.Key.Key_3,
    Qt.Key.Key_4,
    Qt.Key.Key_5,
    Qt.Key.Key_6,
    Qt.Key.Key_7,
    Qt.Key.Key_8,
    Qt.Key.Key_9,
]
SECTIONS = range(len(SECTION_TITLES))  # rows of the navigation
UNITS_ROW = SECTION_KEYS.index("units")


def _open(qtbot, ctx, settings, runner) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(ctx, settings=settings, runner=runner)
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    with qtbot.waitActive(window):
        window.activateWindow()
    return window


@pytest.fixture
def window(qtbot, ctx, settings, runner) -> MainWindow:  # type: ignore[no-untyped-def]
    return _open(qtbot, ctx, settings, runner)


def _page_title(window: MainWindow) -> str:
    return window.current_page().title_label.text()


def _click_section(qtbot, window: MainWindow, row: int) -> None:  # type: ignore[no-untyped-def]
    nav = window.navigation
    rect = nav.visualItemRect(nav.item(row))
    qtbot.mouseClick(nav.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


# --- what the clerk sees first -----------------------------------------------------------------


def test_title_status_bar_and_default_year(window: MainWindow, ctx) -> None:
    assert window.windowTitle() == "TĐKT - Thi đua, Khen thưởng"
    assert ctx.display_name in window.database_label.text()
    assert window.database_label.text().startswith("CSDL: ")
    assert window.database_label.isVisible()
    assert window.year_spin.value() == date.today().year == window.year
    assert _page_title(window) == SECTION_TITLES[0] == "Tổng quan"  # the window opens on it
    assert isinstance(window.current_page(), HomeScreen)
    nav = window.navigation
    assert [nav.item(i).text() for i in range(nav.count())] == SECTION_TITLES


def test_mouse_clicks_switch_every_section(qtbot, window: MainWindow) -> None:
    for row in [*SECTIONS[1:], 0]:
        _click_section(qtbot, window, row)
        assert _page_title(window) == SECTION_TITLES[row]
        assert window.current_page().isVisible()
        assert window.section_actions[row].isChecked()  # the Xem menu follows


def test_ctrl_digits_switch_every_section(qtbot, window: MainWindow) -> None:
    for row in reversed(SECTIONS):
        qtbot.keyClick(window, DIGIT_KEYS[row], Qt.KeyboardModifier.ControlModifier)
        assert _page_title(window) == SECTION_TITLES[row]
        assert window.navigation.currentRow() == row


def test_arrow_keys_walk_the_navigation(qtbot, window: MainWindow) -> None:
    window.navigation.setFocus()
    for row in SECTIONS[1:]:
        qtbot.keyClick(window.navigation, Qt.Key.Key_Down)
        assert _page_title(window) == SECTION_TITLES[row]
    qtbot.keyClick(window.navigation, Qt.Key.Key_Home)
    assert _page_title(window) == SECTION_TITLES[0]


def test_sections_show_their_work_and_no_stale_promises(qtbot, window: MainWindow) -> None:
    for row in SECTIONS:
        qtbot.keyClick(window, DIGIT_KEYS[row], Qt.KeyboardModifier.ControlModifier)
        page = window.current_page()
        if page.WORKSPACE:  # a built screen (tables, trees) shows its work instead
            assert not page.description_label.isVisible()
        else:
            assert page.description_label.isVisible()
            assert len(page.description_label.text()) > 80
        # No list of functions "to come" naming forms that exist.
        texts = [label.text() for label in page.findChildren(QLabel) if label.isVisible()]
        assert not [t for t in texts if "sẽ có" in t], texts


# --- the year shared by all screens ----------------------------------------------------------


def test_year_selector_is_shared_by_every_screen(qtbot, window: MainWindow) -> None:
    start = window.year
    window.year_spin.setFocus()
    with qtbot.waitSignal(window.yearChanged, timeout=1000) as blocker:
        qtbot.keyClick(window.year_spin, Qt.Key.Key_Down)
    assert blocker.args == [start - 1]
    assert window.year == start - 1
    for page in window.section_pages:
        assert page.year == start - 1
        assert str(start - 1) in page.year_label.text()


def test_typing_a_year_emits_once(qtbot, window: MainWindow) -> None:
    emitted: list[int] = []
    window.yearChanged.connect(emitted.append)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)  # "&Năm thi đua"
    assert QApplication.focusWidget() is window.year_spin
    qtbot.keyClick(window.year_spin, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.year_spin, "2024")
    qtbot.keyClick(window.year_spin, Qt.Key.Key_Return)
    assert emitted == [2024]
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert "2024" in window.current_page().year_label.text()


def test_set_year_moves_the_toolbar(qtbot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.yearChanged) as blocker:
        window.set_year(2023)
    assert blocker.args == [2023]
    assert window.year_spin.value() == 2023


# --- nothing cut off, keyboard order -----------------------------------------------------------


def test_navigation_is_wide_enough_for_its_longest_item(qtbot, window: MainWindow) -> None:
    for size in (QSize(1280, 800), QSize(800, 600)):
        window.resize(size)
        qtbot.wait(10)
        nav = window.navigation
        metrics = nav.fontMetrics()
        for row in range(nav.count()):
            item = nav.item(row)
            needed = metrics.horizontalAdvance(item.text())
            assert needed < nav.viewport().width(), item.text()
            assert needed <= nav.visualItemRect(item).width(), item.text()


def test_status_bar_shows_the_whole_database_path(window: MainWindow) -> None:
    label = window.database_label
    assert label.fontMetrics().horizontalAdvance(label.text()) <= label.width()


def test_tab_order_goes_from_year_to_navigation(qtbot, window: MainWindow) -> None:
    window.year_spin.setFocus()
    qtbot.keyClick(window.year_spin, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is window.navigation
    qtbot.keyClick(window.navigation, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is window.year_spin


# --- help, quit, remembered geometry ---------------------------------------------------------


def test_f1_opens_the_guide_of_the_screen_in_use(qtbot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    guide = window.commands.help_dialog
    assert guide is not None and guide.isVisible()
    assert guide.topic() == "review"
    assert guide.windowTitle() == "Hướng dẫn: Bình xét"
    assert "Xét điều kiện" in guide.text() and "F5" in guide.text()
    guide.index_button.click()  # the list of guides, each screen's one linked
    assert guide.topic() == "index"
    assert "Phím dùng ở mọi màn hình" in guide.text()
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F1)
    assert guide.topic() == "home"


def test_every_section_has_a_guide(qtbot, window: MainWindow) -> None:
    from app.ui.widgets.help import help_file

    for key in SECTION_KEYS:
        assert help_file(key).stem == key, key


def test_about_shows_version_and_database(qtbot, window: MainWindow, ctx) -> None:
    window.about_action.trigger()
    dialog = window.about_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=1000)
    assert dialog.windowTitle() == "Giới thiệu"
    assert __version__ in dialog.text()
    assert ctx.display_name in dialog.text()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_about_close_button_is_vietnamese(qtbot, vietnamese_qt, ctx, settings, runner) -> None:
    window = _open(qtbot, ctx, settings, runner)
    window.about_action.trigger()
    close = window.about_dialog.buttons.button(QDialogButtonBox.StandardButton.Close)
    assert close.text() == "Đóng"


def test_ctrl_q_quits_and_geometry_is_remembered(qtbot, ctx, settings, runner) -> None:
    window = _open(qtbot, ctx, settings, runner)
    screen = window.screen().availableGeometry()  # restoreGeometry() keeps a window on screen
    size = QSize(min(1000, screen.width() - 80), min(700, screen.height() - 80))
    window.showNormal()  # a first start on a small screen is maximized
    window.resize(size)
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(20)
    # a screen built on its first showing may widen the window to its own minimum width
    size = window.size()
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not window.isVisible()
    assert settings.value("main_window/geometry") is not None

    again = _open(qtbot, ctx, QSettings(settings.fileName(), QSettings.Format.IniFormat), runner)
    assert again.size() == size
    assert _page_title(again) == SECTION_TITLES[2]


def test_section_is_remembered_by_key_not_by_position(qtbot, ctx, settings, runner) -> None:
    window = _open(qtbot, ctx, settings, runner)
    _click_section(qtbot, window, UNITS_ROW)
    window.close()
    assert settings.value("main_window/section") == "units"
    again = _open(qtbot, ctx, QSettings(settings.fileName(), QSettings.Format.IniFormat), runner)
    assert isinstance(again.current_page(), UnitsScreen)


def test_an_old_numeric_section_setting_opens_the_overview(qtbot, ctx, settings, runner) -> None:
    """Saved by position before "Tổng quan" came first: 2 meant another section then."""
    settings.setValue("main_window/section", 2)
    window = _open(qtbot, ctx, settings, runner)
    assert isinstance(window.current_page(), HomeScreen)
    assert window.section_actions[0].isChecked()


def test_default_settings_live_in_the_data_folder(qtbot, ctx, data_dir: Path, runner) -> None:
    window = MainWindow(ctx, runner=runner)
    qtbot.addWidget(window)
    assert Path(window.settings.fileName()).parent == data_dir


# --- real figures ------------------------------------------------------------------------------


def test_units_page_shows_real_figures(qtbot, demo_ctx, settings, runner) -> None:
    expected = demo_ctx.read(database_overview)
    window = _open(qtbot, demo_ctx, settings, runner)
    _click_section(qtbot, window, UNITS_ROW)
    page = window.current_page()
    assert isinstance(page, UnitsScreen)
    assert not page.empty_label.isVisible()
    summary = page.summary_label.text()
    assert (
        f"{expected.units_current} đơn vị đang hoạt động (tổng cộng {expected.units_total})"
        in summary
    )
    assert f"(tổng cộng {expected.people_total})" in summary
    assert f"{expected.awards:,}".replace(",", ".") + " khen thưởng" in summary
    assert f"năm {expected.first_year} – {expected.last_year}" in summary
    assert expected.people_total > 0
    # The people of the demo are listed on the same page.
    assert page.people_panel.visible_rows()


def test_empty_database_says_so(qtbot, window: MainWindow) -> None:
    _click_section(qtbot, window, UNITS_ROW)
    page = window.current_page()
    assert isinstance(page, UnitsScreen)
    assert page.empty_label.isVisible()
    assert "tdkt --demo" in page.empty_label.text()


# --- Qt's own texts in Vietnamese -------------------------------------------------------------


def test_standard_buttons_read_in_vietnamese(qtbot, vietnamese_qt) -> None:
    assert resources_root() / "translations" / "qtbase_vi.qm" in vietnamese_qt
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "Xác nhận",
        "Lưu thay đổi?",
        QMessageBox.StandardButton.Yes
        | QMessageBox.StandardButton.No
        | QMessageBox.StandardButton.Cancel,
    )
    qtbot.addWidget(box)

    def shown(button: QMessageBox.StandardButton) -> str:
        return box.button(button).text().replace("&", "")

    assert shown(QMessageBox.StandardButton.Yes) == "Có"
    assert shown(QMessageBox.StandardButton.No) == "Không"
    assert shown(QMessageBox.StandardButton.Cancel) == "Hủy"
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok
        | QDialogButtonBox.StandardButton.Save
        | QDialogButtonBox.StandardButton.Close
        | QDialogButtonBox.StandardButton.Apply
        | QDialogButtonBox.StandardButton.Help
        | QDialogButtonBox.StandardButton.Retry
    )
    qtbot.addWidget(buttons)
    assert sorted(b.text() for b in buttons.buttons()) == sorted(
        ["Đồng ý", "Lưu", "Đóng", "Áp dụng", "Trợ giúp", "Thử lại"]
    )


def test_compiled_translations_match_their_source(qapp) -> None:
    """qtbase_vi.qm was compiled from the current qtbase_vi.ts (rerun pyside6-lrelease if not)."""
    import xml.etree.ElementTree as ET

    from PySide6.QtCore import QTranslator

    folder = resources_root() / "translations"
    translator = QTranslator()
    assert translator.load(str(folder / "qtbase_vi.qm"))
    tree = ET.parse(folder / "qtbase_vi.ts")
    count = 0
    for context in tree.getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            source = message.findtext("source")
            assert translator.translate(name, source) == message.findtext("translation")
            count += 1
    assert count > 40
    assert translation_files()[-1] == folder / "qtbase_vi.qm"  # ours is searched first


# --- start-up ---------------------------------------------------------------------------------


def _tdkt(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the real ``tdkt`` command (a process of its own: it runs Qt's event loop and quits)."""
    env = {k: v for k, v in os.environ.items() if k != "TDKT_DB"}
    env.update(TDKT_DATA_DIR=str(data_dir), QT_QPA_PLATFORM="offscreen", PYTHONIOENCODING="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


def test_exit_after_paint_prints_the_time_since_process_start(tmp_path: Path) -> None:
    result = _tdkt(tmp_path, "--db", str(tmp_path / "tdkt.sqlite"), "--exit-after-paint")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("first_paint_ms="), result.stdout
    assert 0 < float(lines[0].partition("=")[2]) < 120_000
    assert "First paint" in (tmp_path / "tdkt.log").read_text(encoding="utf-8")


def test_frame_paints_before_the_database_is_attached(qtbot, settings) -> None:
    window = MainWindow(None, display_name="/du-lieu/tdkt.sqlite", settings=settings)
    qtbot.addWidget(window)
    window.show()
    assert window.pages.currentWidget() is window.loading_label
    assert "Đang mở cơ sở dữ liệu /du-lieu/tdkt.sqlite" in window.loading_label.text()
    assert not window.navigation.isEnabled()
    assert window.database_label.text() == "CSDL: /du-lieu/tdkt.sqlite"
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.pages.currentWidget() is window.loading_label  # nothing to switch to yet


def test_demo_flag_builds_the_demo_database_in_the_data_folder(tmp_path: Path) -> None:
    result = _tdkt(tmp_path, "--demo", "--exit-when-ready")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ready_ms=")
    db = open_database(sqlite_url(tmp_path / "demo.sqlite"), backup_folder=tmp_path)
    try:
        assert db.context().read(database_overview).people_total == DemoOptions().people
    finally:
        db.dispose()
    # The day's first backup is of the demo, not of the empty file it was built in.
    (daily,) = (tmp_path / "backups").glob("demo-hang-ngay-*.sqlite")
    with sqlite3.connect(daily) as conn:
        (people,) = conn.execute("SELECT count(*) FROM person").fetchone()
    assert people == DemoOptions().people


_REFUSAL_DRIVER = """
import json, sys
from PySide6.QtWidgets import QMessageBox
shown = []
def critical(parent, title, text, *args, **kwargs):
    shown.append({"title": title, "text": text})
    return QMessageBox.StandardButton.Ok
QMessageBox.critical = staticmethod(critical)
from app.bootstrap import run_gui
code = run_gui(sys.argv[1], exit_when_ready=True)
print(json.dumps({"code": code, "shown": shown}, ensure_ascii=False))
"""


def test_run_gui_refuses_a_newer_database(tmp_path: Path) -> None:
    """The real start-up path (own process: it runs Qt's event loop) shows a Vietnamese refusal."""
    path = tmp_path / "moi-hon.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
        conn.execute("INSERT INTO alembic_version VALUES ('9999_tuong_lai')")
    before = path.read_bytes()
    env = {k: v for k, v in os.environ.items() if k != "TDKT_DB"}
    env.update(TDKT_DATA_DIR=str(tmp_path), QT_QPA_PLATFORM="offscreen", PYTHONIOENCODING="utf-8")
    result = subprocess.run(
        [sys.executable, "-c", _REFUSAL_DRIVER, sqlite_url(path)],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["code"] == 1
    assert len(outcome["shown"]) == 1
    assert outcome["shown"][0]["title"] == "Không mở được cơ sở dữ liệu"
    assert "phiên bản TĐKT mới hơn" in outcome["shown"][0]["text"]
    assert path.read_bytes() == before


def test_demo_build_reports_progress_and_can_be_cancelled(ctx, runner, small_demo_options) -> None:
    outcome = build_demo_with_progress(ctx, runner)
    assert outcome.ok
    assert runner.titles == ["Đang tạo cơ sở dữ liệu mẫu"]
    assert runner.reports and all(0.0 <= f <= 1.0 for _, f in runner.reports)
    assert ctx.read(database_overview).people_total == small_demo_options


def test_cancelled_demo_build_leaves_the_database_empty(ctx, small_demo_options) -> None:
    from app.ui.tasks import SyncTaskRunner

    outcome = build_demo_with_progress(ctx, SyncTaskRunner(cancel_after=2))
    assert outcome.cancelled
    assert ctx.read(database_overview).people_total == 0


def test_the_application_has_the_program_icon(qapp) -> None:  # type: ignore[no-untyped-def]
    from app.ui.application import create_application

    assert not create_application().windowIcon().isNull()
