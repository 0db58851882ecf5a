"""Quotas (hạn mức) on proposals: a percentage cap per title and kind of unit.

None by default: the law in force sets no national cap (domain.md §4.2, CSTĐCS). A province or
the sector may set one; the clerk enters it in the Bình xét screen. A rule caps, in each unit
of a kind (or every unit), the number of people proposed for a title at ``percent`` of a base:
the unit's members, or those proposed for another title (the old "CSTĐCS ≤ 15% of LĐTT").
Over the cap the screen warns, or refuses the clerk's override when the rule blocks.

Rules are kept in the ``app_setting`` table (:data:`QUOTAS_KEY`), audited like every setting.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from sqlalchemy.orm import Session

from app.domain.eligibility import RuleSetError
from app.domain.errors import ValidationError
from app.services.people_queries import current_assignments
from app.services.reference import catalogue, codes
from app.services.review import (
    PERSON,
    CandidateRow,
    Override,
    candidates,
    set_override,
    title_short,
)
from app.services.rules import effective_rule_sets
from app.services.settings import get_setting, set_setting
from app.services.units import UnitDTO, list_units

__all__ = [
    "ALL_KINDS",
    "BASE_MEMBERS",
    "QUOTAS_KEY",
    "QuotaRule",
    "QuotaUse",
    "get_quotas",
    "quotas_for_year",
    "over_quota",
    "quota_usage",
    "save_quotas",
    "set_override_checked",
]

QUOTAS_KEY = "review.quotas"
ALL_KINDS = "*"
BASE_MEMBERS = "MEMBERS"


@dataclass(frozen=True)
class QuotaRule:
    title: str  # catalogue code capped
    unit_kind: str  # a unit kind code, or ALL_KINDS
    percent: Decimal
    base: str = BASE_MEMBERS  # BASE_MEMBERS or a catalogue code (those proposed for it)
    block: bool = False  # refuse overrides beyond the cap (else warn)

    def describe(self) -> str:
        base = "số cán bộ" if self.base == BASE_MEMBERS else f"số đề nghị {title_short(self.base)}"
        return f"{title_short(self.title)} ≤ {self.percent}% {base}"


@dataclass(frozen=True)
class QuotaUse:
    """A rule applied to one unit: how many are proposed (used) and how many it allows."""

    rule: QuotaRule
    unit_id: int
    unit_name: str
    base_count: int
    used: int
    allowed: int

    @property
    def over(self) -> bool:
        return self.used > self.allowed

    @property
    def text(self) -> str:
        return f"{self.used}/{self.allowed}"


def _check(rule: QuotaRule, kinds: set[str]) -> list[str]:
    cat = catalogue()
    problems = []
    if rule.title not in cat:
        problems.append(f"Không có danh hiệu/hình thức '{rule.title}'")
    if rule.unit_kind != ALL_KINDS and rule.unit_kind not in kinds:
        problems.append(f"Loại đơn vị '{rule.unit_kind}' không có trong danh mục")
    if not Decimal(0) <= rule.percent <= Decimal(100):
        problems.append(f"Tỷ lệ {rule.percent}% phải từ 0 đến 100")
    if rule.base != BASE_MEMBERS and rule.base not in cat:
        problems.append(f"Căn cứ tính '{rule.base}' không hợp lệ")
    if rule.base == rule.title:
        problems.append("Căn cứ tính không được là chính danh hiệu bị giới hạn")
    return problems


def _parse(raw: object) -> QuotaRule | None:
    if not isinstance(raw, dict):
        return None
    try:
        return QuotaRule(
            title=str(raw["title"]),
            unit_kind=str(raw.get("unit_kind", ALL_KINDS)),
            percent=Decimal(str(raw["percent"])),
            base=str(raw.get("base", BASE_MEMBERS)),
            block=bool(raw.get("block", False)),
        )
    except (KeyError, InvalidOperation, ValueError):
        return None


def get_quotas(session: Session) -> list[QuotaRule]:
    stored = get_setting(session, QUOTAS_KEY, [])
    rules = [_parse(raw) for raw in stored] if isinstance(stored, list) else []
    return [r for r in rules if r is not None]


def quotas_for_year(session: Session, year: int) -> list[QuotaRule]:
    """The rules that apply to ``year``: the clerk's, plus the rule set's ``cstdcs_cap_pct``
    (CSTĐCS at most that % of those proposed for LĐTT, a warning) when it is set and the clerk
    has no CSTĐCS rule for every unit. One source for the cap, whichever screen set it."""
    rules = get_quotas(session)
    try:
        cap = effective_rule_sets(session).for_year(year).param("cstdcs_cap_pct")
    except (RuleSetError, KeyError):
        cap = None
    if cap is not None and not any(r.title == "CSTDCS" and r.unit_kind == ALL_KINDS for r in rules):
        rules.append(QuotaRule("CSTDCS", ALL_KINDS, Decimal(str(cap)), base="LDTT"))
    return rules


def save_quotas(session: Session, rules: Sequence[QuotaRule]) -> list[QuotaRule]:
    """Replace the quota rules (validated; one rule per title and unit kind)."""
    kinds = {e.code for e in codes().table("unit_kinds")}
    problems: list[str] = []
    seen: set[tuple[str, str]] = set()
    for index, rule in enumerate(rules, start=1):
        problems += [f"Dòng {index}: {p}" for p in _check(rule, kinds)]
        if (rule.title, rule.unit_kind) in seen:
            problems.append(f"Dòng {index}: trùng danh hiệu và loại đơn vị với dòng trước")
        seen.add((rule.title, rule.unit_kind))
    if problems:
        raise ValidationError(problems)
    data = [asdict(r) | {"percent": str(r.percent)} for r in rules]
    set_setting(session, QUOTAS_KEY, data)
    return list(rules)


def _applies(rule: QuotaRule, unit: UnitDTO) -> bool:
    return rule.unit_kind in (ALL_KINDS, unit.kind)


def quota_usage(
    rules: Sequence[QuotaRule], rows: Iterable[CandidateRow], units: Iterable[UnitDTO]
) -> list[QuotaUse]:
    """Each rule in each unit that has people under review: proposed / allowed.

    ``allowed`` is the cap rounded down (a share of a person is not a person).
    """
    if not rules:
        return []
    by_unit: dict[int, list[CandidateRow]] = {}
    for row in rows:
        if row.subject == PERSON and row.unit_id is not None:
            by_unit.setdefault(row.unit_id, []).append(row)
    out: list[QuotaUse] = []
    for unit in units:
        people = by_unit.get(unit.id)
        if not people:
            continue
        for rule in rules:
            if not _applies(rule, unit):
                continue
            if rule.base == BASE_MEMBERS:
                base = len(people)
            else:
                base = sum(1 for r in people if r.proposed == rule.base)
            used = sum(1 for r in people if r.proposed == rule.title)
            allowed = math.floor(rule.percent * base / 100)
            out.append(QuotaUse(rule, unit.id, unit.full_name, base, used, allowed))
    return out


def set_override_checked(
    session: Session,
    year: int,
    subject: str,
    subject_id: int,
    proposed: str | None,
    reason: str,
    *,
    expected_version: int | None = None,
) -> Override:
    """:func:`app.services.review.set_override`, refused when it takes a unit over a blocking
    quota (the caller's transaction is then rolled back)."""
    rules = [r for r in quotas_for_year(session, year) if r.block and proposed in (r.title, r.base)]
    with session.begin_nested():  # undone on its own when the quota refuses it
        override = set_override(
            session, year, subject, subject_id, proposed, reason, expected_version=expected_version
        )
        if rules and subject == PERSON:
            _refuse_over_blocking_quota(session, year, subject_id, rules)
    return override


def _refuse_over_blocking_quota(
    session: Session, year: int, person_id: int, rules: list[QuotaRule]
) -> None:
    placed = current_assignments(session, date(year, 12, 31)).get(person_id)
    if placed is None:
        return
    unit_id = placed[0]
    rows = [r for r in candidates(session, year, unit_id) if r.subject == PERSON]
    units = [u for u in list_units(session) if u.id == unit_id]
    for use in over_quota(quota_usage(rules, rows, units), blocking_only=True):
        raise ValidationError(
            f"Vượt hạn mức ở {use.unit_name}: {use.rule.describe()} cho phép {use.allowed}, "
            f"đề nghị sẽ là {use.used}. Hạn mức này không cho vượt."
        )


def over_quota(uses: Iterable[QuotaUse], *, blocking_only: bool = False) -> list[QuotaUse]:
    return [u for u in uses if u.over and (u.rule.block or not blocking_only)]
