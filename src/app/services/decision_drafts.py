"""Editing decisions before they are issued (issue 6): drafts, their lines (recipients) in the
clerk's order, and a draft built from the candidates who passed the Council vote.

Every service here refuses a decision that is no longer a draft (``LOCKED_MESSAGE``: an issued
decision changes only through a correction or a revocation, :mod:`decision_lifecycle`) and
takes ``expected_version``: a change to a line raises the decision's version too, so two
clerks editing the same draft cannot overwrite each other's work unseen.

A line keeps the texts printed on the lists, taken when it is added: the person's name, the
position and unit of the assignment in force on the decision date (today for a draft without a
date); for a collective its name and its parent unit's name.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.db.base import utcnow
from app.db.models import Decision, DecisionRecipient, Unit
from app.domain.errors import ConflictError, NotFoundError, ValidationError
from app.domain.vntext import clean, fold_key
from app.services.council import PERSON
from app.services.council_candidates import PassedCandidate, passed_by_title
from app.services.decision_numbers import ParsedNumber, check_number, parse_number
from app.services.decision_records import (
    CA_NHAN,
    DRAFT,
    LOCKED_MESSAGE,
    MAX_TEXT,
    OWN,
    REVOKED,
    REVOKED_MESSAGE,
    TAP_THE,
    DecisionDetail,
    DecisionInput,
    RecipientInput,
    award_name,
    decision_defaults,
    get_decision,
    label,
    lines_of,
    load,
    names_of,
    revoked_records,
    validate_decision_input,
    validate_recipient_input,
)
from app.services.people_queries import current_assignments
from app.services.reference import catalogue

# --- drafts --------------------------------------------------------------------------------


def touch(decision: Decision) -> None:
    """Mark the decision changed (its version grows) when only its lines changed."""
    decision.updated_at = utcnow()


def for_change(
    session: Session, decision_id: int, expected_version: int | None, *, draft: bool = True
) -> Decision:
    """The decision to change: refused when another clerk saved it since ``expected_version``
    and, with ``draft``, when it is no longer a draft."""
    d = load(session, decision_id)
    ConflictError.check(d.version, expected_version)
    if draft and d.status == REVOKED:
        raise ValidationError(REVOKED_MESSAGE)
    if draft and d.status != DRAFT:
        raise ValidationError(LOCKED_MESSAGE)
    return d


def checked_input(
    session: Session, data: DecisionInput, exclude_id: int | None
) -> tuple[DecisionInput, ParsedNumber | None, int]:
    """Validated, cleaned input with its parsed number and the decision's year."""
    problems = validate_decision_input(data)
    year = data.decision_date.year if data.decision_date is not None else data.year
    parsed = parse_number(data.number) if clean(data.number) else None
    if parsed is not None:
        problems.extend(check_number(session, year, parsed.series, parsed.seq, exclude_id))
    if problems:
        raise ValidationError(problems)
    cleaned = replace(
        data,
        authority=clean(data.authority),
        summary=clean(data.summary) or None,
        signer_authority_line=clean(data.signer_authority_line) or None,
        signer_title=clean(data.signer_title) or None,
        signer_name=clean(data.signer_name) or None,
        note=clean(data.note) or None,
        catalogue_code=data.catalogue_code or None,
    )
    return cleaned, parsed, year


def apply_input(d: Decision, data: DecisionInput, parsed: ParsedNumber | None, year: int) -> None:
    d.year = year
    d.seq = parsed.seq if parsed else None
    d.series = parsed.series if parsed else None
    d.number = parsed.text if parsed else None
    d.decision_date = data.decision_date
    d.authority = data.authority
    d.signer_authority_line = data.signer_authority_line
    d.signer_title = data.signer_title
    d.signer_name = data.signer_name
    d.award_type = data.award_type
    d.catalogue_code = data.catalogue_code
    d.summary = data.summary
    d.period_from_year = data.period_from_year
    d.period_to_year = data.period_to_year
    d.note = data.note


def create_draft(
    session: Session,
    data: DecisionInput,
    recipients: Sequence[RecipientInput] = (),
) -> DecisionDetail:
    """A new draft of the agency (origin OWN), with its lines if given."""
    data, parsed, year = checked_input(session, data, None)
    d = Decision(status=DRAFT, origin=OWN)
    apply_input(d, data, parsed, year)
    session.add(d)
    session.flush()
    if recipients:
        add_lines(session, d, recipients)
    return get_decision(session, d.id)


def update_draft(
    session: Session, decision_id: int, data: DecisionInput, *, expected_version: int | None = None
) -> DecisionDetail:
    """Change a draft's fields (refused once issued: use a correction or a revocation)."""
    d = for_change(session, decision_id, expected_version)
    data, parsed, year = checked_input(session, data, d.id)
    apply_input(d, data, parsed, year)
    session.flush()
    return get_decision(session, d.id)


def delete_draft(
    session: Session, decision_id: int, *, expected_version: int | None = None
) -> None:
    """Delete a draft and its lines (each deletion is in the audit log)."""
    d = for_change(session, decision_id, expected_version)
    for line in lines_of(session, d.id):
        session.delete(line)
    session.flush()
    session.delete(d)
    session.flush()


# --- recipients ----------------------------------------------------------------------------


def subject_key(kind: str, person_id: int | None, unit_id: int | None, name: str | None) -> tuple:
    if kind == CA_NHAN:
        return (kind, person_id)
    if kind == TAP_THE:
        return (kind, unit_id)
    return (kind, fold_key(name))


def snapshots(
    session: Session, items: Sequence[RecipientInput], on: date
) -> list[tuple[str | None, str | None, str | None]]:
    """(recipient name, job title, unit text) of each line as printed on ``on``: a person's
    name and position and unit in force then; a unit's name and its parent's name."""
    person_ids = {i.person_id for i in items if i.subject_kind == CA_NHAN and i.person_id}
    unit_ids = {i.unit_id for i in items if i.subject_kind == TAP_THE and i.unit_id}
    placed = current_assignments(session, on) if person_ids else {}
    units = {u.id: u for u in session.scalars(select(Unit).where(Unit.id.in_(unit_ids)))}
    parent_ids = {u.parent_id for u in units.values() if u.parent_id is not None}
    parent_ids |= {placed[p][0] for p in person_ids if p in placed}
    people, unit_names = names_of(session, person_ids, parent_ids | unit_ids)
    out = []
    for item in items:
        name, job, where = clean(item.recipient_name) or None, item.job_title, item.unit_text
        if item.subject_kind == CA_NHAN and item.person_id is not None:
            unit_id, title, _rank = placed.get(item.person_id, (None, "", 0))
            name = name or people.get(item.person_id)
            job = job if job is not None else title
            where = where if where is not None else unit_names.get(unit_id or 0, "")
        elif item.subject_kind == TAP_THE and item.unit_id is not None:
            unit = units.get(item.unit_id)
            name = name or (unit.full_name if unit else None)
            parent = unit.parent_id if unit is not None else None
            where = where if where is not None else unit_names.get(parent or 0, "")
        out.append((name, clean(job) or None, clean(where) or None))
    return out


def check_lines(
    session: Session, d: Decision, items: Sequence[RecipientInput], *, ignore: int | None = None
) -> None:
    """Refuse lines that are invalid, name a missing person or unit, or repeat a subject with
    the same award in this decision."""
    problems: list[str] = []
    existing = {
        (subject_key(r.subject_kind, r.person_id, r.unit_id, r.recipient_name), r.catalogue_code)
        for r in lines_of(session, d.id)
        if r.id != ignore
    }
    person_ids = {i.person_id for i in items if i.person_id is not None}
    unit_ids = {i.unit_id for i in items if i.unit_id is not None}
    people, units = names_of(session, person_ids, unit_ids)
    for n, item in enumerate(items, start=1):
        where = f"Dòng {n}: " if len(items) > 1 else ""
        found = validate_recipient_input(item)
        if item.subject_kind == CA_NHAN and item.person_id is not None:
            if item.person_id not in people:
                found.append(f"Không tìm thấy cán bộ id={item.person_id}")
        if item.subject_kind == TAP_THE and item.unit_id is not None:
            if item.unit_id not in units:
                found.append(f"Không tìm thấy đơn vị id={item.unit_id}")
        key = (
            subject_key(item.subject_kind, item.person_id, item.unit_id, item.recipient_name),
            item.catalogue_code,
        )
        if not found and key in existing:
            who = (
                people.get(item.person_id or 0)
                or units.get(item.unit_id or 0)
                or clean(item.recipient_name)
            )
            found.append(f"{who} đã có trong quyết định với {award_name(item.catalogue_code)}")
        existing.add(key)
        problems.extend(where + p for p in found)
    if problems:
        raise ValidationError(problems)


def add_lines(
    session: Session, d: Decision, items: Sequence[RecipientInput]
) -> list[DecisionRecipient]:
    check_lines(session, d, items)
    start = len(lines_of(session, d.id))
    texts = snapshots(session, items, d.decision_date or date.today())
    added = []
    for n, (item, (name, job, where)) in enumerate(zip(items, texts, strict=True), start=1):
        line = DecisionRecipient(
            decision_id=d.id,
            position=start + n,
            subject_kind=item.subject_kind,
            person_id=item.person_id if item.subject_kind == CA_NHAN else None,
            unit_id=item.unit_id if item.subject_kind == TAP_THE else None,
            recipient_name=name,
            catalogue_code=item.catalogue_code,
            job_title=job,
            unit_text=where,
            golden_book_no=item.golden_book_no,
            note=clean(item.note) or None,
        )
        session.add(line)
        added.append(line)
    touch(d)
    session.flush()
    return added


def add_recipients(
    session: Session,
    decision_id: int,
    items: Sequence[RecipientInput],
    *,
    expected_version: int | None = None,
) -> DecisionDetail:
    """Append lines to a draft, after the existing ones."""
    d = for_change(session, decision_id, expected_version)
    if not items:
        raise ValidationError("Chưa chọn ai để thêm vào quyết định")
    add_lines(session, d, items)
    return get_decision(session, d.id)


def add_recipient(
    session: Session,
    decision_id: int,
    item: RecipientInput,
    *,
    expected_version: int | None = None,
) -> DecisionDetail:
    return add_recipients(session, decision_id, [item], expected_version=expected_version)


def _line(session: Session, recipient_id: int) -> DecisionRecipient:
    line = session.get(DecisionRecipient, recipient_id)
    if line is None:
        raise NotFoundError(f"Không tìm thấy dòng id={recipient_id} của quyết định")
    return line


def _renumber(lines: Sequence[DecisionRecipient]) -> None:
    for n, line in enumerate(lines, start=1):
        if line.position != n:
            line.position = n


def remove_recipient(
    session: Session, recipient_id: int, *, expected_version: int | None = None
) -> DecisionDetail:
    """Remove a line of a draft; the lines after it move up."""
    line = _line(session, recipient_id)
    d = for_change(session, line.decision_id, expected_version)
    session.delete(line)
    session.flush()
    _renumber(lines_of(session, d.id))
    touch(d)
    session.flush()
    return get_decision(session, d.id)


def set_order(
    session: Session,
    decision_id: int,
    recipient_ids: Sequence[int],
    *,
    expected_version: int | None = None,
) -> DecisionDetail:
    """Put the lines of a draft in the order given (every line, each once)."""
    d = for_change(session, decision_id, expected_version)
    lines = {line.id: line for line in lines_of(session, d.id)}
    if sorted(recipient_ids) != sorted(lines):
        raise ValidationError(
            "Thứ tự mới phải gồm đúng các dòng của quyết định, mỗi dòng một lần "
            "(danh sách đã thay đổi: hãy tải lại)"
        )
    _renumber([lines[i] for i in recipient_ids])
    touch(d)
    session.flush()
    return get_decision(session, d.id)


def move_recipient(
    session: Session, recipient_id: int, step: int, *, expected_version: int | None = None
) -> DecisionDetail:
    """Move a line of a draft ``step`` places (-1 up, +1 down), within the list."""
    line = _line(session, recipient_id)
    d = for_change(session, line.decision_id, expected_version)
    lines = lines_of(session, d.id)
    index = next(i for i, r in enumerate(lines) if r.id == recipient_id)
    target = max(0, min(len(lines) - 1, index + step))
    if target != index:
        lines.insert(target, lines.pop(index))
        _renumber(lines)
        touch(d)
        session.flush()
    return get_decision(session, d.id)


def update_recipient(
    session: Session,
    recipient_id: int,
    *,
    recipient_name: str | None = None,
    job_title: str | None = None,
    unit_text: str | None = None,
    note: str | None = None,
    expected_version: int | None = None,
) -> DecisionDetail:
    """Change the printed texts of a draft's line (None leaves a field as it is)."""
    line = _line(session, recipient_id)
    d = for_change(session, line.decision_id, expected_version)
    apply_texts(line, recipient_name, job_title, unit_text, note)
    touch(d)
    session.flush()
    return get_decision(session, d.id)


def apply_texts(
    line: DecisionRecipient,
    recipient_name: str | None,
    job_title: str | None,
    unit_text: str | None,
    note: str | None,
) -> list[str]:
    """Set the texts given (None: unchanged; "" clears, except a name); returns what changed."""
    changed = []
    if recipient_name is not None:
        name = clean(recipient_name)
        if not name:
            raise ValidationError("Tên người (tập thể) được khen thưởng không được để trống")
        if len(name) > MAX_TEXT:
            raise ValidationError(f"Tên dài quá {MAX_TEXT} ký tự")
        if name != line.recipient_name:
            line.recipient_name = name
            changed.append("recipient_name")
    for attr, value in (("job_title", job_title), ("unit_text", unit_text), ("note", note)):
        if value is None:
            continue
        text = clean(value) or None
        if text is not None and attr != "note" and len(text) > MAX_TEXT:
            raise ValidationError(f"Nội dung dài quá {MAX_TEXT} ký tự: {text[:40]}…")
        if getattr(line, attr) != text:
            setattr(line, attr, text)
            changed.append(attr)
    return changed


# --- from the Council ----------------------------------------------------------------------


@dataclass(frozen=True)
class CouncilCandidate:
    """A candidate who passed the Council vote for a title, and whether a decision (not
    revoked) already holds them with that title for that year (then not added again)."""

    subject_kind: str
    subject_id: int
    name: str
    unit: str
    percent: str
    already_in: str = ""


def _decided(session: Session, year: int, code: str) -> dict[tuple, str]:
    """Subjects already holding ``code`` for ``year`` in a decision that is not revoked."""
    rows = session.execute(
        select(DecisionRecipient, Decision)
        .join(Decision, Decision.id == DecisionRecipient.decision_id)
        .where(
            DecisionRecipient.catalogue_code == code,
            Decision.status != REVOKED,
            or_(
                Decision.year == year,
                (Decision.period_from_year <= year) & (Decision.period_to_year >= year),
            ),
        )
    ).all()
    revoked = revoked_records(session, (line.award_record_id for line, _d in rows))
    out: dict[tuple, str] = {}
    for line, d in rows:
        if line.award_record_id in revoked:
            continue
        period = (d.period_from_year, d.period_to_year)
        if period != (None, None) and not (
            (period[0] or period[1] or 0) <= year <= (period[1] or period[0] or 0)
        ):
            continue
        key = subject_key(line.subject_kind, line.person_id, line.unit_id, line.recipient_name)
        out.setdefault(key, label(d))
    return out


def council_candidates(
    session: Session,
    year: int,
    title: str,
    passed: dict[str, list[PassedCandidate]] | None = None,
) -> list[CouncilCandidate]:
    """Who passed for ``title`` in ``year``, by a ballot or with the title's list, in the
    sessions' STT order (``passed``: :func:`passed_by_title` read already)."""
    decided = _decided(session, year, title)
    found = passed if passed is not None else passed_by_title(session, year)
    out = []
    for v in found.get(title, []):
        kind = CA_NHAN if v.subject == PERSON else TAP_THE
        key = subject_key(kind, v.subject_id if kind == CA_NHAN else None, v.subject_id, None)
        out.append(
            CouncilCandidate(
                subject_kind=kind,
                subject_id=v.subject_id,
                name=v.name,
                unit=v.unit,
                percent=f"{v.percent}%".replace(".", ",") + (" (danh sách)" if v.by_list else ""),
                already_in=decided.get(key, ""),
            )
        )
    return out


def council_titles(session: Session, year: int) -> list[tuple[str, str, int]]:
    """(code, name, candidates not yet in a decision) of every title someone passed in
    ``year``, in catalogue order."""
    passed = passed_by_title(session, year)
    out = []
    for item in catalogue().items:
        if item.code not in passed:
            continue
        cands = council_candidates(session, year, item.code, passed)
        if cands:
            out.append((item.code, item.name, sum(1 for c in cands if not c.already_in)))
    return out


def create_from_council(session: Session, year: int, title: str, **fields: Any) -> DecisionDetail:
    """A draft for ``title`` with everyone who passed the Council vote in ``year`` (in the
    order of the votes), except those already in a decision for it. ``fields`` override the
    defaults of :func:`decision_defaults` (authority, summary...); the signing date is today
    unless ``decision_date`` is given."""
    if title not in catalogue():
        raise ValidationError(f"Không có danh hiệu/hình thức '{title}' trong danh mục")
    candidates = council_candidates(session, year, title)
    name = award_name(title)
    if not candidates:
        raise ValidationError(
            f"Năm {year} chưa có ai đạt biểu quyết của Hội đồng cho {name}: "
            "ghi kết quả biểu quyết ở mục Bình xét trước"
        )
    new = [c for c in candidates if not c.already_in]
    if not new:
        where = sorted({c.already_in for c in candidates})
        raise ValidationError(
            f"Tất cả {len(candidates)} người (tập thể) đạt {name} năm {year} đã có trong "
            + "; ".join(where)
        )
    fields.setdefault("decision_date", date.today())  # never another decision's date
    data = replace(decision_defaults(session, year, title), **fields)
    items = [
        RecipientInput(
            subject_kind=c.subject_kind,
            catalogue_code=title,
            person_id=c.subject_id if c.subject_kind == CA_NHAN else None,
            unit_id=c.subject_id if c.subject_kind == TAP_THE else None,
        )
        for c in new
    ]
    return create_draft(session, data, items)
