"""An import compares the versions its preview read with those at its commit: a grade, a person
or a unit another clerk changed (or removed) in between stops the commit, and the refusal names
the changed records; nothing is written."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from app.db.models import Assignment, Person, PersonGrade, Unit
from app.domain.errors import ConflictError
from app.domain.imports import ImportOptions
from app.domain.people import PersonInput
from app.domain.units import UnitInput
from app.services import units as unit_svc
from app.services.import_service import ImportJob, changed_records, commit, preview
from app.services.people import create_person, set_grade
from app.services.people_import import ParsedFile


class Row:
    """A parsed grade row of 2025, as the Excel layer hands it over."""

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
def org(database) -> dict[str, int]:
    """Two people of the Sở; An already has a 2025 grade (HTTNV) the file replaces."""
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
        set_grade(s, an, 2025, "HTTNV", 12, expected_version=0)
    return {"root": root.id, "an": an, "binh": binh}


def _job() -> ImportJob:
    rows = (
        Row(4, "Nguyễn Văn An", date(1980, 4, 3), "HTXSNV"),
        Row(5, "Trần Thị Bình", date(1985, 1, 2), "HTTNV"),
    )
    parsed = ParsedFile(kind="grades", file="xl.xlsx", sheet="DS", issues=(), columns={})
    return ImportJob("grades", parsed, rows, ImportOptions())


def _grades(database) -> list[tuple[int, str]]:
    with database.session_factory() as s:
        return [
            (g.person_id, g.grade)
            for g in s.scalars(select(PersonGrade).order_by(PersonGrade.person_id))
        ]


def test_the_preview_notes_the_versions_of_what_it_read(database, org) -> None:
    with database.session_factory.begin() as s:
        checked = preview(s, _job())
        assert changed_records(s, checked) == []
    assert ("person", org["an"]) in checked.versions
    assert ("person", org["binh"]) in checked.versions
    with database.session_factory() as s:
        grade_id = s.scalar(select(PersonGrade.id).where(PersonGrade.person_id == org["an"]))
    assert checked.versions[("person_grade", grade_id)] == 1


def test_a_grade_changed_after_the_preview_stops_the_commit(database, org) -> None:
    before = _grades(database)
    with database.session_factory.begin() as s:
        checked = preview(s, _job())
    with database.session_factory.begin() as s:  # another clerk corrects An's 2025 grade
        set_grade(s, org["an"], 2025, "HTNV", 12, expected_version=1)
    with database.session_factory.begin() as s, pytest.raises(ConflictError) as caught:
        commit(s, checked)
    message = str(caught.value)
    assert "xếp loại năm 2025 của Nguyễn Văn An" in message and "chưa ghi gì" in message
    assert "Trần Thị Bình" not in message  # only what changed is named
    assert _grades(database) == [(org["an"], "HTNV")] and before == [(org["an"], "HTTNV")]


def test_a_person_changed_or_removed_after_the_preview_is_named(database, org) -> None:
    with database.session_factory.begin() as s:
        checked = preview(s, _job())
    with database.session_factory.begin() as s:  # another clerk edits Bình's record
        s.get(Person, org["binh"]).note = "đã chuyển công tác"
    with database.session_factory.begin() as s, pytest.raises(ConflictError) as caught:
        commit(s, checked)
    assert "hồ sơ cán bộ Trần Thị Bình" in str(caught.value)
    with database.session_factory.begin() as s:  # ...and then removes it
        s.execute(Assignment.__table__.delete().where(Assignment.person_id == org["binh"]))
        s.delete(s.get(Person, org["binh"]))
    with database.session_factory.begin() as s, pytest.raises(ConflictError) as caught:
        commit(s, checked)
    assert "hồ sơ cán bộ (đã bị xóa)" in str(caught.value)
    with database.session_factory() as s:
        assert s.scalar(select(func.count()).select_from(PersonGrade)) == 1


def test_a_unit_read_by_the_preview_counts_too(database, org) -> None:
    with database.session_factory.begin() as s:
        checked = preview(s, _job())
        root = s.get(Unit, org["root"])  # the rows' people belong to the Sở...
        assert root is not None
    checked_with_unit = type(checked)(
        checked.job, checked.report, checked.stamps, {**checked.versions, ("unit", root.id): 1}
    )
    with database.session_factory.begin() as s:  # ...which another clerk renames meanwhile
        unit = unit_svc.get_unit(s, org["root"])
        unit_svc.update_unit(
            s,
            unit.id,
            UnitInput(**{**unit.as_input().__dict__, "short_name": "Sở NN&MT"}),
            expected_version=unit.version,
        )
    with database.session_factory.begin() as s:
        assert changed_records(s, checked_with_unit) == ["đơn vị Sở Nông nghiệp và Môi trường"]
    with database.session_factory.begin() as s:
        report = commit(s, checked)  # the preview that did not read the unit goes through
    assert report.written and _grades(database) == [(org["an"], "HTXSNV"), (org["binh"], "HTTNV")]
