"""Eligibility for a year: histories read from the database, verdicts from the domain rules.

``evaluate_year`` reads everything a year's review needs in a handful of bulk queries, builds
the pure history objects of ``app.domain.eligibility`` and evaluates every title. The CLI
(`tdkt eligibility`) and the Bình xét screen use it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any, Protocol

from sqlalchemy import func, select, true
from sqlalchemy.orm import Session

from app.collector import paused_collector
from app.config import load_json_resource
from app.db.models import (
    AwardRecord,
    ConditionMark,
    CouncilCandidate,
    CouncilSession,
    Discipline,
    Initiative,
    InitiativeAuthor,
    InitiativeUse,
    Person,
    PersonGrade,
)
from app.domain.codes import HoldOutcome
from app.domain.eligibility import (
    PERSON_TITLES,
    UNIT_TITLES,
    AwardInfo,
    DisciplineInfo,
    GradeInfo,
    InitiativeInfo,
    InitiativeUseInfo,
    MemberSummary,
    PersonHistory,
    RuleSet,
    RuleSetError,
    RuleSets,
    UnitHistory,
    Verdict,
    evaluate_person_all,
    evaluate_unit,
    parse_rule_sets,
)
from app.domain.eligibility.transition import more_favourable
from app.services.code_lists import kind_like
from app.services.people_queries import current_assignments
from app.services.reference import codes
from app.services.rules import effective_rule_sets, rule_words
from app.services.unit_histories import member_summary, unit_histories
from app.services.units import UnitDTO, list_units, subtree_ids

HISTORY_YEARS = 12  # how far back streaks and medals are read

VERDICT_WORDS = {
    "eligible": "Đủ điều kiện",
    "not_eligible": "Chưa đủ",
    "needs_review": "Cần xem xét",
}
CONDITION_WORDS: dict[bool | None, str] = {
    True: "Đạt",
    False: "Chưa đạt",
    None: "Thiếu dữ liệu, cần xem xét",
}


@lru_cache(maxsize=1)
def rule_sets() -> RuleSets:
    """The shipped rule sets (without the clerk's changes: see :mod:`app.services.rules`)."""
    return parse_rule_sets(load_json_resource("data", "rules.json"), rule_words())


def min_grade_months(year: int, session: Session | None = None) -> int:
    """Months of work below which nobody is graded in ``year`` (rule-set parameter, X9), with
    the clerk's changed parameters when a ``session`` is given.

    Grades of years before the first rule set (history) use the earliest set: the grading
    decree (NĐ 90/2020) is older than every rule set kept here.
    """
    sets = effective_rule_sets(session)
    try:
        rules = sets.for_year(year)
    except RuleSetError:
        rules = min(sets.sets, key=lambda r: r.effective_from)
    return int(rules.param("min_months_for_grade"))


@dataclass(frozen=True, slots=True)
class EligibilityRow:
    subject: str  # "person" or "unit"
    subject_id: int
    name: str
    birth_date: date | None
    unit: str
    title: str
    verdict: Verdict
    members: MemberStats | None = None  # units: their members' results this year
    unit_id: int | None = None  # the person's unit at the end of the year, or the unit itself

    def as_json(self) -> dict[str, Any]:
        """The row for ``tdkt eligibility --json``: every condition in words with its citation."""
        return {
            "subject": self.subject,
            "name": self.name,
            "birth_date": self.birth_date.isoformat() if self.birth_date else None,
            "unit": self.unit,
            "title": self.title,
            "title_name": rule_words().award(self.title),
            "verdict": self.verdict.verdict,
            "verdict_text": VERDICT_WORDS.get(self.verdict.verdict, self.verdict.verdict),
            "explanation": self.verdict.explanation,
            "conditions": [
                {
                    "key": c.key,
                    "text": c.text,
                    "met": c.met,
                    "result": CONDITION_WORDS[c.met],
                    "citation": c.citation,
                    "manual": c.manual,
                }
                for c in self.verdict.conditions
            ],
        }


@dataclass(frozen=True, slots=True)
class MemberStats:
    """A collective's members this year: how many, and how many qualify for LĐTT / CSTĐCS
    (the titles being decided this year count)."""

    total: int
    ldtt: int
    cstdcs: int

    @classmethod
    def of(cls, members: Sequence[MemberSummary]) -> MemberStats:
        return cls(len(members), sum(m.ldtt for m in members), sum(m.cstdcs for m in members))

    @property
    def ldtt_share(self) -> float:
        return self.ldtt / self.total if self.total else 0.0


def unmet_marks(
    session: Session, year: int
) -> tuple[dict[int, frozenset[str]], dict[int, frozenset[str]]]:
    """Manual conditions the clerk marked unmet in ``year``: by person id and by unit id."""
    people: dict[int, set[str]] = defaultdict(set)
    units: dict[int, set[str]] = defaultdict(set)
    for pid, uid, key in session.execute(
        select(ConditionMark.person_id, ConditionMark.unit_id, ConditionMark.condition_key).where(
            ConditionMark.year == year
        )
    ):
        if pid is not None:
            people[pid].add(key)
        elif uid is not None:
            units[uid].add(key)
    return (
        {k: frozenset(v) for k, v in people.items()},
        {k: frozenset(v) for k, v in units.items()},
    )


FILTER_AT_MOST = 500  # a longer list of people is read whole and sorted out in Python


def _only(column: Any, ids: Collection[int] | None) -> Any:
    """``column IN ids`` for a short list of people (one person's record), else no filter."""
    if ids is None or len(ids) > FILTER_AT_MOST:
        return true()
    return column.in_(list(ids))


def _discipline_table() -> dict[str, tuple[int, bool, str]]:
    return {
        e.code: (int(e.extra.get("severity", 0)), bool(e.extra.get("is_hold", False)), e.name)
        for e in codes().table("discipline_kinds")
    }


def load_disciplines(
    session: Session, person_ids: Collection[int] | None = None
) -> dict[int, list[DisciplineInfo]]:
    """Every person's penalties and holds (or those of ``person_ids``); a hold carries how it
    ended (X1) and the name of the penalty its conclusion led to."""
    kinds = _discipline_table()
    rows = session.execute(
        select(
            Discipline.id,
            Discipline.person_id,
            Discipline.kind,
            Discipline.start_date,
            Discipline.end_date,
            Discipline.outcome,
            Discipline.concluded_on,
            Discipline.penalty_id,
        ).where(_only(Discipline.person_id, person_ids))
    ).all()
    kind_of = {r.id: r.kind for r in rows}
    out: dict[int, list[DisciplineInfo]] = defaultdict(list)
    for r in rows:
        severity, is_hold, name = kinds.get(r.kind, (0, False, r.kind))
        penalty = ""
        if r.penalty_id is not None and r.penalty_id in kind_of:
            penalty = kinds.get(kind_of[r.penalty_id], (0, False, kind_of[r.penalty_id]))[2]
        if person_ids is not None and r.person_id not in person_ids:
            continue
        out[r.person_id].append(
            DisciplineInfo(
                r.kind,
                r.start_date,
                r.end_date,
                severity,
                is_hold,
                cleared=r.outcome == HoldOutcome.KHONG_VI_PHAM,
                name=name,
                concluded_on=r.concluded_on,
                violation=r.outcome == HoldOutcome.CO_VI_PHAM,
                penalty=penalty,
            )
        )
    return out


def load_initiatives(
    session: Session, person_ids: Collection[int] | None = None
) -> dict[int, list[InitiativeInfo]]:
    """Every author's initiatives with the awards each supports for that author (table
    ``initiative_use``, X6); a use whose award was revoked no longer holds it. A use without
    an award record is a choice on a proposal (``issued`` False)."""
    uses: dict[tuple[int, int | None], list[InitiativeUseInfo]] = defaultdict(list)
    for iid, pid, code, use_year, record_id, revoked in session.execute(
        select(
            InitiativeUse.initiative_id,
            InitiativeUse.person_id,
            InitiativeUse.catalogue_code,
            InitiativeUse.year,
            InitiativeUse.award_record_id,
            AwardRecord.revoked,
        )
        .outerjoin(AwardRecord, AwardRecord.id == InitiativeUse.award_record_id)
        .where(InitiativeUse.person_id.is_not(None), _only(InitiativeUse.person_id, person_ids))
    ):
        if not revoked:
            uses[(iid, pid)].append(InitiativeUseInfo(code, use_year, record_id is not None))
    out: dict[int, list[InitiativeInfo]] = defaultdict(list)
    for pid, iid, scope_code, iyear, recognized, name in session.execute(
        select(
            InitiativeAuthor.person_id,
            Initiative.id,
            Initiative.scope,
            Initiative.year,
            Initiative.decision_date,
            Initiative.title,
        )
        .join(Initiative, Initiative.id == InitiativeAuthor.initiative_id)
        .where(_only(InitiativeAuthor.person_id, person_ids))
    ):
        used = tuple(uses.get((iid, pid), ()))
        out[pid].append(InitiativeInfo(iid, scope_code, iyear, recognized, used, name or ""))
    return out


def review_day(session: Session, year: int) -> tuple[date, bool]:
    """The day holds are judged on for ``year`` (X1): the last Council session of the year's
    review, else the review date of the rule sets (31/12); True when it is a session."""
    meeting = session.scalar(
        select(func.max(CouncilSession.meeting_date)).where(CouncilSession.year == year)
    )
    if meeting is not None:
        return meeting, True
    return effective_rule_sets(session).selection_date(year), False


PERSON, UNIT = "person", "unit"
VIEN_CHUC, CONG_CHUC = "VC", "CC"


class _UnitPlace(Protocol):
    """What :func:`vien_chuc_units` reads of a unit (a UnitDTO, or a row of those columns)."""

    @property
    def id(self) -> int: ...
    @property
    def parent_id(self) -> int | None: ...
    @property
    def collective_category(self) -> str | None: ...


def vien_chuc_units(units: Sequence[_UnitPlace], rules: RuleSet) -> set[int]:
    """Units whose staff are viên chức: of a category the rule set names (a public service
    unit), or under such a unit."""
    wanted = set(rules.param("vien_chuc_unit_categories") or ())
    by_id = {u.id: u for u in units}
    out: set[int] = set()
    for unit in units:
        seen: set[int] = set()
        node: _UnitPlace | None = unit
        while node is not None and node.id not in seen:
            seen.add(node.id)
            if node.collective_category in wanted:
                out.add(unit.id)
                break
            node = by_id.get(node.parent_id) if node.parent_id is not None else None
    return out


def received_dates(session: Session, year: int) -> dict[tuple[str, int], dict[str, date]]:
    """The day each candidate's dossier of ``year`` was received, by (subject, id) and title
    (a rule set's transition keeps the earlier rules for the earlier ones)."""
    out: dict[tuple[str, int], dict[str, date]] = defaultdict(dict)
    for pid, uid, title, day in session.execute(
        select(
            CouncilCandidate.person_id,
            CouncilCandidate.unit_id,
            CouncilCandidate.title,
            CouncilCandidate.received_on,
        )
        .join(CouncilSession, CouncilSession.id == CouncilCandidate.session_id)
        .where(CouncilSession.year == year, CouncilCandidate.received_on.is_not(None))
    ):
        subject, owner = (PERSON, pid) if pid is not None else (UNIT, uid)
        if day is None or owner is None:
            continue
        key = (subject, owner)
        known = out[key].get(title)
        out[key][title] = day if known is None else min(known, day)
    return dict(out)


def _kept_rules(
    verdicts: dict[str, Verdict],
    dossiers: dict[str, date],
    sets: RuleSets,
    rules: RuleSet,
    history: PersonHistory,
    year: int,
) -> dict[str, Verdict]:
    """Titles whose dossier was received before the set's transition date: the verdict of
    the rules in force then, unless the new one is more favourable."""
    out = dict(verdicts)
    earlier_cache: dict[str, dict[str, Verdict]] = {}
    for title, day in dossiers.items():
        earlier = sets.earlier_for(rules, day)
        if earlier is None or title not in verdicts:
            continue
        if earlier.code not in earlier_cache:
            earlier_cache[earlier.code] = evaluate_person_all(history, year, earlier)
        old = earlier_cache[earlier.code][title]
        out[title] = more_favourable(verdicts[title], old, rules, earlier, day)
    return out


@dataclass
class YearHistories:
    """What a year's evaluation read, kept for a record's Lộ trình (``_evaluate_year(keep=)``)."""

    rules: RuleSet | None = None
    people: dict[int, PersonHistory] = field(default_factory=dict)
    units: dict[int, UnitHistory] = field(default_factory=dict)


def person_history(
    session: Session, person_id: int, year: int
) -> tuple[PersonHistory, RuleSet] | None:
    """One person's history as the review of ``year`` reads it, with the rule set; None when
    the person has no assignment at all (the review places each person by the assignment in
    force at the end of the year, else the latest)."""
    kept = YearHistories()
    _evaluate_year(
        session, year, unit_id=None, title="LDTT", progress=None, person_ids={person_id}, keep=kept
    )
    found = kept.people.get(person_id)
    return (found, kept.rules) if found is not None and kept.rules is not None else None


def year_histories(
    session: Session,
    year: int,
    *,
    person_ids: Collection[int] | None = None,
    unit_id: int | None = None,
) -> YearHistories:
    """What the review of ``year`` reads, for everyone (one pass), for ``person_ids`` only, or
    for the collective ``unit_id`` and its members; with the rule set of the review."""
    kept = YearHistories()
    _evaluate_year(
        session,
        year,
        unit_id=unit_id,
        title="LDTT" if person_ids is not None else None,
        progress=None,
        person_ids=set(person_ids) if person_ids is not None else None,
        keep=kept,
    )
    if kept.rules is None:  # nobody placed: the set the review of the year would use
        review_on, at_session = review_day(session, year)
        kept.rules = effective_rule_sets(session).for_review(
            year, review_on if at_session else None
        )
    return kept


def unit_history(session: Session, unit_id: int, year: int) -> tuple[UnitHistory, RuleSet] | None:
    """One collective's history as the review of ``year`` reads it (its members evaluated),
    with the rule set; None when it has no member."""
    kept = YearHistories()
    _evaluate_year(session, year, unit_id=unit_id, title=None, progress=None, keep=kept)
    found = kept.units.get(unit_id)
    return (found, kept.rules) if found is not None and kept.rules is not None else None


def evaluate_year(
    session: Session,
    year: int,
    *,
    unit_id: int | None = None,
    title: str | None = None,
    progress: Callable[[str, float], None] | None = None,
    person_ids: Collection[int] | None = None,
) -> list[EligibilityRow]:
    """Every person (and unit) in scope with a verdict per title (or only ``title``);
    ``person_ids``: only these people, and no units.

    The work builds millions of small immutable objects and no reference cycles: the cyclic
    garbage collector is paused meanwhile (it would scan them again and again for nothing;
    plain reference counting still frees everything) and resumed afterwards.
    """
    with paused_collector():
        rows = _evaluate_year(
            session, year, unit_id=unit_id, title=title, progress=progress, person_ids=person_ids
        )
        return rows if person_ids is None else [r for r in rows if r.subject == "person"]


def _evaluate_year(
    session: Session,
    year: int,
    *,
    unit_id: int | None,
    title: str | None,
    progress: Callable[[str, float], None] | None,
    person_ids: Collection[int] | None = None,
    keep: YearHistories | None = None,
) -> list[EligibilityRow]:
    review_on, at_session = review_day(session, year)
    sets = effective_rule_sets(session)
    # the criteria in force on the Council's day (domain.md §2.3), else on the selection day
    rules = sets.for_review(year, review_on if at_session else None)
    units = list_units(session)
    names = {u.id: u.full_name for u in units}
    vien_chuc = vien_chuc_units(units, rules)
    received = received_dates(session, year) if rules.transition is not None else {}
    scope = subtree_ids(units, unit_id) if unit_id is not None else None
    year_end = date(year, 12, 31)
    placed = current_assignments(session, year_end)
    people = [
        p
        for p in session.connection()
        .execute(
            select(
                Person.id,
                Person.full_name,
                Person.birth_date,
                Person.gender,
                Person.active,
                Person.sector_start_date,
                Person.sector_break_months,
                Person.remote_area_years,
                Person.death_date,
            )
        )
        .all()
        if p.id in placed
        and (scope is None or placed[p.id][0] in scope)
        and (person_ids is None or p.id in person_ids)
    ]
    first = year - HISTORY_YEARS
    if progress:
        progress("Đang đọc lịch sử xếp loại, khen thưởng…", 0.1)
    # Read through the connection (no ORM row processing); equal small values are shared.
    conn = session.connection()
    grade_infos: dict[tuple[str, int | None], GradeInfo] = {}
    grades: dict[int, dict[int, GradeInfo]] = defaultdict(dict)
    for pid, y, grade, months in conn.execute(
        select(
            PersonGrade.person_id, PersonGrade.year, PersonGrade.grade, PersonGrade.months_worked
        ).where(
            PersonGrade.year >= first,
            PersonGrade.year <= year,
            _only(PersonGrade.person_id, person_ids),
        )
    ).all():
        info = grade_infos.get((grade, months))
        if info is None:
            info = grade_infos[(grade, months)] = GradeInfo(grade, months)
        grades[pid][y] = info
    award_infos: dict[tuple[Any, ...], AwardInfo] = {}
    awards: dict[int, list[AwardInfo]] = defaultdict(list)
    unit_awards: dict[int, list[AwardInfo]] = defaultdict(list)
    for row in conn.execute(
        select(
            AwardRecord.person_id,
            AwardRecord.unit_id,
            AwardRecord.catalogue_code,
            AwardRecord.year,
            AwardRecord.award_type,
            AwardRecord.period_from_year,
            AwardRecord.period_to_year,
            AwardRecord.decision_date,
            AwardRecord.revoked,
        ).where(_only(AwardRecord.person_id, person_ids))
    ).all():
        # a local award type counts as the type it is like
        values = (
            row[2],
            row[3],
            kind_like("award_types", row[4]),
            row[5],
            row[6],
            row[7],
            bool(row[8]),
        )
        award = award_infos.get(values)
        if award is None:
            award = award_infos[values] = AwardInfo(*values)
        if row[0] is not None:
            awards[row[0]].append(award)
        elif row[1] is not None:
            unit_awards[row[1]].append(award)
    disciplines = load_disciplines(session, person_ids)
    initiatives = load_initiatives(session, person_ids)

    person_marks, unit_marks = unmet_marks(session, year)
    rows: list[EligibilityRow] = []
    # what the collectives need of each person (their members), made as each person is done:
    # neither the histories nor the verdicts of everyone are kept for the units
    summaries: dict[int, MemberSummary] = {}
    kept: dict[int, PersonHistory] = {}  # histories asked for by ``keep``
    # equal verdicts (most people's forms, holds...) are one object
    shared: dict[Verdict, Verdict] = {}
    no_grades: dict[int, GradeInfo] = {}
    no_marks: frozenset[str] = frozenset()
    wanted = PERSON_TITLES if title is None else tuple(t for t in PERSON_TITLES if t == title)
    for index, p in enumerate(people):
        pid = p.id
        unit_of = placed[pid][0]
        history = PersonHistory(
            person_id=pid,
            gender=p.gender,
            active=bool(p.active),
            grades=grades.pop(pid, no_grades),
            awards=tuple(awards.pop(pid, ())),
            disciplines=tuple(disciplines.pop(pid, ())),
            initiatives=tuple(initiatives.pop(pid, ())),
            manual_unmet=person_marks.get(pid, no_marks),
            sector_start=p.sector_start_date,
            sector_break_months=p.sector_break_months,
            remote_area_years=p.remote_area_years,
            death_date=p.death_date,
            review_on=review_on,
            review_is_session=at_session,
            staff_kind=VIEN_CHUC if unit_of in vien_chuc else CONG_CHUC,
        )
        verdicts = evaluate_person_all(history, year, rules)
        dossiers = received.get((PERSON, pid))
        if dossiers:
            verdicts = _kept_rules(verdicts, dossiers, sets, rules, history, year)
        summaries[pid] = member_summary(history, year, rules, verdicts, p.full_name)
        if keep is not None:
            kept[pid] = history
        unit_name = names.get(unit_of, "")
        for code in wanted:
            verdict = verdicts.get(code)
            if verdict is not None:
                verdict = shared.setdefault(verdict, verdict)
                rows.append(
                    EligibilityRow(
                        "person",
                        pid,
                        p.full_name,
                        p.birth_date,
                        unit_name,
                        code,
                        verdict,
                        unit_id=unit_of,
                    )
                )
        if progress and index % 500 == 0:
            progress(
                f"Đã xét {index}/{len(people)} cán bộ…", 0.1 + 0.8 * index / max(1, len(people))
            )
    shared.clear()

    rows.extend(
        _unit_rows(
            session,
            year,
            units,
            scope,
            placed,
            summaries,
            unit_awards,
            title,
            rules,
            unit_marks,
            sets,
            received,
            keep.units if keep is not None else None,
        )
    )
    if keep is not None:
        keep.rules = rules
        keep.people.update(kept)
    if progress:
        progress("Xong", 1.0)
    return rows


def _unit_rows(
    session: Session,
    year: int,
    units: list[UnitDTO],
    scope: set[int] | None,
    placed: dict[int, tuple[int, str, int]],
    summaries: dict[int, MemberSummary],
    unit_awards: dict[int, list[AwardInfo]],
    title: str | None,
    rules: RuleSet,
    marks: dict[int, frozenset[str]],
    sets: RuleSets | None = None,
    received: dict[tuple[str, int], dict[str, date]] | None = None,
    keep: dict[int, UnitHistory] | None = None,
) -> list[EligibilityRow]:
    """Collective titles for the current units in scope (top-level ones included), from their
    members' results (:func:`app.services.unit_histories.unit_histories`)."""
    if title is not None and title not in UNIT_TITLES:
        return []
    rows: list[EligibilityRow] = []
    by_id = {u.id: u for u in units}
    for unit, history in unit_histories(
        session,
        year,
        units,
        scope,
        placed,
        summaries,
        unit_awards,
        rules,
        marks,
    ):
        if keep is not None:
            keep[unit.id] = history
        stats = MemberStats.of(history.members)
        parent = by_id.get(unit.parent_id) if unit.parent_id is not None else None
        above = parent.full_name if parent is not None else ""
        dossiers = (received or {}).get((UNIT, unit.id), {})
        for code in UNIT_TITLES:
            if title is not None and code != title:
                continue
            verdict = evaluate_unit(history, code, year, rules)
            earlier = sets.earlier_for(rules, dossiers[code]) if sets and code in dossiers else None
            if earlier is not None:
                old = evaluate_unit(history, code, year, earlier)
                verdict = more_favourable(verdict, old, rules, earlier, dossiers[code])
            rows.append(
                EligibilityRow(
                    "unit", unit.id, unit.full_name, None, above, code, verdict, stats, unit.id
                )
            )
    return rows


def _eligible(verdicts: dict[str, Verdict], code: str) -> bool:
    verdict = verdicts.get(code)
    return verdict is not None and verdict.verdict == "eligible"
