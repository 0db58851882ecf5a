"""The audit log read back for the "Nhật ký thay đổi" screen (issue 7, "Audit").

:mod:`app.db.audit` writes one ``audit_log`` row per insert, update and delete of an audited
record (and per service action: merge, issue, revoke...), with the OS user, the UTC time and
the values before and after as JSON. This module turns those rows into :class:`AuditEntry`
DTOs a clerk can read: the table's Vietnamese name, the action (Thêm, Sửa, Xóa...), the record
("Cán bộ · Nguyễn Văn An") and the changed fields with readable values (dates as dd/mm/yyyy,
every record pointed to by its name, catalogue codes by title: :mod:`app.services.audit_names`);
never an id. An update that changed nothing a clerk reads (only a version or a timestamp) is
not listed.

Filters (:class:`AuditFilter`): table and record id, person (the person's own row and every
row that points to them: assignments, grades, discipline, awards, sign-ups, votes, decision
lines, authorship...), OS user, local date range and action. The log grows to hundreds of
thousands of rows, so :func:`list_entries` pages by keyset (``before_id``: newest first, each
page continues below the last id seen) and :func:`count_entries` is a separate call the
screen makes once per filter.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any, Final

from sqlalchemy import ColumnElement, and_, false, func, or_, select
from sqlalchemy.orm import Session

from app.db.models import (
    Assignment,
    AuditLog,
    AwardRecord,
    ConditionMark,
    CouncilVote,
    DecisionRecipient,
    Discipline,
    InitiativeAuthor,
    Person,
    PersonGrade,
    Registration,
    ReviewOverride,
)
from app.domain.vnformat import format_date
from app.domain.vntext import fold
from app.services.audit_labels import (
    ACTION_NAMES,
    FIELD_LABELS,
    FIELD_LABELS_IN,
    HIDDEN,
    HIDDEN_IN,
    TABLE_NAMES,
)
from app.services.audit_names import Names, record_label, value_text

__all__ = [
    "ACTION_NAMES",
    "PAGE_SIZE",
    "TABLE_NAMES",
    "AuditEntry",
    "AuditFilter",
    "AuditPage",
    "FieldChange",
    "PersonChoice",
    "action_name",
    "audit_actions",
    "audit_tables",
    "audit_users",
    "count_entries",
    "field_label",
    "find_people",
    "get_entry",
    "list_entries",
    "table_name",
]

PAGE_SIZE: Final = 200
_EMPTY: Final = "(trống)"

# Tables whose rows point to a person with a ``person_id`` column and an ``id`` key.
_PERSON_CHILDREN: Final = (
    Assignment,
    PersonGrade,
    Discipline,
    AwardRecord,
    Registration,
    CouncilVote,
    ReviewOverride,
    ConditionMark,
    DecisionRecipient,
)
_CHILD_MODELS: Final[Mapping[str, Any]] = {m.__tablename__: m for m in _PERSON_CHILDREN}


# ---------------------------------------------------------------------------
# DTOs
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class AuditFilter:
    """What to show; every field left empty means "all".

    ``date_from``/``date_to`` are local calendar days, both included.
    """

    table: str | None = None
    record_id: str | None = None
    person_id: int | None = None
    user: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    action: str | None = None


@dataclass(frozen=True)
class FieldChange:
    """One field of a record: its label, and its value before and after, as text ("" when
    the field was empty or the record did not exist)."""

    field: str
    label: str
    before: str
    after: str

    @property
    def changed(self) -> bool:
        return self.before != self.after


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: datetime  # aware, UTC: the screen shows it in local time
    user: str
    action: str
    action_label: str
    table: str
    table_label: str
    record_id: str | None
    record_label: str  # "Cán bộ · Nguyễn Văn An"
    changes: tuple[FieldChange, ...]  # changed fields only
    fields: tuple[FieldChange, ...]  # every field the log holds, before and after
    note: str

    @property
    def visible(self) -> bool:
        """False for an update that changed nothing a clerk reads (a version, a timestamp)."""
        return self.action != "UPDATE" or bool(self.changes) or bool(self.note)

    @property
    def summary(self) -> str:
        """The changes on one line: "Tên: An → Ân; Họ và tên: Nguyễn Văn An → Nguyễn Văn Ân"."""
        if not self.changes:
            return self.note
        if self.action == "INSERT":
            return "; ".join(f"{c.label}: {c.after}" for c in self.changes)
        if self.action == "DELETE":
            return "; ".join(f"{c.label}: {c.before}" for c in self.changes)
        return "; ".join(
            f"{c.label}: {c.before or _EMPTY} → {c.after or _EMPTY}" for c in self.changes
        )


@dataclass(frozen=True)
class AuditPage:
    entries: tuple[AuditEntry, ...]
    has_more: bool

    @property
    def last_id(self) -> int | None:
        """Pass as ``before_id`` to get the next page."""
        return self.entries[-1].id if self.entries else None


@dataclass(frozen=True)
class PersonChoice:
    id: int
    full_name: str
    label: str  # "Nguyễn Văn An (15/03/1980)"


# ---------------------------------------------------------------------------
# Names
# ---------------------------------------------------------------------------


def table_name(table: str) -> str:
    return TABLE_NAMES.get(table, table)


def action_name(action: str) -> str:
    return ACTION_NAMES.get(action, action)


def field_label(name: str) -> str:
    return FIELD_LABELS.get(name, name)


def audit_tables(session: Session) -> list[tuple[str, str]]:
    """(table, Vietnamese name) of the tables the log mentions, by name."""
    names = session.scalars(select(AuditLog.table_name).distinct()).all()
    return sorted(((n, table_name(n)) for n in names), key=lambda p: fold(p[1]))


def audit_users(session: Session) -> list[str]:
    return sorted(session.scalars(select(AuditLog.user).distinct()).all(), key=fold)


def audit_actions(session: Session) -> list[tuple[str, str]]:
    """(action, Vietnamese name) of the actions the log holds: Thêm, Sửa, Xóa first."""
    found = set(session.scalars(select(AuditLog.action).distinct()).all())
    order = list(ACTION_NAMES)
    ranked = sorted(found, key=lambda a: (order.index(a) if a in order else len(order), a))
    return [(a, action_name(a)) for a in ranked]


def find_people(session: Session, text: str, *, limit: int = 30) -> list[PersonChoice]:
    """People whose name has words starting with every word of ``text`` (no diacritics)."""
    tokens = fold(text).split()
    if not tokens:
        return []
    query = select(Person.id, Person.full_name, Person.birth_date, Person.birth_year)
    for token in tokens:
        like = _like_escape(token)
        query = query.where(
            or_(
                Person.name_key.like(f"{like}%", escape="\\"),
                Person.name_key.like(f"% {like}%", escape="\\"),
            )
        )
    rows = session.execute(query.order_by(Person.name_key, Person.id).limit(limit)).all()
    labels = []
    for pid, name, born, year in rows:
        when = format_date(born) if born else (str(year) if year else "")
        labels.append((pid, name, f"{name} ({when})" if when else name))
    # Two people read the same (name and birth): their record number tells them apart.
    twins = {label for _p, _n, label in labels if [x[2] for x in labels].count(label) > 1}
    return [
        PersonChoice(pid, name, f"{label} · hồ sơ số {pid}" if label in twins else label)
        for pid, name, label in labels
    ]


# ---------------------------------------------------------------------------
# Queries
# ---------------------------------------------------------------------------


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _local_midnight_utc(day: date) -> datetime:
    """The UTC instant of local midnight starting ``day`` (the machine's time zone)."""
    return datetime(day.year, day.month, day.day).astimezone().astimezone(UTC)


def _person_records(session: Session, person_id: int) -> dict[str, set[str]]:
    """table -> record ids that belong to the person, now or in the log's past."""
    records: dict[str, set[str]] = {"person": {str(person_id)}}
    for model in _PERSON_CHILDREN:
        ids = session.scalars(select(model.id).where(model.person_id == person_id)).all()
        if ids:
            records.setdefault(model.__tablename__, set()).update(str(i) for i in ids)
    initiatives = session.scalars(
        select(InitiativeAuthor.initiative_id).where(InitiativeAuthor.person_id == person_id)
    ).all()
    if initiatives:
        records.setdefault("initiative", set()).update(str(i) for i in initiatives)
        records.setdefault("initiative_author", set()).update(
            f"{i},{person_id}" for i in initiatives
        )
    # Deleted rows, and rows that pointed to the person before a change: the log's JSON
    # (written with json.dumps defaults and sorted keys) holds '"person_id": 12,' or '...12}'.
    mentions = []
    for column in (AuditLog.after, AuditLog.before):
        for end in (",", "}"):
            mentions.append(column.like(f'%"person\\_id": {person_id}{end}%', escape="\\"))
    for table, record in session.execute(
        select(AuditLog.table_name, AuditLog.record_id).where(or_(*mentions)).distinct()
    ):
        if record is not None:
            records.setdefault(table, set()).add(record)
    return records


def _conditions(session: Session, flt: AuditFilter) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    if flt.table:
        where.append(AuditLog.table_name == flt.table)
    if flt.record_id and flt.record_id.strip():
        where.append(AuditLog.record_id == flt.record_id.strip().lstrip("#"))
    if flt.user:
        where.append(AuditLog.user == flt.user)
    if flt.action:
        where.append(AuditLog.action == flt.action)
    if flt.date_from is not None:
        where.append(AuditLog.at >= _local_midnight_utc(flt.date_from))
    if flt.date_to is not None:
        where.append(AuditLog.at < _local_midnight_utc(flt.date_to + timedelta(days=1)))
    if flt.person_id is not None:
        records = _person_records(session, flt.person_id)
        where.append(
            or_(
                false(),
                *(
                    and_(AuditLog.table_name == table, AuditLog.record_id.in_(sorted(ids)))
                    for table, ids in sorted(records.items())
                ),
            )
        )
    return where


def list_entries(
    session: Session,
    flt: AuditFilter | None = None,
    *,
    before_id: int | None = None,
    limit: int = PAGE_SIZE,
) -> AuditPage:
    """The newest entries matching ``flt`` with an id below ``before_id`` (keyset paging)."""
    base = _conditions(session, flt or AuditFilter())
    entries: list[AuditEntry] = []
    cursor = before_id
    while True:  # updates that change nothing a clerk reads are skipped: read on until full
        where = [*base, AuditLog.id < cursor] if cursor is not None else base
        rows = session.scalars(
            select(AuditLog).where(*where).order_by(AuditLog.id.desc()).limit(limit + 1)
        ).all()
        entries += [e for e in _entries(session, rows[:limit]) if e.visible]
        if len(entries) > limit or len(rows) <= limit:
            return AuditPage(tuple(entries[:limit]), has_more=len(entries) > limit)
        cursor = rows[limit - 1].id


def count_entries(session: Session, flt: AuditFilter | None = None) -> int:
    where = _conditions(session, flt or AuditFilter())
    return int(session.scalar(select(func.count()).select_from(AuditLog).where(*where)) or 0)


def get_entry(session: Session, entry_id: int) -> AuditEntry | None:
    row = session.get(AuditLog, entry_id)
    return _entries(session, [row])[0] if row is not None else None


# ---------------------------------------------------------------------------
# Readable values
# ---------------------------------------------------------------------------


def _load(text: str | None) -> dict[str, Any]:
    if not text:
        return {}
    try:
        value = json.loads(text)
    except ValueError:
        return {"?": text}
    return value if isinstance(value, dict) else {"?": value}


def _fields(
    table: str, before: Mapping[str, Any], after: Mapping[str, Any], names: Names
) -> tuple[list[FieldChange], list[FieldChange]]:
    """(changed fields, every field) in a stable, readable order."""
    hidden = HIDDEN | HIDDEN_IN.get(table, frozenset())
    keys = [k for k in dict.fromkeys([*before, *after]) if k not in hidden]
    order = list(FIELD_LABELS)
    keys.sort(key=lambda k: (order.index(k) if k in order else len(order), k))
    every = [
        FieldChange(
            k,
            FIELD_LABELS_IN.get(table, {}).get(k) or field_label(k),
            value_text(table, k, before.get(k), names),
            value_text(table, k, after.get(k), names),
        )
        for k in keys
    ]
    changed = [c for c in every if c.changed and c.field != "id"]
    return changed, every


def _entries(session: Session, rows: Sequence[AuditLog]) -> list[AuditEntry]:
    payloads = [(r, _load(r.before), _load(r.after)) for r in rows]
    names = Names.for_rows(
        session,
        [(r.table_name, r.record_id, {**b, **a}) for r, b, a in payloads],
    )
    out = []
    for row, before, after in payloads:
        changes, every = _fields(row.table_name, before, after, names)
        out.append(
            AuditEntry(
                id=row.id,
                at=row.at,
                user=row.user,
                action=row.action,
                action_label=action_name(row.action),
                table=row.table_name,
                table_label=table_name(row.table_name),
                record_id=row.record_id,
                record_label=record_label(
                    row.table_name, table_name(row.table_name), row.record_id, before, after, names
                ),
                changes=tuple(changes),
                fields=tuple(every),
                note=row.note or "",
            )
        )
    return out
