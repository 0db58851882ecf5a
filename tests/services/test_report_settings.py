"""The settings of the statistics forms and the forms that use them: 0602 rows 2 and 3, the
households' column, 0604 and 0605 from the secretariat (issue 20)."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.errors import ConflictError, ValidationError
from app.domain.report_settings import (
    Secretariat,
    SecretariatMember,
    StatSettings,
    secretariat_problems,
)
from app.services import decision_reports as dr
from app.services import report_settings as svc
from decision_factory import add_decision, build_agency


def values(data: dr.StatFormData) -> dict[str, tuple[int, ...]]:
    return {r.code: r.values for r in data.rows if r.values is not None}


def test_settings_are_stored_and_checked(database) -> None:
    with database.session_factory() as s:
        assert svc.get_stat_settings(s) == StatSettings()
        assert svc.get_secretariat(s) == Secretariat()
        assert svc.stat_versions(s) == (0, 0)
    with database.session_factory.begin() as s:
        svc.save_stat_settings(s, StatSettings(" Sở  Nội vụ tỉnh ", "BO", "CA_NHAN"))
    with database.session_factory() as s:
        assert svc.get_stat_settings(s) == StatSettings("Sở Nội vụ tỉnh", "BO", "CA_NHAN")
        versions = svc.stat_versions(s)
    with pytest.raises(ValidationError, match="đơn vị nhận báo cáo"):
        with database.session_factory.begin() as s:
            svc.save_stat_settings(s, StatSettings(receiver=" "))
    with pytest.raises(ConflictError):  # saved by someone else since the dialog read it
        with database.session_factory.begin() as s:
            svc.save_report_settings(s, StatSettings(), Secretariat(), expected_versions=(0, 0))
    with database.session_factory.begin() as s:
        svc.save_report_settings(s, StatSettings(), Secretariat(), expected_versions=versions)
    bad = Secretariat({"02": 1}, (SecretariatMember("An", birth_year=2020, since_year=2019),))
    assert any("năm sinh" in p for p in secretariat_problems(bad))
    assert any(
        "trước tuổi 15" in p
        for p in secretariat_problems(
            Secretariat(members=(SecretariatMember("An", birth_year=1990, since_year=2000),))
        )
    )


@pytest.fixture
def state_awards(database):
    """Two State-level awards of 2026: a thematic one, a regular one; a household's award."""
    with database.session_factory.begin() as s:
        ag = build_agency(s)
        p = ag.people
        add_decision(
            s,
            number="10/QĐ-TTg",
            day=date(2026, 4, 10),
            code="BK_TTG",
            origin="RECORDED",
            authority="Thủ tướng Chính phủ",
            lines=[("CA_NHAN", p["lan"], "BK_TTG")],
            award_type="CHUYEN_DE",
        )
        add_decision(
            s,
            number="11/QĐ-TTg",
            day=date(2026, 5, 10),
            code="BK_TTG",
            origin="RECORDED",
            authority="Thủ tướng Chính phủ",
            lines=[("CA_NHAN", p["ha"], "BK_TTG"), ("HO_GIA_DINH", "Hộ ông Tư", "BK_TTG")],
        )
    return ag


@pytest.mark.parametrize(
    ("route", "row2", "row3"), [("TINH", 0, 3), ("BO", 3, 0), ("CHUYEN_DE_BO", 1, 2)]
)
def test_0602_rows_2_and_3_follow_the_route(database, state_awards, route, row2, row3) -> None:
    with database.session_factory.begin() as s:
        svc.save_stat_settings(s, StatSettings(state_route=route))
    with database.session_factory() as s:
        data = dr.stat_0602_data(s, 2026)
    v = values(data)
    assert (v["1"][0], v["2"][0], v["3"][0]) == (3, row2, row3)
    assert v["2"][0] + v["3"][0] == v["1"][0]
    assert dict((r.code, r.sums) for r in data.rows)["1"] == ("2", "3")


def test_households_count_in_the_column_the_setting_names(database, state_awards) -> None:
    with database.session_factory() as s:
        data = dr.stat_0602_data(s, 2026)
    headers = [(c.group, c.header) for c in data.columns]
    group = "Bằng khen của Thủ tướng Chính phủ"
    collective = headers.index((group, "Tập thể"))
    person = headers.index((group, "Cá nhân"))
    assert values(data)["1"][collective] == 1 and values(data)["1"][person] == 2
    with database.session_factory.begin() as s:
        svc.save_stat_settings(s, StatSettings(household_column="CA_NHAN"))
    with database.session_factory() as s:
        data = dr.stat_0602_data(s, 2026)
    assert values(data)["1"][collective] == 0 and values(data)["1"][person] == 3


def test_0604_and_0605_from_the_secretariat(database) -> None:
    members = (
        SecretariatMember("Lê Thị Hoa", True, 1978, "TREN_DAI_HOC", 2012),  # 48, 14 years
        SecretariatMember("Nguyễn Văn Bình", False, 1996, "DAI_HOC", 2023),  # 30, 3 years
        SecretariatMember("Trần Thu", True, 1990, "DAI_HOC", None),  # 36, year begun unknown
    )
    with database.session_factory.begin() as s:
        svc.save_secretariat(s, Secretariat({"03": 1, "05": 2}, members))
        svc.save_stat_settings(s, StatSettings(receiver="Sở Nội vụ tỉnh Tuyên Quang"))
    with database.session_factory() as s:
        d0604 = dr.stat_0604_data(s, 2026)
        d0605 = dr.stat_0605_data(s, 2026)
    assert d0604.form_number == "0604.N/BNV-TĐKT" and d0604.receiver == "Sở Nội vụ tỉnh Tuyên Quang"
    v = values(d0604)
    assert v == {"01": (3,), "02": (0,), "03": (1,), "04": (0,), "05": (2,)}
    assert d0604.rows[0].sums == ("02", "03", "04", "05") and not d0604.total_column
    v = values(d0605)
    assert v["01"] == (3, 2)
    assert v["02"] == (1, 0) and v["03"] == (1, 1) and v["04"] == (1, 1)  # ≤30, 31-40, 41-50
    assert v["11"] == (2, 1) and v["12"] == (1, 1)  # Đại học, Trên đại học
    assert v["13"] == (1, 0) and v["15"] == (1, 1) and v["14"] == (0, 0)
    assert any("Trần Thu" in w for w in d0605.warnings)
    assert [c.header for c in d0605.columns] == ["Tổng số", "Trong đó: Nữ"]
