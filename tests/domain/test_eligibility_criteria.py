"""Criteria as data: titles composed with all / any in a rule set, checked before use."""

from __future__ import annotations

import copy
from datetime import date

import pytest
from test_eligibility_support import cstdcs, person, rule_sets, rules, rules_data, words

from app.domain.eligibility import (
    VERDICT_ELIGIBLE,
    VERDICT_NEEDS_REVIEW,
    VERDICT_NOT_ELIGIBLE,
    InitiativeInfo,
    RuleSetError,
    evaluate_person,
    parse_rule_sets,
)
from app.domain.eligibility.criteria import check_criteria, criteria_codes

Y = 2025
R = rules(Y)
CITE = "Luật TĐKT 2022, Điều 23"

# the draft amendment of Luật 06/2022 Điều 23 (domain.md §12.1): HTXSNV and an initiative
DRAFT_CSTDCS = {
    "citation": "Dự thảo Luật sửa đổi Luật TĐKT, Điều 23",
    "all": [
        {"test": "grade_at_least", "grade_param": "ldtt_min_grade", "label": "tiêu chuẩn LĐTT"},
        {"test": "grade_is", "grade": "HTXSNV"},
        {"test": "initiative", "scopes_param": "cstdcs_initiative_scopes", "window": 1},
    ],
}


def ini(id=1, scope="PV_CO_SO", year=Y, title=""):
    return InitiativeInfo(id, scope, year, title=title)


def cond(verdict, key):
    return next(c for c in verdict.conditions if c.key == key)


def test_the_shipped_cstdcs_is_an_or_in_the_data() -> None:
    node = R.criteria["CSTDCS"]
    route = node["all"][-1]
    assert route["key"] == "ROUTE" and [c["test"] for c in route["any"]] == [
        "grade_is",
        "initiative",
    ]
    assert node["citation"] == "CSTDCS"


@pytest.mark.parametrize(
    ("grade", "initiatives", "expected", "route"),
    [
        ("HTXSNV", [], VERDICT_ELIGIBLE, "Xếp loại năm 2025 là Hoàn thành xuất sắc nhiệm vụ"),
        (
            "HTTNV",
            [ini(title="A")],
            VERDICT_ELIGIBLE,
            "Có sáng kiến/đề tài phạm vi cơ sở trở lên: sáng kiến 'A'",
        ),
        (
            "HTTNV",
            [],
            VERDICT_NOT_ELIGIBLE,
            "Chưa đạt CSTĐCS: năm 2025 không hoàn thành xuất sắc nhiệm vụ và chưa có "
            "sáng kiến/đề tài phạm vi cơ sở trở lên được công nhận",
        ),
    ],
)
def test_either_or_route(grade, initiatives, expected, route) -> None:
    v = evaluate_person(person({Y: grade}, initiatives=initiatives), "CSTDCS", Y, R)
    assert v.verdict == expected
    assert cond(v, "ROUTE").text == route
    assert cond(v, "ROUTE").citation == CITE
    # the grade route is tried first: it does not use up the initiative (X6)
    if grade == "HTXSNV":
        assert v.initiatives == ()


def test_the_route_is_unknown_without_a_grade() -> None:
    v = evaluate_person(person({Y - 1: "HTTNV"}), "CSTDCS", Y, R)
    assert v.verdict == VERDICT_NEEDS_REVIEW
    assert cond(v, "ROUTE").met is None
    assert cond(v, "ROUTE").text.startswith("Chưa có xếp loại năm 2025")


@pytest.mark.parametrize(
    ("grade", "initiatives", "expected"),
    [
        ("HTXSNV", [ini()], VERDICT_ELIGIBLE),
        ("HTXSNV", [], VERDICT_NOT_ELIGIBLE),  # eligible under the law in force
        ("HTTNV", [ini()], VERDICT_NOT_ELIGIBLE),  # eligible under the law in force
    ],
)
def test_an_and_condition_needs_both(grade, initiatives, expected) -> None:
    draft = R.with_criteria(CSTDCS=DRAFT_CSTDCS)
    h = person({Y: grade}, initiatives=initiatives)
    assert evaluate_person(h, "CSTDCS", Y, draft).verdict == expected
    assert evaluate_person(h, "CSTDCS", Y, R).eligible


def test_an_and_condition_names_each_part_with_its_citation() -> None:
    draft = R.with_criteria(CSTDCS=DRAFT_CSTDCS)
    v = evaluate_person(person({Y: "HTTNV"}, initiatives=[ini(title="B")]), "CSTDCS", Y, draft)
    assert [c.key for c in v.conditions] == ["HOLD", "GRADE", "GRADE_IS", "INITIATIVE"]
    assert v.explanation == (
        "Năm 2025 không hoàn thành xuất sắc nhiệm vụ - Dự thảo Luật sửa đổi Luật TĐKT, Điều 23"
    )
    ok = evaluate_person(person({Y: "HTXSNV"}, initiatives=[ini(title="B")]), "CSTDCS", Y, draft)
    assert ok.eligible and ok.initiatives == (1,)


def test_parameters_reach_the_criteria() -> None:
    old = ini(year=Y - 1)
    h = person({Y: "HTTNV"}, initiatives=[old])
    assert not evaluate_person(h, "CSTDCS", Y, R).eligible
    assert evaluate_person(h, "CSTDCS", Y, R.with_values(cstdcs_initiative_window_years=2)).eligible


def test_nested_all_inside_any_and_a_title_rule() -> None:
    # Bằng khen: its rule in code, or (another route) HTXSNV and two initiatives
    node = {
        "citation": "BK_CA_NHAN",
        "any": [
            {"test": "title_rule", "title": "BK_TINH"},
            {
                "all": [
                    {"test": "grade_is", "grade": "HTXSNV"},
                    {"test": "initiative", "count": 2, "scopes": ["PV_CO_SO", "PV_TINH"]},
                ]
            },
        ],
    }
    custom = R.with_criteria(BK_TINH=node)
    two = [ini(1, title="A"), ini(2, title="B")]
    v = evaluate_person(person({Y: "HTXSNV"}, initiatives=two), "BK_TINH", Y, custom)
    assert v.eligible and set(v.initiatives) == {1, 2}
    assert not evaluate_person(
        person({Y: "HTXSNV"}, initiatives=two[:1]), "BK_TINH", Y, custom
    ).eligible
    streak = person({Y: "HTTNV", Y - 1: "HTTNV"}, awards=cstdcs(Y - 1, Y))
    assert evaluate_person(streak, "BK_TINH", Y, custom).eligible


def test_awards_test_counts_titles_held() -> None:
    node = {
        "citation": "CSTD",
        "all": [{"test": "awards", "codes": ["CSTDCS"], "count": 2, "consecutive": True}],
    }
    custom = R.with_criteria(CSTD_TINH=node)
    assert evaluate_person(
        person({Y: "HTTNV"}, awards=cstdcs(Y - 1, Y)), "CSTD_TINH", Y, custom
    ).eligible
    v = evaluate_person(person({Y: "HTTNV"}, awards=cstdcs(Y - 2, Y)), "CSTD_TINH", Y, custom)
    assert not v.eligible and "(có: 2025)" in v.explanation


def test_hold_always_comes_first() -> None:
    from app.domain.eligibility import DisciplineInfo

    hold = DisciplineInfo("DIEU_TRA", date(2025, 5, 1), None, 0, True, name="Đang bị điều tra")
    draft = R.with_criteria(CSTDCS=DRAFT_CSTDCS)
    v = evaluate_person(
        person({Y: "HTXSNV"}, initiatives=[ini()], disciplines=[hold]), "CSTDCS", Y, draft
    )
    assert v.conditions[0].key == "HOLD" and v.conditions[0].met is False


@pytest.mark.parametrize(
    ("node", "fragment"),
    [
        ({"all": [{"test": "grade_is", "grade": "HTXSNV"}]}, "thiếu trích dẫn"),
        ({"citation": "CSTDCS", "all": []}, "cần danh sách"),
        ({"citation": "CSTDCS", "all": [{"test": "magic"}]}, "điều kiện 'magic' không có"),
        ({"citation": "CSTDCS", "all": [{"test": "grade_is", "grade": "GIOI"}]}, "xếp loại 'GIOI'"),
        ({"citation": "CSTDCS", "all": [{"test": "grade_is"}]}, "cần 'grade'"),
        (
            {"citation": "CSTDCS", "all": [{"test": "grade_is", "grade_param": "no_such"}]},
            "tham số 'no_such'",
        ),
        (
            {"citation": "CSTDCS", "all": [{"test": "initiative", "scopes": ["PV_HUYEN"]}]},
            "phạm vi sáng kiến",
        ),
        ({"citation": "CSTDCS", "all": [{"test": "initiative", "count": 0}]}, "số nguyên dương"),
        ({"citation": "CSTDCS", "any": [{"test": "grade_is", "grade": "HTXSNV", "x": 1}]}, "'x'"),
        ({"citation": "CSTDCS", "all": [{"test": "title_rule", "title": "XYZ"}]}, "'XYZ'"),
        ({"citation": " ", "all": [{"test": "grade_is", "grade": "HTXSNV"}]}, "rỗng"),
    ],
)
def test_malformed_criteria_are_named(node, fragment) -> None:
    problems = check_criteria(R.with_criteria(CSTDCS=node))
    assert problems and any(fragment in p for p in problems), problems


def test_criteria_for_a_title_without_a_rule_are_refused() -> None:
    problems = check_criteria(R.with_criteria(NO_TITLE=DRAFT_CSTDCS))
    assert problems == ["tiêu chí NO_TITLE: không có quy tắc xét cho danh hiệu, hình thức này"]


def test_parsing_refuses_bad_criteria() -> None:
    data = rules_data()
    data["criteria"]["CSTDCS"] = {"all": [{"test": "grade_is", "grade": "HTXSNV"}]}
    with pytest.raises(RuleSetError, match="thiếu trích dẫn"):
        parse_rule_sets(data)


def test_a_set_may_replace_one_title_and_go_back_to_the_code_rule() -> None:
    data = rules_data()
    newest = data["rule_sets"][-1]
    newest["criteria"] = {"CSTDCS": DRAFT_CSTDCS, "LDTT": None}
    sets = parse_rule_sets(data, words())
    assert sets.sets[-1].criteria["CSTDCS"]["citation"].startswith("Dự thảo")
    assert sets.sets[-2].criteria["CSTDCS"] == rule_sets().sets[-2].criteria["CSTDCS"]


def test_criteria_codes_lists_the_catalogue_codes_named() -> None:
    node = copy.deepcopy(DRAFT_CSTDCS)
    node["all"].append({"test": "awards", "codes": ["BK_TINH", "ZZZ"]})
    assert criteria_codes(R.with_criteria(CSTDCS=node)) >= {"CSTDCS", "BK_TINH", "ZZZ"}
