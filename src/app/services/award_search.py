"""Search of award records across years (issue 26, "Tra cứu khen thưởng").

Filters: title or form (catalogue code), award type (loại hình), campaign, years, unit with its
sub-units and through renames and mergers, subject kind, field (lĩnh vực) of the unit, and
decision number or authority. The same service serves the GUI screen, ``tdkt search`` and its
Excel export.

The field filter: the unit of an award (the collective, or the person's unit at the time) is in
the field asked when its field, or for a unit without one the field of the nearest unit above,
holds the words asked (without regard to case or diacritics: "lam nghiep" finds "Lâm nghiệp").

The campaign filter: an award record has no campaign of its own. An award belongs to a campaign
when it is of the campaign's year and the person or unit signed up in that campaign for the
same title or form, or, for a campaign with planned awards, when its title or form is one of
them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import (
    Assignment,
    AwardRecord,
    Campaign,
    CampaignAward,
    Decision,
    Household,
    Person,
    Registration,
    Unit,
    UnitRegistration,
)
from app.domain.errors import NotFoundError, ValidationError
from app.domain.units import sector_of
from app.domain.vntext import fold_key
from app.services.decision_records import award_name, award_type_names, subject_kind_names

__all__ = [
    "SUBJECT_ARGS",
    "AwardSearch",
    "SearchRow",
    "search_awards",
    "sector_units",
    "unit_scope",
]

#: ``tdkt search --subject`` values and the subject kinds they stand for.
SUBJECT_ARGS = {"ca-nhan": "CA_NHAN", "tap-the": "TAP_THE", "ho-gia-dinh": "HO_GIA_DINH"}


@dataclass(frozen=True)
class AwardSearch:
    """What the clerk asks for; ``None`` or empty is "any"."""

    title: str | None = None
    award_type: str | None = None
    campaign_id: int | None = None
    year_from: int | None = None
    year_to: int | None = None
    unit_id: int | None = None
    subject_kind: str | None = None
    decision: str | None = None  # part of the decision number or of the authority
    sector: str | None = None  # part of the unit's field (lĩnh vực)
    include_revoked: bool = True


@dataclass(frozen=True)
class SearchRow:
    record_id: int
    year: int | None
    subject_kind: str
    subject_kind_name: str
    subject_name: str
    person_id: int | None
    unit_id: int | None  # the collective awarded, or the person's unit at the time
    unit_name: str
    title_code: str
    title_name: str
    award_type: str
    award_type_name: str
    decision_number: str
    decision_date: date | None
    authority: str
    decision_id: int | None
    revoked: bool
    decision_year: int | None = None  # the year of the decision in the register

    def as_json(self) -> dict[str, object]:
        out = asdict(self)
        out["decision_date"] = self.decision_date.isoformat() if self.decision_date else None
        return out


def unit_scope(session: Session, unit_id: int) -> set[int]:
    """The unit, its sub-units, and every unit renamed or merged into any of them, with their
    own sub-units, to a fixed point (history rows included)."""
    if session.get(Unit, unit_id) is None:
        raise NotFoundError(f"Không tìm thấy đơn vị số {unit_id}")
    rows = session.execute(select(Unit.id, Unit.parent_id, Unit.successor_id)).all()
    scope = {unit_id}
    changed = True
    while changed:
        changed = False
        for uid, parent_id, successor_id in rows:
            if uid not in scope and (parent_id in scope or successor_id in scope):
                scope.add(uid)
                changed = True
    return scope


def sector_units(session: Session, sector: str) -> set[int]:
    """The units (history rows included) whose field, own or from the nearest unit above,
    holds ``sector`` (folded: no case, no diacritics)."""
    wanted = fold_key(sector)
    own: dict[int, str | None] = {}
    parents: dict[int, int | None] = {}
    for uid, parent_id, unit_sector in session.execute(
        select(Unit.id, Unit.parent_id, Unit.sector)
    ):
        own[uid], parents[uid] = unit_sector, parent_id
    return {uid for uid in own if wanted in fold_key(sector_of(uid, own, parents) or "")}


def _year_of(r: AwardRecord) -> int | None:
    if r.year is not None:
        return r.year
    if r.period_to_year is not None:
        return r.period_to_year
    return r.decision_date.year if r.decision_date else None


def _campaign_match(
    session: Session, campaign_id: int
) -> tuple[int, set[tuple[str, int, str]], set[str]]:
    campaign = session.get(Campaign, campaign_id)
    if campaign is None:
        raise NotFoundError(f"Không tìm thấy phong trào số {campaign_id}")
    pairs: set[tuple[str, int, str]] = set()
    for person_id, code in session.execute(
        select(Registration.person_id, Registration.catalogue_code).where(
            Registration.campaign_id == campaign_id
        )
    ):
        pairs.add(("P", person_id, code))
    for unit_id, unit_code in session.execute(
        select(UnitRegistration.unit_id, UnitRegistration.catalogue_code).where(
            UnitRegistration.campaign_id == campaign_id
        )
    ):
        if unit_code:
            pairs.add(("U", unit_id, unit_code))
    planned = set(
        session.scalars(
            select(CampaignAward.catalogue_code).where(CampaignAward.campaign_id == campaign_id)
        )
    )
    return campaign.year, pairs, planned


def _person_units(
    session: Session, person_ids: Iterable[int]
) -> dict[int, list[tuple[date | None, date | None, int]]]:
    ids = sorted(set(person_ids))
    out: dict[int, list[tuple[date | None, date | None, int]]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for a in session.scalars(select(Assignment).where(Assignment.person_id.in_(chunk))):
            out.setdefault(a.person_id, []).append((a.start_date, a.end_date, a.unit_id))
    for spans in out.values():
        spans.sort(key=lambda s: s[0] or date.min)
    return out


def _unit_on(spans: list[tuple[date | None, date | None, int]], day: date) -> int | None:
    for start, end, unit_id in spans:
        if (start is None or start <= day) and (end is None or day <= end):
            return unit_id
    before = [s for s in spans if s[0] is None or s[0] <= day]
    if before:
        return before[-1][2]
    return spans[0][2] if spans else None


def validate(query: AwardSearch) -> list[str]:
    errors: list[str] = []
    if (
        query.year_from is not None
        and query.year_to is not None
        and query.year_from > query.year_to
    ):
        errors.append("Năm bắt đầu phải không sau năm kết thúc")
    if query.subject_kind and query.subject_kind not in SUBJECT_ARGS.values():
        errors.append(f"Loại đối tượng '{query.subject_kind}' không có")
    if query.award_type and query.award_type not in award_type_names():
        errors.append(f"Loại hình khen thưởng '{query.award_type}' không có")
    return errors


def search_awards(session: Session, query: AwardSearch) -> list[SearchRow]:
    """The award records that pass every filter, newest year first, then by name."""
    errors = validate(query)
    if errors:
        raise ValidationError("; ".join(errors))
    stmt = select(AwardRecord)
    if query.title:
        stmt = stmt.where(AwardRecord.catalogue_code == query.title.strip().upper())
    if query.award_type:
        stmt = stmt.where(AwardRecord.award_type == query.award_type)
    if query.subject_kind:
        stmt = stmt.where(AwardRecord.subject_kind == query.subject_kind)
    if not query.include_revoked:
        stmt = stmt.where(AwardRecord.revoked.is_(False))
    records = list(session.scalars(stmt.order_by(AwardRecord.id)))

    def in_years(r: AwardRecord) -> bool:
        y = _year_of(r)
        if query.year_from is not None and (y is None or y < query.year_from):
            return False
        return not (query.year_to is not None and (y is None or y > query.year_to))

    records = [r for r in records if in_years(r)]
    if query.decision:
        wanted = fold_key(query.decision)
        records = [
            r
            for r in records
            if wanted in fold_key(r.decision_number or "") or wanted in fold_key(r.authority or "")
        ]
    if query.campaign_id is not None:
        c_year, pairs, planned = _campaign_match(session, query.campaign_id)
        records = [
            r
            for r in records
            if _year_of(r) == c_year
            and (
                (r.person_id is not None and ("P", r.person_id, r.catalogue_code) in pairs)
                or (r.unit_id is not None and ("U", r.unit_id, r.catalogue_code) in pairs)
                or r.catalogue_code in planned
            )
        ]
    spans = _person_units(session, [r.person_id for r in records if r.person_id is not None])

    def unit_of(r: AwardRecord) -> int | None:
        if r.unit_id is not None:
            return r.unit_id
        if r.person_id is None:
            return None
        day = r.decision_date or date(_year_of(r) or date.today().year, 12, 31)
        return _unit_on(spans.get(r.person_id, []), day)

    if query.unit_id is not None:
        scope = unit_scope(session, query.unit_id)
        records = [r for r in records if unit_of(r) in scope]
    if query.sector and fold_key(query.sector):
        in_sector = sector_units(session, query.sector)
        records = [r for r in records if unit_of(r) in in_sector]

    units = {u.id: u.full_name for u in session.scalars(select(Unit))}
    person_ids = {r.person_id for r in records if r.person_id is not None}
    people: dict[int, str] = {}
    ids = sorted(person_ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for pid, full_name in session.execute(
            select(Person.id, Person.full_name).where(Person.id.in_(chunk))
        ):
            people[pid] = full_name
    household_ids = {r.household_id for r in records if r.household_id is not None}
    households: dict[int, str] = {}
    if household_ids:
        for hid, hname in session.execute(
            select(Household.id, Household.name).where(Household.id.in_(household_ids))
        ):
            households[hid] = hname
    decision_ids = sorted({r.decision_id for r in records if r.decision_id is not None})
    decision_years: dict[int, int] = {}
    for start in range(0, len(decision_ids), 500):
        chunk = decision_ids[start : start + 500]
        for did, dyear in session.execute(
            select(Decision.id, Decision.year).where(Decision.id.in_(chunk))
        ):
            decision_years[did] = dyear
    kinds = subject_kind_names()
    types = award_type_names()
    rows: list[SearchRow] = []
    for r in records:
        unit_id = unit_of(r)
        if r.subject_kind == "CA_NHAN" and r.person_id is not None:
            name = people.get(r.person_id, "")
        elif r.subject_kind == "TAP_THE" and r.unit_id is not None:
            name = units.get(r.unit_id, "")
        else:
            name = r.recipient_name or households.get(r.household_id or 0, "")
        rows.append(
            SearchRow(
                record_id=r.id,
                year=_year_of(r),
                subject_kind=r.subject_kind,
                subject_kind_name=kinds.get(r.subject_kind, r.subject_kind),
                subject_name=name,
                person_id=r.person_id,
                unit_id=unit_id,
                unit_name=units.get(unit_id, r.unit_text or "") if unit_id else (r.unit_text or ""),
                title_code=r.catalogue_code,
                title_name=award_name(r.catalogue_code),
                award_type=r.award_type,
                award_type_name=types.get(r.award_type, r.award_type),
                decision_number=r.decision_number or "",
                decision_date=r.decision_date,
                authority=r.authority or "",
                decision_id=r.decision_id,
                revoked=r.revoked,
                decision_year=decision_years.get(r.decision_id or 0),
            )
        )
    rows.sort(key=lambda x: (-(x.year or 0), fold_key(x.subject_name), x.record_id))
    return rows
