"""Agency names and signer printed on every form (Nghị định 30/2020 header and signatures)."""

from __future__ import annotations

from dataclasses import fields

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from app.domain.errors import ConflictError, ValidationError
from app.domain.settings import AgencySettings, validate_agency
from app.services.context import AppContext
from app.services.settings import agency_version, get_agency, save_agency

_CONTEXT = "AgencyForm"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


LABELS = {
    "parent_body": "Cơ quan chủ quản:",
    "agency": "Tên cơ quan:",
    "abbreviation": "Chữ viết tắt (số văn bản):",
    "place": "Địa danh:",
    "signer_authority": "Quyền hạn ký:",
    "signer_title": "Chức vụ người ký:",
    "signer_name": "Họ tên người ký:",
    "preparer_title": "Người lập biểu:",
}
HINTS = {
    "parent_body": "UBND TỈNH TUYÊN QUANG",
    "agency": "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG",
    "abbreviation": "SNNMT",
    "place": "Tuyên Quang",
    "signer_authority": "KT. GIÁM ĐỐC",
    "signer_title": "PHÓ GIÁM ĐỐC",
    "signer_name": "Nguyễn Văn A",
    "preparer_title": "NGƯỜI LẬP BIỂU",
}


class AgencyForm(QGroupBox):
    """Edit and save the agency settings; errors are listed in the box, nothing saved until valid."""

    saved = Signal(object)  # AgencySettings

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(_tr("Thông tin cơ quan trên biểu mẫu"), parent)
        self.ctx = ctx
        self.edits: dict[str, QLineEdit] = {}
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for field in fields(AgencySettings):
            edit = QLineEdit()
            edit.setObjectName(f"agency_{field.name}")
            edit.setPlaceholderText(HINTS.get(field.name, ""))
            edit.textEdited.connect(self._edited)
            label = QLabel(_tr(LABELS.get(field.name, field.name)))
            label.setBuddy(edit)
            form.addRow(label, edit)
            self.edits[field.name] = edit
        self.error_label = QLabel()
        self.error_label.setObjectName("agencyErrors")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        self.status_label = QLabel()
        self.save_button = QPushButton(_tr("&Lưu thông tin cơ quan"))
        self.save_button.setToolTip(_tr("Lưu (Ctrl+S)"))
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton(_tr("&Hoàn tác"))
        self.revert_button.clicked.connect(self.load)
        QShortcut(
            QKeySequence.StandardKey.Save,
            self,
            self.save,
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.status_label, 1)
        form.addRow(self.error_label)
        form.addRow(buttons)
        self.load()

    def load(self) -> None:
        self.set_values(self.ctx.read(get_agency))
        self.loaded_version = self.ctx.read(agency_version)  # passed back when saving
        self.error_label.clear()
        self.status_label.clear()

    def set_values(self, settings: AgencySettings) -> None:
        for name, edit in self.edits.items():
            edit.setText(getattr(settings, name))

    def values(self) -> AgencySettings:
        return AgencySettings(**{name: edit.text() for name, edit in self.edits.items()})

    def validate(self) -> list[str]:
        return validate_agency(self.values())

    def _edited(self, _text: str) -> None:
        self.status_label.setText(_tr("Chưa lưu"))

    def save(self) -> bool:
        problems = self.validate()
        if not problems:
            try:
                saved = self.ctx.write(
                    save_agency, self.values(), expected_version=self.loaded_version
                )
            except ValidationError as exc:
                problems = exc.problems
            except ConflictError as exc:  # saved by another clerk meanwhile: show theirs
                self.load()
                problems = [str(exc)]
        if problems:
            self.error_label.setText("\n".join(f"• {p}" for p in problems))
            self.status_label.setText(_tr("Chưa lưu: còn lỗi"))
            return False
        self.error_label.clear()
        self.set_values(saved)
        self.loaded_version = self.ctx.read(agency_version)
        self.status_label.setText(_tr("Đã lưu"))
        self.saved.emit(saved)
        return True
