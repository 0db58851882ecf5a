"""Helpers shared by the person rules."""

from __future__ import annotations

from collections.abc import Callable

from app.domain.eligibility.common import after_penalty, award_years
from app.domain.eligibility.consumption import (
    initiative_name,
    usable_initiatives,
    used_text,
)
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
    """An initiative of the required scope recognised in the window and used for no other
    award (X6): met names the one counted; unmet names those other awards hold."""
    scopes = rules.param(scopes_param)
    window = int(rules.param(window_param))
    usable, used = usable_initiatives(
        h, title=title, scopes=scopes, first_year=year - window + 1, year=year, rules=rules
    )
    lowest = SCOPE_NAMES.get(scopes[0], scopes[0]) if scopes else ""
    if usable:
        ini = usable[0]
        return Condition(
            "INITIATIVE",
            f"Có sáng kiến/đề tài phạm vi {lowest} trở lên: sáng kiến {initiative_name(ini)}",
            True,
            citation,
            initiatives=(ini.id,),
        )
    text = f"Chưa có sáng kiến/đề tài phạm vi {lowest} trở lên được công nhận"
    if used:
        text += f" mà chưa dùng cho khen thưởng khác ({used_text(used, rules)})"
        citation = f"{citation}; {rules.cite('X6')}"
    return Condition("INITIATIVE", text, False, citation)
