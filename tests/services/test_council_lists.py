"""Candidates stored with a Council session, titles approved as a list in one action, many
ballots stored at once (all or nothing), rows matched to candidates, and the decision draft
taking both kinds of result (issue 14)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from app.db.models import CouncilCandidate, CouncilListApproval, CouncilVote, Decision
from app.domain.council import Ballots
from app.domain.council_paste import parse_block
from app.domain.errors import ConflictError, ValidationError
from app.domain.people import PersonInput
from app.domain.units import UnitInput
from app.services import council
from app.services import council_candidates as cc
from app.services import council_tally as ct
from app.services import people as people_svc
from app.services import units as unit_svc
from app.services.decision_drafts import council_candidates, create_from_council

YEAR = 2026


@pytest.fixture
def org(database):  # type: ignore[no-untyped-def]
    with database.session_factory.begin() as s:
        vp = unit_svc.create_unit(
            s, UnitInput(code="VP", full_name="Văn phòng Sở", kind="VAN_PHONG")
        )
        team = unit_svc.create_unit(
            s, UnitInput(code="TH", full_name="Tổ Hành chính", kind="VAN_PHONG", parent_id=vp.id)
        )
        people = [
            people_svc.create_person(
                s,
                PersonInput(ho_dem="Nguyễn Văn", ten=f"Người {i:03d}", birth_date=date(1980, 1, 1)),
                unit_id=vp.id,
            )
            for i in range(6)
        ]
        # two people of the same name, told apart by the date of birth
        twin_a = people_svc.create_person(
            s, PersonInput(ho_dem="Lê Thị", ten="Hoa", birth_date=date(1985, 3, 2)), unit_id=vp.id
        )
        twin_b = people_svc.create_person(
            s, PersonInput(ho_dem="Lê Thị", ten="Hoa", birth_date=date(1990, 7, 9)), unit_id=vp.id
        )
        sid = council.create_session(
            s, council.SessionInput(YEAR, date(YEAR, 12, 18), 10, 9, 1, "Phòng họp")
        )
    return {"people": people, "twins": (twin_a, twin_b), "team": team.id, "session": sid}


def _store(database, org) -> None:  # type: ignore[no-untyped-def]
    items = [cc.CandidateInput("person", pid, "CSTDCS") for pid in org["people"][:3]]
    items += [cc.CandidateInput("person", pid, "LDTT") for pid in org["people"][3:]]
    items += [cc.CandidateInput("person", pid, "CSTDCS") for pid in org["twins"]]
    items.append(cc.CandidateInput("unit", org["team"], "TTLDTT"))
    with database.session_factory.begin() as s:
        cc.store_candidates(s, org["session"], items)


def test_candidates_are_stored_in_order_and_keep_their_stt(database, org) -> None:
    _store(database, org)
    with database.session_factory() as s:
        lines = cc.list_candidates(s, org["session"])
    assert [c.position for c in lines] == list(range(1, 10))
    assert [c.title for c in lines[:3]] == ["CSTDCS"] * 3
    assert [c.ballot for c in lines] == [True] * 3 + [False] * 3 + [True] * 2 + [False]
    assert lines[-1].unit == "Văn phòng Sở" and lines[-1].subject == "unit"
    assert lines[6].birth_date == date(1985, 3, 2)
    # the review is run again: one CSTĐCS candidate dropped (no vote), one with a vote kept
    first, second = org["people"][0], org["people"][1]
    with database.session_factory.begin() as s:
        council.record_vote(s, org["session"], "CSTDCS", Ballots(10, 10, 10, 9), person_id=first)
        sync = cc.store_candidates(
            s,
            org["session"],
            [cc.CandidateInput("person", pid, "LDTT") for pid in org["people"][3:]]
            + [cc.CandidateInput("person", pid, "CSTDCS") for pid in org["people"][2:3]],
        )
    assert (sync.added, sync.removed) == (0, 4)  # second, both twins and the team went
    with database.session_factory() as s:
        lines = cc.list_candidates(s, org["session"])
    by_person = {c.subject_id: c.position for c in lines}
    assert by_person[first] == 1 and second not in by_person and by_person[org["people"][2]] == 3
    assert lines[0].vote is not None and lines[0].vote.ballots.in_favour == 9


def test_a_list_is_approved_in_one_action_and_withdrawn(database, org) -> None:
    _store(database, org)
    with database.session_factory.begin() as s:
        approval = cc.approve_list(s, org["session"], "LDTT", 8)
    assert (approval.candidates, approval.in_favour, approval.members_total) == (3, 8, 10)
    assert approval.passed and approval.percent == Decimal("80.0") and approval.majority
    with database.session_factory() as s:
        covered = s.scalar(
            select(func.count(CouncilCandidate.id)).where(
                CouncilCandidate.list_approval_id == approval.id
            )
        )
        assert covered == 3
        lines = cc.list_candidates(s, org["session"])
        assert {c.approval.id for c in lines if c.title == "LDTT" and c.approval} == {approval.id}
        assert [c.name for c in cc.passed_in_year(s, YEAR, "LDTT")] == [
            "Nguyễn Văn Người 003",
            "Nguyễn Văn Người 004",
            "Nguyễn Văn Người 005",
        ]
    # a ballot title is never approved as a list; a count beyond who may vote is refused
    with pytest.raises(ValidationError, match="bỏ phiếu từng người"):
        with database.session_factory.begin() as s:
            cc.approve_list(s, org["session"], "CSTDCS", 9)
    with pytest.raises(ValidationError, match="nhiều hơn số người được biểu quyết"):
        with database.session_factory.begin() as s:
            cc.approve_list(s, org["session"], "TTLDTT", 11)
    # recorded again: the same approval, a new count (a stale version is refused)
    with database.session_factory.begin() as s:
        again = cc.approve_list(s, org["session"], "LDTT", 4, expected_version=approval.version)
    assert again.id == approval.id and not again.passed
    with pytest.raises(ConflictError), database.session_factory.begin() as s:
        cc.approve_list(s, org["session"], "LDTT", 9, expected_version=approval.version)
    with database.session_factory.begin() as s:
        cc.withdraw_list(s, approval.id)
    with database.session_factory() as s:
        assert s.scalar(select(func.count(CouncilListApproval.id))) == 0
        assert all(c.approval is None for c in cc.list_candidates(s, org["session"]))


def test_new_session_counts_rejudge_the_lists(database, org) -> None:
    _store(database, org)
    with database.session_factory.begin() as s:
        cc.approve_list(s, org["session"], "LDTT", 6)  # 6/10 > 50 %
    with database.session_factory.begin() as s:
        data = council.SessionInput(YEAR, date(YEAR, 12, 18), 13, 11, 0, "Phòng họp")
        shown = council.get_session(s, org["session"]).version
        council.update_session(s, org["session"], data, expected_version=shown)  # 6/13 = 46 %
    with database.session_factory() as s:
        (approval,) = cc.list_approvals(s, org["session"])
    assert (approval.members_total, approval.passed) == (13, False)
    with pytest.raises(ValidationError, match="Danh sách Lao động tiên tiến"):
        with database.session_factory.begin() as s:
            data = council.SessionInput(YEAR, date(YEAR, 12, 18), 6, 5, 0, "Phòng họp")
            shown = council.get_session(s, org["session"]).version
            council.update_session(s, org["session"], data, expected_version=shown)  # 6/5


def test_many_ballots_are_stored_all_or_nothing(database, org) -> None:
    _store(database, org)
    a, b, c = org["people"][:3]
    good = [
        council.BallotEntry("person", a, "CSTDCS", Ballots(10, 10, 10, 9)),
        council.BallotEntry("person", b, "CSTDCS", Ballots(10, 10, 10, 7)),
    ]
    with database.session_factory.begin() as s:
        stored = council.record_votes(s, org["session"], good)
    assert [(v.passed, v.percent) for v in stored] == [
        (True, Decimal("90.0")),
        (False, Decimal("70.0")),
    ]
    bad = [
        council.BallotEntry("person", c, "CSTDCS", Ballots(10, 10, 10, 9)),
        council.BallotEntry("person", a, "CSTDCS", Ballots(10, 10, 9, 10), label="Dòng 7"),
    ]
    with pytest.raises(ValidationError, match="Dòng 7") as refused:
        with database.session_factory.begin() as s:
            council.record_votes(s, org["session"], bad)
    assert "nhiều hơn số phiếu hợp lệ" in str(refused.value)
    with database.session_factory() as s:
        assert s.scalar(select(func.count(CouncilVote.id))) == 2  # nothing of ``bad``
    # a stale version refuses everything; None ballots remove a vote (undo)
    with pytest.raises(ConflictError), database.session_factory.begin() as s:
        council.record_votes(
            s,
            org["session"],
            [council.BallotEntry("person", a, "CSTDCS", Ballots(10, 10, 10, 1), 0)],
        )
    with database.session_factory.begin() as s:
        council.record_votes(
            s,
            org["session"],
            [council.BallotEntry("person", b, "CSTDCS", None, stored[1].version)],
        )
    with database.session_factory() as s:
        assert [v.subject_id for v in council.list_votes(s, org["session"])] == [a]


def test_pasted_rows_are_matched_by_stt_or_name_and_birth_date(database, org) -> None:
    _store(database, org)
    text = "\n".join(
        [
            "1\tNguyễn Văn Người 000\t01/01/1980\tVăn phòng Sở\tCSTĐCS\t\t\t\t9",
            "Nguyễn Văn Người 001\t8",  # by name alone (unique)
            "Lê Thị Hoa\t09/07/1990\t10\t10\t10\t6",  # by name and birth date
            "Lê Thị Hoa\t7",  # two people of that name: refused
            "3\tTrần Văn Khác\t\t5",  # STT 3 is someone else
            "42\tAi Đó\t5",  # no STT 42
        ]
    )
    rows = parse_block(text).rows
    with database.session_factory() as s:
        preview = ct.preview_rows(s, org["session"], rows)
    ok = [i for i in preview.items if i.ok]
    assert [i.candidate.position for i in ok if i.candidate] == [1, 2, 8]
    assert [i.ballots for i in ok] == [
        Ballots(10, 10, 10, 9),  # phát ra = those who may vote (9 + 1 written)
        Ballots(10, 10, 10, 8),
        Ballots(10, 10, 10, 6),
    ]
    problems = {i.row.line: i.problems for i in preview.items if not i.ok}
    assert "Có 2 người tên Lê Thị Hoa" in problems[4][0]
    assert "STT 3 là Nguyễn Văn Người 002" in problems[5][0]
    assert "STT 42 không có" in problems[6][0]
    assert preview.blocked and (preview.matched, preview.unmatched) == (3, 3)
    # all or nothing unless the clerk writes only the rows that matched
    with pytest.raises(ValidationError), database.session_factory.begin() as s:
        ct.commit_rows(s, preview)
    with database.session_factory.begin() as s:
        written = ct.commit_rows(s, preview, partial=True)
    assert len(written) == 3


def test_the_decision_draft_takes_ballots_and_lists(database, org) -> None:
    _store(database, org)
    a, b = org["people"][:2]
    with database.session_factory.begin() as s:
        council.record_vote(s, org["session"], "CSTDCS", Ballots(10, 10, 10, 9), person_id=a)
        council.record_vote(s, org["session"], "CSTDCS", Ballots(10, 10, 10, 5), person_id=b)
        cc.approve_list(s, org["session"], "LDTT", 9)
    with database.session_factory() as s:
        cstdcs = council_candidates(s, YEAR, "CSTDCS")
        ldtt = council_candidates(s, YEAR, "LDTT")
    assert [c.subject_id for c in cstdcs] == [a]
    assert [c.percent for c in ldtt] == ["90,0% (danh sách)"] * 3
    with database.session_factory.begin() as s:
        draft = create_from_council(s, YEAR, "LDTT")
        decision = s.get(Decision, draft.id)
        assert decision is not None
    assert len(draft.recipients) == 3
    assert draft.decision_date == date.today()  # a new draft is dated today
