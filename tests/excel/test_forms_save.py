"""Atomic saving of exported workbooks; a target open in Excel keeps its content."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from app.excel.forms import save
from app.excel.forms.save import ExportFileError, lock_file_of, save_workbook


def _wb(text: str) -> Workbook:
    wb = Workbook()
    wb.active["A1"] = text
    return wb


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("~tdkt-"))


def test_saves_a_new_file(tmp_path) -> None:
    path = save_workbook(_wb("mới"), tmp_path / "a.xlsx")
    assert path == (tmp_path / "a.xlsx").absolute()
    assert load_workbook(path).active["A1"].value == "mới"
    assert _leftovers(tmp_path) == []


def test_replaces_an_existing_file(tmp_path) -> None:
    target = tmp_path / "a.xlsx"
    save_workbook(_wb("cũ"), target)
    save_workbook(_wb("mới"), target)
    assert load_workbook(target).active["A1"].value == "mới"
    assert _leftovers(tmp_path) == []


def test_new_file_gets_ordinary_permissions(tmp_path) -> None:
    path = save_workbook(_wb("x"), tmp_path / "a.xlsx")
    if os.name == "posix":
        assert path.stat().st_mode & 0o044  # readable by others (not mkstemp's 0600)


def test_excel_lock_file_refuses_and_keeps_the_old_file(tmp_path) -> None:
    target = tmp_path / "Danh sách.xlsx"
    save_workbook(_wb("cũ"), target)
    before = target.read_bytes()
    lock_file_of(target).write_bytes(b"owner")
    with pytest.raises(ExportFileError) as exc:
        save_workbook(_wb("mới"), target)
    message = str(exc.value)
    assert "đang mở trong Excel" in message and "Danh sách.xlsx" in message
    assert "đóng tệp rồi xuất lại" in message
    assert target.read_bytes() == before
    assert _leftovers(tmp_path) == []


def test_permission_error_on_replace_keeps_the_old_file(tmp_path, monkeypatch) -> None:
    target = tmp_path / "a.xlsx"
    save_workbook(_wb("cũ"), target)
    before = target.read_bytes()

    def locked(src, dst):
        raise PermissionError(13, "The process cannot access the file")

    monkeypatch.setattr(save.os, "replace", locked)
    with pytest.raises(ExportFileError, match="đang mở trong Excel"):
        save_workbook(_wb("mới"), target)
    assert target.read_bytes() == before
    assert _leftovers(tmp_path) == []


def test_permission_error_on_open_is_reported_before_writing(tmp_path, monkeypatch) -> None:
    target = tmp_path / "a.xlsx"
    save_workbook(_wb("cũ"), target)
    real_open = Path.open

    def fake_open(self, mode="r", *args, **kwargs):
        if self == target.absolute() and "+" in mode:
            raise PermissionError(13, "locked")
        return real_open(self, mode, *args, **kwargs)

    monkeypatch.setattr(Path, "open", fake_open)
    with pytest.raises(ExportFileError, match="đang mở trong Excel"):
        save_workbook(_wb("mới"), target)
    assert _leftovers(tmp_path) == []


def test_failure_while_writing_removes_the_temp_file(tmp_path) -> None:
    class Broken:
        def save(self, fh):
            fh.write(b"partial")
            raise RuntimeError("boom")

    target = tmp_path / "a.xlsx"
    save_workbook(_wb("cũ"), target)
    before = target.read_bytes()
    with pytest.raises(RuntimeError):
        save_workbook(Broken(), target)
    assert target.read_bytes() == before
    assert _leftovers(tmp_path) == []


def test_disk_error_is_vietnamese(tmp_path) -> None:
    class Full:
        def save(self, fh):
            raise OSError(28, "No space left on device")

    with pytest.raises(ExportFileError, match="Ổ đĩa đã đầy, không ghi được") as caught:
        save_workbook(Full(), tmp_path / "a.xlsx")
    assert "No space" not in str(caught.value)  # the system's English words are not shown
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("a.xls", "phải có phần mở rộng .xlsx"),
        ("a.csv", "phải có phần mở rộng .xlsx"),
        ("khong-co/a.xlsx", "không tồn tại"),
        ("~$a.xlsx", "không hợp lệ"),
    ],
)
def test_bad_targets(tmp_path, name, message) -> None:
    with pytest.raises(ExportFileError, match=message):
        save_workbook(_wb("x"), tmp_path / name)


def test_directory_target(tmp_path) -> None:
    (tmp_path / "thu-muc.xlsx").mkdir()
    with pytest.raises(ExportFileError, match="là một thư mục"):
        save_workbook(_wb("x"), tmp_path / "thu-muc.xlsx")
