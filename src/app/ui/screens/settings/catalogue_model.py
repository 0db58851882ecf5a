"""The Qt models of the "Danh mục danh hiệu, hình thức" tab: the items (code, names, subjects,
coefficients in force today and since when, source, "history only") and the dated coefficients
of one item. Coefficients in Vietnamese decimals ("CN 0,3 · TT 0,6"), dates dd/mm/yyyy."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont

from app.domain.vnformat import format_date
from app.domain.vntext import fold
from app.services.catalogue_items import CatalogueRow, CoefficientRow, plain, subject_names
from app.ui.screens.units.people_model import Column, RecordTableModel

__all__ = [
    "COL_CODE",
    "COL_COEFFICIENTS",
    "COL_FROM",
    "COL_HISTORY",
    "COL_NAME",
    "COL_SHORT",
    "COL_SOURCE",
    "SEARCH_ROLE",
    "CatalogueModel",
    "coefficients_text",
    "item_columns",
    "source_text",
    "step_columns",
]

_CONTEXT = "CataloguePanel"
COL_CODE, COL_NAME, COL_SHORT, COL_SUBJECTS, COL_COEFFICIENTS, COL_FROM, COL_SOURCE, COL_HISTORY = (
    range(8)
)
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 10
TAGS = {"CA_NHAN": "CN", "TAP_THE": "TT", "HO_GIA_DINH": "HGĐ"}


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def _current(row: CatalogueRow, today: date) -> CoefficientRow | None:
    steps = [s for s in row.steps if s.effective_from <= today]
    return steps[-1] if steps else None


def coefficients_text(values: dict[str, Any]) -> str:
    """ "CN 0,3 · TT 0,6 · HGĐ 0,45" (Vietnamese decimals)."""
    return " · ".join(
        f"{TAGS.get(kind, kind)} {plain(values[kind])}"
        for kind in TAGS
        if values.get(kind) is not None
    )


def source_text(row: CatalogueRow) -> str:
    if row.local:
        return _tr("Riêng của Sở")
    if row.clerk_changed or any(s.by_clerk for s in row.steps):
        return _tr("Đã sửa")
    return _tr("Có sẵn")


def _subjects_text(row: CatalogueRow) -> str:
    names = subject_names()
    text = ", ".join(_tr(names.get(s, s)).lower() for s in row.subjects)
    return text[:1].upper() + text[1:]


def item_columns(today: date) -> list[Column]:
    def step(row: CatalogueRow) -> CoefficientRow | None:
        return _current(row, today)

    return [
        Column(_tr("Mã"), lambda r: r.code),
        Column(_tr("Tên"), lambda r: r.name),
        Column(_tr("Tên viết tắt"), lambda r: r.short),
        Column(_tr("Đối tượng"), _subjects_text),
        Column(
            _tr("Hệ số hiện hành"),
            lambda r: coefficients_text(s.coefficients) if (s := step(r)) else "",
        ),
        Column(
            _tr("Từ ngày"),
            lambda r: format_date(s.effective_from) if (s := step(r)) else "",
            lambda r: s.effective_from.toordinal() if (s := step(r)) else 0,
        ),
        Column(_tr("Nguồn"), source_text),
        Column(
            _tr("Chỉ ghi lịch sử"),
            lambda r: _tr("Có") if r.history_only else "",
            lambda r: int(r.history_only),
        ),
    ]


def step_columns() -> list[Column]:
    return [
        Column(
            _tr("Từ ngày"),
            lambda s: format_date(s.effective_from),
            lambda s: s.effective_from.toordinal(),
        ),
        Column(_tr("Hệ số"), lambda s: coefficients_text(s.coefficients)),
        Column(_tr("Căn cứ"), lambda s: s.legal_basis),
        Column(
            _tr("Nguồn"),
            lambda s: (
                _tr("Cán bộ nhập (có sẵn: {v})").format(v=coefficients_text(s.shipped))
                if s.by_clerk and s.shipped
                else _tr("Cán bộ nhập")
                if s.by_clerk
                else _tr("Có sẵn")
            ),
        ),
    ]


class CatalogueModel(RecordTableModel):
    """The items; the filter reads code, names and synonyms without diacritics; the source of
    an item the clerk changed or added is in bold."""

    def __init__(self, columns: list[Column], parent: Any = None) -> None:
        super().__init__(columns, parent)
        self._bold = QFont()  # made once: a QFont built in data() for every cell leaks
        self._bold.setBold(True)

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and role == SEARCH_ROLE:
            row: CatalogueRow = self._rows[index.row()]
            return fold(" ".join((row.code, row.name, row.short, *row.synonyms)))
        if index.isValid() and role == Qt.ItemDataRole.FontRole and index.column() == COL_SOURCE:
            if source_text(self._rows[index.row()]) != _tr("Có sẵn"):
                return self._bold
        return super().data(index, role)
