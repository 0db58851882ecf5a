"""Rule parameters (years, percentages, thresholds) of each rule set, editable and audited.

Values that domain research could not confirm are marked "Chưa xác minh" with their documented
default; a changed value shows the shipped one beside it and can be reset.

"Nhập bộ quy tắc…" loads a rule-set file (the service of ``tdkt import rules``): the file is
checked first without writing anything and the report shown; a refused file changes nothing,
a valid one is stored in one transaction once the clerk confirms, and the list is read again.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import DomainError
from app.domain.vnformat import format_count
from app.services import rules
from app.services.context import AppContext
from app.services.rule_files import import_rule_file, read_rule_file

_CONTEXT = "RulesPanel"
COL_LABEL, COL_VALUE, COL_UNIT, COL_DEFAULT, COL_STATUS, COL_BASIS = range(6)
KEY_ROLE = Qt.ItemDataRole.UserRole + 1
UNVERIFIED_COLOUR = QColor("#9a6700")


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def show_value(value: Any) -> str:
    if isinstance(value, bool):
        return _tr("Có") if value else _tr("Không")
    if isinstance(value, list | dict):  # lists and tables (one achievement, one reward)
        return _tr("{n} mục").format(n=format_count(len(value)))
    if value is None:
        return "—"
    return str(value)


def parse_value(text: str, shipped: Any) -> Any:
    """What the clerk typed, as the service expects it (yes/no texts for switches)."""
    if isinstance(shipped, bool):
        folded = text.strip().lower()
        if folded in ("có", "co", "1", "true", "bật", "bat"):
            return True
        if folded in ("không", "khong", "0", "false", "tắt", "tat"):
            return False
        return text
    return text


class RulesPanel(QGroupBox):
    """One rule set at a time; double-click (or F2) a value to change it."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(_tr("Tham số quy tắc xét thi đua, khen thưởng"), parent)
        self.ctx = ctx
        self._loading = False
        self.set_combo = QComboBox()
        self.set_combo.setObjectName("ruleSetCombo")
        set_label = QLabel(_tr("&Bộ quy tắc:"))
        set_label.setBuddy(self.set_combo)
        self.table = QTableWidget(0, 6)
        self.table.setObjectName("rulesTable")
        self.table.setHorizontalHeaderLabels(
            [
                _tr("Tham số"),
                _tr("Giá trị"),
                _tr("Đơn vị"),
                _tr("Mặc định"),
                _tr("Trạng thái"),
                _tr("Căn cứ"),
            ]
        )
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_LABEL, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_BASIS, QHeaderView.ResizeMode.Interactive)
        self.table.setMinimumHeight(460)
        self.table.setWordWrap(True)
        self.reset_button = QPushButton(_tr("&Khôi phục giá trị mặc định"))
        self.reset_button.setObjectName("resetParameter")
        self.reset_button.clicked.connect(self.reset_selected)
        self.import_button = QPushButton(_tr("&Nhập bộ quy tắc…"))
        self.import_button.setObjectName("importRuleSet")
        self.import_button.setToolTip(
            _tr(
                "Nạp bộ quy tắc mới từ tệp .json (ngày hiệu lực, tham số, tiêu chí): kiểm tra cả "
                "tệp trước, chỉ ghi khi tệp hợp lệ và được xác nhận"
            )
        )
        self.import_button.clicked.connect(lambda _checked=False: self.import_file())
        self.message = QLabel()
        self.message.setObjectName("rulesMessage")
        self.message.setWordWrap(True)
        hint = QLabel(
            _tr(
                "Nhấp đúp (hoặc F2) vào ô Giá trị để sửa. Mọi thay đổi được ghi nhật ký. Tham số "
                "\u201cChưa xác minh\u201d lấy giá trị theo tài liệu nghiệp vụ, cần đối chiếu văn "
                "bản của tỉnh/ngành."
            )
        )
        hint.setWordWrap(True)
        head = QHBoxLayout()
        head.addWidget(set_label)
        head.addWidget(self.set_combo, 1)
        head.addWidget(self.reset_button)
        head.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(head)
        layout.addWidget(self.table)
        layout.addWidget(self.message)
        self.table.itemChanged.connect(self._edited)
        self.set_combo.currentIndexChanged.connect(lambda _i: self.reload())
        self._fill_sets()

    def _fill_sets(self, select: str | None = None) -> None:
        seen: dict[str, str] = {}
        for row in self.ctx.read(rules.list_parameters):
            seen.setdefault(row.rule_set, row.rule_set_name)
        self.set_combo.blockSignals(True)
        self.set_combo.clear()
        for code, name in seen.items():
            self.set_combo.addItem(name, code)
        index = self.set_combo.findData(select) if select is not None else -1
        if index < 0:
            index = max(0, self.set_combo.count() - 1)  # the newest
        self.set_combo.setCurrentIndex(index)
        self.set_combo.blockSignals(False)
        self.reload()

    def reload(self) -> None:
        code = self.set_combo.currentData()
        rows = [r for r in self.ctx.read(rules.list_parameters) if r.rule_set == code]
        # the versions shown: a change passes them back (refused if another clerk changed it)
        self._shown_versions = {r.key: r.version for r in rows}
        self._loading = True
        try:
            self.table.setRowCount(len(rows))
            for index, row in enumerate(rows):
                cells = (
                    row.label,
                    show_value(row.value),
                    row.unit,
                    show_value(row.shipped),
                    _tr("Chưa xác minh") if row.unverified else _tr("Đã xác minh"),
                    row.legal_basis,
                )
                for column, text in enumerate(cells):
                    item = QTableWidgetItem(text)
                    item.setData(KEY_ROLE, row.key)
                    item.setToolTip(f"{row.label}\n{row.legal_basis}")
                    flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                    if column == COL_VALUE and row.editable:
                        flags |= Qt.ItemFlag.ItemIsEditable
                    item.setFlags(flags)
                    if row.unverified and column == COL_STATUS:
                        item.setForeground(QBrush(UNVERIFIED_COLOUR))
                    if column == COL_VALUE and row.changed:
                        font = item.font()
                        font.setBold(True)
                        item.setFont(font)
                    self.table.setItem(index, column, item)
            self.table.resizeColumnToContents(COL_VALUE)
            self.table.resizeColumnToContents(COL_STATUS)
            self.table.setColumnWidth(COL_BASIS, 280)
        finally:
            self._loading = False

    def _row(self, key: str) -> rules.ParameterRow:
        code = self.set_combo.currentData()
        return next(
            r for r in self.ctx.read(rules.list_parameters) if r.rule_set == code and r.key == key
        )

    def _edited(self, item: QTableWidgetItem) -> None:
        if self._loading or item.column() != COL_VALUE:
            return
        key = str(item.data(KEY_ROLE))
        self.set_value(key, item.text())

    def set_value(self, key: str, text: str) -> bool:
        """Save a typed value; a refused one is reported and the shown value restored."""
        code = self.set_combo.currentData()
        row = self._row(key)
        try:
            saved = self.ctx.write(
                rules.set_parameter,
                code,
                key,
                parse_value(text, row.shipped),
                expected_version=self._shown_versions.get(key, row.version),
            )
        except DomainError as exc:
            self.message.setText(str(exc))
            self.message.setStyleSheet("color: #b3261e")
            self.reload()
            return False
        self.message.setStyleSheet("")
        self.message.setText(
            _tr("Đã lưu: {label} = {value}").format(
                label=saved.label, value=show_value(saved.value)
            )
        )
        self.reload()
        return True

    def reset_selected(self) -> None:
        item = self.table.currentItem()
        if item is None:
            return
        key = str(item.data(KEY_ROLE))
        try:
            saved = self.ctx.write(
                rules.reset_parameter,
                self.set_combo.currentData(),
                key,
                expected_version=self._shown_versions.get(key, 0),
            )
        except DomainError as exc:  # changed by another clerk meanwhile: show what is stored
            self.message.setText(str(exc))
            self.message.setStyleSheet("color: #b3261e")
            self.reload()
            return
        self.message.setStyleSheet("")
        self.message.setText(
            _tr("Đã khôi phục: {label} = {value}").format(
                label=saved.label, value=show_value(saved.value)
            )
        )
        self.reload()

    def import_file(self, path: str | None = None) -> bool:
        """Load a rule-set file: checked first (nothing written), the report shown, stored in
        one transaction once the clerk confirms; True when stored."""
        title = _tr("Nhập bộ quy tắc")
        if path is None:
            path, _filter = QFileDialog.getOpenFileName(
                self, title, "", _tr("Bộ quy tắc (*.json);;Mọi tệp (*)")
            )
            if not path:
                return False
        name = Path(path).name
        try:
            data = read_rule_file(Path(path))
            report = self.ctx.read(import_rule_file, data, name, dry_run=True)
        except DomainError as exc:
            QMessageBox.warning(self, title, _tr("{error}. Không ghi gì.").format(error=exc))
            return False
        lines = "\n".join(report.lines())
        if not report.ok:
            QMessageBox.warning(
                self, title, lines + "\n\n" + _tr("Không ghi gì: sửa tệp rồi nhập lại.")
            )
            return False
        buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
        answer = QMessageBox.question(
            self,
            title,
            lines + "\n\n" + _tr("Tệp hợp lệ. Nạp các bộ quy tắc này để dùng khi xét?"),
            buttons,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            stored = self.ctx.write(import_rule_file, data, name)
        except DomainError as exc:
            QMessageBox.warning(self, title, _tr("{error}. Không ghi gì.").format(error=exc))
            return False
        if not stored.written:  # changed meanwhile so that it no longer holds: nothing stored
            QMessageBox.warning(
                self, title, "\n".join(stored.lines()) + "\n\n" + _tr("Không ghi gì.")
            )
            return False
        self.message.setStyleSheet("")
        self.message.setText(
            _tr("Đã nạp {n} bộ quy tắc từ tệp {file}; đã ghi nhật ký.").format(
                n=len(stored.sets), file=name
            )
        )
        self._fill_sets(select=stored.sets[-1].code)
        return True
