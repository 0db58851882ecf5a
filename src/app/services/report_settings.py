"""Settings of the statistics forms, stored in ``app_setting`` (audited like every setting).

Entry points: :func:`get_stat_settings` / :func:`save_stat_settings` (the receiving body,
who submitted State-level awards, the households' column) and :func:`get_secretariat` /
:func:`save_secretariat` (forms 0604 and 0605); rules in :mod:`app.domain.report_settings`.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.domain.errors import ValidationError
from app.domain.report_settings import (
    Secretariat,
    StatSettings,
    secretariat_problems,
    stat_problems,
)
from app.services.settings import get_setting, set_setting, setting_version

__all__ = [
    "SECRETARIAT_KEY",
    "STAT_KEY",
    "get_secretariat",
    "get_stat_settings",
    "save_report_settings",
    "save_secretariat",
    "save_stat_settings",
    "stat_versions",
]

STAT_KEY = "reports.statistics"
SECRETARIAT_KEY = "reports.secretariat"


def get_stat_settings(session: Session) -> StatSettings:
    data = get_setting(session, STAT_KEY)
    return StatSettings.from_dict(data) if isinstance(data, dict) else StatSettings()


def save_stat_settings(
    session: Session, settings: StatSettings, *, expected_version: int | None = None
) -> StatSettings:
    """Save the statistics settings; ``expected_version`` (:func:`setting_version` of
    :data:`STAT_KEY` when the screen read them) refuses a save over another clerk's."""
    problems = stat_problems(settings)
    if problems:
        raise ValidationError(problems)
    saved = StatSettings.from_dict(settings.to_dict())
    set_setting(session, STAT_KEY, saved.to_dict(), expected_version=expected_version)
    return saved


def get_secretariat(session: Session) -> Secretariat:
    data = get_setting(session, SECRETARIAT_KEY)
    return Secretariat.from_dict(data) if isinstance(data, dict) else Secretariat()


def save_secretariat(
    session: Session, data: Secretariat, *, expected_version: int | None = None
) -> Secretariat:
    problems = secretariat_problems(data)
    if problems:
        raise ValidationError(problems)
    set_setting(session, SECRETARIAT_KEY, data.to_dict(), expected_version=expected_version)
    return get_secretariat(session)


def save_report_settings(
    session: Session,
    settings: StatSettings,
    secretariat: Secretariat,
    *,
    expected_versions: tuple[int, int] | None = None,
) -> tuple[StatSettings, Secretariat]:
    """Both settings in one transaction (the dialog's save); ``expected_versions`` as
    :func:`stat_versions` gave them when the dialog was filled."""
    first, second = expected_versions if expected_versions is not None else (None, None)
    problems = stat_problems(settings) + secretariat_problems(secretariat)
    if problems:
        raise ValidationError(problems)
    return (
        save_stat_settings(session, settings, expected_version=first),
        save_secretariat(session, secretariat, expected_version=second),
    )


def stat_versions(session: Session) -> tuple[int, int]:
    """(version of the statistics settings, of the secretariat) as stored now."""
    return setting_version(session, STAT_KEY), setting_version(session, SECRETARIAT_KEY)
