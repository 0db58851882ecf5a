"""Base salary (lương cơ sở) by effective date and the bonus calculation method (domain.md §5).

:class:`SalaryPanel` lists the table (Từ ngày | Mức lương cơ sở (đồng) | Căn cứ | Đã xác minh)
with Thêm / Sửa / Xóa; editing or deleting a step asks first, and says how many issued
decisions take their amounts from it. The method for collectives and households (A or B) is
saved as soon as the clerk picks it; the Decree does not settle it, so the panel says to ask
the accountant (UNVERIFIED, domain.md §5.2).

:class:`SalaryStepDialog` follows the dialog contract: ``load(step)``, ``values()``,
``validate()`` (the service's rules), ``accept()`` refusing while problems remain.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import ConflictError, DomainError, ValidationError
from app.domain.money import METHOD_A, METHOD_B, SalaryStep
from app.domain.vnformat import format_count, format_date, format_money
from app.services.context import AppContext
from app.services.money import (
    METHOD_NAMES,
    add_salary_step,
    delete_salary_step,
    money_method,
    parse_amount,
    salary_step_usage,
    salary_steps,
    set_money_method,
    update_salary_step,
    validate_salary_step,
)
from app.ui.screens.units.people_model import (
    OBJECT_ROLE,
    Column,
    RecordTableModel,
    current_object,
    make_table,
)
from app.ui.screens.units.unit_dialogs import UnitFormDialog, date_edit, date_of

__all__ = ["COL_AMOUNT", "COL_BASIS", "COL_FROM", "COL_VERIFIED", "SalaryPanel", "SalaryStepDialog"]

_CONTEXT = "SalaryPanel"
COL_FROM, COL_AMOUNT, COL_BASIS, COL_VERIFIED = range(4)


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def _columns() -> list[Column]:
    return [
        Column(
            _tr("Từ ngày"),
            lambda s: format_date(s.effective_from),
            lambda s: s.effective_from.toordinal(),
        ),
        Column(_tr("Mức lương cơ sở (đồng)"), lambda s: format_money(s.amount), lambda s: s.amount),
        Column(_tr("Căn cứ"), lambda s: s.legal_basis),
        Column(
            _tr("Đã xác minh"),
            lambda s: _tr("Đã xác minh") if s.verified else _tr("Chưa xác minh"),
            lambda s: int(s.verified),
        ),
    ]


class SalaryModel(RecordTableModel):
    """The steps; amounts right-aligned, unverified steps in amber."""

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid():
            step: SalaryStep = self._rows[index.row()]
            if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == COL_AMOUNT:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if role == Qt.ItemDataRole.ForegroundRole and not step.verified:
                return QColor("#9a5b00")
        return super().data(index, role)


class SalaryStepDialog(UnitFormDialog):
    """Add or correct one base salary step."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_tr("Thêm mức lương cơ sở"), parent)
        self.from_edit = date_edit(date(date.today().year, 7, 1))
        self.from_edit.setObjectName("salaryFrom")
        self.amount_edit = QLineEdit()
        self.amount_edit.setObjectName("salaryAmount")
        self.amount_edit.setPlaceholderText("2.530.000")
        self.amount_edit.editingFinished.connect(self._tidy_amount)
        self.basis_edit = QLineEdit()
        self.basis_edit.setObjectName("salaryBasis")
        self.basis_edit.setPlaceholderText(_tr("Nghị định 161/2026/NĐ-CP, Điều 3 khoản 2"))
        self.verified_check = QCheckBox(_tr("Đã đối chiếu với văn bản gốc"))
        self.verified_check.setObjectName("salaryVerified")
        self.form.addRow(_tr("Áp dụng từ ngày:"), self.from_edit)
        self.form.addRow(_tr("Mức lương cơ sở (đồng/tháng):"), self.amount_edit)
        self.form.addRow(_tr("Căn cứ pháp lý:"), self.basis_edit)
        self.form.addRow(_tr("Xác minh:"), self.verified_check)
        self.set_note(
            _tr(
                "Tiền thưởng dùng mức lương cơ sở có hiệu lực vào ngày ký quyết định "
                "(Nghị định 152/2025/NĐ-CP, Điều 49 khoản 1)."
            )
        )

    def load(self, step: SalaryStep) -> None:
        self.setWindowTitle(_tr("Sửa mức lương cơ sở"))
        day = step.effective_from
        self.from_edit.setDate(QDate(day.year, day.month, day.day))
        self.amount_edit.setText(format_money(step.amount))
        self.basis_edit.setText(step.legal_basis)
        self.verified_check.setChecked(step.verified)

    def _tidy_amount(self) -> None:
        amount = parse_amount(self.amount_edit.text())
        if amount is not None:
            self.amount_edit.setText(format_money(amount))

    def values(self) -> SalaryStep:
        return SalaryStep(
            effective_from=date_of(self.from_edit),
            amount=parse_amount(self.amount_edit.text()) or 0,
            legal_basis=self.basis_edit.text(),
            verified=self.verified_check.isChecked(),
        )

    def validate(self) -> list[str]:
        text = self.amount_edit.text().strip()
        if not text:
            return [_tr("Chưa nhập mức lương cơ sở")]
        if parse_amount(text) is None:
            return [
                _tr("Mức lương cơ sở '{t}' không phải số nguyên đồng (ví dụ 2.530.000)").format(
                    t=text
                )
            ]
        return validate_salary_step(self.values())


class SalaryPanel(QWidget):
    """The base salary table and the calculation method, saved through the money service."""

    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.dialog: SalaryStepDialog | None = None
        self.model = SalaryModel(_columns(), self)
        self.view, self.proxy = make_table(self.model, sort_column=COL_FROM, stretch=COL_BASIS)
        self.view.setObjectName("salaryTable")
        self.view.doubleClicked.connect(lambda _index: self.edit_step())
        self.add_button = QPushButton(_tr("&Thêm mức lương..."))
        self.edit_button = QPushButton(_tr("&Sửa..."))
        self.delete_button = QPushButton(_tr("&Xóa"))
        self.view.setMaximumHeight(self.view.verticalHeader().defaultSectionSize() * 9)
        self.add_button.setToolTip(_tr("Thêm (Ctrl+N, Insert)"))
        self.edit_button.setToolTip(_tr("Sửa dòng đang chọn (Enter)"))
        self.delete_button.setToolTip(_tr("Xóa dòng đang chọn (Delete)"))
        for keys, slot in (
            (QKeySequence.StandardKey.New, self.add_step),
            (QKeySequence(Qt.Key.Key_Insert), self.add_step),
            (QKeySequence(Qt.Key.Key_Delete), self.delete_step),
            (QKeySequence(Qt.Key.Key_Return), self.edit_step),
        ):
            QShortcut(keys, self.view, slot, context=Qt.ShortcutContext.WidgetShortcut)
        self.add_button.clicked.connect(self.add_step)
        self.edit_button.clicked.connect(self.edit_step)
        self.delete_button.clicked.connect(self.delete_step)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)

        table_box = QGroupBox(_tr("Mức lương cơ sở theo ngày hiệu lực"))
        table_layout = QVBoxLayout(table_box)
        hint = QLabel(
            _tr(
                "Tiền thưởng = hệ số × mức lương cơ sở có hiệu lực vào ngày ký quyết định, làm "
                "tròn lên hàng chục nghìn đồng (Nghị định 152/2025/NĐ-CP, Điều 49). Mức chưa "
                "xác minh hiện màu vàng nâu: hãy đối chiếu với văn bản gốc."
            )
        )
        hint.setWordWrap(True)
        table_layout.addWidget(hint)
        table_layout.addWidget(self.view)
        table_layout.addLayout(buttons)

        method_box = QGroupBox(_tr("Cách tính tiền thưởng cho tập thể và hộ gia đình"))
        method_layout = QVBoxLayout(method_box)
        self.method_a = QRadioButton(_tr(METHOD_NAMES[METHOD_A]))
        self.method_b = QRadioButton(_tr(METHOD_NAMES[METHOD_B]))
        self.method_a.setObjectName("methodA")
        self.method_b.setObjectName("methodB")
        self.method_group = QButtonGroup(self)
        self.method_group.addButton(self.method_a)
        self.method_group.addButton(self.method_b)
        explanation = QLabel(
            _tr(
                "CHƯA XÁC MINH - hỏi ý kiến kế toán: Nghị định 152/2025/NĐ-CP cho tập thể "
                '"gấp hai lần" và hộ gia đình "bằng 1,5 lần" mức tiền thưởng của cá nhân '
                "nhưng không nói làm tròn trước hay sau khi nhân. Hai cách có thể lệch nhau "
                "10.000 đồng, ví dụ Giấy khen tập thể với lương cơ sở 2.340.000: cách A "
                "1.410.000 đồng, cách B 1.420.000 đồng. Chương trình mặc định cách B."
            )
        )
        explanation.setWordWrap(True)
        explanation.setObjectName("methodExplanation")
        self.method_status = QLabel()
        method_layout.addWidget(self.method_a)
        method_layout.addWidget(self.method_b)
        method_layout.addWidget(explanation)
        method_layout.addWidget(self.method_status)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(table_box)
        layout.addWidget(method_box)
        self.reload()
        self.method_a.toggled.connect(self._method_toggled)

    # ---- data

    def reload(self) -> None:
        self.model.set_rows(self.ctx.read(salary_steps))
        self.view.resizeColumnsToContents()
        method = self.ctx.read(money_method)
        button = self.method_a if method == METHOD_A else self.method_b
        blocked = self.method_a.blockSignals(True)
        button.setChecked(True)
        self.method_a.blockSignals(blocked)

    def steps(self) -> list[SalaryStep]:
        return self.model.rows()

    def selected(self) -> SalaryStep | None:
        step = current_object(self.view)
        return step if isinstance(step, SalaryStep) else None

    def select(self, effective_from: date) -> None:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if self.proxy.data(index, OBJECT_ROLE).effective_from == effective_from:
                self.view.setCurrentIndex(index)
                return

    # ---- actions

    def _open(self, dialog: SalaryStepDialog, write: Callable[[SalaryStep], object]) -> None:
        """Show ``dialog`` (window-modal, not blocking, as ``self.dialog``); Lưu runs
        ``write(values)`` in one transaction and keeps the dialog open on a refusal."""
        if self.dialog is not None:  # one at a time
            dialog.deleteLater()
            self.dialog.activateWindow()
            return

        def commit(step: SalaryStep) -> bool:
            try:
                write(step)
            except ValidationError as exc:
                dialog.show_problems(exc.problems)
                return False
            except ConflictError as exc:  # the step changed meanwhile: show it as stored now
                QMessageBox.warning(self, _tr("Không lưu được"), str(exc))
                dialog.reject()
                self.reload()
                return False
            except DomainError as exc:
                dialog.show_problems([str(exc)])
                return False
            self._after(step.effective_from)
            return True

        dialog.set_committer(commit)
        dialog.finished.connect(lambda _result: self._closed(dialog))
        self.dialog = dialog
        dialog.open()

    def _closed(self, dialog: SalaryStepDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()
        self.view.setFocus()

    def add_step(self) -> None:
        self._open(SalaryStepDialog(self), lambda step: self.ctx.write(add_salary_step, step))

    def edit_step(self) -> None:
        step = self.selected()
        if step is None:
            QMessageBox.information(
                self, _tr("Sửa mức lương cơ sở"), _tr("Hãy chọn một dòng trong bảng trước.")
            )
            return
        used = self.ctx.read(salary_step_usage, step.effective_from)
        if used and not self._confirm(
            _tr("Sửa mức lương cơ sở"),
            _tr(
                "Đã có {n} quyết định ban hành trong thời gian áp dụng mức {amount} đồng. "
                "Sửa mức này sẽ làm thay đổi số tiền in lại trên danh sách chi của các quyết "
                "định đó. Vẫn sửa?"
            ).format(n=format_count(used), amount=format_money(step.amount)),
        ):
            return
        dialog = SalaryStepDialog(self)
        dialog.load(step)
        old = step.effective_from
        self._open(
            dialog,
            lambda new: self.ctx.write(update_salary_step, old, new, expected_version=step.version),
        )

    def delete_step(self) -> None:
        step = self.selected()
        if step is None:
            QMessageBox.information(
                self, _tr("Xóa mức lương cơ sở"), _tr("Hãy chọn một dòng trong bảng trước.")
            )
            return
        used = self.ctx.read(salary_step_usage, step.effective_from)
        text = _tr("Xóa mức lương cơ sở {amount} đồng áp dụng từ ngày {day}?").format(
            amount=format_money(step.amount), day=format_date(step.effective_from)
        )
        if used:
            text += " " + _tr(
                "{n} quyết định đã ban hành đang dùng mức này: số tiền của chúng sẽ tính theo "
                "mức liền trước."
            ).format(n=format_count(used))
        if not self._confirm(_tr("Xóa mức lương cơ sở"), text):
            return
        try:
            self.ctx.write(delete_salary_step, step.effective_from, expected_version=step.version)
        except DomainError as exc:
            QMessageBox.warning(self, _tr("Không xóa được"), str(exc))
            return
        self.reload()
        self.changed.emit()

    def _confirm(self, title: str, text: str) -> bool:
        buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
        answer = QMessageBox.question(self, title, text, buttons, QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def _after(self, effective_from: date) -> None:
        self.reload()
        self.select(effective_from)
        self.changed.emit()

    def _method_toggled(self, _checked: bool) -> None:
        method = METHOD_A if self.method_a.isChecked() else METHOD_B
        self.ctx.write(set_money_method, method)
        self.method_status.setText(_tr("Đã lưu: cách {m}").format(m=method))
        self.changed.emit()
