"""The lines of a decision in the "In giấy khen" dialog: a checkable table (tick who gets a
certificate printed now). Revoked lines are greyed, struck through and cannot be ticked."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt

from app.services.certificates import CertificateLine
from app.ui.screens.units.people_model import Column, ModelIndex, RecordTableModel

__all__ = [
    "COL_C_AWARD",
    "COL_C_GOLDEN",
    "COL_C_LAYOUT",
    "COL_C_NAME",
    "COL_C_STT",
    "CertificateLineModel",
]

COL_C_STT, COL_C_NAME, COL_C_AWARD, COL_C_GOLDEN, COL_C_LAYOUT = range(5)


def _tr(text: str) -> str:
    return QCoreApplication.translate("CertificateLineModel", text)


class CertificateLineModel(RecordTableModel):
    """STT (with the tick), name, award, golden-book number and the blank it prints on."""

    def __init__(self, layout_names: Callable[[str | None], str], parent: Any = None) -> None:
        super().__init__(
            [
                Column(_tr("STT"), lambda r: str(r.stt), lambda r: r.stt),
                Column(_tr("Họ và tên / Tên tập thể"), self._name),
                Column(_tr("Danh hiệu / Hình thức"), lambda r: r.award_name),
                Column(
                    _tr("Số sổ vàng"),
                    lambda r: str(r.golden_book_no or ""),
                    lambda r: r.golden_book_no or 0,
                ),
                Column(_tr("Mẫu phôi"), lambda r: layout_names(r.layout_code)),
            ],
            parent,
            greyed=lambda r: r.revoked,
            checkable=True,
        )

    @staticmethod
    def _name(line: CertificateLine) -> str:
        return line.name + (_tr(" (đã thu hồi)") if line.revoked else "")

    def set_rows(self, rows: Iterable[Any]) -> None:
        super().set_rows(list(rows))
        self._checked = [not r.revoked for r in self._rows]

    def set_checked(self, wanted: Callable[[CertificateLine], bool]) -> None:
        """Tick the lines ``wanted`` says (never a revoked one), untick the others."""
        self._checked = [wanted(r) and not r.revoked for r in self._rows]
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0),
                self.index(len(self._rows) - 1, 0),
                [Qt.ItemDataRole.CheckStateRole],
            )

    def checked_ids(self) -> list[int]:
        return [r.recipient_id for r in self.checked_rows()]

    def row_of(self, recipient_id: int) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r.recipient_id == recipient_id), None)

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and self._rows[index.row()].revoked:
            flags &= ~Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            index.isValid()
            and role == Qt.ItemDataRole.TextAlignmentRole
            and index.column() in (COL_C_STT, COL_C_GOLDEN)
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return super().data(index, role)
