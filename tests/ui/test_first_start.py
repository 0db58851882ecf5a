"""The first start without a database (a new computer): the program asks before creating one,
and "Phục hồi từ bản sao lưu…" restores the chosen backup through the checked restore; a
refused file is explained and nothing is written; quitting leaves no file. Each start runs the
real ``run_gui`` in a process of its own (the choices and dialogs answered by the driver)."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app.config import sqlite_url
from app.domain.units import UnitInput
from app.services import backup as backup_svc
from app.services import units as unit_svc
from app.services.database import open_database

pytestmark = pytest.mark.skipif(
    bool(os.environ.get("TDKT_TEST_DB_URL")), reason="kiểm thử riêng cho tệp SQLite"
)

DRIVER = """
import json, sys
from pathlib import Path
from PySide6.QtWidgets import QFileDialog, QMessageBox
import app.ui.first_start as first_start
choices = sys.argv[2].split(",")
files = sys.argv[3].split(",")  # "" stands for a file dialog cancelled
asked, shown = [], []
def ask(parent, path):
    asked.append(str(path))
    return choices.pop(0) if choices else "quit"
def open_file(*args, **kwargs):
    return (files.pop(0) if files else "", "")
def box(kind):
    def show(parent, title, text, *args, **kwargs):
        shown.append({"kind": kind, "title": title, "text": text})
        return QMessageBox.StandardButton.Ok
    return staticmethod(show)
first_start.ask_first_start = ask
QFileDialog.getOpenFileName = staticmethod(open_file)
QMessageBox.warning = box("warning")
QMessageBox.information = box("information")
QMessageBox.critical = box("critical")
from app.bootstrap import run_gui
code = run_gui(sys.argv[1], exit_when_ready=True, offer_restore=True)
print(json.dumps({"code": code, "asked": asked, "shown": shown}, ensure_ascii=False))
"""


def _start(tmp_path: Path, db: Path, choices: str, files: str = "") -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("TDKT_DB", "TDKT_TEST_DB_URL")}
    env.update(TDKT_DATA_DIR=str(db.parent), QT_QPA_PLATFORM="offscreen", PYTHONIOENCODING="utf-8")
    result = subprocess.run(
        [sys.executable, "-c", DRIVER, sqlite_url(db), choices, files],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


@pytest.fixture
def backup(tmp_path: Path) -> Path:
    """The backup on the USB stick: a database with the unit SO."""
    old = tmp_path / "may-cu" / "tdkt.sqlite"
    db = open_database(sqlite_url(old), backup_folder=tmp_path / "may-cu" / "bk")
    try:
        with db.session_factory.begin() as s:
            unit_svc.create_unit(s, UnitInput(code="SO", full_name="Sở", kind="CO_QUAN"))
        usb = tmp_path / "usb"
        usb.mkdir()
        return backup_svc.backup_database(db.url, usb / "tdkt-thu-cong-20261201-100000.sqlite")
    finally:
        db.dispose()


def test_restore_from_a_backup_at_the_first_start(tmp_path: Path, backup: Path) -> None:
    new_pc = tmp_path / "may-moi" / "TDKT"
    new_pc.mkdir(parents=True)
    hostile = tmp_path / "usb" / "ghi-chu.sqlite"
    hostile.write_text("không phải CSDL", encoding="utf-8")
    db = new_pc / "tdkt.sqlite"
    # the clerk first picks a wrong file, then cancels the file dialog, then the backup
    outcome = _start(tmp_path, db, "restore,restore,restore", f"{hostile},,{backup}")
    assert outcome["code"] == 0 and outcome["asked"] == [str(db)] * 3
    kinds = [box["kind"] for box in outcome["shown"]]
    assert kinds == ["warning", "information"], outcome["shown"]
    assert "Không phục hồi được" in outcome["shown"][0]["title"]
    assert "ghi-chu.sqlite" in outcome["shown"][0]["text"]
    con = sqlite3.connect(db)
    try:
        assert [r[0] for r in con.execute("SELECT code FROM unit")] == ["SO"]
    finally:
        con.close()


def test_quitting_at_the_first_start_leaves_no_database(tmp_path: Path) -> None:
    new_pc = tmp_path / "may-moi"
    new_pc.mkdir()
    db = new_pc / "tdkt.sqlite"
    outcome = _start(tmp_path, db, "quit")
    assert outcome["code"] == 1 and outcome["shown"] == []
    assert not db.exists() and not list(new_pc.glob("*.sqlite*"))


def test_a_new_database_when_the_clerk_starts_afresh(tmp_path: Path) -> None:
    new_pc = tmp_path / "may-moi"
    new_pc.mkdir()
    db = new_pc / "tdkt.sqlite"
    outcome = _start(tmp_path, db, "new")
    assert outcome["code"] == 0 and outcome["shown"] == []
    assert db.is_file()


def test_an_existing_database_is_opened_without_asking(tmp_path: Path, backup: Path) -> None:
    here = tmp_path / "may"
    here.mkdir()
    shutil.copyfile(backup, here / "tdkt.sqlite")
    outcome = _start(tmp_path, here / "tdkt.sqlite", "")
    assert outcome["code"] == 0 and outcome["asked"] == []
