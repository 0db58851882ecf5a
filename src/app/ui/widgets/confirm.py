"""The question every delete asks first: Có / Không, with Không the default button."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def confirm_delete(parent: QWidget | None, title: str, question: str) -> bool:
    """Ask ``question`` (naming what will be deleted); True only when the clerk answers Có."""
    answer = QMessageBox.question(
        parent,
        title,
        question,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes
