"""The award fund (issue 26, domain.md §16): the balance is allocation plus receipts minus
payments, the bonus of an issued own decision posts itself, drafts, revoked decisions and
other authorities' decisions do not; the cap and the campaign share warn."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from app.domain.errors import ConflictError, ValidationError
from app.services import award_fund as fund_svc
from app.services.award_fund import FundEntry
from app.services.money import decision_amounts
from decision_factory import add_decision, build_agency

Y = 2026


@pytest.fixture
def agency(database):
    with database.session_factory.begin() as s:
        return build_agency(s)


def _setup(s) -> None:  # type: ignore[no-untyped-def]
    fund = fund_svc.get_fund_year(s, Y)
    fund_svc.save_fund_year(
        s,
        replace(
            fund,
            salary_fund=1_000_000_000,
            allocated=150_000_000,
            entries=(
                FundEntry("THU", "DONG_GOP", date(Y, 3, 1), 5_000_000, "GNT 01"),
                FundEntry("CHI", "THI_DUA", date(Y, 4, 1), 2_000_000, "PC 02"),
            ),
        ),
    )


def test_balance_after_a_decision_is_issued(database, agency) -> None:
    p = agency.people
    with database.session_factory.begin() as s:
        _setup(s)
    with database.session_factory() as s:
        before = fund_svc.fund_ledger(s, Y)
    assert before.balance == 150_000_000 + 5_000_000 - 2_000_000
    with database.session_factory.begin() as s:
        issued = add_decision(
            s,
            number="05/QĐ-SNNMT",
            day=date(Y, 1, 15),
            code="LDTT",
            lines=[("CA_NHAN", p["ha"], "LDTT"), ("CA_NHAN", p["nam"], "LDTT")],
        )
        add_decision(
            s,
            number="06/QĐ-SNNMT",
            day=date(Y, 2, 1),
            code="LDTT",
            lines=[("CA_NHAN", p["lan"], "LDTT")],
            status="DRAFT",
        )
        add_decision(
            s,
            number="07/QĐ-UBND",
            day=date(Y, 2, 1),
            code="BK_TINH",
            lines=[("CA_NHAN", p["lan"], "BK_TINH")],
            origin="EXTERNAL",
            authority="Chủ tịch UBND tỉnh",
        )
    with database.session_factory() as s:
        bonus = decision_amounts(s, issued).total
        ledger = fund_svc.fund_ledger(s, Y)
    assert bonus > 0
    autos = [e for e in ledger.payments if e.auto]
    assert [(e.decision_id, e.amount, e.document) for e in autos] == [
        (issued, bonus, "05/QĐ-SNNMT")
    ]
    assert ledger.payments_total == 2_000_000 + bonus
    assert ledger.balance == 150_000_000 + 5_000_000 - 2_000_000 - bonus
    assert ledger.paid_by_kind()["KT_KHAC"] == bonus
    assert ledger.warnings == []


def test_cap_and_campaign_share_warn(database, agency) -> None:
    with database.session_factory.begin() as s:
        _setup(s)
        fund = fund_svc.get_fund_year(s, Y)
        fund_svc.save_fund_year(s, replace(fund, allocated=250_000_000, cap_pct=Decimal("20")))
        fund = fund_svc.get_fund_year(s, Y)
        fund_svc.add_entry(
            s,
            Y,
            FundEntry("CHI", "THI_DUA", date(Y, 5, 1), 60_000_000),
            expected_version=fund.version,
        )
    with database.session_factory() as s:
        ledger = fund_svc.fund_ledger(s, Y)
    assert len(ledger.warnings) == 2
    assert "vượt 20% quỹ tiền lương (200.000.000 đồng" in ledger.warnings[0]
    assert "Điều 48 khoản 1 điểm a" in ledger.warnings[1]


def test_entries_are_checked_and_versions_guard(database, agency) -> None:
    with database.session_factory.begin() as s:
        _setup(s)
    with database.session_factory.begin() as s:
        fund = fund_svc.get_fund_year(s, Y)
        with pytest.raises(ValidationError):
            fund_svc.add_entry(
                s, Y, FundEntry("CHI", "KHAC", date(Y - 1, 5, 1), 1), expected_version=fund.version
            )
        with pytest.raises(ConflictError):
            fund_svc.add_entry(
                s, Y, FundEntry("CHI", "KHAC", date(Y, 5, 1), 1), expected_version=fund.version - 1
            )
        fund = fund_svc.remove_entry(s, Y, 0, expected_version=fund.version)
    assert [e.kind for e in fund.entries] == ["THI_DUA"]


def test_the_demo_fund_fills_each_year(database, agency) -> None:
    from app.db.models import AuditLog
    from app.services.demo_fund import add_demo_fund

    with database.session_factory.begin() as s:
        logged = len(s.scalars(select(AuditLog)).all())
        add_demo_fund(s, 2024, 2025)
    with database.session_factory() as s:
        ledgers = [fund_svc.fund_ledger(s, y) for y in (2024, 2025)]
        assert len(s.scalars(select(AuditLog)).all()) == logged  # the demo logs itself once
    for ledger in ledgers:
        assert ledger.fund.allocated > 0 and ledger.fund.allocated <= ledger.fund.cap
        assert len(ledger.receipts) == 1 and len(ledger.payments) == 2
        assert ledger.balance == ledger.available - ledger.payments_total > 0
        assert ledger.warnings == []
