"""Lộ trình: for the year after ``year``, what a person or a collective still lacks for each
higher title (issue 13, point 5), computed by the eligibility engine on the history the review
of ``year`` reads (:mod:`app.domain.eligibility.path`). Shown in the person record, the unit
record and by ``tdkt path``."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from sqlalchemy.orm import Session

from app.db.models import Person, Unit
from app.domain.eligibility.path import PathStep, person_path, unit_path
from app.domain.errors import NotFoundError
from app.services.eligibility import person_history, unit_history

__all__ = ["PathLine", "TitlePath", "person_title_path", "unit_title_path"]


@dataclass(frozen=True)
class PathLine:
    """One title of the path: reachable in ``year`` or not, what it needs, what blocks it."""

    title: str
    name: str
    year: int
    reachable: bool
    needs: tuple[str, ...]
    blockers: tuple[str, ...]
    text: str


@dataclass(frozen=True)
class TitlePath:
    subject: str  # the person's or the collective's name
    year: int  # the year whose record is read (the current one)
    target: int  # the year the titles are for
    lines: tuple[PathLine, ...]
    note: str = ""  # why there are no lines (no position at the end of the year, no member)

    def as_json(self) -> dict[str, object]:
        return asdict(self)


def _line(step: PathStep) -> PathLine:
    return PathLine(
        step.title,
        step.name or step.title,
        step.year,
        step.reachable,
        step.needs,
        step.blockers,
        step.text,
    )


def _target(year: int, target: int | None) -> int:
    return year + 1 if target is None else target


def person_title_path(
    session: Session, person_id: int, year: int, target: int | None = None
) -> TitlePath:
    """The path of a person from the record of ``year`` to the titles of ``target``."""
    person = session.get(Person, person_id)
    if person is None:
        raise NotFoundError(f"Không tìm thấy cán bộ số {person_id}")
    goal = _target(year, target)
    found = person_history(session, person_id, year)
    if found is None:
        return TitlePath(
            person.full_name,
            year,
            goal,
            (),
            f"{person.full_name} chưa có quá trình công tác trong cơ quan (chưa thuộc đơn vị "
            "nào): chưa có lộ trình",
        )
    history, rules = found
    steps = person_path(history, year, rules, goal)
    return TitlePath(person.full_name, year, goal, tuple(_line(s) for s in steps))


def unit_title_path(
    session: Session, unit_id: int, year: int, target: int | None = None
) -> TitlePath:
    """The path of a collective from the record of ``year`` to the titles of ``target``."""
    unit = session.get(Unit, unit_id)
    if unit is None:
        raise NotFoundError(f"Không tìm thấy đơn vị số {unit_id}")
    goal = _target(year, target)
    found = unit_history(session, unit_id, year)
    if found is None:
        return TitlePath(
            unit.full_name,
            year,
            goal,
            (),
            f"Năm {year} {unit.full_name} không có cán bộ nào: không xét danh hiệu tập thể",
        )
    history, rules = found
    steps = unit_path(history, year, rules, goal)
    return TitlePath(unit.full_name, year, goal, tuple(_line(s) for s in steps))
