"""Every workbook of the reference folder through the command a clerk would pick (issue 11).

The workbooks are copies of ../shared/reference kept in tests/data/reference, so this test
runs (and fails, never skips) on a machine without the shared folder. Each row: the file, the
command line after ``tdkt import``, the exit code, and words the clerk must read.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from app.cli import main

HERE = Path(__file__).resolve().parent
COPIES = HERE / "data" / "reference"
SHARED = HERE.parent.parent / "shared" / "reference"
TABLES = ("person", "unit", "award_record", "initiative", "registration", "audit_log")

NO_DATA = "không có dòng dữ liệu nào"
PROPOSALS = "Đây là danh sách đề nghị, chưa có số quyết định"

# (file, command and options, exit code, words in the output)
CASES: list[tuple[str, list[str], int, list[str]]] = [
    ("initiatives-list-DETAI.xlsx", ["initiatives"], 1, [NO_DATA]),
    ("initiatives-list-DETAI.xlsx", ["staff"], 1, ["thiếu cột 'Họ và tên'", "dùng tdkt import initiatives"]),
    ("nomination-import-template-MauTDKT.xlsx", ["awards", "--year", "2023"], 1, [NO_DATA, "'file nhận'"]),
    ("nomination-import-template-MauTDKT.xlsx", ["staff"], 1, [NO_DATA, "dùng tdkt import awards"]),
    ("nomination-import-template-MauTDKT.xlsx", ["awards", "--year", "2023", "--sheet", "Hướng dẫn"], 1, [PROPOSALS]),
    ("nomination-list-collectives-TAPTHE.xlsx", ["awards", "--year", "2023"], 1, [NO_DATA, "danh sách đề nghị khen thưởng tập thể"]),
    ("nomination-list-collectives-TAPTHE.xlsx", ["unit-grades", "--year", "2023"], 1, [NO_DATA, "dùng tdkt import awards"]),
    ("nomination-list-individuals-CANHAN.xlsx", ["awards", "--year", "2023"], 1, [NO_DATA, "danh sách đề nghị khen thưởng cá nhân"]),
    ("nomination-list-individuals-CANHAN.xlsx", ["staff"], 1, [NO_DATA, "dùng tdkt import awards"]),
    ("nomination-list-mixed-NHANDULIEU.xlsx", ["awards", "--year", "2023"], 1, [PROPOSALS]),
    ("nomination-list-mixed-NHANDULIEU.xlsx", ["awards", "--year", "2023", "--decision", "15/QĐ-UBND", "--date", "20/01/2024"], 1, ["Thiếu danh hiệu / hình thức khen thưởng"]),
    ("nomination-list-mixed-NHANDULIEU.xlsx", ["staff"], 1, ["dùng tdkt import awards"]),
]  # fmt: skip


def counts(url: str) -> dict[str, int]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return {t: conn.execute(text(f"SELECT COUNT(*) FROM {t}")).scalar_one() for t in TABLES}
    finally:
        engine.dispose()


@pytest.fixture
def db(database) -> str:
    url = database.url
    database.dispose()
    return url


def test_every_reference_workbook_has_a_row() -> None:
    copies = sorted(p.name for p in COPIES.glob("*.xlsx"))
    assert len(copies) == 5
    assert sorted({name for name, *_ in CASES}) == copies


def test_the_copies_are_those_of_the_shared_folder() -> None:
    shared = sorted(SHARED.glob("*.xlsx")) if SHARED.is_dir() else []
    for original in shared:  # without the shared folder, the copies stand on their own
        assert (COPIES / original.name).read_bytes() == original.read_bytes(), original.name


@pytest.mark.parametrize(
    ("file", "command", "code", "words"),
    CASES,
    ids=[f"{name.split('-')[-1]}:{' '.join(cmd)}" for name, cmd, _, _ in CASES],
)
def test_reference_workbook(
    db: str, capsys, file: str, command: list[str], code: int, words: list[str]
) -> None:
    path = COPIES / file
    assert path.is_file(), path
    before = counts(db)
    what, *options = command
    assert main(["import", what, str(path), "--db", db, *options]) == code
    captured = capsys.readouterr()
    output = captured.out + captured.err
    for expected in words:
        assert expected in output
    assert "Traceback" not in output
    assert counts(db) == before
