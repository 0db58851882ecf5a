"""Reference data: the catalogue, the code tables and the province's award names and codes.

The catalogue at run time is the database's (``catalogue_item`` and its dated coefficients,
``catalogue_coefficient``): :func:`catalogue` returns the one of the database in use, read at
opening (:func:`ensure_catalogue`), after a clerk's change is committed, and whenever a caller
that has a session (``catalogue(session)``) finds the tables changed by another clerk. The
shipped ``resources/data/catalogue.json`` only seeds and updates it (:func:`ensure_catalogue`:
an update applies changed shipped values unless the clerk changed them); before any database
is open (a file parsed alone) the shipped catalogue stands in.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import replace
from decimal import Decimal
from functools import lru_cache
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.config import data_dir, load_json_resource
from app.db.models import CatalogueCoefficient, CatalogueItemRow
from app.domain.award_names import ProvinceAwards, parse_province_awards
from app.domain.catalogue import (
    SHIPPED,
    Catalogue,
    CatalogueError,
    CatalogueItem,
    CodeEntry,
    CodeTables,
    CoefficientStep,
    parse_catalogue,
    parse_codes,
)
from app.domain.codes import SubjectKind

PROVINCE_AWARDS = "province_awards.json"

# The catalogue item's fields an update of the shipped data sets (unless the clerk changed
# them): CatalogueItem attribute -> catalogue_item column.
SYNCED_FIELDS: Mapping[str, str] = {
    "name": "name",
    "short": "short_name",
    "kind": "kind",
    "subjects": "subjects",
    "level": "level",
    "decided_by": "decided_by",
    "rank": "rank",
    "history_only": "history_only",
    "once_in_lifetime": "once_in_lifetime",
    "order": "display_order",
    "legal_basis": "legal_basis",
    "synonyms": "synonyms",
}
KIND_COLUMNS: Mapping[SubjectKind, str] = {
    SubjectKind.CA_NHAN: "coef_ca_nhan",
    SubjectKind.TAP_THE: "coef_tap_the",
    SubjectKind.HO_GIA_DINH: "coef_ho_gia_dinh",
}

# (fingerprint of the tables, catalogue) of the database in use: one reference, replaced whole
_CURRENT: list[tuple[tuple[Any, ...], Catalogue]] = []


@lru_cache(maxsize=1)
def shipped_catalogue() -> Catalogue:
    """The catalogue shipped in ``resources/data/catalogue.json`` (seeds the database)."""
    return parse_catalogue(load_json_resource("data", "catalogue.json"))


def catalogue(session: Session | None = None) -> Catalogue:
    """The catalogue in use: the database's (read again first when ``session`` shows another
    clerk changed it), else, before any database is open, the shipped one."""
    if session is not None:
        return refresh_catalogue(session)
    if _CURRENT:
        return _CURRENT[0][1]
    return shipped_catalogue()


def reset_catalogue() -> None:
    """Forget the database's catalogue (tests; a closed database)."""
    _CURRENT.clear()


def _fingerprint(session: Session) -> tuple[Any, ...]:
    items = session.execute(
        select(
            func.count(), func.max(CatalogueItemRow.updated_at), func.sum(CatalogueItemRow.version)
        )
    ).one()
    steps = session.execute(
        select(
            func.count(),
            func.max(CatalogueCoefficient.updated_at),
            func.max(CatalogueCoefficient.id),
        )
    ).one()
    return (*items, *steps)


def _json_list(text: str | None) -> tuple[str, ...]:
    if not text:
        return ()
    try:
        value = json.loads(text)
    except ValueError:
        return ()
    return tuple(str(v) for v in value) if isinstance(value, list) else ()


def _step_values(row: CatalogueCoefficient | CatalogueItemRow) -> dict[SubjectKind, Decimal]:
    out: dict[SubjectKind, Decimal] = {}
    for kind, column in KIND_COLUMNS.items():
        value = getattr(row, column)
        if value is not None:
            out[kind] = plain_decimal(value)
    return out


def plain_decimal(value: Any) -> Decimal:
    """A stored coefficient without its trailing zeros (0.300 -> 0.3, 12.000 -> 12)."""
    number = Decimal(str(value))
    if number == number.to_integral_value():
        return number.quantize(Decimal(1))
    return number.normalize()


def load_catalogue(session: Session) -> Catalogue:
    """The catalogue as the database holds it (items in display order, dated coefficients)."""
    shipped = shipped_catalogue()
    steps: dict[str, list[CoefficientStep]] = {}
    for row in session.scalars(
        select(CatalogueCoefficient).order_by(
            CatalogueCoefficient.code, CatalogueCoefficient.effective_from
        )
    ):
        verified = True
        if row.source == SHIPPED and row.code in shipped:
            known = shipped.get(row.code).step_on(row.effective_from)
            verified = known.verified if known is not None else True
        steps.setdefault(row.code, []).append(
            CoefficientStep(
                row.effective_from, _step_values(row), row.legal_basis or "", row.source, verified
            )
        )
    items = []
    for item_row in session.scalars(
        select(CatalogueItemRow).order_by(CatalogueItemRow.display_order, CatalogueItemRow.code)
    ):
        items.append(_item_of(item_row, tuple(steps.get(item_row.code, ())), shipped))
    return Catalogue(tuple(items))


def _item_of(
    row: CatalogueItemRow, own: tuple[CoefficientStep, ...], shipped: Catalogue
) -> CatalogueItem:
    return CatalogueItem(
        code=row.code,
        name=row.name,
        short=row.short_name or row.name,
        kind=row.kind,
        subjects=tuple(SubjectKind(s) for s in row.subjects.split(",") if s),
        level=row.level,
        decided_by=row.decided_by,
        cycle=shipped.get(row.code).cycle if row.code in shipped else "ANY",
        coefficients=dict(own[-1].coefficients) if own else _step_values(row),
        rank=row.rank,
        legal_basis=row.legal_basis or "",
        synonyms=_json_list(row.synonyms),
        history_only=bool(row.history_only),
        once_in_lifetime=bool(row.once_in_lifetime),
        order=row.display_order,
        steps=own,
        local=bool(row.local),
        clerk_changed=frozenset(_json_list(row.clerk_changed)),
    )


def refresh_catalogue(session: Session) -> Catalogue:
    """The database's catalogue, read again when its tables changed since it was read."""
    mark = _fingerprint(session)
    if _CURRENT and _CURRENT[0][0] == mark:
        return _CURRENT[0][1]
    loaded = load_catalogue(session)
    if not loaded.items:  # a database not seeded yet: the shipped catalogue stands in
        return shipped_catalogue()
    _CURRENT[:] = [(mark, loaded)]
    return loaded


@lru_cache(maxsize=1)
def shipped_codes() -> CodeTables:
    """The code tables shipped in ``resources/data/codes.json``."""
    return parse_codes(load_json_resource("data", "codes.json"))


# the code tables in use: shipped, with the lists a clerk edits (services/code_lists.py)
_CODES_IN_USE: list[CodeTables] = []


def codes() -> CodeTables:
    return _CODES_IN_USE[0] if _CODES_IN_USE else shipped_codes()


def use_code_table(name: str, entries: tuple[CodeEntry, ...]) -> None:
    """Use ``entries`` as the code table ``name`` (a list the clerk edited)."""
    base = codes()
    _CODES_IN_USE[:] = [replace(base, tables={**base.tables, name: entries})]


def province_awards() -> ProvinceAwards:
    """The province's award names and 10-digit codes -> catalogue codes: the shipped
    ``resources/data/province_awards.json``, extended by ``province_awards.json`` in the data
    folder when there is one (its entries replace shipped ones with the same code). Read on
    each call, so a clerk's edit counts at the next import. A malformed file raises
    :class:`~app.domain.catalogue.CatalogueError` (Vietnamese, naming the file)."""
    shipped = parse_province_awards(
        load_json_resource("data", PROVINCE_AWARDS), catalogue(), source=PROVINCE_AWARDS
    )
    extra = data_dir() / PROVINCE_AWARDS
    if not extra.is_file():
        return shipped
    try:
        with extra.open(encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, ValueError) as exc:
        raise CatalogueError(f"Không đọc được tệp {extra}: {exc}") from exc
    if not isinstance(data, dict):
        raise CatalogueError(f"Tệp {extra} không đúng dạng (cần một đối tượng JSON)")
    return shipped.extended(parse_province_awards(data, catalogue(), source=str(extra)))


def _column_value(item: CatalogueItem, attr: str) -> Any:
    value = getattr(item, attr)
    if attr == "subjects":
        return ",".join(value)
    if attr == "synonyms":
        return json.dumps(list(value), ensure_ascii=False) if value else None
    return value


def shipped_values(item: CatalogueItem) -> dict[str, Any]:
    """The ``catalogue_item`` columns an update of the shipped data sets for ``item`` (the
    current coefficients included)."""
    out = {column: _column_value(item, attr) for attr, column in SYNCED_FIELDS.items()}
    for kind, column in KIND_COLUMNS.items():
        out[column] = item.coefficients.get(kind)
    return out


def _same(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, Decimal) or isinstance(b, Decimal):
        return Decimal(str(a)) == Decimal(str(b))
    return bool(a == b)


def _set_step(row: CatalogueCoefficient, step: CoefficientStep) -> bool:
    """Write a shipped step's values into ``row``; True when anything changed."""
    changed = False
    for kind, column in KIND_COLUMNS.items():
        new = step.coefficients.get(kind)
        old = getattr(row, column)
        if (old is None) != (new is None) or (new is not None and not _same(old, new)):
            setattr(row, column, new)
            changed = True
    if (row.legal_basis or "") != step.legal_basis:
        row.legal_basis = step.legal_basis or None
        changed = True
    return changed


def _sync_steps(
    session: Session, item: CatalogueItem, rows: list[CatalogueCoefficient]
) -> list[CatalogueCoefficient]:
    """The item's shipped coefficients in the database: a changed shipped value replaces the
    stored shipped one, a date the clerk entered (CLERK) is kept, a shipped date no longer
    shipped goes. Returns the item's rows afterwards."""
    by_day = {row.effective_from: row for row in rows}
    shipped_days = {step.effective_from for step in item.steps}
    for step in item.steps:
        row = by_day.get(step.effective_from)
        if row is None:
            row = CatalogueCoefficient(
                code=item.code, effective_from=step.effective_from, source=SHIPPED
            )
            _set_step(row, step)
            session.add(row)
            by_day[step.effective_from] = row
        elif row.source == SHIPPED:
            _set_step(row, step)
    for day, row in list(by_day.items()):
        if row.source == SHIPPED and day not in shipped_days:
            session.delete(row)
            del by_day[day]
    return [by_day[d] for d in sorted(by_day)]


def ensure_catalogue(session: Session) -> int:
    """Seed and update the database's catalogue from the shipped one, then use it.

    A missing item is added with its dated coefficients; an item the program shipped before
    takes the shipped values of every field the clerk did not change (``clerk_changed``) and
    the shipped coefficients of every date the clerk did not enter (source ``CLERK`` rows
    stay). Forms the clerk added (``local``) are left alone. Returns how many items were added.
    """
    rows = {row.code: row for row in session.scalars(select(CatalogueItemRow))}
    steps: dict[str, list[CatalogueCoefficient]] = {}
    for step_row in session.scalars(select(CatalogueCoefficient)):
        steps.setdefault(step_row.code, []).append(step_row)
    added = 0
    for item in shipped_catalogue().items:
        row = rows.get(item.code)
        if row is None:
            row = CatalogueItemRow(code=item.code, local=False)
            for attr, column in SYNCED_FIELDS.items():
                setattr(row, column, _column_value(item, attr))
            for kind, column in KIND_COLUMNS.items():
                setattr(row, column, item.coefficients.get(kind))
            session.add(row)
            session.flush()  # the coefficients point to it
            added += 1
        elif not row.local:
            kept = set(_json_list(row.clerk_changed))
            for attr, column in SYNCED_FIELDS.items():
                value = _column_value(item, attr)
                if column not in kept and not _same(getattr(row, column), value):
                    setattr(row, column, value)
        else:
            continue
        now = _sync_steps(session, item, steps.get(item.code, []))
        latest = now[-1] if now else None
        for kind, column in KIND_COLUMNS.items():  # the current coefficients, as before 0010
            value = getattr(latest, column) if latest is not None else item.coefficients.get(kind)
            if not _same(getattr(row, column), value):
                setattr(row, column, value)
    session.flush()
    _CURRENT[:] = [(_fingerprint(session), load_catalogue(session))]
    return added
