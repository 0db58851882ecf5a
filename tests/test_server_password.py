"""A PostgreSQL server refusing the password, through the real path (issue 18): the driver's
``connect`` raises what psycopg raises for a wrong password, and every command that opens the
database ends in one Vietnamese line (``check``: its report), exit 1, no traceback, the password
nowhere. No server is needed: the driver is stopped at its ``connect``."""

from __future__ import annotations

import json
from typing import Any

import pytest

from app.cli import main

psycopg = pytest.importorskip("psycopg")

PASSWORD = "Bi-Mat:9@x"
URL = "postgresql+psycopg://van_thu:Bi-Mat%3A9%40x@10.0.0.5:5432/tdkt"
SHOWN = "postgresql+psycopg://van_thu@10.0.0.5:5432/tdkt"
REFUSED = "Máy chủ PostgreSQL 10.0.0.5:5432 từ chối tên đăng nhập hoặc mật khẩu"


@pytest.fixture
def attempts(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """The connections tried; each refused as the server refuses a wrong password."""
    tried: list[dict[str, Any]] = []

    def connect(*args: Any, **kwargs: Any) -> Any:
        tried.append(kwargs)
        raise psycopg.OperationalError(
            'connection failed: connection to server at "10.0.0.5", port 5432 failed: '
            f'FATAL:  password authentication failed for user "{kwargs.get("user")}"'
        )

    monkeypatch.setattr(psycopg, "connect", connect)
    return tried


def _no_secret(text: str) -> None:
    for secret in (PASSWORD, "Bi-Mat%3A9%40x", "Bi-Mat"):
        assert secret not in text
    assert "Traceback" not in text


@pytest.mark.parametrize(
    "args",
    [
        ("eligibility", "--year", "2025"),
        ("export", "staff-list", "-o", "ds.xlsx"),
        ("search", "--from", "2021", "--to", "2024"),
    ],
    ids=lambda a: a[0],
)
def test_a_command_ends_in_one_line(capsys, tmp_path, attempts, args: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    args = tuple(str(tmp_path / a) if a.endswith(".xlsx") else a for a in args)
    assert main([*args, "--db", URL]) == 1
    out, err = capsys.readouterr()
    assert attempts and attempts[0]["password"] == PASSWORD  # the driver was really asked
    assert attempts[0]["host"] == "10.0.0.5" and attempts[0]["user"] == "van_thu"
    _no_secret(out + err)
    assert err.count("\n") == 1 and err.startswith(f"Lỗi: {REFUSED}"), err
    assert not list(tmp_path.iterdir())  # no file written


def test_check_reports_it(capsys, attempts) -> None:  # type: ignore[no-untyped-def]
    assert main(["check", "--db", URL]) == 1
    out, err = capsys.readouterr()
    _no_secret(out + err)
    assert attempts
    assert [line for line in out.splitlines() if REFUSED in line] == [
        f"  - {REFUSED}: hãy kiểm tra lại địa chỉ CSDL (--db hoặc TDKT_DB)."
    ]
    assert f"CSDL: {SHOWN}" in out

    assert main(["check", "--db", URL, "--json"]) == 1
    out, err = capsys.readouterr()
    _no_secret(out + err)
    report = json.loads(out)
    assert report["database"] == SHOWN and report["ok"] is False
    assert [p for p in report["problems"] if p.startswith(REFUSED)] == report["problems"]
