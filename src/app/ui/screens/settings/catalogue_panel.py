"""The "Danh mục danh hiệu, hình thức" tab: every title and form of the catalogue in use.

The table shows code, names, subjects, the coefficients in force today and since when, where
the item comes from (shipped, changed by the clerk: "Đã sửa", added by the agency: "Riêng của
Sở") and whether it is kept for history only. Below it, the dated coefficients of the selected
item. Each action is one transaction of :mod:`app.services.catalogue_items`, refused as a whole
with a Vietnamese message (another clerk's change meanwhile included):

- Enter / F2: names, synonyms, issuer, legal basis, "history only" (:class:`ItemDialog`);
- Ctrl+H: coefficients from a date; Delete in the coefficient table: take back a clerk's step;
- Ctrl+N: a form of the agency's own; Delete: delete it while unused (asks first);
- "Khôi phục mặc định": the shipped values back (asks first); Ctrl+F: the filter box.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import ConflictError, DomainError, ValidationError
from app.domain.vnformat import format_date
from app.domain.vntext import fold
from app.services.catalogue_items import (
    CatalogueRow,
    CoefficientRow,
    add_form,
    delete_coefficients,
    delete_form,
    list_catalogue,
    reset_item,
    set_coefficients,
    update_item,
)
from app.services.context import AppContext
from app.ui.screens.settings.catalogue_dialogs import (
    CoefficientDialog,
    ItemDialog,
    NewFormDialog,
)
from app.ui.screens.settings.catalogue_model import (
    COL_CODE,
    COL_NAME,
    COL_SHORT,
    SEARCH_ROLE,
    CatalogueModel,
    coefficients_text,
    item_columns,
    step_columns,
)
from app.ui.screens.units.people_model import (
    OBJECT_ROLE,
    RecordTableModel,
    current_object,
    make_table,
)
from app.ui.screens.units.unit_dialogs import UnitFormDialog

__all__ = ["CataloguePanel"]

_CONTEXT = "CataloguePanel"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


class CataloguePanel(QWidget):
    """The catalogue table, the selected item's dated coefficients, and the actions."""

    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.dialog: UnitFormDialog | None = None
        self.model = CatalogueModel(item_columns(date.today()), self)
        self.view, self.proxy = make_table(self.model, sort_column=-1, stretch=COL_NAME)
        self.view.setObjectName("catalogueTable")
        self.proxy.setFilterRole(SEARCH_ROLE)
        self.proxy.setFilterKeyColumn(COL_CODE)
        self.view.doubleClicked.connect(lambda _index: self.edit_item())
        self.view.setMinimumHeight(self.view.verticalHeader().defaultSectionSize() * 10)
        self.step_model = RecordTableModel(step_columns(), self)
        self.step_view, self.step_proxy = make_table(self.step_model, sort_column=0, stretch=2)
        self.step_view.setObjectName("coefficientTable")
        self.step_view.setMaximumHeight(self.step_view.verticalHeader().defaultSectionSize() * 5)

        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("catalogueFilter")
        self.filter_edit.setPlaceholderText(_tr("Lọc theo mã, tên, tên gọi khác (Ctrl+F)"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(
            lambda text: self.proxy.setFilterFixedString(fold(text))
        )
        filter_label = QLabel(_tr("&Lọc:"))
        filter_label.setBuddy(self.filter_edit)

        def action(
            text: str, keys: list[QKeySequence], slot: Callable[[], object], on: QWidget
        ) -> QAction:
            act = QAction(text, self)
            act.setShortcuts(keys)
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            act.triggered.connect(lambda _checked=False: slot())
            on.addAction(act)
            return act

        key = QKeySequence
        self.find_action = action(
            _tr("Lọc danh mục"), [key(key.StandardKey.Find)], self.focus_filter, self
        )
        self.add_action = action(
            _tr("Thêm hình thức riêng"),
            [key(Qt.Modifier.CTRL | Qt.Key.Key_N)],
            self.add_local_form,
            self,
        )
        self.coefficient_action = action(
            _tr("Thêm hệ số theo ngày"), [key(Qt.Modifier.CTRL | Qt.Key.Key_H)], self.add_step, self
        )
        self.edit_action = action(
            _tr("Sửa danh hiệu, hình thức"),
            [key(Qt.Key.Key_Return), key(Qt.Key.Key_F2)],
            self.edit_item,
            self.view,
        )
        self.delete_action = action(
            _tr("Xóa hình thức riêng"), [key(Qt.Key.Key_Delete)], self.delete_local_form, self.view
        )
        self.delete_step_action = action(
            _tr("Xóa hệ số do cán bộ nhập"),
            [key(Qt.Key.Key_Delete)],
            self.delete_step,
            self.step_view,
        )

        self.edit_button = QPushButton(_tr("&Sửa..."))
        self.edit_button.setToolTip(_tr("Sửa tên, tên gọi khác, chỉ ghi lịch sử (Enter, F2)"))
        self.add_button = QPushButton(_tr("&Thêm hình thức riêng..."))
        self.add_button.setToolTip(
            _tr("Giấy khen của cơ quan khác, huy chương của bộ, ngành khác (Ctrl+N)")
        )
        self.delete_button = QPushButton(_tr("&Xóa hình thức riêng"))
        self.delete_button.setToolTip(_tr("Chỉ xóa được hình thức riêng chưa dùng (Delete)"))
        self.reset_button = QPushButton(_tr("&Khôi phục mặc định"))
        self.reset_button.setToolTip(
            _tr("Trả tên, tên gọi khác... về giá trị có sẵn của chương trình")
        )
        self.step_button = QPushButton(_tr("Thêm &hệ số theo ngày..."))
        self.step_button.setToolTip(_tr("Hệ số áp dụng từ một ngày (Ctrl+H)"))
        self.delete_step_button = QPushButton(_tr("Xóa hệ số đã &nhập"))
        self.delete_step_button.setToolTip(
            _tr("Bỏ mức hệ số do cán bộ nhập (Delete trong bảng hệ số)")
        )
        for button, slot in (
            (self.edit_button, self.edit_item),
            (self.add_button, self.add_local_form),
            (self.delete_button, self.delete_local_form),
            (self.reset_button, self.reset_selected),
            (self.step_button, self.add_step),
            (self.delete_step_button, self.delete_step),
        ):
            button.clicked.connect(lambda _checked=False, run=slot: run())

        head = QHBoxLayout()
        head.addWidget(filter_label)
        head.addWidget(self.filter_edit, 1)
        buttons = QHBoxLayout()
        for button in (self.edit_button, self.add_button, self.delete_button, self.reset_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        hint = QLabel(
            _tr(
                "Danh mục đang dùng để xét, ghi quyết định và tính tiền thưởng. \u201cĐã sửa\u201d: "
                "cán bộ đã thay giá trị có sẵn (giữ nguyên khi cập nhật chương trình); \u201cRiêng "
                "của Sở\u201d: hình thức do cơ quan thêm. Mọi thay đổi được ghi nhật ký."
            )
        )
        hint.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("catalogueMessage")
        self.message.setWordWrap(True)

        step_box = QGroupBox(_tr("Hệ số tiền thưởng theo ngày hiệu lực của mục đang chọn"))
        step_buttons = QHBoxLayout()
        step_buttons.addWidget(self.step_button)
        step_buttons.addWidget(self.delete_step_button)
        step_buttons.addStretch(1)
        step_layout = QVBoxLayout(step_box)
        step_layout.addWidget(self.step_view)
        step_layout.addLayout(step_buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(head)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        layout.addWidget(step_box)
        layout.addWidget(self.message)
        chain = (
            self.filter_edit,
            self.view,
            self.edit_button,
            self.add_button,
            self.delete_button,
            self.reset_button,
            self.step_view,
            self.step_button,
            self.delete_step_button,
        )
        for view in (self.view, self.step_view):  # Tab leaves a list (arrows move in it)
            view.setTabKeyNavigation(False)
        for first, second in zip(chain, chain[1:], strict=False):  # top to bottom
            QWidget.setTabOrder(first, second)
        self.view.selectionModel().currentRowChanged.connect(lambda *_a: self._show_steps())
        self.reload()

    # ---- data

    def reload(self, select: str | None = None) -> None:
        code = select or (row.code if (row := self.selected()) else None)
        self.model.set_rows(self.ctx.read(list_catalogue))
        self.view.resizeColumnsToContents()
        widest = self.view.fontMetrics().averageCharWidth() * 20  # the name takes what is left
        self.view.setColumnWidth(COL_SHORT, min(self.view.columnWidth(COL_SHORT), widest))
        if code is not None:
            self.select(code)
        self._show_steps()

    def rows(self) -> list[CatalogueRow]:
        return self.model.rows()

    def selected(self) -> CatalogueRow | None:
        row = current_object(self.view)
        return row if isinstance(row, CatalogueRow) else None

    def select(self, code: str) -> bool:
        for r in range(self.proxy.rowCount()):
            index = self.proxy.index(r, COL_CODE)
            if self.proxy.data(index, OBJECT_ROLE).code == code:
                self.view.setCurrentIndex(index)
                self.view.scrollTo(index)
                return True
        return False

    def _show_steps(self) -> None:
        row = self.selected()
        self.step_model.set_rows(list(row.steps) if row is not None else [])
        self.step_view.resizeColumnsToContents()
        self.delete_button.setEnabled(row is not None and row.local)
        self.reset_button.setEnabled(row is not None and not row.local and bool(row.clerk_changed))

    def focus_filter(self) -> None:
        self.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_edit.selectAll()

    # ---- messages

    def _warn(self, title: str, text: str) -> None:
        QMessageBox.warning(self, title, text)

    def _confirm(self, title: str, text: str) -> bool:
        buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
        answer = QMessageBox.question(self, title, text, buttons, QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def _need_row(self, title: str) -> CatalogueRow | None:
        row = self.selected()
        if row is None:
            QMessageBox.information(self, title, _tr("Hãy chọn một dòng trong bảng trước."))
        return row

    def _done(self, text: str, code: str | None) -> None:
        self.reload(select=code)
        self.message.setText(text)
        self.changed.emit()

    def _run(self, title: str, write: Callable[[], object]) -> bool:
        """One write outside a dialog: a refusal is shown and the table read again."""
        try:
            write()
        except DomainError as exc:
            self._warn(title, str(exc))
            self.reload()
            return False
        return True

    # ---- dialogs

    def _open(self, dialog: UnitFormDialog, write: Callable[[Any], CatalogueRow | None]) -> None:
        """Show ``dialog`` (window-modal, as ``self.dialog``); Lưu runs ``write(values)`` in one
        transaction and keeps the dialog open on a problem the clerk can fix."""
        if self.dialog is not None:  # one at a time
            dialog.deleteLater()
            self.dialog.activateWindow()
            return

        def commit(values: Any) -> bool:
            try:
                saved = write(values)
            except ValidationError as exc:
                dialog.show_problems(exc.problems)
                return False
            except ConflictError as exc:  # changed meanwhile: show it as stored now
                self._warn(_tr("Không lưu được"), str(exc))
                dialog.reject()
                self.reload()
                return False
            except DomainError as exc:
                dialog.show_problems([str(exc)])
                return False
            code = saved.code if saved is not None else None
            self._done(_tr("Đã lưu: {name}").format(name=saved.name if saved else ""), code)
            return True

        dialog.set_committer(commit)
        dialog.finished.connect(lambda _result: self._closed(dialog))
        self.dialog = dialog
        dialog.open()

    def _closed(self, dialog: UnitFormDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()
        self.view.setFocus()

    # ---- actions

    def edit_item(self) -> None:
        row = self._need_row(_tr("Sửa danh hiệu, hình thức"))
        if row is None:
            return
        dialog = ItemDialog(self)
        dialog.load(row)
        self._open(
            dialog,
            lambda edit: self.ctx.write(update_item, row.code, edit, expected_version=row.version),
        )

    def add_step(self) -> None:
        row = self._need_row(_tr("Thêm hệ số theo ngày"))
        if row is None:
            return
        dialog = CoefficientDialog(self)
        dialog.load(row)
        self._open(
            dialog,
            lambda edit: self.ctx.write(
                set_coefficients, row.code, edit, expected_version=row.version
            ),
        )

    def delete_step(self) -> None:
        row = self.selected()
        step = current_object(self.step_view)
        title = _tr("Xóa hệ số do cán bộ nhập")
        if row is None or not isinstance(step, CoefficientRow):
            QMessageBox.information(self, title, _tr("Hãy chọn một mức hệ số trong bảng hệ số."))
            return
        if not step.by_clerk:
            self._warn(title, _tr("Mức hệ số này có sẵn của chương trình: không xóa được."))
            return
        after = (
            _tr(" Ngày này sẽ dùng lại hệ số có sẵn: {v}.").format(
                v=coefficients_text(step.shipped)
            )
            if step.shipped
            else ""
        )
        text = _tr("Xóa hệ số {v} áp dụng từ ngày {day} của \u201c{name}\u201d?").format(
            v=coefficients_text(step.coefficients),
            day=format_date(step.effective_from),
            name=row.name,
        )
        if not self._confirm(title, text + after):
            return
        if self._run(
            title,
            lambda: self.ctx.write(
                delete_coefficients, row.code, step.effective_from, expected_version=row.version
            ),
        ):
            self._done(
                _tr("Đã xóa hệ số từ ngày {day}").format(day=format_date(step.effective_from)),
                row.code,
            )

    def add_local_form(self) -> None:
        dialog = NewFormDialog({r.code for r in self.rows()}, self)
        self._open(dialog, lambda form: self.ctx.write(add_form, form))

    def delete_local_form(self) -> None:
        title = _tr("Xóa hình thức riêng")
        row = self._need_row(title)
        if row is None:
            return
        if not row.local:
            self._warn(
                title,
                _tr(
                    "\u201c{name}\u201d có sẵn trong danh mục: không xóa được. Hãy đánh dấu "
                    "\u201cChỉ ghi lịch sử\u201d (Sửa...)."
                ).format(name=row.name),
            )
            return
        if not self._confirm(
            title,
            _tr("Xóa hình thức riêng \u201c{name}\u201d ({code}) khỏi danh mục?").format(
                name=row.name, code=row.code
            ),
        ):
            return
        if self._run(
            title, lambda: self.ctx.write(delete_form, row.code, expected_version=row.version)
        ):
            self._done(_tr("Đã xóa: {name}").format(name=row.name), None)

    def reset_selected(self) -> None:
        title = _tr("Khôi phục mặc định")
        row = self._need_row(title)
        if row is None:
            return
        if row.local or not row.clerk_changed:
            QMessageBox.information(
                self,
                title,
                _tr("\u201c{name}\u201d không có giá trị nào đã sửa.").format(name=row.name),
            )
            return
        if not self._confirm(
            title,
            _tr(
                "Trả \u201c{name}\u201d về giá trị có sẵn của chương trình (tên, tên gọi khác, "
                "cấp quyết định, căn cứ, chỉ ghi lịch sử)? Hệ số theo ngày không đổi."
            ).format(name=row.name),
        ):
            return
        saved: list[CatalogueRow] = []
        if self._run(
            title,
            lambda: saved.append(
                self.ctx.write(reset_item, row.code, expected_version=row.version)
            ),
        ):
            self._done(_tr("Đã khôi phục: {name}").format(name=saved[0].name), row.code)
