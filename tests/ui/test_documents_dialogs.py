"""The Word documents dialog and the dossier dialog, driven through their widgets; the buttons
the decision register, the Council tab and Bình xét open them with."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from keyboard import type_text
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.services import attachments
from app.ui.documents import hooks
from app.ui.documents.documents_dialog import DocumentsDialog
from app.ui.documents.dossier_dialog import DossierDialog
from document_factory import YEAR, build_documents

PDF = b"%PDF-1.4\n% bien ban da ky\n%%EOF"


@pytest.fixture
def docs(database):  # type: ignore[no-untyped-def]
    with database.session_factory.begin() as s:
        return build_documents(s)


@pytest.fixture
def opened(monkeypatch) -> list[str]:  # type: ignore[no-untyped-def]
    urls: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: urls.append(url.toLocalFile()))
    return urls


def choose(qtbot, combo, data) -> None:  # type: ignore[no-untyped-def]
    """Pick the item whose data is ``data`` with the keyboard, as a clerk does."""
    combo.setFocus()
    target = combo.findData(data)
    assert target >= 0
    while combo.currentIndex() != target:
        key = Qt.Key.Key_Down if combo.currentIndex() < target else Qt.Key.Key_Up
        qtbot.keyClick(combo, key)


def test_decision_written_from_the_dialog(
    qtbot, ctx, docs, runner, tmp_path, monkeypatch, opened
) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "qd.docx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    dialog = DocumentsDialog(
        ctx, YEAR, code="decision", decision_id=docs.annex_decision, runner=runner
    )
    qtbot.addWidget(dialog)
    assert dialog.form.isRowVisible(dialog.decision_combo)
    assert not dialog.form.isRowVisible(dialog.person_edit)
    assert "quyet-dinh.docx (mặc định)" in dialog.template_label.text()
    type_text(dialog.submission_edit, "12/TTr-HĐTĐKT ngày 16/12/2025")
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert "Đã xuất “Quyết định khen thưởng”" in dialog.result_label.text()
    paragraphs = [p.text for p in Document(str(target)).paragraphs]
    assert any("Tờ trình số 12/TTr-HĐTĐKT ngày 16/12/2025" in p for p in paragraphs)
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert opened == [str(target)]


def test_switching_documents_and_a_refusal_shown(
    qtbot, ctx, docs, runner, tmp_path, monkeypatch, message_boxes
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "x.docx"), "")
    )
    dialog = DocumentsDialog(ctx, YEAR, runner=runner)
    qtbot.addWidget(dialog)
    assert dialog.code() == "submission" and dialog.form.isRowVisible(dialog.route_combo)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)  # two routes this year
    assert "chọn nơi trình" in dialog.result_label.text()
    assert message_boxes.shown and not (tmp_path / "x.docx").exists()
    choose(qtbot, dialog.route_combo, "so")
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert "TỜ TRÌNH" in [p.text for p in Document(str(tmp_path / "x.docx")).paragraphs]
    choose(qtbot, dialog.doc_combo, "achievement-report")
    assert dialog.form.isRowVisible(dialog.person_edit)
    assert "bao-cao-thanh-tich-ca-nhan.docx" in dialog.template_label.text()
    choose(qtbot, dialog.unit_combo, docs.agency.office)
    assert "bao-cao-thanh-tich-tap-the.docx" in dialog.template_label.text()


def test_template_copied_for_editing(qtbot, ctx, docs, runner, data_dir: Path, opened) -> None:  # type: ignore[no-untyped-def]
    dialog = DocumentsDialog(ctx, YEAR, code="invitation", runner=runner)
    qtbot.addWidget(dialog)
    own = data_dir / "giay-moi-hop-hoi-dong.docx"
    assert not own.exists()
    try:
        qtbot.mouseClick(dialog.customise_button, Qt.MouseButton.LeftButton)
        assert own.is_file()
        assert "(tùy chỉnh)" in dialog.template_label.text()
        assert not dialog.customise_button.isEnabled()
        assert opened == [str(data_dir)]
    finally:
        own.unlink(missing_ok=True)


def test_dossier_add_open_remove_export(
    qtbot, ctx, docs, tmp_path, monkeypatch, opened, message_boxes
) -> None:  # type: ignore[no-untyped-def]
    scan = tmp_path / "Biên bản đã ký.pdf"
    scan.write_bytes(PDF)
    bad = tmp_path / "virus.pdf"
    bad.write_bytes(b"MZ not a pdf")
    dialog = DossierDialog(ctx, attachments.SESSION, docs.session_id)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Hồ sơ phiên họp Hội đồng ngày 15/12/2025"
    assert not dialog.open_button.isEnabled()
    monkeypatch.setattr(
        QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(scan), str(bad)], "")
    )
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert dialog.model.rowCount() == 1 and dialog.model.rows[0].file_name == "Biên bản đã ký.pdf"
    assert any("virus.pdf" in m.text and "không phải loại" in m.text for m in message_boxes.shown)
    assert dialog.view.model().index(0, 1).data() == "PDF"
    path = dialog.open_current()
    assert path is not None and path.read_bytes() == PDF and opened == [str(path)]
    archive = tmp_path / "ho-so.zip"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(archive), ""))
    qtbot.mouseClick(dialog.zip_button, Qt.MouseButton.LeftButton)
    assert archive.is_file() and "Đã xuất hồ sơ" in dialog.status.text()
    message_boxes.answer = QMessageBox.StandardButton.Yes
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert dialog.model.rowCount() == 0
    assert ctx.read(attachments.list_attachments, attachments.SESSION, docs.session_id) == []


def test_screens_open_the_dialogs(qtbot, ctx, docs, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    seen: list[tuple[str, object]] = []
    monkeypatch.setattr(
        DocumentsDialog,
        "exec",
        lambda self: seen.append((self.code(), self.decision_combo.currentData())) or 0,
    )
    monkeypatch.setattr(
        DossierDialog, "exec", lambda self: seen.append(("dossier", self.owner)) or 0
    )

    class Detail:
        id = docs.annex_decision
        year = 2025

    from PySide6.QtWidgets import QHBoxLayout, QWidget

    screen = QWidget()
    qtbot.addWidget(screen)
    screen.ctx = ctx  # type: ignore[attr-defined]
    screen.detail = Detail()  # type: ignore[attr-defined]
    row = QHBoxLayout(screen)
    hooks.add_decision_buttons(screen, row)
    qtbot.mouseClick(screen.word_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    qtbot.mouseClick(screen.dossier_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert seen == [
        ("decision", docs.annex_decision),
        ("dossier", ("DECISION", docs.annex_decision)),
    ]


def test_document_settings_saved_and_checked(qtbot, ctx, docs) -> None:  # type: ignore[no-untyped-def]
    from app.services.document_settings import get_document_settings
    from app.ui.documents.settings_dialog import DocumentSettingsDialog

    dialog = DocumentSettingsDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.edits["council_signer_name"].text() == "Hoàng Minh Đức"
    dialog.edits["max_attachment_mb"].setValue(5)
    dialog.edits["council_abbreviation"].clear()
    dialog.accept()
    assert "Ký hiệu của Hội đồng" in dialog.error_label.text()
    type_text(dialog.edits["council_abbreviation"], "HDTDKT-SO")
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    saved = ctx.read(get_document_settings)
    assert (saved.max_attachment_mb, saved.council_abbreviation) == (5, "HDTDKT-SO")
    again = DocumentSettingsDialog(ctx)  # a second screen that read the old version
    qtbot.addWidget(again)
    again.version = 1
    again.accept()
    assert again.error_label.text() != ""
