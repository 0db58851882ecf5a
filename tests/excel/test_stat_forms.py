"""Statistics forms 0601-0603 and the yearly summary: built, saved, reopened with openpyxl.

The DTOs are built here by hand; rows come from :mod:`app.services.decision_reports` in the
application (tests/services/test_decision_reports.py checks the counts)."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook

from app.domain.settings import AgencySettings
from app.excel.forms.registry import export_form, get_form
from app.services.decision_reports import (
    StatColumn,
    StatFormData,
    StatRow,
    SummaryColumn,
    SummaryRow,
    YearlySummaryData,
)

AGENCY = AgencySettings(
    parent_body="UBND tỉnh Tuyên Quang",
    agency="Sở Nông nghiệp và Môi trường",
    place="Tuyên Quang",
    signer_name="Nguyễn Văn Thành",
)


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setenv("TDKT_DATA_DIR", str(folder))
    return folder


def texts(ws) -> list[str]:
    return [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]


def find(ws, value):
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == value:
                return cell
    raise AssertionError(f"{value!r} not found")


def merged(ws) -> set[str]:
    return {str(r) for r in ws.merged_cells.ranges}


def data_0603() -> StatFormData:
    rows = (
        StatRow("Tổng số", "01", "Lượt", (5, 3, 1, 1, 0), bold=True),
        StatRow("Chia theo đối tượng", "", "", None, bold=True),
        StatRow("Tập thể", "02", "Tập thể", (2, 1, 0, 1, 0), indent=1),
        StatRow("Trong đó: Doanh nghiệp", "03", "Tập thể", (0, 0, 0, 0, 0), indent=2),
        StatRow("Hộ gia đình", "04", "Hộ", (0, 0, 0, 0, 0), indent=1),
        StatRow("Cá nhân", "05", "Người", (3, 2, 1, 0, 0), indent=1),
    )
    return StatFormData(
        agency=AGENCY,
        year=2026,
        on=date(2026, 12, 10),
        form_number="0603.N/BNV-TĐKT",
        title="SỐ LƯỢNG KHEN THƯỞNG CẤP BỘ, BAN, NGÀNH, ĐOÀN THỂ TRUNG ƯƠNG VÀ TỈNH",
        period="Năm 2026 (từ ngày 01/01/2026 đến ngày 31/12/2026)",
        count_unit="",
        receiver="Sở Nội vụ",
        has_unit_column=True,
        columns=(
            StatColumn("Tổng số", None, 9),
            StatColumn("Bằng khen", None, 10),
            StatColumn("Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh", None, 12),
            StatColumn("Cờ thi đua cấp bộ, ban, ngành, tỉnh", None, 12),
            StatColumn("Huy hiệu (kỷ niệm chương)", None, 11),
        ),
        rows=rows,
        notes=("Mã số chưa đối chiếu với phụ lục Thông tư 02/2023/TT-BNV.", "Ghi chú thứ hai."),
    )


def test_0603_layout(tmp_path) -> None:
    data = data_0603()
    ws = load_workbook(export_form("stat-0603", data, tmp_path / "0603.xlsx").path).worksheets[0]
    assert find(ws, "Biểu số: 0603.N/BNV-TĐKT").font.b
    for line in (
        "Ban hành theo Thông tư số 02/2023/TT-BNV ngày 23/3/2023",
        "Ngày nhận báo cáo: Ngày 15 tháng 12 năm báo cáo",
        "Đơn vị báo cáo: Sở Nông nghiệp và Môi trường",
        "Đơn vị nhận báo cáo: Sở Nội vụ",
        data.period,
    ):
        assert line in texts(ws)
    title = find(ws, data.title)
    assert title.font.b and f"A{title.row}:H{title.row}" in merged(ws)
    header = find(ws, "Chỉ tiêu").row
    assert [ws.cell(header, c).value for c in range(1, 9)] == [
        "Chỉ tiêu",
        "Mã số",
        "Đơn vị tính",
        "Tổng số",
        "Bằng khen",
        "Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh",
        "Cờ thi đua cấp bộ, ban, ngành, tỉnh",
        "Huy hiệu (kỷ niệm chương)",
    ]
    assert [ws.cell(header + 1, c).value for c in range(1, 9)] == ["A", "B", "C", 1, 2, 3, 4, 5]
    assert ws.print_title_rows == f"${header}:${header + 1}"
    first = header + 2
    table = [[ws.cell(r, c).value for c in range(1, 9)] for r in range(first, first + 6)]
    assert [row[1] for row in table] == ["01", None, "02", "03", "04", "05"]
    assert table[0] == ["Tổng số", "01", "Lượt", 5, 3, 1, 1, 0]
    assert table[1][0] == "Chia theo đối tượng" and ws.cell(first + 1, 1).font.b
    assert ws.cell(first + 2, 1).alignment.indent == 1
    assert ws.cell(first + 3, 1).alignment.indent == 2
    for row in table:
        if row[3] is not None:
            assert row[3] == sum(row[4:])  # column 1 is the total of 2-5
    assert table[0][3] == table[2][3] + table[4][3] + table[5][3]  # 01 = 02 + 04 + 05
    assert ws.cell(first, 4).number_format == "#,##0"
    assert "Ghi chú:" in texts(ws)
    assert "(1) Mã số chưa đối chiếu với phụ lục Thông tư 02/2023/TT-BNV." in texts(ws)
    assert "NGƯỜI LẬP BIỂU" in texts(ws) and "(Ký, họ tên)" in texts(ws)
    assert "THỦ TRƯỞNG ĐƠN VỊ" in texts(ws) and "(Ký, họ tên, đóng dấu)" in texts(ws)
    assert "Tuyên Quang, ngày 10 tháng 12 năm 2026" in texts(ws)
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    assert ws.sheet_properties.pageSetUpPr.fitToPage


def test_0602_grouped_headers_and_0601_unit_line(tmp_path) -> None:
    columns = (
        StatColumn("Tổng số", None, 7),
        StatColumn("Tập thể", "Huân chương", 6.5),
        StatColumn("Cá nhân", "Huân chương", 6.5),
        StatColumn("Tập thể", "Cờ thi đua của Chính phủ", 8.5),
    )
    data = StatFormData(
        agency=AGENCY,
        year=2026,
        on=date(2026, 12, 1),
        form_number="0602.N/BNV-TĐKT",
        title="SỐ LƯỢNG KHEN THƯỞNG CẤP NHÀ NƯỚC",
        period="Năm 2026",
        count_unit="",
        receiver="Sở Nội vụ",
        has_unit_column=True,
        columns=columns,
        rows=(StatRow("Tổng số", "1", "Lượt", (3, 1, 1, 1), bold=True),),
        notes=("Một ghi chú.",),
    )
    ws = load_workbook(export_form("stat-0602", data, tmp_path / "0602.xlsx").path).worksheets[0]
    group = find(ws, "Huân chương")
    assert f"E{group.row}:F{group.row}" in merged(ws)
    assert (
        ws.cell(group.row + 1, 5).value == "Tập thể"
        and ws.cell(group.row + 1, 6).value == "Cá nhân"
    )
    assert f"A{group.row}:A{group.row + 1}" in merged(ws)  # ungrouped headers span both rows
    assert [ws.cell(group.row + 2, c).value for c in range(1, 8)] == ["A", "B", "C", 1, 2, 3, 4]
    assert ws.print_title_rows == f"${group.row}:${group.row + 2}"
    assert "Ghi chú: Một ghi chú." in texts(ws)
    d0601 = StatFormData(
        agency=AGENCY,
        year=2026,
        on=date(2026, 12, 1),
        form_number="0601.N/BNV-TĐKT",
        title="SỐ PHONG TRÀO THI ĐUA",
        period="Năm 2026",
        count_unit="Đơn vị tính: Phong trào",
        receiver="Sở Nội vụ",
        has_unit_column=False,
        columns=(StatColumn("Tổng số (1 = 2 + 3 + 4)", None, 11),)
        + tuple(StatColumn(h, "Chia theo cấp phát động", 11) for h in ("a", "b", "c")),
        rows=(StatRow("Tổng số", "01", "", (2, 0, 1, 1), bold=True),),
        notes=(),
    )
    ws = load_workbook(export_form("stat-0601", d0601, tmp_path / "0601.xlsx").path).worksheets[0]
    unit = find(ws, "Đơn vị tính: Phong trào")
    assert unit.alignment.horizontal == "right" and unit.font.i
    header = find(ws, "Chỉ tiêu").row
    assert [ws.cell(header + 2, c).value for c in range(1, 7)] == ["A", "B", 1, 2, 3, 4]
    assert [ws.cell(header + 3, c).value for c in range(1, 7)] == ["Tổng số", "01", 2, 0, 1, 1]


def test_long_statistics_form_repeats_its_header(tmp_path) -> None:
    data = data_0603()
    many = tuple(
        StatRow(f"Dòng {i}", f"{i:02d}", "Người", (1, 1, 0, 0, 0), indent=1) for i in range(60)
    )
    data = StatFormData(**{**data.__dict__, "rows": many})
    ws = load_workbook(export_form("stat-0603", data, tmp_path / "x.xlsx").path).worksheets[0]
    assert len(ws.row_breaks.brk) >= 2
    header = find(ws, "Chỉ tiêu").row
    assert ws.print_title_rows == f"${header}:${header + 1}"


def test_yearly_summary_layout(tmp_path) -> None:
    columns = (
        SummaryColumn("LDTT", "LĐTT", "Danh hiệu thi đua"),
        SummaryColumn("CSTDCS", "CSTĐCS", "Danh hiệu thi đua"),
        SummaryColumn("GK_SO", "Giấy khen Sở", "Hình thức khen thưởng"),
    )
    rows = (
        SummaryRow("Sở Nông nghiệp và Môi trường", 0, (0, 0, 0), 0),
        SummaryRow("Văn phòng Sở", 1, (5, 1, 2), 8),
        SummaryRow("Chi cục Kiểm lâm", 1, (7, 2, 0), 9),
        SummaryRow("Hộ gia đình", 0, (0, 0, 1), 1),
    )
    totals = tuple(sum(r.values[i] for r in rows) for i in range(3))
    data = YearlySummaryData(
        agency=AGENCY,
        year=2025,
        on=date(2026, 2, 1),
        columns=columns,
        rows=rows,
        total=SummaryRow("Tổng cộng", 0, totals, sum(totals)),
    )
    ws = load_workbook(export_form("yearly-summary", data, tmp_path / "s.xlsx").path).worksheets[0]
    assert find(ws, "BẢNG TỔNG HỢP KHEN THƯỞNG NĂM 2025").font.b
    group = find(ws, "Danh hiệu thi đua")
    assert f"D{group.row}:E{group.row}" in merged(ws)
    assert find(ws, "Hình thức khen thưởng").column == 6
    assert [ws.cell(group.row + 1, c).value for c in range(4, 7)] == [
        "LĐTT",
        "CSTĐCS",
        "Giấy khen Sở",
    ]
    first = group.row + 3
    lines = [[ws.cell(r, c).value for c in range(1, 7)] for r in range(first, first + 4)]
    assert lines[1] == [2, "Văn phòng Sở", 8, 5, 1, 2]
    assert ws.cell(first + 1, 2).alignment.indent == 1
    total = find(ws, "Tổng cộng")
    assert f"A{total.row}:B{total.row}" in merged(ws) and total.font.b
    sums = [ws.cell(total.row, c).value for c in range(3, 7)]
    assert sums == [sum(line[c] for line in lines) for c in range(2, 6)] == [18, 12, 3, 3]
    assert ws.page_setup.orientation == "landscape"


def test_registry_entries() -> None:
    for code in ("stat-0601", "stat-0602", "stat-0603", "yearly-summary"):
        form = get_form(code)
        assert form.params == ("year", "date")
        assert form.template().worksheets[0].page_setup.orientation == "landscape"
