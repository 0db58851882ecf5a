"""Cells of years in the sector as clerks write them (staff lists, issue 12).

- the day joined: a date, a month ("03/2005", "tháng 3/2005") or a year ("2005");
- the time in the sector: the same, a period ("03/2005 - nay") or a length ("25 năm",
  "20 năm 6 tháng", "25"), counted back from the day of the import;
- interruptions: months ("6", "6 tháng", "1 năm 2 tháng");
- years in mountain or island areas: whole years ("3", "3 năm", "3 năm 6 tháng" -> 3).

Every parser raises ``ValueError`` with a Vietnamese message; pure Python.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Final, TypedDict

from app.domain.eligibility.knc import add_months
from app.domain.person_facts import MAX_BREAK_MONTHS, MAX_REMOTE_YEARS
from app.domain.vnformat import format_date, parse_date, parse_date_or_year
from app.domain.vntext import clean, fold
from app.excel.row_reader import RowReader

_MONTH_YEAR: Final = re.compile(r"^(?:tu\s+)?(?:thang\s*|t)?(\d{1,2})\s*[/.\-]\s*(\d{4})$")
_YEAR: Final = re.compile(r"^(?:tu\s+)?(?:nam\s+)?(\d{4})$")
_SPAN: Final = re.compile(r"^(?:(\d+(?:[.,]\d+)?)\s*nam)?\s*(?:(\d+)\s*thang)?$")
_NUMBER: Final = re.compile(r"^\d+(?:[.,]\d+)?$")
# "03/2005 - nay", "2005 đến nay", "01/03/2005 – 31/12/2025": the day joined comes first
_PERIOD: Final = re.compile(r"(.+?)(?:\s+(?:-|–|den)\s+.*|\s*[-–]\s*(?:nay|hien nay))")


def _number(value: object) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float | Decimal):
        number = float(value)
        return number if math.isfinite(number) else None
    return None


def _start_text(text: str) -> date | None:
    """A month or a year written as text ("03/2005", "tháng 3/2005", "năm 2005")."""
    folded = fold(text)
    if m := _MONTH_YEAR.fullmatch(folded):
        month, year = int(m.group(1)), int(m.group(2))
        if 1 <= month <= 12 and 1900 <= year <= 2100:
            return date(year, month, 1)
        raise ValueError(f"Tháng không hợp lệ: {text}")
    if m := _YEAR.fullmatch(folded):
        return date(int(m.group(1)), 1, 1)
    return None


def sector_start(value: object) -> date | None:
    """The day joined: a date, a month (its first day) or a year (1 January)."""
    if isinstance(value, str):
        text = clean(value)
        if not text:
            return None
        folded = fold(text)
        found = _start_text(folded)
        if found is not None:
            return found
        try:
            return parse_date(re.sub(r"^tu\s+", "", folded))
        except ValueError:
            raise ValueError(
                f"Không đọc được ngày vào ngành: {text} (dùng dd/mm/yyyy, mm/yyyy hoặc năm)"
            ) from None
    day, year = parse_date_or_year(value)
    if day is None and year is not None:
        return date(year, 1, 1)
    return day


def months_of(value: object, label: str) -> int:
    """A length in months: a number of months, or "x năm y tháng"."""
    number = _number(value)
    if number is not None:
        if number < 0 or not number.is_integer():
            raise ValueError(f"{label} phải là số tháng nguyên: {value}")
        return int(number)
    text = fold(clean(str(value)))
    if _NUMBER.fullmatch(text):
        number = float(text.replace(",", "."))
        if number.is_integer():
            return int(number)
    elif (m := _SPAN.fullmatch(text)) and (m.group(1) or m.group(2)):
        years = float((m.group(1) or "0").replace(",", "."))
        return round(years * 12) + int(m.group(2) or 0)
    raise ValueError(f"Không đọc được {label.lower()}: {clean(str(value))} (ví dụ: 6 tháng)")


def whole_years(value: object, label: str) -> int:
    """A number of whole years ("3", "3 năm", "3 năm 6 tháng" -> 3)."""
    number = _number(value)
    if number is None:
        text = fold(clean(str(value)))
        if _NUMBER.fullmatch(text):
            number = float(text.replace(",", "."))
        elif (m := _SPAN.fullmatch(text)) and m.group(1):
            number = float(m.group(1).replace(",", "."))
        elif m and m.group(2):
            number = 0
    if number is None or number < 0:
        raise ValueError(f"Không đọc được {label.lower()}: {clean(str(value))} (ví dụ: 3 năm)")
    return int(number)


def start_from_service(value: object, today: date) -> date | None:
    """The day joined from a "time in the sector" cell: a date, a month, a year, a period
    ("03/2005 - nay") or a length ("25 năm", "20 năm 6 tháng") counted back from ``today``."""
    label = "Thời gian công tác trong ngành"
    number = _number(value)
    if number is not None and number < 100:  # a length in years, not a date or a year
        if number < 0:
            raise ValueError(f"{label} không hợp lệ: {value}")
        return add_months(today, -round(number * 12))
    if not isinstance(value, str):
        return sector_start(value)
    text = clean(value)
    if not text:
        return None
    folded = fold(text)
    if (m := _SPAN.fullmatch(folded)) and (m.group(1) or m.group(2)):
        return add_months(today, -months_of(text, label))
    if _NUMBER.fullmatch(folded) and float(folded.replace(",", ".")) < 100:
        return add_months(today, -round(float(folded.replace(",", ".")) * 12))
    if m := _PERIOD.fullmatch(folded):
        folded = m.group(1).strip()
    try:
        return sector_start(folded)
    except ValueError:
        raise ValueError(
            f"Không đọc được {label.lower()}: {text} (ví dụ: 25 năm, 03/2005 - nay, 01/03/2005)"
        ) from None


class SectorValues(TypedDict):
    sector_start: date | None
    sector_break_months: int | None
    remote_area_years: int | None
    death_date: date | None


def read_sector(reader: RowReader, today: date) -> SectorValues:
    """The years-in-the-sector columns of a staff row (issues go to ``reader``): the day
    joined ("Ngày vào ngành", else "Thời gian công tác trong ngành"), interruptions, years
    in mountain or island areas, the date of death."""
    start: date | None = None
    for name, parse in (
        ("sector_start", sector_start),
        ("sector_service", lambda v: start_from_service(v, today)),
    ):
        if start is not None or not reader.has(name) or reader.value(name) is None:
            continue
        try:
            start = parse(reader.value(name))
        except ValueError as exc:
            reader.issue(name, str(exc))
            continue
        if start is not None and start > today:
            reader.issue(name, f"Ngày vào ngành {format_date(start)} ở tương lai")
            start = None
    breaks = _counted(reader, "sector_break", "Thời gian gián đoạn", months_of, MAX_BREAK_MONTHS)
    remote = _counted(
        reader, "remote_years", "Số năm công tác ở miền núi, hải đảo", whole_years, MAX_REMOTE_YEARS
    )
    death = reader.date("death_date") if reader.has("death_date") else None
    if death is not None and death > today:
        reader.issue("death_date", f"Ngày mất {format_date(death)} ở tương lai")
        death = None
    return SectorValues(
        sector_start=start, sector_break_months=breaks, remote_area_years=remote, death_date=death
    )


def _counted(
    reader: RowReader, name: str, label: str, parse: Callable[[object, str], int], most: int
) -> int | None:
    if not reader.has(name) or reader.value(name) is None:
        return None
    try:
        value = parse(reader.value(name), label)
    except ValueError as exc:
        reader.issue(name, str(exc))
        return None
    if value > most:
        reader.issue(name, f"{label} quá lớn: {reader.text(name)}")
        return None
    return value
