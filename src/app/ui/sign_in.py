"""Signing in to a shared PostgreSQL database (issue 19): the clerk's own name and password,
checked against the server before the program goes on; "Nhớ mật khẩu" keeps the password in
the operating system's credential store (disabled, with the reason, where there is none); and
"Đổi mật khẩu…" for the signed-in clerk. The services are :mod:`app.services.credentials`."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QWidget

from app.services import credentials as cred
from app.ui.screens.units.unit_dialogs import UnitFormDialog

_CONTEXT = "SignIn"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def _password_edit() -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


class SignInDialog(UnitFormDialog):
    """Name and password for ``url``'s server; OK connects first (``try_login``) and stays
    open with the reason when the server refuses."""

    def __init__(
        self,
        url: str,
        parent: QWidget | None = None,
        *,
        check: Callable[[str], str | None] = cred.try_login,
    ) -> None:
        super().__init__(_tr("Đăng nhập"), parent)
        self.setObjectName("signInDialog")
        self.url = url
        self._check = check
        self.signed_url: str | None = None
        self.server_label = QLabel(cred.server_of(url))
        self.server_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.user_edit = QLineEdit(cred.user_of(url))
        self.user_edit.setObjectName("userEdit")
        self.password_edit = _password_edit()
        self.password_edit.setObjectName("passwordEdit")
        self.remember_check = QCheckBox(_tr("&Nhớ mật khẩu trên máy này"))
        store = cred.credential_store()
        self.remember_check.setEnabled(store.available)
        self.remember_check.setToolTip(
            _tr("Lưu trong kho mật khẩu của hệ điều hành") if store.available else store.reason
        )
        self.form.addRow(_tr("Máy chủ:"), self.server_label)
        self.form.addRow(_tr("&Tên đăng nhập:"), self.user_edit)
        self.form.addRow(_tr("&Mật khẩu:"), self.password_edit)
        self.form.addRow("", self.remember_check)
        if not store.available:
            self.set_note(store.reason)
        self.ok_button.setText(_tr("Đăng nhập"))
        self.user_edit.textChanged.connect(lambda _t: self._fill_remembered())
        self._fill_remembered()

    def _fill_remembered(self) -> None:
        user = self.user_edit.text().strip()
        stored = cred.recall(self.url, user) if user else None
        if stored:
            self.password_edit.setText(stored)
            self.remember_check.setChecked(True)

    def values(self) -> cred.Login:
        return cred.Login(self.user_edit.text().strip(), self.password_edit.text())

    def validate(self) -> list[str]:
        login = self.values()
        problems = []
        if not login.user:
            problems.append(_tr("Chưa nhập tên đăng nhập"))
        if not login.password:
            problems.append(_tr("Chưa nhập mật khẩu"))
        return problems

    def accept(self) -> None:
        problems = self.validate()
        if problems:
            self.show_problems(problems)
            return
        login = self.values()
        url = cred.with_login(self.url, login)
        refused = self._check(url)
        if refused is not None:
            self.show_problems([refused])
            self.password_edit.selectAll()
            self.password_edit.setFocus()
            return
        if self.remember_check.isEnabled():
            if self.remember_check.isChecked():
                cred.remember(self.url, login)
            else:
                cred.forget(self.url, login.user)
        self.signed_url = url
        super().accept()


def sign_in(url: str, parent: QWidget | None = None) -> str | None:
    """The URL to open: ``url`` itself when it is a file or already carries a login (a refusal
    then ends in the usual message); else the one the clerk signs in with (None: the clerk
    gave up)."""
    if not cred.is_server(url) or cred.login_of(url) is not None:
        return url  # a file, or a URL that carries its login (scripts): used as it is
    dialog = SignInDialog(url, parent)
    try:
        return dialog.signed_url if dialog.exec() else None
    finally:
        dialog.deleteLater()


class ChangePasswordDialog(UnitFormDialog):
    """ "Đổi mật khẩu…": the new password twice; ``commit(new, again)`` stores it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_tr("Đổi mật khẩu"), parent)
        self.setObjectName("changePasswordDialog")
        self.new_edit = _password_edit()
        self.again_edit = _password_edit()
        self.form.addRow(_tr("Mật khẩu &mới:"), self.new_edit)
        self.form.addRow(_tr("&Nhập lại:"), self.again_edit)
        self.set_note(
            _tr(
                "Ít nhất {n} ký tự. Mật khẩu đã nhớ trên máy này được thay bằng mật khẩu mới."
            ).format(n=cred.MIN_PASSWORD)
        )

    def values(self) -> tuple[str, str]:
        return self.new_edit.text(), self.again_edit.text()

    def validate(self) -> list[str]:
        return cred.password_problems(*self.values())
