"""The pieces under every template form: widths sized to the content, the header block's
line breaks, a column cut where the header divides, formula values stored in the file, the
amount in words as formulas (issue 20)."""

from __future__ import annotations

import random
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from app.domain.vnformat import money_in_words
from app.excel.forms import cached
from app.excel.forms.layout import balanced_lines
from app.excel.forms.metrics import lines_needed, text_width_pt
from app.excel.forms.save import save_workbook
from app.excel.forms.template import Field
from app.excel.forms.widths import fit_widths
from app.excel.forms.words import helper_values, words_formula


def test_columns_are_sized_to_their_content() -> None:
    fields = [
        Field("stt", "STT", "center", wrap=False, fill=False),
        Field("name", "Họ và tên"),
        Field("basis", "Căn cứ đề nghị"),
    ]
    basis = "Xếp loại năm 2025 là Hoàn thành xuất sắc nhiệm vụ"
    rows = [[i, f"Nguyễn Văn {chr(65 + i)}", basis] for i in range(20)]
    widths = fit_widths(fields, rows, size=12, page=120)
    assert sum(widths) == pytest.approx(120, abs=0.5)  # the table fills the page
    # every value fits on one line: no row is doubled by a narrow column
    for i, value in enumerate(rows[0]):
        assert lines_needed(str(value), widths[i] * 6, 12) == 1
    # a page too narrow for all: the text columns wrap, the numbers never
    narrow = fit_widths(fields, rows, size=12, page=40)
    assert narrow[0] == widths[0]
    assert narrow[2] < widths[2]
    assert lines_needed(basis, narrow[2] * 6, 12) >= 2


def test_the_column_that_wraps_is_the_one_costing_fewest_lines() -> None:
    fields = [Field("unit", "Đơn vị"), Field("basis", "Căn cứ")]
    rows = [["Văn phòng Sở", "Xếp loại năm 2025 là Hoàn thành tốt nhiệm vụ"] for _ in range(9)]
    rows.append(["Trung tâm Nước sạch và Vệ sinh môi trường nông thôn", "Có sáng kiến"])
    widths = fit_widths(fields, rows, size=12, page=50)
    lines = [
        max(lines_needed(str(v), w * 6, 12) for v, w in zip(row, widths, strict=True))
        for row in rows
    ]
    assert lines[:9] == [1] * 9  # the one long unit name wraps, not the nine bases


def test_issuing_body_breaks_between_words_into_balanced_lines() -> None:
    name = "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG"
    width = text_width_pt(name, 12, bold=True) * 0.8
    assert balanced_lines(name, width, 12) == "SỞ NÔNG NGHIỆP\nVÀ MÔI TRƯỜNG"
    assert balanced_lines(name, 400, 12) == name  # fits: one line
    council = "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG"
    broken = balanced_lines(council, text_width_pt(council, 12, bold=True) * 0.7, 12)
    assert "\n-" not in broken and "\n" in broken  # a line never starts with the dash


def test_cached_values_are_written_next_to_formulas(tmp_path) -> None:
    wb = Workbook()
    ws = wb.active
    ws["A1"], ws["A2"], ws["A3"], ws["B3"] = 2, 3, "=SUM(A1:A2)", '="Tổng: "&A3'
    cached.remember(wb, ws, "A3", 5)
    cached.remember(wb, ws, "B3", "Tổng: 5 & <ok>")
    path = save_workbook(wb, tmp_path / "f.xlsx")
    shown = load_workbook(path, data_only=True).active
    assert shown["A3"].value == 5 and shown["B3"].value == "Tổng: 5 & <ok>"
    assert load_workbook(path).active["A3"].value == "=SUM(A1:A2)"
    # both ways openpyxl writes an empty value are recognised
    xml = '<c r="A3" s="1"><f>SUM(A1:A2)</f><v></v></c><c r="B3"><f>X</f><v/></c>'
    patched = cached._patch(xml, {"A3": 5, "B3": "x"})
    assert "<v>5</v>" in patched and 't="str"><f>X</f><v>x</v>' in patched
    assert not list(tmp_path.glob("*.cache"))


def test_words_helper_matches_money_in_words() -> None:
    rng = random.Random(20)
    amounts = [0, 1, 5, 10, 11, 14, 15, 21, 24, 25, 100, 105, 110, 114, 1_000, 1_005_000]
    amounts += [10**6, 10**9, 10**9 + 5, 999_999_999_999, 2_340_000, 7_020_000]
    amounts += [rng.randrange(10**12) for _ in range(3000)]
    amounts += [rng.randrange(10**7) for _ in range(3000)]
    for amount in amounts:
        assert helper_values(amount)["B8"] == money_in_words(amount), amount


def test_words_formula_sheet(tmp_path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "S"
    ws["A1"] = 1_005_000
    ref, text = words_formula(wb, "'S'!$A$1", 1_005_000)
    assert ref == "'BangChu'!$B$8" and text == "Một triệu không trăm linh năm nghìn đồng"
    assert wb["BangChu"].sheet_state == "hidden"
    assert words_formula(Workbook(), "x", 10**12) == ("", money_in_words(10**12))


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_words_formulas_compute_the_same_in_libreoffice(tmp_path) -> None:
    """The formulas (not the stored values) computed by LibreOffice give money_in_words."""
    amounts = [0, 5, 15, 21, 105, 1_005_000, 2_130_000, 999_999_999_999, 1_234_567_891]
    files = []
    for i, amount in enumerate(amounts):
        wb = Workbook()
        ws = wb.active
        ws.title = "S"
        ws["A1"] = amount
        ref, _text = words_formula(wb, "'S'!$A$1", amount)
        ws["B1"] = "=" + ref
        path = tmp_path / f"w{i}.xlsx"
        wb.save(path)  # openpyxl only: no stored values, LibreOffice must calculate
        files.append(str(path))
    subprocess.run(
        [
            "soffice",
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76",
            *files,
            "--outdir",
            str(tmp_path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    for i, amount in enumerate(amounts):
        line = (tmp_path / f"w{i}.csv").read_text(encoding="utf-8").splitlines()[0]
        assert line.split(",", 1)[1].strip('"') == money_in_words(amount), amount


def test_joined_column_keeps_one_table_column(tmp_path) -> None:
    """A list of collectives only (STT | Tên tập thể) on a portrait page: the wide column is
    printed over two sheet columns so the header block divides the page properly."""
    from datetime import date

    from app.domain.settings import AgencySettings
    from app.excel.forms.registry import export_form
    from app.services.decision_reports import AnnexLine, AnnexSection, DecisionAnnexData

    lines = tuple(
        AnnexLine(i, f"Phòng số {i}", "", "", "Tập thể lao động xuất sắc", None, "TAP_THE")
        for i in range(1, 4)
    )
    data = DecisionAnnexData(
        agency=AgencySettings(parent_body="UBND tỉnh Tuyên Quang", place="Tuyên Quang"),
        decision_id=1,
        number="178/QĐ-UBND",
        decision_date=date(2026, 1, 22),
        title="DANH SÁCH TẬP THỂ",
        attribution="(Kèm theo Quyết định số 178/QĐ-UBND)",
        name_header="Tên tập thể",
        sections=(AnnexSection("", "Tập thể", lines),),
        show_titles=False,
        show_golden=False,
        status_note="",
        closing="",
    )
    path = export_form("decision-annex", data, tmp_path / "a.xlsx").path
    ws = load_workbook(path).worksheets[0]
    header = next(r for r in range(1, 30) if ws.cell(r, 1).value == "STT")
    assert ws.cell(header, 2).value == "Tên tập thể"
    assert f"B{header}:C{header}" in {str(m) for m in ws.merged_cells.ranges}
    assert [ws.cell(header + 1, c).value for c in (1, 2, 3)] == [1, 2, None]
    assert f"B{header + 2}:C{header + 2}" in {str(m) for m in ws.merged_cells.ranges}
    quoc_hieu = next(
        c for row in ws.iter_rows(max_row=2) for c in row if c.value and "CỘNG" in c.value
    )
    assert quoc_hieu.column == 3  # the right half starts inside the wide column
    assert zipfile.is_zipfile(Path(path))
