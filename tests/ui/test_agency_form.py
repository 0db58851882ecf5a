"""Agency settings edited in "Danh mục & cài đặt": typed, validated, saved, used by forms."""

from __future__ import annotations

from keyboard import type_text
from PySide6.QtCore import Qt

from app.domain.settings import AgencySettings
from app.services.settings import get_agency
from app.ui.screens.settings import SettingsScreen


def _screen(qtbot, ctx):
    page = SettingsScreen(ctx, 2026)
    qtbot.addWidget(page)
    page.show()
    return page


def _retype(qtbot, edit, text: str) -> None:
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    type_text(edit, text)


def test_agency_settings_are_typed_and_saved(qtbot, ctx) -> None:
    page = _screen(qtbot, ctx)
    form = page.agency_form
    assert form.edits["agency"].text() == AgencySettings().agency
    _retype(qtbot, form.edits["parent_body"], "UBND TỈNH TUYÊN QUANG")
    _retype(qtbot, form.edits["place"], "Tuyên Quang")
    _retype(qtbot, form.edits["signer_name"], "Nguyễn Thị Hà")
    assert form.status_label.text() == "Chưa lưu"
    qtbot.keyClick(form.edits["signer_name"], Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert form.status_label.text() == "Đã lưu"
    stored = ctx.read(get_agency)
    assert (stored.parent_body, stored.place, stored.signer_name) == (
        "UBND TỈNH TUYÊN QUANG",
        "Tuyên Quang",
        "Nguyễn Thị Hà",
    )


def test_invalid_settings_show_errors_and_save_nothing(qtbot, ctx) -> None:
    page = _screen(qtbot, ctx)
    form = page.agency_form
    _retype(qtbot, form.edits["abbreviation"], "S N")
    form.edits["place"].clear()
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    errors = form.error_label.text()
    assert "Chữ viết tắt" in errors and "địa danh" in errors
    assert ctx.read(get_agency) == AgencySettings()
    qtbot.mouseClick(form.revert_button, Qt.MouseButton.LeftButton)
    assert form.edits["abbreviation"].text() == "SNNMT" and form.error_label.text() == ""
