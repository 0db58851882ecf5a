"""Shared builders for the eligibility tests (no tests here)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from app.domain.catalogue import parse_catalogue, parse_codes
from app.domain.eligibility import (
    AwardInfo,
    GradeInfo,
    PersonHistory,
    RuleSet,
    RuleSets,
    parse_rule_sets,
)
from app.domain.eligibility.words import Words, words_from

DATA = Path(__file__).resolve().parents[2] / "resources" / "data"
RULES_PATH = DATA / "rules.json"


def rules_data() -> dict:
    return json.loads(RULES_PATH.read_text(encoding="utf-8"))


@cache
def words() -> Words:
    """The names of codes.json and catalogue.json, as the service gives them."""
    codes = parse_codes(json.loads((DATA / "codes.json").read_text(encoding="utf-8")))
    items = parse_catalogue(json.loads((DATA / "catalogue.json").read_text(encoding="utf-8")))
    return words_from(codes, items)


@cache
def rule_sets() -> RuleSets:
    return parse_rule_sets(rules_data(), words())


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
    unmet: frozenset[str] = frozenset(),
    months: dict[int, int] | None = None,
    **sector: Any,
) -> PersonHistory:
    """``sector``: sector_start, sector_break_months, remote_area_years, death_date,
    review_on, review_is_session (PersonHistory fields)."""
    months = months or {}
    return PersonHistory(
        person_id=1,
        gender=gender,
        active=True,
        grades={y: GradeInfo(g, months.get(y)) for y, g in (grade_map or {}).items()},
        awards=awards,
        disciplines=tuple(disciplines),
        initiatives=tuple(initiatives),
        manual_unmet=unmet,
        **sector,
    )


def cstdcs(*years: int, **kw) -> tuple[AwardInfo, ...]:
    return tuple(AwardInfo("CSTDCS", y, **kw) for y in years)
