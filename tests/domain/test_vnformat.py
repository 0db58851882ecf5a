"""Tests for app.domain.vnformat (domain.md §7.2, §9.3).

Expected values follow the stated rules (NĐ 30/2020 date line, dotted thousands, the usual
Vietnamese reading of numbers); the money words are also checked by an independent parser.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.vnformat import (
    date_words,
    formal_date_line,
    format_date,
    format_money,
    money_in_words,
    parse_date,
    parse_date_or_year,
)

# ---------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------


class TestFormatDate:
    def test_examples(self) -> None:
        assert format_date(date(2026, 2, 5)) == "05/02/2026"
        assert format_date(date(2025, 12, 31)) == "31/12/2025"
        assert format_date(datetime(2023, 1, 1, 15, 30)) == "01/01/2023"

    def test_none(self) -> None:
        assert format_date(None) == ""

    @given(st.dates())
    def test_shape(self, d: date) -> None:
        assert re.fullmatch(r"\d{2}/\d{2}/\d{4}", format_date(d))


class TestDateWords:
    @pytest.mark.parametrize(
        ("d", "expected"),
        [
            (date(2026, 2, 5), "ngày 05 tháng 02 năm 2026"),
            (date(2025, 6, 15), "ngày 15 tháng 6 năm 2025"),
            (date(2026, 1, 5), "ngày 05 tháng 01 năm 2026"),
            (date(2025, 12, 3), "ngày 03 tháng 12 năm 2025"),
            (date(2025, 10, 10), "ngày 10 tháng 10 năm 2025"),
            (date(2025, 3, 9), "ngày 09 tháng 3 năm 2025"),
            (date(2025, 11, 30), "ngày 30 tháng 11 năm 2025"),
        ],
    )
    def test_examples(self, d: date, expected: str) -> None:
        assert date_words(d) == expected

    @given(st.dates(min_value=date(1000, 1, 1)))
    def test_padding_rule(self, d: date) -> None:
        m = re.fullmatch(r"ngày (\d+) tháng (\d+) năm (\d+)", date_words(d))
        assert m is not None
        day, month, year = m.groups()
        # Day: two digits always (zero only below 10). Month: zero only for 1 and 2.
        assert len(day) == 2 and int(day) == d.day
        assert int(month) == d.month
        assert month.startswith("0") == (d.month in (1, 2))
        assert int(year) == d.year


class TestFormalDateLine:
    def test_examples(self) -> None:
        assert (
            formal_date_line("Tuyên Quang", date(2026, 2, 5))
            == "Tuyên Quang, ngày 05 tháng 02 năm 2026"
        )
        assert formal_date_line("Hà Nội", date(2025, 6, 15)) == "Hà Nội, ngày 15 tháng 6 năm 2025"

    def test_place_is_cleaned_and_nfc(self) -> None:
        place = unicodedata.normalize("NFD", "  Tuyên   Quang ")
        line = formal_date_line(place, date(2025, 12, 3))
        assert line == "Tuyên Quang, ngày 03 tháng 12 năm 2025"
        assert unicodedata.is_normalized("NFC", line)

    def test_empty_place(self) -> None:
        assert formal_date_line("", date(2026, 1, 5)) == "Ngày 05 tháng 01 năm 2026"

    @given(st.dates())
    def test_is_place_plus_date_words(self, d: date) -> None:
        assert formal_date_line("Tuyên Quang", d) == f"Tuyên Quang, {date_words(d)}"


# ---------------------------------------------------------------------------
# Money
# ---------------------------------------------------------------------------


class TestFormatMoney:
    @pytest.mark.parametrize(
        ("amount", "expected"),
        [
            (0, "0"),
            (5, "5"),
            (999, "999"),
            (1000, "1.000"),
            (710000, "710.000"),
            (2340000, "2.340.000"),
            (1000000000, "1.000.000.000"),
            (-1500, "-1.500"),
            (Decimal("2340000"), "2.340.000"),
            (Decimal("2340000.00"), "2.340.000"),
            (Decimal("-0"), "0"),
        ],
    )
    def test_examples(self, amount: int | Decimal, expected: str) -> None:
        assert format_money(amount) == expected

    @pytest.mark.parametrize("amount", [Decimal("0.5"), Decimal("1234.01"), Decimal("NaN")])
    def test_fractional_decimal_rejected(self, amount: Decimal) -> None:
        with pytest.raises(ValueError):
            format_money(amount)

    @pytest.mark.parametrize("amount", [1.0, True, "1000"])
    def test_other_types_rejected(self, amount: object) -> None:
        with pytest.raises(TypeError):
            format_money(amount)  # type: ignore[arg-type]

    @given(st.integers(min_value=-(10**15), max_value=10**15))
    def test_groups_of_three(self, n: int) -> None:
        text = format_money(n)
        assert text.replace(".", "") == str(n)
        digits = text.removeprefix("-")
        first, *rest = digits.split(".")
        assert 1 <= len(first) <= 3
        assert all(len(group) == 3 for group in rest)


# An independent reader for the words, used to check every reading against its value.
UNITS = {
    "không": 0, "một": 1, "hai": 2, "ba": 3, "bốn": 4,
    "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9,
}  # fmt: skip
SCALES = (("tỷ", 10**9), ("triệu", 10**6), ("nghìn", 10**3))


def read_group(words: list[str]) -> int:
    """Value of a reading below 1000, checking the spelling rules on the way."""
    value, i = 0, 0
    if len(words) >= 2 and words[1] == "trăm":
        value, i = UNITS[words[0]] * 100, 2
    rest = words[i:]
    if not rest:
        return value
    if rest[0] == "linh":
        assert i == 2 and len(rest) == 2 and rest[1] in UNITS and rest[1] != "không"
        return value + UNITS[rest[1]]
    if rest[0] == "mười":
        tens, unit_words = 1, rest[1:]
    elif len(rest) >= 2 and rest[1] == "mươi":
        assert rest[0] not in ("không", "một")
        tens, unit_words = UNITS[rest[0]], rest[2:]
    else:
        assert len(rest) == 1 and i == 0, rest  # a lone unit only in a leading group
        return UNITS[rest[0]]
    if not unit_words:
        return value + tens * 10
    assert len(unit_words) == 1
    unit = unit_words[0]
    if unit == "mốt":
        assert tens > 1  # 21 "hai mươi mốt", but 11 "mười một"
        u = 1
    elif unit == "tư":
        assert tens > 1  # 24 "hai mươi tư", but 14 "mười bốn"
        u = 4
    elif unit == "lăm":
        u = 5
    else:
        assert unit not in ("không", "năm")  # 5 after a tens word is "lăm"
        assert not (unit == "một" and tens > 1)
        u = UNITS[unit]
    return value + tens * 10 + u


def read_words(words: list[str]) -> int:
    for scale_word, scale in SCALES:
        if scale_word in words:
            # Split on the last occurrence so "một nghìn tỷ" = (một nghìn) x tỷ.
            k = len(words) - 1 - words[::-1].index(scale_word)
            return read_words(words[:k]) * scale + read_words(words[k + 1 :])
    return read_group(words) if words else 0


def read_amount(text: str) -> int:
    assert text.endswith(" đồng")
    words = text.removesuffix(" đồng").lower().split(" ")
    if words[0] == "âm":
        return -read_amount(" ".join(words[1:]) + " đồng")
    if words == ["không"]:
        return 0
    return read_words(words)


class TestMoneyInWords:
    @pytest.mark.parametrize(
        ("amount", "expected"),
        [
            (0, "Không đồng"),
            (5, "Năm đồng"),
            (10, "Mười đồng"),
            (11, "Mười một đồng"),
            (14, "Mười bốn đồng"),
            (15, "Mười lăm đồng"),
            (20, "Hai mươi đồng"),
            (21, "Hai mươi mốt đồng"),
            (24, "Hai mươi tư đồng"),
            (25, "Hai mươi lăm đồng"),
            (55, "Năm mươi lăm đồng"),
            (100, "Một trăm đồng"),
            (101, "Một trăm linh một đồng"),
            (104, "Một trăm linh bốn đồng"),
            (105, "Một trăm linh năm đồng"),
            (110, "Một trăm mười đồng"),
            (115, "Một trăm mười lăm đồng"),
            (121, "Một trăm hai mươi mốt đồng"),
            (1000, "Một nghìn đồng"),
            (1001, "Một nghìn không trăm linh một đồng"),
            (1010, "Một nghìn không trăm mười đồng"),
            (1100, "Một nghìn một trăm đồng"),
            (15000, "Mười lăm nghìn đồng"),
            (710000, "Bảy trăm mười nghìn đồng"),
            (1000000, "Một triệu đồng"),
            (1005000, "Một triệu không trăm linh năm nghìn đồng"),
            (1065000, "Một triệu không trăm sáu mươi lăm nghìn đồng"),
            (1000001, "Một triệu không trăm linh một đồng"),
            (2340000, "Hai triệu ba trăm bốn mươi nghìn đồng"),
            (7600000, "Bảy triệu sáu trăm nghìn đồng"),
            (11390000, "Mười một triệu ba trăm chín mươi nghìn đồng"),
            (21000000, "Hai mươi mốt triệu đồng"),
            (1000000000, "Một tỷ đồng"),
            (2000005000, "Hai tỷ không trăm linh năm nghìn đồng"),
            (1000000000000, "Một nghìn tỷ đồng"),
            (
                999999999999,
                "Chín trăm chín mươi chín tỷ chín trăm chín mươi chín triệu "
                "chín trăm chín mươi chín nghìn chín trăm chín mươi chín đồng",
            ),
            (-2000, "Âm hai nghìn đồng"),
            (Decimal("710000"), "Bảy trăm mười nghìn đồng"),
            (Decimal("2340000.00"), "Hai triệu ba trăm bốn mươi nghìn đồng"),
        ],
    )
    def test_examples(self, amount: int | Decimal, expected: str) -> None:
        assert money_in_words(amount) == expected

    def test_words_are_nfc(self) -> None:
        assert unicodedata.is_normalized("NFC", money_in_words(1_234_567_891))

    def test_fractional_decimal_rejected(self) -> None:
        with pytest.raises(ValueError):
            money_in_words(Decimal("1000.5"))

    def test_bool_rejected(self) -> None:
        with pytest.raises(TypeError):
            money_in_words(True)

    def test_reader_agrees_on_examples(self) -> None:
        # The test's own parser must read the hand-written examples correctly.
        assert read_amount("Một triệu không trăm linh năm nghìn đồng") == 1005000
        assert read_amount("Một nghìn tỷ đồng") == 10**12
        assert read_amount("Hai mươi tư đồng") == 24

    @given(st.integers(min_value=0, max_value=10**12))
    def test_never_crashes_and_reads_back(self, n: int) -> None:
        text = money_in_words(n)
        assert text.endswith(" đồng")
        assert text[0].isupper() and text[1:] == text[1:].lower()
        assert "  " not in text
        assert read_amount(text) == n

    @given(st.integers(min_value=-(10**21), max_value=10**21))
    def test_large_and_negative_read_back(self, n: int) -> None:
        assert read_amount(money_in_words(n)) == n


# ---------------------------------------------------------------------------
# Parsing
# ---------------------------------------------------------------------------


class TestParseDate:
    @pytest.mark.parametrize("value", [None, "", "   ", "\u00a0\t"])
    def test_empty(self, value: object) -> None:
        assert parse_date(value) is None

    def test_date_and_datetime(self) -> None:
        assert parse_date(date(2026, 2, 5)) == date(2026, 2, 5)
        result = parse_date(datetime(2026, 2, 5, 13, 45))
        assert result == date(2026, 2, 5) and type(result) is date

    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            (44927, date(2023, 1, 1)),
            (44927.75, date(2023, 1, 1)),  # the fraction is a time of day
            (Decimal("44927"), date(2023, 1, 1)),
            (1, date(1900, 1, 1)),
            (59, date(1900, 2, 28)),
            (61, date(1900, 3, 1)),  # Excel counts a non-existent 29/02/1900 as 60
            (2958465, date(9999, 12, 31)),
        ],
    )
    def test_excel_serial(self, value: object, expected: date) -> None:
        assert parse_date(value) == expected

    @pytest.mark.parametrize("value", [0, -5, 60, 2958466, float("nan"), float("inf")])
    def test_bad_excel_serial(self, value: object) -> None:
        with pytest.raises(ValueError):
            parse_date(value)

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("05/02/2026", date(2026, 2, 5)),
            ("5/2/2026", date(2026, 2, 5)),
            ("5/2/26", date(2026, 2, 5)),
            ("05-02-2026", date(2026, 2, 5)),
            ("05.02.2026", date(2026, 2, 5)),
            ("2026-02-05", date(2026, 2, 5)),
            ("2026/02/05", date(2026, 2, 5)),
            ("  05/02/2026 ", date(2026, 2, 5)),
            ("05 / 02 / 2026", date(2026, 2, 5)),
            ("2023-01-01 00:00:00", date(2023, 1, 1)),
            ("2023-01-01T08:30", date(2023, 1, 1)),
            ("29/02/2024", date(2024, 2, 29)),
            ("31/12/1999", date(1999, 12, 31)),
            ("ngày 05 tháng 02 năm 2026", date(2026, 2, 5)),
            ("Ngày 15 tháng 6 năm 2025", date(2025, 6, 15)),
            ("Tuyên Quang, ngày 03 tháng 12 năm 2025", date(2025, 12, 3)),
            (unicodedata.normalize("NFD", "ngày 5 tháng 2 năm 2026"), date(2026, 2, 5)),
        ],
    )
    def test_text(self, text: str, expected: date) -> None:
        assert parse_date(text) == expected

    @pytest.mark.parametrize(
        ("text", "year"),
        [
            ("01/01/00", 2000),
            ("01/01/30", 2030),  # 00-30 -> 2000s
            ("01/01/31", 1931),  # 31-99 -> 1900s
            ("1/1/99", 1999),
            ("15/8/75", 1975),
        ],
    )
    def test_two_digit_years(self, text: str, year: int) -> None:
        result = parse_date(text)
        assert result is not None and result.year == year

    @pytest.mark.parametrize(
        "text", ["31/02/1980", "29/02/2023", "32/01/2020", "00/01/2020", "13/13/2020", "2020-13-01"]
    )
    def test_impossible_dates(self, text: str) -> None:
        with pytest.raises(ValueError, match=re.escape(f"Ngày không hợp lệ: {text}")):
            parse_date(text)

    @pytest.mark.parametrize(
        "text", ["abc", "05/02", "05/02-2026", "2026", "1980", "tháng 2", "5 2 2026", "05/02/202"]
    )
    def test_unreadable_text(self, text: str) -> None:
        with pytest.raises(ValueError):
            parse_date(text)

    @pytest.mark.parametrize("value", [1980, 1980.0, 2100, Decimal(1900)])
    def test_number_that_is_a_year_is_not_a_date(self, value: object) -> None:
        with pytest.raises(ValueError, match="năm"):
            parse_date(value)

    @pytest.mark.parametrize("value", [True, [2026, 2, 5], object()])
    def test_other_types(self, value: object) -> None:
        with pytest.raises(ValueError):
            parse_date(value)

    @given(st.dates(min_value=date(1000, 1, 1)))
    def test_round_trips(self, d: date) -> None:
        assert parse_date(format_date(d)) == d
        assert parse_date(d.isoformat()) == d
        assert parse_date(f"{d.day}/{d.month}/{d.year}") == d
        assert parse_date(date_words(d)) == d

    @given(st.dates(min_value=date(1900, 3, 1)))
    def test_excel_serial_round_trip(self, d: date) -> None:
        serial = (d - date(1899, 12, 30)).days
        if 1900 <= serial <= 2100:  # reserved for bare years
            return
        assert parse_date(serial) == d
        assert parse_date(float(serial) + 0.5) == d

    @given(st.dates(min_value=date(1900, 1, 1), max_value=date(1900, 2, 28)))
    def test_excel_serial_before_phantom_leap_day(self, d: date) -> None:
        assert parse_date((d - date(1899, 12, 31)).days) == d

    @given(st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31)))
    def test_two_digit_year_2000s(self, d: date) -> None:
        assert parse_date(f"{d.day:02d}/{d.month:02d}/{d.year % 100:02d}") == d


class TestParseDateOrYear:
    @pytest.mark.parametrize(
        "value", [1980, 1980.0, Decimal("1980"), "1980", " 1980 ", "năm 1980", "Năm 1980"]
    )
    def test_year_only(self, value: object) -> None:
        assert parse_date_or_year(value) == (None, 1980)

    @pytest.mark.parametrize("year", [1900, 2100])
    def test_year_bounds(self, year: int) -> None:
        assert parse_date_or_year(year) == (None, year)
        assert parse_date_or_year(str(year)) == (None, year)

    @pytest.mark.parametrize(
        "value", ["05/02/1980", date(1980, 2, 5), datetime(1980, 2, 5, 7), 29256, "1980-02-05"]
    )
    def test_full_date(self, value: object) -> None:
        # 29256 is the Excel serial of 05/02/1980: (date(1980, 2, 5) - date(1899, 12, 30)).
        assert parse_date_or_year(value) == (date(1980, 2, 5), 1980)

    @pytest.mark.parametrize("value", [None, "", "  "])
    def test_empty(self, value: object) -> None:
        assert parse_date_or_year(value) == (None, None)

    @pytest.mark.parametrize("value", ["1850", "2200", "31/02/1980", "abc"])
    def test_invalid(self, value: object) -> None:
        with pytest.raises(ValueError):
            parse_date_or_year(value)

    @given(st.integers(min_value=1900, max_value=2100))
    def test_any_year(self, year: int) -> None:
        assert parse_date_or_year(year) == (None, year)
        assert parse_date_or_year(str(year)) == (None, year)

    @given(st.dates())
    def test_any_date(self, d: date) -> None:
        assert parse_date_or_year(format_date(d)) == (d, d.year)


def test_excel_serial_reference_value() -> None:
    # 2023-01-01 is serial 44927 in the 1900 date system (days since 1899-12-30).
    assert date(1899, 12, 30) + timedelta(days=44927) == date(2023, 1, 1)
    assert parse_date(44927) == date(2023, 1, 1)
