"""Light checks on a sign-up (đăng ký thi đua) against the history already stored.

A sign-up that cannot succeed is flagged when it is entered: each check returns a
:class:`Flag` with a Vietnamese explanation naming the unmet condition and, where there is
one, the legal article (domain.md §4). Flags are warnings: the services store them with the
registration and recompute them when asked; they never block saving.

The checks read small history DTOs (:class:`PersonHistory`, :class:`UnitHistory`) built by
the services, and the thresholds are the named parameters of :class:`RegistrationRules`
(defaults from domain.md §4.2). The full eligibility engine (issue 5) replaces these with
versioned rule sets; keep the parameters here in step with it.

Counting streaks at registration time
--------------------------------------
A sign-up is made early in year ``y`` for the title of year ``y``: that year's result is not
known yet. With ``RegistrationRules.count_registration_year`` (default), the year ``y`` is
taken as the last year of a streak, so "03 lần liên tục CSTĐCS" needs CSTĐCS in ``y-2`` and
``y-1``. Only merit awards count (``CONG_TRANG``, X4), and revoked awards never count (X12).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from app.domain.catalogue import CatalogueItem
from app.domain.codes import SubjectKind

__all__ = [
    "DEFAULT_RULES",
    "AwardFact",
    "Flag",
    "PenaltyFact",
    "PersonHistory",
    "RegistrationRules",
    "UnitHistory",
    "check_bk_collective",
    "check_bk_individual",
    "check_cstd_streak",
    "check_cstdtq_streak",
    "check_history_only",
    "check_left",
    "check_once_in_lifetime",
    "check_penalties",
    "check_person_registration",
    "check_subject",
    "check_unit_ended",
    "check_unit_registration",
]

LAW = "Luật TĐKT 2022"
CSTDCS = "CSTDCS"
HTXSNV = "HTXSNV"
TTLDXS = "TTLDXS"


@dataclass(frozen=True)
class Flag:
    """A warning on a sign-up: a stable code and the Vietnamese explanation."""

    code: str
    message: str


@dataclass(frozen=True)
class AwardFact:
    """An award already received (from ``award_record``)."""

    code: str
    year: int | None
    award_type: str = "CONG_TRANG"
    revoked: bool = False


@dataclass(frozen=True)
class PenaltyFact:
    """A disciplinary penalty or a hold, with the Vietnamese name of its kind."""

    kind: str
    name: str
    start: date
    end: date | None = None

    def overlaps_year(self, year: int) -> bool:
        return self.start <= date(year, 12, 31) and (
            self.end is None or self.end >= date(year, 1, 1)
        )


@dataclass(frozen=True)
class PersonHistory:
    active: bool = True
    left_date: date | None = None
    left_reason: str | None = None
    grades: Mapping[int, str] = field(default_factory=dict)
    awards: tuple[AwardFact, ...] = ()
    penalties: tuple[PenaltyFact, ...] = ()


@dataclass(frozen=True)
class UnitHistory:
    valid_to: date | None = None
    grades: Mapping[int, str] = field(default_factory=dict)
    awards: tuple[AwardFact, ...] = ()


@dataclass(frozen=True)
class RegistrationRules:
    """Thresholds of the light checks (domain.md §4.2); issue 5 makes them versioned data."""

    # Rule 3: consecutive CSTĐCS for CSTĐ cấp tỉnh / bộ (Luật 06/2022 Điều 22).
    cstd_streak: Mapping[str, int] = field(default_factory=lambda: {"CSTD_TINH": 3, "CSTD_BO": 3})
    # Rule 4: consecutive CSTĐ bộ/tỉnh for CSTĐTQ (Điều 21); two awards in a row are at most
    # ``cstd_cycle_years`` apart (a CSTĐ tỉnh rests on 3 CSTĐCS years).
    cstdtq_streak: int = 2
    cstdtq_code: str = "CSTDTQ"
    cstd_codes: frozenset[str] = frozenset({"CSTD_TINH", "CSTD_BO"})
    cstd_cycle_years: int = 3
    # Rule 9 point d: 2 consecutive CSTĐCS, or 2 consecutive HTXSNV years (Điều 74).
    bk_codes: frozenset[str] = frozenset({"BK_TINH", "BK_BO"})
    bk_cstdcs_streak: int = 2
    bk_htxsnv_streak: int = 2
    # Rule 10: 2 consecutive years HTXSNV or TTLĐXS for a collective.
    bk_collective_streak: int = 2
    # X2 / Rule 1: a penalty in the year rules out these titles (they all need the LĐTT
    # standard of the year).
    penalty_titles: frozenset[str] = frozenset({"LDTT", "CSTDCS", "CSTD_TINH", "CSTD_BO", "CSTDTQ"})
    # X1: holds (tạm chưa khen) rule out any award while open.
    hold_kinds: frozenset[str] = frozenset({"XEM_XET_KY_LUAT", "DIEU_TRA", "KHIEU_NAI_TO_CAO"})
    # X4: only these award types count towards streaks.
    merit_types: frozenset[str] = frozenset({"CONG_TRANG"})
    count_registration_year: bool = True
    # Rule 13: holders of these predecessor medals get a warning for KNC_NNMT.
    predecessor_medals: Mapping[str, tuple[str, ...]] = field(
        default_factory=lambda: {"KNC_NNMT": ("KNC_TNMT", "KNC_NNPTNT")}
    )


DEFAULT_RULES = RegistrationRules()


def _two(n: int) -> str:
    return f"{n:02d}"


def _years(years: Iterable[int]) -> str:
    listed = sorted(set(years))
    return ", ".join(str(y) for y in listed) if listed else "không năm nào"


def _article(item: CatalogueItem) -> str:
    """The first citation of the item's legal basis ("Luật TĐKT 2022, Điều 22")."""
    return item.legal_basis.split(";")[0].strip()


def _with_article(text: str, article: str) -> str:
    return f"{text} - {article}" if article else text


def _window(year: int, streak: int, rules: RegistrationRules) -> list[int]:
    """The years before ``year`` a streak of ``streak`` needs (``year`` itself may count)."""
    needed = streak - 1 if rules.count_registration_year else streak
    return list(range(year - needed, year))


def _award_years(
    awards: Iterable[AwardFact], codes: Iterable[str], rules: RegistrationRules
) -> set[int]:
    wanted = set(codes)
    return {
        a.year
        for a in awards
        if a.code in wanted
        and a.year is not None
        and not a.revoked
        and a.award_type in rules.merit_types
    }


# ---------------------------------------------------------------- checks for every subject


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


# ---------------------------------------------------------------- people


def check_left(history: PersonHistory) -> Flag | None:
    if history.active and history.left_date is None:
        return None
    when = f" từ {history.left_date:%d/%m/%Y}" if history.left_date else ""
    why = f" ({history.left_reason})" if history.left_reason else ""
    return Flag("DA_NGHI", f"Cán bộ đã nghỉ{when}{why}: không còn là đối tượng đăng ký thi đua")


def check_once_in_lifetime(
    item: CatalogueItem, history: PersonHistory, rules: RegistrationRules = DEFAULT_RULES
) -> list[Flag]:
    """Kỷ niệm chương: once in a lifetime; a predecessor medal gets a warning (Rule 13)."""
    if not item.once_in_lifetime:
        return []
    flags = []
    got = sorted({a.year or 0 for a in history.awards if a.code == item.code and not a.revoked})
    if got:
        when = ", ".join(str(y) for y in got if y) or "năm không rõ"
        flags.append(
            Flag(
                "MOT_LAN",
                _with_article(
                    f"Đã được tặng {item.name} ({when}): chỉ tặng một lần", _article(item)
                ),
            )
        )
    older = [
        a
        for a in history.awards
        if a.code in rules.predecessor_medals.get(item.code, ()) and not a.revoked
    ]
    if older:
        years = _years(a.year for a in older if a.year)
        flags.append(
            Flag(
                "KNC_TIEN_THAN",
                f"Đã có Kỷ niệm chương của ngành trước khi hợp nhất ({years}): cần xác nhận "
                f"có được tặng thêm {item.name} không (chưa rõ quy định)",
            )
        )
    return flags


def check_penalties(
    item: CatalogueItem,
    year: int,
    history: PersonHistory,
    rules: RegistrationRules = DEFAULT_RULES,
) -> list[Flag]:
    """A penalty running in ``year`` (titles needing the LĐTT standard) or a hold (any award)."""
    flags = []
    for p in sorted(history.penalties, key=lambda p: p.start):
        if not p.overlaps_year(year):
            continue
        since = f"từ {p.start:%d/%m/%Y}"
        if p.kind in rules.hold_kinds:
            flags.append(
                Flag(
                    "TAM_CHUA_KHEN",
                    f"{p.name} ({since}): tạm chưa khen thưởng - NĐ 152/2025, Điều 4 khoản 4",
                )
            )
        elif item.code in rules.penalty_titles:
            if p.start.year == year:
                text = (
                    f"Bị kỷ luật {p.name.lower()} trong năm {year} ({since}): xếp loại không "
                    f"hoàn thành nhiệm vụ, không đạt {item.short}"
                )
                article = "NĐ 90/2020, Điều 2; Luật TĐKT 2022, Điều 24"
            else:
                until = f"đến {p.end:%d/%m/%Y}" if p.end else "chưa có ngày kết thúc"
                text = (
                    f"Đang chịu kỷ luật {p.name.lower()} ({since}, {until}): thành tích chỉ "
                    f"tính từ khi hết thời hạn kỷ luật, không đạt {item.short} năm {year}"
                )
                article = "NĐ 152/2025, Điều 4 khoản 4"
            flags.append(Flag("KY_LUAT", f"{text} - {article}"))
    return flags


def check_cstd_streak(
    item: CatalogueItem,
    year: int,
    history: PersonHistory,
    rules: RegistrationRules = DEFAULT_RULES,
) -> Flag | None:
    """CSTĐ cấp tỉnh / bộ: 03 lần liên tục CSTĐCS (Luật 06/2022 Điều 22)."""
    streak = rules.cstd_streak.get(item.code)
    if streak is None:
        return None
    window = _window(year, streak, rules)
    have = _award_years(history.awards, (CSTDCS,), rules) & set(window)
    if have == set(window):
        return None
    return Flag(
        "CHUOI_CSTDCS",
        f"Chưa đủ {_two(streak)} lần liên tục CSTĐCS (có: {_years(have)}) - {LAW}, Điều 22",
    )


def check_cstdtq_streak(
    item: CatalogueItem,
    year: int,
    history: PersonHistory,
    rules: RegistrationRules = DEFAULT_RULES,
) -> Flag | None:
    """CSTĐTQ: 02 lần liên tục CSTĐ bộ/tỉnh (Luật 06/2022 Điều 21).

    Walking back from ``year``, each earlier CSTĐ bộ/tỉnh of the run must fall within
    ``cstd_cycle_years`` before the next one.
    """
    if item.code != rules.cstdtq_code:
        return None
    years = _award_years(history.awards, rules.cstd_codes, rules)
    needed = rules.cstdtq_streak - 1 if rules.count_registration_year else rules.cstdtq_streak
    expected, found = year, []
    for _ in range(needed):
        earlier = [y for y in years if expected - rules.cstd_cycle_years <= y < expected]
        if not earlier:
            break
        expected = max(earlier)
        found.append(expected)
    if len(found) >= needed:
        return None
    return Flag(
        "CHUOI_CSTD",
        f"Chưa đủ {_two(rules.cstdtq_streak)} lần liên tục CSTĐ cấp bộ/tỉnh "
        f"(có: {_years(years)}) - {LAW}, Điều 21",
    )


def check_bk_individual(
    item: CatalogueItem,
    year: int,
    history: PersonHistory,
    rules: RegistrationRules = DEFAULT_RULES,
) -> Flag | None:
    """Bằng khen bộ/tỉnh, point d: 02 lần liên tục CSTĐCS or 02 năm liên tục HTXSNV.

    The other points (campaign results, ad-hoc achievements...) are manual: the flag says so.
    """
    if item.code not in rules.bk_codes:
        return None
    cst_window = _window(year, rules.bk_cstdcs_streak, rules)
    cst = _award_years(history.awards, (CSTDCS,), rules) & set(cst_window)
    if cst == set(cst_window):
        return None
    grade_window = _window(year, rules.bk_htxsnv_streak, rules)
    excellent = {y for y in grade_window if history.grades.get(y) == HTXSNV}
    if excellent == set(grade_window):
        return None
    return Flag(
        "CHUOI_BK",
        f"Chưa đủ {_two(rules.bk_cstdcs_streak)} lần liên tục CSTĐCS hoặc "
        f"{_two(rules.bk_htxsnv_streak)} năm liên tục HTXSNV (có CSTĐCS: {_years(cst)}; "
        f"HTXSNV: {_years(excellent)}); xét theo thành tích khác thì cần hồ sơ chứng minh "
        f"- {LAW}, Điều 74",
    )


def check_person_registration(
    item: CatalogueItem,
    year: int,
    history: PersonHistory,
    rules: RegistrationRules = DEFAULT_RULES,
) -> list[Flag]:
    """Every light check for a person signing up for ``item`` in ``year``."""
    flags: list[Flag | None] = [
        check_left(history),
        check_subject(item, SubjectKind.CA_NHAN),
        check_history_only(item),
    ]
    flags.extend(check_once_in_lifetime(item, history, rules))
    flags.extend(check_penalties(item, year, history, rules))
    flags.append(check_cstd_streak(item, year, history, rules))
    flags.append(check_cstdtq_streak(item, year, history, rules))
    flags.append(check_bk_individual(item, year, history, rules))
    return [f for f in flags if f is not None]


# ---------------------------------------------------------------- collectives


def check_unit_ended(history: UnitHistory, year: int) -> Flag | None:
    if history.valid_to is None or history.valid_to >= date(year, 12, 31):
        return None
    return Flag(
        "DON_VI_KET_THUC",
        f"Đơn vị đã kết thúc hoạt động từ {history.valid_to:%d/%m/%Y}: không đăng ký thi đua "
        f"năm {year}",
    )


def check_bk_collective(
    item: CatalogueItem,
    year: int,
    history: UnitHistory,
    rules: RegistrationRules = DEFAULT_RULES,
) -> Flag | None:
    """Bằng khen bộ/tỉnh for a collective: 02 năm liên tục HTXSNV hoặc TTLĐXS (Rule 10)."""
    if item.code not in rules.bk_codes:
        return None
    window = _window(year, rules.bk_collective_streak, rules)
    titled = _award_years(history.awards, (TTLDXS,), rules)
    good = {y for y in window if history.grades.get(y) == HTXSNV or y in titled}
    if good == set(window):
        return None
    return Flag(
        "CHUOI_BK",
        f"Chưa đủ {_two(rules.bk_collective_streak)} năm liên tục HTXSNV hoặc TTLĐXS "
        f"(có: {_years(good)}); xét theo thành tích khác thì cần hồ sơ chứng minh "
        f"- {LAW}, Điều 74",
    )


def check_unit_registration(
    item: CatalogueItem,
    year: int,
    history: UnitHistory,
    rules: RegistrationRules = DEFAULT_RULES,
) -> list[Flag]:
    """Every light check for a collective signing up for ``item`` in ``year``."""
    flags = [
        check_unit_ended(history, year),
        check_subject(item, SubjectKind.TAP_THE),
        check_history_only(item),
        check_bk_collective(item, year, history, rules),
    ]
    return [f for f in flags if f is not None]
