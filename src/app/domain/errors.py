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


CONFLICT_MESSAGE = (
    "Bản ghi này vừa được người khác sửa. Dữ liệu đã được tải lại; hãy kiểm tra rồi lưu lại."
)


class ConflictError(DomainError):
    """Another clerk saved the same record since this one was read (optimistic locking).

    Nothing was written; the screen reloads the record so the clerk can check and save again.
    """

    def __init__(self, message: str = CONFLICT_MESSAGE) -> None:
        super().__init__(message)

    @staticmethod
    def check(current: int | None, expected: int | None) -> None:
        """Refuse a save based on version ``expected`` when the record is now at ``current``.

        ``expected=None``: the caller did not display the record, nothing to compare;
        ``0`` stands for "no record yet" on both sides.
        """
        if expected is not None and (current or 0) != expected:
            raise ConflictError()


class ReadOnlyError(DomainError):
    """A save refused because the database was opened only for reading."""

    def __init__(self) -> None:
        super().__init__(
            "Cơ sở dữ liệu đang mở ở chế độ chỉ đọc vì một chương trình khác đang ghi vào nó: "
            "không lưu được thay đổi này. Hãy đóng chương trình kia rồi mở lại TĐKT để sửa."
        )
