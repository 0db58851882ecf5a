"""Qt table model of the audit log entries, fetched page by page as the clerk scrolls.

House rule: column constants, ``SORT_ROLE`` with native values, ``OBJECT_ROLE`` returning the
:class:`~app.services.audit_log.AuditEntry`. The log can hold hundreds of thousands of rows:
the model keeps the pages loaded so far and asks its loader for the next one
(``canFetchMore``/``fetchMore``, keyset on the last id) when the view reaches the bottom.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor

from app.services.audit_log import AuditEntry, AuditPage

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
OBJECT_ROLE = Qt.ItemDataRole.UserRole + 2

COL_TIME = 0
COL_USER = 1
COL_ACTION = 2
COL_RECORD = 3
COL_CHANGES = 4

ModelIndex = QModelIndex | QPersistentModelIndex
Loader = Callable[[int | None], AuditPage]
"""Returns the page of entries below an id (``None``: the newest page)."""

_ACTION_COLOURS = {
    "INSERT": QColor("#1b7a2f"),
    "DELETE": QColor("#b3261e"),
    "REVOKE": QColor("#b3261e"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("AuditModel", text)


def local_time(moment: datetime) -> str:
    """An aware UTC time as the clerk's local dd/mm/yyyy HH:MM."""
    return f"{moment.astimezone():%d/%m/%Y %H:%M}"


class AuditModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[AuditEntry] = []
        self._loader: Loader | None = None
        self._has_more = False
        self._headers = (
            _tr("Thời gian"),
            _tr("Người dùng"),
            _tr("Thao tác"),
            _tr("Bản ghi"),
            _tr("Thay đổi"),
        )

    def load(self, loader: Loader | None) -> None:
        """Start again from the newest entry with ``loader`` (``None``: empty)."""
        self.beginResetModel()
        self._loader = loader
        self._rows = []
        self._has_more = False
        if loader is not None:
            page = loader(None)
            self._rows = list(page.entries)
            self._has_more = page.has_more
        self.endResetModel()

    def rows(self) -> list[AuditEntry]:
        return list(self._rows)

    def row_at(self, row: int) -> AuditEntry:
        return self._rows[row]

    @property
    def has_more(self) -> bool:
        return self._has_more

    # --- lazy fetching ---------------------------------------------------------------------

    def canFetchMore(self, parent: ModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._has_more and self._loader is not None

    def fetchMore(self, parent: ModelIndex = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent) or self._loader is None:
            return
        page = self._loader(self._rows[-1].id if self._rows else None)
        if page.entries:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page.entries) - 1)
            self._rows.extend(page.entries)
            self._has_more = page.has_more
            self.endInsertRows()
        else:
            self._has_more = False

    # --- QAbstractTableModel ---------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        entry = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(entry, column)
        if role == OBJECT_ROLE:
            return entry
        if role == SORT_ROLE:
            return entry.id if column == COL_TIME else self.text(entry, column)
        if role == Qt.ItemDataRole.ToolTipRole and column in (COL_RECORD, COL_CHANGES):
            return self.text(entry, column)
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_ACTION:
            return _ACTION_COLOURS.get(entry.action)
        return None

    def text(self, entry: AuditEntry, column: int) -> str:
        if column == COL_TIME:
            return local_time(entry.at)
        if column == COL_USER:
            return entry.user
        if column == COL_ACTION:
            return entry.action_label
        if column == COL_RECORD:
            return entry.record_label
        summary = entry.summary
        return summary if len(summary) <= 300 else summary[:299] + "…"


class AuditProxy(QSortFilterProxyModel):
    """Sorts by ``SORT_ROLE`` (the log is shown newest first; sorting stays off by default)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
