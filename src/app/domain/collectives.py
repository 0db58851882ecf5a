"""Who a collective or a household row of an imported file is (issue 11, points 2 and 4).

Pure Python: the importers load the unit tree into a :class:`UnitIndex` and ask it.

Collectives
-----------
A collective is a unit NAME under a PARENT. "Khoa Dược" of two hospitals are two units; a
row naming "Phòng Kế hoạch - Tài chính" of "Bệnh viện A" is never the agency's own room of
that name. Names compare by :func:`unit_key` at each level: no case, no diacritics, dashes and
punctuation as spaces, a leading section number dropped ("I. Văn phòng"). A unit is found by
its full name, short name or code.

- With a parent: the unit of that name whose parent is the parent (or the parent's earlier or
  later self after a rename or merge), else a unique unit of that name further down.
- Without a parent: the unit of that name if there is one; two units of that name in
  different places are an ambiguity the file must resolve by naming the parent.
- A year picks the row valid in that year; an old name used after a rename or merge leads to
  the successor valid then. Without a year, today's unit.

Households
----------
A household is its name plus its address and commune, compared exactly after NFC, case and
space normalisation (:func:`household_key`): "Gia đình ông Lê Văn Hải" of two villages are two
households, and a look-alike spelling is a different household.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Final

from app.domain.vntext import clean, fold_key

__all__ = [
    "AMBIGUOUS",
    "AMBIGUOUS_PARENT",
    "FOUND",
    "UNKNOWN",
    "UNKNOWN_PARENT",
    "UnitEntry",
    "UnitIndex",
    "UnitMatch",
    "household_key",
    "strip_section",
    "unit_key",
]

FOUND: Final = "FOUND"
UNKNOWN: Final = "UNKNOWN"  # no unit of that name (under the parent, when one is named)
UNKNOWN_PARENT: Final = "UNKNOWN_PARENT"  # the parent named is not in the tree
AMBIGUOUS: Final = "AMBIGUOUS"  # several units of that name: name the parent
AMBIGUOUS_PARENT: Final = "AMBIGUOUS_PARENT"  # several units bear the parent's name


def strip_section(text: str) -> str:
    """'I. Phòng Kế hoạch - Tài chính' -> 'Phòng Kế hoạch - Tài chính'."""
    words = clean(text).split(" ", 1)
    if (
        len(words) == 2
        and words[0].endswith(".")
        and words[0].rstrip(".").upper().strip("IVXLC0123456789") == ""
    ):
        return words[1]
    return clean(text)


def unit_key(text: str | None) -> str:
    """The matching key of a unit name: :func:`~app.domain.vntext.fold_key` of the name
    without a leading section number. "  Bệnh viện Đa khoa – tỉnh" and "benh vien da khoa -
    tinh" give the same key."""
    return fold_key(strip_section(text or ""))


def household_key(name: str, address: str | None = None, commune: str | None = None) -> str:
    """The identity of a household: name, address and commune after NFC, case folding and
    space collapsing, diacritics kept ("Hải" is not "Hai")."""
    return "|".join(clean(part).casefold() for part in (name, address or "", commune or ""))


@dataclass(frozen=True)
class UnitEntry:
    """What the index needs of a unit row."""

    id: int
    name: str
    parent_id: int | None
    texts: tuple[str | None, ...]  # full name, short name, code
    valid_from: date | None = None
    valid_to: date | None = None
    successor_id: int | None = None

    def valid_in(self, year: int) -> bool:
        return (self.valid_from is None or self.valid_from.year <= year) and (
            self.valid_to is None or self.valid_to.year >= year
        )


@dataclass(frozen=True)
class UnitMatch:
    """The answer of :meth:`UnitIndex.find`.

    ``unit_id`` is set when ``status`` is FOUND. ``parent_id`` is the parent the row names when
    it is in the tree (where an unknown collective belongs). ``candidates`` are the units (or
    parents) an ambiguity is between."""

    status: str
    unit_id: int | None = None
    parent_id: int | None = None
    candidates: tuple[int, ...] = ()

    @property
    def found(self) -> bool:
        return self.status == FOUND


class UnitIndex:
    """The unit tree, indexed by :func:`unit_key` of every name, short name and code."""

    def __init__(self, entries: Iterable[UnitEntry]) -> None:
        self.units: dict[int, UnitEntry] = {}
        self.by_key: dict[str, list[int]] = {}
        self._families: dict[int, int] | None = None
        for entry in sorted(entries, key=lambda e: e.id):
            self.add(entry)

    def add(self, entry: UnitEntry) -> None:
        self.units[entry.id] = entry
        for text in entry.texts:
            key = unit_key(text)
            if key and entry.id not in self.by_key.get(key, []):
                self.by_key.setdefault(key, []).append(entry.id)
        self._families = None

    # ------------------------------------------------------------ tree helpers

    def family_of(self, unit_id: int) -> int:
        """A representative of the units linked to ``unit_id`` by renames and merges."""
        if self._families is None:
            parent: dict[int, int] = {uid: uid for uid in self.units}

            def root(uid: int) -> int:
                while parent[uid] != uid:
                    parent[uid] = parent[parent[uid]]
                    uid = parent[uid]
                return uid

            for entry in self.units.values():
                if entry.successor_id is not None and entry.successor_id in parent:
                    a, b = root(entry.id), root(entry.successor_id)
                    if a != b:
                        parent[max(a, b)] = min(a, b)
            self._families = {uid: root(uid) for uid in self.units}
        return self._families.get(unit_id, unit_id)

    def ancestors(self, unit_id: int) -> list[int]:
        out: list[int] = []
        current = self.units[unit_id].parent_id if unit_id in self.units else None
        while current is not None and current not in out and current in self.units:
            out.append(current)
            current = self.units[current].parent_id
        return out

    def current(self, unit_id: int) -> int:
        """``unit_id`` or, for a unit that ended, the last successor in its chain."""
        seen: set[int] = set()
        current = unit_id
        while current not in seen and current in self.units:
            seen.add(current)
            nxt = self.units[current].successor_id
            if self.units[current].valid_to is None or nxt is None or nxt not in self.units:
                return current
            current = nxt
        return current

    def roots(self) -> list[int]:
        """Units in operation with no parent, oldest first."""
        return [u.id for u in self.units.values() if u.parent_id is None and u.valid_to is None]

    # ------------------------------------------------------------ lookups

    def ids(self, text: str | None) -> list[int]:
        return list(self.by_key.get(unit_key(text), []))

    def pick(self, ids: list[int], year: int | None) -> int:
        """The unit of one family to use for ``year`` (today's without a year)."""
        cands = [self.units[i] for i in ids]
        if year is None:
            current = [u for u in cands if u.valid_to is None]
            return current[0].id if current else self.current(cands[0].id)
        valid = [u for u in cands if u.valid_in(year)]
        if valid:
            return sorted(valid, key=lambda u: (u.valid_to is not None, u.id))[0].id
        for u in cands:
            if u.valid_to is not None and u.valid_to.year < year:
                target = self._follow(u.id, year)
                if target is not None:
                    return target
        current = [u for u in cands if u.valid_to is None]
        return (current or cands)[0].id

    def _follow(self, unit_id: int, year: int) -> int | None:
        seen: set[int] = set()
        current: int | None = unit_id
        while current is not None and current not in seen and current in self.units:
            seen.add(current)
            info = self.units[current]
            if current != unit_id and info.valid_in(year):
                return current
            current = info.successor_id
        return None

    def _groups(self, ids: Iterable[int]) -> list[list[int]]:
        groups: dict[int, list[int]] = {}
        for uid in ids:
            groups.setdefault(self.family_of(uid), []).append(uid)
        return list(groups.values())

    def _choose(self, ids: list[int], year: int | None) -> UnitMatch:
        groups = self._groups(ids)
        if not groups:
            return UnitMatch(UNKNOWN)
        picks = [self.pick(g, year) for g in groups]
        if len(picks) == 1:
            return UnitMatch(FOUND, picks[0])
        # Several units bear the name: only one of them in operation (in that year) decides.
        alive = [
            p
            for p in picks
            if (
                self.units[p].valid_in(year) if year is not None else self.units[p].valid_to is None
            )
        ]
        if len(alive) == 1:
            return UnitMatch(FOUND, alive[0])
        return UnitMatch(AMBIGUOUS, candidates=tuple(alive or picks))

    def find(self, name: str, parent: str = "", year: int | None = None) -> UnitMatch:
        """The unit named ``name`` under the unit named ``parent`` (see the module notes)."""
        name_key, parent_key = unit_key(name), unit_key(parent)
        if not name_key:
            return UnitMatch(UNKNOWN)
        if parent_key == name_key:  # the row repeats its own name in the parent column
            parent_key = ""
        cands = self.by_key.get(name_key, [])
        if not parent_key:
            return self._choose(cands, year)
        parents = self.by_key.get(parent_key, [])
        if not parents:
            return UnitMatch(UNKNOWN_PARENT)
        families = {self.family_of(p) for p in parents}
        under = [
            c
            for c in cands
            if self.units[c].parent_id is not None
            and self.family_of(self.units[c].parent_id) in families  # type: ignore[arg-type]
        ]
        if not under:
            under = [
                c for c in cands if any(self.family_of(a) in families for a in self.ancestors(c))
            ]
        match = self._choose(under, year)
        if match.status != UNKNOWN:
            return match
        parent_match = self._choose(parents, None)
        if parent_match.status == AMBIGUOUS:
            return UnitMatch(AMBIGUOUS_PARENT, candidates=parent_match.candidates)
        return UnitMatch(UNKNOWN, parent_id=parent_match.unit_id)

    def label(self, unit_id: int) -> str:
        """'Khoa Dược (Bệnh viện A)': the name with its parent's, to tell namesakes apart."""
        entry = self.units[unit_id]
        parent = self.units.get(entry.parent_id) if entry.parent_id is not None else None
        return f"{entry.name} ({parent.name})" if parent is not None else entry.name
