"""The signing date of a decision, with what it means for the money (issue 14).

:class:`SigningDate` is the program's date field (:class:`~app.ui.widgets.date_edit.DateEdit`)
with, beside it, the base salary in force on the date typed, and under it what the screen's
checker says about that date (:func:`app.services.decision_dates.check_signing_date`): the
warnings (before the Council met, before the review year ended) and, when the date crosses a
change of the base salary, the decision's new total, all before anything is saved. The check is
a function handed in by the screen (it reads the database through the services), so the widget
stays testable.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.services.decision_dates import DateCheck
from app.ui.widgets.date_edit import DateEdit
from app.ui.widgets.read_only import set_read_only

__all__ = ["DateChecker", "SigningDate"]

_CONTEXT = "SigningDate"
WARNING_STYLE = "color: #8a4b00;"
DateChecker = Callable[[date], DateCheck | None]


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


class SigningDate(QWidget):
    """A signing date, the base salary beside it and the checker's notes under it."""

    def __init__(
        self, value: date | None = None, parent: QWidget | None = None, *, optional: bool = False
    ) -> None:
        super().__init__(parent)
        self.edit = DateEdit(value, optional=optional)
        self.edit.setObjectName("signingDate")
        self.salary_label = QLabel()
        self.salary_label.setObjectName("salaryLabel")
        self.salary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.note_label = QLabel()
        self.note_label.setObjectName("dateNotes")
        self.note_label.setWordWrap(True)
        self.note_label.setStyleSheet(WARNING_STYLE)
        self.note_label.setTextFormat(Qt.TextFormat.PlainText)
        self.note_label.hide()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit)
        row.addWidget(self.salary_label, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.note_label)
        self.setFocusProxy(self.edit)
        self._checker: DateChecker | None = None
        self.check: DateCheck | None = None
        self.edit.dateChanged.connect(lambda _day: self.refresh())

    def configure(self, checker: DateChecker | None) -> None:
        self._checker = checker
        self.refresh()

    def value(self) -> date | None:
        return self.edit.value()

    def date_value(self) -> date:
        return self.edit.date_value()

    def set_value(self, day: date | None) -> None:
        self.edit.setDate(day)
        self.refresh()

    def warnings(self) -> tuple[str, ...]:
        return self.check.warnings if self.check is not None else ()

    def refresh(self) -> None:
        """Read again what the date means (the salary, the warnings, the new total)."""
        day = self.edit.value()
        self.check = self._checker(day) if day is not None and self._checker else None
        check = self.check
        self.salary_label.setText(check.salary_text() if check is not None else "")
        notes = [f"⚠ {w}" for w in check.warnings] if check is not None else []
        if check is not None and check.total_text():
            notes.append(check.total_text())
        self.note_label.setText("\n".join(notes))
        self.note_label.setVisible(bool(notes))

    def set_read_only(self, read_only: bool) -> None:
        set_read_only(self.edit, read_only)
        self.edit.calendar_action.setEnabled(not read_only)
