"""The Cờ thi đua condition "dẫn đầu cụm, khối thi đua" read from the clusters entered
(domain.md §15, rule 7; issue 12, point 6).

Only clusters of the organiser the title names count (Cờ thi đua tỉnh: those of the UBND tỉnh;
Cờ thi đua bộ: those of the Bộ; rule-set parameters). The condition is

- met when the unit leads one of them in the year (``DAN_DAU``; ``SUY_TON`` too with the
  parameter ``co_suy_ton_counts``);
- needs review when a result is not entered yet, or when no cluster of that organiser is
  recorded for the year at all;
- not met when its results are entered and none leads, or when the year's clusters of that
  organiser are recorded and the unit is in none of them.
"""

from __future__ import annotations

from app.domain.clusters import ORGANISERS, RESULTS
from app.domain.eligibility.model import ClusterResult, Condition, UnitHistory
from app.domain.eligibility.rulesets import RuleSet

KEY = "CLUSTER"

_ORGANISER_PARAM = {"CO_TINH": "co_tinh_cluster_organiser", "CO_BO": "co_bo_cluster_organiser"}


def _organised_by(organiser: str) -> str:
    return f"do {ORGANISERS.get(organiser, organiser)} tổ chức"


def _names(items: list[ClusterResult]) -> str:
    return ", ".join(c.cluster for c in items)


def cluster_condition(h: UnitHistory, title: str, year: int, rules: RuleSet) -> Condition:
    cite = rules.cite("CO")
    organiser = str(rules.param(_ORGANISER_PARAM[title]))
    by = _organised_by(organiser)
    leading_codes = {"DAN_DAU"} | ({"SUY_TON"} if rules.param("co_suy_ton_counts") else set())
    this_year = [c for c in h.clusters if c.year == year]
    mine = [c for c in this_year if c.organiser == organiser]
    others = [c for c in this_year if c.organiser != organiser]
    leading = [c for c in mine if c.result in leading_codes]
    if leading:
        c = leading[0]
        verb = "Dẫn đầu" if c.result == "DAN_DAU" else "Được suy tôn tại"
        return Condition(KEY, f"{verb} {c.cluster} năm {year} ({by})", True, cite)
    missing = [c for c in mine if c.result is None]
    if missing:
        return Condition(
            KEY,
            f"Chưa nhập kết quả bình xét của {_names(missing)} năm {year} ({by})",
            None,
            cite,
        )
    if mine:
        results = "; ".join(f"{c.cluster}: {RESULTS.get(c.result or '', c.result)}" for c in mine)
        return Condition(
            KEY,
            f"Không dẫn đầu cụm, khối thi đua {by} năm {year} ({results})",
            False,
            cite,
        )
    aside = ""
    if others:
        listed = ", ".join(f"{c.cluster} {_organised_by(c.organiser)}" for c in others)
        aside = f"; {listed} không được tính"
    if (year, organiser) in h.clusters_entered:
        return Condition(
            KEY,
            f"Không là thành viên cụm, khối thi đua nào {by} năm {year}{aside}",
            False,
            cite,
        )
    return Condition(
        KEY,
        f"Chưa nhập cụm, khối thi đua {by} năm {year} (Bình xét > Cụm, khối thi đua){aside}",
        None,
        cite,
    )
