"""Collective grades typed in the unit tree (issue 5): add, replace, edit, delete, by keyboard.

The grades dialog opens window-modal from the unit panel (``panel.grades_dialog``); its small
form is modal (``exec()``), so a timer drives it once it is the active modal window.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from keyboard import type_text
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QMessageBox, QSpinBox

from app.domain.units import UnitInput
from app.services import unit_grades as grade_svc
from app.services import units as unit_svc
from app.ui.screens.units.unit_grades_dialog import UnitGradeForm, UnitGradesDialog
from app.ui.screens.units.unit_panel import UnitPanel

Yes, No = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No


def when_modal(kind: type, handler: Callable[[Any], None], timeout: float = 5.0) -> list[bool]:
    """Call ``handler(dialog)`` once a modal dialog of type ``kind`` shows; the list gets True."""
    deadline = time.monotonic() + timeout
    done: list[bool] = []

    def check() -> None:
        widget = QApplication.activeModalWidget()
        if isinstance(widget, kind) and widget.isVisible():
            try:
                handler(widget)
                done.append(True)
            except BaseException:
                widget.done(0)  # never leave a modal loop running
                raise
        elif time.monotonic() < deadline:
            QTimer.singleShot(10, check)

    QTimer.singleShot(0, check)
    return done


def choose(qtbot, combo: QComboBox, text: str) -> None:  # type: ignore[no-untyped-def]
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(combo.count()):
        if combo.currentText() == text:
            return
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    raise AssertionError(f"{text!r} not in the list")


def set_spin(qtbot, spin: QSpinBox, value: int) -> None:  # type: ignore[no-untyped-def]
    spin.setFocus()
    qtbot.keyClick(spin, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(spin, str(value))
    assert spin.value() == value


@pytest.fixture
def org(ctx) -> dict[str, int]:
    def build(s):
        root = unit_svc.create_unit(
            s, UnitInput(code="SO", full_name="Sở Nông nghiệp và Môi trường", kind="CO_QUAN")
        )
        vp = unit_svc.create_unit(
            s, UnitInput(code="VP", full_name="Văn phòng Sở", parent_id=root.id, kind="VAN_PHONG")
        )
        gone = unit_svc.create_unit(
            s, UnitInput(code="TT", full_name="Trung tâm Giống", parent_id=root.id)
        )
        unit_svc.dissolve_unit(s, gone.id, date(2023, 7, 1), "Giải thể", expected_version=1)
        return {"root": root.id, "vp": vp.id, "gone": gone.id}

    return ctx.write(build)


@pytest.fixture
def panel(qtbot, ctx, org, message_boxes) -> UnitPanel:
    widget = UnitPanel(ctx)
    qtbot.addWidget(widget)
    widget.resize(700, 600)
    with qtbot.waitExposed(widget):
        widget.show()
    with qtbot.waitActive(widget):
        widget.activateWindow()
    return widget


def open_grades(qtbot, panel: UnitPanel, unit_id: int) -> UnitGradesDialog:
    assert panel.select_unit(unit_id)
    panel.tree.setFocus()
    qtbot.keyClick(
        panel.tree,
        Qt.Key.Key_G,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: panel.grades_dialog is not None and panel.grades_dialog.isVisible())
    dialog = panel.grades_dialog
    assert isinstance(dialog, UnitGradesDialog)
    dialog.activateWindow()  # the window system does it; offscreen, the test asks
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def activate(qtbot, dialog: UnitGradesDialog) -> None:  # type: ignore[no-untyped-def]
    """The window system gives the focus back after a modal form closes; offscreen, ask."""
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.table.setFocus()


def cells(dialog: UnitGradesDialog) -> list[list[str]]:
    model = dialog.table.model()
    return [
        [str(model.index(r, c).data()) for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def stored(ctx, unit_id: int) -> list[tuple[int, str, str | None]]:
    return [(g.year, g.grade, g.note) for g in ctx.read(grade_svc.list_unit_grades, unit_id)]


def test_add_edit_and_delete_grades_by_keyboard(qtbot, ctx, org, panel, message_boxes) -> None:
    dialog = open_grades(qtbot, panel, org["vp"])
    assert "Văn phòng Sở" in dialog.windowTitle()
    assert cells(dialog) == []
    assert dialog.empty_label.isVisible()
    assert not dialog.edit_button.isEnabled() and not dialog.delete_button.isEnabled()

    def first_without_grade_then_fixed(form: UnitGradeForm) -> None:
        set_spin(qtbot, form.year_spin, 2024)
        qtbot.keyClick(form.ok_button, Qt.Key.Key_Space)
        assert form.isVisible()
        assert "Chưa chọn xếp loại" in form.error_label.text()
        choose(qtbot, form.grade_combo, "Hoàn thành tốt nhiệm vụ")
        type_text(form.note_edit, "Theo Quyết định số 15/QĐ-SNN")
        qtbot.keyClick(form.note_edit, Qt.Key.Key_Return)

    done = when_modal(UnitGradeForm, first_without_grade_then_fixed)
    with qtbot.waitSignal(dialog.changed):
        qtbot.keyClick(dialog.table, Qt.Key.Key_Insert)
    assert done == [True]
    assert stored(ctx, org["vp"]) == [(2024, "HTTNV", "Theo Quyết định số 15/QĐ-SNN")]
    assert cells(dialog) == [
        ["2024", "Hoàn thành tốt nhiệm vụ", "HTTNV", "Theo Quyết định số 15/QĐ-SNN"]
    ]
    assert not dialog.empty_label.isVisible()

    # F2 on the row: the year is fixed, the grade changes.
    def upgrade(form: UnitGradeForm) -> None:
        assert not form.year_spin.isEnabled()
        assert form.year_spin.value() == 2024
        choose(qtbot, form.grade_combo, "Hoàn thành xuất sắc nhiệm vụ")
        qtbot.mouseClick(form.ok_button, Qt.MouseButton.LeftButton)

    done = when_modal(UnitGradeForm, upgrade)
    activate(qtbot, dialog)
    qtbot.keyClick(dialog.table, Qt.Key.Key_F2)
    assert done == [True]
    assert stored(ctx, org["vp"])[0][:2] == (2024, "HTXSNV")

    # Thêm with a year already graded asks before replacing; "Không" keeps the form open.
    def same_year(form: UnitGradeForm) -> None:
        set_spin(qtbot, form.year_spin, 2024)
        choose(qtbot, form.grade_combo, "Hoàn thành nhiệm vụ")
        message_boxes.answer = No
        qtbot.mouseClick(form.ok_button, Qt.MouseButton.LeftButton)
        assert form.isVisible()
        assert "Năm 2024 đã có xếp loại" in form.error_label.text()
        question = message_boxes.shown[-1]
        assert "Thay bằng “Hoàn thành nhiệm vụ”" in question.text
        set_spin(qtbot, form.year_spin, 2023)
        qtbot.mouseClick(form.ok_button, Qt.MouseButton.LeftButton)

    when_modal(UnitGradeForm, same_year)
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert [(y, g) for y, g, _ in stored(ctx, org["vp"])] == [(2024, "HTXSNV"), (2023, "HTNV")]
    assert [row[0] for row in cells(dialog)] == ["2024", "2023"]  # newest first

    # Del asks first.
    activate(qtbot, dialog)
    dialog.table.selectRow(1)
    message_boxes.answer = No
    qtbot.keyClick(dialog.table, Qt.Key.Key_Delete)
    assert "Xóa xếp loại năm 2023" in message_boxes.shown[-1].text
    assert len(stored(ctx, org["vp"])) == 2
    message_boxes.answer = Yes
    with qtbot.waitSignal(panel.unitsChanged):  # the screen's figures are read again
        qtbot.keyClick(dialog.table, Qt.Key.Key_Delete)
    assert [y for y, _, _ in stored(ctx, org["vp"])] == [2024]
    assert cells(dialog)[0][0] == "2024"

    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: panel.grades_dialog is None)


def test_a_year_after_a_unit_ended_is_refused_in_the_form(qtbot, ctx, org, panel) -> None:
    panel.show_ended_check.setChecked(True)
    dialog = open_grades(qtbot, panel, org["gone"])
    assert "(hoạt động đến 30/06/2023)" in dialog.heading.text()

    def after_the_end(form: UnitGradeForm) -> None:
        set_spin(qtbot, form.year_spin, 2024)
        choose(qtbot, form.grade_combo, "Hoàn thành nhiệm vụ")
        qtbot.mouseClick(form.ok_button, Qt.MouseButton.LeftButton)
        assert form.isVisible()
        assert "đã kết thúc ngày 30/06/2023" in form.error_label.text()
        set_spin(qtbot, form.year_spin, 2022)
        qtbot.mouseClick(form.ok_button, Qt.MouseButton.LeftButton)

    done = when_modal(UnitGradeForm, after_the_end)
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert done == [True]
    assert stored(ctx, org["gone"]) == [(2022, "HTNV", None)]


def test_the_action_needs_one_unit(qtbot, org, panel) -> None:
    assert panel.select_unit(None)  # "Tất cả đơn vị"
    assert not panel.grades_action.isEnabled()
    assert panel.select_unit(org["vp"])
    assert panel.grades_action.isEnabled()
    assert panel.grades_action in panel.tree.actions()  # in the tree's context menu


def test_read_only_shows_but_does_not_write(qtbot, ctx, org) -> None:
    ctx.write(grade_svc.set_unit_grade, org["vp"], 2024, "HTTNV", expected_version=0)
    unit = ctx.read(unit_svc.get_unit, org["vp"])
    dialog = UnitGradesDialog(replace(ctx, read_only=True), unit)
    qtbot.addWidget(dialog)
    dialog.show()
    assert cells(dialog)[0][:2] == ["2024", "Hoàn thành tốt nhiệm vụ"]
    assert not dialog.add_button.isEnabled()
    assert not dialog.edit_button.isEnabled()
    assert not dialog.delete_button.isEnabled()
    assert dialog.add_grade() is False
