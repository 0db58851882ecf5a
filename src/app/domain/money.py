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
- :func:`others_of_recipients`: the gathering of the titles a decision's recipients received
  elsewhere (award records, lines of other issued decisions), each once, with its period.
- :func:`price_lines`: a decision's lines priced by the coefficients and base salary in force
  on its date, §3.3 applied with those other titles (same date: only the highest is paid;
  same period on another date: paid, the accountant confirms), revoked awards unpaid, every
  note in Vietnamese with the citation the rule set gives.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_CEILING, Decimal
from typing import Any

from app.domain.catalogue import Catalogue
from app.domain.vnformat import format_date
from app.domain.vntext import clean

__all__ = [
    "METHOD_A",
    "METHOD_B",
    "ROUNDING_STEP",
    "AwardLine",
    "DecisionLine",
    "MoneyError",
    "OtherAward",
    "PricedLine",
    "SalaryStep",
    "award_amount",
    "coefficient_for",
    "others_of_recipients",
    "payable",
    "period_of",
    "price_lines",
    "round_up",
    "salary_on",
    "subject_key",
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


# --------------------------------------------------------------------------- a decision's lines

Subject = tuple[str, object]  # ("P", person id), ("U", unit id), ("H", household name folded)
Period = tuple[int | None, int | None]
NO_PERIOD: Period = (None, None)


def subject_key(kind: str, person_id: int | None, unit_id: int | None, name: str | None) -> Subject:
    """Who receives an award: a person, a collective, or a household by its name."""
    if kind == INDIVIDUAL:
        return ("P", person_id)
    if kind == "TAP_THE":
        return ("U", unit_id)
    return ("H", clean(name or "").casefold())


def period_of(first: int | None, last: int | None, year: int | None = None) -> Period:
    """The counting period (from, to); one year given alone stands for both; none: the
    award's ``year`` when there is one."""
    if first is None and last is None:
        return (year, year) if year is not None else NO_PERIOD
    return (first if first is not None else last, last if last is not None else first)


@dataclass(frozen=True)
class DecisionLine:
    """A line of the decision being priced."""

    id: int
    position: int
    subject: Subject
    code: str
    subject_kind: str
    record_id: int | None = None
    revoked: bool = False  # its award record was revoked


@dataclass(frozen=True)
class OtherAward:
    """A title of a recipient outside the decision: an award record (``key`` ("record", id))
    or a line of another issued decision (("line", id), ``record_id`` its award record)."""

    key: tuple[str, int]
    subject: Subject
    code: str
    subject_kind: str
    day: date | None
    period: Period
    number: str = ""
    record_id: int | None = None
    decision_id: int | None = None


def others_of_recipients(
    records: Iterable[OtherAward],
    lines: Iterable[OtherAward],
    mine: Sequence[DecisionLine],
    decision_id: int,
    catalogue: Catalogue,
) -> dict[Subject, list[OtherAward]]:
    """The titles the recipients of ``mine`` received outside this decision, by recipient:
    award records first, then lines of other decisions not already counted through their
    record; this decision's own records and lines left out; forms left out (they always pay)."""
    subjects = {line.subject for line in mine}
    own_records = {line.record_id for line in mine if line.record_id is not None}
    found: dict[Subject, list[OtherAward]] = {}
    seen: set[int] = set()

    def is_title(code: str) -> bool:
        return code in catalogue and catalogue.get(code).is_title

    for rec in records:
        if rec.key[1] in own_records or rec.decision_id == decision_id:
            continue
        if rec.subject not in subjects or not is_title(rec.code):
            continue
        seen.add(rec.key[1])
        found.setdefault(rec.subject, []).append(rec)
    for line in lines:
        if (
            line.decision_id == decision_id
            or line.record_id in seen
            or line.record_id in own_records
        ):
            continue
        if line.subject not in subjects or not is_title(line.code):
            continue
        found.setdefault(line.subject, []).append(line)
    return found


@dataclass(frozen=True)
class PricedLine:
    """A line with its coefficient and amount; ``paid`` False: counted as 0 (see notes)."""

    id: int
    coefficient: Decimal
    amount: int
    paid: bool
    notes: tuple[str, ...] = ()
    needs_check: bool = False  # the accountant confirms (same period, another date)


def amount_on(
    catalogue: Catalogue,
    code: str,
    kind: str,
    day: date | None,
    steps: Sequence[SalaryStep],
    method: str,
) -> int:
    """What an award of ``code`` for a ``kind`` recipient paid on ``day`` (0 when no salary
    or no coefficient was in force then)."""
    if day is None or code not in catalogue:
        return 0
    coefficients = _by_kind(catalogue.get(code).coefficients_on(day))
    if kind not in coefficients:
        return 0
    try:
        salary = salary_on(steps, day).amount
    except MoneyError:
        return 0
    return award_amount(coefficients, kind, salary, method)


def _by_kind(coefficients: Mapping[Any, Decimal]) -> dict[str, Decimal]:
    """Coefficients keyed by the subject kind's code ("CA_NHAN"...)."""
    return {str(getattr(k, "value", k)): v for k, v in coefficients.items()}


def _label(number: str, day: date | None) -> str:
    label = f"QĐ số {number}" if number else "quyết định khác"
    return f"{label} ngày {format_date(day)}" if day else label


def price_lines(
    mine: Sequence[DecisionLine],
    others: Mapping[Subject, Sequence[OtherAward]],
    *,
    catalogue: Catalogue,
    salary: int,
    steps: Sequence[SalaryStep],
    on: date,
    period: Period,
    method: str,
    highest_citation: str,
) -> list[PricedLine]:
    """Every line priced on ``on`` (the decision's date) and §3.3 applied per recipient:
    titles of the same period at the same moment pay only the highest (ranked by the
    catalogue, this decision's lines first on a tie), the others are unpaid with a note
    naming the one paid; a title of the same period paid on another date stays paid and is
    flagged for the accountant; a line whose award was revoked, or without a coefficient in
    force on ``on``, is unpaid."""
    coef: dict[int, Decimal] = {}
    amounts: dict[int, int] = {}
    notes: dict[int, list[str]] = {line.id: [] for line in mine}
    unpaid: set[int] = set()
    checks: set[int] = set()
    for line in mine:
        item = catalogue.get(line.code) if line.code in catalogue else None
        values = _by_kind(item.coefficients_on(on)) if item is not None else {}
        if line.subject_kind not in values:
            coef[line.id], amounts[line.id] = Decimal(0), 0
            unpaid.add(line.id)
            dated = item is not None and item.steps and item.step_on(on) is None
            when = f" áp dụng ngày {format_date(on)}" if dated else ""
            notes[line.id].append(f"Danh mục không có hệ số tiền thưởng cho đối tượng này{when}")
        else:
            coef[line.id] = values[line.subject_kind]
            amounts[line.id] = award_amount(values, line.subject_kind, salary, method)
    by_subject: dict[Subject, list[DecisionLine]] = {}
    for line in mine:
        by_subject.setdefault(line.subject, []).append(line)
    for subject, lines in by_subject.items():
        titles = [x for x in lines if x.code in catalogue and catalogue.get(x.code).is_title]
        theirs = list(others.get(subject, ()))
        same_day = [o for o in theirs if period != NO_PERIOD and o.day == on and o.period == period]
        ranked: list[tuple[int, int, int, AwardLine, str, str]] = []
        for x in titles:
            award = AwardLine(("own", x.id), TITLE_KIND, period, amounts[x.id])
            ranked.append((-catalogue.get(x.code).rank, 0, x.position, award, x.code, ""))
        for i, o in enumerate(same_day):
            paid_then = amount_on(catalogue, o.code, o.subject_kind, o.day, steps, method)
            award = AwardLine(o.key, TITLE_KIND, o.period, paid_then)
            where = f" theo {_label(o.number, None)}"
            ranked.append((-catalogue.get(o.code).rank, 1, i, award, o.code, where))
        ranked.sort(key=lambda r: r[:3])
        verdict = payable([r[3] for r in ranked])
        winner = next((r for r in ranked if verdict[r[3].key]), None)
        for x in titles:
            if verdict.get(("own", x.id), True):
                continue
            unpaid.add(x.id)
            what = catalogue.get(winner[4]).short if winner is not None else ""
            where = winner[5] if winner is not None else ""
            notes[x.id].append(
                f"Không chi: đã chi danh hiệu cao hơn ({what}){where} cùng kỳ thi đua, cùng "
                f"thời điểm - {highest_citation}"
            )
        for x in titles:
            if period == NO_PERIOD or x.id in unpaid:
                continue
            elsewhere = [o for o in theirs if o.period == period and o.day != on]
            if elsewhere:
                o = elsewhere[0]
                checks.add(x.id)
                notes[x.id].append(
                    f"Cùng kỳ đã có {catalogue.get(o.code).short} theo {_label(o.number, o.day)}"
                    ": cần kế toán xác nhận việc chi (khác ngày quyết định)"
                )
    out = []
    for line in mine:
        line_notes = notes[line.id]
        if line.revoked:
            unpaid.add(line.id)
            line_notes.insert(0, "Khen thưởng đã bị thu hồi")
        out.append(
            PricedLine(
                line.id,
                coef[line.id],
                amounts[line.id],
                line.id not in unpaid,
                tuple(line_notes),
                line.id in checks,
            )
        )
    return out
