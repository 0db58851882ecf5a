"""Award types and emulation forms as lists a clerk edits: renamed, the Sở's own entries added
(treated as the shipped entry they are like, by the rules and the statistics), retired,
deleted while unused; stored with a version, applied when the database opens again."""

from __future__ import annotations

from datetime import date

import pytest

from app.db.models import AwardRecord, PersonGrade
from app.domain.campaigns import THEMATIC, CampaignInput
from app.domain.errors import ConflictError, ValidationError
from app.domain.people import PersonInput
from app.domain.units import UnitInput
from app.services import campaigns as camp_svc
from app.services import code_lists as svc
from app.services import people as people_svc
from app.services import units as unit_svc
from app.services.database import open_database
from app.services.eligibility import evaluate_year
from app.services.reference import codes


@pytest.fixture(autouse=True)
def _shipped_lists_after():
    """Each test leaves the lists in use as shipped (they are the program's, not the file's)."""
    yield
    svc.reset_code_lists()


def test_a_shipped_award_type_is_renamed_and_named_so_everywhere(database) -> None:
    with database.session_factory.begin() as s:
        svc.rename_entry(
            s, "award_types", "DOT_XUAT", "Khen đột xuất (thành tích đặc biệt)", expected_version=0
        )
    assert codes().name_of("award_types", "DOT_XUAT") == "Khen đột xuất (thành tích đặc biệt)"
    with database.session_factory() as s:
        entry = next(e for e in svc.list_entries(s, "award_types").entries if e.code == "DOT_XUAT")
    assert entry.renamed and not entry.local
    # back to its own name: no longer a change
    with database.session_factory.begin() as s:
        listed = svc.rename_entry(
            s, "award_types", "DOT_XUAT", entry.shipped_name, expected_version=1
        )
    assert not next(e for e in listed.entries if e.code == "DOT_XUAT").renamed


def test_names_are_checked_and_a_stale_change_is_refused(database) -> None:
    with database.session_factory.begin() as s, pytest.raises(ValidationError, match="Đã có"):
        svc.add_entry(s, "award_types", "khen thuong cong trang", "CONG_TRANG", expected_version=0)
    with database.session_factory.begin() as s, pytest.raises(ValidationError, match="Chưa nhập"):
        svc.rename_entry(s, "award_types", "CONG_TRANG", "  ", expected_version=0)
    with database.session_factory.begin() as s:
        svc.add_entry(
            s, "award_types", "Khen thưởng của Công đoàn ngành", "CHUYEN_DE", expected_version=0
        )
    with database.session_factory.begin() as s, pytest.raises(ConflictError):
        svc.set_retired(s, "award_types", "DOT_XUAT", True, expected_version=0)


@pytest.fixture
def streak(database):
    """A person with CSTĐCS in 2023 and 2024 under a local award type, graded HTXSNV."""
    with database.session_factory.begin() as s:
        unit = unit_svc.create_unit(
            s, UnitInput(code="VP", full_name="Văn phòng Sở", kind="VAN_PHONG")
        )
        pid = people_svc.create_person(
            s,
            PersonInput(ho_dem="Lê Văn", ten="Tâm", birth_date=date(1980, 5, 5)),
            unit_id=unit.id,
            start_date=date(2010, 1, 1),
        )
        for year in (2023, 2024, 2025):
            s.add(PersonGrade(person_id=pid, year=year, grade="HTXSNV", months_worked=12))
    return pid


def _cstd_tinh(database, pid: int) -> str:
    with database.session_factory() as s:
        rows = evaluate_year(s, 2025, title="CSTD_TINH")
    return next(r.verdict for r in rows if r.subject_id == pid).explanation


@pytest.mark.parametrize(("like", "counted"), [("CONG_TRANG", True), ("CHUYEN_DE", False)])
def test_a_local_award_type_counts_as_the_type_it_is_like(database, streak, like, counted) -> None:
    with database.session_factory.begin() as s:
        listed = svc.add_entry(
            s, "award_types", "Khen thưởng riêng của Sở", like, expected_version=0
        )
        code = listed.entries[-1].code
        assert listed.entries[-1].like == like and code.startswith("RIENG_")
        for year in (2023, 2024):
            s.add(
                AwardRecord(
                    subject_kind="CA_NHAN",
                    person_id=streak,
                    catalogue_code="CSTDCS",
                    year=year,
                    award_type=code,
                )
            )
    explanation = _cstd_tinh(database, streak)
    assert ("03 lần liên tục CSTĐCS" not in explanation) is counted, explanation


def test_retire_and_delete(database, streak) -> None:
    with database.session_factory.begin() as s:
        listed = svc.add_entry(
            s, "award_types", "Khen thưởng riêng", "CONG_TRANG", expected_version=0
        )
        code = listed.entries[-1].code
        s.add(
            AwardRecord(
                subject_kind="CA_NHAN",
                person_id=streak,
                catalogue_code="GK_SO",
                year=2024,
                award_type=code,
            )
        )
    with (
        database.session_factory.begin() as s,
        pytest.raises(ValidationError, match="đang được dùng ở 1"),
    ):
        svc.delete_entry(s, "award_types", code, expected_version=1)
    with database.session_factory.begin() as s, pytest.raises(ValidationError, match="có sẵn"):
        svc.delete_entry(s, "award_types", "CONG_TRANG", expected_version=1)
    with database.session_factory.begin() as s:
        listed = svc.set_retired(s, "award_types", code, True, expected_version=1)
    assert next(e for e in listed.entries if e.code == code).retired
    assert codes().name_of("award_types", code) == "Khen thưởng riêng"  # old records keep it
    with database.session_factory.begin() as s:
        s.query(AwardRecord).filter(AwardRecord.award_type == code).delete()
        listed = svc.delete_entry(s, "award_types", code, expected_version=2)
    assert code not in {e.code for e in listed.entries}


def test_a_local_emulation_form_for_campaigns_survives_reopening(database, tmp_path) -> None:
    with database.session_factory.begin() as s:
        listed = svc.add_entry(
            s, "campaign_kinds", "Theo đợt (cao điểm)", THEMATIC, expected_version=0
        )
        code = listed.entries[-1].code
        made = camp_svc.create_campaign(
            s,
            CampaignInput(
                name="Đợt thi đua 100 ngày",
                kind=code,
                scope="CO_QUAN_DON_VI",
                start_date=date(2026, 5, 1),
            ),
        )
    assert made.kind_name == "Theo đợt (cao điểm)"
    assert svc.kind_like("campaign_kinds", code) == THEMATIC
    svc.reset_code_lists()  # as a new process
    assert code not in svc.campaign_kinds()
    again = open_database(database.url, backup_folder=tmp_path / "b")
    try:
        assert svc.campaign_kinds()[code] == "Theo đợt (cao điểm)"
    finally:
        again.dispose()
    with (
        database.session_factory.begin() as s,
        pytest.raises(ValidationError, match="không hợp lệ"),
    ):
        camp_svc.create_campaign(
            s,
            CampaignInput(
                name="X", kind="KHONG_CO", scope="CO_QUAN_DON_VI", start_date=date(2026, 5, 1)
            ),
        )
