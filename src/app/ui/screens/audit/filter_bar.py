"""The filter bar of the "Nhật ký thay đổi" page.

Bảng (kind of record) and Mã bản ghi, Cán bộ (typed name, completed from the directory),
Người dùng, Thao tác, Từ ngày / Đến ngày. Lists and dates apply at once; the record id and the
person apply on Enter (Enter in the person box takes the first match). ``changed`` is emitted
with every new filter; :meth:`value` returns it as an
:class:`~app.services.audit_log.AuditFilter`.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QRect, QSize, QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QLineEdit,
    QPushButton,
    QWidget,
)

from app.services import audit_log as svc
from app.services.audit_log import AuditFilter, PersonChoice
from app.services.context import AppContext
from app.ui.widgets.date_edit import DateEdit


def _tr(text: str) -> str:
    return QCoreApplication.translate("AuditFilterBar", text)


def _combo(name: str) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    return combo


def _date_box(name: str) -> DateEdit:
    """An optional date (the program's date widget): empty is no limit."""
    box = DateEdit(None, optional=True)
    box.setObjectName(name)
    box.setClearButtonEnabled(True)
    return box


class FlowLayout(QLayout):
    """Lays its items left to right and wraps to a new line when the width runs out, so the
    filter bar takes two lines on a wide window and more on a narrow one (never a minimum
    width wider than its widest field)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # type: ignore[override]
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # type: ignore[override]
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        gap_x, gap_y = max(self.spacing(), 12), max(self.spacing(), 4)
        x, y, line = area.x(), area.y(), 0
        for item in self._items:
            hint = item.sizeHint()
            if x > area.x() and x + hint.width() > area.right() + 1:
                x, y, line = area.x(), y + line + gap_y, 0
            if move:
                item.setGeometry(QRect(x, y, hint.width(), hint.height()))
            x += hint.width() + gap_x
            line = max(line, hint.height())
        return y + line - rect.y() + margins.bottom()


def _field(label_text: str, widget: QWidget) -> QWidget:
    """A label and its control, kept together on one line of the flow."""
    box = QWidget()
    layout = QHBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(4)
    label = QLabel(label_text)
    label.setBuddy(widget)
    layout.addWidget(label)
    layout.addWidget(widget)
    return box


class AuditFilterBar(QWidget):
    changed = Signal(object)  # AuditFilter

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._person: PersonChoice | None = None
        self._matches: list[PersonChoice] = []
        self._quiet = False

        self.table_combo = _combo("tableCombo")
        self.record_edit = QLineEdit()
        self.record_edit.setObjectName("recordEdit")
        self.record_edit.setPlaceholderText(_tr("số, Enter"))
        self.record_edit.setClearButtonEnabled(True)
        self.record_edit.setMaximumWidth(self.record_edit.fontMetrics().averageCharWidth() * 16)
        self.person_edit = QLineEdit()
        self.person_edit.setObjectName("personEdit")
        self.person_edit.setPlaceholderText(_tr("gõ họ tên rồi Enter"))
        self.person_edit.setClearButtonEnabled(True)
        self.person_edit.setMinimumWidth(self.person_edit.fontMetrics().averageCharWidth() * 42)
        self._person_model = QStringListModel(self)
        self.completer = QCompleter(self._person_model, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.person_edit.setCompleter(self.completer)
        self.user_combo = _combo("userCombo")
        self.action_combo = _combo("actionCombo")
        self.from_date = _date_box("fromDate")
        self.to_date = _date_box("toDate")
        self.clear_button = QPushButton(_tr("Xóa &lọc"))
        self.clear_button.setObjectName("clearButton")

        flow = FlowLayout(self)
        flow.setContentsMargins(0, 0, 0, 0)
        for text, widget in (
            (_tr("&Cán bộ:"), self.person_edit),
            (_tr("&Bảng:"), self.table_combo),
            (_tr("&Mã bản ghi:"), self.record_edit),
            (_tr("Người &dùng:"), self.user_combo),
            (_tr("Th&ao tác:"), self.action_combo),
            (_tr("Từ ngà&y:"), self.from_date),
            (_tr("Đến ngày:"), self.to_date),
        ):
            flow.addWidget(_field(text, widget))
        flow.addWidget(self.clear_button)
        # Tab in the order shown. Alt+N, T, X, G belong to the main window (year and menus).
        order = (
            self.person_edit,
            self.table_combo,
            self.record_edit,
            self.user_combo,
            self.action_combo,
            self.from_date,
            self.to_date,
            self.clear_button,
        )
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)

        for combo in (self.table_combo, self.user_combo, self.action_combo):
            combo.currentIndexChanged.connect(lambda _i: self._emit())
        for box in (self.from_date, self.to_date):
            box.committed.connect(lambda _d: self._emit())
        self.record_edit.returnPressed.connect(self._emit)
        self.record_edit.textChanged.connect(self._record_cleared)
        self.person_edit.textEdited.connect(self._person_typed)
        self.person_edit.returnPressed.connect(self._person_entered)
        self.completer.activated[str].connect(self._person_picked)
        self.clear_button.clicked.connect(self.clear)

    # --- choices ---------------------------------------------------------------------------

    def reload_choices(self) -> None:
        """Fill the lists from the log (new users and tables appear), keeping the selection."""
        self._quiet = True
        try:
            self._fill(self.table_combo, self.ctx.read(svc.audit_tables))
            users = self.ctx.read(svc.audit_users)
            self._fill(self.user_combo, [(u, u) for u in users])
            self._fill(self.action_combo, self.ctx.read(svc.audit_actions))
        finally:
            self._quiet = False

    @staticmethod
    def _fill(combo: QComboBox, items: list[tuple[str, str]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        try:
            combo.clear()
            combo.addItem(_tr("Tất cả"), None)
            for key, label in items:
                combo.addItem(label, key)
            index = combo.findData(current) if current is not None else 0
            combo.setCurrentIndex(max(index, 0))
        finally:
            combo.blockSignals(False)

    # --- the person ------------------------------------------------------------------------

    @property
    def person(self) -> PersonChoice | None:
        return self._person

    def _person_typed(self, text: str) -> None:
        self._matches = self.ctx.read(svc.find_people, text) if text.strip() else []
        self._person_model.setStringList([m.label for m in self._matches])
        if not text.strip() and self._person is not None:
            self._person = None
            self._emit()

    def _person_picked(self, label: str) -> None:
        for match in self._matches:
            if match.label == label:
                self.set_person(match)
                return

    def _person_entered(self) -> None:
        text = self.person_edit.text().strip()
        if not text:
            self.set_person(None)
            return
        if self._person is not None and text == self._person.label:
            return
        matches = [m for m in self._matches if m.label == text] or self.ctx.read(
            svc.find_people, text
        )
        if matches:
            self.set_person(matches[0])

    def set_person(self, person: PersonChoice | None) -> None:
        self._person = person
        self.person_edit.setText(person.label if person else "")
        self.person_edit.setCursorPosition(0)  # the name, not the tail, when the box is narrow
        self.completer.popup().hide()
        self._emit()

    # --- the filter ------------------------------------------------------------------------

    def _record_cleared(self, text: str) -> None:
        if not text:
            self._emit()

    def value(self) -> AuditFilter:
        return AuditFilter(
            table=self.table_combo.currentData(),
            record_id=self.record_edit.text().strip() or None,
            person_id=self._person.id if self._person else None,
            user=self.user_combo.currentData(),
            date_from=self.from_date.value(),
            date_to=self.to_date.value(),
            action=self.action_combo.currentData(),
        )

    def clear(self) -> None:
        self._quiet = True
        try:
            for combo in (self.table_combo, self.user_combo, self.action_combo):
                combo.setCurrentIndex(0)
            self.record_edit.clear()
            self.person_edit.clear()
            self._person = None
            self.from_date.setDate(None)
            self.to_date.setDate(None)
        finally:
            self._quiet = False
        self._emit()

    def _emit(self) -> None:
        if not self._quiet:
            self.changed.emit(self.value())
