"""Kỷ luật in the person record: a penalty, or a hold (đang xem xét kỷ luật, điều tra, thanh
tra, kiểm tra) with how it ended, and the years in the sector (Kỷ niệm chương).

Both follow the dialog contract: ``load(values)``, ``values()``, ``validate() -> list[str]``
(rules in ``app.domain.person_facts``); the discipline dialog refuses ``accept()`` while
problems remain.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLineEdit, QSpinBox, QWidget

from app.domain.codes import HoldOutcome
from app.domain.person_facts import (
    MAX_BREAK_MONTHS,
    MAX_REMOTE_YEARS,
    SectorFacts,
    sector_problems,
)
from app.services import people_view as pv
from app.services.people import discipline_kinds
from app.services.reference import codes
from app.ui.screens.units.person_actions import (
    DateLineEdit,
    FormDialog,
    code_combo,
    select_data,
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("PersonDiscipline", text)


class DisciplineDialog(FormDialog):
    """Kỷ luật, or a hold that keeps awards back until it is concluded.

    The conclusion rows show for a hold only; the penalty rows only for a conclusion with a
    violation (the penalty is recorded with the hold and counts like any other)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_tr("Kỷ luật"), parent)
        self.holds, _ = discipline_kinds()
        self.kind_combo = code_combo("discipline_kinds", empty=_tr("— chọn hình thức —"))
        self.start_edit = DateLineEdit()
        self.end_edit = DateLineEdit()
        self.end_edit.setToolTip(_tr("Để trống nếu chưa kết thúc"))
        self.number_edit = QLineEdit()
        self.note_edit = QLineEdit()
        self.outcome_combo = code_combo("hold_outcomes", empty=_tr("— chưa kết luận —"))
        self.concluded_edit = DateLineEdit()
        self.penalty_combo = QComboBox()
        self.penalty_combo.addItem(_tr("— chọn hình thức kỷ luật —"), None)
        for entry in codes().table("discipline_kinds"):
            if entry.code not in self.holds:
                self.penalty_combo.addItem(entry.name, entry.code)
        self.penalty_start_edit = DateLineEdit()
        self.penalty_start_edit.setToolTip(_tr("Để trống: từ ngày kết luận"))
        self.penalty_end_edit = DateLineEdit()
        self.form.addRow(_tr("Hình thức:"), self.kind_combo)
        self.form.addRow(_tr("Từ ngày:"), self.start_edit)
        self.form.addRow(_tr("Đến ngày:"), self.end_edit)
        self.form.addRow(_tr("Số quyết định:"), self.number_edit)
        self.form.addRow(_tr("Ghi chú:"), self.note_edit)
        self.form.addRow(_tr("Kết luận:"), self.outcome_combo)
        self.form.addRow(_tr("Ngày kết luận:"), self.concluded_edit)
        self.form.addRow(_tr("Kỷ luật áp dụng:"), self.penalty_combo)
        self.form.addRow(_tr("Kỷ luật từ ngày:"), self.penalty_start_edit)
        self.form.addRow(_tr("Kỷ luật đến ngày:"), self.penalty_end_edit)
        self._problems: list[str] = []
        self.kind_combo.currentIndexChanged.connect(self._show_rows)
        self.outcome_combo.currentIndexChanged.connect(self._show_rows)
        self._show_rows()

    def is_hold(self) -> bool:
        return self.kind_combo.currentData() in self.holds

    def _show_rows(self, _index: int = 0) -> None:
        hold = self.is_hold()
        violation = hold and self.outcome_combo.currentData() == HoldOutcome.CO_VI_PHAM
        for widget in (self.outcome_combo, self.concluded_edit):
            self.form.setRowVisible(widget, hold)
        for widget in (self.penalty_combo, self.penalty_start_edit, self.penalty_end_edit):
            self.form.setRowVisible(widget, violation)

    def load(self, v: pv.DisciplineValues) -> None:
        select_data(self.kind_combo, v.kind)
        self.start_edit.set_date(v.start_date)
        self.end_edit.set_date(v.end_date)
        self.number_edit.setText(v.decision_number)
        self.note_edit.setText(v.note)
        select_data(self.outcome_combo, v.outcome)
        self.concluded_edit.set_date(v.concluded_on)
        select_data(self.penalty_combo, v.penalty_kind)
        self.penalty_start_edit.set_date(v.penalty_start)
        self.penalty_end_edit.set_date(v.penalty_end)
        self._show_rows()

    def values(self) -> pv.DisciplineValues:
        self._problems = []
        problems = self._problems
        start = pv.read_date(self.start_edit.text(), _tr("Từ ngày"), problems)
        end = pv.read_date(self.end_edit.text(), _tr("Đến ngày"), problems)
        kind = self.kind_combo.currentData() or ""
        outcome = self.outcome_combo.currentData() if self.is_hold() else None
        concluded = penalty = penalty_start = penalty_end = None
        if outcome is not None:
            concluded = pv.read_date(self.concluded_edit.text(), _tr("Ngày kết luận"), problems)
        if outcome == HoldOutcome.CO_VI_PHAM:
            penalty = self.penalty_combo.currentData()
            penalty_start = pv.read_date(
                self.penalty_start_edit.text(), _tr("Kỷ luật từ ngày"), problems
            )
            penalty_end = pv.read_date(
                self.penalty_end_edit.text(), _tr("Kỷ luật đến ngày"), problems
            )
        return pv.DisciplineValues(
            kind,
            start,
            end,
            self.number_edit.text(),
            self.note_edit.text(),
            outcome,
            concluded,
            penalty,
            penalty_start,
            penalty_end,
        )

    def validate(self) -> list[str]:
        v = self.values()
        return self._problems + pv.validate_discipline(v)


def _optional_spin(maximum: int, suffix: str) -> QSpinBox:
    """A spin box whose lowest value, shown "—", means "not known"."""
    spin = QSpinBox()
    spin.setRange(-1, maximum)
    spin.setSpecialValueText("—")
    spin.setSuffix(suffix)
    spin.setValue(-1)
    return spin


class SectorForm(QGroupBox):
    """Thâm niên trong ngành (Kỷ niệm chương): saved with the person's own fields."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_tr("Thâm niên trong ngành (xét Kỷ niệm chương)"), parent)
        self.start_edit = DateLineEdit()
        self.break_spin = _optional_spin(MAX_BREAK_MONTHS, _tr(" tháng"))
        self.remote_spin = _optional_spin(MAX_REMOTE_YEARS, _tr(" năm"))
        self.remote_spin.setToolTip(
            _tr("Số năm liên tục dài nhất công tác ở miền núi, hải đảo; để trống nếu chưa biết")
        )
        self.death_edit = DateLineEdit()
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(_tr("Ngày vào ngành:"), self.start_edit)
        form.addRow(_tr("Thời gian gián đoạn:"), self.break_spin)
        form.addRow(_tr("Số năm liên tục ở miền núi, hải đảo:"), self.remote_spin)
        form.addRow(_tr("Ngày mất:"), self.death_edit)
        self._problems: list[str] = []

    def load(self, facts: SectorFacts) -> None:
        self.start_edit.set_date(facts.start_date)
        self.break_spin.setValue(-1 if facts.break_months is None else facts.break_months)
        self.remote_spin.setValue(
            -1 if facts.remote_area_years is None else facts.remote_area_years
        )
        self.death_edit.set_date(facts.death_date)

    def values(self) -> SectorFacts:
        self._problems = []
        start = pv.read_date(self.start_edit.text(), _tr("Ngày vào ngành"), self._problems)
        death = pv.read_date(self.death_edit.text(), _tr("Ngày mất"), self._problems)
        breaks = self.break_spin.value()
        remote = self.remote_spin.value()
        return SectorFacts(
            start, None if breaks < 0 else breaks, None if remote < 0 else remote, death
        )

    def validate(self, birth_date: date | None = None) -> list[str]:
        facts = self.values()
        return self._problems + sector_problems(facts, date.today(), birth_date)
