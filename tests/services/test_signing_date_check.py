"""A decision's signing date checked before it is saved (issue 14): the base salary in force,
the total then and now, warnings before the Council met or before the review year ended."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.council import Ballots
from app.domain.money import SalaryStep
from app.domain.people import PersonInput
from app.domain.units import UnitInput
from app.services import council, money
from app.services import decisions as svc
from app.services import people as people_svc
from app.services import units as unit_svc
from app.services.decision_dates import blank_draft_input, check_signing_date

YEAR = 2031  # after every shipped salary step: the test's own steps decide
MEETING = date(YEAR, 12, 18)


@pytest.fixture
def draft(database) -> int:  # type: ignore[no-untyped-def]
    with database.session_factory.begin() as s:
        vp = unit_svc.create_unit(
            s, UnitInput(code="VP", full_name="Văn phòng Sở", kind="VAN_PHONG")
        )
        pid = people_svc.create_person(s, PersonInput(ho_dem="Nguyễn Văn", ten="An"), unit_id=vp.id)
        sid = council.create_session(s, council.SessionInput(YEAR, MEETING, 10, 9, 1))
        council.record_vote(s, sid, "CSTDCS", Ballots(10, 10, 10, 9), person_id=pid)
        money.add_salary_step(s, SalaryStep(date(YEAR, 1, 1), 3_000_000, "Thử"))
        money.add_salary_step(s, SalaryStep(date(YEAR, 7, 1), 3_300_000, "Thử"))
        made = svc.create_from_council(s, YEAR, "CSTDCS", decision_date=date(YEAR, 12, 28))
    return made.id


def test_a_date_across_a_salary_change_gives_the_new_total(database, draft) -> None:
    with database.session_factory() as s:
        check = check_signing_date(s, date(YEAR, 3, 2), decision_id=draft)
    assert check.salary is not None and check.salary.amount == 3_000_000
    assert (check.before_total, check.total) == (3_300_000, 3_000_000)  # CSTĐCS: 1.0 x salary
    assert check.crosses_salary_change
    assert check.salary_text() == "Lương cơ sở 3.000.000 đ (từ 01/01/2031)"
    assert check.total_text() == (
        "Ngày ký này đổi mức lương cơ sở 3.300.000 → 3.000.000 đ: tổng tiền thưởng "
        "3.300.000 → 3.000.000 đồng"
    )
    # nothing was saved: the draft keeps its date and its money
    with database.session_factory() as s:
        assert money.decision_amounts(s, draft).total == 3_300_000


def test_dates_before_the_session_or_the_years_end_warn(database, draft) -> None:
    with database.session_factory() as s:
        early = check_signing_date(s, date(YEAR, 12, 1), decision_id=draft)
        late = check_signing_date(s, date(YEAR + 1, 1, 5), decision_id=draft)
        same = check_signing_date(s, date(YEAR, 12, 20), decision_id=draft)
    assert early.warnings == (
        "Ngày ký 01/12/2031 trước ngày họp Hội đồng Thi đua - Khen thưởng 18/12/2031 xét năm 2031",
        "Ngày ký 01/12/2031 trước khi kết thúc năm xét 2031 (31/12/2031): thành tích cả năm chưa đủ",
    )
    assert late.warnings == () and not late.crosses_salary_change
    assert len(same.warnings) == 1 and "kết thúc năm xét" in same.warnings[0]


def test_a_new_draft_is_checked_from_its_lines(database, draft) -> None:
    with database.session_factory() as s:
        check = check_signing_date(
            s,
            date(YEAR, 5, 1),
            year=YEAR,
            title="CSTDCS",
            lines=[("CSTDCS", "CA_NHAN"), ("LDTT", "CA_NHAN")],
        )
    assert check.total == 3_000_000 + 900_000  # LĐTT 0.3 x 3.000.000
    assert len(check.warnings) == 2


def test_a_blank_draft_is_signed_today_in_the_year_it_is_made_for(database) -> None:
    today = date(YEAR, 12, 29)
    with database.session_factory() as s:
        same = blank_draft_input(s, YEAR, today=today)
        earlier = blank_draft_input(s, YEAR - 1, today=today)
        later = blank_draft_input(s, YEAR + 1, today=today)
        real = blank_draft_input(s, date.today().year)
        authority = svc.decision_defaults(s, YEAR).authority
    assert same.decision_date == today and same.year == YEAR
    assert (same.period_from_year, same.period_to_year) == (None, None)
    # made in last year's register: dated today, its achievements of last year
    assert earlier.decision_date == today
    assert (earlier.period_from_year, earlier.period_to_year) == (YEAR - 1, YEAR - 1)
    assert svc.validate_decision_input(earlier) == []
    # a year not begun cannot be signed today: left for the clerk to date
    assert later.decision_date is None and later.year == YEAR + 1
    assert real.decision_date == date.today()
    assert same.authority == authority
