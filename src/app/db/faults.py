"""What went wrong with a file or a database server, in one Vietnamese line for the clerk.

The disk is full, a folder or a drive is read-only, a file is missing or held by another
program, the PostgreSQL server does not answer or refuses the password, two clerks saved the
same unique value at the same moment: :func:`describe_fault` names the fault and what to do,
with passwords masked, and returns None for an exception it does not know (a bug). The command
line and the GUI show that line instead of a traceback; :class:`StorageError` carries it as a
domain error (screens show domain errors as refusals).
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from app.config import mask_secrets
from app.domain.errors import DomainError
from app.domain.file_faults import DISK_FULL, READ_ONLY, describe_os_error


class StorageError(DomainError):
    """A file or the database server could not be used; the message is for the clerk."""


def one_line(text: str) -> str:
    return " ".join(str(text).split())


_SQLITE_FAULTS = (
    (("database or disk is full", "disk is full"), DISK_FULL[0]),
    (("readonly database", "read-only", "readonly"), READ_ONLY[0]),
)


def describe_sqlite_error(exc: BaseException, path: Path | str | None = None) -> str | None:
    """A fault SQLite reported (``sqlite3.Error``, or SQLAlchemy's wrapper of one)."""
    text = str(getattr(exc, "orig", None) or exc).lower()
    where = f" {path}" if path else ""
    for needles, code in _SQLITE_FAULTS:
        if any(n in text for n in needles):
            return describe_os_error(OSError(code, ""), path)
    if "database is locked" in text or "database table is locked" in text:
        return (
            f"Cơ sở dữ liệu{where} đang bị chương trình khác khóa (đang ghi): hãy đợi hoặc "
            "đóng chương trình đó rồi làm lại."
        )
    if "unable to open database" in text or "unable to open" in text:
        return (
            f"Không mở được tệp cơ sở dữ liệu{where}: thư mục không tồn tại, không có quyền "
            "ghi hoặc ổ đĩa chưa sẵn sàng."
        )
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return f"Tệp{where} bị hỏng hoặc không phải cơ sở dữ liệu."
    if "disk i/o error" in text:
        return f"Lỗi đọc/ghi ổ đĩa khi dùng cơ sở dữ liệu{where}: hãy kiểm tra ổ đĩa rồi làm lại."
    return None


def _server_of(text: str) -> str:
    found = re.search(r'(?:server at|host) "([^"]+)"(?:, port (\d+))?', text)
    if found:
        return found[1] + (f":{found[2]}" if found[2] else "")
    return ""


def describe_server_error(exc: BaseException) -> str | None:
    """PostgreSQL (psycopg) refusing the connection or the password."""
    text = str(getattr(exc, "orig", None) or exc)
    low = text.lower()
    server = _server_of(text)
    at = f" {server}" if server else ""
    if "password authentication failed" in low or "no password supplied" in low:
        return (
            f"Máy chủ PostgreSQL{at} từ chối tên đăng nhập hoặc mật khẩu: hãy kiểm tra lại "
            "địa chỉ CSDL (--db hoặc TDKT_DB)."
        )
    if "is not permitted to log in" in low:
        return (
            f"Tài khoản này đã bị khóa trên máy chủ PostgreSQL{at} (không được đăng nhập): hãy "
            "hỏi người quản trị."
        )
    denied = re.search(r"permission denied for (?:table|relation|sequence) (\S+)", text)
    if denied:
        return (
            f"Tài khoản CSDL của bạn không có quyền ghi vào bảng {denied[1]}: chưa ghi gì. Việc "
            "này cần một vai trò khác; hãy hỏi người quản trị."
        )
    if "nhật ký thay đổi không được sửa hoặc xóa" in low:
        return "Nhật ký thay đổi không được sửa hoặc xóa: chưa ghi gì."
    if "does not exist" in low and "database" in low:
        return f"Máy chủ PostgreSQL{at} không có cơ sở dữ liệu đã ghi trong địa chỉ CSDL."
    if any(
        n in low
        for n in (
            "connection refused",
            "could not connect",
            "connection failed",
            "timeout expired",
            "timed out",
            "could not translate host name",
            "name or service not known",
            "no route to host",
            "server closed the connection",
            "connection is bad",
            "network is unreachable",
        )
    ):
        return (
            f"Không kết nối được máy chủ PostgreSQL{at}: máy chủ chưa chạy, sai địa chỉ hoặc "
            "mạng có sự cố. Chưa ghi gì."
        )
    return None


# Unique constraints a race between two clerks can break, by table and columns.
_UNIQUE = {
    ("decision", ("year", "series", "seq")): (
        "Số quyết định này vừa được dùng cho một quyết định khác (số đã dùng trong năm); chưa "
        "ghi gì. Hãy lấy số khác rồi lưu lại."
    ),
    ("person", ("citizen_id",)): (
        "Số CCCD này vừa được ghi cho một người khác (số đã dùng); chưa ghi gì."
    ),
    ("person", ("staff_code",)): (
        "Mã cán bộ này vừa được ghi cho một người khác (mã đã dùng); chưa ghi gì."
    ),
    (
        "unit",
        ("code",),
    ): "Mã đơn vị này vừa được dùng cho một đơn vị khác (mã đã dùng); chưa ghi gì.",
}
_GENERIC_UNIQUE = (
    "Một người dùng khác vừa ghi đúng bản ghi này (trùng dữ liệu đã có); chưa ghi gì. Dữ liệu "
    "đã được tải lại; hãy kiểm tra rồi lưu lại."
)


def _unique_key(text: str) -> tuple[str, tuple[str, ...]] | None:
    sqlite = re.search(r"UNIQUE constraint failed: ([\w.,\s]+)", text)
    if sqlite:
        parts = [p.strip() for p in sqlite[1].split(",") if p.strip()]
        table = parts[0].split(".")[0]
        return table, tuple(p.split(".", 1)[-1] for p in parts)
    server = re.search(r'unique constraint "([^"]+)"', text)
    if server:
        name = server[1]
        for (table, columns), _ in _UNIQUE.items():
            if name in (f"uq_{table}_{'_'.join(columns)}", f"{table}_{columns[0]}_key"):
                return table, columns
        return name, ()
    return None


def describe_integrity_error(exc: BaseException) -> str | None:
    """A unique value written by two clerks at once (or another broken constraint)."""
    text = str(getattr(exc, "orig", None) or exc)
    if "unique" not in text.lower() and "duplicate key" not in text.lower():
        return None
    key = _unique_key(text)
    if key is not None and key in _UNIQUE:
        return _UNIQUE[key]
    return _GENERIC_UNIQUE


def describe_fault(
    exc: BaseException, *, path: Path | str | None = None, url: str | None = None
) -> str | None:
    """One Vietnamese line for a known fault (passwords masked), None for anything else."""
    message = _describe(exc, path)
    return mask_secrets(one_line(message), url) if message is not None else None


def _describe(exc: BaseException, path: Path | str | None) -> str | None:
    from sqlalchemy.exc import ArgumentError, DBAPIError, IntegrityError, NoSuchModuleError

    if isinstance(exc, DomainError):
        return str(exc)
    if isinstance(exc, IntegrityError):
        return describe_integrity_error(exc) or str(exc.orig)
    if isinstance(exc, DBAPIError):
        if isinstance(exc.orig, sqlite3.Error):
            return describe_sqlite_error(exc, path)
        return describe_server_error(exc) or describe_sqlite_error(exc, path)
    if isinstance(exc, sqlite3.Error):
        return describe_sqlite_error(exc, path)
    if isinstance(exc, OSError):
        return describe_os_error(exc, path)
    if isinstance(exc, NoSuchModuleError | ArgumentError):
        return f"Địa chỉ cơ sở dữ liệu không hợp lệ: {exc}"
    if isinstance(exc, ModuleNotFoundError) and (exc.name or "").startswith("psycopg"):
        return "Chưa cài trình kết nối PostgreSQL (psycopg) cho chương trình."
    return None


def storage_error(
    exc: BaseException, *, path: Path | str | None = None, url: str | None = None
) -> StorageError | None:
    """``exc`` as a :class:`StorageError`, or None when it is not a known fault."""
    message = describe_fault(exc, path=path, url=url)
    return StorageError(message) if message is not None else None
