"""Thiết lập văn bản: how the Sở writes its documents (:class:`DocumentSettings`): the Council's
name, series and signer, the addressees of the tờ trình, the Căn cứ lines of the province and of
the Sở's functions, the fund, who executes a decision, the archive line, and the largest file a
dossier accepts. Saved with the version read: a save over another clerk's is refused."""

from __future__ import annotations

from dataclasses import fields

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.domain.documents import DocumentSettings, settings_problems
from app.services.context import AppContext
from app.services.document_settings import (
    document_settings_version,
    get_document_settings,
    save_document_settings,
)

__all__ = ["DocumentSettingsDialog"]

_CONTEXT = "DocumentSettingsDialog"
LABELS = {
    "agency_name": "Tên Sở (viết trong câu):",
    "head_title": "Người đứng đầu Sở (nhận tờ trình):",
    "council_name": "Tên Hội đồng:",
    "council_abbreviation": "Ký hiệu Hội đồng (số văn bản):",
    "council_signer_authority": "Hội đồng ký: thẩm quyền:",
    "council_signer_title": "Hội đồng ký: chức vụ:",
    "council_signer_name": "Hội đồng ký: họ và tên:",
    "province_chair": "Tờ trình cấp tỉnh gửi:",
    "home_affairs": "Qua (cơ quan thẩm định):",
    "minister": "Tờ trình cấp bộ gửi:",
    "local_bases": "Căn cứ của tỉnh, của Sở (mỗi dòng một căn cứ):",
    "fund_source": "Nguồn tiền thưởng:",
    "executors": "Thi hành quyết định (Điều 3):",
    "archive": "Lưu (Nơi nhận):",
    "max_attachment_mb": "Tệp đính kèm tối đa (MB):",
}


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


class DocumentSettingsDialog(QDialog):
    """``load`` / ``values`` / ``validate``; ``accept`` saves or shows what is wrong."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_tr("Thiết lập văn bản"))
        self.ctx = ctx
        self.version = 0
        self.edits: dict[str, QLineEdit | QPlainTextEdit | QSpinBox] = {}
        form = QFormLayout()
        for f in fields(DocumentSettings):
            edit: QLineEdit | QPlainTextEdit | QSpinBox
            if f.name == "max_attachment_mb":
                edit = QSpinBox()
                edit.setRange(1, 200)
            elif f.name == "local_bases":
                edit = QPlainTextEdit()
                edit.setTabChangesFocus(True)
                edit.setFixedHeight(edit.fontMetrics().lineSpacing() * 5)
            else:
                edit = QLineEdit()
            edit.setObjectName(f.name)
            self.edits[f.name] = edit
            form.addRow(_tr(LABELS[f.name]), edit)
        self.error_label = QLabel()
        self.error_label.setObjectName("errorLabel")
        self.error_label.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.load(ctx.read(get_document_settings), ctx.read(document_settings_version))

    def load(self, settings: DocumentSettings, version: int) -> None:
        self.version = version
        for name, edit in self.edits.items():
            value = getattr(settings, name)
            if isinstance(edit, QSpinBox):
                edit.setValue(int(value))
            elif isinstance(edit, QPlainTextEdit):
                edit.setPlainText(str(value))
            else:
                edit.setText(str(value))

    def values(self) -> DocumentSettings:
        data: dict[str, object] = {}
        for name, edit in self.edits.items():
            if isinstance(edit, QSpinBox):
                data[name] = edit.value()
            elif isinstance(edit, QPlainTextEdit):
                data[name] = edit.toPlainText()
            else:
                data[name] = edit.text()
        return DocumentSettings(**data)  # type: ignore[arg-type]

    def validate(self) -> list[str]:
        return settings_problems(self.values())

    def accept(self) -> None:
        problems = self.validate()
        if not problems:
            try:
                self.ctx.write(save_document_settings, self.values(), expected_version=self.version)
            except Exception as exc:  # another clerk's save, a refusal: said as it is
                problems = [str(exc)]
        if problems:
            self.error_label.setText("\n".join(problems))
            return
        super().accept()
