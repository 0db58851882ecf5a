"""Backups in "Danh mục & cài đặt": back up by a click, see it listed, restore with confirmation."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from keyboard import type_text
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app import config
from app.domain.units import UnitInput
from app.services import backup as backup_svc
from app.services.units import create_unit
from app.ui.screens.settings import SettingsScreen
from app.ui.screens.settings.backups_panel import BackupsPanel, size_text


@pytest.fixture(autouse=True)
def own_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "du-lieu"
    monkeypatch.setenv(config.ENV_DATA_DIR, str(folder))
    return folder


@pytest.fixture
def panel(qtbot, ctx, sqlite_only):
    ctx.write(
        create_unit, UnitInput(code="SO", full_name="Sở Nông nghiệp và Môi trường", kind="CO_QUAN")
    )
    widget = BackupsPanel(ctx)
    closed: list[bool] = []
    widget.close_program = lambda: closed.append(True)  # type: ignore[method-assign]
    widget.closed = closed  # type: ignore[attr-defined]
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _units(path: Path) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return [r[0] for r in con.execute("SELECT code FROM unit ORDER BY code")]
    finally:
        con.close()


def _row(panel: BackupsPanel, row: int) -> list[str]:
    return [panel.table.item(row, c).text() for c in range(panel.table.columnCount())]


def test_the_settings_screen_holds_the_backups_panel(qtbot, ctx) -> None:
    page = SettingsScreen(ctx, 2026)
    qtbot.addWidget(page)
    assert isinstance(page.backups_panel, BackupsPanel)


def test_back_up_now_by_click_and_see_it_listed(qtbot, panel, own_data_folder) -> None:
    assert panel.table.rowCount() == 0
    assert str(own_data_folder / "backups") in panel.folder_label.text()
    qtbot.mouseClick(panel.backup_button, Qt.MouseButton.LeftButton)
    files = list((own_data_folder / "backups").glob("*.sqlite"))
    assert len(files) == 1 and _units(files[0]) == ["SO"]
    assert panel.table.rowCount() == 1
    when, kind, size, name = _row(panel, 0)
    info = backup_svc.list_backups()[0]
    assert name == files[0].name
    assert kind == "Sao lưu thủ công"
    assert when == info.created.strftime("%d/%m/%Y %H:%M:%S")
    assert size == size_text(files[0].stat().st_size) and size.endswith("KB")
    assert panel.selected_backup() == info  # the new copy is selected
    assert files[0].name in panel.status_label.text()


def test_restore_asks_naming_the_date_then_restores_and_closes(
    qtbot, panel, ctx, message_boxes
) -> None:
    qtbot.mouseClick(panel.backup_button, Qt.MouseButton.LeftButton)
    ctx.write(create_unit, UnitInput(code="VP", full_name="Văn phòng Sở", kind="VAN_PHONG"))
    assert _units(ctx.file) == ["SO", "VP"]
    info = panel.selected_backup()
    assert info is not None

    # "No": nothing happens.
    message_boxes.answer = QMessageBox.StandardButton.No
    qtbot.mouseClick(panel.restore_button, Qt.MouseButton.LeftButton)
    assert _units(ctx.file) == ["SO", "VP"] and panel.closed == []
    question = message_boxes.shown[-1]
    assert question.kind == "question"
    assert info.created.strftime("%d/%m/%Y") in question.text
    assert "Trước khi khôi phục" in question.text and "đóng lại" in question.text

    message_boxes.answer = QMessageBox.StandardButton.Yes
    qtbot.mouseClick(panel.restore_button, Qt.MouseButton.LeftButton)
    assert _units(ctx.file) == ["SO"]
    done = message_boxes.shown[-1]
    assert done.kind == "information" and "mở lại chương trình" in done.text
    kept = [b for b in backup_svc.list_backups() if b.reason == "truoc-phuc-hoi"]
    assert len(kept) == 1 and _units(kept[0].path) == ["SO", "VP"]
    assert str(kept[0].path) in done.text
    assert panel.closed == [True]
    assert not panel.isEnabled()  # nothing more can be done on the replaced file
    assert [row[1] for row in map(lambda r: _row(panel, r), range(panel.table.rowCount()))] == [
        "Trước khi khôi phục",
        "Sao lưu thủ công",
    ]


def test_a_damaged_backup_is_refused_and_the_data_stays(qtbot, panel, ctx, message_boxes) -> None:
    made = panel.backup_now()
    assert made is not None
    data = made.read_bytes()
    made.write_bytes(data[: len(data) // 2])
    before = ctx.file.read_bytes()
    panel.select_path(made)
    message_boxes.answer = QMessageBox.StandardButton.Yes
    qtbot.mouseClick(panel.restore_button, Qt.MouseButton.LeftButton)
    warning = message_boxes.shown[-1]
    assert warning.kind == "warning" and "không thay đổi" in warning.text
    assert ctx.file.read_bytes() == before
    assert panel.closed == [] and panel.isEnabled()


def test_folder_and_retention_are_saved_and_used(qtbot, panel, tmp_path) -> None:
    usb = tmp_path / "o-usb" / "Sao lưu TĐKT"
    panel.folder_edit.clear()
    type_text(panel.folder_edit, str(usb))
    panel.daily_spin.setValue(10)
    panel.monthly_spin.setValue(6)
    assert panel.settings_status.text() == "Chưa lưu"
    qtbot.mouseClick(panel.save_settings_button, Qt.MouseButton.LeftButton)
    assert panel.settings_status.text() == "Đã lưu"
    assert backup_svc.get_backup_settings() == backup_svc.BackupSettings(str(usb), 10, 6)
    assert str(usb) in panel.folder_label.text()
    qtbot.mouseClick(panel.backup_button, Qt.MouseButton.LeftButton)
    assert len(list(usb.glob("*.sqlite"))) == 1 and panel.table.rowCount() == 1


def test_bad_folder_is_explained_and_nothing_saved(qtbot, panel, tmp_path) -> None:
    blocker = tmp_path / "mot-tep"
    blocker.write_text("x", encoding="utf-8")
    panel.folder_edit.setText(str(blocker))
    qtbot.mouseClick(panel.save_settings_button, Qt.MouseButton.LeftButton)
    assert "không phải thư mục" in panel.settings_error.text()
    assert backup_svc.get_backup_settings().folder == ""


def test_sizes_are_written_the_vietnamese_way() -> None:
    assert size_text(512) == "512 B"
    assert size_text(1536) == "1,5 KB"
    assert size_text(5 * 1024 * 1024) == "5,0 MB"
    assert size_text(300 * 1024 * 1024) == "300 MB"


def test_read_only_database_can_be_backed_up_but_not_restored(qtbot, ctx, sqlite_only) -> None:
    widget = BackupsPanel(replace(ctx, read_only=True))
    qtbot.addWidget(widget)
    widget.show()
    qtbot.mouseClick(widget.backup_button, Qt.MouseButton.LeftButton)
    assert widget.table.rowCount() == 1 and widget.selected_backup() is not None
    assert not widget.restore_button.isEnabled()
    assert not widget.restore_file_button.isEnabled()
    assert widget.restore_selected() is False


def test_the_list_shows_a_backup_made_meanwhile_when_it_comes_back_into_view(
    qtbot, ctx, sqlite_only
) -> None:
    page = SettingsScreen(ctx, 2026)
    qtbot.addWidget(page)
    tab = [page.tabs.tabText(i) for i in range(page.tabs.count())].index("Sao lưu, phục hồi")
    page.tabs.setCurrentIndex(tab)
    page.show()
    qtbot.waitExposed(page)
    panel = page.backups_panel
    before = panel.table.rowCount()
    made = backup_svc.backup_database(ctx.url, reason="truoc-nhap")  # as an import does
    page.tabs.setCurrentIndex(0)  # the clerk looks at another tab, then back
    page.tabs.setCurrentIndex(tab)
    assert panel.table.rowCount() == before + 1
    assert made.name in [panel.table.item(r, 3).text() for r in range(panel.table.rowCount())]
    made = backup_svc.backup_database(ctx.url, reason="hang-ngay")
    page.hide()  # another screen, then back to this one
    page.show()
    assert panel.table.rowCount() == before + 2
    assert _row(panel, 0)[3] == made.name
