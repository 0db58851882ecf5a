"""A scroll area that scrolls down only: as wide as its contents need, so nothing in it is cut
off at the side (a form beside a table, the table taking the width that is left)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtWidgets import QScrollArea, QWidget


class DownScrollArea(QScrollArea):
    """Its minimum width follows its widget's (a label that gets a longer text widens it)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def setWidget(self, widget: QWidget) -> None:
        super().setWidget(widget)
        widget.installEventFilter(self)
        self.updateGeometry()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()  # its layout changed: our minimum width may have too
        return super().eventFilter(watched, event)

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        widget = self.widget()
        if widget is not None:
            scroll_bar = self.verticalScrollBar().sizeHint().width()
            needed = widget.minimumSizeHint().width() + scroll_bar + 2 * self.frameWidth()
            hint.setWidth(max(hint.width(), needed))
        return hint
