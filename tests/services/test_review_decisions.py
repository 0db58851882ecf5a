"""The clerk's part of bình xét: overrides with a reason, manual conditions marked unmet,
rule parameters changed in settings (audited), quotas per title and unit kind."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from app.db.models import AuditLog, PersonGrade
from app.domain.errors import ConflictError, ValidationError
from app.domain.people import PersonInput
from app.domain.units import UnitInput
from app.services import people as people_svc
from app.services import quotas
from app.services import review as rv
from app.services import rules as rule_svc
from app.services import units as unit_svc
from app.services.eligibility import evaluate_year, min_grade_months, rule_sets

SET_2025 = rule_sets().for_year(2025).code  # the rule set of the 2025 review


@pytest.fixture
def office(database):
    """A department with six people: four HTXSNV (LĐTT and CSTĐCS-grade), two HTNV."""
    with database.session_factory.begin() as s:
        root = unit_svc.create_unit(s, UnitInput(code="SO", full_name="Sở", kind="CO_QUAN"))
        vp = unit_svc.create_unit(
            s, UnitInput(code="VP", full_name="Văn phòng Sở", parent_id=root.id, kind="VAN_PHONG")
        )
        ids = []
        for index, grade in enumerate(["HTXSNV"] * 4 + ["HTNV"] * 2):
            pid = people_svc.create_person(
                s,
                PersonInput(ho_dem="Lê Văn", ten=f"Tâm {index}", gender="NAM"),
                unit_id=vp.id,
                position_title="Chuyên viên",
                start_date=date(2015, 1, 1),
            )
            s.add(PersonGrade(person_id=pid, year=2025, grade=grade, months_worked=12))
            ids.append(pid)
    return {"vp": vp.id, "people": ids}


def _rows(database, year: int = 2025) -> dict[tuple[str, int], rv.CandidateRow]:
    with database.session_factory() as s:
        return {r.key: r for r in rv.candidates(s, year)}


def test_override_replaces_the_proposal_and_keeps_the_computed_one(database, office) -> None:
    pid = office["people"][0]
    before = _rows(database)[("person", pid)]
    assert before.computed == before.proposed and before.proposed is not None
    with database.session_factory.begin() as s:
        rv.set_override(s, 2025, "person", pid, None, "  Đang bị xem xét kỷ luật  ")
    after = _rows(database)[("person", pid)]
    assert after.proposed is None
    assert after.computed == before.computed
    assert after.override is not None and after.override.reason == "Đang bị xem xét kỷ luật"
    with database.session_factory.begin() as s:
        assert rv.clear_override(s, 2025, "person", pid)
        assert not rv.clear_override(s, 2025, "person", pid)
    assert _rows(database)[("person", pid)].proposed == before.computed


def test_override_needs_a_reason_and_a_title_for_the_subject(database, office) -> None:
    pid = office["people"][0]
    with database.session_factory.begin() as s:
        with pytest.raises(ValidationError, match="lý do"):
            rv.set_override(s, 2025, "person", pid, "LDTT", "   ")
        with pytest.raises(ValidationError, match="không dành cho cá nhân"):
            rv.set_override(s, 2025, "person", pid, "TTLDTT", "Lý do")
        with pytest.raises(ValidationError, match="Không có danh hiệu"):
            rv.set_override(s, 2025, "person", pid, "KHONG_CO", "Lý do")
        with pytest.raises(ValidationError, match="không dành cho tập thể"):
            rv.set_override(s, 2025, "unit", office["vp"], "LDTT", "Lý do")


def test_override_is_audited_and_conflicts_are_refused(database, office) -> None:
    pid = office["people"][1]
    with database.session_factory.begin() as s:
        first = rv.set_override(s, 2025, "person", pid, "LDTT", "Theo đề nghị của đơn vị")
    with database.session_factory.begin() as s:
        second = rv.set_override(
            s, 2025, "person", pid, "CSTDCS", "Có sáng kiến", expected_version=first.version
        )
    assert second.version == first.version + 1
    with database.session_factory.begin() as s, pytest.raises(ConflictError):
        rv.set_override(s, 2025, "person", pid, None, "Cũ", expected_version=first.version)
    with database.session_factory() as s:
        logged = s.scalars(select(AuditLog).where(AuditLog.table_name == "review_override")).all()
    assert len(logged) == 2
    assert "Có sáng kiến" in (logged[-1].after or "")


def test_a_manual_condition_marked_unmet_makes_the_title_not_eligible(database, office) -> None:
    pid = office["people"][0]
    assert _rows(database)[("person", pid)].verdicts["LDTT"].eligible
    with database.session_factory.begin() as s:
        rv.mark_condition(
            s, 2025, "person", pid, "LDTT_TINH_THAN", unmet=True, note="Thiếu đoàn kết"
        )
    row = _rows(database)[("person", pid)]
    verdict = row.verdicts["LDTT"]
    assert verdict.verdict == "not_eligible"
    assert [c.key for c in verdict.unmet] == ["LDTT_TINH_THAN"]
    assert row.marked == {"LDTT_TINH_THAN"}
    with database.session_factory() as s:
        assert rv.marked_conditions(s, 2025)[("person", pid)] == {
            "LDTT_TINH_THAN": "Thiếu đoàn kết"
        }
    with database.session_factory.begin() as s:
        rv.mark_condition(s, 2025, "person", pid, "LDTT_TINH_THAN", unmet=False)
    assert _rows(database)[("person", pid)].verdicts["LDTT"].eligible
    # the mark belongs to its year only
    assert (
        _rows(database, 2024).get(("person", pid)) is None
        or not _rows(database, 2024)[("person", pid)].marked
    )


def test_units_carry_their_members_results(database, office) -> None:
    unit = _rows(database)[("unit", office["vp"])]
    assert unit.members is not None
    assert unit.members.total == 6
    people = [r for k, r in _rows(database).items() if k[0] == "person"]
    assert unit.members.ldtt == sum(r.verdicts["LDTT"].eligible for r in people)
    assert 0 < unit.members.ldtt_share <= 1


# --- rule parameters ------------------------------------------------------------------------


def test_rule_parameter_change_applies_is_audited_and_resets(database, office) -> None:
    with database.session_factory() as s:
        rows = rule_svc.list_parameters(s)
    months = next(r for r in rows if r.key == "min_months_for_grade" and r.rule_set == SET_2025)
    assert months.editable and not months.changed
    assert any(r.unverified for r in rows), "UNVERIFIED parameters are flagged"
    assert not next(r for r in rows if r.key == "ldtt_manual").editable
    with database.session_factory.begin() as s:
        changed = rule_svc.set_parameter(
            s, SET_2025, "min_months_for_grade", "8", expected_version=months.version
        )
        assert changed.value == 8 and changed.changed and changed.version == months.version + 1
        with pytest.raises(ConflictError):  # another screen still showing the shipped value
            rule_svc.set_parameter(
                s, SET_2025, "min_months_for_grade", "7", expected_version=months.version
            )
        assert min_grade_months(2025, s) == 8
    assert min_grade_months(2025) == months.shipped  # the shipped value without a session
    with database.session_factory() as s:
        audit = s.scalars(select(AuditLog).where(AuditLog.table_name == "app_setting")).all()
    assert any("min_months_for_grade" in (a.after or "") for a in audit)
    with database.session_factory.begin() as s:
        reset = rule_svc.reset_parameter(
            s, SET_2025, "min_months_for_grade", expected_version=changed.version
        )
        assert reset.value == 6
        assert min_grade_months(2025, s) == months.shipped


def test_rule_parameter_validation(database) -> None:
    with database.session_factory.begin() as s:
        with pytest.raises(ValidationError, match="số nguyên"):
            rule_svc.set_parameter(s, SET_2025, "min_months_for_grade", "sáu", expected_version=0)
        with pytest.raises(ValidationError, match="không được âm"):
            rule_svc.set_parameter(s, SET_2025, "min_months_for_grade", -1, expected_version=0)
        with pytest.raises(ValidationError, match="không sửa được"):
            rule_svc.set_parameter(s, SET_2025, "ldtt_manual", "x", expected_version=0)


def test_changed_threshold_changes_verdicts(database, office) -> None:
    """A parameter edit reaches the engine: a longer CSTĐCS streak requirement or similar.

    Uses the LĐTT grade parameter via min_months_for_grade: 12 months required makes a
    person with 10 months ungraded for the rule."""
    pid = office["people"][0]
    with database.session_factory.begin() as s:
        grade = s.scalar(select(PersonGrade).where(PersonGrade.person_id == pid))
        assert grade is not None
        grade.months_worked = 10
    with database.session_factory() as s:
        before = {r.subject_id: r for r in evaluate_year(s, 2025) if r.title == "LDTT"}
    with database.session_factory.begin() as s:
        rule_svc.set_parameter(s, SET_2025, "min_months_for_grade", 11, expected_version=0)
    with database.session_factory() as s:
        after = {r.subject_id: r for r in evaluate_year(s, 2025) if r.title == "LDTT"}
    assert before[pid].verdict.verdict != after[pid].verdict.verdict


# --- quotas ---------------------------------------------------------------------------------


def test_quotas_are_none_by_default_and_validated(database) -> None:
    with database.session_factory.begin() as s:
        assert quotas.get_quotas(s) == []
        with pytest.raises(ValidationError) as caught:
            quotas.save_quotas(
                s,
                [
                    quotas.QuotaRule("CSTDCS", "KHONG_CO", Decimal("150")),
                    quotas.QuotaRule("LDTT", "*", Decimal("10"), base="LDTT"),
                ],
            )
        text = str(caught.value)
        assert "Loại đơn vị" in text and "0 đến 100" in text and "chính danh hiệu" in text


def test_quota_usage_counts_proposals_per_unit(database, office) -> None:
    rule = quotas.QuotaRule("CSTDCS", "VAN_PHONG", Decimal("20"))
    with database.session_factory.begin() as s:
        quotas.save_quotas(s, [rule])
        stored = quotas.get_quotas(s)
        rows = rv.candidates(s, 2025)
        units = unit_svc.list_units(s)
    assert stored == [rule]
    [use] = quotas.quota_usage(stored, rows, units)
    people = [r for r in rows if r.subject == "person"]
    assert use.base_count == len(people) == 6
    assert use.allowed == 1  # 20% of 6 = 1.2, rounded down
    assert use.used == sum(r.proposed == "CSTDCS" for r in people)
    assert use.over == (use.used > 1)
    other_kind = quotas.QuotaRule("CSTDCS", "CO_QUAN", Decimal("20"))
    assert quotas.quota_usage([other_kind], rows, units) == []


def test_blocking_quota_refuses_an_override_beyond_it(database, office) -> None:
    rule = quotas.QuotaRule("LDTT", "*", Decimal("50"), block=True)
    ids = office["people"]
    with database.session_factory.begin() as s:
        quotas.save_quotas(s, [rule])
        for pid in ids[:4]:  # leave room: proposals of the four best are lowered to nothing
            rv.set_override(s, 2025, "person", pid, None, "Thử")
    with database.session_factory.begin() as s:
        for pid in ids[:3]:
            quotas.set_override_checked(s, 2025, "person", pid, "LDTT", "Đủ hạn mức")
    with database.session_factory.begin() as s:
        with pytest.raises(ValidationError, match="Vượt hạn mức"):
            quotas.set_override_checked(s, 2025, "person", ids[3], "LDTT", "Vượt")
    with database.session_factory() as s:
        assert rv.overrides(s, 2025)[("person", ids[3])].proposed is None  # rolled back


def test_a_parameter_without_a_default_can_be_set_and_cleared(database) -> None:
    with database.session_factory() as s:
        unset = [r for r in rule_svc.list_parameters(s) if r.shipped is None]
    assert unset, "the shipped rules have parameters left unset (no national value)"
    row = unset[0]
    with database.session_factory.begin() as s:
        set_to = rule_svc.set_parameter(s, row.rule_set, row.key, "75", expected_version=0)
        assert set_to.value == 75
        cleared = rule_svc.set_parameter(s, row.rule_set, row.key, "", expected_version=1)
        assert cleared.value is None
        with pytest.raises(ValidationError, match="không phải số"):
            rule_svc.set_parameter(s, row.rule_set, row.key, "nhiều", expected_version=2)


def test_the_rule_sets_cstdcs_cap_is_a_quota_too(database, office) -> None:
    """cstdcs_cap_pct (a rule parameter) and the quota rules are one mechanism."""
    with database.session_factory.begin() as s:
        assert quotas.quotas_for_year(s, 2025) == []  # unset by default: no cap
        rule_svc.set_parameter(s, SET_2025, "cstdcs_cap_pct", "15", expected_version=0)
        [rule] = quotas.quotas_for_year(s, 2025)
        rows = rv.candidates(s, 2025)
        units = unit_svc.list_units(s)
    assert (rule.title, rule.base, rule.percent, rule.block) == (
        "CSTDCS",
        "LDTT",
        Decimal(15),
        False,
    )
    [use] = quotas.quota_usage([rule], rows, units)
    people = [r for r in rows if r.subject == "person"]
    assert use.base_count == sum(r.proposed == "LDTT" for r in people)
    assert use.used == sum(r.proposed == "CSTDCS" for r in people)
    with database.session_factory.begin() as s:  # the clerk's own rule for every unit wins
        own = quotas.QuotaRule("CSTDCS", "*", Decimal("30"), base="LDTT", block=True)
        quotas.save_quotas(s, [own])
        assert quotas.quotas_for_year(s, 2025) == [own]
