"""Backups in "Danh mục & cài đặt": the list of copies, back up now, restore, folder, retention.

A restore replaces the database file the program has open. The screens keep what they loaded
(lists, forms, ids) and the file may be of an older schema, so the program does not go on with
it: the main window is disabled during the restore, a modal message tells the clerk to open the
program again, and the program then closes (the next start upgrades the schema if needed and
loads the restored data). Nothing can write to the restored file meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import DomainError, ValidationError
from app.services import backup as backups
from app.services.context import AppContext

_CONTEXT = "BackupsPanel"
COLUMNS = ("Ngày giờ", "Loại", "Dung lượng", "Tệp")


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def size_text(size: int) -> str:
    """A file size the way it is written in Vietnamese (decimal comma): ``1,5 MB``."""
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            text = f"{value:.0f}" if unit == "B" or value >= 100 else f"{value:.1f}"
            return f"{text.replace('.', ',')} {unit}"
        value /= 1024
    return f"{size} B"  # not reached


def when_text(moment: datetime) -> str:
    return moment.strftime("%d/%m/%Y %H:%M:%S")


class BackupsPanel(QGroupBox):
    """The backups of the SQLite database in use, and the settings of where and how many."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(_tr("Sao lưu và khôi phục dữ liệu"), parent)
        self.setObjectName("backupsPanel")
        self.ctx = ctx
        self.backups: list[backups.BackupInfo] = []
        # What happens after a restore; tests replace it (closing the application there
        # would end the test run).
        self.close_program: Callable[[], None] = self._close_program
        self.is_sqlite = ctx.file is not None
        # Opened read-only because another program holds the file: copies can still be made,
        # but a restore would replace the file under that program.
        self.read_only = bool(getattr(ctx, "read_only", False))

        layout = QVBoxLayout(self)
        self.folder_label = QLabel()
        self.folder_label.setObjectName("backupFolderLabel")
        self.folder_label.setWordWrap(True)
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problem_label = QLabel()
        self.problem_label.setObjectName("backupProblem")
        self.problem_label.setWordWrap(True)
        self.problem_label.setStyleSheet("color: #b00020;")
        self.problem_label.hide()

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("backupsTable")
        self.table.setHorizontalHeaderLabels([_tr(c) for c in COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setMinimumHeight(self.fontMetrics().height() * 12)
        header = self.table.horizontalHeader()
        for column in range(3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setAccessibleName(_tr("Các bản sao lưu"))
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemDoubleClicked.connect(lambda _item: self.restore_selected())

        self.backup_button = QPushButton(_tr("&Sao lưu ngay"))
        self.backup_button.setObjectName("backupNow")
        self.backup_button.setToolTip(_tr("Sao chép CSDL đang dùng vào thư mục sao lưu"))
        self.backup_button.clicked.connect(self.backup_now)
        self.restore_button = QPushButton(_tr("&Khôi phục…"))
        self.restore_button.setObjectName("restoreSelected")
        self.restore_button.setToolTip(_tr("Đưa dữ liệu về bản sao lưu đang chọn"))
        self.restore_button.clicked.connect(self.restore_selected)
        self.restore_file_button = QPushButton(_tr("Khôi phục từ &tệp khác…"))
        self.restore_file_button.clicked.connect(self.restore_from_file)
        self.open_folder_button = QPushButton(_tr("&Mở thư mục"))
        self.open_folder_button.clicked.connect(self.open_folder)
        self.refresh_button = QPushButton(_tr("Làm mớ&i"))
        self.refresh_button.clicked.connect(self.refresh)
        self.status_label = QLabel()
        self.status_label.setObjectName("backupStatus")
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QHBoxLayout()
        for button in (
            self.backup_button,
            self.restore_button,
            self.restore_file_button,
            self.open_folder_button,
            self.refresh_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)

        layout.addWidget(self.folder_label)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(self.status_label)
        layout.addWidget(self._build_settings())

        if not self.is_sqlite:
            note = QLabel(
                _tr(
                    "Cơ sở dữ liệu đang dùng nằm trên máy chủ (PostgreSQL): hãy sao lưu bằng "
                    "công cụ của máy chủ (pg_dump). Sao lưu trong chương trình chỉ dành cho "
                    "tệp SQLite."
                )
            )
            note.setWordWrap(True)
            layout.insertWidget(0, note)
            for widget in (
                self.backup_button,
                self.restore_button,
                self.restore_file_button,
                self.settings_box,
            ):
                widget.setEnabled(False)
        elif self.read_only:
            note = QLabel(
                _tr(
                    "Cơ sở dữ liệu đang mở ở chế độ chỉ đọc vì một chương trình khác đang dùng "
                    "nó: vẫn sao lưu được, nhưng chỉ khôi phục được từ chương trình đang giữ "
                    "cơ sở dữ liệu."
                )
            )
            note.setWordWrap(True)
            layout.insertWidget(0, note)
            self.restore_file_button.setEnabled(False)
        self.load_settings()
        self.refresh()

    # --- settings ----------------------------------------------------------------------------

    def _build_settings(self) -> QGroupBox:
        box = QGroupBox(_tr("Cài đặt sao lưu (của máy này)"))
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.folder_edit = QLineEdit()
        self.folder_edit.setObjectName("backupFolderEdit")
        self.folder_edit.setPlaceholderText(_tr("Để trống: thư mục backups trong thư mục dữ liệu"))
        self.folder_edit.setToolTip(
            _tr(
                "Có thể chọn ổ USB hoặc thư mục chia sẻ trên mạng; khi không dùng được, bản sao "
                "lưu được ghi vào thư mục mặc định"
            )
        )
        self.folder_edit.textEdited.connect(self._settings_edited)
        choose = QPushButton(_tr("&Chọn thư mục…"))
        choose.clicked.connect(self.choose_folder)
        default = QPushButton(_tr("Mặc đị&nh"))
        default.setToolTip(_tr("Dùng thư mục backups trong thư mục dữ liệu"))
        default.clicked.connect(self._use_default_folder)
        row = QHBoxLayout()
        row.addWidget(self.folder_edit, 1)
        row.addWidget(choose)
        row.addWidget(default)
        folder_label = QLabel(_tr("Thư mục sao lưu:"))
        folder_label.setBuddy(self.folder_edit)
        form.addRow(folder_label, row)

        self.daily_spin = QSpinBox()
        self.daily_spin.setObjectName("keepDaily")
        self.daily_spin.setRange(*backups.DAILY_RANGE)
        self.daily_spin.setSuffix(_tr(" ngày"))
        self.daily_spin.valueChanged.connect(self._settings_edited)
        self.monthly_spin = QSpinBox()
        self.monthly_spin.setObjectName("keepMonthly")
        self.monthly_spin.setRange(*backups.MONTHLY_RANGE)
        self.monthly_spin.setSuffix(_tr(" tháng"))
        self.monthly_spin.valueChanged.connect(self._settings_edited)
        daily_label = QLabel(_tr("Giữ bản hằng ngày của:"))
        daily_label.setBuddy(self.daily_spin)
        monthly_label = QLabel(_tr("Giữ một bản mỗi tháng của:"))
        monthly_label.setBuddy(self.monthly_spin)
        form.addRow(daily_label, self.daily_spin)
        form.addRow(monthly_label, self.monthly_spin)
        hint = QLabel(
            _tr(
                "Bản tự động (hằng ngày, trước khi nhập, trước khi nâng cấp) cũ hơn được xóa dần; "
                "bản sao lưu thủ công và bản giữ lại trước khi khôi phục không bao giờ bị tự xóa."
            )
        )
        hint.setWordWrap(True)
        form.addRow(hint)

        self.settings_error = QLabel()
        self.settings_error.setObjectName("backupSettingsErrors")
        self.settings_error.setWordWrap(True)
        self.settings_error.setStyleSheet("color: #b00020;")
        self.settings_status = QLabel()
        self.save_settings_button = QPushButton(_tr("Lư&u cài đặt sao lưu"))
        self.save_settings_button.setObjectName("saveBackupSettings")
        self.save_settings_button.clicked.connect(self.save_settings)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_settings_button)
        buttons.addWidget(self.settings_status, 1)
        form.addRow(self.settings_error)
        form.addRow(buttons)
        self.settings_box = box
        return box

    def load_settings(self) -> None:
        saved = backups.get_backup_settings()
        self.folder_edit.setText(saved.folder)
        for spin, value in (
            (self.daily_spin, saved.keep_daily),
            (self.monthly_spin, saved.keep_monthly),
        ):
            spin.blockSignals(True)
            spin.setValue(value)
            spin.blockSignals(False)
        self.settings_error.clear()
        self.settings_status.clear()

    def settings_values(self) -> backups.BackupSettings:
        return backups.BackupSettings(
            folder=self.folder_edit.text(),
            keep_daily=self.daily_spin.value(),
            keep_monthly=self.monthly_spin.value(),
        )

    def _settings_edited(self, *_args: object) -> None:
        self.settings_status.setText(_tr("Chưa lưu"))

    def _use_default_folder(self) -> None:
        self.folder_edit.clear()
        self._settings_edited()

    def choose_folder(self) -> None:
        start = self.folder_edit.text().strip() or str(backups.backup_folder().active)
        chosen = QFileDialog.getExistingDirectory(self, _tr("Chọn thư mục sao lưu"), start)
        if chosen:
            self.folder_edit.setText(str(Path(chosen)))
            self._settings_edited()

    def save_settings(self) -> bool:
        try:
            saved = backups.save_backup_settings(self.settings_values())
        except ValidationError as exc:
            self.settings_error.setText("\n".join(f"• {p}" for p in exc.problems))
            self.settings_status.setText(_tr("Chưa lưu: còn lỗi"))
            return False
        self.settings_error.clear()
        self.folder_edit.setText(saved.folder)
        self.settings_status.setText(_tr("Đã lưu"))
        self.refresh()
        return True

    # --- the list -----------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        """Read the folder again each time the list comes into view: a backup made meanwhile
        (before an import, the day's first start) is listed."""
        super().showEvent(event)
        if not event.spontaneous():
            self.refresh()

    def refresh(self) -> None:
        where = backups.backup_folder()
        self.folder = where.active
        self.folder_label.setText(_tr("Thư mục sao lưu: {folder}").format(folder=where.active))
        self.problem_label.setText(where.problem or "")
        self.problem_label.setVisible(bool(where.problem))
        selected = self.selected_backup()
        self.backups = backups.list_backups(where.active)
        self.table.setRowCount(len(self.backups))
        for row, info in enumerate(self.backups):
            values = (when_text(info.created), info.kind, size_text(info.size), info.path.name)
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if column == 2:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                item.setToolTip(str(info.path))
                self.table.setItem(row, column, item)
        if selected is not None:
            self.select_path(selected.path)
        self._update_buttons()

    def selected_backup(self) -> backups.BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.backups):
            return None
        return self.backups[rows[0].row()]

    def select_path(self, path: Path) -> None:
        for row, info in enumerate(self.backups):
            if info.path == path:
                self.table.selectRow(row)
                return

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(
            self.is_sqlite and not self.read_only and self.selected_backup() is not None
        )

    def open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.folder)))

    # --- back up ------------------------------------------------------------------------------

    def backup_now(self) -> Path | None:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            made = backups.backup_database(self.ctx.url)
        except (DomainError, OSError) as exc:
            QGuiApplication.restoreOverrideCursor()
            QMessageBox.warning(
                self, _tr("Sao lưu"), _tr("Không sao lưu được.\n\n{reason}").format(reason=exc)
            )
            return None
        QGuiApplication.restoreOverrideCursor()
        self.refresh()
        self.select_path(made)
        self.status_label.setText(_tr("Đã sao lưu vào {path}").format(path=made))
        return made

    # --- restore ------------------------------------------------------------------------------

    def restore_selected(self) -> bool:
        info = self.selected_backup()
        if info is None or not self.is_sqlite or self.read_only:
            return False
        described = _tr("bản sao lưu ngày {date} lúc {time} ({kind})").format(
            date=info.created.strftime("%d/%m/%Y"),
            time=info.created.strftime("%H:%M:%S"),
            kind=info.kind.lower(),
        )
        return self._restore(info.path, described)

    def restore_from_file(self) -> bool:
        if not self.is_sqlite or self.read_only:
            return False
        chosen, _filter = QFileDialog.getOpenFileName(
            self,
            _tr("Chọn bản sao lưu để khôi phục"),
            str(self.folder),
            _tr("CSDL SQLite (*.sqlite *.db);;Mọi tệp (*)"),
        )
        if not chosen:
            return False
        path = Path(chosen)
        try:
            modified = datetime.fromtimestamp(path.stat().st_mtime)
        except OSError:
            modified = None
        described = _tr("tệp {name}").format(name=path.name)
        if modified is not None:
            described += _tr(" (ghi lần cuối ngày {date} lúc {time})").format(
                date=modified.strftime("%d/%m/%Y"), time=modified.strftime("%H:%M")
            )
        return self._restore(path, described)

    def _restore(self, source: Path, described: str) -> bool:
        question = _tr(
            "Khôi phục dữ liệu về {backup}?\n\n"
            "Mọi thay đổi sau thời điểm đó sẽ không còn trong cơ sở dữ liệu đang dùng. Dữ liệu "
            'hiện tại được giữ lại thành một bản sao lưu "Trước khi khôi phục" trong thư mục '
            "sao lưu, nên vẫn lấy lại được.\n\n"
            "Sau khi khôi phục, chương trình sẽ đóng lại; hãy mở lại chương trình để làm việc "
            "tiếp với dữ liệu đã khôi phục."
        ).format(backup=described)
        answer = QMessageBox.question(
            self,
            _tr("Khôi phục dữ liệu"),
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        window = self.window()
        window.setEnabled(False)  # nothing else starts while the file is being replaced
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            result = backups.restore_database(self.ctx.url, source)
        except (DomainError, OSError) as exc:
            QGuiApplication.restoreOverrideCursor()
            window.setEnabled(True)
            QMessageBox.warning(
                self,
                _tr("Khôi phục dữ liệu"),
                _tr("Không khôi phục được; dữ liệu đang dùng không thay đổi.\n\n{reason}").format(
                    reason=exc
                ),
            )
            self.refresh()
            return False
        QGuiApplication.restoreOverrideCursor()
        self.refresh()
        # A message box of a disabled window would be disabled too: enable the window for the
        # message (modal: nothing else can be clicked meanwhile), then close the program.
        window.setEnabled(True)
        QMessageBox.information(
            self,
            _tr("Đã khôi phục dữ liệu"),
            _tr(
                "Đã khôi phục dữ liệu từ {backup}.\n\n"
                "Dữ liệu trước khi khôi phục được giữ ở:\n{previous}\n\n"
                "Chương trình sẽ đóng lại bây giờ. Hãy mở lại chương trình để làm việc với dữ "
                "liệu đã khôi phục."
            ).format(backup=described, previous=result.previous_copy),
        )
        window.setEnabled(False)
        self.close_program()
        return True

    def _close_program(self) -> None:
        """Close the main window (saving its state) and end the program."""
        window = self.window()
        if window is not self:
            window.close()
        app = QApplication.instance()
        if app is not None:
            app.quit()
