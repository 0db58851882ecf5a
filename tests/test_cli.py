"""The `tdkt` command line: exit codes, demo, check."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from app import __version__
from app.cli import EXIT_DATA, EXIT_OK, EXIT_USAGE, main


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_version_through_python_m_app() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "app", "--version"], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == f"tdkt {__version__}"


def test_usage_error_exits_2(capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["demo", "--people", "0"])
    assert exc.value.code == EXIT_USAGE
    assert "lỗi cú pháp" in capsys.readouterr().err


def test_help_is_vietnamese(capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert "Cách dùng" in out and "Kiểm tra toàn vẹn" in out


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "demo.sqlite"
    assert (
        main(
            [
                "demo",
                "--db",
                str(path),
                "--people",
                "120",
                "--years",
                "3",
                "--seed",
                "7",
                "--end-year",
                "2025",
            ]
        )
        == 0
    )
    return path


def test_demo_then_check_passes(demo_file: Path, capsys) -> None:
    capsys.readouterr()
    assert main(["check", "--db", str(demo_file), "--json"]) == EXIT_OK
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is True
    assert report["counts"]["can_bo"] == 120
    assert 30 <= report["counts"]["don_vi"] <= 45


def test_demo_refuses_to_overwrite_without_force(demo_file: Path, capsys) -> None:
    before = _sha(demo_file)
    assert main(["demo", "--db", str(demo_file), "--people", "50"]) == EXIT_DATA
    assert "--force" in capsys.readouterr().err
    assert _sha(demo_file) == before


def test_check_does_not_modify_the_file(demo_file: Path) -> None:
    before = _sha(demo_file)
    main(["check", "--db", str(demo_file)])
    assert _sha(demo_file) == before


def test_check_fails_cleanly_on_a_truncated_copy(demo_file: Path, tmp_path: Path, capsys) -> None:
    broken = tmp_path / "truncated.sqlite"
    data = demo_file.read_bytes()
    broken.write_bytes(data[: len(data) // 3])
    before = _sha(broken)
    capsys.readouterr()
    assert main(["check", "--db", str(broken)]) == EXIT_DATA
    out = capsys.readouterr().out
    assert "KHÔNG ĐẠT" in out
    assert _sha(broken) == before
    assert not Path(str(broken) + "-wal").exists() or Path(str(broken) + "-wal").stat().st_size == 0


def test_check_fails_on_a_file_that_is_not_a_database(tmp_path: Path, capsys) -> None:
    junk = tmp_path / "notes.sqlite"
    junk.write_text("đây không phải là cơ sở dữ liệu", encoding="utf-8")
    assert main(["check", "--db", str(junk)]) == EXIT_DATA
    assert "KHÔNG ĐẠT" in capsys.readouterr().out


def test_check_of_a_missing_file_does_not_create_it(tmp_path: Path) -> None:
    missing = tmp_path / "none.sqlite"
    assert main(["check", "--db", str(missing)]) == EXIT_DATA
    assert not missing.exists()


def test_demo_is_deterministic(tmp_path: Path) -> None:
    a, b = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    for path in (a, b):
        assert (
            main(
                [
                    "demo",
                    "--db",
                    str(path),
                    "--people",
                    "80",
                    "--years",
                    "3",
                    "--seed",
                    "11",
                    "--end-year",
                    "2025",
                ]
            )
            == 0
        )
    import sqlite3

    def dump(path: Path) -> list[tuple]:
        con = sqlite3.connect(path)
        try:
            rows = []
            for (table,) in con.execute(
                "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name"
            ):
                if table in ("audit_log", "alembic_version"):
                    continue
                cols = [
                    c[1]
                    for c in con.execute(f"PRAGMA table_info({table})")
                    if c[1] not in ("created_at", "updated_at")
                ]
                rows.append(
                    (
                        table,
                        con.execute(f"SELECT {', '.join(cols)} FROM {table} ORDER BY 1").fetchall(),
                    )
                )
            return rows
        finally:
            con.close()

    dump_a = dump(a)
    assert dump_a == dump(b)
    assert any(table == "person" and len(rows) == 80 for table, rows in dump_a)
