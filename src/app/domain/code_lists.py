"""Lists of the province's tender a clerk edits besides the catalogue: the award types
(loại hình khen thưởng) and the emulation forms (hình thức tổ chức phong trào thi đua).

The shipped entries carry meaning the program relies on (a merit award counts in a streak, a
regular campaign is the year's sign-up round), so their codes stay: a clerk renames them, adds
the Sở's own entries (a local entry behaves as the shipped one it is ``like``), and retires
entries no longer used for new records (old records keep them). :class:`ListEdits` is what is
stored; :func:`apply_edits` gives the list in use."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from app.domain.vntext import clean, fold

__all__ = [
    "EDITABLE_LISTS",
    "ListEdits",
    "ListEntry",
    "apply_edits",
    "local_code",
    "validate_name",
]

MAX_NAME = 200
LOCAL_PREFIX = "RIENG_"

# list key -> its name on the screen
EDITABLE_LISTS: Mapping[str, str] = {
    "award_types": "Loại hình khen thưởng",
    "campaign_kinds": "Hình thức tổ chức phong trào thi đua",
}


@dataclass(frozen=True)
class ListEntry:
    code: str
    name: str
    shipped_name: str = ""  # "" for a local entry
    like: str = ""  # a local entry: the shipped code it behaves as
    retired: bool = False

    @property
    def local(self) -> bool:
        return not self.shipped_name

    @property
    def renamed(self) -> bool:
        return bool(self.shipped_name) and self.name != self.shipped_name


@dataclass(frozen=True)
class ListEdits:
    """What the clerk changed in one list (stored as a setting)."""

    names: Mapping[str, str] = field(default_factory=dict)
    local: tuple[tuple[str, str, str], ...] = ()  # (code, name, like)
    retired: frozenset[str] = frozenset()

    def as_json(self) -> dict[str, Any]:
        return {
            "names": dict(self.names),
            "local": [list(entry) for entry in self.local],
            "retired": sorted(self.retired),
        }

    @classmethod
    def from_json(cls, data: Any) -> ListEdits:
        if not isinstance(data, dict):
            return cls()
        names = {str(k): str(v) for k, v in dict(data.get("names") or {}).items()}
        local = tuple(
            (str(e[0]), str(e[1]), str(e[2]) if len(e) > 2 else "")
            for e in data.get("local") or ()
            if isinstance(e, list | tuple) and len(e) >= 2
        )
        return cls(names, local, frozenset(str(c) for c in data.get("retired") or ()))


def apply_edits(shipped: Iterable[tuple[str, str]], edits: ListEdits) -> list[ListEntry]:
    """The list in use: the shipped entries (renamed, retired) then the local ones."""
    out = [
        ListEntry(code, edits.names.get(code, name), name, "", code in edits.retired)
        for code, name in shipped
    ]
    out += [
        ListEntry(code, name, "", like, code in edits.retired) for code, name, like in edits.local
    ]
    return out


def validate_name(name: str, entries: Iterable[ListEntry], code: str | None = None) -> list[str]:
    """Problems with a name given to entry ``code`` (None: a new entry)."""
    text = clean(name)
    if not text:
        return ["Chưa nhập tên"]
    if len(text) > MAX_NAME:
        return [f"Tên dài quá {MAX_NAME} ký tự"]
    same = [e for e in entries if e.code != code and fold(e.name) == fold(text)]
    if same:
        return [f"Đã có '{same[0].name}' trong danh sách"]
    return []


def local_code(taken: Iterable[str]) -> str:
    """The next free code of a local entry: RIENG_1, RIENG_2…"""
    used = set(taken)
    n = 1
    while f"{LOCAL_PREFIX}{n}" in used:
        n += 1
    return f"{LOCAL_PREFIX}{n}"
