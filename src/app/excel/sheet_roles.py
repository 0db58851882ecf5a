"""Which sheets of a workbook hold data, and which are set aside unless the clerk names them.

Templates come with sheets that look like data but are not: a "Hướng dẫn" sheet with sample
rows under the same header, an example sheet ("Ví dụ", "Mẫu"), code sheets ("DANHMUC",
"HTKT", "PLDT", "LVHD", "phan loai kt") and hidden sheets feeding drop-down lists. The
importers read the first data sheet whose header they recognise and never these, unless the
clerk names one (the CLI's ``--sheet``).
"""

from __future__ import annotations

import re
from typing import Final

from app.domain.vntext import fold_key
from app.excel.workbook import OpenedWorkbook

__all__ = ["aside_reason", "split_sheets"]

_INSTRUCTIONS: Final = re.compile(
    r"^(?:hd|hdsd)$|^(?:huong dan|luu y|chu y|cach nhap|cach dien|readme|instructions?)(?: .*)?$"
)
_EXAMPLES: Final = re.compile(
    r"^(?:vi du|example|sample|du lieu mau|mau nhap|mau dien|mau vi du)(?: .*)?$"
)
_TEMPLATE: Final = re.compile(r"^mau(?: (?!(?:so )?\d).*)?$")  # "Mẫu", not "Mẫu 01" (a form)
_CODES: Final = re.compile(
    r"^(?:danh ?muc|dm|htkt|pldt|lvhd|phan loai kt|ma|codes?|lists?|tham so|lookup)(?: .*)?$"
)


def aside_reason(name: str, *, hidden: bool = False) -> str | None:
    """Why sheet ``name`` is not read unless named ("trang hướng dẫn", "trang ví dụ",
    "trang danh mục mã", "trang ẩn"), or ``None`` for a data sheet."""
    key = fold_key(name)
    if _INSTRUCTIONS.match(key):
        return "trang hướng dẫn"
    if _EXAMPLES.match(key) or _TEMPLATE.match(key):
        return "trang ví dụ"
    if _CODES.match(key) or key.startswith("danhmuc"):
        return "trang danh mục mã"
    if hidden:
        return "trang ẩn"
    return None


def split_sheets(book: OpenedWorkbook) -> tuple[list[str], dict[str, str]]:
    """(data sheets in workbook order, {sheet set aside: why})."""
    data: list[str] = []
    aside: dict[str, str] = {}
    for ws in book.values.worksheets:
        reason = aside_reason(ws.title, hidden=ws.sheet_state != "visible")
        if reason is None:
            data.append(ws.title)
        else:
            aside[ws.title] = reason
    return data, aside
