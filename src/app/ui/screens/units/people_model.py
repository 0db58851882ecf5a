"""Qt table models of the staff directory: the people list (lazy) and small record tables.

Both follow the house rule: column constants, ``SORT_ROLE`` with native values (integers,
never Python strings compared in ``lessThan``), ``OBJECT_ROLE`` returning the DTO.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QAbstractItemView, QApplication, QHeaderView, QTableView

from app.domain.vnformat import format_count, format_date
from app.domain.vntext import vi_sort_key
from app.services import people_view as pv
from app.services.people import DuplicateCandidate, PersonRow
from app.services.reference import codes
from app.ui.widgets.columns import titles_fit

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
OBJECT_ROLE = Qt.ItemDataRole.UserRole + 2

COL_NAME = pv.NAME
COL_BIRTH = pv.BIRTH
COL_GENDER = pv.GENDER
COL_POSITION = pv.POSITION
COL_UNIT = pv.UNIT
COL_CATEGORY = pv.CATEGORY

ModelIndex = QModelIndex | QPersistentModelIndex


def _tr(text: str) -> str:
    return QCoreApplication.translate("PeopleTableModel", text)


def greyed_colour() -> QColor:
    """The text colour of rows that no longer count (people who left, revoked awards)."""
    return QApplication.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)


class PeopleTableModel(QAbstractTableModel):
    """The filtered people list; rows are handed to the view ``batch_size`` at a time."""

    def __init__(self, parent: Any = None, *, batch_size: int = 200) -> None:
        super().__init__(parent)
        self.batch_size = batch_size
        self._rows: Sequence[PersonRow] = ()
        self._loaded = 0
        self._headers = (
            _tr("Họ và tên"),
            _tr("Ngày sinh"),
            _tr("Giới tính"),
            _tr("Chức vụ"),
            _tr("Đơn vị"),
            _tr("Phân loại đối tượng"),
        )

    # --- contents ---------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[PersonRow]) -> None:
        """Show ``rows`` (already in the view's order); only the first batch is loaded."""
        self.beginResetModel()
        self._rows = rows
        self._loaded = min(self.batch_size, len(rows))
        self.endResetModel()

    def total_rows(self) -> int:
        """All rows handed to the model, loaded or not."""
        return len(self._rows)

    def row_at(self, row: int) -> PersonRow:
        return self._rows[row]

    def position_of(self, person_id: int, *, loaded_only: bool = False) -> int | None:
        """Row number of a person among all rows, or among the loaded ones only."""
        rows = self._rows[: self._loaded] if loaded_only else self._rows
        return next((i for i, r in enumerate(rows) if r.id == person_id), None)

    def load_up_to(self, row: int) -> None:
        """Fetch batches until ``row`` is loaded."""
        while self._loaded <= row and self.canFetchMore(QModelIndex()):
            self.fetchMore(QModelIndex())

    # --- lazy fetching ----------------------------------------------------------------------

    def canFetchMore(self, parent: ModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._loaded < len(self._rows)

    def fetchMore(self, parent: ModelIndex = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid():
            return
        count = min(self.batch_size, len(self._rows) - self._loaded)
        if count <= 0:
            return
        self.beginInsertRows(QModelIndex(), self._loaded, self._loaded + count - 1)
        self._loaded += count
        self.endInsertRows()

    # --- QAbstractTableModel ----------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._loaded

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else pv.COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(row, column)
        if role == SORT_ROLE:
            return pv.sort_value(row, column)
        if role == OBJECT_ROLE:
            return row
        if role == Qt.ItemDataRole.ForegroundRole and not row.active:
            return greyed_colour()
        if role == Qt.ItemDataRole.ToolTipRole:
            if not row.active:
                return _tr("Đã nghỉ (không còn công tác)")
            if column in (COL_CATEGORY, COL_UNIT, COL_POSITION):
                return self.text(row, column)
        return None

    @staticmethod
    def text(row: PersonRow, column: int) -> str:
        if column == COL_NAME:
            return row.full_name
        if column == COL_BIRTH:
            return pv.birth_text(row)
        if column == COL_GENDER:
            return pv.gender_text(row.gender)
        if column == COL_POSITION:
            return row.position_title
        if column == COL_UNIT:
            return row.unit_name
        return pv.category_text(row.subject_category)


# ---------------------------------------------------------------- small record tables


@dataclass(frozen=True)
class Column:
    """One column of a :class:`RecordTableModel`.

    ``sort`` gives a native value (year, date ordinal...); without it the column sorts by the
    Vietnamese collation rank of its text, computed once when rows are set.
    """

    header: str
    text: Callable[[Any], str]
    sort: Callable[[Any], int] | None = None


_STRUCK: list[QFont] = []


def _struck_font() -> QFont:
    """A struck-out font made once: a QFont() built in data() for every cell leaks a reference
    to None in PySide6 6.12 (the interpreter aborts after some thousands)."""
    if not _STRUCK:
        font = QFont()
        font.setStrikeOut(True)
        _STRUCK.append(font)
    return _STRUCK[0]


class RecordTableModel(QAbstractTableModel):
    """A short read-only list of DTOs (assignments, grades, awards...), optionally checkable."""

    def __init__(
        self,
        columns: Sequence[Column],
        parent: Any = None,
        *,
        greyed: Callable[[Any], bool] | None = None,
        checkable: bool = False,
    ) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._rows: list[Any] = []
        self._ranks: dict[int, list[int]] = {}
        self._greyed = greyed
        self._checkable = checkable
        self._checked: list[bool] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._checked = [True] * len(self._rows)
        self._ranks = {}
        for c, column in enumerate(self.columns):
            if column.sort is None:
                texts = [vi_sort_key(column.text(r)) for r in self._rows]
                order = sorted(range(len(texts)), key=texts.__getitem__)
                ranks = [0] * len(order)
                for rank, i in enumerate(order):
                    ranks[i] = rank
                self._ranks[c] = ranks
        self.endResetModel()

    def rows(self) -> list[Any]:
        return list(self._rows)

    def checked_rows(self) -> list[Any]:
        return [r for r, on in zip(self._rows, self._checked, strict=True) if on]

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].header
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if self._checkable and index.column() == 0:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        obj = self._rows[index.row()]
        column = self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return column.text(obj)
        if role == SORT_ROLE:
            if column.sort is not None:
                return column.sort(obj)
            return self._ranks[index.column()][index.row()]
        if role == OBJECT_ROLE:
            return obj
        if role == Qt.ItemDataRole.CheckStateRole and self._checkable and index.column() == 0:
            return Qt.CheckState.Checked if self._checked[index.row()] else Qt.CheckState.Unchecked
        if self._greyed is not None and self._greyed(obj):
            if role == Qt.ItemDataRole.ForegroundRole:
                return greyed_colour()
            if role == Qt.ItemDataRole.FontRole:
                return _struck_font()
        return None

    def setData(self, index: ModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not self._checkable or index.column() != 0:
            return False
        state = value.value if isinstance(value, Qt.CheckState) else int(value)
        self._checked[index.row()] = state == Qt.CheckState.Checked.value
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True


def make_table(
    model: QAbstractItemModel,
    *,
    sort_column: int = -1,
    order: Qt.SortOrder | None = None,
    stretch: int | None = None,
) -> tuple[QTableView, QSortFilterProxyModel]:
    """A read-only, row-selecting table view behind a sorting proxy on ``SORT_ROLE``.

    ``stretch`` is the column that takes the spare width (default: the last one).
    """
    proxy = QSortFilterProxyModel(model)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    view = QTableView()
    view.setModel(proxy)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    header = view.horizontalHeader()
    header.setStretchLastSection(stretch is None)
    if stretch is not None:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    view.setSortingEnabled(True)
    view.sortByColumn(sort_column, order or Qt.SortOrder.AscendingOrder)
    titles_fit(view)  # whole column titles before any row is loaded
    return view, proxy


def current_object(view: QTableView) -> Any:
    index = view.currentIndex()
    return index.data(OBJECT_ROLE) if index.isValid() else None


# ---------------------------------------------------------------- the columns of each record table

_LAST = date.max.toordinal()


def _date_column(header: str, get: Callable[[Any], date | None], missing: int = _LAST) -> Column:
    """A date shown dd/mm/yyyy, sorted by its ordinal (``missing`` when there is none)."""
    return Column(
        header, lambda o: format_date(get(o)), lambda o: d.toordinal() if (d := get(o)) else missing
    )


def _code_name(table: str, code: str | None) -> str:
    return codes().name_of(table, code)


def assignment_columns() -> list[Column]:
    return [
        Column(_tr("Đơn vị"), lambda a: a.unit_name),
        Column(_tr("Chức vụ"), lambda a: a.position_title),
        _date_column(_tr("Từ ngày"), lambda a: a.start_date, 0),
        _date_column(_tr("Đến ngày"), lambda a: a.end_date),
    ]


def grade_columns() -> list[Column]:
    return [
        Column(_tr("Năm"), lambda g: str(g.year), lambda g: g.year),
        Column(_tr("Xếp loại"), lambda g: _code_name("grades", g.grade)),
        Column(
            _tr("Số tháng"),
            lambda g: "" if g.months_worked is None else str(g.months_worked),
            lambda g: g.months_worked or 0,
        ),
        Column(_tr("Ghi chú"), lambda g: g.note or ""),
    ]


def initiative_columns() -> list[Column]:
    return [
        Column(_tr("Năm"), lambda i: str(i.year), lambda i: i.year),
        Column(_tr("Tên sáng kiến"), lambda i: i.title),
        Column(_tr("Loại"), lambda i: _code_name("initiative_kinds", i.kind)),
        Column(_tr("Phạm vi"), lambda i: _code_name("initiative_scopes", i.scope)),
        Column(_tr("Số quyết định"), lambda i: i.decision_number or ""),
        _date_column(_tr("Ngày"), lambda i: i.decision_date),
    ]


def award_columns() -> list[Column]:
    return [
        Column(_tr("Năm"), lambda a: str(a.year or ""), lambda a: a.year or 0),
        Column(
            _tr("Danh hiệu / Hình thức"),
            lambda a: a.award_name + (_tr(" (đã thu hồi)") if a.revoked else ""),
        ),
        Column(_tr("Số quyết định"), lambda a: a.decision_number or ""),
        _date_column(_tr("Ngày"), lambda a: a.decision_date),
        Column(_tr("Cơ quan"), lambda a: a.authority or ""),
    ]


def discipline_columns() -> list[Column]:
    return [
        Column(_tr("Hình thức"), lambda d: _code_name("discipline_kinds", d.kind)),
        _date_column(_tr("Từ ngày"), lambda d: d.start_date),
        _date_column(_tr("Đến ngày"), lambda d: d.end_date),
        Column(_tr("Số quyết định"), lambda d: d.decision_number or ""),
        Column(_tr("Kết luận"), pv.conclusion_text),
        Column(_tr("Ghi chú"), lambda d: d.note or ""),
    ]


def candidate_birth(c: DuplicateCandidate) -> str:
    return format_date(c.birth_date) if c.birth_date else str(c.birth_year or "")


def candidate_columns(*, with_id: bool = False) -> list[Column]:
    """Possible duplicates of a person (``with_id``: the record number too, to tell them apart)."""
    record = [Column(_tr("Mã hồ sơ"), lambda c: str(c.id), lambda c: c.id)] if with_id else []
    return [
        Column(_tr("Họ và tên"), lambda c: c.full_name),
        Column(
            _tr("Ngày sinh"),
            candidate_birth,
            lambda c: pv.birth_ordinal(c.birth_date, c.birth_year),
        ),
        Column(_tr("Đơn vị"), lambda c: c.unit_name),
        Column(_tr("Lý do nghi trùng"), lambda c: "; ".join(c.reasons)),
        *record,
    ]


def group_columns() -> list[Column]:
    """Groups of possible duplicates (a row is a list of candidates)."""
    return [
        Column(_tr("Họ và tên"), lambda g: g[0].full_name),
        Column(_tr("Số hồ sơ"), lambda g: format_count(len(g)), len),
        Column(
            _tr("Lý do nghi trùng"),
            lambda g: "; ".join(sorted({r for c in g for r in c.reasons})),
        ),
    ]
