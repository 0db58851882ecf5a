"""Bình xét: a year's candidates with their registered title, verdicts and proposed title.

- :func:`proposed_title` (pure): the highest eligible title not above the registered one, of
  the registered one's kind (danh hiệu or hình thức), by catalogue rank; with nothing
  registered, the highest eligible danh hiệu.
- :func:`candidates`: :func:`app.services.eligibility.evaluate_year` joined with the year's
  regular-campaign registrations (people and units), one row per person or unit.
- :func:`eligible_counts` (pure): how many rows are eligible for each title.
- :func:`set_override` / :func:`clear_override`: the clerk's own proposal for a person or unit
  with a reason (``CandidateRow.proposed`` then shows it; ``computed`` keeps the engine's).
- :func:`mark_condition`: a condition only a person can judge marked unmet (or met again).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from app.db.models import ConditionMark, Person, ReviewOverride, Unit
from app.domain.catalogue import Catalogue
from app.domain.eligibility import Verdict
from app.domain.errors import ConflictError, NotFoundError, ValidationError
from app.domain.vntext import clean
from app.services.campaigns import regular_campaign
from app.services.eligibility import MemberStats, evaluate_year
from app.services.reference import catalogue
from app.services.registrations import list_registrations, list_unit_registrations

__all__ = [
    "PERSON",
    "UNIT",
    "CandidateRow",
    "Override",
    "candidates",
    "clear_override",
    "eligible_counts",
    "mark_condition",
    "marked_conditions",
    "overrides",
    "proposed_title",
    "set_override",
    "title_short",
]

PERSON = "person"
UNIT = "unit"
TITLE_KIND = "DANH_HIEU"


@dataclass(frozen=True)
class Override:
    """The clerk's proposal replacing the computed one (None: not proposed), with the reason."""

    proposed: str | None
    reason: str
    version: int
    changed_by: str | None


@dataclass(frozen=True, eq=False)
class CandidateRow:
    """One person or unit under review in a year.

    ``proposed`` is what goes forward: the clerk's override when there is one, else
    ``computed`` (the engine's). ``marked`` holds the manual conditions marked unmet.
    """

    subject: str  # PERSON or UNIT
    subject_id: int
    name: str
    birth_date: date | None
    unit: str
    registered: str | None  # catalogue code of the regular-campaign registration
    proposed: str | None  # catalogue code, None when nothing is proposed
    verdicts: Mapping[str, Verdict] = field(default_factory=dict)
    computed: str | None = None
    override: Override | None = None
    unit_id: int | None = None  # a person's unit at the end of the year; a unit's own id
    members: MemberStats | None = None  # units: their members' results
    marked: frozenset[str] = frozenset()

    def verdict(self, code: str) -> Verdict | None:
        return self.verdicts.get(code)

    @property
    def key(self) -> tuple[str, int]:
        return (self.subject, self.subject_id)


def proposed_title(
    registered: str | None, verdicts: Mapping[str, Verdict], catalogue: Catalogue
) -> str | None:
    """The title to propose, or None when nothing fits.

    Among eligible titles of the registered title's kind and of rank not above it, the one of
    highest rank (on equal rank: the registered title itself, then the first in ``verdicts``).
    Without a (known) registration: the highest eligible danh hiệu.
    """
    if registered is not None and registered in catalogue:
        target = catalogue.get(registered)
        kind, cap = target.kind, target.rank
    else:
        registered, kind, cap = None, TITLE_KIND, None
    best: tuple[int, bool, int] | None = None
    chosen: str | None = None
    for index, (code, verdict) in enumerate(verdicts.items()):
        if not verdict.eligible or code not in catalogue:
            continue
        item = catalogue.get(code)
        if item.kind != kind or (cap is not None and item.rank > cap):
            continue
        key = (item.rank, code == registered, -index)
        if best is None or key > best:
            best, chosen = key, code
    return chosen


def title_short(code: str | None, cat: Catalogue | None = None) -> str:
    """The short name of a catalogue code ("LĐTT"), the code itself if unknown, "—" for None."""
    if code is None:
        return "—"
    cat = cat or catalogue()
    return cat.get(code).short if code in cat else code


def eligible_counts(rows: Iterable[CandidateRow], titles: Sequence[str]) -> dict[str, int]:
    """How many of ``rows`` are eligible for each of ``titles`` (in that order)."""
    counts = dict.fromkeys(titles, 0)
    for row in rows:
        for code in titles:
            verdict = row.verdicts.get(code)
            if verdict is not None and verdict.eligible:
                counts[code] += 1
    return counts


def candidates(
    session: Session,
    year: int,
    unit_id: int | None = None,
    *,
    progress: Callable[[str, float], None] | None = None,
) -> list[CandidateRow]:
    """People and units of ``year`` (in ``unit_id``'s subtree) with verdicts and proposals.

    People come first, in the order of :func:`evaluate_year`, then units.
    """
    rows = evaluate_year(session, year, unit_id=unit_id, progress=progress)
    campaign = regular_campaign(session, year)
    person_reg: dict[int, str] = {}
    unit_reg: dict[int, str] = {}
    if campaign is not None:
        person_reg = {
            r.person_id: r.catalogue_code for r in list_registrations(session, campaign.id)
        }
        unit_reg = {
            r.unit_id: r.catalogue_code
            for r in list_unit_registrations(session, campaign.id)
            if r.catalogue_code
        }
    grouped: dict[tuple[str, int], list] = {}
    for row in rows:
        grouped.setdefault((row.subject, row.subject_id), []).append(row)
    cat = catalogue()
    chosen = overrides(session, year)
    marks = marked_conditions(session, year)
    out: list[CandidateRow] = []
    for (subject, subject_id), group in grouped.items():
        verdicts = {r.title: r.verdict for r in group}
        registered = (person_reg if subject == PERSON else unit_reg).get(subject_id)
        first = group[0]
        computed = proposed_title(registered, verdicts, cat)
        override = chosen.get((subject, subject_id))
        out.append(
            CandidateRow(
                subject=subject,
                subject_id=subject_id,
                name=first.name,
                birth_date=first.birth_date,
                unit=first.unit,
                registered=registered,
                proposed=override.proposed if override is not None else computed,
                verdicts=verdicts,
                computed=computed,
                override=override,
                unit_id=first.unit_id,
                members=first.members,
                marked=frozenset(marks.get((subject, subject_id), {})),
            )
        )
    out.sort(key=lambda r: r.subject != PERSON)  # stable: people first
    return out


# --- the clerk's decisions ------------------------------------------------------------------


def _subject_filter(
    model: type[ReviewOverride] | type[ConditionMark], subject: str, sid: int
) -> ColumnElement[bool]:
    if subject == PERSON:
        return model.person_id == sid
    if subject == UNIT:
        return model.unit_id == sid
    raise ValidationError(f"Đối tượng '{subject}' không hợp lệ (person hoặc unit)")


def _check_subject(session: Session, subject: str, sid: int) -> None:
    model = Person if subject == PERSON else Unit if subject == UNIT else None
    if model is None:
        raise ValidationError(f"Đối tượng '{subject}' không hợp lệ (person hoặc unit)")
    if session.get(model, sid) is None:
        what = "cán bộ" if subject == PERSON else "đơn vị"
        raise NotFoundError(f"Không tìm thấy {what} id={sid}")


def overrides(session: Session, year: int) -> dict[tuple[str, int], Override]:
    """The clerk's proposals of ``year`` by (subject, id)."""
    out: dict[tuple[str, int], Override] = {}
    for row in session.scalars(select(ReviewOverride).where(ReviewOverride.year == year)):
        key = (PERSON, row.person_id) if row.person_id is not None else (UNIT, row.unit_id or 0)
        out[key] = Override(row.proposed_title, row.reason, row.version, row.updated_by)
    return out


def set_override(
    session: Session,
    year: int,
    subject: str,
    subject_id: int,
    proposed: str | None,
    reason: str,
    *,
    expected_version: int | None = None,
) -> Override:
    """Propose ``proposed`` (a catalogue code, or None: not proposed) instead of the computed
    title, for a reason. ``expected_version``: the version the clerk saw (None for a new one);
    a different one means another clerk changed it meanwhile (:class:`ConflictError`)."""
    _check_subject(session, subject, subject_id)
    text = clean(reason)
    if not text:
        raise ValidationError("Cần ghi lý do khi thay đổi danh hiệu đề nghị")
    cat = catalogue()
    if proposed is not None:
        if proposed not in cat:
            raise ValidationError(f"Không có danh hiệu/hình thức '{proposed}'")
        kind = "CA_NHAN" if subject == PERSON else "TAP_THE"
        if kind not in cat.get(proposed).subjects:
            who = "cá nhân" if subject == PERSON else "tập thể"
            raise ValidationError(f"'{cat.get(proposed).name}' không dành cho {who}")
    row = session.scalar(
        select(ReviewOverride).where(
            ReviewOverride.year == year, _subject_filter(ReviewOverride, subject, subject_id)
        )
    )
    current = None if row is None else row.version
    if expected_version is not None and current != expected_version:
        raise ConflictError()
    if row is None:
        row = ReviewOverride(
            year=year,
            person_id=subject_id if subject == PERSON else None,
            unit_id=subject_id if subject == UNIT else None,
        )
        session.add(row)
    row.proposed_title = proposed
    row.reason = text
    session.flush()
    return Override(row.proposed_title, row.reason, row.version, row.updated_by)


def clear_override(session: Session, year: int, subject: str, subject_id: int) -> bool:
    """Back to the computed proposal; False when there was no override."""
    row = session.scalar(
        select(ReviewOverride).where(
            ReviewOverride.year == year, _subject_filter(ReviewOverride, subject, subject_id)
        )
    )
    if row is None:
        return False
    session.delete(row)
    session.flush()
    return True


def marked_conditions(session: Session, year: int) -> dict[tuple[str, int], dict[str, str]]:
    """Manual conditions marked unmet in ``year``: {(subject, id): {condition key: note}}."""
    out: dict[tuple[str, int], dict[str, str]] = {}
    for row in session.scalars(select(ConditionMark).where(ConditionMark.year == year)):
        key = (PERSON, row.person_id) if row.person_id is not None else (UNIT, row.unit_id or 0)
        out.setdefault(key, {})[row.condition_key] = row.note or ""
    return out


def mark_condition(
    session: Session,
    year: int,
    subject: str,
    subject_id: int,
    condition_key: str,
    *,
    unmet: bool,
    note: str | None = None,
) -> None:
    """Mark a manual condition unmet (with the clerk's note) or met again (removes the mark)."""
    _check_subject(session, subject, subject_id)
    key = clean(condition_key)
    if not key:
        raise ValidationError("Thiếu mã điều kiện")
    row = session.scalar(
        select(ConditionMark).where(
            ConditionMark.year == year,
            ConditionMark.condition_key == key,
            _subject_filter(ConditionMark, subject, subject_id),
        )
    )
    if not unmet:
        if row is not None:
            session.delete(row)
            session.flush()
        return
    if row is None:
        row = ConditionMark(
            year=year,
            person_id=subject_id if subject == PERSON else None,
            unit_id=subject_id if subject == UNIT else None,
            condition_key=key,
        )
        session.add(row)
    row.note = clean(note) or None
    session.flush()
