"""Trợ giúp > Giới thiệu (F1): version, database in use, where the files are."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, qVersion
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app import APP_TITLE, __version__
from app.config import data_dir, log_file


def _tr(text: str) -> str:
    return QCoreApplication.translate("AboutDialog", text)


class AboutDialog(QDialog):
    def __init__(self, database: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_tr("Giới thiệu"))

        title = QLabel(APP_TITLE)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)

        purpose = QLabel(
            _tr(
                "Phần mềm hỗ trợ thường trực Hội đồng Thi đua - Khen thưởng của Sở Nông nghiệp và "
                "Môi trường: quản lý đơn vị, cán bộ, phong trào thi đua, bình xét, quyết định khen "
                "thưởng, báo cáo và biểu mẫu."
            )
        )
        purpose.setWordWrap(True)

        self.version_label = QLabel(__version__)
        self.database_label = QLabel(database)
        self.data_label = QLabel(str(data_dir()))
        self.log_label = QLabel(str(log_file()))
        qt_label = QLabel(qVersion())
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for label, field in (
            (_tr("Phiên bản:"), self.version_label),
            (_tr("Cơ sở dữ liệu:"), self.database_label),
            (_tr("Thư mục dữ liệu:"), self.data_label),
            (_tr("Tệp nhật ký:"), self.log_label),
            (_tr("Phiên bản Qt:"), qt_label),
        ):
            field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            field.setWordWrap(True)
            form.addRow(label, field)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(purpose)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)
        buttons.button(QDialogButtonBox.StandardButton.Close).setFocus()

    def text(self) -> str:
        """Everything the dialog says, for tests and for copying into a help request."""
        return "\n".join(label.text() for label in self.findChildren(QLabel))
