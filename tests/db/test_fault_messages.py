"""The one Vietnamese line each fault gets (``app.db.faults``): from the operating system, from
SQLite, from a PostgreSQL server (no server, a wrong password), from a unique constraint; the
password of the URL masked; None for an exception that is a bug."""

from __future__ import annotations

import errno
import sqlite3

import pytest
from sqlalchemy.exc import IntegrityError, OperationalError

from app.db.faults import describe_fault

URL = "postgresql+psycopg://van_thu:Bi-Mat-9@10.0.0.5:5432/tdkt"


def _server(message: str) -> OperationalError:
    return OperationalError("SELECT 1", {}, Exception(message))


@pytest.mark.parametrize(
    ("exc", "words"),
    [
        (OSError(errno.ENOSPC, "No space left on device", "/d/tdkt.sqlite"), "Ổ đĩa đã đầy"),
        (OSError(errno.EROFS, "Read-only file system", "/d/x"), "chỉ cho đọc"),
        (PermissionError(errno.EACCES, "Permission denied", "/d/x"), "Không có quyền ghi"),
        (FileNotFoundError(errno.ENOENT, "No such file", "/d/x"), "Không tìm thấy"),
        (sqlite3.OperationalError("database or disk is full"), "Ổ đĩa đã đầy"),
        (sqlite3.OperationalError("attempt to write a readonly database"), "chỉ cho đọc"),
        (sqlite3.OperationalError("database is locked"), "chương trình khác khóa"),
        (sqlite3.OperationalError("unable to open database file"), "Không mở được"),
        (sqlite3.DatabaseError("file is not a database"), "không phải cơ sở dữ liệu"),
        (
            _server(
                'connection failed: connection to server at "10.0.0.5", port 5432 failed: '
                'FATAL:  password authentication failed for user "van_thu"'
            ),
            "từ chối tên đăng nhập hoặc mật khẩu",
        ),
        (
            _server(
                'connection failed: connection to server at "10.0.0.5", port 5432 failed: '
                "Connection refused\n\tIs the server running on that host?"
            ),
            "Không kết nối được máy chủ PostgreSQL 10.0.0.5:5432",
        ),
        (
            _server('failed to resolve host "db.khong-co": Name or service not known'),
            "Không kết nối được máy chủ PostgreSQL",
        ),
        (
            IntegrityError(
                "UPDATE decision",
                {},
                Exception("UNIQUE constraint failed: decision.year, decision.series, decision.seq"),
            ),
            "số đã dùng",
        ),
        (
            IntegrityError(
                "UPDATE decision",
                {},
                Exception(
                    'duplicate key value violates unique constraint "uq_decision_year_series_seq"'
                ),
            ),
            "số đã dùng",
        ),
        (
            IntegrityError(
                "UPDATE person", {}, Exception("UNIQUE constraint failed: person.citizen_id")
            ),
            "CCCD",
        ),
    ],
)
def test_known_faults_get_one_vietnamese_line(exc: BaseException, words: str) -> None:
    message = describe_fault(exc, url=URL)
    assert message is not None and words in message, message
    assert "\n" not in message and "Bi-Mat-9" not in message


def test_a_password_repeated_by_a_driver_is_masked() -> None:
    exc = _server(f"could not connect with {URL}: connection refused")
    message = describe_fault(exc, url=URL)
    assert message is not None and "Bi-Mat-9" not in message


def test_a_bug_is_not_dressed_up_as_a_fault() -> None:
    assert describe_fault(KeyError("x")) is None
    assert describe_fault(ValueError("x")) is None
