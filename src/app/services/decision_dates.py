"""A decision's signing date checked while it is typed, before anything is saved (issue 14).

The base salary in force on the date of the decision picks the money (NĐ 152/2025 Điều 49
khoản 1, domain.md §5.1), so a date left over from another row or typed wrong silently changes
what every line is paid. :func:`check_signing_date` says, for a date:

- the base salary in force that day, and what the decision pays then next to what it pays at
  the date it has now (its stored date; today for a new draft) when the two salaries differ;
- a warning when the date is before the last Council session of the review year (the Council
  has not decided yet) or before the end of the review year (the day the year's rule set is
  chosen by, ``year_selection`` in rules.json; the year's achievements are not complete).

Warnings never block: a decision for a sudden achievement may rightly be dated mid-year.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.models import CatalogueItemRow, CouncilSession, Decision
from app.domain.errors import DomainError, NotFoundError
from app.domain.money import SalaryStep
from app.domain.vnformat import format_date, format_money
from app.services import money
from app.services.decision_records import DecisionInput, decision_defaults
from app.services.rules import effective_rule_sets

__all__ = ["DateCheck", "blank_draft_input", "check_signing_date"]

TITLE_KIND = "DANH_HIEU"


@dataclass(frozen=True)
class DateCheck:
    """What a signing date means for a decision (see the module docstring)."""

    day: date
    salary: SalaryStep | None  # in force on ``day``
    total: int | None  # what the decision pays dated ``day``
    before_salary: SalaryStep | None  # in force on the date it has now
    before_total: int | None
    warnings: tuple[str, ...] = ()

    @property
    def crosses_salary_change(self) -> bool:
        return (
            self.salary is not None
            and self.before_salary is not None
            and self.salary.effective_from != self.before_salary.effective_from
        )

    def salary_text(self) -> str:
        if self.salary is None:
            return f"Chưa có mức lương cơ sở áp dụng ngày {format_date(self.day)}"
        return (
            f"Lương cơ sở {format_money(self.salary.amount)} đ "
            f"(từ {format_date(self.salary.effective_from)})"
        )

    def total_text(self) -> str:
        """The new total when the date crosses a salary change ("" otherwise)."""
        if not self.crosses_salary_change or self.total is None or self.before_total is None:
            return ""
        assert self.salary is not None and self.before_salary is not None
        return (
            f"Ngày ký này đổi mức lương cơ sở {format_money(self.before_salary.amount)} → "
            f"{format_money(self.salary.amount)} đ: tổng tiền thưởng "
            f"{format_money(self.before_total)} → {format_money(self.total)} đồng"
        )


def _last_session(session: Session, year: int) -> date | None:
    return session.scalar(
        select(func.max(CouncilSession.meeting_date)).where(CouncilSession.year == year)
    )


def _is_title(session: Session, code: str | None) -> bool:
    if not code:
        return False
    return session.scalar(select(CatalogueItemRow.kind).where(CatalogueItemRow.code == code)) == (
        TITLE_KIND
    )


def _warnings(session: Session, day: date, year: int | None, yearly: bool) -> list[str]:
    if year is None:
        return []
    out = []
    met = _last_session(session, year)
    if met is not None and day < met:
        out.append(
            f"Ngày ký {format_date(day)} trước ngày họp Hội đồng Thi đua - Khen thưởng "
            f"{format_date(met)} xét năm {year}"
        )
    if yearly:
        end = effective_rule_sets(session).selection_date(year)
        if day < end:
            out.append(
                f"Ngày ký {format_date(day)} trước khi kết thúc năm xét {year} "
                f"({format_date(end)}): thành tích cả năm chưa đủ"
            )
    return out


def check_signing_date(
    session: Session,
    day: date,
    *,
    year: int | None = None,
    title: str | None = None,
    decision_id: int | None = None,
    lines: Sequence[tuple[str, str]] = (),
) -> DateCheck:
    """Check ``day`` as the signing date of decision ``decision_id`` (a stored draft), or of
    a new decision for achievements of ``year`` with ``lines`` (catalogue code, subject kind;
    a draft from the Council's results). ``title``: the award of a new decision (a yearly
    title is checked against the end of the year)."""
    salary = money.salary_in_force(session, day)
    if decision_id is not None:
        decision = session.get(Decision, decision_id)
        if decision is None:
            raise NotFoundError(f"Không tìm thấy quyết định id={decision_id}")
        own_year = decision.period_to_year or decision.year
        yearly = decision.period_to_year is not None or _is_title(session, decision.catalogue_code)
        before_day = decision.decision_date or date.today()
        try:
            total: int | None = money.decision_amounts(session, decision_id, on=day).total
            before_total: int | None = money.decision_amounts(
                session, decision_id, on=before_day
            ).total
        except DomainError:
            total = before_total = None
        return DateCheck(
            day,
            salary,
            total,
            money.salary_in_force(session, before_day),
            before_total,
            tuple(_warnings(session, day, own_year, yearly)),
        )
    before_day = date.today()
    now = money.lines_total(session, lines, day)
    then = money.lines_total(session, lines, before_day)
    return DateCheck(
        day,
        salary,
        now[0] if now is not None else None,
        then[1] if then is not None else money.salary_in_force(session, before_day),
        then[0] if then is not None else None,
        tuple(_warnings(session, day, year, _is_title(session, title) or year is not None)),
    )


def blank_draft_input(session: Session, year: int, *, today: date | None = None) -> DecisionInput:
    """The fields of a blank draft made in the register of ``year`` ("Quyết định mới"): the
    agency's defaults, signed ``today`` (never empty, never another decision's date). A draft
    made in the register of an earlier year states that year as its achievement year, so it
    stays in that register and its lines count for that year. A later year cannot be signed
    today: its draft is left undated for the clerk to date."""
    today = today or date.today()
    data = decision_defaults(session, year)
    if year > today.year:
        return data
    if year < today.year and data.period_from_year is None and data.period_to_year is None:
        data = replace(data, period_from_year=year, period_to_year=year)
    return replace(data, decision_date=today)
