"""The "Tra cứu khen thưởng" page: awards across years by title or form, award type,
campaign, years, unit (with its sub-units, old names and merged units), subject kind, field
(lĩnh vực) of the unit and decision number or authority (:mod:`app.services.award_search`, the service of ``tdkt
search``). The table sorts on any column; "Xuất Excel…" writes the rows shown, as ``tdkt
search -o`` does; a person's row opens the person's record (double-click or Enter)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QWidget,
)

from app.domain.errors import DomainError
from app.domain.vnformat import format_count
from app.excel.award_search_export import HEADERS, row_values, write_search
from app.excel.forms.save import ExportFileError
from app.services.award_search import SUBJECT_ARGS, AwardSearch, SearchRow, search_awards
from app.services.campaigns import list_campaigns
from app.services.context import AppContext
from app.services.decision_records import award_type_names, subject_kind_names
from app.services.reference import catalogue
from app.services.units import list_units, unit_sectors
from app.ui.screens.page import SectionPage
from app.ui.sections import section_title
from app.ui.widgets.columns import fit_columns, titles_fit

_CONTEXT = "SearchScreen"
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
COMBO_CHARS = 24  # the width of a filter list before it opens
COLUMNS = [title for title, _width in HEADERS[1:]]  # no STT: the table sorts


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


class SearchModel(QAbstractTableModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[SearchRow] = []

    def set_rows(self, rows: list[SearchRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == ROW_ROLE:
            return row
        values = row_values(index.row() + 1, row)[1:]
        if role == Qt.ItemDataRole.DisplayRole:
            value = values[index.column()]
            return "" if value is None else str(value)
        if role == SORT_ROLE:
            if index.column() == 0:
                return row.year or 0
            if index.column() == 7:
                return row.decision_date.toordinal() if row.decision_date else 0
            return str(values[index.column()] or "").casefold()
        return None


class SearchScreen(SectionPage):
    WORKSPACE = True

    @classmethod
    def title(cls) -> str:
        return section_title("search")

    @classmethod
    def description(cls) -> str:
        return _tr(
            "Tra cứu khen thưởng qua các năm theo danh hiệu, hình thức, loại hình, phong trào, "
            "đơn vị (kể cả đơn vị trực thuộc, tên cũ, đơn vị đã sáp nhập), đối tượng, số hoặc cấp "
            "quyết định; xuất Excel."
        )

    def __init__(self, ctx: AppContext, year: int, parent: QWidget | None = None) -> None:
        super().__init__(ctx, year, parent)
        grid = QGridLayout()
        self.title_combo = QComboBox()
        self.title_combo.addItem(_tr("Mọi danh hiệu, hình thức"), None)
        for item in catalogue().items:
            self.title_combo.addItem(item.name, item.code)
        self.type_combo = QComboBox()
        self.type_combo.addItem(_tr("Mọi loại hình"), None)
        for code, name in award_type_names().items():
            self.type_combo.addItem(name, code)
        self.subject_combo = QComboBox()
        self.subject_combo.addItem(_tr("Mọi đối tượng"), None)
        for code, name in subject_kind_names().items():
            if code in SUBJECT_ARGS.values():
                self.subject_combo.addItem(name, code)
        self.unit_combo = QComboBox()
        self.sector_combo = QComboBox()
        self.sector_combo.setObjectName("sectorFilter")
        self.sector_combo.setEditable(True)  # a field, or a part of one
        self.sector_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        sector_line = self.sector_combo.lineEdit()
        assert sector_line is not None
        sector_line.setPlaceholderText(_tr("Mọi lĩnh vực"))
        sector_line.returnPressed.connect(self.run_search)
        self.campaign_combo = QComboBox()
        for combo in (self.title_combo, self.type_combo, self.unit_combo, self.campaign_combo):
            # long unit and campaign names must not widen the window: the list shows them whole
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(COMBO_CHARS)
        self.from_spin = QSpinBox()
        self.to_spin = QSpinBox()
        for spin in (self.from_spin, self.to_spin):
            spin.setRange(1944, 2100)
            spin.setSpecialValueText(_tr("—"))
            spin.setValue(1944)
        self.decision_edit = QLineEdit()
        self.decision_edit.setPlaceholderText(_tr("Số quyết định hoặc cấp quyết định"))
        self.decision_edit.returnPressed.connect(self.run_search)
        self.search_button = QPushButton(_tr("Tra cứu"))
        self.search_button.setDefault(True)
        self.search_button.clicked.connect(lambda _checked=False: self.run_search())
        self.export_button = QPushButton(_tr("Xuất Excel…"))
        self.export_button.clicked.connect(lambda _checked=False: self.export())
        fields: list[tuple[str, QWidget]] = [
            (_tr("Danh hiệu, hình thức"), self.title_combo),
            (_tr("Loại hình"), self.type_combo),
            (_tr("Đối tượng"), self.subject_combo),
            (_tr("Đơn vị"), self.unit_combo),
            (_tr("Phong trào"), self.campaign_combo),
            (_tr("Lĩnh vực"), self.sector_combo),
            (_tr("Quyết định"), self.decision_edit),
        ]
        for n, (label, widget) in enumerate(fields):
            grid.addWidget(QLabel(label), n // 3, (n % 3) * 2)
            grid.addWidget(widget, n // 3, (n % 3) * 2 + 1)
        years = QHBoxLayout()
        years.addWidget(QLabel(_tr("Từ năm")))
        years.addWidget(self.from_spin)
        years.addWidget(QLabel(_tr("đến năm")))
        years.addWidget(self.to_spin)
        years.addStretch(1)
        years.addWidget(self.search_button)
        years.addWidget(self.export_button)
        self.counts_label = QLabel()
        self.counts_label.setObjectName("countsLabel")

        self.model = SearchModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setObjectName("searchTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        titles_fit(self.table)  # whole titles before the first search
        self.table.activated.connect(self.open_row)

        self.body.addLayout(grid)
        self.body.addLayout(years)
        self.body.addWidget(self.counts_label)
        self.body.addWidget(self.table, 1)
        self._loaded = False

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if not self._loaded:
            self.reload_choices()
            self._loaded = True

    def reload_choices(self) -> None:
        self.unit_combo.clear()
        self.unit_combo.addItem(_tr("Mọi đơn vị"), None)
        for unit in self.ctx.read(list_units):
            ended = _tr(" (đã đổi tên/sáp nhập)") if unit.valid_to else ""
            self.unit_combo.addItem(f"{unit.full_name} [{unit.code}]{ended}", unit.id)
        typed = self.sector_combo.currentText()
        self.sector_combo.clear()
        self.sector_combo.addItems(self.ctx.read(unit_sectors))
        self.sector_combo.setEditText(typed)
        self.campaign_combo.clear()
        self.campaign_combo.addItem(_tr("Mọi phong trào"), None)
        for campaign in self.ctx.read(list_campaigns):
            self.campaign_combo.addItem(f"{campaign.year} · {campaign.name}", campaign.id)

    def query(self) -> AwardSearch:
        def year(spin: QSpinBox) -> int | None:
            return None if spin.value() == spin.minimum() else spin.value()

        return AwardSearch(
            title=self.title_combo.currentData(),
            award_type=self.type_combo.currentData(),
            campaign_id=self.campaign_combo.currentData(),
            year_from=year(self.from_spin),
            year_to=year(self.to_spin),
            unit_id=self.unit_combo.currentData(),
            subject_kind=self.subject_combo.currentData(),
            decision=self.decision_edit.text().strip() or None,
            sector=self.sector_combo.currentText().strip() or None,
        )

    def run_search(self) -> None:
        try:
            rows = self.ctx.read(search_awards, self.query())
        except DomainError as exc:
            QMessageBox.warning(self, _tr("Tra cứu khen thưởng"), str(exc))
            return
        self.model.set_rows(rows)
        fit_columns(self.table)
        self.counts_label.setText(_tr("{n} lượt khen thưởng").format(n=format_count(len(rows))))

    def show_target(self, target: object) -> None:
        """A year asked by another page (the awards card of "Tổng quan"): the awards of that
        year, searched at once."""
        if not isinstance(target, int):
            return
        if not self._loaded:
            self.reload_choices()
            self._loaded = True
        self.from_spin.setValue(target)
        self.to_spin.setValue(target)
        self.run_search()
        self.table.setFocus()

    def rows_shown(self) -> list[SearchRow]:
        """The rows in the order of the table (as sorted by the clerk)."""
        return [self.proxy.index(i, 0).data(ROW_ROLE) for i in range(self.proxy.rowCount())]

    def export(self, target: str | None = None) -> Path | None:
        if target is None:
            target, _filter = QFileDialog.getSaveFileName(
                self, _tr("Xuất kết quả tra cứu"), "tra-cuu-khen-thuong.xlsx", "Excel (*.xlsx)"
            )
            if not target:
                return None
        try:
            return write_search(self.rows_shown(), target)
        except ExportFileError as exc:
            QMessageBox.warning(self, _tr("Xuất kết quả tra cứu"), str(exc))
            return None

    def open_row(self, index: QModelIndex) -> None:
        """A person's row opens the person's record; a collective's or a household's row opens
        its decision in the decision register (of the decision's year)."""
        row = index.data(ROW_ROLE)
        if not isinstance(row, SearchRow):
            return
        if row.person_id is None:
            self.open_decision(row)
            return
        from app.services.people import get_person
        from app.ui.screens.units.person_dialog import PersonDialog

        dialog = PersonDialog(self.ctx, self)
        dialog.load(self.ctx.read(get_person, row.person_id))
        dialog.exec()

    def open_decision(self, row: SearchRow) -> bool:
        """Show the row's decision in "Quyết định khen thưởng" when the window has it."""
        from app.ui.sections import SECTION_KEYS

        window: Any = self.window()
        if row.decision_id is None or row.decision_year is None:
            return False
        if not hasattr(window, "section_page") or not hasattr(window, "year_spin"):
            return False
        index = SECTION_KEYS.index("decisions")
        window.year_spin.setValue(row.decision_year)
        page = window.section_page(index)
        window.show_section(index)
        page.refresh(select_id=row.decision_id)
        return True
