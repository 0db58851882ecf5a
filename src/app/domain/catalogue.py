"""The catalogue of emulation titles and commendation forms, and the shared code tables.

Pure data classes built from the JSON files in ``resources/data``; nothing here reads files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import Any

from app.domain.codes import SubjectKind
from app.domain.vntext import fold_key


class CatalogueError(ValueError):
    """The catalogue or code data file is malformed."""


@dataclass(frozen=True)
class CatalogueItem:
    code: str
    name: str
    short: str
    kind: str  # DANH_HIEU (title) or HINH_THUC (form)
    subjects: tuple[SubjectKind, ...]
    level: str
    decided_by: str
    cycle: str
    coefficients: dict[SubjectKind, Decimal]
    rank: int
    legal_basis: str
    synonyms: tuple[str, ...] = ()
    history_only: bool = False
    once_in_lifetime: bool = False
    order: int = 0

    @property
    def is_title(self) -> bool:
        return self.kind == "DANH_HIEU"


@dataclass(frozen=True)
class Catalogue:
    items: tuple[CatalogueItem, ...]
    _by_code: dict[str, CatalogueItem] = field(default_factory=dict, repr=False)
    _by_key: dict[str, CatalogueItem] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for item in self.items:
            self._by_code[item.code] = item
            for text in (item.code, item.name, item.short, *item.synonyms):
                self._by_key.setdefault(fold_key(text), item)

    def get(self, code: str) -> CatalogueItem:
        try:
            return self._by_code[code]
        except KeyError:
            raise CatalogueError(
                f"Không có mã danh hiệu/hình thức '{code}' trong danh mục"
            ) from None

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def match(self, text: str) -> CatalogueItem | None:
        """Find an item by code, full name, short form or synonym, ignoring case and diacritics."""
        return self._by_key.get(fold_key(text))


_KINDS = {"DANH_HIEU", "HINH_THUC"}


def parse_catalogue(data: dict[str, Any]) -> Catalogue:
    """Build the catalogue from the parsed JSON of ``catalogue.json``."""
    raw_items = data.get("items")
    if not isinstance(raw_items, list) or not raw_items:
        raise CatalogueError("Tệp danh mục không có mục 'items'")
    items: list[CatalogueItem] = []
    seen: set[str] = set()
    for order, raw in enumerate(raw_items, start=1):
        try:
            code = str(raw["code"])
            if code in seen:
                raise CatalogueError(f"Mã '{code}' lặp lại trong danh mục")
            seen.add(code)
            kind = str(raw["kind"])
            if kind not in _KINDS:
                raise CatalogueError(f"Mã '{code}': loại '{kind}' không hợp lệ")
            subjects = tuple(SubjectKind(s) for s in raw["subjects"])
            coefficients = {SubjectKind(k): Decimal(str(v)) for k, v in raw["coefficients"].items()}
            items.append(
                CatalogueItem(
                    code=code,
                    name=str(raw["name"]),
                    short=str(raw.get("short") or raw["name"]),
                    kind=kind,
                    subjects=subjects,
                    level=str(raw["level"]),
                    decided_by=str(raw["decided_by"]),
                    cycle=str(raw["cycle"]),
                    coefficients=coefficients,
                    rank=int(raw["rank"]),
                    legal_basis=str(raw.get("legal_basis", "")),
                    synonyms=tuple(str(s) for s in raw.get("synonyms", [])),
                    history_only=bool(raw.get("history_only", False)),
                    once_in_lifetime=bool(raw.get("once_in_lifetime", False)),
                    order=order,
                )
            )
        except CatalogueError:
            raise
        except (KeyError, TypeError, ValueError, ArithmeticError) as exc:
            raise CatalogueError(f"Mục thứ {order} của danh mục không hợp lệ: {exc}") from exc
    return Catalogue(tuple(items))


@dataclass(frozen=True)
class CodeEntry:
    code: str
    name: str
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class CodeTables:
    """The shared code tables of ``codes.json`` (grades, discipline kinds, unit kinds...)."""

    tables: dict[str, tuple[CodeEntry, ...]]
    position_ranks: tuple[tuple[str, int, str], ...]
    default_position_rank: int

    def table(self, name: str) -> tuple[CodeEntry, ...]:
        return self.tables[name]

    def name_of(self, table: str, code: str | None) -> str:
        if code is None:
            return ""
        for entry in self.tables.get(table, ()):
            if entry.code == code:
                return entry.name
        return code

    @cached_property
    def _positions(self) -> dict[str, tuple[int, str]]:
        """Folded title -> (rank, category), built once (imports look titles up per row)."""
        out: dict[str, tuple[int, str]] = {}
        for pos_title, rank, category in self.position_ranks:
            out.setdefault(fold_key(pos_title), (rank, category))
        return out

    def position_rank(self, title: str) -> int:
        found = self._positions.get(fold_key(title))
        return found[0] if found else self.default_position_rank

    def position_category(self, title: str) -> str:
        found = self._positions.get(fold_key(title))
        return found[1] if found else "TRUC_TIEP"


def parse_codes(data: dict[str, Any]) -> CodeTables:
    tables: dict[str, tuple[CodeEntry, ...]] = {}
    for name, raw in data.items():
        if name.startswith("_") or not isinstance(raw, list) or name == "position_ranks":
            continue
        entries = []
        for row in raw:
            if not isinstance(row, dict) or "code" not in row or "name" not in row:
                raise CatalogueError(f"Bảng mã '{name}' có dòng không hợp lệ: {row!r}")
            extra = {k: v for k, v in row.items() if k not in ("code", "name")}
            entries.append(CodeEntry(str(row["code"]), str(row["name"]), extra))
        tables[name] = tuple(entries)
    ranks = tuple(
        (str(r["title"]), int(r["rank"]), str(r.get("category", "TRUC_TIEP")))
        for r in data.get("position_ranks", [])
    )
    return CodeTables(tables, ranks, int(data.get("default_position_rank", 100)))
