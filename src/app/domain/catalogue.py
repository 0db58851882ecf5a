"""The catalogue of emulation titles and commendation forms, and the shared code tables.

Pure data classes built from the JSON files in ``resources/data`` (the shipped catalogue
seeds the database, whose table is the catalogue at run time); nothing here reads files.

Coefficients carry the date they take effect, like the base salary: a decision is priced by
the coefficients in force on its date (:meth:`CatalogueItem.coefficients_on`). The shipped
file lists the periods (``coefficient_periods``: Nghị định 98/2023 from 01/01/2024, Nghị định
152/2025 from 01/7/2025) with their legal basis and status; an item's ``coefficients`` hold
in every period unless its ``coefficient_steps`` give a period its own values.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cached_property
from typing import Any

from app.domain.codes import SubjectKind
from app.domain.vntext import fold_key


class CatalogueError(ValueError):
    """The catalogue or code data file is malformed."""


SHIPPED = "SHIPPED"
CLERK = "CLERK"


@dataclass(frozen=True)
class CoefficientStep:
    """The coefficients of an item in force from ``effective_from`` until its next step."""

    effective_from: date
    coefficients: Mapping[SubjectKind, Decimal]
    legal_basis: str = ""
    source: str = SHIPPED  # or CLERK: entered by a clerk, kept by updates
    verified: bool = True


def step_on(steps: tuple[CoefficientStep, ...], day: date) -> CoefficientStep | None:
    """The step in force on ``day`` (the latest that starts on or before it), else None."""
    best: CoefficientStep | None = None
    for step in steps:
        if step.effective_from <= day and (
            best is None or step.effective_from > best.effective_from
        ):
            best = step
    return best


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
    steps: tuple[CoefficientStep, ...] = ()  # oldest first
    local: bool = False  # a form the clerk added (Giấy khen of other issuers...)
    clerk_changed: frozenset[str] = frozenset()  # fields an update of the shipped data keeps

    @property
    def is_title(self) -> bool:
        return self.kind == "DANH_HIEU"

    def step_on(self, day: date) -> CoefficientStep | None:
        return step_on(self.steps, day)

    def coefficients_on(self, day: date) -> Mapping[SubjectKind, Decimal]:
        """The coefficients in force on ``day`` (empty before the first step). An item with
        coefficients but no dated step (a bare catalogue) has them on every day."""
        if not self.steps:
            return self.coefficients
        step = step_on(self.steps, day)
        return step.coefficients if step is not None else {}


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


@dataclass(frozen=True)
class _Period:
    effective_from: date
    legal_basis: str
    verified: bool


def _periods(data: dict[str, Any]) -> list[_Period]:
    out = []
    for raw in data.get("coefficient_periods") or ():
        try:
            out.append(
                _Period(
                    date.fromisoformat(str(raw["effective_from"])),
                    str(raw.get("legal_basis") or ""),
                    str(raw.get("status", "verified")) != "UNVERIFIED",
                )
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise CatalogueError(f"Mục 'coefficient_periods' không hợp lệ: {exc}") from exc
    return sorted(out, key=lambda p: p.effective_from)


def _coefficients(raw: Any) -> dict[SubjectKind, Decimal]:
    return {SubjectKind(k): Decimal(str(v)) for k, v in (raw or {}).items() if v is not None}


def _steps(
    raw: dict[str, Any], current: dict[SubjectKind, Decimal], periods: list[_Period]
) -> tuple[CoefficientStep, ...]:
    """The item's dated coefficients: each period with the item's coefficients, unless its
    ``coefficient_steps`` give that date values (and a basis and status) of their own."""
    own = {
        date.fromisoformat(str(step["effective_from"])): step
        for step in raw.get("coefficient_steps") or ()
    }
    out: list[CoefficientStep] = []
    for period in periods:
        step = own.pop(period.effective_from, None)
        values = _coefficients(step["coefficients"]) if step and "coefficients" in step else current
        if not values:
            continue
        basis = str(step.get("legal_basis") or period.legal_basis) if step else period.legal_basis
        verified = (
            str(step.get("status", "verified")) != "UNVERIFIED"
            if step and "status" in step
            else period.verified
        )
        out.append(CoefficientStep(period.effective_from, values, basis, SHIPPED, verified))
    for day, step in own.items():  # a date of the item's own
        values = _coefficients(step.get("coefficients"))
        if values:
            verified = str(step.get("status", "verified")) != "UNVERIFIED"
            out.append(
                CoefficientStep(day, values, str(step.get("legal_basis") or ""), SHIPPED, verified)
            )
    return tuple(sorted(out, key=lambda s: s.effective_from))


def parse_catalogue(data: dict[str, Any]) -> Catalogue:
    """Build the catalogue from the parsed JSON of ``catalogue.json``."""
    raw_items = data.get("items")
    if not isinstance(raw_items, list) or not raw_items:
        raise CatalogueError("Tệp danh mục không có mục 'items'")
    periods = _periods(data)
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
            coefficients = _coefficients(raw["coefficients"])
            steps = _steps(raw, coefficients, periods)
            if steps:  # the latest period's values are the item's current ones
                coefficients = dict(steps[-1].coefficients)
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
                    steps=steps,
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
