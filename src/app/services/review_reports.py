"""Data of the Bình xét forms (issue 5): plain DTOs for :mod:`app.excel.forms.review_forms`.

- :func:`nomination_list_data` -- Danh sách đề nghị khen thưởng of one title: the candidates
  whose proposed title (:attr:`app.services.review.CandidateRow.proposed`, the clerk's override
  included) is that title; when the year has Council votes for the title, only those whose
  latest vote passed, with the percentage. Collectives and individuals in separate sections, as
  the catalogue item allows; "thứ tự chuẩn" or the clerk's order.
- :func:`public_comment_data` -- the list published for public comment before proposals to the
  province, the ministry or the State (titles and forms of level ``BO_TINH`` or ``NHA_NUOC``).
- :func:`council_minutes_data` -- one Council session with its votes, for the "Biên bản họp
  Hội đồng" and the "Biên bản kiểm phiếu".
- :func:`get_nomination_order` / :func:`set_nomination_order` -- the clerk's order per (year,
  title), kept in the ``app_setting`` table (audited like every setting);
  :func:`nomination_order` gives the dialog the nominees in the standard and stored orders.

Standard order ("thứ tự chuẩn"): people as in the staff list (:func:`app.services.people.
list_people`: unit in tree order, position rank, tên, họ đệm), units in tree order. Subjects
missing from a stored order come after the stored ones, in standard order.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal
from typing import TypeVar

from sqlalchemy.orm import Session

from app.domain.catalogue import CatalogueItem
from app.domain.codes import SubjectKind
from app.domain.council_minutes import CHAIR, DEPUTY, SECRETARY
from app.domain.errors import NotFoundError, ValidationError
from app.domain.settings import AgencySettings
from app.domain.vnformat import format_date
from app.services.achievements import (
    Achievements,
    chosen_initiatives,
    grade_words,
    initiative_names,
    person_achievements,
    unit_achievements,
)
from app.services.council import VoteRow, list_sessions, list_votes, session_report
from app.services.council_members import MemberRow, get_minutes, list_members
from app.services.people import PersonRow, list_people
from app.services.reference import catalogue, codes
from app.services.review import PERSON, UNIT, CandidateRow, candidates
from app.services.settings import get_agency, get_setting, set_setting
from app.services.units import UnitDTO, list_units

__all__ = [
    "ORDER_CLERK",
    "ORDER_STANDARD",
    "PUBLIC_LEVELS",
    "CouncilMinutesData",
    "CouncilVoteLine",
    "NominationLine",
    "NominationListData",
    "NominationOrder",
    "NominationSection",
    "OrderEntry",
    "PublicCommentData",
    "PublicSection",
    "TitleResult",
    "apply_order",
    "council_minutes_data",
    "get_nomination_order",
    "nomination_list_data",
    "nomination_order",
    "public_comment_data",
    "set_nomination_order",
]

ORDER_STANDARD = "chuan"
ORDER_CLERK = "thu-cong"
ORDERS = (ORDER_STANDARD, ORDER_CLERK)
ORDER_KEY = "review.nomination_order.{year}.{title}"
PUBLIC_LEVELS = ("NHA_NUOC", "BO_TINH")  # highest first
NOT_BASIS = {"HOLD", "DISCIPLINE"}  # conditions that say what is absent, not an achievement
SUBJECT_NAMES = {PERSON: "Cá nhân", UNIT: "Tập thể"}
_TRAILING_NOTE = re.compile(r"\s*\([^()]*\)$")

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


# --------------------------------------------------------------------------- DTOs


@dataclass(frozen=True)
class NominationLine:
    """A person or unit on a nomination list (or the public-comment list)."""

    subject: str  # "person" or "unit"
    subject_id: int
    name: str
    gender: str
    birth_date: date | None
    birth_year: int | None
    position: str  # a person's position; empty for a unit
    unit: str  # a person's unit; the unit a collective belongs to (empty under the agency)
    category: str  # a collective's category ("Đơn vị sự nghiệp"); empty for a person
    basis: str  # the conditions met, from the eligibility verdict ("Xếp loại năm 2025 ...")
    percent: Decimal | None = None  # of the Council's total membership, when voted
    note: str = ""
    summary: str = ""  # the record in words (grades, awards, initiatives): "Tóm tắt thành tích"

    @property
    def key(self) -> tuple[str, int]:
        return (self.subject, self.subject_id)


@dataclass(frozen=True)
class NominationSection:
    subject: str  # "unit" (Tập thể) or "person" (Cá nhân)
    name: str
    lines: tuple[NominationLine, ...]


@dataclass(frozen=True)
class NominationListData:
    agency: AgencySettings
    year: int
    on: date
    title: str  # catalogue code
    title_name: str
    is_title: bool  # danh hiệu (True) or hình thức khen thưởng
    unit_name: str | None  # the unit chosen, None for the whole agency
    order: str
    voted: bool  # the year has Council votes for the title: only passed ones are listed
    sections: tuple[NominationSection, ...]

    @property
    def count(self) -> int:
        return sum(len(s.lines) for s in self.sections)

    @property
    def count_label(self) -> str:
        return "trường hợp"

    @property
    def has_people(self) -> bool:
        return any(s.subject == PERSON for s in self.sections)

    @property
    def has_units(self) -> bool:
        return any(s.subject == UNIT for s in self.sections)


@dataclass(frozen=True)
class PublicSection:
    title: str
    title_name: str
    lines: tuple[NominationLine, ...]  # collectives first, then individuals


@dataclass(frozen=True)
class PublicCommentData:
    agency: AgencySettings
    year: int
    on: date
    unit_name: str | None
    sections: tuple[PublicSection, ...]

    @property
    def count(self) -> int:
        return sum(len(s.lines) for s in self.sections)

    @property
    def count_label(self) -> str:
        return "trường hợp"


@dataclass(frozen=True)
class CouncilVoteLine:
    subject: str
    subject_id: int
    name: str
    unit: str
    title: str
    title_name: str
    title_short: str
    issued: int
    returned: int
    valid: int
    in_favour: int
    percent: Decimal  # of the total membership, one decimal
    threshold: Decimal
    majority: bool  # no threshold of its own: more than ``threshold`` % passes
    passed: bool
    note: str = ""

    @property
    def invalid(self) -> int:
        return self.returned - self.valid

    @property
    def result(self) -> str:
        return "Đạt" if self.passed else "Không đạt"


@dataclass(frozen=True)
class TitleResult:
    """How one title fared in a session: passed individuals and collectives, failed ones."""

    title: str
    title_name: str
    people: int
    units: int
    failed: int


@dataclass(frozen=True)
class CouncilMinutesData:
    agency: AgencySettings
    session_id: int
    year: int
    meeting_date: date
    place: str
    chair: str
    secretary: str
    members_total: int
    present: int
    written_opinions: int
    note: str
    votes: tuple[CouncilVoteLine, ...]  # by title (highest first), collectives first
    state_level: bool  # a vote for a State-level award: the minutes record the public comment
    members: tuple[MemberRow, ...] = ()  # the members named (empty: only the counts are known)
    started_at: time | None = None
    ended_at: time | None = None
    public_comment: str = ""  # the outcome of the public comment, as recorded

    @property
    def chair_member(self) -> MemberRow | None:
        """The member who chaired: the Chủ tịch, else a Phó Chủ tịch, among those present."""
        for role in (CHAIR, DEPUTY):
            for member in self.members:
                if member.role == role and member.present:
                    return member
        return None

    @property
    def secretary_member(self) -> MemberRow | None:
        return next((m for m in self.members if m.role == SECRETARY), None)

    @property
    def absent(self) -> int:
        return self.members_total - self.present

    @property
    def count(self) -> int:
        return len(self.votes)

    @property
    def count_label(self) -> str:
        return "lượt biểu quyết"

    def results(self) -> tuple[TitleResult, ...]:
        """One line per title voted on, in the order of :attr:`votes`."""
        out: dict[str, list[int]] = {}
        names: dict[str, str] = {}
        for vote in self.votes:
            counts = out.setdefault(vote.title, [0, 0, 0])
            names[vote.title] = vote.title_name
            if not vote.passed:
                counts[2] += 1
            elif vote.subject == UNIT:
                counts[1] += 1
            else:
                counts[0] += 1
        return tuple(TitleResult(code, names[code], *counts) for code, counts in out.items())


@dataclass(frozen=True)
class OrderEntry:
    """One nominee as the order dialog shows it."""

    subject: str
    subject_id: int
    name: str
    unit: str

    @property
    def key(self) -> tuple[str, int]:
        return (self.subject, self.subject_id)

    @property
    def label(self) -> str:
        prefix = "Tập thể: " if self.subject == UNIT else ""
        return f"{prefix}{self.name} - {self.unit}" if self.unit else f"{prefix}{self.name}"


@dataclass(frozen=True)
class NominationOrder:
    """The nominees of (year, title) in standard order and in the order now stored."""

    year: int
    title: str
    title_name: str
    standard: tuple[OrderEntry, ...]
    current: tuple[OrderEntry, ...]
    stored: bool  # a clerk's order is stored


# --------------------------------------------------------------------------- helpers


def _need_year(year: int | None, what: str) -> int:
    if year is None:
        raise ValidationError(f"{what} cần chọn năm")
    if not 1900 <= year <= 2100:
        raise ValidationError(f"Năm {year} không hợp lệ")
    return year


def _item(title: str | None) -> CatalogueItem:
    if not title:
        raise ValidationError(
            "Danh sách đề nghị khen thưởng cần chọn danh hiệu / hình thức (tham số --title)"
        )
    cat = catalogue()
    if title not in cat:
        raise NotFoundError(f"Không có danh hiệu/hình thức '{title}' trong danh mục")
    return cat.get(title)


def _check_order(order: str) -> str:
    if order not in ORDERS:
        raise ValidationError(
            f"Thứ tự '{order}' không hợp lệ: chọn '{ORDER_STANDARD}' (thứ tự chuẩn) "
            f"hoặc '{ORDER_CLERK}' (do chuyên viên sắp)"
        )
    return order


def apply_order(items: Sequence[V], key_of: Callable[[V], K], stored: Iterable[K]) -> list[V]:
    """``items`` (in standard order) rearranged: those in ``stored`` first, in that order, the
    others after them in their own order."""
    position: dict[K, int] = {}
    for key in stored:
        position.setdefault(key, len(position))
    last = len(position)
    ranked = sorted(
        range(len(items)),
        key=lambda i: (position.get(key_of(items[i]), last), i),
    )
    return [items[i] for i in ranked]


def _unit_of(unit: UnitDTO, units: dict[int, UnitDTO]) -> str:
    """The unit a collective belongs to; empty directly under the agency (the tree's root)."""
    parent = units.get(unit.parent_id) if unit.parent_id is not None else None
    if parent is None or parent.parent_id is None:
        return ""
    return parent.full_name


@dataclass(frozen=True)
class _Facts:
    """What the basis of a proposal may cite besides the verdict."""

    initiatives: dict[int, str]  # initiative id -> "Sáng kiến “...” (cấp tỉnh, 2025)"
    chosen: dict[tuple[str, int, str], list[int]]  # the clerk's initiatives per proposal
    records: dict[tuple[str, int], Achievements]  # the record, for proposals with no verdict


def _verdict_facts(row: CandidateRow, title: str) -> list[str]:
    """The met conditions of the verdict on ``title`` that state an achievement."""
    verdict = row.verdicts.get(title)
    if verdict is None:
        return []
    # Two conditions may state one fact ("Xếp loại năm 2025 là HTXSNV (tiêu chuẩn LĐTT)" and
    # "Xếp loại năm 2025 là HTXSNV"): the fact once, without the note on which rule it meets.
    facts: dict[str, None] = {}
    for c in verdict.conditions:
        if c.met and not c.manual and c.key not in NOT_BASIS:
            facts.setdefault(_TRAILING_NOTE.sub("", c.text), None)
    return [grade_words(fact) for fact in facts]


def _initiative_ids(row: CandidateRow, title: str, facts: _Facts) -> list[int]:
    """Initiatives the proposal rests on: those the verdict counted, then the clerk's."""
    verdict = row.verdicts.get(title)
    counted: tuple[int, ...] = tuple(getattr(verdict, "initiatives", ()) or ())
    out = list(counted)
    for iid in facts.chosen.get((row.subject, row.subject_id, title), []):
        if iid not in out:
            out.append(iid)
    return out


def _basis(row: CandidateRow, title: str, facts: _Facts | None = None) -> str:
    """ "Căn cứ đề nghị": the verdict's achievements (grades in words, years), the initiatives
    relied on, and the clerk's reason when the proposal is the clerk's own; with no verdict
    fact (a proposal the engine did not find eligible), the record in words."""
    parts = _verdict_facts(row, title)
    if facts is not None:
        ids = _initiative_ids(row, title, facts)
        named = [facts.initiatives[i] for i in ids if i in facts.initiatives]
        if named:
            parts.append("Sáng kiến được dùng: " + "; ".join(named))
        if not parts:
            record = facts.records.get((row.subject, row.subject_id))
            if record is not None:
                parts.extend(record.parts())
    override = row.override
    if override is not None and override.proposed == title and override.reason:
        parts.append(f"Lý do đề xuất: {override.reason}")
    return "; ".join(parts)


def _facts(
    session: Session, year: int, rows: Sequence[CandidateRow], titles: dict[tuple[str, int], str]
) -> _Facts:
    """The initiatives and records the lines of ``rows`` may cite (bulk queries)."""
    chosen = chosen_initiatives(session, year)
    ids: set[int] = set()
    bare: list[CandidateRow] = []
    for row in rows:
        title = titles.get(row.key)
        if title is None:
            continue
        ids.update(_initiative_ids(row, title, _Facts({}, chosen, {})))
        if not _verdict_facts(row, title):
            bare.append(row)
    records: dict[tuple[str, int], Achievements] = {}
    people = [r.subject_id for r in bare if r.subject == PERSON]
    units = [r.subject_id for r in bare if r.subject == UNIT]
    for pid, found in person_achievements(session, people, year).items():
        records[(PERSON, pid)] = found
    for uid, found in unit_achievements(session, units, year).items():
        records[(UNIT, uid)] = found
    return _Facts(initiative_names(session, ids), chosen, records)


class _Directory:
    """People and units of a year as the lists print them, with their standard order."""

    def __init__(self, session: Session, on: date) -> None:
        self.people: dict[int, PersonRow] = {p.id: p for p in list_people(session, on=on)}
        self.units: dict[int, UnitDTO] = {u.id: u for u in list_units(session)}
        self.genders = {e.code: e.name for e in codes().table("genders")}
        self.categories = {e.code: e.name for e in codes().table("collective_categories")}

    def rank(self, subject: str, subject_id: int) -> tuple[int, int]:
        if subject == PERSON:
            person = self.people.get(subject_id)
            return (1, person.standard_order if person else len(self.people))
        unit = self.units.get(subject_id)
        return (0, unit.tree_index if unit else len(self.units))

    def line(
        self,
        row: CandidateRow,
        title: str,
        percent: Decimal | None,
        facts: _Facts | None = None,
        summary: str = "",
    ) -> NominationLine:
        if row.subject == PERSON:
            person = self.people.get(row.subject_id)
            return NominationLine(
                subject=PERSON,
                subject_id=row.subject_id,
                name=person.full_name if person else row.name,
                gender=self.genders.get(person.gender or "", "") if person else "",
                birth_date=person.birth_date if person else row.birth_date,
                birth_year=person.birth_year if person else None,
                position=person.position_title if person else "",
                unit=(person.unit_name if person else "") or row.unit,
                category="",
                basis=_basis(row, title, facts),
                percent=percent,
                summary=summary,
            )
        unit = self.units.get(row.subject_id)
        return NominationLine(
            subject=UNIT,
            subject_id=row.subject_id,
            name=unit.full_name if unit else row.name,
            gender="",
            birth_date=None,
            birth_year=None,
            position="",
            unit=_unit_of(unit, self.units) if unit else "",
            category=self.categories.get(unit.collective_category or "", "") if unit else "",
            basis=_basis(row, title, facts),
            percent=percent,
            summary=summary,
        )


def _latest_votes(session: Session, year: int, title: str) -> dict[tuple[str, int], Decimal | None]:
    """(subject, id) -> percent of the latest vote on ``title`` in ``year`` that passed (None
    when the latest vote failed)."""
    found: dict[tuple[str, int], Decimal | None] = {}
    for meeting in list_sessions(session, year):  # by meeting date: later votes win
        for vote in list_votes(session, meeting.id):
            if vote.title == title:
                found[(vote.subject, vote.subject_id)] = vote.percent if vote.passed else None
    return found


def _nominees(
    session: Session, year: int, item: CatalogueItem, unit_id: int | None
) -> tuple[list[NominationLine], bool, _Directory]:
    """Lines of the nominees for ``item`` in standard order; whether the year has votes."""
    rows = [r for r in candidates(session, year, unit_id) if r.proposed == item.code]
    votes = _latest_votes(session, year, item.code)
    voted = bool(votes)
    if voted:
        rows = [r for r in rows if votes.get(r.key) is not None]
    directory = _Directory(session, date(year, 12, 31))
    facts = _facts(session, year, rows, {r.key: item.code for r in rows})
    lines: list[tuple[tuple[int, int], NominationLine]] = []
    for row in rows:
        percent = votes.get(row.key) if voted else None
        lines.append(
            (
                directory.rank(row.subject, row.subject_id),
                directory.line(row, item.code, percent, facts),
            )
        )
    lines.sort(key=lambda pair: pair[0])
    return [line for _rank, line in lines], voted, directory


# --------------------------------------------------------------------------- the clerk's order


def _order_key(year: int, title: str) -> str:
    return ORDER_KEY.format(year=year, title=title)


def get_nomination_order(session: Session, year: int, title: str) -> list[tuple[str, int]]:
    """The clerk's order of the nominees for ``title`` in ``year`` (empty when none is stored)."""
    stored = get_setting(session, _order_key(year, title), [])
    out: list[tuple[str, int]] = []
    if not isinstance(stored, list):
        return out
    for entry in stored:
        if (
            isinstance(entry, list | tuple)
            and len(entry) == 2
            and entry[0] in (PERSON, UNIT)
            and isinstance(entry[1], int)
        ):
            out.append((entry[0], entry[1]))
    return out


def set_nomination_order(
    session: Session, year: int, title: str, order: Sequence[tuple[str, int]]
) -> None:
    """Store the clerk's order (an empty list goes back to the standard order)."""
    _need_year(year, "Thứ tự danh sách đề nghị")
    _item(title)
    problems: list[str] = []
    seen: set[tuple[str, int]] = set()
    clean: list[list[object]] = []
    for subject, subject_id in order:
        if subject not in (PERSON, UNIT) or not isinstance(subject_id, int):
            problems.append(f"Mục '{subject} {subject_id}' không phải một cá nhân hay tập thể")
            continue
        if (subject, subject_id) in seen:
            problems.append(
                f"{SUBJECT_NAMES[subject]} số hiệu {subject_id} xuất hiện hai lần trong thứ tự"
            )
            continue
        seen.add((subject, subject_id))
        clean.append([subject, subject_id])
    if problems:
        raise ValidationError(problems)
    set_setting(session, _order_key(year, title), clean)


def nomination_order(session: Session, year: int, title: str) -> NominationOrder:
    """The whole agency's nominees for ``title`` in ``year``, for the order dialog."""
    _need_year(year, "Thứ tự danh sách đề nghị")
    item = _item(title)
    lines, _voted, _directory = _nominees(session, year, item, None)
    standard = tuple(OrderEntry(x.subject, x.subject_id, x.name, x.unit) for x in lines)
    stored = get_nomination_order(session, year, title)
    current = tuple(apply_order(standard, lambda e: e.key, stored))
    return NominationOrder(year, title, item.name, standard, current, bool(stored))


# --------------------------------------------------------------------------- the lists


def _scope(session: Session, unit_id: int | None) -> str | None:
    if unit_id is None:
        return None
    for unit in list_units(session):
        if unit.id == unit_id:
            return unit.full_name
    raise NotFoundError(f"Không tìm thấy đơn vị id={unit_id}")


def nomination_list_data(
    session: Session,
    year: int | None,
    title: str | None,
    unit_id: int | None = None,
    on: date | None = None,
    order: str = ORDER_STANDARD,
) -> NominationListData:
    """Danh sách đề nghị khen thưởng of ``title`` in ``year`` (see the module docstring)."""
    year = _need_year(year, "Danh sách đề nghị khen thưởng")
    item = _item(title)
    order = _check_order(order)
    scope = _scope(session, unit_id)
    lines, voted, _directory = _nominees(session, year, item, unit_id)
    if order == ORDER_CLERK:
        lines = apply_order(lines, lambda x: x.key, get_nomination_order(session, year, item.code))
    sections = []
    for subject, kind in ((UNIT, SubjectKind.TAP_THE), (PERSON, SubjectKind.CA_NHAN)):
        if kind in item.subjects:
            chosen = tuple(x for x in lines if x.subject == subject)
            sections.append(NominationSection(subject, SUBJECT_NAMES[subject], chosen))
    return NominationListData(
        agency=get_agency(session),
        year=year,
        on=on or date.today(),
        title=item.code,
        title_name=item.name,
        is_title=item.is_title,
        unit_name=scope,
        order=order,
        voted=voted,
        sections=tuple(sections),
    )


def public_comment_data(
    session: Session, year: int | None, unit_id: int | None = None, on: date | None = None
) -> PublicCommentData:
    """Candidates proposed for a title or form of the province, ministry or State level."""
    year = _need_year(year, "Danh sách lấy ý kiến công khai")
    scope = _scope(session, unit_id)
    cat = catalogue()
    rows = [
        r
        for r in candidates(session, year, unit_id)
        if r.proposed is not None
        and r.proposed in cat
        and cat.get(r.proposed).level in PUBLIC_LEVELS
    ]
    directory = _Directory(session, date(year, 12, 31))
    facts = _facts(session, year, rows, {r.key: r.proposed or "" for r in rows})
    records = {
        **{
            (PERSON, k): v
            for k, v in person_achievements(
                session, [r.subject_id for r in rows if r.subject == PERSON], year
            ).items()
        },
        **{
            (UNIT, k): v
            for k, v in unit_achievements(
                session, [r.subject_id for r in rows if r.subject == UNIT], year
            ).items()
        },
    }
    by_title: dict[str, list[CandidateRow]] = {}
    for row in rows:
        by_title.setdefault(row.proposed or "", []).append(row)
    titles = sorted(
        by_title,
        key=lambda code: (
            PUBLIC_LEVELS.index(cat.get(code).level),
            -cat.get(code).rank,
            cat.get(code).order,
        ),
    )
    sections = []
    for code in titles:
        ranked = sorted(by_title[code], key=lambda r: directory.rank(r.subject, r.subject_id))
        lines = tuple(
            directory.line(r, code, None, facts, _summary(records.get(r.key), r, code, facts))
            for r in ranked
        )
        sections.append(PublicSection(code, cat.get(code).name, lines))
    return PublicCommentData(
        agency=get_agency(session),
        year=year,
        on=on or date.today(),
        unit_name=scope,
        sections=tuple(sections),
    )


def _summary(record: Achievements | None, row: CandidateRow, title: str, facts: _Facts) -> str:
    """ "Tóm tắt thành tích" of a public-comment line: the record in words, the initiatives
    the proposal rests on when the record does not name them."""
    parts = record.parts() if record is not None else []
    named = [
        facts.initiatives[i] for i in _initiative_ids(row, title, facts) if i in facts.initiatives
    ]
    text = "; ".join(parts)
    extra = [n for n in named if n not in text]
    if extra:
        parts.append("Sáng kiến được dùng: " + "; ".join(extra))
    return "; ".join(parts) or _basis(row, title, facts)


# --------------------------------------------------------------------------- the minutes


def _pick_session(session: Session, session_id: int | None, year: int | None) -> int:
    if session_id is not None:
        return session_id
    if year is None:
        raise ValidationError(
            "Biên bản cần chọn phiên họp Hội đồng Thi đua - Khen thưởng (tham số --session)"
        )
    meetings = list_sessions(session, year)
    if not meetings:
        raise ValidationError(
            f"Năm {year} chưa có phiên họp Hội đồng Thi đua - Khen thưởng nào "
            "(ghi phiên họp ở màn hình Bình xét trước)"
        )
    if len(meetings) > 1:
        listed = ", ".join(f"số hiệu {m.id} (ngày {format_date(m.meeting_date)})" for m in meetings)
        raise ValidationError(
            f"Năm {year} có {len(meetings)} phiên họp Hội đồng: {listed}; "
            "hãy chọn một phiên họp (tham số --session)"
        )
    return meetings[0].id


def council_minutes_data(
    session: Session, session_id: int | None, year: int | None = None
) -> CouncilMinutesData:
    """A Council session and its votes: by title (highest rank first), collectives first, then
    standard order. With only ``year``, the year's one session (refused when it has several)."""
    sid = _pick_session(session, session_id, year)
    report = session_report(session, sid)
    if year is not None and report.year != year:
        raise ValidationError(
            f"Phiên họp số hiệu {sid} (ngày {format_date(report.meeting_date)}) thuộc năm xét "
            f"{report.year}, không phải năm {year}"
        )
    cat = catalogue()
    directory = _Directory(session, report.meeting_date)

    def sort_key(vote: VoteRow) -> tuple[int, int, tuple[int, int]]:
        item = cat.get(vote.title) if vote.title in cat else None
        return (
            -(item.rank if item else 0),
            item.order if item else len(cat.items) + 1,
            directory.rank(vote.subject, vote.subject_id),
        )

    lines = []
    for vote in sorted(report.votes, key=sort_key):
        item = cat.get(vote.title) if vote.title in cat else None
        lines.append(
            CouncilVoteLine(
                subject=vote.subject,
                subject_id=vote.subject_id,
                name=vote.name,
                unit=vote.unit,
                title=vote.title,
                title_name=vote.title_name or vote.title,
                title_short=item.short if item else vote.title,
                issued=vote.ballots.issued,
                returned=vote.ballots.returned,
                valid=vote.ballots.valid,
                in_favour=vote.ballots.in_favour,
                percent=vote.percent,
                threshold=vote.threshold_pct,
                majority=vote.majority_rule,
                passed=vote.passed,
                note=vote.note or "",
            )
        )
    state = any(v.title in cat and cat.get(v.title).level == "NHA_NUOC" for v in lines)
    minutes = get_minutes(session, report.id)
    return CouncilMinutesData(
        agency=get_agency(session),
        session_id=report.id,
        year=report.year,
        meeting_date=report.meeting_date,
        place=report.place or "",
        chair=report.chair or "",
        secretary=report.secretary or "",
        members_total=report.members_total,
        present=report.present,
        written_opinions=report.written_opinions,
        note=report.note or "",
        votes=tuple(lines),
        state_level=state,
        members=tuple(list_members(session, report.id)),
        started_at=minutes.started_at,
        ended_at=minutes.ended_at,
        public_comment=minutes.public_comment,
    )
