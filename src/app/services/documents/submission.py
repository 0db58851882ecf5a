"""Tờ trình đề nghị khen thưởng (domain.md §17.1, §8.9): one per route (deciding authority).

The proposals of a year (Bình xét: the proposed title of each person and collective, the
clerk's choice included); when the Council voted on a title in that year, only those whose
latest vote passed. Route ``so``: from the Council to the Giám đốc Sở for the Sở's own titles
and forms (".../TTr-HĐTĐKT"); ``tinh``: from the Sở to the Chủ tịch UBND tỉnh through the Sở
Nội vụ (provincial titles and forms, and the State's by default); ``bo``: to the Bộ trưởng.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from app.db.models import CouncilSession
from app.domain.catalogue import CatalogueItem
from app.domain.documents import (
    BLANK,
    ROUTE_MINISTRY,
    ROUTE_PROVINCE,
    ROUTE_SO,
    ROUTES,
    SUBMISSION_CODE,
    count_words,
    route_of,
)
from app.domain.errors import ValidationError
from app.domain.vntext import clean
from app.services.council import list_sessions, list_votes
from app.services.council_candidates import list_approvals, passed_by_title
from app.services.documents.common import (
    ROMAN,
    Context,
    agency_header,
    agency_signer,
    council_header,
    council_signer,
    latest_session,
    percent_text,
    rule_set_documents,
    session_basis,
)
from app.services.documents.model import Annex, ListLine, ListSection, SubmissionData
from app.services.people import list_people
from app.services.reference import catalogue
from app.services.review import PERSON, UNIT, CandidateRow, candidates
from app.services.units import list_units

__all__ = ["Nominee", "nominees", "submission_data", "verb_of"]

_SUBJECT_ORDER = {UNIT: 0, PERSON: 1}


@dataclass(frozen=True)
class Nominee:
    subject: str
    subject_id: int
    title: str
    name: str
    detail: str  # "Chuyên viên, Văn phòng Sở"; a collective's parent
    percent: str  # "" when not voted


def verb_of(item: CatalogueItem) -> str:
    """ "công nhận danh hiệu" for the Sở's titles, "tặng danh hiệu" for the others, "tặng"
    for forms."""
    if item.is_title:
        return "công nhận danh hiệu" if item.level == "CO_SO" else "tặng danh hiệu"
    return "tặng"


def _passed_votes(session: Session, year: int) -> dict[str, dict[tuple[str, int], str]]:
    """title -> (subject, id) -> percent text, for the titles the Council decided on in
    ``year`` (by ballot or as a list): those absent from a title's map did not pass."""
    out: dict[str, dict[tuple[str, int], str]] = {}
    for meeting in list_sessions(session, year):
        for vote in list_votes(session, meeting.id):
            out.setdefault(vote.title, {})
        for approval in list_approvals(session, meeting.id):
            out.setdefault(approval.title, {})
    for code, passed in passed_by_title(session, year).items():
        for one in passed:
            out.setdefault(code, {})[(one.subject, one.subject_id)] = percent_text(one.percent)
    return out


def nominees(session: Session, year: int, rows: list[CandidateRow] | None = None) -> list[Nominee]:
    """Everybody proposed in ``year`` (only the passed ones for titles the Council voted on),
    titles highest first, collectives before individuals, people in the standard order."""
    rows = rows if rows is not None else candidates(session, year)
    votes = _passed_votes(session, year)
    cat = catalogue()
    people = {p.id: p for p in list_people(session, on=date(year, 12, 31))}
    units = {u.id: u for u in list_units(session)}
    out: list[tuple[tuple[int, int, int, int], Nominee]] = []
    for n, row in enumerate(rows):
        code = row.proposed
        if code is None or code not in cat:
            continue
        percent = ""
        if code in votes:
            found = votes[code].get((row.subject, row.subject_id))
            if found is None:
                continue  # the Council voted on the title and this one did not pass
            percent = found
        if row.subject == PERSON:
            person = people.get(row.subject_id)
            parts = [person.position_title, person.unit_name] if person else [row.unit]
            detail = ", ".join(clean(p) for p in parts if clean(p))
            order = person.standard_order if person else n
        else:
            unit = units.get(row.subject_id)
            parent = units.get(unit.parent_id) if unit and unit.parent_id else None
            detail = parent.full_name if parent is not None and parent.parent_id else ""
            order = unit.display_order if unit else n
        item = cat.get(code)
        key = (-item.rank, item.order, _SUBJECT_ORDER.get(row.subject, 2), order)
        out.append((key, Nominee(row.subject, row.subject_id, code, row.name, detail, percent)))
    out.sort(key=lambda pair: pair[0])
    return [nominee for _key, nominee in out]


def _route_of(code: str) -> str:
    item = catalogue().get(code)
    return route_of(item.decided_by, item.level)


def _count_line(item: CatalogueItem, units: int, people: int) -> str:
    what = f"Danh hiệu “{item.name}”" if item.is_title else item.name
    return f"- {what}: {count_words(units, people)}"


def submission_data(
    session: Session,
    year: int,
    route: str | None = None,
    *,
    title: str | None = None,
    session_id: int | None = None,
    on: date | None = None,
) -> SubmissionData:
    """The tờ trình of ``year``'s proposals for ``route`` (:data:`ROUTES`; found from the
    proposals when they all go the same way), optionally of one ``title``."""
    if route is not None and route not in ROUTES:
        raise ValidationError(f"Nơi trình '{route}' không hợp lệ (chọn: {', '.join(ROUTES)})")
    cat = catalogue()
    if title is not None and title not in cat:
        raise ValidationError(f"Không có danh hiệu/hình thức '{title}' trong danh mục")
    everyone = [n for n in nominees(session, year) if title is None or n.title == title]
    found_routes = sorted({_route_of(n.title) for n in everyone})
    if route is None:
        if len(found_routes) > 1:
            listed = "; ".join(f"{r}: {ROUTES[r]}" for r in found_routes)
            raise ValidationError(
                f"Các đề nghị năm {year} trình nhiều nơi ({listed}): chọn nơi trình (--to)"
            )
        route = found_routes[0] if found_routes else ROUTE_SO
    chosen = [n for n in everyone if _route_of(n.title) == route]
    if not chosen:
        raise ValidationError(
            f"Năm {year} chưa có đề nghị nào trình {ROUTES[route]} (xem màn hình Bình xét; "
            "khi Hội đồng đã biểu quyết, chỉ những trường hợp đạt được đưa vào tờ trình)"
        )
    ctx = Context(session)
    s = ctx.settings
    meeting = None
    if session_id is not None:
        meeting = session.get(CouncilSession, session_id)
        if meeting is None:
            raise ValidationError(f"Không tìm thấy phiên họp Hội đồng số hiệu {session_id}")
    else:
        meeting = latest_session(session, [year, year + 1], on)

    by_title: dict[str, list[Nominee]] = {}
    for n in chosen:
        by_title.setdefault(n.title, []).append(n)
    units_total = sum(1 for n in chosen if n.subject == UNIT)
    people_total = len(chosen) - units_total
    counts: list[str] = []
    sections: list[ListSection] = []
    for index, (code, group) in enumerate(by_title.items()):
        item = cat.get(code)
        units = sum(1 for n in group if n.subject == UNIT)
        counts.append(_count_line(item, units, len(group) - units))
        lines = tuple(
            ListLine(
                stt=str(k),
                name=n.name,
                detail=n.detail,
                title=item.short or item.name,
                note=f"Đạt {n.percent}%" if n.percent else "",
            )
            for k, n in enumerate(group, start=1)
        )
        label = ROMAN[index] if index < len(ROMAN) else str(index + 1)
        sections.append(
            ListSection(label, f"{item.name} ({count_words(units, len(group) - units)})", lines)
        )
    counts = [line + ";" for line in counts[:-1]] + [counts[-1] + "."]
    single = cat.get(next(iter(by_title))) if len(by_title) == 1 else None
    what = f"{verb_of(single)} {single.name}" if single is not None else "khen thưởng"
    total_words = count_words(units_total, people_total)

    if route == ROUTE_SO:
        header = council_header(ctx, "TTr", on, year)
        addressees: tuple[str, ...] = (f"Kính gửi: {s.head_title}.",)
        sender, to = s.council_name, s.head_title
        signer = council_signer(ctx)
        recipients = ctx.recipients("Như trên")
        series = ctx.council_series("TTr")
        sender_of = s.council_name
    else:
        header = agency_header(ctx, None, ctx.series("TTr"), on, year)
        to = s.province_chair if route == ROUTE_PROVINCE else s.minister
        addressees = (
            ("Kính gửi:", f"- {s.province_chair};", f"- {s.home_affairs}.")
            if route == ROUTE_PROVINCE
            else (f"Kính gửi: {s.minister}.",)
        )
        sender, signer = s.agency_name, agency_signer(ctx)
        recipients = ctx.recipients("Như trên")
        series = ctx.series("TTr")
        sender_of = f"{s.head_title}"
    _name, bases, _forms = rule_set_documents(session, on or date.today())
    subject = f"Về việc đề nghị {what} năm {year}"
    if route == ROUTE_MINISTRY and single is None:
        subject = f"Về việc đề nghị {s.minister} khen thưởng năm {year}"
    request = (
        f"{sender} kính đề nghị {to} xem xét, quyết định {what} năm {year} cho {total_words} "
        "đã có thành tích xuất sắc, cụ thể như sau:"
    )
    notes = []
    if meeting is None:
        notes.append(f"Năm {year} chưa có phiên họp Hội đồng: tờ trình không nêu biên bản họp")
    annex = Annex(
        label="",
        title=f"DANH SÁCH TẬP THỂ, CÁ NHÂN ĐỀ NGHỊ {what.upper()} NĂM {year}",
        attribution=(
            f"(Kèm theo Tờ trình số {BLANK}/{series} ngày {BLANK} tháng {BLANK} năm {year} "
            f"của {sender_of})"
            if on is None
            else f"(Kèm theo Tờ trình số {BLANK}/{series} ngày {on:%d/%m/%Y} của {sender_of})"
        ),
        sections=tuple(sections),
        closing=f"Danh sách gồm {total_words}./.",
    )
    return SubmissionData(
        code=SUBMISSION_CODE,
        template="to-trinh.docx",
        file_stem=f"to-trinh-{route}-{year}",
        header=header,
        subject=subject,
        signer=signer,
        recipients=recipients,
        notes=tuple(notes),
        route=route,
        addressees=addressees,
        bases=bases + ctx.settings.local_basis_lines(),
        council_line=session_basis(ctx, meeting),
        request=request,
        counts=tuple(counts),
        attachments_line="(Có danh sách, biên bản họp Hội đồng và báo cáo thành tích kèm theo)",
        closing=f"{sender} kính trình {to} xem xét, quyết định./.",
        annex=annex,
        total=len(chosen),
    )
