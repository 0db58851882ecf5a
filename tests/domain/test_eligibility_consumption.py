"""One achievement, one reward: initiatives used once (X6), achievement years used once (X5,
domain.md §12.1), on both sides of each boundary, with the Vietnamese explanations."""

from __future__ import annotations

import pytest
from test_eligibility_support import cstdcs, person, rules

from app.domain.eligibility import (
    VERDICT_NOT_ELIGIBLE,
    AwardInfo,
    InitiativeInfo,
    InitiativeUseInfo,
    evaluate_person,
    evaluate_person_all,
)
from app.domain.eligibility.consumption import (
    BASIS_CSTD,
    BASIS_CSTDCS,
    BASIS_HTXSNV,
    initiative_consumers,
    year_consumers,
)

Y = 2025
R = rules(Y)
X5 = "Luật TĐKT 2022, Điều 5 khoản 2 điểm c"
X6 = "Công văn 5007/BNV-TĐKT (2023), Mục III.5.c"
XS = R.words.grade("HTXSNV")  # the grade in words, as explanations print it


def ini(id, scope="PV_CO_SO", year=Y, *uses: InitiativeUseInfo, title=None):
    return InitiativeInfo(id, scope, year, used_for=uses, title=title or f"Sáng kiến {id}")


def use(code, year=Y - 1, issued=True):
    return InitiativeUseInfo(code, year, issued)


def cond(verdict, key):
    return next(c for c in verdict.conditions if c.key == key)


# --- the parameter ---------------------------------------------------------------------------


def test_parameter_is_data_with_citation_and_mark() -> None:
    param = R.parameter("achievement_consumption")
    assert param.unverified
    assert "Điều 5" in param.legal_basis and "5007/BNV-TĐKT" in param.legal_basis
    group = {"CSTD_TINH", "CSTD_BO", "BK_TINH", "BK_BO", "BK_TTG"}
    assert year_consumers(R, BASIS_CSTDCS) == group
    assert year_consumers(R, BASIS_HTXSNV) == group
    assert year_consumers(R, BASIS_CSTD) == {"CSTDTQ"}
    assert {"CSTDCS", "CSTD_TINH", "CSTDTQ", "BK_TINH"} <= initiative_consumers(R)
    assert R.cite("X5") == X5 and R.cite("X6") == X6
    off = R.with_values(cstd_exclude_used_years=False)
    assert year_consumers(off, BASIS_CSTDCS) == frozenset()


# --- initiatives (X6) ------------------------------------------------------------------------

CS_GRADE = {Y: "HTTNV"}  # CSTĐCS then rests on an initiative, not on HTXSNV


def test_cstdcs_free_initiative_is_named() -> None:
    v = evaluate_person(
        person(CS_GRADE, initiatives=[ini(1, title="Số hóa hồ sơ")]), "CSTDCS", Y, R
    )
    assert v.eligible and v.initiatives == (1,)
    assert cond(v, "ROUTE").text == (
        "Có sáng kiến/đề tài phạm vi cơ sở trở lên: sáng kiến 'Số hóa hồ sơ'"
    )


def test_initiative_used_for_an_earlier_award_names_it() -> None:
    h = person(CS_GRADE, initiatives=[ini(1, "PV_CO_SO", Y, use("CSTDCS"), title="X")])
    v = evaluate_person(h, "CSTDCS", Y, R)
    assert v.verdict == VERDICT_NOT_ELIGIBLE and v.initiatives == ()
    assert "sáng kiến 'X' đã dùng cho CSTĐCS 2024" in v.explanation
    assert "chưa sử dụng" not in v.explanation
    assert v.explanation.endswith(f"Luật TĐKT 2022, Điều 23; {X6}")


def test_use_for_this_very_award_counts() -> None:
    # the clerk's choice on this proposal, or the award already issued for it
    for issued in (False, True):
        h = person(CS_GRADE, initiatives=[ini(1, "PV_CO_SO", Y, use("CSTDCS", Y, issued))])
        v = evaluate_person(h, "CSTDCS", Y, R)
        assert v.eligible and v.initiatives == (1,)


def test_choice_on_another_proposal_of_the_year_holds_the_initiative() -> None:
    h = person(CS_GRADE, initiatives=[ini(1, "PV_CO_SO", Y, use("BK_TINH", Y, False), title="X")])
    v = evaluate_person(h, "CSTDCS", Y, R)
    assert not v.eligible
    assert "sáng kiến 'X' đang dùng cho đề nghị Bằng khen tỉnh 2025" in v.explanation


def test_choice_on_an_undecided_proposal_of_another_year_does_not() -> None:
    h = person(CS_GRADE, initiatives=[ini(1, "PV_CO_SO", Y, use("BK_TINH", Y - 1, False))])
    assert evaluate_person(h, "CSTDCS", Y, R).eligible


def test_the_clerks_choice_is_counted_first() -> None:
    both = [ini(1), ini(2, "PV_CO_SO", Y, use("CSTDCS", Y, False))]
    assert evaluate_person(person(CS_GRADE, initiatives=both), "CSTDCS", Y, R).initiatives == (2,)
    # without a choice: the lowest scope first, keeping the wider one for higher titles
    wide = [ini(1, "PV_TINH"), ini(2, "PV_CO_SO")]
    assert evaluate_person(person(CS_GRADE, initiatives=wide), "CSTDCS", Y, R).initiatives == (2,)


def test_title_to_title_reuse_is_a_parameter_form_never() -> None:
    h = person(
        {Y: "HTXSNV", Y - 1: "HTXSNV", Y - 2: "HTXSNV"},
        awards=cstdcs(2023, 2024, 2025),
        initiatives=[ini(1, "PV_TINH", Y, use("CSTDCS"), title="X")],
    )
    v = evaluate_person(h, "CSTD_TINH", Y, R)
    assert cond(v, "INITIATIVE").met is False
    assert "sáng kiến 'X' đã dùng cho CSTĐCS 2024" in cond(v, "INITIATIVE").text
    reuse = R.with_values(initiative_reuse_between_titles=True)
    assert evaluate_person(h, "CSTD_TINH", Y, reuse).eligible
    # a form (Bằng khen) never reuses a title's initiative (Công văn 5007 Mục III.5.c)
    form = person(
        {Y: "HTXSNV", Y - 1: "HTXSNV"},
        initiatives=[ini(1, "PV_CO_SO", Y, use("CSTDCS")), ini(2, "PV_CO_SO", Y - 1)],
    )
    assert not evaluate_person(form, "BK_TINH", Y, reuse).eligible


def test_use_for_an_award_outside_the_parameter_does_not_hold() -> None:
    h = person(CS_GRADE, initiatives=[ini(1, "PV_CO_SO", Y, use("GK_SO"))])
    assert evaluate_person(h, "CSTDCS", Y, R).eligible


def test_bk_on_two_initiatives_already_used_for_cstdcs() -> None:
    """The case of the issue: both initiatives rest CSTĐCS titles; the explanation says so."""
    grades = {Y: "HTXSNV", Y - 1: "HTXSNV"}
    used = [
        ini(1, "PV_CO_SO", Y - 1, use("CSTDCS", Y - 1), title="Số hóa hồ sơ"),
        ini(2, "PV_CO_SO", Y, use("CSTDCS", Y), title="Bản đồ số"),
    ]
    v = evaluate_person(person(grades, initiatives=used), "BK_TINH", Y, R)
    assert v.verdict == VERDICT_NOT_ELIGIBLE
    assert v.explanation == (
        f"Chưa đủ 02 lần liên tục CSTĐCS (có: không năm nào) hoặc 02 năm liên tục {XS} có 02 "
        "sáng kiến (có: 2024, 2025; 00 sáng kiến); sáng kiến 'Số hóa hồ sơ' đã dùng cho CSTĐCS "
        "2024; sáng kiến 'Bản đồ số' đã dùng cho CSTĐCS 2025 - Luật TĐKT 2022, Điều 74; " + X6
    )
    assert "chưa sử dụng" not in v.explanation


@pytest.mark.parametrize("free", [1, 2])
def test_bk_needs_two_unused_initiatives(free) -> None:
    grades = {Y: "HTXSNV", Y - 1: "HTXSNV"}
    inis = [ini(1, "PV_CO_SO", Y - 1, title="A"), ini(2, "PV_CO_SO", Y, title="B")]
    if free == 1:
        inis[0] = ini(1, "PV_CO_SO", Y - 1, use("CSTDCS", Y - 1), title="A")
    v = evaluate_person(person(grades, initiatives=inis), "BK_TINH", Y, R)
    if free == 2:
        assert v.eligible and v.initiatives == (1, 2)
        assert cond(v, "ROUTE").text == (
            f"Có 02 năm liên tục {XS} (2024, 2025) và 02 sáng kiến: 'A', 'B'"
        )
    else:
        assert not v.eligible
        assert "(có: 2024, 2025; 01 sáng kiến: 'B'); sáng kiến 'A' đã dùng cho CSTĐCS 2024" in (
            v.explanation
        )


def test_all_titles_hold_the_provisional_cstdcs_initiative() -> None:
    """CSTĐCS (HTTNV: on an initiative) and CSTĐ tỉnh of the same year never share one."""
    base = {Y: "HTTNV", Y - 1: "HTXSNV", Y - 2: "HTXSNV"}
    one = person(base, awards=cstdcs(2023, 2024), initiatives=[ini(1, "PV_TINH", title="A")])
    out = evaluate_person_all(one, Y, R)
    assert out["CSTDCS"].eligible and out["CSTDCS"].initiatives == (1,)
    assert not out["CSTD_TINH"].eligible
    assert "sáng kiến 'A' đang dùng cho đề nghị CSTĐCS 2025" in out["CSTD_TINH"].explanation
    two = person(
        base,
        awards=cstdcs(2023, 2024),
        initiatives=[ini(1, "PV_TINH", title="A"), ini(2, "PV_CO_SO", title="B")],
    )
    out = evaluate_person_all(two, Y, R)
    assert out["CSTDCS"].initiatives == (2,)
    assert out["CSTD_TINH"].eligible and out["CSTD_TINH"].initiatives == (1,)


def test_cstdtq_does_not_share_the_initiative_of_the_provisional_cstd() -> None:
    grades = {Y: "HTXSNV", Y - 1: "HTXSNV", Y - 2: "HTXSNV"}
    awards = (*cstdcs(2023, 2024), AwardInfo("CSTD_TINH", 2022))
    nat = ini(1, "PV_TOAN_QUOC", title="Quốc gia")
    out = evaluate_person_all(person(grades, awards=awards, initiatives=[nat]), Y, R)
    assert out["CSTD_TINH"].initiatives == (1,)
    assert not out["CSTDTQ"].eligible
    more = [nat, ini(2, "PV_TINH", title="Tỉnh")]
    out = evaluate_person_all(person(grades, awards=awards, initiatives=more), Y, R)
    assert out["CSTD_TINH"].initiatives == (2,)
    assert out["CSTDTQ"].eligible and out["CSTDTQ"].initiatives == (1,)


# --- achievement years (X3, X5) --------------------------------------------------------------


def bk(code="BK_TINH", year=2023, **kw):
    return AwardInfo(code, year, **kw)


@pytest.mark.parametrize(("year", "eligible"), [(2024, False), (2025, True)])
def test_bk_after_bk_counts_only_later_cstdcs(year, eligible) -> None:
    """CSTĐCS years a Bằng khen rested on are not counted again for the next one."""
    h = person({year: "HTTNV"}, awards=(*cstdcs(2022, 2023, 2024, 2025), bk(period_from=2022)))
    v = evaluate_person(h, "BK_TINH", year, rules(year))
    assert v.eligible is eligible
    if eligible:
        assert v.consumed == {(BASIS_CSTDCS, 2024), (BASIS_CSTDCS, 2025)}
    else:
        assert v.explanation == (
            f"Chưa đủ 02 lần liên tục CSTĐCS (có: 2024) hoặc 02 năm liên tục {XS} có 02 sáng "
            "kiến (có: không năm nào; 00 sáng kiến); năm 2023 đã dùng cho Bằng khen tỉnh 2023"
            f" - Luật TĐKT 2022, Điều 74; {X5}"
        )


def test_bk_and_cstd_tinh_agree() -> None:
    """The same years are excluded for CSTĐ tỉnh after a Bằng khen and the other way round."""
    cs = cstdcs(2023, 2024, 2025)
    grades = {y: "HTXSNV" for y in (2023, 2024, 2025)}
    after_bk = person(grades, awards=(*cs, bk(year=2024)), initiatives=[ini(1, "PV_TINH")])
    v = evaluate_person(after_bk, "CSTD_TINH", Y, R)
    assert not v.eligible
    assert v.explanation == (
        "Chưa đủ 03 lần liên tục CSTĐCS (có: 2025); năm 2023, 2024 đã dùng cho Bằng khen tỉnh "
        f"2024 - Luật TĐKT 2022, Điều 22; {X5}"
    )
    after_cstd = person(grades, awards=(*cs, AwardInfo("CSTD_TINH", 2024, period_from=2022)))
    v = evaluate_person(after_cstd, "BK_TINH", Y, R)
    assert not v.eligible and "năm 2024 đã dùng cho CSTĐ tỉnh 2024" in v.explanation
    # without the earlier award both would pass on the same years
    assert evaluate_person(person(grades, awards=cs), "BK_TINH", Y, R).eligible


def test_the_award_being_decided_is_not_an_earlier_one() -> None:
    h = person(
        {Y: "HTXSNV"},
        awards=(*cstdcs(2023, 2024, 2025), AwardInfo("CSTD_TINH", Y, period_from=2023)),
        initiatives=[ini(1, "PV_TINH")],
    )
    assert evaluate_person(h, "CSTD_TINH", Y, R).eligible
    assert not evaluate_person(h, "CSTD_BO", Y, R.with_values(cstd_bo_scopes=["PV_TINH"])).eligible


def test_stated_period_decides_not_the_decision_year() -> None:
    # a Bằng khen of 2025 for achievements up to 2023 used the years up to 2023 only
    late = bk(year=2025, period_from=2022, period_to=2023)
    h = person({Y: "HTTNV"}, awards=(*cstdcs(2024, 2025), late))
    assert evaluate_person(h, "BK_BO", Y, R).eligible


@pytest.mark.parametrize(
    "earlier",
    [bk(year=2024, revoked=True), bk(year=2024, award_type="DOT_XUAT"), bk("GK_SO", 2024)],
)
def test_revoked_adhoc_or_other_awards_consume_nothing(earlier) -> None:
    h = person({Y: "HTTNV"}, awards=(*cstdcs(2024, 2025), earlier))
    assert evaluate_person(h, "BK_TINH", Y, R).eligible


def test_switch_off_counts_years_again() -> None:
    h = person({Y: "HTTNV"}, awards=(*cstdcs(2024, 2025), bk(year=2025 - 1)))
    assert not evaluate_person(h, "BK_TINH", Y, R).eligible
    off = R.with_values(cstd_exclude_used_years=False)
    assert evaluate_person(h, "BK_TINH", Y, off).eligible


@pytest.mark.parametrize(("cutoff", "eligible"), [(2024, False), (2023, True)])
def test_bk_htxsnv_route_years_consumed(cutoff, eligible) -> None:
    grades = {y: "HTXSNV" for y in (2022, 2023, 2024, 2025)}
    h = person(
        grades,
        awards=(bk(year=cutoff),),
        initiatives=[ini(1, "PV_CO_SO", 2024), ini(2, "PV_CO_SO", 2025)],
    )
    v = evaluate_person(h, "BK_TINH", Y, R)
    assert v.eligible is eligible
    if eligible:
        assert v.consumed == {(BASIS_HTXSNV, 2024), (BASIS_HTXSNV, 2025)}
    else:
        assert f"năm 2024 đã dùng cho Bằng khen tỉnh {cutoff}" in v.explanation
        assert v.explanation.endswith(X5)


FIVE = {y: "HTTNV" for y in range(2021, 2026)}


@pytest.mark.parametrize(
    ("cs", "eligible"), [((2021, 2022, 2024), False), ((2023, 2024, 2025), True)]
)
def test_bk_ttg_counts_cstdcs_after_the_prior_bk(cs, eligible) -> None:
    h = person(FIVE, awards=(bk(year=2022, period_from=2021), *cstdcs(*cs)))
    v = evaluate_person(h, "BK_TTG", Y, R)
    assert v.eligible is eligible
    if not eligible:
        assert v.explanation == (
            "Chưa đủ 03 lần CSTĐCS trong 05 năm (có: 2024); năm 2021, 2022 đã dùng cho "
            f"Bằng khen tỉnh 2022 - Luật TĐKT 2022, Điều 73; {X5}"
        )


@pytest.mark.parametrize(("first", "eligible"), [(2022, False), (2023, True)])
def test_cstdtq_after_cstdtq(first, eligible) -> None:
    nat = [ini(1, "PV_TOAN_QUOC")]
    awards = (
        AwardInfo("CSTD_TINH", 2019),
        AwardInfo("CSTD_TINH", first),
        AwardInfo("CSTDTQ", 2022, period_from=2019, period_to=2022),
        AwardInfo("CSTD_TINH", 2025),
    )
    v = evaluate_person(person({Y: "HTXSNV"}, awards=awards, initiatives=nat), "CSTDTQ", Y, R)
    assert v.eligible is eligible
    if eligible:
        assert v.consumed == {(BASIS_CSTD, 2023), (BASIS_CSTD, 2025)}
    else:
        assert v.explanation == (
            "Chưa đủ 02 lần liên tục CSTĐ cấp tỉnh/bộ (có: 2025); năm 2022 đã dùng cho CSTĐTQ "
            f"2022 - Luật TĐKT 2022, Điều 21; {X5}"
        )
