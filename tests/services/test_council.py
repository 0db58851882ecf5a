"""Council sessions and votes stored with the threshold used; only passed candidates go on."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from app.db.models import AuditLog, CouncilVote
from app.domain.council import Ballots
from app.domain.errors import ValidationError
from app.domain.people import PersonInput
from app.domain.units import UnitInput
from app.services import council as svc
from app.services import people as people_svc
from app.services import units as unit_svc


@pytest.fixture
def people(database):
    with database.session_factory.begin() as s:
        vp = unit_svc.create_unit(
            s, UnitInput(code="VP", full_name="Văn phòng Sở", kind="VAN_PHONG")
        )
        a = people_svc.create_person(s, PersonInput(ho_dem="Nguyễn Văn", ten="An"), unit_id=vp.id)
        b = people_svc.create_person(s, PersonInput(ho_dem="Lê Thị", ten="Bình"), unit_id=vp.id)
    return {"a": a, "b": b, "vp": vp.id}


def _session(database, year=2024, total=15, present=13):
    with database.session_factory.begin() as s:
        return svc.create_session(
            s,
            svc.SessionInput(
                year=year,
                meeting_date=date(year, 12, 20),
                members_total=total,
                present=present,
                written_opinions=2,
            ),
        )


def test_votes_are_judged_on_the_total_membership_with_the_years_rules(database, people) -> None:
    sid = _session(database, year=2024)  # NĐ 98/2023: CSTĐCS needs 80% of members
    with database.session_factory.begin() as s:
        ok = svc.record_vote(s, sid, "CSTDCS", Ballots(15, 15, 15, 12), person_id=people["a"])
        ko = svc.record_vote(s, sid, "CSTDCS", Ballots(15, 15, 15, 11), person_id=people["b"])
    assert (ok.passed, ok.percent, ok.threshold_pct) == (True, Decimal("80.0"), Decimal("80"))
    assert (ko.passed, ko.percent) == (False, Decimal("73.3"))
    with database.session_factory() as s:
        assert [v.name for v in svc.passed_candidates(s, 2024, "CSTDCS")] == ["Nguyễn Văn An"]
        stored = s.scalars(select(CouncilVote).order_by(CouncilVote.id)).all()
        assert [v.passed for v in stored] == [True, False]
        audit = s.scalars(select(AuditLog).where(AuditLog.table_name == "council_vote")).all()
        assert len(audit) == 2 and json.loads(audit[0].after)["in_favour"] == 12


def test_correcting_ballots_updates_the_same_vote(database, people) -> None:
    sid = _session(database, year=2024)
    with database.session_factory.begin() as s:
        svc.record_vote(s, sid, "CSTDCS", Ballots(15, 15, 15, 11), person_id=people["a"])
        fixed = svc.record_vote(s, sid, "CSTDCS", Ballots(15, 15, 15, 13), person_id=people["a"])
    assert fixed.passed
    with database.session_factory() as s:
        assert len(svc.list_votes(s, sid)) == 1


def test_newer_rules_use_the_provinces_data_and_a_majority_without_it(database, people) -> None:
    sid = _session(database, year=2026, total=14, present=12)
    with database.session_factory.begin() as s:
        # CSTĐCS: the shipped provincial default, 80% of all members (11/14 = 78.6%)
        short = svc.record_vote(s, sid, "CSTDCS", Ballots(14, 14, 14, 11), person_id=people["a"])
        # TTLĐXS has no threshold of its own: more than half
        more = svc.record_vote(s, sid, "TTLDXS", Ballots(14, 14, 14, 8), unit_id=people["vp"])
    assert not short.majority_rule and short.threshold_pct == Decimal("80") and not short.passed
    assert more.majority_rule and more.passed and more.subject == "unit"
    # TTLĐTT is approved as a list; a case voted on apart is judged by the majority
    with database.session_factory.begin() as s:
        apart = svc.record_vote(s, sid, "TTLDTT", Ballots(14, 14, 14, 7), unit_id=people["vp"])
    assert apart.majority_rule and not apart.passed  # 7/14 is not more than half


def test_impossible_counts_and_thin_sessions_are_refused(database, people) -> None:
    with pytest.raises(ValidationError, match="chưa đủ 80"), database.session_factory.begin() as s:
        svc.create_session(
            s,
            svc.SessionInput(
                year=2026, meeting_date=date(2026, 12, 1), members_total=15, present=10
            ),
        )
    sid = _session(database)
    with pytest.raises(ValidationError, match="nhiều hơn"), database.session_factory.begin() as s:
        svc.record_vote(s, sid, "CSTDCS", Ballots(15, 15, 14, 15), person_id=people["a"])
    with database.session_factory() as s:
        assert svc.list_votes(s, sid) == []
