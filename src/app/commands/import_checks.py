"""`tdkt import ...`: refusing a file that is not what the command reads, and saying what it is.

The reasons and the guess come from :mod:`app.excel.file_kind` (shared with the GUI); this
module adds the command-line words: "Lỗi: ..." and "Tệp này giống ...: dùng tdkt import X".
"""

from __future__ import annotations

from pathlib import Path

from app.commands.common import EXIT_DATA, print_err
from app.domain.imports import ImportReport

__all__ = ["RolledBack", "failing_rows", "looks_like", "refuse"]


class RolledBack(Exception):
    """Raised inside the import's transaction to undo what it wrote."""


def looks_like(path: str | Path, kind: str) -> str | None:
    """ "Tệp này giống danh sách đề nghị khen thưởng tập thể: dùng tdkt import awards", or
    without the command when ``kind`` already reads such a file; ``None`` when unknown."""
    from app.excel.file_kind import sniff_file
    from app.services.reference import codes

    guess = sniff_file(path, codes())
    if guess is None:
        return None
    if guess.kind == kind:
        return f"{guess.sentence()}."
    return f"{guess.sentence()}: dùng tdkt import {guess.kind}"


def refuse(problem: str, path: str | Path, kind: str) -> int:
    """Print ``problem`` and what the file looks like; the exit code of a refused file."""
    print_err(f"Lỗi: {problem}")
    hint = looks_like(path, kind)
    if hint:
        print_err(hint)
    return EXIT_DATA


def failing_rows(kind: str, path: str | Path, report: ImportReport) -> str | None:
    """The refusal when most rows of an import's report failed (issues or skipped)."""
    from app.excel.file_kind import rows_problem

    failed = {i.row for i in report.issues if i.row} | {row for row, _ in report.skipped}
    return rows_problem(
        kind, file=path, sheet=report.sheet, failed=len(failed), total=report.total_rows
    )
