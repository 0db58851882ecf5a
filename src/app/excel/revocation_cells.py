"""A revoked award in an award history (issue 12, domain.md X12): the revocation decision
("Số QĐ thu hồi", "Ngày thu hồi") or a "Thu hồi" column holding a mark ("x", "Có", "Đã thu
hồi") or the decision itself ("15/QĐ-UBND ngày 02/03/2025"). Pure Python."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Final

from app.domain.vnformat import format_date, parse_date
from app.domain.vntext import clean, fold_key

_YES: Final = frozenset(
    {"x", "co", "da thu hoi", "thu hoi", "bi thu hoi", "huy bo", "da huy bo", "yes", "1", "v"}
)
_NO: Final = frozenset({"khong", "chua", "no", "0", "-"})
_DECISION_WITH_DATE: Final = re.compile(
    r"^(?P<number>.*?)[\s,;]*(?:ngày|ngay)\s+(?P<date>\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4})\s*$",
    re.IGNORECASE,
)
_DECISION_WORDS: Final = re.compile(
    r"^(?:(?:đã|bị)\s+)?(?:thu hồi|hủy bỏ)?\s*(?:theo\s+)?(?:quyết định|qđ)?\s*(?:số)?\s*",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Revocation:
    revoked: bool = False
    number: str = ""
    day: date | None = None


def split_revocation(text: str) -> tuple[str, date | None]:
    """ "Thu hồi theo QĐ số 15/QĐ-UBND ngày 02/03/2025" -> ("15/QĐ-UBND", 2025-03-02)."""
    text = clean(text)
    day: date | None = None
    m = _DECISION_WITH_DATE.match(text)
    if m is not None:
        try:
            day = parse_date(m.group("date"))
            text = m.group("number")
        except ValueError:
            day = None
    number = _DECISION_WORDS.sub("", clean(text)).strip(" ,;:")
    return number, day


def read_revocation(
    number_text: str, day_value: object, mark: object, decided: date | None
) -> tuple[Revocation, dict[str, str]]:
    """The revocation of a row and the problems by field (``revocation_number``,
    ``revocation_date``, ``revoked``); ``decided`` is the award's decision date."""
    problems: dict[str, str] = {}
    revoked = False
    number, day = "", None
    if isinstance(mark, bool):
        revoked = mark
    elif isinstance(mark, int | float):
        revoked = mark != 0
    elif isinstance(mark, str) and clean(mark):
        key = fold_key(mark)
        if key in _YES:
            revoked = True
        elif key not in _NO:
            number, day = split_revocation(mark)
            if any(ch.isdigit() for ch in number):
                revoked = True
            else:
                problems["revoked"] = (
                    f"Không hiểu '{clean(mark)}': ghi x (đã thu hồi) hoặc số, ngày quyết định "
                    "thu hồi"
                )
                number, day = "", None
    if clean(number_text):
        number, found = split_revocation(number_text)
        day = found or day
        revoked = True
    if day_value is not None and not (isinstance(day_value, str) and not clean(day_value)):
        try:
            day = parse_date(day_value)
            revoked = True
        except ValueError as exc:
            problems["revocation_date"] = str(exc)
    if len(number) > 60:
        problems["revocation_number"] = f"Số quyết định thu hồi dài quá 60 ký tự ({len(number)})"
    if day is not None and decided is not None and day < decided:
        problems["revocation_date"] = (
            f"Ngày thu hồi {format_date(day)} trước ngày quyết định khen thưởng "
            f"{format_date(decided)}"
        )
    return Revocation(revoked, number, day), problems
