"""Readable names for the audit log (:mod:`app.services.audit_log`): words, never ids.

Entry points: :meth:`Names.for_rows` reads, for one page of log rows, the names of every
person, unit, campaign, decision, award, initiative, council session, cluster and household
the rows point to (a few bulk queries per page) and the current values of the logged records
(an update of a grade logs only the grade: whose grade it is comes from the row as it is
now); :func:`value_text` turns one stored value into what a clerk reads (a person's name for
``person_id``, "Lao động tiên tiến năm 2024" for ``award_record_id``, a date as dd/mm/yyyy...);
:func:`record_label` names the record ("Khen thưởng · Nguyễn Văn An · Lao động tiên tiến
năm 2024"). A record that no longer exists reads "(đã xóa)".
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.base import Base
from app.db.models import (
    AwardRecord,
    Campaign,
    Cluster,
    CouncilSession,
    Decision,
    Discipline,
    Household,
    Initiative,
    Person,
    Unit,
)
from app.domain.campaigns import KINDS, LAUNCH_LEVELS, SCOPES, UNIT_STATUS_NAMES
from app.domain.clusters import ORGANISERS, RESULTS
from app.domain.council_minutes import ROLE_NAMES
from app.domain.units import END_REASON_NAMES
from app.domain.vnformat import format_date
from app.domain.vntext import clean
from app.services.decision_records import ORIGIN_NAMES, STATUS_NAMES
from app.services.reference import catalogue, codes

__all__ = ["GONE", "Names", "condition_text", "record_label", "value_text"]

GONE: Final = "(đã xóa)"

PERSON_FIELDS: Final = frozenset({"person_id"})
UNIT_FIELDS: Final = frozenset({"unit_id", "parent_id", "successor_id"})
CATALOGUE_FIELDS: Final = frozenset({"catalogue_code", "title", "proposed_title"})
# Foreign keys to other records, each read as the record's name: field -> kind.
_REFERENCES: Final[Mapping[str, str]] = {
    "campaign_id": "campaign",
    "decision_id": "decision",
    "award_record_id": "award",
    "initiative_id": "initiative",
    "session_id": "session",
    "cluster_id": "cluster",
    "household_id": "household",
    "penalty_id": "discipline",
}
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
# Codes whose words live in the program rather than in codes.json: (table, field) -> words.
_VALUE_NAMES: Final[Mapping[tuple[str, str], Mapping[str, str]]] = {
    ("campaign", "kind"): KINDS,
    ("campaign", "scope"): SCOPES,
    ("campaign", "launch_level"): LAUNCH_LEVELS,
    ("unit_registration", "status"): UNIT_STATUS_NAMES,
    ("decision", "status"): STATUS_NAMES,
    ("decision", "origin"): ORIGIN_NAMES,
    ("council_member", "role"): ROLE_NAMES,
    ("cluster", "organiser"): ORGANISERS,
    ("cluster_member", "result"): RESULTS,
    ("unit", "end_reason"): END_REASON_NAMES,
    ("catalogue_item", "kind"): {"DANH_HIEU": "Danh hiệu thi đua", "HINH_THUC": "Hình thức"},
    ("catalogue_item", "level"): {
        "NHA_NUOC": "Nhà nước",
        "BO_TINH": "Bộ, ngành, tỉnh",
        "HUYEN": "Huyện",
        "XA": "Xã",
        "CO_SO": "Cơ sở",
    },
}
# Settings (app_setting rows) by their key, or the start of it.
_SETTING_NAMES: Final = (
    ("agency", "Thông tin cơ quan"),
    ("backup", "Sao lưu"),
    ("certificates", "Mẫu in giấy khen"),
    ("certificate_wording:", "Lời văn giấy khen"),
    ("documents", "Văn bản"),
    ("money.method", "Cách tính tiền thưởng"),
    ("review.quotas", "Hạn mức đề nghị khen thưởng"),
    ("review.nomination_order.", "Thứ tự đề nghị khen thưởng"),
    ("reports.statistics", "Báo cáo thống kê"),
    ("reports.secretariat", "Công chức làm công tác thi đua"),
    ("rules.overrides", "Tham số quy tắc"),
    ("rules.versions", "Số lần sửa tham số quy tắc"),
)
# Columns of the logged record read from the row as it is now when the log does not hold them.
_CONTEXT_COLUMNS: Final = (
    "person_id",
    "unit_id",
    "recipient_name",
    "catalogue_code",
    "title",
    "proposed_title",
    "condition_key",
    "year",
    "number",
    "decision_date",
    "meeting_date",
    "name",
    "full_name",
    "code",
    "effective_from",
)


def _models() -> dict[str, Any]:
    return {m.class_.__tablename__: m.class_ for m in Base.registry.mappers}


def _int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return None


def _lookup(session: Session, columns: Iterable[Any], key: Any, ids: set[int]) -> dict[int, Any]:
    """id -> row of ``columns`` (the key first), 500 ids a query."""
    out: dict[int, Any] = {}
    wanted = sorted(ids)
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        for row in session.execute(select(key, *columns).where(key.in_(chunk))):
            out[row[0]] = row[1:] if len(row) > 2 else row[1]
    return out


def _title(code: object) -> str:
    if not isinstance(code, str) or not code:
        return ""
    cat = catalogue()
    return cat.get(code).name if code in cat else code


def condition_text(key: str) -> str:
    """A manual condition's wording in the shipped rules ("Gương mẫu chấp hành..."), else
    ``key``."""
    from app.services.eligibility import rule_sets

    for rule_set in rule_sets().sets:
        for parameter in rule_set.parameters.values():
            if not isinstance(parameter.value, list):
                continue
            for item in parameter.value:
                if isinstance(item, Mapping) and item.get("key") == key and item.get("text"):
                    _head, _sep, which = parameter.label.partition("(")
                    which = which.rstrip(")").strip()
                    return f"{item['text']} ({which})" if which else str(item["text"])
    return key


@dataclass
class Names:
    """Names of everything one page of log rows mentions."""

    people: dict[int, str] = field(default_factory=dict)
    units: dict[int, str] = field(default_factory=dict)
    references: dict[str, dict[int, str]] = field(default_factory=dict)
    # (table, record id) -> the record's context columns as they are now
    current: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def for_rows(
        cls, session: Session, payloads: Iterable[tuple[str, str | None, dict[str, Any]]]
    ) -> Names:
        rows = list(payloads)
        names = cls()
        models = _models()
        wanted: dict[str, set[int]] = {}
        for table, record_id, _values in rows:
            own = _int(record_id)
            if own is not None and table in models and "id" in models[table].__table__.c:
                wanted.setdefault(table, set()).add(own)
        for table, ids in wanted.items():
            model = models[table]
            columns = [c for c in _CONTEXT_COLUMNS if c in model.__table__.c]
            if not columns:
                continue
            found = _lookup(session, [getattr(model, c) for c in columns], model.id, ids)
            for record, got in found.items():
                got = got if isinstance(got, tuple | list) else (got,)
                names.current[(table, str(record))] = dict(zip(columns, got, strict=True))
        people: set[int] = set()
        units: set[int] = set()
        refs: dict[str, set[int]] = {}
        for table, record_id, values in rows:
            merged = {**names.current.get((table, record_id or ""), {}), **values}
            own = _int(record_id)
            if table == "person" and own is not None:
                people.add(own)
            if table == "unit" and own is not None:
                units.add(own)
            for key, value in merged.items():
                number = _int(value)
                if number is None:
                    continue
                if key in PERSON_FIELDS:
                    people.add(number)
                elif key in UNIT_FIELDS:
                    units.add(number)
                elif key in _REFERENCES:
                    refs.setdefault(_REFERENCES[key], set()).add(number)
        awards = _lookup(
            session,
            [AwardRecord.person_id, AwardRecord.unit_id, AwardRecord.recipient_name],
            AwardRecord.id,
            refs.get("award", set()),
        )
        for person_id, unit_id, _name in awards.values():
            if person_id is not None:
                people.add(person_id)
            if unit_id is not None:
                units.add(unit_id)
        names.people = _lookup(session, [Person.full_name], Person.id, people)
        names.units = _lookup(session, [Unit.full_name], Unit.id, units)
        names.references = {
            kind: _reference_names(session, kind, ids, names) for kind, ids in refs.items()
        }
        return names

    def subject(self, values: Mapping[str, Any]) -> str:
        """Who a record is about: a person, a unit or the name written on it."""
        person, unit = _int(values.get("person_id")), _int(values.get("unit_id"))
        if person is not None:
            return self.people.get(person, "")
        if values.get("recipient_name"):
            return clean(str(values["recipient_name"]))
        if unit is not None:
            return self.units.get(unit, "")
        return ""


def _reference_names(session: Session, kind: str, ids: set[int], names: Names) -> dict[int, str]:
    if kind == "campaign":
        return _lookup(session, [Campaign.name], Campaign.id, ids)
    if kind == "initiative":
        return _lookup(session, [Initiative.title], Initiative.id, ids)
    if kind == "cluster":
        return _lookup(session, [Cluster.name], Cluster.id, ids)
    if kind == "household":
        return _lookup(session, [Household.name], Household.id, ids)
    out: dict[int, str] = {}
    if kind == "decision":
        for key, (number, day) in _lookup(
            session, [Decision.number, Decision.decision_date], Decision.id, ids
        ).items():
            text = f"số {number}" if number else "dự thảo"
            out[key] = f"Quyết định {text}" + (f" ngày {format_date(day)}" if day else "")
    elif kind == "session":
        for key, day in _lookup(
            session, [CouncilSession.meeting_date], CouncilSession.id, ids
        ).items():
            out[key] = f"Phiên họp ngày {format_date(day)}" if day else "Phiên họp"
    elif kind == "discipline":
        for key, (kind_code, start) in _lookup(
            session, [Discipline.kind, Discipline.start_date], Discipline.id, ids
        ).items():
            what = codes().name_of("discipline_kinds", kind_code) if kind_code else "Kỷ luật"
            out[key] = f"{what} từ {format_date(start)}" if start else what
    elif kind == "award":
        rows = _lookup(
            session,
            [
                AwardRecord.person_id,
                AwardRecord.unit_id,
                AwardRecord.recipient_name,
                AwardRecord.catalogue_code,
                AwardRecord.year,
            ],
            AwardRecord.id,
            ids,
        )
        for key, (person, unit, recipient, code, year) in rows.items():
            who = names.subject({"person_id": person, "unit_id": unit, "recipient_name": recipient})
            what = _title(code) + (f" năm {year}" if year else "")
            out[key] = f"{what} ({who})" if who else what
    return out


def value_text(table: str, name: str, value: object, names: Names) -> str:
    """A stored value as a clerk reads it."""
    if value is None or value == "":
        return ""
    words = _VALUE_NAMES.get((table, name))
    if words is not None and isinstance(value, str):
        return words.get(value, value)
    if name == "subjects" and isinstance(value, str):  # "CA_NHAN,TAP_THE"
        return ", ".join(codes().name_of("subject_kinds", v) for v in value.split(",") if v)
    if name == "grade" and isinstance(value, str):
        return codes().name_of("grades", value)
    if name == "outcome" and isinstance(value, str):
        return codes().name_of("hold_outcomes", value)
    code_table = _KIND_TABLES.get(table) if name == "kind" else _CODE_TABLES.get(name)
    if code_table is not None and isinstance(value, str):
        return codes().name_of(code_table, value)
    if isinstance(value, bool):
        return "Có" if value else "Không"
    number = _int(value)
    if number is not None and name in PERSON_FIELDS:
        return names.people.get(number, GONE)
    if number is not None and name in UNIT_FIELDS:
        return names.units.get(number, GONE)
    if number is not None and name in _REFERENCES:
        return names.references.get(_REFERENCES[name], {}).get(number, GONE)
    if isinstance(value, str) and (
        name in CATALOGUE_FIELDS or (table == "catalogue_coefficient" and name == "code")
    ):
        return _title(value)
    if name == "condition_key" and isinstance(value, str):
        return condition_text(value)
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


def record_label(
    table: str,
    table_label: str,
    record_id: str | None,
    before: Mapping[str, Any],
    after: Mapping[str, Any],
    names: Names,
) -> str:
    """ "Cán bộ · Nguyễn Văn An", "Khen thưởng · Nguyễn Văn An · Lao động tiên tiến năm 2024"."""
    values = {**names.current.get((table, record_id or ""), {}), **before, **after}
    own = _int(record_id)
    parts: list[str] = []
    if table == "person":
        parts.append(str(values.get("full_name") or names.people.get(own or -1, "")))
    elif table == "unit":
        parts.append(str(values.get("full_name") or names.units.get(own or -1, "")))
    elif table in ("campaign", "cluster", "household", "council_member"):
        parts.append(str(values.get("name") or values.get("full_name") or ""))
    elif table == "app_setting" and record_id:
        parts.append(next((name for key, name in _SETTING_NAMES if record_id.startswith(key)), ""))
    elif table == "catalogue_coefficient":
        parts.append(_title(values.get("code")))
        if values.get("effective_from"):
            parts.append(
                "từ " + value_text(table, "effective_from", values["effective_from"], names)
            )
    elif table == "catalogue_item":
        parts.append(str(values.get("name") or _title(record_id)))
    elif table == "decision" and record_id:
        number, day = values.get("number"), values.get("decision_date")
        parts.append(f"số {number}" if number else "dự thảo")
        if day:
            parts.append(value_text(table, "decision_date", day, names))
    elif table == "initiative":
        parts.append(str(values.get("title") or ""))
    elif table == "council_session" and values.get("meeting_date"):
        parts.append("ngày " + value_text(table, "meeting_date", values["meeting_date"], names))
    else:
        parts.append(names.subject(values))
        title = next(
            (values[k] for k in ("catalogue_code", "title", "proposed_title") if values.get(k)),
            None,
        )
        if title:
            parts.append(_title(title) + (f" năm {values['year']}" if values.get("year") else ""))
        elif values.get("condition_key"):
            parts.append(condition_text(str(values["condition_key"])))
        elif values.get("year"):
            parts.append(f"năm {values['year']}")
        if table == "initiative_author" and values.get("initiative_id") is not None:
            parts.append(value_text(table, "initiative_id", values["initiative_id"], names))
    shown = [clean(p) for p in parts if p and clean(p)]
    return " · ".join([table_label, *shown])
