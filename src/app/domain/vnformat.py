"""Vietnamese formatting and parsing of dates and money (domain.md §7.2, §9.3).

Pure standard library.

Public API
----------
- :func:`format_date` -- "05/02/2026" for tables.
- :func:`date_words` / :func:`formal_date_line` -- "Tuyên Quang, ngày 05 tháng 02 năm 2026".
- :func:`format_money` -- "2.340.000".
- :func:`money_in_words` -- "Hai triệu ba trăm bốn mươi nghìn đồng" (the "bằng chữ" line).
- :func:`parse_date` / :func:`parse_date_or_year` -- tolerant parsing of imported cells.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Final

from app.domain.vntext import clean, fold

__all__ = [
    "date_words",
    "format_date",
    "format_money",
    "formal_date_line",
    "money_in_words",
    "parse_date",
    "parse_date_or_year",
]

# ---------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------


def format_date(d: date | None) -> str:
    """Table form "dd/mm/yyyy" (always zero-padded); ``""`` for ``None``."""
    if d is None:
        return ""
    return f"{d.day:02d}/{d.month:02d}/{d.year:04d}"


def date_words(d: date) -> str:
    """Formal date of NĐ 30/2020 Phụ lục I: "ngày 05 tháng 02 năm 2026".

    The day has a leading zero below 10; the month has one only for January and
    February ("tháng 01", "tháng 02", but "tháng 6", "tháng 12").
    """
    month = f"{d.month:02d}" if d.month < 3 else str(d.month)
    return f"ngày {d.day:02d} tháng {month} năm {d.year}"


def formal_date_line(place: str, d: date) -> str:
    """Place-and-date line: "Tuyên Quang, ngày 05 tháng 02 năm 2026".

    The place name (địa danh) is cleaned; when it is empty the line is just the date,
    capitalised ("Ngày 05 tháng 02 năm 2026").
    """
    name = clean(place)
    words = date_words(d)
    if not name:
        return words[0].upper() + words[1:]
    return f"{name}, {words}"


# ---------------------------------------------------------------------------
# Money
# ---------------------------------------------------------------------------


def _whole_dong(amount: int | Decimal) -> int:
    if isinstance(amount, bool):
        raise TypeError("Số tiền phải là số nguyên đồng, không phải giá trị đúng/sai")
    if isinstance(amount, int):
        return amount
    if isinstance(amount, Decimal):
        if not amount.is_finite():
            raise ValueError(f"Số tiền không hợp lệ: {amount}")
        if amount != amount.to_integral_value():
            raise ValueError(f"Số tiền phải là số nguyên đồng: {amount}")
        return int(amount)
    raise TypeError(f"Số tiền phải là int hoặc Decimal, không phải {type(amount).__name__}")


def format_money(amount: int | Decimal) -> str:
    """Dotted thousands: 2340000 -> "2.340.000"; -1500 -> "-1.500".

    Amounts are whole đồng: a ``Decimal`` with a fractional part raises ``ValueError``
    (``Decimal("2340000.00")`` is fine); ``float`` and ``bool`` raise ``TypeError``.
    """
    n = _whole_dong(amount)
    digits = f"{abs(n):,}".replace(",", ".")
    return f"-{digits}" if n < 0 else digits


def format_count(n: int) -> str:
    """A count with dotted thousands, as the clerk writes it: 1036 -> "1.036"."""
    digits = f"{abs(n):,}".replace(",", ".")
    return f"-{digits}" if n < 0 else digits


_DIGIT_WORDS: Final = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_BILLION: Final = 10**9


def _read_group(n: int, *, leading: bool) -> list[str]:
    """Words for 1 <= n <= 999. A non-leading group always reads its hundreds."""
    hundreds, rest = divmod(n, 100)
    tens, units = divmod(rest, 10)
    words: list[str] = []
    if hundreds or not leading:
        words += [_DIGIT_WORDS[hundreds], "trăm"]
    if tens == 0:
        if units:
            if words:
                words.append("linh")
            words.append(_DIGIT_WORDS[units])
        return words
    if tens == 1:
        words.append("mười")
    else:
        words += [_DIGIT_WORDS[tens], "mươi"]
    if units == 1:
        words.append("mốt" if tens > 1 else "một")
    elif units == 4:
        words.append("tư" if tens > 1 else "bốn")
    elif units == 5:
        words.append("lăm")
    elif units:
        words.append(_DIGIT_WORDS[units])
    return words


def _read_below_billion(n: int, *, leading: bool) -> list[str]:
    """Words for 0 <= n < 10**9 in groups of triệu, nghìn and units; zero groups skipped."""
    words: list[str] = []
    for scale, unit in ((10**6, "triệu"), (10**3, "nghìn"), (1, "")):
        group = (n // scale) % 1000
        if group == 0:
            continue
        words += _read_group(group, leading=leading and not words)
        if unit:
            words.append(unit)
    return words


def _read_number(n: int) -> list[str]:
    """Words for n >= 1; amounts of 10**9 or more recurse on "tỷ" ("một nghìn tỷ")."""
    upper, lower = divmod(n, _BILLION)
    if upper == 0:
        return _read_below_billion(lower, leading=True)
    return [*_read_number(upper), "tỷ", *_read_below_billion(lower, leading=False)]


def money_in_words(amount: int | Decimal) -> str:
    """Amount of đồng in Vietnamese words, first letter capitalised, ending in " đồng".

    Conventions (the usual "bằng chữ" style of accounting and decisions):

    - digits: không, một, hai, ba, bốn, năm, sáu, bảy, tám, chín;
    - groups of three digits with the scale words "nghìn" (not "ngàn"), "triệu" and
      "tỷ" (not "tỉ"); from 10**12 the scales repeat: "một nghìn tỷ", "một triệu tỷ";
    - a group that is zero is skipped: 1000000 -> "Một triệu đồng";
    - tens: 10 "mười", 20 "hai mươi"; unit 1 after "mươi" is "mốt" (21 "hai mươi mốt",
      but 11 "mười một"); unit 4 after "mươi" is "tư" (24 "hai mươi tư", but 14 "mười
      bốn"); unit 5 after a tens word is "lăm" (15 "mười lăm", 25 "hai mươi lăm");
    - a zero tens digit after a spoken hundreds is "linh": 105 "một trăm linh năm";
    - every group after the first reads its hundreds, "không trăm" when zero:
      1005000 -> "Một triệu không trăm linh năm nghìn đồng";
    - 0 -> "Không đồng"; a negative amount starts with "Âm".

    Accepts ``int`` or an integral ``Decimal`` (see :func:`format_money`).
    """
    n = _whole_dong(amount)
    words = ["không"] if n == 0 else _read_number(abs(n))
    if n < 0:
        words.insert(0, "âm")
    text = " ".join([*words, "đồng"])
    return text[0].upper() + text[1:]


# ---------------------------------------------------------------------------
# Parsing imported dates
# ---------------------------------------------------------------------------

_MIN_YEAR_ALONE: Final = 1900
_MAX_YEAR_ALONE: Final = 2100
_TWO_DIGIT_PIVOT: Final = 30  # "yy" 00-30 -> 2000-2030, 31-99 -> 1931-1999

_EXCEL_EPOCH: Final = date(1899, 12, 30)  # serial 61 = 1900-03-01 counts from here
_EXCEL_MAX_SERIAL: Final = 2958465  # 9999-12-31

_TIME_SUFFIX: Final = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)?"
_DMY: Final = re.compile(r"(\d{1,2})\s*([/.\-])\s*(\d{1,2})\s*\2\s*(\d{4}|\d{2})" + _TIME_SUFFIX)
_YMD: Final = re.compile(r"(\d{4})\s*([/.\-])\s*(\d{1,2})\s*\2\s*(\d{1,2})" + _TIME_SUFFIX)
# The formal form, matched on fold()ed text: "ngày 05 tháng 02 năm 2026".
_WORDS: Final = re.compile(r"ngay\s*(\d{1,2})\s*thang\s*(\d{1,2})\s*(?:,\s*)?nam\s*(\d{4})")
_YEAR_ONLY: Final = re.compile(r"(?:nam\s*)?(\d{4})")


def _make_date(year: int, month: int, day: int, shown: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"Ngày không hợp lệ: {shown}") from None


def _from_excel_serial(value: float, shown: str) -> date:
    if math.isnan(value) or value < 1 or value >= _EXCEL_MAX_SERIAL + 1:
        raise ValueError(f"Ngày không hợp lệ (số sê-ri Excel ngoài phạm vi): {shown}")
    serial = math.floor(value)
    if _MIN_YEAR_ALONE <= serial <= _MAX_YEAR_ALONE:
        raise ValueError(
            f"{serial} là một năm, không phải ngày đầy đủ (dùng parse_date_or_year cho cột năm)"
        )
    if serial == 60:
        # Excel's phantom 29/02/1900 (Lotus 1-2-3 leap-year bug).
        raise ValueError("Ngày không hợp lệ: 29/02/1900")
    if serial < 60:
        return date(1899, 12, 31) + timedelta(days=serial)
    return _EXCEL_EPOCH + timedelta(days=serial)


def _expand_year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000 if year <= _TWO_DIGIT_PIVOT else 1900
    return year


def _parse_text(text: str) -> date:
    if m := _DMY.fullmatch(text):
        day, _, month, year = m.groups()
        return _make_date(_expand_year(year), int(month), int(day), text)
    if m := _YMD.fullmatch(text):
        year, _, month, day = m.groups()
        return _make_date(int(year), int(month), int(day), text)
    if m := _WORDS.search(fold(text)):
        day, month, year = m.groups()
        return _make_date(int(year), int(month), int(day), text)
    if _YEAR_ONLY.fullmatch(fold(text)):
        raise ValueError(f"Chỉ có năm, không phải ngày đầy đủ: {text}")
    raise ValueError(f"Không đọc được ngày: {text} (dùng dạng dd/mm/yyyy)")


def parse_date(value: object) -> date | None:
    """Tolerant date parser for imported cells.

    Returns ``None`` for ``None`` and empty/blank strings. Accepts:

    - ``datetime`` (time dropped) and ``date`` objects;
    - Excel serial numbers (``int``, ``float``, ``Decimal``; 1900 date system, fraction =
      time of day, dropped): 44927 -> 2023-01-01. Serial 60 (Excel's non-existent
      29/02/1900) is rejected. Whole numbers 1900-2100 are rejected as a bare year
      rather than read as a date in 1905: use :func:`parse_date_or_year` for year columns;
    - text, day first, with "/", "-" or "." as the (same) separator: "05/02/2026",
      "5/2/26", "05-02-2026", "05.02.2026"; ISO "2026-02-05" (and "2026/02/05"); an
      optional time after the date ("2023-01-01 00:00:00"); the formal form
      "ngày 05 tháng 02 năm 2026". Month-first (US) dates are not recognised.
    - Two-digit years: 00-30 -> 2000-2030, 31-99 -> 1931-1999.

    Raises ``ValueError`` with a Vietnamese message for impossible dates
    ("Ngày không hợp lệ: 31/02/1980"), a bare year, unreadable text and other types.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        raise ValueError(f"Không đọc được ngày: {value}")
    if isinstance(value, int | float | Decimal):
        shown = str(value)
        if isinstance(value, Decimal) and not value.is_finite():
            raise ValueError(f"Ngày không hợp lệ: {shown}")
        return _from_excel_serial(float(value), shown)
    if isinstance(value, str):
        text = clean(value)
        if not text:
            return None
        return _parse_text(text)
    raise ValueError(f"Không đọc được ngày từ giá trị kiểu {type(value).__name__}")


def _year_alone(value: object) -> int | None:
    """The year if ``value`` is a bare year (a whole number or "1980"/"năm 1980")."""
    if isinstance(value, str):
        m = _YEAR_ONLY.fullmatch(fold(value))
        if m is None:
            return None
        year = int(m.group(1))
        if not _MIN_YEAR_ALONE <= year <= _MAX_YEAR_ALONE:
            raise ValueError(f"Năm không hợp lệ: {clean(value)}")
        return year
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return None
    if isinstance(value, Decimal) and not value.is_finite():
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if value != int(value):
        return None
    year = int(value)
    return year if _MIN_YEAR_ALONE <= year <= _MAX_YEAR_ALONE else None


def parse_date_or_year(value: object) -> tuple[date | None, int | None]:
    """Parse a cell that holds either a full date or only a year (e.g. "Năm sinh").

    - a bare year 1900-2100 (``1980``, ``1980.0``, ``"1980"``, ``"năm 1980"``) ->
      ``(None, 1980)``; a four-digit text year outside 1900-2100 raises ``ValueError``;
    - a full date (anything :func:`parse_date` accepts) -> ``(date, date.year)``;
    - empty -> ``(None, None)``.
    """
    year = _year_alone(value)
    if year is not None:
        return None, year
    d = parse_date(value)
    return (d, d.year) if d is not None else (None, None)
