"""The organisation tree panel of "Đơn vị & cán bộ": view and edit the units of the Sở.

The first row, "Tất cả đơn vị", stands for no unit in particular: selecting it emits
``unitSelected(None)``. Every other row emits its unit id.

Dialogs open with ``QDialog.open()`` (window-modal, not blocking): :attr:`UnitPanel.dialog`
is the one showing. Each dialog writes through a committer of the panel when the clerk presses
Lưu: one ``ctx.write`` per action; a refusal of the service is shown in a warning box (and in
the dialog, which stays open). Destructive steps (merge, dissolve, delete) ask first.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QGridLayout,
    QHeaderView,
    QMessageBox,
    QSizePolicy,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import ConflictError, DomainError, ValidationError
from app.domain.units import UnitInput
from app.domain.vnformat import format_count
from app.services import units as unit_service
from app.services.context import AppContext
from app.services.units import UnitDTO
from app.ui.screens.units.unit_dialogs import (
    DissolveDialog,
    DissolveValues,
    MergeDialog,
    MergeValues,
    RenameDialog,
    RenameValues,
    UnitDialog,
    UnitFormDialog,
    code_choices,
)
from app.ui.screens.units.unit_tree_model import (
    COL_CODE,
    COL_NAME,
    UnitTreeModel,
)
from app.ui.widgets.columns import FillColumn

_CONTEXT = "UnitPanel"
NAME_FLOOR_CHARS = 24  # a unit name never narrower than this: the tree scrolls instead


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


_SELECT = QItemSelectionModel.SelectionFlag.Select
_CLEAR_SELECT = QItemSelectionModel.SelectionFlag.ClearAndSelect
_ROWS = QItemSelectionModel.SelectionFlag.Rows


class UnitPanel(QWidget):
    """Tree of units with add, edit, reorder, rename, merge, dissolve and delete."""

    unitSelected = Signal(object)  # unit id (int), or None for "Tất cả đơn vị"
    unitsChanged = Signal()  # after any write

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.dialog: UnitFormDialog | None = None
        self.grades_dialog: QWidget | None = None  # "Xếp loại tập thể…" while it is open
        self.path_dialog: QWidget | None = None  # "Lộ trình…" while it is open
        self._emitted: object = ...  # last value emitted by unitSelected
        self._expanded: set[int] | None = None  # None until the first load: expand everything
        self._kinds = code_choices("unit_kinds")
        self._categories = code_choices("collective_categories")

        self.model = UnitTreeModel(dict(self._kinds), parent=self)
        self.tree = QTreeView()
        self.tree.setObjectName("unitTree")
        self.tree.setModel(self.model)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setUniformRowHeights(True)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        header = self.tree.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # Names take the width the code leaves, elided (the full name in the tooltip), so the
        # code that tells apart units of one name is in view; Loại and Hiệu lực scroll in.
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        floor = self.fontMetrics().averageCharWidth() * NAME_FLOOR_CHARS
        self.name_column = FillColumn(self.tree, COL_NAME, floor=floor, beside=(COL_CODE,))
        self.tree.doubleClicked.connect(self._double_clicked)
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self.tree.selectionModel().selectionChanged.connect(self._update_actions)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            enter = QShortcut(QKeySequence(key), self.tree)
            enter.setContext(Qt.ShortcutContext.WidgetShortcut)
            enter.activated.connect(self.edit_unit)

        self.show_ended_check = QCheckBox(_tr("Hiện đơn vị đã kết thúc"))
        self.show_ended_check.setToolTip(_tr("Hiện cả đơn vị đã đổi tên, sáp nhập, giải thể"))
        self.show_ended_check.toggled.connect(self._toggle_ended)

        # (attribute, text, tooltip, slot, shortcuts); first row of buttons, then second row
        specs = [
            ("add_action", _tr("Thêm đơn vị"), _tr("Thêm một đơn vị dưới đơn vị đang chọn"),
             self.add_unit, ["Ctrl+Shift+N", "Ins"]),
            ("edit_action", _tr("Sửa"), _tr("Sửa thông tin đơn vị"), self.edit_unit, ["F2"]),
            ("up_action", _tr("Lên"), _tr("Đưa đơn vị lên trên"),
             lambda: self.move_selected(-1), ["Alt+Up"]),
            ("down_action", _tr("Xuống"), _tr("Đưa đơn vị xuống dưới"),
             lambda: self.move_selected(1), ["Alt+Down"]),
            ("rename_action", _tr("Đổi tên…"), _tr("Đổi tên đơn vị từ một ngày"),
             self.rename_unit, []),
            ("merge_action", _tr("Sáp nhập…"),
             _tr("Sáp nhập các đơn vị đang chọn (giữ Ctrl và nhấp để chọn nhiều đơn vị)"),
             self.merge_units, []),
            ("dissolve_action", _tr("Giải thể…"), _tr("Giải thể đơn vị từ một ngày"),
             self.dissolve_unit, []),
            ("delete_action", _tr("Xóa"),
             _tr("Xóa đơn vị nhập nhầm (đơn vị đã có lịch sử chỉ có thể giải thể)"),
             self.delete_unit, ["Del"]),
            ("grades_action", _tr("Xếp loại tập thể…"),
             _tr("Xếp loại tập thể theo năm của đơn vị đang chọn"),
             self.open_unit_grades, ["Ctrl+Shift+G"]),
            ("path_action", _tr("Lộ trình…"),
             _tr("Tập thể đang chọn còn thiếu gì cho từng danh hiệu năm tới"),
             self.open_unit_path, ["Ctrl+Shift+L"]),
        ]  # fmt: skip
        buttons = QGridLayout()
        buttons.setSpacing(4)
        chain: list[QWidget] = [self.tree, self.show_ended_check]  # Tab: tree, switch, buttons
        for n, (name, text, tip, slot, keys) in enumerate(specs):
            action = self._action(text, tip, slot, keys)
            setattr(self, name, action)
            button = QToolButton()
            button.setDefaultAction(action)
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            buttons.addWidget(button, n // 4, n % 4)
            chain.append(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.show_ended_check)
        layout.addWidget(self.tree, 1)
        for first, second in zip(chain, chain[1:], strict=False):
            self.setTabOrder(first, second)
        self.setFocusProxy(self.tree)
        self.refresh()

    def _action(self, text: str, tip: str, slot: Callable[[], object], keys: list[str]) -> QAction:
        action = QAction(text, self)
        sequences = [QKeySequence(k) for k in keys]
        action.setShortcuts(sequences)
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        native = QKeySequence.SequenceFormat.NativeText
        if sequences:
            tip += " (" + ", ".join(k.toString(native) for k in sequences) + ")"
        action.setToolTip(tip)
        action.triggered.connect(slot)
        self.addAction(action)
        self.tree.addAction(action)
        return action

    # --- public ------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the units again, keeping the expanded rows, the selection and the current row."""
        selected = self.selected_unit_ids()
        current = self.current_unit()
        self._reload(lambda: self.model.set_units(self.ctx.read(unit_service.list_units)))
        self._reselect(selected, current.id if current else None)

    def selected_unit_ids(self) -> list[int]:
        """Ids of the selected units in tree order ("Tất cả đơn vị" is not a unit)."""
        rows = {
            i.internalId(): self.model.unit(i) for i in self.tree.selectionModel().selectedRows()
        }
        return [u.id for _, u in sorted(rows.items()) if u is not None]

    def current_unit(self) -> UnitDTO | None:
        return self.model.unit(self.tree.currentIndex())

    def select_unit(self, unit_id: int | None) -> bool:
        """Make ``unit_id`` (None: "Tất cả đơn vị") the only selected row; shows ended units if needed."""
        if unit_id is None:
            index = self.model.all_units_index()
        else:
            index = self.model.index_of(unit_id)
            unit = self.model.find(unit_id)
            if not index.isValid() and unit is not None and not unit.is_current:
                self.show_ended_check.setChecked(True)
                index = self.model.index_of(unit_id)
        if not index.isValid():
            return False
        parent = index.parent()
        while parent.isValid():
            self.tree.expand(parent)
            parent = parent.parent()
        self.tree.selectionModel().setCurrentIndex(index, _CLEAR_SELECT | _ROWS)
        self.tree.scrollTo(index)
        return True

    # --- keeping the view across reloads -----------------------------------------------------

    def _reload(self, rebuild: Callable[[], None]) -> None:
        if self._expanded is not None:
            self._expanded = self._expanded_ids()
        rebuild()
        for index in self.model.iter_indexes():
            unit = self.model.unit(index)
            if unit is not None and (self._expanded is None or unit.id in self._expanded):
                self.tree.expand(index)
        if self._expanded is None:
            self._expanded = self._expanded_ids()

    def _expanded_ids(self) -> set[int]:
        ids = set(self._expanded or ())
        for index in self.model.iter_indexes():
            unit = self.model.unit(index)
            if unit is not None:
                ids.discard(unit.id)
                if self.tree.isExpanded(index):
                    ids.add(unit.id)
        return ids  # ids of hidden units are kept: they expand again when shown

    def _reselect(self, selected: list[int], current: int | None) -> None:
        shown = [i for i in selected if self.model.index_of(i).isValid()]
        if current is None or not self.model.index_of(current).isValid():
            current = shown[0] if shown else None
        self.select_unit(current)
        for uid in shown:
            self.tree.selectionModel().select(self.model.index_of(uid), _SELECT | _ROWS)
        self._emit_current()
        self._update_actions()

    def _toggle_ended(self, show: bool) -> None:
        selected = self.selected_unit_ids()
        current = self.current_unit()
        self._reload(lambda: self.model.set_show_ended(show))
        self._reselect(selected, current.id if current else None)

    # --- selection ---------------------------------------------------------------------------

    def _current_changed(self, *_args: object) -> None:
        self._emit_current()
        self._update_actions()

    def _emit_current(self) -> None:
        unit = self.current_unit()
        value = unit.id if unit is not None else None
        if value != self._emitted:
            self._emitted = value
            self.unitSelected.emit(value)

    def _selected_units(self) -> list[UnitDTO]:
        return [u for u in (self.model.find(i) for i in self.selected_unit_ids()) if u]

    def _single(self) -> UnitDTO | None:
        units = self._selected_units()
        return units[0] if len(units) == 1 else None

    def _update_actions(self, *_args: object) -> None:
        units = self._selected_units()
        one = units[0] if len(units) == 1 else None
        active = one is not None and one.is_current
        siblings = [u.id for u in self.model.siblings(one.id) if u.is_current] if one else []
        pos = siblings.index(one.id) if active and one is not None else -1
        self.edit_action.setEnabled(one is not None)
        self.up_action.setEnabled(pos > 0)
        self.down_action.setEnabled(0 <= pos < len(siblings) - 1)
        self.rename_action.setEnabled(active)
        self.dissolve_action.setEnabled(active)
        self.delete_action.setEnabled(one is not None)
        self.merge_action.setEnabled(len(units) >= 2 and all(u.is_current for u in units))
        self.grades_action.setEnabled(one is not None)
        self.path_action.setEnabled(one is not None)

    def _double_clicked(self, index: QModelIndex) -> None:
        if self.model.unit(index) is not None:
            self.edit_unit()

    # --- writing -----------------------------------------------------------------------------

    def _open(self, dialog: UnitFormDialog, committer: Callable[[Any], bool]) -> None:
        if self.dialog is not None:  # one at a time (a shortcut pressed twice...)
            dialog.deleteLater()
            self.dialog.activateWindow()
            return
        dialog.set_committer(committer)
        dialog.finished.connect(lambda _result: self._closed(dialog))
        self.dialog = dialog
        dialog.open()

    def _closed(self, dialog: UnitFormDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()
        self.tree.setFocus()

    def _run(
        self,
        dialog: UnitFormDialog | None,
        title: str,
        fn: Callable[..., Any],
        *args: Any,
        select: Callable[[Any], int | None],
        question: str | None = None,
        successor_of: Sequence[int] = (),
        **kwargs: Any,
    ) -> bool:
        """Ask (if ``question``), write in one transaction, reload and select ``select(result)``.

        A refusal of the service is shown in a warning box (and in ``dialog``); returns False.
        """
        if question is not None and not self._ask(title, question):
            return False
        try:
            result = self.ctx.write(fn, *args, **kwargs)
        except DomainError as exc:
            problems = exc.problems if isinstance(exc, ValidationError) else [str(exc)]
            text = _tr("Không thực hiện được:") + "\n" + "\n".join(f"• {p}" for p in problems)
            QMessageBox.warning(self, title, text)
            if dialog is not None:
                dialog.show_problems(problems)
            if isinstance(exc, ConflictError):  # changed by another clerk: show what is stored
                if dialog is not None:  # its values came from the old record
                    dialog.reject()
                self.refresh()
            return False
        target = select(result)
        if successor_of and target is not None:
            self._inherit_expanded(successor_of, target)
        self.refresh()
        if target is not None:
            self.select_unit(target)
        self.unitsChanged.emit()
        return True

    def _ask(self, title: str, text: str) -> bool:
        buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
        answer = QMessageBox.question(self, title, text, buttons, QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def _unit_dialog(self) -> UnitDialog:
        return UnitDialog(self.model.units(), self, kinds=self._kinds, categories=self._categories)

    def add_unit(self) -> None:
        """Open "Thêm đơn vị", under the selected unit (if it is current)."""
        current = self.current_unit()
        under = current if current is not None and current.is_current else None
        dialog = self._unit_dialog()
        category = under.collective_category if under else None
        dialog.load(UnitInput("", "", parent_id=under and under.id, collective_category=category))
        title = _tr("Thêm đơn vị")
        create = unit_service.create_unit
        self._open(dialog, lambda d: self._run(dialog, title, create, d, select=lambda new: new.id))

    def edit_unit(self) -> None:
        unit = self._single()
        if unit is None:
            return
        dialog = self._unit_dialog()
        dialog.load(unit)
        title, update = _tr("Sửa đơn vị"), unit_service.update_unit
        self._open(
            dialog,
            lambda d: self._run(
                dialog,
                title,
                update,
                unit.id,
                d,
                select=lambda _: unit.id,
                expected_version=unit.version,
            ),
        )

    def move_selected(self, step: int) -> None:
        """Move the selected unit up (-1) or down (+1) among its siblings."""
        unit = self._single()
        if unit is not None and unit.is_current:
            title, move = _tr("Sắp xếp đơn vị"), unit_service.move_unit
            self._run(
                None,
                title,
                move,
                unit.id,
                step,
                select=lambda _: unit.id,
                expected_version=unit.version,
            )
            self.tree.setFocus()

    def rename_unit(self) -> None:
        unit = self._single()
        if unit is None or not unit.is_current:
            return
        dialog = RenameDialog(self)
        dialog.load(unit)
        self._open(dialog, lambda v: self._commit_rename(dialog, v, unit.version))

    def _commit_rename(self, dialog: UnitFormDialog, v: RenameValues, version: int) -> bool:
        return self._run(
            dialog,
            _tr("Đổi tên đơn vị"),
            unit_service.rename_unit,
            v.unit_id,
            new_full_name=v.new_full_name,
            effective=v.effective,
            new_code=v.new_code,
            new_short_name=v.new_short_name,
            select=lambda new: new.id,
            successor_of=[v.unit_id],
            expected_version=version,
        )

    def merge_units(self) -> None:
        units = self._selected_units()
        if len(units) < 2 or not all(u.is_current for u in units):
            return
        dialog = MergeDialog(
            self.model.units(), self, kinds=self._kinds, categories=self._categories
        )
        dialog.load(units)
        self._open(dialog, lambda v: self._commit_merge(dialog, units, v))

    def _commit_merge(self, dialog: UnitFormDialog, units: list[UnitDTO], v: MergeValues) -> bool:
        question = _tr(
            "Sáp nhập {count} đơn vị ({names}) thành '{new}' từ ngày {date}?\n\n"
            "Cán bộ đang công tác tại các đơn vị này sẽ chuyển sang đơn vị mới; hồ sơ cũ vẫn "
            "mang tên cũ. Không hoàn tác được."
        ).format(
            count=format_count(len(units)),
            names=", ".join(u.full_name for u in units),
            new=v.new.full_name,
            date=f"{v.effective:%d/%m/%Y}",
        )
        return self._run(
            dialog,
            _tr("Sáp nhập đơn vị"),
            unit_service.merge_units,
            list(v.unit_ids),
            v.new,
            v.effective,
            select=lambda new: new.id,
            question=question,
            successor_of=v.unit_ids,
            expected_versions={u.id: u.version for u in units},
        )

    def dissolve_unit(self) -> None:
        unit = self._single()
        if unit is None or not unit.is_current:
            return
        dialog = DissolveDialog(self)
        dialog.load(unit)
        self._open(dialog, lambda v: self._commit_dissolve(dialog, unit, v))

    def _commit_dissolve(self, dialog: UnitFormDialog, unit: UnitDTO, v: DissolveValues) -> bool:
        question = _tr(
            "Giải thể '{name}' từ ngày {date}?\n\nĐơn vị sẽ không còn trong danh sách đơn vị "
            "đang hoạt động; hồ sơ cũ vẫn mang tên đơn vị."
        ).format(name=unit.full_name, date=f"{v.effective:%d/%m/%Y}")
        dissolve = unit_service.dissolve_unit
        return self._run(
            dialog,
            _tr("Giải thể đơn vị"),
            dissolve,
            v.unit_id,
            v.effective,
            v.note,
            select=lambda _: unit.parent_id,
            question=question,
            expected_version=unit.version,
        )

    def delete_unit(self) -> None:
        """Delete a unit entered by mistake; a unit with history can only be dissolved."""
        unit = self._single()
        if unit is None:
            return
        title = _tr("Xóa đơn vị")
        if self.ctx.read(unit_service.has_history, unit.id):
            text = _tr(
                "Đơn vị '{name}' đã có lịch sử (cán bộ, xếp loại, khen thưởng hoặc đơn vị con): "
                "không xóa được, chỉ có thể giải thể (nút Giải thể…)."
            )
            QMessageBox.warning(self, title, text.format(name=unit.full_name))
            return
        question = _tr("Xóa đơn vị '{name}' ({code})?\n\nChỉ nên xóa đơn vị nhập nhầm.")
        question = question.format(name=unit.full_name, code=unit.code)
        delete = unit_service.delete_unit
        self._run(
            None,
            title,
            delete,
            unit.id,
            select=lambda _: unit.parent_id,
            question=question,
            expected_version=unit.version,
        )

    def open_unit_grades(self) -> None:
        """Open the yearly collective grades of the selected unit (typed by the clerk)."""
        from app.ui.screens.units.unit_grades_dialog import UnitGradesDialog

        unit = self._single()
        if unit is None or self.grades_dialog is not None:
            return
        dialog = UnitGradesDialog(self.ctx, unit, self)
        dialog.changed.connect(self.unitsChanged)
        dialog.finished.connect(lambda _result: self._grades_closed(dialog))
        self.grades_dialog = dialog
        dialog.open()

    def open_unit_path(self) -> None:
        """The Lộ trình of the selected collective (a modal dialog, released after use)."""
        from app.ui.screens.units.title_path_view import UnitPathDialog

        unit = self._single()
        if unit is None:
            return
        dialog = UnitPathDialog(self.ctx, unit.id, unit.full_name, self)
        self.path_dialog = dialog
        dialog.exec()
        self.path_dialog = None
        dialog.deleteLater()
        self.tree.setFocus()

    def _grades_closed(self, dialog: QWidget) -> None:
        if self.grades_dialog is dialog:
            self.grades_dialog = None
        dialog.deleteLater()
        self.tree.setFocus()

    def _inherit_expanded(self, old_ids: Sequence[int], new_id: int) -> None:
        """A successor opens as its predecessor was (expanded or not) in the tree."""
        self._expanded = self._expanded_ids()
        if any(i in self._expanded for i in old_ids):
            self._expanded.add(new_id)
