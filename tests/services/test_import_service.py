"""One import service (app.services.import_service): preview then commit, the same counts,
and a commit refused when a matched person changed since the preview."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from app.db.models import Person, PersonGrade
from app.domain.errors import ConflictError
from app.domain.imports import ImportOptions
from app.domain.people import PersonInput
from app.domain.units import UnitInput
from app.services import units as unit_svc
from app.services.import_service import ImportJob, commit, preview
from app.services.people import create_person
from app.services.people_import import ParsedFile


class Row:
    """A parsed grade row, as the Excel layer hands it over."""

    def __init__(self, row: int, name: str, birth: date, grade: str) -> None:
        self.row, self.full_name, self.birth_date, self.grade = row, name, birth, grade
        self.ho_dem, _, self.ten = name.rpartition(" ")
        self.birth_year = birth.year
        self.gender = None
        self.position_title = ""
        self.unit_text = ""
        self.staff_code = None
        self.citizen_id = None
        self.note = ""
        self.year = 2025
        self.months_worked = None


@pytest.fixture
def people(database) -> dict[str, int]:
    with database.session_factory.begin() as s:
        root = unit_svc.create_unit(
            s, UnitInput(code="SO", full_name="Sở Nông nghiệp và Môi trường", kind="CO_QUAN")
        )
        an = create_person(
            s,
            PersonInput(ho_dem="Nguyễn Văn", ten="An", birth_date=date(1980, 4, 3)),
            unit_id=root.id,
        )
        binh = create_person(
            s,
            PersonInput(ho_dem="Trần Thị", ten="Bình", birth_date=date(1985, 1, 2)),
            unit_id=root.id,
        )
    return {"an": an, "binh": binh}


def job() -> ImportJob:
    rows = (
        Row(4, "Nguyễn Văn An", date(1980, 4, 3), "HTXSNV"),
        Row(5, "Trần Thị Bình", date(1985, 1, 2), "HTTNV"),
    )
    parsed = ParsedFile(kind="grades", file="xl.xlsx", sheet="DS", issues=(), columns={})
    return ImportJob("grades", parsed, rows, ImportOptions())


def grades(database) -> int:
    with database.session_factory() as s:
        return s.scalar(select(func.count()).select_from(PersonGrade)) or 0


def test_preview_writes_nothing_and_commit_writes_what_it_said(database, people) -> None:
    with database.session_factory.begin() as s:
        checked = preview(s, job())
    assert (checked.report.added, checked.report.written) == (2, False)
    assert set(checked.stamps) == set(people.values())
    assert grades(database) == 0
    with database.session_factory.begin() as s:
        report = commit(s, checked)
    assert (report.added, report.updated, report.written) == (2, 0, True)
    assert grades(database) == 2


def test_commit_is_refused_when_a_matched_person_changed(database, people) -> None:
    with database.session_factory.begin() as s:
        checked = preview(s, job())
    with database.session_factory.begin() as s:  # another clerk edits Bình meanwhile
        s.get(Person, people["binh"]).note = "đã chuyển công tác"
    with database.session_factory.begin() as s, pytest.raises(ConflictError) as exc:
        commit(s, checked)
    assert "Trần Thị Bình" in str(exc.value) and "chưa ghi gì" in str(exc.value)
    assert grades(database) == 0
