"""Campaigns: create, edit, status by date, regular campaign per year, delete, attachments."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.db.models import Attachment, AuditLog, Campaign, CampaignAward
from app.domain.campaigns import REGULAR, THEMATIC, CampaignInput, CampaignStatus, PlannedAward
from app.domain.errors import ConflictError, NotFoundError, ValidationError
from app.domain.people import PersonInput
from app.domain.units import UnitInput
from app.services import attachments
from app.services import campaigns as svc
from app.services import people as people_svc
from app.services import registrations as reg_svc
from app.services import units as unit_svc


def thematic(**kw) -> CampaignInput:
    values = {
        "name": "Thi đua xây dựng cơ sở dữ liệu đất đai quốc gia",
        "kind": THEMATIC,
        "scope": "BO_NGANH_DIA_PHUONG",
        "start_date": date(2025, 9, 1),
        "end_date": date(2025, 11, 30),
        "registration_deadline": date(2025, 9, 20),
        "launch_number": "7842/BNNMT-TCCB",
        "launch_date": date(2025, 10, 14),
        "launch_level": "CAP_BO_TINH",
        "subjects_text": "Tập thể, cá nhân thuộc Sở",
        "criteria": "Hoàn thành cơ sở dữ liệu đúng hạn",
        "awards": (PlannedAward("BK_BO", 3, "TAP_THE"), PlannedAward("BK_BO", 5, "CA_NHAN")),
    }
    values.update(kw)
    return CampaignInput(**values)


def test_create_read_and_status(database) -> None:
    with database.session_factory.begin() as s:
        dto = svc.create_campaign(s, thematic())
    assert dto.id and dto.year == 2025 and dto.kind_name == "Theo chuyên đề"
    assert dto.scope_name == "Bộ, ngành, địa phương" and dto.launch_level_name == "Bộ, ngành, tỉnh"
    assert [(a.catalogue_code, a.subject_kind, a.quantity) for a in dto.awards] == [
        ("BK_BO", "TAP_THE", 3),
        ("BK_BO", "CA_NHAN", 5),
    ]
    assert dto.awards[0].name == "Bằng khen của Bộ trưởng Bộ Nông nghiệp và Môi trường"
    with database.session_factory() as s:
        assert svc.get_campaign(s, dto.id, today=date(2025, 9, 10)).status == (
            CampaignStatus.DANG_NHAN_DANG_KY
        )
        assert svc.get_campaign(s, dto.id, today=date(2025, 10, 20)).status_name == (
            "Đang thực hiện"
        )
        assert svc.get_campaign(s, dto.id, today=date(2025, 12, 20)).status_name == (
            "Đang bình xét"
        )
        assert svc.get_campaign(s, dto.id, today=date(2026, 2, 1)).status_name == "Đã kết thúc"
        with pytest.raises(NotFoundError):
            svc.get_campaign(s, 999)
    with database.engine.connect() as conn:
        audited = conn.execute(
            select(func.count())
            .select_from(AuditLog)
            .where(AuditLog.table_name.in_(["campaign", "campaign_award"]))
        ).scalar_one()
        author = conn.execute(select(Campaign.created_by)).scalar_one()
    assert audited == 3 and author == "kiemthu"


def test_update_replaces_planned_awards_in_place(database) -> None:
    with database.session_factory.begin() as s:
        dto = svc.create_campaign(s, thematic())
        first_award = dto.awards[0].id
        changed = thematic(
            name="Thi đua cơ sở dữ liệu đất đai",
            awards=(PlannedAward("BK_BO", 4, "TAP_THE"), PlannedAward("GK_SO", 10)),
            closed=True,
        )
        after = svc.update_campaign(s, dto.id, changed, expected_version=dto.version)
    assert after.name == "Thi đua cơ sở dữ liệu đất đai" and after.closed
    assert after.status == CampaignStatus.DA_KET_THUC
    assert [(a.catalogue_code, a.quantity) for a in after.awards] == [("BK_BO", 4), ("GK_SO", 10)]
    assert after.awards[0].id == first_award
    with database.session_factory() as s:
        assert s.scalar(select(func.count()).select_from(CampaignAward)) == 2


def test_invalid_campaign_is_refused(database) -> None:
    with database.session_factory.begin() as s:
        with pytest.raises(ValidationError) as exc:
            svc.create_campaign(s, thematic(name="", end_date=date(2025, 1, 1)))
    assert "Chưa nhập tên phong trào" in exc.value.problems
    assert any("trước ngày bắt đầu" in p for p in exc.value.problems)


def test_one_regular_campaign_per_year(database) -> None:
    with database.session_factory.begin() as s:
        first, created = svc.ensure_regular_campaign(s, 2026)
        again, created_again = svc.ensure_regular_campaign(s, 2026)
    assert created and not created_again and first.id == again.id
    assert first.is_regular and first.name == "Phong trào thi đua thường xuyên năm 2026"
    assert (first.start_date, first.end_date) == (date(2026, 1, 1), date(2026, 12, 31))
    with database.session_factory.begin() as s:
        with pytest.raises(ValidationError, match="đã có phong trào thi đua thường xuyên"):
            svc.create_campaign(s, svc.default_regular_input(2026))
        other = svc.create_campaign(s, thematic())
        assert svc.regular_campaign(s, 2025) is None
        listed = svc.list_campaigns(s)
    assert [c.id for c in listed] == [first.id, other.id]
    assert listed[0].kind == REGULAR


def test_set_closed(database) -> None:
    with database.session_factory.begin() as s:
        dto = svc.create_campaign(s, thematic())
        closed = svc.set_closed(s, dto.id, True, expected_version=dto.version)
        assert closed.closed and closed.version == dto.version + 1
        assert not svc.set_closed(s, dto.id, False, expected_version=closed.version).closed
        with pytest.raises(ConflictError):  # a screen still showing it open
            svc.set_closed(s, dto.id, True, expected_version=dto.version)


def test_attachment_kept_in_the_database_and_removed(database, tmp_path) -> None:
    source = tmp_path / "Kế hoạch phát động.pdf"
    source.write_bytes(b"%PDF-1.4 ke hoach")
    with database.session_factory.begin() as s:
        dto = svc.create_campaign(s, thematic())
        att = svc.add_attachment(s, dto.id, source, note="Kế hoạch")
    assert att.size == 17 and att.kind_name == "PDF" and att.note == "Kế hoạch"
    source.unlink()  # the copy does not depend on the original
    with database.session_factory() as s:
        got = svc.get_campaign(s, dto.id)
        assert [a.file_name for a in got.attachments] == ["Kế hoạch phát động.pdf"]
        _info, content = attachments.attachment_content(s, att.id)
    assert content == b"%PDF-1.4 ke hoach"
    with database.session_factory.begin() as s:
        svc.remove_attachment(s, att.id)
    with database.session_factory() as s:
        assert s.scalar(select(func.count()).select_from(Attachment)) == 0
        assert svc.get_campaign(s, dto.id).attachments == ()


def test_same_name_numbered_wrong_kind_refused_and_rollback_keeps_nothing(
    database, tmp_path
) -> None:
    source = tmp_path / "quyet-dinh.pdf"
    source.write_bytes(b"%PDF-1.7 quyet dinh")
    with database.session_factory.begin() as s:
        dto = svc.create_campaign(s, thematic())
        svc.add_attachment(s, dto.id, source)
        again = svc.add_attachment(s, dto.id, source)
    assert again.file_name == "quyet-dinh (2).pdf"
    other = tmp_path / "bao-cao.xlsx"
    other.write_bytes(b"xlsx")  # not an Excel file whatever its name
    with database.session_factory.begin() as s:
        with pytest.raises(ValidationError, match="không phải loại được nhận"):
            svc.add_attachment(s, dto.id, other)
    with pytest.raises(RuntimeError):
        with database.session_factory.begin() as s:
            svc.add_attachment(s, dto.id, source)
            raise RuntimeError("người dùng hủy")
    with database.session_factory() as s:
        names = [a.file_name for a in svc.get_campaign(s, dto.id).attachments]
    assert names == ["quyet-dinh.pdf", "quyet-dinh (2).pdf"]
    with database.session_factory.begin() as s:
        with pytest.raises(ValidationError, match="Không tìm thấy tệp"):
            svc.add_attachment(s, dto.id, tmp_path / "khong-co.pdf")


def test_delete_campaign_with_its_files(database, tmp_path) -> None:
    source = tmp_path / "ke-hoach.pdf"
    source.write_bytes(b"%PDF-1.4")
    with database.session_factory.begin() as s:
        dto = svc.create_campaign(s, thematic())
        svc.add_attachment(s, dto.id, source)
    with database.session_factory.begin() as s:
        svc.delete_campaign(s, dto.id, expected_version=dto.version)
    with database.session_factory() as s:
        assert s.scalar(select(func.count()).select_from(Campaign)) == 0
        assert s.scalar(select(func.count()).select_from(CampaignAward)) == 0
        assert s.scalar(select(func.count()).select_from(Attachment)) == 0


def test_delete_refused_once_there_are_registrations(database) -> None:
    with database.session_factory.begin() as s:
        unit = unit_svc.create_unit(s, UnitInput(code="VP", full_name="Văn phòng Sở"))
        pid = people_svc.create_person(s, PersonInput(ho_dem="Lê Văn", ten="An"), unit_id=unit.id)
        dto, _ = svc.ensure_regular_campaign(s, 2026)
        reg_svc.register_person(s, dto.id, pid, "LDTT")
    with database.session_factory.begin() as s:
        with pytest.raises(ValidationError, match="đã có 1 đăng ký thi đua: không xóa được"):
            svc.delete_campaign(s, dto.id, expected_version=dto.version)
        assert svc.get_campaign(s, dto.id).registrations == 1
        with pytest.raises(ValidationError, match="không đổi được năm"):
            svc.update_campaign(
                s, dto.id, svc.default_regular_input(2027), expected_version=dto.version
            )


def test_database_of_revision_0002_upgrades_and_takes_campaigns(tmp_path) -> None:
    """tests/data/tdkt-0002.sqlite (settings table, no campaigns) opens at head and works."""
    import shutil
    import sqlite3

    from app.config import sqlite_url
    from app.db.migrate import current_revision, head_revision
    from app.db.models import Person
    from app.services.database import open_database
    from app.services.settings import get_agency

    path = tmp_path / "tdkt-0002.sqlite"
    shutil.copy(Path(__file__).resolve().parent.parent / "data" / "tdkt-0002.sqlite", path)
    raw = sqlite3.connect(path)
    assert raw.execute("SELECT version_num FROM alembic_version").fetchone() == ("0002",)
    raw.close()
    db = open_database(sqlite_url(path), user="kiemthu", backup_folder=tmp_path / "bk")
    try:
        assert db.backup_made is not None  # copied before migrating
        assert current_revision(db.engine) == head_revision()
        with db.session_factory.begin() as s:
            assert get_agency(s).place == "Tuyên Quang"  # the 0002 row survived
            person = s.scalar(select(Person).order_by(Person.id))
            campaign, created = svc.ensure_regular_campaign(s, 2026)
            dto = reg_svc.register_person(s, campaign.id, person.id, "LDTT")
        assert created and dto.full_name == person.full_name
    finally:
        db.dispose()
