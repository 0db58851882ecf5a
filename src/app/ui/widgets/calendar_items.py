"""The items of the deadlines calendar (:class:`~app.services.deadline_calendar.CalendarItem`)
as a table model: the calendar dialog of "Phong trào & đăng ký" and the "Sắp đến hạn" list of
"Tổng quan" show them alike (the day, how far it is, what, from where; late units in red)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QWidget

from app.domain.vnformat import format_count
from app.services import deadline_calendar as svc
from app.services.deadline_calendar import CalendarItem

__all__ = ["COLUMNS", "ITEM_ROLE", "KIND_NAMES", "SORT_ROLE", "CalendarModel", "when_text"]

_CONTEXT = "CalendarDialog"
ITEM_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
COLUMNS = ("Ngày", "Còn", "Việc", "Phong trào / căn cứ / đơn vị", "Ghi chú")
KIND_NAMES = {
    svc.KIND_CAMPAIGN: "Phong trào",
    svc.KIND_PROVINCE: "Thời hạn của tỉnh",
    svc.KIND_LATE_UNIT: "Đơn vị trễ hạn",
}


_LATE = QBrush(QColor("#b00020"))  # made once: data() is asked on every paint


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def when_text(n: int) -> str:
    """How far a day is: "Hôm nay", "Còn 3 ngày", "Đã qua 2 ngày"."""
    if n == 0:
        return _tr("Hôm nay")
    if n > 0:
        return _tr("Còn {n} ngày").format(n=format_count(n))
    return _tr("Đã qua {n} ngày").format(n=format_count(-n))


class CalendarModel(QAbstractTableModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.items: list[CalendarItem] = []

    def set_items(self, items: list[CalendarItem]) -> None:
        self.beginResetModel()
        self.items = items
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _tr(COLUMNS[section])
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid():
            return None
        item = self.items[index.row()]
        col = index.column()
        if role == ITEM_ROLE:
            return item
        if role == SORT_ROLE:
            return (item.day.toordinal(), item.days_left, item.what, item.source, item.note)[col]
        if role == Qt.ItemDataRole.DisplayRole:
            kind = _tr(KIND_NAMES.get(item.kind, item.kind))
            return (
                item.day.strftime("%d/%m/%Y"),
                when_text(item.days_left),
                f"{kind}: {item.what}",
                item.source,
                item.note,
            )[col]
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(x for x in (item.what, item.source, item.note) if x)
        if role == Qt.ItemDataRole.ForegroundRole and item.kind == svc.KIND_LATE_UNIT:
            return _LATE
        return None
