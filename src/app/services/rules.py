"""Rule sets in use: the shipped ones, those a clerk loaded from a file, and the clerk's
changed parameters (Danh mục & cài đặt → Tham số quy tắc).

The shipped values live in ``resources/data/rules.json`` with their legal basis and status.
A rule-set file (``tdkt import rules FILE``, "Nhập bộ quy tắc…") adds sets with their own
dates, parameters, citations and criteria (:mod:`app.services.rule_files`); they are kept in
the ``rule_set`` table. A clerk's changes are kept in the ``app_setting`` table under
:data:`OVERRIDES_KEY` as ``{rule set code: {parameter: value}}`` (audited like every setting)
and applied on top of both by :func:`effective_rule_sets`. Only numbers, yes/no values and
short texts are editable here; lists (condition texts, award types) change through a file.

Each parameter has a version (how many times it was changed, under :data:`VERSIONS_KEY`): the
settings screen passes back the version it showed, and a change over another clerk's is refused
with :class:`ConflictError`.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.config import load_json_resource
from app.db.models import RuleSetRow
from app.domain.eligibility import RuleSetError, RuleSets, parse_rule_sets
from app.domain.eligibility.words import Words, words_from
from app.domain.errors import ConflictError, NotFoundError, ValidationError
from app.services.reference import catalogue, codes
from app.services.settings import get_setting, set_setting

__all__ = [
    "OVERRIDES_KEY",
    "ParameterRow",
    "effective_rule_sets",
    "list_parameters",
    "reset_parameter",
    "rule_words",
    "set_parameter",
]

OVERRIDES_KEY = "rules.overrides"
VERSIONS_KEY = "rules.versions"  # {rule set code: {parameter: times changed}}
EDITABLE_TYPES = (bool, int, float, str, type(None))
# parameters a clerk may empty even when shipped with a number (a Council threshold: empty
# means the majority rule, app.domain.council.ballot_rule)
OPTIONAL_SUFFIXES = (".threshold_pct",)


@dataclass(frozen=True)
class ParameterRow:
    """One parameter of one rule set as the settings screen shows it."""

    rule_set: str
    rule_set_name: str
    key: str
    label: str
    unit: str
    legal_basis: str
    unverified: bool
    shipped: Any
    value: Any
    editable: bool
    version: int = 0  # passed back when the parameter is changed (optimistic locking)

    @property
    def changed(self) -> bool:
        return self.value != self.shipped


# (catalogue, code tables, their words, generation): one reference, replaced whole
_WORDS: list[tuple[object, object, Words, int]] = []


def _words_now() -> tuple[Words, int]:
    cat, tables = catalogue(), codes()
    last = _WORDS[0] if _WORDS else None
    if last is not None and last[0] is cat and last[1] is tables:
        return last[2], last[3]
    generation = last[3] + 1 if last is not None else 0
    words = words_from(tables, cat)
    _WORDS[:] = [(cat, tables, words, generation)]
    return words, generation


def rule_words() -> Words:
    """The names explanations print instead of codes (grades, penalties, awards): from the
    code tables and the catalogue in use (computed again when a clerk changed a name)."""
    return _words_now()[0]


def shipped_data() -> dict[str, Any]:
    data: dict[str, Any] = load_json_resource("data", "rules.json")
    return data


def _apply_overrides(raw: dict[str, Any], values: dict[str, Any]) -> None:
    for key, value in values.items():
        merged = dict((raw.get("overrides") or {}).get(key) or {})
        merged["value"] = value
        raw.setdefault("overrides", {})[key] = merged


@lru_cache(maxsize=8)
def _parse_cached(overrides_json: str, files_json: str, generation: int) -> RuleSets:
    data = copy.deepcopy(shipped_data())
    overrides: dict[str, dict[str, Any]] = json.loads(overrides_json)
    for raw in data["rule_sets"]:
        _apply_overrides(raw, overrides.get(raw["code"], {}))
    files: list[tuple[dict[str, Any], str]] = [(raw, name) for raw, name in json.loads(files_json)]
    for raw, _name in files:
        _apply_overrides(raw, overrides.get(raw["code"], {}))
    return parse_rule_sets(data, rule_words(), files)


def _parse(overrides_json: str, files_json: str = "[]") -> RuleSets:
    return _parse_cached(overrides_json, files_json, _words_now()[1])


def _overrides(session: Session) -> dict[str, dict[str, Any]]:
    stored = get_setting(session, OVERRIDES_KEY, {})
    return stored if isinstance(stored, dict) else {}


def file_sets(session: Session) -> list[tuple[dict[str, Any], str]]:
    """The sets loaded from files, oldest first, as ``(raw set, file name)``."""
    out = []
    for row in session.scalars(select(RuleSetRow).order_by(RuleSetRow.effective_from)):
        try:
            raw = json.loads(row.data)
        except ValueError:
            continue
        if isinstance(raw, dict):
            out.append((raw, row.file_name or row.code))
    return out


def files_json(sets: list[tuple[dict[str, Any], str]]) -> str:
    return json.dumps(sets, sort_keys=True, ensure_ascii=False)


def effective_rule_sets(session: Session | None) -> RuleSets:
    """The rule sets in use: shipped, loaded from files, with the clerk's changes (the shipped
    ones without a session).

    Changes that no longer fit the data (a parameter removed in a new version) are ignored
    rather than blocking every review; so is a loaded set a new version refuses (it was
    checked when loaded: the settings screen lists it as refused).
    """
    if session is None:
        return _parse("{}")
    text = json.dumps(_overrides(session), sort_keys=True, ensure_ascii=False)
    loaded = file_sets(session)
    for files in (files_json(loaded), "[]"):
        for over in (text, "{}"):
            try:
                return _parse(over, files)
            except (RuleSetError, KeyError, TypeError):
                continue
    return _parse("{}")


def _versions(session: Session) -> dict[str, dict[str, int]]:
    stored = get_setting(session, VERSIONS_KEY, {})
    return stored if isinstance(stored, dict) else {}


def list_parameters(session: Session) -> list[ParameterRow]:
    files = files_json(file_sets(session))
    try:
        shipped = _parse("{}", files)
    except (RuleSetError, KeyError, TypeError):
        shipped = _parse("{}")
    current = effective_rule_sets(session)
    versions = _versions(session)
    rows: list[ParameterRow] = []
    for rule_set in shipped.sets:
        try:
            now = current.by_code(rule_set.code)
        except KeyError:
            continue
        for key, param in rule_set.parameters.items():
            rows.append(
                ParameterRow(
                    rule_set=rule_set.code,
                    rule_set_name=rule_set.name,
                    key=key,
                    label=param.label or key,
                    unit=param.unit,
                    legal_basis=param.legal_basis,
                    unverified=param.unverified,
                    shipped=param.value,
                    value=now.parameters[key].value,
                    editable=isinstance(param.value, EDITABLE_TYPES),
                    version=int(versions.get(rule_set.code, {}).get(key, 0)),
                )
            )
    return rows


def _find(session: Session, rule_set: str, key: str) -> ParameterRow:
    for row in list_parameters(session):
        if row.rule_set == rule_set and row.key == key:
            return row
    raise NotFoundError(f"Không có tham số '{key}' trong bộ quy tắc {rule_set}")


def _coerce(row: ParameterRow, value: Any) -> Any:
    kind = type(row.shipped)
    optional = row.key.endswith(OPTIONAL_SUFFIXES)  # a vote threshold may be left out
    if row.shipped is None or optional:  # "not set" by default (no vote threshold...)
        text = "" if value is None else str(value).strip().replace(",", ".")
        if not text:
            return None
        try:
            number = float(text)
        except ValueError:
            raise ValidationError(f"'{row.label}': '{value}' không phải số") from None
        if number < 0:
            raise ValidationError(f"'{row.label}': không được âm")
        return int(number) if number.is_integer() else number
    if kind is bool:
        if isinstance(value, bool):
            return value
        raise ValidationError(f"'{row.label}': chọn Có hoặc Không")
    if kind is int:
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            raise ValidationError(f"'{row.label}': phải là số nguyên")
        try:
            number = int(str(value).strip())
        except ValueError:
            raise ValidationError(f"'{row.label}': '{value}' không phải số nguyên") from None
        if number < 0:
            raise ValidationError(f"'{row.label}': không được âm")
        return number
    if kind is float:
        try:
            number_f = float(str(value).strip().replace(",", "."))
        except ValueError:
            raise ValidationError(f"'{row.label}': '{value}' không phải số") from None
        if number_f < 0:
            raise ValidationError(f"'{row.label}': không được âm")
        return number_f
    text = str(value).strip()
    if not text:
        raise ValidationError(f"'{row.label}': không được để trống")
    return text


def set_parameter(
    session: Session, rule_set: str, key: str, value: Any, *, expected_version: int
) -> ParameterRow:
    """Change one parameter of one rule set (audited through the settings table).

    ``expected_version``: the parameter's version as the screen showed it
    (``ParameterRow.version``); refused with :class:`ConflictError` when changed since."""
    row = _find(session, rule_set, key)
    ConflictError.check(row.version, expected_version)
    if not row.editable:
        raise ValidationError(f"Tham số '{row.label}' không sửa được ở đây (danh sách)")
    new = _coerce(row, value)
    overrides = _overrides(session)
    per_set = dict(overrides.get(rule_set, {}))
    if new == row.shipped:
        per_set.pop(key, None)
    else:
        per_set[key] = new
    if per_set:
        overrides[rule_set] = per_set
    else:
        overrides.pop(rule_set, None)
    trial = json.dumps(overrides, sort_keys=True, ensure_ascii=False)
    try:
        _parse(trial, files_json(file_sets(session)))
    except RuleSetError as exc:
        raise ValidationError(f"Giá trị không hợp lệ cho '{row.label}': {exc}") from exc
    set_setting(session, OVERRIDES_KEY, overrides)
    versions = _versions(session)
    versions.setdefault(rule_set, {})[key] = row.version + 1
    set_setting(session, VERSIONS_KEY, versions)
    return _find(session, rule_set, key)


def reset_parameter(
    session: Session, rule_set: str, key: str, *, expected_version: int
) -> ParameterRow:
    """Back to the shipped value (``expected_version`` as for :func:`set_parameter`)."""
    row = _find(session, rule_set, key)
    if not row.editable:
        return row
    return set_parameter(session, rule_set, key, row.shipped, expected_version=expected_version)
