"""The "Báo cáo & biểu mẫu" page: export the staff list through clicks."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from app.domain.people import PersonInput
from app.domain.units import UnitInput
from app.services import people as people_svc
from app.services import units as unit_svc
from app.ui.screens.reports import ReportsScreen


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
        people_svc.create_person(
            s,
            PersonInput(ho_dem="Nguyễn Văn", ten="An", birth_date=date(1980, 1, 2)),
            unit_id=vp.id,
            position_title="Chánh Văn phòng",
        )
        people_svc.create_person(
            s,
            PersonInput(ho_dem="Đỗ Thị", ten="Bình"),
            unit_id=kl.id,
            position_title="Chi cục trưởng",
        )
        return {"vp": vp.id, "kl": kl.id}

    return ctx.write(build)


@pytest.fixture
def screen(qtbot, ctx, runner, org):
    page = ReportsScreen(ctx, 2026)
    page.set_runner(runner)
    qtbot.addWidget(page)
    page.resize(900, 700)
    page.show()
    return page


def _names_in(path: Path) -> list[str]:
    ws = load_workbook(path).active
    return [str(c.value) for row in ws.iter_rows() for c in row if isinstance(c.value, str)]


def test_staff_list_is_exported_for_the_chosen_unit(
    qtbot, screen, org, tmp_path, monkeypatch
) -> None:
    target = tmp_path / "ds.xlsx"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    assert screen.current_form().code == "staff-list"
    assert screen.unit_combo.isVisible() and screen.date_edit.isVisible()
    assert "mặc định" in screen.template_label.text()
    index = screen.unit_combo.findData(org["kl"])
    screen.unit_combo.setCurrentIndex(index)
    qtbot.mouseClick(screen.export_button, Qt.MouseButton.LeftButton)
    assert target.is_file()
    names = _names_in(target)
    assert "Đỗ Thị Bình" in names and "Nguyễn Văn An" not in names
    assert str(target) in screen.result_label.text()
    assert screen.open_button.isEnabled()


def test_export_shortcut_and_whole_agency(qtbot, screen, tmp_path, monkeypatch) -> None:
    target = tmp_path / "toan-co-quan"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    screen.unit_combo.setFocus()
    qtbot.keyClick(screen, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    written = tmp_path / "toan-co-quan.xlsx"
    names = _names_in(written)
    assert "Đỗ Thị Bình" in names and "Nguyễn Văn An" in names


def test_cancelled_file_dialog_writes_nothing(qtbot, screen, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: ("", "")))
    qtbot.mouseClick(screen.export_button, Qt.MouseButton.LeftButton)
    assert not list(tmp_path.glob("*.xlsx"))
    assert screen.result_label.text() == ""


def test_target_open_in_excel_is_reported_and_kept(
    qtbot, screen, tmp_path, monkeypatch, message_boxes
) -> None:
    target = tmp_path / "ds.xlsx"
    target.write_bytes(b"old content")
    (tmp_path / "~$ds.xlsx").write_bytes(b"lock")
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    qtbot.mouseClick(screen.export_button, Qt.MouseButton.LeftButton)
    assert target.read_bytes() == b"old content"
    assert any("đang mở trong Excel" in text for text in message_boxes.texts)
    assert "đang mở trong Excel" in screen.result_label.text()
