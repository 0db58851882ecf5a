"""Rule parameters edited in "Danh mục & cài đặt": saved, audited, refused when invalid."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.services import rules
from app.services.eligibility import min_grade_months, rule_sets
from app.ui.screens.settings.rules_panel import COL_STATUS, COL_VALUE, RulesPanel


@pytest.fixture
def panel(qtbot, ctx) -> RulesPanel:  # type: ignore[no-untyped-def]
    widget = RulesPanel(ctx)
    qtbot.addWidget(widget)
    widget.resize(1100, 600)
    widget.show()
    return widget


def _row_of(panel: RulesPanel, key: str) -> int:
    for row in range(panel.table.rowCount()):
        if panel.table.item(row, 0).data(Qt.ItemDataRole.UserRole + 1) == key:
            return row
    raise AssertionError(key)


def test_shows_the_newest_rule_set_with_unverified_values_marked(panel: RulesPanel) -> None:
    newest = max(rule_sets().sets, key=lambda s: s.effective_from)
    assert panel.set_combo.currentData() == newest.code
    assert panel.table.rowCount() == len(newest.parameters)
    unverified = [k for k, p in newest.parameters.items() if p.unverified]
    assert unverified, "the shipped data has UNVERIFIED parameters"
    row = _row_of(panel, unverified[0])
    assert panel.table.item(row, COL_STATUS).text() == "Chưa xác minh"


def test_editing_a_value_in_the_table_saves_it(qtbot, panel: RulesPanel, ctx) -> None:
    code = panel.set_combo.currentData()
    row = _row_of(panel, "min_months_for_grade")
    item = panel.table.item(row, COL_VALUE)
    assert item.flags() & Qt.ItemFlag.ItemIsEditable
    item.setText("9")  # what the delegate does when the clerk types and presses Enter
    assert "Đã lưu" in panel.message.text()
    stored = {(r.rule_set, r.key): r for r in ctx.read(rules.list_parameters)}
    assert stored[(code, "min_months_for_grade")].value == 9
    assert panel.table.item(_row_of(panel, "min_months_for_grade"), COL_VALUE).font().bold()
    # a refused value leaves the stored one and says why
    panel.table.item(_row_of(panel, "min_months_for_grade"), COL_VALUE).setText("chín")
    assert "không phải số nguyên" in panel.message.text()
    assert panel.table.item(_row_of(panel, "min_months_for_grade"), COL_VALUE).text() == "9"
    # reset to the shipped value
    panel.table.setCurrentCell(_row_of(panel, "min_months_for_grade"), COL_VALUE)
    qtbot.mouseClick(panel.reset_button, Qt.MouseButton.LeftButton)
    assert ctx.read(lambda s: min_grade_months(2100, s)) == min_grade_months(2100)


def test_lists_are_not_editable_here(panel: RulesPanel) -> None:
    row = _row_of(panel, "ldtt_manual")
    assert not panel.table.item(row, COL_VALUE).flags() & Qt.ItemFlag.ItemIsEditable


def test_the_one_achievement_table_is_shown_by_size_not_edited(panel: RulesPanel) -> None:
    item = panel.table.item(_row_of(panel, "achievement_consumption"), COL_VALUE)
    assert item.text() == "2 mục"  # years and initiatives
    assert not item.flags() & Qt.ItemFlag.ItemIsEditable
