"""Qt table models of the decisions screen: the register and the lines of one decision.

Both are :class:`RecordTableModel` (column constants, ``SORT_ROLE`` with native values,
``OBJECT_ROLE`` returning the DTO). Revoked decisions and revoked lines are greyed and struck
through; the money column shows the amounts of :mod:`app.services.money` when they are given.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from app.domain.vnformat import format_date, format_money
from app.services.decisions import DRAFT, REVOKED, DecisionRow, RecipientDTO
from app.ui.screens.units.people_model import OBJECT_ROLE, SORT_ROLE, Column, RecordTableModel

__all__ = [
    "COL_D_AUTHORITY",
    "COL_D_AWARD",
    "COL_D_DATE",
    "COL_D_NUMBER",
    "COL_D_STATUS",
    "COL_D_SUMMARY",
    "COL_D_TOTAL",
    "COL_R_AWARD",
    "COL_R_JOB",
    "COL_R_NAME",
    "COL_R_NO",
    "COL_R_NOTE",
    "COL_R_UNIT",
    "OBJECT_ROLE",
    "SORT_ROLE",
    "DecisionTableModel",
    "RecipientTableModel",
]

ModelIndex = QModelIndex | QPersistentModelIndex
DRAFT_COLOUR = QColor("#7a5a00")

(
    COL_D_NUMBER,
    COL_D_DATE,
    COL_D_AUTHORITY,
    COL_D_SUMMARY,
    COL_D_AWARD,
    COL_D_COUNT,
    COL_D_STATUS,
    COL_D_ORIGIN,
    COL_D_TOTAL,
) = range(9)

(
    COL_R_NO,
    COL_R_NAME,
    COL_R_JOB,
    COL_R_UNIT,
    COL_R_AWARD,
    COL_R_GOLDEN,
    COL_R_AMOUNT,
    COL_R_NOTE,
) = range(8)

_STATUS_ORDER = {DRAFT: 0, "ISSUED": 1, "CORRECTED": 2, REVOKED: 3}


def _tr(text: str) -> str:
    return QCoreApplication.translate("DecisionModels", text)


def _ordinal(day: date | None) -> int:
    return day.toordinal() if day is not None else date.max.toordinal()


def _money(value: int | None) -> str:
    return format_money(value) if value is not None else ""


class DecisionTableModel(RecordTableModel):
    """The register. ``set_totals`` gives the money of each decision (id -> đồng)."""

    def __init__(self, parent: Any = None) -> None:
        self._totals: dict[int, int | None] = {}
        super().__init__(
            [
                Column(_tr("Số"), lambda d: d.number or _tr("(chưa có số)"), self._number_rank),
                Column(_tr("Ngày"), lambda d: format_date(d.decision_date), self._date_rank),
                Column(_tr("Cơ quan ban hành"), lambda d: d.authority),
                Column(_tr("Trích yếu"), lambda d: d.summary),
                Column(_tr("Danh hiệu / Hình thức"), lambda d: d.award_name),
                Column(_tr("Số người / tập thể"), lambda d: d.count_text, lambda d: d.recipients),
                Column(
                    _tr("Trạng thái"), lambda d: d.status_name, lambda d: _STATUS_ORDER[d.status]
                ),
                Column(_tr("Nguồn"), lambda d: d.origin_name),
                Column(_tr("Tổng tiền (đồng)"), self._total_text, self._total_rank),
            ],
            parent,
            greyed=lambda d: d.status == REVOKED,
        )

    @staticmethod
    def _number_rank(d: DecisionRow) -> int:
        """Year, then place in the series; numbers that are not "n/series" and drafts last."""
        return d.year * 10_000_000 + min(d.seq or 9_999_999, 9_999_999)

    @staticmethod
    def _date_rank(d: DecisionRow) -> int:
        return _ordinal(d.decision_date)

    def _total_text(self, d: DecisionRow) -> str:
        return _money(self._totals.get(d.id))

    def _total_rank(self, d: DecisionRow) -> int:
        return self._totals.get(d.id) or 0

    def set_totals(self, totals: Mapping[int, int | None]) -> None:
        self._totals = dict(totals)
        if self.rowCount():
            first = self.index(0, COL_D_TOTAL)
            last = self.index(self.rowCount() - 1, COL_D_TOTAL)
            self.dataChanged.emit(first, last)

    def row_of(self, decision_id: int) -> int | None:
        return next((i for i, d in enumerate(self.rows()) if d.id == decision_id), None)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        d: DecisionRow = self._rows[index.row()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == COL_D_TOTAL:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and d.status == DRAFT:
            return QBrush(DRAFT_COLOUR)
        if role == Qt.ItemDataRole.ToolTipRole:
            # the texts a narrow column elides, whole
            parts = [d.summary, d.award_name, d.authority, f"{d.status_name} · {d.origin_name}"]
            if d.period_from_year or d.period_to_year:
                first, last = d.period_from_year or d.period_to_year, d.period_to_year
                period = str(first) if first == last else f"{first}–{last}"
                parts.append(_tr("Thành tích năm {period}").format(period=period))
            return "\n".join(p for p in parts if p)
        return super().data(index, role)


class RecipientTableModel(RecordTableModel):
    """The lines of one decision in the clerk's order (STT). ``set_amounts``: recipient id ->
    (amount, paid, note) from the money service."""

    def __init__(self, parent: Any = None) -> None:
        self._amounts: dict[int, tuple[int, bool, str]] = {}
        super().__init__(
            [
                Column(_tr("STT"), lambda r: str(r.position), lambda r: r.position),
                Column(_tr("Họ và tên / Tên tập thể"), lambda r: r.name),
                Column(_tr("Chức vụ"), lambda r: r.job_title),
                Column(_tr("Đơn vị"), lambda r: r.unit_text),
                Column(_tr("Danh hiệu / Hình thức"), lambda r: r.award_name),
                Column(
                    _tr("Số sổ vàng"),
                    lambda r: str(r.golden_book_no or ""),
                    lambda r: r.golden_book_no or 0,
                ),
                Column(_tr("Số tiền (đồng)"), self._amount_text, self._amount_rank),
                Column(_tr("Ghi chú"), self._note),
            ],
            parent,
            greyed=lambda r: r.revoked,
        )

    def set_amounts(self, amounts: Mapping[int, tuple[int, bool, str]]) -> None:
        self._amounts = dict(amounts)
        if self.rowCount():
            self.dataChanged.emit(
                self.index(0, COL_R_AMOUNT), self.index(self.rowCount() - 1, COL_R_NOTE)
            )

    def _amount_text(self, r: RecipientDTO) -> str:
        found = self._amounts.get(r.id)
        if found is None:
            return ""
        amount, paid, _note = found
        return format_money(amount) if paid else _tr("không chi")

    def _amount_rank(self, r: RecipientDTO) -> int:
        found = self._amounts.get(r.id)
        return found[0] if found and found[1] else 0

    def _note(self, r: RecipientDTO) -> str:
        parts = [r.note or ""]
        if r.revoked and not r.note:
            parts.append(_tr("Đã thu hồi"))
        found = self._amounts.get(r.id)
        if found and found[2]:
            parts.append(found[2])
        return "; ".join(p for p in parts if p)

    def row_of(self, recipient_id: int) -> int | None:
        return next((i for i, r in enumerate(self.rows()) if r.id == recipient_id), None)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (
            COL_R_NO,
            COL_R_GOLDEN,
            COL_R_AMOUNT,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return super().data(index, role)
