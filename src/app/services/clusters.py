"""Emulation clusters and blocs (cụm, khối thi đua) of a year, their member units and results
(domain.md §15; issue 12, point 6).

Entry points:

- :func:`list_clusters`, :func:`create_cluster`, :func:`update_cluster`,
  :func:`delete_cluster`, :func:`copy_clusters`: the year's clusters (Bình xét → "Cụm, khối
  thi đua").
- :func:`add_members`, :func:`remove_member`, :func:`set_result`: member units and their
  result (dẫn đầu, suy tôn, không; None while not entered).
- :func:`unit_choices`: the units a cluster of the year may hold.
- :func:`cluster_results`: what the eligibility rules read (``app.services.eligibility``).
- :func:`import_clusters`: a file read by :func:`app.excel.cluster_import.read_cluster_file`,
  all or nothing; units are found by name (and parent) as every importer does
  (:class:`app.services.collectives.UnitResolver`), never created.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import Cluster, ClusterMember, Unit
from app.domain.clusters import (
    KINDS,
    ORGANISERS,
    RESULTS,
    ClusterFile,
    ClusterFileRow,
    ClusterImportReport,
    ClusterInput,
    FileCell,
    kind_from_text,
    kind_of_name,
    organiser_from_text,
    result_from_text,
    validate_cluster,
)
from app.domain.eligibility import ClusterResult
from app.domain.errors import ConflictError, NotFoundError, ValidationError
from app.domain.imports import RowIssue
from app.domain.vntext import clean, fold_key, vi_sort_key
from app.services.collectives import UnitResolver
from app.services.units import list_units

__all__ = [
    "ClusterDTO",
    "MemberDTO",
    "UnitChoice",
    "add_members",
    "cluster_results",
    "copy_clusters",
    "create_cluster",
    "delete_cluster",
    "get_cluster",
    "import_clusters",
    "list_clusters",
    "remove_member",
    "set_result",
    "unit_choices",
    "update_cluster",
]

_ORGANISER_ORDER = {code: i for i, code in enumerate(ORGANISERS)}


@dataclass(frozen=True)
class MemberDTO:
    id: int
    unit_id: int
    unit_name: str
    result: str | None
    note: str | None
    version: int


@dataclass(frozen=True)
class ClusterDTO:
    id: int
    year: int
    name: str
    kind: str
    organiser: str
    note: str | None
    version: int
    members: tuple[MemberDTO, ...] = ()

    def as_input(self) -> ClusterInput:
        return ClusterInput(self.name, self.kind, self.organiser, self.note)

    @property
    def results_entered(self) -> int:
        return sum(1 for m in self.members if m.result is not None)


@dataclass(frozen=True)
class UnitChoice:
    """A unit a cluster may hold, as the picker lists it (indented by depth)."""

    id: int
    name: str
    depth: int


def _check_year(year: int) -> None:
    if not 1900 <= year <= 2100:
        raise ValidationError(f"Năm {year} không hợp lệ")


def _unit_names(session: Session, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    return dict(session.execute(select(Unit.id, Unit.full_name).where(Unit.id.in_(ids))).all())


def _dtos(session: Session, clusters: list[Cluster]) -> list[ClusterDTO]:
    names = _unit_names(session, {m.unit_id for c in clusters for m in c.members})
    out = []
    for c in clusters:
        members = sorted(
            (
                MemberDTO(m.id, m.unit_id, names.get(m.unit_id, ""), m.result, m.note, m.version)
                for m in c.members
            ),
            key=lambda m: vi_sort_key(m.unit_name),
        )
        out.append(
            ClusterDTO(c.id, c.year, c.name, c.kind, c.organiser, c.note, c.version, tuple(members))
        )
    return out


def _sort_key(c: ClusterDTO) -> tuple[int, object]:
    return (_ORGANISER_ORDER.get(c.organiser, 99), vi_sort_key(c.name))


def list_clusters(session: Session, year: int) -> list[ClusterDTO]:
    """The clusters of ``year``: the province's first, then the ministry's, the Sở's; by name."""
    rows = list(session.scalars(select(Cluster).where(Cluster.year == year)))
    return sorted(_dtos(session, rows), key=_sort_key)


def _load(session: Session, cluster_id: int) -> Cluster:
    row = session.get(Cluster, cluster_id)
    if row is None:
        raise NotFoundError(f"Không tìm thấy cụm, khối thi đua id={cluster_id}")
    return row


def get_cluster(session: Session, cluster_id: int) -> ClusterDTO:
    return _dtos(session, [_load(session, cluster_id)])[0]


def _check(session: Session, year: int, data: ClusterInput, cluster_id: int | None) -> ClusterInput:
    data = data.normalised()
    problems = validate_cluster(data)
    if data.name:
        key = fold_key(data.name)
        for cid, name in session.execute(
            select(Cluster.id, Cluster.name).where(Cluster.year == year)
        ):
            if cid != cluster_id and fold_key(name) == key:
                problems.append(f"Năm {year} đã có cụm, khối thi đua '{name}'")
    if problems:
        raise ValidationError(problems)
    return data


def create_cluster(session: Session, year: int, data: ClusterInput) -> ClusterDTO:
    _check_year(year)
    data = _check(session, year, data, None)
    row = Cluster(year=year, name=data.name, kind=data.kind, organiser=data.organiser)
    row.note = data.note
    session.add(row)
    session.flush()
    return get_cluster(session, row.id)


def update_cluster(
    session: Session, cluster_id: int, data: ClusterInput, *, expected_version: int | None = None
) -> ClusterDTO:
    row = _load(session, cluster_id)
    ConflictError.check(row.version, expected_version)
    data = _check(session, row.year, data, cluster_id)
    row.name, row.kind, row.organiser, row.note = data.name, data.kind, data.organiser, data.note
    session.flush()
    return get_cluster(session, cluster_id)


def delete_cluster(session: Session, cluster_id: int) -> None:
    """Delete a cluster with its members and their results."""
    session.delete(_load(session, cluster_id))
    session.flush()


def _units_of_year(session: Session, year: int) -> list[UnitChoice]:
    day = date(year, 12, 31)
    first = date(year, 1, 1)
    return [
        UnitChoice(u.id, u.full_name, u.depth)
        for u in list_units(session)
        if (u.valid_from is None or u.valid_from <= day)
        and (u.valid_to is None or u.valid_to >= first)
    ]


def unit_choices(session: Session, year: int) -> list[UnitChoice]:
    """Units in operation at some time in ``year``, in tree order."""
    return _units_of_year(session, year)


def add_members(session: Session, cluster_id: int, unit_ids: list[int]) -> ClusterDTO:
    """Add units to a cluster (those already in it are left as they are)."""
    row = _load(session, cluster_id)
    allowed = {u.id for u in _units_of_year(session, row.year)}
    present = {m.unit_id for m in row.members}
    problems = []
    names = _unit_names(session, set(unit_ids))
    for uid in dict.fromkeys(unit_ids):
        if uid not in names:
            problems.append(f"Không tìm thấy đơn vị id={uid}")
        elif uid not in allowed:
            problems.append(f"Đơn vị '{names[uid]}' không hoạt động trong năm {row.year}")
    if problems:
        raise ValidationError(problems)
    for uid in dict.fromkeys(unit_ids):
        if uid not in present:
            row.members.append(ClusterMember(unit_id=uid))
    session.flush()
    return get_cluster(session, cluster_id)


def _member(session: Session, member_id: int) -> ClusterMember:
    row = session.get(ClusterMember, member_id)
    if row is None:
        raise NotFoundError(f"Không tìm thấy đơn vị thành viên id={member_id}")
    return row


def remove_member(session: Session, member_id: int) -> None:
    session.delete(_member(session, member_id))
    session.flush()


def set_result(
    session: Session,
    member_id: int,
    result: str | None,
    *,
    note: str | None = None,
    expected_version: int | None = None,
) -> MemberDTO:
    """A member's result in the year (None: not entered yet)."""
    if result is not None and result not in RESULTS:
        raise ValidationError(
            f"Kết quả '{result}' không hợp lệ ({', '.join(RESULTS.values())} hoặc để trống)"
        )
    row = _member(session, member_id)
    ConflictError.check(row.version, expected_version)
    row.result = result
    if note is not None:
        row.note = clean(note) or None
    session.flush()
    name = _unit_names(session, {row.unit_id}).get(row.unit_id, "")
    return MemberDTO(row.id, row.unit_id, name, row.result, row.note, row.version)


def copy_clusters(session: Session, from_year: int, to_year: int) -> int:
    """Copy ``from_year``'s clusters and members (not their results) into ``to_year``, skipping
    clusters the year has already and units ended before it; how many clusters were added."""
    _check_year(to_year)
    existing = {
        fold_key(name)
        for name in session.scalars(select(Cluster.name).where(Cluster.year == to_year))
    }
    allowed = {u.id for u in _units_of_year(session, to_year)}
    added = 0
    for src in session.scalars(select(Cluster).where(Cluster.year == from_year)):
        if fold_key(src.name) in existing:
            continue
        row = Cluster(year=to_year, name=src.name, kind=src.kind, organiser=src.organiser)
        row.note = src.note
        row.members = [
            ClusterMember(unit_id=m.unit_id) for m in src.members if m.unit_id in allowed
        ]
        session.add(row)
        added += 1
    session.flush()
    return added


# --- what the rules read ----------------------------------------------------------------------


def cluster_results(
    session: Session, year: int
) -> tuple[dict[int, tuple[ClusterResult, ...]], frozenset[tuple[int, str]]]:
    """Each unit's clusters of ``year`` with its result, and the (year, organiser) pairs for
    which any cluster is recorded (a unit in none of them is then not a leader)."""
    by_unit: dict[int, list[ClusterResult]] = defaultdict(list)
    entered: set[tuple[int, str]] = set()
    for c in session.scalars(select(Cluster).where(Cluster.year == year)):
        entered.add((c.year, c.organiser))
        for m in c.members:
            by_unit[m.unit_id].append(ClusterResult(c.year, c.name, c.organiser, m.result, c.kind))
    return {k: tuple(v) for k, v in by_unit.items()}, frozenset(entered)


# --- import -----------------------------------------------------------------------------------


@dataclass
class _PlannedCluster:
    name: str
    row: int
    kind: str | None = None
    organiser: str | None = None
    organiser_cell: FileCell | None = None
    # unit -> (result, note, row of the file)
    members: dict[int, tuple[str | None, str | None, int]] = field(default_factory=dict)


def _issue(row: int, cell: FileCell, name: str, message: str) -> RowIssue:
    return RowIssue(row, cell.column, name, message, cell.header)


def _read_rows(
    session: Session, data: ClusterFile, year: int, report: ClusterImportReport
) -> dict[str, _PlannedCluster]:
    resolver = UnitResolver(session, create=False)
    plans: dict[str, _PlannedCluster] = {}
    for r in data.rows:
        name = clean(r.cluster.text) or clean(r.section)
        if not name:
            report.issues.append(
                _issue(r.row, r.cluster, "cluster", "Thiếu tên cụm, khối thi đua của đơn vị này")
            )
            continue
        plan = plans.setdefault(fold_key(name), _PlannedCluster(name, r.row))
        _read_kind(r, plan, report)
        _read_organiser(r, plan, report)
        unit_id = _read_unit(r, resolver, year, report)
        readable, result = _read_result(r, report)
        if unit_id is None or not readable:
            continue
        before = plan.members.get(unit_id)
        note = clean(r.note.text) or None
        if before is not None and before[0] != result:
            report.issues.append(
                _issue(
                    r.row,
                    r.unit,
                    "unit",
                    f"Đơn vị '{r.unit.text}' đã ghi ở dòng {before[2]} của '{plan.name}' với kết "
                    "quả khác",
                )
            )
            continue
        plan.members[unit_id] = (result, note, r.row)
    return plans


def _read_kind(r: ClusterFileRow, plan: _PlannedCluster, report: ClusterImportReport) -> None:
    if not r.kind.text:
        return
    kind = kind_from_text(r.kind.text)
    if kind is None:
        report.issues.append(
            _issue(
                r.row,
                r.kind,
                "kind",
                f"Loại '{r.kind.text}' không hợp lệ ({' hoặc '.join(KINDS.values())})",
            )
        )
    elif plan.kind is not None and plan.kind != kind:
        report.issues.append(
            _issue(r.row, r.kind, "kind", f"'{plan.name}' được ghi là cả cụm và khối")
        )
    else:
        plan.kind = kind


def _read_organiser(r: ClusterFileRow, plan: _PlannedCluster, report: ClusterImportReport) -> None:
    if not r.organiser.text:
        plan.organiser_cell = plan.organiser_cell or r.organiser
        return
    organiser = organiser_from_text(r.organiser.text)
    if organiser is None:
        report.issues.append(
            _issue(
                r.row,
                r.organiser,
                "organiser",
                f"Cơ quan tổ chức '{r.organiser.text}' không hợp lệ "
                f"({', '.join(ORGANISERS.values())})",
            )
        )
    elif plan.organiser is not None and plan.organiser != organiser:
        report.issues.append(
            _issue(
                r.row,
                r.organiser,
                "organiser",
                f"'{plan.name}' ghi hai cơ quan tổ chức khác nhau "
                f"({ORGANISERS[plan.organiser]}, {ORGANISERS[organiser]})",
            )
        )
    else:
        plan.organiser = organiser


def _read_unit(
    r: ClusterFileRow, resolver: UnitResolver, year: int, report: ClusterImportReport
) -> int | None:
    if not r.unit.text:
        report.issues.append(_issue(r.row, r.unit, "unit", "Thiếu tên đơn vị"))
        return None
    found = resolver.resolve(r.unit.text, r.parent.text, year)
    if found.unit_id is None or found.unit_id < 0:
        cell, name = (r.parent, "parent") if found.on_parent else (r.unit, "unit")
        message = found.problem or f"Không tìm thấy đơn vị '{r.unit.text}' trong cây đơn vị"
        report.issues.append(_issue(r.row, cell, name, message))
        return None
    return found.unit_id


def _read_result(r: ClusterFileRow, report: ClusterImportReport) -> tuple[bool, str | None]:
    """(readable, the result code or None when the cell is empty)."""
    if not r.result.text:
        return True, None
    code = result_from_text(r.result.text)
    if code is None:
        report.issues.append(
            _issue(
                r.row,
                r.result,
                "result",
                f"Kết quả '{r.result.text}' không hợp lệ ({', '.join(RESULTS.values())} hoặc "
                "để trống khi chưa bình xét)",
            )
        )
        return False, None
    return True, code


def import_clusters(
    session: Session, data: ClusterFile, year: int, *, dry_run: bool = False
) -> ClusterImportReport:
    """Clusters of ``year`` from a file: created (or their kind and organiser corrected),
    member units added, results written (an empty result keeps the one entered). All or
    nothing: any problem, or no row, writes nothing."""
    _check_year(year)
    report = ClusterImportReport(
        data.file, data.sheet, year, total_rows=len(data.rows), dry_run=dry_run
    )
    report.issues.extend(data.issues)
    report.skipped.extend(data.skipped)
    plans = _read_rows(session, data, year, report)
    existing = {
        fold_key(c.name): c for c in session.scalars(select(Cluster).where(Cluster.year == year))
    }
    for key, plan in plans.items():
        if plan.organiser is None and key in existing:
            plan.organiser = existing[key].organiser
        if plan.organiser is None:
            cell = plan.organiser_cell or FileCell()
            report.issues.append(
                _issue(
                    plan.row,
                    cell,
                    "organiser",
                    f"Chưa ghi cơ quan tổ chức của '{plan.name}' "
                    f"({', '.join(ORGANISERS.values())})",
                )
            )
    report.issues.sort(key=lambda i: i.row)
    if report.blocked:
        return report
    for key, plan in plans.items():
        _apply(session, year, plan, existing.get(key), report, write=not dry_run)
    if not dry_run:
        session.flush()
        report.written = True
    return report


def _apply(
    session: Session,
    year: int,
    plan: _PlannedCluster,
    row: Cluster | None,
    report: ClusterImportReport,
    *,
    write: bool,
) -> None:
    assert plan.organiser is not None
    kind = plan.kind or (row.kind if row is not None else kind_of_name(plan.name))
    if row is None:
        report.clusters_added += 1
        members: dict[int, ClusterMember] = {}
        if write:
            row = Cluster(year=year, name=plan.name, kind=kind, organiser=plan.organiser)
            session.add(row)
    else:
        members = {m.unit_id: m for m in row.members}
        if (row.kind, row.organiser) != (kind, plan.organiser):
            report.clusters_updated += 1
            if write:
                row.kind, row.organiser = kind, plan.organiser
    for unit_id, (result, note, _line) in plan.members.items():
        member = members.get(unit_id)
        if member is None:
            report.members_added += 1
            report.results_set += result is not None
            if write and row is not None:
                row.members.append(ClusterMember(unit_id=unit_id, result=result, note=note))
            continue
        changed = result is not None and member.result != result
        if changed:
            report.results_set += 1
        else:
            report.unchanged += 1
        if write and changed:
            member.result = result
        if write and note and member.note != note:
            member.note = note
