"""Writing the files a clerk asked for (documents, dossiers) without leaving half a file.

:func:`write_atomically` writes to a temporary name in the target's folder and moves it over
the target with :func:`os.replace`: a full disk, a read-only folder or a target held open by
Word leaves the old file as it was and raises :class:`OutputFileError` with one Vietnamese
line saying what to do. :func:`check_folder` refuses a missing or read-only folder before any
work is done.
"""

from __future__ import annotations

import contextlib
import errno
import os
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from app.domain.errors import DomainError

__all__ = ["OutputFileError", "check_folder", "describe_write_error", "write_atomically"]


class OutputFileError(DomainError):
    """A file the clerk asked for could not be written; the message is Vietnamese."""


def describe_write_error(exc: OSError, path: Path) -> str:
    code = exc.errno
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG):
        return (
            f"Ổ đĩa đã đầy, không ghi được '{path}': hãy giải phóng chỗ trống hoặc chọn ổ "
            "khác rồi làm lại; tệp cũ (nếu có) không thay đổi."
        )
    if code == errno.EROFS:
        return f"Ổ đĩa hoặc thư mục chỉ cho đọc, không ghi được '{path}': hãy chọn thư mục khác."
    if code in (errno.EACCES, errno.EPERM) or isinstance(exc, PermissionError):
        return (
            f"Không có quyền ghi '{path}', hoặc tệp đang mở trong Word/Excel: đóng tệp hoặc "
            "chọn thư mục khác rồi làm lại."
        )
    if code == errno.ENOENT:
        return f"Thư mục '{path.parent}' không tồn tại: hãy chọn thư mục khác."
    return f"Không ghi được '{path}': {exc.strerror or exc}"


def check_folder(folder: Path) -> None:
    if not folder.is_dir():
        raise OutputFileError(f"Thư mục '{folder}' không tồn tại: hãy chọn thư mục khác.")


def _temp_name(target: Path) -> Path:
    return target.with_name(f"~tdkt-{uuid.uuid4().hex[:10]}-{target.stem}.tmp")


def write_atomically(target: Path, write: Callable[[BinaryIO], None] | bytes) -> Path:
    """Write ``target`` through a temporary file; ``write`` is the content or a function
    writing into the open file. Returns the absolute path written."""
    target = Path(target).expanduser().absolute()
    if target.is_dir():
        raise OutputFileError(f"'{target}' là một thư mục, không phải tệp.")
    check_folder(target.parent)
    temp = _temp_name(target)
    try:
        with temp.open("xb") as fh:
            if isinstance(write, bytes | bytearray):
                fh.write(write)
            else:
                write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(temp, target)
    except OSError as exc:
        raise OutputFileError(describe_write_error(exc, target)) from None
    finally:
        with contextlib.suppress(OSError):
            temp.unlink(missing_ok=True)
    return target
