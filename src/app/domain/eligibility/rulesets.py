"""Rule sets: the parameters and criteria of the eligibility rules, versioned by effective date.

The data lives in ``resources/data/rules.json`` (the service layer reads the file; this
module only parses the dict), and in rule-set files a clerk loads (``tdkt import rules``).
Layout:

* ``parameters``: every parameter with ``value``, ``unit``, ``legal_basis``, ``status``
  (``verified`` / ``UNVERIFIED`` / ``practice``) and a Vietnamese ``label``;
* ``citations``: the legal citation printed after each explanation, by topic;
* ``criteria``: per title, the conditions composed with ``all`` / ``any`` (see
  :mod:`app.domain.eligibility.criteria`), each node with its citation; a title without
  criteria uses its rule in ``person_rules`` / ``unit_rules``;
* ``rule_sets``: each with ``code``, ``name``, ``effective_from``, ``effective_to`` (or null:
  until the next set starts), ``legal_bases``, ``overrides`` (per parameter: any of value /
  legal_basis / status), ``citations`` and ``criteria`` overrides, ``based_on`` (a set whose
  overrides it starts from) and ``transition`` (dossiers received before a date keep the
  rules in force when they were received unless the new ones are more favourable);
* ``year_selection``: ``month`` and ``day``. Without a Council session, the review of year
  ``Y`` uses the set in force on that day of ``Y`` (default 31/12/Y); with one, the set in
  force on the session date (domain.md §2.3, :meth:`RuleSets.for_review`).

Grading rules (X9: a penalty makes the grade KHTNV, too few months leaves it ungraded) follow
the set in force when that year was graded (31/12 of the year), not the Council's: the grades
of 2025 stay under Nghị định 90/2020 when a 2026 Council meets under Nghị định 335/2025.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from types import MappingProxyType
from typing import Any

from app.domain.eligibility.words import NO_WORDS, Words
from app.domain.errors import DomainError

STATUSES = frozenset({"verified", "UNVERIFIED", "practice"})
PARAM_FIELDS = ("value", "unit", "legal_basis", "status", "label")

# Parameters the rules read; a missing one is a data error reported on load.
REQUIRED_PARAMETERS = frozenset(
    {
        "merit_award_types",
        "min_months_for_grade",
        "discipline_forces_khtnv",
        "ldtt_min_grade",
        "ldtt_manual",
        "cstdcs_alt_grade",
        "cstdcs_initiative_scopes",
        "cstdcs_initiative_window_years",
        "cstd_streak",
        "cstd_streak_must_end_in_year",
        "cstd_exclude_used_years",
        "achievement_consumption",
        "cstd_tinh_scopes",
        "cstd_bo_scopes",
        "cstd_initiative_window_years",
        "cstdtq_streak",
        "cstdtq_max_gap_years",
        "cstdtq_recent_years",
        "cstdtq_scopes",
        "cstdtq_initiative_window_years",
        "initiative_reuse_between_titles",
        "bk_cstdcs_streak",
        "bk_htxsnv_streak",
        "bk_initiative_count",
        "bk_initiative_scopes",
        "bk_manual",
        "bk_ttg_prior_awards",
        "bk_ttg_years",
        "bk_ttg_min_grade",
        "bk_ttg_cstdcs_count",
        "bk_ttg_manual",
        "gk_so_manual",
        "knc_years_male",
        "knc_years_female",
        "knc_max_penalty_severity",
        "knc_predecessor_medals",
        "knc_years_male_remote",
        "knc_years_female_remote",
        "knc_remote_min_years",
        "knc_penalty_bars_ever",
        "knc_subtract_discipline_time",
        "knc_posthumous",
        "ttldtt_min_grade",
        "ttldtt_min_ldtt_pct",
        "ttldtt_max_penalty_severity",
        "ttldtt_manual",
        "ttldxs_min_grade",
        "ttldxs_member_min_grade",
        "ttldxs_min_ldtt_pct",
        "ttldxs_min_cstdcs_members",
        "ttldxs_discipline_bar",
        "ttldxs_max_penalty_severity",
        "ttldxs_manual",
        "member_pct_exclude_kxl",
        "bk_collective_streak",
        "bk_collective_manual",
        "co_min_grade",
        "co_manual",
        "co_tinh_cluster_organiser",
        "co_bo_cluster_organiser",
        "co_suy_ton_counts",
        "unit_merge_counts_predecessors",
        "collective_members_include_subunits",
        "khtnv_penalty_imposed_in_year",
        "khtnv_min_severity",
        "vien_chuc_grading",
        "vien_chuc_unit_categories",
        "htxsnv_cap_pct",
    }
)
REQUIRED_CITATIONS = frozenset(
    {
        "HOLD",
        "DISCIPLINE",
        "PENALTY_END",
        "GRADE",
        "GRADE_VC",
        "MONEY_HIGHEST",
        "LDTT",
        "CSTDCS",
        "CSTD",
        "CSTDTQ",
        "BK_CA_NHAN",
        "BK_TTG",
        "GK_SO",
        "KNC_NNMT",
        "TTLDTT",
        "TTLDXS",
        "BK_TAP_THE",
        "CO",
        "X3",
        "X5",
        "X6",
    }
)


class RuleSetError(DomainError, ValueError):
    """The rule data is malformed, or no set is in force on a day; the message says which."""


@dataclass(frozen=True)
class Parameter:
    key: str
    value: Any
    unit: str
    legal_basis: str
    status: str
    label: str

    @property
    def unverified(self) -> bool:
        return self.status == "UNVERIFIED"


@dataclass(frozen=True)
class Transition:
    """Dossiers received before ``received_before`` keep the rules in force when they were
    received, unless the new rules are more favourable to them."""

    received_before: date
    legal_basis: str


_EMPTY: Mapping[str, Any] = MappingProxyType({})


@dataclass(frozen=True)
class RuleSet:
    code: str
    name: str
    effective_from: date
    effective_to: date | None
    legal_bases: tuple[str, ...]
    parameters: Mapping[str, Parameter]
    citations: Mapping[str, str]
    # the names explanations print instead of codes (grades, penalties, awards)
    words: Words = field(default=NO_WORDS, compare=False)
    # per title, the conditions composed with all / any (criteria.py); empty: the code's rule
    criteria: Mapping[str, Any] = field(default_factory=lambda: _EMPTY, compare=False)
    transition: Transition | None = None
    source: str = "shipped"  # or the name of the file it was loaded from
    # every set of the collection, to find the one a year was graded under (X9)
    others: tuple[RuleSet, ...] = field(default=(), compare=False, repr=False)
    # values derived from this set and asked again and again by the rules (``derived``)
    _derived: dict[Any, Any] = field(
        default_factory=dict, init=False, compare=False, repr=False, hash=False
    )

    def derived(self, key: Any, compute: Callable[[], Any]) -> Any:
        """``compute()``, computed once per set for ``key`` (the set is immutable)."""
        try:
            return self._derived[key]
        except KeyError:
            value = self._derived[key] = compute()
            return value

    def param(self, key: str) -> Any:
        try:
            return self.parameters[key].value
        except KeyError:
            raise KeyError(f"Bộ quy tắc {self.code} không có tham số '{key}'") from None

    def parameter(self, key: str) -> Parameter:
        return self.parameters[key]

    def cite(self, key: str) -> str:
        try:
            return self.citations[key]
        except KeyError:
            raise KeyError(f"Bộ quy tắc {self.code} không có trích dẫn '{key}'") from None

    def covers(self, day: date) -> bool:
        return self.effective_from <= day and (
            self.effective_to is None or day <= self.effective_to
        )

    def grading_for(self, year: int) -> RuleSet:
        """The set ``year`` was graded under (in force on 31/12 of it): this one when it
        covers that day (so a changed copy keeps its own values), else another of the
        collection, else this one (years before every set)."""
        found = self._derived.get(("grading_for", year))
        if found is None:
            found = self._derived[("grading_for", year)] = self._grading_for(year)
        return found

    def _grading_for(self, year: int) -> RuleSet:
        day = date(year, 12, 31)
        if self.covers(day):
            return self
        for other in self.others:
            if other.covers(day):
                return other
        return self

    def with_values(self, **values: Any) -> RuleSet:
        """A copy with some parameter values changed (settings screen, tests)."""
        params = dict(self.parameters)
        for key, value in values.items():
            if key not in params:
                raise KeyError(f"Bộ quy tắc {self.code} không có tham số '{key}'")
            old = params[key]
            params[key] = Parameter(key, value, old.unit, old.legal_basis, old.status, old.label)
        return replace(self, parameters=MappingProxyType(params))

    def with_words(self, words: Words) -> RuleSet:
        """A copy whose explanations use ``words`` (names from the code tables)."""
        return replace(self, words=words)

    def with_criteria(self, **criteria: Any) -> RuleSet:
        """A copy with the criteria of some titles replaced (tests; checked by the caller)."""
        return replace(self, criteria=MappingProxyType(dict(self.criteria) | criteria))


VERDICT_RANK = {"not_eligible": 0, "needs_review": 1, "eligible": 2}


@dataclass(frozen=True)
class RuleSets:
    sets: tuple[RuleSet, ...]
    selection_month: int = 12
    selection_day: int = 31

    def on(self, day: date) -> RuleSet:
        for rule_set in self.sets:
            if rule_set.covers(day):
                return rule_set
        raise RuleSetError(f"Không có bộ quy tắc nào có hiệu lực ngày {day:%d/%m/%Y}")

    def selection_date(self, year: int) -> date:
        return date(year, self.selection_month, self.selection_day)

    def for_year(self, year: int) -> RuleSet:
        """The set for the review of ``year``: the one in force on the selection day."""
        return self.on(self.selection_date(year))

    def for_review(self, year: int, session_day: date | None = None) -> RuleSet:
        """The criteria of the review of ``year`` (domain.md §2.3): the set in force on the
        day of the Council session when there is one, else on the selection day."""
        return self.on(session_day) if session_day is not None else self.for_year(year)

    def earlier_for(self, current: RuleSet, received_on: date | None) -> RuleSet | None:
        """The set a dossier received on ``received_on`` keeps under ``current``'s transition
        (compared with ``current``, the more favourable applies); None when it does not."""
        t = current.transition
        if t is None or received_on is None or received_on >= t.received_before:
            return None
        try:
            earlier = self.on(min(received_on, current.effective_from - timedelta(days=1)))
        except RuleSetError:
            return None
        return None if earlier.code == current.code else earlier

    def by_code(self, code: str) -> RuleSet:
        for rule_set in self.sets:
            if rule_set.code == code:
                return rule_set
        raise KeyError(code)


def _date(value: Any, where: str) -> date:
    if not isinstance(value, str):
        raise RuleSetError(f"{where}: cần ngày dạng YYYY-MM-DD")
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise RuleSetError(f"{where}: ngày không hợp lệ '{value}'") from exc


def _parameter(key: str, raw: Any, where: str) -> Parameter:
    if not isinstance(raw, Mapping):
        raise RuleSetError(f"{where}: tham số '{key}' phải là một đối tượng")
    missing = [f for f in PARAM_FIELDS if f not in raw]
    if missing:
        raise RuleSetError(f"{where}: tham số '{key}' thiếu trường {', '.join(missing)}")
    if raw["status"] not in STATUSES:
        raise RuleSetError(f"{where}: tham số '{key}' có status không hợp lệ '{raw['status']}'")
    return Parameter(
        key, raw["value"], str(raw["unit"]), str(raw["legal_basis"]), raw["status"], raw["label"]
    )


CODE_PATTERN = re.compile(r"^[A-Z][A-Z0-9_]{1,39}$")
_SET_FIELDS = frozenset(
    {
        "code",
        "name",
        "effective_from",
        "effective_to",
        "legal_bases",
        "overrides",
        "citations",
        "criteria",
        "based_on",
        "transition",
        "documents",  # the decision's legal bases and report forms (issue 20)
        "note",
        "_note",
    }
)


def _mapping(value: Any, where: str) -> Mapping[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise RuleSetError(f"{where} phải là một đối tượng JSON")
    return value


def _transition(raw: Any, where: str) -> Transition | None:
    if raw is None:
        return None
    raw = _mapping(raw, f"{where}: transition")
    basis = str(raw.get("legal_basis") or "").strip()
    if not basis:
        raise RuleSetError(f"{where}: transition cần căn cứ pháp lý (legal_basis)")
    return Transition(_date(raw.get("received_before"), f"{where}: transition"), basis)


def _merged_sets(data: Mapping[str, Any], extra: Iterable[tuple[Mapping[str, Any], str]]) -> list:
    """The raw sets of ``data`` then those of the files (``(raw, file name)``), each with
    the raw set it is based on resolved (a file's set without ``based_on``: the set in force
    the day before it starts)."""
    raws: list[tuple[dict[str, Any], str]] = [
        (dict(raw), "shipped") for raw in data["rule_sets"] if isinstance(raw, Mapping)
    ]
    if len(raws) != len(data["rule_sets"]):
        raise RuleSetError("rule_sets: mỗi bộ quy tắc phải là một đối tượng JSON")
    for raw, source in extra:
        if not isinstance(raw, Mapping):
            raise RuleSetError(f"{source}: mỗi bộ quy tắc phải là một đối tượng JSON")
        item = dict(raw)
        if "based_on" not in item and "effective_from" in item:
            start = str(item["effective_from"])
            before = [
                r
                for r, _s in raws
                if str(r.get("effective_from", "")) < start
                and (r.get("effective_to") is None or str(r["effective_to"]) >= start)
            ] or [r for r, _s in raws if str(r.get("effective_from", "")) < start]
            if before:
                item["based_on"] = max(before, key=lambda r: str(r["effective_from"]))["code"]
        raws.append((item, source))
    return raws


def _resolve(raw: Mapping[str, Any], by_code: Mapping[str, Mapping[str, Any]], where: str) -> dict:
    """``raw`` with the overrides, citations and criteria of the sets it is based on."""
    chain: list[Mapping[str, Any]] = [raw]
    seen = {raw.get("code")}
    base = raw.get("based_on")
    while base is not None:
        if base not in by_code:
            raise RuleSetError(f"{where}: based_on '{base}' không phải bộ quy tắc đã có")
        if base in seen:
            raise RuleSetError(f"{where}: based_on vòng lặp qua '{base}'")
        seen.add(base)
        chain.append(by_code[base])
        base = by_code[base].get("based_on")
    out: dict[str, Any] = {"overrides": {}, "citations": {}, "criteria": {}}
    for item in reversed(chain):
        for section in ("overrides", "citations", "criteria"):
            out[section].update(_mapping(item.get(section), f"{where}: {section}"))
    return out


def parse_rule_sets(
    data: Mapping[str, Any],
    words: Words = NO_WORDS,
    extra: Iterable[tuple[Mapping[str, Any], str]] = (),
) -> RuleSets:
    """Build and validate the rule sets from the parsed JSON of ``rules.json``; ``words``
    gives the names the explanations use (see :func:`app.domain.eligibility.words.words_from`);
    ``extra``: sets loaded from files, as ``(raw set, file name)``, placed by their dates (an
    open-ended set before one ends the day before it starts)."""
    from app.domain.eligibility.criteria import check_criteria  # criteria imports RuleSet

    if not isinstance(data, Mapping):
        raise RuleSetError("Dữ liệu quy tắc phải là một đối tượng JSON")
    for section in ("parameters", "citations", "rule_sets"):
        if section not in data:
            raise RuleSetError(f"Dữ liệu quy tắc thiếu mục '{section}'")
    base = {k: _parameter(k, v, "parameters") for k, v in data["parameters"].items()}
    missing = sorted(REQUIRED_PARAMETERS - base.keys())
    if missing:
        raise RuleSetError(f"Thiếu tham số: {', '.join(missing)}")
    base_cit = dict(data["citations"])
    base_criteria = dict(_mapping(data.get("criteria"), "criteria"))
    raws = _merged_sets(data, extra)
    by_code: dict[str, Mapping[str, Any]] = {}
    for i, (raw, _source) in enumerate(raws):
        code = raw.get("code")
        if not isinstance(code, str) or not code:
            raise RuleSetError(f"rule_sets[{i}]: thiếu trường 'code'")
        if code in by_code:
            raise RuleSetError(f"Bộ quy tắc {code} có hai lần")
        by_code[code] = raw
    sets: list[RuleSet] = []
    for i, (raw, source) in enumerate(raws):
        where = f"rule_sets[{i}]"
        for f in ("code", "name", "effective_from", "legal_bases"):
            if f not in raw:
                raise RuleSetError(f"{where}: thiếu trường '{f}'")
        where = f"Bộ quy tắc {raw['code']}"
        if source != "shipped":
            unknown = sorted(set(raw) - _SET_FIELDS)
            if unknown:
                raise RuleSetError(f"{where}: trường không hợp lệ {', '.join(unknown)}")
            if not CODE_PATTERN.match(str(raw["code"])):
                raise RuleSetError(
                    f"{where}: mã chỉ gồm chữ in hoa không dấu, chữ số và dấu gạch dưới"
                )
        if not str(raw["name"]).strip():
            raise RuleSetError(f"{where}: thiếu tên")
        bases = raw["legal_bases"]
        if (
            not isinstance(bases, list)
            or not bases
            or not all(isinstance(b, str) and b.strip() for b in bases)
        ):
            raise RuleSetError(f"{where}: legal_bases cần danh sách căn cứ pháp lý")
        start = _date(raw["effective_from"], where)
        end = raw.get("effective_to")
        end_date = None if end is None else _date(end, where)
        if end_date is not None and end_date < start:
            raise RuleSetError(f"{where}: ngày hết hiệu lực trước ngày có hiệu lực")
        merged_raw = _resolve(raw, by_code, where)
        params = dict(base)
        for key, over in merged_raw["overrides"].items():
            if key not in base:
                raise RuleSetError(f"{where}: ghi đè tham số không tồn tại '{key}'")
            merged = {f: getattr(base[key], f) for f in PARAM_FIELDS} | dict(
                _mapping(over, f"{where}: ghi đè '{key}'")
            )
            params[key] = _parameter(key, merged, where)
        citations = base_cit | merged_raw["citations"]
        missing_cit = sorted(REQUIRED_CITATIONS - citations.keys())
        if missing_cit:
            raise RuleSetError(f"{where}: thiếu trích dẫn {', '.join(missing_cit)}")
        empty = sorted(k for k, v in citations.items() if not str(v or "").strip())
        if empty:
            raise RuleSetError(f"{where}: trích dẫn rỗng {', '.join(empty)}")
        criteria = {
            title: copy.deepcopy(expr)
            for title, expr in (base_criteria | merged_raw["criteria"]).items()
            if expr is not None  # null: back to the title's rule in code
        }
        rule_set = RuleSet(
            code=raw["code"],
            name=str(raw["name"]).strip(),
            effective_from=start,
            effective_to=end_date,
            legal_bases=tuple(bases),
            parameters=MappingProxyType(params),
            citations=MappingProxyType(citations),
            words=words,
            criteria=MappingProxyType(criteria),
            transition=_transition(raw.get("transition"), where),
            source=source,
        )
        problems = check_criteria(rule_set)
        if problems:
            raise RuleSetError(f"{where}: " + "; ".join(problems))
        sets.append(rule_set)
    sets.sort(key=lambda s: s.effective_from)
    for i, (prev, nxt) in enumerate(zip(sets, sets[1:], strict=False)):
        if prev.effective_to is None and prev.effective_from < nxt.effective_from:
            # an open-ended set ends the day before the next one starts
            sets[i] = replace(prev, effective_to=nxt.effective_from - timedelta(days=1))
        elif prev.effective_to is None or prev.effective_to >= nxt.effective_from:
            raise RuleSetError(f"Bộ quy tắc {prev.code} và {nxt.code} chồng lấn thời gian")
    done = tuple(sets)
    for rule_set in done:  # each set finds the one a year was graded under
        object.__setattr__(rule_set, "others", done)
        rule_set._derived.clear()
    sel = data.get("year_selection") or {}
    try:
        month, day = int(sel.get("month", 12)), int(sel.get("day", 31))
        date(2000, month, day)
    except (TypeError, ValueError) as exc:
        raise RuleSetError("year_selection: tháng/ngày không hợp lệ") from exc
    return RuleSets(done, month, day)
