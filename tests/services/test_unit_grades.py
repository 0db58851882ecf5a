"""Collective grades typed by the clerk (issue 5): list, set (replace), delete, audited."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from app.db.models import AuditLog, UnitGrade
from app.domain.errors import NotFoundError, ValidationError
from app.domain.units import UnitInput
from app.services import units as unit_svc
from app.services.unit_grades import (
    delete_unit_grade,
    grade_choices,
    list_unit_grades,
    set_unit_grade,
    validate_unit_grade,
)


@pytest.fixture
def org(database):
    with database.session_factory.begin() as s:
        root = unit_svc.create_unit(
            s, UnitInput(code="SO", full_name="Sở Nông nghiệp và Môi trường", kind="CO_QUAN")
        )
        vp = unit_svc.create_unit(
            s, UnitInput(code="VP", full_name="Văn phòng Sở", parent_id=root.id, kind="VAN_PHONG")
        )
        old = unit_svc.create_unit(
            s,
            UnitInput(
                code="PKH",
                full_name="Phòng Kế hoạch",
                parent_id=root.id,
                valid_from=date(2018, 3, 1),
            ),
        )
        renamed = unit_svc.rename_unit(
            s,
            old.id,
            new_full_name="Phòng Kế hoạch - Tài chính",
            effective=date(2024, 1, 1),
            new_code="PKHTC",
            expected_version=old.version,
        )
    return {"vp": vp.id, "old": old.id, "new": renamed.id}


def test_set_list_replace_and_delete(database, org) -> None:
    with database.session_factory.begin() as s:
        first = set_unit_grade(s, org["vp"], 2023, "HTTNV", "  theo  QĐ 12  ", expected_version=0)
        set_unit_grade(s, org["vp"], 2024, "HTXSNV", expected_version=0)
    assert (first.year, first.grade, first.grade_name, first.note) == (
        2023,
        "HTTNV",
        "Hoàn thành tốt nhiệm vụ",
        "theo QĐ 12",
    )
    with database.session_factory() as s:
        grades = list_unit_grades(s, org["vp"])
    assert [(g.year, g.grade) for g in grades] == [(2024, "HTXSNV"), (2023, "HTTNV")]

    with database.session_factory.begin() as s:  # the same year again: replaced, not doubled
        replaced = set_unit_grade(s, org["vp"], 2023, "HTXSNV", None, expected_version=1)
    assert replaced.id == first.id and replaced.note is None
    with database.session_factory.begin() as s:
        delete_unit_grade(s, grades[0].id, expected_version=grades[0].version)
        assert [(g.year, g.grade) for g in list_unit_grades(s, org["vp"])] == [(2023, "HTXSNV")]
        with pytest.raises(NotFoundError):
            delete_unit_grade(s, grades[0].id, expected_version=grades[0].version)


def test_changes_are_audited_with_the_user(database, org) -> None:
    with database.session_factory.begin() as s:
        set_unit_grade(s, org["vp"], 2024, "HTNV", expected_version=0)
    with database.session_factory() as s:
        row = s.scalars(select(UnitGrade)).one()
        assert row.created_by == "kiemthu"
        logged = s.scalars(select(AuditLog).where(AuditLog.table_name == "unit_grade")).all()
    assert logged


@pytest.mark.parametrize(
    ("year", "grade", "expected"),
    [
        (2024, "XUAT_SAC", "không có trong danh mục"),
        (2024, "", "Chưa chọn xếp loại"),
        (1989, "HTNV", "Năm 1989 không hợp lệ"),
        (date.today().year + 2, "HTNV", "không hợp lệ"),
    ],
)
def test_bad_input_is_refused_and_nothing_written(database, org, year, grade, expected) -> None:
    with database.session_factory() as s, pytest.raises(ValidationError) as caught:
        set_unit_grade(s, org["vp"], year, grade, expected_version=0)
    assert any(expected in p for p in caught.value.problems)
    with database.session_factory() as s:
        assert list_unit_grades(s, org["vp"]) == []


def test_years_follow_the_history_of_the_unit(database, org) -> None:
    with database.session_factory() as s:
        with pytest.raises(ValidationError, match="đã kết thúc ngày 31/12/2023"):
            # 2024 belongs to the successor
            set_unit_grade(s, org["old"], 2024, "HTNV", expected_version=0)
        with pytest.raises(ValidationError, match="hoạt động từ 01/03/2018"):
            set_unit_grade(s, org["old"], 2017, "HTNV", expected_version=0)
    with database.session_factory.begin() as s:
        set_unit_grade(s, org["old"], 2023, "HTNV", expected_version=0)  # its last year
        set_unit_grade(s, org["old"], 2018, "HTNV", expected_version=0)  # its first (partial) year
        set_unit_grade(s, org["new"], 2024, "HTTNV", expected_version=0)
    with database.session_factory() as s:
        assert [g.year for g in list_unit_grades(s, org["old"])] == [2023, 2018]
        assert [g.year for g in list_unit_grades(s, org["new"])] == [2024]


def test_unknown_unit(database) -> None:
    with database.session_factory() as s:
        with pytest.raises(NotFoundError):
            set_unit_grade(s, 999, 2024, "HTNV", expected_version=0)
        with pytest.raises(NotFoundError):
            list_unit_grades(s, 999)


def test_validation_without_a_database() -> None:
    today = date(2026, 3, 1)
    assert validate_unit_grade(2027, "HTNV", today) == []
    assert validate_unit_grade(2028, "HTNV", today) == ["Năm 2028 không hợp lệ (từ 1990 đến 2027)"]
    codes = [code for code, _ in grade_choices()]
    assert codes[:4] == ["HTXSNV", "HTTNV", "HTNV", "KHTNV"]
