"""One import service for every file a clerk brings in: ``preview()`` then ``commit()``.

The import wizard, the history-import dialog and ``tdkt import`` all go through here, so a file
gives the same rows, changes, suggestions and errors wherever it is read:

- :func:`preview` runs the import of a job as a dry run (nothing is written) and notes the
  version of every record it read (the people the rows matched, their grades, assignments,
  discipline, awards, the units...);
- :func:`commit` refuses when one of those records changed or went since the preview (another
  clerk, another window), naming them, makes a copy of an SQLite file, then writes in the
  caller's transaction, all or nothing.

The staff list's unknown units are decided by the clerk one by one (map to a unit, create,
or leave undecided): :func:`plan_job` turns those choices into a job, holding back the rows of
undecided units, and :func:`preview_plan` reports which units of the file are missing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import Table, event, inspect, select
from sqlalchemy.orm import Session

from app.db.base import Base, Versioned
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


RecordKey = tuple[str, Any]  # (table name, primary key)


@dataclass(frozen=True)
class Preview:
    """A dry run: the report as the real run would write it, when the people it matched were
    last changed (person id -> ``updated_at``) and the version of every record it read."""

    job: ImportJob
    report: ImportReport
    stamps: Mapping[int, datetime | None]
    versions: Mapping[RecordKey, int] = field(default_factory=dict)


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


def _key(instance: Any) -> RecordKey | None:
    state = inspect(instance)
    if state.identity is None or not isinstance(instance, Versioned):
        return None
    identity = state.identity
    return state.mapper.local_table.name, identity[0] if len(identity) == 1 else identity


def _read_versions(session: Session, run: Callable[[], ImportReport]) -> tuple[ImportReport, dict]:
    """Run ``run`` noting the version of every versioned record it loads (or finds loaded)."""
    seen: dict[RecordKey, int] = {}

    def loaded(_session: Session, instance: Any) -> None:
        key = _key(instance)
        if key is not None:
            seen.setdefault(key, instance.version)

    for instance in list(session.identity_map.values()):
        loaded(session, instance)
    event.listen(session, "loaded_as_persistent", loaded)
    try:
        report = run()
    finally:
        event.remove(session, "loaded_as_persistent", loaded)
    for instance in list(session.identity_map.values()):
        loaded(session, instance)
    return report, seen


def _tables() -> dict[str, tuple[Table, Any]]:
    """Versioned tables by name: the table and its primary key column."""
    out: dict[str, tuple[Table, Any]] = {}
    for mapper in Base.registry.mappers:
        if issubclass(mapper.class_, Versioned):
            table = mapper.local_table
            assert isinstance(table, Table)
            out[table.name] = (table, mapper.primary_key[0])
    return out


def _current_versions(session: Session, keys: set[RecordKey]) -> dict[RecordKey, int]:
    tables = _tables()
    by_table: dict[str, list[Any]] = {}
    for table_name, pk in keys:
        by_table.setdefault(table_name, []).append(pk)
    found: dict[RecordKey, int] = {}
    for name, pks in by_table.items():
        table, column = tables[name]
        ordered = sorted(pks, key=str)
        for start in range(0, len(ordered), 900):
            chunk = ordered[start : start + 900]
            rows = session.execute(select(column, table.c.version).where(column.in_(chunk))).all()
            found.update(((name, pk), version) for pk, version in rows)
    return found


_LABELS = {
    "person": "hồ sơ cán bộ",
    "unit": "đơn vị",
    "assignment": "quá trình công tác",
    "person_grade": "xếp loại",
    "unit_grade": "xếp loại tập thể",
    "discipline": "kỷ luật",
    "initiative": "sáng kiến",
    "award_record": "khen thưởng",
    "household": "hộ gia đình",
    "catalogue_item": "danh mục khen thưởng",
    "app_setting": "cài đặt",
}


def _describe(session: Session, key: RecordKey) -> str:
    """ "hồ sơ cán bộ Lê Văn An", "xếp loại năm 2024 của Lê Văn An", "đơn vị Văn phòng Sở"..."""
    table, pk = key
    label = _LABELS.get(table, table)
    mapper = next(m for m in Base.registry.mappers if m.local_table is _tables()[table][0])
    row = session.get(mapper.class_, pk)
    if row is None:
        return f"{label} (đã bị xóa)"
    if isinstance(row, Person):
        return f"hồ sơ cán bộ {row.full_name}"
    name = getattr(row, "full_name", None) or getattr(row, "title", None)
    if name:
        return f"{label} {name}"
    year = getattr(row, "year", None)
    person_id = getattr(row, "person_id", None)
    person = session.get(Person, person_id) if person_id is not None else None
    parts = [label]
    if year is not None:
        parts.append(f"năm {year}")
    if person is not None:
        parts.append(f"của {person.full_name}")
    return " ".join(parts) if len(parts) > 1 else f"{label} id={pk}"


def changed_records(session: Session, checked: Preview) -> list[str]:
    """The records a preview read that another clerk changed or removed since, in words."""
    now = _current_versions(session, set(checked.versions))
    changed = [key for key, version in checked.versions.items() if now.get(key) != version]
    changed.sort(key=lambda key: (key[0] != "person", key[0], str(key[1])))
    return [_describe(session, key) for key in changed]


def preview(session: Session, job: ImportJob) -> Preview:
    """The import of ``job`` as a dry run: nothing is written, whatever ``job.options`` say."""
    report, versions = _read_versions(session, lambda: _run(session, job, dry_run=True))
    report.dry_run = job.options.dry_run
    matched = set(report.matched)
    versions.update(
        (key, version)
        for key, version in _current_versions(session, {("person", pid) for pid in matched}).items()
        if key not in versions
    )
    return Preview(job, report, _stamps(session, matched), versions)


def commit(session: Session, checked: Preview, *, backup_url: str | None = None) -> ImportReport:
    """Write what ``checked`` previewed, in the caller's transaction (all or nothing).

    ``backup_url``: an SQLite database is copied to the backup folder first. Raises
    :class:`ConflictError` naming the records the preview read that changed or went since.
    """
    changed = changed_records(session, checked)
    if changed:
        shown = changed[:10]
        more = f" và {len(changed) - len(shown)} bản ghi khác" if len(changed) > len(shown) else ""
        raise ConflictError(
            "Đã có người sửa dữ liệu từ lúc kiểm tra tệp ("
            + "; ".join(shown)
            + more
            + "); chưa ghi gì. Hãy kiểm tra lại tệp rồi ghi."
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
