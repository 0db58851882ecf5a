"""The real program, run in a process of its own, ends with exit code 0 and no Qt warning.

Each run copies a small demo database (with a review year) and plays a scenario of
``gui_driver.py`` through ``app.bootstrap.run_gui``: the threaded task runner, the exception
hook and the exit are the program's own. A crash on exit shows as a non-zero (signal) exit
code; a Qt warning or an unexpected error the program logged shows on stderr.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app.config import sqlite_url
from app.services.database import open_database
from app.services.demo import DemoOptions, build_demo
from app.ui.sections import SECTION_KEYS

DRIVER = Path(__file__).with_name("gui_driver.py")

# What the offscreen platform itself prints (pyproject.toml ignores the same in qt_log_ignore);
# a clerk's screen (xcb, windows) never does.
OFFSCREEN_NOISE = (
    "This plugin does not support propagateSizeHints()",
    "This plugin does not support raise()",
    "This plugin does not support grabbing the keyboard",
)


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("exit-demo")
    path = folder / "demo.sqlite"
    db = open_database(sqlite_url(path), backup_folder=folder / "backups")
    try:
        with db.session_factory.begin() as session:
            build_demo(session, DemoOptions(people=80, years=3, review_year=True))
    finally:
        db.dispose()
    return path


def play(scenario: str, demo_file: Path, folder: Path) -> subprocess.CompletedProcess[str]:
    folder.mkdir(parents=True, exist_ok=True)
    database = folder / "tdkt.sqlite"
    shutil.copyfile(demo_file, database)
    env = {k: v for k, v in os.environ.items() if k not in ("TDKT_DB", "QT_LOGGING_RULES")}
    env.update(TDKT_DATA_DIR=str(folder), QT_QPA_PLATFORM="offscreen", PYTHONIOENCODING="utf-8")
    return subprocess.run(
        [sys.executable, str(DRIVER), scenario, str(database)],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=600,
    )


def warnings_of(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [
        line
        for line in result.stderr.splitlines()
        if line.strip() and not any(noise in line for noise in OFFSCREEN_NOISE)
    ]


def seen_by(result: subprocess.CompletedProcess[str]) -> dict[str, list[str]]:
    seen: dict[str, list[str]] = json.loads(result.stdout.strip().splitlines()[-1])
    return seen


def test_review_quota_then_quit_exits_cleanly_three_times(demo_file: Path, tmp_path: Path) -> None:
    """Bình xét → click in the table → F5 → a row → "Hạn mức…" → Esc → Ctrl+Q, three runs."""
    for run in range(3):
        result = play("review-quota", demo_file, tmp_path / f"run{run}")
        assert result.returncode == 0, (run, result.returncode, result.stderr)
        assert warnings_of(result) == [], (run, result.stderr)
        seen = seen_by(result)
        assert seen["sections"] == ["Bình xét: 80"], seen  # F5 evaluated every person
        assert any(d.startswith("QuotaDialog") for d in seen["dialogs"]), seen


def test_every_dialog_of_every_screen_opens_closes_then_quits(
    demo_file: Path, tmp_path: Path
) -> None:
    result = play("every-dialog", demo_file, tmp_path)
    assert result.returncode == 0, (result.returncode, result.stderr)
    assert warnings_of(result) == [], result.stderr
    seen = seen_by(result)
    assert len(seen["sections"]) == len(SECTION_KEYS), seen
    # Enough dialogs opened that the walk means something (each screen has some).
    assert len(seen["dialogs"]) >= 25, seen


def test_rows_copied_then_quit_exits_cleanly(demo_file: Path, tmp_path: Path) -> None:
    """The clipboard still holds the copied list when the program ends: exit 0."""
    result = play("copy-rows", demo_file, tmp_path)
    assert result.returncode == 0, (result.returncode, result.stderr)
    assert warnings_of(result) == [], result.stderr
    (shown,) = seen_by(result)["sections"]
    assert shown.startswith("Đơn vị & cán bộ: ") and int(shown.rsplit(" ", 1)[1]) > 1, shown
