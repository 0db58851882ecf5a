""" "Nhập bộ quy tắc…" in the rules tab: the file chosen in the file dialog is checked first
(the report shown, nothing written), stored once the clerk confirms and shown in the list; a
refused file, an unreadable one or a "No" leaves the rule sets as they were."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.services import rules
from app.services.rule_files import list_rule_sets
from app.ui.screens.settings.rules_panel import RulesPanel

Yes, No = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
VALID = Path(__file__).resolve().parent.parent / "data" / "rules" / "luat-sua-doi-2026.json"
NEW_SET = "LUAT_SUA_DOI_2026"


@pytest.fixture
def panel(qtbot, ctx) -> RulesPanel:  # type: ignore[no-untyped-def]
    widget = RulesPanel(ctx)
    qtbot.addWidget(widget)
    widget.resize(1100, 600)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def chosen(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The file the clerk picks in the open-file dialog (``chosen[0]``), and the dialog's
    filter seen."""
    picked: list[str] = []

    def pick(_parent, _title, _folder, filters):  # type: ignore[no-untyped-def]
        picked.append(filters)
        return picked[0], filters

    monkeypatch.setattr(QFileDialog, "getOpenFileName", pick)
    return picked


def sets_of(ctx) -> list[tuple[str, object]]:  # type: ignore[no-untyped-def]
    return [(s.code, s.effective_to) for s in ctx.read(list_rule_sets)]


def combo_codes(panel: RulesPanel) -> list[str]:
    return [panel.set_combo.itemData(i) for i in range(panel.set_combo.count())]


def test_a_valid_file_is_checked_then_stored_on_confirmation(  # type: ignore[no-untyped-def]
    qtbot, panel: RulesPanel, ctx, chosen, message_boxes, tmp_path
) -> None:
    path = tmp_path / "luat-sua-doi.json"
    shutil.copy(VALID, path)
    chosen.append(str(path))
    before = sets_of(ctx)
    assert NEW_SET not in combo_codes(panel)

    message_boxes.answer = No  # the report is read, the clerk declines
    qtbot.mouseClick(panel.import_button, Qt.MouseButton.LeftButton)
    [asked] = message_boxes.shown
    assert asked.kind == "question"
    assert "Tệp bộ quy tắc luat-sua-doi.json:" in asked.text
    assert f"thêm {NEW_SET}" in asked.text and "01/10/2026" in asked.text
    assert "*.json" in chosen[1]
    assert sets_of(ctx) == before and NEW_SET not in combo_codes(panel)

    message_boxes.answer = Yes
    qtbot.mouseClick(panel.import_button, Qt.MouseButton.LeftButton)
    assert [m.kind for m in message_boxes.shown] == ["question", "question"]
    after = ctx.read(list_rule_sets)
    assert after[-1].code == NEW_SET and after[-1].source == "luat-sua-doi.json"
    assert len(after) == len(before) + 1
    assert after[-2].effective_to is not None  # the set before it now ends the day before
    # the list is read again and shows the new set
    assert panel.set_combo.currentData() == NEW_SET
    shown = {row.key for row in ctx.read(rules.list_parameters) if row.rule_set == NEW_SET}
    assert panel.table.rowCount() == len(shown) > 0
    assert "Đã nạp 1 bộ quy tắc từ tệp luat-sua-doi.json" in panel.message.text()


def test_a_refused_file_shows_the_report_and_changes_nothing(  # type: ignore[no-untyped-def]
    qtbot, panel: RulesPanel, ctx, chosen, message_boxes, tmp_path
) -> None:
    data = json.loads(VALID.read_text(encoding="utf-8"))
    data["rule_sets"][0]["criteria"]["CSTDCS"]["all"].append(
        {"test": "awards", "codes": ["BK_KHONG_CO"]}
    )
    path = tmp_path / "sai.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    chosen.append(str(path))
    before = sets_of(ctx)
    combo_before = combo_codes(panel)
    message_boxes.answer = Yes  # nothing is asked: a "Yes" would not store it either
    qtbot.mouseClick(panel.import_button, Qt.MouseButton.LeftButton)
    [shown] = message_boxes.shown
    assert shown.kind == "warning"
    assert "Không dùng được tệp" in shown.text and "BK_KHONG_CO" in shown.text
    assert "Không ghi gì" in shown.text
    assert sets_of(ctx) == before
    assert combo_codes(panel) == combo_before


def test_a_file_that_is_not_json_is_refused(  # type: ignore[no-untyped-def]
    qtbot, panel: RulesPanel, ctx, chosen, message_boxes, tmp_path
) -> None:
    path = tmp_path / "hong.json"
    path.write_text("{không phải json", encoding="utf-8")
    chosen.append(str(path))
    before = sets_of(ctx)
    qtbot.mouseClick(panel.import_button, Qt.MouseButton.LeftButton)
    [shown] = message_boxes.shown
    assert shown.kind == "warning" and "không phải JSON" in shown.text
    assert sets_of(ctx) == before


def test_cancelling_the_file_dialog_does_nothing(  # type: ignore[no-untyped-def]
    qtbot, panel: RulesPanel, ctx, chosen, message_boxes
) -> None:
    chosen.append("")
    before = sets_of(ctx)
    qtbot.mouseClick(panel.import_button, Qt.MouseButton.LeftButton)
    assert message_boxes.shown == [] and sets_of(ctx) == before
