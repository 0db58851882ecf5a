"""Passwords are never printed or logged: ``tdkt check`` (text and ``--json``), the error of a
server that does not answer, the window's status bar and About dialog, the log file."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

import pytest

from app.cli import main
from app.config import display_db, mask_secrets

SECRET = "Mat-Khau:Bi@Mat"
URL = "postgresql+psycopg://van_thu:Mat-Khau%3ABi%40Mat@127.0.0.1:1/tdkt?connect_timeout=2"
PLAIN = "postgresql://van_thu:matkhau123@db.so.local:5432/tdkt"


def test_masking_of_urls_and_messages() -> None:
    assert "matkhau123" not in display_db(PLAIN)
    assert display_db(PLAIN) == "postgresql://van_thu@db.so.local:5432/tdkt"
    text = f"không kết nối được {PLAIN}; password=matkhau123 host=x"
    masked = mask_secrets(text)
    assert "matkhau123" not in masked and "van_thu:***@db.so.local" in masked
    assert "Mat-Khau%3ABi%40Mat" not in mask_secrets(f"lỗi ở {URL}", URL)
    assert mask_secrets("sqlite:////tmp/tdkt.sqlite") == "sqlite:////tmp/tdkt.sqlite"


@pytest.mark.parametrize("as_json", [False, True], ids=["text", "json"])
def test_check_never_prints_the_password(capsys, as_json: bool) -> None:
    code = main(["check", "--db", URL, *(["--json"] if as_json else [])])
    out, err = capsys.readouterr()
    assert code == 1
    for secret in ("Mat-Khau", "%3ABi%40Mat", SECRET):
        assert secret not in out + err
    if as_json:
        report = json.loads(out)
        assert (
            report["database"] == "postgresql+psycopg://van_thu@127.0.0.1:1/tdkt?connect_timeout=2"
        )
        assert any("PostgreSQL" in p for p in report["problems"])


def test_other_commands_never_print_it(capsys) -> None:
    for args in (["eligibility", "--year", "2025"], ["backup"], ["restore", "x.sqlite"]):
        assert main([*args, "--db", URL]) == 1
        out, err = capsys.readouterr()
        assert "Mat-Khau" not in out + err and "Traceback" not in err
        assert err.startswith("Lỗi: ") and err.count("\n") == 1


def test_the_log_never_holds_it(tmp_path: Path) -> None:
    from app import bootstrap

    root = logging.getLogger()
    before = list(root.handlers)
    for handler in before:
        root.removeHandler(handler)
    os.environ["TDKT_DATA_DIR"], saved = str(tmp_path), os.environ["TDKT_DATA_DIR"]
    try:
        path = bootstrap.setup_logging()
        logging.getLogger("app").warning("Không mở được %s", PLAIN)
        logging.getLogger("app").error(f"lỗi: {PLAIN}")
    finally:
        for handler in list(root.handlers):
            handler.close()
            root.removeHandler(handler)
        for handler in before:
            root.addHandler(handler)
        os.environ["TDKT_DATA_DIR"] = saved
    text = path.read_text(encoding="utf-8")
    assert "db.so.local" in text and "matkhau123" not in text


def test_status_bar_and_about_never_show_it(qtbot) -> None:
    from app.ui.about import AboutDialog
    from app.ui.main_window import MainWindow

    window = MainWindow(None, display_name=display_db(PLAIN))
    qtbot.addWidget(window)
    assert "matkhau123" not in window.database_label.text() + window.database_label.toolTip()
    assert "van_thu@db.so.local" in window.database_label.text()
    about = AboutDialog(window.display_name, window)
    qtbot.addWidget(about)
    assert "matkhau123" not in about.text() and "db.so.local" in about.text()
