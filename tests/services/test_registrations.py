"""Sign-ups: people and units, the quick LĐTT action, unit states, flags from stored history."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from app.db.models import AuditLog, AwardRecord, Registration, UnitGrade, UnitRegistration
from app.domain.campaigns import THEMATIC, CampaignInput
from app.domain.errors import NotFoundError, ValidationError
from app.domain.people import PersonInput
from app.domain.units import UnitInput
from app.services import campaigns as camp_svc
from app.services import people as people_svc
from app.services import registrations as svc
from app.services import units as unit_svc

YEAR = 2026


@pytest.fixture
def org(database) -> dict[str, int]:
    """Sở > Văn phòng; Sở > Chi cục Kiểm lâm > Hạt I; five people; the 2026 regular campaign."""
    ids: dict[str, int] = {}
    with database.session_factory.begin() as s:
        so = unit_svc.create_unit(s, UnitInput(code="SO", full_name="Sở NN&MT", kind="CO_QUAN"))
        vp = unit_svc.create_unit(
            s, UnitInput(code="VP", full_name="Văn phòng Sở", parent_id=so.id, kind="VAN_PHONG")
        )
        cc = unit_svc.create_unit(
            s,
            UnitInput(code="CCKL", full_name="Chi cục Kiểm lâm", parent_id=so.id, kind="CHI_CUC"),
        )
        hat = unit_svc.create_unit(
            s, UnitInput(code="HAT1", full_name="Hạt Kiểm lâm I", parent_id=cc.id, kind="HAT")
        )
        ids.update(so=so.id, vp=vp.id, cc=cc.id, hat=hat.id)
        for key, ho_dem, ten, unit, title in (
            ("an", "Lê Văn", "An", vp.id, "Chánh Văn phòng"),
            ("binh", "Trần Thị", "Bình", vp.id, "Chuyên viên"),
            ("cuong", "Phạm Văn", "Cường", cc.id, "Chi cục trưởng"),
            ("dung", "Hoàng Thị", "Dung", hat.id, "Kiểm lâm viên"),
            ("em", "Ngô Văn", "Em", hat.id, "Kiểm lâm viên"),
        ):
            ids[key] = people_svc.create_person(
                s,
                PersonInput(ho_dem=ho_dem, ten=ten, birth_date=date(1985, 1, len(key))),
                unit_id=unit,
                position_title=title,
                start_date=date(2020, 1, 1),
            )
        ids["campaign"] = camp_svc.ensure_regular_campaign(s, YEAR)[0].id
    return ids


def add_award(s, person_id: int | None, code: str, year: int, unit_id: int | None = None) -> None:
    s.add(
        AwardRecord(
            subject_kind="CA_NHAN" if person_id else "TAP_THE",
            person_id=person_id,
            unit_id=unit_id,
            catalogue_code=code,
            year=year,
        )
    )
    s.flush()


def test_register_person_and_change_title(database, org) -> None:
    with database.session_factory.begin() as s:
        dto = svc.register_person(s, org["campaign"], org["an"], "ldtt", note="Đăng ký đầu năm")
        assert (dto.catalogue_code, dto.title_short, dto.unit_name) == (
            "LDTT",
            "LĐTT",
            "Văn phòng Sở",
        )
        assert dto.flags == () and dto.note == "Đăng ký đầu năm"
        again = svc.register_person(s, org["campaign"], org["an"], "CSTDCS")
    assert again.id == dto.id and again.title_name == "Chiến sĩ thi đua cơ sở"
    with database.session_factory() as s:
        assert s.scalar(select(func.count()).select_from(Registration)) == 1
        row = s.scalar(select(Registration))
        assert row.created_by == "kiemthu" and row.source == "MANUAL"
        actions = s.scalars(
            select(AuditLog.action).where(AuditLog.table_name == "registration")
        ).all()
    assert actions == ["INSERT", "UPDATE"]


def test_register_refusals(database, org) -> None:
    with database.session_factory.begin() as s:
        with pytest.raises(ValidationError, match="Không có danh hiệu/hình thức 'XYZ'"):
            svc.register_person(s, org["campaign"], org["an"], "XYZ")
        with pytest.raises(NotFoundError):
            svc.register_person(s, org["campaign"], 9999, "LDTT")
        with pytest.raises(NotFoundError):
            svc.register_person(s, 9999, org["an"], "LDTT")
        units_only = camp_svc.create_campaign(
            s,
            CampaignInput(
                name="Thi đua tập thể",
                kind=THEMATIC,
                scope="CO_QUAN_DON_VI",
                start_date=date(2026, 3, 1),
                for_individuals=False,
            ),
        )
        with pytest.raises(ValidationError, match="không dành cho cá nhân"):
            svc.register_person(s, units_only.id, org["an"], "GK_SO")


def test_unregister(database, org) -> None:
    with database.session_factory.begin() as s:
        svc.register_person(s, org["campaign"], org["an"], "LDTT")
        assert svc.unregister_person(s, org["campaign"], org["an"])
        assert not svc.unregister_person(s, org["campaign"], org["an"])


def test_quick_ldtt_for_a_unit_and_its_sub_units(database, org) -> None:
    with database.session_factory.begin() as s:
        svc.register_person(s, org["campaign"], org["dung"], "CSTDCS")
        people_svc.mark_left(s, org["em"], date(2026, 1, 10), "Nghỉ hưu", expected_version=1)
        result = svc.register_everyone_ldtt(s, org["campaign"], org["cc"])
    assert (result.added, result.skipped) == (1, 1)  # Cường added; Dung kept; Em has left
    assert result.people == ("Phạm Văn Cường",)
    with database.session_factory.begin() as s:
        again = svc.register_everyone_ldtt(s, org["campaign"], org["so"])
        regs = svc.list_registrations(s, org["campaign"])
    assert (again.added, again.skipped) == (2, 2)
    assert [(r.full_name, r.title_short, r.source) for r in regs] == [
        ("Lê Văn An", "LĐTT", "QUICK"),
        ("Trần Thị Bình", "LĐTT", "QUICK"),
        ("Phạm Văn Cường", "LĐTT", "QUICK"),
        ("Hoàng Thị Dung", "CSTĐCS", "MANUAL"),
    ]
    with database.session_factory() as s:
        only_cc = svc.list_registrations(s, org["campaign"], unit_id=org["cc"])
        assert [r.full_name for r in only_cc] == ["Phạm Văn Cường", "Hoàng Thị Dung"]
        with pytest.raises(NotFoundError):
            svc.register_everyone_ldtt(s, org["campaign"], 999)


def test_flags_from_stored_history(database, org) -> None:
    with database.session_factory.begin() as s:
        add_award(s, org["an"], "CSTDCS", 2024)
        people_svc.add_discipline(s, org["binh"], "KHIEN_TRACH", date(2026, 2, 3))
        people_svc.set_grade(s, org["cuong"], 2025, "HTXSNV", expected_version=0)
        add_award(s, org["dung"], "KNC_NNMT", 2024)
        an = svc.register_person(s, org["campaign"], org["an"], "CSTD_TINH")
        binh = svc.register_person(s, org["campaign"], org["binh"], "LDTT")
        cuong = svc.register_person(s, org["campaign"], org["cuong"], "BK_TINH")
        dung = svc.register_person(s, org["campaign"], org["dung"], "KNC_NNMT")
        em = svc.register_person(s, org["campaign"], org["em"], "TTLDTT")
    assert [f.message for f in an.flags] == [
        # the engine's words: the run that ends with 2026 (assumed to go well) has 2026 only
        "Chưa đủ 03 lần liên tục CSTĐCS (có: 2026) - Luật TĐKT 2022, Điều 22"
    ]
    assert [f.code for f in binh.flags] == ["DIEU_KIEN_GRADE"]  # the penalty forces KHTNV
    assert "Khiển trách" in binh.flags[0].message
    assert cuong.flags == ()  # HTXSNV in 2025 (and 2026 to come): point d can be met
    assert [f.code for f in dung.flags] == ["DIEU_KIEN_ONCE"]  # a medal given once
    assert [f.code for f in em.flags] == ["SAI_DOI_TUONG"]
    with database.session_factory() as s:  # stored with the registration
        stored = {r.person_id: r for r in svc.list_registrations(s, org["campaign"])}
    assert stored[org["an"]].flags == an.flags


def test_flags_for_a_person_who_left(database, org) -> None:
    with database.session_factory.begin() as s:
        people_svc.mark_left(
            s, org["binh"], date(2026, 2, 1), "Chuyển công tác", expected_version=1
        )
        dto = svc.register_person(s, org["campaign"], org["binh"], "LDTT")
    assert dto.flags[0].code == "DA_NGHI"
    assert "đã nghỉ từ 01/02/2026 (Chuyển công tác)" in dto.flags[0].message
    assert not dto.active and dto.unit_name == "Văn phòng Sở"


def test_recompute_after_history_changes(database, org) -> None:
    with database.session_factory.begin() as s:
        add_award(s, org["an"], "CSTDCS", 2024)
        dto = svc.register_person(s, org["campaign"], org["an"], "CSTD_TINH")
        assert [f.code for f in dto.flags] == ["DIEU_KIEN_STREAK"]
        assert svc.recompute_flags(s, org["campaign"]) == 0
        add_award(s, org["an"], "CSTDCS", 2025)
        assert svc.recompute_flags(s, org["campaign"]) == 1
        regs = svc.list_registrations(s, org["campaign"])
    assert regs[0].flags == ()


def test_collective_registration(database, org) -> None:
    with database.session_factory.begin() as s:
        vp = svc.register_unit(s, org["campaign"], org["vp"], "TTLDXS", note="Phấn đấu")
        assert (vp.catalogue_code, vp.title_short, vp.status_name) == (
            "TTLDXS",
            "TTLĐXS",
            "Chưa gửi",
        )
        s.add(UnitGrade(unit_id=org["cc"], year=2025, grade="HTTNV"))
        s.flush()
        cc = svc.register_unit(s, org["campaign"], org["cc"], "BK_TINH")
        wrong = svc.register_unit(s, org["campaign"], org["hat"], "LDTT")
        listed = svc.list_unit_registrations(s, org["campaign"])
        cleared = svc.register_unit(s, org["campaign"], org["vp"], None)
    assert [f.code for f in cc.flags] == ["DIEU_KIEN_STREAK"]  # HTTNV in 2025
    assert [f.code for f in wrong.flags] == ["SAI_DOI_TUONG"]
    assert [(u.unit_code, u.catalogue_code) for u in listed] == [
        ("SO", None),
        ("VP", "TTLDXS"),
        ("CCKL", "BK_TINH"),
        ("HAT1", "LDTT"),
    ]
    assert cleared.catalogue_code is None and cleared.flags == ()
    with database.session_factory() as s:
        assert s.scalar(select(func.count()).select_from(UnitRegistration)) == 3
        registering = svc.registering_units(unit_svc.list_units(s))
    assert [u.code for u in registering] == ["SO", "VP", "CCKL"]


def test_unit_status_transitions_with_dates_and_reason(database, org) -> None:
    c, vp = org["campaign"], org["vp"]
    with database.session_factory.begin() as s:
        with pytest.raises(
            ValidationError, match="Không chuyển được từ 'Chưa gửi' sang 'Đã duyệt'"
        ):
            svc.set_unit_status(s, c, vp, "DA_DUYET")
        sent = svc.set_unit_status(s, c, vp, "DA_NOP", on=date(2026, 1, 12))
        assert (sent.status_name, sent.submitted_on) == ("Đã nộp", date(2026, 1, 12))
        with pytest.raises(ValidationError, match="Trả lại bổ sung cần ghi lý do"):
            svc.set_unit_status(s, c, vp, "TRA_LAI", on=date(2026, 1, 14))
        back = svc.set_unit_status(
            s, c, vp, "TRA_LAI", on=date(2026, 1, 14), reason="Thiếu 2 người ở Hạt I"
        )
        assert (back.status, back.returned_on, back.return_reason) == (
            "TRA_LAI",
            date(2026, 1, 14),
            "Thiếu 2 người ở Hạt I",
        )
        again = svc.set_unit_status(s, c, vp, "DA_NOP", on=date(2026, 1, 16))
        assert again.submitted_on == date(2026, 1, 16) and again.return_reason  # history kept
        with pytest.raises(ValidationError, match="Ngày duyệt trước ngày nộp"):
            svc.set_unit_status(s, c, vp, "DA_DUYET", on=date(2026, 1, 15))
        ok = svc.set_unit_status(s, c, vp, "DA_DUYET", on=date(2026, 1, 20), note="Đủ hồ sơ")
        assert (ok.status_name, ok.approved_on, ok.status_note) == (
            "Đã duyệt",
            date(2026, 1, 20),
            "Đủ hồ sơ",
        )
        reopened = svc.set_unit_status(s, c, vp, "TRA_LAI", reason="Sai danh hiệu")
        assert reopened.approved_on is None
    with database.session_factory() as s:
        statuses = s.scalars(
            select(AuditLog.after).where(AuditLog.table_name == "unit_registration")
        ).all()
    assert len(statuses) == 5  # one insert, four updates: every move is audited
