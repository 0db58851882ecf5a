"""A realistic, deterministic demo database of a Sở Nông nghiệp và Môi trường (`tdkt demo`).

Same options, same data (apart from timestamps): every draw comes from ``random.Random(seed)``.
The award history obeys domain.md §4 (rules 1-6, 9, 10, 13 and X1, X2, X4, X6, X9), so the
eligibility screens give sensible answers. Collective rules count as members the graded staff
(not KXL) of the unit and its sub-units at the year's end. Rows go in with Core bulk inserts,
which bypass the ORM audit hook, so one audit entry summarises the whole operation.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from itertools import islice
from typing import Any, NamedTuple

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from app.db import models as db
from app.db.audit import log_action, session_user, summarised
from app.db.base import utcnow
from app.domain.vnformat import format_count
from app.domain.vntext import fold, fold_key, vi_sort_key
from app.services import demo_names as names
from app.services.demo_names import BO, SO, UBND, authority
from app.services.reference import codes

CUT = names.RESTRUCTURED  # 01/3/2025: old units end the day before
OLD_END = CUT - timedelta(days=1)
GOOD = ("HTXSNV", "HTTNV")
_UNIT_COLUMNS = {c.name for c in db.Unit.__table__.columns}
_BATCH = 5_000


@dataclass(frozen=True)
class DemoOptions:
    people: int = 1200
    years: int = 5
    seed: int = 2026
    end_year: int | None = None  # last year with grades/awards; None -> last year
    review_year: bool = False  # add the next year as under review (grades, sign-ups)


@dataclass(frozen=True)
class DemoSummary:
    units: int
    people: int
    assignments: int
    grades: int
    unit_grades: int
    disciplines: int
    initiatives: int
    awards: int
    first_year: int
    last_year: int


class DemoError(Exception):
    """The demo database cannot be built; the message is for the user (Vietnamese)."""


@lru_cache(maxsize=256)
def rank_of(title: str) -> int:
    return codes().position_rank(title)


@lru_cache(maxsize=256)
def category_of(title: str) -> str:
    return codes().position_category(title)


def _band(r: float, bands: Iterable[tuple[float, str]], rest: str) -> str:
    """The code of the first band whose upper limit is above ``r``."""
    return next((code for limit, code in bands if r < limit), rest)


def _add_months(day: date, months: int) -> date:
    total = day.year * 12 + day.month - 1 + months
    return date(total // 12, total % 12 + 1, min(day.day, 28))


def _chunks(rows: Iterable[dict[str, Any]], size: int = _BATCH) -> Iterator[list[dict[str, Any]]]:
    it = iter(rows)
    while chunk := list(islice(it, size)):
        yield chunk


@dataclass(eq=False)
class _P:
    """A person while the history is simulated (unit and title are indexes and text)."""

    ho_dem: str
    ten: str
    female: bool
    birth_year: int
    birth_date: date | None
    talent: float
    hire: date
    unit: int = -1
    title: str = ""
    old_unit: int = -1  # unit before 01/3/2025 when the current one was renamed or merged
    old_title: str = ""
    leader: bool = False
    left: date | None = None
    left_reason: str | None = None
    id: int = 0
    prev: str = ""  # last year's grade
    blocked: set[int] = field(default_factory=set)  # years with a penalty or hold: no award
    heavy: set[int] = field(default_factory=set)  # years under a penalty of cảnh cáo or worse
    cst: set[int] = field(default_factory=set)  # CSTĐCS years
    used: set[int] = field(default_factory=set)  # CSTĐCS years behind a CSTĐ tỉnh or Bằng khen
    wide: set[int] = field(default_factory=set)  # years with an initiative of PV_TINH or wider
    knc: bool = False

    @property
    def retires(self) -> int:
        """Year of retirement (about 56 for women, 61 for men in these years)."""
        return self.birth_year + (56 if self.female else 61)


class _Award(NamedTuple):
    person_id: int | None  # None: the unit itself
    unit: int
    code: str
    kind: str
    year: int
    decision: int
    category: str | None


class _Builder:
    def __init__(self, session: Session, options: DemoOptions) -> None:
        self.session = session
        self.conn = session.connection()
        self.rng = random.Random(options.seed)
        self.n_people = options.people
        self.last = options.end_year if options.end_year is not None else date.today().year - 1
        self.first = self.last - options.years + 1
        now, user = utcnow(), session_user(session)
        self.stamp = {"created_at": now, "updated_at": now}
        self.author = {**self.stamp, "created_by": user, "updated_by": user}
        self.units = (*names.UNITS, *names.OLD_UNITS)
        self.index = {u.code: k for k, u in enumerate(self.units)}
        self.anc = [self._chain(k) for k in range(len(self.units))]
        self.unit_ids: list[int] = []
        self.people: list[_P] = []
        self.reg = names.DecisionRegister(self.rng)
        self.awards: list[_Award] = []
        self.disciplines: list[tuple[int, str, date, date | None, int | None, str | None]] = []
        self.initiatives: list[tuple[str, str, str, int, int, int, tuple[int, ...]]] = []
        self.unit_prev: dict[int, str] = {}
        self.unit_used: dict[int, set[int]] = {}
        self.counts = {"assignments": 0, "grades": 0, "unit_grades": 0}
        kinds = codes().table("discipline_kinds")
        self.severity = {e.code: int(e.extra.get("severity", 0)) for e in kinds}

    def _chain(self, k: int) -> tuple[int, ...]:
        chain = [k]
        while (parent := self.units[chain[-1]].parent) is not None:
            chain.append(self.index[parent])
        return tuple(chain)

    def put(self, model: Any, rows: Iterable[dict[str, Any]], key: Any = None) -> list[int]:
        """Core bulk insert in chunks; with ``key``, the generated ids in the order of ``rows``.
        Summarised by the demo's one audit entry (no row of its own on either database)."""
        with summarised(self.session):
            if key is None:
                for chunk in _chunks(rows):
                    self.conn.execute(insert(model), chunk)
                return []
            stmt = insert(model).returning(key, sort_by_parameter_order=True)
            return [
                i for rows_ in _chunks(rows, 1000) for i in self.conn.execute(stmt, rows_).scalars()
            ]

    def unit_in(self, p: _P, year: int) -> tuple[int, str]:
        """The unit and title a person held at the end of ``year``."""
        if p.old_unit >= 0 and year < CUT.year:
            return p.old_unit, p.old_title
        return p.unit, p.title

    # -- organisation and people -----------------------------------------------------------
    def insert_units(self) -> None:
        ids = self.unit_ids
        for u in self.units:  # one by one: parents and successors come first
            row = {k: v for k, v in u._asdict().items() if k in _UNIT_COLUMNS}
            row |= dict(
                name_key=fold_key(u.full_name),
                parent_id=ids[self.index[u.parent]] if u.parent else None,
                valid_from=CUT if u.new else None,
                valid_to=OLD_END if u.successor else None,
                successor_id=ids[self.index[u.successor]] if u.successor else None,
                sector=names.SECTORS.get(u.code),
            )
            ids.append(self.put(db.Unit, [row | self.stamp], db.Unit.id)[0])

    def make_person(self) -> _P:
        rng = self.rng
        female = rng.random() < 0.48
        ho_dem, ten = names.person_name(rng, female)
        by = min(2001, self.last - 20, int(rng.triangular(1966, 2002, 1984)))
        born = None if rng.random() < 0.03 else date(by, rng.randint(1, 12), rng.randint(1, 28))
        hire = date(min(by + rng.randint(22, 30), self.last), rng.randint(1, 12), 1)
        return _P(ho_dem, ten, female, by, born, rng.random(), hire)

    def place(self, p: _P, unit: int, title: str, leader: bool = False) -> None:
        p.unit, p.title, p.leader = unit, title, leader
        if leader:  # leaders are seasoned and present during the whole history
            p.talent = 0.4 + 0.6 * p.talent
            if p.hire.year >= self.first:
                year = min(self.first - 1, p.birth_year + self.rng.randint(23, 28))
                p.hire = date(year, p.hire.month, 1)

    def unit_sizes(self, staffed: list[int], rest: int) -> dict[int, int]:
        """Staff per unit, proportional to the unit's weight, at least 2 or 3 each."""
        if rest < 2 * len(staffed):
            need = 2 * len(staffed) + self.n_people - rest
            raise DemoError(
                f"Cần ít nhất {need} cán bộ để tạo CSDL mẫu (đã yêu cầu {self.n_people})."
            )
        least = 3 if rest >= 3 * len(staffed) else 2
        total = sum(self.units[k].weight for k in staffed)
        size = {k: max(least, int(rest * self.units[k].weight / total)) for k in staffed}
        order = sorted(staffed, key=lambda k: (-self.units[k].weight, k))
        diff, j = rest - sum(size.values()), 0
        while diff:
            k, j = order[j % len(order)], j + 1
            if diff > 0 or size[k] > least:
                step = 1 if diff > 0 else -1
                size[k], diff = size[k] + step, diff - step
        return size

    def build_people(self) -> None:
        rng, n = self.rng, self.n_people
        staffed = [k for k, u in enumerate(self.units) if u.weight > 0]
        n_bgd = 3 if n < 400 or rng.random() < 0.5 else 4  # Giám đốc + 2-3 Phó Giám đốc
        size = self.unit_sizes(staffed, n - n_bgd)
        people = [self.make_person() for _ in range(n)]
        deputies = {k: 1 if size[k] < 12 else 2 if size[k] < 30 else 3 for k in staffed}
        n_lead = n_bgd + sum(1 + d for d in deputies.values())
        # Leaders: the oldest staff still below retirement age at the end of the history.
        order = sorted(
            range(n), key=lambda i: (people[i].retires <= self.last, people[i].birth_year, i)
        )
        pool = order[: max(n_lead, n * 2 // 5)]
        boss, pool = pool[:n_bgd], pool[n_bgd:]
        rng.shuffle(pool)
        for pos, i in enumerate(boss):
            self.place(people[i], self.index["BGD"], "Phó Giám đốc" if pos else "Giám đốc", True)
        members: dict[int, list[int]] = {}
        for k in staffed:
            lead, dep = names.LEADER_TITLES[self.units[k].kind]
            members[k] = [pool.pop() for _ in range(1 + deputies[k])]
            for pos, i in enumerate(members[k]):
                self.place(people[i], k, dep if pos else lead, True)
        others = [i for i in range(n) if people[i].unit < 0]
        rng.shuffle(others)
        for k in staffed:
            titles, weights = names.STAFF_TITLES[self.units[k].staff]
            for _ in range(size[k] - len(members[k])):
                members[k].append(i := others.pop())
                self.place(people[i], k, rng.choices(titles, weights)[0])
        if self.first < CUT.year:
            self.split_old_units(people, members)
        stay = [p for p in people if not p.leader and not self.units[p.unit].new]
        for p in stay:
            if p.retires <= self.last:
                day = date(max(p.retires, self.first), rng.randint(1, 12), 1)
                p.left, p.left_reason = day, "Nghỉ hưu"
        moves = max(1, round(n * 0.03) - sum(p.left is not None for p in stay))
        stay = [p for p in stay if p.left is None]
        for p in rng.sample(stay, min(len(stay), moves)):  # transfers to other agencies
            left = date(rng.randint(self.first, self.last), rng.randint(1, 12), rng.randint(1, 28))
            if left > p.hire + timedelta(days=200):
                p.left, p.left_reason = left, "Chuyển công tác"
        self.people = sorted(
            people,
            key=lambda p: (
                (self.units[p.unit].display_order, rank_of(p.title)),
                vi_sort_key(p.ten),
                vi_sort_key(p.ho_dem),
            ),
        )

    def split_old_units(self, people: list[_P], members: dict[int, list[int]]) -> None:
        """Before 01/3/2025 the staff of a renamed or merged unit worked in its old rows."""
        for k, u in enumerate(self.units):
            old = [j for j, v in enumerate(self.units) if v.successor == u.code and v.parent]
            for pos, i in enumerate(members.get(k, []) if old else []):
                p = people[i]
                if p.hire >= CUT:
                    continue
                p.old_unit, p.old_title = old[0], p.title
                if len(old) > 1 and pos == 1:  # the first deputy headed the other old unit
                    p.old_unit, p.old_title = old[1], names.LEADER_TITLES[u.kind][0]
                elif len(old) > 1 and pos > 1 and self.rng.random() < 0.45:
                    p.old_unit = old[1]

    def insert_people(self) -> None:
        rng, seen, rows = self.rng, set[str](), []
        for n, p in enumerate(self.people, start=1):
            cid = names.citizen_id(rng, p.birth_year, p.female) if rng.random() < 0.95 else None
            while cid in seen:  # unique; about 5 % have none recorded
                cid = names.citizen_id(rng, p.birth_year, p.female)
            if cid is not None:
                seen.add(cid)
            full = f"{p.ho_dem} {p.ten}"
            row = dict(
                ho_dem=p.ho_dem,
                ten=p.ten,
                full_name=full,
                name_key=fold(full),
                gender="NU" if p.female else "NAM",
                birth_date=p.birth_date,
                birth_year=p.birth_year,
                staff_code=f"NV{n:05d}" if rng.random() < 0.97 else None,
                citizen_id=cid,
                subject_category=category_of(p.title),
                active=p.left is None,
                left_date=p.left,
                left_reason=p.left_reason,
                # years in the sector (Kỷ niệm chương): joined when hired, no interruption,
                # a few with three years in mountain or island areas
                sector_start_date=p.hire,
                sector_break_months=0,
                remote_area_years=3 if n % 17 == 0 else 0,
            )
            rows.append(row | self.stamp)
        assignments = []
        for p, pid in zip(self.people, self.put(db.Person, rows, db.Person.id), strict=True):
            p.id = pid
            if p.old_unit >= 0:
                spans = [(p.old_unit, p.old_title, p.hire, OLD_END), (p.unit, p.title, CUT, p.left)]
            else:
                start = max(p.hire, CUT) if self.units[p.unit].new else p.hire
                spans = [(p.unit, p.title, start, p.left)]
            for unit, title, start, end in spans:
                row = dict(person_id=pid, unit_id=self.unit_ids[unit], position_title=title)
                row |= dict(position_rank=rank_of(title), start_date=start, end_date=end)
                assignments.append(row | self.stamp)
        self.put(db.Assignment, assignments)
        self.counts["assignments"] = len(assignments)

    # -- one year --------------------------------------------------------------------------
    def award(self, p: _P | None, unit: int, code: str, year: int, issuer: str, kind: str) -> None:
        rng = self.rng

        def when() -> date:
            if kind != "CONG_TRANG" or issuer == BO:  # thematic, ad hoc, medals: in the year
                first = 3 if kind == "DOT_XUAT" else 11 if issuer == BO else 8
                return date(year, rng.randint(first, 12), rng.randint(1, 28))
            if issuer == SO and rng.random() < 0.6:
                return date(year, 12, rng.randint(15, 30))
            return date(year + 1, 1, rng.randint(3 if issuer == SO else 12, 28))

        key = ("DX", len(self.awards)) if kind == "DOT_XUAT" else (year, code, kind, p is None)
        dec = self.reg.get(key, issuer, when)
        if p is None:
            self.awards.append(
                _Award(None, unit, code, kind, year, dec, self.units[unit].collective_category)
            )
        else:
            category = category_of(self.unit_in(p, year)[1])
            self.awards.append(_Award(p.id, unit, code, kind, year, dec, category))

    def discipline(self, year: int, graded: list[_P], weak: list[bool]) -> set[int]:
        """Penalties (≈0.5 %, in weak units) and a few holds; returns who was penalised."""
        rng, dec31 = self.rng, date(year, 12, 31)
        troubled = [p for p in graded if weak[self.unit_in(p, year)[0]]]
        penalised: set[int] = set()
        for p in rng.sample(troubled, min(len(troubled), max(1, round(len(graded) * 0.005)))):
            kind = rng.choices(("KHIEN_TRACH", "CANH_CAO", "HA_BAC_LUONG"), (65, 30, 5))[0]
            start = date(year, rng.randint(1, 11), rng.randint(1, 28))
            end = _add_months(start, 6 if kind == "KHIEN_TRACH" else 12)
            dec = self.reg.get(("KL", len(self.disciplines)), SO, start)
            self.disciplines.append((p.id, kind, start, end, dec, None))
            penalised.add(p.id)
            p.blocked.update(range(year, end.year + 1))
            if self.severity[kind] >= 2:
                p.heavy.update(range(year, end.year + 1))
        free = [p for p in graded if p.id not in penalised]
        n_hold = min(len(free), round(len(graded) * 0.0008) + (year == self.last))
        for p in rng.sample(free, n_hold):  # under review for discipline (X1)
            start = date(year, rng.randint(1, 10), rng.randint(1, 28))
            until = None if year == self.last else _add_months(start, rng.randint(2, 5))
            verdict = "Kết luận không có vi phạm" if until else None
            self.disciplines.append((p.id, "XEM_XET_KY_LUAT", start, until, None, verdict))
            p.blocked.update(range(year, (until or dec31).year + 1))
        return penalised

    def simulate_year(self, year: int) -> None:
        rng, jan1, dec31 = self.rng, date(year, 1, 1), date(year, 12, 31)
        emp = [p for p in self.people if p.hire <= dec31 and (p.left is None or p.left >= jan1)]
        months: dict[int, int] = {}
        for p in emp:
            m = min(p.left or dec31, dec31).month - max(p.hire, jan1).month + 1
            months[p.id] = rng.randint(2, 5) if m == 12 and rng.random() < 0.003 else m  # sick
        graded = [p for p in emp if months[p.id] >= 6]
        # Failures cluster in some units each year, so the others can reach TTLĐXS (rule 6).
        weak = [rng.random() < 0.35 for _ in self.units]
        penalised = self.discipline(year, graded, weak)
        grade: dict[int, str] = {}
        rows = []
        for p in emp:
            m, note = months[p.id], None
            if m < 6:  # X9
                g, note = "KXL", "Làm việc dưới 6 tháng trong năm"
            elif p.id in penalised:  # X2
                g, note = "KHTNV", "Bị kỷ luật trong năm"
            else:
                xs, ht = 0.06 + 0.24 * p.talent, 0.02 + 0.18 * (1 - p.talent)
                kht = xs + (0.035 if weak[self.unit_in(p, year)[0]] else 0.0)
                bands = ((xs, "HTXSNV"), (kht, "KHTNV"), (kht + ht, "HTNV"))
                g = _band(rng.random(), bands, "HTTNV")
            grade[p.id] = g
            row = dict(person_id=p.id, year=year, grade=g, months_worked=m, note=note)
            rows.append(row | self.author)
        self.put(db.PersonGrade, rows)
        self.counts["grades"] += len(rows)
        authored = self.make_initiatives(year, [p for p in emp if grade[p.id] != "KXL"])
        ldtt, cst = self.person_awards(year, emp, grade, authored)
        self.unit_year(year, emp, grade, ldtt, cst)

    def make_initiatives(self, year: int, pool: list[_P]) -> set[int]:
        """About 7 % of the staff author an initiative, alone or with colleagues of the unit."""
        rng = self.rng
        by_unit: dict[int, list[_P]] = {}
        for p in pool:
            by_unit.setdefault(self.unit_in(p, year)[0], []).append(p)
        authored: set[int] = set()
        target = round(len(pool) * rng.uniform(0.06, 0.08))
        leads = [p for p in pool if rng.random() < 0.03 + 0.09 * p.talent]
        rng.shuffle(leads)
        for p in leads:
            if len(authored) >= target or p.id in authored:
                continue
            unit = self.unit_in(p, year)[0]
            want = rng.choices((0, 1, 2), (50, 35, 15))[0]
            mates = rng.sample(by_unit[unit], min(len(by_unit[unit]), want + 3))
            group = [p, *[q for q in mates if q.id not in authored and q is not p][:want]]
            wide = (0.07, 0.25, 0.6)[len({year - 1, year - 2} & p.cst)]  # aiming at CSTĐ tỉnh
            scope = _band(rng.random(), ((0.015, "PV_BO"), (wide, "PV_TINH")), "PV_CO_SO")
            kind = rng.choices(("SANG_KIEN", "DE_TAI", "DE_AN"), (85, 10, 5))[0]
            issuer = {"PV_BO": BO, "PV_TINH": UBND}.get(scope, SO)
            month = {"PV_BO": 9, "PV_TINH": 10}.get(scope) or rng.choice((6, 11))
            dec = self.reg.get((year, scope, month), issuer, date(year, month, rng.randint(5, 25)))
            title = rng.choice(names.INITIATIVE_PATTERNS).format(
                task=rng.choice(names.INITIATIVE_TASKS),
                tech=rng.choice(names.INITIATIVE_TECHS),
                unit=self.units[unit].full_name,
            )
            self.initiatives.append(
                (title, kind, scope, unit, year, dec, tuple(q.id for q in group))
            )
            for q in group:
                authored.add(q.id)
                if scope != "PV_CO_SO":
                    q.wide.add(year)
        return authored

    def person_awards(
        self, year: int, emp: list[_P], grade: dict[int, str], authored: set[int]
    ) -> tuple[set[int], set[int]]:
        rng = self.rng
        ldtt = set()
        for p in emp:  # rule 1
            if grade[p.id] in GOOD and year not in p.blocked and rng.random() < 0.95:
                ldtt.add(p.id)
                self.award(p, self.unit_in(p, year)[0], "LDTT", year, SO, "CONG_TRANG")
        # Rule 2: LĐTT and (HTXSNV or an initiative recognised this year); ≈12 % of LĐTT.
        eligible = [
            p for p in emp if p.id in ldtt and (grade[p.id] == "HTXSNV" or p.id in authored)
        ]
        score = {p.id: rng.random() + 1.2 * (year - 1 in p.cst) + 0.4 * p.talent for p in eligible}
        eligible.sort(key=lambda p: (-score[p.id] - 0.3 * (p.id in authored), p.id))
        chosen = sorted(eligible[: round(len(ldtt) * 0.12)], key=lambda p: p.id)
        for p in chosen:
            p.cst.add(year)
            unit = self.unit_in(p, year)[0]
            self.award(p, unit, "CSTDCS", year, SO, "CONG_TRANG")
            run, pair = {year - 2, year - 1, year}, {year - 1, year}
            fresh = not run & p.used and year - 2 >= self.first
            if fresh and run <= p.cst and run & p.wide and rng.random() < 0.8:  # rule 3
                p.used |= run
                self.award(p, unit, "CSTD_TINH", year, UBND, "CONG_TRANG")
            # Rule 9 d, on CSTĐCS that rest on the grade so no initiative counts twice (X6).
            elif pair <= p.cst and not pair & p.used and grade[p.id] == p.prev == "HTXSNV":
                if not p.wide and rng.random() < 0.2:
                    p.used |= pair
                    self.award(p, unit, "BK_TINH", year, UBND, "CONG_TRANG")
        for p in emp:
            g, p.prev = grade[p.id], grade[p.id]
            if year in p.blocked or g == "KXL":
                continue
            unit = self.unit_in(p, year)[0]
            if g in GOOD and rng.random() < 0.03:
                kind = rng.choices(("CONG_TRANG", "CHUYEN_DE", "DOT_XUAT"), (60, 25, 15))[0]
                self.award(p, unit, "GK_SO", year, SO, kind)
            seniority = year - p.hire.year >= (15 if p.female else 20)  # rule 13
            if seniority and not p.knc and not p.heavy and g != "KHTNV" and rng.random() < 0.008:
                p.knc = True
                code = "KNC_TNMT" if year < CUT.year else "KNC_NNMT"
                self.award(p, unit, code, year, BO, "CONG_HIEN")
        return ldtt, {p.id for p in chosen}

    def unit_year(
        self, year: int, emp: list[_P], grade: dict[int, str], ldtt: set[int], cst: set[int]
    ) -> None:
        """Grades of the units existing on 31/12, then TTLĐXS, TTLĐTT and Bằng khen (5, 6, 10)."""
        rng = self.rng
        stats: dict[int, list[int]] = {}
        for p in emp:
            if (g := grade[p.id]) == "KXL":
                continue
            item = (1, p.id in ldtt, p.id in cst, g == "KHTNV", year in p.heavy)
            for a in self.anc[self.unit_in(p, year)[0]]:
                st = stats.setdefault(a, [0] * 5)
                for f, v in enumerate(item):
                    st[f] += v
        after = year >= CUT.year
        valid = [
            k for k, u in enumerate(self.units) if (u.successor is None if after else not u.new)
        ]
        rows = []
        for k in valid:
            n, n_ldtt, n_cst, below, heavy = stats.get(k, [0] * 5)
            bands = (
                ((0.7, "HTTNV"),) if heavy else ((0.33, "HTXSNV"), (0.9, "HTTNV"), (0.99, "HTNV"))
            )
            g = _band(rng.random(), bands, "HTNV" if heavy else "KHTNV")
            rows.append(dict(unit_id=self.unit_ids[k], year=year, grade=g) | self.author)
            prev, self.unit_prev[k] = self.unit_prev.get(k), g
            if self.units[k].kind in ("CO_QUAN", "BAN_GIAM_DOC") or n == 0:
                continue
            share = n_ldtt >= 0.7 * n
            if g == "HTXSNV" and below == 0 and share and n_cst and rng.random() < 0.45:
                self.award(None, k, "TTLDXS", year, UBND, "CONG_TRANG")
            elif g in GOOD and share and not heavy and rng.random() < 0.92:
                self.award(None, k, "TTLDTT", year, SO, "CONG_TRANG")
            used = self.unit_used.setdefault(k, set())
            if g == prev == "HTXSNV" and not {year - 1, year} & used and rng.random() < 0.25:
                used.update((year - 1, year))
                self.award(None, k, "BK_TINH", year, UBND, "CONG_TRANG")
        self.put(db.UnitGrade, rows)
        self.counts["unit_grades"] += len(rows)

    # -- records that carry decision numbers -----------------------------------------------
    def insert_decided(self) -> None:
        reg, rows = self.reg, []
        reg.assign_numbers()
        for pid, kind, start, end, dec, verdict in self.disciplines:
            row = dict(person_id=pid, kind=kind, start_date=start, end_date=end, conclusion=verdict)
            number = reg.numbers[dec] if dec is not None else None
            reason = self.rng.choice(names.DISCIPLINE_REASONS) if dec is not None else None
            rows.append(row | dict(decision_number=number, note=reason) | self.author)
        self.put(db.Discipline, rows)
        rows = []
        for title, kind, scope, unit, year, dec, _authors in self.initiatives:
            day, where = reg.dates[dec], self.units[unit].full_name
            row = dict(title=title, kind=kind, scope=scope, unit_id=self.unit_ids[unit], year=year)
            row |= dict(decision_number=reg.numbers[dec], decision_date=day)
            row |= dict(recognized_by=names.council(scope, day))
            rows.append(row | dict(summary=f"Đã áp dụng hiệu quả tại {where}.") | self.author)
        links = [
            dict(initiative_id=iid, person_id=pid, author_order=n)
            for iid, item in zip(
                self.put(db.Initiative, rows, db.Initiative.id), self.initiatives, strict=True
            )
            for n, pid in enumerate(item[6], start=1)
        ]
        self.put(db.InitiativeAuthor, links)

    def award_rows(self) -> Iterator[dict[str, Any]]:
        reg = self.reg
        for a in self.awards:
            day, collective = reg.dates[a.decision], a.person_id is None
            row = dict(
                subject_kind="TAP_THE" if collective else "CA_NHAN",
                person_id=a.person_id,
                unit_id=self.unit_ids[a.unit] if collective else None,
                catalogue_code=a.code,
                award_type=a.kind,
                year=a.year,
                period_from_year=a.year,
                period_to_year=a.year,
                decision_number=reg.numbers[a.decision],
                decision_date=day,
                authority=authority(reg.issuer[a.decision], day),
                subject_category=a.category,
                unit_text=self.units[a.unit].full_name,
                source="DEMO",
            )
            yield row | self.author


def build_demo(
    session: Session, options: DemoOptions, progress: Callable[[str, float], None] | None = None
) -> DemoSummary:
    """Fill an empty database (schema at head, catalogue seeded) with a demo department."""
    report = progress or (lambda _message, _fraction: None)
    if options.years < 1 or options.people < 1:
        raise DemoError("Số cán bộ và số năm của CSDL mẫu phải lớn hơn 0.")
    if session.scalar(select(func.count()).select_from(db.Unit)) or session.scalar(
        select(func.count()).select_from(db.Person)
    ):
        raise DemoError(
            "Cơ sở dữ liệu đã có đơn vị hoặc cán bộ; chỉ tạo dữ liệu mẫu trên CSDL trống."
        )
    b = _Builder(session, options)
    report("Đang tạo cơ cấu tổ chức", 0.0)
    b.insert_units()
    report("Đang tạo danh sách cán bộ", 0.05)
    b.build_people()
    b.insert_people()
    for n, year in enumerate(range(b.first, b.last + 1)):
        report(
            f"Đang tạo xếp loại, sáng kiến, khen thưởng năm {year}", 0.15 + 0.6 * n / options.years
        )
        b.simulate_year(year)
    report("Đang ghi kỷ luật, sáng kiến và quyết định khen thưởng", 0.75)
    b.insert_decided()
    for n, chunk in enumerate(_chunks(b.award_rows())):
        report("Đang ghi khen thưởng", 0.8 + 0.2 * n * _BATCH / len(b.awards))
        b.put(db.AwardRecord, chunk)
    from app.services.demo_fund import add_demo_fund

    add_demo_fund(session, b.first, b.last)  # the award fund of each year (issue 26)
    summary = DemoSummary(
        len(b.units),
        len(b.people),
        **b.counts,
        disciplines=len(b.disciplines),
        initiatives=len(b.initiatives),
        awards=len(b.awards),
        first_year=b.first,
        last_year=b.last,
    )
    note = (
        f"Tạo CSDL mẫu: {format_count(summary.units)} đơn vị, {format_count(summary.people)} cán "
        f"bộ, {format_count(summary.awards)} khen "
        f"thưởng, năm {b.first}-{b.last}, seed {options.seed}"
    )
    log_action(session, "DEMO", "database", None, note)
    if options.review_year:  # the full demo (GUI): its history also in the decision register
        from app.services.decisions import sync_imported
        from app.services.demo_review import add_review_year

        report("Đang lập sổ quyết định từ lịch sử khen thưởng", 0.96)
        sync_imported(session)
        report(f"Đang tạo xếp loại và đăng ký thi đua năm {b.last + 1}", 0.98)
        add_review_year(session, b.last + 1, options.seed)
    report("Hoàn tất", 1.0)
    return summary
