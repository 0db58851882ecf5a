"""The demo database: structure, names, determinism and the legal consistency of its history."""

from __future__ import annotations

import random
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from app.db.base import Base
from app.db.engine import make_engine, make_session_factory
from app.db.migrate import upgrade_database
from app.db.models import AuditLog, Person, PersonGrade
from app.domain.units import sector_of
from app.domain.vntext import fold, fold_key
from app.services.demo import DemoError, DemoOptions, DemoSummary, build_demo
from app.services.demo_names import DecisionRegister
from app.services.reference import codes, ensure_catalogue

CUT = date(2025, 3, 1)
OLD_END = date(2025, 2, 28)
GOOD = {"HTXSNV", "HTTNV"}
GRADE_LEVEL = {"HTXSNV": 4, "HTTNV": 3, "HTNV": 2, "KHTNV": 1, "KXL": 0}
LIKE = {
    "Giám đốc Văn phòng Đăng ký đất đai": "Giám đốc Trung tâm",
    "Phó Giám đốc Văn phòng Đăng ký đất đai": "Phó Giám đốc Trung tâm",
}
KNOWN_TITLES = {title for title, _rank, _category in codes().position_ranks}
NUMBER = re.compile(r"^(\d+)/QĐ-(SNNMT|STNMT|UBND|BNNMT|BTNMT)$")


def _fresh(path: Path) -> tuple[Engine, sessionmaker[Session]]:
    engine = make_engine("sqlite:///" + path.as_posix())
    upgrade_database(engine)
    factory = make_session_factory(engine, user="test")
    with factory.begin() as s:
        ensure_catalogue(s)
    return engine, factory


class Built:
    """A demo database plus all its rows, read back as plain dicts."""

    def __init__(self, path: Path, options: DemoOptions) -> None:
        self.engine, self.factory = _fresh(path)
        self.options = options
        self.progress: list[tuple[str, float]] = []
        with self.factory.begin() as s:
            report = lambda message, fraction: self.progress.append((message, fraction))  # noqa: E731
            self.summary: DemoSummary = build_demo(s, options, report)
        self.t = tables(self.engine)
        self.engine.dispose()  # everything is read; later sessions reconnect
        self.units = {u["id"]: u for u in self.t["unit"]}
        self.people = {p["id"]: p for p in self.t["person"]}
        self.grade = {(g["person_id"], g["year"]): g for g in self.t["person_grade"]}
        self.unit_grade = {(g["unit_id"], g["year"]): g["grade"] for g in self.t["unit_grade"]}
        self.person_awards: dict[tuple[int, int], set[str]] = defaultdict(set)
        for a in self.t["award_record"]:
            if a["subject_kind"] == "CA_NHAN" and a["award_type"] == "CONG_TRANG":
                self.person_awards[(a["person_id"], a["year"])].add(a["catalogue_code"])

    def has(self, person_id: int, year: int, code: str) -> bool:
        return code in self.person_awards.get((person_id, year), set())

    def awards(self, code: str) -> list[dict[str, Any]]:
        return [a for a in self.t["award_record"] if a["catalogue_code"] == code]

    def ancestors(self, unit_id: int) -> list[int]:
        chain = [unit_id]
        while (parent := self.units[chain[-1]]["parent_id"]) is not None:
            chain.append(parent)
        return chain

    def members(self, year: int) -> dict[int, list[int]]:
        """Graded staff (not KXL) of each unit's subtree, by the assignment held at year end."""
        by_person: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for a in self.t["assignment"]:
            by_person[a["person_id"]].append(a)
        out: dict[int, list[int]] = defaultdict(list)
        for (pid, y), g in self.grade.items():
            if y != year or g["grade"] == "KXL":
                continue
            left = self.people[pid]["left_date"]
            ref = min(date(year, 12, 31), left) if left else date(year, 12, 31)
            (held,) = [
                a
                for a in by_person[pid]
                if (a["start_date"] is None or a["start_date"] <= ref)
                and (a["end_date"] is None or ref <= a["end_date"])
            ]
            for unit in self.ancestors(held["unit_id"]):
                out[unit].append(pid)
        return out


def tables(engine: Engine) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table (audit log and timestamps left out), in primary-key order."""
    out = {}
    with engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            if table.name == "audit_log":
                continue
            rows = conn.execute(select(table).order_by(*table.primary_key.columns)).mappings()
            out[table.name] = [
                {k: v for k, v in r.items() if k not in ("created_at", "updated_at")} for r in rows
            ]
    return out


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return Built(
        tmp_path_factory.mktemp("demo") / "a.sqlite",
        DemoOptions(people=300, years=5, seed=2026, end_year=2025),
    )


@pytest.fixture(scope="module")
def demo10(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return Built(
        tmp_path_factory.mktemp("demo10") / "b.sqlite",
        DemoOptions(people=600, years=10, seed=7, end_year=2025),
    )


@pytest.fixture(params=["demo", "demo10"])
def any_demo(request: pytest.FixtureRequest) -> Built:
    return request.getfixturevalue(request.param)


# -- organisation ---------------------------------------------------------------------------


def test_unit_tree(demo: Built) -> None:
    units = demo.units
    assert 30 <= len(units) <= 45
    assert len({u["code"] for u in units.values()}) == len(units)
    assert all(re.fullmatch(r"[A-Z0-9][A-Z0-9_.\-]*", u["code"]) for u in units.values())
    for uid in units:
        assert len(demo.ancestors(uid)) <= 5  # reaches a root: no cycle
    roots = [u for u in units.values() if u["parent_id"] is None and u["valid_to"] is None]
    assert [r["full_name"] for r in roots] == ["Sở Nông nghiệp và Môi trường"]
    root = roots[0]
    assert (root["kind"], root["collective_category"]) == ("CO_QUAN", "TT_HANH_CHINH")
    assert root["valid_from"] == CUT
    kinds = Counter(u["kind"] for u in units.values())
    assert kinds["HAT"] >= 2 and kinds["DOI"] >= 1 and kinds["TRUNG_TAM"] >= 3
    assert all(
        u["collective_category"] == "TT_SU_NGHIEP"
        for u in units.values()
        if u["kind"] == "TRUNG_TAM"
    )
    for u in units.values():
        assert u["name_key"] == fold_key(u["full_name"])
        assert unicodedata.is_normalized("NFC", u["full_name"])
    current = sorted(
        (u for u in units.values() if u["valid_to"] is None), key=lambda u: u["display_order"]
    )
    names = [u["full_name"] for u in current]
    assert names.index("Ban Giám đốc") < names.index("Văn phòng Sở") < names.index("Thanh tra Sở")
    assert (
        names.index("Thanh tra Sở")
        < names.index("Phòng Quản lý đất đai")
        < names.index("Chi cục Kiểm lâm")
    )
    assert names.index("Chi cục Thủy lợi") < names.index("Trung tâm Khuyến nông")


def test_units_have_fields(demo: Built) -> None:
    """Every current unit works in a field (its own or the one above: lĩnh vực, issue 26)."""
    by_code = {u["code"]: u for u in demo.units.values()}
    own = {uid: u["sector"] for uid, u in demo.units.items()}
    parents = {uid: u["parent_id"] for uid, u in demo.units.items()}
    assert by_code["CCKL"]["sector"] == "Lâm nghiệp" and by_code["CCKL-HAT1"]["sector"] is None
    assert sector_of(by_code["CCKL-HAT1"]["id"], own, parents) == "Lâm nghiệp"
    assert sector_of(by_code["VP"]["id"], own, parents) == "Nông nghiệp - Nông thôn"
    assert all(sector_of(uid, own, parents) for uid in demo.units)
    assert len({s for s in own.values() if s}) >= 4


def test_2025_restructuring(demo: Built) -> None:
    units = demo.units
    ended = [u for u in units.values() if u["valid_to"] is not None]
    assert ended and all(u["valid_to"] == OLD_END for u in ended)
    for u in ended:
        assert units[u["successor_id"]]["valid_from"] == CUT
        assert units[u["successor_id"]]["valid_to"] is None
    renames = [u for u in ended if u["end_reason"] == "RENAME"]
    old_root = next(u for u in renames if u["parent_id"] is None)
    assert old_root["full_name"] == "Sở Tài nguyên và Môi trường"
    assert units[old_root["successor_id"]]["full_name"] == "Sở Nông nghiệp và Môi trường"
    assert len(renames) >= 2
    merged = Counter(u["successor_id"] for u in ended if u["end_reason"] == "MERGE")
    assert merged and max(merged.values()) >= 2
    # People of old units move on 01/3/2025; old rows keep their history.
    by_person: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for a in demo.t["assignment"]:
        by_person[a["person_id"]].append(a)
    moved = 0
    for rows in by_person.values():
        for a in rows:
            unit = units[a["unit_id"]]
            if unit["valid_to"] is not None:
                moved += 1
                assert a["end_date"] == OLD_END
                (after,) = [b for b in rows if b["start_date"] == CUT]
                assert after["unit_id"] == unit["successor_id"]
            if unit["valid_from"] is not None:
                assert a["start_date"] >= CUT
    assert moved >= 5
    merged_people = {
        a["unit_id"] for a in demo.t["assignment"] if units[a["unit_id"]]["end_reason"] == "MERGE"
    }
    assert len(merged_people) == 2  # both merged units had staff


def test_no_history_when_years_start_after_restructuring(tmp_path: Path) -> None:
    b = Built(tmp_path / "late.sqlite", DemoOptions(people=120, years=2, seed=1, end_year=2027))
    assert (b.summary.first_year, b.summary.last_year) == (2026, 2027)
    assert 30 <= len(b.units) <= 45
    old = {u["id"] for u in b.units.values() if u["valid_to"] is not None}
    assert old  # the rows exist, but nothing hangs off them
    assert not [a for a in b.t["assignment"] if a["unit_id"] in old]
    assert not [g for g in b.t["unit_grade"] if g["unit_id"] in old]
    assert all(
        a["start_date"] >= CUT for a in b.t["assignment"] if b.units[a["unit_id"]]["valid_from"]
    )
    assert {g["year"] for g in b.t["person_grade"]} == {2026, 2027}


def test_leaders(demo: Built) -> None:
    current = [a for a in demo.t["assignment"] if a["end_date"] is None]
    by_unit: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for a in current:
        by_unit[a["unit_id"]].append(a)
    bgd = next(u["id"] for u in demo.units.values() if u["kind"] == "BAN_GIAM_DOC")
    titles = Counter(a["position_title"] for a in by_unit[bgd])
    assert titles["Giám đốc"] == 1 and 2 <= titles["Phó Giám đốc"] <= 3
    for unit, rows in by_unit.items():
        heads = [
            a
            for a in rows
            if a["position_rank"] <= 50 and not a["position_title"].startswith("Phó")
        ]
        assert len(heads) == 1, demo.units[unit]["full_name"]
        for a in rows:  # ranks come from codes.json; the VPĐK heads rank like centre heads
            title = a["position_title"]
            assert a["position_rank"] == codes().position_rank(LIKE.get(title, title)), title
            assert title in KNOWN_TITLES or title in LIKE, title
    assert Counter(a["position_title"] for a in current)["Trưởng phòng"] >= 5


# -- people ---------------------------------------------------------------------------------


def test_people(demo: Built) -> None:
    people = list(demo.people.values())
    assert len(people) == 300 == demo.summary.people
    genders = Counter(p["gender"] for p in people)
    assert set(genders) == {"NAM", "NU"}
    assert 0.35 <= genders["NU"] / len(people) <= 0.65
    surnames = Counter(p["full_name"].split()[0] for p in people)
    assert surnames.most_common(1)[0][0] == "Nguyễn"
    assert 0.25 <= surnames["Nguyễn"] / len(people) <= 0.5
    for p in people:
        assert unicodedata.is_normalized("NFC", p["full_name"])
        assert p["full_name"] == f"{p['ho_dem']} {p['ten']}" and " " not in p["ten"]
        assert p["name_key"] == fold(p["full_name"])
        assert 1966 <= p["birth_year"] <= 2001
        assert p["birth_date"] is None or p["birth_date"].year == p["birth_year"]
        assert p["citizen_id"] is None or re.fullmatch(r"\d{12}", p["citizen_id"])
        assert p["staff_code"] is None or re.fullmatch(r"NV\d{5}", p["staff_code"])
        assert p["active"] == (p["left_date"] is None)
        assert p["left_reason"] in (None, "Nghỉ hưu", "Chuyển công tác")
    assert sum(p["staff_code"] is not None for p in people) > 0.9 * len(people)
    assert sum(p["citizen_id"] is not None for p in people) > 0.85 * len(people)
    assert 0 < sum(p["birth_date"] is None for p in people) < 0.1 * len(people)
    assert 0 < sum(not p["active"] for p in people) <= 0.06 * len(people)
    categories = {p["subject_category"] for p in people}
    assert {"LD_VU_SO", "LD_PHO_PHONG", "TRUC_TIEP"} <= categories


def test_grades(any_demo: Built) -> None:
    grades = any_demo.t["person_grade"]
    for g in grades:
        assert (g["grade"] == "KXL") == (g["months_worked"] < 6)
        assert g["created_by"] == "test"
    share = Counter(g["grade"] for g in grades)
    total = len(grades)
    assert 0.12 <= share["HTXSNV"] / total <= 0.25
    assert 0.55 <= share["HTTNV"] / total <= 0.78
    assert 0.05 <= share["HTNV"] / total <= 0.18
    assert 0 < share["KHTNV"] / total <= 0.04
    assert share["KXL"] > 0
    years = range(any_demo.summary.first_year, any_demo.summary.last_year + 1)
    assert {g["year"] for g in grades} == set(years)
    for u in any_demo.units.values():  # each unit that exists at a year end is graded
        for y in years:
            exists = (u["valid_from"] is None or u["valid_from"] <= date(y, 12, 31)) and (
                u["valid_to"] is None or u["valid_to"] >= date(y, 12, 31)
            )
            assert ((u["id"], y) in any_demo.unit_grade) == exists


# -- legal consistency -----------------------------------------------------------------------


def test_individual_titles(any_demo: Built) -> None:
    d = any_demo
    first = d.summary.first_year
    for (pid, y), codes_ in d.person_awards.items():
        grade = d.grade[(pid, y)]["grade"]
        if "LDTT" in codes_:
            assert grade in GOOD
        if "CSTDCS" in codes_:
            assert "LDTT" in codes_
    assert d.awards("CSTDCS")
    ldtt, cst = len(d.awards("LDTT")), len(d.awards("CSTDCS"))
    assert 0.08 <= cst / ldtt <= 0.16
    wide = {
        (a["person_id"], i["year"])
        for i in d.t["initiative"]
        if i["scope"] in ("PV_TINH", "PV_BO", "PV_TOAN_QUOC")
        for a in d.t["initiative_author"]
        if a["initiative_id"] == i["id"]
    }
    used: dict[int, set[int]] = defaultdict(set)
    for a in sorted(d.awards("CSTD_TINH"), key=lambda a: a["year"]):
        pid, y = a["person_id"], a["year"]
        run = {y - 2, y - 1, y}
        assert min(run) >= first
        assert all(d.has(pid, x, "CSTDCS") for x in run)
        assert any((pid, x) in wide for x in run)
        assert not run & used[pid]  # CSTĐCS years count once
        used[pid] |= run
        assert a["authority"] == "Chủ tịch UBND tỉnh" and a["decision_number"].endswith("/QĐ-UBND")
    for a in d.awards("BK_TINH"):
        if a["subject_kind"] == "CA_NHAN":
            assert d.has(a["person_id"], a["year"], "CSTDCS")
            assert d.has(a["person_id"], a["year"] - 1, "CSTDCS")
        else:
            assert d.unit_grade[(a["unit_id"], a["year"])] == "HTXSNV"
            assert d.unit_grade[(a["unit_id"], a["year"] - 1)] == "HTXSNV"


def test_cstd_tinh_present_over_ten_years(demo10: Built) -> None:
    assert demo10.awards("CSTD_TINH")
    assert demo10.awards("TTLDXS") and demo10.awards("TTLDTT")


def test_discipline_blocks_awards(any_demo: Built) -> None:
    d = any_demo
    severity = {e.code: int(e.extra["severity"]) for e in codes().table("discipline_kinds")}
    assert {r["kind"] for r in d.t["discipline"]} & {"KHIEN_TRACH", "CANH_CAO"}
    assert any(r["kind"] == "XEM_XET_KY_LUAT" for r in d.t["discipline"])
    for r in d.t["discipline"]:
        pid, start = r["person_id"], r["start_date"]
        end = r["end_date"] or date(d.summary.last_year, 12, 31)
        for a in d.t["award_record"]:
            if a["person_id"] == pid:
                assert not start.year <= a["year"] <= end.year, (r, a)
        if severity[r["kind"]] > 0:
            assert d.grade[(pid, start.year)]["grade"] == "KHTNV"
            assert r["decision_number"] and NUMBER.match(r["decision_number"])


def test_collective_titles(any_demo: Built) -> None:
    d = any_demo
    severity = {e.code: int(e.extra["severity"]) for e in codes().table("discipline_kinds")}
    heavy = {
        (r["person_id"], y)
        for r in d.t["discipline"]
        if severity[r["kind"]] >= 2
        for y in range(r["start_date"].year, r["end_date"].year + 1)
    }
    members = {y: d.members(y) for y in range(d.summary.first_year, d.summary.last_year + 1)}
    for a in d.awards("TTLDTT") + d.awards("TTLDXS"):
        uid, y = a["unit_id"], a["year"]
        group = members[y][uid]
        assert group and a["subject_kind"] == "TAP_THE" and a["person_id"] is None
        ldtt = sum(d.has(pid, y, "LDTT") for pid in group)
        assert ldtt >= 0.7 * len(group)
        if a["catalogue_code"] == "TTLDTT":
            assert GRADE_LEVEL[d.unit_grade[(uid, y)]] >= GRADE_LEVEL["HTTNV"]
            assert not [pid for pid in group if (pid, y) in heavy]
        else:
            assert d.unit_grade[(uid, y)] == "HTXSNV"
            assert all(GRADE_LEVEL[d.grade[(pid, y)]["grade"]] >= 2 for pid in group)
            assert any(d.has(pid, y, "CSTDCS") for pid in group)
        assert a["subject_category"] == d.units[uid]["collective_category"]


def test_collective_awards_point_to_the_unit_row_of_their_time(any_demo: Built) -> None:
    d = any_demo
    old_refs = 0
    for a in d.t["award_record"]:
        if a["subject_kind"] != "TAP_THE":
            continue
        unit = d.units[a["unit_id"]]
        year_end = date(a["year"], 12, 31)
        assert unit["valid_from"] is None or unit["valid_from"] <= year_end
        assert unit["valid_to"] is None or unit["valid_to"] >= year_end
        old_refs += unit["valid_to"] is not None
    assert old_refs > 0
    old_names = {u["full_name"] for u in d.units.values() if u["valid_to"] is not None}
    texts = {(a["year"] < 2025, a["unit_text"]) for a in d.t["award_record"]}
    assert {name for old, name in texts if old} & old_names  # old records keep old names
    assert not {name for old, name in texts if not old} & old_names
    for i in d.t["initiative"]:
        unit = d.units[i["unit_id"]]
        assert unit["valid_to"] is None or i["decision_date"] <= unit["valid_to"]


def test_decisions(any_demo: Built) -> None:
    d = any_demo
    decisions: dict[tuple[str, int], set[tuple[Any, ...]]] = defaultdict(set)
    for a in d.t["award_record"]:
        m = NUMBER.match(a["decision_number"])
        assert m, a["decision_number"]
        assert len(m.group(1)) >= 2 and (int(m.group(1)) >= 10 or m.group(1).startswith("0"))
        day = a["decision_date"]
        key = (a["decision_number"], day.year)
        decisions[key].add((day, a["authority"], a["catalogue_code"], a["award_type"]))
        old = day < CUT
        if m.group(2) in ("SNNMT", "STNMT"):
            assert m.group(2) == ("STNMT" if old else "SNNMT")
            body = "Tài nguyên và Môi trường" if old else "Nông nghiệp và Môi trường"
            assert a["authority"] == f"Giám đốc Sở {body}"
        if a["catalogue_code"] in ("CSTD_TINH", "BK_TINH", "TTLDXS"):
            assert a["authority"] == "Chủ tịch UBND tỉnh" and m.group(2) == "UBND"
        if a["award_type"] == "CONG_TRANG" and not a["catalogue_code"].startswith("KNC"):
            y = a["year"]
            assert day.year * 12 + day.month in (y * 12 + 12, y * 12 + 13)
        assert a["year"] == a["period_from_year"] == a["period_to_year"]
        assert a["source"] == "DEMO" and a["created_by"] == "test"
        assert (a["person_id"] is None) == (a["subject_kind"] == "TAP_THE")
        if a["subject_kind"] == "CA_NHAN":
            assert a["subject_category"] in ("LD_VU_SO", "LD_PHO_PHONG", "TRUC_TIEP")
    assert all(len(v) == 1 for v in decisions.values())  # one number, one decision per year
    # Numbers are shared with discipline and initiative decisions without clashing.
    dated = {k: next(iter(v))[0] for k, v in decisions.items()}
    for r in d.t["initiative"] + d.t["discipline"]:
        if r.get("decision_number"):
            day = r.get("decision_date") or r["start_date"]
            assert dated.setdefault((r["decision_number"], day.year), day) == day
    assert Counter(a["award_type"] for a in d.awards("GK_SO")).keys() >= {"CONG_TRANG", "CHUYEN_DE"}


def test_commemorative_medal_once(any_demo: Built) -> None:
    d = any_demo
    knc = [a for a in d.t["award_record"] if a["catalogue_code"].startswith("KNC_")]
    assert knc
    assert max(Counter(a["person_id"] for a in knc).values()) == 1
    for a in knc:
        assert a["catalogue_code"] == ("KNC_TNMT" if a["year"] < 2025 else "KNC_NNMT")


def test_initiatives(any_demo: Built) -> None:
    d = any_demo
    inits = d.t["initiative"]
    scopes = Counter(i["scope"] for i in inits)
    assert scopes.most_common(1)[0][0] == "PV_CO_SO" and scopes["PV_TINH"] > 0
    assert Counter(i["kind"] for i in inits).most_common(1)[0][0] == "SANG_KIEN"
    authors: dict[int, list[int]] = defaultdict(list)
    for a in d.t["initiative_author"]:
        authors[a["initiative_id"]].append(a["person_id"])
    for i in inits:
        assert 1 <= len(authors[i["id"]]) <= 3
        assert i["decision_date"].year == i["year"]
        assert i["recognized_by"].startswith("Hội đồng sáng kiến")
        m = NUMBER.match(i["decision_number"])
        assert m
        if i["scope"] == "PV_CO_SO":
            assert m.group(2) == ("STNMT" if i["decision_date"] < CUT else "SNNMT")
    by_year = Counter(y for i in inits for y in [i["year"]] * len(authors[i["id"]]))
    staff = Counter(y for (_, y), g in d.grade.items() if g["grade"] != "KXL")
    for y, n in staff.items():
        assert 0.04 <= by_year[y] / n <= 0.10


# -- determinism, summary, errors ------------------------------------------------------------


def test_same_seed_same_data(demo: Built, tmp_path: Path) -> None:
    again = Built(tmp_path / "again.sqlite", demo.options)
    assert again.summary == demo.summary
    assert again.t == demo.t
    other = Built(
        tmp_path / "other.sqlite", DemoOptions(people=300, years=5, seed=2027, end_year=2025)
    )
    assert other.t["person"] != demo.t["person"]
    assert other.t["award_record"] != demo.t["award_record"]


def test_summary_and_audit(demo: Built) -> None:
    s = demo.summary
    counted = {
        "units": "unit",
        "people": "person",
        "assignments": "assignment",
        "grades": "person_grade",
        "unit_grades": "unit_grade",
        "disciplines": "discipline",
        "initiatives": "initiative",
        "awards": "award_record",
    }
    for attr, table in counted.items():
        assert asdict(s)[attr] == len(demo.t[table]), attr
    assert (s.first_year, s.last_year) == (2021, 2025)
    with demo.factory() as session:
        log = session.scalars(
            select(AuditLog).where(
                AuditLog.table_name.not_in(("catalogue_item", "catalogue_coefficient"))
            )
        ).all()
    assert [(r.action, r.table_name, r.user) for r in log] == [("DEMO", "database", "test")]
    assert "300" in (log[0].note or "")
    fractions = [f for _, f in demo.progress]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0 and 0 <= fractions[0]
    assert all(isinstance(m, str) and m for m, _ in demo.progress)


def test_refuses_a_database_with_data(demo: Built) -> None:
    with pytest.raises(DemoError, match="đã có"), demo.factory.begin() as s:
        build_demo(s, DemoOptions(people=100, years=1))
    with demo.factory() as s:
        assert s.scalar(select(Person.id).order_by(Person.id.desc()).limit(1)) == max(demo.people)


def test_default_end_year_and_small_sizes(tmp_path: Path) -> None:
    engine, factory = _fresh(tmp_path / "small.sqlite")
    with pytest.raises(DemoError, match="ít nhất"), factory.begin() as s:
        build_demo(s, DemoOptions(people=20, years=1))
    with factory.begin() as s:
        summary = build_demo(s, DemoOptions(people=70, years=1))
    assert summary.last_year == summary.first_year == date.today().year - 1
    with factory() as s:
        assert s.scalar(select(PersonGrade.year).limit(1)) == summary.last_year
    engine.dispose()


def test_decision_numbers_are_zero_padded_and_increase() -> None:
    reg = DecisionRegister(random.Random(1))
    days = [date(2024, 1, 2), date(2024, 1, 3), date(2024, 12, 20), date(2025, 3, 5)]
    for n, day in enumerate(days):
        reg.get(("k", n), "SO", day)
    reg.get(("k", 0), "SO", date(2024, 6, 1))  # the same key is the same decision
    reg.assign_numbers()
    assert reg.numbers[0].startswith("0") and reg.numbers[0].endswith("/QĐ-STNMT")
    first, second, third = (int(n.split("/")[0]) for n in reg.numbers[:3])
    assert first < second < third
    assert reg.numbers[3].endswith("/QĐ-SNNMT") and len(reg.numbers) == 4


def test_the_demo_has_years_in_the_sector_so_the_medal_can_be_decided(demo: Built) -> None:
    """Kỷ niệm chương needs the date joined: the demo records it for everyone (when hired), so
    the review decides the medal instead of asking for missing data."""
    people = list(demo.people.values())
    assert all(p["sector_start_date"] is not None for p in people)
    assert all(
        p["sector_start_date"] <= date(demo.options.end_year or 2100, 12, 31) for p in people
    )
    assert any((p["remote_area_years"] or 0) >= 3 for p in people)
