"""Bonus money (tiền thưởng) of decisions: the base salary table, the calculation method, the
amounts of one decision and the total of a year (domain.md §3.3, §5).

- :func:`salary_steps` and :func:`add_salary_step` / :func:`update_salary_step` /
  :func:`delete_salary_step` -- the lương cơ sở table by effective date (seeded by migration
  0005, editable). A step is named by its effective date, which is unique.
- :func:`money_method` / :func:`set_money_method` -- method A (round once on the combined
  coefficient) or B (multiply the rounded individual amount; the default) for collectives and
  households. The Decree does not settle it: the accountant confirms (UNVERIFIED).
- :func:`decision_amounts` -- every line of a decision with its coefficient, the base salary in
  force on the decision date and the amount, rounded up to 10,000 đồng. Several titles of the
  same counting period paid at the same moment (decisions of the same date) pay only the
  highest (NĐ 152/2025 Điều 49 khoản 5); the others are shown unpaid with a note. Titles of the
  same period in decisions of *different* dates are paid, with a note asking the accountant to
  confirm (domain.md §3.3, UNVERIFIED). A revoked decision keeps its amounts but is flagged.
- :func:`year_total` -- the money of the agency's own issued (or corrected) decisions of a year.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from app.db.models import (
    Assignment,
    AwardRecord,
    BaseSalary,
    Decision,
    DecisionRecipient,
    Person,
    Unit,
)
from app.domain.catalogue import Catalogue
from app.domain.eligibility import RuleSetError
from app.domain.errors import ConflictError, NotFoundError, ValidationError
from app.domain.money import (
    METHOD_A,
    METHOD_B,
    DecisionLine,
    MoneyError,
    OtherAward,
    PricedLine,
    SalaryStep,
    amount_on,
    others_of_recipients,
    period_of,
    price_lines,
    salary_on,
    subject_key,
)
from app.domain.vnformat import format_date, format_money
from app.domain.vntext import clean
from app.services.reference import catalogue
from app.services.rules import effective_rule_sets
from app.services.settings import get_setting, set_setting

__all__ = [
    "COUNTED_STATUSES",
    "METHOD_KEY",
    "METHOD_NAMES",
    "DecisionMoney",
    "MoneyLine",
    "RecipientText",
    "add_salary_step",
    "decision_amounts",
    "delete_salary_step",
    "lines_total",
    "money_method",
    "parse_amount",
    "recipient_texts",
    "salary_in_force",
    "salary_steps",
    "salary_step_usage",
    "set_money_method",
    "update_salary_step",
    "validate_salary_step",
    "year_total",
]

METHOD_KEY = "money.method"
METHOD_NAMES = {
    METHOD_A: "Cách A: nhân hệ số tập thể/hộ gia đình với lương cơ sở rồi làm tròn một lần",
    METHOD_B: "Cách B: làm tròn mức cá nhân trước, rồi nhân 2 (tập thể) hoặc 1,5 (hộ gia "
    "đình) và làm tròn lại (khuyến nghị)",
}
COUNTED_STATUSES = ("ISSUED", "CORRECTED")
REVOKED = "REVOKED"
OWN = "OWN"
TITLE_KIND = "DANH_HIEU"
MAX_BASIS = 255
LEGAL_HIGHEST = "Nghị định 152/2025/NĐ-CP, Điều 49 khoản 5"


# --------------------------------------------------------------------------- base salary


def _step(row: BaseSalary) -> SalaryStep:
    return SalaryStep(
        effective_from=row.effective_from,
        amount=int(row.amount),
        legal_basis=row.legal_basis or "",
        verified=bool(row.verified),
        version=row.version,
    )


def salary_steps(session: Session) -> list[SalaryStep]:
    """The base salary table, oldest first."""
    rows = session.scalars(select(BaseSalary).order_by(BaseSalary.effective_from))
    return [_step(row) for row in rows]


def validate_salary_step(step: SalaryStep) -> list[str]:
    """Problems of a step taken alone (Vietnamese): the amount and the legal basis."""
    problems = []
    if not isinstance(step.effective_from, date):
        problems.append("Chưa nhập ngày áp dụng mức lương cơ sở")
    if isinstance(step.amount, bool) or not isinstance(step.amount, int):
        problems.append("Mức lương cơ sở phải là số nguyên đồng")
    elif step.amount <= 0:
        problems.append(
            f"Mức lương cơ sở phải lớn hơn 0 đồng (đã nhập {format_money(step.amount)})"
        )
    if len(clean(step.legal_basis)) > MAX_BASIS:
        problems.append(f"Căn cứ pháp lý dài quá {MAX_BASIS} ký tự")
    return problems


def parse_amount(text: str) -> int | None:
    """A whole number of đồng typed by a clerk: "2.530.000", "2 530 000", "2530000"; None when
    it is not one (letters, decimals, empty)."""
    value = clean(text).casefold()
    for unit in ("đồng", "vnđ", "vnd", "đ"):
        value = value.removesuffix(unit).strip()
    digits = value.replace(".", "").replace(",", "").replace(" ", "")
    if not digits.isascii() or not digits.isdigit():
        return None
    return int(digits)


def _row_on(session: Session, day: date) -> BaseSalary | None:
    return session.scalar(select(BaseSalary).where(BaseSalary.effective_from == day))


def _check(session: Session, step: SalaryStep, *, replacing: date | None = None) -> SalaryStep:
    problems = validate_salary_step(step)
    if not problems and step.effective_from != replacing and _row_on(session, step.effective_from):
        problems.append(
            f"Đã có mức lương cơ sở áp dụng từ ngày {format_date(step.effective_from)}; "
            "mỗi ngày chỉ có một mức (hãy sửa dòng đó)"
        )
    if problems:
        raise ValidationError(problems)
    return replace(step, legal_basis=clean(step.legal_basis))


def add_salary_step(session: Session, step: SalaryStep) -> SalaryStep:
    """Add a base salary from a date (positive whole đồng, one step per date)."""
    step = _check(session, step)
    session.add(
        BaseSalary(
            effective_from=step.effective_from,
            amount=step.amount,
            legal_basis=step.legal_basis or None,
            verified=step.verified,
        )
    )
    session.flush()
    return step


def update_salary_step(
    session: Session, effective_from: date, step: SalaryStep, *, expected_version: int
) -> SalaryStep:
    """Replace the step that starts on ``effective_from`` (its date may change too).

    ``expected_version``: the version of the step as shown (``SalaryStep.version``); refused
    with :class:`ConflictError` when another clerk changed it since."""
    row = _row_on(session, effective_from)
    if row is None:
        raise NotFoundError(
            f"Không có mức lương cơ sở áp dụng từ ngày {format_date(effective_from)}"
        )
    ConflictError.check(row.version, expected_version)
    step = _check(session, step, replacing=effective_from)
    row.effective_from = step.effective_from
    row.amount = step.amount
    row.legal_basis = step.legal_basis or None
    row.verified = step.verified
    session.flush()
    return step


def delete_salary_step(session: Session, effective_from: date, *, expected_version: int) -> None:
    """Delete the step that starts on ``effective_from`` (``expected_version``: as shown)."""
    row = _row_on(session, effective_from)
    if row is None:
        raise NotFoundError(
            f"Không có mức lương cơ sở áp dụng từ ngày {format_date(effective_from)}"
        )
    ConflictError.check(row.version, expected_version)
    session.delete(row)
    session.flush()


def salary_step_usage(session: Session, effective_from: date) -> int:
    """How many issued (or corrected) decisions are dated while this step is in force: their
    printed amounts change if the step changes (the GUI asks before editing)."""
    later = session.scalar(
        select(BaseSalary.effective_from)
        .where(BaseSalary.effective_from > effective_from)
        .order_by(BaseSalary.effective_from)
        .limit(1)
    )
    query = select(Decision.id).where(
        Decision.status.in_(COUNTED_STATUSES), Decision.decision_date >= effective_from
    )
    if later is not None:
        query = query.where(Decision.decision_date < later)
    return len(session.scalars(query).all())


# --------------------------------------------------------------------------- method


def money_method(session: Session) -> str:
    """The calculation method for collectives and households: "A" or "B" (default)."""
    value = get_setting(session, METHOD_KEY, METHOD_B)
    return value if value in (METHOD_A, METHOD_B) else METHOD_B


def set_money_method(session: Session, method: str) -> str:
    if method not in (METHOD_A, METHOD_B):
        raise ValidationError(f"Cách tính tiền thưởng '{method}' không hợp lệ: chỉ có A hoặc B")
    set_setting(session, METHOD_KEY, method)
    return method


# --------------------------------------------------------------------------- a decision


@dataclass(frozen=True)
class MoneyLine:
    """One line of a decision with its bonus. ``paid`` False: not paid (a higher title of the
    same period paid at the same moment, a revoked award, no coefficient); ``amount`` is still
    the computed figure, the decision total counts it as 0."""

    recipient_id: int
    position: int
    name: str
    unit: str
    catalogue_code: str
    title_name: str
    coefficient: Decimal
    base_salary: int
    amount: int
    paid: bool
    note: str
    subject_kind: str = "CA_NHAN"
    needs_check: bool = False  # the accountant must confirm (same period, other date)

    @property
    def paid_amount(self) -> int:
        return self.amount if self.paid else 0


@dataclass(frozen=True)
class DecisionMoney:
    """The money of one decision. ``on`` is the date whose base salary applies (the decision
    date; today for a draft without a date, ``provisional`` then)."""

    decision_id: int
    base_salary: SalaryStep
    method: str
    total: int
    lines: list[MoneyLine]
    number: str = ""
    decision_date: date | None = None
    on: date | None = None
    status: str = "DRAFT"
    origin: str = OWN
    provisional: bool = False
    warnings: tuple[str, ...] = field(default=())

    @property
    def revoked(self) -> bool:
        return self.status == REVOKED

    @property
    def counted(self) -> bool:
        """Whether the decision counts in the year's money (own, issued or corrected)."""
        return self.origin == OWN and self.status in COUNTED_STATUSES


def _placements(
    session: Session, person_ids: Iterable[int], on: date
) -> dict[int, tuple[str, str]]:
    """person_id -> (position title, unit name) of the assignment in force on ``on``, else the
    latest one."""
    ids = sorted(set(person_ids))
    if not ids:
        return {}
    rows = session.execute(
        select(
            Assignment.person_id,
            Assignment.position_title,
            Assignment.position_rank,
            Assignment.start_date,
            Assignment.end_date,
            Unit.full_name,
        )
        .join(Unit, Unit.id == Assignment.unit_id)
        .where(Assignment.person_id.in_(ids))
    )
    best: dict[int, tuple[tuple, tuple[str, str]]] = {}
    for pid, title, rank, start, end, unit in rows:
        in_force = (start is None or start <= on) and (end is None or end >= on)
        key = (in_force, start or date.min, -(rank or 0))
        if pid not in best or key > best[pid][0]:
            best[pid] = (key, (title or "", unit or ""))
    return {pid: value for pid, (_key, value) in best.items()}


@dataclass(frozen=True)
class RecipientText:
    row: DecisionRecipient
    name: str
    unit: str
    job: str


def recipient_texts(session: Session, decision: Decision) -> list[RecipientText]:
    """The lines of ``decision`` in the clerk's order with name, unit and position texts."""
    rows = list(
        session.scalars(
            select(DecisionRecipient)
            .where(DecisionRecipient.decision_id == decision.id)
            .order_by(DecisionRecipient.position, DecisionRecipient.id)
        )
    )
    on = decision.decision_date or date.today()
    placed = _placements(session, [r.person_id for r in rows if r.person_id is not None], on)
    people = {
        p.id: p.full_name
        for p in session.scalars(
            select(Person).where(Person.id.in_([r.person_id for r in rows if r.person_id]))
        )
    }
    unit_ids = [r.unit_id for r in rows if r.unit_id]
    units = {u.id: u for u in session.scalars(select(Unit).where(Unit.id.in_(unit_ids)))}
    parents = {
        u.id: (u.parent_id, u.full_name)
        for u in session.scalars(
            select(Unit).where(Unit.id.in_([u.parent_id for u in units.values() if u.parent_id]))
        )
    }
    out = []
    for r in rows:
        if r.subject_kind == "CA_NHAN" and r.person_id is not None:
            job, unit = placed.get(r.person_id, ("", ""))
            # the name as written in the decision (set by a correction) wins over the record
            name = r.recipient_name or people.get(r.person_id, "")
        elif r.subject_kind == "TAP_THE" and r.unit_id in units:
            own = units[r.unit_id]
            name, job = r.recipient_name or own.full_name, ""
            # a collective's "unit" is its parent, unless the parent is the agency itself
            parent = parents.get(own.parent_id) if own.parent_id is not None else None
            unit = parent[1] if parent is not None and parent[0] is not None else ""
        else:
            name, unit, job = r.recipient_name or "", "", ""
        out.append(
            RecipientText(
                row=r,
                name=clean(name),
                unit=clean(r.unit_text or unit),
                job=clean(r.job_title or job),
            )
        )
    return out


def _line_of(r: DecisionRecipient, revoked: set[int]) -> DecisionLine:
    return DecisionLine(
        r.id,
        r.position,
        subject_key(r.subject_kind, r.person_id, r.unit_id, r.recipient_name),
        r.catalogue_code,
        r.subject_kind,
        r.award_record_id,
        r.award_record_id in revoked,
    )


def _other_awards(
    session: Session, decision_id: int, mine: list[DecisionLine]
) -> tuple[list[OtherAward], list[OtherAward]]:
    """The award records and the lines of other issued decisions of this decision's
    recipients (read only: :func:`app.domain.money.others_of_recipients` sorts them)."""
    persons = {x.subject[1] for x in mine if x.subject[0] == "P"} or {-1}
    units = {x.subject[1] for x in mine if x.subject[0] == "U"} or {-1}
    records = [
        OtherAward(
            ("record", rec.id),
            subject_key(rec.subject_kind, rec.person_id, rec.unit_id, rec.recipient_name),
            rec.catalogue_code,
            rec.subject_kind,
            rec.decision_date,
            period_of(rec.period_from_year, rec.period_to_year, rec.year),
            rec.decision_number or "",
            rec.id,
            rec.decision_id,
        )
        for rec in session.scalars(
            select(AwardRecord).where(
                AwardRecord.revoked.is_(False),
                or_(
                    AwardRecord.person_id.in_(persons),
                    AwardRecord.unit_id.in_(units),
                    AwardRecord.subject_kind == "HO_GIA_DINH",
                ),
            )
        )
    ]
    lines = [
        OtherAward(
            ("line", line.id),
            subject_key(line.subject_kind, line.person_id, line.unit_id, line.recipient_name),
            line.catalogue_code,
            line.subject_kind,
            other.decision_date,
            period_of(other.period_from_year, other.period_to_year),
            other.number or "",
            line.award_record_id,
            other.id,
        )
        for line, other in session.execute(
            select(DecisionRecipient, Decision)
            .join(Decision, Decision.id == DecisionRecipient.decision_id)
            .where(
                Decision.id != decision_id,
                Decision.status.in_(COUNTED_STATUSES),
                or_(
                    DecisionRecipient.person_id.in_(persons),
                    DecisionRecipient.unit_id.in_(units),
                    and_(
                        DecisionRecipient.subject_kind == "HO_GIA_DINH",
                        DecisionRecipient.recipient_name.is_not(None),
                    ),
                ),
            )
        )
    ]
    return records, lines


def decision_amounts(
    session: Session, decision_id: int, *, on: date | None = None
) -> DecisionMoney:
    """The bonus of every line of a decision, its total and the base salary used; ``on``: as
    if the decision were dated that day (a date typed but not saved yet). Reads, prices with
    :func:`app.domain.money.price_lines`, and returns; nothing is computed here."""
    decision = session.get(Decision, decision_id)
    if decision is None:
        raise NotFoundError(f"Không tìm thấy quyết định id={decision_id}")
    steps = salary_steps(session)
    provisional = on is None and decision.decision_date is None
    on = on or decision.decision_date or date.today()
    try:
        step = salary_on(steps, on)
    except MoneyError:
        raise ValidationError(
            f"Chưa có mức lương cơ sở áp dụng ngày {format_date(on)}: thêm mức lương cơ sở "
            "ở mục Danh mục & cài đặt"
        ) from None
    method, cat = money_method(session), catalogue(session)
    recipients = recipient_texts(session, decision)
    record_ids = [r.row.award_record_id for r in recipients if r.row.award_record_id]
    revoked = set(
        session.scalars(
            select(AwardRecord.id).where(
                AwardRecord.id.in_(record_ids), AwardRecord.revoked.is_(True)
            )
        )
    )
    mine = [_line_of(r.row, revoked) for r in recipients]
    records, others = _other_awards(session, decision.id, mine)
    priced = price_lines(
        mine,
        others_of_recipients(records, others, mine, decision.id, cat),
        catalogue=cat,
        salary=step.amount,
        steps=steps,
        on=on,
        period=period_of(decision.period_from_year, decision.period_to_year),
        method=method,
        highest_citation=money_citation(session, on, "MONEY_HIGHEST"),
    )
    lines = [
        _money_line(rec, p, cat, step.amount) for rec, p in zip(recipients, priced, strict=True)
    ]
    return DecisionMoney(
        decision_id=decision.id,
        base_salary=step,
        method=method,
        total=sum(line.paid_amount for line in lines),
        lines=lines,
        number=decision.number or "",
        decision_date=decision.decision_date,
        on=on,
        status=decision.status,
        origin=decision.origin,
        provisional=provisional,
        warnings=money_warnings(
            decision.status, decision.revoke_document, provisional, on, step, lines
        ),
    )


def _money_line(rec: RecipientText, p: PricedLine, cat: Catalogue, salary: int) -> MoneyLine:
    r = rec.row
    name = cat.get(r.catalogue_code).name if r.catalogue_code in cat else r.catalogue_code
    return MoneyLine(
        recipient_id=r.id,
        position=r.position,
        name=rec.name,
        unit=rec.unit,
        catalogue_code=r.catalogue_code,
        title_name=name,
        coefficient=p.coefficient,
        base_salary=salary,
        amount=p.amount,
        paid=p.paid,
        note="; ".join(p.notes),
        subject_kind=r.subject_kind,
        needs_check=p.needs_check,
    )


def money_warnings(
    status: str,
    revoke_document: str | None,
    provisional: bool,
    on: date,
    step: SalaryStep,
    lines: Iterable[MoneyLine],
) -> tuple[str, ...]:
    """The warnings over a decision's money (revoked, undated, unverified salary, lines the
    accountant must confirm)."""
    warnings: list[str] = []
    if status == REVOKED:
        warnings.append(
            "Quyết định đã bị thu hồi"
            + (f" ({revoke_document})" if revoke_document else "")
            + ": số tiền chỉ để tham khảo, không chi"
        )
    if provisional:
        warnings.append(
            f"Quyết định chưa có ngày ký: tạm tính theo mức lương cơ sở ngày {format_date(on)}"
        )
    if not step.verified:
        warnings.append(
            f"Mức lương cơ sở {format_money(step.amount)} đồng từ ngày "
            f"{format_date(step.effective_from)} chưa được xác minh"
        )
    if any(line.needs_check for line in lines):
        warnings.append("Có dòng cần kế toán xác nhận (xem cột ghi chú)")
    return tuple(warnings)


def money_citation(session: Session, day: date, key: str) -> str:
    """A money rule's citation from the rule set in force on ``day`` (the earliest set for
    older days)."""
    sets = effective_rule_sets(session)
    try:
        rule_set = sets.on(day)
    except RuleSetError:
        rule_set = sets.sets[0]
    return rule_set.citations.get(key, LEGAL_HIGHEST)


def salary_in_force(session: Session, day: date) -> SalaryStep | None:
    """The base salary step in force on ``day`` (None when the table has none yet)."""
    try:
        return salary_on(salary_steps(session), day)
    except MoneyError:
        return None


def lines_total(
    session: Session, lines: Iterable[tuple[str, str]], day: date
) -> tuple[int, SalaryStep] | None:
    """What ``lines`` (catalogue code, subject kind) of a new decision dated ``day`` pay, with
    the base salary used; None when no base salary is in force then. The §3.3 rules need the
    lines stored: a draft's own total is :func:`decision_amounts`."""
    step = salary_in_force(session, day)
    if step is None:
        return None
    cat = catalogue(session)
    method = money_method(session)
    total = 0
    for code, kind in lines:  # no coefficient in force that day: nothing paid
        total += amount_on(cat, code, kind, day, [step], method)
    return total, step


def year_total(session: Session, year: int) -> int:
    """The bonus money of the agency's own issued or corrected decisions of ``year`` (revoked
    decisions and drafts excluded)."""
    ids = session.scalars(
        select(Decision.id).where(
            Decision.year == year,
            Decision.origin == OWN,
            Decision.status.in_(COUNTED_STATUSES),
        )
    ).all()
    return sum(decision_amounts(session, did).total for did in ids)
