"""Qt table model of the Bình xét candidates (people or units) and its search proxy.

House rule: column constants, ``SORT_ROLE`` with native values, ``OBJECT_ROLE`` returning the
:class:`~app.services.review.CandidateRow`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor

from app.domain.eligibility import (
    VERDICT_ELIGIBLE,
    VERDICT_NEEDS_REVIEW,
    VERDICT_NOT_ELIGIBLE,
)
from app.domain.vntext import fold, vi_sort_key
from app.services.reference import catalogue
from app.services.review import CandidateRow, title_short
from app.ui.widgets.fonts import italic_font

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
OBJECT_ROLE = Qt.ItemDataRole.UserRole + 2

COL_NAME = 0
COL_UNIT = 1
COL_REGISTERED = 2
COL_PROPOSED = 3
FIRST_TITLE_COL = 4


ModelIndex = QModelIndex | QPersistentModelIndex


def _tr(text: str) -> str:
    return QCoreApplication.translate("CandidateModel", text)


def verdict_text(verdict: str | None) -> str:
    return {
        VERDICT_ELIGIBLE: _tr("Đủ"),
        VERDICT_NOT_ELIGIBLE: _tr("Chưa đủ"),
        VERDICT_NEEDS_REVIEW: _tr("Cần xem xét"),
    }.get(verdict or "", "")


_VERDICT_ORDER = {VERDICT_ELIGIBLE: 0, VERDICT_NEEDS_REVIEW: 1, VERDICT_NOT_ELIGIBLE: 2}
_VERDICT_COLOUR = {
    VERDICT_ELIGIBLE: QColor("#1b7a2f"),
    VERDICT_NOT_ELIGIBLE: QColor("#b3261e"),
    VERDICT_NEEDS_REVIEW: QColor("#9a6700"),
}


def _ranks(keys: Sequence[Any]) -> list[int]:
    """Each key's position in sorted order (equal keys share nothing: ties keep row order)."""
    order = sorted(range(len(keys)), key=lambda i: keys[i])
    ranks = [0] * len(keys)
    for position, i in enumerate(order):
        ranks[i] = position
    return ranks


class CandidateModel(QAbstractTableModel):
    """Candidates of one kind; ``titles`` are the catalogue codes shown one column each."""

    def __init__(self, titles: Sequence[str], *, unit_kind: bool = False, parent: Any = None):
        super().__init__(parent)
        self.titles = tuple(titles)
        self.members_column = FIRST_TITLE_COL + len(self.titles) if unit_kind else -1
        self._rows: list[CandidateRow] = []
        self._name_rank: list[int] = []  # position of each row in Vietnamese name order
        self._unit_rank: list[int] = []
        self._headers = (
            _tr("Tên tập thể") if unit_kind else _tr("Họ và tên"),
            _tr("Trực thuộc") if unit_kind else _tr("Đơn vị"),
            _tr("Danh hiệu đăng ký"),
            _tr("Đề xuất"),
            *(title_short(code) for code in self.titles),
            *((_tr("Thành viên đủ LĐTT"),) if unit_kind else ()),
        )

    def set_rows(self, rows: Sequence[CandidateRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._name_rank = _ranks([vi_sort_key(r.name) for r in self._rows])
        self._unit_rank = _ranks([vi_sort_key(r.unit) for r in self._rows])
        self.endResetModel()

    def rows(self) -> list[CandidateRow]:
        return list(self._rows)

    def replace_row(self, new: CandidateRow) -> None:
        """Show ``new`` in place of the row of the same subject (after an override)."""
        for index, row in enumerate(self._rows):
            if row.key == new.key:
                self._rows[index] = new
                self.dataChanged.emit(
                    self.index(index, 0), self.index(index, self.columnCount() - 1)
                )
                return

    def row_at(self, row: int) -> CandidateRow:
        return self._rows[row]

    def title_at(self, column: int) -> str | None:
        index = column - FIRST_TITLE_COL
        return self.titles[index] if 0 <= index < len(self.titles) else None

    # --- QAbstractTableModel ----------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        if role == Qt.ItemDataRole.ToolTipRole and (code := self.title_at(section)):
            cat = catalogue()
            return cat.get(code).name if code in cat else code
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        code = self.title_at(column)
        verdict = row.verdict(code) if code else None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(row, column)
        if role == OBJECT_ROLE:
            return row
        if role == SORT_ROLE:
            if column == COL_NAME:
                return self._name_rank[index.row()]
            if column == COL_UNIT:
                return self._unit_rank[index.row()]
            if code:
                return _VERDICT_ORDER.get(verdict.verdict, 9) if verdict else 9
            if column == self.members_column:
                return row.members.ldtt_share if row.members else -1.0
            return self.text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and column in (COL_NAME, COL_UNIT):
            return self.text(row, column)  # whole where the column is too narrow for it
        if column == COL_PROPOSED and row.override is not None:
            if role == Qt.ItemDataRole.FontRole:
                return italic_font()
            if role == Qt.ItemDataRole.ToolTipRole:
                return _tr("Đề xuất tự tính: {computed}\nĐã đổi, lý do: {reason}").format(
                    computed=title_short(row.computed), reason=row.override.reason
                )
        if role == Qt.ItemDataRole.ForegroundRole and verdict is not None:
            return _VERDICT_COLOUR.get(verdict.verdict)
        if role == Qt.ItemDataRole.ToolTipRole and verdict is not None:
            return verdict.explanation
        if role == Qt.ItemDataRole.TextAlignmentRole and code:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def text(self, row: CandidateRow, column: int) -> str:
        if column == COL_NAME:
            return row.name
        if column == COL_UNIT:
            return row.unit
        if column == COL_REGISTERED:
            return title_short(row.registered)
        if column == COL_PROPOSED:
            mark = " ✎" if row.override is not None else ""
            return title_short(row.proposed) + mark
        if column == self.members_column:
            if row.members is None or not row.members.total:
                return ""
            share = round(100 * row.members.ldtt_share)
            return f"{row.members.ldtt}/{row.members.total} ({share}%)"
        code = self.title_at(column)
        verdict = row.verdict(code) if code else None
        return verdict_text(verdict.verdict) if verdict else ""


class CandidateProxy(QSortFilterProxyModel):
    """Sorts by ``SORT_ROLE``; keeps rows whose name contains the search text (no diacritics)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self._needle = ""

    def set_search(self, text: str) -> None:
        self.beginFilterChange()
        self._needle = fold(text)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: ModelIndex) -> bool:
        if not self._needle:
            return True
        model = self.sourceModel()
        assert isinstance(model, CandidateModel)
        return self._needle in fold(model.row_at(source_row).name)
