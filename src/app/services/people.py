"""Staff directory: list, search, person record, transfer, leave, duplicates and merge (issue 3)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import String, and_, case, delete, func, or_, select, type_coerce, update
from sqlalchemy.orm import Session

from app.db.audit import log_action
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
from app.domain.errors import NotFoundError, ValidationError
from app.domain.people import (
    Identity,
    PersonInput,
    duplicate_reasons,
    group_duplicates,
    query_tokens,
    search_text_from_key,
    validate_person_input,
)
from app.domain.vntext import ViSortKey, clean, fold, vi_sort_key
from app.services.reference import codes
from app.services.units import list_units


@dataclass(frozen=True, slots=True)
class PersonRow:
    """One line of the staff directory."""

    id: int
    full_name: str
    ho_dem: str
    ten: str
    gender: str | None
    birth_date: date | None
    birth_year: int | None
    staff_code: str | None
    citizen_id: str | None
    subject_category: str | None
    active: bool
    position_title: str
    position_rank: int
    unit_id: int | None
    unit_name: str
    search_text: str
    name_order: int = 0
    standard_order: int = 0


@dataclass(frozen=True)
class DuplicateCandidate:
    id: int
    full_name: str
    birth_date: date | None
    birth_year: int | None
    unit_name: str
    reasons: tuple[str, ...]


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


@dataclass(frozen=True)
class GradeDTO:
    id: int
    year: int
    grade: str
    months_worked: int | None
    note: str | None


@dataclass(frozen=True)
class DisciplineDTO:
    id: int
    kind: str
    start_date: date
    end_date: date | None
    decision_number: str | None
    conclusion: str | None
    note: str | None


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

    @property
    def current_assignment(self) -> AssignmentDTO | None:
        open_rows = [a for a in self.assignments if a.end_date is None]
        return open_rows[-1] if open_rows else (self.assignments[-1] if self.assignments else None)


# ---------------------------------------------------------------- listing and search


def _raw_date(value: object) -> date | None:
    """A date read without SQLAlchemy's per-row processing (ISO text on SQLite, a date elsewhere)."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _current_assignments(session: Session, on: date) -> dict[int, tuple[int, str, int]]:
    """person_id -> (unit_id, title, rank) of the assignment in force on ``on`` (else the latest).

    Chosen in SQL with a window function (SQLite 3.25+ and PostgreSQL): one row per person.
    """
    a = Assignment.__table__.c
    in_force = case(
        (
            and_(
                or_(a.start_date.is_(None), a.start_date <= on),
                or_(a.end_date.is_(None), a.end_date >= on),
            ),
            1,
        ),
        else_=0,
    )
    order = func.row_number().over(
        partition_by=a.person_id,
        order_by=(
            in_force.desc(),
            func.coalesce(a.start_date, date(1, 1, 1)).desc(),
            a.position_rank,
            a.id,
        ),
    )
    ranked = select(
        a.person_id, a.unit_id, a.position_title, a.position_rank, order.label("pick")
    ).subquery()
    rows = session.connection().execute(
        select(
            ranked.c.person_id, ranked.c.unit_id, ranked.c.position_title, ranked.c.position_rank
        ).where(ranked.c.pick == 1)
    )
    return {pid: (uid, title or "", rank) for pid, uid, title, rank in rows}


def list_people(session: Session, *, on: date | None = None) -> list[PersonRow]:
    """Every person with the position and unit in force on ``on`` (default today).

    Rows come in the standard order and carry integer ranks for the Vietnamese name order and
    the standard order, so views sort on numbers. Collation keys are computed once per
    distinct name part (a department has a few hundred distinct tên and họ đệm).
    """
    on = on or date.today()
    units = list_units(session)
    unit_name = {u.id: u.full_name for u in units}
    unit_index: dict[int | None, int] = {u.id: u.tree_index for u in units}
    current = _current_assignments(session, on)
    p = Person.__table__.c  # Core rows: no ORM bookkeeping for 50,000 people
    people = (
        session.connection()
        .execute(
            select(
                p.id,
                p.full_name,
                p.name_key,
                p.ho_dem,
                p.ten,
                p.gender,
                type_coerce(p.birth_date, String),
                p.birth_year,
                p.staff_code,
                p.citizen_id,
                p.subject_category,
                p.active,
            )
        )
        .all()
    )
    collation: dict[str, ViSortKey] = {}

    def key_of(text: str) -> ViSortKey:
        value = collation.get(text)
        if value is None:
            value = collation[text] = vi_sort_key(text)
        return value

    default_rank = codes().default_position_rank
    big = len(units) + 1
    placed = [current.get(row[0], (None, "", default_rank)) for row in people]
    by_name = sorted(
        range(len(people)), key=lambda i: (key_of(people[i][4]), key_of(people[i][3]), people[i][0])
    )
    name_rank = [0] * len(people)
    for rank, i in enumerate(by_name):
        name_rank[i] = rank
    by_standard = sorted(
        range(len(people)),
        key=lambda i: (
            unit_index.get(placed[i][0], big),
            placed[i][2],
            key_of(people[i][4]),
            key_of(people[i][3]),
            people[i][0],
        ),
    )
    out: list[PersonRow] = []
    for std_rank, i in enumerate(by_standard):
        pid, full, key, ho_dem, ten, gender, bdate, byear, code, cid, category, active = people[i]
        unit_id, title, rank = placed[i]
        bdate = _raw_date(bdate)
        out.append(
            PersonRow(
                id=pid,
                full_name=full,
                ho_dem=ho_dem,
                ten=ten,
                gender=gender,
                birth_date=bdate,
                birth_year=byear,
                staff_code=code,
                citizen_id=cid,
                subject_category=category,
                active=active,
                position_title=title,
                position_rank=rank,
                unit_id=unit_id,
                unit_name=unit_name.get(unit_id, "") if unit_id is not None else "",
                search_text=search_text_from_key(key or fold(full), code, cid),
                name_order=name_rank[i],
                standard_order=std_rank,
            )
        )
    return out


def filter_people(
    rows: Iterable[PersonRow],
    query: str = "",
    *,
    unit_ids: set[int] | None = None,
    status: str = "active",
) -> list[PersonRow]:
    """Rows matching the search text (no case, no diacritics), the units and the status.

    ``status``: "active", "left" or "all".
    """
    tokens = query_tokens(query)
    # One comprehension per condition: each is a tight loop (this runs on every keystroke).
    if status == "active":
        rows = [r for r in rows if r.active]
    elif status == "left":
        rows = [r for r in rows if not r.active]
    if unit_ids is not None:
        rows = [r for r in rows if r.unit_id in unit_ids]
    for token in tokens:  # each token must start a word (search_text begins with a space)
        needle = " " + token
        rows = [r for r in rows if needle in r.search_text]
    return list(rows)


# ---------------------------------------------------------------- one person


def _load(session: Session, person_id: int) -> Person:
    person = session.get(Person, person_id)
    if person is None:
        raise NotFoundError(f"Không tìm thấy cán bộ id={person_id}")
    return person


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
    p = _load(session, person_id)
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
    )
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
            )
            for a in assignments
        ],
        grades=[GradeDTO(g.id, g.year, g.grade, g.months_worked, g.note) for g in grades],
        disciplines=[
            DisciplineDTO(
                d.id, d.kind, d.start_date, d.end_date, d.decision_number, d.conclusion, d.note
            )
            for d in disciplines
        ],
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
    current = _current_assignments(session, date.today())
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
) -> int:
    """Add a person (and their first assignment). Raises DuplicatePersonError unless allowed."""
    data = _check(session, data, exclude_id=None, allow_duplicate=allow_duplicate)
    title = clean(position_title)
    p = Person()
    _apply(p, data)
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
    session: Session, person_id: int, data: PersonInput, *, allow_duplicate: bool = False
) -> None:
    p = _load(session, person_id)
    data = _check(session, data, exclude_id=person_id, allow_duplicate=allow_duplicate)
    _apply(p, data)
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
    session: Session, person_id: int, unit_id: int, position_title: str, effective: date
) -> None:
    """Move a person to another unit or position from ``effective``; the old assignment ends the day before."""
    p = _load(session, person_id)
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
    session.flush()


def mark_left(session: Session, person_id: int, left_date: date, reason: str) -> None:
    """Mark a person as left (retired, transferred out...). History is kept."""
    p = _load(session, person_id)
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


def reactivate(session: Session, person_id: int) -> None:
    p = _load(session, person_id)
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
) -> None:
    """Record (or replace) a person's grade for a year."""
    _load(session, person_id)
    valid = {e.code for e in codes().table("grades")}
    problems = []
    if grade not in valid:
        problems.append(f"Xếp loại '{grade}' không hợp lệ")
    if months_worked is not None and not 0 <= months_worked <= 12:
        problems.append("Số tháng công tác phải từ 0 đến 12")
    if months_worked is not None and months_worked < 6 and grade not in ("KXL", "KHTNV"):
        problems.append("Công tác dưới 6 tháng thì không xếp loại (KXL) - NĐ 90/2020, Điều 2")
    if not 1990 <= year <= date.today().year + 1:
        problems.append(f"Năm {year} không hợp lệ")
    if problems:
        raise ValidationError(problems)
    row = session.scalar(
        select(PersonGrade).where(PersonGrade.person_id == person_id, PersonGrade.year == year)
    )
    if row is None:
        row = PersonGrade(person_id=person_id, year=year)
        session.add(row)
    row.grade = grade
    row.months_worked = months_worked
    row.note = clean(note) or None
    session.flush()


def delete_grade(session: Session, grade_id: int) -> None:
    row = session.get(PersonGrade, grade_id)
    if row is None:
        raise NotFoundError("Không tìm thấy xếp loại")
    session.delete(row)
    session.flush()


def add_discipline(
    session: Session,
    person_id: int,
    kind: str,
    start_date: date,
    end_date: date | None = None,
    decision_number: str | None = None,
    note: str | None = None,
) -> int:
    _load(session, person_id)
    if kind not in {e.code for e in codes().table("discipline_kinds")}:
        raise ValidationError(f"Hình thức kỷ luật '{kind}' không có trong danh mục")
    if end_date is not None and end_date < start_date:
        raise ValidationError("Ngày kết thúc trước ngày bắt đầu")
    row = Discipline(
        person_id=person_id,
        kind=kind,
        start_date=start_date,
        end_date=end_date,
        decision_number=clean(decision_number) or None,
        note=clean(note) or None,
    )
    session.add(row)
    session.flush()
    return row.id


def delete_discipline(session: Session, discipline_id: int) -> None:
    row = session.get(Discipline, discipline_id)
    if row is None:
        raise NotFoundError("Không tìm thấy bản ghi kỷ luật")
    session.delete(row)
    session.flush()


# ---------------------------------------------------------------- duplicates and merge


def duplicate_groups(session: Session) -> list[list[DuplicateCandidate]]:
    """Groups of stored people who may be one person, for the "gộp hồ sơ trùng" screen."""
    rows = session.execute(
        select(
            Person.id,
            Person.full_name,
            Person.birth_date,
            Person.birth_year,
            Person.staff_code,
            Person.citizen_id,
        )
    ).all()
    ids = [Identity(*r) for r in rows]
    current = _current_assignments(session, date.today())
    names = dict(session.execute(select(Unit.id, Unit.full_name)).all())
    out = []
    for group in group_duplicates(ids):
        members = []
        for person in group:
            reasons = sorted(
                {
                    r
                    for other in group
                    if other is not person
                    for r in duplicate_reasons(person, other)
                }
            )
            unit = current.get(person.id or -1)
            members.append(
                DuplicateCandidate(
                    person.id or 0,
                    person.full_name,
                    person.birth_date,
                    person.birth_year,
                    names.get(unit[0], "") if unit else "",
                    tuple(reasons),
                )
            )
        out.append(members)
    return out


def merge_people(session: Session, keep_id: int, drop_id: int) -> None:
    """Move all history of ``drop_id`` onto ``keep_id`` and delete ``drop_id`` (audited).

    Where both have a grade for the same year, the kept record's grade stays and the other is
    named in the audit note. Empty fields of the kept record are filled from the other.
    """
    if keep_id == drop_id:
        raise ValidationError("Chọn hai hồ sơ khác nhau để gộp")
    keep, drop = _load(session, keep_id), _load(session, drop_id)
    notes = [f"Gộp hồ sơ {drop.full_name} (id={drop_id}) vào {keep.full_name} (id={keep_id})"]
    for attr in (
        "gender",
        "birth_date",
        "birth_year",
        "staff_code",
        "citizen_id",
        "subject_category",
        "note",
    ):
        if getattr(keep, attr) is None and getattr(drop, attr) is not None:
            value = getattr(drop, attr)
            if attr in ("staff_code", "citizen_id"):
                setattr(drop, attr, None)  # unique columns: free the value first
                session.flush()
            setattr(keep, attr, value)
    kept_years = set(
        session.scalars(select(PersonGrade.year).where(PersonGrade.person_id == keep_id))
    )
    clash = session.scalars(
        select(PersonGrade).where(
            PersonGrade.person_id == drop_id, PersonGrade.year.in_(kept_years)
        )
    ).all()
    for g in clash:
        notes.append(f"bỏ xếp loại {g.year} ({g.grade}) của hồ sơ bị gộp")
        session.delete(g)
    session.flush()
    session.execute(
        update(PersonGrade).where(PersonGrade.person_id == drop_id).values(person_id=keep_id)
    )
    session.execute(
        update(Assignment).where(Assignment.person_id == drop_id).values(person_id=keep_id)
    )
    session.execute(
        update(Discipline).where(Discipline.person_id == drop_id).values(person_id=keep_id)
    )
    session.execute(
        update(AwardRecord).where(AwardRecord.person_id == drop_id).values(person_id=keep_id)
    )
    shared = set(
        session.scalars(
            select(InitiativeAuthor.initiative_id).where(InitiativeAuthor.person_id == keep_id)
        )
    )
    session.execute(
        delete(InitiativeAuthor).where(
            InitiativeAuthor.person_id == drop_id, InitiativeAuthor.initiative_id.in_(shared)
        )
    )
    session.execute(
        update(InitiativeAuthor)
        .where(InitiativeAuthor.person_id == drop_id)
        .values(person_id=keep_id)
    )
    if drop.active and not keep.active:
        keep.active, keep.left_date, keep.left_reason = True, None, None
    session.expire_all()
    session.delete(session.get(Person, drop_id))
    session.flush()
    log_action(session, "MERGE", "person", str(keep_id), "; ".join(notes))
