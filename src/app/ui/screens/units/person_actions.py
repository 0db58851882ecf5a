"""Small dialogs of the staff directory: transfer, leave, grade, duplicates, merge (the
discipline dialog is in ``person_discipline``).

Each follows the dialog contract: ``load(values)``, ``values()``, ``validate() -> list[str]``
(rules in ``app.services.people_view``), ``accept()`` refuses while errors remain and shows
them inside the dialog.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.domain.people import LEFT_REASONS
from app.domain.vnformat import format_count
from app.services import people_view as pv
from app.services.people import DuplicateCandidate
from app.services.reference import codes
from app.services.units import UnitDTO
from app.ui.screens.units.people_model import (
    OBJECT_ROLE,
    RecordTableModel,
    candidate_birth,
    candidate_columns,
    current_object,
    group_columns,
    make_table,
)
from app.ui.widgets.date_edit import DateEdit


def _tr(text: str) -> str:
    return QCoreApplication.translate("PersonActions", text)


# ---------------------------------------------------------------- shared widgets


class DateLineEdit(DateEdit):
    """An optional date (the program's date widget): dd/mm/yyyy typed (also 5/2/26,
    05.02.2026) or picked in the calendar; empty means no date. ``year_alone``: a year by
    itself is accepted (a date of birth)."""

    def __init__(
        self, value: date | None = None, parent: QWidget | None = None, *, year_alone: bool = False
    ) -> None:
        super().__init__(value, parent, optional=True, year_alone=year_alone)
        self.setClearButtonEnabled(True)

    def set_date(self, value: date | None) -> None:
        self.setDate(value)


class UnitCombo(QComboBox):
    """Current units in tree order, indented by depth; ``unit_id()`` is the chosen one."""

    def set_units(self, units: Sequence[UnitDTO], selected: int | None = None) -> None:
        self.clear()
        self.addItem(_tr("— chọn đơn vị —"), None)
        for u in units:
            self.addItem("    " * u.depth + u.full_name, u.id)
        self.setCurrentIndex(max(0, self.findData(selected)) if selected is not None else 0)

    def unit_id(self) -> int | None:
        value = self.currentData()
        return int(value) if value is not None else None


def position_edit(text: str = "") -> QLineEdit:
    """A "Chức vụ" field completing the titles of the position ranks table."""
    edit = QLineEdit(text)
    completer = QCompleter([title for title, _, _ in codes().position_ranks], edit)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    edit.setCompleter(completer)
    return edit


def code_combo(table: str, *, empty: str | None = None) -> QComboBox:
    """A combo of a code table (``codes().table``), the code as item data."""
    combo = QComboBox()
    if empty is not None:
        combo.addItem(empty, None)
    for entry in codes().table(table):
        combo.addItem(entry.name, entry.code)
    return combo


def select_data(combo: QComboBox, value: Any) -> None:
    combo.setCurrentIndex(max(0, combo.findData(value)))


def error_label() -> QLabel:
    """The red label inside a dialog that lists what stops it from being accepted."""
    label = QLabel()
    label.setObjectName("errorLabel")
    label.setStyleSheet("color: #b00020;")
    label.setWordWrap(True)
    label.hide()
    return label


def show_problems(label: QLabel, problems: list[str]) -> None:
    label.setText("\n".join(f"• {p}" for p in problems))
    label.setVisible(bool(problems))


def confirm(parent: QWidget, title: str, text: str) -> bool:
    """Ask Có / Không (Không the default button); True only for Có."""
    answer = QMessageBox.question(
        parent,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def push_button(text: str, slot: Callable[[], Any]) -> QPushButton:
    button = QPushButton(text)
    button.clicked.connect(lambda _checked=False: slot())
    return button


class FormDialog(QDialog):
    """A form, an error label and OK / Hủy; ``accept()`` refuses while ``validate()`` complains."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.error_label = error_label()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_tr("Đồng ý"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_tr("Hủy"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.layout_ = QVBoxLayout(self)
        self.layout_.addLayout(self.form)
        self.layout_.addWidget(self.error_label)
        self.layout_.addWidget(self.buttons)
        self.setMinimumWidth(460)

    def validate(self) -> list[str]:
        return []

    def accept(self) -> None:
        problems = self.validate()
        show_problems(self.error_label, problems)
        if not problems:
            super().accept()


# ---------------------------------------------------------------- transfer, leave


class TransferDialog(FormDialog):
    """Điều chuyển: new unit, position, and the date it takes effect."""

    def __init__(self, units: Sequence[UnitDTO], person_name: str, parent: QWidget | None = None):
        super().__init__(_tr("Điều chuyển cán bộ: {name}").format(name=person_name), parent)
        self.unit_combo = UnitCombo()
        self.unit_combo.set_units(units)
        self.position_edit = position_edit()
        self.date_edit = DateLineEdit(date.today())
        self.form.addRow(_tr("Đơn vị mới:"), self.unit_combo)
        self.form.addRow(_tr("Chức vụ:"), self.position_edit)
        self.form.addRow(_tr("Ngày hiệu lực:"), self.date_edit)
        self._problems: list[str] = []

    def load(self, v: pv.TransferValues) -> None:
        select_data(self.unit_combo, v.unit_id)
        self.position_edit.setText(v.position_title)
        self.date_edit.set_date(v.effective)

    def values(self) -> pv.TransferValues:
        self._problems = []
        effective = pv.read_date(self.date_edit.text(), _tr("Ngày hiệu lực"), self._problems)
        return pv.TransferValues(self.unit_combo.unit_id(), self.position_edit.text(), effective)

    def validate(self) -> list[str]:
        v = self.values()
        return self._problems + pv.validate_transfer(v)


class LeaveDialog(FormDialog):
    """Đánh dấu nghỉ: date and reason (nghỉ hưu, chuyển công tác...). History is kept."""

    def __init__(self, person_name: str, parent: QWidget | None = None) -> None:
        super().__init__(_tr("Đánh dấu nghỉ: {name}").format(name=person_name), parent)
        self.date_edit = DateLineEdit(date.today())
        self.reason_combo = QComboBox()
        self.reason_combo.setEditable(True)
        self.reason_combo.addItems(list(LEFT_REASONS))
        note = QLabel(
            _tr("Quá trình công tác, xếp loại và khen thưởng của người này được giữ lại.")
        )
        note.setWordWrap(True)
        self.form.addRow(_tr("Ngày nghỉ:"), self.date_edit)
        self.form.addRow(_tr("Lý do:"), self.reason_combo)
        self.form.addRow(note)
        self._problems: list[str] = []

    def load(self, v: pv.LeaveValues) -> None:
        self.date_edit.set_date(v.left_date)
        self.reason_combo.setCurrentText(v.reason)

    def values(self) -> pv.LeaveValues:
        self._problems = []
        left = pv.read_date(self.date_edit.text(), _tr("Ngày nghỉ"), self._problems)
        return pv.LeaveValues(left, self.reason_combo.currentText().strip())

    def validate(self) -> list[str]:
        v = self.values()
        return self._problems + pv.validate_leave(v, date.today())


# ---------------------------------------------------------------- grade


class GradeDialog(FormDialog):
    """Xếp loại chất lượng of one year (an existing year is replaced)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_tr("Xếp loại chất lượng"), parent)
        self.year_spin = QSpinBox()
        self.year_spin.setRange(1990, date.today().year + 1)
        self.year_spin.setValue(date.today().year)
        self.grade_combo = code_combo("grades", empty=_tr("— chọn xếp loại —"))
        self.months_spin = QSpinBox()
        self.months_spin.setRange(0, 12)
        self.months_spin.setValue(12)
        self.note_edit = QLineEdit()
        self.form.addRow(_tr("Năm:"), self.year_spin)
        self.form.addRow(_tr("Xếp loại:"), self.grade_combo)
        self.form.addRow(_tr("Số tháng công tác:"), self.months_spin)
        self.form.addRow(_tr("Ghi chú:"), self.note_edit)

    def load(self, v: pv.GradeValues) -> None:
        self.year_spin.setValue(v.year)
        select_data(self.grade_combo, v.grade)
        self.months_spin.setValue(12 if v.months_worked is None else v.months_worked)
        self.note_edit.setText(v.note)

    def values(self) -> pv.GradeValues:
        grade = self.grade_combo.currentData() or ""
        return pv.GradeValues(
            self.year_spin.value(), grade, self.months_spin.value(), self.note_edit.text()
        )

    def validate(self) -> list[str]:
        return pv.validate_grade(self.values())


# ---------------------------------------------------------------- duplicates


class DuplicateWarningDialog(QDialog):
    """Shown when a new (or edited) person looks like one already stored."""

    CANCEL, OPEN, ADD = 0, 1, 2

    def __init__(self, parent: QWidget | None = None, *, adding: bool = True) -> None:
        super().__init__(parent)
        self.setWindowTitle(_tr("Có thể trùng hồ sơ"))
        self.choice = self.CANCEL
        self.model = RecordTableModel(candidate_columns(), self)
        self.table, _ = make_table(self.model)
        self.table.doubleClicked.connect(lambda _i: self._choose(self.OPEN))
        message = QLabel(
            _tr("Người bạn nhập có thể đã có trong danh sách. Hãy kiểm tra trước khi lưu:")
        )
        message.setWordWrap(True)
        self.open_button = QPushButton(_tr("Mở hồ sơ đã có"))
        self.add_button = QPushButton(_tr("Vẫn thêm người mới") if adding else _tr("Vẫn lưu"))
        self.cancel_button = QPushButton(_tr("Hủy"))
        buttons = QDialogButtonBox()
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.add_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.open_button.clicked.connect(lambda: self._choose(self.OPEN))
        self.add_button.clicked.connect(lambda: self._choose(self.ADD))
        self.cancel_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(message)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(720, 300)

    def load(self, candidates: Sequence[DuplicateCandidate]) -> None:
        self.model.set_rows(candidates)
        self.table.resizeColumnsToContents()
        if candidates:
            self.table.selectRow(0)
        self.open_button.setEnabled(bool(candidates))
        self.cancel_button.setFocus()

    def selected_id(self) -> int | None:
        candidate = current_object(self.table)
        return candidate.id if candidate is not None else None

    def _choose(self, choice: int) -> None:
        if choice == self.OPEN and self.selected_id() is None:
            return
        self.choice = choice
        self.accept()


class MergeDuplicatesDialog(QDialog):
    """Gộp hồ sơ trùng: pick a group, the record to keep, and the records merged into it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_tr("Gộp hồ sơ trùng"))
        self.groups_model = RecordTableModel(group_columns(), self)
        self.groups_table, self._groups_proxy = make_table(self.groups_model, sort_column=0)
        self.members_model = RecordTableModel(candidate_columns(with_id=True), self, checkable=True)
        self.members_table, _ = make_table(self.members_model)
        self.keep_combo = QComboBox()
        self.error_label = error_label()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.merge_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.merge_button.setText(_tr("Gộp hồ sơ"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_tr("Đóng"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        hint = QLabel(
            _tr(
                "Toàn bộ quá trình công tác, xếp loại, sáng kiến, khen thưởng và kỷ luật của các "
                "hồ sơ được đánh dấu sẽ chuyển sang hồ sơ giữ lại; các hồ sơ đó bị xóa. Bỏ dấu "
                "những người chỉ trùng tên."
            )
        )
        hint.setWordWrap(True)
        form = QFormLayout()
        form.addRow(_tr("Hồ sơ giữ lại:"), self.keep_combo)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_tr("Nhóm hồ sơ nghi trùng:")))
        layout.addWidget(self.groups_table, 2)
        layout.addWidget(QLabel(_tr("Các hồ sơ trong nhóm (đánh dấu để gộp):")))
        layout.addWidget(self.members_table, 3)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.groups_table.selectionModel().currentRowChanged.connect(self._group_changed)
        self.resize(780, 560)

    def load(self, groups: Sequence[Sequence[DuplicateCandidate]]) -> None:
        self.groups_model.set_rows([list(g) for g in groups])
        self.groups_table.resizeColumnsToContents()
        if groups:
            self.groups_table.selectRow(0)
        else:
            self._show_members([])

    def _group_changed(self, current: Any, _previous: Any) -> None:
        self._show_members(current.data(OBJECT_ROLE) or [] if current.isValid() else [])

    def _show_members(self, members: Sequence[DuplicateCandidate]) -> None:
        self.members_model.set_rows(members)
        self.members_table.resizeColumnsToContents()
        self.keep_combo.clear()
        for c in members:
            label = ", ".join(x for x in (c.full_name, candidate_birth(c), c.unit_name) if x)
            self.keep_combo.addItem(f"{label} (mã hồ sơ {c.id})", c.id)

    def values(self) -> pv.MergePlan:
        keep = self.keep_combo.currentData()
        drops = tuple(c.id for c in self.members_model.checked_rows() if c.id != keep)
        versions = {c.id: c.version for c in self.members_model.rows()}
        return pv.MergePlan(int(keep) if keep is not None else None, drops, versions)

    def validate(self) -> list[str]:
        return pv.validate_merge(self.values())

    def accept(self) -> None:
        problems = self.validate()
        show_problems(self.error_label, problems)
        if problems:
            return
        plan = self.values()
        if confirm(
            self,
            _tr("Gộp hồ sơ trùng"),
            _tr('Gộp {n} hồ sơ vào hồ sơ "{keep}"? Thao tác này được ghi nhật ký.').format(
                n=format_count(len(plan.drop_ids)), keep=self.keep_combo.currentText()
            ),
        ):
            super().accept()
