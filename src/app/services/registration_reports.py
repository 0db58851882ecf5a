"""Data of the registration forms (issue 4): plain DTOs for :mod:`app.excel.forms`.

- :func:`individual_registrations_data` -- Bảng đăng ký thi đua cá nhân (one unit or all).
- :func:`collective_registrations_data` -- Bảng đăng ký thi đua tập thể.
- :func:`registration_summary_data` -- Bảng tổng hợp đăng ký: counts per unit and title.
- :func:`registration_form_data` -- the pre-filled workbook a unit fills in.

Every list reads the year's regular campaign (:func:`app.services.campaigns.regular_campaign`);
without one the lists are empty. :func:`app.services.reports.gather` dispatches to these by
form code.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy.orm import Session

from app.domain.campaigns import UNIT_STATUS_NAMES
from app.domain.catalogue import CatalogueItem
from app.domain.codes import SubjectKind
from app.domain.errors import NotFoundError, ValidationError
from app.domain.settings import AgencySettings
from app.services.campaigns import regular_campaign
from app.services.people import filter_people, list_people
from app.services.reference import catalogue, codes
from app.services.registration_history import reference_day
from app.services.registrations import (
    UnitRegistrationDTO,
    list_registrations,
    list_unit_registrations,
    registering_units,
)
from app.services.reports import NO_UNIT, _group_name
from app.services.settings import get_agency
from app.services.units import UnitDTO, list_units, subtree_ids

__all__ = [
    "NOT_REGISTERED",
    "CollectiveLine",
    "CollectiveRegistrationsData",
    "FormPerson",
    "FormUnit",
    "IndividualRegistrationsData",
    "RegistrationFormData",
    "RegistrationGroup",
    "RegistrationLine",
    "RegistrationSummaryData",
    "SummaryLine",
    "collective_registrations_data",
    "individual_registrations_data",
    "registration_form_data",
    "registration_summary_data",
]

NOT_REGISTERED = "Không đăng ký"


@dataclass(frozen=True)
class RegistrationLine:
    """A person's sign-up as the registration list prints it."""

    person_id: int
    full_name: str
    gender: str
    birth_date: date | None
    birth_year: int | None
    position_title: str
    unit_name: str
    title: str
    title_short: str
    note: str


@dataclass(frozen=True)
class RegistrationGroup:
    unit_id: int | None
    name: str
    lines: tuple[RegistrationLine, ...]


@dataclass(frozen=True)
class IndividualRegistrationsData:
    """Bảng đăng ký thi đua cá nhân of a unit (``unit_name`` set) or of the whole agency."""

    agency: AgencySettings
    year: int
    on: date
    unit_id: int | None
    unit_name: str | None
    scope: str | None
    groups: tuple[RegistrationGroup, ...]

    @property
    def count(self) -> int:
        return sum(len(group.lines) for group in self.groups)


@dataclass(frozen=True)
class CollectiveLine:
    unit_id: int
    name: str
    category: str
    title: str  # "Không đăng ký" when the unit registered no collective title
    note: str


@dataclass(frozen=True)
class CollectiveRegistrationsData:
    agency: AgencySettings
    year: int
    on: date
    unit_id: int | None
    unit_name: str | None
    lines: tuple[CollectiveLine, ...]

    @property
    def count(self) -> int:
        return sum(1 for line in self.lines if line.title != NOT_REGISTERED)

    @property
    def count_label(self) -> str:
        return "tập thể đăng ký"


@dataclass(frozen=True)
class SummaryLine:
    """One registering unit: headcount, individual sign-ups by title, collectives by title."""

    unit_id: int | None
    name: str
    headcount: int
    individuals: int
    by_title: tuple[int, ...]  # same order as RegistrationSummaryData.individual_titles
    by_collective: tuple[int, ...]  # same order as RegistrationSummaryData.collective_titles
    status: str


@dataclass(frozen=True)
class RegistrationSummaryData:
    agency: AgencySettings
    year: int
    on: date
    individual_titles: tuple[tuple[str, str], ...]  # (code, short name)
    collective_titles: tuple[tuple[str, str], ...]
    lines: tuple[SummaryLine, ...]
    total: SummaryLine

    @property
    def count(self) -> int:
        return self.total.individuals

    @property
    def count_label(self) -> str:
        return "cá nhân đăng ký"


@dataclass(frozen=True)
class FormPerson:
    person_id: int
    full_name: str
    staff_code: str
    birth_date: date | None
    birth_year: int | None
    gender: str
    position_title: str
    unit_name: str
    title: str
    note: str


@dataclass(frozen=True)
class FormUnit:
    unit_id: int
    code: str
    name: str
    category: str
    title: str
    note: str


@dataclass(frozen=True)
class RegistrationFormData:
    """The pre-filled workbook a unit fills in (``tdkt export registration-form``)."""

    agency: AgencySettings
    year: int
    on: date
    unit_code: str
    unit_name: str
    campaign_name: str
    deadline: date | None
    people: tuple[FormPerson, ...]
    units: tuple[FormUnit, ...]
    individual_titles: tuple[str, ...]
    collective_titles: tuple[str, ...]

    @property
    def count(self) -> int:
        return len(self.people)


def _unit_agency(agency: AgencySettings, unit: UnitDTO | None) -> AgencySettings:
    """Header of a unit's own list: the agency above, the unit as the issuing body."""
    if unit is None or unit.parent_id is None:
        return agency
    return replace(agency, parent_body=agency.agency, agency=unit.full_name, abbreviation="")


def _titles(subject: SubjectKind) -> tuple[CatalogueItem, ...]:
    return tuple(i for i in catalogue().items if subject in i.subjects and not i.history_only)


def individual_registrations_data(
    session: Session, year: int, unit_id: int | None = None, on: date | None = None
) -> IndividualRegistrationsData:
    """Sign-ups of people in the year's regular campaign, grouped by unit in standard order."""
    units = list_units(session)
    by_id = {u.id: u for u in units}
    if unit_id is not None and unit_id not in by_id:
        raise NotFoundError(f"Không tìm thấy đơn vị id={unit_id}")
    campaign = regular_campaign(session, year)
    day = on or reference_day(year)
    rows = list_registrations(session, campaign.id, unit_id=unit_id) if campaign is not None else []
    genders = {e.code: e.name for e in codes().table("genders")}
    groups: list[RegistrationGroup] = []
    current: list[RegistrationLine] = []
    current_unit: int | None = None
    for r in rows:
        if current and r.unit_id != current_unit:
            groups.append(_registration_group(current_unit, current, by_id, unit_id))
            current = []
        current_unit = r.unit_id
        current.append(
            RegistrationLine(
                person_id=r.person_id,
                full_name=r.full_name,
                gender=genders.get(r.gender or "", r.gender or ""),
                birth_date=r.birth_date,
                birth_year=r.birth_year,
                position_title=r.position_title,
                unit_name=r.unit_name,
                title=r.title_name,
                title_short=r.title_short,
                note=r.note or "",
            )
        )
    if current:
        groups.append(_registration_group(current_unit, current, by_id, unit_id))
    unit = by_id.get(unit_id) if unit_id is not None else None
    return IndividualRegistrationsData(
        agency=_unit_agency(get_agency(session), unit),
        year=year,
        on=day,
        unit_id=unit_id,
        unit_name=unit.full_name if unit is not None else None,
        scope=None,
        groups=tuple(groups),
    )


def _registration_group(
    unit_id: int | None,
    lines: list[RegistrationLine],
    units: dict[int, UnitDTO],
    root_id: int | None,
) -> RegistrationGroup:
    unit = units.get(unit_id) if unit_id is not None else None
    name = _group_name(unit, units, root_id) if unit is not None else NO_UNIT
    return RegistrationGroup(unit_id=unit_id, name=name, lines=tuple(lines))


def collective_registrations_data(
    session: Session, year: int, unit_id: int | None = None, on: date | None = None
) -> CollectiveRegistrationsData:
    """Every current unit (of ``unit_id``'s subtree) with its collective target."""
    units = list_units(session)
    by_id = {u.id: u for u in units}
    if unit_id is not None and unit_id not in by_id:
        raise NotFoundError(f"Không tìm thấy đơn vị id={unit_id}")
    campaign = regular_campaign(session, year)
    categories = {e.code: e.name for e in codes().table("collective_categories")}
    wanted = subtree_ids(units, unit_id) if unit_id is not None else None
    if campaign is not None:
        regs = list_unit_registrations(session, campaign.id, unit_id=unit_id)
        entries = [(by_id[r.unit_id], r.title_name, r.note) for r in regs]
    else:
        entries = [
            (u, "", None) for u in units if u.is_current and (wanted is None or u.id in wanted)
        ]
    lines = tuple(
        CollectiveLine(
            unit_id=u.id,
            name=_group_name(u, by_id, unit_id),
            category=categories.get(u.collective_category or "", ""),
            title=title or NOT_REGISTERED,
            note=note or "",
        )
        for u, title, note in entries
        if u.parent_id is not None or title  # the agency itself only when it registered
    )
    unit = by_id.get(unit_id) if unit_id is not None else None
    return CollectiveRegistrationsData(
        agency=_unit_agency(get_agency(session), unit),
        year=year,
        on=on or reference_day(year),
        unit_id=unit_id,
        unit_name=unit.full_name if unit is not None else None,
        lines=lines,
    )


def registration_summary_data(
    session: Session, year: int, on: date | None = None
) -> RegistrationSummaryData:
    """Counts per registering unit (with its sub-units) and title, and the totals."""
    units = list_units(session)
    day = on or reference_day(year)
    campaign = regular_campaign(session, year)
    people = filter_people(list_people(session, on=day), status="active")
    regs = list_registrations(session, campaign.id) if campaign is not None else []
    unit_regs = list_unit_registrations(session, campaign.id) if campaign is not None else []
    order = {i.code: i.order for i in catalogue().items}
    person_codes = {r.catalogue_code for r in regs} | {"LDTT", "CSTDCS"}
    unit_codes = {r.catalogue_code for r in unit_regs if r.catalogue_code} | {"TTLDTT", "TTLDXS"}
    cat = catalogue()
    ind_titles = tuple(
        (c, cat.get(c).short) for c in sorted(person_codes, key=lambda c: order.get(c, 999))
    )
    col_titles = tuple(
        (c, cat.get(c).short) for c in sorted(unit_codes, key=lambda c: order.get(c, 999))
    )
    status_of = {r.unit_id: r for r in unit_regs}
    lines = []
    current = [u for u in units if u.is_current]
    roots = {u.id for u in registering_units(units) if u.parent_id is None}
    for unit in registering_units(units):
        members = {unit.id} if unit.id in roots else subtree_ids(current, unit.id)
        mine = [r for r in regs if r.unit_id in members]
        theirs = [r for r in unit_regs if r.unit_id in members and r.catalogue_code]
        reg = status_of.get(unit.id)
        lines.append(
            SummaryLine(
                unit_id=unit.id,
                name=unit.full_name,
                headcount=sum(1 for p in people if p.unit_id in members),
                individuals=len(mine),
                by_title=tuple(sum(r.catalogue_code == c for r in mine) for c, _ in ind_titles),
                by_collective=tuple(
                    sum(r.catalogue_code == c for r in theirs) for c, _ in col_titles
                ),
                status=_status_text(reg),
            )
        )
    lines = [
        line for line in lines if line.unit_id not in roots or line.headcount or line.individuals
    ]
    total = SummaryLine(
        unit_id=None,
        name="Tổng cộng",
        headcount=sum(line.headcount for line in lines),
        individuals=sum(line.individuals for line in lines),
        by_title=tuple(sum(col) for col in zip(*(line.by_title for line in lines), strict=True))
        if lines
        else tuple(0 for _ in ind_titles),
        by_collective=tuple(
            sum(col) for col in zip(*(line.by_collective for line in lines), strict=True)
        )
        if lines
        else tuple(0 for _ in col_titles),
        status="",
    )
    return RegistrationSummaryData(
        agency=get_agency(session),
        year=year,
        on=day,
        individual_titles=ind_titles,
        collective_titles=col_titles,
        lines=tuple(lines),
        total=total,
    )


def _status_text(reg: UnitRegistrationDTO | None) -> str:
    if reg is None:
        return UNIT_STATUS_NAMES["CHUA_GUI"]
    day = {
        "DA_NOP": reg.submitted_on,
        "TRA_LAI": reg.returned_on,
        "DA_DUYET": reg.approved_on,
    }.get(reg.status)
    return f"{reg.status_name} {day:%d/%m/%Y}" if day else reg.status_name


def registration_form_data(
    session: Session, year: int, unit_id: int | None, on: date | None = None
) -> RegistrationFormData:
    """A unit's workbook: its active people (with sub-units, standard order) and its units,
    pre-filled with what is already registered in the year's regular campaign."""
    if unit_id is None:
        raise ValidationError("Bản đăng ký thi đua lập cho một đơn vị: chọn đơn vị")
    units = list_units(session)
    by_id = {u.id: u for u in units}
    unit = by_id.get(unit_id)
    if unit is None:
        raise NotFoundError(f"Không tìm thấy đơn vị id={unit_id}")
    if not unit.is_current:
        raise ValidationError(f"Đơn vị '{unit.full_name}' đã kết thúc hoạt động")
    day = on or reference_day(year)
    members = subtree_ids(units, unit_id)
    people = filter_people(list_people(session, on=day), unit_ids=members, status="active")
    people.sort(key=lambda r: r.standard_order)
    campaign = regular_campaign(session, year)
    stored = (
        {r.person_id: r for r in list_registrations(session, campaign.id)}
        if campaign is not None
        else {}
    )
    unit_stored = (
        {r.unit_id: r for r in list_unit_registrations(session, campaign.id, unit_id=unit_id)}
        if campaign is not None
        else {}
    )
    genders = {e.code: e.name for e in codes().table("genders")}
    categories = {e.code: e.name for e in codes().table("collective_categories")}
    form_people = []
    for p in people:
        reg = stored.get(p.id)
        form_people.append(
            FormPerson(
                person_id=p.id,
                full_name=p.full_name,
                staff_code=p.staff_code or "",
                birth_date=p.birth_date,
                birth_year=p.birth_year,
                gender=genders.get(p.gender or "", ""),
                position_title=p.position_title,
                unit_name=p.unit_name,
                title=reg.title_name if reg is not None else "",
                note=(reg.note or "") if reg is not None else "",
            )
        )
    form_units = []
    for u in units:
        if u.id not in members or not u.is_current:
            continue
        ureg = unit_stored.get(u.id)
        form_units.append(
            FormUnit(
                unit_id=u.id,
                code=u.code,
                name=u.full_name,
                category=categories.get(u.collective_category or "", ""),
                title=ureg.title_name if ureg is not None and ureg.catalogue_code else "",
                note=(ureg.note or "") if ureg is not None else "",
            )
        )
    return RegistrationFormData(
        agency=_unit_agency(get_agency(session), unit),
        year=year,
        on=day,
        unit_code=unit.code,
        unit_name=unit.full_name,
        campaign_name=campaign.name if campaign else f"Phong trào thi đua thường xuyên năm {year}",
        deadline=campaign.registration_deadline if campaign else None,
        people=tuple(form_people),
        units=tuple(form_units),
        individual_titles=tuple(i.name for i in _titles(SubjectKind.CA_NHAN)),
        collective_titles=tuple(i.name for i in _titles(SubjectKind.TAP_THE)),
    )
