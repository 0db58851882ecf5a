"""Exit codes and messages shared by the commands."""

from __future__ import annotations

import argparse
import sys
from datetime import date

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
