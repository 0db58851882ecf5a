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
    CatalogueItemRow,
    Decision,
    DecisionRecipient,
    Person,
    Unit,
)
from app.domain.errors import ConflictError, NotFoundError, ValidationError
from app.domain.money import (
    METHOD_A,
    METHOD_B,
    AwardLine,
    MoneyError,
    SalaryStep,
    award_amount,
    payable,
    salary_on,
)
from app.domain.vnformat import format_date, format_money
from app.domain.vntext import clean
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


@dataclass(frozen=True)
class _Other:
    """An award of the same recipient outside this decision, compared for §3.3."""

    key: object
    code: str
    day: date | None
    period: tuple[int | None, int | None]
    number: str
    amount: int
    rank: int


def _coefficients(row: CatalogueItemRow | None) -> dict[str, Decimal]:
    if row is None:
        return {}
    pairs = (
        ("CA_NHAN", row.coef_ca_nhan),
        ("TAP_THE", row.coef_tap_the),
        ("HO_GIA_DINH", row.coef_ho_gia_dinh),
    )
    return {kind: Decimal(str(value)) for kind, value in pairs if value is not None}


class _Catalogue:
    def __init__(self, session: Session) -> None:
        self.rows = {row.code: row for row in session.scalars(select(CatalogueItemRow))}

    def name(self, code: str) -> str:
        row = self.rows.get(code)
        return row.name if row is not None else code

    def short(self, code: str) -> str:
        row = self.rows.get(code)
        return row.short_name if row is not None else code

    def is_title(self, code: str) -> bool:
        row = self.rows.get(code)
        return row is not None and row.kind == TITLE_KIND

    def rank(self, code: str) -> int:
        row = self.rows.get(code)
        return row.rank if row is not None else 0

    def coefficient(self, code: str, kind: str) -> Decimal | None:
        return _coefficients(self.rows.get(code)).get(kind)

    def amount(self, code: str, kind: str, salary: int, method: str) -> int:
        return award_amount(_coefficients(self.rows.get(code)), kind, salary, method)


def _subject(kind: str, person_id: int | None, unit_id: int | None, name: str | None) -> tuple:
    if kind == "CA_NHAN":
        return ("P", person_id)
    if kind == "TAP_THE":
        return ("U", unit_id)
    return ("H", clean(name or "").casefold())


def _period(frm: int | None, to: int | None) -> tuple[int | None, int | None]:
    if frm is None and to is None:
        return (None, None)
    return (frm if frm is not None else to, to if to is not None else frm)


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


def _others(
    session: Session,
    decision: Decision,
    recipients: list[RecipientText],
    cat: _Catalogue,
    steps: list[SalaryStep],
    method: str,
) -> dict[tuple, list[_Other]]:
    """Titles the same recipients received outside this decision (not revoked): award records
    and the lines of other issued decisions, by subject."""
    own_records = {r.row.award_record_id for r in recipients if r.row.award_record_id}
    persons = {r.row.person_id for r in recipients if r.row.person_id}
    units = {r.row.unit_id for r in recipients if r.row.unit_id}
    names = {
        clean(r.row.recipient_name or "").casefold()
        for r in recipients
        if r.row.subject_kind == "HO_GIA_DINH"
    }
    found: dict[tuple, list[_Other]] = {}
    seen_records: set[int] = set()

    def amount_on(code: str, kind: str, day: date | None) -> int:
        try:
            return cat.amount(code, kind, salary_on(steps, day).amount, method) if day else 0
        except MoneyError:
            return 0

    def add(subject: tuple, other: _Other) -> None:
        found.setdefault(subject, []).append(other)

    subject_filter = or_(
        AwardRecord.person_id.in_(persons or {-1}),
        AwardRecord.unit_id.in_(units or {-1}),
        AwardRecord.subject_kind == "HO_GIA_DINH",
    )
    records = session.scalars(
        select(AwardRecord).where(AwardRecord.revoked.is_(False), subject_filter)
    )
    for rec in records:
        if rec.id in own_records or rec.decision_id == decision.id:
            continue
        if not cat.is_title(rec.catalogue_code):
            continue
        subject = _subject(rec.subject_kind, rec.person_id, rec.unit_id, rec.recipient_name)
        if subject[0] == "H" and subject[1] not in names:
            continue
        seen_records.add(rec.id)
        period = _period(rec.period_from_year, rec.period_to_year)
        if period == (None, None) and rec.year is not None:
            period = (rec.year, rec.year)
        add(
            subject,
            _Other(
                key=("record", rec.id),
                code=rec.catalogue_code,
                day=rec.decision_date,
                period=period,
                number=rec.decision_number or "",
                amount=amount_on(rec.catalogue_code, rec.subject_kind, rec.decision_date),
                rank=cat.rank(rec.catalogue_code),
            ),
        )
    lines = session.execute(
        select(DecisionRecipient, Decision)
        .join(Decision, Decision.id == DecisionRecipient.decision_id)
        .where(
            Decision.id != decision.id,
            Decision.status.in_(COUNTED_STATUSES),
            or_(
                DecisionRecipient.person_id.in_(persons or {-1}),
                DecisionRecipient.unit_id.in_(units or {-1}),
                and_(
                    DecisionRecipient.subject_kind == "HO_GIA_DINH",
                    DecisionRecipient.recipient_name.is_not(None),
                ),
            ),
        )
    )
    for line, other in lines:
        if line.award_record_id in seen_records or line.award_record_id in own_records:
            continue
        if not cat.is_title(line.catalogue_code):
            continue
        subject = _subject(line.subject_kind, line.person_id, line.unit_id, line.recipient_name)
        if subject[0] == "H" and subject[1] not in names:
            continue
        add(
            subject,
            _Other(
                key=("line", line.id),
                code=line.catalogue_code,
                day=other.decision_date,
                period=_period(other.period_from_year, other.period_to_year),
                number=other.number or "",
                amount=amount_on(line.catalogue_code, line.subject_kind, other.decision_date),
                rank=cat.rank(line.catalogue_code),
            ),
        )
    return found


def _decision_label(number: str, day: date | None) -> str:
    label = f"QĐ số {number}" if number else "quyết định khác"
    return f"{label} ngày {format_date(day)}" if day else label


def decision_amounts(
    session: Session, decision_id: int, *, on: date | None = None
) -> DecisionMoney:
    """The bonus of every line of a decision, its total and the base salary used; ``on``: as
    if the decision were dated that day (a date typed but not saved yet)."""
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
    method = money_method(session)
    cat = _Catalogue(session)
    recipients = recipient_texts(session, decision)
    own_period = _period(decision.period_from_year, decision.period_to_year)
    others = _others(session, decision, recipients, cat, steps, method)

    computed: dict[int, tuple[Decimal, int, str]] = {}
    for rec in recipients:
        r = rec.row
        coef = cat.coefficient(r.catalogue_code, r.subject_kind)
        if coef is None:
            computed[r.id] = (
                Decimal(0),
                0,
                "Danh mục không có hệ số tiền thưởng cho đối tượng này",
            )
            continue
        amount = cat.amount(r.catalogue_code, r.subject_kind, step.amount, method)
        computed[r.id] = (coef, amount, "")

    revoked_records = set(
        session.scalars(
            select(AwardRecord.id).where(
                AwardRecord.id.in_(
                    [r.row.award_record_id for r in recipients if r.row.award_record_id]
                ),
                AwardRecord.revoked.is_(True),
            )
        )
    )

    # §3.3: per recipient, titles of the same period at the same moment pay only the highest.
    by_subject: dict[tuple, list[RecipientText]] = {}
    for rec in recipients:
        r = rec.row
        by_subject.setdefault(
            _subject(r.subject_kind, r.person_id, r.unit_id, r.recipient_name), []
        ).append(rec)
    paid: dict[int, bool] = {}
    notes: dict[int, list[str]] = {}
    checks: set[int] = set()
    for subject, mine in by_subject.items():
        titles = [rec for rec in mine if cat.is_title(rec.row.catalogue_code)]
        same_day = [
            o
            for o in others.get(subject, [])
            if own_period != (None, None) and o.day == on and o.period == own_period
        ]
        candidates: list[tuple[int, int, int, AwardLine]] = []
        for rec in titles:
            r = rec.row
            line = AwardLine(("own", r.id), TITLE_KIND, own_period, computed[r.id][1])
            candidates.append((-cat.rank(r.catalogue_code), 0, r.position, line))
        for i, o in enumerate(same_day):
            line = AwardLine(o.key, TITLE_KIND, o.period, o.amount)
            candidates.append((-o.rank, 1, i, line))
        candidates.sort(key=lambda c: (c[0], c[1], c[2]))
        verdict = payable([c[3] for c in candidates])
        winners = {c[3].key for c in candidates if verdict[c[3].key]}
        for rec in titles:
            r = rec.row
            if verdict.get(("own", r.id), True):
                continue
            paid[r.id] = False
            higher = next(
                (c[3] for c in candidates if c[3].key in winners and c[3].period == own_period),
                None,
            )
            what, where = "", ""
            if higher is not None:
                key = higher.key
                if isinstance(key, tuple) and key[0] == "own":
                    code = next(x.row.catalogue_code for x in titles if x.row.id == key[1])
                    what = cat.short(code)
                else:
                    o = next(x for x in same_day if x.key == key)
                    what = cat.short(o.code)
                    where = f" theo {_decision_label(o.number, None)}"
            notes.setdefault(r.id, []).append(
                f"Không chi: đã chi danh hiệu cao hơn ({what}){where} cùng kỳ thi đua, cùng "
                f"thời điểm - NĐ 152/2025, Điều 49 khoản 5"
            )
        # same period, a decision of another date: paid, but the accountant confirms
        for rec in titles:
            r = rec.row
            if own_period == (None, None) or paid.get(r.id) is False:
                continue
            elsewhere = [
                o for o in others.get(subject, []) if o.period == own_period and o.day != on
            ]
            if elsewhere:
                o = elsewhere[0]
                checks.add(r.id)
                notes.setdefault(r.id, []).append(
                    f"Cùng kỳ đã có {cat.short(o.code)} theo {_decision_label(o.number, o.day)}"
                    ": cần kế toán xác nhận việc chi (khác ngày quyết định)"
                )
    lines: list[MoneyLine] = []
    for rec in recipients:
        r = rec.row
        coef, amount, problem = computed[r.id]
        is_paid = paid.get(r.id, True)
        line_notes = list(notes.get(r.id, []))
        if problem:
            is_paid = False
            line_notes.insert(0, problem)
        if r.award_record_id in revoked_records:
            is_paid = False
            line_notes.insert(0, "Khen thưởng đã bị thu hồi")
        lines.append(
            MoneyLine(
                recipient_id=r.id,
                position=r.position,
                name=rec.name,
                unit=rec.unit,
                catalogue_code=r.catalogue_code,
                title_name=cat.name(r.catalogue_code),
                coefficient=coef,
                base_salary=step.amount,
                amount=amount,
                paid=is_paid,
                note="; ".join(line_notes),
                subject_kind=r.subject_kind,
                needs_check=r.id in checks,
            )
        )
    warnings: list[str] = []
    if decision.status == REVOKED:
        warnings.append(
            "Quyết định đã bị thu hồi"
            + (f" ({decision.revoke_document})" if decision.revoke_document else "")
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
        warnings=tuple(warnings),
    )


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
    cat = _Catalogue(session)
    method = money_method(session)
    total = 0
    for code, kind in lines:
        if cat.coefficient(code, kind) is not None:  # no coefficient: nothing paid
            total += cat.amount(code, kind, step.amount, method)
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
