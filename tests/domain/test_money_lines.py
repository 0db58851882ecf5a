"""A decision's lines priced in the domain (pure): the titles of the recipients gathered from
elsewhere, the coefficients and salary of the decision's date, §3.3 with those titles, the
collective and household methods, revoked awards; table-driven."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.domain.catalogue import Catalogue, CatalogueItem, CoefficientStep
from app.domain.codes import SubjectKind
from app.domain.money import (
    METHOD_A,
    METHOD_B,
    DecisionLine,
    OtherAward,
    SalaryStep,
    others_of_recipients,
    period_of,
    price_lines,
    subject_key,
)

CN, TT, HGD = SubjectKind.CA_NHAN, SubjectKind.TAP_THE, SubjectKind.HO_GIA_DINH
STEPS = (
    SalaryStep(date(2024, 7, 1), 2_340_000),
    SalaryStep(date(2026, 7, 1), 2_530_000),
)
CITE = "Nghị định 152/2025, Điều 49 khoản 5"


def item(code, kind, rank, now, before=None, short=None):
    steps = []
    if before is not None:
        steps.append(CoefficientStep(date(2024, 1, 1), before, "NĐ 98/2023"))
    steps.append(CoefficientStep(date(2025, 7, 1), now, "NĐ 152/2025"))
    return CatalogueItem(
        code, code, short or code, kind, tuple(now), "CO_SO", "", "YEARLY", now, rank, "",
        steps=tuple(steps),
    )  # fmt: skip


CAT = Catalogue(
    (
        item("LDTT", "DANH_HIEU", 10, {CN: Decimal("0.3")}, short="LĐTT"),
        item("CSTDCS", "DANH_HIEU", 20, {CN: Decimal("1.0")}, short="CSTĐCS"),
        item(
            "GK_SO",
            "HINH_THUC",
            10,
            {CN: Decimal("0.3"), TT: Decimal("0.6"), HGD: Decimal("0.45")},
            before={CN: Decimal("0.15"), TT: Decimal("0.3")},
            short="GK Sở",
        ),
        item("TTLDTT", "DANH_HIEU", 10, {TT: Decimal("0.8")}, short="TTLĐTT"),
    )
)
P1, P2 = subject_key("CA_NHAN", 1, None, None), subject_key("CA_NHAN", 2, None, None)
HH = subject_key("HO_GIA_DINH", None, None, "  Hộ ông  Nguyễn Văn A ")


def line(id, code, subject=P1, kind="CA_NHAN", record=None, revoked=False):
    return DecisionLine(id, id, subject, code, kind, record, revoked)


def price(mine, others=None, on=date(2026, 1, 20), period=(2025, 2025), method=METHOD_B):
    return price_lines(
        mine,
        others or {},
        catalogue=CAT,
        salary=STEPS[0].amount if on < date(2026, 7, 1) else STEPS[1].amount,
        steps=STEPS,
        on=on,
        period=period,
        method=method,
        highest_citation=CITE,
    )


def test_subject_keys_and_periods() -> None:
    assert HH == ("H", "hộ ông nguyễn văn a")
    assert subject_key("TAP_THE", None, 7, "x") == ("U", 7)
    assert period_of(None, None) == (None, None)
    assert period_of(None, None, 2024) == (2024, 2024)
    assert period_of(2023, None) == (2023, 2023)
    assert period_of(2023, 2025) == (2023, 2025)


@pytest.mark.parametrize(
    ("code", "kind", "subject", "on", "method", "amount", "coef"),
    [
        ("LDTT", "CA_NHAN", P1, date(2026, 1, 20), METHOD_B, 710_000, "0.3"),
        ("LDTT", "CA_NHAN", P1, date(2026, 7, 1), METHOD_B, 760_000, "0.3"),
        ("GK_SO", "TAP_THE", ("U", 9), date(2026, 1, 20), METHOD_A, 1_410_000, "0.6"),
        ("GK_SO", "TAP_THE", ("U", 9), date(2026, 1, 20), METHOD_B, 1_420_000, "0.6"),
        ("GK_SO", "HO_GIA_DINH", HH, date(2026, 1, 20), METHOD_A, 1_060_000, "0.45"),
        ("GK_SO", "HO_GIA_DINH", HH, date(2026, 1, 20), METHOD_B, 1_070_000, "0.45"),
        # the coefficients in force on the decision's date (dated steps)
        ("GK_SO", "CA_NHAN", P1, date(2024, 10, 10), METHOD_B, 360_000, "0.15"),
        ("GK_SO", "TAP_THE", ("U", 9), date(2024, 10, 10), METHOD_B, 720_000, "0.3"),  # 2 x 360,000
    ],
)
def test_one_line(code, kind, subject, on, method, amount, coef) -> None:
    (priced,) = price([line(1, code, subject, kind)], on=on, method=method)
    assert (priced.amount, priced.coefficient, priced.paid) == (amount, Decimal(coef), True)


@pytest.mark.parametrize(
    ("code", "kind", "on", "note"),
    [
        ("GK_SO", "HO_GIA_DINH", date(2024, 10, 10), "cho đối tượng này"),  # no HGĐ step in 2024
        ("LDTT", "CA_NHAN", date(2025, 3, 1), "áp dụng ngày 01/03/2025"),  # before its first step
        ("NO_SUCH", "CA_NHAN", date(2026, 1, 20), "cho đối tượng này"),
    ],
)
def test_no_coefficient_in_force_is_not_paid(code, kind, on, note) -> None:
    (priced,) = price([line(1, code, kind=kind)], on=on)
    assert not priced.paid and priced.amount == 0 and note in priced.notes[0]


def test_same_moment_pays_the_highest_title_and_every_form() -> None:
    mine = [line(1, "LDTT"), line(2, "CSTDCS"), line(3, "GK_SO"), line(4, "LDTT", P2)]
    ldtt, cstdcs, gk, other = price(mine)
    assert not ldtt.paid and ldtt.notes == (
        f"Không chi: đã chi danh hiệu cao hơn (CSTĐCS) cùng kỳ thi đua, cùng thời điểm - {CITE}",
    )
    assert cstdcs.paid and gk.paid and other.paid


OTHER_HIGH = OtherAward(
    ("line", 50), P1, "CSTDCS", "CA_NHAN", date(2026, 1, 20), (2025, 2025), "09/QĐ"
)


@pytest.mark.parametrize(
    ("other", "paid", "check", "fragment"),
    [
        (OTHER_HIGH, False, False, "(CSTĐCS) theo QĐ số 09/QĐ"),  # same date and period
        (
            OtherAward(
                ("line", 51), P1, "CSTDCS", "CA_NHAN", date(2026, 3, 2), (2025, 2025), "20/QĐ"
            ),
            True,
            True,
            "cần kế toán xác nhận",
        ),  # same period, another date
        (
            OtherAward(
                ("line", 52), P1, "CSTDCS", "CA_NHAN", date(2026, 1, 20), (2024, 2024), "21/QĐ"
            ),
            True,
            False,
            "",
        ),  # another period
        (
            OtherAward(
                ("line", 53), P1, "LDTT", "CA_NHAN", date(2026, 1, 20), (2025, 2025), "22/QĐ"
            ),
            True,
            False,
            "",
        ),  # a lower title elsewhere: this one is the highest
    ],
)
def test_other_decisions_of_the_recipient(other, paid, check, fragment) -> None:
    (priced,) = price([line(1, "LDTT" if other.code == "CSTDCS" else "CSTDCS")], {P1: [other]})
    assert (priced.paid, priced.needs_check) == (paid, check)
    assert fragment in "; ".join(priced.notes)


def test_a_revoked_award_is_not_paid_and_says_so_first() -> None:
    (priced,) = price([line(1, "LDTT", revoked=True)])
    assert not priced.paid and priced.amount == 710_000
    assert priced.notes[0] == "Khen thưởng đã bị thu hồi"


def test_gathering_other_titles_of_the_recipients() -> None:
    mine = [line(1, "LDTT", record=100), line(2, "GK_SO", HH, "HO_GIA_DINH")]
    day, period = date(2026, 1, 20), (2025, 2025)
    records = [
        OtherAward(("record", 100), P1, "LDTT", "CA_NHAN", day, period, "", 100, 7),  # own
        OtherAward(("record", 101), P1, "CSTDCS", "CA_NHAN", day, period, "", 101, 8),
        OtherAward(("record", 102), P1, "GK_SO", "CA_NHAN", day, period, "", 102, 8),  # form
        OtherAward(("record", 103), P2, "CSTDCS", "CA_NHAN", day, period, "", 103, 8),  # not here
        OtherAward(("record", 104), HH, "TTLDTT", "HO_GIA_DINH", day, period, "", 104, 9),
        OtherAward(("record", 105), P1, "CSTDCS", "CA_NHAN", day, period, "", 105, 7),  # this QĐ
    ]
    lines = [
        OtherAward(("line", 1), P1, "CSTDCS", "CA_NHAN", day, period, "8/QĐ", 101, 8),  # seen
        OtherAward(("line", 2), P1, "CSTDCS", "CA_NHAN", day, period, "11/QĐ", None, 11),
        OtherAward(("line", 3), P1, "LDTT", "CA_NHAN", day, period, "7/QĐ", 100, 7),  # own
    ]
    found = others_of_recipients(records, lines, mine, 7, CAT)
    assert {k: [o.key for o in v] for k, v in found.items()} == {
        P1: [("record", 101), ("line", 2)],
        HH: [("record", 104)],
    }
