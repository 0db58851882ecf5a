"""The audit log read back for the "Nhật ký thay đổi" screen (issue 7, "Audit").

:mod:`app.db.audit` writes one ``audit_log`` row per insert, update and delete of an audited
record (and per service action: merge, issue, revoke...), with the OS user, the UTC time and
the values before and after as JSON. This module turns those rows into :class:`AuditEntry`
DTOs a clerk can read: the table's Vietnamese name, the action (Thêm, Sửa, Xóa...), the record
("Cán bộ #12 · Nguyễn Văn An"), and the changed fields with readable values (dates as
dd/mm/yyyy, people and units by name, catalogue codes by title).

Filters (:class:`AuditFilter`): table and record id, person (the person's own row and every
row that points to them: assignments, grades, discipline, awards, sign-ups, votes, decision
lines, authorship...), OS user, local date range and action. The log grows to hundreds of
thousands of rows, so :func:`list_entries` pages by keyset (``before_id``: newest first, each
page continues below the last id seen) and :func:`count_entries` is a separate call the
screen makes once per filter.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any, Final

from sqlalchemy import ColumnElement, and_, false, func, or_, select
from sqlalchemy.orm import Session

from app.db.models import (
    Assignment,
    AuditLog,
    AwardRecord,
    Campaign,
    ConditionMark,
    CouncilVote,
    DecisionRecipient,
    Discipline,
    InitiativeAuthor,
    Person,
    PersonGrade,
    Registration,
    ReviewOverride,
    Unit,
)
from app.domain.vnformat import format_date
from app.domain.vntext import clean, fold
from app.services.reference import catalogue, codes

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

TABLE_NAMES: Final[Mapping[str, str]] = {
    "person": "Cán bộ",
    "unit": "Đơn vị",
    "assignment": "Quá trình công tác",
    "person_grade": "Xếp loại cán bộ",
    "unit_grade": "Xếp loại tập thể",
    "discipline": "Kỷ luật",
    "initiative": "Sáng kiến, đề tài",
    "initiative_author": "Tác giả sáng kiến",
    "award_record": "Khen thưởng",
    "catalogue_item": "Danh mục danh hiệu",
    "app_setting": "Cài đặt",
    "campaign": "Phong trào thi đua",
    "campaign_award": "Chỉ tiêu khen thưởng",
    "campaign_attachment": "Tệp đính kèm phong trào",
    "registration": "Đăng ký thi đua",
    "unit_registration": "Đăng ký thi đua tập thể",
    "council_session": "Phiên họp Hội đồng",
    "council_vote": "Kết quả bỏ phiếu",
    "review_override": "Điều chỉnh đề xuất",
    "condition_mark": "Đánh giá điều kiện",
    "decision": "Quyết định khen thưởng",
    "decision_recipient": "Danh sách khen thưởng",
    "base_salary": "Lương cơ sở",
    "database": "Cơ sở dữ liệu",
}
"""Vietnamese name of each audited table (and of the pseudo-table of service actions)."""

ACTION_NAMES: Final[Mapping[str, str]] = {
    "INSERT": "Thêm",
    "UPDATE": "Sửa",
    "DELETE": "Xóa",
    "MERGE": "Gộp hồ sơ",
    "ISSUE": "Ban hành",
    "CORRECT": "Đính chính",
    "REVOKE": "Thu hồi",
    "RECORD": "Ghi nhận",
    "SYNC": "Đồng bộ",
    "DEMO": "Tạo dữ liệu mẫu",
    "IMPORT": "Nhập từ tệp",
    "RESTORE": "Khôi phục",
}

_FIELD_LABELS: Final[Mapping[str, str]] = {
    "id": "Mã",
    "person_id": "Cán bộ",
    "unit_id": "Đơn vị",
    "code": "Mã",
    "key": "Khóa",
    "value": "Giá trị",
    "name": "Tên",
    "full_name": "Họ và tên",
    "ho_dem": "Họ, tên đệm",
    "ten": "Tên",
    "short_name": "Tên viết tắt",
    "gender": "Giới tính",
    "birth_date": "Ngày sinh",
    "birth_year": "Năm sinh",
    "staff_code": "Mã cán bộ",
    "citizen_id": "Số CCCD/CMND",
    "subject_category": "Phân loại đối tượng",
    "active": "Đang công tác",
    "left_date": "Ngày thôi công tác",
    "left_reason": "Lý do thôi công tác",
    "note": "Ghi chú",
    "parent_id": "Đơn vị cấp trên",
    "kind": "Loại",
    "collective_category": "Phân loại tập thể",
    "display_order": "Thứ tự hiển thị",
    "valid_from": "Hiệu lực từ",
    "valid_to": "Hiệu lực đến",
    "successor_id": "Đơn vị kế thừa",
    "end_reason": "Lý do kết thúc",
    "position_title": "Chức vụ",
    "position_rank": "Thứ bậc chức vụ",
    "start_date": "Từ ngày",
    "end_date": "Đến ngày",
    "year": "Năm",
    "grade": "Xếp loại",
    "months_worked": "Số tháng công tác",
    "decision_number": "Số quyết định",
    "decision_date": "Ngày quyết định",
    "conclusion": "Kết luận",
    "title": "Danh hiệu / tên",
    "scope": "Phạm vi",
    "recognized_by": "Cơ quan công nhận",
    "summary": "Trích yếu",
    "initiative_id": "Sáng kiến",
    "author_order": "Thứ tự tác giả",
    "subject_kind": "Đối tượng",
    "recipient_name": "Người nhận",
    "catalogue_code": "Danh hiệu / hình thức",
    "award_type": "Loại hình khen thưởng",
    "period_from_year": "Từ năm",
    "period_to_year": "Đến năm",
    "authority": "Cơ quan quyết định",
    "unit_text": "Đơn vị (ghi trên quyết định)",
    "posthumous": "Truy tặng",
    "revoked": "Đã thu hồi",
    "source": "Nguồn",
    "decision_id": "Quyết định",
    "campaign_id": "Phong trào",
    "flags": "Cảnh báo",
    "status": "Trạng thái",
    "number": "Số",
    "series": "Sổ",
    "seq": "Số thứ tự",
    "signer_name": "Người ký",
    "signer_title": "Chức vụ người ký",
    "proposed_title": "Danh hiệu đề xuất",
    "reason": "Lý do",
    "condition_key": "Điều kiện",
    "amount": "Số tiền",
    "effective_from": "Áp dụng từ",
    "legal_basis": "Căn cứ pháp lý",
    "quantity": "Số lượng",
    "file_name": "Tên tệp",
    "meeting_date": "Ngày họp",
    "in_favour": "Số phiếu đồng ý",
    "passed": "Đạt",
    "position": "Thứ tự",
    "golden_book_no": "Số vào sổ vàng",
    "award_record_id": "Bản ghi khen thưởng",
}

# Bookkeeping columns: in the log, never worth showing as a change.
_HIDDEN: Final = frozenset(
    {"name_key", "created_at", "updated_at", "created_by", "updated_by", "version", "flags"}
)
_PERSON_FIELDS: Final = frozenset({"person_id"})
_UNIT_FIELDS: Final = frozenset({"unit_id", "parent_id", "successor_id"})
_CATALOGUE_FIELDS: Final = frozenset({"catalogue_code", "title", "proposed_title"})
_EMPTY: Final = "(trống)"
# Code columns shown by their name in codes.json: by field, and "kind" by table.
_CODE_TABLES: Final[Mapping[str, str]] = {
    "subject_category": "person_categories",
    "collective_category": "collective_categories",
    "award_type": "award_types",
    "subject_kind": "subject_kinds",
    "gender": "genders",
    "scope": "initiative_scopes",
}
_KIND_TABLES: Final[Mapping[str, str]] = {
    "discipline": "discipline_kinds",
    "unit": "unit_kinds",
    "initiative": "initiative_kinds",
}

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
    record_label: str  # "Cán bộ #12 · Nguyễn Văn An"
    changes: tuple[FieldChange, ...]  # changed fields only
    fields: tuple[FieldChange, ...]  # every field the log holds, before and after
    note: str

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
    label: str  # "Nguyễn Văn An (15/03/1980, #12)"


# ---------------------------------------------------------------------------
# Names
# ---------------------------------------------------------------------------


def table_name(table: str) -> str:
    return TABLE_NAMES.get(table, table)


def action_name(action: str) -> str:
    return ACTION_NAMES.get(action, action)


def field_label(name: str) -> str:
    return _FIELD_LABELS.get(name, name)


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
    out = []
    for pid, name, born, year in rows:
        when = format_date(born) if born else (str(year) if year else "")
        label = f"{name} ({when}, #{pid})" if when else f"{name} (#{pid})"
        out.append(PersonChoice(pid, name, label))
    return out


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
    where = _conditions(session, flt or AuditFilter())
    if before_id is not None:
        where.append(AuditLog.id < before_id)
    rows = session.scalars(
        select(AuditLog).where(*where).order_by(AuditLog.id.desc()).limit(limit + 1)
    ).all()
    entries = _entries(session, rows[:limit])
    return AuditPage(tuple(entries), has_more=len(rows) > limit)


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


@dataclass
class _Names:
    """Names of the people, units and campaigns a page of entries mentions."""

    people: dict[int, str] = field(default_factory=dict)
    units: dict[int, str] = field(default_factory=dict)
    campaigns: dict[int, str] = field(default_factory=dict)
    # (table, record id) -> person id, for rows whose logged values do not say (an update
    # of a grade only logs the grade): read from the row as it is now.
    owners: dict[tuple[str, str], int] = field(default_factory=dict)

    @classmethod
    def for_rows(
        cls, session: Session, payloads: Iterable[tuple[str, str | None, dict[str, Any]]]
    ) -> _Names:
        people: set[int] = set()
        units: set[int] = set()
        campaigns: set[int] = set()
        names = cls()
        unowned: dict[str, set[int]] = {}
        for table, record_id, values in payloads:
            own = _int(record_id)
            if table in _CHILD_MODELS and own is not None and "person_id" not in values:
                unowned.setdefault(table, set()).add(own)
        for table, ids in unowned.items():
            model = _CHILD_MODELS[table]
            found = _lookup(session, model.id, model.person_id, ids)
            names.owners.update({(table, str(k)): v for k, v in found.items() if v is not None})
        people.update(names.owners.values())
        for table, record_id, values in payloads:
            own = _int(record_id)
            if table == "person" and own is not None:
                people.add(own)
            if table == "unit" and own is not None:
                units.add(own)
            if table == "campaign" and own is not None:
                campaigns.add(own)
            for key, value in values.items():
                number = _int(value)
                if number is None:
                    continue
                if key in _PERSON_FIELDS:
                    people.add(number)
                elif key in _UNIT_FIELDS:
                    units.add(number)
                elif key == "campaign_id":
                    campaigns.add(number)
        names.people = _lookup(session, Person.id, Person.full_name, people)
        names.units = _lookup(session, Unit.id, Unit.full_name, units)
        names.campaigns = _lookup(session, Campaign.id, Campaign.name, campaigns)
        return names


def _lookup(session: Session, key: Any, label: Any, ids: set[int]) -> dict[int, Any]:
    out: dict[int, Any] = {}
    wanted = sorted(ids)
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        out.update({k: v for k, v in session.execute(select(key, label).where(key.in_(chunk)))})
    return out


def _int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return None


def _text(table: str, name: str, value: object, names: _Names) -> str:
    """A stored value as a clerk reads it."""
    if value is None or value == "":
        return ""
    code_table = _KIND_TABLES.get(table) if name == "kind" else _CODE_TABLES.get(name)
    if code_table is not None and isinstance(value, str):
        return codes().name_of(code_table, value)
    if isinstance(value, bool):
        return "Có" if value else "Không"
    number = _int(value)
    if number is not None and name in _PERSON_FIELDS:
        return f"{names.people[number]} (#{number})" if number in names.people else f"#{number}"
    if number is not None and name in _UNIT_FIELDS:
        return f"{names.units[number]} (#{number})" if number in names.units else f"#{number}"
    if number is not None and name == "campaign_id":
        found = names.campaigns.get(number)
        return f"{found} (#{number})" if found else f"#{number}"
    if name in _CATALOGUE_FIELDS and isinstance(value, str):
        cat = catalogue()
        return cat.get(value).name if value in cat else value
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return format_date(date.fromisoformat(value))
        except ValueError:
            return value
    if isinstance(value, str) and len(value) > 10 and value[10] == "T":
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return value
        if moment.tzinfo is not None:
            moment = moment.astimezone()
        return f"{format_date(moment.date())} {moment:%H:%M}"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return clean(str(value))


def _record_label(
    table: str,
    record_id: str | None,
    before: Mapping[str, Any],
    after: Mapping[str, Any],
    names: _Names,
) -> str:
    label = table_name(table)
    if record_id:
        label += f" #{record_id}"
    values = {**before, **after}
    own = _int(record_id)
    subject = ""
    if table == "person":
        subject = str(values.get("full_name") or names.people.get(own or -1, ""))
    elif table == "unit":
        subject = str(values.get("full_name") or names.units.get(own or -1, ""))
    elif table == "campaign":
        subject = str(values.get("name") or names.campaigns.get(own or -1, ""))
    elif _int(values.get("person_id")) in names.people:
        subject = names.people[_int(values.get("person_id")) or -1]
    elif names.owners.get((table, record_id or "")) in names.people:
        subject = names.people[names.owners[(table, record_id or "")]]
    elif _int(values.get("unit_id")) in names.units:
        subject = names.units[_int(values.get("unit_id")) or -1]
    elif table == "decision" and values.get("number"):
        subject = str(values["number"])
    elif values.get("title") and table == "initiative":
        subject = str(values["title"])
    return f"{label} · {clean(subject)}" if subject else label


def _fields(
    table: str, before: Mapping[str, Any], after: Mapping[str, Any], names: _Names
) -> tuple[list[FieldChange], list[FieldChange]]:
    """(changed fields, every field) in a stable, readable order."""
    keys = [k for k in dict.fromkeys([*before, *after]) if k not in _HIDDEN]
    order = list(_FIELD_LABELS)
    keys.sort(key=lambda k: (order.index(k) if k in order else len(order), k))
    every = [
        FieldChange(
            k,
            field_label(k),
            _text(table, k, before.get(k), names),
            _text(table, k, after.get(k), names),
        )
        for k in keys
    ]
    changed = [c for c in every if c.changed and c.field != "id"]
    return changed, every


def _entries(session: Session, rows: Sequence[AuditLog]) -> list[AuditEntry]:
    payloads = [(r, _load(r.before), _load(r.after)) for r in rows]
    names = _Names.for_rows(
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
                record_label=_record_label(row.table_name, row.record_id, before, after, names),
                changes=tuple(changes),
                fields=tuple(every),
                note=row.note or "",
            )
        )
    return out
