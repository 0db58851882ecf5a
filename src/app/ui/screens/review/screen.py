"""The "Bình xét" page: eligibility of every candidate of the year, with the proposed title.

Read-only for now: "Xét điều kiện" (F5) evaluates the chosen year (and unit) in the
background, the tables list people and collectives with their registered title, the proposal
and one verdict per main title; the details pane lists every condition of a title.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication, QItemSelection, QModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.domain.eligibility import (
    PERSON_TITLES,
    UNIT_TITLES,
    VERDICT_ELIGIBLE,
    VERDICT_NEEDS_REVIEW,
)
from app.services import review
from app.services.reference import catalogue
from app.services.review import CandidateRow
from app.services.units import list_units
from app.ui.screens.page import SectionPage
from app.ui.screens.review.candidate_model import (
    COL_NAME,
    COL_UNIT,
    OBJECT_ROLE,
    PERSON_MAIN_TITLES,
    UNIT_MAIN_TITLES,
    CandidateModel,
    CandidateProxy,
)
from app.ui.sections import section_title
from app.ui.tasks import ProgressFn

_CONTEXT = "ReviewScreen"

PEOPLE_TAB = 0
UNITS_TAB = 1


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def _table(model: CandidateProxy, name: str) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSortingEnabled(True)
    view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # keep the service's order at first
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(False)
    return view


class ReviewScreen(SectionPage):
    WORKSPACE = True

    @classmethod
    def title(cls) -> str:
        return section_title("review")

    @classmethod
    def description(cls) -> str:
        return _tr(
            "Bình xét thi đua, khen thưởng cuối năm: kiểm tra điều kiện của từng danh hiệu theo "
            "Luật Thi đua, khen thưởng năm 2022 và các văn bản hướng dẫn, nêu rõ điều kiện chưa "
            "đạt kèm điều khoản căn cứ và đề xuất danh hiệu cho từng cá nhân, tập thể."
        )

    def __init__(self, ctx, year: int, parent: QWidget | None = None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx, year, parent)
        self._evaluated = False

        # --- tool row
        self.unit_combo = QComboBox()
        self.unit_combo.setObjectName("unitCombo")
        self.unit_combo.setMinimumContentsLength(28)
        unit_label = QLabel(_tr("Đơn &vị:"))
        unit_label.setBuddy(self.unit_combo)
        self.evaluate_button = QPushButton(_tr("Xét điều kiện (F5)"))
        self.evaluate_button.setObjectName("evaluateButton")
        self.evaluate_button.setDefault(True)
        self.evaluate_button.clicked.connect(self.evaluate)
        self.search_box = QLineEdit()
        self.search_box.setObjectName("searchBox")
        self.search_box.setPlaceholderText(_tr("Tìm theo tên (Ctrl+F)"))
        self.search_box.setClearButtonEnabled(True)
        tools = QHBoxLayout()
        tools.addWidget(unit_label)
        tools.addWidget(self.unit_combo)
        tools.addWidget(self.evaluate_button)
        tools.addSpacing(16)
        tools.addWidget(self.search_box, 1)

        self.counts_label = QLabel()
        self.counts_label.setObjectName("countsLabel")
        self.counts_label.setWordWrap(True)

        # --- tables
        self.people_model = CandidateModel(PERSON_MAIN_TITLES, parent=self)
        self.people_proxy = CandidateProxy(self)
        self.people_proxy.setSourceModel(self.people_model)
        self.people_table = _table(self.people_proxy, "peopleTable")
        self.units_model = CandidateModel(UNIT_MAIN_TITLES, unit_kind=True, parent=self)
        self.units_proxy = CandidateProxy(self)
        self.units_proxy.setSourceModel(self.units_model)
        self.units_table = _table(self.units_proxy, "unitsTable")
        self.tabs = QTabWidget()
        self.tabs.addTab(self.people_table, _tr("Cá nhân"))
        self.tabs.addTab(self.units_table, _tr("Tập thể"))
        self.tabs.currentChanged.connect(self._tab_changed)
        for view in (self.people_table, self.units_table):
            view.selectionModel().selectionChanged.connect(self._selection_changed)

        # --- details
        self.title_combo = QComboBox()
        self.title_combo.setObjectName("titleCombo")
        title_label = QLabel(_tr("Danh &hiệu:"))
        title_label.setBuddy(self.title_combo)
        self.details = QTextBrowser()
        self.details.setObjectName("details")
        self.details.setOpenLinks(False)
        details_head = QHBoxLayout()
        details_head.addWidget(title_label)
        details_head.addWidget(self.title_combo, 1)
        details_box = QWidget()
        details_layout = QVBoxLayout(details_box)
        details_layout.setContentsMargins(0, 0, 0, 0)
        details_layout.addLayout(details_head)
        details_layout.addWidget(self.details, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.tabs)
        self.splitter.addWidget(details_box)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([700, 400])

        self.body.addLayout(tools)
        self.body.addWidget(self.counts_label)
        self.body.addWidget(self.splitter, 1)

        # --- keyboard
        self.evaluate_action = QAction(_tr("Xét điều kiện"), self)
        self.evaluate_action.setShortcut(QKeySequence(Qt.Key.Key_F5))
        self.evaluate_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.evaluate_action.triggered.connect(lambda _checked=False: self.evaluate())
        self.addAction(self.evaluate_action)
        self.find_action = QAction(_tr("Tìm"), self)
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.find_action.triggered.connect(lambda _checked=False: self._focus_search())
        self.addAction(self.find_action)
        self.search_box.textChanged.connect(self._search)
        self.title_combo.currentIndexChanged.connect(lambda _i: self._show_details())

        self._fill_units()
        self._fill_titles()
        self.unit_combo.currentIndexChanged.connect(self._unit_changed)
        self._show_hint()

    # --- state ---------------------------------------------------------------------------------

    def _fill_units(self) -> None:
        self.unit_combo.blockSignals(True)
        try:
            self.unit_combo.clear()
            self.unit_combo.addItem(_tr("Toàn cơ quan"), None)
            for unit in self.ctx.read(list_units, include_history=False):
                if unit.parent_id is None:
                    continue
                self.unit_combo.addItem("    " * (unit.depth - 1) + unit.full_name, unit.id)
        finally:
            self.unit_combo.blockSignals(False)

    def _fill_titles(self) -> None:
        cat = catalogue()
        codes = PERSON_TITLES if self.tabs.currentIndex() == PEOPLE_TAB else UNIT_TITLES
        self.title_combo.blockSignals(True)
        try:
            self.title_combo.clear()
            self.title_combo.addItem(_tr("Danh hiệu đề xuất"), None)
            for code in codes:
                self.title_combo.addItem(cat.get(code).name if code in cat else code, code)
        finally:
            self.title_combo.blockSignals(False)

    def selected_unit(self) -> int | None:
        value = self.unit_combo.currentData()
        return int(value) if value is not None else None

    def current_view(self) -> QTableView:
        return self.people_table if self.tabs.currentIndex() == PEOPLE_TAB else self.units_table

    def current_row(self) -> CandidateRow | None:
        indexes = self.current_view().selectionModel().selectedRows()
        if not indexes:
            return None
        row = indexes[0].data(OBJECT_ROLE)
        return row if isinstance(row, CandidateRow) else None

    def _show_hint(self) -> None:
        self.counts_label.setText(
            _tr("Bấm \u201cXét điều kiện\u201d (F5) để kiểm tra điều kiện năm {year}.").format(
                year=self.year
            )
        )
        self.details.setPlainText(_tr("Chọn một dòng để xem các điều kiện."))

    def year_changed(self, year: int) -> None:
        self._evaluated = False
        self.people_model.set_rows([])
        self.units_model.set_rows([])
        self._fill_units()
        self._show_hint()

    def _unit_changed(self, _index: int) -> None:
        if self._evaluated:
            self.evaluate()

    def _tab_changed(self, _index: int) -> None:
        self._fill_titles()
        self._show_details()

    def _focus_search(self) -> None:
        self.search_box.setFocus()
        self.search_box.selectAll()

    def _search(self, text: str) -> None:
        self.people_proxy.set_search(text)
        self.units_proxy.set_search(text)

    # --- evaluation ----------------------------------------------------------------------------

    def evaluate(self) -> bool:
        """Evaluate the year (and unit) in the background; False if cancelled or failed."""
        year, unit_id = self.year, self.selected_unit()

        def work(progress: ProgressFn) -> list[CandidateRow]:
            return self.ctx.read(review.candidates, year, unit_id, progress=progress)

        outcome = self.runner.run(
            _tr("Đang xét điều kiện năm {year}").format(year=year), work, self
        )
        if outcome.cancelled:
            self.counts_label.setText(_tr("Đã hủy xét điều kiện."))
            return False
        if outcome.error is not None or outcome.value is None:
            message = _tr("Không xét được điều kiện: {error}").format(error=outcome.error)
            self.counts_label.setText(message)
            QMessageBox.warning(self, _tr("Xét điều kiện"), message)
            return False
        rows = outcome.value
        self.people_model.set_rows([r for r in rows if r.subject == review.PERSON])
        self.units_model.set_rows([r for r in rows if r.subject == review.UNIT])
        for view in (self.people_table, self.units_table):
            view.resizeColumnsToContents()
            view.setColumnWidth(COL_NAME, max(view.columnWidth(COL_NAME), 180))
            view.setColumnWidth(COL_UNIT, min(view.columnWidth(COL_UNIT), 220))
        self._evaluated = True
        self._show_counts()
        self._show_details()
        return True

    def _show_counts(self) -> None:
        cat = catalogue()
        people = review.eligible_counts(self.people_model.rows(), PERSON_MAIN_TITLES)
        units = review.eligible_counts(self.units_model.rows(), UNIT_MAIN_TITLES)
        parts = [f"{review.title_short(code, cat)}: {n}" for code, n in {**people, **units}.items()]
        total = _tr("{people} cá nhân, {units} tập thể").format(
            people=self.people_model.rowCount(), units=self.units_model.rowCount()
        )
        self.counts_label.setText(
            _tr("Đủ điều kiện {counts}").format(counts=" · ".join(parts)) + f"  ({total})"
        )

    # --- details -------------------------------------------------------------------------------

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._show_details()

    def details_title(self, row: CandidateRow) -> str | None:
        """The title whose conditions are shown: the combo's, else the proposal, else the
        registered title, else the first main title."""
        chosen = self.title_combo.currentData()
        if chosen:
            return str(chosen)
        main = PERSON_MAIN_TITLES if row.subject == review.PERSON else UNIT_MAIN_TITLES
        for code in (row.proposed, row.registered, main[0]):
            if code and code in row.verdicts:
                return code
        return None

    def _show_details(self) -> None:
        row = self.current_row()
        if row is None:
            self.details.setPlainText(_tr("Chọn một dòng để xem các điều kiện."))
            return
        code = self.details_title(row)
        verdict = row.verdict(code) if code else None
        if code is None or verdict is None:
            self.details.setPlainText(
                _tr("{name}: không có quy tắc xét cho danh hiệu này.").format(name=row.name)
            )
            return
        cat = catalogue()
        name = cat.get(code).name if code in cat else code
        result = {
            VERDICT_ELIGIBLE: _tr("Đủ điều kiện"),
            VERDICT_NEEDS_REVIEW: _tr("Cần xem xét"),
        }.get(verdict.verdict, _tr("Chưa đủ điều kiện"))
        parts = [
            f"<p><b>{escape(row.name)}</b> — {escape(row.unit)}<br>",
            f"{escape(name)}: <b>{escape(result)}</b></p><ul style='list-style: none'>",
        ]
        for c in verdict.conditions:
            mark, colour = {True: ("✓", "#1b7a2f"), False: ("✗", "#b3261e")}.get(
                c.met,
                ("?", "#9a6700"),  # type: ignore[arg-type]
            )
            line = f"<span style='color:{colour}'><b>{mark}</b></span> {escape(c.text)}"
            if c.citation:
                line += f" <i>({escape(c.citation)})</i>"
            if c.manual:
                line += " " + escape(_tr("(đánh giá thủ công)"))
            parts.append(f"<li>{line}</li>")
        parts.append("</ul>")
        self.details.setHtml("".join(parts))

    def select_row(self, proxy_row: int) -> None:
        """Select a row of the current table (keyboard and tests)."""
        view = self.current_view()
        index = view.model().index(proxy_row, COL_NAME, QModelIndex())
        view.selectRow(index.row())
        view.setCurrentIndex(index)
