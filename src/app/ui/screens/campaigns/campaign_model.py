"""Qt table models of the campaigns screen: campaigns, units' sign-ups, people's sign-ups.

They build on :class:`RecordTableModel` (column constants, ``SORT_ROLE`` with native values,
``OBJECT_ROLE`` returning the DTO). Sign-ups that carry flags (warnings of
:mod:`app.domain.registration_checks`) show a warning icon, an amber colour and their
Vietnamese explanation as tooltip.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QApplication, QStyle, QTableView

from app.domain.vnformat import format_count, format_date
from app.services.campaigns import CampaignDTO
from app.services.registrations import RegistrationDTO, UnitRegistrationDTO
from app.ui.screens.units.people_model import OBJECT_ROLE, SORT_ROLE, Column, RecordTableModel
from app.ui.widgets import columns as widgets

__all__ = [
    "COL_C_DEADLINE",
    "COL_C_KIND",
    "COL_C_NAME",
    "COL_C_STATUS",
    "COL_P_FLAGS",
    "COL_P_NAME",
    "COL_P_TITLE",
    "COL_U_NAME",
    "COL_U_STATUS",
    "COL_U_TITLE",
    "OBJECT_ROLE",
    "SORT_ROLE",
    "CampaignTableModel",
    "PersonRegistrationModel",
    "UnitRegistrationModel",
    "fit_columns",
    "flags_text",
]

ModelIndex = QModelIndex | QPersistentModelIndex
WARNING_COLOUR = QColor("#9a5b00")
WARNING_BACKGROUND = QColor("#fff3d6")


def _tr(text: str) -> str:
    return QCoreApplication.translate("CampaignModels", text)


def _ordinal(day: date | None, missing: int = date.max.toordinal()) -> int:
    return day.toordinal() if day is not None else missing


def fit_columns(view: QTableView, cap: int = 280) -> None:
    """Columns as wide as their contents and titles, at most ``cap`` pixels unless the title
    needs more; the clerk's own widths are kept."""
    widgets.fit_columns(view, cap=cap)


def flags_text(flags: Sequence[Any]) -> str:
    """The explanations of a sign-up's flags, one per line."""
    return "\n".join(f"⚠ {f.message}" for f in flags)


# --- campaigns ---------------------------------------------------------------------------------

COL_C_NAME, COL_C_KIND, COL_C_START, COL_C_END, COL_C_STATUS, COL_C_DEADLINE, COL_C_COUNT = range(7)


def _campaign_columns() -> list[Column]:
    return [
        Column(_tr("Tên phong trào"), lambda c: c.name),
        Column(_tr("Hình thức"), lambda c: c.kind_name),
        Column(
            _tr("Bắt đầu"), lambda c: format_date(c.start_date), lambda c: _ordinal(c.start_date)
        ),
        Column(_tr("Kết thúc"), lambda c: format_date(c.end_date), lambda c: _ordinal(c.end_date)),
        Column(_tr("Trạng thái"), lambda c: c.status_name, lambda c: _STATUS_ORDER[c.status]),
        Column(
            _tr("Hạn đăng ký"),
            lambda c: format_date(c.registration_deadline),
            lambda c: _ordinal(c.registration_deadline),
        ),
        Column(
            _tr("Số đăng ký"), lambda c: format_count(c.registrations), lambda c: c.registrations
        ),
    ]


_STATUS_ORDER = {
    "CHUA_BAT_DAU": 0,
    "DANG_NHAN_DANG_KY": 1,
    "DANG_THUC_HIEN": 2,
    "DANG_BINH_XET": 3,
    "DA_KET_THUC": 4,
}


class CampaignTableModel(RecordTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(_campaign_columns(), parent)

    def row_of(self, campaign_id: int) -> int | None:
        return next((i for i, c in enumerate(self.rows()) if c.id == campaign_id), None)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and role == Qt.ItemDataRole.ToolTipRole:
            c: CampaignDTO = self._rows[index.row()]
            parts = [c.name, c.scope_name]
            if c.launch_number:
                parts.append(_tr("Văn bản phát động: {n}").format(n=c.launch_number))
            if c.attachments:
                parts.append(_tr("{n} tệp đính kèm").format(n=len(c.attachments)))
            return "\n".join(parts)
        return super().data(index, role)


# --- flagged rows ------------------------------------------------------------------------------


class _FlaggedModel(RecordTableModel):
    """Rows whose DTO has ``flags``: icon in ``flag_column``, amber text, explanation tooltip."""

    flag_column = 0

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        obj = self._rows[index.row()]
        flags = getattr(obj, "flags", ())
        if flags:
            if role == Qt.ItemDataRole.ToolTipRole:
                return flags_text(flags)
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(WARNING_COLOUR)
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(WARNING_BACKGROUND)
            if role == Qt.ItemDataRole.DecorationRole and index.column() == self.flag_column:
                style = QApplication.style()
                return style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        return super().data(index, role)

    def row_of(self, key: int, attr: str) -> int | None:
        return next((i for i, r in enumerate(self.rows()) if getattr(r, attr) == key), None)


# --- units -------------------------------------------------------------------------------------

COL_U_NAME, COL_U_TITLE, COL_U_STATUS, COL_U_DATES, COL_U_NOTE = range(5)
_UNIT_STATUS_ORDER = {"CHUA_GUI": 0, "DA_NOP": 1, "TRA_LAI": 2, "DA_DUYET": 3}


def _unit_dates(u: UnitRegistrationDTO) -> str:
    parts = []
    if u.submitted_on:
        parts.append(_tr("nộp {d}").format(d=format_date(u.submitted_on)))
    if u.returned_on and u.status == "TRA_LAI":
        parts.append(_tr("trả lại {d}").format(d=format_date(u.returned_on)))
    if u.approved_on and u.status == "DA_DUYET":
        parts.append(_tr("duyệt {d}").format(d=format_date(u.approved_on)))
    return ", ".join(parts)


def _unit_status(u: UnitRegistrationDTO) -> str:
    if u.status == "TRA_LAI" and u.return_reason:
        return f"{u.status_name}: {u.return_reason}"
    return u.status_name


def _unit_note(u: UnitRegistrationDTO) -> str:
    return "; ".join(
        p for p in (u.note, u.status_note, flags_text(u.flags).replace("\n", "; ")) if p
    )


class UnitRegistrationModel(_FlaggedModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column(_tr("Đơn vị"), lambda u: "    " * u.depth + u.unit_name, lambda u: 0),
                Column(_tr("Danh hiệu tập thể"), lambda u: u.title_name or _tr("(không đăng ký)")),
                Column(_tr("Trạng thái"), _unit_status, lambda u: _UNIT_STATUS_ORDER[u.status]),
                Column(
                    _tr("Ngày"),
                    _unit_dates,
                    lambda u: _ordinal(u.approved_on or u.returned_on or u.submitted_on),
                ),
                Column(_tr("Ghi chú"), _unit_note),
            ],
            parent,
        )
        # tree order is the natural order of the unit column
        self.columns[COL_U_NAME] = Column(
            self.columns[COL_U_NAME].header, self.columns[COL_U_NAME].text, self._tree_rank
        )

    def set_rows(self, rows: Sequence[Any]) -> None:
        self._rank = {r.unit_id: i for i, r in enumerate(rows)}
        super().set_rows(rows)

    def _tree_rank(self, u: UnitRegistrationDTO) -> int:
        return self._rank.get(u.unit_id, 0)


# --- people ------------------------------------------------------------------------------------

COL_P_NAME, COL_P_UNIT, COL_P_POSITION, COL_P_TITLE, COL_P_FLAGS = range(5)


class PersonRegistrationModel(_FlaggedModel):
    flag_column = COL_P_FLAGS

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column(_tr("Họ và tên"), lambda r: r.full_name),
                Column(_tr("Đơn vị"), lambda r: r.unit_name),
                Column(_tr("Chức vụ"), lambda r: r.position_title),
                Column(_tr("Danh hiệu đăng ký"), lambda r: r.title_name),
                Column(
                    _tr("Cảnh báo"),
                    lambda r: "; ".join(f.message for f in r.flags),
                    lambda r: -len(r.flags),
                ),
            ],
            parent,
        )

    def registration(self, row: int) -> RegistrationDTO:
        return self.rows()[row]
