"""Certificates printed on the blanks (issue 22, domain.md §7.4): what goes on each sheet.

Entry points:

- :func:`certificate_layouts` -- the blanks' layouts: the shipped
  ``resources/data/certificate_layouts.json`` extended by a file of the same name in the data
  folder (a layout with the same code replaces the shipped one); :func:`editable_layouts_file`
  puts a copy there for the clerk to edit.
- :func:`certificate_source` -- a decision's lines as the print dialog lists them, with the
  layout each one takes and the decision's own achievement wording.
- :func:`certificate_batch` -- the sheets to print: one per line (all, or the ones chosen),
  each with its layout and the values of its fields. Revoked lines are left out and said so.
- :func:`decision_wording` / :func:`save_decision_wording` -- the achievement wording of one
  decision (stored as a setting, audited), which wins over the layout's and the catalogue's.
- :func:`find_decision` -- a decision by its number (and year), as ``tdkt export`` names it.

Only issued (or corrected) decisions print: a draft has no number, date or golden-book
numbers yet, and a revoked decision no longer awards anything. Drawing the sheets needs Qt and
lives in :mod:`app.ui.certificate_render`; the machine's printer offsets and blank scans are in
:mod:`app.services.certificate_settings`.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.config import data_dir, load_json_resource, resources_root
from app.db.models import Decision, Person
from app.domain.certificate_layout import (
    PLACEHOLDERS,
    CertificateLayout,
    LayoutError,
    fill,
    parse_layouts,
    placeholders_of,
)
from app.domain.errors import NotFoundError, ValidationError
from app.domain.vnformat import date_words, formal_date_line, format_date
from app.domain.vntext import clean
from app.services.decision_records import (
    CA_NHAN,
    DRAFT,
    REVOKED,
    award_name,
    revoked_records,
)
from app.services.money import recipient_texts
from app.services.reference import catalogue
from app.services.reports import ReportParams, resolve_decision
from app.services.settings import get_agency, get_setting, set_setting

__all__ = [
    "LAYOUTS_FILE",
    "CertificateBatch",
    "CertificateLine",
    "CertificateSheet",
    "CertificateSource",
    "certificate_batch",
    "certificate_layouts",
    "certificate_source",
    "decision_wording",
    "editable_layouts_file",
    "find_decision",
    "save_decision_wording",
    "validate_wording",
]

LAYOUTS_FILE = "certificate_layouts.json"
WORDING_KEY = "certificate_wording:{id}"
MAX_WORDING = 500
WORDING_PLACEHOLDERS = {k: v for k, v in PLACEHOLDERS.items() if k != "achievement"}


# --- layouts --------------------------------------------------------------------------------


def certificate_layouts() -> dict[str, CertificateLayout]:
    """The shipped layouts, extended (and overridden by code) by the data folder's file. Read
    on each call, so a clerk's edit counts at the next preview. A malformed file raises
    :class:`ValidationError` naming the file, the layout and the field."""
    try:
        layouts = parse_layouts(load_json_resource("data", LAYOUTS_FILE), source=LAYOUTS_FILE)
    except LayoutError as exc:
        raise ValidationError(str(exc)) from exc
    extra = data_dir() / LAYOUTS_FILE
    if not extra.is_file():
        return layouts
    try:
        with extra.open(encoding="utf-8") as fh:
            data = json.load(fh)
        layouts.update(parse_layouts(data, source=str(extra)))
    except (OSError, ValueError) as exc:  # LayoutError is a ValueError
        message = str(exc) if isinstance(exc, LayoutError) else f"{extra}: {exc}"
        raise ValidationError(f"Tệp mẫu phôi không đọc được: {message}") from exc
    return layouts


def editable_layouts_file() -> Path:
    """The data folder's layout file, a copy of the shipped one when there is none yet."""
    target = data_dir() / LAYOUTS_FILE
    if not target.is_file():
        shutil.copyfile(resources_root() / "data" / LAYOUTS_FILE, target)
    return target


def layout_for_award(layouts: dict[str, CertificateLayout], code: str) -> str | None:
    for layout in layouts.values():
        if code in layout.awards:
            return layout.code
    return None


# --- the decision's wording -----------------------------------------------------------------


def validate_wording(text: str) -> list[str]:
    text = clean(text)
    problems = []
    if len(text) > MAX_WORDING:
        problems.append(f"Lời thành tích dài quá {MAX_WORDING} ký tự")
    try:
        unknown = [n for n in placeholders_of(text) if n not in WORDING_PLACEHOLDERS]
    except ValueError as exc:
        return [*problems, f"Lời thành tích: {exc}"]
    if unknown:
        problems.append(
            "Lời thành tích dùng chỗ điền không có: "
            + ", ".join(f"{{{n}}}" for n in unknown)
            + " (dùng được: {period}, {year}, {award}...)"
        )
    return problems


def decision_wording(session: Session, decision_id: int) -> str:
    """The achievement wording saved for this decision ("" when it has none)."""
    value = get_setting(session, WORDING_KEY.format(id=decision_id), "")
    return value if isinstance(value, str) else ""


def save_decision_wording(session: Session, decision_id: int, text: str) -> str:
    """Save (or clear, with an empty text) the decision's achievement wording."""
    if session.get(Decision, decision_id) is None:
        raise NotFoundError(f"Không tìm thấy quyết định id={decision_id}")
    text = clean(text)
    problems = validate_wording(text)
    if problems:
        raise ValidationError(problems)
    set_setting(session, WORDING_KEY.format(id=decision_id), text)
    return text


def _catalogue_wording(code: str) -> str:
    """The wording when neither the decision nor the layout has one."""
    cat = catalogue()
    if code in cat and cat.get(code).is_title:
        return 'Đã đạt danh hiệu "{award}" {period}'
    return "Đã có thành tích xuất sắc {period}"


# --- reading a decision ---------------------------------------------------------------------


@dataclass(frozen=True)
class CertificateLine:
    """A line of the decision as the print dialog lists it."""

    recipient_id: int
    stt: int  # its number in the decision (1, 2, ...)
    subject_kind: str
    name: str
    award_code: str
    award_name: str
    golden_book_no: int | None
    revoked: bool
    layout_code: str | None  # the layout serving its award; None when none does
    person_id: int | None = None


@dataclass(frozen=True)
class CertificateSource:
    decision_id: int
    number: str
    label: str  # "Quyết định số 05/QĐ-SNNMT ngày 15/01/2026"
    lines: tuple[CertificateLine, ...]
    wording: str  # saved for the decision ("" = the layout's)
    problem: str | None = None  # why it cannot be printed (a draft, revoked)


@dataclass(frozen=True)
class CertificateSheet:
    recipient_id: int
    layout_code: str
    label: str  # "3. Ông Nguyễn Văn An" (messages)
    values: dict[str, str]


@dataclass(frozen=True)
class CertificateBatch:
    decision_id: int
    label: str
    sheets: tuple[CertificateSheet, ...]
    layouts: dict[str, CertificateLayout]
    skipped: tuple[str, ...] = ()

    @property
    def count(self) -> int:
        return len(self.sheets)


def _label(d: Decision) -> str:
    parts = [f"Quyết định số {d.number}" if d.number else "Quyết định chưa cấp số"]
    if d.decision_date:
        parts.append(f"ngày {format_date(d.decision_date)}")
    return " ".join(parts)


def _problem(d: Decision) -> str | None:
    if d.status == DRAFT:
        return (
            "Quyết định còn là dự thảo: chưa có số, ngày và số sổ vàng để in giấy khen. "
            "Hãy ban hành quyết định trước."
        )
    if d.status == REVOKED:
        return "Quyết định đã bị thu hồi: không in giấy khen, bằng khen."
    return None


def _load(session: Session, decision_id: int) -> Decision:
    d = session.get(Decision, decision_id)
    if d is None:
        raise NotFoundError(f"Không tìm thấy quyết định id={decision_id}")
    return d


def _period(d: Decision) -> tuple[str, str]:
    frm, to = d.period_from_year, d.period_to_year
    last = to or frm
    if last is None:
        return "", ""
    if frm is None or to is None or frm == to:
        return f"năm {last}", str(last)
    return f"giai đoạn {frm} - {to}", str(last)


def certificate_source(session: Session, decision_id: int) -> CertificateSource:
    d = _load(session, decision_id)
    layouts = certificate_layouts()
    texts = recipient_texts(session, d)
    revoked = revoked_records(session, (t.row.award_record_id for t in texts))
    lines = tuple(
        CertificateLine(
            recipient_id=t.row.id,
            stt=n,
            subject_kind=t.row.subject_kind,
            name=t.name,
            award_code=t.row.catalogue_code,
            award_name=award_name(t.row.catalogue_code),
            golden_book_no=t.row.golden_book_no,
            revoked=t.row.award_record_id in revoked,
            layout_code=layout_for_award(layouts, t.row.catalogue_code),
            person_id=t.row.person_id,
        )
        for n, t in enumerate(texts, start=1)
    )
    return CertificateSource(
        decision_id=d.id,
        number=d.number or "",
        label=_label(d),
        lines=lines,
        wording=decision_wording(session, d.id),
        problem=_problem(d),
    )


def _genders(session: Session, ids: Iterable[int]) -> dict[int, str | None]:
    wanted = set(ids)
    if not wanted:
        return {}
    return dict(
        session.execute(select(Person.id, Person.gender).where(Person.id.in_(wanted))).all()
    )


def certificate_batch(
    session: Session,
    decision_id: int,
    *,
    recipient_ids: Iterable[int] | None = None,
    layout_code: str | None = None,
    wording: str | None = None,
) -> CertificateBatch:
    """The sheets of a decision in its order: every line, or those of ``recipient_ids``.

    ``layout_code`` prints every sheet on that blank; else each line takes the layout serving
    its award. ``wording`` (a template: "... {period}") replaces the decision's saved wording
    for this print; empty or None uses the saved one, then the layout's, then the catalogue's.
    Raises :class:`ValidationError` for a draft or revoked decision, an unknown layout, a line
    no layout serves, a wrong wording, or when nothing is left to print."""
    d = _load(session, decision_id)
    problem = _problem(d)
    if problem:
        raise ValidationError(problem)
    layouts = certificate_layouts()
    if layout_code is not None and layout_code not in layouts:
        raise ValidationError(
            f"Không có mẫu phôi '{layout_code}' (có: {', '.join(layouts) or 'không mẫu nào'})"
        )
    chosen = clean(wording) or decision_wording(session, d.id)
    problems = validate_wording(chosen) if chosen else []
    if problems:
        raise ValidationError(problems)
    agency = get_agency(session).normalised()
    place = "" if agency.place.strip(". ") == "" else agency.place
    texts = recipient_texts(session, d)
    revoked = revoked_records(session, (t.row.award_record_id for t in texts))
    wanted = None if recipient_ids is None else set(recipient_ids)
    genders = _genders(session, (t.row.person_id for t in texts if t.row.person_id is not None))
    period, year = _period(d)
    common = {
        "period": period,
        "year": year,
        "decision_number": d.number or "",
        "decision_date": format_date(d.decision_date),
        "decision_date_words": date_words(d.decision_date) if d.decision_date else "",
        "place": place,
        "place_date": formal_date_line(place, d.decision_date) if d.decision_date else "",
        "authority": clean(d.authority),
        "agency": agency.agency,
        "signer_authority": clean(d.signer_authority_line),
        "signer_title": clean(d.signer_title),
        "signer_name": clean(d.signer_name),
    }
    sheets, skipped, unserved = [], [], []
    for n, t in enumerate(texts, start=1):
        row = t.row
        if wanted is not None and row.id not in wanted:
            continue
        salutation = ""
        if row.subject_kind == CA_NHAN:
            salutation = {"NAM": "Ông", "NU": "Bà"}.get(genders.get(row.person_id or 0) or "", "")
        recipient = f"{salutation} {t.name}".strip()
        label = f"{n}. {recipient}"
        if row.award_record_id in revoked:
            skipped.append(f"{label}: khen thưởng đã bị thu hồi, không in")
            continue
        code = layout_code or layout_for_award(layouts, row.catalogue_code)
        if code is None:
            unserved.append(f"{label} ({award_name(row.catalogue_code)})")
            continue
        layout = layouts[code]
        values = {
            **common,
            "recipient": recipient,
            "name": t.name,
            "salutation": salutation,
            "position": t.job,
            "unit": t.unit,
            "award": award_name(row.catalogue_code),
            "golden_book_no": "" if row.golden_book_no is None else str(row.golden_book_no),
        }
        template = (
            chosen
            or layout.wording_for(row.catalogue_code)
            or _catalogue_wording(row.catalogue_code)
        )
        values["achievement"] = fill(template, values, keep_empty=True)
        sheets.append(CertificateSheet(row.id, code, label, values))
    if unserved:
        raise ValidationError(
            [
                "Không có mẫu phôi cho danh hiệu, hình thức của các dòng: "
                + "; ".join(unserved)
                + ". Hãy chọn một mẫu phôi (hoặc thêm mã vào 'awards' của mẫu trong tệp "
                f"{LAYOUTS_FILE})."
            ]
        )
    if not sheets:
        raise ValidationError(
            ["Không có giấy khen nào để in" + (": " + "; ".join(skipped) if skipped else "")]
        )
    used = {s.layout_code for s in sheets}
    return CertificateBatch(
        decision_id=d.id,
        label=_label(d),
        sheets=tuple(sheets),
        layouts={code: layouts[code] for code in layouts if code in used},
        skipped=tuple(skipped),
    )


def find_decision(session: Session, number: str, year: int | None = None) -> int:
    """The decision numbered ``number`` (in ``year`` when given)."""
    return resolve_decision(session, ReportParams(decision_number=number, year=year))
