"""A unit's field of activity (lĩnh vực) in the unit dialogs: typed, or picked among the fields
other units have, so one field keeps one spelling (the search groups units by it). Empty, the
unit takes the field of the unit above, which the field shows as its placeholder."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QWidget

from app.domain.units import SECTOR_MAX, sector_of
from app.domain.vntext import clean, fold_key, vi_sort_key
from app.services.units import UnitDTO


def _tr(text: str) -> str:
    return QCoreApplication.translate("SectorField", text)


class SectorField(QComboBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sectorField")
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(24)
        line = self.lineEdit()
        assert line is not None
        line.setMaxLength(SECTOR_MAX)
        self._own: dict[int, str | None] = {}
        self._parents: dict[int, int | None] = {}

    def set_units(self, units: Sequence[UnitDTO]) -> None:
        """The units whose fields are offered (one spelling each) and inherited."""
        self._own = {u.id: u.sector for u in units}
        self._parents = {u.id: u.parent_id for u in units}
        self.clear()
        self.addItems(_distinct(u.sector for u in units))

    def set_parent_unit(self, parent_id: int | None) -> None:
        """Show what an empty field means under ``parent_id``."""
        inherited = sector_of(parent_id, self._own, self._parents)
        line = self.lineEdit()
        assert line is not None
        line.setPlaceholderText(
            _tr("Như đơn vị cấp trên: {sector}").format(sector=inherited)
            if inherited
            else _tr("VD: Nông nghiệp - Nông thôn")
        )

    def set_value(self, sector: str | None) -> None:
        self.setCurrentIndex(-1)
        self.setEditText(sector or "")

    def value(self) -> str | None:
        text = clean(self.currentText())
        for i in range(self.count()):  # a known field typed another way keeps its spelling
            if fold_key(self.itemText(i)) == fold_key(text):
                return self.itemText(i)
        return text or None


def _distinct(sectors: Iterable[str | None]) -> list[str]:
    found: dict[str, str] = {}
    for sector in sectors:
        text = clean(sector)
        if text:
            found.setdefault(fold_key(text), text)
    return sorted(found.values(), key=vi_sort_key)
