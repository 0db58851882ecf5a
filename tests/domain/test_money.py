"""Money rules of domain.md §5 (pure): base salary by date, rounding, methods A and B, the
highest-title rule of §3.3. Every worked example of §5.3 is computed here."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.domain.money import (
    METHOD_A,
    METHOD_B,
    AwardLine,
    MoneyError,
    SalaryStep,
    award_amount,
    coefficient_for,
    payable,
    round_up,
    salary_on,
)
from app.services.reference import catalogue

STEPS = (
    SalaryStep(date(2023, 7, 1), 1_800_000, "Nghị định 24/2023/NĐ-CP", verified=False),
    SalaryStep(date(2024, 7, 1), 2_340_000, "Nghị định 73/2024/NĐ-CP"),
    SalaryStep(date(2026, 7, 1), 2_530_000, "Nghị định 161/2026/NĐ-CP"),
)
OLD, NEW = 2_340_000, 2_530_000


def coef(code: str) -> dict[str, Decimal]:
    return {str(k): v for k, v in catalogue().get(code).coefficients.items()}


# ------------------------------------------------------------------ base salary by date


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2024, 6, 30), 1_800_000),
        (date(2024, 7, 1), 2_340_000),
        (date(2026, 1, 15), 2_340_000),
        (date(2026, 6, 30), 2_340_000),
        (date(2026, 7, 1), 2_530_000),
        (date(2030, 1, 1), 2_530_000),
    ],
)
def test_salary_on_boundary_dates(day: date, expected: int) -> None:
    assert salary_on(STEPS, day).amount == expected


def test_salary_on_ignores_order_and_refuses_days_before_the_table() -> None:
    assert salary_on(reversed(STEPS), date(2025, 1, 1)).legal_basis == "Nghị định 73/2024/NĐ-CP"
    with pytest.raises(MoneyError, match="30/06/2023"):
        salary_on(STEPS, date(2023, 6, 30))


# ------------------------------------------------------------------ rounding


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (Decimal("702000"), 710_000),
        (Decimal("2340000"), 2_340_000),  # exact multiple unchanged
        (Decimal("10000"), 10_000),
        (Decimal("10000.01"), 20_000),
        (Decimal("1"), 10_000),
        (Decimal("11385000"), 11_390_000),
        (Decimal("1138500"), 1_140_000),
        (0, 0),
        (Decimal("-5"), 0),
        (20_240_000, 20_240_000),
    ],
)
def test_round_up_to_ten_thousand(amount: Decimal | int, expected: int) -> None:
    assert round_up(amount) == expected


# ------------------------------------------------------------------ §5.3 worked examples

# (code, subject kind, method, paid at 2,340,000, paid at 2,530,000): every row of §5.3.
WORKED = [
    ("LDTT", "CA_NHAN", METHOD_B, 710_000, 760_000),
    ("GK_SO", "CA_NHAN", METHOD_B, 710_000, 760_000),
    ("CSTDCS", "CA_NHAN", METHOD_B, 2_340_000, 2_530_000),
    ("CSTD_TINH", "CA_NHAN", METHOD_B, 7_020_000, 7_590_000),
    ("BK_TINH", "TAP_THE", METHOD_A, 7_020_000, 7_590_000),
    ("BK_TINH", "TAP_THE", METHOD_B, 7_020_000, 7_600_000),
    ("CSTDTQ", "CA_NHAN", METHOD_B, 10_530_000, 11_390_000),
    ("TTLDTT", "TAP_THE", METHOD_B, 1_880_000, 2_030_000),
    ("TTLDXS", "TAP_THE", METHOD_B, 3_510_000, 3_800_000),
    ("BK_TINH", "CA_NHAN", METHOD_B, 3_510_000, 3_800_000),
    ("CO_TINH", "TAP_THE", METHOD_B, 18_720_000, 20_240_000),
    ("BK_TTG", "CA_NHAN", METHOD_B, 8_190_000, 8_860_000),
    ("BK_TTG", "TAP_THE", METHOD_A, 16_380_000, 17_710_000),
    ("BK_TTG", "TAP_THE", METHOD_B, 16_380_000, 17_720_000),
    ("GK_SO", "TAP_THE", METHOD_A, 1_410_000, 1_520_000),
    ("GK_SO", "TAP_THE", METHOD_B, 1_420_000, 1_520_000),
    ("GK_SO", "HO_GIA_DINH", METHOD_A, 1_060_000, 1_140_000),
    ("GK_SO", "HO_GIA_DINH", METHOD_B, 1_070_000, 1_140_000),
]


@pytest.mark.parametrize(("code", "kind", "method", "at_old", "at_new"), WORKED)
def test_worked_examples(code: str, kind: str, method: str, at_old: int, at_new: int) -> None:
    assert award_amount(coef(code), kind, OLD, method) == at_old
    assert award_amount(coef(code), kind, NEW, method) == at_new


def test_titles_without_a_collective_multiple_ignore_the_method() -> None:
    # TTLĐTT has only a collective coefficient: method B has no individual amount to double
    for method in (METHOD_A, METHOD_B):
        assert award_amount(coef("TTLDTT"), "TAP_THE", NEW, method) == 2_030_000


def test_lao_dong_tien_tien_2025_by_decision_date() -> None:
    """§5.3: LĐTT for 2025 decided on 15/01/2026 pays 710,000; from 01/7/2026, 760,000."""
    for day, expected in (
        (date(2026, 1, 15), 710_000),
        (date(2026, 6, 30), 710_000),
        (date(2026, 7, 1), 760_000),
    ):
        assert award_amount(coef("LDTT"), "CA_NHAN", salary_on(STEPS, day).amount) == expected
    assert award_amount(coef("LDTT"), "CA_NHAN", salary_on(STEPS, date(2024, 6, 30)).amount) == (
        540_000
    )


def test_exact_multiples_stay_unchanged() -> None:
    assert award_amount({"CA_NHAN": "1.0"}, "CA_NHAN", 2_340_000) == 2_340_000
    assert award_amount({"TAP_THE": "8.0"}, "TAP_THE", 2_530_000) == 20_240_000
    assert award_amount({"CA_NHAN": "0.5"}, "CA_NHAN", 2_340_000) == 1_170_000


def test_bad_method_or_missing_coefficient() -> None:
    with pytest.raises(MoneyError, match="Cách tính"):
        award_amount(coef("LDTT"), "CA_NHAN", OLD, "C")
    with pytest.raises(MoneyError, match="TAP_THE"):
        award_amount(coef("LDTT"), "TAP_THE", OLD)
    assert coefficient_for({"CA_NHAN": "0.3"}, "CA_NHAN") == Decimal("0.3")


# ------------------------------------------------------------------ several awards (§3.3)


def line(key: str, kind: str, amount: int, period=(2025, 2025)) -> AwardLine:
    return AwardLine(key=key, kind=kind, period=period, amount=amount)


def test_same_period_titles_pay_only_the_highest_and_the_form_too() -> None:
    """§3.3 example: LĐTT, CSTĐCS and a Giấy khen for 2025 -> CSTĐCS + Giấy khen."""
    verdict = payable(
        [
            line("ldtt", "DANH_HIEU", 710_000),
            line("cstdcs", "DANH_HIEU", 2_340_000),
            line("gk", "HINH_THUC", 710_000),
        ]
    )
    assert verdict == {"ldtt": False, "cstdcs": True, "gk": True}
    paid = 710_000 * verdict["ldtt"] + 2_340_000 * verdict["cstdcs"] + 710_000 * verdict["gk"]
    assert paid == 3_050_000


def test_titles_of_different_periods_all_pay() -> None:
    verdict = payable(
        [
            line("2024", "DANH_HIEU", 710_000, (2024, 2024)),
            line("2025", "DANH_HIEU", 2_340_000, (2025, 2025)),
            line("streak", "DANH_HIEU", 7_020_000, (2023, 2025)),
        ]
    )
    assert all(verdict.values())


def test_a_title_and_a_form_both_pay_and_several_forms_all_pay() -> None:
    verdict = payable(
        [
            line("cstd", "DANH_HIEU", 7_020_000),
            line("bk", "HINH_THUC", 3_510_000),
            line("gk", "HINH_THUC", 710_000),
        ]
    )
    assert verdict == {"cstd": True, "bk": True, "gk": True}


def test_equal_amounts_pay_the_first_listed() -> None:
    verdict = payable([line("a", "DANH_HIEU", 7_020_000), line("b", "DANH_HIEU", 7_020_000)])
    assert verdict == {"a": True, "b": False}
