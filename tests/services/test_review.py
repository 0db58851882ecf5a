"""Bình xét service: the proposed title (pure) and candidates joined with registrations."""

from __future__ import annotations

from datetime import date

import pytest

from app.db.models import AwardRecord, Initiative, InitiativeAuthor, PersonGrade
from app.domain.eligibility import Verdict
from app.domain.people import PersonInput
from app.domain.units import UnitInput
from app.services import campaigns as camp
from app.services import people as people_svc
from app.services import registrations as reg
from app.services import units as unit_svc
from app.services.reference import catalogue
from app.services.review import candidates, eligible_counts, proposed_title, title_short


def _verdicts(**results: str) -> dict[str, Verdict]:
    return {code: Verdict(code, result, ()) for code, result in results.items()}


OK, NO, HMM = "eligible", "not_eligible", "needs_review"


def test_nothing_registered_proposes_the_highest_eligible_danh_hieu() -> None:
    verdicts = _verdicts(LDTT=OK, CSTDCS=OK, CSTD_TINH=NO, BK_TINH=OK, GK_SO=OK)
    assert proposed_title(None, verdicts, catalogue()) == "CSTDCS"


def test_never_above_the_registered_title() -> None:
    verdicts = _verdicts(LDTT=OK, CSTDCS=OK, CSTD_TINH=OK)
    assert proposed_title("CSTDCS", verdicts, catalogue()) == "CSTDCS"
    assert proposed_title("LDTT", verdicts, catalogue()) == "LDTT"
    assert proposed_title("CSTD_TINH", verdicts, catalogue()) == "CSTD_TINH"


def test_falls_back_to_a_lower_title_of_the_same_kind() -> None:
    verdicts = _verdicts(LDTT=OK, CSTDCS=NO, CSTD_TINH=HMM, BK_TINH=OK, GK_SO=OK)
    assert proposed_title("CSTD_TINH", verdicts, catalogue()) == "LDTT"
    # a hình thức registration only looks at hình thức
    assert proposed_title("BK_TINH", verdicts, catalogue()) == "BK_TINH"
    assert proposed_title("BK_TTG", verdicts, catalogue()) == "BK_TINH"
    assert proposed_title("BK_TINH", _verdicts(LDTT=OK, BK_TINH=NO), catalogue()) is None


def test_equal_ranks_prefer_the_registered_title() -> None:
    verdicts = _verdicts(CSTD_TINH=OK, CSTD_BO=OK)
    assert proposed_title("CSTD_BO", verdicts, catalogue()) == "CSTD_BO"
    assert proposed_title(None, verdicts, catalogue()) == "CSTD_TINH"


def test_nothing_eligible_or_unknown_code() -> None:
    assert proposed_title("LDTT", _verdicts(LDTT=NO, CSTDCS=HMM), catalogue()) is None
    assert proposed_title("NOPE", _verdicts(LDTT=OK), catalogue()) == "LDTT"
    assert title_short(None) == "—"
    assert title_short("CSTD_TINH") == "CSTĐ tỉnh"


@pytest.fixture
def history(database):
    with database.session_factory.begin() as s:
        root = unit_svc.create_unit(
            s, UnitInput(code="SO", full_name="Sở Nông nghiệp và Môi trường", kind="CO_QUAN")
        )
        vp = unit_svc.create_unit(
            s, UnitInput(code="VP", full_name="Văn phòng Sở", parent_id=root.id, kind="VAN_PHONG")
        )
        star = people_svc.create_person(
            s,
            PersonInput(ho_dem="Nguyễn Thị", ten="Hà", birth_date=date(1985, 4, 2), gender="NU"),
            unit_id=vp.id,
            position_title="Chuyên viên",
            start_date=date(2015, 1, 1),
        )
        plain = people_svc.create_person(
            s,
            PersonInput(ho_dem="Trần Văn", ten="Nam", birth_date=date(1990, 1, 1), gender="NAM"),
            unit_id=vp.id,
            position_title="Chuyên viên",
            start_date=date(2015, 1, 1),
        )
        for year in (2023, 2024, 2025):
            s.add(PersonGrade(person_id=star, year=year, grade="HTXSNV", months_worked=12))
            s.add(PersonGrade(person_id=plain, year=year, grade="HTNV", months_worked=12))
        for year in (2023, 2024):
            for code in ("LDTT", "CSTDCS"):
                s.add(
                    AwardRecord(
                        subject_kind="CA_NHAN", person_id=star, catalogue_code=code, year=year
                    )
                )
        ini = Initiative(
            title="Số hóa hồ sơ đất đai",
            kind="SANG_KIEN",
            scope="PV_TINH",
            year=2025,
            decision_date=date(2025, 6, 1),
        )
        s.add(ini)
        s.flush()
        s.add(InitiativeAuthor(initiative_id=ini.id, person_id=star))
        campaign, _ = camp.ensure_regular_campaign(s, 2025)
        reg.register_person(s, campaign.id, star, "CSTDCS")
    return {"star": star, "plain": plain, "vp": vp.id}


def test_candidates_join_registrations_and_proposals(database, history) -> None:
    reports: list[tuple[str, float]] = []
    with database.session_factory() as s:
        rows = candidates(s, 2025, progress=lambda m, f: reports.append((m, f)))
    people = {r.subject_id: r for r in rows if r.subject == "person"}
    star, plain = people[history["star"]], people[history["plain"]]
    assert star.name == "Nguyễn Thị Hà" and star.unit == "Văn phòng Sở"
    assert star.registered == "CSTDCS"
    assert star.verdicts["CSTD_TINH"].eligible  # eligible, but above the registration
    assert star.proposed == "CSTDCS"
    assert plain.registered is None and plain.proposed is None
    assert not plain.verdicts["LDTT"].eligible
    units = [r for r in rows if r.subject == "unit"]
    # the agency (the tree's root, its members are everyone) and its office, in tree order
    root = next(u.subject_id for u in units if u.subject_id != history["vp"])
    assert [u.subject_id for u in units] == [root, history["vp"]]
    assert rows.index(units[0]) == len(rows) - 2  # people first
    assert reports and reports[-1][1] == 1.0
    assert eligible_counts(rows, ("LDTT", "CSTDCS", "CSTD_TINH")) == {
        "LDTT": 1,
        "CSTDCS": 1,
        "CSTD_TINH": 1,
    }


def test_candidates_without_a_regular_campaign(database, history) -> None:
    with database.session_factory.begin() as s:
        assert candidates(s, 2024, history["vp"])  # 2024 has no campaign: nothing registered
        rows = candidates(s, 2024, history["vp"])
    assert all(r.registered is None for r in rows)
