"""The Excel import wizard, driven through real input against a temporary database."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFileDialog, QWizard

from app.domain.imports import ImportReport
from app.domain.units import UnitInput
from app.services.people import get_person, list_people
from app.services.units import create_unit, delete_unit, list_units
from app.ui.screens.units.import_wizard import CREATE_UNIT, ImportWizard

NEXT = QWizard.WizardButton.NextButton
COMMIT = QWizard.WizardButton.CommitButton
FINISH = QWizard.WizardButton.FinishButton

STAFF_HEADER = [
    "STT",
    "Họ và tên",
    "Ngày sinh",
    "Giới tính",
    "Chức vụ",
    "Đơn vị công tác",
    "Mã cán bộ",
]
STAFF = [
    [
        1,
        "Nguyễn Văn An",
        "03/04/1980",
        "Nam",
        "Trưởng phòng",
        "Phòng Kế hoạch – Tài chính",
        "NV001",
    ],
    [2, "Trần Thị Bình", "15/09/1988", "Nữ", "Chuyên viên", "phong ke hoach - tai chinh", "NV002"],
    [3, "Lê Minh Cường", "1975", "Nam", "Chánh Văn phòng", "Văn phòng Sở", None],
    [4, "Phạm Thị Dung", "01/01/1990", "Nữ", "Kế toán viên", "VĂN PHÒNG SỞ", "NV004"],
]


def write_xlsx(
    path: Path,
    header: list,
    rows: list[list],
    *,
    title: str | None = "DANH SÁCH CÁN BỘ",
    sheet: str = "DS",
    extra_sheet: str | None = None,
) -> Path:
    wb = Workbook()
    if extra_sheet:
        notes = wb.active
        notes.title = extra_sheet
        notes.append(["Ghi chú: tệp gửi kèm công văn"])
        ws = wb.create_sheet(sheet)
    else:
        ws = wb.active
        ws.title = sheet
    if title:
        ws.append([title])
        ws.append([])
    ws.append(header)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


@pytest.fixture
def org(ctx) -> dict[str, int]:
    def build(session) -> dict[str, int]:
        root = create_unit(
            session, UnitInput(code="SO", full_name="Sở Nông nghiệp và Môi trường", kind="CO_QUAN")
        )
        vp = create_unit(
            session,
            UnitInput(code="VP", full_name="Văn phòng Sở", parent_id=root.id, kind="VAN_PHONG"),
        )
        kh = create_unit(
            session,
            UnitInput(code="KHTC", full_name="Phòng Kế hoạch - Tài chính", parent_id=root.id),
        )
        return {"root": root.id, "vp": vp.id, "kh": kh.id}

    return ctx.write(build)


@pytest.fixture
def make_wizard(qtbot, ctx, runner):
    def make(kind: str = "staff", year: int | None = None) -> ImportWizard:
        wizard = ImportWizard(ctx, runner, kind=kind, year=year)
        qtbot.addWidget(wizard)
        wizard.show()
        qtbot.waitExposed(wizard)
        return wizard

    return make


def click(qtbot, wizard: ImportWizard, which: QWizard.WizardButton) -> None:
    button = wizard.button(which)
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def open_file(qtbot, wizard: ImportWizard, path: Path) -> None:
    """Type the path on page 1 and press Next."""
    qtbot.keyClicks(wizard.file_page.path_edit, str(path))
    click(qtbot, wizard, NEXT)


def choose(qtbot, combo: QComboBox, data: object) -> None:
    """Pick the item whose data is ``data`` with the arrow keys, as a clerk would."""
    target = combo.findData(data)
    assert target >= 0, data
    combo.setFocus()
    key = Qt.Key.Key_Down if target > combo.currentIndex() else Qt.Key.Key_Up
    for _ in range(combo.count()):
        if combo.currentIndex() == target:
            break
        qtbot.keyClick(combo, key)
    assert combo.currentIndex() == target


def people(ctx) -> dict[str, int | None]:
    return {p.full_name: p.unit_id for p in ctx.read(list_people)}


def issue_rows(wizard: ImportWizard) -> list[tuple]:
    model = wizard.check_page.issues_model
    return [tuple(r) for r in model.records]


def assert_skipped_agree(check) -> None:  # type: ignore[no-untyped-def]
    """ "bỏ qua N dòng" in the counts and the tab "Dòng bỏ qua (N)" count the same rows."""
    n = len(check.skipped_model.records)
    assert n > 0  # the title above the header row at least
    assert f"bỏ qua {n} dòng (" in check.counts_label.text()
    assert check.tabs.tabText(2) == f"Dòng bỏ qua ({n})"


# ---------------------------------------------------------------------------


def test_clean_staff_list_is_previewed_then_written_and_reimport_adds_nobody(
    qtbot, make_wizard, ctx, org, tmp_path, runner, message_boxes
) -> None:
    path = write_xlsx(tmp_path / "ds.xlsx", STAFF_HEADER, STAFF)
    wizard = make_wizard()
    assert wizard.file_page.date_edit.isVisible() and not wizard.file_page.year_spin.isVisible()
    open_file(qtbot, wizard, path)

    assert wizard.currentId() == ImportWizard.COLUMNS_PAGE
    page = wizard.columns_page
    assert page.combos["full_name"].currentText() == "B: Họ và tên"
    assert page.combos["unit"].currentText() == "F: Đơn vị công tác"
    assert page.combos["note"].currentText() == "(không có)"
    assert not page.warning_label.isVisible() and not page.error_label.isVisible()
    assert "Đọc được 4 dòng dữ liệu, 0 dòng có lỗi" in page.info_label.text()

    click(qtbot, wizard, NEXT)
    check = wizard.check_page
    assert wizard.currentId() == ImportWizard.CHECK_PAGE
    assert "sẽ thêm 4, cập nhật 0, giữ nguyên 0; bỏ qua " in check.counts_label.text()
    assert_skipped_agree(check)
    assert issue_rows(wizard) == []
    assert not check.tabs.isTabVisible(1)  # no unknown unit
    assert "Dòng 4: thêm Nguyễn Văn An" in check.changes_text.toPlainText()
    skipped = check.skipped_model.records
    assert (1, "Phần tiêu đề phía trên dòng tiêu đề cột") in skipped
    assert people(ctx) == {}  # the dry run wrote nothing
    assert wizard.button(COMMIT).text().replace("&", "") == "Ghi vào CSDL"

    with qtbot.waitSignal(wizard.imported) as signal:
        click(qtbot, wizard, COMMIT)
    report = signal.args[0]
    assert isinstance(report, ImportReport)
    assert report.written and (report.added, report.updated, report.skipped) == (4, 0, [])
    assert wizard.currentId() == ImportWizard.RESULT_PAGE
    assert "Đã thêm 4, cập nhật 0, giữ nguyên 0, bỏ qua 0." in wizard.result_page.headline.text()
    assert "Đã thêm 4" in wizard.result_page.summary.toPlainText()
    assert people(ctx) == {
        "Nguyễn Văn An": org["kh"],
        "Trần Thị Bình": org["kh"],
        "Lê Minh Cường": org["vp"],
        "Phạm Thị Dung": org["vp"],
    }
    assert runner.titles[-1] == "Nhập danh sách cán bộ từ Excel"
    click(qtbot, wizard, FINISH)
    assert wizard.result() == QWizard.DialogCode.Accepted

    # The same file again, with one position changed: the same people are updated.
    rows = [list(r) for r in STAFF]
    rows[1][4] = "Phó Trưởng phòng"
    write_xlsx(path, STAFF_HEADER, rows)
    again = make_wizard()
    open_file(qtbot, again, path)
    click(qtbot, again, NEXT)
    assert "sẽ thêm 0, cập nhật 1, giữ nguyên 3" in again.check_page.counts_label.text()
    with qtbot.waitSignal(again.imported) as signal:
        click(qtbot, again, COMMIT)
    assert (signal.args[0].added, signal.args[0].updated) == (0, 1)
    assert len(ctx.read(list_people)) == 4
    assert message_boxes.shown == []


def test_invalid_date_blocks_the_import_until_the_clerk_skips_the_row(
    qtbot, make_wizard, ctx, org, tmp_path
) -> None:
    rows = [list(r) for r in STAFF]
    rows[1][2] = "31/02/1988"  # Trần Thị Bình, sheet row 5
    path = write_xlsx(tmp_path / "loi.xlsx", STAFF_HEADER, rows)
    wizard = make_wizard()
    open_file(qtbot, wizard, path)
    assert "1 dòng có lỗi" in wizard.columns_page.info_label.text()
    click(qtbot, wizard, NEXT)

    check = wizard.check_page
    assert issue_rows(wizard) == [(5, "C", "Ngày sinh", "Ngày không hợp lệ: 31/02/1988")]
    assert check.tabs.currentIndex() == 0 and check.tabs.tabText(0) == "Lỗi (1)"
    assert check.status_label.isVisible()
    assert "Chưa thể ghi" in check.status_label.text()
    assert not wizard.button(COMMIT).isEnabled()
    assert people(ctx) == {}

    # Alt+B ticks "Bỏ qua các dòng lỗi": the preview is run again and the write allowed.
    check.skip_check.setFocus()
    qtbot.keyClick(check.skip_check, Qt.Key.Key_Space)
    assert check.skip_check.isChecked()
    assert "sẽ thêm 3, cập nhật 0, giữ nguyên 0; bỏ qua " in check.counts_label.text()
    assert "(1 dòng lỗi, " in check.counts_label.text()
    assert_skipped_agree(check)
    assert (5, "Dòng lỗi, bỏ qua: Ngày không hợp lệ: 31/02/1988") in check.skipped_model.records
    assert wizard.button(COMMIT).isEnabled()
    assert people(ctx) == {}

    with qtbot.waitSignal(wizard.imported) as signal:
        click(qtbot, wizard, COMMIT)
    report = signal.args[0]
    assert report.skipped == [(5, "Ngày không hợp lệ: 31/02/1988")]
    assert set(people(ctx)) == {"Nguyễn Văn An", "Lê Minh Cường", "Phạm Thị Dung"}
    summary = wizard.result_page.summary.toPlainText()
    assert "dòng 5, cột C (Ngày sinh): Ngày không hợp lệ: 31/02/1988" in summary
    assert "Bỏ qua (1):" in summary


def test_unknown_unit_must_be_mapped_to_an_existing_unit(
    qtbot, make_wizard, ctx, org, tmp_path
) -> None:
    rows = [list(r) for r in STAFF]
    rows[2][5] = "Văn phòng"  # not a unit name of the tree
    rows[3][5] = "VĂN PHÒNG"
    path = write_xlsx(tmp_path / "dv.xlsx", STAFF_HEADER, rows)
    wizard = make_wizard()
    open_file(qtbot, wizard, path)
    click(qtbot, wizard, NEXT)

    check = wizard.check_page
    assert check.tabs.isTabVisible(1) and check.tabs.currentIndex() == 1
    assert check.tabs.tabText(1) == "Đơn vị chưa có (1, chưa chọn 1)"
    assert not wizard.button(COMMIT).isEnabled()
    assert "đơn vị chưa có trong cây đơn vị" in check.status_label.text()
    # the sheet's own column header, not the importer's name of the field
    assert [r[:3] for r in issue_rows(wizard)] == [
        (6, "F", "Đơn vị công tác"),
        (7, "F", "Đơn vị công tác"),
    ]
    (combo,) = check.unit_combos.values()
    assert combo.itemText(1) == "Tạo mới dưới cơ quan"
    assert [combo.itemText(i) for i in range(3, combo.count())] == [
        "Sở Nông nghiệp và Môi trường",
        "    Văn phòng Sở",
        "    Phòng Kế hoạch - Tài chính",
    ]

    choose(qtbot, combo, org["vp"])
    assert wizard.button(COMMIT).isEnabled()
    assert issue_rows(wizard) == []
    assert "sẽ thêm 4" in check.counts_label.text()
    assert check.tabs.tabText(1) == "Đơn vị chưa có (1, chưa chọn 0)"
    with qtbot.waitSignal(wizard.imported):
        click(qtbot, wizard, COMMIT)
    placed = people(ctx)
    assert placed["Lê Minh Cường"] == placed["Phạm Thị Dung"] == org["vp"]
    assert len(ctx.read(list_units)) == 3  # nothing created


def test_unknown_unit_can_be_created_under_the_agency(
    qtbot, make_wizard, ctx, org, tmp_path
) -> None:
    rows = [list(r) for r in STAFF]
    rows[3][5] = "Trung tâm Khuyến nông"
    path = write_xlsx(tmp_path / "moi.xlsx", STAFF_HEADER, rows)
    wizard = make_wizard()
    open_file(qtbot, wizard, path)
    click(qtbot, wizard, NEXT)
    (combo,) = wizard.check_page.unit_combos.values()
    choose(qtbot, combo, CREATE_UNIT)
    assert wizard.button(COMMIT).isEnabled()
    changes = wizard.check_page.changes_text.toPlainText()
    assert "Tạo đơn vị mới: Trung tâm Khuyến nông" in changes
    assert len(ctx.read(list_units)) == 3  # the dry run created nothing
    with qtbot.waitSignal(wizard.imported) as signal:
        click(qtbot, wizard, COMMIT)
    assert signal.args[0].created_units == ["Trung tâm Khuyến nông"]
    (new,) = [u for u in ctx.read(list_units) if u.full_name == "Trung tâm Khuyến nông"]
    assert new.parent_id == org["root"]
    assert people(ctx)["Phạm Thị Dung"] == new.id


def test_skipping_invalid_rows_skips_a_unit_left_undecided_and_creates_only_the_chosen(
    qtbot, make_wizard, ctx, org, tmp_path
) -> None:
    rows = [list(r) for r in STAFF]
    rows[2][5] = "Trung tâm Khuyến nông"
    rows[3][5] = "Chi cục Thủy lợi"
    path = write_xlsx(tmp_path / "hai.xlsx", STAFF_HEADER, rows)
    wizard = make_wizard()
    open_file(qtbot, wizard, path)
    click(qtbot, wizard, NEXT)
    check = wizard.check_page
    combos = check.unit_combos
    assert len(combos) == 2
    choose(qtbot, combos["trung tam khuyen nong"], CREATE_UNIT)
    assert not wizard.button(COMMIT).isEnabled()  # Chi cục Thủy lợi still undecided
    qtbot.keyClick(check.skip_check, Qt.Key.Key_Space)
    assert wizard.button(COMMIT).isEnabled()
    assert (7, "Dòng lỗi, bỏ qua: đơn vị 'Chi cục Thủy lợi' chưa có trong cây đơn vị") in (
        check.skipped_model.records
    )
    with qtbot.waitSignal(wizard.imported) as signal:
        click(qtbot, wizard, COMMIT)
    assert signal.args[0].created_units == ["Trung tâm Khuyến nông"]
    names = {u.full_name for u in ctx.read(list_units)}
    assert "Trung tâm Khuyến nông" in names and "Chi cục Thủy lợi" not in names
    assert "Phạm Thị Dung" not in people(ctx)


def test_the_clerk_picks_the_name_column_when_detection_fails(
    qtbot, make_wizard, ctx, org, tmp_path
) -> None:
    header = ["STT", "Người lao động", "Ngày sinh", "Giới tính", "Đơn vị công tác"]
    rows = [
        [1, "Nguyễn Văn An", "03/04/1980", "Nam", "Văn phòng Sở"],
        [2, "Trần Thị Bình", "31/02/1988", "Nữ", "Văn phòng Sở"],
    ]
    path = write_xlsx(tmp_path / "la.xlsx", header, rows)
    wizard = make_wizard()
    open_file(qtbot, wizard, path)

    page = wizard.columns_page
    assert wizard.currentId() == ImportWizard.COLUMNS_PAGE
    assert page.error_label.isVisible()
    assert "thiếu cột 'Họ và tên'" in page.error_label.text()
    assert page.combos["full_name"].currentText() == "(không có)"
    assert page.combos["birth"].currentText() == "C: Ngày sinh"
    assert not wizard.button(NEXT).isEnabled()

    choose(qtbot, page.combos["full_name"], "B")
    assert page.combos["full_name"].currentText() == "B: Người lao động"
    assert not page.error_label.isVisible()
    assert "Đọc được 2 dòng dữ liệu, 1 dòng có lỗi" in page.info_label.text()
    assert wizard.button(NEXT).isEnabled()
    click(qtbot, wizard, NEXT)
    assert [r[:2] for r in issue_rows(wizard)] == [(5, "C")]

    # Back to the columns: the clerk drops the birth date column; the preview follows.
    click(qtbot, wizard, QWizard.WizardButton.BackButton)
    choose(qtbot, page.combos["birth"], None)
    assert "Đọc được 2 dòng dữ liệu, 0 dòng có lỗi" in page.info_label.text()
    assert wizard.mapping == {"full_name": "B", "birth": None}
    click(qtbot, wizard, NEXT)
    assert issue_rows(wizard) == []
    assert "sẽ thêm 2" in wizard.check_page.counts_label.text()
    with qtbot.waitSignal(wizard.imported):
        click(qtbot, wizard, COMMIT)
    assert set(people(ctx)) == {"Nguyễn Văn An", "Trần Thị Bình"}


def test_an_unsure_mapping_is_flagged_and_can_be_reset(
    qtbot, make_wizard, ctx, org, tmp_path
) -> None:
    header = ["STT", "Họ và tên", "Họ tên", "Ngày sinh"]
    rows = [[1, "Nguyễn Văn An", "Nguyễn Văn An", "03/04/1980"]]
    path = write_xlsx(tmp_path / "hai_cot.xlsx", header, rows)
    wizard = make_wizard()
    open_file(qtbot, wizard, path)
    page = wizard.columns_page
    assert page.warning_label.isVisible()
    assert "chưa chắc chắn" in page.warning_label.text()
    chosen = page.combos["full_name"].currentData()
    other = "C" if chosen == "B" else "B"
    choose(qtbot, page.combos["full_name"], other)
    assert not page.warning_label.isVisible()  # the clerk decided
    qtbot.mouseClick(page.reset_button, Qt.MouseButton.LeftButton)
    assert wizard.mapping == {}
    assert page.combos["full_name"].currentData() == chosen
    assert page.warning_label.isVisible()


def test_grades_file_is_read_for_the_year_given(qtbot, make_wizard, ctx, org, tmp_path) -> None:
    staff = write_xlsx(tmp_path / "ds.xlsx", STAFF_HEADER, STAFF)
    first = make_wizard()
    open_file(qtbot, first, staff)
    click(qtbot, first, NEXT)
    with qtbot.waitSignal(first.imported):
        click(qtbot, first, COMMIT)

    grades = write_xlsx(
        tmp_path / "xl.xlsx",
        ["STT", "Họ và tên", "Mã cán bộ", "Xếp loại"],
        [
            [1, "Nguyễn Văn An", "NV001", "HTTNV"],
            [2, "Trần Thị Bình", "NV002", "Hoàn thành xuất sắc nhiệm vụ"],
        ],
        title="KẾT QUẢ XẾP LOẠI NĂM 2024",
    )
    wizard = make_wizard(kind="grades", year=2024)
    file_page = wizard.file_page
    assert file_page.kind_combo.currentText() == "Xếp loại"
    assert file_page.year_spin.isVisible() and file_page.year_spin.value() == 2024
    assert not file_page.date_edit.isVisible()
    open_file(qtbot, wizard, grades)
    assert wizard.columns_page.combos["grade"].currentText() == "D: Xếp loại"
    click(qtbot, wizard, NEXT)
    assert "sẽ thêm 2, cập nhật 0" in wizard.check_page.counts_label.text()
    assert not wizard.check_page.tabs.isTabVisible(1)
    with qtbot.waitSignal(wizard.imported) as signal:
        click(qtbot, wizard, COMMIT)
    assert signal.args[0].kind == "grades"
    ids = {p.full_name: p.id for p in ctx.read(list_people)}
    an = ctx.read(get_person, ids["Nguyễn Văn An"])
    binh = ctx.read(get_person, ids["Trần Thị Bình"])
    assert [(g.year, g.grade) for g in an.grades] == [(2024, "HTTNV")]
    assert [(g.year, g.grade) for g in binh.grades] == [(2024, "HTXSNV")]


def test_a_text_file_named_xlsx_shows_a_vietnamese_error_on_the_first_page(
    qtbot, make_wizard, ctx, tmp_path, message_boxes
) -> None:
    fake = tmp_path / "khong_phai_excel.xlsx"
    fake.write_text("Họ và tên;Ngày sinh\nNguyễn Văn An;03/04/1980\n", encoding="utf-8")
    wizard = make_wizard()
    open_file(qtbot, wizard, fake)
    assert wizard.currentId() == ImportWizard.FILE_PAGE
    error = wizard.file_page.error_label
    assert error.isVisible()
    assert "khong_phai_excel.xlsx" in error.text()
    assert "Lỗi không mong muốn" not in error.text()
    assert message_boxes.shown == []
    # Editing the path clears the message.
    qtbot.keyClick(wizard.file_page.path_edit, Qt.Key.Key_Backspace)
    assert not error.isVisible()
    assert people(ctx) == {}


def test_missing_file_and_unknown_sheet_are_explained(qtbot, make_wizard, ctx, tmp_path) -> None:
    wizard = make_wizard()
    open_file(qtbot, wizard, tmp_path / "khong_co.xlsx")
    assert wizard.currentId() == ImportWizard.FILE_PAGE
    assert wizard.file_page.error_label.isVisible()
    assert "khong_co.xlsx" in wizard.file_page.error_label.text()


def test_browse_fills_the_path_and_the_sheets_and_the_sheet_can_be_chosen(
    qtbot, make_wizard, ctx, org, tmp_path, monkeypatch
) -> None:
    path = write_xlsx(tmp_path / "hai_trang.xlsx", STAFF_HEADER, STAFF, extra_sheet="Ghi chú")
    asked: list[str] = []

    def fake_dialog(_parent, caption, _start, filters):  # type: ignore[no-untyped-def]
        asked.append(filters)
        return str(path), filters

    monkeypatch.setattr(QFileDialog, "getOpenFileName", fake_dialog)
    wizard = make_wizard()
    with qtbot.waitActive(wizard):
        wizard.activateWindow()
    page = wizard.file_page
    qtbot.keyClick(wizard, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)  # "&Chọn tệp…"
    qtbot.waitUntil(lambda: bool(asked))  # a button's mnemonic clicks it after a short delay
    assert asked == ["Excel (*.xlsx *.xlsm)"]
    assert page.path_edit.text() == str(path)
    assert [page.sheet_combo.itemText(i) for i in range(1, page.sheet_combo.count())] == [
        "Ghi chú",
        "DS",
    ]
    choose(qtbot, page.sheet_combo, "Ghi chú")
    click(qtbot, wizard, NEXT)
    assert wizard.currentId() == ImportWizard.FILE_PAGE
    assert "Ghi chú" in page.error_label.text()

    choose(qtbot, page.sheet_combo, None)  # automatic: the sheet with the header row
    click(qtbot, wizard, NEXT)
    assert wizard.currentId() == ImportWizard.COLUMNS_PAGE
    assert "Trang “DS”" in wizard.columns_page.info_label.text()


def test_escape_cancels_and_writes_nothing(qtbot, make_wizard, ctx, org, tmp_path) -> None:
    path = write_xlsx(tmp_path / "ds.xlsx", STAFF_HEADER, STAFF)
    wizard = make_wizard()
    open_file(qtbot, wizard, path)
    click(qtbot, wizard, NEXT)
    assert wizard.button(COMMIT).isEnabled()
    with qtbot.assertNotEmitted(wizard.imported):
        qtbot.keyClick(wizard.check_page.skip_check, Qt.Key.Key_Escape)
    assert wizard.result() == QWizard.DialogCode.Rejected
    assert not wizard.isVisible()
    assert people(ctx) == {}


def test_every_control_of_the_first_page_is_reachable_by_tab(qtbot, make_wizard) -> None:
    wizard = make_wizard()
    page = wizard.file_page
    page.kind_combo.setFocus()
    seen = []
    for _ in range(12):
        seen.append(wizard.focusWidget())
        qtbot.keyClick(wizard.focusWidget(), Qt.Key.Key_Tab)
    for widget in (page.kind_combo, page.path_edit, page.browse_button, page.sheet_combo):
        assert widget in seen
    assert page.date_edit in seen or any(w.parent() is page.date_edit for w in seen)


def import_staff_list(qtbot, make_wizard, path: Path) -> None:
    wizard = make_wizard()
    open_file(qtbot, wizard, path)
    click(qtbot, wizard, NEXT)
    with qtbot.waitSignal(wizard.imported):
        click(qtbot, wizard, COMMIT)


def test_discipline_records_are_imported_for_known_people(
    qtbot, make_wizard, ctx, org, tmp_path
) -> None:
    import_staff_list(qtbot, make_wizard, write_xlsx(tmp_path / "ds.xlsx", STAFF_HEADER, STAFF))
    path = write_xlsx(
        tmp_path / "kl.xlsx",
        ["STT", "Họ và tên", "Mã cán bộ", "Hình thức kỷ luật", "Từ ngày"],
        [[1, "Trần Thị Bình", "NV002", "Khiển trách", "01/03/2025"]],
        title="DANH SÁCH CÁN BỘ BỊ KỶ LUẬT",
    )
    wizard = make_wizard()
    page = wizard.file_page
    page.kind_combo.setFocus()
    qtbot.keyClick(page.kind_combo, Qt.Key.Key_End)
    assert page.kind_combo.currentText() == "Kỷ luật"
    assert not page.year_spin.isVisible() and not page.date_edit.isVisible()
    open_file(qtbot, wizard, path)
    assert wizard.columns_page.combos["kind"].currentText() == "D: Hình thức kỷ luật"
    click(qtbot, wizard, NEXT)
    assert "sẽ thêm 1" in wizard.check_page.counts_label.text()
    with qtbot.waitSignal(wizard.imported) as signal:
        click(qtbot, wizard, COMMIT)
    assert signal.args[0].kind == "discipline"
    ids = {p.full_name: p.id for p in ctx.read(list_people)}
    binh = ctx.read(get_person, ids["Trần Thị Bình"])
    assert [(d.kind, d.start_date.isoformat()) for d in binh.disciplines] == [
        ("KHIEN_TRACH", "2025-03-01")
    ]


def test_a_failure_while_writing_is_shown_and_nothing_is_written(
    qtbot, make_wizard, ctx, org, tmp_path
) -> None:
    rows = [list(r) for r in STAFF]
    rows[3][5] = "Tổ Kế toán"
    path = write_xlsx(tmp_path / "dv.xlsx", STAFF_HEADER, rows)
    spare = ctx.write(create_unit, UnitInput(code="TAM", full_name="Tổ tạm", parent_id=org["root"]))
    wizard = make_wizard()
    open_file(qtbot, wizard, path)
    click(qtbot, wizard, NEXT)
    (combo,) = wizard.check_page.unit_combos.values()
    choose(qtbot, combo, spare.id)
    assert wizard.button(COMMIT).isEnabled()
    # meanwhile, someone deletes the chosen unit
    ctx.write(delete_unit, spare.id, expected_version=spare.version)

    with qtbot.assertNotEmitted(wizard.imported):
        click(qtbot, wizard, COMMIT)
    assert wizard.currentId() == ImportWizard.CHECK_PAGE
    status = wizard.check_page.status_label
    # refused before writing: the unit the clerk chose changed since the preview
    assert status.isVisible() and "chưa ghi gì" in status.text()
    assert "Lỗi không mong muốn" not in status.text()
    assert people(ctx) == {}


def test_the_sheet_list_is_read_when_the_clerk_opens_it(qtbot, make_wizard, tmp_path) -> None:
    path = write_xlsx(tmp_path / "hai.xlsx", STAFF_HEADER, STAFF, extra_sheet="Ghi chú")
    wizard = make_wizard()
    page = wizard.file_page
    qtbot.keyClicks(page.path_edit, str(path))
    assert page.sheet_combo.count() == 1
    page.sheet_combo.showPopup()
    page.sheet_combo.hidePopup()
    assert [page.sheet_combo.itemText(i) for i in (1, 2)] == ["Ghi chú", "DS"]
    qtbot.keyClick(page.path_edit, Qt.Key.Key_Backspace)  # another file: its sheets are unknown
    assert page.sheet_combo.count() == 1


def _hung(ctx, org) -> int:
    from datetime import date

    from app.domain.people import PersonInput
    from app.services.people import create_person

    def build(session) -> int:
        return create_person(
            session,
            PersonInput(
                ho_dem="Nguyễn Văn", ten="Hưng", birth_date=date(1980, 3, 12), staff_code="NV009"
            ),
            unit_id=org["vp"],
        )

    return ctx.write(build)


def test_a_near_name_is_a_suggestion_the_clerk_accepts_by_clicks(
    qtbot, make_wizard, ctx, org, tmp_path
) -> None:
    hung = _hung(ctx, org)
    rows = [[1, "Nguyễn Văn Hùng", "12/03/1980", "Nam", "Chuyên viên", "Văn phòng Sở", None]]
    path = write_xlsx(tmp_path / "hung.xlsx", STAFF_HEADER, rows)
    wizard = make_wizard()
    open_file(qtbot, wizard, path)
    click(qtbot, wizard, NEXT)

    check = wizard.check_page
    assert check.tabs.isTabVisible(4) and check.tabs.currentIndex() == 4
    assert check.tabs.tabText(4) == "Gợi ý và định danh (1, chưa chọn 1)"
    assert not wizard.button(COMMIT).isEnabled()  # nothing is added or matched by itself
    (row, message) = [(r[0], r[3]) for r in issue_rows(wizard)][0]
    assert row == 4 and "có phải Nguyễn Văn Hưng (12/03/1980" in message
    combo = check.identity_combos[4]
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "(chưa chọn: không ghi dòng này)",
        "Đúng là người này",
        "Là người khác: thêm mới",
    ]
    choose(qtbot, check.identity_combos[4], "accept")
    assert wizard.button(COMMIT).isEnabled()
    assert "cập nhật 1" in check.counts_label.text()
    assert check.tabs.tabText(4) == "Gợi ý và định danh (1, chưa chọn 0)"
    with qtbot.waitSignal(wizard.imported):
        click(qtbot, wizard, COMMIT)
    (person,) = ctx.read(list_people)
    assert (person.id, person.full_name) == (hung, "Nguyễn Văn Hưng")  # the name is kept
    assert "--" not in wizard.result_page.summary.toPlainText()  # no command-line flags


def test_identity_changes_are_listed_and_written_only_when_confirmed(
    qtbot, make_wizard, ctx, org, tmp_path
) -> None:
    hung = _hung(ctx, org)
    rows = [[1, "Nguyễn Văn Hưng Anh", "12/03/1980", "Nam", "Chuyên viên", "Văn phòng Sở", "NV009"]]
    path = write_xlsx(tmp_path / "doiten.xlsx", STAFF_HEADER, rows)
    wizard = make_wizard()
    open_file(qtbot, wizard, path)
    click(qtbot, wizard, NEXT)
    check = wizard.check_page
    assert check.tabs.currentIndex() == 4
    labels = [
        w.text() for w in check.identity_scroll.widget().findChildren(type(check.counts_label))
    ]
    assert any("họ tên: Nguyễn Văn Hưng → Nguyễn Văn Hưng Anh" in t for t in labels)
    assert not wizard.button(COMMIT).isEnabled()
    box = check.identity_check
    assert box is not None
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Space)
    assert wizard.update_identity
    assert wizard.button(COMMIT).isEnabled()
    with qtbot.waitSignal(wizard.imported):
        click(qtbot, wizard, COMMIT)
    assert ctx.read(get_person, hung).full_name == "Nguyễn Văn Hưng Anh"


def test_a_tcvn3_staff_list_is_converted_only_with_consent(
    qtbot, make_wizard, ctx, org, tmp_path
) -> None:
    rows = [[1, "NguyÔn V¨n An", "03/04/1980", "Nam", "Chuyªn viªn", "Văn phòng Sở", None]]
    path = write_xlsx(tmp_path / "tcvn3.xlsx", STAFF_HEADER, rows)
    wizard = make_wizard()
    open_file(qtbot, wizard, path)
    page = wizard.file_page
    assert wizard.currentId() == ImportWizard.FILE_PAGE  # refused without consent
    assert "TCVN3" in page.error_label.text() and "--" not in page.error_label.text()
    page.legacy_check.setFocus()
    qtbot.keyClick(page.legacy_check, Qt.Key.Key_Space)
    click(qtbot, wizard, NEXT)
    assert wizard.currentId() == ImportWizard.COLUMNS_PAGE
    assert "NguyÔn V¨n An → Nguyễn Văn An" in wizard.columns_page.info_label.text()
    click(qtbot, wizard, NEXT)
    with qtbot.waitSignal(wizard.imported):
        click(qtbot, wizard, COMMIT)
    assert set(people(ctx)) == {"Nguyễn Văn An"}


def test_the_wizard_reads_the_workbook_once_per_file(
    qtbot, make_wizard, ctx, org, tmp_path, monkeypatch
) -> None:
    import app.ui.screens.units.import_wizard as wizard_module

    opened: list[Path] = []
    real = wizard_module.open_workbook

    def counting(path, *args, **kwargs):
        opened.append(Path(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(wizard_module, "open_workbook", counting)
    import app.excel.table as table_module

    monkeypatch.setattr(table_module, "open_workbook", counting)
    path = write_xlsx(tmp_path / "ds.xlsx", STAFF_HEADER, STAFF)
    wizard = make_wizard()
    qtbot.keyClicks(wizard.file_page.path_edit, str(path))
    opened.clear()  # typing the path may list the sheets; reading the file starts here
    click(qtbot, wizard, NEXT)
    assert wizard.currentId() == ImportWizard.COLUMNS_PAGE
    assert opened == [path]
    click(qtbot, wizard, NEXT)  # the preview reads no file
    assert opened == [path]


def test_a_blank_template_is_refused_on_page_one_saying_what_it_is(
    qtbot, make_wizard, ctx, org, tmp_path
) -> None:
    path = write_xlsx(tmp_path / "mau.xlsx", STAFF_HEADER, [])
    wizard = make_wizard()
    open_file(qtbot, wizard, path)
    assert wizard.currentId() == ImportWizard.FILE_PAGE
    assert "không có dòng dữ liệu nào" in wizard.file_page.error_label.text()


def test_a_nomination_list_is_not_taken_as_a_staff_list(
    qtbot, make_wizard, ctx, org, tmp_path
) -> None:
    header = ["STT", "Họ và tên", "Ngày sinh", "Đơn vị công tác", "Danh hiệu thi đua"]
    rows = [[1, "Nguyễn Văn An", "03/04/1980", "Văn phòng Sở", "Lao động tiên tiến"]]
    path = write_xlsx(tmp_path / "denghi.xlsx", header, rows, title="DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG")
    wizard = make_wizard()
    open_file(qtbot, wizard, path)
    assert wizard.currentId() == ImportWizard.FILE_PAGE
    text = wizard.file_page.error_label.text()
    assert "danh sách đề nghị khen thưởng" in text and "--" not in text
    assert people(ctx) == {}
