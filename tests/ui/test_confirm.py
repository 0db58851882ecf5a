"""The question every delete asks first: Không is the default button."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from app.ui.widgets.confirm import confirm_delete


def test_confirm_delete_defaults_to_no_and_is_true_only_for_yes(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    parent = QWidget()
    qtbot.addWidget(parent)
    asked: list[tuple] = []
    answers = iter([QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes])

    def question(*args):  # type: ignore[no-untyped-def]
        asked.append(args)
        return next(answers)

    monkeypatch.setattr(QMessageBox, "question", question)
    assert not confirm_delete(parent, "Xóa dòng", "Xóa dòng 1: Lê Văn Cường?")
    assert confirm_delete(parent, "Xóa dòng", "Xóa dòng 1: Lê Văn Cường?")
    _parent, title, text, buttons, default = asked[0]
    assert (title, text) == ("Xóa dòng", "Xóa dòng 1: Lê Văn Cường?")
    assert buttons == QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
    assert default == QMessageBox.StandardButton.No
