"""Award lists: titles with their issuer, code columns and the province's code sheets (issue 11).

Small workbooks built in tmp_path, shaped like the real files of ../shared/reference: the
province's upload template ("file nhận" with HTKT, PLDT, LVHD, "phan loai kt" and VLOOKUP
code columns), the nomination lists with a DANHMUC sheet and code columns, and unit lists with
a "Cấp khen" or "Cơ quan quyết định" column or the issuer inside the text.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from app.excel import history_import as xl
from app.excel.code_sheets import read_code_sheets
from app.excel.history_files import read_history_file
from app.excel.workbook import open_workbook
from app.services.reference import catalogue, codes, province_awards

FIXTURE = Path(__file__).resolve().parents[1] / "data" / "province-award-codes.json"
# the copy of ../shared/reference kept with the tests (tests/test_reference_files.py checks it)
REFERENCE = (
    Path(__file__).resolve().parents[1]
    / "data"
    / "reference"
    / "nomination-import-template-MauTDKT.xlsx"
)
INTERNAL_NAMES = ("(title)", "(title_alt)", "(title_code)", "(form_code)", "(authority)")

FILE_NHAN_HEADER = [
    "STT",
    "Tên gọi\n(Ông/Bà/Chức danh)",
    "Tên tập thể/cá nhân/hộ gia đình",
    "Chức vụ",
    "Đơn vị công tác",
    "Phân loại khen thưởng",
    "Danh hiệu thi đua/Hình thức khen thưởng",
    "Phân loại đối tượng",
    "Lĩnh vực hoạt động",
    *([None] * 8),
    "Mã Phân loại khen thưởng",
    "Mã Danh hiệu thi đua",
    "Mã phân loại loại tượng",
    "Mã Lĩnh vực hoạt động",
]
NAME_HEADER = "Danh hiệu thi đua/Hình thức khen thưởng"
CODE_HEADER = "Mã Danh hiệu thi đua"


def fixture_codes() -> dict[str, list[list[str]]]:
    data: dict[str, list[list[str]]] = json.loads(FIXTURE.read_text(encoding="utf-8"))
    return data


def _code_sheet(
    wb: Workbook, title: str, header: Sequence[object], rows: Sequence[Sequence]
) -> None:
    ws = wb.create_sheet(title)
    ws.append(list(header))
    for row in rows:
        ws.append(list(row))


def file_nhan(
    path: Path, rows: Sequence[tuple[str, str, str, object]], blank_rows: int = 5
) -> Path:
    """The province's "file nhận": (name, subject, award name, code cell) per row; the code
    cell None gives the template's VLOOKUP (a formula without a cached value)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "file nhận"
    ws.append(FILE_NHAN_HEADER)
    for i, (name, subject, award, code) in enumerate(rows, start=2):
        line: list[object] = [
            i - 1,
            None,
            name,
            None,
            "Sở Nông nghiệp và Môi trường",
            subject,
            award,
        ]
        line += [None] * 10
        line += [
            f"=VLOOKUP(F{i},'phan loai kt'!$A$2:$B$4,2,0)",
            code if code is not None else f"=VLOOKUP(G{i},HTKT!$A$2:$B$300,2,0)",
            f"=VLOOKUP(H{i},PLDT!$A$2:$B$100,2,0)",
            f"=VLOOKUP(I{i},LVHD!$A$2:$B$25,2,0)",
        ]
        ws.append(line)
    for i in range(len(rows) + 2, len(rows) + 2 + blank_rows):  # the template's empty rows
        ws.append(
            [None] * 17
            + [
                f"=VLOOKUP(F{i},'phan loai kt'!$A$2:$B$4,2,0)",
                f"=VLOOKUP(G{i},HTKT!$A$2:$B$300,2,0)",
                f"=VLOOKUP(H{i},PLDT!$A$2:$B$100,2,0)",
                f"=VLOOKUP(I{i},LVHD!$A$2:$B$25,2,0)",
            ]
        )
    _code_sheet(wb, "HTKT", ("tenhinhthuckt", "mahinhthuckt"), fixture_codes()["HTKT"])
    _code_sheet(
        wb,
        "PLDT",
        ("tenphanloai", "maphanloai"),
        [("Cơ quan Hành chính", 1668477383), ("Hộ gia đình", 1660638538)],
    )
    _code_sheet(
        wb, "LVHD", ("NAME", "CODE"), [("Nông nghiệp - Nông thôn", "0007"), ("Y tế", "0012")]
    )
    _code_sheet(
        wb,
        "phan loai kt",
        (None, None),
        [
            ("Khen thưởng cá nhân", "CANHAN"),
            ("Khen thưởng tập thể", "TAPTHE"),
            ("Khen thưởng hộ gia đình", "HOGIADINH"),
        ],
    )
    wb.save(path)
    return path


def simple_list(path: Path, header: Sequence[str], rows: Sequence[Sequence[object]]) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "DS"
    ws.append(["DANH SÁCH KHEN THƯỞNG ĐÃ CÓ"])
    ws.append([])
    ws.append(list(header))
    for row in rows:
        ws.append(list(row))
    wb.save(path)
    return path


def parse(path: Path, **kw: object) -> xl.HistoryParse[xl.AwardRow]:
    return xl.parse_awards(path, catalogue(), codes(), province=province_awards(), **kw)  # type: ignore[arg-type]


def by_row(result: xl.HistoryParse[xl.AwardRow]) -> dict[int, str | None]:
    return {r.row: r.catalogue_code for r in result.rows}


def issues_of(result: xl.HistoryParse[xl.AwardRow], row: int) -> list[xl.CellIssue]:
    return [i for i in result.issues if i.row == row]


def assert_clerk_words(result: xl.HistoryParse[xl.AwardRow]) -> None:
    for issue in result.issues:
        assert not any(n in issue.message for n in INTERNAL_NAMES), issue
        assert issue.header and not issue.header.startswith(("title", "form_code"))


DECIDED = {"decision_number": "123/QĐ-UBND", "decision_date": date(2023, 12, 20), "year": 2023}


# ---------------------------------------------------------------- the "file nhận" template


def test_file_nhan_code_column_is_read_through_the_htkt_sheet(tmp_path: Path) -> None:
    path = file_nhan(
        tmp_path / "MauTDKT.xlsx",
        [
            ("Nguyễn Văn An", "Khen thưởng cá nhân", "Lao động tiên tiến", None),  # VLOOKUP
            ("Phòng Kế hoạch", "Khen thưởng tập thể", "Cờ thi đua của UBND tỉnh", "1668522916"),
            ("Trần Thị Bình", "Khen thưởng cá nhân", "Huân chương Lao động hạng ba", 1671246455),
            ("Lê Văn Cường", "Khen thưởng cá nhân", "Bằng khen của Chủ tịch UBND tỉnh", None),
            ("Phạm Thị Dung", "Khen thưởng cá nhân", "Huân chương Độc lập hạng Ba", "1671246319"),
        ],
        blank_rows=30,
    )
    result = parse(path, **DECIDED)
    assert result.sheet == "file nhận"
    assert result.columns["title"] == "G" and result.columns["title_code"] == "S"
    assert result.issues == ()
    # 30 template rows holding only VLOOKUPs without a value are not rows.
    assert by_row(result) == {2: "LDTT", 3: "CO_TINH", 4: "HCLD_3", 5: "BK_TINH", 6: "HC_DOC_LAP_3"}


def test_file_nhan_disagreeing_code_names_both_headers(tmp_path: Path) -> None:
    path = file_nhan(
        tmp_path / "MauTDKT.xlsx",
        [
            ("Nguyễn Văn An", "Khen thưởng cá nhân", "Lao động tiên tiến", "1647933380"),
            ("Trần Thị Bình", "Khen thưởng cá nhân", "", "1647933042"),  # code alone: LĐTT
            ("Lê Văn Cường", "Khen thưởng cá nhân", "Bằng khen", None),
            ("Sở Tư pháp", "Khen thưởng tập thể", "Chiến sĩ tiên tiến", "1647933054"),
            ("Phạm Thị Dung", "Khen thưởng cá nhân", "Lao động tiên tiến", "9999999999"),
        ],
    )
    result = parse(path, **DECIDED)
    assert_clerk_words(result)
    assert by_row(result) == {2: None, 3: "LDTT", 4: None, 5: None, 6: None}
    (wrong,) = issues_of(result, 2)
    assert (wrong.column, wrong.header) == ("S", CODE_HEADER)
    assert f"Cột '{CODE_HEADER}' ghi mã 1647933380 (Chiến sĩ thi đua cơ sở)" in wrong.message
    assert f"không khớp với cột '{NAME_HEADER}' ghi 'Lao động tiên tiến'" in wrong.message
    assert issues_of(result, 3) == []
    (generic,) = issues_of(result, 4)
    assert (generic.column, generic.header) == ("G", NAME_HEADER)
    assert "chưa rõ cấp khen" in generic.message and "'Cấp khen'" in generic.message
    (refused,) = issues_of(result, 5)
    assert refused.column == "G" and "lực lượng vũ trang" in refused.message
    (unknown,) = issues_of(result, 6)
    assert unknown.column == "S" and "Không tìm thấy mã '9999999999'" in unknown.message
    assert "'HTKT'" in unknown.message


def test_every_htkt_name_in_a_file_nhan(tmp_path: Path) -> None:
    """One row per name of the HTKT sheet (with the code Excel would have put in column S):
    each row gets its catalogue code or an issue with the reason on its own column."""
    # No subject column value: the subject check ("không dành cho cá nhân") is not at stake.
    htkt = fixture_codes()["HTKT"]
    rows = [(f"Người số {n}", "", name, code) for n, (name, code) in enumerate(htkt)]
    result = parse(file_nhan(tmp_path / "all.xlsx", rows), **DECIDED)
    assert_clerk_words(result)
    assert len(result.rows) == 89
    problems = {i.row: i for i in result.issues if i.field in ("title", "title_code")}
    for row in result.rows:
        if row.catalogue_code is None:
            issue = problems[row.row]
            assert issue.message and issue.header in (NAME_HEADER, CODE_HEADER)
        else:
            assert row.row not in problems
    assert sum(r.catalogue_code is not None for r in result.rows) == 55
    # One message per refused row, not one for the name and one again for its code.
    assert len(result.issues) == len({i.row for i in result.issues}) == 89 - 55


def test_reference_template_holds_no_rows_and_no_noise() -> None:
    result = parse(REFERENCE, **DECIDED)
    assert result.columns["title_code"] == "S"
    assert result.rows == () and result.issues == ()


def test_fixture_is_the_reference_htkt_sheet() -> None:
    book = open_workbook(REFERENCE)
    try:
        sheets = read_code_sheets(book, skip=("file nhận",))
    finally:
        book.close()
    htkt = {c.code: c.name for c in sheets.values() if c.sheet == "HTKT"}
    assert htkt == {code: name for name, code in fixture_codes()["HTKT"]}


# ---------------------------------------------------------------- issuer columns and text


def test_list_with_a_cap_khen_column(tmp_path: Path) -> None:
    header = ["STT", "Họ và tên", "Đơn vị", "Năm", "Hình thức khen thưởng", "Cấp khen", "Số QĐ"]
    rows = [
        [1, "Nguyễn Văn An", "Văn phòng", 2023, "Bằng khen", "UBND tỉnh", "1/QĐ-UBND"],
        [2, "Trần Thị Bình", "Văn phòng", 2023, "Giấy khen", "Giám đốc Sở", "2/QĐ-SNN"],
        [3, "Lê Văn Cường", "Văn phòng", 2023, "Bằng khen", None, "3/QĐ"],
        [4, "Phạm Thị Dung", "Văn phòng", 2023, "Bằng khen", "Bộ Tài chính", "4/QĐ-BTC"],
        [5, "Hoàng Văn Em", "Văn phòng", 2023, "BK UBND tỉnh", "Bộ NN&MT", "5/QĐ"],
        [6, "Đỗ Thị Hoa", "Văn phòng", 2023, "Cờ thi đua", "Chính phủ", "6/QĐ-TTg"],
        [7, "Ngô Văn Giang", "Văn phòng", 2023, "Lao động tiên tiến", "Giám đốc Sở", "7/QĐ"],
    ]
    result = parse(simple_list(tmp_path / "capkhen.xlsx", header, rows))
    assert_clerk_words(result)
    assert result.columns["authority"] == "F"
    assert by_row(result) == {
        4: "BK_TINH",
        5: "GK_SO",
        6: None,
        7: None,
        8: None,
        9: "CO_CP",
        10: "LDTT",
    }
    (missing,) = issues_of(result, 6)
    assert missing.header == "Hình thức khen thưởng"
    assert "chưa rõ cấp khen" in missing.message
    assert "ghi cấp khen ở cột 'Cấp khen'" in missing.message
    (ministry,) = issues_of(result, 7)
    assert "Bộ Tài chính" in ministry.message
    (conflict,) = issues_of(result, 8)
    assert "không khớp với cấp khen 'Bộ NN&MT' ở cột 'Cấp khen'" in conflict.message


def test_list_with_a_deciding_body_column(tmp_path: Path) -> None:
    header = [
        "STT",
        "Họ và tên",
        "Năm",
        "Danh hiệu/hình thức",
        "Số quyết định",
        "Cơ quan quyết định",
    ]
    rows = [
        [1, "Nguyễn Văn An", 2022, "Bằng khen", "10/QĐ-UBND", "Chủ tịch UBND tỉnh Quảng Bình"],
        [2, "Trần Thị Bình", 2021, "Bằng khen", "11/QĐ-BNN", "Bộ Nông nghiệp và PTNT"],
        [3, "Lê Văn Cường", 2020, "Giấy khen", "12/QĐ-UBND", "Chủ tịch UBND huyện Lệ Thủy"],
        [4, "Phạm Thị Dung", 2024, "Kỷ niệm chương", "13/QĐ-BTNMT", "Bộ TN&MT"],
        [5, "Hoàng Văn Em", 2024, "Giấy khen", "14/QĐ", None],
    ]
    result = parse(simple_list(tmp_path / "coquan.xlsx", header, rows))
    assert_clerk_words(result)
    assert by_row(result) == {4: "BK_TINH", 5: "BK_BO", 6: "GK_HUYEN", 7: "KNC_TNMT", 8: None}
    (missing,) = issues_of(result, 8)
    assert missing.header == "Danh hiệu/hình thức"
    assert "ghi cấp khen ở cột 'Cơ quan quyết định'" in missing.message


def test_issuer_inside_the_text(tmp_path: Path) -> None:
    header = ["STT", "Họ và tên", "Năm", "Hình thức khen thưởng", "Số quyết định"]
    texts = [
        "Bằng khen của Chủ tịch UBND tỉnh",
        "Cờ thi đua của UBND tỉnh",
        "Giấy khen của Giám đốc Sở",
        "BK Bộ TN&MT",
        "Bằng khen Bộ Nông nghiệp và PTNT",
        "Bằng khen",
    ]
    rows = [[n, f"Người {n}", 2023, text, f"{n}/QĐ"] for n, text in enumerate(texts, start=1)]
    result = parse(simple_list(tmp_path / "text.xlsx", header, rows))
    assert_clerk_words(result)
    assert by_row(result) == {
        4: "BK_TINH",
        5: "CO_TINH",
        6: "GK_SO",
        7: "BK_BO",
        8: "BK_BO",
        9: None,
    }
    (missing,) = issues_of(result, 9)
    assert "thêm cột 'Cấp khen'" in missing.message


# ---------------------------------------------------------------- nomination lists with DANHMUC


def nomination_list(
    path: Path, rows: Sequence[Sequence[object]], *, with_danhmuc: bool = True
) -> Path:
    """The layout of nomination-list-individuals-CANHAN.xlsx: code columns and a DANHMUC sheet
    with two code tables side by side."""
    wb = Workbook()
    ws = wb.active
    ws.title = "DANHSACH"
    ws.append(["DANH SÁCH ĐỐI TƯỢNG ĐỀ NGHỊ KHEN THƯỞNG"])
    ws.append([])
    ws.append(
        [
            "STT",
            "Họ và tên",
            "Ngày sinh",
            "Tên đơn vị/tập thể\ncông tác",
            "Mã hình thức khen thưởng",
            "Mã danh hiệu thi đua\n(nếu có)",
            "Số quyết định",
        ]
    )
    for row in rows:
        ws.append(list(row))
    if with_danhmuc:
        dm = wb.create_sheet("DANHMUC")
        data = fixture_codes()
        dm.append(
            ["STT", "Mã số", "Hình thức khen thưởng", None, "STT", "Mã số", "Danh hiệu thi đua"]
        )
        forms, titles = data["DANHMUC_forms"], data["DANHMUC_titles"]
        for n in range(max(len(forms), len(titles))):
            line: list[object] = [None] * 7
            if n < len(forms):
                line[0:3] = [n + 1, forms[n][1], forms[n][0]]
            if n < len(titles):
                line[4:7] = [n + 1, titles[n][1], titles[n][0]]
            dm.append(line)
    wb.save(path)
    return path


def test_nomination_list_codes_read_through_danhmuc(tmp_path: Path) -> None:
    rows = [
        [1, "Nguyễn Văn An", "03/04/1980", "Văn phòng", None, "1647933042", "1/QĐ"],  # LĐTT
        [2, "Trần Thị Bình", "05/02/1985", "Văn phòng", "1650359884", None, "2/QĐ"],  # Sao vàng
        [3, "Lê Văn Cường", "1975", "Văn phòng", "1650360491", None, "3/QĐ"],  # "Bằng khen"
        [4, "Phạm Thị Dung", "1990", "Văn phòng", "1650360184", None, "4/QĐ"],  # HCLĐ, no class
        [5, "Hoàng Văn Em", "1988", "Văn phòng", "1650360499", None, "5/QĐ"],  # "Giấy khen"
        [6, "Đỗ Thị Hoa", "1987", "Văn phòng", "1650360491", "1647933380", "6/QĐ"],  # two awards
    ]
    result = parse(nomination_list(tmp_path / "CANHAN.xlsx", rows), year=2023)
    assert_clerk_words(result)
    assert result.sheet == "DANHSACH"
    assert result.columns["form_code"] == "E" and result.columns["title_code"] == "F"
    assert by_row(result) == {4: "LDTT", 5: "HC_SAO_VANG", 6: None, 7: None, 8: None, 9: None}
    (bk,) = issues_of(result, 6)
    assert bk.header == "Mã hình thức khen thưởng"
    assert "Mã 1650360491 là 'Bằng khen' (trang 'DANHMUC')" in bk.message
    assert "chưa rõ cấp khen" in bk.message
    (hcld,) = issues_of(result, 7)
    assert "ba hạng" in hcld.message
    # In this workbook's DANHMUC, 1650360499 is any "Giấy khen" (the HTKT sheet: GK huyện).
    (gk,) = issues_of(result, 8)
    assert "Mã 1650360499 là 'Giấy khen'" in gk.message
    (two,) = issues_of(result, 9)
    assert two.header == "Mã hình thức khen thưởng"
    assert (
        "'Mã danh hiệu thi đua (nếu có)' là mã 1647933380 (Chiến sĩ thi đua cơ sở)" in two.message
    )
    assert "tách thành hai dòng" in two.message


def test_without_a_code_sheet_the_shipped_mapping_decides(tmp_path: Path) -> None:
    rows = [
        [1, "Nguyễn Văn An", "1980", "Văn phòng", "1650360499", None, "1/QĐ"],
        [2, "Trần Thị Bình", "1985", "Văn phòng", "1671246455", None, "2/QĐ"],
    ]
    result = parse(nomination_list(tmp_path / "bare.xlsx", rows, with_danhmuc=False), year=2023)
    assert by_row(result) == {4: "GK_HUYEN", 5: "HCLD_3"}
    assert result.issues == ()
    # Without the province mapping, a code nobody explains is an error naming the column.
    bare = xl.parse_awards(tmp_path / "bare.xlsx", catalogue(), codes(), year=2023)
    assert {i.header for i in bare.issues} == {"Mã hình thức khen thưởng"}
    assert "tệp (không có trang mã)" in bare.issues[0].message


# ---------------------------------------------------------------- one opening, the data folder


def test_workbook_is_opened_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[Path] = []
    real = xl.open_workbook

    def counting(path, **kw):  # type: ignore[no-untyped-def]
        opened.append(Path(path))
        return real(path, **kw)

    monkeypatch.setattr(xl, "open_workbook", counting)
    path = file_nhan(
        tmp_path / "once.xlsx", [("An", "Khen thưởng cá nhân", "Lao động tiên tiến", None)]
    )
    result = parse(path, **DECIDED)
    assert by_row(result) == {2: "LDTT"}
    assert opened == [path]


def test_data_folder_file_extends_the_mapping(tmp_path: Path, data_dir: Path) -> None:
    extra = data_dir / "province_awards.json"
    extra.write_text(
        json.dumps(
            {
                "entries": [
                    {
                        "province_code": "5550000001",
                        "province_name": "Bằng khen của Tổng Liên đoàn Lao động Việt Nam",
                        "refusal": "Danh mục chưa có Bằng khen của Tổng Liên đoàn",
                    },
                    {
                        "province_code": "1647933054",
                        "province_name": "Chiến sĩ tiên tiến",
                        "catalogue_code": "LDTT",
                    },
                ]
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    try:
        mapping = province_awards()
        assert mapping.by_code("1647933054").catalogue_code == "LDTT"  # type: ignore[union-attr]
        assert mapping.by_code("1668522916").catalogue_code == "CO_TINH"  # type: ignore[union-attr]
        header = ["STT", "Họ và tên", "Năm", "Hình thức khen thưởng", "Mã danh hiệu", "Số QĐ"]
        rows = [
            [1, "Nguyễn Văn An", 2023, None, "5550000001", "1/QĐ"],
            [2, "Trần Thị Bình", 2023, "Chiến sĩ tiên tiến", None, "2/QĐ"],
        ]
        path = simple_list(tmp_path / "extra.xlsx", header, rows)
        history = read_history_file("awards", path, catalogue(), codes(), province=mapping)
        codes_by_row = {r.row: r.catalogue_code for r in history.rows}  # type: ignore[attr-defined]
        assert codes_by_row == {4: None, 5: "LDTT"}
        (issue,) = history.parsed.issues
        assert "Tổng Liên đoàn" in issue.message and issue.header == "Mã danh hiệu"
        extra.write_text("{not json", encoding="utf-8")
        with pytest.raises(ValueError, match="Không đọc được tệp"):
            province_awards()
    finally:
        extra.unlink()
