"""Who a row is: the identity rules every importer, the import wizard and the CLI share.

Pure Python. The lesson behind it: tolerant matching is for the spelling of units and headers,
never for people. "Nguyễn Văn Hùng" and "Nguyễn Văn Hưng" are two people.

- Names compare **exactly** after NFC, case and space normalisation (:func:`name_key`).
- A name that differs only in its diacritics, or by one letter or mark, is a **suggestion**
  ("có phải Nguyễn Văn Hưng, 12/03/1980?") the clerk accepts; it is never applied by itself.
- A row's identifiers must **agree**: when its staff code or CCCD belongs to another person
  than its name and birth date, the row is an error naming both people.
- A name matching several people with nothing to tell them apart is an error listing them.

:func:`resolve` applies these rules to one row against a :class:`Directory` of stored people
and returns a :class:`Resolution`. Services load the directory from the database.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from functools import lru_cache

from app.domain.vntext import clean, fold

__all__ = [
    "Directory",
    "Outcome",
    "PersonKey",
    "Resolution",
    "RowIdentity",
    "describe",
    "is_near_name",
    "name_key",
    "resolve",
]


@lru_cache(maxsize=65536)  # names repeat: a file names each person, often more than once
def name_key(name: str | None) -> str:
    """The exact comparison form of a person's name: NFC, case-folded, spaces collapsed.

    Diacritics are kept: ``name_key("Hùng") != name_key("Hưng")``.
    """
    return unicodedata.normalize("NFC", clean(name).casefold())


def _one_apart(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ by one inserted, deleted or replaced character."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1 :] == b[i + 1 :]
    return a[i:] == b[i + 1 :]


def is_near_name(a: str, b: str) -> bool:
    """Two different names a clerk may have meant as one: same letters without diacritics,
    or one letter (or one mark on a letter) apart. Never true for identical names."""
    ka, kb = name_key(a), name_key(b)
    if not ka or not kb or ka == kb:
        return False
    if fold(ka) == fold(kb):
        return True
    return len(ka) >= 6 and _one_apart(ka, kb)


@dataclass(frozen=True)
class PersonKey:
    """The identifying fields of a stored person."""

    id: int
    full_name: str
    birth_date: date | None = None
    birth_year: int | None = None
    staff_code: str | None = None
    citizen_id: str | None = None

    @property
    def year(self) -> int | None:
        return self.birth_date.year if self.birth_date is not None else self.birth_year


def describe(person: PersonKey) -> str:
    """ "Nguyễn Văn Hưng (12/03/1980, mã CB01)" for messages and suggestions."""
    parts: list[str] = []
    if person.birth_date is not None:
        parts.append(f"{person.birth_date:%d/%m/%Y}")
    elif person.birth_year is not None:
        parts.append(f"sinh năm {person.birth_year}")
    if person.staff_code:
        parts.append(f"mã {person.staff_code}")
    if person.citizen_id:
        parts.append(f"CCCD {person.citizen_id}")
    return person.full_name + (f" ({', '.join(parts)})" if parts else "")


@dataclass(frozen=True)
class RowIdentity:
    """What a row of a file says about the person it names."""

    full_name: str
    birth_date: date | None = None
    birth_year: int | None = None
    staff_code: str | None = None
    citizen_id: str | None = None

    @property
    def year(self) -> int | None:
        return self.birth_date.year if self.birth_date is not None else self.birth_year


class Outcome(Enum):
    MATCH = "match"  # the row is this stored person
    NEW = "new"  # nobody stored: a new person (staff) or "not found" (history)
    SUGGEST = "suggest"  # not found exactly; a near name the clerk may accept
    ERROR = "error"  # identifiers disagree, or several people fit


@dataclass(frozen=True)
class Resolution:
    outcome: Outcome
    person: PersonKey | None = None
    message: str = ""
    candidates: tuple[PersonKey, ...] = ()
    # a match through the row's staff code or CCCD whose name or birth differ from the record:
    # the row would change these identity fields (staff import: needs the clerk's confirmation)
    identity_changes: tuple[tuple[str, str, str], ...] = ()  # (label, before, after)


def _birth_agrees(row: RowIdentity, person: PersonKey) -> bool:
    if row.birth_date is not None and person.birth_date is not None:
        return row.birth_date == person.birth_date
    if row.year is not None and person.year is not None:
        return row.year == person.year
    return True


def _birth_text(row: RowIdentity) -> str:
    if row.birth_date is not None:
        return f"{row.birth_date:%d/%m/%Y}"
    return str(row.birth_year) if row.birth_year is not None else ""


@dataclass
class Directory:
    """The stored people, indexed for the rules of :func:`resolve`."""

    people: dict[int, PersonKey] = field(default_factory=dict)
    by_code: dict[str, int] = field(default_factory=dict)
    by_cid: dict[str, int] = field(default_factory=dict)
    by_name: dict[str, list[int]] = field(default_factory=dict)  # name_key -> ids
    by_fold: dict[str, list[int]] = field(default_factory=dict)  # fold(name) -> ids
    by_birth: dict[date, list[int]] = field(default_factory=dict)

    @classmethod
    def of(cls, people: Iterable[PersonKey]) -> Directory:
        d = cls()
        for p in people:
            d.add(p)
        return d

    def add(self, p: PersonKey) -> None:
        self.people[p.id] = p
        if p.staff_code:
            self.by_code[p.staff_code.upper()] = p.id
        if p.citizen_id:
            self.by_cid[p.citizen_id] = p.id
        self.by_name.setdefault(name_key(p.full_name), []).append(p.id)
        self.by_fold.setdefault(fold(p.full_name), []).append(p.id)
        if p.birth_date is not None:
            self.by_birth.setdefault(p.birth_date, []).append(p.id)

    def has_exact_name(self, name: str) -> bool:
        return bool(self.by_name.get(name_key(name)))

    def near(self, row: RowIdentity) -> list[PersonKey]:
        """People whose name is near the row's (:func:`is_near_name`) and whose birth agrees."""
        ids = set(self.by_fold.get(fold(row.full_name), []))
        if row.birth_date is not None:  # one letter apart: only among people born that day
            ids.update(self.by_birth.get(row.birth_date, []))
        out = [
            self.people[i]
            for i in sorted(ids)
            if is_near_name(row.full_name, self.people[i].full_name)
            and _birth_agrees(row, self.people[i])
        ]
        return out


def _names_of(people: Sequence[PersonKey]) -> str:
    return "; ".join(describe(p) for p in people)


def resolve(
    row: RowIdentity,
    directory: Directory,
    *,
    prefer: Callable[[PersonKey], bool] | None = None,
) -> Resolution:
    """Who ``row`` is, by the rules of this module.

    ``prefer`` narrows several people of the same name and birth (for example to those who
    worked in the unit the row names); it never widens a match.
    """
    code = (row.staff_code or "").strip().upper() or None
    cid = (row.citizen_id or "").strip() or None
    by_code = directory.by_code.get(code) if code else None
    by_cid = directory.by_cid.get(cid) if cid else None
    if by_code is not None and by_cid is not None and by_code != by_cid:
        a, b = directory.people[by_code], directory.people[by_cid]
        return Resolution(
            Outcome.ERROR,
            message=(
                f"Mã cán bộ {code} là của {describe(a)}, còn CCCD {cid} là của {describe(b)}: "
                "hai người khác nhau"
            ),
            candidates=(a, b),
        )
    exact = [directory.people[i] for i in directory.by_name.get(name_key(row.full_name), [])]
    same = [p for p in exact if _birth_agrees(row, p)]
    ident_id = by_code if by_code is not None else by_cid
    if ident_id is not None:
        person = directory.people[ident_id]
        what = f"mã cán bộ {code}" if by_code is not None else f"CCCD {cid}"
        name_ok = name_key(row.full_name) == name_key(person.full_name)
        birth_ok = _birth_agrees(row, person)
        if name_ok and birth_ok:
            return Resolution(Outcome.MATCH, person)
        others = [p for p in same if p.id != person.id]
        if others:
            other = others[0]
            return Resolution(
                Outcome.ERROR,
                message=(
                    f"{what[:1].upper() + what[1:]} là của {describe(person)}, nhưng họ tên và ngày sinh "
                    f"trong dòng là của {describe(other)}: sửa mã hoặc họ tên cho đúng một người"
                ),
                candidates=(person, other),
            )
        if birth_ok and is_near_name(row.full_name, person.full_name):
            return Resolution(
                Outcome.SUGGEST,
                person,
                message=f"{what} là của {describe(person)}: có phải người này?",
                candidates=(person,),
                identity_changes=(("họ tên", person.full_name, clean(row.full_name)),),
            )
        fields: list[tuple[str, str, str]] = []
        if not name_ok:
            fields.append(("họ tên", person.full_name, clean(row.full_name)))
        if not birth_ok:
            before = (
                f"{person.birth_date:%d/%m/%Y}"
                if person.birth_date is not None
                else str(person.birth_year)
            )
            fields.append(("ngày sinh", before, _birth_text(row)))
        return Resolution(
            Outcome.ERROR,
            person,
            message=(
                f"{what[:1].upper() + what[1:]} là của {describe(person)}, không khớp với "
                f"{clean(row.full_name)}"
                + (f" ({_birth_text(row)})" if _birth_text(row) else "")
                + " trong dòng"
            ),
            candidates=(person,),
            identity_changes=tuple(fields),
        )
    # No identifier of the row is stored: the exact name (and birth) decide.
    if row.birth_date is not None:  # a full date beats a record with a year only
        dated = [p for p in same if p.birth_date == row.birth_date]
        if dated:
            same = dated
    if len(same) > 1 and prefer is not None:
        preferred = [p for p in same if prefer(p)]
        if preferred:
            same = preferred
    if len(same) == 1:
        p = same[0]
        changes: list[tuple[str, str, str]] = []
        if code and p.staff_code and p.staff_code.upper() != code:
            changes.append(("mã cán bộ", p.staff_code, code))
        if cid and p.citizen_id and p.citizen_id != cid:
            changes.append(("CCCD", p.citizen_id, cid))
        if changes:
            return Resolution(
                Outcome.ERROR,
                p,
                message=(
                    f"{describe(p)} đã có "
                    + ", ".join(f"{label} {before}" for label, before, _ in changes)
                    + "; dòng ghi "
                    + ", ".join(f"{label} {after}" for label, _, after in changes)
                ),
                candidates=(p,),
                identity_changes=tuple(changes),
            )
        return Resolution(Outcome.MATCH, p)
    if len(same) > 1:
        return Resolution(
            Outcome.ERROR,
            message=(
                f"Có {len(same)} người cùng họ tên '{clean(row.full_name)}'"
                + (f", sinh {_birth_text(row)}" if _birth_text(row) else "")
                + f": {_names_of(same)}. Ghi thêm ngày sinh, mã cán bộ hoặc CCCD để phân biệt"
            ),
            candidates=tuple(same),
        )
    if exact:  # the name is stored, the birth is not the same: a different person
        return Resolution(
            Outcome.NEW,
            message=(
                f"Có người tên '{clean(row.full_name)}' nhưng ngày/năm sinh không khớp: "
                f"{_names_of(exact)}"
            ),
            candidates=tuple(exact),
        )
    near = directory.near(row)
    if near:
        return Resolution(
            Outcome.SUGGEST,
            near[0] if len(near) == 1 else None,
            message="có phải " + " hay ".join(describe(p) for p in near) + "?",
            candidates=tuple(near),
        )
    return Resolution(Outcome.NEW)
