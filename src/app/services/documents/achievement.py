"""Báo cáo thành tích of a person or a collective (domain.md §17.4), pre-filled from the record.

What the app knows is filled in: identity, position and unit, the grades of the period, the
initiatives with their recognition decision and scope, the awards received (revoked ones left
out). What only the subject can write (tasks, achievements in words, the collective's
functions and finances) is left as dotted lines to complete in Word.

The form follows the rules the title's rule data names (``documents.achievement_report_forms``
of the rule set in force: the NĐ 152/2025 annex for State awards, TT 62/2025 for the
ministry's, the province's regulation for provincial and Sở titles). Its number is printed
only when the data marks it verified; otherwise the source is shown to the clerk only.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import Initiative, InitiativeAuthor, Person, Unit, UnitGrade
from app.domain.documents import ACHIEVEMENT_CODE
from app.domain.errors import NotFoundError, ValidationError
from app.domain.vnformat import format_date
from app.domain.vntext import clean
from app.services.decision_reports import award_history_data
from app.services.documents.common import Context, agency_header, rule_set_documents
from app.services.documents.model import AchievementData, Signer, TableRow
from app.services.documents.submission import verb_of
from app.services.people import list_people
from app.services.person_record import get_person
from app.services.reference import catalogue, codes
from app.services.review import PERSON, UNIT, candidates
from app.services.units import get_unit, list_units, subtree_ids

__all__ = ["PERIOD_YEARS", "achievement_data", "form_key"]

PERIOD_YEARS = 5  # the years reported, up to the report's year
DOTS = "." * 40


def form_key(decided_by: str, level: str) -> str:
    """Which entry of ``achievement_report_forms`` a title uses: NHA_NUOC, BO, TINH or SO."""
    who = clean(decided_by).casefold()
    if level == "NHA_NUOC":
        return "NHA_NUOC"
    if who.startswith("bộ trưởng"):
        return "BO"
    if who.startswith("chủ tịch"):
        return "TINH"
    return "SO"


def _title(session: Session, subject: str, subject_id: int, year: int, title: str | None) -> str:
    if title is not None:
        if title not in catalogue():
            raise ValidationError(f"Không có danh hiệu/hình thức '{title}' trong danh mục")
        return title
    for row in candidates(session, year):
        if row.subject == subject and row.subject_id == subject_id and row.proposed:
            return row.proposed
    raise ValidationError(
        f"Năm {year} chưa đề nghị danh hiệu/hình thức nào cho đối tượng này: chọn danh hiệu "
        "(--title)"
    )


def _awards(session: Session, person_id: int | None, unit_id: int | None) -> tuple[TableRow, ...]:
    history = award_history_data(session, person_id=person_id, unit_id=unit_id)
    rows = []
    for line in history.lines:
        if not line.title_name or line.revoked:
            continue
        decision = ", ".join(
            x
            for x in (
                f"Số {line.decision_number}" if line.decision_number else "",
                f"ngày {format_date(line.decision_date)}" if line.decision_date else "",
            )
            if x
        )
        rows.append(
            TableRow(
                year=line.year_text,
                title=line.title_name,
                decision=decision,
                authority=line.authority,
            )
        )
    return tuple(rows)


def _initiatives(
    session: Session, person_id: int | None, unit_id: int | None, first: int, last: int
) -> tuple[TableRow, ...]:
    query = select(Initiative).where(Initiative.year >= first, Initiative.year <= last)
    if person_id is not None:
        query = query.join(InitiativeAuthor).where(InitiativeAuthor.person_id == person_id)
    else:
        query = query.where(Initiative.unit_id == unit_id)
    table = codes()
    rows = []
    for item in session.scalars(query.order_by(Initiative.year, Initiative.id)):
        decision = ", ".join(
            x
            for x in (
                f"Số {item.decision_number}" if item.decision_number else "",
                f"ngày {format_date(item.decision_date)}" if item.decision_date else "",
                clean(item.recognized_by or ""),
            )
            if x
        )
        rows.append(
            TableRow(
                year=str(item.year),
                title=clean(item.title),
                decision=decision,
                scope=table.name_of("initiative_scopes", item.scope),
            )
        )
    return tuple(rows)


def achievement_data(
    session: Session,
    *,
    person_id: int | None = None,
    unit_id: int | None = None,
    year: int | None = None,
    title: str | None = None,
    on: date | None = None,
) -> AchievementData:
    """The báo cáo thành tích of ``person_id`` or of the collective ``unit_id`` (one of them)
    for ``title`` (default: the subject's proposal of ``year``)."""
    if (person_id is None) == (unit_id is None):
        raise ValidationError(
            "Báo cáo thành tích cần một cá nhân (--person) hoặc một tập thể (--unit)"
        )
    year = year or (on or date.today()).year
    subject = PERSON if person_id is not None else UNIT
    code = _title(session, subject, person_id or unit_id or 0, year, title)
    item = catalogue().get(code)
    ctx = Context(session)
    _name, _bases, forms = rule_set_documents(session, on or date(year, 12, 31))
    form = forms.get(form_key(item.decided_by, item.level)) or {}
    verified = form.get("status") == "verified"
    label = clean(form.get("label", "")) if verified else ""
    source = clean(form.get("source", ""))
    first, last = year - PERIOD_YEARS + 1, year
    table = codes()
    identity: tuple[tuple[str, str], ...]
    intro: tuple[str, ...]
    award_words = f"ĐỀ NGHỊ {verb_of(item).upper()} {item.name.upper()}"
    if person_id is not None:
        if session.get(Person, person_id) is None:
            raise NotFoundError(f"Không tìm thấy cán bộ id={person_id}")
        detail = get_person(session, person_id)
        data = detail.data
        placed = next((p for p in list_people(session) if p.id == person_id), None)
        position = placed.position_title if placed else ""
        unit_name = placed.unit_name if placed else ""
        born = format_date(data.birth_date) if data.birth_date else str(data.birth_year or "")
        identity = (
            ("Họ và tên", detail.full_name),
            ("Giới tính", table.name_of("genders", data.gender) if data.gender else DOTS),
            ("Ngày, tháng, năm sinh", born or DOTS),
            ("Quê quán", DOTS),
            ("Nơi thường trú", DOTS),
            ("Dân tộc", DOTS),
            ("Đơn vị công tác", unit_name or DOTS),
            ("Chức vụ (Đảng, chính quyền, đoàn thể)", position or DOTS),
            ("Trình độ chuyên môn, nghiệp vụ", DOTS),
            ("Trình độ lý luận chính trị", DOTS),
            ("Ngoại ngữ", DOTS),
        )
        grades = tuple(
            TableRow(year=str(g.year), text=table.name_of("grades", g.grade))
            for g in sorted(detail.grades, key=lambda g: g.year)
            if first <= g.year <= last
        )
        subject_line = (
            f"{award_words}\nCủa {detail.full_name}, {position or '...'}, {unit_name or '...'}"
        )
        intro = (
            "1. Quyền hạn, nhiệm vụ được giao: " + DOTS,
            "2. Thành tích đạt được: " + DOTS,
        )
        initiatives = _initiatives(session, person_id, None, first, last)
        awards = _awards(session, person_id, None)
        name = detail.full_name
        left_role, right_role = "THỦ TRƯỞNG ĐƠN VỊ\nXÁC NHẬN, ĐỀ NGHỊ", "NGƯỜI BÁO CÁO THÀNH TÍCH"
        stem = f"bao-cao-thanh-tich-{person_id}"
    else:
        assert unit_id is not None
        if session.get(Unit, unit_id) is None:
            raise NotFoundError(f"Không tìm thấy đơn vị id={unit_id}")
        unit = get_unit(session, unit_id)
        units = list_units(session)
        inside = subtree_ids(units, unit_id)
        staff = sum(1 for p in list_people(session) if p.unit_id in inside)
        identity = (
            ("Tên tập thể", unit.full_name),
            ("Địa chỉ trụ sở", DOTS),
            ("Điện thoại, e-mail", DOTS),
            ("Ngày thành lập", format_date(unit.valid_from) if unit.valid_from else DOTS),
            ("Chức năng, nhiệm vụ", DOTS),
            ("Tổng số cán bộ, công chức, viên chức, người lao động", f"{staff} người"),
            ("Tổ chức đảng, đoàn thể", DOTS),
        )
        grade_rows = session.scalars(
            select(UnitGrade)
            .where(UnitGrade.unit_id == unit_id, UnitGrade.year >= first, UnitGrade.year <= last)
            .order_by(UnitGrade.year)
        )
        grades = tuple(
            TableRow(year=str(g.year), text=table.name_of("grades", g.grade)) for g in grade_rows
        )
        subject_line = f"{award_words}\nCủa {unit.full_name}"
        intro = (
            "1. Kết quả thực hiện nhiệm vụ chính trị được giao: " + DOTS,
            "2. Các giải pháp, sáng kiến, đổi mới trong công tác: " + DOTS,
            "3. Công tác xây dựng tổ chức đảng, đoàn thể; thực hiện quy chế dân chủ: " + DOTS,
        )
        initiatives = _initiatives(session, None, unit_id, first, last)
        awards = _awards(session, None, unit_id)
        name = unit.full_name
        left_role, right_role = "XÁC NHẬN CỦA CẤP TRÌNH KHEN", "THỦ TRƯỞNG ĐƠN VỊ"
        stem = f"bao-cao-thanh-tich-tap-the-{unit_id}"
    notes = (
        [f"Mẫu theo {source}" + ("" if verified else " (số hiệu mẫu chưa đối chiếu: không in)")]
        if source
        else []
    )
    return AchievementData(
        code=ACHIEVEMENT_CODE,
        template="bao-cao-thanh-tich-tap-the.docx"
        if unit_id
        else "bao-cao-thanh-tich-ca-nhan.docx",
        file_stem=stem,
        header=replace(agency_header(ctx, None, ctx.series("BC"), on, year), number=""),
        subject=subject_line,
        signer=Signer("", "", ""),
        notes=tuple(notes),
        collective=unit_id is not None,
        form_label=label,
        form_source=source,
        identity=identity,
        achievement_intro=intro,
        grades_heading=f"Kết quả xếp loại, đánh giá từ năm {first} đến năm {last}:",
        grades=grades or (TableRow(year="", text="(chưa có dữ liệu xếp loại trong giai đoạn)"),),
        initiatives_heading=f"Sáng kiến, đề tài được công nhận từ năm {first} đến năm {last}:",
        initiatives=initiatives or (TableRow(year="", title="(không có)"),),
        awards=awards or (TableRow(year="", title="(chưa có)"),),
        left_role=left_role,
        right_role=right_role,
        left_name="",
        right_name=name if person_id is not None else "",
        left_note="(Ký, đóng dấu)",
        right_note="(Ký, ghi rõ họ tên)" if person_id is not None else "(Ký, đóng dấu)",
    )
