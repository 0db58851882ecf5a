"""A dossier received before a new rule set's transition date keeps the rules in force when it
was received, unless the new ones are more favourable (a set's ``transition``, domain.md §2.3).

The engine evaluates the title under both sets; :func:`more_favourable` keeps the better
verdict (eligible, then needs review, then not eligible; the earlier set on a tie) and adds a
condition saying which set was applied and why, with the transition's legal basis.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from app.domain.eligibility.model import Condition, Verdict
from app.domain.eligibility.rulesets import VERDICT_RANK, RuleSet

__all__ = ["more_favourable"]


def more_favourable(
    new: Verdict, old: Verdict, new_set: RuleSet, old_set: RuleSet, received_on: date
) -> Verdict:
    """The verdict a dossier received on ``received_on`` gets (see the module)."""
    t = new_set.transition
    basis = t.legal_basis if t is not None else ""
    cutoff = f" (trước {t.received_before:%d/%m/%Y})" if t is not None else ""
    better_new = VERDICT_RANK[new.verdict] > VERDICT_RANK[old.verdict]
    chosen, applied = (new, new_set) if better_new else (old, old_set)
    why = "quy định mới có lợi hơn" if better_new else "giữ quy định tại thời điểm nhận hồ sơ"
    note = Condition(
        "RULE_SET",
        f"Hồ sơ nhận ngày {received_on:%d/%m/%Y}{cutoff}: xét theo {applied.name} ({why})",
        True,
        basis,
    )
    return replace(chosen, conditions=(note, *chosen.conditions))
