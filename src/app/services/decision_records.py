"""Decision records (issue 6): the codes, the DTOs the GUI gets, validation of typed fields,
reading the register and one decision, and the defaults of a new decision of the agency.

The use cases are reached through :mod:`app.services.decisions`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.db.models import AwardRecord, Decision, DecisionRecipient, Person, Unit
from app.domain.errors import NotFoundError
from app.domain.settings import AgencySettings
from app.domain.vnformat import format_date
from app.domain.vntext import clean
from app.services.decision_numbers import NUMBER_FORMAT_MESSAGE, parse_number
from app.services.reference import catalogue, codes
from app.services.settings import get_agency

# --- codes ---------------------------------------------------------------------------------

DRAFT = "DRAFT"
ISSUED = "ISSUED"
CORRECTED = "CORRECTED"
REVOKED = "REVOKED"
STATUS_NAMES = {
    DRAFT: "Dự thảo",
    ISSUED: "Đã ban hành",
    CORRECTED: "Đã đính chính",
    REVOKED: "Đã thu hồi",
}
IN_FORCE = (ISSUED, CORRECTED)

OWN = "OWN"
SUPERIOR = "SUPERIOR"
IMPORTED = "IMPORTED"
ORIGIN_NAMES = {OWN: "Của cơ quan", SUPERIOR: "Cấp trên", IMPORTED: "Lịch sử đã nhập"}

CA_NHAN = "CA_NHAN"
TAP_THE = "TAP_THE"
HO_GIA_DINH = "HO_GIA_DINH"
SUBJECT_KINDS = (CA_NHAN, TAP_THE, HO_GIA_DINH)

LOCKED_MESSAGE = "Quyết định đã ban hành, không sửa được nội dung; dùng Đính chính hoặc Thu hồi"
REVOKED_MESSAGE = "Quyết định đã bị thu hồi, không sửa được nữa"
MAX_TEXT = 255


def award_type_names() -> dict[str, str]:
    """Loại hình khen thưởng, code -> Vietnamese name, from the code table (display order)."""
    return {e.code: e.name for e in codes().table("award_types")}


def subject_kind_names() -> dict[str, str]:
    return {e.code: e.name for e in codes().table("subject_kinds")}


def award_name(code: str | None) -> str:
    if not code:
        return ""
    cat = catalogue()
    return cat.get(code).name if code in cat else code


def award_short(code: str) -> str:
    cat = catalogue()
    return cat.get(code).short if code in cat else code


# --- DTOs ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class DecisionInput:
    """The fields of a decision a clerk types. ``year`` is used only while there is no date
    (the decision's year is the year of its date); ``number`` is the full text ("05/QĐ-SNNMT")."""

    year: int
    authority: str
    award_type: str = "CONG_TRANG"
    catalogue_code: str | None = None
    summary: str | None = None
    number: str | None = None
    decision_date: date | None = None
    signer_authority_line: str | None = None
    signer_title: str | None = None
    signer_name: str | None = None
    period_from_year: int | None = None
    period_to_year: int | None = None
    note: str | None = None


@dataclass(frozen=True)
class RecipientInput:
    """A line to add: a person, a unit or a household (``recipient_name``) and the award.
    ``job_title``/``unit_text`` None: taken from the person's assignment (the unit's parent)
    on the decision date. ``golden_book_no`` is only kept for decisions of superiors."""

    subject_kind: str
    catalogue_code: str
    person_id: int | None = None
    unit_id: int | None = None
    recipient_name: str | None = None
    job_title: str | None = None
    unit_text: str | None = None
    note: str | None = None
    golden_book_no: int | None = None


@dataclass(frozen=True)
class RecipientDTO:
    id: int
    position: int
    subject_kind: str
    person_id: int | None
    unit_id: int | None
    name: str
    catalogue_code: str
    award_name: str
    job_title: str
    unit_text: str
    golden_book_no: int | None
    award_record_id: int | None
    revoked: bool = False
    note: str | None = None

    @property
    def subject_name(self) -> str:
        return subject_kind_names().get(self.subject_kind, self.subject_kind)


@dataclass(frozen=True)
class DecisionRow:
    """One line of the register; ``people``/``units``/``households`` count distinct subjects."""

    id: int
    year: int
    number: str
    decision_date: date | None
    authority: str
    summary: str
    award_type: str
    award_type_name: str
    catalogue_code: str | None
    award_name: str  # the decision's title or form, else those of its lines
    people: int
    units: int
    households: int
    status: str
    origin: str
    version: int
    period_from_year: int | None = None
    period_to_year: int | None = None
    revoked_lines: int = 0
    seq: int | None = None

    @property
    def status_name(self) -> str:
        name = STATUS_NAMES.get(self.status, self.status)
        if self.revoked_lines and self.status != REVOKED:
            name += f" (thu hồi {self.revoked_lines} dòng)"
        return name

    @property
    def origin_name(self) -> str:
        return ORIGIN_NAMES.get(self.origin, self.origin)

    @property
    def recipients(self) -> int:
        return self.people + self.units + self.households

    @property
    def count_text(self) -> str:
        parts = []
        if self.people:
            parts.append(f"{self.people} cá nhân")
        if self.units:
            parts.append(f"{self.units} tập thể")
        if self.households:
            parts.append(f"{self.households} hộ")
        return ", ".join(parts)


@dataclass(frozen=True)
class DecisionDetail:
    id: int
    year: int
    series: str | None
    seq: int | None
    number: str
    decision_date: date | None
    authority: str
    signer_authority_line: str | None
    signer_title: str | None
    signer_name: str | None
    award_type: str
    catalogue_code: str | None
    summary: str | None
    period_from_year: int | None
    period_to_year: int | None
    status: str
    origin: str
    version: int
    issued_at: datetime | None = None
    correction_document: str | None = None
    correction_date: date | None = None
    correction_note: str | None = None
    revoke_document: str | None = None
    revoke_date: date | None = None
    revoke_reason: str | None = None
    note: str | None = None
    recipients: list[RecipientDTO] = field(default_factory=list)

    @property
    def status_name(self) -> str:
        return STATUS_NAMES.get(self.status, self.status)

    @property
    def origin_name(self) -> str:
        return ORIGIN_NAMES.get(self.origin, self.origin)

    @property
    def is_draft(self) -> bool:
        return self.status == DRAFT

    @property
    def in_force(self) -> bool:
        return self.status in IN_FORCE

    def to_input(self) -> DecisionInput:
        return DecisionInput(
            year=self.year,
            authority=self.authority,
            award_type=self.award_type,
            catalogue_code=self.catalogue_code,
            summary=self.summary,
            number=self.number or None,
            decision_date=self.decision_date,
            signer_authority_line=self.signer_authority_line,
            signer_title=self.signer_title,
            signer_name=self.signer_name,
            period_from_year=self.period_from_year,
            period_to_year=self.period_to_year,
            note=self.note,
        )


# --- validation (pure) ---------------------------------------------------------------------


def validate_decision_input(data: DecisionInput) -> list[str]:
    """Problems of the typed fields, without the database (the GUI shows them as typed)."""
    problems = []
    if not clean(data.authority):
        problems.append("Chưa nhập cơ quan (người) ban hành quyết định")
    if data.award_type not in award_type_names():
        problems.append(f"Loại hình khen thưởng '{data.award_type}' không có trong bảng mã")
    if data.catalogue_code and data.catalogue_code not in catalogue():
        problems.append(f"Không có danh hiệu/hình thức '{data.catalogue_code}' trong danh mục")
    if clean(data.number) and parse_number(data.number) is None:
        problems.append(NUMBER_FORMAT_MESSAGE)
    first, last = data.period_from_year, data.period_to_year
    for which, year in (("từ năm", first), ("đến năm", last)):
        if year is not None and not 1945 <= year <= 2100:
            problems.append(f"Năm thành tích ({which}) {year} không hợp lệ")
    if first is not None and last is not None and last < first:
        problems.append(f"Năm thành tích: đến năm {last} phải từ năm {first} trở đi")
    if data.decision_date is not None and last is not None and last > data.decision_date.year:
        problems.append(
            f"Thành tích đến năm {last} nằm sau ngày ký {format_date(data.decision_date)}"
        )
    for what, text in (
        ("Cơ quan ban hành", data.authority),
        ("Dòng thẩm quyền ký", data.signer_authority_line),
        ("Chức vụ người ký", data.signer_title),
        ("Họ tên người ký", data.signer_name),
    ):
        if len(clean(text)) > MAX_TEXT:
            problems.append(f"{what} dài quá {MAX_TEXT} ký tự")
    return problems


def validate_recipient_input(data: RecipientInput) -> list[str]:
    """Problems of one line taken alone (the subject, the award fits the subject)."""
    problems = []
    kinds = subject_kind_names()
    if data.subject_kind not in kinds:
        return [f"Đối tượng '{data.subject_kind}' không hợp lệ"]
    if data.subject_kind == CA_NHAN and data.person_id is None:
        problems.append("Chưa chọn cá nhân")
    if data.subject_kind == TAP_THE and data.unit_id is None:
        problems.append("Chưa chọn tập thể")
    if data.subject_kind == HO_GIA_DINH and not clean(data.recipient_name):
        problems.append("Chưa nhập tên hộ gia đình (ví dụ: Hộ ông Nguyễn Văn A)")
    cat = catalogue()
    if data.catalogue_code not in cat:
        problems.append(f"Không có danh hiệu/hình thức '{data.catalogue_code}' trong danh mục")
    else:
        item = cat.get(data.catalogue_code)
        if data.subject_kind not in item.subjects:
            problems.append(
                f"{item.name} không dành cho {kinds[data.subject_kind].lower()}"
                f" (chỉ cho: {', '.join(kinds[k].lower() for k in item.subjects)})"
            )
    if data.golden_book_no is not None and data.golden_book_no < 1:
        problems.append("Số sổ vàng phải từ 1 trở lên")
    return problems


# --- reading -------------------------------------------------------------------------------


def label(d: Decision) -> str:
    """ "quyết định số 05/QĐ-SNNMT ngày 05/02/2026" (a draft says so)."""
    parts = [f"quyết định số {d.number}" if d.number else "một quyết định"]
    if d.decision_date:
        parts.append(f"ngày {format_date(d.decision_date)}")
    if d.status == DRAFT:
        parts.append("(dự thảo)")
    return " ".join(parts)


def load(session: Session, decision_id: int) -> Decision:
    row = session.get(Decision, decision_id)
    if row is None:
        raise NotFoundError(f"Không tìm thấy quyết định id={decision_id}")
    return row


def lines_of(session: Session, decision_id: int) -> list[DecisionRecipient]:
    return list(
        session.scalars(
            select(DecisionRecipient)
            .where(DecisionRecipient.decision_id == decision_id)
            .order_by(DecisionRecipient.position, DecisionRecipient.id)
        )
    )


def names_of(
    session: Session, person_ids: Iterable[int], unit_ids: Iterable[int]
) -> tuple[dict[int, str], dict[int, str]]:
    pids, uids = set(person_ids), set(unit_ids)
    people = (
        dict(session.execute(select(Person.id, Person.full_name).where(Person.id.in_(pids))).all())
        if pids
        else {}
    )
    units = (
        dict(session.execute(select(Unit.id, Unit.full_name).where(Unit.id.in_(uids))).all())
        if uids
        else {}
    )
    return people, units


def revoked_records(session: Session, record_ids: Iterable[int | None]) -> set[int]:
    ids = {i for i in record_ids if i is not None}
    if not ids:
        return set()
    return set(
        session.scalars(
            select(AwardRecord.id).where(AwardRecord.id.in_(ids), AwardRecord.revoked.is_(True))
        )
    )


def recipient_dtos(session: Session, lines: Sequence[DecisionRecipient]) -> list[RecipientDTO]:
    people, units = names_of(
        session,
        (r.person_id for r in lines if r.person_id is not None),
        (r.unit_id for r in lines if r.unit_id is not None),
    )
    revoked = revoked_records(session, (r.award_record_id for r in lines))
    out = []
    for r in lines:
        if r.recipient_name:
            name = r.recipient_name
        elif r.person_id is not None:
            name = people.get(r.person_id, "")
        else:
            name = units.get(r.unit_id or 0, "")
        out.append(
            RecipientDTO(
                id=r.id,
                position=r.position,
                subject_kind=r.subject_kind,
                person_id=r.person_id,
                unit_id=r.unit_id,
                name=name,
                catalogue_code=r.catalogue_code,
                award_name=award_name(r.catalogue_code),
                job_title=r.job_title or "",
                unit_text=r.unit_text or "",
                golden_book_no=r.golden_book_no,
                award_record_id=r.award_record_id,
                revoked=r.award_record_id in revoked,
                note=r.note,
            )
        )
    return out


def detail_of(session: Session, d: Decision) -> DecisionDetail:
    return DecisionDetail(
        id=d.id,
        year=d.year,
        series=d.series,
        seq=d.seq,
        number=d.number or "",
        decision_date=d.decision_date,
        authority=d.authority,
        signer_authority_line=d.signer_authority_line,
        signer_title=d.signer_title,
        signer_name=d.signer_name,
        award_type=d.award_type,
        catalogue_code=d.catalogue_code,
        summary=d.summary,
        period_from_year=d.period_from_year,
        period_to_year=d.period_to_year,
        status=d.status,
        origin=d.origin,
        version=d.version,
        issued_at=d.issued_at,
        correction_document=d.correction_document,
        correction_date=d.correction_date,
        correction_note=d.correction_note,
        revoke_document=d.revoke_document,
        revoke_date=d.revoke_date,
        revoke_reason=d.revoke_reason,
        note=d.note,
        recipients=recipient_dtos(session, lines_of(session, d.id)),
    )


def get_decision(session: Session, decision_id: int) -> DecisionDetail:
    return detail_of(session, load(session, decision_id))


def list_decisions(
    session: Session, year: int, *, status: str | None = None, origin: str | None = None
) -> list[DecisionRow]:
    """The register of ``year``: decisions dated in it and those whose achievement period
    covers it, by date (drafts without a date last), then number."""
    query = select(Decision).where(
        or_(
            Decision.year == year,
            (Decision.period_from_year <= year) & (Decision.period_to_year >= year),
            (Decision.period_from_year.is_(None)) & (Decision.period_to_year == year),
        )
    )
    if status is not None:
        query = query.where(Decision.status == status)
    if origin is not None:
        query = query.where(Decision.origin == origin)
    decisions = list(session.scalars(query))
    ids = [d.id for d in decisions]
    lines: dict[int, list[tuple[str, str, int | None]]] = {d: [] for d in ids}
    subjects: dict[int, set[tuple[str, object]]] = {d: set() for d in ids}
    if ids:
        for did, kind, code, record_id, pid, uid, name in session.execute(
            select(
                DecisionRecipient.decision_id,
                DecisionRecipient.subject_kind,
                DecisionRecipient.catalogue_code,
                DecisionRecipient.award_record_id,
                DecisionRecipient.person_id,
                DecisionRecipient.unit_id,
                DecisionRecipient.recipient_name,
            )
            .where(DecisionRecipient.decision_id.in_(ids))
            .order_by(DecisionRecipient.position)
        ):
            lines[did].append((kind, code, record_id))
            who = pid if kind == CA_NHAN else uid if kind == TAP_THE else clean(name).casefold()
            subjects[did].add((kind, who))
    revoked = revoked_records(session, (r for ls in lines.values() for _k, _c, r in ls))
    types = award_type_names()
    rows = []
    for d in decisions:
        mine = lines[d.id]
        if d.catalogue_code:
            name = award_name(d.catalogue_code)
        else:
            codes_ = list(dict.fromkeys(code for _kind, code, _r in mine))
            name = (
                award_name(codes_[0]) if len(codes_) == 1 else ", ".join(map(award_short, codes_))
            )
        rows.append(
            DecisionRow(
                id=d.id,
                year=d.year,
                number=d.number or "",
                decision_date=d.decision_date,
                authority=d.authority,
                summary=d.summary or "",
                award_type=d.award_type,
                award_type_name=types.get(d.award_type, d.award_type),
                catalogue_code=d.catalogue_code,
                award_name=name,
                people=sum(1 for k, _who in subjects[d.id] if k == CA_NHAN),
                units=sum(1 for k, _who in subjects[d.id] if k == TAP_THE),
                households=sum(1 for k, _who in subjects[d.id] if k == HO_GIA_DINH),
                status=d.status,
                origin=d.origin,
                version=d.version,
                period_from_year=d.period_from_year,
                period_to_year=d.period_to_year,
                revoked_lines=sum(1 for _k, _c, r in mine if r in revoked),
                seq=d.seq,
            )
        )
    far = date.max
    rows.sort(key=lambda r: (r.decision_date or far, r.number == "", r.number, r.id))
    return rows


# --- defaults ------------------------------------------------------------------------------


def _agency_name(agency: str) -> str:
    """ "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG" -> "Sở Nông nghiệp và Môi trường" (the capitals of a
    Sở's name: the first word, the first word of the field, the first word after "và")."""
    text = clean(agency)
    if not text or text != text.upper():
        return text
    words = text.lower().split(" ")
    for i, word in enumerate(words):
        if i <= 1 or words[i - 1] == "và":
            words[i] = word[:1].upper() + word[1:]
    return " ".join(words)


def default_authority(agency: AgencySettings) -> str:
    """Who issues the agency's decisions: "Giám đốc Sở Nông nghiệp và Môi trường"."""
    name = _agency_name(agency.agency)
    return f"Giám đốc {name}" if name else "Giám đốc Sở"


def default_summary(code: str | None, year: int | None) -> str:
    """ "Về việc công nhận danh hiệu "Lao động tiên tiến" năm 2025" / "Về việc tặng Giấy khen..."."""
    if not code or code not in catalogue():
        return ""
    item = catalogue().get(code)
    if item.is_title:
        tail = f" năm {year}" if year else ""
        return f'Về việc công nhận danh hiệu "{item.name}"{tail}'
    return f"Về việc tặng {item.name}"


def decision_defaults(
    session: Session, year: int, catalogue_code: str | None = None
) -> DecisionInput:
    """A new decision of the agency: its authority and signer from the agency settings."""
    agency = get_agency(session)
    return DecisionInput(
        year=year,
        authority=default_authority(agency),
        catalogue_code=catalogue_code,
        summary=default_summary(catalogue_code, year) or None,
        signer_authority_line=clean(agency.signer_authority) or None,
        signer_title=clean(agency.signer_title) or None,
        signer_name=clean(agency.signer_name) or None,
        period_from_year=year if catalogue_code else None,
        period_to_year=year if catalogue_code else None,
    )
