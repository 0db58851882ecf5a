"""Data of the decision and statistics forms (issue 6): plain DTOs for :mod:`app.excel.forms`.

- :func:`decision_annex_data` -- "DANH SÁCH ... (Kèm theo Quyết định số ... ngày ... của ...)"
  (domain.md §7.3): sections I. Cá nhân, II. Tập thể, III. Hộ gia đình in the clerk's order.
- :func:`bonus_list_data` -- Danh sách chi tiền thưởng (§8.6) from
  :func:`app.services.money.decision_amounts`.
- :func:`award_history_data` -- the award history of one person (with grades by year) or of
  one unit (with its predecessors under their old names).
- :func:`stat_0601_data` ... :func:`stat_0605_data` -- the statistics forms of Thông tư
  02/2023/TT-BNV with the row codes and columns of domain.md §8.7 (practice, unverified).
  What the data cannot tell (who submitted a State-level award, the households' column, the
  receiving body, the secretariat of 0604 and 0605) comes from the settings of
  :mod:`app.services.report_settings`; what the clerk should know before sending (records
  left out) is in ``warnings``, shown on the screen and by the CLI, never printed.
- :func:`yearly_summary_data` -- counts per unit (tree order) and title for a year.

Which awards a statistics form counts: the award records not revoked whose decision is dated
in the reporting year (01/01 - 31/12), and the lines of the agency's issued decisions of that
year that have no award record yet. Records without a decision date are left out and counted
in a warning. The yearly summary counts by achievement year instead (titles "năm 2025").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from app.db.models import (
    AwardRecord,
    Campaign,
    CatalogueItemRow,
    Decision,
    DecisionRecipient,
    Person,
    PersonGrade,
    Unit,
    UnitGrade,
)
from app.domain.campaigns import SCOPE_ROWS, THEMATIC
from app.domain.errors import NotFoundError, ValidationError
from app.domain.report_settings import (
    ORGANISATION_ROWS,
    ROUTE_MINISTRY,
    ROUTE_THEMATIC_MINISTRY,
    TRAINING_LEVELS,
    SecretariatMember,
)
from app.domain.settings import AgencySettings
from app.domain.vnformat import date_words, format_date, format_money, money_in_words
from app.domain.vntext import clean, fold_key
from app.services.code_lists import kind_like
from app.services.money import (
    COUNTED_STATUSES,
    decision_amounts,
    recipient_texts,
)
from app.services.people_queries import current_assignments
from app.services.reference import codes
from app.services.report_settings import get_secretariat, get_stat_settings
from app.services.settings import get_agency
from app.services.units import lineage, list_units

__all__ = [
    "AnnexLine",
    "AnnexSection",
    "AwardHistoryData",
    "BonusLine",
    "BonusListData",
    "DecisionAnnexData",
    "HistoryLine",
    "StatColumn",
    "StatFormData",
    "StatRow",
    "SummaryColumn",
    "SummaryRow",
    "YearlySummaryData",
    "award_history_data",
    "bonus_list_data",
    "decision_annex_data",
    "stat_0601_data",
    "stat_0602_data",
    "stat_0603_data",
    "stat_0604_data",
    "stat_0605_data",
    "yearly_summary_data",
]

SUBJECT_NAMES = {"CA_NHAN": "Cá nhân", "TAP_THE": "Tập thể", "HO_GIA_DINH": "Hộ gia đình"}
SECTION_ORDER = ("CA_NHAN", "TAP_THE", "HO_GIA_DINH")
ROMAN = ("I", "II", "III")
OWN = "OWN"
REVOKED = "REVOKED"
# how the amounts of collectives and households were computed (the method is a setting)
METHOD_LINES = {
    "A": "Tiền thưởng tập thể, hộ gia đình: hệ số của tập thể, hộ gia đình nhân mức lương cơ "
    "sở, làm tròn một lần.",
    "B": "Tiền thưởng tập thể, hộ gia đình: gấp 2 lần (tập thể), 1,5 lần (hộ gia đình) mức "
    "tiền thưởng cá nhân đã làm tròn, rồi làm tròn lại.",
}
STATUS_NAMES = {
    "DRAFT": "dự thảo",
    "ISSUED": "đã ban hành",
    "CORRECTED": "đã đính chính",
    REVOKED: "đã thu hồi",
}


# =========================================================================== decision annex


@dataclass(frozen=True)
class AnnexLine:
    stt: int
    name: str
    job_title: str
    unit: str
    title_name: str
    golden_book_no: int | None
    subject_kind: str


@dataclass(frozen=True)
class AnnexSection:
    label: str  # "I", "II"... ("" when the list has one kind of recipient)
    name: str  # "Cá nhân"
    lines: tuple[AnnexLine, ...]


@dataclass(frozen=True)
class DecisionAnnexData:
    agency: AgencySettings  # the header block: the issuing body
    decision_id: int
    number: str
    decision_date: date | None
    title: str  # "DANH SÁCH CÁ NHÂN ĐƯỢC CÔNG NHẬN DANH HIỆU ... NĂM 2025"
    attribution: str  # "(Kèm theo Quyết định số ... ngày ... của ...)"
    name_header: str  # "Họ và tên", "Tên tập thể" or "Họ và tên / Tên tập thể"
    sections: tuple[AnnexSection, ...]
    show_titles: bool  # lines award different titles: a column for it
    show_golden: bool  # golden-book numbers assigned: a column for them
    status_note: str  # "" or why the list is not final (draft, revoked...)
    closing: str  # "Danh sách gồm 2 cá nhân và 1 tập thể./."
    # placeholders of the wording: doi_tuong, khen_thuong, thoi_gian, so_qd, ngay_qd,
    # tham_quyen_qd, so_luong (see decision_forms.ANNEX)
    values: dict[str, object] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return sum(len(s.lines) for s in self.sections)

    @property
    def count_label(self) -> str:
        return "dòng"


def _decision(session: Session, decision_id: int) -> Decision:
    decision = session.get(Decision, decision_id)
    if decision is None:
        raise NotFoundError(f"Không tìm thấy quyết định id={decision_id}")
    return decision


def _catalogue_rows(session: Session) -> dict[str, CatalogueItemRow]:
    return {row.code: row for row in session.scalars(select(CatalogueItemRow))}


def _header_agency(session: Session, decision: Decision) -> AgencySettings:
    """The header block is the agency printing the form, whoever issued the decision (a
    superior's authority is named in the title and the attribution line instead)."""
    return get_agency(session)


def _giver(decision: Decision, agency: AgencySettings) -> str:
    """Who issued a decision that is not the agency's own ("Chủ tịch UBND tỉnh"); "" for the
    agency's own decisions, recorded by it or imported with its history ("Giám đốc Sở Nông
    nghiệp và Môi trường")."""
    authority = clean(decision.authority)
    if decision.origin == OWN or not authority:
        return ""
    own = fold_key(agency.agency)
    return "" if own and own in fold_key(authority) else authority


def _period_words(decision: Decision) -> str:
    frm, to = decision.period_from_year, decision.period_to_year
    if frm is None and to is None:
        return ""
    if frm is None or to is None or frm == to:
        return f"năm {to or frm}"
    return f"giai đoạn {frm} - {to}"


def _award_words(code: str | None, rows: dict[str, CatalogueItemRow], giver: str = "") -> str:
    """ "được công nhận danh hiệu Lao động tiên tiến" / "được tặng Giấy khen của ..."; with
    the ``giver`` of a superior's decision: "được Chủ tịch UBND tỉnh công nhận danh hiệu ...",
    unless the form's name already says whose it is ("Bằng khen của Chủ tịch ...")."""
    row = rows.get(code or "")
    by = f" {giver}" if giver else ""
    if row is None:
        return f"được{by} khen thưởng"
    if row.kind == "DANH_HIEU":
        return f"được{by} công nhận danh hiệu {row.name}"
    if " của " in f" {row.name} ":
        return f"được tặng {row.name}"
    return f"được{by} tặng {row.name}"


def _award_name(code: str | None, rows: dict[str, CatalogueItemRow], giver: str = "") -> str:
    """The title or form of a payment list: "Lao động tiên tiến", "Tập thể lao động xuất sắc
    do Chủ tịch UBND tỉnh công nhận", "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"."""
    row = rows.get(code or "")
    if row is None:
        return "khen thưởng" + (f" theo quyết định của {giver}" if giver else "")
    if not giver or " của " in f" {row.name} ":
        return row.name
    return f"{row.name} do {giver} " + ("công nhận" if row.kind == "DANH_HIEU" else "tặng")


def _number_text(decision: Decision, agency: AgencySettings) -> str:
    if decision.number:
        return decision.number
    suffix = f"/QĐ-{agency.abbreviation}" if agency.abbreviation else "/QĐ"
    return " " * 6 + suffix


def decision_values(session: Session, decision: Decision) -> dict[str, object]:
    """Placeholders of a decision for the wording of its forms: {so_qd}, {ngay_qd} ("ngày 15
    tháng 01 năm 2026"), {tham_quyen_qd} (its authority), {thoi_gian} ("năm 2025")."""
    agency = get_agency(session).normalised()
    day = (
        date_words(decision.decision_date)
        if decision.decision_date
        else "ngày      tháng      năm        "
    )
    return {
        "so_qd": _number_text(decision, agency),
        "ngay_qd": day,
        "tham_quyen_qd": clean(decision.authority),
        "thoi_gian": _period_words(decision),
    }


def attribution_line(session: Session, decision: Decision) -> str:
    """ "(Kèm theo Quyết định số 05/QĐ-SNNMT ngày 15 tháng 01 năm 2026 của Giám đốc Sở ...)"."""
    v = decision_values(session, decision)
    by = f" của {v['tham_quyen_qd']}" if v["tham_quyen_qd"] else ""
    return f"(Kèm theo Quyết định số {v['so_qd']} {v['ngay_qd']}{by})"


def _status_note(decision: Decision) -> str:
    if decision.status == REVOKED:
        what = f" theo {decision.revoke_document}" if decision.revoke_document else ""
        when = f" ngày {format_date(decision.revoke_date)}" if decision.revoke_date else ""
        return f"Quyết định này đã bị thu hồi{what}{when}."
    if decision.status == "DRAFT":
        return "Dự thảo: quyết định chưa ban hành."
    if decision.status == "CORRECTED" and decision.correction_document:
        return f"Đã đính chính theo {decision.correction_document}."
    return ""


def _counts_words(counts: dict[str, int]) -> str:
    parts = [f"{counts[k]:02d} {SUBJECT_NAMES[k].lower()}" for k in SECTION_ORDER if counts.get(k)]
    return " và ".join(parts) if len(parts) <= 2 else ", ".join(parts[:-1]) + " và " + parts[-1]


def decision_annex_data(session: Session, decision_id: int) -> DecisionAnnexData:
    """The list attached to a decision, from its lines in the clerk's order."""
    decision = _decision(session, decision_id)
    rows = _catalogue_rows(session)
    recipients = recipient_texts(session, decision)
    kinds = [k for k in SECTION_ORDER if any(r.row.subject_kind == k for r in recipients)]
    codes_used = {r.row.catalogue_code for r in recipients}
    code = decision.catalogue_code or (next(iter(codes_used)) if len(codes_used) == 1 else None)
    sections = []
    for i, kind in enumerate(kinds):
        lines = tuple(
            AnnexLine(
                stt=n,
                name=r.name,
                job_title=r.job,
                unit="" if clean(r.unit) == clean(r.name) else r.unit,
                title_name=rows[r.row.catalogue_code].name
                if r.row.catalogue_code in rows
                else r.row.catalogue_code,
                golden_book_no=r.row.golden_book_no,
                subject_kind=kind,
            )
            for n, r in enumerate((r for r in recipients if r.row.subject_kind == kind), start=1)
        )
        label = ROMAN[i] if len(kinds) > 1 else ""
        sections.append(AnnexSection(label, SUBJECT_NAMES[kind], lines))
    names = [SUBJECT_NAMES[k].lower() for k in (kinds or ["CA_NHAN"])]
    who = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " và " + names[-1]
    award = _award_words(
        code if len(codes_used) <= 1 else decision.catalogue_code,
        rows,
        _giver(decision, get_agency(session)),
    )
    title = " ".join(x for x in ("Danh sách", who, award, _period_words(decision)) if x)
    if kinds == ["TAP_THE"]:
        name_header = "Tên tập thể"
    elif kinds == ["HO_GIA_DINH"]:
        name_header = "Tên hộ gia đình"
    elif len(kinds) > 1:
        name_header = "Họ và tên / Tên tập thể"
    else:
        name_header = "Họ và tên"
    counts = {k: sum(1 for r in recipients if r.row.subject_kind == k) for k in kinds}
    closing = f"Danh sách gồm {_counts_words(counts)}./." if counts else ""
    values = {
        **decision_values(session, decision),
        "doi_tuong": who,
        "khen_thuong": award,
        "so_luong": _counts_words(counts),
    }
    return DecisionAnnexData(
        agency=_header_agency(session, decision),
        decision_id=decision.id,
        number=decision.number or "",
        decision_date=decision.decision_date,
        title=title.upper(),
        attribution=attribution_line(session, decision),
        name_header=name_header,
        sections=tuple(sections),
        show_titles=len(codes_used) > 1,
        show_golden=any(r.row.golden_book_no is not None for r in recipients),
        status_note=_status_note(decision),
        closing=closing,
        values=values,
    )


# =========================================================================== bonus list


@dataclass(frozen=True)
class BonusLine:
    stt: int
    name: str
    unit: str
    title_name: str
    decision_number: str
    coefficient: Decimal
    base_salary: int
    amount: int  # what is paid (0 for a line not paid)
    note: str


@dataclass(frozen=True)
class BonusListData:
    agency: AgencySettings
    on: date  # the day the list is drawn up (date line of the signatures)
    decision_id: int
    title: str
    attribution: str
    salary_line: str
    method_line: str  # "" when only individuals
    warnings: tuple[str, ...]
    lines: tuple[BonusLine, ...]
    total: int
    total_words: str  # "Bảy trăm mười nghìn đồng"
    status_note: str = ""  # why the list is not final (draft, revoked), printed under the title
    # placeholders of the wording: khen_thuong, thoi_gian, so_qd, ngay_qd, tham_quyen_qd
    values: dict[str, object] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return len(self.lines)

    @property
    def count_label(self) -> str:
        return "dòng"


def bonus_list_data(session: Session, decision_id: int, on: date | None = None) -> BonusListData:
    """The payment list of a decision: a line per recipient and award paid. A recipient paid
    only the highest of several titles of this decision appears once, with a note (§8.6)."""
    decision = _decision(session, decision_id)
    money = decision_amounts(session, decision_id)
    rows = _catalogue_rows(session)
    subject_of = {
        r.id: (r.subject_kind, r.person_id, r.unit_id, clean(r.recipient_name or "").casefold())
        for r in session.scalars(
            select(DecisionRecipient).where(DecisionRecipient.decision_id == decision_id)
        )
    }
    paid_here = {
        subject_of[line.recipient_id]
        for line in money.lines
        if line.paid
        and rows.get(line.catalogue_code)
        and rows[line.catalogue_code].kind == "DANH_HIEU"
    }
    folded: dict[tuple, list[str]] = {}
    kept = []
    for line in money.lines:
        subject = subject_of[line.recipient_id]
        if (
            not line.paid
            and line.amount
            and subject in paid_here
            and line.note.startswith("Không chi")
        ):
            row = rows.get(line.catalogue_code)
            folded.setdefault(subject, []).append(row.short_name if row else line.title_name)
            continue
        kept.append(line)
    out: list[BonusLine] = []
    for stt, line in enumerate(kept, start=1):
        notes = [line.note] if line.note else []
        subject = subject_of[line.recipient_id]
        is_title = rows.get(line.catalogue_code) is not None and (
            rows[line.catalogue_code].kind == "DANH_HIEU"
        )
        if line.paid and is_title and subject in folded:
            notes.append(
                "Không chi thêm "
                + ", ".join(folded.pop(subject))
                + " cùng kỳ: chỉ chi danh hiệu cao nhất (NĐ 152/2025, Điều 49 khoản 5)"
            )
        out.append(
            BonusLine(
                stt=stt,
                name=line.name,
                unit="" if clean(line.unit) == clean(line.name) else line.unit,
                title_name=line.title_name,
                decision_number=money.number,
                coefficient=line.coefficient,
                base_salary=line.base_salary,
                amount=line.paid_amount,
                note="; ".join(notes),
            )
        )
    total = sum(line.amount for line in out)
    step = money.base_salary
    basis = f" ({step.legal_basis})" if step.legal_basis else ""
    salary_line = (
        f"Mức lương cơ sở áp dụng: {format_money(step.amount)} đồng/tháng{basis}, có hiệu lực từ "
        f"ngày {format_date(step.effective_from)}"
    )
    groups = {line.subject_kind for line in money.lines}
    method_line = ""
    if groups - {"CA_NHAN"}:  # the method is a setting (Thiết lập > Tiền thưởng)
        method_line = METHOD_LINES.get(money.method, "")
    code = decision.catalogue_code
    codes_used = {line.catalogue_code for line in money.lines}
    if code is None and len(codes_used) == 1:
        code = next(iter(codes_used))
    what = _award_name(code, rows, _giver(decision, get_agency(session)))
    title = " ".join(x for x in ("Danh sách chi tiền thưởng", what, _period_words(decision)) if x)
    return BonusListData(
        agency=_header_agency(session, decision),
        on=on or date.today(),
        decision_id=decision.id,
        title=title.upper(),
        attribution=attribution_line(session, decision),
        salary_line=salary_line,
        method_line=method_line,
        warnings=money.warnings,
        lines=tuple(out),
        total=total,
        total_words=money_in_words(total),
        status_note=_status_note(decision),
        values={**decision_values(session, decision), "khen_thuong": what},
    )


# =========================================================================== award history


@dataclass(frozen=True)
class HistoryLine:
    year_text: str  # "2025", "2021 - 2025", "" for a grade-only year continued
    grade: str
    title_name: str
    award_type: str
    decision_number: str
    decision_date: date | None
    authority: str
    note: str
    revoked: bool


@dataclass(frozen=True)
class AwardHistoryData:
    agency: AgencySettings
    on: date
    subject: str  # "person" or "unit"
    title: str
    info: tuple[str, ...]  # lines under the title (name, birth, position, unit...)
    lines: tuple[HistoryLine, ...]

    @property
    def count(self) -> int:
        return sum(1 for line in self.lines if line.title_name)

    @property
    def count_label(self) -> str:
        return "khen thưởng"


def _type_name(code: str | None) -> str:
    """The kind of an award in one or two words ("Công trạng", "Chuyên đề"), as the rows of
    the statistics forms name them; the code table's name for a kind they do not list."""
    kind = code or "CONG_TRANG"
    for method, label in _METHOD_ROWS:
        if method == kind:
            return "Công trạng" if method == "CONG_TRANG" else label
    name = codes().name_of("award_types", kind)
    short = name.removeprefix("Khen thưởng ").strip()
    return short[:1].upper() + short[1:] if short else ""


def _record_year(rec: AwardRecord) -> tuple[int | None, str]:
    frm, to = rec.period_from_year, rec.period_to_year
    if frm is not None and to is not None and frm != to:
        return to, f"{frm} - {to}"
    year = rec.year or to or frm or (rec.decision_date.year if rec.decision_date else None)
    return year, str(year) if year else ""


def _history_lines(
    records: Sequence[AwardRecord],
    grades: dict[int, str],
    rows: dict[str, CatalogueItemRow],
    notes: Callable[[AwardRecord], str],
) -> tuple[HistoryLine, ...]:
    by_year: dict[int | None, list[tuple[str, AwardRecord]]] = {}
    for rec in records:
        year, text = _record_year(rec)
        by_year.setdefault(year, []).append((text, rec))
    years: list[int | None] = [*sorted(y for y in {*by_year, *grades} if y is not None)]
    if None in by_year:
        years.append(None)
    out: list[HistoryLine] = []
    for year in years:
        grade = grades.get(year, "") if year is not None else ""
        entries = sorted(
            by_year.get(year, []),
            key=lambda e: (e[1].decision_date or date.min, e[1].id),
        )
        if not entries:
            out.append(HistoryLine(str(year), grade, "", "", "", None, "", "", False))
            continue
        for i, (text, rec) in enumerate(entries):
            row = rows.get(rec.catalogue_code)
            note = notes(rec)
            if rec.revoked:
                note = "; ".join(x for x in ("Đã thu hồi", note) if x)
            out.append(
                HistoryLine(
                    year_text=text or (str(year) if year else ""),
                    grade=grade if i == 0 else "",
                    title_name=row.name if row is not None else rec.catalogue_code,
                    award_type=_type_name(rec.award_type),
                    decision_number=rec.decision_number or "",
                    decision_date=rec.decision_date,
                    authority=clean(rec.authority or ""),
                    note=note,
                    revoked=rec.revoked,
                )
            )
    return tuple(out)


def award_history_data(
    session: Session,
    person_id: int | None = None,
    unit_id: int | None = None,
    on: date | None = None,
) -> AwardHistoryData:
    """Every award record of a person (with the grade of each year) or of a unit (with its
    predecessors, whose old names are noted), oldest year first; revoked ones marked."""
    rows = _catalogue_rows(session)
    day = on or date.today()
    grade_names = {e.code: e.name for e in codes().table("grades")}
    if person_id is not None:
        person = session.get(Person, person_id)
        if person is None:
            raise NotFoundError(f"Không tìm thấy cán bộ id={person_id}")
        records = session.scalars(select(AwardRecord).where(AwardRecord.person_id == person_id))
        grades = {
            g.year: grade_names.get(g.grade, g.grade)
            for g in session.scalars(select(PersonGrade).where(PersonGrade.person_id == person_id))
        }
        placed = current_assignments(session, day).get(person_id)
        units = {u.id: u.full_name for u in list_units(session)}
        info = [f"Họ và tên: {person.full_name}"]
        if person.birth_date:
            info.append(f"Ngày sinh: {format_date(person.birth_date)}")
        elif person.birth_year:
            info.append(f"Năm sinh: {person.birth_year}")
        if placed is not None:
            _unit, position, _rank = placed
            where = units.get(_unit, "")
            info.append("Chức vụ, đơn vị công tác: " + ", ".join(x for x in (position, where) if x))
        lines = _history_lines(list(records), grades, rows, lambda r: clean(r.note or ""))
        return AwardHistoryData(
            agency=get_agency(session),
            on=day,
            subject="person",
            title="Quá trình khen thưởng của cá nhân".upper(),
            info=tuple(info),
            lines=lines,
        )
    if unit_id is None:
        raise ValidationError("Sổ theo dõi khen thưởng cần chọn một cán bộ hoặc một đơn vị")
    chain = lineage(session, unit_id)
    names = {u.id: u.full_name for u in chain}
    records = session.scalars(
        select(AwardRecord).where(
            AwardRecord.unit_id.in_(names), AwardRecord.subject_kind == "TAP_THE"
        )
    )
    grades = {
        g.year: grade_names.get(g.grade, g.grade)
        for g in session.scalars(select(UnitGrade).where(UnitGrade.unit_id.in_(names)))
    }

    def note_of(rec: AwardRecord) -> str:
        old = ""
        if rec.unit_id is not None and rec.unit_id != unit_id:
            old = f"Khi mang tên {names[rec.unit_id]}"
        return "; ".join(x for x in (old, clean(rec.note or "")) if x)

    unit = chain[0]
    info = [f"Tên tập thể: {unit.full_name}"]
    if len(chain) > 1:
        info.append("Tiền thân: " + "; ".join(u.full_name for u in chain[1:]))
    return AwardHistoryData(
        agency=get_agency(session),
        on=day,
        subject="unit",
        title="Quá trình khen thưởng của tập thể".upper(),
        info=tuple(info),
        lines=_history_lines(list(records), grades, rows, note_of),
    )


# =========================================================================== statistics forms


@dataclass(frozen=True)
class StatColumn:
    header: str
    group: str | None = None
    width: float = 8.0


@dataclass(frozen=True)
class StatRow:
    label: str
    code: str  # "" for a heading row ("Chia theo ...")
    unit: str  # Đơn vị tính ("" when the form has no such column)
    values: tuple[int, ...] | None  # None for a heading row
    bold: bool = False
    indent: int = 0
    sums: tuple[str, ...] = ()  # the codes of the rows this row adds up (a SUM in the form)


@dataclass(frozen=True)
class StatFormData:
    agency: AgencySettings
    year: int
    on: date
    form_number: str  # "0603.N/BNV-TĐKT"
    title: str
    period: str  # "Năm 2026 (từ 01/01/2026 đến 31/12/2026)"
    count_unit: str  # "Đơn vị tính: Phong trào" ("" when the form has a unit column)
    receiver: str
    has_unit_column: bool
    columns: tuple[StatColumn, ...]  # the count columns (numbered 1, 2...)
    rows: tuple[StatRow, ...]
    # what the clerk should know before sending (records left out...): shown on the screen
    # and by the CLI, never printed on the form
    warnings: tuple[str, ...] = ()
    total_column: bool = True  # column 1 is the sum of the other count columns

    @property
    def count(self) -> int:
        first = next((r for r in self.rows if r.values is not None), None)
        return first.values[0] if first is not None and first.values else 0

    @property
    def count_label(self) -> str:
        labels = {"0601": "phong trào", "0604": "tổ chức", "0605": "người"}
        return labels.get(self.form_number[:4], "lượt khen thưởng")


STAT_SOURCE = "Thông tư số 02/2023/TT-BNV ngày 23/3/2023"
THEMATIC_AWARD = "CHUYEN_DE"  # award type of a thematic campaign


@dataclass(frozen=True)
class _Fact:
    """One award counted by a statistics form."""

    code: str
    subject_kind: str
    category: str  # person or collective category of domain.md §10
    award_type: str


def _period_text(year: int) -> str:
    return f"Năm {year} (từ ngày 01/01/{year} đến ngày 31/12/{year})"


def _award_facts(session: Session, year: int) -> tuple[list[_Fact], int]:
    """Awards decided in ``year`` (not revoked) and how many records had no decision date."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    people = {pid: cat for pid, cat in session.execute(select(Person.id, Person.subject_category))}
    units = {uid: cat for uid, cat in session.execute(select(Unit.id, Unit.collective_category))}
    titles = current_assignments(session, last)
    table = codes()

    def category(kind: str, pid: int | None, uid: int | None, stored: str | None) -> str:
        if stored:
            return stored
        if kind == "CA_NHAN":
            own = people.get(pid) if pid is not None else None
            if own:
                return own
            placed = titles.get(pid) if pid is not None else None
            return table.position_category(placed[1]) if placed else "TRUC_TIEP"
        if kind == "TAP_THE":
            return (units.get(uid) if uid is not None else None) or "TT_KHAC"
        return "HO_GIA_DINH"

    facts: list[_Fact] = []
    undated = 0
    linked: set[int] = set()
    for rec in session.scalars(select(AwardRecord).where(AwardRecord.revoked.is_(False))):
        if rec.decision_date is None:
            if rec.year == year:
                undated += 1
            continue
        if not first <= rec.decision_date <= last:
            continue
        linked.add(rec.id)
        facts.append(
            _Fact(
                rec.catalogue_code,
                rec.subject_kind,
                category(rec.subject_kind, rec.person_id, rec.unit_id, rec.subject_category),
                kind_like("award_types", rec.award_type or "CONG_TRANG"),
            )
        )
    lines = session.execute(
        select(DecisionRecipient, Decision)
        .join(Decision, Decision.id == DecisionRecipient.decision_id)
        .where(
            Decision.status.in_(COUNTED_STATUSES),
            Decision.decision_date >= first,
            Decision.decision_date <= last,
            DecisionRecipient.award_record_id.is_(None),
        )
    )
    for line, decision in lines:
        facts.append(
            _Fact(
                line.catalogue_code,
                line.subject_kind,
                category(line.subject_kind, line.person_id, line.unit_id, None),
                kind_like("award_types", decision.award_type or "CONG_TRANG"),
            )
        )
    return facts, undated


def _matrix(
    facts: Iterable[_Fact],
    column_of: Callable[[_Fact], int | None],
    ncols: int,
    rows: Sequence[tuple[str, str, str, Callable[[_Fact], bool] | None, int]],
    sums: dict[str, tuple[str, ...]] | None = None,
) -> tuple[StatRow, ...]:
    """Rows of counts: column 0 is the total of the others; heading rows have no predicate.
    ``sums``: the rows (by code) that are the sum of other rows."""
    placed: list[tuple[_Fact, int]] = []
    for fact in facts:
        col = column_of(fact)
        if col is not None:
            placed.append((fact, col))
    out = []
    for label, code, unit, keep, indent in rows:
        if keep is None:
            out.append(StatRow(label, "", "", None, bold=True))
            continue
        values = [0] * ncols
        for fact, col in placed:
            if keep(fact):
                values[col] += 1
        values[0] = sum(values[1:])
        out.append(
            StatRow(
                label,
                code,
                unit,
                tuple(values),
                bold=indent == 0,
                indent=indent,
                sums=(sums or {}).get(code, ()),
            )
        )
    return tuple(out)


# ---- 0601: campaigns


def _months(start: date, end: date) -> int:
    """Whole months from ``start`` to the day after ``end`` (01/01 - 31/12 is 12)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    return months + (1 if end.day >= start.day - 1 else 0)


def _duration_row(start: date, end: date) -> str:
    months = _months(start, end)
    if months < 12:
        return "06"
    if months == 12:
        return "07"
    if months < 36:
        return "08"
    if months < 60:
        return "09"
    return "10"


def stat_0601_data(session: Session, year: int, on: date | None = None) -> StatFormData:
    """Biểu 0601.N/BNV-TĐKT: campaigns carried out in the year, by launch level (columns),
    scope, duration and kind (rows)."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    campaigns = [
        c
        for c in session.scalars(select(Campaign))
        if c.start_date <= last and (c.end_date or date(c.year, 12, 31)) >= first
    ]
    level_col = {"CAP_TRUNG_UONG": 1, "CAP_BO_TINH": 2, "CAP_CO_QUAN": 3}
    unknown_level = sum(1 for c in campaigns if c.launch_level not in level_col)
    facts = [
        (
            level_col.get(c.launch_level or "", 3),
            SCOPE_ROWS.get(c.scope, "05"),
            _duration_row(c.start_date, c.end_date or date(c.year, 12, 31)),
            "11" if kind_like("campaign_kinds", c.kind) == THEMATIC else "12",
        )
        for c in campaigns
    ]
    spec: list[tuple[str, str | None]] = [
        ("Tổng số", "01"),
        ("Chia theo phạm vi", None),
        ("Toàn quốc", "02"),
        ("Bộ, ngành, địa phương", "03"),
        ("Cụm, khối", "04"),
        ("Cơ quan, đơn vị", "05"),
        ("Chia theo thời gian thực hiện", None),
        ("Dưới 1 năm", "06"),
        ("1 năm", "07"),
        ("Từ 1 năm đến dưới 3 năm", "08"),
        ("Từ 3 năm đến dưới 5 năm", "09"),
        ("Từ 5 năm trở lên", "10"),
        ("Chia theo hình thức", None),
        ("Chuyên đề", "11"),
        ("Thường xuyên hằng năm", "12"),
    ]
    rows = []
    for label, code in spec:
        if code is None:
            rows.append(StatRow(label, "", "", None, bold=True))
            continue
        values = [0, 0, 0, 0]
        for col, scope, duration, kind in facts:
            if code == "01" or code in (scope, duration, kind):
                values[col] += 1
        values[0] = sum(values[1:])
        rows.append(
            StatRow(
                label,
                code,
                "",
                tuple(values),
                bold=code == "01",
                indent=0 if code == "01" else 1,
                sums=("02", "03", "04", "05") if code == "01" else (),
            )
        )
    warnings = []
    if unknown_level:
        warnings.append(
            f"{unknown_level} phong trào chưa ghi cấp phát động: tính vào cột 4 (Cơ quan, tổ "
            "chức, đơn vị); ghi cấp phát động ở màn hình Phong trào để tính đúng cột."
        )
    if not campaigns:
        warnings.append(f"Chưa có phong trào thi đua nào trong năm {year}.")
    return StatFormData(
        agency=get_agency(session),
        year=year,
        on=on or date.today(),
        form_number="0601.N/BNV-TĐKT",
        title="SỐ PHONG TRÀO THI ĐUA",
        period=_period_text(year),
        count_unit="Đơn vị tính: Phong trào",
        receiver=get_stat_settings(session).receiver,
        has_unit_column=False,
        columns=(
            StatColumn("Tổng số (1 = 2 + 3 + 4)", None, 11),
            StatColumn("Cấp Trung ương", "Chia theo cấp phát động", 11),
            StatColumn("Bộ, ngành, tỉnh", "Chia theo cấp phát động", 11),
            StatColumn("Cơ quan, tổ chức, đơn vị", "Chia theo cấp phát động", 11),
        ),
        rows=tuple(rows),
        warnings=tuple(warnings),
    )


# ---- 0602 / 0603: awards

_PEOPLE_ROWS = (
    ("LD_BO_TINH", "Lãnh đạo cấp bộ, cấp tỉnh và tương đương trở lên"),
    ("LD_VU_SO", "Lãnh đạo cấp vụ, sở, ngành và tương đương"),
    ("DOANH_NHAN", "Doanh nhân"),
    ("LD_PHO_PHONG", "Các cấp lãnh đạo từ phó phòng trở lên"),
    ("TRUC_TIEP", "Người trực tiếp công tác, lao động, học tập, chiến đấu và phục vụ chiến đấu"),
)
_METHOD_ROWS = (
    ("CONG_TRANG", "Thường xuyên"),
    ("CHUYEN_DE", "Chuyên đề"),
    ("DOT_XUAT", "Đột xuất"),
    ("DOI_NGOAI", "Đối ngoại"),
    ("CONG_HIEN", "Cống hiến"),
    ("NIEN_HAN", "Niên hạn"),
    ("KHANG_CHIEN", "Kháng chiến"),
)


def _subject_rows(
    codes_: Sequence[str],
) -> list[tuple[str, str, str, Callable[[_Fact], bool] | None, int]]:
    """Rows Tập thể (trong đó Doanh nghiệp), Hộ gia đình, Cá nhân and its five categories,
    with the codes given in ``codes_`` (8 codes)."""
    tt, dn, hgd, cn, *cats = codes_
    rows: list[tuple[str, str, str, Callable[[_Fact], bool] | None, int]] = [
        ("Chia theo đối tượng", "", "", None, 0),
        ("Tập thể", tt, "Tập thể", lambda f: f.subject_kind == "TAP_THE", 1),
        (
            "Trong đó: Doanh nghiệp",
            dn,
            "Tập thể",
            lambda f: f.subject_kind == "TAP_THE" and f.category == "TT_DOANH_NGHIEP",
            2,
        ),
        ("Hộ gia đình", hgd, "Hộ", lambda f: f.subject_kind == "HO_GIA_DINH", 1),
        ("Cá nhân", cn, "Người", lambda f: f.subject_kind == "CA_NHAN", 1),
    ]
    for code, (cat, label) in zip(cats, _PEOPLE_ROWS, strict=True):
        rows.append(
            (
                label,
                code,
                "Người",
                _is_person_of(cat),
                2,
            )
        )
    return rows


def _is_person_of(category: str) -> Callable[[_Fact], bool]:
    return lambda f: f.subject_kind == "CA_NHAN" and _person_cat(f) == category


def _is_type(award_type: str) -> Callable[[_Fact], bool]:
    return lambda f: f.award_type == award_type


def _person_cat(fact: _Fact) -> str:
    known = {code for code, _ in _PEOPLE_ROWS}
    return fact.category if fact.category in known else "TRUC_TIEP"


def _method_rows(
    codes_: Sequence[str],
) -> list[tuple[str, str, str, Callable[[_Fact], bool] | None, int]]:
    rows: list[tuple[str, str, str, Callable[[_Fact], bool] | None, int]] = [
        ("Chia theo loại hình khen thưởng", "", "", None, 0)
    ]
    known = {t for t, _ in _METHOD_ROWS}
    for code, (kind, label) in zip(codes_, _METHOD_ROWS, strict=True):
        if kind == "CONG_TRANG":  # unknown kinds count as regular ones
            rows.append(
                (label, code, "Lượt", lambda f: f.award_type not in known - {"CONG_TRANG"}, 1)
            )
        else:
            rows.append((label, code, "Lượt", _is_type(kind), 1))
    return rows


_STATE_GROUPS = (
    ("Huân chương", ("Tập thể", "Cá nhân")),
    ("Huy chương", ("Tập thể", "Cá nhân")),
    ("Giải thưởng Hồ Chí Minh, Giải thưởng Nhà nước", ("Tập thể", "Cá nhân")),
    ("Danh hiệu vinh dự nhà nước", ("Tập thể", "Cá nhân")),
    ("Cờ thi đua của Chính phủ", ("Tập thể",)),
    ("Bằng khen của Thủ tướng Chính phủ", ("Tập thể", "Cá nhân")),
    ("Chiến sĩ thi đua toàn quốc", ("Cá nhân",)),
    ("Khác", ("Tập thể", "Cá nhân")),
)


def _state_group(code: str) -> int:
    if code == "CO_CP":
        return 4
    if code == "BK_TTG":
        return 5
    if code == "CSTDTQ":
        return 6
    if code.startswith(("HCLD", "HC_", "HUAN_CHUONG")):
        return 0
    if code.startswith(("HUY_CHUONG", "HCH_")):
        return 1
    if code.startswith(("GT_", "GIAI_THUONG")):
        return 2
    if code.startswith(("AH", "NHA_GIAO", "THAY_THUOC", "NGHE_SI", "NGHE_NHAN")):
        return 3
    return 7


def _proposer_rows(route: str) -> tuple[Callable[[_Fact], bool], Callable[[_Fact], bool]]:
    """(row 2: a ministry submitted it, row 3: the province did) as the setting says."""
    if route == ROUTE_MINISTRY:
        return (lambda f: True), (lambda f: False)
    if route == ROUTE_THEMATIC_MINISTRY:
        return (lambda f: f.award_type == THEMATIC_AWARD), (
            lambda f: f.award_type != THEMATIC_AWARD
        )
    return (lambda f: False), (lambda f: True)


def _undated_warning(undated: int, year: int) -> list[str]:
    if not undated:
        return []
    return [
        f"{undated} khen thưởng năm {year} chưa có ngày quyết định nên không được tính: ghi "
        "ngày quyết định ở Quá trình khen thưởng để tính vào biểu."
    ]


def stat_0602_data(session: Session, year: int, on: date | None = None) -> StatFormData:
    """Biểu 0602.N/BNV-TĐKT: State-level awards decided in the year. Rows 2 and 3 (who
    submitted them to the Prime Minister) and the column of households follow the settings
    (:func:`app.services.report_settings.get_stat_settings`)."""
    settings = get_stat_settings(session)
    levels = {row.code: row.level for row in session.scalars(select(CatalogueItemRow))}
    facts, undated = _award_facts(session, year)
    facts = [f for f in facts if levels.get(f.code) == "NHA_NUOC"]
    columns = [StatColumn("Tổng số", None, 7)]
    index: dict[tuple[int, str], int] = {}
    for g, (name, subs) in enumerate(_STATE_GROUPS):
        for sub in subs:
            index[(g, sub)] = len(columns)
            columns.append(StatColumn(sub, name, 6.5 if len(subs) > 1 else 8.5))
    household = "Cá nhân" if settings.household_column == "CA_NHAN" else "Tập thể"

    def column_of(f: _Fact) -> int | None:
        g = _state_group(f.code)
        if f.subject_kind == "CA_NHAN":
            sub = "Cá nhân"
        elif f.subject_kind == "HO_GIA_DINH":
            sub = household
        else:
            sub = "Tập thể"
        return index.get((g, sub)) or index.get((g, _STATE_GROUPS[g][1][0]))

    ministry, province = _proposer_rows(settings.state_route)
    spec: list[tuple[str, str, str, Callable[[_Fact], bool] | None, int]] = [
        ("Tổng số", "1", "Lượt", lambda f: True, 0),
        ("Chia theo đơn vị ban hành tờ trình Thủ tướng Chính phủ về khen thưởng", "", "", None, 0),
        ("Bộ, ban, ngành, đoàn thể Trung ương", "2", "Lượt", ministry, 1),
        ("Tỉnh, thành phố trực thuộc Trung ương", "3", "Lượt", province, 1),
        *_subject_rows(("6", "7", "8", "9", "10", "11", "12", "13", "14")),
        *_method_rows(("15", "16", "17", "18", "19", "20", "21")),
    ]
    sums = {"1": ("2", "3"), "9": ("10", "11", "12", "13", "14")}
    rows = _matrix(facts, column_of, len(columns), spec, sums)
    return StatFormData(
        agency=get_agency(session),
        year=year,
        on=on or date.today(),
        form_number="0602.N/BNV-TĐKT",
        title="SỐ LƯỢNG KHEN THƯỞNG CẤP NHÀ NƯỚC",
        period=_period_text(year),
        count_unit="",
        receiver=settings.receiver,
        has_unit_column=True,
        columns=tuple(columns),
        rows=rows,
        warnings=tuple(_undated_warning(undated, year)),
    )


_MINISTRY_COLUMNS = {
    "BK_TINH": 1,
    "BK_BO": 1,
    "CSTD_TINH": 2,
    "CSTD_BO": 2,
    "CO_TINH": 3,
    "CO_BO": 3,
    "TTLDXS": 4,
}


def _ministry_column(code: str) -> int | None:
    if code in _MINISTRY_COLUMNS:
        return _MINISTRY_COLUMNS[code]
    if code.startswith("KNC"):
        return 5
    return None


def stat_0603_data(session: Session, year: int, on: date | None = None) -> StatFormData:
    """Biểu 0603.N/BNV-TĐKT: ministry- and province-level awards decided in the year: Bằng
    khen, Chiến sĩ thi đua, Cờ thi đua, Tập thể lao động xuất sắc and Kỷ niệm chương."""
    settings = get_stat_settings(session)
    levels = {row.code: row.level for row in session.scalars(select(CatalogueItemRow))}
    names = {row.code: row.name for row in session.scalars(select(CatalogueItemRow))}
    facts, undated = _award_facts(session, year)
    facts = [f for f in facts if levels.get(f.code) == "BO_TINH" or f.code in _MINISTRY_COLUMNS]
    if settings.household_column == "CA_NHAN":
        facts = [
            replace(f, subject_kind="CA_NHAN", category="TRUC_TIEP")
            if f.subject_kind == "HO_GIA_DINH"
            else f
            for f in facts
        ]
    left_out: dict[str, int] = {}
    for f in facts:
        if _ministry_column(f.code) is None:
            left_out[f.code] = left_out.get(f.code, 0) + 1
    columns = (
        StatColumn("Tổng số", None, 9),
        StatColumn("Bằng khen", None, 10),
        StatColumn("Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh", None, 12),
        StatColumn("Cờ thi đua cấp bộ, ban, ngành, tỉnh", None, 12),
        StatColumn("Tập thể lao động xuất sắc", None, 11),
        StatColumn("Huy hiệu (kỷ niệm chương)", None, 11),
    )
    spec: list[tuple[str, str, str, Callable[[_Fact], bool] | None, int]] = [
        ("Tổng số", "01", "Lượt", lambda f: True, 0),
        *_subject_rows(("02", "03", "04", "05", "06", "07", "08", "09", "10")),
        *_method_rows(("11", "12", "13", "14", "15", "16", "17")),
    ]
    sums = {"01": ("02", "04", "05"), "05": ("06", "07", "08", "09", "10")}
    rows = _matrix(facts, lambda f: _ministry_column(f.code), len(columns), spec, sums)
    warnings = _undated_warning(undated, year)
    if left_out:
        what = ", ".join(f"{names.get(c, c)}: {n}" for c, n in sorted(left_out.items()))
        warnings.append(f"Biểu không có cột cho các hình thức sau nên không tính: {what}.")
    return StatFormData(
        agency=get_agency(session),
        year=year,
        on=on or date.today(),
        form_number="0603.N/BNV-TĐKT",
        title="SỐ LƯỢNG KHEN THƯỞNG CẤP BỘ, BAN, NGÀNH, ĐOÀN THỂ TRUNG ƯƠNG VÀ TỈNH",
        period=_period_text(year),
        count_unit="",
        receiver=settings.receiver,
        has_unit_column=True,
        columns=columns,
        rows=rows,
        warnings=tuple(warnings),
    )


# ---- 0604, 0605: the secretariat (from the settings)


def stat_0604_data(session: Session, year: int, on: date | None = None) -> StatFormData:
    """Biểu 0604.N/BNV-TĐKT: the organisations doing TĐKT work, as the settings record them
    (:func:`app.services.report_settings.get_secretariat`)."""
    settings = get_stat_settings(session)
    counts = get_secretariat(session).organisation
    parts = [(code, label, unit, counts.get(code, 0)) for code, label, unit in ORGANISATION_ROWS]
    rows = [
        StatRow(
            "Tổng số",
            "01",
            "Tổ chức",
            (sum(p[3] for p in parts),),
            bold=True,
            sums=tuple(p[0] for p in parts),
        ),
        StatRow("Chia theo cơ cấu tổ chức bộ máy", "", "", None, bold=True),
        *(StatRow(label, code, unit, (n,), indent=1) for code, label, unit, n in parts),
    ]
    return StatFormData(
        agency=get_agency(session),
        year=year,
        on=on or date.today(),
        form_number="0604.N/BNV-TĐKT",
        title="SỐ LƯỢNG TỔ CHỨC LÀM CÔNG TÁC THI ĐUA, KHEN THƯỞNG",
        period=_period_text(year),
        count_unit="",
        receiver=settings.receiver,
        has_unit_column=True,
        columns=(StatColumn("Số lượng", None, 10),),
        rows=tuple(rows),
        total_column=False,
    )


_AGE_ROWS = (
    ("02", "Từ 30 tuổi trở xuống", 0, 30),
    ("03", "Từ 31 đến 40 tuổi", 31, 40),
    ("04", "Từ 41 đến 50 tuổi", 41, 50),
    ("05", "Từ 51 đến 55 tuổi", 51, 55),
    ("06", "Từ 56 đến 60 tuổi", 56, 60),
    ("07", "Trên 60 tuổi", 61, 200),
)
_TRAINING_ROWS = ("08", "09", "10", "11", "12")
_SERVICE_ROWS = (
    ("13", "Dưới 5 năm", 0, 4),
    ("14", "Từ 5 năm đến dưới 10 năm", 5, 9),
    ("15", "Từ 10 năm trở lên", 10, 200),
)


def stat_0605_data(session: Session, year: int, on: date | None = None) -> StatFormData:
    """Biểu 0605.N/BNV-TĐKT: the civil servants doing TĐKT work at 31/12 of ``year`` by age,
    training and years in TĐKT work, women among them; from the settings."""
    settings = get_stat_settings(session)
    members = get_secretariat(session).members
    warnings = []

    def pair(keep: Callable[[SecretariatMember], bool]) -> tuple[int, int]:
        chosen = [m for m in members if keep(m)]
        return (len(chosen), sum(1 for m in chosen if m.female))

    def aged(low: int, high: int) -> Callable[[SecretariatMember], bool]:
        return lambda m: m.birth_year is not None and low <= year - m.birth_year <= high

    def served(low: int, high: int) -> Callable[[SecretariatMember], bool]:
        return lambda m: m.since_year is not None and low <= year - m.since_year <= high

    def trained(key: str) -> Callable[[SecretariatMember], bool]:
        return lambda m: m.training == key

    rows = [
        StatRow(
            "Tổng số",
            "01",
            "Người",
            pair(lambda m: True),
            bold=True,
            sums=tuple(code for code, *_rest in _AGE_ROWS),
        ),
        StatRow("Chia theo độ tuổi", "", "", None, bold=True),
    ]
    for code, label, low, high in _AGE_ROWS:
        rows.append(
            StatRow(
                label,
                code,
                "Người",
                pair(aged(low, high)),
                indent=1,
            )
        )
    rows.append(StatRow("Chia theo trình độ đào tạo", "", "", None, bold=True))
    for code, (key, label) in zip(_TRAINING_ROWS, TRAINING_LEVELS.items(), strict=True):
        rows.append(StatRow(label, code, "Người", pair(trained(key)), indent=1))
    rows.append(
        StatRow("Chia theo thời gian làm công tác thi đua, khen thưởng", "", "", None, bold=True)
    )
    for code, label, low, high in _SERVICE_ROWS:
        rows.append(
            StatRow(
                label,
                code,
                "Người",
                pair(served(low, high)),
                indent=1,
            )
        )
    missing = [m.full_name for m in members if m.birth_year is None or m.since_year is None]
    if missing:
        warnings.append(
            "Chưa ghi năm sinh hoặc năm bắt đầu làm công tác thi đua, khen thưởng của: "
            + ", ".join(missing)
            + " (Thiết lập biểu thống kê)."
        )
    if not members:
        warnings.append(
            "Chưa ghi công chức làm công tác thi đua, khen thưởng (Thiết lập biểu thống kê)."
        )
    return StatFormData(
        agency=get_agency(session),
        year=year,
        on=on or date.today(),
        form_number="0605.N/BNV-TĐKT",
        title="SỐ LƯỢNG CÔNG CHỨC LÀM CÔNG TÁC THI ĐUA, KHEN THƯỞNG",
        period=_period_text(year),
        count_unit="",
        receiver=settings.receiver,
        has_unit_column=True,
        columns=(StatColumn("Tổng số", None, 10), StatColumn("Trong đó: Nữ", None, 10)),
        rows=tuple(rows),
        warnings=tuple(warnings),
        total_column=False,
    )


# =========================================================================== yearly summary


@dataclass(frozen=True)
class SummaryColumn:
    code: str
    short: str
    group: str  # "Danh hiệu thi đua" or "Hình thức khen thưởng"


@dataclass(frozen=True)
class SummaryRow:
    name: str
    depth: int
    values: tuple[int, ...]  # one per column
    total: int


@dataclass(frozen=True)
class YearlySummaryData:
    agency: AgencySettings
    year: int
    on: date
    columns: tuple[SummaryColumn, ...]
    rows: tuple[SummaryRow, ...]
    total: SummaryRow

    @property
    def count(self) -> int:
        return self.total.total

    @property
    def count_label(self) -> str:
        return "khen thưởng"


TITLE_GROUP = "Danh hiệu thi đua"
FORM_GROUP = "Hình thức khen thưởng"


def yearly_summary_data(session: Session, year: int, on: date | None = None) -> YearlySummaryData:
    """Awards of the achievement year ``year`` (revoked ones left out) per unit and title: a
    person counts in the unit of their assignment on 31/12 of the year, a collective in its
    own row; households and people without a unit get rows of their own at the end."""
    cat = _catalogue_rows(session)
    placed = current_assignments(session, date(year, 12, 31))
    counts: dict[object, dict[str, int]] = {}
    query = select(AwardRecord).where(
        AwardRecord.revoked.is_(False),
        or_(
            AwardRecord.year == year,
            AwardRecord.period_to_year == year,
            and_(AwardRecord.year.is_(None), AwardRecord.period_to_year.is_(None)),
        ),
    )
    for rec in session.scalars(query):
        record_year = rec.period_to_year or rec.year
        if record_year is None:
            record_year = rec.decision_date.year if rec.decision_date else None
        if record_year != year:
            continue
        if rec.subject_kind == "TAP_THE":
            key: object = rec.unit_id
        elif rec.subject_kind == "HO_GIA_DINH":
            key = "HGD"
        else:
            where = placed.get(rec.person_id) if rec.person_id is not None else None
            key = where[0] if where else "NONE"
        row = counts.setdefault(key, {})
        row[rec.catalogue_code] = row.get(rec.catalogue_code, 0) + 1
    present = {code for row in counts.values() for code in row} | {"LDTT", "CSTDCS"}
    ordered = sorted(present, key=lambda c: (cat[c].display_order if c in cat else 999, c))
    titles = [c for c in ordered if c in cat and cat[c].kind == "DANH_HIEU"]
    forms = [c for c in ordered if c not in titles]
    columns = tuple(
        SummaryColumn(c, cat[c].short_name if c in cat else c, TITLE_GROUP) for c in titles
    ) + tuple(SummaryColumn(c, cat[c].short_name if c in cat else c, FORM_GROUP) for c in forms)

    def make(name: str, depth: int, found: dict[str, int]) -> SummaryRow:
        values = tuple(found.get(c.code, 0) for c in columns)
        return SummaryRow(name, depth, values, sum(values))

    rows = []
    for unit in list_units(session):
        found = counts.get(unit.id, {})
        if unit.valid_to is not None and unit.valid_to < date(year, 1, 1) and not found:
            continue
        rows.append(make(unit.full_name, unit.depth, found))
    if counts.get("NONE"):
        rows.append(make("Chưa xếp đơn vị", 0, counts["NONE"]))
    if counts.get("HGD"):
        rows.append(make("Hộ gia đình", 0, counts["HGD"]))
    total_values = tuple(sum(r.values[i] for r in rows) for i in range(len(columns)))
    total = SummaryRow("Tổng cộng", 0, total_values, sum(total_values))
    return YearlySummaryData(
        agency=get_agency(session),
        year=year,
        on=on or date.today(),
        columns=columns,
        rows=tuple(rows),
        total=total,
    )
