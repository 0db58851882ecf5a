"""A small bar chart drawn with QPainter (QtCharts is not part of PySide6-Essentials).

``BarChart(orientation)`` shows categories (``labels``) and one or more series of whole
numbers side by side: vertical bars with the labels underneath (years), or horizontal bars
with the labels on the left (long unit names, elided, in full in the tooltip). The value axis
has round ticks (1, 2 or 5 x 10^n), every bar carries its value, several series get a legend,
and hovering a bar shows its category, series and value.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFontMetrics,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from app.domain.vnformat import format_money

DEFAULT_COLOURS = ("#1f6fb2", "#e08a1e", "#3a9a5b", "#b03a48", "#7a5aa6")
MAX_LABEL_SHARE = 0.45  # horizontal bars: the labels take at most this share of the width


def _tr(text: str) -> str:
    return QCoreApplication.translate("BarChart", text)


def number(value: int) -> str:
    """Dotted thousands, as everywhere in the interface: 12340 -> "12.340"."""
    return format_money(value)


def nice_ticks(maximum: int, wanted: int = 5) -> list[int]:
    """Round tick values from 0 to at least ``maximum`` (steps of 1, 2 or 5 x 10^n, whole)."""
    if maximum <= 0:
        return [0, 1]
    raw = maximum / max(1, wanted)
    power = 10 ** math.floor(math.log10(raw)) if raw >= 1 else 1
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    step = max(1, int(step))
    top = step * math.ceil(maximum / step)
    return list(range(0, top + 1, step))


@dataclass(frozen=True)
class Bar:
    """One drawn bar: its category and series (indices), value and rectangle."""

    index: int
    series: int
    value: int
    rect: QRectF


class BarChart(QWidget):
    """Grouped bars of whole numbers. Call :meth:`set_data`; the widget repaints itself."""

    def __init__(
        self,
        orientation: Qt.Orientation = Qt.Orientation.Vertical,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.orientation = orientation
        self._labels: list[str] = []
        self._series: list[tuple[str, list[int]]] = []
        self._colours: list[QColor] = []
        self._bars: list[Bar] = []
        self._hover: tuple[int, int] | None = None
        self.empty_text = _tr("Chưa có dữ liệu")
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(160, 120)

    # --- data -----------------------------------------------------------------------------------

    def set_data(
        self,
        labels: Sequence[str],
        series: Sequence[tuple[str, Sequence[int]]],
        colours: Sequence[QColor | str] | None = None,
    ) -> None:
        """Categories ``labels`` and series ``(name, values)``, one value per label."""
        for name, values in series:
            if len(values) != len(labels):
                raise ValueError(
                    f"series {name!r} has {len(values)} values for {len(labels)} labels"
                )
        self._labels = [str(label) for label in labels]
        self._series = [(str(name), [int(v) for v in values]) for name, values in series]
        chosen = list(colours) if colours else []
        self._colours = [
            QColor(chosen[i] if i < len(chosen) else DEFAULT_COLOURS[i % len(DEFAULT_COLOURS)])
            for i in range(len(self._series))
        ]
        self._hover = None
        self._bars = []
        self.setAccessibleDescription(self.summary())
        self.updateGeometry()
        self.update()

    def labels(self) -> list[str]:
        return list(self._labels)

    def series(self) -> list[tuple[str, list[int]]]:
        return [(name, list(values)) for name, values in self._series]

    def colours(self) -> list[QColor]:
        return list(self._colours)

    def is_empty(self) -> bool:
        return not self._labels or not self._series

    def maximum(self) -> int:
        return max((v for _name, values in self._series for v in values), default=0)

    def summary(self) -> str:
        """The data as text (screen readers, tooltips of the whole chart)."""
        if self.is_empty():
            return self.empty_text
        lines = []
        for i, label in enumerate(self._labels):
            parts = [f"{name}: {number(values[i])}" for name, values in self._series]
            lines.append(f"{label} — {', '.join(parts)}")
        return "\n".join(lines)

    # --- geometry -------------------------------------------------------------------------------

    def sizeHint(self) -> QSize:
        # Modest whatever the data: a chart takes the room its layout gives it (a size hint
        # growing with the bars would push the page into scrolling).
        return QSize(420, 240)

    def minimumSizeHint(self) -> QSize:
        return QSize(160, 120)

    def bars(self) -> list[Bar]:
        """The bars as last laid out (for hit tests); laid out now if never painted."""
        if not self._bars and not self.is_empty():
            self._layout()
        return list(self._bars)

    def bar_at(self, pos: QPoint) -> Bar | None:
        for bar in self.bars():
            hit = bar.rect.adjusted(-1, -1, 1, 1)
            if hit.height() < 4:  # zero bars stay reachable
                hit.adjust(0, -3, 0, 3)
            if hit.width() < 4:
                hit.adjust(-3, 0, 3, 0)
            if hit.contains(pos.toPointF()):
                return bar
        return None

    def tooltip_for(self, bar: Bar) -> str:
        name = self._series[bar.series][0]
        label = self._labels[bar.index]
        return f"{label}\n{name}: {number(bar.value)}"

    def _legend_height(self) -> int:
        return self.fontMetrics().height() + 8 if len(self._series) > 1 else 0

    def _plot_area(self) -> tuple[QRectF, int]:
        """The rectangle of the bars and the width given to category labels (horizontal)."""
        fm = self.fontMetrics()
        line = fm.height()
        top = 6 + self._legend_height()
        ticks = nice_ticks(self.maximum())
        tick_width = max(fm.horizontalAdvance(number(t)) for t in ticks)
        value_room = fm.horizontalAdvance(number(self.maximum())) + 8
        if self.orientation == Qt.Orientation.Horizontal:
            widest = max((fm.horizontalAdvance(label) for label in self._labels), default=0)
            label_width = min(widest + 10, int(self.width() * MAX_LABEL_SHARE))
            left = label_width + 4
            area = QRectF(
                left,
                top,
                max(10.0, self.width() - left - value_room - 4),
                max(10.0, self.height() - top - line - 10),
            )
            return area, label_width
        left = tick_width + 10
        area = QRectF(
            left,
            top + line + 2,  # room for the value above the tallest bar
            max(10.0, self.width() - left - 8),
            max(10.0, self.height() - top - line - 2 - line - 12),
        )
        return area, 0

    def _layout(self) -> None:
        self._bars = []
        if self.is_empty():
            return
        area, _label_width = self._plot_area()
        top_value = nice_ticks(self.maximum())[-1]
        groups = len(self._labels)
        per_group = len(self._series)
        horizontal = self.orientation == Qt.Orientation.Horizontal
        span = area.height() if horizontal else area.width()
        slot = span / groups
        gap = slot * 0.22
        bar = (slot - gap) / per_group
        length = area.width() if horizontal else area.height()
        for i in range(groups):
            start = (area.top() if horizontal else area.left()) + i * slot + gap / 2
            for s, (_name, values) in enumerate(self._series):
                size = length * values[i] / top_value if top_value else 0.0
                offset = start + s * bar
                if horizontal:
                    rect = QRectF(area.left(), offset, size, bar)
                else:
                    rect = QRectF(offset, area.bottom() - size, bar, size)
                self._bars.append(Bar(i, s, values[i], rect))

    # --- painting -------------------------------------------------------------------------------

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        muted = QColor(text)
        muted.setAlpha(120)
        grid = QColor(text)
        grid.setAlpha(40)
        fm = self.fontMetrics()
        if self.is_empty():
            painter.setPen(muted)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.empty_text)
            return
        self._layout()
        area, label_width = self._plot_area()
        ticks = nice_ticks(self.maximum())
        top_value = ticks[-1]
        horizontal = self.orientation == Qt.Orientation.Horizontal

        self._paint_legend(painter, text)

        # value axis: grid lines and tick labels
        for t in ticks:
            painter.setPen(QPen(grid, 1))
            if horizontal:
                x = area.left() + area.width() * t / top_value
                painter.drawLine(int(x), int(area.top()), int(x), int(area.bottom()))
                painter.setPen(muted)
                label = number(t)
                w = fm.horizontalAdvance(label)
                painter.drawText(int(x - w / 2), int(area.bottom() + fm.ascent() + 4), label)
            else:
                y = area.bottom() - area.height() * t / top_value
                painter.drawLine(int(area.left()), int(y), int(area.right()), int(y))
                painter.setPen(muted)
                label = number(t)
                w = fm.horizontalAdvance(label)
                painter.drawText(int(area.left() - w - 6), int(y + fm.ascent() / 2 - 1), label)
        painter.setPen(QPen(muted, 1))
        if horizontal:
            painter.drawLine(
                int(area.left()), int(area.top()), int(area.left()), int(area.bottom())
            )
        else:
            painter.drawLine(
                int(area.left()), int(area.bottom()), int(area.right()), int(area.bottom())
            )

        # bars and their values
        for bar in self._bars:
            colour = QColor(self._colours[bar.series])
            if self._hover == (bar.index, bar.series):
                colour = colour.lighter(125)
            painter.fillRect(bar.rect, colour)
            painter.setPen(text)
            value = number(bar.value)
            w = fm.horizontalAdvance(value)
            if horizontal:
                if bar.rect.height() >= fm.ascent() * 0.8:
                    y = bar.rect.center().y() + fm.ascent() / 2 - 1
                    painter.drawText(int(bar.rect.right() + 4), int(y), value)
            elif bar.rect.width() + 6 >= w:
                x = bar.rect.center().x() - w / 2
                painter.drawText(int(x), int(bar.rect.top() - 3), value)

        # category labels
        painter.setPen(text)
        groups = len(self._labels)
        if horizontal:
            slot = area.height() / groups
            for i, label in enumerate(self._labels):
                shown = fm.elidedText(label, Qt.TextElideMode.ElideRight, label_width - 6)
                rect = QRectF(0, area.top() + i * slot, label_width - 4, slot)
                painter.drawText(
                    rect, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), shown
                )
        else:
            slot = area.width() / groups
            for i, label in enumerate(self._labels):
                shown = fm.elidedText(label, Qt.TextElideMode.ElideRight, int(slot) - 2)
                rect = QRectF(area.left() + i * slot, area.bottom() + 4, slot, fm.height() + 2)
                painter.drawText(
                    rect, int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop), shown
                )

    def _paint_legend(self, painter: QPainter, text: QColor) -> None:
        if len(self._series) < 2:
            return
        fm = QFontMetrics(self.font())
        box = fm.ascent() - 2
        x = self.width() - 8
        y = 6
        for s in reversed(range(len(self._series))):
            name = self._series[s][0]
            w = fm.horizontalAdvance(name)
            x -= w
            painter.setPen(text)
            painter.drawText(x, y + fm.ascent(), name)
            x -= box + 5
            painter.fillRect(QRectF(x, y + (fm.height() - box) / 2, box, box), self._colours[s])
            x -= 16

    # --- hover ----------------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            bar = self.bar_at(event.pos())
            if bar is not None:
                QToolTip.showText(event.globalPos(), self.tooltip_for(bar), self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        bar = self.bar_at(event.position().toPoint())
        hover = (bar.index, bar.series) if bar is not None else None
        if hover != self._hover:
            self._hover = hover
            self.update()
        super().mouseMoveEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        if self._hover is not None:
            self._hover = None
            self.update()
        super().leaveEvent(event)
