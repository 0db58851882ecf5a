"""Settings of the statistics forms of Thông tư 02/2023/TT-BNV (issue 20).

What the data cannot say is a setting the clerk sees and changes (the reports screen shows
it next to the form), never a note printed on the form:

- :class:`StatSettings` -- the body receiving the reports ("Sở Nội vụ"); which body submitted
  the State-level awards to the Prime Minister (form 0602 rows 2 and 3: the province, the
  ministry, or the ministry for thematic awards and the province for the rest); the column
  households count in (0602, 0603).
- :class:`Secretariat` -- the secretariat's organisation (form 0604: how many Vụ, phòng...)
  and its civil servants (form 0605: sex, year of birth, training, the year they began TĐKT
  work).

Pure: validation in Vietnamese, conversion to and from the JSON stored in ``app_setting``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from app.domain.vntext import clean

__all__ = [
    "HOUSEHOLD_COLUMNS",
    "ORGANISATION_ROWS",
    "ROUTES",
    "ROUTE_MINISTRY",
    "ROUTE_PROVINCE",
    "ROUTE_THEMATIC_MINISTRY",
    "TRAINING_LEVELS",
    "Secretariat",
    "SecretariatMember",
    "StatSettings",
    "secretariat_problems",
    "stat_problems",
]

ROUTE_PROVINCE = "TINH"
ROUTE_MINISTRY = "BO"
ROUTE_THEMATIC_MINISTRY = "CHUYEN_DE_BO"
ROUTES = {
    ROUTE_PROVINCE: "Tỉnh trình (mã số 3)",
    ROUTE_MINISTRY: "Bộ, ngành trình (mã số 2)",
    ROUTE_THEMATIC_MINISTRY: "Khen thưởng chuyên đề do Bộ, ngành trình (mã số 2); còn lại tỉnh "
    "trình (mã số 3)",
}
HOUSEHOLD_COLUMNS = {"TAP_THE": "Cột Tập thể", "CA_NHAN": "Cột Cá nhân"}
# form 0604: (code, label, unit of count)
ORGANISATION_ROWS = (
    ("02", "Cấp Vụ thuộc bộ, ban, ngành, đoàn thể Trung ương", "Vụ"),
    ("03", "Cấp phòng, ban hoặc bộ phận thuộc Vụ", "Phòng"),
    ("04", "Cấp ban thuộc Sở Nội vụ", "Ban"),
    ("05", "Cấp phòng thuộc Sở Nội vụ", "Phòng"),
)
TRAINING_LEVELS = {
    "SO_CAP": "Sơ cấp",
    "TRUNG_CAP": "Trung cấp",
    "CAO_DANG": "Cao đẳng",
    "DAI_HOC": "Đại học",
    "TREN_DAI_HOC": "Trên đại học",
}


@dataclass(frozen=True)
class StatSettings:
    receiver: str = "Sở Nội vụ"
    state_route: str = ROUTE_PROVINCE
    household_column: str = "TAP_THE"

    def to_dict(self) -> dict[str, str]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> StatSettings:
        base = cls()
        route = str(data.get("state_route", base.state_route))
        column = str(data.get("household_column", base.household_column))
        return cls(
            receiver=clean(str(data.get("receiver", base.receiver))) or base.receiver,
            state_route=route if route in ROUTES else base.state_route,
            household_column=column if column in HOUSEHOLD_COLUMNS else base.household_column,
        )


def stat_problems(settings: StatSettings) -> list[str]:
    problems = []
    if not clean(settings.receiver):
        problems.append("Chưa nhập đơn vị nhận báo cáo (ví dụ Sở Nội vụ)")
    if settings.state_route not in ROUTES:
        problems.append(f"Đơn vị trình Thủ tướng '{settings.state_route}' không hợp lệ")
    if settings.household_column not in HOUSEHOLD_COLUMNS:
        problems.append(f"Cột tính hộ gia đình '{settings.household_column}' không hợp lệ")
    return problems


@dataclass(frozen=True)
class SecretariatMember:
    """A civil servant doing TĐKT work (form 0605)."""

    full_name: str
    female: bool = False
    birth_year: int | None = None
    training: str = "DAI_HOC"  # a key of TRAINING_LEVELS
    since_year: int | None = None  # the year they began TĐKT work


@dataclass(frozen=True)
class Secretariat:
    organisation: dict[str, int] = field(default_factory=dict)  # 0604 row code -> count
    members: tuple[SecretariatMember, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "organisation": dict(self.organisation),
            "members": [asdict(m) for m in self.members],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Secretariat:
        codes = {code for code, _label, _unit in ORGANISATION_ROWS}
        raw = data.get("organisation", {})
        organisation = {
            str(k): int(v)
            for k, v in (raw.items() if isinstance(raw, Mapping) else ())
            if str(k) in codes and isinstance(v, int) and v >= 0
        }
        members = []
        for item in data.get("members", []) or []:
            if not isinstance(item, Mapping) or not clean(str(item.get("full_name", ""))):
                continue
            birth, since = item.get("birth_year"), item.get("since_year")
            training = str(item.get("training", "DAI_HOC"))
            members.append(
                SecretariatMember(
                    full_name=clean(str(item["full_name"])),
                    female=bool(item.get("female", False)),
                    birth_year=birth if isinstance(birth, int) else None,
                    training=training if training in TRAINING_LEVELS else "DAI_HOC",
                    since_year=since if isinstance(since, int) else None,
                )
            )
        return cls(organisation, tuple(members))


def secretariat_problems(data: Secretariat) -> list[str]:
    problems = []
    for code, count in data.organisation.items():
        if count < 0:
            problems.append(f"Mã số {code}: số tổ chức không được âm")
    for i, m in enumerate(data.members, start=1):
        name = clean(m.full_name) or f"Người thứ {i}"
        if not clean(m.full_name):
            problems.append(f"Người thứ {i} chưa có họ tên")
        if m.birth_year is not None and not 1930 <= m.birth_year <= 2015:
            problems.append(f"{name}: năm sinh {m.birth_year} không hợp lệ")
        if m.since_year is not None and not 1960 <= m.since_year <= 2100:
            problems.append(f"{name}: năm bắt đầu làm công tác TĐKT {m.since_year} không hợp lệ")
        if m.birth_year and m.since_year and m.since_year < m.birth_year + 15:
            problems.append(f"{name}: năm bắt đầu làm công tác TĐKT trước tuổi 15")
        if m.training not in TRAINING_LEVELS:
            problems.append(f"{name}: trình độ '{m.training}' không hợp lệ")
    return problems
