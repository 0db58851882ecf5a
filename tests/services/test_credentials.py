"""The sign-in services: URLs with and without a login, a wrong password and an unreachable
server in Vietnamese, and the clerk's own password changed on the server (PostgreSQL)."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from app.domain.errors import ValidationError
from app.services import credentials as cred


def test_urls_with_and_without_a_login() -> None:
    url = "postgresql+psycopg://server:5433/tdkt"
    assert cred.login_of(url) is None and cred.server_of(url) == "server:5433/tdkt"
    signed = cred.with_login(url, cred.Login("lan", "p@ss:w/rd"))
    assert cred.login_of(signed) == cred.Login("lan", "p@ss:w/rd")
    assert cred.server_of(signed) == "server:5433/tdkt"
    assert cred.is_server(signed) and not cred.is_server("sqlite:///x.sqlite")


def test_an_unreachable_server_is_said_in_vietnamese() -> None:
    pytest.importorskip("psycopg")
    refused = cred.try_login("postgresql+psycopg://lan:x@127.0.0.1:1/tdkt?connect_timeout=2")
    assert refused is not None and "Không kết nối được máy chủ" in refused
    assert ":x@" not in refused


def test_a_password_change_is_checked_and_needs_a_server(database) -> None:
    with database.session_factory.begin() as s, pytest.raises(ValidationError) as caught:
        cred.change_password(s, "ngan", "ngan")
    assert "ít nhất 8 ký tự" in str(caught.value)
    if database.url.startswith("postgresql"):
        with database.session_factory.begin() as s:
            s.execute(text("CREATE ROLE tdkt_doi_mat_khau LOGIN"))
            s.execute(text("SET ROLE tdkt_doi_mat_khau"))
            cred.change_password(s, "mat-khau-moi-1", "mat-khau-moi-1")
            s.execute(text("RESET ROLE"))
            stored = s.scalar(
                text("SELECT rolpassword FROM pg_authid WHERE rolname = 'tdkt_doi_mat_khau'")
            )
            s.execute(text("DROP ROLE tdkt_doi_mat_khau"))
        assert stored  # a hash of the new password
    else:
        with database.session_factory.begin() as s, pytest.raises(ValidationError, match="máy chủ"):
            cred.change_password(s, "mat-khau-moi-1", "mat-khau-moi-1")
