"""The candidates a Council session decides on, stored with the session, and the titles the
Council approves as a list in one action (issue 14).

Entry points:

- :func:`store_candidates` -- the review's proposals put before a session, in the order given
  (``position`` is the STT of the tally sheet). Candidates already stored keep their STT; new
  ones are numbered after them; those no longer proposed go unless a vote is recorded for them.
- :func:`list_candidates` -- a session's candidates in STT order, each with its vote or the
  list approval that covers it, then votes recorded for no stored candidate.
- :func:`approve_list` / :func:`withdraw_list` -- a title without a ballot per candidate
  (:func:`app.domain.council.ballot_rule`) approved for every candidate of the session in one
  action: members in favour of the whole list, judged like a ballot, recorded in the session.
- :func:`passed_by_title` / :func:`passed_in_year` -- who passed for a title in a year, by a ballot or with a list
  (what a decision draft takes).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.db.models import CouncilCandidate, CouncilListApproval, CouncilSession, Person, Unit
from app.domain.council import (
    SessionCounts,
    ballot_rule,
    check_list_approval,
    list_result,
)
from app.domain.eligibility import RuleSet
from app.domain.errors import ConflictError, NotFoundError, ValidationError
from app.services import council
from app.services.council import PERSON, UNIT, VoteRow
from app.services.reference import catalogue

__all__ = [
    "CandidateInput",
    "CandidateLine",
    "CandidateSync",
    "ListApproval",
    "PassedCandidate",
    "approve_list",
    "list_approvals",
    "list_candidates",
    "passed_by_title",
    "passed_in_year",
    "store_candidates",
    "withdraw_list",
]


@dataclass(frozen=True)
class CandidateInput:
    """A person or unit proposed for a title (from the review)."""

    subject: str  # PERSON or UNIT
    subject_id: int
    title: str


@dataclass(frozen=True)
class CandidateSync:
    """What :func:`store_candidates` did."""

    added: int
    removed: int
    kept: int


@dataclass(frozen=True)
class ListApproval:
    """A title approved as a list in a session: members in favour of the whole list."""

    id: int
    session_id: int
    title: str
    title_name: str
    in_favour: int
    members_total: int  # what the percentage is of (the total membership by default)
    percent: Decimal
    threshold: Decimal
    majority: bool
    passed: bool
    candidates: int  # how many candidates it covers
    version: int = 0


@dataclass(frozen=True)
class CandidateLine:
    """One candidate of a session: STT, who, the title, and how the Council decided."""

    id: int | None  # None: a vote recorded for no stored candidate
    position: int | None  # the STT of the tally sheet
    subject: str
    subject_id: int
    name: str
    birth_date: date | None
    unit: str  # a person's unit on the meeting date; a unit's parent
    title: str
    title_name: str
    ballot: bool  # the title is voted on per candidate (else approved as a list)
    vote: VoteRow | None = None
    approval: ListApproval | None = None
    received_on: date | None = None  # the day the dossier was received (rule-set transitions)
    version: int = 0  # of the stored candidate row (a stale change is refused)

    @property
    def key(self) -> tuple[str, int, str]:
        return (self.subject, self.subject_id, self.title)


@dataclass(frozen=True)
class PassedCandidate:
    """Someone who passed for a title: by a ballot (``percent`` of the ballot) or with the
    title's list (``by_list``, the list's percent)."""

    subject: str
    subject_id: int
    name: str
    unit: str
    percent: Decimal
    by_list: bool = False


# --- storing ---------------------------------------------------------------------------------


def _load(session: Session, session_id: int) -> CouncilSession:
    meeting = session.get(CouncilSession, session_id)
    if meeting is None:
        raise NotFoundError(f"Không tìm thấy phiên họp Hội đồng id={session_id}")
    return meeting


def _stored(session: Session, session_id: int) -> list[CouncilCandidate]:
    return list(
        session.scalars(
            select(CouncilCandidate)
            .where(CouncilCandidate.session_id == session_id)
            .order_by(CouncilCandidate.position, CouncilCandidate.id)
        )
    )


def _key(row: CouncilCandidate) -> tuple[str, int, str]:
    if row.person_id is not None:
        return (PERSON, row.person_id, row.title)
    return (UNIT, row.unit_id or 0, row.title)


def store_candidates(
    session: Session, session_id: int, items: Sequence[CandidateInput]
) -> CandidateSync:
    """Put the review's proposals before a session (see the module docstring)."""
    meeting = _load(session, session_id)
    cat = catalogue()
    bad = sorted({i.title for i in items if i.title not in cat})
    if bad:
        raise ValidationError(f"Không có danh hiệu/hình thức {', '.join(bad)} trong danh mục")
    if any(i.subject not in (PERSON, UNIT) for i in items):
        raise ValidationError("Ứng viên phải là một cá nhân hoặc một tập thể")
    stored = _stored(session, session_id)
    wanted = list(dict.fromkeys((i.subject, i.subject_id, i.title) for i in items))
    voted = {(v.subject, v.subject_id, v.title) for v in council.list_votes(session, meeting.id)}
    present = {_key(row): row for row in stored}
    removed = 0
    keep = set(wanted)
    for key, row in present.items():
        if key not in keep and key not in voted:
            session.delete(row)
            removed += 1
    position = max((row.position for row in stored), default=0)
    added = 0
    for subject, subject_id, title in wanted:
        if (subject, subject_id, title) in present:
            continue
        position += 1
        added += 1
        session.add(
            CouncilCandidate(
                session_id=session_id,
                person_id=subject_id if subject == PERSON else None,
                unit_id=subject_id if subject == UNIT else None,
                title=title,
                position=position,
            )
        )
    session.flush()
    return CandidateSync(added, removed, len(present) - removed)


def set_received_on(
    session: Session,
    session_id: int,
    day: date | None,
    expected: Mapping[tuple[str, int, str], int],
    *,
    today: date | None = None,
) -> int:
    """Record the day the dossiers of the candidates ``expected`` (key -> the version the
    clerk saw) were received (None: not known). A rule set's transition judges a dossier
    received before its cut-off by the earlier rules unless the new ones are more favourable
    (domain.md §2.3). Refused: a day after the meeting or in the future, a candidate not on
    the session's list, one changed by another clerk meanwhile. Returns how many changed."""
    meeting = _load(session, session_id)
    today = today or date.today()
    if day is not None and day > min(meeting.meeting_date, today):
        raise ValidationError(
            f"Ngày nhận hồ sơ {day:%d/%m/%Y} sau ngày họp Hội đồng "
            f"{meeting.meeting_date:%d/%m/%Y} hoặc sau hôm nay: kiểm tra lại"
        )
    rows = {_key(row): row for row in _stored(session, session_id)}
    missing = [key for key in expected if key not in rows]
    if missing:
        raise ValidationError(
            f"{len(missing)} dòng chưa có trong danh sách đưa ra Hội đồng của phiên họp "
            "(lấy danh sách từ đề xuất bình xét trước)"
        )
    stale = [key for key, version in expected.items() if rows[key].version != version]
    if stale:
        raise ConflictError()
    changed = 0
    for key in expected:
        row = rows[key]
        if row.received_on != day:
            row.received_on = day
            changed += 1
    session.flush()
    return changed


# --- reading ---------------------------------------------------------------------------------


def _pct(in_favour: int, of: int) -> Decimal:
    exact = Decimal(in_favour * 100) / Decimal(max(1, of))
    return exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _approval_dto(row: CouncilListApproval, rules: RuleSet | None, covered: int) -> ListApproval:
    cat = catalogue()
    rule = ballot_rule(row.title, rules) if rules is not None else None
    return ListApproval(
        id=row.id,
        session_id=row.session_id,
        title=row.title,
        title_name=cat.get(row.title).name if row.title in cat else row.title,
        in_favour=row.in_favour,
        members_total=row.members_total,
        percent=_pct(row.in_favour, row.members_total),
        threshold=rule.threshold if rule is not None else Decimal(0),
        majority=rule.majority if rule is not None else True,
        passed=row.passed,
        candidates=covered,
        version=row.version,
    )


def _rules(session: Session, year: int) -> RuleSet | None:
    try:
        return council.rules_for_year(session, year)
    except ValidationError:
        return None


def list_approvals(session: Session, session_id: int) -> list[ListApproval]:
    """The titles approved as a list in a session."""
    meeting = _load(session, session_id)
    rows = session.scalars(
        select(CouncilListApproval)
        .where(CouncilListApproval.session_id == session_id)
        .order_by(CouncilListApproval.id)
    ).all()
    covered: dict[int, int] = {}
    for approval_id in session.scalars(
        select(CouncilCandidate.list_approval_id).where(
            CouncilCandidate.session_id == session_id,
            CouncilCandidate.list_approval_id.is_not(None),
        )
    ):
        if approval_id is not None:
            covered[approval_id] = covered.get(approval_id, 0) + 1
    rules = _rules(session, meeting.year)
    return [_approval_dto(row, rules, covered.get(row.id, 0)) for row in rows]


def _identities(
    session: Session, rows: Sequence[tuple[str, int]], on: date
) -> dict[tuple[str, int], tuple[str, date | None, str]]:
    """(name, birth date, unit text) of each subject, read in a few queries."""
    person_ids = {sid for kind, sid in rows if kind == PERSON}
    unit_ids = {sid for kind, sid in rows if kind == UNIT}
    out: dict[tuple[str, int], tuple[str, date | None, str]] = {}
    if person_ids:
        units = council.person_units(session, person_ids, on)
        for chunk in _chunks(sorted(person_ids)):
            for pid, name, born in session.execute(
                select(Person.id, Person.full_name, Person.birth_date).where(Person.id.in_(chunk))
            ):
                out[(PERSON, pid)] = (name, born, units.get(pid, ""))
    if unit_ids:
        for unit in session.scalars(select(Unit).where(Unit.id.in_(unit_ids))):
            parent = unit.parent.full_name if unit.parent is not None else ""
            out[(UNIT, unit.id)] = (unit.full_name, None, parent)
    return out


def _chunks(ids: Sequence[int], size: int = 900) -> list[Sequence[int]]:
    return [ids[i : i + size] for i in range(0, len(ids), size)]


def list_candidates(session: Session, session_id: int) -> list[CandidateLine]:
    """A session's candidates in STT order (see the module docstring)."""
    meeting = _load(session, session_id)
    stored = _stored(session, session_id)
    votes = {(v.subject, v.subject_id, v.title): v for v in council.list_votes(session, session_id)}
    approvals = {a.id: a for a in list_approvals(session, session_id)}
    rules = _rules(session, meeting.year)
    keys = [_key(row) for row in stored]
    extra = [key for key in votes if key not in set(keys)]
    who = _identities(session, [(k[0], k[1]) for k in keys + extra], meeting.meeting_date)
    cat = catalogue()
    ballot: dict[str, bool] = {}

    def needs_ballot(title: str) -> bool:
        if title not in ballot:
            ballot[title] = rules is None or ballot_rule(title, rules).required
        return ballot[title]

    def line(row: CouncilCandidate | None, key: tuple[str, int, str]) -> CandidateLine:
        subject, subject_id, title = key
        name, born, unit = who.get((subject, subject_id), ("", None, ""))
        vote = votes.get(key)
        approval_id = row.list_approval_id if row is not None else None
        return CandidateLine(
            id=row.id if row is not None else None,
            position=row.position if row is not None else None,
            subject=subject,
            subject_id=subject_id,
            name=vote.name if vote is not None and vote.name else name,
            birth_date=born,
            unit=vote.unit if vote is not None and vote.unit else unit,
            title=title,
            title_name=cat.get(title).name if title in cat else title,
            ballot=needs_ballot(title),
            vote=vote,
            approval=approvals.get(approval_id) if approval_id is not None else None,
            received_on=row.received_on if row is not None else None,
            version=row.version if row is not None else 0,
        )

    return [line(row, key) for row, key in zip(stored, keys, strict=True)] + [
        line(None, key) for key in extra
    ]


# --- list approvals --------------------------------------------------------------------------


def approve_list(
    session: Session,
    session_id: int,
    title: str,
    in_favour: int,
    *,
    note: str | None = None,
    expected_version: int | None = None,
) -> ListApproval:
    """Approve every candidate of ``title`` in the session in one action (or record again,
    with the new count, a list already approved: it then covers every candidate stored now).

    Refused for a title voted on per candidate, for a title with no candidate in the session
    and for a count that cannot be right. ``expected_version``: the approval's version the
    clerk saw (0: none yet).
    """
    meeting = _load(session, session_id)
    cat = catalogue()
    if title not in cat:
        raise ValidationError(f"Không có danh hiệu/hình thức '{title}'")
    rules = council.rules_for_year(session, meeting.year)
    rule = ballot_rule(title, rules)
    name = cat.get(title).name
    if rule.required:
        raise ValidationError(
            f"{name} phải bỏ phiếu từng người"
            + (" (bắt buộc theo " + rule.legal_basis + ")" if rule.always else "")
            + ": ghi số phiếu của từng người trong bảng"
        )
    counts = SessionCounts(meeting.members_total, meeting.present, meeting.written_opinions or 0)
    problems = check_list_approval(in_favour, counts, rule)
    if problems:
        raise ValidationError(problems)
    ids = list(
        session.scalars(
            select(CouncilCandidate.id).where(
                CouncilCandidate.session_id == session_id, CouncilCandidate.title == title
            )
        )
    )
    if not ids:
        raise ValidationError(f"Phiên họp chưa có ai được đề nghị {name}: lấy danh sách trước")
    row = session.scalar(
        select(CouncilListApproval).where(
            CouncilListApproval.session_id == session_id, CouncilListApproval.title == title
        )
    )
    ConflictError.check(row.version if row is not None else 0, expected_version)
    if row is None:
        row = CouncilListApproval(session_id=session_id, title=title)
        session.add(row)
    result = list_result(title, in_favour, counts, rules)
    row.in_favour = in_favour
    row.members_total = result.members_total
    row.passed = result.passed
    row.note = (note or "").strip() or None
    session.flush()
    for chunk in _chunks(ids):
        session.execute(
            update(CouncilCandidate)
            .where(CouncilCandidate.id.in_(chunk))
            .values(list_approval_id=row.id)
            .execution_options(synchronize_session=False)
        )
    session.flush()
    return _approval_dto(row, rules, len(ids))


def withdraw_list(
    session: Session, approval_id: int, *, expected_version: int | None = None
) -> None:
    """Undo a list approval: its candidates are no longer approved (audited)."""
    row = session.get(CouncilListApproval, approval_id)
    if row is None:
        raise NotFoundError(f"Không tìm thấy lần thông qua danh sách id={approval_id}")
    ConflictError.check(row.version, expected_version)
    session.execute(
        update(CouncilCandidate)
        .where(CouncilCandidate.list_approval_id == approval_id)
        .values(list_approval_id=None)
        .execution_options(synchronize_session=False)
    )
    session.delete(row)
    session.flush()


# --- for decisions ---------------------------------------------------------------------------


def passed_by_title(session: Session, year: int) -> dict[str, list[PassedCandidate]]:
    """Who passed in a session of ``year``, per title: sessions by meeting date, each in its
    STT order (votes for no stored candidate after), each subject once per title."""
    meetings = session.scalars(
        select(CouncilSession)
        .where(CouncilSession.year == year)
        .order_by(CouncilSession.meeting_date, CouncilSession.id)
    ).all()
    out: dict[str, list[PassedCandidate]] = {}
    seen: set[tuple[str, int, str]] = set()
    for meeting in meetings:
        for c in list_candidates(session, meeting.id):
            if c.key in seen:
                continue
            if c.vote is not None and c.vote.passed:
                passed = PassedCandidate(c.subject, c.subject_id, c.name, c.unit, c.vote.percent)
            elif c.vote is None and c.approval is not None and c.approval.passed:
                passed = PassedCandidate(
                    c.subject, c.subject_id, c.name, c.unit, c.approval.percent, by_list=True
                )
            else:
                continue
            seen.add(c.key)
            out.setdefault(c.title, []).append(passed)
    return out


def passed_in_year(session: Session, year: int, title: str) -> list[PassedCandidate]:
    """Who passed for ``title`` in ``year`` (see :func:`passed_by_title`)."""
    return passed_by_title(session, year).get(title, [])
