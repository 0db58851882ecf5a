"""The settings of the statistics forms (issue 20): what the data cannot tell, set by the clerk.

:class:`StatSettingsDialog` follows the dialog contract -- ``load(settings, secretariat)``,
``values()``, ``validate()`` (the rules of :mod:`app.domain.report_settings`), ``accept()``
refusing while problems remain:

- the body receiving the reports, who submitted the State-level awards to the Prime Minister
  (form 0602 rows 2 and 3), the column households count in (0602, 0603);
- form 0604: how many organisations of each row the secretariat has;
- form 0605: the civil servants doing TĐKT work (a table: name, woman, year of birth,
  training, year they began the work), added with Ctrl+N and removed with Delete.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.report_settings import (
    HOUSEHOLD_COLUMNS,
    ORGANISATION_ROWS,
    ROUTES,
    TRAINING_LEVELS,
    Secretariat,
    SecretariatMember,
    StatSettings,
    secretariat_problems,
    stat_problems,
)
from app.ui.widgets.confirm import confirm_delete

__all__ = ["MembersModel", "StatSettingsDialog"]

_CONTEXT = "StatSettingsDialog"
ModelIndex = QModelIndex | QPersistentModelIndex
COL_NAME, COL_FEMALE, COL_BIRTH, COL_TRAINING, COL_SINCE = range(5)


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


class MembersModel(QAbstractTableModel):
    """The civil servants of form 0605, edited in place."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.members: list[SecretariatMember] = []

    def set_members(self, members: list[SecretariatMember]) -> None:
        self.beginResetModel()
        self.members = list(members)
        self.endResetModel()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.members)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 5

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (
                _tr("Họ và tên"),
                _tr("Nữ"),
                _tr("Năm sinh"),
                _tr("Trình độ đào tạo"),
                _tr("Năm bắt đầu làm TĐKT"),
            )[section]
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == COL_FEMALE:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base | Qt.ItemFlag.ItemIsEditable

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        m = self.members[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.CheckStateRole and col == COL_FEMALE:
            return Qt.CheckState.Checked if m.female else Qt.CheckState.Unchecked
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return None
        if col == COL_NAME:
            return m.full_name
        if col == COL_BIRTH:
            return "" if m.birth_year is None else str(m.birth_year)
        if col == COL_TRAINING:
            return TRAINING_LEVELS.get(m.training, m.training)
        if col == COL_SINCE:
            return "" if m.since_year is None else str(m.since_year)
        return None

    def setData(self, index: ModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        m = self.members[index.row()]
        col = index.column()
        if col == COL_FEMALE and role == Qt.ItemDataRole.CheckStateRole:
            checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, 2)
            m = replace(m, female=checked)
        elif role != Qt.ItemDataRole.EditRole:
            return False
        elif col == COL_NAME:
            m = replace(m, full_name=str(value).strip())
        elif col in (COL_BIRTH, COL_SINCE):
            text = str(value).strip()
            if text and not text.isdigit():
                return False
            year = int(text) if text else None
            m = replace(m, birth_year=year) if col == COL_BIRTH else replace(m, since_year=year)
        elif col == COL_TRAINING:
            found = next((k for k, v in TRAINING_LEVELS.items() if v == str(value)), None)
            if found is None:
                return False
            m = replace(m, training=found)
        self.members[index.row()] = m
        self.dataChanged.emit(index, index)
        return True

    def add(self) -> int:
        row = len(self.members)
        self.beginInsertRows(QModelIndex(), row, row)
        self.members.append(SecretariatMember(full_name=""))
        self.endInsertRows()
        return row

    def remove(self, row: int) -> None:
        if 0 <= row < len(self.members):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.members[row]
            self.endRemoveRows()


class TrainingDelegate(QStyledItemDelegate):
    """A list to choose the training level from."""

    def createEditor(self, parent: QWidget, option: Any, index: ModelIndex) -> QWidget:
        box = QComboBox(parent)
        box.addItems([_tr(name) for name in TRAINING_LEVELS.values()])
        return box

    def setEditorData(self, editor: QWidget, index: ModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentText(str(index.data(Qt.ItemDataRole.EditRole)))

    def setModelData(self, editor: QWidget, model: Any, index: ModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)


class StatSettingsDialog(QDialog):
    """Receiving body, State-level route, households' column; forms 0604 and 0605."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_tr("Thiết lập biểu thống kê (Thông tư 02/2023/TT-BNV)"))
        self.receiver = QLineEdit()
        self.receiver.setObjectName("receiverEdit")
        self.route = QComboBox()
        self.route.setObjectName("routeCombo")
        for code, name in ROUTES.items():
            self.route.addItem(_tr(name), code)
        self.household = QComboBox()
        self.household.setObjectName("householdCombo")
        for code, name in HOUSEHOLD_COLUMNS.items():
            self.household.addItem(_tr(name), code)
        general = QGroupBox(_tr("Chung"))
        form = QFormLayout(general)
        form.addRow(_tr("Đơn vị &nhận báo cáo:"), self.receiver)
        form.addRow(_tr("Khen thưởng cấp Nhà nước do ai &trình (biểu 0602):"), self.route)
        form.addRow(_tr("Hộ gia đình tính vào (biểu 0602, 0603):"), self.household)

        self.counts: dict[str, QSpinBox] = {}
        organisation = QGroupBox(_tr("Biểu 0604: tổ chức làm công tác thi đua, khen thưởng"))
        org_form = QFormLayout(organisation)
        for code, label, unit in ORGANISATION_ROWS:
            spin = QSpinBox()
            spin.setRange(0, 999)
            spin.setObjectName(f"count{code}")
            spin.setSuffix(f" {unit.lower()}")
            self.counts[code] = spin
            org_form.addRow(f"{code}. {_tr(label)}:", spin)

        self.model = MembersModel(self)
        self.table = QTableView()
        self.table.setObjectName("membersTable")
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(COL_TRAINING, TrainingDelegate(self.table))
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(COL_NAME, 200)
        add = QPushButton(_tr("&Thêm người"))
        add.clicked.connect(self.add_member)
        remove = QPushButton(_tr("&Xóa người"))
        remove.clicked.connect(self.remove_member)
        QShortcut(QKeySequence.StandardKey.New, self, self.add_member)
        QShortcut(QKeySequence(Qt.Key.Key_Delete), self.table, self.remove_member)
        staff = QGroupBox(_tr("Biểu 0605: công chức làm công tác thi đua, khen thưởng"))
        staff_box = QVBoxLayout(staff)
        hint = QLabel(
            _tr(
                "Trình độ: Sơ cấp, Trung cấp, Cao đẳng, Đại học, Trên đại học. Tuổi và số năm "
                "làm công tác tính đến 31/12 của năm báo cáo."
            )
        )
        hint.setWordWrap(True)
        staff_box.addWidget(hint)
        staff_box.addWidget(self.table)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        staff_box.addLayout(row)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(general)
        layout.addWidget(organisation)
        layout.addWidget(staff, 1)
        layout.addWidget(buttons)
        self.resize(760, 640)

    # --- the dialog contract --------------------------------------------------------------

    def load(self, settings: StatSettings, secretariat: Secretariat) -> None:
        self.receiver.setText(settings.receiver)
        self.route.setCurrentIndex(max(0, self.route.findData(settings.state_route)))
        self.household.setCurrentIndex(max(0, self.household.findData(settings.household_column)))
        for code, spin in self.counts.items():
            spin.setValue(secretariat.organisation.get(code, 0))
        self.model.set_members(list(secretariat.members))

    def values(self) -> tuple[StatSettings, Secretariat]:
        settings = StatSettings(
            receiver=self.receiver.text().strip(),
            state_route=str(self.route.currentData()),
            household_column=str(self.household.currentData()),
        )
        secretariat = Secretariat(
            {code: spin.value() for code, spin in self.counts.items()}, tuple(self.model.members)
        )
        return settings, secretariat

    def validate(self) -> list[str]:
        settings, secretariat = self.values()
        return stat_problems(settings) + secretariat_problems(secretariat)

    def accept(self) -> None:
        problems = self.validate()
        if problems:
            QMessageBox.warning(self, self.windowTitle(), "\n".join(problems))
            return
        super().accept()

    # --- members ---------------------------------------------------------------------------

    def add_member(self) -> None:
        row = self.model.add()
        index = self.model.index(row, COL_NAME)
        self.table.setCurrentIndex(index)
        self.table.edit(index)

    def remove_member(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            return
        name = self.model.members[index.row()].full_name
        question = _tr("Bỏ “{name}” khỏi danh sách công chức làm công tác thi đua?")
        if name and not confirm_delete(self, _tr("Xóa người"), question.format(name=name)):
            return  # a row with nothing typed in goes without a question
        self.model.remove(index.row())
