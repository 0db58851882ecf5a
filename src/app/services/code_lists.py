"""The award types and emulation forms as lists a clerk edits (settings screen, "Danh mục
khác"): stored as settings ``code_list.<list>`` (versioned, audited), applied to the lists the
program uses (:func:`app.services.reference.codes` for award types, :func:`campaign_kinds`)
when a database opens and after every change. See :mod:`app.domain.code_lists`."""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.models import AwardRecord, Campaign
from app.domain.campaigns import KINDS
from app.domain.catalogue import CodeEntry
from app.domain.code_lists import (
    EDITABLE_LISTS,
    ListEdits,
    ListEntry,
    apply_edits,
    local_code,
    validate_name,
)
from app.domain.errors import NotFoundError, ValidationError
from app.domain.vntext import clean
from app.services.reference import shipped_codes, use_code_table
from app.services.settings import get_setting, set_setting, setting_version

__all__ = [
    "CodeList",
    "add_entry",
    "apply_code_lists",
    "campaign_kinds",
    "delete_entry",
    "kind_like",
    "list_entries",
    "rename_entry",
    "reset_code_lists",
    "set_retired",
]

# the lists in use, applied from the database (shipped until one opens)
_IN_USE: dict[str, list[ListEntry]] = {}


@dataclass(frozen=True)
class CodeList:
    key: str
    title: str
    entries: tuple[ListEntry, ...]
    version: int  # of the stored edits (0: none yet)


def _setting(key: str) -> str:
    if key not in EDITABLE_LISTS:
        raise NotFoundError(f"Không có danh mục '{key}'")
    return f"code_list.{key}"


def _shipped(key: str) -> list[tuple[str, str]]:
    if key == "campaign_kinds":
        return list(KINDS.items())
    return [(e.code, e.name) for e in shipped_codes().table(key)]


def _edits(session: Session, key: str) -> ListEdits:
    return ListEdits.from_json(get_setting(session, _setting(key)))


def list_entries(session: Session, key: str) -> CodeList:
    entries = apply_edits(_shipped(key), _edits(session, key))
    return CodeList(
        key, EDITABLE_LISTS[key], tuple(entries), setting_version(session, _setting(key))
    )


def _entry(entries: tuple[ListEntry, ...], code: str) -> ListEntry:
    for entry in entries:
        if entry.code == code:
            return entry
    raise NotFoundError(f"Không có mục '{code}' trong danh mục")


def _store(session: Session, key: str, edits: ListEdits, expected_version: int) -> CodeList:
    set_setting(session, _setting(key), edits.as_json(), expected_version=expected_version)
    apply_code_lists(session)
    return list_entries(session, key)


def rename_entry(
    session: Session, key: str, code: str, name: str, *, expected_version: int
) -> CodeList:
    """Give an entry another name (a shipped one: back to its own name when given that)."""
    now = list_entries(session, key)
    entry = _entry(now.entries, code)
    problems = validate_name(name, now.entries, code)
    if problems:
        raise ValidationError(problems)
    edits = _edits(session, key)
    text = clean(name)
    if entry.local:
        local = tuple((c, text if c == code else n, like) for c, n, like in edits.local)
        edits = replace(edits, local=local)
    else:
        names = {c: n for c, n in edits.names.items() if c != code}
        if text != entry.shipped_name:
            names[code] = text
        edits = replace(edits, names=names)
    return _store(session, key, edits, expected_version)


def add_entry(
    session: Session, key: str, name: str, like: str, *, expected_version: int
) -> CodeList:
    """Add the Sở's own entry, treated as the shipped entry ``like`` by the rules and forms."""
    now = list_entries(session, key)
    shipped = {e.code: e for e in now.entries if not e.local}
    if like not in shipped:
        raise ValidationError(["Chọn mục có sẵn mà mục mới được tính như"])
    problems = validate_name(name, now.entries)
    if problems:
        raise ValidationError(problems)
    edits = _edits(session, key)
    code = local_code(e.code for e in now.entries)
    edits = replace(edits, local=(*edits.local, (code, clean(name), like)))
    return _store(session, key, edits, expected_version)


def set_retired(
    session: Session, key: str, code: str, retired: bool, *, expected_version: int
) -> CodeList:
    """Stop offering an entry for new records (old records keep it), or offer it again."""
    now = list_entries(session, key)
    _entry(now.entries, code)
    edits = _edits(session, key)
    kept = set(edits.retired) - {code}
    if retired:
        if sum(1 for e in now.entries if not e.retired and e.code != code) == 0:
            raise ValidationError(["Phải còn ít nhất một mục đang dùng"])
        kept.add(code)
    return _store(session, key, replace(edits, retired=frozenset(kept)), expected_version)


def _uses(session: Session, key: str, code: str) -> int:
    column = AwardRecord.award_type if key == "award_types" else Campaign.kind
    return int(session.scalar(select(func.count()).where(column == code)) or 0)


def delete_entry(session: Session, key: str, code: str, *, expected_version: int) -> CodeList:
    """Delete a local entry no record uses (a shipped one can only be retired)."""
    now = list_entries(session, key)
    entry = _entry(now.entries, code)
    if not entry.local:
        raise ValidationError([f"'{entry.name}' là mục có sẵn: chỉ có thể thôi dùng"])
    used = _uses(session, key, code)
    if used:
        raise ValidationError(
            [f"'{entry.name}' đang được dùng ở {used} bản ghi: chỉ có thể thôi dùng"]
        )
    edits = _edits(session, key)
    edits = replace(edits, local=tuple(e for e in edits.local if e[0] != code))
    return _store(session, key, edits, expected_version)


def apply_code_lists(session: Session) -> None:
    """Make the stored lists the ones in use (at opening, after a change)."""
    for key in EDITABLE_LISTS:
        _IN_USE[key] = list(list_entries(session, key).entries)
    use_code_table(
        "award_types",
        tuple(
            CodeEntry(e.code, e.name, {"like": e.like or e.code, "retired": e.retired})
            for e in _IN_USE["award_types"]
        ),
    )


def reset_code_lists() -> None:
    """Back to the shipped lists (a closed database; tests)."""
    _IN_USE.clear()
    use_code_table("award_types", shipped_codes().table("award_types"))


def campaign_kinds(*, with_retired: bool = False) -> dict[str, str]:
    """Emulation forms in use: code -> name (retired ones only when asked, for old records)."""
    entries = _IN_USE.get("campaign_kinds") or apply_edits(KINDS.items(), ListEdits())
    return {e.code: e.name for e in entries if with_retired or not e.retired}


def kind_like(key: str, code: str) -> str:
    """The shipped code an entry is treated as (itself for a shipped one)."""
    for entry in _IN_USE.get(key, ()):
        if entry.code == code:
            return entry.like or entry.code
    return code
