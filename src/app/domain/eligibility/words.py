"""The Vietnamese names the explanations use instead of codes (issue 12, point 7).

Grades ("Hoàn thành xuất sắc nhiệm vụ"), penalties ("Cảnh cáo") and awards come from the code
tables and the catalogue (``codes.json``, ``catalogue.json``): the service layer builds a
:class:`Words` with :func:`words_from` and the rule sets carry it. Without one (a bare rule
set) a code stands for itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from app.domain.catalogue import Catalogue, CodeTables

_EMPTY: Mapping[str, str] = MappingProxyType({})


@dataclass(frozen=True)
class Words:
    grades: Mapping[str, str] = field(default_factory=lambda: _EMPTY)
    penalties: Mapping[str, str] = field(default_factory=lambda: _EMPTY)
    # severity -> name of the lightest penalty kind of that severity ("từ Cảnh cáo trở lên")
    severities: Mapping[int, str] = field(default_factory=lambda: MappingProxyType({}))
    awards: Mapping[str, str] = field(default_factory=lambda: _EMPTY)

    def grade(self, code: str | None) -> str:
        return self.grades.get(code or "", code or "")

    def penalty(self, code: str) -> str:
        return self.penalties.get(code, code)

    def severity(self, level: int) -> str:
        """The name of penalty level ``level``, else the next heavier one that has a name."""
        for lvl in sorted(k for k in self.severities if k >= level):
            return self.severities[lvl]
        return f"mức {level}"

    def award(self, code: str) -> str:
        return self.awards.get(code, code)


NO_WORDS = Words()


def words_from(codes: CodeTables, catalogue: Catalogue | None = None) -> Words:
    """Names from the code tables (grades, discipline kinds) and the catalogue (awards, by
    their short names: "CSTĐ tỉnh", "KNC TN&MT")."""
    grades = {e.code: e.name for e in codes.tables.get("grades", ())}
    penalties: dict[str, str] = {}
    severities: dict[int, str] = {}
    for e in codes.tables.get("discipline_kinds", ()):
        penalties[e.code] = e.name
        level = int(e.extra.get("severity", 0) or 0)
        if level > 0 and not e.extra.get("is_hold", False):
            severities.setdefault(level, e.name)
    awards = {item.code: item.short for item in catalogue.items} if catalogue else {}
    return Words(
        MappingProxyType(grades),
        MappingProxyType(penalties),
        MappingProxyType(severities),
        MappingProxyType(awards),
    )
