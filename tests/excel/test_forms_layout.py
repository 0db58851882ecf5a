"""The Nghị định 30/2020 layout engine: header block, table, signatures, page setup, templates."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from app.config import resources_root
from app.domain.settings import AgencySettings
from app.excel.forms import layout, metrics, page, registry, staff_list
from app.excel.forms.layout import QUOC_HIEU, TIEU_NGU, Column, FormSheet, Signer, open_form
from app.excel.forms.page import (
    LANDSCAPE_MARGINS_MM,
    PORTRAIT_MARGINS_MM,
    TemplateInfo,
    paginate,
    template_info,
)
from app.excel.forms.save import ExportFileError, save_workbook

AGENCY = AgencySettings(
    parent_body="UBND tỉnh Tuyên Quang",
    agency="Sở Nông nghiệp và Môi trường",
    abbreviation="SNNMT",
    place="Tuyên Quang",
    signer_authority="KT. GIÁM ĐỐC",
    signer_title="PHÓ GIÁM ĐỐC",
    signer_name="Nguyễn Văn Thành",
)
ON = date(2026, 2, 5)


@dataclass(frozen=True)
class Line:
    full_name: str
    gender: str = "Nam"
    birth_date: date | None = None
    birth_year: int | None = None
    position_title: str = "Chuyên viên"
    unit_name: str = "Văn phòng Sở"
    note: str = ""


@dataclass(frozen=True)
class Group:
    name: str
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class Data:
    groups: tuple[Group, ...]
    agency: AgencySettings = AGENCY
    on: date = ON
    scope: str | None = None
    extra: dict[str, str] = field(default_factory=dict)


def _data(n: int = 3) -> Data:
    units = ("Văn phòng Sở", "Tổ Hành chính")  # two units: the column "Đơn vị" is printed
    lines = tuple(
        Line(f"Nguyễn Văn {chr(65 + i)}", birth_date=date(1980, 1, 1 + i), unit_name=units[i % 2])
        for i in range(n)
    )
    return Data(groups=(Group("Văn phòng Sở", lines),))


def _roundtrip(wb: Workbook, tmp_path: Path, name: str = "form.xlsx"):
    path = save_workbook(wb, tmp_path / name)
    return load_workbook(path).worksheets[0]


def _merged(ws) -> set[str]:
    return {str(r) for r in ws.merged_cells.ranges}


def _find(ws, text: str):
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == text:
                return cell
    raise AssertionError(f"{text!r} not found")


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path, monkeypatch) -> Path:
    """No custom template leaks in from (or out to) the shared test data folder."""
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setenv("TDKT_DATA_DIR", str(folder))
    return folder


# ------------------------------------------------------------------ header block and title


def test_header_block_texts_merges_and_fonts(tmp_path) -> None:
    ws = _roundtrip(staff_list.build(_data()), tmp_path)
    # Columns A:D (≈ 40 %) on the left, E:G on the right.
    assert ws["A1"].value == "UBND TỈNH TUYÊN QUANG"
    assert ws["E1"].value == QUOC_HIEU
    assert ws["A2"].value == "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG"
    assert ws["E2"].value == TIEU_NGU
    assert {"A1:D1", "E1:G1", "A2:D2", "E2:G2", "A3:D3", "E3:G3", "E4:G4"} <= _merged(ws)
    for ref in ("A1", "A2", "E1", "E2", "E4"):
        assert ws[ref].font.name == "Times New Roman", ref
    assert not ws["A1"].font.b  # parent body: capitals, upright
    assert ws["A2"].font.b and ws["E1"].font.b and ws["E2"].font.b
    assert ws["E2"].font.sz == 13 and ws["E1"].font.sz == 12
    # Rules: underscores centred under the issuing body (shorter) and the Tiêu ngữ.
    left_rule, right_rule = ws["A3"].value, ws["E3"].value
    assert set(left_rule) == {"_"} and set(right_rule) == {"_"}
    assert len(left_rule) < len(right_rule)
    assert ws["A3"].alignment.horizontal == "center"
    # Place and date, italic, under the Tiêu ngữ.
    assert ws["E4"].value == "Tuyên Quang, ngày 05 tháng 02 năm 2026"
    assert ws["E4"].font.i
    assert ws["A4"].value is None  # a staff list has no document number


def test_title_and_subtitles(tmp_path) -> None:
    data = Data(groups=_data().groups, scope="Chi cục Kiểm lâm và các đơn vị trực thuộc")
    ws = _roundtrip(staff_list.build(data), tmp_path)
    title = _find(ws, "DANH SÁCH CÁN BỘ")
    assert title.font.b and title.font.sz == 14 and title.font.name == "Times New Roman"
    assert f"A{title.row}:G{title.row}" in _merged(ws)
    scope = ws.cell(row=title.row + 1, column=1)
    assert scope.value == "Chi cục Kiểm lâm và các đơn vị trực thuộc" and scope.font.b
    count = ws.cell(row=title.row + 2, column=1)
    assert count.value == "(Tính đến ngày 05/02/2026; tổng số: 3 người)" and count.font.i


def test_document_number_line(tmp_path) -> None:
    wb = Workbook()
    form = FormSheet(wb, [Column("A", 20), Column("B", 30)], TemplateInfo("x", None, False))
    form.header_block(AGENCY, on=ON, doc_code="BC")
    ws = _roundtrip(form.finish(), tmp_path)
    assert ws["A4"].value == "Số:         /BC-SNNMT"
    assert ws["B4"].value == "Tuyên Quang, ngày 05 tháng 02 năm 2026"


def test_empty_settings_still_give_a_header(tmp_path) -> None:
    data = Data(groups=(), agency=AgencySettings(parent_body="", place="", signer_name=""))
    ws = _roundtrip(staff_list.build(data), tmp_path)
    assert ws["E1"].value == QUOC_HIEU
    assert ws["E4"].value == "Ngày 05 tháng 02 năm 2026"
    assert _find(ws, "Không có cán bộ nào.").font.i


# ------------------------------------------------------------------ table


def test_table_header_column_numbers_and_print_titles(tmp_path) -> None:
    ws = _roundtrip(staff_list.build(_data()), tmp_path)
    header = _find(ws, "STT").row
    names = [ws.cell(row=header, column=c).value for c in range(1, 8)]
    assert names == ["STT", "Họ và tên", "Giới tính", "Ngày sinh", "Chức vụ", "Đơn vị", "Ghi chú"]
    assert all(ws.cell(row=header, column=c).font.b for c in range(1, 8))
    assert [ws.cell(row=header + 1, column=c).value for c in range(1, 8)] == list(range(1, 8))
    assert ws.print_title_rows == f"${header}:${header + 1}"
    assert ws.cell(row=header, column=2).border.bottom.style == "thin"


def test_grouped_columns_get_two_header_rows(tmp_path) -> None:
    columns = [
        Column("STT", 5, "center"),
        Column("Họ và tên", 25),
        Column("Nam", 8, group="Ngày sinh"),
        Column("Nữ", 8, group="Ngày sinh"),
        Column("Ghi chú", 12),
    ]
    form = FormSheet(Workbook(), columns, TemplateInfo("x", None, False))
    form.table_header()
    form.data_row([1, "Lê Văn An", date(1980, 1, 2), "", ""])
    ws = _roundtrip(form.finish(), tmp_path)
    assert {"A1:A2", "B1:B2", "C1:D1", "E1:E2"} <= _merged(ws)
    assert ws["C1"].value == "Ngày sinh" and ws["C2"].value == "Nam" and ws["D2"].value == "Nữ"
    assert [ws.cell(row=3, column=c).value for c in range(1, 6)] == [1, 2, 3, 4, 5]
    assert ws.print_title_rows == "$1:$3"


@pytest.mark.parametrize("value", ["=SUM(A1)", "@cmd", "+84912345678", "-1", "=1+1"])
def test_user_text_is_never_a_formula(tmp_path, value) -> None:
    data = Data(
        groups=(Group(value, (Line(value, position_title=value, unit_name=value, note=value),)),),
        agency=AgencySettings(signer_name=value),
    )
    wb = staff_list.build(data)
    path = save_workbook(wb, tmp_path / "f.xlsx")
    ws = load_workbook(path).worksheets[0]
    cells = [c for row in ws.iter_rows() for c in row if c.value == value]
    assert len(cells) >= 5  # group row, name, position, unit, note, signer's name
    for cell in cells:
        assert cell.data_type == "s"
        assert cell.quotePrefix
    assert "<f>" not in _sheet_xml(path)


def _sheet_xml(path: Path) -> str:
    import zipfile

    with zipfile.ZipFile(path) as archive:
        return archive.read("xl/worksheets/sheet1.xml").decode("utf-8")


def test_control_characters_are_dropped(tmp_path) -> None:
    data = Data(groups=(Group("Văn phòng", (Line("Lê\x07 Văn An"),)),))
    ws = _roundtrip(staff_list.build(data), tmp_path)
    _find(ws, "Lê Văn An")


def test_put_keeps_numbers_and_dates() -> None:
    ws = Workbook().active
    assert layout.put(ws, 1, 1, 5).data_type == "n"
    assert layout.put(ws, 1, 2, date(2020, 1, 2)).data_type == "d"
    assert layout.put(ws, 1, 3, "Bình thường").quotePrefix is False


# ------------------------------------------------------------------ signatures


def test_signature_block(tmp_path) -> None:
    ws = _roundtrip(staff_list.build(_data()), tmp_path)
    preparer = _find(ws, "NGƯỜI LẬP BIỂU")
    authority = _find(ws, "KT. GIÁM ĐỐC")
    assert preparer.row == authority.row and preparer.column == 1 < authority.column
    assert preparer.font.b and authority.font.b and authority.font.sz == 13
    hint = _find(ws, "(Ký, ghi rõ họ tên)")
    assert hint.font.i and not hint.font.b and hint.row == preparer.row + 1
    title = _find(ws, "PHÓ GIÁM ĐỐC")
    assert title.row == authority.row + 1 and title.column == authority.column and title.font.b
    name = _find(ws, "Nguyễn Văn Thành")
    assert name.font.b and name.row >= title.row + 4
    date_lines = [
        c
        for row in ws.iter_rows()
        for c in row
        if c.value == "Tuyên Quang, ngày 05 tháng 02 năm 2026"
    ]
    assert date_lines[-1].row == authority.row - 1 and date_lines[-1].font.i
    last = int(ws.print_area.split("$")[-1])
    assert last == name.row


def test_signer_without_authority_line() -> None:
    signer = layout.signer_of(AgencySettings(signer_authority="", signer_title="Giám đốc"))
    assert signer.heading == ("GIÁM ĐỐC",)
    assert layout.preparer_of(AgencySettings(preparer_title="")) == Signer(
        heading=("NGƯỜI LẬP BIỂU",), hint="(Ký, ghi rõ họ tên)"
    )


# ------------------------------------------------------------------ page setup


def test_page_setup_landscape(tmp_path) -> None:
    ws = _roundtrip(staff_list.build(_data()), tmp_path)
    assert ws.page_setup.paperSize == 9  # A4
    assert ws.page_setup.orientation == "landscape"
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    # three people: the list fits one page, printed one page wide and tall, no breaks
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 1
    assert not ws.row_breaks.brk
    assert ws.print_options.horizontalCentered
    m = ws.page_margins
    assert round(m.top * 25.4) == LANDSCAPE_MARGINS_MM["top"] == 30
    assert round(m.left * 25.4) == 20 and round(m.right * 25.4) == 20
    assert round(m.bottom * 25.4) == 20
    assert ws.oddHeader.center.text == "&P"
    assert ws.oddHeader.center.font == "Times New Roman,Regular"
    assert ws.HeaderFooter.differentFirst
    assert not ws.firstHeader.center.text  # no number on page 1


def test_portrait_margins_follow_decree_30() -> None:
    ws = page.blank_workbook("x", [10, 20], landscape=False).active
    assert ws.page_setup.orientation == "portrait"
    mm = {k: round(getattr(ws.page_margins, k) * 25.4) for k in ("top", "bottom", "left", "right")}
    assert mm == PORTRAIT_MARGINS_MM
    assert 20 <= mm["top"] <= 25 and 20 <= mm["bottom"] <= 25
    assert 30 <= mm["left"] <= 35 and 15 <= mm["right"] <= 20


def test_default_font_is_times_new_roman(tmp_path) -> None:
    path = save_workbook(staff_list.build(_data()), tmp_path / "f.xlsx")
    wb = load_workbook(path)
    assert wb._fonts[0].name == "Times New Roman"
    ws = wb.worksheets[0]
    fonts = {c.font.name for row in ws.iter_rows() for c in row if c.value is not None}
    assert fonts == {"Times New Roman"}


def test_every_written_row_has_a_height(tmp_path) -> None:
    lines = (Line("Lê Văn An", unit_name="Trung tâm " * 12), Line("Lê Văn Bình"))
    data = Data(groups=(Group("Văn phòng", lines),))
    ws = _roundtrip(staff_list.build(data), tmp_path)
    last = int(ws.print_area.split("$")[-1])
    assert all(ws.row_dimensions[r].height for r in range(1, last + 1))
    row = _find(ws, "Lê Văn An").row
    assert ws.row_dimensions[row].height > 2 * ws.row_dimensions[row - 1].height


# ------------------------------------------------------------------ pagination


def test_paginate_fills_pages_and_repeats_titles() -> None:
    heights = [10.0] * 30
    assert paginate(heights, 100) == [10, 20]
    # Rows 1-2 repeat: later pages hold 8 more rows.
    assert paginate(heights, 100, repeat=(1, 2)) == [10, 18, 26]


def test_paginate_keeps_ranges_together() -> None:
    heights = [10.0] * 30
    assert paginate(heights, 100, keeps=[(9, 12)]) == [8, 18, 28]
    # A range longer than a page is split as usual.
    assert paginate(heights, 100, keeps=[(5, 25)]) == [10, 20]


def test_paginate_merges_overlapping_keeps() -> None:
    """A heading kept with its first lines (8-10) and those lines kept with what follows
    (10-12) move together: the page never ends on the heading."""
    heights = [10.0] * 30
    breaks = paginate(heights, 100, keeps=[(8, 10), (10, 12)])
    assert breaks[0] == 7
    assert all(after not in (8, 9, 10, 11) for after in breaks)
    assert page.merge_keeps([(10, 12), (8, 10), (20, 22), (21, 25)]) == [(8, 12), (20, 25)]


def test_paginate_splits_a_soft_range_only_to_save_room() -> None:
    """A heading's second line (a soft range) follows it to the next page when that leaves a
    little room empty, but not when it would leave a large part of the page empty."""
    heights = [10.0] * 30
    assert paginate(heights, 100, soft=[(9, 12)])[0] == 8  # 20 % empty: moved whole
    assert paginate(heights, 100, soft=[(6, 12)])[0] == 10  # 50 % empty: split
    # A kept range is moved whole however much room that leaves.
    assert paginate(heights, 100, keeps=[(6, 12)])[0] == 5


def test_paginate_splits_a_chain_longer_than_a_page_where_it_fills_the_page() -> None:
    """Overlapping ranges longer than a page together: the chain starts a page and is split
    where that page is full."""
    heights = [10.0] * 30
    breaks = paginate(heights, 100, keeps=[(5, 10), (10, 16), (16, 20)])
    assert breaks == [4, 14, 24]


def test_short_document_is_printed_on_one_page(tmp_path) -> None:
    """A list a little longer than a page is scaled down onto one page, not spread on two."""
    groups = (Group("Văn phòng Sở", tuple(Line(f"Người {i}") for i in range(8))),)
    ws = _roundtrip(staff_list.build(Data(groups=groups)), tmp_path)
    width, height = page.printable_pt(ws)
    total = sum(
        ws.row_dimensions[r].height for r in range(1, int(ws.print_area.split("$")[-1]) + 1)
    )
    assert total > height  # taller than one page at full size...
    assert ws.page_setup.fitToHeight == 1 and not ws.row_breaks.brk  # ...yet on one page


def test_long_list_gets_page_breaks_that_keep_groups(tmp_path) -> None:
    groups = tuple(
        Group(f"Phòng {g}", tuple(Line(f"Người {g}-{i}") for i in range(7))) for g in range(12)
    )
    ws = _roundtrip(staff_list.build(Data(groups=groups)), tmp_path)
    breaks = [b.id for b in ws.row_breaks.brk]
    assert len(breaks) >= 3
    for after in breaks:
        # No page ends on a group row, or right after the first line of a group.
        last = ws.cell(row=after, column=2).value or ""
        previous = ws.cell(row=after - 1, column=2).value or ""
        assert not last.startswith("Phòng") and not previous.startswith("Phòng")
    name_row = _find(ws, "Nguyễn Văn Thành").row
    assert breaks[-1] < name_row - 8  # the signature block is not alone on its page


def test_lines_needed_wraps_at_words() -> None:
    assert metrics.lines_needed("Văn phòng Sở", 200, 12) == 1
    long = "Trung tâm Nước sạch và Vệ sinh môi trường nông thôn"
    assert metrics.lines_needed(long, 150, 12) == 2
    assert metrics.lines_needed("a\nb", 200, 12) == 2


# ------------------------------------------------------------------ templates


def _config(wb) -> dict[str, list]:
    """The rows of a template's "Cấu hình" sheet by the key in column A."""
    ws = wb["Cấu hình"]
    return {row[0].value: [c.value for c in row] for row in ws.iter_rows() if row[0].value}


def test_every_form_ships_a_template_matching_the_code() -> None:
    for form in registry.FORMS:
        info = template_info(form.code)
        assert info.path == resources_root() / "templates" / f"{form.code}.xlsx", form.code
        assert not info.custom and info.label == "mặc định"
        shipped = load_workbook(info.path)
        built = form.template()
        assert shipped.sheetnames == built.sheetnames, form.code
        assert shipped.worksheets[0].page_setup.orientation == (
            built.worksheets[0].page_setup.orientation
        )
        assert shipped.worksheets[0].HeaderFooter.differentFirst
        if "Cấu hình" in built.sheetnames:
            assert _config(shipped) == _config(built), f"regenerate {form.code}.xlsx"


def test_template_of_reports_default_and_custom(private_data_dir, tmp_path) -> None:
    assert registry.template_of("staff-list").label == "mặc định"
    custom = private_data_dir / "staff-list.xlsx"
    wb = staff_list.template_workbook()
    config = wb["Cấu hình"]
    rows = {r[0].value: r for r in config.iter_rows() if r[0].value}
    rows["name"][1].value = "Họ, chữ đệm và tên"  # a column renamed...
    rows["name"][2].value = 30  # ...given a width
    rows["gender"][3].value = "không"  # a column left out
    rows["tieu_de"][1].value = "Danh sách công chức, viên chức"  # wording
    rows["trai"][1].value = "NGƯỜI LẬP DANH SÁCH"  # signature block
    rows["phai"][1].value = "TL. GIÁM ĐỐC"
    rows["phai"][2].value = "CHÁNH VĂN PHÒNG"
    rows["phai"][4].value = "Lê Thị Hoa"
    config.move_range(f"A{rows['unit'][0].row}:E{rows['unit'][0].row}", rows=0, cols=0)
    wb.worksheets[0]["A1"] = "rác"  # cells of the print sheet are ignored
    wb.worksheets[0].merge_cells("B8:F9")
    wb.save(custom)
    info = registry.template_of("staff-list")
    assert info.path == custom and info.custom and info.label == "tùy chỉnh"
    assert str(custom) in info.describe() and "tùy chỉnh" in info.describe()
    ws = _roundtrip(staff_list.build(_data()), tmp_path)
    header = _find(ws, "STT").row
    assert [ws.cell(header, c).value for c in range(1, 7)] == [
        "STT",
        "Họ, chữ đệm và tên",
        "Ngày sinh",
        "Chức vụ",
        "Đơn vị",
        "Ghi chú",
    ]
    assert ws.column_dimensions["B"].width == 30
    assert "DANH SÁCH CÔNG CHỨC, VIÊN CHỨC" in [c.value for row in ws.iter_rows() for c in row]
    texts = {c.value for row in ws.iter_rows() for c in row if c.value}
    assert {"NGƯỜI LẬP DANH SÁCH", "TL. GIÁM ĐỐC", "CHÁNH VĂN PHÒNG", "Lê Thị Hoa"} <= texts
    assert "KT. GIÁM ĐỐC" not in texts and "Giới tính" not in texts
    assert ws["A1"].value == "UBND TỈNH TUYÊN QUANG"
    assert "B8:F9" not in _merged(ws)
    assert "Cấu hình" not in load_workbook(tmp_path / "form.xlsx").sheetnames


def test_custom_template_reorders_columns(private_data_dir, tmp_path) -> None:
    wb = staff_list.template_workbook()
    config = wb["Cấu hình"]
    rows = {r[0].value: r[0].row for r in config.iter_rows() if r[0].value}
    # swap the rows of "position" and "unit": Đơn vị before Chức vụ
    a, b = rows["position"], rows["unit"]
    for c in range(1, 6):
        config.cell(a, c).value, config.cell(b, c).value = (
            config.cell(b, c).value,
            config.cell(a, c).value,
        )
    wb.save(private_data_dir / "staff-list.xlsx")
    ws = _roundtrip(staff_list.build(_data()), tmp_path)
    header = _find(ws, "STT").row
    names = [ws.cell(header, c).value for c in range(1, 8)]
    assert names.index("Đơn vị") < names.index("Chức vụ")
    row = header + 3  # the first person, under the group row
    assert ws.cell(row, names.index("Đơn vị") + 1).value == "Văn phòng Sở"


def test_old_template_without_configuration_keeps_its_widths(private_data_dir, tmp_path) -> None:
    old = page.blank_workbook("Danh sách cán bộ", [5, 40, 8, 12, 20, 30, 10], landscape=True)
    old.save(private_data_dir / "staff-list.xlsx")
    ws = _roundtrip(staff_list.build(_data()), tmp_path)
    assert ws.column_dimensions["B"].width == 40
    assert _find(ws, "STT").row  # the shipped columns and wording


def test_form_without_template_is_built_from_code() -> None:
    info = template_info("no-such-form")
    assert info.path is None and "không có tệp mẫu" in info.describe()
    form = open_form("no-such-form", "Thử", [Column("A", 10), Column("B", 50)], landscape=False)
    ws = form.ws
    assert ws.page_setup.orientation == "portrait"
    assert ws.column_dimensions["B"].width == 50


def test_broken_custom_template_gives_a_clear_error(private_data_dir) -> None:
    (private_data_dir / "staff-list.xlsx").write_bytes(b"not a workbook")
    with pytest.raises(ExportFileError, match="Không đọc được mẫu tùy chỉnh"):
        staff_list.build(_data())
