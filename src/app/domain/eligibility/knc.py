"""Rule 13: Kỷ niệm chương "Vì sự nghiệp Nông nghiệp và Môi trường" (domain.md §4.2, §12.1).

Years in the sector are counted from the day the person joined to the review date, less the
months of interruption and (parameter) the time under discipline. Thresholds by gender, the
reduction for consecutive years in mountain or island areas, the worst penalty allowed and
whether it bars for ever or only while in force are parameters (Thông tư 21/2018/TT-BTNMT
Điều 14, UNVERIFIED until Thông tư 62/2025 is read). Given once (an earlier medal of the
sector or its predecessors counts), never posthumously.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from datetime import date, timedelta

from app.domain.eligibility.common import hold_condition, penalties_text, two
from app.domain.eligibility.model import Condition, DisciplineInfo, PersonHistory
from app.domain.eligibility.rulesets import RuleSet

KNC = "KNC_NNMT"


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole months (31/01 + 1 month = 28/02 or 29/02)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def discipline_days(
    disciplines: Iterable[DisciplineInfo], start: date, end: date
) -> tuple[int, list[DisciplineInfo]]:
    """Days under a penalty between ``start`` and ``end`` (overlaps counted once), and the
    penalties with no end date that began in that time (their length is unknown)."""
    spans: list[tuple[date, date]] = []
    open_ended: list[DisciplineInfo] = []
    for d in disciplines:
        if d.is_hold or d.cleared or d.severity <= 0 or d.start > end:
            continue
        if d.end is None:
            open_ended.append(d)
            continue
        lo, hi = max(d.start, start), min(d.end, end)
        if lo <= hi:
            spans.append((lo, hi))
    days = 0
    last: date | None = None
    for lo, hi in sorted(spans):
        if last is not None and lo <= last:
            lo = last + timedelta(days=1)
        if lo <= hi:
            days += (hi - lo).days + 1
            last = hi
    return days, open_ended


def _span_text(start: date, end: date) -> str:
    """ "19 năm 11 tháng" between two days (whole months)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    if end.day < start.day:
        months -= 1
    months = max(months, 0)
    years, rest = divmod(months, 12)
    return f"{years} năm {rest} tháng" if rest else f"{years} năm"


def _once(h: PersonHistory, rules: RuleSet, cite: str) -> Condition:
    codes = (KNC, *rules.param("knc_predecessor_medals"))
    had = sorted(
        (a for a in h.awards if a.code in codes and not a.revoked),
        key=lambda a: (a.year or 0, a.code),
    )
    if had:
        a = had[0]
        when = f" năm {a.year}" if a.year else ""
        return Condition(
            "ONCE",
            f"Đã được tặng {rules.words.award(a.code)}{when}: Kỷ niệm chương chỉ tặng một lần",
            False,
            cite,
        )
    return Condition("ONCE", "Chưa được tặng Kỷ niệm chương của ngành", True, cite)


def _posthumous(h: PersonHistory, day: date, rules: RuleSet, cite: str) -> Condition:
    if h.death_date is not None and h.death_date <= day and not rules.param("knc_posthumous"):
        return Condition(
            "POSTHUMOUS",
            f"Đã mất ngày {h.death_date:%d/%m/%Y}: Kỷ niệm chương không truy tặng",
            False,
            cite,
        )
    return Condition("POSTHUMOUS", "Không phải truy tặng", True, cite)


def _service(h: PersonHistory, day: date, rules: RuleSet, cite: str) -> Condition:
    if h.gender not in ("NAM", "NU"):
        return Condition("SERVICE", "Chưa có giới tính để xác định số năm công tác", None, cite)
    if h.sector_start is None:
        return Condition("SERVICE", "Chưa có ngày vào ngành", None, cite)
    female = h.gender == "NU"
    who = "nữ" if female else "nam"
    need = int(rules.param("knc_years_female" if female else "knc_years_male"))
    reduced = int(rules.param("knc_years_female_remote" if female else "knc_years_male_remote"))
    remote_min = int(rules.param("knc_remote_min_years"))
    remote = h.remote_area_years
    if remote is not None and remote >= remote_min:
        need = reduced
        who += f", có {two(remote)} năm liên tục ở miền núi, hải đảo"
    breaks = h.sector_break_months or 0
    details = [f"vào ngành {h.sector_start:%d/%m/%Y}"]
    if breaks:
        details.append(f"gián đoạn {breaks} tháng")
    counted = add_months(h.sector_start, breaks)
    if rules.param("knc_subtract_discipline_time"):
        days, open_ended = discipline_days(h.disciplines, h.sector_start, day)
        if open_ended:
            return Condition(
                "SERVICE",
                f"Chưa có ngày kết thúc kỷ luật {penalties_text(open_ended)} để trừ thời gian "
                "bị kỷ luật khỏi thời gian công tác trong ngành",
                None,
                cite,
            )
        if days:
            details.append(f"trừ {days} ngày bị kỷ luật")
        counted += timedelta(days=days)
    reached = add_months(counted, 12 * need)
    basis = "; ".join(details)
    if reached <= day:
        return Condition(
            "SERVICE",
            f"Có {_span_text(counted, day)} công tác trong ngành tính đến {day:%d/%m/%Y} "
            f"(cần {two(need)} năm, {who}; {basis})",
            True,
            cite,
        )
    text = (
        f"Chưa đủ {two(need)} năm công tác trong ngành ({who}) tính đến {day:%d/%m/%Y}: "
        f"có {_span_text(counted, day)} ({basis}), đủ vào ngày {reached:%d/%m/%Y}"
    )
    if remote is None:
        # the reduction could apply: the missing number decides
        if add_months(counted, 12 * reduced) <= day:
            return Condition(
                "SERVICE",
                f"Chưa có số năm công tác liên tục ở miền núi, hải đảo: {text[0].lower()}"
                f"{text[1:]}; đủ nếu có từ {two(remote_min)} năm liên tục ở miền núi, hải đảo",
                None,
                cite,
            )
    return Condition("SERVICE", text, False, cite)


def _discipline(h: PersonHistory, year: int, rules: RuleSet, cite: str) -> Condition:
    day = h.review_date(year)
    when = h.review_words(year)
    worst = int(rules.param("knc_max_penalty_severity"))
    ever = bool(rules.param("knc_penalty_bars_ever"))
    barred = rules.words.severity(worst + 1)
    heavy = [
        d
        for d in h.disciplines
        if not d.is_hold
        and not d.cleared
        and d.severity > worst
        and d.start <= day
        and (ever or d.in_force_on(day))
    ]
    if heavy and ever:
        return Condition(
            "DISCIPLINE",
            f"Đã bị kỷ luật {penalties_text(heavy)}: không xét khi đã bị kỷ luật từ {barred} "
            "trở lên",
            False,
            cite,
        )
    if heavy:
        return Condition(
            "DISCIPLINE",
            f"Đang chịu kỷ luật {penalties_text(heavy)} tại {when} (từ {barred} trở lên)",
            False,
            cite,
        )
    if ever:
        return Condition("DISCIPLINE", f"Chưa từng bị kỷ luật từ {barred} trở lên", True, cite)
    return Condition(
        "DISCIPLINE", f"Không đang chịu kỷ luật từ {barred} trở lên tại {when}", True, cite
    )


def rule_knc(h: PersonHistory, year: int, rules: RuleSet, prov: frozenset[str]) -> list[Condition]:
    cite = rules.cite("KNC_NNMT")
    day = h.review_date(year)
    return [
        hold_condition(h, year, rules),
        _once(h, rules, cite),
        _posthumous(h, day, rules, cite),
        _service(h, day, rules, cite),
        _discipline(h, year, rules, cite),
    ]
