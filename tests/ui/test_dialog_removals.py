"""Removing a line in a form asks first (Không is the default): the quota rules and the lines
of a superior's decision."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QMessageBox

from app.services import decisions as svc
from app.ui.screens.decisions.pickers import SuperiorDialog
from app.ui.screens.review.quota_dialog import COL_TITLE, QuotaDialog

No, Yes = QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes


def test_removing_a_quota_rule_asks_first(qtbot, ctx, message_boxes) -> None:  # type: ignore[no-untyped-def]
    dialog = QuotaDialog(ctx)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    title = dialog.table.cellWidget(0, COL_TITLE)
    assert isinstance(title, QComboBox)
    dialog.table.setCurrentCell(0, COL_TITLE)
    message_boxes.answer = No
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    asked = message_boxes.shown[-1]
    assert asked.kind == "question" and title.currentText() in asked.text
    assert dialog.table.rowCount() == 1
    message_boxes.answer = Yes
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert dialog.table.rowCount() == 0


def test_removing_a_line_of_a_superior_decision_asks_first(qtbot, message_boxes) -> None:  # type: ignore[no-untyped-def]
    lines = [
        svc.RecipientInput(svc.CA_NHAN, "BK_TINH", person_id=1),
        svc.RecipientInput(svc.CA_NHAN, "BK_TINH", person_id=2),
    ]
    names = {1: "Lê Văn Cường", 2: "Trần Thị Bình"}
    dialog = SuperiorDialog(lambda _kind, _code: [], lambda x: names[x.person_id or 0])
    qtbot.addWidget(dialog)
    dialog.add_lines(lines)
    dialog.line_view.selectRow(0)
    message_boxes.answer = No
    qtbot.mouseClick(dialog.remove, Qt.MouseButton.LeftButton)
    assert "Lê Văn Cường" in message_boxes.shown[-1].text
    assert len(dialog.lines) == 2
    message_boxes.answer = Yes
    qtbot.mouseClick(dialog.remove, Qt.MouseButton.LeftButton)
    assert [names[x.person_id or 0] for x in dialog.lines] == ["Trần Thị Bình"]
