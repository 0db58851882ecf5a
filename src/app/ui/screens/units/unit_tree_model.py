"""The organisation tree as a Qt item model: one row per unit, children under their parent.

The model holds every unit (``list_units(include_history=True)``) and shows the ended ones
(renamed, merged, dissolved) only when asked (:meth:`UnitTreeModel.set_show_ended`); they are
drawn grey and italic. Siblings keep the order ``list_units`` returns (``tree_index``), which
is the display order every list and form uses.

An optional first top-level row, "Tất cả đơn vị", stands for no unit in particular (its
``UNIT_ROLE`` is ``None``); a screen uses it to mean "all units".
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QPalette
from PySide6.QtWidgets import QApplication

from app.domain.units import END_REASON_NAMES
from app.services.units import UnitDTO
from app.ui.widgets.fonts import bold_font, italic_font

_CONTEXT = "UnitTreeModel"

COL_NAME, COL_CODE, COL_KIND, COL_VALIDITY = range(4)
UNIT_ROLE = Qt.ItemDataRole.UserRole  # the UnitDTO of a row (None for "Tất cả đơn vị")
UNIT_ID_ROLE = Qt.ItemDataRole.UserRole + 1  # its id (None for "Tất cả đơn vị")

_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def validity_text(unit: UnitDTO, names: dict[int, str]) -> str:
    """``đến 28/02/2025 - Sáp nhập → Phòng TNN-KS`` for an ended unit, else ``từ 01/03/2025``.

    ``names`` gives the (short) name of each successor.
    """
    if unit.valid_to is None:
        if unit.valid_from is None:
            return ""
        return _tr("từ {date}").format(date=f"{unit.valid_from:%d/%m/%Y}")
    text = _tr("đến {date}").format(date=f"{unit.valid_to:%d/%m/%Y}")
    if unit.end_reason:
        text += " - " + END_REASON_NAMES.get(unit.end_reason, unit.end_reason)
    if unit.successor_id is not None and unit.successor_id in names:
        text += " → " + names[unit.successor_id]
    return text


@dataclass
class _Node:
    key: int  # position in UnitTreeModel._nodes, used as the index's internalId
    unit: UnitDTO | None  # None: the "Tất cả đơn vị" row
    parent: int | None  # key of the parent node, None at top level
    row: int = 0
    children: list[int] = field(default_factory=list)


class UnitTreeModel(QAbstractItemModel):
    """Units as a tree by ``parent_id``; ``UNIT_ROLE`` returns the :class:`UnitDTO`."""

    def __init__(
        self,
        kind_names: dict[str, str] | None = None,
        *,
        all_units_row: bool = True,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._kind_names = dict(kind_names or {})
        self._all_units_row = all_units_row
        self._units: list[UnitDTO] = []
        self._show_ended = False
        self._nodes: list[_Node] = []
        self._top: list[int] = []
        self._by_unit: dict[int, int] = {}  # unit id -> node key (shown units only)
        self._names: dict[int, str] = {}  # unit id -> short name (every unit, for successors)
        self._headers = [_tr("Tên đơn vị"), _tr("Mã"), _tr("Loại"), _tr("Hiệu lực")]

    # --- content -----------------------------------------------------------------------------

    def set_units(self, units: Sequence[UnitDTO]) -> None:
        """Replace the units (in ``list_units`` order)."""
        self.beginResetModel()
        self._units = list(units)
        self._build()
        self.endResetModel()

    def set_show_ended(self, show: bool) -> None:
        if show == self._show_ended:
            return
        self.beginResetModel()
        self._show_ended = show
        self._build()
        self.endResetModel()

    def show_ended(self) -> bool:
        return self._show_ended

    def units(self) -> list[UnitDTO]:
        """Every unit held, shown or not, in tree order."""
        return list(self._units)

    def find(self, unit_id: int) -> UnitDTO | None:
        return next((u for u in self._units if u.id == unit_id), None)

    def _build(self) -> None:
        self._nodes = []
        self._top = []
        self._by_unit = {}
        if self._all_units_row:
            self._add(None, None)
        shown = [u for u in self._units if self._show_ended or u.is_current]
        shown_ids = {u.id for u in shown}
        for unit in shown:  # pre-order: a parent always comes before its children
            parent = self._by_unit.get(unit.parent_id) if unit.parent_id in shown_ids else None
            self._by_unit[unit.id] = self._add(unit, parent)
        self._names = {u.id: u.short_name or u.full_name for u in self._units}

    def _add(self, unit: UnitDTO | None, parent: int | None) -> int:
        key = len(self._nodes)
        siblings = self._top if parent is None else self._nodes[parent].children
        self._nodes.append(_Node(key, unit, parent, row=len(siblings)))
        siblings.append(key)
        return key

    # --- lookups -----------------------------------------------------------------------------

    def _node(self, index: _Index) -> _Node | None:
        if not index.isValid():
            return None
        key = index.internalId()
        return self._nodes[key] if 0 <= key < len(self._nodes) else None

    def unit(self, index: _Index) -> UnitDTO | None:
        node = self._node(index)
        return node.unit if node is not None else None

    def is_all_units(self, index: _Index) -> bool:
        node = self._node(index)
        return node is not None and node.unit is None

    def all_units_index(self) -> QModelIndex:
        if not self._all_units_row:
            return QModelIndex()
        return self.createIndex(0, 0, 0)

    def index_of(self, unit_id: int, column: int = 0) -> QModelIndex:
        """The index of a shown unit (invalid if hidden or unknown)."""
        key = self._by_unit.get(unit_id)
        if key is None:
            return QModelIndex()
        return self.createIndex(self._nodes[key].row, column, key)

    def siblings(self, unit_id: int) -> list[UnitDTO]:
        """The shown units next to ``unit_id`` (itself included), in display order."""
        key = self._by_unit.get(unit_id)
        if key is None:
            return []
        parent = self._nodes[key].parent
        keys = self._top if parent is None else self._nodes[parent].children
        return [u for u in (self._nodes[k].unit for k in keys) if u is not None]

    def iter_indexes(self, parent: _Index = _ROOT) -> Iterable[QModelIndex]:
        """Every row (column 0) below ``parent``, depth first."""
        for row in range(self.rowCount(parent)):
            child = self.index(row, 0, parent)
            yield child
            yield from self.iter_indexes(child)

    # --- QAbstractItemModel ------------------------------------------------------------------

    def index(self, row: int, column: int, parent: _Index = _ROOT) -> QModelIndex:
        if column < 0 or column >= len(self._headers):
            return QModelIndex()
        node = self._node(parent)
        keys = self._top if node is None else node.children
        if parent.isValid() and parent.column() != 0:
            return QModelIndex()
        if not 0 <= row < len(keys):
            return QModelIndex()
        return self.createIndex(row, column, keys[row])

    def parent(self, index: _Index | None = None) -> Any:  # type: ignore[override]
        if index is None:  # QObject.parent()
            return super().parent()
        node = self._node(index)
        if node is None or node.parent is None:
            return QModelIndex()
        up = self._nodes[node.parent]
        return self.createIndex(up.row, 0, up.key)

    def rowCount(self, parent: _Index = _ROOT) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        node = self._node(parent)
        return len(self._top) if node is None else len(node.children)

    def columnCount(self, parent: _Index = _ROOT) -> int:
        return len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        node = self._node(index)
        if node is None:
            return None
        unit = node.unit
        column = index.column()
        if role in (UNIT_ROLE, UNIT_ID_ROLE):
            if unit is None:
                return None
            return unit if role == UNIT_ROLE else unit.id
        if unit is None:
            return self._all_units_data(column, role)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(unit, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(unit)
        if role == Qt.ItemDataRole.FontRole and not unit.is_current:
            return italic_font()
        if role == Qt.ItemDataRole.ForegroundRole and not unit.is_current:
            color = QApplication.palette().color(
                QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text
            )
            return QBrush(color)
        return None

    def _all_units_data(self, column: int, role: int) -> Any:
        if column == COL_NAME and role == Qt.ItemDataRole.DisplayRole:
            return _tr("Tất cả đơn vị")
        if column == COL_NAME and role == Qt.ItemDataRole.ToolTipRole:
            return _tr("Không lọc theo đơn vị: mọi đơn vị của Sở")
        if role == Qt.ItemDataRole.FontRole:
            return bold_font()
        return None

    def _text(self, unit: UnitDTO, column: int) -> str:
        if column == COL_NAME:
            return unit.full_name
        if column == COL_CODE:
            return unit.code
        if column == COL_KIND:
            return self._kind_names.get(unit.kind, unit.kind)
        return validity_text(unit, self._names)

    def _tooltip(self, unit: UnitDTO) -> str:
        lines = [unit.full_name]
        if unit.short_name:
            lines.append(_tr("Tên viết tắt: {name}").format(name=unit.short_name))
        lines.append(_tr("Mã: {code}").format(code=unit.code))
        full = {u.id: u.full_name for u in self._units}
        validity = validity_text(unit, full)
        if validity:
            lines.append(_tr("Hiệu lực: {text}").format(text=validity))
        if unit.note:
            lines.append(_tr("Ghi chú: {note}").format(note=unit.note))
        return "\n".join(lines)
