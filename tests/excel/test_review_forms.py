"""The Bình xét forms built from DTOs, saved, reopened with openpyxl: titles, repeated header
rows, column numbers, page setup, and cell values computed from the input."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from app.domain.settings import AgencySettings
from app.excel.forms import review_forms as rf
from app.excel.forms.registry import export_form, get_form, write_template
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


def check_page(ws: Worksheet, *, landscape: bool, ncols: int) -> None:
    assert ws.page_setup.orientation == ("landscape" if landscape else "portrait")
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
    first, numbers = header_rows(ws)
    assert ws.cell(first, 1).value == "STT"
    assert [ws.cell(numbers, c).value for c in range(1, ncols + 1)] == list(range(1, ncols + 1))
    assert ws.cell(numbers, ncols + 1).value is None


# --------------------------------------------------------------------------- nomination list


def test_individual_list(tmp_path) -> None:
    lines = tuple(person(i, f"Người {i}", "Văn phòng Sở") for i in range(1, 4))
    data = nomination([NominationSection("person", "Cá nhân", lines)])
    ws = save(rf.NOMINATION_CODE, data, tmp_path)
    title = f"DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG DANH HIỆU “{data.title_name.upper()}” NĂM {data.year}"
    assert title in texts(ws)
    columns = rf.nomination_columns(people=True, units=False, voted=False)
    check_page(ws, landscape=True, ncols=len(columns))
    first, numbers = header_rows(ws)
    headers = [ws.cell(first, c).value for c in range(1, len(columns) + 1)]
    assert headers == [c.header for c in columns]
    assert headers[:4] == ["STT", "Họ và tên", "Giới tính", "Ngày sinh"]  # as the provinces' lists
    # a list of one kind has no group row: the first line follows the column numbers
    for offset, line in enumerate(lines):
        row = numbers + 1 + offset
        assert ws.cell(row, 1).value == offset + 1
        assert ws.cell(row, 2).value == line.name
        assert ws.cell(row, 3).value == line.gender
        assert ws.cell(row, 4).value.date() == line.birth_date
        assert ws.cell(row, 4).number_format == "dd/mm/yyyy"
        assert ws.cell(row, 7).value == line.basis
    assert f"(Tổng số: {len(lines)} cá nhân)" in texts(ws)
    assert "NGƯỜI LẬP BIỂU" in texts(ws) and AGENCY.signer_name in texts(ws)
    assert f"Tuyên Quang, ngày {ON.day} tháng 01 năm {ON.year}" in texts(ws)


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
    columns = rf.nomination_columns(people=True, units=True, voted=True)
    check_page(ws, landscape=True, ncols=len(columns))
    first, _numbers = header_rows(ws)
    assert ws.cell(first, 2).value == "Họ và tên / Tên tập thể"
    pct = [c.header for c in columns].index("Tỷ lệ phiếu đồng ý (%)") + 1
    # group rows "I. Tập thể", "II. Cá nhân"; STT starts again in each group
    collectives = row_of(ws, "Tập thể", 2)
    individuals = row_of(ws, "Cá nhân", 2)
    assert (ws.cell(collectives, 1).value, ws.cell(individuals, 1).value) == ("I", "II")
    assert collectives < individuals
    assert ws.cell(collectives + 1, 2).value == units[0].name
    assert ws.cell(collectives + 1, 6).value == units[0].unit
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
    columns = rf.nomination_columns(people=False, units=True, voted=False)
    check_page(ws, landscape=True, ncols=len(columns))
    first, numbers = header_rows(ws)
    assert [ws.cell(first, c).value for c in range(1, 4)] == [
        "STT",
        "Tên tập thể",
        columns[2].header,
    ]
    assert ws.cell(numbers + 1, 3).value == units[0].category
    assert ws.cell(numbers + 2, 4).value == units[1].unit
    both = nomination(
        [
            NominationSection("unit", "Tập thể", ()),
            NominationSection("person", "Cá nhân", (person(1, "An", "VP"),)),
        ]
    )
    ws = save(rf.NOMINATION_CODE, both, tmp_path)
    assert "Không có tập thể nào được đề nghị." in texts(ws)
    nobody = save(
        rf.NOMINATION_CODE, nomination([NominationSection("person", "Cá nhân", ())]), tmp_path
    )
    assert "Không có cá nhân nào được đề nghị." in texts(nobody)


# --------------------------------------------------------------------------- public comment


def test_public_comment_list(tmp_path) -> None:
    sections = (
        PublicSection("BK_TTG", "Bằng khen của Thủ tướng Chính phủ", (person(1, "An", "VP"),)),
        PublicSection(
            "CO_TINH",
            "Cờ thi đua của Ủy ban nhân dân tỉnh",
            (unit_line(2, "Hạt Kiểm lâm"), unit_line(3, "Văn phòng Sở")),
        ),
    )
    data = PublicCommentData(agency=AGENCY, year=2025, on=ON, unit_name=None, sections=sections)
    ws = save(rf.PUBLIC_CODE, data, tmp_path)
    check_page(ws, landscape=True, ncols=len(rf.PUBLIC_COLUMNS))
    first, _ = header_rows(ws)
    headers = [ws.cell(first, c).value for c in range(1, len(rf.PUBLIC_COLUMNS) + 1)]
    assert "Ngày sinh" not in headers  # the list is public: no birth dates
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
            assert ws.cell(row + offset, 5).value == line.basis
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
    columns = rf.council_columns()
    check_page(ws, landscape=False, ncols=len(columns))
    all_texts = texts(ws)
    # the Council's own header and series (domain.md §7.1)
    assert "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG" in all_texts
    assert "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG" in all_texts
    assert any(t.startswith("Số:") and t.endswith("/BB-HĐTĐKT") for t in all_texts)
    assert "Tuyên Quang, ngày 05 tháng 12 năm 2025" in all_texts
    assert "BIÊN BẢN" in all_texts
    members = next(t for t in all_texts if "Thành viên Hội đồng:" in t)
    assert f"tổng số {MEMBERS} thành viên" in members
    assert f"vắng mặt {MEMBERS - data.present} thành viên" in members
    assert f"trong đó {data.written_opinions} thành viên có ý kiến bằng văn bản" in members
    assert any(f"({MEMBERS} thành viên). Kết quả như sau:" in t for t in all_texts)
    assert not any("lấy ý kiến công khai" in t for t in all_texts)
    _first, numbers = header_rows(ws)
    for offset, line in enumerate(VOTES, start=1):
        row = numbers + offset
        assert [ws.cell(row, c).value for c in (1, 2, 4, 5)] == [
            offset,
            line.name,
            line.title_short,
            line.in_favour,
        ]
        assert ws.cell(row, 6).value == pytest.approx(float(line.percent))
        assert ws.cell(row, 7).value == rf.threshold_text(line.threshold, line.majority)
        assert ws.cell(row, 8).value == ("Đạt" if line.passed else "Không đạt")
    assert [ws.cell(numbers + i, 7).value for i in (1, 3)] == ["≥ 80%", "> 50%"]
    # conclusion per title, counted from the votes
    passed_cstdcs = [v for v in VOTES if v.title == "CSTDCS" and v.passed]
    assert len(passed_cstdcs) == 1
    assert any(
        t.strip().startswith("- Chiến sĩ thi đua cơ sở: 01 cá nhân (01 trường hợp")
        for t in all_texts
    )
    assert any("Lao động tiên tiến: 01 cá nhân (01 trường hợp không đạt" in t for t in all_texts)
    assert any(data.note in t for t in all_texts)
    # signatures: the secretary on the left, the chair (name only) on the right
    assert {"THƯ KÝ", "CHỦ TỊCH HỘI ĐỒNG", "Lê Thị Thư", "Trần Văn Chủ"} <= set(all_texts)


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
    columns = rf.vote_count_columns()
    check_page(ws, landscape=True, ncols=len(columns))
    first, numbers = header_rows(ws)
    assert numbers == first + 2  # grouped headers: "Số phiếu" above its five columns
    assert ws.cell(first, 5).value == "Số phiếu"
    assert any(str(m) == f"E{first}:I{first}" for m in ws.merged_cells.ranges)
    assert [ws.cell(first + 1, c).value for c in range(5, 10)] == [
        "Phát ra",
        "Thu vào",
        "Hợp lệ",
        "Không hợp lệ",
        "Đồng ý",
    ]
    for offset, line in enumerate(VOTES, start=1):
        row = numbers + offset
        assert [ws.cell(row, c).value for c in range(5, 10)] == [
            line.issued,
            line.returned,
            line.valid,
            line.returned - line.valid,
            line.in_favour,
        ]
        assert ws.cell(row, 10).value == pytest.approx(float(line.percent))
        assert ws.cell(row, 12).value == line.result
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
    ws = load_workbook(path).worksheets[0]
    spec = get_form(code)
    assert ws.page_setup.orientation == ("landscape" if spec.landscape else "portrait")
    assert ws.column_dimensions["A"].width
