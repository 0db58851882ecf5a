"""Bình xét: a year's candidates with their registered title, verdicts and proposed title.

- :func:`proposed_title` (pure): the highest eligible title not above the registered one, of
  the registered one's kind (danh hiệu or hình thức), by catalogue rank; with nothing
  registered, the highest eligible danh hiệu.
- :func:`candidates`: :func:`app.services.eligibility.evaluate_year` joined with the year's
  regular-campaign registrations (people and units), one row per person or unit.
- :func:`eligible_counts` (pure): how many rows are eligible for each title.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.orm import Session

from app.domain.catalogue import Catalogue
from app.domain.eligibility import Verdict
from app.services.campaigns import regular_campaign
from app.services.eligibility import evaluate_year
from app.services.reference import catalogue
from app.services.registrations import list_registrations, list_unit_registrations

__all__ = [
    "PERSON",
    "UNIT",
    "CandidateRow",
    "candidates",
    "eligible_counts",
    "proposed_title",
    "title_short",
]

PERSON = "person"
UNIT = "unit"
TITLE_KIND = "DANH_HIEU"


@dataclass(frozen=True, eq=False)
class CandidateRow:
    """One person or unit under review in a year."""

    subject: str  # PERSON or UNIT
    subject_id: int
    name: str
    birth_date: date | None
    unit: str
    registered: str | None  # catalogue code of the regular-campaign registration
    proposed: str | None  # catalogue code, None when nothing is eligible
    verdicts: Mapping[str, Verdict] = field(default_factory=dict)

    def verdict(self, code: str) -> Verdict | None:
        return self.verdicts.get(code)


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
    out: list[CandidateRow] = []
    for (subject, subject_id), group in grouped.items():
        verdicts = {r.title: r.verdict for r in group}
        registered = (person_reg if subject == PERSON else unit_reg).get(subject_id)
        first = group[0]
        out.append(
            CandidateRow(
                subject=subject,
                subject_id=subject_id,
                name=first.name,
                birth_date=first.birth_date,
                unit=first.unit,
                registered=registered,
                proposed=proposed_title(registered, verdicts, cat),
                verdicts=verdicts,
            )
        )
    out.sort(key=lambda r: r.subject != PERSON)  # stable: people first
    return out
