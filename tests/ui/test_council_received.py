"""The Council tab's "Ngày nhận hồ sơ…" (Kiểm phiếu menu): the day typed for the selected
candidates is stored, shown in its column and survives a reload; a day after the meeting is
refused in the form and nothing is written."""

from __future__ import annotations

from datetime import date

import pytest
from keyboard import type_text
from PySide6.QtCore import Qt

from app.domain.people import PersonInput
from app.domain.units import UnitInput
from app.services import council
from app.services import council_candidates as cc
from app.services import people as people_svc
from app.services import units as unit_svc
from app.ui.screens.review.council_ballots import ReceivedDateDialog
from app.ui.screens.review.council_panel import CouncilPanel
from app.ui.screens.review.council_table import COL_NAME, COL_RECEIVED

YEAR = 2026
MEETING = date(YEAR, 12, 18)


@pytest.fixture
def session_id(ctx) -> int:  # type: ignore[no-untyped-def]
    def build(s) -> int:  # type: ignore[no-untyped-def]
        vp = unit_svc.create_unit(
            s, UnitInput(code="VP", full_name="Văn phòng Sở", kind="VAN_PHONG")
        )
        ids = [
            people_svc.create_person(
                s,
                PersonInput(ho_dem="Trần Văn", ten=name, birth_date=date(1980, 1, 1)),
                unit_id=vp.id,
            )
            for name in ("An", "Bình", "Chi")
        ]
        sid = council.create_session(s, council.SessionInput(YEAR, MEETING, 9, 9, 0, "Sở"))
        cc.store_candidates(s, sid, [cc.CandidateInput("person", pid, "CSTDCS") for pid in ids])
        return sid

    return ctx.write(build)


def _panel(qtbot, ctx, runner) -> CouncilPanel:  # type: ignore[no-untyped-def]
    panel = CouncilPanel(ctx)
    qtbot.addWidget(panel)
    panel.set_runner(runner)
    panel.set_year(YEAR)
    panel.resize(1200, 600)
    with qtbot.waitExposed(panel):
        panel.show()
    return panel


def _select(panel: CouncilPanel, names: list[str]) -> None:
    panel.table.clearSelection()
    for name in names:
        index = panel.cell(name, COL_NAME)
        assert index.isValid(), name
        model = panel.table.selectionModel()
        model.select(index, model.SelectionFlag.Select)
        model.setCurrentIndex(index, model.SelectionFlag.NoUpdate)


def _dialog(qtbot, panel: CouncilPanel) -> ReceivedDateDialog:  # type: ignore[no-untyped-def]
    panel.received_action.trigger()
    qtbot.waitUntil(lambda: panel.dialog is not None and panel.dialog.isVisible())
    assert isinstance(panel.dialog, ReceivedDateDialog)
    return panel.dialog


def _received(ctx, sid: int) -> dict[str, date | None]:  # type: ignore[no-untyped-def]
    return {c.name: c.received_on for c in ctx.read(cc.list_candidates, sid)}


def test_the_received_day_is_typed_for_the_selected_rows(qtbot, ctx, runner, session_id) -> None:  # type: ignore[no-untyped-def]
    panel = _panel(qtbot, ctx, runner)
    _select(panel, ["Trần Văn An", "Trần Văn Bình"])
    dialog = _dialog(qtbot, panel)
    type_text(dialog.date_edit, "20/09/2026")
    qtbot.keyClick(dialog.date_edit, Qt.Key.Key_Tab)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: panel.dialog is None)
    assert _received(ctx, session_id) == {
        "Trần Văn An": date(2026, 9, 20),
        "Trần Văn Bình": date(2026, 9, 20),
        "Trần Văn Chi": None,
    }
    shown = panel.proxy.data(panel.cell("Trần Văn An", COL_RECEIVED))
    assert shown == "20/09/2026"
    assert panel.proxy.data(panel.cell("Trần Văn Chi", COL_RECEIVED)) == ""
    assert "2 dòng" in panel.status_label.text()


def test_a_day_after_the_meeting_is_refused_in_the_form(qtbot, ctx, runner, session_id) -> None:  # type: ignore[no-untyped-def]
    panel = _panel(qtbot, ctx, runner)
    _select(panel, ["Trần Văn Chi"])
    dialog = _dialog(qtbot, panel)
    type_text(dialog.date_edit, "19/12/2026")
    qtbot.keyClick(dialog.date_edit, Qt.Key.Key_Tab)
    dialog.ok_button.click()
    assert dialog.isVisible()
    assert "sau ngày họp Hội đồng 18/12/2026" in dialog.error_label.text()
    dialog.reject()
    assert set(_received(ctx, session_id).values()) == {None}
