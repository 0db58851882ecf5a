"""`tdkt import ... --convert-legacy`: the refusal without it, the list of converted cells with it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from app.commands.common import EXIT_DATA, print_err
from app.domain.legacy_text import ENCODING_LABELS, TextConversion
from app.excel.legacy import LegacyEncodingError

__all__ = [
    "MAX_LINES",
    "LegacyEncodingError",
    "conversion_lines",
    "print_conversions",
    "refuse_legacy",
]

MAX_LINES: Final = 20
"""Converted cells printed one per line; the rest are counted."""

CLI_HINT: Final = "Dòng lệnh: chạy lại với --convert-legacy để chuyển sang Unicode khi nhập."


def refuse_legacy(exc: LegacyEncodingError) -> int:
    """Print the refusal (the reader's message, flag-free) and the option that gives consent."""
    print_err(f"Lỗi: {exc}")
    print_err(CLI_HINT)
    return EXIT_DATA


def _where(item: TextConversion) -> str:
    sheet = f"trang '{item.sheet}', " if item.sheet else ""
    column = f"cột '{item.header}' ({item.column})" if item.header else f"cột {item.column}"
    return f"{sheet}dòng {item.row}, {column}"


def conversion_lines(conversions: Sequence[TextConversion]) -> list[str]:
    """Report lines: a title, at most :data:`MAX_LINES` cells before → after, the rest counted."""
    if not conversions:
        return []
    labels = sorted({ENCODING_LABELS[c.encoding] for c in conversions})
    lines = [f"Đã chuyển {len(conversions)} ô từ bảng mã cũ {' và '.join(labels)} sang Unicode:"]
    for item in conversions[:MAX_LINES]:
        lines.append(f"  {_where(item)}: '{item.before}' → '{item.after}'")
    if len(conversions) > MAX_LINES:
        lines.append(f"  ... và {len(conversions) - MAX_LINES} ô khác")
    return lines


def print_conversions(conversions: Sequence[TextConversion]) -> None:
    for line in conversion_lines(conversions):
        print(line)
