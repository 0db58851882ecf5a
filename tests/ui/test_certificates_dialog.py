""" "In giấy khen…" on the decisions screen, driven as a clerk would: the preview opens with one
page per ticked line, one line or a selection, Qt's full preview (its exec stubbed), printing
through the print dialog (stubbed, to a PDF file read back), PDF export, offsets saved for the
printer, the wording saved for the decision, the test page and the blank's scan."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from keyboard import type_text
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QColor, QDesktopServices, QImage
from PySide6.QtPrintSupport import QPrintDialog, QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QApplication, QDialog, QDoubleSpinBox, QFileDialog, QTableView

from app.config import local_settings_file
from app.domain.certificate_layout import Calibration
from app.services import certificate_settings as machine
from app.services import certificates as svc
from app.services.context import AppContext
from app.ui.screens.decisions.certificates import CertificatesDialog
from app.ui.screens.decisions.models import COL_R_NAME
from app.ui.screens.decisions.screen import DecisionsScreen
from certificate_factory import CertificateWorld, build_certificate_decision
from decision_factory import add_decision
from pdf_text import read_pdf

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    # the offscreen platform says so for every window shown; any other warning fails
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]

YEAR = 2026


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setenv("TDKT_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def world(ctx: AppContext) -> CertificateWorld:
    return ctx.write(build_certificate_decision)


def make_screen(qtbot, ctx: AppContext) -> DecisionsScreen:  # type: ignore[no-untyped-def]
    screen = DecisionsScreen(ctx, YEAR)
    qtbot.addWidget(screen)
    screen.resize(1280, 800)
    with qtbot.waitExposed(screen):
        screen.show()
    return screen


def click(qtbot, widget) -> None:  # type: ignore[no-untyped-def]
    assert widget.isEnabled(), widget.text()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def click_row(qtbot, view: QTableView, text: str, column: int) -> None:  # type: ignore[no-untyped-def]
    model = view.model()
    row = [model.index(r, column).data() for r in range(model.rowCount())].index(text)
    rect = view.visualRect(model.index(row, column))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert view.currentIndex().row() == row


def open_dialog(qtbot, ctx: AppContext, line: str | None = None) -> CertificatesDialog:  # type: ignore[no-untyped-def]
    screen = make_screen(qtbot, ctx)
    if line is not None:
        click_row(qtbot, screen.pane.view, line, COL_R_NAME)
    click(qtbot, screen.certificates_button)
    dialog = screen.dialog
    assert isinstance(dialog, CertificatesDialog) and dialog.isVisible()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    assert dialog.view.hasFocus()  # keyboard first: the lines
    return dialog


def type_offset(qtbot, spin: QDoubleSpinBox, value: float) -> None:  # type: ignore[no-untyped-def]
    spin.setFocus()
    spin.selectAll()
    text = f"{value:.1f}".replace(".", QLocale().decimalPoint())
    qtbot.keyClicks(spin, text)
    assert spin.value() == value


def test_the_preview_opens_with_a_page_per_ticked_line(qtbot, ctx, world, message_boxes) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, ctx, line="Trần Văn Nam")
    view, preview = dialog.view, dialog.preview
    assert view.model().rowCount() == 5
    assert view.model().index(4, 1).data() == "Phạm Đức Minh (đã thu hồi)"
    assert dialog.model.checked_ids() == [
        world.lines[k] for k in ("ha", "nam", "branch", "household")
    ]
    assert preview.pageCount() == 4 and preview.orientation() == preview.orientation().Landscape
    assert "4 trang sẽ in" in dialog.message_label.text()
    assert dialog.wording_edit.placeholderText().startswith("Đã có thành tích xuất sắc")

    # the line chosen on the screen is the current one: "Chỉ dòng này"
    click(qtbot, dialog.one_button)
    assert dialog.model.checked_ids() == [world.lines["nam"]] and preview.pageCount() == 1
    click(qtbot, dialog.all_button)
    assert preview.pageCount() == 4
    # a selection: untick Hà with the space bar
    click_row(qtbot, view, "Nguyễn Thị Hà", 1)
    qtbot.keyClick(view, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: preview.pageCount() == 3)
    click(qtbot, dialog.none_button)
    assert "Chưa chọn dòng nào" in dialog.message_label.text()
    click(qtbot, dialog.close_button)
    assert not dialog.isVisible() and message_boxes.shown == []


def test_qts_full_preview_window(qtbot, ctx, world, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    seen: list[int] = []

    def exec_(window: QPrintPreviewDialog) -> int:
        widget = window.findChild(QPrintPreviewWidget)
        assert widget is not None
        widget.updatePreview()
        seen.append(widget.pageCount())
        return int(QDialog.DialogCode.Rejected.value)

    monkeypatch.setattr(QPrintPreviewDialog, "exec", exec_)
    dialog = open_dialog(qtbot, ctx)
    click(qtbot, dialog.full_preview_button)
    assert seen == [4] and dialog.full_preview_dialog is None


def test_printing_goes_through_the_print_dialog_at_the_offsets_shown(
    qtbot, ctx, world, monkeypatch, tmp_path, message_boxes
) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "printed.pdf"
    asked: list[str] = []

    def exec_(print_dialog: QPrintDialog) -> int:
        printer = print_dialog.printer()
        asked.append(printer.pageLayout().pageSize().name())
        printer.setOutputFileName(str(out))  # the clerk picked "print to file"
        return int(QDialog.DialogCode.Accepted.value)

    monkeypatch.setattr(QPrintDialog, "exec", exec_)
    dialog = open_dialog(qtbot, ctx)
    type_offset(qtbot, dialog.x_spin, 2.5)
    type_offset(qtbot, dialog.y_spin, -1.5)
    click(qtbot, dialog.print_button)
    assert asked == ["A4"]
    assert "Đã gửi 4 trang tới máy in" in message_boxes.texts[-1]
    pages = read_pdf(out)
    assert len(pages) == 4
    name = pages[1].find("Ông Trần Văn Nam")
    recipient = svc.certificate_layouts()["GK_SO"].field("recipient")
    assert name.center_x == pytest.approx(recipient.x_mm + recipient.width_mm / 2 + 2.5, abs=0.6)
    assert name.top >= recipient.y_mm - 1.5 - 0.6
    assert name.bottom <= recipient.y_mm + recipient.height_mm - 1.5 + 0.6
    assert "CỘNG HÒA" not in pages[0].text  # the blank's outline is only in the preview


def test_offsets_are_saved_for_the_printer_and_come_back(qtbot, ctx, world) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, ctx)
    assert dialog.printer_combo.currentData() == machine.PDF_TARGET  # no printer here
    type_offset(qtbot, dialog.x_spin, -3.0)
    type_offset(qtbot, dialog.y_spin, 1.5)
    click(qtbot, dialog.save_offsets_button)
    assert "Đã lưu căn lề" in dialog.message_label.text()
    saved = json.loads(local_settings_file().read_text(encoding="utf-8"))
    assert saved["certificates"]["calibration"]["(PDF)"] == {"x_mm": -3.0, "y_mm": 1.5}
    click(qtbot, dialog.close_button)
    again = open_dialog(qtbot, ctx)
    assert (again.x_spin.value(), again.y_spin.value()) == (-3.0, 1.5)


def test_pdf_export_and_the_wording_saved_for_the_decision(
    qtbot, ctx, world, monkeypatch, tmp_path, message_boxes
) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "giay-khen-12.pdf"
    offered: list[str] = []

    def save_name(_parent, _title, suggested, _filter):  # type: ignore[no-untyped-def]
        offered.append(suggested)
        return str(out), "Tệp PDF (*.pdf)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    dialog = open_dialog(qtbot, ctx)
    dialog.wording_edit.setFocus()
    type_text(dialog.wording_edit, "Đã hoàn thành xuất sắc nhiệm vụ {period}")
    click(qtbot, dialog.save_wording_button)
    assert "Đã lưu lời thành tích" in dialog.message_label.text()
    assert ctx.read(svc.decision_wording, world.decision_id) == (
        "Đã hoàn thành xuất sắc nhiệm vụ {period}"
    )
    click(qtbot, dialog.pdf_button)
    assert offered == ["giay-khen-12.pdf"]
    assert f"Đã xuất 4 trang ra {out}" in message_boxes.texts[-1]
    pages = read_pdf(out)
    assert len(pages) == 4
    assert pages[0].find("Đã hoàn thành xuất sắc nhiệm vụ năm 2025")

    # a wrong placeholder is refused, nothing saved
    dialog.wording_edit.clear()
    type_text(dialog.wording_edit, "Đã {ho_ten}")
    click(qtbot, dialog.save_wording_button)
    assert "{ho_ten}" in message_boxes.texts[-1]
    assert ctx.read(svc.decision_wording, world.decision_id).startswith("Đã hoàn thành")


def test_test_page_scan_and_layout_file(
    qtbot, ctx, world, monkeypatch, tmp_path, private_data_dir
) -> None:  # type: ignore[no-untyped-def]
    page = tmp_path / "thu.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(page), "Tệp PDF (*.pdf)"))
    scan = tmp_path / "phoi.png"
    image = QImage(297, 210, QImage.Format.Format_RGB32)
    image.fill(QColor("#F4E7C0"))
    assert image.save(str(scan))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a: (str(scan), ""))
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))

    dialog = open_dialog(qtbot, ctx)
    click(qtbot, dialog.test_page_button)
    assert "TRANG THỬ CĂN LỀ" in read_pdf(page)[0].text
    click(qtbot, dialog.background_button)
    assert machine.get_background("GK_SO") == str(scan)
    assert dialog.background_edit.text() == str(scan) and dialog.preview.pageCount() == 4
    click(qtbot, dialog.clear_background_button)
    assert machine.get_background("GK_SO") == ""
    click(qtbot, dialog.edit_layouts_button)
    assert opened == [str(private_data_dir / svc.LAYOUTS_FILE)]
    # the clerk moves the name 10 mm down in the copy, reloads: the preview follows
    data = json.loads(Path(opened[0]).read_text(encoding="utf-8"))
    data["layouts"][0]["name"] = "Giấy khen (đã sửa)"
    Path(opened[0]).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    click(qtbot, dialog.reload_button)
    assert dialog.layout_combo.findText("Giấy khen (đã sửa) (GK_SO)") >= 0
    assert dialog.model.index(0, 4).data() == "Giấy khen (đã sửa)"


def test_a_draft_is_not_printed(qtbot, ctx, world, message_boxes) -> None:  # type: ignore[no-untyped-def]
    ctx.write(
        lambda s: add_decision(
            s,
            number="",
            day=None,
            code="GK_SO",
            lines=[("CA_NHAN", world.agency.people["ha"], "")],
            status="DRAFT",
        )
    )
    screen = make_screen(qtbot, ctx)
    drafts = [r for r in screen.model.rows() if r.status == "DRAFT"]
    screen.select_decision(drafts[0].id)
    click(qtbot, screen.certificates_button)
    assert screen.dialog is None
    assert "dự thảo" in message_boxes.texts[-1]


def test_offsets_typed_move_the_preview_not_the_saved_ones(qtbot, ctx, world) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, ctx)
    type_offset(qtbot, dialog.x_spin, 5.0)
    assert dialog.calibration() == Calibration(5.0, 0.0)
    qtbot.waitUntil(lambda: not dialog._timer.isActive())
    assert machine.get_calibration(machine.PDF_TARGET) == Calibration()
