""" "In giấy khen…" on the decisions screen (issue 22): the certificates of the chosen decision
printed on their blanks, previewed over the blank's scan, or written as a PDF.

:func:`print_certificates` opens :class:`CertificatesDialog` for the decision the screen
shows (issued or corrected; a draft or a revoked decision is refused with the reason). The
dialog lists the lines, ticked: all of them (the whole decision), a selection, or only the
line under the cursor ("Chỉ dòng này"). Beside them, a live preview (``QPrintPreviewWidget``)
draws each sheet over the blank's scan -- or a drawn outline of a blank -- which is never
printed. The clerk picks the blank (else each line takes the one for its award), the
achievement wording (saved for the decision when asked), the printer and its offsets in
millimetres (saved per printer on this machine, with a test page to measure them), the scan
of the blank, then prints (``QPrintDialog``) or exports a PDF. "Xem trước…" opens Qt's
full print preview window.

Data comes from :mod:`app.services.certificates` through the screen's context; drawing is
:mod:`app.ui.certificate_render`, the same code ``tdkt export certificates`` runs.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, Qt, QTimer, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QImage, QKeySequence
from PySide6.QtPrintSupport import (
    QPrintDialog,
    QPrinter,
    QPrinterInfo,
    QPrintPreviewDialog,
    QPrintPreviewWidget,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.domain.certificate_layout import MAX_OFFSET_MM, Calibration, CertificateLayout
from app.domain.errors import DomainError, ValidationError
from app.domain.vnformat import format_count
from app.services import certificate_settings as machine
from app.services import certificates as svc
from app.ui.certificate_render import (
    load_backgrounds,
    page_layout,
    render_batch,
    render_test_page,
    write_pdf,
    write_test_page_pdf,
)
from app.ui.screens.decisions.certificate_lines import (
    COL_C_AWARD,
    COL_C_LAYOUT,
    COL_C_NAME,
    CertificateLineModel,
)
from app.ui.screens.units.people_model import make_table

if TYPE_CHECKING:
    from app.ui.screens.decisions.screen import DecisionsScreen

_CONTEXT = "CertificatesDialog"
BY_AWARD = ""  # the layout combo's first entry: each line takes the blank of its award


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def _problems(exc: DomainError) -> list[str]:
    return exc.problems if isinstance(exc, ValidationError) else [str(exc)]


class CertificatesDialog(QDialog):
    """Choose, preview, print or export the certificates of one decision."""

    def __init__(
        self,
        source: svc.CertificateSource,
        build: Callable[[list[int], str | None, str], svc.CertificateBatch],
        save_wording: Callable[[str], str],
        parent: QWidget | None = None,
        *,
        current_id: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_tr("In giấy khen, bằng khen - {label}").format(label=source.label))
        self.source = source
        self._build = build
        self._save_wording = save_wording
        self.layouts: dict[str, CertificateLayout] = {}
        self.batch: svc.CertificateBatch | None = None
        self.warnings: list[str] = []
        self._backgrounds: dict[str, QImage | None] = {}
        self.full_preview_dialog: QPrintPreviewDialog | None = None
        self._note = ""
        self._summary: list[str] = []

        # --- the lines
        self.model = CertificateLineModel(
            lambda code: self._layout_name(self.chosen_layout() or code), self
        )
        self.view, self.proxy = make_table(self.model, sort_column=-1, stretch=COL_C_NAME)
        self.view.setObjectName("certificateLines")
        self.all_button = QPushButton(_tr("Chọn &tất cả"))
        self.none_button = QPushButton(_tr("&Bỏ chọn hết"))
        self.one_button = QPushButton(_tr("C&hỉ dòng này"))
        for button, name in (
            (self.all_button, "allButton"),
            (self.none_button, "noneButton"),
            (self.one_button, "oneButton"),
        ):
            button.setObjectName(name)
        pick = QHBoxLayout()
        for button in (self.all_button, self.none_button, self.one_button):
            pick.addWidget(button)
        pick.addStretch(1)

        # --- what goes on the sheets
        self.layout_combo = QComboBox()
        self.layout_combo.setObjectName("layoutCombo")
        self.wording_edit = QLineEdit(source.wording)
        self.wording_edit.setObjectName("wordingEdit")
        self.wording_edit.setToolTip(
            _tr(
                "Lời thành tích in trên giấy khen; {period} là 'năm 2025' hoặc 'giai đoạn ...', "
                "{award} là tên hình thức. Để trống: lời của mẫu phôi."
            )
        )
        self.save_wording_button = QPushButton(_tr("Lưu cho &quyết định"))
        self.save_wording_button.setObjectName("saveWordingButton")
        wording_row = QHBoxLayout()
        wording_row.addWidget(self.wording_edit, 1)
        wording_row.addWidget(self.save_wording_button)
        self.edit_layouts_button = QPushButton(_tr("Sửa mẫ&u phôi…"))
        self.edit_layouts_button.setObjectName("editLayoutsButton")
        self.reload_button = QPushButton(_tr("Tải lại mẫu"))
        self.reload_button.setObjectName("reloadLayoutsButton")
        layout_row = QHBoxLayout()
        layout_row.addWidget(self.layout_combo, 1)
        layout_row.addWidget(self.edit_layouts_button)
        layout_row.addWidget(self.reload_button)

        # --- the printer and its offsets, the blank's scan
        self.printer_combo = QComboBox()
        self.printer_combo.setObjectName("printerCombo")
        default = QPrinterInfo.defaultPrinterName()
        for name in QPrinterInfo.availablePrinterNames():
            self.printer_combo.addItem(name, name)
        self.printer_combo.addItem(_tr("Tệp PDF"), machine.PDF_TARGET)
        found = self.printer_combo.findData(default) if default else -1
        self.printer_combo.setCurrentIndex(found if found >= 0 else 0)
        self.x_spin = self._offset_spin("offsetX")
        self.y_spin = self._offset_spin("offsetY")
        self.save_offsets_button = QPushButton(_tr("Lưu &căn lề"))
        self.save_offsets_button.setObjectName("saveOffsetsButton")
        self.test_page_button = QPushButton(_tr("In t&rang thử…"))
        self.test_page_button.setToolTip(
            _tr("Lưới milimét, thước và khung các trường, để đo độ lệch của máy in")
        )
        self.test_page_button.setObjectName("testPageButton")
        offsets = QHBoxLayout()
        x_label = QLabel(_tr("Lệch n&gang:"))
        x_label.setBuddy(self.x_spin)
        y_label = QLabel(_tr("Lệch &dọc:"))
        y_label.setBuddy(self.y_spin)
        for widget in (x_label, self.x_spin, y_label, self.y_spin):
            offsets.addWidget(widget)
        offsets.addWidget(self.save_offsets_button)
        offsets.addWidget(self.test_page_button)
        offsets.addStretch(1)
        self.background_edit = QLineEdit()
        self.background_edit.setObjectName("backgroundEdit")
        self.background_edit.setReadOnly(True)
        self.background_edit.setPlaceholderText(_tr("(chưa có: xem trước trên khung phôi vẽ sẵn)"))
        self.background_button = QPushButton(_tr("Chọn ả&nh quét…"))
        self.background_button.setObjectName("backgroundButton")
        self.clear_background_button = QPushButton(_tr("Bỏ ảnh"))
        self.clear_background_button.setObjectName("clearBackgroundButton")
        background_row = QHBoxLayout()
        background_row.addWidget(self.background_edit, 1)
        background_row.addWidget(self.background_button)
        background_row.addWidget(self.clear_background_button)

        form = QFormLayout()
        for text, buddy, row in (
            (_tr("&Mẫu phôi:"), self.layout_combo, layout_row),
            (_tr("&Lời thành tích:"), self.wording_edit, wording_row),
            (_tr("Má&y in:"), self.printer_combo, self.printer_combo),
        ):
            label = QLabel(text)
            label.setBuddy(buddy)
            form.addRow(label, row)
        form.addRow(_tr("Căn lề:"), offsets)
        form.addRow(_tr("Ảnh quét phôi:"), background_row)

        self.message_label = QLabel()
        self.message_label.setObjectName("messageLabel")
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        # --- the preview
        self.preview_printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        self.preview = QPrintPreviewWidget(self.preview_printer, self)
        self.preview.setObjectName("certificatePreview")
        self.preview.paintRequested.connect(self._paint_preview)
        self.preview.fitInView()

        self.full_preview_button = QPushButton(_tr("&Xem trước…"))
        self.full_preview_button.setObjectName("fullPreviewButton")
        self.pdf_button = QPushButton(_tr("Xuất &PDF…"))
        self.pdf_button.setObjectName("pdfButton")
        self.print_button = QPushButton(_tr("&In…"))
        self.print_button.setObjectName("printButton")
        self.close_button = QPushButton(_tr("Đóng"))
        self.close_button.setObjectName("closeButton")
        buttons = QHBoxLayout()
        buttons.addWidget(self.full_preview_button)
        buttons.addStretch(1)
        for button in (self.pdf_button, self.print_button, self.close_button):
            buttons.addWidget(button)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(pick)
        left_layout.addWidget(self.view, 1)
        left_layout.addLayout(form)
        left_layout.addWidget(self.message_label)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.preview)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)
        main = QVBoxLayout(self)
        main.addWidget(splitter, 1)
        main.addLayout(buttons)
        self.resize(1200, 720)

        # a change is previewed once the clerk pauses (spin boxes step many times)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(200)
        self._timer.timeout.connect(self.refresh_preview)

        for button in self.findChildren(QPushButton):  # Enter in a field previews, not prints
            button.setAutoDefault(False)
        self._load_layouts()
        self.model.set_rows(source.lines)
        self.view.resizeColumnsToContents()
        for column in (COL_C_AWARD, COL_C_LAYOUT):  # the names take the room
            self.view.setColumnWidth(column, min(self.view.columnWidth(column), 120))
        self._load_offsets()
        if current_id is not None:
            self._select(current_id)
        # Space ticks or unticks the line under the cursor, whichever cell has the focus
        self.toggle_action = QAction(_tr("Chọn / bỏ chọn dòng"), self.view)
        self.toggle_action.setShortcut(QKeySequence(Qt.Key.Key_Space))
        self.toggle_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.view.addAction(self.toggle_action)
        self.toggle_action.triggered.connect(lambda _c=False: self.toggle_current())
        self.all_button.clicked.connect(lambda: self._check(lambda _line: True))
        self.none_button.clicked.connect(lambda: self._check(lambda _line: False))
        self.one_button.clicked.connect(self.only_current)
        self.model.dataChanged.connect(lambda *_: self._later())
        self.layout_combo.currentIndexChanged.connect(lambda _i: self._layout_changed())
        self.wording_edit.editingFinished.connect(self._later)
        self.save_wording_button.clicked.connect(self.save_wording)
        self.edit_layouts_button.clicked.connect(self.edit_layouts)
        self.reload_button.clicked.connect(self.reload_layouts)
        self.printer_combo.currentIndexChanged.connect(lambda _i: self._load_offsets())
        self.x_spin.valueChanged.connect(lambda _v: self._later())
        self.y_spin.valueChanged.connect(lambda _v: self._later())
        self.save_offsets_button.clicked.connect(self.save_offsets)
        self.test_page_button.clicked.connect(self.test_page)
        self.background_button.clicked.connect(self.choose_background)
        self.clear_background_button.clicked.connect(lambda: self._set_background(""))
        self.full_preview_button.clicked.connect(self.full_preview)
        self.pdf_button.clicked.connect(self.export_pdf)
        self.print_button.clicked.connect(self.print_sheets)
        self.close_button.clicked.connect(self.reject)
        self.view.setFocus()
        self.refresh_preview()

    @staticmethod
    def _offset_spin(name: str) -> QDoubleSpinBox:
        spin = QDoubleSpinBox()
        spin.setObjectName(name)
        spin.setRange(-MAX_OFFSET_MM, MAX_OFFSET_MM)
        spin.setDecimals(1)
        spin.setSingleStep(0.5)
        spin.setSuffix(" mm")
        return spin

    # --- choices --------------------------------------------------------------------------

    def _layout_name(self, code: str | None) -> str:
        if code is None:
            return _tr("(chưa có mẫu)")
        layout = self.layouts.get(code)
        return layout.name if layout is not None else code

    def _load_layouts(self) -> None:
        try:
            self.layouts = svc.certificate_layouts()
        except DomainError as exc:
            self.layouts = {}
            self._show_messages(_problems(exc))
        chosen = self.layout_combo.currentData()
        self.layout_combo.blockSignals(True)
        self.layout_combo.clear()
        self.layout_combo.addItem(_tr("Theo hình thức khen thưởng của từng dòng"), BY_AWARD)
        for code, layout in self.layouts.items():
            self.layout_combo.addItem(f"{layout.name} ({code})", code)
        found = self.layout_combo.findData(chosen) if chosen else 0
        self.layout_combo.setCurrentIndex(max(found, 0))
        self.layout_combo.blockSignals(False)
        self._layout_changed(refresh=False)

    def chosen_layout(self) -> str | None:
        return self.layout_combo.currentData() or None

    def current_layout(self) -> CertificateLayout | None:
        """The blank the scan and the test page are for: the chosen one, else the one of the
        line under the cursor, else the first."""
        code = self.chosen_layout()
        if code is None:
            line = self._current_line()
            code = line.layout_code if line is not None else None
        if code is None:
            code = next((ln.layout_code for ln in self.source.lines if ln.layout_code), None)
        if code is None and self.layouts:
            code = next(iter(self.layouts))
        return self.layouts.get(code or "")

    def _layout_changed(self, *, refresh: bool = True) -> None:
        layout = self.current_layout()
        line = self._current_line()
        award = line.award_code if line is not None else ""
        placeholder = layout.wording_for(award) if layout is not None else ""
        self.wording_edit.setPlaceholderText(placeholder or _tr("(lời theo danh mục)"))
        self.background_edit.setText(
            machine.get_background(layout.code) if layout is not None else ""
        )
        self.background_button.setEnabled(layout is not None)
        self.clear_background_button.setEnabled(layout is not None)
        if refresh and self.model.rowCount():
            column = self.model.columnCount() - 1
            last = self.model.index(self.model.rowCount() - 1, column)
            self.model.dataChanged.emit(self.model.index(0, column), last)

    def _current_line(self) -> svc.CertificateLine | None:
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        line: svc.CertificateLine = self.model.rows()[self.proxy.mapToSource(index).row()]
        return line

    def _select(self, recipient_id: int) -> None:
        row = self.model.row_of(recipient_id)
        if row is None:
            return
        index = self.proxy.mapFromSource(self.model.index(row, COL_C_NAME))
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self.view.selectionModel().setCurrentIndex(index, flags)

    def _check(self, wanted: Callable[[svc.CertificateLine], bool]) -> None:
        self.model.set_checked(wanted)
        self.refresh_preview()

    def toggle_current(self) -> None:
        line = self._current_line()
        if line is None or line.revoked:
            return
        ticked = set(self.model.checked_ids())
        ticked ^= {line.recipient_id}
        self._check(lambda other: other.recipient_id in ticked)

    def only_current(self) -> None:
        line = self._current_line()
        if line is None:
            return
        self._check(lambda other: other.recipient_id == line.recipient_id)

    def printer_name(self) -> str:
        return str(self.printer_combo.currentData() or machine.PDF_TARGET)

    def calibration(self) -> Calibration:
        return Calibration(round(self.x_spin.value(), 2), round(self.y_spin.value(), 2))

    def _load_offsets(self) -> None:
        cal = machine.get_calibration(self.printer_name())
        for spin, value in ((self.x_spin, cal.x_mm), (self.y_spin, cal.y_mm)):
            spin.blockSignals(True)
            spin.setValue(value)
            spin.blockSignals(False)
        self._later()

    # --- the sheets and the preview -------------------------------------------------------

    def _later(self) -> None:
        self._timer.start()

    def _show_messages(self, messages: list[str]) -> None:
        """What the preview holds now (pages, warnings, why nothing prints)."""
        self._summary = list(messages)
        self._show()

    def _say(self, note: str) -> None:
        """What the clerk's last action did (kept above the preview's summary)."""
        self._note = note
        self._show()

    def _show(self) -> None:
        lines = [self._note] if self._note else []
        self.message_label.setText("\n".join(f"• {m}" for m in [*lines, *self._summary]))

    def build_batch(self) -> svc.CertificateBatch | None:
        """The sheets ticked now (None, with the reason shown, when there are none)."""
        ids = self.model.checked_ids()
        if not ids:
            self._show_messages([_tr("Chưa chọn dòng nào để in.")])
            return None
        try:
            return self._build(ids, self.chosen_layout(), self.wording_edit.text())
        except DomainError as exc:
            self._show_messages(_problems(exc))
            return None

    def refresh_preview(self) -> None:
        self._timer.stop()
        self.batch = self.build_batch()
        if self.batch is not None:
            self._backgrounds = load_backgrounds(self.batch.layouts)
        self.preview.updatePreview()

    def _paint_preview(self, printer: QPrinter) -> None:
        """Draw the sheets for a preview (the pane's or Qt's window), and say what it holds."""
        if self.batch is None:
            return
        printer.setFullPage(True)
        result = render_batch(
            printer, self.batch, self.calibration(), backgrounds=self._backgrounds
        )
        self.warnings = list(result.warnings)
        count = _tr("{n} trang sẽ in.").format(n=format_count(self.batch.count))
        self._show_messages([count, *self.warnings])

    def full_preview(self) -> None:
        """Qt's print preview window (zoom, page by page), the same drawing as the pane."""
        if self.batch is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintPreviewDialog(printer, self)
        dialog.setWindowTitle(self.windowTitle())
        dialog.paintRequested.connect(self._paint_preview)
        self.full_preview_dialog = dialog
        try:
            dialog.exec()
        finally:
            self.full_preview_dialog = None
            dialog.deleteLater()

    # --- output ---------------------------------------------------------------------------

    def _printer(self) -> QPrinter | None:
        """A printer chosen in Qt's print dialog, set for the blank's paper (None: cancelled)."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if self.printer_name() != machine.PDF_TARGET:
            printer.setPrinterName(self.printer_name())
        printer.setFullPage(True)
        layout = self.current_layout()
        if layout is not None:
            printer.setPageLayout(page_layout(layout))
        dialog = QPrintDialog(printer, self)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
        finally:
            dialog.deleteLater()
        return printer

    def _offsets_for(self, printer: QPrinter) -> Calibration:
        """The offsets shown when the clerk kept the printer, else the chosen one's saved ones."""
        name = printer.printerName()
        if not name or name == self.printer_name():
            return self.calibration()
        return machine.get_calibration(name)

    def print_sheets(self) -> None:
        batch = self.build_batch()
        if batch is None:
            return
        printer = self._printer()
        if printer is None:
            return
        result = render_batch(printer, batch, self._offsets_for(printer))
        self._done(
            _tr("Đã gửi {n} trang tới máy in.").format(n=format_count(result.pages)),
            result.warnings,
        )

    def export_pdf(self) -> None:
        batch = self.build_batch()
        if batch is None:
            return
        number = self.source.number.split("/")[0] or "qd"
        suggested = "giay-khen-" + "".join(ch if ch.isalnum() else "-" for ch in number)
        path, _filter = QFileDialog.getSaveFileName(
            self, _tr("Xuất giấy khen ra PDF"), suggested + ".pdf", _tr("Tệp PDF (*.pdf)")
        )
        if not path:
            return
        target = Path(path if path.lower().endswith(".pdf") else path + ".pdf")
        try:
            result = write_pdf(target, batch, self.calibration())
        except OSError as exc:
            QMessageBox.warning(self, self.windowTitle(), str(exc))
            return
        self._done(
            _tr("Đã xuất {n} trang ra {path}.").format(n=format_count(result.pages), path=target),
            result.warnings,
        )

    def _done(self, text: str, warnings: tuple[str, ...]) -> None:
        self._say(text)
        QMessageBox.information(
            self,
            self.windowTitle(),
            text + ("\n\n" + "\n".join(f"• {w}" for w in warnings) if warnings else ""),
        )

    # --- calibration, scans, layouts, wording ---------------------------------------------

    def save_offsets(self) -> None:
        try:
            cal = machine.save_calibration(self.printer_name(), self.calibration())
        except DomainError as exc:
            QMessageBox.warning(self, self.windowTitle(), "\n".join(_problems(exc)))
            return
        text = _tr("Đã lưu căn lề cho {printer} trên máy này: ngang {x:+g} mm, dọc {y:+g} mm.")
        self._say(text.format(printer=self.printer_combo.currentText(), x=cal.x_mm, y=cal.y_mm))

    def test_page(self) -> None:
        layout = self.current_layout()
        if layout is None:
            return
        if self.printer_name() == machine.PDF_TARGET:
            path, _filter = QFileDialog.getSaveFileName(
                self, _tr("Trang thử căn lề"), "trang-thu-can-le.pdf", _tr("Tệp PDF (*.pdf)")
            )
            if not path:
                return
            try:
                write_test_page_pdf(Path(path), layout, self.calibration())
            except OSError as exc:
                QMessageBox.warning(self, self.windowTitle(), str(exc))
            return
        printer = self._printer()
        if printer is not None:
            render_test_page(printer, layout, self._offsets_for(printer), printer.printerName())

    def choose_background(self) -> None:
        layout = self.current_layout()
        if layout is None:
            return
        path, _filter = QFileDialog.getOpenFileName(
            self,
            _tr("Ảnh quét phôi {name}").format(name=layout.name),
            "",
            _tr("Ảnh (*.png *.jpg *.jpeg *.bmp *.tif *.tiff)"),
        )
        if path:
            self._set_background(path)

    def _set_background(self, path: str) -> None:
        layout = self.current_layout()
        if layout is None:
            return
        try:
            machine.save_background(layout.code, path)
        except DomainError as exc:
            QMessageBox.warning(self, self.windowTitle(), "\n".join(_problems(exc)))
            return
        self.background_edit.setText(path)
        self.refresh_preview()

    def edit_layouts(self) -> None:
        """Open the data folder's layout file (a copy of the shipped one the first time)."""
        try:
            path = svc.editable_layouts_file()
        except OSError as exc:
            QMessageBox.warning(self, self.windowTitle(), str(exc))
            return
        self._say(_tr("Tệp mẫu phôi: {path}. Sửa, lưu rồi bấm 'Tải lại mẫu'.").format(path=path))
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def reload_layouts(self) -> None:
        self._load_layouts()
        self.refresh_preview()

    def save_wording(self) -> None:
        try:
            saved = self._save_wording(self.wording_edit.text())
        except DomainError as exc:
            QMessageBox.warning(self, self.windowTitle(), "\n".join(_problems(exc)))
            return
        self.wording_edit.setText(saved)
        self._say(
            _tr("Đã lưu lời thành tích cho quyết định.")
            if saved
            else _tr("Đã bỏ lời riêng: dùng lời của mẫu phôi.")
        )
        self.refresh_preview()


def print_certificates(screen: DecisionsScreen) -> None:
    """Open the dialog for the decision the screen shows (a message says why it cannot)."""
    d = screen.detail
    if d is None:
        return
    title = _tr("In giấy khen, bằng khen")
    if screen.dialog is not None:
        screen.dialog.activateWindow()
        return
    try:
        source = screen.ctx.read(svc.certificate_source, d.id)
    except DomainError as exc:
        QMessageBox.warning(screen, title, "\n".join(_problems(exc)))
        return
    if source.problem:
        QMessageBox.information(screen, title, source.problem)
        return
    line = screen.pane.current_line()

    def build(ids: list[int], layout: str | None, wording: str) -> svc.CertificateBatch:
        return screen.ctx.read(
            svc.certificate_batch, d.id, recipient_ids=ids, layout_code=layout, wording=wording
        )

    def save(text: str) -> str:
        return screen.ctx.write(svc.save_decision_wording, d.id, text)

    dialog = CertificatesDialog(
        source, build, save, screen, current_id=line.id if line is not None else None
    )
    dialog.finished.connect(lambda _result: screen._closed(dialog))
    screen.dialog = dialog
    dialog.open()
