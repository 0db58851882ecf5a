"""A figure card of the "Tổng quan" page: a big number, what it counts, a detail line.

A card opens its section: a click, or Enter or Space once it has the focus (Tab reaches it),
emits ``activated``."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QVBoxLayout, QWidget

PLACEHOLDER = "—"
OPEN_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space)


class FigureCard(QFrame):
    activated = Signal()

    def __init__(self, caption: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        # the focus shows as the palette's highlight around the card
        self.setStyleSheet(f"QFrame#{name}:focus {{ border: 2px solid palette(highlight); }}")

        self.caption_label = QLabel(caption)
        self.caption_label.setObjectName("caption")
        bold = self.caption_label.font()
        bold.setBold(True)
        self.caption_label.setFont(bold)
        self.caption_label.setWordWrap(True)

        self.value_label = QLabel(PLACEHOLDER)
        self.value_label.setObjectName("value")
        big = self.value_label.font()
        big.setPointSizeF(big.pointSizeF() * 1.9)
        big.setBold(True)
        self.value_label.setFont(big)

        self.detail_label = QLabel()
        self.detail_label.setObjectName("detail")
        self.detail_label.setWordWrap(True)
        self.detail_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(2)
        layout.addWidget(self.caption_label)
        layout.addWidget(self.value_label)
        layout.addWidget(self.detail_label, 1)
        # Room for two detail lines, so cards keep one height whatever their text.
        lines = self.detail_label.fontMetrics().lineSpacing() * 2
        self.detail_label.setMinimumHeight(lines)
        self.setAccessibleName(caption)

    def set_value(self, value: str, detail: str = "", tooltip: str = "") -> None:
        self.value_label.setText(value)
        self.detail_label.setText(detail)
        self.setToolTip(tooltip)
        self.setAccessibleDescription(f"{value} {detail}".strip())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        inside = self.rect().contains(event.position().toPoint())
        if event.button() == Qt.MouseButton.LeftButton and inside:
            self.setFocus(Qt.FocusReason.MouseFocusReason)
            self.activated.emit()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if event.key() in OPEN_KEYS and modifiers == Qt.KeyboardModifier.NoModifier:
            self.activated.emit()
            event.accept()
            return
        super().keyPressEvent(event)

    def value(self) -> str:
        return self.value_label.text()

    def detail(self) -> str:
        return self.detail_label.text()
