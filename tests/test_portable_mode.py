"""Portable mode: data beside the program (a USB stick) instead of the user's data folder."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from app import config


@pytest.fixture
def frozen_program(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Pretend to be the packaged program, installed in ``tmp_path/TDKT``."""
    folder = tmp_path / "TDKT"
    folder.mkdir()
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(folder / "tdkt-gui.exe"))
    monkeypatch.setattr(sys, "_MEIPASS", str(folder / "_internal"), raising=False)
    monkeypatch.delenv(config.ENV_DATA_DIR, raising=False)
    monkeypatch.delenv(config.ENV_PORTABLE, raising=False)
    return folder


@pytest.fixture
def user_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where the user's data folder would be (platformdirs), redirected for the test."""
    folder = tmp_path / "nguoi-dung" / "TDKT"
    monkeypatch.setattr(config.platformdirs, "user_data_dir", lambda *args, **kwargs: str(folder))
    return folder


def test_installed_program_keeps_data_in_the_user_folder(frozen_program, user_data) -> None:
    assert not config.portable_mode()
    assert config.data_dir() == user_data
    assert not (frozen_program / "data").exists()


def test_portable_txt_next_to_the_program_keeps_everything_beside_it(
    frozen_program, user_data
) -> None:
    (frozen_program / "portable.txt").write_text("", encoding="utf-8")
    data = frozen_program / "data"
    assert config.portable_mode()
    assert config.program_dir() == frozen_program
    assert config.data_dir() == data and data.is_dir()
    assert config.resolve_db_url() == config.sqlite_url(data / "tdkt.sqlite")
    assert config.resolve_db_url(demo=True) == config.sqlite_url(data / "demo.sqlite")
    assert config.log_file() == data / "tdkt.log"
    assert config.backup_dir() == data / "backups"
    assert config.local_settings_file().parent == data
    assert not user_data.exists()


def test_the_environment_variable_turns_portable_mode_on_and_off(
    frozen_program, user_data, monkeypatch
) -> None:
    monkeypatch.setenv(config.ENV_PORTABLE, "1")
    assert config.data_dir() == frozen_program / "data"
    (frozen_program / "portable.txt").write_text("", encoding="utf-8")
    monkeypatch.setenv(config.ENV_PORTABLE, "0")  # overrides the file
    assert not config.portable_mode()
    assert config.data_dir() == user_data


def test_an_explicit_data_folder_wins_over_portable_mode(
    frozen_program, user_data, tmp_path, monkeypatch
) -> None:
    (frozen_program / "portable.txt").write_text("", encoding="utf-8")
    monkeypatch.setenv(config.ENV_DATA_DIR, str(tmp_path / "khac"))
    assert config.data_dir() == tmp_path / "khac"


def test_from_python_the_program_folder_is_the_environment(
    tmp_path, user_data, monkeypatch
) -> None:
    monkeypatch.delattr(sys, "frozen", raising=False)
    monkeypatch.setattr(sys, "prefix", str(tmp_path / "venv"))
    monkeypatch.delenv(config.ENV_DATA_DIR, raising=False)
    monkeypatch.setenv(config.ENV_PORTABLE, "yes")
    assert config.program_dir() == (tmp_path / "venv").resolve()
    assert config.data_dir() == (tmp_path / "venv" / "data").resolve()


def test_a_read_only_program_folder_gives_a_clear_message(
    frozen_program, user_data, monkeypatch
) -> None:
    monkeypatch.setenv(config.ENV_PORTABLE, "1")
    (frozen_program / "data").write_text("một tệp chắn chỗ thư mục", encoding="utf-8")
    with pytest.raises(OSError, match="Không tạo được thư mục dữ liệu"):
        config.data_dir()


def test_frozen_resources_are_found_in_the_bundle(frozen_program) -> None:
    assert config.resources_root() == frozen_program / "_internal" / "app" / "resources"


def test_a_relative_backup_folder_follows_the_portable_data_folder(
    frozen_program, user_data
) -> None:
    (frozen_program / "portable.txt").write_text("", encoding="utf-8")
    config.write_local_settings({"backup": {"folder": "sao-luu-usb"}})
    assert config.backup_dir() == frozen_program / "data" / "sao-luu-usb"
