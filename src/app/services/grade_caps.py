"""The cap on công chức graded HTXSNV (Nghị định 335/2025 from 2026, a rule-set parameter
``htxsnv_cap_pct``), checked on grades before they are written: the grades already stored for
the year with the new ones laid over them, công chức only (staff of public service units are
viên chức, graded under their own decree). A warning in the import report, never a block."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import PersonGrade, Unit
from app.domain.eligibility import RuleSetError
from app.domain.people import htxsnv_cap_problem
from app.services.eligibility import vien_chuc_units
from app.services.people_queries import current_assignments
from app.services.rules import effective_rule_sets

__all__ = ["CAP_PARAMETER", "grade_cap_warnings"]

CAP_PARAMETER = "htxsnv_cap_pct"


def grade_cap_warnings(session: Session, new: Mapping[tuple[int, int], str]) -> list[str]:
    """Warnings for the years of ``new`` ((person id, year) -> grade about to be stored) whose
    công chức graded HTXSNV would exceed the cap of the year's rule set."""
    years = sorted({year for _, year in new})
    if not years:
        return []
    sets = effective_rule_sets(session)
    # the columns only: a preview's check must not count the units as records it read
    units = session.execute(select(Unit.id, Unit.parent_id, Unit.collective_category)).all()
    out: list[str] = []
    for year in years:
        try:
            rules = sets.for_year(year)
        except RuleSetError:
            continue
        if CAP_PARAMETER not in rules.parameters:
            continue
        cap = rules.param(CAP_PARAMETER)
        if cap is None:
            continue
        grades = {
            pid: grade
            for pid, grade in session.execute(
                select(PersonGrade.person_id, PersonGrade.grade).where(PersonGrade.year == year)
            )
        }
        grades.update({pid: grade for (pid, y), grade in new.items() if y == year})
        placed = current_assignments(session, date(year, 12, 31))
        public_service = vien_chuc_units(units, rules)
        counts = Counter(
            grade
            for pid, grade in grades.items()
            if pid in placed and placed[pid][0] not in public_service
        )
        citation = rules.parameter(CAP_PARAMETER).legal_basis.split(":")[0] or rules.code
        problem = htxsnv_cap_problem(year, counts["HTXSNV"], counts["HTTNV"], float(cap), citation)
        if problem:
            out.append(problem)
    return out
