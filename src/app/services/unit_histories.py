"""What the collective rules read of a year (issue 12, points 4 and 6), built from the rows
``app.services.eligibility.evaluate_year`` has read already.

- Members: the people of the unit at the year's end, and with the rule-set parameter
  ``collective_members_include_subunits`` (default) those of its sub-units too, so the agency
  itself (the tree's root) and a Chi cục with its Hạt are collectives like the others. Each
  member's grade is the one the person rules see (X9: a penalty in the year makes it KHTNV).
- Lineage: the units renamed or merged into it, with their grades and awards
  (:mod:`app.domain.eligibility.unit_lineage` decides what counts).
- Clusters: its clusters of the year and their results (:mod:`app.services.clusters`).

Every current unit in scope with at least one member is evaluated, top-level units included.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import UnitGrade
from app.domain.eligibility import (
    AwardInfo,
    MemberSummary,
    PersonHistory,
    PredecessorUnit,
    RuleSet,
    UnitHistory,
    Verdict,
)
from app.domain.eligibility.common import disciplines_in_year, effective_grade
from app.services.clusters import cluster_results
from app.services.units import UnitDTO

__all__ = ["member_summary", "unit_histories"]


def member_summary(
    history: PersonHistory,
    year: int,
    rules: RuleSet,
    verdicts: Mapping[str, Verdict],
    name: str = "",
) -> MemberSummary:
    """A person as a member of a collective in ``year``: the grade the person rules see."""
    grade, reason = effective_grade(history, year, rules)
    worst = max((d.severity for d in disciplines_in_year(history.disciplines, year)), default=0)
    return MemberSummary(
        person_id=history.person_id,
        grade=grade,
        ldtt=_eligible(verdicts, "LDTT"),
        cstdcs=_eligible(verdicts, "CSTDCS"),
        worst_penalty_severity=worst,
        grade_reason=reason,
        name=name,
    )


def _eligible(verdicts: Mapping[str, Verdict], code: str) -> bool:
    verdict = verdicts.get(code)
    return verdict is not None and verdict.eligible


def _chain(unit_id: int, parents: Mapping[int, int | None]) -> list[int]:
    chain = [unit_id]
    current = parents.get(unit_id)
    while current is not None and current not in chain:
        chain.append(current)
        current = parents.get(current)
    return chain


def _predecessors(
    unit_id: int,
    before: Mapping[int, list[UnitDTO]],
    grades: Mapping[int, Mapping[int, str]],
    awards: Mapping[int, list[AwardInfo]],
) -> tuple[PredecessorUnit, ...]:
    out: list[PredecessorUnit] = []
    frontier, seen = [unit_id], {unit_id}
    while frontier:
        current = frontier.pop(0)
        for u in before.get(current, []):
            if u.id in seen:
                continue
            seen.add(u.id)
            frontier.append(u.id)
            out.append(
                PredecessorUnit(
                    u.id,
                    u.full_name,
                    u.end_reason or "",
                    current,
                    u.valid_to,
                    dict(grades.get(u.id, {})),
                    tuple(awards.get(u.id, ())),
                )
            )
    return tuple(out)


def unit_histories(
    session: Session,
    year: int,
    units: list[UnitDTO],
    scope: set[int] | None,
    placed: Mapping[int, tuple[int, str, int]],
    people: Mapping[int, MemberSummary],
    unit_awards: Mapping[int, list[AwardInfo]],
    rules: RuleSet,
    marks: Mapping[int, frozenset[str]],
) -> list[tuple[UnitDTO, UnitHistory]]:
    """The current units of ``scope`` (None: all) that have members, with their histories, in
    tree order. ``people``: the people evaluated (those in scope) as members
    (:func:`member_summary` of each)."""
    unit_grades: dict[int, dict[int, str]] = defaultdict(dict)
    for uid, y, grade in session.execute(
        select(UnitGrade.unit_id, UnitGrade.year, UnitGrade.grade)
    ):
        unit_grades[uid][y] = grade
    parents = {u.id: u.parent_id for u in units}
    with_subunits = bool(rules.param("collective_members_include_subunits"))
    members: dict[int, list[MemberSummary]] = defaultdict(list)
    for pid, (uid, _title, _rank) in placed.items():
        summary = people.get(pid)
        if summary is None:  # outside the scope: none of its units is evaluated
            continue
        for unit_id in _chain(uid, parents) if with_subunits else [uid]:
            members[unit_id].append(summary)
    before: dict[int, list[UnitDTO]] = defaultdict(list)
    for u in units:
        if u.successor_id is not None and u.end_reason in ("RENAME", "MERGE"):
            before[u.successor_id].append(u)
    clusters, entered = cluster_results(session, year)
    out: list[tuple[UnitDTO, UnitHistory]] = []
    for unit in units:
        if not unit.is_current or (scope is not None and unit.id not in scope):
            continue
        if not members.get(unit.id):
            continue
        history = UnitHistory(
            unit_id=unit.id,
            grades=unit_grades.get(unit.id, {}),
            awards=tuple(unit_awards.get(unit.id, ())),
            members=tuple(members[unit.id]),
            manual_unmet=marks.get(unit.id, frozenset()),
            predecessors=_predecessors(unit.id, before, unit_grades, unit_awards),
            clusters=clusters.get(unit.id, ()),
            clusters_entered=entered,
        )
        out.append((unit, history))
    return out
