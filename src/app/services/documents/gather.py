"""One entry for the command line and the screens: the data of a document by its code."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from app.domain.documents import (
    ACHIEVEMENT_CODE,
    DECISION_CODE,
    DOCUMENT_NAMES,
    INVITATION_CODE,
    MINUTES_CODE,
    NOTICE_CODE,
    SUBMISSION_CODE,
)
from app.domain.errors import ValidationError
from app.services.documents import achievement, council, decision, submission
from app.services.documents.model import DocumentData

__all__ = ["WORD_CODES", "DocumentParams", "gather_document"]

WORD_CODES = (
    SUBMISSION_CODE,
    DECISION_CODE,
    MINUTES_CODE,
    INVITATION_CODE,
    ACHIEVEMENT_CODE,
    NOTICE_CODE,
)


@dataclass(frozen=True)
class DocumentParams:
    year: int | None = None
    route: str | None = None
    title: str | None = None
    session_id: int | None = None
    decision_id: int | None = None
    person_id: int | None = None
    unit_id: int | None = None
    on: date | None = None
    submission: str | None = None  # the tờ trình a decision answers, as typed


def _need_year(params: DocumentParams, code: str) -> int:
    if params.year is None:
        raise ValidationError(f"{DOCUMENT_NAMES[code]} cần năm (--year)")
    return params.year


def gather_document(session: Session, code: str, params: DocumentParams) -> DocumentData:
    if code == SUBMISSION_CODE:
        return submission.submission_data(
            session,
            _need_year(params, code),
            params.route,
            title=params.title,
            session_id=params.session_id,
            on=params.on,
        )
    if code == DECISION_CODE:
        if params.decision_id is None:
            raise ValidationError("Quyết định cần chọn một quyết định (--decision SỐ)")
        return decision.decision_data(
            session,
            params.decision_id,
            session_id=params.session_id,
            submission=params.submission,
        )
    if code == MINUTES_CODE:
        return council.minutes_data(session, params.session_id, params.year)
    if code == INVITATION_CODE:
        return council.invitation_data(session, params.session_id, params.year, on=params.on)
    if code == NOTICE_CODE:
        return council.notice_data(session, params.session_id, params.year, on=params.on)
    if code == ACHIEVEMENT_CODE:
        return achievement.achievement_data(
            session,
            person_id=params.person_id,
            unit_id=params.unit_id,
            year=params.year,
            title=params.title,
            on=params.on,
        )
    raise ValidationError(f"Không có văn bản '{code}'")
