"""Search of awards across years (issue 26): each count is computed by the test from the records
it created, including the history of a renamed unit and of a unit merged into the subtree."""

from __future__ import annotations

from datetime import date
from itertools import product

import pytest

from app.db.models import AwardRecord, Campaign, Registration
from app.domain.errors import ValidationError
from app.domain.people import PersonInput
from app.domain.units import UnitInput
from app.services import people as people_svc
from app.services import units as unit_svc
from app.services.award_search import AwardSearch, search_awards, unit_scope

TITLES = ("BK_TINH", "CSTDCS", "GK_SO")
YEARS = (2020, 2021, 2022, 2023, 2024)
AUTHORITIES = ("UBND tỉnh", "Sở Nông nghiệp và Môi trường")


def _person(s, unit_id: int, n: int) -> int:
    return people_svc.create_person(
        s,
        PersonInput(ho_dem="Trần Thị", ten=f"Kiểm Lâm {n:02d}", birth_date=date(1980, 1, n)),
        unit_id=unit_id,
        position_title="Kiểm lâm viên",
        start_date=date(2015, 1, 1),
    )


@pytest.fixture
def data(database):
    """SO > CCKL > HAT1 (renamed HAT1B from 2023); X outside CCKL, merged with HAT2 (in CCKL)
    into HATM under CCKL from 2024; OTHER outside. Awards in every year for every unit, and to
    one person in HAT1 and one in OTHER."""
    specs: list[dict] = []
    with database.session_factory.begin() as s:
        so = unit_svc.create_unit(s, UnitInput(code="SO", full_name="Sở NN và MT", kind="CO_QUAN"))
        cc = unit_svc.create_unit(
            s, UnitInput(code="CCKL", full_name="Chi cục Kiểm lâm", parent_id=so.id)
        )
        hat1 = unit_svc.create_unit(
            s, UnitInput(code="HAT1", full_name="Hạt Kiểm lâm số 1", parent_id=cc.id)
        )
        hat2 = unit_svc.create_unit(
            s, UnitInput(code="HAT2", full_name="Hạt Kiểm lâm số 2", parent_id=cc.id)
        )
        x = unit_svc.create_unit(s, UnitInput(code="X", full_name="Trạm X", parent_id=so.id))
        other = unit_svc.create_unit(
            s, UnitInput(code="OTHER", full_name="Văn phòng Sở", parent_id=so.id)
        )
        p_in = _person(s, hat1.id, 1)
        p_out = _person(s, other.id, 2)
        s.flush()

        def award(kind: str, who: int, unit_code: str, title: str, year: int, n: int) -> None:
            authority = AUTHORITIES[n % 2]
            number = f"{100 + n}/QĐ-{'UBND' if n % 2 == 0 else 'SNNMT'}"
            s.add(
                AwardRecord(
                    subject_kind=kind,
                    person_id=who if kind == "CA_NHAN" else None,
                    unit_id=who if kind == "TAP_THE" else None,
                    catalogue_code=title,
                    award_type="CONG_TRANG" if n % 3 else "DOT_XUAT",
                    year=year,
                    decision_number=number,
                    decision_date=date(year, 12, 20),
                    authority=authority,
                )
            )
            specs.append(
                dict(
                    kind=kind,
                    unit=unit_code,
                    title=title,
                    year=year,
                    number=number,
                    authority=authority,
                    type="CONG_TRANG" if n % 3 else "DOT_XUAT",
                    who=who,
                )
            )

        n = 0
        targets = [
            ("TAP_THE", hat1.id, "HAT1"),
            ("TAP_THE", hat2.id, "HAT2"),
            ("TAP_THE", x.id, "X"),
            ("TAP_THE", other.id, "OTHER"),
            ("TAP_THE", cc.id, "CCKL"),
            ("CA_NHAN", p_in, "HAT1"),
            ("CA_NHAN", p_out, "OTHER"),
        ]
        for (kind, who, code), title, year in product(targets, TITLES, (2020, 2021, 2022)):
            n += 1
            award(kind, who, code, title, year, n)
        s.flush()
        hat1b = unit_svc.rename_unit(
            s,
            hat1.id,
            new_full_name="Hạt Kiểm lâm liên huyện số 1",
            effective=date(2023, 1, 1),
            new_code="HAT1B",
            expected_version=unit_svc.get_unit(s, hat1.id).version,
        )
        merged = unit_svc.merge_units(
            s,
            [hat2.id, x.id],
            UnitInput(code="HATM", full_name="Hạt Kiểm lâm sáp nhập", parent_id=cc.id),
            date(2024, 1, 1),
            expected_versions={u: unit_svc.get_unit(s, u).version for u in (hat2.id, x.id)},
        )
        s.flush()
        later = [
            ("TAP_THE", hat1b.id, "HAT1B"),
            ("TAP_THE", merged.id, "HATM"),
            ("CA_NHAN", p_in, "HAT1B"),  # moved to the renamed unit
            ("TAP_THE", other.id, "OTHER"),
        ]
        for (kind, who, code), title in product(later, TITLES):
            n += 1
            award(kind, who, code, title, 2024, n)
        campaign = Campaign(
            name="Phong trào thi đua năm 2024",
            kind="PT_THUONG_XUYEN",
            scope="SO",
            year=2024,
            start_date=date(2024, 1, 1),
        )
        s.add(campaign)
        s.flush()
        s.add(Registration(campaign_id=campaign.id, person_id=p_in, catalogue_code="CSTDCS"))
    return {
        "specs": specs,
        "cc": cc.id,
        "hat1": hat1.id,
        "hat1b": hat1b.id,
        "so": so.id,
        "campaign": campaign.id,
        "p_in": p_in,
    }


IN_CCKL = {"CCKL", "HAT1", "HAT1B", "HAT2", "X", "HATM"}


def _count(specs, **want) -> int:
    out = 0
    for sp in specs:
        if "units" in want and sp["unit"] not in want["units"]:
            continue
        if "title" in want and sp["title"] != want["title"]:
            continue
        if "kind" in want and sp["kind"] != want["kind"]:
            continue
        if "type" in want and sp["type"] != want["type"]:
            continue
        if "years" in want and not want["years"][0] <= sp["year"] <= want["years"][1]:
            continue
        out += 1
    return out


def test_no_filter_finds_every_record(database, data) -> None:
    with database.session_factory() as s:
        rows = search_awards(s, AwardSearch())
    assert len(rows) == len(data["specs"])


def test_a_unit_with_its_sub_units_through_rename_and_merger(database, data) -> None:
    specs = data["specs"]
    with database.session_factory() as s:
        rows = search_awards(
            s, AwardSearch(title="BK_TINH", year_from=2021, year_to=2024, unit_id=data["cc"])
        )
        scope = unit_scope(s, data["cc"])
    assert len(rows) == _count(specs, units=IN_CCKL, title="BK_TINH", years=(2021, 2024))
    assert len(rows) > 0
    assert data["hat1"] in scope and data["hat1b"] in scope
    assert {r.subject_name for r in rows} >= {"Hạt Kiểm lâm số 1", "Trạm X", "Trần Thị Kiểm Lâm 01"}
    assert "Văn phòng Sở" not in {r.subject_name for r in rows}


def test_a_renamed_unit_finds_its_old_name_history(database, data) -> None:
    specs = data["specs"]
    with database.session_factory() as s:
        new_rows = search_awards(s, AwardSearch(unit_id=data["hat1b"]))
        old_rows = search_awards(s, AwardSearch(unit_id=data["hat1"]))
    assert len(new_rows) == _count(specs, units={"HAT1", "HAT1B"})
    assert len(old_rows) == _count(specs, units={"HAT1"})  # the old row does not see later names
    assert {r.year for r in new_rows if r.unit_name == "Hạt Kiểm lâm số 1"} == {2020, 2021, 2022}


def test_subject_type_and_decision_filters(database, data) -> None:
    specs = data["specs"]
    with database.session_factory() as s:
        people = search_awards(s, AwardSearch(subject_kind="CA_NHAN"))
        sudden = search_awards(s, AwardSearch(award_type="DOT_XUAT", year_from=2022, year_to=2022))
        by_authority = search_awards(s, AwardSearch(decision="uy ban nhan dan"))
        by_ubnd = search_awards(s, AwardSearch(decision="UBND tỉnh"))
        one = search_awards(s, AwardSearch(decision="105/QĐ"))
    assert len(people) == _count(specs, kind="CA_NHAN")
    assert len(sudden) == _count(specs, type="DOT_XUAT", years=(2022, 2022))
    assert by_authority == []
    assert len(by_ubnd) == sum(1 for sp in specs if sp["authority"] == "UBND tỉnh")
    assert [r.decision_number for r in one] == ["105/QĐ-SNNMT"]


def test_campaign_filter(database, data) -> None:
    with database.session_factory() as s:
        rows = search_awards(s, AwardSearch(campaign_id=data["campaign"]))
    assert [(r.person_id, r.title_code, r.year) for r in rows] == [(data["p_in"], "CSTDCS", 2024)]


def test_years_in_wrong_order_are_refused(database, data) -> None:
    with database.session_factory() as s, pytest.raises(ValidationError):
        search_awards(s, AwardSearch(year_from=2024, year_to=2020))
