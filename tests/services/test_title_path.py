"""Lộ trình from the database: the person's and the collective's path to next year's titles
read from the stored record by the eligibility engine, and ``tdkt path``."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import delete

from app.cli import main
from app.db.models import Assignment, AwardRecord, PersonGrade, UnitGrade
from app.domain.errors import NotFoundError
from app.domain.people import PersonInput
from app.domain.units import UnitInput
from app.services import people as people_svc
from app.services import units as unit_svc
from app.services.title_path import person_title_path, unit_title_path


@pytest.fixture
def record(database):
    with database.session_factory.begin() as s:
        root = unit_svc.create_unit(
            s, UnitInput(code="SO", full_name="Sở Nông nghiệp và Môi trường", kind="CO_QUAN")
        )
        vp = unit_svc.create_unit(
            s, UnitInput(code="VP", full_name="Văn phòng Sở", parent_id=root.id, kind="VAN_PHONG")
        )

        def add(ho_dem: str, ten: str, code: str) -> int:
            return people_svc.create_person(
                s,
                PersonInput(ho_dem=ho_dem, ten=ten, birth_date=date(1985, 4, 2), staff_code=code),
                unit_id=vp.id,
                position_title="Chuyên viên",
                start_date=date(2015, 1, 1),
            )

        star, plain = add("Nguyễn Thị", "Hà", "CB01"), add("Trần Văn", "Nam", "CB02")
        newcomer = people_svc.create_person(
            s,
            PersonInput(ho_dem="Lê Văn", ten="Mới", birth_date=date(1999, 1, 1), staff_code="CB03"),
            unit_id=vp.id,
            position_title="Chuyên viên",
            start_date=date(2025, 3, 1),
        )
        s.execute(delete(Assignment).where(Assignment.person_id == newcomer))  # placed nowhere
        for year in (2024, 2025):
            s.add(PersonGrade(person_id=star, year=year, grade="HTXSNV", months_worked=12))
            s.add(PersonGrade(person_id=plain, year=year, grade="HTNV", months_worked=12))
            s.add(UnitGrade(unit_id=vp.id, year=year, grade="HTXSNV"))
            s.add(
                AwardRecord(
                    subject_kind="CA_NHAN", person_id=star, catalogue_code="CSTDCS", year=year
                )
            )
    return {"star": star, "plain": plain, "newcomer": newcomer, "vp": vp.id}


def _line(path, title):
    return next(line for line in path.lines if line.title == title)


def test_a_person_on_a_streak_needs_the_years_to_come(database, record) -> None:
    with database.session_factory() as s:
        star = person_title_path(s, record["star"], 2025, 2026)
        plain = person_title_path(s, record["plain"], 2025, 2026)
    assert (star.subject, star.target) == ("Nguyễn Thị Hà", 2026)
    cstd = _line(star, "CSTD_TINH")
    assert cstd.reachable and "CSTĐCS 2026" in cstd.needs, cstd.text
    # Nam was never CSTĐCS: the streak of three cannot be had by 2026
    assert not _line(plain, "CSTD_TINH").reachable
    assert any("CSTĐCS" in b for b in _line(plain, "CSTD_TINH").blockers)


def test_a_collective_path_and_an_unknown_subject(database, record) -> None:
    with database.session_factory() as s:
        path = unit_title_path(s, record["vp"], 2025, 2026)
        with pytest.raises(NotFoundError):
            person_title_path(s, 999_999, 2025)
    assert path.subject == "Văn phòng Sở"
    assert _line(path, "BK_TINH").needs == (
        "tập thể xếp loại Hoàn thành xuất sắc nhiệm vụ năm 2026",
    )


def test_someone_placed_in_no_unit_has_no_path(database, record, capsys) -> None:
    with database.session_factory() as s:
        path = person_title_path(s, record["newcomer"], 2024)
    assert path.lines == () and "chưa có quá trình công tác" in path.note
    assert main(["path", "--db", database.url, "--person", "CB01", "--year", "1990"]) == 1
    err = capsys.readouterr().err
    assert "Không có bộ quy tắc nào có hiệu lực" in err and "Traceback" not in err


def test_the_command_line_prints_the_same_path(database, record, capsys) -> None:
    url = database.url
    assert main(["path", "--db", url, "--person", "CB01", "--year", "2025", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    with database.session_factory() as s:
        expected = person_title_path(s, record["star"], 2025)
    assert [line["text"] for line in data["lines"]] == [line.text for line in expected.lines]
    assert main(["path", "--db", url, "--unit", "VP", "--year", "2025"]) == 0
    out = capsys.readouterr().out
    assert "Lộ trình của Văn phòng Sở" in out and "Bằng khen tỉnh 2026" in out
    assert main(["path", "--db", url, "--person", "Nguyễn Thi Ha", "--year", "2025"]) == 1
    err = capsys.readouterr().err
    assert "Không tìm thấy cán bộ" in err and "Traceback" not in err
