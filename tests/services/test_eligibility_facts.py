"""The facts the law needs, read from the database: holds and how they ended, the Council
session date, years in the sector; and `tdkt eligibility --json` in words with citations."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest

from app.cli import main
from app.db.models import CouncilSession, Discipline, Person, PersonGrade
from app.domain.people import PersonInput
from app.domain.units import UnitInput
from app.services import people as people_svc
from app.services import units as unit_svc
from app.services.eligibility import evaluate_year, review_day

Y = 2025


@pytest.fixture
def staff(database):
    with database.session_factory.begin() as s:
        root = unit_svc.create_unit(
            s, UnitInput(code="SO", full_name="Sở Nông nghiệp và Môi trường", kind="CO_QUAN")
        )
        vp = unit_svc.create_unit(
            s, UnitInput(code="VP", full_name="Văn phòng Sở", parent_id=root.id, kind="VAN_PHONG")
        )
        ha = people_svc.create_person(
            s,
            PersonInput(ho_dem="Nguyễn Thị", ten="Hà", birth_date=date(1975, 4, 2), gender="NU"),
            unit_id=vp.id,
            position_title="Chuyên viên",
            start_date=date(2000, 1, 1),
        )
        nam = people_svc.create_person(
            s,
            PersonInput(ho_dem="Trần Văn", ten="Nam", birth_date=date(1970, 1, 1), gender="NAM"),
            unit_id=vp.id,
            position_title="Chuyên viên",
            start_date=date(2000, 1, 1),
        )
        for pid in (ha, nam):
            s.add(PersonGrade(person_id=pid, year=Y, grade="HTXSNV", months_worked=12))
    return {"ha": ha, "nam": nam}


def verdict(database, person_id, title):
    with database.session_factory() as s:
        rows = evaluate_year(s, Y, title=title)
    return next(r.verdict for r in rows if r.subject == "person" and r.subject_id == person_id)


def cond(v, key):
    return next(c for c in v.conditions if c.key == key)


def add_session(database, day):
    with database.session_factory.begin() as s:
        s.add(CouncilSession(year=Y, meeting_date=day, members_total=9, present=9))


def add_hold(database, person_id, **fields):
    with database.session_factory.begin() as s:
        row = Discipline(
            person_id=person_id, kind="DIEU_TRA", start_date=date(2025, 5, 1), **fields
        )
        s.add(row)
        s.flush()
        return row.id


def test_review_day_is_the_last_session_else_the_review_date(database) -> None:
    with database.session_factory() as s:
        assert review_day(s, Y) == (date(2025, 12, 31), False)
    add_session(database, date(2025, 12, 10))
    add_session(database, date(2025, 12, 15))
    with database.session_factory() as s:
        assert review_day(s, Y) == (date(2025, 12, 15), True)
        assert review_day(s, Y + 1) == (date(2026, 12, 31), False)


def test_hold_open_on_the_session_date(database, staff) -> None:
    add_session(database, date(2025, 12, 15))
    add_hold(database, staff["ha"], end_date=date(2025, 12, 15))
    v = verdict(database, staff["ha"], "LDTT")
    assert v.verdict == "not_eligible"
    assert v.explanation == (
        "Đang trong thời gian tạm chưa xét khen thưởng tại ngày họp Hội đồng 15/12/2025: "
        "Đang bị điều tra, thanh tra, kiểm tra có dấu hiệu vi phạm từ 01/05/2025 đến 15/12/2025"
        " - Nghị định 152/2025, Điều 4 khoản 4"
    )


def test_hold_concluded_the_day_before_the_session(database, staff) -> None:
    add_session(database, date(2025, 12, 15))
    add_hold(database, staff["ha"], outcome="KHONG_VI_PHAM", concluded_on=date(2025, 12, 14))
    v = verdict(database, staff["ha"], "LDTT")
    assert v.verdict == "eligible"
    assert cond(v, "HOLD").text.endswith(
        "có dấu hiệu vi phạm đã kết luận không vi phạm ngày 14/12/2025"
    )


def test_a_conclusion_with_violation_needs_its_penalty(database, staff) -> None:
    hold_id = add_hold(database, staff["ha"], outcome="CO_VI_PHAM", concluded_on=date(2025, 9, 1))
    v = verdict(database, staff["ha"], "LDTT")
    assert v.verdict == "needs_review"
    assert "đã kết luận có vi phạm ngày 01/09/2025 nhưng chưa ghi hình thức kỷ luật" in (
        v.explanation
    )
    with database.session_factory.begin() as s:
        penalty = Discipline(
            person_id=staff["ha"],
            kind="KHIEN_TRACH",
            start_date=date(2025, 9, 1),
            end_date=date(2026, 2, 28),
        )
        s.add(penalty)
        s.flush()
        s.get(Discipline, hold_id).penalty_id = penalty.id
    v = verdict(database, staff["ha"], "LDTT")
    assert cond(v, "HOLD").met is True
    assert cond(v, "HOLD").text.endswith("(Khiển trách)")
    assert v.verdict == "not_eligible"
    assert "bị kỷ luật Khiển trách nên xếp loại Không hoàn thành nhiệm vụ" in v.explanation


def test_knc_from_the_years_in_the_sector(database, staff) -> None:
    v = verdict(database, staff["nam"], "KNC_NNMT")
    assert v.verdict == "needs_review"
    assert v.explanation == "Chưa có ngày vào ngành - Thông tư 21/2018/TT-BTNMT, Điều 14"
    with database.session_factory.begin() as s:
        nam = s.get(Person, staff["nam"])
        nam.sector_start_date = date(2005, 12, 31)
        nam.remote_area_years = 0
    assert verdict(database, staff["nam"], "KNC_NNMT").verdict == "eligible"
    with database.session_factory.begin() as s:
        s.get(Person, staff["nam"]).sector_start_date = date(2006, 1, 1)
    v = verdict(database, staff["nam"], "KNC_NNMT")
    assert v.verdict == "not_eligible"
    assert "đủ vào ngày 01/01/2026" in v.explanation
    with database.session_factory.begin() as s:
        ha = s.get(Person, staff["ha"])
        ha.sector_start_date = date(2014, 12, 31)
        ha.remote_area_years = 3
        ha.sector_break_months = 0
    assert verdict(database, staff["ha"], "KNC_NNMT").verdict == "eligible"
    with database.session_factory.begin() as s:
        s.get(Person, staff["ha"]).death_date = date(2025, 11, 1)
    v = verdict(database, staff["ha"], "KNC_NNMT")
    assert v.verdict == "not_eligible"
    assert v.explanation.startswith("Đã mất ngày 01/11/2025")


CODE = re.compile(r"\b[A-Z]{2,}(?:_[A-Z]+)+\b|\b(?:HTXSNV|HTTNV|HTNV|KHTNV|KXL)\b")


def test_cli_json_every_condition_in_words_with_its_citation(database, staff, capsys) -> None:
    with database.session_factory.begin() as s:
        s.get(Person, staff["nam"]).sector_start_date = date(1990, 1, 1)
        s.add(
            Discipline(
                person_id=staff["nam"],
                kind="CANH_CAO",
                start_date=date(2025, 6, 1),
                end_date=date(2026, 5, 31),
            )
        )
    url = database.url
    database.dispose()
    assert main(["eligibility", "--db", url, "--year", "2025", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    people = [d for d in data if d["subject"] == "person"]
    assert people
    for row in people:
        assert row["title_name"] and row["verdict_text"] and row["explanation"]
        for c in row["conditions"]:
            assert c["citation"], (row["title"], c)
            assert not CODE.search(c["text"]), (row["title"], c["text"])
            assert (
                c["result"]
                == {True: "Đạt", False: "Chưa đạt", None: "Thiếu dữ liệu, cần xem xét"}[c["met"]]
            )
    knc = next(d for d in people if d["name"] == "Trần Văn Nam" and d["title"] == "KNC_NNMT")
    assert knc["title_name"] == "KNC NN&MT"
    assert knc["verdict"] == "not_eligible" and knc["verdict_text"] == "Chưa đủ"
    discipline = next(c for c in knc["conditions"] if c["key"] == "DISCIPLINE")
    assert discipline == {
        "key": "DISCIPLINE",
        "text": "Đang chịu kỷ luật Cảnh cáo (01/06/2025 - 31/05/2026) tại ngày xét 31/12/2025 "
        "(từ Cảnh cáo trở lên)",
        "met": False,
        "result": "Chưa đạt",
        "citation": "Thông tư 21/2018/TT-BTNMT, Điều 14",
        "manual": False,
    }
    ldtt = next(d for d in people if d["name"] == "Trần Văn Nam" and d["title"] == "LDTT")
    grade = next(c for c in ldtt["conditions"] if c["key"] == "GRADE")
    assert grade["text"] == (
        "Chưa đạt LĐTT: năm 2025 bị kỷ luật Cảnh cáo nên xếp loại Không hoàn thành nhiệm vụ, "
        "cần Hoàn thành tốt nhiệm vụ trở lên"
    )
    assert grade["citation"] == "Nghị định 90/2020, Điều 2"
