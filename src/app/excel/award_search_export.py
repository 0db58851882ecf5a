"""The results of "Tra cứu khen thưởng" (:mod:`app.services.award_search`) as an Excel sheet,
saved atomically (:func:`app.excel.forms.save.save_workbook`): the GUI and ``tdkt search -o``
write the same file."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from app.excel.forms.save import save_workbook
from app.services.award_search import SearchRow

HEADERS = (
    ("STT", 6),
    ("Năm", 8),
    ("Đối tượng", 12),
    ("Họ tên / Tên tập thể", 34),
    ("Đơn vị", 34),
    ("Danh hiệu, hình thức", 34),
    ("Loại hình", 28),
    ("Số quyết định", 18),
    ("Ngày quyết định", 14),
    ("Cấp quyết định", 30),
    ("Đã thu hồi", 10),
)


def row_values(index: int, row: SearchRow) -> list[object]:
    return [
        index,
        row.year,
        row.subject_kind_name,
        row.subject_name,
        row.unit_name,
        row.title_name,
        row.award_type_name,
        row.decision_number,
        row.decision_date.strftime("%d/%m/%Y") if row.decision_date else "",
        row.authority,
        "x" if row.revoked else "",
    ]


def write_search(rows: Sequence[SearchRow], target: Path | str, *, criteria: str = "") -> Path:
    """Write ``rows`` to ``target`` (.xlsx); returns the path written."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Tra cứu khen thưởng"
    ws.cell(row=1, column=1, value="KẾT QUẢ TRA CỨU KHEN THƯỞNG").font = Font(bold=True, size=13)
    ws.cell(row=2, column=1, value=criteria or "Không lọc").font = Font(italic=True)
    for col, (title, width) in enumerate(HEADERS, start=1):
        cell = ws.cell(row=4, column=col, value=title)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[cell.column_letter].width = width
    for i, row in enumerate(rows, start=1):
        for col, value in enumerate(row_values(i, row), start=1):
            ws.cell(row=4 + i, column=col, value=value)
    ws.freeze_panes = "A5"
    ws.cell(row=5 + len(rows), column=1, value=f"Tổng số: {len(rows)}").font = Font(bold=True)
    return save_workbook(wb, target)
