"""The order dialog of a nomination list: move lines with buttons and Alt+arrows, go back to
the standard order, save (stored in the database) or cancel; the saved order is the one the
"Báo cáo & biểu mẫu" page exports."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from app.db.models import PersonGrade
from app.domain.people import PersonInput
from app.domain.units import UnitInput
from app.services import campaigns as camp
from app.services import people as people_svc
from app.services import registrations as reg
from app.services import review
from app.services import units as unit_svc
from app.services.review_reports import get_nomination_order, set_nomination_order
from app.ui.screens.review.nomination_order_dialog import NominationOrderDialog

YEAR = 2025


@pytest.fixture
def nominees(ctx):
    """Three people and one unit proposed for the provincial Bằng khen in 2025."""

    def build(s):
        root = unit_svc.create_unit(s, UnitInput(code="SO", full_name="Sở", kind="CO_QUAN"))
        vp = unit_svc.create_unit(
            s, UnitInput(code="VP", full_name="Văn phòng Sở", parent_id=root.id, kind="VAN_PHONG")
        )
        campaign, _ = camp.ensure_regular_campaign(s, YEAR)
        ids = {"vp": vp.id}
        for key, ho_dem, ten, title in (
            ("an", "Nguyễn Văn", "An", "Chánh Văn phòng"),
            ("binh", "Trần Thị", "Bình", "Chuyên viên"),
            ("cuong", "Lê Văn", "Cường", "Chuyên viên"),
        ):
            pid = people_svc.create_person(
                s,
                PersonInput(ho_dem=ho_dem, ten=ten),
                unit_id=vp.id,
                position_title=title,
                start_date=date(2015, 1, 1),
            )
            s.add(PersonGrade(person_id=pid, year=YEAR, grade="HTTNV", months_worked=12))
            s.flush()
            reg.register_person(s, campaign.id, pid, "LDTT")
            review.set_override(s, YEAR, "person", pid, "BK_TINH", "Thành tích xuất sắc")
            ids[key] = pid
        review.set_override(s, YEAR, "unit", vp.id, "BK_TINH", "Đơn vị dẫn đầu")
        return ids

    return ctx.write(build)


def _names(dialog: NominationOrderDialog) -> list[str]:
    return [dialog.list.item(r).text() for r in range(dialog.list.count())]


def test_standard_order_moves_and_save(qtbot, ctx, nominees) -> None:
    dialog = NominationOrderDialog(ctx, YEAR, "BK_TINH")
    qtbot.addWidget(dialog)
    dialog.show()
    assert "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh" in dialog.windowTitle()
    # collectives first, then people in the standard order (position rank, then tên)
    assert _names(dialog) == [
        "1. Tập thể: Văn phòng Sở",
        "2. Nguyễn Văn An - Văn phòng Sở",
        "3. Trần Thị Bình - Văn phòng Sở",
        "4. Lê Văn Cường - Văn phòng Sở",
    ]
    assert dialog.state_label.text() == "Đang dùng thứ tự chuẩn."
    # the unit cannot leave its section, nor the first person climb into it
    dialog.list.setCurrentRow(0)
    assert not dialog.up_button.isEnabled() and not dialog.down_button.isEnabled()
    dialog.list.setCurrentRow(1)
    assert not dialog.up_button.isEnabled() and dialog.down_button.isEnabled()
    qtbot.mouseClick(dialog.down_button, Qt.MouseButton.LeftButton)  # An below Bình
    assert dialog.list.currentRow() == 2
    dialog.list.setCurrentRow(3)
    qtbot.keyClick(dialog.list, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)  # Cường up
    assert _names(dialog) == [
        "1. Tập thể: Văn phòng Sở",
        "2. Trần Thị Bình - Văn phòng Sở",
        "3. Lê Văn Cường - Văn phòng Sở",
        "4. Nguyễn Văn An - Văn phòng Sở",
    ]
    qtbot.keyClick(dialog.list, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(dialog.list, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)  # at the end
    assert dialog.list.currentRow() == 3
    expected = [
        ("unit", nominees["vp"]),
        ("person", nominees["binh"]),
        ("person", nominees["an"]),
        ("person", nominees["cuong"]),
    ]
    assert dialog.keys() == expected
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert ctx.read(get_nomination_order, YEAR, "BK_TINH") == expected

    again = NominationOrderDialog(ctx, YEAR, "BK_TINH")
    qtbot.addWidget(again)
    assert again.keys() == expected
    assert again.state_label.text() == "Đang dùng thứ tự do chuyên viên sắp."
    qtbot.mouseClick(again.standard_button, Qt.MouseButton.LeftButton)
    assert [n.split(". ", 1)[1] for n in _names(again)][1:] == [
        "Nguyễn Văn An - Văn phòng Sở",
        "Trần Thị Bình - Văn phòng Sở",
        "Lê Văn Cường - Văn phòng Sở",
    ]
    qtbot.mouseClick(again.save_button, Qt.MouseButton.LeftButton)
    # saving the standard order clears the stored one
    assert ctx.read(get_nomination_order, YEAR, "BK_TINH") == []


def test_cancel_keeps_the_stored_order(qtbot, ctx, nominees) -> None:
    stored = [("person", nominees["cuong"])]
    ctx.write(set_nomination_order, YEAR, "BK_TINH", stored)
    dialog = NominationOrderDialog(ctx, YEAR, "BK_TINH")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.keys()[1] == ("person", nominees["cuong"])  # the stored one first
    dialog.list.setCurrentRow(1)
    qtbot.mouseClick(dialog.down_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert ctx.read(get_nomination_order, YEAR, "BK_TINH") == stored


def test_nobody_proposed_and_unknown_title(qtbot, ctx, nominees) -> None:
    empty = NominationOrderDialog(ctx, YEAR, "CSTDTQ")
    qtbot.addWidget(empty)
    assert empty.list.count() == 0
    assert "Chưa có trường hợp nào được đề nghị" in empty.intro.text()
    assert not empty.up_button.isEnabled() and not empty.down_button.isEnabled()
    wrong = NominationOrderDialog(ctx, YEAR, "NOPE")
    qtbot.addWidget(wrong)
    assert "Không có danh hiệu/hình thức 'NOPE'" in wrong.error_label.text()
    assert not wrong.save_button.isEnabled()


def test_reports_page_exports_the_list_in_the_saved_order(
    qtbot, ctx, nominees, runner, tmp_path, monkeypatch
) -> None:
    """The order saved in the dialog is the one "Báo cáo & biểu mẫu" exports with "thu-cong"."""
    from openpyxl import load_workbook
    from PySide6.QtWidgets import QFileDialog

    from app.ui.screens.reports import ReportsScreen

    dialog = NominationOrderDialog(ctx, YEAR, "BK_TINH")
    qtbot.addWidget(dialog)
    dialog.list.setCurrentRow(3)  # Cường to the top of the people
    qtbot.mouseClick(dialog.up_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.up_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    page = ReportsScreen(ctx, YEAR)
    page.set_runner(runner)
    qtbot.addWidget(page)
    page.show()
    codes = [
        page.form_list.item(r).data(Qt.ItemDataRole.UserRole) for r in range(page.form_list.count())
    ]
    page.form_list.setCurrentRow(codes.index("nomination-list"))
    assert page.title_combo.isVisible() and page.order_combo.isVisible()
    assert not page.session_combo.isVisible()
    page.title_combo.setCurrentIndex(page.title_combo.findData("BK_TINH"))
    page.order_combo.setCurrentIndex(page.order_combo.findData("thu-cong"))
    target = tmp_path / "de-nghi.xlsx"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    ws = load_workbook(target).worksheets[0]
    people = [
        ws.cell(r, 2).value
        for r in range(1, ws.max_row + 1)
        if ws.cell(r, 2).value in ("Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường")
    ]
    assert people == ["Lê Văn Cường", "Nguyễn Văn An", "Trần Thị Bình"]
