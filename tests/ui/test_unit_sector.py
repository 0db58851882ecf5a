"""A unit's field (lĩnh vực, issue 26) edited in the unit dialog by keyboard, kept in the
database, and searched in "Tra cứu khen thưởng"."""

from __future__ import annotations

import pytest
from keyboard import type_text
from PySide6.QtCore import Qt

from app.domain.units import UnitInput
from app.services.context import AppContext
from app.services.units import create_unit, get_unit, list_units
from app.ui.screens.search import SearchScreen
from app.ui.screens.units.unit_dialogs import UnitFormDialog
from app.ui.screens.units.unit_panel import UnitPanel
from award_search_data import IN_FORESTRY, count_specs, make_data

AGRICULTURE = "Nông nghiệp - Nông thôn"


@pytest.fixture
def org(ctx: AppContext) -> dict[str, int]:
    """Sở (Nông nghiệp - Nông thôn) > Chi cục Thủy lợi (its own field: none yet)."""
    so = ctx.write(
        create_unit, UnitInput(code="SO", full_name="Sở", kind="CO_QUAN", sector=AGRICULTURE)
    )
    cc = ctx.write(
        create_unit, UnitInput(code="CCTL", full_name="Chi cục Thủy lợi", parent_id=so.id)
    )
    return {"SO": so.id, "CCTL": cc.id}


@pytest.fixture
def panel(qtbot, ctx: AppContext, org) -> UnitPanel:  # type: ignore[no-untyped-def]
    widget = UnitPanel(ctx)
    qtbot.addWidget(widget)
    widget.resize(600, 700)
    with qtbot.waitExposed(widget):
        widget.show()
    with qtbot.waitActive(widget):
        widget.activateWindow()
    return widget


def open_dialog(qtbot, panel: UnitPanel, unit_id: int, key: Qt.Key) -> UnitFormDialog:  # type: ignore[no-untyped-def]
    panel.activateWindow()  # back from the last dialog, as the window system does
    qtbot.waitUntil(panel.isActiveWindow)
    index = panel.model.index_of(unit_id)
    rect = panel.tree.visualRect(index)
    qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.keyClick(panel.tree, key)
    qtbot.waitUntil(lambda: panel.dialog is not None and panel.dialog.isVisible())
    dialog = panel.dialog
    assert dialog is not None
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def test_the_field_is_typed_in_the_unit_dialog(qtbot, panel, ctx, org) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, panel, org["CCTL"], Qt.Key.Key_Return)
    field = dialog.sector_field  # type: ignore[attr-defined]
    assert field.currentText() == ""
    # empty, the unit works in the Sở's field: the field says so
    assert field.lineEdit().placeholderText() == f"Như đơn vị cấp trên: {AGRICULTURE}"
    qtbot.keyClick(dialog, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)  # Lĩ&nh vực
    assert field.hasFocus()
    type_text(field.lineEdit(), "Thủy lợi")
    with qtbot.waitSignal(panel.unitsChanged):
        qtbot.keyClick(field.lineEdit(), Qt.Key.Key_Return)
    assert panel.dialog is None
    assert ctx.read(get_unit, org["CCTL"]).sector == "Thủy lợi"

    # a new unit under the Sở: the fields in use are offered; one typed another way keeps
    # the spelling the others have
    dialog = open_dialog(qtbot, panel, org["SO"], Qt.Key.Key_Insert)
    field = dialog.sector_field  # type: ignore[attr-defined]
    assert [field.itemText(i) for i in range(field.count())] == [AGRICULTURE, "Thủy lợi"]
    qtbot.keyClicks(dialog.code_edit, "p-kh")  # type: ignore[attr-defined]
    type_text(dialog.name_edit, "Phòng Kế hoạch")  # type: ignore[attr-defined]
    type_text(field.lineEdit(), "nông nghiệp - NÔNG THÔN")
    with qtbot.waitSignal(panel.unitsChanged):
        qtbot.keyClick(field.lineEdit(), Qt.Key.Key_Return)
    made = next(u for u in ctx.read(list_units) if u.code == "P-KH")
    assert made.sector == AGRICULTURE


def test_the_search_screen_filters_by_field(qtbot, database, ctx) -> None:  # type: ignore[no-untyped-def]
    from award_search_data import give_sectors

    data = make_data(database)
    give_sectors(database)
    page = SearchScreen(ctx, 2024)
    qtbot.addWidget(page)
    with qtbot.waitExposed(page):
        page.show()
    combo = page.sector_combo
    assert [combo.itemText(i) for i in range(combo.count())] == ["Lâm nghiệp", "Thủy lợi"]
    type_text(combo.lineEdit(), "lam nghiep")
    qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_Return)
    expected = count_specs(data["specs"], units=IN_FORESTRY)
    assert page.proxy.rowCount() == expected > 0
    assert page.counts_label.text() == f"{expected} lượt khen thưởng"
