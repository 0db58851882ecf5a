"""What a clerk may change in the catalogue, checked without a database (the dialogs'
``validate()`` and the services use the same rules).

- :class:`ItemEdit` -- the names, synonyms, issuer, legal basis and "history only" of a title
  or form (the shipped values of the fields changed are kept aside: an update of the shipped
  catalogue leaves the clerk's values).
- :class:`NewForm` -- a form the agency adds (Giấy khen of another issuer, another ministry's
  medal), with a stable ASCII code made from its short name when none is given.
- :class:`CoefficientEdit` -- the coefficients in force from a date, with their legal basis
  (a decision is priced by those in force on its date).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from app.domain.codes import SubjectKind
from app.domain.vntext import clean, fold

__all__ = [
    "KINDS",
    "LEVELS",
    "MAX_COEFFICIENT",
    "CoefficientEdit",
    "ItemEdit",
    "NewForm",
    "make_code",
    "parse_coefficient",
    "validate_coefficients",
    "validate_item_edit",
    "validate_new_form",
]

KINDS = {"DANH_HIEU": "Danh hiệu thi đua", "HINH_THUC": "Hình thức khen thưởng"}
LEVELS = {
    "NHA_NUOC": "Nhà nước",
    "BO_TINH": "Bộ, tỉnh",
    "CO_SO": "Cơ sở (Sở)",
    "XA": "Xã",
    "HUYEN": "Huyện (lịch sử)",
    "KHAC": "Khác",
}
MAX_NAME = 255
MAX_SHORT = 80
MAX_COEFFICIENT = Decimal("999")
CODE_RE = re.compile(r"^[A-Z][A-Z0-9_]{1,39}$")


@dataclass(frozen=True)
class ItemEdit:
    name: str
    short: str
    synonyms: tuple[str, ...] = ()
    history_only: bool = False
    decided_by: str = ""
    legal_basis: str = ""

    def cleaned(self) -> ItemEdit:
        seen: dict[str, str] = {}
        for s in self.synonyms:
            text = clean(s)
            if text and fold(text) not in seen:
                seen[fold(text)] = text
        return ItemEdit(
            clean(self.name),
            clean(self.short),
            tuple(seen.values()),
            self.history_only,
            clean(self.decided_by),
            clean(self.legal_basis),
        )


@dataclass(frozen=True)
class CoefficientEdit:
    effective_from: date | None
    coefficients: dict[str, Decimal | None] = field(default_factory=dict)  # by subject kind
    legal_basis: str = ""


@dataclass(frozen=True)
class NewForm:
    name: str
    short: str
    subjects: tuple[str, ...] = (SubjectKind.CA_NHAN.value,)
    kind: str = "HINH_THUC"
    level: str = "KHAC"
    decided_by: str = ""
    rank: int = 10
    legal_basis: str = ""
    synonyms: tuple[str, ...] = ()
    code: str = ""
    coefficients: CoefficientEdit | None = None


def parse_coefficient(text: str) -> Decimal | None:
    """A coefficient typed by a clerk ("0,3", "1.5"); None when empty; ValueError when it is
    not a number."""
    value = clean(text).replace(",", ".")
    if not value:
        return None
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise ValueError(f"'{text}' không phải số") from None
    if not number.is_finite():
        raise ValueError(f"'{text}' không phải số")
    return number


def _names(name: str, short: str) -> list[str]:
    problems = []
    if not clean(name):
        problems.append("Chưa nhập tên danh hiệu, hình thức")
    elif len(clean(name)) > MAX_NAME:
        problems.append(f"Tên dài quá {MAX_NAME} ký tự")
    if len(clean(short)) > MAX_SHORT:
        problems.append(f"Tên viết tắt dài quá {MAX_SHORT} ký tự")
    return problems


def validate_item_edit(edit: ItemEdit) -> list[str]:
    return _names(edit.name, edit.short)


def validate_coefficients(edit: CoefficientEdit, subjects: tuple[str, ...] = ()) -> list[str]:
    problems = []
    if edit.effective_from is None:
        problems.append("Chưa nhập ngày áp dụng hệ số")
    values = {k: v for k, v in edit.coefficients.items() if v is not None}
    if not values:
        problems.append("Chưa nhập hệ số nào")
    for kind, value in values.items():
        if kind not in SubjectKind.__members__:
            problems.append(f"Đối tượng '{kind}' không hợp lệ")
        elif subjects and kind not in subjects:
            problems.append(f"Danh hiệu, hình thức này không dành cho đối tượng {kind}")
        if value < 0 or value > MAX_COEFFICIENT:
            problems.append(f"Hệ số {value} không hợp lệ (từ 0 đến {MAX_COEFFICIENT})")
    if not clean(edit.legal_basis):
        problems.append("Chưa nhập căn cứ pháp lý của hệ số")
    return problems


def make_code(short: str, taken: set[str]) -> str:
    """A stable code from a form's short name: "GK Sở Tư pháp" -> "GK_SO_TU_PHAP" (a number
    added when taken)."""
    base = re.sub(r"[^A-Z0-9]+", "_", fold(short).upper()).strip("_")[:34] or "HINH_THUC"
    if not base[0].isalpha():
        base = f"HT_{base}"[:34]
    code, n = base, 2
    while code in taken:
        code = f"{base}_{n}"
        n += 1
    return code


def validate_new_form(form: NewForm, taken: set[str]) -> list[str]:
    problems = _names(form.name, form.short or form.name)
    if form.kind not in KINDS:
        problems.append(f"Loại '{form.kind}' không hợp lệ")
    if not form.subjects:
        problems.append("Chọn ít nhất một đối tượng (cá nhân, tập thể, hộ gia đình)")
    for s in form.subjects:
        if s not in SubjectKind.__members__:
            problems.append(f"Đối tượng '{s}' không hợp lệ")
    if form.level not in LEVELS:
        problems.append(f"Cấp '{form.level}' không hợp lệ")
    if form.code:
        if not CODE_RE.match(form.code):
            problems.append("Mã chỉ gồm chữ in hoa không dấu, chữ số và dấu gạch dưới")
        elif form.code in taken:
            problems.append(f"Mã {form.code} đã có trong danh mục")
    if not 0 <= form.rank <= 1000:
        problems.append("Thứ bậc phải từ 0 đến 1000")
    if form.coefficients is not None:
        problems += validate_coefficients(form.coefficients, form.subjects)
    return problems
