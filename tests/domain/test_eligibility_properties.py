"""Invariants of the eligibility engine, checked on random histories (hypothesis)."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st
from test_eligibility_support import rules

from app.domain.eligibility import (
    PERSON_TITLES,
    UNIT_TITLES,
    VERDICT_ELIGIBLE,
    VERDICT_NEEDS_REVIEW,
    VERDICT_NOT_ELIGIBLE,
    AwardInfo,
    DisciplineInfo,
    GradeInfo,
    InitiativeInfo,
    InitiativeUseInfo,
    MemberSummary,
    PersonHistory,
    UnitHistory,
    evaluate_person,
    evaluate_person_all,
    evaluate_unit,
)

Y = 2025
R = rules(Y)
GRADES = ["HTXSNV", "HTTNV", "HTNV", "KHTNV", "KXL"]
YEARS = st.integers(2018, Y)

awards = st.builds(
    AwardInfo,
    code=st.sampled_from(
        [
            "CSTDCS",
            "LDTT",
            "CSTD_TINH",
            "CSTD_BO",
            "BK_TINH",
            "BK_TTG",
            "KNC_NNMT",
            "KNC_TNMT",
            "TTLDXS",
        ]
    ),
    year=YEARS,
    award_type=st.sampled_from(["CONG_TRANG", "CONG_TRANG", "DOT_XUAT", "CHUYEN_DE"]),
    revoked=st.booleans(),
)
disciplines = st.builds(
    DisciplineInfo,
    kind=st.sampled_from(["KHIEN_TRACH", "CANH_CAO", "DIEU_TRA"]),
    start=st.dates(date(2018, 1, 1), date(2025, 12, 31)),
    end=st.none() | st.dates(date(2018, 1, 1), date(2026, 12, 31)),
    severity=st.integers(0, 3),
    is_hold=st.booleans(),
    cleared=st.booleans(),
    concluded_on=st.none() | st.dates(date(2018, 1, 1), date(2026, 12, 31)),
    violation=st.booleans(),
)
initiatives = st.builds(
    InitiativeInfo,
    id=st.integers(1, 99),
    scope=st.sampled_from(["PV_CO_SO", "PV_TINH", "PV_BO", "PV_TOAN_QUOC"]),
    year=YEARS,
    used_for=st.lists(
        st.builds(
            InitiativeUseInfo,
            st.sampled_from(["CSTDCS", "BK_TINH", "CSTD_TINH"]),
            YEARS,
            st.booleans(),
        ),
        max_size=2,
    ).map(tuple),
    title=st.sampled_from(["", "Số hóa hồ sơ"]),
)
people = st.builds(
    PersonHistory,
    person_id=st.just(1),
    gender=st.sampled_from(["NAM", "NU", None]),
    active=st.booleans(),
    grades=st.dictionaries(
        YEARS,
        st.builds(GradeInfo, st.sampled_from(GRADES), st.none() | st.integers(0, 12)),
        max_size=8,
    ),
    awards=st.lists(awards, max_size=8).map(tuple),
    disciplines=st.lists(disciplines, max_size=2).map(tuple),
    initiatives=st.lists(initiatives, max_size=3).map(tuple),
    sector_start=st.none() | st.dates(date(1980, 1, 1), date(Y, 12, 31)),
    sector_break_months=st.none() | st.integers(0, 60),
    remote_area_years=st.none() | st.integers(0, 10),
    death_date=st.none() | st.dates(date(2020, 1, 1), date(Y + 1, 12, 31)),
    manual_unmet=st.frozensets(
        st.sampled_from(["LDTT_TINH_THAN", "BK_GUONG_MAU", "GK_THANH_TICH"]), max_size=1
    ),
)
units = st.builds(
    UnitHistory,
    unit_id=st.just(1),
    grades=st.dictionaries(YEARS, st.sampled_from(GRADES), max_size=8),
    awards=st.lists(awards, max_size=4).map(tuple),
    members=st.lists(
        st.builds(
            MemberSummary,
            st.integers(1, 999),
            st.none() | st.sampled_from(GRADES),
            st.booleans(),
            st.booleans(),
            st.integers(0, 3),
        ),
        max_size=12,
    ).map(tuple),
    manual_unmet=st.frozensets(st.sampled_from(["TT_DOAN_KET", "CO_DAN_DAU_CUM"]), max_size=1),
)


def check_consistent(v) -> None:
    mets = [c.met for c in v.conditions]
    if v.verdict == VERDICT_ELIGIBLE:
        assert all(m is True for m in mets)
        assert v.explanation == "Đủ điều kiện"
    elif v.verdict == VERDICT_NEEDS_REVIEW:
        assert None in mets and False not in mets
    else:
        assert v.verdict == VERDICT_NOT_ELIGIBLE and False in mets
        assert v.explanation.endswith(v.unmet[0].citation)
    for c in v.conditions:
        assert c.citation
        if c.manual:
            assert c.met is not None


@settings(max_examples=150, deadline=None)
@given(people)
def test_person_verdicts_consistent(h) -> None:
    out = evaluate_person_all(h, Y, R)
    assert set(out) == set(PERSON_TITLES)
    for v in out.values():
        check_consistent(v)


@settings(max_examples=150, deadline=None)
@given(units)
def test_unit_verdicts_consistent(h) -> None:
    for title in UNIT_TITLES:
        check_consistent(evaluate_unit(h, title, Y, R))


def counted_cstdcs(h: PersonHistory, year: int) -> bool:
    return any(
        a.code == "CSTDCS" and a.year == year and not a.revoked and a.award_type == "CONG_TRANG"
        for a in h.awards
    )


@settings(max_examples=200, deadline=None)
@given(people, st.booleans())
def test_cstd_tinh_needs_cstdcs_in_previous_years(h, provisional) -> None:
    prov = frozenset({"CSTDCS"}) if provisional else frozenset()
    v = evaluate_person(h, "CSTD_TINH", Y, R, prov)
    if v.eligible:
        for year in (Y - 2, Y - 1):
            assert counted_cstdcs(h, year)
        assert provisional or counted_cstdcs(h, Y)


@settings(max_examples=100, deadline=None)
@given(people)
def test_marking_manual_unmet_never_helps(h) -> None:
    for title in PERSON_TITLES:
        before = evaluate_person(h, title, Y, R)
        keys = {c.key for c in before.conditions if c.manual}
        if not keys:
            continue
        marked = PersonHistory(**{**h.__dict__, "manual_unmet": h.manual_unmet | keys})
        after = evaluate_person(marked, title, Y, R)
        assert after.verdict == VERDICT_NOT_ELIGIBLE


@settings(max_examples=100, deadline=None)
@given(people)
def test_revoked_and_adhoc_awards_never_count(h) -> None:
    stripped = PersonHistory(
        **{
            **h.__dict__,
            "awards": tuple(a for a in h.awards if not a.revoked and a.award_type == "CONG_TRANG"),
        }
    )
    # KNC_NNMT "once" and predecessor warnings read any non-revoked award, not only merit ones
    for title in ("CSTDCS", "CSTD_TINH", "CSTD_BO", "CSTDTQ", "BK_TINH", "BK_TTG"):
        a = evaluate_person(h, title, Y, R)
        b = evaluate_person(stripped, title, Y, R)
        assert a.verdict == b.verdict
