"""The forms the application can export: code, Vietnamese name, parameters, writer.

The registry is plain data. Gathering a form's data is the caller's job (the CLI and the GUI
use :func:`app.services.reports.gather` with the same code), then :func:`export_form` builds
the workbook from those data and saves it atomically::

    data = reports.gather(session, "staff-list", ReportParams(unit_id=3))
    result = export_form("staff-list", data, Path("danh-sach.xlsx"))

Parameters a form takes (``FormSpec.params``): ``"unit"`` (a unit and its sub-units, or the
whole agency when absent), ``"year"`` (the reporting year), ``"date"`` (the day the list is
drawn up / the state "as of"), ``"title"`` (a catalogue code), ``"session"`` (a Council
session of the year), ``"decision"`` (a decision, by its number within the year),
``"person"`` (one person, by staff code or name), ``"order"`` (``"chuan"``: the standard
order; ``"thu-cong"``: the clerk's order).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from app.collector import collector_paused
from app.excel.forms import (
    decision_forms,
    registration_workbook,
    registrations,
    review_forms,
    staff_list,
    stat_forms,
    vote_tally,
)
from app.excel.forms.page import TemplateInfo, template_info
from app.excel.forms.save import save_workbook

__all__ = [
    "FORMS",
    "ORDER_CLERK",
    "ORDER_NAMES",
    "ORDER_STANDARD",
    "PARAM_DATE",
    "PARAM_DECISION",
    "PARAM_NAMES",
    "PARAM_ORDER",
    "PARAM_PERSON",
    "PARAM_SESSION",
    "PARAM_TITLE",
    "PARAM_UNIT",
    "PARAM_YEAR",
    "ExportResult",
    "FormSpec",
    "UnknownFormError",
    "export_form",
    "form_codes",
    "get_form",
    "template_of",
    "write_template",
]

PARAM_UNIT = "unit"
PARAM_YEAR = "year"
PARAM_DATE = "date"
PARAM_TITLE = "title"
PARAM_SESSION = "session"
PARAM_DECISION = "decision"
PARAM_PERSON = "person"
PARAM_ORDER = "order"
PARAM_NAMES = {
    PARAM_UNIT: "Đơn vị (kể cả đơn vị trực thuộc); bỏ trống là toàn cơ quan",
    PARAM_YEAR: "Năm",
    PARAM_DATE: "Ngày lập (tính đến ngày)",
    PARAM_TITLE: "Danh hiệu / hình thức",
    PARAM_SESSION: "Phiên họp Hội đồng TĐKT",
    PARAM_DECISION: "Quyết định khen thưởng",
    PARAM_PERSON: "Cán bộ",
    PARAM_ORDER: "Thứ tự",
}
ORDER_STANDARD = "chuan"
ORDER_CLERK = "thu-cong"
ORDER_NAMES = {ORDER_STANDARD: "Thứ tự chuẩn", ORDER_CLERK: "Thứ tự do chuyên viên sắp"}


@dataclass(frozen=True)
class FormSpec:
    """One exportable form."""

    code: str
    name: str
    description: str
    params: tuple[str, ...]
    landscape: bool
    build: Callable[[Any], Workbook]
    template: Callable[[], Workbook]
    file_stem: str

    def takes(self, param: str) -> bool:
        return param in self.params

    def default_file_name(self) -> str:
        return f"{self.file_stem}.xlsx"


FORMS: tuple[FormSpec, ...] = (
    FormSpec(
        code=staff_list.CODE,
        name=staff_list.NAME,
        description="Cán bộ đang công tác theo đơn vị, xếp theo thứ tự chuẩn",
        params=(PARAM_UNIT, PARAM_DATE),
        landscape=staff_list.LANDSCAPE,
        build=staff_list.build,
        template=staff_list.template_workbook,
        file_stem="danh-sach-can-bo",
    ),
    FormSpec(
        code=registrations.INDIVIDUAL_CODE,
        name=registrations.INDIVIDUAL_NAME,
        description="Danh sách đăng ký thi đua năm của cá nhân, theo đơn vị (một đơn vị "
        "hoặc toàn cơ quan)",
        params=(PARAM_UNIT, PARAM_YEAR, PARAM_DATE),
        landscape=registrations.INDIVIDUAL_LANDSCAPE,
        build=registrations.build_individual,
        template=registrations.template_individual,
        file_stem="dang-ky-thi-dua-ca-nhan",
    ),
    FormSpec(
        code=registrations.COLLECTIVE_CODE,
        name=registrations.COLLECTIVE_NAME,
        description="Danh hiệu tập thể đăng ký của từng đơn vị; đơn vị chưa đăng ký ghi "
        "'Không đăng ký'",
        params=(PARAM_UNIT, PARAM_YEAR, PARAM_DATE),
        landscape=registrations.COLLECTIVE_LANDSCAPE,
        build=registrations.build_collective,
        template=registrations.template_collective,
        file_stem="dang-ky-thi-dua-tap-the",
    ),
    FormSpec(
        code=registrations.SUMMARY_CODE,
        name=registrations.SUMMARY_NAME,
        description="Số đăng ký theo đơn vị và danh hiệu, tình trạng nộp, dòng tổng cộng",
        params=(PARAM_YEAR, PARAM_DATE),
        landscape=registrations.SUMMARY_LANDSCAPE,
        build=registrations.build_summary,
        template=registrations.template_summary,
        file_stem="tong-hop-dang-ky-thi-dua",
    ),
    FormSpec(
        code=registration_workbook.CODE,
        name=registration_workbook.NAME,
        description="Tệp Excel gửi một đơn vị: cán bộ của đơn vị, danh sách chọn danh hiệu, "
        "cột định danh bị khóa; nhập lại bằng 'tdkt import registrations'",
        params=(PARAM_UNIT, PARAM_YEAR, PARAM_DATE),
        landscape=registration_workbook.LANDSCAPE,
        build=registration_workbook.build,
        template=registration_workbook.template_workbook,
        file_stem="ban-dang-ky-thi-dua",
    ),
    FormSpec(
        code=review_forms.NOMINATION_CODE,
        name=review_forms.NOMINATION_NAME,
        description="Danh sách tập thể, cá nhân đề nghị khen thưởng một danh hiệu/hình thức; "
        "khi Hội đồng đã biểu quyết chỉ gồm người đạt, kèm tỷ lệ phiếu",
        params=(PARAM_YEAR, PARAM_TITLE, PARAM_UNIT, PARAM_DATE, PARAM_ORDER),
        landscape=review_forms.NOMINATION_LANDSCAPE,
        build=review_forms.build_nomination_list,
        template=review_forms.template_nomination,
        file_stem="danh-sach-de-nghi-khen-thuong",
    ),
    FormSpec(
        code=review_forms.PUBLIC_CODE,
        name=review_forms.PUBLIC_NAME,
        description="Tập thể, cá nhân đề nghị khen thưởng cấp tỉnh, cấp bộ, cấp Nhà nước, "
        "công khai để lấy ý kiến trước khi trình",
        params=(PARAM_YEAR, PARAM_UNIT, PARAM_DATE),
        landscape=review_forms.PUBLIC_LANDSCAPE,
        build=review_forms.build_public_comment,
        template=review_forms.template_public,
        file_stem="danh-sach-lay-y-kien-cong-khai",
    ),
    FormSpec(
        code=review_forms.COUNCIL_CODE,
        name=review_forms.COUNCIL_NAME,
        description="Biên bản họp Hội đồng TĐKT (nội dung Mẫu số 03 Thông tư 62/2025) với "
        "bảng kết quả biểu quyết của một phiên họp",
        params=(PARAM_YEAR, PARAM_SESSION),
        landscape=review_forms.COUNCIL_LANDSCAPE,
        build=review_forms.build_council_minutes,
        template=review_forms.template_council,
        file_stem="bien-ban-hop-hoi-dong",
    ),
    FormSpec(
        code=review_forms.VOTE_COUNT_CODE,
        name=review_forms.VOTE_COUNT_NAME,
        description="Biên bản kiểm phiếu của một phiên họp Hội đồng TĐKT: số phiếu phát ra, "
        "thu vào, hợp lệ và kết quả từng trường hợp",
        params=(PARAM_SESSION,),
        landscape=review_forms.VOTE_COUNT_LANDSCAPE,
        build=review_forms.build_vote_count,
        template=review_forms.template_vote_count,
        file_stem="bien-ban-kiem-phieu",
    ),
    FormSpec(
        code=vote_tally.CODE,
        name=vote_tally.NAME,
        description="Một dòng cho mỗi người, tập thể được bỏ phiếu trong phiên họp (cột họ tên, "
        "STT bị khóa) để Ban kiểm phiếu điền số phiếu; nhập lại bằng 'tdkt import votes' hoặc "
        "ở thẻ Hội đồng TĐKT",
        params=(PARAM_SESSION,),
        landscape=vote_tally.LANDSCAPE,
        build=vote_tally.build,
        template=vote_tally.template_workbook,
        file_stem="bang-kiem-phieu",
    ),
    FormSpec(
        code=decision_forms.ANNEX_CODE,
        name=decision_forms.ANNEX_NAME,
        description="Danh sách cá nhân, tập thể kèm theo một quyết định khen thưởng (Kèm theo "
        "Quyết định số ... ngày ...), có số sổ vàng khi đã cấp",
        params=(PARAM_DECISION, PARAM_YEAR),
        landscape=decision_forms.ANNEX_LANDSCAPE,
        build=decision_forms.build_annex,
        template=decision_forms.template_annex,
        file_stem="danh-sach-kem-quyet-dinh",
    ),
    FormSpec(
        code=decision_forms.BONUS_CODE,
        name=decision_forms.BONUS_NAME,
        description="Tiền thưởng từng người theo hệ số và mức lương cơ sở tại ngày ký quyết "
        "định, tổng cộng và số tiền bằng chữ, cột ký nhận",
        params=(PARAM_DECISION, PARAM_YEAR, PARAM_DATE),
        landscape=decision_forms.BONUS_LANDSCAPE,
        build=decision_forms.build_bonus_list,
        template=decision_forms.template_bonus_list,
        file_stem="danh-sach-chi-tien-thuong",
    ),
    FormSpec(
        code=decision_forms.HISTORY_CODE,
        name=decision_forms.HISTORY_NAME,
        description="Mọi khen thưởng của một cán bộ (kèm xếp loại từng năm) hoặc của một tập "
        "thể (kể cả khi mang tên cũ); khen thưởng đã thu hồi được ghi rõ",
        params=(PARAM_PERSON, PARAM_UNIT, PARAM_DATE),
        landscape=decision_forms.HISTORY_LANDSCAPE,
        build=decision_forms.build_history,
        template=decision_forms.template_history,
        file_stem="qua-trinh-khen-thuong",
    ),
    FormSpec(
        code=stat_forms.STAT_CODES["0601"],
        name=stat_forms.STAT_NAMES["0601"],
        description="Thông tư 02/2023/TT-BNV: phong trào thi đua trong năm theo cấp phát động, "
        "phạm vi, thời gian và hình thức",
        params=(PARAM_YEAR, PARAM_DATE),
        landscape=stat_forms.STAT_LANDSCAPE,
        build=stat_forms.build_stat,
        template=stat_forms.template_0601,
        file_stem="bieu-0601-phong-trao-thi-dua",
    ),
    FormSpec(
        code=stat_forms.STAT_CODES["0602"],
        name=stat_forms.STAT_NAMES["0602"],
        description="Thông tư 02/2023/TT-BNV: khen thưởng cấp Nhà nước quyết định trong năm "
        "theo hình thức, đối tượng và loại hình",
        params=(PARAM_YEAR, PARAM_DATE),
        landscape=stat_forms.STAT_LANDSCAPE,
        build=stat_forms.build_stat,
        template=stat_forms.template_0602,
        file_stem="bieu-0602-khen-thuong-cap-nha-nuoc",
    ),
    FormSpec(
        code=stat_forms.STAT_CODES["0603"],
        name=stat_forms.STAT_NAMES["0603"],
        description="Thông tư 02/2023/TT-BNV: khen thưởng cấp bộ, tỉnh quyết định trong năm "
        "theo hình thức, đối tượng và loại hình",
        params=(PARAM_YEAR, PARAM_DATE),
        landscape=stat_forms.STAT_LANDSCAPE,
        build=stat_forms.build_stat,
        template=stat_forms.template_0603,
        file_stem="bieu-0603-khen-thuong-cap-bo-tinh",
    ),
    FormSpec(
        code=stat_forms.STAT_CODES["0604"],
        name=stat_forms.STAT_NAMES["0604"],
        description="Thông tư 02/2023/TT-BNV: tổ chức làm công tác thi đua, khen thưởng, "
        "theo Thiết lập biểu thống kê",
        params=(PARAM_YEAR, PARAM_DATE),
        landscape=False,
        build=stat_forms.build_stat,
        template=stat_forms.template_0604,
        file_stem="bieu-0604-to-chuc-lam-cong-tac-tdkt",
    ),
    FormSpec(
        code=stat_forms.STAT_CODES["0605"],
        name=stat_forms.STAT_NAMES["0605"],
        description="Thông tư 02/2023/TT-BNV: công chức làm công tác thi đua, khen thưởng theo "
        "độ tuổi, trình độ, thời gian làm công tác, theo Thiết lập biểu thống kê",
        params=(PARAM_YEAR, PARAM_DATE),
        landscape=False,
        build=stat_forms.build_stat,
        template=stat_forms.template_0605,
        file_stem="bieu-0605-cong-chuc-lam-cong-tac-tdkt",
    ),
    FormSpec(
        code=stat_forms.SUMMARY_CODE,
        name=stat_forms.SUMMARY_NAME,
        description="Số danh hiệu, hình thức khen thưởng thành tích của năm theo từng đơn vị, "
        "có tổng cộng",
        params=(PARAM_YEAR, PARAM_DATE),
        landscape=stat_forms.SUMMARY_LANDSCAPE,
        build=stat_forms.build_yearly_summary,
        template=stat_forms.template_yearly_summary,
        file_stem="tong-hop-khen-thuong-nam",
    ),
)


class UnknownFormError(KeyError):
    """No form has this code; ``str()`` is a Vietnamese message listing the codes."""

    def __init__(self, code: str) -> None:
        self.code = code
        super().__init__(code)

    def __str__(self) -> str:
        return f"Không có biểu mẫu '{self.code}'. Các biểu mẫu: {', '.join(form_codes())}"


def form_codes() -> list[str]:
    return [form.code for form in FORMS]


def get_form(code: str) -> FormSpec:
    for form in FORMS:
        if form.code == code:
            return form
    raise UnknownFormError(code)


def template_of(code: str) -> TemplateInfo:
    """Which template the form uses now: path and "mặc định"/"tùy chỉnh" (for the GUI)."""
    return template_info(get_form(code).code)


@dataclass(frozen=True)
class ExportResult:
    form: FormSpec
    path: Path
    template: TemplateInfo


@collector_paused  # a long list makes tens of thousands of cells and styles
def export_form(code: str, data: Any, path: Path | str) -> ExportResult:
    """Build form ``code`` from ``data`` and save it atomically to ``path``.

    Raises :class:`UnknownFormError` and :class:`~app.excel.forms.save.ExportFileError`.
    """
    form = get_form(code)
    info = template_info(form.code)
    workbook = form.build(data)
    written = save_workbook(workbook, Path(path))
    return ExportResult(form=form, path=written, template=info)


def write_template(code: str, path: Path | str) -> Path:
    """Write the default (shipped) template of a form; see resources/templates/README.md."""
    return save_workbook(get_form(code).template(), Path(path))
