"""The "Bình xét" page: eligibility of every candidate of the year, with the proposed title.

"Xét điều kiện" (F5) evaluates the chosen year (and unit) in the background; the tables list
people and collectives with their registered title, the proposal and one verdict per main
title (collectives also their members' results); the details pane lists every condition of a
title. The clerk changes a proposal with a reason (Ctrl+D), marks manual conditions unmet
(Ctrl+M), chooses the initiatives a proposal rests on (Ctrl+K), sets quotas (shown as used / allowed) and the order of the nomination list. The
"Hội đồng TĐKT" tab records the Council's sessions and votes.
"""

from __future__ import annotations

from dataclasses import replace
from html import escape

from PySide6.QtCore import QCoreApplication, QItemSelection, QItemSelectionModel, QModelIndex, Qt
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
    PERSON_MAIN_TITLES,
    PERSON_TITLES,
    UNIT_MAIN_TITLES,
    UNIT_TITLES,
    VERDICT_ELIGIBLE,
    VERDICT_NEEDS_REVIEW,
)
from app.domain.errors import DomainError
from app.domain.vnformat import format_count
from app.services import initiative_uses, quotas, review
from app.services.reference import catalogue
from app.services.review import CandidateRow
from app.services.units import list_units
from app.ui.screens.page import SectionPage
from app.ui.screens.review.candidate_model import (
    COL_NAME,
    COL_UNIT,
    OBJECT_ROLE,
    CandidateModel,
    CandidateProxy,
)
from app.ui.screens.review.cluster_panel import ClusterPanel
from app.ui.screens.review.council_panel import CouncilPanel
from app.ui.screens.review.initiative_dialog import InitiativeUseDialog
from app.ui.screens.review.quota_dialog import QuotaDialog
from app.ui.screens.review.review_dialogs import ConditionMarksDialog, OverrideDialog
from app.ui.sections import section_title
from app.ui.tasks import ProgressFn
from app.ui.widgets.columns import FillColumn, clerk_sized

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
    # Several rows (Shift, Ctrl) for copying to Excel; the commands act on the current row.
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.setWordWrap(False)  # a long unit name elides, whole in its tooltip
    FillColumn(view, COL_UNIT)  # the unit column takes the spare width: the columns fill it
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
        self.unit_combo.setMinimumContentsLength(20)
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

        self.override_button = QPushButton(_tr("Đổi đề &nghị…"))
        self.override_button.setObjectName("overrideButton")
        self.override_button.clicked.connect(lambda: self.change_proposal())
        self.marks_button = QPushButton(_tr("Tiêu &chí…"))
        self.marks_button.setObjectName("marksButton")
        self.marks_button.clicked.connect(lambda: self.mark_conditions())
        self.initiatives_button = QPushButton(_tr("Sáng &kiến…"))
        self.initiatives_button.setObjectName("initiativesButton")
        self.initiatives_button.clicked.connect(lambda: self.choose_initiatives())
        self.quota_button = QPushButton(_tr("&Hạn mức…"))
        self.quota_button.setObjectName("quotaButton")
        self.quota_button.clicked.connect(self.edit_quotas)
        self.order_button = QPushButton(_tr("Thứ &tự…"))
        self.order_button.setObjectName("orderButton")
        self.order_button.clicked.connect(self.edit_nomination_order)
        self.override_button.setToolTip(
            _tr("Đổi danh hiệu đề nghị của dòng đang chọn, ghi lý do (Ctrl+D)")
        )
        self.marks_button.setToolTip(
            _tr("Đánh dấu tiêu chí đánh giá thủ công chưa đạt (“gương mẫu”…) (Ctrl+M)")
        )
        self.initiatives_button.setToolTip(
            _tr("Chọn sáng kiến, đề tài làm căn cứ cho đề nghị của dòng đang chọn (Ctrl+K)")
        )
        self.quota_button.setToolTip(_tr("Hạn mức tỷ lệ đề nghị theo danh hiệu và loại đơn vị"))
        self.order_button.setToolTip(_tr("Thứ tự các dòng trong danh sách đề nghị khen thưởng"))
        actions = QHBoxLayout()
        for button in (
            self.override_button,
            self.marks_button,
            self.initiatives_button,
            self.quota_button,
        ):
            actions.addWidget(button)
        actions.addWidget(self.order_button)
        from app.ui.documents.hooks import add_review_buttons  # Word documents, dossier

        add_review_buttons(self, actions)
        actions.addStretch(1)
        self.quota_label = QLabel()
        self.quota_label.setObjectName("quotaLabel")
        self.quota_label.setWordWrap(True)
        self.quota_label.setTextFormat(Qt.TextFormat.RichText)

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

        review_page = QWidget()
        self.review_page = review_page  # the results tab: its keys answer while it is shown
        review_layout = QVBoxLayout(review_page)
        review_layout.setContentsMargins(0, 6, 0, 0)
        review_layout.addLayout(tools)
        review_layout.addLayout(actions)
        review_layout.addWidget(self.counts_label)
        review_layout.addWidget(self.quota_label)
        review_layout.addWidget(self.splitter, 1)
        self.council_panel = CouncilPanel(ctx)
        self.council_panel.setObjectName("councilPanel")
        self.pages = QTabWidget()
        self.pages.setObjectName("reviewPages")
        self.pages.addTab(review_page, _tr("Kết quả bình xét"))
        self.pages.addTab(self.council_panel, _tr("Hội đồng TĐKT"))
        self.cluster_panel = ClusterPanel(ctx)
        self.pages.addTab(self.cluster_panel, _tr("Cụm, khối thi đua"))
        self.pages.currentChanged.connect(self._page_changed)
        self.body.addWidget(self.pages, 1)

        # --- keyboard
        self.evaluate_action = QAction(_tr("Xét điều kiện"), self)
        self.evaluate_action.setShortcut(QKeySequence(Qt.Key.Key_F5))
        self.evaluate_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.evaluate_action.triggered.connect(lambda _checked=False: self.evaluate())
        review_page.addAction(self.evaluate_action)
        self.find_action = QAction(_tr("Tìm"), self)
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.find_action.triggered.connect(lambda _checked=False: self._focus_search())
        review_page.addAction(self.find_action)
        for text, key, slot in (
            (_tr("Đổi đề nghị"), "Ctrl+D", self.change_proposal),
            (_tr("Tiêu chí thủ công"), "Ctrl+M", self.mark_conditions),
            (_tr("Sáng kiến của đề nghị"), "Ctrl+K", self.choose_initiatives),
        ):
            action = QAction(text, self)
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(lambda _checked=False, slot=slot: slot())
            review_page.addAction(action)
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
        """The row under the cursor when it is selected, else the first selected one."""
        view = self.current_view()
        indexes = view.selectionModel().selectedRows()
        if not indexes:
            return None
        current = view.currentIndex()
        chosen = current if view.selectionModel().isRowSelected(current.row()) else indexes[0]
        row = chosen.data(OBJECT_ROLE)
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
        self.quota_label.clear()
        self._fill_units()
        self._show_hint()
        self.council_panel.set_year(year)
        self.cluster_panel.set_year(year)

    def set_runner(self, runner) -> None:  # type: ignore[no-untyped-def]
        super().set_runner(runner)
        self.council_panel.set_runner(runner)

    def _page_changed(self, index: int) -> None:
        if self.pages.widget(index) is self.council_panel:
            self.council_panel.set_runner(self.runner)
            self.council_panel.set_year(self.year)
        if self.pages.widget(index) is self.cluster_panel:
            self.cluster_panel.set_year(self.year)

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
            if clerk_sized(view):  # the clerk's own widths are kept
                continue
            view.resizeColumnsToContents()
            view.setColumnWidth(COL_NAME, max(view.columnWidth(COL_NAME), 180))
            fill = view.findChild(FillColumn)
            fill.floor = min(view.columnWidth(COL_UNIT), 220)  # wider where there is room
            fill.fill()
        self._evaluated = True
        self._show_counts()
        self._show_quotas()
        self._show_details()
        return True

    def _show_quotas(self) -> None:
        """Each quota rule per unit as used / allowed; over the cap in red."""
        rules = self.ctx.read(quotas.quotas_for_year, self.year)
        if not rules:
            self.quota_label.setText(_tr("Hạn mức: không có (bấm “Hạn mức…” để thêm)."))
            return
        units = self.ctx.read(list_units, include_history=False)
        uses = quotas.quota_usage(rules, self.people_model.rows(), units)
        lines, details = [], []
        for rule in rules:
            mine = [u for u in uses if u.rule == rule]
            over = [u for u in mine if u.over]
            used, allowed = sum(u.used for u in mine), sum(u.allowed for u in mine)
            text = escape(f"{rule.describe()}: {format_count(used)}/{format_count(allowed)}")
            if over:
                names = ", ".join(u.unit_name for u in over[:3]) + ("…" if len(over) > 3 else "")
                verb = _tr("không cho phép vượt") if rule.block else _tr("cảnh báo")
                text += (
                    " <span style='color:#b3261e'><b>"
                    + escape(
                        _tr("vượt ở {n} đơn vị ({verb}): {names}").format(
                            n=format_count(len(over)), verb=verb, names=names
                        )
                    )
                    + "</b></span>"
                )
            lines.append(text)
            details += [f"{u.unit_name}: {rule.describe()} — {u.text}" for u in mine]
        self.quota_label.setText(_tr("Hạn mức (đã đề nghị/cho phép): ") + " · ".join(lines))
        self.quota_label.setToolTip("\n".join(details))

    # --- the clerk's decisions -----------------------------------------------------------------

    def _need_row(self) -> CandidateRow | None:
        row = self.current_row()
        if row is None:
            QMessageBox.information(
                self,
                _tr("Bình xét"),
                _tr("Hãy xét điều kiện (F5) rồi chọn một cá nhân hoặc tập thể."),
            )
        return row

    def _model_of(self, row: CandidateRow):  # type: ignore[no-untyped-def]
        return self.people_model if row.subject == review.PERSON else self.units_model

    def change_proposal(self) -> bool:
        """Override the proposal of the selected row with a reason; True when saved."""
        row = self._need_row()
        if row is None:
            return False
        dialog = OverrideDialog(row, self)
        if dialog.exec() != OverrideDialog.DialogCode.Accepted or dialog.result_choice is None:
            return False
        choice = dialog.result_choice
        try:
            if choice.clear:
                self.ctx.write(review.clear_override, self.year, row.subject, row.subject_id)
                new = replace(row, proposed=row.computed, override=None)
            else:
                override = self.ctx.write(
                    quotas.set_override_checked,
                    self.year,
                    row.subject,
                    row.subject_id,
                    choice.proposed,
                    choice.reason,
                    expected_version=row.override.version if row.override else None,
                )
                new = replace(row, proposed=override.proposed, override=override)
        except DomainError as exc:
            QMessageBox.warning(self, _tr("Đổi đề nghị"), str(exc))
            return False
        self._model_of(row).replace_row(new)
        self._show_counts()
        self._show_quotas()
        self._show_details()
        return True

    def mark_conditions(self) -> bool:
        """Mark manual conditions of the selected row unmet (or met again); re-evaluates."""
        row = self._need_row()
        if row is None:
            return False
        notes = self.ctx.read(review.marked_conditions, self.year).get(row.key, {})
        dialog = ConditionMarksDialog(row, notes, self)
        if dialog.exec() != ConditionMarksDialog.DialogCode.Accepted or not dialog.changes:
            return False

        def save(session) -> None:  # type: ignore[no-untyped-def]
            for change in dialog.changes:
                review.mark_condition(
                    session,
                    self.year,
                    row.subject,
                    row.subject_id,
                    change.key,
                    unmet=change.unmet,
                    note=change.note,
                )

        try:
            self.ctx.write(save)
        except DomainError as exc:
            QMessageBox.warning(self, _tr("Tiêu chí thủ công"), str(exc))
            return False
        key = row.key
        if self.evaluate():
            self.select_subject(key)
        return True

    def choose_initiatives(self) -> bool:
        """Choose the initiatives the selected row's proposal rests on; re-evaluates. True
        when a choice was saved."""
        row = self._need_row()
        if row is None:
            return False
        if row.proposed is None:
            QMessageBox.information(
                self,
                _tr("Sáng kiến của đề nghị"),
                _tr("{name} chưa có danh hiệu đề nghị: đổi đề nghị (Ctrl+D) trước.").format(
                    name=row.name
                ),
            )
            return False
        try:
            data = self.ctx.read(
                initiative_uses.proposal_initiatives,
                self.year,
                row.subject,
                row.subject_id,
                row.proposed,
            )
        except DomainError as exc:
            QMessageBox.warning(self, _tr("Sáng kiến của đề nghị"), str(exc))
            return False
        dialog = InitiativeUseDialog(self)
        dialog.load(data)
        accepted = dialog.exec() == InitiativeUseDialog.DialogCode.Accepted
        chosen = dialog.values()
        dialog.deleteLater()
        if not accepted or sorted(chosen) == sorted(data.chosen_ids):
            return False
        try:
            self.ctx.write(
                initiative_uses.choose_initiatives,
                self.year,
                row.subject,
                row.subject_id,
                row.proposed,
                chosen,
            )
        except DomainError as exc:
            QMessageBox.warning(self, _tr("Sáng kiến của đề nghị"), str(exc))
            return False
        key = row.key
        if self.evaluate():
            self.select_subject(key)
        return True

    def edit_quotas(self) -> None:
        dialog = QuotaDialog(self.ctx, self)
        accepted = dialog.exec()
        dialog.deleteLater()  # not kept as a hidden child of the screen after each use
        if accepted and self._evaluated:
            self._show_quotas()

    def edit_nomination_order(self) -> None:
        from app.ui.screens.review.nomination_order_dialog import NominationOrderDialog

        row = self.current_row()
        code = self.title_combo.currentData() or (row.proposed if row else None) or "LDTT"
        dialog = NominationOrderDialog(self.ctx, self.year, code, self)
        dialog.exec()
        dialog.deleteLater()

    def select_subject(self, key: tuple[str, int]) -> None:
        """Select the row of a person or unit, wherever the sort put it."""
        self.tabs.setCurrentIndex(PEOPLE_TAB if key[0] == review.PERSON else UNITS_TAB)
        view = self.current_view()
        model = view.model()
        for proxy_row in range(model.rowCount()):
            found = model.index(proxy_row, COL_NAME).data(OBJECT_ROLE)
            if isinstance(found, CandidateRow) and found.key == key:
                self.select_row(proxy_row)
                return

    def _show_counts(self) -> None:
        cat = catalogue()
        people = review.eligible_counts(self.people_model.rows(), PERSON_MAIN_TITLES)
        units = review.eligible_counts(self.units_model.rows(), UNIT_MAIN_TITLES)
        parts = [
            f"{review.title_short(code, cat)}: {format_count(n)}"
            for code, n in {**people, **units}.items()
        ]
        total = _tr("{people} cá nhân, {units} tập thể").format(
            people=format_count(self.people_model.rowCount()),
            units=format_count(self.units_model.rowCount()),
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
        flags = QItemSelectionModel.SelectionFlag
        view.selectionModel().setCurrentIndex(index, flags.ClearAndSelect | flags.Rows)
        view.setFocus()  # as after a click: the tab's keys (Ctrl+D…) answer
