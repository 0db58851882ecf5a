"""How the Sở writes its documents (:class:`app.domain.documents.DocumentSettings`), stored in
``app_setting`` and audited like every setting; a save over another clerk's is refused."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.domain.documents import DocumentSettings, settings_problems
from app.domain.errors import ValidationError
from app.services.settings import get_setting, set_setting, setting_version

__all__ = [
    "DOCUMENTS_KEY",
    "document_settings_version",
    "get_document_settings",
    "save_document_settings",
]

DOCUMENTS_KEY = "documents"


def get_document_settings(session: Session) -> DocumentSettings:
    data = get_setting(session, DOCUMENTS_KEY)
    return DocumentSettings.from_dict(data) if isinstance(data, dict) else DocumentSettings()


def document_settings_version(session: Session) -> int:
    return setting_version(session, DOCUMENTS_KEY)


def save_document_settings(
    session: Session, settings: DocumentSettings, *, expected_version: int
) -> DocumentSettings:
    problems = settings_problems(settings)
    if problems:
        raise ValidationError(problems)
    settings = settings.normalised()
    set_setting(session, DOCUMENTS_KEY, settings.to_dict(), expected_version=expected_version)
    return settings
