"""Staff directory: the list of people with their unit and position, and the search (issue 3).

The person record lives in ``person_record``, duplicates and merge in ``person_merge``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import String, select, type_coerce
from sqlalchemy.orm import Session

from app.collector import collector_paused
from app.db.models import (
    Person,
)
from app.domain.people import (
    query_tokens,
    search_text_from_key,
)
from app.domain.vntext import ViSortKey, fold, vi_sort_key
from app.services.people_queries import current_assignments, raw_date
from app.services.reference import codes
from app.services.units import UnitDTO, list_units


@dataclass(frozen=True, slots=True)
class PersonRow:
    """One line of the staff directory."""

    id: int
    full_name: str
    ho_dem: str
    ten: str
    gender: str | None
    birth_date: date | None
    birth_year: int | None
    staff_code: str | None
    citizen_id: str | None
    subject_category: str | None
    active: bool
    position_title: str
    position_rank: int
    unit_id: int | None
    unit_name: str
    search_text: str
    name_order: int = 0
    standard_order: int = 0
    version: int = 0  # the person row's version (optimistic locking: transfer, leave)


@collector_paused  # 50,000 rows that all stay alive: no collection would find anything
def list_people(session: Session, *, on: date | None = None) -> list[PersonRow]:
    """Every person with the position and unit in force on ``on`` (default today).

    Rows come in the standard order and carry integer ranks for the Vietnamese name order and
    the standard order, so views sort on numbers. Collation keys are computed once per
    distinct name part (a department has a few hundred distinct tên and họ đệm).
    """
    on = on or date.today()
    units = list_units(session)
    current = current_assignments(session, on)
    return _rows(units, current, _people(session), name_order=True)


def list_people_first(
    session: Session, count: int, *, on: date | None = None
) -> tuple[list[PersonRow], bool]:
    """The first rows of :func:`list_people` (its standard order), at least ``count`` of them,
    and whether they are all; read only from the first units in tree order (whole units), so
    a screen shows them at once while the whole list loads. Their ``name_order`` is 0 (it
    ranks a person among everybody)."""
    on = on or date.today()
    units = list_units(session)
    current: dict[int, tuple[int, str, int]] = {}
    position, batch = 0, 1
    while position < len(units):  # tree order; people without a unit come after them all
        chunk = [u.id for u in units[position : position + batch]]
        position, batch = position + batch, batch * 2
        current.update(current_assignments(session, on, unit_ids=chunk))
        if len(current) >= count:
            break
    else:
        return list_people(session, on=on), True
    p = Person.__table__.c
    people = _people(session, p.id.in_(list(current)))
    return _rows(units, current, people, name_order=False), False


def _people(session: Session, *where: Any) -> list[Any]:
    p = Person.__table__.c  # Core rows: no ORM bookkeeping for 50,000 people
    query = select(
        p.id,
        p.full_name,
        p.name_key,
        p.ho_dem,
        p.ten,
        p.gender,
        type_coerce(p.birth_date, String),
        p.birth_year,
        p.staff_code,
        p.citizen_id,
        p.subject_category,
        p.active,
        p.version,
    ).where(*where)
    return list(session.connection().execute(query).all())


def _rows(
    units: list[UnitDTO],
    current: dict[int, tuple[int, str, int]],
    people: list[Any],
    *,
    name_order: bool,
) -> list[PersonRow]:
    """``people`` (rows of :func:`_people`) as rows of the staff directory, in standard order."""
    unit_name = {u.id: u.full_name for u in units}
    unit_index: dict[int | None, int] = {u.id: u.tree_index for u in units}
    collation: dict[str, ViSortKey] = {}

    def key_of(text: str) -> ViSortKey:
        value = collation.get(text)
        if value is None:
            value = collation[text] = vi_sort_key(text)
        return value

    default_rank = codes().default_position_rank
    big = len(units) + 1
    placed = [current.get(row[0], (None, "", default_rank)) for row in people]
    name_rank = [0] * len(people)
    if name_order:
        by_name = sorted(
            range(len(people)),
            key=lambda i: (key_of(people[i][4]), key_of(people[i][3]), people[i][0]),
        )
        for rank, i in enumerate(by_name):
            name_rank[i] = rank
    by_standard = sorted(
        range(len(people)),
        key=lambda i: (
            unit_index.get(placed[i][0], big),
            placed[i][2],
            key_of(people[i][4]),
            key_of(people[i][3]),
            people[i][0],
        ),
    )
    out: list[PersonRow] = []
    for std_rank, i in enumerate(by_standard):
        pid, full, key, ho_dem, ten, gender, bdate, byear, code, cid, category, active, version = (
            people[i]
        )
        unit_id, title, rank = placed[i]
        bdate = raw_date(bdate)
        out.append(
            PersonRow(
                id=pid,
                full_name=full,
                ho_dem=ho_dem,
                ten=ten,
                gender=gender,
                birth_date=bdate,
                birth_year=byear,
                staff_code=code,
                citizen_id=cid,
                subject_category=category,
                active=active,
                position_title=title,
                position_rank=rank,
                unit_id=unit_id,
                unit_name=unit_name.get(unit_id, "") if unit_id is not None else "",
                search_text=search_text_from_key(key or fold(full), code, cid),
                name_order=name_rank[i],
                standard_order=std_rank,
                version=version,
            )
        )
    return out


def filter_people(
    rows: Iterable[PersonRow],
    query: str = "",
    *,
    unit_ids: set[int] | None = None,
    status: str = "active",
) -> list[PersonRow]:
    """Rows matching the search text (no case, no diacritics), the units and the status.

    ``status``: "active", "left" or "all".
    """
    tokens = query_tokens(query)
    # One comprehension per condition: each is a tight loop (this runs on every keystroke).
    if status == "active":
        rows = [r for r in rows if r.active]
    elif status == "left":
        rows = [r for r in rows if not r.active]
    if unit_ids is not None:
        rows = [r for r in rows if r.unit_id in unit_ids]
    for token in tokens:  # each token must start a word (search_text begins with a space)
        needle = " " + token
        rows = [r for r in rows if needle in r.search_text]
    return list(rows)


# The person record and the merge of duplicates live in their own modules; their API is also
# reachable from here, the staff directory's entry point.
from app.services.person_merge import duplicate_groups, merge_people  # noqa: E402
from app.services.person_record import (  # noqa: E402
    AssignmentDTO,
    AwardDTO,
    DisciplineDTO,
    DuplicateCandidate,
    DuplicatePersonError,
    GradeDTO,
    InitiativeDTO,
    PersonDetail,
    add_discipline,
    create_person,
    delete_discipline,
    delete_grade,
    discipline_kinds,
    find_duplicates,
    get_person,
    mark_left,
    reactivate,
    set_grade,
    transfer_person,
    update_discipline,
    update_person,
)

__all__ = [
    "AssignmentDTO",
    "AwardDTO",
    "DisciplineDTO",
    "DuplicateCandidate",
    "DuplicatePersonError",
    "GradeDTO",
    "InitiativeDTO",
    "PersonDetail",
    "PersonRow",
    "add_discipline",
    "create_person",
    "delete_discipline",
    "delete_grade",
    "discipline_kinds",
    "duplicate_groups",
    "filter_people",
    "find_duplicates",
    "get_person",
    "list_people",
    "mark_left",
    "merge_people",
    "reactivate",
    "set_grade",
    "transfer_person",
    "update_discipline",
    "update_person",
]
