"""Build the shipped Word templates of the secretariat's documents (issue 21).

Run from the repository root after changing a layout, and commit the .docx files::

    .venv/bin/python resources/templates/make_docx_templates.py

Each template is an ordinary Word file a clerk may open, change and save in the data folder
under the same name (it then replaces the shipped one). The text in braces is filled by the
program (docxtpl, Jinja2 syntax): ``{{ name }}`` is a value, ``{%p for x in list %}`` ...
``{%p endfor %}`` repeats the paragraphs between them, ``{%tr for %}`` repeats table rows.
Keep those tags whole (one run of one style) when editing; everything else (fonts, spacing,
wording, margins, the order of paragraphs) is free.

Layout: Nghị định 30/2020/NĐ-CP Phụ lục I (domain.md §7.2): A4 portrait, margins 20/20 mm
top/bottom, 30 mm left, 20 mm right; Times New Roman; header block in a borderless two-column
table (parent and issuing body left, Quốc hiệu and Tiêu ngữ right, short lines under the
issuing body and the Tiêu ngữ, "Số:" and the place-and-date line); page numbers centred in
the top margin from page 2 on; the signer's authority and title in bold capitals; "Nơi nhận:"
12 pt bold italic, its lines 11 pt; an annex on a new page with its own page numbers.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

HERE = Path(__file__).resolve().parent
FONT = "Times New Roman"
BODY = 14
HEAD = 13
TEXT_WIDTH_MM = 160.0  # 210 - 30 - 20

CENTER = WD_ALIGN_PARAGRAPH.CENTER
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY
LEFT = WD_ALIGN_PARAGRAPH.LEFT
RIGHT = WD_ALIGN_PARAGRAPH.RIGHT


# --------------------------------------------------------------------------- basics


def new_document() -> Document:
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(BODY)
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    style.paragraph_format.space_before = Pt(0)
    style.paragraph_format.space_after = Pt(0)
    style.paragraph_format.line_spacing = 1.0
    for name in ("Table Grid",):
        if name in [s.name for s in doc.styles]:
            doc.styles[name].font.name = FONT
    section = doc.sections[0]
    page_setup(section)
    page_numbers(section)
    return doc


def page_setup(section, *, landscape: bool = False) -> None:  # type: ignore[no-untyped-def]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = Mm(20)
    section.bottom_margin = Mm(20)
    section.left_margin = Mm(30)
    section.right_margin = Mm(20)
    section.header_distance = Mm(10)
    section.footer_distance = Mm(10)


def _field(paragraph: Paragraph, instruction: str) -> None:
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    shown = OxmlElement("w:t")
    shown.text = "2"
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for element in (begin, text, separate, shown, end):
        run._r.append(element)
    run.font.size = Pt(HEAD)
    run.font.name = FONT


def page_numbers(section, *, restart: bool = False) -> None:  # type: ignore[no-untyped-def]
    """Page number centred in the header, not on the section's first page."""
    section.different_first_page_header_footer = True
    section.header.is_linked_to_previous = False
    header = section.header
    paragraph = header.paragraphs[0]
    paragraph.alignment = CENTER
    _field(paragraph, "PAGE")
    section.first_page_header.is_linked_to_previous = False
    if restart:
        number_type = OxmlElement("w:pgNumType")
        number_type.set(qn("w:start"), "1")
        section._sectPr.append(number_type)


def para(
    container,  # type: ignore[no-untyped-def]
    text: str = "",
    *,
    size: float = BODY,
    bold: bool = False,
    italic: bool = False,
    align=JUSTIFY,  # type: ignore[no-untyped-def]
    indent: bool = False,
    before: float = 0,
    after: float = 6,
    keep: bool = False,
) -> Paragraph:
    paragraph = container.add_paragraph()
    paragraph.alignment = align
    fmt = paragraph.paragraph_format
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    if indent:
        fmt.first_line_indent = Cm(1.27)
    if keep:
        fmt.keep_with_next = True
    if text:
        run = paragraph.add_run(text)
        run.font.size = Pt(size)
        run.bold = bold or None
        run.italic = italic or None
    return paragraph


def add_run(paragraph: Paragraph, text: str, *, size: float = BODY, bold=False, italic=False):  # type: ignore[no-untyped-def]
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.bold = bold or None
    run.italic = italic or None
    return run


def tag(container, text: str) -> Paragraph:  # type: ignore[no-untyped-def]
    """A paragraph holding only a control tag ({%p ... %}): removed when rendered."""
    return para(container, text, after=0, align=LEFT)


def underline_paragraph(paragraph: Paragraph, width_mm: float, cell_mm: float) -> None:
    """A bottom border under the paragraph, ``width_mm`` long and centred in its cell."""
    side = max(0.0, (cell_mm - width_mm) / 2)
    paragraph.paragraph_format.left_indent = Mm(side)
    paragraph.paragraph_format.right_indent = Mm(side)
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    bottom.set(qn("w:val"), "single")
    bottom.set(qn("w:sz"), "6")
    bottom.set(qn("w:space"), "1")
    bottom.set(qn("w:color"), "000000")
    borders.append(bottom)
    ppr.append(borders)


def no_borders(table: Table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    tbl_pr.append(borders)


def grid_borders(table: Table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:val"), "single")
        element.set(qn("w:sz"), "4")
        element.set(qn("w:color"), "000000")
        borders.append(element)
    tbl_pr.append(borders)


def widths(table: Table, mm: list[float]) -> None:
    """Fixed column widths (Word and LibreOffice keep them whatever the text)."""
    table.autofit = False
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    for row in table.rows:
        for cell, width in zip(row.cells, mm, strict=False):
            cell.width = Mm(width)
    grid = table._tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), mm, strict=False):
        col.set(qn("w:w"), str(int(width / 25.4 * 1440)))


def cell_text(cell, text: str, *, size=13, bold=False, italic=False, align=CENTER) -> Paragraph:  # type: ignore[no-untyped-def]
    paragraph = cell.paragraphs[0]
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(0)
    add_run(paragraph, text, size=size, bold=bold, italic=italic)
    return paragraph


def cell_para(cell, text: str = "", **kw) -> Paragraph:  # type: ignore[no-untyped-def]
    kw.setdefault("align", CENTER)
    kw.setdefault("after", 0)
    kw.setdefault("size", HEAD)
    return para(cell, text, **kw)


def repeat_header(row) -> None:  # type: ignore[no-untyped-def]
    tr_pr = row._tr.get_or_add_trPr()
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    tr_pr.append(element)


def keep_together(table: Table) -> None:
    """A signature table is never cut by a page break: its rows cannot split and every
    paragraph in it keeps with the next."""
    for row in table.rows:
        cant_split(row)
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.keep_with_next = True


def cant_split(row) -> None:  # type: ignore[no-untyped-def]
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))


# --------------------------------------------------------------------------- shared blocks

LEFT_MM, RIGHT_MM = 68.0, 104.0  # 12 mm wider than the text: into the margins


def header_block(doc) -> None:  # type: ignore[no-untyped-def]
    """Parent and issuing body | Quốc hiệu and Tiêu ngữ; Số | place and date."""
    table = doc.add_table(rows=2, cols=2)
    no_borders(table)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = table.rows[0].cells
    cell_text(left, "{{ parent_body }}", size=HEAD)
    cell_para(left, "{{ issuer }}", bold=True)
    underline_paragraph(cell_para(left, "", size=4), 22, LEFT_MM)
    cell_text(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=HEAD, bold=True)
    cell_para(right, "Độc lập - Tự do - Hạnh phúc", size=BODY, bold=True)
    underline_paragraph(cell_para(right, "", size=4), 68, RIGHT_MM)
    number, when = table.rows[1].cells
    number.paragraphs[0].paragraph_format.space_before = Pt(6)
    cell_text(number, "{{ number }}", size=HEAD)
    when.paragraphs[0].paragraph_format.space_before = Pt(6)
    cell_text(when, "{{ date_line }}", size=BODY, italic=True)
    widths(table, [LEFT_MM, RIGHT_MM])


def title_block(doc, kind: str, subject: str = "{{ subject }}") -> None:  # type: ignore[no-untyped-def]
    para(doc, kind, bold=True, align=CENTER, before=18, after=0, keep=True)
    subject_line = para(doc, subject, bold=True, align=CENTER, after=0, keep=True)
    underline_paragraph(para(doc, "", size=4, after=12), 40, TEXT_WIDTH_MM)
    del subject_line


def lines_loop(
    doc, variable: str, *, italic: bool = False, indent: bool = True, align=JUSTIFY
) -> None:  # type: ignore[no-untyped-def]
    tag(doc, f"{{%p for line in {variable} %}}")
    para(doc, "{{ line }}", italic=italic, indent=indent, align=align)
    tag(doc, "{%p endfor %}")


def signature_block(doc, *, recipients: bool = True) -> None:  # type: ignore[no-untyped-def]
    """Nơi nhận (left) and the signer (right)."""
    table = doc.add_table(rows=1, cols=2)
    no_borders(table)
    left, right = table.rows[0].cells
    if recipients:
        first = left.paragraphs[0]
        first.paragraph_format.space_before = Pt(12)
        add_run(first, "Nơi nhận:", size=12, bold=True, italic=True)
        tag(left, "{%p for r in recipients %}").runs[0].font.size = Pt(11)
        cell_para(left, "{{ r }}", size=11, align=LEFT)
        tag(left, "{%p endfor %}").runs[0].font.size = Pt(11)
    first = right.paragraphs[0]
    first.paragraph_format.space_before = Pt(12)
    first.alignment = CENTER
    add_run(first, "{{ signer_authority }}", size=BODY, bold=True)
    cell_para(right, "{{ signer_title }}", size=BODY, bold=True)
    cell_para(right, "{{ signer_note }}", size=BODY, italic=True)
    for _ in range(3):
        cell_para(right, "")
    cell_para(right, "{{ signer_name }}", size=BODY, bold=True)
    keep_together(table)
    widths(table, [80, 80])


def two_signatures(doc, left_role: str, right_role: str) -> None:  # type: ignore[no-untyped-def]
    table = doc.add_table(rows=1, cols=2)
    no_borders(table)
    left, right = table.rows[0].cells
    for cell, role, name in ((left, left_role, "left_name"), (right, right_role, "right_name")):
        first = cell.paragraphs[0]
        first.paragraph_format.space_before = Pt(12)
        first.alignment = CENTER
        add_run(first, role, size=BODY, bold=True)
        cell_para(cell, "{{ " + name.split("_")[0] + "_note }}", size=BODY, italic=True)
        for _ in range(3):
            cell_para(cell, "")
        cell_para(cell, "{{ " + name + " }}", size=BODY, bold=True)
    keep_together(table)
    widths(table, [80, 80])


def list_table(
    doc,  # type: ignore[no-untyped-def]
    columns: list[tuple[str, float, str]],
    *,
    sections: str = "sections",
) -> None:
    """A bordered table: header row (repeated on every page), then for each section of
    ``sections`` a heading row (when it has a label) and its lines. ``columns``: (heading,
    width in mm, the attribute of a line)."""
    table = doc.add_table(rows=7, cols=len(columns))
    grid_borders(table)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    head = table.rows[0]
    repeat_header(head)
    for cell, (heading, _width, _attr) in zip(head.cells, columns, strict=True):
        cell_text(cell, heading, size=12, bold=True)
    loop_rows = {
        1: f"{{%tr for sec in {sections} %}}",
        2: "{%tr if sec.label %}",
        4: "{%tr endif %}",
        5: "{%tr for line in sec.lines %}",
    }
    for index, text in loop_rows.items():
        cell_text(table.rows[index].cells[0], text, size=11, align=LEFT)
    heading = table.rows[3]
    cell_text(heading.cells[0], "{{ sec.label }}", size=12, bold=True)
    merged = heading.cells[1].merge(heading.cells[len(columns) - 1])
    cell_text(merged, "{{ sec.name }}", size=12, bold=True, align=LEFT)
    line = table.rows[6]
    cant_split(line)
    for cell, (_heading, _width, attr) in zip(line.cells, columns, strict=True):
        align = CENTER if attr in ("stt", "percent", "in_favour", "result", "golden") else LEFT
        cell_text(cell, "{{ line." + attr + " }}", size=12, align=align)
    end_line = table.add_row()
    cell_text(end_line.cells[0], "{%tr endfor %}", size=11, align=LEFT)
    end_sections = table.add_row()
    cell_text(end_sections.cells[0], "{%tr endfor %}", size=11, align=LEFT)
    widths(table, [w for _h, w, _a in columns])


def annex(doc, columns: list[tuple[str, float, str]]) -> None:  # type: ignore[no-untyped-def]
    """A new section (new page, page numbers from 1) with the list."""
    tag(doc, "{%p if annex %}")
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    page_setup(section)
    page_numbers(section, restart=True)
    para(doc, "{{ annex_label }}", bold=True, align=CENTER, after=0)
    para(doc, "{{ annex_title }}", bold=True, align=CENTER, after=0)
    para(doc, "{{ annex_attribution }}", italic=True, align=CENTER, after=0)
    underline_paragraph(para(doc, "", size=4, after=12), 40, TEXT_WIDTH_MM)
    list_table(doc, columns, sections="annex_sections")
    para(doc, "{{ annex_closing }}", italic=True, after=0, before=6)
    tag(doc, "{%p endif %}")


# --------------------------------------------------------------------------- the documents

LIST_COLUMNS = [
    ("STT", 13, "stt"),
    ("Họ và tên / Tên tập thể", 50, "name"),
    ("Chức vụ, đơn vị công tác", 60, "detail"),
    ("Ghi chú", 38, "note"),
]


def submission() -> Document:
    doc = new_document()
    header_block(doc)
    title_block(doc, "TỜ TRÌNH")
    tag(doc, "{%p for a in addressees %}")
    para(doc, "{{ a }}", align=CENTER, after=0)
    tag(doc, "{%p endfor %}")
    para(doc, "", after=6)
    lines_loop(doc, "bases", italic=True)
    para(doc, "{{ council_line }}", indent=True)
    para(doc, "{{ request }}", indent=True)
    lines_loop(doc, "counts")
    para(doc, "{{ attachments_line }}", italic=True, indent=True)
    para(doc, "{{ closing }}", indent=True, keep=True)
    signature_block(doc)
    annex(
        doc,
        [
            ("STT", 13, "stt"),
            ("Họ và tên / Tên tập thể", 46, "name"),
            ("Chức vụ, đơn vị công tác", 52, "detail"),
            ("Danh hiệu / Hình thức đề nghị", 30, "title"),
            ("Ghi chú", 20, "note"),
        ],
    )
    return doc


def decision() -> Document:
    doc = new_document()
    header_block(doc)
    title_block(doc, "QUYẾT ĐỊNH")
    para(doc, "{{ authority_line }}", bold=True, align=CENTER, after=12)
    lines_loop(doc, "bases", italic=True)
    para(doc, "{{ proposal_line }}", italic=True, indent=True)
    para(doc, "QUYẾT ĐỊNH:", bold=True, align=CENTER, before=6, after=12)
    article = para(doc, "", indent=True)
    add_run(article, "Điều 1. ", bold=True)
    add_run(article, "{{ article1 }}")
    tag(doc, "{%p for line in inline_list %}")
    para(doc, "{{ line }}", indent=True)
    tag(doc, "{%p endfor %}")
    article = para(doc, "", indent=True)
    add_run(article, "Điều 2. ", bold=True)
    add_run(article, "{{ article2 }}")
    lines_loop(doc, "money_lines")
    para(doc, "{{ money_total }}", indent=True)
    article = para(doc, "", indent=True)
    add_run(article, "Điều 3. ", bold=True)
    add_run(article, "{{ article3 }}")
    signature_block(doc)
    annex(doc, LIST_COLUMNS)
    return doc


def minutes() -> Document:
    doc = new_document()
    header_block(doc)
    title_block(doc, "BIÊN BẢN")
    lines_loop(doc, "opening")
    para(doc, "I. THÀNH PHẦN", bold=True, after=6, keep=True)
    lines_loop(doc, "attendance")
    tag(doc, "{%p for m in members_present %}")
    para(doc, "{{ m }}", indent=True, after=0)
    tag(doc, "{%p endfor %}")
    para(doc, "{{ absent_line }}", indent=True, before=6)
    tag(doc, "{%p for m in members_absent %}")
    para(doc, "{{ m }}", indent=True, after=0)
    tag(doc, "{%p endfor %}")
    para(doc, "II. NỘI DUNG", bold=True, before=6, after=6, keep=True)
    lines_loop(doc, "agenda")
    para(doc, "{{ public_comment_line }}", indent=True)
    para(doc, "III. KẾT QUẢ BIỂU QUYẾT", bold=True, after=6, keep=True)
    para(doc, "{{ votes_intro }}", indent=True)
    list_table(
        doc,
        [
            ("STT", 13, "stt"),
            ("Họ và tên / Tên tập thể", 37, "name"),
            ("Đơn vị", 32, "unit"),
            ("Danh hiệu / Hình thức", 24, "title"),
            ("Số phiếu đồng ý", 17, "in_favour"),
            ("Tỷ lệ % trên tổng số thành viên", 19, "percent"),
            ("Kết quả", 18, "result"),
        ],
        sections="vote_sections",
    )
    para(doc, "IV. KẾT LUẬN", bold=True, before=12, after=6, keep=True)
    lines_loop(doc, "conclusions")
    para(doc, "{{ closing }}", indent=True)
    two_signatures(doc, "THƯ KÝ", "{{ chair_role }}")
    return doc


def invitation() -> Document:
    doc = new_document()
    header_block(doc)
    title_block(doc, "GIẤY MỜI")
    para(doc, "{{ greeting }}", align=CENTER, after=0)
    tag(doc, "{%p for m in invitees %}")
    para(doc, "{{ m }}", indent=True, after=0)
    tag(doc, "{%p endfor %}")
    para(doc, "", after=6)
    lines_loop(doc, "body")
    signature_block(doc)
    return doc


def _identity_table(doc, rows_var: str) -> None:  # type: ignore[no-untyped-def]
    tag(doc, f"{{%p for label, value in {rows_var} %}}")
    paragraph = para(doc, "", indent=True, after=3)
    add_run(paragraph, "{{ label }}: ")
    add_run(paragraph, "{{ value }}")
    tag(doc, "{%p endfor %}")


def _simple_table(doc, columns: list[tuple[str, float, str]], rows_var: str) -> None:  # type: ignore[no-untyped-def]
    table = doc.add_table(rows=3, cols=len(columns))
    grid_borders(table)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    repeat_header(table.rows[0])
    for cell, (heading, _w, _a) in zip(table.rows[0].cells, columns, strict=True):
        cell_text(cell, heading, size=12, bold=True)
    cell_text(table.rows[1].cells[0], f"{{%tr for line in {rows_var} %}}", size=11, align=LEFT)
    for cell, (_h, _w, attr) in zip(table.rows[2].cells, columns, strict=True):
        cell_text(
            cell, "{{ line." + attr + " }}", size=12, align=CENTER if attr == "year" else LEFT
        )
    end = table.add_row()
    cell_text(end.cells[0], "{%tr endfor %}", size=11, align=LEFT)
    widths(table, [w for _h, w, _a in columns])


def achievement(collective: bool) -> Document:
    doc = new_document()
    para(doc, "{{ form_label }}", size=12, italic=True, align=RIGHT, after=0)
    header_block(doc)
    para(doc, "BÁO CÁO THÀNH TÍCH", bold=True, align=CENTER, before=18, after=0)
    para(doc, "{{ subject }}", bold=True, align=CENTER, after=0)
    underline_paragraph(para(doc, "", size=4, after=12), 40, TEXT_WIDTH_MM)
    para(doc, "I. SƠ LƯỢC " + ("ĐẶC ĐIỂM, TÌNH HÌNH" if collective else "LÝ LỊCH"), bold=True)
    _identity_table(doc, "identity")
    para(doc, "II. THÀNH TÍCH ĐẠT ĐƯỢC", bold=True, before=6)
    lines_loop(doc, "achievement_intro", align=LEFT)
    para(doc, "{{ grades_heading }}", italic=True, indent=True, keep=True)
    _simple_table(doc, [("Năm", 25, "year"), ("Kết quả xếp loại, đánh giá", 135, "text")], "grades")
    para(doc, "", after=6)
    para(doc, "{{ initiatives_heading }}", italic=True, indent=True, keep=True)
    _simple_table(
        doc,
        [
            ("Năm", 18, "year"),
            ("Tên sáng kiến, đề tài", 72, "title"),
            ("Quyết định công nhận", 40, "decision"),
            ("Phạm vi", 30, "scope"),
        ],
        "initiatives",
    )
    para(doc, "", after=6)
    para(doc, "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG", bold=True, before=6, keep=True)
    _simple_table(
        doc,
        [
            ("Năm", 18, "year"),
            ("Danh hiệu thi đua / Hình thức khen thưởng", 62, "title"),
            ("Số, ngày quyết định", 40, "decision"),
            ("Cơ quan ban hành", 40, "authority"),
        ],
        "awards",
    )
    para(doc, "", after=6)
    two_signatures(doc, "{{ left_role }}", "{{ right_role }}")
    return doc


def notice() -> Document:
    doc = new_document()
    header_block(doc)
    title_block(doc, "THÔNG BÁO")
    para(doc, "{{ addressee }}", align=CENTER, after=12)
    lines_loop(doc, "bases", italic=True)
    para(doc, "{{ intro }}", indent=True)
    lines_loop(doc, "counts")
    list_table(
        doc,
        [
            ("STT", 13, "stt"),
            ("Họ và tên / Tên tập thể", 55, "name"),
            ("Đơn vị", 55, "detail"),
            ("Ghi chú", 38, "note"),
        ],
    )
    para(doc, "", after=6)
    lines_loop(doc, "closing_lines")
    signature_block(doc)
    return doc


TEMPLATES = {
    "to-trinh.docx": submission,
    "quyet-dinh.docx": decision,
    "bien-ban-hop-hoi-dong.docx": minutes,
    "giay-moi-hop-hoi-dong.docx": invitation,
    "bao-cao-thanh-tich-ca-nhan.docx": lambda: achievement(False),
    "bao-cao-thanh-tich-tap-the.docx": lambda: achievement(True),
    "thong-bao-ket-qua.docx": notice,
}


def build(folder: Path = HERE) -> list[Path]:
    written = []
    for name, make in TEMPLATES.items():
        path = folder / name
        document = make()
        document.core_properties.author = "TĐKT"
        document.core_properties.title = name.removesuffix(".docx")
        document.save(path)
        written.append(path)
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE
    for path in build(target):
        print(path)
