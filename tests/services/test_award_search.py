"""Search of awards across years (issue 26): each count is computed by the test from the records
it created, including the history of a renamed unit and of a unit merged into the subtree."""

from __future__ import annotations

import pytest

from app.domain.errors import ValidationError
from app.services.award_search import AwardSearch, search_awards, unit_scope
from award_search_data import IN_CCKL, IN_FORESTRY, give_sectors, make_data
from award_search_data import count_specs as _count


@pytest.fixture
def data(database):
    return make_data(database)


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


def test_a_field_finds_the_units_in_it_and_below(database, data) -> None:
    give_sectors(database)
    specs = data["specs"]
    with database.session_factory() as s:
        forestry = search_awards(s, AwardSearch(sector="lam nghiep"))  # no diacritics needed
        water = search_awards(s, AwardSearch(sector="Thủy lợi", title="BK_TINH"))
        both = search_awards(s, AwardSearch(sector="lâm", unit_id=data["cc"], year_from=2024))
        none = search_awards(s, AwardSearch(sector="Văn phòng"))
    assert len(forestry) == _count(specs, units=IN_FORESTRY) > 0
    assert {r.subject_name for r in forestry} >= {
        "Hạt Kiểm lâm liên huyện số 1",
        "Trần Thị Kiểm Lâm 01",
    }
    assert "Trạm X" not in {r.subject_name for r in forestry}  # its own field
    assert len(water) == _count(specs, units={"X"}, title="BK_TINH") > 0
    assert len(both) == _count(specs, units=IN_FORESTRY, years=(2024, 2024)) > 0
    assert none == []
