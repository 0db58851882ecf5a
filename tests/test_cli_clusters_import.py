"""`tdkt import clusters FILE --year NĂM [--dry-run]`: exit codes, report, all or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import create_engine, text

from app.cli import main
from app.domain.units import UnitInput
from app.services import units as unit_svc

TABLES = ("cluster", "cluster_member", "unit", "audit_log")
HEADER = ["STT", "Cụm, khối thi đua", "Cơ quan tổ chức", "Tên đơn vị", "Kết quả"]
GOOD = [
    HEADER,
    [1, "Khối các sở kinh tế", "UBND tỉnh", "So Nong nghiep va Moi truong", "Dẫn đầu"],
    [2, "Cụm các Chi cục", "Sở", "Chi cục Kiểm lâm", None],
]


@pytest.fixture
def db(database) -> str:
    with database.session_factory.begin() as s:
        root = unit_svc.create_unit(
            s, UnitInput(code="SO", full_name="Sở Nông nghiệp và Môi trường", kind="CO_QUAN")
        )
        unit_svc.create_unit(
            s, UnitInput(code="CCKL", full_name="Chi cục Kiểm lâm", parent_id=root.id)
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


def write_xlsx(path: Path, rows: list[list]) -> str:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return str(path)


def run(url: str, *args: str) -> int:
    return main(["import", "clusters", *args, "--db", url])


def test_a_good_file_is_written(db, tmp_path, capsys) -> None:
    path = write_xlsx(tmp_path / "cum.xlsx", GOOD)
    before = counts(db)
    assert run(db, path, "--year", "2025", "--dry-run") == 0
    out = capsys.readouterr().out
    assert "Sẽ thêm 2 cụm, khối" in out and "Chạy thử: không ghi gì vào CSDL." in out
    assert counts(db) == before
    assert run(db, path, "--year", "2025") == 0
    out = capsys.readouterr().out
    assert "Nhập cụm, khối thi đua năm 2025 từ cum.xlsx" in out
    assert "Đã thêm 2 cụm, khối, cập nhật 0; thêm 2 đơn vị thành viên, ghi 1 kết quả" in out
    after = counts(db)
    assert (after["cluster"], after["cluster_member"], after["unit"]) == (2, 2, before["unit"])


def test_a_refused_file_changes_nothing(db, tmp_path, capsys) -> None:
    rows = [*GOOD, [3, "Cụm các Chi cục", "Sở", "Chi cục Chăn nuôi", "Dẫn đầu"]]
    path = write_xlsx(tmp_path / "sai.xlsx", rows)
    before = counts(db)
    assert run(db, path, "--year", "2025") == 1
    out = capsys.readouterr().out
    assert (
        "dòng 4, cột D (Tên đơn vị): Không tìm thấy đơn vị 'Chi cục Chăn nuôi' trong cây đơn vị"
        in out
    )
    assert "KHÔNG ghi gì vào CSDL" in out
    assert counts(db) == before  # no cluster, no unit created, nothing in the audit log


def test_no_rows_no_header_and_bad_year(db, tmp_path, capsys) -> None:
    assert run(db, write_xlsx(tmp_path / "rong.xlsx", [HEADER]), "--year", "2025") == 1
    assert "Tệp không có dòng dữ liệu nào" in capsys.readouterr().out
    other = write_xlsx(tmp_path / "khac.xlsx", [["Họ và tên", "Ngày sinh"], ["An", "1980"]])
    assert run(db, other, "--year", "2025") == 1
    assert capsys.readouterr().err.startswith("Lỗi: ")
    assert run(db, write_xlsx(tmp_path / "a.xlsx", GOOD), "--year", "20251") == 2
    with pytest.raises(SystemExit) as exc:
        run(db, str(tmp_path / "a.xlsx"))  # --year is required
    assert exc.value.code == 2
    assert counts(db)["cluster"] == 0
