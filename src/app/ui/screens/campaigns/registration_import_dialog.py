"""Reading a unit's sign-up workbook back (GUI side of `tdkt import registrations`).

Check first (a dry run that writes nothing), show the changes against what is stored and
every problem by row and column, then write all or nothing after a backup.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.excel.registration_import import parse_registration_workbook
from app.excel.workbook import ImportFileError
from app.services.context import AppContext
from app.services.reference import catalogue, codes
from app.services.registration_import import RegistrationImportReport, import_registrations
from app.ui.tasks import ProgressFn, TaskRunner

_CONTEXT = "RegistrationImport"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


class RegistrationImportDialog(QDialog):
    """Pick a workbook, check it, then write it. ``imported`` carries the written report."""

    imported = Signal(object)

    def __init__(
        self, ctx: AppContext, runner: TaskRunner, year: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.runner = runner
        self.year = year
        self.preview: RegistrationImportReport | None = None
        self.report: RegistrationImportReport | None = None
        self.setWindowTitle(_tr("Nhập bản đăng ký thi đua năm {year}").format(year=year))
        self.resize(760, 520)

        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText(_tr("Tệp .xlsx đơn vị gửi về"))
        self.path_edit.textChanged.connect(self._path_changed)
        browse = QPushButton(_tr("&Chọn tệp…"))
        browse.clicked.connect(self.browse)
        self.check_button = QPushButton(_tr("&Kiểm tra"))
        self.check_button.clicked.connect(self.check)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        row.addWidget(self.check_button)
        self.status_label = QLabel(
            _tr("Chọn tệp rồi bấm Kiểm tra: chưa ghi gì cho đến khi bấm Ghi vào CSDL.")
        )
        self.status_label.setWordWrap(True)
        self.report_view = QPlainTextEdit()
        self.report_view.setReadOnly(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.write_button = self.buttons.addButton(
            _tr("&Ghi vào CSDL"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.write_button.setEnabled(False)
        self.write_button.clicked.connect(self.write)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.status_label)
        layout.addWidget(self.report_view, 1)
        layout.addWidget(self.buttons)

    def browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, _tr("Chọn bản đăng ký"), "", _tr("Excel (*.xlsx *.xlsm)")
        )
        if path:
            self.path_edit.setText(path)
            self.check()

    def _path_changed(self, _text: str) -> None:
        self.preview = None
        self.write_button.setEnabled(False)

    def _run(self, dry_run: bool) -> RegistrationImportReport | None:
        path = Path(self.path_edit.text().strip())
        try:
            book = parse_registration_workbook(path, catalogue(), codes())
        except (ImportFileError, ValueError) as exc:
            self.status_label.setText(str(exc))
            self.report_view.clear()
            return None

        def work(progress: ProgressFn) -> RegistrationImportReport:
            if dry_run:  # a read-only session: nothing can be committed
                return self.ctx.read(import_registrations, book, self.year, dry_run=True)
            if self.ctx.file is not None:
                from app.services.backup import backup_database

                progress(_tr("Đang sao lưu cơ sở dữ liệu…"), 0.1)
                backup_database(self.ctx.url, reason="truoc-nhap")
            progress(_tr("Đang ghi vào cơ sở dữ liệu…"), 0.3)
            return self.ctx.write(import_registrations, book, self.year, dry_run=False)

        outcome = self.runner.run(_tr("Nhập bản đăng ký thi đua"), work, self)
        if outcome.error is not None:
            self.status_label.setText(_tr("Không nhập được: {error}").format(error=outcome.error))
            return None
        if outcome.value is None:
            return None
        self.report_view.setPlainText("\n".join(outcome.value.lines()))
        return outcome.value

    def check(self) -> RegistrationImportReport | None:
        self.preview = self._run(dry_run=True)
        ok = self.preview is not None and not self.preview.blocked
        self.write_button.setEnabled(ok)
        if self.preview is not None:
            self.status_label.setText(
                _tr("Có thể ghi vào CSDL.")
                if ok
                else _tr("Còn lỗi: sửa trong tệp rồi kiểm tra lại; chưa ghi gì.")
            )
        return self.preview

    def write(self) -> None:
        if self.preview is None or self.preview.blocked:
            return
        report = self._run(dry_run=False)
        self.write_button.setEnabled(False)
        if report is None:
            return
        if report.written:
            self.report = report
            self.status_label.setText(_tr("Đã ghi vào CSDL."))
            self.imported.emit(report)
        else:
            self.status_label.setText(
                _tr("Dữ liệu đã thay đổi từ lúc kiểm tra; chưa ghi gì. Xem lại các lỗi.")
            )
