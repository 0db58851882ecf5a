"""The administrative sign-up checks: a person who left, a title for another kind of subject,
an item kept for the past, a unit that ended. (What blocks a title is the engine's: see
test_registration_by_engine.py.)"""

from __future__ import annotations

from datetime import date

from app.domain.codes import SubjectKind
from app.domain.registration_checks import (
    PersonStatus,
    UnitStatus,
    check_person_registration,
    check_subject,
    check_unit_registration,
)
from app.services.reference import catalogue

Y = 2026


def item(code: str):
    return catalogue().get(code)


def codes_of(flags) -> list[str]:
    return [f.code for f in flags]


def test_someone_in_the_agency_signing_up_for_a_title_gets_no_flag() -> None:
    assert check_person_registration(item("LDTT"), PersonStatus()) == []
    assert check_unit_registration(item("TTLDTT"), Y, UnitStatus()) == []


def test_collective_title_for_a_person() -> None:
    flags = check_person_registration(item("TTLDTT"), PersonStatus())
    assert [f.message for f in flags] == [
        "'Tập thể lao động tiên tiến' là danh hiệu cho tập thể, không đăng ký cho cá nhân"
        " - Luật TĐKT 2022, Điều 19"
    ]


def test_individual_title_for_a_unit() -> None:
    flags = check_unit_registration(item("LDTT"), Y, UnitStatus())
    assert codes_of(flags) == ["SAI_DOI_TUONG"]
    assert "Luật TĐKT 2022, Điều 20" in flags[0].message
    assert check_subject(item("BK_TINH"), SubjectKind.TAP_THE) is None


def test_history_only_item() -> None:
    flags = check_person_registration(item("GK_HUYEN"), PersonStatus())
    assert codes_of(flags) == ["CHI_LICH_SU"]
    assert "chỉ còn trong dữ liệu lịch sử" in flags[0].message


def test_person_who_left() -> None:
    status = PersonStatus(active=False, left_date=date(2026, 1, 15), left_reason="Nghỉ hưu")
    flags = check_person_registration(item("LDTT"), status)
    assert codes_of(flags) == ["DA_NGHI"]
    assert flags[0].message.startswith("Cán bộ đã nghỉ từ 15/01/2026 (Nghỉ hưu)")


def test_unit_that_ended() -> None:
    flags = check_unit_registration(item("TTLDTT"), Y, UnitStatus(valid_to=date(2026, 6, 30)))
    assert codes_of(flags) == ["DON_VI_KET_THUC"]
    assert check_unit_registration(item("TTLDTT"), Y, UnitStatus(valid_to=date(2026, 12, 31))) == []


def test_several_flags_together() -> None:
    flags = check_person_registration(item("TTLDTT"), PersonStatus(active=False))
    assert codes_of(flags) == ["DA_NGHI", "SAI_DOI_TUONG"]
