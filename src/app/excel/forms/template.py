"""Form templates a clerk can edit: the column set, header lines, wording and signature block.

Every form declares its *cell map* once, as a :class:`FormModel` in its own module: the
columns it can print (:class:`Field`, each with a key the form fills), the wording it prints
(:class:`Text`, with ``{placeholders}`` the form fills: ``{nam}``, ``{danh_hieu}``...) and its
signature boxes (:class:`Box`). :func:`template_workbook` writes that model as the shipped
template ``resources/templates/<code>.xlsx``; a file of the same name in the data folder
overrides it (:func:`app.excel.forms.page.template_info`).

A template workbook has two sheets:

1. the print sheet -- paper, orientation, margins, page header and footer, default font (the
   layout of :func:`app.excel.forms.page.blank_workbook`); its cells are ignored;
2. "Cấu hình" -- three tables a clerk edits in Excel, each starting with a marker in column A:

   - ``[CỘT]``: one row per column in print order -- key | header | width (blank: sized to
     the content) | print ("có"/"không") | what it holds. Rows may be moved, headers renamed,
     columns left out ("không") or given a width.
   - ``[LỜI VĂN]``: key | text | meaning and placeholders. Titles, subtitles, the header
     block's two left lines, fixed sentences.
   - ``[CHỮ KÝ]``: box key | heading line 1 | heading line 2 | hint | name | when it is used.
     A box with both heading lines empty is left out.

Keys stay as shipped; an unknown key is ignored and a missing one keeps the shipped value, so
a template of an older version still works. A template without a "Cấu hình" sheet (made
before this module) keeps the shipped columns and wording and takes its column widths from
the print sheet, in the shipped column order.

:func:`open_template` reads the template in use and gives a :class:`Template`: the chosen
columns (:meth:`Template.fields`), texts with their placeholders filled (:meth:`Template.text`)
and signature boxes (:meth:`Template.box`).
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.worksheet import Worksheet

from app.config import data_dir, resources_root
from app.domain.vntext import fold_key
from app.excel.forms.layout import Signer
from app.excel.forms.page import (
    FONT_NAME,
    TemplateInfo,
    blank_workbook,
    clear_layout,
    template_info,
)
from app.excel.forms.save import ExportFileError

__all__ = [
    "CONFIG_SHEET",
    "Box",
    "Field",
    "FormModel",
    "Template",
    "Text",
    "custom_copy",
    "fill",
    "open_template",
    "read_config",
    "template_workbook",
]

Align = Literal["left", "center", "right"]
CONFIG_SHEET = "Cấu hình"
COLUMNS_MARK = "[CỘT]"
TEXTS_MARK = "[LỜI VĂN]"
BOXES_MARK = "[CHỮ KÝ]"
_NO = {"khong", "k", "no", "n", "0", "an", "bo"}
_PLACEHOLDER = re.compile(r"\{([a-z0-9_]+)\}")
_EDIT = PatternFill("solid", fgColor="FFF2CC")
_KEY = PatternFill("solid", fgColor="E7E6E6")
_THIN = Side(style="thin", color="A6A6A6")
_GRID = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


@dataclass(frozen=True)
class Field:
    """A column a form can print. ``width`` None: sized to the content (:mod:`.widths`).

    ``wrap``: the text may wrap at spaces (its narrowest is its longest word); numbers, dates
    and codes do not. ``fill``: the column takes a share of spare page width. ``same_drop``:
    left out when every line holds the same value (the form then says it once, above the
    table); ``empty_drop``: left out when every line is empty. ``family``: a stand-in for columns made from the data (one per title...).
    """

    key: str
    header: str
    align: Align = "left"
    number_format: str | None = None
    group: str | None = None
    width: float | None = None
    wrap: bool = True
    fill: bool = True
    max_width: float = 48.0
    min_width: float = 0.0
    same_drop: bool = False
    empty_drop: bool = False
    family: bool = False
    note: str = ""
    shown: bool = True  # printed unless the template says otherwise


@dataclass(frozen=True)
class Text:
    """A piece of wording: its key, what it is (for the clerk) and the shipped text."""

    key: str
    label: str
    default: str


@dataclass(frozen=True)
class Box:
    """A signature box: heading lines (bold capitals), an italic hint, the signer's name."""

    heading: tuple[str, ...]
    hint: str = ""
    name: str = ""
    label: str = ""  # when the box is used, for the clerk


@dataclass(frozen=True)
class FormModel:
    """The cell map of one form: what its template may change, with the shipped values."""

    code: str
    name: str
    sheet: str
    landscape: bool
    fields: tuple[Field, ...]
    texts: tuple[Text, ...] = ()
    boxes: tuple[tuple[str, Box], ...] = ()

    def text(self, key: str) -> str:
        for item in self.texts:
            if item.key == key:
                return item.default
        raise KeyError(key)


@dataclass(frozen=True)
class Choice:
    """A column as the template sets it: header, width (None: by content), printed or not."""

    key: str
    header: str
    width: float | None
    shown: bool


@dataclass(frozen=True)
class Config:
    """What a template's "Cấu hình" sheet says (None: the sheet is absent)."""

    columns: tuple[Choice, ...] | None
    texts: dict[str, str] = field(default_factory=dict)
    boxes: dict[str, Box] = field(default_factory=dict)


def fill(text: str, values: Mapping[str, object]) -> str:
    """``text`` with each ``{key}`` of ``values`` replaced; unknown placeholders stay."""

    def swap(match: re.Match[str]) -> str:
        key = match.group(1)
        return str(values[key]) if key in values else match.group(0)

    return _PLACEHOLDER.sub(swap, text)


# --------------------------------------------------------------------------- reading


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _width(value: object) -> float | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value) if 1 <= value <= 150 else None
    text = _cell_text(value).replace(",", ".")
    try:
        number = float(text)
    except ValueError:
        return None
    return number if 1 <= number <= 150 else None


def _shown(value: object) -> bool:
    return fold_key(_cell_text(value)) not in _NO


def _mark(value: object) -> str:
    text = fold_key(_cell_text(value))
    for mark in (COLUMNS_MARK, TEXTS_MARK, BOXES_MARK):
        if text and text == fold_key(mark):
            return mark
    return ""


def read_config(ws: Worksheet) -> Config:
    """The three tables of a "Cấu hình" sheet (see the module docstring)."""
    section = ""
    columns: list[Choice] = []
    texts: dict[str, str] = {}
    boxes: dict[str, Box] = {}
    for row in ws.iter_rows(values_only=True):
        cells = list(row) + [None] * 6
        mark = _mark(cells[0])
        if mark:
            section = mark
            continue
        key = _cell_text(cells[0])
        if not key or not section:
            continue
        if section == COLUMNS_MARK:
            columns.append(Choice(key, _cell_text(cells[1]), _width(cells[2]), _shown(cells[3])))
        elif section == TEXTS_MARK:
            texts[key] = "" if cells[1] is None else str(cells[1])
        else:
            heading = tuple(x for x in (_cell_text(cells[1]), _cell_text(cells[2])) if x)
            boxes[key] = Box(heading, _cell_text(cells[3]), _cell_text(cells[4]))
    return Config(tuple(columns), texts, boxes)


# --------------------------------------------------------------------------- the template


@dataclass
class Template:
    """A form's template as used now: the workbook to write on and the clerk's choices."""

    model: FormModel
    info: TemplateInfo
    workbook: Workbook
    choices: tuple[Choice, ...]
    texts: dict[str, str]
    boxes: dict[str, Box]

    def fields(
        self,
        available: Collection[str] | None = None,
        *,
        families: Mapping[str, Sequence[Field]] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> list[Field]:
        """The columns to print, in the template's order: those chosen, among ``available``
        (all when None), each family key replaced by its columns from ``families``.

        ``headers`` gives the data's own header of a column ("Tên tập thể" for a list of
        collectives), used unless the template renamed the column."""
        known = {f.key: f for f in self.model.fields}
        families = families or {}
        headers = headers or {}
        out: list[Field] = []
        for choice in self.choices:
            base = known.get(choice.key)
            if base is None or not choice.shown:
                continue
            if available is not None and choice.key not in available:
                continue
            if base.family:
                out.extend(families.get(choice.key, ()))
                continue
            header = choice.header or base.header
            if header == base.header and choice.key in headers:
                header = headers[choice.key]
            out.append(replace(base, header=header, width=choice.width or base.width))
        return out

    def text(self, key: str, **values: object) -> str:
        """The wording ``key`` with its placeholders filled."""
        return fill(self.texts.get(key, ""), values)

    def box(self, key: str, **values: object) -> Signer | None:
        """The signature box ``key`` with its placeholders filled (None: left out)."""
        box = self.boxes.get(key)
        if box is None:
            return None
        heading = tuple(
            line.upper() for line in (fill(h, values).strip() for h in box.heading) if line
        )
        if not heading:
            return None
        return Signer(heading=heading, hint=fill(box.hint, values), name=fill(box.name, values))


def _defaults(model: FormModel) -> Template:
    return Template(
        model=model,
        info=TemplateInfo(model.code, None, False),
        workbook=Workbook(),
        choices=tuple(Choice(f.key, f.header, f.width, f.shown) for f in model.fields),
        texts={t.key: t.default for t in model.texts},
        boxes=dict(model.boxes),
    )


def open_template(model: FormModel) -> Template:
    """The template in use for ``model`` (the data folder's, the shipped one, or the model's
    own values when there is no file), with a workbook ready to write the form on."""
    base = _defaults(model)
    widths = [f.width or 10.0 for f in model.fields]
    info = template_info(model.code)
    if info.path is None:
        base.workbook = blank_workbook(model.sheet, widths, landscape=model.landscape)
        return base
    try:
        wb = load_workbook(info.path)
    except Exception as exc:  # a clerk's file may be anything
        raise ExportFileError(
            f"Không đọc được mẫu {info.label} '{info.path}': {exc}. "
            "Sửa hoặc xóa tệp mẫu đó rồi xuất lại."
        ) from None
    config = Config(None)
    if CONFIG_SHEET in wb.sheetnames:
        config = read_config(wb[CONFIG_SHEET])
    print_sheet = wb.worksheets[0]
    if print_sheet.title == CONFIG_SHEET and len(wb.worksheets) > 1:
        print_sheet = wb.worksheets[1]
    if config.columns is None:  # an old template: its widths, in the shipped order
        from openpyxl.utils import get_column_letter

        old = []
        for i, f in enumerate(model.fields, start=1):
            width = print_sheet.column_dimensions[get_column_letter(i)].width
            old.append(Choice(f.key, f.header, float(width) if width else f.width, f.shown))
        choices = tuple(old)
    else:
        chosen = {c.key: c for c in config.columns}
        known = {f.key for f in model.fields}
        order = [c for c in config.columns if c.key in known]
        order += [  # columns the clerk's file does not know yet (a newer program)
            Choice(f.key, f.header, f.width, f.shown) for f in model.fields if f.key not in chosen
        ]
        choices = tuple(order)
    clear_layout(wb, print_sheet, model.sheet)
    return Template(
        model=model,
        info=info,
        workbook=wb,
        choices=choices,
        texts={**base.texts, **{k: v for k, v in config.texts.items() if k in base.texts}},
        boxes={**base.boxes, **{k: v for k, v in config.boxes.items() if k in base.boxes}},
    )


# --------------------------------------------------------------------------- writing


def _put(
    ws: Worksheet, row: int, values: Sequence[object], *, editable: Sequence[int] = ()
) -> None:
    for col, value in enumerate(values, start=1):
        cell = ws.cell(row=row, column=col, value=value if value != "" else None)
        cell.font = Font(name=FONT_NAME, size=11)
        cell.alignment = Alignment(vertical="top", wrap_text=True)
        cell.border = _GRID
        cell.fill = _EDIT if col in editable else _KEY if col == 1 else PatternFill()


def _heading(ws: Worksheet, row: int, values: Sequence[object]) -> None:
    for col, value in enumerate(values, start=1):
        cell = ws.cell(row=row, column=col, value=value)
        cell.font = Font(name=FONT_NAME, size=11, bold=True)
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        cell.border = _GRID


def template_workbook(model: FormModel) -> Workbook:
    """The shipped template of ``model``: the print sheet and the "Cấu hình" sheet."""
    wb = blank_workbook(
        model.sheet, [f.width or 10.0 for f in model.fields], landscape=model.landscape
    )
    ws = wb.create_sheet(CONFIG_SHEET)
    for letter, width in zip("ABCDEF", (24, 48, 26, 22, 26, 40), strict=True):
        ws.column_dimensions[letter].width = width
    intro = (
        f"MẪU BIỂU: {model.name.upper()} (tệp {model.code}.xlsx)",
        "Sửa các ô màu vàng rồi lưu tệp vào thư mục dữ liệu của chương trình, giữ nguyên tên "
        "tệp: chương trình dùng tệp đó thay mẫu có sẵn. Không sửa cột A (mã).",
        "Chỗ trong ngoặc nhọn, ví dụ {nam}, {danh_hieu}, là chỗ chương trình điền dữ liệu. "
        "Trang in đầu tiên giữ khổ giấy, hướng giấy, lề và số trang của bản in.",
    )
    for row, text in enumerate(intro, start=1):
        cell = ws.cell(row=row, column=1, value=text)
        cell.font = Font(name=FONT_NAME, size=12 if row == 1 else 11, bold=row == 1)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=6)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.row_dimensions[row].height = 18 if row == 1 else 30
    row = len(intro) + 2
    _heading(
        ws,
        row,
        (
            COLUMNS_MARK,
            "Tiêu đề cột",
            "Độ rộng (bỏ trống: theo nội dung)",
            "In (có/không)",
            "Nội dung",
        ),
    )
    for f in model.fields:
        row += 1
        note = f.note or ("các cột sinh theo dữ liệu" if f.family else "")
        _put(
            ws,
            row,
            (f.key, f.header, f.width, "có" if f.shown else "không", note),
            editable=(2, 3, 4),
        )
    row += 2
    _heading(ws, row, (TEXTS_MARK, "Nội dung", "Ý nghĩa, chỗ điền"))
    for item in model.texts:
        row += 1
        _put(ws, row, (item.key, item.default, item.label), editable=(2,))
    if model.boxes:
        row += 2
        _heading(
            ws,
            row,
            (
                BOXES_MARK,
                "Chức danh, dòng 1",
                "Chức danh, dòng 2",
                "Dòng ghi chú",
                "Họ và tên",
                "Dùng khi",
            ),
        )
        for key, box in model.boxes:
            row += 1
            lines = [*box.heading, "", ""][:2]
            _put(ws, row, (key, *lines, box.hint, box.name, box.label), editable=(2, 3, 4, 5))
    wb.active = wb.sheetnames.index(CONFIG_SHEET)
    return wb


# --------------------------------------------------------------------------- shared pieces

HEADER_TEXTS = (
    Text(
        "co_quan_chu_quan",
        "Góc trái, dòng 1: cơ quan chủ quản ({co_quan_chu_quan}: theo Thiết lập cơ quan)",
        "{co_quan_chu_quan}",
    ),
    Text(
        "co_quan",
        "Góc trái, dòng 2: cơ quan ban hành ({co_quan}: theo Thiết lập cơ quan)",
        "{co_quan}",
    ),
)
PREPARER = Box(("{nguoi_lap}",), "(Ký, ghi rõ họ tên)", label="Người lập biểu (bên trái)")
SIGNER = Box(
    ("{tham_quyen}", "{chuc_danh}"),
    "",
    "{nguoi_ky}",
    label="Người ký của cơ quan: {tham_quyen} (KT. GIÁM ĐỐC), {chuc_danh}, {nguoi_ky}",
)
HEAD = Box(
    ("{tham_quyen}", "{chuc_danh}"),
    "(Ký, họ tên, đóng dấu)",
    "{nguoi_ky}",
    label="Thủ trưởng đơn vị, hoặc cấp phó ký thay (KT.) theo Thiết lập cơ quan",
)


def custom_copy(code: str) -> Path:
    """The data folder's copy of a form's template, made from the shipped one when there is
    none yet (the clerk edits it in Excel; delete it to go back to the shipped template)."""
    target = data_dir() / f"{code}.xlsx"
    if target.is_file():
        return target
    shipped = resources_root() / "templates" / f"{code}.xlsx"
    if not shipped.is_file():
        raise ExportFileError(f"Biểu mẫu '{code}' không có tệp mẫu để sao chép.")
    shutil.copyfile(shipped, target)
    return target
