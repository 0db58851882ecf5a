"""The "Quỹ thi đua, khen thưởng" tab (issue 26, domain.md §16): the year's salary fund, the
cap and the campaign share (parameters, defaults of NĐ 152/2025), the allocation and opening
balance; receipts and payments typed by the clerk; the bonuses of the agency's own issued
decisions listed automatically; the balance and warnings; the fund report (the same sheet as
``tdkt export fund-summary``)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import DomainError
from app.domain.vnformat import format_date
from app.excel.forms.save import ExportFileError
from app.excel.fund_summary import write_fund_summary
from app.services import award_fund as svc
from app.services.award_fund import PAYMENT_KINDS, RECEIPT_SOURCES, FundEntry, FundLedger
from app.services.context import AppContext
from app.services.money import parse_amount
from app.services.settings import get_agency
from app.ui.widgets.confirm import confirm_delete
from app.ui.widgets.date_edit import DateEdit

_CONTEXT = "FundPanel"
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMNS = ("Ngày", "Thu/Chi", "Khoản", "Số tiền (đồng)", "Chứng từ", "Ghi chú")


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def _money(n: int) -> str:
    return f"{n:,}".replace(",", ".")


class FundModel(QAbstractTableModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entries: list[FundEntry] = []

    def set_entries(self, entries: list[FundEntry]) -> None:
        self.beginResetModel()
        self.entries = entries
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _tr(COLUMNS[section])
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid():
            return None
        e = self.entries[index.row()]
        if role == ENTRY_ROLE:
            return e
        if role == Qt.ItemDataRole.UserRole:  # sort key
            return (e.day.toordinal(), e.direction, e.kind, e.amount, e.document, e.note)[
                index.column()
            ]
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                e.day.strftime("%d/%m/%Y"),
                _tr("Thu") if e.direction == "THU" else _tr("Chi"),
                e.kind_name,
                _money(e.amount),
                e.document,
                e.note,
            )[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class FundPanel(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.ledger: FundLedger | None = None
        self.year_spin = QSpinBox()
        self.year_spin.setRange(2000, 2100)
        self.year_spin.setValue(date.today().year)
        self.year_spin.valueChanged.connect(lambda _y: self.reload())
        self.salary_edit = QLineEdit()
        self.salary_doc_edit = QLineEdit()
        self.cap_edit = QLineEdit()
        self.share_edit = QLineEdit()
        self.allocated_edit = QLineEdit()
        self.opening_edit = QLineEdit()
        self.save_button = QPushButton(_tr("Lưu thông tin quỹ"))
        self.save_button.clicked.connect(lambda _c=False: self.save_header())
        form = QFormLayout()
        form.addRow(_tr("Năm:"), self.year_spin)
        form.addRow(_tr("Quỹ tiền lương của năm (đồng):"), self.salary_edit)
        form.addRow(_tr("Văn bản giao quỹ lương:"), self.salary_doc_edit)
        form.addRow(_tr("Tỷ lệ trích tối đa (%):"), self.cap_edit)
        form.addRow(_tr("Tỷ lệ chi công tác thi đua (%):"), self.share_edit)
        form.addRow(_tr("Số trích lập trong năm (đồng):"), self.allocated_edit)
        form.addRow(_tr("Số dư đầu năm (đồng):"), self.opening_edit)
        form.addRow("", self.save_button)

        self.direction_combo = QComboBox()
        self.direction_combo.addItem(_tr("Thu"), "THU")
        self.direction_combo.addItem(_tr("Chi"), "CHI")
        self.direction_combo.currentIndexChanged.connect(lambda _i: self._fill_kinds())
        self.kind_combo = QComboBox()
        self.day_edit = DateEdit(date.today())  # the program's date widget
        self.amount_edit = QLineEdit()
        self.amount_edit.setPlaceholderText(_tr("Số tiền"))
        self.document_edit = QLineEdit()
        self.document_edit.setPlaceholderText(_tr("Chứng từ"))
        self.add_button = QPushButton(_tr("Thêm khoản"))
        self.add_button.clicked.connect(lambda _c=False: self.add_entry())
        self.remove_button = QPushButton(_tr("Xóa khoản đã chọn"))
        self.remove_button.clicked.connect(lambda _c=False: self.remove_selected())
        self.export_button = QPushButton(_tr("Xuất báo cáo quỹ…"))
        self.export_button.clicked.connect(lambda _c=False: self.export())
        entry_row = QHBoxLayout()
        for w in (
            self.direction_combo,
            self.kind_combo,
            self.day_edit,
            self.amount_edit,
            self.document_edit,
            self.add_button,
        ):
            entry_row.addWidget(w)
        self._fill_kinds()

        self.model = FundModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(Qt.ItemDataRole.UserRole)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setMinimumHeight(220)
        self.balance_label = QLabel()
        self.balance_label.setObjectName("balanceLabel")
        self.warnings_label = QLabel()
        self.warnings_label.setWordWrap(True)
        self.warnings_label.setStyleSheet("color: #a33;")
        buttons = QHBoxLayout()
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)

        layout = QVBoxLayout(self)
        note = QLabel(
            _tr(
                "Tiền thưởng theo các quyết định của cơ quan đã ban hành được ghi chi tự động "
                "(cấp nào quyết định, cấp đó chi thưởng: Nghị định 152/2025/NĐ-CP Điều 47 khoản "
                "2). Trích lập tối đa 20% quỹ tiền lương (Điều 46 khoản 3 điểm a); chi công tác "
                "thi đua, tuyên truyền tối đa 20% quỹ (Điều 48 khoản 1 điểm a)."
            )
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addLayout(entry_row)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.balance_label)
        layout.addWidget(self.warnings_label)
        self._loaded = False

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if not self._loaded:
            self._loaded = True
            self.reload()

    def _fill_kinds(self) -> None:
        names = RECEIPT_SOURCES if self.direction_combo.currentData() == "THU" else PAYMENT_KINDS
        self.kind_combo.clear()
        for code, name in names.items():
            self.kind_combo.addItem(name, code)

    def year(self) -> int:
        return self.year_spin.value()

    def reload(self) -> None:
        self.ledger = self.ctx.read(svc.fund_ledger, self.year())
        fund = self.ledger.fund
        self.salary_edit.setText(_money(fund.salary_fund))
        self.salary_doc_edit.setText(fund.salary_fund_document)
        self.cap_edit.setText(str(fund.cap_pct))
        self.share_edit.setText(str(fund.campaign_share_pct))
        self.allocated_edit.setText(_money(fund.allocated))
        self.opening_edit.setText(_money(fund.opening_balance))
        self.model.set_entries([*self.ledger.receipts, *self.ledger.payments])
        self.table.resizeColumnsToContents()
        self.balance_label.setText(
            _tr("Quỹ năm {y}: thu {a} đồng · chi {p} đồng · còn {b} đồng").format(
                y=self.year(),
                a=_money(self.ledger.available),
                p=_money(self.ledger.payments_total),
                b=_money(self.ledger.balance),
            )
        )
        self.warnings_label.setText("\n".join(self.ledger.warnings))

    def _warn(self, text: str) -> None:
        QMessageBox.warning(self, _tr("Quỹ thi đua, khen thưởng"), text)

    def save_header(self) -> bool:
        assert self.ledger is not None
        amounts = [
            parse_amount(e.text() or "0")
            for e in (self.salary_edit, self.allocated_edit, self.opening_edit)
        ]
        try:
            cap, share = (
                Decimal(self.cap_edit.text().replace(",", ".")),
                Decimal(self.share_edit.text().replace(",", ".")),
            )
        except InvalidOperation:
            self._warn(_tr("Tỷ lệ phải là số"))
            return False
        if any(a is None for a in amounts):
            self._warn(_tr("Số tiền không hợp lệ"))
            return False
        salary, allocated, opening = (int(a or 0) for a in amounts)
        fund = replace(
            self.ledger.fund,
            salary_fund=salary,
            salary_fund_document=self.salary_doc_edit.text().strip(),
            cap_pct=cap,
            campaign_share_pct=share,
            allocated=allocated,
            opening_balance=opening,
        )
        try:
            self.ctx.write(svc.save_fund_year, fund)
        except DomainError as exc:
            self._warn(str(exc))
            return False
        self.reload()
        return True

    def add_entry(self) -> bool:
        assert self.ledger is not None
        amount = parse_amount(self.amount_edit.text())
        if not amount:
            self._warn(_tr("Nhập số tiền của khoản thu, chi"))
            return False
        if self.day_edit.problem():  # an impossible date is refused with its message
            self._warn(_tr("Ngày: {problem}").format(problem=self.day_edit.problem()))
            return False
        entry = FundEntry(
            direction=self.direction_combo.currentData(),
            kind=self.kind_combo.currentData(),
            day=self.day_edit.date_value(),
            amount=amount,
            document=self.document_edit.text().strip(),
        )
        try:
            self.ctx.write(
                svc.add_entry, self.year(), entry, expected_version=self.ledger.fund.version
            )
        except DomainError as exc:
            self._warn(str(exc))
            return False
        self.amount_edit.clear()
        self.document_edit.clear()
        self.reload()
        return True

    def remove_selected(self) -> bool:
        assert self.ledger is not None
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return False
        entry = rows[0].data(ENTRY_ROLE)
        if not isinstance(entry, FundEntry) or entry.auto:
            self._warn(_tr("Khoản chi tiền thưởng theo quyết định được ghi tự động, không xóa"))
            return False
        question = _tr("Xóa khoản {direction} “{kind}” {amount} đồng ngày {day}?").format(
            direction=_tr("thu") if entry.direction == "THU" else _tr("chi"),
            kind=entry.kind_name,
            amount=_money(entry.amount),
            day=format_date(entry.day),
        )
        if not confirm_delete(self, _tr("Xóa khoản thu, chi"), question):
            return False
        index = list(self.ledger.fund.entries).index(entry)
        try:
            self.ctx.write(
                svc.remove_entry, self.year(), index, expected_version=self.ledger.fund.version
            )
        except DomainError as exc:
            self._warn(str(exc))
            return False
        self.reload()
        return True

    def export(self, target: str | None = None) -> Path | None:
        assert self.ledger is not None
        if target is None:
            target, _f = QFileDialog.getSaveFileName(
                self, _tr("Xuất báo cáo quỹ"), f"quy-tdkt-{self.year()}.xlsx", "Excel (*.xlsx)"
            )
            if not target:
                return None
        agency = self.ctx.read(get_agency)
        try:
            return write_fund_summary(self.ledger, target, agency=agency.agency)
        except ExportFileError as exc:
            self._warn(str(exc))
            return None
