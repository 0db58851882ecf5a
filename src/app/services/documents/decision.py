"""Quyết định khen thưởng (domain.md §7.3, §17.2) of the agency's own decision.

Căn cứ lines: those of the rule set in force on the signing date (its ``documents.
decision_bases`` in the rule data), then the province's and the Sở's own (document settings),
then the Council minutes (the latest session of the decision's year held before it is signed,
or the one chosen) and the tờ trình. Điều 1 names the recipients when they are few
(:data:`INLINE_MAX`, one title), else "(có danh sách kèm theo)" and the list follows as an
annex (a Word table, new page, its own page numbers). Điều 2: the money of each title by the
coefficient and the base salary of the signing date, the total in figures and words, and the
fund. Điều 3: execution.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from app.db.models import CouncilSession, Decision
from app.domain.documents import BLANK, DECISION_CODE, count_words
from app.domain.errors import NotFoundError, ValidationError
from app.domain.vnformat import format_money, money_in_words
from app.domain.vntext import clean
from app.services.decision_reports import bonus_list_data, decision_annex_data
from app.services.documents.common import (
    Context,
    agency_header,
    agency_signer,
    latest_session,
    rule_set_documents,
    session_basis,
)
from app.services.documents.model import Annex, DecisionData, ListLine, ListSection
from app.services.documents.submission import verb_of
from app.services.reference import catalogue

__all__ = ["INLINE_MAX", "decision_data"]

INLINE_MAX = 5  # recipients named in Điều 1 itself; more go to the annex
_KIND_NOUN = {"CA_NHAN": "cá nhân", "TAP_THE": "tập thể", "HO_GIA_DINH": "hộ gia đình"}


def _coefficient(value: Decimal) -> str:
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def _kind_noun(title_name: str, coefficient: Decimal) -> str:
    """ "tập thể" / "cá nhân": the kind of recipient paid ``coefficient`` for the title (the
    catalogue's coefficients differ by kind), "" when it cannot be told."""
    for item in catalogue().items:
        if item.name != title_name:
            continue
        kinds = [k for k, c in item.coefficients.items() if c is not None and c == coefficient]
        if len(kinds) == 1:
            return _KIND_NOUN.get(str(kinds[0]), "")
    return ""


def _money(session: Session, decision: Decision, fund: str) -> tuple[str, tuple[str, ...], str]:
    """(Điều 2 opening, the base salary and a line per title and kind of recipient, the
    total line)."""
    try:
        bonus = bonus_list_data(session, decision.id)
    except (NotFoundError, ValidationError) as exc:
        return (f"Tiền thưởng: {exc}.", (), "")
    if bonus.total <= 0:
        return ("Hình thức khen thưởng tại Điều 1 không kèm theo tiền thưởng.", (), "")
    groups: dict[tuple[str, Decimal, int], int] = {}
    for line in bonus.lines:
        if line.amount <= 0:
            continue
        key = (line.title_name, Decimal(line.coefficient), line.amount)
        groups[key] = groups.get(key, 0) + 1
    lines = [f"- {clean(bonus.salary_line).rstrip('.;')};"] if clean(bonus.salary_line) else []
    for (title_name, coefficient, amount), count in groups.items():
        noun = _kind_noun(title_name, coefficient)
        each = f"{format_money(amount)} đồng/{noun}" if noun else f"{format_money(amount)} đồng"
        who = f"{count:02d} {noun}" if noun else f"{count:02d}"
        lines.append(
            f"- {title_name}: {_coefficient(coefficient)} lần mức lương cơ sở, {each} × {who} "
            f"= {format_money(amount * count)} đồng;"
        )
    lines[-1] = lines[-1][:-1] + "."
    total = (
        f"Tổng số tiền thưởng: {format_money(bonus.total)} đồng ({money_in_words(bonus.total)}), "
        f"chi từ {fund[:1].lower()}{fund[1:]}."
    )
    opening = "Tiền thưởng kèm theo cho các tập thể, cá nhân có tên tại Điều 1 theo quy định:"
    return opening, tuple(lines), total


def decision_data(
    session: Session,
    decision_id: int,
    *,
    session_id: int | None = None,
    submission: str | None = None,
) -> DecisionData:
    """The quyết định of decision ``decision_id`` (the agency's own); ``submission``: the
    tờ trình it answers, as typed ("12/TTr-HĐTĐKT ngày 15/12/2025")."""
    decision = session.get(Decision, decision_id)
    if decision is None:
        raise NotFoundError(f"Không tìm thấy quyết định id={decision_id}")
    if decision.origin != "OWN":
        raise ValidationError(
            f"Quyết định {decision.number or ''} là của cấp trên (ghi lại để theo dõi): "
            "không soạn lại văn bản của cơ quan khác"
        )
    ctx = Context(session)
    s = ctx.settings
    annex_data = decision_annex_data(session, decision_id)
    lines = [line for section in annex_data.sections for line in section.lines]
    if not lines:
        raise ValidationError("Quyết định chưa có tập thể, cá nhân nào: thêm danh sách trước")
    signing = decision.decision_date
    rule_name, bases, _forms = rule_set_documents(session, signing or date.today())
    meeting: CouncilSession | None
    if session_id is not None:
        meeting = session.get(CouncilSession, session_id)
        if meeting is None:
            raise NotFoundError(f"Không tìm thấy phiên họp Hội đồng số hiệu {session_id}")
    else:
        meeting = latest_session(session, [decision.year, decision.year - 1], signing)
    council = session_basis(ctx, meeting)
    all_bases = bases + s.local_basis_lines() + ((council,) if council else ())
    if clean(submission):
        proposal = f"Theo đề nghị của {s.council_name} tại Tờ trình số {clean(submission)}."
    else:
        proposal = (
            f"Theo đề nghị của {s.council_name} tại Tờ trình số {BLANK}/"
            f"{ctx.council_series('TTr')} ngày {BLANK} tháng {BLANK} năm {decision.year}."
        )

    cat = catalogue()
    codes = {line.title_name for line in lines}
    code = decision.catalogue_code or ""
    item = cat.get(code) if code in cat else None
    if item is None and len(codes) == 1:
        item = next((i for i in cat.items if i.name == next(iter(codes))), None)
    frm, to = decision.period_from_year, decision.period_to_year
    if frm is None and to is None:
        year_words = ""
    elif frm is None or to is None or frm == to:
        year_words = f"năm {to or frm}"
    else:
        year_words = f"giai đoạn {frm} - {to}"
    if item is not None and len(codes) == 1:
        award = f"{verb_of(item)} {'“' + item.name + '”' if item.is_title else item.name}"
    else:
        award = "khen thưởng"
    subject = " ".join(x for x in ("Về việc", award, year_words) if x)
    counts = {
        kind: sum(1 for line in lines if line.subject_kind == kind)
        for kind in ("TAP_THE", "CA_NHAN", "HO_GIA_DINH")
    }
    who = count_words(counts["TAP_THE"], counts["CA_NHAN"], counts["HO_GIA_DINH"])
    merit = "" if item is not None and item.is_title else " đã có thành tích xuất sắc"
    inline = len(lines) <= INLINE_MAX and len(codes) == 1
    verb = award[:1].upper() + award[1:]
    when = f" {year_words}" if year_words else ""
    if inline:
        article1 = f"{verb}{when} cho {who}{merit}, gồm:"
        inline_list = tuple(
            f"{n}. {', '.join(p for p in (line.name, line.job_title, line.unit) if p)}"
            + (";" if n < len(lines) else ".")
            for n, line in enumerate(lines, start=1)
        )
    else:
        article1 = f"{verb}{when} cho {who}{merit} (có danh sách kèm theo)."
        inline_list = ()
    opening, money_lines, total = _money(session, decision, s.fund_source)
    article3 = (
        f"Quyết định này có hiệu lực kể từ ngày ký. {s.executors} và các tập thể, cá nhân có "
        "tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./."
    )
    sections = tuple(
        ListSection(
            section.label,
            section.name,
            tuple(
                ListLine(
                    stt=str(line.stt),
                    name=line.name,
                    detail=", ".join(p for p in (line.job_title, line.unit) if p),
                    title=line.title_name,
                    note="; ".join(
                        p
                        for p in (
                            line.title_name if annex_data.show_titles else "",
                            f"Số sổ vàng: {line.golden_book_no}"
                            if line.golden_book_no is not None
                            else "",
                        )
                        if p
                    ),
                )
                for line in section.lines
            ),
        )
        for section in annex_data.sections
    )
    annex = (
        None
        if inline
        else Annex(
            label="Phụ lục",
            title=annex_data.title,
            attribution=annex_data.attribution,
            sections=sections,
            closing=annex_data.closing,
        )
    )
    notes = []
    if annex_data.status_note:
        notes.append(annex_data.status_note)
    if meeting is None:
        notes.append("Không tìm thấy phiên họp Hội đồng trước ngày ký: không có căn cứ biên bản")
    signer = agency_signer(
        ctx, decision.signer_authority_line, decision.signer_title, decision.signer_name
    )
    number = decision.number
    return DecisionData(
        code=DECISION_CODE,
        template="quyet-dinh.docx",
        file_stem=f"quyet-dinh-{clean(decision.number or 'du-thao').replace('/', '-')}",
        header=agency_header(ctx, number, ctx.series("QĐ"), signing, decision.year),
        subject=subject,
        signer=signer,
        recipients=ctx.recipients("Như Điều 3"),
        notes=tuple(notes),
        decision_id=decision.id,
        authority_line=clean(decision.authority).upper(),
        bases=all_bases,
        proposal_line=proposal,
        article1=article1,
        inline_list=inline_list,
        article2=opening,
        money_lines=money_lines,
        money_total=total,
        article3=article3,
        annex=annex,
        rule_set=rule_name,
        total=len(lines),
    )
