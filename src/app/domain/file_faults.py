"""A failed read or write of a file, in one Vietnamese line (pure: no I/O).

Shared by the database layer (``app.db.faults``) and the Excel export (``app.excel``): the disk
is full, the folder is read-only, the file is held by another program or missing.
"""

from __future__ import annotations

import errno
from pathlib import Path

DISK_FULL = (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG)
READ_ONLY = (errno.EROFS,)
NO_RIGHTS = (errno.EACCES, errno.EPERM)


def _where(path: Path | str | None) -> str:
    return f" {path}" if path else ""


def describe_os_error(exc: OSError, path: Path | str | None = None) -> str:
    """A failed read or write of a file or folder (``exc.filename`` when ``path`` is None)."""
    where = _where(path or exc.filename)
    code = exc.errno
    if code in DISK_FULL:
        return (
            f"Ổ đĩa đã đầy, không ghi được{where}: hãy giải phóng chỗ trống (hoặc chọn ổ "
            "khác) rồi làm lại; dữ liệu đang có không thay đổi."
        )
    if code in READ_ONLY:
        return (
            f"Ổ đĩa hoặc thư mục chỉ cho đọc, không ghi được{where}: hãy chọn thư mục ghi "
            "được rồi làm lại."
        )
    if code in NO_RIGHTS:
        return (
            f"Không có quyền ghi hoặc tệp đang được chương trình khác giữ:{where}. Hãy đóng "
            "chương trình đó hoặc chọn thư mục khác rồi làm lại."
        )
    if code == errno.ENOENT:
        return f"Không tìm thấy tệp hoặc thư mục{where}."
    if code == errno.EISDIR:
        return f"{where.strip()} là một thư mục, không phải tệp."
    return f"Lỗi đọc/ghi tệp{where}: {exc.strerror or exc}."
