"""The organisation tree panel driven as a clerk would, on a temporary database.

How dialogs are driven: the panel opens its dialogs with ``QDialog.open()`` (window-modal, not
blocking) and exposes the one showing as ``panel.dialog``. A test triggers the action with its
shortcut or button, fills ``panel.dialog`` with real key events and presses Enter; the dialog
then writes through the panel (one ``ctx.write``). Message boxes are stubbed by the
``message_boxes`` fixture, whose ``answer`` is the clerk's reply to a question.
"""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import QApplication, QComboBox, QMessageBox, QToolButton, QWidget

from app.domain.errors import NotFoundError
from app.domain.people import PersonInput
from app.domain.units import END_DISSOLVE, END_MERGE, END_RENAME, UnitInput
from app.services.context import AppContext
from app.services.people import create_person, list_people, transfer_person
from app.services.units import UnitDTO, create_unit, dissolve_unit, get_unit, lineage, list_units
from app.ui.screens.units.unit_dialogs import UnitFormDialog
from app.ui.screens.units.unit_panel import UnitPanel
from app.ui.screens.units.unit_tree_model import COL_VALIDITY, UNIT_ROLE
from app.ui.widgets.date_edit import DateEdit

BEFORE, AFTER = date(2025, 2, 1), date(2025, 3, 2)
Yes, No = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No


# --- input helpers (QTest types ASCII only: Vietnamese letters go as an input method sends them)


def type_text(qtbot, widget: QWidget, text: str) -> None:  # type: ignore[no-untyped-def]
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
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(combo.count()):
        if combo.currentText() == text:
            return
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentText() == text


def click_row(qtbot, panel: UnitPanel, unit_id: int | None, ctrl: bool = False) -> None:  # type: ignore[no-untyped-def]
    index = panel.model.all_units_index() if unit_id is None else panel.model.index_of(unit_id)
    assert index.isValid(), f"unit {unit_id} is not shown"
    modifier = Qt.KeyboardModifier.ControlModifier if ctrl else Qt.KeyboardModifier.NoModifier
    rect = panel.tree.visualRect(index)
    qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def click_check(qtbot, panel: UnitPanel) -> None:  # type: ignore[no-untyped-def]
    """Click "Hiện đơn vị đã kết thúc" on its box (the widget is wider than its text)."""
    box = panel.show_ended_check
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def click_button(qtbot, panel: UnitPanel, action: QAction) -> None:  # type: ignore[no-untyped-def]
    button = next(b for b in panel.findChildren(QToolButton) if b.defaultAction() is action)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def dialog_of(qtbot, panel: UnitPanel) -> UnitFormDialog:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: panel.dialog is not None and panel.dialog.isVisible())
    dialog = panel.dialog
    assert dialog is not None
    dialog.activateWindow()  # the window system does it; offscreen, the test asks
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def rows(panel: UnitPanel) -> list[str]:
    """The tree as the clerk reads it: names indented by two spaces a level."""
    out = []
    for index in panel.model.iter_indexes():
        depth, parent = 0, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        out.append("  " * depth + index.data())
    return out


def unit_id(ctx: AppContext, code: str) -> int:
    return next(u.id for u in ctx.read(list_units) if u.code == code)


def db_unit(ctx: AppContext, uid: int) -> UnitDTO:
    return ctx.read(get_unit, uid)


def unit_of(ctx: AppContext, person_id: int, on: date) -> str:
    """The unit name a person's record shows on ``on``."""
    return next(p.unit_name for p in ctx.read(list_people, on=on) if p.id == person_id)


# --- data and panel --------------------------------------------------------------------------


@pytest.fixture
def org(ctx: AppContext) -> dict[str, int]:
    """Sở > Phòng Tổ chức (a person; Tổ Một below), Phòng Kế hoạch (a person), Phòng Mới (empty)."""

    def unit(code: str, name: str, parent: str | None = None, kind: str = "PHONG") -> int:
        data = UnitInput(code=code, full_name=name, parent_id=ids.get(parent or ""), kind=kind)
        return ctx.write(create_unit, data).id

    ids: dict[str, int] = {}
    ids["SO"] = unit("SO", "Sở Nông nghiệp", kind="CO_QUAN")
    ids["P-A"] = unit("P-A", "Phòng Tổ chức", "SO")
    ids["TO-1"] = unit("TO-1", "Tổ Một", "P-A", kind="KHAC")
    ids["P-B"] = unit("P-B", "Phòng Kế hoạch", "SO")
    ids["P-C"] = unit("P-C", "Phòng Mới", "SO")
    for key, ho, ten, code in (
        ("an", "Nguyễn Văn", "An", "P-A"),
        ("binh", "Trần Thị", "Bình", "P-B"),
    ):
        ids[key] = ctx.write(
            create_person,
            PersonInput(ho_dem=ho, ten=ten),
            unit_id=ids[code],
            position_title="Chuyên viên",
            start_date=date(2020, 1, 1),
        )
    return ids


@pytest.fixture
def panel(qtbot, ctx: AppContext, org: dict[str, int]) -> UnitPanel:  # type: ignore[no-untyped-def]
    widget = UnitPanel(ctx)
    qtbot.addWidget(widget)
    widget.resize(600, 700)
    with qtbot.waitExposed(widget):
        widget.show()
    with qtbot.waitActive(widget):
        widget.activateWindow()
    return widget


TREE = [
    "Tất cả đơn vị",
    "Sở Nông nghiệp",
    "  Phòng Tổ chức",
    "    Tổ Một",
    "  Phòng Kế hoạch",
    "  Phòng Mới",
]


# --- tests -----------------------------------------------------------------------------------


def test_shows_the_tree_with_kind_names(panel: UnitPanel, org: dict[str, int]) -> None:
    assert rows(panel) == TREE
    so = panel.model.index_of(org["SO"])
    assert [panel.model.index(so.row(), c).data() for c in range(4)] == [
        "Sở Nông nghiệp",
        "SO",
        "Cơ quan",
        "",
    ]
    assert panel.tree.isExpanded(panel.model.index_of(org["P-A"]))
    assert panel.selected_unit_ids() == []  # "Tất cả đơn vị" is the current row
    assert not panel.edit_action.isEnabled() and panel.add_action.isEnabled()


def test_unit_selected_is_emitted_on_selection(qtbot, panel: UnitPanel, org) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(panel.unitSelected) as signal:
        click_row(qtbot, panel, org["P-B"])
    assert signal.args == [org["P-B"]]
    assert panel.selected_unit_ids() == [org["P-B"]]
    with qtbot.waitSignal(panel.unitSelected) as signal:
        qtbot.keyClick(panel.tree, Qt.Key.Key_Down)
    assert signal.args == [org["P-C"]]
    with qtbot.waitSignal(panel.unitSelected) as signal:
        click_row(qtbot, panel, None)
    assert signal.args == [None]
    assert panel.selected_unit_ids() == []


def test_add_a_unit_under_another_through_the_dialog(qtbot, panel, ctx, org) -> None:  # type: ignore[no-untyped-def]
    click_row(qtbot, panel, org["P-A"])
    qtbot.keyClick(panel.tree, Qt.Key.Key_Insert)
    dialog = dialog_of(qtbot, panel)
    assert dialog.windowTitle() == "Thêm đơn vị"
    assert dialog.parent_combo.currentText() == "Phòng Tổ chức"  # under the selected unit
    qtbot.keyClicks(dialog.code_edit, "to-2")
    qtbot.keyClick(dialog.code_edit, Qt.Key.Key_Tab)
    type_text(qtbot, dialog.name_edit, "Tổ Hai")
    choose(qtbot, dialog.kind_combo, "Đội")
    with qtbot.waitSignal(panel.unitsChanged):
        qtbot.keyClick(dialog.kind_combo, Qt.Key.Key_Return)
    assert panel.dialog is None
    new = db_unit(ctx, unit_id(ctx, "TO-2"))
    assert (new.full_name, new.parent_id, new.kind) == ("Tổ Hai", org["P-A"], "DOI")
    assert rows(panel) == [*TREE[:4], "    Tổ Hai", *TREE[4:]]
    assert panel.selected_unit_ids() == [new.id]
    assert panel.model.index_of(new.id, 2).data() == "Đội"


def test_a_duplicate_code_is_refused_with_the_message_shown(  # type: ignore[no-untyped-def]
    qtbot, panel, ctx, org, message_boxes
) -> None:
    click_row(qtbot, panel, org["SO"])
    qtbot.keyClick(
        panel.tree,
        Qt.Key.Key_N,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    dialog = dialog_of(qtbot, panel)
    qtbot.keyClicks(dialog.code_edit, "p-a")
    dialog.name_edit.setFocus()
    type_text(qtbot, dialog.name_edit, "Phòng trùng mã")
    changed: list[object] = []
    panel.unitsChanged.connect(lambda: changed.append(True))
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)
    [box] = message_boxes.shown
    assert box.kind == "warning" and box.title == "Thêm đơn vị"
    assert "Mã đơn vị 'P-A' đã dùng cho 'Phòng Tổ chức'" in box.text
    assert dialog.isVisible()  # what the clerk typed is still there, with the reason
    assert "Mã đơn vị 'P-A' đã dùng cho 'Phòng Tổ chức'" in dialog.error_label.text()
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Escape)
    assert panel.dialog is None and not changed
    assert len(ctx.read(list_units)) == 5


def test_moving_a_unit_under_its_own_child_is_refused(
    qtbot, panel, ctx, org, message_boxes
) -> None:  # type: ignore[no-untyped-def]
    click_row(qtbot, panel, org["P-A"])
    qtbot.keyClick(panel.tree, Qt.Key.Key_F2)
    dialog = dialog_of(qtbot, panel)
    assert dialog.windowTitle() == "Sửa đơn vị"
    choose(qtbot, dialog.parent_combo, "Tổ Một")
    qtbot.keyClick(dialog.parent_combo, Qt.Key.Key_Return)
    cycle = "Không thể đặt một đơn vị làm cấp dưới của chính nó hoặc của đơn vị con của nó"
    assert cycle in dialog.error_label.text() and dialog.isVisible()
    assert message_boxes.shown == []  # the dialog's own check
    # Past the dialog's check, the service refuses and the panel says so.
    dialog.validate = lambda: []  # type: ignore[method-assign]
    qtbot.keyClick(dialog.parent_combo, Qt.Key.Key_Return)
    assert [m.kind for m in message_boxes.shown] == ["warning"]
    assert cycle in message_boxes.shown[0].text
    assert dialog.isVisible()
    assert db_unit(ctx, org["P-A"]).parent_id == org["SO"]


def test_reorder_with_alt_down_and_alt_up(qtbot, panel, ctx, org) -> None:  # type: ignore[no-untyped-def]
    click_row(qtbot, panel, org["P-A"])
    assert not panel.up_action.isEnabled() and panel.down_action.isEnabled()
    with qtbot.waitSignal(panel.unitsChanged):
        qtbot.keyClick(panel.tree, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    expected = ["Tất cả đơn vị", "Sở Nông nghiệp", "  Phòng Kế hoạch", "  Phòng Tổ chức"]
    assert rows(panel)[:4] == expected
    assert [u.code for u in ctx.read(list_units)] == ["SO", "P-B", "P-A", "TO-1", "P-C"]
    assert panel.selected_unit_ids() == [org["P-A"]] and panel.tree.hasFocus()
    assert panel.up_action.isEnabled()
    qtbot.keyClick(panel.tree, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert rows(panel) == TREE
    assert [u.code for u in ctx.read(list_units)] == ["SO", "P-A", "TO-1", "P-B", "P-C"]


def test_rename_from_a_date_keeps_the_old_row_for_old_records(qtbot, panel, ctx, org) -> None:  # type: ignore[no-untyped-def]
    click_row(qtbot, panel, org["P-A"])
    click_button(qtbot, panel, panel.rename_action)
    dialog = dialog_of(qtbot, panel)
    assert "hồ sơ cũ vẫn mang tên cũ" in dialog.note_label.text()
    dialog.name_edit.selectAll()
    type_text(qtbot, dialog.name_edit, "Phòng Tổ chức - Pháp chế")
    type_date(qtbot, dialog.date_edit, "01/03/2025")
    assert dialog.code_edit.text() == "P-A-2025"
    with qtbot.waitSignal(panel.unitsChanged):
        qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)
    new_id = unit_id(ctx, "P-A-2025")
    assert rows(panel) == [*TREE[:2], "  Phòng Tổ chức - Pháp chế", *TREE[3:]]
    assert panel.selected_unit_ids() == [new_id]
    assert panel.model.index_of(new_id, COL_VALIDITY).data() == "từ 01/03/2025"
    assert panel.tree.isExpanded(panel.model.index_of(new_id))  # as the old row was

    click_check(qtbot, panel)
    old = panel.model.index_of(org["P-A"], COL_VALIDITY)
    assert old.isValid()
    assert old.data() == "đến 28/02/2025 - Đổi tên → Phòng Tổ chức - Pháp chế"
    assert old.data(Qt.ItemDataRole.FontRole).italic()
    assert old.data(UNIT_ROLE).end_reason == END_RENAME
    assert panel.selected_unit_ids() == [new_id]  # the selection survives the switch

    assert unit_of(ctx, org["an"], BEFORE) == "Phòng Tổ chức"
    assert unit_of(ctx, org["an"], AFTER) == "Phòng Tổ chức - Pháp chế"
    assert db_unit(ctx, org["TO-1"]).parent_id == new_id


def test_merge_two_units_into_a_new_one(qtbot, panel, ctx, org, message_boxes) -> None:  # type: ignore[no-untyped-def]
    click_row(qtbot, panel, org["P-A"])
    assert not panel.merge_action.isEnabled()
    click_row(qtbot, panel, org["P-B"], ctrl=True)
    assert panel.selected_unit_ids() == [org["P-A"], org["P-B"]]
    assert panel.merge_action.isEnabled() and not panel.rename_action.isEnabled()
    click_button(qtbot, panel, panel.merge_action)
    dialog = dialog_of(qtbot, panel)
    assert dialog.merged_label.text() == "• Phòng Tổ chức (P-A)\n• Phòng Kế hoạch (P-B)"
    qtbot.keyClicks(dialog.code_edit, "P-TCKH")
    dialog.name_edit.setFocus()
    type_text(qtbot, dialog.name_edit, "Phòng Tổ chức - Kế hoạch")
    type_date(qtbot, dialog.date_edit, "01/03/2025")

    message_boxes.answer = No  # the clerk thinks again: nothing is written
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)
    assert dialog.isVisible() and len(ctx.read(list_units)) == 5
    message_boxes.answer = Yes
    with qtbot.waitSignal(panel.unitsChanged):
        qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)
    question = message_boxes.shown[-1]
    assert question.kind == "question"
    assert "Sáp nhập 2 đơn vị (Phòng Tổ chức, Phòng Kế hoạch)" in question.text
    assert "Cán bộ đang công tác" in question.text and "01/03/2025" in question.text

    new_id = unit_id(ctx, "P-TCKH")
    assert rows(panel) == [*TREE[:2], "  Phòng Tổ chức - Kế hoạch", "    Tổ Một", "  Phòng Mới"]
    assert panel.selected_unit_ids() == [new_id]
    # People moved from the date; before it, they were in the old units, still named so.
    assert unit_of(ctx, org["an"], AFTER) == "Phòng Tổ chức - Kế hoạch"
    assert unit_of(ctx, org["binh"], AFTER) == "Phòng Tổ chức - Kế hoạch"
    assert unit_of(ctx, org["an"], BEFORE) == "Phòng Tổ chức"
    assert unit_of(ctx, org["binh"], BEFORE) == "Phòng Kế hoạch"
    for old in (org["P-A"], org["P-B"]):
        dto = db_unit(ctx, old)
        assert (dto.end_reason, dto.successor_id, dto.valid_to) == (
            END_MERGE,
            new_id,
            date(2025, 2, 28),
        )
    assert {u.id for u in ctx.read(lineage, new_id)} == {new_id, org["P-A"], org["P-B"]}
    click_check(qtbot, panel)
    text = panel.model.index_of(org["P-B"], COL_VALIDITY).data()
    assert text == "đến 28/02/2025 - Sáp nhập → Phòng Tổ chức - Kế hoạch"


def test_dissolve_is_refused_while_people_remain_then_allowed(  # type: ignore[no-untyped-def]
    qtbot, panel, ctx, org, message_boxes
) -> None:
    message_boxes.answer = Yes
    click_row(qtbot, panel, org["P-B"])
    click_button(qtbot, panel, panel.dissolve_action)
    dialog = dialog_of(qtbot, panel)
    type_date(qtbot, dialog.date_edit, "01/03/2025")
    qtbot.keyClick(dialog.date_edit, Qt.Key.Key_Return)
    assert [m.kind for m in message_boxes.shown] == ["question", "warning"]
    assert "Giải thể 'Phòng Kế hoạch' từ ngày 01/03/2025?" in message_boxes.shown[0].text
    refusal = "Còn 1 cán bộ đang công tác tại đơn vị: điều chuyển trước khi giải thể"
    assert refusal in message_boxes.shown[1].text
    assert dialog.isVisible() and refusal in dialog.error_label.text()
    qtbot.keyClick(dialog.date_edit, Qt.Key.Key_Escape)
    assert db_unit(ctx, org["P-B"]).valid_to is None

    ctx.write(
        transfer_person,
        org["binh"],
        org["P-C"],
        "Chuyên viên",
        date(2025, 2, 1),
        expected_version=1,
    )
    message_boxes.shown.clear()
    click_button(qtbot, panel, panel.dissolve_action)
    dialog = dialog_of(qtbot, panel)
    type_date(qtbot, dialog.date_edit, "01/03/2025")
    with qtbot.waitSignal(panel.unitsChanged):
        qtbot.keyClick(dialog.date_edit, Qt.Key.Key_Return)
    assert [m.kind for m in message_boxes.shown] == ["question"]
    dto = db_unit(ctx, org["P-B"])
    assert (dto.end_reason, dto.valid_to) == (END_DISSOLVE, date(2025, 2, 28))
    assert "  Phòng Kế hoạch" not in rows(panel)
    assert panel.selected_unit_ids() == [org["SO"]]


def test_delete_refused_for_a_unit_with_history_allowed_for_a_new_one(  # type: ignore[no-untyped-def]
    qtbot, panel, ctx, org, message_boxes
) -> None:
    click_row(qtbot, panel, org["P-A"])
    qtbot.keyClick(panel.tree, Qt.Key.Key_Delete)
    [box] = message_boxes.shown
    assert box.kind == "warning" and "chỉ có thể giải thể" in box.text
    assert "Phòng Tổ chức" in box.text
    assert db_unit(ctx, org["P-A"]).valid_to is None

    message_boxes.shown.clear()
    click_row(qtbot, panel, org["P-C"])
    message_boxes.answer = No
    qtbot.keyClick(panel.tree, Qt.Key.Key_Delete)
    assert "Xóa đơn vị 'Phòng Mới' (P-C)?" in message_boxes.shown[0].text
    assert "  Phòng Mới" in rows(panel)
    message_boxes.answer = Yes
    with qtbot.waitSignal(panel.unitsChanged):
        qtbot.keyClick(panel.tree, Qt.Key.Key_Delete)
    assert rows(panel) == TREE[:-1]
    with pytest.raises(NotFoundError):
        db_unit(ctx, org["P-C"])
    assert panel.selected_unit_ids() == [org["SO"]]


def test_enter_opens_the_unit_and_escape_leaves_it_unchanged(qtbot, panel, ctx, org) -> None:  # type: ignore[no-untyped-def]
    click_row(qtbot, panel, org["P-B"])
    qtbot.keyClick(panel.tree, Qt.Key.Key_Return)
    dialog = dialog_of(qtbot, panel)
    assert dialog.code_edit.text() == "P-B"
    dialog.name_edit.selectAll()
    type_text(qtbot, dialog.name_edit, "Phòng Kế hoạch - Tài chính")
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Escape)
    assert panel.dialog is None
    assert db_unit(ctx, org["P-B"]).full_name == "Phòng Kế hoạch"


def test_expanded_state_survives_refresh_and_the_ended_switch(qtbot, panel, org) -> None:  # type: ignore[no-untyped-def]
    click_row(qtbot, panel, org["P-A"])
    qtbot.keyClick(panel.tree, Qt.Key.Key_Left)  # collapse Phòng Tổ chức
    assert not panel.tree.isExpanded(panel.model.index_of(org["P-A"]))
    panel.refresh()
    click_check(qtbot, panel)
    assert not panel.tree.isExpanded(panel.model.index_of(org["P-A"]))
    assert panel.tree.isExpanded(panel.model.index_of(org["SO"]))
    assert panel.selected_unit_ids() == [org["P-A"]]


def test_select_unit_shows_ended_units_when_asked_for_one(qtbot, panel, ctx, org) -> None:  # type: ignore[no-untyped-def]
    ctx.write(
        transfer_person,
        org["binh"],
        org["P-C"],
        "Chuyên viên",
        date(2025, 2, 1),
        expected_version=1,
    )
    click_row(qtbot, panel, org["P-B"])
    ctx.write(dissolve_unit, org["P-B"], date(2025, 3, 1), expected_version=1)
    panel.refresh()
    assert panel.model.index_of(org["P-B"]).isValid() is False
    with qtbot.waitSignal(panel.unitSelected) as signal:
        assert panel.select_unit(org["P-B"])
    assert signal.args == [org["P-B"]]
    assert panel.show_ended_check.isChecked()
    assert not panel.rename_action.isEnabled() and not panel.up_action.isEnabled()
    assert panel.select_unit(None) and panel.selected_unit_ids() == []
