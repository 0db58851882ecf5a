"""Unit (collective) rules: TTLĐTT, TTLĐXS, Bằng khen tập thể, Cờ thi đua."""

from __future__ import annotations

from dataclasses import replace

import pytest
from test_eligibility_support import rules

from app.domain.eligibility import (
    UNIT_TITLES,
    VERDICT_ELIGIBLE,
    VERDICT_NEEDS_REVIEW,
    VERDICT_NOT_ELIGIBLE,
    AwardInfo,
    ClusterResult,
    MemberSummary,
    UnitHistory,
    evaluate_unit,
)

Y = 2025
R = rules(Y)


def members(
    n: int, ldtt: int, *, grade="HTTNV", cstdcs=0, penalties=()
) -> tuple[MemberSummary, ...]:
    out = []
    for i in range(n):
        out.append(
            MemberSummary(
                i,
                grade,
                i < ldtt,
                i < cstdcs,
                penalties[i] if i < len(penalties) else 0,
            )
        )
    return tuple(out)


def unit(grade="HTTNV", mem=None, *, grades=None, awards=(), unmet=frozenset()) -> UnitHistory:
    g = dict(grades or {})
    if grade is not None:
        g[Y] = grade
    return UnitHistory(1, g, awards, members(10, 7) if mem is None else mem, unmet)


def cond(v, key):
    return next(c for c in v.conditions if c.key == key)


@pytest.mark.parametrize(
    ("n", "ldtt", "ok"),
    [(10, 7, True), (10, 6, False), (3, 2, False), (20, 14, True), (7, 5, True)],
)
def test_ttldtt_pct_boundary(n, ldtt, ok) -> None:
    v = evaluate_unit(unit(mem=members(n, ldtt)), "TTLDTT", Y, R)
    assert v.eligible is ok


def test_ttldtt_messages() -> None:
    v = evaluate_unit(unit(mem=members(10, 6)), "TTLDTT", Y, R)
    assert v.explanation == (
        "Chưa đủ tỷ lệ LĐTT: 6/10 cá nhân đạt LĐTT (60%, cần 70%) - Luật TĐKT 2022, Điều 28"
    )
    v = evaluate_unit(unit("HTNV"), "TTLDTT", Y, R)
    assert v.explanation == (
        "Chưa đạt TTLĐTT: tập thể xếp loại năm 2025 là Hoàn thành nhiệm vụ, cần Hoàn thành tốt "
        "nhiệm vụ trở lên - Luật TĐKT 2022, Điều 28"
    )


def test_ttldtt_penalty_boundary() -> None:
    assert evaluate_unit(unit(mem=members(10, 7, penalties=(1,))), "TTLDTT", Y, R).eligible
    v = evaluate_unit(unit(mem=members(10, 7, penalties=(2,))), "TTLDTT", Y, R)
    assert cond(v, "DISCIPLINE").met is False


def test_ttldtt_needs_review_and_manual() -> None:
    assert evaluate_unit(unit(None), "TTLDTT", Y, R).verdict == VERDICT_NEEDS_REVIEW
    assert evaluate_unit(unit(mem=()), "TTLDTT", Y, R).verdict == VERDICT_NEEDS_REVIEW
    v = evaluate_unit(unit(unmet=frozenset({"TT_DOAN_KET"})), "TTLDTT", Y, R)
    assert v.verdict == VERDICT_NOT_ELIGIBLE and v.unmet[0].manual
    assert {c.key for c in evaluate_unit(unit(), "TTLDTT", Y, R).conditions if c.manual} == {
        "TT_PHONG_TRAO",
        "TT_DOAN_KET",
    }


def test_ttldtt_kxl_base_parameter() -> None:
    mem = (*members(9, 6), MemberSummary(99, "KXL", False, False, 0))
    assert not evaluate_unit(unit(mem=mem), "TTLDTT", Y, R).eligible  # 6/10
    on = R.with_values(member_pct_exclude_kxl=True)
    v = evaluate_unit(unit(mem=mem), "TTLDTT", Y, on)  # 6/9 = 66.7%
    assert not v.eligible and "6/9" in v.explanation
    mem = (*members(9, 7), MemberSummary(99, "KXL", False, False, 0))
    assert evaluate_unit(unit(mem=mem), "TTLDTT", Y, on).eligible


def test_ttldxs() -> None:
    good = members(10, 7, cstdcs=1)
    assert evaluate_unit(unit("HTXSNV", good), "TTLDXS", Y, R).eligible
    v = evaluate_unit(unit("HTTNV", good), "TTLDXS", Y, R)
    assert v.explanation == (
        "Chưa đạt TTLĐXS: tập thể xếp loại năm 2025 là Hoàn thành tốt nhiệm vụ, cần Hoàn thành "
        "xuất sắc nhiệm vụ - Luật TĐKT 2022, Điều 27"
    )
    no_cs = evaluate_unit(unit("HTXSNV", members(10, 7)), "TTLDXS", Y, R)
    assert no_cs.explanation == "Chưa có đủ 01 cá nhân đạt CSTĐCS (có: 0) - Luật TĐKT 2022, Điều 27"
    low = (*members(9, 7, cstdcs=1), MemberSummary(50, "KHTNV", False, False, 0))
    assert cond(evaluate_unit(unit("HTXSNV", low), "TTLDXS", Y, R), "MEMBERS_GRADE").met is False
    unknown = (*members(9, 7, cstdcs=1), MemberSummary(50, None, False, False, 0))
    assert evaluate_unit(unit("HTXSNV", unknown), "TTLDXS", Y, R).verdict == VERDICT_NEEDS_REVIEW


def test_ttldxs_discipline_switch() -> None:
    mem = members(10, 7, cstdcs=1, penalties=(3,))
    assert evaluate_unit(unit("HTXSNV", mem), "TTLDXS", Y, R).eligible  # no bar by default
    on = R.with_values(ttldxs_discipline_bar=True)
    assert not evaluate_unit(unit("HTXSNV", mem), "TTLDXS", Y, on).eligible


def test_bk_collective() -> None:
    assert evaluate_unit(unit("HTXSNV", grades={Y - 1: "HTXSNV"}), "BK_TINH", Y, R).eligible
    ttldxs = (AwardInfo("TTLDXS", Y - 1),)
    assert evaluate_unit(
        unit("HTXSNV", grades={Y - 1: "HTTNV"}, awards=ttldxs), "BK_BO", Y, R
    ).eligible
    revoked = (AwardInfo("TTLDXS", Y - 1, revoked=True),)
    v = evaluate_unit(unit("HTXSNV", grades={Y - 1: "HTTNV"}, awards=revoked), "BK_TINH", Y, R)
    assert v.explanation.startswith(
        "Chưa đủ 02 năm liên tục Hoàn thành xuất sắc nhiệm vụ hoặc TTLĐXS (có: 2025)"
    )
    assert (
        evaluate_unit(unit(None, grades={Y - 1: "HTXSNV"}), "BK_TINH", Y, R).verdict
        == VERDICT_NEEDS_REVIEW
    )


def test_co_cluster_leader_is_data_not_a_manual_condition() -> None:
    # Nothing entered: needs review, never met (issue 12); the manual criteria stay manual.
    v = evaluate_unit(unit("HTXSNV"), "CO_TINH", Y, R)
    assert v.verdict == VERDICT_NEEDS_REVIEW
    assert cond(v, "CLUSTER").met is None and not cond(v, "CLUSTER").manual
    assert all(c.manual for c in v.conditions if c.key.startswith("CO_"))
    lead = UnitHistory(
        1,
        {Y: "HTXSNV"},
        members=members(10, 7),
        clusters=(ClusterResult(Y, "Khối A", "UBND_TINH", "DAN_DAU"),),
    )
    assert evaluate_unit(lead, "CO_TINH", Y, R).verdict == VERDICT_ELIGIBLE
    v = evaluate_unit(replace(lead, manual_unmet=frozenset({"CO_DOAN_KET"})), "CO_TINH", Y, R)
    assert v.explanation.startswith("Không đạt: Nội bộ đoàn kết")
    assert not evaluate_unit(unit("HTTNV"), "CO_TINH", Y, R).eligible


def test_titles_and_unknown() -> None:
    assert set(UNIT_TITLES) == {"TTLDTT", "TTLDXS", "BK_TINH", "BK_BO", "CO_TINH", "CO_BO"}
    with pytest.raises(ValueError):
        evaluate_unit(unit(), "LDTT", Y, R)
