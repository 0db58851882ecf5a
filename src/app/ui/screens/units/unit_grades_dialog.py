"""Xếp loại tập thể of one unit, year by year, typed by the clerk (issue 5).

Opened from the unit tree ("Xếp loại tập thể…"). A table of the unit's years and grades; Thêm,
Sửa and Xóa each write in their own transaction (``ctx.write``); Xóa and replacing a year that
already has a grade ask first. The small form follows the dialog contract: ``load``,
``values``, ``validate`` (rules in :mod:`app.services.unit_grades`), and ``accept()`` stays
open while the rules or the service refuse, showing why.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import ConflictError, DomainError, ValidationError
from app.domain.vnformat import format_date
from app.services import unit_grades as svc
from app.services.context import AppContext
from app.services.unit_grades import UnitGradeDTO
from app.services.units import UnitDTO
from app.ui.screens.units.people_model import (
    OBJECT_ROLE,
    Column,
    RecordTableModel,
    current_object,
    make_table,
)
from app.ui.screens.units.person_actions import (
    FormDialog,
    code_combo,
    confirm,
    select_data,
    show_problems,
)

_CONTEXT = "UnitGrades"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


@dataclass(frozen=True)
class UnitGradeValues:
    year: int
    grade: str
    note: str


def grade_columns() -> list[Column]:
    return [
        Column(_tr("Năm"), lambda g: str(g.year), lambda g: g.year),
        Column(_tr("Xếp loại"), lambda g: g.grade_name),
        Column(_tr("Mã"), lambda g: g.grade),
        Column(_tr("Ghi chú"), lambda g: g.note or ""),
    ]


class UnitGradeForm(FormDialog):
    """One year's grade. When editing, the year is fixed (delete and add to move a grade)."""

    def __init__(self, unit_name: str, parent: QWidget | None = None, *, editing: bool) -> None:
        title = _tr("Sửa xếp loại tập thể") if editing else _tr("Thêm xếp loại tập thể")
        super().__init__(title, parent)
        self.committer: Callable[[UnitGradeValues], list[str]] | None = None
        unit_label = QLabel(unit_name)
        unit_label.setWordWrap(True)
        self.year_spin = QSpinBox()
        self.year_spin.setRange(svc.FIRST_YEAR, svc.last_year())
        self.year_spin.setValue(date.today().year)
        self.year_spin.setEnabled(not editing)
        self.grade_combo = code_combo("grades", empty=_tr("— chọn xếp loại —"))
        self.note_edit = QLineEdit()
        self.form.addRow(_tr("Đơn vị:"), unit_label)
        for text, widget in (
            (_tr("&Năm:"), self.year_spin),
            (_tr("&Xếp loại:"), self.grade_combo),
            (_tr("&Ghi chú:"), self.note_edit),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            widget.setAccessibleName(text.replace("&", "").rstrip(":"))
            self.form.addRow(label, widget)
        (self.grade_combo if editing else self.year_spin).setFocus()

    def load(self, v: UnitGradeValues) -> None:
        self.year_spin.setValue(v.year)
        select_data(self.grade_combo, v.grade)
        self.note_edit.setText(v.note)

    def values(self) -> UnitGradeValues:
        grade = self.grade_combo.currentData() or ""
        return UnitGradeValues(self.year_spin.value(), grade, self.note_edit.text())

    def validate(self) -> list[str]:
        v = self.values()
        return svc.validate_unit_grade(v.year, v.grade)

    def accept(self) -> None:
        """Close only once the rules and then the write (``committer``) accept the values."""
        problems = self.validate()
        if not problems and self.committer is not None:
            problems = self.committer(self.values())
        show_problems(self.error_label, problems)
        if not problems:
            QDialog.accept(self)


class UnitGradesDialog(QDialog):
    """The grades of one unit. ``changed`` is emitted after every write."""

    changed = Signal()

    def __init__(self, ctx: AppContext, unit: UnitDTO, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.unit = unit
        self.form: UnitGradeForm | None = None  # the small form while it is open
        self.setWindowTitle(_tr("Xếp loại tập thể: {name}").format(name=unit.full_name))
        self.resize(620, 420)

        start, end = format_date(unit.valid_from), format_date(unit.valid_to)
        if start and end:
            period = _tr(" (hoạt động từ {start} đến {end})").format(start=start, end=end)
        elif end:
            period = _tr(" (hoạt động đến {end})").format(end=end)
        elif start:
            period = _tr(" (hoạt động từ {start})").format(start=start)
        else:
            period = ""
        self.heading = heading = QLabel(
            _tr(
                "Xếp loại chất lượng hằng năm của tập thể “{name}”{period}. Dùng khi xét danh "
                "hiệu và hình thức khen thưởng cho tập thể."
            ).format(name=unit.full_name, period=period)
        )
        heading.setWordWrap(True)

        self.model = RecordTableModel(grade_columns(), self)
        self.table, _proxy = make_table(
            self.model, sort_column=0, order=Qt.SortOrder.DescendingOrder, stretch=3
        )
        self.table.setAccessibleName(_tr("Xếp loại theo năm"))
        header = self.table.horizontalHeader()
        for column in range(3):  # Năm, Xếp loại, Mã in full; Ghi chú takes the rest
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(lambda _index: self.edit_grade())
        self.empty_label = QLabel(_tr("Đơn vị này chưa có xếp loại năm nào."))

        self.add_button = self._button(_tr("&Thêm…"), self.add_grade, ["Ins", "Ctrl+N"])
        self.edit_button = self._button(_tr("&Sửa…"), self.edit_grade, ["F2"])
        self.delete_button = self._button(_tr("&Xóa"), self.delete_grade, ["Del"])
        enter = QAction(self.table)
        enter.setShortcuts([QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)])
        enter.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        enter.triggered.connect(self.edit_grade)
        self.table.addAction(enter)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(_tr("Đóng"))
        self.buttons.rejected.connect(self.reject)

        row = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        layout.addLayout(row)
        if ctx.read_only:
            note = QLabel(_tr("Cơ sở dữ liệu đang mở chỉ đọc: chỉ xem được, không sửa được."))
            note.setStyleSheet("color: #b00020;")
            layout.insertWidget(1, note)
        self.table.selectionModel().currentChanged.connect(self._update_buttons)
        self.reload()
        self.table.setFocus()

    def _button(self, text: str, slot: Callable[[], object], keys: list[str]) -> QPushButton:
        button = QPushButton(text)
        button.setAutoDefault(False)
        button.clicked.connect(lambda _checked=False: slot())
        action = QAction(self)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda _checked=False: button.isEnabled() and slot())
        self.addAction(action)
        native = QKeySequence.SequenceFormat.NativeText
        button.setToolTip(", ".join(QKeySequence(k).toString(native) for k in keys))
        return button

    # --- reading -------------------------------------------------------------------------------

    def grades(self) -> list[UnitGradeDTO]:
        return self.model.rows()

    def reload(self, select_year: int | None = None) -> None:
        self.model.set_rows(self.ctx.read(svc.list_unit_grades, self.unit.id))
        self.empty_label.setVisible(self.model.rowCount() == 0)
        proxy = self.table.model()
        target = 0
        for r in range(proxy.rowCount()):
            grade = proxy.index(r, 0).data(OBJECT_ROLE)
            if grade is not None and grade.year == select_year:
                target = r
        if proxy.rowCount():
            self.table.selectRow(target)
        self._update_buttons()

    def _update_buttons(self, *_args: object) -> None:
        writable = not self.ctx.read_only
        selected = current_object(self.table) is not None
        self.add_button.setEnabled(writable)
        self.edit_button.setEnabled(writable and selected)
        self.delete_button.setEnabled(writable and selected)

    # --- writing -------------------------------------------------------------------------------

    def _open_form(self, form: UnitGradeForm, replacing: UnitGradeDTO | None) -> bool:
        form.committer = lambda v: self._commit(v, replacing)
        self.form = form
        try:
            return form.exec() == QDialog.DialogCode.Accepted
        finally:
            self.form = None
            form.deleteLater()
            self.table.setFocus()

    def add_grade(self) -> bool:
        if self.ctx.read_only:
            return False
        form = UnitGradeForm(self.unit.full_name, self, editing=False)
        taken = {g.year for g in self.grades()}
        year = date.today().year
        while year in taken and year > svc.FIRST_YEAR:
            year -= 1  # the latest year without a grade
        form.year_spin.setValue(year)
        return self._open_form(form, None)

    def edit_grade(self) -> bool:
        grade: UnitGradeDTO | None = current_object(self.table)
        if grade is None or self.ctx.read_only:
            return False
        form = UnitGradeForm(self.unit.full_name, self, editing=True)
        form.load(UnitGradeValues(grade.year, grade.grade, grade.note or ""))
        return self._open_form(form, grade)

    def _commit(self, v: UnitGradeValues, editing: UnitGradeDTO | None) -> list[str]:
        """Write one grade; the problems to show in the form, or [] once written."""
        existing = next((g for g in self.grades() if g.year == v.year), None)
        if editing is None and existing is not None:
            question = _tr("Năm {year} đã có xếp loại “{old}”. Thay bằng “{new}”?").format(
                year=v.year, old=existing.grade_name, new=self._grade_name(v.grade)
            )
            if not confirm(self.form or self, _tr("Thay xếp loại"), question):
                return [_tr("Năm {year} đã có xếp loại: chọn năm khác.").format(year=v.year)]
        try:
            self.ctx.write(
                svc.set_unit_grade,
                self.unit.id,
                v.year,
                v.grade,
                v.note,
                expected_version=existing.version if existing else 0,
            )
        except DomainError as exc:
            if isinstance(exc, ConflictError):  # another clerk's grade: show it
                self.reload(select_year=v.year)
            return exc.problems if isinstance(exc, ValidationError) else [str(exc)]
        self.reload(select_year=v.year)
        self.changed.emit()
        return []

    @staticmethod
    def _grade_name(code: str) -> str:
        return dict(svc.grade_choices()).get(code, code)

    def delete_grade(self) -> bool:
        grade: UnitGradeDTO | None = current_object(self.table)
        if grade is None or self.ctx.read_only:
            return False
        question = _tr("Xóa xếp loại năm {year} (“{grade}”) của {name}?").format(
            year=grade.year, grade=grade.grade_name, name=self.unit.full_name
        )
        if not confirm(self, _tr("Xóa xếp loại tập thể"), question):
            return False
        try:
            self.ctx.write(svc.delete_unit_grade, grade.id, expected_version=grade.version)
        except DomainError as exc:
            QMessageBox.warning(self, _tr("Không xóa được"), str(exc))
            self.reload()
            return False
        self.reload()
        self.changed.emit()
        return True
