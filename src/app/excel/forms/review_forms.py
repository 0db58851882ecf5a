"""Forms of the Bình xét (issue 5): nomination list, public-comment list, Council minutes.

- ``nomination-list`` -- "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG <DANH HIỆU/HÌNH THỨC> NĂM <yyyy>"
  (domain.md §8.2): sections "I. Tập thể", "II. Cá nhân" when the title is for both; columns
  as the provinces' lists (STT | Họ và tên | Giới tính | Ngày sinh | Chức vụ | Đơn vị công tác)
  plus the basis of the proposal, the vote percentage when the Council voted, and Ghi chú. A
  list of collectives only: STT | Tên tập thể | Phân loại tập thể | Trực thuộc | ...
- ``public-comment-list`` -- the list published for comment before proposals to the province,
  the ministry or the State: a section per title, the comment period left to fill in. No
  birth dates: the list is public.
- ``council-minutes`` -- Biên bản họp Hội đồng Thi đua - Khen thưởng (TT 62/2025 Mẫu số 03
  content, domain.md §8.4): the Council's header and its own number ("…/BB-HĐTĐKT"), time and
  place, members, content, the vote table, conclusion; signed by the secretary and the chair.
- ``vote-count-minutes`` -- Biên bản kiểm phiếu (§8.3): the members in office (the
  denominator), present, ballots issued, returned, valid and invalid, the result per
  candidate; signed by the Ban kiểm phiếu.

Percentages are always of the Council's total membership (domain.md X10). The data come from
:mod:`app.services.review_reports`; this module reads them through the protocols below.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Protocol

from openpyxl import Workbook

from app.domain.settings import AgencySettings
from app.domain.vnformat import date_words, formal_date_line
from app.excel.forms.grouped import (
    DATE_FORMAT,
    INDENT,
    STT,
    Line,
    RowGroup,
    born,
    fit_grouped_header,
    open_list,
    paragraph,
    write_groups,
)
from app.excel.forms.layout import (
    Column,
    FormSheet,
    Signer,
    open_form,
    preparer_of,
    signer_of,
)
from app.excel.forms.page import blank_workbook

__all__ = [
    "COUNCIL_CODE",
    "NOMINATION_CODE",
    "PUBLIC_CODE",
    "VOTE_COUNT_CODE",
    "build_council_minutes",
    "build_nomination_list",
    "build_public_comment",
    "build_vote_count",
    "council_columns",
    "nomination_columns",
    "nomination_heading",
    "percent_text",
    "threshold_text",
]

NOMINATION_CODE = "nomination-list"
NOMINATION_NAME = "Danh sách đề nghị khen thưởng"
NOMINATION_LANDSCAPE = True
PUBLIC_CODE = "public-comment-list"
PUBLIC_NAME = "Danh sách lấy ý kiến công khai"
PUBLIC_LANDSCAPE = True
COUNCIL_CODE = "council-minutes"
COUNCIL_NAME = "Biên bản họp Hội đồng Thi đua - Khen thưởng"
COUNCIL_LANDSCAPE = False
VOTE_COUNT_CODE = "vote-count-minutes"
VOTE_COUNT_NAME = "Biên bản kiểm phiếu"
VOTE_COUNT_LANDSCAPE = True

COUNCIL = "Hội đồng Thi đua - Khen thưởng"
COUNCIL_ABBREVIATION = "HĐTĐKT"
PERCENT_FORMAT = "0.0"
BLANK_TIME = "...... giờ ...... phút"
BLANK_TEXT = "." * 60
BLANK_DATE = "...../...../.........."
UNIT = "unit"
PERSON = "person"


# --------------------------------------------------------------------------- data shapes


class NominationLineLike(Protocol):
    @property
    def subject(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def gender(self) -> str: ...
    @property
    def birth_date(self) -> date | None: ...
    @property
    def birth_year(self) -> int | None: ...
    @property
    def position(self) -> str: ...
    @property
    def unit(self) -> str: ...
    @property
    def category(self) -> str: ...
    @property
    def basis(self) -> str: ...
    @property
    def percent(self) -> Decimal | None: ...
    @property
    def note(self) -> str: ...


class NominationSectionLike(Protocol):
    @property
    def subject(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def lines(self) -> Sequence[NominationLineLike]: ...


class NominationListLike(Protocol):
    @property
    def agency(self) -> AgencySettings: ...
    @property
    def year(self) -> int: ...
    @property
    def on(self) -> date: ...
    @property
    def title_name(self) -> str: ...
    @property
    def is_title(self) -> bool: ...
    @property
    def unit_name(self) -> str | None: ...
    @property
    def voted(self) -> bool: ...
    @property
    def sections(self) -> Sequence[NominationSectionLike]: ...


class PublicSectionLike(Protocol):
    @property
    def title_name(self) -> str: ...
    @property
    def lines(self) -> Sequence[NominationLineLike]: ...


class PublicCommentLike(Protocol):
    @property
    def agency(self) -> AgencySettings: ...
    @property
    def year(self) -> int: ...
    @property
    def on(self) -> date: ...
    @property
    def unit_name(self) -> str | None: ...
    @property
    def sections(self) -> Sequence[PublicSectionLike]: ...


class VoteLineLike(Protocol):
    @property
    def subject(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def unit(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def title_short(self) -> str: ...
    @property
    def issued(self) -> int: ...
    @property
    def returned(self) -> int: ...
    @property
    def valid(self) -> int: ...
    @property
    def invalid(self) -> int: ...
    @property
    def in_favour(self) -> int: ...
    @property
    def percent(self) -> Decimal: ...
    @property
    def threshold(self) -> Decimal: ...
    @property
    def majority(self) -> bool: ...
    @property
    def passed(self) -> bool: ...
    @property
    def result(self) -> str: ...


class TitleResultLike(Protocol):
    @property
    def title_name(self) -> str: ...
    @property
    def people(self) -> int: ...
    @property
    def units(self) -> int: ...
    @property
    def failed(self) -> int: ...


class CouncilMinutesLike(Protocol):
    @property
    def agency(self) -> AgencySettings: ...
    @property
    def year(self) -> int: ...
    @property
    def meeting_date(self) -> date: ...
    @property
    def place(self) -> str: ...
    @property
    def chair(self) -> str: ...
    @property
    def secretary(self) -> str: ...
    @property
    def members_total(self) -> int: ...
    @property
    def present(self) -> int: ...
    @property
    def absent(self) -> int: ...
    @property
    def written_opinions(self) -> int: ...
    @property
    def note(self) -> str: ...
    @property
    def votes(self) -> Sequence[VoteLineLike]: ...
    @property
    def state_level(self) -> bool: ...
    def results(self) -> Sequence[TitleResultLike]: ...


# --------------------------------------------------------------------------- small texts


def percent_text(value: Decimal) -> str:
    """A percentage as Vietnamese writes it: "80", "66,7" (decimal comma, no trailing zero)."""
    text = f"{value.normalize():f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def threshold_text(threshold: Decimal, majority: bool) -> str:
    """ "≥ 80%" for a threshold of its own; "> 50%" for the plain-majority default."""
    return f"{'>' if majority else '≥'} {percent_text(threshold)}%"


def _plural(count: int, what: str) -> str:
    return f"{count:02d} {what}" if 0 < count < 10 else f"{count} {what}"


def _name_only(text: str) -> str:
    """The person's name out of "Trần Văn A, Giám đốc Sở" / "Trần Văn A - Giám đốc"."""
    return re.split(r",| - | – ", text, maxsplit=1)[0].strip()


def _percent_cell(value: Decimal | None) -> object:
    return float(value) if value is not None else ""


# --------------------------------------------------------------------------- nomination list


def nomination_columns(*, people: bool, units: bool, voted: bool) -> tuple[Column, ...]:
    """The list's columns: the people layout (units fit in it too), or collectives only."""
    basis = Column("Căn cứ đề nghị (xếp loại, sáng kiến, thành tích)", 28)
    if people:
        name = "Họ và tên / Tên tập thể" if units else "Họ và tên"
        columns = [
            STT,
            Column(name, 23),
            Column("Giới tính", 7.5, "center"),
            Column("Ngày sinh", 11, "center", DATE_FORMAT),
            Column("Chức vụ", 17),
            Column("Đơn vị công tác", 23),
            basis,
        ]
    else:
        columns = [
            STT,
            Column("Tên tập thể", 30),
            Column("Phân loại tập thể", 17),
            Column("Trực thuộc", 23),
            replace(basis, width=38),
        ]
    if voted:
        columns.append(Column("Tỷ lệ phiếu đồng ý (%)", 9, "center", PERCENT_FORMAT))
    columns.append(Column("Ghi chú", 9.5))
    return tuple(columns)


def nomination_heading(data: NominationListLike) -> str:
    what = f"danh hiệu “{data.title_name}”" if data.is_title else data.title_name
    return f"Danh sách đề nghị khen thưởng {what} năm {data.year}"


def _counts_line(sections: Sequence[NominationSectionLike]) -> str:
    parts = [f"{len(s.lines)} {s.name.lower()}" for s in sections]
    return f"(Tổng số: {', '.join(parts)})" if parts else "(Tổng số: 0)"


def template_nomination() -> Workbook:
    columns = nomination_columns(people=True, units=True, voted=False)
    return blank_workbook(
        "Đề nghị khen thưởng", [c.width for c in columns], landscape=NOMINATION_LANDSCAPE
    )


def build_nomination_list(data: NominationListLike) -> Workbook:
    """Danh sách đề nghị khen thưởng of one title (one unit or the whole agency)."""
    people = any(s.subject == PERSON for s in data.sections)
    units = any(s.subject == UNIT for s in data.sections)
    columns = nomination_columns(people=people, units=units, voted=data.voted)
    subtitles = [Line(data.unit_name, bold=True, italic=False)] if data.unit_name else []
    subtitles.append(Line(_counts_line(data.sections)))
    if data.voted:
        subtitles.append(
            Line(
                f"(Đã được {COUNCIL} biểu quyết; tỷ lệ phiếu đồng ý tính trên tổng số "
                "thành viên Hội đồng)"
            )
        )
    form = open_list(
        NOMINATION_CODE,
        "Đề nghị khen thưởng",
        columns,
        landscape=NOMINATION_LANDSCAPE,
        agency=data.agency,
        title=nomination_heading(data),
        subtitles=subtitles,
    )

    def values(stt: int, line: NominationLineLike) -> list[object]:
        if people:
            birth, _fmt = born(line.birth_date, line.birth_year)
            row = [stt, line.name, line.gender, birth, line.position, line.unit, line.basis]
        else:
            row = [stt, line.name, line.category, line.unit, line.basis]
        if data.voted:
            row.append(_percent_cell(line.percent))
        row.append(line.note)
        return row

    def formats(line: NominationLineLike) -> dict[int, str]:
        return {4: born(line.birth_date, line.birth_year)[1]} if people else {}

    groups = [
        RowGroup(s.name, s.lines, f"Không có {s.name.lower()} nào được đề nghị.")
        for s in data.sections
    ]
    write_groups(
        form,
        groups,
        values,
        formats=formats,
        sections=len(groups) > 1,
        empty="Không có trường hợp nào được đề nghị.",
    )
    agency = data.agency.normalised()
    form.signatures(
        signer_of(agency),
        left=preparer_of(agency),
        date_line=formal_date_line(agency.place, data.on),
    )
    return form.finish()


# --------------------------------------------------------------------------- public comment

PUBLIC_COLUMNS = (
    STT,
    Column("Tên cá nhân, tập thể", 25),
    Column("Chức vụ", 19),
    Column("Đơn vị công tác", 26),
    Column("Tóm tắt thành tích", 42),
    Column("Ghi chú", 10),
)


def template_public() -> Workbook:
    return blank_workbook(
        "Lấy ý kiến", [c.width for c in PUBLIC_COLUMNS], landscape=PUBLIC_LANDSCAPE
    )


def build_public_comment(data: PublicCommentLike) -> Workbook:
    """The list of nominees for the province, ministry or State, published for comment."""
    subtitles = [
        Line(
            "(Đề nghị khen thưởng cấp tỉnh, cấp bộ và cấp Nhà nước - công khai để lấy ý kiến)",
            bold=True,
            italic=False,
        )
    ]
    if data.unit_name:
        subtitles.append(Line(data.unit_name, bold=True, italic=False))
    subtitles.append(
        Line(f"Thời gian lấy ý kiến: từ ngày {BLANK_DATE} đến ngày {BLANK_DATE}", italic=True)
    )
    subtitles.append(
        Line(f"Ý kiến góp ý (nếu có) gửi về Thường trực {COUNCIL} trong thời gian nêu trên.")
    )
    form = open_list(
        PUBLIC_CODE,
        "Lấy ý kiến",
        PUBLIC_COLUMNS,
        landscape=PUBLIC_LANDSCAPE,
        agency=data.agency,
        title=f"Danh sách các cá nhân, tập thể đề nghị cấp trên khen thưởng năm {data.year}",
        subtitles=subtitles,
    )

    def values(stt: int, line: NominationLineLike) -> list[object]:
        return [stt, line.name, line.position, line.unit, line.basis, line.note]

    groups = [RowGroup(s.title_name, s.lines) for s in data.sections]
    write_groups(
        form, groups, values, empty="Không có cá nhân, tập thể nào được đề nghị khen thưởng."
    )
    agency = data.agency.normalised()
    form.signatures(signer_of(agency), date_line=formal_date_line(agency.place, data.on))
    return form.finish()


# --------------------------------------------------------------------------- council minutes


def council_agency(agency: AgencySettings) -> AgencySettings:
    """The header block of the Council's own papers: the agency above, the Council below,
    numbered in the Council's own series ("…/BB-HĐTĐKT", domain.md §7.1)."""
    agency = agency.normalised()
    return replace(
        agency,
        parent_body=agency.agency,
        agency=COUNCIL.upper(),
        abbreviation=COUNCIL_ABBREVIATION,
    )


def council_columns() -> tuple[Column, ...]:
    """The vote table of the Biên bản họp Hội đồng."""
    return (
        Column("STT", 4.5, "center"),
        Column("Họ và tên / Tập thể", 18),
        Column("Đơn vị", 18),
        Column("Danh hiệu / Hình thức", 10.5),
        Column("Số phiếu đồng ý", 7, "center"),
        Column("Tỷ lệ % (trên tổng số thành viên)", 9.5, "center", PERCENT_FORMAT),
        Column("Ngưỡng", 8, "center"),
        Column("Kết quả", 8, "center"),
    )


def vote_count_columns() -> tuple[Column, ...]:
    """The table of the Biên bản kiểm phiếu: every count of each candidate's ballots."""
    ballots = "Số phiếu"
    return (
        Column("STT", 5, "center"),
        Column("Họ và tên / Tập thể", 22),
        Column("Đơn vị", 26),
        Column("Danh hiệu / Hình thức", 12),
        Column("Phát ra", 7, "center", group=ballots),
        Column("Thu vào", 7, "center", group=ballots),
        Column("Hợp lệ", 7, "center", group=ballots),
        Column("Không hợp lệ", 8, "center", group=ballots),
        Column("Đồng ý", 7, "center", group=ballots),
        Column("Tỷ lệ % (trên tổng số thành viên)", 10, "center", PERCENT_FORMAT),
        Column("Ngưỡng", 8, "center"),
        Column("Kết quả", 8.5, "center"),
    )


def template_council() -> Workbook:
    columns = council_columns()
    return blank_workbook("Biên bản họp", [c.width for c in columns], landscape=False)


def template_vote_count() -> Workbook:
    columns = vote_count_columns()
    return blank_workbook(
        "Biên bản kiểm phiếu", [c.width for c in columns], landscape=VOTE_COUNT_LANDSCAPE
    )


def _heading(form: FormSheet, text: str) -> None:
    paragraph(form, text, bold=True, align="left", space_before=4)


def _body(form: FormSheet, text: str) -> None:
    paragraph(form, text, indent=True)


def _open_minutes(
    code: str, sheet: str, columns: Sequence[Column], landscape: bool, data: CouncilMinutesLike
) -> FormSheet:
    form = open_form(code, sheet, columns, landscape=landscape)
    form.header_block(council_agency(data.agency), on=data.meeting_date, doc_code="BB")
    form.blank(height=10)
    return form


def _time_place(data: CouncilMinutesLike) -> str:
    place = data.place or BLANK_TEXT
    return f"vào hồi {BLANK_TIME}, {date_words(data.meeting_date)}, tại {place}"


def _members_line(data: CouncilMinutesLike) -> str:
    text = (
        f"tổng số {data.members_total} thành viên; có mặt {data.present} thành viên; "
        f"vắng mặt {data.absent} thành viên"
    )
    if data.absent and data.written_opinions:
        text += f" (trong đó {data.written_opinions} thành viên có ý kiến bằng văn bản)"
    return text + "."


def _vote_table(
    form: FormSheet,
    votes: Sequence[VoteLineLike],
    *,
    full: bool,
    percent_col: int,
    keep_from: int,
) -> None:
    """The vote table; the text from row ``keep_from`` on stays on one page with the headers
    and the first two rows (the pagination moves them together)."""
    form.blank(height=6)
    form.table_header()
    fit_grouped_header(form)
    first = form.row
    for stt, vote in enumerate(votes, start=1):
        counts: list[object] = (
            [vote.issued, vote.returned, vote.valid, vote.invalid, vote.in_favour]
            if full
            else [vote.in_favour]
        )
        form.data_row(
            [
                stt,
                vote.name,
                vote.unit,
                vote.title_short,
                *counts,
                float(vote.percent),
                threshold_text(vote.threshold, vote.majority),
                vote.result,
            ],
            formats={percent_col: PERCENT_FORMAT},
        )
    if not votes:
        form.note_row("Chưa ghi phiếu biểu quyết nào.")
    form.keeps.append((keep_from, min(first + 1, form.row - 1)))


def _conclusion(data: CouncilMinutesLike) -> list[str]:
    lines = []
    for result in data.results():
        parts = []
        if result.units:
            parts.append(_plural(result.units, "tập thể"))
        if result.people:
            parts.append(_plural(result.people, "cá nhân"))
        text = f"- {result.title_name}: " + (
            ", ".join(parts) if parts else "không có trường hợp nào đạt"
        )
        if result.failed:
            text += f" ({_plural(result.failed, 'trường hợp')} không đạt tỷ lệ phiếu)"
        lines.append(text)
    if not lines:
        return ["- Chưa có kết quả biểu quyết."]
    return [line + (";" if i < len(lines) - 1 else ".") for i, line in enumerate(lines)]


def build_council_minutes(data: CouncilMinutesLike) -> Workbook:
    """Biên bản họp Hội đồng Thi đua - Khen thưởng (domain.md §8.4)."""
    columns = council_columns()
    form = _open_minutes(COUNCIL_CODE, "Biên bản họp", columns, COUNCIL_LANDSCAPE, data)
    form.title("Biên bản")
    form.subtitle(f"Họp {COUNCIL} xét khen thưởng năm {data.year}")
    form.blank(height=10)
    _body(
        form,
        f"Hôm nay, {_time_place(data)}, {COUNCIL} họp xét thi đua, khen thưởng năm {data.year}.",
    )
    _heading(form, "I. THÀNH PHẦN")
    _body(form, f"1. Chủ trì: {data.chair or BLANK_TEXT}.")
    _body(form, f"2. Thư ký: {data.secretary or BLANK_TEXT}.")
    _body(form, f"3. Thành viên Hội đồng: {_members_line(data)}")
    _heading(form, "II. NỘI DUNG")
    items = [
        f"Thường trực Hội đồng báo cáo kết quả bình xét thi đua, khen thưởng năm {data.year} "
        "của các đơn vị và danh sách tập thể, cá nhân được đề nghị khen thưởng.",
        "Hội đồng thảo luận, xem xét tiêu chuẩn, thành tích của từng tập thể, cá nhân được "
        "đề nghị.",
    ]
    if data.state_level:
        items.append(
            "Kết quả lấy ý kiến công khai đối với các trường hợp đề nghị khen thưởng cấp Nhà "
            f"nước: {BLANK_TEXT}"
        )
    items.append(
        "Hội đồng biểu quyết bằng phiếu kín; tỷ lệ phiếu đồng ý tính trên tổng số thành viên "
        f"Hội đồng ({data.members_total} thành viên). Kết quả như sau:"
    )
    for number, text in enumerate(items[:-1], start=1):
        _body(form, f"{number}. {text}")
    keep_from = form.row  # the vote's announcement stays with the table's first rows
    _body(form, f"{len(items)}. {items[-1]}")
    _vote_table(form, data.votes, full=False, percent_col=6, keep_from=keep_from)
    _heading(form, "III. KẾT LUẬN")
    _body(
        form,
        "Hội đồng thống nhất đề nghị khen thưởng các tập thể, cá nhân đạt tỷ lệ phiếu đồng ý "
        "theo quy định (có danh sách kèm theo), cụ thể:",
    )
    for line in _conclusion(data):
        _body(form, line)
    if data.note:
        _body(form, f"Ý kiến khác: {data.note}")
    _body(
        form,
        f"Cuộc họp kết thúc vào hồi {BLANK_TIME} cùng ngày. Biên bản đã được đọc lại trước "
        "Hội đồng và các thành viên dự họp nhất trí thông qua.",
    )
    form.signatures(
        Signer(heading=("CHỦ TỊCH HỘI ĐỒNG",), name=_name_only(data.chair)),
        left=Signer(heading=("THƯ KÝ",), name=_name_only(data.secretary)),
    )
    return form.finish()


def _ballot_lines(data: CouncilMinutesLike) -> list[str]:
    """The ballots issued, returned, valid and invalid: once when every vote had the same,
    else per title, else a pointer to the table."""
    votes = list(data.votes)
    if not votes:
        return ["- Số phiếu phát ra, thu vào: chưa ghi."]

    def counts(vote: VoteLineLike) -> tuple[int, int, int, int]:
        return (vote.issued, vote.returned, vote.valid, vote.invalid)

    def text(c: tuple[int, int, int, int]) -> str:
        return (
            f"phát ra {c[0]} phiếu; thu vào {c[1]} phiếu; hợp lệ {c[2]} phiếu; "
            f"không hợp lệ {c[3]} phiếu"
        )

    if len({counts(v) for v in votes}) == 1:
        return [f"- Số phiếu {text(counts(votes[0]))}."]
    lines = []
    for title in dict.fromkeys(v.title for v in votes):
        group = [v for v in votes if v.title == title]
        found = {counts(v) for v in group}
        short = group[0].title_short
        if len(found) == 1:
            lines.append(f"- Phiếu biểu quyết {short}: {text(found.pop())}.")
        else:
            lines.append(f"- Phiếu biểu quyết {short}: số phiếu của từng trường hợp ghi ở bảng.")
    return lines


def build_vote_count(data: CouncilMinutesLike) -> Workbook:
    """Biên bản kiểm phiếu (domain.md §8.3)."""
    columns = vote_count_columns()
    form = _open_minutes(
        VOTE_COUNT_CODE, "Biên bản kiểm phiếu", columns, VOTE_COUNT_LANDSCAPE, data
    )
    form.title("Biên bản kiểm phiếu")
    form.subtitle(f"Biểu quyết đề nghị khen thưởng năm {data.year} của {COUNCIL}")
    form.blank(height=10)
    _body(form, f"Hôm nay, {_time_place(data)}, Ban kiểm phiếu gồm:")
    dots = "." * 50
    for number, role in ((1, "Trưởng ban;"), (2, "Thành viên;"), (3, "Thành viên,")):
        paragraph(form, f"{INDENT}{number}. Ông (Bà) {dots} - {role}", align="left")
    paragraph(form, f"đã tiến hành kiểm phiếu biểu quyết của {COUNCIL}. Kết quả như sau:")
    _heading(form, "I. SỐ THÀNH VIÊN VÀ SỐ PHIẾU")
    _body(
        form,
        f"- Tổng số thành viên Hội đồng đương nhiệm (căn cứ tính tỷ lệ): "
        f"{data.members_total} người.",
    )
    written = (
        f" (có ý kiến bằng văn bản: {data.written_opinions} người)"
        if data.absent and data.written_opinions
        else ""
    )
    _body(
        form,
        f"- Số thành viên có mặt: {data.present} người; vắng mặt: {data.absent} người{written}.",
    )
    for line in _ballot_lines(data):
        _body(form, line)
    keep_from = form.row
    _heading(form, "II. KẾT QUẢ KIỂM PHIẾU")
    _body(
        form,
        f"Tỷ lệ phiếu đồng ý tính trên tổng số thành viên Hội đồng ({data.members_total} người):",
    )
    _vote_table(form, data.votes, full=True, percent_col=10, keep_from=keep_from)
    form.blank(height=6)
    _body(
        form,
        f"Biên bản kiểm phiếu lập xong vào hồi {BLANK_TIME} cùng ngày và được công bố trước "
        "Hội đồng.",
    )
    form.signatures(
        Signer(heading=("TRƯỞNG BAN KIỂM PHIẾU",), hint="(Ký, ghi rõ họ tên)"),
        left=Signer(heading=("CÁC THÀNH VIÊN BAN KIỂM PHIẾU",), hint="(Ký, ghi rõ họ tên)"),
    )
    return form.finish()
