"""The secretariat's Word documents read back with python-docx: header block, Căn cứ lines,
articles, lists and signatures; a template in the data folder replaces the shipped one; PDF
through LibreOffice when it is installed."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

from app.services.documents.gather import DocumentParams, gather_document
from app.word.export import export_document
from app.word.pdf import PdfUnavailableError, find_office
from app.word.templates import template_info
from document_factory import YEAR, build_documents
from pdf_text import read_pdf


@pytest.fixture
def docs(database):  # type: ignore[no-untyped-def]
    with database.session_factory.begin() as s:
        return build_documents(s)


def write(database, tmp_path: Path, code: str, params: DocumentParams, name: str) -> Path:  # type: ignore[no-untyped-def]
    with database.session_factory() as s:
        data = gather_document(s, code, params)
    return export_document(data, tmp_path / name).path


def _text(paragraph) -> str:  # type: ignore[no-untyped-def]
    """A paragraph's text, a line break as "\n"."""
    out = []
    for node in paragraph.iter():
        if node.tag.endswith("}t"):
            out.append(node.text or "")
        elif node.tag.endswith("}br"):
            out.append("\n")
    return "".join(out)


def texts(path: Path) -> list[str]:
    """Every paragraph of the body, in order, tables included (cell by cell)."""
    document = Document(str(path))
    out: list[str] = []
    for child in document.element.body.iterchildren():
        if child.tag.endswith("}p"):
            out.append(_text(child))
        elif child.tag.endswith("}tbl"):
            out.extend(_text(p) for p in child.iter() if p.tag.endswith("}p"))
    return [t.strip() for t in out if t.strip()]


def header_cells(path: Path) -> list[list[str]]:
    table = Document(str(path)).tables[0]
    return [[cell.text.strip() for cell in row.cells] for row in table.rows]


def no_tags_left(lines: list[str]) -> None:
    leftover = [t for t in lines if "{{" in t or "{%" in t or "}}" in t]
    assert leftover == []


def test_decision_with_its_list_in_article_1(database, docs, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write(
        database, tmp_path, "decision", DocumentParams(decision_id=docs.inline_decision), "qd.docx"
    )
    document = Document(str(path))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert round(section.left_margin.mm) == 30 and round(section.right_margin.mm) == 20
    assert section.different_first_page_header_footer  # page numbers from page 2
    assert document.styles["Normal"].font.name == "Times New Roman"
    head = header_cells(path)
    assert head[0][0].split("\n") == ["UBND TỈNH TUYÊN QUANG", "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG"]
    assert head[0][1].split("\n")[:2] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ]
    assert head[1] == ["Số: 05/QĐ-SNNMT", "Tuyên Quang, ngày 20 tháng 12 năm 2025"]
    lines = texts(path)
    no_tags_left(lines)
    at = lines.index("QUYẾT ĐỊNH")
    assert lines[at + 1] == "Về việc công nhận danh hiệu “Lao động tiên tiến” năm 2025"
    assert lines[at + 2] == "GIÁM ĐỐC SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG"
    bases = [t for t in lines if t.startswith("Căn cứ")]
    # the rule set in force on 20/12/2025 (NĐ 152/2025 and TT 62/2025), the province's lines,
    # then the Council's minutes
    assert bases[0] == "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;"
    assert bases[1].startswith("Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025")
    assert any("62/2025/TT-BNNMT" in b for b in bases)
    assert not any("98/2023" in b for b in bases)
    assert bases[-3].startswith("Căn cứ Quyết định số 20/2025/QĐ-UBND")
    assert bases[-2] == "Căn cứ Quyết định số 15/2025/QĐ-UBND quy định chức năng, nhiệm vụ của Sở;"
    assert bases[-1] == (
        "Căn cứ Biên bản họp Hội đồng Thi đua - Khen thưởng Sở ngày 15 tháng 12 năm 2025;"
    )
    assert lines[lines.index(bases[-1]) + 1].startswith("Theo đề nghị của Hội đồng")
    assert "QUYẾT ĐỊNH:" in lines
    article1 = next(t for t in lines if t.startswith("Điều 1."))
    assert article1 == (
        "Điều 1. Công nhận danh hiệu “Lao động tiên tiến” năm 2025 cho 02 cá nhân, gồm:"
    )
    named = lines[lines.index(article1) + 1 : lines.index(article1) + 3]
    assert named == [
        "1. Nguyễn Thị Hà, Chánh Văn phòng, Văn phòng Sở;",
        "2. Trần Văn Nam, Chuyên viên, Văn phòng Sở.",
    ]
    assert any(t.startswith("Điều 2.") for t in lines)
    assert any(t.startswith("Tổng số tiền thưởng:") and "chi từ quỹ thi đua" in t for t in lines)
    article3 = next(t for t in lines if t.startswith("Điều 3."))
    assert article3.endswith("chịu trách nhiệm thi hành Quyết định này./.")
    # Nơi nhận and the signer
    assert lines[-6:] == [
        "Nơi nhận:",
        "- Như Điều 3;",
        "- Lưu: VT, VP.",
        "KT. GIÁM ĐỐC",
        "PHÓ GIÁM ĐỐC",
        "Nguyễn Văn Thành",
    ]
    assert not any(t.startswith("Phụ lục") for t in lines)  # no annex for two lines
    assert len(document.sections) == 1


def test_decision_with_an_annex_table(database, docs, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    params = DocumentParams(
        decision_id=docs.annex_decision, submission="12/TTr-HĐTĐKT ngày 16/12/2025"
    )
    path = write(database, tmp_path, "decision", params, "qd6.docx")
    lines = texts(path)
    no_tags_left(lines)
    assert (
        "Điều 1. Tặng Giấy khen của Giám đốc Sở năm 2025 cho 02 tập thể và 04 cá nhân đã có thành tích xuất sắc (có danh sách kèm theo)."
        in lines
    )
    assert (
        "Theo đề nghị của Hội đồng Thi đua - Khen thưởng Sở tại Tờ trình số 12/TTr-HĐTĐKT ngày "
        "16/12/2025." in lines
    )
    money = [t for t in lines if t.startswith("- Giấy khen của Giám đốc Sở")]
    assert money == [
        "- Giấy khen của Giám đốc Sở: 0,6 lần mức lương cơ sở, 1.420.000 đồng/tập thể × 02 tập "
        "thể = 2.840.000 đồng;",
        "- Giấy khen của Giám đốc Sở: 0,3 lần mức lương cơ sở, 710.000 đồng/cá nhân × 04 cá nhân "
        "= 2.840.000 đồng.",
    ]
    document = Document(str(path))
    assert len(document.sections) == 2  # the annex on its own page, numbered from 1
    annex = document.sections[1]
    assert annex._sectPr.xpath("./w:pgNumType/@w:start") == ["1"]
    start = lines.index("Phụ lục")
    assert lines[start + 1].startswith("DANH SÁCH CÁ NHÂN VÀ TẬP THỂ ĐƯỢC TẶNG GIẤY KHEN")
    assert lines[start + 2].startswith("(Kèm theo Quyết định số 06/QĐ-SNNMT ngày 22 tháng 12")
    table = document.tables[-1]
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0][:3] == ["STT", "Họ và tên / Tên tập thể", "Chức vụ, đơn vị công tác"]
    assert rows[1][:2] == ["I", "Cá nhân"]
    assert rows[2][:3] == ["1", "Nguyễn Thị Hà", "Chánh Văn phòng, Văn phòng Sở"]
    assert rows[2][3] == "Số sổ vàng: 3"
    assert ["II", "Tập thể"] == rows[6][:2]
    assert rows[7][:2] == ["1", "Văn phòng Sở"]
    assert len(rows) == 9  # header, two headings, six lines
    assert lines[-1] == "Danh sách gồm 04 cá nhân và 02 tập thể./."


def test_submissions_to_the_director_and_to_the_province(database, docs, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    so = write(database, tmp_path, "submission", DocumentParams(year=YEAR, route="so"), "so.docx")
    head = header_cells(so)
    assert head[0][0].split("\n") == [
        "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG",
        "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG",
    ]
    assert head[1][0] == "Số: …/TTr-HĐTĐKT" or head[1][0].endswith("/TTr-HĐTĐKT")
    assert head[1][1] == "Tuyên Quang, ngày     tháng     năm 2025"
    lines = texts(so)
    no_tags_left(lines)
    assert "TỜ TRÌNH" in lines
    assert "Kính gửi: Giám đốc Sở Nông nghiệp và Môi trường." in lines
    assert (
        "Căn cứ Biên bản họp Hội đồng Thi đua - Khen thưởng Sở ngày 15 tháng 12 năm 2025;" in lines
    )
    # counts by title: the Sở's own titles only (the CSTĐ tỉnh goes to the province)
    assert "- Danh hiệu “Lao động tiên tiến”: 02 cá nhân;" in lines
    assert "- Danh hiệu “Tập thể lao động tiên tiến”: 01 tập thể." in lines
    assert not any("Chiến sĩ thi đua" in t for t in lines)  # CSTĐCS failed its vote
    assert lines[-7:-3] == ["Nơi nhận:", "- Như trên;", "- Lưu: VT, VP.", "TM. HỘI ĐỒNG"] or (
        "TM. HỘI ĐỒNG" in lines and "Hoàng Minh Đức" in lines
    )
    table = Document(str(so)).tables[-1]
    names = [row.cells[1].text for row in table.rows]
    assert names[0] == "Họ và tên / Tên tập thể"
    assert "Nguyễn Thị Hà" in names and "Văn phòng Sở" in names

    tinh = write(
        database, tmp_path, "submission", DocumentParams(year=YEAR, route="tinh"), "tinh.docx"
    )
    head = header_cells(tinh)
    assert head[0][0].split("\n") == ["UBND TỈNH TUYÊN QUANG", "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG"]
    assert head[1][0].endswith("/TTr-SNNMT")
    lines = texts(tinh)
    assert lines[lines.index("Kính gửi:") + 1 : lines.index("Kính gửi:") + 3] == [
        "- Chủ tịch Ủy ban nhân dân tỉnh Tuyên Quang;",
        "- Sở Nội vụ.",
    ]
    assert "- Danh hiệu “Chiến sĩ thi đua cấp tỉnh”: 01 cá nhân." in lines
    assert "KT. GIÁM ĐỐC" in lines and "Nguyễn Văn Thành" in lines
    table = Document(str(tinh)).tables[-1]
    assert [row.cells[1].text for row in table.rows][1:] == [
        "Chiến sĩ thi đua cấp tỉnh (01 cá nhân)",
        "Lê Thị Lan",
    ]
    assert table.rows[2].cells[4].text == "Đạt 100,0%"


def test_submission_asks_for_a_route_when_the_year_has_several(database, docs) -> None:  # type: ignore[no-untyped-def]
    from app.domain.errors import ValidationError

    with database.session_factory() as s:
        with pytest.raises(ValidationError, match="chọn nơi trình"):
            gather_document(s, "submission", DocumentParams(year=YEAR))
        with pytest.raises(ValidationError, match="chưa có đề nghị nào trình"):
            gather_document(s, "submission", DocumentParams(year=YEAR, route="bo"))


def test_council_minutes_invitation_and_notice(database, docs, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    params = DocumentParams(session_id=docs.session_id)
    minutes = write(database, tmp_path, "council-minutes", params, "bb.docx")
    head = header_cells(minutes)
    assert head[1][0].endswith("/BB-HĐTĐKT")
    assert head[1][1] == "Tuyên Quang, ngày 15 tháng 12 năm 2025"
    lines = texts(minutes)
    no_tags_left(lines)
    assert lines[lines.index("BIÊN BẢN") + 1] == (
        "Họp Hội đồng Thi đua - Khen thưởng Sở xét thi đua, khen thưởng năm 2025"
    )
    assert lines[lines.index("BIÊN BẢN") + 2].startswith(
        "Hôm nay, vào lúc 14 giờ 00, ngày 15 tháng 12"
    )
    assert "Chủ trì: Hoàng Minh Đức; thư ký: Nguyễn Thị Hà." in lines
    assert "- Hoàng Minh Đức, Giám đốc Sở, Chủ tịch Hội đồng;" in lines
    assert "Vắng mặt 01 thành viên:" in lines
    assert (
        "- Bùi Quang Hải, Chi cục trưởng Chi cục Thủy lợi, Ủy viên (có ý kiến bằng văn bản);"
        in lines
    )
    assert any(t.startswith("Kết quả lấy ý kiến công khai: Niêm yết danh sách") for t in lines)
    votes = Document(str(minutes)).tables[1]
    rows = [[c.text for c in row.cells] for row in votes.rows]
    assert rows[0][4:] == ["Số phiếu đồng ý", "Tỷ lệ % trên tổng số thành viên", "Kết quả"]
    assert rows[1][:2] == ["I", "Chiến sĩ thi đua cấp tỉnh"]
    assert rows[2][1] == "Lê Thị Lan" and rows[2][4:] == ["5", "100,0", "Đạt"]
    assert rows[4][1] == "Phạm Đức Minh" and rows[4][4:] == ["2", "40,0", "Không đạt"]
    assert "- Danh hiệu “Chiến sĩ thi đua cấp tỉnh”: 01 cá nhân." in lines
    assert any(t.startswith("Cuộc họp kết thúc vào lúc 16 giờ 30") for t in lines)
    assert lines[-4:] == ["THƯ KÝ", "Nguyễn Thị Hà", "CHỦ TỊCH HỘI ĐỒNG", "Hoàng Minh Đức"] or (
        lines[-6:] == ["THƯ KÝ", "Nguyễn Thị Hà", "CHỦ TỊCH HỘI ĐỒNG", "Hoàng Minh Đức"][:6]
    )
    signatures = Document(str(minutes)).tables[-1]
    left, right = (cell.text.split("\n") for cell in signatures.rows[0].cells)
    assert (left[0], left[-1], right[0], right[-1]) == (
        "THƯ KÝ",
        "Nguyễn Thị Hà",
        "CHỦ TỊCH HỘI ĐỒNG",
        "Hoàng Minh Đức",
    )

    invitation = write(database, tmp_path, "invitation", params, "gm.docx")
    assert header_cells(invitation)[1][0].endswith("/GM-HĐTĐKT")
    lines = texts(invitation)
    no_tags_left(lines)
    assert "GIẤY MỜI" in lines
    assert "- Bùi Quang Hải, Chi cục trưởng Chi cục Thủy lợi (Ủy viên);" in lines
    assert "Thời gian: 14 giờ 00, ngày 15 tháng 12 năm 2025." in lines
    assert "TM. HỘI ĐỒNG" in lines and "Hoàng Minh Đức" in lines

    notice = write(database, tmp_path, "results-notice", params, "tb.docx")
    assert header_cells(notice)[1][0].endswith("/TB-SNNMT")
    lines = texts(notice)
    no_tags_left(lines)
    assert "THÔNG BÁO" in lines
    assert "- Lao động tiên tiến: 02 cá nhân;" in lines
    assert "- Chiến sĩ thi đua cấp tỉnh: 01 cá nhân;" in lines or (
        "- Chiến sĩ thi đua cấp tỉnh: 01 cá nhân." in lines
    )
    assert not any("Phạm Đức Minh" in t for t in lines)


def test_achievement_reports_prefilled(database, docs, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    person = write(
        database,
        tmp_path,
        "achievement-report",
        DocumentParams(year=YEAR, person_id=docs.agency.people["lan"]),
        "bc.docx",
    )
    lines = texts(person)
    no_tags_left(lines)
    assert "BÁO CÁO THÀNH TÍCH" in lines
    assert (
        "ĐỀ NGHỊ TẶNG DANH HIỆU CHIẾN SĨ THI ĐUA CẤP TỈNH\n"
        "Của Lê Thị Lan, Chi cục trưởng, Chi cục Kiểm lâm"
    ) in lines
    assert "Họ và tên: Lê Thị Lan" in lines and "Giới tính: Nữ" in lines
    assert "Chức vụ (Đảng, chính quyền, đoàn thể): Chi cục trưởng" in lines
    awards = Document(str(person)).tables[-2]
    assert [c.text for c in awards.rows[1].cells] == [
        "2025",
        "Giấy khen của Giám đốc Sở",
        "Số 06/QĐ-SNNMT, ngày 22/12/2025",
        "Giám đốc Sở Nông nghiệp và Môi trường",
    ]
    signatures = Document(str(person)).tables[-1]
    assert signatures.rows[0].cells[1].text.split("\n")[-1] == "Lê Thị Lan"

    unit = write(
        database,
        tmp_path,
        "achievement-report",
        DocumentParams(year=YEAR, unit_id=docs.agency.office),
        "bct.docx",
    )
    lines = texts(unit)
    no_tags_left(lines)
    assert "Tên tập thể: Văn phòng Sở" in lines
    assert "Tổng số cán bộ, công chức, viên chức, người lao động: 2 người" in lines
    assert "ĐỀ NGHỊ CÔNG NHẬN DANH HIỆU TẬP THỂ LAO ĐỘNG TIÊN TIẾN\nCủa Văn phòng Sở" in lines


def test_a_template_in_the_data_folder_is_used(
    database, docs, tmp_path: Path, data_dir: Path
) -> None:  # type: ignore[no-untyped-def]
    shipped = template_info("giay-moi-hop-hoi-dong.docx")
    assert not shipped.custom
    custom = Document(str(shipped.path))
    custom.add_paragraph("Mẫu riêng của Sở: {{ greeting }}")
    own = data_dir / "giay-moi-hop-hoi-dong.docx"
    custom.save(str(own))
    try:
        info = template_info("giay-moi-hop-hoi-dong.docx")
        assert info.custom and info.path == own
        path = write(
            database, tmp_path, "invitation", DocumentParams(session_id=docs.session_id), "gm.docx"
        )
        assert "Mẫu riêng của Sở: Kính gửi: Các thành viên Hội đồng:" in texts(path)
        other = write(
            database,
            tmp_path,
            "results-notice",
            DocumentParams(session_id=docs.session_id),
            "tb.docx",
        )
        assert not any(t.startswith("Mẫu riêng") for t in texts(other))
    finally:
        own.unlink()


def test_a_broken_template_is_refused_in_vietnamese(
    database, docs, tmp_path: Path, data_dir: Path
) -> None:  # type: ignore[no-untyped-def]
    from app.word.render import TemplateError

    broken = Document()
    broken.add_paragraph("{%p for x in members_present %}")
    own = data_dir / "giay-moi-hop-hoi-dong.docx"
    broken.save(str(own))
    try:
        with pytest.raises(TemplateError, match="Không điền được mẫu tùy chỉnh"):
            write(
                database,
                tmp_path,
                "invitation",
                DocumentParams(session_id=docs.session_id),
                "x.docx",
            )
        assert not (tmp_path / "x.docx").exists()
    finally:
        own.unlink()


@pytest.mark.slow
@pytest.mark.skipif(find_office() is None, reason="LibreOffice chưa cài trên máy này")
def test_pdf_through_libreoffice(database, docs, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with database.session_factory() as s:
        data = gather_document(s, "decision", DocumentParams(decision_id=docs.annex_decision))
    done = export_document(data, tmp_path / "qd.pdf", "pdf")
    pages = read_pdf(done.path)
    assert len(pages) == 3  # the decision on two pages, the annex on the third
    first = " ".join(pages[0].text.split())
    assert "QUYẾT ĐỊNH" in first and "Điều 1." in first
    assert "DANH SÁCH CÁ NHÂN VÀ TẬP THỂ" in " ".join(pages[2].text.split())


def test_pdf_without_libreoffice_says_so(database, docs, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("TDKT_SOFFICE", str(tmp_path / "khong-co-soffice"))
    with database.session_factory() as s:
        data = gather_document(s, "invitation", DocumentParams(session_id=docs.session_id))
    with pytest.raises(PdfUnavailableError, match="Không tìm thấy LibreOffice"):
        export_document(data, tmp_path / "gm.pdf", "pdf")
    assert not (tmp_path / "gm.pdf").exists()


def test_shipped_templates_match_the_build_script(tmp_path: Path) -> None:
    """The committed .docx files are what resources/templates/make_docx_templates.py builds."""
    import importlib.util

    root = Path(__file__).resolve().parents[2] / "resources" / "templates"
    spec = importlib.util.spec_from_file_location(
        "make_docx_templates", root / "make_docx_templates.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for built in module.build(tmp_path):
        shipped = root / built.name
        assert shipped.is_file(), built.name
        assert texts(shipped) == texts(built), built.name
        assert round(Document(str(shipped)).sections[0].left_margin.mm) == 30
