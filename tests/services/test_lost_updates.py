"""No lost update, record kind by record kind: two clerks open the same record, clerk A saves,
clerk B then saves the form B loaded earlier. B's save is refused with the reload message and
A's change stays (SQLite here; PostgreSQL when ``TDKT_TEST_DB_URL`` is set, as
``.ci/postgres.sh`` runs it).

Services compare the version the screen showed with the stored one; records without a
service that edits them (awards, initiatives, households, catalogue items) are protected by
the database itself: an ``UPDATE ... WHERE version = ?`` that matches nothing is turned into the
same :class:`ConflictError` by ``AppContext.write``.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import (
    AwardRecord,
    CatalogueItemRow,
    CouncilSession,
    Household,
    Initiative,
    Person,
)
from app.domain.campaigns import CampaignInput
from app.domain.errors import CONFLICT_MESSAGE, ConflictError
from app.domain.people import PersonInput
from app.domain.person_facts import DisciplineFacts
from app.domain.settings import AgencySettings
from app.domain.units import UnitInput
from app.services import campaigns as camp_svc
from app.services import money as money_svc
from app.services import people as people_svc
from app.services import rules as rules_svc
from app.services import settings as settings_svc
from app.services import unit_grades as unit_grade_svc
from app.services import units as unit_svc
from app.services.context import AppContext

CCCD = "001085012345"


@pytest.fixture
def ctx(database) -> AppContext:
    return database.context()


@pytest.fixture
def org(ctx: AppContext) -> dict[str, int]:
    def build(s: Session) -> dict[str, int]:
        so = unit_svc.create_unit(s, UnitInput(code="SO", full_name="Sở", kind="CO_QUAN"))
        vp = unit_svc.create_unit(
            s, UnitInput(code="VP", full_name="Văn phòng Sở", parent_id=so.id, kind="VAN_PHONG")
        )
        kl = unit_svc.create_unit(
            s, UnitInput(code="KL", full_name="Chi cục Kiểm lâm", parent_id=so.id, kind="CHI_CUC")
        )
        an = people_svc.create_person(
            s,
            PersonInput(ho_dem="Lê Văn", ten="An", birth_date=date(1985, 1, 1)),
            unit_id=vp.id,
            start_date=date(2020, 1, 1),
        )
        return {"so": so.id, "vp": vp.id, "kl": kl.id, "an": an}

    return ctx.write(build)


def _refused(ctx: AppContext, fn: Any, *args: Any, **kwargs: Any) -> None:
    with pytest.raises(ConflictError) as caught:
        ctx.write(fn, *args, **kwargs)
    assert str(caught.value) == CONFLICT_MESSAGE


# --- people ----------------------------------------------------------------------------------


def test_a_form_loaded_earlier_does_not_erase_the_cccd_just_set(
    ctx: AppContext, org: dict[str, int]
) -> None:
    """The case seen on PostgreSQL: B's form, read before A set the CCCD, erased it."""
    seen_by_a = ctx.read(people_svc.get_person, org["an"])
    seen_by_b = ctx.read(people_svc.get_person, org["an"])
    ctx.write(
        people_svc.update_person,
        org["an"],
        replace(seen_by_a.data, citizen_id=CCCD),
        expected_version=seen_by_a.version,
    )
    _refused(
        ctx,
        people_svc.update_person,
        org["an"],
        replace(seen_by_b.data, note="Anh B sửa ghi chú"),
        expected_version=seen_by_b.version,
    )
    now = ctx.read(people_svc.get_person, org["an"])
    assert (now.data.citizen_id, now.data.note, now.version) == (CCCD, None, 2)


def test_transfer_leave_and_reactivate_refuse_a_stale_person(
    ctx: AppContext, org: dict[str, int]
) -> None:
    shown = next(r for r in ctx.read(people_svc.list_people) if r.id == org["an"])
    ctx.write(
        people_svc.transfer_person,
        org["an"],
        org["kl"],
        "Kiểm lâm viên",
        date(2026, 1, 1),
        expected_version=shown.version,
    )
    _refused(  # B's list still shows An in the office
        ctx,
        people_svc.transfer_person,
        org["an"],
        org["so"],
        "Chuyên viên",
        date(2026, 2, 1),
        expected_version=shown.version,
    )
    _refused(
        ctx,
        people_svc.mark_left,
        org["an"],
        date(2026, 3, 1),
        "Nghỉ hưu",
        expected_version=shown.version,
    )
    detail = ctx.read(people_svc.get_person, org["an"])
    assert [a.unit_id for a in detail.assignments] == [org["vp"], org["kl"]]
    assert detail.active and detail.version == shown.version + 1
    ctx.write(people_svc.mark_left, org["an"], date(2026, 3, 1), "Nghỉ hưu", expected_version=2)
    _refused(ctx, people_svc.reactivate, org["an"], expected_version=2)
    assert not ctx.read(people_svc.get_person, org["an"]).active


# --- grades and discipline -------------------------------------------------------------------


def test_a_grade_typed_by_two_clerks_keeps_the_first(ctx: AppContext, org: dict[str, int]) -> None:
    """Both screens showed no 2025 grade (version 0): the second is not written over the first."""
    ctx.write(people_svc.set_grade, org["an"], 2025, "HTXSNV", 12, expected_version=0)
    _refused(ctx, people_svc.set_grade, org["an"], 2025, "HTNV", 12, expected_version=0)
    [grade] = ctx.read(people_svc.get_person, org["an"]).grades
    assert (grade.grade, grade.version) == ("HTXSNV", 1)
    _refused(ctx, people_svc.delete_grade, grade.id, expected_version=0)
    ctx.write(people_svc.set_grade, org["an"], 2025, "HTTNV", 12, expected_version=1)
    _refused(ctx, people_svc.delete_grade, grade.id, expected_version=1)
    ctx.write(people_svc.delete_grade, grade.id, expected_version=2)
    assert ctx.read(people_svc.get_person, org["an"]).grades == []


def test_discipline_changed_meanwhile_is_not_overwritten(
    ctx: AppContext, org: dict[str, int]
) -> None:
    hold = DisciplineFacts("XEM_XET_KY_LUAT", date(2025, 5, 1))
    hold_id = ctx.write(people_svc.add_discipline, org["an"], "", date(2025, 5, 1), facts=hold)
    [shown] = ctx.read(people_svc.get_person, org["an"]).disciplines
    ended = replace(hold, outcome="KHONG_VI_PHAM", concluded_on=date(2025, 9, 1))
    ctx.write(people_svc.update_discipline, hold_id, ended, expected_version=shown.version)
    _refused(
        ctx,
        people_svc.update_discipline,
        hold_id,
        replace(hold, note="Anh B sửa"),
        expected_version=shown.version,
    )
    _refused(ctx, people_svc.delete_discipline, hold_id, expected_version=shown.version)
    [now] = ctx.read(people_svc.get_person, org["an"]).disciplines
    assert (now.outcome, now.note) == ("KHONG_VI_PHAM", None)


def test_unit_grades_of_two_clerks(ctx: AppContext, org: dict[str, int]) -> None:
    ctx.write(unit_grade_svc.set_unit_grade, org["vp"], 2025, "HTXSNV", expected_version=0)
    _refused(ctx, unit_grade_svc.set_unit_grade, org["vp"], 2025, "HTNV", expected_version=0)
    [grade] = ctx.read(unit_grade_svc.list_unit_grades, org["vp"])
    assert (grade.grade, grade.version) == ("HTXSNV", 1)
    ctx.write(unit_grade_svc.set_unit_grade, org["vp"], 2025, "HTTNV", expected_version=1)
    _refused(ctx, unit_grade_svc.delete_unit_grade, grade.id, expected_version=1)
    assert ctx.read(unit_grade_svc.list_unit_grades, org["vp"])[0].grade == "HTTNV"


# --- units -----------------------------------------------------------------------------------


def test_unit_edits_rename_dissolve_and_delete_refuse_a_stale_tree(
    ctx: AppContext, org: dict[str, int]
) -> None:
    shown = ctx.read(unit_svc.get_unit, org["kl"])
    ctx.write(
        unit_svc.update_unit,
        shown.id,
        replace(shown.as_input(), short_name="CCKL"),
        expected_version=shown.version,
    )
    _refused(
        ctx,
        unit_svc.update_unit,
        shown.id,
        replace(shown.as_input(), note="Anh B sửa"),
        expected_version=shown.version,
    )
    _refused(
        ctx,
        unit_svc.rename_unit,
        shown.id,
        new_full_name="Chi cục Kiểm lâm tỉnh",
        new_code="KL2",
        effective=date(2026, 1, 1),
        expected_version=shown.version,
    )
    _refused(ctx, unit_svc.dissolve_unit, shown.id, date(2026, 1, 1), expected_version=1)
    _refused(ctx, unit_svc.delete_unit, shown.id, expected_version=1)
    _refused(ctx, unit_svc.move_unit, shown.id, -1, expected_version=1)
    _refused(
        ctx,
        unit_svc.merge_units,
        [org["vp"], shown.id],
        UnitInput(code="VPKL", full_name="Văn phòng và Kiểm lâm"),
        date(2026, 1, 1),
        expected_versions={org["vp"]: 1, shown.id: 1},
    )
    now = ctx.read(unit_svc.get_unit, org["kl"])
    assert (now.short_name, now.note, now.valid_to, now.version) == ("CCKL", None, None, 2)


def test_a_renamed_parent_counts_as_a_change_of_its_children(
    ctx: AppContext, org: dict[str, int]
) -> None:
    """A rename moves the children under the successor: a form showing a child under the old
    parent must not put it back there."""
    child = ctx.read(unit_svc.get_unit, org["vp"])
    ctx.write(
        unit_svc.rename_unit,
        org["so"],
        new_full_name="Sở Nông nghiệp và Môi trường",
        new_code="SO2",
        effective=date(2025, 3, 1),
        expected_version=1,
    )
    _refused(
        ctx,
        unit_svc.update_unit,
        child.id,
        replace(child.as_input(), note="sửa theo cây cũ"),
        expected_version=child.version,
    )
    assert ctx.read(unit_svc.get_unit, org["vp"]).parent_id != org["so"]


# --- campaigns, settings, rule parameters, base salary ---------------------------------------


def test_campaigns(ctx: AppContext, org: dict[str, int]) -> None:
    shown, _created = ctx.write(camp_svc.ensure_regular_campaign, 2026)
    changed: CampaignInput = replace(shown.as_input(), note="Chị A sửa")
    saved = ctx.write(camp_svc.update_campaign, shown.id, changed, expected_version=shown.version)
    assert saved.version == shown.version + 1
    _refused(
        ctx,
        camp_svc.update_campaign,
        shown.id,
        replace(shown.as_input(), note="Anh B sửa"),
        expected_version=shown.version,
    )
    _refused(ctx, camp_svc.set_closed, shown.id, True, expected_version=shown.version)
    _refused(ctx, camp_svc.delete_campaign, shown.id, expected_version=shown.version)
    now = ctx.read(camp_svc.get_campaign, shown.id)
    assert (now.note, now.closed) == ("Chị A sửa", False)


def test_agency_settings(ctx: AppContext, org: dict[str, int]) -> None:
    version = ctx.read(settings_svc.agency_version)
    ctx.write(
        settings_svc.save_agency, AgencySettings(signer_name="Chị A"), expected_version=version
    )
    _refused(
        ctx, settings_svc.save_agency, AgencySettings(signer_name="Anh B"), expected_version=version
    )
    assert ctx.read(settings_svc.get_agency).signer_name == "Chị A"


def test_rule_parameters(ctx: AppContext, org: dict[str, int]) -> None:
    shown = next(
        r
        for r in ctx.read(rules_svc.list_parameters)
        if r.key == "min_months_for_grade" and r.editable
    )
    ctx.write(
        rules_svc.set_parameter,
        shown.rule_set,
        shown.key,
        8,
        expected_version=shown.version,
    )
    _refused(
        ctx, rules_svc.set_parameter, shown.rule_set, shown.key, 9, expected_version=shown.version
    )
    _refused(
        ctx, rules_svc.reset_parameter, shown.rule_set, shown.key, expected_version=shown.version
    )
    now = next(
        r
        for r in ctx.read(rules_svc.list_parameters)
        if (r.rule_set, r.key) == (shown.rule_set, shown.key)
    )
    assert (now.value, now.version) == (8, shown.version + 1)
    # another parameter of the same rule set is not held up by this one
    other = next(
        r
        for r in ctx.read(rules_svc.list_parameters)
        if r.rule_set == shown.rule_set and r.key != shown.key and type(r.shipped) is int
    )
    ctx.write(
        rules_svc.set_parameter,
        other.rule_set,
        other.key,
        other.shipped + 1,
        expected_version=other.version,
    )


def test_base_salary_steps(ctx: AppContext, org: dict[str, int]) -> None:
    shown = ctx.read(money_svc.salary_steps)[-1]
    ctx.write(
        money_svc.update_salary_step,
        shown.effective_from,
        replace(shown, legal_basis="Chị A sửa"),
        expected_version=shown.version,
    )
    _refused(
        ctx,
        money_svc.update_salary_step,
        shown.effective_from,
        replace(shown, amount=1),
        expected_version=shown.version,
    )
    _refused(
        ctx, money_svc.delete_salary_step, shown.effective_from, expected_version=shown.version
    )
    now = ctx.read(money_svc.salary_steps)[-1]
    assert (now.amount, now.legal_basis) == (shown.amount, "Chị A sửa")


# --- records changed only through the database: two overlapping transactions ----------------


def _overlap(ctx: AppContext, model: type, key: Any, column: str, a: Any, b: Any) -> None:
    """B reads the row, A changes it and commits, B saves what B read: refused, A's stays."""

    def set_value(s: Session, value: Any) -> None:
        setattr(s.get(model, key), column, value)

    def clerk_b(s: Session) -> None:
        row = s.get(model, key)
        assert row is not None
        ctx.write(set_value, a)
        setattr(row, column, b)

    with pytest.raises(ConflictError, match="vừa được người khác sửa"):
        ctx.write(clerk_b)
    assert ctx.read(lambda s: getattr(s.get(model, key), column)) == a


def test_awards_initiatives_households_catalogue_and_sessions_keep_the_first_save(
    ctx: AppContext, org: dict[str, int]
) -> None:
    def build(s: Session) -> dict[str, Any]:
        award = AwardRecord(
            subject_kind="CA_NHAN", person_id=org["an"], catalogue_code="CSTDCS", year=2024
        )
        initiative = Initiative(title="Số hóa hồ sơ", kind="SANG_KIEN", scope="CO_SO", year=2025)
        household = Household(name="Hộ ông Ba", identity_key="ho ong ba")
        meeting = CouncilSession(
            year=2025, meeting_date=date(2025, 12, 20), members_total=9, present=9
        )
        s.add_all([award, initiative, household, meeting])
        s.flush()
        return {
            "award": award.id,
            "initiative": initiative.id,
            "household": household.id,
            "meeting": meeting.id,
        }

    ids = ctx.write(build)
    _overlap(ctx, AwardRecord, ids["award"], "decision_number", "12/QĐ-A", "12/QĐ-B")
    _overlap(ctx, Initiative, ids["initiative"], "summary", "Chị A", "Anh B")
    _overlap(ctx, Household, ids["household"], "note", "Chị A", "Anh B")
    _overlap(ctx, CouncilSession, ids["meeting"], "place", "Phòng họp A", "Phòng họp B")
    _overlap(ctx, CatalogueItemRow, "CSTDCS", "legal_basis", "Chị A", "Anh B")
    _overlap(ctx, Person, org["an"], "note", "Chị A", "Anh B")
    with ctx.session_factory() as s:
        versions = {
            type(row).__name__: row.version
            for row in (
                s.get(AwardRecord, ids["award"]),
                s.get(Initiative, ids["initiative"]),
                s.scalar(select(CatalogueItemRow).where(CatalogueItemRow.code == "CSTDCS")),
            )
        }
    assert versions == {"AwardRecord": 2, "Initiative": 2, "CatalogueItemRow": 2}


def test_council_sessions(ctx: AppContext, org: dict[str, int]) -> None:
    from app.services import council as council_svc

    data = council_svc.SessionInput(
        year=2025, meeting_date=date(2025, 12, 20), members_total=9, present=9
    )
    session_id = ctx.write(council_svc.create_session, data)
    shown = ctx.read(council_svc.get_session, session_id)
    ctx.write(
        council_svc.update_session,
        session_id,
        replace(data, place="Phòng họp A"),
        expected_version=shown.version,
    )
    _refused(
        ctx,
        council_svc.update_session,
        session_id,
        replace(data, place="Phòng họp B"),
        expected_version=shown.version,
    )
    _refused(ctx, council_svc.delete_session, session_id, expected_version=shown.version)
    assert ctx.read(council_svc.get_session, session_id).place == "Phòng họp A"
