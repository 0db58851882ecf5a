"""Collectives right (issue 12, points 4 and 6): members' grades as the person rules see them,
renamed and merged units, and cluster leadership for the Cờ thi đua."""

from __future__ import annotations

from datetime import date

import pytest
from test_eligibility_support import rules

from app.domain.eligibility import (
    VERDICT_ELIGIBLE,
    VERDICT_NEEDS_REVIEW,
    VERDICT_NOT_ELIGIBLE,
    AwardInfo,
    ClusterResult,
    MemberSummary,
    PredecessorUnit,
    UnitHistory,
    evaluate_unit,
)

Y = 2025
R = rules(Y)
CO = "Luật TĐKT 2022, Điều 26"
BK = "Luật TĐKT 2022, Điều 74"


def staff(n: int = 10, ldtt: int = 8, cstdcs: int = 1) -> tuple[MemberSummary, ...]:
    return tuple(
        MemberSummary(i, "HTTNV", i < ldtt, i < cstdcs, name=f"Người {i}") for i in range(n)
    )


def cond(verdict, key):
    return next(c for c in verdict.conditions if c.key == key)


# --- members' grades (X9 seen by the collective rules) ----------------------------------------


def test_member_with_a_penalty_counts_as_khtnv_for_ttldxs() -> None:
    good = staff()
    assert evaluate_unit(UnitHistory(1, {Y: "HTXSNV"}, members=good), "TTLDXS", Y, R).eligible
    punished = MemberSummary(
        99,
        "KHTNV",
        False,
        False,
        1,
        grade_reason="bị kỷ luật (Khiển trách) nên xếp loại KHTNV",
        name="Lê Văn Phạt",
    )
    v = evaluate_unit(UnitHistory(1, {Y: "HTXSNV"}, members=(*good, punished)), "TTLDXS", Y, R)
    assert v.verdict == VERDICT_NOT_ELIGIBLE
    assert v.explanation == (
        "Chưa đạt 100% cá nhân hoàn thành nhiệm vụ: 1 cá nhân dưới Hoàn thành nhiệm vụ (Lê Văn "
        "Phạt: bị kỷ luật (Khiển trách) nên xếp loại KHTNV) - Luật TĐKT 2022, Điều 27"
    )


def test_unnamed_members_keep_the_short_explanation() -> None:
    low = (*staff(), MemberSummary(99, "KHTNV", False, False))
    v = evaluate_unit(UnitHistory(1, {Y: "HTXSNV"}, members=low), "TTLDXS", Y, R)
    assert v.explanation == (
        "Chưa đạt 100% cá nhân hoàn thành nhiệm vụ: 1 cá nhân dưới Hoàn thành nhiệm vụ - "
        "Luật TĐKT 2022, Điều 27"
    )


# --- renames ----------------------------------------------------------------------------------


def renamed(grades_before: dict[int, str], awards: tuple[AwardInfo, ...] = ()) -> UnitHistory:
    old = PredecessorUnit(
        7, "Trung tâm Cũ", "RENAME", 1, date(Y, 2, 28), grades=grades_before, awards=awards
    )
    return UnitHistory(1, {Y: "HTXSNV"}, members=staff(), predecessors=(old,))


def test_a_renamed_unit_keeps_its_streak() -> None:
    alone = UnitHistory(1, {Y: "HTXSNV"}, members=staff())
    v = evaluate_unit(alone, "BK_TINH", Y, R)
    assert v.verdict == VERDICT_NOT_ELIGIBLE
    assert v.explanation.startswith(
        "Chưa đủ 02 năm liên tục Hoàn thành xuất sắc nhiệm vụ hoặc TTLĐXS (có: 2025)"
    )
    v = evaluate_unit(renamed({Y - 1: "HTXSNV"}), "BK_TINH", Y, R)
    assert v.verdict == VERDICT_ELIGIBLE
    assert cond(v, "STREAK").line == (
        "Có 02 năm liên tục Hoàn thành xuất sắc nhiệm vụ hoặc TTLĐXS (2024, 2025; năm 2024 mang tên "
        "Trung tâm Cũ) - " + BK
    )


def test_an_award_under_the_old_name_counts_and_a_bad_year_still_breaks() -> None:
    ttldxs = (AwardInfo("TTLDXS", Y - 1),)
    assert evaluate_unit(renamed({Y - 1: "HTTNV"}, ttldxs), "BK_BO", Y, R).eligible
    v = evaluate_unit(renamed({Y - 1: "HTTNV"}), "BK_BO", Y, R)
    assert v.verdict == VERDICT_NOT_ELIGIBLE


def test_a_grade_given_under_the_old_name_in_the_year_counts() -> None:
    old = PredecessorUnit(7, "Trung tâm Cũ", "RENAME", 1, date(Y, 12, 30), grades={Y: "HTXSNV"})
    h = UnitHistory(1, {}, members=staff(), predecessors=(old,))
    v = evaluate_unit(h, "TTLDXS", Y, R)
    assert v.verdict == VERDICT_ELIGIBLE
    assert cond(v, "GRADE").text == (
        "Tập thể xếp loại năm 2025 là Hoàn thành xuất sắc nhiệm vụ (năm 2025 mang tên Trung tâm Cũ)"
    )


def test_renames_chain_back() -> None:
    first = PredecessorUnit(5, "Tên đầu", "RENAME", 7, date(Y - 2, 12, 31), {Y - 2: "HTXSNV"})
    second = PredecessorUnit(7, "Tên giữa", "RENAME", 1, date(Y - 1, 12, 31), {Y - 1: "HTXSNV"})
    h = UnitHistory(1, {Y: "HTXSNV"}, predecessors=(first, second))
    v = evaluate_unit(h, "BK_TINH", Y, R.with_values(bk_collective_streak=3))
    assert v.eligible, v.explanation
    assert "năm 2023 mang tên Tên đầu; năm 2024 mang tên Tên giữa" in cond(v, "STREAK").text


# --- merges -----------------------------------------------------------------------------------


def merged(second_grade: str = "HTXSNV") -> UnitHistory:
    end = date(Y, 2, 28)
    a = PredecessorUnit(
        7, "Phòng A", "MERGE", 1, end, {Y - 1: "HTXSNV"}, (AwardInfo("TTLDXS", Y - 1),)
    )
    b = PredecessorUnit(8, "Phòng B", "MERGE", 1, end, {Y - 1: second_grade})
    return UnitHistory(1, {Y: "HTXSNV"}, members=staff(), predecessors=(a, b))


def test_a_merged_unit_needs_review_showing_the_merged_units_records() -> None:
    v = evaluate_unit(merged(), "BK_TINH", Y, R)
    assert v.verdict == VERDICT_NEEDS_REVIEW
    assert v.explanation == (
        "Đơn vị hình thành do sáp nhập Phòng A, Phòng B (hết hoạt động 28/02/2025): chưa tính "
        "thành tích trước sáp nhập, cần xem xét (Phòng A: 2024 Hoàn thành xuất sắc nhiệm vụ, "
        "TTLĐXS; Phòng B: 2024 Hoàn thành xuất sắc nhiệm vụ) - " + BK
    )
    # the year's own titles need nothing from before the merge
    assert evaluate_unit(merged(), "TTLDXS", Y, R).eligible


def test_the_parameter_counts_the_merged_units_when_all_of_them_met_it() -> None:
    counting = R.with_values(unit_merge_counts_predecessors=True)
    v = evaluate_unit(merged(), "BK_TINH", Y, counting)
    assert v.verdict == VERDICT_ELIGIBLE
    assert cond(v, "STREAK").text == (
        "Có 02 năm liên tục Hoàn thành xuất sắc nhiệm vụ hoặc TTLĐXS (2024, 2025; năm 2024 tính theo các "
        "đơn vị "
        "trước sáp nhập: Phòng A, Phòng B)"
    )
    v = evaluate_unit(merged("HTTNV"), "BK_TINH", Y, counting)
    assert v.verdict == VERDICT_NOT_ELIGIBLE
    assert v.explanation == (
        "Chưa đủ 02 năm liên tục Hoàn thành xuất sắc nhiệm vụ hoặc TTLĐXS (có: 2025); các đơn vị trước "
        "sáp nhập "
        "không cùng đạt (Phòng A: 2024 Hoàn thành xuất sắc nhiệm vụ, TTLĐXS; Phòng B: 2024 "
        "Hoàn thành tốt nhiệm vụ) - " + BK
    )


def test_a_bad_year_after_the_merge_is_not_eligible_without_review() -> None:
    h = merged()
    h = UnitHistory(1, {Y: "HTTNV"}, members=h.members, predecessors=h.predecessors)
    assert evaluate_unit(h, "BK_TINH", Y, R).verdict == VERDICT_NOT_ELIGIBLE


# --- clusters (Cờ thi đua) --------------------------------------------------------------------


def co(*clusters: ClusterResult, entered=(), grade="HTXSNV") -> UnitHistory:
    return UnitHistory(
        1,
        {Y: grade},
        members=staff(),
        clusters=clusters,
        clusters_entered=frozenset(entered),
    )


PROVINCE = ("Khối các sở kinh tế", "UBND_TINH")
MINISTRY = ("Khối các Sở NN&MT miền núi", "BO")


def result(where: tuple[str, str], value: str | None, year: int = Y) -> ClusterResult:
    return ClusterResult(year, where[0], where[1], value, "KHOI")


def test_leading_a_province_cluster_meets_the_co_tinh_condition() -> None:
    v = evaluate_unit(co(result(PROVINCE, "DAN_DAU"), entered=[(Y, "UBND_TINH")]), "CO_TINH", Y, R)
    assert v.verdict == VERDICT_ELIGIBLE
    assert cond(v, "CLUSTER").line == (
        "Dẫn đầu Khối các sở kinh tế năm 2025 (do UBND tỉnh tổ chức) - " + CO
    )
    v = evaluate_unit(
        co(result(PROVINCE, "DAN_DAU"), entered=[(Y, "UBND_TINH")], grade="HTTNV"),
        "CO_TINH",
        Y,
        R,
    )
    assert v.verdict == VERDICT_NOT_ELIGIBLE


def test_a_result_not_entered_is_needs_review_never_met() -> None:
    v = evaluate_unit(co(result(PROVINCE, None), entered=[(Y, "UBND_TINH")]), "CO_TINH", Y, R)
    assert v.verdict == VERDICT_NEEDS_REVIEW
    assert v.explanation == (
        "Chưa nhập kết quả bình xét của Khối các sở kinh tế năm 2025 (do UBND tỉnh tổ chức) - " + CO
    )


def test_nothing_entered_for_the_year_is_needs_review() -> None:
    v = evaluate_unit(co(), "CO_TINH", Y, R)
    assert v.verdict == VERDICT_NEEDS_REVIEW
    assert v.explanation == (
        "Chưa nhập cụm, khối thi đua do UBND tỉnh tổ chức năm 2025 (Bình xét > Cụm, khối thi "
        "đua) - " + CO
    )
    # last year's lead does not carry over
    v = evaluate_unit(co(result(PROVINCE, "DAN_DAU", Y - 1)), "CO_TINH", Y, R)
    assert v.verdict == VERDICT_NEEDS_REVIEW


def test_a_ministry_cluster_is_not_counted_for_the_province_flag() -> None:
    lead = result(MINISTRY, "DAN_DAU")
    v = evaluate_unit(co(lead, entered=[(Y, "BO"), (Y, "UBND_TINH")]), "CO_TINH", Y, R)
    assert v.verdict == VERDICT_NOT_ELIGIBLE
    assert v.explanation == (
        "Không là thành viên cụm, khối thi đua nào do UBND tỉnh tổ chức năm 2025; Khối các Sở "
        "NN&MT miền núi do Bộ tổ chức không được tính - " + CO
    )
    v = evaluate_unit(co(lead, entered=[(Y, "BO")]), "CO_TINH", Y, R)
    assert v.verdict == VERDICT_NEEDS_REVIEW
    # ... and it is what the ministry's flag reads
    assert evaluate_unit(co(lead, entered=[(Y, "BO")]), "CO_BO", Y, R).eligible


def test_results_that_do_not_lead() -> None:
    v = evaluate_unit(co(result(PROVINCE, "KHONG"), entered=[(Y, "UBND_TINH")]), "CO_TINH", Y, R)
    assert v.verdict == VERDICT_NOT_ELIGIBLE
    assert v.explanation == (
        "Không dẫn đầu cụm, khối thi đua do UBND tỉnh tổ chức năm 2025 (Khối các sở kinh tế: "
        "Không) - " + CO
    )


@pytest.mark.parametrize(("counts", "verdict"), [(True, True), (False, False)])
def test_suy_ton_counts_by_parameter(counts, verdict) -> None:
    h = co(result(PROVINCE, "SUY_TON"), entered=[(Y, "UBND_TINH")])
    v = evaluate_unit(h, "CO_TINH", Y, R.with_values(co_suy_ton_counts=counts))
    assert v.eligible is verdict
    if counts:
        assert cond(v, "CLUSTER").text == (
            "Được suy tôn tại Khối các sở kinh tế năm 2025 (do UBND tỉnh tổ chức)"
        )


def test_the_organiser_that_counts_is_a_parameter() -> None:
    h = co(result(MINISTRY, "DAN_DAU"), entered=[(Y, "BO")])
    assert not evaluate_unit(h, "CO_TINH", Y, R).eligible
    assert evaluate_unit(h, "CO_TINH", Y, R.with_values(co_tinh_cluster_organiser="BO")).eligible


def test_the_merged_units_records_are_named_in_words() -> None:
    from app.domain.eligibility.words import words_from
    from app.services.reference import catalogue, codes

    worded = R.with_words(words_from(codes(), catalogue()))
    text = evaluate_unit(merged(), "BK_TINH", Y, worded).explanation
    assert "Phòng A: 2024 Hoàn thành xuất sắc nhiệm vụ" in text
    assert "HTXSNV" not in text
