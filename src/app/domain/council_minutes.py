"""What the minutes of a Council session record besides the votes (domain.md §8.4, §17.3).

- :class:`MemberInput` -- a member at one session: name, job title, role (Chủ tịch, Phó Chủ
  tịch, Thư ký, Ủy viên), present or absent, and whether an absent member sent a written
  opinion.
- :class:`MinutesInput` -- when the meeting began and ended, and the outcome of the public
  comment on the candidates (NĐ 152/2025 Điều 44 khoản 2: the minutes of a State-level
  proposal state it).
- :func:`parse_clock` -- a time of day as a clerk types it ("8:30", "08h30", "14 giờ").
- :func:`member_problems` / :func:`minutes_problems` -- what is wrong, in Vietnamese, checked
  against the session's own counts (members in office, present, written opinions), which are
  the denominator of every vote and must agree with the members named.

Pure: no database, no Qt.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import time

from app.domain.vntext import clean

__all__ = [
    "CHAIR",
    "DEPUTY",
    "MEMBER",
    "ROLES",
    "ROLE_NAMES",
    "SECRETARY",
    "MemberInput",
    "MinutesInput",
    "member_problems",
    "minutes_problems",
    "parse_clock",
]

CHAIR = "CHU_TICH"
DEPUTY = "PHO_CHU_TICH"
SECRETARY = "THU_KY"
MEMBER = "UY_VIEN"
ROLES = (CHAIR, DEPUTY, SECRETARY, MEMBER)
ROLE_NAMES = {
    CHAIR: "Chủ tịch Hội đồng",
    DEPUTY: "Phó Chủ tịch Hội đồng",
    SECRETARY: "Ủy viên, Thư ký Hội đồng",
    MEMBER: "Ủy viên",
}


@dataclass(frozen=True)
class MemberInput:
    """A member of the Council at one session."""

    full_name: str
    job_title: str = ""  # "Giám đốc Sở", "Chánh Văn phòng Sở"
    role: str = MEMBER
    present: bool = True
    written_opinion: bool = False  # an absent member who answered in writing
    note: str = ""

    @property
    def label(self) -> str:
        """ "Ông Trần Văn An, Giám đốc Sở" without the title of address: name and job."""
        name, job = clean(self.full_name), clean(self.job_title)
        return f"{name}, {job}" if job else name


@dataclass(frozen=True)
class MinutesInput:
    """Times of the meeting and the outcome of the public comment (empty when none)."""

    started_at: time | None = None
    ended_at: time | None = None
    public_comment: str = ""


def member_problems(
    members: Sequence[MemberInput], members_total: int, present: int, written_opinions: int
) -> list[str]:
    """Problems with the members named for a session whose counts are given (empty: none).

    An empty list of members is allowed (the minutes then print the counts only). Otherwise
    every member has a name and a known role, at most one chair and one secretary, no name
    twice, and the members named agree with the session's counts.
    """
    if not members:
        return []
    problems: list[str] = []
    seen: set[str] = set()
    for number, member in enumerate(members, start=1):
        name = clean(member.full_name)
        if not name:
            problems.append(f"Thành viên thứ {number} chưa có họ tên")
            continue
        if member.role not in ROLES:
            problems.append(f"{name}: vai trò '{member.role}' không hợp lệ")
        if member.present and member.written_opinion:
            problems.append(f"{name}: có mặt thì không ghi là có ý kiến bằng văn bản")
        key = name.casefold()
        if key in seen:
            problems.append(f"{name} được ghi hai lần")
        seen.add(key)
    for role in (CHAIR, SECRETARY):
        count = sum(1 for m in members if m.role == role)
        if count > 1:
            problems.append(f"Có {count} người là {ROLE_NAMES[role]}: chỉ một người")
    named = len(members)
    here = sum(1 for m in members if m.present)
    written = sum(1 for m in members if not m.present and m.written_opinion)
    if named != members_total:
        problems.append(
            f"Đã ghi {named} thành viên nhưng phiên họp có {members_total} thành viên Hội đồng"
        )
    if here != present:
        problems.append(
            f"Đã ghi {here} thành viên có mặt nhưng phiên họp ghi {present} người có mặt"
        )
    if written != written_opinions:
        problems.append(
            f"Đã ghi {written} thành viên vắng có ý kiến bằng văn bản nhưng phiên họp ghi "
            f"{written_opinions}"
        )
    return problems


def minutes_problems(data: MinutesInput) -> list[str]:
    """The meeting cannot end before it begins."""
    if data.started_at and data.ended_at and data.ended_at <= data.started_at:
        return [f"Giờ kết thúc {data.ended_at:%H:%M} phải sau giờ bắt đầu {data.started_at:%H:%M}"]
    return []


_CLOCK = re.compile(r"(\d{1,2})\s*(?:(?::|h|g|giờ)\s*(?:(\d{1,2})\s*(?:phút|p)?)?)?", re.IGNORECASE)


def parse_clock(text: str) -> time | None:
    """A time of day from "8:30", "08h30", "8 giờ 30 phút", "14"; None for an empty text.

    Raises ValueError with a Vietnamese message for anything else.
    """
    value = clean(text)
    if not value:
        return None
    found = _CLOCK.fullmatch(value)
    if found is not None:
        hour, minute = int(found.group(1)), int(found.group(2) or 0)
        if hour < 24 and minute < 60:
            return time(hour, minute)
    raise ValueError(f"'{value}' không phải giờ hợp lệ (ví dụ 8:30 hoặc 14h00)")
