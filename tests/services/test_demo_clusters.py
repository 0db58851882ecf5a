"""The demo's year under review shows the collective path: units graded, collectives eligible
for TTLĐXS and TTLĐTT, and clusters (issue 12)."""

from __future__ import annotations

from collections import Counter

import pytest
from sqlalchemy import select

from app.db.models import Unit, UnitGrade
from app.services.clusters import list_clusters
from app.services.demo import DemoOptions, build_demo
from app.services.review import UNIT, candidates


@pytest.fixture(scope="module")
def demo(tmp_path_factory):  # type: ignore[no-untyped-def]
    from app.config import sqlite_url
    from app.services.database import open_database

    folder = tmp_path_factory.mktemp("demo-clusters")
    db = open_database(sqlite_url(folder / "demo.sqlite"), backup_folder=folder)
    with db.session_factory.begin() as s:
        summary = build_demo(s, DemoOptions(people=150, years=3, review_year=True))
    year = summary.last_year + 1
    with db.session_factory() as s:
        rows = [r for r in candidates(s, year) if r.subject == UNIT]
        clusters = {y: list_clusters(s, y) for y in (year - 1, year)}
        grades = dict(
            s.execute(
                select(UnitGrade.unit_id, UnitGrade.grade).where(UnitGrade.year == year)
            ).all()
        )
        root = s.scalar(select(Unit.id).where(Unit.parent_id.is_(None), Unit.valid_to.is_(None)))
    db.dispose()
    return {"year": year, "rows": rows, "clusters": clusters, "grades": grades, "root": root}


def _eligible(rows, title: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [r.name for r in rows if r.verdicts[title].eligible]


def test_the_review_year_has_eligible_ttldxs_and_ttldtt_units(demo) -> None:  # type: ignore[no-untyped-def]
    rows = demo["rows"]
    assert _eligible(rows, "TTLDXS"), "a collective eligible for TTLĐXS"
    assert _eligible(rows, "TTLDTT"), "a collective eligible for TTLĐTT"
    assert any(r.proposed in ("TTLDXS", "TTLDTT") for r in rows)
    # every unit evaluated has its own grade of the year; the agency is HTXSNV
    assert {r.subject_id for r in rows} <= set(demo["grades"])
    assert demo["grades"][demo["root"]] == "HTXSNV"
    assert set(Counter(demo["grades"].values())) <= {"HTXSNV", "HTTNV", "HTNV"}


def test_the_review_year_has_clusters_and_the_flag_reads_them(demo) -> None:  # type: ignore[no-untyped-def]
    year = demo["year"]
    now = {c.name: c for c in demo["clusters"][year]}
    bloc = now["Khối thi đua các sở, ngành kinh tế - kỹ thuật"]
    assert (bloc.kind, bloc.organiser) == ("KHOI", "UBND_TINH")
    assert [(m.unit_id, m.result) for m in bloc.members] == [(demo["root"], "DAN_DAU")]
    chi_cuc = now["Cụm thi đua các Chi cục"]
    assert chi_cuc.organiser == "SO" and chi_cuc.results_entered == len(chi_cuc.members) >= 2
    centres = now["Cụm thi đua các đơn vị sự nghiệp"]
    assert centres.members and centres.results_entered == 0  # not voted yet
    assert all(c.results_entered == len(c.members) for c in demo["clusters"][year - 1])

    by_id = {r.subject_id: r for r in demo["rows"]}
    agency = by_id[demo["root"]].verdicts["CO_TINH"]
    assert agency.eligible, agency.explanation
    # a Chi cục leading the Sở's own cluster is not a leader for the province's flag
    leader = next(m for m in chi_cuc.members if m.result == "DAN_DAU")
    flag = by_id[leader.unit_id].verdicts["CO_TINH"]
    cluster = next(c for c in flag.conditions if c.key == "CLUSTER")
    assert flag.verdict == "not_eligible" and cluster.met is False
    assert cluster.text.startswith(
        f"Không là thành viên cụm, khối thi đua nào do UBND tỉnh tổ chức năm {year}; "
        "Cụm thi đua các Chi cục do Sở tổ chức không được tính"
    )
