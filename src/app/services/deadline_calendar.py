"""The deadlines calendar of a year (issue 26, domain.md §6.3): the campaigns' dates, the
provincial deadlines as editable entries with defaults, and the units late with their sign-ups.

Provincial dates differ from province to province (the defaults are the examples of domain.md
§6.3: QĐ 86/2025 Bắc Ninh, NĐ 152/2025 Điều 35), so each year's entries are a versioned,
audited setting (``calendar.<year>``) the clerk edits; until saved, the defaults apply.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import Campaign, Unit, UnitRegistration
from app.domain.campaigns import UnitStatus
from app.domain.errors import ValidationError
from app.services.settings import get_setting, set_setting, setting_version

__all__ = [
    "DEFAULT_ENTRIES",
    "CalendarEntry",
    "CalendarItem",
    "calendar",
    "due_within",
    "provincial_entries",
    "save_provincial_entries",
]

KIND_CAMPAIGN = "PHONG_TRAO"
KIND_PROVINCE = "CAP_TINH"
KIND_LATE_UNIT = "DON_VI_TRE"


@dataclass(frozen=True)
class CalendarEntry:
    """A provincial deadline of the year: what is due, the day, the source."""

    key: str
    what: str
    day: date
    basis: str = ""

    def as_json(self) -> dict[str, str]:
        return {
            "key": self.key,
            "what": self.what,
            "day": self.day.isoformat(),
            "basis": self.basis,
        }


#: (key, what, month, day, basis): examples, edited per year by the clerk (domain.md §6.3).
DEFAULT_ENTRIES: tuple[tuple[str, str, int, int, str], ...] = (
    ("HO_SO_TINH", "Gửi hồ sơ đề nghị khen thưởng tổng kết năm lên tỉnh", 12, 10,
     "QĐ 86/2025/QĐ-UBND tỉnh Bắc Ninh, Điều 6 khoản 2 (ví dụ)"),
    ("KY_LUAT", "Gửi danh sách vi phạm, kỷ luật", 12, 10,
     "QĐ 86/2025/QĐ-UBND tỉnh Bắc Ninh, Điều 10 khoản 2 (ví dụ)"),
    ("XEP_LOAI", "Hoàn thành đánh giá, xếp loại cán bộ, đơn vị", 12, 15,
     "Theo kế hoạch của tỉnh (khuyến nghị)"),
    ("THONG_KE", "Báo cáo thống kê thi đua, khen thưởng", 12, 15,
     "Theo kế hoạch của tỉnh (khuyến nghị)"),
    ("CO_CP", "Hồ sơ Cờ thi đua của Chính phủ gửi Bộ Nội vụ", 6, 30,
     "Nghị định 152/2025/NĐ-CP, Điều 35 khoản 1 điểm b"),
)  # fmt: skip


@dataclass(frozen=True)
class CalendarItem:
    kind: str  # KIND_CAMPAIGN, KIND_PROVINCE or KIND_LATE_UNIT
    what: str
    day: date
    source: str  # the campaign, the legal basis, or the unit
    days_left: int
    campaign_id: int | None = None
    unit_id: int | None = None
    note: str = ""
    year: int = 0  # the calendar (competition year) it belongs to

    def as_json(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "kind": self.kind,
            "what": self.what,
            "day": self.day.isoformat(),
            "source": self.source,
            "days_left": self.days_left,
            "campaign_id": self.campaign_id,
            "unit_id": self.unit_id,
            "note": self.note,
        }


def _key(year: int) -> str:
    return f"calendar.{year}"


def provincial_entries(session: Session, year: int) -> tuple[list[CalendarEntry], int]:
    """The year's provincial deadlines (the defaults until the clerk saves them) and the
    version to save against."""
    stored = get_setting(session, _key(year))
    version = setting_version(session, _key(year))
    if stored is None:
        return [
            CalendarEntry(key, what, date(year, month, day), basis)
            for key, what, month, day, basis in DEFAULT_ENTRIES
        ], version
    return [
        CalendarEntry(e["key"], e["what"], date.fromisoformat(e["day"]), e.get("basis", ""))
        for e in stored
    ], version


def save_provincial_entries(
    session: Session, year: int, entries: list[CalendarEntry], *, expected_version: int
) -> None:
    errors = []
    keys = [e.key for e in entries]
    if len(set(keys)) != len(keys):
        errors.append("Mỗi mốc thời hạn cần một mã riêng")
    for e in entries:
        if not e.what.strip():
            errors.append("Mốc thời hạn cần có nội dung")
        if e.day.year not in (year, year + 1):
            errors.append(f"Ngày {e.day:%d/%m/%Y} không thuộc năm {year} hoặc đầu năm sau")
    if errors:
        raise ValidationError("; ".join(dict.fromkeys(errors)))
    set_setting(
        session, _key(year), [e.as_json() for e in entries], expected_version=expected_version
    )


def _late_units(session: Session, year: int, today: date) -> list[CalendarItem]:
    """Units whose sign-up was not handed in by the campaign's registration deadline (still
    not sent, or returned, once the day has passed; or handed in after it)."""
    rows = session.execute(
        select(Campaign, UnitRegistration, Unit)
        .join(UnitRegistration, UnitRegistration.campaign_id == Campaign.id)
        .join(Unit, Unit.id == UnitRegistration.unit_id)
        .where(Campaign.year == year, Campaign.registration_deadline.is_not(None))
        .order_by(Campaign.registration_deadline, Unit.display_order, Unit.id)
    ).all()
    out: list[CalendarItem] = []
    for campaign, reg, unit in rows:
        deadline = campaign.registration_deadline
        assert deadline is not None
        pending = reg.status in (UnitStatus.CHUA_GUI.value, UnitStatus.TRA_LAI.value)
        if pending and today > deadline:
            note = (
                "Bị trả lại, chưa nộp lại"
                if reg.status == UnitStatus.TRA_LAI.value
                else ("Chưa nộp đăng ký")
            )
        elif reg.submitted_on is not None and deadline < reg.submitted_on <= today:
            note = f"Nộp muộn {(reg.submitted_on - deadline).days} ngày"
        else:
            continue
        out.append(
            CalendarItem(
                kind=KIND_LATE_UNIT,
                what="Đăng ký thi đua quá hạn",
                day=deadline,
                source=unit.full_name,
                days_left=(deadline - today).days,
                campaign_id=campaign.id,
                unit_id=unit.id,
                note=f"{note} ({campaign.name})",
                year=year,
            )
        )
    return out


def calendar(session: Session, year: int, today: date) -> list[CalendarItem]:
    """Every dated item of ``year``, earliest first."""
    from app.services.dashboard import deadlines

    items = [
        CalendarItem(
            kind=KIND_CAMPAIGN,
            what=d.what,
            day=d.day,
            source=d.campaign,
            days_left=d.days_left,
            campaign_id=d.campaign_id,
            note=d.note,
            year=year,
        )
        for d in deadlines(session, year, today)
    ]
    entries, _version = provincial_entries(session, year)
    items.extend(
        CalendarItem(
            kind=KIND_PROVINCE,
            what=e.what,
            day=e.day,
            source=e.basis,
            days_left=(e.day - today).days,
            year=year,
        )
        for e in entries
    )
    items.extend(_late_units(session, year, today))
    items.sort(key=lambda i: (i.day, i.kind, i.what, i.source))
    return items


def due_within(session: Session, today: date, days: int = 14) -> list[CalendarItem]:
    """What falls due from today to ``days`` days ahead, in this year's and next year's
    calendars, and the units already late."""
    out = []
    for year in (today.year - 1, today.year, today.year + 1):
        for item in calendar(session, year, today):
            if item.kind == KIND_LATE_UNIT or 0 <= item.days_left <= days:
                out.append(item)
    unique = list(dict.fromkeys(out))
    unique.sort(key=lambda i: (i.day, i.kind, i.what, i.source))
    return unique
