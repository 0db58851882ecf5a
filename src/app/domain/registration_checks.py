"""Administrative checks on a sign-up (đăng ký thi đua), the ones that are not rules of a title.

Whether a title can still be reached (streaks, penalties and holds, once-only medals, Bằng khen
routes) is the eligibility engine's to say, on the rule set of the year
(:mod:`app.domain.eligibility.path`, applied by :mod:`app.services.registration_rules`): one
rule source for the review, the Lộ trình and the sign-up checks. What stays here is what the
engine does not judge: a person who has left, a title meant for another kind of subject, an item
kept only for the past, a unit that has ended. Each returns a :class:`Flag` with a Vietnamese
explanation; flags are warnings, stored with the sign-up, never blocking the save.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.domain.catalogue import CatalogueItem
from app.domain.codes import SubjectKind

__all__ = [
    "Flag",
    "PersonStatus",
    "UnitStatus",
    "check_history_only",
    "check_left",
    "check_person_registration",
    "check_subject",
    "check_unit_ended",
    "check_unit_registration",
]

LAW = "Luật TĐKT 2022"


@dataclass(frozen=True)
class Flag:
    """A warning on a sign-up: a stable code and the Vietnamese explanation."""

    code: str
    message: str


@dataclass(frozen=True)
class PersonStatus:
    """Whether a person still works in the agency."""

    active: bool = True
    left_date: date | None = None
    left_reason: str | None = None


@dataclass(frozen=True)
class UnitStatus:
    valid_to: date | None = None


def _article(item: CatalogueItem) -> str:
    """The first citation of the item's legal basis ("Luật TĐKT 2022, Điều 22")."""
    return item.legal_basis.split(";")[0].strip()


def _with_article(text: str, article: str) -> str:
    return f"{text} - {article}" if article else text


def check_subject(item: CatalogueItem, subject: SubjectKind) -> Flag | None:
    """A title or form not meant for this kind of subject (a collective title for a person)."""
    if subject in item.subjects:
        return None
    if subject == SubjectKind.CA_NHAN:
        kind = "danh hiệu cho tập thể" if item.is_title else "hình thức không dành cho cá nhân"
        text = f"'{item.name}' là {kind}, không đăng ký cho cá nhân"
        article = f"{LAW}, Điều 19" if item.is_title else _article(item)
    else:
        kind = "danh hiệu cho cá nhân" if item.is_title else "hình thức không dành cho tập thể"
        text = f"'{item.name}' là {kind}, không đăng ký cho tập thể"
        article = f"{LAW}, Điều 20" if item.is_title else _article(item)
    return Flag("SAI_DOI_TUONG", _with_article(text, article))


def check_history_only(item: CatalogueItem) -> Flag | None:
    """An item kept only to record the past (GK cấp huyện, predecessor medals)."""
    if not item.history_only:
        return None
    return Flag(
        "CHI_LICH_SU",
        _with_article(
            f"'{item.name}' chỉ còn trong dữ liệu lịch sử, không còn xét tặng", _article(item)
        ),
    )


def check_left(status: PersonStatus) -> Flag | None:
    if status.active and status.left_date is None:
        return None
    when = f" từ {status.left_date:%d/%m/%Y}" if status.left_date else ""
    why = f" ({status.left_reason})" if status.left_reason else ""
    return Flag("DA_NGHI", f"Cán bộ đã nghỉ{when}{why}: không còn là đối tượng đăng ký thi đua")


def check_unit_ended(status: UnitStatus, year: int) -> Flag | None:
    if status.valid_to is None or status.valid_to >= date(year, 12, 31):
        return None
    return Flag(
        "DON_VI_KET_THUC",
        f"Đơn vị đã kết thúc hoạt động từ {status.valid_to:%d/%m/%Y}: không đăng ký thi đua "
        f"năm {year}",
    )


def check_person_registration(item: CatalogueItem, status: PersonStatus) -> list[Flag]:
    """The administrative checks of a person signing up for ``item``."""
    flags = [
        check_left(status),
        check_subject(item, SubjectKind.CA_NHAN),
        check_history_only(item),
    ]
    return [f for f in flags if f is not None]


def check_unit_registration(item: CatalogueItem, year: int, status: UnitStatus) -> list[Flag]:
    """The administrative checks of a collective signing up for ``item`` in ``year``."""
    flags = [
        check_unit_ended(status, year),
        check_subject(item, SubjectKind.TAP_THE),
        check_history_only(item),
    ]
    return [f for f in flags if f is not None]
