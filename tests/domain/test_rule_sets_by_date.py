"""Rule sets by date: the 2026 grading rules (Nghị định 335/2025), sets loaded from a file,
the Council's date choosing the criteria, and dossiers kept under the rules they were sent in."""

from __future__ import annotations

from datetime import date

import pytest
from test_eligibility_support import person, rule_sets, rules_data, words

from app.domain.eligibility import (
    DisciplineInfo,
    InitiativeInfo,
    RuleSetError,
    evaluate_person,
    parse_rule_sets,
)
from app.domain.eligibility.common import effective_grade, grade_citation

SETS = rule_sets()
R2026 = SETS.for_year(2026)
R2025 = SETS.for_year(2025)


def penalty(start: date, end: date | None = None, severity: int = 1) -> DisciplineInfo:
    kind = "KHIEN_TRACH" if severity == 1 else "CANH_CAO"
    return DisciplineInfo(kind, start, end, severity, False, name=words().penalty(kind))


# --- Nghị định 335/2025: công chức graded from 2026 -----------------------------------------


def test_2026_cites_decree_335_for_a_cong_chuc() -> None:
    h = person({2026: "HTXSNV"}, disciplines=[penalty(date(2026, 3, 1))], staff_kind="CC")
    v = evaluate_person(h, "LDTT", 2026, R2026)
    assert not v.eligible
    assert v.explanation.endswith("- Nghị định 335/2025/NĐ-CP")
    assert "bị kỷ luật Khiển trách nên xếp loại Không hoàn thành nhiệm vụ" in v.explanation


def test_a_penalty_imposed_the_year_before_no_longer_lowers_a_2026_grade() -> None:
    # imposed in 2025, still in force in 2026: under NĐ 90/2020 it made 2026 KHTNV; under
    # NĐ 335/2025 only a penalty imposed in the evaluation year does
    carried = penalty(date(2025, 11, 1), date(2026, 10, 31))
    cc = person({2026: "HTTNV"}, disciplines=[carried], staff_kind="CC")
    assert effective_grade(cc, 2026, R2026) == ("HTTNV", "")
    vc = person({2026: "HTTNV"}, disciplines=[carried], staff_kind="VC")
    assert effective_grade(vc, 2026, R2026)[0] == "KHTNV"
    assert grade_citation(vc, 2026, R2026) == "Nghị định 90/2020, Điều 2"


def test_vien_chuc_follow_cong_chuc_once_the_parameter_says_so() -> None:
    carried = penalty(date(2025, 11, 1), date(2026, 10, 31))
    vc = person({2026: "HTTNV"}, disciplines=[carried], staff_kind="VC")
    same = R2026.with_values(vien_chuc_grading="NHU_CONG_CHUC")
    assert effective_grade(vc, 2026, same) == ("HTTNV", "")
    assert grade_citation(vc, 2026, same) == "Nghị định 335/2025/NĐ-CP"


def test_2025_grades_stay_under_decree_90_when_a_2026_council_reviews() -> None:
    # the Council meets in January 2026 under the 2026 set; the 2025 grade was given in
    # December 2025 under NĐ 90/2020: a penalty begun in 2024 and running into 2025 counts
    carried = penalty(date(2024, 12, 1), date(2025, 5, 31))
    h = person({2025: "HTTNV"}, disciplines=[carried], staff_kind="CC")
    assert effective_grade(h, 2025, R2026)[0] == "KHTNV"
    assert grade_citation(h, 2025, R2026) == "Nghị định 90/2020, Điều 2"
    assert effective_grade(h, 2026, R2026) == (None, "")


def test_the_2026_set_caps_htxsnv_and_keeps_everything_else() -> None:
    assert R2026.param("htxsnv_cap_pct") == 20
    assert R2025.param("htxsnv_cap_pct") is None
    assert R2026.param("khtnv_penalty_imposed_in_year") is True
    assert R2025.param("khtnv_penalty_imposed_in_year") is False
    assert R2026.param("cstd_streak") == R2025.param("cstd_streak")
    assert R2026.criteria["CSTDCS"] == R2025.criteria["CSTDCS"]


# --- the Council's date and a set loaded from a file -----------------------------------------

AMENDMENT = {
    "code": "LUAT_SUA_DOI_2026",
    "name": "Luật sửa đổi Luật Thi đua, khen thưởng (thử)",
    "effective_from": "2026-10-01",
    "legal_bases": ["Luật sửa đổi, bổ sung Luật Thi đua, khen thưởng"],
    "citations": {"CSTDCS": "Luật sửa đổi Luật TĐKT, Điều 23"},
    "criteria": {
        "CSTDCS": {
            "citation": "CSTDCS",
            "all": [
                {"test": "grade_at_least", "grade_param": "ldtt_min_grade"},
                {"test": "grade_is", "grade": "HTXSNV"},
                {"test": "initiative", "scopes_param": "cstdcs_initiative_scopes"},
            ],
        }
    },
    "transition": {
        "received_before": "2026-10-01",
        "legal_basis": "Luật sửa đổi Luật TĐKT, điều khoản chuyển tiếp",
    },
}


def with_amendment():
    return parse_rule_sets(rules_data(), words(), [(AMENDMENT, "sua-doi.json")])


def test_a_file_set_ends_the_open_one_and_inherits_its_parameters() -> None:
    sets = with_amendment()
    assert [s.code for s in sets.sets][-2:] == ["ND152_2025_ND335", "LUAT_SUA_DOI_2026"]
    assert sets.by_code("ND152_2025_ND335").effective_to == date(2026, 9, 30)
    new = sets.on(date(2026, 10, 1))
    assert new.source == "sua-doi.json"
    # based on the set it follows: the NĐ 335/2025 values stay
    assert new.param("khtnv_penalty_imposed_in_year") is True
    assert new.cite("GRADE") == "Nghị định 335/2025/NĐ-CP"
    assert new.cite("CSTDCS") == "Luật sửa đổi Luật TĐKT, Điều 23"


def test_the_council_date_chooses_the_criteria() -> None:
    sets = with_amendment()
    h = person({2026: "HTTNV"}, initiatives=[InitiativeInfo(1, "PV_CO_SO", 2026)])
    before = sets.for_review(2026, date(2026, 9, 30))
    after = sets.for_review(2026, date(2026, 12, 15))
    assert evaluate_person(h, "CSTDCS", 2026, before).eligible
    v = evaluate_person(h, "CSTDCS", 2026, after)
    assert not v.eligible and v.explanation.endswith("Luật sửa đổi Luật TĐKT, Điều 23")
    # without a session, the year's selection day (31/12)
    assert sets.for_review(2026, None).code == "LUAT_SUA_DOI_2026"


def test_a_dossier_received_before_the_transition_date_keeps_the_old_set() -> None:
    sets = with_amendment()
    current = sets.for_review(2026, date(2026, 12, 15))
    assert sets.earlier_for(current, date(2026, 9, 20)).code == "ND152_2025_ND335"
    assert sets.earlier_for(current, date(2026, 10, 1)) is None
    assert sets.earlier_for(current, None) is None
    assert sets.earlier_for(sets.on(date(2026, 1, 5)), date(2025, 12, 1)) is None  # no clause


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        ({"code": "ND152_2025"}, "có hai lần"),
        ({"code": "sua doi"}, "mã chỉ gồm"),
        ({"effective_from": "2026-13-01"}, "ngày không hợp lệ"),
        ({"legal_bases": []}, "legal_bases"),
        ({"overrides": {"no_such": {"value": 1}}}, "không tồn tại"),
        ({"citations": {"CSTDCS": ""}}, "trích dẫn rỗng"),
        ({"criteria": {"CSTDCS": {"all": [{"test": "grade_is", "grade": "X"}]}}}, "xếp loại 'X'"),
        ({"based_on": "NO_SET"}, "based_on"),
        ({"transition": {"received_before": "2026-10-01"}}, "căn cứ"),
        ({"colour": "red"}, "trường không hợp lệ"),
        ({"effective_from": "2025-12-15", "effective_to": "2026-02-01"}, "chồng lấn"),
    ],
)
def test_a_bad_file_set_is_refused_naming_the_fault(change, fragment) -> None:
    raw = dict(AMENDMENT) | change
    with pytest.raises(RuleSetError, match=fragment):
        parse_rule_sets(rules_data(), words(), [(raw, "x.json")])
