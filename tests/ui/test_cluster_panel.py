"""The "Cụm, khối thi đua" tab of Bình xét driven by keyboard and mouse, against a temporary
database: a bloc typed in, units ticked, results chosen, deletions confirmed, a file imported."""

from __future__ import annotations

from pathlib import Path

import pytest
from keyboard import type_text
from openpyxl import Workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from app.domain.units import UnitInput
from app.services import clusters
from app.services import units as unit_svc
from app.services.context import AppContext
from app.ui.screens.review.cluster_dialogs import (
    COL_RESULT,
    COL_UNIT,
    ClusterDialog,
    MemberPickerDialog,
)
from app.ui.screens.review.cluster_panel import ClusterPanel

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    # the offscreen platform says so for every window shown; any other warning fails
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]

YEAR = 2025
Yes, No = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No


@pytest.fixture
def org(ctx: AppContext) -> dict[str, int]:
    def build(s):  # type: ignore[no-untyped-def]
        root = unit_svc.create_unit(
            s, UnitInput(code="SO", full_name="Sở Nông nghiệp và Môi trường", kind="CO_QUAN")
        )
        ids = {"root": root.id}
        for code, name in (("CCKL", "Chi cục Kiểm lâm"), ("CCTL", "Chi cục Thủy lợi")):
            ids[code] = unit_svc.create_unit(
                s, UnitInput(code=code, full_name=name, parent_id=root.id, kind="CHI_CUC")
            ).id
        return ids

    return ctx.write(build)


@pytest.fixture
def panel(qtbot, ctx: AppContext, org, runner) -> ClusterPanel:  # type: ignore[no-untyped-def]
    widget = ClusterPanel(ctx)
    qtbot.addWidget(widget)
    widget.set_runner(runner)
    widget.set_year(YEAR)
    widget.resize(1100, 600)
    with qtbot.waitExposed(widget):
        widget.show()
    with qtbot.waitActive(widget):
        widget.activateWindow()
    return widget


def dialog_of(qtbot, panel: ClusterPanel):  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: panel.dialog is not None and panel.dialog.isVisible())
    dialog = panel.dialog
    assert dialog is not None
    dialog.activateWindow()  # the window system does it; offscreen, the test asks
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def stored(ctx: AppContext) -> dict[str, dict[str, str | None]]:
    return {
        c.name: {m.unit_name: m.result for m in c.members}
        for c in ctx.read(clusters.list_clusters, YEAR)
    }


def shown(panel: ClusterPanel) -> list[tuple[str, str]]:
    model = panel.table.model()
    return [
        (model.index(r, COL_UNIT).data(), model.index(r, COL_RESULT).data())
        for r in range(model.rowCount())
    ]


def test_a_bloc_is_typed_in_units_ticked_and_a_result_chosen(qtbot, panel, ctx, org) -> None:  # type: ignore[no-untyped-def]
    assert "Năm 2025 chưa có cụm, khối thi đua nào" in panel.info_label.text()
    assert not panel.add_button.isEnabled()
    # Ctrl+N, type the name, keep "Khối" and "UBND tỉnh", Enter
    qtbot.keyClick(panel.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = dialog_of(qtbot, panel)
    assert isinstance(dialog, ClusterDialog)
    assert QApplication.focusWidget() is dialog.name_edit
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)
    assert dialog.isVisible()  # refused: no name
    assert "Chưa nhập tên cụm, khối thi đua" in dialog.error_label.text()
    type_text(dialog.name_edit, "Khối các sở kinh tế")
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.dialog is None)
    assert stored(ctx) == {"Khối các sở kinh tế": {}}
    assert panel.cluster_combo.currentText() == "Khối các sở kinh tế"
    assert panel.info_label.text().startswith("Khối thi đua, do UBND tỉnh tổ chức · 0 đơn vị")

    # "Thêm đơn vị…" by mouse; filter, Space ticks, Ctrl+S saves
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    picker = dialog_of(qtbot, panel)
    assert isinstance(picker, MemberPickerDialog)
    type_text(picker.search_edit, "so nong")
    visible = [
        picker.list.item(r).text().strip()
        for r in range(picker.list.count())
        if not picker.list.item(r).isHidden()
    ]
    assert visible == ["Sở Nông nghiệp và Môi trường"]
    picker.list.setFocus()
    qtbot.keyClick(picker.list, Qt.Key.Key_Home)
    qtbot.keyClick(picker.list, Qt.Key.Key_Space)
    qtbot.keyClick(picker.list, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: panel.dialog is None)
    assert stored(ctx) == {"Khối các sở kinh tế": {"Sở Nông nghiệp và Môi trường": None}}
    assert shown(panel) == [("Sở Nông nghiệp và Môi trường", "Chưa nhập")]

    # the unit is selected; the result box with the keyboard: Chưa nhập -> Dẫn đầu
    assert panel.current_member().unit_name == "Sở Nông nghiệp và Môi trường"
    assert panel.result_combo.isEnabled() and panel.result_combo.currentText() == "Chưa nhập"
    panel.result_combo.setFocus()
    qtbot.keyClick(panel.result_combo, Qt.Key.Key_Down)
    assert stored(ctx) == {"Khối các sở kinh tế": {"Sở Nông nghiệp và Môi trường": "DAN_DAU"}}
    assert shown(panel) == [("Sở Nông nghiệp và Môi trường", "Dẫn đầu")]
    assert "1 đơn vị, 1 đã có kết quả" in panel.info_label.text()
    assert panel.status_label.text() == "Đã ghi kết quả của Sở Nông nghiệp và Môi trường: Dẫn đầu."


def test_deletions_wait_for_confirmation(qtbot, panel, ctx, org, message_boxes) -> None:  # type: ignore[no-untyped-def]
    from app.domain.clusters import ClusterInput

    made = ctx.write(clusters.create_cluster, YEAR, ClusterInput("Cụm các Chi cục", "CUM", "SO"))
    ctx.write(clusters.add_members, made.id, [org["CCKL"], org["CCTL"]])
    panel.refresh()
    panel.table.setFocus()
    assert panel.current_member().unit_name == "Chi cục Kiểm lâm"  # the first one
    qtbot.keyClick(panel.table, Qt.Key.Key_Down)
    assert panel.current_member().unit_name == "Chi cục Thủy lợi"
    qtbot.keyClick(panel.table, Qt.Key.Key_Up)
    assert panel.current_member().unit_name == "Chi cục Kiểm lâm"
    message_boxes.answer = No
    qtbot.keyClick(panel.table, Qt.Key.Key_Delete)
    assert message_boxes.shown[-1].text == "Bỏ “Chi cục Kiểm lâm” khỏi “Cụm các Chi cục”?"
    assert len(stored(ctx)["Cụm các Chi cục"]) == 2
    message_boxes.answer = Yes
    qtbot.keyClick(panel.table, Qt.Key.Key_Delete)
    assert stored(ctx) == {"Cụm các Chi cục": {"Chi cục Thủy lợi": None}}
    assert shown(panel) == [("Chi cục Thủy lợi", "Chưa nhập")]

    message_boxes.answer = No
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    assert message_boxes.shown[-1].text == (
        "Xóa “Cụm các Chi cục” của năm 2025? 1 đơn vị thành viên và kết quả của họ cũng bị xóa."
    )
    assert stored(ctx)
    message_boxes.answer = Yes
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    assert stored(ctx) == {}
    assert panel.cluster_combo.count() == 0 and not panel.delete_button.isEnabled()


def test_a_file_is_checked_then_written_after_the_clerk_agrees(  # type: ignore[no-untyped-def]
    qtbot, panel, ctx, org, message_boxes, monkeypatch, tmp_path: Path
) -> None:
    book = Workbook()
    for row in (
        ["STT", "Cụm, khối thi đua", "Cơ quan tổ chức", "Tên đơn vị", "Kết quả"],
        [1, "Khối các sở kinh tế", "UBND tỉnh", "Sở Nông nghiệp và Môi trường", "Dẫn đầu"],
        [2, "Khối các sở kinh tế", "UBND tỉnh", "Sở Xây dựng", None],
    ):
        book.active.append(row)
    path = tmp_path / "cum.xlsx"
    book.save(path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), "Excel"))
    qtbot.mouseClick(panel.import_button, Qt.MouseButton.LeftButton)
    warning = message_boxes.shown[-1]
    assert warning.kind == "warning"
    assert "dòng 3, cột D (Tên đơn vị): Không tìm thấy đơn vị 'Sở Xây dựng'" in warning.text
    assert stored(ctx) == {}

    book.active.delete_rows(3)
    book.save(path)
    message_boxes.answer = No
    qtbot.mouseClick(panel.import_button, Qt.MouseButton.LeftButton)
    assert message_boxes.shown[-1].kind == "question"
    assert "Sẽ thêm 1 cụm, khối" in message_boxes.shown[-1].text
    assert stored(ctx) == {}
    message_boxes.answer = Yes
    qtbot.mouseClick(panel.import_button, Qt.MouseButton.LeftButton)
    assert stored(ctx) == {"Khối các sở kinh tế": {"Sở Nông nghiệp và Môi trường": "DAN_DAU"}}
    assert panel.cluster_combo.currentText() == "Khối các sở kinh tế"
    assert panel.status_label.text().startswith("Đã thêm 1 cụm, khối")
