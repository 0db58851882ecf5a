"""The "Hội đồng TĐKT" panel driven as a clerk would: sessions typed in, ballots typed in cells.

Votes pass and fail exactly at the threshold of the year's rule set (read through
``threshold_for``, never hard-coded), on the TOTAL membership. Candidates come from the
review; most tests replace ``review.candidates`` with a fixed list of real people and units of
the test database (the review engine has its own tests), one test runs the real review on a
copy of the demo database.
"""

from __future__ import annotations

import math
import sqlite3
from contextlib import closing
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from keyboard import type_text
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLineEdit,
    QMessageBox,
    QSpinBox,
)

from app.config import sqlite_url
from app.domain.council import Ballots, threshold_for
from app.domain.people import PersonInput
from app.domain.units import UnitInput
from app.services import council, review
from app.services import people as people_svc
from app.services import units as unit_svc
from app.services.context import AppContext
from app.services.database import open_database
from app.services.reference import catalogue
from app.services.review import CandidateRow
from app.ui.screens.review.council_dialogs import SessionDialog
from app.ui.screens.review.council_panel import CouncilPanel
from app.ui.screens.review.council_table import (
    COL_IN_FAVOUR,
    COL_ISSUED,
    COL_NAME,
    COL_PERCENT,
    COL_RESULT,
    COL_RETURNED,
    COL_THRESHOLD,
    COL_TITLE,
    COL_VALID,
    threshold_text,
)
from app.ui.widgets.date_edit import DateEdit

YEAR = 2024
MEMBERS = 10
Yes = QMessageBox.StandardButton.Yes


@pytest.fixture
def org(ctx: AppContext) -> dict[str, int]:
    def build(s):  # type: ignore[no-untyped-def]
        vp = unit_svc.create_unit(
            s, UnitInput(code="VP", full_name="Văn phòng Sở", kind="VAN_PHONG")
        )
        team = unit_svc.create_unit(
            s, UnitInput(code="TH", full_name="Tổ Hành chính", kind="VAN_PHONG", parent_id=vp.id)
        )
        ids = {"vp": vp.id, "team": team.id}
        for key, (ho, ten) in {
            "an": ("Nguyễn Văn", "An"),
            "binh": ("Lê Thị", "Bình"),
            "cuong": ("Trần Văn", "Cường"),
            "dung": ("Phạm Thị", "Dung"),
            "em": ("Hoàng Văn", "Em"),
        }.items():
            ids[key] = people_svc.create_person(s, PersonInput(ho_dem=ho, ten=ten), unit_id=vp.id)
        return ids

    return ctx.write(build)


def _candidate(subject: str, subject_id: int, name: str, proposed: str | None) -> CandidateRow:
    unit = "Văn phòng Sở"
    return CandidateRow(
        subject=subject,
        subject_id=subject_id,
        name=name,
        birth_date=None,
        unit=unit,
        registered=proposed,
        proposed=proposed,
    )


@pytest.fixture
def candidates(monkeypatch: pytest.MonkeyPatch, org: dict[str, int]) -> list[CandidateRow]:
    rows = [
        _candidate("person", org["an"], "Nguyễn Văn An", "CSTDCS"),
        _candidate("person", org["binh"], "Lê Thị Bình", "CSTDCS"),
        _candidate("person", org["cuong"], "Trần Văn Cường", "CSTD_TINH"),
        _candidate("person", org["dung"], "Phạm Thị Dung", "CSTD_TINH"),
        _candidate("person", org["em"], "Hoàng Văn Em", None),  # nothing proposed: not listed
        _candidate("unit", org["team"], "Tổ Hành chính", "TTLDTT"),
    ]
    asked: list[int] = []

    def fake(session, year, unit_id=None, *, progress=None):  # type: ignore[no-untyped-def]
        asked.append(year)
        if progress is not None:
            progress("Đang xét", 0.5)
        return rows

    monkeypatch.setattr(review, "candidates", fake)
    return rows


@pytest.fixture
def panel(qtbot, ctx: AppContext, runner) -> CouncilPanel:  # type: ignore[no-untyped-def]
    widget = CouncilPanel(ctx)
    qtbot.addWidget(widget)
    widget.set_runner(runner)
    widget.set_year(YEAR)
    widget.resize(1200, 700)
    with qtbot.waitExposed(widget):
        widget.show()
    with qtbot.waitActive(widget):
        widget.activateWindow()
    return widget


def _session(ctx: AppContext, total: int = MEMBERS, present: int = 9, written: int = 1) -> int:
    data = council.SessionInput(YEAR, date(YEAR, 12, 20), total, present, written, "Phòng họp")
    return ctx.write(council.create_session, data)


def boundary(ctx: AppContext, title: str, total: int = MEMBERS) -> tuple[int, int]:
    """(fewest "đồng ý" that pass, most that fail) for ``title`` in YEAR's rules."""
    rules = ctx.read(council.rules_for_year, YEAR)
    threshold, majority = threshold_for(title, rules)
    exact = threshold * total / 100
    fewest = math.floor(exact) + 1 if majority else math.ceil(exact)
    return fewest, fewest - 1


# --- helpers -----------------------------------------------------------------------------------


def dialog_of(qtbot, panel: CouncilPanel) -> SessionDialog:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: panel.dialog is not None and panel.dialog.isVisible())
    dialog = panel.dialog
    assert dialog is not None
    dialog.activateWindow()  # the window system does it; offscreen, the test asks
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def type_number(qtbot, spin: QSpinBox, value: int) -> None:  # type: ignore[no-untyped-def]
    spin.setFocus()
    qtbot.keyClick(spin, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(spin, str(value))


def type_date(qtbot, edit: DateEdit, text: str) -> None:  # type: ignore[no-untyped-def]
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(edit, text)


def type_cell(qtbot, panel: CouncilPanel, name: str, column: int, text: str) -> None:  # type: ignore[no-untyped-def]
    """Go to a cell, type a number (the first key opens the editor) and press Enter."""
    index = panel.cell(name, column)
    assert index.isValid(), f"{name} is not listed"
    table = panel.table
    table.setFocus()
    table.setCurrentIndex(index)
    qtbot.keyClicks(table, text[0])
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    qtbot.keyClicks(editor, text[1:])
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.state() != QAbstractItemView.State.EditingState)


def shown(panel: CouncilPanel, name: str, column: int) -> str:
    return str(panel.cell(name, column).data())


def stored(ctx: AppContext, session_id: int) -> dict[str, council.VoteRow]:
    return {v.name: v for v in ctx.read(council.list_votes, session_id)}


# --- sessions ------------------------------------------------------------------------------------


def test_a_session_is_typed_in_and_thin_attendance_is_refused(qtbot, panel, ctx) -> None:  # type: ignore[no-untyped-def]
    assert "Chưa có phiên họp Hội đồng nào của năm 2024" in panel.info_label.text()
    assert not panel.table.isEnabled()
    panel.new_button.setFocus()
    qtbot.keyClick(panel.new_button, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = dialog_of(qtbot, panel)
    assert dialog.windowTitle() == "Phiên họp Hội đồng Thi đua - Khen thưởng mới"
    type_date(qtbot, dialog.date_edit, "18/12/2024")
    type_text(dialog.place_edit, "Phòng họp tầng 3")
    type_text(dialog.chair_edit, "Trần Văn Giám Đốc")
    type_text(dialog.secretary_edit, "Lê Thị Thư Ký")
    type_number(qtbot, dialog.total_spin, 10)
    type_number(qtbot, dialog.present_spin, 7)
    qtbot.keyClick(dialog.present_spin, Qt.Key.Key_Return)
    assert dialog.isVisible()  # refused: 7/10 present is under the rule set's 80 %
    assert "Có mặt 7/10 thành viên (70.0%), chưa đủ 80% để xét khen thưởng" in (
        dialog.error_label.text()
    )
    assert ctx.read(council.list_sessions, YEAR) == []
    type_number(qtbot, dialog.present_spin, 8)
    type_number(qtbot, dialog.written_spin, 2)
    assert "Người được bỏ phiếu: 10 (8 có mặt + 2 ý kiến bằng văn bản)" in (
        dialog.voters_label.text()
    )
    qtbot.keyClick(dialog.written_spin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.dialog is None)
    [row] = ctx.read(council.list_sessions, YEAR)
    assert (row.meeting_date, row.place, row.chair, row.secretary) == (
        date(2024, 12, 18),
        "Phòng họp tầng 3",
        "Trần Văn Giám Đốc",
        "Lê Thị Thư Ký",
    )
    assert (row.members_total, row.present, row.written_opinions) == (10, 8, 2)
    assert (
        panel.session_combo.currentText() == "Ngày 18/12/2024 — Phòng họp tầng 3 — 0 phiếu đã ghi"
    )
    assert "Tổng số thành viên: 10 · Có mặt: 8 · Ý kiến bằng văn bản: 2" in panel.info_label.text()
    assert panel.table.isEnabled()


def test_a_meeting_date_of_another_year_keeps_the_dialog_open(qtbot, panel, ctx) -> None:  # type: ignore[no-untyped-def]
    panel.new_button.click()
    dialog = dialog_of(qtbot, panel)
    type_date(qtbot, dialog.date_edit, "18/12/2022")
    type_number(qtbot, dialog.total_spin, 10)
    type_number(qtbot, dialog.present_spin, 10)
    qtbot.keyClick(dialog.present_spin, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert "Ngày họp 18/12/2022 không thuộc năm xét 2024" in dialog.error_label.text()
    qtbot.keyClick(dialog.present_spin, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: panel.dialog is None)
    assert ctx.read(council.list_sessions, YEAR) == []


# --- votes ---------------------------------------------------------------------------------------


def test_ballots_typed_in_pass_and_fail_exactly_at_the_threshold(  # type: ignore[no-untyped-def]
    qtbot, panel, ctx, candidates
) -> None:
    sid = _session(ctx)  # 10 members, 9 present, 1 written opinion: 10 may vote
    panel.refresh()
    qtbot.mouseClick(panel.fetch_button, Qt.MouseButton.LeftButton)
    names = [panel.proxy.index(r, COL_NAME).data() for r in range(panel.proxy.rowCount())]
    assert names == [
        "Nguyễn Văn An",
        "Lê Thị Bình",
        "Trần Văn Cường",
        "Phạm Thị Dung",
        "Tổ Hành chính",
    ]
    assert shown(panel, "Trần Văn Cường", COL_TITLE) == catalogue().get("CSTD_TINH").short
    assert shown(panel, "Nguyễn Văn An", COL_RESULT) == "Chưa ghi phiếu"

    cstdcs_pass, cstdcs_fail = boundary(ctx, "CSTDCS")
    cstd_pass, cstd_fail = boundary(ctx, "CSTD_TINH")
    unit_pass, unit_fail = boundary(ctx, "TTLDTT")
    # Only "đồng ý" typed; Enter saves and moves down the column to the next candidate.
    type_cell(qtbot, panel, "Nguyễn Văn An", COL_IN_FAVOUR, str(cstdcs_pass))
    assert panel.table.currentIndex() == panel.cell("Lê Thị Bình", COL_IN_FAVOUR)
    type_cell(qtbot, panel, "Lê Thị Bình", COL_IN_FAVOUR, str(cstdcs_fail))
    type_cell(qtbot, panel, "Trần Văn Cường", COL_IN_FAVOUR, str(cstd_pass))
    type_cell(qtbot, panel, "Phạm Thị Dung", COL_IN_FAVOUR, str(cstd_fail))
    type_cell(qtbot, panel, "Tổ Hành chính", COL_IN_FAVOUR, str(unit_pass))

    votes = stored(ctx, sid)
    assert {n: v.passed for n, v in votes.items()} == {
        "Nguyễn Văn An": True,
        "Lê Thị Bình": False,
        "Trần Văn Cường": True,
        "Phạm Thị Dung": False,
        "Tổ Hành chính": True,
    }
    an = votes["Nguyễn Văn An"]
    assert an.ballots == Ballots(10, 10, 10, cstdcs_pass)  # phát ra = có mặt + văn bản, ...
    assert an.percent == Decimal(cstdcs_pass * 100) / MEMBERS
    rules = ctx.read(council.rules_for_year, YEAR)
    for name, title in (("Nguyễn Văn An", "CSTDCS"), ("Tổ Hành chính", "TTLDTT")):
        assert shown(panel, name, COL_THRESHOLD) == threshold_text(*threshold_for(title, rules))
    # what the clerk sees, at once
    assert [shown(panel, "Nguyễn Văn An", c) for c in (COL_ISSUED, COL_RETURNED, COL_VALID)] == [
        "10",
        "10",
        "10",
    ]
    assert shown(panel, "Nguyễn Văn An", COL_PERCENT) == f"{cstdcs_pass * 10},0%"
    assert shown(panel, "Nguyễn Văn An", COL_RESULT) == "Đạt"
    assert shown(panel, "Lê Thị Bình", COL_RESULT) == "Không đạt"
    assert shown(panel, "Phạm Thị Dung", COL_RESULT) == "Không đạt"
    green = panel.cell("Nguyễn Văn An", COL_RESULT).data(Qt.ItemDataRole.ForegroundRole)
    red = panel.cell("Lê Thị Bình", COL_RESULT).data(Qt.ItemDataRole.ForegroundRole)
    assert green.name() != red.name()
    assert "Đã ghi phiếu: Tổ Hành chính" in panel.status_label.text()
    assert panel.session_combo.currentText().endswith("5 phiếu đã ghi")

    # a correction of one count re-judges the same vote: one less and the unit fails
    type_cell(qtbot, panel, "Tổ Hành chính", COL_IN_FAVOUR, str(unit_fail))
    assert not stored(ctx, sid)["Tổ Hành chính"].passed
    assert shown(panel, "Tổ Hành chính", COL_RESULT) == "Không đạt"
    assert len(stored(ctx, sid)) == 5


def test_typed_counts_that_cannot_be_right_are_refused_and_nothing_is_saved(  # type: ignore[no-untyped-def]
    qtbot, panel, ctx, candidates, message_boxes
) -> None:
    sid = _session(ctx)
    panel.refresh()
    panel.fetch_candidates()
    type_cell(qtbot, panel, "Nguyễn Văn An", COL_IN_FAVOUR, "9")
    assert stored(ctx, sid)["Nguyễn Văn An"].ballots == Ballots(10, 10, 10, 9)

    # "hợp lệ" 8 under 9 "đồng ý": refused, the stored vote unchanged, the cell shows it again
    type_cell(qtbot, panel, "Nguyễn Văn An", COL_VALID, "8")
    qtbot.waitUntil(lambda: bool(message_boxes.shown))
    [box] = message_boxes.shown
    assert box.kind == "warning" and box.title == "Số phiếu không hợp lệ"
    assert "Chưa ghi phiếu của Nguyễn Văn An (CSTĐCS)" in box.text
    assert "Số phiếu đồng ý nhiều hơn số phiếu hợp lệ" in box.text
    assert "Không có gì được lưu" in panel.status_label.text()
    assert stored(ctx, sid)["Nguyễn Văn An"].ballots == Ballots(10, 10, 10, 9)
    assert shown(panel, "Nguyễn Văn An", COL_VALID) == "10"
    assert panel.table.currentIndex() == panel.cell("Nguyễn Văn An", COL_VALID)  # to correct

    # more ballots issued than people who may vote: nothing saved for a new candidate either
    type_cell(qtbot, panel, "Lê Thị Bình", COL_ISSUED, "12")
    assert "Lê Thị Bình" not in stored(ctx, sid)  # no "đồng ý" yet: only typed, not saved
    type_cell(qtbot, panel, "Lê Thị Bình", COL_IN_FAVOUR, "9")
    qtbot.waitUntil(lambda: len(message_boxes.shown) == 2)
    assert (
        "Số phiếu phát ra (12) nhiều hơn số người được bỏ phiếu (10)" in message_boxes.shown[1].text
    )
    assert "Lê Thị Bình" not in stored(ctx, sid)
    assert shown(panel, "Lê Thị Bình", COL_RESULT) == "Chưa ghi phiếu"
    type_cell(qtbot, panel, "Lê Thị Bình", COL_ISSUED, "10")
    type_cell(qtbot, panel, "Lê Thị Bình", COL_IN_FAVOUR, "9")
    assert stored(ctx, sid)["Lê Thị Bình"].ballots == Ballots(10, 10, 10, 9)


def test_a_cell_opened_and_left_unchanged_saves_nothing(qtbot, panel, ctx, candidates) -> None:  # type: ignore[no-untyped-def]
    sid = _session(ctx)
    panel.refresh()
    panel.fetch_candidates()
    table = panel.table
    table.setFocus()
    table.setCurrentIndex(panel.cell("Nguyễn Văn An", COL_IN_FAVOUR))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.text() == ""
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.state() != QAbstractItemView.State.EditingState)
    assert stored(ctx, sid) == {}


# --- corrections ---------------------------------------------------------------------------------


def test_new_membership_counts_rejudge_the_votes(qtbot, panel, ctx, org, message_boxes) -> None:  # type: ignore[no-untyped-def]
    sid = _session(ctx)
    fewest, _ = boundary(ctx, "CSTDCS")
    ctx.write(council.record_vote, sid, "CSTDCS", Ballots(10, 10, 10, fewest), person_id=org["an"])
    panel.refresh()
    assert shown(panel, "Nguyễn Văn An", COL_RESULT) == "Đạt"
    qtbot.mouseClick(panel.edit_button, Qt.MouseButton.LeftButton)
    dialog = dialog_of(qtbot, panel)
    assert dialog.windowTitle() == "Sửa phiên họp Hội đồng Thi đua - Khen thưởng"
    assert "Phiên họp đã có 1 phiếu" in dialog.note_label.text()
    assert dialog.total_spin.value() == MEMBERS
    type_number(qtbot, dialog.total_spin, 11)  # one member more: the same votes are fewer %
    qtbot.keyClick(dialog.total_spin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.dialog is None)
    [box] = message_boxes.shown
    assert box.title == "Kết quả đã tính lại" and "Nguyễn Văn An" in box.text
    assert "Không đạt" in box.text
    assert not stored(ctx, sid)["Nguyễn Văn An"].passed
    assert shown(panel, "Nguyễn Văn An", COL_RESULT) == "Không đạt"


def test_a_vote_then_the_session_are_deleted_after_confirmation(  # type: ignore[no-untyped-def]
    qtbot, panel, ctx, org, candidates, message_boxes
) -> None:
    sid = _session(ctx)
    for who in ("an", "binh"):
        ctx.write(council.record_vote, sid, "CSTDCS", Ballots(10, 10, 10, 9), person_id=org[who])
    panel.refresh()
    panel.fetch_candidates()
    message_boxes.answer = Yes
    panel.table.setFocus()
    panel.table.setCurrentIndex(panel.cell("Nguyễn Văn An", COL_NAME))
    qtbot.keyClick(panel.table, Qt.Key.Key_Delete)
    assert "Xóa kết quả bỏ phiếu của Nguyễn Văn An (CSTĐCS)?" in message_boxes.shown[-1].text
    assert list(stored(ctx, sid)) == ["Lê Thị Bình"]
    assert shown(panel, "Nguyễn Văn An", COL_RESULT) == "Chưa ghi phiếu"  # still a candidate

    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    assert "các phiếu này cũng bị xóa" in message_boxes.shown[-1].text
    assert ctx.read(council.list_sessions, YEAR) == []
    assert panel.session_combo.count() == 0 and not panel.table.isEnabled()


# --- the real review -------------------------------------------------------------------------


def test_candidates_are_the_reviews_proposals(qtbot, demo_database, tmp_path: Path, runner) -> None:  # type: ignore[no-untyped-def]
    assert demo_database.file is not None
    copy = tmp_path / "demo.sqlite"
    # the shared demo stays read-only; the backup API copies what is still in its WAL too
    with closing(sqlite3.connect(demo_database.file)) as src, closing(sqlite3.connect(copy)) as dst:
        src.backup(dst)
    db = open_database(sqlite_url(copy), backup_folder=tmp_path / "backups")
    try:
        ctx = db.context()
        year = next(
            y
            for y in range(date.today().year, 2023, -1)
            if any(c.proposed for c in ctx.read(review.candidates, y))
        )
        expected = [c for c in ctx.read(review.candidates, year) if c.proposed is not None]
        ctx.write(
            council.create_session,
            council.SessionInput(year, date(year, 12, 20), 15, 13, 2),
        )
        widget = CouncilPanel(ctx)
        qtbot.addWidget(widget)
        widget.set_runner(runner)
        widget.set_year(year)
        assert widget.fetch_candidates()
        lines = widget.model.lines()
        assert [(line.name, line.title) for line in lines] == [
            (c.name, c.proposed) for c in expected
        ]
        first = lines[0]
        widget.model.setData(widget.model.index(0, COL_IN_FAVOUR), 15)
        [vote] = ctx.read(council.list_votes, widget.current_session_id() or 0)
        assert (vote.name, vote.title, vote.passed) == (first.name, first.title, True)
    finally:
        db.dispose()
