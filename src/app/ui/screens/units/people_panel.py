"""The staff directory panel: search, filters, the people table and the actions on a person.

Speed at 50,000 people: when the panel has a task runner (the application's), its first showing
reads the first screenful (``list_people_first``: the first units in tree order) and the whole
list off the GUI thread, shown when read; without one (and after a write) ``list_people`` is
read at once. A keystroke
filters the loaded rows in Python with ``filter_people`` (narrowing the previous result when
the new text extends it) and hands them to the source model, which gives the view 200 rows
at a time. The proxy sorts on integer ranks; the rows are already in the same order, so the
batches fetched later land at the end.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QSettings, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import ConflictError, DomainError
from app.services import people as svc
from app.services import people_view as pv
from app.services.context import AppContext
from app.services.people import PersonRow
from app.services.units import list_units
from app.ui.screens.units.people_model import (
    COL_CATEGORY,
    COL_NAME,
    COL_UNIT,
    OBJECT_ROLE,
    SORT_ROLE,
    PeopleTableModel,
)
from app.ui.screens.units.person_actions import (
    LeaveDialog,
    MergeDuplicatesDialog,
    TransferDialog,
    confirm,
)
from app.ui.screens.units.person_dialog import PersonDialog
from app.ui.tasks import TaskOutcome, TaskRunner
from app.ui.widgets.columns import FillColumn

HEADER_KEY = "people_table/header"
FIRST_ROWS = 200  # shown at the first opening while the whole list loads
STATUSES = ("active", "left", "all")


def _tr(text: str) -> str:
    return QCoreApplication.translate("PeoplePanel", text)


class PeoplePanel(QWidget):
    """Danh sách cán bộ. Emits ``peopleChanged`` after every write."""

    peopleChanged = Signal()

    def __init__(
        self, ctx: AppContext, *, settings: QSettings | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        if settings is None:
            from app.ui.application import gui_settings

            settings = gui_settings()
        self.ctx = ctx
        self.settings = settings
        self._all: list[PersonRow] = []
        self._ordered: list[PersonRow] = []
        self._matching: list[PersonRow] = []
        self._unit_ids: set[int] | None = None
        self._loaded = False
        self._runner: TaskRunner | None = None
        self._partial = False  # only the first rows are loaded; the whole list is coming
        self._loading = 0  # the latest load; a whole list read before a refresh is dropped
        self._last: tuple[str, Any] | None = None  # (query, scope) of self._matching
        self._sort = (COL_UNIT, Qt.SortOrder.AscendingOrder)

        self.search_box = QLineEdit()
        self.search_box.setPlaceholderText(_tr("Tìm theo tên, mã cán bộ, CCCD (Ctrl+F)…"))
        self.search_box.setClearButtonEnabled(True)
        self.search_box.textChanged.connect(self._apply_filter)
        self.search_box.returnPressed.connect(self._focus_table)
        self.status_combo = QComboBox()
        for text, value in zip(
            (_tr("Đang công tác"), _tr("Đã nghỉ"), _tr("Tất cả")), STATUSES, strict=True
        ):
            self.status_combo.addItem(text, value)
        self.status_combo.currentIndexChanged.connect(self._apply_filter)
        self.order_combo = QComboBox()
        self.order_combo.addItem(_tr("Thứ tự chuẩn"), COL_UNIT)
        self.order_combo.addItem(_tr("Theo tên"), COL_NAME)
        self.order_combo.setToolTip(
            _tr(
                "Thứ tự chuẩn: thứ tự đơn vị, chức vụ, tên rồi họ đệm (theo bảng chữ cái tiếng Việt)"
            )
        )
        self.order_combo.currentIndexChanged.connect(self._order_chosen)
        self.count_label = QLabel()

        self.model = PeopleTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        header = self.table.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, chars in ((COL_NAME, 24), (1, 11), (2, 8), (3, 18), (COL_UNIT, 24)):
            header.resizeSection(column, self.fontMetrics().averageCharWidth() * chars + 16)
        state = self.settings.value(HEADER_KEY)
        restored = state is not None and header.restoreState(state)
        self.fill_column = FillColumn(self.table, COL_CATEGORY)  # the spare width, title whole
        if not restored or not 0 <= header.sortIndicatorSection() <= COL_CATEGORY:
            header.setSortIndicator(COL_UNIT, Qt.SortOrder.AscendingOrder)
        self._sort = (header.sortIndicatorSection(), header.sortIndicatorOrder())
        self.proxy.sort(*self._sort)
        self._sync_order_combo()
        header.sortIndicatorChanged.connect(self._sort_changed)
        header.sectionResized.connect(self._save_header)
        self.table.doubleClicked.connect(lambda _i: self.open_person())
        self.table.selectionModel().currentRowChanged.connect(self._update_actions)

        self.add_action = self._action(
            _tr("Thêm cán bộ"), self.add_person, QKeySequence.StandardKey.New
        )
        self.open_action = self._action(_tr("Mở hồ sơ"), self.open_person)
        self.open_action.setShortcuts(
            [QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)]
        )
        self.open_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.transfer_action = self._action(_tr("Điều chuyển…"), self.transfer_selected)
        self.leave_action = self._action(_tr("Đánh dấu nghỉ…"), self.mark_left_selected)
        self.merge_action = self._action(_tr("Gộp hồ sơ trùng…"), self.merge_duplicates)
        self.find_action = self._action(
            _tr("Tìm"), self.focus_search, QKeySequence.StandardKey.Find
        )
        for action in (self.open_action, self.transfer_action, self.leave_action):
            self.table.addAction(action)
        toolbar = QToolBar()
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (self.add_action, self.open_action, self.transfer_action, self.leave_action):
            toolbar.addAction(action)
        toolbar.addSeparator()
        toolbar.addAction(self.merge_action)

        filters = QHBoxLayout()
        filters.addWidget(self.search_box, 3)
        filters.addWidget(self.status_combo)
        filters.addWidget(self.order_combo)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(toolbar)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        self.setTabOrder(self.search_box, self.status_combo)
        self.setTabOrder(self.status_combo, self.order_combo)
        self.setTabOrder(self.order_combo, self.table)
        self._update_actions()

    def _action(
        self, text: str, slot: Callable[[], Any], key: QKeySequence.StandardKey | None = None
    ) -> QAction:
        action = QAction(text, self)
        if key is not None:
            action.setShortcut(key)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.setToolTip(f"{text} ({QKeySequence(key).toString()})")
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    # --- loading and filtering --------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._ensure_loaded()

    def set_runner(self, runner: TaskRunner) -> None:
        """The application's task runner: the first showing then loads in the background."""
        self._runner = runner

    def _ensure_loaded(self) -> None:
        if self._loaded:
            return
        if self._runner is None:
            self.refresh()
            return
        self._loaded = True
        self._loading += 1
        loading = self._loading
        self._all, whole = self.ctx.read(svc.list_people_first, FIRST_ROWS)
        self._partial = not whole
        self._reorder()
        if self._partial:
            self._runner.background(
                lambda: self.ctx.read(svc.list_people),
                lambda outcome: self._whole_list_read(loading, outcome),
            )

    def _whole_list_read(self, loading: int, outcome: TaskOutcome[list[PersonRow]]) -> None:
        if loading != self._loading:  # refreshed meanwhile: that read is newer
            return
        if outcome.error is not None:
            raise outcome.error  # to the application's error dialog, as any failed read
        assert outcome.value is not None
        self._all = outcome.value
        self._partial = False
        self._reorder()

    @property
    def loading(self) -> bool:
        """Only the first rows are shown yet; the whole list is being read."""
        return self._partial

    def refresh(self) -> None:
        """Read the people again from the database (after a write, or when shown first)."""
        self._loaded = True
        self._loading += 1
        self._partial = False
        self._all = self.ctx.read(svc.list_people)
        self._reorder()

    def _reorder(self) -> None:
        column, order = self._sort
        self._ordered = pv.sorted_rows(
            self._all, column, descending=order == Qt.SortOrder.DescendingOrder
        )
        self._last = None
        self._apply_filter()

    def set_unit_filter(self, unit_ids: set[int] | None) -> None:
        """Show only people of these units (a unit and its sub-units); ``None`` shows all."""
        self._unit_ids = set(unit_ids) if unit_ids is not None else None
        self._apply_filter()

    def _apply_filter(self, *_args: Any) -> None:
        if not self._loaded:
            return
        query = self.search_box.text()
        status = self.status_combo.currentData()
        scope = (status, frozenset(self._unit_ids) if self._unit_ids is not None else None)
        base = self._ordered
        if self._last is not None and self._last[1] == scope and pv.narrows(self._last[0], query):
            base = self._matching
        current = self.current_person()
        self._matching = svc.filter_people(base, query, unit_ids=self._unit_ids, status=status)
        self._last = (query, scope)
        self.model.set_rows(self._matching)
        if self._partial:
            self.count_label.setText(
                _tr("Hiển thị {shown} cán bộ đầu danh sách; đang tải cả danh sách…").format(
                    shown=pv.count_text(len(self._matching))
                )
            )
        else:
            self.count_label.setText(
                _tr("Hiển thị {shown} / {total} cán bộ").format(
                    shown=pv.count_text(len(self._matching)), total=pv.count_text(len(self._all))
                )
            )
        if current is not None:
            self.select_person(current.id, fetch=False)
        self._update_actions()

    def _sort_changed(self, column: int, order: Qt.SortOrder) -> None:
        self._sort = (column, order)
        self.proxy.sort(column, order)
        self._sync_order_combo()
        self._save_header()
        if self._loaded:
            self._reorder()

    def _order_chosen(self, *_args: Any) -> None:
        self.table.horizontalHeader().setSortIndicator(
            self.order_combo.currentData(), Qt.SortOrder.AscendingOrder
        )

    def _sync_order_combo(self) -> None:
        column, order = self._sort
        index = self.order_combo.findData(column) if order == Qt.SortOrder.AscendingOrder else -1
        self.order_combo.blockSignals(True)
        if index >= 0:
            self.order_combo.setCurrentIndex(index)
        self.order_combo.blockSignals(False)

    def _save_header(self, *_args: Any) -> None:
        self.settings.setValue(HEADER_KEY, self.table.horizontalHeader().saveState())

    # --- what is shown ----------------------------------------------------------------------

    def visible_rows(self) -> list[PersonRow]:
        """The rows the view holds now (loaded batches), in view order."""
        self._ensure_loaded()
        return [self.proxy.index(r, 0).data(OBJECT_ROLE) for r in range(self.proxy.rowCount())]

    def matching_rows(self) -> list[PersonRow]:
        """Every row matching the search and filters (loaded in the view or not), in order."""
        self._ensure_loaded()
        return list(self._matching)

    def current_person(self) -> PersonRow | None:
        index = self.table.currentIndex()
        return index.data(OBJECT_ROLE) if index.isValid() else None

    def select_person(self, person_id: int, *, fetch: bool = True) -> bool:
        """Make a person the current row (loading batches up to them when ``fetch``)."""
        position = self.model.position_of(person_id, loaded_only=not fetch)
        if position is None:
            return False
        self.model.load_up_to(position)
        index = self.proxy.mapFromSource(self.model.index(position, 0))
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        return True

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def _focus_table(self) -> None:
        if self.proxy.rowCount():
            self.table.setFocus()
            if not self.table.currentIndex().isValid():
                self.table.setCurrentIndex(self.proxy.index(0, 0))

    def _update_actions(self, *_args: Any) -> None:
        row = self.current_person()
        self.open_action.setEnabled(row is not None)
        self.transfer_action.setEnabled(row is not None and row.active)
        self.leave_action.setEnabled(row is not None)
        self.leave_action.setText(
            _tr("Cho công tác trở lại…")
            if row is not None and not row.active
            else _tr("Đánh dấu nghỉ…")
        )

    # --- actions ----------------------------------------------------------------------------

    def _changed(self, select_id: int | None = None) -> None:
        self.refresh()
        if select_id is not None:
            self.select_person(select_id)
        self.peopleChanged.emit()

    def _write(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> bool:
        try:
            self.ctx.write(fn, *args, **kwargs)
        except ConflictError as exc:  # another clerk changed the person: show what is stored
            QMessageBox.warning(self, _tr("Không lưu được"), str(exc))
            self.refresh()
            return False
        except DomainError as exc:
            QMessageBox.warning(self, _tr("Không lưu được"), str(exc))
            return False
        return True

    def _version_of(self, person_id: int) -> int:
        """The version of the person as the list shows it (passed back when saving)."""
        position = self.model.position_of(person_id)
        return self.model.row_at(position).version if position is not None else 0

    def person_dialog(self) -> PersonDialog:
        return PersonDialog(self.ctx, self)

    def add_person(self) -> None:
        dialog = self.person_dialog()
        dialog.load(None, default_unit_ids=self._unit_ids)
        dialog.exec()
        self._after_dialog(dialog)

    def open_person(self, person_id: int | None = None) -> None:
        if person_id is None:
            row = self.current_person()
            if row is None:
                return
            person_id = row.id
        dialog = self.person_dialog()
        dialog.load(self.ctx.read(svc.get_person, person_id))
        dialog.exec()
        self._after_dialog(dialog)

    def _after_dialog(self, dialog: PersonDialog) -> None:
        if dialog.changed:
            self._changed(dialog.saved_id or dialog.person_id)
        if dialog.open_existing_id is not None:
            self.select_person(dialog.open_existing_id)
            self.open_person(dialog.open_existing_id)

    def transfer_selected(self) -> None:
        row = self.current_person()
        if row is None or not row.active:
            return
        dialog = TransferDialog(
            self.ctx.read(list_units, include_history=False), row.full_name, self
        )
        dialog.load(pv.TransferValues(row.unit_id, row.position_title, date.today()))
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.apply_transfer(row.id, dialog.values())

    def apply_transfer(self, person_id: int, v: pv.TransferValues) -> bool:
        ok = self._write(
            svc.transfer_person,
            person_id,
            v.unit_id,
            v.position_title,
            v.effective,
            expected_version=self._version_of(person_id),
        )
        if ok:
            self._changed(person_id)
        return ok

    def mark_left_selected(self) -> None:
        row = self.current_person()
        if row is None:
            return
        if not row.active:
            self._reactivate(row)
            return
        dialog = LeaveDialog(row.full_name, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.apply_leave(row.id, dialog.values())

    def apply_leave(self, person_id: int, v: pv.LeaveValues) -> bool:
        ok = self._write(
            svc.mark_left,
            person_id,
            v.left_date,
            v.reason,
            expected_version=self._version_of(person_id),
        )
        if ok:
            self._changed()
        return ok

    def _reactivate(self, row: PersonRow) -> None:
        question = _tr("Đánh dấu {name} đang công tác trở lại?").format(name=row.full_name)
        if confirm(self, _tr("Cho công tác trở lại"), question) and self._write(
            svc.reactivate, row.id, expected_version=row.version
        ):
            self._changed(row.id)

    def merge_duplicates(self) -> None:
        """Gộp hồ sơ trùng, group after group, until the clerk closes the dialog."""
        groups = self.ctx.read(svc.duplicate_groups)
        if not groups:
            QMessageBox.information(
                self, _tr("Gộp hồ sơ trùng"), _tr("Không tìm thấy hồ sơ nào nghi trùng.")
            )
            return
        dialog = MergeDuplicatesDialog(self)
        dialog.load(groups)
        while dialog.exec() == QDialog.DialogCode.Accepted:
            self.apply_merge(dialog.values())
            # read again after a refusal too: the versions shown must be the stored ones
            groups = self.ctx.read(svc.duplicate_groups)
            if not groups:
                break
            dialog.load(groups)

    def apply_merge(self, plan: pv.MergePlan) -> bool:
        if plan.keep_id is None or not plan.drop_ids:
            return False
        keep = plan.keep_id

        def merge_all(session: Any) -> None:  # one transaction: all of the group or nothing
            version = plan.versions[keep]
            for drop in plan.drop_ids:
                version = svc.merge_people(
                    session,
                    keep,
                    drop,
                    keep_version=version,
                    drop_version=plan.versions[drop],
                )

        ok = self._write(merge_all)
        if ok:
            self._changed(plan.keep_id)
        return ok
