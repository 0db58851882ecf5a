"""Signing in to a shared PostgreSQL database with the clerk's own database role (issue 19).

- :func:`server_of` / :func:`with_login`: the server a URL names (no user, no password) and the
  URL with a clerk's name and password; the password never reaches a log or a message
  (:func:`app.config.mask_secrets`).
- :func:`try_login`: connect once and say, in Vietnamese, why it failed (a wrong password, a
  disabled account, a server that does not answer).
- The password is kept only when the clerk asks ("nhớ mật khẩu"), in the operating system's
  credential store through ``keyring`` (the ``postgres`` extra): :func:`credential_store`
  says whether there is one and, if not, why; :func:`remember`, :func:`recall`, :func:`forget`.
- :func:`change_password`: the signed-in clerk's own password (``ALTER ROLE CURRENT_USER``).
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from app.config import mask_secrets
from app.db.engine import make_engine
from app.domain.errors import ValidationError
from app.services import accounts

__all__ = [
    "MIN_PASSWORD",
    "SERVICE",
    "Login",
    "StoreStatus",
    "change_password",
    "credential_store",
    "forget",
    "is_server",
    "login_of",
    "recall",
    "remember",
    "server_of",
    "try_login",
    "with_login",
]

SERVICE = "TĐKT"  # the name the credential store files the passwords under
MIN_PASSWORD = 8


@dataclass(frozen=True)
class Login:
    user: str
    password: str


@dataclass(frozen=True)
class StoreStatus:
    available: bool
    reason: str = ""  # why not, in Vietnamese


def is_server(url: str) -> bool:
    """A database on a server (PostgreSQL), where each clerk signs in."""
    return url.startswith("postgresql")


def server_of(url: str) -> str:
    """The server and database of ``url`` without user and password (the credential key)."""
    parsed = make_url(url)
    port = f":{parsed.port}" if parsed.port else ""
    return f"{parsed.host or 'localhost'}{port}/{parsed.database or ''}"


def login_of(url: str) -> Login | None:
    """The user and password written in ``url``, if it has both."""
    parsed = make_url(url)
    if parsed.username and parsed.password:
        return Login(parsed.username, str(parsed.password))
    return None


def user_of(url: str) -> str:
    return make_url(url).username or ""


def with_login(url: str, login: Login) -> str:
    return (
        make_url(url)
        .set(username=login.user, password=login.password)
        .render_as_string(hide_password=False)
    )


def try_login(url: str) -> str | None:
    """None when ``url`` connects; else why not, in one Vietnamese line."""
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        return None
    except DBAPIError as exc:
        raw = str(exc.orig or exc).lower()
        if "password authentication failed" in raw or "authentication failed" in raw:
            return "Sai tên đăng nhập hoặc mật khẩu."
        if "not permitted to log in" in raw:
            return "Tài khoản này đã bị khóa: hãy hỏi người quản trị."
        if "does not exist" in raw and "role" in raw:
            return "Không có tài khoản này trên máy chủ."
        if "could not connect" in raw or "connection refused" in raw or "timeout" in raw:
            return (
                "Không kết nối được máy chủ cơ sở dữ liệu: kiểm tra mạng hoặc hỏi người quản trị."
            )
        return "Không đăng nhập được: " + mask_secrets(str(exc.orig or exc), url)
    except ModuleNotFoundError:
        return "Máy này chưa cài trình điều khiển PostgreSQL (gói tdkt[postgres])."
    finally:
        engine.dispose()


def _keyring() -> Any:
    return import_module("keyring")


def credential_store() -> StoreStatus:
    """Whether passwords can be kept on this computer, and if not why. keyring answers with a
    backend of priority 0 or less (its "fail" and "null" ones) when the system has no store."""
    try:
        keyring = _keyring()
    except ImportError:
        return StoreStatus(False, "Máy này chưa cài gói keyring: không nhớ được mật khẩu.")
    try:
        priority = float(getattr(keyring.get_keyring(), "priority", 1))
    except Exception as exc:  # a broken store
        return StoreStatus(False, f"Kho mật khẩu của hệ điều hành không dùng được: {exc}")
    if priority <= 0:
        return StoreStatus(False, "Hệ điều hành không có kho mật khẩu dùng được.")
    return StoreStatus(True)


def remember(url: str, login: Login) -> None:
    _keyring().set_password(SERVICE, f"{login.user}@{server_of(url)}", login.password)


def recall(url: str, user: str) -> str | None:
    if not credential_store().available:
        return None
    try:
        found = _keyring().get_password(SERVICE, f"{user}@{server_of(url)}")
    except Exception:
        return None
    return str(found) if found else None


def forget(url: str, user: str) -> None:
    if not credential_store().available:
        return
    try:
        _keyring().delete_password(SERVICE, f"{user}@{server_of(url)}")
    except Exception:  # nothing stored
        pass


def password_problems(new: str, again: str) -> list[str]:
    problems = []
    if len(new) < MIN_PASSWORD:
        problems.append(f"Mật khẩu mới cần ít nhất {MIN_PASSWORD} ký tự")
    if new != again:
        problems.append("Hai lần nhập mật khẩu mới không khớp")
    return problems


def change_password(session: Session, new: str, again: str) -> None:
    """Set the signed-in clerk's own password (PostgreSQL)."""
    problems = password_problems(new, again)
    if problems:
        raise ValidationError(problems)
    bind = session.get_bind()
    if bind.dialect.name != "postgresql":
        raise ValidationError(["Chỉ đổi mật khẩu được khi dùng cơ sở dữ liệu trên máy chủ"])
    accounts.change_password(session, new)  # the server gets a SCRAM verifier, not the text
