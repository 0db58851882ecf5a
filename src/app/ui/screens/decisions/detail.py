"""The lower half of the decisions screen: one decision's fields and its lines.

:class:`DecisionPane` holds the widgets and shows a :class:`DecisionDetail`; it writes nothing
itself (the screen wires its buttons to the services). A draft is editable; an issued,
corrected or revoked decision is shown read-only with what happened to it, and only the
lifecycle buttons that apply are enabled.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.domain.vnformat import format_count, format_date, format_money
from app.services.decisions import DRAFT, IMPORTED, OWN, REVOKED, DecisionDetail, RecipientDTO
from app.ui.screens.decisions.form import DecisionForm
from app.ui.screens.decisions.models import (
    COL_R_AWARD,
    COL_R_JOB,
    COL_R_NAME,
    COL_R_NOTE,
    COL_R_UNIT,
    RecipientTableModel,
)
from app.ui.screens.units.people_model import current_object, make_table
from app.ui.widgets.columns import clerk_sized
from app.ui.widgets.scroll import DownScrollArea

_CONTEXT = "DecisionPane"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def shrinkable(*widgets: QWidget) -> None:
    """Buttons and combos that may get narrower than their text in a narrow window (the text
    is then clipped) instead of forcing the main window wider than the screen."""
    for widget in widgets:
        policy = widget.sizePolicy()
        policy.setHorizontalPolicy(QSizePolicy.Policy.Preferred)  # buttons: Minimum
        widget.setSizePolicy(policy)
        widget.setMinimumWidth(widget.fontMetrics().averageCharWidth() * 6)


def _action(parent: QWidget, text: str, keys: QKeySequence | QKeySequence.StandardKey) -> QAction:
    action = QAction(text, parent)
    action.setShortcut(keys)
    action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    parent.addAction(action)
    return action


class DecisionPane(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.detail: DecisionDetail | None = None

        # --- heading: what the decision is and what can be done with it
        self.heading = QLabel()
        self.heading.setObjectName("decisionHeading")
        bold = self.heading.font()
        bold.setBold(True)
        self.heading.setFont(bold)
        self.heading.setWordWrap(True)  # a narrow window wraps it rather than widening
        self.state_label = QLabel()
        self.state_label.setObjectName("stateLabel")
        self.state_label.setWordWrap(True)
        self.state_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.save_button = QPushButton(_tr("&Lưu dự thảo"))
        self.save_button.setObjectName("saveButton")
        self.save_button.setToolTip("Ctrl+S")
        self.issue_button = QPushButton(_tr("B&an hành…"))
        self.issue_button.setObjectName("issueButton")
        self.correct_button = QPushButton(_tr("Đính &chính…"))
        self.correct_button.setObjectName("correctButton")
        self.revoke_button = QPushButton(_tr("Thu hồ&i…"))
        self.revoke_button.setObjectName("revokeButton")
        self.delete_button = QPushButton(_tr("Xóa dự thảo"))
        self.delete_button.setObjectName("deleteDraftButton")
        shrinkable(
            self.save_button,
            self.issue_button,
            self.correct_button,
            self.revoke_button,
            self.delete_button,
        )
        head = QHBoxLayout()
        head.addWidget(self.heading, 1)
        for button in (
            self.save_button,
            self.issue_button,
            self.correct_button,
            self.revoke_button,
            self.delete_button,
        ):
            head.addWidget(button)

        # --- the fields
        self.form = DecisionForm()
        scroll = DownScrollArea()  # the fields whole (the salary beside the date), never clipped
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        holder = QWidget()
        holder_layout = QVBoxLayout(holder)
        holder_layout.setContentsMargins(0, 0, 8, 0)
        holder_layout.addWidget(self.form)
        holder_layout.addStretch(1)
        scroll.setWidget(holder)

        # --- the lines
        self.lines = RecipientTableModel(self)
        self.view, self.proxy = make_table(self.lines, sort_column=-1, stretch=COL_R_NOTE)
        self.view.setObjectName("recipientTable")
        self.view.setSortingEnabled(False)  # the clerk's order is the order
        self.add_person_button = QPushButton(_tr("Thê&m cá nhân…"))
        self.add_person_button.setObjectName("addPersonButton")
        self.add_unit_button = QPushButton(_tr("Thêm tậ&p thể…"))
        self.add_unit_button.setObjectName("addUnitButton")
        self.add_household_button = QPushButton(_tr("Thêm hộ gia đình…"))
        self.remove_button = QPushButton(_tr("Xóa dòng"))
        self.remove_button.setObjectName("removeButton")
        self.remove_button.setToolTip("Delete")
        self.up_button = QPushButton("↑")
        self.up_button.setObjectName("upButton")
        self.up_button.setToolTip(_tr("Chuyển dòng lên (Alt+↑)"))
        self.up_button.setAccessibleName(_tr("Chuyển dòng lên"))
        self.down_button = QPushButton("↓")
        self.down_button.setObjectName("downButton")
        self.down_button.setToolTip(_tr("Chuyển dòng xuống (Alt+↓)"))
        self.down_button.setAccessibleName(_tr("Chuyển dòng xuống"))
        for button in (self.up_button, self.down_button):
            button.setFixedWidth(button.fontMetrics().horizontalAdvance("↓") * 3 + 16)
        shrinkable(
            self.add_person_button,
            self.add_unit_button,
            self.add_household_button,
            self.remove_button,
        )
        tools = QHBoxLayout()
        for button in (
            self.add_person_button,
            self.add_unit_button,
            self.add_household_button,
            self.remove_button,
        ):
            tools.addWidget(button)
        tools.addStretch(1)
        tools.addWidget(self.up_button)
        tools.addWidget(self.down_button)
        self.money_label = QLabel()
        self.money_label.setObjectName("moneyLabel")
        self.money_label.setWordWrap(True)
        lines_box = QWidget()
        lines_layout = QVBoxLayout(lines_box)
        lines_layout.setContentsMargins(8, 0, 0, 0)
        lines_layout.addLayout(tools)
        lines_layout.addWidget(self.view, 1)
        lines_layout.addWidget(self.money_label)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(scroll)
        self.splitter.addWidget(lines_box)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([520, 740])
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(head)
        layout.addWidget(self.state_label)
        layout.addWidget(self.splitter, 1)

        # --- keys
        self.save_action = _action(self, _tr("Lưu dự thảo"), QKeySequence.StandardKey.Save)
        self.up_action = _action(
            self.view, _tr("Chuyển lên"), QKeySequence(Qt.Modifier.ALT | Qt.Key.Key_Up)
        )
        self.down_action = _action(
            self.view, _tr("Chuyển xuống"), QKeySequence(Qt.Modifier.ALT | Qt.Key.Key_Down)
        )
        self.remove_action = _action(
            self.view, _tr("Xóa dòng"), QKeySequence(QKeySequence.StandardKey.Delete)
        )
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self.update_state())
        self.show_detail(None)

    # --- showing ------------------------------------------------------------------------------

    def show_detail(self, detail: DecisionDetail | None, *, keep_fields: bool = False) -> None:
        chosen = self.current_line()
        self.detail = detail
        if detail is None:
            self.heading.setText(_tr("Chọn một quyết định trong sổ, hoặc tạo quyết định mới"))
            self.state_label.setText("")
            self.lines.set_rows([])
            self.lines.set_amounts({})
            self.money_label.setText("")
            self.form.setEnabled(False)
            self.update_state()
            return
        self.form.setEnabled(True)
        if not keep_fields:
            self.form.load(detail)
        self.form.set_read_only(detail.status != DRAFT)
        number = detail.number or _tr("(chưa có số)")
        self.heading.setText(
            _tr("Quyết định số {number} — {status} — {origin}").format(
                number=number, status=detail.status_name, origin=detail.origin_name
            )
        )
        self.state_label.setText(self.state_text(detail))
        self.lines.set_rows(detail.recipients)
        self.fit_columns()
        if chosen is not None:
            self.select_line(chosen.id)
        elif detail.recipients:
            self.select_line(detail.recipients[0].id)
        self.update_state()

    def form_changed(self) -> bool:
        """Whether a draft's fields differ from what is stored (typed but not saved)."""
        d = self.detail
        return d is not None and d.is_draft and self.form.values() != d.to_input()

    def fit_columns(self) -> None:
        """Columns as wide as their contents, the long texts capped (names stay whole)."""
        if clerk_sized(self.view):  # the clerk's own widths are kept
            return
        self.view.resizeColumnsToContents()
        for column, cap in ((COL_R_JOB, 140), (COL_R_UNIT, 170), (COL_R_AWARD, 170)):
            self.view.setColumnWidth(column, min(self.view.columnWidth(column), cap))

    @staticmethod
    def state_text(d: DecisionDetail) -> str:
        if d.status == DRAFT:
            return _tr("Dự thảo: sửa được nội dung và danh sách; ban hành khi đã có số và ngày ký.")
        parts = []
        if d.issued_at is not None:
            when = {
                OWN: _tr("Ban hành (ghi vào sổ) lúc {at}"),
                IMPORTED: _tr("Lập từ lịch sử khen thưởng đã nhập lúc {at}"),
            }.get(d.origin, _tr("Ghi vào sổ lúc {at}"))
            parts.append(when.format(at=d.issued_at.astimezone().strftime("%H:%M %d/%m/%Y")))
        if d.correction_document:
            parts.append(
                _tr("Đính chính theo {doc} ngày {day}: {note}").format(
                    doc=d.correction_document,
                    day=format_date(d.correction_date),
                    note=d.correction_note or "",
                )
            )
        if d.status == REVOKED:
            parts.append(
                _tr("Thu hồi theo {doc} ngày {day}. Lý do: {reason}").format(
                    doc=d.revoke_document or "",
                    day=format_date(d.revoke_date),
                    reason=d.revoke_reason or "",
                )
            )
        revoked = [r for r in d.recipients if r.revoked]
        if revoked and d.status != REVOKED:
            parts.append(_tr("{n} dòng đã thu hồi").format(n=format_count(len(revoked))))
        parts.append(_tr("Nội dung đã khóa: chỉ sửa bằng Đính chính hoặc Thu hồi."))
        return ". ".join(p.rstrip(".") for p in parts) + "."

    def show_money(self, amounts: Mapping[int, tuple[int, bool, str]], summary: str) -> None:
        self.lines.set_amounts(amounts)
        self.money_label.setText(summary)
        self.fit_columns()

    @staticmethod
    def money_summary(total: int, base: int, warnings: tuple[str, ...]) -> str:
        text = _tr("Tổng tiền thưởng: {total} đồng (mức lương cơ sở {base} đồng)").format(
            total=format_money(total), base=format_money(base)
        )
        return "\n".join([text, *warnings])

    # --- lines --------------------------------------------------------------------------------

    def current_line(self) -> RecipientDTO | None:
        return current_object(self.view)  # type: ignore[no-any-return]

    def select_line(self, recipient_id: int) -> None:
        row = self.lines.row_of(recipient_id)
        if row is None:
            return
        index = self.proxy.mapFromSource(self.lines.index(row, COL_R_NAME))
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self.view.selectionModel().setCurrentIndex(index, flags)

    def update_state(self) -> None:
        d = self.detail
        draft = d is not None and d.status == DRAFT
        in_force = d is not None and d.in_force
        line = self.current_line()
        for widget in (
            self.save_button,
            self.save_action,
            self.issue_button,
            self.delete_button,
            self.add_person_button,
            self.add_unit_button,
            self.add_household_button,
        ):
            widget.setEnabled(draft)
        self.correct_button.setEnabled(in_force)
        self.revoke_button.setEnabled(in_force)
        has_line = draft and line is not None
        for widget in (self.remove_button, self.remove_action):
            widget.setEnabled(has_line)
        count = self.lines.rowCount()
        first = line is not None and line.position == 1
        last = line is not None and line.position == count
        for widget in (self.up_button, self.up_action):
            widget.setEnabled(has_line and not first)
        for widget in (self.down_button, self.down_action):
            widget.setEnabled(has_line and not last)
