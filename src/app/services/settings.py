"""Settings stored in the database (audited like any record)."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy.orm import Session

from app.db.models import AppSetting
from app.domain.errors import ValidationError
from app.domain.settings import AgencySettings, validate_agency

AGENCY_KEY = "agency"


def get_setting(session: Session, key: str, default: Any = None) -> Any:
    row = session.get(AppSetting, key)
    if row is None:
        return default
    return json.loads(row.value)


def set_setting(session: Session, key: str, value: Any) -> None:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    row = session.get(AppSetting, key)
    if row is None:
        session.add(AppSetting(key=key, value=text))
    elif row.value != text:
        row.value = text
    session.flush()


def get_agency(session: Session) -> AgencySettings:
    data = get_setting(session, AGENCY_KEY)
    return AgencySettings.from_dict(data) if isinstance(data, dict) else AgencySettings()


def save_agency(session: Session, settings: AgencySettings) -> AgencySettings:
    problems = validate_agency(settings)
    if problems:
        raise ValidationError(problems)
    settings = settings.normalised()
    set_setting(session, AGENCY_KEY, settings.to_dict())
    return settings
