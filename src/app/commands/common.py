"""Exit codes and messages shared by the commands."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

T = TypeVar("T")

EXIT_OK = 0
EXIT_DATA = 1
EXIT_USAGE = 2


def print_err(message: str) -> None:
    print(message, file=sys.stderr)


def one_line(text: str) -> str:
    """A message on one line (a fault is one line on stderr)."""
    return " ".join(text.split())


def date_arg(text: str) -> date:
    from app.domain.vnformat import parse_date

    try:
        value = parse_date(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    if value is None:
        raise argparse.ArgumentTypeError("thiếu ngày")
    return value


def read_database(args: argparse.Namespace, work: Callable[[Any], T]) -> tuple[int, T | None]:
    """Open the database of ``args.db`` (or the default), run ``work(session)`` in one read-only
    session and close it: ``(EXIT_OK, result)``, or ``(EXIT_DATA, None)`` after one Vietnamese
    line on stderr (no such file, a database that cannot be opened, a domain refusal)."""
    from app.config import resolve_db_url, sqlite_path
    from app.db.migrate import DatabaseError
    from app.domain.errors import DomainError
    from app.services.database import open_database

    url = resolve_db_url(getattr(args, "db", None))
    path = sqlite_path(url)
    if path is not None and not path.exists():
        print_err(f"Lỗi: không tìm thấy CSDL {path}")
        return EXIT_DATA, None
    try:
        db = open_database(url)
    except DatabaseError as exc:
        print_err(f"Lỗi: {exc}")
        return EXIT_DATA, None
    try:
        with db.session_factory() as session:
            return EXIT_OK, work(session)
    except DomainError as exc:
        print_err(f"Lỗi: {exc}")
        return EXIT_DATA, None
    finally:
        db.dispose()
