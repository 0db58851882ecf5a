"""``tdkt --demo`` on a folder without the demo file builds it as ``tdkt demo`` does, whole or
not at all (issue 18): a build that fails or is cancelled leaves the folder as it was, says so
and quits. Each start runs the real ``run_gui`` in a process of its own, the demo builder
patched by the driver (message boxes recorded)."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app.config import sqlite_url

pytestmark = pytest.mark.skipif(
    bool(os.environ.get("TDKT_TEST_DB_URL")), reason="kiểm thử riêng cho tệp SQLite"
)

DRIVER = """
import dataclasses, json, sqlite3, sys
from PySide6.QtWidgets import QMessageBox
import app.services.demo as demo
from app.ui.tasks import Cancelled
shown = []
def box(kind):
    def show(parent, title, text, *args, **kwargs):
        shown.append({"kind": kind, "title": title, "text": text})
        return QMessageBox.StandardButton.Ok
    return staticmethod(show)
QMessageBox.warning = box("warning")
QMessageBox.information = box("information")
QMessageBox.critical = box("critical")
_real = demo.build_demo
def small(session, options, progress=None):  # a small department: the test stays quick
    return _real(session, dataclasses.replace(options, people=80, years=2), progress)
def full_disk(session, options, progress=None):  # half built, then the disk is full
    small(session, options, progress)
    raise sqlite3.OperationalError("database or disk is full")
def refused(session, options, progress=None):
    raise demo.DemoError("Cần ít nhất 60 cán bộ để tạo CSDL mẫu.")
def cancelled(session, options, progress=None):
    small(session, options, progress)
    raise Cancelled()
demo.build_demo = {"small": small, "full_disk": full_disk, "refused": refused,
                   "cancelled": cancelled}[sys.argv[2]]
from app.bootstrap import run_gui
code = run_gui(sys.argv[1], demo=True, exit_when_ready=True)
print(json.dumps({"code": code, "shown": shown}, ensure_ascii=False))
"""


def _start(data: Path, db: Path, builder: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("TDKT_DB", "TDKT_TEST_DB_URL")}
    env.update(TDKT_DATA_DIR=str(data), QT_QPA_PLATFORM="offscreen", PYTHONIOENCODING="utf-8")
    result = subprocess.run(
        [sys.executable, "-c", DRIVER, sqlite_url(db), builder],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def listing(folder: Path) -> dict[str, str]:
    """Every file and folder under ``folder``, files with a digest of their content."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        if p.is_file()
        else ""
        for p in sorted(folder.rglob("*"))
    }


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    """The data folder, and the folder the demo file goes to (holding a note of the clerk's)."""
    data = tmp_path / "data"
    data.mkdir()
    place = tmp_path / "mau"
    place.mkdir()
    (place / "ghi-chu.txt").write_text("không xóa", encoding="utf-8")
    return data, place


@pytest.mark.parametrize(
    ("builder", "words"),
    [("full_disk", "đầy"), ("refused", "Cần ít nhất 60 cán bộ")],
    ids=["full-disk", "refused"],
)
def test_a_demo_that_fails_at_start_leaves_the_folder_as_it_was(
    folders: tuple[Path, Path], builder: str, words: str
) -> None:
    data, place = folders
    before = listing(place)
    result = _start(data, place / "demo.sqlite", builder)
    assert result["code"] == 1
    assert [(m["kind"], m["title"]) for m in result["shown"]] == [("warning", "Dữ liệu mẫu")]
    assert "Không tạo được cơ sở dữ liệu mẫu" in result["shown"][0]["text"]
    assert words in result["shown"][0]["text"]
    assert listing(place) == before  # no demo.sqlite, no temporary file, no lock file
    assert not list(data.rglob("*.sqlite*"))  # no backup of a half-built file either


def test_a_cancelled_demo_leaves_nothing_and_a_later_one_is_built(
    folders: tuple[Path, Path],
) -> None:
    data, place = folders
    before = listing(place)
    result = _start(data, place / "demo.sqlite", "cancelled")
    assert result["code"] == 0
    assert [m["kind"] for m in result["shown"]] == ["information"]
    assert "Đã dừng tạo dữ liệu mẫu" in result["shown"][0]["text"]
    assert listing(place) == before

    built = _start(data, place / "demo.sqlite", "small")  # not refused by anything left over
    assert built == {"code": 0, "shown": []}
    con = sqlite3.connect(place / "demo.sqlite")
    try:
        assert con.execute("SELECT COUNT(*) FROM person").fetchone()[0] == 80
    finally:
        con.close()
    assert sorted(p.name for p in place.iterdir()) == ["demo.sqlite", "ghi-chu.txt"]
