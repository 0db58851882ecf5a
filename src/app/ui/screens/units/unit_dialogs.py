"""Dialogs of the organisation tree: add or edit a unit, rename, merge, dissolve.

Every dialog follows the contract of architecture.md: ``load(dto)``, ``values() -> dto``,
``validate() -> list[str]`` (rules from ``app.domain.units``) and ``accept()``, which refuses
while problems remain and lists them in the dialog's own label (``error_label``), not in a
popup. A caller may hand a *committer* (:meth:`UnitFormDialog.set_committer`): ``accept()``
calls it with ``values()`` and closes only if it returns True, so a refusal of the service
(a code already used...) keeps the dialog open with what the clerk typed.

Keys: Enter or Ctrl+S accepts, Esc cancels; dates are typed dd/MM/yyyy or picked in a calendar.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QSize, Qt
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.units import UnitInput, validate_unit_input, would_create_cycle
from app.domain.vnformat import format_count, format_date
from app.domain.vntext import clean, fold_key
from app.services.reference import codes
from app.services.units import UnitDTO
from app.ui.screens.units.sector_field import SectorField
from app.ui.widgets.date_edit import DateEdit

_CONTEXT = "UnitDialogs"
DEPTH_ROLE = Qt.ItemDataRole.UserRole + 1
Choices = Sequence[tuple[str, str]]  # (code, Vietnamese name)


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def code_choices(table: str) -> list[tuple[str, str]]:
    """``(code, name)`` of a code table (``unit_kinds``, ``collective_categories``)."""
    return [(e.code, e.name) for e in codes().table(table)]


@dataclass(frozen=True)
class RenameValues:
    unit_id: int
    new_full_name: str
    new_code: str
    new_short_name: str | None
    effective: date


@dataclass(frozen=True)
class MergeValues:
    unit_ids: tuple[int, ...]
    new: UnitInput
    effective: date


@dataclass(frozen=True)
class DissolveValues:
    unit_id: int
    effective: date
    note: str | None


# --- small widgets ---------------------------------------------------------------------------


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def date_edit(value: date | None = None) -> DateEdit:
    """A required dd/mm/yyyy field (today by default): the program's one date widget."""
    return DateEdit(value or date.today())


def date_of(edit: DateEdit) -> date:
    """The date of a required field (the last valid one while the text is wrong: the
    dialog refuses to close then, :meth:`UnitFormDialog.accept`)."""
    return edit.date_value()


class OptionalDate(DateEdit):
    """A date the clerk may leave out: empty means no date."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(None, parent, optional=True)


def date_problems(dialog: QWidget) -> list[str]:
    """What is wrong with the date fields of ``dialog`` (label: problem), in form order."""
    out = []
    for edit in dialog.findChildren(DateEdit):
        problem = edit.problem()
        if problem and edit.isVisibleTo(dialog):
            label = _label_of(dialog, edit)
            out.append(f"{label}: {problem}" if label else problem)
    return out


def _label_of(dialog: QWidget, edit: QWidget) -> str:
    """The text of the form label of ``edit`` ("Ngày hiệu lực"), without "&" and ":"."""
    form = getattr(dialog, "form", None)
    if isinstance(form, QFormLayout):
        label = form.labelForField(edit)
        if isinstance(label, QLabel):
            return label.text().replace("&", "").rstrip(": ")
    return ""


class _IndentDelegate(QStyledItemDelegate):
    """Draws a combo's items indented by depth; the text stays clean for type-to-find."""

    STEP = 18

    def initStyleOption(self, option: QStyleOptionViewItem, index: Any) -> None:
        super().initStyleOption(option, index)
        option.rect.adjust(int(index.data(DEPTH_ROLE) or 0) * self.STEP, 0, 0, 0)

    def sizeHint(self, option: QStyleOptionViewItem, index: Any) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width() + int(index.data(DEPTH_ROLE) or 0) * self.STEP, size.height())


class UnitCombo(QComboBox):
    """Units in tree order, indented by depth; ``None`` stands for "no parent"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setItemDelegate(_IndentDelegate(self))
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(30)

    def fill(self, units: Sequence[UnitDTO], none_text: str | None) -> None:
        self.clear()
        if none_text is not None:
            self.addItem(none_text, None)
        for unit in units:
            label = unit.full_name
            if not unit.is_current:
                label = _tr("{name} (đã kết thúc)").format(name=label)
            self.addItem(label, unit.id)
            self.setItemData(self.count() - 1, unit.depth, DEPTH_ROLE)

    def unit_id(self) -> int | None:
        return self.currentData()

    def set_unit_id(self, unit_id: int | None) -> None:
        self.setCurrentIndex(max(0, self.findData(unit_id)))


def _code_combo(choices: Choices, none_text: str | None = None) -> QComboBox:
    combo = QComboBox()
    if none_text is not None:
        combo.addItem(none_text, None)
    for code, name in choices:
        combo.addItem(name, code)
    return combo


def _set_data(combo: QComboBox, value: Any) -> None:
    combo.setCurrentIndex(max(0, combo.findData(value)))


def _too_early(unit: UnitDTO, effective: date) -> str | None:
    if unit.valid_from is not None and effective <= unit.valid_from:
        return _tr("Ngày hiệu lực phải sau ngày bắt đầu hoạt động của '{name}' ({date})").format(
            name=unit.full_name, date=f"{unit.valid_from:%d/%m/%Y}"
        )
    return None


# --- the common frame ------------------------------------------------------------------------


class UnitFormDialog(QDialog):
    """A form, a note, a red label for problems, Lưu / Hủy; accept() checks before closing."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 80)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.note_label = QLabel()  # what the step does, when it needs saying
        self.note_label.setWordWrap(True)
        self.note_label.hide()
        self.error_label = QLabel()
        self.error_label.setObjectName("errorLabel")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.hide()
        Button = QDialogButtonBox.StandardButton
        self.buttons = QDialogButtonBox(Button.Ok | Button.Cancel)
        self.ok_button = self.buttons.button(Button.Ok)
        self.ok_button.setText(_tr("Lưu"))
        self.ok_button.setToolTip(_tr("Enter hoặc Ctrl+S"))
        self.ok_button.setDefault(True)
        self.buttons.button(Button.Cancel).setText(_tr("Hủy"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_S), self, self.accept)
        layout = QVBoxLayout(self)
        for part in (self.form, self.note_label, self.error_label, self.buttons):
            (layout.addLayout if isinstance(part, QFormLayout) else layout.addWidget)(part)
        self._committer: Callable[[Any], bool] | None = None
        self._chained = False

    def showEvent(self, event: QShowEvent) -> None:
        """Tab goes down the visible fields, then Lưu, Hủy; the first field has the focus."""
        super().showEvent(event)
        if self._chained:
            return
        self._chained = True
        for edit in self.findChildren(DateEdit):  # an impossible date is named at once
            edit.problemChanged.connect(lambda _problem: self.show_problems(date_problems(self)))
        chain: list[QWidget] = []
        for row in range(self.form.rowCount()):
            item = self.form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            field = item.widget() if item is not None else None
            if field is None or not self.form.isRowVisible(row):
                continue
            if field.focusPolicy() != Qt.FocusPolicy.NoFocus:
                chain.append(field)
            else:  # a composite field: its own widgets
                direct = Qt.FindChildOption.FindDirectChildrenOnly
                kids = field.findChildren(QWidget, options=direct)
                chain.extend(k for k in kids if k.focusPolicy() != Qt.FocusPolicy.NoFocus)
        chain.extend(self.buttons.buttons())
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)
        if chain:
            chain[0].setFocus(Qt.FocusReason.TabFocusReason)

    def set_note(self, text: str) -> None:
        self.note_label.setText(text)
        self.note_label.setVisible(bool(text))

    def set_committer(self, committer: Callable[[Any], bool] | None) -> None:
        """``committer(values)`` writes and returns True; False keeps the dialog open."""
        self._committer = committer

    def show_problems(self, problems: Sequence[str]) -> None:
        self.error_label.setText("\n".join(f"• {p}" for p in problems))
        self.error_label.setVisible(bool(problems))

    def values(self) -> Any:
        raise NotImplementedError

    def validate(self) -> list[str]:
        raise NotImplementedError

    def accept(self) -> None:
        problems = date_problems(self)  # an impossible date is refused with its message
        problems += [p for p in self.validate() if p not in problems]
        self.show_problems(problems)
        if problems:
            return
        if self._committer is not None and not self._committer(self.values()):
            return
        super().accept()


# --- add / edit ------------------------------------------------------------------------------


class UnitDialog(UnitFormDialog):
    """Add a unit (``load(UnitInput)``) or correct one (``load(UnitDTO)``); values() -> UnitInput."""

    def __init__(
        self,
        units: Sequence[UnitDTO],
        parent: QWidget | None = None,
        *,
        kinds: Choices | None = None,
        categories: Choices | None = None,
    ) -> None:
        super().__init__(_tr("Thêm đơn vị"), parent)
        self._units = list(units)
        self._kinds = list(kinds or code_choices("unit_kinds"))
        self._categories = list(categories or code_choices("collective_categories"))
        self._unit_id: int | None = None
        self._order: int | None = None
        self.code_edit = QLineEdit()
        self.code_edit.setPlaceholderText(_tr("VD: P-KHTC"))
        self.name_edit = QLineEdit()
        self.short_edit = QLineEdit()
        self.parent_combo = UnitCombo()
        self.kind_combo = _code_combo(self._kinds)
        self.category_combo = _code_combo(self._categories, _tr("(không phân loại)"))
        self.start_date = OptionalDate()
        self.note_edit = QLineEdit()
        self.sector_field = SectorField()
        self.parent_combo.currentIndexChanged.connect(
            lambda _i: self.sector_field.set_parent_unit(self.parent_combo.unit_id())
        )
        for label, widget in (
            (_tr("&Mã:"), self.code_edit),
            (_tr("&Tên đầy đủ:"), self.name_edit),
            (_tr("Tên &viết tắt:"), self.short_edit),
            (_tr("Đơn vị &cấp trên:"), self.parent_combo),
            (_tr("&Loại đơn vị:"), self.kind_combo),
            (_tr("&Phân loại tập thể:"), self.category_combo),
            (_tr("Lĩ&nh vực hoạt động:"), self.sector_field),
            (_tr("Ngày &bắt đầu hoạt động:"), self.start_date),
            (_tr("&Ghi chú:"), self.note_edit),
        ):
            self.form.addRow(label, widget)
        self.load(UnitInput(code="", full_name=""))

    def load(self, dto: UnitDTO | UnitInput) -> None:  # type: ignore[override]
        """A UnitDTO: correct that unit. A UnitInput: a new unit prefilled with it."""
        self._unit_id = dto.id if isinstance(dto, UnitDTO) else None
        data = dto.as_input() if isinstance(dto, UnitDTO) else dto
        self.setWindowTitle(_tr("Sửa đơn vị") if self._unit_id is not None else _tr("Thêm đơn vị"))
        # The current units, plus the unit's own parent if it has ended (kept as it is).
        choices = [
            u
            for u in self._units
            if u.id != self._unit_id and (u.is_current or u.id == data.parent_id)
        ]
        self.sector_field.set_units(self._units)
        self.parent_combo.fill(choices, _tr("(không có - cấp cao nhất)"))
        self.code_edit.setText(data.code)
        self.name_edit.setText(data.full_name)
        self.short_edit.setText(data.short_name or "")
        self.parent_combo.set_unit_id(data.parent_id)
        _set_data(self.kind_combo, data.kind)
        _set_data(self.category_combo, data.collective_category)
        self.start_date.set_value(data.valid_from)
        self.note_edit.setText(data.note or "")
        self.sector_field.set_value(data.sector)
        self.sector_field.set_parent_unit(data.parent_id)
        self._order = data.display_order
        self.show_problems([])

    def values(self) -> UnitInput:
        return UnitInput(
            code=self.code_edit.text(),
            full_name=self.name_edit.text(),
            short_name=self.short_edit.text() or None,
            parent_id=self.parent_combo.unit_id(),
            kind=self.kind_combo.currentData() or "",
            collective_category=self.category_combo.currentData(),
            display_order=self._order,
            valid_from=self.start_date.value(),
            note=self.note_edit.text() or None,
            sector=self.sector_field.value(),
        ).normalised()

    def _unit_problems(self, data: UnitInput) -> list[str]:
        kinds, categories = [c for c, _ in self._kinds], [c for c, _ in self._categories]
        return validate_unit_input(data, kinds, categories)

    def validate(self) -> list[str]:
        data = self.values()
        problems = self._unit_problems(data)
        if self._unit_id is not None and data.parent_id is not None:
            parents = {u.id: u.parent_id for u in self._units}
            if would_create_cycle(parents, self._unit_id, data.parent_id):
                problems.append(
                    _tr(
                        "Không thể đặt một đơn vị làm cấp dưới của chính nó hoặc của đơn vị con "
                        "của nó"
                    )
                )
        return problems


# --- merge -----------------------------------------------------------------------------------


class MergeDialog(UnitDialog):
    """Several units become one new unit from a date: the unit form plus the merged units."""

    def __init__(
        self,
        units: Sequence[UnitDTO],
        parent: QWidget | None = None,
        *,
        today: date | None = None,
        **choices: Choices | None,
    ) -> None:
        super().__init__(units, parent, **choices)
        self._merged: list[UnitDTO] = []
        self.merged_label = QLabel()
        self.merged_label.setTextFormat(Qt.TextFormat.PlainText)
        self.date_edit = date_edit(today)
        self.setWindowTitle(_tr("Sáp nhập đơn vị"))
        self.form.insertRow(0, _tr("Các đơn vị sáp nhập:"), self.merged_label)
        self.form.addRow(_tr("Ngày &hiệu lực:"), self.date_edit)
        self.form.setRowVisible(self.start_date, False)  # the new unit starts on that date
        self.form.setRowVisible(self.note_edit, False)
        for field, text in (
            (self.code_edit, "&Mã đơn vị mới:"),
            (self.name_edit, "&Tên đơn vị mới:"),
        ):
            label = self.form.labelForField(field)
            if isinstance(label, QLabel):
                label.setText(_tr(text))
        self.date_edit.dateChanged.connect(self._update_note)

    def load(self, dto: Sequence[UnitDTO] | UnitInput) -> None:  # type: ignore[override]
        """The units to merge, in tree order."""
        if isinstance(dto, UnitInput):  # the empty form of UnitDialog.__init__
            return
        self._merged = list(dto)
        first = self._merged[0]
        merged = {u.id for u in self._merged}
        parents = {u.id: u.parent_id for u in self._units}
        below = {
            u.id for u in self._units if any(would_create_cycle(parents, m, u.id) for m in merged)
        }
        # Without a parent chosen the service keeps the first unit's: offer "none" only then.
        self.parent_combo.fill(
            [u for u in self._units if u.is_current and u.id not in below],
            _tr("(không có - cấp cao nhất)") if first.parent_id is None else None,
        )
        self.parent_combo.set_unit_id(first.parent_id)
        _set_data(self.kind_combo, first.kind)
        _set_data(self.category_combo, first.collective_category)
        self.sector_field.set_units(self._units)
        self.sector_field.set_value(next((u.sector for u in self._merged if u.sector), None))
        self.sector_field.set_parent_unit(first.parent_id)
        for edit in (self.code_edit, self.name_edit, self.short_edit):
            edit.clear()
        self.merged_label.setText("\n".join(f"• {u.full_name} ({u.code})" for u in self._merged))
        self._update_note()
        self.show_problems([])

    def _update_note(self) -> None:
        self.set_note(
            _tr(
                "Sáp nhập {count} đơn vị thành một đơn vị mới từ ngày {date}. Cán bộ đang công "
                "tác và các đơn vị trực thuộc chuyển sang đơn vị mới; hồ sơ cũ vẫn mang tên cũ."
            ).format(
                count=format_count(len(self._merged)), date=format_date(date_of(self.date_edit))
            )
        )

    def values(self) -> MergeValues:  # type: ignore[override]
        new = replace(super().values(), valid_from=None, note=None, display_order=None)
        return MergeValues(tuple(u.id for u in self._merged), new, date_of(self.date_edit))

    def validate(self) -> list[str]:
        v = self.values()
        problems = self._unit_problems(v.new)
        if len(self._merged) < 2:
            problems.append(_tr("Cần chọn ít nhất hai đơn vị để sáp nhập"))
        problems.extend(p for p in (_too_early(u, v.effective) for u in self._merged) if p)
        return problems


# --- rename ----------------------------------------------------------------------------------


class RenameDialog(UnitFormDialog):
    """Rename a unit from a date; the old row keeps the old name for old records."""

    def __init__(self, parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(_tr("Đổi tên đơn vị"), parent)
        self._today = today or date.today()
        self._unit: UnitDTO | None = None
        self._code_touched = False
        self.old_label = QLabel()
        self.name_edit = QLineEdit()
        self.code_edit = QLineEdit()
        self.short_edit = QLineEdit()
        self.date_edit = date_edit(self._today)
        self.code_edit.textEdited.connect(self._touch_code)
        self.date_edit.dateChanged.connect(self._suggest_code)
        self.form.addRow(_tr("Đơn vị hiện tại:"), self.old_label)
        self.form.addRow(_tr("&Tên mới:"), self.name_edit)
        self.form.addRow(_tr("&Mã mới:"), self.code_edit)
        self.form.addRow(_tr("Tên &viết tắt mới:"), self.short_edit)
        self.form.addRow(_tr("Ngày &hiệu lực:"), self.date_edit)
        self.set_note(
            _tr("Từ ngày hiệu lực, cán bộ chuyển sang đơn vị mới; hồ sơ cũ vẫn mang tên cũ.")
        )

    def load(self, dto: UnitDTO) -> None:
        self._unit = dto
        self.old_label.setText(f"{dto.full_name} ({dto.code})")
        self.name_edit.setText(dto.full_name)
        self.short_edit.setText(dto.short_name or "")
        self.date_edit.setDate(_qdate(self._today))
        self._code_touched = False
        self._suggest_code()
        self.show_problems([])

    def _touch_code(self) -> None:
        self._code_touched = True

    def _suggest_code(self) -> None:
        """Old code + "-" + year of the effective date, until the clerk types a code."""
        if self._unit is not None and not self._code_touched:
            self.code_edit.setText(f"{self._unit.code}-{date_of(self.date_edit).year}")

    def values(self) -> RenameValues:
        assert self._unit is not None, "load() a unit first"
        return RenameValues(
            unit_id=self._unit.id,
            new_full_name=clean(self.name_edit.text()),
            new_code=clean(self.code_edit.text()).upper(),
            new_short_name=clean(self.short_edit.text()) or None,
            effective=date_of(self.date_edit),
        )

    def validate(self) -> list[str]:
        v = self.values()
        unit = self._unit
        assert unit is not None
        data = UnitInput(code=v.new_code, full_name=v.new_full_name, kind=unit.kind)
        problems = validate_unit_input(data, [unit.kind], [])
        if fold_key(v.new_full_name) == fold_key(unit.full_name) and v.new_code == unit.code:
            problems.append(_tr("Tên mới trùng tên cũ"))
        early = _too_early(unit, v.effective)
        return problems + ([early] if early else [])


# --- dissolve --------------------------------------------------------------------------------


class DissolveDialog(UnitFormDialog):
    """End a unit without successor from a date (its people and sub-units must have moved)."""

    def __init__(self, parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(_tr("Giải thể đơn vị"), parent)
        self._today = today or date.today()
        self._unit: UnitDTO | None = None
        self.unit_label = QLabel()
        self.date_edit = date_edit(self._today)
        self.note_edit = QLineEdit()
        self.note_edit.setPlaceholderText(_tr("VD: Quyết định số .../QĐ-UBND"))
        self.form.addRow(_tr("Đơn vị:"), self.unit_label)
        self.form.addRow(_tr("Ngày &hiệu lực:"), self.date_edit)
        self.form.addRow(_tr("&Ghi chú:"), self.note_edit)
        self.set_note(
            _tr(
                "Đơn vị kết thúc hoạt động từ ngày hiệu lực. Cán bộ và đơn vị trực thuộc phải "
                "được điều chuyển trước; hồ sơ cũ vẫn mang tên đơn vị."
            )
        )
        self.ok_button.setText(_tr("Giải thể"))

    def load(self, dto: UnitDTO) -> None:
        self._unit = dto
        self.unit_label.setText(f"{dto.full_name} ({dto.code})")
        self.date_edit.setDate(_qdate(self._today))
        self.note_edit.clear()
        self.show_problems([])

    def values(self) -> DissolveValues:
        assert self._unit is not None, "load() a unit first"
        return DissolveValues(
            self._unit.id, date_of(self.date_edit), clean(self.note_edit.text()) or None
        )

    def validate(self) -> list[str]:
        assert self._unit is not None, "load() a unit first"
        early = _too_early(self._unit, date_of(self.date_edit))
        return [early] if early else []
