"""Layouts of the certificate blanks (phôi Giấy khen, Bằng khen; issue 22, domain.md §7.4).

Clerks print each certificate on a pre-printed blank: the border, the State emblem, the Quốc
hiệu and Tiêu ngữ (often the issuer and the form too) are on the paper; the program prints the
rest at positions measured on the blank. A layout is data a clerk can edit
(``certificate_layouts.json``): the page, the awards it serves, the default achievement
wording and its fields. A field is a box in millimetres from the top-left corner of the paper
with a text template, a font, a size (and the smallest size it may shrink to), bold or italic,
alignment, wrapping, capitals, a colour, and whether it prints at all (a blank that already
carries it).

Everything here is pure: :func:`parse_layouts` checks the JSON and says in Vietnamese what is
wrong; :func:`fill` puts a recipient's values into a template; :class:`Calibration` is the
offset of one printer on one machine (saved per machine, not here).
"""

from __future__ import annotations

import math
import re
import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "ALIGNMENTS",
    "MAX_OFFSET_MM",
    "PLACEHOLDERS",
    "VALIGNS",
    "Calibration",
    "CertificateLayout",
    "FieldBox",
    "LayoutError",
    "fill",
    "parse_layouts",
    "placeholders_of",
    "validate_calibration",
]

# What a template may name, and what it holds (shown in the layout file's note).
PLACEHOLDERS: dict[str, str] = {
    "recipient": "Người, tập thể được khen như in trên phôi (Ông/Bà + họ tên; tên tập thể)",
    "name": "Họ tên (cá nhân) hoặc tên tập thể, hộ gia đình",
    "salutation": "Ông / Bà (theo giới tính; trống với tập thể)",
    "position": "Chức vụ, chức danh",
    "unit": "Đơn vị công tác (cá nhân) / đơn vị cấp trên (tập thể)",
    "award": "Danh hiệu, hình thức khen thưởng (tên trong danh mục)",
    "achievement": "Lời thành tích (theo quyết định, mẫu phôi hoặc danh mục)",
    "period": "Thời gian thành tích: 'năm 2025' / 'giai đoạn 2021 - 2025'",
    "year": "Năm thành tích (năm cuối)",
    "decision_number": "Số quyết định (05/QĐ-SNNMT)",
    "decision_date": "Ngày quyết định dạng dd/mm/yyyy",
    "decision_date_words": "Ngày quyết định: 'ngày 15 tháng 01 năm 2026'",
    "place": "Địa danh (cài đặt cơ quan)",
    "place_date": "Địa danh, ngày ... tháng ... năm ... (ngày quyết định)",
    "authority": "Cơ quan, người ban hành quyết định",
    "agency": "Tên cơ quan (cài đặt cơ quan)",
    "signer_authority": "Dòng thẩm quyền ký (KT. GIÁM ĐỐC)",
    "signer_title": "Chức vụ người ký",
    "signer_name": "Họ tên người ký",
    "golden_book_no": "Số sổ vàng (số thứ tự trong quyết định)",
}

ALIGNMENTS = ("left", "center", "right")
VALIGNS = ("top", "middle", "bottom")
MAX_OFFSET_MM = 30.0
_COLOR = re.compile(r"^#[0-9A-Fa-f]{6}$")
_CODE = re.compile(r"^[A-Za-z0-9_\-]{1,40}$")
_MIN_PAGE_MM, _MAX_PAGE_MM = 50.0, 600.0


class LayoutError(ValueError):
    """The layout file is malformed; the message names the file, the layout and the field."""


@dataclass(frozen=True)
class FieldBox:
    """One printed field: a box on the paper and how its text goes in it."""

    key: str
    label: str
    text: str  # template: "{recipient}", "Số sổ vàng: {golden_book_no}", literal text
    x_mm: float
    y_mm: float
    width_mm: float
    height_mm: float
    font: str = "Times New Roman"
    size_pt: float = 14.0
    min_size_pt: float = 10.0
    bold: bool = False
    italic: bool = False
    align: str = "center"
    valign: str = "middle"
    wrap: bool = True
    uppercase: bool = False
    color: str = "#000000"
    printed: bool = True


@dataclass(frozen=True)
class CertificateLayout:
    """A blank: its page (mm), the catalogue codes it serves, wording and fields."""

    code: str
    name: str
    fields: tuple[FieldBox, ...]
    awards: tuple[str, ...] = ()
    page_width_mm: float = 297.0
    page_height_mm: float = 210.0
    achievement: str = ""
    achievement_by_award: dict[str, str] = field(default_factory=dict)
    background: str = ""
    source: str = ""

    @property
    def landscape(self) -> bool:
        return self.page_width_mm > self.page_height_mm

    @property
    def printed_fields(self) -> tuple[FieldBox, ...]:
        return tuple(f for f in self.fields if f.printed)

    def field(self, key: str) -> FieldBox:
        for box in self.fields:
            if box.key == key:
                return box
        raise KeyError(key)

    def wording_for(self, award_code: str) -> str:
        """The layout's achievement template for an award ("" when it has none)."""
        return self.achievement_by_award.get(award_code) or self.achievement


@dataclass(frozen=True)
class Calibration:
    """How far to move everything printed, in millimetres: right and down are positive. A
    printer that prints 2 mm too far left is corrected with ``x_mm=2``."""

    x_mm: float = 0.0
    y_mm: float = 0.0

    def to_dict(self) -> dict[str, float]:
        return {"x_mm": self.x_mm, "y_mm": self.y_mm}


def validate_calibration(cal: Calibration) -> list[str]:
    problems = []
    for what, value in (("ngang", cal.x_mm), ("dọc", cal.y_mm)):
        if not math.isfinite(value) or abs(value) > MAX_OFFSET_MM:
            problems.append(
                f"Độ lệch {what} phải trong khoảng ±{MAX_OFFSET_MM:g} mm, nhận được {value:g}"
            )
    return problems


# --- templates ------------------------------------------------------------------------------


def placeholders_of(template: str) -> list[str]:
    """The names a template uses, in order; raises ValueError on a malformed one ("{" alone,
    "{name!r}", "{name:>10}", "{name.attr}")."""
    names = []
    for _literal, name, spec, conversion in string.Formatter().parse(template):
        if name is None:
            continue
        if spec or conversion or not re.fullmatch(r"[a-z_]+", name):
            raise ValueError(f"chỗ điền '{{{name}}}' không hợp lệ (chỉ viết {{tên}})")
        names.append(name)
    return names


def fill(template: str, values: Mapping[str, str], *, keep_empty: bool = False) -> str:
    """The template with the values put in, line by line. A line whose every placeholder is
    empty is left out ("Số sổ vàng: {golden_book_no}" without a number prints nothing) unless
    ``keep_empty``; a line without placeholders (a fixed text) stays."""
    out = []
    for line in template.split("\n"):
        parts, named, filled = [], 0, 0
        for literal, name, _spec, _conv in string.Formatter().parse(line):
            parts.append(literal)
            if name is not None:
                named += 1
                value = values.get(name, "")
                filled += bool(value)
                parts.append(value)
        if named and not filled and not keep_empty:
            continue
        out.append(re.sub(r" {2,}", " ", "".join(parts)).strip())
    return "\n".join(line for line in out if line)


# --- parsing --------------------------------------------------------------------------------


def _number(raw: dict[str, Any], key: str, where: str, default: float | None = None) -> float:
    value = raw.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise LayoutError(f"{where}: '{key}' phải là một số (mm hoặc pt), nhận được {value!r}")
    return float(value)


def _flag(raw: dict[str, Any], key: str, where: str, default: bool) -> bool:
    value = raw.get(key, default)
    if not isinstance(value, bool):
        raise LayoutError(f"{where}: '{key}' phải là true hoặc false, nhận được {value!r}")
    return value


def _text(raw: dict[str, Any], key: str, where: str, default: str = "") -> str:
    value = raw.get(key, default)
    if not isinstance(value, str):
        raise LayoutError(f"{where}: '{key}' phải là chuỗi chữ, nhận được {value!r}")
    return value


def _template(text: str, where: str, key: str) -> str:
    try:
        names = placeholders_of(text)
    except ValueError as exc:
        raise LayoutError(f"{where}: '{key}': {exc}") from None
    unknown = [n for n in names if n not in PLACEHOLDERS]
    if unknown:
        raise LayoutError(
            f"{where}: '{key}' dùng chỗ điền không có: "
            + ", ".join(f"{{{n}}}" for n in unknown)
            + " (có: "
            + ", ".join(f"{{{n}}}" for n in PLACEHOLDERS)
            + ")"
        )
    return text


def _field(raw: Any, where: str, defaults: dict[str, Any], page: tuple[float, float]) -> FieldBox:
    if not isinstance(raw, dict):
        raise LayoutError(f"{where}: mỗi trường phải là một đối tượng JSON")
    key = _text(raw, "key", where)
    if not _CODE.match(key):
        raise LayoutError(f"{where}: thiếu 'key' (tên trường: chữ không dấu, số, _)")
    where = f"{where} '{key}'"
    merged = {**defaults, **raw}
    box = FieldBox(
        key=key,
        label=_text(raw, "label", where, key),
        text=_template(_text(raw, "text", where), where, "text"),
        x_mm=_number(raw, "x_mm", where),
        y_mm=_number(raw, "y_mm", where),
        width_mm=_number(raw, "width_mm", where),
        height_mm=_number(raw, "height_mm", where),
        font=_text(merged, "font", where, "Times New Roman").strip() or "Times New Roman",
        size_pt=_number(merged, "size_pt", where, 14.0),
        min_size_pt=_number(merged, "min_size_pt", where, merged.get("size_pt", 14.0)),
        bold=_flag(merged, "bold", where, False),
        italic=_flag(merged, "italic", where, False),
        align=_text(merged, "align", where, "center"),
        valign=_text(merged, "valign", where, "middle"),
        wrap=_flag(merged, "wrap", where, True),
        uppercase=_flag(merged, "uppercase", where, False),
        color=_text(merged, "color", where, "#000000"),
        printed=_flag(raw, "print", where, True),
    )
    if not box.text.strip():
        raise LayoutError(f"{where}: 'text' trống (ví dụ: \"{{recipient}}\")")
    if box.align not in ALIGNMENTS:
        raise LayoutError(f"{where}: 'align' phải là {', '.join(ALIGNMENTS)}")
    if box.valign not in VALIGNS:
        raise LayoutError(f"{where}: 'valign' phải là {', '.join(VALIGNS)}")
    if not _COLOR.match(box.color):
        raise LayoutError(f"{where}: 'color' phải dạng #RRGGBB (ví dụ #C00000 là màu đỏ)")
    if box.width_mm <= 0 or box.height_mm <= 0:
        raise LayoutError(f"{where}: chiều rộng, chiều cao phải lớn hơn 0 mm")
    width, height = page
    if box.x_mm < 0 or box.y_mm < 0 or box.x_mm + box.width_mm > width:
        raise LayoutError(f"{where}: khung chữ nằm ngoài trang ({width:g} × {height:g} mm)")
    if box.y_mm + box.height_mm > height:
        raise LayoutError(f"{where}: khung chữ nằm ngoài trang ({width:g} × {height:g} mm)")
    if not 4 <= box.min_size_pt <= box.size_pt <= 96:
        raise LayoutError(
            f"{where}: cỡ chữ phải từ 4 đến 96 pt và cỡ nhỏ nhất ('min_size_pt') không lớn hơn "
            "cỡ chữ ('size_pt')"
        )
    return box


def _layout(raw: Any, source: str, index: int) -> CertificateLayout:
    if not isinstance(raw, dict):
        raise LayoutError(f"{source}: mẫu thứ {index} phải là một đối tượng JSON")
    code = _text(raw, "code", f"{source}: mẫu thứ {index}")
    if not _CODE.match(code):
        raise LayoutError(f"{source}: mẫu thứ {index} thiếu 'code' (mã mẫu: chữ không dấu, số, _)")
    where = f"{source}: mẫu {code}"
    page = raw.get("page", {})
    if not isinstance(page, dict):
        raise LayoutError(f"{where}: 'page' phải có width_mm và height_mm")
    width = _number(page, "width_mm", where, 297.0)
    height = _number(page, "height_mm", where, 210.0)
    if not (_MIN_PAGE_MM <= width <= _MAX_PAGE_MM and _MIN_PAGE_MM <= height <= _MAX_PAGE_MM):
        raise LayoutError(f"{where}: khổ giấy {width:g} × {height:g} mm không hợp lệ")
    awards = raw.get("awards", [])
    if not isinstance(awards, list) or not all(isinstance(a, str) for a in awards):
        raise LayoutError(f"{where}: 'awards' phải là danh sách mã danh hiệu, hình thức")
    by_award = raw.get("achievement_by_award", {})
    if not isinstance(by_award, dict) or not all(isinstance(v, str) for v in by_award.values()):
        raise LayoutError(f"{where}: 'achievement_by_award' phải gồm mã -> lời thành tích")
    defaults = raw.get("defaults", {})
    if not isinstance(defaults, dict):
        raise LayoutError(f"{where}: 'defaults' phải là một đối tượng JSON")
    raw_fields = raw.get("fields")
    if not isinstance(raw_fields, list) or not raw_fields:
        raise LayoutError(f"{where}: thiếu danh sách trường 'fields'")
    fields = tuple(
        _field(item, f"{where}, trường thứ {i}", defaults, (width, height))
        for i, item in enumerate(raw_fields, start=1)
    )
    keys = [f.key for f in fields]
    twice = sorted({k for k in keys if keys.count(k) > 1})
    if twice:
        raise LayoutError(f"{where}: trường lặp lại: {', '.join(twice)}")
    return CertificateLayout(
        code=code,
        name=_text(raw, "name", where, code).strip() or code,
        fields=fields,
        awards=tuple(awards),
        page_width_mm=width,
        page_height_mm=height,
        achievement=_template(_text(raw, "achievement", where), where, "achievement"),
        achievement_by_award={
            str(k): _template(v, where, f"achievement_by_award.{k}") for k, v in by_award.items()
        },
        background=_text(raw, "background", where).strip(),
        source=source,
    )


def parse_layouts(data: Any, *, source: str) -> dict[str, CertificateLayout]:
    """The layouts of a parsed ``certificate_layouts.json``, by code (file order)."""
    if not isinstance(data, dict) or not isinstance(data.get("layouts"), list):
        raise LayoutError(f"{source}: tệp mẫu phôi cần mục 'layouts' (danh sách mẫu)")
    out: dict[str, CertificateLayout] = {}
    for index, raw in enumerate(data["layouts"], start=1):
        layout = _layout(raw, source, index)
        if layout.code in out:
            raise LayoutError(f"{source}: mã mẫu {layout.code} lặp lại")
        out[layout.code] = layout
    return out
