"""The "Đơn vị & cán bộ" screen: the tree filters the directory; writes refresh both."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.people import PersonInput
from app.domain.units import UnitInput
from app.services import people as people_svc
from app.services import units as unit_svc
from app.ui.screens.units import UnitsScreen


@pytest.fixture
def org(ctx):
    def build(s):
        root = unit_svc.create_unit(
            s, UnitInput(code="SO", full_name="Sở Nông nghiệp và Môi trường", kind="CO_QUAN")
        )
        vp = unit_svc.create_unit(
            s, UnitInput(code="VP", full_name="Văn phòng Sở", parent_id=root.id, kind="VAN_PHONG")
        )
        kl = unit_svc.create_unit(
            s,
            UnitInput(code="CCKL", full_name="Chi cục Kiểm lâm", parent_id=root.id, kind="CHI_CUC"),
        )
        hat = unit_svc.create_unit(
            s, UnitInput(code="HAT1", full_name="Hạt Kiểm lâm số 1", parent_id=kl.id, kind="HAT")
        )
        for ho, ten, unit in (
            ("Nguyễn Văn", "An", vp),
            ("Đỗ Thị", "Bình", kl),
            ("Lê Minh", "Cường", hat),
        ):
            people_svc.create_person(
                s,
                PersonInput(ho_dem=ho, ten=ten),
                unit_id=unit.id,
                position_title="Chuyên viên",
                start_date=date(2020, 1, 1),
            )
        return {"root": root.id, "vp": vp.id, "kl": kl.id, "hat": hat.id}

    return ctx.write(build)


@pytest.fixture
def screen(qtbot, ctx, runner, org, message_boxes):
    page = UnitsScreen(ctx, 2026)
    page.set_runner(runner)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    qtbot.waitUntil(lambda: len(page.people_panel.visible_rows()) == 3)
    return page


def _names(page: UnitsScreen) -> set[str]:
    return {r.full_name for r in page.people_panel.visible_rows()}


def test_selecting_a_unit_shows_its_people_and_its_sub_units(qtbot, screen, org) -> None:
    assert "4 đơn vị đang hoạt động" in screen.summary_label.text()
    assert screen.unit_panel.select_unit(org["kl"])
    qtbot.waitUntil(lambda: _names(screen) == {"Đỗ Thị Bình", "Lê Minh Cường"})
    assert screen.unit_panel.select_unit(org["vp"])
    qtbot.waitUntil(lambda: _names(screen) == {"Nguyễn Văn An"})
    assert screen.unit_panel.select_unit(None)
    qtbot.waitUntil(lambda: len(_names(screen)) == 3)


def test_a_merge_in_the_tree_refreshes_the_directory(qtbot, screen, ctx, org) -> None:
    def merge(s):
        return unit_svc.merge_units(
            s,
            [org["vp"], org["kl"]],
            UnitInput(code="VPKL", full_name="Văn phòng và Kiểm lâm"),
            date(2026, 1, 1),
            expected_versions={u: unit_svc.get_unit(s, u).version for u in (org["vp"], org["kl"])},
        )

    ctx.write(merge)
    screen.unit_panel.unitsChanged.emit()
    rows = {r.full_name: r.unit_name for r in screen.people_panel.visible_rows()}
    assert rows["Nguyễn Văn An"] == "Văn phòng và Kiểm lâm"
    assert rows["Đỗ Thị Bình"] == "Văn phòng và Kiểm lâm"
    assert "3 đơn vị đang hoạt động (tổng cộng 5)" in screen.summary_label.text()


def test_import_action_opens_the_wizard_and_a_written_import_refreshes(
    qtbot, screen, ctx, tmp_path
) -> None:
    from openpyxl import Workbook

    from app.services.backup import list_backups

    path = tmp_path / "ds.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.append(["STT", "Họ và tên", "Ngày sinh", "Chức vụ", "Đơn vị"])
    ws.append([1, "Trần Thị Dung", "02/03/1990", "Chuyên viên", "Văn phòng Sở"])
    wb.save(path)
    wizard = screen.open_import("staff")
    assert wizard.isVisible()
    wizard.file_page.path_edit.setText(str(path))
    wizard.next()  # Cột
    wizard.next()  # Kiểm tra (dry run)
    qtbot.waitUntil(lambda: wizard.preview is not None and wizard.preview.can_write)
    wizard.next()  # Ghi vào CSDL
    qtbot.waitUntil(lambda: wizard.report is not None)
    assert wizard.report.written and wizard.report.added == 1
    qtbot.waitUntil(lambda: "Trần Thị Dung" in _names(screen))
    assert "4 cán bộ đang công tác" in screen.summary_label.text()
    if ctx.file is not None:
        assert any(b.reason == "truoc-nhap" for b in list_backups())
