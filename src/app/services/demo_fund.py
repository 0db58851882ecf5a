"""The award fund and the provincial deadlines of the demo database (issue 26): for each year,
a salary fund, an allocation under the cap, a contribution received, spending on campaign work
and award items; the bonuses of the issued decisions post themselves
(:mod:`app.services.award_fund`). Deterministic: the same people and years, the same figures."""

from __future__ import annotations

import json
from datetime import date

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from app.db.audit import summarised
from app.db.models import AppSetting, Person
from app.services.award_fund import FundEntry, FundYear, fund_key, fund_setting

#: a rough yearly salary per person (đồng), for the demo's salary fund only
_SALARY_PER_PERSON = 120_000_000


def add_demo_fund(session: Session, first: int, last: int) -> None:
    people = int(session.scalar(select(func.count()).select_from(Person)) or 0)
    salary_fund = max(people, 1) * _SALARY_PER_PERSON
    for year in range(first, last + 1):
        allocated = salary_fund * 15 // 100 // 1_000_000 * 1_000_000
        entries = (
            FundEntry("THU", "DONG_GOP", date(year, 3, 15), 5_000_000, f"{year}/GNT-01"),
            FundEntry(
                "CHI", "THI_DUA", date(year, 5, 20), allocated // 20 // 1000 * 1000, "PC-01",
                "Hội nghị phát động phong trào thi đua",
            ),
            FundEntry(
                "CHI", "HIEN_VAT", date(year, 12, 28), 3_500_000, "PC-02",
                "Khung Giấy khen, hộp kỷ niệm chương",
            ),
        )  # fmt: skip
        fund = FundYear(
            year=year,
            salary_fund=salary_fund,
            salary_fund_document=f"Quyết định giao dự toán năm {year} (mẫu)",
            allocated=allocated,
            entries=entries,
        )
        value = json.dumps(fund_setting(fund), ensure_ascii=False, sort_keys=True)
        # a core insert, as the rest of the demo: the demo is one entry of the audit log
        with summarised(session):
            session.execute(insert(AppSetting), [{"key": fund_key(year), "value": value}])
