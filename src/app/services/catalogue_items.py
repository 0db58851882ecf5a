"""The catalogue as a clerk edits it (Danh mục & cài đặt → Danh mục danh hiệu, hình thức).

Entry points:

- :func:`list_catalogue` -- every title and form with its dated coefficients, what the clerk
  changed and the shipped value beside it.
- :func:`update_item` / :func:`reset_item` -- names, synonyms, issuer, legal basis, "history
  only"; each field the clerk changes is kept in ``clerk_changed`` so an update of the shipped
  catalogue leaves it (:func:`app.services.reference.ensure_catalogue`); reset gives it back.
- :func:`set_coefficients` / :func:`delete_coefficients` -- the coefficients in force from a
  date (source CLERK: an update keeps them; deleting one on a shipped date restores the
  shipped values).
- :func:`add_form` / :func:`delete_form` -- a form the agency adds (``local``), deleted only
  while nothing refers to it.

Every change is audited (the tables are ``Audited``) and refused with :class:`ConflictError`
when another clerk changed the item since the screen showed it (``expected_version``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import Column, Table, func, select
from sqlalchemy.orm import Session

from app.db.base import Base, utcnow
from app.db.models import CatalogueCoefficient, CatalogueItemRow
from app.domain.catalogue import CLERK, SHIPPED, CatalogueItem
from app.domain.catalogue_edits import (
    CoefficientEdit,
    ItemEdit,
    NewForm,
    make_code,
    validate_coefficients,
    validate_item_edit,
    validate_new_form,
)
from app.domain.codes import SubjectKind
from app.domain.errors import ConflictError, NotFoundError, ValidationError
from app.domain.vnformat import format_date
from app.services.reference import (
    KIND_COLUMNS,
    catalogue,
    plain_decimal,
    shipped_catalogue,
    shipped_values,
)

__all__ = [
    "EDITABLE_FIELDS",
    "CatalogueRow",
    "CoefficientRow",
    "add_form",
    "delete_coefficients",
    "delete_form",
    "list_catalogue",
    "reset_item",
    "set_coefficients",
    "update_item",
]

# the columns a clerk edits here -> their Vietnamese names
EDITABLE_FIELDS = {
    "name": "Tên",
    "short_name": "Tên viết tắt",
    "synonyms": "Tên gọi khác",
    "history_only": "Chỉ ghi lịch sử",
    "decided_by": "Cấp quyết định",
    "legal_basis": "Căn cứ pháp lý",
}


@dataclass(frozen=True)
class CoefficientRow:
    effective_from: date
    coefficients: dict[str, Decimal]  # by subject kind code
    legal_basis: str
    source: str  # SHIPPED or CLERK
    verified: bool = True
    shipped: dict[str, Decimal] | None = None  # the shipped values a CLERK row stands over

    @property
    def by_clerk(self) -> bool:
        return self.source == CLERK


@dataclass(frozen=True)
class CatalogueRow:
    code: str
    name: str
    short: str
    kind: str
    subjects: tuple[str, ...]
    level: str
    decided_by: str
    rank: int
    legal_basis: str
    synonyms: tuple[str, ...]
    history_only: bool
    once_in_lifetime: bool
    local: bool
    clerk_changed: tuple[str, ...]
    shipped: dict[str, Any] = field(default_factory=dict)  # shipped value of each changed field
    steps: tuple[CoefficientRow, ...] = ()
    version: int = 0

    def coefficients_on(self, day: date) -> dict[str, Decimal]:
        best = None
        for step in self.steps:
            if step.effective_from <= day:
                best = step
        return dict(best.coefficients) if best is not None else {}


def _kinds(values: dict[Any, Decimal]) -> dict[str, Decimal]:
    return {str(getattr(k, "value", k)): v for k, v in values.items()}


def _row_dto(item: CatalogueItem, version: int) -> CatalogueRow:
    shipped_cat = shipped_catalogue()
    shipped_item = shipped_cat.get(item.code) if item.code in shipped_cat else None
    values = shipped_values(shipped_item) if shipped_item is not None else {}
    changed = tuple(c for c in EDITABLE_FIELDS if c in item.clerk_changed)
    steps = []
    for step in item.steps:
        known = shipped_item.step_on(step.effective_from) if shipped_item else None
        over = (
            _kinds(dict(known.coefficients))
            if step.source == CLERK
            and known is not None
            and known.effective_from == step.effective_from
            else None
        )
        steps.append(
            CoefficientRow(
                step.effective_from,
                _kinds(dict(step.coefficients)),
                step.legal_basis,
                step.source,
                step.verified,
                over,
            )
        )
    return CatalogueRow(
        code=item.code,
        name=item.name,
        short=item.short,
        kind=item.kind,
        subjects=tuple(str(s) for s in item.subjects),
        level=item.level,
        decided_by=item.decided_by,
        rank=item.rank,
        legal_basis=item.legal_basis,
        synonyms=item.synonyms,
        history_only=item.history_only,
        once_in_lifetime=item.once_in_lifetime,
        local=item.local,
        clerk_changed=changed,
        shipped={c: values.get(c) for c in changed},
        steps=tuple(steps),
        version=version,
    )


def list_catalogue(session: Session) -> list[CatalogueRow]:
    """Every title and form as the database holds it, in display order."""
    versions = dict(session.execute(select(CatalogueItemRow.code, CatalogueItemRow.version)).all())
    return [_row_dto(item, versions.get(item.code, 0)) for item in catalogue(session).items]


def _item_row(session: Session, code: str, expected_version: int | None) -> CatalogueItemRow:
    row = session.get(CatalogueItemRow, code)
    if row is None:
        raise NotFoundError(f"Không có mã danh hiệu/hình thức '{code}' trong danh mục")
    if expected_version is not None:
        ConflictError.check(row.version, expected_version)
    return row


def _changed(row: CatalogueItemRow) -> set[str]:
    try:
        value = json.loads(row.clerk_changed or "[]")
    except ValueError:
        value = []
    return {str(v) for v in value} if isinstance(value, list) else set()


def _one(session: Session, code: str) -> CatalogueRow:
    session.flush()
    item = next(i for i in catalogue(session).items if i.code == code)
    row = session.get(CatalogueItemRow, code)
    return _row_dto(item, row.version if row is not None else 0)


def update_item(
    session: Session, code: str, edit: ItemEdit, *, expected_version: int
) -> CatalogueRow:
    """Change an item's names, synonyms, issuer, legal basis or "history only" (audited); a
    field given back its shipped value is no longer the clerk's."""
    edit = edit.cleaned()
    problems = validate_item_edit(edit)
    if problems:
        raise ValidationError(problems)
    row = _item_row(session, code, expected_version)
    shipped = shipped_catalogue()
    base = shipped_values(shipped.get(code)) if code in shipped and not row.local else None
    new = {
        "name": edit.name,
        "short_name": edit.short or edit.name,
        "synonyms": json.dumps(list(edit.synonyms), ensure_ascii=False) if edit.synonyms else None,
        "history_only": edit.history_only,
        "decided_by": edit.decided_by,
        "legal_basis": edit.legal_basis,
    }
    changed = _changed(row)
    for column, value in new.items():
        if getattr(row, column) != value:
            setattr(row, column, value)
        if base is not None:
            if base.get(column) == value:
                changed.discard(column)
            else:
                changed.add(column)
    row.clerk_changed = json.dumps(sorted(changed)) if changed else None
    return _one(session, code)


def reset_item(
    session: Session, code: str, columns: tuple[str, ...] = (), *, expected_version: int
) -> CatalogueRow:
    """Give fields the clerk changed (all when none named) their shipped values back."""
    row = _item_row(session, code, expected_version)
    shipped = shipped_catalogue()
    if row.local or code not in shipped:
        raise ValidationError(f"'{row.name}' do đơn vị thêm: không có giá trị mặc định")
    base = shipped_values(shipped.get(code))
    changed = _changed(row)
    for column in columns or tuple(changed):
        if column in base:
            setattr(row, column, base[column])
            changed.discard(column)
    row.clerk_changed = json.dumps(sorted(changed)) if changed else None
    return _one(session, code)


def _step_row(session: Session, code: str, day: date) -> CatalogueCoefficient | None:
    return session.scalar(
        select(CatalogueCoefficient).where(
            CatalogueCoefficient.code == code, CatalogueCoefficient.effective_from == day
        )
    )


def _write_values(row: CatalogueCoefficient, values: dict[Any, Decimal | None]) -> None:
    for kind, column in KIND_COLUMNS.items():
        value = values.get(kind.value, values.get(kind))
        setattr(row, column, value)


def _touch(item: CatalogueItemRow, session: Session) -> None:
    """A change of the item's coefficients counts as a change of the item (its version)."""
    latest = session.scalar(
        select(CatalogueCoefficient)
        .where(CatalogueCoefficient.code == item.code)
        .order_by(CatalogueCoefficient.effective_from.desc())
        .limit(1)
    )
    item.updated_at = utcnow()
    for column in KIND_COLUMNS.values():  # the current coefficients, as before revision 0010
        setattr(item, column, getattr(latest, column) if latest is not None else None)


def set_coefficients(
    session: Session, code: str, edit: CoefficientEdit, *, expected_version: int
) -> CatalogueRow:
    """The item's coefficients from a date, entered by the clerk (kept by updates of the
    shipped catalogue; audited)."""
    item = _item_row(session, code, expected_version)
    subjects = tuple(s for s in item.subjects.split(",") if s)
    problems = validate_coefficients(edit, subjects)
    if problems:
        raise ValidationError(problems)
    assert edit.effective_from is not None
    row = _step_row(session, code, edit.effective_from)
    if row is None:
        row = CatalogueCoefficient(code=code, effective_from=edit.effective_from)
        session.add(row)
    row.source = CLERK
    _write_values(row, dict(edit.coefficients))
    row.legal_basis = edit.legal_basis.strip()
    session.flush()
    _touch(item, session)
    return _one(session, code)


def delete_coefficients(
    session: Session, code: str, effective_from: date, *, expected_version: int
) -> CatalogueRow:
    """Take back the clerk's coefficients of a date: a shipped date gets its shipped values
    again, another date goes."""
    item = _item_row(session, code, expected_version)
    row = _step_row(session, code, effective_from)
    if row is None or row.source != CLERK:
        raise ValidationError(
            f"Hệ số áp dụng từ {format_date(effective_from)} không do cán bộ nhập: không xóa được"
        )
    shipped = shipped_catalogue()
    step = shipped.get(code).step_on(effective_from) if code in shipped else None
    if step is not None and step.effective_from == effective_from:
        row.source = SHIPPED
        _write_values(row, dict(step.coefficients))
        row.legal_basis = step.legal_basis or None
    else:
        session.delete(row)
    session.flush()
    _touch(item, session)
    return _one(session, code)


def add_form(session: Session, form: NewForm) -> CatalogueRow:
    """A form (or title) the agency adds: Giấy khen of another issuer, another ministry's
    medal... (``local``: an update of the shipped catalogue never touches it)."""
    taken = set(session.scalars(select(CatalogueItemRow.code)))
    problems = validate_new_form(form, taken)
    if problems:
        raise ValidationError(problems)
    short = form.short.strip() or form.name.strip()
    code = form.code or make_code(short, taken)
    order = (session.scalar(select(func.max(CatalogueItemRow.display_order))) or 0) + 1
    synonyms = [s.strip() for s in form.synonyms if s.strip()]
    session.add(
        CatalogueItemRow(
            code=code,
            name=form.name.strip(),
            short_name=short,
            kind=form.kind,
            subjects=",".join(form.subjects),
            level=form.level,
            decided_by=form.decided_by.strip(),
            rank=form.rank,
            history_only=False,
            once_in_lifetime=False,
            display_order=order,
            legal_basis=form.legal_basis.strip(),
            synonyms=json.dumps(synonyms, ensure_ascii=False) if synonyms else None,
            local=True,
        )
    )
    session.flush()
    if form.coefficients is not None:
        item = _item_row(session, code, None)
        assert form.coefficients.effective_from is not None
        row = CatalogueCoefficient(
            code=code, effective_from=form.coefficients.effective_from, source=CLERK
        )
        _write_values(row, dict(form.coefficients.coefficients))
        row.legal_basis = form.coefficients.legal_basis.strip()
        session.add(row)
        session.flush()
        _touch(item, session)
    return _one(session, code)


def _references() -> list[tuple[Table, Column[Any]]]:
    """Every column (other than the coefficients') that points to a catalogue item."""
    out = []
    for table in Base.metadata.tables.values():
        if table.name == CatalogueCoefficient.__tablename__:
            continue
        for fk in table.foreign_keys:
            if fk.column.table.name == CatalogueItemRow.__tablename__:
                out.append((table, fk.parent))
    return out


def delete_form(session: Session, code: str, *, expected_version: int) -> None:
    """Delete a form the agency added, while no award, decision line, sign-up or campaign
    target refers to it (a shipped item is marked "history only" instead)."""
    row = _item_row(session, code, expected_version)
    if not row.local:
        raise ValidationError(
            f"'{row.name}' có sẵn trong danh mục: không xóa được, hãy đánh dấu 'Chỉ ghi lịch sử'"
        )
    for table, column in _references():
        used = session.scalar(select(func.count()).select_from(table).where(column == code))
        if used:
            raise ValidationError(
                f"'{row.name}' đã được dùng ({used} bản ghi): không xóa được, hãy đánh dấu "
                "'Chỉ ghi lịch sử'"
            )
    for step in session.scalars(
        select(CatalogueCoefficient).where(CatalogueCoefficient.code == code)
    ):
        session.delete(step)
    session.flush()
    session.delete(row)
    session.flush()


def subject_names() -> dict[str, str]:
    return {
        SubjectKind.CA_NHAN.value: "Cá nhân",
        SubjectKind.TAP_THE.value: "Tập thể",
        SubjectKind.HO_GIA_DINH.value: "Hộ gia đình",
    }


def plain(value: Decimal | None) -> str:
    """A coefficient as shown: "0,3", "12" (empty when none)."""
    if value is None:
        return ""
    return str(plain_decimal(value)).replace(".", ",")
