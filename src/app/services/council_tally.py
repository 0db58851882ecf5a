"""The tally sheet of a Council session and ballot counts brought in as rows (issue 14).

Entry points:

- :func:`tally_sheet` -- what the ``vote-tally`` export prints: one row per candidate voted on
  per candidate, in STT order, with the counts recorded so far (the Ban kiểm phiếu fills in
  the rest and the sheet is read back).
- :func:`preview_rows` -- rows read from a tally sheet (:mod:`app.excel.vote_tally_import`) or
  pasted from Excel (:func:`app.domain.council_paste.parse_block`) matched to the session's
  candidates, with the ballots each would store (what the row gives, the vote already stored
  for the rest, then the defaults: phát ra = those who may vote, thu về = phát ra, hợp lệ =
  thu về) and every problem per row. Nothing is written.
- :func:`commit_rows` -- writes a preview through :func:`app.services.council.record_votes`,
  all or nothing; refused while a row has a problem (a pasted block may leave out its rows in
  error: ``partial``) and when a vote changed since the preview.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.orm import Session

from app.domain.council import Ballots, SessionCounts, ballot_rule, check_ballots
from app.domain.council_paste import BlockRow, Candidate, match_rows
from app.domain.errors import ValidationError
from app.domain.settings import AgencySettings
from app.services import council
from app.services.council import BallotEntry, SessionRow, VoteRow
from app.services.council_candidates import CandidateLine, list_candidates
from app.services.reference import catalogue
from app.services.settings import get_agency

__all__ = [
    "TallyItem",
    "TallyPreview",
    "TallyRow",
    "TallySheet",
    "commit_rows",
    "preview_rows",
    "tally_sheet",
]


@dataclass(frozen=True)
class TallyRow:
    """One candidate of the tally sheet."""

    position: int
    name: str
    birth_date: date | None
    unit: str
    title: str
    title_name: str
    issued: int | None = None
    returned: int | None = None
    valid: int | None = None
    in_favour: int | None = None


@dataclass(frozen=True)
class TallySheet:
    agency: AgencySettings
    session: SessionRow
    voters: int  # who may vote (present and written opinions)
    rows: tuple[TallyRow, ...]
    secret: bool = True  # the titles on it are voted on by secret ballot (rules.json)

    @property
    def count(self) -> int:
        return len(self.rows)

    count_label = "người, tập thể"


def tally_sheet(session: Session, session_id: int) -> TallySheet:
    """The ``vote-tally`` export of a session (candidates voted on per candidate)."""
    meeting = council.get_session(session, session_id)
    rules = council.rules_for_year(session, meeting.year)
    rows = []
    secret = True
    for c in list_candidates(session, session_id):
        if c.position is None or not c.ballot:
            continue
        secret = secret and ballot_rule(c.title, rules).secret
        b = c.vote.ballots if c.vote is not None else None
        rows.append(
            TallyRow(
                position=c.position,
                name=c.name,
                birth_date=c.birth_date,
                unit=c.unit,
                title=c.title,
                title_name=c.title_name,
                issued=b.issued if b else None,
                returned=b.returned if b else None,
                valid=b.valid if b else None,
                in_favour=b.in_favour if b else None,
            )
        )
    if not rows:
        raise ValidationError(
            "Phiên họp chưa có ai cần bỏ phiếu từng người: lấy danh sách từ đề xuất bình xét "
            "ở thẻ Hội đồng TĐKT trước"
        )
    return TallySheet(get_agency(session), meeting, meeting.voters, tuple(rows), secret)


# --- rows in -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class TallyItem:
    """A row and what it would store: the candidate, the ballots (None: the row gives no
    count, nothing is written for it) and the row's problems."""

    row: BlockRow
    candidate: CandidateLine | None
    ballots: Ballots | None
    problems: tuple[str, ...] = ()
    unchanged: bool = False  # the same counts are stored already

    @property
    def ok(self) -> bool:
        return self.candidate is not None and not self.problems


@dataclass(frozen=True)
class TallyPreview:
    session_id: int
    items: tuple[TallyItem, ...]
    problems: tuple[str, ...] = ()  # about the whole file (another session's sheet...)
    versions: dict[tuple[str, int, str], int] = field(default_factory=dict)

    @property
    def matched(self) -> int:
        return sum(1 for i in self.items if i.candidate is not None and not i.problems)

    @property
    def unmatched(self) -> int:
        return sum(1 for i in self.items if i.candidate is None or i.problems)

    @property
    def to_write(self) -> list[TallyItem]:
        return [i for i in self.items if i.ok and i.ballots is not None and not i.unchanged]

    @property
    def blocked(self) -> bool:
        return bool(self.problems) or any(i.problems or i.candidate is None for i in self.items)

    def lines(self) -> list[str]:
        """The preview in words, one line per row in error, then the totals."""
        out = list(self.problems)
        for item in self.items:
            if item.problems or item.candidate is None:
                out.append(f"Dòng {item.row.line} ({item.row.who()}): {'; '.join(item.problems)}")
        out.append(
            f"{len(self.items)} dòng: {self.matched} khớp, {self.unmatched} không khớp hoặc có "
            f"lỗi; {len(self.to_write)} phiếu sẽ ghi"
        )
        return out


def _merge(row: BlockRow, vote: VoteRow | None, voters: int) -> Ballots | None:
    """What the row gives, the stored vote for the rest, then the defaults."""
    if not row.counts:
        return None
    stored = vote.ballots if vote is not None else None

    def value(name: str) -> int | None:
        if name in row.counts:
            return row.counts[name]
        return getattr(stored, name) if stored is not None else None

    in_favour = value("in_favour")
    if in_favour is None:
        return None
    issued = value("issued")
    issued = voters if issued is None else issued
    returned = value("returned")
    returned = issued if returned is None else returned
    valid = value("valid")
    valid = returned if valid is None else valid
    return Ballots(issued, returned, valid, in_favour)


def preview_rows(
    session: Session,
    session_id: int,
    rows: Sequence[BlockRow],
    *,
    file_session: int | None = None,
) -> TallyPreview:
    """Match ``rows`` to the session's candidates (see the module docstring);
    ``file_session``: the session a tally sheet was exported for (refused when another)."""
    meeting = council.get_session(session, session_id)
    rules = council.rules_for_year(session, meeting.year)
    counts = SessionCounts(meeting.members_total, meeting.present, meeting.written_opinions)
    lines = list_candidates(session, session_id)
    cat = catalogue()
    by_key: dict[Hashable, CandidateLine] = {line.key: line for line in lines}
    candidates = [
        Candidate(
            key=line.key,
            position=line.position,
            name=line.name,
            birth_date=line.birth_date,
            ballot=line.ballot,
            title=cat.get(line.title).short if line.title in cat else line.title,
        )
        for line in lines
    ]
    problems: list[str] = []
    if file_session is not None and file_session != session_id:
        problems.append(
            f"Tệp là bảng kiểm phiếu của phiên họp số {file_session}, không phải phiên họp "
            f"đang chọn (số {session_id}, ngày {meeting.meeting_date:%d/%m/%Y})"
        )
    items = []
    for match in match_rows(rows, candidates):
        line = by_key.get(match.candidate.key) if match.candidate is not None else None
        found = list(match.problems)
        ballots = None
        if line is not None and not found:
            rule = ballot_rule(line.title, rules)
            ballots = _merge(match.row, line.vote, rule.voters(counts))
            if ballots is not None:
                found.extend(check_ballots(ballots, counts, rule))
        unchanged = (
            ballots is not None and line is not None and line.vote is not None
        ) and line.vote.ballots == ballots
        items.append(TallyItem(match.row, line, ballots, tuple(found), unchanged))
    versions = {
        i.candidate.key: (i.candidate.vote.version if i.candidate.vote is not None else 0)
        for i in items
        if i.candidate is not None
    }
    return TallyPreview(session_id, tuple(items), tuple(problems), versions)


def commit_rows(session: Session, checked: TallyPreview, *, partial: bool = False) -> list[VoteRow]:
    """Write a preview (see the module docstring); returns the votes stored."""
    if checked.problems or (checked.blocked and not partial):
        raise ValidationError(
            ["Chưa ghi gì: còn dòng không khớp hoặc có lỗi.", *checked.lines()[:20]]
        )
    entries = []
    for item in checked.to_write:
        assert item.candidate is not None and item.ballots is not None
        c = item.candidate
        entries.append(
            BallotEntry(
                subject=c.subject,
                subject_id=c.subject_id,
                title=c.title,
                ballots=item.ballots,
                expected_version=checked.versions.get(c.key, 0),
                label=f"Dòng {item.row.line} ({c.name})",
            )
        )
    if not entries:
        return []
    return council.record_votes(session, checked.session_id, entries)
