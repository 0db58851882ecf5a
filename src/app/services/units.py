"""Organisation tree with history: add, edit, reorder, rename, merge, dissolve (issue 3).

A rename or a merge ends the old unit rows the day before the effective date and creates the
successor; people move to it, history (grades, awards, initiatives) stays on the old rows, so
old records keep printing the old names.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import exists, func, or_, select, update
from sqlalchemy.orm import Session

from app.db.models import Assignment, AwardRecord, Initiative, Unit, UnitGrade
from app.domain.errors import ConflictError, NotFoundError, ValidationError
from app.domain.units import (
    END_DISSOLVE,
    END_MERGE,
    END_RENAME,
    TreeNode,
    UnitInput,
    descendants,
    tree_order,
    validate_unit_input,
    would_create_cycle,
)
from app.domain.vntext import clean, fold_key, vi_sort_key
from app.services.reference import codes


@dataclass(frozen=True)
class UnitDTO:
    id: int
    code: str
    full_name: str
    short_name: str | None
    parent_id: int | None
    kind: str
    collective_category: str | None
    display_order: int
    valid_from: date | None
    valid_to: date | None
    successor_id: int | None
    end_reason: str | None
    note: str | None
    depth: int = 0
    tree_index: int = 0
    version: int = 0  # passed back by the screens that change the unit (optimistic locking)
    sector: str | None = None  # its own lĩnh vực (none: the field of the unit above)

    @property
    def is_current(self) -> bool:
        return self.valid_to is None

    def current_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or self.valid_to >= day
        )

    def as_input(self) -> UnitInput:
        return UnitInput(
            code=self.code,
            full_name=self.full_name,
            short_name=self.short_name,
            parent_id=self.parent_id,
            kind=self.kind,
            collective_category=self.collective_category,
            display_order=self.display_order,
            valid_from=self.valid_from,
            note=self.note,
            sector=self.sector,
        )


def _dto(u: Unit, depth: int = 0, index: int = 0) -> UnitDTO:
    return UnitDTO(
        id=u.id,
        code=u.code,
        full_name=u.full_name,
        short_name=u.short_name,
        parent_id=u.parent_id,
        kind=u.kind,
        collective_category=u.collective_category,
        display_order=u.display_order,
        valid_from=u.valid_from,
        valid_to=u.valid_to,
        successor_id=u.successor_id,
        end_reason=u.end_reason,
        note=u.note,
        depth=depth,
        tree_index=index,
        version=u.version,
        sector=u.sector,
    )


def list_units(session: Session, *, include_history: bool = True) -> list[UnitDTO]:
    """Units in tree order (display order, then Vietnamese name), with depth."""
    stmt = select(Unit)
    if not include_history:
        stmt = stmt.where(Unit.valid_to.is_(None))
    units = {u.id: u for u in session.scalars(stmt)}
    nodes = [TreeNode(u.id, u.parent_id, u.display_order, u.full_name) for u in units.values()]
    return [_dto(units[uid], depth, i) for i, (uid, depth) in enumerate(tree_order(nodes))]


def get_unit(session: Session, unit_id: int) -> UnitDTO:
    return _dto(_load(session, unit_id))


def unit_sectors(session: Session) -> list[str]:
    """The fields (lĩnh vực) given to units, in Vietnamese order (the dialog offers them)."""
    found = {clean(s) for s in session.scalars(select(Unit.sector).where(Unit.sector.is_not(None)))}
    return sorted((s for s in found if s), key=vi_sort_key)


def subtree_ids(units: list[UnitDTO], unit_id: int) -> set[int]:
    """A unit and everything below it (for the 'including sub-units' filter)."""
    return descendants(
        [TreeNode(u.id, u.parent_id, u.display_order, u.full_name) for u in units], unit_id
    )


def _load(session: Session, unit_id: int, expected_version: int | None = None) -> Unit:
    """The unit; with ``expected_version`` (the version a screen showed), refused with
    :class:`ConflictError` when another clerk changed or removed it since."""
    unit = session.get(Unit, unit_id)
    if unit is None:
        if expected_version is not None:
            raise ConflictError()
        raise NotFoundError(f"Không tìm thấy đơn vị id={unit_id}")
    if expected_version is not None:
        ConflictError.check(unit.version, expected_version)
    return unit


def _check_input(session: Session, data: UnitInput, *, unit_id: int | None = None) -> UnitInput:
    data = data.normalised()
    tables = codes()
    problems = validate_unit_input(
        data,
        [e.code for e in tables.table("unit_kinds")],
        [e.code for e in tables.table("collective_categories")],
    )
    if data.code:
        clash = session.scalar(
            select(Unit.full_name).where(
                func.upper(Unit.code) == data.code, Unit.id != (unit_id or -1)
            )
        )
        if clash is not None:
            problems.append(f"Mã đơn vị '{data.code}' đã dùng cho '{clash}'")
    if data.parent_id is not None:
        parent = session.get(Unit, data.parent_id)
        if parent is None:
            problems.append("Đơn vị cấp trên không tồn tại")
        elif parent.valid_to is not None and (
            unit_id is None or session.get(Unit, unit_id).parent_id != data.parent_id  # type: ignore[union-attr]
        ):
            # A new parent must be in operation; an ended unit keeps its (ended) parent.
            problems.append(f"Đơn vị cấp trên '{parent.full_name}' đã kết thúc hoạt động")
        elif unit_id is not None:
            parents = dict(session.execute(select(Unit.id, Unit.parent_id)).all())
            if would_create_cycle(parents, unit_id, data.parent_id):
                problems.append(
                    "Không thể đặt một đơn vị làm cấp dưới của chính nó hoặc của đơn vị con của nó"
                )
    if problems:
        raise ValidationError(problems)
    return data


def _next_order(session: Session, parent_id: int | None) -> int:
    cond = Unit.parent_id.is_(None) if parent_id is None else Unit.parent_id == parent_id
    current = session.scalar(select(func.max(Unit.display_order)).where(cond))
    return (current or 0) + 10


def create_unit(session: Session, data: UnitInput) -> UnitDTO:
    data = _check_input(session, data)
    unit = Unit(
        code=data.code,
        full_name=data.full_name,
        short_name=data.short_name,
        name_key=fold_key(data.full_name),
        parent_id=data.parent_id,
        kind=data.kind,
        collective_category=data.collective_category,
        display_order=data.display_order
        if data.display_order is not None
        else _next_order(session, data.parent_id),
        valid_from=data.valid_from,
        note=data.note,
        sector=data.sector,
    )
    session.add(unit)
    session.flush()
    return _dto(unit)


def update_unit(
    session: Session, unit_id: int, data: UnitInput, *, expected_version: int
) -> UnitDTO:
    """Correct a unit's fields (a typo, its kind, its parent). A real rename goes through rename_unit.

    ``expected_version``: the version the form read (``UnitDTO.version``); refused when stale."""
    unit = _load(session, unit_id, expected_version)
    data = _check_input(session, data, unit_id=unit_id)
    unit.code = data.code
    unit.full_name = data.full_name
    unit.short_name = data.short_name
    unit.name_key = fold_key(data.full_name)
    unit.parent_id = data.parent_id
    unit.kind = data.kind
    unit.collective_category = data.collective_category
    if data.display_order is not None:
        unit.display_order = data.display_order
    unit.valid_from = data.valid_from
    unit.note = data.note
    unit.sector = data.sector
    session.flush()
    return _dto(unit)


def move_unit(session: Session, unit_id: int, step: int, *, expected_version: int) -> None:
    """Move a unit up (step < 0) or down (step > 0) among its current siblings."""
    unit = _load(session, unit_id, expected_version)
    cond = Unit.parent_id.is_(None) if unit.parent_id is None else Unit.parent_id == unit.parent_id
    siblings = [
        u for u in list_units(session, include_history=False) if u.parent_id == unit.parent_id
    ]
    ids = [u.id for u in siblings]
    if unit_id not in ids:
        raise ValidationError("Chỉ sắp xếp được đơn vị đang hoạt động")
    pos = ids.index(unit_id)
    new_pos = max(0, min(len(ids) - 1, pos + step))
    if new_pos == pos:
        return
    ids.insert(new_pos, ids.pop(pos))
    rows = {u.id: u for u in session.scalars(select(Unit).where(cond, Unit.id.in_(ids)))}
    for order, uid in enumerate(ids, start=1):
        rows[uid].display_order = order * 10
    session.flush()


def _day_before(day: date) -> date:
    return day - timedelta(days=1)


def _check_can_end(unit: Unit, effective: date) -> None:
    if unit.valid_to is not None:
        raise ValidationError(
            f"Đơn vị '{unit.full_name}' đã kết thúc hoạt động từ {unit.valid_to:%d/%m/%Y}"
        )
    if unit.valid_from is not None and effective <= unit.valid_from:
        raise ValidationError(
            f"Ngày hiệu lực phải sau ngày bắt đầu hoạt động của '{unit.full_name}' ({unit.valid_from:%d/%m/%Y})"
        )


def _move_members(session: Session, old_ids: list[int], new_id: int, effective: date) -> int:
    """Close the open assignments in ``old_ids`` on the day before ``effective``; reopen them in ``new_id``."""
    last_day = _day_before(effective)
    open_rows = session.scalars(
        select(Assignment).where(
            Assignment.unit_id.in_(old_ids),
            or_(Assignment.end_date.is_(None), Assignment.end_date >= effective),
        )
    ).all()
    moved = 0
    for a in open_rows:
        if a.start_date is not None and a.start_date >= effective:
            a.unit_id = new_id  # started after the change: it belongs to the successor entirely
            continue
        end = a.end_date
        a.end_date = last_day
        session.add(
            Assignment(
                person_id=a.person_id,
                unit_id=new_id,
                position_title=a.position_title,
                position_rank=a.position_rank,
                start_date=effective,
                end_date=end,
                note=a.note,
            )
        )
        moved += 1
    return moved


def _reparent_children(session: Session, old_ids: list[int], new_id: int) -> None:
    session.execute(
        update(Unit)
        .where(Unit.parent_id.in_(old_ids), Unit.valid_to.is_(None))
        .values(parent_id=new_id, version=Unit.version + 1)
    )


def rename_unit(
    session: Session,
    unit_id: int,
    *,
    new_full_name: str,
    effective: date,
    new_code: str,
    new_short_name: str | None = None,
    expected_version: int,
) -> UnitDTO:
    """Rename from ``effective``: the old row ends the day before, a successor row carries on."""
    old = _load(session, unit_id, expected_version)
    _check_can_end(old, effective)
    if fold_key(new_full_name) == old.name_key and clean(new_code).upper() == old.code:
        raise ValidationError("Tên mới trùng tên cũ")
    data = UnitInput(
        code=new_code,
        full_name=new_full_name,
        short_name=new_short_name,
        parent_id=old.parent_id,
        kind=old.kind,
        collective_category=old.collective_category,
        display_order=old.display_order,
        valid_from=effective,
        note=old.note,
        sector=old.sector,  # a new name, the same work
    )
    new = create_unit(session, data)
    old.valid_to = _day_before(effective)
    old.end_reason = END_RENAME
    old.successor_id = new.id
    _reparent_children(session, [old.id], new.id)
    _move_members(session, [old.id], new.id, effective)
    session.flush()
    return get_unit(session, new.id)


def merge_units(
    session: Session,
    unit_ids: list[int],
    new: UnitInput,
    effective: date,
    *,
    expected_versions: Mapping[int, int],
) -> UnitDTO:
    """Units ``unit_ids`` become the new unit ``new`` from ``effective``.

    ``expected_versions``: unit id -> the version the screen showed, for each merged unit."""
    ids = list(dict.fromkeys(unit_ids))
    if len(ids) < 2:
        raise ValidationError("Cần chọn ít nhất hai đơn vị để sáp nhập")
    olds = [_load(session, uid, expected_versions.get(uid, 0)) for uid in ids]
    for old in olds:
        _check_can_end(old, effective)
    if new.parent_id in ids:
        raise ValidationError("Đơn vị cấp trên của đơn vị mới không được là một đơn vị bị sáp nhập")
    parent_id = new.parent_id if new.parent_id is not None else olds[0].parent_id
    data = UnitInput(
        code=new.code,
        full_name=new.full_name,
        short_name=new.short_name,
        parent_id=parent_id,
        kind=new.kind,
        collective_category=new.collective_category,
        display_order=new.display_order
        if new.display_order is not None
        else min(o.display_order for o in olds),
        valid_from=effective,
        note=new.note,
        sector=new.sector or next((o.sector for o in olds if o.sector), None),
    )
    created = create_unit(session, data)
    for old in olds:
        old.valid_to = _day_before(effective)
        old.end_reason = END_MERGE
        old.successor_id = created.id
    _reparent_children(session, ids, created.id)
    _move_members(session, ids, created.id, effective)
    session.flush()
    return get_unit(session, created.id)


def dissolve_unit(
    session: Session,
    unit_id: int,
    effective: date,
    note: str | None = None,
    *,
    expected_version: int,
) -> UnitDTO:
    """End a unit without successor. Its people and sub-units must have moved first."""
    unit = _load(session, unit_id, expected_version)
    _check_can_end(unit, effective)
    problems = []
    children = session.scalar(
        select(func.count())
        .select_from(Unit)
        .where(Unit.parent_id == unit_id, Unit.valid_to.is_(None))
    )
    if children:
        problems.append(
            f"Còn {children} đơn vị trực thuộc đang hoạt động: chuyển hoặc giải thể trước"
        )
    members = session.scalar(
        select(func.count(func.distinct(Assignment.person_id))).where(
            Assignment.unit_id == unit_id,
            or_(Assignment.end_date.is_(None), Assignment.end_date >= effective),
        )
    )
    if members:
        problems.append(
            f"Còn {members} cán bộ đang công tác tại đơn vị: điều chuyển trước khi giải thể"
        )
    if problems:
        raise ValidationError(problems)
    unit.valid_to = _day_before(effective)
    unit.end_reason = END_DISSOLVE
    if note:
        unit.note = clean(note)
    session.flush()
    return _dto(unit)


def has_history(session: Session, unit_id: int) -> bool:
    checks = [
        exists().where(Assignment.unit_id == unit_id),
        exists().where(UnitGrade.unit_id == unit_id),
        exists().where(AwardRecord.unit_id == unit_id),
        exists().where(Initiative.unit_id == unit_id),
        exists().where(Unit.parent_id == unit_id),
        exists().where(Unit.successor_id == unit_id),
    ]
    return any(session.scalar(select(check)) for check in checks)


def delete_unit(session: Session, unit_id: int, *, expected_version: int) -> None:
    """Delete a unit entered by mistake. A unit with any history can only be dissolved."""
    unit = _load(session, unit_id, expected_version)
    if has_history(session, unit_id):
        raise ValidationError(
            f"Đơn vị '{unit.full_name}' đã có lịch sử (cán bộ, xếp loại, khen thưởng hoặc đơn vị con): "
            "không xóa được, chỉ có thể giải thể"
        )
    session.delete(unit)
    session.flush()


def lineage(session: Session, unit_id: int) -> list[UnitDTO]:
    """The unit and every predecessor that was renamed or merged into it, oldest last."""
    out: list[UnitDTO] = []
    frontier = [unit_id]
    seen: set[int] = set()
    while frontier:
        current = frontier.pop(0)
        if current in seen:
            continue
        seen.add(current)
        out.append(get_unit(session, current))
        frontier.extend(
            session.scalars(select(Unit.id).where(Unit.successor_id == current).order_by(Unit.id))
        )
    return out
