"""The history import dialog (issue 5): check first, then all or nothing after a backup."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox
from sqlalchemy import func, select

import app.services.backup as backup_module
from app.db.models import AwardRecord, UnitGrade
from app.domain.people import PersonInput
from app.domain.units import UnitInput
from app.services import people as people_svc
from app.services import units as unit_svc
from app.ui.screens.units import UnitsScreen
from app.ui.screens.units.history_import_dialog import HistoryImportDialog

HEADER = ["STT", "Họ và tên", "Ngày sinh", "Đơn vị", "Năm", "Danh hiệu", "Số QĐ", "Ngày QĐ"]
GOOD = [
    [1, "Nguyễn Văn An", "03/04/1980", "Văn phòng Sở", 2024, "LĐTT", "1/QĐ-SNN", "10/01/2025"],
    [2, "Trần Thị Bình", None, "Văn phòng Sở", 2024, "CSTĐCS", "2/QĐ-SNN", "10/01/2025"],
]


@pytest.fixture
def org(ctx):
    def build(s):
        root = unit_svc.create_unit(
            s, UnitInput(code="SO", full_name="Sở Nông nghiệp và Môi trường", kind="CO_QUAN")
        )
        vp = unit_svc.create_unit(
            s, UnitInput(code="VP", full_name="Văn phòng Sở", parent_id=root.id, kind="VAN_PHONG")
        )
        people_svc.create_person(
            s,
            PersonInput(ho_dem="Nguyễn Văn", ten="An", birth_date=date(1980, 4, 3)),
            unit_id=vp.id,
        )
        people_svc.create_person(s, PersonInput(ho_dem="Trần Thị", ten="Bình"), unit_id=vp.id)
        return {"root": root.id, "vp": vp.id}

    return ctx.write(build)


def write_xlsx(path: Path, rows: list[list], sheet: str = "Khen thưởng") -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def awards(ctx) -> int:
    return ctx.read(lambda s: s.scalar(select(func.count()).select_from(AwardRecord)))


@pytest.fixture
def backups(monkeypatch, tmp_path: Path) -> list[tuple[Path, str]]:
    """Every backup the dialog makes (the real copy, into this test's folder)."""
    made: list[tuple[Path, str]] = []
    real = backup_module.backup_database

    def recording(url: str, target=None, *, reason: str = "thu-cong", folder=None) -> Path:
        path = real(url, target, reason=reason, folder=tmp_path / "saoluu")
        made.append((path, reason))
        return path

    monkeypatch.setattr(backup_module, "backup_database", recording)
    return made


@pytest.fixture
def dialog(qtbot, ctx, runner, org, message_boxes):
    dlg = HistoryImportDialog(ctx, runner)
    qtbot.addWidget(dlg)
    dlg.show()
    return dlg


def choose_file(qtbot, monkeypatch, dlg: HistoryImportDialog, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), "Excel"))
    qtbot.mouseClick(dlg.browse_button, Qt.MouseButton.LeftButton)


def issue_rows(dlg: HistoryImportDialog) -> list[tuple[str, ...]]:
    model = dlg.issues_view.model()
    return [
        tuple(str(model.index(r, c).data()) for c in range(model.columnCount()))
        for r in range(model.rowCount())
    ]


def test_check_then_import_an_awards_workbook(
    qtbot, monkeypatch, dialog, ctx, tmp_path, message_boxes, backups
) -> None:
    path = write_xlsx(tmp_path / "khenthuong.xlsx", [["DANH SÁCH KHEN THƯỞNG"], [], HEADER, *GOOD])
    assert dialog.kind_combo.currentText() == "Khen thưởng đã có"
    choose_file(qtbot, monkeypatch, dialog, path)
    assert dialog.path_edit.text() == str(path)
    assert dialog.sheet_combo.findData("Khen thưởng") > 0  # the sheets of the file are offered
    assert not dialog.import_button.isEnabled()

    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert "Sẽ thêm 2" in dialog.counts_label.text()
    assert "Có thể nhập" in dialog.status_label.text()
    assert issue_rows(dialog) == []
    assert "Nguyễn Văn An" in dialog.changes_text.toPlainText()
    assert dialog.import_button.isEnabled()
    assert awards(ctx) == 0  # a check writes nothing
    assert backups == []

    message_boxes.answer = QMessageBox.StandardButton.Yes
    with qtbot.waitSignal(dialog.imported) as signal:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    question = message_boxes.shown[-1]
    assert question.kind == "question"
    assert "thêm 2" in question.text and "sao lưu" in question.text
    assert awards(ctx) == 2
    assert signal.args[0].written and signal.args[0].added == 2
    assert "Đã thêm 2" in dialog.counts_label.text()
    assert "Đã ghi vào cơ sở dữ liệu" in dialog.status_label.text()
    assert not dialog.import_button.isEnabled()  # once is enough

    # The backup was made before the write: it holds none of the new awards.
    assert [reason for _, reason in backups] == ["truoc-nhap"]
    copy = sqlite3.connect(backups[0][0])
    try:
        assert copy.execute("SELECT COUNT(*) FROM award_record").fetchone() == (0,)
    finally:
        copy.close()

    # Checking the same file again: everything is already there.
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert "giữ nguyên 2" in dialog.counts_label.text()


def test_a_blocked_file_lists_its_issues_and_cannot_be_imported(
    qtbot, monkeypatch, dialog, ctx, tmp_path, message_boxes, backups
) -> None:
    bad = [list(GOOD[0]), [2, "Hoàng Văn Lạ", None, "Văn phòng Sở", 2024, "Danh hiệu lạ", "", ""]]
    path = write_xlsx(tmp_path / "loi.xlsx", [HEADER, *bad])
    choose_file(qtbot, monkeypatch, dialog, path)
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)

    rows = issue_rows(dialog)
    assert ("3", "F", "Danh hiệu") == rows[0][:3]  # the sheet's own column header, not a code
    assert "Không nhận ra danh hiệu" in rows[0][3]
    assert dialog.tabs.currentWidget() is dialog.issues_view
    assert dialog.tabs.tabText(0) == f"Lỗi ({len(rows)})"
    assert "chưa thể nhập" in dialog.status_label.text()
    assert not dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)  # disabled: nothing
    assert message_boxes.shown == []
    assert awards(ctx) == 0

    # The report is copyable: the whole text, and the issue rows with Ctrl+C.
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    copied = QGuiApplication.clipboard().text()
    assert "dòng 3, cột F (Danh hiệu): Không nhận ra danh hiệu" in copied
    dialog.issues_view.setFocus()
    dialog.issues_view.selectRow(0)
    qtbot.keyClick(dialog.issues_view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    lines = QGuiApplication.clipboard().text().splitlines()
    assert lines[0] == "Dòng\tCột\tThông tin\tLý do"
    assert lines[1].startswith("3\tF\tDanh hiệu\tKhông nhận ra")

    # "Bỏ qua dòng lỗi" checks again; the good row can then be imported alone.
    qtbot.keyClick(dialog.skip_check, Qt.Key.Key_Space)
    assert dialog.skip_check.isChecked()
    assert "Sẽ thêm 1" in dialog.counts_label.text()
    assert dialog.import_button.isEnabled()
    message_boxes.answer = QMessageBox.StandardButton.Yes
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert "1 dòng lỗi sẽ bị bỏ qua" in message_boxes.shown[-1].text
    assert awards(ctx) == 1
    assert len(backups) == 1


def test_saying_no_writes_nothing(
    qtbot, monkeypatch, dialog, ctx, tmp_path, message_boxes, backups
) -> None:
    choose_file(qtbot, monkeypatch, dialog, write_xlsx(tmp_path / "kt.xlsx", [HEADER, *GOOD]))
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    message_boxes.answer = QMessageBox.StandardButton.No
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert awards(ctx) == 0
    assert backups == []
    assert dialog.import_button.isEnabled()


def test_changing_the_file_after_a_check_asks_for_a_new_check(
    qtbot, monkeypatch, dialog, tmp_path
) -> None:
    choose_file(qtbot, monkeypatch, dialog, write_xlsx(tmp_path / "kt.xlsx", [HEADER, *GOOD]))
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert dialog.import_button.isEnabled()
    qtbot.keyClick(dialog.path_edit, Qt.Key.Key_End)
    qtbot.keyClick(dialog.path_edit, Qt.Key.Key_Backspace)
    assert not dialog.import_button.isEnabled()
    assert "Kiểm tra lại" in dialog.status_label.text()


def test_a_file_that_cannot_be_read_is_explained(qtbot, dialog, tmp_path) -> None:
    qtbot.keyClicks(dialog.path_edit, str(tmp_path / "khong-co.xlsx"))
    qtbot.keyClick(dialog.path_edit, Qt.Key.Key_Return)  # Kiểm tra is the default button
    assert "Không tìm thấy tệp" in dialog.status_label.text()
    assert not dialog.import_button.isEnabled()
    empty = tmp_path / "tieu-de.xlsx"
    write_xlsx(empty, [["Cột A", "Cột B"], [1, 2]])
    dialog.path_edit.clear()
    qtbot.keyClicks(dialog.path_edit, str(empty))
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert dialog.status_label.text()
    assert not dialog.import_button.isEnabled()
    assert dialog.issues_model.rowCount() == 0


def test_unit_grades_by_keyboard_with_a_default_year(
    qtbot, ctx, runner, org, tmp_path, message_boxes, backups
) -> None:
    path = write_xlsx(
        tmp_path / "xltt.xlsx", [["Tên đơn vị", "Xếp loại"], ["Văn phòng Sở", "HTXS"]]
    )
    dlg = HistoryImportDialog(ctx, runner)
    qtbot.addWidget(dlg)
    with qtbot.waitExposed(dlg):
        dlg.show()
    with qtbot.waitActive(dlg):
        dlg.activateWindow()
    qtbot.keyClick(dlg.kind_combo, Qt.Key.Key_End)
    assert dlg.kind() == "unit-grades"
    assert "Tên đơn vị" in dlg.hint_label.text()
    qtbot.keyClicks(dlg.path_edit, str(path))
    qtbot.mouseClick(dlg.check_button, Qt.MouseButton.LeftButton)
    rows = issue_rows(dlg)
    assert rows and rows[0][2] == "Năm"  # no year in the file and none chosen
    assert not dlg.import_button.isEnabled()

    dlg.year_spin.setFocus()
    dlg.year_spin.selectAll()
    qtbot.keyClicks(dlg.year_spin, "2024")
    assert dlg.year_spin.value() == 2024
    assert not dlg.import_button.isEnabled()
    qtbot.keyClick(dlg, Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)  # &Kiểm tra
    qtbot.waitUntil(dlg.import_button.isEnabled)  # a mnemonic clicks after a short delay
    assert issue_rows(dlg) == []
    message_boxes.answer = QMessageBox.StandardButton.Yes
    qtbot.keyClick(dlg, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)  # &Nhập
    qtbot.waitUntil(lambda: "Đã ghi" in dlg.status_label.text())
    grades = ctx.read(
        lambda s: [(g.unit_id, g.year, g.grade) for g in s.scalars(select(UnitGrade))]
    )
    assert grades == [(org["vp"], 2024, "HTXSNV")]


def test_no_backup_without_a_database_file(
    qtbot, monkeypatch, ctx, runner, org, tmp_path, message_boxes, backups
) -> None:
    """A PostgreSQL database (no file): the server keeps its own backups."""
    server_like = replace(ctx, file=None)
    dlg = HistoryImportDialog(server_like, runner)
    qtbot.addWidget(dlg)
    choose_file(qtbot, monkeypatch, dlg, write_xlsx(tmp_path / "kt.xlsx", [HEADER, *GOOD]))
    qtbot.mouseClick(dlg.check_button, Qt.MouseButton.LeftButton)
    message_boxes.answer = QMessageBox.StandardButton.Yes
    qtbot.mouseClick(dlg.import_button, Qt.MouseButton.LeftButton)
    assert "sao lưu" not in message_boxes.shown[-1].text
    assert awards(ctx) == 2
    assert backups == []


def test_a_read_only_database_can_be_checked_but_not_written(
    qtbot, monkeypatch, ctx, runner, org, tmp_path, message_boxes, backups
) -> None:
    dlg = HistoryImportDialog(replace(ctx, read_only=True), runner)
    qtbot.addWidget(dlg)
    assert "chỉ đọc" in dlg.status_label.text()
    choose_file(qtbot, monkeypatch, dlg, write_xlsx(tmp_path / "kt.xlsx", [HEADER, *GOOD]))
    qtbot.mouseClick(dlg.check_button, Qt.MouseButton.LeftButton)
    assert "Sẽ thêm 2" in dlg.counts_label.text()
    assert not dlg.import_button.isEnabled()
    assert awards(ctx) == 0


def test_the_units_screen_opens_it_with_ctrl_shift_i(
    qtbot, monkeypatch, ctx, runner, org, tmp_path, message_boxes, backups
) -> None:
    page = UnitsScreen(ctx, 2026)
    page.set_runner(runner)
    qtbot.addWidget(page)
    with qtbot.waitExposed(page):
        page.show()
    with qtbot.waitActive(page):
        page.activateWindow()
    page.unit_panel.tree.setFocus()
    qtbot.keyClick(
        page.unit_panel.tree,
        Qt.Key.Key_I,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    dlg = page.wizard
    assert isinstance(dlg, HistoryImportDialog)
    assert "Nhập lịch sử khen thưởng, sáng kiến…" in [
        a.text() for a in page.import_button.menu().actions()
    ]
    choose_file(qtbot, monkeypatch, dlg, write_xlsx(tmp_path / "kt.xlsx", [HEADER, *GOOD]))
    qtbot.mouseClick(dlg.check_button, Qt.MouseButton.LeftButton)
    message_boxes.answer = QMessageBox.StandardButton.Yes
    qtbot.mouseClick(dlg.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "2 khen thưởng đã ghi nhận" in page.summary_label.text())


def owner_of_awards(ctx) -> list[str]:
    from app.db.models import Person

    return ctx.read(
        lambda s: list(
            s.scalars(
                select(Person.full_name).join(AwardRecord, AwardRecord.person_id == Person.id)
            )
        )
    )


def test_a_near_name_is_stored_only_after_the_clerk_accepts_it(
    qtbot, monkeypatch, dialog, ctx, tmp_path, message_boxes, backups
) -> None:
    rows = [
        [1, "Nguyễn Văn Ân", "03/04/1980", "Văn phòng Sở", 2024, "LĐTT", "1/QĐ-SNN", "10/01/2025"]
    ]
    path = write_xlsx(tmp_path / "an.xlsx", [HEADER, *rows])
    choose_file(qtbot, monkeypatch, dialog, path)
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert dialog.tabs.currentWidget() is dialog.suggestions_scroll
    assert dialog.tabs.tabText(3) == "Gợi ý (1, chưa chọn 1)"
    assert not dialog.import_button.isEnabled()  # nothing matched by itself
    combo = dialog.suggestion_combos[2]
    assert combo.itemText(1) == "Đúng là người này"
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # a clerk's arrow key: "Đúng là người này"
    assert 2 in dialog.accepted
    assert dialog.tabs.tabText(3) == "Gợi ý (1, chưa chọn 0)"
    assert dialog.import_button.isEnabled()
    message_boxes.answer = QMessageBox.StandardButton.Yes
    with qtbot.waitSignal(dialog.imported):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert owner_of_awards(ctx) == ["Nguyễn Văn An"]


def test_a_proposal_list_needs_a_decision_number_typed_in_the_dialog(
    qtbot, monkeypatch, dialog, ctx, tmp_path, message_boxes, backups
) -> None:
    header = ["STT", "Họ và tên", "Ngày sinh", "Đơn vị", "Danh hiệu"]
    rows = [[1, "Nguyễn Văn An", "03/04/1980", "Văn phòng Sở", "LĐTT"]]
    path = write_xlsx(
        tmp_path / "denghi.xlsx", [["DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG"], [], header, *rows]
    )
    choose_file(qtbot, monkeypatch, dialog, path)
    dialog.year_spin.setValue(2024)
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert "danh sách đề nghị, chưa có số quyết định" in dialog.status_label.text()
    assert "--" not in dialog.status_label.text()  # no command-line flags in the GUI
    assert not dialog.import_button.isEnabled()
    dialog.decision_edit.setFocus()
    dialog.decision_edit.insert("12/QĐ-SNN")  # pasted: QTest cannot type "Đ"
    qtbot.keyClicks(dialog.decision_date_edit, "31/02/2025")
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert "Ngày quyết định" in dialog.status_label.text()  # an impossible date is refused
    dialog.decision_date_edit.clear()
    qtbot.keyClicks(dialog.decision_date_edit, "15/01/2025")
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert dialog.import_button.isEnabled(), dialog.status_label.text()
    message_boxes.answer = QMessageBox.StandardButton.Yes
    with qtbot.waitSignal(dialog.imported):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    numbers = ctx.read(lambda s: list(s.scalars(select(AwardRecord.decision_number))))
    assert numbers == ["12/QĐ-SNN"]


def test_a_legacy_encoded_sheet_is_converted_only_with_consent(
    qtbot, monkeypatch, dialog, ctx, tmp_path, message_boxes, backups
) -> None:
    from app.domain.legacy_text import convert, detect

    legacy = "NguyÔn V¨n An"  # TCVN3 for Nguyễn Văn An
    assert detect(legacy) == "TCVN3" and convert(legacy, "TCVN3") == "Nguyễn Văn An"
    rows = [[1, legacy, "03/04/1980", "Văn phòng Sở", 2024, "LĐTT", "1/QĐ-SNN", "10/01/2025"]]
    path = write_xlsx(tmp_path / "tcvn3.xlsx", [HEADER, *rows])
    choose_file(qtbot, monkeypatch, dialog, path)
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert "TCVN3" in dialog.status_label.text()
    assert "--" not in dialog.status_label.text()
    assert not dialog.import_button.isEnabled()
    dialog.legacy_check.setFocus()
    qtbot.keyClick(dialog.legacy_check, Qt.Key.Key_Space)
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert dialog.tabs.isTabVisible(4)
    assert f"{legacy} → Nguyễn Văn An" in dialog.conversions_text.toPlainText()
    assert dialog.import_button.isEnabled(), dialog.status_label.text()
    message_boxes.answer = QMessageBox.StandardButton.Yes
    with qtbot.waitSignal(dialog.imported):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert owner_of_awards(ctx) == ["Nguyễn Văn An"]


def test_most_rows_failing_blocks_the_import_even_when_skipping(
    qtbot, monkeypatch, dialog, ctx, tmp_path, message_boxes
) -> None:
    rows = [
        [i, f"Người Lạ {i}", None, "Văn phòng Sở", 2024, "LĐTT", "1/QĐ-SNN", "10/01/2025"]
        for i in range(1, 6)
    ]
    path = write_xlsx(tmp_path / "la.xlsx", [HEADER, *rows])
    choose_file(qtbot, monkeypatch, dialog, path)
    dialog.skip_check.setChecked(True)
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert not dialog.import_button.isEnabled()
    assert "5" in dialog.status_label.text() and "dòng" in dialog.status_label.text()
    assert awards(ctx) == 0


def test_a_blank_awards_template_is_refused(
    qtbot, monkeypatch, dialog, ctx, tmp_path, message_boxes
) -> None:
    path = write_xlsx(tmp_path / "mau.xlsx", [["DANH SÁCH KHEN THƯỞNG"], [], HEADER])
    choose_file(qtbot, monkeypatch, dialog, path)
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert "không có dòng dữ liệu nào" in dialog.status_label.text()
    assert not dialog.import_button.isEnabled()
