"""Lộ trình: for a year to come, what a person or a collective still lacks for each higher
title, computed by the engine itself (not the law's minimum: a help to plan).

The years whose results are not known yet ("open" years: from the current one to the target,
without a grade) are assumed to go well enough: the person graded ``HTTNV`` and awarded
CSTĐCS in each of them before the target (a collective graded ``HTXSNV``); the target year's
lower titles count as decided with the higher one, as in a review. The engine then evaluates
each title of the target year on that history:

- what it rests on among the assumptions (the CSTĐCS years a streak counted, the grades) is
  what the subject **needs** ("CSTĐCS 2026 và 2027");
- an unmet condition a subject can still meet (an initiative, a prior Bằng khen, a route) is
  a **need** too ("sáng kiến/đề tài phạm vi cấp tỉnh trở lên được công nhận");
- an unmet condition fixed by the past (a streak broken, a penalty, a hold) is a **blocker**:
  the title cannot be reached in that year.

"CSTĐ tỉnh 2027: cần CSTĐCS 2026 và 2027; sáng kiến/đề tài phạm vi cấp tỉnh trở lên được
công nhận".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from app.domain.eligibility.consumption import award_name
from app.domain.eligibility.model import (
    AwardInfo,
    Condition,
    GradeInfo,
    PersonHistory,
    UnitHistory,
    Verdict,
)
from app.domain.eligibility.person_rules import evaluate_person
from app.domain.eligibility.rulesets import RuleSet
from app.domain.eligibility.unit_rules import evaluate_unit

__all__ = ["PERSON_PATH", "UNIT_PATH", "PathStep", "person_path", "unit_path"]

# the titles a path shows, lowest first; those before one are decided with it
PERSON_PATH: tuple[str, ...] = ("LDTT", "CSTDCS", "CSTD_TINH", "BK_TINH", "CSTDTQ", "BK_TTG")
UNIT_PATH: tuple[str, ...] = ("TTLDTT", "TTLDXS", "BK_TINH", "CO_TINH")
_PROVISIONAL = {"CSTDCS": ("LDTT",), "CSTD_TINH": ("LDTT", "CSTDCS"), "CSTDTQ": ("CSTD_TINH",)}
ASSUMED_GRADE = "HTTNV"
ASSUMED_UNIT_GRADE = "HTXSNV"
# conditions the past settles: unmet, the title cannot be reached in the target year
# conditions the past settles: unmet even with the best grade assumed for the open years, the
# title cannot be reached in the target year (a grade forced by a penalty, a known low grade, a
# once-only award already received)
_BLOCKERS = frozenset(
    {"HOLD", "DISCIPLINE", "STREAK", "X3", "MERGED", "GRADES", "GRADE", "ONCE", "KNC_ONCE"}
)
BEST_GRADE = "HTXSNV"
_HEADS = ("Chưa có ", "Chưa đủ ", "Không đạt: ")


@dataclass(frozen=True)
class PathStep:
    title: str
    year: int
    reachable: bool
    needs: tuple[str, ...]
    blockers: tuple[str, ...]
    verdict: Verdict  # the engine's, on the history with the open years assumed
    name: str = ""
    blocked: tuple[str, ...] = ()  # the condition key of each blocker, in the same order

    @property
    def text(self) -> str:
        head = f"{self.name or self.title} {self.year}"
        if not self.reachable:
            return f"{head}: chưa thể đạt - {'; '.join(self.blockers)}"
        if not self.needs:
            return f"{head}: đã đủ điều kiện"
        return f"{head}: cần {'; '.join(self.needs)}"


_NOT_IN_YEAR = re.compile(r"^[Nn]ăm (\d{4}) không (.+)$")


def _strip(text: str) -> str:
    for head in _HEADS:
        if text.startswith(head):
            return text[len(head) :]
    match = _NOT_IN_YEAR.match(text)
    if match:  # "năm 2027 không hoàn thành xuất sắc nhiệm vụ" -> "... năm 2027"
        return f"{match.group(2)} năm {match.group(1)}"
    return text


def _need(condition: Condition) -> str:
    """What an unmet condition asks for, as a thing to get ("sáng kiến/đề tài ...")."""
    text = condition.text
    if text.startswith("Chưa đạt ") and ": " in text:  # an "any": one of its parts will do
        parts = text.split(": ", 1)[1].split(" và ")
        text = " hoặc ".join(_strip(p[:1].upper() + p[1:]) for p in parts)
    else:
        text = _strip(text)
    return text[:1].lower() + text[1:]


def _years(years: Sequence[int]) -> str:
    listed = [str(y) for y in sorted(set(years))]
    return listed[0] if len(listed) == 1 else f"{', '.join(listed[:-1])} và {listed[-1]}"


def _open_years(grades: Sequence[int], year: int, target: int) -> list[int]:
    return [y for y in range(year, target + 1) if y not in grades]


def _assumed_person(
    history: PersonHistory, open_years: Sequence[int], target: int, grade: str = ASSUMED_GRADE
) -> PersonHistory:
    grades = dict(history.grades)
    for y in open_years:
        grades[y] = GradeInfo(grade)
    awards = tuple(history.awards) + tuple(
        AwardInfo(code, y) for y in open_years if y < target for code in ("LDTT", "CSTDCS")
    )
    return replace(history, grades=grades, awards=awards, manual_unmet=frozenset())


def _step(
    title: str,
    target: int,
    verdict: Verdict,
    assumed: list[str],
    rules: RuleSet,
    best: Verdict | None = None,
) -> PathStep:
    """``verdict``: on the open years assumed to go well enough (what is needed); ``best``:
    on them assumed to go as well as they can (what blocks whatever the subject does)."""
    best = best or verdict
    blocking = [c for c in best.unmet if c.key in _BLOCKERS]
    blocked = {c.key for c in blocking}
    blockers = tuple(c.line for c in blocking)
    needs = list(assumed)
    needs += [_need(c) for c in verdict.unmet if c.key not in blocked]
    needs += [_need(c) for c in verdict.unknown if c.key not in _BLOCKERS and not c.manual]
    return PathStep(
        title,
        target,
        not blockers,
        tuple(dict.fromkeys(needs)),
        blockers,
        verdict,
        award_name(title, rules),
        tuple(c.key for c in blocking),
    )


def person_path(
    history: PersonHistory,
    year: int,
    rules: RuleSet,
    target: int | None = None,
    titles: Sequence[str] = PERSON_PATH,
) -> list[PathStep]:
    """What ``history`` lacks for each of ``titles`` in ``target`` (default: the year after
    ``year``, the current one), the years from ``year`` without a grade assumed to go well."""
    target = year + 1 if target is None else target
    open_years = _open_years(list(history.grades), year, target)
    assumed_history = _assumed_person(history, open_years, target)
    best_history = _assumed_person(history, open_years, target, BEST_GRADE)
    out = []
    for title in titles:
        prov = frozenset(_PROVISIONAL.get(title, ()))
        verdict = evaluate_person(assumed_history, title, target, rules, prov)
        best = evaluate_person(best_history, title, target, rules, prov)
        used = {
            y for c in verdict.conditions if c.met for basis, y in c.consumed if basis == "CSTDCS"
        }
        assumed: list[str] = []
        cs_years = sorted(y for y in used if y in open_years or (y == target and "CSTDCS" in prov))
        if cs_years:
            assumed.append(f"{award_name('CSTDCS', rules)} {_years(cs_years)}")
        graded = [y for y in open_years if y <= target]
        if graded:
            assumed.insert(
                0, f"xếp loại {rules.words.grade(ASSUMED_GRADE)} trở lên năm {_years(graded)}"
            )
        out.append(_step(title, target, verdict, assumed, rules, best))
    return out


def unit_path(
    history: UnitHistory,
    year: int,
    rules: RuleSet,
    target: int | None = None,
    titles: Sequence[str] = UNIT_PATH,
) -> list[PathStep]:
    """What a collective lacks for each of ``titles`` in ``target``: its open years assumed
    ``HTXSNV``, its members as they are in ``year``."""
    target = year + 1 if target is None else target
    open_years = _open_years(list(history.grades), year, target)
    grades = dict(history.grades)
    for y in open_years:
        grades[y] = ASSUMED_UNIT_GRADE
    assumed_history = replace(history, grades=grades, manual_unmet=frozenset())
    out = []
    for title in titles:
        verdict = evaluate_unit(assumed_history, title, target, rules)
        n = int(rules.param("bk_collective_streak")) if title.startswith("BK_") else 1
        relied = [y for y in open_years if target - n < y <= target]
        assumed = (
            [f"tập thể xếp loại {rules.words.grade(ASSUMED_UNIT_GRADE)} năm {_years(relied)}"]
            if relied
            else []
        )
        out.append(_step(title, target, verdict, assumed, rules))
    return out
