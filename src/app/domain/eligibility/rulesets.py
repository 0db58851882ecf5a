"""Rule sets: the parameters of the eligibility rules, versioned by effective date.

The data lives in ``resources/data/rules.json`` (the service layer reads the file; this
module only parses the dict). Layout:

* ``parameters``: every parameter with ``value``, ``unit``, ``legal_basis``, ``status``
  (``verified`` / ``UNVERIFIED`` / ``practice``) and a Vietnamese ``label``;
* ``citations``: the legal citation printed after each explanation, by topic;
* ``rule_sets``: each with ``code``, ``name``, ``effective_from``, ``effective_to`` (or null),
  ``legal_bases`` and ``overrides`` (per parameter: any of value / legal_basis / status) and
  ``citations`` overrides;
* ``year_selection``: ``month`` and ``day``. The review of year ``Y`` happens at the end of
  ``Y``, so :meth:`RuleSets.for_year` uses the set in force on that day of ``Y``
  (default 31/12/Y, domain.md §2.3).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType
from typing import Any

from app.domain.eligibility.words import NO_WORDS, Words

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
    }
)
REQUIRED_CITATIONS = frozenset(
    {
        "HOLD",
        "DISCIPLINE",
        "PENALTY_END",
        "GRADE",
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


class RuleSetError(ValueError):
    """The rule data is malformed; the message says where."""


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

    def with_values(self, **values: Any) -> RuleSet:
        """A copy with some parameter values changed (settings screen, tests)."""
        params = dict(self.parameters)
        for key, value in values.items():
            if key not in params:
                raise KeyError(f"Bộ quy tắc {self.code} không có tham số '{key}'")
            old = params[key]
            params[key] = Parameter(key, value, old.unit, old.legal_basis, old.status, old.label)
        return RuleSet(
            self.code,
            self.name,
            self.effective_from,
            self.effective_to,
            self.legal_bases,
            MappingProxyType(params),
            self.citations,
            self.words,
        )

    def with_words(self, words: Words) -> RuleSet:
        """A copy whose explanations use ``words`` (names from the code tables)."""
        return RuleSet(
            self.code,
            self.name,
            self.effective_from,
            self.effective_to,
            self.legal_bases,
            self.parameters,
            self.citations,
            words,
        )


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


def parse_rule_sets(data: Mapping[str, Any], words: Words = NO_WORDS) -> RuleSets:
    """Build and validate the rule sets from the parsed JSON of ``rules.json``; ``words``
    gives the names the explanations use (see :func:`app.domain.eligibility.words.words_from`)."""
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
    sets: list[RuleSet] = []
    for i, raw in enumerate(data["rule_sets"]):
        where = f"rule_sets[{i}]"
        for f in ("code", "name", "effective_from", "legal_bases"):
            if f not in raw:
                raise RuleSetError(f"{where}: thiếu trường '{f}'")
        where = f"Bộ quy tắc {raw['code']}"
        start = _date(raw["effective_from"], where)
        end = raw.get("effective_to")
        end_date = None if end is None else _date(end, where)
        if end_date is not None and end_date < start:
            raise RuleSetError(f"{where}: ngày hết hiệu lực trước ngày có hiệu lực")
        params = dict(base)
        for key, over in (raw.get("overrides") or {}).items():
            if key not in base:
                raise RuleSetError(f"{where}: ghi đè tham số không tồn tại '{key}'")
            merged = {f: getattr(base[key], f) for f in PARAM_FIELDS} | dict(over)
            params[key] = _parameter(key, merged, where)
        citations = base_cit | dict(raw.get("citations") or {})
        missing_cit = sorted(REQUIRED_CITATIONS - citations.keys())
        if missing_cit:
            raise RuleSetError(f"{where}: thiếu trích dẫn {', '.join(missing_cit)}")
        sets.append(
            RuleSet(
                code=raw["code"],
                name=raw["name"],
                effective_from=start,
                effective_to=end_date,
                legal_bases=tuple(raw["legal_bases"]),
                parameters=MappingProxyType(params),
                citations=MappingProxyType(citations),
                words=words,
            )
        )
    sets.sort(key=lambda s: s.effective_from)
    for prev, nxt in zip(sets, sets[1:], strict=False):
        if prev.effective_to is None or prev.effective_to >= nxt.effective_from:
            raise RuleSetError(f"Bộ quy tắc {prev.code} và {nxt.code} chồng lấn thời gian")
    sel = data.get("year_selection") or {}
    try:
        month, day = int(sel.get("month", 12)), int(sel.get("day", 31))
        date(2000, month, day)
    except (TypeError, ValueError) as exc:
        raise RuleSetError("year_selection: tháng/ngày không hợp lệ") from exc
    return RuleSets(tuple(sets), month, day)
