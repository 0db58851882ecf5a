"""A GUI that cannot start (no Qt platform plugin: missing system libraries on Linux, a wrong
QT_QPA_PLATFORM) says so in Vietnamese with the fix, on stderr and in tdkt.log, and exits with
code 1: no abort, no traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from app.ui.startup_guard import LINUX_LIBRARIES, start_failure_text


def test_a_platform_that_cannot_load_is_explained_with_its_fix(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "TDKT_DB"}
    env.update(
        TDKT_DATA_DIR=str(tmp_path), QT_QPA_PLATFORM="khong-co-nen-nay", PYTHONIOENCODING="utf-8"
    )
    result = subprocess.run(
        [sys.executable, "-m", "app", "--db", str(tmp_path / "tdkt.sqlite")],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert result.returncode == 1, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr
    assert "TĐKT không mở được giao diện" in result.stderr
    assert "khong-co-nen-nay" in result.stderr and "unset QT_QPA_PLATFORM" in result.stderr
    if sys.platform.startswith("linux"):
        assert "libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1" in result.stderr
    logged = (tmp_path / "tdkt.log").read_text(encoding="utf-8")
    assert "The GUI cannot start" in logged and "khong-co-nen-nay" in logged
    assert "Cách khắc phục" in logged
    assert not (tmp_path / "tdkt.sqlite").exists()  # nothing was opened


def test_the_readme_names_the_libraries_of_the_fix() -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    assert f"sudo apt install {LINUX_LIBRARIES}" in readme
    assert "tdkt.log" in start_failure_text("x", "tdkt.log")
