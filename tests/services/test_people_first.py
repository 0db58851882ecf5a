"""The first screenful of the staff directory (``list_people_first``): the first rows of the
whole list in its standard order, read from the first units only."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from app.db.models import Assignment, Person
from app.domain.people import PersonInput
from app.domain.units import UnitInput
from app.services import people as svc
from app.services import units as unit_svc


@pytest.fixture
def department(database) -> None:  # type: ignore[no-untyped-def]
    """Units in tree order SO, VP, KL, HAT, TT; people spread over them (some with an earlier
    post in another unit), someone who left, someone without a post."""
    with database.session_factory.begin() as s:

        def unit(code: str, name: str, parent: int | None, kind: str) -> int:
            data = UnitInput(code=code, full_name=name, parent_id=parent, kind=kind)
            return unit_svc.create_unit(s, data).id

        root = unit("SO", "Sở Nông nghiệp và Môi trường", None, "CO_QUAN")
        vp = unit("VP", "Văn phòng Sở", root, "VAN_PHONG")
        kl = unit("KL", "Chi cục Kiểm lâm", root, "CHI_CUC")
        hat = unit("HAT", "Hạt Kiểm lâm số 1", kl, "HAT")
        tt = unit("TT", "Trung tâm Khuyến nông", root, "TRUNG_TAM")
        names = ["An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Khánh", "Lan", "Minh", "Nga"]
        posts = [root, vp, vp, kl, hat, hat, hat, tt, tt, vp]
        for i, (ten, post) in enumerate(zip(names, posts, strict=True)):
            svc.create_person(
                s,
                PersonInput(ho_dem="Nguyễn Văn" if i % 2 else "Trần Thị", ten=ten),
                unit_id=post,
                position_title="Trưởng phòng" if i % 3 == 0 else "Chuyên viên",
                start_date=date(2020, 1, 1),
            )
        people = {p.ten: p for p in s.query(Person)}
        # Minh worked in the office before the centre; Giang went the other way
        s.add(Assignment(person_id=people["Minh"].id, unit_id=vp, position_title="Chuyên viên",
                         position_rank=100, start_date=date(2015, 1, 1), end_date=date(2019, 12, 31)))  # fmt: skip
        s.add(Assignment(person_id=people["Giang"].id, unit_id=vp, position_title="Chuyên viên",
                         position_rank=100, start_date=date(2015, 1, 1), end_date=date(2019, 12, 31)))  # fmt: skip
        people["Nga"].active = False
        s.add(Person(ho_dem="Lê Văn", ten="Tư", full_name="Lê Văn Tư", name_key="le van tu"))


@pytest.mark.parametrize("count", [1, 2, 3, 4, 6, 9, 10, 11, 50])
def test_the_first_rows_are_those_of_the_whole_list(database, department, count) -> None:  # type: ignore[no-untyped-def]
    with database.session_factory() as s:
        whole = svc.list_people(s)
        first, everybody = svc.list_people_first(s, count)
    assert len(first) >= min(count, len(whole))
    if everybody:  # every unit read: the whole list, the person without a post last
        assert first == whole and first[-1].full_name == "Lê Văn Tư"
    else:
        assert len(first) < len(whole)
        assert first == [dataclasses.replace(row, name_order=0) for row in whole[: len(first)]]


def test_a_few_rows_come_from_the_first_units_only(database, department) -> None:  # type: ignore[no-untyped-def]
    with database.session_factory() as s:
        first, everybody = svc.list_people_first(s, 2)
    assert not everybody
    # the root unit (1 person) is not enough: the office (3) and the Chi cục (1) are read next
    assert [r.unit_name for r in first] == (
        ["Sở Nông nghiệp và Môi trường"] + ["Văn phòng Sở"] * 3 + ["Chi cục Kiểm lâm"]
    )
    assert "Minh" not in {r.ten for r in first}  # once in the office, now in the centre
