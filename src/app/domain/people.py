"""People: input validation, search matching, ordering and duplicate rules (pure Python)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from app.domain.vntext import clean, fold, join_name, vi_sort_key

GENDERS = ("NAM", "NU")
CITIZEN_ID = re.compile(r"^(\d{9}|\d{12})$")
STAFF_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-/]{0,39}$")
LEFT_REASONS = ("Nghỉ hưu", "Chuyển công tác", "Thôi việc", "Từ trần", "Khác")


@dataclass(frozen=True)
class PersonInput:
    """What a clerk types for a person (dialog values)."""

    ho_dem: str
    ten: str
    gender: str | None = None
    birth_date: date | None = None
    birth_year: int | None = None
    staff_code: str | None = None
    citizen_id: str | None = None
    subject_category: str | None = None
    note: str | None = None

    @property
    def full_name(self) -> str:
        return join_name(clean(self.ho_dem), clean(self.ten))

    def normalised(self) -> PersonInput:
        citizen = re.sub(r"[\s.\-]", "", clean(self.citizen_id)) or None
        year = self.birth_date.year if self.birth_date is not None else self.birth_year
        return replace(
            self,
            ho_dem=clean(self.ho_dem),
            ten=clean(self.ten),
            staff_code=clean(self.staff_code).upper() or None,
            citizen_id=citizen,
            subject_category=self.subject_category or None,
            note=clean(self.note) or None,
            birth_year=year,
        )


def validate_person_input(data: PersonInput, today: date, *, normalised: bool = False) -> list[str]:
    """Problems with a person's own fields, in Vietnamese (empty when valid).

    ``normalised``: ``data`` comes from :meth:`PersonInput.normalised` already (an import
    normalises each row once)."""
    if not normalised:
        data = data.normalised()
    problems: list[str] = []
    if not data.ten:
        problems.append("Chưa nhập tên")
    if len(data.full_name) > 200:
        problems.append("Họ và tên dài quá 200 ký tự")
    if data.gender is not None and data.gender not in GENDERS:
        problems.append(f"Giới tính '{data.gender}' không hợp lệ")
    year = data.birth_year
    if year is not None and not 1900 <= year <= today.year - 14:
        problems.append(f"Năm sinh {year} không hợp lý")
    if data.birth_date is not None and data.birth_date > today:
        problems.append("Ngày sinh ở tương lai")
    if data.citizen_id and not CITIZEN_ID.match(data.citizen_id):
        problems.append(f"Số CCCD/CMND '{data.citizen_id}' phải gồm 12 (hoặc 9) chữ số")
    if data.staff_code and not STAFF_CODE.match(data.staff_code):
        problems.append(f"Mã cán bộ '{data.staff_code}' chỉ gồm chữ, số và - _ . /")
    return problems


def search_text(full_name: str, staff_code: str | None, citizen_id: str | None) -> str:
    """The folded text a search box looks in: name, staff code and citizen ID.

    It starts with a space so that " " + token finds a token at the start of any word.
    """
    return " " + " ".join(
        part for part in (fold(full_name), fold(staff_code), citizen_id or "") if part
    )


def search_text_from_key(name_key: str, staff_code: str | None, citizen_id: str | None) -> str:
    """Like :func:`search_text` when the folded name is already stored (``Person.name_key``)."""
    parts = ["", name_key]
    if staff_code:
        parts.append(staff_code.lower())
    if citizen_id:
        parts.append(citizen_id)
    return " ".join(parts)


def query_tokens(query: str) -> tuple[str, ...]:
    return tuple(fold(query).split())


def matches(tokens: tuple[str, ...], text: str) -> bool:
    """Every token of the query starts a word of the text ("nguyen van a" finds "Nguyễn Văn Á"
    and "Nguyễn Văn Anh", not "Nguyễn Văn Ba"; "001085" finds a citizen ID starting so)."""
    return all(" " + token in text for token in tokens)


def name_order_key(ten: str, ho_dem: str) -> tuple[object, ...]:
    """Vietnamese order of a person's name: tên first, then họ đệm (domain.md §9.2)."""
    return (vi_sort_key(ten), vi_sort_key(ho_dem))


def standard_order_key(
    unit_index: int, position_rank: int, ten: str, ho_dem: str
) -> tuple[object, ...]:
    """ "Thứ tự chuẩn": unit display order, position rank, tên, then họ đệm."""
    return (unit_index, position_rank, vi_sort_key(ten), vi_sort_key(ho_dem))


@dataclass(frozen=True)
class Identity:
    """What duplicate detection compares."""

    id: int | None
    full_name: str
    birth_date: date | None
    birth_year: int | None
    staff_code: str | None
    citizen_id: str | None


def duplicate_reasons(a: Identity, b: Identity) -> list[str]:
    """Why two records may be the same person (empty when they look different)."""
    reasons: list[str] = []
    if a.staff_code and b.staff_code and a.staff_code.upper() == b.staff_code.upper():
        reasons.append(f"cùng mã cán bộ {a.staff_code}")
    if a.citizen_id and b.citizen_id and a.citizen_id == b.citizen_id:
        reasons.append(f"cùng số CCCD {a.citizen_id}")
    if fold(a.full_name) == fold(b.full_name) and a.full_name:
        if a.birth_date is not None and a.birth_date == b.birth_date:
            reasons.append(f"cùng họ tên và ngày sinh {a.birth_date:%d/%m/%Y}")
        elif (
            (a.birth_date is None or b.birth_date is None)
            and a.birth_year
            and a.birth_year == b.birth_year
        ):
            reasons.append(f"cùng họ tên và năm sinh {a.birth_year}")
    return reasons


def group_duplicates(people: Iterable[Identity]) -> list[list[Identity]]:
    """Groups of records that share a staff code, a citizen ID, or name + date of birth."""
    people = list(people)
    parent = list(range(len(people)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # A record with a full date and one with only the year match on name + year.
    index: dict[tuple[str, str], int] = {}
    for i, p in enumerate(people):
        own: list[tuple[str, str]] = []
        lookups: list[tuple[str, str]] = []
        name = fold(p.full_name)
        if p.staff_code:
            own.append(("ma", p.staff_code.upper()))
        if p.citizen_id:
            own.append(("cccd", p.citizen_id))
        if p.birth_date is not None:
            own.append(("ten-ngay", f"{name}|{p.birth_date.isoformat()}"))
            own.append(("ten-nam-co-ngay", f"{name}|{p.birth_date.year}"))
            lookups.append(("ten-nam", f"{name}|{p.birth_date.year}"))
        elif p.birth_year:
            own.append(("ten-nam", f"{name}|{p.birth_year}"))
            lookups.append(("ten-nam-co-ngay", f"{name}|{p.birth_year}"))
        for key in own:
            if key in index:
                parent[find(i)] = find(index[key])
            else:
                index[key] = i
        for key in lookups:
            if key in index:
                parent[find(i)] = find(index[key])
    groups: dict[int, list[Identity]] = {}
    for i, p in enumerate(people):
        groups.setdefault(find(i), []).append(p)
    return [g for g in groups.values() if len(g) > 1]


def grade_months_problem(
    grade: str | None, months_worked: int | None, min_months: int
) -> str | None:
    """X9: someone who worked fewer than ``min_months`` months in the year is not graded (KXL).

    ``min_months`` is the rule-set parameter ``min_months_for_grade``.
    """
    if months_worked is not None and months_worked < min_months and grade not in ("KXL", "KHTNV"):
        return f"Công tác dưới {min_months} tháng thì không xếp loại (KXL) - NĐ 90/2020, Điều 2"
    return None


def htxsnv_cap_problem(
    year: int, excellent: int, good: int, cap_pct: float | None, citation: str
) -> str | None:
    """The cap on công chức graded HTXSNV in a year: at most ``cap_pct`` % of the number graded
    HTTNV (a rule-set parameter, ``htxsnv_cap_pct``; None where the set has no cap). A warning
    for the clerk, never a block (domain.md §12.1: the grades are the agency's to decide)."""
    if cap_pct is None or excellent == 0:
        return None
    allowed = int(good * cap_pct // 100)
    if excellent <= allowed:
        return None
    return (
        f"Năm {year}: {excellent} công chức xếp loại Hoàn thành xuất sắc nhiệm vụ, quá "
        f"{cap_pct:g}% số xếp loại Hoàn thành tốt nhiệm vụ ({good} người, tối đa {allowed}) "
        f"- {citation}; kiểm tra lại kết quả xếp loại"
    )
