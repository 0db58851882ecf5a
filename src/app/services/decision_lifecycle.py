"""What happens to a decision after its draft (issue 6; domain.md §4.1 X12, §7.1, §7.4).

- :func:`issue` (ban hành): the number and the date are required; the content is locked; each
  line gets its golden-book number and one award record (source DECISION) so next year's
  eligibility sees it, with the initiatives it rests on (chosen in Bình xét, else those the
  verdict counted: :func:`app.services.initiative_uses.record_award_uses`).
- :func:`correct` (đính chính): records the correcting document; only the number, the date and
  the printed texts of the lines (name, position, unit) change, and their award records follow.
- :func:`revoke` (thu hồi, Luật 06/2022 Điều 93 khoản 2): with a reason; the award records of
  the decision (or of the chosen lines only) are marked revoked and no longer count.
- :func:`record_superior`: a decision of UBND tỉnh, a ministry or the Prime Minister entered by
  hand, saved directly as issued with its award records.
- :func:`sync_imported`: award history imported with decision numbers becomes issued decisions
  of their authority (origin IMPORTED), so their annex and payment lists can be printed.

Số sổ vàng (domain.md §7.4): "the recipient's order number in the decision, printed under the
decision number". So it is the line's position (1..n) when the agency's own decision is issued;
it is not a running number across decisions or years. For a superior's decision it is what the
clerk typed from the paper (our recipients are usually a few lines of a longer list); imported
history has none.

Every step writes a service entry in the audit log besides the row changes (ISSUE, CORRECT,
REVOKE, RECORD, SYNC).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, cast

from sqlalchemy import Table, bindparam, func, insert, or_, select, update
from sqlalchemy.orm import Session

from app.db.audit import log_action, record_inserts, record_updates, session_user
from app.db.base import utcnow
from app.db.models import AwardRecord, Decision, DecisionRecipient, Person, Unit
from app.domain.errors import ConflictError, ValidationError
from app.domain.vnformat import format_count, format_date
from app.domain.vntext import clean, fold_key
from app.services.decision_drafts import (
    add_lines,
    apply_input,
    apply_texts,
    checked_input,
    for_change,
    touch,
)
from app.services.decision_numbers import (
    NUMBER_FORMAT_MESSAGE,
    check_number,
    parse_number,
    series_key,
)
from app.services.decision_records import (
    CA_NHAN,
    CORRECTED,
    DRAFT,
    HO_GIA_DINH,
    IMPORTED,
    ISSUED,
    OWN,
    REVOKED,
    REVOKED_MESSAGE,
    SUPERIOR,
    TAP_THE,
    DecisionDetail,
    DecisionInput,
    RecipientInput,
    award_name,
    get_decision,
    label,
    lines_of,
    load,
    names_of,
    validate_decision_input,
)
from app.services.initiative_uses import record_award_uses
from app.services.people_queries import raw_date
from app.services.reference import catalogue, codes

SOURCE = "DECISION"
IMPORTED_NOTE = "Lập tự động từ lịch sử khen thưởng đã nhập"
REVOKE_LEGAL = "Luật Thi đua, khen thưởng 2022, Điều 93 khoản 2"


# --- award records -------------------------------------------------------------------------


def award_year(d: Decision) -> int:
    """The year an award of ``d`` counts for: the end of its achievement period, else the
    year of its date (X3: the next proposal counts from the period stated in the decision)."""
    if d.period_to_year is not None:
        return d.period_to_year
    if d.period_from_year is not None:
        return d.period_from_year
    return d.decision_date.year if d.decision_date else d.year


def _categories(session: Session, lines: Sequence[DecisionRecipient]) -> dict[int, str | None]:
    """Line id -> phân loại đối tượng at award time (domain.md §10)."""
    pids = {r.person_id for r in lines if r.person_id is not None}
    uids = {r.unit_id for r in lines if r.unit_id is not None}
    people = (
        dict(
            session.execute(
                select(Person.id, Person.subject_category).where(Person.id.in_(pids))
            ).all()
        )
        if pids
        else {}
    )
    units = (
        dict(
            session.execute(
                select(Unit.id, Unit.collective_category).where(Unit.id.in_(uids))
            ).all()
        )
        if uids
        else {}
    )
    table = codes()
    out: dict[int, str | None] = {}
    for r in lines:
        if r.subject_kind == CA_NHAN:
            out[r.id] = people.get(r.person_id or 0) or table.position_category(r.job_title or "")
        elif r.subject_kind == TAP_THE:
            out[r.id] = units.get(r.unit_id or 0)
        else:
            out[r.id] = HO_GIA_DINH
    return out


def _duplicates(session: Session, d: Decision, lines: Sequence[DecisionRecipient]) -> list[str]:
    """Titles (danh hiệu) the same subjects already hold for the same year (one achievement,
    one reward: Luật 06/2022 Điều 5). Forms may be given several times."""
    cat = catalogue()
    titles = {r.catalogue_code for r in lines if r.catalogue_code in cat}
    titles = {c for c in titles if cat.get(c).is_title}
    if not titles:
        return []
    year = award_year(d)
    pids = {r.person_id for r in lines if r.person_id is not None and r.catalogue_code in titles}
    uids = {r.unit_id for r in lines if r.unit_id is not None and r.catalogue_code in titles}
    found = session.scalars(
        select(AwardRecord).where(
            AwardRecord.revoked.is_(False),
            AwardRecord.catalogue_code.in_(titles),
            AwardRecord.year == year,
            or_(AwardRecord.decision_id.is_(None), AwardRecord.decision_id != d.id),
            or_(AwardRecord.person_id.in_(pids), AwardRecord.unit_id.in_(uids)),
        )
    ).all()
    held = {(a.person_id, a.unit_id, a.catalogue_code): a for a in found}
    people, units = names_of(session, pids, uids)
    problems = []
    for r in lines:
        key: tuple[int | None, int | None, str] | None = None
        if r.subject_kind == CA_NHAN:
            key = (r.person_id, None, r.catalogue_code)
        elif r.subject_kind == TAP_THE:
            key = (None, r.unit_id, r.catalogue_code)
        other = held.get(key) if key else None
        if other is None:
            continue
        who = people.get(r.person_id or 0) or units.get(r.unit_id or 0) or ""
        where = f"quyết định số {other.decision_number}" if other.decision_number else "hồ sơ"
        if other.decision_date:
            where += f" ngày {format_date(other.decision_date)}"
        problems.append(
            f"{who} đã có danh hiệu {award_name(r.catalogue_code)} năm {year} ({where}); "
            "một thành tích chỉ khen thưởng một lần (Luật Thi đua, khen thưởng 2022, Điều 5): "
            "bỏ dòng này hoặc thu hồi khen thưởng cũ"
        )
    return problems


def _create_awards(
    session: Session, d: Decision, lines: Sequence[DecisionRecipient], *, golden: bool
) -> None:
    """One award record per line (linked both ways); ``golden``: the line's position becomes
    its golden-book number."""
    categories = _categories(session, lines)
    year = award_year(d)
    for line in lines:
        record = AwardRecord(
            subject_kind=line.subject_kind,
            person_id=line.person_id if line.subject_kind == CA_NHAN else None,
            unit_id=line.unit_id if line.subject_kind == TAP_THE else None,
            recipient_name=line.recipient_name if line.subject_kind == HO_GIA_DINH else None,
            catalogue_code=line.catalogue_code,
            award_type=d.award_type,
            year=year,
            period_from_year=d.period_from_year,
            period_to_year=d.period_to_year,
            decision_number=d.number,
            decision_date=d.decision_date,
            authority=d.authority,
            subject_category=categories.get(line.id),
            unit_text=line.unit_text,
            revoked=False,
            source=SOURCE,
            decision_id=d.id,
        )
        session.add(record)
        session.flush()
        line.award_record_id = record.id
        if golden:
            line.golden_book_no = line.position
    session.flush()
    # the initiatives the awards rest on (X6): the proposal's choice, else the verdict's
    record_award_uses(session, year, lines)


def _records(session: Session, lines: Sequence[DecisionRecipient]) -> dict[int, AwardRecord]:
    ids = [r.award_record_id for r in lines if r.award_record_id is not None]
    if not ids:
        return {}
    return {a.id: a for a in session.scalars(select(AwardRecord).where(AwardRecord.id.in_(ids)))}


# --- ban hành ------------------------------------------------------------------------------


def issue(
    session: Session,
    decision_id: int,
    *,
    number: str | None = None,
    decision_date: date | None = None,
    expected_version: int | None = None,
) -> DecisionDetail:
    """Issue a draft: number and date (given here or already on the draft) are required; the
    content is locked; golden-book numbers and award records are created, in the lines' order."""
    d = for_change(session, decision_id, expected_version)
    text = clean(number) if number is not None else (d.number or "")
    day = decision_date or d.decision_date
    problems = []
    if not text:
        problems.append("Chưa có số quyết định: ban hành cần số và ngày ký")
    parsed = parse_number(text) if text else None
    if text and parsed is None:
        problems.append(NUMBER_FORMAT_MESSAGE)
    if day is None:
        problems.append("Chưa có ngày ký quyết định: ban hành cần số và ngày ký")
    if parsed is not None and day is not None:
        problems.extend(check_number(session, day.year, parsed.series, parsed.seq, d.id))
    if day is not None and d.period_to_year is not None and d.period_to_year > day.year:
        problems.append(f"Thành tích đến năm {d.period_to_year} nằm sau ngày ký {format_date(day)}")
    lines = lines_of(session, d.id)
    if not lines:
        problems.append("Quyết định chưa có ai được khen thưởng: thêm cá nhân, tập thể trước")
    if problems:
        raise ValidationError(problems)
    assert parsed is not None and day is not None
    d.year, d.seq, d.series, d.number = day.year, parsed.seq, parsed.series, parsed.text
    d.decision_date = day
    problems = _duplicates(session, d, lines)
    if problems:
        raise ValidationError(problems)
    d.status = ISSUED
    d.issued_at = utcnow()
    session.flush()
    _create_awards(session, d, lines, golden=True)
    log_action(
        session,
        "ISSUE",
        "decision",
        str(d.id),
        f"Ban hành quyết định số {d.number} ngày {format_date(day)}: {len(lines)} khen thưởng",
    )
    return get_decision(session, d.id)


# --- đính chính ----------------------------------------------------------------------------


@dataclass(frozen=True)
class RecipientFix:
    """New printed texts of one line (None: unchanged)."""

    recipient_id: int
    recipient_name: str | None = None
    job_title: str | None = None
    unit_text: str | None = None


def _issued_for_change(session: Session, decision_id: int, expected: int | None) -> Decision:
    d = load(session, decision_id)
    ConflictError.check(d.version, expected)
    if d.status == DRAFT:
        raise ValidationError(
            "Quyết định còn là dự thảo, chưa ban hành: sửa trực tiếp hoặc xóa dự thảo"
        )
    if d.status == REVOKED:
        when = f" ngày {format_date(d.revoke_date)}" if d.revoke_date else ""
        raise ValidationError(f"{REVOKED_MESSAGE} (thu hồi theo {d.revoke_document or '…'}{when})")
    return d


def _document_problems(what: str, document: str | None, day: date | None, d: Decision) -> list[str]:
    problems = []
    if not clean(document):
        problems.append(f"Chưa nhập số, ký hiệu văn bản {what}")
    elif len(clean(document)) > 255:
        problems.append(f"Số, ký hiệu văn bản {what} dài quá 255 ký tự")
    if day is None:
        problems.append(f"Chưa nhập ngày văn bản {what}")
    elif d.decision_date is not None and day < d.decision_date:
        problems.append(
            f"Ngày văn bản {what} ({format_date(day)}) trước ngày ký quyết định "
            f"({format_date(d.decision_date)})"
        )
    return problems


def correct(
    session: Session,
    decision_id: int,
    *,
    document: str,
    correction_date: date | None,
    note: str,
    number: str | None = None,
    decision_date: date | None = None,
    fixes: Sequence[RecipientFix] = (),
    expected_version: int | None = None,
) -> DecisionDetail:
    """Record a correction (đính chính) of an issued decision: the correcting document, its date
    and what it corrects (``note``); the decision's number and date and the printed texts of
    its lines may change only here. Their award records follow."""
    d = _issued_for_change(session, decision_id, expected_version)
    problems = _document_problems("đính chính", document, correction_date, d)
    if not clean(note):
        problems.append("Chưa nhập nội dung đính chính")
    day = decision_date or d.decision_date
    new_number = clean(number) if number is not None else None
    parsed = None
    if new_number is not None:
        parsed = parse_number(new_number)
        if parsed is None and (d.origin == OWN or not new_number):
            problems.append(NUMBER_FORMAT_MESSAGE)
    lines = {r.id: r for r in lines_of(session, d.id)}
    for fix in fixes:
        if fix.recipient_id not in lines:
            problems.append(f"Dòng id={fix.recipient_id} không thuộc quyết định này")
    if problems:
        raise ValidationError(problems)
    current = parsed if new_number is not None else parse_number(d.number) if d.seq else None
    if day is not None and current is not None:
        taken = check_number(session, day.year, current.series, current.seq, d.id)
        if taken:
            raise ValidationError(taken)
    changes = []
    if new_number is not None and new_number != (d.number or ""):
        changes.append(f"số {d.number} → {parsed.text if parsed else new_number}")
        d.number = parsed.text if parsed else new_number
        d.seq, d.series = (parsed.seq, parsed.series) if parsed else (None, None)
    if day is not None and day != d.decision_date:
        changes.append(f"ngày {format_date(d.decision_date)} → {format_date(day)}")
        d.decision_date = day
        d.year = day.year
    records = _records(session, list(lines.values()))
    for fix in fixes:
        line = lines[fix.recipient_id]
        changed = apply_texts(line, fix.recipient_name, fix.job_title, fix.unit_text, None)
        if changed:
            changes.append(f"dòng {line.position}")
        record = records.get(line.award_record_id or 0)
        if record is not None:
            if line.subject_kind == HO_GIA_DINH:
                record.recipient_name = line.recipient_name
            record.unit_text = line.unit_text
    for record in records.values():
        record.decision_number = d.number
        record.decision_date = d.decision_date
        record.year = award_year(d)
    d.status = CORRECTED
    d.correction_document = clean(document)
    d.correction_date = correction_date
    d.correction_note = clean(note)
    touch(d)
    session.flush()
    log_action(
        session,
        "CORRECT",
        "decision",
        str(d.id),
        f"Đính chính {label(d)} theo {d.correction_document}"
        + (f": {', '.join(changes)}" if changes else ""),
    )
    return get_decision(session, d.id)


# --- thu hồi -------------------------------------------------------------------------------


def revoke(
    session: Session,
    decision_id: int,
    *,
    document: str,
    revoke_date: date | None,
    reason: str,
    recipient_ids: Sequence[int] | None = None,
    expected_version: int | None = None,
) -> DecisionDetail:
    """Revoke (thu hồi) an issued decision, or only the lines ``recipient_ids``: their award
    records are marked revoked and drop out of eligibility (X12). A reason is required. When
    every line ends up revoked, the whole decision is."""
    d = _issued_for_change(session, decision_id, expected_version)
    problems = _document_problems("thu hồi", document, revoke_date, d)
    if not clean(reason):
        problems.append(f"Chưa nhập lý do thu hồi ({REVOKE_LEGAL})")
    lines = lines_of(session, d.id)
    records = _records(session, lines)
    if recipient_ids is not None:
        wanted = set(recipient_ids)
        unknown = wanted - {r.id for r in lines}
        if unknown:
            problems.append("Có dòng không thuộc quyết định này (danh sách đã thay đổi: tải lại)")
        if not wanted:
            problems.append("Chưa chọn dòng nào để thu hồi")
        chosen = [r for r in lines if r.id in wanted]
        for line in chosen:
            record = records.get(line.award_record_id or 0)
            if record is not None and record.revoked:
                problems.append(f"Dòng {line.position} đã được thu hồi trước đó")
    else:
        chosen = lines
    if problems:
        raise ValidationError(problems)
    doc, why = clean(document), clean(reason)
    assert revoke_date is not None
    text = f"Thu hồi theo {doc} ngày {format_date(revoke_date)}: {why}"
    for line in chosen:
        record = records.get(line.award_record_id or 0)
        if record is not None:
            record.revoked = True
            record.note = f"{record.note}; {text}" if record.note else text
        if recipient_ids is not None:
            line.note = f"{line.note}; {text}" if line.note else text
    whole = recipient_ids is None or all(
        records[r.award_record_id].revoked for r in lines if r.award_record_id in records
    )
    if whole:
        d.status = REVOKED
        d.revoke_document, d.revoke_date, d.revoke_reason = doc, revoke_date, why
    touch(d)
    session.flush()
    what = "toàn bộ" if recipient_ids is None else f"{len(chosen)} dòng của"
    log_action(session, "REVOKE", "decision", str(d.id), f"Thu hồi {what} {label(d)}: {why}")
    return get_decision(session, d.id)


# --- decisions of superiors ----------------------------------------------------------------


def _number_key(text: str | None) -> str:
    return fold_key(text).replace(" ", "")


def record_superior(
    session: Session, data: DecisionInput, recipients: Sequence[RecipientInput]
) -> DecisionDetail:
    """Record a decision of a superior (UBND tỉnh, a ministry, the Prime Minister...) with the
    agency's people and units in it: saved as issued, with an award record per line. The
    number may be of any form ("123/QĐ-UBND", "45-QĐ/TU"); a "n/series" number is unique in its
    year like the agency's own."""
    problems = validate_decision_input(replace(data, number=None))
    text = clean(data.number)
    if not text:
        problems.append("Chưa nhập số quyết định")
    if data.decision_date is None:
        problems.append("Chưa nhập ngày ký quyết định")
    if not recipients:
        problems.append("Chưa có ai được khen thưởng trong quyết định")
    if problems:
        raise ValidationError(problems)
    assert data.decision_date is not None
    same = session.scalars(
        select(Decision).where(Decision.decision_date == data.decision_date)
    ).all()
    for other in same:
        if _number_key(other.number) == _number_key(text):
            raise ValidationError(
                f"Sổ đã có {label(other)} ({other.authority}): mở quyết định đó để xem, "
                "không nhập lại"
            )
    parsed = parse_number(text)
    data, checked, year = checked_input(
        session, replace(data, number=parsed.text if parsed else None), None
    )
    d = Decision(status=ISSUED, origin=SUPERIOR)
    apply_input(d, data, checked, year)
    if checked is None:
        d.number = text
    d.issued_at = utcnow()
    session.add(d)
    session.flush()
    lines = add_lines(session, d, recipients)
    problems = _duplicates(session, d, lines)
    if problems:
        raise ValidationError(problems)
    _create_awards(session, d, lines, golden=False)
    log_action(
        session,
        "RECORD",
        "decision",
        str(d.id),
        f"Ghi nhận {label(d)} của {d.authority}: {format_count(len(lines))} khen thưởng",
    )
    return get_decision(session, d.id)


# --- imported history ----------------------------------------------------------------------


def sync_imported(session: Session) -> int:
    """Gather award records that carry a decision number but belong to no decision (history
    imports, the demo, records entered by hand) into issued decisions of their authority,
    one per (number, date, authority) compared without case or diacritics, with a line per
    record in the records' order. Records of a group already in the register (from an earlier
    sync) join it. Returns how many decisions were created. Records with neither a date nor a
    year are left alone.

    Thousands of records at a time: lines are inserted and records linked in bulk, with the
    same audit entries the ORM would write (INSERT of each line, UPDATE of each record)."""
    r = AwardRecord.__table__.c
    records = session.execute(
        select(
            r.id,
            r.subject_kind,
            r.person_id,
            r.unit_id,
            r.recipient_name,
            r.catalogue_code,
            r.award_type,
            r.year,
            r.period_from_year,
            r.period_to_year,
            r.decision_number,
            r.decision_date,
            r.authority,
            r.unit_text,
        )  # fmt: skip
        .where(r.decision_id.is_(None), r.decision_number.is_not(None))
        .order_by(r.id)
    ).all()
    keys: dict[str | None, str] = {}

    def key_of(text: str | None) -> str:
        if text not in keys:
            keys[text] = fold_key(text).replace(" ", "")
        return keys[text]

    groups: dict[tuple, list[Any]] = {}
    for rec in records:
        day = raw_date(rec.decision_date)
        if not key_of(rec.decision_number) or (
            day is None and not (rec.year or rec.period_to_year)
        ):
            continue
        groups.setdefault((key_of(rec.decision_number), day, key_of(rec.authority)), []).append(rec)
    if not groups:
        return 0
    existing = {
        (key_of(d.number), d.decision_date, key_of(d.authority)): d
        for d in session.scalars(select(Decision).where(Decision.origin == IMPORTED))
    }
    taken = {
        (year, series_key(series), seq or 0)
        for year, series, seq in session.execute(
            select(Decision.year, Decision.series, Decision.seq).where(Decision.seq.is_not(None))
        )
    }
    new = {
        key: _imported_decision(recs, taken) for key, recs in groups.items() if key not in existing
    }
    session.add_all(new.values())
    session.flush()
    targets = existing | new
    ids = [d.id for d in targets.values()]
    last = dict(
        session.execute(
            select(DecisionRecipient.decision_id, func.max(DecisionRecipient.position))
            .where(DecisionRecipient.decision_id.in_(ids))
            .group_by(DecisionRecipient.decision_id)
        ).all()
    )
    now = utcnow()
    user = session_user(session)
    lines: list[dict[str, Any]] = []
    for key, recs in groups.items():
        decision_id = targets[key].id
        for n, rec in enumerate(recs, start=(last.get(decision_id) or 0) + 1):
            kind = rec.subject_kind
            lines.append(
                {
                    "decision_id": decision_id,
                    "position": n,
                    "subject_kind": kind,
                    "person_id": rec.person_id if kind == CA_NHAN else None,
                    "unit_id": rec.unit_id if kind == TAP_THE else None,
                    "recipient_name": rec.recipient_name if kind == HO_GIA_DINH else None,
                    "catalogue_code": rec.catalogue_code,
                    "unit_text": rec.unit_text,
                    "award_record_id": rec.id,
                    "created_at": now,
                    "updated_at": now,
                    "created_by": user,
                    "updated_by": user,
                }
            )
    stmt = insert(DecisionRecipient).returning(DecisionRecipient.id, sort_by_parameter_order=True)
    line_ids = [i for chunk in _chunks(lines) for i in session.execute(stmt, chunk).scalars()]
    record_inserts(session, "decision_recipient", line_ids, lines)
    links = [
        {"rid": line["award_record_id"], "did": line["decision_id"], "now": now, "user": user}
        for line in lines
    ]
    link = (
        update(cast(Table, AwardRecord.__table__))
        .where(r.id == bindparam("rid"))
        .values(
            decision_id=bindparam("did"), updated_at=bindparam("now"), updated_by=bindparam("user")
        )
    )
    for chunk in _chunks(links):
        session.execute(link, chunk)
    record_updates(
        session,
        "award_record",
        [(str(item["rid"]), {"decision_id": None}, {"decision_id": item["did"]}) for item in links],
    )
    session.expire_all()  # records and decisions changed underneath the ORM
    log_action(
        session,
        "SYNC",
        "decision",
        None,
        f"Đồng bộ lịch sử khen thưởng: {format_count(len(new))} quyết định mới, "
        f"{format_count(len(lines))} khen thưởng được gắn",
    )
    return len(new)


def _chunks(rows: list[dict[str, Any]], size: int = 1000) -> list[list[dict[str, Any]]]:
    return [rows[i : i + size] for i in range(0, len(rows), size)]


def _imported_decision(recs: Sequence[Any], taken: set[tuple[int, str, int]]) -> Decision:
    """A new issued decision (origin IMPORTED) for records of one number, date and authority:
    its number's place in its series only when that place is free."""
    first = recs[0]
    day = raw_date(first.decision_date)
    year = day.year if day else (first.year or first.period_to_year or 0)
    parsed = parse_number(first.decision_number)
    seq = series = None
    if parsed is not None:
        slot = (year, series_key(parsed.series), parsed.seq)
        if slot not in taken:
            seq, series = parsed.seq, parsed.series
            taken.add(slot)
    code_list = [rec.catalogue_code for rec in recs]
    starts = [y for rec in recs if (y := rec.period_from_year or rec.year) is not None]
    ends = [y for rec in recs if (y := rec.period_to_year or rec.year) is not None]
    return Decision(
        year=year,
        seq=seq,
        series=series,
        number=clean(first.decision_number),
        decision_date=day,
        authority=clean(first.authority),
        award_type=Counter(rec.award_type for rec in recs).most_common(1)[0][0],
        catalogue_code=code_list[0] if len(set(code_list)) == 1 else None,
        period_from_year=min(starts) if starts else None,
        period_to_year=max(ends) if ends else None,
        status=ISSUED,
        origin=IMPORTED,
        issued_at=utcnow(),
        note=IMPORTED_NOTE,
    )
