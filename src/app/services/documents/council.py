"""The Council's documents: biên bản họp (domain.md §8.4, §17.3), giấy mời họp, and the
thông báo kết quả sent to the units after the meeting.

The minutes are numbered in the Council's own series (".../BB-HĐTĐKT", domain.md §7.1) and
name the members present and absent (with their written opinions), the times, the chair and
the secretary, the public-comment outcome (required for State-level proposals, NĐ 152/2025
Điều 44 khoản 2) and the vote table: votes in favour and their percentage of the total
membership (the denominator, NĐ 152/2025 Điều 33 khoản 5), per candidate or per list.
"""

from __future__ import annotations

from datetime import date, time

from sqlalchemy.orm import Session

from app.domain.council_minutes import CHAIR, DEPUTY, ROLE_NAMES, SECRETARY
from app.domain.documents import (
    INVITATION_CODE,
    MINUTES_CODE,
    NOTICE_CODE,
    count_words,
)
from app.domain.errors import ValidationError
from app.domain.vnformat import date_words, format_date
from app.domain.vntext import clean
from app.services.council import SessionRow, get_session, list_sessions
from app.services.council_candidates import CandidateLine, list_candidates
from app.services.council_members import MemberRow, get_minutes, list_members
from app.services.documents.common import (
    ROMAN,
    Context,
    agency_header,
    agency_signer,
    council_header,
    council_signer,
    percent_text,
)
from app.services.documents.model import (
    InvitationData,
    ListLine,
    ListSection,
    MinutesData,
    NoticeData,
    Signer,
)
from app.services.documents.submission import Nominee, nominees
from app.services.reference import catalogue
from app.services.review import UNIT

__all__ = ["invitation_data", "minutes_data", "notice_data", "pick_session"]


def pick_session(session: Session, session_id: int | None, year: int | None) -> SessionRow:
    """The session chosen, or the year's only one (refused when it has none or several)."""
    if session_id is not None:
        return get_session(session, session_id)
    if year is None:
        raise ValidationError("Cần chọn phiên họp Hội đồng Thi đua - Khen thưởng (--session)")
    meetings = list_sessions(session, year)
    if not meetings:
        raise ValidationError(
            f"Năm {year} chưa có phiên họp Hội đồng Thi đua - Khen thưởng nào (ghi phiên họp ở "
            "màn hình Bình xét, thẻ Hội đồng TĐKT)"
        )
    if len(meetings) > 1:
        listed = ", ".join(f"số hiệu {m.id} (ngày {format_date(m.meeting_date)})" for m in meetings)
        raise ValidationError(
            f"Năm {year} có {len(meetings)} phiên họp Hội đồng: {listed}; chọn một (--session)"
        )
    return meetings[0]


def _clock(value: time | None) -> str:
    return f"{value.hour:02d} giờ {value.minute:02d}" if value is not None else ""


def _member_line(m: MemberRow) -> str:
    role = ROLE_NAMES.get(m.role, "")
    job = clean(m.job_title)
    parts = [p for p in (job, role) if p]
    return f"- {clean(m.full_name)}" + (f", {', '.join(parts)};" if parts else ";")


def _chair(members: list[MemberRow], meeting: SessionRow) -> tuple[str, str]:
    """(role in capitals for the signature, name) of who chaired."""
    for role in (CHAIR, DEPUTY):
        for m in members:
            if m.role == role and m.present:
                title = "CHỦ TỊCH HỘI ĐỒNG" if role == CHAIR else "CHỦ TRÌ"
                return title, clean(m.full_name)
    return "CHỦ TRÌ", clean(meeting.chair or "")


def _secretary(members: list[MemberRow], meeting: SessionRow) -> str:
    found = next((m for m in members if m.role == SECRETARY), None)
    return clean(found.full_name) if found else clean(meeting.secretary or "")


def _vote_sections(lines: list[CandidateLine], members_total: int) -> tuple[ListSection, ...]:
    cat = catalogue()
    by_title: dict[str, list[CandidateLine]] = {}
    for line in lines:
        by_title.setdefault(line.title, []).append(line)

    def rank(code: str) -> tuple[int, int]:
        item = cat.get(code) if code in cat else None
        return (-(item.rank if item else 0), item.order if item else 0)

    sections = []
    for index, code in enumerate(sorted(by_title, key=rank)):
        group = sorted(by_title[code], key=lambda c: (c.subject != UNIT,))
        rows = []
        for n, c in enumerate(group, start=1):
            if c.vote is not None:
                in_favour = str(c.vote.ballots.in_favour)
                percent = percent_text(c.vote.percent)
                result = "Đạt" if c.vote.passed else "Không đạt"
            elif c.approval is not None:
                in_favour = f"{c.approval.in_favour}/{c.approval.members_total}"
                percent = percent_text(c.approval.percent)
                result = "Đạt (cả danh sách)" if c.approval.passed else "Không đạt"
            else:
                in_favour, percent, result = "", "", "Chưa biểu quyết"
            rows.append(
                ListLine(
                    stt=str(n),
                    name=c.name,
                    unit=c.unit,
                    title=cat.get(code).short if code in cat else code,
                    in_favour=in_favour,
                    percent=percent,
                    result=result,
                )
            )
        name = group[0].title_name or code
        label = ROMAN[index] if index < len(ROMAN) else str(index + 1)
        sections.append(ListSection(label, name, tuple(rows)))
    del members_total
    return tuple(sections)


def _conclusions(lines: list[CandidateLine]) -> tuple[str, ...]:
    cat = catalogue()
    out: dict[str, list[int]] = {}
    for c in lines:
        passed = (c.vote is not None and c.vote.passed) or (
            c.vote is None and c.approval is not None and c.approval.passed
        )
        if not passed:
            continue
        counts = out.setdefault(c.title, [0, 0])
        counts[0 if c.subject == UNIT else 1] += 1
    result = []
    for code, (units, people) in out.items():
        item = cat.get(code) if code in cat else None
        what = (f"Danh hiệu “{item.name}”" if item.is_title else item.name) if item else code
        result.append(f"- {what}: {count_words(units, people)};")
    if result:
        result[-1] = result[-1][:-1] + "."
    return tuple(result)


def minutes_data(session: Session, session_id: int | None, year: int | None = None) -> MinutesData:
    meeting = pick_session(session, session_id, year)
    ctx = Context(session)
    s = ctx.settings
    members = list_members(session, meeting.id)
    minutes = get_minutes(session, meeting.id)
    lines = list_candidates(session, meeting.id)
    chair_role, chair_name = _chair(members, meeting)
    secretary = _secretary(members, meeting)
    start = _clock(minutes.started_at)
    when = date_words(meeting.meeting_date)
    first = f"Hôm nay, vào lúc {start}, {when}" if start else f"Hôm nay, {when}"
    place = f", tại {clean(meeting.place)}" if clean(meeting.place) else ""
    opening = (
        f"{first}{place}, {s.council_name} họp xét thi đua, khen thưởng năm {meeting.year}.",
    )
    present = [m for m in members if m.present]
    absent = [m for m in members if not m.present]
    attendance = (
        f"Chủ trì: {chair_name or '...'}; thư ký: {secretary or '...'}.",
        f"Hội đồng có {meeting.members_total:02d} thành viên; có mặt {meeting.present:02d} "
        f"thành viên; vắng mặt {meeting.members_total - meeting.present:02d} thành viên "
        f"({meeting.written_opinions:02d} thành viên có ý kiến bằng văn bản)."
        + (" Các thành viên có mặt:" if present else ""),
    )
    absent_lines = tuple(
        _member_line(m)[:-1]
        + (
            " (có ý kiến bằng văn bản);"
            if m.written_opinion
            else " (không có ý kiến bằng văn bản);"
        )
        for m in absent
    )
    agenda = (
        f"Thường trực Hội đồng báo cáo kết quả bình xét của các đơn vị, danh sách tập thể, cá "
        f"nhân đề nghị khen thưởng năm {meeting.year} và đối chiếu với tiêu chuẩn quy định.",
        "Hội đồng thảo luận, biểu quyết từng danh hiệu, hình thức khen thưởng; tỷ lệ phiếu đồng "
        "ý tính trên tổng số thành viên Hội đồng (kể cả ý kiến bằng văn bản của thành viên vắng "
        "mặt).",
    )
    comment = clean(minutes.public_comment)
    state = any(
        c.title in catalogue() and catalogue().get(c.title).level == "NHA_NUOC" for c in lines
    )
    if comment:
        public = f"Kết quả lấy ý kiến công khai: {comment}"
    elif state:
        public = "Kết quả lấy ý kiến công khai: (chưa ghi; bắt buộc với khen thưởng cấp Nhà nước)."
    else:
        public = ""
    end = _clock(minutes.ended_at)
    closing = (
        f"Cuộc họp kết thúc vào lúc {end} cùng ngày. Biên bản đã được thông qua trước Hội đồng./."
        if end
        else "Biên bản đã được thông qua trước Hội đồng./."
    )
    notes = []
    if not members:
        notes.append("Phiên họp chưa ghi tên các thành viên: biên bản chỉ nêu số lượng")
    if state and not comment:
        notes.append("Có đề nghị cấp Nhà nước nhưng chưa ghi kết quả lấy ý kiến công khai")
    conclusions = _conclusions(lines)
    return MinutesData(
        code=MINUTES_CODE,
        template="bien-ban-hop-hoi-dong.docx",
        file_stem=f"bien-ban-hop-hoi-dong-{meeting.meeting_date:%Y-%m-%d}",
        header=council_header(ctx, "BB", meeting.meeting_date, meeting.year),
        subject=f"Họp {s.council_name} xét thi đua, khen thưởng năm {meeting.year}",
        signer=Signer("", "", ""),
        notes=tuple(notes),
        session_id=meeting.id,
        opening=opening,
        attendance=attendance,
        members_present=tuple(_member_line(m) for m in present),
        absent_line=f"Vắng mặt {len(absent):02d} thành viên:" if absent else "",
        members_absent=absent_lines,
        agenda=agenda,
        public_comment_line=public,
        votes_intro=(
            f"Kết quả biểu quyết (tổng số thành viên Hội đồng: {meeting.members_total:02d}):"
            if lines
            else "Phiên họp chưa ghi kết quả biểu quyết."
        ),
        vote_sections=_vote_sections(lines, meeting.members_total),
        conclusions=(
            (
                "Hội đồng thống nhất đề nghị khen thưởng các tập thể, cá nhân đạt tỷ lệ phiếu theo "
                "quy định, gồm:",
            )
            + conclusions
            if conclusions
            else ("Không có trường hợp nào đạt tỷ lệ phiếu theo quy định.",)
        ),
        closing=closing,
        chair_role=chair_role,
        right_name=chair_name,
        left_name=secretary,
    )


def invitation_data(
    session: Session,
    session_id: int | None,
    year: int | None = None,
    *,
    on: date | None = None,
) -> InvitationData:
    """Giấy mời họp Hội đồng: the members by name, the time and place of the session."""
    meeting = pick_session(session, session_id, year)
    ctx = Context(session)
    s = ctx.settings
    members = list_members(session, meeting.id)
    minutes = get_minutes(session, meeting.id)
    start = _clock(minutes.started_at)
    when = (
        f"{start}, {date_words(meeting.meeting_date)}"
        if start
        else date_words(meeting.meeting_date)
    )
    invitees = tuple(
        f"- {clean(m.full_name)}"
        + (f", {clean(m.job_title)}" if clean(m.job_title) else "")
        + f" ({ROLE_NAMES.get(m.role, 'Ủy viên')});"
        for m in members
    )
    body = (
        f"{s.council_name} trân trọng kính mời các thành viên Hội đồng dự họp xét thi đua, "
        f"khen thưởng năm {meeting.year}.",
        f"Thời gian: {when[:1].upper()}{when[1:]}.",
        f"Địa điểm: {clean(meeting.place) or '...'}.",
        "Nội dung: xem xét danh sách tập thể, cá nhân đề nghị công nhận danh hiệu thi đua và "
        "khen thưởng; biểu quyết theo quy định.",
        "Đề nghị các thành viên nghiên cứu hồ sơ gửi kèm và dự họp đầy đủ, đúng giờ; trường "
        "hợp vắng mặt, gửi ý kiến bằng văn bản về Thường trực Hội đồng trước cuộc họp./.",
    )
    notes = () if members else ("Phiên họp chưa ghi tên các thành viên: giấy mời gửi chung",)
    return InvitationData(
        code=INVITATION_CODE,
        template="giay-moi-hop-hoi-dong.docx",
        file_stem=f"giay-moi-hop-hoi-dong-{meeting.meeting_date:%Y-%m-%d}",
        header=council_header(ctx, "GM", on, meeting.year),
        subject=f"Họp {s.council_name} xét thi đua, khen thưởng năm {meeting.year}",
        signer=council_signer(ctx),
        recipients=ctx.recipients("Như trên"),
        notes=notes,
        session_id=meeting.id,
        greeting="Kính gửi: Các thành viên Hội đồng" + (":" if invitees else "."),
        invitees=invitees,
        body=body,
    )


def notice_data(
    session: Session,
    session_id: int | None,
    year: int | None = None,
    *,
    on: date | None = None,
) -> NoticeData:
    """Thông báo kết quả to the units: everybody proposed in the session's year, by title (for
    the titles the Council voted on, only those who passed; :func:`submission.nominees`)."""
    meeting = pick_session(session, session_id, year)
    ctx = Context(session)
    s = ctx.settings
    chosen = nominees(session, meeting.year)
    cat = catalogue()
    by_title: dict[str, list[Nominee]] = {}
    for n in chosen:
        by_title.setdefault(n.title, []).append(n)
    sections = []
    counts = []
    for index, (code, group) in enumerate(by_title.items()):
        units = sum(1 for n in group if n.subject == UNIT)
        words = count_words(units, len(group) - units)
        name = cat.get(code).name if code in cat else code
        label = ROMAN[index] if index < len(ROMAN) else str(index + 1)
        sections.append(
            ListSection(
                label,
                f"{name} ({words})",
                tuple(
                    ListLine(
                        stt=str(k),
                        name=n.name,
                        detail=n.detail,
                        note=f"Đạt {n.percent}%" if n.percent else "",
                    )
                    for k, n in enumerate(group, start=1)
                ),
            )
        )
        counts.append(f"- {name}: {words};")
    if counts:
        counts[-1] = counts[-1][:-1] + "."
    total_units = sum(1 for n in chosen if n.subject == UNIT)
    return NoticeData(
        code=NOTICE_CODE,
        template="thong-bao-ket-qua.docx",
        file_stem=f"thong-bao-ket-qua-{meeting.year}",
        header=agency_header(ctx, None, ctx.series("TB"), on, meeting.year),
        subject=f"Kết quả xét thi đua, khen thưởng năm {meeting.year}",
        signer=agency_signer(ctx),
        recipients=ctx.recipients("Các phòng, đơn vị thuộc Sở", "Thành viên Hội đồng TĐKT Sở"),
        notes=() if chosen else ("Năm này chưa có trường hợp nào được đề nghị",),
        addressee="Kính gửi: Các phòng, đơn vị thuộc Sở.",
        bases=(f"Căn cứ kết quả họp {s.council_name} {date_words(meeting.meeting_date)},",),
        intro=(
            f"{s.agency_name} thông báo kết quả xét thi đua, khen thưởng năm {meeting.year}: "
            f"{count_words(total_units, len(chosen) - total_units)} được Hội đồng thống nhất "
            "đề nghị công nhận danh hiệu thi đua, khen thưởng, cụ thể:"
        ),
        counts=tuple(counts),
        sections=tuple(sections),
        closing_lines=(
            "Các phòng, đơn vị thông báo đến tập thể, cá nhân thuộc đơn vị mình; có ý kiến khác "
            "gửi về Văn phòng Sở (Thường trực Hội đồng) trong thời hạn 05 ngày làm việc kể từ "
            "ngày nhận Thông báo này./.",
        ),
    )
