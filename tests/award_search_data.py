"""Award records across years for the search tests (issue 26): a Chi cục with its hạt, one
renamed, one merged with a unit from outside, and a unit outside; ``specs`` lists what was
created so that each test computes its own expected counts."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from itertools import product

from app.db.models import AwardRecord, Campaign, Registration
from app.domain.people import PersonInput
from app.domain.units import UnitInput
from app.services import people as people_svc
from app.services import units as unit_svc

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


def make_data(database):
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


def count_specs(specs, **want) -> int:
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


#: The fields given to units by :func:`give_sectors`: the Chi cục's hạt (the renamed and the
#: merged one included) take its field; Trạm X has its own; the others have none.
SECTORS = {"CCKL": "Lâm nghiệp", "X": "Thủy lợi"}
IN_FORESTRY = IN_CCKL - {"X"}


def give_sectors(database) -> None:
    with database.session_factory.begin() as s:
        for unit in unit_svc.list_units(s):
            if unit.code in SECTORS:
                unit_svc.update_unit(
                    s,
                    unit.id,
                    replace(unit.as_input(), sector=SECTORS[unit.code]),
                    expected_version=unit.version,
                )
