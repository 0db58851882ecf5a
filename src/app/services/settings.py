"""Settings stored in the database (audited like any record).

Each setting is a row with a ``version``: a screen that shows a setting passes the version it
read back when saving (:func:`setting_version`), and a save over another clerk's change is
refused with :class:`ConflictError`."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy.orm import Session

from app.db.models import AppSetting
from app.domain.errors import ConflictError, ValidationError
from app.domain.settings import AgencySettings, validate_agency

AGENCY_KEY = "agency"


def get_setting(session: Session, key: str, default: Any = None) -> Any:
    row = session.get(AppSetting, key)
    if row is None:
        return default
    return json.loads(row.value)


def setting_version(session: Session, key: str) -> int:
    """The version of a setting as stored now (0 when it was never saved)."""
    row = session.get(AppSetting, key)
    return row.version if row is not None else 0


def set_setting(
    session: Session, key: str, value: Any, *, expected_version: int | None = None
) -> None:
    """Store a setting; with ``expected_version`` (what the screen read, 0 for none), refused
    when another clerk saved it since."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    row = session.get(AppSetting, key)
    if expected_version is not None:
        ConflictError.check(row.version if row is not None else 0, expected_version)
    if row is None:
        session.add(AppSetting(key=key, value=text))
    elif row.value != text:
        row.value = text
    session.flush()


def get_agency(session: Session) -> AgencySettings:
    data = get_setting(session, AGENCY_KEY)
    return AgencySettings.from_dict(data) if isinstance(data, dict) else AgencySettings()


def agency_version(session: Session) -> int:
    return setting_version(session, AGENCY_KEY)


def save_agency(
    session: Session, settings: AgencySettings, *, expected_version: int
) -> AgencySettings:
    """Save the agency's names and signer; ``expected_version``: :func:`agency_version` when
    the form read them (0: never saved)."""
    problems = validate_agency(settings)
    if problems:
        raise ValidationError(problems)
    settings = settings.normalised()
    set_setting(session, AGENCY_KEY, settings.to_dict(), expected_version=expected_version)
    return settings
