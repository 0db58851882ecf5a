"""The fund report of a year (``tdkt export fund-summary --year NĂM`` and the fund screen): the
layout of the provincial "TỔNG HỢP TÌNH HÌNH TRÍCH LẬP VÀ SỬ DỤNG QUỸ THI ĐUA, KHEN THƯỞNG"
table (Biểu mẫu số 05, domain.md §16.2), columns (1)–(12), in the Sở version: the ratio column
is the allocation over the salary fund (NĐ 152/2025 Điều 46), amounts in đồng."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from app.excel.forms.save import save_workbook
from app.services.award_fund import FundLedger

_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WIDTHS = (6, 40, 16, 12, 16, 14, 14, 14, 16, 14, 14, 16)


def summary_values(ledger: FundLedger) -> list[object]:
    """Row 1 of the table, columns (1)–(12)."""
    fund = ledger.fund
    paid = ledger.paid_by_kind()
    ratio = round(fund.allocated * 100 / fund.salary_fund, 2) if fund.salary_fund else None
    note = "; ".join(ledger.warnings)
    if fund.opening_balance:
        note = f"Số dư đầu năm {fund.opening_balance:,} đồng".replace(",", ".") + (
            f"; {note}" if note else ""
        )
    return [
        1,
        "Quỹ thi đua, khen thưởng",
        fund.allocated + ledger.receipts_total,
        ratio,
        ledger.payments_total,
        paid["KT_NHA_NUOC"],
        paid["KT_TINH"],
        paid["KT_KHAC"],
        paid["THI_DUA"],
        paid["HIEN_VAT"],
        paid["KHAC"],
        note,
    ]


def write_fund_summary(ledger: FundLedger, target: Path | str, *, agency: str = "") -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = f"Quỹ TĐKT {ledger.fund.year}"
    bold = Font(bold=True)
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.cell(row=1, column=1, value=agency.upper() if agency else "").font = bold
    ws.cell(row=2, column=1, value="Biểu mẫu số 05").font = Font(italic=True)
    ws.merge_cells(start_row=3, start_column=1, end_row=3, end_column=12)
    title = ws.cell(
        row=3,
        column=1,
        value="TỔNG HỢP TÌNH HÌNH TRÍCH LẬP VÀ SỬ DỤNG QUỸ THI ĐUA, KHEN THƯỞNG NĂM "
        f"{ledger.fund.year}",
    )
    title.font = Font(bold=True, size=13)
    title.alignment = center
    ws.cell(row=4, column=12, value="Đơn vị: đồng").font = Font(italic=True)
    top = 5
    heads = {
        1: "STT",
        2: "Nội dung",
        3: "Tổng số đã trích trong năm (Tổng số thu trong năm)",
        4: "Tỷ lệ % trích quỹ TĐKT trên quỹ tiền lương",
        5: "Số đã chi trong năm",
    }
    for col, text in heads.items():
        ws.cell(row=top, column=col, value=text)
    for col in (1, 2, 3, 4):
        ws.merge_cells(start_row=top, start_column=col, end_row=top + 2, end_column=col)
    ws.merge_cells(start_row=top, start_column=5, end_row=top, end_column=11)
    ws.cell(row=top, column=12, value="Ghi chú")
    ws.merge_cells(start_row=top, start_column=12, end_row=top + 2, end_column=12)
    ws.cell(row=top + 1, column=5, value="Tổng số")
    ws.merge_cells(start_row=top + 1, start_column=5, end_row=top + 2, end_column=5)
    ws.cell(row=top + 1, column=6, value="Chi khen thưởng")
    ws.merge_cells(start_row=top + 1, start_column=6, end_row=top + 1, end_column=8)
    for col, text in ((6, "Cấp nhà nước"), (7, "Cấp tỉnh"), (8, "Các hình thức khác")):
        ws.cell(row=top + 2, column=col, value=text)
    for col, text in (
        (9, "Chi công tác thi đua, tuyên truyền"),
        (10, "Chi mua sắm hiện vật khen thưởng"),
        (11, "Chi khác"),
    ):
        ws.cell(row=top + 1, column=col, value=text)
        ws.merge_cells(start_row=top + 1, start_column=col, end_row=top + 2, end_column=col)
    for col in range(1, 13):
        ws.cell(row=top + 3, column=col, value=f"({col})")
        ws.column_dimensions[get_column_letter(col)].width = _WIDTHS[col - 1]
        for row in range(top, top + 5):
            cell = ws.cell(row=row, column=col)
            cell.border = _BOX
            if row < top + 4:
                cell.alignment = center
                cell.font = bold
    for col, value in enumerate(summary_values(ledger), start=1):
        cell = ws.cell(row=top + 4, column=col, value=value)
        if isinstance(value, int) and col >= 3:
            cell.number_format = "#,##0"
    return save_workbook(wb, target)
