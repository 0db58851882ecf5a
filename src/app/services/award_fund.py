"""The award fund (quỹ thi đua, khen thưởng) of a year, domain.md §16 (issue 26).

The year's header and the entries a clerk types (receipts, payments other than bonuses) are
kept as one versioned, audited setting per year (``fund.<year>``); the bonuses of the agency's
own issued or corrected decisions (the Giám đốc Sở's: the deciding authority pays, NĐ 152/2025
Điều 47 khoản 2) are posted automatically from :func:`app.services.money.decision_amounts`,
never typed. The legal cap of the allocation (20% of the yearly salary fund, NĐ 152/2025
Điều 46 khoản 3 điểm a) and the share for campaign work (20%, Điều 48 khoản 1 điểm a) are
parameters of the year with those defaults; going over them is a warning, not a refusal.
Carry-over from the year before is not ruled on (UNVERIFIED): the opening balance is typed.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import Decision
from app.domain.errors import ValidationError
from app.services.money import COUNTED_STATUSES, OWN, decision_amounts
from app.services.settings import get_setting, set_setting, setting_version

__all__ = [
    "CAMPAIGN_SHARE_BASIS",
    "CAP_BASIS",
    "PAYMENT_KINDS",
    "RECEIPT_SOURCES",
    "FundEntry",
    "FundLedger",
    "FundYear",
    "add_entry",
    "fund_key",
    "fund_ledger",
    "fund_setting",
    "get_fund_year",
    "remove_entry",
    "save_fund_year",
]

DEFAULT_CAP_PCT = Decimal("20")
DEFAULT_CAMPAIGN_SHARE_PCT = Decimal("20")
CAP_BASIS = "Nghị định 152/2025/NĐ-CP, Điều 46 khoản 3 điểm a"
CAMPAIGN_SHARE_BASIS = "Nghị định 152/2025/NĐ-CP, Điều 48 khoản 1 điểm a"

RECEIPT_SOURCES = {
    "NSNN": "Ngân sách nhà nước cấp",
    "DONG_GOP": "Đóng góp, ủng hộ",
    "THU_HOI": "Thu hồi tiền thưởng",
    "KHAC": "Thu khác",
}
#: Payment kinds, one per spending column of the fund report (Biểu mẫu 05).
PAYMENT_KINDS = {
    "KT_NHA_NUOC": "Chi khen thưởng cấp nhà nước",
    "KT_TINH": "Chi khen thưởng cấp tỉnh",
    "KT_KHAC": "Chi khen thưởng các hình thức khác",
    "THI_DUA": "Chi công tác thi đua, tuyên truyền",
    "HIEN_VAT": "Chi mua sắm hiện vật khen thưởng",
    "KHAC": "Chi khác",
}
#: The kind the automatic bonus of an own decision is posted under.
BONUS_KIND = "KT_KHAC"


def fund_key(year: int) -> str:
    return f"fund.{year}"


@dataclass(frozen=True)
class FundEntry:
    """A receipt (``kind`` in RECEIPT_SOURCES) or a payment (in PAYMENT_KINDS). ``auto`` rows
    come from decisions (``decision_id``) and are not stored."""

    direction: str  # "THU" or "CHI"
    kind: str
    day: date
    amount: int
    document: str = ""
    note: str = ""
    auto: bool = False
    decision_id: int | None = None

    @property
    def kind_name(self) -> str:
        names = RECEIPT_SOURCES if self.direction == "THU" else PAYMENT_KINDS
        return names.get(self.kind, self.kind)

    def as_json(self) -> dict[str, Any]:
        return {
            "direction": self.direction,
            "kind": self.kind,
            "day": self.day.isoformat(),
            "amount": self.amount,
            "document": self.document,
            "note": self.note,
        }

    @staticmethod
    def from_json(data: dict[str, Any]) -> FundEntry:
        return FundEntry(
            direction=data["direction"],
            kind=data["kind"],
            day=date.fromisoformat(data["day"]),
            amount=int(data["amount"]),
            document=data.get("document", ""),
            note=data.get("note", ""),
        )


@dataclass(frozen=True)
class FundYear:
    year: int
    salary_fund: int = 0  # quỹ tiền lương theo ngạch, bậc... of the year
    salary_fund_document: str = ""
    cap_pct: Decimal = DEFAULT_CAP_PCT
    campaign_share_pct: Decimal = DEFAULT_CAMPAIGN_SHARE_PCT
    allocated: int = 0  # trích lập trong năm
    opening_balance: int = 0
    entries: tuple[FundEntry, ...] = ()
    version: int = 0

    @property
    def cap(self) -> int:
        return int(self.salary_fund * self.cap_pct / 100)


@dataclass(frozen=True)
class FundLedger:
    fund: FundYear
    receipts: list[FundEntry]
    payments: list[FundEntry]
    warnings: list[str] = field(default_factory=list)

    @property
    def receipts_total(self) -> int:
        return sum(e.amount for e in self.receipts)

    @property
    def payments_total(self) -> int:
        return sum(e.amount for e in self.payments)

    @property
    def available(self) -> int:
        """Opening balance, allocation and receipts: the fund of the year."""
        return self.fund.opening_balance + self.fund.allocated + self.receipts_total

    @property
    def balance(self) -> int:
        return self.available - self.payments_total

    def paid_by_kind(self) -> dict[str, int]:
        out = dict.fromkeys(PAYMENT_KINDS, 0)
        for e in self.payments:
            out[e.kind] = out.get(e.kind, 0) + e.amount
        return out


def get_fund_year(session: Session, year: int) -> FundYear:
    data = get_setting(session, fund_key(year))
    version = setting_version(session, fund_key(year))
    if not data:
        return FundYear(year=year, version=version)
    return FundYear(
        year=year,
        salary_fund=int(data.get("salary_fund", 0)),
        salary_fund_document=data.get("salary_fund_document", ""),
        cap_pct=Decimal(str(data.get("cap_pct", DEFAULT_CAP_PCT))),
        campaign_share_pct=Decimal(str(data.get("campaign_share_pct", DEFAULT_CAMPAIGN_SHARE_PCT))),
        allocated=int(data.get("allocated", 0)),
        opening_balance=int(data.get("opening_balance", 0)),
        entries=tuple(FundEntry.from_json(e) for e in data.get("entries", [])),
        version=version,
    )


def validate_fund_year(fund: FundYear) -> list[str]:
    errors = []
    for label, value in (
        ("Quỹ tiền lương", fund.salary_fund),
        ("Số trích lập", fund.allocated),
        ("Số dư đầu năm", fund.opening_balance),
    ):
        if value < 0:
            errors.append(f"{label} không được âm")
    for label, pct in (
        ("Tỷ lệ trích tối đa", fund.cap_pct),
        ("Tỷ lệ chi thi đua", fund.campaign_share_pct),
    ):
        if not Decimal(0) <= pct <= Decimal(100):
            errors.append(f"{label} phải từ 0 đến 100%")
    for e in fund.entries:
        names = RECEIPT_SOURCES if e.direction == "THU" else PAYMENT_KINDS
        if e.direction not in ("THU", "CHI") or e.kind not in names:
            errors.append(f"Khoản '{e.kind}' không có")
        if e.amount <= 0:
            errors.append("Số tiền mỗi khoản thu, chi phải lớn hơn 0")
        if e.day.year != fund.year:
            errors.append(f"Ngày {e.day:%d/%m/%Y} không thuộc năm {fund.year}")
    return errors


def save_fund_year(session: Session, fund: FundYear) -> FundYear:
    """Store the year's header and typed entries; refused when another clerk saved since
    ``fund.version`` was read."""
    set_setting(session, fund_key(fund.year), fund_setting(fund), expected_version=fund.version)
    return get_fund_year(session, fund.year)


def fund_setting(fund: FundYear) -> dict[str, Any]:
    """The stored form of a year's fund (checked first: :class:`ValidationError`)."""
    errors = validate_fund_year(fund)
    if errors:
        raise ValidationError("; ".join(dict.fromkeys(errors)))
    return {
        "salary_fund": fund.salary_fund,
        "salary_fund_document": fund.salary_fund_document,
        "cap_pct": str(fund.cap_pct),
        "campaign_share_pct": str(fund.campaign_share_pct),
        "allocated": fund.allocated,
        "opening_balance": fund.opening_balance,
        "entries": [e.as_json() for e in fund.entries if not e.auto],
    }


def add_entry(session: Session, year: int, entry: FundEntry, *, expected_version: int) -> FundYear:
    fund = get_fund_year(session, year)
    return save_fund_year(
        session, replace(fund, entries=(*fund.entries, entry), version=expected_version)
    )


def remove_entry(session: Session, year: int, index: int, *, expected_version: int) -> FundYear:
    fund = get_fund_year(session, year)
    entries = list(fund.entries)
    del entries[index]
    return save_fund_year(session, replace(fund, entries=tuple(entries), version=expected_version))


def bonus_postings(session: Session, year: int) -> list[FundEntry]:
    """The bonus of every own issued or corrected decision dated in ``year`` (drafts and
    revoked decisions excluded; other authorities' decisions are paid by them)."""
    decisions = session.scalars(
        select(Decision)
        .where(Decision.origin == OWN, Decision.status.in_(COUNTED_STATUSES))
        .order_by(Decision.decision_date, Decision.id)
    ).all()
    out = []
    for d in decisions:
        day = d.decision_date or date(d.year, 12, 31)
        if day.year != year:
            continue
        money = decision_amounts(session, d.id)
        if money.total <= 0:
            continue
        out.append(
            FundEntry(
                direction="CHI",
                kind=BONUS_KIND,
                day=day,
                amount=money.total,
                document=d.number or "",
                note="Tiền thưởng theo quyết định (tự động)",
                auto=True,
                decision_id=d.id,
            )
        )
    return out


def fund_ledger(session: Session, year: int) -> FundLedger:
    fund = get_fund_year(session, year)
    receipts = sorted((e for e in fund.entries if e.direction == "THU"), key=lambda e: e.day)
    payments = [e for e in fund.entries if e.direction == "CHI"]
    payments = sorted([*payments, *bonus_postings(session, year)], key=lambda e: e.day)
    ledger = FundLedger(fund=fund, receipts=receipts, payments=payments)
    if fund.salary_fund and fund.allocated > fund.cap:
        ledger.warnings.append(
            f"Số trích lập {fund.allocated:,} đồng vượt {fund.cap_pct}% quỹ tiền lương "
            f"({fund.cap:,} đồng; {CAP_BASIS})".replace(",", ".")
        )
    campaign = ledger.paid_by_kind()["THI_DUA"]
    share = int(ledger.available * fund.campaign_share_pct / 100)
    if campaign > share:
        ledger.warnings.append(
            f"Chi công tác thi đua, tuyên truyền {campaign:,} đồng vượt {fund.campaign_share_pct}% "
            f"của quỹ ({share:,} đồng; {CAMPAIGN_SHARE_BASIS})".replace(",", ".")
        )
    if ledger.balance < 0:
        ledger.warnings.append("Số đã chi vượt số quỹ của năm")
    return ledger
