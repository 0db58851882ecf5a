"""The person record dialog on its own, driven by keyboard and mouse: load, values, validate, accept.

The dialog is shown (not exec()'d); small modal dialogs it opens (xếp loại, kỷ luật, điều
chuyển) are driven by a timer once they are the active modal window.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from keyboard import type_text
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QMessageBox, QSpinBox, QTableView

from app.domain.people import PersonInput
from app.domain.units import UnitInput
from app.services import people as svc
from app.services import units as unit_svc
from app.services.people import AwardDTO, InitiativeDTO, PersonDetail
from app.ui.screens.units.person_actions import GradeDialog, TransferDialog
from app.ui.screens.units.person_dialog import PersonDialog
from app.ui.screens.units.person_discipline import DisciplineDialog

TAB_INFO, TAB_WORK, TAB_GRADES, TAB_INITIATIVES, TAB_AWARDS, TAB_DISCIPLINE = range(6)


@pytest.fixture(autouse=True)
def _stub_message_boxes(message_boxes):  # type: ignore[no-untyped-def]
    """No real message box may block a test (closing an edited record asks first)."""
    return message_boxes


def when_modal(kind: type, handler: Callable[[Any], None], timeout: float = 5.0) -> None:
    """Call ``handler(dialog)`` once a modal dialog of type ``kind`` is shown."""
    deadline = time.monotonic() + timeout

    def check() -> None:
        widget = QApplication.activeModalWidget()
        if isinstance(widget, kind) and widget.isVisible():
            try:
                handler(widget)
            except BaseException:
                widget.done(0)  # never leave a modal loop running
                raise
        elif time.monotonic() < deadline:
            QTimer.singleShot(10, check)

    QTimer.singleShot(0, check)


def choose(qtbot, combo: QComboBox, text: str) -> None:  # type: ignore[no-untyped-def]
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(combo.count()):
        if combo.currentText().strip() == text:
            return
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    raise AssertionError(f"{text!r} not in the list")


def set_spin(qtbot, spin: QSpinBox, value: int) -> None:  # type: ignore[no-untyped-def]
    spin.setFocus()
    qtbot.keyClick(spin, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(spin, str(value))
    assert spin.value() == value


def click_tab(qtbot, dialog: PersonDialog, index: int) -> None:  # type: ignore[no-untyped-def]
    bar = dialog.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert dialog.tabs.currentIndex() == index


def cells(table: QTableView) -> list[list[str]]:
    model = table.model()
    return [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


@pytest.fixture
def org(ctx) -> dict[str, int]:  # type: ignore[no-untyped-def]
    def build(s):  # type: ignore[no-untyped-def]
        root = unit_svc.create_unit(
            s, UnitInput(code="SO", full_name="Sở Tài chính", kind="CO_QUAN")
        )
        vp = unit_svc.create_unit(
            s, UnitInput(code="VP", full_name="Văn phòng Sở", parent_id=root.id, kind="VAN_PHONG")
        )
        kh = unit_svc.create_unit(
            s, UnitInput(code="KH", full_name="Phòng Kế hoạch", parent_id=root.id, kind="PHONG")
        )
        return {"root": root.id, "vp": vp.id, "kh": kh.id}

    return ctx.write(build)


@pytest.fixture
def person_id(ctx, org) -> int:  # type: ignore[no-untyped-def]
    return ctx.write(
        svc.create_person,
        PersonInput("Lê Thị", "Hồng", gender="NU", birth_date=date(1988, 9, 2), staff_code="KH07"),
        unit_id=org["kh"],
        position_title="Chuyên viên",
        start_date=date(2019, 3, 1),
    )


def _show(qtbot, dialog: PersonDialog) -> PersonDialog:  # type: ignore[no-untyped-def]
    qtbot.addWidget(dialog)
    dialog.resize(900, 600)
    with qtbot.waitExposed(dialog):
        dialog.show()
    return dialog


@pytest.fixture
def new_dialog(qtbot, ctx, org) -> PersonDialog:  # type: ignore[no-untyped-def]
    dialog = PersonDialog(ctx)
    dialog.load(None)
    return _show(qtbot, dialog)


@pytest.fixture
def record(qtbot, ctx, person_id) -> PersonDialog:  # type: ignore[no-untyped-def]
    dialog = PersonDialog(ctx)
    dialog.load(ctx.read(svc.get_person, person_id))
    return _show(qtbot, dialog)


# --- Thông tin -------------------------------------------------------------------------------


def test_new_person_is_refused_until_valid(qtbot, ctx, new_dialog: PersonDialog, org) -> None:
    assert new_dialog.windowTitle() == "Thêm cán bộ"
    assert not new_dialog.tabs.isTabEnabled(TAB_GRADES)
    qtbot.mouseClick(new_dialog.save_button, Qt.MouseButton.LeftButton)
    assert new_dialog.isVisible()
    assert "Chưa nhập tên" in new_dialog.error_label.text()
    assert new_dialog.error_label.isVisible()

    type_text(new_dialog.ho_dem_edit, "Vũ Minh")
    type_text(new_dialog.ten_edit, "Khôi")
    qtbot.keyClicks(new_dialog.citizen_edit, "12345")
    qtbot.keyClicks(new_dialog.birth_edit, "31/02/1980")
    assert new_dialog.validate() == [
        "Ngày sinh: Ngày không hợp lệ: 31/02/1980",
        "Số CCCD/CMND '12345' phải gồm 12 (hoặc 9) chữ số",
    ]
    qtbot.keyClick(new_dialog.citizen_edit, Qt.Key.Key_Return)  # Enter = Lưu
    assert new_dialog.isVisible()
    assert "31/02/1980" in new_dialog.error_label.text()
    assert ctx.read(svc.list_people) == []

    new_dialog.birth_edit.clear()
    qtbot.keyClicks(new_dialog.birth_edit, "28/02/1980")
    qtbot.keyClicks(new_dialog.citizen_edit, "6789012")
    choose(qtbot, new_dialog.unit_combo, "Phòng Kế hoạch")
    type_text(new_dialog.position_edit, "Trưởng phòng")
    qtbot.keyClick(new_dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not new_dialog.isVisible()
    assert new_dialog.result() == PersonDialog.DialogCode.Accepted
    detail = ctx.read(svc.get_person, new_dialog.saved_id)
    assert detail.full_name == "Vũ Minh Khôi"
    assert (detail.data.birth_date, detail.data.citizen_id) == (date(1980, 2, 28), "123456789012")
    assert [(a.unit_id, a.position_title) for a in detail.assignments] == [
        (org["kh"], "Trưởng phòng")
    ]
    assert detail.data.subject_category == "LD_PHO_PHONG"  # from the position


def test_birth_year_alone(qtbot, new_dialog: PersonDialog) -> None:
    assert not new_dialog.birth_year_spin.isVisible()
    qtbot.mouseClick(new_dialog.year_only_check, Qt.MouseButton.LeftButton)
    assert new_dialog.birth_year_spin.isVisible() and not new_dialog.birth_edit.isVisible()
    set_spin(qtbot, new_dialog.birth_year_spin, 1979)
    type_text(new_dialog.ten_edit, "Hà")
    values = new_dialog.values()
    assert (values.birth_date, values.birth_year, values.ten) == (None, 1979, "Hà")
    # A bare year typed in the date field is read as the year alone too.
    qtbot.mouseClick(new_dialog.year_only_check, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(new_dialog.birth_edit, "1981")
    assert (new_dialog.values().birth_date, new_dialog.values().birth_year) == (None, 1981)


def test_new_person_defaults_to_the_unit_in_the_filter(qtbot, ctx, org) -> None:
    dialog = PersonDialog(ctx)
    dialog.load(None, default_unit_ids={org["kh"]})
    assert dialog.unit_combo.unit_id() == org["kh"]


def test_edit_and_ctrl_s_saves(qtbot, ctx, record: PersonDialog, person_id) -> None:
    assert record.windowTitle() == "Hồ sơ cán bộ: Lê Thị Hồng"
    assert record.birth_edit.text() == "02/09/1988"
    assert record.gender_combo.currentText() == "Nữ"
    assert "Đang công tác: Chuyên viên, Phòng Kế hoạch" in record.status_label.text()
    assert not record.unit_combo.isVisible()
    record.ten_edit.selectAll()
    type_text(record.ten_edit, "Hằng")
    qtbot.keyClick(record.ten_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not record.isVisible() and record.changed
    assert ctx.read(svc.get_person, person_id).full_name == "Lê Thị Hằng"


def test_unsaved_changes_are_confirmed_before_closing(
    qtbot, record: PersonDialog, message_boxes
) -> None:
    type_text(record.ten_edit, "x")
    message_boxes.answer = QMessageBox.StandardButton.No
    qtbot.keyClick(record.ten_edit, Qt.Key.Key_Escape)
    assert record.isVisible()
    assert message_boxes.shown[-1].text == "Bỏ những thay đổi chưa lưu của hồ sơ này?"
    message_boxes.answer = QMessageBox.StandardButton.Yes
    qtbot.keyClick(record.ten_edit, Qt.Key.Key_Escape)
    assert not record.isVisible() and not record.changed


# --- history tabs ----------------------------------------------------------------------------


def test_add_and_replace_a_grade(qtbot, ctx, record: PersonDialog, person_id) -> None:
    click_tab(qtbot, record, TAB_GRADES)

    def too_short_then_fixed(dialog: GradeDialog) -> None:
        set_spin(qtbot, dialog.year_spin, 2024)
        choose(qtbot, dialog.grade_combo, "Hoàn thành tốt nhiệm vụ")
        set_spin(qtbot, dialog.months_spin, 4)
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        assert dialog.isVisible()
        assert "dưới 6 tháng" in dialog.error_label.text()
        set_spin(qtbot, dialog.months_spin, 12)
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    when_modal(GradeDialog, too_short_then_fixed)
    with qtbot.waitSignal(record.historyChanged):
        qtbot.mouseClick(record.add_grade_button, Qt.MouseButton.LeftButton)
    assert cells(record.grades_table) == [["2024", "Hoàn thành tốt nhiệm vụ", "12", ""]]
    assert record.tabs.tabText(TAB_GRADES) == "Xếp loại (1)"

    # Double-click the row: the dialog opens with it, and the same year is replaced.
    def upgrade(dialog: GradeDialog) -> None:
        assert dialog.year_spin.value() == 2024
        choose(qtbot, dialog.grade_combo, "Hoàn thành xuất sắc nhiệm vụ")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    when_modal(GradeDialog, upgrade)
    table = record.grades_table
    rect = table.visualRect(table.model().index(0, 1))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    grades = ctx.read(svc.get_person, person_id).grades
    assert [(g.year, g.grade, g.months_worked) for g in grades] == [(2024, "HTXSNV", 12)]
    assert record.changed


def test_delete_grade_asks_first(
    qtbot, ctx, record: PersonDialog, person_id, message_boxes
) -> None:
    ctx.write(svc.set_grade, person_id, 2023, "HTNV", 12, expected_version=0)
    record.reload()
    click_tab(qtbot, record, TAB_GRADES)
    record.grades_table.selectRow(0)
    message_boxes.answer = QMessageBox.StandardButton.No
    qtbot.mouseClick(record.delete_grade_button, Qt.MouseButton.LeftButton)
    assert message_boxes.shown[-1].text == "Xóa xếp loại năm 2023?"
    assert len(ctx.read(svc.get_person, person_id).grades) == 1
    message_boxes.answer = QMessageBox.StandardButton.Yes
    qtbot.mouseClick(record.delete_grade_button, Qt.MouseButton.LeftButton)
    assert ctx.read(svc.get_person, person_id).grades == []
    assert cells(record.grades_table) == []


def test_add_and_delete_discipline(
    qtbot, ctx, record: PersonDialog, person_id, message_boxes
) -> None:
    click_tab(qtbot, record, TAB_DISCIPLINE)

    def fill(dialog: DisciplineDialog) -> None:
        choose(qtbot, dialog.kind_combo, "Khiển trách")
        qtbot.keyClicks(dialog.start_edit, "10/04/2025")
        qtbot.keyClicks(dialog.end_edit, "01/04/2025")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        assert "Ngày kết thúc trước ngày bắt đầu" in dialog.error_label.text()
        dialog.end_edit.clear()
        type_text(dialog.number_edit, "12/QĐ-STC")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    when_modal(DisciplineDialog, fill)
    qtbot.mouseClick(record.add_discipline_button, Qt.MouseButton.LeftButton)
    assert cells(record.disciplines_table) == [
        ["Khiển trách", "10/04/2025", "", "12/QĐ-STC", "", ""]
    ]
    record.disciplines_table.selectRow(0)
    message_boxes.answer = QMessageBox.StandardButton.Yes
    qtbot.mouseClick(record.delete_discipline_button, Qt.MouseButton.LeftButton)
    assert 'Xóa bản ghi kỷ luật "Khiển trách" từ 10/04/2025?' == message_boxes.shown[-1].text
    assert ctx.read(svc.get_person, person_id).disciplines == []


def test_a_hold_and_how_it_ended_by_keyboard(qtbot, ctx, record: PersonDialog, person_id) -> None:
    click_tab(qtbot, record, TAB_DISCIPLINE)

    def open_hold(dialog: DisciplineDialog) -> None:
        assert not dialog.outcome_combo.isVisibleTo(dialog)  # no kind chosen yet
        choose(qtbot, dialog.kind_combo, "Đang xem xét kỷ luật")
        assert dialog.outcome_combo.isVisibleTo(dialog)
        assert not dialog.penalty_combo.isVisibleTo(dialog)
        qtbot.keyClicks(dialog.start_edit, "01/05/2025")
        qtbot.keyClick(dialog.start_edit, Qt.Key.Key_Return)

    when_modal(DisciplineDialog, open_hold)
    qtbot.mouseClick(record.add_discipline_button, Qt.MouseButton.LeftButton)
    assert cells(record.disciplines_table) == [
        ["Đang xem xét kỷ luật", "01/05/2025", "", "", "Chưa kết luận", ""]
    ]

    def with_violation(dialog: DisciplineDialog) -> None:
        assert dialog.kind_combo.currentText() == "Đang xem xét kỷ luật"
        assert dialog.start_edit.text() == "01/05/2025"
        choose(qtbot, dialog.outcome_combo, "Có vi phạm")
        assert dialog.penalty_combo.isVisibleTo(dialog)
        qtbot.keyClick(dialog.outcome_combo, Qt.Key.Key_Return)
        assert dialog.isVisible()
        assert "Chưa nhập ngày kết luận" in dialog.error_label.text()
        assert "chưa chọn hình thức kỷ luật đã áp dụng" in dialog.error_label.text()
        qtbot.keyClicks(dialog.concluded_edit, "01/09/2025")
        choose(qtbot, dialog.penalty_combo, "Khiển trách")
        qtbot.keyClicks(dialog.penalty_end_edit, "28/02/2026")
        qtbot.keyClick(dialog.penalty_end_edit, Qt.Key.Key_Return)

    when_modal(DisciplineDialog, with_violation)
    record.disciplines_table.setFocus()
    record.disciplines_table.selectRow(0)
    with qtbot.waitSignal(record.historyChanged):
        qtbot.mouseClick(record.edit_discipline_button, Qt.MouseButton.LeftButton)
    assert cells(record.disciplines_table) == [
        ["Đang xem xét kỷ luật", "01/05/2025", "", "", "Có vi phạm (01/09/2025): Khiển trách", ""],
        ["Khiển trách", "01/09/2025", "28/02/2026", "", "", ""],
    ]
    hold, penalty = ctx.read(svc.get_person, person_id).disciplines
    assert (hold.outcome, hold.concluded_on, hold.penalty_id) == (
        "CO_VI_PHAM",
        date(2025, 9, 1),
        penalty.id,
    )

    def no_violation(dialog: DisciplineDialog) -> None:
        assert dialog.penalty_combo.currentText() == "Khiển trách"
        choose(qtbot, dialog.outcome_combo, "Không vi phạm")
        assert not dialog.penalty_combo.isVisibleTo(dialog)
        qtbot.keyClick(dialog.outcome_combo, Qt.Key.Key_Return)

    when_modal(DisciplineDialog, no_violation)
    table = record.disciplines_table
    rect = table.visualRect(table.model().index(0, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert cells(record.disciplines_table) == [
        ["Đang xem xét kỷ luật", "01/05/2025", "", "", "Không vi phạm (01/09/2025)", ""]
    ]
    (hold,) = ctx.read(svc.get_person, person_id).disciplines
    assert (hold.outcome, hold.penalty_id) == ("KHONG_VI_PHAM", None)


def test_years_in_the_sector_saved_with_the_record(
    qtbot, ctx, record: PersonDialog, person_id
) -> None:
    form = record.sector_form
    assert form.isVisible()
    assert (form.start_edit.text(), form.break_spin.text(), form.remote_spin.text()) == (
        "",
        "—",
        "—",
    )
    qtbot.keyClicks(form.start_edit, "01/08/2030")
    set_spin(qtbot, form.break_spin, 6)
    set_spin(qtbot, form.remote_spin, 3)
    qtbot.keyClick(form.remote_spin, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert record.isVisible()
    assert "Ngày vào ngành ở tương lai" in record.error_label.text()
    form.start_edit.clear()
    qtbot.keyClicks(form.start_edit, "01/08/2005")
    qtbot.keyClick(form.start_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not record.isVisible() and record.changed
    sector = ctx.read(svc.get_person, person_id).sector
    assert (
        sector.start_date,
        sector.break_months,
        sector.remote_area_years,
        sector.death_date,
    ) == (
        date(2005, 8, 1),
        6,
        3,
        None,
    )
    again = _show(qtbot, PersonDialog(ctx))
    again.load(ctx.read(svc.get_person, person_id))
    assert again.sector_form.start_edit.text() == "01/08/2005"
    assert again.sector_form.remote_spin.value() == 3


def test_unsaved_years_in_the_sector_are_confirmed(
    qtbot, record: PersonDialog, message_boxes
) -> None:
    qtbot.keyClicks(record.sector_form.death_edit, "02/01/2025")
    message_boxes.answer = QMessageBox.StandardButton.No
    qtbot.keyClick(record.sector_form.death_edit, Qt.Key.Key_Escape)
    assert record.isVisible()
    assert message_boxes.shown[-1].text == "Bỏ những thay đổi chưa lưu của hồ sơ này?"


def test_transfer_from_the_record(qtbot, ctx, record: PersonDialog, person_id, org) -> None:
    click_tab(qtbot, record, TAB_WORK)

    def transfer(dialog: TransferDialog) -> None:
        assert dialog.unit_combo.unit_id() == org["kh"]  # starts from the current unit
        choose(qtbot, dialog.unit_combo, "Văn phòng Sở")
        dialog.date_edit.clear()
        qtbot.keyClicks(dialog.date_edit, "15/01/2026")
        qtbot.keyClick(dialog.date_edit, Qt.Key.Key_Return)

    when_modal(TransferDialog, transfer)
    qtbot.mouseClick(record.transfer_button, Qt.MouseButton.LeftButton)
    assert cells(record.assignments_table) == [
        ["Phòng Kế hoạch", "Chuyên viên", "01/03/2019", "14/01/2026"],
        ["Văn phòng Sở", "Chuyên viên", "15/01/2026", ""],
    ]
    assert ctx.read(svc.get_person, person_id).current_assignment.unit_id == org["vp"]


def test_awards_and_initiatives_are_shown_read_only(qtbot, ctx) -> None:
    detail = PersonDetail(
        id=1,
        data=PersonInput("Trần", "Bình"),
        full_name="Trần Bình",
        active=False,
        left_date=date(2025, 6, 30),
        left_reason="Nghỉ hưu",
        initiatives=[
            InitiativeDTO(5, "Số hóa hồ sơ", "SANG_KIEN", "PV_CO_SO", 2023, "7/QĐ-STC", date(2023, 12, 1))
        ],
        awards=[
            AwardDTO(1, "LDTT", "Lao động tiên tiến", "DANH_HIEU", 2023, "9/QĐ", date(2023, 12, 20), "Giám đốc Sở", False),
            AwardDTO(2, "CSTDCS", "Chiến sĩ thi đua cơ sở", "DANH_HIEU", 2024, "3/QĐ", date(2024, 12, 28), "Giám đốc Sở", True),
        ],
    )  # fmt: skip
    dialog = _show(qtbot, PersonDialog(ctx))
    dialog.load(detail)
    assert "Đã nghỉ từ 30/06/2025 (Nghỉ hưu)" in dialog.status_label.text()
    assert not dialog.transfer_button.isEnabled()
    assert dialog.tabs.tabText(TAB_AWARDS) == "Khen thưởng (2)"
    click_tab(qtbot, dialog, TAB_AWARDS)
    rows = cells(dialog.awards_table)
    assert rows[0] == ["2023", "Lao động tiên tiến", "9/QĐ", "20/12/2023", "Giám đốc Sở"]
    assert rows[1][1] == "Chiến sĩ thi đua cơ sở (đã thu hồi)"
    revoked = dialog.awards_table.model().index(1, 1)
    assert revoked.data(Qt.ItemDataRole.FontRole).strikeOut()
    assert cells(dialog.initiatives_table)[0][:4] == [
        "2023",
        "Số hóa hồ sơ",
        "Sáng kiến",
        "Cấp cơ sở",
    ]


def test_demo_record_shows_its_history(qtbot, demo_ctx) -> None:
    rows = demo_ctx.read(svc.list_people)
    detail = next(
        d for d in (demo_ctx.read(svc.get_person, r.id) for r in rows) if d.awards and d.grades
    )
    dialog = _show(qtbot, PersonDialog(demo_ctx))
    dialog.load(detail)
    assert dialog.awards_table.model().rowCount() == len(detail.awards)
    assert dialog.grades_table.model().rowCount() == len(detail.grades)
    assert dialog.assignments_table.model().rowCount() == len(detail.assignments)
    years = [int(row[0]) for row in cells(dialog.grades_table)]
    assert years == sorted(years, reverse=True)  # latest year first
