"""The forms the application can export: code, Vietnamese name, parameters, writer.

The registry is plain data. Gathering a form's data is the caller's job (the CLI and the GUI
use :func:`app.services.reports.gather` with the same code), then :func:`export_form` builds
the workbook from those data and saves it atomically::

    data = reports.gather(session, "staff-list", ReportParams(unit_id=3))
    result = export_form("staff-list", data, Path("danh-sach.xlsx"))

Parameters a form takes (``FormSpec.params``): ``"unit"`` (a unit and its sub-units, or the
whole agency when absent), ``"year"`` (the reporting year), ``"date"`` (the day the list is
drawn up / the state "as of").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from app.excel.forms import staff_list
from app.excel.forms.page import TemplateInfo, template_info
from app.excel.forms.save import save_workbook

__all__ = [
    "FORMS",
    "PARAM_DATE",
    "PARAM_NAMES",
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
PARAM_NAMES = {
    PARAM_UNIT: "Đơn vị (kể cả đơn vị trực thuộc); bỏ trống là toàn cơ quan",
    PARAM_YEAR: "Năm",
    PARAM_DATE: "Ngày lập (tính đến ngày)",
}


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
