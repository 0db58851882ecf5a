"""Rule sets a clerk loads from a file (`tdkt import rules FILE`, "Nhập bộ quy tắc…").

Entry points:

- :func:`read_rule_file` -- the file's JSON (a Vietnamese error when it cannot be read).
- :func:`check_rule_file` -- everything checked before use: the shape, the codes and dates of
  the sets, how they fit between the sets already in use, every parameter (known, of the
  shipped type, its codes in the catalogue and the code tables, a legal basis for each value
  changed), every criterion (tests, values, parameters, citations) and every citation.
- :func:`import_rule_file` -- the same, then the sets stored in the ``rule_set`` table (a set
  of the same code loaded before is replaced) with an audit entry; nothing is stored when
  anything is wrong, nor with ``dry_run``.
- :func:`list_rule_sets` / :func:`remove_rule_set` -- the sets in use, and taking a loaded one
  out again (audited).

The file has the shape of ``resources/data/rules.json``'s ``rule_sets``::

    {"rule_sets": [{"code": "LUAT_SUA_DOI_2026", "name": "...", "effective_from": "2026-10-01",
                    "legal_bases": ["..."], "overrides": {...}, "citations": {...},
                    "criteria": {...}, "transition": {...}}]}

A set without ``based_on`` starts from the set in force the day before it; an open-ended set
before it ends that day (:func:`app.domain.eligibility.parse_rule_sets`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.audit import log_action
from app.db.models import RuleSetRow
from app.domain.eligibility import RuleSet, RuleSetError, parse_rule_sets
from app.domain.eligibility.rule_checks import KnownCodes, check_rule_set
from app.domain.errors import NotFoundError, ValidationError
from app.domain.vnformat import format_date
from app.services.reference import catalogue, codes
from app.services.rules import effective_rule_sets, file_sets, rule_words, shipped_data

__all__ = [
    "RuleFileReport",
    "RuleSetSummary",
    "check_rule_file",
    "import_rule_file",
    "list_rule_sets",
    "read_rule_file",
    "remove_rule_set",
]

TOP_FIELDS = frozenset({"rule_sets", "_note", "note", "version"})
SHIPPED = "shipped"


@dataclass(frozen=True)
class RuleSetSummary:
    """A rule set as the settings screen and the import report show it."""

    code: str
    name: str
    effective_from: date
    effective_to: date | None
    legal_bases: tuple[str, ...]
    source: str  # "shipped" or the file it was loaded from
    criteria: tuple[str, ...] = ()  # titles whose criteria the set itself gives
    changed: tuple[str, ...] = ()  # parameters the set itself changes
    transition: str = ""

    @property
    def loaded(self) -> bool:
        return self.source != SHIPPED

    @property
    def period(self) -> str:
        end = f" đến {format_date(self.effective_to)}" if self.effective_to else ""
        return f"từ {format_date(self.effective_from)}{end}"


@dataclass(frozen=True)
class RuleFileReport:
    file_name: str
    sets: tuple[RuleSetSummary, ...] = ()
    problems: tuple[str, ...] = ()
    replaced: tuple[str, ...] = ()
    written: bool = False
    ends: tuple[str, ...] = field(default=())  # "ND152_2025_ND335 đến 30/09/2026"

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.sets)

    def lines(self) -> list[str]:
        out = [f"Tệp bộ quy tắc {self.file_name}:"]
        for s in self.sets:
            what = "thay bộ đã nạp" if s.code in self.replaced else "thêm"
            out.append(f"- {what} {s.code}: {s.name}, hiệu lực {s.period}")
            out.append(f"  căn cứ: {'; '.join(s.legal_bases)}")
            if s.changed:
                out.append(f"  tham số thay đổi: {', '.join(s.changed)}")
            if s.criteria:
                out.append(f"  tiêu chí riêng: {', '.join(s.criteria)}")
            if s.transition:
                out.append(f"  chuyển tiếp: {s.transition}")
        for end in self.ends:
            out.append(f"- bộ quy tắc {end}")
        if self.problems:
            out.append(f"Không dùng được tệp ({len(self.problems)} lỗi):")
            out += [f"- {p}" for p in self.problems]
        return out


def read_rule_file(path: Path) -> dict[str, Any]:
    """The JSON of a rule-set file; :class:`ValidationError` (Vietnamese) when unreadable."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise ValidationError(f"Không đọc được tệp {path.name}: {exc.strerror or exc}") from exc
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise ValidationError(f"Tệp {path.name} không phải JSON hợp lệ: {exc}") from exc
    if not isinstance(data, dict):
        raise ValidationError(f"Tệp {path.name} cần một đối tượng JSON có mục 'rule_sets'")
    return data


def _known() -> KnownCodes:
    tables = codes()

    def table(name: str) -> frozenset[str]:
        return frozenset(e.code for e in tables.tables.get(name, ()))

    return KnownCodes(
        awards=frozenset(item.code for item in catalogue().items),
        grades=table("grades"),
        scopes=table("initiative_scopes"),
        award_types=table("award_types"),
        collective_categories=table("collective_categories"),
    )


def _summary(rule_set: RuleSet, raw: Mapping[str, Any] | None) -> RuleSetSummary:
    own = raw or {}
    t = rule_set.transition
    return RuleSetSummary(
        code=rule_set.code,
        name=rule_set.name,
        effective_from=rule_set.effective_from,
        effective_to=rule_set.effective_to,
        legal_bases=rule_set.legal_bases,
        source=rule_set.source,
        criteria=tuple(own.get("criteria") or ()),
        changed=tuple(own.get("overrides") or ()),
        transition=(
            f"hồ sơ nhận trước {format_date(t.received_before)} giữ quy định cũ trừ khi "
            f"quy định mới có lợi hơn ({t.legal_basis})"
            if t
            else ""
        ),
    )


def check_rule_file(session: Session, data: Any, file_name: str) -> RuleFileReport:
    """Everything wrong with a rule-set file, and what it would do (nothing is stored)."""
    problems: list[str] = []
    if not isinstance(data, Mapping):
        return RuleFileReport(file_name, problems=("Tệp cần một đối tượng JSON",))
    unknown = sorted(set(data) - TOP_FIELDS)
    if unknown:
        problems.append(f"mục không hợp lệ trong tệp: {', '.join(unknown)}")
    raws = data.get("rule_sets")
    if not isinstance(raws, list) or not raws:
        problems.append("tệp cần mục 'rule_sets' là danh sách bộ quy tắc")
        return RuleFileReport(file_name, problems=tuple(problems))
    if not all(isinstance(r, Mapping) for r in raws):
        problems.append("mỗi bộ quy tắc trong 'rule_sets' phải là một đối tượng JSON")
        return RuleFileReport(file_name, problems=tuple(problems))
    shipped = shipped_data()
    shipped_codes = {r["code"] for r in shipped["rule_sets"]}
    new_codes = [str(r.get("code")) for r in raws]
    for code in new_codes:
        if code in shipped_codes:
            problems.append(f"mã {code} là bộ quy tắc có sẵn của chương trình; đặt mã khác")
    loaded = file_sets(session)
    replaced = tuple(c for c in new_codes if any(r.get("code") == c for r, _n in loaded))
    kept = [(r, n) for r, n in loaded if r.get("code") not in new_codes]
    incoming = [(dict(r), file_name) for r in raws]
    try:
        sets = parse_rule_sets(shipped, rule_words(), [*kept, *incoming])
    except RuleSetError as exc:
        problems.append(str(exc))
        return RuleFileReport(file_name, problems=tuple(problems), replaced=replaced)
    base = parse_rule_sets(shipped).sets[-1].parameters
    known = _known()
    summaries = []
    for raw, _name in incoming:
        rule_set = sets.by_code(str(raw["code"]))
        for problem in check_rule_set(rule_set, base, known, raw.get("overrides")):
            problems.append(f"Bộ quy tắc {rule_set.code}: {problem}")
        summaries.append(_summary(rule_set, raw))
    before = {s.code: s.effective_to for s in effective_rule_sets(session).sets}
    ends = tuple(
        f"{s.code} nay hết hiệu lực ngày {format_date(s.effective_to)}"
        for s in sets.sets
        if s.code in before and s.effective_to != before[s.code] and s.effective_to is not None
    )
    return RuleFileReport(
        file_name, tuple(summaries), tuple(problems), replaced=replaced, ends=ends
    )


def import_rule_file(
    session: Session, data: Any, file_name: str, *, dry_run: bool = False
) -> RuleFileReport:
    """Check the file, then (unless ``dry_run`` or anything is wrong) store its sets."""
    report = check_rule_file(session, data, file_name)
    if not report.ok or dry_run:
        return report
    rows = {row.code: row for row in session.scalars(select(RuleSetRow))}
    for raw in data["rule_sets"]:
        code = str(raw["code"])
        summary = next(s for s in report.sets if s.code == code)
        row = rows.get(code) or RuleSetRow(code=code)
        row.name = summary.name
        row.effective_from = summary.effective_from
        row.effective_to = (
            date.fromisoformat(raw["effective_to"]) if raw.get("effective_to") else None
        )
        row.data = json.dumps(raw, ensure_ascii=False, sort_keys=True)
        row.file_name = file_name
        if code not in rows:
            session.add(row)
        what = "thay" if code in rows else "nạp"
        log_action(
            session,
            "IMPORT",
            "rule_set",
            code,
            f"{what} bộ quy tắc {code} ({summary.period}) từ tệp {file_name}",
        )
    session.flush()
    return RuleFileReport(
        report.file_name, report.sets, (), report.replaced, written=True, ends=report.ends
    )


def list_rule_sets(session: Session) -> list[RuleSetSummary]:
    """The sets in use, oldest first (shipped and loaded, with their dates as they apply)."""
    raws = {str(raw.get("code")): raw for raw, _n in file_sets(session)}
    return [_summary(s, raws.get(s.code)) for s in effective_rule_sets(session).sets]


def remove_rule_set(session: Session, code: str) -> None:
    """Take a set loaded from a file out of use (the shipped ones stay); audited."""
    row = session.get(RuleSetRow, code)
    if row is None:
        raise NotFoundError(f"Không có bộ quy tắc đã nạp mã {code}")
    session.delete(row)
    log_action(session, "DELETE", "rule_set", code, f"bỏ bộ quy tắc {code} đã nạp từ tệp")
    session.flush()
