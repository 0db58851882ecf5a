"""One person's record: details, add, edit, transfer, leave, grades and discipline (issue 3)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app.db.base import utcnow
from app.db.models import (
    Assignment,
    AwardRecord,
    Discipline,
    Initiative,
    InitiativeAuthor,
    Person,
    PersonGrade,
    Unit,
)
from app.domain.codes import HoldOutcome
from app.domain.errors import ConflictError, NotFoundError, ValidationError
from app.domain.people import (
    Identity,
    PersonInput,
    duplicate_reasons,
    grade_months_problem,
    validate_person_input,
)
from app.domain.person_facts import (
    DisciplineFacts,
    SectorFacts,
    discipline_problems,
    sector_problems,
)
from app.domain.vntext import clean, fold
from app.services.eligibility import min_grade_months
from app.services.people_queries import current_assignments
from app.services.reference import codes


@dataclass(frozen=True)
class DuplicateCandidate:
    id: int
    full_name: str
    birth_date: date | None
    birth_year: int | None
    unit_name: str
    reasons: tuple[str, ...]
    version: int = 0  # passed back by a merge (optimistic locking)


class DuplicatePersonError(ValidationError):
    """The person looks like one already stored; ``candidates`` lists them."""

    def __init__(self, candidates: list[DuplicateCandidate]) -> None:
        self.candidates = candidates
        lines = [
            f"{c.full_name} ({c.birth_date:%d/%m/%Y})" if c.birth_date else c.full_name
            for c in candidates
        ]
        super().__init__([f"Có thể trùng với hồ sơ đã có: {', '.join(lines)}"])


@dataclass(frozen=True)
class AssignmentDTO:
    id: int
    unit_id: int
    unit_name: str
    position_title: str
    position_rank: int
    start_date: date | None
    end_date: date | None
    version: int = 0


@dataclass(frozen=True)
class GradeDTO:
    id: int
    year: int
    grade: str
    months_worked: int | None
    note: str | None
    version: int = 0


@dataclass(frozen=True)
class DisciplineDTO:
    """A penalty or a hold; a hold's conclusion (``outcome`` on ``concluded_on``) and, with a
    violation, the penalty recorded for it (``penalty_id``, its kind and dates)."""

    id: int
    kind: str
    start_date: date
    end_date: date | None
    decision_number: str | None
    conclusion: str | None
    note: str | None
    outcome: str | None = None
    concluded_on: date | None = None
    penalty_id: int | None = None
    penalty_kind: str | None = None
    penalty_start: date | None = None
    penalty_end: date | None = None
    version: int = 0

    def facts(self) -> DisciplineFacts:
        return DisciplineFacts(
            self.kind,
            self.start_date,
            self.end_date,
            self.decision_number or "",
            self.note or "",
            self.outcome,
            self.concluded_on,
            self.penalty_kind,
            self.penalty_start,
            self.penalty_end,
        )


@dataclass(frozen=True)
class InitiativeDTO:
    id: int
    title: str
    kind: str
    scope: str
    year: int
    decision_number: str | None
    decision_date: date | None


@dataclass(frozen=True)
class AwardDTO:
    id: int
    catalogue_code: str
    award_name: str
    award_type: str
    year: int | None
    decision_number: str | None
    decision_date: date | None
    authority: str | None
    revoked: bool


@dataclass(frozen=True)
class PersonDetail:
    id: int
    data: PersonInput
    full_name: str
    active: bool
    left_date: date | None
    left_reason: str | None
    assignments: list[AssignmentDTO] = field(default_factory=list)
    grades: list[GradeDTO] = field(default_factory=list)
    disciplines: list[DisciplineDTO] = field(default_factory=list)
    initiatives: list[InitiativeDTO] = field(default_factory=list)
    awards: list[AwardDTO] = field(default_factory=list)
    sector: SectorFacts = field(default_factory=SectorFacts)
    # the person row's version when read: saves of the record pass it back (optimistic locking)
    version: int = 0

    @property
    def current_assignment(self) -> AssignmentDTO | None:
        open_rows = [a for a in self.assignments if a.end_date is None]
        return open_rows[-1] if open_rows else (self.assignments[-1] if self.assignments else None)


# ---------------------------------------------------------------- one person


def load_person(session: Session, person_id: int, expected_version: int | None = None) -> Person:
    """The person; with ``expected_version``, refused (:class:`ConflictError`) when another
    clerk saved the record since the screen read it."""
    person = session.get(Person, person_id)
    if person is None:
        raise NotFoundError(f"Không tìm thấy cán bộ id={person_id}")
    if expected_version is not None:
        ConflictError.check(person.version, expected_version)
    return person


def _touch(person: Person) -> None:
    """Count a change of the person's record made in its other rows (a transfer ends and adds
    assignments): the person's version grows, so a screen showing the old record is refused."""
    person.updated_at = utcnow()


def _input_of(p: Person) -> PersonInput:
    return PersonInput(
        ho_dem=p.ho_dem,
        ten=p.ten,
        gender=p.gender,
        birth_date=p.birth_date,
        birth_year=p.birth_year,
        staff_code=p.staff_code,
        citizen_id=p.citizen_id,
        subject_category=p.subject_category,
        note=p.note,
    )


def get_person(session: Session, person_id: int) -> PersonDetail:
    p = load_person(session, person_id)
    names = dict(session.execute(select(Unit.id, Unit.full_name)).all())
    award_names = dict(
        session.execute(select(AwardRecord.catalogue_code, AwardRecord.catalogue_code)).all()
    )
    from app.services.reference import catalogue

    cat = catalogue()
    for code in award_names:
        award_names[code] = cat.get(code).name if code in cat else code
    assignments = session.scalars(
        select(Assignment)
        .where(Assignment.person_id == person_id)
        .order_by(Assignment.start_date, Assignment.id)
    ).all()
    grades = session.scalars(
        select(PersonGrade).where(PersonGrade.person_id == person_id).order_by(PersonGrade.year)
    )
    disciplines = session.scalars(
        select(Discipline).where(Discipline.person_id == person_id).order_by(Discipline.start_date)
    ).all()
    by_id = {d.id: d for d in disciplines}
    initiatives = session.scalars(
        select(Initiative)
        .join(InitiativeAuthor, InitiativeAuthor.initiative_id == Initiative.id)
        .where(InitiativeAuthor.person_id == person_id)
        .order_by(Initiative.year, Initiative.id)
    )
    awards = session.scalars(
        select(AwardRecord)
        .where(AwardRecord.person_id == person_id)
        .order_by(AwardRecord.year, AwardRecord.decision_date, AwardRecord.id)
    )
    return PersonDetail(
        id=p.id,
        data=_input_of(p),
        full_name=p.full_name,
        active=p.active,
        left_date=p.left_date,
        left_reason=p.left_reason,
        assignments=[
            AssignmentDTO(
                a.id,
                a.unit_id,
                names.get(a.unit_id, ""),
                a.position_title,
                a.position_rank,
                a.start_date,
                a.end_date,
                a.version,
            )
            for a in assignments
        ],
        grades=[
            GradeDTO(g.id, g.year, g.grade, g.months_worked, g.note, g.version) for g in grades
        ],
        disciplines=[_discipline_dto(d, by_id.get(d.penalty_id or 0)) for d in disciplines],
        initiatives=[
            InitiativeDTO(
                i.id, i.title, i.kind, i.scope, i.year, i.decision_number, i.decision_date
            )
            for i in initiatives
        ],
        awards=[
            AwardDTO(
                a.id,
                a.catalogue_code,
                award_names.get(a.catalogue_code, a.catalogue_code),
                a.award_type,
                a.year,
                a.decision_number,
                a.decision_date,
                a.authority,
                a.revoked,
            )
            for a in awards
        ],
        sector=SectorFacts(
            p.sector_start_date, p.sector_break_months, p.remote_area_years, p.death_date
        ),
        version=p.version,
    )


def _discipline_dto(d: Discipline, penalty: Discipline | None) -> DisciplineDTO:
    return DisciplineDTO(
        d.id,
        d.kind,
        d.start_date,
        d.end_date,
        d.decision_number,
        d.conclusion,
        d.note,
        d.outcome,
        d.concluded_on,
        penalty.id if penalty else None,
        penalty.kind if penalty else None,
        penalty.start_date if penalty else None,
        penalty.end_date if penalty else None,
        d.version,
    )


def _identity(data: PersonInput, person_id: int | None = None) -> Identity:
    return Identity(
        person_id,
        data.full_name,
        data.birth_date,
        data.birth_year,
        data.staff_code,
        data.citizen_id,
    )


def find_duplicates(
    session: Session, data: PersonInput, *, exclude_id: int | None = None
) -> list[DuplicateCandidate]:
    """Stored people who may be the same as ``data`` (name + birth, staff code or citizen ID)."""
    data = data.normalised()
    conds = [Person.name_key == fold(data.full_name)]
    if data.staff_code:
        conds.append(func.upper(Person.staff_code) == data.staff_code)
    if data.citizen_id:
        conds.append(Person.citizen_id == data.citizen_id)
    stmt = select(Person).where(or_(*conds))
    if exclude_id is not None:
        stmt = stmt.where(Person.id != exclude_id)
    me = _identity(data)
    current = current_assignments(session, date.today())
    names = dict(session.execute(select(Unit.id, Unit.full_name)).all())
    out = []
    for p in session.scalars(stmt):
        reasons = duplicate_reasons(me, _identity(_input_of(p), p.id))
        if reasons:
            unit = current.get(p.id)
            out.append(
                DuplicateCandidate(
                    p.id,
                    p.full_name,
                    p.birth_date,
                    p.birth_year,
                    names.get(unit[0], "") if unit else "",
                    tuple(reasons),
                    p.version,
                )
            )
    return out


def _check(
    session: Session, data: PersonInput, *, exclude_id: int | None, allow_duplicate: bool
) -> PersonInput:
    data = data.normalised()
    problems = validate_person_input(data, date.today())
    if data.subject_category and data.subject_category not in {
        e.code for e in codes().table("person_categories")
    }:
        problems.append(f"Phân loại đối tượng '{data.subject_category}' không có trong danh mục")
    for column, value, label in (
        (Person.staff_code, data.staff_code, "Mã cán bộ"),
        (Person.citizen_id, data.citizen_id, "Số CCCD"),
    ):
        if value:
            stmt = select(Person.full_name).where(column == value)
            if exclude_id is not None:
                stmt = stmt.where(Person.id != exclude_id)
            owner = session.scalar(stmt)
            if owner is not None and not allow_duplicate:
                problems.append(f"{label} {value} đã thuộc về {owner}")
            elif owner is not None:
                problems.append(
                    f"{label} {value} đã thuộc về {owner}: hãy gộp hồ sơ thay vì nhập lại"
                )
    if problems:
        raise ValidationError(problems)
    if not allow_duplicate:
        candidates = find_duplicates(session, data, exclude_id=exclude_id)
        if candidates:
            raise DuplicatePersonError(candidates)
    return data


def _apply_sector(p: Person, facts: SectorFacts) -> None:
    problems = sector_problems(facts, date.today(), p.birth_date)
    if problems:
        raise ValidationError(problems)
    p.sector_start_date = facts.start_date
    p.sector_break_months = facts.break_months
    p.remote_area_years = facts.remote_area_years
    p.death_date = facts.death_date


def _apply(p: Person, data: PersonInput) -> None:
    p.ho_dem = data.ho_dem
    p.ten = data.ten
    p.full_name = data.full_name
    p.name_key = fold(data.full_name)
    p.gender = data.gender
    p.birth_date = data.birth_date
    p.birth_year = data.birth_year
    p.staff_code = data.staff_code
    p.citizen_id = data.citizen_id
    p.subject_category = data.subject_category
    p.note = data.note


def create_person(
    session: Session,
    data: PersonInput,
    *,
    unit_id: int | None = None,
    position_title: str = "",
    start_date: date | None = None,
    allow_duplicate: bool = False,
    sector: SectorFacts | None = None,
) -> int:
    """Add a person (and their first assignment). Raises DuplicatePersonError unless allowed.
    ``sector``: years in the sector (None: not known)."""
    data = _check(session, data, exclude_id=None, allow_duplicate=allow_duplicate)
    title = clean(position_title)
    p = Person()
    _apply(p, data)
    if sector is not None:
        _apply_sector(p, sector)
    if p.subject_category is None and title:
        p.subject_category = codes().position_category(title)
    session.add(p)
    session.flush()
    if unit_id is not None:
        _check_unit_current(session, unit_id)
        session.add(
            Assignment(
                person_id=p.id,
                unit_id=unit_id,
                position_title=title,
                position_rank=codes().position_rank(title),
                start_date=start_date,
            )
        )
        session.flush()
    return p.id


def update_person(
    session: Session,
    person_id: int,
    data: PersonInput,
    *,
    expected_version: int,
    allow_duplicate: bool = False,
    sector: SectorFacts | None = None,
) -> None:
    """Save a person's own fields; ``sector`` (years in the sector) too unless None.

    ``expected_version``: the version the clerk's form read (``PersonDetail.version``); a record
    saved by someone else since is refused with :class:`ConflictError`, nothing written."""
    p = load_person(session, person_id, expected_version)
    data = _check(session, data, exclude_id=person_id, allow_duplicate=allow_duplicate)
    _apply(p, data)
    if sector is not None:
        _apply_sector(p, sector)
    session.flush()


def _check_unit_current(session: Session, unit_id: int) -> Unit:
    unit = session.get(Unit, unit_id)
    if unit is None:
        raise NotFoundError(f"Không tìm thấy đơn vị id={unit_id}")
    if unit.valid_to is not None:
        raise ValidationError(
            f"Đơn vị '{unit.full_name}' đã kết thúc hoạt động từ {unit.valid_to:%d/%m/%Y}"
        )
    return unit


def transfer_person(
    session: Session,
    person_id: int,
    unit_id: int,
    position_title: str,
    effective: date,
    *,
    expected_version: int,
) -> None:
    """Move a person to another unit or position from ``effective``; the old assignment ends the
    day before. ``expected_version``: the person's version as shown (refused when stale)."""
    p = load_person(session, person_id, expected_version)
    if not p.active:
        raise ValidationError(f"{p.full_name} đã nghỉ: không điều chuyển được")
    _check_unit_current(session, unit_id)
    title = clean(position_title)
    open_rows = session.scalars(
        select(Assignment).where(Assignment.person_id == person_id, Assignment.end_date.is_(None))
    ).all()
    for a in open_rows:
        if a.start_date is not None and a.start_date >= effective:
            raise ValidationError(
                f"Ngày điều chuyển phải sau ngày bắt đầu công tác hiện tại ({a.start_date:%d/%m/%Y})"
            )
        a.end_date = effective - timedelta(days=1)
    session.add(
        Assignment(
            person_id=person_id,
            unit_id=unit_id,
            position_title=title,
            position_rank=codes().position_rank(title),
            start_date=effective,
        )
    )
    _touch(p)
    session.flush()


def mark_left(
    session: Session, person_id: int, left_date: date, reason: str, *, expected_version: int
) -> None:
    """Mark a person as left (retired, transferred out...). History is kept."""
    p = load_person(session, person_id, expected_version)
    if not clean(reason):
        raise ValidationError("Chưa chọn lý do nghỉ")
    for a in session.scalars(
        select(Assignment).where(Assignment.person_id == person_id, Assignment.end_date.is_(None))
    ):
        if a.start_date is not None and a.start_date > left_date:
            raise ValidationError(
                f"Ngày nghỉ trước ngày bắt đầu công tác ({a.start_date:%d/%m/%Y})"
            )
        a.end_date = left_date
    p.active = False
    p.left_date = left_date
    p.left_reason = clean(reason)
    session.flush()


def reactivate(session: Session, person_id: int, *, expected_version: int) -> None:
    p = load_person(session, person_id, expected_version)
    p.active = True
    p.left_date = None
    p.left_reason = None
    session.flush()


# ---------------------------------------------------------------- grades and discipline


def set_grade(
    session: Session,
    person_id: int,
    year: int,
    grade: str,
    months_worked: int | None = None,
    note: str | None = None,
    *,
    expected_version: int,
) -> None:
    """Record (or replace) a person's grade for a year.

    ``expected_version``: the version of the year's grade as shown (``GradeDTO.version``), 0
    when the screen showed none; refused with :class:`ConflictError` when it changed since."""
    load_person(session, person_id)
    valid = {e.code for e in codes().table("grades")}
    problems = []
    if grade not in valid:
        problems.append(f"Xếp loại '{grade}' không hợp lệ")
    if months_worked is not None and not 0 <= months_worked <= 12:
        problems.append("Số tháng công tác phải từ 0 đến 12")
    months_problem = grade_months_problem(grade, months_worked, min_grade_months(year, session))
    if months_problem:
        problems.append(months_problem)
    if not 1990 <= year <= date.today().year + 1:
        problems.append(f"Năm {year} không hợp lệ")
    if problems:
        raise ValidationError(problems)
    row = session.scalar(
        select(PersonGrade).where(PersonGrade.person_id == person_id, PersonGrade.year == year)
    )
    ConflictError.check(row.version if row is not None else 0, expected_version)
    if row is None:
        row = PersonGrade(person_id=person_id, year=year)
        session.add(row)
    row.grade = grade
    row.months_worked = months_worked
    row.note = clean(note) or None
    session.flush()


def delete_grade(session: Session, grade_id: int, *, expected_version: int) -> None:
    row = session.get(PersonGrade, grade_id)
    if row is None:  # removed by someone else meanwhile
        raise ConflictError()
    ConflictError.check(row.version, expected_version)
    session.delete(row)
    session.flush()


def discipline_kinds() -> tuple[set[str], set[str]]:
    """The discipline kinds that are holds, and those that are penalties."""
    holds: set[str] = set()
    penalties: set[str] = set()
    for e in codes().table("discipline_kinds"):
        (holds if e.extra.get("is_hold") else penalties).add(e.code)
    return holds, penalties


def _check_discipline(facts: DisciplineFacts) -> None:
    holds, penalties = discipline_kinds()
    problems = discipline_problems(facts, holds=holds, penalties=penalties)
    if problems:
        raise ValidationError(problems)


def _write_discipline(session: Session, row: Discipline, facts: DisciplineFacts) -> None:
    """Fill ``row`` from ``facts``; a conclusion with a violation records (or updates) the
    penalty that resulted and links it; another conclusion drops that penalty."""
    _check_discipline(facts)
    assert facts.start_date is not None
    row.kind = facts.kind
    row.start_date = facts.start_date
    row.end_date = facts.end_date
    row.decision_number = clean(facts.decision_number) or None
    row.note = clean(facts.note) or None
    row.outcome = facts.outcome
    row.concluded_on = facts.concluded_on if facts.outcome else None
    linked = session.get(Discipline, row.penalty_id) if row.penalty_id is not None else None
    if facts.outcome == HoldOutcome.CO_VI_PHAM:
        assert facts.penalty_kind is not None and facts.concluded_on is not None
        if linked is None:
            linked = Discipline(person_id=row.person_id)
            session.add(linked)
        linked.kind = facts.penalty_kind
        linked.start_date = facts.penalty_start or facts.concluded_on
        linked.end_date = facts.penalty_end
        session.flush()
        row.penalty_id = linked.id
    else:
        row.penalty_id = None
        if linked is not None:
            session.delete(linked)
    session.flush()


def add_discipline(
    session: Session,
    person_id: int,
    kind: str,
    start_date: date,
    end_date: date | None = None,
    decision_number: str | None = None,
    note: str | None = None,
    *,
    facts: DisciplineFacts | None = None,
) -> int:
    """Record a penalty or a hold (``facts``, when given, carries everything, a hold's
    conclusion included)."""
    load_person(session, person_id)
    if facts is None:
        facts = DisciplineFacts(kind, start_date, end_date, decision_number or "", note or "")
    _check_discipline(facts)
    row = Discipline(person_id=person_id)
    session.add(row)
    _write_discipline(session, row, facts)
    return row.id


def update_discipline(
    session: Session, discipline_id: int, facts: DisciplineFacts, *, expected_version: int
) -> None:
    """Change a penalty or a hold, e.g. record how a hold ended (``expected_version``: the
    version shown, ``DisciplineDTO.version``; refused when another clerk changed it)."""
    row = session.get(Discipline, discipline_id)
    if row is None:  # removed by someone else meanwhile
        raise ConflictError()
    ConflictError.check(row.version, expected_version)
    _write_discipline(session, row, facts)


def delete_discipline(session: Session, discipline_id: int, *, expected_version: int) -> None:
    row = session.get(Discipline, discipline_id)
    if row is None:
        raise ConflictError()
    ConflictError.check(row.version, expected_version)
    session.delete(row)
    session.flush()
