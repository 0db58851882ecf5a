"""Soạn văn bản (Word): pick a document of the secretariat, its parameters and a format, and
write it through the same services as ``tdkt export`` (issue 21).

The dialog says which template is used (shipped or the Sở's own copy in the data folder),
opens its folder, and copies the shipped template into the data folder for editing in Word.
Opened from the "Báo cáo & biểu mẫu" page, Bình xét, the Council tab and the decision
register, already set to the document and the record they show.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.domain.documents import (
    ACHIEVEMENT_CODE,
    DECISION_CODE,
    DOCUMENT_NAMES,
    INVITATION_CODE,
    MINUTES_CODE,
    NOTICE_CODE,
    ROUTES,
    SUBMISSION_CODE,
)
from app.services import reports
from app.services.context import AppContext
from app.services.documents.gather import WORD_CODES, DocumentParams, gather_document
from app.services.documents.model import DocumentData
from app.services.reference import catalogue
from app.services.units import list_units
from app.ui.tasks import ProgressFn, SyncTaskRunner, TaskRunner
from app.word.export import ExportedDocument, export_document
from app.word.templates import template_info

__all__ = ["DocumentsDialog"]

_CONTEXT = "DocumentsDialog"
_TEMPLATES = {
    SUBMISSION_CODE: "to-trinh.docx",
    DECISION_CODE: "quyet-dinh.docx",
    MINUTES_CODE: "bien-ban-hop-hoi-dong.docx",
    INVITATION_CODE: "giay-moi-hop-hoi-dong.docx",
    NOTICE_CODE: "thong-bao-ket-qua.docx",
}
_SESSION_CODES = (MINUTES_CODE, INVITATION_CODE, NOTICE_CODE, SUBMISSION_CODE)
_FILTERS = {"docx": "Word (*.docx)", "pdf": "PDF (*.pdf)"}


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


class DocumentsDialog(QDialog):
    """Choose a document and write it; ``last`` is the file written."""

    def __init__(
        self,
        ctx: AppContext,
        year: int,
        parent: QWidget | None = None,
        *,
        code: str = SUBMISSION_CODE,
        session_id: int | None = None,
        decision_id: int | None = None,
        person_id: int | None = None,
        unit_id: int | None = None,
        runner: TaskRunner | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_tr("Soạn văn bản (Word)"))
        self.ctx = ctx
        self.runner: TaskRunner = runner or SyncTaskRunner()
        self.person_id = person_id
        self.last: ExportedDocument | None = None
        self.last_data: DocumentData | None = None

        self.doc_combo = QComboBox()
        self.doc_combo.setObjectName("documentCombo")
        for each in WORD_CODES:
            self.doc_combo.addItem(_tr(DOCUMENT_NAMES[each]), each)
        self.year_spin = QSpinBox()
        self.year_spin.setRange(1990, 2100)
        self.year_spin.setValue(year)
        self.route_combo = QComboBox()
        self.route_combo.setObjectName("routeCombo")
        self.route_combo.addItem(_tr("Theo các đề nghị"), None)
        for route, name in ROUTES.items():
            self.route_combo.addItem(_tr(name), route)
        self.session_combo = QComboBox()
        self.session_combo.setObjectName("sessionCombo")
        self.decision_combo = QComboBox()
        self.decision_combo.setObjectName("decisionCombo")
        self.person_edit = QLineEdit()
        self.person_edit.setObjectName("personEdit")
        self.person_edit.setPlaceholderText(_tr("Mã cán bộ, số CCCD hoặc họ và tên"))
        self.unit_combo = QComboBox()
        self.unit_combo.setObjectName("unitCombo")
        self.unit_combo.addItem(_tr("(cá nhân: nhập ở ô Cán bộ)"), None)
        for unit in ctx.read(list_units, include_history=False):
            self.unit_combo.addItem("    " * unit.depth + unit.full_name, unit.id)
        self.title_combo = QComboBox()
        self.title_combo.setObjectName("titleCombo")
        self.title_combo.addItem(_tr("(theo đề nghị)"), None)
        for item in catalogue().items:
            if not item.history_only:
                self.title_combo.addItem(item.name, item.code)
        self.submission_edit = QLineEdit()
        self.submission_edit.setObjectName("submissionEdit")
        self.submission_edit.setPlaceholderText(_tr("ví dụ 12/TTr-HĐTĐKT ngày 16/12/2025"))
        self.format_combo = QComboBox()
        self.format_combo.setObjectName("formatCombo")
        self.format_combo.addItem(_tr("Word (.docx)"), "docx")
        self.format_combo.addItem(_tr("PDF (qua LibreOffice)"), "pdf")

        self.form = QFormLayout()
        self.form.addRow(_tr("&Văn bản:"), self.doc_combo)
        self.form.addRow(_tr("&Năm:"), self.year_spin)
        self.form.addRow(_tr("&Trình:"), self.route_combo)
        self.form.addRow(_tr("&Phiên họp Hội đồng:"), self.session_combo)
        self.form.addRow(_tr("&Quyết định:"), self.decision_combo)
        self.form.addRow(_tr("&Tờ trình đề nghị:"), self.submission_edit)
        self.form.addRow(_tr("&Cán bộ:"), self.person_edit)
        self.form.addRow(_tr("Tậ&p thể:"), self.unit_combo)
        self.form.addRow(_tr("&Danh hiệu / hình thức:"), self.title_combo)
        self.form.addRow(_tr("Định &dạng:"), self.format_combo)

        self.template_label = QLabel()
        self.template_label.setObjectName("templateLabel")
        self.template_label.setWordWrap(True)
        self.template_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder_button = QPushButton(_tr("Mở thư mục &mẫu"))
        self.folder_button.clicked.connect(self.open_template_folder)
        self.customise_button = QPushButton(_tr("Sao chép mẫu để &sửa"))
        self.customise_button.setToolTip(
            _tr("Chép mẫu có sẵn vào thư mục dữ liệu; chương trình dùng bản chép đó từ nay")
        )
        self.customise_button.clicked.connect(self.customise_template)
        self.settings_button = QPushButton(_tr("Thiết &lập văn bản…"))
        self.settings_button.setToolTip(
            _tr("Tên Hội đồng, người ký, nơi nhận tờ trình, căn cứ của tỉnh, nguồn tiền thưởng…")
        )
        self.settings_button.clicked.connect(self.edit_settings)
        self.result_label = QLabel()
        self.result_label.setObjectName("resultLabel")
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.export_button = QPushButton(_tr("&Xuất…"))
        self.export_button.setObjectName("exportButton")
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.export_current)
        self.open_button = QPushButton(_tr("Mở tệ&p vừa xuất"))
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(self._open_last)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)

        template_row = QHBoxLayout()
        template_row.addWidget(self.folder_button)
        template_row.addWidget(self.customise_button)
        template_row.addWidget(self.settings_button)
        template_row.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.template_label)
        layout.addLayout(template_row)
        layout.addWidget(self.result_label)
        layout.addLayout(buttons)

        self.doc_combo.currentIndexChanged.connect(lambda _i: self._document_changed())
        self.year_spin.valueChanged.connect(lambda _v: self._fill_choices())
        self.unit_combo.currentIndexChanged.connect(lambda _i: self._show_template())
        self._fill_choices()
        self.set_document(code)
        self._select(self.session_combo, session_id)
        self._select(self.decision_combo, decision_id)
        self._select(self.unit_combo, unit_id)
        if person_id is not None:
            self.person_edit.setText(_tr("(cán bộ đã chọn)"))
            self.person_edit.textEdited.connect(self._forget_person)

    # --- state ----------------------------------------------------------------------------------

    def _forget_person(self, _text: str) -> None:
        self.person_id = None

    @staticmethod
    def _select(combo: QComboBox, value: int | None) -> None:
        if value is not None:
            index = combo.findData(value)
            if index >= 0:
                combo.setCurrentIndex(index)

    def code(self) -> str:
        return str(self.doc_combo.currentData())

    def set_document(self, code: str) -> None:
        index = self.doc_combo.findData(code)
        self.doc_combo.setCurrentIndex(max(0, index))
        self._document_changed()

    def _fill_choices(self) -> None:
        year = self.year_spin.value()
        kept_session = self.session_combo.currentData()
        kept_decision = self.decision_combo.currentData()
        self.session_combo.clear()
        self.session_combo.addItem(_tr("(phiên họp duy nhất / gần nhất của năm)"), None)
        for choice in self.ctx.read(reports.session_choices, year):
            self.session_combo.addItem(choice.label, choice.id)
        self.decision_combo.clear()
        for choice in self.ctx.read(reports.decision_choices, year):
            self.decision_combo.addItem(choice.label, choice.id)
        self._select(self.session_combo, kept_session)
        self._select(self.decision_combo, kept_decision)

    def _document_changed(self) -> None:
        code = self.code()
        shown = {
            self.route_combo: code == SUBMISSION_CODE,
            self.session_combo: code in _SESSION_CODES,
            self.decision_combo: code == DECISION_CODE,
            self.submission_edit: code == DECISION_CODE,
            self.person_edit: code == ACHIEVEMENT_CODE,
            self.unit_combo: code == ACHIEVEMENT_CODE,
            self.title_combo: code in (ACHIEVEMENT_CODE, SUBMISSION_CODE),
        }
        for widget, visible in shown.items():
            self.form.setRowVisible(widget, visible)
        self._show_template()

    def _template_name(self) -> str:
        code = self.code()
        if code == ACHIEVEMENT_CODE:
            collective = self.unit_combo.currentData() is not None
            return f"bao-cao-thanh-tich-{'tap-the' if collective else 'ca-nhan'}.docx"
        return _TEMPLATES[code]

    def _show_template(self) -> None:
        info = template_info(self._template_name())
        # The shipped template lies in the program's own folder: its name is enough there.
        shown = info.path if info.custom else info.path.name
        self.template_label.setText(
            _tr("Mẫu đang dùng: {path} ({label})").format(path=shown, label=_tr(info.label))
        )
        self.customise_button.setEnabled(not info.custom)

    def params(self) -> DocumentParams:
        person_id = self.person_id
        text = self.person_edit.text().strip()
        if person_id is None and text and self.code() == ACHIEVEMENT_CODE:
            person_id = self.ctx.read(reports.resolve_person, text)
        unit_id = self.unit_combo.currentData() if self.code() == ACHIEVEMENT_CODE else None
        return DocumentParams(
            year=self.year_spin.value(),
            route=self.route_combo.currentData(),
            title=self.title_combo.currentData(),
            session_id=self.session_combo.currentData(),
            decision_id=self.decision_combo.currentData(),
            person_id=None if unit_id is not None else person_id,
            unit_id=unit_id,
            submission=self.submission_edit.text().strip() or None,
        )

    # --- templates --------------------------------------------------------------------------

    def open_template_folder(self) -> None:
        info = template_info(self._template_name())
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(info.path.parent)))

    def customise_template(self) -> Path | None:
        info = template_info(self._template_name())
        if info.custom:
            return info.path
        target = info.override_path
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(info.path, target)
        except OSError as exc:
            QMessageBox.warning(self, self.windowTitle(), str(exc))
            return None
        self._show_template()
        self.result_label.setText(
            _tr(
                "Đã chép mẫu vào {path}: sửa bằng Word, giữ nguyên các thẻ {{{{ }}}} và {{% %}}."
            ).format(path=target)
        )
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(target.parent)))
        return target

    def edit_settings(self) -> bool:
        from app.ui.documents.settings_dialog import DocumentSettingsDialog

        dialog = DocumentSettingsDialog(self.ctx, self)
        self.settings_dialog = dialog
        return dialog.exec() == QDialog.DialogCode.Accepted

    # --- export -------------------------------------------------------------------------------

    def ask_target(self, suggested: str, fmt: str) -> Path | None:
        start = str(Path.home() / f"{suggested}.{fmt}")
        path, _ = QFileDialog.getSaveFileName(self, _tr("Lưu văn bản"), start, _tr(_FILTERS[fmt]))
        if not path:
            return None
        return Path(path if path.lower().endswith(f".{fmt}") else f"{path}.{fmt}")

    def export_current(self) -> ExportedDocument | None:
        code, fmt = self.code(), str(self.format_combo.currentData())
        try:
            params = self.params()
            data = self.ctx.read(gather_document, code, params)
        except Exception as exc:  # a refusal of the services: said as it is
            self._fail(str(exc))
            return None
        target = self.ask_target(data.file_stem, fmt)
        if target is None:
            return None

        def work(progress: ProgressFn) -> ExportedDocument:
            progress(_tr("Đang ghi văn bản…"), 0.3)
            return export_document(data, target, fmt)

        name = _tr(DOCUMENT_NAMES[code])
        outcome = self.runner.run(_tr("Đang soạn {name}").format(name=name), work, self)
        if outcome.error is not None:
            self._fail(str(outcome.error))
            return None
        if outcome.value is None:
            return None
        self.last, self.last_data = outcome.value, data
        self.open_button.setEnabled(True)
        lines = [_tr("Đã xuất \u201c{name}\u201d ra {path}").format(name=name, path=target)]
        lines += [_tr("Lưu ý: {text}").format(text=note) for note in data.notes]
        self.result_label.setText("\n".join(lines))
        return outcome.value

    def _fail(self, message: str) -> None:
        self.result_label.setText(message)
        QMessageBox.warning(self, self.windowTitle(), message)

    def _open_last(self) -> None:
        if self.last is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last.path)))
