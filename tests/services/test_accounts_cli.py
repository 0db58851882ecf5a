"""`tdkt admin` on PostgreSQL (issue 19): roles set up twice, an account added with its
password on stdin (never printed), granted, listed and locked; mistakes end in one Vietnamese
line with exit 1. Runs with ``TDKT_TEST_DB_URL`` (``.ci/postgres.sh``), skipped otherwise."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator

import pytest
from sqlalchemy import text

from app.cli import EXIT_DATA, EXIT_OK, main
from app.services.database import Database
from server_roles import url_as

PASSWORD = "Bi-mat-cua-Lan-2026"


@pytest.fixture
def url(database: Database) -> Iterator[str]:
    if database.engine.dialect.name != "postgresql":
        pytest.skip("kiểm thử riêng cho PostgreSQL (TDKT_TEST_DB_URL)")
    with database.engine.begin() as conn:
        for name in ("nv_lan", "nv_minh"):
            conn.execute(text(f'DROP ROLE IF EXISTS "{name}"'))
    yield database.url


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_roles_then_an_account(
    url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for _ in range(2):  # safe to rerun
        code, out, err = _run(["admin", "roles", "--db", url], capsys)
        assert (code, err) == (EXIT_OK, "")
    assert "các vai trò đã có" in out
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    add = ["admin", "user", "add", "nv_lan", "--role", "chuyen-vien", "--password-stdin"]
    code, out, err = _run([*add, "--db", url], capsys)
    assert code == EXIT_OK and "nv_lan" in out and PASSWORD not in out + err
    code, out, err = _run(
        ["admin", "user", "grant", "nv_lan", "--role", "thu-ky", "--db", url], capsys
    )
    assert code == EXIT_OK
    code, out, err = _run(["admin", "user", "list", "--json", "--db", url], capsys)
    listed = {u["name"]: u for u in json.loads(out)}
    assert listed["nv_lan"] == {"name": "nv_lan", "login": True, "roles": ["chuyen-vien", "thu-ky"]}
    code, out, err = _run(["admin", "user", "disable", "nv_lan", "--db", url], capsys)
    assert code == EXIT_OK
    code, out, err = _run(["admin", "user", "list", "--db", url], capsys)
    assert "nv_lan: chuyen-vien, thu-ky  (đã khóa)" in out
    # the locked account cannot open the database
    code, out, err = _run(["calendar", "--db", url_as(url, "nv_lan")], capsys)
    assert code == EXIT_DATA and "bị khóa" in err and len(err.strip().splitlines()) == 1


def test_mistakes_end_in_one_line(
    url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _run(["admin", "roles", "--db", url], capsys)[0] == EXIT_OK
    cases = [
        (["admin", "user", "add", "nv_minh", "--role", "giam-doc"], "Không có vai trò 'giam-doc'"),
        (["admin", "user", "grant", "nv_khong_co", "--role", "xem"], "không có tài khoản"),
        (["admin", "user", "disable", "Nguyễn An"], "không hợp lệ"),
    ]
    for argv, message in cases:
        monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
        full = [*argv, "--password-stdin"] if "add" in argv else argv
        code, out, err = _run([*full, "--db", url], capsys)
        assert code == EXIT_DATA and message in err, (argv, err)
        assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    # a clerk without the right to create roles
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert (
        _run(
            ["admin", "user", "add", "nv_minh", "--role", "xem", "--password-stdin", "--db", url],
            capsys,
        )[0]
        == EXIT_OK
    )
    for argv in (
        ["admin", "roles"],
        ["admin", "user", "add", "nv_lan", "--role", "xem", "--password-stdin"],
    ):
        monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
        code, out, err = _run([*argv, "--db", url_as(url, "nv_minh")], capsys)
        assert code == EXIT_DATA and "không có quyền" in err, (argv, err)
        assert len(err.strip().splitlines()) == 1 and PASSWORD not in out + err
