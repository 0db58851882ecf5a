"""The Council tab at the size of a real year (issue 14), driven by keyboard and mouse: a
900-row block pasted from Excel into the CSTĐCS ballots and a 900-candidate LĐTT list approved
in one action, both there after the database is opened again; fill-down, "all in favour" and
Ctrl+Z; the tally sheet out and back in, a refused sheet changing nothing.

The candidates are stored with the session through the service (the review engine has its
own tests); everything else goes through the tab.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QFileDialog, QSpinBox
from sqlalchemy import func, select

from app.config import sqlite_url
from app.db.models import CouncilListApproval, CouncilVote
from app.domain.people import PersonInput
from app.domain.units import UnitInput
from app.services import council
from app.services import council_candidates as cc
from app.services import people as people_svc
from app.services import units as unit_svc
from app.services.context import AppContext
from app.services.database import open_database
from app.ui.screens.review.council_ballots import ListApprovalDialog, RowsDialog
from app.ui.screens.review.council_panel import CouncilPanel
from app.ui.screens.review.council_table import COL_IN_FAVOUR, COL_RESULT, COL_VALID

YEAR = 2026
COUNT = 900
MEMBERS, PRESENT, WRITTEN = 11, 10, 1  # 11 may vote; CSTĐCS needs 80% of 11 = 8.8 -> 9


def born(i: int) -> date:
    return date(1970 + i % 30, 1 + i % 12, 1 + i % 28)


@pytest.fixture(scope="module")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    """A database with 900 CSTĐCS and 900 LĐTT candidates of one session, built once."""
    folder = tmp_path_factory.mktemp("council-big")
    db = open_database(sqlite_url(folder / "big.sqlite"), backup_folder=folder / "backups")
    with db.session_factory.begin() as s:
        vp = unit_svc.create_unit(
            s, UnitInput(code="VP", full_name="Văn phòng Sở", kind="VAN_PHONG")
        )
        ids = [
            people_svc.create_person(
                s,
                PersonInput(ho_dem="Nguyễn Văn", ten=f"Người {i:04d}", birth_date=born(i)),
                unit_id=vp.id,
            )
            for i in range(2 * COUNT)
        ]
        sid = council.create_session(
            s, council.SessionInput(YEAR, date(YEAR, 12, 18), MEMBERS, PRESENT, WRITTEN, "Sở")
        )
        items = [cc.CandidateInput("person", pid, "CSTDCS") for pid in ids[:COUNT]]
        items += [cc.CandidateInput("person", pid, "LDTT") for pid in ids[COUNT:]]
        cc.store_candidates(s, sid, items)
    db.dispose()
    return folder / "big.sqlite", sid


@pytest.fixture
def big(big_file, tmp_path):  # type: ignore[no-untyped-def]
    """A copy of the big database for one test: (url, session id, context)."""
    path, sid = big_file
    copy = tmp_path / "copy.sqlite"
    shutil.copy(path, copy)
    db = open_database(sqlite_url(copy), backup_folder=tmp_path / "backups")
    yield sqlite_url(copy), sid, db
    db.dispose()


def make_panel(qtbot, ctx: AppContext, runner) -> CouncilPanel:  # type: ignore[no-untyped-def]
    panel = CouncilPanel(ctx)
    qtbot.addWidget(panel)
    panel.set_runner(runner)
    panel.set_year(YEAR)
    panel.resize(1200, 700)
    with qtbot.waitExposed(panel):
        panel.show()
    with qtbot.waitActive(panel):
        panel.activateWindow()
    return panel


def choose_title(qtbot, panel: CouncilPanel, short: str) -> None:  # type: ignore[no-untyped-def]
    """Pick a title in the filter by keyboard (type its first letters)."""
    combo = panel.title_combo
    combo.setFocus()
    index = next(i for i in range(combo.count()) if combo.itemText(i).startswith(short))
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(index):
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentIndex() == index, combo.currentText()


def click_cell(qtbot, panel: CouncilPanel, row: int, column: int) -> None:  # type: ignore[no-untyped-def]
    table = panel.table
    index = panel.proxy.index(row, column)
    table.scrollTo(index)
    rect = table.visualRect(index)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert table.currentIndex() == index


def dialog_of(qtbot, panel: CouncilPanel):  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: panel.dialog is not None and panel.dialog.isVisible())
    dialog = panel.dialog
    assert dialog is not None
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def stored(ctx: AppContext, model) -> int:  # type: ignore[no-untyped-def]
    return int(ctx.read(lambda s: s.scalar(select(func.count(model.id)))))


def results(panel: CouncilPanel) -> list[str]:
    return [str(panel.proxy.index(r, COL_RESULT).data()) for r in range(panel.proxy.rowCount())]


def test_900_pasted_ballots_and_a_900_list_survive_reopening(
    qtbot, big, runner, message_boxes
) -> None:  # type: ignore[no-untyped-def]
    url, sid, db = big
    ctx = db.context()
    panel = make_panel(qtbot, ctx, runner)
    assert panel.model.rowCount() == 2 * COUNT
    choose_title(qtbot, panel, "CSTĐCS")
    assert panel.proxy.rowCount() == COUNT

    # the block a clerk copies from the Ban kiểm phiếu's sheet: name, date of birth, counts;
    # two rows of people who are not candidates
    rows = [
        f"Nguyễn Văn Người {i:04d}\t{born(i):%d/%m/%Y}\t11\t11\t11\t{9 if i % 3 else 8}"
        for i in range(COUNT)
    ]
    rows[450:450] = ["Người Lạ\t01/01/1980\t11\t11\t11\t9", "Trần Thị Khác\t9"]
    QGuiApplication.clipboard().setText("\r\n".join(rows) + "\r\n")
    click_cell(qtbot, panel, 0, COL_IN_FAVOUR)
    qtbot.keyClick(panel.table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    dialog = dialog_of(qtbot, panel)
    assert isinstance(dialog, RowsDialog)
    assert "902 dòng: 900 khớp, 2 không khớp hoặc có lỗi; 900 phiếu sẽ ghi" in (
        dialog.summary.text()
    )
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.dialog is None)
    assert stored(ctx, CouncilVote) == COUNT
    shown = results(panel)
    assert shown.count("Đạt") == 600 and shown.count("Không đạt") == 300  # 9/11 vs 8/11

    # LĐTT: one action for the whole list
    choose_title(qtbot, panel, "LĐTT")
    assert set(results(panel)) == {"Chờ thông qua danh sách"}
    qtbot.mouseClick(panel.approve_button, Qt.MouseButton.LeftButton)
    approval = dialog_of(qtbot, panel)
    assert isinstance(approval, ListApprovalDialog)
    assert approval.title_combo.currentText() == "Lao động tiên tiến (900 người/tập thể)"
    spin = approval.favour_spin
    assert isinstance(spin, QSpinBox) and spin.value() == 11  # everyone who may vote
    spin.setFocus()
    qtbot.keyClick(spin, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(spin, "9")
    assert approval.result_label.text().startswith("Đạt: 9/11 thành viên đồng ý")
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.dialog is None)
    assert set(results(panel)) == {"Đạt (danh sách)"}
    assert stored(ctx, CouncilListApproval) == 1
    panel.close()

    # the database opened again: the candidates, the 900 ballots and the list are there
    db.dispose()
    again = open_database(url)
    try:
        ctx2 = again.context()
        reopened = make_panel(qtbot, ctx2, runner)
        assert reopened.model.rowCount() == 2 * COUNT
        choose_title(qtbot, reopened, "CSTĐCS")
        assert results(reopened).count("Đạt") == 600
        choose_title(qtbot, reopened, "LĐTT")
        assert set(results(reopened)) == {"Đạt (danh sách)"}
        passed = ctx2.read(cc.passed_by_title, YEAR)
        assert (len(passed["CSTDCS"]), len(passed["LDTT"])) == (600, COUNT)
    finally:
        again.dispose()


def test_fill_down_all_in_favour_and_undo(qtbot, big, runner, message_boxes) -> None:  # type: ignore[no-untyped-def]
    _url, _sid, db = big
    ctx = db.context()
    panel = make_panel(qtbot, ctx, runner)
    choose_title(qtbot, panel, "CSTĐCS")
    table = panel.table
    # type 10 in the first "hợp lệ" cell, then select it and the 3 below, Ctrl+D
    click_cell(qtbot, panel, 0, COL_VALID)
    qtbot.keyClicks(table, "1")
    editor = QApplication.focusWidget()
    qtbot.keyClicks(editor, "0")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.state() != table.State.EditingState)
    assert stored(ctx, CouncilVote) == 0  # no "đồng ý" yet: nothing saved
    click_cell(qtbot, panel, 0, COL_IN_FAVOUR)
    qtbot.keyClicks(table, "9")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.state() != table.State.EditingState)
    assert stored(ctx, CouncilVote) == 1
    click_cell(qtbot, panel, 0, COL_IN_FAVOUR)
    for _ in range(3):
        qtbot.keyClick(table, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert stored(ctx, CouncilVote) == 4
    assert [panel.proxy.index(r, COL_IN_FAVOUR).data() for r in range(4)] == ["9"] * 4
    # "Tất cả đồng ý" on rows 5-6: đồng ý = hợp lệ = the 11 who may vote
    click_cell(qtbot, panel, 4, COL_IN_FAVOUR)
    qtbot.keyClick(table, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    qtbot.mouseClick(panel.all_button, Qt.MouseButton.LeftButton)
    assert [panel.proxy.index(r, COL_IN_FAVOUR).data() for r in (4, 5)] == ["11", "11"]
    assert stored(ctx, CouncilVote) == 6
    # Ctrl+Z: the last edit ("all in favour") goes, then the fill-down, then the typed cell
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored(ctx, CouncilVote) == 4
    assert panel.proxy.index(4, COL_IN_FAVOUR).data() == ""
    qtbot.keyClick(table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored(ctx, CouncilVote) == 1
    qtbot.keyClick(table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored(ctx, CouncilVote) == 0
    qtbot.keyClick(table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "Không có thao tác" in panel.status_label.text()


def _tally_rows(path: Path) -> list[int]:
    ws = load_workbook(path).active
    return [
        r
        for r in range(1, ws.max_row + 1)
        if isinstance(ws.cell(r, 1).value, int) and isinstance(ws.cell(r, 2).value, str)
    ]


def test_the_tally_sheet_goes_out_and_comes_back(
    qtbot, big, runner, message_boxes, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    _url, _sid, db = big
    ctx = db.context()
    panel = make_panel(qtbot, ctx, runner)
    target = tmp_path / "kiem-phieu.xlsx"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "Excel (*.xlsx)")
    )
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", lambda *a, **k: (str(target), "Excel (*.xlsx)")
    )
    panel.export_action.trigger()
    rows = _tally_rows(target)
    assert len(rows) == COUNT  # the CSTĐCS candidates; the LĐTT list is not voted on

    book = load_workbook(target)
    ws = book.active
    for r in rows:
        ws.cell(r, 9).value = 10
    ws.cell(rows[5], 9).value = 12  # more "đồng ý" than those who may vote: refused
    book.save(target)
    panel.import_action.trigger()
    dialog = dialog_of(qtbot, panel)
    assert isinstance(dialog, RowsDialog)
    assert "899 khớp, 1 không khớp hoặc có lỗi" in dialog.summary.text()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)  # refused: all or nothing
    assert dialog.isVisible() and "không ghi gì" in dialog.error_label.text()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: panel.dialog is None)
    assert stored(ctx, CouncilVote) == 0

    book = load_workbook(target)
    ws = book.active
    ws.cell(rows[5], 9).value = 7
    book.save(target)
    panel.import_action.trigger()
    dialog = dialog_of(qtbot, panel)
    assert "900 khớp, 0 không khớp" in dialog.summary.text()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.dialog is None)
    assert stored(ctx, CouncilVote) == COUNT
    choose_title(qtbot, panel, "CSTĐCS")
    assert results(panel).count("Không đạt") == 1  # 7/11 = 63.6 % < 80 %
