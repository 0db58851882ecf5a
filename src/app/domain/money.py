"""Bonus money (tiền thưởng): base salary by date, coefficients, rounding, several awards at once.

Pure functions on :class:`~decimal.Decimal` and whole đồng, never ``float`` (domain.md §5):

- :func:`salary_on`: the base salary (lương cơ sở) in force on the decision date
  (NĐ 152/2025 Điều 49 khoản 1).
- :func:`round_up`: up to the next 10,000 đồng (Điều 49 khoản 2); exact multiples stay.
- :func:`award_amount`: coefficient × base salary, rounded; for a collective or a household of
  a form whose individual coefficient is known, method ``"B"`` multiplies the *rounded*
  individual amount by the multiple (2 or 1.5) and rounds again, method ``"A"`` rounds once on
  the combined coefficient (the Decree does not settle which: a setting, default B).
- :func:`payable`: which of one recipient's awards are paid (§3.3): several titles of the same
  counting period pay only the highest; forms, titles of other periods, and a title plus a
  form all pay.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_CEILING, Decimal

__all__ = [
    "METHOD_A",
    "METHOD_B",
    "ROUNDING_STEP",
    "AwardLine",
    "MoneyError",
    "SalaryStep",
    "award_amount",
    "coefficient_for",
    "payable",
    "round_up",
    "salary_on",
]

ROUNDING_STEP = 10_000
METHOD_A = "A"  # round once on the combined coefficient
METHOD_B = "B"  # multiply the rounded individual amount, round again (recommended)
INDIVIDUAL = "CA_NHAN"
TITLE_KIND = "DANH_HIEU"


class MoneyError(ValueError):
    """The amount cannot be computed (no base salary on that date, no coefficient...)."""


@dataclass(frozen=True)
class SalaryStep:
    """The base salary in force from ``effective_from`` until the next step."""

    effective_from: date
    amount: int
    legal_basis: str = ""
    verified: bool = True
    # the stored row's version when read (passed back when it is changed); not part of the value
    version: int = field(default=0, compare=False)


def salary_on(steps: Iterable[SalaryStep], day: date) -> SalaryStep:
    """The step in force on ``day`` (the latest that starts on or before it)."""
    best: SalaryStep | None = None
    for step in steps:
        if step.effective_from <= day and (
            best is None or step.effective_from > best.effective_from
        ):
            best = step
    if best is None:
        raise MoneyError(f"Chưa có mức lương cơ sở áp dụng ngày {day:%d/%m/%Y}")
    return best


def round_up(amount: Decimal | int, step: int = ROUNDING_STEP) -> int:
    """``amount`` rounded up to a multiple of ``step`` đồng (exact multiples unchanged)."""
    value = Decimal(amount)
    if value <= 0:
        return 0
    units = (value / step).to_integral_value(rounding=ROUND_CEILING)
    return int(units) * step


def coefficient_for(coefficients: Mapping[str, str | Decimal], subject_kind: str) -> Decimal:
    """The catalogue coefficient of a title or form for a kind of recipient."""
    raw = coefficients.get(subject_kind)
    if raw is None:
        raise MoneyError(f"Danh mục không có hệ số tiền thưởng cho đối tượng {subject_kind}")
    return Decimal(str(raw))


def award_amount(
    coefficients: Mapping[str, str | Decimal],
    subject_kind: str,
    base_salary: int,
    method: str = METHOD_B,
) -> int:
    """The bonus of one award for a recipient of ``subject_kind``, in whole đồng.

    ``coefficients`` are the catalogue's per-kind coefficients (collective and household ones
    are the individual one times 2 and 1.5). With method B and a known individual coefficient,
    a collective or household gets the rounded individual amount times the multiple, rounded.
    """
    if method not in (METHOD_A, METHOD_B):
        raise MoneyError(f"Cách tính '{method}' không hợp lệ (A hoặc B)")
    own = coefficient_for(coefficients, subject_kind)
    if subject_kind == INDIVIDUAL or method == METHOD_A or INDIVIDUAL not in coefficients:
        return round_up(own * base_salary)
    individual = coefficient_for(coefficients, INDIVIDUAL)
    if individual == 0:
        return round_up(own * base_salary)
    multiple = own / individual
    return round_up(round_up(individual * base_salary) * multiple)


@dataclass(frozen=True)
class AwardLine:
    """One award of a recipient considered for payment at the same moment."""

    key: object  # the caller's handle (a recipient line id...)
    kind: str  # DANH_HIEU or HINH_THUC
    period: tuple[int | None, int | None]  # counting period (from, to) or (year, year)
    amount: int


def payable(lines: Sequence[AwardLine]) -> dict[object, bool]:
    """Which lines of one recipient are paid: among titles of the same counting period only
    the highest amount (the first listed on a tie); every form, and titles of other periods."""
    paid: dict[object, bool] = {}
    best: dict[tuple[int | None, int | None], AwardLine] = {}
    for line in lines:
        if line.kind != TITLE_KIND:
            paid[line.key] = True
            continue
        current = best.get(line.period)
        if current is None or line.amount > current.amount:
            best[line.period] = line
    for line in lines:
        if line.kind == TITLE_KIND:
            paid[line.key] = best[line.period] is line
    return paid
