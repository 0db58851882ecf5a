"""The "Danh mục khác" tab by keyboard: rename an award type (F2), add the Sở's own emulation
form (Ctrl+N), stop using an entry (Ctrl+T), delete an own entry (Delete, asked first: No keeps
it, Yes deletes); a stale change is refused with a message and the list read again."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox

from app.domain.errors import CONFLICT_MESSAGE
from app.services import code_lists as svc
from app.ui.screens.settings.code_lists_panel import CodeListsPanel, NewEntryDialog


@pytest.fixture(autouse=True)
def _shipped_lists_after():
    yield
    svc.reset_code_lists()


@pytest.fixture
def panel(qtbot, ctx) -> CodeListsPanel:  # type: ignore[no-untyped-def]
    widget = CodeListsPanel(ctx)
    qtbot.addWidget(widget)
    widget.resize(900, 500)
    with qtbot.waitExposed(widget):
        widget.show()
    with qtbot.waitActive(widget):
        widget.activateWindow()
    return widget


def _stored(ctx, key: str) -> dict[str, tuple[str, bool]]:  # type: ignore[no-untyped-def]
    return {e.code: (e.name, e.retired) for e in ctx.read(svc.list_entries, key).entries}


def test_rename_by_f2(qtbot, panel, ctx, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(
        QInputDialog, "getText", lambda *a, **k: ("Khen thưởng đột xuất (riêng)", True)
    )
    panel.select("DOT_XUAT")
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_F2)
    assert _stored(ctx, "award_types")["DOT_XUAT"][0] == "Khen thưởng đột xuất (riêng)"
    assert panel.current() is not None and panel.current().renamed


def test_add_retire_and_delete_an_own_emulation_form(qtbot, panel, ctx, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    panel.list_combo.setCurrentIndex(panel.list_combo.findData("campaign_kinds"))
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(panel.dialog, NewEntryDialog) and panel.dialog.isVisible())
    dialog = panel.dialog
    dialog.name_edit.insert("Theo đợt cao điểm")
    dialog.like_combo.setCurrentIndex(dialog.like_combo.findData("PT_CHUYEN_DE"))
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: panel.dialog is None)
    stored = _stored(ctx, "campaign_kinds")
    code = next(c for c, (name, _r) in stored.items() if name == "Theo đợt cao điểm")
    assert code in svc.campaign_kinds()
    panel.select(code)
    qtbot.keyClick(panel.table, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert _stored(ctx, "campaign_kinds")[code][1] is True
    assert code not in svc.campaign_kinds()  # no longer offered for new campaigns
    answers = iter([QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes])
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: next(answers))
    panel.select(code)
    qtbot.keyClick(panel.table, Qt.Key.Key_Delete)
    assert code in _stored(ctx, "campaign_kinds")  # No: kept
    qtbot.keyClick(panel.table, Qt.Key.Key_Delete)
    assert code not in _stored(ctx, "campaign_kinds")


def test_a_stale_change_is_refused_and_the_list_read_again(qtbot, panel, ctx, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    ctx.write(
        svc.rename_entry, "award_types", "CONG_HIEN", "Khen quá trình cống hiến", expected_version=0
    )
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: warned.append(text))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Tên khác", True))
    panel.select("DOT_XUAT")
    assert not panel.rename()
    assert warned == [CONFLICT_MESSAGE]
    assert _stored(ctx, "award_types")["DOT_XUAT"][0] != "Tên khác"
    assert panel.listed is not None and panel.listed.version == 1  # read again
