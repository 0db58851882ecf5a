"""Writing a form from its template: the chosen columns sized to the data, then the engine.

- :func:`drop_same` -- columns marked ``same_drop`` are left out when every line holds the
  same value (the form says that value once, above the table).
- :func:`start_form` -- a :class:`~app.excel.forms.layout.FormSheet` on the template's
  workbook with the columns sized to the records (:func:`app.excel.forms.widths.fit_widths`)
  and their keys, so rows are written by key (:meth:`FormSheet.record_row`).
- :func:`header` / :func:`signature_values` -- the placeholders every form's wording may use
  for the agency and its signer.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date

from openpyxl.utils import get_column_letter

from app.domain.settings import AgencySettings
from app.domain.vnformat import formal_date_line
from app.excel.forms.layout import (
    COLUMN_PAD,
    HEADER_SIZES,
    LEFT_SHARE,
    QUOC_HIEU,
    Column,
    FormSheet,
)
from app.excel.forms.metrics import text_width_pt
from app.excel.forms.page import default_font_size, printable_pt
from app.excel.forms.template import Field, Template
from app.excel.forms.widths import fit_widths, page_units

__all__ = [
    "agency_values",
    "drop_same",
    "header",
    "start_form",
]

PAGE_SHARE = 1.0  # of the printable width the table fills
LEFT_MIN = 18.0  # units the left half of the header block needs ("SỞ NÔNG NGHIỆP")


def _key(value: object) -> object:
    return value if isinstance(value, str | int | float | date) or value is None else str(value)


def drop_same(fields: Sequence[Field], records: Sequence[Mapping[str, object]]) -> list[Field]:
    """``fields`` without the ``same_drop`` ones whose value is the same on every record and
    the ``empty_drop`` ones empty on every record."""
    out = []
    for f in fields:
        found = {_key(r.get(f.key)) for r in records}
        if f.same_drop and records and len(found) == 1 and found - {"", None}:
            continue  # one value on every line (an empty column stays, to write in)
        if f.empty_drop and found <= {"", None}:
            continue
        out.append(f)
    return out


def start_form(
    tpl: Template,
    fields: Sequence[Field],
    records: Sequence[Mapping[str, object]],
    *,
    divide: bool = True,
) -> FormSheet:
    """The form's sheet with ``fields`` as its columns, sized to ``records``. ``divide``: a
    column may be cut in two where the Nghị định 30/2020 header block divides the page (not
    for the statistics forms, whose header has no Quốc hiệu)."""
    if len(fields) < 2:
        raise ValueError("A form needs at least two columns")
    wb = tpl.workbook
    ws = wb.worksheets[0]
    size = default_font_size(wb)
    width_pt, _height = printable_pt(ws)
    rows = [[r.get(f.key, "") for f in fields] for r in records]
    page = page_units(width_pt - COLUMN_PAD * (len(fields) + 1), size) * PAGE_SHARE
    widths = fit_widths(fields, rows, size=size, page=page)
    for i in range(1, len(tpl.model.fields) + 8):  # the template's own widths go
        ws.column_dimensions.pop(get_column_letter(i), None)
    columns = [
        Column(f.header, w, f.align, f.number_format, f.group)
        for f, w in zip(fields, widths, strict=True)
    ]
    keys = [f.key for f in fields]
    cut = _divide(widths, size) if divide else None
    if cut is not None:  # one column over two sheet columns, where the header block divides
        col, left = cut
        columns[col : col + 1] = [
            replace(columns[col], width=left),
            Column("", round(widths[col] - left, 1), joined=True),
        ]
        keys[col + 1 : col + 1] = [""]
    for i, column in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = column.width
    form = FormSheet(wb, columns, tpl.info)
    form.keys = tuple(keys)
    return form


def _divide(widths: Sequence[float], size: float) -> tuple[int, float] | None:
    """Where to cut a column in two when no column boundary leaves room for the issuing body
    on the left (:data:`LEFT_MIN` units) and the Quốc hiệu on one line on the right: (index
    of the column, width of its left part); None when a boundary will do."""
    unit = 0.5 * size
    right = (text_width_pt(QUOC_HIEU, HEADER_SIZES["quoc_hieu"], bold=True) + 8) / 0.97 / unit
    total = sum(widths)
    running = 0.0
    for width in widths[:-1]:
        running += width
        if running >= LEFT_MIN and total - running >= right:
            return None
    if total < LEFT_MIN + right:
        return None
    boundary = min(max(LEFT_MIN, total * LEFT_SHARE), total - right)
    running = 0.0
    for i, width in enumerate(widths):
        if running < boundary < running + width:
            left = round(boundary - running, 1)
            return (i, left) if left >= 2 and width - left >= 2 else None
        running += width
    return None


def agency_values(agency: AgencySettings, on: date | None = None) -> dict[str, object]:
    """Placeholders of the agency and its signer, for wording and signature boxes."""
    agency = agency.normalised()
    values: dict[str, object] = {
        "co_quan_chu_quan": agency.parent_body,
        "co_quan": agency.agency,
        "viet_tat": agency.abbreviation,
        "dia_danh": agency.place,
        "tham_quyen": agency.signer_authority,
        "chuc_danh": agency.signer_title,
        "nguoi_ky": agency.signer_name,
        "nguoi_lap": agency.preparer_title or "NGƯỜI LẬP BIỂU",
    }
    if not agency.signer_authority and not agency.signer_title:
        values["chuc_danh"] = "THỦ TRƯỞNG ĐƠN VỊ"
    if on is not None:
        values["ngay_lap"] = formal_date_line(agency.place, on)
    return values


def header(form: FormSheet, tpl: Template, agency: AgencySettings, **kwargs: object) -> None:
    """The Nghị định 30/2020 header block with the template's two left lines."""
    values = agency_values(agency)
    form.header_block(
        agency,
        parent=tpl.text("co_quan_chu_quan", **values),
        issuer=tpl.text("co_quan", **values),
        **kwargs,  # type: ignore[arg-type]
    )
