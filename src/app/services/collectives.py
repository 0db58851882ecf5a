"""The units and households imported rows name: found by the rules of
:mod:`app.domain.collectives`, or planned and created when the clerk allows it (issue 11).

Entry points:

- :class:`UnitResolver` -- ``resolve(name, parent, year)`` for every row of a file, then
  ``create_planned(session, ids)`` once the import may write. Used by ``import awards``,
  ``import unit-grades`` and ``import staff``.
- :class:`HouseholdBook` -- the same for households (name, address, commune).
- :func:`unit_label` -- how a unit a row names is listed ("Khoa Dược (Bệnh viện A)"), also the
  key of the clerk's choice for it in the import wizard.

A unit or household that is not in the database yet gets a negative id while the file is
checked; rows naming the same one share it. Nothing is written before ``create_planned``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import Household, Unit
from app.domain.collectives import (
    AMBIGUOUS,
    AMBIGUOUS_PARENT,
    FOUND,
    UNKNOWN_PARENT,
    UnitEntry,
    UnitIndex,
    household_key,
    strip_section,
    unit_key,
)
from app.domain.units import CODE_PATTERN, UnitInput
from app.domain.vntext import clean
from app.services.settings import get_agency
from app.services.units import create_unit

__all__ = ["HouseholdBook", "Resolved", "UnitResolver", "unit_label"]


def unit_label(name: str, parent: str = "") -> str:
    """'Khoa Dược (Bệnh viện A)' for a unit named with its parent, else the name alone."""
    name = strip_section(name)
    parent = strip_section(parent)
    if parent and unit_key(parent) != unit_key(name):
        return f"{name} ({parent})"
    return name


def _spelling_score(text: str) -> tuple[int, int]:
    """Prefer the spelling with diacritics and mixed case when a unit is written several ways."""
    return (sum(1 for ch in text if ord(ch) > 127), 0 if text.isupper() else 1)


@dataclass(frozen=True)
class Resolved:
    """Where a row's unit is. ``unit_id``: an existing unit (> 0), a unit to create (< 0), or
    None with ``problem`` (Vietnamese). ``on_parent``: the problem is with the parent the row
    names. ``label``: the unit as listed among units missing from the tree."""

    unit_id: int | None
    problem: str = ""
    on_parent: bool = False
    label: str = ""


@dataclass
class _Planned:
    name: str  # the best spelling met (diacritics, mixed case)
    parent_id: int | None  # an existing unit, another planned unit (< 0) or None (a root)
    parent_text: str  # the parent as the file wrote it ("" when it named none)
    kind: str = "KHAC"

    @property
    def label(self) -> str:
        return unit_label(self.name, self.parent_text)


class UnitResolver:
    """Finds units by name and parent; with ``create``, plans the missing ones under their
    parent (an unknown parent under the agency's root unit, which is planned too when the
    database has no unit at all)."""

    def __init__(self, session: Session, *, create: bool = False) -> None:
        self.session = session
        self.create = create
        units = session.scalars(select(Unit).order_by(Unit.id)).all()
        self.index = UnitIndex(
            UnitEntry(
                u.id,
                u.full_name,
                u.parent_id,
                (u.full_name, u.short_name, u.code),
                u.valid_from,
                u.valid_to,
                u.successor_id,
            )
            for u in units
        )
        self.categories = {u.id: u.collective_category for u in units}
        self.codes = {u.code.upper() for u in units}
        self.planned: dict[int, _Planned] = {}
        self._planned_keys: dict[tuple[int | None, str], int] = {}
        self._root: int | None = None
        self._root_known = False
        self.created: list[str] = []  # labels of the units created by create_planned
        self._cache: dict[tuple[str, str, int | None], Resolved] = {}
        self._agency = get_agency(session)
        # The agency as the settings name it: a parent written so is the root unit.
        self._agency_keys = {
            k for k in (unit_key(self._agency.agency), unit_key(self._agency.abbreviation)) if k
        }

    # ------------------------------------------------------------ the root

    def root(self) -> int | None:
        """The agency's root unit: the only unit without a parent, else the one named as the
        agency in the settings, else the oldest; planned from the settings (with ``create``)
        when there is none."""
        if self._root_known:
            return self._root
        agency = clean(self._agency.agency)
        roots = self.index.roots()
        root: int | None = None
        if len(roots) == 1:
            root = roots[0]
        elif roots:
            named = [r for r in roots if r in self.index.ids(agency)]
            root = (named or roots)[0]
        elif self.create and agency:
            root = self._plan(agency, None, "", kind="CO_QUAN")
        self._root, self._root_known = root, True
        return root

    # ------------------------------------------------------------ lookups

    def name(self, unit_id: int) -> str:
        if unit_id < 0:
            return self.planned[unit_id].name
        return self.index.units[unit_id].name

    def category(self, unit_id: int) -> str | None:
        return None if unit_id < 0 else self.categories.get(unit_id)

    def _plan(self, name: str, parent_id: int | None, parent_text: str, kind: str = "KHAC") -> int:
        key = (parent_id, unit_key(name))
        found = self._planned_keys.get(key)
        if found is not None:
            plan = self.planned[found]
            if _spelling_score(name) > _spelling_score(plan.name):
                plan.name = name
            return found
        new_id = -(len(self.planned) + 1)
        self.planned[new_id] = _Planned(name, parent_id, parent_text, kind)
        self._planned_keys[key] = new_id
        return new_id

    def _planned_under(self, parent_id: int | None, name: str) -> int | None:
        """The unit of that name planned under ``parent_id``; keeps the best spelling met."""
        found = self._planned_keys.get((parent_id, unit_key(name)))
        if found is not None and _spelling_score(name) > _spelling_score(self.planned[found].name):
            self.planned[found].name = name
        return found

    def _planned_parent(self, parent: str) -> int | None:
        """A parent the file names that is planned already: under the root, or the root."""
        root = self.root()
        if root is not None and root < 0 and unit_key(self.planned[root].name) == unit_key(parent):
            return root
        return self._planned_under(root, parent)

    def resolve(self, name: str, parent: str = "", year: int | None = None) -> Resolved:
        """The unit named ``name`` under ``parent`` (``""``: anywhere) for ``year``."""
        key = (name, parent, year)
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = self._resolve(name, parent, year)
        return found

    def _resolve(self, name: str, parent: str, year: int | None) -> Resolved:
        name, parent = strip_section(name), strip_section(parent)
        if unit_key(parent) == unit_key(name):
            parent = ""
        label = unit_label(name, parent)
        if parent and unit_key(parent) in self._agency_keys and not self.index.ids(parent):
            root = self.root()
            if root is not None:
                parent = self.name(root)
        match = self.index.find(name, parent, year)
        if match.status == FOUND:
            assert match.unit_id is not None
            return Resolved(match.unit_id)
        if match.status == AMBIGUOUS:
            where = "; ".join(self.index.label(c) for c in match.candidates)
            return Resolved(
                None,
                f"Có {len(match.candidates)} đơn vị tên '{name}' ({where}): ghi thêm đơn vị cấp "
                "trên để phân biệt",
            )
        if match.status == AMBIGUOUS_PARENT:
            where = "; ".join(self.index.label(c) for c in match.candidates)
            return Resolved(
                None,
                f"Có {len(match.candidates)} đơn vị tên '{parent}' ({where}): không rõ '{name}' "
                "thuộc đơn vị nào",
                on_parent=True,
            )
        if not parent:
            root = self.root()
            planned = self._planned_under(root, name)
            if planned is None and root is not None and root < 0:
                if unit_key(self.planned[root].name) == unit_key(name):
                    planned = root
            if planned is None and self.create:
                planned = self._plan(name, root, "")
            if planned is not None:
                return Resolved(planned, label=label)
            return Resolved(None, f"Không tìm thấy đơn vị '{name}' trong cây đơn vị", label=label)
        parent_id = match.parent_id
        if match.status == UNKNOWN_PARENT:
            parent_id = self._planned_parent(parent)
            if parent_id is None and self.create:
                root = self.root()
                parent_id = self._plan(parent, root, "")
            if parent_id is None:
                return Resolved(
                    None,
                    f"Không tìm thấy đơn vị cấp trên '{parent}' trong cây đơn vị",
                    on_parent=True,
                    label=label,
                )
        planned = self._planned_under(parent_id, name)
        if planned is None and self.create:
            planned = self._plan(name, parent_id, parent)
        if planned is not None:
            return Resolved(planned, label=label)
        return Resolved(
            None,
            f"Không tìm thấy đơn vị '{name}' thuộc '{self._parent_name(parent_id, parent)}' "
            "trong cây đơn vị",
            label=label,
        )

    def _parent_name(self, parent_id: int | None, written: str) -> str:
        if parent_id is None:
            return written
        return self.name(parent_id)

    # ------------------------------------------------------------ writing

    def needed(self, ids: Iterable[int]) -> list[int]:
        """The planned units ``ids`` need (their planned parents first), in planning order."""
        out: set[int] = set()
        for uid in ids:
            current: int | None = uid
            while current is not None and current < 0 and current not in out:
                out.add(current)
                current = self.planned[current].parent_id
        return sorted(out, reverse=True)  # -1, -2, ...: a parent is planned before its units

    def labels(self, ids: Iterable[int]) -> list[str]:
        return [self.planned[uid].label for uid in self.needed(ids)]

    def _code(self) -> str:
        n = 1
        while f"MOI-{n:03d}" in self.codes:
            n += 1
        code = f"MOI-{n:03d}"
        self.codes.add(code)
        return code

    def create_planned(self, ids: Iterable[int]) -> dict[int, int]:
        """Create the planned units ``ids`` use (parents first); planned id -> new unit id."""
        made: dict[int, int] = {}
        for uid in self.needed(ids):
            plan = self.planned[uid]
            parent = plan.parent_id
            if parent is not None and parent < 0:
                parent = made[parent]
            code = self._code()
            if parent is None and plan.kind == "CO_QUAN":
                abbreviation = clean(self._agency.abbreviation).upper()
                if CODE_PATTERN.match(abbreviation) and abbreviation not in self.codes:
                    self.codes.discard(code)
                    code = abbreviation
                    self.codes.add(code)
            dto = create_unit(
                self.session,
                UnitInput(code=code, full_name=plan.name, parent_id=parent, kind=plan.kind),
            )
            made[uid] = dto.id
            self.created.append(plan.label)
        return made


@dataclass
class _PlannedHousehold:
    name: str
    address: str | None
    commune: str | None


class HouseholdBook:
    """Households by identity (:func:`~app.domain.collectives.household_key`); new ones are
    planned (negative ids) and created by :meth:`create_planned`."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.by_key: dict[str, int] = {}
        self.names: dict[int, str] = {}
        for hid, key, name in session.execute(
            select(Household.id, Household.identity_key, Household.name)
        ):
            self.by_key[key] = hid
            self.names[hid] = name
        self.planned: dict[int, _PlannedHousehold] = {}

    def find(self, name: str, address: str = "", commune: str = "") -> int:
        """The household's id, or the negative id of a household to create."""
        key = household_key(name, address, commune)
        found = self.by_key.get(key)
        if found is None:
            found = -(len(self.planned) + 1)
            self.planned[found] = _PlannedHousehold(
                clean(name), clean(address) or None, clean(commune) or None
            )
            self.by_key[key] = found
            self.names[found] = clean(name)
        return found

    def create_planned(self, ids: Iterable[int]) -> dict[int, int]:
        made: dict[int, int] = {}
        for hid in sorted({i for i in ids if i < 0}, reverse=True):
            plan = self.planned[hid]
            row = Household(
                name=plan.name,
                address=plan.address,
                commune=plan.commune,
                identity_key=household_key(plan.name, plan.address, plan.commune),
            )
            self.session.add(row)
            self.session.flush()
            made[hid] = row.id
        return made
