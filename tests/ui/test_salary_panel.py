"""The base salary panel driven as a clerk would: add, correct, refuse, delete with
confirmation, choose the calculation method; the database and the table both checked."""

from __future__ import annotations

from datetime import date

import pytest
from keyboard import type_text
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.domain.money import METHOD_A, METHOD_B
from app.services.money import money_method, salary_steps
from app.ui.screens.settings.salary_panel import (
    COL_AMOUNT,
    COL_BASIS,
    COL_FROM,
    COL_VERIFIED,
    SalaryPanel,
    SalaryStepDialog,
)
from app.ui.screens.settings.screen import SettingsScreen
from app.ui.widgets.date_edit import DateEdit
from decision_factory import add_decision, build_agency

Yes, No = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No


@pytest.fixture
def panel(qtbot, ctx) -> SalaryPanel:  # type: ignore[no-untyped-def]
    widget = SalaryPanel(ctx)
    qtbot.addWidget(widget)
    widget.resize(900, 600)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def table(panel: SalaryPanel) -> list[list[str]]:
    proxy = panel.proxy
    return [
        [proxy.index(r, c).data() for c in (COL_FROM, COL_AMOUNT, COL_BASIS, COL_VERIFIED)]
        for r in range(proxy.rowCount())
    ]


def dialog_of(qtbot, panel: SalaryPanel) -> SalaryStepDialog:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: panel.dialog is not None and panel.dialog.isVisible())
    dialog = panel.dialog
    assert dialog is not None
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def type_date(qtbot, edit: DateEdit, text: str) -> None:  # type: ignore[no-untyped-def]
    """Select the date field's text and type ``text`` over it, as a clerk does."""
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(edit, text)


def click_row(qtbot, panel: SalaryPanel, row: int) -> None:  # type: ignore[no-untyped-def]
    rect = panel.view.visualRect(panel.proxy.index(row, COL_FROM))
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_shows_the_seeded_table_and_method_b(panel: SalaryPanel) -> None:
    rows = table(panel)
    assert [r[:2] for r in rows] == [
        ["01/07/2019", "1.490.000"],
        ["01/07/2023", "1.800.000"],
        ["01/07/2024", "2.340.000"],
        ["01/07/2026", "2.530.000"],
    ]
    assert rows[2][2].startswith("Nghị định 73/2024/NĐ-CP")
    assert [r[3] for r in rows] == ["Chưa xác minh", "Chưa xác minh", "Đã xác minh", "Đã xác minh"]
    assert panel.method_b.isChecked() and not panel.method_a.isChecked()
    explanation = panel.findChild(type(panel.method_status), "methodExplanation")
    assert "CHƯA XÁC MINH" in explanation.text() and "kế toán" in explanation.text()


def test_add_a_step_through_the_dialog(qtbot, panel, ctx) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    dialog = dialog_of(qtbot, panel)
    assert dialog.windowTitle() == "Thêm mức lương cơ sở"
    type_date(qtbot, dialog.from_edit, "01/07/2027")
    qtbot.keyClicks(dialog.amount_edit, "2700000")
    type_text(dialog.basis_edit, "Nghị định 200/2027/NĐ-CP")
    qtbot.mouseClick(dialog.verified_check, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(panel.changed):
        qtbot.keyClick(dialog.basis_edit, Qt.Key.Key_Return)
    assert panel.dialog is None
    last = ctx.read(salary_steps)[-1]
    assert (last.effective_from, last.amount, last.legal_basis, last.verified) == (
        date(2027, 7, 1),
        2_700_000,
        "Nghị định 200/2027/NĐ-CP",
        True,
    )
    assert table(panel)[-1] == [
        "01/07/2027",
        "2.700.000",
        "Nghị định 200/2027/NĐ-CP",
        "Đã xác minh",
    ]
    assert panel.selected() == last


def test_bad_amount_and_duplicate_date_are_refused(qtbot, panel, ctx) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    dialog = dialog_of(qtbot, panel)
    type_date(qtbot, dialog.from_edit, "01/07/2026")
    qtbot.keyClicks(dialog.amount_edit, "abc")
    qtbot.keyClick(dialog.amount_edit, Qt.Key.Key_Return)
    assert dialog.isVisible() and "không phải số nguyên đồng" in dialog.error_label.text()
    dialog.amount_edit.clear()
    qtbot.keyClicks(dialog.amount_edit, "0")
    qtbot.keyClick(dialog.amount_edit, Qt.Key.Key_Return)
    assert "lớn hơn 0" in dialog.error_label.text()
    dialog.amount_edit.clear()
    qtbot.keyClicks(dialog.amount_edit, "2.600.000")
    qtbot.keyClick(dialog.amount_edit, Qt.Key.Key_Return)  # the service refuses the date
    assert dialog.isVisible()
    assert "Đã có mức lương cơ sở áp dụng từ ngày 01/07/2026" in dialog.error_label.text()
    qtbot.keyClick(dialog.amount_edit, Qt.Key.Key_Escape)
    assert panel.dialog is None
    assert len(ctx.read(salary_steps)) == 4 and len(table(panel)) == 4


def test_edit_a_step_asks_when_issued_decisions_use_it(  # type: ignore[no-untyped-def]
    qtbot, panel, ctx, message_boxes
) -> None:
    with ctx.session_factory.begin() as s:
        agency = build_agency(s)
        add_decision(
            s,
            number="05/QĐ-SNNMT",
            day=date(2026, 1, 15),
            code="LDTT",
            lines=[("CA_NHAN", agency.people["ha"], "LDTT")],
        )
    click_row(qtbot, panel, 2)  # 01/07/2024: used by the decision of 15/01/2026
    message_boxes.answer = No
    qtbot.mouseClick(panel.edit_button, Qt.MouseButton.LeftButton)
    [question] = message_boxes.shown
    assert question.kind == "question" and "1 quyết định" in question.text
    assert panel.dialog is None
    message_boxes.answer = Yes
    qtbot.mouseClick(panel.edit_button, Qt.MouseButton.LeftButton)
    dialog = dialog_of(qtbot, panel)
    assert dialog.windowTitle() == "Sửa mức lương cơ sở"
    assert dialog.amount_edit.text() == "2.340.000"
    dialog.amount_edit.selectAll()
    qtbot.keyClicks(dialog.amount_edit, "2350000")
    with qtbot.waitSignal(panel.changed):
        qtbot.keyClick(dialog.amount_edit, Qt.Key.Key_Return)
    assert ctx.read(salary_steps)[2].amount == 2_350_000
    assert table(panel)[2][1] == "2.350.000"


def test_delete_asks_first(qtbot, panel, ctx, message_boxes) -> None:  # type: ignore[no-untyped-def]
    click_row(qtbot, panel, 0)
    message_boxes.answer = No
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    assert "Xóa mức lương cơ sở 1.490.000 đồng áp dụng từ ngày 01/07/2019?" in (
        message_boxes.shown[-1].text
    )
    assert len(ctx.read(salary_steps)) == 4
    message_boxes.answer = Yes
    with qtbot.waitSignal(panel.changed):
        qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    assert [s.amount for s in ctx.read(salary_steps)] == [1_800_000, 2_340_000, 2_530_000]
    assert table(panel)[0][0] == "01/07/2023"


def test_edit_without_a_selection_says_so(qtbot, panel, message_boxes) -> None:  # type: ignore[no-untyped-def]
    panel.view.clearSelection()
    panel.view.setCurrentIndex(panel.proxy.index(-1, -1))
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    assert message_boxes.shown[-1].kind == "information"
    assert "chọn một dòng" in message_boxes.shown[-1].text


def test_choose_the_method(qtbot, panel, ctx) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(panel.changed):
        qtbot.mouseClick(panel.method_a, Qt.MouseButton.LeftButton)
    assert ctx.read(money_method) == METHOD_A
    assert panel.method_status.text() == "Đã lưu: cách A"
    with qtbot.waitSignal(panel.changed):
        qtbot.mouseClick(panel.method_b, Qt.MouseButton.LeftButton)
    assert ctx.read(money_method) == METHOD_B


def test_the_settings_screen_holds_the_panel(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    screen = SettingsScreen(ctx, 2026)
    qtbot.addWidget(screen)
    assert isinstance(screen.salary_panel, SalaryPanel)
    assert len(table(screen.salary_panel)) == 4


def test_keyboard_delete_and_insert(qtbot, panel, ctx, message_boxes) -> None:  # type: ignore[no-untyped-def]
    click_row(qtbot, panel, 0)
    message_boxes.answer = Yes
    with qtbot.waitSignal(panel.changed):
        qtbot.keyClick(panel.view, Qt.Key.Key_Delete)
    assert len(ctx.read(salary_steps)) == 3
    qtbot.keyClick(panel.view, Qt.Key.Key_Insert)
    dialog = dialog_of(qtbot, panel)
    assert dialog.windowTitle() == "Thêm mức lương cơ sở"
    qtbot.keyClick(dialog.amount_edit, Qt.Key.Key_Escape)
    assert panel.dialog is None
