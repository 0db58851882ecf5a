"""The "Người dùng" tab (issue 19): the clerks' accounts on a shared PostgreSQL database, for a
clerk of the quan-tri group — add an account in a group (the password typed twice, sent to the
server as a SCRAM verifier), give another group, lock and unlock. On a file database (one
clerk, one computer) the tab says there are no accounts to manage. The services are
:mod:`app.services.accounts`; every refusal is one Vietnamese line in a message box."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import DomainError
from app.services import accounts
from app.services.accounts import GROUP_ROLES, UserInfo
from app.services.context import AppContext
from app.services.credentials import MIN_PASSWORD, password_problems
from app.ui.screens.units.people_model import Column, RecordTableModel, current_object, make_table
from app.ui.screens.units.unit_dialogs import UnitFormDialog

_CONTEXT = "UsersPanel"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def _group_names(roles: tuple[str, ...]) -> str:
    return ", ".join(GROUP_ROLES.get(r, r) for r in roles)


def _columns() -> list[Column]:
    return [
        Column(_tr("Tài khoản"), lambda u: u.name),
        Column(_tr("Vai trò"), lambda u: _group_names(u.roles)),
        Column(_tr("Đăng nhập"), lambda u: _tr("Được") if u.can_login else _tr("Đã khóa")),
        Column(_tr("Quản lý tài khoản"), lambda u: _tr("Có") if u.can_manage_accounts else ""),
    ]


def _role_combo() -> QComboBox:
    combo = QComboBox()
    for code, name in GROUP_ROLES.items():
        combo.addItem(f"{name} ({code})", code)
    return combo


class NewUserDialog(UnitFormDialog):
    """A new account: name, group, password twice."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_tr("Thêm tài khoản"), parent)
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(_tr("vd. lan.nt (chữ thường, không dấu)"))
        self.role_combo = _role_combo()
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.again_edit = QLineEdit()
        self.again_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.form.addRow(_tr("&Tài khoản:"), self.name_edit)
        self.form.addRow(_tr("&Vai trò:"), self.role_combo)
        self.form.addRow(_tr("&Mật khẩu:"), self.password_edit)
        self.form.addRow(_tr("&Nhập lại:"), self.again_edit)
        self.ok_button.setText(_tr("Tạo tài khoản"))
        self.set_note(
            _tr("Mật khẩu ít nhất {n} ký tự; người dùng tự đổi được sau khi đăng nhập.").format(
                n=MIN_PASSWORD
            )
        )

    def values(self) -> tuple[str, str, str]:
        return (
            self.name_edit.text().strip(),
            str(self.role_combo.currentData()),
            self.password_edit.text(),
        )

    def validate(self) -> list[str]:
        problems = [] if self.name_edit.text().strip() else [_tr("Chưa nhập tên tài khoản")]
        return problems + password_problems(self.password_edit.text(), self.again_edit.text())


class UsersPanel(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.dialog: NewUserDialog | None = None
        self.server = ctx.url.startswith("postgresql")
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.model = RecordTableModel(_columns(), self)
        self.table, self.proxy = make_table(self.model, stretch=1)
        self.add_button = QPushButton(_tr("&Thêm tài khoản…"))
        self.add_button.clicked.connect(lambda _c=False: self.add())
        self.role_combo = _role_combo()
        self.grant_button = QPushButton(_tr("&Cấp vai trò"))
        self.grant_button.clicked.connect(lambda _c=False: self.grant())
        self.lock_button = QPushButton(_tr("&Khóa / mở khóa"))
        self.lock_button.clicked.connect(lambda _c=False: self.toggle_lock())
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addSpacing(12)
        row.addWidget(self.role_combo)
        row.addWidget(self.grant_button)
        row.addWidget(self.lock_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        if not self.server:
            self.note.setText(
                _tr(
                    "Cơ sở dữ liệu là một tệp trên máy này: một người dùng, không có tài khoản "
                    "để quản lý. Tài khoản và vai trò dùng khi nhiều chuyên viên dùng chung một "
                    "CSDL PostgreSQL (xem README: tdkt admin roles)."
                )
            )
            for widget in (self.add_button, self.role_combo, self.grant_button, self.lock_button):
                widget.setEnabled(False)
            self.table.setEnabled(False)
        else:
            self.note.setText(
                _tr(
                    "Tài khoản của các chuyên viên trên máy chủ và vai trò của họ: Xem (chỉ "
                    "đọc), Chuyên viên (nhập liệu), Thư ký Hội đồng, Lãnh đạo (ban hành, đính "
                    "chính, thu hồi quyết định), Quản trị (thiết lập, danh mục, tài khoản)."
                )
            )
            self.refresh()

    def refresh(self) -> None:
        if not self.server:
            return
        try:
            users = self.ctx.read(accounts.list_users)
        except DomainError as exc:
            self.note.setText(str(exc))
            return
        self.model.set_rows(users)

    def current(self) -> UserInfo | None:
        user = current_object(self.table)
        return user if isinstance(user, UserInfo) else None

    def _do(self, title: str, fn: Callable[..., Any], *args: Any) -> bool:
        try:
            self.ctx.write(fn, *args)
        except DomainError as exc:
            QMessageBox.warning(self, title, str(exc))
            return False
        self.refresh()
        return True

    def add(self) -> None:
        if self.dialog is not None:
            return
        dialog = NewUserDialog(self)
        dialog.set_committer(
            lambda values: self._do(_tr("Thêm tài khoản"), accounts.add_user, *values)
        )
        dialog.finished.connect(lambda _r: self._closed(dialog))
        self.dialog = dialog
        dialog.open()

    def _closed(self, dialog: NewUserDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    def grant(self) -> bool:
        user = self.current()
        if user is None:
            return False
        role = str(self.role_combo.currentData())
        return self._do(_tr("Cấp vai trò"), accounts.grant_role, user.name, role)

    def toggle_lock(self) -> bool:
        user = self.current()
        if user is None:
            return False
        if user.can_login:
            answer = QMessageBox.question(
                self,
                _tr("Khóa tài khoản"),
                _tr("Khóa tài khoản {name}? Người này không đăng nhập được nữa.").format(
                    name=user.name
                ),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
            return self._do(_tr("Khóa tài khoản"), accounts.disable_user, user.name)
        return self._do(_tr("Mở khóa tài khoản"), accounts.enable_user, user.name)
