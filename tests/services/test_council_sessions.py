"""Council sessions listed, corrected and deleted; votes deleted; the report for the minutes."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from app.db.models import AuditLog, CouncilSession, CouncilVote
from app.domain.council import Ballots
from app.domain.errors import ConflictError, NotFoundError, ValidationError
from app.domain.people import PersonInput
from app.domain.units import UnitInput
from app.services import council as svc
from app.services import people as people_svc
from app.services import rules as rules_svc
from app.services import units as unit_svc


@pytest.fixture
def subjects(database):
    with database.session_factory.begin() as s:
        vp = unit_svc.create_unit(
            s, UnitInput(code="VP", full_name="Văn phòng Sở", kind="VAN_PHONG")
        )
        team = unit_svc.create_unit(
            s,
            UnitInput(code="TH", full_name="Tổ Hành chính", kind="VAN_PHONG", parent_id=vp.id),
        )
        a = people_svc.create_person(s, PersonInput(ho_dem="Nguyễn Văn", ten="An"), unit_id=vp.id)
        b = people_svc.create_person(s, PersonInput(ho_dem="Lê Thị", ten="Bình"), unit_id=vp.id)
    return {"a": a, "b": b, "vp": vp.id, "team": team.id}


def _input(year=2024, total=15, present=13, written=2, **kw) -> svc.SessionInput:
    return svc.SessionInput(
        year=year,
        meeting_date=kw.pop("meeting_date", date(year, 12, 20)),
        members_total=total,
        present=present,
        written_opinions=written,
        **kw,
    )


def _create(database, data: svc.SessionInput) -> int:
    with database.session_factory.begin() as s:
        return svc.create_session(s, data)


def test_sessions_of_a_year_are_listed_by_date_with_their_votes(database, subjects) -> None:
    late = _create(database, _input(place="Phòng họp số 1", chair="Trần Văn Chủ"))
    early = _create(database, _input(meeting_date=date(2024, 6, 1), secretary="Lê Thư Ký"))
    _create(database, _input(year=2025))
    with database.session_factory.begin() as s:
        svc.record_vote(s, late, "CSTDCS", Ballots(15, 15, 15, 12), person_id=subjects["a"])
        svc.record_vote(s, late, "CSTDCS", Ballots(15, 15, 15, 3), person_id=subjects["b"])
    with database.session_factory() as s:
        rows = svc.list_sessions(s, 2024)
    assert [r.id for r in rows] == [early, late]
    first, second = rows
    assert (first.vote_count, first.passed_count, first.secretary) == (0, 0, "Lê Thư Ký")
    assert (second.vote_count, second.passed_count) == (2, 1)
    assert (second.place, second.chair, second.members_total, second.present) == (
        "Phòng họp số 1",
        "Trần Văn Chủ",
        15,
        13,
    )
    assert second.written_opinions == 2 and second.voters == 15
    assert second.to_input() == _input(place="Phòng họp số 1", chair="Trần Văn Chủ")


def test_meeting_date_outside_the_review_year_is_refused(database) -> None:
    bad = _input(meeting_date=date(2023, 12, 20))
    with database.session_factory() as s:
        rules = svc.rules_for_year(s, 2024)
    assert any("không thuộc năm xét 2024" in p for p in svc.session_problems(bad, rules))
    assert svc.session_problems(_input(meeting_date=date(2025, 1, 10)), rules) == []
    with pytest.raises(ValidationError, match="20/12/2023"), database.session_factory.begin() as s:
        svc.create_session(s, bad)


def test_new_counts_rejudge_every_vote_on_the_total_membership(database, subjects) -> None:
    sid = _create(database, _input(total=15, present=13, written=2))  # CSTĐCS 2024: 80 %
    with database.session_factory.begin() as s:
        svc.record_vote(s, sid, "CSTDCS", Ballots(13, 13, 13, 12), person_id=subjects["a"])
        svc.record_vote(s, sid, "CSTDCS", Ballots(13, 13, 13, 13), person_id=subjects["b"])
    # 12/15 = 80 % passed; the real membership was 16: 12/16 = 75 % fails, 13/16 = 81.25 % passes
    with database.session_factory.begin() as s:
        done = svc.update_session(
            s,
            sid,
            _input(total=16, present=13, written=2, place="Hội trường"),
            expected_version=svc.get_session(s, sid).version,
        )
    assert done.rejudged == 2
    assert [(v.name, v.passed, v.percent) for v in done.changed] == [
        ("Nguyễn Văn An", False, Decimal("75.0"))
    ]
    assert (done.session.members_total, done.session.place, done.session.passed_count) == (
        16,
        "Hội trường",
        1,
    )
    with database.session_factory() as s:
        assert [(v.passed, v.percent) for v in svc.list_votes(s, sid)] == [
            (False, Decimal("75.0")),
            (True, Decimal("81.3")),
        ]
        audit = s.scalars(
            select(AuditLog).where(
                AuditLog.table_name == "council_vote", AuditLog.action == "UPDATE"
            )
        ).all()
        assert any(json.loads(a.after).get("passed") is False for a in audit)


def test_counts_that_contradict_recorded_ballots_are_refused(database, subjects) -> None:
    sid = _create(database, _input(total=15, present=13, written=2))
    with database.session_factory.begin() as s:
        svc.record_vote(s, sid, "CSTDCS", Ballots(15, 15, 15, 12), person_id=subjects["a"])
    with pytest.raises(ValidationError) as caught, database.session_factory.begin() as s:
        svc.update_session(s, sid, _input(total=15, present=13, written=0), expected_version=1)
    text = "\n".join(caught.value.problems)
    assert "Nguyễn Văn An" in text and "Số phiếu phát ra (15) nhiều hơn" in text
    with (
        pytest.raises(ValidationError, match="không đổi được năm"),
        database.session_factory.begin() as s,
    ):
        svc.update_session(
            s, sid, _input(year=2025, meeting_date=date(2025, 12, 20)), expected_version=1
        )
    with database.session_factory() as s:
        kept = svc.get_session(s, sid)
        assert (kept.year, kept.written_opinions) == (2024, 2)


def test_only_place_and_people_change_keeps_results(database, subjects) -> None:
    sid = _create(database, _input())
    with database.session_factory.begin() as s:
        svc.record_vote(s, sid, "CSTDCS", Ballots(15, 15, 15, 12), person_id=subjects["a"])
        done = svc.update_session(s, sid, _input(secretary="  Phạm  Thư Ký "), expected_version=1)
    assert done.rejudged == 0 and done.changed == ()
    assert done.session.secretary == "Phạm Thư Ký"


def test_a_session_with_votes_is_deleted_only_when_confirmed(database, subjects) -> None:
    sid = _create(database, _input())
    empty = _create(database, _input(meeting_date=date(2024, 12, 1)))
    with database.session_factory.begin() as s:
        svc.record_vote(s, sid, "CSTDCS", Ballots(15, 15, 15, 12), person_id=subjects["a"])
        svc.record_vote(s, sid, "TTLDTT", Ballots(15, 15, 15, 9), unit_id=subjects["vp"])
    with pytest.raises(ValidationError, match="2 phiếu"), database.session_factory.begin() as s:
        svc.delete_session(s, sid, expected_version=1)
    with database.session_factory.begin() as s:
        assert svc.delete_session(s, empty, expected_version=1) == 0
        with pytest.raises(ConflictError):  # a screen that showed an older session
            svc.delete_session(s, sid, expected_version=0, with_votes=True)
        assert svc.delete_session(s, sid, expected_version=1, with_votes=True) == 2
    with database.session_factory() as s:
        assert s.scalar(select(func.count()).select_from(CouncilSession)) == 0
        assert s.scalar(select(func.count()).select_from(CouncilVote)) == 0
        deleted = s.scalars(select(AuditLog.table_name).where(AuditLog.action == "DELETE")).all()
        assert sorted(deleted) == [
            "council_session",
            "council_session",
            "council_vote",
            "council_vote",
        ]


def test_deleting_one_vote(database, subjects) -> None:
    sid = _create(database, _input())
    with database.session_factory.begin() as s:
        gone = svc.record_vote(s, sid, "CSTDCS", Ballots(15, 15, 15, 12), person_id=subjects["a"])
        svc.record_vote(s, sid, "CSTDCS", Ballots(15, 15, 15, 10), person_id=subjects["b"])
        svc.delete_vote(s, gone.id)
    with database.session_factory() as s:
        assert [v.name for v in svc.list_votes(s, sid)] == ["Lê Thị Bình"]
        assert svc.get_session(s, sid).vote_count == 1
    with pytest.raises(NotFoundError), database.session_factory.begin() as s:
        svc.delete_vote(s, gone.id)


def test_session_report_for_the_minutes(database, subjects) -> None:
    sid = _create(
        database,
        _input(
            place="Phòng họp tầng 3",
            chair="Trần Văn Chủ",
            secretary="Lê Thư Ký",
            note="Họp thường kỳ",
        ),
    )
    with database.session_factory.begin() as s:
        svc.record_vote(s, sid, "CSTDCS", Ballots(15, 14, 14, 12), person_id=subjects["a"])
        svc.record_vote(s, sid, "CSTD_TINH", Ballots(15, 15, 15, 13), person_id=subjects["b"])
        svc.record_vote(s, sid, "TTLDTT", Ballots(15, 15, 15, 8), unit_id=subjects["team"])
    with database.session_factory() as s:
        report = svc.session_report(s, sid)
    assert isinstance(report, svc.CouncilSessionReport)
    assert (report.id, report.year, report.meeting_date) == (sid, 2024, date(2024, 12, 20))
    assert (report.place, report.chair, report.secretary, report.note) == (
        "Phòng họp tầng 3",
        "Trần Văn Chủ",
        "Lê Thư Ký",
        "Họp thường kỳ",
    )
    assert (report.members_total, report.present, report.written_opinions) == (15, 13, 2)
    a, b, team = report.votes
    assert (a.name, a.unit, a.title_name, a.ballots.returned) == (
        "Nguyễn Văn An",
        "Văn phòng Sở",
        "Chiến sĩ thi đua cơ sở",
        14,
    )
    assert (a.percent, a.threshold_pct, a.majority_rule, a.passed) == (
        Decimal("80.0"),
        Decimal("80"),
        False,
        True,
    )
    assert (b.percent, b.threshold_pct, b.passed) == (Decimal("86.7"), Decimal("90"), False)
    assert (team.subject, team.name, team.unit) == ("unit", "Tổ Hành chính", "Văn phòng Sở")
    assert team.majority_rule and team.passed  # 8/15 = 53.3 % > 50 %
    with pytest.raises(NotFoundError), database.session_factory() as s:
        svc.session_report(s, sid + 100)


def test_a_year_without_rules_is_named(database) -> None:
    with pytest.raises(ValidationError, match="Năm 2020"), database.session_factory.begin() as s:
        svc.create_session(s, _input(year=2020))


def test_thresholds_changed_by_the_clerk_judge_the_votes(database, subjects) -> None:
    sid = _create(database, _input(year=2026, total=10, present=10, written=0))
    with database.session_factory.begin() as s:  # the province's Council wants more than 60 %
        rules_svc.set_parameter(
            s, "ND152_2025_TT62", "council_majority_pct", 60, expected_version=0
        )
        assert svc.vote_threshold(s, 2026, "CSTDCS") == (Decimal("80"), False)  # its own
        # the province sets no threshold of its own for CSTĐCS: the majority parameter
        rules_svc.set_parameter(
            s, "ND152_2025_TT62", "ballot.CSTDCS.threshold_pct", "", expected_version=0
        )
        assert svc.vote_threshold(s, 2026, "CSTDCS") == (Decimal("60"), True)
        ok = svc.record_vote(s, sid, "CSTDCS", Ballots(10, 10, 10, 7), person_id=subjects["a"])
        ko = svc.record_vote(s, sid, "CSTDCS", Ballots(10, 10, 10, 6), person_id=subjects["b"])
    assert (ok.passed, ok.threshold_pct, ok.majority_rule) == (True, Decimal("60"), True)
    assert not ko.passed  # 60 % is not more than 60 %


def test_a_vote_changed_meanwhile_is_not_overwritten(database, subjects) -> None:
    sid = _create(database, _input())
    with database.session_factory.begin() as s:
        seen = svc.record_vote(s, sid, "CSTDCS", Ballots(15, 15, 15, 10), person_id=subjects["a"])
    with database.session_factory.begin() as s:  # another clerk corrects it
        svc.record_vote(
            s,
            sid,
            "CSTDCS",
            Ballots(15, 15, 15, 12),
            person_id=subjects["a"],
            expected_version=seen.version,
        )
    with pytest.raises(ConflictError), database.session_factory.begin() as s:
        svc.record_vote(
            s,
            sid,
            "CSTDCS",
            Ballots(15, 15, 15, 9),
            person_id=subjects["a"],
            expected_version=seen.version,
        )
    with pytest.raises(ConflictError), database.session_factory.begin() as s:
        svc.record_vote(
            s, sid, "CSTDCS", Ballots(15, 15, 15, 9), person_id=subjects["b"], expected_version=3
        )
    with pytest.raises(ConflictError), database.session_factory.begin() as s:
        svc.delete_vote(s, seen.id, expected_version=seen.version)
    with database.session_factory() as s:
        (vote,) = svc.list_votes(s, sid)
    assert vote.ballots.in_favour == 12 and vote.version == seen.version + 1
