"""Data of the Bình xét forms: nomination list, public-comment list, Council minutes, and the
clerk's order of a nomination list."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from app.db.models import AuditLog, PersonGrade
from app.domain.council import Ballots
from app.domain.errors import NotFoundError, ValidationError
from app.domain.people import PersonInput
from app.domain.units import UnitInput
from app.services import campaigns as camp
from app.services import council, reports, review
from app.services import people as people_svc
from app.services import registrations as reg
from app.services import review_reports as rr
from app.services import units as unit_svc

YEAR = 2025


@pytest.fixture
def world(database):
    """A Sở with a Văn phòng, a Chi cục and a Hạt under it; four people, all graded HTTNV in
    2025 and registered for LĐTT (so each is proposed for LĐTT)."""
    with database.session_factory.begin() as s:
        root = unit_svc.create_unit(
            s, UnitInput(code="SO", full_name="Sở Nông nghiệp và Môi trường", kind="CO_QUAN")
        )
        vp = unit_svc.create_unit(
            s, UnitInput(code="VP", full_name="Văn phòng Sở", parent_id=root.id, kind="VAN_PHONG")
        )
        kl = unit_svc.create_unit(
            s,
            UnitInput(code="KL", full_name="Chi cục Kiểm lâm", parent_id=root.id, kind="CHI_CUC"),
        )
        hat = unit_svc.create_unit(
            s,
            UnitInput(
                code="HAT",
                full_name="Hạt Kiểm lâm khu vực I",
                parent_id=kl.id,
                kind="HAT",
                collective_category="TT_HANH_CHINH",
            ),
        )
        ids = {}
        for key, ho_dem, ten, gender, born, unit, title in (
            ("binh", "Trần Thị", "Bình", "NU", date(1990, 5, 6), vp.id, "Chuyên viên"),
            ("canh", "Lê Bá", "Cảnh", "NAM", date(1975, 2, 3), vp.id, "Chánh Văn phòng"),
            ("dung", "Phạm Văn", "Dũng", "NAM", None, hat.id, "Chuyên viên"),
            ("huy", "Hoàng Quốc", "Huy", "NAM", date(1970, 1, 1), kl.id, "Chi cục trưởng"),
        ):
            ids[key] = people_svc.create_person(
                s,
                PersonInput(
                    ho_dem=ho_dem,
                    ten=ten,
                    gender=gender,
                    birth_date=born,
                    birth_year=None if born else 1988,
                ),
                unit_id=unit,
                position_title=title,
                start_date=date(2015, 1, 1),
            )
        campaign, _ = camp.ensure_regular_campaign(s, YEAR)
        for pid in ids.values():
            s.add(PersonGrade(person_id=pid, year=YEAR, grade="HTTNV", months_worked=12))
            s.flush()
            reg.register_person(s, campaign.id, pid, "LDTT")
    ids.update(vp=vp.id, kl=kl.id, hat=hat.id, root=root.id)
    return ids


def _names(data) -> list[list[str]]:
    return [[line.name for line in section.lines] for section in data.sections]


def _session(s, *, total=10, present=9, day=date(YEAR, 12, 20), **kw) -> int:
    return council.create_session(
        s,
        council.SessionInput(
            year=YEAR, meeting_date=day, members_total=total, present=present, **kw
        ),
    )


# --------------------------------------------------------------------------- nomination list


def test_nomination_list_in_standard_order(database, world) -> None:
    with database.session_factory() as s:
        data = rr.nomination_list_data(s, YEAR, "LDTT", on=date(YEAR, 12, 1))
    # LĐTT is for individuals only: one section; units in tree order, then position rank
    assert [section.name for section in data.sections] == ["Cá nhân"]
    assert _names(data) == [["Lê Bá Cảnh", "Trần Thị Bình", "Hoàng Quốc Huy", "Phạm Văn Dũng"]]
    assert (data.title_name, data.is_title, data.voted, data.count) == (
        "Lao động tiên tiến",
        True,
        False,
        4,
    )
    binh = data.sections[0].lines[1]
    assert (binh.gender, binh.birth_date, binh.position, binh.unit) == (
        "Nữ",
        date(1990, 5, 6),
        "Chuyên viên",
        "Văn phòng Sở",
    )
    assert binh.percent is None
    assert "Xếp loại năm 2025 là Hoàn thành tốt nhiệm vụ" in binh.basis
    assert "tạm chưa xét" not in binh.basis  # absences are not achievements
    dung = data.sections[0].lines[3]
    assert (dung.birth_date, dung.birth_year) == (None, 1988)
    assert data.agency.agency and data.on == date(YEAR, 12, 1)


def test_nomination_list_of_one_unit(database, world) -> None:
    with database.session_factory() as s:
        data = rr.nomination_list_data(s, YEAR, "LDTT", unit_id=world["kl"])
    assert data.unit_name == "Chi cục Kiểm lâm"
    assert _names(data) == [["Hoàng Quốc Huy", "Phạm Văn Dũng"]]


def test_overrides_move_candidates_between_lists(database, world) -> None:
    with database.session_factory.begin() as s:
        review.set_override(s, YEAR, "person", world["huy"], "BK_TINH", "Thành tích đột xuất")
        review.set_override(s, YEAR, "unit", world["hat"], "BK_TINH", "Dẫn đầu phong trào")
    with database.session_factory() as s:
        award = rr.nomination_list_data(s, YEAR, "BK_TINH")
        ldtt = rr.nomination_list_data(s, YEAR, "LDTT")
    # a form for both kinds: collectives first, then individuals (domain.md §8.2)
    assert [(x.subject, x.name) for x in award.sections] == [
        ("unit", "Tập thể"),
        ("person", "Cá nhân"),
    ]
    assert _names(award) == [["Hạt Kiểm lâm khu vực I"], ["Hoàng Quốc Huy"]]
    hat = award.sections[0].lines[0]
    assert (hat.unit, hat.category, hat.gender, hat.position) == (
        "Chi cục Kiểm lâm",
        "Cơ quan hành chính",
        "",
        "",
    )
    assert award.is_title is False
    assert "Hoàng Quốc Huy" not in _names(ldtt)[0]


def test_council_votes_keep_only_those_who_passed(database, world) -> None:
    with database.session_factory.begin() as s:
        first = _session(s, day=date(YEAR, 12, 10))
        council.record_vote(s, first, "LDTT", Ballots(9, 9, 9, 8), person_id=world["canh"])
        council.record_vote(s, first, "LDTT", Ballots(9, 9, 9, 4), person_id=world["binh"])
        council.record_vote(s, first, "LDTT", Ballots(9, 9, 9, 9), person_id=world["huy"])
        later = _session(s, day=date(YEAR, 12, 28))
        council.record_vote(s, later, "LDTT", Ballots(9, 9, 9, 7), person_id=world["binh"])
        council.record_vote(s, later, "LDTT", Ballots(9, 9, 9, 3), person_id=world["huy"])
    with database.session_factory() as s:
        data = rr.nomination_list_data(s, YEAR, "LDTT")
        other = rr.nomination_list_data(s, YEAR, "CSTDCS")
    assert data.voted
    # Dũng was never voted on; Bình failed then passed; Huy passed then failed: the latest counts
    lines = data.sections[0].lines
    assert [(x.name, x.percent) for x in lines] == [
        ("Lê Bá Cảnh", Decimal("80.0")),
        ("Trần Thị Bình", Decimal("70.0")),
    ]
    assert not other.voted


def test_clerk_order_is_stored_audited_and_applied(database, world) -> None:
    with database.session_factory.begin() as s:
        rr.set_nomination_order(
            s, YEAR, "LDTT", [("person", world["dung"]), ("person", world["binh"])]
        )
    with database.session_factory() as s:
        assert rr.get_nomination_order(s, YEAR, "LDTT") == [
            ("person", world["dung"]),
            ("person", world["binh"]),
        ]
        assert rr.get_nomination_order(s, YEAR, "CSTDCS") == []
        assert rr.get_nomination_order(s, YEAR - 1, "LDTT") == []
        clerk = rr.nomination_list_data(s, YEAR, "LDTT", order="thu-cong")
        standard = rr.nomination_list_data(s, YEAR, "LDTT", order="chuan")
        view = rr.nomination_order(s, YEAR, "LDTT")
        audit = s.scalars(select(AuditLog).where(AuditLog.table_name == "app_setting")).all()
    # the stored ones first, the others after them in standard order
    assert _names(clerk) == [["Phạm Văn Dũng", "Trần Thị Bình", "Lê Bá Cảnh", "Hoàng Quốc Huy"]]
    assert _names(standard) == [["Lê Bá Cảnh", "Trần Thị Bình", "Hoàng Quốc Huy", "Phạm Văn Dũng"]]
    assert clerk.order == "thu-cong"
    assert view.stored and view.title_name == "Lao động tiên tiến"
    assert [e.name for e in view.current] == _names(clerk)[0]
    assert [e.name for e in view.standard] == _names(standard)[0]
    assert view.current[0].label == "Phạm Văn Dũng - Hạt Kiểm lâm khu vực I"
    assert any("review.nomination_order.2025.LDTT" in (a.after or "") for a in audit)
    with database.session_factory.begin() as s:
        rr.set_nomination_order(s, YEAR, "LDTT", [])
    with database.session_factory() as s:
        assert rr.get_nomination_order(s, YEAR, "LDTT") == []
        assert not rr.nomination_order(s, YEAR, "LDTT").stored


def test_stored_order_survives_bad_values(database, world) -> None:
    from app.services.settings import set_setting

    with database.session_factory.begin() as s:
        set_setting(s, "review.nomination_order.2025.LDTT", [["person", world["huy"]], "x", [1]])
    with database.session_factory() as s:
        assert rr.get_nomination_order(s, YEAR, "LDTT") == [("person", world["huy"])]
        set_setting(s, "review.nomination_order.2025.LDTT", {"not": "a list"})
        assert rr.get_nomination_order(s, YEAR, "LDTT") == []


def test_set_order_refuses_nonsense(database, world) -> None:
    with database.session_factory.begin() as s:
        with pytest.raises(ValidationError, match="hai lần"):
            rr.set_nomination_order(s, YEAR, "LDTT", [("person", 1), ("person", 1)])
        with pytest.raises(ValidationError, match="không phải một cá nhân hay tập thể"):
            rr.set_nomination_order(s, YEAR, "LDTT", [("household", 1)])
        with pytest.raises(NotFoundError, match="Không có danh hiệu/hình thức 'NOPE'"):
            rr.set_nomination_order(s, YEAR, "NOPE", [])


def test_apply_order_is_pure_and_stable() -> None:
    items = ["a", "b", "c", "d"]
    assert rr.apply_order(items, lambda x: x, ["c", "zz", "a"]) == ["c", "a", "b", "d"]
    assert rr.apply_order(items, lambda x: x, []) == items
    assert rr.apply_order(items, lambda x: x, ["d", "d", "b"]) == ["d", "b", "a", "c"]


def test_missing_or_wrong_parameters_are_named(database, world) -> None:
    with database.session_factory() as s:
        with pytest.raises(ValidationError, match="cần chọn năm"):
            reports.gather(s, "nomination-list", reports.ReportParams(title="LDTT"))
        with pytest.raises(ValidationError, match="danh hiệu / hình thức"):
            reports.gather(s, "nomination-list", reports.ReportParams(year=YEAR))
        with pytest.raises(ValidationError, match="Thứ tự 'abc' không hợp lệ"):
            rr.nomination_list_data(s, YEAR, "LDTT", order="abc")
        with pytest.raises(NotFoundError, match="đơn vị"):
            rr.nomination_list_data(s, YEAR, "LDTT", unit_id=9999)
        with pytest.raises(ValidationError, match="cần chọn năm"):
            reports.gather(s, "public-comment-list", reports.ReportParams())
        with pytest.raises(ValidationError, match="phiên họp"):
            reports.gather(s, "vote-count-minutes", reports.ReportParams())
        with pytest.raises(NotFoundError, match="phiên họp"):
            reports.gather(s, "council-minutes", reports.ReportParams(session_id=9999))
        data = reports.gather(
            s, "nomination-list", reports.ReportParams(year=YEAR, title="LDTT", order="thu-cong")
        )
    assert isinstance(data, rr.NominationListData) and data.count == 4


# --------------------------------------------------------------------------- public comment


def test_public_comment_lists_province_and_state_level_proposals(database, world) -> None:
    with database.session_factory.begin() as s:
        review.set_override(s, YEAR, "person", world["huy"], "CSTD_TINH", "Ba năm CSTĐCS")
        review.set_override(s, YEAR, "person", world["canh"], "BK_TTG", "Thành tích xuất sắc")
        review.set_override(s, YEAR, "unit", world["hat"], "CO_TINH", "Dẫn đầu cụm")
        review.set_override(s, YEAR, "person", world["dung"], "GK_SO", "Khen của Sở")
    with database.session_factory() as s:
        data = rr.public_comment_data(s, YEAR, on=date(YEAR, 11, 30))
        scoped = rr.public_comment_data(s, YEAR, unit_id=world["kl"])
    # State level first, then province/ministry level by rank and catalogue order; GK Sở and
    # LĐTT are decided inside the Sở and not published
    assert [sec.title for sec in data.sections] == ["BK_TTG", "CSTD_TINH", "CO_TINH"]
    assert [[x.name for x in sec.lines] for sec in data.sections] == [
        ["Lê Bá Cảnh"],
        ["Hoàng Quốc Huy"],
        ["Hạt Kiểm lâm khu vực I"],
    ]
    assert data.sections[0].title_name == "Bằng khen của Thủ tướng Chính phủ"
    assert data.count == 3 and data.on == date(YEAR, 11, 30)
    assert [sec.title for sec in scoped.sections] == ["CSTD_TINH", "CO_TINH"]
    assert scoped.unit_name == "Chi cục Kiểm lâm"


# --------------------------------------------------------------------------- the minutes


def test_council_minutes_data(database, world) -> None:
    with database.session_factory.begin() as s:
        sid = _session(
            s, written_opinions=1, place="Phòng họp số 2", chair="Trần Văn Chủ", secretary="Lê Thư"
        )
        council.record_vote(s, sid, "LDTT", Ballots(9, 9, 8, 8), person_id=world["binh"])
        council.record_vote(s, sid, "LDTT", Ballots(9, 9, 9, 5), person_id=world["dung"])
        council.record_vote(s, sid, "BK_TTG", Ballots(9, 9, 9, 9), person_id=world["canh"])
        council.record_vote(s, sid, "BK_TTG", Ballots(9, 9, 9, 9), unit_id=world["hat"])
        council.record_vote(s, sid, "LDTT", Ballots(9, 9, 9, 6), person_id=world["canh"])
    with database.session_factory() as s:
        data = rr.council_minutes_data(s, sid)
        by_year = rr.council_minutes_data(s, None, YEAR)
        gathered = reports.gather(s, "vote-count-minutes", reports.ReportParams(session_id=sid))
    assert by_year == data and gathered == data
    assert (data.members_total, data.present, data.absent, data.written_opinions) == (10, 9, 1, 1)
    assert (data.place, data.chair, data.secretary) == ("Phòng họp số 2", "Trần Văn Chủ", "Lê Thư")
    # highest title first; in a title collectives first, then the standard order
    assert [(v.title, v.name) for v in data.votes] == [
        ("BK_TTG", "Hạt Kiểm lâm khu vực I"),
        ("BK_TTG", "Lê Bá Cảnh"),
        ("LDTT", "Lê Bá Cảnh"),
        ("LDTT", "Trần Thị Bình"),
        ("LDTT", "Phạm Văn Dũng"),
    ]
    binh = data.votes[3]
    assert (binh.invalid, binh.percent, binh.passed, binh.result, binh.title_short) == (
        1,
        Decimal("80.0"),
        True,
        "Đạt",
        "LĐTT",
    )
    assert binh.unit == "Văn phòng Sở"
    dung = data.votes[4]
    assert (dung.percent, dung.passed, dung.result) == (Decimal("50.0"), False, "Không đạt")
    assert dung.majority and dung.threshold == Decimal("50")
    assert data.state_level  # a Bằng khen of the Prime Minister was voted on
    assert [(r.title, r.units, r.people, r.failed) for r in data.results()] == [
        ("BK_TTG", 1, 1, 0),
        ("LDTT", 0, 2, 1),
    ]
    assert (data.count, data.count_label) == (5, "lượt biểu quyết")


def test_council_minutes_session_choice(database, world) -> None:
    with database.session_factory() as s:
        with pytest.raises(ValidationError, match="chưa có phiên họp"):
            rr.council_minutes_data(s, None, YEAR)
    with database.session_factory.begin() as s:
        first = _session(s, day=date(YEAR, 12, 10))
        _session(s, day=date(YEAR, 12, 28))
    with database.session_factory() as s:
        with pytest.raises(ValidationError) as caught:
            rr.council_minutes_data(s, None, YEAR)
        assert "có 2 phiên họp" in str(caught.value) and "10/12/2025" in str(caught.value)
        with pytest.raises(ValidationError, match="thuộc năm xét 2025, không phải năm 2024"):
            rr.council_minutes_data(s, first, YEAR - 1)
        empty = rr.council_minutes_data(s, first)
    assert empty.votes == () and not empty.state_level and empty.results() == ()
    assert json.dumps(empty.place) == '""'
