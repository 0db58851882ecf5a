"""Typed errors raised by services; every message is Vietnamese and meant for the clerk."""

from __future__ import annotations


class DomainError(Exception):
    """A request the rules refuse. ``str(error)`` is shown to the user as is."""


class NotFoundError(DomainError):
    pass


class ValidationError(DomainError):
    """Input that breaks one or more rules; ``problems`` lists each in Vietnamese."""

    def __init__(self, problems: list[str] | str) -> None:
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__("; ".join(self.problems))
