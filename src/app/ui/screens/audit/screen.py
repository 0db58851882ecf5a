"""The "Nhật ký thay đổi" page: who changed which record, when, from what to what.

Read-only. The filter bar (:mod:`.filter_bar`) narrows the log by kind of record and record
id, person (their own record and everything pointing to them), OS user, action and local
dates; the table lists the entries newest first, a page at a time as the clerk scrolls
(:mod:`.entry_model`); the pane below shows the selected entry whole: every field the log
holds, before and after, changed fields in bold. The page reloads when it is shown (other
screens write) and on F5.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication, QItemSelection, Qt
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QTextBrowser,
    QWidget,
)

from app.services import audit_log as svc
from app.services.audit_log import AuditEntry, AuditFilter, AuditPage
from app.services.context import AppContext
from app.ui.screens.audit.entry_model import (
    COL_ACTION,
    COL_RECORD,
    COL_TIME,
    COL_USER,
    OBJECT_ROLE,
    AuditModel,
    AuditProxy,
    local_time,
)
from app.ui.screens.audit.filter_bar import AuditFilterBar
from app.ui.screens.page import SectionPage
from app.ui.sections import section_title
from app.ui.widgets.columns import clerk_sized

_CONTEXT = "AuditScreen"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def _number(n: int) -> str:
    return f"{n:,}".replace(",", ".")


class AuditScreen(SectionPage):
    WORKSPACE = True

    @classmethod
    def title(cls) -> str:
        return section_title("audit")

    @classmethod
    def description(cls) -> str:
        return _tr(
            "Nhật ký mọi thay đổi trong cơ sở dữ liệu: ai (người dùng máy tính), lúc nào, bản "
            "ghi nào, giá trị trước và sau khi sửa; lọc theo bản ghi, cán bộ, người dùng và "
            "ngày."
        )

    def __init__(self, ctx: AppContext, year: int, parent: QWidget | None = None) -> None:
        super().__init__(ctx, year, parent)
        self._filter = AuditFilter()
        self._count: int | None = None

        self.filter_bar = AuditFilterBar(ctx)
        self.filter_bar.changed.connect(self.apply)
        self.counts_label = QLabel()
        self.counts_label.setObjectName("countsLabel")

        self.model = AuditModel(self)
        self.proxy = AuditProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setObjectName("auditTable")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        chars = self.table.fontMetrics().averageCharWidth()
        for column, width in ((COL_TIME, 18), (COL_USER, 14), (COL_ACTION, 12), (COL_RECORD, 40)):
            self.table.setColumnWidth(column, chars * width)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

        self.details = QTextBrowser()
        self.details.setObjectName("details")
        self.details.setOpenLinks(False)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([400, 260])

        self.body.addWidget(self.filter_bar)
        self.body.addWidget(self.counts_label)
        self.body.addWidget(self.splitter, 1)

        self.refresh_action = QAction(_tr("Làm mới"), self)
        self.refresh_action.setShortcut(QKeySequence(Qt.Key.Key_F5))
        self.refresh_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.refresh_action.triggered.connect(lambda _checked=False: self.refresh())
        self.addAction(self.refresh_action)
        self.find_action = QAction(_tr("Tìm cán bộ"), self)
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.find_action.triggered.connect(lambda _checked=False: self._focus_person())
        self.addAction(self.find_action)
        self._show_details()
        # Nothing is read until the page is shown (the main window builds every page at start).

    # --- loading ---------------------------------------------------------------------------

    def apply(self, flt: AuditFilter) -> None:
        """Show the newest entries matching ``flt``."""
        self._filter = flt

        def load(before_id: int | None) -> AuditPage:
            return self.ctx.read(svc.list_entries, flt, before_id=before_id)

        self.model.load(load)
        for column in (COL_TIME, COL_USER, COL_ACTION):
            if not clerk_sized(self.table):  # the clerk's own widths are kept
                self.table.resizeColumnToContents(column)
        self._count = None if self.model.has_more else self.model.rowCount()
        self._show_counts()
        if self.model.rowCount():
            self.table.selectRow(0)
        else:
            self._show_details()

    def refresh(self) -> None:
        """Read the log again (new entries, new users in the lists), keeping the filter."""
        self.filter_bar.reload_choices()
        self.apply(self.filter_bar.value())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not event.spontaneous():
            self.refresh()

    def count(self) -> int:
        """How many entries match the filter (counted once per filter, when first asked)."""
        if self._count is None:
            self._count = self.ctx.read(svc.count_entries, self._filter)
        return self._count

    def _show_counts(self) -> None:
        shown = self.model.rowCount()
        if shown == 0:
            self.counts_label.setText(_tr("Không có thay đổi nào khớp với bộ lọc."))
            return
        total = self.count()
        text = _tr("{total} thay đổi").format(total=_number(total))
        if shown < total:
            text += _tr(" · đang hiện {shown} mới nhất (cuộn xuống để xem thêm)").format(
                shown=_number(shown)
            )
        self.counts_label.setText(text)

    def _focus_person(self) -> None:
        self.filter_bar.person_edit.setFocus()
        self.filter_bar.person_edit.selectAll()

    # --- details ---------------------------------------------------------------------------

    def current_entry(self) -> AuditEntry | None:
        indexes = self.table.selectionModel().selectedRows()
        if not indexes:
            return None
        entry = indexes[0].data(OBJECT_ROLE)
        return entry if isinstance(entry, AuditEntry) else None

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._show_details()
        if self.model.rowCount() > 0 and self._count is not None:
            self._show_counts()

    def _show_details(self) -> None:
        entry = self.current_entry()
        if entry is None:
            self.details.setPlainText(_tr("Chọn một dòng để xem đầy đủ giá trị trước và sau."))
            return
        self.details.setHtml(details_html(entry))

    def select_row(self, row: int) -> None:
        self.table.selectRow(row)


def details_html(entry: AuditEntry) -> str:
    """The whole entry: header, note, and a table of every field before and after."""
    head = (
        f"<p><b>{escape(entry.action_label)}</b> · {escape(entry.record_label)}<br>"
        + escape(
            _tr("Lúc {time}, người dùng {user}").format(time=local_time(entry.at), user=entry.user)
        )
        + "</p>"
    )
    parts = [head]
    if entry.note:
        parts.append(f"<p>{escape(entry.note)}</p>")
    if entry.fields:
        before_title = _tr("Trước") if entry.action != "INSERT" else _tr("Trước (chưa có)")
        after_title = _tr("Sau") if entry.action != "DELETE" else _tr("Sau (đã xóa)")
        parts.append(
            "<table cellspacing='0' cellpadding='3' border='1' style='border-collapse:collapse'>"
            f"<tr><th align='left'>{escape(_tr('Trường'))}</th>"
            f"<th align='left'>{escape(before_title)}</th>"
            f"<th align='left'>{escape(after_title)}</th></tr>"
        )
        for change in entry.fields:
            before, after = escape(change.before or "—"), escape(change.after or "—")
            label = escape(change.label)
            if change.changed:
                label, before, after = f"<b>{label}</b>", f"<b>{before}</b>", f"<b>{after}</b>"
            parts.append(f"<tr><td>{label}</td><td>{before}</td><td>{after}</td></tr>")
        parts.append("</table>")
    elif not entry.note:
        parts.append(f"<p>{escape(_tr('Không có giá trị nào được ghi lại.'))}</p>")
    return "".join(parts)
