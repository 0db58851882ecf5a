"""Forms of the Bình xét (issues 5 and 20): nomination list, public-comment list, Council
minutes, vote-count minutes.

- ``nomination-list`` -- "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG <DANH HIỆU/HÌNH THỨC> NĂM <yyyy>"
  (domain.md §8.2): sections "I. Tập thể", "II. Cá nhân" when the title is for both; columns
  STT | Họ và tên | Giới tính | Ngày sinh | Chức vụ | Đơn vị công tác | Căn cứ đề nghị | Tỷ lệ
  phiếu đồng ý (when the Council voted) | Ghi chú, or for collectives only STT | Tên tập thể |
  Phân loại tập thể | Trực thuộc | ... The basis is the verdict's achievements with grades in
  words, the initiatives relied on and the clerk's reason (:mod:`app.services.review_reports`).
  A column holding one value on every line is left out and said under the title.
- ``public-comment-list`` -- the list published for comment before proposals to the province,
  the ministry or the State: a section per title, "Tóm tắt thành tích" from each record.
- ``council-minutes`` -- Biên bản họp Hội đồng Thi đua - Khen thưởng (TT 62/2025 Mẫu số 03
  content, domain.md §8.4): the Council's header and number ("…/BB-HĐTĐKT"), the times of the
  meeting, the members present and absent by name with the chair and the secretary (when the
  session records them), the public-comment outcome, the vote table, the conclusion; signed
  by the secretary and the chair.
- ``vote-count-minutes`` -- Biên bản kiểm phiếu (§8.3): members in office (the denominator),
  present, ballots issued, returned, valid and invalid, the result per candidate.

Percentages are always of the Council's total membership (domain.md X10). Every form's
columns, wording and signature boxes are its :class:`~app.excel.forms.template.FormModel`
(the template in resources/templates/, overridden by the data folder's copy).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import time
from decimal import Decimal
from typing import TYPE_CHECKING

from openpyxl import Workbook

from app.domain.council_minutes import ROLE_NAMES
from app.domain.vnformat import date_words
from app.excel.forms.engine import agency_values, drop_same, header, start_form
from app.excel.forms.grouped import (
    DATE_FORMAT,
    INDENT,
    paragraph,
)
from app.excel.forms.layout import FormSheet
from app.excel.forms.staff_list import roman
from app.excel.forms.template import (
    HEADER_TEXTS,
    PREPARER,
    SIGNER,
    Box,
    Field,
    FormModel,
    Template,
    Text,
    open_template,
    template_workbook,
)

if TYPE_CHECKING:
    from app.services.review_reports import (
        CouncilMinutesData,
        CouncilVoteLine,
        NominationLine,
        NominationListData,
        PublicCommentData,
    )

__all__ = [
    "COUNCIL",
    "COUNCIL_CODE",
    "MINUTES",
    "NOMINATION",
    "NOMINATION_CODE",
    "PUBLIC",
    "PUBLIC_CODE",
    "VOTE_COUNT",
    "VOTE_COUNT_CODE",
    "build_council_minutes",
    "build_nomination_list",
    "build_public_comment",
    "build_vote_count",
    "clock",
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
PERCENT_FORMAT = "0.0"
BLANK_TIME = "...... giờ ...... phút"
BLANK_TEXT = "." * 60
BLANK_DATE = "...../...../.........."
UNIT = "unit"
PERSON = "person"
STT = Field("stt", "STT", "center", wrap=False, fill=False)
NOTE = Field("note", "Ghi chú", max_width=20, min_width=8)
BASIS_SAID = "Căn cứ đề nghị"


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


def clock(value: time | None) -> str:
    """ "08 giờ 30 phút"; dots to fill in by hand when the time is not recorded."""
    return f"{value:%H} giờ {value:%M} phút" if value is not None else BLANK_TIME


def _plural(count: int, what: str) -> str:
    return f"{count:02d} {what}" if 0 < count < 10 else f"{count} {what}"


def _percent_cell(value: Decimal | None) -> object:
    return float(value) if value is not None else ""


def _said_once(
    kept: Sequence[Field], fields: Sequence[Field], records: Sequence[Mapping[str, object]]
) -> list[tuple[str, str, object]]:
    """(key, header, value) of the columns left out for holding one value on every line."""
    shown = {f.key for f in kept}
    return [
        (f.key, f.header, records[0].get(f.key, ""))
        for f in fields
        if f.key not in shown and f.same_drop and records and records[0].get(f.key)
    ]


# --------------------------------------------------------------------------- nomination list

NOMINATION = FormModel(
    code=NOMINATION_CODE,
    name=NOMINATION_NAME,
    sheet="Đề nghị khen thưởng",
    landscape=NOMINATION_LANDSCAPE,
    fields=(
        STT,
        Field("name", "Họ và tên", max_width=26),
        Field("gender", "Giới tính", "center", wrap=False, fill=False),
        Field("birth", "Ngày sinh", "center", DATE_FORMAT, wrap=False, fill=False),
        Field("position", "Chức vụ", max_width=22),
        Field("category", "Phân loại tập thể", max_width=22, note="Danh sách chỉ có tập thể"),
        Field(
            "unit",
            "Đơn vị công tác",
            max_width=36,
            same_drop=True,
            empty_drop=True,
            note="Bỏ khi mọi dòng cùng một đơn vị (ghi dưới tên danh sách)",
        ),
        Field(
            "basis",
            "Căn cứ đề nghị (xếp loại, sáng kiến, thành tích)",
            max_width=60,
            same_drop=True,
            note="Theo kết quả xét điều kiện; lý do khi Thường trực đề "
            "xuất. Bỏ khi mọi dòng như nhau (ghi dưới tên danh sách)",
        ),
        Field(
            "percent",
            "Tỷ lệ phiếu đồng ý (%)",
            "center",
            PERCENT_FORMAT,
            wrap=False,
            fill=False,
            note="Khi Hội đồng đã biểu quyết",
        ),
        NOTE,
    ),
    texts=(
        *HEADER_TEXTS,
        Text(
            "tieu_de",
            "Tên danh sách: {khen_thuong} (danh hiệu “...” hoặc tên hình thức), {nam}",
            "Danh sách đề nghị khen thưởng {khen_thuong} năm {nam}",
        ),
        Text("tong_so", "Dòng số lượng: {so_luong}", "(Tổng số: {so_luong})"),
        Text(
            "bieu_quyet",
            "Khi Hội đồng đã biểu quyết",
            "(Đã được Hội đồng Thi đua - Khen thưởng biểu quyết; tỷ lệ phiếu đồng ý tính trên "
            "tổng số thành viên Hội đồng)",
        ),
        Text("mot_gia_tri", "Cột bỏ vì mọi dòng như nhau: {cot}, {gia_tri}", "{cot}: {gia_tri}"),
        Text("trong", "Khi không có ai", "Không có trường hợp nào được đề nghị."),
    ),
    boxes=(("trai", PREPARER), ("phai", SIGNER)),
)


def template_nomination() -> Workbook:
    return template_workbook(NOMINATION)


def nomination_heading(data: NominationListData) -> str:
    what = f"danh hiệu “{data.title_name}”" if data.is_title else data.title_name
    return f"Danh sách đề nghị khen thưởng {what} năm {data.year}"


def _counts(sections: Sequence[object]) -> str:
    parts = [f"{len(s.lines)} {s.name.lower()}" for s in sections]  # type: ignore[attr-defined]
    return ", ".join(parts) if parts else "0"


def _nominee(stt: int, line: NominationLine) -> dict[str, object]:
    born: object = line.birth_date or line.birth_year or ""
    return {
        "stt": stt,
        "name": line.name,
        "gender": line.gender,
        "birth": born,
        "position": line.position,
        "category": line.category,
        "unit": line.unit,
        "basis": line.basis,
        "percent": _percent_cell(line.percent),
        "note": line.note,
    }


def _birth_format(line: NominationLine) -> dict[str, str]:
    return {"birth": DATE_FORMAT if line.birth_date is not None else "0"}


def _write_sections(
    form: FormSheet,
    sections: Sequence[tuple[str, Sequence[NominationLine], str]],
    records: list[dict[str, object]],
    *,
    grouped: bool,
) -> None:
    """Group rows ("I" | "Tập thể") and their lines (STT restarting in each group)."""
    rows = iter(records)
    for number, (name, lines, empty) in enumerate(sections, start=1):
        if grouped:
            form.section(roman(number), name)
            if not lines:
                form.note_row(empty)
        for line in lines:
            form.record_row(next(rows), formats=_birth_format(line))


def build_nomination_list(data: NominationListData) -> Workbook:
    """Danh sách đề nghị khen thưởng of one title (one unit or the whole agency)."""
    tpl = open_template(NOMINATION)
    # an empty group is left out when the other has lines ("Tập thể" of a Bằng khen list)
    shown = [s for s in data.sections if s.lines] or list(data.sections)
    people = any(s.subject == PERSON for s in shown)
    units = any(s.subject == UNIT for s in shown)
    if people:
        available = {"stt", "name", "gender", "birth", "position", "unit", "basis", "note"}
        headers = {"name": "Họ và tên / Tên tập thể"} if units else {}
    else:
        available = {"stt", "name", "category", "unit", "basis", "note"}
        headers = {"name": "Tên tập thể", "unit": "Trực thuộc"}
    if data.voted:
        available.add("percent")
    records = [_nominee(stt, line) for s in shown for stt, line in enumerate(s.lines, 1)]
    fields = tpl.fields(available, headers=headers)
    kept = drop_same(fields, records)
    values = {
        **agency_values(data.agency, data.on),
        "nam": data.year,
        "khen_thuong": f"danh hiệu “{data.title_name}”" if data.is_title else data.title_name,
        "so_luong": _counts(shown),
    }
    form = start_form(tpl, kept, records)
    header(form, tpl, data.agency, on=None)
    form.blank(height=10)
    form.title(tpl.text("tieu_de", **values))
    if data.unit_name:
        form.subtitle(data.unit_name)
    for key, name, value in _said_once(kept, fields, records):
        if value != data.unit_name:
            label = BASIS_SAID if key == "basis" else name
            form.subtitle(tpl.text("mot_gia_tri", **values, cot=label, gia_tri=value), bold=False)
    form.subtitle(tpl.text("tong_so", **values), bold=False, italic=True)
    if data.voted:
        form.subtitle(tpl.text("bieu_quyet", **values), bold=False, italic=True)
    form.blank(height=10)
    form.table_header()
    sections = [(s.name, s.lines, f"Không có {s.name.lower()} nào được đề nghị.") for s in shown]
    _write_sections(form, sections, records, grouped=len(sections) > 1)
    if not records and len(sections) <= 1:
        form.note_row(tpl.text("trong", **values))
    _two_boxes(form, tpl, values)
    return form.finish()


def _two_boxes(form: FormSheet, tpl: Template, values: Mapping[str, object]) -> None:
    (l1, l2), (r1, r2) = form.regions()
    form.sign(
        [(tpl.box("trai", **values), (l1, l2)), (tpl.box("phai", **values), (r1, r2))],
        date_line=str(values.get("ngay_lap", "")) or None,
    )


# --------------------------------------------------------------------------- public comment

PUBLIC = FormModel(
    code=PUBLIC_CODE,
    name=PUBLIC_NAME,
    sheet="Lấy ý kiến",
    landscape=PUBLIC_LANDSCAPE,
    fields=(
        STT,
        Field("name", "Tên cá nhân, tập thể", max_width=26),
        Field("position", "Chức vụ", max_width=22, empty_drop=True),
        Field("unit", "Đơn vị công tác", max_width=30),
        Field(
            "summary",
            "Tóm tắt thành tích",
            max_width=80,
            note="Xếp loại, khen thưởng, sáng kiến của mỗi người, tập thể",
        ),
        NOTE,
    ),
    texts=(
        *HEADER_TEXTS,
        Text(
            "tieu_de",
            "Tên danh sách: {nam}",
            "Danh sách các cá nhân, tập thể đề nghị cấp trên khen thưởng năm {nam}",
        ),
        Text(
            "tieu_de_phu",
            "Dòng dưới tên danh sách",
            "(Đề nghị khen thưởng cấp tỉnh, cấp bộ và cấp Nhà nước - công khai để lấy ý kiến)",
        ),
        Text(
            "thoi_gian",
            "Thời gian lấy ý kiến",
            f"Thời gian lấy ý kiến: từ ngày {BLANK_DATE} đến ngày {BLANK_DATE}",
        ),
        Text(
            "gop_y",
            "Nơi nhận ý kiến",
            f"Ý kiến góp ý (nếu có) gửi về Thường trực {COUNCIL} trong thời gian nêu trên.",
        ),
        Text("trong", "Khi không có ai", "Không có cá nhân, tập thể nào được đề nghị khen thưởng."),
    ),
    boxes=(("phai", SIGNER),),
)


def template_public() -> Workbook:
    return template_workbook(PUBLIC)


def build_public_comment(data: PublicCommentData) -> Workbook:
    """The list of nominees for the province, ministry or State, published for comment."""
    tpl = open_template(PUBLIC)
    records = [
        {
            "stt": stt,
            "name": line.name,
            "position": line.position,
            "unit": line.unit,
            "summary": line.summary or line.basis,
            "note": line.note,
        }
        for s in data.sections
        for stt, line in enumerate(s.lines, start=1)
    ]
    values = {**agency_values(data.agency, data.on), "nam": data.year}
    form = start_form(tpl, drop_same(tpl.fields(), records), records)
    header(form, tpl, data.agency, on=None)
    form.blank(height=10)
    form.title(tpl.text("tieu_de", **values))
    form.subtitle(tpl.text("tieu_de_phu", **values))
    if data.unit_name:
        form.subtitle(data.unit_name)
    form.subtitle(tpl.text("thoi_gian", **values), bold=False, italic=True)
    form.subtitle(tpl.text("gop_y", **values), bold=False, italic=True)
    form.blank(height=10)
    form.table_header()
    rows = iter(records)
    for number, section in enumerate(data.sections, start=1):
        form.section(roman(number), section.title_name)
        for _line in section.lines:
            form.record_row(next(rows))
    if not records:
        form.note_row(tpl.text("trong", **values))
    (_l1, _l2), (r1, r2) = form.regions()
    form.sign([(tpl.box("phai", **values), (r1, r2))], date_line=str(values["ngay_lap"]))
    return form.finish()


# --------------------------------------------------------------------------- the minutes

MINUTES_TEXTS = (
    Text("co_quan_chu_quan", "Góc trái, dòng 1 ({co_quan}: cơ quan)", "{co_quan}"),
    Text("co_quan", "Góc trái, dòng 2: Hội đồng (số văn bản theo sổ của Hội đồng)", COUNCIL),
    Text("viet_tat", "Chữ viết tắt trong số biên bản (…/BB-HĐTĐKT)", "HĐTĐKT"),
)
VOTE_FIELDS = (
    Field("stt", "STT", "center", wrap=False, fill=False),
    Field("name", "Họ và tên / Tập thể", max_width=30),
    Field("unit", "Đơn vị", max_width=36),
    Field(
        "title",
        "Danh hiệu / Hình thức",
        max_width=14,
        shown=False,
        note="Không in: mỗi danh hiệu là một nhóm dòng có tên và tỷ lệ cần đạt",
    ),
)
VOTE_TAIL = (
    Field(
        "percent",
        "Tỷ lệ % (trên tổng số thành viên)",
        "center",
        PERCENT_FORMAT,
        wrap=False,
        fill=False,
    ),
    Field(
        "threshold",
        "Ngưỡng",
        "center",
        wrap=False,
        fill=False,
        shown=False,
        note="Không in: ghi ở dòng tên nhóm",
    ),
    Field("result", "Kết quả", "center", wrap=False, fill=False),
)

MINUTES = FormModel(
    code=COUNCIL_CODE,
    name=COUNCIL_NAME,
    sheet="Biên bản họp",
    landscape=COUNCIL_LANDSCAPE,
    fields=(
        *VOTE_FIELDS,
        Field("in_favour", "Số phiếu đồng ý", "center", wrap=False, fill=False),
        *VOTE_TAIL,
    ),
    texts=(
        *MINUTES_TEXTS,
        Text("tieu_de", "Tên văn bản", "Biên bản"),
        Text(
            "trich_yeu",
            "Dòng dưới tên văn bản: {nam}",
            f"Họp {COUNCIL} xét khen thưởng năm {{nam}}",
        ),
        Text(
            "mo_dau",
            "Đoạn mở đầu: {gio_bat_dau}, {ngay_hop}, {dia_diem}, {nam}",
            f"Hôm nay, vào hồi {{gio_bat_dau}}, {{ngay_hop}}, tại {{dia_diem}}, {COUNCIL} họp "
            "xét thi đua, khen thưởng năm {nam}.",
        ),
        Text("muc_1", "Mục I", "I. THÀNH PHẦN"),
        Text("chu_tri", "Chủ trì: {chu_tri}", "1. Chủ trì: {chu_tri}."),
        Text("thu_ky", "Thư ký: {thu_ky}", "2. Thư ký: {thu_ky}."),
        Text(
            "thanh_vien",
            "Số thành viên: {tong_so}, {co_mat}, {vang_mat}, {y_kien_van_ban}",
            "3. Thành viên Hội đồng: tổng số {tong_so} thành viên; có mặt {co_mat} thành viên; "
            "vắng mặt {vang_mat} thành viên{y_kien_van_ban}.",
        ),
        Text("co_mat", "Đầu danh sách có mặt (khi đã ghi tên thành viên)", "Thành viên có mặt:"),
        Text("vang_mat", "Đầu danh sách vắng mặt", "Thành viên vắng mặt:"),
        Text("muc_2", "Mục II", "II. NỘI DUNG"),
        Text(
            "nd_bao_cao",
            "Nội dung 1: {nam}",
            "Thường trực Hội đồng báo cáo kết quả bình xét thi đua, khen thưởng năm {nam} của "
            "các đơn vị và danh sách tập thể, cá nhân được đề nghị khen thưởng.",
        ),
        Text(
            "nd_thao_luan",
            "Nội dung 2",
            "Hội đồng thảo luận, xem xét tiêu chuẩn, thành tích của từng tập thể, cá nhân được "
            "đề nghị.",
        ),
        Text(
            "nd_cong_khai",
            "Kết quả lấy ý kiến công khai: {ket_qua} (ghi ở phiên họp)",
            "Kết quả lấy ý kiến công khai đối với các trường hợp đề nghị khen thưởng cấp trên: "
            "{ket_qua}",
        ),
        Text(
            "nd_bieu_quyet",
            "Nội dung biểu quyết: {tong_so}",
            "Hội đồng biểu quyết bằng phiếu kín; tỷ lệ phiếu đồng ý tính trên tổng số thành "
            "viên Hội đồng ({tong_so} thành viên). Kết quả như sau:",
        ),
        Text("muc_3", "Mục III", "III. KẾT LUẬN"),
        Text(
            "ket_luan",
            "Đoạn kết luận",
            "Hội đồng thống nhất đề nghị khen thưởng các tập thể, cá nhân đạt tỷ lệ phiếu đồng "
            "ý theo quy định (có danh sách kèm theo), cụ thể:",
        ),
        Text(
            "ket_thuc",
            "Đoạn kết thúc: {gio_ket_thuc}",
            "Cuộc họp kết thúc vào hồi {gio_ket_thuc} cùng ngày. Biên bản đã được đọc lại trước "
            "Hội đồng và các thành viên dự họp nhất trí thông qua.",
        ),
    ),
    boxes=(
        ("trai", Box(("THƯ KÝ",), "", "{thu_ky_ten}", label="Thư ký Hội đồng")),
        ("phai", Box(("{chu_tri_chuc_danh}",), "", "{chu_tri_ten}", label="Người chủ trì")),
    ),
)

VOTE_COUNT = FormModel(
    code=VOTE_COUNT_CODE,
    name=VOTE_COUNT_NAME,
    sheet="Biên bản kiểm phiếu",
    landscape=VOTE_COUNT_LANDSCAPE,
    fields=(
        *VOTE_FIELDS,
        Field("issued", "Phát ra", "center", wrap=False, fill=False, group="Số phiếu"),
        Field("returned", "Thu vào", "center", wrap=False, fill=False, group="Số phiếu"),
        Field("valid", "Hợp lệ", "center", wrap=False, fill=False, group="Số phiếu"),
        Field("invalid", "Không hợp lệ", "center", wrap=False, fill=False, group="Số phiếu"),
        Field("in_favour", "Đồng ý", "center", wrap=False, fill=False, group="Số phiếu"),
        *VOTE_TAIL,
    ),
    texts=(
        *MINUTES_TEXTS,
        Text("tieu_de", "Tên văn bản", "Biên bản kiểm phiếu"),
        Text(
            "trich_yeu",
            "Dòng dưới tên văn bản: {nam}",
            f"Biểu quyết đề nghị khen thưởng năm {{nam}} của {COUNCIL}",
        ),
        Text(
            "mo_dau",
            "Đoạn mở đầu: {gio_bat_dau}, {ngay_hop}, {dia_diem}",
            "Hôm nay, vào hồi {gio_bat_dau}, {ngay_hop}, tại {dia_diem}, Ban kiểm phiếu gồm:",
        ),
        Text(
            "ban_kiem_phieu",
            "Các dòng thành viên Ban kiểm phiếu (mỗi dòng cách nhau bằng ;)",
            "Trưởng ban; Thành viên; Thành viên",
        ),
        Text(
            "tien_hanh",
            "Câu sau danh sách Ban kiểm phiếu",
            f"đã tiến hành kiểm phiếu biểu quyết của {COUNCIL}. Kết quả như sau:",
        ),
        Text("muc_1", "Mục I", "I. SỐ THÀNH VIÊN VÀ SỐ PHIẾU"),
        Text("muc_2", "Mục II", "II. KẾT QUẢ KIỂM PHIẾU"),
        Text(
            "ket_thuc",
            "Đoạn kết thúc: {gio_ket_thuc}",
            "Biên bản kiểm phiếu lập xong vào hồi {gio_ket_thuc} cùng ngày và được công bố "
            "trước Hội đồng.",
        ),
    ),
    boxes=(
        ("trai", Box(("CÁC THÀNH VIÊN BAN KIỂM PHIẾU",), "(Ký, ghi rõ họ tên)", label="Bên trái")),
        ("phai", Box(("TRƯỞNG BAN KIỂM PHIẾU",), "(Ký, ghi rõ họ tên)", label="Bên phải")),
    ),
)


def template_council() -> Workbook:
    return template_workbook(MINUTES)


def template_vote_count() -> Workbook:
    return template_workbook(VOTE_COUNT)


def _vote_record(stt: int, vote: CouncilVoteLine) -> dict[str, object]:
    return {
        "stt": stt,
        "name": vote.name,
        "unit": vote.unit,
        "title": vote.title_short,
        "issued": vote.issued,
        "returned": vote.returned,
        "valid": vote.valid,
        "invalid": vote.invalid,
        "in_favour": vote.in_favour,
        "percent": float(vote.percent),
        "threshold": threshold_text(vote.threshold, vote.majority),
        "result": vote.result,
    }


def _minutes_values(data: CouncilMinutesData) -> dict[str, object]:
    chair = data.chair_member
    secretary = data.secretary_member
    chair_name = chair.full_name if chair else _name_only(data.chair)
    chair_text = _member_text(chair) if chair else data.chair
    secretary_name = secretary.full_name if secretary else _name_only(data.secretary)
    secretary_text = _member_text(secretary) if secretary else data.secretary
    written = (
        f" (trong đó {data.written_opinions} thành viên có ý kiến bằng văn bản)"
        if data.absent and data.written_opinions
        else ""
    )
    return {
        **agency_values(data.agency),
        "nam": data.year,
        "ngay_hop": date_words(data.meeting_date),
        "dia_diem": data.place or BLANK_TEXT,
        "gio_bat_dau": clock(data.started_at),
        "gio_ket_thuc": clock(data.ended_at),
        "chu_tri": chair_text or BLANK_TEXT,
        "thu_ky": secretary_text or BLANK_TEXT,
        "chu_tri_ten": chair_name,
        "thu_ky_ten": secretary_name,
        "chu_tri_chuc_danh": (
            "PHÓ CHỦ TỊCH HỘI ĐỒNG"
            if chair is not None and chair.role == "PHO_CHU_TICH"
            else "CHỦ TỊCH HỘI ĐỒNG"
        ),
        "tong_so": data.members_total,
        "co_mat": data.present,
        "vang_mat": data.absent,
        "y_kien_van_ban": written,
        "ket_qua": data.public_comment or BLANK_TEXT,
    }


def _name_only(text: str) -> str:
    """The person's name out of "Trần Văn A, Giám đốc Sở" / "Trần Văn A - Giám đốc"."""
    for sep in (",", " - ", " – "):
        text = text.split(sep, 1)[0]
    return text.strip()


def _member_text(member: object) -> str:
    name = getattr(member, "full_name", "")
    job = getattr(member, "job_title", "")
    return f"Ông (Bà) {name}, {job}" if job else f"Ông (Bà) {name}"


def _open_minutes(
    tpl: Template, data: CouncilMinutesData, records: list[dict[str, object]]
) -> FormSheet:
    form = start_form(tpl, drop_same(tpl.fields(), records), records)
    council = data.agency.normalised()
    values = agency_values(council)
    abbreviation = tpl.text("viet_tat", **values).strip()
    form.header_block(
        replace(council, abbreviation=abbreviation),
        on=data.meeting_date,
        doc_code="BB",
        parent=tpl.text("co_quan_chu_quan", **values),
        issuer=tpl.text("co_quan", **values),
    )
    form.blank(height=10)
    return form


def _heading(form: FormSheet, text: str) -> None:
    paragraph(form, text, bold=True, align="left", space_before=4)


def _body(form: FormSheet, text: str) -> int:
    return paragraph(form, text, indent=True)


def _members(
    form: FormSheet, tpl: Template, data: CouncilMinutesData, values: Mapping[str, object]
) -> None:
    """The members present and absent by name (when the session records them)."""
    if not data.members:
        return
    present = [m for m in data.members if m.present]
    absent = [m for m in data.members if not m.present]
    for heading, group in (("co_mat", present), ("vang_mat", absent)):
        if not group:
            continue
        paragraph(form, INDENT + tpl.text(heading, **values), align="left")
        for i, member in enumerate(group, start=1):
            role = ROLE_NAMES.get(member.role, "")
            text = f"{INDENT}{INDENT}- {member.full_name}"
            if member.job_title:
                text += f", {member.job_title}"
            if role:
                text += f" - {role}"
            if not member.present and member.written_opinion:
                text += " (có ý kiến bằng văn bản)"
            text += ";" if i < len(group) else "."
            paragraph(form, text, align="left")


def _vote_table(
    form: FormSheet,
    records: list[dict[str, object]],
    votes: Sequence[CouncilVoteLine],
    *,
    keep_from: int,
) -> None:
    """The vote table, a group of rows per title named with the share it needs ("Chiến sĩ
    thi đua cấp tỉnh (tỷ lệ cần đạt: ≥ 90%)"), STT running on; the text from row
    ``keep_from`` on stays on one page with the column headers and the first rows."""
    form.blank(height=6)
    form.table_header()
    first = form.row
    groups: dict[str, list[int]] = {}
    for i, vote in enumerate(votes):
        groups.setdefault(vote.title, []).append(i)
    for number, indexes in enumerate(groups.values(), start=1):
        vote = votes[indexes[0]]
        need = threshold_text(vote.threshold, vote.majority)
        form.section(roman(number), f"{vote.title_name} (tỷ lệ cần đạt: {need})")
        for i in indexes:
            form.record_row(records[i])
    if not records:
        form.note_row("Chưa ghi phiếu biểu quyết nào.")
    form.keeps.append((keep_from, min(first + 1, form.row - 1)))


def _conclusion(data: CouncilMinutesData) -> list[str]:
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


def build_council_minutes(data: CouncilMinutesData) -> Workbook:
    """Biên bản họp Hội đồng Thi đua - Khen thưởng (domain.md §8.4)."""
    tpl = open_template(MINUTES)
    records = [_vote_record(stt, v) for stt, v in enumerate(data.votes, start=1)]
    form = _open_minutes(tpl, data, records)
    values = _minutes_values(data)
    form.title(tpl.text("tieu_de", **values))
    form.subtitle(tpl.text("trich_yeu", **values))
    form.blank(height=10)
    _body(form, tpl.text("mo_dau", **values))
    _heading(form, tpl.text("muc_1", **values))
    _body(form, tpl.text("chu_tri", **values))
    _body(form, tpl.text("thu_ky", **values))
    _body(form, tpl.text("thanh_vien", **values))
    _members(form, tpl, data, values)
    _heading(form, tpl.text("muc_2", **values))
    items = [tpl.text("nd_bao_cao", **values), tpl.text("nd_thao_luan", **values)]
    if data.state_level or data.public_comment:
        items.append(tpl.text("nd_cong_khai", **values))
    for number, text in enumerate(items, start=1):
        _body(form, f"{number}. {text}")
    keep_from = form.row  # the vote's announcement stays with the table's first rows
    _body(form, f"{len(items) + 1}. {tpl.text('nd_bieu_quyet', **values)}")
    _vote_table(form, records, data.votes, keep_from=keep_from)
    _heading(form, tpl.text("muc_3", **values))
    _body(form, tpl.text("ket_luan", **values))
    for line in _conclusion(data):
        _body(form, line)
    if data.note:
        _body(form, f"Ý kiến khác: {data.note}")
    _body(form, tpl.text("ket_thuc", **values))
    _two_boxes(form, tpl, {**values, "ngay_lap": ""})
    return form.finish()


def _ballot_lines(data: CouncilMinutesData) -> list[str]:
    """The ballots issued, returned, valid and invalid: once when every vote had the same,
    else per title, else a pointer to the table."""
    votes = list(data.votes)
    if not votes:
        return ["- Số phiếu phát ra, thu vào: chưa ghi."]

    def counts(vote: CouncilVoteLine) -> tuple[int, int, int, int]:
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


def build_vote_count(data: CouncilMinutesData) -> Workbook:
    """Biên bản kiểm phiếu (domain.md §8.3)."""
    tpl = open_template(VOTE_COUNT)
    records = [_vote_record(stt, v) for stt, v in enumerate(data.votes, start=1)]
    form = _open_minutes(tpl, data, records)
    values = _minutes_values(data)
    form.title(tpl.text("tieu_de", **values))
    form.subtitle(tpl.text("trich_yeu", **values))
    form.blank(height=10)
    _body(form, tpl.text("mo_dau", **values))
    dots = "." * 50
    roles = [r.strip() for r in tpl.text("ban_kiem_phieu", **values).split(";") if r.strip()]
    for number, role in enumerate(roles, start=1):
        end = ";" if number < len(roles) else ","
        paragraph(form, f"{INDENT}{number}. Ông (Bà) {dots} - {role}{end}", align="left")
    paragraph(form, tpl.text("tien_hanh", **values))
    _heading(form, tpl.text("muc_1", **values))
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
    _heading(form, tpl.text("muc_2", **values))
    _body(
        form,
        f"Tỷ lệ phiếu đồng ý tính trên tổng số thành viên Hội đồng ({data.members_total} người):",
    )
    _vote_table(form, records, data.votes, keep_from=keep_from)
    form.blank(height=6)
    _body(form, tpl.text("ket_thuc", **values))
    _two_boxes(form, tpl, {**values, "ngay_lap": ""})
    return form.finish()
