"""The unit dialogs on their own, driven by keyboard and mouse: load, values, validate, accept.

How the dialogs are driven: each test builds the dialog, shows it (not ``exec()``), types into
its fields with real key events and presses Enter, Ctrl+S, Esc or clicks its buttons. QTest
cannot type non-ASCII characters, so :func:`type_text` sends key events carrying the
Vietnamese text, as a Vietnamese input method does. Dates are typed after a double click on
the day part of the field (the field jumps from day to month to year by itself).
"""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QWidget

from app.domain.units import UnitInput
from app.services.units import UnitDTO
from app.ui.screens.units.unit_dialogs import (
    DEPTH_ROLE,
    DissolveDialog,
    DissolveValues,
    MergeDialog,
    RenameDialog,
    RenameValues,
    UnitDialog,
)
from app.ui.widgets.date_edit import DateEdit

TODAY = date(2026, 11, 21)


def type_text(qtbot, widget: QWidget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type ``text`` into ``widget`` key by key (Vietnamese letters as an input method sends them)."""
    for ch in text:
        if ch.isascii():
            qtbot.keyClick(widget, ch)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
            QApplication.sendEvent(widget, event)


def type_date(qtbot, edit: DateEdit, text: str) -> None:  # type: ignore[no-untyped-def]
    """Select the date field's text and type ``text`` over it, as a clerk does."""
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(edit, text)


def choose(qtbot, combo: QComboBox, text: str) -> None:  # type: ignore[no-untyped-def]
    """Pick the item ``text`` with the arrow keys, as a clerk does in a closed combo box."""
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(combo.count()):
        if combo.currentText() == text:
            return
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentText() == text, f"{text!r} not in the list"


def unit(uid: int, code: str, name: str, parent: int | None = None, **kw) -> UnitDTO:  # type: ignore[no-untyped-def]
    fields = {
        "short_name": None,
        "kind": "PHONG",
        "collective_category": "TT_HANH_CHINH",
        "display_order": uid * 10,
        "valid_from": None,
        "valid_to": None,
        "successor_id": None,
        "end_reason": None,
        "note": None,
        "depth": 0 if parent is None else 1,
        "tree_index": uid,
    }
    fields.update(kw)
    return UnitDTO(id=uid, code=code, full_name=name, parent_id=parent, **fields)


UNITS = [
    unit(1, "SO", "Sở Nông nghiệp", kind="CO_QUAN"),
    unit(2, "P-A", "Phòng Tổ chức", 1),
    unit(3, "TO-1", "Tổ Một", 2, depth=2, kind="KHAC"),
    unit(4, "P-B", "Phòng Kế hoạch", 1, valid_from=date(2025, 3, 1)),
    unit(5, "P-CU", "Phòng Cũ", 1, valid_to=date(2024, 12, 31), end_reason="DISSOLVE"),
]


def show(qtbot, dialog: QDialog) -> QDialog:  # type: ignore[no-untyped-def]
    qtbot.addWidget(dialog)
    with qtbot.waitExposed(dialog):
        dialog.show()
    with qtbot.waitActive(dialog):
        dialog.activateWindow()
    return dialog


# --- UnitDialog ------------------------------------------------------------------------------


def test_empty_unit_dialog_refuses_and_lists_problems_in_its_label(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = show(qtbot, UnitDialog(UNITS))
    assert dialog.windowTitle() == "Thêm đơn vị"
    assert dialog.focusWidget() is dialog.code_edit  # the first field has the focus
    qtbot.keyClick(dialog.code_edit, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.error_label.isVisible()
    assert "Chưa nhập mã đơn vị" in dialog.error_label.text()
    assert "Chưa nhập tên đơn vị" in dialog.error_label.text()


def test_unit_dialog_filled_by_keyboard(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = show(qtbot, UnitDialog(UNITS))
    qtbot.keyClicks(dialog.code_edit, "p-tc 2")  # a space: refused by the code pattern
    qtbot.keyClick(dialog.code_edit, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.name_edit  # tab order follows the form
    type_text(qtbot, dialog.name_edit, "Phòng Tổ chức cán bộ")
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Tab)
    type_text(qtbot, dialog.short_edit, "Phòng TCCB")
    choose(qtbot, dialog.parent_combo, "Sở Nông nghiệp")
    choose(qtbot, dialog.kind_combo, "Phòng")
    choose(qtbot, dialog.category_combo, "Cơ quan hành chính")
    type_date(qtbot, dialog.start_date, "01/03/2025")
    type_text(qtbot, dialog.note_edit, "Thành lập theo QĐ 12")

    qtbot.keyClick(dialog.note_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert dialog.isVisible()
    assert "Mã đơn vị 'P-TC 2' chỉ được gồm" in dialog.error_label.text()

    dialog.code_edit.selectAll()
    qtbot.keyClicks(dialog.code_edit, "p-tccb")
    qtbot.keyClick(dialog.code_edit, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted and not dialog.isVisible()
    assert dialog.values() == UnitInput(
        code="P-TCCB",
        full_name="Phòng Tổ chức cán bộ",
        short_name="Phòng TCCB",
        parent_id=1,
        kind="PHONG",
        collective_category="TT_HANH_CHINH",
        valid_from=date(2025, 3, 1),
        note="Thành lập theo QĐ 12",
    )


def test_unit_dialog_edit_loads_the_unit_and_refuses_a_cycle(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = UnitDialog(UNITS)
    dialog.load(UNITS[1])  # Phòng Tổ chức, parent of Tổ Một
    show(qtbot, dialog)
    assert dialog.windowTitle() == "Sửa đơn vị"
    assert dialog.values() == UNITS[1].as_input().normalised()
    combo = dialog.parent_combo
    items = [combo.itemText(i) for i in range(combo.count())]
    # Itself is not offered, ended units neither; depth is drawn as indentation.
    assert items == ["(không có - cấp cao nhất)", "Sở Nông nghiệp", "Tổ Một", "Phòng Kế hoạch"]
    assert combo.itemData(items.index("Tổ Một"), DEPTH_ROLE) == 2
    choose(qtbot, combo, "Tổ Một")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert "làm cấp dưới của chính nó hoặc của đơn vị con của nó" in dialog.error_label.text()
    choose(qtbot, combo, "(không có - cấp cao nhất)")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.values().parent_id is None


def test_escape_cancels_and_a_refusing_committer_keeps_the_dialog_open(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = UnitDialog(UNITS)
    dialog.load(UNITS[3])
    calls: list[UnitInput] = []

    def refuse(values: UnitInput) -> bool:
        calls.append(values)
        dialog.show_problems(["Mã đơn vị 'P-B' đã dùng cho 'Phòng Kế hoạch'"])
        return False

    dialog.set_committer(refuse)
    show(qtbot, dialog)
    assert dialog.start_date.value() == date(2025, 3, 1)
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)
    assert calls and dialog.isVisible()
    assert "đã dùng cho" in dialog.error_label.text()
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Rejected


# --- RenameDialog ----------------------------------------------------------------------------


def test_rename_dialog_suggests_a_code_and_explains(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = RenameDialog(today=TODAY)
    dialog.load(UNITS[1])
    show(qtbot, dialog)
    assert "hồ sơ cũ vẫn mang tên cũ" in dialog.note_label.text()
    assert dialog.note_label.isVisible()
    assert dialog.code_edit.text() == "P-A-2026"
    assert dialog.date_edit.text() == "21/11/2026"
    # Unchanged name and code: refused.
    dialog.code_edit.setFocus()
    dialog.code_edit.selectAll()
    qtbot.keyClicks(dialog.code_edit, "P-A")
    qtbot.keyClick(dialog.code_edit, Qt.Key.Key_Return)
    assert "Tên mới trùng tên cũ" in dialog.error_label.text()
    # The clerk's own code is kept when the date changes.
    type_date(qtbot, dialog.date_edit, "01/03/2025")
    assert dialog.code_edit.text() == "P-A"
    dialog.name_edit.selectAll()
    type_text(qtbot, dialog.name_edit, "Phòng Tổ chức - Pháp chế")
    dialog.code_edit.selectAll()
    qtbot.keyClicks(dialog.code_edit, "p-tcpc")
    qtbot.keyClick(dialog.code_edit, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.values() == RenameValues(
        2, "Phòng Tổ chức - Pháp chế", "P-TCPC", None, date(2025, 3, 1)
    )


def test_rename_suggestion_follows_the_year_and_dates_before_the_start_are_refused(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = RenameDialog(today=TODAY)
    dialog.load(UNITS[3])  # Phòng Kế hoạch, active from 01/03/2025
    show(qtbot, dialog)
    type_date(qtbot, dialog.date_edit, "01/03/2025")
    assert dialog.code_edit.text() == "P-B-2025"
    dialog.name_edit.selectAll()
    type_text(qtbot, dialog.name_edit, "Phòng Kế hoạch - Tài chính")
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert (
        "Ngày hiệu lực phải sau ngày bắt đầu hoạt động của 'Phòng Kế hoạch' (01/03/2025)"
        in dialog.error_label.text()
    )


# --- MergeDialog -----------------------------------------------------------------------------


def test_merge_dialog_lists_units_and_confirms_in_words(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = MergeDialog(UNITS, today=TODAY)
    dialog.load([UNITS[1], UNITS[3]])
    show(qtbot, dialog)
    assert dialog.merged_label.text() == "• Phòng Tổ chức (P-A)\n• Phòng Kế hoạch (P-B)"
    assert dialog.focusWidget() is dialog.code_edit
    assert not dialog.start_date.isVisible() and not dialog.note_edit.isVisible()
    combo = dialog.parent_combo
    # Neither the merged units nor what is below them can be the new parent; the parent of the
    # first unit is proposed, and "none" is not offered (the service would keep that parent).
    assert [combo.itemText(i) for i in range(combo.count())] == ["Sở Nông nghiệp"]
    assert dialog.kind_combo.currentData() == "PHONG"
    type_date(qtbot, dialog.date_edit, "01/04/2025")
    text = dialog.note_label.text()
    assert "Sáp nhập 2 đơn vị thành một đơn vị mới từ ngày 01/04/2025" in text
    assert "Cán bộ đang công tác" in text and "chuyển sang đơn vị mới" in text

    qtbot.keyClick(dialog.code_edit, Qt.Key.Key_Return)
    assert "Chưa nhập mã đơn vị" in dialog.error_label.text()
    qtbot.keyClicks(dialog.code_edit, "P-TCKH")
    qtbot.keyClick(dialog.code_edit, Qt.Key.Key_Tab)
    type_text(qtbot, dialog.name_edit, "Phòng Tổ chức - Kế hoạch")
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    values = dialog.values()
    assert values.unit_ids == (2, 4) and values.effective == date(2025, 4, 1)
    assert values.new == UnitInput(
        code="P-TCKH",
        full_name="Phòng Tổ chức - Kế hoạch",
        parent_id=1,
        kind="PHONG",
        collective_category="TT_HANH_CHINH",
    )


def test_merge_dialog_refuses_a_date_before_a_unit_started(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = MergeDialog(UNITS, today=TODAY)
    dialog.load([UNITS[1], UNITS[3]])
    show(qtbot, dialog)
    qtbot.keyClicks(dialog.code_edit, "P-X")
    dialog.name_edit.setFocus()
    type_text(qtbot, dialog.name_edit, "Phòng X")
    type_date(qtbot, dialog.date_edit, "01/01/2025")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert "phải sau ngày bắt đầu hoạt động của 'Phòng Kế hoạch'" in dialog.error_label.text()


# --- DissolveDialog --------------------------------------------------------------------------


@pytest.mark.parametrize("accept_key", [Qt.Key.Key_Return, Qt.Key.Key_S])
def test_dissolve_dialog(qtbot, accept_key: Qt.Key) -> None:  # type: ignore[no-untyped-def]
    dialog = DissolveDialog(today=TODAY)
    dialog.load(UNITS[3])
    show(qtbot, dialog)
    assert dialog.unit_label.text() == "Phòng Kế hoạch (P-B)"
    assert dialog.ok_button.text() == "Giải thể"
    assert "phải được điều chuyển trước" in dialog.note_label.text()
    type_date(qtbot, dialog.date_edit, "28/02/2025")
    modifier = (
        Qt.KeyboardModifier.ControlModifier
        if accept_key == Qt.Key.Key_S
        else Qt.KeyboardModifier.NoModifier
    )
    qtbot.keyClick(dialog.date_edit, accept_key, modifier)
    assert dialog.isVisible()
    assert "phải sau ngày bắt đầu hoạt động" in dialog.error_label.text()
    type_date(qtbot, dialog.date_edit, "15/06/2025")
    dialog.note_edit.setFocus()
    type_text(qtbot, dialog.note_edit, "QĐ số 5/QĐ-UBND")
    qtbot.keyClick(dialog.note_edit, accept_key, modifier)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.values() == DissolveValues(4, date(2025, 6, 15), "QĐ số 5/QĐ-UBND")
