"""Rule sets loaded from a file: checked fully before use, stored and audited; an "and"
condition with an effective date changes verdicts on one side of the date only; a refused
file changes nothing; a dossier received before the transition date keeps the old rules."""

from __future__ import annotations

import copy
import json
from datetime import date

import pytest
from sqlalchemy import select

from app.db.models import (
    AuditLog,
    CouncilCandidate,
    CouncilSession,
    Initiative,
    InitiativeAuthor,
    PersonGrade,
    RuleSetRow,
)
from app.domain.people import PersonInput
from app.domain.units import UnitInput
from app.services import people as people_svc
from app.services import rule_files
from app.services import units as unit_svc
from app.services.eligibility import evaluate_year
from app.services.rules import effective_rule_sets

AMENDMENT = {
    "_note": "Luật sửa đổi Luật TĐKT: CSTĐCS cần HTXSNV và sáng kiến (thử)",
    "rule_sets": [
        {
            "code": "LUAT_SUA_DOI_2026",
            "name": "Luật sửa đổi, bổ sung Luật Thi đua, khen thưởng",
            "effective_from": "2026-10-01",
            "legal_bases": ["Luật sửa đổi, bổ sung một số điều của Luật Thi đua, khen thưởng"],
            "citations": {"CSTDCS": "Luật sửa đổi Luật TĐKT, Điều 23"},
            "criteria": {
                "CSTDCS": {
                    "citation": "CSTDCS",
                    "label": "CSTĐCS",
                    "all": [
                        {
                            "test": "grade_at_least",
                            "grade_param": "ldtt_min_grade",
                            "label": "tiêu chuẩn LĐTT",
                        },
                        {"test": "grade_is", "grade": "HTXSNV"},
                        {
                            "test": "initiative",
                            "scopes_param": "cstdcs_initiative_scopes",
                            "window_param": "cstdcs_initiative_window_years",
                        },
                    ],
                }
            },
            "transition": {
                "received_before": "2026-10-01",
                "legal_basis": "Luật sửa đổi Luật TĐKT, Điều 2 (chuyển tiếp)",
            },
        }
    ],
}


@pytest.fixture
def people(database):
    """Three people of 2026: HTXSNV with an initiative, HTXSNV alone, HTTNV with an
    initiative (the last two are CSTĐCS under the law in force, not under the amendment)."""
    with database.session_factory.begin() as s:
        root = unit_svc.create_unit(s, UnitInput(code="SO", full_name="Sở", kind="CO_QUAN"))
        ids = {}
        for key, name, grade, initiative in (
            ("both", "An", "HTXSNV", True),
            ("grade", "Bình", "HTXSNV", False),
            ("idea", "Cúc", "HTTNV", True),
        ):
            pid = people_svc.create_person(
                s,
                PersonInput(ho_dem="Nguyễn Văn", ten=name, birth_date=date(1980, 1, 1)),
                unit_id=root.id,
                position_title="Chuyên viên",
                start_date=date(2015, 1, 1),
            )
            ids[key] = pid
            s.add(PersonGrade(person_id=pid, year=2026, grade=grade, months_worked=12))
            if initiative:
                ini = Initiative(
                    title=f"Sáng kiến {name}", kind="SANG_KIEN", scope="PV_CO_SO", year=2026
                )
                s.add(ini)
                s.flush()
                s.add(InitiativeAuthor(initiative_id=ini.id, person_id=pid))
    return ids


def _cstdcs(database, people) -> dict[str, str]:
    with database.session_factory() as s:
        rows = evaluate_year(s, 2026, title="CSTDCS")
    by_id = {r.subject_id: r.verdict for r in rows if r.subject == "person"}
    return {key: by_id[pid].verdict for key, pid in people.items()}


def _meet(database, day: date) -> int:
    with database.session_factory.begin() as s:
        for old in s.scalars(select(CouncilSession).where(CouncilSession.year == 2026)):
            s.delete(old)
        row = CouncilSession(year=2026, meeting_date=day, members_total=9, present=9)
        s.add(row)
        s.flush()
        return row.id


def _import(database, data, *, dry_run=False):
    with database.session_factory.begin() as s:
        return rule_files.import_rule_file(s, data, "sua-doi.json", dry_run=dry_run)


LAW_IN_FORCE = {"both": "eligible", "grade": "eligible", "idea": "eligible"}
AMENDED = {"both": "eligible", "grade": "not_eligible", "idea": "not_eligible"}


def test_an_and_rule_from_a_file_changes_verdicts_after_its_date_only(database, people) -> None:
    _meet(database, date(2026, 12, 15))
    assert _cstdcs(database, people) == LAW_IN_FORCE
    dry = _import(database, AMENDMENT, dry_run=True)
    assert dry.ok and not dry.written
    assert _cstdcs(database, people) == LAW_IN_FORCE  # a dry run stores nothing
    report = _import(database, AMENDMENT)
    assert report.ok and report.written, report.lines()
    assert any("ND152_2025_ND335 nay hết hiệu lực ngày 30/09/2026" in e for e in report.ends)
    # the Council meets after the effective date: the amended criteria
    assert _cstdcs(database, people) == AMENDED
    with database.session_factory() as s:
        rows = evaluate_year(s, 2026, title="CSTDCS")
        verdict = next(r.verdict for r in rows if r.subject_id == people["idea"])
    assert verdict.explanation == (
        "Năm 2026 không hoàn thành xuất sắc nhiệm vụ - Luật sửa đổi Luật TĐKT, Điều 23"
    )
    # ... and before it: the law in force
    _meet(database, date(2026, 9, 25))
    assert _cstdcs(database, people) == LAW_IN_FORCE
    with database.session_factory() as s:
        stored = s.scalars(select(RuleSetRow)).all()
        log = s.scalars(select(AuditLog).where(AuditLog.table_name == "rule_set")).all()
    assert [r.code for r in stored] == ["LUAT_SUA_DOI_2026"]
    assert json.loads(stored[0].data)["criteria"]["CSTDCS"]["all"][1]["grade"] == "HTXSNV"
    assert {e.action for e in log} >= {"INSERT", "IMPORT"}
    assert any("sua-doi.json" in (e.note or "") for e in log)


def test_a_dossier_received_before_the_date_keeps_the_old_rules(database, people) -> None:
    sid = _meet(database, date(2026, 12, 15))
    _import(database, AMENDMENT)
    with database.session_factory.begin() as s:
        for key, day in (("grade", date(2026, 9, 20)), ("idea", date(2026, 10, 5))):
            s.add(
                CouncilCandidate(
                    session_id=sid, person_id=people[key], title="CSTDCS", received_on=day
                )
            )
    got = _cstdcs(database, people)
    assert got == {"both": "eligible", "grade": "eligible", "idea": "not_eligible"}
    with database.session_factory() as s:
        rows = evaluate_year(s, 2026, title="CSTDCS")
    kept = next(r.verdict for r in rows if r.subject_id == people["grade"])
    assert kept.conditions[0].key == "RULE_SET"
    assert "20/09/2026" in kept.conditions[0].text and "giữ quy định" in kept.conditions[0].text
    assert kept.conditions[0].citation == "Luật sửa đổi Luật TĐKT, Điều 2 (chuyển tiếp)"


def test_the_new_rules_apply_to_an_old_dossier_when_more_favourable(database, people) -> None:
    sid = _meet(database, date(2026, 12, 15))
    lenient = copy.deepcopy(AMENDMENT)  # the new set lets HTNV through: more favourable
    lenient["rule_sets"][0]["criteria"]["CSTDCS"] = {
        "citation": "CSTDCS",
        "all": [{"test": "grade_at_least", "grade": "HTNV", "label": "tiêu chuẩn"}],
    }
    _import(database, lenient)
    pid = people["idea"]  # graded HTNV: not CSTĐCS under the rules in force when received
    with database.session_factory.begin() as s:
        s.execute(
            PersonGrade.__table__.update().where(PersonGrade.person_id == pid).values(grade="HTNV")
        )
        s.add(
            CouncilCandidate(
                session_id=sid, person_id=pid, title="CSTDCS", received_on=date(2026, 9, 1)
            )
        )
    with database.session_factory() as s:
        rows = evaluate_year(s, 2026, title="CSTDCS")
    verdict = next(r.verdict for r in rows if r.subject_id == people["idea"])
    assert verdict.eligible and "quy định mới có lợi hơn" in verdict.conditions[0].text


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        (lambda d: d["rule_sets"][0].update(code="ND152_2025"), "bộ quy tắc có sẵn"),
        (
            lambda d: d["rule_sets"][0]["criteria"]["CSTDCS"]["all"].append(
                {"test": "awards", "codes": ["BK_KHONG_CO"]}
            ),
            "BK_KHONG_CO",
        ),
        (
            lambda d: d["rule_sets"][0].update(overrides={"ldtt_min_grade": {"value": "GIOI"}}),
            "GIOI",
        ),
        (
            lambda d: d["rule_sets"][0].update(overrides={"cstd_streak": {"value": 4}}),
            "căn cứ pháp lý",
        ),
        (
            lambda d: d["rule_sets"][0].update(
                overrides={"cstd_streak": {"value": "ba", "legal_basis": "X"}}
            ),
            "kiểu số",
        ),
        (lambda d: d["rule_sets"][0]["criteria"]["CSTDCS"].pop("citation"), "trích dẫn"),
        (lambda d: d["rule_sets"][0].update(effective_from="01/10/2026"), "ngày"),
        (lambda d: d.update(extra=1), "mục không hợp lệ"),
        (lambda d: d.update(rule_sets=[]), "rule_sets"),
    ],
)
def test_a_refused_file_changes_nothing(database, people, change, fragment) -> None:
    _meet(database, date(2026, 12, 15))
    with database.session_factory() as s:
        before = [(x.code, x.effective_to) for x in effective_rule_sets(s).sets]
    bad = copy.deepcopy(AMENDMENT)
    change(bad)
    report = _import(database, bad)
    assert not report.ok and not report.written
    assert any(fragment in p for p in report.problems), report.problems
    assert any("Không dùng được tệp" in line for line in report.lines())
    assert _cstdcs(database, people) == LAW_IN_FORCE
    with database.session_factory() as s:
        assert s.scalars(select(RuleSetRow)).all() == []
        assert s.scalars(select(AuditLog).where(AuditLog.table_name == "rule_set")).all() == []
        assert [(x.code, x.effective_to) for x in effective_rule_sets(s).sets] == before


def test_loading_again_replaces_and_removing_restores(database, people) -> None:
    _meet(database, date(2026, 12, 15))
    _import(database, AMENDMENT)
    again = _import(database, AMENDMENT)
    assert again.ok and again.replaced == ("LUAT_SUA_DOI_2026",)
    with database.session_factory() as s:
        listed = rule_files.list_rule_sets(s)
    assert [x.code for x in listed][-2:] == ["ND152_2025_ND335", "LUAT_SUA_DOI_2026"]
    assert listed[-1].loaded and listed[-1].source == "sua-doi.json" and not listed[-2].loaded
    assert listed[-1].criteria == ("CSTDCS",) and "01/10/2026" in listed[-1].transition
    with database.session_factory.begin() as s:
        rule_files.remove_rule_set(s, "LUAT_SUA_DOI_2026")
    assert _cstdcs(database, people) == LAW_IN_FORCE
    with database.session_factory() as s:
        assert effective_rule_sets(s).sets[-1].effective_to is None


def test_read_rule_file_refuses_what_is_not_json(tmp_path) -> None:
    from app.domain.errors import ValidationError

    path = tmp_path / "x.json"
    path.write_text("{không phải json", encoding="utf-8")
    with pytest.raises(ValidationError, match="không phải JSON"):
        rule_files.read_rule_file(path)
    path.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(ValidationError, match="rule_sets"):
        rule_files.read_rule_file(path)


def test_the_received_date_entered_for_a_candidate_keeps_the_old_rules(database, people) -> None:
    """The same transition, with the date entered through the Council list's service: checked
    (not after the meeting, on the list, the version the clerk saw) and audited."""
    from app.domain.errors import ConflictError, ValidationError
    from app.services import council_candidates as cc

    sid = _meet(database, date(2026, 12, 15))
    _import(database, AMENDMENT)
    with database.session_factory.begin() as s:
        cc.store_candidates(
            s, sid, [cc.CandidateInput("person", people[k], "CSTDCS") for k in ("grade", "idea")]
        )
    with database.session_factory() as s:
        lines = {line.subject_id: line for line in cc.list_candidates(s, sid)}
    grade = lines[people["grade"]]
    assert grade.received_on is None
    seen = {grade.key: grade.version}
    with (
        database.session_factory.begin() as s,
        pytest.raises(ValidationError, match="sau ngày họp"),
    ):
        cc.set_received_on(s, sid, date(2026, 12, 16), seen, today=date(2026, 12, 20))
    with database.session_factory.begin() as s, pytest.raises(ValidationError, match="chưa có"):
        cc.set_received_on(s, sid, date(2026, 9, 20), {("person", people["both"], "CSTDCS"): 0})
    assert _cstdcs(database, people)["grade"] == "not_eligible"  # new rules: no initiative
    with database.session_factory.begin() as s:
        assert cc.set_received_on(s, sid, date(2026, 9, 20), seen, today=date(2026, 12, 20)) == 1
    assert _cstdcs(database, people)["grade"] == "eligible"  # received before: the old rules
    with database.session_factory() as s:
        stored = cc.list_candidates(s, sid)
        log = s.scalars(select(AuditLog).where(AuditLog.table_name == "council_candidate")).all()
    assert [line.received_on for line in stored if line.subject_id == people["grade"]] == [
        date(2026, 9, 20)
    ]
    assert any(e.action == "UPDATE" for e in log)
    # another clerk's view of the row is stale now
    with database.session_factory.begin() as s, pytest.raises(ConflictError):
        cc.set_received_on(s, sid, None, seen, today=date(2026, 12, 20))
