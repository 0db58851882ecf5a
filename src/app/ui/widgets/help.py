"""Trợ giúp > Hướng dẫn (F1): a short Vietnamese guide to the screen in use.

One HTML page per section of the main window, named after its key (``review.html`` for
"Bình xét"), plus ``index.html`` (the list of guides and the keys every screen shares), all in
``resources/help/``. :class:`HelpDialog` shows them in a ``QTextBrowser``: links between the
pages work, Alt+← goes back. The dialog is not modal: the clerk reads it beside the screen.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.config import resources_root

__all__ = ["INDEX", "HelpDialog", "help_file", "help_folder"]

INDEX = "index"


def _tr(text: str) -> str:
    return QCoreApplication.translate("HelpDialog", text)


def help_folder() -> Path:
    return resources_root() / "help"


def help_file(topic: str) -> Path:
    """The guide of a section key (or ``index``); the index when there is none for the key."""
    path = help_folder() / f"{topic}.html"
    return path if path.is_file() else help_folder() / f"{INDEX}.html"


class HelpDialog(QDialog):
    """The guides, one at a time; :meth:`show_topic` opens one and brings the dialog up."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("helpDialog")
        self.setWindowTitle(_tr("Hướng dẫn sử dụng"))
        self.browser = QTextBrowser()
        self.browser.setObjectName("helpBrowser")
        self.browser.setOpenExternalLinks(True)
        self.browser.setSearchPaths([str(help_folder())])
        self.browser.sourceChanged.connect(lambda _url: self._retitle())

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.index_button = QPushButton(_tr("&Mục lục"))
        self.index_button.setToolTip(_tr("Danh sách các hướng dẫn và phím dùng chung"))
        self.index_button.clicked.connect(lambda: self.show_topic(INDEX))
        self.back_button = QPushButton(_tr("&Trở lại"))
        self.back_button.setToolTip(
            _tr("Trang vừa xem ({key})").format(
                key=QKeySequence(QKeySequence.StandardKey.Back).toString(
                    QKeySequence.SequenceFormat.NativeText
                )
            )
        )
        self.back_button.setEnabled(False)
        self.back_button.clicked.connect(self.browser.backward)
        self.browser.backwardAvailable.connect(self.back_button.setEnabled)
        buttons.addButton(self.back_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.index_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons

        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        width = self.fontMetrics().averageCharWidth() * 90
        self.resize(width, int(width * 0.85))

    def topic(self) -> str:
        """The key of the guide shown (``review``, ``index``…)."""
        return Path(self.browser.source().toLocalFile()).stem

    def show_topic(self, topic: str) -> None:
        self.browser.setSource(QUrl.fromLocalFile(str(help_file(topic))))
        self.show()
        self.raise_()
        self.activateWindow()
        self.browser.setFocus()

    def text(self) -> str:
        """What the guide says, as plain text (tests, a search)."""
        return self.browser.toPlainText()

    def _retitle(self) -> None:
        title = self.browser.documentTitle()
        self.setWindowTitle(
            _tr("Hướng dẫn: {title}").format(title=title) if title else _tr("Hướng dẫn sử dụng")
        )
