"""The deadlines of the year's campaigns as a table: overdue in red, soon (7 days) in orange."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from app.domain.vnformat import format_date
from app.domain.vntext import vi_sort_key
from app.ui.widgets.fonts import bold_font

if TYPE_CHECKING:  # the services load in the worker that reads the figures
    from app.services.dashboard import Deadline

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
OBJECT_ROLE = Qt.ItemDataRole.UserRole + 2

COL_DAY = 0
COL_WHEN = 1
COL_WHAT = 2
COL_CAMPAIGN = 3

OVERDUE_COLOUR = QColor("#c62828")
SOON_COLOUR = QColor("#d35400")

ModelIndex = QModelIndex | QPersistentModelIndex


def _tr(text: str) -> str:
    return QCoreApplication.translate("DeadlineModel", text)


def deadline_colour(deadline: Deadline) -> QColor | None:
    """Red when overdue, orange when due within a week, else none (the palette's text)."""
    if deadline.overdue:
        return OVERDUE_COLOUR
    if deadline.soon:
        return SOON_COLOUR
    return None


class DeadlineModel(QAbstractTableModel):
    HEADERS = ("Ngày", "Còn lại", "Việc", "Phong trào")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Deadline] = []

    def set_rows(self, rows: list[Deadline]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[Deadline]:
        return list(self._rows)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _tr(self.HEADERS[section])
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        d = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                COL_DAY: format_date(d.day),
                COL_WHAT: d.what,
                COL_CAMPAIGN: d.campaign,
                COL_WHEN: d.when,
            }[column]
        if role == SORT_ROLE:
            return {
                COL_DAY: d.day.toordinal(),
                COL_WHAT: vi_sort_key(d.what),
                COL_CAMPAIGN: vi_sort_key(d.campaign),
                COL_WHEN: d.days_left,
            }[column]
        if role == OBJECT_ROLE:
            return d
        if role == Qt.ItemDataRole.ForegroundRole:
            colour = deadline_colour(d)
            return QBrush(colour) if colour is not None else None
        if role == Qt.ItemDataRole.FontRole and column == COL_WHEN and (d.overdue or d.soon):
            return bold_font()
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [f"{d.what}: {format_date(d.day)} ({d.when.lower()})", d.campaign]
            if d.note:
                lines.append(d.note)
            return "\n".join(lines)
        return None


class DeadlineProxy(QSortFilterProxyModel):
    def __init__(self, model: DeadlineModel, parent: Any = None) -> None:
        super().__init__(parent)
        self.setSourceModel(model)
        self.setSortRole(SORT_ROLE)

    def lessThan(self, left: ModelIndex, right: ModelIndex) -> bool:
        a = left.data(SORT_ROLE)
        b = right.data(SORT_ROLE)
        try:
            return bool(a < b)
        except TypeError:
            return str(a) < str(b)
