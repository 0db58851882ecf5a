"""Finds text that does not fit its widget, measured with the widget's own font metrics.

Used by tests/ui/test_layout_fit.py (every screen at 1366×768 and 1920×1080). Each finding names
the screen, the kind of widget and the text, so one run lists every offender at once.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QPoint, QRect, Qt
from PySide6.QtGui import QFontMetrics, QTextDocument
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QCheckBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QStyle,
    QTabBar,
    QTableView,
    QToolButton,
    QTreeView,
    QWidget,
)

# Room a push button or a tab needs around its text (frame and padding).
BUTTON_PADDING = 8
TAB_PADDING = 8


@dataclass(frozen=True)
class CutOff:
    screen: str
    kind: str
    text: str
    needed: int
    width: int

    def __str__(self) -> str:
        return f"{self.screen}: {self.kind} {self.text!r} needs {self.needed} px, has {self.width}"


def _plain(text: str) -> str:
    """The text as drawn: mnemonic ampersands dropped ("&&" draws one)."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _advance(metrics: QFontMetrics, text: str) -> int:
    """The width of the widest line."""
    return max((metrics.horizontalAdvance(line) for line in text.split("\n")), default=0)


def shown(widget: QWidget, window: QWidget) -> bool:
    """Visible on screen: shown, its ancestors shown, and some of it inside the window."""
    if not widget.isVisible() or widget.width() <= 0:
        return False
    top_left = widget.mapTo(window, widget.rect().topLeft())
    return window.rect().intersects(QRect(top_left, widget.size()))


def _in_view(widget: QWidget) -> QRect:
    """The part of the widget its ancestors leave in view (a scroll area's viewport clips), in
    the widget's coordinates."""
    rect = widget.rect()
    offset = QPoint(0, 0)  # the widget's origin in the ancestor's coordinates
    child = widget
    while not child.isWindow() and child.parentWidget() is not None:
        offset += child.pos()
        child = child.parentWidget()
        rect = rect.intersected(child.rect().translated(-offset))
    return rect


def _visible_width(widget: QWidget) -> int:
    return _in_view(widget).width()


def _button_needed(button: QAbstractButton) -> int:
    text = _plain(button.text())
    if not text:
        return 0
    style = button.style()
    needed = _advance(button.fontMetrics(), text)
    if not button.icon().isNull():
        needed += button.iconSize().width() + 4
    if isinstance(button, QCheckBox | QRadioButton):
        indicator = style.pixelMetric(
            QStyle.PixelMetric.PM_IndicatorWidth
            if isinstance(button, QCheckBox)
            else QStyle.PixelMetric.PM_ExclusiveIndicatorWidth,
            None,
            button,
        )
        spacing = style.pixelMetric(QStyle.PixelMetric.PM_CheckBoxLabelSpacing, None, button)
        return needed + indicator + spacing
    needed += BUTTON_PADDING
    if isinstance(button, QPushButton) and button.menu() is not None:
        needed += style.pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator, None, button)
    if isinstance(button, QToolButton) and button.popupMode() in (
        QToolButton.ToolButtonPopupMode.MenuButtonPopup,
    ):
        needed += style.pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator, None, button)
    return needed


def _label_needed(label: QLabel) -> int:
    text = label.text()
    if not text or label.wordWrap() or not label.pixmap().isNull():
        return 0
    rich = label.textFormat() == Qt.TextFormat.RichText or (
        label.textFormat() == Qt.TextFormat.AutoText and GuiQt.mightBeRichText(text)
    )
    if rich:
        document = QTextDocument()
        document.setDefaultFont(label.font())
        document.setHtml(text)
        document.setDocumentMargin(0)
        plain = document.toPlainText().replace("\u2029", "\n").replace("\u2028", "\n")
        return _advance(label.fontMetrics(), plain)
    return _advance(label.fontMetrics(), _plain(text) if label.buddy() else text)


def _label_room(label: QLabel) -> int:
    room = label.contentsRect().width() - 2 * max(0, label.margin())
    if label.indent() > 0:
        room -= label.indent()
    return room


def _header_cut_offs(header: QHeaderView, screen: str, window: QWidget) -> Iterator[CutOff]:
    model = header.model()
    if model is None or header.orientation() != Qt.Orientation.Horizontal:
        return
    bold = header.font()
    bold.setBold(True)  # a table draws its column titles bold while a row is selected
    metrics = QFontMetrics(bold)
    margin = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    viewport = header.viewport().rect()
    for logical in range(header.count()):
        if header.isSectionHidden(logical) or header.sectionSize(logical) == 0:
            continue
        left = header.sectionViewportPosition(logical)
        if left >= viewport.right() or left + header.sectionSize(logical) <= 0:
            continue  # scrolled out of view: the scroll bar shows there is more
        text = model.headerData(logical, Qt.Orientation.Horizontal)
        if not text:
            continue
        text = str(text)
        # The title is drawn inside the margins, beside the sort arrow of the sorted column
        # (QCommonStyle's SE_HeaderLabel), and elided when wider.
        needed = _advance(metrics, text) + 2 * margin
        if header.isSortIndicatorShown() and header.sortIndicatorSection() == logical:
            needed += header.height() // 2 + 2 * margin
        if needed > header.sectionSize(logical):
            yield CutOff(screen, "column", text, needed, header.sectionSize(logical))


def _tab_cut_offs(bar: QTabBar, screen: str) -> Iterator[CutOff]:
    metrics = bar.fontMetrics()
    for index in range(bar.count()):
        if not bar.isTabVisible(index):
            continue
        text = _plain(bar.tabText(index))
        needed = _advance(metrics, text) + TAB_PADDING
        if not bar.tabIcon(index).isNull():
            needed += bar.iconSize().width() + 4
        width = bar.tabRect(index).width()
        if needed > width:
            yield CutOff(screen, "tab", text, needed, width)


def cut_offs(window: QWidget, screen: str) -> list[CutOff]:
    """Every shown button, label, check box, tab and column title whose text does not fit."""
    found: list[CutOff] = []
    for widget in window.findChildren(QWidget):
        if not shown(widget, window) or _in_view(widget).isEmpty():
            continue  # hidden, or scrolled out of view
        if isinstance(widget, QAbstractButton):
            if isinstance(widget, QToolButton) and (
                widget.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly
                and not widget.icon().isNull()
            ):
                continue
            if widget.parent() is not None and isinstance(widget.parent(), QTabBar):
                continue  # the tab bar's scroll arrows
            needed = _button_needed(widget)
            room = min(widget.width(), _visible_width(widget))
            if needed > room:
                kind = type(widget).__name__.removeprefix("Q").lower()
                found.append(CutOff(screen, kind, _plain(widget.text()), needed, room))
        elif isinstance(widget, QLabel):
            needed = _label_needed(widget)
            room = _label_room(widget) - (widget.width() - _visible_width(widget))
            if needed > room:
                found.append(CutOff(screen, "label", widget.text(), needed, room))
        elif isinstance(widget, QHeaderView):
            found.extend(_header_cut_offs(widget, screen, window))
        elif isinstance(widget, QTabBar):
            found.extend(_tab_cut_offs(widget, screen))
    return found


def cut_cells(view: QAbstractItemView, screen: str, window: QWidget) -> list[CutOff]:
    """Cells of the rows in view whose text is wider than the column and that give no tooltip
    with the whole text (eliding is fine where the full text is one hover away)."""
    model = view.model()
    if model is None:
        return []
    found: list[CutOff] = []
    metrics = view.fontMetrics()
    viewport = view.viewport().rect()
    # The delegate draws the text inside the focus frame's margin (3 px a side in QCommonStyle);
    # a table's grid line takes one more pixel.
    margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    cell_padding = 2 * margin + (1 if isinstance(view, QTableView) and view.showGrid() else 0)
    stack: list[QModelIndex] = [QModelIndex()]
    while stack:
        parent = stack.pop()
        try:
            columns = model.columnCount(parent)
        except TypeError:  # a list model keeps columnCount() private: one column
            columns = 1
        for row in range(model.rowCount(parent)):
            for column in range(columns):
                index = model.index(row, column, parent)
                rect = view.visualRect(index)
                if not rect.isValid() or not viewport.intersects(rect):
                    continue
                text = index.data(Qt.ItemDataRole.DisplayRole)
                if text is None or str(text) == "":
                    continue
                text = str(text)
                if view.wordWrap() and " " in text and rect.height() >= 2 * metrics.lineSpacing():
                    continue  # wrapped onto the lines of a taller row
                needed = _advance(metrics, text) + cell_padding
                icon = index.data(Qt.ItemDataRole.DecorationRole)
                if icon is not None:
                    needed += view.iconSize().width() if view.iconSize().isValid() else 16
                # Qt lays a cell's text out at fractional widths and may find it a pixel
                # narrower than the rounded advance ("Sở Nông nghiệp và Môi trường" is drawn
                # whole in 188 px where the advance says 189): one pixel of grace.
                if needed <= rect.width() + 1:
                    continue
                tip = index.data(Qt.ItemDataRole.ToolTipRole)
                if tip and text.rstrip("…") in str(tip):
                    continue
                found.append(CutOff(screen, "cell", text, needed, rect.width()))
            first = model.index(row, 0, parent)
            if isinstance(view, QTreeView) and view.isExpanded(first):
                stack.append(first)
    return found
