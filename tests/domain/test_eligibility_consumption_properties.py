"""Property tests of one achievement, one reward (hypothesis).

* No initiative supports two awards: a verdict never counts an initiative another award holds,
  and over a simulated career (each year: the titles found eligible are awarded, with one
  higher title or form picked at random) no initiative rests two awards.
* No year is consumed twice: a verdict never counts an achievement year an earlier award of
  its group rested on, and over the simulated career the years the awards of one group rest
  on never overlap.
"""

from __future__ import annotations

from dataclasses import replace
from itertools import combinations

from hypothesis import assume, given, settings
from hypothesis import strategies as st
from test_eligibility_properties import people
from test_eligibility_support import rules

from app.domain.eligibility import (
    PERSON_TITLES,
    AwardInfo,
    GradeInfo,
    InitiativeInfo,
    InitiativeUseInfo,
    PersonHistory,
    RuleSet,
    Verdict,
    evaluate_person,
    evaluate_person_all,
)
from app.domain.eligibility.common import TITLE_CODES
from app.domain.eligibility.consumption import (
    BASIS_CSTD,
    BASIS_CSTDCS,
    initiative_consumers,
    year_consumers,
)

Y = 2025
R = rules(Y)
FIRST = 2016
HIGHER = ("CSTD_TINH", "CSTD_BO", "CSTDTQ", "BK_TINH", "BK_BO", "BK_TTG")


# --- a single evaluation: what a verdict counts is free -------------------------------------


def holding_uses(ini: InitiativeInfo, title: str, year: int, r: RuleSet) -> list:
    """Uses that make ``ini`` unavailable to ``title`` of ``year``, written from the rule's
    wording rather than from the engine's helpers."""
    out = []
    for u in ini.used_for:
        this_award = u.code == title and u.year == year
        other_year_proposal = not u.issued and u.year != year
        titles_may_share = (
            r.param("initiative_reuse_between_titles")
            and title in TITLE_CODES
            and u.code in TITLE_CODES
        )
        if u.code in initiative_consumers(r) and not (
            this_award or other_year_proposal or titles_may_share
        ):
            out.append(u)
    return out


def earlier_consumer(h: PersonHistory, basis: str, title: str, y: int, year: int, r: RuleSet):
    for a in h.awards:
        if a.revoked or a.award_type != "CONG_TRANG" or a.code not in year_consumers(r, basis):
            continue
        if a.code == title and a.year == year:
            continue
        end = a.period_to if a.period_to is not None else a.year
        if end is not None and y <= end:
            return a
    return None


@settings(max_examples=200, deadline=None)
@given(people)
def test_no_verdict_counts_a_used_initiative_or_year(h) -> None:
    assume(len({i.id for i in h.initiatives}) == len(h.initiatives))  # ids are a person's own
    out = evaluate_person_all(h, Y, R)
    by_id = {i.id: i for i in h.initiatives}
    for title in PERSON_TITLES:
        for v in (out[title], evaluate_person(h, title, Y, R)):
            for iid in v.initiatives:
                assert not holding_uses(by_id[iid], title, Y, R), (title, iid)
            for basis, y in v.consumed:
                assert earlier_consumer(h, basis, title, y, Y, R) is None, (title, basis, y)
    # a title awarded with a higher one keeps its initiatives for itself
    cs = set(out["CSTDCS"].initiatives) if out["CSTDCS"].eligible else set()
    for title in PERSON_TITLES:
        if title != "CSTDCS" and out[title].eligible:
            assert cs.isdisjoint(out[title].initiatives), title


# --- a career: awards year after year ----------------------------------------------------------

GRADES = st.sampled_from(["HTXSNV", "HTXSNV", "HTXSNV", "HTTNV", "HTTNV", "HTNV"])
career_initiatives = st.lists(
    st.builds(
        InitiativeInfo,
        id=st.integers(1, 40),
        scope=st.sampled_from(["PV_CO_SO", "PV_CO_SO", "PV_TINH", "PV_BO", "PV_TOAN_QUOC"]),
        year=st.integers(FIRST - 2, Y),
    ),
    max_size=10,
    unique_by=lambda i: i.id,
)
careers = st.builds(
    lambda grades, inis: PersonHistory(
        person_id=1,
        gender="NU",
        active=True,
        grades={FIRST - 2 + i: GradeInfo(g) for i, g in enumerate(grades)},
        initiatives=tuple(inis),
    ),
    st.lists(GRADES, min_size=Y - FIRST + 3, max_size=Y - FIRST + 3),
    career_initiatives,
)
picks = st.lists(st.integers(0, 6), min_size=Y - FIRST + 1, max_size=Y - FIRST + 1)


def grant(h: PersonHistory, code: str, year: int, v: Verdict) -> PersonHistory:
    """``h`` after ``code`` of ``year`` was awarded on verdict ``v`` (its period: the years it
    rests on; its initiatives recorded as used)."""
    years = sorted(y for _b, y in v.consumed)
    award = AwardInfo(code, year, period_from=years[0] if years else None)
    used = set(v.initiatives)
    inis = tuple(
        replace(i, used_for=(*i.used_for, InitiativeUseInfo(code, year))) if i.id in used else i
        for i in h.initiatives
    )
    return replace(h, awards=(*h.awards, award), initiatives=inis)


def career(h: PersonHistory, choices: list[int], r: RuleSet) -> list[tuple[str, int, Verdict]]:
    """Every year: LĐTT and CSTĐCS when eligible, and one eligible higher title or form by
    ``choices`` (0: none, n: the n-th eligible one, cyclically; CSTĐTQ comes with the CSTĐ
    tỉnh/bộ of the year it may rest on)."""
    awarded: list[tuple[str, int, Verdict]] = []
    for index, year in enumerate(range(FIRST, Y + 1)):
        out = evaluate_person_all(h, year, r)
        todo = [t for t in ("LDTT", "CSTDCS") if out[t].eligible]
        higher = [t for t in HIGHER if out[t].eligible]
        if choices[index] and higher:
            chosen = higher[(choices[index] - 1) % len(higher)]
            if chosen == "CSTDTQ":
                todo += [t for t in ("CSTD_TINH", "CSTD_BO") if out[t].eligible][:1]
            todo.append(chosen)
        for code in todo:
            awarded.append((code, year, out[code]))
            h = grant(h, code, year, out[code])
    return awarded


def shared_initiatives(awarded: list[tuple[str, int, Verdict]], r: RuleSet) -> list:
    out = []
    for (c1, y1, v1), (c2, y2, v2) in combinations(awarded, 2):
        titles = c1 in TITLE_CODES and c2 in TITLE_CODES
        if titles and r.param("initiative_reuse_between_titles"):
            continue
        common = set(v1.initiatives) & set(v2.initiatives)
        if common:
            out.append(((c1, y1), (c2, y2), common))
    return out


def shared_years(awarded: list[tuple[str, int, Verdict]], r: RuleSet) -> list:
    out = []
    for basis in (BASIS_CSTDCS, BASIS_CSTD):
        group = year_consumers(r, basis)
        mine = [(c, y, {yy for _b, yy in v.consumed}) for c, y, v in awarded if c in group]
        for (c1, y1, s1), (c2, y2, s2) in combinations(mine, 2):
            if s1 & s2:
                out.append(((c1, y1), (c2, y2), s1 & s2))
    return out


@settings(max_examples=150, deadline=None)
@given(careers, picks)
def test_no_initiative_supports_two_awards(h, choices) -> None:
    assert shared_initiatives(career(h, choices, R), R) == []


@settings(max_examples=150, deadline=None)
@given(careers, picks)
def test_no_year_is_consumed_twice(h, choices) -> None:
    assert shared_years(career(h, choices, R), R) == []


# --- the checks can fail ---------------------------------------------------------------------


def busy_career() -> tuple[PersonHistory, list[int]]:
    """HTXSNV every year, initiatives of every scope: many awards on initiatives and years."""
    grades = {y: GradeInfo("HTXSNV" if y % 3 else "HTTNV") for y in range(FIRST - 2, Y + 1)}
    scopes = ["PV_CO_SO", "PV_TINH", "PV_TOAN_QUOC"]
    inis = tuple(
        InitiativeInfo(n, scopes[n % 3], FIRST - 2 + n % (Y - FIRST + 3)) for n in range(1, 25)
    )
    h = PersonHistory(1, "NAM", True, grades, initiatives=inis)
    return h, [0, 0, 1, 0, 1, 0, 1, 0, 0, 1]


def test_the_busy_career_awards_on_initiatives_and_years() -> None:
    h, choices = busy_career()
    awarded = career(h, choices, R)
    codes = {c for c, _y, _v in awarded}
    assert {"CSTDCS", "BK_TINH", "CSTD_TINH"} <= codes
    assert sum(bool(v.initiatives) for _c, _y, v in awarded) >= 5
    assert shared_initiatives(awarded, R) == [] and shared_years(awarded, R) == []


def test_checks_find_reuse_when_the_rules_allow_it() -> None:
    """With the years switch off and uses ignored, the same career shares years and
    initiatives: the properties above would catch an engine that forgot them."""
    h, choices = busy_career()
    lax = R.with_values(
        cstd_exclude_used_years=False,
        achievement_consumption={"years": {}, "initiatives": []},
    )
    awarded = career(h, choices, lax)
    assert shared_years(awarded, R) != []
    assert shared_initiatives(awarded, R) != []
