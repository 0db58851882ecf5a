"""`tdkt import ...` refuses files that are not what the command reads, says what they are,
and a dry run's counts are those of the real run (issue 11, point 6)."""

from __future__ import annotations

import re
import sys
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from app.cli import main
from app.domain.people import PersonInput
from app.domain.units import UnitInput
from app.services import units as unit_svc
from app.services.people import create_person

sys.path.insert(0, str(Path(__file__).resolve().parent / "excel"))
from xlsx_factory import write_xlsx

TABLES = ("person", "assignment", "unit", "person_grade", "award_record", "audit_log")
STAFF_HEADER = ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Chức vụ", "Đơn vị", "Mã cán bộ"]
STAFF_TITLE = "DANH SÁCH CÁN BỘ, CÔNG CHỨC NĂM 2025"


@pytest.fixture
def db(database) -> str:
    with database.session_factory.begin() as s:
        root = unit_svc.create_unit(
            s, UnitInput(code="SO", full_name="Sở Nông nghiệp và Môi trường", kind="CO_QUAN")
        )
        vp = unit_svc.create_unit(s, UnitInput(code="VP", full_name="Văn phòng", parent_id=root.id))
        unit_svc.create_unit(
            s, UnitInput(code="KHTC", full_name="Phòng Kế hoạch - Tài chính", parent_id=root.id)
        )
        for ho_dem, ten, born, code in (
            ("Nguyễn Văn", "An", date(1980, 3, 15), "CB001"),
            ("Trần Thị", "Bình", date(1985, 2, 5), "CB002"),
        ):
            create_person(
                s,
                PersonInput(ho_dem=ho_dem, ten=ten, birth_date=born, staff_code=code),
                unit_id=vp.id,
            )
    url = database.url
    database.dispose()
    return url


def counts(url: str) -> dict[str, int]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return {t: conn.execute(text(f"SELECT COUNT(*) FROM {t}")).scalar_one() for t in TABLES}
    finally:
        engine.dispose()


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["import", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# ---------------------------------------------------------------------------
# Refused files
# ---------------------------------------------------------------------------


def test_blank_staff_template_holds_no_data(db: str, tmp_path: Path, capsys) -> None:
    path = write_xlsx(tmp_path / "mau.xlsx", [[STAFF_TITLE], [], STAFF_HEADER, [1, 2, 3, 4, 5]])
    before = counts(db)
    code, out, err = run(capsys, "staff", str(path), "--db", db)
    assert code == 1
    assert "không có dòng dữ liệu nào" in err
    assert "Tệp này giống danh sách cán bộ." in err
    assert "0 dòng dữ liệu" not in out
    assert counts(db) == before


def test_grades_without_a_grade_column(db: str, tmp_path: Path, capsys) -> None:
    path = write_xlsx(
        tmp_path / "xl.xlsx",
        [[STAFF_TITLE], [], STAFF_HEADER, [1, "Nguyễn Văn An", "15/03/1980", "Nam"]],
    )
    before = counts(db)
    code, _out, err = run(capsys, "grades", str(path), "--year", "2024", "--db", db)
    assert code == 1
    assert "không có cột 'Xếp loại'" in err
    assert "Tệp này giống danh sách cán bộ: dùng tdkt import staff" in err
    assert counts(db) == before


DECISION_STUB = [
    ["UBND TỈNH QUẢNG BÌNH"],
    ["QUYẾT ĐỊNH"],
    ["Về việc tặng Giấy khen"],
    ["STT", "Họ và tên", "Chức vụ, đơn vị"],
    [1, "Hoàng Văn Lạ", "Chuyên viên Văn phòng"],
    [2, "Phan Thị Mới", "Chuyên viên Văn phòng"],
]


def test_decision_stub_is_not_a_staff_list(db: str, tmp_path: Path, capsys) -> None:
    path = write_xlsx(tmp_path / "qd.xlsx", DECISION_STUB)
    before = counts(db)
    for _ in range(2):  # and not again as duplicates on a second run
        code, _out, err = run(capsys, "staff", str(path), "--db", db)
        assert code == 1
        assert "Tệp này giống danh sách kèm quyết định khen thưởng: dùng tdkt import awards" in err
        assert counts(db) == before


def test_nomination_list_with_rows_is_not_a_staff_list(db: str, tmp_path: Path, capsys) -> None:
    path = write_xlsx(
        tmp_path / "dn.xlsx",
        [
            ["DANH SÁCH ĐỐI TƯỢNG ĐỀ NGHỊ KHEN THƯỞNG"],
            [],
            ["STT", "Họ và tên", "Ngày sinh", "Đơn vị"],
            [1, "Hoàng Văn Lạ", "01/01/1980", "Văn phòng"],
        ],
    )
    before = counts(db)
    code, _out, err = run(capsys, "staff", str(path), "--db", db, "--skip-invalid")
    assert code == 1
    assert "có tiêu đề của danh sách đề nghị khen thưởng" in err
    assert "Tệp này giống danh sách đề nghị khen thưởng cá nhân: dùng tdkt import awards" in err
    assert counts(db) == before


def test_registration_list_is_not_award_history(db: str, tmp_path: Path, capsys) -> None:
    path = write_xlsx(
        tmp_path / "dk.xlsx",
        [
            ["STT", "Họ và tên", "Ngày sinh", "Danh hiệu thi đua đăng ký"],
            [1, "Nguyễn Văn An", "15/03/1980", "LĐTT"],
        ],
        sheet="Cá nhân",
    )
    before = counts(db)
    code, _out, err = run(capsys, "awards", str(path), "--year", "2024", "--db", db)
    assert code == 1
    assert "Tệp này giống bản đăng ký thi đua: dùng tdkt import registrations" in err
    assert counts(db) == before


def staff_rows(bad: int, good: int) -> list[list[object]]:
    rows: list[list[object]] = [[STAFF_TITLE], [], STAFF_HEADER]
    for i in range(good):
        rows.append([len(rows) - 2, f"Lê Văn Tốt {chr(65 + i)}", "01/01/1990", "Nam", "Chuyên viên", "Văn phòng", None])  # fmt: skip
    for i in range(bad):
        rows.append([len(rows) - 2, f"Lê Văn Lỗi {chr(65 + i)}", "31/02/1990", "Nam", "Chuyên viên", "Văn phòng", None])  # fmt: skip
    return rows


@pytest.mark.parametrize("dry_run", [True, False])
def test_most_rows_failing_is_refused_even_when_skipping(
    db: str, tmp_path: Path, capsys, dry_run: bool
) -> None:
    path = write_xlsx(tmp_path / "ds.xlsx", staff_rows(bad=3, good=2))
    before = counts(db)
    flags = ["--skip-invalid", *(["--dry-run"] if dry_run else [])]
    code, out, err = run(capsys, "staff", str(path), "--db", db, *flags)
    assert code == 1
    assert "3/5 dòng không nhập được" in err
    assert "Bỏ qua (3)" in out  # the rows and their reasons are listed
    assert counts(db) == before  # the two good rows were not written either


def test_a_few_failing_rows_can_be_skipped(db: str, tmp_path: Path, capsys) -> None:
    path = write_xlsx(tmp_path / "ds.xlsx", staff_rows(bad=2, good=2))
    before = counts(db)
    code, _out, err = run(capsys, "staff", str(path), "--db", db, "--skip-invalid")
    assert code == 0, err
    assert counts(db)["person"] == before["person"] + 2


def test_numbering_row_under_two_row_header_is_no_person(db: str, tmp_path: Path, capsys) -> None:
    path = write_xlsx(
        tmp_path / "ds.xlsx",
        [
            ["STT", "Họ và tên", "Ngày, tháng, năm sinh", None, "Chức vụ", "Đơn vị"],
            [None, None, "Nam", "Nữ", None, None],
            ["A", "B", "C", "D", "E", "F"],
            [1, "Lê Văn Mới", "01/01/1990", None, "Chuyên viên", "Văn phòng"],
        ],
        merges=["A1:A2", "B1:B2", "C1:D1", "E1:E2", "F1:F2"],
    )
    before = counts(db)
    code, out, _err = run(capsys, "staff", str(path), "--db", db)
    assert code == 0
    assert "dòng 3: Dòng đánh số cột" in out or "Đã thêm 1," in out
    assert counts(db)["person"] == before["person"] + 1


REG_HEADER = ["STT", "Họ và tên", "Ngày sinh", "Danh hiệu thi đua đăng ký"]


def test_registrations_read_the_example_sheet_only_when_named(
    db: str, tmp_path: Path, capsys
) -> None:
    path = write_xlsx(
        tmp_path / "dk.xlsx",
        [REG_HEADER, [1, "Nguyễn Văn An", "15/03/1980", "LĐTT"]],
        sheet="Hướng dẫn",
    )
    code, _out, err = run(capsys, "registrations", str(path), "--year", "2025", "--db", db)
    assert code == 1
    assert "'Hướng dẫn' (trang hướng dẫn)" in err
    code, out, err = run(
        capsys, "registrations", str(path), "--year", "2025", "--db", db, "--sheet", "Hướng dẫn"
    )
    assert code == 0, err
    assert "1 dòng cá nhân" in out


# ---------------------------------------------------------------------------
# Dry run counts are those of the real run
# ---------------------------------------------------------------------------

_SUMMARY = re.compile(
    r"(?:Sẽ|Đã) thêm (\d+), cập nhật (\d+), giữ nguyên (\d+), bỏ qua (\d+)\.", re.MULTILINE
)


def summary(out: str) -> tuple[int, int, int, int]:
    found = _SUMMARY.findall(out)
    assert len(found) == 1, out
    added, updated, unchanged, skipped = (int(v) for v in found[0])
    return added, updated, unchanged, skipped


def staff_file(tmp_path: Path) -> Path:
    return write_xlsx(
        tmp_path / "ds.xlsx",
        [
            [STAFF_TITLE],
            [],
            STAFF_HEADER,
            [1, "Nguyễn Văn An", "15/03/1980", "Nam", "Phó Chánh Văn phòng", "Văn phòng", "CB001"],
            [2, "Trần Thị Bình", "05/02/1985", "Nữ", None, "Văn phòng", "CB002"],
            [3, "Lê Minh Châu", "01/01/1990", "Nam", "Chuyên viên", "Văn phòng", "CB003"],
            [4, "Phạm Văn Dũng", "31/02/1990", "Nam", "Chuyên viên", "Văn phòng", "CB004"],
            [5, "Đỗ Thị Em", "02/02/1992", "Nữ", "Chuyên viên", "Trung tâm Khuyến nông", "CB005"],
            [6, "Vũ Văn Giang", "03/03/1993", "Nam", "Kế toán", "Phòng Kế hoạch - Tài chính", "CB006"],
            [7, "Bùi Thị Hà", "04/04/1994", "Nữ", "Văn thư", "Văn phòng", "CB007"],
        ],
    )  # fmt: skip


def grades_file(tmp_path: Path) -> Path:
    return write_xlsx(
        tmp_path / "xl.xlsx",
        [
            ["KẾT QUẢ XẾP LOẠI NĂM 2024"],
            ["STT", "Họ và tên", "Ngày sinh", "Xếp loại"],
            [1, "Nguyễn Văn An", "15/03/1980", "HTTNV"],
            [2, "Trần Thị Bình", "05/02/1985", "HTXSNV"],
            [3, "Hoàng Văn Lạ", "01/01/1970", "HTNV"],
        ],
    )


def awards_file(tmp_path: Path) -> Path:
    return write_xlsx(
        tmp_path / "kt.xlsx",
        [
            ["DANH SÁCH KHEN THƯỞNG"],
            ["STT", "Họ và tên", "Ngày sinh", "Đơn vị", "Năm", "Danh hiệu", "Số QĐ", "Ngày QĐ"],
            [1, "Nguyễn Văn An", "15/03/1980", "Văn phòng", 2024, "LĐTT", "1/QĐ-SNN", "10/01/2025"],
            [2, "Trần Thị Bình", "05/02/1985", "Văn phòng", 2024, "CSTĐCS", "2/QĐ-SNN", "10/01/2025"],
            [3, "Văn phòng", None, None, 2024, "Tập thể lao động tiên tiến", "3/QĐ-SNN", "10/01/2025"],
            [4, "Hoàng Văn Lạ", "01/01/1970", "Văn phòng", 2024, "LĐTT", "1/QĐ-SNN", "10/01/2025"],
        ],
    )  # fmt: skip


CASES = {
    "staff": (staff_file, []),
    "grades": (grades_file, ["--year", "2024"]),
    "awards": (awards_file, []),
}


@pytest.mark.parametrize("skip", [False, True], ids=["all-or-nothing", "skip-invalid"])
@pytest.mark.parametrize("kind", sorted(CASES))
def test_dry_run_counts_equal_the_real_run(
    db: str, tmp_path: Path, capsys, kind: str, skip: bool
) -> None:
    build, extra = CASES[kind]
    path = build(tmp_path)
    flags = [*extra, *(["--skip-invalid"] if skip else [])]
    for _ in range(2):  # a first import, then the same file again (updates, unchanged rows)
        before = counts(db)
        dry_code, dry_out, _ = run(capsys, kind, str(path), "--db", db, "--dry-run", *flags)
        assert counts(db) == before
        real_code, real_out, _ = run(capsys, kind, str(path), "--db", db, *flags)
        assert (dry_code, summary(dry_out)) == (real_code, summary(real_out))
        assert real_code == (0 if skip else 1)


@pytest.mark.parametrize("kind", sorted(CASES))
def test_blocked_dry_run_counts_what_skipping_writes(
    db: str, tmp_path: Path, capsys, kind: str
) -> None:
    """A refused dry run says "Sẽ thêm N": N is what --skip-invalid then writes (not the rows
    of unknown units or people too)."""
    build, extra = CASES[kind]
    path = build(tmp_path)
    code, dry_out, _ = run(capsys, kind, str(path), "--db", db, "--dry-run", *extra)
    assert code == 1
    code, real_out, _ = run(capsys, kind, str(path), "--db", db, "--skip-invalid", *extra)
    assert code == 0
    assert summary(dry_out)[:3] == summary(real_out)[:3]
    assert summary(real_out)[0] > 0
