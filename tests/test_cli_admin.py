"""`tdkt admin` on an SQLite file: refused with one Vietnamese line, the file not created.
The commands on PostgreSQL are tested in tests/services/test_accounts_cli.py (PostgreSQL)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli import EXIT_DATA, main


@pytest.mark.parametrize(
    "argv",
    [
        ["admin", "roles"],
        ["admin", "user", "add", "an", "--role", "xem", "--password-stdin"],
        ["admin", "user", "disable", "an"],
        ["admin", "user", "grant", "an", "--role", "thu-ky"],
        ["admin", "user", "list"],
    ],
)
def test_admin_is_for_postgresql_only(argv: list[str], tmp_path: Path, capsys) -> None:
    target = tmp_path / "tdkt.sqlite"
    assert main([*argv, "--db", str(target)]) == EXIT_DATA
    err = capsys.readouterr().err.strip()
    assert err.startswith("Lỗi:") and "chỉ dùng với PostgreSQL" in err
    assert len(err.splitlines()) == 1
    assert not target.exists()
