"""The "Danh mục khác" tab: the award types (loại hình khen thưởng) and the emulation forms
(hình thức tổ chức phong trào) as lists the clerk edits (:mod:`app.services.code_lists`):
rename (F2), add the Sở's own entry treated as a shipped one (Ctrl+N), stop or resume using an
entry, delete an unused own entry (Delete, asked first). Every change is one transaction,
audited; a change over another clerk's is refused and the list read again."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.code_lists import EDITABLE_LISTS, ListEntry
from app.domain.errors import ConflictError, DomainError, ValidationError
from app.services.code_lists import (
    CodeList,
    add_entry,
    delete_entry,
    list_entries,
    rename_entry,
    set_retired,
)
from app.services.context import AppContext
from app.ui.screens.units.people_model import (
    OBJECT_ROLE,
    Column,
    RecordTableModel,
    current_object,
    make_table,
)
from app.ui.screens.units.unit_dialogs import UnitFormDialog

_CONTEXT = "CodeListsPanel"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def _columns(shipped: Callable[[str], str]) -> list[Column]:
    def kind(e: ListEntry) -> str:
        if e.local:
            return _tr("Riêng của Sở (tính như: {name})").format(name=shipped(e.like))
        return _tr("Có sẵn, đã đổi tên") if e.renamed else _tr("Có sẵn")

    return [
        Column(_tr("Tên"), lambda e: e.name),
        Column(_tr("Mã"), lambda e: e.code),
        Column(_tr("Nguồn"), kind),
        Column(_tr("Tình trạng"), lambda e: _tr("Thôi dùng") if e.retired else _tr("Đang dùng")),
    ]


class NewEntryDialog(UnitFormDialog):
    """A new entry: its name and the shipped entry it is treated as."""

    def __init__(self, listed: CodeList, parent: QWidget | None = None) -> None:
        super().__init__(_tr("Thêm mục: {title}").format(title=listed.title), parent)
        self.name_edit = QLineEdit()
        self.like_combo = QComboBox()
        for entry in listed.entries:
            if not entry.local:
                self.like_combo.addItem(entry.name, entry.code)
        self.form.addRow(_tr("&Tên:"), self.name_edit)
        self.form.addRow(_tr("Tính &như:"), self.like_combo)
        self.ok_button.setText(_tr("Thêm"))
        self.set_note(
            _tr(
                "Mục riêng của Sở được quy tắc xét khen thưởng và biểu thống kê tính như mục có "
                "sẵn đã chọn."
            )
        )

    def values(self) -> tuple[str, str]:
        return self.name_edit.text(), str(self.like_combo.currentData() or "")

    def validate(self) -> list[str]:
        return [] if self.name_edit.text().strip() else [_tr("Chưa nhập tên")]


class CodeListsPanel(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.listed: CodeList | None = None
        self.dialog: NewEntryDialog | None = None
        self.list_combo = QComboBox()
        self.list_combo.setObjectName("codeListCombo")
        for key, title in EDITABLE_LISTS.items():
            self.list_combo.addItem(_tr(title), key)
        label = QLabel(_tr("&Danh mục:"))
        label.setBuddy(self.list_combo)
        self.model = RecordTableModel(_columns(self._shipped_name), self)
        self.table, self.proxy = make_table(self.model, stretch=0)
        self.table.doubleClicked.connect(lambda _i: self.rename())
        self.status = QLabel()
        self.status.setWordWrap(True)
        buttons = QHBoxLayout()
        for attr, text, keys, slot in (
            ("rename_action", _tr("Đổi tên…"), ["F2"], self.rename),
            ("add_action", _tr("Thêm mục riêng…"), ["Ctrl+N"], self.add),
            ("retire_action", _tr("Thôi dùng / dùng lại"), ["Ctrl+T"], self.toggle_retired),
            ("delete_action", _tr("Xóa mục riêng"), ["Del"], self.delete),
        ):
            action = QAction(text, self)
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(lambda _c=False, slot=slot: slot())
            self.addAction(action)
            setattr(self, attr, action)
            action.setIconText(f"{text} ({keys[0]})")
            button = QToolButton()  # follows its action: disabled with it, its tooltip too
            button.setDefaultAction(action)
            buttons.addWidget(button)
        buttons.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(label)
        top.addWidget(self.list_combo, 1)
        note = QLabel(
            _tr(
                "Mục có sẵn giữ nguyên mã (chương trình dựa vào đó); có thể đổi tên hoặc thôi "
                "dùng cho hồ sơ mới. Hồ sơ cũ giữ mục đã ghi."
            )
        )
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        self.list_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.refresh()

    # --- reading -------------------------------------------------------------------------------

    def key(self) -> str:
        return str(self.list_combo.currentData())

    def refresh(self) -> None:
        self.listed = self.ctx.read(list_entries, self.key())
        self.model.set_rows(list(self.listed.entries))

    def _shipped_name(self, code: str) -> str:
        for entry in self.listed.entries if self.listed else ():
            if entry.code == code:
                return entry.name
        return code

    def current(self) -> ListEntry | None:
        entry = current_object(self.table)
        return entry if isinstance(entry, ListEntry) else None

    def select(self, code: str) -> None:
        for row in range(self.proxy.rowCount()):
            entry = self.proxy.index(row, 0).data(OBJECT_ROLE)
            if isinstance(entry, ListEntry) and entry.code == code:
                self.table.selectRow(row)
                self.table.setCurrentIndex(self.proxy.index(row, 0))
                return

    # --- writing -------------------------------------------------------------------------------

    def _write(self, title: str, fn: Callable[..., CodeList], *args: Any) -> bool:
        assert self.listed is not None
        try:
            self.listed = self.ctx.write(
                fn, self.key(), *args, expected_version=self.listed.version
            )
        except DomainError as exc:
            text = "\n".join(exc.problems) if isinstance(exc, ValidationError) else str(exc)
            QMessageBox.warning(self, title, text)
            if isinstance(exc, ConflictError):
                self.refresh()
            return False
        self.model.set_rows(list(self.listed.entries))
        self.status.setText(_tr("Đã lưu: {title}.").format(title=self.listed.title))
        return True

    def _need_row(self, title: str) -> ListEntry | None:
        entry = self.current()
        if entry is None:
            QMessageBox.information(self, title, _tr("Hãy chọn một dòng trong bảng trước."))
        return entry

    def rename(self) -> bool:
        title = _tr("Đổi tên")
        entry = self._need_row(title)
        if entry is None:
            return False
        name, ok = QInputDialog.getText(self, title, _tr("Tên mới:"), text=entry.name)
        if not ok:
            return False
        done = self._write(title, rename_entry, entry.code, name)
        self.select(entry.code)
        return done

    def add(self) -> None:
        if self.listed is None or self.dialog is not None:
            return
        dialog = NewEntryDialog(self.listed, self)
        dialog.set_committer(
            lambda values: self._write(_tr("Thêm mục riêng"), add_entry, values[0], values[1])
        )
        dialog.finished.connect(lambda _r: self._closed(dialog))
        self.dialog = dialog
        dialog.open()

    def _closed(self, dialog: NewEntryDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    def toggle_retired(self) -> bool:
        title = _tr("Thôi dùng / dùng lại")
        entry = self._need_row(title)
        if entry is None:
            return False
        done = self._write(title, set_retired, entry.code, not entry.retired)
        self.select(entry.code)
        return done

    def delete(self) -> bool:
        title = _tr("Xóa mục riêng")
        entry = self._need_row(title)
        if entry is None:
            return False
        buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
        asked = QMessageBox.question(
            self,
            title,
            _tr("Xóa '{name}' khỏi danh mục?").format(name=entry.name),
            buttons,
            QMessageBox.StandardButton.No,
        )
        if asked != QMessageBox.StandardButton.Yes:
            return False
        return self._write(title, delete_entry, entry.code)
