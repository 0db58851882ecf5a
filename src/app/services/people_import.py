"""Staff, grade and discipline imports: match rows to the directory, then write all or nothing.

The Excel layer parses a file into rows (``app.excel.people_import``); these services take those
rows (any objects with the attributes of the protocols below), match units and people against
the database, and either write every change in the caller's transaction or write nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Any, Protocol, cast

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

from app.collector import collector_paused
from app.db.audit import record_inserts
from app.db.base import utcnow
from app.db.models import Assignment, Discipline, Person, PersonGrade, Unit
from app.domain.collectives import unit_key
from app.domain.identity import RowIdentity, name_key
from app.domain.imports import ImportOptions, ImportReport, RowIssue
from app.domain.people import PersonInput, grade_months_problem, validate_person_input
from app.domain.vntext import clean, fold, fold_key
from app.services.collectives import Resolved, UnitResolver, unit_label
from app.services.eligibility import min_grade_months
from app.services.grade_caps import grade_cap_warnings
from app.services.identity import identify, load_directory
from app.services.reference import codes


class IssueLike(Protocol):
    row: int
    column: str
    field: str
    message: str


class PersonRowLike(Protocol):
    row: int
    full_name: str
    ho_dem: str
    ten: str
    gender: str | None
    birth_date: date | None
    birth_year: int | None
    position_title: str
    unit_text: str
    staff_code: str | None
    citizen_id: str | None
    note: str


class StaffRowLike(PersonRowLike, Protocol):
    subject_category: str | None
    agency_text: str  # the unit's parent (agency) column, when the file has one
    # years in the sector (Kỷ niệm chương); None when the file does not say
    sector_start: date | None
    sector_break_months: int | None
    remote_area_years: int | None
    death_date: date | None


class GradeRowLike(PersonRowLike, Protocol):
    year: int
    grade: str | None
    months_worked: int | None


class DisciplineRowLike(PersonRowLike, Protocol):
    kind: str | None
    start_date: date | None
    end_date: date | None
    decision_number: str
    # a hold's conclusion (KHONG_VI_PHAM / CO_VI_PHAM) and the penalty it names
    outcome: str | None
    concluded_on: date | None
    penalty_kind: str | None


@dataclass(frozen=True)
class ParsedFile:
    """What the caller hands over from the Excel layer."""

    kind: str
    file: str
    sheet: str
    issues: Sequence[IssueLike]
    columns: Mapping[str, str]  # field -> column letter, to name columns in matching problems
    headers: Mapping[str, str] = field(default_factory=dict)  # field -> the sheet's own header


# ---------------------------------------------------------------- matching


def _strip_section(text: str) -> str:
    """'I. Phòng Kế hoạch - Tài chính' -> 'Phòng Kế hoạch - Tài chính'."""
    words = clean(text).split(" ", 1)
    if (
        len(words) == 2
        and words[0].rstrip(".").upper().strip("IVXLC0123456789") == ""
        and words[0].endswith(".")
    ):
        return words[1]
    return clean(text)


class UnitMatcher:
    """Finds a current unit from the text a unit wrote, ignoring case, spacing, diacritics, dashes."""

    def __init__(self, session: Session, mapping: Mapping[str, int]) -> None:
        self.by_key: dict[str, int] = {}
        units = session.scalars(select(Unit)).all()
        successor = {u.id: u.successor_id for u in units}
        for u in sorted(units, key=lambda u: (u.valid_to is not None, u.id)):
            target = u.id
            seen: set[int] = set()
            while (
                successor.get(target) is not None and target not in seen
            ):  # old names lead to today's unit
                seen.add(target)
                target = successor[target] or target
            for text in (u.full_name, u.short_name, u.code):
                if text:
                    self.by_key.setdefault(fold_key(text), target)
        self.by_key.update(mapping)
        roots = [u for u in units if u.parent_id is None and u.valid_to is None]
        self.root_id = roots[0].id if roots else None

    def find(self, text: str) -> int | None:
        if not text:
            return None
        return self.by_key.get(fold_key(_strip_section(text)))


def _identity(row: PersonRowLike) -> RowIdentity:
    return RowIdentity(
        full_name=row.full_name,
        birth_date=row.birth_date,
        birth_year=row.birth_year,
        staff_code=row.staff_code,
        citizen_id=row.citizen_id,
    )


def _issue(parsed: ParsedFile, row: int, field: str, message: str) -> RowIssue:
    return RowIssue(
        row=row,
        column=parsed.columns.get(field, ""),
        field=field,
        message=message,
        header=parsed.headers.get(field, ""),
    )


def _report(
    parsed: ParsedFile, rows: Sequence[PersonRowLike], options: ImportOptions
) -> ImportReport:
    report = ImportReport(
        kind=parsed.kind, file=parsed.file, sheet=parsed.sheet, total_rows=len(rows)
    )
    report.dry_run = options.dry_run
    report.issues.extend(
        RowIssue(i.row, i.column, i.field, i.message, getattr(i, "header", ""))
        for i in parsed.issues
    )
    return report


def _finish(report: ImportReport, options: ImportOptions, bad_rows: set[int]) -> bool:
    """Decide whether to write. Returns True when the caller may write the valid rows."""
    problems = bool(report.issues or report.unknown_units)
    if problems and not options.skip_invalid:
        report.blocked = True
        return False
    if options.skip_invalid:
        reasons: dict[int, list[str]] = {}
        for issue in report.issues:
            reasons.setdefault(issue.row, []).append(issue.message)
        for row in sorted(bad_rows):
            report.skipped.append(
                (row, "; ".join(reasons.get(row, ["đơn vị chưa có trong cây đơn vị"])))
            )
    return not options.dry_run


# ---------------------------------------------------------------- staff


@dataclass
class _StaffPlan:
    row: StaffRowLike
    person_id: int | None
    unit_id: int | None
    data: PersonInput  # the row's own fields, normalised once


def _person_input(row: StaffRowLike) -> PersonInput:
    return PersonInput(
        ho_dem=row.ho_dem,
        ten=row.ten,
        gender=row.gender,
        birth_date=row.birth_date,
        birth_year=row.birth_year,
        staff_code=row.staff_code,
        citizen_id=row.citizen_id,
        subject_category=row.subject_category,
        note=row.note or None,
    ).normalised()


@collector_paused
def import_staff(
    session: Session, parsed: ParsedFile, rows: Sequence[StaffRowLike], options: ImportOptions
) -> ImportReport:
    """Add or update people from a staff list; all or nothing unless ``skip_invalid``."""
    report = _report(parsed, rows, options)
    resolver = UnitResolver(session, create=options.create_units)
    directory = load_directory(session)
    today = date.today()
    bad_rows = {i.row for i in report.issues}
    unknown: dict[str, list[int]] = {}  # unit_key of a unit's label -> rows
    unknown_names: dict[str, str] = {}  # unit_key of a unit's label -> best spelling met
    plans: list[_StaffPlan] = []
    seen_people: dict[int, int] = {}
    seen_new: dict[tuple[str, object], int] = {}  # a new person named twice in the file
    for row in rows:
        if row.row in bad_rows:
            continue
        data = _person_input(row)
        for message in validate_person_input(data, today, normalised=True):
            report.issues.append(_issue(parsed, row.row, "full_name", message))
            bad_rows.add(row.row)
        found = identify(directory, row.row, _identity(row), options, report, staff=True)
        if not found.ok:
            report.issues.append(_issue(parsed, row.row, "full_name", found.message))
            bad_rows.add(row.row)
            continue
        person_id = found.person_id
        if person_id is not None and person_id in seen_people:
            report.issues.append(
                _issue(
                    parsed,
                    row.row,
                    "full_name",
                    f"Cùng một người với dòng {seen_people[person_id]}",
                )
            )
            bad_rows.add(row.row)
            continue
        if person_id is not None:
            seen_people[person_id] = row.row
        else:
            new_key = (name_key(row.full_name), row.birth_date or row.birth_year)
            for ident in (row.staff_code, row.citizen_id):
                if ident and (ident.upper(), None) in seen_new:
                    new_key = (ident.upper(), None)
            if new_key in seen_new:
                report.issues.append(
                    _issue(
                        parsed,
                        row.row,
                        "full_name",
                        f"Cùng một người với dòng {seen_new[new_key]}",
                    )
                )
                bad_rows.add(row.row)
                continue
            seen_new[new_key] = row.row
            for ident in (row.staff_code, row.citizen_id):
                if ident:
                    seen_new[(ident.upper(), None)] = row.row
        where = _row_unit(row, options.unit_mapping, resolver)
        unit_id = where.unit_id
        if unit_id is None and where.label:  # not in the tree: mapped, created or reported
            key = unit_key(where.label)
            if key not in unknown_names or _spelling_score(where.label) > _spelling_score(
                unknown_names[key]
            ):
                unknown_names[key] = where.label
            unknown.setdefault(key, []).append(row.row)
        elif unit_id is None and where.problem:  # several units of that name
            report.issues.append(_issue(parsed, row.row, "unit", where.problem))
            bad_rows.add(row.row)
            continue
        plans.append(_StaffPlan(row, person_id, unit_id, data))
    if not options.create_units:
        # rows of unknown units are never counted as added: a dry run says what a run writes
        report.unknown_units = sorted(unknown_names.values())
        for row_numbers in unknown.values():
            bad_rows.update(row_numbers)
    may_write = _finish(report, options, bad_rows)
    effective = options.effective or today
    new_units = [
        p.unit_id
        for p in plans
        if p.unit_id is not None and p.unit_id < 0 and p.row.row not in bad_rows
    ]
    report.created_units.extend(resolver.labels(new_units))
    created = resolver.create_planned(new_units) if may_write else {}
    new_people: list[tuple[StaffRowLike, int | None]] = []
    loaded, currents = _load_people(
        session,
        [p.person_id for p in plans if p.person_id is not None and p.row.row not in bad_rows],
        write=may_write,
    )
    for plan in plans:
        if plan.row.row in bad_rows:
            continue
        unit_id = plan.unit_id
        if unit_id is not None and unit_id < 0:  # created under its parent (create_units)
            unit_id = created.get(unit_id)
        if plan.person_id is None:
            report.added += 1
            report.changes.append(f"Dòng {plan.row.row}: thêm {plan.row.full_name}")
            if may_write:
                new_people.append((plan.row, unit_id))
        else:
            changes = _update_person(
                session,
                plan.person_id,
                plan.row,
                unit_id,
                effective,
                write=may_write,
                identity=options.update_identity,
                current=currents.get(plan.person_id),
                person=loaded.get(plan.person_id),
                data=plan.data,
            )
            if changes:
                report.updated += 1
                report.changes.append(
                    f"Dòng {plan.row.row}: {plan.row.full_name} - " + "; ".join(changes)
                )
            else:
                report.unchanged += 1
    if may_write:
        _add_people(session, new_people)
        session.flush()
        report.written = True
    return report


def _load_people(
    session: Session, ids: Sequence[int], *, write: bool
) -> tuple[dict[int, Any], dict[int, Any]]:
    """Load the matched people in bulk, with each one's current assignment (open, latest start).

    ``write``: as ORM objects to change; else as plain rows (a dry run only compares, and rows
    cost a fraction of objects). The people are returned, not only loaded: the session holds
    its objects weakly, so one nobody refers to is dropped and ``session.get`` reads it again."""
    people: dict[int, Any] = {}
    currents: dict[int, Any] = {}
    unique = sorted(set(ids))
    p, a = Person.__table__, Assignment.__table__
    for start in range(0, len(unique), 900):
        chunk = unique[start : start + 900]
        stored = select(Person if write else p).where(p.c.id.in_(chunk))
        found = session.scalars(stored) if write else session.execute(stored)
        people.update((person.id, person) for person in found)
        open_posts = (
            select(Assignment if write else a)
            .where(a.c.person_id.in_(chunk), a.c.end_date.is_(None))
            .order_by(a.c.person_id, a.c.start_date.desc().nullslast(), a.c.id.desc())
        )
        for post in session.scalars(open_posts) if write else session.execute(open_posts):
            currents.setdefault(post.person_id, post)
    return people, currents


def _spelling_score(text: str) -> tuple[int, int]:
    """Prefer the spelling with diacritics and mixed case when a unit is written several ways."""
    return (sum(1 for ch in text if ord(ch) > 127), 0 if text.isupper() else 1)


@lru_cache(maxsize=4096)
def unit_choice_key(unit_text: str, agency_text: str = "") -> str:
    """The key of the clerk's choice for the unit a row names (``ImportOptions.unit_mapping``,
    the import wizard): the unit and, when the row names one, its parent."""
    return unit_key(unit_label(unit_text, agency_text))


def _row_unit(row: StaffRowLike, mapping: Mapping[str, int], resolver: UnitResolver) -> Resolved:
    """The unit of a staff row: the clerk's choice for it, else the unit of that name under the
    agency the row names (any unit of that name when it names none)."""
    if not row.unit_text:
        return Resolved(None)
    chosen = mapping.get(unit_choice_key(row.unit_text, row.agency_text))
    if chosen is not None:
        return Resolved(chosen)
    return resolver.resolve(row.unit_text, row.agency_text)


def _add_people(session: Session, new: list[tuple[StaffRowLike, int | None]]) -> None:
    """Insert new people and their first assignment in bulk (thousands of rows at a time).

    Core inserts skip the ORM's per-object work; the audit log gets the same INSERT entries
    the ORM hook would write.
    """
    if not new:
        return
    session.flush()
    now = utcnow()
    people: list[dict[str, object]] = []
    for row, _unit in new:
        data = _person_input(row)
        title = clean(row.position_title)
        people.append(
            {
                "ho_dem": data.ho_dem,
                "ten": data.ten,
                "full_name": data.full_name,
                "name_key": fold(data.full_name),
                "gender": data.gender,
                "birth_date": data.birth_date,
                "birth_year": data.birth_year,
                "staff_code": data.staff_code,
                "citizen_id": data.citizen_id,
                "subject_category": data.subject_category
                or (codes().position_category(title) if title else None),
                "sector_start_date": row.sector_start,
                "sector_break_months": row.sector_break_months,
                "remote_area_years": row.remote_area_years,
                "death_date": row.death_date,
                "active": True,
                "note": data.note,
                "created_at": now,
                "updated_at": now,
            }
        )
    person = cast(Table, Person.__table__)
    conn = session.connection()  # Core, not the ORM's bulk path: the same rows, less work
    ids = list(
        conn.execute(
            insert(person).returning(person.c.id, sort_by_parameter_order=True), people
        ).scalars()
    )
    record_inserts(session, "person", ids, people)
    assignments: list[dict[str, object]] = []
    for person_id, (row, unit_id) in zip(ids, new, strict=True):
        if unit_id is None:
            continue
        title = clean(row.position_title)
        assignments.append(
            {
                "person_id": person_id,
                "unit_id": unit_id,
                "position_title": title,
                "position_rank": codes().position_rank(title),
                "start_date": None,
                "created_at": now,
                "updated_at": now,
            }
        )
    if assignments:
        assignment = cast(Table, Assignment.__table__)
        assignment_ids = list(
            conn.execute(
                insert(assignment).returning(assignment.c.id, sort_by_parameter_order=True),
                assignments,
            ).scalars()
        )
        record_inserts(session, "assignment", assignment_ids, assignments)


def _update_person(
    session: Session,
    person_id: int,
    row: StaffRowLike,
    unit_id: int | None,
    effective: date,
    *,
    write: bool,
    identity: bool = False,
    current: Any = None,
    person: Any = None,
    data: PersonInput | None = None,
) -> list[str]:
    """Fill or correct a stored person from a row; returns the changes in Vietnamese.

    Identity fields (name, birth date, staff code, CCCD) that hold a value are changed only
    with ``identity`` (the clerk confirmed the changes listed in the preview); empty ones are
    filled. ``person`` / ``current``: the stored person and their current assignment when
    already loaded (ORM objects when writing, else rows); ``data``: the row's fields
    (:func:`_person_input`) when already read."""
    person = person or session.get(Person, person_id)
    assert person is not None
    data = data or _person_input(row)
    changes: list[str] = []

    def change(attr: str, label: str, new: object, *, ident: bool = False) -> None:
        old = getattr(person, attr)
        if new is None or new == "" or new == old:
            return
        if ident and old not in (None, "") and not identity:
            return
        changes.append(f"{label}: {old or '(trống)'} → {new}")
        if write:
            setattr(person, attr, new)

    if identity and name_key(data.full_name) != name_key(person.full_name):
        change("full_name", "họ tên", data.full_name, ident=True)
        if write:
            person.ho_dem, person.ten, person.name_key = data.ho_dem, data.ten, fold(data.full_name)
    change("gender", "giới tính", data.gender)
    birth_before = person.birth_date
    change("birth_date", "ngày sinh", data.birth_date, ident=True)
    if data.birth_date is None:
        if person.birth_date is None:
            change("birth_year", "năm sinh", data.birth_year, ident=True)
    elif write and person.birth_date != birth_before:
        person.birth_year = data.birth_date.year
    change("staff_code", "mã cán bộ", data.staff_code, ident=True)
    change("citizen_id", "CCCD", data.citizen_id, ident=True)
    change("subject_category", "phân loại", data.subject_category)
    change("sector_start_date", "ngày vào ngành", row.sector_start)
    change("sector_break_months", "thời gian gián đoạn (tháng)", row.sector_break_months)
    change("remote_area_years", "số năm ở miền núi, hải đảo", row.remote_area_years)
    change("death_date", "ngày mất", row.death_date)
    title = clean(row.position_title)
    if unit_id is not None:
        new_title = title or (current.position_title if current else "")
        if current is None or current.unit_id != unit_id or current.position_title != new_title:
            changes.append(
                f"công tác: {new_title or '(không ghi chức vụ)'} từ {effective:%d/%m/%Y}"
            )
            if write:
                if current is not None:
                    if current.start_date is not None and current.start_date >= effective:
                        current.unit_id, current.position_title = unit_id, new_title
                        current.position_rank = codes().position_rank(new_title)
                        return changes
                    current.end_date = effective - timedelta(days=1)
                session.add(
                    Assignment(
                        person_id=person_id,
                        unit_id=unit_id,
                        position_title=new_title,
                        position_rank=codes().position_rank(new_title),
                        start_date=effective if current is not None else None,
                    )
                )
    return changes


# ---------------------------------------------------------------- grades


def import_grades(
    session: Session, parsed: ParsedFile, rows: Sequence[GradeRowLike], options: ImportOptions
) -> ImportReport:
    """Set the grade of each listed person for the year; people must already be in the directory."""
    report = _report(parsed, rows, options)
    directory = load_directory(session)
    min_months: dict[int, int] = {}
    bad_rows = {i.row for i in report.issues}
    plans: list[tuple[GradeRowLike, int]] = []
    seen: dict[int, int] = {}
    for row in rows:
        if row.row in bad_rows:
            continue
        found = identify(directory, row.row, _identity(row), options, report)
        if not found.ok or found.person_id is None:
            report.issues.append(_issue(parsed, row.row, "full_name", found.message))
            bad_rows.add(row.row)
            continue
        person_id = found.person_id
        if person_id in seen:
            report.issues.append(
                _issue(parsed, row.row, "full_name", f"Cùng một người với dòng {seen[person_id]}")
            )
            bad_rows.add(row.row)
            continue
        seen[person_id] = row.row
        months_problem = grade_months_problem(
            row.grade,
            row.months_worked,
            min_months.setdefault(row.year, min_grade_months(row.year, session)),
        )
        if months_problem:
            report.issues.append(_issue(parsed, row.row, "grade", months_problem))
            bad_rows.add(row.row)
            continue
        plans.append((row, person_id))
    may_write = _finish(report, options, bad_rows)
    report.warnings.extend(
        grade_cap_warnings(session, {(pid, row.year): str(row.grade) for row, pid in plans})
    )
    existing = {
        (g.person_id, g.year): g
        for g in session.scalars(
            select(PersonGrade).where(PersonGrade.person_id.in_([p for _, p in plans]))
        )
    }
    for row, person_id in plans:
        assert row.grade is not None
        current = existing.get((person_id, row.year))
        if current is None:
            report.added += 1
            if may_write:
                session.add(
                    PersonGrade(
                        person_id=person_id,
                        year=row.year,
                        grade=row.grade,
                        months_worked=row.months_worked,
                        note=clean(row.note) or None,
                    )
                )
        elif current.grade != row.grade or (
            row.months_worked is not None and current.months_worked != row.months_worked
        ):
            report.updated += 1
            report.changes.append(
                f"Dòng {row.row}: {row.full_name} - xếp loại {row.year}: {current.grade} → {row.grade}"
            )
            if may_write:
                current.grade = row.grade
                if row.months_worked is not None:
                    current.months_worked = row.months_worked
        else:
            report.unchanged += 1
    if may_write:
        session.flush()
        report.written = True
    return report


# ---------------------------------------------------------------- discipline


def import_discipline(
    session: Session, parsed: ParsedFile, rows: Sequence[DisciplineRowLike], options: ImportOptions
) -> ImportReport:
    """Record penalties and holds of listed people; a record already stored is not added twice."""
    report = _report(parsed, rows, options)
    directory = load_directory(session)
    bad_rows = {i.row for i in report.issues}
    plans: list[tuple[DisciplineRowLike, int]] = []
    for row in rows:
        if row.row in bad_rows:
            continue
        found = identify(directory, row.row, _identity(row), options, report)
        if not found.ok or found.person_id is None:
            report.issues.append(_issue(parsed, row.row, "full_name", found.message))
            bad_rows.add(row.row)
            continue
        plans.append((row, found.person_id))
    may_write = _finish(report, options, bad_rows)
    existing = {
        (d.person_id, d.kind, d.start_date): d
        for d in session.scalars(
            select(Discipline).where(Discipline.person_id.in_([p for _, p in plans]))
        )
    }
    # conclusions naming a penalty last: the penalty may be a row of the same file
    plans.sort(key=lambda plan: plan[0].penalty_kind is not None)
    for row, person_id in plans:
        assert row.kind is not None and row.start_date is not None
        key = (person_id, row.kind, row.start_date)
        current = existing.get(key)
        if current is None:
            report.added += 1
            if may_write:
                record = Discipline(
                    person_id=person_id,
                    kind=row.kind,
                    start_date=row.start_date,
                    end_date=row.end_date,
                    decision_number=clean(row.decision_number) or None,
                    note=clean(row.note) or None,
                )
                session.add(record)
                existing[key] = record
        elif (
            current.end_date != row.end_date
            or (row.decision_number and current.decision_number != row.decision_number)
            or (row.outcome and (current.outcome, current.concluded_on) != _concluded(row))
        ):
            report.updated += 1
            if may_write:
                current.end_date = row.end_date
                current.decision_number = clean(row.decision_number) or current.decision_number
        else:
            report.unchanged += 1
        if row.outcome and (
            current is None or (current.outcome, current.concluded_on) != _concluded(row)
        ):
            report.changes.append(_conclusion_change(row))
        stored = existing.get(key)
        if row.outcome and stored is not None and may_write:
            stored.outcome, stored.concluded_on = _concluded(row)
            if row.penalty_kind:
                _link_penalty(session, stored, row, existing)
    if may_write:
        session.flush()
        report.written = True
    return report


def _concluded(row: DisciplineRowLike) -> tuple[str | None, date | None]:
    return row.outcome, row.concluded_on


def _conclusion_change(row: DisciplineRowLike) -> str:
    words = codes().name_of("hold_outcomes", row.outcome).lower()
    on = f" ngày {row.concluded_on:%d/%m/%Y}" if row.concluded_on else ""
    text = f"Dòng {row.row}: {row.full_name} - kết luận {words}{on}"
    if row.penalty_kind:
        text += f", kỷ luật {codes().name_of('discipline_kinds', row.penalty_kind)}"
    return text


def _link_penalty(
    session: Session,
    hold: Discipline,
    row: DisciplineRowLike,
    existing: dict[tuple[int, str, date], Discipline],
) -> None:
    """A conclusion with a violation names its penalty: the person's penalty of that kind
    from the conclusion on (the file may list it too), else one recorded from that day."""
    assert row.penalty_kind is not None and row.concluded_on is not None
    candidates = sorted(
        (
            d
            for (pid, kind, start), d in existing.items()
            if pid == hold.person_id and kind == row.penalty_kind and start >= hold.start_date
        ),
        key=lambda d: (d.start_date != row.concluded_on, d.start_date),
    )
    penalty = candidates[0] if candidates else None
    if penalty is None:
        penalty = Discipline(
            person_id=hold.person_id, kind=row.penalty_kind, start_date=row.concluded_on
        )
        session.add(penalty)
        existing[(hold.person_id, row.penalty_kind, row.concluded_on)] = penalty
    session.flush()
    hold.penalty_id = penalty.id


def columns_of(column_map: Mapping[str, object]) -> dict[str, str]:
    """field -> column letter, from a parse result's column map (objects with a ``letter``)."""
    return {name: str(getattr(ref, "letter", "")) for name, ref in column_map.items()}


def headers_of(column_map: Mapping[str, object]) -> dict[str, str]:
    """field -> the sheet's own column header, from a parse result's column map."""
    return {name: str(getattr(ref, "header", "")) for name, ref in column_map.items()}
