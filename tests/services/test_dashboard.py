"""The "Tổng quan" figures, deadlines and chart data, on data built with services and models.

Expectations are counted from what each test creates, not from the service's own queries.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from sqlalchemy import delete

from app.db.models import Assignment, AwardRecord, BaseSalary
from app.domain.campaigns import REGULAR, THEMATIC, CampaignInput
from app.domain.council import Ballots
from app.domain.people import PersonInput
from app.services import council, dashboard, people, registrations, units
from app.services.campaigns import create_campaign, set_closed
from app.services.dashboard import (
    DEADLINE_END,
    DEADLINE_REGISTRATION,
    DEADLINE_REVIEW,
    UNKNOWN_UNIT,
)
from app.services.database import Database
from app.services.demo import DemoOptions, build_demo
from app.services.review import PERSON, UNIT, candidates
from decision_factory import Agency, add_decision, build_agency

YEAR = 2025


@pytest.fixture
def agency(database: Database) -> Agency:
    with database.session_factory.begin() as s:
        return build_agency(s)


def _campaign(s, name: str, year: int, kind: str = THEMATIC, **dates) -> int:  # type: ignore[no-untyped-def]
    data = CampaignInput(
        name=name,
        kind=kind,
        scope="CO_QUAN_DON_VI",
        start_date=dates.pop("start_date", date(year, 1, 1)),
        year=year,
        **dates,
    )
    return create_campaign(s, data).id


def _award(s, year: int, code: str = "LDTT", **fields) -> None:  # type: ignore[no-untyped-def]
    kind = fields.pop("subject_kind", "TAP_THE" if "unit_id" in fields else "CA_NHAN")
    s.add(AwardRecord(subject_kind=kind, catalogue_code=code, year=year, **fields))
    s.flush()


# --- cheap figures -----------------------------------------------------------------------------


def test_year_figures_count_what_was_created(database: Database, agency: Agency) -> None:
    ha, nam, lan, minh = (agency.people[k] for k in ("ha", "nam", "lan", "minh"))
    with database.session_factory.begin() as s:
        regular = _campaign(s, "Thường xuyên 2025", YEAR, REGULAR, end_date=date(YEAR, 12, 31))
        thematic = _campaign(s, "Chuyên đề chuyển đổi số 2025", YEAR)
        older = _campaign(s, "Thường xuyên 2024", YEAR - 1, REGULAR)
        # people: Hà in both campaigns counts once; Lan only in 2024
        registrations.register_person(s, regular, ha, "LDTT")
        registrations.register_person(s, regular, nam, "CSTDCS")
        registrations.register_person(s, thematic, ha, "GK_SO")
        registrations.register_person(s, older, lan, "LDTT")
        # units: the office registers, the branch is listed with "Không đăng ký"
        registrations.register_unit(s, regular, agency.office, "TTLDTT")
        registrations.register_unit(s, regular, agency.branch, None)
        registrations.register_unit(s, older, agency.branch, "TTLDTT")

        session_2025 = council.create_session(
            s,
            council.SessionInput(
                year=YEAR, meeting_date=date(YEAR, 12, 20), members_total=9, present=9
            ),
        )
        session_2024 = council.create_session(
            s,
            council.SessionInput(
                year=YEAR - 1, meeting_date=date(YEAR - 1, 12, 20), members_total=9, present=9
            ),
        )
        yes, no = Ballots(9, 9, 9, 9), Ballots(9, 9, 9, 2)
        council.record_vote(s, session_2025, "LDTT", yes, person_id=ha)
        council.record_vote(s, session_2025, "CSTDCS", yes, person_id=ha)  # Hà counts once
        council.record_vote(s, session_2025, "CSTDCS", no, person_id=nam)  # not passed
        council.record_vote(s, session_2025, "TTLDTT", yes, unit_id=agency.office)
        council.record_vote(s, session_2024, "LDTT", yes, person_id=lan)  # another year

        # awards of 2025: Hà twice (LĐTT by an issued decision, CSTĐCS by hand), the office,
        # a household; Minh's revoked award and Nam's 2024 award do not count.
        add_decision(
            s,
            number="05/QĐ-SNNMT",
            day=date(YEAR, 12, 26),
            code="LDTT",
            lines=[("CA_NHAN", ha, "LDTT")],
            period=(YEAR, YEAR),
        )
        _award(s, YEAR, "CSTDCS", person_id=ha)
        _award(s, YEAR, "TTLDTT", unit_id=agency.office)
        _award(s, YEAR, "GK_SO", subject_kind="HO_GIA_DINH", recipient_name="Hộ ông Nông Văn Dũng")
        _award(s, YEAR, "LDTT", person_id=minh, revoked=True)
        _award(s, YEAR - 1, "LDTT", person_id=nam)
        # a draft of 2025 and an issued decision of 2024 bring no money to 2025
        add_decision(
            s,
            number="",
            day=None,
            code="LDTT",
            lines=[("CA_NHAN", nam, "LDTT")],
            status="DRAFT",
        )
        add_decision(
            s,
            number="09/QĐ-SNNMT",
            day=date(YEAR - 1, 12, 20),
            code="LDTT",
            lines=[("CA_NHAN", lan, "LDTT")],
            period=(YEAR - 1, YEAR - 1),
            records=False,
        )

    with database.session_factory() as s:
        figures = dashboard.year_figures(s, YEAR)

    assert figures.year == YEAR
    assert figures.campaigns == 2
    assert (figures.registered_people, figures.registered_units) == (2, 1)
    assert (figures.passed_people, figures.passed_units) == (1, 1)
    assert (figures.awarded_people, figures.awarded_units) == (1, 1)
    assert figures.awards == 4  # Hà x2, the office, the household
    # LĐTT: 0,3 x 2.340.000 (base salary from 01/07/2024) = 702.000, rounded up to 10.000
    assert figures.money == 710_000
    assert figures.money_problem == ""


def test_an_empty_year_counts_nothing(database: Database, agency: Agency) -> None:
    with database.session_factory() as s:
        figures = dashboard.year_figures(s, 2030)
    assert figures.campaigns == figures.registered_people == figures.awards == 0
    assert figures.money == 0


def test_money_that_cannot_be_computed_says_why(database: Database, agency: Agency) -> None:
    with database.session_factory.begin() as s:
        s.execute(delete(BaseSalary))
        add_decision(
            s,
            number="05/QĐ-SNNMT",
            day=date(YEAR, 12, 26),
            code="LDTT",
            lines=[("CA_NHAN", agency.people["ha"], "LDTT")],
        )
    with database.session_factory() as s:
        figures = dashboard.year_figures(s, YEAR)
    assert figures.money is None
    assert "lương cơ sở" in figures.money_problem
    assert figures.awards == 1  # the other figures are still there


# --- the review --------------------------------------------------------------------------------


def test_review_figures_agree_with_the_candidates(database: Database) -> None:
    year = date.today().year - 1  # the demo's last graded year
    with database.session_factory.begin() as s:
        build_demo(s, DemoOptions(people=80, years=3))
    with database.session_factory() as s:
        rows = candidates(s, year)
        reports: list[tuple[str, float]] = []
        figures = dashboard.review_figures(s, year, progress=lambda m, f: reports.append((m, f)))

    people = [r for r in rows if r.subject == PERSON]
    units = [r for r in rows if r.subject == UNIT]

    def eligible(row, code: str) -> bool:  # type: ignore[no-untyped-def]
        verdict = row.verdicts.get(code)
        return verdict is not None and verdict.eligible

    assert (figures.people, figures.units) == (len(people), len(units))
    for code in ("LDTT", "CSTDCS", "CSTD_TINH"):
        assert figures.eligible[code] == sum(eligible(r, code) for r in people)
    for code in ("TTLDTT", "TTLDXS"):
        assert figures.eligible[code] == sum(eligible(r, code) for r in units)
    assert figures.eligible_people == sum(
        any(eligible(r, c) for c in ("LDTT", "CSTDCS", "CSTD_TINH")) for r in people
    )
    assert figures.eligible_units == sum(
        any(eligible(r, c) for c in ("TTLDTT", "TTLDXS")) for r in units
    )
    assert figures.proposed_people == sum(r.proposed is not None for r in people)
    assert figures.proposed_units == sum(r.proposed is not None for r in units)
    assert sum(figures.proposed.values()) == figures.proposed_people + figures.proposed_units
    assert list(figures.proposed.values()) == sorted(figures.proposed.values(), reverse=True)
    # a real demo has people eligible for LĐTT but not everyone for CSTĐCS
    assert 0 < figures.eligible["CSTDCS"] < figures.eligible["LDTT"] <= figures.people
    assert reports and all(0.0 <= f <= 1.0 for _m, f in reports)


# --- deadlines ---------------------------------------------------------------------------------

TODAY = date(YEAR, 3, 10)


def test_deadlines_with_overdue_and_soon_boundaries(database: Database, agency: Agency) -> None:
    with database.session_factory.begin() as s:
        passed = _campaign(
            s,
            "Phong trào A",
            YEAR,
            start_date=date(YEAR, 1, 1),
            registration_deadline=TODAY - timedelta(days=1),  # overdue by one day
            end_date=TODAY + timedelta(days=7),  # soon (the last day of the window)
            review_until=TODAY + timedelta(days=8),  # just outside the window
        )
        today_due = _campaign(
            s, "Phong trào B", YEAR, start_date=date(YEAR, 1, 1), registration_deadline=TODAY
        )
        ended = _campaign(
            s,
            "Phong trào C",
            YEAR,
            start_date=date(YEAR, 1, 1),
            end_date=TODAY - timedelta(days=3),  # past, but only a date to know
        )
        registrations.register_unit(s, today_due, agency.office, "TTLDTT")
        registrations.set_unit_status(s, today_due, agency.office, "DA_NOP", on=TODAY)
        closed = _campaign(
            s, "Phong trào đã đóng", YEAR, registration_deadline=TODAY, end_date=TODAY
        )
        set_closed(s, closed, True, expected_version=1)
        _campaign(s, "Phong trào năm khác", YEAR + 1, registration_deadline=date(YEAR + 1, 3, 1))

    with database.session_factory() as s:
        rows = dashboard.deadlines(s, YEAR, TODAY)

    got = [(d.campaign, d.kind, d.day, d.days_left) for d in rows]
    assert got == [
        ("Phong trào C", DEADLINE_END, TODAY - timedelta(days=3), -3),
        ("Phong trào A", DEADLINE_REGISTRATION, TODAY - timedelta(days=1), -1),
        ("Phong trào B", DEADLINE_REGISTRATION, TODAY, 0),
        ("Phong trào A", DEADLINE_END, TODAY + timedelta(days=7), 7),
        ("Phong trào A", DEADLINE_REVIEW, TODAY + timedelta(days=8), 8),
        # no review date given: 31/01 of the year after the end
        (
            "Phong trào C",
            DEADLINE_REVIEW,
            date(YEAR + 1, 1, 31),
            (date(YEAR + 1, 1, 31) - TODAY).days,
        ),
    ]
    flags = [(d.overdue, d.soon, d.when) for d in rows]
    assert flags == [
        (False, False, "Đã qua 3 ngày"),  # the end of a campaign is not a duty
        (True, False, "Quá hạn 1 ngày"),
        (False, True, "Hôm nay"),
        (False, True, "Còn 7 ngày"),
        (False, False, "Còn 8 ngày"),
        (False, False, f"Còn {(date(YEAR + 1, 1, 31) - TODAY).days} ngày"),
    ]
    assert {d.campaign_id for d in rows} == {passed, today_due, ended}
    assert rows[2].note == "1 đơn vị đã nộp đăng ký"
    assert "31/01" in rows[5].note and rows[4].note == ""


def test_no_campaign_no_deadline(database: Database) -> None:
    with database.session_factory() as s:
        assert dashboard.deadlines(s, YEAR, TODAY) == []


# --- charts ------------------------------------------------------------------------------------


def test_awards_by_year_counts_people_and_collectives(database: Database, agency: Agency) -> None:
    ha, nam = agency.people["ha"], agency.people["nam"]
    expected = {2019: (1, 0), 2021: (2, 1), 2022: (0, 1), 2023: (1, 0)}
    with database.session_factory.begin() as s:
        for year, (individual, collective) in expected.items():
            for i in range(individual):
                _award(s, year, person_id=(ha, nam)[i])
            for _ in range(collective):
                _award(s, year, "TTLDTT", unit_id=agency.office)
        _award(s, 2021, person_id=ha, revoked=True)  # not counted
        _award(s, 2021, "GK_SO", subject_kind="HO_GIA_DINH", recipient_name="Hộ bà Hoa")
        _award(s, None, "KNC_NNMT", person_id=nam)  # no year: not in a year's bar

    with database.session_factory() as s:
        everything = dashboard.awards_by_year(s)
        last_three = dashboard.awards_by_year(s, 3)
        up_to_2025 = dashboard.awards_by_year(s, 4, until=2025)
        nothing = dashboard.awards_by_year(s, 0)

    def row(year: int) -> tuple[int, int, int]:
        return (year, *expected.get(year, (0, 0)))

    assert everything == [row(y) for y in range(2019, 2024)]  # 2020 is listed with zeros
    assert last_three == [row(y) for y in (2021, 2022, 2023)]
    assert up_to_2025 == [row(y) for y in (2022, 2023, 2024, 2025)]
    assert nothing == []


def test_awards_by_year_on_an_empty_database(database: Database) -> None:
    with database.session_factory() as s:
        assert dashboard.awards_by_year(s) == []
        assert dashboard.awards_by_unit(s, YEAR) == []


@dataclass
class _Moves:
    mover: int
    newcomer: int
    unknown: int


@pytest.fixture
def moves(database: Database, agency: Agency) -> _Moves:
    """Nam moves from the office to the branch on 01/06/2025; a newcomer starts in 2026 (her
    old award carries the text of her former unit); someone has no career at all."""
    with database.session_factory.begin() as s:
        old = s.query(Assignment).filter_by(person_id=agency.people["nam"]).one()
        old.end_date = date(YEAR, 5, 31)
        s.add(
            Assignment(
                person_id=agency.people["nam"],
                unit_id=agency.branch,
                position_title="Kiểm lâm viên",
                start_date=date(YEAR, 6, 1),
            )
        )
        newcomer = people.create_person(
            s,
            PersonInput(ho_dem="Hoàng Thị", ten="Thu", birth_date=date(1990, 5, 5), gender="NU"),
            unit_id=agency.office,
            position_title="Chuyên viên",
            start_date=date(YEAR + 1, 2, 1),
        )
        unknown = people.create_person(
            s, PersonInput(ho_dem="Vũ Văn", ten="Tùng", birth_date=date(1970, 1, 1), gender="NAM")
        )
        s.flush()
    return _Moves(agency.people["nam"], newcomer, unknown)


def test_awards_by_unit_follow_the_unit_at_the_year_end(
    database: Database, agency: Agency, moves: _Moves
) -> None:
    ha, lan, minh = agency.people["ha"], agency.people["lan"], agency.people["minh"]
    with database.session_factory.begin() as s:
        # office: Hà + the collective award = 2; Nam counts to the branch in 2025
        _award(s, YEAR, person_id=ha, unit_text="Văn phòng Sở (cũ)")  # the text is not used
        _award(s, YEAR, "TTLDTT", unit_id=agency.office)
        # branch: Lan, Minh twice, Nam (moved in June) = 4
        _award(s, YEAR, person_id=lan)
        _award(s, YEAR, person_id=minh)
        _award(s, YEAR, "GK_SO", person_id=minh)
        _award(s, YEAR, person_id=moves.mover)
        # before the move Nam was in the office
        _award(s, YEAR - 1, person_id=moves.mover)
        # no assignment by the end of 2025: the text, else "Chưa rõ đơn vị"
        _award(s, YEAR, person_id=moves.newcomer, unit_text="  Trạm Khuyến nông huyện  ")
        _award(s, YEAR, person_id=moves.unknown)
        # not counted: revoked, households, other years
        _award(s, YEAR, person_id=ha, revoked=True)
        _award(s, YEAR, "GK_SO", subject_kind="HO_GIA_DINH", recipient_name="Hộ ông Dũng")
        _award(s, YEAR + 1, person_id=ha)

    with database.session_factory() as s:
        ranked = dashboard.awards_by_unit(s, YEAR)
        top_two = dashboard.awards_by_unit(s, YEAR, top=2)
        before = dashboard.awards_by_unit(s, YEAR - 1)

    assert ranked == [
        ("Chi cục Kiểm lâm", 4),
        ("Văn phòng Sở", 2),
        (UNKNOWN_UNIT, 1),  # equal counts in Vietnamese order: C < T
        ("Trạm Khuyến nông huyện", 1),
    ]
    assert top_two == ranked[:2]
    assert before == [("Văn phòng Sở", 1)]


def test_awards_by_unit_keep_the_name_of_the_time(database: Database, agency: Agency) -> None:
    """The office is renamed on 01/3/2025: awards of 2024 stay with the old row and name, those
    of 2025 go to the successor (its members moved with it)."""
    ha = agency.people["ha"]
    with database.session_factory.begin() as s:
        new = units.rename_unit(
            s,
            agency.office,
            new_full_name="Văn phòng Sở Nông nghiệp và Môi trường",
            new_code="VPS",
            effective=date(YEAR, 3, 1),
            expected_version=units.get_unit(s, agency.office).version,
        )
        _award(s, YEAR - 1, person_id=ha)
        _award(s, YEAR - 1, "TTLDTT", unit_id=agency.office)
        _award(s, YEAR, person_id=ha)
        _award(s, YEAR, "TTLDTT", unit_id=new.id)
    with database.session_factory() as s:
        assert dashboard.awards_by_unit(s, YEAR - 1) == [("Văn phòng Sở", 2)]
        assert dashboard.awards_by_unit(s, YEAR) == [("Văn phòng Sở Nông nghiệp và Môi trường", 2)]
