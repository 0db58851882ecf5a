"""The "Cụm, khối thi đua" tab of Bình xét: the year's clusters, their member units and the
result of each (dẫn đầu, suy tôn, không; "chưa nhập" until the cluster has voted).

Cờ thi đua tỉnh reads these results, and only for clusters the UBND tỉnh organises; a unit
whose result is not entered is "cần xem xét", never eligible (issue 12).

A cluster is picked in a combo ("Mới…" Ctrl+N, "Sửa…", "Xóa" after confirmation, "Chép năm
trước", "Nhập Excel…"). Its members are listed below; "Thêm đơn vị…" ticks units in a
list, Delete removes the selected one after confirmation, and the "Kết quả" box sets the
selected unit's result as soon as it changes (arrow keys or the mouse).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QItemSelection, QSortFilterProxyModel, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.clusters import KINDS, ORGANISERS, RESULTS, ClusterInput, result_name
from app.domain.errors import DomainError, ValidationError
from app.domain.vnformat import format_count
from app.services import clusters
from app.services.clusters import ClusterDTO, MemberDTO
from app.ui.screens.review.cluster_dialogs import (
    COL_UNIT,
    OBJECT_ROLE,
    SORT_ROLE,
    ClusterDialog,
    MemberModel,
    MemberPickerDialog,
)
from app.ui.screens.units.unit_dialogs import UnitFormDialog
from app.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from app.services.context import AppContext

_CONTEXT = "ClusterPanel"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def _button(text: str, tip: str, name: str) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.setToolTip(tip)
    button.setAccessibleName(tip)
    return button


class ClusterPanel(QWidget):
    """Clusters of the year and their members (see the module docstring)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("clusterPanel")
        self.ctx = ctx
        self.year = 0
        self.runner: TaskRunner | None = None
        self._clusters: list[ClusterDTO] = []
        self.dialog: UnitFormDialog | None = None  # the form while it is open

        # --- clusters row
        self.cluster_combo = QComboBox()
        self.cluster_combo.setObjectName("clusterCombo")
        self.cluster_combo.setMinimumContentsLength(12)
        self.cluster_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        label = QLabel(_tr("C&ụm, khối:"))
        label.setBuddy(self.cluster_combo)
        self.new_button = _button(_tr("&Mới…"), _tr("Cụm, khối thi đua mới (Ctrl+N)"), "newCluster")
        self.edit_button = _button(_tr("&Sửa…"), _tr("Sửa cụm, khối đang chọn"), "editCluster")
        self.delete_button = _button(_tr("&Xóa"), _tr("Xóa cụm, khối đang chọn"), "deleteCluster")
        self.copy_button = _button(
            _tr("Chép năm &trước"),
            _tr("Chép các cụm, khối và đơn vị thành viên của năm trước (không chép kết quả)"),
            "copyClusters",
        )
        self.import_button = _button(
            _tr("Nhập &Excel…"),
            _tr("Nhập cụm, khối, đơn vị thành viên và kết quả từ tệp Excel"),
            "importClusters",
        )
        self.new_button.clicked.connect(lambda _checked=False: self.new_cluster())
        self.edit_button.clicked.connect(lambda _checked=False: self.edit_cluster())
        self.delete_button.clicked.connect(lambda _checked=False: self.delete_cluster())
        self.copy_button.clicked.connect(lambda _checked=False: self.copy_previous_year())
        self.import_button.clicked.connect(lambda _checked=False: self.import_file())
        # short labels on two rows keep the tab narrow enough for a small window
        top = QHBoxLayout()
        top.addWidget(label)
        top.addWidget(self.cluster_combo, 1)
        for button in (self.new_button, self.edit_button, self.delete_button):
            top.addWidget(button)
        more = QHBoxLayout()
        more.addWidget(self.copy_button)
        more.addWidget(self.import_button)
        more.addStretch(1)
        self.info_label = QLabel()
        self.info_label.setObjectName("clusterInfo")
        self.info_label.setWordWrap(True)

        # --- members
        self.model = MemberModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setObjectName("membersTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.add_button = _button(
            _tr("Thêm đơn &vị…"), _tr("Thêm đơn vị thành viên vào cụm, khối"), "addMembers"
        )
        self.remove_button = _button(
            _tr("Bỏ ra (Delete)"),
            _tr("Bỏ đơn vị đang chọn khỏi cụm, khối (cả kết quả của đơn vị)"),
            "removeMember",
        )
        self.result_combo = QComboBox()
        self.result_combo.setObjectName("resultCombo")
        self.result_combo.addItem(_tr(result_name(None)), None)
        for code, name in RESULTS.items():
            self.result_combo.addItem(_tr(name), code)
        result_label = QLabel(_tr("&Kết quả:"))
        result_label.setBuddy(self.result_combo)
        self.add_button.clicked.connect(lambda _checked=False: self.add_members())
        self.remove_button.clicked.connect(lambda _checked=False: self.remove_member())
        self.result_combo.activated.connect(lambda _index: self._result_chosen())
        tools = QHBoxLayout()
        tools.addWidget(self.add_button)
        tools.addWidget(self.remove_button)
        tools.addStretch(1)
        tools.addWidget(result_label)
        tools.addWidget(self.result_combo)
        self.status_label = QLabel()
        self.status_label.setObjectName("clusterStatus")
        self.status_label.setWordWrap(True)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(more)
        layout.addWidget(self.info_label)
        layout.addLayout(tools)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status_label)

        # --- keyboard
        self.new_action = QAction(_tr("Cụm, khối mới"), self)
        self.new_action.setShortcut(QKeySequence.StandardKey.New)
        self.new_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.new_action.triggered.connect(lambda _checked=False: self.new_cluster())
        self.addAction(self.new_action)
        self.remove_action = QAction(_tr("Bỏ khỏi cụm"), self.table)
        self.remove_action.setShortcut(QKeySequence(Qt.Key.Key_Delete))
        self.remove_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.remove_action.triggered.connect(lambda _checked=False: self.remove_member())
        self.table.addAction(self.remove_action)
        self.cluster_combo.currentIndexChanged.connect(lambda _i: self._show_cluster())
        self.table.selectionModel().selectionChanged.connect(self._member_selected)
        self._update_state()

    # --- public --------------------------------------------------------------------------------

    def set_runner(self, runner: TaskRunner) -> None:
        self.runner = runner

    def set_year(self, year: int) -> None:
        self.year = year
        self.refresh()

    def refresh(self, keep: int | None = None) -> None:
        """Read the year's clusters again, keeping the chosen one (or choosing ``keep``)."""
        keep = keep if keep is not None else self.current_cluster_id()
        self._clusters = self.ctx.read(clusters.list_clusters, self.year) if self.year else []
        self.cluster_combo.blockSignals(True)
        try:
            self.cluster_combo.clear()
            for c in self._clusters:
                self.cluster_combo.addItem(c.name, c.id)
            found = self.cluster_combo.findData(keep) if keep is not None else -1
            self.cluster_combo.setCurrentIndex(found if found >= 0 else 0)
        finally:
            self.cluster_combo.blockSignals(False)
        self._show_cluster()

    def current_cluster(self) -> ClusterDTO | None:
        cid = self.current_cluster_id()
        return next((c for c in self._clusters if c.id == cid), None)

    def current_cluster_id(self) -> int | None:
        value = self.cluster_combo.currentData()
        return int(value) if value is not None else None

    def current_member(self) -> MemberDTO | None:
        rows = self.table.selectionModel().selectedRows()
        member = rows[0].data(OBJECT_ROLE) if rows else None
        return member if isinstance(member, MemberDTO) else None

    def select_member(self, unit_id: int) -> None:
        for row in range(self.proxy.rowCount()):
            member = self.proxy.index(row, COL_UNIT).data(OBJECT_ROLE)
            if isinstance(member, MemberDTO) and member.unit_id == unit_id:
                self.table.selectRow(row)
                self.table.setCurrentIndex(self.proxy.index(row, COL_UNIT))
                return

    # --- display -------------------------------------------------------------------------------

    def _show_cluster(self) -> None:
        cluster = self.current_cluster()
        keep = self.current_member()
        self.model.set_members(cluster.members if cluster else ())
        self.table.resizeColumnToContents(COL_UNIT)
        if cluster is None:
            self.info_label.setText(
                _tr(
                    "Năm {year} chưa có cụm, khối thi đua nào: bấm “Mới…” (Ctrl+N), “Chép năm "
                    "trước” hoặc “Nhập Excel…”."
                ).format(year=self.year)
            )
        else:
            self.info_label.setText(
                _tr(
                    "{kind}, do {organiser} tổ chức · {n} đơn vị, {done} đã có kết quả{note}"
                ).format(
                    kind=_tr(KINDS.get(cluster.kind, cluster.kind)),
                    organiser=_tr(ORGANISERS.get(cluster.organiser, cluster.organiser)),
                    n=format_count(len(cluster.members)),
                    done=cluster.results_entered,
                    note=f" · {cluster.note}" if cluster.note else "",
                )
            )
        if keep is not None:
            self.select_member(keep.unit_id)
        if self.current_member() is None and self.proxy.rowCount():
            self.table.selectRow(0)  # the result box is ready for the first unit
            self.table.setCurrentIndex(self.proxy.index(0, COL_UNIT))
        self._update_state()

    def _member_selected(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        member = self.current_member()
        self.result_combo.setCurrentIndex(
            max(0, self.result_combo.findData(member.result)) if member else 0
        )
        self._update_state()

    def _update_state(self) -> None:
        has_cluster = self.current_cluster() is not None
        has_member = self.current_member() is not None
        for widget in (self.edit_button, self.delete_button, self.add_button):
            widget.setEnabled(has_cluster)
        self.remove_button.setEnabled(has_member)
        self.result_combo.setEnabled(has_member)

    def _set_status(self, text: str) -> None:
        self.status_label.setText(text)

    # --- dialogs -------------------------------------------------------------------------------

    def _ask(self, title: str, text: str) -> bool:
        buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
        answer = QMessageBox.question(self, title, text, buttons, QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def _open(self, dialog: UnitFormDialog, commit: Callable[[Any], bool]) -> None:
        """Show a form window-modal without blocking (``self.dialog`` while it is open)."""
        if self.dialog is not None:  # one at a time (Ctrl+N pressed twice...)
            dialog.deleteLater()
            self.dialog.activateWindow()
            return

        def guarded(data: Any) -> bool:
            try:
                return commit(data)
            except DomainError as exc:
                dialog.show_problems(
                    exc.problems if isinstance(exc, ValidationError) else [str(exc)]
                )
                return False

        dialog.set_committer(guarded)
        dialog.finished.connect(lambda _result: self._closed(dialog))
        self.dialog = dialog
        dialog.open()

    def _closed(self, dialog: UnitFormDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()
        self.table.setFocus()

    def new_cluster(self) -> None:
        if not self.year:
            return
        dialog = ClusterDialog(self.year, self)
        dialog.load(ClusterInput("", "KHOI", "UBND_TINH"))

        def commit(data: ClusterInput) -> bool:
            created = self.ctx.write(clusters.create_cluster, self.year, data)
            self.refresh(keep=created.id)
            self._set_status(_tr("Đã thêm “{name}”. Bấm “Thêm đơn vị…”.").format(name=created.name))
            return True

        self._open(dialog, commit)

    def edit_cluster(self) -> None:
        cluster = self.current_cluster()
        if cluster is None:
            return
        dialog = ClusterDialog(self.year, self)
        dialog.load(cluster)

        def commit(data: ClusterInput) -> bool:
            self.ctx.write(
                clusters.update_cluster, cluster.id, data, expected_version=cluster.version
            )
            self.refresh()
            return True

        self._open(dialog, commit)

    def add_members(self) -> None:
        cluster = self.current_cluster()
        if cluster is None:
            return
        units = self.ctx.read(clusters.unit_choices, self.year)
        dialog = MemberPickerDialog(cluster, units, self)

        def commit(unit_ids: list[int]) -> bool:
            self.ctx.write(clusters.add_members, cluster.id, unit_ids)
            self.refresh()
            self._set_status(
                _tr("Đã thêm {n} đơn vị. Chọn từng đơn vị để nhập kết quả.").format(
                    n=format_count(len(unit_ids))
                )
            )
            return True

        self._open(dialog, commit)

    # --- writes without a form -----------------------------------------------------------------

    def delete_cluster(self) -> bool:
        cluster = self.current_cluster()
        if cluster is None:
            return False
        text = _tr("Xóa “{name}” của năm {year}?").format(name=cluster.name, year=self.year)
        if cluster.members:
            text += " " + _tr("{n} đơn vị thành viên và kết quả của họ cũng bị xóa.").format(
                n=format_count(len(cluster.members))
            )
        if not self._ask(_tr("Xóa cụm, khối thi đua"), text):
            return False
        return self._write(_tr("Xóa cụm, khối thi đua"), clusters.delete_cluster, cluster.id)

    def remove_member(self) -> bool:
        member = self.current_member()
        cluster = self.current_cluster()
        if member is None or cluster is None:
            return False
        text = _tr("Bỏ “{unit}” khỏi “{name}”?").format(unit=member.unit_name, name=cluster.name)
        if member.result is not None:
            text += " " + _tr("Kết quả đã nhập ({result}) cũng bị xóa.").format(
                result=_tr(result_name(member.result))
            )
        if not self._ask(_tr("Bỏ đơn vị khỏi cụm, khối"), text):
            return False
        return self._write(_tr("Bỏ đơn vị khỏi cụm, khối"), clusters.remove_member, member.id)

    def _result_chosen(self) -> None:
        member = self.current_member()
        result = self.result_combo.currentData()
        if member is None or result == member.result:
            return
        ok = self._write(
            _tr("Kết quả"),
            clusters.set_result,
            member.id,
            result,
            expected_version=member.version,
        )
        if ok:
            self._set_status(
                _tr("Đã ghi kết quả của {unit}: {result}.").format(
                    unit=member.unit_name, result=_tr(result_name(result))
                )
            )

    def copy_previous_year(self) -> bool:
        if not self.year:
            return False
        added = 0
        try:
            added = self.ctx.write(clusters.copy_clusters, self.year - 1, self.year)
        except DomainError as exc:
            QMessageBox.warning(self, _tr("Chép năm trước"), str(exc))
            return False
        self.refresh()
        self._set_status(
            _tr("Đã chép {n} cụm, khối từ năm {year} (chưa có kết quả).").format(
                n=format_count(added), year=self.year - 1
            )
            if added
            else _tr("Năm {year} không có cụm, khối nào chưa có ở năm nay.").format(
                year=self.year - 1
            )
        )
        return bool(added)

    def _write(self, title: str, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> bool:
        try:
            self.ctx.write(fn, *args, **kwargs)
        except DomainError as exc:
            QMessageBox.warning(self, title, str(exc))
            self.refresh()
            return False
        self.refresh()
        return True

    # --- import --------------------------------------------------------------------------------

    def import_file(self) -> bool:
        """Read a file, show what it would do, write it all after the clerk agrees."""
        from app.excel.cluster_import import read_cluster_file
        from app.excel.legacy import LegacyEncodingError
        from app.excel.workbook import ImportFileError

        title = _tr("Nhập cụm, khối thi đua từ Excel")
        path, _filter = QFileDialog.getOpenFileName(
            self, _tr("Chọn tệp Excel"), "", _tr("Excel (*.xlsx *.xlsm)")
        )
        if not path:
            return False
        try:
            try:
                data = read_cluster_file(Path(path))
            except LegacyEncodingError as exc:
                if not self._ask(title, f"{exc}\n\n" + _tr("Chuyển sang Unicode rồi nhập?")):
                    return False
                data = read_cluster_file(Path(path), convert_legacy=True)
        except ImportFileError as exc:
            QMessageBox.warning(self, title, str(exc))
            return False
        report = self.ctx.read(clusters.import_clusters, data, self.year, dry_run=True)
        if report.blocked:
            QMessageBox.warning(self, title, "\n".join(report.lines()))
            return False
        if not self._ask(title, "\n".join(report.lines()[:-1]) + "\n\n" + _tr("Ghi vào CSDL?")):
            return False
        try:
            if self.ctx.file is not None and not self.ctx.read_only:
                from app.services.backup import backup_database

                backup_database(self.ctx.url, reason="truoc-nhap")
            report = self.ctx.write(clusters.import_clusters, data, self.year)
        except DomainError as exc:
            QMessageBox.warning(self, title, str(exc))
            return False
        self.refresh()
        self._set_status(report.lines()[-1])
        return report.written
