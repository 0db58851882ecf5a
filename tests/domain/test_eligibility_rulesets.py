"""Rule sets: parsing, validation and selection by date."""

from __future__ import annotations

import copy
from datetime import date

import pytest
from test_eligibility_support import rule_sets, rules_data

from app.domain.eligibility import RuleSetError, parse_rule_sets
from app.domain.eligibility.rulesets import REQUIRED_CITATIONS, REQUIRED_PARAMETERS


def test_four_sets_with_dates() -> None:
    sets = rule_sets()
    assert [s.code for s in sets.sets] == [
        "ND98_2023",
        "ND152_2025",
        "ND152_2025_TT62",
        "ND152_2025_ND335",
    ]
    assert sets.sets[0].effective_to == date(2025, 6, 30)
    assert sets.sets[1].effective_from == date(2025, 7, 1)
    assert sets.sets[2].effective_from == date(2025, 10, 31)
    assert sets.sets[2].effective_to == date(2025, 12, 31)
    assert sets.sets[3].effective_from == date(2026, 1, 1)
    assert sets.sets[3].effective_to is None
    assert any("335/2025" in b for b in sets.sets[3].legal_bases)


def test_switch_on_01_07_2025() -> None:
    sets = rule_sets()
    assert sets.on(date(2025, 6, 30)).code == "ND98_2023"
    assert sets.on(date(2025, 7, 1)).code == "ND152_2025"
    assert sets.on(date(2025, 10, 30)).code == "ND152_2025"
    assert sets.on(date(2025, 10, 31)).code == "ND152_2025_TT62"
    # a parameter that differs: NĐ 98/2023 Điều 30 khoản 7 required a ballot for CSTĐCS and
    # CSTĐ tỉnh; NĐ 152/2025 leaves them to the province
    assert "CSTDCS" in sets.on(date(2025, 6, 30)).param("ballot_always_titles")
    assert "CSTDCS" not in sets.on(date(2025, 7, 1)).param("ballot_always_titles")
    assert "CSTD_TINH" in sets.on(date(2025, 6, 30)).param("ballot_always_titles")
    assert "CSTD_TINH" not in sets.on(date(2025, 7, 1)).param("ballot_always_titles")


def test_for_year_uses_year_end() -> None:
    sets = rule_sets()
    assert sets.for_year(2024).code == "ND98_2023"
    assert sets.for_year(2025).code == "ND152_2025_TT62"  # reviewed at 31/12/2025
    assert sets.for_year(2026).code == "ND152_2025_ND335"


def test_year_selection_is_a_parameter() -> None:
    data = rules_data()
    data["year_selection"] = {"month": 6, "day": 30}
    assert parse_rule_sets(data).for_year(2025).code == "ND98_2023"
    data["year_selection"] = {"month": 8, "day": 1}
    assert parse_rule_sets(data).for_year(2025).code == "ND152_2025"


def test_no_set_before_2024() -> None:
    with pytest.raises(RuleSetError, match="Không có bộ quy tắc"):
        rule_sets().for_year(2023)


def test_every_parameter_documented() -> None:
    for s in rule_sets().sets:
        assert REQUIRED_PARAMETERS <= s.parameters.keys()
        assert REQUIRED_CITATIONS <= s.citations.keys()
        for p in s.parameters.values():
            assert p.label and p.unit and p.legal_basis
            assert p.status in {"verified", "UNVERIFIED", "practice"}


def test_unverified_marked() -> None:
    s = rule_sets().for_year(2026)
    assert s.parameter("knc_years_male").unverified
    assert s.param("knc_years_male") == 20
    assert s.param("knc_years_female") == 15
    assert not s.parameter("cstd_streak").unverified
    assert s.parameter("cstd_streak").legal_basis == "Luật TĐKT 2022, Điều 22 khoản 1"


def test_override_keeps_other_fields() -> None:
    p = rule_sets().by_code("ND98_2023").parameter("ballot.CSTDCS.threshold_pct")
    assert p.value == 80 and p.status == "verified"
    assert p.legal_basis == "Nghị định 98/2023, Điều 30 khoản 7"
    assert p.label.startswith("CSTĐ cơ sở: tỷ lệ")
    assert rule_sets().by_code("ND152_2025").parameter("ballot.CSTDCS.threshold_pct").unverified


def test_missing_parameter_is_clear_error() -> None:
    data = rules_data()
    del data["parameters"]["cstd_streak"]
    with pytest.raises(RuleSetError, match="Thiếu tham số: cstd_streak"):
        parse_rule_sets(data)


def test_parameter_missing_field() -> None:
    data = rules_data()
    del data["parameters"]["cstd_streak"]["legal_basis"]
    with pytest.raises(RuleSetError, match="'cstd_streak' thiếu trường legal_basis"):
        parse_rule_sets(data)


def test_bad_status() -> None:
    data = rules_data()
    data["parameters"]["cstd_streak"]["status"] = "maybe"
    with pytest.raises(RuleSetError, match="status"):
        parse_rule_sets(data)


def test_unknown_override() -> None:
    data = rules_data()
    data["rule_sets"][0]["overrides"]["nope"] = {"value": 1}
    with pytest.raises(RuleSetError, match="nope"):
        parse_rule_sets(data)


def test_overlap_and_dates() -> None:
    data = rules_data()
    data["rule_sets"][0]["effective_to"] = "2025-07-01"
    with pytest.raises(RuleSetError, match="chồng lấn"):
        parse_rule_sets(data)
    data = rules_data()
    data["rule_sets"][0]["effective_from"] = "01/01/2024"
    with pytest.raises(RuleSetError, match="ngày không hợp lệ"):
        parse_rule_sets(data)


def test_missing_section_and_citation() -> None:
    data = rules_data()
    del data["citations"]
    with pytest.raises(RuleSetError, match="citations"):
        parse_rule_sets(data)
    data = rules_data()
    del data["citations"]["CSTD"]
    with pytest.raises(RuleSetError, match="trích dẫn CSTD"):
        parse_rule_sets(data)


def test_param_unknown_key_and_with_values() -> None:
    s = rule_sets().for_year(2025)
    with pytest.raises(KeyError):
        s.param("nope")
    t = s.with_values(cstd_streak=4)
    assert t.param("cstd_streak") == 4 and s.param("cstd_streak") == 3
    assert t.parameter("cstd_streak").status == "verified"


def test_parse_does_not_mutate_input() -> None:
    data = rules_data()
    before = copy.deepcopy(data)
    parse_rule_sets(data)
    assert data == before
