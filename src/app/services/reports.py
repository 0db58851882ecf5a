"""Data for the exported forms (Báo cáo & biểu mẫu): plain DTOs, no Excel here.

The CLI and the GUI call :func:`gather` with a form code of :mod:`app.excel.forms.registry`
and hand the result to the form's writer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.models import CouncilSession, Decision, Person, Unit
from app.domain.errors import NotFoundError, ValidationError
from app.domain.identity import name_key
from app.domain.settings import AgencySettings
from app.domain.vnformat import format_date
from app.domain.vntext import clean
from app.services.decision_records import OWN
from app.services.people import filter_people, list_people
from app.services.reference import codes
from app.services.settings import get_agency
from app.services.units import UnitDTO, list_units, subtree_ids

__all__ = [
    "NO_UNIT",
    "Choice",
    "ReportParams",
    "StaffGroup",
    "StaffLine",
    "StaffListData",
    "gather",
    "report_codes",
    "decision_choices",
    "resolve_decision",
    "resolve_person",
    "resolve_unit",
    "session_choices",
    "staff_list_data",
]

NO_UNIT = "Chưa xếp đơn vị"


@dataclass(frozen=True)
class ReportParams:
    """What a clerk chooses for a form: the unit (with its sub-units), the year, the date, and
    for some forms a title (catalogue code), a Council session, a decision (by id, or by its
    number within ``year``), a person and the order of the list ("chuan" or "thu-cong")."""

    unit_id: int | None = None
    year: int | None = None
    on: date | None = None
    title: str | None = None
    session_id: int | None = None
    decision_id: int | None = None
    decision_number: str | None = None
    person_id: int | None = None
    order: str = "chuan"


@dataclass(frozen=True)
class StaffLine:
    person_id: int
    full_name: str
    gender: str
    birth_date: date | None
    birth_year: int | None
    position_title: str
    unit_id: int | None
    unit_name: str
    note: str


@dataclass(frozen=True)
class StaffGroup:
    """People of one unit; ``name`` is the text of the bold group row."""

    unit_id: int | None
    name: str
    lines: tuple[StaffLine, ...]


@dataclass(frozen=True)
class StaffListData:
    agency: AgencySettings
    on: date
    unit_id: int | None
    scope: str | None
    groups: tuple[StaffGroup, ...]

    @property
    def count(self) -> int:
        return sum(len(group.lines) for group in self.groups)


def resolve_unit(session: Session, text: str) -> UnitDTO:
    """The unit a clerk names by its code ("VP", any case) or its id ("3")."""
    wanted = clean(text)
    if not wanted:
        raise NotFoundError("Chưa nhập mã đơn vị")
    unit_id = session.scalar(select(Unit.id).where(func.upper(Unit.code) == wanted.upper()))
    if unit_id is None and wanted.isdigit():
        unit_id = session.scalar(select(Unit.id).where(Unit.id == int(wanted)))
    if unit_id is None:
        raise NotFoundError(
            f"Không tìm thấy đơn vị có mã hoặc số hiệu '{wanted}' "
            "(xem mã đơn vị ở mục Đơn vị của chương trình)"
        )
    for unit in list_units(session):
        if unit.id == unit_id:
            return unit
    raise NotFoundError(f"Không tìm thấy đơn vị '{wanted}'")  # pragma: no cover


def resolve_person(session: Session, text: str) -> int:
    """The person a clerk names by staff code, CCCD or full name (unique); returns the id."""
    wanted = clean(text)
    if not wanted:
        raise NotFoundError("Chưa nhập cán bộ")
    for column in (Person.staff_code, Person.citizen_id):
        ids = session.scalars(select(Person.id).where(func.upper(column) == wanted.upper())).all()
        if len(ids) == 1:
            return ids[0]
    # the name exactly (case and spaces aside): Hùng is not Hưng (identity is never guessed)
    key = name_key(wanted)
    ids = [
        pid
        for pid, name in session.execute(select(Person.id, Person.full_name))
        if name_key(name) == key
    ]
    if len(ids) == 1:
        return ids[0]
    if len(ids) > 1:
        raise NotFoundError(
            f"Có {len(ids)} cán bộ tên '{wanted}'; hãy dùng mã cán bộ hoặc số CCCD để chỉ rõ"
        )
    raise NotFoundError(f"Không tìm thấy cán bộ có mã, số CCCD hoặc họ tên '{wanted}'")


@dataclass(frozen=True)
class Choice:
    """An item a clerk picks from a list (a Council session, a decision): id and label."""

    id: int
    label: str
    day: date | None = None  # a decision's date (the bonus list's "Ngày lập" defaults to it)


def session_choices(session: Session, year: int) -> list[Choice]:
    """The Council sessions of ``year``, newest first, labelled by date and place."""
    rows = session.execute(
        select(CouncilSession.id, CouncilSession.meeting_date, CouncilSession.place)
        .where(CouncilSession.year == year)
        .order_by(CouncilSession.meeting_date.desc(), CouncilSession.id.desc())
    )
    return [
        Choice(sid, f"Phiên họp ngày {format_date(day)}" + (f" - {place}" if place else ""))
        for sid, day, place in rows
    ]


def decision_choices(session: Session, year: int) -> list[Choice]:
    """The decisions of ``year`` (own and recorded), by date then number."""
    rows = session.execute(
        select(Decision.id, Decision.number, Decision.decision_date, Decision.authority)
        .where(Decision.year == year)
        .order_by(Decision.decision_date, Decision.id)
    )
    out = []
    for did, number, day, authority in rows:
        label = f"Số {number or '(chưa cấp số)'}"
        if day is not None:
            label += f" ngày {format_date(day)}"
        out.append(Choice(did, f"{label} - {authority}", day))
    return out


def latest_issued_decision(session: Session, year: int) -> int | None:
    """The agency's decision of ``year`` issued last (the one a clerk prints the lists of
    next)."""
    return session.scalar(
        select(Decision.id)
        .where(Decision.year == year, Decision.origin == OWN, Decision.issued_at.is_not(None))
        .order_by(Decision.issued_at.desc(), Decision.id.desc())
        .limit(1)
    )


def resolve_decision(session: Session, params: ReportParams) -> int:
    """The decision of a form: ``params.decision_id``, or the one numbered
    ``params.decision_number`` in ``params.year`` (number compared without case or spaces)."""
    if params.decision_id is not None:
        if session.get(Decision, params.decision_id) is None:
            raise NotFoundError(f"Không tìm thấy quyết định id={params.decision_id}")
        return params.decision_id
    if not params.decision_number:
        raise ValidationError("Biểu mẫu này cần chọn một quyết định khen thưởng")

    def norm(text: str) -> str:
        return "".join(text.split()).upper()

    wanted = norm(params.decision_number)
    query = select(Decision.id, Decision.number)
    if params.year is not None:
        query = query.where(Decision.year == params.year)
    ids = [did for did, number in session.execute(query) if number and norm(number) == wanted]
    if len(ids) == 1:
        return ids[0]
    where = f" năm {params.year}" if params.year is not None else ""
    if not ids:
        raise NotFoundError(f"Không tìm thấy quyết định số '{params.decision_number}'{where}")
    raise NotFoundError(
        f"Có {len(ids)} quyết định số '{params.decision_number}'{where}; hãy chọn thêm --year"
    )


def _group_name(unit: UnitDTO, units: dict[int, UnitDTO], root_id: int | None) -> str:
    """The unit's name; a unit nested below another adds "(thuộc <parent>)"."""
    parent = units.get(unit.parent_id) if unit.parent_id is not None else None
    if parent is None or parent.id == root_id or parent.parent_id is None:
        return unit.full_name
    return f"{unit.full_name} (thuộc {parent.full_name})"


def _notes(session: Session) -> dict[int, str]:
    rows = session.execute(select(Person.id, Person.note).where(Person.note.is_not(None)))
    return {pid: clean(note) for pid, note in rows}


def staff_list_data(
    session: Session, unit_id: int | None = None, on: date | None = None
) -> StaffListData:
    """Active staff of a unit and its sub-units (or of the whole agency), grouped by unit.

    People come in "thứ tự chuẩn" (unit order, position rank, tên, họ đệm); a group per unit
    in tree order. With the whole agency, people without a unit come last ("Chưa xếp đơn vị").
    """
    on = on or date.today()
    units = list_units(session)
    by_id = {u.id: u for u in units}
    scope: str | None = None
    wanted: set[int] | None = None
    if unit_id is not None:
        if unit_id not in by_id:
            raise NotFoundError(f"Không tìm thấy đơn vị id={unit_id}")
        wanted = subtree_ids(units, unit_id)
    rows = filter_people(list_people(session, on=on), unit_ids=wanted, status="active")
    rows.sort(key=lambda r: r.standard_order)
    genders = {e.code: e.name for e in codes().table("genders")}
    notes = _notes(session)
    groups: list[StaffGroup] = []
    current: list[StaffLine] = []
    current_unit: int | None = None
    for row in rows:
        if current and row.unit_id != current_unit:
            groups.append(_group(current_unit, current, by_id, unit_id))
            current = []
        current_unit = row.unit_id
        current.append(
            StaffLine(
                person_id=row.id,
                full_name=row.full_name,
                gender=genders.get(row.gender or "", row.gender or ""),
                birth_date=row.birth_date,
                birth_year=row.birth_year,
                position_title=row.position_title,
                unit_id=row.unit_id,
                unit_name=row.unit_name,
                note=notes.get(row.id, ""),
            )
        )
    if current:
        groups.append(_group(current_unit, current, by_id, unit_id))
    if unit_id is not None and by_id[unit_id].parent_id is not None:
        root = by_id[unit_id]
        below = any(g.unit_id != unit_id for g in groups)
        scope = f"{root.full_name} và các đơn vị trực thuộc" if below else root.full_name
    return StaffListData(
        agency=get_agency(session),
        on=on,
        unit_id=unit_id,
        scope=scope,
        groups=tuple(groups),
    )


def _group(
    unit_id: int | None, lines: list[StaffLine], units: dict[int, UnitDTO], root_id: int | None
) -> StaffGroup:
    unit = units.get(unit_id) if unit_id is not None else None
    name = _group_name(unit, units, root_id) if unit is not None else NO_UNIT
    return StaffGroup(unit_id=unit_id, name=name, lines=tuple(lines))


# ----------------------------------------------------------------- dispatch by form code


def _need_year(params: ReportParams) -> int:
    if params.year is None:
        raise ValidationError("Biểu mẫu đăng ký thi đua cần chọn năm")
    return params.year


def _registrations(name: str) -> Callable[..., object]:
    """A gatherer of :mod:`app.services.registration_reports` (imported when first used: that
    module builds on this one)."""
    from app.services import registration_reports

    gatherer: Callable[..., object] = getattr(registration_reports, name)
    return gatherer


def _review(name: str) -> Callable[..., object]:
    """A gatherer of :mod:`app.services.review_reports` (imported when first used)."""
    from app.services import review_reports

    gatherer: Callable[..., object] = getattr(review_reports, name)
    return gatherer


_GATHERERS: dict[str, Callable[[Session, ReportParams], object]] = {
    "staff-list": lambda session, p: staff_list_data(session, p.unit_id, p.on),
    "registrations-individual": lambda session, p: _registrations("individual_registrations_data")(
        session, _need_year(p), p.unit_id, p.on
    ),
    "registrations-collective": lambda session, p: _registrations("collective_registrations_data")(
        session, _need_year(p), p.unit_id, p.on
    ),
    "registrations-summary": lambda session, p: _registrations("registration_summary_data")(
        session, _need_year(p), p.on
    ),
    "registration-form": lambda session, p: _registrations("registration_form_data")(
        session, _need_year(p), p.unit_id, p.on
    ),
    "nomination-list": lambda session, p: _review("nomination_list_data")(
        session, p.year, p.title, p.unit_id, p.on, p.order
    ),
    "public-comment-list": lambda session, p: _review("public_comment_data")(
        session, p.year, p.unit_id, p.on
    ),
    "council-minutes": lambda session, p: _review("council_minutes_data")(
        session, p.session_id, p.year
    ),
    "vote-count-minutes": lambda session, p: _review("council_minutes_data")(
        session, p.session_id, p.year
    ),
    "vote-tally": lambda session, p: _tally(session, p),
}


def _tally(session: Session, params: ReportParams) -> object:
    """The ``vote-tally`` sheet of the chosen session (:mod:`app.services.council_tally`)."""
    from app.services.council_tally import tally_sheet

    if params.session_id is None:
        raise ValidationError("Biểu mẫu này cần chọn một phiên họp Hội đồng")
    return tally_sheet(session, params.session_id)


def _decisions(name: str) -> Callable[..., object]:
    """A gatherer of :mod:`app.services.decision_reports` (imported when first used)."""
    from app.services import decision_reports

    gatherer: Callable[..., object] = getattr(decision_reports, name)
    return gatherer


def _report_year(params: ReportParams) -> int:
    if params.year is None:
        raise ValidationError("Biểu mẫu này cần chọn năm báo cáo")
    return params.year


_GATHERERS.update(
    {
        "decision-annex": lambda session, p: _decisions("decision_annex_data")(
            session, resolve_decision(session, p)
        ),
        "bonus-list": lambda session, p: _decisions("bonus_list_data")(
            session, resolve_decision(session, p), p.on
        ),
        "award-history": lambda session, p: _decisions("award_history_data")(
            session, p.person_id, p.unit_id, p.on
        ),
        "stat-0601": lambda session, p: _decisions("stat_0601_data")(
            session, _report_year(p), p.on
        ),
        "stat-0602": lambda session, p: _decisions("stat_0602_data")(
            session, _report_year(p), p.on
        ),
        "stat-0603": lambda session, p: _decisions("stat_0603_data")(
            session, _report_year(p), p.on
        ),
        "stat-0604": lambda session, p: _decisions("stat_0604_data")(
            session, _report_year(p), p.on
        ),
        "stat-0605": lambda session, p: _decisions("stat_0605_data")(
            session, _report_year(p), p.on
        ),
        "yearly-summary": lambda session, p: _decisions("yearly_summary_data")(
            session, _report_year(p), p.on
        ),
    }
)


def report_codes() -> list[str]:
    """Codes of the forms whose data this module gathers (same codes as the forms registry)."""
    return list(_GATHERERS)


def gather(session: Session, code: str, params: ReportParams) -> object:
    """The data of form ``code`` for ``params`` (a DTO the form's writer understands)."""
    try:
        gatherer = _GATHERERS[code]
    except KeyError:
        raise NotFoundError(f"Không có biểu mẫu '{code}'") from None
    return gatherer(session, params)
