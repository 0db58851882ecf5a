"""Checks of a rule set against the codes in use, before a clerk's rule-set file is used.

:func:`parse_rule_sets` checks the shape, the dates, the parameters named and the criteria;
:func:`check_rule_set` adds what needs the catalogue and the code tables: every code a
parameter or a criterion names exists (titles and forms, grades, scopes of initiatives, award
types, categories of collectives), every value has the type of the shipped one, and every
parameter changed by the set says on what legal basis.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from app.domain.eligibility.criteria import criteria_codes
from app.domain.eligibility.rulesets import Parameter, RuleSet

__all__ = ["KnownCodes", "check_rule_set"]

ORGANISERS = frozenset({"UBND_TINH", "BO", "SO"})
VC_GRADING = frozenset({"ND90_2020", "NHU_CONG_CHUC"})
THRESHOLD_BASES = frozenset({"TOTAL_MEMBERS", "PRESENT"})


@dataclass(frozen=True)
class KnownCodes:
    """The codes in use: the catalogue's and those of the code tables."""

    awards: frozenset[str]
    grades: frozenset[str]
    scopes: frozenset[str]
    award_types: frozenset[str]
    collective_categories: frozenset[str]


# which code table the value of a parameter is taken from
_GRADE = "grades"
_SCOPES = "scopes"
_AWARDS = "awards"
_CODE_PARAMS: Mapping[str, str] = {
    "merit_award_types": "award_types",
    "ldtt_min_grade": _GRADE,
    "cstdcs_alt_grade": _GRADE,
    "bk_ttg_min_grade": _GRADE,
    "ttldtt_min_grade": _GRADE,
    "ttldxs_min_grade": _GRADE,
    "ttldxs_member_min_grade": _GRADE,
    "co_min_grade": _GRADE,
    "cstdcs_initiative_scopes": _SCOPES,
    "cstd_tinh_scopes": _SCOPES,
    "cstd_bo_scopes": _SCOPES,
    "cstdtq_scopes": _SCOPES,
    "bk_initiative_scopes": _SCOPES,
    "bk_ttg_prior_awards": _AWARDS,
    "knc_predecessor_medals": _AWARDS,
    "ballot_always_titles": _AWARDS,
    "vien_chuc_unit_categories": "collective_categories",
}
_CHOICES: Mapping[str, frozenset[str]] = {
    "co_tinh_cluster_organiser": ORGANISERS,
    "co_bo_cluster_organiser": ORGANISERS,
    "vien_chuc_grading": VC_GRADING,
}


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "table"
    return "none" if value is None else "other"


_KIND_WORDS = {
    "bool": "có/không",
    "number": "số",
    "text": "chữ",
    "list": "danh sách",
    "table": "bảng",
    "none": "để trống",
}


def _codes_of(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)] + [
            repr(v) for v in value if not isinstance(v, str)
        ]
    return [repr(value)]


def _check_value(
    key: str, param: Parameter, shipped: Parameter, known: KnownCodes, out: list[str]
) -> None:
    value, kind, want = param.value, _kind(param.value), _kind(shipped.value)
    optional = shipped.value is None or key.endswith(".threshold_pct")
    if kind != want and not (optional and kind in ("none", "number")):
        out.append(
            f"tham số '{key}': cần giá trị kiểu {_KIND_WORDS.get(want, want)}, "
            f"có {_KIND_WORDS.get(kind, kind)} ({value!r})"
        )
        return
    if kind == "number" and value < 0:
        out.append(f"tham số '{key}': không được âm ({value})")
    table = _CODE_PARAMS.get(key)
    if table is not None:
        allowed: Collection[str] = getattr(known, table)
        bad = [c for c in _codes_of(value) if c not in allowed]
        if bad:
            out.append(f"tham số '{key}': mã không có trong danh mục {', '.join(bad)}")
    if key in _CHOICES and value not in _CHOICES[key]:
        out.append(
            f"tham số '{key}': '{value}' không hợp lệ (chọn {', '.join(sorted(_CHOICES[key]))})"
        )
    if key.startswith("ballot.") and key.count(".") == 2:
        code = key.split(".")[1]
        if code not in known.awards:
            out.append(f"tham số '{key}': mã '{code}' không có trong danh mục")
        if key.endswith(".threshold_basis") and value not in THRESHOLD_BASES:
            out.append(f"tham số '{key}': '{value}' không hợp lệ")
    if key == "achievement_consumption":
        _check_consumption(value, known, out)
    if kind == "list" and key.endswith("_manual"):
        for item in value:
            if not (
                isinstance(item, Mapping)
                and str(item.get("key") or "").strip()
                and str(item.get("text") or "").strip()
            ):
                out.append(f"tham số '{key}': mỗi tiêu chí cần 'key' và 'text'")
                break


def _check_consumption(value: Any, known: KnownCodes, out: list[str]) -> None:
    years = value.get("years") if isinstance(value, Mapping) else None
    initiatives = value.get("initiatives") if isinstance(value, Mapping) else None
    if not isinstance(years, Mapping) or not isinstance(initiatives, list):
        out.append("tham số 'achievement_consumption': cần 'years' (bảng) và 'initiatives'")
        return
    named = list(initiatives)
    for basis, codes in years.items():
        if basis not in ("CSTDCS", "HTXSNV", "CSTD"):
            out.append(f"tham số 'achievement_consumption': loại năm '{basis}' không có")
        named += list(codes) if isinstance(codes, list) else [repr(codes)]
    bad = sorted({str(c) for c in named if c not in known.awards})
    if bad:
        out.append(
            f"tham số 'achievement_consumption': mã không có trong danh mục {', '.join(bad)}"
        )


def check_rule_set(
    rule_set: RuleSet,
    shipped: Mapping[str, Parameter],
    known: KnownCodes,
    own_overrides: Mapping[str, Any] | None = None,
) -> list[str]:
    """Problems of ``rule_set`` (Vietnamese, one per fault) against the shipped parameters
    and the codes in use; ``own_overrides``: the parameters the set itself changes (as in
    its file), each of which must say on what legal basis."""
    out: list[str] = []
    for key, param in rule_set.parameters.items():
        base = shipped.get(key)
        if base is None:
            out.append(f"tham số '{key}' không có trong dữ liệu quy tắc")
            continue
        _check_value(key, param, base, known, out)
    for key, over in (own_overrides or {}).items():
        if isinstance(over, Mapping) and "value" in over:
            if not str(over.get("legal_basis") or "").strip():
                out.append(f"tham số '{key}': giá trị mới cần căn cứ pháp lý (legal_basis)")
    bad = sorted(code for code in criteria_codes(rule_set) if code not in known.awards)
    if bad:
        out.append(f"tiêu chí: mã không có trong danh mục {', '.join(bad)}")
    for title, node in rule_set.criteria.items():
        for grade in _values_named(node, "grade"):
            if grade not in known.grades:
                out.append(f"tiêu chí {title}: xếp loại '{grade}' không có")
    return out


def _values_named(node: Any, name: str) -> list[Any]:
    if not isinstance(node, Mapping):
        return []
    found = [node[name]] if name in node else []
    for kind in ("all", "any"):
        for child in node.get(kind) or ():
            found += _values_named(child, name)
    return found
