"""Initiative use (domain.md X6): which initiatives support which award.

Entry points:

- :func:`proposal_initiatives`: a candidate's initiatives for a proposal in Bình xét (person:
  those they wrote; unit: those recognised for it), each chosen, free or held by another
  award (named), and those the engine counted for the proposal.
- :func:`choose_initiatives`: the clerk's choice for a proposal, kept as ``initiative_use``
  rows without an award record (a choice moves an initiative off another proposal of the
  same year; one an issued award holds cannot be chosen).
- :func:`record_award_uses`: when a decision is issued (or a superior's recorded), the chosen
  rows get the award record and, for a person whose verdict rests on initiatives the clerk
  did not tick, rows are created from the verdict.
- :func:`record_uses`: rows for an award record from imported history.

The engine reads the rows through :func:`app.services.eligibility.load_initiatives`.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from app.db.models import (
    AwardRecord,
    DecisionRecipient,
    Initiative,
    InitiativeAuthor,
    InitiativeUse,
    Person,
    Unit,
)
from app.domain.eligibility import (
    PERSON_TITLES,
    InitiativeInfo,
    InitiativeUseInfo,
    RuleSet,
    RuleSetError,
)
from app.domain.eligibility.consumption import (
    blocking_use,
    blocking_uses,
    initiative_consumers,
    is_chosen,
    use_label,
)
from app.domain.errors import NotFoundError, ValidationError
from app.services.eligibility import evaluate_year
from app.services.reference import catalogue, codes
from app.services.rules import effective_rule_sets

__all__ = [
    "PERSON",
    "UNIT",
    "InitiativeChoice",
    "ProposalInitiatives",
    "choose_initiatives",
    "proposal_initiatives",
    "record_award_uses",
    "record_uses",
]

PERSON = "person"
UNIT = "unit"
ISSUE_NOTE = "Theo kết quả xét điều kiện khi ban hành quyết định"


@dataclass(frozen=True)
class InitiativeChoice:
    """One initiative of the candidate as the dialog shows it."""

    initiative_id: int
    title: str
    kind: str  # in words: "Sáng kiến", "Đề tài khoa học"...
    scope: str  # in words: "Cấp tỉnh"...
    year: int
    decision_number: str | None
    chosen: bool  # supports this proposal (the clerk's choice or the issued award)
    locked: bool  # an issued award rests on it: cannot be unticked here
    held_by: str  # "" when free, else "đã dùng cho CSTĐCS 2024"
    counted: bool  # the engine's verdict for the proposal counts it
    movable: bool = False  # held only by the choice on another proposal of the year

    @property
    def free(self) -> bool:
        return not self.held_by


@dataclass(frozen=True)
class ProposalInitiatives:
    year: int
    subject: str  # PERSON or UNIT
    subject_id: int
    name: str
    title: str  # catalogue code of the proposal
    title_name: str
    items: tuple[InitiativeChoice, ...]

    @property
    def chosen_ids(self) -> tuple[int, ...]:
        return tuple(i.initiative_id for i in self.items if i.chosen)


def _rules(session: Session, year: int) -> RuleSet | None:
    try:
        return effective_rule_sets(session).for_year(year)
    except RuleSetError:
        return None


def _subject_of(model: type[InitiativeUse], subject: str, sid: int) -> ColumnElement[bool]:
    if subject == PERSON:
        return model.person_id == sid
    if subject == UNIT:
        return model.unit_id == sid
    raise ValidationError(f"Đối tượng '{subject}' không hợp lệ (person hoặc unit)")


def _subject_name(session: Session, subject: str, sid: int) -> str:
    if subject == PERSON:
        person = session.get(Person, sid)
        if person is None:
            raise NotFoundError(f"Không tìm thấy cán bộ id={sid}")
        return person.full_name
    if subject == UNIT:
        unit = session.get(Unit, sid)
        if unit is None:
            raise NotFoundError(f"Không tìm thấy đơn vị id={sid}")
        return unit.full_name
    raise ValidationError(f"Đối tượng '{subject}' không hợp lệ (person hoặc unit)")


def _candidate_initiatives(session: Session, subject: str, sid: int) -> list[Initiative]:
    if subject == PERSON:
        query = (
            select(Initiative)
            .join(InitiativeAuthor, InitiativeAuthor.initiative_id == Initiative.id)
            .where(InitiativeAuthor.person_id == sid)
        )
    else:
        query = select(Initiative).where(Initiative.unit_id == sid)
    return list(session.scalars(query.order_by(Initiative.year, Initiative.id)))


def _uses(session: Session, subject: str, sid: int) -> list[tuple[InitiativeUse, bool]]:
    """The subject's uses with whether their award was revoked."""
    return [
        (u, bool(revoked))
        for u, revoked in session.execute(
            select(InitiativeUse, AwardRecord.revoked)
            .outerjoin(AwardRecord, AwardRecord.id == InitiativeUse.award_record_id)
            .where(_subject_of(InitiativeUse, subject, sid))
        )
    ]


def _infos(
    initiatives: Sequence[Initiative], uses: Sequence[tuple[InitiativeUse, bool]]
) -> dict[int, InitiativeInfo]:
    by_ini: dict[int, list[InitiativeUseInfo]] = {}
    for u, revoked in uses:
        if not revoked:
            info = InitiativeUseInfo(u.catalogue_code, u.year, u.award_record_id is not None)
            by_ini.setdefault(u.initiative_id, []).append(info)
    return {
        i.id: InitiativeInfo(
            i.id, i.scope, i.year, i.decision_date, tuple(by_ini.get(i.id, ())), i.title
        )
        for i in initiatives
    }


def _counted(session: Session, year: int, subject: str, sid: int, title: str) -> tuple[int, ...]:
    """The initiatives the engine's verdict for a person's ``title`` of ``year`` rests on."""
    if subject != PERSON or title not in PERSON_TITLES or _rules(session, year) is None:
        return ()
    for row in evaluate_year(session, year, title=title, person_ids={sid}):
        if row.subject_id == sid and row.title == title:
            return row.verdict.initiatives
    return ()


def _check_title(subject: str, title: str) -> str:
    cat = catalogue()
    if title not in cat:
        raise ValidationError(f"Không có danh hiệu/hình thức '{title}'")
    kind = "CA_NHAN" if subject == PERSON else "TAP_THE"
    if kind not in cat.get(title).subjects:
        who = "cá nhân" if subject == PERSON else "tập thể"
        raise ValidationError(f"'{cat.get(title).name}' không dành cho {who}")
    return cat.get(title).name


def proposal_initiatives(
    session: Session, year: int, subject: str, subject_id: int, title: str
) -> ProposalInitiatives:
    """The candidate's initiatives for the proposal of ``title`` in ``year``."""
    name = _subject_name(session, subject, subject_id)
    title_name = _check_title(subject, title)
    rules = _rules(session, year)
    initiatives = _candidate_initiatives(session, subject, subject_id)
    uses = _uses(session, subject, subject_id)
    infos = _infos(initiatives, uses)
    issued = {
        u.initiative_id
        for u, revoked in uses
        if not revoked
        and u.award_record_id is not None
        and u.catalogue_code == title
        and u.year == year
    }
    counted = set(_counted(session, year, subject, subject_id, title))
    table = codes()
    items = []
    for ini in initiatives:
        info = infos[ini.id]
        blocking = blocking_uses(info, title, year, rules) if rules is not None else []
        held = blocking_use(info, title, year, rules) if rules is not None else None
        items.append(
            InitiativeChoice(
                initiative_id=ini.id,
                title=ini.title,
                kind=table.name_of("initiative_kinds", ini.kind),
                scope=table.name_of("initiative_scopes", ini.scope),
                year=ini.year,
                decision_number=ini.decision_number,
                chosen=is_chosen(info, title, year),
                locked=ini.id in issued,
                held_by=use_label(held, rules) if held is not None and rules else "",
                counted=ini.id in counted,
                movable=bool(blocking) and not any(u.issued for u in blocking),
            )
        )
    return ProposalInitiatives(year, subject, subject_id, name, title, title_name, tuple(items))


def choose_initiatives(
    session: Session,
    year: int,
    subject: str,
    subject_id: int,
    title: str,
    initiative_ids: Collection[int],
) -> ProposalInitiatives:
    """The initiatives the proposal of ``title`` rests on, as the clerk ticked them.

    Choices of the same initiatives for another proposal of the subject in ``year`` move
    here; an initiative an issued award holds (or one of somebody else) is refused, naming
    the award. The uses of an issued award for this proposal stay as they are.
    """
    current = proposal_initiatives(session, year, subject, subject_id, title)
    by_id = {i.initiative_id: i for i in current.items}
    wanted = set(initiative_ids)
    problems = []
    for iid in sorted(wanted):
        item = by_id.get(iid)
        if item is None:
            problems.append(f"Sáng kiến id={iid} không phải của {current.name}")
        elif item.held_by and not item.movable:
            problems.append(f"Sáng kiến '{item.title}' {item.held_by}")
    for item in current.items:
        if item.locked and item.initiative_id not in wanted:
            problems.append(
                f"Sáng kiến '{item.title}' đã dùng cho {current.title_name} năm {year} theo "
                "quyết định đã ban hành: không bỏ chọn được"
            )
    if problems:
        raise ValidationError(problems)
    rows = session.scalars(
        select(InitiativeUse).where(
            _subject_of(InitiativeUse, subject, subject_id),
            InitiativeUse.year == year,
            InitiativeUse.award_record_id.is_(None),
        )
    ).all()
    have: set[int] = set()
    for row in rows:
        if row.catalogue_code == title:
            if row.initiative_id in wanted:
                have.add(row.initiative_id)
            else:
                session.delete(row)
        elif row.initiative_id in wanted:
            session.delete(row)  # chosen for another proposal of the year: moves here
    session.flush()
    for iid in sorted(wanted - have - {i.initiative_id for i in current.items if i.locked}):
        session.add(
            InitiativeUse(
                initiative_id=iid,
                person_id=subject_id if subject == PERSON else None,
                unit_id=subject_id if subject == UNIT else None,
                catalogue_code=title,
                year=year,
            )
        )
    session.flush()
    return proposal_initiatives(session, year, subject, subject_id, title)


# --- awards --------------------------------------------------------------------------------


def record_award_uses(session: Session, year: int, lines: Iterable[DecisionRecipient]) -> int:
    """Link the proposal's chosen initiatives to the award records of issued ``lines`` (award
    ``year``); a person line whose verdict rests on initiatives not yet recorded gets rows
    for them too. Returns how many rows were linked or created."""
    done = 0
    people: dict[int, list[DecisionRecipient]] = {}
    rules = _rules(session, year)
    consumers = initiative_consumers(rules) if rules is not None else frozenset()
    for line in lines:
        if line.award_record_id is None or (line.person_id is None and line.unit_id is None):
            continue
        subject, sid = (
            (PERSON, line.person_id) if line.person_id is not None else (UNIT, line.unit_id)
        )
        assert sid is not None
        for row in session.scalars(
            select(InitiativeUse).where(
                _subject_of(InitiativeUse, subject, sid),
                InitiativeUse.catalogue_code == line.catalogue_code,
                InitiativeUse.year == year,
                InitiativeUse.award_record_id.is_(None),
            )
        ):
            row.award_record_id = line.award_record_id
            done += 1
        if subject == PERSON and line.catalogue_code in consumers:
            people.setdefault(sid, []).append(line)
    if not people:
        return done
    session.flush()
    verdicts = {
        (row.subject_id, row.title): row.verdict
        for row in evaluate_year(session, year, person_ids=set(people))
    }
    for pid, person_lines in people.items():
        for line in person_lines:
            verdict = verdicts.get((pid, line.catalogue_code))
            if verdict is None or not verdict.initiatives:
                continue
            assert line.award_record_id is not None
            done += record_uses(session, line.award_record_id, verdict.initiatives, note=ISSUE_NOTE)
    return done


def record_uses(
    session: Session,
    award_record_id: int,
    initiative_ids: Iterable[int],
    *,
    note: str | None = None,
) -> int:
    """Rows saying the award record rests on ``initiative_ids`` (those already recorded for
    it are skipped); returns how many were added."""
    record = session.get(AwardRecord, award_record_id)
    if record is None:
        raise NotFoundError(f"Không tìm thấy khen thưởng id={award_record_id}")
    year = record.year or record.period_to_year
    if year is None and record.decision_date is not None:
        year = record.decision_date.year
    if year is None:
        raise ValidationError("Khen thưởng chưa có năm: không ghi được sáng kiến đã dùng")
    existing = {
        row.initiative_id: row
        for row in session.scalars(
            select(InitiativeUse).where(
                InitiativeUse.person_id == record.person_id
                if record.person_id is not None
                else InitiativeUse.unit_id == record.unit_id,
                InitiativeUse.catalogue_code == record.catalogue_code,
                InitiativeUse.year == year,
            )
        )
    }
    added = 0
    for iid in dict.fromkeys(initiative_ids):
        row = existing.get(iid)
        if row is not None:
            if row.award_record_id is None:
                row.award_record_id = record.id
                added += 1
            continue
        session.add(
            InitiativeUse(
                initiative_id=iid,
                person_id=record.person_id,
                unit_id=record.unit_id if record.person_id is None else None,
                catalogue_code=record.catalogue_code,
                year=year,
                award_record_id=record.id,
                note=note,
            )
        )
        added += 1
    session.flush()
    return added
