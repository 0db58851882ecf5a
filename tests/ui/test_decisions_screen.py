"""The "Quyết định khen thưởng" screen driven as a clerk would, on a temporary database.

Dialogs open with ``QDialog.open()`` and show as ``screen.dialog``; tests type into them
(``type_text`` for Vietnamese) and click their buttons. Message boxes are stubbed.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from keyboard import type_text
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QTableView
from sqlalchemy import select

from app.db.models import AwardRecord
from app.domain.council import Ballots
from app.domain.people import PersonInput
from app.domain.units import UnitInput
from app.services import council
from app.services import decisions as svc
from app.services import people as people_svc
from app.services import units as unit_svc
from app.ui.screens.decisions.models import (
    COL_D_NUMBER,
    COL_D_STATUS,
    COL_D_TOTAL,
    COL_R_GOLDEN,
    COL_R_NAME,
    OBJECT_ROLE,
)
from app.ui.screens.decisions.screen import DecisionsScreen
from app.ui.widgets.date_edit import DateEdit

YEAR = 2025
TODAY = date.today()


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
        for key, ho, ten, unit, title in (
            ("an", "Nguyễn Văn", "An", vp.id, "Chánh Văn phòng"),
            ("binh", "Trần Thị", "Bình", vp.id, "Chuyên viên"),
            ("cuong", "Lê Văn", "Cường", kl.id, "Kiểm lâm viên"),
        ):
            ids[key] = people_svc.create_person(
                s,
                PersonInput(ho_dem=ho, ten=ten),
                unit_id=unit,
                position_title=title,
                start_date=date(2015, 1, 1),
            )
        return ids

    return ctx.write(build)


@pytest.fixture
def votes(ctx, org) -> None:  # type: ignore[no-untyped-def]
    """The Council of 2025: Cường and An pass CSTĐCS, Bình does not."""

    def build(s):  # type: ignore[no-untyped-def]
        sid = council.create_session(
            s,
            council.SessionInput(
                year=YEAR,
                meeting_date=date(YEAR, 12, 20),
                members_total=15,
                present=13,
                written_opinions=2,
            ),
        )
        council.record_vote(s, sid, "CSTDCS", Ballots(15, 15, 15, 14), person_id=org["cuong"])
        council.record_vote(s, sid, "CSTDCS", Ballots(15, 15, 15, 4), person_id=org["binh"])
        council.record_vote(s, sid, "CSTDCS", Ballots(15, 15, 15, 12), person_id=org["an"])

    ctx.write(build)


def make_screen(qtbot, ctx, year: int = YEAR) -> DecisionsScreen:  # type: ignore[no-untyped-def]
    screen = DecisionsScreen(ctx, year)
    qtbot.addWidget(screen)
    screen.resize(1280, 800)
    with qtbot.waitExposed(screen):
        screen.show()
    return screen


def cell(view: QTableView, row: int, column: int) -> str:
    return str(view.model().index(row, column).data() or "")


def column_texts(view: QTableView, column: int) -> list[str]:
    return [cell(view, r, column) for r in range(view.model().rowCount())]


def click(qtbot, widget) -> None:  # type: ignore[no-untyped-def]
    assert widget.isEnabled(), widget.text()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def click_row(qtbot, view: QTableView, text: str, column: int) -> None:  # type: ignore[no-untyped-def]
    row = column_texts(view, column).index(text)
    rect = view.visualRect(view.model().index(row, column))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert view.currentIndex().row() == row


def retype(qtbot, edit, text: str) -> None:  # type: ignore[no-untyped-def]
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    type_text(edit, text)


def type_date(qtbot, field, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type over a date field (a DateEdit, or a widget holding one) and Tab out of it."""
    edit = field if isinstance(field, DateEdit) else field.findChild(DateEdit)
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Tab)


# --- tests ---------------------------------------------------------------------------------


def test_passed_candidates_become_an_issued_decision_through_clicks(
    qtbot, ctx, org, votes, message_boxes
) -> None:  # type: ignore[no-untyped-def]
    # a decision of the agency already holds number 05 of this year
    def taken(s):  # type: ignore[no-untyped-def]
        data = svc.decision_defaults(s, TODAY.year)
        return svc.create_draft(
            s,
            svc.DecisionInput(
                **{
                    **data.__dict__,
                    "number": "05/QĐ-SNNMT",
                    "decision_date": date(TODAY.year, 1, 2),
                }
            ),
        )

    ctx.write(taken)
    screen = make_screen(qtbot, ctx, TODAY.year)
    assert screen.model.rowCount() == 1
    screen.set_year(YEAR)
    assert screen.model.rowCount() == 0

    # "Tạo từ kết quả Hội đồng…": the title, who passed, the draft
    click(qtbot, screen.council_button)
    dialog = screen.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.title_combo.currentText() == (
        "Chiến sĩ thi đua cơ sở (2 người/tập thể chưa có quyết định)"
    )
    assert column_texts(dialog.view, 0) == ["Lê Văn Cường", "Nguyễn Văn An"]
    click(qtbot, dialog.ok_button)
    assert screen.dialog is None and message_boxes.shown == []
    assert screen.model.rowCount() == 1
    assert cell(screen.view, 0, COL_D_NUMBER) == "(chưa có số)"
    assert cell(screen.view, 0, COL_D_STATUS) == "Dự thảo"
    pane = screen.pane
    assert column_texts(pane.view, COL_R_NAME) == ["Lê Văn Cường", "Nguyễn Văn An"]
    assert pane.form.summary.text() == (
        'Về việc công nhận danh hiệu "Chiến sĩ thi đua cơ sở" năm 2025'
    )

    # An goes first (Alt+Up on his line)
    click_row(qtbot, pane.view, "Nguyễn Văn An", COL_R_NAME)
    qtbot.keyClick(pane.view, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert column_texts(pane.view, COL_R_NAME) == ["Nguyễn Văn An", "Lê Văn Cường"]
    assert not pane.up_button.isEnabled()

    # "Ban hành…": the number is checked as typed, the date typed, then issued
    click(qtbot, pane.issue_button)
    issue = screen.dialog
    assert issue is not None and issue.isVisible()
    assert "khóa nội dung" in issue.note_label.text() and "tạo 2 bản ghi" in issue.note_label.text()
    type_date(qtbot, issue.date, f"15/01/{TODAY.year}")
    retype(qtbot, issue.number.edit, "05/QĐ-SNNMT")
    assert issue.number.error.isVisible()
    assert f"đã dùng trong năm {TODAY.year}" in issue.number.error.text()
    click(qtbot, issue.ok_button)  # refused while the number is taken
    assert screen.dialog is issue and "đã dùng" in issue.error_label.text()
    retype(qtbot, issue.number.edit, "6/QĐ-SNNMT")
    assert not issue.number.error.isVisible()
    click(qtbot, issue.ok_button)
    assert screen.dialog is None, issue.error_label.text()
    assert message_boxes.shown == []

    # what the clerk sees: the register and the locked decision with golden-book numbers
    assert cell(screen.view, 0, COL_D_NUMBER) == "06/QĐ-SNNMT"
    assert cell(screen.view, 0, COL_D_STATUS) == "Đã ban hành"
    assert column_texts(pane.view, COL_R_GOLDEN) == ["1", "2"]
    assert not pane.save_button.isEnabled() and not pane.add_person_button.isEnabled()
    assert pane.correct_button.isEnabled() and pane.revoke_button.isEnabled()
    assert pane.form.summary.isReadOnly()

    # the database: award records of 2025 from the decision
    def records(s):  # type: ignore[no-untyped-def]
        rows = s.scalars(select(AwardRecord).order_by(AwardRecord.id)).all()
        return [(r.person_id, r.catalogue_code, r.year, r.decision_number, r.source) for r in rows]

    assert ctx.read(records) == [
        (org["an"], "CSTDCS", YEAR, "06/QĐ-SNNMT", "DECISION"),
        (org["cuong"], "CSTDCS", YEAR, "06/QĐ-SNNMT", "DECISION"),
    ]
    detail = pane.detail
    assert detail is not None and detail.decision_date == date(TODAY.year, 1, 15)


def test_a_new_draft_gets_people_by_search_and_loses_them(qtbot, ctx, org, message_boxes) -> None:  # type: ignore[no-untyped-def]
    screen = make_screen(qtbot, ctx)
    screen.view.setFocus()
    qtbot.keyClick(screen.view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert screen.model.rowCount() == 1
    pane = screen.pane
    assert pane.detail is not None and pane.detail.is_draft
    assert pane.form.authority.currentText() == "Giám đốc Sở Nông nghiệp và Môi trường"

    click(qtbot, pane.add_person_button)
    picker = screen.dialog
    assert picker is not None and picker.isVisible()
    assert picker.model.rowCount() == 3
    type_text(picker.search, "cuong")  # no diacritics needed
    assert column_texts(picker.view, 0) == ["Lê Văn Cường"]
    assert picker.award.currentText() == "Lao động tiên tiến"
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)  # one match: taken at once
    assert screen.dialog is None
    assert column_texts(pane.view, COL_R_NAME) == ["Lê Văn Cường"]
    assert pane.detail is not None
    assert [(r.job_title, r.unit_text) for r in pane.detail.recipients] == [
        ("Kiểm lâm viên", "Chi cục Kiểm lâm")
    ]

    # a unit may not have LĐTT: the service refuses, the picker stays open with the reason
    click(qtbot, pane.add_unit_button)
    units = screen.dialog
    assert units is not None
    type_text(units.search, "kiem lam")
    assert column_texts(units.view, 0) == ["    Chi cục Kiểm lâm"]
    assert units.award.currentText() == "Tập thể lao động tiên tiến"  # LĐTT is not offered
    click(qtbot, units.ok_button)
    assert screen.dialog is None
    assert column_texts(pane.view, COL_R_NAME) == ["Lê Văn Cường", "Chi cục Kiểm lâm"]

    # the summary typed and saved (Ctrl+S), then a line removed (Delete)
    retype(qtbot, pane.form.summary, "Về việc công nhận danh hiệu thi đua năm 2025")
    qtbot.keyClick(pane.form.summary, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert message_boxes.shown == []
    assert pane.detail.summary == "Về việc công nhận danh hiệu thi đua năm 2025"
    click_row(qtbot, pane.view, "Lê Văn Cường", COL_R_NAME)
    message_boxes.answer = QMessageBox.StandardButton.No  # every delete asks first
    qtbot.keyClick(pane.view, Qt.Key.Key_Delete)
    assert message_boxes.shown[-1].title == "Xóa dòng"
    assert "Lê Văn Cường" in message_boxes.shown[-1].text
    assert column_texts(pane.view, COL_R_NAME) == ["Lê Văn Cường", "Chi cục Kiểm lâm"]
    assert len(ctx.read(svc.get_decision, pane.detail.id).recipients) == 2
    message_boxes.answer = QMessageBox.StandardButton.Yes
    qtbot.keyClick(pane.view, Qt.Key.Key_Delete)
    assert column_texts(pane.view, COL_R_NAME) == ["Chi cục Kiểm lâm"]
    stored = ctx.read(svc.get_decision, pane.detail.id)
    assert [r.name for r in stored.recipients] == ["Chi cục Kiểm lâm"]
    assert stored.summary == "Về việc công nhận danh hiệu thi đua năm 2025"


def test_revoking_needs_a_reason_and_a_confirmation(qtbot, ctx, org, message_boxes) -> None:  # type: ignore[no-untyped-def]
    def issued(s):  # type: ignore[no-untyped-def]
        data = svc.decision_defaults(s, YEAR, "LDTT")
        d = svc.create_draft(
            s,
            svc.DecisionInput(
                **{**data.__dict__, "number": "09/QĐ-SNNMT", "decision_date": date(YEAR, 12, 30)}
            ),
            [svc.RecipientInput(svc.CA_NHAN, "LDTT", person_id=org[k]) for k in ("an", "binh")],
        )
        return svc.issue(s, d.id)

    decision = ctx.write(issued)
    screen = make_screen(qtbot, ctx)
    click(qtbot, screen.pane.revoke_button)
    dialog = screen.dialog
    assert dialog is not None
    type_text(dialog.document, "15/QĐ-SNNMT")
    click(qtbot, dialog.ok_button)
    assert "Chưa nhập lý do thu hồi" in dialog.error_label.text()
    type_text(dialog.reason, "Khai man thành tích")
    qtbot.mouseClick(
        dialog.some, Qt.MouseButton.LeftButton, pos=QPoint(6, dialog.some.height() // 2)
    )
    assert dialog.some.isChecked() and dialog.line_view.isEnabled()
    rect = dialog.line_view.visualRect(dialog.line_view.model().index(1, 0))  # line 2's box
    qtbot.mouseClick(
        dialog.line_view.viewport(),
        Qt.MouseButton.LeftButton,
        pos=QPoint(rect.left() + 11, rect.center().y()),
    )
    assert [r.position for r in dialog.line_model.checked_rows()] == [2]
    message_boxes.answer = QMessageBox.StandardButton.No  # the clerk thinks again
    click(qtbot, dialog.ok_button)
    assert screen.dialog is dialog
    assert "Thu hồi 1 dòng của quyết định số 09/QĐ-SNNMT?" in message_boxes.shown[-1].text
    message_boxes.answer = QMessageBox.StandardButton.Yes
    click(qtbot, dialog.ok_button)
    assert screen.dialog is None
    assert cell(screen.view, 0, COL_D_STATUS) == "Đã ban hành (thu hồi 1 dòng)"
    stored = ctx.read(svc.get_decision, decision.id)
    assert [r.revoked for r in stored.recipients] == [False, True]
    assert "1 dòng đã thu hồi" in screen.pane.state_label.text()


def test_a_superior_decision_is_entered_with_a_picked_person(
    qtbot, ctx, org, message_boxes
) -> None:  # type: ignore[no-untyped-def]
    screen = make_screen(qtbot, ctx)
    click(qtbot, screen.superior_button)
    dialog = screen.dialog
    assert dialog is not None and dialog.isVisible()
    form = dialog.decision
    assert form.authority.currentText() == "Chủ tịch UBND tỉnh"
    type_text(form.number.edit, "1234/QĐ-UBND")
    assert not form.number.error.isVisible()
    type_date(qtbot, form.date, f"02/09/{YEAR}")
    type_text(form.summary, "Tặng Bằng khen cho cá nhân có thành tích phòng chống cháy rừng")

    def pick() -> None:  # the person picker is modal over the form
        picker = QApplication.activeModalWidget()
        assert picker is not None and picker.objectName() == "personPicker"
        type_text(picker.search, "Lê Văn Cường")
        assert picker.award.currentText() == "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"
        qtbot.keyClick(picker.search, Qt.Key.Key_Return)

    QTimer.singleShot(0, pick)
    click(qtbot, dialog.add_person)
    assert column_texts(dialog.line_view, 1) == ["Lê Văn Cường"]
    click(qtbot, dialog.ok_button)
    assert screen.dialog is None, dialog.error_label.text()
    assert message_boxes.shown == []
    assert cell(screen.view, 0, COL_D_NUMBER) == "1234/QĐ-UBND"
    assert cell(screen.view, 0, COL_D_STATUS) == "Đã ban hành"
    detail = screen.pane.detail
    assert detail is not None and detail.origin_name == "Cấp trên"
    # The register shows the same money as the detail, for a superior's decision too.
    total = cell(screen.view, 0, COL_D_TOTAL)
    assert re.fullmatch(r"\d{1,3}(\.\d{3})+", total), total
    assert f"Tổng tiền thưởng: {total} đồng" in screen.pane.money_label.text()

    def records(s):  # type: ignore[no-untyped-def]
        rows = s.scalars(select(AwardRecord)).all()
        return [(r.person_id, r.catalogue_code, r.year, r.authority) for r in rows]

    assert ctx.read(records) == [(org["cuong"], "BK_TINH", YEAR, "Chủ tịch UBND tỉnh")]


def test_imported_history_joins_the_register(qtbot, ctx, org, runner, message_boxes) -> None:  # type: ignore[no-untyped-def]
    def history(s):  # type: ignore[no-untyped-def]
        for key in ("an", "binh"):
            s.add(
                AwardRecord(
                    subject_kind="CA_NHAN",
                    person_id=org[key],
                    catalogue_code="LDTT",
                    year=YEAR - 1,
                    decision_number="12/QĐ-SNN",
                    decision_date=date(YEAR - 1, 12, 28),
                    authority="Giám đốc Sở",
                    source="IMPORT",
                )
            )

    ctx.write(history)
    screen = make_screen(qtbot, ctx, YEAR - 1)
    screen.set_runner(runner)
    assert screen.model.rowCount() == 0
    click(qtbot, screen.sync_button)
    assert "Đã thêm 1 quyết định" in message_boxes.texts[-1]
    assert column_texts(screen.view, COL_D_NUMBER) == ["12/QĐ-SNN"]
    assert cell(screen.view, 0, COL_D_STATUS) == "Đã ban hành"
    assert column_texts(screen.pane.view, COL_R_NAME) == ["Nguyễn Văn An", "Trần Thị Bình"]
    assert "Lập từ lịch sử khen thưởng đã nhập" in screen.pane.state_label.text()
    click(qtbot, screen.sync_button)  # nothing left
    assert "Không có khen thưởng nào" in message_boxes.texts[-1]


def test_typed_fields_survive_line_changes_and_are_offered_on_leaving(
    qtbot, ctx, org, message_boxes
) -> None:  # type: ignore[no-untyped-def]
    def drafts(s):  # type: ignore[no-untyped-def]
        for code in ("LDTT", "GK_SO"):
            svc.create_draft(
                s,
                svc.decision_defaults(s, YEAR, code),
                [svc.RecipientInput(svc.CA_NHAN, code, person_id=org[k]) for k in ("an", "binh")],
            )

    ctx.write(drafts)
    screen = make_screen(qtbot, ctx)
    pane = screen.pane
    assert not pane.form_changed()
    first = pane.detail
    assert first is not None
    retype(qtbot, pane.form.summary, "Về việc công nhận danh hiệu năm 2025 (sửa)")
    assert pane.form_changed()
    click_row(qtbot, pane.view, "Trần Thị Bình", COL_R_NAME)
    qtbot.keyClick(pane.view, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert column_texts(pane.view, COL_R_NAME) == ["Trần Thị Bình", "Nguyễn Văn An"]
    assert pane.form.summary.text() == "Về việc công nhận danh hiệu năm 2025 (sửa)"
    # moving to the other draft asks; the clerk keeps the change
    message_boxes.answer = QMessageBox.StandardButton.Yes
    ids = [screen.view.model().index(r, 0).data(OBJECT_ROLE).id for r in range(2)]
    other = 1 - ids.index(first.id)
    rect = screen.view.visualRect(screen.view.model().index(other, COL_D_NUMBER))
    qtbot.mouseClick(screen.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert message_boxes.shown[-1].title == "Dự thảo chưa lưu"
    stored = ctx.read(svc.get_decision, first.id)
    assert stored.summary == "Về việc công nhận danh hiệu năm 2025 (sửa)"
    assert [r.name for r in stored.recipients] == ["Trần Thị Bình", "Nguyễn Văn An"]
    assert pane.detail is not None and pane.detail.id != first.id
