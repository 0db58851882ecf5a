"""Facts of a person's record the eligibility rules need (issue 12): years in the sector and
how a hold ended. Plain values and their checks, in Vietnamese; no database, no Qt."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from app.domain.codes import HoldOutcome

MAX_BREAK_MONTHS = 600
MAX_REMOTE_YEARS = 60


@dataclass(frozen=True)
class SectorFacts:
    """Years in the sector: the day the person joined, months of interruption since, the
    longest run of consecutive years in mountain or island areas, and the date of death."""

    start_date: date | None = None
    break_months: int | None = None
    remote_area_years: int | None = None
    death_date: date | None = None


def sector_problems(facts: SectorFacts, today: date, birth_date: date | None = None) -> list[str]:
    problems: list[str] = []
    if facts.start_date is not None:
        if facts.start_date > today:
            problems.append("Ngày vào ngành ở tương lai")
        if birth_date is not None and facts.start_date <= birth_date:
            problems.append("Ngày vào ngành trước ngày sinh")
    if facts.break_months is not None and not 0 <= facts.break_months <= MAX_BREAK_MONTHS:
        problems.append(f"Thời gian gián đoạn phải từ 0 đến {MAX_BREAK_MONTHS} tháng")
    if facts.remote_area_years is not None and not (
        0 <= facts.remote_area_years <= MAX_REMOTE_YEARS
    ):
        problems.append(f"Số năm công tác ở miền núi, hải đảo phải từ 0 đến {MAX_REMOTE_YEARS} năm")
    if facts.death_date is not None:
        if facts.death_date > today:
            problems.append("Ngày mất ở tương lai")
        if facts.start_date is not None and facts.death_date < facts.start_date:
            problems.append("Ngày mất trước ngày vào ngành")
    return problems


@dataclass(frozen=True)
class DisciplineFacts:
    """A penalty or a hold as the clerk records it. A hold (đang xem xét kỷ luật, điều tra,
    thanh tra, kiểm tra) may carry its conclusion: ``outcome`` KHONG_VI_PHAM or CO_VI_PHAM
    on ``concluded_on``; with a violation, the penalty that resulted (``penalty_kind`` from
    ``penalty_start`` to ``penalty_end``)."""

    kind: str
    start_date: date | None
    end_date: date | None = None
    decision_number: str = ""
    note: str = ""
    outcome: str | None = None
    concluded_on: date | None = None
    penalty_kind: str | None = None
    penalty_start: date | None = None
    penalty_end: date | None = None


def discipline_problems(
    facts: DisciplineFacts, *, holds: Collection[str], penalties: Collection[str]
) -> list[str]:
    """What stops ``facts`` from being saved (``holds``/``penalties``: the kinds of each)."""
    problems: list[str] = []
    if not facts.kind:
        problems.append("Chưa chọn hình thức kỷ luật")
    elif facts.kind not in holds and facts.kind not in penalties:
        problems.append(f"Hình thức kỷ luật '{facts.kind}' không có trong danh mục")
    if facts.start_date is None:
        problems.append("Chưa nhập ngày bắt đầu")
    if facts.start_date and facts.end_date and facts.end_date < facts.start_date:
        problems.append("Ngày kết thúc trước ngày bắt đầu")
    if facts.outcome is None:
        return problems
    if facts.outcome not in tuple(HoldOutcome):
        problems.append(f"Kết luận '{facts.outcome}' không hợp lệ")
        return problems
    if facts.kind and facts.kind not in holds:
        problems.append(
            "Chỉ trường hợp đang xem xét, điều tra, thanh tra, kiểm tra mới có kết luận"
        )
    if facts.concluded_on is None:
        problems.append("Chưa nhập ngày kết luận")
    elif facts.start_date and facts.concluded_on < facts.start_date:
        problems.append("Ngày kết luận trước ngày bắt đầu")
    if facts.outcome == HoldOutcome.CO_VI_PHAM:
        if not facts.penalty_kind:
            problems.append("Kết luận có vi phạm: chưa chọn hình thức kỷ luật đã áp dụng")
        elif facts.penalty_kind not in penalties:
            problems.append(f"Hình thức kỷ luật '{facts.penalty_kind}' không phải là kỷ luật")
        start = facts.penalty_start or facts.concluded_on
        if start and facts.penalty_end and facts.penalty_end < start:
            problems.append("Ngày hết thời hạn kỷ luật trước ngày bắt đầu kỷ luật")
    return problems
