"""The "Danh mục danh hiệu, hình thức" tab driven as a clerk would: dated coefficients entered
and taken back, names edited and reset, a local form added and deleted (after a question whose
answer matters), a used one refused, another clerk's change meanwhile refused; the database
read back through the service and the table checked."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import pytest
from keyboard import type_text
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.domain.catalogue_edits import ItemEdit
from app.domain.errors import CONFLICT_MESSAGE
from app.services import reference
from app.services.catalogue_items import CatalogueRow, list_catalogue, update_item
from app.ui.screens.settings.catalogue_dialogs import (
    CoefficientDialog,
    ItemDialog,
    NewFormDialog,
)
from app.ui.screens.settings.catalogue_model import (
    COL_CODE,
    COL_COEFFICIENTS,
    COL_FROM,
    COL_HISTORY,
    COL_NAME,
    COL_SOURCE,
)
from app.ui.screens.settings.catalogue_panel import CataloguePanel
from app.ui.screens.settings.screen import SettingsScreen
from app.ui.widgets.date_edit import DateEdit
from decision_factory import add_decision, build_agency

Yes, No = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture(autouse=True)
def _forget_the_changed_catalogue() -> Iterator[None]:
    """The catalogue in use is kept in memory: the one this test changed is not the next's."""
    yield
    reference.reset_catalogue()


@pytest.fixture
def panel(qtbot, ctx) -> CataloguePanel:  # type: ignore[no-untyped-def]
    widget = CataloguePanel(ctx)
    qtbot.addWidget(widget)
    widget.resize(1300, 650)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    return widget


def stored(ctx, code: str) -> CatalogueRow | None:  # type: ignore[no-untyped-def]
    return next((r for r in ctx.read(list_catalogue) if r.code == code), None)


def shown(panel: CataloguePanel, code: str) -> dict[int, str]:
    """The cells of ``code``'s row as the clerk reads them, by column."""
    proxy = panel.proxy
    for r in range(proxy.rowCount()):
        if proxy.index(r, COL_CODE).data() == code:
            return {c: proxy.index(r, c).data() for c in range(proxy.columnCount())}
    raise AssertionError(f"{code} is not shown")


def codes_shown(panel: CataloguePanel) -> list[str]:
    return [panel.proxy.index(r, COL_CODE).data() for r in range(panel.proxy.rowCount())]


def click_code(qtbot, panel: CataloguePanel, code: str) -> None:  # type: ignore[no-untyped-def]
    for r in range(panel.proxy.rowCount()):
        index = panel.proxy.index(r, COL_NAME)
        if panel.proxy.index(r, COL_CODE).data() == code:
            panel.view.scrollTo(index)
            rect = panel.view.visualRect(index)
            qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
            assert panel.selected() is not None and panel.selected().code == code
            return
    raise AssertionError(code)


def dialog_of(qtbot, panel: CataloguePanel, kind: type):  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: panel.dialog is not None and panel.dialog.isVisible())
    dialog = panel.dialog
    assert isinstance(dialog, kind)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def focus(qtbot, widget) -> None:  # type: ignore[no-untyped-def]
    """The keyboard on ``widget`` of the panel's window (active again after a dialog)."""
    widget.window().activateWindow()
    qtbot.waitUntil(widget.window().isActiveWindow)
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)


def type_date(qtbot, edit: DateEdit, text: str) -> None:  # type: ignore[no-untyped-def]
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(edit, text)


def retype(qtbot, edit, text: str) -> None:  # type: ignore[no-untyped-def]
    """Select the field's text and type ``text`` over it (Vietnamese letters included)."""
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    type_text(edit, text)


def test_every_item_is_listed_with_its_coefficients_in_force(panel: CataloguePanel, ctx) -> None:  # type: ignore[no-untyped-def]
    assert len(codes_shown(panel)) == len(ctx.read(list_catalogue))
    gk = shown(panel, "GK_SO")
    assert gk[COL_NAME] == "Giấy khen của Giám đốc Sở"
    assert gk[COL_COEFFICIENTS] == "CN 0,3 · TT 0,6 · HGĐ 0,45"
    assert gk[COL_FROM] == "01/07/2025"
    assert gk[COL_SOURCE] == "Có sẵn" and gk[COL_HISTORY] == ""


def test_a_dated_coefficient_is_stored_and_taken_back(  # type: ignore[no-untyped-def]
    qtbot, panel: CataloguePanel, ctx, message_boxes
) -> None:
    click_code(qtbot, panel, "GK_SO")
    qtbot.keyClick(panel.view, Qt.Key.Key_H, CTRL)
    dialog = dialog_of(qtbot, panel, CoefficientDialog)
    assert dialog.fields.edits["CA_NHAN"].text() == "0,3"  # today's values to start from
    type_date(qtbot, dialog.from_edit, "01/09/2025")
    retype(qtbot, dialog.fields.edits["CA_NHAN"], "0,4")
    retype(qtbot, dialog.fields.edits["TAP_THE"], "0,8")
    retype(qtbot, dialog.basis_edit, "Quyết định 12/2025/QĐ-UBND của tỉnh")
    with qtbot.waitSignal(panel.changed):
        qtbot.keyClick(dialog.basis_edit, Qt.Key.Key_Return)
    assert panel.dialog is None
    row = stored(ctx, "GK_SO")
    assert row is not None
    step = next(s for s in row.steps if s.effective_from == date(2025, 9, 1))
    assert step.by_clerk and step.legal_basis == "Quyết định 12/2025/QĐ-UBND của tỉnh"
    assert step.coefficients == {
        "CA_NHAN": Decimal("0.4"),
        "TAP_THE": Decimal("0.8"),
        "HO_GIA_DINH": Decimal("0.45"),
    }
    assert row.coefficients_on(date(2025, 8, 31))["CA_NHAN"] == Decimal("0.3")
    gk = shown(panel, "GK_SO")
    assert gk[COL_COEFFICIENTS] == "CN 0,4 · TT 0,8 · HGĐ 0,45"
    assert (gk[COL_FROM], gk[COL_SOURCE]) == ("01/09/2025", "Đã sửa")
    steps = [
        [panel.step_proxy.index(r, c).data() for c in range(3)]
        for r in range(panel.step_proxy.rowCount())
    ]
    assert ["01/09/2025", "CN 0,4 · TT 0,8 · HGĐ 0,45", step.legal_basis] in steps

    # take it back from the coefficient table: asked first, No keeps it
    r = next(i for i, s in enumerate(steps) if s[0] == "01/09/2025")
    focus(qtbot, panel.step_view)
    panel.step_view.setCurrentIndex(panel.step_proxy.index(r, 0))
    message_boxes.answer = No
    qtbot.keyClick(panel.step_view, Qt.Key.Key_Delete)
    assert "01/09/2025" in message_boxes.shown[-1].text
    assert len(stored(ctx, "GK_SO").steps) == 3  # type: ignore[union-attr]
    message_boxes.answer = Yes
    with qtbot.waitSignal(panel.changed):
        qtbot.keyClick(panel.step_view, Qt.Key.Key_Delete)
    assert [s.effective_from for s in stored(ctx, "GK_SO").steps] == [  # type: ignore[union-attr]
        date(2024, 1, 1),
        date(2025, 7, 1),
    ]
    assert shown(panel, "GK_SO")[COL_SOURCE] == "Có sẵn"


def test_a_coefficient_that_is_not_a_number_keeps_the_dialog(  # type: ignore[no-untyped-def]
    qtbot, panel: CataloguePanel, ctx
) -> None:
    click_code(qtbot, panel, "LDTT")  # for persons only: one field
    qtbot.mouseClick(panel.step_button, Qt.MouseButton.LeftButton)
    dialog = dialog_of(qtbot, panel, CoefficientDialog)
    assert dialog.fields.edits["TAP_THE"].isHidden()
    retype(qtbot, dialog.fields.edits["CA_NHAN"], "ba phẩy")
    qtbot.keyClick(dialog.fields.edits["CA_NHAN"], Qt.Key.Key_Return)
    assert dialog.isVisible() and "không phải số" in dialog.error_label.text()
    retype(qtbot, dialog.basis_edit, "")
    retype(qtbot, dialog.fields.edits["CA_NHAN"], "0,35")
    qtbot.keyClick(dialog.fields.edits["CA_NHAN"], Qt.Key.Key_Return)
    assert dialog.isVisible() and "căn cứ pháp lý" in dialog.error_label.text()
    qtbot.keyClick(dialog.basis_edit, Qt.Key.Key_Escape)
    assert panel.dialog is None
    assert not any(s.by_clerk for s in stored(ctx, "LDTT").steps)  # type: ignore[union-attr]


def test_names_and_history_only_are_edited_then_reset(  # type: ignore[no-untyped-def]
    qtbot, panel: CataloguePanel, ctx, message_boxes
) -> None:
    click_code(qtbot, panel, "GK_XA")
    qtbot.keyClick(panel.view, Qt.Key.Key_F2)
    dialog = dialog_of(qtbot, panel, ItemDialog)
    retype(qtbot, dialog.name_edit, "Giấy khen của Chủ tịch UBND xã (cũ)")
    retype(qtbot, dialog.synonyms_edit, "GK xã cũ; Giấy khen UBND xã")
    dialog.history_check.setFocus()
    qtbot.keyClick(dialog.history_check, Qt.Key.Key_Space)
    with qtbot.waitSignal(panel.changed):
        qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)
    row = stored(ctx, "GK_XA")
    assert row is not None and row.history_only
    assert row.name == "Giấy khen của Chủ tịch UBND xã (cũ)"
    assert "GK xã cũ" in row.synonyms and "Giấy khen UBND xã" in row.synonyms
    cells = shown(panel, "GK_XA")
    assert (cells[COL_SOURCE], cells[COL_HISTORY]) == ("Đã sửa", "Có")
    # the filter finds it by a synonym typed without diacritics
    focus(qtbot, panel.view)
    qtbot.keyClick(panel.view, Qt.Key.Key_F, CTRL)
    assert panel.filter_edit.hasFocus()
    qtbot.keyClicks(panel.filter_edit, "gk xa cu")
    assert codes_shown(panel) == ["GK_XA"]
    panel.filter_edit.clear()
    # reset: asked first; No changes nothing
    click_code(qtbot, panel, "GK_XA")
    message_boxes.answer = No
    qtbot.mouseClick(panel.reset_button, Qt.MouseButton.LeftButton)
    assert message_boxes.shown[-1].kind == "question"
    assert stored(ctx, "GK_XA").history_only  # type: ignore[union-attr]
    message_boxes.answer = Yes
    with qtbot.waitSignal(panel.changed):
        qtbot.mouseClick(panel.reset_button, Qt.MouseButton.LeftButton)
    back = stored(ctx, "GK_XA")
    assert back is not None and not back.history_only and back.clerk_changed == ()
    assert back.name == "Giấy khen của Chủ tịch Ủy ban nhân dân cấp xã"
    assert shown(panel, "GK_XA")[COL_SOURCE] == "Có sẵn"


def test_a_stale_edit_is_refused_with_a_message(  # type: ignore[no-untyped-def]
    qtbot, panel: CataloguePanel, ctx, message_boxes
) -> None:
    click_code(qtbot, panel, "LDTT")
    qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    dialog = dialog_of(qtbot, panel, ItemDialog)
    retype(qtbot, dialog.name_edit, "Lao động tiên tiến (bản của tôi)")
    seen = stored(ctx, "LDTT")
    assert seen is not None
    ctx.write(  # another clerk saves first
        update_item,
        "LDTT",
        ItemEdit("Lao động tiên tiến (bản kia)", seen.short, seen.synonyms),
        expected_version=seen.version,
    )
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)
    assert panel.dialog is None
    [message] = message_boxes.shown
    assert message.kind == "warning" and message.title == "Không lưu được"
    assert message.text == CONFLICT_MESSAGE
    assert stored(ctx, "LDTT").name == "Lao động tiên tiến (bản kia)"  # type: ignore[union-attr]
    assert shown(panel, "LDTT")[COL_NAME] == "Lao động tiên tiến (bản kia)"  # read again


def _add_tu_phap(qtbot, panel: CataloguePanel) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(panel.view, Qt.Key.Key_N, CTRL)
    dialog = dialog_of(qtbot, panel, NewFormDialog)
    type_text(dialog.name_edit, "Giấy khen của Giám đốc Sở Tư pháp")
    type_text(dialog.short_edit, "GK Sở Tư pháp")
    qtbot.mouseClick(dialog.subject_checks["TAP_THE"], Qt.MouseButton.LeftButton)
    type_text(dialog.decided_edit, "Giám đốc Sở Tư pháp")
    type_date(qtbot, dialog.from_edit, "01/07/2025")
    assert dialog.fields.edits["HO_GIA_DINH"].isHidden()
    qtbot.keyClicks(dialog.fields.edits["CA_NHAN"], "0,3")
    qtbot.keyClicks(dialog.fields.edits["TAP_THE"], "0,6")
    type_text(dialog.coefficient_basis_edit, "Nghị định 152/2025/NĐ-CP, Điều 54")
    with qtbot.waitSignal(panel.changed):
        qtbot.keyClick(dialog.coefficient_basis_edit, Qt.Key.Key_Return)
    assert panel.dialog is None


def test_a_local_form_is_added_and_deleted_after_a_question(  # type: ignore[no-untyped-def]
    qtbot, panel: CataloguePanel, ctx, monkeypatch
) -> None:
    _add_tu_phap(qtbot, panel)
    row = stored(ctx, "GK_SO_TU_PHAP")
    assert row is not None and row.local and row.subjects == ("CA_NHAN", "TAP_THE")
    assert row.coefficients_on(date(2025, 7, 1)) == {
        "CA_NHAN": Decimal("0.3"),
        "TAP_THE": Decimal("0.6"),
    }
    cells = shown(panel, "GK_SO_TU_PHAP")
    assert (cells[COL_SOURCE], cells[COL_COEFFICIENTS]) == ("Riêng của Sở", "CN 0,3 · TT 0,6")
    assert panel.selected() is not None and panel.selected().code == "GK_SO_TU_PHAP"

    asked: list[tuple[str, object]] = []
    answer = [No]

    def question(_parent, _title, text, _buttons, default):  # type: ignore[no-untyped-def]
        asked.append((text, default))
        return answer[0]

    monkeypatch.setattr(QMessageBox, "question", question)
    focus(qtbot, panel.view)
    qtbot.keyClick(panel.view, Qt.Key.Key_Delete)
    [(text, default)] = asked
    assert "Giấy khen của Giám đốc Sở Tư pháp" in text and default == No
    assert stored(ctx, "GK_SO_TU_PHAP") is not None  # No leaves it
    answer[0] = Yes
    with qtbot.waitSignal(panel.changed):
        qtbot.keyClick(panel.view, Qt.Key.Key_Delete)
    assert stored(ctx, "GK_SO_TU_PHAP") is None
    assert "GK_SO_TU_PHAP" not in codes_shown(panel)


def test_a_used_local_form_and_a_shipped_item_are_not_deleted(  # type: ignore[no-untyped-def]
    qtbot, panel: CataloguePanel, ctx, message_boxes
) -> None:
    _add_tu_phap(qtbot, panel)
    with ctx.session_factory.begin() as s:
        agency = build_agency(s)
        add_decision(
            s,
            number="11/QĐ-SNNMT",
            day=date(2026, 1, 20),
            code="GK_SO_TU_PHAP",
            lines=[("CA_NHAN", agency.people["nam"], "GK_SO_TU_PHAP")],
        )
    message_boxes.answer = Yes
    click_code(qtbot, panel, "GK_SO_TU_PHAP")
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    assert [m.kind for m in message_boxes.shown] == ["question", "warning"]
    assert "đã được dùng" in message_boxes.shown[-1].text
    assert stored(ctx, "GK_SO_TU_PHAP") is not None
    assert "GK_SO_TU_PHAP" in codes_shown(panel)
    click_code(qtbot, panel, "GK_SO")
    assert not panel.delete_button.isEnabled()
    qtbot.keyClick(panel.view, Qt.Key.Key_Delete)
    assert message_boxes.shown[-1].kind == "warning"
    assert "Chỉ ghi lịch sử" in message_boxes.shown[-1].text
    assert stored(ctx, "GK_SO") is not None


def test_the_settings_screen_has_the_tab(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    screen = SettingsScreen(ctx, 2026)
    qtbot.addWidget(screen)
    titles = [screen.tabs.tabText(i) for i in range(screen.tabs.count())]
    assert "Danh mục danh hiệu, hình thức" in titles
    assert screen.tabs.widget(titles.index("Danh mục danh hiệu, hình thức")) is (
        screen.catalogue_panel
    )


def test_deleting_a_form_another_clerk_just_changed_is_refused(  # type: ignore[no-untyped-def]
    qtbot, panel: CataloguePanel, ctx, message_boxes
) -> None:
    _add_tu_phap(qtbot, panel)
    seen = stored(ctx, "GK_SO_TU_PHAP")
    assert seen is not None
    ctx.write(
        update_item,
        "GK_SO_TU_PHAP",
        ItemEdit("Giấy khen của Giám đốc Sở Tư pháp tỉnh", seen.short),
        expected_version=seen.version,
    )
    message_boxes.answer = Yes
    focus(qtbot, panel.view)
    qtbot.keyClick(panel.view, Qt.Key.Key_Delete)
    assert [m.kind for m in message_boxes.shown] == ["question", "warning"]
    assert message_boxes.shown[-1].text == CONFLICT_MESSAGE
    assert stored(ctx, "GK_SO_TU_PHAP") is not None
    assert shown(panel, "GK_SO_TU_PHAP")[COL_NAME] == "Giấy khen của Giám đốc Sở Tư pháp tỉnh"


def test_tab_goes_from_the_filter_to_the_table_then_the_buttons(  # type: ignore[no-untyped-def]
    qtbot, panel: CataloguePanel
) -> None:
    click_code(qtbot, panel, "GK_SO")
    focus(qtbot, panel.filter_edit)
    order = []
    for _ in range(4):
        qtbot.keyClick(panel.focusWidget(), Qt.Key.Key_Tab)
        order.append(panel.focusWidget())
    assert order == [panel.view, panel.edit_button, panel.add_button, panel.step_view]
