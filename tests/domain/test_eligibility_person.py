"""Person rules: each condition met, unmet, on its boundary, and the Vietnamese wording."""

from __future__ import annotations

from datetime import date

import pytest
from test_eligibility_support import cstdcs, person, rules, words

from app.domain.eligibility import (
    PERSON_TITLES,
    VERDICT_ELIGIBLE,
    VERDICT_NEEDS_REVIEW,
    VERDICT_NOT_ELIGIBLE,
    AwardInfo,
    DisciplineInfo,
    InitiativeInfo,
    InitiativeUseInfo,
    evaluate_person,
    evaluate_person_all,
)

Y = 2025
R = rules(Y)


def cond(verdict, key):
    return next(c for c in verdict.conditions if c.key == key)


def penalty(kind="KHIEN_TRACH", severity=1, start=date(2025, 3, 1), end=None, **kw):
    return DisciplineInfo(kind, start, end, severity, False, name=words().penalty(kind), **kw)


def hold(start=date(2025, 5, 1), end=None, cleared=False):
    return DisciplineInfo("DIEU_TRA", start, end, 0, True, cleared, name="Đang bị điều tra")


# --- LĐTT -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("grade", "expected"),
    [
        ("HTXSNV", VERDICT_ELIGIBLE),
        ("HTTNV", VERDICT_ELIGIBLE),
        ("HTNV", VERDICT_NOT_ELIGIBLE),
        ("KHTNV", VERDICT_NOT_ELIGIBLE),
        ("KXL", VERDICT_NOT_ELIGIBLE),
    ],
)
def test_ldtt_grade(grade, expected) -> None:
    assert evaluate_person(person({Y: grade}), "LDTT", Y, R).verdict == expected


def test_ldtt_message() -> None:
    v = evaluate_person(person({Y: "HTNV"}), "LDTT", Y, R)
    assert v.explanation == (
        "Chưa đạt LĐTT: xếp loại năm 2025 là Hoàn thành nhiệm vụ, "
        "cần Hoàn thành tốt nhiệm vụ trở lên - Luật TĐKT 2022, Điều 24"
    )


def test_eligible_explanation() -> None:
    v = evaluate_person(person({Y: "HTTNV"}), "LDTT", Y, R)
    assert v.explanation == "Đủ điều kiện"
    assert v.unmet == ()


def test_ldtt_no_grade_needs_review() -> None:
    v = evaluate_person(person({Y - 1: "HTTNV"}), "LDTT", Y, R)
    assert v.verdict == VERDICT_NEEDS_REVIEW
    assert v.explanation == "Chưa có xếp loại năm 2025 để xét LĐTT - Luật TĐKT 2022, Điều 24"


@pytest.mark.parametrize(("months", "expected"), [(5, VERDICT_NOT_ELIGIBLE), (6, VERDICT_ELIGIBLE)])
def test_ldtt_months_worked_boundary(months, expected) -> None:
    v = evaluate_person(person({Y: "HTTNV"}, months={Y: months}), "LDTT", Y, R)
    assert v.verdict == expected
    if months == 5:
        assert v.explanation == (
            "Chưa đạt LĐTT: năm 2025 làm việc 05 tháng (dưới 06 tháng) nên không xếp loại, "
            "cần Hoàn thành tốt nhiệm vụ trở lên - Nghị định 90/2020, Điều 2"
        )


def test_discipline_means_khtnv() -> None:
    v = evaluate_person(person({Y: "HTXSNV"}, disciplines=[penalty()]), "LDTT", Y, R)
    assert v.verdict == VERDICT_NOT_ELIGIBLE
    assert "bị kỷ luật Khiển trách nên xếp loại Không hoàn thành nhiệm vụ" in v.explanation
    assert "KHIEN_TRACH" not in v.explanation and "KHTNV" not in v.explanation
    # a penalty that ended before the year does not count
    old = penalty(start=date(2023, 1, 1), end=date(2024, 1, 1))
    assert evaluate_person(person({Y: "HTXSNV"}, disciplines=[old]), "LDTT", Y, R).eligible
    cleared = penalty(cleared=True)
    assert evaluate_person(person({Y: "HTXSNV"}, disciplines=[cleared]), "LDTT", Y, R).eligible


def test_hold_in_year() -> None:
    v = evaluate_person(person({Y: "HTXSNV"}, disciplines=[hold()]), "LDTT", Y, R)
    assert v.verdict == VERDICT_NOT_ELIGIBLE
    assert v.explanation == (
        "Đang trong thời gian tạm chưa xét khen thưởng tại ngày xét 31/12/2025: "
        "Đang bị điều tra từ 01/05/2025, chưa có kết luận - Nghị định 152/2025, Điều 4 khoản 4"
    )
    assert evaluate_person(
        person({Y: "HTXSNV"}, disciplines=[hold(cleared=True)]), "LDTT", Y, R
    ).eligible
    ended = hold(start=date(2024, 1, 1), end=date(2024, 12, 31))
    assert evaluate_person(person({Y: "HTXSNV"}, disciplines=[ended]), "LDTT", Y, R).eligible


def test_manual_condition() -> None:
    v = evaluate_person(person({Y: "HTTNV"}), "LDTT", Y, R)
    manual = [c for c in v.conditions if c.manual]
    assert [c.key for c in manual] == ["LDTT_TINH_THAN"] and manual[0].met is True
    v = evaluate_person(person({Y: "HTTNV"}, unmet=frozenset({"LDTT_TINH_THAN"})), "LDTT", Y, R)
    assert v.verdict == VERDICT_NOT_ELIGIBLE
    assert v.unmet[0].manual and v.unmet[0].text.startswith("Không đạt: Có tinh thần tự lực")


def test_manual_never_needs_review() -> None:
    v = evaluate_person(person({Y: "HTTNV"}), "GK_SO", Y, R)
    assert v.verdict == VERDICT_ELIGIBLE
    assert all(c.met is True for c in v.conditions)


# --- CSTĐCS -----------------------------------------------------------------------------


def ini(id=1, scope="PV_CO_SO", year=Y, used=()):
    """``used``: codes of awards of the year before that the initiative supports."""
    uses = tuple(InitiativeUseInfo(u, Y - 1) if isinstance(u, str) else u for u in used)
    return InitiativeInfo(id, scope, year, used_for=uses)


def test_cstdcs_routes() -> None:
    assert evaluate_person(person({Y: "HTXSNV"}), "CSTDCS", Y, R).eligible
    assert evaluate_person(person({Y: "HTTNV"}, initiatives=[ini()]), "CSTDCS", Y, R).eligible
    v = evaluate_person(person({Y: "HTTNV"}), "CSTDCS", Y, R)
    assert v.verdict == VERDICT_NOT_ELIGIBLE
    assert v.explanation.startswith(
        "Chưa đạt CSTĐCS: năm 2025 không hoàn thành xuất sắc nhiệm vụ và chưa có sáng kiến"
    )
    assert v.explanation.endswith("Luật TĐKT 2022, Điều 23")


def test_cstdcs_initiative_used_or_old() -> None:
    used = ini(used=("BK_TINH",))
    v = evaluate_person(person({Y: "HTTNV"}, initiatives=[used]), "CSTDCS", Y, R)
    assert not v.eligible and "sáng kiến số 1 đã dùng cho Bằng khen tỉnh 2024" in v.explanation
    old = ini(year=Y - 1)  # window = the year under review (UNVERIFIED default 1)
    assert not evaluate_person(person({Y: "HTTNV"}, initiatives=[old]), "CSTDCS", Y, R).eligible
    wider = R.with_values(cstdcs_initiative_window_years=2)
    assert evaluate_person(person({Y: "HTTNV"}, initiatives=[old]), "CSTDCS", Y, wider).eligible


def test_cstdcs_needs_ldtt_standard() -> None:
    v = evaluate_person(person({Y: "HTNV"}, initiatives=[ini()]), "CSTDCS", Y, R)
    assert v.explanation.startswith(
        "Chưa đạt tiêu chuẩn LĐTT: xếp loại năm 2025 là Hoàn thành nhiệm vụ"
    )
    assert evaluate_person(person({}), "CSTDCS", Y, R).verdict == VERDICT_NEEDS_REVIEW


# --- CSTĐ cấp tỉnh / bộ ------------------------------------------------------------------


def cstd_person(awards, initiatives=None, grade="HTXSNV"):
    if initiatives is None:
        initiatives = (ini(scope="PV_TINH"),)
    return person({Y: grade, Y - 1: grade, Y - 2: grade}, awards=awards, initiatives=initiatives)


def test_cstd_streak_message() -> None:
    v = evaluate_person(cstd_person(cstdcs(2024, 2025)), "CSTD_TINH", Y, R)
    assert v.explanation == (
        "Chưa đủ 03 lần liên tục CSTĐCS (có: 2024, 2025) - Luật TĐKT 2022, Điều 22"
    )


def test_cstd_streak_boundary_and_provisional() -> None:
    assert evaluate_person(cstd_person(cstdcs(2023, 2024, 2025)), "CSTD_TINH", Y, R).eligible
    two = cstd_person(cstdcs(2023, 2024))
    assert not evaluate_person(two, "CSTD_TINH", Y, R).eligible
    assert evaluate_person(two, "CSTD_TINH", Y, R, frozenset({"CSTDCS"})).eligible


def test_cstd_revoked_or_adhoc_breaks_run() -> None:
    awards = (*cstdcs(2023, 2025), AwardInfo("CSTDCS", 2024, revoked=True))
    v = evaluate_person(cstd_person(awards), "CSTD_TINH", Y, R)
    assert v.explanation.startswith("Chưa đủ 03 lần liên tục CSTĐCS (có: 2025)")
    awards = (*cstdcs(2023, 2025), AwardInfo("CSTDCS", 2024, award_type="DOT_XUAT"))
    assert not evaluate_person(cstd_person(awards), "CSTD_TINH", Y, R).eligible


def test_cstd_x3_years_used_before() -> None:
    awards = (
        *cstdcs(2021, 2022, 2023, 2024, 2025),
        AwardInfo("CSTD_TINH", 2023, period_from=2021, period_to=2023),
    )
    v = evaluate_person(cstd_person(awards), "CSTD_TINH", Y, R)
    assert not v.eligible
    assert v.explanation == (
        "Chưa đủ 03 lần liên tục CSTĐCS (có: 2024, 2025); năm 2023 đã dùng cho CSTĐ tỉnh 2023"
        " - Luật TĐKT 2022, Điều 22; Luật TĐKT 2022, Điều 5 khoản 2 điểm c"
    )
    off = R.with_values(cstd_exclude_used_years=False)
    assert evaluate_person(cstd_person(awards), "CSTD_TINH", Y, off).eligible


def test_cstd_initiative_scope() -> None:
    low = cstd_person(cstdcs(2023, 2024, 2025), initiatives=(ini(scope="PV_CO_SO"),))
    v = evaluate_person(low, "CSTD_TINH", Y, R)
    assert v.explanation.startswith("Chưa có sáng kiến/đề tài phạm vi cấp tỉnh trở lên")
    tinh = cstd_person(cstdcs(2023, 2024, 2025))
    assert evaluate_person(tinh, "CSTD_TINH", Y, R).eligible
    assert not evaluate_person(tinh, "CSTD_BO", Y, R).eligible
    used = cstd_person(
        cstdcs(2023, 2024, 2025), initiatives=(ini(scope="PV_TINH", used=("BK_TINH",)),)
    )
    assert not evaluate_person(used, "CSTD_TINH", Y, R).eligible


def test_cstd_hold() -> None:
    h = person(
        {Y: "HTXSNV"},
        awards=cstdcs(2023, 2024, 2025),
        initiatives=[ini(scope="PV_TINH")],
        disciplines=[hold()],
    )
    assert cond(evaluate_person(h, "CSTD_TINH", Y, R), "HOLD").met is False


# --- CSTĐTQ ------------------------------------------------------------------------------


def test_cstdtq() -> None:
    nat = (ini(scope="PV_TOAN_QUOC"),)
    two = (AwardInfo("CSTD_TINH", 2022), AwardInfo("CSTD_TINH", 2025))
    assert evaluate_person(
        person({Y: "HTXSNV"}, awards=two, initiatives=nat), "CSTDTQ", Y, R
    ).eligible
    one = (AwardInfo("CSTD_TINH", 2022),)
    v = evaluate_person(person({Y: "HTXSNV"}, awards=one, initiatives=nat), "CSTDTQ", Y, R)
    assert (
        v.explanation
        == "Chưa đủ 02 lần liên tục CSTĐ cấp tỉnh/bộ (có: 2022) - Luật TĐKT 2022, Điều 21"
    )
    assert evaluate_person(
        person({Y: "HTXSNV"}, awards=one, initiatives=nat), "CSTDTQ", Y, R, frozenset({"CSTD_TINH"})
    ).eligible
    far = (AwardInfo("CSTD_TINH", 2021), AwardInfo("CSTD_TINH", 2025))  # gap 4 > 3
    assert not evaluate_person(
        person({Y: "HTXSNV"}, awards=far, initiatives=nat), "CSTDTQ", Y, R
    ).eligible
    no_nat = evaluate_person(
        person({Y: "HTXSNV"}, awards=two, initiatives=(ini(scope="PV_BO"),)), "CSTDTQ", Y, R
    )
    assert cond(no_nat, "INITIATIVE").met is False


# --- Bằng khen tỉnh / bộ, cá nhân ----------------------------------------------------------


def test_bk_two_cstdcs() -> None:
    assert evaluate_person(
        person({Y: "HTTNV"}, awards=cstdcs(2024, 2025)), "BK_TINH", Y, R
    ).eligible
    assert evaluate_person(
        person({Y: "HTTNV"}, awards=cstdcs(2023, 2024)), "BK_TINH", Y, R
    ).eligible
    one = person({Y: "HTTNV"}, awards=cstdcs(2025))
    v = evaluate_person(one, "BK_TINH", Y, R)
    assert not v.eligible and v.explanation.startswith("Chưa đủ 02 lần liên tục CSTĐCS (có: 2025)")
    assert evaluate_person(
        person({Y: "HTTNV"}, awards=cstdcs(2024)), "BK_BO", Y, R, frozenset({"CSTDCS"})
    ).eligible


def test_bk_dot_xuat_not_counted() -> None:
    awards = (AwardInfo("CSTDCS", 2024, award_type="DOT_XUAT"), *cstdcs(2025))
    assert not evaluate_person(person({Y: "HTTNV"}, awards=awards), "BK_TINH", Y, R).eligible


def test_bk_htxsnv_with_initiatives() -> None:
    g = {Y: "HTXSNV", Y - 1: "HTXSNV"}
    two = [ini(1, year=Y - 1), ini(2)]
    assert evaluate_person(person(g, initiatives=two), "BK_TINH", Y, R).eligible
    used = [ini(1, year=Y - 1, used=("CSTDCS",)), ini(2)]
    v = evaluate_person(person(g, initiatives=used), "BK_TINH", Y, R)
    assert not v.eligible
    assert "(có: 2024, 2025; 01 sáng kiến: số 2); sáng kiến số 1 đã dùng cho CSTĐCS 2024" in (
        v.explanation
    )
    assert not evaluate_person(
        person({Y: "HTXSNV", Y - 1: "HTTNV"}, initiatives=two), "BK_TINH", Y, R
    ).eligible
    assert (
        evaluate_person(person({Y - 1: "HTXSNV"}), "BK_TINH", Y, R).verdict == VERDICT_NEEDS_REVIEW
    )


def test_bk_discipline_in_year() -> None:
    h = person({Y: "HTTNV"}, awards=cstdcs(2024, 2025), disciplines=[penalty()])
    v = evaluate_person(h, "BK_TINH", Y, R)
    assert v.explanation == (
        "Bị kỷ luật Khiển trách (từ 01/03/2025) trong năm 2025 - Nghị định 90/2020, Điều 2"
    )
    assert cond(v, "DISCIPLINE").citation == R.cite("DISCIPLINE") != R.cite("HOLD")


# --- Bằng khen Thủ tướng --------------------------------------------------------------------


PRIOR_BK = (AwardInfo("BK_TINH", 2020),)


def ttg_person(grade_map, cs=(2021, 2023, 2025), prior=PRIOR_BK, extra=()):
    return person(grade_map, awards=(*prior, *cstdcs(*cs), *extra))


FIVE = {y: "HTTNV" for y in range(2021, 2026)}


def test_bk_ttg() -> None:
    assert evaluate_person(ttg_person(FIVE), "BK_TTG", Y, R).eligible
    v = evaluate_person(ttg_person(FIVE, cs=(2023, 2025)), "BK_TTG", Y, R)
    assert (
        v.explanation
        == "Chưa đủ 03 lần CSTĐCS trong 05 năm (có: 2023, 2025) - Luật TĐKT 2022, Điều 73"
    )
    assert evaluate_person(
        ttg_person(FIVE, cs=(2023, 2024)), "BK_TTG", Y, R, frozenset({"CSTDCS"})
    ).eligible
    v = evaluate_person(ttg_person(FIVE, prior=()), "BK_TTG", Y, R)
    assert v.explanation.startswith("Chưa có Bằng khen cấp bộ, ngành, tỉnh")
    dx = (AwardInfo("BK_TINH", 2020, award_type="DOT_XUAT"),)
    assert not evaluate_person(ttg_person(FIVE, prior=dx), "BK_TTG", Y, R).eligible
    low = dict(FIVE) | {2022: "HTNV"}
    assert "năm 2022 thấp hơn" in evaluate_person(ttg_person(low), "BK_TTG", Y, R).explanation
    gap = {y: g for y, g in FIVE.items() if y != 2021}
    assert evaluate_person(ttg_person(gap), "BK_TTG", Y, R).verdict == VERDICT_NEEDS_REVIEW
    prev = (AwardInfo("BK_TTG", 2022, period_from=2018, period_to=2022),)
    v = evaluate_person(ttg_person(FIVE, extra=prev), "BK_TTG", Y, R)
    assert cond(v, "X3").met is False and "Nghị định 152/2025, Điều 33 khoản 7" in v.explanation


# --- Giấy khen, Kỷ niệm chương ------------------------------------------------------------


def test_gk_so() -> None:
    v = evaluate_person(person({}), "GK_SO", Y, R)
    assert v.eligible and {c.key for c in v.conditions if c.manual} == {
        "GK_GUONG_MAU",
        "GK_THANH_TICH",
    }
    assert not evaluate_person(
        person({}, unmet=frozenset({"GK_THANH_TICH"})), "GK_SO", Y, R
    ).eligible
    assert not evaluate_person(person({}, disciplines=[hold()]), "GK_SO", Y, R).eligible


# --- all titles --------------------------------------------------------------------------


def test_evaluate_all_feeds_provisional() -> None:
    h = person(
        {Y: "HTXSNV", Y - 1: "HTXSNV", Y - 2: "HTXSNV"},
        awards=cstdcs(2023, 2024),
        initiatives=[ini(scope="PV_TINH")],
    )
    out = evaluate_person_all(h, Y, R)
    assert tuple(out) == PERSON_TITLES
    assert out["LDTT"].eligible and out["CSTDCS"].eligible
    assert out["CSTD_TINH"].eligible
    assert not evaluate_person(h, "CSTD_TINH", Y, R).eligible


def test_unknown_title() -> None:
    with pytest.raises(ValueError, match="TTLDTT"):
        evaluate_person(person({}), "TTLDTT", Y, R)
