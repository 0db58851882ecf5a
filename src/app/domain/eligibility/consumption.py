"""One achievement, one reward (domain.md X5, X6, §12.1): what earlier awards already used.

The rule-set parameter ``achievement_consumption`` says, as data:

* ``years``: for each kind of achievement year a rule counts (``CSTDCS``: years with the
  CSTĐCS title; ``HTXSNV``: years graded HTXSNV; ``CSTD``: years with CSTĐ tỉnh/bộ), the
  titles and forms that rest on such years. An earlier award among them used every year of
  that kind up to the end of its achievement period (X3: the next proposal counts from the
  period stated in the previous decision), so none of them counts those years again. The
  switch ``cstd_exclude_used_years`` turns this off for every title at once.
* ``initiatives``: the titles and forms whose initiatives are used by them. An initiative
  recorded for one of them (``InitiativeInfo.used_for``) supports no other award, except
  between two titles when ``initiative_reuse_between_titles`` allows it.

A use of an initiative for the very award being decided (same title, same year) is the
clerk's choice on the proposal: it is counted first, never held against the proposal. A
choice on another proposal of the same year holds the initiative too ("đang dùng cho đề
nghị ..."); a choice on a proposal of another year that was never decided does not.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from app.domain.eligibility.common import TITLE_CODES
from app.domain.eligibility.model import (
    AwardInfo,
    InitiativeInfo,
    InitiativeUseInfo,
    PersonHistory,
    Verdict,
)
from app.domain.eligibility.rulesets import RuleSet

CONSUMPTION_PARAM = "achievement_consumption"
SWITCH_PARAM = "cstd_exclude_used_years"

BASIS_CSTDCS = "CSTDCS"
BASIS_HTXSNV = "HTXSNV"
BASIS_CSTD = "CSTD"

# Short names of the awards the person rules talk about (as their texts write them).
SHORT_NAMES: Mapping[str, str] = {
    "LDTT": "LĐTT",
    "CSTDCS": "CSTĐCS",
    "CSTD_TINH": "CSTĐ tỉnh",
    "CSTD_BO": "CSTĐ bộ",
    "CSTDTQ": "CSTĐTQ",
    "BK_TINH": "Bằng khen tỉnh",
    "BK_BO": "Bằng khen bộ",
    "BK_TTG": "Bằng khen Thủ tướng",
    "GK_SO": "Giấy khen Sở",
}


def _spec(rules: RuleSet) -> Mapping[str, Any]:
    value = rules.param(CONSUMPTION_PARAM)
    return value if isinstance(value, Mapping) else {}


def year_consumers(rules: RuleSet, basis: str) -> frozenset[str]:
    """The titles and forms that use years of ``basis`` (empty when the switch is off)."""
    found: frozenset[str] = rules.derived(
        ("year_consumers", basis), lambda: _consumers(rules, basis)
    )
    return found


def _consumers(rules: RuleSet, basis: str) -> frozenset[str]:
    if not rules.param(SWITCH_PARAM):
        return frozenset()
    return frozenset((_spec(rules).get("years") or {}).get(basis) or ())


def initiative_consumers(rules: RuleSet) -> frozenset[str]:
    """The titles and forms that use the initiatives they rest on."""
    found: frozenset[str] = rules.derived(
        "initiative_consumers", lambda: frozenset(_spec(rules).get("initiatives") or ())
    )
    return found


def award_name(code: str, rules: RuleSet) -> str:
    """The name of an award in explanations: the short name the rules use ("CSTĐCS"), else
    the rule set's words (the catalogue's name), else the code."""
    return SHORT_NAMES.get(code) or rules.words.award(code)


def award_label(award: AwardInfo, rules: RuleSet) -> str:
    """ "CSTĐ tỉnh 2023": the award and the year it counts for."""
    year = award.year if award.year is not None else award.last_period_year
    return (
        f"{award_name(award.code, rules)} {year}"
        if year is not None
        else award_name(award.code, rules)
    )


# --- years -------------------------------------------------------------------------------


def consumed_years(
    years: Collection[int],
    awards: Iterable[AwardInfo],
    *,
    basis: str,
    title: str,
    year: int,
    rules: RuleSet,
) -> dict[int, AwardInfo]:
    """The ``years`` (of ``basis``) an earlier award already used, each with that award.

    ``awards`` are the counted ones (merit, not revoked). An award of the title being decided
    for the same year is this award itself, not an earlier one. A year is credited to the
    first award (by end of period) whose period reaches it.
    """
    consumers = year_consumers(rules, basis)
    if not consumers or not years:
        return {}
    earlier = sorted(
        (
            (end, a)
            for a in awards
            if a.code in consumers
            and not (a.code == title and a.year == year)
            and (end := a.last_period_year) is not None
        ),
        key=lambda pair: pair[0],
    )
    out: dict[int, AwardInfo] = {}
    for y in years:
        for end, award in earlier:
            if y <= end:
                out[y] = award
                break
    return out


def consumed_text(consumed: Mapping[int, AwardInfo], shown: Iterable[int], rules: RuleSet) -> str:
    """ "năm 2022 đã dùng cho Bằng khen tỉnh 2022; năm 2023 đã dùng cho CSTĐ tỉnh 2023" for the
    ``shown`` years that were consumed (empty text when none)."""
    by_award: dict[str, list[int]] = {}
    for y in sorted(set(shown)):
        award = consumed.get(y)
        if award is not None:
            by_award.setdefault(award_label(award, rules), []).append(y)
    return "; ".join(
        f"năm {', '.join(str(y) for y in ys)} đã dùng cho {label}" for label, ys in by_award.items()
    )


def with_consumed(text: str, citation: str, note: str, rules: RuleSet) -> tuple[str, str]:
    """An unmet condition's text and citation, with the years earlier awards used (X5)."""
    if not note:
        return text, citation
    return f"{text}; {note}", f"{citation}; {rules.cite('X5')}"


# --- initiatives ---------------------------------------------------------------------------


def initiative_name(ini: InitiativeInfo) -> str:
    return f"'{ini.title}'" if ini.title else f"số {ini.id}"


def use_label(use: InitiativeUseInfo, rules: RuleSet) -> str:
    """ "đã dùng cho CSTĐCS 2024" or "đang dùng cho đề nghị Bằng khen tỉnh 2025"."""
    name = award_name(use.code, rules)
    if use.issued:
        return f"đã dùng cho {name} {use.year}"
    return f"đang dùng cho đề nghị {name} {use.year}"


def is_chosen(ini: InitiativeInfo, title: str, year: int) -> bool:
    """The clerk chose (or an issued award recorded) ``ini`` for ``title`` of ``year``."""
    return any(u.code == title and u.year == year for u in ini.used_for)


def blocking_uses(
    ini: InitiativeInfo, title: str, year: int, rules: RuleSet
) -> list[InitiativeUseInfo]:
    """The uses that stop ``ini`` supporting ``title`` in ``year`` (empty: it is free)."""
    if not ini.used_for:
        return []
    consumers = initiative_consumers(rules)
    between_titles = bool(rules.param("initiative_reuse_between_titles"))
    out = []
    for use in ini.used_for:
        if use.code == title and use.year == year:
            continue  # this very award
        if use.code not in consumers:
            continue
        if not use.issued and use.year != year:
            continue  # chosen on a proposal of another year that was never decided
        if between_titles and title in TITLE_CODES and use.code in TITLE_CODES:
            continue
        out.append(use)
    return out


def blocking_use(
    ini: InitiativeInfo, title: str, year: int, rules: RuleSet
) -> InitiativeUseInfo | None:
    """The first use that stops ``ini`` supporting ``title`` in ``year`` (None: it is free);
    an issued award's before a choice on another proposal."""
    uses = blocking_uses(ini, title, year, rules)
    return next((u for u in uses if u.issued), uses[0] if uses else None)


def usable_initiatives(
    history: PersonHistory,
    *,
    title: str,
    scopes: Sequence[str],
    first_year: int,
    year: int,
    rules: RuleSet,
) -> tuple[list[InitiativeInfo], list[tuple[InitiativeInfo, InitiativeUseInfo]]]:
    """Initiatives of the right scope recognised from ``first_year`` to ``year``: those free
    for ``title`` of ``year`` in the order to count them (the clerk's choice first, then the
    lowest scope, the oldest), and those another award holds, with that award."""
    usable: list[InitiativeInfo] = []
    used: list[tuple[InitiativeInfo, InitiativeUseInfo]] = []
    for ini in history.initiatives:
        if ini.scope not in scopes or not first_year <= ini.year <= year:
            continue
        use = blocking_use(ini, title, year, rules)
        if use is None:
            usable.append(ini)
        else:
            used.append((ini, use))
    rank = {scope: i for i, scope in enumerate(scopes)}
    usable.sort(key=lambda i: (not is_chosen(i, title, year), rank[i.scope], i.year, i.id))
    used.sort(key=lambda pair: (pair[0].year, pair[0].id))
    return usable, used


def used_text(used: Iterable[tuple[InitiativeInfo, InitiativeUseInfo]], rules: RuleSet) -> str:
    """ "sáng kiến 'A' đã dùng cho CSTĐCS 2024; sáng kiến 'B' đang dùng cho đề nghị ..." """
    return "; ".join(
        f"sáng kiến {initiative_name(ini)} {use_label(use, rules)}" for ini, use in used
    )


def reserve(history: PersonHistory, verdict: Verdict, year: int, rules: RuleSet) -> PersonHistory:
    """``history`` with the initiatives ``verdict`` counted held for it in ``year`` (a title
    awarded with the next ones, e.g. CSTĐCS with CSTĐ tỉnh, keeps its initiatives)."""
    ids = set(verdict.initiatives)
    if not ids or verdict.title not in initiative_consumers(rules):
        return history
    held = InitiativeUseInfo(verdict.title, year, issued=False)
    changed = tuple(
        replace(ini, used_for=(*ini.used_for, held))
        if ini.id in ids and not is_chosen(ini, verdict.title, year)
        else ini
        for ini in history.initiatives
    )
    return replace(history, initiatives=changed)
