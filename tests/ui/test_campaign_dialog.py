"""The campaign form and the reason dialog: load / values / validate / accept, attachments."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from keyboard import type_text
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.domain.campaigns import REGULAR, THEMATIC, CampaignInput, PlannedAward
from app.services import campaigns as camp
from app.ui.screens.campaigns.campaign_dialog import CampaignDialog, ReasonDialog


@pytest.fixture
def dialog(qtbot) -> CampaignDialog:  # type: ignore[no-untyped-def]
    widget = CampaignDialog()
    qtbot.addWidget(widget)
    return widget


def test_round_trip_of_an_input(dialog: CampaignDialog) -> None:
    data = CampaignInput(
        name="Thi đua chào mừng Đại hội Đảng bộ",
        kind=THEMATIC,
        scope="CUM_KHOI",
        start_date=date(2025, 3, 1),
        end_date=date(2025, 9, 30),
        registration_deadline=date(2025, 3, 31),
        launch_number="05/KH-SNNMT",
        launch_date=date(2025, 2, 20),
        launch_level="CAP_BO_TINH",
        subjects_text="Tập thể, cá nhân",
        criteria="Ba tiêu chí\nmột dòng nữa",
        awards=(PlannedAward("GK_SO", 10), PlannedAward("LDTT", 30, "CA_NHAN")),
    )
    dialog.load(data)
    assert dialog.windowTitle() == "Thêm phong trào"
    got = dialog.values()
    assert got.name == data.name and got.kind == THEMATIC and got.scope == "CUM_KHOI"
    assert (got.start_date, got.end_date, got.registration_deadline) == (
        date(2025, 3, 1),
        date(2025, 9, 30),
        date(2025, 3, 31),
    )
    assert (got.launch_number, got.launch_date, got.launch_level) == (
        "05/KH-SNNMT",
        date(2025, 2, 20),
        "CAP_BO_TINH",
    )
    assert got.criteria == "Ba tiêu chí\nmột dòng nữa"
    assert [(a.catalogue_code, a.quantity, a.subject_kind) for a in got.awards] == [
        ("GK_SO", 10, None),
        ("LDTT", 30, "CA_NHAN"),
    ]
    assert dialog.validate() == []


def test_accept_refuses_problems(qtbot, dialog: CampaignDialog) -> None:  # type: ignore[no-untyped-def]
    dialog.load(
        CampaignInput(
            name="",
            kind=REGULAR,
            scope="CO_QUAN_DON_VI",
            start_date=date(2025, 1, 1),
            end_date=date(2025, 6, 30),
            registration_deadline=date(2025, 7, 15),
        )
    )
    with qtbot.waitExposed(dialog):
        dialog.show()
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)
    assert dialog.isVisible()
    text = dialog.error_label.text()
    assert "Chưa nhập tên phong trào" in text
    assert "sau ngày kết thúc 30/06/2025" in text
    type_text(dialog.name_edit, "Phong trào năm 2025")
    dialog.deadline.setFocus()  # no deadline: the field emptied
    qtbot.keyClick(dialog.deadline, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(dialog.deadline, Qt.Key.Key_Delete)
    committed: list[CampaignInput] = []
    dialog.set_committer(lambda v: committed.append(v) or True)
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert committed and committed[0].name == "Phong trào năm 2025"
    assert committed[0].registration_deadline is None


def test_planned_awards_add_replace_remove(qtbot, dialog: CampaignDialog, message_boxes) -> None:  # type: ignore[no-untyped-def]
    dialog.award_combo.setCurrentIndex(dialog.award_combo.findData("BK_TINH"))
    dialog.award_count.setValue(4)
    qtbot.mouseClick(dialog.add_award_button, Qt.MouseButton.LeftButton)
    dialog.award_count.setValue(6)
    qtbot.mouseClick(dialog.add_award_button, Qt.MouseButton.LeftButton)  # same code: replaced
    assert [(a.catalogue_code, a.quantity) for a in dialog.values().awards] == [("BK_TINH", 6)]
    dialog.award_view.selectRow(0)
    message_boxes.answer = QMessageBox.StandardButton.No  # removing asks first
    qtbot.mouseClick(dialog.remove_award_button, Qt.MouseButton.LeftButton)
    assert "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh" in message_boxes.shown[-1].text
    assert [(a.catalogue_code, a.quantity) for a in dialog.values().awards] == [("BK_TINH", 6)]
    message_boxes.answer = QMessageBox.StandardButton.Yes
    qtbot.mouseClick(dialog.remove_award_button, Qt.MouseButton.LeftButton)
    assert dialog.values().awards == ()
    names = [dialog.award_combo.itemText(i) for i in range(dialog.award_combo.count())]
    assert "Giấy khen của Chủ tịch Ủy ban nhân dân cấp huyện" not in names  # history only


def test_attachments_added_and_removed(
    qtbot, ctx, monkeypatch, tmp_path: Path, message_boxes
) -> None:  # type: ignore[no-untyped-def]
    old = tmp_path / "Kế hoạch cũ.docx"
    old.write_bytes(b"%PDF-1.4 old")  # kept in the database: a kind of file it accepts
    new = tmp_path / "Công văn mới.pdf"
    new.write_bytes(b"new")
    c = ctx.write(camp.ensure_regular_campaign, 2025)[0]
    ctx.write(camp.add_attachment, c.id, old)
    dialog = CampaignDialog()
    qtbot.addWidget(dialog)
    dialog.load(ctx.read(camp.get_campaign, c.id))
    assert dialog.windowTitle() == "Sửa phong trào"
    assert dialog.campaign_id == c.id
    assert [dialog.file_list.item(i).text() for i in range(dialog.file_list.count())] == [
        "Kế hoạch cũ.docx"
    ]
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(new), ""))
    qtbot.mouseClick(dialog.add_file_button, Qt.MouseButton.LeftButton)
    dialog.file_list.setCurrentRow(0)
    message_boxes.answer = QMessageBox.StandardButton.No  # a stored file: asked first
    qtbot.mouseClick(dialog.remove_file_button, Qt.MouseButton.LeftButton)
    assert "Kế hoạch cũ.docx" in message_boxes.shown[-1].text
    assert dialog.file_list.count() == 2 and dialog.attachment_changes().removed == ()
    message_boxes.answer = QMessageBox.StandardButton.Yes
    qtbot.mouseClick(dialog.remove_file_button, Qt.MouseButton.LeftButton)
    assert [dialog.file_list.item(i).text() for i in range(dialog.file_list.count())] == [
        "Công văn mới.pdf (mới)"
    ]
    changes = dialog.attachment_changes()
    assert changes.added == (new,)
    assert len(changes.removed) == 1
    # a cancelled file dialog adds nothing
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: ("", ""))
    qtbot.mouseClick(dialog.add_file_button, Qt.MouseButton.LeftButton)
    assert dialog.attachment_changes().added == (new,)


def test_reason_dialog_refuses_an_empty_reason(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = ReasonDialog("Văn phòng Sở")
    qtbot.addWidget(dialog)
    dialog.load(None)
    dialog.show()
    type_text(dialog.reason_edit, "   ")
    qtbot.keyClick(dialog.reason_edit, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.validate() == ["Trả lại bổ sung cần ghi lý do"]
    type_text(dialog.reason_edit, "Thiếu hồ sơ")
    assert dialog.values() == "Thiếu hồ sơ"
    qtbot.keyClick(dialog.reason_edit, Qt.Key.Key_Return)
    assert not dialog.isVisible()
