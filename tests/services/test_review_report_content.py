"""What the Bình xét lists say about each candidate (issue 20): "Căn cứ đề nghị" from the
verdict and the clerk's reason, grade names in words, the initiatives relied on, "Tóm tắt
thành tích" from the record, and the Council minutes with members, times and public comment."""

from __future__ import annotations

from datetime import date, time

import pytest

from app.db.models import AwardRecord, Initiative, InitiativeAuthor, InitiativeUse, PersonGrade
from app.domain.council_minutes import CHAIR, SECRETARY, MemberInput, MinutesInput
from app.domain.people import PersonInput
from app.domain.units import UnitInput
from app.services import achievements, council, council_members, review
from app.services import campaigns as camp
from app.services import people as people_svc
from app.services import registrations as reg
from app.services import review_reports as rr
from app.services import units as unit_svc

YEAR = 2025


@pytest.fixture
def world(database):
    """Two people of the Văn phòng: An, HTXSNV for three years, CSTĐCS in 2023 and 2024, an
    initiative of 2024; Bình, HTTNV. Both registered for LĐTT."""
    with database.session_factory.begin() as s:
        root = unit_svc.create_unit(
            s, UnitInput(code="SO", full_name="Sở Nông nghiệp và Môi trường", kind="CO_QUAN")
        )
        vp = unit_svc.create_unit(
            s, UnitInput(code="VP", full_name="Văn phòng Sở", parent_id=root.id, kind="VAN_PHONG")
        )
        an = people_svc.create_person(
            s,
            PersonInput(ho_dem="Nguyễn Văn", ten="An", birth_date=date(1980, 1, 2)),
            unit_id=vp.id,
            position_title="Chuyên viên chính",
            start_date=date(2010, 1, 1),
        )
        binh = people_svc.create_person(
            s,
            PersonInput(ho_dem="Trần Thị", ten="Bình", birth_date=date(1990, 5, 6)),
            unit_id=vp.id,
            position_title="Chuyên viên",
            start_date=date(2015, 1, 1),
        )
        for year in (2023, 2024, 2025):
            s.add(PersonGrade(person_id=an, year=year, grade="HTXSNV", months_worked=12))
        s.add(PersonGrade(person_id=binh, year=YEAR, grade="HTTNV", months_worked=12))
        for year in (2023, 2024):
            s.add(
                AwardRecord(
                    subject_kind="CA_NHAN",
                    person_id=an,
                    catalogue_code="CSTDCS",
                    year=year,
                    decision_date=date(year, 12, 20),
                )
            )
        idea = Initiative(
            title="Số hóa hồ sơ thi đua", kind="SANG_KIEN", scope="PV_TINH", year=2024
        )
        s.add(idea)
        s.flush()
        s.add(InitiativeAuthor(initiative_id=idea.id, person_id=an, author_order=1))
        campaign, _ = camp.ensure_regular_campaign(s, YEAR)
        for pid in (an, binh):
            reg.register_person(s, campaign.id, pid, "LDTT")
        s.flush()
    return {"an": an, "binh": binh, "idea": idea.id, "vp": vp.id}


def test_basis_states_grades_in_words(database, world) -> None:
    with database.session_factory() as s:
        data = rr.nomination_list_data(s, YEAR, "LDTT")
    lines = {line.name: line for line in data.sections[0].lines}
    basis = lines["Trần Thị Bình"].basis
    assert "Hoàn thành tốt nhiệm vụ" in basis and "HTTNV" not in basis
    assert "năm 2025" in basis


def test_clerks_proposal_prints_the_basis_initiative_and_reason(database, world) -> None:
    """The verdict's achievements, the initiative the proposal rests on (named), and the
    clerk's reason for the proposal."""
    reason = "Sáng kiến cấp tỉnh năm 2024; ba năm liền hoàn thành xuất sắc nhiệm vụ"
    with database.session_factory.begin() as s:
        review.set_override(s, YEAR, "person", world["an"], "CSTD_TINH", reason)
        s.add(
            InitiativeUse(
                initiative_id=world["idea"],
                person_id=world["an"],
                catalogue_code="CSTD_TINH",
                year=YEAR,
            )
        )
    with database.session_factory() as s:
        data = rr.nomination_list_data(s, YEAR, "CSTD_TINH")
    [line] = [x for section in data.sections for x in section.lines]
    assert "CSTĐCS" in line.basis  # the streak the verdict counted
    assert "\u201cSố hóa hồ sơ thi đua\u201d (cấp tỉnh, 2024)" in line.basis
    assert line.basis.endswith(f"Lý do đề xuất: {reason}")


def test_proposal_without_a_met_condition_cites_the_record(database, world) -> None:
    """Bình is proposed for a Bằng khen she is not eligible for: no condition of the verdict
    states an achievement, so the basis is her record, then the clerk's reason -- never blank."""
    with database.session_factory.begin() as s:
        review.set_override(s, YEAR, "person", world["binh"], "BK_TINH", "Cứu hộ đột xuất")
    with database.session_factory() as s:
        data = rr.nomination_list_data(s, YEAR, "BK_TINH")
    [line] = [x for section in data.sections for x in section.lines]
    assert line.basis == (
        "Xếp loại: Hoàn thành tốt nhiệm vụ năm 2025; Lý do đề xuất: Cứu hộ đột xuất"
    )


def test_public_comment_summary_from_the_record(database, world) -> None:
    with database.session_factory.begin() as s:
        review.set_override(s, YEAR, "person", world["an"], "BK_TINH", "Thành tích xuất sắc")
    with database.session_factory() as s:
        data = rr.public_comment_data(s, YEAR)
    [line] = [x for section in data.sections for x in section.lines]
    assert line.summary.startswith("Xếp loại: Hoàn thành xuất sắc nhiệm vụ các năm 2023")
    assert "Đã được khen thưởng: Chiến sĩ thi đua cơ sở (2023, 2024)" in line.summary
    assert "Sáng kiến \u201cSố hóa hồ sơ thi đua\u201d" in line.summary


def test_achievements_and_grade_words(database, world) -> None:
    with database.session_factory() as s:
        found = achievements.person_achievements(s, [world["an"], world["binh"]], YEAR)
    assert found[world["binh"]].grades == "Hoàn thành tốt nhiệm vụ năm 2025"
    assert found[world["binh"]].awards == "" and found[world["binh"]].summary().startswith("Xếp")
    assert achievements.grade_words("Xếp loại năm 2025 là HTXSNV; HTTNV") == (
        "Xếp loại năm 2025 là Hoàn thành xuất sắc nhiệm vụ; Hoàn thành tốt nhiệm vụ"
    )


def test_minutes_carry_members_times_and_public_comment(database, world) -> None:
    with database.session_factory.begin() as s:
        sid = council.create_session(
            s,
            council.SessionInput(
                year=YEAR, meeting_date=date(YEAR, 12, 20), members_total=3, present=3
            ),
        )
        council_members.set_members(
            s,
            sid,
            [
                MemberInput("Trần Văn An", "Giám đốc Sở", CHAIR),
                MemberInput("Lê Thị Hoa", "Chánh Văn phòng Sở", SECRETARY),
                MemberInput("Phạm Minh Đức", "Trưởng phòng"),
            ],
        )
        council_members.set_minutes(
            s, sid, MinutesInput(time(8, 30), time(10, 0), "Không có ý kiến phản ánh.")
        )
    with database.session_factory() as s:
        data = rr.council_minutes_data(s, sid)
    assert [m.full_name for m in data.members] == ["Trần Văn An", "Lê Thị Hoa", "Phạm Minh Đức"]
    assert data.chair_member is not None and data.chair_member.full_name == "Trần Văn An"
    assert data.secretary_member is not None and data.secretary_member.job_title == (
        "Chánh Văn phòng Sở"
    )
    assert (data.started_at, data.ended_at) == (time(8, 30), time(10, 0))
    assert data.public_comment == "Không có ý kiến phản ánh."
