"""`tdkt eligibility`: histories read from the database and verdicts with reasons."""

from __future__ import annotations

import json
from datetime import date

import pytest

from app.cli import main
from app.db.models import AwardRecord, Initiative, InitiativeAuthor, PersonGrade
from app.domain.people import PersonInput
from app.domain.units import UnitInput
from app.services import people as people_svc
from app.services import units as unit_svc
from app.services.eligibility import evaluate_year


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
            s.add(
                AwardRecord(
                    subject_kind="CA_NHAN", person_id=star, catalogue_code="LDTT", year=year
                )
            )
            s.add(
                AwardRecord(
                    subject_kind="CA_NHAN", person_id=star, catalogue_code="CSTDCS", year=year
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
    return {"star": star, "plain": plain}


def _verdicts(rows, person_id):
    return {r.title: r.verdict for r in rows if r.subject == "person" and r.subject_id == person_id}


def test_year_end_streak_counts_this_years_cstdcs(database, history) -> None:
    with database.session_factory() as s:
        rows = evaluate_year(s, 2025)
    star = _verdicts(rows, history["star"])
    assert star["LDTT"].verdict == "eligible"
    assert star["CSTDCS"].verdict == "eligible"
    assert star["CSTD_TINH"].verdict == "eligible", star["CSTD_TINH"].explanation
    plain = _verdicts(rows, history["plain"])
    assert plain["LDTT"].verdict == "not_eligible"
    assert (
        plain["LDTT"].explanation
        == "Chưa đạt LĐTT: xếp loại năm 2025 là Hoàn thành nhiệm vụ, cần Hoàn thành tốt nhiệm vụ "
        "trở lên - Luật TĐKT 2022, Điều 24"
    )


def test_revoking_an_award_breaks_the_streak(database, history) -> None:
    from sqlalchemy import update

    with database.session_factory.begin() as s:
        s.execute(
            update(AwardRecord)
            .where(
                AwardRecord.person_id == history["star"],
                AwardRecord.year == 2024,
                AwardRecord.catalogue_code == "CSTDCS",
            )
            .values(revoked=True)
        )
    with database.session_factory() as s:
        verdict = _verdicts(evaluate_year(s, 2025, title="CSTD_TINH"), history["star"])["CSTD_TINH"]
    assert verdict.verdict == "not_eligible"
    assert "Chưa đủ 03 lần liên tục CSTĐCS" in verdict.explanation


def test_cli_json_has_the_documented_shape(database, history, capsys) -> None:
    url = database.url
    database.dispose()
    assert (
        main(
            [
                "eligibility",
                "--db",
                url,
                "--year",
                "2025",
                "--unit",
                "VP",
                "--title",
                "CSTD_TINH",
                "--json",
            ]
        )
        == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert {d["name"] for d in data} == {"Nguyễn Thị Hà", "Trần Văn Nam"}
    row = next(d for d in data if d["name"] == "Nguyễn Thị Hà")
    assert set(row) == {
        "subject",
        "name",
        "birth_date",
        "unit",
        "title",
        "title_name",
        "verdict",
        "verdict_text",
        "explanation",
        "conditions",
    }
    assert (row["subject"], row["birth_date"], row["unit"], row["title"], row["verdict"]) == (
        "person",
        "1985-04-02",
        "Văn phòng Sở",
        "CSTD_TINH",
        "eligible",
    )
    assert all(
        set(c) == {"key", "text", "met", "result", "citation", "manual"} for c in row["conditions"]
    )
    assert main(["eligibility", "--db", url, "--year", "2025", "--title", "KHONG_CO"]) == 2
    assert main(["eligibility", "--db", url, "--year", "2025", "--unit", "XYZ"]) == 1


def test_the_garbage_collector_is_back_on_afterwards_even_after_an_error(database) -> None:
    import gc

    from app.domain.eligibility import RuleSetError
    from app.services.eligibility import evaluate_year

    assert gc.isenabled()
    with database.session_factory() as s:
        evaluate_year(s, 2025)
        assert gc.isenabled()
        with pytest.raises(RuleSetError):
            evaluate_year(s, 1800)  # no rule set that old
    assert gc.isenabled()
