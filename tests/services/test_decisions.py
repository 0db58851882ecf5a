"""Award decisions (issue 6): numbers, drafts, issuing, corrections, revocations, decisions of
superiors and of imported history, on a temporary database."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import func, select

from app.db.models import (
    AuditLog,
    AwardRecord,
    Decision,
    DecisionRecipient,
    Initiative,
    InitiativeAuthor,
    PersonGrade,
)
from app.domain.council import Ballots
from app.domain.errors import ConflictError, ValidationError
from app.domain.people import PersonInput
from app.domain.settings import AgencySettings
from app.domain.units import UnitInput
from app.services import council
from app.services import decisions as svc
from app.services import people as people_svc
from app.services import units as unit_svc
from app.services.eligibility import evaluate_year
from app.services.settings import save_agency

# --- data ----------------------------------------------------------------------------------


@pytest.fixture
def org(database) -> dict[str, int]:
    with database.session_factory.begin() as s:
        root = unit_svc.create_unit(
            s, UnitInput(code="SO", full_name="Sở Nông nghiệp và Môi trường", kind="CO_QUAN")
        )
        vp = unit_svc.create_unit(
            s, UnitInput(code="VP", full_name="Văn phòng Sở", parent_id=root.id, kind="VAN_PHONG")
        )
        kl = unit_svc.create_unit(
            s,
            UnitInput(
                code="CCKL",
                full_name="Chi cục Kiểm lâm",
                parent_id=root.id,
                kind="CHI_CUC",
                collective_category="TT_HANH_CHINH",
            ),
        )
        ids = {"root": root.id, "vp": vp.id, "kl": kl.id}
        for key, ho, ten, unit, title in (
            ("an", "Nguyễn Văn", "An", vp.id, "Chánh Văn phòng"),
            ("binh", "Trần Thị", "Bình", vp.id, "Chuyên viên"),
            ("cuong", "Lê Văn", "Cường", kl.id, "Kiểm lâm viên"),
        ):
            ids[key] = people_svc.create_person(
                s,
                PersonInput(ho_dem=ho, ten=ten),
                unit_id=unit,
                position_title=title,
                start_date=date(2015, 1, 1),
            )
    return ids


def person(kind_id: int, code: str = "LDTT") -> svc.RecipientInput:
    return svc.RecipientInput(subject_kind=svc.CA_NHAN, catalogue_code=code, person_id=kind_id)


def draft_input(s, year: int = 2025, code: str = "LDTT", **kw) -> svc.DecisionInput:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    return replace(svc.decision_defaults(s, year, code), **kw)


def make_draft(
    database, org, people=("an", "binh", "cuong"), code="LDTT", **kw
) -> svc.DecisionDetail:  # type: ignore[no-untyped-def]
    with database.session_factory.begin() as s:
        return svc.create_draft(
            s, draft_input(s, code=code, **kw), [person(org[p], code) for p in people]
        )


# --- numbers -------------------------------------------------------------------------------


def test_number_format_has_a_leading_zero_below_ten_and_parses_back() -> None:
    assert svc.format_number(5, "QĐ-SNNMT") == "05/QĐ-SNNMT"
    assert svc.format_number(9, "QĐ-SNNMT") == "09/QĐ-SNNMT"
    assert svc.format_number(10, "QĐ-SNNMT") == "10/QĐ-SNNMT"
    assert svc.format_number(123, "QĐ-UBND") == "123/QĐ-UBND"
    for text in ("05/QĐ-SNNMT", "5/QĐ-SNNMT", "Số: 5 / QĐ - SNNMT", " 005/QĐ-SNNMT "):
        parsed = svc.parse_number(text)
        assert parsed == svc.ParsedNumber(5, "QĐ-SNNMT"), text
        assert parsed is not None and parsed.text == "05/QĐ-SNNMT"
    assert svc.parse_number("1234/QĐ-TTg") == svc.ParsedNumber(1234, "QĐ-TTg")
    for bad in ("", "QĐ-SNNMT", "0/QĐ-SNNMT", "5/", "5/123", "năm/QĐ"):
        assert svc.parse_number(bad) is None, bad
    with pytest.raises(ValueError, match="từ 1"):
        svc.format_number(0, "QĐ-SNNMT")


def test_the_agency_series_comes_from_its_abbreviation(database) -> None:
    with database.session_factory.begin() as s:
        assert svc.default_series(s) == "QĐ-SNNMT"
        assert svc.next_number(s, 2026) == "01/QĐ-SNNMT"
        save_agency(
            s,
            AgencySettings(
                agency="SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", abbreviation="snnmt-tq", place="Tuyên Quang"
            ),
            expected_version=0,
        )
        assert svc.default_series(s) == "QĐ-SNNMT-TQ"
        defaults = svc.decision_defaults(s, 2025, "LDTT")
    assert defaults.authority == "Giám đốc Sở Nông nghiệp và Môi trường"
    assert defaults.summary == 'Về việc công nhận danh hiệu "Lao động tiên tiến" năm 2025'
    assert (defaults.period_from_year, defaults.period_to_year) == (2025, 2025)


def test_numbers_are_unique_within_a_year_and_a_series(database, org) -> None:
    first = make_draft(database, org, number="5/QĐ-SNNMT", decision_date=date(2026, 2, 5))
    assert (first.number, first.year, first.seq, first.series) == (
        "05/QĐ-SNNMT",
        2026,
        5,
        "QĐ-SNNMT",
    )
    with database.session_factory.begin() as s:
        # the same number typed without diacritics, same year: refused, named
        problems = svc.number_problems(s, 2026, "05/QD-SNNMT")
        assert len(problems) == 1 and "05/QD-SNNMT đã dùng trong năm 2026" in problems[0]
        assert svc.number_problems(s, 2026, "05/QĐ-SNNMT", exclude_id=first.id) == []
        assert svc.number_problems(s, 2025, "05/QĐ-SNNMT") == []  # numbers restart each year
        assert svc.number_problems(s, 2026, "05/QĐ-SNNMT-VP") == []  # another series
        assert svc.number_problems(s, 2026, "") == []
        assert svc.number_problems(s, 2026, "năm") == [svc.NUMBER_FORMAT_MESSAGE]
        assert svc.next_number(s, 2026) == "06/QĐ-SNNMT"
        assert svc.next_number(s, 2026, "QĐ-SNNMT-VP") == "01/QĐ-SNNMT-VP"
    with pytest.raises(ValidationError, match="đã dùng"), database.session_factory.begin() as s:
        svc.create_draft(s, draft_input(s, number="05/QĐ-SNNMT", decision_date=date(2026, 3, 1)))
    other_year = make_draft(
        database, org, ("an",), number="05/QĐ-SNNMT", decision_date=date(2025, 12, 30)
    )
    assert other_year.year == 2025
    with database.session_factory() as s:
        assert s.scalar(select(func.count()).select_from(Decision)) == 2


# --- drafts and issuing --------------------------------------------------------------------


def test_lines_snapshot_position_and_unit_and_can_be_reordered(database, org) -> None:
    d = make_draft(database, org)
    assert [(r.position, r.name, r.job_title, r.unit_text) for r in d.recipients] == [
        (1, "Nguyễn Văn An", "Chánh Văn phòng", "Văn phòng Sở"),
        (2, "Trần Thị Bình", "Chuyên viên", "Văn phòng Sở"),
        (3, "Lê Văn Cường", "Kiểm lâm viên", "Chi cục Kiểm lâm"),
    ]
    last = d.recipients[2]
    with database.session_factory.begin() as s:
        d = svc.move_recipient(s, last.id, -1, expected_version=d.version)
        d = svc.move_recipient(s, last.id, -1, expected_version=d.version)
        d = svc.move_recipient(s, last.id, -1, expected_version=d.version)  # stays first
    assert [r.name for r in d.recipients] == ["Lê Văn Cường", "Nguyễn Văn An", "Trần Thị Bình"]
    with database.session_factory.begin() as s:
        d = svc.set_order(
            s, d.id, [r.id for r in reversed(d.recipients)], expected_version=d.version
        )
        d = svc.remove_recipient(s, d.recipients[0].id, expected_version=d.version)
    assert [(r.position, r.name) for r in d.recipients] == [
        (1, "Nguyễn Văn An"),
        (2, "Lê Văn Cường"),
    ]


def test_lines_are_checked(database, org) -> None:
    d = make_draft(database, org, ("an",))
    with pytest.raises(ValidationError) as err, database.session_factory.begin() as s:
        svc.add_recipients(
            s,
            d.id,
            [
                person(org["an"]),  # already in the decision with LĐTT
                svc.RecipientInput(svc.TAP_THE, "LDTT", unit_id=org["vp"]),  # not for collectives
                svc.RecipientInput(svc.HO_GIA_DINH, "GK_SO"),  # no name
            ],
        )
    problems = err.value.problems
    assert "Dòng 1: Nguyễn Văn An đã có trong quyết định với Lao động tiên tiến" in problems
    assert any(p.startswith("Dòng 2: Lao động tiên tiến không dành cho tập thể") for p in problems)
    assert any(p.startswith("Dòng 3: Chưa nhập tên hộ gia đình") for p in problems)


def test_a_stale_version_is_refused(database, org) -> None:
    d = make_draft(database, org)
    with database.session_factory.begin() as s:
        svc.move_recipient(s, d.recipients[1].id, -1, expected_version=d.version)
    with pytest.raises(ConflictError), database.session_factory.begin() as s:
        svc.update_draft(s, d.id, d.to_input(), expected_version=d.version)


def test_issuing_locks_the_content_and_creates_awards_in_order(database, org) -> None:
    d = make_draft(database, org)
    with database.session_factory.begin() as s:
        d = svc.move_recipient(s, d.recipients[2].id, -2, expected_version=d.version)
    with pytest.raises(ValidationError) as err, database.session_factory.begin() as s:
        svc.issue(s, d.id)
    assert "Chưa có số quyết định: ban hành cần số và ngày ký" in err.value.problems
    assert "Chưa có ngày ký quyết định: ban hành cần số và ngày ký" in err.value.problems
    with database.session_factory.begin() as s:
        number = svc.next_number(s, 2026)
        d = svc.issue(
            s, d.id, number=number, decision_date=date(2026, 1, 15), expected_version=d.version
        )
    assert (d.status, d.number, d.year, d.decision_date) == (
        "ISSUED",
        "01/QĐ-SNNMT",
        2026,
        date(2026, 1, 15),
    )
    assert d.issued_at is not None
    assert [(r.golden_book_no, r.name) for r in d.recipients] == [
        (1, "Lê Văn Cường"),
        (2, "Nguyễn Văn An"),
        (3, "Trần Thị Bình"),
    ]
    with database.session_factory() as s:
        records = {
            a.id: a for a in s.scalars(select(AwardRecord).where(AwardRecord.decision_id == d.id))
        }
        audit = s.scalars(select(AuditLog).where(AuditLog.action == "ISSUE")).all()
    assert len(records) == 3
    for line in d.recipients:
        rec = records[line.award_record_id]  # type: ignore[index]
        assert (rec.person_id, rec.catalogue_code, rec.source) == (
            line.person_id,
            "LDTT",
            "DECISION",
        )
        assert (rec.year, rec.period_from_year, rec.period_to_year) == (2025, 2025, 2025)
        assert (rec.decision_number, rec.decision_date) == ("01/QĐ-SNNMT", date(2026, 1, 15))
        assert rec.authority == "Giám đốc Sở Nông nghiệp và Môi trường"
        assert not rec.revoked
    leader = records[d.recipients[1].award_record_id]  # type: ignore[index]
    assert leader.subject_category == "LD_PHO_PHONG"  # Chánh Văn phòng
    assert len(audit) == 1 and "01/QĐ-SNNMT" in (audit[0].note or "")
    # the register lists it under the award year and the issuing year
    with database.session_factory() as s:
        for year in (2025, 2026):
            (row,) = svc.list_decisions(s, year)
            assert (row.number, row.people, row.status_name) == ("01/QĐ-SNNMT", 3, "Đã ban hành")
        assert svc.list_decisions(s, 2024) == []
    # locked
    for change in (
        lambda s: svc.update_draft(s, d.id, d.to_input()),
        lambda s: svc.add_recipient(s, d.id, person(org["an"], "CSTDCS")),
        lambda s: svc.remove_recipient(s, d.recipients[0].id),
        lambda s: svc.move_recipient(s, d.recipients[0].id, 1),
        lambda s: svc.issue(s, d.id),
        lambda s: svc.delete_draft(s, d.id),
    ):
        with (
            pytest.raises(ValidationError, match=svc.LOCKED_MESSAGE),
            database.session_factory.begin() as s,
        ):
            change(s)


def test_a_title_is_not_given_twice_for_the_same_year(database, org) -> None:
    first = make_draft(database, org, ("an",), number="01/QĐ-SNNMT", decision_date=date(2026, 1, 5))
    with database.session_factory.begin() as s:
        svc.issue(s, first.id)
    second = make_draft(database, org, ("an", "binh"))
    with pytest.raises(
        ValidationError, match="Nguyễn Văn An đã có danh hiệu Lao động tiên tiến năm 2025"
    ):
        with database.session_factory.begin() as s:
            svc.issue(s, second.id, number="02/QĐ-SNNMT", decision_date=date(2026, 1, 6))
    with database.session_factory() as s:
        assert s.scalar(select(func.count()).select_from(AwardRecord)) == 1


# --- revocation and correction -------------------------------------------------------------


@pytest.fixture
def star(database, org) -> int:
    """An has CSTĐCS 2023 (history), top grades 2023-2025 and a provincial initiative: with
    CSTĐCS 2024 from a decision, CSTĐ tỉnh 2025 is within reach."""
    pid = org["an"]
    with database.session_factory.begin() as s:
        for year in (2023, 2024, 2025):
            s.add(PersonGrade(person_id=pid, year=year, grade="HTXSNV", months_worked=12))
        s.add(
            AwardRecord(subject_kind="CA_NHAN", person_id=pid, catalogue_code="CSTDCS", year=2023)
        )
        ini = Initiative(
            title="Số hóa hồ sơ rừng", kind="SANG_KIEN", scope="PV_TINH", year=2025,
            decision_date=date(2025, 6, 1),
        )  # fmt: skip
        s.add(ini)
        s.flush()
        s.add(InitiativeAuthor(initiative_id=ini.id, person_id=pid))
    return pid


def _cstd_tinh(database, pid: int):  # type: ignore[no-untyped-def]
    with database.session_factory() as s:
        rows = evaluate_year(s, 2025, title="CSTD_TINH")
    return next(r.verdict for r in rows if r.subject == "person" and r.subject_id == pid)


def test_revoking_a_decision_removes_its_awards_from_eligibility(database, org, star) -> None:
    with database.session_factory.begin() as s:
        d = svc.create_draft(
            s,
            draft_input(s, 2024, "CSTDCS", number="07/QĐ-SNNMT", decision_date=date(2024, 12, 25)),
            [person(star, "CSTDCS"), person(org["binh"], "CSTDCS")],
        )
        d = svc.issue(s, d.id)
    assert _cstd_tinh(database, star).verdict == "eligible"
    with pytest.raises(ValidationError) as err, database.session_factory.begin() as s:
        svc.revoke(s, d.id, document="", revoke_date=None, reason=" ")
    assert err.value.problems == [
        "Chưa nhập số, ký hiệu văn bản thu hồi",
        "Chưa nhập ngày văn bản thu hồi",
        "Chưa nhập lý do thu hồi (Luật Thi đua, khen thưởng 2022, Điều 93 khoản 2)",
    ]
    with database.session_factory.begin() as s:
        d = svc.revoke(
            s,
            d.id,
            document="15/QĐ-SNNMT",
            revoke_date=date(2025, 3, 1),
            reason="Khai man thành tích (điểm a)",
            expected_version=d.version,
        )
    assert (d.status, d.revoke_document, d.revoke_reason) == (
        "REVOKED",
        "15/QĐ-SNNMT",
        "Khai man thành tích (điểm a)",
    )
    assert all(r.revoked for r in d.recipients)
    with database.session_factory() as s:
        recs = s.scalars(select(AwardRecord).where(AwardRecord.decision_id == d.id)).all()
        assert len(recs) == 2 and all(r.revoked for r in recs)
        assert s.scalars(select(AuditLog.action).where(AuditLog.action == "REVOKE")).all() == [
            "REVOKE"
        ]
    verdict = _cstd_tinh(database, star)
    assert verdict.verdict == "not_eligible"
    assert "Chưa đủ 03 lần liên tục CSTĐCS" in verdict.explanation
    with (
        pytest.raises(ValidationError, match="đã bị thu hồi"),
        database.session_factory.begin() as s,
    ):
        svc.correct(s, d.id, document="x", correction_date=date(2025, 4, 1), note="y")


def test_revoking_one_line_keeps_the_others(database, org, star) -> None:
    with database.session_factory.begin() as s:
        d = svc.create_draft(
            s,
            draft_input(s, 2024, "CSTDCS", number="07/QĐ-SNNMT", decision_date=date(2024, 12, 25)),
            [person(org["binh"], "CSTDCS"), person(star, "CSTDCS")],
        )
        d = svc.issue(s, d.id)
        d = svc.revoke(
            s,
            d.id,
            document="16/QĐ-SNNMT",
            revoke_date=date(2025, 3, 1),
            reason="Có kết luận vi phạm",
            recipient_ids=[d.recipients[1].id],
        )
    assert d.status == "ISSUED"
    assert [r.revoked for r in d.recipients] == [False, True]
    assert "Thu hồi theo 16/QĐ-SNNMT ngày 01/03/2025" in (d.recipients[1].note or "")
    with database.session_factory() as s:
        (row,) = svc.list_decisions(s, 2024)
    assert row.status_name == "Đã ban hành (thu hồi 1 dòng)"
    assert _cstd_tinh(database, star).verdict == "not_eligible"
    with database.session_factory.begin() as s:  # the last line too: the whole decision
        d = svc.revoke(
            s, d.id, document="17/QĐ-SNNMT", revoke_date=date(2025, 4, 1), reason="Vi phạm",
            recipient_ids=[d.recipients[0].id],
        )  # fmt: skip
    assert d.status == "REVOKED"


def test_a_correction_changes_number_date_and_texts_with_their_awards(database, org) -> None:
    d = make_draft(
        database, org, ("an", "binh"), number="03/QĐ-SNNMT", decision_date=date(2026, 1, 10)
    )
    with database.session_factory.begin() as s:
        d = svc.issue(s, d.id)
    with pytest.raises(ValidationError) as err, database.session_factory.begin() as s:
        svc.correct(s, d.id, document="", correction_date=date(2026, 1, 1), note="")
    assert err.value.problems == [
        "Chưa nhập số, ký hiệu văn bản đính chính",
        "Ngày văn bản đính chính (01/01/2026) trước ngày ký quyết định (10/01/2026)",
        "Chưa nhập nội dung đính chính",
    ]
    line = d.recipients[1]
    with database.session_factory.begin() as s:
        d = svc.correct(
            s,
            d.id,
            document="20/QĐ-SNNMT",
            correction_date=date(2026, 2, 1),
            note="Sửa số quyết định và đơn vị của bà Bình",
            number="04/QĐ-SNNMT",
            decision_date=date(2026, 1, 12),
            fixes=[
                svc.RecipientFix(line.id, recipient_name="Trần Thị Bính", unit_text="Phòng Tổ chức")
            ],
            expected_version=d.version,
        )
    assert (d.status, d.number, d.decision_date, d.correction_document) == (
        "CORRECTED", "04/QĐ-SNNMT", date(2026, 1, 12), "20/QĐ-SNNMT",
    )  # fmt: skip
    assert (d.recipients[1].name, d.recipients[1].unit_text) == ("Trần Thị Bính", "Phòng Tổ chức")
    with database.session_factory() as s:
        recs = s.scalars(select(AwardRecord).where(AwardRecord.decision_id == d.id)).all()
        assert {(r.decision_number, r.decision_date) for r in recs} == {
            ("04/QĐ-SNNMT", date(2026, 1, 12))
        }
        fixed = s.get(AwardRecord, line.award_record_id)
        assert fixed is not None and fixed.unit_text == "Phòng Tổ chức"
        audit = s.scalars(select(AuditLog).where(AuditLog.action == "CORRECT")).one()
        assert "03/QĐ-SNNMT → 04/QĐ-SNNMT" in (audit.note or "")
        assert svc.number_problems(s, 2026, "03/QĐ-SNNMT") == []  # the old number is free again


# --- from the Council, superiors, imported history -----------------------------------------


def test_a_draft_from_the_council_holds_those_who_passed_in_vote_order(database, org) -> None:
    with database.session_factory.begin() as s:
        sid = council.create_session(
            s,
            council.SessionInput(
                year=2025, meeting_date=date(2025, 12, 20), members_total=15, present=13,
                written_opinions=2,
            ),
        )  # fmt: skip
        council.record_vote(s, sid, "CSTDCS", Ballots(15, 15, 15, 14), person_id=org["cuong"])
        council.record_vote(s, sid, "CSTDCS", Ballots(15, 15, 15, 3), person_id=org["binh"])
        council.record_vote(s, sid, "CSTDCS", Ballots(15, 15, 15, 13), person_id=org["an"])
        titles = svc.council_titles(s, 2025)
        d = svc.create_from_council(s, 2025, "CSTDCS")
    assert titles == [("CSTDCS", "Chiến sĩ thi đua cơ sở", 2)]
    # a new draft is dated today (never another decision's date), so it is numbered in today's year
    assert (d.status, d.origin, d.catalogue_code) == ("DRAFT", "OWN", "CSTDCS")
    assert d.year == date.today().year
    assert d.summary == 'Về việc công nhận danh hiệu "Chiến sĩ thi đua cơ sở" năm 2025'
    assert [(r.name, r.job_title, r.catalogue_code) for r in d.recipients] == [
        ("Lê Văn Cường", "Kiểm lâm viên", "CSTDCS"),
        ("Nguyễn Văn An", "Chánh Văn phòng", "CSTDCS"),
    ]
    with database.session_factory.begin() as s:
        cands = svc.council_candidates(s, 2025, "CSTDCS")
        today = date.today().strftime("%d/%m/%Y")
        assert [c.already_in for c in cands] == [f"một quyết định ngày {today} (dự thảo)"] * 2
        with pytest.raises(ValidationError, match="đã có trong"):
            svc.create_from_council(s, 2025, "CSTDCS")
        with pytest.raises(ValidationError, match="chưa có ai đạt"):
            svc.create_from_council(s, 2025, "LDTT")


def test_a_superior_decision_is_recorded_as_issued_with_its_awards(database, org) -> None:
    data = svc.DecisionInput(
        year=2025,
        authority="Chủ tịch UBND tỉnh",
        award_type="CHUYEN_DE",
        catalogue_code="BK_TINH",
        number="1234/QĐ-UBND",
        decision_date=date(2025, 9, 2),
        summary="Tặng Bằng khen cho tập thể, cá nhân có thành tích trong phòng chống cháy rừng",
        period_from_year=2023,
        period_to_year=2025,
    )
    lines = [
        person(org["cuong"], "BK_TINH"),
        svc.RecipientInput(svc.TAP_THE, "BK_TINH", unit_id=org["kl"], golden_book_no=57),
    ]
    with database.session_factory.begin() as s:
        d = svc.record_superior(s, data, lines)
    assert (d.status, d.origin, d.number, d.seq, d.series) == (
        "ISSUED",
        "SUPERIOR",
        "1234/QĐ-UBND",
        1234,
        "QĐ-UBND",
    )
    assert [(r.name, r.unit_text, r.golden_book_no) for r in d.recipients] == [
        ("Lê Văn Cường", "Chi cục Kiểm lâm", None),
        ("Chi cục Kiểm lâm", "Sở Nông nghiệp và Môi trường", 57),
    ]
    with database.session_factory() as s:
        recs = s.scalars(select(AwardRecord).order_by(AwardRecord.id)).all()
    assert [(r.subject_kind, r.award_type, r.year, r.authority) for r in recs] == [
        ("CA_NHAN", "CHUYEN_DE", 2025, "Chủ tịch UBND tỉnh"),
        ("TAP_THE", "CHUYEN_DE", 2025, "Chủ tịch UBND tỉnh"),
    ]
    assert recs[1].subject_category == "TT_HANH_CHINH"
    with pytest.raises(ValidationError, match="Sổ đã có quyết định số 1234/QĐ-UBND"):
        with database.session_factory.begin() as s:
            svc.record_superior(s, data, lines)
    with pytest.raises(ValidationError) as err, database.session_factory.begin() as s:
        svc.record_superior(s, svc.DecisionInput(year=2025, authority=""), [])
    assert err.value.problems == [
        "Chưa nhập cơ quan (người) ban hành quyết định",
        "Chưa nhập số quyết định",
        "Chưa nhập ngày ký quyết định",
        "Chưa có ai được khen thưởng trong quyết định",
    ]


def test_imported_history_is_grouped_into_issued_decisions(database, org) -> None:
    def award(pid, code, number, day, authority, year=2022, **kw):  # type: ignore[no-untyped-def]
        return AwardRecord(
            subject_kind="CA_NHAN", person_id=pid, catalogue_code=code, year=year,
            decision_number=number, decision_date=day, authority=authority, source="IMPORT", **kw,
        )  # fmt: skip

    with database.session_factory.begin() as s:
        s.add_all(
            [
                award(org["an"], "LDTT", "12/QĐ-SNN", date(2023, 1, 15), "Giám đốc Sở"),
                award(org["binh"], "LDTT", "12/QĐ-SNN", date(2023, 1, 15), "Giám đốc Sở"),
                award(org["an"], "CSTDCS", "12/QĐ-SNN ", date(2023, 1, 15), "giám đốc sở"),
                award(org["binh"], "BK_TINH", "456/QĐ-UBND", date(2023, 3, 20), "Chủ tịch UBND tỉnh",
                      award_type="CHUYEN_DE"),
                award(org["cuong"], "LDTT", None, None, None),  # no number: stays history only
                AwardRecord(subject_kind="TAP_THE", unit_id=org["kl"], catalogue_code="TTLDTT",
                            year=2022, decision_number="12/QĐ-SNN", decision_date=date(2023, 1, 15),
                            authority="Giám đốc Sở", unit_text="Sở Nông nghiệp", source="IMPORT"),
            ]
        )  # fmt: skip
    with database.session_factory.begin() as s:
        assert svc.sync_imported(s) == 2
        assert svc.sync_imported(s) == 0  # nothing left to group
        rows = svc.list_decisions(s, 2023)
        details = [svc.get_decision(s, r.id) for r in rows]
        loose = s.scalars(select(AwardRecord).where(AwardRecord.decision_id.is_(None))).all()
        lines = s.scalar(select(func.count()).select_from(DecisionRecipient))
    assert [(r.number, r.origin_name, r.status, r.count_text) for r in rows] == [
        ("12/QĐ-SNN", "Lịch sử đã nhập", "ISSUED", "2 cá nhân, 1 tập thể"),
        ("456/QĐ-UBND", "Lịch sử đã nhập", "ISSUED", "1 cá nhân"),
    ]
    own, ubnd = details
    assert (own.seq, own.series, own.catalogue_code, own.period_from_year) == (
        12,
        "QĐ-SNN",
        None,
        2022,
    )
    assert [(r.name, r.catalogue_code) for r in own.recipients] == [
        ("Nguyễn Văn An", "LDTT"),
        ("Trần Thị Bình", "LDTT"),
        ("Nguyễn Văn An", "CSTDCS"),
        ("Chi cục Kiểm lâm", "TTLDTT"),
    ]
    assert (ubnd.catalogue_code, ubnd.award_type, ubnd.authority) == (
        "BK_TINH",
        "CHUYEN_DE",
        "Chủ tịch UBND tỉnh",
    )
    assert [r.person_id for r in loose] == [org["cuong"]] and lines == 5
    assert all(r.award_record_id is not None for d in details for r in d.recipients)
    # a later import of the same decision joins it
    with database.session_factory.begin() as s:
        s.add(award(org["cuong"], "LDTT", "12/QĐ-SNN", date(2023, 1, 15), "Giám đốc Sở"))
        s.flush()
        assert svc.sync_imported(s) == 0
        assert [r.position for r in svc.get_decision(s, own.id).recipients] == [1, 2, 3, 4, 5]
        audit = s.scalars(select(AuditLog).where(AuditLog.action == "SYNC")).all()
    assert len(audit) == 2 and json.loads(audit[0].after or "null") is None
