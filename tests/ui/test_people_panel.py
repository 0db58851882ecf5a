"""The staff directory panel driven by keyboard and mouse on a temporary database.

Modal dialogs (hồ sơ, điều chuyển, nghỉ, gộp) are driven by a timer that waits for the dialog
to be the active modal window, then types into it and clicks its buttons, as a clerk would.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from keyboard import type_text
from PySide6.QtCore import QPoint, QSettings, QSortFilterProxyModel, Qt, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QMessageBox, QTableView

from app.domain.errors import CONFLICT_MESSAGE, NotFoundError
from app.domain.people import PersonInput
from app.domain.units import UnitInput
from app.services import people as svc
from app.services import people_view as pv
from app.services import units as unit_svc
from app.services.people import PersonRow
from app.ui.screens.units.people_model import (
    COL_BIRTH,
    COL_CATEGORY,
    COL_GENDER,
    COL_NAME,
    COL_UNIT,
    OBJECT_ROLE,
    SORT_ROLE,
    PeopleTableModel,
)
from app.ui.screens.units.people_panel import HEADER_KEY, PeoplePanel
from app.ui.screens.units.person_actions import (
    DuplicateWarningDialog,
    LeaveDialog,
    MergeDuplicatesDialog,
    TransferDialog,
)
from app.ui.screens.units.person_dialog import PersonDialog

# --- helpers ---------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _stub_message_boxes(message_boxes):  # type: ignore[no-untyped-def]
    """No real message box may block a test (closing an edited record asks first)."""
    return message_boxes


def when_modal(kind: type, handler: Callable[[Any], None], timeout: float = 5.0) -> None:
    """Call ``handler(dialog)`` once a modal dialog of type ``kind`` is shown (before exec())."""
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
    """Pick an item with the arrow keys (unit names are indented by depth)."""
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(combo.count()):
        if combo.currentText().strip() == text:
            return
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    raise AssertionError(f"{text!r} not in the list")


def names(panel: PeoplePanel) -> list[str]:
    return [r.full_name for r in panel.visible_rows()]


def column_texts(panel: PeoplePanel, column: int) -> dict[str, str]:
    proxy = panel.proxy
    return {
        proxy.index(r, COL_NAME).data(): proxy.index(r, column).data()
        for r in range(proxy.rowCount())
    }


def search(qtbot, panel: PeoplePanel, text: str) -> None:  # type: ignore[no-untyped-def]
    panel.search_box.clear()
    type_text(panel.search_box, text)


def select(panel: PeoplePanel, full_name: str) -> PersonRow:
    row = next(r for r in panel.visible_rows() if r.full_name == full_name)
    panel.select_person(row.id)
    panel.table.setFocus()
    return row


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
        hat = unit_svc.create_unit(
            s, UnitInput(code="HAT1", full_name="Hạt Kiểm lâm số 1", parent_id=kl.id, kind="HAT")
        )
        return {"root": root.id, "vp": vp.id, "kl": kl.id, "hat": hat.id}

    return ctx.write(build)


STAFF = [
    ("Nguyễn Văn", "Á", "vp", "Chuyên viên", {"birth_date": date(1985, 2, 3), "gender": "NAM", "staff_code": "NV01"}),
    ("Nguyễn Thị", "Ánh", "vp", "Chuyên viên", {"birth_year": 1990, "gender": "NU"}),
    ("Trần Văn", "An", "vp", "Chánh Văn phòng", {"gender": "NAM"}),
    ("Nguyễn Văn", "Ba", "kl", "Kiểm lâm viên", {}),
    ("Phạm Minh", "Châu", "kl", "Chi cục trưởng", {}),
    ("Đỗ Thị", "Dung", "hat", "Hạt trưởng", {"gender": "NU", "citizen_id": "001085012345"}),
    ("Lê Văn", "Đức", "hat", "Kiểm lâm viên", {}),
]  # fmt: skip


@pytest.fixture
def staff(ctx, org) -> dict[str, int]:  # type: ignore[no-untyped-def]
    def build(s):  # type: ignore[no-untyped-def]
        return {
            f"{ho} {ten}": svc.create_person(
                s,
                PersonInput(ho_dem=ho, ten=ten, **kw),
                unit_id=org[unit],
                position_title=title,
                start_date=date(2020, 1, 1),
            )
            for ho, ten, unit, title, kw in STAFF
        }

    return ctx.write(build)


@pytest.fixture
def panel(qtbot, ctx, settings, staff) -> PeoplePanel:  # type: ignore[no-untyped-def]
    widget = PeoplePanel(ctx, settings=settings)
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    with qtbot.waitExposed(widget):
        widget.show()
    with qtbot.waitActive(widget):
        widget.activateWindow()
    return widget


# --- search, filters, order ------------------------------------------------------------------


def test_search_ignores_case_and_diacritics(qtbot, panel: PeoplePanel) -> None:
    assert len(names(panel)) == 7
    assert panel.count_label.text() == "Hiển thị 7 / 7 cán bộ"
    qtbot.keyClicks(panel.search_box, "nguyen van")
    assert set(names(panel)) == {"Nguyễn Văn Á", "Nguyễn Văn Ba"}
    qtbot.keyClicks(panel.search_box, " a")  # tokens match at the start of words: not "Ba"
    assert set(names(panel)) == {"Nguyễn Văn Á"}
    qtbot.keyClicks(panel.search_box, " nv0")
    assert names(panel) == ["Nguyễn Văn Á"]
    assert panel.count_label.text() == "Hiển thị 1 / 7 cán bộ"

    search(qtbot, panel, "d")  # "d" finds "Đ" too
    assert set(names(panel)) == {"Đỗ Thị Dung", "Lê Văn Đức"}
    search(qtbot, panel, "ĐỨC")
    assert names(panel) == ["Lê Văn Đức"]
    search(qtbot, panel, "NGUYỄN thị")
    assert names(panel) == ["Nguyễn Thị Ánh"]
    qtbot.keyClick(panel.search_box, Qt.Key.Key_Backspace)  # a wider search after narrowing
    search(qtbot, panel, "nguyen")
    assert len(names(panel)) == 3


def test_search_by_staff_code_and_citizen_id(qtbot, panel: PeoplePanel) -> None:
    qtbot.keyClicks(panel.search_box, "nv01")
    assert names(panel) == ["Nguyễn Văn Á"]
    search(qtbot, panel, "001085")
    assert names(panel) == ["Đỗ Thị Dung"]
    search(qtbot, panel, "khong co ai")
    assert names(panel) == []
    assert panel.count_label.text() == "Hiển thị 0 / 7 cán bộ"


def test_status_filter_and_greyed_rows(qtbot, ctx, panel: PeoplePanel, staff) -> None:
    ctx.write(
        svc.mark_left, staff["Lê Văn Đức"], date(2025, 12, 31), "Nghỉ hưu", expected_version=1
    )
    panel.refresh()
    assert "Lê Văn Đức" not in names(panel)
    choose(qtbot, panel.status_combo, "Đã nghỉ")
    assert names(panel) == ["Lê Văn Đức"]
    index = panel.proxy.index(0, COL_NAME)
    assert index.data(Qt.ItemDataRole.ForegroundRole) is not None  # greyed
    choose(qtbot, panel.status_combo, "Tất cả")
    assert len(names(panel)) == 7


def test_unit_filter_includes_sub_units(panel: PeoplePanel, ctx, org) -> None:
    units = ctx.read(unit_svc.list_units)
    panel.set_unit_filter(unit_svc.subtree_ids(units, org["kl"]))
    assert set(names(panel)) == {
        "Nguyễn Văn Ba",
        "Phạm Minh Châu",
        "Đỗ Thị Dung",
        "Lê Văn Đức",
    }
    panel.set_unit_filter({org["hat"]})
    assert set(names(panel)) == {"Đỗ Thị Dung", "Lê Văn Đức"}
    panel.set_unit_filter(None)
    assert len(names(panel)) == 7


def test_standard_order_then_order_by_name_follows_vietnamese_collation(
    qtbot, panel: PeoplePanel
) -> None:
    # Thứ tự chuẩn: unit order, position rank, tên, họ đệm.
    assert names(panel) == [
        "Trần Văn An",
        "Nguyễn Văn Á",
        "Nguyễn Thị Ánh",
        "Phạm Minh Châu",
        "Nguyễn Văn Ba",
        "Đỗ Thị Dung",
        "Lê Văn Đức",
    ]
    choose(qtbot, panel.order_combo, "Theo tên")
    by_name = ["Á", "An", "Ánh", "Ba", "Châu", "Dung", "Đức"]
    assert [r.ten for r in panel.visible_rows()] == by_name
    header = panel.table.horizontalHeader()
    assert header.sortIndicatorSection() == COL_NAME
    # A click on the header sorts the other way round.
    x = header.sectionViewportPosition(COL_NAME) + 10
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert [r.ten for r in panel.visible_rows()] == by_name[::-1]
    # Birth dates sort by date (unknown last), not as text.
    x = header.sectionViewportPosition(COL_BIRTH) + 10
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert header.sortIndicatorSection() == COL_BIRTH
    assert [r.ten for r in panel.visible_rows()][:2] == ["Á", "Ánh"]
    choose(qtbot, panel.order_combo, "Thứ tự chuẩn")
    assert header.sortIndicatorSection() == COL_UNIT
    assert names(panel)[0] == "Trần Văn An"


def test_texts_shown_in_vietnamese(panel: PeoplePanel) -> None:
    births = column_texts(panel, COL_BIRTH)
    assert births["Nguyễn Văn Á"] == "03/02/1985"
    assert births["Nguyễn Thị Ánh"] == "1990"
    assert births["Phạm Minh Châu"] == ""
    genders = column_texts(panel, COL_GENDER)
    assert genders["Nguyễn Thị Ánh"] == "Nữ"
    assert genders["Trần Văn An"] == "Nam"
    assert column_texts(panel, COL_UNIT)["Đỗ Thị Dung"] == "Hạt Kiểm lâm số 1"
    categories = column_texts(panel, COL_CATEGORY)
    assert categories["Trần Văn An"] == "Các cấp lãnh đạo từ phó phòng trở lên"
    assert [panel.proxy.headerData(c, Qt.Orientation.Horizontal) for c in range(6)] == [
        "Họ và tên",
        "Ngày sinh",
        "Giới tính",
        "Chức vụ",
        "Đơn vị",
        "Phân loại đối tượng",
    ]


# --- lazy fetching ---------------------------------------------------------------------------


def _synthetic(n: int) -> list[PersonRow]:
    rows = []
    for i in range(n):
        rows.append(
            PersonRow(
                id=i + 1,
                full_name=f"Người {i}",
                ho_dem="Người",
                ten=str(i),
                gender=None,
                birth_date=None,
                birth_year=1960 + i % 40,
                staff_code=None,
                citizen_id=None,
                subject_category=None,
                active=True,
                position_title="Chuyên viên",
                position_rank=90,
                unit_id=None,
                unit_name="",
                search_text=f"nguoi {i}",
                name_order=(i * 7919) % n,
                standard_order=i,
            )
        )
    return rows


def test_model_fetches_rows_in_batches(qtbot) -> None:
    model = PeopleTableModel()
    model.set_rows(_synthetic(450))
    assert model.rowCount() == 200
    assert model.total_rows() == 450
    assert model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 400
    model.fetchMore()
    assert model.rowCount() == 450
    assert not model.canFetchMore()
    model.set_rows(_synthetic(30))
    assert model.rowCount() == 30 and not model.canFetchMore()


def test_view_fetches_more_on_scrolling_and_keeps_sorted_order(qtbot) -> None:
    rows = _synthetic(450)
    model = PeopleTableModel()
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.sort(COL_NAME, Qt.SortOrder.AscendingOrder)
    model.set_rows(pv.sorted_rows(rows, COL_NAME))
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(proxy)
    view.resize(600, 300)
    view.show()
    qtbot.waitExposed(view)
    assert proxy.rowCount() == 200
    while proxy.rowCount() < 450:
        before = proxy.rowCount()
        view.scrollToBottom()
        qtbot.waitUntil(lambda before=before: proxy.rowCount() > before)
    shown = [proxy.index(r, 0).data(OBJECT_ROLE).name_order for r in range(450)]
    assert shown == list(range(450))


def test_panel_hands_rows_to_the_view_lazily(qtbot, panel: PeoplePanel) -> None:
    panel.model.batch_size = 3
    panel.refresh()
    assert len(panel.matching_rows()) == 7
    assert panel.model.total_rows() == 7
    qtbot.waitUntil(lambda: panel.proxy.rowCount() >= 3)
    assert panel.select_person(panel.matching_rows()[-1].id)  # loads up to the row
    assert panel.proxy.rowCount() == 7


# --- actions ---------------------------------------------------------------------------------


def test_add_person_through_the_dialog(qtbot, ctx, panel: PeoplePanel, org) -> None:
    def fill(dialog: PersonDialog) -> None:
        type_text(dialog.ho_dem_edit, "Hoàng Thị")
        type_text(dialog.ten_edit, "Yến")
        choose(qtbot, dialog.gender_combo, "Nữ")
        qtbot.keyClicks(dialog.birth_edit, "12/05/1992")
        qtbot.keyClicks(dialog.staff_code_edit, "vp09")
        choose(qtbot, dialog.unit_combo, "Văn phòng Sở")
        type_text(dialog.position_edit, "Chuyên viên")
        qtbot.keyClicks(dialog.start_edit, "01/03/2024")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    when_modal(PersonDialog, fill)
    with qtbot.waitSignal(panel.peopleChanged):
        qtbot.keyClick(panel.search_box, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert "Hoàng Thị Yến" in names(panel)
    assert panel.current_person().full_name == "Hoàng Thị Yến"
    stored = next(r for r in ctx.read(svc.list_people) if r.full_name == "Hoàng Thị Yến")
    assert (stored.birth_date, stored.staff_code, stored.unit_id) == (
        date(1992, 5, 12),
        "VP09",
        org["vp"],
    )
    assert panel.count_label.text() == "Hiển thị 8 / 8 cán bộ"


def _type_duplicate_of_a(qtbot, dialog: PersonDialog, ho_dem: str = "Nguyễn Văn") -> None:  # type: ignore[no-untyped-def]
    type_text(dialog.ho_dem_edit, ho_dem)
    type_text(dialog.ten_edit, "Á")
    qtbot.keyClicks(dialog.birth_edit, "3/2/1985")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)


def test_duplicate_warning_then_add_anyway(qtbot, ctx, panel: PeoplePanel) -> None:
    seen: list[list[str]] = []

    def add_anyway(warning: DuplicateWarningDialog) -> None:
        seen.append([c.full_name for c in warning.model.rows()])
        qtbot.mouseClick(warning.add_button, Qt.MouseButton.LeftButton)

    def type_duplicate(dialog: PersonDialog) -> None:
        when_modal(DuplicateWarningDialog, add_anyway)
        _type_duplicate_of_a(qtbot, dialog)

    when_modal(PersonDialog, type_duplicate)
    panel.add_person()
    assert seen == [["Nguyễn Văn Á"]]
    assert [r.full_name for r in ctx.read(svc.list_people)].count("Nguyễn Văn Á") == 2
    assert names(panel).count("Nguyễn Văn Á") == 2


def test_duplicate_warning_opens_the_existing_record(qtbot, ctx, panel: PeoplePanel, staff) -> None:
    opened: list[int | None] = []

    def look_and_close(record: PersonDialog) -> None:
        opened.append(record.person_id)
        record.reject()

    def open_existing(warning: DuplicateWarningDialog) -> None:
        when_modal(PersonDialog, look_and_close)  # the existing record opens next
        qtbot.mouseClick(warning.open_button, Qt.MouseButton.LeftButton)

    def type_duplicate(dialog: PersonDialog) -> None:
        when_modal(DuplicateWarningDialog, open_existing)
        _type_duplicate_of_a(qtbot, dialog, "nguyen van")  # no diacritics: still the same name

    when_modal(PersonDialog, type_duplicate)
    panel.add_person()
    assert opened == [staff["Nguyễn Văn Á"]]
    assert [r.full_name for r in ctx.read(svc.list_people)].count("Nguyễn Văn Á") == 1


def test_transfer_changes_the_unit_shown(qtbot, ctx, panel: PeoplePanel, staff, org) -> None:
    select(panel, "Nguyễn Văn Á")

    def transfer(dialog: TransferDialog) -> None:
        choose(qtbot, dialog.unit_combo, "Chi cục Kiểm lâm")
        dialog.position_edit.clear()
        type_text(dialog.position_edit, "Kiểm lâm viên")
        dialog.date_edit.clear()
        qtbot.keyClicks(dialog.date_edit, "01/07/2025")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    when_modal(TransferDialog, transfer)
    with qtbot.waitSignal(panel.peopleChanged):
        panel.transfer_action.trigger()
    assert column_texts(panel, COL_UNIT)["Nguyễn Văn Á"] == "Chi cục Kiểm lâm"
    detail = ctx.read(svc.get_person, staff["Nguyễn Văn Á"])
    assert [(a.unit_id, a.end_date) for a in detail.assignments] == [
        (org["vp"], date(2025, 6, 30)),
        (org["kl"], None),
    ]


def test_mark_left_moves_them_to_da_nghi(qtbot, ctx, panel: PeoplePanel, staff) -> None:
    select(panel, "Phạm Minh Châu")

    def leave(dialog: LeaveDialog) -> None:
        dialog.reason_combo.setFocus()
        dialog.reason_combo.setCurrentText("Chuyển công tác")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    when_modal(LeaveDialog, leave)
    panel.leave_action.trigger()
    assert "Phạm Minh Châu" not in names(panel)
    choose(qtbot, panel.status_combo, "Đã nghỉ")
    assert names(panel) == ["Phạm Minh Châu"]
    detail = ctx.read(svc.get_person, staff["Phạm Minh Châu"])
    assert (detail.active, detail.left_reason) == (False, "Chuyển công tác")
    assert len(detail.assignments) == 1  # history kept


def test_merge_duplicates_moves_history(
    qtbot, ctx, panel: PeoplePanel, staff, org, message_boxes
) -> None:
    keep = staff["Nguyễn Văn Á"]

    def add_copy(s):  # type: ignore[no-untyped-def]
        pid = svc.create_person(
            s,
            PersonInput("Nguyễn Văn", "Á", birth_date=date(1985, 2, 3)),
            unit_id=org["kl"],
            allow_duplicate=True,
        )
        svc.set_grade(s, pid, 2024, "HTXSNV", 12, expected_version=0)
        return pid

    drop = ctx.write(add_copy)
    panel.refresh()
    message_boxes.answer = QMessageBox.StandardButton.Yes

    def merge(dialog: MergeDuplicatesDialog) -> None:
        assert dialog.groups_model.rowCount() == 1
        choose(
            qtbot, dialog.keep_combo, dialog.keep_combo.itemText(dialog.keep_combo.findData(keep))
        )
        qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)

    when_modal(MergeDuplicatesDialog, merge)
    with qtbot.waitSignal(panel.peopleChanged):
        panel.merge_action.trigger()
    assert any("Gộp 1 hồ sơ" in m.text for m in message_boxes.shown)
    kept = ctx.read(svc.get_person, keep)
    assert [(g.year, g.grade) for g in kept.grades] == [(2024, "HTXSNV")]
    assert len(kept.assignments) == 2
    with pytest.raises(NotFoundError):
        ctx.read(svc.get_person, drop)
    assert names(panel).count("Nguyễn Văn Á") == 1


def test_a_merge_of_a_record_changed_meanwhile_is_refused_then_done_on_the_fresh_list(
    qtbot, ctx, panel: PeoplePanel, staff, org, message_boxes
) -> None:
    keep = staff["Nguyễn Văn Á"]
    drop = ctx.write(
        lambda s: svc.create_person(
            s,
            PersonInput("Nguyễn Văn", "Á", birth_date=date(1985, 2, 3)),
            unit_id=org["kl"],
            allow_duplicate=True,
        )
    )
    panel.refresh()
    message_boxes.answer = QMessageBox.StandardButton.Yes
    seen: list[tuple[bool, bool]] = []

    def other_clerk_sets_the_cccd(s):  # type: ignore[no-untyped-def]
        detail = svc.get_person(s, keep)
        svc.update_person(
            s,
            keep,
            replace(detail.data, citizen_id="001085033333"),
            expected_version=detail.version,
            allow_duplicate=True,
        )

    def merge_again(dialog: MergeDuplicatesDialog) -> None:
        # shown again on the list read after the refusal: nothing was merged
        kept = ctx.read(svc.get_person, keep)
        seen.append((kept.data.citizen_id is not None, ctx.read(svc.get_person, drop).id == drop))
        choose(
            qtbot, dialog.keep_combo, dialog.keep_combo.itemText(dialog.keep_combo.findData(keep))
        )
        qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)

    def merge_stale(dialog: MergeDuplicatesDialog) -> None:
        ctx.write(other_clerk_sets_the_cccd)  # after the dialog read the versions
        choose(
            qtbot, dialog.keep_combo, dialog.keep_combo.itemText(dialog.keep_combo.findData(keep))
        )
        when_modal(MergeDuplicatesDialog, merge_again)
        qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)

    when_modal(MergeDuplicatesDialog, merge_stale)
    with qtbot.waitSignal(panel.peopleChanged):
        panel.merge_action.trigger()
    assert seen == [(True, True)]  # the other clerk's CCCD stored, the copy still there
    warnings = [m for m in message_boxes.shown if m.kind == "warning"]
    assert [m.text for m in warnings] == [CONFLICT_MESSAGE]
    with pytest.raises(NotFoundError):
        ctx.read(svc.get_person, drop)
    kept = ctx.read(svc.get_person, keep)
    assert kept.data.citizen_id == "001085033333"  # the other clerk's save is kept
    assert len(kept.assignments) == 2


def test_merge_with_no_duplicates_says_so(panel: PeoplePanel, message_boxes) -> None:
    panel.merge_action.trigger()
    assert message_boxes.shown[-1].text == "Không tìm thấy hồ sơ nào nghi trùng."


# --- keyboard and settings -------------------------------------------------------------------


def test_keyboard_find_enter_and_open(qtbot, panel: PeoplePanel, staff) -> None:
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert panel.search_box.hasFocus()
    qtbot.keyClicks(panel.search_box, "chau")
    qtbot.keyClick(panel.search_box, Qt.Key.Key_Return)
    assert panel.table.hasFocus()
    opened: list[str] = []

    def look_and_close(record: PersonDialog) -> None:
        opened.append(record.windowTitle())
        record.reject()

    when_modal(PersonDialog, look_and_close)
    qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    assert opened == ["Hồ sơ cán bộ: Phạm Minh Châu"]


def test_column_widths_are_remembered(qtbot, ctx, staff, settings: QSettings) -> None:
    first = PeoplePanel(ctx, settings=settings)
    qtbot.addWidget(first)
    first.show()
    first.table.horizontalHeader().resizeSection(COL_NAME, 333)
    assert settings.value(HEADER_KEY) is not None
    second = PeoplePanel(ctx, settings=settings)
    qtbot.addWidget(second)
    second.show()
    assert second.table.horizontalHeader().sectionSize(COL_NAME) == 333
