"""The quota rules of the Bình xét page: a percentage cap per title and kind of unit."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.codes import SubjectKind
from app.domain.errors import DomainError
from app.services import quotas
from app.services.context import AppContext
from app.services.reference import catalogue, codes
from app.ui.widgets.confirm import confirm_delete

_CONTEXT = "QuotaDialog"
COL_TITLE, COL_KIND, COL_PERCENT, COL_BASE, COL_BLOCK = range(5)


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


class QuotaDialog(QDialog):
    """Edit the quota rules; saved as a whole (validated) when the clerk presses OK."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(_tr("Hạn mức đề nghị khen thưởng"))
        self.resize(820, 360)
        intro = QLabel(
            _tr(
                "Mặc định không có hạn mức (luật hiện hành không quy định tỷ lệ chung). Thêm hạn "
                "mức khi tỉnh hoặc ngành quy định: mỗi đơn vị thuộc loại đã chọn chỉ được đề nghị "
                "tối đa tỷ lệ % của căn cứ (làm tròn xuống). \u201cChặn\u201d: không cho đổi đề "
                "nghị vượt hạn mức; nếu không chỉ cảnh báo."
            )
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("quotaTable")
        self.table.setHorizontalHeaderLabels(
            [
                _tr("Danh hiệu"),
                _tr("Loại đơn vị"),
                _tr("Tỷ lệ tối đa (%)"),
                _tr("Căn cứ"),
                _tr("Chặn"),
            ]
        )
        self.table.horizontalHeader().setSectionResizeMode(
            COL_TITLE, QHeaderView.ResizeMode.Stretch
        )
        self.table.verticalHeader().hide()
        self.add_button = QPushButton(_tr("&Thêm hạn mức"))
        self.add_button.clicked.connect(lambda: self.add_rule(None))
        self.remove_button = QPushButton(_tr("&Xóa dòng đang chọn"))
        self.remove_button.clicked.connect(self._remove)
        self.error_label = QLabel()
        self.error_label.setObjectName("quotaError")
        self.error_label.setStyleSheet("color: #b3261e")
        self.error_label.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        row_buttons = QHBoxLayout()
        row_buttons.addWidget(self.add_button)
        row_buttons.addWidget(self.remove_button)
        row_buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(row_buttons)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        for rule in ctx.read(quotas.get_quotas):
            self.add_rule(rule)

    def add_rule(self, rule: quotas.QuotaRule | None) -> None:
        cat = catalogue()
        row = self.table.rowCount()
        self.table.insertRow(row)
        title = QComboBox()
        base = QComboBox()
        base.addItem(_tr("Số cán bộ của đơn vị"), quotas.BASE_MEMBERS)
        for item in cat.items:
            if SubjectKind.CA_NHAN in item.subjects and not item.history_only:
                title.addItem(item.name, item.code)
                base.addItem(_tr("Số đề nghị {short}").format(short=item.short), item.code)
        kind = QComboBox()
        kind.addItem(_tr("Mọi đơn vị"), quotas.ALL_KINDS)
        for entry in codes().table("unit_kinds"):
            kind.addItem(entry.name, entry.code)
        percent = QDoubleSpinBox()
        percent.setRange(0, 100)
        percent.setDecimals(1)
        percent.setSuffix(" %")
        block = QCheckBox()
        if rule is not None:
            title.setCurrentIndex(max(0, title.findData(rule.title)))
            kind.setCurrentIndex(max(0, kind.findData(rule.unit_kind)))
            percent.setValue(float(rule.percent))
            base.setCurrentIndex(max(0, base.findData(rule.base)))
            block.setChecked(rule.block)
        else:
            title.setCurrentIndex(max(0, title.findData("CSTDCS")))
            percent.setValue(15.0)
        self.table.setCellWidget(row, COL_TITLE, title)
        self.table.setCellWidget(row, COL_KIND, kind)
        self.table.setCellWidget(row, COL_PERCENT, percent)
        self.table.setCellWidget(row, COL_BASE, base)
        self.table.setCellWidget(row, COL_BLOCK, block)
        self.table.setCurrentCell(row, COL_TITLE)

    def _remove(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            return
        title = self.table.cellWidget(row, COL_TITLE)
        name = title.currentText() if isinstance(title, QComboBox) else ""
        question = _tr("Xóa hạn mức “{name}”?").format(name=name)
        if confirm_delete(self, _tr("Xóa hạn mức"), question):
            self.table.removeRow(row)

    def rules(self) -> list[quotas.QuotaRule]:
        out = []
        for row in range(self.table.rowCount()):
            title = self.table.cellWidget(row, COL_TITLE)
            kind = self.table.cellWidget(row, COL_KIND)
            percent = self.table.cellWidget(row, COL_PERCENT)
            base = self.table.cellWidget(row, COL_BASE)
            block = self.table.cellWidget(row, COL_BLOCK)
            assert isinstance(title, QComboBox) and isinstance(kind, QComboBox)
            assert isinstance(percent, QDoubleSpinBox) and isinstance(base, QComboBox)
            assert isinstance(block, QCheckBox)
            out.append(
                quotas.QuotaRule(
                    title=str(title.currentData()),
                    unit_kind=str(kind.currentData()),
                    percent=Decimal(str(round(percent.value(), 1))),
                    base=str(base.currentData()),
                    block=block.isChecked(),
                )
            )
        return out

    def save(self) -> bool:
        try:
            self.ctx.write(quotas.save_quotas, self.rules())
        except DomainError as exc:
            self.error_label.setText(str(exc))
            return False
        self.accept()
        return True
