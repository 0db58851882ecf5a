"""The fields of a decision: the number checked as it is typed, date, authority and signer,
loại hình, title or form, achievement years, trích yếu.

:class:`NumberField` shows under itself, in red, what is wrong with the number ("đã dùng trong
năm 2026 cho quyết định khác...") as the clerk types; the check itself is a function handed in
by the screen (it reads the database through the services), so the widgets stay testable.
:class:`DecisionForm` follows the dialog contract: ``load(dto)``, ``values()``, ``validate()``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.domain.vntext import clean
from app.services.decisions import (
    DecisionDetail,
    DecisionInput,
    award_type_names,
    validate_decision_input,
)
from app.services.reference import catalogue
from app.ui.screens.decisions.signing_date import DateChecker, SigningDate
from app.ui.widgets.read_only import set_read_only

_CONTEXT = "DecisionForm"
ERROR_STYLE = "color: #b00020;"

# year, text -> problems (empty when the number is free)
NumberChecker = Callable[[int, str], list[str]]
NextNumber = Callable[[int], str]

SUPERIOR_AUTHORITIES = (
    "Chủ tịch UBND tỉnh",
    "Bộ trưởng Bộ Nông nghiệp và Môi trường",
    "Thủ tướng Chính phủ",
    "Chủ tịch nước",
)


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def error_label() -> QLabel:
    label = QLabel()
    label.setObjectName("errorLabel")
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


class NumberField(QWidget):
    """ "Số" with a "Số tiếp theo" button and a red message under it, refreshed as typed."""

    checked = Signal(list)  # the problems found, after every change

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit()
        self.edit.setObjectName("numberEdit")
        self.edit.setPlaceholderText(_tr("VD: 05/QĐ-SNNMT"))
        self.next_button = QPushButton(_tr("Số tiếp theo"))
        self.next_button.setObjectName("nextNumberButton")
        self.next_button.setToolTip(_tr("Lấy số chưa dùng tiếp theo của năm"))
        self.error = error_label()
        self.error.setObjectName("numberError")
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.error)
        self.setFocusProxy(self.edit)
        self._checker: NumberChecker | None = None
        self._next: NextNumber | None = None
        self._year: Callable[[], int] = lambda: date.today().year
        self.problems: list[str] = []
        self.edit.textChanged.connect(lambda _text: self.check())
        self.next_button.clicked.connect(self.take_next)

    def configure(
        self, checker: NumberChecker | None, next_number: NextNumber | None, year: Callable[[], int]
    ) -> None:
        self._checker, self._next, self._year = checker, next_number, year
        self.next_button.setVisible(next_number is not None)

    def text(self) -> str:
        return clean(self.edit.text())

    def set_text(self, text: str | None) -> None:
        self.edit.setText(text or "")
        self.check()

    def take_next(self) -> None:
        if self._next is not None:
            self.edit.setText(self._next(self._year()))
            self.edit.setFocus()

    def check(self) -> list[str]:
        text = self.text()
        self.problems = self._checker(self._year(), text) if self._checker and text else []
        self.error.setText("\n".join(self.problems))
        self.error.setVisible(bool(self.problems))
        self.checked.emit(self.problems)
        return self.problems

    def set_read_only(self, read_only: bool) -> None:
        set_read_only(self.edit, read_only)
        self.next_button.setEnabled(not read_only)


class YearSpin(QSpinBox):
    """A year the clerk may leave out ("—")."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(1944, 2100)
        self.setSpecialValueText("—")
        self.setValue(1944)

    def year(self) -> int | None:
        return None if self.value() == self.minimum() else self.value()

    def set_year(self, year: int | None) -> None:
        self.setValue(year if year is not None else self.minimum())


def _set_data(combo: QComboBox, value: object) -> None:
    combo.setCurrentIndex(max(0, combo.findData(value)))


class DecisionForm(QWidget):
    """The fields of one decision. ``superior``: the authority is picked among superiors and
    the number may have any form."""

    def __init__(self, parent: QWidget | None = None, *, superior: bool = False) -> None:
        super().__init__(parent)
        self._year = date.today().year
        self.superior = superior
        self._hints: dict[QLineEdit, str] = {}
        self.number = NumberField()
        self.date = SigningDate(optional=True)
        self.date.setObjectName("decisionDate")
        self.authority = QComboBox()
        self.authority.setObjectName("authorityCombo")
        self.authority.setEditable(True)
        self.authority.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        if superior:
            self.authority.addItems(list(SUPERIOR_AUTHORITIES))
        self.award_type = QComboBox()
        self.award_type.setObjectName("awardTypeCombo")
        for code, name in award_type_names().items():
            self.award_type.addItem(name, code)
        self.award = QComboBox()
        self.award.setObjectName("awardCombo")
        self.award.addItem(_tr("(theo từng dòng)"), None)
        for item in catalogue().items:
            if not item.history_only or superior:
                self.award.addItem(item.name, item.code)
        for combo in (self.authority, self.award_type, self.award):
            # long names (Kỷ niệm chương "Vì sự nghiệp...") must not widen the whole form
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(18)
        self.period_from = YearSpin()
        self.period_from.setObjectName("periodFrom")
        self.period_to = YearSpin()
        self.period_to.setObjectName("periodTo")
        period = QWidget()
        period_row = QHBoxLayout(period)
        period_row.setContentsMargins(0, 0, 0, 0)
        period_row.addWidget(self.period_from)
        period_row.addWidget(QLabel(_tr("đến")))
        period_row.addWidget(self.period_to)
        period_row.addStretch(1)
        self.summary = QLineEdit()
        self.summary.setObjectName("summaryEdit")
        self.summary.setPlaceholderText(_tr('VD: Về việc công nhận danh hiệu "Lao động tiên tiến"'))
        self.signer_line = QLineEdit()
        self.signer_line.setPlaceholderText(_tr("VD: KT. GIÁM ĐỐC"))
        self.signer_title = QLineEdit()
        self.signer_title.setPlaceholderText(_tr("VD: PHÓ GIÁM ĐỐC"))
        self.signer_name = QLineEdit()
        self.note = QLineEdit()
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        rows: list[tuple[str, QWidget]] = [
            (_tr("&Số:"), self.number),
            (_tr("Ngà&y ký:"), self.date),
            (_tr("Cơ quan ban hành:"), self.authority),
            (_tr("Loại hình:"), self.award_type),
            (_tr("&Danh hiệu / Hình thức:"), self.award),
            (_tr("Thành tích năm:"), period),
            (_tr("Trích yếu:"), self.summary),
            (_tr("Thẩm quyền ký:"), self.signer_line),
            (_tr("Chức vụ người ký:"), self.signer_title),
            (_tr("Người &ký:"), self.signer_name),
            (_tr("Ghi chú:"), self.note),
        ]
        for text, widget in rows:
            label = QLabel(text)
            label.setBuddy(widget.focusProxy() or widget)
            self.form.addRow(label, widget)
        self.date.edit.dateChanged.connect(lambda _d: self.number.check())

    # --- the year the number is checked in ------------------------------------------------

    def number_year(self) -> int:
        """The year of the number series: the date's year, else the decision's year."""
        day = self.date.value()
        return day.year if day is not None else self._year

    def configure_numbers(
        self, checker: NumberChecker | None, next_number: NextNumber | None
    ) -> None:
        self.number.configure(checker, next_number, self.number_year)

    def configure_date(self, checker: DateChecker | None) -> None:
        """What the signing date typed means (base salary, warnings, new total)."""
        self.date.configure(checker)

    # --- contract ---------------------------------------------------------------------------

    def load(self, data: DecisionDetail | DecisionInput) -> None:
        self._year = data.year
        self.number.set_text(data.number)
        self.date.set_value(data.decision_date)
        self.authority.setCurrentText(data.authority)
        _set_data(self.award_type, data.award_type)
        _set_data(self.award, data.catalogue_code)
        self.period_from.set_year(data.period_from_year)
        self.period_to.set_year(data.period_to_year)
        self.summary.setText(data.summary or "")
        self.signer_line.setText(data.signer_authority_line or "")
        self.signer_title.setText(data.signer_title or "")
        self.signer_name.setText(data.signer_name or "")
        self.note.setText(data.note or "")
        self.number.check()

    def values(self) -> DecisionInput:
        return DecisionInput(
            year=self._year,
            authority=clean(self.authority.currentText()),
            award_type=str(self.award_type.currentData()),
            catalogue_code=self.award.currentData(),
            summary=clean(self.summary.text()) or None,
            number=self.number.text() or None,
            decision_date=self.date.value(),
            signer_authority_line=clean(self.signer_line.text()) or None,
            signer_title=clean(self.signer_title.text()) or None,
            signer_name=clean(self.signer_name.text()) or None,
            period_from_year=self.period_from.year(),
            period_to_year=self.period_to.year(),
            note=clean(self.note.text()) or None,
        )

    def validate(self) -> list[str]:
        data = self.values()
        if self.superior:  # any form of number; it is required, with the date
            problems = validate_decision_input(DecisionInput(**{**data.__dict__, "number": None}))
            if not data.number:
                problems.append(_tr("Chưa nhập số quyết định"))
            if data.decision_date is None:
                problems.append(_tr("Chưa nhập ngày ký quyết định"))
        else:
            problems = validate_decision_input(data)
        wrong_date = self.date.edit.problem()
        if wrong_date:  # an impossible date is refused, never saved as "no date"
            problems.insert(0, _tr("Ngày ký: {problem}").format(problem=wrong_date))
        seen = set(problems)
        return problems + [p for p in self.number.check() if p not in seen]

    def set_read_only(self, read_only: bool) -> None:
        self.number.set_read_only(read_only)
        self.date.set_read_only(read_only)
        for widget in (
            self.authority,
            self.award_type,
            self.award,
            self.period_from,
            self.period_to,
        ):
            widget.setEnabled(not read_only)
        for edit in (
            self.summary,
            self.signer_line,
            self.signer_title,
            self.signer_name,
            self.note,
        ):
            set_read_only(edit, read_only)
            # examples ("VD: ...") are for typing; on a locked decision they read as content
            hint = self._hints.setdefault(edit, edit.placeholderText())
            edit.setPlaceholderText("" if read_only else hint)
        hint = self._hints.setdefault(self.number.edit, self.number.edit.placeholderText())
        self.number.edit.setPlaceholderText("" if read_only else hint)
