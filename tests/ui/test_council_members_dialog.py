"""The "Biên bản họp" form of the Council tab, driven from the keyboard: members typed into the
table, roles and attendance picked in the cells, chair and secretary chosen among the members,
the times and the public-comment outcome; read back through the service and printed on the
minutes form."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest
from keyboard import type_text
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QComboBox, QLineEdit

from app.domain.council_minutes import CHAIR, DEPUTY, MEMBER, SECRETARY, MemberInput, MinutesInput
from app.domain.errors import CONFLICT_MESSAGE
from app.excel.forms.registry import export_form
from app.services import council, council_members
from app.services.context import AppContext
from app.services.review_reports import council_minutes_data
from app.ui.screens.review.council_members_dialog import (
    COL_ATTENDANCE,
    COL_NAME,
    COL_ROLE,
    MinutesDialog,
)
from app.ui.screens.review.council_panel import CouncilPanel

YEAR = 2024
CTRL = Qt.KeyboardModifier.ControlModifier
MEMBERS = (
    ("Trần Văn An", "Giám đốc Sở"),
    ("Lê Thị Hoa", "Chánh Văn phòng Sở"),
    ("Phạm Minh Đức", "Phó Giám đốc Sở"),
    ("Đỗ Văn Nam", "Chánh Thanh tra Sở"),
    ("Vũ Thị Lan", "Chi cục trưởng"),
)


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setenv("TDKT_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def session_id(ctx: AppContext) -> int:
    """5 members in office, 4 present, the absent one answered in writing."""
    data = council.SessionInput(YEAR, date(YEAR, 12, 20), 5, 4, 1, "Phòng họp tầng 3")
    return ctx.write(council.create_session, data)


@pytest.fixture
def panel(qtbot, ctx: AppContext, runner, session_id: int) -> CouncilPanel:  # type: ignore[no-untyped-def]
    widget = CouncilPanel(ctx)
    qtbot.addWidget(widget)
    widget.set_runner(runner)
    widget.set_year(YEAR)
    widget.resize(1200, 700)
    with qtbot.waitExposed(widget):
        widget.show()
    return widget


def open_minutes(qtbot, panel: CouncilPanel) -> MinutesDialog:  # type: ignore[no-untyped-def]
    assert panel.minutes_button.isEnabled()
    qtbot.mouseClick(panel.minutes_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.dialog is not None and panel.dialog.isVisible())
    dialog = panel.dialog
    assert isinstance(dialog, MinutesDialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def add_member(qtbot, dialog: MinutesDialog, name: str, job: str) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+N, the name, Tab, the job title, Enter."""
    qtbot.keyClick(dialog.table, Qt.Key.Key_N, CTRL)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    type_text(editor, name)
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    type_text(editor, job)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.table.state() != QAbstractItemView.State.EditingState)


def pick_in_cell(qtbot, dialog: MinutesDialog, row: int, col: int, key: Qt.Key, times: int) -> None:  # type: ignore[no-untyped-def]
    """F2 on a cell opens its drop-down; arrows pick, Enter writes."""
    table = dialog.table
    table.setFocus()
    table.setCurrentIndex(dialog.model.index(row, col))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QComboBox)
    for _ in range(times):
        qtbot.keyClick(editor, key)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.state() != QAbstractItemView.State.EditingState)


def type_line(edit: QLineEdit, text: str) -> None:
    edit.selectAll()
    type_text(edit, text)


def test_members_typed_in_are_saved_through_the_service(qtbot, panel, ctx, session_id) -> None:  # type: ignore[no-untyped-def]
    dialog = open_minutes(qtbot, panel)
    assert "5 thành viên Hội đồng, 4 có mặt, 1 vắng có ý kiến" in dialog.counts_label.text()
    dialog.table.setFocus()
    for name, job in MEMBERS:
        add_member(qtbot, dialog, name, job)
    assert dialog.model.index(4, COL_NAME).data() == "Vũ Thị Lan"
    assert "Đã ghi: 5 thành viên, 5 có mặt" in dialog.counts_label.text()

    # everyone present: the session says 4 were, so saving is refused and nothing is written
    qtbot.keyClick(dialog.table, Qt.Key.Key_S, CTRL)
    assert dialog.isVisible()
    assert "Đã ghi 5 thành viên có mặt nhưng phiên họp ghi 4 người có mặt" in (
        dialog.error_label.text()
    )
    assert ctx.read(council_members.list_members, session_id) == []

    pick_in_cell(qtbot, dialog, 4, COL_ATTENDANCE, Qt.Key.Key_Down, 2)  # vắng, có văn bản
    assert dialog.model.index(4, COL_ATTENDANCE).data() == "Vắng, có ý kiến bằng văn bản"
    pick_in_cell(qtbot, dialog, 2, COL_ROLE, Qt.Key.Key_Up, 2)  # Ủy viên -> Phó Chủ tịch
    assert dialog.model.index(2, COL_ROLE).data() == "Phó Chủ tịch Hội đồng"

    # chair and secretary chosen among the members (the absent one is not offered to chair)
    chair = dialog.chair_combo
    assert [chair.itemText(i) for i in range(chair.count())] == [
        "(chưa chọn)",
        "Trần Văn An, Giám đốc Sở",
        "Lê Thị Hoa, Chánh Văn phòng Sở",
        "Phạm Minh Đức, Phó Giám đốc Sở",
        "Đỗ Văn Nam, Chánh Thanh tra Sở",
    ]
    # a Phó Chủ tịch present chairs while nobody is Chủ tịch
    assert chair.currentText() == "Phạm Minh Đức, Phó Giám đốc Sở"
    chair.setFocus()
    qtbot.keyClick(chair, Qt.Key.Key_Up)
    qtbot.keyClick(chair, Qt.Key.Key_Up)
    assert chair.currentText() == "Trần Văn An, Giám đốc Sở"
    assert dialog.model.index(0, COL_ROLE).data() == "Chủ tịch Hội đồng"
    secretary = dialog.secretary_combo
    secretary.setFocus()
    qtbot.keyClick(secretary, Qt.Key.Key_Down)
    qtbot.keyClick(secretary, Qt.Key.Key_Down)
    assert secretary.currentText() == "Lê Thị Hoa, Chánh Văn phòng Sở"
    assert dialog.model.index(1, COL_ROLE).data() == "Thư ký Hội đồng"

    type_line(dialog.start_edit, "8 giờ")
    type_line(dialog.end_edit, "7:30")
    type_text(dialog.comment_edit, "Không nhận được ý kiến phản ánh.")
    qtbot.keyClick(dialog.end_edit, Qt.Key.Key_Return)
    assert dialog.isVisible()  # ends before it began
    assert "Giờ kết thúc 07:30 phải sau giờ bắt đầu 08:00" in dialog.error_label.text()
    type_line(dialog.end_edit, "11h30")
    qtbot.keyClick(dialog.end_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.dialog is None)

    saved = ctx.read(council_members.session_minutes, session_id)
    assert saved.members == (
        MemberInput("Trần Văn An", "Giám đốc Sở", CHAIR),
        MemberInput("Lê Thị Hoa", "Chánh Văn phòng Sở", SECRETARY),
        MemberInput("Phạm Minh Đức", "Phó Giám đốc Sở", DEPUTY),
        MemberInput("Đỗ Văn Nam", "Chánh Thanh tra Sở", MEMBER),
        MemberInput("Vũ Thị Lan", "Chi cục trưởng", MEMBER, present=False, written_opinion=True),
    )
    assert saved.minutes.started_at == time(8, 0) and saved.minutes.ended_at == time(11, 30)
    assert saved.minutes.public_comment == "Không nhận được ý kiến phản ánh."
    [row] = ctx.read(council.list_sessions, YEAR)
    assert row.chair == "Trần Văn An, Giám đốc Sở"
    assert "Chủ trì: Trần Văn An, Giám đốc Sở" in panel.info_label.text()

    # opened again: what was saved is shown
    dialog = open_minutes(qtbot, panel)
    assert dialog.model.rowCount() == 5
    assert dialog.chair_combo.currentText() == "Trần Văn An, Giám đốc Sở"
    assert dialog.start_edit.text() == "08:00" and dialog.end_edit.text() == "11:30"
    # Delete removes the selected member; Escape leaves the saved list as it was
    dialog.table.setFocus()
    dialog.table.setCurrentIndex(dialog.model.index(2, COL_NAME))
    qtbot.keyClick(dialog.table, Qt.Key.Key_Delete)
    assert dialog.model.rowCount() == 4
    qtbot.keyClick(dialog.table, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: panel.dialog is None)
    assert len(ctx.read(council_members.list_members, session_id)) == 5


def test_a_session_changed_meanwhile_is_not_overwritten(qtbot, panel, ctx, session_id) -> None:  # type: ignore[no-untyped-def]
    dialog = open_minutes(qtbot, panel)
    type_line(dialog.start_edit, "14:00")
    # another clerk records the minutes first
    ctx.write(
        council_members.save_session_minutes,
        session_id,
        [],
        MinutesInput(public_comment="Ý kiến của người khác"),
    )
    qtbot.keyClick(dialog.start_edit, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert CONFLICT_MESSAGE in dialog.error_label.text()
    assert ctx.read(council_members.session_minutes, session_id).minutes.started_at is None
    qtbot.keyClick(dialog.start_edit, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: panel.dialog is None)


def test_the_minutes_form_prints_what_was_entered(qtbot, panel, ctx, session_id, tmp_path) -> None:  # type: ignore[no-untyped-def]
    dialog = open_minutes(qtbot, panel)
    dialog.table.setFocus()
    for name, job in MEMBERS:
        add_member(qtbot, dialog, name, job)
    pick_in_cell(qtbot, dialog, 4, COL_ATTENDANCE, Qt.Key.Key_Down, 2)
    dialog.chair_combo.setFocus()
    qtbot.keyClick(dialog.chair_combo, Qt.Key.Key_Down)
    dialog.secretary_combo.setFocus()
    qtbot.keyClick(dialog.secretary_combo, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.secretary_combo, Qt.Key.Key_Down)
    type_line(dialog.start_edit, "8:00")
    type_line(dialog.end_edit, "10:45")
    type_text(dialog.comment_edit, "Đã niêm yết 10 ngày làm việc, không có ý kiến.")
    qtbot.keyClick(dialog.end_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.dialog is None)

    data = ctx.read(council_minutes_data, session_id)
    path = export_form("council-minutes", data, tmp_path / "bien-ban.xlsx").path
    ws = load_workbook(path).worksheets[0]
    texts = [str(c.value) for r in ws.iter_rows() for c in r if isinstance(c.value, str)]
    assert any("vào hồi 08 giờ 00 phút" in t for t in texts)
    assert any("kết thúc vào hồi 10 giờ 45 phút" in t for t in texts)
    assert any("Chủ trì: Ông (Bà) Trần Văn An, Giám đốc Sở." in t for t in texts)
    assert any("Thư ký: Ông (Bà) Lê Thị Hoa, Chánh Văn phòng Sở." in t for t in texts)
    assert any(t.strip().startswith("- Phạm Minh Đức, Phó Giám đốc Sở") for t in texts)
    absent = next(t for t in texts if "Vũ Thị Lan" in t)
    assert "(có ý kiến bằng văn bản)" in absent
    assert any("Đã niêm yết 10 ngày làm việc, không có ý kiến." in t for t in texts)
    assert {"Trần Văn An", "Lê Thị Hoa"} <= set(texts)  # the chair and the secretary sign


def test_the_minutes_button_waits_for_a_session(qtbot, ctx, runner, session_id) -> None:  # type: ignore[no-untyped-def]
    widget = CouncilPanel(ctx)
    qtbot.addWidget(widget)
    widget.set_runner(runner)
    widget.set_year(YEAR + 1)  # a year without sessions
    assert not widget.minutes_button.isEnabled()
    widget.set_year(YEAR)
    assert widget.minutes_button.isEnabled()
