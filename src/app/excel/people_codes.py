"""Matching the text of a cell with a code table: grades, discipline kinds, person
categories (full words, abbreviations, synonyms; no case, no diacritics).

Part of :mod:`app.excel.people_import`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from app.domain.catalogue import CodeEntry, CodeTables
from app.domain.vntext import fold_key

__all__ = [
    "category_code_keys",
    "discipline_code_keys",
    "grade_code_keys",
    "match_code",
    "match_discipline_kind",
    "match_grade",
]


@dataclass(frozen=True)
class _Key:
    key: str
    compact: str
    words: int
    code: str


def _keys(entries: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[_Key, ...]:
    out: list[_Key] = []
    for code, texts in entries:
        for text in texts:
            key = fold_key(text)
            if key:
                out.append(_Key(key, key.replace(" ", ""), len(key.split()), code))
    # Longest and most specific first: "khong hoan thanh nhiem vu" before "hoan thanh...".
    out.sort(key=lambda k: (-k.words, -len(k.key)))
    return tuple(out)


def _synonyms(entry: CodeEntry) -> tuple[str, ...]:
    raw = entry.extra.get("synonyms", ())
    syns = tuple(str(s) for s in raw) if isinstance(raw, list | tuple) else ()
    return (entry.code, entry.name, *syns)


def match_code(text: str, keys: tuple[_Key, ...], *, contains: bool) -> str | None:
    key = fold_key(text)
    if not key:
        return None
    compact = key.replace(" ", "")
    for k in keys:
        if k.key == key or k.compact == compact:
            return k.code
    for k in keys:
        if k.words >= 2 and key.startswith(k.key + " "):
            return k.code
    if contains:
        for k in keys:
            if k.words >= 2 and f" {k.key} " in f" {key} ":
                return k.code
    return None


def grade_code_keys(codes: CodeTables) -> tuple[_Key, ...]:
    return _keys(tuple((e.code, _synonyms(e)) for e in codes.table("grades")))


def match_grade(text: str, codes: CodeTables) -> str | None:
    """Grade code from full words or abbreviations ("HTXSNV", "Hoàn thành tốt nhiệm vụ",
    "HTXS", "Không hoàn thành nhiệm vụ" -> KHTNV), or ``None``.

    Exact matches (ignoring case, diacritics, spaces and punctuation) first; then the longest
    known wording that starts the text ("Hoàn thành xuất sắc nhiệm vụ (Đảng viên)").
    """
    return match_code(text, grade_code_keys(codes), contains=False)


# Wordings seen in practice, added to the names of the code table (only for codes it has).
_DISCIPLINE_ALIASES: Final[Mapping[str, tuple[str, ...]]] = {
    "HA_BAC_LUONG": ("Hạ một bậc lương", "Hạ bậc"),
    "BUOC_THOI_VIEC": ("Thôi việc",),
    "XEM_XET_KY_LUAT": (
        "Xem xét kỷ luật",
        "Đang xem xét xử lý kỷ luật",
        "Xem xét xử lý kỷ luật",
        "Đang bị xem xét kỷ luật",
    ),
    "DIEU_TRA": ("Đang bị điều tra", "Điều tra", "Đang bị thanh tra", "Đang bị kiểm tra"),
    "KHIEU_NAI_TO_CAO": ("Khiếu nại", "Tố cáo", "Khiếu nại, tố cáo"),
}


def match_discipline_kind(text: str, codes: CodeTables) -> str | None:
    """Discipline kind code from its name ("Cảnh cáo", "Kỷ luật khiển trách", "Đang xem xét
    kỷ luật"...), or ``None``. Longest wording first."""
    return match_code(text, discipline_code_keys(codes), contains=True)


def discipline_code_keys(codes: CodeTables) -> tuple[_Key, ...]:
    entries = tuple(
        (e.code, (*_synonyms(e), *_DISCIPLINE_ALIASES.get(e.code, ())))
        for e in codes.table("discipline_kinds")
    )
    return _keys(entries)


# Variant wording of the statistics forms (domain.md §10).
_CATEGORY_ALIASES: Final[Mapping[str, tuple[str, ...]]] = {
    "LD_PHO_PHONG": ("Các cấp lãnh đạo khác", "Lãnh đạo từ phó phòng trở lên"),
    "TRUC_TIEP": ("Người trực tiếp", "Trực tiếp"),
}


def category_code_keys(codes: CodeTables) -> tuple[_Key, ...]:
    entries = tuple(
        (e.code, (*_synonyms(e), *_CATEGORY_ALIASES.get(e.code, ())))
        for e in codes.tables.get("person_categories", ())
    )
    return _keys(entries)
