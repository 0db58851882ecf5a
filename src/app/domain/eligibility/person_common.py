"""Helpers shared by the person rules."""

from __future__ import annotations

from collections.abc import Callable

from app.domain.eligibility.common import after_penalty, award_years, usable_initiatives
from app.domain.eligibility.model import Condition, PersonHistory
from app.domain.eligibility.rulesets import RuleSet

CSTD_CODES = ("CSTD_TINH", "CSTD_BO")
SCOPE_NAMES = {
    "PV_CO_SO": "cơ sở",
    "PV_XA": "cấp xã",
    "PV_TINH": "cấp tỉnh",
    "PV_BO": "cấp bộ",
    "PV_TOAN_QUOC": "toàn quốc",
}

Rule = Callable[[PersonHistory, int, RuleSet, frozenset[str]], list[Condition]]


def cstdcs_years(h: PersonHistory, year: int, rules: RuleSet, prov: frozenset[str]) -> set[int]:
    """Years with CSTĐCS (this year's when provisional), from the end of a penalty (X2)."""
    years = award_years(h.awards, ("CSTDCS",), rules)
    if "CSTDCS" in prov:
        years.add(year)
    return after_penalty(h, year, years)


def initiative_condition(
    h: PersonHistory,
    title: str,
    year: int,
    rules: RuleSet,
    *,
    scopes_param: str,
    window_param: str,
    citation: str,
) -> Condition:
    scopes = rules.param(scopes_param)
    window = int(rules.param(window_param))
    usable, used = usable_initiatives(
        h, title=title, scopes=scopes, first_year=year - window + 1, last_year=year, rules=rules
    )
    lowest = SCOPE_NAMES.get(scopes[0], scopes[0]) if scopes else ""
    if usable:
        ids = ", ".join(str(i.id) for i in usable)
        return Condition(
            "INITIATIVE", f"Có sáng kiến/đề tài phạm vi {lowest} trở lên (số {ids})", True, citation
        )
    text = f"Chưa có sáng kiến/đề tài phạm vi {lowest} trở lên được công nhận"
    if used:
        codes = ", ".join(sorted({c for i in used for c in i.used_for}))
        text += f" (sáng kiến đã dùng cho khen thưởng khác: {codes})"
    return Condition("INITIATIVE", text, False, citation)
