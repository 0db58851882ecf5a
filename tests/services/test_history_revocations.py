"""Revocations in award histories (domain.md X12): a revocation decision number and date, or a
"Thu hồi" column, make the imported award revoked; it then no longer counts."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import select

from app.db.models import AwardRecord, Initiative, InitiativeAuthor, PersonGrade
from app.domain.imports import ImportOptions
from app.domain.people import PersonInput
from app.domain.units import UnitInput
from app.excel import history_import as xl
from app.excel.revocation_cells import read_revocation, split_revocation
from app.services import history_import as svc
from app.services import units as unit_svc
from app.services.eligibility import evaluate_year
from app.services.people import create_person
from app.services.reference import catalogue, codes


def write_xlsx(path: Path, header: list, rows: list[list]) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(["DANH SÁCH KHEN THƯỞNG"])
    ws.append([])
    ws.append(header)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


@pytest.fixture
def an(database) -> int:
    with database.session_factory.begin() as s:
        root = unit_svc.create_unit(
            s, UnitInput(code="SO", full_name="Sở Nông nghiệp và Môi trường", kind="CO_QUAN")
        )
        vp = unit_svc.create_unit(
            s, UnitInput(code="VP", full_name="Văn phòng Sở", parent_id=root.id, kind="VAN_PHONG")
        )
        return create_person(
            s,
            PersonInput(ho_dem="Nguyễn Văn", ten="An", birth_date=date(1980, 4, 3), gender="NAM"),
            unit_id=vp.id,
        )


def run(database, path: Path):
    result = xl.parse_awards(path, catalogue(), codes())
    parsed = svc.ParsedFile(
        svc.KIND_AWARDS, str(path), result.sheet, result.issues, dict(result.columns)
    )
    with database.session_factory.begin() as s:
        return result, svc.import_awards(s, parsed, list(result.rows), ImportOptions())


def records(database) -> list[tuple]:
    with database.session_factory() as s:
        return [
            (r.catalogue_code, r.year, r.revoked, r.revocation_number, r.revocation_date)
            for r in s.scalars(select(AwardRecord).order_by(AwardRecord.year))
        ]


HEADER = [
    "STT",
    "Họ và tên",
    "Ngày sinh",
    "Năm",
    "Danh hiệu",
    "Số quyết định",
    "Ngày quyết định",
    "Số QĐ thu hồi",
    "Ngày thu hồi",
]


def test_revocation_columns(database, an, tmp_path) -> None:
    rows = [
        [1, "Nguyễn Văn An", "03/04/1980", 2023, "CSTĐCS", "13/QĐ-SNN", "15/01/2024", None, None],
        [2, "Nguyễn Văn An", "03/04/1980", 2024, "CSTĐCS", "20/QĐ-SNN", "15/01/2025",
         "5/QĐ-SNN", "02/06/2025"],
    ]  # fmt: skip
    result, report = run(database, write_xlsx(tmp_path / "a.xlsx", HEADER, rows))
    assert result.issues == ()
    assert result.headers["revocation_number"] == "Số QĐ thu hồi"
    assert result.headers["decision_number"] == "Số quyết định"
    assert report.added == 2
    assert (
        "Dòng 5: Nguyễn Văn An - CSTĐCS 2024 (thu hồi theo quyết định 5/QĐ-SNN ngày 02/06/2025)"
        in (report.changes)
    )
    assert records(database) == [
        ("CSTDCS", 2023, False, None, None),
        ("CSTDCS", 2024, True, "5/QĐ-SNN", date(2025, 6, 2)),
    ]


def test_a_thu_hoi_column_revokes_a_stored_award(database, an, tmp_path) -> None:
    header = ["STT", "Họ và tên", "Ngày sinh", "Năm", "Danh hiệu", "Số quyết định", "Thu hồi"]
    first = [[1, "Nguyễn Văn An", "03/04/1980", 2024, "CSTĐCS", "20/QĐ-SNN", None]]
    run(database, write_xlsx(tmp_path / "a.xlsx", header, first))
    assert records(database) == [("CSTDCS", 2024, False, None, None)]
    revoked = [[1, "Nguyễn Văn An", "03/04/1980", 2024, "CSTĐCS", "20/QĐ-SNN",
                "Thu hồi theo QĐ số 5/QĐ-SNN ngày 02/06/2025"]]  # fmt: skip
    _, report = run(database, write_xlsx(tmp_path / "b.xlsx", header, revoked))
    assert (report.added, report.updated) == (0, 1)
    assert records(database) == [("CSTDCS", 2024, True, "5/QĐ-SNN", date(2025, 6, 2))]
    _, again = run(database, write_xlsx(tmp_path / "c.xlsx", header, revoked))
    assert (again.updated, again.unchanged) == (0, 1)


def test_a_revoked_award_no_longer_counts(database, an, tmp_path) -> None:
    with database.session_factory.begin() as s:
        for year in (2023, 2024, 2025):
            s.add(PersonGrade(person_id=an, year=year, grade="HTXSNV", months_worked=12))
        ini = Initiative(title="Bản đồ số", kind="SANG_KIEN", scope="PV_TINH", year=2025)
        s.add(ini)
        s.flush()
        s.add(InitiativeAuthor(initiative_id=ini.id, person_id=an))
    rows = [
        [1, "Nguyễn Văn An", "03/04/1980", 2023, "CSTĐCS", "13/QĐ-SNN", "15/01/2024", None, None],
        [2, "Nguyễn Văn An", "03/04/1980", 2024, "CSTĐCS", "20/QĐ-SNN", "15/01/2025", None, None],
    ]  # fmt: skip
    run(database, write_xlsx(tmp_path / "a.xlsx", HEADER, rows))

    def cstd():
        with database.session_factory() as s:
            found = evaluate_year(s, 2025, title="CSTD_TINH")
        return next(r.verdict for r in found if r.subject_id == an)

    assert cstd().eligible
    rows[1][7:] = ["5/QĐ-SNN", "02/06/2025"]
    run(database, write_xlsx(tmp_path / "b.xlsx", HEADER, rows))
    v = cstd()
    assert not v.eligible
    assert "Chưa đủ 03 lần liên tục CSTĐCS (có: 2025)" in v.explanation


def test_revocation_problems(tmp_path) -> None:
    rows = [
        [1, "Nguyễn Văn An", "03/04/1980", 2024, "CSTĐCS", "20/QĐ-SNN", "15/01/2025",
         None, "01/01/2025"],
        [2, "Nguyễn Văn An", "03/04/1980", 2024, "CSTĐCS", "21/QĐ-SNN", "15/01/2025",
         "6/QĐ", "31/02/2025"],
    ]  # fmt: skip
    result = xl.parse_awards(write_xlsx(tmp_path / "a.xlsx", HEADER, rows), catalogue(), codes())
    assert [(i.row, i.header, i.message) for i in result.issues] == [
        (4, "Ngày thu hồi", "Ngày thu hồi 01/01/2025 trước ngày quyết định khen thưởng 15/01/2025"),
        (5, "Ngày thu hồi", "Ngày không hợp lệ: 31/02/2025"),
    ]


@pytest.mark.parametrize(
    ("mark", "expected"),
    [
        ("x", (True, "", None)),
        ("Đã thu hồi", (True, "", None)),
        (True, (True, "", None)),
        ("Không", (False, "", None)),
        (None, (False, "", None)),
        ("15/QĐ-UBND ngày 02/03/2025", (True, "15/QĐ-UBND", date(2025, 3, 2))),
    ],
)
def test_thu_hoi_marks(mark, expected) -> None:
    revocation, problems = read_revocation("", None, mark, None)
    assert problems == {}
    assert (revocation.revoked, revocation.number, revocation.day) == expected


def test_thu_hoi_not_understood() -> None:
    revocation, problems = read_revocation("", None, "chờ ý kiến", None)
    assert not revocation.revoked
    assert problems == {
        "revoked": "Không hiểu 'chờ ý kiến': ghi x (đã thu hồi) hoặc số, ngày quyết định thu hồi"
    }


def test_split_revocation() -> None:
    assert split_revocation("Quyết định số 7/QĐ-UBND ngày 1/2/2025") == (
        "7/QĐ-UBND",
        date(2025, 2, 1),
    )
    assert split_revocation("7/QĐ-UBND") == ("7/QĐ-UBND", None)


@pytest.mark.parametrize(
    ("number_header", "date_header"),
    [
        ("Quyết định thu hồi", "Ngày QĐ thu hồi"),
        ("Số quyết định thu hồi", "Ngày quyết định thu hồi"),
        ("QĐ thu hồi", "Ngày thu hồi"),
    ],
)
def test_usual_revocation_headers(tmp_path, number_header, date_header) -> None:
    header = ["STT", "Họ và tên", "Năm", "Danh hiệu", "Quyết định", "Ngày quyết định"]
    header += [number_header, date_header]
    row = [1, "Nguyễn Văn An", 2024, "CSTĐCS", "20/QĐ-SNN", "15/01/2025", "5/QĐ", "02/06/2025"]
    result = xl.parse_awards(write_xlsx(tmp_path / "h.xlsx", header, [row]), catalogue(), codes())
    assert (result.columns["decision_number"], result.columns["decision_date"]) == ("E", "F")
    assert (result.columns["revocation_number"], result.columns["revocation_date"]) == ("G", "H")
    (award,) = result.rows
    assert (award.decision_number, award.revoked, award.revocation_number) == (
        "20/QĐ-SNN",
        True,
        "5/QĐ",
    )
