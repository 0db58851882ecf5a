"""Lộ trình in the person record (a tab, read when shown) and in the unit panel ("Lộ trình…",
Ctrl+Shift+L): the same lines as the service gives, for the year the clerk picks."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from app.db.models import AwardRecord, PersonGrade, UnitGrade
from app.domain.people import PersonInput
from app.domain.units import UnitInput
from app.services import people as svc
from app.services import units as unit_svc
from app.services.context import AppContext
from app.services.title_path import person_title_path, unit_title_path
from app.ui.screens.units.person_dialog import PersonDialog
from app.ui.screens.units.title_path_view import UnitPathDialog
from app.ui.screens.units.unit_panel import UnitPanel

THIS_YEAR = date.today().year


@pytest.fixture
def record(ctx: AppContext) -> dict[str, int]:
    def build(s) -> dict[str, int]:  # type: ignore[no-untyped-def]
        root = unit_svc.create_unit(s, UnitInput(code="SO", full_name="Sở", kind="CO_QUAN"))
        vp = unit_svc.create_unit(
            s, UnitInput(code="VP", full_name="Văn phòng Sở", parent_id=root.id, kind="VAN_PHONG")
        )
        person = svc.create_person(
            s,
            PersonInput(ho_dem="Nguyễn Thị", ten="Hà", birth_date=date(1985, 4, 2)),
            unit_id=vp.id,
            position_title="Chuyên viên",
            start_date=date(2015, 1, 1),
        )
        for year in (THIS_YEAR - 2, THIS_YEAR - 1):
            s.add(PersonGrade(person_id=person, year=year, grade="HTXSNV", months_worked=12))
            s.add(UnitGrade(unit_id=vp.id, year=year, grade="HTXSNV"))
            s.add(
                AwardRecord(
                    subject_kind="CA_NHAN", person_id=person, catalogue_code="CSTDCS", year=year
                )
            )
        return {"person": person, "vp": vp.id}

    return ctx.write(build)


def test_the_person_record_shows_the_path_when_its_tab_is_opened(qtbot, ctx, record) -> None:  # type: ignore[no-untyped-def]
    dialog = PersonDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.load(ctx.read(svc.get_person, record["person"]))
    dialog.show()
    assert dialog.path_view.path is None  # nothing read before the tab is shown
    bar = dialog.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(dialog.path_tab).center())
    expected = ctx.read(person_title_path, record["person"], THIS_YEAR, THIS_YEAR + 1)
    assert dialog.path_view.path == expected
    text = dialog.path_view.text()
    cstd = next(line for line in expected.lines if line.title == "CSTD_TINH")
    assert f"CSTĐ tỉnh {THIS_YEAR + 1}" in text
    assert all(need in text for need in cstd.needs)
    # another year: read again, for that year
    dialog.path_view.target_spin.setValue(THIS_YEAR + 2)
    assert dialog.path_view.path is not None and dialog.path_view.path.target == THIS_YEAR + 2
    assert f"CSTĐ tỉnh {THIS_YEAR + 2}" in dialog.path_view.text()


def test_a_new_person_has_no_path_tab_to_open(qtbot, ctx, record) -> None:  # type: ignore[no-untyped-def]
    dialog = PersonDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.load(None)
    assert not dialog.tabs.isTabEnabled(dialog.path_tab)


def test_the_unit_panel_opens_the_collectives_path(qtbot, ctx, record) -> None:  # type: ignore[no-untyped-def]
    panel = UnitPanel(ctx)
    qtbot.addWidget(panel)
    with qtbot.waitExposed(panel):
        panel.show()
    with qtbot.waitActive(panel):
        panel.activateWindow()
    panel.refresh()
    assert panel.select_unit(record["vp"])
    panel.tree.setFocus()
    assert panel.path_action.isEnabled()
    seen: list[str] = []

    def read_and_close() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, UnitPathDialog):
            QTimer.singleShot(10, read_and_close)
            return
        seen.append(dialog.windowTitle())
        seen.append(dialog.view.text())
        dialog.reject()

    QTimer.singleShot(0, read_and_close)
    qtbot.keyClick(
        panel.tree,
        Qt.Key.Key_L,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert seen, "Ctrl+Shift+L opened no dialog"
    assert seen[0] == "Lộ trình của tập thể: Văn phòng Sở"
    expected = ctx.read(unit_title_path, record["vp"], THIS_YEAR, THIS_YEAR + 1)
    bk = next(line for line in expected.lines if line.title == "BK_TINH")
    assert f"Bằng khen tỉnh {THIS_YEAR + 1}" in seen[1] and bk.needs[0] in seen[1]
    assert panel.path_dialog is None
