"""`tdkt import staff` on broken files: a clear report, exit code 1, and an unchanged database."""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

import pytest
from sqlalchemy import text

from app.cli import main
from app.domain.units import UnitInput
from app.services import units as unit_svc

sys.path.insert(0, str(Path(__file__).resolve().parent / "excel"))
from xlsx_factory import STAFF_DATA, STAFF_HEADER, TITLE, write_xlsx

TABLES = ("person", "assignment", "unit", "person_grade", "discipline", "audit_log")


@pytest.fixture
def db(database) -> str:
    with database.session_factory.begin() as s:
        root = unit_svc.create_unit(
            s, UnitInput(code="SO", full_name="Sở Nông nghiệp và Môi trường", kind="CO_QUAN")
        )
        for code, name in (
            ("BGD", "Ban Giám đốc"),
            ("KHTC", "Phòng Kế hoạch - Tài chính"),
            ("VP", "Văn phòng"),
        ):
            unit_svc.create_unit(s, UnitInput(code=code, full_name=name, parent_id=root.id))
    url = database.url
    database.dispose()
    return url


def counts(url: str) -> dict[str, int]:
    from sqlalchemy import create_engine

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return {t: conn.execute(text(f"SELECT COUNT(*) FROM {t}")).scalar_one() for t in TABLES}
    finally:
        engine.dispose()


def rows_with(change) -> list[list[object]]:
    rows: list[list[object]] = [[TITLE], [], list(STAFF_HEADER)]
    data = [list(r) for r in STAFF_DATA]
    change(data)
    return rows + data


def _set(row: int, col: str, value):
    index = STAFF_HEADER.index(col)

    def change(data):
        data[row][index] = value

    return change


CASES = {
    "no name column": (
        lambda p: write_xlsx(
            p, [[TITLE], [], ["STT", "Ngày sinh", "Chức vụ"], [1, "01/01/1980", "Chuyên viên"]]
        ),
        "Họ và tên",
    ),
    "impossible date": (
        lambda p: write_xlsx(p, rows_with(_set(1, "Ngày sinh", "31/02/1980"))),
        "31/02/1980",
    ),
    "duplicate rows": (
        lambda p: write_xlsx(p, rows_with(lambda d: d.append(list(d[0])))),
        "Trùng",
    ),
    "unknown unit": (
        lambda p: write_xlsx(p, rows_with(_set(2, "Đơn vị công tác", "Trung tâm Khuyến nông"))),
        "Trung tâm Khuyến nông",
    ),
    "formula without value": (
        lambda p: write_xlsx(p, rows_with(_set(0, "Họ và tên", "=B2&B3"))),
        "công thức",
    ),
    "only a title": (lambda p: write_xlsx(p, [[TITLE], [], ["Năm 2025"]]), "tiêu đề"),
    "merged header and a bad row": (
        lambda p: write_xlsx(
            p,
            [
                [TITLE],
                ["STT", "Họ và tên", "Ngày, tháng, năm sinh", None, "Chức vụ", "Đơn vị"],
                [None, None, "Nam", "Nữ", None, None],
                [1, "Nguyễn Văn An", "15/03/1980", None, "Giám đốc", "Ban Giám đốc"],
                [2, "Trần Thị Bình", None, "32/13/1985", "Trưởng phòng", "Văn phòng"],
            ],
            merges=["A2:A3", "B2:B3", "C2:D2", "E2:E3", "F2:F3"],
        ),
        "dòng 5, cột D",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_broken_file_is_refused_and_nothing_is_written(
    case: str, db: str, tmp_path: Path, capsys
) -> None:
    build, expected = CASES[case]
    path = build(tmp_path / "ds.xlsx")
    before = counts(db)
    assert main(["import", "staff", str(path), "--db", db]) == 1
    captured = capsys.readouterr()
    assert expected in captured.out + captured.err
    assert counts(db) == before


def test_nfd_text_is_stored_as_nfc(db: str, tmp_path: Path, capsys) -> None:
    nfd = [
        [unicodedata.normalize("NFD", v) if isinstance(v, str) else v for v in row]
        for row in rows_with(lambda d: None)
    ]
    path = write_xlsx(tmp_path / "nfd.xlsx", nfd)
    assert main(["import", "staff", str(path), "--db", db]) == 0
    from sqlalchemy import create_engine

    engine = create_engine(db)
    with engine.connect() as conn:
        names = [r[0] for r in conn.execute(text("SELECT full_name FROM person ORDER BY id"))]
    engine.dispose()
    assert names == [r[1] for r in STAFF_DATA]
    assert all(unicodedata.is_normalized("NFC", n) for n in names)
