"""The identity rules of :mod:`app.domain.identity` applied to an import's rows.

Every importer (staff, grades, discipline, awards, initiatives) calls :func:`load_directory`
once and :func:`identify` per row, so a name, a staff code or a CCCD means the same thing
in every file, in the GUI wizard and on the command line.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import Person
from app.domain.identity import Directory, Outcome, PersonKey, RowIdentity, describe, resolve
from app.domain.imports import IdentityChange, ImportOptions, ImportReport, Suggestion
from app.domain.vntext import clean

__all__ = ["Identified", "identify", "load_directory"]


def load_directory(session: Session) -> Directory:
    """Every stored person's identifying fields, in one query."""
    rows = session.execute(
        select(
            Person.id,
            Person.full_name,
            Person.birth_date,
            Person.birth_year,
            Person.staff_code,
            Person.citizen_id,
        )
    ).all()
    return Directory.of(PersonKey(*row) for row in rows)


@dataclass(frozen=True)
class Identified:
    """The outcome for one row: ``ok`` False means the row is in error (message given)."""

    ok: bool
    person_id: int | None = None  # None with ok: a new person (staff lists only)
    message: str = ""
    identity_changes: tuple[tuple[str, str, str], ...] = ()


def identify(
    directory: Directory,
    row_number: int,
    row: RowIdentity,
    options: ImportOptions,
    report: ImportReport,
    *,
    staff: bool = False,
    prefer: Callable[[PersonKey], bool] | None = None,
) -> Identified:
    """Apply the identity rules to one row and record suggestions and identity changes in
    ``report``. ``staff``: the row may be a new person, and its identity fields may change a
    stored person's with the clerk's confirmation (``options.update_identity``)."""
    found = _identify(directory, row_number, row, options, report, staff=staff, prefer=prefer)
    if found.ok and found.person_id is not None:
        report.matched.add(found.person_id)
    return found


def _identify(
    directory: Directory,
    row_number: int,
    row: RowIdentity,
    options: ImportOptions,
    report: ImportReport,
    *,
    staff: bool,
    prefer: Callable[[PersonKey], bool] | None,
) -> Identified:
    res = resolve(row, directory, prefer=prefer)
    name = clean(row.full_name)
    if res.outcome is Outcome.MATCH:
        assert res.person is not None
        return Identified(True, res.person.id)
    if res.outcome is Outcome.NEW:
        if staff:
            return Identified(True, None)
        return Identified(
            False,
            message=res.message
            or (
                f"Không tìm thấy '{name}' trong danh bạ cán bộ (cần mã cán bộ, CCCD hoặc họ tên "
                "và ngày sinh khớp đúng; nhập danh sách cán bộ trước)"
            ),
        )
    if res.outcome is Outcome.SUGGEST:
        person_id = res.person.id if res.person is not None else None
        report.suggestions.append(
            Suggestion(
                row_number,
                name,
                person_id,
                " hay ".join(describe(p) for p in res.candidates),
            )
        )
        if person_id is not None and row_number in options.accept_suggestions:
            return Identified(True, person_id, identity_changes=res.identity_changes)
        if staff and row_number in options.new_people and not res.identity_changes:
            return Identified(True, None)
        if person_id is None:
            return Identified(
                False,
                message=(
                    f"'{name}' không có trong danh bạ; gần giống nhiều người ("
                    + "; ".join(describe(p) for p in res.candidates)
                    + "): ghi đúng họ tên, ngày sinh hoặc mã cán bộ"
                ),
            )
        return Identified(
            False,
            message=(
                f"'{name}' không khớp đúng với ai trong danh bạ; {res.message} "
                "(chấp nhận gợi ý nếu đúng là người đó)"
            ),
        )
    # ERROR
    if staff and res.person is not None and res.identity_changes:
        report.identity_changes.append(
            IdentityChange(row_number, res.person.id, describe(res.person), res.identity_changes)
        )
        if options.update_identity:
            return Identified(True, res.person.id, identity_changes=res.identity_changes)
        return Identified(
            False,
            message=res.message + ": đổi thông tin định danh cần được xác nhận",
        )
    return Identified(False, message=res.message)
