"""Import of a unit's registration workbook: match rows, compare with what is stored, write.

The Excel layer (:mod:`app.excel.registration_import`) parses the file; this service matches
each person (staff code, citizen ID, name + birth, then a unique name among the active staff)
and each unit (code, then name), compares with the year's regular campaign and either writes
every change in the caller's transaction or nothing:

- any issue (unknown person, unknown title, title not for the subject, a file of another
  year...) blocks the import: nothing is written;
- ``dry_run`` reports the changes without writing;
- an empty title cell next to a stored sign-up removes that sign-up (the exported workbook is
  pre-filled with what is stored, so clearing a cell is the unit's answer).

The year's regular campaign is created (:func:`app.services.campaigns.ensure_regular_campaign`)
when it does not exist yet and the import writes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import Assignment, Person, Registration, Unit, UnitRegistration
from app.domain.campaigns import UnitStatus
from app.domain.identity import Outcome, RowIdentity, resolve
from app.domain.registration_checks import Flag
from app.domain.vntext import clean
from app.services.campaigns import ensure_regular_campaign, regular_campaign
from app.services.identity import load_directory
from app.services.people_import import UnitMatcher
from app.services.reference import catalogue
from app.services.registration_history import dump_flags, reference_day
from app.services.registration_rules import sign_up_flags

__all__ = ["ImportIssue", "RegistrationImportReport", "import_registrations"]


class IssueLike(Protocol):
    @property
    def sheet(self) -> str: ...
    @property
    def row(self) -> int: ...
    @property
    def column(self) -> str: ...
    @property
    def field(self) -> str: ...
    @property
    def message(self) -> str: ...


class IndividualRowLike(Protocol):
    """A person row of the workbook (the identity fields the matcher reads, the title)."""

    @property
    def row(self) -> int: ...
    @property
    def full_name(self) -> str: ...
    @property
    def birth_date(self) -> date | None: ...
    @property
    def birth_year(self) -> int | None: ...
    @property
    def staff_code(self) -> str | None: ...
    @property
    def citizen_id(self) -> str | None: ...
    @property
    def note(self) -> str: ...
    @property
    def title_text(self) -> str: ...
    @property
    def title_code(self) -> str | None: ...


class CollectiveRowLike(Protocol):
    @property
    def row(self) -> int: ...
    @property
    def unit_name(self) -> str: ...
    @property
    def unit_code(self) -> str | None: ...
    @property
    def title_text(self) -> str: ...
    @property
    def title_code(self) -> str | None: ...
    @property
    def note(self) -> str: ...


class RegistrationFileLike(Protocol):
    """What :func:`app.excel.registration_import.parse_registration_workbook` returns."""

    @property
    def file(self) -> object: ...
    @property
    def individuals_sheet(self) -> str: ...
    @property
    def collectives_sheet(self) -> str | None: ...
    @property
    def individual_columns(self) -> Mapping[str, str]: ...
    @property
    def collective_columns(self) -> Mapping[str, str]: ...
    @property
    def individuals(self) -> Sequence[IndividualRowLike]: ...
    @property
    def collectives(self) -> Sequence[CollectiveRowLike]: ...
    @property
    def issues(self) -> Sequence[IssueLike]: ...
    @property
    def year(self) -> int | None: ...


@dataclass(frozen=True)
class ImportIssue:
    sheet: str
    row: int
    column: str
    field: str
    message: str

    def text(self) -> str:
        where = f"trang '{self.sheet}'" if self.sheet else "tệp"
        if self.row:
            where += f", dòng {self.row}"
        if self.column:
            where += f", cột {self.column}"
        return f"{where}: {self.message}"


@dataclass
class RegistrationImportReport:
    file: str
    year: int
    campaign: str = ""
    campaign_created: bool = False
    people_rows: int = 0
    unit_rows: int = 0
    added: int = 0
    changed: int = 0
    unchanged: int = 0
    removed: int = 0
    changes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    issues: list[ImportIssue] = field(default_factory=list)
    written: bool = False
    dry_run: bool = False
    blocked: bool = False

    def lines(self) -> list[str]:
        out = [
            f"Nhập bản đăng ký thi đua năm {self.year} từ {self.file}: {self.people_rows} dòng "
            f"cá nhân, {self.unit_rows} dòng tập thể."
        ]
        if self.campaign:
            made = " (tạo mới)" if self.campaign_created else ""
            out.append(f"Phong trào: {self.campaign}{made}.")
        if self.issues:
            out.append(f"Lỗi ({len(self.issues)}):")
            out.extend(f"  - {i.text()}" for i in self.issues)
        if self.changes:
            out.append("Thay đổi so với dữ liệu đã lưu:")
            out.extend(f"  - {c}" for c in self.changes)
        if self.warnings:
            out.append(f"Cảnh báo ({len(self.warnings)}), vẫn ghi nhận đăng ký:")
            out.extend(f"  - {w}" for w in self.warnings)
        verb = "Đã" if self.written else "Sẽ"
        out.append(
            f"{verb} thêm {self.added}, thay đổi {self.changed}, bỏ {self.removed}, "
            f"giữ nguyên {self.unchanged}."
        )
        if self.dry_run:
            out.append("Chạy thử (--dry-run): không ghi gì vào CSDL.")
        if self.blocked:
            out.append("KHÔNG ghi gì vào CSDL: sửa các lỗi trên trong tệp rồi nhập lại.")
        return out


@dataclass
class _Plan:
    row: int
    label: str
    target: int  # person id or unit id
    code: str | None
    note: str | None


def _person_plans(
    session: Session, book: RegistrationFileLike, report: RegistrationImportReport
) -> list[_Plan]:
    directory = load_directory(session)
    active = set(session.scalars(select(Person.id).where(Person.active)))
    sheet = book.individuals_sheet
    column = book.individual_columns.get("full_name") or book.individual_columns.get("ten", "")
    bad = {i.row for i in book.issues if i.sheet == sheet}
    seen: dict[int, int] = {}
    plans = []
    for row in book.individuals:
        if row.row in bad:
            continue
        res = resolve(
            RowIdentity(
                row.full_name, row.birth_date, row.birth_year, row.staff_code, row.citizen_id
            ),
            directory,
            prefer=lambda p: p.id in active,
        )
        pid = res.person.id if res.outcome is Outcome.MATCH and res.person else None
        problem = res.message
        if res.outcome is Outcome.SUGGEST:
            problem = (
                f"Không có cán bộ tên đúng '{clean(row.full_name)}' trong danh bạ; {res.message} "
                "(sửa họ tên trong tệp cho đúng)"
            )
        elif res.outcome is Outcome.NEW:
            problem = (
                f"Không tìm thấy cán bộ '{row.full_name}' trong danh bạ của Sở (kiểm tra "
                "họ tên, ngày sinh, mã cán bộ)"
            )
        if pid is None:
            report.issues.append(ImportIssue(sheet, row.row, column, "full_name", problem or ""))
            continue
        if pid in seen:
            report.issues.append(
                ImportIssue(
                    sheet, row.row, column, "full_name", f"Cùng một người với dòng {seen[pid]}"
                )
            )
            continue
        seen[pid] = row.row
        plans.append(_Plan(row.row, row.full_name, pid, row.title_code, clean(row.note) or None))
    return plans


def _unit_plans(
    session: Session, book: RegistrationFileLike, report: RegistrationImportReport
) -> list[_Plan]:
    sheet = book.collectives_sheet or ""
    names = UnitMatcher(session, {})
    by_code = {
        code.upper(): uid
        for uid, code in session.execute(select(Unit.id, Unit.code).where(Unit.valid_to.is_(None)))
    }
    column = book.collective_columns.get("unit_name", "")
    bad = {i.row for i in book.issues if i.sheet == sheet}
    seen: dict[int, int] = {}
    plans = []
    for row in book.collectives:
        if row.row in bad:
            continue
        uid = by_code.get((row.unit_code or "").upper()) if row.unit_code else None
        if uid is None:
            uid = names.find(row.unit_name)
        if uid is None:
            shown = row.unit_name or row.unit_code or ""
            report.issues.append(
                ImportIssue(sheet, row.row, column, "unit_name", f"Không tìm thấy đơn vị '{shown}'")
            )
            continue
        if uid in seen:
            report.issues.append(
                ImportIssue(
                    sheet, row.row, column, "unit_name", f"Cùng một đơn vị với dòng {seen[uid]}"
                )
            )
            continue
        seen[uid] = row.row
        plans.append(_Plan(row.row, row.unit_name, uid, row.title_code, clean(row.note) or None))
    return plans


def _short(code: str | None) -> str:
    cat = catalogue()
    if code is None:
        return "không đăng ký"
    return cat.get(code).short if code in cat else code


def _compare(
    plan: _Plan,
    stored: tuple[str | None, str | None] | None,
    sheet: str,
    report: RegistrationImportReport,
) -> str | None:
    """Count the change; returns "add", "change", "remove" or None (nothing to write)."""
    old_code, old_note = stored if stored is not None else (None, None)
    where = f"Trang '{sheet}', dòng {plan.row}: {plan.label}"
    if plan.code is None and old_code is None:
        return None
    if old_code is None:
        report.added += 1
        report.changes.append(f"{where} - thêm {_short(plan.code)}")
        return "add"
    if plan.code is None:
        report.removed += 1
        report.changes.append(f"{where} - bỏ đăng ký {_short(old_code)}")
        return "remove"
    if plan.code == old_code and plan.note == old_note:
        report.unchanged += 1
        return None
    report.changed += 1
    what = (
        f"{_short(old_code)} → {_short(plan.code)}"
        if plan.code != old_code
        else f"ghi chú: {old_note or '(trống)'} → {plan.note or '(trống)'}"
    )
    report.changes.append(f"{where} - {what}")
    return "change"


def import_registrations(
    session: Session,
    book: RegistrationFileLike,
    year: int,
    *,
    dry_run: bool = False,
) -> RegistrationImportReport:
    """Compare a parsed workbook with the sign-ups of ``year``'s regular campaign; write all
    of it, or nothing when any row is invalid or ``dry_run`` is set."""
    report = RegistrationImportReport(file=str(book.file), year=year, dry_run=dry_run)
    report.people_rows, report.unit_rows = len(book.individuals), len(book.collectives)
    report.issues.extend(
        ImportIssue(i.sheet, i.row, i.column, i.field, i.message) for i in book.issues
    )
    if book.year is not None and book.year != year:
        report.issues.insert(
            0,
            ImportIssue(
                "", 0, "", "", f"Tệp là bản đăng ký năm {book.year}, không phải năm {year}"
            ),
        )
    people = _person_plans(session, book, report)
    units = _unit_plans(session, book, report)
    campaign = regular_campaign(session, year)
    report.campaign = campaign.name if campaign else f"Phong trào thi đua thường xuyên năm {year}"
    if campaign is not None:
        if not campaign.for_individuals and any(p.code for p in people):
            report.issues.append(
                ImportIssue(book.individuals_sheet, 0, "", "", "Phong trào không dành cho cá nhân")
            )
        if not campaign.for_collectives and any(u.code for u in units):
            report.issues.append(
                ImportIssue(
                    book.collectives_sheet or "", 0, "", "", "Phong trào không dành cho tập thể"
                )
            )
    stored_people: dict[int, tuple[str | None, str | None]] = {}
    stored_units: dict[int, tuple[str | None, str | None]] = {}
    if campaign is not None:
        stored_people = {
            pid: (code, note)
            for pid, code, note in session.execute(
                select(
                    Registration.person_id, Registration.catalogue_code, Registration.note
                ).where(Registration.campaign_id == campaign.id)
            )
        }
        stored_units = {
            uid: (code, note)
            for uid, code, note in session.execute(
                select(
                    UnitRegistration.unit_id, UnitRegistration.catalogue_code, UnitRegistration.note
                ).where(UnitRegistration.campaign_id == campaign.id)
            )
        }
    person_actions = [
        (p, _compare(p, stored_people.get(p.target), book.individuals_sheet, report))
        for p in people
    ]
    unit_actions = [
        (u, _compare(u, stored_units.get(u.target), book.collectives_sheet or "", report))
        for u in units
    ]
    flags = _flags(session, year, person_actions, unit_actions)
    _warn(person_actions, unit_actions, report, flags)
    report.blocked = bool(report.issues)
    if report.blocked or dry_run:
        return report
    if campaign is None:
        campaign, report.campaign_created = ensure_regular_campaign(session, year)
        report.campaign = campaign.name
    _write(session, campaign.id, year, person_actions, unit_actions, flags)
    report.written = True
    return report


Flags = tuple[dict[int, list[Flag]], dict[int, list[Flag]]]


def _flags(
    session: Session,
    year: int,
    person_actions: list[tuple[_Plan, str | None]],
    unit_actions: list[tuple[_Plan, str | None]],
) -> Flags:
    """The sign-up checks of every row that adds or changes a target (people, collectives),
    computed once for the report and the write alike."""
    cat = catalogue()
    people = {p.target: cat.get(p.code) for p, a in person_actions if a is not None and p.code}
    units = {u.target: cat.get(u.code) for u, a in unit_actions if a is not None and u.code}
    return sign_up_flags(session, year, people, units)


def _warn(
    person_actions: list[tuple[_Plan, str | None]],
    unit_actions: list[tuple[_Plan, str | None]],
    report: RegistrationImportReport,
    flags: Flags,
) -> None:
    cat = catalogue()
    for p, action in person_actions:
        if action in ("add", "change") and p.code:
            short = cat.get(p.code).short
            report.warnings.extend(
                f"Dòng {p.row} ({p.label}, {short}): {f.message}" for f in flags[0][p.target]
            )
    for u, action in unit_actions:
        if action in ("add", "change") and u.code:
            short = cat.get(u.code).short
            report.warnings.extend(
                f"Tập thể, dòng {u.row} ({u.label}, {short}): {f.message}"
                for f in flags[1][u.target]
            )


def _write(
    session: Session,
    campaign_id: int,
    year: int,
    person_actions: list[tuple[_Plan, str | None]],
    unit_actions: list[tuple[_Plan, str | None]],
    flags: Flags,
) -> None:
    todo = [(p, a) for p, a in person_actions if a is not None]
    existing = {
        r.person_id: r
        for r in session.scalars(
            select(Registration).where(
                Registration.campaign_id == campaign_id,
                Registration.person_id.in_([p.target for p, _ in todo] or [-1]),
            )
        )
    }
    units_now = _units_on(session, [p.target for p, a in todo if a == "add"], year)
    for plan, action in todo:
        row = existing.get(plan.target)
        if action == "remove":
            if row is not None:
                session.delete(row)
            continue
        assert plan.code is not None
        if row is None:
            row = Registration(
                campaign_id=campaign_id,
                person_id=plan.target,
                unit_id=units_now.get(plan.target),
                source="IMPORT",
            )
            session.add(row)
        row.catalogue_code = plan.code
        row.note = plan.note
        row.flags = dump_flags(flags[0][plan.target])
    unit_todo = [(u, a) for u, a in unit_actions if a is not None]
    rows = {
        r.unit_id: r
        for r in session.scalars(
            select(UnitRegistration).where(UnitRegistration.campaign_id == campaign_id)
        )
    }
    for plan, _action in unit_todo:
        unit_row = rows.get(plan.target)
        if unit_row is None:
            unit_row = UnitRegistration(
                campaign_id=campaign_id, unit_id=plan.target, status=UnitStatus.CHUA_GUI.value
            )
            session.add(unit_row)
        unit_row.catalogue_code = plan.code
        unit_row.note = plan.note
        unit_row.flags = dump_flags(flags[1][plan.target]) if plan.code else None
    session.flush()


def _units_on(session: Session, person_ids: list[int], year: int) -> dict[int, int]:
    """person id -> unit of the assignment in force on the list's reference day."""
    if not person_ids:
        return {}
    day = reference_day(year, date.today())
    out: dict[int, tuple[date, int, int]] = {}
    rows = session.execute(
        select(
            Assignment.person_id,
            Assignment.unit_id,
            Assignment.start_date,
            Assignment.end_date,
            Assignment.id,
        ).where(Assignment.person_id.in_(person_ids))
    )
    for pid, uid, start, end, aid in rows:
        in_force = (start is None or start <= day) and (end is None or end >= day)
        score = (date.max if in_force else (start or date.min), aid, uid)
        if pid not in out or score > out[pid]:
            out[pid] = score
    return {pid: value[2] for pid, value in out.items()}
