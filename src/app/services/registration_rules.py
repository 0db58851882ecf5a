"""The checks a sign-up gets when it is entered or imported: the administrative ones
(:mod:`app.domain.registration_checks`) and, for the titles the eligibility engine judges,
what already stands in the way of the title in the sign-up's year, by the same engine and rule
set as the review (:mod:`app.domain.eligibility.path` with the year itself as the target: its
result not known yet, assumed to go as well as it can). Only what blocks is flagged: what the
year may still bring (a grade, an initiative) is the Lộ trình's to list."""

from __future__ import annotations

from collections.abc import Collection, Mapping

from sqlalchemy.orm import Session

from app.domain.catalogue import CatalogueItem
from app.domain.eligibility import PERSON_TITLES, UNIT_TITLES
from app.domain.eligibility.path import PathStep, person_path, unit_path
from app.domain.registration_checks import (
    Flag,
    PersonStatus,
    UnitStatus,
    check_person_registration,
    check_unit_registration,
)
from app.services.eligibility import YearHistories, year_histories
from app.services.registration_history import person_statuses, unit_statuses

__all__ = ["FLAG_PREFIX", "person_flags", "sign_up_flags", "unit_flags"]

FLAG_PREFIX = "DIEU_KIEN_"  # + the engine's condition key: DIEU_KIEN_STREAK, DIEU_KIEN_ONCE…


def step_flags(step: PathStep) -> list[Flag]:
    """A flag per condition that blocks ``step``'s title, with the engine's words and article."""
    return [
        Flag(FLAG_PREFIX + key, line) for key, line in zip(step.blocked, step.blockers, strict=True)
    ]


def _read(
    session: Session, year: int, people: Collection[int], units: Collection[int]
) -> YearHistories | None:
    """The engine's histories the checks need, read in as few passes as can be: one person or
    one collective alone, else everyone at once."""
    if not people and not units:
        return None
    if not units:
        return year_histories(session, year, person_ids=people)
    if len(units) == 1 and not people:
        return year_histories(session, year, unit_id=next(iter(units)))
    return year_histories(session, year)


def sign_up_flags(
    session: Session,
    year: int,
    people: Mapping[int, CatalogueItem],
    units: Mapping[int, CatalogueItem],
) -> tuple[dict[int, list[Flag]], dict[int, list[Flag]]]:
    """The flags of sign-ups for items in ``year``: people (person id -> item) and
    collectives (unit id -> item)."""
    judged_people = {pid for pid, item in people.items() if item.code in PERSON_TITLES}
    judged_units = {uid for uid, item in units.items() if item.code in UNIT_TITLES}
    kept = _read(session, year, judged_people, judged_units)
    person_status = person_statuses(session, people)
    unit_status = unit_statuses(session, units)
    out_people: dict[int, list[Flag]] = {}
    for pid, item in people.items():
        flags = check_person_registration(item, person_status.get(pid, PersonStatus()))
        history = kept.people.get(pid) if kept is not None else None
        if history is not None and kept is not None and kept.rules and pid in judged_people:
            (step,) = person_path(history, year, kept.rules, year, (item.code,))
            flags += step_flags(step)
        out_people[pid] = flags
    out_units: dict[int, list[Flag]] = {}
    for uid, item in units.items():
        flags = check_unit_registration(item, year, unit_status.get(uid, UnitStatus()))
        found = kept.units.get(uid) if kept is not None else None
        if found is not None and kept is not None and kept.rules and uid in judged_units:
            (step,) = unit_path(found, year, kept.rules, year, (item.code,))
            flags += step_flags(step)
        out_units[uid] = flags
    return out_people, out_units


def person_flags(
    session: Session, year: int, wanted: Mapping[int, CatalogueItem]
) -> dict[int, list[Flag]]:
    """The flags of each person's sign-up for an item in ``year`` (person id -> item)."""
    return sign_up_flags(session, year, wanted, {})[0]


def unit_flags(
    session: Session, year: int, wanted: Mapping[int, CatalogueItem]
) -> dict[int, list[Flag]]:
    """The flags of each collective's sign-up for an item in ``year`` (unit id -> item)."""
    return sign_up_flags(session, year, {}, wanted)[1]
