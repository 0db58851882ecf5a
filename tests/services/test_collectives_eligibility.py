"""Collectives in ``evaluate_year`` (issue 12, points 4 and 6): members' grades as the person
rules see them, the agency's own row, renamed and merged units, clusters."""

from __future__ import annotations

from datetime import date

import pytest

from app.db.models import Discipline, PersonGrade, UnitGrade
from app.domain.clusters import ClusterInput
from app.domain.people import PersonInput
from app.domain.units import UnitInput
from app.services import clusters as cluster_svc
from app.services import people as people_svc
from app.services import units as unit_svc
from app.services.eligibility import evaluate_year

Y = 2025


def _person(s, unit_id: int, n: int) -> int:
    return people_svc.create_person(
        s,
        PersonInput(ho_dem="Nguyễn Văn", ten=f"Thành Viên {n:02d}", birth_date=date(1985, 1, n)),
        unit_id=unit_id,
        position_title="Chuyên viên",
        start_date=date(2015, 1, 1),
    )


def _staff(s, unit_id: int, n: int = 10, *, first: int = 1) -> list[int]:
    """``n`` people graded this year: the first HTXSNV (CSTĐCS), the others HTTNV (LĐTT)."""
    ids = []
    for i in range(n):
        pid = _person(s, unit_id, first + i)
        grade = "HTXSNV" if i == 0 else "HTTNV"
        s.add(PersonGrade(person_id=pid, year=Y, grade=grade, months_worked=12))
        ids.append(pid)
    return ids


@pytest.fixture
def tree(database):
    with database.session_factory.begin() as s:
        root = unit_svc.create_unit(
            s, UnitInput(code="SO", full_name="Sở Nông nghiệp và Môi trường", kind="CO_QUAN")
        )
        office = unit_svc.create_unit(
            s, UnitInput(code="VP", full_name="Văn phòng Sở", parent_id=root.id, kind="VAN_PHONG")
        )
        people = _staff(s, office.id)
        for uid in (root.id, office.id):
            s.add(UnitGrade(unit_id=uid, year=Y, grade="HTXSNV"))
    return {"root": root.id, "office": office.id, "people": people}


def _units(rows, title: str) -> dict[int, object]:
    return {r.subject_id: r.verdict for r in rows if r.subject == "unit" and r.title == title}


def test_a_member_with_a_penalty_in_the_year_counts_as_khtnv(database, tree) -> None:
    with database.session_factory() as s:
        before = _units(evaluate_year(s, Y), "TTLDXS")
    assert before[tree["office"]].eligible, before[tree["office"]].explanation
    with database.session_factory.begin() as s:
        s.add(
            Discipline(
                person_id=tree["people"][3],
                kind="KHIEN_TRACH",
                start_date=date(Y, 3, 1),
                end_date=date(Y, 9, 1),
            )
        )
    with database.session_factory() as s:
        rows = evaluate_year(s, Y)
    after = _units(rows, "TTLDXS")[tree["office"]]
    assert after.verdict == "not_eligible"
    members = next(c for c in after.conditions if c.key == "MEMBERS_GRADE")
    assert members.met is False
    # the person rules' own reason (X9), with the member's name
    assert members.text.startswith(
        "Chưa đạt 100% cá nhân hoàn thành nhiệm vụ: 1 cá nhân dưới Hoàn thành nhiệm vụ "
        "(Nguyễn Văn Thành Viên "
        "04: bị kỷ luật "
    )
    assert "nên xếp loại" in members.text
    # TTLĐTT bars only cảnh cáo or heavier: a khiển trách leaves 9/10 LĐTT, still eligible
    assert _units(rows, "TTLDTT")[tree["office"]].eligible


def test_the_agency_at_the_top_of_the_tree_is_evaluated_with_everyone(database, tree) -> None:
    with database.session_factory() as s:
        rows = evaluate_year(s, Y)
    root = [r for r in rows if r.subject == "unit" and r.subject_id == tree["root"]]
    assert {r.title for r in root} >= {"TTLDTT", "TTLDXS", "CO_TINH"}
    assert root[0].unit == "" and root[0].members is not None
    assert root[0].members.total == 10  # the office's staff are the agency's
    assert next(r for r in root if r.title == "TTLDXS").verdict.eligible


def test_top_level_units_without_a_common_root_are_evaluated(database) -> None:
    with database.session_factory.begin() as s:
        alone = unit_svc.create_unit(s, UnitInput(code="A", full_name="Phòng A", kind="PHONG"))
        _staff(s, alone.id, 4)
        s.add(UnitGrade(unit_id=alone.id, year=Y, grade="HTTNV"))
    with database.session_factory() as s:
        rows = _units(evaluate_year(s, Y), "TTLDTT")
    assert rows[alone.id].eligible


def _set_everywhere(s, key: str, value: object) -> None:
    """The clerk changes a rule parameter in every rule set (Tham số quy tắc)."""
    from app.services.rules import list_parameters, set_parameter

    for row in [r for r in list_parameters(s) if r.key == key]:
        set_parameter(s, row.rule_set, key, value, expected_version=row.version)


def test_members_of_sub_units_count_only_with_the_parameter(database, tree) -> None:
    with database.session_factory.begin() as s:
        _set_everywhere(s, "collective_members_include_subunits", False)
    with database.session_factory() as s:
        rows = evaluate_year(s, Y)
    assert tree["root"] not in _units(rows, "TTLDTT")  # nobody works at the root itself
    assert tree["office"] in _units(rows, "TTLDTT")


def test_a_renamed_unit_keeps_its_streak(database, tree) -> None:
    with database.session_factory.begin() as s:
        s.add(UnitGrade(unit_id=tree["office"], year=Y - 1, grade="HTXSNV"))
        s.flush()
        s.execute(UnitGrade.__table__.delete().where(UnitGrade.year == Y))
        new = unit_svc.rename_unit(
            s,
            tree["office"],
            new_full_name="Văn phòng Sở Nông nghiệp và Môi trường",
            effective=date(Y, 3, 1),
            new_code="VP2",
            expected_version=unit_svc.get_unit(s, tree["office"]).version,
        )
        s.add(UnitGrade(unit_id=new.id, year=Y, grade="HTXSNV"))
    with database.session_factory() as s:
        verdict = _units(evaluate_year(s, Y), "BK_TINH")[new.id]
    assert verdict.eligible, verdict.explanation
    streak = next(c for c in verdict.conditions if c.key == "STREAK")
    assert streak.text == (
        "Có 02 năm liên tục Hoàn thành xuất sắc nhiệm vụ hoặc TTLĐXS (2024, 2025; năm 2024 mang tên "
        "Văn phòng Sở)"
    )


def test_a_merged_unit_needs_review_then_counts_with_the_parameter(database, tree) -> None:
    with database.session_factory.begin() as s:
        other = unit_svc.create_unit(
            s, UnitInput(code="P", full_name="Phòng Pháp chế", parent_id=tree["root"])
        )
        for uid in (tree["office"], other.id):
            s.add(UnitGrade(unit_id=uid, year=Y - 1, grade="HTXSNV"))
        s.flush()
        s.execute(UnitGrade.__table__.delete().where(UnitGrade.year == Y))
        merged = unit_svc.merge_units(
            s,
            [tree["office"], other.id],
            UnitInput(code="VPPC", full_name="Văn phòng - Pháp chế", parent_id=tree["root"]),
            date(Y, 3, 1),
            expected_versions={
                u: unit_svc.get_unit(s, u).version for u in (tree["office"], other.id)
            },
        )
        s.add(UnitGrade(unit_id=merged.id, year=Y, grade="HTXSNV"))
    with database.session_factory() as s:
        verdict = _units(evaluate_year(s, Y), "BK_TINH")[merged.id]
    assert verdict.verdict == "needs_review"
    assert verdict.explanation.startswith(
        "Đơn vị hình thành do sáp nhập Văn phòng Sở, Phòng Pháp chế (hết hoạt động 28/02/2025): "
        "chưa tính thành tích trước sáp nhập, cần xem xét (Văn phòng Sở: 2024 Hoàn thành xuất "
        "sắc nhiệm vụ; Phòng Pháp chế: 2024 Hoàn thành xuất sắc nhiệm vụ)"
    )
    with database.session_factory.begin() as s:
        _set_everywhere(s, "unit_merge_counts_predecessors", True)
    with database.session_factory() as s:
        verdict = _units(evaluate_year(s, Y), "BK_TINH")[merged.id]
    assert verdict.eligible, verdict.explanation


def test_cluster_results_drive_the_province_flag(database, tree) -> None:
    with database.session_factory() as s:
        co = _units(evaluate_year(s, Y), "CO_TINH")[tree["root"]]
    assert co.verdict == "needs_review"  # no cluster entered: never met
    with database.session_factory.begin() as s:
        bloc = cluster_svc.create_cluster(
            s, Y, ClusterInput("Khối các sở kinh tế", "KHOI", "UBND_TINH")
        )
        bloc = cluster_svc.add_members(s, bloc.id, [tree["root"]])
    with database.session_factory() as s:
        co = _units(evaluate_year(s, Y), "CO_TINH")[tree["root"]]
    assert co.verdict == "needs_review"
    assert co.explanation.startswith("Chưa nhập kết quả bình xét của Khối các sở kinh tế năm 2025")
    with database.session_factory.begin() as s:
        cluster_svc.set_result(s, bloc.members[0].id, "DAN_DAU")
    with database.session_factory() as s:
        rows = evaluate_year(s, Y)
    co = _units(rows, "CO_TINH")[tree["root"]]
    assert co.eligible, co.explanation
    # the office is in no cluster of the province, which has its clusters entered
    office = _units(rows, "CO_TINH")[tree["office"]]
    assert office.verdict == "not_eligible"
    assert office.explanation.startswith(
        "Không là thành viên cụm, khối thi đua nào do UBND tỉnh tổ chức năm 2025"
    )


def test_a_fresh_database_gets_the_agency_at_import_and_its_collective_rows(
    database, tmp_path
) -> None:
    """The staff import creates the agency's root unit from the agency settings when the
    database has none (``--create-units``); evaluation then lists it with everyone."""
    from openpyxl import Workbook
    from sqlalchemy import select

    from app.cli import main
    from app.db.models import Person, Unit
    from app.services.database import open_database

    book = Workbook()
    for row in (
        ["STT", "Họ và tên", "Ngày sinh", "Chức vụ", "Đơn vị công tác"],
        [1, "Nguyễn Văn An", "03/04/1980", "Trưởng phòng", "Phòng Kế hoạch - Tài chính"],
        [2, "Trần Thị Bình", "05/02/1985", "Chuyên viên", "Phòng Kế hoạch - Tài chính"],
        [3, "Lê Minh Châu", "01/01/1990", "Chuyên viên", "Văn phòng"],
    ):
        book.active.append(row)
    book.save(tmp_path / "canbo.xlsx")
    url = database.url
    database.dispose()
    assert (
        main(["import", "staff", str(tmp_path / "canbo.xlsx"), "--db", url, "--create-units"]) == 0
    )
    db = open_database(url, backup_folder=tmp_path / "backups")
    try:
        with db.session_factory.begin() as s:
            for pid in s.scalars(select(Person.id)):
                s.add(PersonGrade(person_id=pid, year=Y, grade="HTTNV", months_worked=12))
            roots = s.scalars(select(Unit).where(Unit.parent_id.is_(None))).all()
            assert [u.full_name.upper() for u in roots] == ["SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG"]
        with db.session_factory() as s:
            rows = [r for r in evaluate_year(s, Y, title="TTLDTT") if r.subject == "unit"]
    finally:
        db.dispose()
    totals = {r.name: r.members.total for r in rows if r.members is not None}
    assert totals == {
        roots[0].full_name: 3,
        "Phòng Kế hoạch - Tài chính": 2,
        "Văn phòng": 1,
    }
