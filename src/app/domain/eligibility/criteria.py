"""Criteria as data: a title's conditions composed with "all" / "any" in the rule set.

``rules.json`` (and a rule-set file a clerk loads) may give a title its criteria, e.g. the
draft amendment of Luật 06/2022 Điều 23 (domain.md §12.1) as::

    "CSTDCS": {"citation": "CSTDCS", "all": [
        {"test": "grade_at_least", "grade_param": "ldtt_min_grade", "label": "tiêu chuẩn LĐTT"},
        {"test": "grade_is", "grade": "HTXSNV"},
        {"test": "initiative", "scopes_param": "cstdcs_initiative_scopes", "window": 1}]}

A node is one of:

* ``{"all": [node, ...]}``: every one met. At the top, each becomes a condition of its own;
  inside an "any", one condition listing them.
* ``{"any": [node, ...]}``: at least one met, tried in order (the first met one is the
  condition, so a grade route does not use up an initiative); none met: one condition
  "Chưa đạt {label}: A và B".
* ``{"test": NAME, ...}``: a condition the engine knows (:data:`PERSON_TESTS`,
  :data:`UNIT_TESTS`). Its values come literally (``"grade": "HTXSNV"``) or from a parameter
  of the set (``"grade_param": "cstdcs_alt_grade"``), so a clerk's change of the parameter
  reaches them.

Any node may carry ``citation`` (a key of the set's citations, or the citation's text),
inherited by the nodes under it: the root must have one. ``key`` names the condition (the
"any" of CSTĐCS is ``ROUTE``), ``label`` the title in "Chưa đạt ...". The hold (X1) always
comes first for a person and is not written in the criteria.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from app.domain.eligibility.common import (
    award_years,
    discipline_condition,
    effective_grade,
    grade_condition,
    grade_level,
    manual_conditions,
    run_ending,
    two,
    years_text,
)
from app.domain.eligibility.consumption import initiative_name, usable_initiatives, used_text
from app.domain.eligibility.model import Condition, PersonHistory, UnitHistory
from app.domain.eligibility.rulesets import RuleSet

__all__ = [
    "PERSON_TESTS",
    "UNIT_TESTS",
    "check_criteria",
    "criteria_codes",
    "person_criteria",
    "unit_criteria",
]

GRADE_CODES = frozenset({"HTXSNV", "HTTNV", "HTNV", "KHTNV"})
SCOPE_CODES = ("PV_CO_SO", "PV_XA", "PV_TINH", "PV_BO", "PV_TOAN_QUOC")
SCOPE_NAMES = {
    "PV_CO_SO": "cơ sở",
    "PV_XA": "cấp xã",
    "PV_TINH": "cấp tỉnh",
    "PV_BO": "cấp bộ",
    "PV_TOAN_QUOC": "toàn quốc",
}
COMMON_KEYS = frozenset({"test", "citation", "key", "label", "note"})


@dataclass(frozen=True)
class _Ctx:
    """What a test reads: the subject's history, the year, the set, this year's titles."""

    history: Any
    year: int
    rules: RuleSet
    prov: frozenset[str]
    citation: str
    title: str = ""
    title_label: str = ""


def _value(node: Mapping[str, Any], name: str, rules: RuleSet, default: Any = None) -> Any:
    """A test's value: ``name`` literally, else the parameter ``name_param`` names."""
    if name in node:
        return node[name]
    param = node.get(f"{name}_param")
    if param is not None:
        return rules.param(str(param))
    return default


def _label(node: Mapping[str, Any], fallback: str) -> str:
    return str(node.get("label") or fallback)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


# --- tests for a person ---------------------------------------------------------------------


def _grade_at_least(node: Mapping[str, Any], c: _Ctx) -> list[Condition]:
    grade = str(_value(node, "grade", c.rules))
    return [
        grade_condition(
            c.history,
            c.year,
            c.rules,
            key=str(node.get("key") or "GRADE"),
            label=_label(node, "tiêu chuẩn"),
            min_grade=grade,
            citation=c.citation,
        )
    ]


def _grade_is(node: Mapping[str, Any], c: _Ctx) -> list[Condition]:
    want = str(_value(node, "grade", c.rules))
    key = str(node.get("key") or "GRADE_IS")
    words = c.rules.words
    grade, _reason = effective_grade(c.history, c.year, c.rules)
    if grade is None:
        return [Condition(key, f"Chưa có xếp loại năm {c.year}", None, c.citation)]
    if grade == want:
        return [Condition(key, f"Xếp loại năm {c.year} là {words.grade(want)}", True, c.citation)]
    return [Condition(key, f"Năm {c.year} không {words.grade(want).lower()}", False, c.citation)]


def _grades_run(node: Mapping[str, Any], c: _Ctx) -> list[Condition]:
    """``years`` consecutive years up to the year graded ``grade`` or better."""
    want = str(_value(node, "grade", c.rules))
    n = int(_value(node, "years", c.rules, 1))
    key = str(node.get("key") or "GRADES")
    h: PersonHistory = c.history
    period = list(range(c.year - n + 1, c.year + 1))
    name = c.rules.words.grade(want)
    missing = [y for y in period if y not in h.grades]
    low = [
        y
        for y in period
        if y not in missing and grade_level(effective_grade(h, y, c.rules)[0]) < grade_level(want)
    ]
    if low:
        text = f"Chưa đủ {two(n)} năm liên tục {name} trở lên (năm {years_text(low)} thấp hơn)"
        return [Condition(key, text, False, c.citation)]
    if missing:
        return [Condition(key, f"Chưa có xếp loại năm {years_text(missing)}", None, c.citation)]
    text = f"Có {two(n)} năm liên tục {name} trở lên ({years_text(period)})"
    return [Condition(key, text, True, c.citation)]


def _initiative(node: Mapping[str, Any], c: _Ctx) -> list[Condition]:
    """``count`` initiatives of ``scopes`` recognised in the last ``window`` years, used for
    no other award (X6)."""
    scopes = list(_value(node, "scopes", c.rules, SCOPE_CODES))
    window = int(_value(node, "window", c.rules, 1))
    count = int(_value(node, "count", c.rules, 1))
    key = str(node.get("key") or "INITIATIVE")
    title = str(node.get("title") or c.title)
    usable, used = usable_initiatives(
        c.history,
        title=title,
        scopes=scopes,
        first_year=c.year - window + 1,
        year=c.year,
        rules=c.rules,
    )
    lowest = SCOPE_NAMES.get(scopes[0], scopes[0]) if scopes else ""
    what = f"sáng kiến/đề tài phạm vi {lowest} trở lên"
    if len(usable) >= count:
        chosen = usable[:count]
        names = ", ".join(initiative_name(i) for i in chosen)
        head = f"Có {what}" if count == 1 else f"Có {two(count)} {what}"
        label = "sáng kiến" if count == 1 else "các sáng kiến"
        return [
            Condition(
                key,
                f"{head}: {label} {names}",
                True,
                c.citation,
                initiatives=tuple(i.id for i in chosen),
            )
        ]
    if count == 1:
        text = f"Chưa có {what} được công nhận"
    else:
        text = f"Chưa đủ {two(count)} {what} được công nhận (có: {two(len(usable))})"
    citation = c.citation
    if used:
        text += f" mà chưa dùng cho khen thưởng khác ({used_text(used, c.rules)})"
        citation = f"{citation}; {c.rules.cite('X6')}"
    return [Condition(key, text, False, citation)]


def _awards(node: Mapping[str, Any], c: _Ctx) -> list[Condition]:
    """``count`` years with one of ``codes`` (merit, not revoked) in the last ``within``
    years, consecutive up to the year when ``consecutive``; this year's titles count."""
    codes = tuple(_value(node, "codes", c.rules, ()))
    n = int(_value(node, "count", c.rules, 1))
    within = _value(node, "within", c.rules)
    consecutive = bool(_value(node, "consecutive", c.rules, False))
    key = str(node.get("key") or "AWARDS")
    years = award_years(c.history.awards, codes, c.rules)
    years |= {c.year for code in codes if code in c.prov}
    years = {y for y in years if y <= c.year}
    if within is not None:
        years = {y for y in years if y > c.year - int(within)}
    found = run_ending(years, c.year) if consecutive else sorted(years)
    names = ", ".join(c.rules.words.award(code) for code in codes)
    how = "liên tục " if consecutive else ""
    if len(found) >= n:
        text = f"Có {two(n)} lần {how}{names} ({years_text(found[-n:])})"
        return [Condition(key, text, True, c.citation)]
    text = f"Chưa đủ {two(n)} lần {how}{names} (có: {years_text(found)})"
    return [Condition(key, text, False, c.citation)]


def _no_discipline(node: Mapping[str, Any], c: _Ctx) -> list[Condition]:
    cond = discipline_condition(c.history, c.year, c.rules)
    return [Condition(cond.key, cond.text, cond.met, c.citation or cond.citation)]


def _manual(node: Mapping[str, Any], c: _Ctx) -> list[Condition]:
    items = _value(node, "items", c.rules, ())
    return manual_conditions(items, c.history.manual_unmet, c.citation)


def _person_rule(node: Mapping[str, Any], c: _Ctx) -> list[Condition]:
    """The conditions of a title's rule in code (its hold left out: it comes first anyway)."""
    from app.domain.eligibility.person_rules import PERSON_RULES

    conds = PERSON_RULES[str(node["title"])](c.history, c.year, c.rules, c.prov)
    return [x for x in conds if x.key != "HOLD"]


def _unit_grade_at_least(node: Mapping[str, Any], c: _Ctx) -> list[Condition]:
    from app.domain.eligibility.unit_rules import unit_grade_condition

    grade = str(_value(node, "grade", c.rules))
    return [
        unit_grade_condition(
            c.history, c.year, grade, _label(node, "tiêu chuẩn"), c.citation, c.rules
        )
    ]


def _unit_rule(node: Mapping[str, Any], c: _Ctx) -> list[Condition]:
    from app.domain.eligibility.unit_rules import UNIT_RULES

    return UNIT_RULES[str(node["title"])](c.history, c.year, c.rules)


Test = Callable[[Mapping[str, Any], "_Ctx"], list[Condition]]

# name -> (test, the values it takes)
PERSON_TESTS: Mapping[str, tuple[Test, frozenset[str]]] = {
    "grade_at_least": (_grade_at_least, frozenset({"grade"})),
    "grade_is": (_grade_is, frozenset({"grade"})),
    "grades_run": (_grades_run, frozenset({"grade", "years"})),
    "initiative": (_initiative, frozenset({"scopes", "window", "count", "title"})),
    "awards": (_awards, frozenset({"codes", "count", "within", "consecutive"})),
    "no_discipline": (_no_discipline, frozenset()),
    "manual": (_manual, frozenset({"items"})),
    "title_rule": (_person_rule, frozenset({"title"})),
}
UNIT_TESTS: Mapping[str, tuple[Test, frozenset[str]]] = {
    "unit_grade_at_least": (_unit_grade_at_least, frozenset({"grade"})),
    "manual": (_manual, frozenset({"items"})),
    "title_rule": (_unit_rule, frozenset({"title"})),
}
# the values a test must be given (literally or through a parameter)
REQUIRED_VALUES: Mapping[str, frozenset[str]] = {
    "grade_at_least": frozenset({"grade"}),
    "grade_is": frozenset({"grade"}),
    "grades_run": frozenset({"grade", "years"}),
    "awards": frozenset({"codes"}),
    "manual": frozenset({"items"}),
    "title_rule": frozenset({"title"}),
    "unit_grade_at_least": frozenset({"grade"}),
}


# --- evaluation -----------------------------------------------------------------------------


def _cite(node: Mapping[str, Any], rules: RuleSet, inherited: str) -> str:
    raw = node.get("citation")
    if raw is None:
        return inherited
    raw = str(raw)
    return rules.citations.get(raw, raw)


def _join(
    conds: Sequence[Condition], key: str, citation: str, label: str, any_of: bool
) -> Condition:
    """One condition standing for several (an "any", or an "all" inside an "any")."""
    if any_of:
        met = next((x for x in conds if x.met is True), None)
        if met is not None:
            return Condition(
                key, met.text, True, citation, initiatives=met.initiatives, consumed=met.consumed
            )
        state: bool | None = None if any(x.met is None for x in conds) else False
        joiner = " và "
    else:
        if all(x.met is True for x in conds):
            return Condition(
                key,
                "; ".join(x.text for x in conds),
                True,
                citation,
                initiatives=tuple(i for x in conds for i in x.initiatives),
                consumed=tuple(y for x in conds for y in x.consumed),
            )
        state = False if any(x.met is False for x in conds) else None
        conds = [x for x in conds if x.met is not True]
        joiner = "; "
    cited = _citations((citation, *(x.citation for x in conds if x.citation)))
    parts = [_lower_first(x.text) for x in conds]
    if state is False:
        text = f"Chưa đạt {label}: " + joiner.join(parts)
    else:
        text = "; ".join(parts)
        text = text[:1].upper() + text[1:]
    return Condition(key, text, state, cited)


@lru_cache(maxsize=1024)
def _citations(parts: tuple[str, ...]) -> str:
    """The citations of ``parts`` ("a; b", "b; c") once each, in order: "a; b; c"."""
    cites = list(dict.fromkeys(p.strip() for c in parts for p in c.split(";") if p.strip()))
    return "; ".join(c for c in cites if c)


def _eval(
    node: Mapping[str, Any],
    ctx: _Ctx,
    tests: Mapping[str, tuple[Test, frozenset[str]]],
    *,
    top: bool,
) -> list[Condition]:
    citation = _cite(node, ctx.rules, ctx.citation)
    here = ctx if citation == ctx.citation else replace(ctx, citation=citation)
    if "test" in node:
        return tests[str(node["test"])][0](node, here)
    any_of = "any" in node
    children = node["any"] if any_of else node["all"]
    label = _label(node, ctx.title_label or "tiêu chuẩn")
    key = str(node.get("key") or ("ROUTE" if any_of else "ALL"))
    if any_of:
        out: list[Condition] = []
        for child in children:
            part = _eval(child, here, tests, top=False)
            joined = part[0] if len(part) == 1 else _join(part, key, citation, label, False)
            out.append(joined)
            if joined.met is True:
                break
        return [_join(out, key, citation, label, True)]
    conds = [x for child in children for x in _eval(child, here, tests, top=top)]
    if top:
        return conds
    return [_join(conds, key, citation, label, False)]


def _context(history: Any, year: int, rules: RuleSet, prov: frozenset[str], title: str) -> _Ctx:
    return _Ctx(history, year, rules, prov, "", title, _short(title, rules))


def _short(title: str, rules: RuleSet) -> str:
    from app.domain.eligibility.consumption import award_name

    return award_name(title, rules)


def person_criteria(
    history: PersonHistory, title: str, year: int, rules: RuleSet, prov: frozenset[str]
) -> list[Condition]:
    """The conditions of ``title``'s criteria in ``rules`` (the hold not included)."""
    ctx = _context(history, year, rules, prov, title)
    return _eval(rules.criteria[title], ctx, PERSON_TESTS, top=True)


def unit_criteria(history: UnitHistory, title: str, year: int, rules: RuleSet) -> list[Condition]:
    ctx = _context(history, year, rules, frozenset(), title)
    return _eval(rules.criteria[title], ctx, UNIT_TESTS, top=True)


# --- checks ---------------------------------------------------------------------------------


def _check_node(
    node: Any,
    rules: RuleSet,
    tests: Mapping[str, tuple[Test, frozenset[str]]],
    where: str,
    problems: list[str],
    *,
    cited: bool,
) -> None:
    if not isinstance(node, Mapping):
        problems.append(f"{where}: mỗi điều kiện phải là một đối tượng JSON")
        return
    kinds = [k for k in ("all", "any", "test") if k in node]
    if len(kinds) != 1:
        problems.append(f"{where}: mỗi điều kiện có đúng một trong all, any, test")
        return
    citation = node.get("citation")
    if citation is not None and (not isinstance(citation, str) or not citation.strip()):
        problems.append(f"{where}: trích dẫn (citation) rỗng")
    cited = cited or bool(citation)
    if not cited:
        problems.append(f"{where}: thiếu trích dẫn căn cứ pháp lý (citation)")
        cited = True  # said once
    for name in ("key", "label"):
        if name in node and not isinstance(node[name], str):
            problems.append(f"{where}: '{name}' phải là chữ")
    kind = kinds[0]
    if kind in ("all", "any"):
        unknown = sorted(set(node) - {kind, "citation", "key", "label", "note"})
        if unknown:
            problems.append(f"{where}: trường không hợp lệ {', '.join(unknown)}")
        children = node[kind]
        if not isinstance(children, list) or not children:
            problems.append(f"{where}: '{kind}' cần danh sách điều kiện")
            return
        for i, child in enumerate(children):
            _check_node(child, rules, tests, f"{where}.{kind}[{i}]", problems, cited=cited)
        return
    name = node["test"]
    if name not in tests:
        known = ", ".join(sorted(tests))
        problems.append(f"{where}: điều kiện '{name}' không có (có: {known})")
        return
    allowed = tests[name][1]
    before = len(problems)
    for field_name in sorted(set(node) - COMMON_KEYS):
        base = field_name.removesuffix("_param")
        if base not in allowed:
            problems.append(f"{where}: '{name}' không nhận trường '{field_name}'")
        elif field_name.endswith("_param"):
            if node[field_name] not in rules.parameters:
                problems.append(f"{where}: tham số '{node[field_name]}' không có trong bộ quy tắc")
            if base in node:
                problems.append(f"{where}: '{base}' ghi cả giá trị lẫn tham số")
    for need in REQUIRED_VALUES.get(str(name), frozenset()):
        if need not in node and f"{need}_param" not in node:
            problems.append(f"{where}: '{name}' cần '{need}' (giá trị hoặc {need}_param)")
    if len(problems) > before:
        return
    _check_values(node, str(name), rules, where, problems)


def _check_values(
    node: Mapping[str, Any], name: str, rules: RuleSet, where: str, problems: list[str]
) -> None:
    grade = _value(node, "grade", rules)
    if grade is not None and grade not in GRADE_CODES:
        problems.append(f"{where}: xếp loại '{grade}' không có")
    scopes = _value(node, "scopes", rules)
    if scopes is not None and (
        not isinstance(scopes, list) or not scopes or any(s not in SCOPE_CODES for s in scopes)
    ):
        problems.append(f"{where}: phạm vi sáng kiến không hợp lệ {scopes!r}")
    for number in ("years", "window", "count", "within"):
        value = _value(node, number, rules)
        if value is not None and (
            isinstance(value, bool) or not isinstance(value, int) or value < 1
        ):
            problems.append(f"{where}: '{number}' phải là số nguyên dương")
    codes = _value(node, "codes", rules)
    if codes is not None and (
        not isinstance(codes, list) or not codes or not all(isinstance(x, str) for x in codes)
    ):
        problems.append(f"{where}: 'codes' cần danh sách mã danh hiệu, hình thức")
    items = _value(node, "items", rules)
    if name == "manual" and (
        not isinstance(items, list)
        or not all(
            isinstance(i, Mapping)
            and str(i.get("key") or "").strip()
            and str(i.get("text") or "").strip()
            for i in items
        )
    ):
        problems.append(f"{where}: 'items' cần danh sách {{key, text}}")
    if name == "title_rule":
        from app.domain.eligibility.person_rules import PERSON_RULES
        from app.domain.eligibility.unit_rules import UNIT_RULES

        title = node.get("title")
        if title not in PERSON_RULES and title not in UNIT_RULES:
            problems.append(f"{where}: không có quy tắc của danh hiệu '{title}'")


def check_criteria(rules: RuleSet) -> list[str]:
    """Problems of the set's criteria (Vietnamese, one per fault): structure, tests, values,
    parameters and citations. Codes of the catalogue are checked by the caller
    (:func:`criteria_codes`)."""
    from app.domain.eligibility.person_rules import PERSON_RULES
    from app.domain.eligibility.unit_rules import UNIT_RULES

    problems: list[str] = []
    for title, node in rules.criteria.items():
        where = f"tiêu chí {title}"
        if title in PERSON_RULES:
            tests = PERSON_TESTS
        elif title in UNIT_RULES:
            tests = UNIT_TESTS
        else:
            problems.append(f"{where}: không có quy tắc xét cho danh hiệu, hình thức này")
            continue
        _check_node(node, rules, tests, where, problems, cited=False)
    return problems


def criteria_codes(rules: RuleSet) -> set[str]:
    """The catalogue codes the criteria name (awards counted, titles' rules)."""
    out: set[str] = set()

    def walk(node: Any) -> None:
        if not isinstance(node, Mapping):
            return
        for kind in ("all", "any"):
            for child in node.get(kind) or ():
                walk(child)
        codes = node.get("codes")
        if isinstance(codes, list):
            out.update(str(c) for c in codes)
        if isinstance(node.get("title"), str):
            out.add(node["title"])

    for title, node in rules.criteria.items():
        out.add(title)
        walk(node)
    return out
