"""One import service for every file a clerk brings in: ``preview()`` then ``commit()``.

The import wizard, the history-import dialog and ``tdkt import`` all go through here, so a file
gives the same rows, changes, suggestions and errors wherever it is read:

- :func:`preview` runs the import of a job as a dry run (nothing is written) and notes when
  each person the rows matched was last changed;
- :func:`commit` makes a copy of an SQLite file first, refuses when one of those people
  changed since the preview (another clerk, another window), then writes in the caller's
  transaction, all or nothing.

The staff list's unknown units are decided by the clerk one by one (map to a unit, create,
or leave undecided): :func:`plan_job` turns those choices into a job, holding back the rows of
undecided units, and :func:`preview_plan` reports which units of the file are missing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import Person
from app.domain.collectives import unit_key
from app.domain.errors import ConflictError, ValidationError
from app.domain.imports import ImportOptions, ImportReport, RowIssue
from app.services import people_import as people_svc
from app.services.history_import import HISTORY_KINDS, HistoryFile, import_history
from app.services.people_import import ParsedFile
from app.services.units import UnitDTO, list_units

__all__ = [
    "CREATE_UNIT",
    "ImportJob",
    "ImportPlan",
    "PlanPreview",
    "Preview",
    "commit",
    "commit_plan",
    "plan_job",
    "preview",
    "preview_plan",
    "unit_key",
]

CREATE_UNIT = "create"
"""The clerk's choice for an unknown unit: create it under the agency (else a unit id)."""

Choice = int | str | None

_PEOPLE_SERVICES: dict[str, Callable[..., ImportReport]] = {
    "staff": people_svc.import_staff,
    "grades": people_svc.import_grades,
    "discipline": people_svc.import_discipline,
}


@dataclass(frozen=True)
class ImportJob:
    """A file read by the Excel layer and the clerk's options: what preview and commit take."""

    kind: str  # staff, grades, discipline, awards, initiatives, unit-grades
    parsed: ParsedFile
    rows: tuple[Any, ...]
    options: ImportOptions = field(default_factory=ImportOptions)

    @classmethod
    def of_history(cls, history: HistoryFile, options: ImportOptions) -> ImportJob:
        return cls(history.kind, history.parsed, tuple(history.rows), options)


@dataclass(frozen=True)
class Preview:
    """A dry run: the report as the real run would write it, and when the people it matched
    were last changed (person id -> ``updated_at``)."""

    job: ImportJob
    report: ImportReport
    stamps: Mapping[int, datetime | None]


def _run(session: Session, job: ImportJob, *, dry_run: bool) -> ImportReport:
    options = replace(job.options, dry_run=dry_run)
    if job.kind in _PEOPLE_SERVICES:
        return _PEOPLE_SERVICES[job.kind](session, job.parsed, list(job.rows), options)
    if job.kind in HISTORY_KINDS:
        return import_history(session, HistoryFile(job.kind, job.parsed, job.rows), options)
    raise ValueError(f"Loại dữ liệu không hợp lệ: '{job.kind}'")


def _stamps(session: Session, ids: set[int]) -> dict[int, datetime | None]:
    if not ids:
        return {}
    found: dict[int, datetime | None] = dict.fromkeys(ids)
    for chunk_start in range(0, len(ids), 900):
        chunk = sorted(ids)[chunk_start : chunk_start + 900]
        for pid, stamp in session.execute(
            select(Person.id, Person.updated_at).where(Person.id.in_(chunk))
        ):
            found[pid] = stamp
    return found


def preview(session: Session, job: ImportJob) -> Preview:
    """The import of ``job`` as a dry run: nothing is written, whatever ``job.options`` say."""
    report = _run(session, job, dry_run=True)
    report.dry_run = job.options.dry_run
    return Preview(job, report, _stamps(session, set(report.matched)))


def commit(session: Session, checked: Preview, *, backup_url: str | None = None) -> ImportReport:
    """Write what ``checked`` previewed, in the caller's transaction (all or nothing).

    ``backup_url``: an SQLite database is copied to the backup folder first. Raises
    :class:`ConflictError` when a person the rows matched changed since the preview.
    """
    now = _stamps(session, set(checked.stamps))
    changed = sorted(pid for pid, stamp in checked.stamps.items() if now.get(pid) != stamp)
    if changed:
        names = [
            name
            for (name,) in session.execute(
                select(Person.full_name).where(Person.id.in_(changed[:10]))
            )
        ]
        more = f" và {len(changed) - len(names)} người khác" if len(changed) > len(names) else ""
        raise ConflictError(
            "Hồ sơ của " + ", ".join(names) + more + " vừa được sửa từ lúc kiểm tra tệp; "
            "chưa ghi gì. Hãy kiểm tra lại rồi ghi."
        )
    if backup_url is not None:
        from app.services.backup import backup_database

        backup_database(backup_url, reason="truoc-nhap")
    return _run(session, checked.job, dry_run=False)


# ---------------------------------------------------------------- staff lists: unknown units


def _row_key(row: Any) -> str:
    """The key of the clerk's choice for the unit a row names (the unit under its parent)."""
    return people_svc.unit_choice_key(row.unit_text, getattr(row, "agency_text", "") or "")


@dataclass(frozen=True)
class ImportPlan:
    """A staff, grades or discipline file with the clerk's choices (the wizard's state)."""

    kind: str
    parsed: ParsedFile
    rows: tuple[Any, ...]
    unknown_units: tuple[str, ...] = ()
    choices: Mapping[str, Choice] = field(default_factory=dict)  # unit_key -> choice
    skip_invalid: bool = False
    effective: date | None = None
    accept_suggestions: frozenset[int] = frozenset()  # rows: the suggested person is right
    new_people: frozenset[int] = frozenset()  # rows: a new person despite a near name
    update_identity: bool = False  # the clerk confirmed the identity changes listed

    def unresolved(self) -> dict[str, str]:
        """unit_key -> spelling of the unknown units the clerk has not decided about."""
        return {
            unit_key(name): name
            for name in self.unknown_units
            if self.choices.get(unit_key(name)) is None
        }


def plan_job(plan: ImportPlan) -> tuple[ImportJob, dict[int, str]]:
    """The job for ``plan`` and the rows held back (row -> unit name): rows of units the clerk
    has not decided about are not given to the import, so ``create_units`` creates only the
    units the clerk chose to create."""
    unresolved = plan.unresolved()
    held: dict[int, str] = {}
    rows = []
    for row in plan.rows:
        name = unresolved.get(_row_key(row)) if row.unit_text else None
        if name is None:
            rows.append(row)
        else:
            held[row.row] = name
    known = {unit_key(name) for name in plan.unknown_units}
    options = ImportOptions(
        skip_invalid=plan.skip_invalid,
        create_units=any(
            plan.choices.get(key) == CREATE_UNIT for key in known if key not in unresolved
        ),
        unit_mapping={
            key: choice
            for key, choice in plan.choices.items()
            if key in known and isinstance(choice, int) and not isinstance(choice, bool)
        },
        effective=plan.effective,
        accept_suggestions=plan.accept_suggestions,
        new_people=plan.new_people,
        update_identity=plan.update_identity,
    )
    return ImportJob(plan.kind, plan.parsed, tuple(rows), options), held


def _hold(report: ImportReport, plan: ImportPlan, held: Mapping[int, str]) -> None:
    """Report the held rows: skipped with ``skip_invalid``, else problems that block."""
    report.total_rows = len(plan.rows)
    if not held:
        return
    column = plan.parsed.columns.get("unit", "")
    header = plan.parsed.headers.get("unit", "")
    if plan.skip_invalid:
        already = {row for row, _reason in report.skipped}
        report.skipped.extend(
            (row, f"đơn vị '{name}' chưa có trong cây đơn vị")
            for row, name in held.items()
            if row not in already
        )
        report.skipped.sort()
        return
    report.issues.extend(
        RowIssue(
            row,
            column,
            "unit",
            f"Đơn vị '{name}' chưa có trong cây đơn vị: chọn đơn vị tương ứng hoặc tạo mới",
            header,
        )
        for row, name in held.items()
    )
    report.issues.sort(key=lambda i: (i.row, len(i.column), i.column))
    report.blocked = True


@dataclass(frozen=True)
class PlanPreview:
    """A staff plan's dry run: the report, the file's unknown units, the rows naming each,
    the current units to map them to, and the preview to commit."""

    plan: ImportPlan
    checked: Preview
    unknown_units: tuple[str, ...]
    unit_rows: Mapping[str, tuple[int, ...]]  # unit_key -> data rows naming it
    units: tuple[UnitDTO, ...]

    @property
    def report(self) -> ImportReport:
        return self.checked.report

    @property
    def unresolved(self) -> dict[str, str]:
        return self.plan.unresolved()

    @property
    def can_write(self) -> bool:
        return not self.report.blocked


def preview_plan(
    session: Session, plan: ImportPlan, known_units: tuple[str, ...] | None = None
) -> PlanPreview:
    """Dry run of ``plan``; ``known_units``: the unknown units found by an earlier preview of
    the same file (else found now, by a first dry run without the clerk's choices)."""
    units = tuple(list_units(session, include_history=False))
    if known_units is None:
        if plan.kind == "staff":
            base = replace(plan, unknown_units=(), choices={}, skip_invalid=False)
            job, _held = plan_job(base)
            known_units = tuple(preview(session, job).report.unknown_units)
        else:
            known_units = ()
    full = replace(plan, unknown_units=known_units)
    job, held = plan_job(full)
    checked = preview(session, job)
    _hold(checked.report, full, held)
    rows: dict[str, list[int]] = {}
    keys = {unit_key(name) for name in known_units}
    for row in plan.rows:
        if row.unit_text and _row_key(row) in keys:
            rows.setdefault(_row_key(row), []).append(row.row)
    return PlanPreview(full, checked, known_units, {k: tuple(v) for k, v in rows.items()}, units)


def commit_plan(
    session: Session, checked: PlanPreview, *, backup_url: str | None = None
) -> ImportReport:
    """Write a previewed plan (refused while anything blocks it)."""
    if checked.report.blocked:
        raise ValidationError("Còn lỗi chặn việc ghi: xem lại bước Kiểm tra.")
    report = commit(session, checked.checked, backup_url=backup_url)
    _hold(report, checked.plan, plan_job(checked.plan)[1])
    return report
