""" "Sắp đến hạn" on "Tổng quan": what falls due in the next 14 days and the units already late
(:func:`app.services.deadline_calendar.due_within`), whatever the year chosen. Double-click or
Enter on an item, or "Lịch thời hạn…", asks the page to open it (``itemOpened``,
``calendarRequested``); the page decides where it goes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.ui.widgets.calendar_items import ITEM_ROLE, SORT_ROLE, CalendarModel

if TYPE_CHECKING:
    from app.services.deadline_calendar import CalendarItem

DUE_DAYS = 14
COL_DAY, COL_WHEN, COL_WHAT, COL_SOURCE, COL_NOTE = range(5)


def _tr(text: str) -> str:
    return QCoreApplication.translate("DuePanel", text)


class DuePanel(QGroupBox):
    itemOpened = Signal(object)  # the CalendarItem double-clicked or entered
    calendarRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("duePanel")
        self.model = CalendarModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setObjectName("dueTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_DAY, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.setColumnHidden(COL_NOTE, True)  # in the tooltip: the list stays narrow
        header = self.table.horizontalHeader()
        for column in (COL_DAY, COL_WHEN, COL_WHAT):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_SOURCE, QHeaderView.ResizeMode.Stretch)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setAccessibleDescription(_tr("Nhấp đúp hoặc Enter để mở việc"))
        self.table.activated.connect(self._activated)
        self.empty_label = QLabel()
        self.empty_label.setObjectName("noDueLabel")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty_label)
        self.calendar_button = QPushButton(_tr("&Lịch thời hạn…"))
        self.calendar_button.setObjectName("calendarButton")
        self.calendar_button.setToolTip(
            _tr("Mọi mốc của năm: phong trào, thời hạn của tỉnh, đơn vị trễ hạn")
        )
        self.calendar_button.clicked.connect(lambda _checked=False: self.calendarRequested.emit())
        foot = QHBoxLayout()
        foot.addStretch(1)
        foot.addWidget(self.calendar_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack, 1)
        layout.addLayout(foot)
        self.set_items([])

    def set_items(self, items: list[CalendarItem]) -> None:
        self.model.set_items(list(items))
        late = sum(1 for i in items if i.days_left < 0)
        title = _tr("Sắp đến hạn ({days} ngày tới)").format(days=DUE_DAYS)
        if late:
            title += " · " + _tr("{n} quá hạn").format(n=late)
        self.setTitle(title)
        if items:
            self.stack.setCurrentWidget(self.table)
        else:
            self.empty_label.setText(
                _tr("Không có việc nào đến hạn trong {days} ngày tới.").format(days=DUE_DAYS)
            )
            self.stack.setCurrentWidget(self.empty_label)

    def items(self) -> list[CalendarItem]:
        """The items in the order shown."""
        return [self.proxy.index(r, 0).data(ITEM_ROLE) for r in range(self.proxy.rowCount())]

    def row_of(self, item: CalendarItem) -> int:
        return self.items().index(item)

    def _activated(self, index: QModelIndex) -> None:
        item = index.data(ITEM_ROLE)
        if item is not None:
            self.itemOpened.emit(item)
