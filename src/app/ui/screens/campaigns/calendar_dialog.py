"""The deadlines calendar of a year (issue 26, :mod:`app.services.deadline_calendar`): the
campaigns' dates, the provincial deadlines (editable: the defaults are examples, domain.md
§6.3) and the units late with their sign-ups, in a sortable table; overdue items in red."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, QSortFilterProxyModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import DomainError
from app.domain.vnformat import format_count
from app.services import deadline_calendar as svc
from app.services.context import AppContext
from app.services.deadline_calendar import CalendarEntry, CalendarItem
from app.ui.widgets.calendar_items import SORT_ROLE, CalendarModel
from app.ui.widgets.date_edit import DateEdit


def _tr(text: str) -> str:
    return QCoreApplication.translate("CalendarDialog", text)


class EntriesDialog(QDialog):
    """The provincial deadlines of the year, one date each."""

    def __init__(self, entries: list[CalendarEntry], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_tr("Thời hạn của tỉnh"))
        self.entries = entries
        self.edits: list[DateEdit] = []  # the program's date widget
        form = QFormLayout()
        for e in entries:
            edit = DateEdit(e.day)
            edit.setToolTip(e.basis)
            self.edits.append(edit)
            form.addRow(e.what, edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def accept(self) -> None:
        """An impossible date is refused with its message (the dialog stays open)."""
        wrong = [
            f"{e.what}: {edit.problem()}"
            for e, edit in zip(self.entries, self.edits, strict=True)
            if edit.problem()
        ]
        if wrong:
            QMessageBox.warning(self, self.windowTitle(), "\n".join(wrong))
            return
        super().accept()

    def values(self) -> list[CalendarEntry]:
        out = []
        for e, edit in zip(self.entries, self.edits, strict=True):
            out.append(CalendarEntry(e.key, e.what, edit.date_value(), e.basis))
        return out


class CalendarDialog(QDialog):
    def __init__(
        self, ctx: AppContext, year: int, parent: QWidget | None = None, today: date | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.year = year
        self.today = today or date.today()
        self.setWindowTitle(_tr("Lịch thời hạn năm {y}").format(y=year))
        self.resize(900, 520)
        self.due_only = QCheckBox(_tr("Chỉ những việc đến hạn trong 14 ngày và đơn vị trễ hạn"))
        self.due_only.toggled.connect(lambda _c: self.reload())
        self.edit_button = QPushButton(_tr("Sửa thời hạn của tỉnh…"))
        self.edit_button.clicked.connect(lambda _c=False: self.edit_entries())
        self.model = CalendarModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.counts_label = QLabel()
        top = QHBoxLayout()
        top.addWidget(self.due_only)
        top.addStretch(1)
        top.addWidget(self.edit_button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.counts_label)
        layout.addWidget(close)
        self.reload()

    def reload(self) -> None:
        if self.due_only.isChecked():
            items = self.ctx.read(svc.due_within, self.today)
        else:
            items = self.ctx.read(svc.calendar, self.year, self.today)
        self.model.set_items(items)
        self.table.resizeColumnsToContents()
        late = sum(1 for i in items if i.kind == svc.KIND_LATE_UNIT)
        self.counts_label.setText(
            _tr("{n} mốc · {late} đơn vị trễ hạn đăng ký").format(
                n=format_count(len(items)), late=format_count(late)
            )
        )

    def select_item(self, item: CalendarItem) -> bool:
        """Select ``item`` (one asked from "Tổng quan") when the calendar lists it."""
        if item not in self.model.items:
            return False
        index = self.proxy.mapFromSource(self.model.index(self.model.items.index(item), 0))
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        self.table.setFocus()
        return True

    def edit_entries(self, dialog: EntriesDialog | None = None) -> bool:
        entries, version = self.ctx.read(svc.provincial_entries, self.year)
        dialog = dialog or EntriesDialog(entries, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        try:
            self.ctx.write(
                svc.save_provincial_entries, self.year, dialog.values(), expected_version=version
            )
        except DomainError as exc:
            QMessageBox.warning(self, _tr("Thời hạn của tỉnh"), str(exc))
            return False
        self.reload()
        return True
