"""Signing in to a server database: the dialog checks the name and password with the server
before going on and stays open with the reason when refused; "Nhớ mật khẩu" keeps the password
in the credential store (disabled, with the reason, where there is none) and fills it next
time; a file database opens without any dialog; the password never appears in the window."""

from __future__ import annotations

import sys
import types

import pytest

from app.services import credentials as cred
from app.ui.sign_in import ChangePasswordDialog, SignInDialog, sign_in

URL = "postgresql+psycopg://tdkt-server.local:5432/tdkt"


class FakeStore:
    priority = 1

    def __init__(self) -> None:
        self.kept: dict[tuple[str, str], str] = {}


@pytest.fixture
def store(monkeypatch: pytest.MonkeyPatch) -> FakeStore:
    backend = FakeStore()
    module = types.SimpleNamespace(
        get_keyring=lambda: backend,
        set_password=lambda s, k, p: backend.kept.__setitem__((s, k), p),
        get_password=lambda s, k: backend.kept.get((s, k)),
        delete_password=lambda s, k: backend.kept.pop((s, k)),
    )
    monkeypatch.setitem(sys.modules, "keyring", module)
    return backend


def _server(accepted: dict[str, str]):  # type: ignore[no-untyped-def]
    """A stand-in for the server: which name/password pairs it takes."""
    seen: list[str] = []

    def check(url: str) -> str | None:
        seen.append(url)
        login = cred.login_of(url)
        if login is not None and accepted.get(login.user) == login.password:
            return None
        return "Sai tên đăng nhập hoặc mật khẩu."

    check.seen = seen  # type: ignore[attr-defined]
    return check


def test_a_refused_password_keeps_the_dialog_open_with_the_reason(qtbot, store) -> None:  # type: ignore[no-untyped-def]
    check = _server({"lan": "mat-khau-dung"})
    dialog = SignInDialog(URL, check=check)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.server_label.text() == "tdkt-server.local:5432/tdkt"
    dialog.user_edit.insert("lan")
    dialog.password_edit.insert("sai-roi")
    dialog.ok_button.click()
    assert dialog.isVisible() and dialog.signed_url is None
    assert "Sai tên đăng nhập hoặc mật khẩu." in dialog.error_label.text()
    assert "sai-roi" not in dialog.error_label.text()
    dialog.password_edit.setText("mat-khau-dung")
    dialog.remember_check.setChecked(True)
    dialog.ok_button.click()
    assert not dialog.isVisible()
    assert dialog.signed_url is not None and cred.login_of(dialog.signed_url) == cred.Login(
        "lan", "mat-khau-dung"
    )
    assert store.kept == {("TĐKT", "lan@tdkt-server.local:5432/tdkt"): "mat-khau-dung"}
    # next time the remembered password is filled in
    again = SignInDialog(URL, check=check)
    qtbot.addWidget(again)
    again.user_edit.insert("lan")
    assert again.password_edit.text() == "mat-khau-dung" and again.remember_check.isChecked()
    # unticked: forgotten
    again.remember_check.setChecked(False)
    again.ok_button.click()
    assert store.kept == {}


def test_without_a_credential_store_the_box_says_why(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setitem(sys.modules, "keyring", None)  # import fails
    dialog = SignInDialog(URL, check=_server({}))
    qtbot.addWidget(dialog)
    assert not dialog.remember_check.isEnabled()
    assert "keyring" in dialog.remember_check.toolTip()


def test_empty_fields_are_named_before_the_server_is_asked(qtbot, store) -> None:  # type: ignore[no-untyped-def]
    check = _server({})
    dialog = SignInDialog(URL, check=check)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.ok_button.click()
    assert "Chưa nhập tên đăng nhập" in dialog.error_label.text()
    assert check.seen == []  # type: ignore[attr-defined]


def test_a_file_database_needs_no_sign_in(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'tdkt.sqlite'}"
    assert sign_in(url) == url


def test_a_new_password_is_checked_in_the_form(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = ChangePasswordDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.new_edit.insert("ngan")
    dialog.again_edit.insert("khac")
    dialog.ok_button.click()
    text = dialog.error_label.text()
    assert "ít nhất 8 ký tự" in text and "không khớp" in text and dialog.isVisible()


def test_a_store_that_cannot_keep_passwords_disables_the_box(qtbot, store) -> None:  # type: ignore[no-untyped-def]
    store.priority = 0  # keyring's fail backend when the system has no store
    dialog = SignInDialog(URL, check=_server({}))
    qtbot.addWidget(dialog)
    assert not dialog.remember_check.isEnabled()
    assert "không có kho mật khẩu" in dialog.remember_check.toolTip()
