"""Campaigns (phong trào thi đua): create, edit, close, delete, planned awards, attachments.

Every write runs in the caller's transaction and is audited (the models are ``Audited``).
Attached files are kept in the database with the other dossiers (:mod:`app.services.
attachments`, owner ``CAMPAIGN``), so they follow the transaction and every clerk of a shared
database has them; those kept as files by earlier versions are moved there at start-up
(:func:`app.services.attachments.adopt_campaign_files`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.base import utcnow
from app.db.models import (
    Attachment,
    Campaign,
    CampaignAward,
    Registration,
    UnitRegistration,
)
from app.domain.campaigns import (
    LAUNCH_LEVELS,
    REGULAR,
    SCOPES,
    CampaignInput,
    CampaignStatus,
    PlannedAward,
    campaign_status,
    validate_campaign_input,
)
from app.domain.errors import ConflictError, NotFoundError, ValidationError
from app.services import attachments
from app.services.code_lists import campaign_kinds
from app.services.reference import catalogue

__all__ = [
    "AttachmentDTO",
    "CampaignDTO",
    "PlannedAwardDTO",
    "add_attachment",
    "create_campaign",
    "default_regular_input",
    "delete_campaign",
    "ensure_regular_campaign",
    "get_campaign",
    "list_campaigns",
    "regular_campaign",
    "remove_attachment",
    "set_closed",
    "update_campaign",
]


@dataclass(frozen=True)
class PlannedAwardDTO:
    id: int
    catalogue_code: str
    name: str
    subject_kind: str | None
    quantity: int
    note: str | None


@dataclass(frozen=True)
class AttachmentDTO:
    id: int
    campaign_id: int
    file_name: str
    size: int
    sha256: str
    note: str | None
    kind_name: str = ""  # "PDF", "Word (.docx)"...
    size_text: str = ""  # "1,2 MB"


@dataclass(frozen=True)
class CampaignDTO:
    id: int
    name: str
    kind: str
    kind_name: str
    scope: str
    scope_name: str
    year: int
    launch_number: str | None
    launch_date: date | None
    launch_level: str | None
    start_date: date
    end_date: date | None
    registration_deadline: date | None
    review_until: date | None
    closed: bool
    for_collectives: bool
    for_individuals: bool
    subjects_text: str | None
    criteria: str | None
    note: str | None
    status: CampaignStatus
    awards: tuple[PlannedAwardDTO, ...]
    attachments: tuple[AttachmentDTO, ...]
    registrations: int
    version: int = 0  # passed back when the campaign is saved or removed (optimistic locking)

    @property
    def status_name(self) -> str:
        return self.status.label

    @property
    def launch_level_name(self) -> str:
        return LAUNCH_LEVELS.get(self.launch_level or "", self.launch_level or "")

    @property
    def is_regular(self) -> bool:
        return self.kind == REGULAR

    def as_input(self) -> CampaignInput:
        return CampaignInput(
            name=self.name,
            kind=self.kind,
            scope=self.scope,
            start_date=self.start_date,
            end_date=self.end_date,
            registration_deadline=self.registration_deadline,
            year=self.year,
            launch_number=self.launch_number,
            launch_date=self.launch_date,
            launch_level=self.launch_level,
            review_until=self.review_until,
            closed=self.closed,
            for_collectives=self.for_collectives,
            for_individuals=self.for_individuals,
            subjects_text=self.subjects_text,
            criteria=self.criteria,
            note=self.note,
            awards=tuple(
                PlannedAward(a.catalogue_code, a.quantity, a.subject_kind, a.note)
                for a in self.awards
            ),
        )


def _registration_count(session: Session, campaign_id: int) -> int:
    people = session.scalar(
        select(func.count())
        .select_from(Registration)
        .where(Registration.campaign_id == campaign_id)
    )
    units = session.scalar(
        select(func.count())
        .select_from(UnitRegistration)
        .where(UnitRegistration.campaign_id == campaign_id)
    )
    return int(people or 0) + int(units or 0)


def _dto(session: Session, c: Campaign, today: date | None = None) -> CampaignDTO:
    cat = catalogue()
    return CampaignDTO(
        id=c.id,
        name=c.name,
        kind=c.kind,
        kind_name=campaign_kinds(with_retired=True).get(c.kind, c.kind),
        scope=c.scope,
        scope_name=SCOPES.get(c.scope, c.scope),
        year=c.year,
        launch_number=c.launch_number,
        launch_date=c.launch_date,
        launch_level=c.launch_level,
        start_date=c.start_date,
        end_date=c.end_date,
        registration_deadline=c.registration_deadline,
        review_until=c.review_until,
        closed=c.closed,
        for_collectives=c.for_collectives,
        for_individuals=c.for_individuals,
        subjects_text=c.subjects_text,
        criteria=c.criteria,
        note=c.note,
        status=campaign_status(
            c.start_date,
            c.end_date,
            c.registration_deadline,
            today or date.today(),
            launch_date=c.launch_date,
            review_until=c.review_until,
            closed=c.closed,
        ),
        awards=tuple(
            PlannedAwardDTO(
                a.id,
                a.catalogue_code,
                cat.get(a.catalogue_code).name if a.catalogue_code in cat else a.catalogue_code,
                a.subject_kind,
                a.quantity,
                a.note,
            )
            for a in c.awards
        ),
        attachments=tuple(
            _attachment_dto(a)
            for a in attachments.list_attachments(session, attachments.CAMPAIGN, c.id)
        ),
        registrations=_registration_count(session, c.id),
        version=c.version,
    )


def _attachment_dto(a: attachments.AttachmentInfo) -> AttachmentDTO:
    return AttachmentDTO(
        a.id, a.owner_id, a.file_name, a.size, a.sha256, a.note or None, a.kind_name, a.size_text
    )


def _load(session: Session, campaign_id: int, expected_version: int | None = None) -> Campaign:
    """The campaign; with ``expected_version`` (the version a screen showed), refused with
    :class:`ConflictError` when another clerk changed it since."""
    c = session.get(Campaign, campaign_id)
    if c is None:
        raise NotFoundError(f"Không tìm thấy phong trào thi đua id={campaign_id}")
    if expected_version is not None:
        ConflictError.check(c.version, expected_version)
    return c


# ---------------------------------------------------------------- reading


def list_campaigns(
    session: Session, *, year: int | None = None, today: date | None = None
) -> list[CampaignDTO]:
    """Campaigns, newest year first, regular before thematic, then by start date."""
    stmt = select(Campaign)
    if year is not None:
        stmt = stmt.where(Campaign.year == year)
    rows = session.scalars(stmt).all()
    rows = sorted(rows, key=lambda c: (-c.year, c.kind != REGULAR, c.start_date, c.id))
    return [_dto(session, c, today) for c in rows]


def get_campaign(session: Session, campaign_id: int, *, today: date | None = None) -> CampaignDTO:
    return _dto(session, _load(session, campaign_id), today)


def regular_campaign(session: Session, year: int) -> CampaignDTO | None:
    """The regular (thường xuyên) campaign of ``year``, if one exists."""
    c = session.scalar(select(Campaign).where(Campaign.year == year, Campaign.kind == REGULAR))
    return _dto(session, c) if c is not None else None


def default_regular_input(year: int) -> CampaignInput:
    """The usual regular campaign of a year: the whole year, launched by the agency."""
    return CampaignInput(
        name=f"Phong trào thi đua thường xuyên năm {year}",
        kind=REGULAR,
        scope="CO_QUAN_DON_VI",
        start_date=date(year, 1, 1),
        end_date=date(year, 12, 31),
        year=year,
        launch_level="CAP_CO_QUAN",
    )


def ensure_regular_campaign(session: Session, year: int) -> tuple[CampaignDTO, bool]:
    """The regular campaign of ``year``, created with :func:`default_regular_input` if missing.

    Returns (campaign, created).
    """
    found = regular_campaign(session, year)
    if found is not None:
        return found, False
    return create_campaign(session, default_regular_input(year)), True


# ---------------------------------------------------------------- writing


def _check(session: Session, data: CampaignInput, campaign_id: int | None = None) -> CampaignInput:
    data = data.normalised()
    problems = validate_campaign_input(data, catalogue(), campaign_kinds(with_retired=True))
    if data.kind == REGULAR:
        clash = session.scalar(
            select(Campaign.name).where(
                Campaign.kind == REGULAR,
                Campaign.year == data.effective_year,
                Campaign.id != (campaign_id or -1),
            )
        )
        if clash is not None:
            problems.append(
                f"Năm {data.effective_year} đã có phong trào thi đua thường xuyên '{clash}'"
            )
    if problems:
        raise ValidationError(problems)
    return data


def _apply(c: Campaign, data: CampaignInput) -> None:
    c.name = data.name
    c.kind = data.kind
    c.scope = data.scope
    c.year = data.effective_year
    c.launch_number = data.launch_number
    c.launch_date = data.launch_date
    c.launch_level = data.launch_level
    c.start_date = data.start_date
    c.end_date = data.end_date
    c.registration_deadline = data.registration_deadline
    c.review_until = data.review_until
    c.closed = data.closed
    c.for_collectives = data.for_collectives
    c.for_individuals = data.for_individuals
    c.subjects_text = data.subjects_text
    c.criteria = data.criteria
    c.note = data.note


def _apply_awards(c: Campaign, awards: tuple[PlannedAward, ...]) -> None:
    """Make the planned awards match ``awards``, changing rows in place where possible."""
    existing = {(a.catalogue_code, a.subject_kind): a for a in c.awards}
    keep: list[CampaignAward] = []
    for planned in awards:
        row = existing.pop((planned.catalogue_code, planned.subject_kind), None)
        if row is None:
            row = CampaignAward(
                catalogue_code=planned.catalogue_code, subject_kind=planned.subject_kind
            )
        row.quantity = planned.quantity
        row.note = planned.note
        keep.append(row)
    c.awards = keep


def create_campaign(session: Session, data: CampaignInput) -> CampaignDTO:
    data = _check(session, data)
    c = Campaign()
    _apply(c, data)
    _apply_awards(c, data.awards)
    session.add(c)
    session.flush()
    return _dto(session, c)


def update_campaign(
    session: Session, campaign_id: int, data: CampaignInput, *, expected_version: int
) -> CampaignDTO:
    """Save a campaign and its planned awards; ``expected_version``: the version the form read
    (``CampaignDTO.version``), refused with :class:`ConflictError` when another clerk saved it."""
    c = _load(session, campaign_id, expected_version)
    data = _check(session, data, campaign_id)
    if data.effective_year != c.year and _registration_count(session, campaign_id):
        raise ValidationError("Phong trào đã có đăng ký: không đổi được năm")
    with session.no_autoflush:  # one UPDATE of the campaign: one new version per save
        _apply(c, data)
        _apply_awards(c, data.awards)
        c.updated_at = utcnow()  # a change of the planned awards alone is a new version too
    session.flush()
    return _dto(session, c)


def set_closed(
    session: Session, campaign_id: int, closed: bool, *, expected_version: int
) -> CampaignDTO:
    """Mark a campaign closed (đã kết thúc) or reopen it; its dates are kept."""
    c = _load(session, campaign_id, expected_version)
    c.closed = closed
    session.flush()
    return _dto(session, c)


def delete_campaign(session: Session, campaign_id: int, *, expected_version: int) -> None:
    """Delete a campaign without registrations, with its planned awards and attachments."""
    c = _load(session, campaign_id, expected_version)
    count = _registration_count(session, campaign_id)
    if count:
        raise ValidationError(
            f"Phong trào '{c.name}' đã có {count} đăng ký thi đua: không xóa được "
            "(đánh dấu kết thúc thay vì xóa)"
        )
    for info in attachments.list_attachments(session, attachments.CAMPAIGN, campaign_id):
        attachments.remove_attachment(session, info.id)
    session.delete(c)
    session.flush()


# ---------------------------------------------------------------- attachments


def add_attachment(
    session: Session,
    campaign_id: int,
    source: Path | str,
    *,
    note: str | None = None,
) -> AttachmentDTO:
    """Keep the file ``source`` in the campaign's dossier, in the database
    (:func:`app.services.attachments.add_file`: size limit and kinds of file checked)."""
    _load(session, campaign_id)
    info = attachments.add_file(session, attachments.CAMPAIGN, campaign_id, source, note=note)
    return _attachment_dto(info)


def remove_attachment(session: Session, attachment_id: int) -> None:
    """Remove a file from a campaign's dossier."""
    info = session.get(Attachment, attachment_id)
    if info is None or info.owner_kind != attachments.CAMPAIGN:
        raise NotFoundError(f"Không tìm thấy tệp đính kèm id={attachment_id}")
    attachments.remove_attachment(session, attachment_id)
