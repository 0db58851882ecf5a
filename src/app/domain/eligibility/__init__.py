"""Eligibility engine (domain.md §4): one pure rule per title, parameters from rule sets.

Each rule returns a :class:`Verdict` listing every condition, met or not, in Vietnamese with
its legal citation. Conditions a person must judge (``manual=True``) count as met until the
clerk marks their key unmet (``manual_unmet``). Parameters come from a :class:`RuleSet`
parsed from ``resources/data/rules.json`` by :func:`parse_rule_sets` (the service layer
reads the file).
"""

from app.domain.eligibility.model import (
    ELIGIBLE_TEXT,
    VERDICT_ELIGIBLE,
    VERDICT_NEEDS_REVIEW,
    VERDICT_NOT_ELIGIBLE,
    AwardInfo,
    ClusterResult,
    Condition,
    DisciplineInfo,
    GradeInfo,
    InitiativeInfo,
    InitiativeUseInfo,
    MemberSummary,
    PersonHistory,
    PredecessorUnit,
    UnitHistory,
    Verdict,
)
from app.domain.eligibility.person_rules import (
    PERSON_TITLES,
    evaluate_person,
    evaluate_person_all,
)
from app.domain.eligibility.rulesets import (
    Parameter,
    RuleSet,
    RuleSetError,
    RuleSets,
    parse_rule_sets,
)
from app.domain.eligibility.unit_rules import UNIT_TITLES, evaluate_unit

__all__ = [
    "ELIGIBLE_TEXT",
    "PERSON_MAIN_TITLES",
    "PERSON_TITLES",
    "UNIT_MAIN_TITLES",
    "UNIT_TITLES",
    "VERDICT_ELIGIBLE",
    "VERDICT_NEEDS_REVIEW",
    "VERDICT_NOT_ELIGIBLE",
    "AwardInfo",
    "ClusterResult",
    "Condition",
    "DisciplineInfo",
    "GradeInfo",
    "InitiativeInfo",
    "InitiativeUseInfo",
    "MemberSummary",
    "Parameter",
    "PersonHistory",
    "PredecessorUnit",
    "RuleSet",
    "RuleSetError",
    "RuleSets",
    "UnitHistory",
    "Verdict",
    "evaluate_person",
    "evaluate_person_all",
    "evaluate_unit",
    "parse_rule_sets",
]

# The titles every review screen and count shows first (one column each in Bình xét).
PERSON_MAIN_TITLES: tuple[str, ...] = ("LDTT", "CSTDCS", "CSTD_TINH")
UNIT_MAIN_TITLES: tuple[str, ...] = ("TTLDTT", "TTLDXS")
