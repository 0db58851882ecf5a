"""Sign-up workbooks in the GUI: exported from "Báo cáo & biểu mẫu", read back from the campaigns
screen with a check first and all or nothing after."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from sqlalchemy import text

from app.domain.people import PersonInput
from app.domain.units import UnitInput
from app.services import campaigns as camp_svc
from app.services import people as people_svc
from app.services import registrations as reg_svc
from app.services import units as unit_svc
from app.ui.screens.campaigns import CampaignsScreen
from app.ui.screens.reports import ReportsScreen

YEAR = 2026


@pytest.fixture
def org(ctx):
    def build(s):
        so = unit_svc.create_unit(
            s, UnitInput(code="SO", full_name="Sở Nông nghiệp và Môi trường", kind="CO_QUAN")
        )
        vp = unit_svc.create_unit(
            s, UnitInput(code="VP", full_name="Văn phòng Sở", parent_id=so.id, kind="VAN_PHONG")
        )
        an = people_svc.create_person(
            s,
            PersonInput(ho_dem="Lê Văn", ten="An", birth_date=date(1980, 1, 1), staff_code="VP001"),
            unit_id=vp.id,
            position_title="Chánh Văn phòng",
        )
        people_svc.create_person(
            s,
            PersonInput(
                ho_dem="Trần Thị", ten="Bình", birth_date=date(1988, 3, 4), staff_code="VP002"
            ),
            unit_id=vp.id,
            position_title="Chuyên viên",
        )
        campaign, _ = camp_svc.ensure_regular_campaign(s, YEAR)
        reg_svc.register_person(s, campaign.id, an, "LDTT")
        return {"vp": vp.id, "campaign": campaign.id}

    return ctx.write(build)


def _registered(ctx, campaign_id: int) -> dict[str, str]:
    return {
        r.full_name: r.catalogue_code for r in ctx.read(reg_svc.list_registrations, campaign_id)
    }


def _row_of(ws, name: str) -> int:
    return next(c.row for row in ws.iter_rows() for c in row if c.value == name)


def _export(qtbot, ctx, runner, org, path, monkeypatch) -> None:
    page = ReportsScreen(ctx, YEAR)
    page.set_runner(runner)
    qtbot.addWidget(page)
    page.show()
    codes = [
        page.form_list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(page.form_list.count())
    ]
    page.form_list.setCurrentRow(codes.index("registration-form"))
    page.unit_combo.setCurrentIndex(page.unit_combo.findData(org["vp"]))
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(path), ""))
    )
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    assert path.is_file(), page.result_label.text()


@pytest.fixture
def screen(qtbot, ctx, runner, org, message_boxes):
    page = CampaignsScreen(ctx, YEAR)
    page.set_runner(runner)
    qtbot.addWidget(page)
    page.show()
    return page


def test_unit_workbook_round_trip_through_the_gui(
    qtbot, ctx, runner, org, screen, tmp_path, monkeypatch
) -> None:
    path = tmp_path / "VP.xlsx"
    _export(qtbot, ctx, runner, org, path, monkeypatch)
    wb = load_workbook(path)
    ws = wb["Cá nhân"]
    ws.cell(_row_of(ws, "Trần Thị Bình"), 8).value = "LĐTT"  # the unit adds a sign-up
    wb.save(path)

    dialog = screen.open_registration_import()
    dialog.path_edit.setText(str(path))
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert dialog.write_button.isEnabled()
    assert "Sẽ thêm 1" in dialog.report_view.toPlainText()
    assert _registered(ctx, org["campaign"]) == {"Lê Văn An": "LDTT"}  # the check wrote nothing
    with qtbot.waitSignal(dialog.imported, timeout=2000):
        qtbot.mouseClick(dialog.write_button, Qt.MouseButton.LeftButton)
    assert _registered(ctx, org["campaign"]) == {"Lê Văn An": "LDTT", "Trần Thị Bình": "LDTT"}
    assert "Đã thêm 1" in dialog.report_view.toPlainText()


def test_a_broken_workbook_cannot_be_written(
    qtbot, ctx, runner, org, screen, tmp_path, monkeypatch
) -> None:
    path = tmp_path / "VP.xlsx"
    _export(qtbot, ctx, runner, org, path, monkeypatch)
    wb = load_workbook(path)
    ws = wb["Cá nhân"]
    ws.cell(_row_of(ws, "Trần Thị Bình"), 8).value = "Danh hiệu không có"
    wb.save(path)
    with ctx.session_factory() as s:
        before = s.execute(text("SELECT COUNT(*) FROM registration")).scalar_one()
    dialog = screen.open_registration_import()
    dialog.path_edit.setText(str(path))
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert not dialog.write_button.isEnabled()
    assert "Lỗi" in dialog.report_view.toPlainText() and "Còn lỗi" in dialog.status_label.text()
    notes = tmp_path / "ghi-chu.xlsx"
    notes.write_text("không phải Excel", encoding="utf-8")
    dialog.path_edit.setText(str(notes))
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert "ghi-chu.xlsx" in dialog.status_label.text() and not dialog.write_button.isEnabled()
    with ctx.session_factory() as s:
        assert s.execute(text("SELECT COUNT(*) FROM registration")).scalar_one() == before
