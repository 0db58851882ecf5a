"""The year under review in a demo database: grades and sign-ups, no decisions yet.

:func:`app.services.demo.build_demo` writes a history that ends with decided years. To show the
year-end work (bình xét, the Council, decisions), :func:`add_review_year` adds the next year as
a clerk finds it in December: every active person graded (mostly like the year before), the
regular campaign with individual and collective sign-ups, most units' submissions received, the
units graded and the clusters entered (:mod:`app.services.demo_clusters`). Deterministic for a
seed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from app.db import models as db
from app.db.audit import log_action, summarised
from app.domain.vnformat import format_count
from app.services.campaigns import ensure_regular_campaign
from app.services.demo_clusters import add_review_collectives
from app.services.people_queries import current_assignments
from app.services.registrations import recompute_flags

__all__ = ["ReviewYearSummary", "add_review_year"]

AUTHOR = "demo"
_GRADES = ("HTXSNV", "HTTNV", "HTNV", "KHTNV")


@dataclass(frozen=True)
class ReviewYearSummary:
    year: int
    grades: int
    people_signed_up: int
    units_signed_up: int


def _grade(rng: random.Random, last: str | None) -> str:
    if last in _GRADES and rng.random() < 0.7:
        return last
    return rng.choices(_GRADES, weights=(18, 62, 17, 3))[0]


def _title(rng: random.Random, grade: str, last_grade: str | None) -> str | None:
    if grade == "HTXSNV" and last_grade == "HTXSNV" and rng.random() < 0.5:
        return "CSTDCS"
    if grade in ("HTXSNV", "HTTNV"):
        return "LDTT" if rng.random() < 0.95 else None
    return "LDTT" if rng.random() < 0.3 else None  # hopeful sign-ups: the review will say no


def add_review_year(session: Session, year: int, seed: int = 2026) -> ReviewYearSummary:
    """Grades of ``year`` for everyone active on 31/12 and the year's sign-ups."""
    rng = random.Random(f"{seed}-review-{year}")
    if session.scalar(select(func.count()).where(db.PersonGrade.year == year)):
        raise ValueError(f"Năm {year} đã có xếp loại")
    placed = current_assignments(session, date(year, 12, 31))
    active = set(session.scalars(select(db.Person.id).where(db.Person.active.is_(True))))
    people = sorted(pid for pid in placed if pid in active)
    last = dict(
        session.execute(
            select(db.PersonGrade.person_id, db.PersonGrade.grade).where(
                db.PersonGrade.year == year - 1
            )
        ).all()
    )
    grades: dict[int, str] = {pid: _grade(rng, last.get(pid)) for pid in people}
    if grades:
        with summarised(session):
            session.execute(
                insert(db.PersonGrade),
                [
                    dict(person_id=pid, year=year, grade=g, months_worked=12, created_by=AUTHOR)
                    for pid, g in grades.items()
                ],
            )
    campaign, _ = ensure_regular_campaign(session, year)
    sign_ups = []
    for pid in people:
        title = _title(rng, grades[pid], last.get(pid))
        if title is not None:
            sign_ups.append(
                dict(
                    campaign_id=campaign.id,
                    person_id=pid,
                    unit_id=placed[pid][0],
                    catalogue_code=title,
                    source="DEMO",
                    created_by=AUTHOR,
                )
            )
    if sign_ups:
        with summarised(session):
            session.execute(insert(db.Registration), sign_ups)
    staffed = {placed[pid][0] for pid in people}
    units = session.execute(
        select(db.Unit.id, db.Unit.parent_id).where(db.Unit.valid_to.is_(None))
    ).all()
    unit_rows = []
    for uid, parent in units:
        if parent is None or uid not in staffed:
            continue
        title = "TTLDXS" if rng.random() < 0.3 else "TTLDTT"
        received = rng.random() < 0.8
        unit_rows.append(
            dict(
                campaign_id=campaign.id,
                unit_id=uid,
                catalogue_code=title,
                status="DA_NOP" if received else "CHUA_GUI",
                submitted_on=date(year, 1, 20) if received else None,
                created_by=AUTHOR,
            )
        )
    if unit_rows:
        with summarised(session):
            session.execute(insert(db.UnitRegistration), unit_rows)
    recompute_flags(session, campaign.id)
    log_action(
        session,
        "DEMO",
        "registration",
        None,
        f"Năm bình xét {year} của CSDL mẫu: {format_count(len(grades))} xếp loại, "
        f"{format_count(len(sign_ups))} cá nhân và {format_count(len(unit_rows))} tập thể đăng "
        "ký thi đua",
    )
    add_review_collectives(session, year, seed)
    return ReviewYearSummary(year, len(grades), len(sign_ups), len(unit_rows))
