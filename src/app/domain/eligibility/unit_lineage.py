"""A collective's records across renames and merges (issue 12, point 4).

- A unit renamed keeps its history: the grades and awards of the rows it had under earlier
  names count as its own (a streak runs across the rename).
- A unit formed by merging others has no history of its own before the merge. Rules that need
  earlier years ask for a review and show the merged units' records; with the rule-set
  parameter ``unit_merge_counts_predecessors`` a year before the merge counts when every
  merged unit met the condition that year.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date

from app.domain.eligibility.model import AwardInfo, PredecessorUnit, UnitHistory

RENAME = "RENAME"
MERGE = "MERGE"


@dataclass(frozen=True)
class UnitRecord:
    """Grades and awards of one unit with those of its earlier names; ``old_names`` gives, for
    the years taken from an earlier name, that name."""

    name: str
    grades: Mapping[int, str]
    awards: tuple[AwardInfo, ...]
    old_names: Mapping[int, str] = field(default_factory=dict)
    ended: date | None = None


@dataclass(frozen=True)
class Lineage:
    own: UnitRecord
    merged: tuple[UnitRecord, ...] = ()  # the units merged into this one (or an earlier name)

    def merged_names(self) -> str:
        return ", ".join(m.name for m in self.merged)

    def merged_on(self) -> date | None:
        ends = [m.ended for m in self.merged if m.ended is not None]
        return max(ends) if ends else None


def _fold(
    name: str,
    grades: Mapping[int, str],
    awards: tuple[AwardInfo, ...],
    start: int,
    before: Mapping[int, list[PredecessorUnit]],
    ended: date | None = None,
) -> tuple[UnitRecord, list[PredecessorUnit]]:
    """The record of unit ``start`` with every earlier name folded in, and the units merged
    into any of those names."""
    all_grades = dict(grades)
    all_awards = list(awards)
    old_names: dict[int, str] = {}
    merged: list[PredecessorUnit] = []
    frontier, seen = [start], {start}
    while frontier:
        current = frontier.pop(0)
        for p in before.get(current, []):
            if p.unit_id in seen:
                continue
            seen.add(p.unit_id)
            if p.end_reason != RENAME:
                merged.append(p)
                continue
            frontier.append(p.unit_id)
            for year, grade in p.grades.items():
                if year not in all_grades:
                    all_grades[year] = grade
                    old_names.setdefault(year, p.name)
            own_award_years = {a.year for a in all_awards}
            for award in p.awards:
                if award.year is not None and award.year not in own_award_years:
                    old_names.setdefault(award.year, p.name)
            all_awards.extend(p.awards)
    return UnitRecord(name, all_grades, tuple(all_awards), old_names, ended), merged


def lineage(history: UnitHistory, name: str = "") -> Lineage:
    """The unit's own record (earlier names folded in) and the records of the units merged
    into it (each with its own earlier names)."""
    before: dict[int, list[PredecessorUnit]] = {}
    for p in history.predecessors:
        before.setdefault(p.successor_id, []).append(p)
    if not before:
        return Lineage(UnitRecord(name, history.grades, history.awards))
    own, merged = _fold(name, history.grades, history.awards, history.unit_id, before)
    records = []
    for p in merged:
        record, _deeper = _fold(p.name, p.grades, p.awards, p.unit_id, before, p.valid_to)
        records.append(record)
    return Lineage(own, tuple(records))


def old_name_note(record: UnitRecord, years: list[int]) -> str:
    """ "; năm 2024 mang tên Trung tâm A" for the years of ``years`` taken from earlier names."""
    by_name: dict[str, list[int]] = {}
    for y in years:
        if y in record.old_names:
            by_name.setdefault(record.old_names[y], []).append(y)
    parts = [
        f"năm {', '.join(str(y) for y in sorted(ys))} mang tên {old}" for old, ys in by_name.items()
    ]
    return "; " + "; ".join(parts) if parts else ""


def merged_years(lin: Lineage, good: Callable[[UnitRecord], set[int]]) -> set[int]:
    """Years in which every merged unit meets ``good`` (the parameter's way of counting)."""
    if not lin.merged:
        return set()
    sets = [good(m) for m in lin.merged]
    return set.intersection(*sets)


def records_text(lin: Lineage, years: list[int], describe: Callable[[UnitRecord, int], str]) -> str:
    """ "Phòng A: 2024 HTXSNV, TTLĐXS; Phòng B: 2024 HTTNV" for the merged units."""
    parts = []
    for m in lin.merged:
        per_year = [f"{y} {describe(m, y)}" for y in years]
        parts.append(f"{m.name}: {'; '.join(per_year)}")
    return "; ".join(parts)
