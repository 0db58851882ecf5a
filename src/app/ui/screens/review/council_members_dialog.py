"""The "Biên bản họp" form of the "Hội đồng TĐKT" tab: what the minutes of a session record
besides the votes (issue 20 point 6; domain.md §8.4).

- the members by name, in the order the minutes list them: job title, role in the Council
  (Chủ tịch, Phó Chủ tịch, Thư ký, Ủy viên) and attendance (present, absent, absent with a
  written opinion), edited in place in a table (:class:`MembersModel`; Ctrl+N adds a member,
  Delete removes the one selected). The order is the minutes' order, so the table does not
  sort;
- who chaired and who took the minutes, chosen among the members (the choice sets their
  roles: the minutes name the Chủ tịch present, else a Phó Chủ tịch present, and the Thư ký);
- when the meeting began and ended, and the outcome of the public comment on the candidates.

:class:`MinutesDialog` follows the dialog contract through :class:`UnitFormDialog`:
``load(SessionMinutes)``, ``values() -> SessionMinutes``, ``validate()`` (the rules of
:mod:`app.domain.council_minutes`: the members named agree with the session's counts) and
``accept()``, which refuses while problems remain.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.council_minutes import (
    CHAIR,
    DEPUTY,
    MEMBER,
    ROLES,
    SECRETARY,
    MemberInput,
    MinutesInput,
    member_problems,
    minutes_problems,
    parse_clock,
)
from app.services.council_members import SessionMinutes
from app.ui.screens.units.unit_dialogs import UnitFormDialog

__all__ = [
    "ATTENDANCE",
    "COL_ATTENDANCE",
    "COL_JOB",
    "COL_NAME",
    "COL_ROLE",
    "OBJECT_ROLE",
    "MembersModel",
    "MinutesDialog",
]

_CONTEXT = "CouncilMinutesDialog"
ModelIndex = QModelIndex | QPersistentModelIndex
COL_NAME, COL_JOB, COL_ROLE, COL_ATTENDANCE = range(4)
OBJECT_ROLE = Qt.ItemDataRole.UserRole + 2
PRESENT, ABSENT, WRITTEN = "CO_MAT", "VANG", "VAN_BAN"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


ROLE_LABELS = {
    CHAIR: "Chủ tịch Hội đồng",
    DEPUTY: "Phó Chủ tịch Hội đồng",
    SECRETARY: "Thư ký Hội đồng",
    MEMBER: "Ủy viên",
}
ATTENDANCE = {
    PRESENT: "Có mặt",
    ABSENT: "Vắng mặt",
    WRITTEN: "Vắng, có ý kiến bằng văn bản",
}


def attendance_of(member: MemberInput) -> str:
    if member.present:
        return PRESENT
    return WRITTEN if member.written_opinion else ABSENT


def chair_row(members: list[MemberInput]) -> int | None:
    """The member the minutes name as chairing: the Chủ tịch present, else a Phó Chủ tịch."""
    for role in (CHAIR, DEPUTY):
        for row, member in enumerate(members):
            if member.role == role and member.present:
                return row
    return None


def secretary_row(members: list[MemberInput]) -> int | None:
    return next((row for row, m in enumerate(members) if m.role == SECRETARY), None)


class MembersModel(QAbstractTableModel):
    """The members of one session, edited in place (Họ và tên, Chức vụ, Vai trò, Tham dự)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.members: list[MemberInput] = []
        self._given: dict[str, tuple[int, str]] = {}  # role -> (row, its role before a chooser)

    def set_members(self, members: list[MemberInput]) -> None:
        self.beginResetModel()
        self.members = list(members)
        self._given.clear()
        self.endResetModel()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.members)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (_tr("Họ và tên"), _tr("Chức vụ"), _tr("Vai trò"), _tr("Tham dự"))[section]
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        member = self.members[index.row()]
        if role == OBJECT_ROLE:
            return member
        col = index.column()
        if role == Qt.ItemDataRole.EditRole:
            return (member.full_name, member.job_title, member.role, attendance_of(member))[col]
        if role == Qt.ItemDataRole.DisplayRole:
            if col == COL_NAME:
                return member.full_name
            if col == COL_JOB:
                return member.job_title
            if col == COL_ROLE:
                return _tr(ROLE_LABELS.get(member.role, member.role))
            return _tr(ATTENDANCE[attendance_of(member)])
        return None

    def setData(self, index: ModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        row, col = index.row(), index.column()
        member = self.members[row]
        if col == COL_NAME:
            member = replace(member, full_name=str(value).strip())
        elif col == COL_JOB:
            member = replace(member, job_title=str(value).strip())
        elif col == COL_ROLE and value in ROLES:
            self.set_role(row, str(value))
            return True
        elif col == COL_ATTENDANCE and value in ATTENDANCE:
            member = replace(member, present=value == PRESENT, written_opinion=value == WRITTEN)
        else:
            return False
        self._put(row, member)
        return True

    def _put(self, row: int, member: MemberInput) -> None:
        if self.members[row] == member:
            return
        self.members[row] = member
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def set_role(self, row: int, role: str) -> None:
        """Give ``row`` a role; a Council has one Chủ tịch and one Thư ký, so another member
        holding that role becomes an Ủy viên."""
        self._given = {k: v for k, v in self._given.items() if v[0] != row}
        self._set_role(row, role)

    def _set_role(self, row: int, role: str) -> None:
        if role in (CHAIR, SECRETARY):
            for other, member in enumerate(self.members):
                if other != row and member.role == role:
                    self._put(other, replace(member, role=MEMBER))
        self._put(row, replace(self.members[row], role=role))

    def _assign(self, role: str, row: int | None) -> None:
        """Give ``role`` to ``row`` (None: to nobody) from a chooser. The member the chooser
        gave it to before gets their own role back, so stepping through the choices with the
        arrow keys changes nobody but the member chosen last."""
        given = self._given.pop(role, None)
        if given is not None:
            before_row, before_role = given
            if before_row == row:
                self._given[role] = given
                return
            if self.members[before_row].role == role:
                self._put(before_row, replace(self.members[before_row], role=before_role))
        if row is None:
            for other, member in enumerate(self.members):
                if member.role == role:
                    self._put(other, replace(member, role=MEMBER))
            return
        if self.members[row].role != role:
            self._given[role] = (row, self.members[row].role)
        self._set_role(row, role)

    def set_chair(self, row: int | None) -> None:
        """``row`` chairs: made the Chủ tịch, unless already chairing (a Phó Chủ tịch in the
        Chủ tịch's absence); None: nobody is named as chairing."""
        if row is None or chair_row(self.members) != row:
            self._assign(CHAIR, row)

    def set_secretary(self, row: int | None) -> None:
        self._assign(SECRETARY, row)

    def add_member(self) -> int:
        row = len(self.members)
        self.beginInsertRows(QModelIndex(), row, row)
        self.members.append(MemberInput(full_name=""))
        self.endInsertRows()
        return row

    def remove_member(self, row: int) -> None:
        if 0 <= row < len(self.members):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.members[row]
            self._given.clear()
            self.endRemoveRows()


class ChoiceDelegate(QStyledItemDelegate):
    """A drop-down of fixed choices (code -> label) for the role and attendance columns."""

    def __init__(self, choices: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choices = choices

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: ModelIndex
    ) -> QWidget:
        combo = QComboBox(parent)
        for code, label in self.choices.items():
            combo.addItem(_tr(label), code)
        return combo

    def setEditorData(self, editor: QWidget, index: ModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(editor.findData(index.data(Qt.ItemDataRole.EditRole)), 0))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: ModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class MinutesDialog(UnitFormDialog):
    """The members, chair, secretary, times and public comment of one session."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_tr("Biên bản họp Hội đồng Thi đua - Khen thưởng"), parent)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 110)
        self.data: SessionMinutes | None = None
        self.counts_label = QLabel()
        self.counts_label.setObjectName("countsLabel")
        self.counts_label.setWordWrap(True)
        self.model = MembersModel(self)
        self.table = QTableView()
        self.table.setObjectName("membersTable")
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(COL_ROLE, ChoiceDelegate(ROLE_LABELS, self.table))
        self.table.setItemDelegateForColumn(COL_ATTENDANCE, ChoiceDelegate(ATTENDANCE, self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        width = self.fontMetrics().averageCharWidth()
        for col, chars in ((COL_NAME, 24), (COL_JOB, 28), (COL_ROLE, 24)):
            self.table.setColumnWidth(col, width * chars)
        self.table.setMinimumHeight(self.fontMetrics().height() * 12)
        self.add_button = QPushButton(_tr("&Thêm thành viên"))
        self.add_button.setToolTip(_tr("Ctrl+N"))
        self.remove_button = QPushButton(_tr("&Xóa thành viên"))
        self.remove_button.setToolTip(_tr("Delete trong bảng"))
        for button in (self.add_button, self.remove_button):
            button.setAutoDefault(False)  # Enter in a field saves the form, never adds a row
        self.add_button.clicked.connect(lambda _checked=False: self.add_member())
        self.remove_button.clicked.connect(lambda _checked=False: self.remove_member())
        members = QWidget()
        members.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        box = QVBoxLayout(members)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.table)
        box.addLayout(buttons)
        self.chair_combo = QComboBox()
        self.chair_combo.setObjectName("chairCombo")
        self.chair_combo.setToolTip(
            _tr("Người chủ trì là Chủ tịch Hội đồng có mặt, nếu vắng thì Phó Chủ tịch có mặt")
        )
        self.secretary_combo = QComboBox()
        self.secretary_combo.setObjectName("secretaryCombo")
        self.start_edit = QLineEdit()
        self.start_edit.setObjectName("startEdit")
        self.start_edit.setPlaceholderText(_tr("VD: 8:00"))
        self.end_edit = QLineEdit()
        self.end_edit.setObjectName("endEdit")
        self.end_edit.setPlaceholderText(_tr("VD: 11:30"))
        self.comment_edit = QPlainTextEdit()
        self.comment_edit.setObjectName("publicCommentEdit")
        self.comment_edit.setTabChangesFocus(True)
        self.comment_edit.setPlaceholderText(
            _tr("VD: Đã niêm yết công khai 10 ngày làm việc, không nhận được ý kiến phản ánh.")
        )
        self.comment_edit.setFixedHeight(self.fontMetrics().height() * 4)
        for label, widget in (
            (_tr("Phiên họp:"), self.counts_label),
            (_tr("Thành &viên:"), members),
            (_tr("Chủ t&rì:"), self.chair_combo),
            (_tr("Thư &ký:"), self.secretary_combo),
            (_tr("Giờ &bắt đầu:"), self.start_edit),
            (_tr("Giờ kết th&úc:"), self.end_edit),
            (_tr("Kết quả lấy ý kiến &công khai:"), self.comment_edit),
        ):
            self.form.addRow(label, widget)
        QShortcut(QKeySequence.StandardKey.New, self, self.add_member)
        delete = QShortcut(QKeySequence(Qt.Key.Key_Delete), self.table, self.remove_member)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        for signal in (
            self.model.dataChanged,
            self.model.rowsInserted,
            self.model.rowsRemoved,
            self.model.modelReset,
        ):
            signal.connect(lambda *_args: self._members_changed())
        self.chair_combo.activated.connect(
            lambda i: self.model.set_chair(self.chair_combo.itemData(i))
        )
        self.secretary_combo.activated.connect(
            lambda i: self.model.set_secretary(self.secretary_combo.itemData(i))
        )

    # --- contract ---------------------------------------------------------------------------

    def load(self, dto: SessionMinutes) -> None:
        self.data = dto
        self.model.set_members(list(dto.members))
        self.start_edit.setText(_clock(dto.minutes.started_at))
        self.end_edit.setText(_clock(dto.minutes.ended_at))
        self.comment_edit.setPlainText(dto.minutes.public_comment)
        self.show_problems([])

    def values(self) -> SessionMinutes:
        assert self.data is not None
        return replace(
            self.data,
            members=tuple(self.model.members),
            minutes=MinutesInput(
                started_at=_parsed(self.start_edit.text()),
                ended_at=_parsed(self.end_edit.text()),
                public_comment=self.comment_edit.toPlainText().strip(),
            ),
        )

    def validate(self) -> list[str]:
        problems: list[str] = []
        for label, edit in (
            (_tr("Giờ bắt đầu"), self.start_edit),
            (_tr("Giờ kết thúc"), self.end_edit),
        ):
            try:
                parse_clock(edit.text())
            except ValueError as exc:
                problems.append(f"{label}: {exc}")
        if problems or self.data is None:
            return problems
        data = self.values()
        problems += member_problems(
            data.members, data.members_total, data.present, data.written_opinions
        )
        return problems + minutes_problems(data.minutes)

    # --- members ------------------------------------------------------------------------------

    def add_member(self) -> None:
        """A new row, its name cell open for typing."""
        row = self.model.add_member()
        index = self.model.index(row, COL_NAME)
        self.table.setFocus()
        self.table.setCurrentIndex(index)
        self.table.edit(index)

    def remove_member(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.model.remove_member(index.row())

    def _members_changed(self) -> None:
        members = self.model.members
        named = len(members)
        here = sum(1 for m in members if m.present)
        written = sum(1 for m in members if not m.present and m.written_opinion)
        if self.data is not None:
            self.counts_label.setText(
                _tr(
                    "{total} thành viên Hội đồng, {present} có mặt, {written} vắng có ý kiến "
                    "bằng văn bản. Đã ghi: {named} thành viên, {here} có mặt, {w} có ý kiến "
                    "bằng văn bản."
                ).format(
                    total=self.data.members_total,
                    present=self.data.present,
                    written=self.data.written_opinions,
                    named=named,
                    here=here,
                    w=written,
                )
            )
        _fill(self.chair_combo, members, chair_row(members), present_only=True)
        _fill(self.secretary_combo, members, secretary_row(members), present_only=False)


def _fill(
    combo: QComboBox, members: list[MemberInput], current: int | None, *, present_only: bool
) -> None:
    """The members to choose from (the row as item data), "(chưa chọn)" first."""
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(_tr("(chưa chọn)"), None)
    for row, member in enumerate(members):
        if member.full_name and (member.present or not present_only):
            combo.addItem(member.label, row)
    combo.setCurrentIndex(max(combo.findData(current), 0) if current is not None else 0)
    combo.blockSignals(False)


def _clock(value: Any) -> str:
    return "" if value is None else f"{value:%H:%M}"


def _parsed(text: str) -> Any:
    try:
        return parse_clock(text)
    except ValueError:
        return None
