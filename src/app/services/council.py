"""Council sessions and their votes: stored with the threshold used and the result (issue 5).

A session (phiên họp Hội đồng TĐKT) of a review year records the membership (total, present,
written opinions of absent members); each vote stores the raw ballot counts of one candidate
and title, the threshold of the year's rule set and the result, always on the TOTAL membership
(:mod:`app.domain.council`).

Changing a session's counts re-judges every recorded vote with the new counts (the results
follow from the counts: keeping old results would contradict the minutes); a change that makes
a recorded vote impossible (more ballots issued than people who may vote) is refused, naming
the votes to correct first. The year of a session with votes cannot change (the candidates
and the rule set come from it). Which titles are voted on, the threshold and its basis are the
year's ballot rules (:func:`app.domain.council.ballot_rule`); a title without a ballot per candidate
is approved as a list (:mod:`app.services.council_candidates`), and a ballot recorded for one of
its candidates all the same (a case the Council voted on apart) decides for that candidate. :func:`record_votes` stores many candidates'
ballots in one transaction (a pasted block, a tally sheet, fill-down, undo), all or nothing.

:func:`session_report` gathers what the "Biên bản họp" and "Biên bản kiểm phiếu" forms print.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from app.db.models import (
    Assignment,
    CouncilCandidate,
    CouncilListApproval,
    CouncilSession,
    CouncilVote,
    Person,
    Unit,
)
from app.domain.council import (
    Ballots,
    SessionCounts,
    ballot_rule,
    check_ballots,
    check_list_approval,
    check_session,
    list_result,
    threshold_for,
    vote_result,
)
from app.domain.eligibility import RuleSet, RuleSetError
from app.domain.errors import ConflictError, NotFoundError, ValidationError
from app.domain.vnformat import format_date
from app.domain.vntext import clean
from app.services.reference import catalogue
from app.services.rules import effective_rule_sets

PERSON = "person"
UNIT = "unit"


@dataclass(frozen=True)
class SessionInput:
    year: int
    meeting_date: date
    members_total: int
    present: int
    written_opinions: int = 0
    place: str | None = None
    chair: str | None = None
    secretary: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class SessionRow:
    """A Council session as listed: its data and how many votes it holds."""

    id: int
    year: int
    meeting_date: date
    place: str | None
    chair: str | None
    secretary: str | None
    members_total: int
    present: int
    written_opinions: int
    note: str | None
    vote_count: int = 0
    passed_count: int = 0
    version: int = 0  # passed back when the session is corrected or removed (optimistic locking)

    @property
    def voters(self) -> int:
        """Members who may vote: those present and the absent ones who answered in writing."""
        return self.present + self.written_opinions

    def to_input(self) -> SessionInput:
        return SessionInput(
            year=self.year,
            meeting_date=self.meeting_date,
            members_total=self.members_total,
            present=self.present,
            written_opinions=self.written_opinions,
            place=self.place,
            chair=self.chair,
            secretary=self.secretary,
            note=self.note,
        )


@dataclass(frozen=True)
class VoteRow:
    id: int
    subject: str  # "person" or "unit"
    subject_id: int
    name: str
    title: str
    ballots: Ballots
    threshold_pct: Decimal
    majority_rule: bool
    percent: Decimal
    passed: bool
    unit: str = ""  # a person's unit on the meeting date; a unit's parent
    title_name: str = ""  # the catalogue's full name of ``title``
    note: str | None = None
    version: int = 0  # for optimistic locking (record_vote's expected_version)


@dataclass(frozen=True)
class SessionUpdate:
    """What :func:`update_session` did: the session now, and the votes whose result changed."""

    session: SessionRow
    rejudged: int  # votes judged again with the new counts
    changed: tuple[VoteRow, ...]  # of those, the ones whose result (Đạt/Không đạt) changed


@dataclass(frozen=True)
class CouncilSessionReport:
    """A session and its votes, for the "Biên bản họp" and "Biên bản kiểm phiếu" forms."""

    id: int
    year: int
    meeting_date: date
    place: str | None
    chair: str | None
    secretary: str | None
    members_total: int
    present: int
    written_opinions: int
    note: str | None
    votes: list[VoteRow]


# --- sessions ----------------------------------------------------------------------------------


def rules_for_year(session: Session, year: int) -> RuleSet:
    """The rule set judging the Council votes of ``year``, with the clerk's changed parameters."""
    try:
        return effective_rule_sets(session).for_year(year)
    except RuleSetError as exc:
        raise ValidationError(f"Năm {year}: {exc}; chưa xét được phiếu Hội đồng") from exc


def session_problems(data: SessionInput, rules: RuleSet) -> list[str]:
    """What is wrong with a session's data, in Vietnamese (empty when it may be saved).

    The attendance rules of ``rules`` (:func:`app.domain.council.check_session`; the year's set,
    :func:`rules_for_year`) and a meeting date in the review year or the next one (a January
    meeting for December's review).
    """
    problems = []
    if not data.year <= data.meeting_date.year <= data.year + 1:
        problems.append(
            f"Ngày họp {format_date(data.meeting_date)} không thuộc năm xét {data.year} "
            f"(hoặc đầu năm {data.year + 1})"
        )
    counts = SessionCounts(data.members_total, data.present, data.written_opinions)
    problems.extend(check_session(counts, rules))
    return problems


def vote_threshold(session: Session, year: int, title: str) -> tuple[Decimal, bool]:
    """(threshold %, whether it is the plain-majority default) for ``title`` in ``year``."""
    return threshold_for(title, rules_for_year(session, year))


def create_session(session: Session, data: SessionInput) -> int:
    """Record a Council meeting; refused when too few members are present to vote on awards."""
    problems = session_problems(data, rules_for_year(session, data.year))
    if problems:
        raise ValidationError(problems)
    row = CouncilSession(year=data.year)
    _fill(row, data)
    session.add(row)
    session.flush()
    return row.id


def _fill(row: CouncilSession, data: SessionInput) -> None:
    row.meeting_date = data.meeting_date
    row.members_total = data.members_total
    row.present = data.present
    row.written_opinions = data.written_opinions
    row.place = clean(data.place) or None
    row.chair = clean(data.chair) or None
    row.secretary = clean(data.secretary) or None
    row.note = clean(data.note) or None


def _load(session: Session, session_id: int) -> CouncilSession:
    row = session.get(CouncilSession, session_id)
    if row is None:
        raise NotFoundError(f"Không tìm thấy phiên họp Hội đồng id={session_id}")
    return row


def _session_row(meeting: CouncilSession, vote_count: int = 0, passed_count: int = 0) -> SessionRow:
    return SessionRow(
        id=meeting.id,
        year=meeting.year,
        meeting_date=meeting.meeting_date,
        place=meeting.place,
        chair=meeting.chair,
        secretary=meeting.secretary,
        members_total=meeting.members_total,
        present=meeting.present,
        written_opinions=meeting.written_opinions or 0,
        note=meeting.note,
        vote_count=vote_count,
        passed_count=passed_count,
        version=meeting.version,
    )


def _vote_counts(session: Session, session_ids: Sequence[int]) -> dict[int, tuple[int, int]]:
    if not session_ids:
        return {}
    passed = func.sum(case((CouncilVote.passed.is_(True), 1), else_=0))
    rows = session.execute(
        select(CouncilVote.session_id, func.count(CouncilVote.id), passed)
        .where(CouncilVote.session_id.in_(session_ids))
        .group_by(CouncilVote.session_id)
    )
    return {sid: (int(n), int(p or 0)) for sid, n, p in rows}


def list_sessions(session: Session, year: int) -> list[SessionRow]:
    """The sessions of a review year, by meeting date, with their numbers of votes."""
    meetings = session.scalars(
        select(CouncilSession)
        .where(CouncilSession.year == year)
        .order_by(CouncilSession.meeting_date, CouncilSession.id)
    ).all()
    counts = _vote_counts(session, [m.id for m in meetings])
    return [_session_row(m, *counts.get(m.id, (0, 0))) for m in meetings]


def get_session(session: Session, session_id: int) -> SessionRow:
    meeting = _load(session, session_id)
    return _session_row(meeting, *_vote_counts(session, [session_id]).get(session_id, (0, 0)))


def update_session(
    session: Session, session_id: int, data: SessionInput, *, expected_version: int
) -> SessionUpdate:
    """Correct a session. New counts re-judge every recorded vote (see the module docstring).

    ``expected_version``: the session's version as shown (``SessionRow.version``); refused with
    :class:`ConflictError` when another clerk changed it since."""
    meeting = _load(session, session_id)
    ConflictError.check(meeting.version, expected_version)
    problems = session_problems(data, rules_for_year(session, data.year))
    if problems:
        raise ValidationError(problems)
    votes = _votes(session, session_id)
    if votes and data.year != meeting.year:
        raise ValidationError(
            f"Phiên họp đã có {len(votes)} phiếu biểu quyết của năm {meeting.year}: không đổi "
            "được năm xét. Xóa các phiếu đó trước, hoặc tạo phiên họp mới cho năm khác."
        )
    old = (meeting.members_total, meeting.present, meeting.written_opinions or 0)
    new = (data.members_total, data.present, data.written_opinions)
    changed: list[VoteRow] = []
    rejudged = 0
    if votes and old != new:
        counts = SessionCounts(*new)
        rows = {r.id: r for r in _rows(session, meeting, votes)}
        rules = rules_for_year(session, meeting.year)
        blocked = [
            f"{rows[v.id].name} ({rows[v.id].title_name or v.title}): {'; '.join(found)}"
            for v in votes
            if (found := check_ballots(_ballots(v), counts, ballot_rule(v.title, rules)))
        ]
        if blocked:
            raise ValidationError(
                [
                    "Số liệu mới mâu thuẫn với phiếu đã ghi; sửa hoặc xóa các phiếu này trước:",
                    *blocked,
                ]
            )
        before = {v.id: v.passed for v in votes}
        for vote in votes:
            result = vote_result(vote.title, _ballots(vote), counts, rules)
            vote.threshold_pct = result.threshold
            vote.majority_rule = result.threshold_is_majority
            vote.passed = result.passed
        rejudged = len(votes)
    _rejudge_lists(session, meeting, SessionCounts(*new), data.year)
    _fill(meeting, data)
    session.flush()
    if rejudged:
        changed = [r for r in _rows(session, meeting, votes) if r.passed != before[r.id]]
    return SessionUpdate(get_session(session, session_id), rejudged, tuple(changed))


def _rejudge_lists(
    session: Session, meeting: CouncilSession, counts: SessionCounts, year: int
) -> None:
    """The session's list approvals judged again with new counts (refused when a count no
    longer fits, naming the title)."""
    approvals = session.scalars(
        select(CouncilListApproval).where(CouncilListApproval.session_id == meeting.id)
    ).all()
    if not approvals:
        return
    rules = rules_for_year(session, year)
    cat = catalogue()
    problems = []
    for approval in approvals:
        found = check_list_approval(approval.in_favour, counts, ballot_rule(approval.title, rules))
        if found:
            name = cat.get(approval.title).name if approval.title in cat else approval.title
            problems.append(f"Danh sách {name}: {'; '.join(found)}")
            continue
        result = list_result(approval.title, approval.in_favour, counts, rules)
        approval.members_total = result.members_total
        approval.passed = result.passed
    if problems:
        raise ValidationError(
            ["Số liệu mới mâu thuẫn với danh sách đã thông qua; sửa lại trước:", *problems]
        )


def delete_session(
    session: Session, session_id: int, *, expected_version: int, with_votes: bool = False
) -> int:
    """Delete a session; with votes only when ``with_votes`` (the clerk confirmed). Returns how
    many votes went with it (each deletion is in the audit log)."""
    meeting = _load(session, session_id)
    ConflictError.check(meeting.version, expected_version)
    votes = _votes(session, session_id)
    if votes and not with_votes:
        raise ValidationError(
            f"Phiên họp ngày {format_date(meeting.meeting_date)} đã có {len(votes)} phiếu "
            "biểu quyết; cần xác nhận xóa cả các phiếu đó."
        )
    for vote in votes:
        session.delete(vote)
    for model in (CouncilCandidate, CouncilListApproval):  # each deletion in the audit log
        for row in session.scalars(select(model).where(model.session_id == session_id)):
            session.delete(row)
    session.flush()
    session.delete(meeting)
    session.flush()
    return len(votes)


# --- votes ---------------------------------------------------------------------------------------


def _ballots(vote: CouncilVote) -> Ballots:
    return Ballots(vote.issued, vote.returned, vote.valid, vote.in_favour)


def _votes(session: Session, session_id: int) -> list[CouncilVote]:
    return list(
        session.scalars(
            select(CouncilVote).where(CouncilVote.session_id == session_id).order_by(CouncilVote.id)
        )
    )


def record_vote(
    session: Session,
    session_id: int,
    title: str,
    ballots: Ballots,
    *,
    person_id: int | None = None,
    unit_id: int | None = None,
    note: str | None = None,
    expected_version: int | None = None,
) -> VoteRow:
    """Store (or correct) the ballots of one candidate; the result uses the session year's rules.

    ``expected_version``: the :attr:`VoteRow.version` the clerk saw (0: no vote yet); a vote
    changed by someone else since raises :class:`ConflictError`. None: no check.
    """
    meeting = _load(session, session_id)
    if (person_id is None) == (unit_id is None):
        raise ValidationError("Chọn một cá nhân hoặc một tập thể")
    if title not in catalogue():
        raise ValidationError(f"Không có danh hiệu/hình thức '{title}'")
    counts = _counts(meeting)
    rules = rules_for_year(session, meeting.year)
    rule = ballot_rule(title, rules)
    problems = check_ballots(ballots, counts, rule)
    if problems:
        raise ValidationError(problems)
    result = vote_result(title, ballots, counts, rules)
    row = session.scalar(
        select(CouncilVote).where(
            CouncilVote.session_id == session_id,
            CouncilVote.title == title,
            CouncilVote.person_id.is_(None)
            if person_id is None
            else CouncilVote.person_id == person_id,
            CouncilVote.unit_id.is_(None) if unit_id is None else CouncilVote.unit_id == unit_id,
        )
    )
    ConflictError.check(row.version if row is not None else 0, expected_version)
    if row is None:
        row = CouncilVote(session_id=session_id, person_id=person_id, unit_id=unit_id, title=title)
        session.add(row)
    row.issued, row.returned, row.valid, row.in_favour = (
        ballots.issued,
        ballots.returned,
        ballots.valid,
        ballots.in_favour,
    )
    row.threshold_pct = result.threshold
    row.majority_rule = result.threshold_is_majority
    row.passed = result.passed
    row.note = clean(note) or None
    session.flush()
    return _rows(session, meeting, [row])[0]


def _counts(meeting: CouncilSession) -> SessionCounts:
    return SessionCounts(meeting.members_total, meeting.present, meeting.written_opinions or 0)


@dataclass(frozen=True)
class BallotEntry:
    """Ballots of one candidate to store (``ballots`` None: remove the recorded vote);
    ``expected_version``: the vote's version the clerk saw (0: none yet; None: no check)."""

    subject: str  # PERSON or UNIT
    subject_id: int
    title: str
    ballots: Ballots | None
    expected_version: int | None = None
    label: str = ""  # how the clerk knows the row ("Dòng 12", "STT 7"), for messages


def record_votes(
    session: Session, session_id: int, entries: Sequence[BallotEntry]
) -> list[VoteRow]:
    """Store the ballots of many candidates of a session at once, all or nothing: every
    entry is checked first (counts, the title's ballot rule, versions) and a refusal names
    each row at fault. Returns the stored votes (removed ones are left out)."""
    meeting = _load(session, session_id)
    counts = _counts(meeting)
    rules = rules_for_year(session, meeting.year)
    cat = catalogue()
    existing = {(_subject_of(v), v.title): v for v in _votes(session, session_id)}
    names = _names(session, entries)
    problems: list[str] = []
    conflicts: list[str] = []
    seen: set[tuple[tuple[str, int], str]] = set()
    for entry in entries:
        key = ((entry.subject, entry.subject_id), entry.title)
        who = entry.label or names.get((entry.subject, entry.subject_id), "")
        where = f"{who} ({cat.get(entry.title).short if entry.title in cat else entry.title})"
        if entry.title not in cat:
            problems.append(f"{where}: không có danh hiệu/hình thức '{entry.title}'")
            continue
        if key in seen:
            problems.append(f"{where}: có hai lần trong danh sách")
            continue
        seen.add(key)
        vote = existing.get(key)
        if entry.expected_version is not None and (
            (vote.version if vote is not None else 0) != entry.expected_version
        ):
            conflicts.append(where)
        if entry.ballots is None:
            continue
        rule = ballot_rule(entry.title, rules)
        found = check_ballots(entry.ballots, counts, rule)
        problems.extend(f"{where}: {p}" for p in found)
    if conflicts:
        raise ConflictError(
            "Phiếu của "
            + ", ".join(conflicts[:5])
            + (f" và {len(conflicts) - 5} người khác" if len(conflicts) > 5 else "")
            + " vừa được người khác sửa; chưa ghi gì. Hãy tải lại rồi làm lại."
        )
    if problems:
        raise ValidationError(problems)
    stored: list[CouncilVote] = []
    for entry in entries:
        key = ((entry.subject, entry.subject_id), entry.title)
        vote = existing.get(key)
        if entry.ballots is None:
            if vote is not None:
                session.delete(vote)
            continue
        if vote is None:
            vote = CouncilVote(
                session_id=session_id,
                person_id=entry.subject_id if entry.subject == PERSON else None,
                unit_id=entry.subject_id if entry.subject == UNIT else None,
                title=entry.title,
            )
            session.add(vote)
        result = vote_result(entry.title, entry.ballots, counts, rules)
        b = entry.ballots
        vote.issued, vote.returned, vote.valid, vote.in_favour = (
            b.issued,
            b.returned,
            b.valid,
            b.in_favour,
        )
        vote.threshold_pct = result.threshold
        vote.majority_rule = result.threshold_is_majority
        vote.passed = result.passed
        stored.append(vote)
    session.flush()
    return _rows(session, meeting, stored)


def _subject_of(vote: CouncilVote) -> tuple[str, int]:
    if vote.person_id is not None:
        return (PERSON, vote.person_id)
    return (UNIT, vote.unit_id or 0)


def _names(session: Session, entries: Sequence[BallotEntry]) -> dict[tuple[str, int], str]:
    person_ids = {e.subject_id for e in entries if e.subject == PERSON and not e.label}
    unit_ids = {e.subject_id for e in entries if e.subject == UNIT and not e.label}
    out: dict[tuple[str, int], str] = {}
    if person_ids:
        for pid, name in session.execute(
            select(Person.id, Person.full_name).where(Person.id.in_(person_ids))
        ):
            out[(PERSON, pid)] = name
    if unit_ids:
        for uid, name in session.execute(
            select(Unit.id, Unit.full_name).where(Unit.id.in_(unit_ids))
        ):
            out[(UNIT, uid)] = name
    return out


def delete_vote(session: Session, vote_id: int, *, expected_version: int | None = None) -> None:
    """Remove one candidate's ballots from a session (the deletion is in the audit log)."""
    vote = session.get(CouncilVote, vote_id)
    if vote is None:
        raise NotFoundError(f"Không tìm thấy phiếu biểu quyết id={vote_id}")
    ConflictError.check(vote.version, expected_version)
    session.delete(vote)
    session.flush()


def _person_units(session: Session, person_ids: Iterable[int], on: date) -> dict[int, str]:
    """person_id -> name of the unit of the assignment in force on ``on`` (else the latest)."""
    ids = sorted(set(person_ids))
    if not ids:
        return {}
    rows = session.execute(
        select(Assignment.person_id, Assignment.start_date, Assignment.end_date, Unit.full_name)
        .join(Unit, Unit.id == Assignment.unit_id)
        .where(Assignment.person_id.in_(ids))
        .order_by(Assignment.position_rank, Assignment.id)
    )
    best: dict[int, tuple[tuple[int, date], str]] = {}
    for pid, start, end, name in rows:
        in_force = (start is None or start <= on) and (end is None or end >= on)
        key = (1 if in_force else 0, start or date(1, 1, 1))
        if pid not in best or key > best[pid][0]:
            best[pid] = (key, name)
    return {pid: name for pid, (_key, name) in best.items()}


def person_units(session: Session, person_ids: Iterable[int], on: date) -> dict[int, str]:
    """person_id -> name of the unit of the assignment in force on ``on`` (else the latest)."""
    return _person_units(session, person_ids, on)


def _percent(in_favour: int, members_total: int) -> Decimal:
    exact = Decimal(in_favour * 100) / Decimal(max(1, members_total))
    return exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _rows(session: Session, meeting: CouncilSession, votes: Sequence[CouncilVote]) -> list[VoteRow]:
    """Votes of one session as DTOs, names and units read in a few queries."""
    person_ids = {v.person_id for v in votes if v.person_id is not None}
    unit_ids = {v.unit_id for v in votes if v.unit_id is not None}
    people = (
        {
            p.id: p.full_name
            for p in session.scalars(select(Person).where(Person.id.in_(person_ids)))
        }
        if person_ids
        else {}
    )
    units = (
        {u.id: u for u in session.scalars(select(Unit).where(Unit.id.in_(unit_ids)))}
        if unit_ids
        else {}
    )
    person_unit = _person_units(session, person_ids, meeting.meeting_date)
    cat = catalogue()
    counts = _counts(meeting)
    try:
        rules: RuleSet | None = rules_for_year(session, meeting.year)
    except ValidationError:
        rules = None
    denominators: dict[str, int] = {}

    def denominator(title: str) -> int:
        if rules is None:
            return meeting.members_total
        if title not in denominators:
            denominators[title] = ballot_rule(title, rules).denominator(counts)
        return denominators[title]

    out = []
    for vote in votes:
        if vote.person_id is not None:
            subject, subject_id = PERSON, vote.person_id
            name = people.get(vote.person_id, "")
            unit_name = person_unit.get(vote.person_id, "")
        else:
            subject, subject_id = UNIT, vote.unit_id or 0
            unit = units.get(subject_id)
            name = unit.full_name if unit else ""
            unit_name = unit.parent.full_name if unit is not None and unit.parent else ""
        out.append(
            VoteRow(
                id=vote.id,
                subject=subject,
                subject_id=subject_id,
                name=name,
                title=vote.title,
                ballots=_ballots(vote),
                threshold_pct=Decimal(vote.threshold_pct),
                majority_rule=vote.majority_rule,
                percent=_percent(vote.in_favour, denominator(vote.title)),
                passed=vote.passed,
                unit=unit_name,
                title_name=cat.get(vote.title).name if vote.title in cat else vote.title,
                note=vote.note,
                version=vote.version,
            )
        )
    return out


def list_votes(session: Session, session_id: int) -> list[VoteRow]:
    meeting = _load(session, session_id)
    return _rows(session, meeting, _votes(session, session_id))


def session_report(session: Session, session_id: int) -> CouncilSessionReport:
    """A session with its votes (percent of the total membership, threshold, result)."""
    meeting = _load(session, session_id)
    return CouncilSessionReport(
        id=meeting.id,
        year=meeting.year,
        meeting_date=meeting.meeting_date,
        place=meeting.place,
        chair=meeting.chair,
        secretary=meeting.secretary,
        members_total=meeting.members_total,
        present=meeting.present,
        written_opinions=meeting.written_opinions or 0,
        note=meeting.note,
        votes=_rows(session, meeting, _votes(session, session_id)),
    )


def passed_candidates(session: Session, year: int, title: str) -> list[VoteRow]:
    """Candidates who passed the vote for ``title`` in a session of ``year`` (for the decision)."""
    votes = session.scalars(
        select(CouncilVote)
        .join(CouncilSession, CouncilSession.id == CouncilVote.session_id)
        .where(
            CouncilSession.year == year, CouncilVote.title == title, CouncilVote.passed.is_(True)
        )
        .order_by(CouncilVote.id)
    ).all()
    out: list[VoteRow] = []
    for session_id in dict.fromkeys(v.session_id for v in votes):
        meeting = _load(session, session_id)
        out.extend(_rows(session, meeting, [v for v in votes if v.session_id == session_id]))
    order = {v.id: i for i, v in enumerate(votes)}
    return sorted(out, key=lambda r: order[r.id])
