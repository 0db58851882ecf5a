"""Collective identity: a unit is its name under its parent (app.domain.collectives)."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.collectives import (
    AMBIGUOUS,
    AMBIGUOUS_PARENT,
    FOUND,
    UNKNOWN,
    UNKNOWN_PARENT,
    UnitEntry,
    UnitIndex,
    household_key,
    unit_key,
)


def entry(uid: int, name: str, parent: int | None, **kw) -> UnitEntry:
    return UnitEntry(uid, name, parent, (name, kw.pop("short", None), f"U{uid}"), **kw)


@pytest.fixture
def tree() -> UnitIndex:
    return UnitIndex(
        [
            entry(1, "Sở Y tế", None),
            entry(2, "Phòng Kế hoạch - Tài chính", 1),
            entry(3, "Bệnh viện Đa khoa tỉnh", 1, short="BVĐK tỉnh"),
            entry(4, "Khoa Dược", 3),
            entry(5, "Bệnh viện Y học cổ truyền", 1),
            entry(6, "Khoa Dược", 5),
            entry(7, "Trung tâm Kiểm soát bệnh tật", 1),
            entry(8, "Khoa Xét nghiệm", 7),
            entry(9, "Tổ Hóa sinh", 8),
        ]
    )


def test_unit_key_is_tolerant_of_case_marks_dashes_spaces_and_numbering() -> None:
    assert unit_key("  Phòng Kế hoạch – Tài chính") == unit_key("phong ke hoach-tai chinh")
    assert unit_key("II. Khoa Dược") == unit_key("KHOA DUOC")


def test_same_name_under_two_parents_is_two_units(tree: UnitIndex) -> None:
    assert tree.find("Khoa Dược", "Bệnh viện Đa khoa tỉnh") == tree.find("khoa duoc", "BVĐK tỉnh")
    assert tree.find("Khoa Dược", "Bệnh viện Đa khoa tỉnh").unit_id == 4
    assert tree.find("Khoa Dược", "  Bệnh viện Y học cổ truyền").unit_id == 6


def test_a_name_without_parent_is_ambiguous_when_two_units_bear_it(tree: UnitIndex) -> None:
    match = tree.find("Khoa Dược")
    assert match.status == AMBIGUOUS and set(match.candidates) == {4, 6}
    assert tree.find("Khoa Xét nghiệm").unit_id == 8


def test_the_agency_room_is_not_another_parents_room(tree: UnitIndex) -> None:
    match = tree.find("Phòng Kế hoạch – Tài chính", "Bệnh viện Y học cổ truyền")
    assert match.status == UNKNOWN and match.parent_id == 5
    assert tree.find("Phòng Kế hoạch - Tài chính", "Sở Y tế").unit_id == 2


def test_a_unit_further_down_is_found_when_unique(tree: UnitIndex) -> None:
    assert tree.find("Tổ Hóa sinh", "Sở Y tế").unit_id == 9


def test_unknown_parent_and_repeated_own_name(tree: UnitIndex) -> None:
    assert tree.find("Khoa Dược", "Bệnh viện Nhi").status == UNKNOWN_PARENT
    assert tree.find("Khoa Xét nghiệm", "Khoa xét nghiệm").unit_id == 8
    assert tree.find("", "Sở Y tế").status == UNKNOWN


def test_a_parent_name_borne_by_two_units_is_reported() -> None:
    index = UnitIndex([entry(1, "Sở", None), entry(2, "Trạm A", 1), entry(3, "Trạm A", 1)])
    assert index.find("Tổ 1", "Trạm A").status == AMBIGUOUS_PARENT


def test_renamed_parent_and_year(tree: UnitIndex) -> None:
    index = UnitIndex(
        [
            entry(1, "Sở", None),
            entry(2, "Chi cục Thủy lợi", 1, valid_to=date(2025, 6, 30), successor_id=4),
            entry(3, "Trạm Bơm", 2, valid_to=date(2025, 6, 30), successor_id=5),
            entry(4, "Chi cục Thủy lợi và Đê điều", 1, valid_from=date(2025, 7, 1)),
            entry(5, "Trạm Bơm", 4, valid_from=date(2025, 7, 1)),
        ]
    )
    assert index.find("Trạm Bơm", "Chi cục Thủy lợi", 2023).unit_id == 3
    assert index.find("Trạm Bơm", "Chi cục Thủy lợi", 2026).unit_id == 5
    assert index.find("Trạm Bơm", "Chi cục Thủy lợi và Đê điều").unit_id == 5
    assert index.find("Trạm Bơm").status == FOUND  # one unit over time, not two


def test_household_key_is_exact_but_for_case_and_spaces() -> None:
    a = household_key("Gia đình ông Lê Văn Hải", "Thôn Đông", "Xã Hải Ninh")
    assert a == household_key("  gia đình ông  Lê Văn HẢI", "thôn đông", "xã hải ninh")
    assert a != household_key("Gia đình ông Lê Văn Hai", "Thôn Đông", "Xã Hải Ninh")
    assert a != household_key("Gia đình ông Lê Văn Hải", "Thôn Tây", "Xã Hải Ninh")
