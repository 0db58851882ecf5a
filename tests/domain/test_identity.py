"""The identity rules (app.domain.identity): exact names, agreeing identifiers, suggestions."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.identity import (
    Directory,
    Outcome,
    PersonKey,
    RowIdentity,
    is_near_name,
    name_key,
    resolve,
)

HUNG = PersonKey(1, "Nguyễn Văn Hưng", date(1980, 3, 12), 1980, "CB01", "001080000001")
THANH = PersonKey(2, "Lê Thị Thanh", date(1985, 6, 1), 1985, "CB02", "001185000002")
HIEN = PersonKey(3, "Hoàng Khánh Hiền", date(1981, 5, 10), 1981, "CB03", None)
AN_1 = PersonKey(4, "Nguyễn Văn An", date(1980, 1, 5), 1980)
AN_2 = PersonKey(5, "Nguyễn Văn An", date(1980, 7, 9), 1980)
BINH = PersonKey(6, "Trần Thị Bình", None, 1985)


def directory(*people: PersonKey) -> Directory:
    return Directory.of(people or (HUNG, THANH, HIEN, AN_1, AN_2, BINH))


def test_name_key_keeps_diacritics_and_ignores_case_spaces_and_nfd() -> None:
    assert name_key("  NGUYỄN   văn hưng ") == name_key("Nguyễn Văn Hưng")
    nfd = "Nguye\u0302\u0303n Va\u0306n Hu\u031bng"
    assert name_key(nfd) == name_key("Nguyễn Văn Hưng")
    assert name_key("Nguyễn Văn Hùng") != name_key("Nguyễn Văn Hưng")


@pytest.mark.parametrize(
    ("a", "b", "near"),
    [
        ("Nguyễn Văn Hùng", "Nguyễn Văn Hưng", True),  # same letters, other marks
        ("Nguyen Van Hung", "Nguyễn Văn Hưng", True),  # typed without diacritics
        ("Nguyễn Văn Hungg", "Nguyễn Văn Hung", True),  # one letter apart
        ("Nguyễn Văn Hưng", "Nguyễn Văn Hưng", False),  # the same name is not "near"
        ("Nguyễn Văn Hưng", "Trần Thị Bình", False),
        ("Lê An", "Lê Anh", False),  # short names: one letter makes another name
    ],
)
def test_near_names(a: str, b: str, near: bool) -> None:
    assert is_near_name(a, b) is near


def test_exact_name_and_birth_match() -> None:
    res = resolve(RowIdentity("nguyễn văn hưng", date(1980, 3, 12)), directory())
    assert res.outcome is Outcome.MATCH and res.person == HUNG


def test_hung_is_not_hung_only_a_suggestion() -> None:
    res = resolve(RowIdentity("Nguyễn Văn Hùng", date(1980, 3, 12)), directory())
    assert res.outcome is Outcome.SUGGEST
    assert res.person == HUNG
    assert "có phải Nguyễn Văn Hưng (12/03/1980" in res.message


def test_near_name_with_another_birth_date_is_someone_new() -> None:
    res = resolve(RowIdentity("Nguyễn Văn Hùng", date(1990, 1, 1)), directory())
    assert res.outcome is Outcome.NEW and res.person is None


def test_a_staff_code_of_another_person_is_an_error_naming_both() -> None:
    # Hiền's name and birth date with Thanh's staff code.
    res = resolve(
        RowIdentity("Hoàng Khánh Hiền", date(1981, 5, 10), staff_code="cb02"), directory()
    )
    assert res.outcome is Outcome.ERROR
    assert "Lê Thị Thanh" in res.message and "Hoàng Khánh Hiền" in res.message
    assert {p.id for p in res.candidates} == {THANH.id, HIEN.id}


def test_a_staff_code_with_a_name_nobody_has_is_an_identity_change() -> None:
    res = resolve(RowIdentity("Phạm Văn Tới", date(1975, 2, 2), staff_code="CB02"), directory())
    assert res.outcome is Outcome.ERROR and res.person == THANH
    labels = [c[0] for c in res.identity_changes]
    assert labels == ["họ tên", "ngày sinh"]
    assert res.identity_changes[0][1:] == ("Lê Thị Thanh", "Phạm Văn Tới")


def test_staff_code_and_cccd_of_two_people() -> None:
    res = resolve(
        RowIdentity("Lê Thị Thanh", staff_code="CB02", citizen_id="001080000001"), directory()
    )
    assert res.outcome is Outcome.ERROR
    assert "Nguyễn Văn Hưng" in res.message and "Lê Thị Thanh" in res.message


def test_a_code_with_the_name_typed_without_diacritics_is_a_suggestion() -> None:
    res = resolve(RowIdentity("Nguyen Van Hung", staff_code="CB01"), directory())
    assert res.outcome is Outcome.SUGGEST and res.person == HUNG


def test_a_new_staff_code_for_a_stored_person_is_an_identity_change() -> None:
    res = resolve(RowIdentity("Nguyễn Văn Hưng", date(1980, 3, 12), staff_code="X9"), directory())
    assert res.outcome is Outcome.ERROR and res.person == HUNG
    assert res.identity_changes == (("mã cán bộ", "CB01", "X9"),)


def test_full_date_is_preferred_over_the_year() -> None:
    d = directory()
    assert resolve(RowIdentity("Nguyễn Văn An", date(1980, 7, 9)), d).person == AN_2
    assert resolve(RowIdentity("Nguyễn Văn An", date(1980, 3, 3)), d).outcome is Outcome.NEW
    # stored with the year only
    assert resolve(RowIdentity("Trần Thị Bình", date(1985, 2, 2)), d).person == BINH


def test_several_people_and_nothing_to_tell_them_apart() -> None:
    res = resolve(RowIdentity("Nguyễn Văn An", birth_year=1980), directory())
    assert res.outcome is Outcome.ERROR
    assert (
        "Có 2 người" in res.message and "05/01/1980" in res.message and "09/07/1980" in res.message
    )


def test_prefer_narrows_but_never_widens() -> None:
    d = directory()
    res = resolve(RowIdentity("Nguyễn Văn An"), d, prefer=lambda p: p.id == AN_1.id)
    assert res.person == AN_1
    res = resolve(RowIdentity("Nguyễn Văn Ăn"), d, prefer=lambda p: True)
    assert res.outcome is Outcome.SUGGEST  # a near name stays a suggestion


_names = st.sampled_from(
    ["Nguyễn Văn Hưng", "Nguyễn Văn Hùng", "Nguyễn Văn Húng", "Nguyen Van Hung", "Lê Thị Thanh"]
)


@given(stored=_names, typed=_names)
def test_a_match_is_always_the_exact_name(stored: str, typed: str) -> None:
    d = Directory.of([PersonKey(1, stored, date(1980, 1, 1))])
    res = resolve(RowIdentity(typed, date(1980, 1, 1)), d)
    if res.outcome is Outcome.MATCH:
        assert name_key(typed) == name_key(stored)
    else:
        assert name_key(typed) != name_key(stored)
