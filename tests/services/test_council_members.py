"""Members of a Council session by name, and the times and public comment of its minutes."""

from __future__ import annotations

from datetime import date, time

import pytest
from sqlalchemy import func, select

from app.db.models import AuditLog, CouncilMember
from app.domain.council_minutes import (
    CHAIR,
    MEMBER,
    SECRETARY,
    MemberInput,
    MinutesInput,
    member_problems,
    minutes_problems,
    parse_clock,
)
from app.domain.errors import ConflictError, NotFoundError, ValidationError
from app.services import council
from app.services import council_members as svc


@pytest.fixture
def meeting(database) -> int:
    with database.session_factory.begin() as s:
        return council.create_session(
            s,
            council.SessionInput(
                year=2025,
                meeting_date=date(2025, 12, 20),
                members_total=5,
                present=4,
                written_opinions=1,
            ),
        )


MEMBERS = [
    MemberInput("Trần Văn An", "Giám đốc Sở", CHAIR),
    MemberInput("Lê Thị Hoa", "Chánh Văn phòng Sở", SECRETARY),
    MemberInput("Phạm Minh Đức", "Trưởng phòng Kế hoạch - Tài chính"),
    MemberInput("Đỗ Văn Nam", "Chánh Thanh tra Sở"),
    MemberInput("Vũ Thị Lan", "Chi cục trưởng", present=False, written_opinion=True),
]


def test_members_are_stored_in_order_and_replaced(database, meeting) -> None:
    with database.session_factory.begin() as s:
        rows = svc.set_members(s, meeting, MEMBERS)
    assert [(r.position, r.full_name, r.role, r.present) for r in rows] == [
        (1, "Trần Văn An", CHAIR, True),
        (2, "Lê Thị Hoa", SECRETARY, True),
        (3, "Phạm Minh Đức", MEMBER, True),
        (4, "Đỗ Văn Nam", MEMBER, True),
        (5, "Vũ Thị Lan", MEMBER, False),
    ]
    assert rows[0].role_name == "Chủ tịch Hội đồng" and rows[4].written_opinion
    assert rows[1].to_input() == MEMBERS[1]
    swapped = [MEMBERS[1], MEMBERS[0], *MEMBERS[2:]]
    with database.session_factory.begin() as s:
        svc.set_members(s, meeting, swapped)
    with database.session_factory() as s:
        assert [r.full_name for r in svc.list_members(s, meeting)][:2] == [
            "Lê Thị Hoa",
            "Trần Văn An",
        ]
        assert s.scalar(select(func.count(CouncilMember.id))) == 5
        logged = s.scalar(
            select(func.count(AuditLog.id)).where(AuditLog.table_name == "council_member")
        )
        assert logged and logged >= 10  # inserts and deletions are audited
    with database.session_factory.begin() as s:
        assert svc.set_members(s, meeting, []) == []


def test_members_that_contradict_the_session_counts_are_refused(database, meeting) -> None:
    everyone_here = [MemberInput(m.full_name, m.job_title, m.role) for m in MEMBERS]
    with pytest.raises(ValidationError, match="5 thành viên có mặt nhưng phiên họp ghi 4"):
        with database.session_factory.begin() as s:
            svc.set_members(s, meeting, everyone_here)
    with pytest.raises(ValidationError, match="4 thành viên nhưng phiên họp có 5"):
        with database.session_factory.begin() as s:
            svc.set_members(s, meeting, MEMBERS[1:])
    with database.session_factory() as s:
        assert svc.list_members(s, meeting) == []
    with pytest.raises(NotFoundError), database.session_factory() as s:
        svc.list_members(s, meeting + 100)


def test_member_rules() -> None:
    two_chairs = [MemberInput("A", role=CHAIR), MemberInput("B", role=CHAIR)]
    assert any("2 người là Chủ tịch" in p for p in member_problems(two_chairs, 2, 2, 0))
    assert any("hai lần" in p for p in member_problems([MEMBERS[0], MEMBERS[0]], 2, 2, 0))
    assert any("chưa có họ tên" in p for p in member_problems([MemberInput(" ")], 1, 1, 0))
    assert any("không hợp lệ" in p for p in member_problems([MemberInput("A", role="X")], 1, 1, 0))
    odd = [MemberInput("A", present=True, written_opinion=True)]
    assert any("có mặt thì không" in p for p in member_problems(odd, 1, 1, 0))
    assert member_problems(MEMBERS, 5, 4, 1) == []
    assert member_problems([], 9, 9, 0) == []


def test_minutes_times_and_public_comment(database, meeting) -> None:
    with database.session_factory() as s:
        assert svc.get_minutes(s, meeting) == MinutesInput()
    data = MinutesInput(time(8, 0), time(11, 30), "  Không có ý kiến   phản ánh. ")
    with database.session_factory.begin() as s:
        saved = svc.set_minutes(s, meeting, data)
    assert saved == MinutesInput(time(8, 0), time(11, 30), "Không có ý kiến phản ánh.")
    backwards = MinutesInput(time(11, 0), time(8, 0))
    assert minutes_problems(backwards)
    with pytest.raises(ValidationError, match="phải sau giờ bắt đầu"):
        with database.session_factory.begin() as s:
            svc.set_minutes(s, meeting, backwards)


def test_session_minutes_are_saved_in_one_transaction_against_the_version(database, meeting):
    with database.session_factory() as s:
        seen = svc.session_minutes(s, meeting)
    assert (seen.members_total, seen.present, seen.written_opinions) == (5, 4, 1)
    assert seen.members == () and seen.minutes == MinutesInput()
    times = MinutesInput(time(8, 0), time(11, 30), "Không có ý kiến phản ánh.")
    with database.session_factory.begin() as s:
        saved = svc.save_session_minutes(s, meeting, MEMBERS, times, expected_version=seen.version)
    assert saved.members == tuple(MEMBERS) and saved.minutes == times
    assert saved.version > seen.version
    with database.session_factory() as s:
        row = next(r for r in council.list_sessions(s, 2025) if r.id == meeting)
    assert (row.chair, row.secretary) == (
        "Trần Văn An, Giám đốc Sở",
        "Lê Thị Hoa, Chánh Văn phòng Sở",
    )
    # a clerk who read the session before that save is refused; nothing of theirs is written
    with pytest.raises(ConflictError), database.session_factory.begin() as s:
        svc.save_session_minutes(
            s, meeting, MEMBERS[:0], MinutesInput(), expected_version=seen.version
        )
    # members that disagree with the counts: refused, the times not written either
    with pytest.raises(ValidationError), database.session_factory.begin() as s:
        svc.save_session_minutes(s, meeting, MEMBERS[:2], MinutesInput(time(7, 0)))
    with database.session_factory() as s:
        assert svc.session_minutes(s, meeting).minutes == times
        assert len(svc.list_members(s, meeting)) == 5


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("8:30", time(8, 30)),
        ("08h30", time(8, 30)),
        ("8 giờ 30 phút", time(8, 30)),
        ("14 giờ", time(14, 0)),
        ("7g15", time(7, 15)),
        ("  ", None),
    ],
)
def test_parse_clock_reads_times_as_clerks_type_them(text, expected) -> None:
    assert parse_clock(text) == expected


@pytest.mark.parametrize("text", ["25:00", "8:75", "sáng", "8.30.1"])
def test_parse_clock_refuses_what_is_not_a_time(text) -> None:
    with pytest.raises(ValueError, match="không phải giờ hợp lệ"):
        parse_clock(text)
