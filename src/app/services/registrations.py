"""Sign-ups (đăng ký thi đua): people and units register the title they aim for in a campaign.

- :func:`register_person`, :func:`register_unit` (collective target; ``None`` = "Không đăng
  ký"), :func:`unregister_person`, :func:`register_everyone_ldtt` (quick action).
- :func:`set_unit_status`: chưa gửi -> đã nộp -> (trả lại bổ sung, with a reason) -> đã duyệt.
- :func:`list_registrations`, :func:`list_unit_registrations`, :func:`registering_units`.
- Optimistic locking: the DTOs carry the row's ``version``; a write made from a record the
  screen displayed passes it as ``expected_version`` and gets :class:`ConflictError` when
  another clerk saved the record since (``0`` = "no row yet", ``None`` = do not compare).
- Flags: each write computes the warnings of :mod:`app.services.registration_rules` (the
  administrative checks, and what blocks the title by the eligibility engine's rule set of the
  year) from the history in the database and stores them with the registration (JSON);
  :func:`recompute_flags` refreshes them after the history changed. Flags never block saving.

Every write runs in the caller's transaction and is audited (the models are ``Audited``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import Assignment, Campaign, Person, Registration, Unit, UnitRegistration
from app.domain.campaigns import UNIT_STATUS_NAMES, UnitStatus, check_transition
from app.domain.catalogue import CatalogueItem
from app.domain.errors import ConflictError, NotFoundError, ValidationError
from app.domain.registration_checks import Flag
from app.domain.vntext import clean
from app.services.people import PersonRow, filter_people, list_people
from app.services.reference import catalogue
from app.services.registration_history import dump_flags, load_flags, reference_day
from app.services.registration_rules import person_flags, sign_up_flags, unit_flags
from app.services.units import UnitDTO, list_units, subtree_ids

__all__ = [
    "LDTT",
    "QuickResult",
    "RegistrationDTO",
    "UnitRegistrationDTO",
    "list_registrations",
    "list_unit_registrations",
    "recompute_flags",
    "register_everyone_ldtt",
    "register_person",
    "register_unit",
    "registering_units",
    "set_unit_status",
    "unregister_person",
]

LDTT = "LDTT"
SOURCES = ("MANUAL", "IMPORT", "QUICK")


@dataclass(frozen=True)
class RegistrationDTO:
    """One person's sign-up, with what the lists print."""

    id: int
    campaign_id: int
    person_id: int
    full_name: str
    gender: str | None
    birth_date: date | None
    birth_year: int | None
    staff_code: str | None
    position_title: str
    active: bool
    unit_id: int | None
    unit_name: str
    catalogue_code: str
    title_name: str
    title_short: str
    note: str | None
    flags: tuple[Flag, ...]
    source: str
    standard_order: int = 0
    version: int = 0  # optimistic locking: pass back as ``expected_version``


@dataclass(frozen=True)
class UnitRegistrationDTO:
    """A unit in a campaign: collective target and the state of its submission."""

    campaign_id: int
    unit_id: int
    unit_code: str
    unit_name: str
    parent_id: int | None
    depth: int
    collective_category: str | None
    catalogue_code: str | None
    title_name: str
    title_short: str
    note: str | None
    flags: tuple[Flag, ...]
    status: str
    submitted_on: date | None
    returned_on: date | None
    return_reason: str | None
    approved_on: date | None
    status_note: str | None
    id: int | None = None
    version: int = 0  # 0 = no row yet; pass back as ``expected_version``

    @property
    def status_name(self) -> str:
        return UNIT_STATUS_NAMES.get(self.status, self.status)


@dataclass(frozen=True)
class QuickResult:
    added: int
    skipped: int  # already registered (any title)
    people: tuple[str, ...] = ()  # names of the people added


# ---------------------------------------------------------------- loading


def _campaign(session: Session, campaign_id: int) -> Campaign:
    c = session.get(Campaign, campaign_id)
    if c is None:
        raise NotFoundError(f"Không tìm thấy phong trào thi đua id={campaign_id}")
    return c


def _item(code: str) -> CatalogueItem:
    cat = catalogue()
    wanted = clean(code).upper()
    if wanted not in cat:
        raise ValidationError(f"Không có danh hiệu/hình thức '{code}' trong danh mục")
    return cat.get(wanted)


def _unit_of(session: Session, person_id: int, on: date) -> int | None:
    rows = session.execute(
        select(Assignment.unit_id, Assignment.start_date, Assignment.end_date, Assignment.id)
        .where(Assignment.person_id == person_id)
        .order_by(Assignment.id)
    ).all()
    current = [
        (start or date.min, aid, uid)
        for uid, start, end, aid in rows
        if (start is None or start <= on) and (end is None or end >= on)
    ]
    if current:
        return max(current)[2]
    latest = [(start or date.min, aid, uid) for uid, start, _end, aid in rows]
    return max(latest)[2] if latest else None


# ---------------------------------------------------------------- people


def register_person(
    session: Session,
    campaign_id: int,
    person_id: int,
    code: str,
    note: str | None = None,
    *,
    source: str = "MANUAL",
    expected_version: int | None = None,
) -> RegistrationDTO:
    """Register (or change) a person's target in a campaign; returns it with its flags.

    ``expected_version``: the version of the sign-up the clerk was looking at; another
    clerk's save since then raises :class:`ConflictError`."""
    c = _campaign(session, campaign_id)
    if not c.for_individuals:
        raise ValidationError(f"Phong trào '{c.name}' không dành cho cá nhân")
    person = session.get(Person, person_id)
    if person is None:
        raise NotFoundError(f"Không tìm thấy cán bộ id={person_id}")
    item = _item(code)
    if source not in SOURCES:
        raise ValidationError(f"Nguồn đăng ký '{source}' không hợp lệ")
    flags = person_flags(session, c.year, {person_id: item})[person_id]
    row = session.scalar(
        select(Registration).where(
            Registration.campaign_id == campaign_id, Registration.person_id == person_id
        )
    )
    ConflictError.check(row.version if row is not None else None, expected_version)
    if row is None:
        row = Registration(
            campaign_id=campaign_id,
            person_id=person_id,
            unit_id=_unit_of(session, person_id, reference_day(c.year)),
            source=source,
        )
        session.add(row)
    row.catalogue_code = item.code
    row.note = clean(note) or None
    row.flags = dump_flags(flags)
    session.flush()
    return _one_registration(session, row.id)


def unregister_person(
    session: Session, campaign_id: int, person_id: int, *, expected_version: int | None = None
) -> bool:
    """Remove a person's sign-up; False when there was none (:class:`ConflictError` when it
    changed since version ``expected_version`` was read)."""
    row = session.scalar(
        select(Registration).where(
            Registration.campaign_id == campaign_id, Registration.person_id == person_id
        )
    )
    if row is None:
        return False
    ConflictError.check(row.version, expected_version)
    session.delete(row)
    session.flush()
    return True


def register_everyone_ldtt(
    session: Session,
    campaign_id: int,
    unit_id: int,
    *,
    on: date | None = None,
) -> QuickResult:
    """Register every active person of a unit and its sub-units for LĐTT.

    People already registered (for any title) are left as they are.
    """
    c = _campaign(session, campaign_id)
    if not c.for_individuals:
        raise ValidationError(f"Phong trào '{c.name}' không dành cho cá nhân")
    units = list_units(session)
    if unit_id not in {u.id for u in units}:
        raise NotFoundError(f"Không tìm thấy đơn vị id={unit_id}")
    day = on or reference_day(c.year)
    people = filter_people(
        list_people(session, on=day), unit_ids=subtree_ids(units, unit_id), status="active"
    )
    done = set(
        session.scalars(
            select(Registration.person_id).where(Registration.campaign_id == campaign_id)
        )
    )
    todo = [p for p in people if p.id not in done]
    item = catalogue().get(LDTT)
    flags = person_flags(session, c.year, {p.id: item for p in todo})
    for p in todo:
        session.add(
            Registration(
                campaign_id=campaign_id,
                person_id=p.id,
                unit_id=p.unit_id,
                catalogue_code=LDTT,
                source="QUICK",
                flags=dump_flags(flags[p.id]),
            )
        )
    session.flush()
    return QuickResult(
        added=len(todo),
        skipped=len(people) - len(todo),
        people=tuple(p.full_name for p in todo),
    )


def _registration_dto(
    r: Registration, person: PersonRow | None, fallback: tuple[str, bool], unit_names: dict
) -> RegistrationDTO:
    cat = catalogue()
    item = cat.get(r.catalogue_code) if r.catalogue_code in cat else None
    unit_id = person.unit_id if person is not None and person.active else r.unit_id
    unit_id = unit_id if unit_id is not None else r.unit_id
    return RegistrationDTO(
        id=r.id,
        campaign_id=r.campaign_id,
        person_id=r.person_id,
        full_name=person.full_name if person else fallback[0],
        gender=person.gender if person else None,
        birth_date=person.birth_date if person else None,
        birth_year=person.birth_year if person else None,
        staff_code=person.staff_code if person else None,
        position_title=person.position_title if person else "",
        active=person.active if person else fallback[1],
        unit_id=unit_id,
        unit_name=unit_names.get(unit_id, "") if unit_id is not None else "",
        catalogue_code=r.catalogue_code,
        title_name=item.name if item else r.catalogue_code,
        title_short=item.short if item else r.catalogue_code,
        note=r.note,
        flags=load_flags(r.flags),
        source=r.source,
        standard_order=person.standard_order if person else 0,
        version=r.version,
    )


def _one_registration(session: Session, registration_id: int) -> RegistrationDTO:
    r = session.get(Registration, registration_id)
    assert r is not None
    c = _campaign(session, r.campaign_id)
    p = session.get(Person, r.person_id)
    assert p is not None
    rows = [row for row in list_people(session, on=reference_day(c.year)) if row.id == p.id]
    names = dict(session.execute(select(Unit.id, Unit.full_name)).all())
    return _registration_dto(r, rows[0] if rows else None, (p.full_name, p.active), names)


def list_registrations(
    session: Session,
    campaign_id: int,
    *,
    unit_id: int | None = None,
    on: date | None = None,
) -> list[RegistrationDTO]:
    """Sign-ups of a campaign in standard order (unit, position, name); ``unit_id`` limits
    them to a unit and its sub-units (by the person's unit on ``on``)."""
    c = _campaign(session, campaign_id)
    day = on or reference_day(c.year)
    people = {p.id: p for p in list_people(session, on=day)}
    names = dict(session.execute(select(Unit.id, Unit.full_name)).all())
    wanted = subtree_ids(list_units(session), unit_id) if unit_id is not None else None
    out = []
    for r in session.scalars(select(Registration).where(Registration.campaign_id == campaign_id)):
        dto = _registration_dto(r, people.get(r.person_id), ("", False), names)
        if wanted is not None and dto.unit_id not in wanted:
            continue
        out.append(dto)
    big = len(people) + 1
    out.sort(key=lambda d: (d.standard_order if d.person_id in people else big, d.id))
    return out


# ---------------------------------------------------------------- units


def registering_units(units: list[UnitDTO]) -> list[UnitDTO]:
    """The units that send a registration: the current units right under the agency (and the
    agency itself, for the people placed directly in it), in tree order."""
    current = [u for u in units if u.is_current]
    ids = {u.id for u in current}
    roots = {u.id for u in current if u.parent_id is None or u.parent_id not in ids}
    return [u for u in current if u.id in roots or u.parent_id in roots]


def register_unit(
    session: Session,
    campaign_id: int,
    unit_id: int,
    code: str | None,
    note: str | None = None,
    *,
    expected_version: int | None = None,
) -> UnitRegistrationDTO:
    """Set a unit's collective target; ``code=None`` means "Không đăng ký".

    ``expected_version``: the version displayed (``0``: no row yet), see :class:`ConflictError`."""
    c = _campaign(session, campaign_id)
    if code is not None and not c.for_collectives:
        raise ValidationError(f"Phong trào '{c.name}' không dành cho tập thể")
    if session.get(Unit, unit_id) is None:
        raise NotFoundError(f"Không tìm thấy đơn vị id={unit_id}")
    row = _unit_row(session, campaign_id, unit_id, create=True)
    assert row is not None
    ConflictError.check(row.version, expected_version)  # a new row has none yet
    if code is None:
        row.catalogue_code, row.flags = None, None
    else:
        item = _item(code)
        row.catalogue_code = item.code
        row.flags = dump_flags(unit_flags(session, c.year, {unit_id: item})[unit_id])
    row.note = clean(note) or None
    session.flush()
    return _unit_dto_of(session, row)


def _unit_row(
    session: Session, campaign_id: int, unit_id: int, *, create: bool
) -> UnitRegistration | None:
    row = session.scalar(
        select(UnitRegistration).where(
            UnitRegistration.campaign_id == campaign_id, UnitRegistration.unit_id == unit_id
        )
    )
    if row is None and create:
        row = UnitRegistration(
            campaign_id=campaign_id, unit_id=unit_id, status=UnitStatus.CHUA_GUI.value
        )
        session.add(row)
    return row


def set_unit_status(
    session: Session,
    campaign_id: int,
    unit_id: int,
    status: str,
    *,
    on: date | None = None,
    reason: str | None = None,
    note: str | None = None,
    expected_version: int | None = None,
) -> UnitRegistrationDTO:
    """Move a unit's registration to ``status`` on day ``on`` (default today).

    "Trả lại bổ sung" needs a reason; an approved registration is reopened only that way.
    ``expected_version``: the version displayed (``0``: no row yet), see :class:`ConflictError`.
    """
    _campaign(session, campaign_id)
    if session.get(Unit, unit_id) is None:
        raise NotFoundError(f"Không tìm thấy đơn vị id={unit_id}")
    row = _unit_row(session, campaign_id, unit_id, create=False)
    ConflictError.check(row.version if row is not None else 0, expected_version)
    old = row.status if row is not None else UnitStatus.CHUA_GUI.value
    problems = check_transition(old, status, reason)
    day = on or date.today()
    submitted = row.submitted_on if row is not None else None
    if not problems and status == UnitStatus.DA_DUYET and submitted is not None:
        if day < submitted:
            problems.append(f"Ngày duyệt trước ngày nộp ({submitted:%d/%m/%Y})")
    if problems:
        raise ValidationError(problems)
    row = row or _unit_row(session, campaign_id, unit_id, create=True)
    assert row is not None
    if status == UnitStatus.DA_NOP:
        row.submitted_on = day
    elif status == UnitStatus.TRA_LAI:
        row.returned_on, row.return_reason, row.approved_on = day, clean(reason), None
    elif status == UnitStatus.DA_DUYET:
        row.approved_on = day
    elif status == UnitStatus.CHUA_GUI:
        row.submitted_on = None
    row.status = status
    if note is not None:
        row.status_note = clean(note) or None
    session.flush()
    return _unit_dto_of(session, row)


def _unit_dto(campaign_id: int, unit: UnitDTO, row: UnitRegistration | None) -> UnitRegistrationDTO:
    cat = catalogue()
    code = row.catalogue_code if row is not None else None
    item = cat.get(code) if code is not None and code in cat else None
    return UnitRegistrationDTO(
        campaign_id=campaign_id,
        unit_id=unit.id,
        unit_code=unit.code,
        unit_name=unit.full_name,
        parent_id=unit.parent_id,
        depth=unit.depth,
        collective_category=unit.collective_category,
        catalogue_code=code,
        title_name=item.name if item else (code or ""),
        title_short=item.short if item else (code or ""),
        note=row.note if row is not None else None,
        flags=load_flags(row.flags) if row is not None else (),
        status=row.status if row is not None else UnitStatus.CHUA_GUI.value,
        submitted_on=row.submitted_on if row is not None else None,
        returned_on=row.returned_on if row is not None else None,
        return_reason=row.return_reason if row is not None else None,
        approved_on=row.approved_on if row is not None else None,
        status_note=row.status_note if row is not None else None,
        id=row.id if row is not None else None,
        version=row.version if row is not None else 0,
    )


def _unit_dto_of(session: Session, row: UnitRegistration) -> UnitRegistrationDTO:
    units = {u.id: u for u in list_units(session)}
    return _unit_dto(row.campaign_id, units[row.unit_id], row)


def list_unit_registrations(
    session: Session, campaign_id: int, *, unit_id: int | None = None
) -> list[UnitRegistrationDTO]:
    """Every current unit (of ``unit_id``'s subtree, when given) in tree order, with its
    collective target and status; units that ended but have a row are listed too."""
    _campaign(session, campaign_id)
    units = list_units(session)
    rows = {
        r.unit_id: r
        for r in session.scalars(
            select(UnitRegistration).where(UnitRegistration.campaign_id == campaign_id)
        )
    }
    wanted = subtree_ids(units, unit_id) if unit_id is not None else None
    return [
        _unit_dto(campaign_id, u, rows.get(u.id))
        for u in units
        if (u.is_current or u.id in rows) and (wanted is None or u.id in wanted)
    ]


# ---------------------------------------------------------------- flags again


def recompute_flags(session: Session, campaign_id: int) -> int:
    """Recompute the warnings of every sign-up of a campaign; returns how many changed."""
    c = _campaign(session, campaign_id)
    cat = catalogue()
    people = [
        r
        for r in session.scalars(
            select(Registration).where(Registration.campaign_id == campaign_id)
        )
        if r.catalogue_code in cat
    ]
    units = [
        u
        for u in session.scalars(
            select(UnitRegistration).where(UnitRegistration.campaign_id == campaign_id)
        )
        if u.catalogue_code is not None and u.catalogue_code in cat
    ]
    now_people, now_units = sign_up_flags(
        session,
        c.year,
        {r.person_id: cat.get(str(r.catalogue_code)) for r in people},
        {u.unit_id: cat.get(str(u.catalogue_code)) for u in units},
    )
    changed = 0
    for row, text in [(r, dump_flags(now_people[r.person_id])) for r in people] + [
        (u, dump_flags(now_units[u.unit_id])) for u in units
    ]:
        if text != row.flags:
            row.flags = text
            changed += 1
    session.flush()
    return changed
