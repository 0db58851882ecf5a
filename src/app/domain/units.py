"""Organisation tree: input validation and pure tree helpers (no database)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from app.domain.vntext import clean, vi_sort_key

END_RENAME = "RENAME"
END_MERGE = "MERGE"
END_DISSOLVE = "DISSOLVE"
END_REASON_NAMES = {END_RENAME: "Đổi tên", END_MERGE: "Sáp nhập", END_DISSOLVE: "Giải thể"}

CODE_PATTERN = re.compile(r"^[A-Z0-9][A-Z0-9_.\-]{0,39}$")
SECTOR_MAX = 120


@dataclass(frozen=True)
class UnitInput:
    """What a clerk types for a unit (dialog values)."""

    code: str
    full_name: str
    short_name: str | None = None
    parent_id: int | None = None
    kind: str = "PHONG"
    collective_category: str | None = None
    display_order: int | None = None
    valid_from: date | None = None
    note: str | None = None
    sector: str | None = None  # lĩnh vực hoạt động; none: the field of the unit above

    def normalised(self) -> UnitInput:
        return UnitInput(
            code=clean(self.code).upper(),
            full_name=clean(self.full_name),
            short_name=clean(self.short_name) or None,
            parent_id=self.parent_id,
            kind=self.kind,
            collective_category=self.collective_category or None,
            display_order=self.display_order,
            valid_from=self.valid_from,
            note=clean(self.note) or None,
            sector=clean(self.sector) or None,
        )


def validate_unit_input(
    data: UnitInput, kinds: Iterable[str], categories: Iterable[str]
) -> list[str]:
    """Problems with a unit's own fields, in Vietnamese (empty when valid)."""
    data = data.normalised()
    problems: list[str] = []
    if not data.code:
        problems.append("Chưa nhập mã đơn vị")
    elif not CODE_PATTERN.match(data.code):
        problems.append(
            f"Mã đơn vị '{data.code}' chỉ được gồm chữ cái không dấu, chữ số và dấu - _ . (tối đa 40 ký tự)"
        )
    if not data.full_name:
        problems.append("Chưa nhập tên đơn vị")
    elif len(data.full_name) > 255:
        problems.append("Tên đơn vị dài quá 255 ký tự")
    if data.kind not in set(kinds):
        problems.append(f"Loại đơn vị '{data.kind}' không có trong danh mục")
    if data.collective_category and data.collective_category not in set(categories):
        problems.append(f"Phân loại tập thể '{data.collective_category}' không có trong danh mục")
    if data.sector and len(data.sector) > SECTOR_MAX:
        problems.append(f"Lĩnh vực dài quá {SECTOR_MAX} ký tự")
    return problems


def sector_of(
    unit_id: int | None, own: dict[int, str | None], parents: dict[int, int | None]
) -> str | None:
    """The field (lĩnh vực) of a unit: its own, else that of the nearest unit above with one."""
    seen: set[int] = set()
    while unit_id is not None and unit_id not in seen:
        seen.add(unit_id)
        if own.get(unit_id):
            return own[unit_id]
        unit_id = parents.get(unit_id)
    return None


@dataclass(frozen=True)
class TreeNode:
    """The minimum the tree helpers need of a unit."""

    id: int
    parent_id: int | None
    display_order: int
    full_name: str


def would_create_cycle(
    parents: dict[int, int | None], unit_id: int, new_parent_id: int | None
) -> bool:
    """True if making ``new_parent_id`` the parent of ``unit_id`` closes a loop."""
    node = new_parent_id
    seen: set[int] = set()
    while node is not None:
        if node == unit_id or node in seen:
            return True
        seen.add(node)
        node = parents.get(node)
    return False


def tree_order(nodes: Sequence[TreeNode]) -> list[tuple[int, int]]:
    """Pre-order walk: ``(unit_id, depth)`` with siblings by display order, then name.

    Units whose parent is not among ``nodes`` are treated as roots.
    """
    ids = {n.id for n in nodes}
    children: dict[int | None, list[TreeNode]] = {}
    for n in nodes:
        parent = n.parent_id if n.parent_id in ids else None
        children.setdefault(parent, []).append(n)
    for siblings in children.values():
        siblings.sort(key=lambda n: (n.display_order, vi_sort_key(n.full_name), n.id))
    out: list[tuple[int, int]] = []
    stack: list[tuple[TreeNode, int]] = [(n, 0) for n in reversed(children.get(None, []))]
    visited: set[int] = set()
    while stack:
        node, depth = stack.pop()
        if node.id in visited:
            continue
        visited.add(node.id)
        out.append((node.id, depth))
        stack.extend((c, depth + 1) for c in reversed(children.get(node.id, [])))
    return out


def descendants(nodes: Sequence[TreeNode], unit_id: int) -> set[int]:
    """``unit_id`` and every unit below it."""
    children: dict[int | None, list[int]] = {}
    for n in nodes:
        children.setdefault(n.parent_id, []).append(n.id)
    out: set[int] = set()
    todo = [unit_id]
    while todo:
        current = todo.pop()
        if current in out:
            continue
        out.add(current)
        todo.extend(children.get(current, []))
    return out
