"""Hồ sơ cán bộ: a person's own fields and history tabs (công tác, xếp loại, sáng kiến...).

The "Thông tin" tab is saved with Lưu (Ctrl+S). History actions (transfer, grade, discipline)
are written at once, each in its own transaction, and the tabs are read again.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import ConflictError, DomainError, NotFoundError, ValidationError
from app.domain.people import PersonInput, validate_person_input
from app.domain.person_facts import SectorFacts
from app.domain.vnformat import format_date
from app.services import people as svc
from app.services import people_view as pv
from app.services.context import AppContext
from app.services.people import DuplicateCandidate, PersonDetail
from app.services.reference import codes
from app.services.title_path import TitlePath
from app.services.units import UnitDTO, list_units
from app.ui.screens.units.people_model import (
    RecordTableModel,
    assignment_columns,
    award_columns,
    current_object,
    discipline_columns,
    grade_columns,
    initiative_columns,
    make_table,
)
from app.ui.screens.units.person_actions import (
    DateLineEdit,
    DuplicateWarningDialog,
    GradeDialog,
    TransferDialog,
    UnitCombo,
    code_combo,
    confirm,
    error_label,
    position_edit,
    push_button,
    select_data,
    show_problems,
)
from app.ui.screens.units.person_discipline import DisciplineDialog, SectorForm
from app.ui.screens.units.title_path_view import TitlePathView, person_reader


def _tr(text: str) -> str:
    return QCoreApplication.translate("PersonDialog", text)


class PersonDialog(QDialog):
    """Add a person (``load(None)``) or open a record (``load(detail)``)."""

    historyChanged = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.person_id: int | None = None
        self.detail: PersonDetail | None = None
        self.saved_id: int | None = None  # set once Lưu has written the person
        self.open_existing_id: int | None = None  # the clerk chose "Mở hồ sơ đã có"
        self.changed = False  # anything written to the database by this dialog
        self._units: list[UnitDTO] | None = None
        self._loaded = PersonInput("", "")
        self._loaded_sector = SectorFacts()
        self.resize(860, 600)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._info_tab(), _tr("Thông tin"))
        self.assignments_model = RecordTableModel(assignment_columns(), self)
        self.assignments_table, _ = make_table(self.assignments_model, sort_column=2, stretch=0)
        self.transfer_button = push_button(_tr("Điều chuyển…"), self.open_transfer)
        self._add_tab(self.assignments_table, [self.transfer_button], _tr("Quá trình công tác"))

        self.grades_model = RecordTableModel(grade_columns(), self)
        self.grades_table, _ = make_table(
            self.grades_model, sort_column=0, order=Qt.SortOrder.DescendingOrder
        )
        self.grades_table.doubleClicked.connect(lambda _i: self.open_grade())
        self.add_grade_button = push_button(_tr("Thêm / sửa xếp loại…"), self.open_grade)
        self.delete_grade_button = push_button(_tr("Xóa xếp loại"), self.delete_selected_grade)
        self._add_tab(
            self.grades_table, [self.add_grade_button, self.delete_grade_button], _tr("Xếp loại")
        )

        self.initiatives_model = RecordTableModel(initiative_columns(), self)
        self.initiatives_table, _ = make_table(self.initiatives_model, sort_column=0, stretch=1)
        self._add_tab(self.initiatives_table, [], _tr("Sáng kiến"))

        self.awards_model = RecordTableModel(award_columns(), self, greyed=lambda a: a.revoked)
        self.awards_table, _ = make_table(self.awards_model, sort_column=0, stretch=1)
        self._add_tab(self.awards_table, [], _tr("Khen thưởng"))

        self.disciplines_model = RecordTableModel(discipline_columns(), self)
        self.disciplines_table, _ = make_table(self.disciplines_model, sort_column=1)
        self.disciplines_table.doubleClicked.connect(lambda _i: self.edit_selected_discipline())
        self.add_discipline_button = push_button(_tr("Thêm kỷ luật…"), self.open_discipline)
        self.edit_discipline_button = push_button(
            _tr("Sửa / ghi kết luận…"), self.edit_selected_discipline
        )
        self.delete_discipline_button = push_button(_tr("Xóa"), self.delete_selected_discipline)
        self._add_tab(
            self.disciplines_table,
            [
                self.add_discipline_button,
                self.edit_discipline_button,
                self.delete_discipline_button,
            ],
            _tr("Kỷ luật"),
        )
        # Lộ trình: read when the tab is shown (the engine reads the person's whole record)
        self.path_view = TitlePathView(ctx, self._read_path, self)
        self.path_tab = self.tabs.addTab(self.path_view, _tr("Lộ trình"))
        self.tabs.setTabToolTip(self.path_tab, _tr("Còn thiếu gì cho từng danh hiệu năm tới"))
        self.tabs.currentChanged.connect(self._tab_shown)

        self.error_label = error_label()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(_tr("Lưu"))
        self.save_button.setToolTip(_tr("Lưu thông tin (Ctrl+S)"))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(_tr("Đóng"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        save = QAction(self)
        save.setShortcut(QKeySequence.StandardKey.Save)
        save.triggered.connect(self.accept)
        self.addAction(save)

        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    # --- building ---------------------------------------------------------------------------

    def _info_tab(self) -> QWidget:
        page = QWidget()
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.ho_dem_edit = QLineEdit()
        self.ten_edit = QLineEdit()
        self.gender_combo = code_combo("genders", empty="—")
        self.birth_edit = DateLineEdit(year_alone=True)
        self.year_only_check = QCheckBox(_tr("Chỉ biết năm sinh"))
        self.birth_year_spin = QSpinBox()
        self.birth_year_spin.setRange(1900, date.today().year)
        self.birth_year_spin.setValue(1980)
        self.year_only_check.toggled.connect(self._year_only_toggled)
        birth = QHBoxLayout()
        birth.addWidget(self.birth_edit)
        birth.addWidget(self.birth_year_spin)
        birth.addWidget(self.year_only_check)
        birth.addStretch(1)
        self.staff_code_edit = QLineEdit()
        self.citizen_edit = QLineEdit()
        self.citizen_edit.setPlaceholderText(_tr("12 chữ số"))
        self.category_combo = code_combo("person_categories", empty=_tr("— theo chức vụ —"))
        self.note_edit = QPlainTextEdit()
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setMaximumHeight(self.fontMetrics().lineSpacing() * 4)
        self.unit_combo = UnitCombo()
        self.position_edit = position_edit()
        self.start_edit = DateLineEdit()
        for label, field in (
            (_tr("Họ và tên đệm:"), self.ho_dem_edit),
            (_tr("Tên:"), self.ten_edit),
            (_tr("Giới tính:"), self.gender_combo),
            (_tr("Ngày sinh:"), birth),
            (_tr("Mã cán bộ:"), self.staff_code_edit),
            (_tr("Số CCCD:"), self.citizen_edit),
            (_tr("Phân loại đối tượng:"), self.category_combo),
            (_tr("Ghi chú:"), self.note_edit),
            (_tr("Đơn vị:"), self.unit_combo),
            (_tr("Chức vụ:"), self.position_edit),
            (_tr("Ngày bắt đầu:"), self.start_edit),
        ):
            form.addRow(label, field)
        self._info_form = form
        self.sector_form = SectorForm()
        box = QVBoxLayout(page)
        box.addWidget(self.status_label)
        box.addLayout(form)
        box.addWidget(self.sector_form)
        box.addStretch(1)
        self._year_only_toggled(False)
        return page

    def _add_tab(self, table: QTableView, buttons: list[QPushButton], title: str) -> None:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(table)
        if buttons:
            row = QHBoxLayout()
            for b in buttons:
                row.addWidget(b)
            row.addStretch(1)
            layout.addLayout(row)
        self.tabs.addTab(page, title)

    def _read_path(self, ctx: AppContext, year: int, target: int) -> TitlePath:
        if self.person_id is None:
            raise NotFoundError(_tr("Chưa lưu cán bộ"))
        return person_reader(self.person_id)(ctx, year, target)

    def _tab_shown(self, index: int) -> None:
        if index == self.path_tab and self.person_id is not None:
            self.path_view.refresh()

    def _year_only_toggled(self, on: bool) -> None:
        self.birth_edit.setVisible(not on)
        self.birth_year_spin.setVisible(on)

    def units(self) -> list[UnitDTO]:
        """Current units (for the unit combos), read once."""
        if self._units is None:
            self._units = self.ctx.read(list_units, include_history=False)
        return self._units

    # --- the dialog contract ----------------------------------------------------------------

    def load(
        self, detail: PersonDetail | None, *, default_unit_ids: set[int] | None = None
    ) -> None:
        self.detail = detail
        self.person_id = detail.id if detail else None
        # the version of the record the form shows: a save based on it is refused when another
        # clerk saved the person since (the form is then read again)
        self.loaded_version = detail.version if detail else 0
        data = detail.data if detail else PersonInput("", "")
        self.ho_dem_edit.setText(data.ho_dem)
        self.ten_edit.setText(data.ten)
        select_data(self.gender_combo, data.gender)
        year_only = data.birth_date is None and data.birth_year is not None
        self.year_only_check.setChecked(year_only)
        self.birth_edit.set_date(data.birth_date)
        if data.birth_year:
            self.birth_year_spin.setValue(data.birth_year)
        self.staff_code_edit.setText(data.staff_code or "")
        self.citizen_edit.setText(data.citizen_id or "")
        select_data(self.category_combo, data.subject_category)
        self.note_edit.setPlainText(data.note or "")
        self.sector_form.load(detail.sector if detail else SectorFacts())
        new = detail is None
        self.category_combo.setItemText(0, _tr("— theo chức vụ —") if new else "—")
        for field in (self.unit_combo, self.position_edit, self.start_edit):
            self._info_form.setRowVisible(field, new)
        if new:
            units = self.units()
            self.unit_combo.set_units(units, pv.first_in([u.id for u in units], default_unit_ids))
            self.setWindowTitle(_tr("Thêm cán bộ"))
        else:
            self.setWindowTitle(_tr("Hồ sơ cán bộ: {name}").format(name=detail.full_name))
        for i in range(1, self.tabs.count()):
            self.tabs.setTabEnabled(i, not new)
        self._loaded = self.values()
        self._loaded_sector = self.sector_form.values()
        self._show_history()
        self.show_errors([])
        self.tabs.setCurrentIndex(0)
        self.ho_dem_edit.setFocus()

    def _read(self, problems: list[str]) -> PersonInput:
        if self.year_only_check.isChecked():
            birth_date, birth_year = None, self.birth_year_spin.value()
        else:
            birth_date, birth_year = pv.read_birth(self.birth_edit.text(), problems)
        return PersonInput(
            ho_dem=self.ho_dem_edit.text(),
            ten=self.ten_edit.text(),
            gender=self.gender_combo.currentData(),
            birth_date=birth_date,
            birth_year=birth_year,
            staff_code=self.staff_code_edit.text(),
            citizen_id=self.citizen_edit.text(),
            subject_category=self.category_combo.currentData(),
            note=self.note_edit.toPlainText(),
        ).normalised()

    def values(self) -> PersonInput:
        return self._read([])

    def placement(self) -> pv.TransferValues:
        """Unit, position and start date of a new person."""
        start = pv.read_date(self.start_edit.text(), _tr("Ngày bắt đầu"), [])
        return pv.TransferValues(self.unit_combo.unit_id(), self.position_edit.text(), start)

    def validate(self) -> list[str]:
        problems: list[str] = []
        data = self._read(problems)
        if self.person_id is None:
            pv.read_date(self.start_edit.text(), _tr("Ngày bắt đầu"), problems)
        problems += validate_person_input(data, date.today())
        return problems + self.sector_form.validate(data.birth_date)

    def show_errors(self, problems: list[str]) -> None:
        show_problems(self.error_label, problems)

    def accept(self) -> None:
        problems = self.validate()
        self.show_errors(problems)
        if not problems:
            self._save(allow_duplicate=False)

    def reject(self) -> None:
        unsaved = self.values() != self._loaded or self.sector_form.values() != self._loaded_sector
        if unsaved and not self._confirm(_tr("Bỏ những thay đổi chưa lưu của hồ sơ này?")):
            return
        super().reject()

    # --- saving -----------------------------------------------------------------------------

    def _save(self, *, allow_duplicate: bool) -> None:
        data = self.values()
        sector = self.sector_form.values()
        try:
            if self.person_id is None:
                p = self.placement()
                self.saved_id = self.ctx.write(
                    svc.create_person,
                    data,
                    unit_id=p.unit_id,
                    position_title=p.position_title,
                    start_date=p.effective,
                    allow_duplicate=allow_duplicate,
                    sector=sector,
                )
            else:
                self.ctx.write(
                    svc.update_person,
                    self.person_id,
                    data,
                    expected_version=self.loaded_version,
                    allow_duplicate=allow_duplicate,
                    sector=sector,
                )
                self.saved_id = self.person_id
        except svc.DuplicatePersonError as exc:
            choice, existing = self.ask_duplicate(exc.candidates)
            if choice == DuplicateWarningDialog.ADD:
                self._save(allow_duplicate=True)
            elif choice == DuplicateWarningDialog.OPEN:
                self.open_existing_id = existing
                QDialog.reject(self)
            return
        except ValidationError as exc:
            self.show_errors(exc.problems)
            return
        except ConflictError as exc:  # saved by someone else meanwhile: show what is stored
            if self.person_id is not None:
                self.load(self.ctx.read(svc.get_person, self.person_id))
            self.show_errors([str(exc)])
            return
        except DomainError as exc:
            self.show_errors([str(exc)])
            return
        self.changed = True
        super().accept()

    def ask_duplicate(self, candidates: list[DuplicateCandidate]) -> tuple[int, int | None]:
        """Show the possible duplicates; returns (choice, the chosen existing id)."""
        dialog = DuplicateWarningDialog(self, adding=self.person_id is None)
        dialog.load(candidates)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return DuplicateWarningDialog.CANCEL, None
        return dialog.choice, dialog.selected_id()

    # --- history ----------------------------------------------------------------------------

    def _show_history(self) -> None:
        d = self.detail
        for i, (model, rows) in enumerate(
            (
                (self.assignments_model, d.assignments if d else []),
                (self.grades_model, d.grades if d else []),
                (self.initiatives_model, d.initiatives if d else []),
                (self.awards_model, d.awards if d else []),
                (self.disciplines_model, d.disciplines if d else []),
            ),
            start=1,
        ):
            model.set_rows(rows)
            title = self.tabs.tabText(i).split(" (")[0]
            self.tabs.setTabText(i, f"{title} ({len(rows)})" if rows else title)
        for table in (
            self.assignments_table,
            self.grades_table,
            self.initiatives_table,
            self.awards_table,
            self.disciplines_table,
        ):
            table.resizeColumnsToContents()
        active = d.active if d else True
        self.transfer_button.setEnabled(d is not None and active)
        if d is None:
            self.status_label.hide()
            return
        self.status_label.show()
        if active:
            now = d.current_assignment
            where = f"{now.position_title}, {now.unit_name}" if now else _tr("chưa xếp đơn vị")
            self.status_label.setText(_tr("Đang công tác: {where}").format(where=where))
        else:
            self.status_label.setText(
                _tr("Đã nghỉ từ {day} ({reason}); hồ sơ được giữ lại.").format(
                    day=format_date(d.left_date), reason=d.left_reason or ""
                )
            )

    def _write(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> bool:
        """One history action in its own transaction, then the tabs are read again."""
        try:
            self.ctx.write(fn, *args, **kwargs)
        except ConflictError as exc:  # changed by another clerk: the tabs show it now
            QMessageBox.warning(self, _tr("Không lưu được"), str(exc))
            self.reload()
            return False
        except DomainError as exc:
            QMessageBox.warning(self, _tr("Không lưu được"), str(exc))
            return False
        self.changed = True
        self.reload()
        self.historyChanged.emit()
        return True

    def reload(self) -> None:
        if self.person_id is not None:
            self.detail = self.ctx.read(svc.get_person, self.person_id)
            self._show_history()

    def _confirm(self, text: str) -> bool:
        return confirm(self, _tr("Xác nhận"), text)

    def open_transfer(self) -> None:
        if self.detail is None:
            return
        dialog = TransferDialog(self.units(), self.detail.full_name, self)
        now = self.detail.current_assignment
        dialog.load(
            pv.TransferValues(
                now.unit_id if now else None, now.position_title if now else "", date.today()
            )
        )
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.apply_transfer(dialog.values())

    def apply_transfer(self, v: pv.TransferValues) -> bool:
        done = self._write(
            svc.transfer_person,
            self.person_id,
            v.unit_id,
            v.position_title,
            v.effective,
            expected_version=self.loaded_version,
        )
        if done and self.detail is not None:  # the transfer counted as a change of the record
            self.loaded_version = self.detail.version
        return done

    def open_grade(self) -> None:
        if self.person_id is None:
            return
        dialog = GradeDialog(self)
        grade = current_object(self.grades_table)
        if grade is not None:
            dialog.load(
                pv.GradeValues(grade.year, grade.grade, grade.months_worked, grade.note or "")
            )
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.apply_grade(dialog.values())

    def apply_grade(self, v: pv.GradeValues) -> bool:
        grades = self.detail.grades if self.detail else []
        shown = next((g for g in grades if g.year == v.year), None)
        return self._write(
            svc.set_grade,
            self.person_id,
            v.year,
            v.grade,
            v.months_worked,
            v.note,
            expected_version=shown.version if shown else 0,
        )

    def delete_selected_grade(self) -> None:
        grade = current_object(self.grades_table)
        if grade is not None and self._confirm(
            _tr("Xóa xếp loại năm {year}?").format(year=grade.year)
        ):
            self._write(svc.delete_grade, grade.id, expected_version=grade.version)

    def open_discipline(self) -> None:
        if self.person_id is None:
            return
        dialog = DisciplineDialog(self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.apply_discipline(dialog.values())

    def apply_discipline(self, v: pv.DisciplineValues) -> bool:
        add = partial(svc.add_discipline, facts=v)
        return self._write(add, self.person_id, v.kind, v.start_date, v.end_date)

    def edit_selected_discipline(self) -> None:
        """Open the selected penalty or hold, e.g. to record how the hold ended."""
        row = current_object(self.disciplines_table)
        if row is None:
            return
        dialog = DisciplineDialog(self)
        dialog.load(row.facts())
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._write(
                svc.update_discipline, row.id, dialog.values(), expected_version=row.version
            )

    def delete_selected_discipline(self) -> None:
        row = current_object(self.disciplines_table)
        if row is not None and self._confirm(
            _tr('Xóa bản ghi kỷ luật "{kind}" từ {day}?').format(
                kind=codes().name_of("discipline_kinds", row.kind), day=format_date(row.start_date)
            )
        ):
            self._write(svc.delete_discipline, row.id, expected_version=row.version)
