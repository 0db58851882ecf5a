"""Atomic saving of exported workbooks (architecture.md, "Excel").

The workbook is written to a temporary file in the target folder and moved over the target
with :func:`os.replace`, so a crash or a refusal leaves the old file as it was. A target that
is open in Excel (a lock file ``~$name.xlsx`` next to it, or a :class:`PermissionError` when the
file is opened or replaced) gives an :class:`ExportFileError` with a Vietnamese message; the
temporary file is removed and the existing target is untouched.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from pathlib import Path
from typing import Any

from app.domain.file_faults import describe_os_error
from app.excel.forms.cached import write_cached

__all__ = ["ExportFileError", "check_target", "lock_file_of", "save_workbook"]

_SUFFIXES = frozenset({".xlsx", ".xlsm"})


class ExportFileError(Exception):
    """The export file cannot be written. The message is Vietnamese and names the file."""


def lock_file_of(target: Path) -> Path:
    """The owner file Excel creates next to a workbook it has open: ``~$name.xlsx``."""
    return target.with_name("~$" + target.name)


def _open_in_excel(target: Path) -> ExportFileError:
    return ExportFileError(
        f"Tệp '{target.name}' đang mở trong Excel: đóng tệp rồi xuất lại "
        f"(thư mục {target.parent}). Nếu Excel đã đóng mà vẫn báo lỗi này, xóa tệp "
        f"'{lock_file_of(target).name}' trong thư mục đó."
    )


def check_target(target: Path) -> Path:
    """Refuse a target that cannot be written; returns the absolute path.

    Checks the name (``.xlsx``), the folder, Excel's lock file and, when the target exists,
    that it can be opened for writing (on Windows a workbook open in Excel cannot).
    """
    target = Path(target).expanduser().absolute()
    if target.suffix.lower() not in _SUFFIXES:
        raise ExportFileError(
            f"Tên tệp '{target.name}' phải có phần mở rộng .xlsx (ví dụ danh-sach.xlsx)."
        )
    if target.name.startswith("~$"):
        raise ExportFileError(f"Tên tệp '{target.name}' không hợp lệ (tên tệp khóa của Excel).")
    folder = target.parent
    if not folder.is_dir():
        raise ExportFileError(f"Thư mục '{folder}' không tồn tại: chọn thư mục khác.")
    if target.is_dir():
        raise ExportFileError(f"'{target}' là một thư mục, không phải tệp.")
    if lock_file_of(target).exists():
        raise _open_in_excel(target)
    if target.exists():
        try:
            with target.open("r+b"):
                pass
        except PermissionError:
            raise _open_in_excel(target) from None
        except OSError as exc:
            raise ExportFileError(describe_os_error(exc, target)) from None
    return target


def _temp_name(target: Path) -> Path:
    return target.with_name(f"~tdkt-{uuid.uuid4().hex[:10]}-{target.stem}.tmp")


def save_workbook(workbook: Any, target: Path | str) -> Path:
    """Save an openpyxl workbook to ``target`` atomically; returns the absolute path written.

    Raises :class:`ExportFileError` (Vietnamese message) when the target is open in Excel, its
    folder does not exist, the disk is full or the user has no right to write there. In every
    failure the temporary file is removed and an existing target keeps its content.
    """
    path = check_target(Path(target))
    temp = _temp_name(path)
    try:
        try:
            with temp.open("xb") as fh:
                workbook.save(fh)
                fh.flush()
                os.fsync(fh.fileno())
            write_cached(temp, workbook)  # the values of the formulas (totals) beside them
        except PermissionError:
            raise ExportFileError(
                f"Không có quyền ghi vào thư mục '{path.parent}': chọn thư mục khác."
            ) from None
        except OSError as exc:
            raise ExportFileError(describe_os_error(exc, path)) from None
        try:
            os.replace(temp, path)
        except PermissionError:
            raise _open_in_excel(path) from None
        except OSError as exc:
            raise ExportFileError(describe_os_error(exc, path)) from None
    finally:
        with contextlib.suppress(OSError):
            temp.unlink(missing_ok=True)
        with contextlib.suppress(OSError):
            temp.with_name(temp.name + ".cache").unlink(missing_ok=True)
    return path
