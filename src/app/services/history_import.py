"""History imports (issue 5): past awards, recognised initiatives and collective grades.

The Excel layer (``app.excel.history_import``) parses a file into rows; these services take
the rows (any objects with the attributes of the protocols below), match people and units
against the database and either write every change in the caller's transaction or nothing
(unless ``skip_invalid``), returning an :class:`~app.domain.imports.ImportReport`.

Re-importing the same file changes nothing: an award is the same when subject, catalogue
code, year/period and decision number are; an initiative when title and decision
(number, or date when there is no number) are; a unit grade when unit and year are.

An award row may name the initiatives it rests on ("Sáng kiến" column, by exact title): they
become ``initiative_use`` rows of the award (domain.md X6); a title that is none of the
subject's initiatives is an error of the row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import (
    Assignment,
    AwardRecord,
    Initiative,
    InitiativeAuthor,
    InitiativeUse,
    Person,
    Unit,
    UnitGrade,
)
from app.domain.identity import PersonKey, RowIdentity
from app.domain.imports import ImportOptions, ImportReport, RowIssue
from app.domain.initiative_titles import split_titles, title_key
from app.domain.legacy_text import TextConversion
from app.domain.vntext import clean, fold_key
from app.services.collectives import HouseholdBook, Resolved, UnitResolver
from app.services.identity import identify, load_directory
from app.services.people_import import ParsedFile
from app.services.reference import catalogue

__all__ = [
    "KIND_AWARDS",
    "KIND_INITIATIVES",
    "KIND_UNIT_GRADES",
    "HISTORY_KINDS",
    "HistoryFile",
    "ParsedFile",
    "import_awards",
    "import_history",
    "import_initiatives",
    "import_unit_grades",
]

# Shown in the report title ("Nhập khen thưởng từ ...").
KIND_AWARDS = "khen thưởng đã có"
KIND_INITIATIVES = "sáng kiến, đề tài"
KIND_UNIT_GRADES = "xếp loại tập thể"

CA_NHAN = "CA_NHAN"
TAP_THE = "TAP_THE"
HO_GIA_DINH = "HO_GIA_DINH"


class AwardRowLike(Protocol):
    row: int
    name: str
    subject_kind: str | None
    birth_date: date | None
    birth_year: int | None
    staff_code: str | None
    unit_text: str
    year: int | None
    period_from_year: int | None
    period_to_year: int | None
    catalogue_code: str | None
    award_type: str
    decision_number: str
    decision_date: date | None
    authority: str
    note: str
    parent_text: str  # a collective's parent, as the file names it
    address: str  # a household's address and commune
    commune: str
    revoked: bool  # revoked (domain.md X12), by the decision below when the file names it
    revocation_number: str
    revocation_date: date | None
    initiatives: str  # the initiatives it rests on, by title ("" when the file names none)


class InitiativeRowLike(Protocol):
    row: int
    title: str
    authors: tuple[str, ...]
    unit_text: str
    agency_text: str
    decision_number: str
    decision_date: date | None
    recognized_by: str
    summary: str
    scope: str
    kind: str
    year: int | None


class UnitGradeRowLike(Protocol):
    row: int
    unit_text: str
    year: int | None
    grade: str | None
    note: str
    parent_text: str


# ---------------------------------------------------------------- matching


def _strip_section(text: str) -> str:
    """'I. Phòng Kế hoạch - Tài chính' -> 'Phòng Kế hoạch - Tài chính'."""
    words = clean(text).split(" ", 1)
    if (
        len(words) == 2
        and words[0].endswith(".")
        and words[0].rstrip(".").upper().strip("IVXLC0123456789") == ""
    ):
        return words[1]
    return clean(text)


@dataclass(frozen=True)
class _UnitInfo:
    id: int
    name: str
    valid_from: date | None
    valid_to: date | None
    successor_id: int | None
    category: str | None

    def valid_in(self, year: int) -> bool:
        return (self.valid_from is None or self.valid_from.year <= year) and (
            self.valid_to is None or self.valid_to.year >= year
        )


class UnitFinder:
    """Finds a unit row by name, short name or code, ignoring case, diacritics and dashes.

    With a year: the row valid in that year is preferred; an old name used for a year after
    the unit was renamed or merged leads to its successor valid in that year.
    """

    def __init__(self, session: Session) -> None:
        self.units: dict[int, _UnitInfo] = {}
        self.by_key: dict[str, list[int]] = {}
        for u in session.scalars(select(Unit).order_by(Unit.id)):
            self.units[u.id] = _UnitInfo(
                u.id,
                u.full_name,
                u.valid_from,
                u.valid_to,
                u.successor_id,
                u.collective_category,
            )
            for text in (u.full_name, u.short_name, u.code):
                key = fold_key(text)
                if key and u.id not in self.by_key.get(key, []):
                    self.by_key.setdefault(key, []).append(u.id)

    def find(self, text: str, year: int | None = None) -> int | None:
        if not text:
            return None
        ids = self.by_key.get(fold_key(_strip_section(text)), [])
        if not ids:
            return None
        cands = [self.units[i] for i in ids]
        if year is not None:
            valid = [u for u in cands if u.valid_in(year)]
            if valid:
                return sorted(valid, key=lambda u: (u.valid_to is not None, u.id))[0].id
            for u in cands:
                if u.valid_to is not None and u.valid_to.year < year:
                    target = self._follow(u.id, year)
                    if target is not None:
                        return target
        current = [u for u in cands if u.valid_to is None]
        return (current or cands)[0].id

    def _follow(self, unit_id: int, year: int) -> int | None:
        seen: set[int] = set()
        current: int | None = unit_id
        while current is not None and current not in seen:
            seen.add(current)
            info = self.units[current]
            if current != unit_id and info.valid_in(year):
                return current
            current = info.successor_id
        return None

    def family(self, unit_id: int) -> set[int]:
        """The unit, its successors and its predecessors (people may be filed under either)."""
        out = {unit_id}
        changed = True
        while changed:
            changed = False
            for u in self.units.values():
                if u.successor_id in out and u.id not in out:
                    out.add(u.id)
                    changed = True
                if u.id in out and u.successor_id is not None and u.successor_id not in out:
                    out.add(u.successor_id)
                    changed = True
        return out


@dataclass(frozen=True)
class _PersonInfo:
    id: int
    name: str
    birth_date: date | None
    birth_year: int | None
    category: str | None


class PersonFinder:
    """Finds the stored person a history row names, by the identity rules of
    :mod:`app.domain.identity` (exact names; near names only as suggestions the clerk accepts);
    several people of the same name and birth are told apart by the unit the row names."""

    def __init__(
        self,
        session: Session,
        units: UnitFinder,
        options: ImportOptions | None = None,
        report: ImportReport | None = None,
    ) -> None:
        self.units = units
        self.options = options or ImportOptions()
        self.report = report or ImportReport(kind="", file="", sheet="")
        self.directory = load_directory(session)
        self.people: dict[int, _PersonInfo] = {}
        for pid, name, bdate, byear, category in session.execute(
            select(
                Person.id,
                Person.full_name,
                Person.birth_date,
                Person.birth_year,
                Person.subject_category,
            )
        ):
            self.people[pid] = _PersonInfo(pid, name, bdate, byear, category)
        self.units_of: dict[int, set[int]] = {}
        for pid, uid in session.execute(select(Assignment.person_id, Assignment.unit_id)):
            self.units_of.setdefault(pid, set()).add(uid)

    def has_name(self, name: str) -> bool:
        """Somebody in the directory has exactly this name (case and spaces aside)."""
        return self.directory.has_exact_name(name)

    def find(
        self,
        name: str,
        *,
        unit_id: int | None = None,
        birth_date: date | None = None,
        birth_year: int | None = None,
        staff_code: str | None = None,
        row: int = 0,
    ) -> tuple[int | None, str]:
        """(person id, '') or (None, problem in Vietnamese)."""
        prefer = None
        if unit_id is not None:
            family = self.units.family(unit_id)

            def prefer(p: PersonKey) -> bool:
                return bool(self.units_of.get(p.id, set()) & family)

        found = identify(
            self.directory,
            row,
            RowIdentity(name, birth_date, birth_year, staff_code, None),
            self.options,
            self.report,
            prefer=prefer,
        )
        if not found.ok or found.person_id is None:
            return None, found.message
        return found.person_id, ""


# ---------------------------------------------------------------- report helpers


def _new_report(parsed: ParsedFile, total: int, options: ImportOptions) -> ImportReport:
    report = ImportReport(kind=parsed.kind, file=parsed.file, sheet=parsed.sheet, total_rows=total)
    report.dry_run = options.dry_run
    report.issues.extend(
        RowIssue(i.row, i.column, i.field, i.message, getattr(i, "header", ""))
        for i in parsed.issues
    )
    return report


def _issue(parsed: ParsedFile, row: int, field: str, message: str) -> RowIssue:
    return RowIssue(
        row=row,
        column=parsed.columns.get(field, ""),
        field=field,
        message=message,
        header=parsed.headers.get(field, ""),
    )


def _unit_issue(
    parsed: ParsedFile, row: int, field: str, found: Resolved, parent_text: str
) -> RowIssue:
    """A unit the row names is not in the tree (or is ambiguous): the issue sits on the name
    column, or on the column the parent came from when the parent is the problem."""
    if found.on_parent:
        field = "parent" if "parent" in parsed.columns and parent_text else "unit"
    return _issue(parsed, row, field, found.problem)


def _may_write(report: ImportReport, options: ImportOptions) -> bool:
    """All or nothing: any issue blocks the file unless ``skip_invalid`` (bad rows skipped)."""
    report.issues.sort(key=lambda i: (i.row, len(i.column), i.column))
    if report.issues and not options.skip_invalid:
        report.blocked = True
        return False
    if options.skip_invalid:
        reasons: dict[int, list[str]] = {}
        for issue in report.issues:
            reasons.setdefault(issue.row, []).append(issue.message)
        report.skipped.extend((row, "; ".join(msgs)) for row, msgs in sorted(reasons.items()))
    return not options.dry_run


def _title_field(parsed: ParsedFile) -> str:
    """The column a title problem is shown under: the name column, else a code column."""
    for name in ("title", "title_alt", "form_code", "title_code"):
        if name in parsed.columns:
            return name
    return "title"


def _number_key(text: str | None) -> str:
    return fold_key(text).replace(" ", "")


# ---------------------------------------------------------------- awards


def _award_key(
    kind: str, owner: int, code: str, first: int | None, last: int | None, number: str | None
) -> tuple[str, int, str, int | None, int | None, str]:
    return (kind, owner, code, first, last, _number_key(number))


class InitiativeBook:
    """The initiatives of people (as authors) and units, by title, for the award rows that
    name them; and the uses already recorded, by award record (read once per import)."""

    IMPORT_NOTE = "Nhập cùng lịch sử khen thưởng"

    def __init__(self, session: Session) -> None:
        self.titles: dict[int, str] = {}
        self.years: dict[int, int] = {}
        self.of_person: dict[int, list[int]] = {}
        self.of_unit: dict[int, list[int]] = {}
        for ini in session.scalars(select(Initiative)):
            self.titles[ini.id] = ini.title
            self.years[ini.id] = ini.year
            if ini.unit_id is not None:
                self.of_unit.setdefault(ini.unit_id, []).append(ini.id)
        for pid, iid in session.execute(
            select(InitiativeAuthor.person_id, InitiativeAuthor.initiative_id)
        ):
            self.of_person.setdefault(pid, []).append(iid)
        self.all_keys = {title_key(t) for t in self.titles.values()}
        self.used: dict[int, set[int]] = {}
        for record_id, iid in session.execute(
            select(InitiativeUse.award_record_id, InitiativeUse.initiative_id).where(
                InitiativeUse.award_record_id.is_not(None)
            )
        ):
            if record_id is not None:
                self.used.setdefault(record_id, set()).add(iid)

    def match(
        self, text: str, kind: str, owner: int, name: str, year: int | None
    ) -> tuple[list[int], list[str]]:
        """(ids of the initiatives the cell names, problems) for the subject of a row."""
        if not clean(text):
            return [], []
        if kind == HO_GIA_DINH:
            return [], ["Hộ gia đình không có sáng kiến, đề tài: bỏ trống cột này"]
        mine = (self.of_person if kind == CA_NHAN else self.of_unit).get(owner, [])
        by_key: dict[str, list[int]] = {}
        for iid in mine:
            by_key.setdefault(title_key(self.titles[iid]), []).append(iid)
        split = split_titles(text, by_key)
        problems = []
        for part in split.unknown:
            if title_key(part) in self.all_keys:
                problems.append(f"Sáng kiến, đề tài '{part}' không phải của {clean(name)}")
            else:
                problems.append(f"Không có sáng kiến, đề tài '{part}' (nhập sáng kiến trước)")
        ids = []
        for key in split.found:
            same = by_key[key]
            if len(same) > 1 and year is not None:  # the latest recognised by the award's year
                before = [i for i in same if self.years[i] <= year]
                same = [max(before, key=lambda i: self.years[i])] if before else same
            if len(same) > 1:
                problems.append(
                    f"{clean(name)} có {len(same)} sáng kiến, đề tài cùng tên "
                    f"'{self.titles[same[0]]}'"
                )
            else:
                ids.append(same[0])
        return ids, problems

    def missing(self, record_id: int | None, ids: Sequence[int]) -> list[int]:
        held = self.used.get(record_id, set()) if record_id is not None else set()
        return [i for i in ids if i not in held]

    def record(self, session: Session, record: AwardRecord, ids: Sequence[int]) -> None:
        year = record.year if record.year is not None else record.period_to_year
        for iid in self.missing(record.id, ids):
            session.add(
                InitiativeUse(
                    initiative_id=iid,
                    person_id=record.person_id,
                    unit_id=record.unit_id if record.person_id is None else None,
                    catalogue_code=record.catalogue_code,
                    year=year,
                    award_record_id=record.id,
                    note=self.IMPORT_NOTE,
                )
            )
            self.used.setdefault(record.id, set()).add(iid)

    def names(self, ids: Sequence[int]) -> str:
        return ", ".join(f"'{self.titles[i]}'" for i in ids)


def import_awards(
    session: Session,
    parsed: ParsedFile,
    rows: Sequence[AwardRowLike],
    options: ImportOptions,
) -> ImportReport:
    """Record past titles and forms of people, collectives and households (source IMPORT).

    A collective is the unit of its name under the parent the row names (issue 11); with
    ``options.create_units`` a unit missing from the tree is created under its parent. A
    household is its name, address and commune; a new one is added."""
    report = _new_report(parsed, len(rows), options)
    cat = catalogue()
    units = UnitFinder(session)
    people = PersonFinder(session, units, options, report)
    collectives = UnitResolver(session, create=options.create_units)
    households = HouseholdBook(session)
    initiatives = InitiativeBook(session) if any(r.initiatives for r in rows) else None
    named: dict[int, list[int]] = {}  # row -> the initiatives it rests on
    bad = {i.row for i in report.issues}
    existing: dict[tuple[str, int, str, int | None, int | None, str], AwardRecord] = {}
    for rec in session.scalars(select(AwardRecord)):
        rec_owner = {
            CA_NHAN: rec.person_id,
            TAP_THE: rec.unit_id,
            HO_GIA_DINH: rec.household_id,
        }.get(rec.subject_kind)
        if rec_owner is None:
            continue
        first = rec.period_from_year if rec.period_from_year is not None else rec.year
        last = rec.period_to_year if rec.period_to_year is not None else rec.year
        existing.setdefault(
            _award_key(
                rec.subject_kind, rec_owner, rec.catalogue_code, first, last, rec.decision_number
            ),
            rec,
        )
    plans: list[tuple[AwardRowLike, str, int]] = []
    seen: dict[tuple[str, int, str, int | None, int | None, str], int] = {}
    for row in rows:
        if row.row in bad or row.catalogue_code is None:
            continue
        item = cat.get(row.catalogue_code)
        kind = row.subject_kind
        if kind is None:
            if tuple(item.subjects) == (TAP_THE,):
                kind = TAP_THE
            elif TAP_THE not in item.subjects:
                kind = CA_NHAN
            elif units.find(row.name, row.year) is not None and not people.has_name(row.name):
                kind = TAP_THE
            else:
                kind = CA_NHAN
        owner: int | None
        if kind == HO_GIA_DINH:
            if HO_GIA_DINH not in item.subjects:
                report.issues.append(
                    _issue(
                        parsed,
                        row.row,
                        _title_field(parsed),
                        f"'{item.name}' không dành cho hộ gia đình",
                    )
                )
                bad.add(row.row)
                continue
            owner = households.find(row.name, row.address, row.commune)
        elif kind == TAP_THE:
            if TAP_THE not in item.subjects:
                report.issues.append(
                    _issue(
                        parsed,
                        row.row,
                        _title_field(parsed),
                        f"'{item.name}' không dành cho tập thể",
                    )
                )
                bad.add(row.row)
                continue
            found = collectives.resolve(row.name, row.parent_text, row.year)
            if found.unit_id is None:
                report.issues.append(_unit_issue(parsed, row.row, "name", found, row.parent_text))
                if found.label and found.label not in report.unknown_units:
                    report.unknown_units.append(found.label)
                bad.add(row.row)
                continue
            owner = found.unit_id
        else:
            unit_id = units.find(row.unit_text, row.year)
            owner, problem = people.find(
                row.name,
                row=row.row,
                unit_id=unit_id,
                birth_date=row.birth_date,
                birth_year=row.birth_year,
                staff_code=row.staff_code,
            )
            if owner is None:
                report.issues.append(_issue(parsed, row.row, "name", problem))
                bad.add(row.row)
                continue
        key = _award_key(
            kind,
            owner,
            row.catalogue_code,
            row.period_from_year,
            row.period_to_year,
            row.decision_number,
        )
        if key in seen:
            report.issues.append(
                _issue(parsed, row.row, "name", f"Trùng với dòng {seen[key]} (cùng khen thưởng)")
            )
            bad.add(row.row)
            continue
        if initiatives is not None and row.initiatives:
            ids, problems = initiatives.match(row.initiatives, kind, owner, row.name, row.year)
            if problems:
                report.issues.extend(_issue(parsed, row.row, "initiatives", m) for m in problems)
                bad.add(row.row)
                continue
            named[row.row] = ids
        seen[key] = row.row
        plans.append((row, kind, owner))
    write = _may_write(report, options)
    new_units = [o for r, k, o in plans if k == TAP_THE and o < 0 and r.row not in bad]
    new_households = [o for r, k, o in plans if k == HO_GIA_DINH and o < 0 and r.row not in bad]
    if not report.blocked:
        report.created_units.extend(collectives.labels(new_units))
    made_units = collectives.create_planned(new_units) if write else {}
    made_households = households.create_planned(new_households) if write else {}
    uses: list[tuple[AwardRecord, list[int]]] = []  # written once the records have ids
    for row, kind, owner in plans:
        if row.row in bad:
            continue
        assert row.catalogue_code is not None
        key = _award_key(
            kind,
            owner,
            row.catalogue_code,
            row.period_from_year,
            row.period_to_year,
            row.decision_number,
        )
        current = existing.get(key)
        if current is not None:
            extra: list[int] = []
            if initiatives is not None and row.row in named:
                extra = initiatives.missing(current.id, named[row.row])
            if extra and initiatives is not None:
                report.changes.append(
                    f"Dòng {row.row}: {clean(row.name)} - ghi sáng kiến, đề tài "
                    f"{initiatives.names(extra)}"
                )
                uses.append((current, extra))
            fills = {
                "decision_date": row.decision_date,
                "authority": clean(row.authority) or None,
            }
            missing = {
                k: v for k, v in fills.items() if v is not None and getattr(current, k) is None
            }
            if _revoke(current, row, write):
                report.updated += 1
                report.changes.append(f"Dòng {row.row}: {clean(row.name)} - {_revoked_text(row)}")
            elif missing:
                report.updated += 1
                report.changes.append(
                    f"Dòng {row.row}: {clean(row.name)} - bổ sung "
                    + ", ".join(
                        "ngày quyết định" if k == "decision_date" else "cơ quan quyết định"
                        for k in missing
                    )
                )
                if write:
                    for k, v in missing.items():
                        setattr(current, k, v)
            elif extra:
                report.updated += 1
            else:
                report.unchanged += 1
            continue
        report.added += 1
        period = (
            str(row.period_from_year)
            if row.period_from_year == row.period_to_year
            else f"{row.period_from_year}-{row.period_to_year}"
        )
        report.changes.append(
            f"Dòng {row.row}: {clean(row.name)} - {cat.get(row.catalogue_code).short} {period}"
            + (f" ({_revoked_text(row)})" if row.revoked else "")
            + (
                f", dựa trên sáng kiến, đề tài {initiatives.names(named[row.row])}"
                if initiatives is not None and named.get(row.row)
                else ""
            )
        )
        if not write:
            continue
        unit_text: str | None
        recipient: str | None = None
        category: str | None
        if kind == HO_GIA_DINH:
            category = HO_GIA_DINH
            unit_text = ", ".join(t for t in (clean(row.address), clean(row.commune)) if t) or None
            recipient = clean(row.name)
            owner = made_households.get(owner, owner)
        elif kind == TAP_THE:
            category = collectives.category(owner)
            unit_text = clean(row.unit_text) or collectives.name(owner)
            owner = made_units.get(owner, owner)
        else:
            category = people.people[owner].category
            unit_text = clean(row.unit_text) or None
        record = AwardRecord(
            subject_kind=kind,
            person_id=owner if kind == CA_NHAN else None,
            unit_id=owner if kind == TAP_THE else None,
            household_id=owner if kind == HO_GIA_DINH else None,
            recipient_name=recipient,
            catalogue_code=row.catalogue_code,
            award_type=row.award_type or "CONG_TRANG",
            year=row.year,
            period_from_year=row.period_from_year,
            period_to_year=row.period_to_year,
            decision_number=clean(row.decision_number) or None,
            decision_date=row.decision_date,
            authority=clean(row.authority) or None,
            subject_category=category,
            unit_text=unit_text,
            revoked=row.revoked,
            revocation_number=clean(row.revocation_number) or None,
            revocation_date=row.revocation_date,
            source="IMPORT",
            note=clean(row.note) or None,
        )
        session.add(record)
        if named.get(row.row):
            uses.append((record, named[row.row]))
    if write:
        session.flush()
        if initiatives is not None:
            for record, ids in uses:
                initiatives.record(session, record, ids)
            session.flush()
        report.written = True
        # Awards with decision numbers appear in the register as issued decisions (issue 6).
        from app.services.decision_lifecycle import sync_imported

        created = sync_imported(session)
        if created:
            report.changes.append(f"Sổ quyết định: thêm {created} quyết định từ số đã nhập")
    return report


def _revoked_text(row: AwardRowLike) -> str:
    """ "thu hồi theo quyết định 15/QĐ-UBND ngày 02/03/2025" (as much as the row says)."""
    text = "thu hồi"
    if row.revocation_number:
        text += f" theo quyết định {clean(row.revocation_number)}"
    if row.revocation_date is not None:
        text += f" ngày {row.revocation_date:%d/%m/%Y}"
    return text


def _revoke(current: AwardRecord, row: AwardRowLike, write: bool) -> bool:
    """Record the revocation a row brings to a stored award (True when something changes)."""
    if not row.revoked:
        return False
    number = clean(row.revocation_number) or None
    changes = {
        "revoked": True,
        "revocation_number": number or current.revocation_number,
        "revocation_date": row.revocation_date or current.revocation_date,
    }
    if all(getattr(current, k) == v for k, v in changes.items()):
        return False
    if write:
        for k, v in changes.items():
            setattr(current, k, v)
    return True


# ---------------------------------------------------------------- initiatives


def _initiative_key(
    title: str, number: str | None, day: date | None, year: int | None
) -> tuple[str, str, str]:
    number_key = _number_key(number)
    if number_key:
        return (fold_key(title), number_key, "")
    return (fold_key(title), "", day.isoformat() if day else f"nam {year}")


def import_initiatives(
    session: Session,
    parsed: ParsedFile,
    rows: Sequence[InitiativeRowLike],
    options: ImportOptions,
) -> ImportReport:
    """Record recognised initiatives and research topics with their authors."""
    report = _new_report(parsed, len(rows), options)
    units = UnitFinder(session)
    people = PersonFinder(session, units, options, report)
    bad = {i.row for i in report.issues}
    existing: dict[tuple[str, str, str], int] = {}
    for ini in session.scalars(select(Initiative)):
        existing.setdefault(
            _initiative_key(ini.title, ini.decision_number, ini.decision_date, ini.year), ini.id
        )
    plans: list[tuple[InitiativeRowLike, int | None, list[int]]] = []
    seen: dict[tuple[str, str, str], int] = {}
    for row in rows:
        if row.row in bad:
            continue
        unit_id = units.find(row.unit_text, row.year) or units.find(row.agency_text, row.year)
        author_ids: list[int] = []
        problems: list[str] = []
        for name in row.authors:
            pid, problem = people.find(name, unit_id=unit_id, row=row.row)
            if pid is None:
                problems.append(problem)
            elif pid not in author_ids:
                author_ids.append(pid)
        if problems:
            for problem in problems:
                report.issues.append(_issue(parsed, row.row, "authors", problem))
            bad.add(row.row)
            continue
        key = _initiative_key(row.title, row.decision_number, row.decision_date, row.year)
        if key in seen:
            report.issues.append(
                _issue(
                    parsed, row.row, "title", f"Trùng với dòng {seen[key]} (cùng tên và quyết định)"
                )
            )
            bad.add(row.row)
            continue
        seen[key] = row.row
        plans.append((row, unit_id, author_ids))
    write = _may_write(report, options)
    for row, unit_id, author_ids in plans:
        if row.row in bad:
            continue
        key = _initiative_key(row.title, row.decision_number, row.decision_date, row.year)
        if key in existing:
            report.unchanged += 1
            continue
        report.added += 1
        report.changes.append(f"Dòng {row.row}: {clean(row.title)} ({', '.join(row.authors)})")
        if not write:
            continue
        assert row.year is not None
        ini = Initiative(
            title=clean(row.title),
            kind=row.kind,
            scope=row.scope,
            unit_id=unit_id,
            year=row.year,
            decision_number=clean(row.decision_number) or None,
            decision_date=row.decision_date,
            recognized_by=clean(row.recognized_by) or None,
            summary=clean(row.summary) or None,
        )
        ini.authors = [
            InitiativeAuthor(person_id=pid, author_order=n) for n, pid in enumerate(author_ids, 1)
        ]
        session.add(ini)
    if write:
        session.flush()
        report.written = True
    return report


# ---------------------------------------------------------------- unit grades


def import_unit_grades(
    session: Session,
    parsed: ParsedFile,
    rows: Sequence[UnitGradeRowLike],
    options: ImportOptions,
) -> ImportReport:
    """Set the yearly grade of collectives (one per unit and year). A unit is the one of its
    name under the parent the row names; ``options.create_units`` creates missing units under
    their parent."""
    report = _new_report(parsed, len(rows), options)
    collectives = UnitResolver(session, create=options.create_units)
    bad = {i.row for i in report.issues}
    plans: list[tuple[UnitGradeRowLike, int]] = []
    seen: dict[tuple[int, int], int] = {}
    for row in rows:
        if row.row in bad or row.year is None or row.grade is None:
            continue
        found = collectives.resolve(row.unit_text, row.parent_text, row.year)
        unit_id = found.unit_id
        if unit_id is None:
            report.issues.append(_unit_issue(parsed, row.row, "unit", found, row.parent_text))
            if found.label and found.label not in report.unknown_units:
                report.unknown_units.append(found.label)
            bad.add(row.row)
            continue
        if (unit_id, row.year) in seen:
            report.issues.append(
                _issue(
                    parsed,
                    row.row,
                    "unit",
                    f"Cùng đơn vị và năm với dòng {seen[(unit_id, row.year)]}",
                )
            )
            bad.add(row.row)
            continue
        seen[(unit_id, row.year)] = row.row
        plans.append((row, unit_id))
    write = _may_write(report, options)
    new_units = [u for r, u in plans if u < 0 and r.row not in bad]
    if not report.blocked:
        report.created_units.extend(collectives.labels(new_units))
    made = collectives.create_planned(new_units) if write else {}
    existing = {(g.unit_id, g.year): g for g in session.scalars(select(UnitGrade))}
    for row, planned_id in plans:
        if row.row in bad:
            continue
        assert row.year is not None and row.grade is not None
        name = collectives.name(planned_id)
        unit_id = made.get(planned_id, planned_id)
        current = existing.get((unit_id, row.year))
        if current is None:
            report.added += 1
            report.changes.append(f"Dòng {row.row}: {name} - {row.year}: {row.grade}")
            if write:
                session.add(
                    UnitGrade(
                        unit_id=unit_id,
                        year=row.year,
                        grade=row.grade,
                        note=clean(row.note) or None,
                    )
                )
        elif current.grade != row.grade:
            report.updated += 1
            report.changes.append(
                f"Dòng {row.row}: {name} - {row.year}: {current.grade} → {row.grade}"
            )
            if write:
                current.grade = row.grade
        else:
            report.unchanged += 1
    if write:
        session.flush()
        report.written = True
    return report


# ---------------------------------------------------------------- one entry for the CLI and the GUI

# ``tdkt import <kind>`` (and the GUI's choice) -> the report kind shown in its title.
HISTORY_KINDS: dict[str, str] = {
    "awards": KIND_AWARDS,
    "initiatives": KIND_INITIATIVES,
    "unit-grades": KIND_UNIT_GRADES,
}


@dataclass(frozen=True)
class HistoryFile:
    """A history workbook as the Excel layer read it (``app.excel.history_files``).

    ``kind`` is a key of :data:`HISTORY_KINDS`; ``rows`` are the parsed rows of that kind;
    ``conversions`` the cells converted from TCVN3/VNI with the clerk's consent.
    """

    kind: str
    parsed: ParsedFile
    rows: tuple[object, ...]
    conversions: tuple[TextConversion, ...] = ()


def import_history(session: Session, file: HistoryFile, options: ImportOptions) -> ImportReport:
    """Run the import of ``file.kind`` (a dry run with ``options.dry_run``).

    The single entry point of ``tdkt import awards|initiatives|unit-grades`` and of the GUI's
    history import dialog: both read the file with ``app.excel.history_files`` and call this.
    """
    rows: list[Any] = list(file.rows)
    if file.kind == "awards":
        return import_awards(session, file.parsed, rows, options)
    if file.kind == "initiatives":
        return import_initiatives(session, file.parsed, rows, options)
    if file.kind == "unit-grades":
        return import_unit_grades(session, file.parsed, rows, options)
    raise ValueError(f"Loại dữ liệu lịch sử không hợp lệ: '{file.kind}'")
