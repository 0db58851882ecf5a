"""Agency settings: defaults, validation, saving with audit."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from app.db.models import AuditLog
from app.domain.errors import ConflictError, ValidationError
from app.domain.settings import AgencySettings
from app.services import settings as svc


def test_defaults_until_saved(database) -> None:
    with database.session_factory() as s:
        assert svc.get_agency(s) == AgencySettings()


def test_save_normalises_and_audits(database) -> None:
    new = AgencySettings(
        parent_body="UBND TỈNH TUYÊN QUANG",
        abbreviation=" snnmt ",
        place="Tuyên  Quang",
        signer_name="Nguyễn Văn A",
    )
    with database.session_factory.begin() as s:
        saved = svc.save_agency(s, new, expected_version=0)
    assert saved.abbreviation == "SNNMT" and saved.place == "Tuyên Quang"
    with database.session_factory() as s:
        assert svc.get_agency(s) == saved
        log = s.scalars(select(AuditLog).where(AuditLog.table_name == "app_setting")).one()
    assert json.loads(json.loads(log.after)["value"])["place"] == "Tuyên Quang"


def test_invalid_settings_are_refused(database) -> None:
    with pytest.raises(ValidationError) as exc, database.session_factory.begin() as s:
        svc.save_agency(
            s, AgencySettings(agency="", abbreviation="S N", place=""), expected_version=0
        )
    assert len(exc.value.problems) == 3
    with database.session_factory() as s:
        assert svc.get_agency(s) == AgencySettings()


def test_a_save_over_another_clerks_settings_is_refused(database) -> None:
    """Two clerks opened the agency settings (never saved: version 0); the second save is
    refused and the first clerk's values stay."""
    with database.session_factory() as s:
        seen_by_a = seen_by_b = svc.agency_version(s)
    assert seen_by_a == 0
    with database.session_factory.begin() as s:
        svc.save_agency(s, AgencySettings(signer_name="Chị A"), expected_version=seen_by_a)
    with pytest.raises(ConflictError), database.session_factory.begin() as s:
        svc.save_agency(s, AgencySettings(signer_name="Anh B"), expected_version=seen_by_b)
    with database.session_factory() as s:
        assert svc.get_agency(s).signer_name == "Chị A"
        assert svc.agency_version(s) == 1
    with database.session_factory.begin() as s:  # B read them again
        svc.save_agency(s, AgencySettings(signer_name="Anh B"), expected_version=1)
    with database.session_factory() as s:
        assert svc.get_agency(s).signer_name == "Anh B" and svc.agency_version(s) == 2
