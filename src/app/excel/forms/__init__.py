"""Exported forms: the Nghị định 30/2020 layout, the registry of forms, atomic saving.

- :mod:`app.excel.forms.layout` -- the header block, title, table, signatures, page setup.
- :mod:`app.excel.forms.registry` -- code, Vietnamese name and parameters of each form.
- :mod:`app.excel.forms.save` -- atomic save and :class:`ExportFileError`.
- one module per form (:mod:`app.excel.forms.staff_list`).
"""

from __future__ import annotations

from app.excel.forms.page import TemplateInfo, template_info
from app.excel.forms.registry import (
    FORMS,
    ExportResult,
    FormSpec,
    UnknownFormError,
    export_form,
    get_form,
    template_of,
)
from app.excel.forms.save import ExportFileError, save_workbook

__all__ = [
    "FORMS",
    "ExportFileError",
    "ExportResult",
    "FormSpec",
    "TemplateInfo",
    "UnknownFormError",
    "export_form",
    "get_form",
    "save_workbook",
    "template_info",
    "template_of",
]
