"""Registration forms reopened with openpyxl: texts, merges, fonts, print titles, page setup,
totals; the unit's workbook: sheets, protection, drop-down lists, document properties."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from app.domain.settings import AgencySettings
from app.excel.forms import registration_workbook, registrations
from app.excel.forms.registry import export_form, get_form
from app.excel.registration_import import PROP_UNIT, PROP_YEAR
from app.services.registration_reports import (
    CollectiveLine,
    CollectiveRegistrationsData,
    FormPerson,
    FormUnit,
    IndividualRegistrationsData,
    RegistrationFormData,
    RegistrationGroup,
    RegistrationLine,
    RegistrationSummaryData,
    SummaryLine,
)

AGENCY = AgencySettings(
    parent_body="UBND tỉnh Tuyên Quang",
    agency="Sở Nông nghiệp và Môi trường",
    place="Tuyên Quang",
    signer_name="Nguyễn Văn Thành",
)
ON = date(2026, 1, 20)


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setenv("TDKT_DATA_DIR", str(folder))
    return folder


def line(
    pid: int, name: str, unit: str, title: str = "Lao động tiên tiến", **kw
) -> RegistrationLine:
    values = {
        "person_id": pid,
        "full_name": name,
        "gender": "Nam",
        "birth_date": date(1980, 5, pid),
        "birth_year": 1980,
        "position_title": "Chuyên viên",
        "unit_name": unit,
        "title": title,
        "title_short": "LĐTT",
        "note": "",
    }
    values.update(kw)
    return RegistrationLine(**values)


def individual_data(n_per_group: int = 3, unit_name: str | None = None):
    groups = tuple(
        RegistrationGroup(
            unit_id=g,
            name=name,
            lines=tuple(line(g * 10 + i + 1, f"Người {g}-{i}", name) for i in range(n_per_group)),
        )
        for g, name in enumerate(("Văn phòng Sở", "Chi cục Kiểm lâm"), start=1)
    )
    return IndividualRegistrationsData(
        agency=AGENCY,
        year=2026,
        on=ON,
        unit_id=None,
        unit_name=unit_name,
        scope=None,
        groups=groups,
    )


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


def test_individual_list_layout(tmp_path) -> None:
    path = export_form("registrations-individual", individual_data(), tmp_path / "cn.xlsx").path
    ws = load_workbook(path).worksheets[0]
    title = find(ws, "DANH SÁCH ĐĂNG KÝ THI ĐUA NĂM 2026")
    assert title.font.b and title.font.name == "Times New Roman" and title.font.sz == 14
    assert f"A{title.row}:H{title.row}" in merged(ws)
    assert "(Tổng số: 6 cá nhân đăng ký)" in texts(ws)
    header = find(ws, "STT").row
    assert [ws.cell(header, c).value for c in range(1, 9)] == [
        "STT",
        "Họ và tên",
        "Giới tính",
        "Ngày sinh",
        "Chức vụ/Chức danh",
        "Phòng/Đơn vị",
        "Danh hiệu thi đua đăng ký",
        "Ghi chú",
    ]
    assert [ws.cell(header + 1, c).value for c in range(1, 9)] == list(range(1, 9))
    assert ws.print_title_rows == f"${header}:${header + 1}"
    assert ws.cell(header, 2).font.b and ws.cell(header, 2).border.left.style == "thin"
    group = find(ws, "I")
    assert ws.cell(group.row, 2).value == "Văn phòng Sở" and ws.cell(group.row, 2).font.b
    assert f"B{group.row}:H{group.row}" in merged(ws)
    first = ws[group.row + 1]
    assert [c.value for c in first] == [
        1,
        "Người 1-0",
        "Nam",
        datetime(1980, 5, 11),
        "Chuyên viên",
        "Văn phòng Sở",
        "Lao động tiên tiến",
        None,
    ]
    assert first[3].number_format == "dd/mm/yyyy"
    assert find(ws, "II").row == group.row + 4
    assert ws.cell(find(ws, "II").row + 3, 1).value == 6  # STT runs through the groups
    # page setup: A4 landscape, one page wide, page numbers from page 2
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws.HeaderFooter.differentFirst and ws.oddHeader.center.text == "&P"
    # signatures: the agency's signer as its settings name him, "KT." for a deputy
    assert "NGƯỜI LẬP BIỂU" in texts(ws) and "THỦ TRƯỞNG ĐƠN VỊ" not in texts(ws)
    deputy = find(ws, "KT. GIÁM ĐỐC")
    assert ws.cell(deputy.row + 1, deputy.column).value == "PHÓ GIÁM ĐỐC"
    assert "(Ký, họ tên, đóng dấu)" in texts(ws) and "Nguyễn Văn Thành" in texts(ws)
    assert "Tuyên Quang, ngày 20 tháng 01 năm 2026" in texts(ws)


def test_fast_rows_match_engine_rows(tmp_path) -> None:
    """Rows written by FastRows look exactly like rows written by FormSheet.data_row."""
    data = individual_data(n_per_group=8)
    group = data.groups[0]
    lines = list(group.lines)
    lines[5] = line(19, "Người có ghi chú", "Văn phòng Sở", note="=HYPERLINK(1)")
    data = IndividualRegistrationsData(
        AGENCY, 2026, ON, None, None, None, (RegistrationGroup(1, group.name, tuple(lines)),)
    )
    ws = load_workbook(export_form("registrations-individual", data, tmp_path / "x.xlsx").path)[
        "Đăng ký cá nhân"
    ]
    start = find(ws, "I").row + 1
    formula_like = ws.cell(start + 5, 8)
    assert formula_like.value == "=HYPERLINK(1)" and formula_like.data_type == "s"
    assert formula_like.quotePrefix
    engine, fast = ws[start], ws[start + 4]  # first row: data_row; fifth: FastRows
    for a, b in zip(engine, fast, strict=True):
        assert list(a._style) == list(b._style)  # same font, fill, border, alignment, format
        assert (a.font.name, a.border.left.style, a.alignment.wrap_text) == (
            "Times New Roman",
            "thin",
            True,
        )
    assert ws.row_dimensions[start].height == ws.row_dimensions[start + 4].height


def test_unit_list_has_no_group_row_and_a_unit_header(tmp_path) -> None:
    one = IndividualRegistrationsData(
        agency=AgencySettings(
            parent_body="Sở Nông nghiệp và Môi trường", agency="Văn phòng Sở", place="Tuyên Quang"
        ),
        year=2026,
        on=ON,
        unit_id=3,
        unit_name="Văn phòng Sở",
        scope=None,
        groups=(
            RegistrationGroup(
                3, "Văn phòng Sở", (line(1, "Lê Văn An", "Văn phòng Sở", note="=SUM(A1)"),)
            ),
        ),
    )
    ws = load_workbook(export_form("registrations-individual", one, tmp_path / "vp.xlsx").path)
    ws = ws.worksheets[0]
    assert ws["A1"].value == "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG" and ws["A2"].value == "VĂN PHÒNG SỞ"
    assert "Cá nhân - Văn phòng Sở" in texts(ws)
    assert "I" not in texts(ws)
    note = find(ws, "=SUM(A1)")
    assert note.data_type == "s"  # user text never becomes a formula
    assert "Nguyễn Văn Thành" not in texts(ws)  # the unit's head signs by hand


def test_collective_list(tmp_path) -> None:
    data = CollectiveRegistrationsData(
        agency=AGENCY,
        year=2026,
        on=ON,
        unit_id=None,
        unit_name=None,
        lines=(
            CollectiveLine(
                1, "Văn phòng Sở", "Cơ quan hành chính", "Tập thể lao động xuất sắc", ""
            ),
            CollectiveLine(2, "Chi cục Kiểm lâm", "Cơ quan hành chính", "Không đăng ký", ""),
            CollectiveLine(3, "Hạt Kiểm lâm I (thuộc Chi cục Kiểm lâm)", "", "", "Mới thành lập"),
        ),
    )
    ws = load_workbook(export_form("registrations-collective", data, tmp_path / "tt.xlsx").path)
    ws = ws.worksheets[0]
    header = find(ws, "STT").row
    assert [ws.cell(header, c).value for c in range(1, 6)] == [
        "STT",
        "Tên đơn vị/tập thể",
        "Phân loại đơn vị",
        "Danh hiệu thi đua đăng ký",
        "Ghi chú",
    ]
    rows = [[ws.cell(r, c).value for c in range(1, 6)] for r in range(header + 2, header + 5)]
    assert rows[1][3] == "Không đăng ký" and rows[2][3] == "Không đăng ký"
    assert rows[2][4] == "Mới thành lập"
    assert "(Tổng số: 1/3 tập thể đăng ký)" in texts(ws)
    assert ws.page_setup.orientation == "portrait"
    assert ws.print_title_rows == f"${header}:${header + 1}"


def summary_data() -> RegistrationSummaryData:
    ind = (("LDTT", "LĐTT"), ("CSTDCS", "CSTĐCS"), ("CSTD_TINH", "CSTĐ tỉnh"))
    col = (("TTLDTT", "TTLĐTT"), ("TTLDXS", "TTLĐXS"))
    lines = (
        SummaryLine(3, "Văn phòng Sở", 30, 28, (25, 2, 1), (0, 1), "Đã nộp 12/01/2026"),
        SummaryLine(13, "Chi cục Kiểm lâm", 120, 100, (90, 10, 0), (4, 1), "Chưa gửi"),
    )
    total = SummaryLine(None, "Tổng cộng", 150, 128, (115, 12, 1), (4, 2), "")
    return RegistrationSummaryData(AGENCY, 2026, ON, ind, col, lines, total)


def test_summary_with_grouped_headers_and_totals(tmp_path) -> None:
    path = export_form("registrations-summary", summary_data(), tmp_path / "th.xlsx").path
    ws = load_workbook(path).worksheets[0]
    shown = load_workbook(path, data_only=True).worksheets[0]  # the values stored
    assert "BẢNG TỔNG HỢP ĐĂNG KÝ THI ĐUA NĂM 2026" in texts(ws)
    top = find(ws, "STT").row
    assert ws.cell(top, 4).value == "Cá nhân đăng ký" and ws.cell(top, 8).value == "Tập thể đăng ký"
    assert f"D{top}:G{top}" in merged(ws) and f"H{top}:I{top}" in merged(ws)
    assert f"A{top}:A{top + 1}" in merged(ws)  # single headers span both rows
    assert [ws.cell(top + 1, c).value for c in range(4, 10)] == [
        "Tổng số",
        "LĐTT",
        "CSTĐCS",
        "CSTĐ tỉnh",
        "TTLĐTT",
        "TTLĐXS",
    ]
    assert ws.print_title_rows == f"${top}:${top + 2}"
    first = top + 3
    assert [ws.cell(first, c).value for c in range(1, 11)] == [
        1,
        "Văn phòng Sở",
        30,
        28,
        25,
        2,
        1,
        0,
        1,
        "Đã nộp 12/01/2026",
    ]
    totals = first + 2
    assert ws.cell(totals, 3).value == f"=SUM(C{first}:C{first + 1})"  # a live total
    assert ws.cell(totals, 9).value == f"=SUM(I{first}:I{first + 1})"
    assert [shown.cell(totals, c).value for c in range(2, 10)] == [
        "Tổng cộng",
        150,
        128,
        115,
        12,
        1,
        4,
        2,
    ]
    assert all(ws.cell(totals, c).font.b for c in range(1, 11))
    assert not ws.cell(first, 2).font.b
    assert ws.page_setup.orientation == "landscape"


def form_data(people: int = 3) -> RegistrationFormData:
    return RegistrationFormData(
        agency=AgencySettings(
            parent_body="Sở NN&MT", agency="Chi cục Kiểm lâm", place="Tuyên Quang"
        ),
        year=2026,
        on=ON,
        unit_code="CCKL",
        unit_name="Chi cục Kiểm lâm",
        campaign_name="Phong trào thi đua thường xuyên năm 2026",
        deadline=date(2026, 1, 31),
        people=tuple(
            FormPerson(
                i,
                f"Người {i}",
                f"NV{i:03d}",
                date(1980, 1, i),
                None,
                "Nam",
                "Kiểm lâm viên",
                "Hạt Kiểm lâm I",
                "Lao động tiên tiến" if i == 1 else "",
                "",
            )
            for i in range(1, people + 1)
        ),
        units=(
            FormUnit(13, "CCKL", "Chi cục Kiểm lâm", "Cơ quan hành chính", "", ""),
            FormUnit(14, "HAT1", "Hạt Kiểm lâm I", "Cơ quan hành chính", "", ""),
        ),
        individual_titles=tuple(
            f"Danh hiệu cá nhân số {i} rất dài để thử giới hạn" for i in range(15)
        ),
        collective_titles=("Tập thể lao động tiên tiến", "Tập thể lao động xuất sắc"),
    )


def test_registration_workbook_structure(tmp_path) -> None:
    path = export_form("registration-form", form_data(), tmp_path / "cckl.xlsx").path
    wb = load_workbook(path)
    assert wb.sheetnames == ["Cá nhân", "Tập thể", "Hướng dẫn", "DanhMuc"]
    assert wb.active.title == "Cá nhân"
    assert wb["DanhMuc"].sheet_state == "hidden"
    assert wb["Hướng dẫn"].sheet_state == "visible"
    guide = " ".join(texts(wb["Hướng dẫn"]))
    assert "HƯỚNG DẪN ĐIỀN BẢN ĐĂNG KÝ THI ĐUA NĂM 2026" in guide and "31/01/2026" in guide
    assert "KHÔNG có mật khẩu" in guide
    props = {p.name: p.value for p in wb.custom_doc_props.props}
    assert props[PROP_YEAR] == 2026 and props[PROP_UNIT] == "CCKL"

    ws = wb["Cá nhân"]
    assert ws.protection.sheet and not ws.protection.password
    header = find(ws, "STT").row
    assert ws.cell(header, 8).value == "Danh hiệu thi đua đăng ký"
    first = header + 2
    assert ws.cell(first, 2).value == "Người 1" and ws.cell(first, 8).value == "Lao động tiên tiến"
    for col in (1, 2, 3, 4, 7):
        assert ws.cell(first, col).protection.locked
    assert not ws.cell(first, 8).protection.locked and not ws.cell(first, 9).protection.locked
    assert ws.cell(header, 8).protection.locked
    (dv,) = ws.data_validations.dataValidation
    assert dv.type == "list" and dv.formula1 == "DanhMuc!$A$1:$A$15"
    assert len(dv.formula1) < 255
    assert str(dv.sqref) == f"H{first}:H{first + 2}"
    assert [wb["DanhMuc"].cell(r, 1).value for r in (1, 15)] == [
        "Danh hiệu cá nhân số 0 rất dài để thử giới hạn",
        "Danh hiệu cá nhân số 14 rất dài để thử giới hạn",
    ]

    units = wb["Tập thể"]
    assert units.protection.sheet
    top = find(units, "STT").row
    assert [units.cell(top, c).value for c in range(1, 7)] == [
        "STT",
        "Tên đơn vị/tập thể",
        "Mã đơn vị",
        "Phân loại đơn vị",
        "Danh hiệu thi đua đăng ký",
        "Ghi chú",
    ]
    assert units.cell(top + 3, 3).value == "HAT1"
    (udv,) = units.data_validations.dataValidation
    assert udv.formula1 == "DanhMuc!$B$1:$B$2"
    assert not units.cell(top + 2, 5).protection.locked
    assert units.print_title_rows == f"${top}:${top + 1}" and ws.print_title_rows


def test_registry_lists_the_new_forms() -> None:
    for code, params in (
        ("registrations-individual", {"unit", "year", "date"}),
        ("registrations-collective", {"unit", "year", "date"}),
        ("registrations-summary", {"year", "date"}),
        ("registration-form", {"unit", "year", "date"}),
    ):
        assert set(get_form(code).params) == params
    assert registrations.INDIVIDUAL_CODE == "registrations-individual"
    assert registration_workbook.CODE == "registration-form"
    template = registrations.template_summary().worksheets[0]
    assert template.page_setup.orientation == "landscape"


def test_empty_lists(tmp_path) -> None:
    empty = IndividualRegistrationsData(AGENCY, 2026, ON, None, None, None, ())
    ws = load_workbook(export_form("registrations-individual", empty, tmp_path / "e.xlsx").path)
    assert "Chưa có cá nhân nào đăng ký." in texts(ws.worksheets[0])
    wb = load_workbook(export_form("registration-form", form_data(0), tmp_path / "f.xlsx").path)
    assert "Đơn vị không có cán bộ đang công tác trong danh bạ của Sở." in texts(wb["Cá nhân"])
    assert len(wb["Cá nhân"].data_validations.dataValidation) == 0


def test_summary_total_is_never_alone_with_the_signatures(tmp_path) -> None:
    """Whatever the number of units, the page holding "Tổng cộng" and the signatures also
    holds the last unit's line: no page ends between them or inside the signature block."""
    base = summary_data()
    paged = 0
    for count in range(10, 46, 2):
        lines = tuple(
            SummaryLine(i, f"Đơn vị số {i}", 10, 8, (6, 1, 1), (1, 0), "Đã nộp 12/01/2026")
            for i in range(1, count + 1)
        )
        data = RegistrationSummaryData(
            AGENCY, 2026, ON, base.individual_titles, base.collective_titles, lines, base.total
        )
        ws = load_workbook(export_form("registrations-summary", data, tmp_path / "s.xlsx").path)
        sheet = ws.worksheets[0]
        total = find(sheet, "Tổng cộng").row
        breaks = [b.id for b in sheet.row_breaks.brk]
        assert all(after < total - 1 for after in breaks), (count, breaks, total)
        paged += bool(breaks)
    assert paged >= 8
