"""The reports page says which template a form uses, opens the folder, makes a custom copy,
shows the settings a form rests on and edits the statistics settings."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QFileDialog

from app.domain.report_settings import Secretariat, SecretariatMember, StatSettings
from app.excel.forms.registry import FORMS
from app.services.report_settings import get_secretariat, get_stat_settings
from app.ui.screens.reports import ReportsScreen
from app.ui.screens.reports.stat_settings_dialog import (
    COL_BIRTH,
    COL_NAME,
    COL_SINCE,
    StatSettingsDialog,
)


@pytest.fixture
def data_folder(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setenv("TDKT_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def screen(qtbot, ctx, runner, data_folder):
    page = ReportsScreen(ctx, 2026)
    page.set_runner(runner)
    qtbot.addWidget(page)
    page.resize(1000, 800)
    page.show()
    opened: list[str] = []
    page.form_info.open_url = lambda url: opened.append(url.toLocalFile())
    page.opened = opened  # type: ignore[attr-defined]
    return page


def choose(page: ReportsScreen, code: str) -> None:
    page.form_list.setCurrentRow([f.code for f in FORMS].index(code))


def test_template_in_use_and_custom_copy(qtbot, screen, data_folder) -> None:
    choose(screen, "bonus-list")
    info = screen.form_info
    assert "bonus-list.xlsx (mặc định)" in info.template_label.text()
    assert info.customise_button.isVisible()
    qtbot.mouseClick(info.folder_button, Qt.MouseButton.LeftButton)
    assert screen.opened == [str(data_folder)]
    qtbot.mouseClick(info.customise_button, Qt.MouseButton.LeftButton)
    copy = data_folder / "bonus-list.xlsx"
    assert copy.is_file()
    assert str(copy) in info.template_label.text() and "tùy chỉnh" in info.template_label.text()
    assert not info.customise_button.isVisible()  # the copy is there: edit it in Excel
    assert screen.opened[-1] == str(data_folder)
    # the bonus list rests on the calculation for collectives: said on the screen
    assert "Tiền thưởng tập thể, hộ gia đình" in info.settings_label.text()
    assert not info.settings_button.isVisible()


def test_statistics_settings_are_shown_and_edited(qtbot, screen, ctx, monkeypatch) -> None:
    choose(screen, "stat-0602")
    info = screen.form_info
    text = info.settings_label.text()
    assert "Đơn vị nhận báo cáo: Sở Nội vụ." in text and "Tỉnh trình (mã số 3)" in text
    assert info.settings_button.isVisible()

    def fill(dialog: StatSettingsDialog) -> int:
        dialog.receiver.setText("Sở Nội vụ tỉnh Tuyên Quang")
        dialog.route.setCurrentIndex(dialog.route.findData("CHUYEN_DE_BO"))
        dialog.counts["03"].setValue(1)
        dialog.add_member()
        model = dialog.model
        model.setData(model.index(0, COL_NAME), "Lê Thị Hoa")
        model.setData(model.index(0, COL_BIRTH), "1978")
        model.setData(model.index(0, COL_SINCE), "2012")
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(StatSettingsDialog, "exec", fill)
    qtbot.mouseClick(info.settings_button, Qt.MouseButton.LeftButton)
    assert ctx.read(get_stat_settings) == StatSettings(
        "Sở Nội vụ tỉnh Tuyên Quang", "CHUYEN_DE_BO", "TAP_THE"
    )
    saved = ctx.read(get_secretariat)
    assert saved.organisation["03"] == 1
    assert saved.members == (SecretariatMember("Lê Thị Hoa", False, 1978, "DAI_HOC", 2012),)
    assert "Sở Nội vụ tỉnh Tuyên Quang" in info.settings_label.text()
    choose(screen, "stat-0605")
    assert "1 công chức" in info.settings_label.text()


def test_settings_dialog_refuses_bad_values(qtbot, message_boxes) -> None:
    dialog = StatSettingsDialog()
    qtbot.addWidget(dialog)
    dialog.load(StatSettings(), Secretariat())
    dialog.receiver.clear()
    dialog.add_member()  # a member without a name
    assert dialog.validate()
    dialog.accept()
    assert dialog.result() != StatSettingsDialog.DialogCode.Accepted
    assert any("đơn vị nhận báo cáo" in t for t in message_boxes.texts)
    assert not dialog.model.setData(dialog.model.index(0, COL_BIRTH), "năm")
    dialog.table.setCurrentIndex(dialog.model.index(0, 0))
    dialog.remove_member()
    assert dialog.model.rowCount(QModelIndex()) == 0


def test_export_says_what_to_check(qtbot, screen, data_folder, monkeypatch, tmp_path) -> None:
    choose(screen, "stat-0605")
    target = tmp_path / "0605.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    assert screen.export_current() is not None
    assert "Lưu ý: Chưa ghi công chức làm công tác thi đua" in screen.result_label.text()
    assert target.is_file()


def test_removing_a_named_member_asks_first(qtbot, message_boxes) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    dialog = StatSettingsDialog()
    qtbot.addWidget(dialog)
    dialog.load(StatSettings(), Secretariat())
    dialog.add_member()
    assert dialog.model.setData(dialog.model.index(0, 0), "Nguyễn Thị Lan")
    dialog.table.setCurrentIndex(dialog.model.index(0, 0))
    message_boxes.answer = QMessageBox.StandardButton.No
    dialog.remove_member()
    assert "Nguyễn Thị Lan" in message_boxes.shown[-1].text
    assert dialog.model.rowCount(QModelIndex()) == 1
    message_boxes.answer = QMessageBox.StandardButton.Yes
    dialog.remove_member()
    assert dialog.model.rowCount(QModelIndex()) == 0
