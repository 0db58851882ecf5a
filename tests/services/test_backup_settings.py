"""Backup settings: the folder (USB drive, share) and retention, honoured by every backup."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from app import config
from app.cli import main
from app.domain.errors import ValidationError
from app.domain.units import UnitInput
from app.services import backup as svc
from app.services import units as unit_svc


@pytest.fixture(autouse=True)
def own_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data folder (and so a settings file) of this test only."""
    folder = tmp_path / "du-lieu"
    monkeypatch.setenv(config.ENV_DATA_DIR, str(folder))
    return folder


@pytest.fixture
def filled(database, sqlite_only):
    with database.session_factory.begin() as s:
        unit_svc.create_unit(
            s, UnitInput(code="SO", full_name="Sở Nông nghiệp và Môi trường", kind="CO_QUAN")
        )
    return database


def test_defaults_until_saved(own_data_folder) -> None:
    assert svc.get_backup_settings() == svc.BackupSettings("", 30, 12)
    where = svc.backup_folder()
    assert where.active == own_data_folder / "backups" == where.default
    assert where.configured is None and where.problem is None


def test_saved_settings_are_kept_in_the_data_folder_file(own_data_folder, tmp_path) -> None:
    usb = tmp_path / "usb" / "TDKT"
    saved = svc.save_backup_settings(svc.BackupSettings(f"  {usb}  ", 7, 3))
    assert saved == svc.BackupSettings(str(usb), 7, 3)
    assert svc.get_backup_settings() == saved
    stored = json.loads((own_data_folder / config.LOCAL_SETTINGS_NAME).read_text("utf-8"))
    assert stored["backup"] == {"folder": str(usb), "keep_daily": 7, "keep_monthly": 3}
    assert usb.is_dir()  # created and tried for writing when saved
    assert svc.backup_folder().active == usb
    assert config.backup_dir() == usb


def test_other_settings_in_the_file_are_kept(own_data_folder) -> None:
    config.write_local_settings({"khac": {"a": 1}})
    svc.save_backup_settings(svc.BackupSettings("", 40, 6))
    assert config.read_local_settings()["khac"] == {"a": 1}


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        (svc.BackupSettings("", 0, 12), "hằng ngày giữ lại phải từ 1"),
        (svc.BackupSettings("", 30, -1), "hằng tháng giữ lại phải từ 0"),
        (svc.BackupSettings("", 5000, 12), "nhận được 5000"),
    ],
)
def test_retention_out_of_range_is_refused_and_nothing_saved(
    own_data_folder, settings, expected
) -> None:
    with pytest.raises(ValidationError) as caught:
        svc.save_backup_settings(settings)
    assert any(expected in p for p in caught.value.problems)
    assert not (own_data_folder / config.LOCAL_SETTINGS_NAME).exists()


def test_a_file_in_place_of_the_folder_is_refused(own_data_folder, tmp_path) -> None:
    blocker = tmp_path / "mot-tep"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(ValidationError, match="là một tệp, không phải thư mục"):
        svc.save_backup_settings(svc.BackupSettings(str(blocker), 30, 12))
    assert svc.get_backup_settings().folder == ""


def test_a_folder_that_cannot_be_created_is_refused(tmp_path) -> None:
    blocker = tmp_path / "mot-tep"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(ValidationError, match="Không ghi được vào thư mục sao lưu"):
        svc.save_backup_settings(svc.BackupSettings(str(blocker / "TDKT"), 30, 12))
    assert svc.get_backup_settings().folder == ""


def test_a_relative_folder_is_taken_from_the_data_folder(own_data_folder) -> None:
    svc.save_backup_settings(svc.BackupSettings("sao-luu-rieng", 30, 12))
    assert svc.backup_folder().active == own_data_folder / "sao-luu-rieng"


def test_an_unplugged_drive_falls_back_to_the_data_folder_and_says_so(
    own_data_folder, tmp_path
) -> None:
    usb = tmp_path / "usb"
    svc.save_backup_settings(svc.BackupSettings(str(usb), 30, 12))
    # The drive goes away: its path is now a file we cannot create a folder in.
    usb.rmdir()
    usb.write_text("ổ đĩa đã rút", encoding="utf-8")
    where = svc.backup_folder()
    assert where.configured == usb and where.active == own_data_folder / "backups"
    assert where.problem is not None and str(usb) in where.problem


def test_backups_restore_and_cli_use_the_configured_folder(filled, tmp_path, capsys) -> None:
    usb = tmp_path / "usb"
    svc.save_backup_settings(svc.BackupSettings(str(usb), 30, 12))
    made = svc.backup_database(filled.url)
    assert made.parent == usb
    assert main(["backup", "--db", filled.url]) == 0
    assert str(usb) in capsys.readouterr().out
    assert [b.reason for b in svc.list_backups()] == ["thu-cong", "thu-cong"]
    filled.dispose()
    result = svc.restore_database(filled.url, made)
    assert result.previous_copy.parent == usb
    assert svc.daily_backup(filled.url).parent == usb  # type: ignore[union-attr]


def test_list_gives_date_kind_and_size_newest_first(filled, tmp_path) -> None:
    folder = tmp_path / "bk"
    first = svc.backup_database(filled.url, folder=folder, reason="truoc-nhap")
    second = svc.backup_database(filled.url, folder=folder)
    (folder / "ghi-chu.sqlite").write_bytes(b"not ours")  # not named by the program: ignored
    (folder / "tdkt-hang-ngay-20261399-250000.sqlite").write_bytes(b"x")  # impossible date
    listed = svc.list_backups(folder)
    assert [b.path for b in listed] == [second, first]
    assert listed[1].kind == "Trước khi nhập dữ liệu" and listed[0].kind == "Sao lưu thủ công"
    assert listed[0].size == second.stat().st_size > 0
    assert abs(listed[0].created - datetime.now()) < timedelta(minutes=5)


def test_rotation_uses_the_saved_counts_and_spares_manual_and_pre_restore_copies(
    tmp_path,
) -> None:
    folder = tmp_path / "bk"
    folder.mkdir()
    start = datetime(2026, 11, 20, 9, 0, 0)
    for n in range(100):
        stamp = (start - timedelta(days=n)).strftime(svc.STAMP)
        (folder / f"tdkt-hang-ngay-{stamp}.sqlite").write_bytes(b"x")
    old = (start - timedelta(days=90)).strftime(svc.STAMP)
    manual = folder / f"tdkt-thu-cong-{old}.sqlite"
    before_restore = folder / f"tdkt-truoc-phuc-hoi-{old}.sqlite"
    manual.write_bytes(b"x")
    before_restore.write_bytes(b"x")
    svc.save_backup_settings(svc.BackupSettings("", 5, 2))
    svc.prune_backups(folder)
    kept = svc.list_backups(folder)
    daily = [b for b in kept if b.reason == "hang-ngay"]
    assert len(daily) == 5 + 1  # five days, plus the newest of the month before
    assert {b.created.month for b in daily} == {11, 10}
    assert manual.is_file() and before_restore.is_file()


def test_restoring_the_database_onto_itself_is_refused(filled) -> None:
    path = filled.file
    assert path is not None
    with pytest.raises(svc.BackupError, match="chính là cơ sở dữ liệu đang dùng"):
        svc.restore_database(filled.url, path)
