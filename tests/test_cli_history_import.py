"""`tdkt import awards|initiatives|unit-grades`: exit codes, reports, all or nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import create_engine, text

from app.cli import main
from app.domain.people import PersonInput
from app.domain.units import UnitInput
from app.services import units as unit_svc
from app.services.people import create_person

TABLES = ("award_record", "initiative", "initiative_author", "unit_grade", "audit_log")

AWARD_HEADER = ["STT", "Họ và tên", "Ngày sinh", "Đơn vị", "Năm", "Danh hiệu", "Số QĐ", "Ngày QĐ"]
AWARDS = [
    [1, "Nguyễn Văn An", "03/04/1980", "Phòng Kế hoạch - Tài chính", 2024, "LĐTT", "1/QĐ-SNN",
     "10/01/2025"],
    [2, "Trần Thị Bình", None, "Văn phòng", "2022-2024", "BK UBND tỉnh", "9/QĐ-UBND",
     "05/03/2025"],
    [3, "Văn phòng", None, None, 2024, "Tập thể lao động tiên tiến", "2/QĐ-SNN", "10/01/2025"],
]  # fmt: skip


@pytest.fixture
def db(database) -> str:
    with database.session_factory.begin() as s:
        root = unit_svc.create_unit(
            s, UnitInput(code="SO", full_name="Sở Nông nghiệp và Môi trường", kind="CO_QUAN")
        )
        kh = unit_svc.create_unit(
            s, UnitInput(code="KHTC", full_name="Phòng Kế hoạch - Tài chính", parent_id=root.id)
        )
        vp = unit_svc.create_unit(s, UnitInput(code="VP", full_name="Văn phòng", parent_id=root.id))
        create_person(
            s,
            PersonInput(ho_dem="Nguyễn Văn", ten="An", birth_date=date(1980, 4, 3)),
            unit_id=kh.id,
        )
        create_person(s, PersonInput(ho_dem="Trần Thị", ten="Bình"), unit_id=vp.id)
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


def write_xlsx(path: Path, rows: list[list]) -> Path:
    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def awards_file(path: Path, change=None) -> Path:
    data = [list(r) for r in AWARDS]
    if change:
        change(data)
    return write_xlsx(path, [["DANH SÁCH KHEN THƯỞNG"], [], AWARD_HEADER, *data])


def test_awards_import_and_reimport(db: str, tmp_path: Path, capsys) -> None:
    path = awards_file(tmp_path / "kt.xlsx")
    before = counts(db)
    assert main(["import", "awards", str(path), "--db", db, "--dry-run"]) == 0
    assert counts(db) == before
    assert "Sẽ thêm 3" in capsys.readouterr().out
    assert main(["import", "awards", str(path), "--db", db]) == 0
    out = capsys.readouterr().out
    assert "Đã thêm 3" in out
    after = counts(db)
    assert after["award_record"] == before["award_record"] + 3
    assert main(["import", "awards", str(path), "--db", db]) == 0
    assert "giữ nguyên 3" in capsys.readouterr().out
    after_again = counts(db)
    assert after_again["award_record"] == after["award_record"]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d[0].__setitem__(5, "Danh hiệu Không Có"), "dòng 4, cột F"),
        (lambda d: d[1].__setitem__(1, "Hoàng Văn Lạ"), "dòng 5, cột B"),
        (lambda d: d[2].__setitem__(7, "32/01/2025"), "dòng 6, cột H"),
        (lambda d: d[2].__setitem__(1, "Phòng Ma"), "Không tìm thấy đơn vị"),
    ],
)
def test_broken_award_file_is_refused(db: str, tmp_path: Path, capsys, change, expected) -> None:
    path = awards_file(tmp_path / "bad.xlsx", change)
    before = counts(db)
    assert main(["import", "awards", str(path), "--db", db]) == 1
    captured = capsys.readouterr()
    assert expected in captured.out
    assert "KHÔNG ghi gì" in captured.out
    assert counts(db) == before


def test_skip_invalid_writes_the_good_rows(db: str, tmp_path: Path, capsys) -> None:
    path = awards_file(tmp_path / "bad.xlsx", lambda d: d[1].__setitem__(1, "Hoàng Văn Lạ"))
    before = counts(db)
    assert main(["import", "awards", str(path), "--db", db, "--skip-invalid"]) == 0
    assert counts(db)["award_record"] == before["award_record"] + 2


def test_no_header_is_exit_1(db: str, tmp_path: Path, capsys) -> None:
    path = write_xlsx(tmp_path / "x.xlsx", [["Cột A", "Cột B"], [1, 2]])
    before = counts(db)
    assert main(["import", "awards", str(path), "--db", db]) == 1
    assert "Lỗi" in capsys.readouterr().err
    assert counts(db) == before


def test_initiatives_cli(db: str, tmp_path: Path, capsys) -> None:
    header = ["STT", "Tên đề tài", "Ngày công nhân", "Đơn vị công nhận", "Tóm tắt thành tích đạt được",
              "Tên tác giả", "Phòng ban làm việc", "Tên cơ quan làm việc"]  # fmt: skip
    rows = [[1, "Ứng dụng bản đồ số", "12/12/2024", "Sở", "Tốt", "Nguyễn Văn An và Trần Thị Bình",
             "Phòng Kế hoạch - Tài chính", "Sở Nông nghiệp và Môi trường"]]  # fmt: skip
    path = write_xlsx(tmp_path / "sk.xlsx", [["DANH SÁCH ĐỀ TÀI SÁNG KIẾN"], [], header, *rows])
    before = counts(db)
    assert main(["import", "initiatives", str(path), "--db", db]) == 0
    after = counts(db)
    assert after["initiative"] == before["initiative"] + 1
    assert after["initiative_author"] == before["initiative_author"] + 2
    assert main(["import", "initiatives", str(path), "--db", db]) == 0
    assert counts(db)["initiative"] == after["initiative"]
    rows[0][5] = "Người Lạ"
    rows[0][1] = "Đề tài khác"
    path = write_xlsx(tmp_path / "bad.xlsx", [header, *rows])
    before = counts(db)
    assert main(["import", "initiatives", str(path), "--db", db]) == 1
    assert "dòng 2, cột F" in capsys.readouterr().out
    assert counts(db) == before


def test_reference_initiatives_file(db: str, capsys) -> None:
    # A blank template: refused, saying it holds no data (issue 11).
    ref = Path(__file__).parent / "data" / "reference" / "initiatives-list-DETAI.xlsx"
    before = counts(db)
    assert main(["import", "initiatives", str(ref), "--db", db]) == 1
    assert "không có dòng dữ liệu nào" in capsys.readouterr().err
    assert counts(db) == before


def test_unit_grades_cli(db: str, tmp_path: Path, capsys) -> None:
    path = write_xlsx(
        tmp_path / "xl.xlsx",
        [
            ["Tên đơn vị", "Xếp loại"],
            ["VĂN PHÒNG", "HTXSNV"],
            ["Phòng Kế hoạch Tài chính", "HTTNV"],
        ],
    )
    before = counts(db)
    assert main(["import", "unit-grades", str(path), "--db", db]) == 1
    assert "--year" in capsys.readouterr().out
    assert counts(db) == before
    assert main(["import", "unit-grades", str(path), "--year", "2024", "--db", db]) == 0
    assert counts(db)["unit_grade"] == before["unit_grade"] + 2
    assert main(["import", "unit-grades", str(path), "--year", "2024", "--db", db]) == 0
    assert "giữ nguyên 2" in capsys.readouterr().out
