"""The "Phong trào & đăng ký" screen driven as a clerk would, on a temporary database.

Dialogs open with ``QDialog.open()`` and show as ``screen.dialog`` (campaign form) or
``screen.panel.dialog`` (the reason of a return); tests fill them with key events
(``type_text`` for Vietnamese) and click their buttons. Message boxes are stubbed.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from keyboard import type_text
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFileDialog, QMessageBox, QTableView

from app.domain.people import PersonInput
from app.domain.units import UnitInput
from app.services import campaigns as camp
from app.services import people as people_svc
from app.services import registrations as reg
from app.services import units as unit_svc
from app.services.attachments import attachment_content
from app.ui.screens.campaigns.campaign_model import (
    COL_C_NAME,
    COL_C_STATUS,
    COL_P_FLAGS,
    COL_P_NAME,
    COL_P_TITLE,
    COL_U_NAME,
    COL_U_STATUS,
    COL_U_TITLE,
)
from app.ui.screens.campaigns.screen import CampaignsScreen
from app.ui.widgets.date_edit import DateEdit

YEAR = date.today().year
Yes = QMessageBox.StandardButton.Yes


# --- data ------------------------------------------------------------------------------------


@pytest.fixture
def org(ctx) -> dict[str, int]:  # type: ignore[no-untyped-def]
    def build(s):  # type: ignore[no-untyped-def]
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
        ids = {"root": root.id, "vp": vp.id, "kl": kl.id}
        for ho, ten, unit in (
            ("Nguyễn Văn", "Á", "vp"),
            ("Trần Thị", "Bình", "vp"),
            ("Lê Văn", "Cường", "vp"),
            ("Phạm Minh", "Châu", "kl"),
        ):
            ids[f"{ho} {ten}"] = people_svc.create_person(
                s,
                PersonInput(ho_dem=ho, ten=ten),
                unit_id=ids[unit],
                position_title="Chuyên viên",
                start_date=date(2020, 1, 1),
            )
        return ids

    return ctx.write(build)


@pytest.fixture
def regular(ctx, org) -> camp.CampaignDTO:  # type: ignore[no-untyped-def]
    return ctx.write(camp.ensure_regular_campaign, YEAR)[0]


def make_screen(qtbot, ctx) -> CampaignsScreen:  # type: ignore[no-untyped-def]
    screen = CampaignsScreen(ctx, YEAR)
    qtbot.addWidget(screen)
    screen.resize(1280, 760)
    with qtbot.waitExposed(screen):
        screen.show()
    return screen


# --- input helpers ---------------------------------------------------------------------------


def cell(view: QTableView, row: int, column: int) -> str:
    return str(view.model().index(row, column).data() or "")


def column_texts(view: QTableView, column: int) -> list[str]:
    return [cell(view, r, column) for r in range(view.model().rowCount())]


def click_row(qtbot, view: QTableView, text: str, column: int = 0) -> None:  # type: ignore[no-untyped-def]
    texts = [t.strip() for t in column_texts(view, column)]
    row = texts.index(text)
    rect = view.visualRect(view.model().index(row, column))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert view.currentIndex().row() == row


def choose(qtbot, combo: QComboBox, text: str) -> None:  # type: ignore[no-untyped-def]
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(combo.count()):
        if combo.currentText() == text:
            return
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentText() == text


def type_date(qtbot, edit: DateEdit, text: str) -> None:  # type: ignore[no-untyped-def]
    """Select the date field's text and type ``text`` over it, as a clerk does."""
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(edit, text)


def click(qtbot, widget) -> None:  # type: ignore[no-untyped-def]
    assert widget.isEnabled(), widget.text()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


# --- tests -----------------------------------------------------------------------------------


def test_create_campaign_and_register_a_unit(
    qtbot, ctx, org, message_boxes, monkeypatch, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    plan = tmp_path / "Kế hoạch phát động.pdf"
    plan.write_bytes(b"%PDF-1.4 ke hoach")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(plan), ""))
    screen = make_screen(qtbot, ctx)
    assert screen.model.rowCount() == 0
    assert screen.create_regular_button.isVisible()

    # "Thêm phong trào" by its shortcut, then the form typed in
    screen.view.setFocus()
    qtbot.keyClick(screen.view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = screen.dialog
    assert dialog is not None and dialog.isVisible()
    name = f"Phong trào thi đua thường xuyên năm {YEAR}"
    type_text(dialog.name_edit, name)
    assert dialog.kind_combo.currentText() == "Thường xuyên hằng năm"
    type_text(dialog.launch_number_edit, "12/KH-SNNMT")
    type_date(qtbot, dialog.start_date, f"01/01/{YEAR}")
    type_date(qtbot, dialog.deadline, f"28/12/{YEAR}")
    type_text(dialog.subjects_edit, "Cán bộ, công chức, viên chức")
    type_text(dialog.criteria_edit, "Hoàn thành tốt nhiệm vụ")
    choose(qtbot, dialog.award_combo, "Lao động tiên tiến")
    dialog.award_count.selectAll()
    qtbot.keyClicks(dialog.award_count, "25")
    click(qtbot, dialog.add_award_button)
    click(qtbot, dialog.add_file_button)
    assert dialog.file_list.count() == 1
    click(qtbot, dialog.ok_button)
    assert dialog.error_label.text() == ""
    assert screen.dialog is None

    # the database and the list
    saved = ctx.read(camp.list_campaigns, year=YEAR)
    assert len(saved) == 1
    c = saved[0]
    assert (c.name, c.kind, c.launch_number) == (name, "PT_THUONG_XUYEN", "12/KH-SNNMT")
    assert c.registration_deadline == date(YEAR, 12, 28)
    assert c.criteria == "Hoàn thành tốt nhiệm vụ"
    assert [(a.catalogue_code, a.quantity) for a in c.awards] == [("LDTT", 25)]
    assert [a.file_name for a in c.attachments] == ["Kế hoạch phát động.pdf"]
    stored = ctx.read(camp.get_campaign, c.id).attachments[0]
    assert ctx.read(attachment_content, stored.id)[1].startswith(b"%PDF")
    assert column_texts(screen.view, COL_C_NAME) == [name]
    assert cell(screen.view, 0, COL_C_STATUS) == "Đang nhận đăng ký"
    assert not screen.create_regular_button.isVisible()
    assert name in screen.regular_label.text()

    # the unit: collective title, everyone LĐTT, submitted
    panel = screen.panel
    assert panel.campaign is not None and panel.campaign.id == c.id
    click_row(qtbot, panel.unit_view, "Văn phòng Sở", COL_U_NAME)
    choose(qtbot, panel.unit_title_combo, "Tập thể lao động tiên tiến")
    click(qtbot, panel.unit_title_button)
    click(qtbot, panel.ldtt_button)
    assert "Đã đăng ký LĐTT cho 3 người" in message_boxes.texts[-1]
    assert sorted(column_texts(panel.person_view, COL_P_NAME)) == [
        "Lê Văn Cường",
        "Nguyễn Văn Á",
        "Trần Thị Bình",
    ]
    assert set(column_texts(panel.person_view, COL_P_TITLE)) == {"Lao động tiên tiến"}
    assert set(column_texts(panel.person_view, COL_P_FLAGS)) == {""}
    click(qtbot, panel.submit_button)

    row = [t.strip() for t in column_texts(panel.unit_view, COL_U_NAME)].index("Văn phòng Sở")
    assert cell(panel.unit_view, row, COL_U_TITLE) == "Tập thể lao động tiên tiến"
    assert cell(panel.unit_view, row, COL_U_STATUS) == "Đã nộp"
    units = {u.unit_id: u for u in ctx.read(reg.list_unit_registrations, c.id)}
    vp = units[org["vp"]]
    assert (vp.catalogue_code, vp.status, vp.submitted_on) == ("TTLDTT", "DA_NOP", date.today())
    assert units[org["kl"]].status == "CHUA_GUI"
    people = ctx.read(reg.list_registrations, c.id)
    assert sorted(p.full_name for p in people) == ["Lê Văn Cường", "Nguyễn Văn Á", "Trần Thị Bình"]
    assert {(p.catalogue_code, p.source) for p in people} == {("LDTT", "QUICK")}
    # the list counts the sign-ups (3 people + 1 unit)
    assert cell(screen.view, 0, 6) == "4"


def test_flagged_registration_shows_its_explanation(qtbot, ctx, org, regular) -> None:  # type: ignore[no-untyped-def]
    screen = make_screen(qtbot, ctx)
    panel = screen.panel
    click_row(qtbot, panel.unit_view, "Văn phòng Sở", COL_U_NAME)
    choose(qtbot, panel.person_combo, "Trần Thị Bình")
    choose(qtbot, panel.person_title_combo, "Chiến sĩ thi đua cấp tỉnh")
    click(qtbot, panel.register_button)

    assert column_texts(panel.person_view, COL_P_NAME) == ["Trần Thị Bình"]
    warning = cell(panel.person_view, 0, COL_P_FLAGS)
    assert "lần liên tục CSTĐCS" in warning and "Điều 22" in warning
    index = panel.person_view.model().index(0, COL_P_NAME)
    assert "CSTĐCS" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert index.data(Qt.ItemDataRole.ForegroundRole) is not None
    assert (
        not panel.person_view.model()
        .index(0, COL_P_FLAGS)
        .data(Qt.ItemDataRole.DecorationRole)
        .isNull()
    )
    assert "Trần Thị Bình" in panel.details_label.text()
    assert "CSTĐCS" in panel.details_label.text()
    (saved,) = ctx.read(reg.list_registrations, regular.id)
    assert saved.catalogue_code == "CSTD_TINH"
    assert [f.code for f in saved.flags] and "CSTĐCS" in saved.flags[0].message


def test_returning_a_unit_needs_a_reason(qtbot, ctx, org, regular) -> None:  # type: ignore[no-untyped-def]
    ctx.write(reg.register_unit, regular.id, org["kl"], "TTLDTT")
    ctx.write(reg.set_unit_status, regular.id, org["kl"], "DA_NOP")
    screen = make_screen(qtbot, ctx)
    panel = screen.panel
    click_row(qtbot, panel.unit_view, "Chi cục Kiểm lâm", COL_U_NAME)
    assert not panel.submit_button.isEnabled()
    click(qtbot, panel.return_button)
    dialog = panel.dialog
    assert dialog is not None and dialog.isVisible()

    qtbot.keyClick(dialog.reason_edit, Qt.Key.Key_Return)  # empty: refused
    assert dialog.isVisible()
    assert "cần ghi lý do" in dialog.error_label.text()
    unit = next(
        u for u in ctx.read(reg.list_unit_registrations, regular.id) if u.unit_id == org["kl"]
    )
    assert unit.status == "DA_NOP"

    type_text(dialog.reason_edit, "Thiếu biên bản họp bình xét")
    qtbot.keyClick(dialog.reason_edit, Qt.Key.Key_Return)
    assert panel.dialog is None
    unit = next(
        u for u in ctx.read(reg.list_unit_registrations, regular.id) if u.unit_id == org["kl"]
    )
    assert (unit.status, unit.return_reason) == ("TRA_LAI", "Thiếu biên bản họp bình xét")
    row = [t.strip() for t in column_texts(panel.unit_view, COL_U_NAME)].index("Chi cục Kiểm lâm")
    assert (
        cell(panel.unit_view, row, COL_U_STATUS) == "Trả lại bổ sung: Thiếu biên bản họp bình xét"
    )
    assert panel.submit_button.isEnabled()


def test_deleting_a_campaign_with_registrations_is_refused(
    qtbot, ctx, org, regular, message_boxes
) -> None:  # type: ignore[no-untyped-def]
    ctx.write(reg.register_person, regular.id, org["Nguyễn Văn Á"], "LDTT")
    screen = make_screen(qtbot, ctx)
    message_boxes.answer = Yes
    click_row(qtbot, screen.view, regular.name, COL_C_NAME)
    qtbot.keyClick(screen.view, Qt.Key.Key_Delete)
    kinds = [m.kind for m in message_boxes.shown]
    assert kinds == ["question", "warning"]
    assert "không xóa được" in message_boxes.shown[-1].text
    assert "đã có 1 đăng ký" in message_boxes.shown[-1].text
    assert [c.id for c in ctx.read(camp.list_campaigns, year=YEAR)] == [regular.id]
    assert column_texts(screen.view, COL_C_NAME) == [regular.name]


def test_deleting_a_campaign_without_registrations(qtbot, ctx, org, regular, message_boxes) -> None:  # type: ignore[no-untyped-def]
    screen = make_screen(qtbot, ctx)
    click_row(qtbot, screen.view, regular.name, COL_C_NAME)
    message_boxes.answer = QMessageBox.StandardButton.No
    click(qtbot, screen.delete_button)
    assert len(ctx.read(camp.list_campaigns, year=YEAR)) == 1
    message_boxes.answer = Yes
    click(qtbot, screen.delete_button)
    assert ctx.read(camp.list_campaigns, year=YEAR) == []
    assert screen.model.rowCount() == 0
    assert screen.panel.campaign is None
    assert screen.create_regular_button.isVisible()


def test_create_the_regular_campaign_and_edit_it(qtbot, ctx, org, message_boxes) -> None:  # type: ignore[no-untyped-def]
    screen = make_screen(qtbot, ctx)
    click(qtbot, screen.create_regular_button)
    (c,) = ctx.read(camp.list_campaigns, year=YEAR)
    assert c.kind == "PT_THUONG_XUYEN"
    assert screen.panel.campaign is not None and screen.panel.unit_model.rowCount() == 3
    click_row(qtbot, screen.view, c.name, COL_C_NAME)
    qtbot.keyClick(screen.view, Qt.Key.Key_F2)
    dialog = screen.dialog
    assert dialog is not None and dialog.name_edit.text() == c.name
    dialog.name_edit.selectAll()
    type_text(dialog.name_edit, "Phong trào thi đua năm nay")
    click(qtbot, dialog.ok_button)
    assert ctx.read(camp.get_campaign, c.id).name == "Phong trào thi đua năm nay"
    assert column_texts(screen.view, COL_C_NAME) == ["Phong trào thi đua năm nay"]


def test_unregistering_a_person_asks_first(qtbot, ctx, org, regular, message_boxes) -> None:  # type: ignore[no-untyped-def]
    ctx.write(reg.register_person, regular.id, org["Trần Thị Bình"], "LDTT")
    screen = make_screen(qtbot, ctx)
    panel = screen.panel
    click_row(qtbot, panel.unit_view, "Văn phòng Sở", COL_U_NAME)
    click_row(qtbot, panel.person_view, "Trần Thị Bình", COL_P_NAME)
    message_boxes.answer = QMessageBox.StandardButton.No
    click(qtbot, panel.unregister_button)
    asked = message_boxes.shown[-1]
    assert asked.kind == "question" and asked.title == "Bỏ đăng ký"
    assert "Trần Thị Bình" in asked.text and "Lao động tiên tiến" in asked.text
    assert len(ctx.read(reg.list_registrations, regular.id)) == 1
    assert column_texts(panel.person_view, COL_P_NAME) == ["Trần Thị Bình"]
    message_boxes.answer = Yes
    click(qtbot, panel.unregister_button)
    assert ctx.read(reg.list_registrations, regular.id) == []
    assert column_texts(panel.person_view, COL_P_NAME) == []


def test_registration_counts_carry_thousands_separators(qtbot, ctx, org, regular) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from app.ui.screens.campaigns.campaign_model import COL_C_COUNT

    screen = make_screen(qtbot, ctx)
    screen.model.set_rows([replace(regular, registrations=1036)])
    assert cell(screen.view, 0, COL_C_COUNT) == "1.036"
