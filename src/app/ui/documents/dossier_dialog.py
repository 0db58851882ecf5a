"""Hồ sơ: the files kept in the database for a decision, a Council session, a person or a
collective (issue 21): listed, added (PDF, Word, Excel, JPEG, PNG up to the size set), opened
(a copy in a temporary folder), removed, exported as a folder or a ZIP file."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.file_types import accepted_names
from app.domain.vnformat import format_count, format_date
from app.services import attachments
from app.services.attachments import AttachmentInfo
from app.services.context import AppContext
from app.ui.widgets.confirm import confirm_delete

__all__ = ["DossierDialog", "DossierModel"]

_CONTEXT = "DossierDialog"
OBJECT_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMNS = ("Tên tệp", "Loại", "Dung lượng", "Ghi chú", "Ngày đính kèm", "Người đính kèm")


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


class DossierModel(QAbstractTableModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[AttachmentInfo] = []

    def set_rows(self, rows: list[AttachmentInfo]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | None = None) -> int:  # type: ignore[override]
        return 0 if parent is not None and parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | None = None) -> int:  # type: ignore[override]
        return len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _tr(COLUMNS[section])
        return None

    def data(self, index: QModelIndex, role: int = 0) -> Any:  # type: ignore[override]
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == OBJECT_ROLE:
            return row
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        when = format_date(row.created_at.date()) if row.created_at else ""
        values = (row.file_name, row.kind_name, row.size_text, row.note, when, row.created_by)
        return values[index.column()]


class DossierDialog(QDialog):
    def __init__(
        self, ctx: AppContext, owner_kind: str, owner_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.owner = (owner_kind, owner_id)
        self.title = ctx.read(attachments.owner_title, owner_kind, owner_id)
        self.setWindowTitle(self.title)
        self.model = DossierModel(self)
        self.view = QTableView()
        self.view.setObjectName("dossierView")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.view.doubleClicked.connect(lambda _i: self.open_current())
        hint = QLabel(
            _tr("Nhận: {kinds}; tối đa {mb} MB một tệp. Tệp lưu trong cơ sở dữ liệu.").format(
                kinds=accepted_names(), mb=ctx.read(attachments.max_attachment_bytes) // 2**20
            )
        )
        hint.setWordWrap(True)
        self.add_button = QPushButton(_tr("&Thêm tệp…"))
        self.add_button.clicked.connect(self.add_files)
        self.open_button = QPushButton(_tr("&Mở"))
        self.open_button.clicked.connect(self.open_current)
        self.remove_button = QPushButton(_tr("&Xóa"))
        self.remove_button.clicked.connect(self.remove_current)
        self.folder_button = QPushButton(_tr("Xuất &thư mục…"))
        self.folder_button.clicked.connect(self.export_folder)
        self.zip_button = QPushButton(_tr("Xuất tệp &ZIP…"))
        self.zip_button.clicked.connect(self.export_zip)
        self.status = QLabel()
        self.status.setObjectName("dossierStatus")
        self.status.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        row = QHBoxLayout()
        for button in (
            self.add_button,
            self.open_button,
            self.remove_button,
            self.folder_button,
            self.zip_button,
        ):
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.view)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(close)
        self.resize(760, 380)
        self.reload()

    def reload(self) -> None:
        self.model.set_rows(self.ctx.read(attachments.list_attachments, *self.owner))
        has = bool(self.model.rows)
        for button in (self.open_button, self.remove_button, self.folder_button, self.zip_button):
            button.setEnabled(has)
        if has:
            self.view.selectRow(0)

    def current(self) -> AttachmentInfo | None:
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        found: AttachmentInfo = self.model.data(index, OBJECT_ROLE)
        return found

    def _fail(self, message: str) -> None:
        self.status.setText(message)
        QMessageBox.warning(self, self.title, message)

    def add_paths(self, paths: list[Path]) -> int:
        added = 0
        for path in paths:
            try:
                self.ctx.write(attachments.add_file, *self.owner, path)
                added += 1
            except Exception as exc:  # a refused file: the others are still added
                self._fail(str(exc))
        self.reload()
        if added:
            self.status.setText(_tr("Đã thêm {n} tệp vào hồ sơ.").format(n=format_count(added)))
        return added

    def add_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self,
            _tr("Chọn tệp đính kèm"),
            "",
            _tr("Hồ sơ (*.pdf *.docx *.doc *.xlsx *.jpg *.jpeg *.png);;Mọi tệp (*)"),
        )
        if names:
            self.add_paths([Path(n) for n in names])

    def open_current(self) -> Path | None:
        info = self.current()
        if info is None:
            return None
        _info, content = self.ctx.read(attachments.attachment_content, info.id)
        folder = Path(tempfile.mkdtemp(prefix="tdkt-ho-so-"))
        path = folder / info.file_name
        path.write_bytes(content)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        return path

    def remove_current(self) -> None:
        info = self.current()
        if info is None:
            return
        question = _tr("Xóa tệp “{name}” khỏi hồ sơ?").format(name=info.file_name)
        if not confirm_delete(self, self.title, question):
            return
        try:
            self.ctx.write(attachments.remove_attachment, info.id, owner=self.owner)
        except Exception as exc:
            self._fail(str(exc))
        self.reload()

    def export_to(self, target: Path) -> Path | None:
        try:
            dossier = self.ctx.read(attachments.owner_dossier, *self.owner)
            written = self.ctx.read(attachments.export_dossier, dossier, target)
        except Exception as exc:
            self._fail(str(exc))
            return None
        self.status.setText(_tr("Đã xuất hồ sơ ra {path}").format(path=written))
        return written

    def export_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, _tr("Chọn thư mục để xuất hồ sơ"))
        if folder:
            dossier = self.ctx.read(attachments.owner_dossier, *self.owner)
            self.export_to(Path(folder) / dossier.folder_name)

    def export_zip(self) -> None:
        dossier = self.ctx.read(attachments.owner_dossier, *self.owner)
        start = str(Path.home() / f"{dossier.folder_name}.zip")
        path, _ = QFileDialog.getSaveFileName(self, _tr("Xuất hồ sơ"), start, _tr("ZIP (*.zip)"))
        if path:
            self.export_to(Path(path if path.lower().endswith(".zip") else path + ".zip"))
