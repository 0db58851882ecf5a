"""The buttons that open the Word documents and the dossiers from the existing screens: each
screen calls one function here with its button row (small hooks, issue 21)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QBoxLayout, QMessageBox, QPushButton, QSizePolicy

from app.domain.documents import DECISION_CODE, MINUTES_CODE, SUBMISSION_CODE
from app.services import attachments
from app.ui.documents.documents_dialog import DocumentsDialog
from app.ui.documents.dossier_dialog import DossierDialog

__all__ = ["add_council_buttons", "add_decision_buttons", "add_review_buttons"]

_CONTEXT = "DocumentHooks"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def _button(text: str, tip: str, name: str, narrow: bool = False) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.setToolTip(tip)
    if narrow:  # clipped in a small window rather than widening the tab
        policy = button.sizePolicy()
        policy.setHorizontalPolicy(QSizePolicy.Policy.Preferred)
        button.setSizePolicy(policy)
        button.setMinimumWidth(button.fontMetrics().averageCharWidth() * 6)
    return button


def _runner(screen: Any) -> Any:
    return getattr(screen, "runner", None)


# --- the decision register ---------------------------------------------------------------------


def add_decision_buttons(screen: Any, row: QBoxLayout) -> None:
    """Văn bản Word (the quyết định of the decision shown) and its dossier."""
    screen.word_button = _button(
        _tr("Văn bản &Word…"),
        _tr("Soạn quyết định (Word hoặc PDF) của quyết định đang chọn, hoặc văn bản khác"),
        "decisionWordButton",
    )
    screen.dossier_button = _button(
        _tr("Hồ sơ (đính kè&m)…"),
        _tr("Tệp đính kèm của quyết định: bản quét quyết định đã ký, tờ trình, biên bản…"),
        "decisionDossierButton",
    )
    screen.word_button.clicked.connect(lambda _c=False: decision_document(screen))
    screen.dossier_button.clicked.connect(lambda _c=False: decision_dossier(screen))
    row.addWidget(screen.word_button)
    row.addWidget(screen.dossier_button)


def _decision(screen: Any) -> Any:
    detail = getattr(screen, "detail", None)
    if detail is None:
        QMessageBox.information(screen, _tr("Quyết định"), _tr("Chọn một quyết định trước."))
    return detail


def decision_document(screen: Any) -> DocumentsDialog | None:
    detail = _decision(screen)
    if detail is None:
        return None
    dialog = DocumentsDialog(
        screen.ctx,
        detail.year,
        screen,
        code=DECISION_CODE,
        decision_id=detail.id,
        runner=_runner(screen),
    )
    screen.documents_dialog = dialog
    dialog.exec()
    return dialog


def decision_dossier(screen: Any) -> DossierDialog | None:
    detail = _decision(screen)
    if detail is None:
        return None
    dialog = DossierDialog(screen.ctx, attachments.DECISION, detail.id, screen)
    screen.dossier_dialog = dialog
    dialog.exec()
    return dialog


# --- the Council tab ---------------------------------------------------------------------------


def add_council_buttons(panel: Any, row: QBoxLayout) -> None:
    """Văn bản (biên bản, giấy mời, thông báo of the session shown) and the session's dossier."""
    panel.word_button = _button(
        _tr("Văn &bản…"),
        _tr("Biên bản họp, giấy mời, thông báo kết quả, tờ trình (Word hoặc PDF)"),
        "councilWordButton",
        narrow=True,
    )
    panel.dossier_button = _button(
        _tr("Hồ sơ…"),
        _tr("Tệp đính kèm của phiên họp: biên bản đã ký, phiếu bầu quét…"),
        "councilDossierButton",
        narrow=True,
    )
    panel.word_button.clicked.connect(lambda _c=False: council_document(panel))
    panel.dossier_button.clicked.connect(lambda _c=False: council_dossier(panel))
    row.addWidget(panel.word_button)
    row.addWidget(panel.dossier_button)


def council_document(panel: Any) -> DocumentsDialog:
    dialog = DocumentsDialog(
        panel.ctx,
        panel.year,
        panel,
        code=MINUTES_CODE,
        session_id=panel.current_session_id(),
        runner=_runner(panel),
    )
    panel.documents_dialog = dialog
    dialog.exec()
    return dialog


def council_dossier(panel: Any) -> DossierDialog | None:
    sid = panel.current_session_id()
    if sid is None:
        QMessageBox.information(panel, _tr("Hồ sơ"), _tr("Chọn một phiên họp trước."))
        return None
    dialog = DossierDialog(panel.ctx, attachments.SESSION, sid, panel)
    panel.dossier_dialog = dialog
    dialog.exec()
    return dialog


# --- Bình xét ----------------------------------------------------------------------------------


def add_review_buttons(screen: Any, row: QBoxLayout) -> None:
    """Văn bản (tờ trình; the báo cáo thành tích of the candidate chosen) and his dossier."""
    screen.word_button = _button(
        _tr("Văn bản &Word…"),
        _tr("Tờ trình đề nghị khen thưởng; báo cáo thành tích của người, tập thể đang chọn"),
        "reviewWordButton",
    )
    screen.dossier_button = _button(
        _tr("Hồ sơ (đính kè&m)…"),
        _tr("Tệp đính kèm của người, tập thể đang chọn: báo cáo thành tích, xác nhận sáng kiến…"),
        "reviewDossierButton",
    )
    screen.word_button.clicked.connect(lambda _c=False: review_document(screen))
    screen.dossier_button.clicked.connect(lambda _c=False: review_dossier(screen))
    row.addWidget(screen.word_button)
    row.addWidget(screen.dossier_button)


def _subject(screen: Any) -> tuple[int | None, int | None]:
    row = screen.current_row()
    if row is None:
        return None, None
    if row.subject == "unit":
        return None, row.subject_id
    return row.subject_id, None


def review_document(screen: Any) -> DocumentsDialog:
    person_id, unit_id = _subject(screen)
    dialog = DocumentsDialog(
        screen.ctx,
        screen.year,
        screen,
        code=SUBMISSION_CODE,
        person_id=person_id,
        unit_id=unit_id,
        runner=_runner(screen),
    )
    screen.documents_dialog = dialog
    dialog.exec()
    return dialog


def review_dossier(screen: Any) -> DossierDialog | None:
    person_id, unit_id = _subject(screen)
    if person_id is None and unit_id is None:
        QMessageBox.information(screen, _tr("Hồ sơ"), _tr("Chọn một người hoặc một tập thể trước."))
        return None
    if person_id is not None:
        dialog = DossierDialog(screen.ctx, attachments.PERSON, person_id, screen)
    else:
        assert unit_id is not None
        dialog = DossierDialog(screen.ctx, attachments.UNIT, unit_id, screen)
    screen.dossier_dialog = dialog
    dialog.exec()
    return dialog
