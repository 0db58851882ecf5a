"""Holds with an end and a conclusion (X1), achievements from the end of a penalty (X2), and
explanations in words: both sides of each boundary with the Vietnamese wording."""

from __future__ import annotations

import re
from datetime import date

from test_eligibility_support import cstdcs, person, rules, words

from app.domain.eligibility import (
    VERDICT_ELIGIBLE,
    VERDICT_NEEDS_REVIEW,
    VERDICT_NOT_ELIGIBLE,
    AwardInfo,
    DisciplineInfo,
    InitiativeInfo,
    evaluate_person,
    evaluate_person_all,
)

Y = 2025
R = rules(Y)
SESSION = date(2025, 12, 15)
HOLD_CITE = "Nghị định 152/2025, Điều 4 khoản 4"


def cond(verdict, key):
    return next(c for c in verdict.conditions if c.key == key)


def hold(start=date(2025, 5, 1), end=None, *, concluded_on=None, outcome=None, penalty=""):
    return DisciplineInfo(
        "XEM_XET_KY_LUAT",
        start,
        end,
        0,
        True,
        cleared=outcome == "KHONG_VI_PHAM",
        name="Đang xem xét kỷ luật",
        concluded_on=concluded_on,
        violation=outcome == "CO_VI_PHAM",
        penalty=penalty,
    )


def penalty(kind="KHIEN_TRACH", severity=1, start=date(2025, 3, 1), end=None):
    return DisciplineInfo(kind, start, end, severity, False, name=words().penalty(kind))


def at_session(*disciplines, grades=None, **kw):
    return person(
        grades if grades is not None else {Y: "HTXSNV"},
        disciplines=disciplines,
        review_on=SESSION,
        review_is_session=True,
        **kw,
    )


# --- X1: open on the session date -----------------------------------------------------------


def test_hold_open_on_the_session_date_bars() -> None:
    v = evaluate_person(at_session(hold(concluded_on=SESSION)), "LDTT", Y, R)
    assert v.verdict == VERDICT_NOT_ELIGIBLE
    assert v.explanation == (
        "Đang trong thời gian tạm chưa xét khen thưởng tại ngày họp Hội đồng 15/12/2025: "
        f"Đang xem xét kỷ luật từ 01/05/2025, kết luận ngày 15/12/2025 - {HOLD_CITE}"
    )


def test_hold_concluded_the_day_before_the_session_does_not_bar() -> None:
    ended = hold(end=date(2025, 12, 14))
    v = evaluate_person(at_session(ended), "LDTT", Y, R)
    assert v.verdict == VERDICT_ELIGIBLE
    assert cond(v, "HOLD").text == (
        "Không thuộc trường hợp tạm chưa xét khen thưởng tại ngày họp Hội đồng 15/12/2025: "
        "Đang xem xét kỷ luật đã kết thúc ngày 14/12/2025"
    )
    assert cond(v, "HOLD").citation == HOLD_CITE
    still = hold(end=SESSION)
    assert evaluate_person(at_session(still), "LDTT", Y, R).verdict == VERDICT_NOT_ELIGIBLE


def test_open_hold_without_conclusion_bars_and_says_so() -> None:
    v = evaluate_person(at_session(hold()), "GK_SO", Y, R)
    assert not v.eligible
    assert "Đang xem xét kỷ luật từ 01/05/2025, chưa có kết luận" in v.explanation


def test_hold_begun_after_the_session_does_not_bar() -> None:
    later = hold(start=date(2025, 12, 16))
    assert evaluate_person(at_session(later), "LDTT", Y, R).eligible
    on_the_day = hold(start=SESSION)
    assert not evaluate_person(at_session(on_the_day), "LDTT", Y, R).eligible


def test_without_a_session_the_review_date_is_used() -> None:
    h = person({Y: "HTXSNV"}, disciplines=[hold(end=date(2025, 12, 30))])
    assert evaluate_person(h, "LDTT", Y, R).eligible
    h = person({Y: "HTXSNV"}, disciplines=[hold(end=date(2025, 12, 31))])
    v = evaluate_person(h, "LDTT", Y, R)
    assert not v.eligible
    assert "tại ngày xét 31/12/2025" in v.explanation


def test_concluded_without_violation_never_bars() -> None:
    # concluded after the session date: still no bar, the conclusion found nothing
    cleared = hold(concluded_on=date(2026, 1, 10), outcome="KHONG_VI_PHAM")
    v = evaluate_person(at_session(cleared), "LDTT", Y, R)
    assert v.eligible
    assert cond(v, "HOLD").text.endswith(
        "Đang xem xét kỷ luật đã kết luận không vi phạm ngày 10/01/2026"
    )


def test_a_hold_no_longer_bars_the_whole_year() -> None:
    # opened in February, concluded without violation in June: the year is not lost
    spring = hold(start=date(2025, 2, 1), concluded_on=date(2025, 6, 1), outcome="KHONG_VI_PHAM")
    assert evaluate_person(at_session(spring), "LDTT", Y, R).eligible


def test_violation_without_its_penalty_needs_review() -> None:
    found = hold(concluded_on=date(2025, 9, 1), outcome="CO_VI_PHAM")
    v = evaluate_person(at_session(found), "LDTT", Y, R)
    assert v.verdict == VERDICT_NEEDS_REVIEW
    assert v.explanation == (
        "Đang xem xét kỷ luật đã kết luận có vi phạm ngày 01/09/2025 nhưng chưa ghi hình thức "
        f"kỷ luật - {HOLD_CITE}"
    )


def test_violation_applies_its_penalty() -> None:
    found = hold(concluded_on=date(2025, 9, 1), outcome="CO_VI_PHAM", penalty="Khiển trách")
    result = penalty(start=date(2025, 9, 1), end=date(2026, 2, 28))
    v = evaluate_person(at_session(found, result), "LDTT", Y, R)
    assert cond(v, "HOLD").met is True
    assert cond(v, "HOLD").text.endswith("đã kết luận có vi phạm ngày 01/09/2025 (Khiển trách)")
    assert not v.eligible
    assert "bị kỷ luật Khiển trách nên xếp loại Không hoàn thành nhiệm vụ" in v.explanation


# --- X2: achievements count from the end of a penalty ---------------------------------------


def ini(scope="PV_TINH"):
    return InitiativeInfo(1, scope, Y)


def test_cstd_years_before_the_end_of_a_penalty_do_not_count() -> None:
    grades = {Y: "HTXSNV", Y - 1: "HTXSNV", Y - 2: "HTXSNV"}
    served = penalty("CANH_CAO", 2, start=date(2023, 3, 1), end=date(2024, 2, 29))
    h = person(grades, awards=cstdcs(2023, 2024), disciplines=[served], initiatives=[ini()])
    v = evaluate_person_all(h, Y, R)["CSTD_TINH"]
    assert not v.eligible
    streak = cond(v, "STREAK")
    assert streak.text == (
        "Chưa đủ 03 lần liên tục CSTĐCS (có: 2025); năm 2023, 2024 trước khi hết thời hạn "
        "kỷ luật Cảnh cáo (đến 29/02/2024) không được tính"
    )
    assert streak.citation == "Luật TĐKT 2022, Điều 22; Nghị định 152/2025, Điều 4 khoản 4"


def test_a_penalty_ended_before_the_run_does_not_cut_it() -> None:
    grades = {Y: "HTXSNV", Y - 1: "HTXSNV", Y - 2: "HTXSNV"}
    served = penalty("CANH_CAO", 2, start=date(2021, 3, 1), end=date(2022, 12, 31))
    h = person(grades, awards=cstdcs(2023, 2024), disciplines=[served], initiatives=[ini()])
    v = evaluate_person_all(h, Y, R)["CSTD_TINH"]
    assert cond(v, "STREAK").met is True


def test_cstdtq_counts_only_after_a_penalty() -> None:
    awards = (AwardInfo("CSTD_TINH", 2022), AwardInfo("CSTD_TINH", 2025))
    tq = [InitiativeInfo(1, "PV_TOAN_QUOC", Y)]
    clean_h = person({Y: "HTXSNV"}, awards=awards, initiatives=tq)
    assert cond(evaluate_person(clean_h, "CSTDTQ", Y, R), "STREAK").met is True
    served = penalty(start=date(2023, 5, 1), end=date(2023, 10, 31))
    h = person({Y: "HTXSNV"}, awards=awards, initiatives=tq, disciplines=[served])
    streak = cond(evaluate_person(h, "CSTDTQ", Y, R), "STREAK")
    assert streak.met is False
    assert "năm 2022 trước khi hết thời hạn kỷ luật Khiển trách (đến 31/10/2023)" in streak.text


# --- words instead of codes ------------------------------------------------------------------

CODES = re.compile(
    r"\b(HTXSNV|HTTNV|HTNV|KHTNV|KXL|KHIEN_TRACH|CANH_CAO|HA_BAC_LUONG|XEM_XET_KY_LUAT|"
    r"DIEU_TRA|KNC_NNMT|KNC_TNMT|KNC_NNPTNT|CSTDCS|CSTD_TINH)\b"
)


def test_no_code_in_any_person_explanation() -> None:
    histories = [
        person({Y: "HTNV", Y - 1: "KHTNV"}, disciplines=[penalty()]),
        person({Y: "HTXSNV"}, disciplines=[penalty("CANH_CAO", 2)], months={Y: 4}),
        person({Y - 1: "HTXSNV"}, disciplines=[hold()]),
        person(
            {Y: "HTTNV"},
            awards=(AwardInfo("KNC_TNMT", 2015), *cstdcs(2023, 2024)),
            sector_start=date(2000, 1, 1),
        ),
    ]
    for h in histories:
        for title, verdict in evaluate_person_all(h, Y, R).items():
            for c in verdict.conditions:
                assert not CODES.search(c.text), (title, c.text)
