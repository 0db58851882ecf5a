"""Numbers of decisions (NĐ 30/2020 Điều 15 and Phụ lục I, domain.md §7.1).

A number reads "<seq>/<series>": the sequence with a leading zero below 10 and the series
("05/QĐ-SNNMT", "123/QĐ-UBND", "1234/QĐ-TTg"). Numbers run from 01 on 1 January and restart
each year, so (year, series, seq) is unique; series are compared without case, diacritics or
spaces ("QD-SNNMT" is "QĐ-SNNMT"). The agency's own series is "QĐ-" and the abbreviation of
the agency settings (``AgencySettings.abbreviation``), "QĐ-SNNMT" when none is set.
Used by :mod:`app.services.decisions` and by the GUI as the clerk types.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import Decision
from app.domain.settings import AgencySettings
from app.domain.vnformat import format_date
from app.domain.vntext import clean, fold
from app.services.settings import get_agency

DOCUMENT_TYPE = "QĐ"
FALLBACK_ABBREVIATION = "SNNMT"
NUMBER_FORMAT_MESSAGE = (
    "Số quyết định phải có dạng <số thứ tự>/<ký hiệu>, ví dụ 05/QĐ-SNNMT (số từ 1 trở lên)"
)
_DRAFT = "DRAFT"  # Decision.status of a draft (app.services.decisions.DRAFT)

# "Số: 05/QĐ-SNNMT", "5 / QĐ - SNNMT", "123/QĐ-UBND", "1234/QĐ-TTg"
_NUMBER = re.compile(r"^(?:số\s*:?\s*)?(\d{1,6})\s*/\s*(.+)$", re.IGNORECASE)
_SERIES = re.compile(r"^[^\W\d_][\w.\-]*$")


@dataclass(frozen=True)
class ParsedNumber:
    seq: int
    series: str

    @property
    def text(self) -> str:
        return format_number(self.seq, self.series)


def _clean_series(series: str) -> str:
    return re.sub(r"\s*-\s*", "-", clean(series)).replace(" ", "")


def series_key(series: str | None) -> str:
    """How two series are compared: no case, no diacritics, no spaces ("qd-snnmt")."""
    return fold(_clean_series(series or "")).replace(" ", "")


def format_number(seq: int, series: str) -> str:
    """5, "QĐ-SNNMT" -> "05/QĐ-SNNMT" (leading zero below 10, NĐ 30/2020 Phụ lục I)."""
    if seq < 1:
        raise ValueError(f"Số thứ tự của văn bản phải từ 1 trở lên, không phải {seq}")
    return f"{seq:02d}/{_clean_series(series)}"


def parse_number(text: str | None) -> ParsedNumber | None:
    """ "05/QĐ-SNNMT", "Số: 5 / QĐ-SNNMT" -> (5, "QĐ-SNNMT"); None when it is not of that form."""
    found = _NUMBER.match(clean(text))
    if found is None:
        return None
    seq = int(found.group(1))
    series = _clean_series(found.group(2))
    if seq < 1 or not _SERIES.match(series) or len(series) > 40:
        return None
    return ParsedNumber(seq, series)


def agency_series(agency: AgencySettings) -> str:
    """The agency's series of decisions: "QĐ-" and its abbreviation ("QĐ-SNNMT")."""
    abbreviation = clean(agency.abbreviation).upper() or FALLBACK_ABBREVIATION
    return f"{DOCUMENT_TYPE}-{abbreviation}"


def default_series(session: Session) -> str:
    return agency_series(get_agency(session))


def _same_series(session: Session, year: int, series: str) -> list[Decision]:
    key = series_key(series)
    rows = session.scalars(
        select(Decision).where(Decision.year == year, Decision.seq.is_not(None))
    ).all()
    return [d for d in rows if series_key(d.series) == key]


def next_number(session: Session, year: int, series: str | None = None) -> str:
    """The next free number of ``series`` (default: the agency's) in ``year``: "06/QĐ-SNNMT"."""
    series = series or default_series(session)
    used = [d.seq or 0 for d in _same_series(session, year, series)]
    return format_number(max(used, default=0) + 1, series)


def check_number(
    session: Session, year: int, series: str, seq: int, exclude_id: int | None = None
) -> list[str]:
    """Problems with giving number ``seq``/``series`` in ``year`` (empty when it is free)."""
    taken = [
        d
        for d in _same_series(session, year, series)
        if d.seq == seq and (exclude_id is None or d.id != exclude_id)
    ]
    if not taken:
        return []
    text = format_number(seq, series)
    other = taken[0]
    what = f"ngày {format_date(other.decision_date)}" if other.decision_date else "dự thảo"
    if other.status == _DRAFT and other.decision_date:
        what += ", dự thảo"
    summary = f": {other.summary}" if other.summary else ""
    return [
        f"Số {text} đã dùng trong năm {year} cho quyết định khác ({what}{summary}); "
        "mỗi số chỉ dùng một lần trong năm"
    ]


def number_problems(
    session: Session, year: int, text: str | None, exclude_id: int | None = None
) -> list[str]:
    """What is wrong with the number as typed (format, then uniqueness); empty when fine or
    when nothing is typed (a draft may have no number yet)."""
    if not clean(text):
        return []
    parsed = parse_number(text)
    if parsed is None:
        return [NUMBER_FORMAT_MESSAGE]
    return check_number(session, year, parsed.series, parsed.seq, exclude_id)
