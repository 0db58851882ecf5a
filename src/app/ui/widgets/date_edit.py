"""The one date field of the program: dd/mm/yyyy typed as text or picked in a calendar.

:class:`DateEdit` is a line edit, so it behaves like every other field: Tab and Shift+Tab leave
it (Qt's own date box walks its day, month and year with Tab and changed a meeting date to
07/03/2026 that way), Ctrl+A selects it, typing replaces the selection. What it reads:

- "15/12/2026", "15-12-2026", "15.12.2026", "5/2/26", "15122026" (8 digits: ddmmyyyy),
  "151226" (6 digits: ddmmyy); two-digit years as :func:`app.domain.vnformat.parse_date`;
- empty: no date, allowed only for an ``optional`` field ("Ngày ký" of a draft, a deadline);
- a year alone ("1985") when ``year_alone`` (a date of birth known only by its year).

When the clerk leaves the field (Tab, Enter, a click elsewhere) a valid date is written back
as dd/mm/yyyy; an impossible one ("31/02/2026") is refused with a message: the field turns red,
the message is its tooltip, ``problemChanged`` carries it (a form shows it at once: every
:class:`UnitFormDialog` lists it in its red label) and :meth:`DateEdit.problem` returns it, so
the form refuses to close while it remains. The calendar opens with the button at the right of the field, F4 or
Alt+↓; a click or Enter on a day picks it, Esc closes it without a change.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QColor, QFocusEvent, QIcon, QKeyEvent, QPainter, QPixmap
from PySide6.QtWidgets import QCalendarWidget, QFrame, QLineEdit, QVBoxLayout, QWidget

from app.domain.vnformat import format_date, parse_date, parse_date_or_year

__all__ = ["DateEdit", "read_date_text"]

_CONTEXT = "DateEdit"
ERROR_STYLE = "QLineEdit { border: 1px solid #b00020; background: #fff3f3; }"
FIRST = date(1900, 1, 1)
LAST = date(2100, 12, 31)


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def read_date_text(text: str) -> date | None:
    """The date a clerk typed (see the module docstring); None for an empty text. Raises
    ``ValueError`` with a Vietnamese message for an impossible or unreadable date."""
    value = text.strip()
    if not value:
        return None
    if value.isdigit() and len(value) in (6, 8):
        value = f"{value[:2]}/{value[2:4]}/{value[4:]}"
    day = parse_date(value)
    if day is not None and not FIRST <= day <= LAST:
        raise ValueError(f"Ngày {format_date(day)} nằm ngoài khoảng 1900 - 2100")
    return day


_ICON: QIcon | None = None


def _calendar_icon() -> QIcon:
    """A small calendar drawn once (no image file to ship)."""
    global _ICON
    if _ICON is None:
        pixmap = QPixmap(16, 16)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setPen(QColor("#505050"))
        painter.drawRect(1, 2, 13, 12)
        painter.fillRect(2, 3, 12, 3, QColor("#b00020"))
        for x in (4, 7, 10):
            for y in (8, 11):
                painter.fillRect(x, y, 2, 2, QColor("#505050"))
        painter.end()
        _ICON = QIcon(pixmap)
    return _ICON


class _CalendarPopup(QFrame):
    """The calendar under a :class:`DateEdit` (hidden, never deleted, when closed)."""

    def __init__(self, owner: DateEdit) -> None:
        super().__init__(owner, Qt.WindowType.Popup)
        self.setObjectName("datePopup")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.owner = owner
        self.calendar = QCalendarWidget(self)
        self.calendar.setObjectName("dateCalendar")
        self.calendar.setLocale(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.calendar.setGridVisible(True)
        self.calendar.setMinimumDate(QDate(FIRST.year, FIRST.month, FIRST.day))
        self.calendar.setMaximumDate(QDate(LAST.year, LAST.month, LAST.day))
        self.calendar.clicked.connect(self._picked)
        self.calendar.activated.connect(self._picked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(1, 1, 1, 1)
        layout.addWidget(self.calendar)

    def _picked(self, day: QDate) -> None:
        self.hide()
        self.owner.setDate(day)
        self.owner.finish()
        self.owner.setFocus(Qt.FocusReason.PopupFocusReason)
        self.owner.selectAll()


class DateEdit(QLineEdit):
    """A date field (see the module docstring). ``dateChanged`` carries the new date (None:
    empty or not a date yet) whenever the date the field reads changes, as it is typed;
    ``committed`` only when the clerk settles on a new one (leaves the field, picks a day in
    the calendar, empties it): what a filter applies on."""

    dateChanged = Signal(object)
    committed = Signal(object)  # the clerk settled on a date: left the field, picked, cleared
    problemChanged = Signal(str)

    def __init__(
        self,
        value: date | None = None,
        parent: QWidget | None = None,
        *,
        optional: bool = False,
        year_alone: bool = False,
    ) -> None:
        super().__init__(parent)
        self.optional = optional
        self.year_alone = year_alone
        self._value: date | None = None
        self._last_valid: date = value or date.today()
        self._problem = ""
        self._committed: date | None = value
        self._popup: _CalendarPopup | None = None
        self.setPlaceholderText(_tr("dd/mm/yyyy"))
        self.setMaxLength(24)
        self._tip = _tr("Gõ ngày dd/mm/yyyy (vd. 15/12/2026) hoặc bấm F4 để chọn trên lịch")
        self.setToolTip(self._tip)
        self.calendar_action = QAction(_calendar_icon(), _tr("Chọn ngày trên lịch (F4)"), self)
        self.calendar_action.triggered.connect(lambda _checked=False: self.open_calendar())
        self.addAction(self.calendar_action, QLineEdit.ActionPosition.TrailingPosition)
        width = self.fontMetrics().horizontalAdvance("00/00/00000") + 56
        self.setMinimumWidth(width)
        self.setMaximumWidth(width + 40)
        self.textChanged.connect(self._text_changed)
        self.editingFinished.connect(self.finish)
        if value is not None or not optional:
            self.setDate(value or date.today())

    # --- the value ------------------------------------------------------------------------

    def value(self) -> date | None:
        """The date the field reads now; None when empty or not a valid date."""
        return self._value

    def date_value(self) -> date:
        """The date shown, or the last valid one while the text is not a date (a dialog
        refuses to close then, :meth:`problem`)."""
        return self._value or self._last_valid

    def setDate(self, day: date | QDate | None) -> None:
        """Show ``day`` as dd/mm/yyyy (None: empty)."""
        if isinstance(day, QDate):
            day = day.toPython() if day.isValid() else None  # type: ignore[assignment]
        assert day is None or isinstance(day, date)
        self._committed = day  # set by the program, not a choice of the clerk
        self.setText(format_date(day))
        self._set_problem("")

    def set_value(self, day: date | None) -> None:
        self.setDate(day)

    def problem(self) -> str:
        """What is wrong with the text, in Vietnamese ("" when it is fine)."""
        return self._check()

    def _check(self) -> str:
        text = self.text().strip()
        if not text:
            return "" if self.optional else _tr("Chưa nhập ngày")
        try:
            day = read_date_text(text)
        except ValueError as exc:
            if self.year_alone:
                try:
                    if parse_date_or_year(text)[1] is not None:
                        return ""
                except ValueError:
                    pass
            return str(exc)
        return "" if day is not None else _tr("Chưa nhập ngày")

    def _text_changed(self, text: str) -> None:
        try:
            day = read_date_text(text)
        except ValueError:
            day = None
        if day is not None:
            self._last_valid = day
        if self._problem and not self._check():
            self._set_problem("")
        if day != self._value:
            self._value = day
            self.dateChanged.emit(day)
        if not text.strip():
            self._commit()

    def finish(self) -> None:
        """Leaving the field: a date is written back as dd/mm/yyyy; a wrong one is refused
        with a message (red field, the message as its tooltip and in ``problemChanged``)."""
        problem = self._check()
        if not problem and self._value is not None:
            shown = format_date(self._value)
            if self.text() != shown:
                self.blockSignals(True)  # the same date: nothing changed for the listeners
                self.setText(shown)
                self.blockSignals(False)
        self._set_problem(problem)
        if not problem:
            self._commit()

    def _commit(self) -> None:
        if self._value != self._committed:
            self._committed = self._value
            self.committed.emit(self._value)

    def _set_problem(self, problem: str) -> None:
        if problem == self._problem:
            return
        if problem and not self._problem:
            self._tip = self.toolTip()  # the field's own hint, back once the date is right
        self._problem = problem
        self.setStyleSheet(ERROR_STYLE if problem else "")
        self.setToolTip(problem or self._tip)
        self.problemChanged.emit(problem)

    # --- the calendar ---------------------------------------------------------------------

    @property
    def popup(self) -> _CalendarPopup | None:
        return self._popup

    def open_calendar(self) -> None:
        if self.isReadOnly() or not self.isEnabled():
            return
        if self._popup is None:
            self._popup = _CalendarPopup(self)
        day = self._value or self._last_valid
        calendar = self._popup.calendar
        calendar.setSelectedDate(QDate(day.year, day.month, day.day))
        self._popup.adjustSize()
        self._popup.move(self.mapToGlobal(QPoint(0, self.height())))
        self._popup.show()
        calendar.setFocus(Qt.FocusReason.PopupFocusReason)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        if key == Qt.Key.Key_F4 or (
            key == Qt.Key.Key_Down and mods & Qt.KeyboardModifier.AltModifier
        ):
            self.open_calendar()
            event.accept()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            self.finish()
