"""Campaigns (phong trào thi đua) and the submission state of units: codes, input, rules.

Pure Python (domain.md §6.1). The services store what :class:`CampaignInput` carries and ask
:func:`campaign_status` what a campaign's state is on a given day.

Status rule (documented choice, domain.md leaves it open)
---------------------------------------------------------
Given the start, the end, the registration deadline, the launch date, an optional explicit end
of the review period and a "closed" flag, on day ``today``:

1. ``closed`` set by the secretariat -> **đã kết thúc**, whatever the dates.
2. Registration is open from the launch date (or the start, whichever is earlier) to the
   deadline, both days included -> **đang nhận đăng ký**. No deadline: no registration phase.
3. Before the start -> **chưa bắt đầu**.
4. From the start to the end, both included (no end date: for ever) -> **đang thực hiện**.
5. After the end, until the end of the review period -> **đang bình xét**. The review period
   ends on ``review_until`` when given, otherwise on 31/01 of the year after the end date
   (:data:`DEFAULT_REVIEW_END`: the year-end review of a regular campaign usually closes in
   January; a clerk who closes earlier sets ``closed``).
6. Afterwards -> **đã kết thúc**.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum

from app.domain.catalogue import Catalogue
from app.domain.codes import SubjectKind
from app.domain.vntext import clean

__all__ = [
    "DEFAULT_REVIEW_END",
    "KINDS",
    "LAUNCH_LEVELS",
    "REGULAR",
    "SCOPES",
    "THEMATIC",
    "UNIT_STATUS_NAMES",
    "CampaignInput",
    "CampaignStatus",
    "PlannedAward",
    "UnitStatus",
    "campaign_status",
    "check_transition",
    "registration_opens",
    "review_end",
    "validate_campaign_input",
]

REGULAR = "PT_THUONG_XUYEN"
THEMATIC = "PT_CHUYEN_DE"
KINDS: dict[str, str] = {
    REGULAR: "Thường xuyên hằng năm",
    THEMATIC: "Theo chuyên đề",
}

# Scopes: rows 02-05 of statistics form 0601.N/BNV-TĐKT (domain.md §8.7).
SCOPES: dict[str, str] = {
    "TOAN_QUOC": "Toàn quốc",
    "BO_NGANH_DIA_PHUONG": "Bộ, ngành, địa phương",
    "CUM_KHOI": "Cụm, khối",
    "CO_QUAN_DON_VI": "Cơ quan, đơn vị",
}
SCOPE_ROWS: dict[str, str] = {
    "TOAN_QUOC": "02",
    "BO_NGANH_DIA_PHUONG": "03",
    "CUM_KHOI": "04",
    "CO_QUAN_DON_VI": "05",
}
# Level of the launching document: columns 2-4 of form 0601.
LAUNCH_LEVELS: dict[str, str] = {
    "CAP_TRUNG_UONG": "Cấp Trung ương",
    "CAP_BO_TINH": "Bộ, ngành, tỉnh",
    "CAP_CO_QUAN": "Cơ quan, tổ chức, đơn vị",
}

DEFAULT_REVIEW_END = (1, 31)  # (month, day) of the year after the end date
MAX_NAME = 500


class CampaignStatus(StrEnum):
    CHUA_BAT_DAU = "CHUA_BAT_DAU"
    DANG_NHAN_DANG_KY = "DANG_NHAN_DANG_KY"
    DANG_THUC_HIEN = "DANG_THUC_HIEN"
    DANG_BINH_XET = "DANG_BINH_XET"
    DA_KET_THUC = "DA_KET_THUC"

    @property
    def label(self) -> str:
        return _STATUS_NAMES[self]


_STATUS_NAMES = {
    CampaignStatus.CHUA_BAT_DAU: "Chưa bắt đầu",
    CampaignStatus.DANG_NHAN_DANG_KY: "Đang nhận đăng ký",
    CampaignStatus.DANG_THUC_HIEN: "Đang thực hiện",
    CampaignStatus.DANG_BINH_XET: "Đang bình xét",
    CampaignStatus.DA_KET_THUC: "Đã kết thúc",
}


def registration_opens(start: date, launch_date: date | None) -> date:
    """The first day units may register: the launch date or the start, whichever is earlier."""
    return min(start, launch_date) if launch_date is not None else start


def review_end(end: date, review_until: date | None = None) -> date:
    """Last day of the review period (bình xét) after a campaign ending on ``end``."""
    if review_until is not None:
        return review_until
    month, day = DEFAULT_REVIEW_END
    return date(end.year + 1, month, day)


def campaign_status(
    start: date,
    end: date | None,
    deadline: date | None,
    today: date,
    *,
    launch_date: date | None = None,
    review_until: date | None = None,
    closed: bool = False,
) -> CampaignStatus:
    """The state of a campaign on ``today`` (rule in the module docstring)."""
    if closed:
        return CampaignStatus.DA_KET_THUC
    if deadline is not None and registration_opens(start, launch_date) <= today <= deadline:
        return CampaignStatus.DANG_NHAN_DANG_KY
    if today < start:
        return CampaignStatus.CHUA_BAT_DAU
    if end is None or today <= end:
        return CampaignStatus.DANG_THUC_HIEN
    if today <= review_end(end, review_until):
        return CampaignStatus.DANG_BINH_XET
    return CampaignStatus.DA_KET_THUC


# ---------------------------------------------------------------- input


@dataclass(frozen=True)
class PlannedAward:
    """An award a campaign plans: a catalogue code, for whom (optional) and how many."""

    catalogue_code: str
    quantity: int
    subject_kind: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class CampaignInput:
    """What a clerk enters for a campaign (the dialog's ``values()``)."""

    name: str
    kind: str
    scope: str
    start_date: date
    end_date: date | None = None
    registration_deadline: date | None = None
    year: int | None = None  # default: the start date's year
    launch_number: str | None = None
    launch_date: date | None = None
    launch_level: str | None = None
    review_until: date | None = None
    closed: bool = False
    for_collectives: bool = True
    for_individuals: bool = True
    subjects_text: str | None = None
    criteria: str | None = None
    note: str | None = None
    awards: tuple[PlannedAward, ...] = field(default_factory=tuple)

    @property
    def effective_year(self) -> int:
        return self.year if self.year is not None else self.start_date.year

    def normalised(self) -> CampaignInput:
        def opt(text: str | None) -> str | None:
            return clean(text) or None

        return replace(
            self,
            name=clean(self.name),
            kind=clean(self.kind).upper(),
            scope=clean(self.scope).upper(),
            year=self.effective_year,
            launch_number=opt(self.launch_number),
            launch_level=(clean(self.launch_level).upper() or None) if self.launch_level else None,
            subjects_text=opt(self.subjects_text),
            criteria=(self.criteria.strip() or None) if self.criteria else None,
            note=opt(self.note),
            awards=tuple(
                replace(
                    a,
                    catalogue_code=clean(a.catalogue_code).upper(),
                    subject_kind=(clean(a.subject_kind).upper() or None)
                    if a.subject_kind
                    else None,
                    note=opt(a.note),
                )
                for a in self.awards
            ),
        )


def _d(day: date) -> str:
    return f"{day:%d/%m/%Y}"


def validate_campaign_input(
    data: CampaignInput,
    catalogue: Catalogue | None = None,
    kinds: Mapping[str, str] | None = None,
) -> list[str]:
    """Problems with a campaign's fields, in Vietnamese (empty when valid); ``kinds``: the
    emulation forms in use (the shipped ones and the Sở's own)."""
    data = data.normalised()
    problems: list[str] = []
    if not data.name:
        problems.append("Chưa nhập tên phong trào")
    elif len(data.name) > MAX_NAME:
        problems.append(f"Tên phong trào dài quá {MAX_NAME} ký tự")
    if data.kind not in (KINDS if kinds is None else kinds):
        problems.append(f"Hình thức phong trào '{data.kind}' không hợp lệ (thường xuyên/chuyên đề)")
    if data.scope not in SCOPES:
        problems.append(f"Phạm vi phong trào '{data.scope}' không hợp lệ")
    if data.launch_level is not None and data.launch_level not in LAUNCH_LEVELS:
        problems.append(f"Cấp phát động '{data.launch_level}' không hợp lệ")
    if not 1990 <= data.effective_year <= 2100:
        problems.append(f"Năm {data.effective_year} không hợp lệ")
    if data.end_date is not None and data.end_date < data.start_date:
        problems.append(
            f"Ngày kết thúc {_d(data.end_date)} trước ngày bắt đầu {_d(data.start_date)}"
        )
    if data.launch_date is not None and data.end_date is not None:
        if data.launch_date > data.end_date:
            problems.append("Ngày văn bản phát động sau ngày kết thúc phong trào")
    deadline = data.registration_deadline
    if deadline is not None:
        opens = registration_opens(data.start_date, data.launch_date)
        if deadline < opens:
            problems.append(
                f"Hạn đăng ký {_d(deadline)} trước ngày phát động/bắt đầu ({_d(opens)})"
            )
        if data.end_date is not None and deadline > data.end_date:
            problems.append(f"Hạn đăng ký {_d(deadline)} sau ngày kết thúc {_d(data.end_date)}")
    if data.review_until is not None:
        if data.end_date is None:
            problems.append("Có hạn bình xét thì cần ngày kết thúc phong trào")
        elif data.review_until < data.end_date:
            problems.append("Hạn bình xét phải từ ngày kết thúc phong trào trở đi")
    if not (data.for_collectives or data.for_individuals):
        problems.append("Chọn ít nhất một đối tượng: tập thể hoặc cá nhân")
    seen: set[tuple[str, str | None]] = set()
    for award in data.awards:
        problems.extend(_award_problems(award, catalogue))
        key = (award.catalogue_code, award.subject_kind)
        if key in seen:
            problems.append(f"Khen thưởng dự kiến '{award.catalogue_code}' lặp lại")
        seen.add(key)
    return problems


def _award_problems(award: PlannedAward, catalogue: Catalogue | None) -> list[str]:
    problems = []
    if award.quantity < 1:
        problems.append(f"Số lượng dự kiến của '{award.catalogue_code}' phải từ 1 trở lên")
    valid_subjects = {s.value for s in SubjectKind}
    if award.subject_kind is not None and award.subject_kind not in valid_subjects:
        problems.append(f"Đối tượng '{award.subject_kind}' không hợp lệ")
    if catalogue is not None:
        if award.catalogue_code not in catalogue:
            problems.append(f"Không có danh hiệu/hình thức '{award.catalogue_code}' trong danh mục")
            return problems
        item = catalogue.get(award.catalogue_code)
        if item.history_only:
            problems.append(f"'{item.name}' chỉ còn trong dữ liệu lịch sử, không còn xét tặng")
        if award.subject_kind is not None and award.subject_kind not in item.subjects:
            problems.append(f"'{item.name}' không dùng cho đối tượng {award.subject_kind}")
    return problems


# ---------------------------------------------------------------- submission state of a unit


class UnitStatus(StrEnum):
    """Where a unit's registration stands (per campaign)."""

    CHUA_GUI = "CHUA_GUI"
    DA_NOP = "DA_NOP"
    TRA_LAI = "TRA_LAI"
    DA_DUYET = "DA_DUYET"

    @property
    def label(self) -> str:
        return UNIT_STATUS_NAMES[self.value]


UNIT_STATUS_NAMES: dict[str, str] = {
    "CHUA_GUI": "Chưa gửi",
    "DA_NOP": "Đã nộp",
    "TRA_LAI": "Trả lại bổ sung",
    "DA_DUYET": "Đã duyệt",
}

# Allowed moves. An approved registration can be reopened only by returning it with a reason.
_TRANSITIONS: dict[str, frozenset[str]] = {
    "CHUA_GUI": frozenset({"DA_NOP"}),
    "DA_NOP": frozenset({"TRA_LAI", "DA_DUYET", "CHUA_GUI"}),
    "TRA_LAI": frozenset({"DA_NOP"}),
    "DA_DUYET": frozenset({"TRA_LAI"}),
}


def check_transition(old: str, new: str, reason: str | None = None) -> list[str]:
    """Problems with moving a unit's registration from ``old`` to ``new`` (Vietnamese)."""
    if new not in UNIT_STATUS_NAMES:
        return [f"Trạng thái '{new}' không hợp lệ"]
    if old == new:
        return [f"Đơn vị đã ở trạng thái '{UNIT_STATUS_NAMES[new]}'"]
    if new not in _TRANSITIONS.get(old, frozenset()):
        return [
            f"Không chuyển được từ '{UNIT_STATUS_NAMES.get(old, old)}' sang "
            f"'{UNIT_STATUS_NAMES[new]}'"
        ]
    if new == UnitStatus.TRA_LAI and not clean(reason):
        return ["Trả lại bổ sung cần ghi lý do"]
    return []
