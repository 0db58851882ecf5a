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
    signer_authority="KT. Giám đốc",
    signer_title="Phó Giám đốc",
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


def page_setup_ok(ws, *, landscape: bool, one_page: bool = False) -> None:
    assert ws.page_setup.paperSize == 9
    assert ws.page_setup.orientation == ("landscape" if landscape else "portrait")
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws.page_setup.fitToHeight == (1 if one_page else 0)
    if one_page:
        assert not ws.row_breaks.brk


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
        values={
            "doi_tuong": "cá nhân và tập thể",
            "khen_thuong": "được công nhận danh hiệu Lao động tiên tiến",
            "thoi_gian": "năm 2025",
            "so_qd": "05/QĐ-SNNMT",
            "ngay_qd": "ngày 15 tháng 01 năm 2026",
            "tham_quyen_qd": "Giám đốc Sở Nông nghiệp và Môi trường",
            "so_luong": f"{n:02d} cá nhân và 01 tập thể",
        },
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
    # the header block is the agency printing the annex, the issuing body in balanced lines
    assert ws["A1"].value.replace("\n", " ") == AGENCY.parent_body.upper()
    assert ws["A2"].value.replace("\n", " ") == AGENCY.agency.upper() and ws["A2"].font.b
    appendix = find(ws, "Phụ lục")  # NĐ 30/2020: "Phụ lục" above the title, 14 pt bold
    assert appendix.row == title.row - 1 and appendix.font.b and appendix.font.sz == 14
    page_setup_ok(ws, landscape=False, one_page=True)


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
    assert ws.cell(header, 6).value is None
    page_setup_ok(ws, landscape=False, one_page=True)  # the annex of a decision: portrait


def bonus(n: int = 3, *, units: tuple[str, ...] = ("Văn phòng Sở",)) -> BonusListData:
    lines = tuple(
        BonusLine(
            stt=i,
            name=f"Người {i}",
            unit=units[i % len(units)],
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
        status_note="Quyết định này đã bị thu hồi theo Quyết định 15/QĐ-SNNMT.",
        values={
            "khen_thuong": "Lao động tiên tiến",
            "thoi_gian": "năm 2025",
            "so_qd": "05/QĐ-SNNMT",
            "ngay_qd": "ngày 15 tháng 01 năm 2026",
            "tham_quyen_qd": "Giám đốc Sở Nông nghiệp và Môi trường",
        },
    )


def cached(path, sheet: str | None = None):
    """The sheet as a spreadsheet shows it without recalculating (the stored values)."""
    wb = load_workbook(path, data_only=True)
    return wb[sheet] if sheet else wb.worksheets[0]


def test_bonus_list_layout_total_and_words(tmp_path) -> None:
    data = bonus()
    path = export_form("bonus-list", data, tmp_path / "b.xlsx").path
    ws = load_workbook(path).worksheets[0]
    assert find(ws, data.title).font.b and find(ws, ATTRIBUTION).font.i
    assert data.salary_line in texts(ws)
    assert data.status_note in texts(ws)  # the decision's state, not the clerk's warnings
    assert not any(t.startswith(("Lưu ý", "Ghi chú:")) for t in texts(ws))
    header = find(ws, "STT").row
    # the decision number, the base salary and the title are the same on every line: said
    # once above the table (title, attribution, salary line), not in a column
    assert [ws.cell(header, c).value for c in range(1, 8)] == [
        "STT",
        "Họ và tên",
        "Đơn vị",
        "Hệ số",
        "Số tiền (đồng)",
        "Ký nhận",
        "Ghi chú",
    ]
    first = header + 2
    assert [c.value for c in ws[first]][:5] == [1, "Người 1", "Văn phòng Sở", 0.3, 710_000]
    assert ws.cell(first, 5).number_format == "#,##0"
    total = find(ws, "Tổng cộng")
    assert f"A{total.row}:D{total.row}" in merged(ws) and total.font.b
    last = first + len(data.lines) - 1
    assert ws.cell(total.row, 5).value == f"=SUM(E{first}:E{last})"  # a live total
    assert ws.cell(total.row, 5).number_format == "#,##0"
    words = ws.cell(total.row + 1, 1).value
    assert words.startswith('="Số tiền bằng chữ: "&') and "BangChu" in words
    # the values are stored with the formulas: a reader that does not calculate sees them
    shown = cached(path)
    assert shown.cell(total.row, 5).value == 2_130_000 == data.total
    assert shown.cell(total.row + 1, 1).value == (
        "Số tiền bằng chữ: Hai triệu một trăm ba mươi nghìn đồng."
    )
    assert cached(path, "BangChu")["B8"].value == "Hai triệu một trăm ba mươi nghìn đồng"
    assert load_workbook(path)["BangChu"].sheet_state == "hidden"
    heads = [find(ws, h) for h in ("NGƯỜI LẬP BIỂU", "KẾ TOÁN TRƯỞNG", "KT. GIÁM ĐỐC")]
    assert len({c.row for c in heads}) == 1 and heads[0].column < heads[1].column < heads[2].column
    assert find(ws, "PHÓ GIÁM ĐỐC").row == heads[2].row + 1  # a deputy signs for the head
    assert "THỦ TRƯỞNG ĐƠN VỊ" not in texts(ws) and "Nguyễn Văn Thành" in texts(ws)
    assert "Tuyên Quang, ngày 20 tháng 01 năm 2026" in texts(ws)
    page_setup_ok(ws, landscape=True, one_page=True)  # a short list prints on one page


def test_different_values_keep_their_column(tmp_path) -> None:
    data = bonus(4, units=("Văn phòng Sở", "Thanh tra Sở"))
    ws = load_workbook(export_form("bonus-list", data, tmp_path / "b.xlsx").path).worksheets[0]
    header = find(ws, "STT").row
    assert ws.cell(header, 3).value == "Đơn vị" and ws.cell(header + 2, 3).value == "Thanh tra Sở"
    assert ws.cell(header, 4).value == "Hệ số"  # still one title and one decision


def test_words_follow_the_total_formula(tmp_path) -> None:
    """The amount in words is a formula on the total: Excel and LibreOffice recompute it when
    a line is corrected. Its stored value is what :func:`money_in_words` says; the helper
    cells' formulas are checked against it by tests/excel/test_forms_words.py."""
    data = bonus(2)
    path = export_form("bonus-list", data, tmp_path / "b.xlsx").path
    helper = load_workbook(path)["BangChu"]
    total = find(load_workbook(path).worksheets[0], "Tổng cộng").row
    assert helper["B1"].value == f"=ROUND('Chi tiền thưởng'!$E${total},0)"
    assert cached(path, "BangChu")["B1"].value == 1_420_000


def test_long_bonus_list_repeats_its_header_and_keeps_the_signatures(tmp_path) -> None:
    data = bonus(80)
    ws = load_workbook(export_form("bonus-list", data, tmp_path / "b.xlsx").path).worksheets[0]
    header = find(ws, "STT").row
    assert ws.print_title_rows == f"${header}:${header + 1}"
    breaks = [b.id for b in ws.row_breaks.brk]
    assert len(breaks) >= 2 and ws.page_setup.fitToHeight == 0
    words = find(ws, "Tổng cộng").row + 1
    signer = find(ws, "KẾ TOÁN TRƯỞNG").row
    last_page_start = breaks[-1] + 1
    # the signature block is never split, and never alone under the repeated headers
    assert last_page_start <= words < signer
    assert all(not words <= b < signer for b in breaks)


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
    # the agency's signer: a deputy signs "KT." for the head, never as "THỦ TRƯỞNG ĐƠN VỊ"
    deputy = find(ws, "KT. GIÁM ĐỐC")
    assert ws.cell(deputy.row + 1, deputy.column).value == "PHÓ GIÁM ĐỐC"
    assert "THỦ TRƯỞNG ĐƠN VỊ" not in texts(ws)
    page_setup_ok(ws, landscape=True, one_page=True)


def test_award_history_of_the_head_himself(tmp_path) -> None:
    from dataclasses import replace

    data = replace(history(), agency=replace(AGENCY, signer_authority="", signer_title="Giám đốc"))
    ws = load_workbook(export_form("award-history", data, tmp_path / "h.xlsx").path).worksheets[0]
    head = find(ws, "GIÁM ĐỐC")
    assert not any(str(t).startswith("KT.") for t in texts(ws))
    assert ws.cell(head.row - 1, head.column).value != "KT. GIÁM ĐỐC"


def test_registry_entries() -> None:
    assert get_form("decision-annex").params == ("decision", "year")
    assert get_form("bonus-list").takes("decision") and get_form("bonus-list").takes("date")
    assert get_form("award-history").params == ("person", "unit", "date")
    for code in ("decision-annex", "bonus-list", "award-history"):
        template = get_form(code).template()
        assert template.worksheets[0].page_setup.paperSize == 9
        assert "Cấu hình" in template.sheetnames
