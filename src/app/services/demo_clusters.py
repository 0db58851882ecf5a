"""The collective side of the demo's year under review (issue 12): units' grades and clusters.

:func:`add_review_collectives` runs after :func:`app.services.demo_review.add_review_year` has
graded the people. Each unit in operation gets its own grade: the agency HTXSNV; a unit whose
members meet every TTLĐXS condition but the grade usually HTXSNV, the others mostly HTTNV. So
the review shows collectives eligible for TTLĐXS and TTLĐTT for the reasons the law gives.

Clusters: the Sở in a bloc of the province's departments (organised by the UBND tỉnh; it led
it this year and the year before), the Chi cục in a cluster the Sở organises (results
entered), the centres in another (results not entered yet: "cần xem xét").
Deterministic for a seed; Core inserts with one audit entry, as the rest of the demo.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from app.db import models as db
from app.db.audit import log_action, summarised
from app.domain.vnformat import format_count

__all__ = ["ClusterSpec", "DEMO_CLUSTERS", "add_review_collectives"]

AUTHOR = "demo"


@dataclass(frozen=True)
class ClusterSpec:
    name: str
    kind: str
    organiser: str
    units: tuple[str, ...]  # unit codes of the demo tree
    results_this_year: bool  # entered for the year under review
    note: str = ""


DEMO_CLUSTERS: tuple[ClusterSpec, ...] = (
    ClusterSpec(
        "Khối thi đua các sở, ngành kinh tế - kỹ thuật",
        "KHOI",
        "UBND_TINH",
        ("SNNMT",),
        True,
        "Khối trưởng: Sở Nông nghiệp và Môi trường; các sở khác của khối không có trong CSDL này",
    ),
    ClusterSpec(
        "Cụm thi đua các Chi cục",
        "CUM",
        "SO",
        ("CCKL", "CCTL", "CCQLCL", "CCTS"),
        True,
    ),
    ClusterSpec(
        "Cụm thi đua các đơn vị sự nghiệp",
        "CUM",
        "SO",
        ("TTKN", "TTQT", "TTCNTT", "TTPTQD", "TTGIONG", "TTNS", "VPDK", "BQLRPH"),
        False,
    ),
)


def _grades(session: Session, year: int, rng: random.Random) -> dict[int, str]:
    """A grade for every unit in operation with members, from its members' results."""
    from app.services.eligibility import evaluate_year

    grades: dict[int, str] = {}
    roots = set(
        session.scalars(
            select(db.Unit.id).where(db.Unit.parent_id.is_(None), db.Unit.valid_to.is_(None))
        )
    )
    for row in evaluate_year(session, year, title="TTLDXS"):
        if row.subject != "unit":
            continue
        ready = all(c.met is True for c in row.verdict.conditions if c.key != "GRADE")
        if row.subject_id in roots or (ready and rng.random() < 0.7):
            grades[row.subject_id] = "HTXSNV"
        else:
            grades[row.subject_id] = "HTTNV" if rng.random() < 0.9 else "HTNV"
    return grades


def _valid_in(unit: db.Unit, year: int) -> bool:
    return (unit.valid_from is None or unit.valid_from <= date(year, 12, 31)) and (
        unit.valid_to is None or unit.valid_to >= date(year, 1, 1)
    )


def _clusters(session: Session, year: int, rng: random.Random) -> int:
    """The demo's clusters of ``year - 1`` (results entered) and ``year``; rows inserted."""
    by_code = {u.code: u for u in session.scalars(select(db.Unit))}
    members = 0
    for which in (year - 1, year):
        for spec in DEMO_CLUSTERS:
            units = [
                by_code[c] for c in spec.units if c in by_code and _valid_in(by_code[c], which)
            ]
            if not units:
                continue
            cluster_id = session.execute(
                insert(db.Cluster).returning(db.Cluster.id),
                [
                    dict(
                        year=which,
                        name=spec.name,
                        kind=spec.kind,
                        organiser=spec.organiser,
                        note=spec.note or None,
                        created_by=AUTHOR,
                    )
                ],
            ).scalar_one()
            entered = which < year or spec.results_this_year
            leader = 0 if len(units) == 1 else rng.randrange(len(units))
            rows = [
                dict(
                    cluster_id=cluster_id,
                    unit_id=u.id,
                    result=("DAN_DAU" if i == leader else "KHONG") if entered else None,
                    created_by=AUTHOR,
                )
                for i, u in enumerate(units)
            ]
            session.execute(insert(db.ClusterMember), rows)
            members += len(rows)
    return members


def add_review_collectives(session: Session, year: int, seed: int = 2026) -> tuple[int, int]:
    """Units' grades and clusters of the year under review; (grades, cluster members) added."""
    rng = random.Random(f"{seed}-collectives-{year}")
    grades = _grades(session, year, rng)
    with summarised(session):  # Core inserts, summarised by the note below
        if grades:
            session.execute(
                insert(db.UnitGrade),
                [
                    dict(unit_id=uid, year=year, grade=g, created_by=AUTHOR)
                    for uid, g in sorted(grades.items())
                ],
            )
        members = _clusters(session, year, rng)
    log_action(
        session,
        "DEMO",
        "unit_grade",
        None,
        f"Năm bình xét {year} của CSDL mẫu: xếp loại {format_count(len(grades))} tập thể, {members} đơn vị "
        "thành viên cụm, khối thi đua (năm này và năm trước)",
    )
    return len(grades), members
