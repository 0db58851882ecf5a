"""The secretariat's Word documents: codes, settings and the wording rules (issue 21).

Documents (domain.md §17): the tờ trình đề nghị khen thưởng (``submission``), the quyết định
(``decision``), the biên bản họp Hội đồng (``council-minutes``), the giấy mời họp Hội đồng
(``invitation``), the báo cáo thành tích of a person or a collective (``achievement-report``)
and the thông báo kết quả (``results-notice``).

- :class:`DocumentSettings` -- what the data cannot say and a Sở writes its own way: the
  Council's name and abbreviation (its own series of numbers, domain.md §7.1), who signs for
  it, the addressees of the tờ trình, the Căn cứ lines of the province and of the Sở's
  functions, the fund that pays, who executes a decision, the archive line, and the largest
  attachment accepted. Stored as JSON in ``app_setting``; validated here.
- Routes of a tờ trình (:data:`ROUTES`, :func:`route_of`): to the Giám đốc Sở for the Sở's
  own titles and forms, to the Chủ tịch UBND tỉnh through the Sở Nội vụ for the province's
  and (by default) the State's, to the Bộ trưởng for the ministry's.
- Wording: :func:`blank_number` ("Số:      /TTr-SNNMT" before the number is given),
  :func:`date_line` (the place-and-date line, its day and month left blank for a draft),
  :func:`count_words` ("05 tập thể và 12 cá nhân"), :func:`in_sentence` (a heading's first
  letter kept, the rest as written).

Pure: no database, no files.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from datetime import date
from typing import Any

from app.domain.vnformat import date_words
from app.domain.vntext import clean, fold

__all__ = [
    "ACHIEVEMENT_CODE",
    "COUNCIL_SERIES",
    "DECISION_CODE",
    "DOCUMENT_NAMES",
    "DOSSIER_CODE",
    "INVITATION_CODE",
    "MAX_ATTACHMENT_MB",
    "MINUTES_CODE",
    "NOTICE_CODE",
    "ROUTES",
    "ROUTE_MINISTRY",
    "ROUTE_PROVINCE",
    "ROUTE_SO",
    "SUBMISSION_CODE",
    "DocumentSettings",
    "BLANK",
    "blank_number",
    "count_words",
    "date_line",
    "document_number",
    "route_of",
    "settings_problems",
]

SUBMISSION_CODE = "submission"
DECISION_CODE = "decision"
MINUTES_CODE = "council-minutes"
INVITATION_CODE = "invitation"
ACHIEVEMENT_CODE = "achievement-report"
NOTICE_CODE = "results-notice"
DOSSIER_CODE = "dossier"
DOCUMENT_NAMES = {
    SUBMISSION_CODE: "Tờ trình đề nghị khen thưởng",
    DECISION_CODE: "Quyết định khen thưởng",
    MINUTES_CODE: "Biên bản họp Hội đồng Thi đua - Khen thưởng",
    INVITATION_CODE: "Giấy mời họp Hội đồng Thi đua - Khen thưởng",
    ACHIEVEMENT_CODE: "Báo cáo thành tích (cá nhân hoặc tập thể)",
    NOTICE_CODE: "Thông báo kết quả xét khen thưởng",
    DOSSIER_CODE: "Hồ sơ (tệp đính kèm) của quyết định hoặc đề nghị",
}

ROUTE_SO = "so"
ROUTE_PROVINCE = "tinh"
ROUTE_MINISTRY = "bo"
ROUTES = {
    ROUTE_SO: "Giám đốc Sở (danh hiệu, hình thức của Sở)",
    ROUTE_PROVINCE: "Chủ tịch UBND tỉnh, qua Sở Nội vụ (cấp tỉnh, cấp Nhà nước)",
    ROUTE_MINISTRY: "Bộ trưởng (cấp bộ; cấp Nhà nước theo ngành)",
}
COUNCIL_SERIES = "HĐTĐKT"
MAX_ATTACHMENT_MB = 20
_MAX_ATTACHMENT_LIMIT_MB = 200


@dataclass(frozen=True)
class DocumentSettings:
    """How the Sở writes its documents; every field is printed as typed (NFC, trimmed)."""

    agency_name: str = "Sở Nông nghiệp và Môi trường"  # in running text
    head_title: str = "Giám đốc Sở Nông nghiệp và Môi trường"
    council_name: str = "Hội đồng Thi đua - Khen thưởng Sở"
    council_abbreviation: str = COUNCIL_SERIES
    council_signer_authority: str = "TM. HỘI ĐỒNG"
    council_signer_title: str = "CHỦ TỊCH"
    council_signer_name: str = ""
    province_chair: str = "Chủ tịch Ủy ban nhân dân tỉnh"
    home_affairs: str = "Sở Nội vụ"
    minister: str = "Bộ trưởng Bộ Nông nghiệp và Môi trường"
    # "Căn cứ ...;" lines of the province (its regulation on TĐKT) and of the Sở's functions,
    # one per line, printed after those of the rule set in force
    local_bases: str = ""
    fund_source: str = "Quỹ thi đua, khen thưởng của Sở"
    executors: str = "Chánh Văn phòng Sở, Thủ trưởng các phòng, đơn vị thuộc Sở"
    archive: str = "VT, VP"
    max_attachment_mb: int = MAX_ATTACHMENT_MB

    def normalised(self) -> DocumentSettings:
        values: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "max_attachment_mb":
                values[f.name] = int(value)
            elif f.name == "local_bases":
                lines = [clean(line) for line in str(value).splitlines()]
                values[f.name] = "\n".join(line for line in lines if line)
            else:
                values[f.name] = clean(str(value))
        values["council_abbreviation"] = values["council_abbreviation"].upper()
        return DocumentSettings(**values)

    def local_basis_lines(self) -> tuple[str, ...]:
        return tuple(_basis_line(line) for line in self.local_bases.splitlines() if clean(line))

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> DocumentSettings:
        known = {f.name: f for f in fields(cls)}
        values: dict[str, Any] = {}
        for key, value in data.items():
            if key not in known:
                continue
            if key == "max_attachment_mb":
                try:
                    values[key] = int(value)
                except (TypeError, ValueError):
                    continue
            else:
                values[key] = str(value)
        return cls(**values)


def _basis_line(text: str) -> str:
    """A Căn cứ line as printed: starts "Căn cứ", ends with ";"."""
    line = clean(text).rstrip(";.")
    if line and not fold(line).startswith("can cu"):
        line = f"Căn cứ {line}"
    return f"{line};"


def settings_problems(settings: DocumentSettings) -> list[str]:
    s = settings.normalised()
    problems = []
    for name, label in (
        ("agency_name", "tên Sở viết trong câu"),
        ("head_title", "chức danh người đứng đầu Sở"),
        ("council_name", "tên Hội đồng"),
        ("province_chair", "người nhận tờ trình cấp tỉnh"),
        ("minister", "người nhận tờ trình cấp bộ"),
    ):
        if not getattr(s, name):
            problems.append(f"Chưa nhập {label}")
    abbreviation = s.council_abbreviation
    if not abbreviation or any(not (ch.isalnum() or ch == "-") for ch in abbreviation):
        problems.append("Ký hiệu của Hội đồng chỉ gồm chữ in hoa, chữ số và dấu - (ví dụ HĐTĐKT)")
    if not 1 <= s.max_attachment_mb <= _MAX_ATTACHMENT_LIMIT_MB:
        problems.append(
            f"Dung lượng tối đa của một tệp đính kèm phải từ 1 đến {_MAX_ATTACHMENT_LIMIT_MB} MB"
        )
    return problems


def route_of(decided_by: str, level: str) -> str:
    """The route of a tờ trình for a title decided by ``decided_by`` at ``level``
    (catalogue fields): the Sở's own, the province's, the ministry's; the State's go through
    the province by default (the clerk may send them through the ministry)."""
    who = fold(decided_by)
    if who.startswith("giam doc"):
        return ROUTE_SO
    if who.startswith("bo truong"):
        return ROUTE_MINISTRY
    if level == "CO_SO":
        return ROUTE_SO
    return ROUTE_PROVINCE


def document_number(number: str | None, series: str) -> str:
    """ "Số: 05/QĐ-SNNMT" when numbered, else the blank "Số:      /QĐ-SNNMT" of a draft."""
    text = clean(number)
    return f"Số: {text}" if text else blank_number(series)


BLANK = "…"  # printed where the number or the day is written once the document is signed


def blank_number(series: str) -> str:
    """ "Số:        /TTr-SNNMT": the number is written after signature (NĐ 30/2020 Điều 15)."""
    return f"Số:{' ' * 8}/{series}"


def date_line(place: str, day: date | None, year: int) -> str:
    """ "Tuyên Quang, ngày 05 tháng 02 năm 2026"; without a day the day and month are left
    blank to be written when signed: "Tuyên Quang, ngày     tháng     năm 2026"."""
    name = clean(place)
    words = date_words(day) if day is not None else f"ngày{' ' * 5}tháng{' ' * 5}năm {year}"
    if not name:
        return words[0].upper() + words[1:]
    return f"{name}, {words}"


def count_words(units: int, people: int, households: int = 0) -> str:
    """ "05 tập thể và 12 cá nhân" (two digits below 10, as documents write counts)."""
    parts = []
    for count, noun in ((units, "tập thể"), (people, "cá nhân"), (households, "hộ gia đình")):
        if count:
            parts.append(f"{count:02d} {noun}")
    if not parts:
        return "không có trường hợp nào"
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + " và " + parts[-1]
