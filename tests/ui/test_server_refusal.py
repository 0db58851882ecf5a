"""The window started on a PostgreSQL server that refuses the password (issue 18): one message
box naming the fault, the password nowhere (box, output, log), exit code 1, no traceback. The
real ``run_gui`` in a process of its own; the driver's ``connect`` refuses as psycopg does."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("psycopg")

URL = "postgresql+psycopg://van_thu:Bi-Mat%3A9%40x@10.0.0.5:5432/tdkt"

DRIVER = """
import json, sys
import psycopg
from PySide6.QtWidgets import QMessageBox
shown, tried = [], []
def connect(*args, **kwargs):
    tried.append(kwargs.get("password"))
    raise psycopg.OperationalError(
        'connection failed: connection to server at "10.0.0.5", port 5432 failed: '
        'FATAL:  password authentication failed for user "van_thu"'
    )
psycopg.connect = connect
def box(kind):
    def show(parent, title, text, *args, **kwargs):
        shown.append({"kind": kind, "title": title, "text": text})
        return QMessageBox.StandardButton.Ok
    return staticmethod(show)
QMessageBox.warning = box("warning")
QMessageBox.information = box("information")
QMessageBox.critical = box("critical")
from app.bootstrap import run_gui
code = run_gui(sys.argv[1], exit_when_ready=True)
print(json.dumps({"code": code, "shown": shown, "asked": tried == ["Bi-Mat:9@x"] * len(tried) and bool(tried)}, ensure_ascii=False))
"""


def test_a_refused_password_ends_in_one_message(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("TDKT_DB", "TDKT_TEST_DB_URL")}
    env.update(TDKT_DATA_DIR=str(tmp_path), QT_QPA_PLATFORM="offscreen", PYTHONIOENCODING="utf-8")
    result = subprocess.run(
        [sys.executable, "-c", DRIVER, URL],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found["code"] == 1 and found["asked"]
    assert [m["kind"] for m in found["shown"]] == ["critical"]
    text = found["shown"][0]["text"]
    assert "Máy chủ PostgreSQL 10.0.0.5:5432 từ chối tên đăng nhập hoặc mật khẩu" in text
    log = (tmp_path / "tdkt.log").read_text(encoding="utf-8")
    for where in (text, result.stdout, result.stderr, log):
        assert "Bi-Mat" not in where
    assert "từ chối" in log or "password authentication failed" in log
