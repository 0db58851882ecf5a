"""What a workbook looks like (app.excel.file_kind) and which sheets are read (sheet_roles)."""

from __future__ import annotations

from pathlib import Path

import pytest
from xlsx_factory import STAFF_DATA, STAFF_HEADER, TITLE, write_xlsx

from app.excel.file_kind import (
    FileKind,
    most_rows_fail,
    read_problem,
    sniff_file,
    title_kinds,
)
from app.excel.people_import import parse_staff
from app.excel.registration_import import parse_registration_workbook
from app.excel.sheet_roles import aside_reason
from app.excel.workbook import ImportFileError
from app.services.reference import catalogue, codes

REFERENCE = Path(__file__).resolve().parents[1] / "data" / "reference"
STAFF = [[TITLE], [], list(STAFF_HEADER), *[list(r) for r in STAFF_DATA]]


def sniff(path: Path) -> FileKind | None:
    return sniff_file(path, codes())


# ---------------------------------------------------------------------------
# Sheet roles
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "hidden", "reason"),
    [
        ("Hướng dẫn", False, "trang hướng dẫn"),
        ("HUONG DAN NHAP", False, "trang hướng dẫn"),
        ("HD", False, "trang hướng dẫn"),
        ("Ví dụ", False, "trang ví dụ"),
        ("Mẫu", False, "trang ví dụ"),
        ("DANHMUC", False, "trang danh mục mã"),
        ("Danh mục", False, "trang danh mục mã"),
        ("HTKT", False, "trang danh mục mã"),
        ("phan loai kt", False, "trang danh mục mã"),
        ("Sheet1", True, "trang ẩn"),
        ("file nhận", False, None),
        ("DANHSACH", False, None),
        ("Mẫu 01", False, None),  # a form filled in, not an example
        ("HĐ thi đua", False, None),
    ],
)
def test_sheet_roles(name: str, hidden: bool, reason: str | None) -> None:
    assert aside_reason(name, hidden=hidden) == reason


def test_instruction_sheet_is_read_only_when_named(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "ds.xlsx", STAFF[2:4], sheet="Hướng dẫn")
    with pytest.raises(ImportFileError) as err:
        parse_staff(path, codes())
    assert "'Hướng dẫn' (trang hướng dẫn)" in str(err.value)
    assert [r.full_name for r in parse_staff(path, codes(), sheet="Hướng dẫn").rows] == [
        "Nguyễn Văn An"
    ]


def test_data_sheet_after_an_example_sheet_is_the_one_read(tmp_path: Path) -> None:
    example = [list(STAFF_HEADER), [1, "Nguyễn Văn Mẫu", "Nam", "01/01/1980"]]
    path = write_xlsx(tmp_path / "ds.xlsx", STAFF, first_sheets={"Ví dụ": example})
    result = parse_staff(path, codes())
    assert result.sheet == "DanhSach"
    assert "Nguyễn Văn Mẫu" not in [r.full_name for r in result.rows]


REG_HEADER = ["STT", "Họ và tên", "Ngày sinh", "Danh hiệu thi đua đăng ký"]


def test_registration_reads_no_example_sheet_unless_named(tmp_path: Path) -> None:
    example = [REG_HEADER, [1, "Nguyễn Văn Mẫu", "01/01/1980", "LĐTT"]]
    data = [REG_HEADER, [1, "Trần Thị Bình", "05/02/1985", "CSTĐCS"]]
    path = write_xlsx(tmp_path / "dk.xlsx", data, sheet="Cá nhân", first_sheets={"HD": example})
    book = parse_registration_workbook(path, catalogue(), codes())
    assert book.individuals_sheet == "Cá nhân"
    assert [r.full_name for r in book.individuals] == ["Trần Thị Bình"]
    named = parse_registration_workbook(path, catalogue(), codes(), sheet="HD")
    assert [r.full_name for r in named.individuals] == ["Nguyễn Văn Mẫu"]


def test_registration_example_sheet_alone_is_not_read(tmp_path: Path) -> None:
    example = [REG_HEADER, [1, "Nguyễn Văn Mẫu", "01/01/1980", "LĐTT"]]
    path = write_xlsx(tmp_path / "dk.xlsx", example, sheet="Hướng dẫn")
    with pytest.raises(ImportFileError) as err:
        parse_registration_workbook(path, catalogue(), codes())
    assert "'Hướng dẫn' (trang hướng dẫn)" in str(err.value)


# ---------------------------------------------------------------------------
# Sniffing
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("file", "kind", "name"),
    [
        ("initiatives-list-DETAI.xlsx", "initiatives", "danh sách đề tài, sáng kiến"),
        (
            "nomination-list-collectives-TAPTHE.xlsx",
            "awards",
            "danh sách đề nghị khen thưởng tập thể",
        ),
        (
            "nomination-list-individuals-CANHAN.xlsx",
            "awards",
            "danh sách đề nghị khen thưởng cá nhân",
        ),
        (
            "nomination-list-mixed-NHANDULIEU.xlsx",
            "awards",
            "danh sách đề nghị khen thưởng (cá nhân, tập thể, hộ gia đình)",
        ),
        (
            "nomination-import-template-MauTDKT.xlsx",
            "awards",
            "danh sách đề nghị khen thưởng (cá nhân, tập thể, hộ gia đình)",
        ),
    ],
)
def test_reference_files_are_recognised(file: str, kind: str, name: str) -> None:
    guess = sniff(REFERENCE / file)
    assert guess is not None
    assert (guess.kind, guess.name, guess.by_title) == (kind, name, True)


@pytest.mark.parametrize(
    ("rows", "kind", "name"),
    [
        (STAFF, "staff", "danh sách cán bộ"),
        (
            [["STT", "Họ và tên", "Ngày sinh", "Xếp loại"], [1, "Nguyễn Văn An", None, "HTTNV"]],
            "grades",
            "danh sách xếp loại cán bộ",
        ),
        (
            [["STT", "Họ và tên", "Hình thức kỷ luật", "Từ ngày"], [1, "Nguyễn Văn An", "Khiển trách", "01/01/2025"]],
            "discipline",
            "danh sách kỷ luật",
        ),
        (
            [["Tên đơn vị", "Năm", "Xếp loại"], ["Văn phòng", 2024, "HTTNV"]],
            "unit-grades",
            "danh sách xếp loại tập thể",
        ),
        (
            [["STT", "Họ và tên", "Năm", "Danh hiệu"], [1, "Nguyễn Văn An", 2024, "LĐTT"]],
            "awards",
            "danh sách khen thưởng cá nhân",
        ),
        (
            [REG_HEADER, [1, "Nguyễn Văn An", None, "LĐTT"]],
            "registrations",
            "bản đăng ký thi đua",
        ),
        (
            [
                ["QUYẾT ĐỊNH"],
                ["Về việc tặng Giấy khen"],
                ["STT", "Họ và tên", "Chức vụ, đơn vị"],
                [1, "Nguyễn Văn An", "Văn phòng"],
                [2, "Trần Thị Bình", "Văn phòng"],
            ],
            "awards",
            "danh sách kèm quyết định khen thưởng",
        ),
    ],
    ids=["staff", "grades", "discipline", "unit-grades", "awards", "registrations", "decision"],
)  # fmt: skip
def test_small_lists_are_recognised(tmp_path: Path, rows: list, kind: str, name: str) -> None:
    guess = sniff(write_xlsx(tmp_path / "x.xlsx", rows))
    assert guess is not None
    assert (guess.kind, guess.name) == (kind, name)
    assert guess.sentence() == f"Tệp này giống {name}"


def test_a_sheet_with_no_known_header_is_not_recognised(tmp_path: Path) -> None:
    assert sniff(write_xlsx(tmp_path / "x.xlsx", [["Mục"], ["Nội dung"], [1, 2]])) is None


def test_a_broken_file_is_not_recognised(tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    path.write_bytes(b"not a workbook")
    assert sniff(path) is None


@pytest.mark.parametrize(
    ("title", "kinds"),
    [
        ("DANH SÁCH TẬP THỂ ĐỀ NGHỊ KHEN THƯỞNG", ("awards",)),
        ("KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI VÀ ĐỀ NGHỊ KHEN THƯỞNG NĂM 2024", ("awards", "grades")),
        ("DANH SÁCH CÁN BỘ, CÔNG CHỨC NĂM 2025", ("staff",)),
        ("DANH SÁCH CÁN BỘ BỊ KỶ LUẬT", ("discipline",)),
        ("DANH SÁCH ĐĂNG KÝ THI ĐUA NĂM 2025", ("registrations",)),
        ("DANH SÁCH", ()),
    ],
)
def test_title_kinds(title: str, kinds: tuple[str, ...]) -> None:
    assert title_kinds(["UBND TỈNH QUẢNG BÌNH", title]) == kinds


# ---------------------------------------------------------------------------
# Refusals
# ---------------------------------------------------------------------------


def problem(kind: str = "staff", **kw: object) -> str | None:
    args: dict[str, object] = {
        "file": "ds.xlsx",
        "sheet": "DanhSach",
        "rows": 10,
        "failed_rows": 0,
        "columns": {"full_name"},
    }
    args.update(kw)
    return read_problem(kind, **args)  # type: ignore[arg-type]


def test_a_fine_table_is_not_refused() -> None:
    assert problem() is None
    assert problem("grades", columns={"full_name", "grade"}) is None


def test_no_data_rows() -> None:
    assert problem(rows=0) == (
        "Trang 'DanhSach' (tệp 'ds.xlsx') không có dòng dữ liệu nào: tệp mẫu còn trống, hoặc "
        "dữ liệu ở trang khác."
    )


@pytest.mark.parametrize(
    ("kind", "columns", "missing"),
    [
        ("grades", {"full_name"}, "'Xếp loại'"),
        ("discipline", {"full_name", "kind"}, "'Từ ngày'"),
        ("awards", {"name", "year"}, "'Danh hiệu / hình thức khen thưởng'"),
        ("initiatives", {"title"}, "'Tên tác giả'"),
    ],
)
def test_required_column_missing(kind: str, columns: set[str], missing: str) -> None:
    found = problem(kind, columns=columns)
    assert found is not None
    assert f"không có cột {missing}" in found


def test_award_list_with_a_form_code_column_only_has_its_column() -> None:
    assert problem("awards", columns={"name", "form_code"}) is None


def test_title_of_another_list() -> None:
    found = problem(preamble=("DANH SÁCH ĐỐI TƯỢNG ĐỀ NGHỊ KHEN THƯỞNG",))
    assert found == (
        "Trang 'DanhSach' (tệp 'ds.xlsx') có tiêu đề của danh sách đề nghị khen thưởng, không "
        "phải danh sách cán bộ: không nhập."
    )
    # A grade list with a proposal column stays a grade list.
    assert (
        problem(
            "grades",
            columns={"full_name", "grade"},
            preamble=("KẾT QUẢ XẾP LOẠI VÀ ĐỀ NGHỊ KHEN THƯỞNG NĂM 2024",),
        )
        is None
    )


def test_registration_header_is_not_an_award_list() -> None:
    found = problem(
        "awards",
        columns={"name", "title_alt"},
        headers={"name": "Họ và tên", "title_alt": "Danh hiệu thi đua đăng ký"},
    )
    assert found is not None and "bản đăng ký thi đua" in found


@pytest.mark.parametrize(
    ("failed", "total", "refused"),
    [(0, 10, False), (2, 2, False), (3, 5, True), (3, 6, False), (6, 10, True)],
)
def test_most_rows_fail(failed: int, total: int, refused: bool) -> None:
    assert most_rows_fail(failed, total) is refused
    assert (problem(rows=total, failed_rows=failed) is not None) is refused
