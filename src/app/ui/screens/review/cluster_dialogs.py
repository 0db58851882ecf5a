"""Pieces of the "Cụm, khối thi đua" tab of Bình xét (:mod:`cluster_panel`).

- :class:`ClusterDialog`: a cluster's name, kind (cụm / khối), organiser and note
  (``load(dto)``, ``values() -> ClusterInput``, ``validate()`` by
  :func:`app.domain.clusters.validate_cluster`).
- :class:`MemberPickerDialog`: the units to add, ticked in a list that a search box narrows.
- :class:`MemberModel`: the member units of a cluster with their result (house rule: column
  constants, ``SORT_ROLE`` with native values, ``OBJECT_ROLE`` returning the DTO).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QComboBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

from app.domain.clusters import KINDS, ORGANISERS, ClusterInput, result_name, validate_cluster
from app.domain.vntext import fold, vi_sort_key
from app.services.clusters import ClusterDTO, MemberDTO, UnitChoice
from app.ui.screens.units.unit_dialogs import UnitFormDialog

_CONTEXT = "ClusterDialogs"

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
OBJECT_ROLE = Qt.ItemDataRole.UserRole + 2
COL_UNIT, COL_RESULT, COL_NOTE = 0, 1, 2

Index = QModelIndex | QPersistentModelIndex


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def _combo(choices: dict[str, str]) -> QComboBox:
    combo = QComboBox()
    for code, name in choices.items():
        combo.addItem(name, code)
    return combo


class ClusterDialog(UnitFormDialog):
    """Add a cluster (``load(ClusterInput)``) or correct one (``load(ClusterDTO)``)."""

    def __init__(self, year: int, parent: QWidget | None = None) -> None:
        super().__init__(_tr("Cụm, khối thi đua mới"), parent)
        self.year = year
        self.cluster_id: int | None = None
        self.version: int | None = None
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(_tr("VD: Khối các sở, ngành kinh tế"))
        self.kind_combo = _combo(KINDS)
        self.organiser_combo = _combo(ORGANISERS)
        self.organiser_combo.setToolTip(
            _tr("Cờ thi đua tỉnh chỉ tính cụm, khối do UBND tỉnh tổ chức")
        )
        self.note_edit = QLineEdit()
        for label, widget in (
            (_tr("&Tên cụm, khối:"), self.name_edit),
            (_tr("&Loại:"), self.kind_combo),
            (_tr("Cơ quan &tổ chức:"), self.organiser_combo),
            (_tr("Ghi c&hú:"), self.note_edit),
        ):
            self.form.addRow(label, widget)
        self.set_note(
            _tr("Năm {year}. Đơn vị thành viên và kết quả bình xét nhập ở bảng bên dưới.").format(
                year=year
            )
        )

    def load(self, dto: ClusterInput | ClusterDTO) -> None:
        editing = isinstance(dto, ClusterDTO)
        self.cluster_id = dto.id if isinstance(dto, ClusterDTO) else None
        self.version = dto.version if isinstance(dto, ClusterDTO) else None
        self.setWindowTitle(
            _tr("Sửa cụm, khối thi đua") if editing else _tr("Cụm, khối thi đua mới")
        )
        self.name_edit.setText(dto.name)
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(dto.kind)))
        self.organiser_combo.setCurrentIndex(max(0, self.organiser_combo.findData(dto.organiser)))
        self.note_edit.setText(dto.note or "")
        self.show_problems([])

    def values(self) -> ClusterInput:
        return ClusterInput(
            self.name_edit.text(),
            str(self.kind_combo.currentData()),
            str(self.organiser_combo.currentData()),
            self.note_edit.text(),
        )

    def validate(self) -> list[str]:
        return validate_cluster(self.values())


class MemberPickerDialog(UnitFormDialog):
    """Tick the units to add (Space ticks the current one); units already in it are greyed."""

    def __init__(
        self,
        cluster: ClusterDTO,
        units: Sequence[UnitChoice],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(_tr("Thêm đơn vị vào {name}").format(name=cluster.name), parent)
        present = {m.unit_id for m in cluster.members}
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(_tr("Gõ để lọc theo tên đơn vị"))
        self.search_edit.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.list.setObjectName("unitList")
        self.list.setMinimumHeight(self.fontMetrics().height() * 14)
        for unit in units:
            item = QListWidgetItem("    " * unit.depth + unit.name)
            item.setData(Qt.ItemDataRole.UserRole, unit.id)
            item.setData(Qt.ItemDataRole.UserRole + 1, fold(unit.name))
            if unit.id in present:
                item.setFlags(Qt.ItemFlag.NoItemFlags)
                item.setToolTip(_tr("Đã ở trong cụm, khối này"))
            else:
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.form.addRow(_tr("&Tìm:"), self.search_edit)
        self.form.addRow(_tr("Đơn &vị:"), self.list)
        self.set_note(_tr("Đánh dấu các đơn vị (phím cách), rồi Lưu."))
        self.search_edit.textChanged.connect(self._filter)

    def _filter(self, text: str) -> None:
        key = fold(text)
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setHidden(bool(key) and key not in str(item.data(Qt.ItemDataRole.UserRole + 1)))

    def values(self) -> list[int]:
        out = []
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.flags() & Qt.ItemFlag.ItemIsUserCheckable and (
                item.checkState() == Qt.CheckState.Checked
            ):
                out.append(int(item.data(Qt.ItemDataRole.UserRole)))
        return out

    def validate(self) -> list[str]:
        return [] if self.values() else [_tr("Chưa đánh dấu đơn vị nào")]


class MemberModel(QAbstractTableModel):
    """The member units of one cluster."""

    HEADERS = ("Đơn vị", "Kết quả", "Ghi chú")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[MemberDTO] = []

    def set_members(self, members: Sequence[MemberDTO]) -> None:
        self.beginResetModel()
        self._rows = sorted(members, key=lambda m: vi_sort_key(m.unit_name))
        self.endResetModel()

    def members(self) -> list[MemberDTO]:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _tr(self.HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        m = self._rows[index.row()]
        col = index.column()
        if role == OBJECT_ROLE:
            return m
        if role == Qt.ItemDataRole.DisplayRole:
            if col == COL_UNIT:
                return m.unit_name
            if col == COL_RESULT:
                return _tr(result_name(m.result))
            return m.note or ""
        if role == SORT_ROLE:
            if col == COL_UNIT:  # rows are kept in Vietnamese order of the names
                return index.row()
            if col == COL_RESULT:
                return ("DAN_DAU", "SUY_TON", "KHONG", None).index(m.result)
            return fold(m.note or "")
        if role == Qt.ItemDataRole.ForegroundRole and col == COL_RESULT and m.result is None:
            return Qt.GlobalColor.darkYellow
        return None
