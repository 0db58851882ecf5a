"""Certificates drawn into PDF files and read back with pdfminer.six: one page per recipient,
every field where its layout and the printer's offsets put it, long texts inside their box,
no blank's scan in the file; the calibration test page."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage

from app.domain.certificate_layout import Calibration, CertificateLayout, FieldBox, fill
from app.services import certificate_settings as machine
from app.services import certificates as svc
from app.services.database import Database
from app.ui.certificate_render import (
    load_backgrounds,
    render_batch,
    write_pdf,
    write_test_page_pdf,
)
from certificate_factory import DAY, LONG_HOUSEHOLD, NUMBER, build_certificate_decision
from pdf_text import PdfLine, PdfPage, read_pdf

pytestmark = [pytest.mark.qt_log_level_fail("WARNING")]

TOLERANCE = 0.6  # mm: glyph side bearings and the font's ascent/descent boxes


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setenv("TDKT_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def batch(database: Database) -> svc.CertificateBatch:
    with database.session_factory.begin() as s:
        world = build_certificate_decision(s)
    with database.session_factory() as s:
        return svc.certificate_batch(s, world.decision_id)


def field_lines(page: PdfPage, box: FieldBox, cal: Calibration) -> list[PdfLine]:
    """The lines whose middle lies in the field's box moved by ``cal``."""
    x, y = box.x_mm + cal.x_mm, box.y_mm + cal.y_mm
    return [
        line
        for line in page.lines
        if x <= line.center_x <= x + box.width_mm and y <= line.center_y <= y + box.height_mm
    ]


def expected(box: FieldBox, values: dict[str, str]) -> str:
    text = fill(box.text, values)
    return " ".join((text.upper() if box.uppercase else text).split())


def assert_fields_in_place(
    page: PdfPage, layout: CertificateLayout, values: dict[str, str], cal: Calibration
) -> int:
    """Every printed field with a text is inside its box at the calibrated place, aligned as
    the layout says; returns how many fields were checked."""
    checked = 0
    for box in layout.printed_fields:
        text = expected(box, values)
        lines = field_lines(page, box, cal)
        if not text:
            assert lines == [], box.key
            continue
        assert " ".join(line.text for line in lines) == text, (box.key, page.text)
        x, y = box.x_mm + cal.x_mm, box.y_mm + cal.y_mm
        for line in lines:
            assert line.x0 >= x - TOLERANCE and line.x1 <= x + box.width_mm + TOLERANCE, box.key
            assert line.top >= y - TOLERANCE and line.bottom <= y + box.height_mm + TOLERANCE
            if box.align == "left":
                assert line.x0 == pytest.approx(x, abs=TOLERANCE), box.key
            elif box.align == "right":
                assert line.x1 == pytest.approx(x + box.width_mm, abs=TOLERANCE), box.key
            else:
                assert line.center_x == pytest.approx(x + box.width_mm / 2, abs=TOLERANCE)
        checked += 1
    return checked


def test_one_page_per_recipient_with_every_field_at_its_place(
    qapp, batch: svc.CertificateBatch, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "giay-khen.pdf"
    result = write_pdf(path, batch, Calibration())
    pages = read_pdf(path)
    # five lines, one revoked: four pages, the revoked line said so
    assert result.pages == len(pages) == 4
    assert any("thu hồi" in w for w in result.warnings)
    layout = batch.layouts["GK_SO"]
    for page in pages:  # A4 landscape
        assert (page.width, page.height) == (
            pytest.approx(297, abs=0.5),
            pytest.approx(210, abs=0.5),
        )
    first = pages[0]
    assert first.find("Bà Nguyễn Thị Hà")
    assert first.find("Chánh Văn phòng") and first.find("Văn phòng Sở")
    assert first.find("GIÁM ĐỐC SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG")
    assert first.find(f"Số: {NUMBER}, ngày {DAY:%d/%m/%Y}")
    assert first.find("Số sổ vàng: 1")
    assert first.find("Tuyên Quang, ngày 15 tháng 01 năm 2026")
    assert first.find("Đã có thành tích xuất sắc trong phong trào thi đua năm 2025")
    assert first.find("KT. GIÁM ĐỐC") and first.find("PHÓ GIÁM ĐỐC")
    assert first.find("Nguyễn Văn Thành")
    assert "GIẤY KHEN" not in first.text  # on the blank already: "print": false
    assert pages[1].find("Ông Trần Văn Nam") and pages[1].find("Số sổ vàng: 2")
    assert pages[2].find("Chi cục Kiểm lâm")
    for page, sheet in zip(pages, batch.sheets, strict=True):
        assert assert_fields_in_place(page, layout, sheet.values, Calibration()) >= 8


def test_a_changed_offset_moves_every_field(
    qapp, batch: svc.CertificateBatch, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    plain, moved = tmp_path / "0.pdf", tmp_path / "moved.pdf"
    cal = Calibration(x_mm=4.5, y_mm=-3.0)
    write_pdf(plain, batch, Calibration())
    write_pdf(moved, batch, cal)
    layout = batch.layouts["GK_SO"]
    for before, after, sheet in zip(read_pdf(plain), read_pdf(moved), batch.sheets, strict=True):
        assert [ln.text for ln in before.lines] == [ln.text for ln in after.lines]
        for a, b in zip(before.lines, after.lines, strict=True):
            assert b.x0 - a.x0 == pytest.approx(4.5, abs=0.05), a.text
            assert b.top - a.top == pytest.approx(-3.0, abs=0.05), a.text
        assert assert_fields_in_place(after, layout, sheet.values, cal) >= 8


def test_long_texts_shrink_then_wrap_inside_their_box(
    qapp, batch: svc.CertificateBatch, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    layout = batch.layouts["GK_SO"]
    sheet = batch.sheets[3]
    assert sheet.values["recipient"] == LONG_HOUSEHOLD
    long_wording = (
        "Đã có thành tích xuất sắc tiêu biểu trong phong trào thi đua yêu nước, hoàn thành "
        "xuất sắc nhiệm vụ chuyên môn, dẫn đầu phong trào trồng rừng gỗ lớn, bảo vệ và phát "
        "triển rừng bền vững, góp phần xây dựng nông thôn mới của tỉnh Tuyên Quang {period}"
    )
    values = {**sheet.values, "achievement": fill(long_wording, sheet.values, keep_empty=True)}
    one = replace(batch, sheets=(replace(sheet, values=values),), skipped=())
    path = tmp_path / "long.pdf"
    result = write_pdf(path, one, Calibration())
    assert result.warnings == ()  # it fits within the limits: no warning
    (page,) = read_pdf(path)
    assert_fields_in_place(page, layout, values, Calibration())
    name_lines = field_lines(page, layout.field("recipient"), Calibration())
    wording_lines = field_lines(page, layout.field("achievement"), Calibration())
    assert len(name_lines) >= 2 and len(wording_lines) >= 2  # wrapped, not cut


def test_text_that_cannot_fit_is_cut_inside_its_box_and_said_so(
    qapp, batch: svc.CertificateBatch, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    layout = batch.layouts["GK_SO"]
    tiny = replace(layout.field("recipient"), width_mm=40.0, height_mm=3.0)
    squeezed = replace(
        layout, fields=tuple(tiny if f.key == "recipient" else f for f in layout.fields)
    )
    one = replace(batch, sheets=(batch.sheets[3],), layouts={"GK_SO": squeezed}, skipped=())
    path = tmp_path / "cut.pdf"
    result = write_pdf(path, one, Calibration())
    assert any(
        "quá dài, đã cắt bớt" in w and "Người, tập thể được khen" in w for w in result.warnings
    )
    (page,) = read_pdf(path)
    lines = field_lines(page, tiny, Calibration())
    assert len(lines) == 1 and lines[0].text.endswith("…")
    assert (
        lines[0].x0 >= tiny.x_mm - TOLERANCE
        and lines[0].x1 <= tiny.x_mm + tiny.width_mm + TOLERANCE
    )


def test_the_blanks_scan_is_drawn_only_in_the_preview(
    qapp, batch: svc.CertificateBatch, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QPdfWriter

    scan = QImage(297, 210, QImage.Format.Format_RGB32)
    scan.fill(QColor("#F4E7C0"))
    assert scan.save(str(tmp_path / "phoi.png"))
    machine.save_background("GK_SO", str(tmp_path / "phoi.png"))
    backgrounds = load_backgrounds(batch.layouts)
    assert backgrounds["GK_SO"] is not None and not backgrounds["GK_SO"].isNull()

    # with no scan a drawn outline stands in (its words are in the preview, never in a file)
    outline = tmp_path / "outline.pdf"
    writer = QPdfWriter(str(outline))
    render_batch(writer, batch, Calibration(), backgrounds={"GK_SO": None})
    del writer
    preview_text = read_pdf(outline)[0].text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in preview_text and "GIẤY KHEN" in preview_text
    printed = tmp_path / "printed.pdf"
    write_pdf(printed, batch, Calibration())
    assert "CỘNG HÒA" not in read_pdf(printed)[0].text
    assert b"/Subtype /Image" not in printed.read_bytes()
    scanned = tmp_path / "scanned.pdf"
    writer = QPdfWriter(str(scanned))
    render_batch(writer, batch, Calibration(), backgrounds=backgrounds)
    del writer
    assert b"/Subtype /Image" in scanned.read_bytes()  # the scan replaces the outline
    assert "CỘNG HÒA" not in read_pdf(scanned)[0].text


def test_the_test_page_has_rulers_marks_and_the_fields_moved_by_the_offsets(
    qapp, batch: svc.CertificateBatch, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    layout = batch.layouts["GK_SO"]
    plain, moved = tmp_path / "a.pdf", tmp_path / "b.pdf"
    write_test_page_pdf(plain, layout, Calibration(), "HP LaserJet")
    write_test_page_pdf(moved, layout, Calibration(2.0, 1.0), "HP LaserJet")
    (page,) = read_pdf(plain)
    assert "TRANG THỬ CĂN LỀ" in page.text and "HP LaserJet" in page.text
    for label in ("100", "200", "290"):  # the ruler's numbers along the top edge
        assert any(line.text.startswith(label) for line in page.lines)
    for box in layout.fields:
        assert box.label in page.text
    (after,) = read_pdf(moved)
    title = next(ln for ln in page.lines if ln.text.startswith("TRANG THỬ"))
    title_after = next(ln for ln in after.lines if ln.text.startswith("TRANG THỬ"))
    assert title_after.x0 - title.x0 == pytest.approx(2.0, abs=0.05)
    assert title_after.top - title.top == pytest.approx(1.0, abs=0.05)
