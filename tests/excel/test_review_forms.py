"""The Bình xét forms built from DTOs, saved, reopened with openpyxl: titles, repeated header
rows, column numbers, page setup, and cell values computed from the input."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from app.domain.settings import AgencySettings
from app.excel.forms import review_forms as rf
from app.excel.forms.registry import export_form, get_form, write_template
from app.services.council_members import MemberRow
from app.services.review_reports import (
    CouncilMinutesData,
    CouncilVoteLine,
    NominationLine,
    NominationListData,
    NominationSection,
    PublicCommentData,
    PublicSection,
)

AGENCY = AgencySettings(
    parent_body="UBND tỉnh Tuyên Quang",
    agency="Sở Nông nghiệp và Môi trường",
    abbreviation="SNNMT",
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


def person(i: int, name: str, unit: str, **kw) -> NominationLine:
    values: dict = {
        "subject": "person",
        "subject_id": i,
        "name": name,
        "gender": "Nữ" if i % 2 else "Nam",
        "birth_date": date(1980, 1 + i % 12, 1 + i % 28),
        "birth_year": 1980,
        "position": "Chuyên viên",
        "unit": unit,
        "category": "",
        "basis": f"Xếp loại năm 2025 là HTXSNV; sáng kiến số {i}",
        "percent": None,
        "note": "",
    }
    values.update(kw)
    return NominationLine(**values)


def unit_line(i: int, name: str, parent: str = "", **kw) -> NominationLine:
    values: dict = {
        "subject": "unit",
        "subject_id": i,
        "name": name,
        "gender": "",
        "birth_date": None,
        "birth_year": None,
        "position": "",
        "unit": parent,
        "category": "Cơ quan hành chính",
        "basis": "Tập thể xếp loại năm 2025 là HTXSNV",
        "percent": None,
        "note": "",
    }
    values.update(kw)
    return NominationLine(**values)


def nomination(sections, *, voted=False, title_name="Lao động tiên tiến", is_title=True, **kw):
    values: dict = {
        "agency": AGENCY,
        "year": 2025,
        "on": ON,
        "title": "LDTT",
        "title_name": title_name,
        "is_title": is_title,
        "unit_name": None,
        "order": "chuan",
        "voted": voted,
        "sections": tuple(sections),
    }
    values.update(kw)
    return NominationListData(**values)


def save(code: str, data, tmp_path: Path) -> Worksheet:
    result = export_form(code, data, tmp_path / f"{code}.xlsx")
    return load_workbook(result.path).worksheets[0]


def row_of(ws: Worksheet, text: str, column: int | None = None) -> int:
    for row in ws.iter_rows():
        for cell in row:
            if (column is None or cell.column == column) and cell.value == text:
                return cell.row
    raise AssertionError(f"{text!r} not found")


def texts(ws: Worksheet) -> list[str]:
    return [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]


def header_rows(ws: Worksheet) -> tuple[int, int]:
    """(first header row, column-number row) from the sheet's print titles."""
    first, last = ws.print_title_rows.replace("$", "").split(":")
    return int(first), int(last)


def check_page(ws: Worksheet, *, landscape: bool, one_page: bool | None = True) -> int:
    """Page setup and the column numbers; returns the number of table columns. ``one_page``:
    a short list is printed on one page (None: the form may need more)."""
    assert ws.page_setup.orientation == ("landscape" if landscape else "portrait")
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    if one_page is not None:
        assert ws.page_setup.fitToHeight == (1 if one_page else 0)
    first, numbers = header_rows(ws)
    assert ws.cell(first, 1).value == "STT"
    labels = [ws.cell(numbers, c).value for c in range(1, ws.max_column + 1)]
    labels = [x for x in labels if x is not None]
    assert labels == list(range(1, len(labels) + 1))
    return len(labels)


def col(ws: Worksheet, header: str) -> int:
    """The column of a table header (first header row, or the second under a group)."""
    first, numbers = header_rows(ws)
    for row in range(first, numbers):
        for c in range(1, ws.max_column + 1):
            if ws.cell(row, c).value == header:
                return c
    raise AssertionError(f"no column {header!r}")


def headers(ws: Worksheet) -> list[str]:
    first, _ = header_rows(ws)
    return [v for c in range(1, ws.max_column + 1) if (v := ws.cell(first, c).value)]


# --------------------------------------------------------------------------- nomination list


def test_individual_list(tmp_path) -> None:
    lines = tuple(person(i, f"Người {i}", "Văn phòng Sở") for i in range(1, 4))
    data = nomination([NominationSection("person", "Cá nhân", lines)])
    ws = save(rf.NOMINATION_CODE, data, tmp_path)
    title = f"DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG DANH HIỆU “{data.title_name.upper()}” NĂM {data.year}"
    assert title in texts(ws)
    check_page(ws, landscape=True)
    first, numbers = header_rows(ws)
    assert headers(ws)[:4] == ["STT", "Họ và tên", "Giới tính", "Ngày sinh"]
    # one unit on every line: said once under the title, not in a column
    assert "Đơn vị công tác" not in headers(ws)
    assert "Đơn vị công tác: Văn phòng Sở" in texts(ws)
    basis = col(ws, "Căn cứ đề nghị (xếp loại, sáng kiến, thành tích)")
    # a list of one kind has no group row: the first line follows the column numbers
    for offset, line in enumerate(lines):
        row = numbers + 1 + offset
        assert ws.cell(row, 1).value == offset + 1
        assert ws.cell(row, 2).value == line.name
        assert ws.cell(row, 3).value == line.gender
        assert ws.cell(row, 4).value.date() == line.birth_date
        assert ws.cell(row, 4).number_format == "dd/mm/yyyy"
        assert ws.cell(row, basis).value == line.basis
    assert f"(Tổng số: {len(lines)} cá nhân)" in texts(ws)
    assert "NGƯỜI LẬP BIỂU" in texts(ws) and AGENCY.signer_name in texts(ws)
    assert f"Tuyên Quang, ngày {ON.day} tháng 01 năm {ON.year}" in texts(ws)


def test_same_basis_on_every_line_is_said_once(tmp_path) -> None:
    same = "Xếp loại năm 2025 là Hoàn thành xuất sắc nhiệm vụ"
    lines = tuple(person(i, f"Người {i}", f"Phòng {i}", basis=same) for i in range(1, 4))
    ws = save(
        rf.NOMINATION_CODE, nomination([NominationSection("person", "Cá nhân", lines)]), tmp_path
    )
    assert not any(h.startswith("Căn cứ") for h in headers(ws))
    assert f"Căn cứ đề nghị: {same}" in texts(ws)
    assert col(ws, "Đơn vị công tác")  # the units differ: their column stays


def test_mixed_list_with_votes(tmp_path) -> None:
    units = (unit_line(1, "Hạt Kiểm lâm khu vực I", "Chi cục Kiểm lâm", percent=Decimal("90")),)
    people = tuple(
        person(i, f"Cán bộ {i}", "Chi cục Kiểm lâm", percent=Decimal("86.7") + i)
        for i in range(1, 3)
    )
    people += (
        person(
            3,
            "=SUM(A1)",
            "Văn phòng Sở",
            birth_date=None,
            birth_year=1979,
            percent=Decimal("75"),
        ),
    )
    data = nomination(
        [
            NominationSection("unit", "Tập thể", units),
            NominationSection("person", "Cá nhân", people),
        ],
        voted=True,
        title_name="Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
        is_title=False,
        unit_name="Chi cục Kiểm lâm",
    )
    ws = save(rf.NOMINATION_CODE, data, tmp_path)
    assert f"DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG {data.title_name.upper()} NĂM 2025" in texts(ws)
    assert data.unit_name in texts(ws)
    check_page(ws, landscape=True)
    first, _numbers = header_rows(ws)
    assert ws.cell(first, 2).value == "Họ và tên / Tên tập thể"
    pct = col(ws, "Tỷ lệ phiếu đồng ý (%)")
    unit = col(ws, "Đơn vị công tác")
    # group rows "I. Tập thể", "II. Cá nhân"; STT starts again in each group
    collectives = row_of(ws, "Tập thể", 2)
    individuals = row_of(ws, "Cá nhân", 2)
    assert (ws.cell(collectives, 1).value, ws.cell(individuals, 1).value) == ("I", "II")
    assert collectives < individuals
    assert ws.cell(collectives + 1, 2).value == units[0].name
    assert ws.cell(collectives + 1, unit).value == units[0].unit
    assert ws.cell(collectives + 1, pct).value == float(units[0].percent)
    for offset, line in enumerate(people, start=1):
        row = individuals + offset
        assert ws.cell(row, 1).value == offset
        assert ws.cell(row, pct).value == pytest.approx(float(line.percent))
        assert ws.cell(row, pct).number_format == "0.0"
    odd = individuals + 3
    assert ws.cell(odd, 2).value == "=SUM(A1)" and ws.cell(odd, 2).data_type == "s"
    assert ws.cell(odd, 4).value == 1979 and ws.cell(odd, 4).number_format == "0"
    assert "(Tổng số: 1 tập thể, 3 cá nhân)" in texts(ws)


def test_collectives_only_and_empty_group(tmp_path) -> None:
    units = tuple(unit_line(i, f"Tập thể {i}", "Chi cục Kiểm lâm") for i in range(1, 3))
    data = nomination(
        [NominationSection("unit", "Tập thể", units)], title_name="Tập thể lao động tiên tiến"
    )
    ws = save(rf.NOMINATION_CODE, data, tmp_path)
    check_page(ws, landscape=True)
    first, numbers = header_rows(ws)
    assert headers(ws)[:3] == ["STT", "Tên tập thể", "Phân loại tập thể"]
    assert ws.cell(numbers + 1, 3).value == units[0].category
    assert "Trực thuộc: Chi cục Kiểm lâm" in texts(ws)  # the same for both: said once
    both = nomination(
        [
            NominationSection("unit", "Tập thể", ()),
            NominationSection("person", "Cá nhân", (person(1, "An", "VP"),)),
        ]
    )
    ws = save(rf.NOMINATION_CODE, both, tmp_path)
    # an empty group is left out when the other has lines
    assert "Không có tập thể nào được đề nghị." not in texts(ws)
    assert "Tập thể" not in texts(ws) and "(Tổng số: 1 cá nhân)" in texts(ws)
    nobody = save(
        rf.NOMINATION_CODE, nomination([NominationSection("person", "Cá nhân", ())]), tmp_path
    )
    assert "Không có trường hợp nào được đề nghị." in texts(nobody)


# --------------------------------------------------------------------------- public comment


def test_public_comment_list(tmp_path) -> None:
    sections = (
        PublicSection(
            "BK_TTG",
            "Bằng khen của Thủ tướng Chính phủ",
            (person(1, "An", "VP", summary="Xếp loại: Hoàn thành xuất sắc nhiệm vụ năm 2025"),),
        ),
        PublicSection(
            "CO_TINH",
            "Cờ thi đua của Ủy ban nhân dân tỉnh",
            (unit_line(2, "Hạt Kiểm lâm"), unit_line(3, "Văn phòng Sở")),
        ),
    )
    data = PublicCommentData(agency=AGENCY, year=2025, on=ON, unit_name=None, sections=sections)
    ws = save(rf.PUBLIC_CODE, data, tmp_path)
    check_page(ws, landscape=True)
    assert "Ngày sinh" not in headers(ws)  # the list is public: no birth dates
    summary = col(ws, "Tóm tắt thành tích")
    assert any(
        "NĂM 2025" in t and t.startswith("DANH SÁCH CÁC CÁ NHÂN, TẬP THỂ") for t in texts(ws)
    )
    assert any(t.startswith("Thời gian lấy ý kiến: từ ngày") for t in texts(ws))
    for number, section in enumerate(sections, start=1):
        row = row_of(ws, section.title_name, 2)
        assert ws.cell(row, 1).value == "I" * number
        for offset, line in enumerate(section.lines, start=1):
            assert ws.cell(row + offset, 1).value == offset
            assert ws.cell(row + offset, 2).value == line.name
            assert ws.cell(row + offset, summary).value == (line.summary or line.basis)
    empty = PublicCommentData(agency=AGENCY, year=2025, on=ON, unit_name="VP", sections=())
    assert "Không có cá nhân, tập thể nào được đề nghị khen thưởng." in texts(
        save(rf.PUBLIC_CODE, empty, tmp_path)
    )


# --------------------------------------------------------------------------- the minutes


def vote(name: str, title: str, in_favour: int, *, subject="person", valid=9, **kw):
    values: dict = {
        "subject": subject,
        "subject_id": 1,
        "name": name,
        "unit": "Văn phòng Sở",
        "title": title,
        "title_name": {"LDTT": "Lao động tiên tiến", "CSTDCS": "Chiến sĩ thi đua cơ sở"}[title],
        "title_short": {"LDTT": "LĐTT", "CSTDCS": "CSTĐCS"}[title],
        "issued": 10,
        "returned": 10,
        "valid": valid,
        "in_favour": in_favour,
        "percent": Decimal(in_favour * 100) / Decimal(MEMBERS),
        "threshold": Decimal("80") if title == "CSTDCS" else Decimal("50"),
        "majority": title != "CSTDCS",
        "passed": False,
        "note": "",
    }
    values.update(kw)
    values["passed"] = (
        values["percent"] > values["threshold"]
        if values["majority"]
        else values["percent"] >= values["threshold"]
    )
    return CouncilVoteLine(**values)


MEMBERS = 12


def minutes(votes, **kw) -> CouncilMinutesData:
    values: dict = {
        "agency": AGENCY,
        "session_id": 3,
        "year": 2025,
        "meeting_date": date(2025, 12, 5),
        "place": "Phòng họp tầng 3",
        "chair": "Trần Văn Chủ, Giám đốc Sở",
        "secretary": "Lê Thị Thư",
        "members_total": MEMBERS,
        "present": 10,
        "written_opinions": 1,
        "note": "",
        "votes": tuple(votes),
        "state_level": False,
    }
    values.update(kw)
    return CouncilMinutesData(**values)


VOTES = (
    vote("Nguyễn Văn An", "CSTDCS", 10),
    vote("Tổ Hành chính", "CSTDCS", 9, subject="unit"),
    vote("Lê Thị Bình", "LDTT", 7, valid=10),
    vote("Trần Văn Cường", "LDTT", 6),
)


def test_council_minutes(tmp_path) -> None:
    data = minutes(VOTES, note="Đề nghị bổ sung hồ sơ của ông Cường.")
    ws = save(rf.COUNCIL_CODE, data, tmp_path)
    check_page(ws, landscape=False, one_page=None)
    all_texts = texts(ws)
    # the Council's own header and series (domain.md §7.1)
    assert "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG" in " ".join(all_texts).replace("\n", " ")
    assert any(t.replace("\n", " ") == "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG" for t in all_texts)
    assert any(t.startswith("Số:") and t.endswith("/BB-HĐTĐKT") for t in all_texts)
    assert "Tuyên Quang, ngày 05 tháng 12 năm 2025" in all_texts
    assert "BIÊN BẢN" in all_texts
    members = next(t for t in all_texts if "Thành viên Hội đồng:" in t)
    assert f"tổng số {MEMBERS} thành viên" in members
    assert f"vắng mặt {MEMBERS - data.present} thành viên" in members
    assert f"trong đó {data.written_opinions} thành viên có ý kiến bằng văn bản" in members
    assert any(f"({MEMBERS} thành viên). Kết quả như sau:" in t for t in all_texts)
    assert not any("lấy ý kiến công khai" in t for t in all_texts)
    # the times are not recorded: left to fill in by hand
    assert any("vào hồi ...... giờ ...... phút" in t for t in all_texts)
    # a group of rows per title, named with the share it needs
    cstdcs = row_of(ws, "Chiến sĩ thi đua cơ sở (tỷ lệ cần đạt: ≥ 80%)", 2)
    ldtt = row_of(ws, "Lao động tiên tiến (tỷ lệ cần đạt: > 50%)", 2)
    favour, pct, result = (
        col(ws, "Số phiếu đồng ý"),
        col(ws, "Tỷ lệ % (trên tổng số thành viên)"),
        col(ws, "Kết quả"),
    )
    for offset, line in enumerate(VOTES, start=1):
        row = (cstdcs + offset) if line.title == "CSTDCS" else (ldtt + offset - 2)
        assert [ws.cell(row, c).value for c in (1, 2, favour)] == [
            offset,
            line.name,
            line.in_favour,
        ]
        assert ws.cell(row, pct).value == pytest.approx(float(line.percent))
        assert ws.cell(row, result).value == ("Đạt" if line.passed else "Không đạt")
    # conclusion per title, counted from the votes
    assert any(
        t.strip().startswith("- Chiến sĩ thi đua cơ sở: 01 cá nhân (01 trường hợp")
        for t in all_texts
    )
    assert any("Lao động tiên tiến: 01 cá nhân (01 trường hợp không đạt" in t for t in all_texts)
    assert any(data.note in t for t in all_texts)
    # signatures: the secretary on the left, the chair (name only) on the right
    assert {"THƯ KÝ", "CHỦ TỊCH HỘI ĐỒNG", "Lê Thị Thư", "Trần Văn Chủ"} <= set(all_texts)


def member(name: str, job: str, role: str = "UY_VIEN", **kw) -> MemberRow:
    return MemberRow(0, 0, name, job, role, kw.get("present", True), kw.get("written", False), "")


def test_council_minutes_name_the_members_times_and_public_comment(tmp_path) -> None:
    data = minutes(
        VOTES,
        chair="",
        secretary="",
        members_total=4,
        present=3,
        written_opinions=1,
        members=(
            member("Trần Văn An", "Giám đốc Sở", "CHU_TICH"),
            member("Lê Thị Hoa", "Chánh Văn phòng Sở", "THU_KY"),
            member("Phạm Minh Đức", "Trưởng phòng Kế hoạch - Tài chính"),
            member("Vũ Thị Lan", "Chi cục trưởng", present=False, written=True),
        ),
        started_at=time(8, 0),
        ended_at=time(11, 30),
        public_comment="Không nhận được ý kiến phản ánh.",
    )
    all_texts = texts(save(rf.COUNCIL_CODE, data, tmp_path))
    assert any("vào hồi 08 giờ 00 phút" in t for t in all_texts)
    assert any("kết thúc vào hồi 11 giờ 30 phút" in t for t in all_texts)
    assert any("Chủ trì: Ông (Bà) Trần Văn An, Giám đốc Sở." in t for t in all_texts)
    assert any("Thư ký: Ông (Bà) Lê Thị Hoa, Chánh Văn phòng Sở." in t for t in all_texts)
    present = [t.strip() for t in all_texts if t.strip().startswith("- ") and "Hội đồng" in t]
    assert "- Trần Văn An, Giám đốc Sở - Chủ tịch Hội đồng;" in present
    absent = next(t for t in all_texts if "Vũ Thị Lan" in t)
    assert "(có ý kiến bằng văn bản)" in absent
    assert any(t.strip() == "Thành viên vắng mặt:" for t in all_texts)
    assert any("Kết quả lấy ý kiến công khai" in t and data.public_comment in t for t in all_texts)
    assert {"Lê Thị Hoa", "Trần Văn An"} <= set(all_texts)  # who signs, by name


def test_council_minutes_state_level_and_blanks(tmp_path) -> None:
    data = minutes((), state_level=True, place="", chair="", secretary="", written_opinions=0)
    ws = save(rf.COUNCIL_CODE, data, tmp_path)
    all_texts = texts(ws)
    assert any("lấy ý kiến công khai" in t for t in all_texts)
    assert any("tại ......" in t for t in all_texts)
    assert "Chưa ghi phiếu biểu quyết nào." in all_texts
    assert not any("ý kiến bằng văn bản" in t for t in all_texts)


def test_vote_count_minutes(tmp_path) -> None:
    ws = save(rf.VOTE_COUNT_CODE, minutes(VOTES), tmp_path)
    check_page(ws, landscape=True, one_page=None)
    first, numbers = header_rows(ws)
    assert numbers == first + 2  # grouped headers: "Số phiếu" above its five columns
    issued = col(ws, "Phát ra")
    assert ws.cell(first, issued).value == "Số phiếu"
    letter, end = get_column_letter(issued), get_column_letter(issued + 4)
    assert any(str(m) == f"{letter}{first}:{end}{first}" for m in ws.merged_cells.ranges)
    assert [ws.cell(first + 1, c).value for c in range(issued, issued + 5)] == [
        "Phát ra",
        "Thu vào",
        "Hợp lệ",
        "Không hợp lệ",
        "Đồng ý",
    ]
    pct, result = col(ws, "Tỷ lệ % (trên tổng số thành viên)"), col(ws, "Kết quả")
    rows = [r for r in range(numbers + 1, ws.max_row + 1) if isinstance(ws.cell(r, 1).value, int)]
    for row, line in zip(rows, VOTES, strict=False):
        assert ws.cell(row, 2).value == line.name
        assert [ws.cell(row, c).value for c in range(issued, issued + 5)] == [
            line.issued,
            line.returned,
            line.valid,
            line.returned - line.valid,
            line.in_favour,
        ]
        assert ws.cell(row, pct).value == pytest.approx(float(line.percent))
        assert ws.cell(row, result).value == line.result
    all_texts = texts(ws)
    assert "BIÊN BẢN KIỂM PHIẾU" in all_texts
    assert any(f"(căn cứ tính tỷ lệ): {MEMBERS} người" in t for t in all_texts)
    # ballots differ between the votes of a title: each title says where its counts are
    assert any(
        "Phiếu biểu quyết CSTĐCS: phát ra 10 phiếu; thu vào 10 phiếu; hợp lệ 9" in t
        for t in all_texts
    )
    assert any(
        "Phiếu biểu quyết LĐTT: số phiếu của từng trường hợp ghi ở bảng" in t for t in all_texts
    )
    assert {"TRƯỞNG BAN KIỂM PHIẾU", "CÁC THÀNH VIÊN BAN KIỂM PHIẾU"} <= set(all_texts)
    same = minutes([vote("An", "LDTT", 8), vote("Bình", "LDTT", 9)])
    same_texts = texts(save(rf.VOTE_COUNT_CODE, same, tmp_path))
    assert any(
        "Số phiếu phát ra 10 phiếu; thu vào 10 phiếu; hợp lệ 9 phiếu; không hợp lệ 1 phiếu." in t
        for t in same_texts
    )


def test_small_texts() -> None:
    assert rf.percent_text(Decimal("80")) == "80"
    assert rf.percent_text(Decimal("66.70")) == "66,7"
    assert rf.threshold_text(Decimal("50"), True) == "> 50%"
    assert rf.threshold_text(Decimal("90.0"), False) == "≥ 90%"


@pytest.mark.parametrize(
    "code", [rf.NOMINATION_CODE, rf.PUBLIC_CODE, rf.COUNCIL_CODE, rf.VOTE_COUNT_CODE]
)
def test_templates_have_the_layout(code, tmp_path) -> None:
    path = write_template(code, tmp_path / f"{code}.xlsx")
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    spec = get_form(code)
    assert ws.page_setup.orientation == ("landscape" if spec.landscape else "portrait")
    assert "Cấu hình" in wb.sheetnames


def test_long_list_never_ends_a_page_on_a_group_row(tmp_path) -> None:
    """However many lines come before it, "II. Cá nhân" is never the last row of a page (nor
    followed by a single line): the group row and its first lines move together."""
    for count in range(14, 30, 3):
        units = tuple(unit_line(i, f"Tập thể số {i}", "Chi cục Kiểm lâm") for i in range(count))
        people = tuple(person(i, f"Người {i}", "Văn phòng Sở") for i in range(1, 40))
        data = nomination(
            [
                NominationSection("unit", "Tập thể", units),
                NominationSection("person", "Cá nhân", people),
            ]
        )
        ws = save(rf.NOMINATION_CODE, data, tmp_path)
        groups = [row_of(ws, "Tập thể", 2), row_of(ws, "Cá nhân", 2)]
        for after in (b.id for b in ws.row_breaks.brk):
            assert after not in groups and after - 1 not in groups, (count, after)


LONG_BASIS = (
    "Xếp loại: Hoàn thành xuất sắc nhiệm vụ các năm 2023, 2024, 2025; Đã được khen thưởng: Lao "
    "động tiên tiến (2021, 2022, 2023, 2024, 2025); Chiến sĩ thi đua cơ sở (2022, 2024); Lý do "
    "đề xuất: Có thành tích xuất sắc trong công tác chuyển đổi số, hoàn thành vượt mức kế hoạch"
)


def breaks(ws: Worksheet) -> list[int]:
    return [b.id for b in ws.row_breaks.brk]


def bk_list(units: int, people: int, *, basis: str = LONG_BASIS) -> NominationListData:
    """A Bằng khen list: "I Tập thể", "II Cá nhân", every line with a long basis."""
    return nomination(
        [
            NominationSection(
                "unit",
                "Tập thể",
                tuple(
                    unit_line(i, f"Tập thể số {i}", "Chi cục Kiểm lâm", basis=f"{basis} ({i})")
                    for i in range(units)
                ),
            ),
            NominationSection(
                "person",
                "Cá nhân",
                tuple(
                    person(i, f"Người {i}", f"Phòng {i}", basis=f"{basis} ({i})")
                    for i in range(people)
                ),
            ),
        ],
        title="BK_TINH",
        title_name="Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
        is_title=False,
    )


def test_short_list_is_printed_on_one_page_without_breaks(tmp_path) -> None:
    ws = save(rf.NOMINATION_CODE, bk_list(1, 2, basis="Xếp loại năm 2025 là HTXSNV"), tmp_path)
    assert breaks(ws) == []
    assert ws.page_setup.fitToHeight == 1


def test_heading_at_a_page_end_moves_to_the_next_page(tmp_path) -> None:
    """With short lines, a page that would end on "II. Cá nhân" (or on it and one line) ends
    just before it: the heading opens the next page with its first lines."""
    before_heading = set()
    for count in range(8, 36):
        units = tuple(unit_line(i, f"Tập thể số {i}", "Chi cục Kiểm lâm") for i in range(count))
        people = tuple(person(i, f"Người {i}", "Văn phòng Sở") for i in range(1, 40))
        data = nomination(
            [
                NominationSection("unit", "Tập thể", units),
                NominationSection("person", "Cá nhân", people),
            ]
        )
        ws = save(rf.NOMINATION_CODE, data, tmp_path)
        heading = row_of(ws, "Cá nhân", 2)
        for after in breaks(ws):
            assert after not in (heading, heading + 1), (count, after)
        if heading - 1 in breaks(ws):
            before_heading.add(count)
    assert len(before_heading) >= 2  # the heading fell at the end of page 1 for some sizes


def test_tall_lines_do_not_push_a_heading_and_its_lines_off_a_half_empty_page(tmp_path) -> None:
    """ "II. Cá nhân" with two tall lines that do not both fit under the "I. Tập thể" lines:
    the heading and its first line end the page, rather than leaving a third of it empty;
    the heading itself never ends a page."""
    kept_one = []
    for units in range(1, 6):
        ws = save(rf.NOMINATION_CODE, bk_list(units, 2), tmp_path)
        heading = row_of(ws, "Cá nhân", 2)
        assert heading not in breaks(ws), units
        if heading + 1 in breaks(ws):
            kept_one.append(units)
    assert kept_one


def test_signature_block_stays_with_the_last_line(tmp_path) -> None:
    """However long the list, the signature block is never split and never alone on a page:
    the list's last line is printed above it."""
    paged = 0
    for people in range(1, 9):
        ws = save(rf.NOMINATION_CODE, bk_list(2, people), tmp_path)
        last = row_of(ws, f"Người {people - 1}", 2)
        assert all(after < last for after in breaks(ws)), (people, breaks(ws), last)
        paged += bool(breaks(ws))
    assert paged >= 4


def test_vote_count_signatures_never_stand_alone_under_the_repeated_headers(tmp_path) -> None:
    """The closing sentence and the signatures of the vote-count minutes stay with the last
    line of the table: no page holds only the repeated column headers, that sentence and the
    signatures."""
    paged = 0
    for count in range(2, 30, 3):
        votes = [vote(f"Người số {i}", "LDTT", 8) for i in range(count)]
        ws = save(rf.VOTE_COUNT_CODE, minutes(votes), tmp_path)
        last = row_of(ws, f"Người số {count - 1}", 2)
        assert all(after < last for after in breaks(ws)), (count, breaks(ws), last)
        paged += len(breaks(ws)) >= 2
    assert paged >= 3


def test_council_minutes_never_print_the_repeated_headers_over_the_conclusion_alone(
    tmp_path,
) -> None:
    """After the vote table come the conclusion and the signatures; the page they start on
    also holds the table's last line, so its repeated column headers head a line of the
    table, never the conclusion alone."""
    paged = 0
    for count in range(10, 40, 2):
        votes = [vote(f"Người số {i}", "LDTT", 8) for i in range(count)]
        ws = save(rf.COUNCIL_CODE, minutes(votes), tmp_path)
        last = row_of(ws, f"Người số {count - 1}", 2)
        assert all(after < last for after in breaks(ws)), (count, breaks(ws), last)
        paged += len(breaks(ws)) >= 2
    assert paged >= 3
