"""Staff directory service (issue 3): listing, search, ordering, duplicates, merge, transfers."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import func, select

from app.db.models import (
    Assignment,
    AuditLog,
    AwardRecord,
    Initiative,
    InitiativeAuthor,
    Person,
    PersonGrade,
)
from app.domain.errors import ConflictError, ValidationError
from app.domain.people import PersonInput
from app.domain.units import UnitInput
from app.services import people as svc
from app.services import units as unit_svc
from app.services.people import DuplicatePersonError


@pytest.fixture
def org(database):
    with database.session_factory.begin() as s:
        root = unit_svc.create_unit(
            s, UnitInput(code="SO", full_name="Sở Nông nghiệp và Môi trường", kind="CO_QUAN")
        )
        vp = unit_svc.create_unit(
            s, UnitInput(code="VP", full_name="Văn phòng Sở", parent_id=root.id, kind="VAN_PHONG")
        )
        kl = unit_svc.create_unit(
            s,
            UnitInput(code="CCKL", full_name="Chi cục Kiểm lâm", parent_id=root.id, kind="CHI_CUC"),
        )
        hat = unit_svc.create_unit(
            s, UnitInput(code="HAT1", full_name="Hạt Kiểm lâm số 1", parent_id=kl.id, kind="HAT")
        )
    return {"root": root.id, "vp": vp.id, "kl": kl.id, "hat": hat.id}


def _add(s, ho_dem, ten, unit, title="Chuyên viên", allow_duplicate=False, **kw):
    return svc.create_person(
        s,
        PersonInput(ho_dem=ho_dem, ten=ten, **kw),
        unit_id=unit,
        position_title=title,
        start_date=date(2020, 1, 1),
        allow_duplicate=allow_duplicate,
    )


@pytest.fixture
def staff(database, org):
    with database.session_factory.begin() as s:
        ids = {
            "a": _add(
                s,
                "Nguyễn Văn",
                "Á",
                org["vp"],
                birth_date=date(1985, 2, 3),
                gender="NAM",
                staff_code="nv01",
            ),
            "dung": _add(
                s,
                "Đỗ Thị",
                "Dung",
                org["hat"],
                "Hạt trưởng",
                gender="NU",
                citizen_id="001085012345",
            ),
            "an": _add(s, "Trần Văn", "An", org["vp"], "Chánh Văn phòng", birth_year=1970),
            "anh": _add(s, "Lê Thị", "Ánh", org["kl"], "Chi cục trưởng"),
            "ba": _add(s, "Phạm", "Ba", org["vp"]),
        }
    return ids


def _names(rows):
    return [r.full_name for r in rows]


def test_list_people_has_current_unit_and_position(database, org, staff) -> None:
    with database.session_factory() as s:
        rows = {r.id: r for r in svc.list_people(s)}
    assert rows[staff["dung"]].unit_name == "Hạt Kiểm lâm số 1"
    assert rows[staff["dung"]].position_title == "Hạt trưởng"
    assert rows[staff["a"]].staff_code == "NV01"  # normalised to upper case
    assert rows[staff["an"]].subject_category == "LD_PHO_PHONG"
    assert rows[staff["ba"]].subject_category == "TRUC_TIEP"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("nguyen van a", ["Nguyễn Văn Á"]),
        ("NGUYỄN", ["Nguyễn Văn Á"]),
        ("d", ["Đỗ Thị Dung"]),
        ("do thi", ["Đỗ Thị Dung"]),
        ("nv01", ["Nguyễn Văn Á"]),
        ("001085", ["Đỗ Thị Dung"]),
        ("anh le", ["Lê Thị Ánh"]),
        ("khong co ai", []),
        ("a", ["Nguyễn Văn Á", "Trần Văn An", "Lê Thị Ánh"]),  # word starts only: not "Phạm Ba"
    ],
)
def test_search_ignores_case_and_diacritics(database, staff, query, expected) -> None:
    with database.session_factory() as s:
        rows = svc.list_people(s)
    assert sorted(_names(svc.filter_people(rows, query))) == sorted(expected)


def test_unit_filter_includes_sub_units_and_status(database, org, staff) -> None:
    with database.session_factory.begin() as s:
        svc.mark_left(s, staff["ba"], date(2025, 6, 30), "Nghỉ hưu", expected_version=1)
    with database.session_factory() as s:
        rows = svc.list_people(s)
        units = unit_svc.list_units(s)
    kl_tree = unit_svc.subtree_ids(units, org["kl"])
    assert sorted(_names(svc.filter_people(rows, unit_ids=kl_tree))) == [
        "Lê Thị Ánh",
        "Đỗ Thị Dung",
    ]
    assert _names(svc.filter_people(rows, status="left")) == ["Phạm Ba"]
    assert "Phạm Ba" not in _names(svc.filter_people(rows))
    assert len(svc.filter_people(rows, status="all")) == 5


def test_standard_order_and_name_order(database, org, staff) -> None:
    with database.session_factory() as s:
        rows = svc.list_people(s)
    standard = [r.full_name for r in sorted(rows, key=lambda r: r.standard_order)]
    # unit order (Văn phòng, Chi cục, Hạt), position rank, then tên.
    assert standard == ["Trần Văn An", "Nguyễn Văn Á", "Phạm Ba", "Lê Thị Ánh", "Đỗ Thị Dung"]
    by_name = [r.ten for r in sorted(rows, key=lambda r: r.name_order)]
    assert by_name == ["Á", "An", "Ánh", "Ba", "Dung"]


def test_duplicate_warning_on_same_name_and_birth_date(database, org, staff) -> None:
    with pytest.raises(DuplicatePersonError) as exc, database.session_factory.begin() as s:
        _add(s, "Nguyễn  Văn", "á", org["kl"], birth_date=date(1985, 2, 3))
    assert exc.value.candidates[0].id == staff["a"]
    assert "ngày sinh" in exc.value.candidates[0].reasons[0]
    with database.session_factory.begin() as s:  # the clerk confirms: a different person
        _add(s, "Nguyễn Văn", "Á", org["kl"], birth_date=date(1985, 2, 3), allow_duplicate=True)
    with database.session_factory() as s:
        assert s.scalar(select(func.count()).select_from(Person)) == 6


def test_same_staff_code_or_citizen_id_is_refused(database, org, staff) -> None:
    with (
        pytest.raises(ValidationError, match="Mã cán bộ NV01 đã thuộc về Nguyễn Văn Á"),
        database.session_factory.begin() as s,
    ):
        _add(s, "Hoàng", "Minh", org["vp"], staff_code="NV01", allow_duplicate=True)
    with pytest.raises(ValidationError, match="CCCD"), database.session_factory.begin() as s:
        _add(s, "Hoàng", "Minh", org["vp"], citizen_id="001 085 012 345")


def test_invalid_person_input(database, org) -> None:
    with pytest.raises(ValidationError) as exc, database.session_factory.begin() as s:
        _add(s, "Hoàng", " ", org["vp"], citizen_id="12ab", birth_year=2030)
    assert len(exc.value.problems) == 3


def test_transfer_keeps_history(database, org, staff) -> None:
    with database.session_factory.begin() as s:
        svc.transfer_person(
            s, staff["ba"], org["hat"], "Kiểm lâm viên", date(2026, 1, 1), expected_version=1
        )
    with database.session_factory() as s:
        detail = svc.get_person(s, staff["ba"])
        rows = svc.list_people(s, on=date(2026, 2, 1))
    assert [(a.unit_name, a.end_date) for a in detail.assignments] == [
        ("Văn phòng Sở", date(2025, 12, 31)),
        ("Hạt Kiểm lâm số 1", None),
    ]
    assert next(r for r in rows if r.id == staff["ba"]).unit_name == "Hạt Kiểm lâm số 1"
    with (
        pytest.raises(ValidationError, match="sau ngày bắt đầu"),
        database.session_factory.begin() as s,
    ):
        svc.transfer_person(
            s, staff["ba"], org["vp"], "Chuyên viên", date(2025, 6, 1), expected_version=2
        )


def test_mark_left_keeps_the_record(database, staff) -> None:
    with database.session_factory.begin() as s:
        svc.mark_left(s, staff["an"], date(2025, 12, 31), "Nghỉ hưu", expected_version=1)
    with database.session_factory() as s:
        detail = svc.get_person(s, staff["an"])
    assert not detail.active and detail.left_reason == "Nghỉ hưu"
    assert detail.assignments[-1].end_date == date(2025, 12, 31)


def test_grade_rules(database, staff) -> None:
    with database.session_factory.begin() as s:
        svc.set_grade(s, staff["a"], 2025, "HTXSNV", 12, expected_version=0)
        svc.set_grade(s, staff["a"], 2025, "HTTNV", 12, expected_version=1)  # replaces
    with (
        pytest.raises(ValidationError, match="dưới 6 tháng"),
        database.session_factory.begin() as s,
    ):
        svc.set_grade(s, staff["a"], 2024, "HTTNV", 4, expected_version=0)
    with database.session_factory() as s:
        assert [(g.year, g.grade) for g in svc.get_person(s, staff["a"]).grades] == [
            (2025, "HTTNV")
        ]


def test_merge_duplicates_moves_all_history(database, org, staff) -> None:
    with database.session_factory.begin() as s:
        dup = _add(
            s,
            "Nguyễn Văn",
            "Á",
            org["kl"],
            birth_date=date(1985, 2, 3),
            citizen_id="001085099999",
            allow_duplicate=True,
        )
        svc.set_grade(s, staff["a"], 2024, "HTTNV", 12, expected_version=0)
        svc.set_grade(s, dup, 2024, "HTNV", 12, expected_version=0)
        svc.set_grade(s, dup, 2023, "HTXSNV", 12, expected_version=0)
        s.add(
            AwardRecord(subject_kind="CA_NHAN", person_id=dup, catalogue_code="CSTDCS", year=2023)
        )
        ini = Initiative(
            title="Sáng kiến số hóa hồ sơ", kind="SANG_KIEN", scope="PV_CO_SO", year=2023
        )
        s.add(ini)
        s.flush()
        s.add_all(
            [
                InitiativeAuthor(initiative_id=ini.id, person_id=dup),
                InitiativeAuthor(initiative_id=ini.id, person_id=staff["a"], author_order=2),
            ]
        )
    with database.session_factory() as s:
        groups = svc.duplicate_groups(s)
    assert [sorted(c.id for c in g) for g in groups] == [sorted([staff["a"], dup])]
    versions = {c.id: c.version for c in groups[0]}
    with database.session_factory.begin() as s:
        svc.merge_people(
            s, staff["a"], dup, keep_version=versions[staff["a"]], drop_version=versions[dup]
        )
    with database.session_factory() as s:
        assert s.get(Person, dup) is None
        kept = s.get(Person, staff["a"])
        assert kept.citizen_id == "001085099999"
        grades = dict(
            s.execute(
                select(PersonGrade.year, PersonGrade.grade).where(
                    PersonGrade.person_id == staff["a"]
                )
            ).all()
        )
        assert grades == {2024: "HTTNV", 2023: "HTXSNV"}
        assert s.scalar(select(AwardRecord.person_id)) == staff["a"]
        assert s.scalars(select(InitiativeAuthor.person_id)).all() == [staff["a"]]
        units = {
            a.unit_id
            for a in s.scalars(select(Assignment).where(Assignment.person_id == staff["a"]))
        }
        assert units == {org["vp"], org["kl"]}
        log = s.scalars(select(AuditLog).where(AuditLog.action == "MERGE")).one()
        assert "bỏ xếp loại 2024" in log.note
        deleted = s.scalars(
            select(AuditLog).where(AuditLog.action == "DELETE", AuditLog.table_name == "person")
        ).one()
        assert json.loads(deleted.before)["id"] == dup
        assert svc.duplicate_groups(s) == []


def test_a_merge_of_records_changed_since_they_were_shown_is_refused(database, org, staff) -> None:
    with database.session_factory.begin() as s:
        dup = _add(
            s, "Nguyễn Văn", "Á", org["kl"], birth_date=date(1985, 2, 3), allow_duplicate=True
        )
        svc.set_grade(s, dup, 2023, "HTXSNV", 12, expected_version=0)
    with database.session_factory() as s:
        shown = {c.id: c.version for c in svc.duplicate_groups(s)[0]}

    def state() -> tuple[object, ...]:
        with database.session_factory() as s:
            return (
                s.scalars(select(Person.id).order_by(Person.id)).all(),
                s.execute(select(PersonGrade.person_id, PersonGrade.year)).all(),
                s.scalars(select(Person.citizen_id).where(Person.id == staff["a"])).one(),
                s.scalars(select(AuditLog.id).where(AuditLog.action == "MERGE")).all(),
            )

    # another clerk sets the CCCD of the record kept, then of the record merged
    for changed, cccd in ((staff["a"], "001085011111"), (dup, "001085022222")):
        with database.session_factory.begin() as s:
            detail = svc.get_person(s, changed)
            svc.update_person(
                s,
                changed,
                replace(detail.data, citizen_id=cccd),
                expected_version=detail.version,
                allow_duplicate=True,
            )
        before = state()
        with pytest.raises(ConflictError), database.session_factory.begin() as s:
            svc.merge_people(
                s, staff["a"], dup, keep_version=shown[staff["a"]], drop_version=shown[dup]
            )
        assert state() == before  # nothing merged, nothing lost
    # read again, the merge goes through and keeps the CCCD typed meanwhile
    with database.session_factory() as s:
        fresh = {c.id: c.version for c in svc.duplicate_groups(s)[0]}
    assert fresh[staff["a"]] > shown[staff["a"]] and fresh[dup] > shown[dup]
    with database.session_factory.begin() as s:
        version = svc.merge_people(
            s, staff["a"], dup, keep_version=fresh[staff["a"]], drop_version=fresh[dup]
        )
    with database.session_factory() as s:
        kept = s.get(Person, staff["a"])
        assert s.get(Person, dup) is None
        assert (kept.citizen_id, kept.version) == ("001085011111", version)


def test_grade_months_rule_uses_the_rule_set_parameter(database, staff) -> None:
    from app.domain.people import grade_months_problem
    from app.services.eligibility import min_grade_months

    minimum = min_grade_months(2025)
    assert minimum == 6
    assert min_grade_months(2019) == minimum  # history before the first rule set
    assert grade_months_problem("HTTNV", minimum, minimum) is None  # on the boundary: graded
    assert "dưới 6 tháng" in grade_months_problem("HTTNV", minimum - 1, minimum)
    assert grade_months_problem("KXL", 2, minimum) is None
    with database.session_factory.begin() as s:
        svc.set_grade(s, staff["a"], 2025, "KXL", 5, expected_version=0)  # not graded: allowed
