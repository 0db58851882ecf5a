"""Statistics forms 0601-0605 and the yearly summary: built, saved, reopened with openpyxl.

The DTOs are built here by hand; rows come from :mod:`app.services.decision_reports` in the
application (tests/services/test_decision_reports.py checks the counts)."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

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
    signer_authority="KT. Giám đốc",
    signer_title="Phó Giám đốc",
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


def find(ws, value, column: int | None = None):
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == value and (column is None or cell.column == column):
                return cell
    raise AssertionError(f"{value!r} not found")


def merged(ws) -> set[str]:
    return {str(r) for r in ws.merged_cells.ranges}


def data_0603() -> StatFormData:
    rows = (
        StatRow("Tổng số", "01", "Lượt", (7, 3, 1, 1, 2, 0), bold=True, sums=("02", "04", "05")),
        StatRow("Chia theo đối tượng", "", "", None, bold=True),
        StatRow("Tập thể", "02", "Tập thể", (4, 1, 0, 1, 2, 0), indent=1),
        StatRow("Trong đó: Doanh nghiệp", "03", "Tập thể", (0, 0, 0, 0, 0, 0), indent=2),
        StatRow("Hộ gia đình", "04", "Hộ", (0, 0, 0, 0, 0, 0), indent=1),
        StatRow("Cá nhân", "05", "Người", (3, 2, 1, 0, 0, 0), indent=1),
    )
    return StatFormData(
        agency=AGENCY,
        year=2026,
        on=date(2026, 12, 10),
        form_number="0603.N/BNV-TĐKT",
        title="SỐ LƯỢNG KHEN THƯỞNG CẤP BỘ, BAN, NGÀNH, ĐOÀN THỂ TRUNG ƯƠNG VÀ TỈNH",
        period="Năm 2026 (từ ngày 01/01/2026 đến ngày 31/12/2026)",
        count_unit="",
        receiver="Sở Nội vụ tỉnh Tuyên Quang",
        has_unit_column=True,
        columns=(
            StatColumn("Tổng số", None, 9),
            StatColumn("Bằng khen", None, 10),
            StatColumn("Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh", None, 12),
            StatColumn("Cờ thi đua cấp bộ, ban, ngành, tỉnh", None, 12),
            StatColumn("Tập thể lao động xuất sắc", None, 11),
            StatColumn("Huy hiệu (kỷ niệm chương)", None, 11),
        ),
        rows=rows,
        warnings=("1 khen thưởng năm 2026 chưa có ngày quyết định nên không được tính.",),
    )


def test_0603_layout(tmp_path) -> None:
    data = data_0603()
    path = export_form("stat-0603", data, tmp_path / "0603.xlsx").path
    ws = load_workbook(path).worksheets[0]
    assert find(ws, "Biểu số: 0603.N/BNV-TĐKT").font.b
    for line in (
        "Ban hành theo Thông tư số 02/2023/TT-BNV ngày 23/3/2023",
        "Ngày nhận báo cáo: Ngày 15 tháng 12 năm báo cáo",
        "Đơn vị báo cáo: Sở Nông nghiệp và Môi trường",
        "Đơn vị nhận báo cáo: Sở Nội vụ tỉnh Tuyên Quang",
        data.period,
    ):
        assert line in texts(ws)
    title = find(ws, data.title)
    assert title.font.b and f"A{title.row}:I{title.row}" in merged(ws)
    header = find(ws, "Chỉ tiêu").row
    assert [ws.cell(header, c).value for c in range(1, 10)] == [
        "Chỉ tiêu",
        "Mã số",
        "Đơn vị tính",
        "Tổng số",
        "Bằng khen",
        "Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh",
        "Cờ thi đua cấp bộ, ban, ngành, tỉnh",
        "Tập thể lao động xuất sắc",
        "Huy hiệu (kỷ niệm chương)",
    ]
    assert [ws.cell(header + 1, c).value for c in range(1, 10)] == [
        "A", "B", "C", 1, 2, 3, 4, 5, 6,
    ]  # fmt: skip
    assert ws.print_title_rows == f"${header}:${header + 1}"
    first = header + 2
    shown = load_workbook(path, data_only=True).worksheets[0]
    table = [[shown.cell(r, c).value for c in range(1, 10)] for r in range(first, first + 6)]
    assert [row[1] for row in table] == ["01", None, "02", "03", "04", "05"]
    assert table[0] == ["Tổng số", "01", "Lượt", 7, 3, 1, 1, 2, 0]
    assert table[1][0] == "Chia theo đối tượng" and ws.cell(first + 1, 1).font.b
    assert ws.cell(first + 2, 1).alignment.indent == 1
    assert ws.cell(first + 3, 1).alignment.indent == 2
    # totals are formulas, stored with the values they give
    assert ws.cell(first + 2, 4).value == f"=SUM(E{first + 2}:I{first + 2})"
    assert ws.cell(first, 4).value == f"=SUM(E{first}:I{first})"
    assert ws.cell(first, 5).value == f"=E{first + 2}+E{first + 4}+E{first + 5}"  # 01 = 02+04+05
    for row in table:
        if row[3] is not None:
            assert row[3] == sum(row[4:])
    assert ws.cell(first, 4).number_format == "#,##0"
    # nothing for the clerk is printed: no notes under the table
    assert not any(t.startswith(("Ghi chú", "(1)")) for t in texts(ws))
    assert not any("chưa đối chiếu" in t or "chưa có ngày quyết định" in t for t in texts(ws))
    assert "NGƯỜI LẬP BIỂU" in texts(ws) and "(Ký, họ tên)" in texts(ws)
    deputy = find(ws, "KT. GIÁM ĐỐC")
    assert ws.cell(deputy.row + 1, deputy.column).value == "PHÓ GIÁM ĐỐC"
    assert "(Ký, họ tên, đóng dấu)" in texts(ws) and "Nguyễn Văn Thành" in texts(ws)
    assert "Tuyên Quang, ngày 10 tháng 12 năm 2026" in texts(ws)
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.page_setup.fitToHeight == 1 and not ws.row_breaks.brk  # short: one page


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
        warnings=("Một lưu ý cho chuyên viên.",),
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
    assert not any("lưu ý" in t for t in texts(ws))
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
    )
    ws = load_workbook(export_form("stat-0601", d0601, tmp_path / "0601.xlsx").path).worksheets[0]
    unit = find(ws, "Đơn vị tính: Phong trào")
    assert unit.alignment.horizontal == "right" and unit.font.i
    header = find(ws, "Chỉ tiêu").row
    assert [ws.cell(header + 2, c).value for c in range(1, 7)] == ["A", "B", 1, 2, 3, 4]
    assert [ws.cell(header + 3, c).value for c in range(1, 3)] == ["Tổng số", "01"]
    assert ws.cell(header + 3, 3).value == f"=SUM(D{header + 3}:F{header + 3})"


def test_long_statistics_form_repeats_its_header(tmp_path) -> None:
    data = data_0603()
    many = tuple(
        StatRow(f"Dòng {i}", f"{i:02d}", "Người", (1, 1, 0, 0, 0, 0), indent=1) for i in range(60)
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
    path = export_form("yearly-summary", data, tmp_path / "s.xlsx").path
    ws = load_workbook(path).worksheets[0]
    assert find(ws, "BẢNG TỔNG HỢP KHEN THƯỞNG NĂM 2025").font.b
    group = find(ws, "Danh hiệu thi đua")
    ldtt = find(ws, "LĐTT").column
    first_col = get_column_letter(ldtt)
    assert f"{first_col}{group.row}:{get_column_letter(ldtt + 1)}{group.row}" in merged(ws)
    assert find(ws, "Hình thức khen thưởng").column == ldtt + 2
    assert [ws.cell(group.row + 1, c).value for c in range(ldtt, ldtt + 3)] == [
        "LĐTT",
        "CSTĐCS",
        "Giấy khen Sở",
    ]
    total_col = find(ws, "Tổng số").column
    name_col = find(ws, "Đơn vị").column
    first = group.row + 3
    last_col = get_column_letter(ldtt + 2)
    assert (
        ws.cell(first + 1, total_col).value == f"=SUM({first_col}{first + 1}:{last_col}{first + 1})"
    )
    shown = load_workbook(path, data_only=True).worksheets[0]
    cols = [1, name_col, total_col, ldtt, ldtt + 1, ldtt + 2]
    lines = [[shown.cell(r, c).value for c in cols] for r in range(first, first + 4)]
    assert lines[1] == [2, "Văn phòng Sở", 8, 5, 1, 2]
    assert ws.cell(first + 1, name_col).alignment.indent == 1
    total = find(ws, "Tổng cộng")
    assert total.font.b
    assert ws.cell(total.row, ldtt).value == f"=SUM({first_col}{first}:{first_col}{first + 3})"
    sums = [shown.cell(total.row, c).value for c in cols[2:]]
    assert sums == [sum(line[c] for line in lines) for c in range(2, 6)] == [18, 12, 3, 3]
    assert ws.page_setup.orientation == "landscape"


def _secretariat_form(key: str, rows: tuple[StatRow, ...], columns) -> StatFormData:
    return StatFormData(
        agency=AGENCY,
        year=2026,
        on=date(2026, 12, 20),
        form_number=f"{key}.N/BNV-TĐKT",
        title="SỐ LƯỢNG",
        period="Năm 2026",
        count_unit="",
        receiver="Sở Nội vụ",
        has_unit_column=True,
        columns=columns,
        rows=rows,
        total_column=False,
    )


def test_0604_and_0605_forms(tmp_path) -> None:
    d0604 = _secretariat_form(
        "0604",
        (
            StatRow("Tổng số", "01", "Tổ chức", (1,), bold=True, sums=("02", "03")),
            StatRow("Chia theo cơ cấu tổ chức bộ máy", "", "", None, bold=True),
            StatRow("Cấp Vụ thuộc bộ, ban, ngành, đoàn thể Trung ương", "02", "Vụ", (0,)),
            StatRow("Cấp phòng, ban hoặc bộ phận thuộc Vụ", "03", "Phòng", (1,)),
        ),
        (StatColumn("Số lượng", None, 10),),
    )
    path = export_form("stat-0604", d0604, tmp_path / "0604.xlsx").path
    ws = load_workbook(path).worksheets[0]
    assert "Biểu số: 0604.N/BNV-TĐKT" in texts(ws)
    assert ws.page_setup.orientation == "portrait"
    total = find(ws, "Tổng số").row
    assert ws.cell(total, 4).value == f"=D{total + 2}+D{total + 3}"
    assert load_workbook(path, data_only=True).worksheets[0].cell(total, 4).value == 1
    d0605 = _secretariat_form(
        "0605",
        (
            StatRow("Tổng số", "01", "Người", (3, 2), bold=True, sums=("02", "03")),
            StatRow("Từ 30 tuổi trở xuống", "02", "Người", (1, 1)),
            StatRow("Từ 31 đến 40 tuổi", "03", "Người", (2, 1)),
        ),
        (StatColumn("Tổng số", None, 10), StatColumn("Trong đó: Nữ", None, 10)),
    )
    path = export_form("stat-0605", d0605, tmp_path / "0605.xlsx").path
    ws = load_workbook(path).worksheets[0]
    header = find(ws, "Chỉ tiêu").row
    assert [ws.cell(header, c).value for c in range(4, 6)] == ["Tổng số", "Trong đó: Nữ"]
    total = find(ws, "Tổng số", column=1).row
    assert ws.cell(total, 4).value == f"=D{total + 1}+D{total + 2}"  # not a sum across
    assert ws.cell(total, 5).value == f"=E{total + 1}+E{total + 2}"


def test_registry_entries() -> None:
    for code in ("stat-0601", "stat-0602", "stat-0603", "yearly-summary"):
        form = get_form(code)
        assert form.params == ("year", "date")
        assert form.template().worksheets[0].page_setup.orientation == "landscape"
    for code in ("stat-0604", "stat-0605"):
        form = get_form(code)
        assert form.params == ("year", "date")
        assert form.template().worksheets[0].page_setup.orientation == "portrait"
