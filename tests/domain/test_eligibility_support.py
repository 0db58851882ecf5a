"""Shared builders for the eligibility tests (no tests here)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from app.domain.eligibility import (
    AwardInfo,
    GradeInfo,
    PersonHistory,
    RuleSet,
    RuleSets,
    parse_rule_sets,
)

RULES_PATH = Path(__file__).resolve().parents[2] / "resources" / "data" / "rules.json"


def rules_data() -> dict:
    return json.loads(RULES_PATH.read_text(encoding="utf-8"))


@cache
def rule_sets() -> RuleSets:
    return parse_rule_sets(rules_data())


def rules(year: int = 2025) -> RuleSet:
    return rule_sets().for_year(year)


def grades(**by_year: str) -> dict[int, GradeInfo]:
    """grades(y2024="HTTNV") -> {2024: GradeInfo("HTTNV")}."""
    return {int(k[1:]): GradeInfo(v) for k, v in by_year.items()}


def person(
    grade_map: dict[int, str] | None = None,
    *,
    awards: tuple[AwardInfo, ...] = (),
    disciplines=(),
    initiatives=(),
    gender: str | None = "NAM",
    service: float | None = None,
    unmet: frozenset[str] = frozenset(),
    months: dict[int, int] | None = None,
) -> PersonHistory:
    months = months or {}
    return PersonHistory(
        person_id=1,
        gender=gender,
        active=True,
        grades={y: GradeInfo(g, months.get(y)) for y, g in (grade_map or {}).items()},
        awards=awards,
        disciplines=tuple(disciplines),
        initiatives=tuple(initiatives),
        sector_service_years=service,
        manual_unmet=unmet,
    )


def cstdcs(*years: int, **kw) -> tuple[AwardInfo, ...]:
    return tuple(AwardInfo("CSTDCS", y, **kw) for y in years)
