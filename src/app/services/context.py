"""What the GUI holds of the database: a way to run one service call per user action.

The GUI never touches sessions: it passes a service function and gets DTOs back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Concatenate, ParamSpec, TypeVar

from sqlalchemy.orm import Session, sessionmaker

P = ParamSpec("P")
R = TypeVar("R")


@dataclass
class AppContext:
    url: str
    display_name: str
    file: Path | None
    session_factory: sessionmaker[Session]

    def write(
        self, fn: Callable[Concatenate[Session, P], R], *args: P.args, **kwargs: P.kwargs
    ) -> R:
        """Run ``fn(session, ...)`` in one transaction: committed if it returns, rolled back if it raises."""
        with self.session_factory.begin() as session:
            return fn(session, *args, **kwargs)

    def read(
        self, fn: Callable[Concatenate[Session, P], R], *args: P.args, **kwargs: P.kwargs
    ) -> R:
        """Run a read-only ``fn(session, ...)``; nothing is committed."""
        with self.session_factory() as session:
            try:
                return fn(session, *args, **kwargs)
            finally:
                session.rollback()
