"""Money service: the base salary table, the method setting, the amounts of a decision (§3.3
highest-only rule, other dates flagged, revoked decisions) and the total of a year."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from app.db.models import AuditLog, AwardRecord
from app.domain.errors import ConflictError, NotFoundError, ValidationError
from app.domain.money import METHOD_A, METHOD_B, SalaryStep
from app.services import money
from decision_factory import add_decision, build_agency


def test_seeded_salary_table(database) -> None:
    with database.session_factory() as s:
        steps = money.salary_steps(s)
    assert [(x.effective_from, x.amount) for x in steps] == [
        (date(2019, 7, 1), 1_490_000),
        (date(2023, 7, 1), 1_800_000),
        (date(2024, 7, 1), 2_340_000),
        (date(2026, 7, 1), 2_530_000),
    ]
    assert steps[2].legal_basis.startswith("Nghị định 73/2024") and steps[2].verified
    assert not steps[1].verified


def test_add_update_delete_salary_step_with_audit(database) -> None:
    new = SalaryStep(date(2027, 7, 1), 2_700_000, "  Nghị định  999/2027/NĐ-CP ", False)
    with database.session_factory.begin() as s:
        saved = money.add_salary_step(s, new)
    assert saved.legal_basis == "Nghị định 999/2027/NĐ-CP"
    with database.session_factory.begin() as s:
        shown = money.salary_steps(s)[-1]
        assert shown.version == 1
        money.update_salary_step(
            s,
            date(2027, 7, 1),
            SalaryStep(date(2027, 8, 1), 2_750_000, "NĐ 1/2027", True),
            expected_version=shown.version,
        )
    with pytest.raises(ConflictError), database.session_factory.begin() as s:  # a stale screen
        money.update_salary_step(
            s, date(2027, 8, 1), SalaryStep(date(2027, 8, 1), 1_000), expected_version=1
        )
    with database.session_factory() as s:
        last = money.salary_steps(s)[-1]
        log = s.scalars(select(AuditLog).where(AuditLog.table_name == "base_salary")).all()
    assert (last.effective_from, last.amount, last.verified) == (date(2027, 8, 1), 2_750_000, True)
    assert [entry.action for entry in log] == ["INSERT", "UPDATE"]
    assert json.loads(log[1].after)["amount"] == 2_750_000
    with database.session_factory.begin() as s:
        money.delete_salary_step(s, date(2027, 8, 1), expected_version=2)
    with database.session_factory() as s:
        assert len(money.salary_steps(s)) == 4
    with pytest.raises(NotFoundError, match="01/08/2027"), database.session_factory.begin() as s:
        money.delete_salary_step(s, date(2027, 8, 1), expected_version=2)


@pytest.mark.parametrize(
    ("step", "message"),
    [
        (SalaryStep(date(2027, 1, 1), 0), "lớn hơn 0"),
        (SalaryStep(date(2027, 1, 1), -5), "lớn hơn 0"),
        (
            SalaryStep(date(2024, 7, 1), 2_000_000),
            "Đã có mức lương cơ sở áp dụng từ ngày 01/07/2024",
        ),
        (SalaryStep(date(2027, 1, 1), 1, "x" * 300), "dài quá"),
    ],
)
def test_invalid_salary_steps_are_refused(database, step, message) -> None:
    with pytest.raises(ValidationError, match=message), database.session_factory.begin() as s:
        money.add_salary_step(s, step)
    with database.session_factory() as s:
        assert len(money.salary_steps(s)) == 4


def test_update_may_keep_its_date_but_not_take_another(database) -> None:
    with database.session_factory.begin() as s:
        money.update_salary_step(
            s, date(2024, 7, 1), SalaryStep(date(2024, 7, 1), 2_340_000), expected_version=1
        )
        with pytest.raises(ValidationError, match="01/07/2026"):
            money.update_salary_step(
                s, date(2024, 7, 1), SalaryStep(date(2026, 7, 1), 5), expected_version=2
            )


def test_method_setting_defaults_to_b(database) -> None:
    with database.session_factory() as s:
        assert money.money_method(s) == METHOD_B
    with database.session_factory.begin() as s:
        money.set_money_method(s, METHOD_A)
    with database.session_factory() as s:
        assert money.money_method(s) == METHOD_A
    with pytest.raises(ValidationError, match="A hoặc B"), database.session_factory.begin() as s:
        money.set_money_method(s, "C")


@pytest.fixture
def agency(database):
    with database.session_factory.begin() as s:
        return build_agency(s)


def test_decision_amounts_by_decision_date(database, agency) -> None:
    p = agency.people
    with database.session_factory.begin() as s:
        january = add_decision(
            s,
            number="05/QĐ-SNNMT",
            day=date(2026, 1, 15),
            code="LDTT",
            lines=[("CA_NHAN", p["ha"], "LDTT"), ("CA_NHAN", p["nam"], "LDTT")],
        )
        july = add_decision(
            s,
            number="45/QĐ-SNNMT",
            day=date(2026, 7, 1),
            code="GK_SO",
            lines=[
                ("TAP_THE", agency.office, "GK_SO"),
                ("HO_GIA_DINH", "Hộ ông Hoàng Văn Tư", "GK_SO"),
                ("CA_NHAN", p["lan"], "GK_SO"),
            ],
        )
    with database.session_factory() as s:
        jan = money.decision_amounts(s, january)
        jul = money.decision_amounts(s, july)
    assert jan.base_salary.amount == 2_340_000 and jan.method == METHOD_B
    assert [(x.name, x.unit, x.amount, x.paid) for x in jan.lines] == [
        ("Nguyễn Thị Hà", "Văn phòng Sở", 710_000, True),
        ("Trần Văn Nam", "Văn phòng Sở", 710_000, True),
    ]
    assert jan.lines[0].coefficient == Decimal("0.3") and jan.lines[0].title_name == (
        "Lao động tiên tiến"
    )
    assert jan.total == 1_420_000 and jan.counted and not jan.warnings
    assert jul.base_salary.amount == 2_530_000
    assert [x.amount for x in jul.lines] == [1_520_000, 1_140_000, 760_000]
    assert [x.coefficient for x in jul.lines] == [Decimal("0.6"), Decimal("0.45"), Decimal("0.3")]
    assert jul.total == sum(x.amount for x in jul.lines) == 3_420_000


def test_method_a_changes_households(database, agency) -> None:
    with database.session_factory.begin() as s:
        did = add_decision(
            s,
            number="06/QĐ-SNNMT",
            day=date(2026, 2, 5),
            code="GK_SO",
            lines=[("HO_GIA_DINH", "Hộ bà Nông Thị Sáu", "GK_SO"), ("TAP_THE", agency.branch, "")],
        )
        money.set_money_method(s, METHOD_A)
    with database.session_factory() as s:
        result = money.decision_amounts(s, did)
    assert result.method == METHOD_A
    assert [x.amount for x in result.lines] == [1_060_000, 1_410_000]


def test_highest_title_only_within_a_decision_and_forms_paid(database, agency) -> None:
    ha = agency.people["ha"]
    with database.session_factory.begin() as s:
        did = add_decision(
            s,
            number="07/QĐ-SNNMT",
            day=date(2026, 1, 20),
            code="CSTDCS",
            lines=[
                ("CA_NHAN", ha, "LDTT"),
                ("CA_NHAN", ha, "CSTDCS"),
                ("CA_NHAN", ha, "GK_SO"),
                ("CA_NHAN", agency.people["nam"], "LDTT"),
            ],
        )
    with database.session_factory() as s:
        result = money.decision_amounts(s, did)
    ldtt, cstdcs, gk, other = result.lines
    assert not ldtt.paid and ldtt.amount == 710_000
    assert "(CSTĐCS)" in ldtt.note and "Điều 49 khoản 5" in ldtt.note
    assert cstdcs.paid and gk.paid and other.paid and not cstdcs.note
    assert result.total == 2_340_000 + 710_000 + 710_000


def test_highest_title_across_decisions_of_the_same_date(database, agency) -> None:
    ha = agency.people["ha"]
    day = date(2026, 1, 20)
    with database.session_factory.begin() as s:
        low = add_decision(
            s, number="08/QĐ-SNNMT", day=day, code="LDTT", lines=[("CA_NHAN", ha, "LDTT")]
        )
        high = add_decision(
            s, number="09/QĐ-SNNMT", day=day, code="CSTDCS", lines=[("CA_NHAN", ha, "CSTDCS")]
        )
    with database.session_factory() as s:
        low_money = money.decision_amounts(s, low)
        high_money = money.decision_amounts(s, high)
    assert not low_money.lines[0].paid and low_money.total == 0
    assert "09/QĐ-SNNMT" in low_money.lines[0].note
    assert high_money.lines[0].paid and high_money.total == 2_340_000


def test_same_period_on_another_date_is_paid_but_flagged(database, agency) -> None:
    ha = agency.people["ha"]
    with database.session_factory.begin() as s:
        add_decision(
            s,
            number="10/QĐ-SNNMT",
            day=date(2026, 1, 10),
            code="LDTT",
            lines=[("CA_NHAN", ha, "LDTT")],
        )
        later = add_decision(
            s,
            number="20/QĐ-SNNMT",
            day=date(2026, 3, 2),
            code="CSTDCS",
            lines=[("CA_NHAN", ha, "CSTDCS")],
        )
        other_year = add_decision(
            s,
            number="21/QĐ-SNNMT",
            day=date(2026, 3, 3),
            code="LDTT",
            lines=[("CA_NHAN", ha, "LDTT")],
            period=(2024, 2024),
        )
    with database.session_factory() as s:
        flagged = money.decision_amounts(s, later)
        plain = money.decision_amounts(s, other_year)
    line = flagged.lines[0]
    assert line.paid and line.needs_check and "cần kế toán xác nhận" in line.note
    assert "10/QĐ-SNNMT" in line.note and flagged.total == 2_340_000
    assert any("kế toán" in w for w in flagged.warnings)
    assert not plain.lines[0].needs_check and plain.lines[0].note == ""


def test_revoked_decision_shows_amounts_but_does_not_count(database, agency) -> None:
    with database.session_factory.begin() as s:
        issued = add_decision(
            s,
            number="11/QĐ-SNNMT",
            day=date(2026, 2, 1),
            code="LDTT",
            lines=[("CA_NHAN", agency.people["nam"], "LDTT")],
        )
        revoked = add_decision(
            s,
            number="12/QĐ-SNNMT",
            day=date(2026, 2, 1),
            code="CSTDCS",
            lines=[("CA_NHAN", agency.people["lan"], "CSTDCS")],
            status="REVOKED",
        )
        add_decision(
            s,
            number="",
            day=None,
            code="LDTT",
            lines=[("CA_NHAN", agency.people["minh"], "LDTT")],
            status="DRAFT",
        )
        add_decision(
            s,
            number="123/QĐ-UBND",
            day=date(2026, 3, 1),
            code="BK_TINH",
            lines=[("CA_NHAN", agency.people["ha"], "BK_TINH")],
            origin="RECORDED",
            authority="Chủ tịch UBND tỉnh Tuyên Quang",
        )
        add_decision(
            s,
            number="99/QĐ-SNNMT",
            day=date(2025, 12, 30),
            code="LDTT",
            lines=[("CA_NHAN", agency.people["minh"], "LDTT")],
        )
    with database.session_factory() as s:
        gone = money.decision_amounts(s, revoked)
        kept = money.decision_amounts(s, issued)
        total_2026 = money.year_total(s, 2026)
        total_2025 = money.year_total(s, 2025)
    assert gone.revoked and not gone.counted and gone.lines[0].amount == 2_340_000
    assert any("thu hồi" in w for w in gone.warnings)
    assert total_2026 == kept.total == 710_000  # draft, revoked and recorded ones excluded
    assert total_2025 == 710_000


def test_a_revoked_award_line_is_not_paid(database, agency) -> None:
    with database.session_factory.begin() as s:
        did = add_decision(
            s,
            number="13/QĐ-SNNMT",
            day=date(2026, 2, 1),
            code="LDTT",
            lines=[("CA_NHAN", agency.people["nam"], "LDTT"), ("CA_NHAN", agency.people["ha"], "")],
        )
        rec = s.scalars(
            select(AwardRecord).where(AwardRecord.person_id == agency.people["nam"])
        ).one()
        rec.revoked = True
    with database.session_factory() as s:
        result = money.decision_amounts(s, did)
    assert [x.paid for x in result.lines] == [False, True]
    assert result.lines[0].note.startswith("Khen thưởng đã bị thu hồi")
    assert result.total == 710_000


def test_draft_without_date_is_provisional(database, agency) -> None:
    with database.session_factory.begin() as s:
        did = add_decision(
            s,
            number="",
            day=None,
            code="LDTT",
            lines=[("CA_NHAN", agency.people["nam"], "LDTT")],
            status="DRAFT",
        )
    with database.session_factory() as s:
        result = money.decision_amounts(s, did)
    assert result.provisional and result.on == date.today()
    assert any("chưa có ngày ký" in w for w in result.warnings)


def test_missing_salary_or_decision(database, agency) -> None:
    with database.session_factory.begin() as s:
        did = add_decision(
            s,
            number="01/QĐ-SNNMT",
            day=date(2019, 1, 5),
            code="LDTT",
            lines=[("CA_NHAN", agency.people["nam"], "LDTT")],
        )
    with database.session_factory() as s:
        with pytest.raises(ValidationError, match="05/01/2019"):
            money.decision_amounts(s, did)
        with pytest.raises(NotFoundError):
            money.decision_amounts(s, 9999)


def test_salary_step_usage_counts_issued_decisions(database, agency) -> None:
    with database.session_factory.begin() as s:
        for n, day in ((14, date(2026, 6, 30)), (15, date(2026, 7, 1)), (16, date(2026, 8, 1))):
            add_decision(
                s,
                number=f"{n}/QĐ-SNNMT",
                day=day,
                code="LDTT",
                lines=[("CA_NHAN", agency.people["nam"], "LDTT")],
                period=(n, n),
            )
    with database.session_factory() as s:
        assert money.salary_step_usage(s, date(2024, 7, 1)) == 1
        assert money.salary_step_usage(s, date(2026, 7, 1)) == 2
