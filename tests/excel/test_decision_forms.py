"""Decision annex, bonus payment list and award history: built, saved, reopened with openpyxl."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from app.domain.settings import AgencySettings
from app.domain.vnformat import money_in_words
from app.excel.forms.registry import export_form, get_form
from app.services.decision_reports import (
    AnnexLine,
    AnnexSection,
    AwardHistoryData,
    BonusLine,
    BonusListData,
    DecisionAnnexData,
    HistoryLine,
)

AGENCY = AgencySettings(
    parent_body="UBND tỉnh Tuyên Quang",
    agency="Sở Nông nghiệp và Môi trường",
    place="Tuyên Quang",
    signer_name="Nguyễn Văn Thành",
)
ATTRIBUTION = (
    "(Kèm theo Quyết định số 05/QĐ-SNNMT ngày 15 tháng 01 năm 2026 của Giám đốc Sở Nông "
    "nghiệp và Môi trường)"
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


def page_setup_ok(ws, *, landscape: bool) -> None:
    assert ws.page_setup.paperSize == 9
    assert ws.page_setup.orientation == ("landscape" if landscape else "portrait")
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws.page_setup.fitToHeight == 0


def annex(golden: bool = True, titles: bool = False, n: int = 2) -> DecisionAnnexData:
    people = tuple(
        AnnexLine(
            i,
            f"Người {i}",
            "Chuyên viên",
            "Văn phòng Sở",
            "Lao động tiên tiến",
            i if golden else None,
            "CA_NHAN",
        )
        for i in range(1, n + 1)
    )
    units = (AnnexLine(1, "Chi cục Kiểm lâm", "", "", "Lao động tiên tiến", None, "TAP_THE"),)
    return DecisionAnnexData(
        agency=AGENCY,
        decision_id=1,
        number="05/QĐ-SNNMT",
        decision_date=date(2026, 1, 15),
        title="DANH SÁCH CÁ NHÂN VÀ TẬP THỂ ĐƯỢC CÔNG NHẬN DANH HIỆU LAO ĐỘNG TIÊN TIẾN NĂM 2025",
        attribution=ATTRIBUTION,
        name_header="Họ và tên / Tên tập thể",
        sections=(AnnexSection("I", "Cá nhân", people), AnnexSection("II", "Tập thể", units)),
        show_titles=titles,
        show_golden=golden,
        status_note="",
        closing=f"Danh sách gồm {n:02d} cá nhân và 01 tập thể./.",
    )


def test_annex_layout(tmp_path) -> None:
    path = export_form("decision-annex", annex(), tmp_path / "annex.xlsx").path
    ws = load_workbook(path).worksheets[0]
    title = find(ws, annex().title)
    assert title.font.b and title.font.sz == 14 and title.font.name == "Times New Roman"
    assert f"A{title.row}:E{title.row}" in merged(ws)
    attribution = find(ws, ATTRIBUTION)
    assert attribution.font.i and not attribution.font.b and attribution.row == title.row + 1
    header = find(ws, "STT").row
    assert [ws.cell(header, c).value for c in range(1, 6)] == [
        "STT",
        "Họ và tên / Tên tập thể",
        "Chức vụ",
        "Đơn vị",
        "Số sổ vàng",
    ]
    assert [ws.cell(header + 1, c).value for c in range(1, 6)] == [1, 2, 3, 4, 5]
    assert ws.print_title_rows == f"${header}:${header + 1}"
    first = find(ws, "I").row
    assert ws.cell(first, 2).value == "Cá nhân" and ws.cell(first, 2).font.b
    assert [c.value for c in ws[first + 1]][:5] == [1, "Người 1", "Chuyên viên", "Văn phòng Sở", 1]
    assert ws.cell(find(ws, "II").row + 1, 2).value == "Chi cục Kiểm lâm"
    assert "Danh sách gồm 02 cá nhân và 01 tập thể./." in texts(ws)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in texts(ws)
    assert "NGƯỜI LẬP BIỂU" not in texts(ws)  # the annex belongs to the signed decision
    page_setup_ok(ws, landscape=False)


def test_annex_without_golden_numbers_and_with_titles(tmp_path) -> None:
    data = annex(golden=False, titles=True)
    ws = load_workbook(export_form("decision-annex", data, tmp_path / "a.xlsx").path).worksheets[0]
    header = find(ws, "STT").row
    assert [ws.cell(header, c).value for c in range(1, 6)] == [
        "STT",
        "Họ và tên / Tên tập thể",
        "Chức vụ",
        "Đơn vị",
        "Danh hiệu / Hình thức",
    ]
    assert ws.max_column == 5
    page_setup_ok(ws, landscape=True)


def bonus(n: int = 3) -> BonusListData:
    lines = tuple(
        BonusLine(
            stt=i,
            name=f"Người {i}",
            unit="Văn phòng Sở",
            title_name="Lao động tiên tiến",
            decision_number="05/QĐ-SNNMT",
            coefficient=Decimal("0.3"),
            base_salary=2_340_000,
            amount=710_000 if i % 4 else 0,
            note="" if i % 4 else "Không chi: đã chi danh hiệu cao hơn (CSTĐCS)",
        )
        for i in range(1, n + 1)
    )
    total = sum(x.amount for x in lines)
    return BonusListData(
        agency=AGENCY,
        on=date(2026, 1, 20),
        decision_id=1,
        title="DANH SÁCH CHI TIỀN THƯỞNG LAO ĐỘNG TIÊN TIẾN NĂM 2025",
        attribution=ATTRIBUTION,
        salary_line="Mức lương cơ sở áp dụng: 2.340.000 đồng/tháng (Nghị định 73/2024/NĐ-CP)",
        method_line="",
        warnings=("Quyết định đã bị thu hồi: số tiền chỉ để tham khảo, không chi",),
        lines=lines,
        total=total,
        total_words=money_in_words(total),
    )


def test_bonus_list_layout_total_and_words(tmp_path) -> None:
    data = bonus()
    ws = load_workbook(export_form("bonus-list", data, tmp_path / "b.xlsx").path).worksheets[0]
    assert find(ws, data.title).font.b and find(ws, ATTRIBUTION).font.i
    assert data.salary_line in texts(ws)
    assert "Lưu ý: Quyết định đã bị thu hồi: số tiền chỉ để tham khảo, không chi" in texts(ws)
    header = find(ws, "STT").row
    assert [ws.cell(header, c).value for c in range(1, 11)] == [
        "STT",
        "Họ và tên",
        "Đơn vị",
        "Danh hiệu / Hình thức",
        "Số quyết định",
        "Hệ số",
        "Mức lương cơ sở (đồng)",
        "Số tiền (đồng)",
        "Ký nhận",
        "Ghi chú",
    ]
    first = header + 2
    row = [c.value for c in ws[first]]
    assert row[:8] == [
        1,
        "Người 1",
        "Văn phòng Sở",
        "Lao động tiên tiến",
        "05/QĐ-SNNMT",
        0.3,
        2_340_000,
        710_000,
    ]
    assert ws.cell(first, 7).number_format == "#,##0" and ws.cell(first, 8).number_format == "#,##0"
    amounts = [ws.cell(r, 8).value for r in range(first, first + len(data.lines))]
    total = find(ws, "Tổng cộng")
    assert f"A{total.row}:G{total.row}" in merged(ws) and total.font.b
    assert ws.cell(total.row, 8).value == sum(amounts) == 2_130_000
    assert ws.cell(total.row, 8).number_format == "#,##0"
    words = find(ws, "Số tiền bằng chữ: Hai triệu một trăm ba mươi nghìn đồng.")
    assert words.row == total.row + 1
    heads = [find(ws, h) for h in ("NGƯỜI LẬP BIỂU", "KẾ TOÁN TRƯỞNG", "THỦ TRƯỞNG ĐƠN VỊ")]
    assert len({c.row for c in heads}) == 1 and heads[0].column < heads[1].column < heads[2].column
    assert "(Ký, họ tên, đóng dấu)" in texts(ws) and "Nguyễn Văn Thành" in texts(ws)
    assert "Tuyên Quang, ngày 20 tháng 01 năm 2026" in texts(ws)
    page_setup_ok(ws, landscape=True)


def test_long_bonus_list_repeats_its_header_and_keeps_the_signatures(tmp_path) -> None:
    data = bonus(80)
    ws = load_workbook(export_form("bonus-list", data, tmp_path / "b.xlsx").path).worksheets[0]
    header = find(ws, "STT").row
    assert ws.print_title_rows == f"${header}:${header + 1}"
    breaks = [b.id for b in ws.row_breaks.brk]
    assert len(breaks) >= 2
    total = find(ws, "Tổng cộng").row
    signer = find(ws, "KẾ TOÁN TRƯỞNG").row
    last_page_start = breaks[-1] + 1
    assert last_page_start <= total - 1 < signer  # the last lines travel with the signatures
    assert ws.cell(total, 8).value == sum(x.amount for x in data.lines)


def history() -> AwardHistoryData:
    lines = (
        HistoryLine("2023", "Hoàn thành xuất sắc nhiệm vụ", "", "", "", None, "", "", False),
        HistoryLine(
            "2024",
            "Hoàn thành tốt nhiệm vụ",
            "Lao động tiên tiến",
            "Công trạng",
            "50/QĐ-SNNMT",
            date(2025, 1, 20),
            "Giám đốc Sở",
            "",
            False,
        ),
        HistoryLine(
            "2025",
            "",
            "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
            "Công trạng",
            "123/QĐ-UBND",
            date(2026, 3, 10),
            "Chủ tịch UBND tỉnh",
            "Đã thu hồi",
            True,
        ),
    )
    return AwardHistoryData(
        agency=AGENCY,
        on=date(2026, 9, 1),
        subject="person",
        title="QUÁ TRÌNH KHEN THƯỞNG CỦA CÁ NHÂN",
        info=("Họ và tên: Nguyễn Thị Hà", "Ngày sinh: 01/01/1980"),
        lines=lines,
    )


def test_award_history_layout(tmp_path) -> None:
    ws = load_workbook(
        export_form("award-history", history(), tmp_path / "h.xlsx").path
    ).worksheets[0]
    assert find(ws, "QUÁ TRÌNH KHEN THƯỞNG CỦA CÁ NHÂN").font.b
    assert "Họ và tên: Nguyễn Thị Hà" in texts(ws)
    header = find(ws, "STT").row
    assert ws.cell(header, 4).value == "Danh hiệu thi đua / Hình thức khen thưởng"
    assert ws.print_title_rows == f"${header}:${header + 1}"
    first = header + 2
    assert [ws.cell(first, c).value for c in range(1, 5)] == [
        1,
        "2023",
        "Hoàn thành xuất sắc nhiệm vụ",
        None,
    ]
    assert ws.cell(first + 1, 7).value == datetime(2025, 1, 20)
    assert ws.cell(first + 1, 7).number_format == "dd/mm/yyyy"
    revoked = ws.cell(first + 2, 4)
    assert revoked.font.strike and ws.cell(first + 2, 9).value == "Đã thu hồi"
    page_setup_ok(ws, landscape=True)


def test_registry_entries() -> None:
    assert get_form("decision-annex").params == ("decision", "year")
    assert get_form("bonus-list").takes("decision") and get_form("bonus-list").takes("date")
    assert get_form("award-history").params == ("person", "unit", "date")
    for code in ("decision-annex", "bonus-list", "award-history"):
        template = get_form(code).template()
        assert template.worksheets[0].page_setup.paperSize == 9
