"""What a person or collective has achieved, in words, for the lists of Bình xét (issue 20).

Entry points, each reading the year's people or units in a few bulk queries:

- :func:`person_achievements` / :func:`unit_achievements` -- the grades of the last years in
  words ("Hoàn thành xuất sắc nhiệm vụ các năm 2024, 2025"), the titles and forms received
  (revoked ones left out) and the initiatives recognised, as a :class:`Achievements`;
  the public-comment list prints :meth:`Achievements.summary` as "Tóm tắt thành tích".
- :func:`initiative_names` -- "Sáng kiến “...” (cấp tỉnh, 2025)" by initiative id.
- :func:`chosen_initiatives` -- the initiatives the clerk chose for each proposal of a year
  (table ``initiative_use`` without an award yet), by (subject, id, title).
- :func:`grade_words` -- grade codes (HTXSNV) in a text replaced by their names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import (
    AwardRecord,
    CatalogueItemRow,
    Initiative,
    InitiativeAuthor,
    InitiativeUse,
    PersonGrade,
    UnitGrade,
)
from app.domain.vntext import clean
from app.services.reference import codes

__all__ = [
    "Achievements",
    "chosen_initiatives",
    "grade_words",
    "initiative_names",
    "person_achievements",
    "unit_achievements",
]

PERSON = "person"
UNIT = "unit"
GRADE_YEARS = 3  # years of grades shown
AWARD_YEARS = 5  # years of titles and forms shown
CHUNK = 900


@dataclass(frozen=True)
class Achievements:
    grades: str  # "Hoàn thành xuất sắc nhiệm vụ các năm 2024, 2025; ..."
    awards: str  # "Chiến sĩ thi đua cơ sở (2024, 2025); Bằng khen của ... (2023)"
    initiatives: str  # "Sáng kiến “...” (cấp tỉnh, 2025)"

    def parts(self) -> list[str]:
        out = []
        if self.grades:
            out.append(f"Xếp loại: {self.grades}")
        if self.awards:
            out.append(f"Đã được khen thưởng: {self.awards}")
        if self.initiatives:
            out.append(self.initiatives)
        return out

    def summary(self) -> str:
        return "; ".join(self.parts())


def _chunks(ids: Sequence[int]) -> Iterable[Sequence[int]]:
    for i in range(0, len(ids), CHUNK):
        yield ids[i : i + CHUNK]


def _years(years: Sequence[int]) -> str:
    return ", ".join(str(y) for y in sorted(set(years)))


def _grade_text(grades: dict[int, str]) -> str:
    """ "Hoàn thành xuất sắc nhiệm vụ các năm 2024, 2025; Hoàn thành tốt nhiệm vụ năm 2023"."""
    names = {e.code: e.name for e in codes().table("grades")}
    by_grade: dict[str, list[int]] = {}
    for year in sorted(grades, reverse=True):
        by_grade.setdefault(names.get(grades[year], grades[year]), []).append(year)
    parts = []
    for name, years in by_grade.items():
        when = f"các năm {_years(years)}" if len(years) > 1 else f"năm {years[0]}"
        parts.append(f"{name} {when}")
    return "; ".join(parts)


def _award_text(awards: list[tuple[str, int]], names: dict[str, str]) -> str:
    by_code: dict[str, list[int]] = {}
    for code, year in sorted(awards, key=lambda x: -x[1]):
        by_code.setdefault(code, []).append(year)
    return "; ".join(f"{names.get(c, c)} ({_years(ys)})" for c, ys in by_code.items())


def initiative_names(session: Session, ids: Iterable[int]) -> dict[int, str]:
    """ "Sáng kiến “Số hóa hồ sơ” (cấp tỉnh, 2025)" by initiative id."""
    wanted = sorted(set(ids))
    kinds = {e.code: e.name for e in codes().table("initiative_kinds")}
    scopes = {e.code: e.name.lower() for e in codes().table("initiative_scopes")}
    out: dict[int, str] = {}
    for chunk in _chunks(wanted):
        for row in session.scalars(select(Initiative).where(Initiative.id.in_(chunk))):
            kind = kinds.get(row.kind, "Sáng kiến")
            scope = scopes.get(row.scope, "")
            where = ", ".join(x for x in (scope, str(row.year)) if x)
            out[row.id] = f"{kind} \u201c{clean(row.title)}\u201d ({where})"
    return out


def _awards(
    session: Session, column: object, ids: Sequence[int], first: int, last: int
) -> dict[int, list[tuple[str, int]]]:
    out: dict[int, list[tuple[str, int]]] = {}
    for chunk in _chunks(ids):
        rows = session.execute(
            select(
                column,  # type: ignore[call-overload]
                AwardRecord.catalogue_code,
                AwardRecord.year,
                AwardRecord.period_to_year,
                AwardRecord.decision_date,
            ).where(column.in_(chunk), AwardRecord.revoked.is_(False))  # type: ignore[attr-defined]
        )
        for sid, code, year, to, day in rows:
            when = to or year or (day.year if day else None)
            if when is not None and first <= when <= last:
                out.setdefault(sid, []).append((code, when))
    return out


def _catalogue_names(session: Session) -> dict[str, str]:
    return dict(session.execute(select(CatalogueItemRow.code, CatalogueItemRow.name)).all())


def person_achievements(
    session: Session, person_ids: Iterable[int], year: int
) -> dict[int, Achievements]:
    """Grades of ``year`` and the two before, awards of the five years to ``year``, and the
    initiatives recognised in those five years, of each person."""
    ids = sorted(set(person_ids))
    grades: dict[int, dict[int, str]] = {}
    for chunk in _chunks(ids):
        for pid, y, grade in session.execute(
            select(PersonGrade.person_id, PersonGrade.year, PersonGrade.grade).where(
                PersonGrade.person_id.in_(chunk),
                PersonGrade.year > year - GRADE_YEARS,
                PersonGrade.year <= year,
            )
        ):
            grades.setdefault(pid, {})[y] = grade
    awards = _awards(session, AwardRecord.person_id, ids, year - AWARD_YEARS + 1, year)
    authored: dict[int, list[int]] = {}
    for chunk in _chunks(ids):
        for pid, iid in session.execute(
            select(InitiativeAuthor.person_id, InitiativeAuthor.initiative_id)
            .join(Initiative, Initiative.id == InitiativeAuthor.initiative_id)
            .where(
                InitiativeAuthor.person_id.in_(chunk),
                Initiative.year > year - AWARD_YEARS,
                Initiative.year <= year,
            )
        ):
            authored.setdefault(pid, []).append(iid)
    names = initiative_names(session, (i for ii in authored.values() for i in ii))
    catalogue = _catalogue_names(session)
    return {
        pid: Achievements(
            grades=_grade_text(grades.get(pid, {})),
            awards=_award_text(awards.get(pid, []), catalogue),
            initiatives="; ".join(names[i] for i in authored.get(pid, []) if i in names),
        )
        for pid in ids
    }


def unit_achievements(
    session: Session, unit_ids: Iterable[int], year: int
) -> dict[int, Achievements]:
    """The same for collectives: their grades and the awards made to them."""
    ids = sorted(set(unit_ids))
    grades: dict[int, dict[int, str]] = {}
    for chunk in _chunks(ids):
        for uid, y, grade in session.execute(
            select(UnitGrade.unit_id, UnitGrade.year, UnitGrade.grade).where(
                UnitGrade.unit_id.in_(chunk),
                UnitGrade.year > year - GRADE_YEARS,
                UnitGrade.year <= year,
            )
        ):
            grades.setdefault(uid, {})[y] = grade
    awards = _awards(session, AwardRecord.unit_id, ids, year - AWARD_YEARS + 1, year)
    catalogue = _catalogue_names(session)
    return {
        uid: Achievements(
            grades=_grade_text(grades.get(uid, {})),
            awards=_award_text(awards.get(uid, []), catalogue),
            initiatives="",
        )
        for uid in ids
    }


def chosen_initiatives(session: Session, year: int) -> dict[tuple[str, int, str], list[int]]:
    """Initiatives the clerk chose for the proposals of ``year`` (not yet awarded), by
    (subject, id, title)."""
    out: dict[tuple[str, int, str], list[int]] = {}
    rows = session.execute(
        select(
            InitiativeUse.person_id,
            InitiativeUse.unit_id,
            InitiativeUse.catalogue_code,
            InitiativeUse.initiative_id,
        ).where(InitiativeUse.year == year, InitiativeUse.award_record_id.is_(None))
    )
    for pid, uid, code, iid in rows:
        key = (PERSON, int(pid), code) if pid is not None else (UNIT, int(uid or 0), code)
        out.setdefault(key, []).append(iid)
    return out


def grade_words(text: str) -> str:
    """``text`` with grade codes ("HTXSNV") replaced by their names."""
    names = {e.code: e.name for e in codes().table("grades")}
    if not names:
        return text
    pattern = re.compile(
        r"\b(" + "|".join(sorted(map(re.escape, names), key=len, reverse=True)) + r")\b"
    )
    return pattern.sub(lambda m: names[m.group(1)], text)
