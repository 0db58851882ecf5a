"""Parsing of history lists: past awards, recognised initiatives and collective grades.

Part of issue 5 ("History in, from day one"). Each parser reads a workbook with
:func:`app.excel.table.read_table` (header detection, skipped rows, cell issues) and returns a
:class:`HistoryParse` with one frozen dataclass per data row and the problems found, cell by
cell, in Vietnamese. Nothing here looks at the database: matching people and units and
writing is done by :mod:`app.services.history_import`.

- :func:`parse_awards` -> :class:`AwardRow` (titles and forms of people and collectives)
- :func:`parse_initiatives` -> :class:`InitiativeRow` (the "DANH SÁCH ĐỀ TÀI SÁNG KIẾN" layout)
- :func:`parse_unit_grades` -> :class:`UnitGradeRow`

Catalogue and code tables come in as arguments (``app.services.reference.catalogue()`` and
``codes()``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Final, Generic, Protocol, TypeVar

from app.domain.award_names import (
    AwardCell,
    CodeName,
    ProvinceAwards,
    match_catalogue,
    reconcile,
    resolve_award_code,
    resolve_award_name,
)
from app.domain.catalogue import Catalogue, CodeTables
from app.domain.legacy_text import TextConversion
from app.domain.vnformat import format_date, parse_date, parse_date_or_year
from app.domain.vntext import clean, fold, fold_key
from app.excel.code_sheets import read_code_sheets
from app.excel.revocation_cells import read_revocation
from app.excel.table import CellIssue, FieldSpec, TableSpec, read_opened
from app.excel.workbook import OpenedWorkbook, open_workbook

__all__ = [
    "PROPOSAL_WITHOUT_DECISION",
    "AwardRow",
    "HistoryParse",
    "InitiativeRow",
    "UnitGradeRow",
    "award_spec",
    "initiative_spec",
    "match_award_type",
    "match_initiative_kind",
    "match_scope",
    "match_subject",
    "match_title",
    "parse_awards",
    "parse_initiatives",
    "parse_period",
    "parse_unit_grades",
    "split_authors",
    "split_decision",
    "unit_grade_spec",
]

CA_NHAN: Final = "CA_NHAN"
TAP_THE: Final = "TAP_THE"
HO_GIA_DINH: Final = "HO_GIA_DINH"

# ---------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------

RowT = TypeVar("RowT")


@dataclass(frozen=True)
class HistoryParse(Generic[RowT]):
    """A parsed sheet: rows, cell issues, skipped rows, and field -> column letter."""

    file: str
    sheet: str
    header_rows: tuple[int, ...]
    columns: Mapping[str, str]
    headers: Mapping[str, str]
    rows: tuple[RowT, ...]
    issues: tuple[CellIssue, ...]
    skipped: tuple[tuple[int, str], ...]
    warnings: tuple[str, ...]
    # A nomination list (title "DANH SÁCH ... ĐỀ NGHỊ ...", the province's "file nhận"
    # layout): its rows are proposals, awards only with a decision number (issue 11).
    proposal_list: bool = False
    conversions: tuple[TextConversion, ...] = ()  # cells converted from TCVN3/VNI


@dataclass(frozen=True)
class AwardRow:
    """One past award. ``subject_kind`` is None when the file does not say (the service
    decides: a name matching a unit is a collective)."""

    row: int
    name: str
    subject_kind: str | None
    birth_date: date | None
    birth_year: int | None
    staff_code: str | None
    unit_text: str
    year: int | None
    period_from_year: int | None
    period_to_year: int | None
    catalogue_code: str | None
    title_text: str
    award_type: str
    decision_number: str
    decision_date: date | None
    authority: str
    note: str
    # The parent the file names for a collective (its own column, else the unit column).
    parent_text: str = ""
    # A household's place: address and commune (the unit column when neither is given).
    address: str = ""
    commune: str = ""
    # A revoked award (domain.md X12): it no longer counts.
    revoked: bool = False
    revocation_number: str = ""
    revocation_date: date | None = None
    # The initiatives the award rests on, by title, as the cell writes them (domain.md X6;
    # split and matched by the service: app.domain.initiative_titles).
    initiatives: str = ""


@dataclass(frozen=True)
class InitiativeRow:
    row: int
    title: str
    authors: tuple[str, ...]
    unit_text: str
    agency_text: str
    decision_number: str
    decision_date: date | None
    recognized_by: str
    summary: str
    scope: str
    kind: str
    year: int | None


@dataclass(frozen=True)
class UnitGradeRow:
    row: int
    unit_text: str
    year: int | None
    grade: str | None
    grade_text: str
    note: str
    parent_text: str = ""  # the parent column: the unit is the one of that name under it


# ---------------------------------------------------------------------------
# Specs
# ---------------------------------------------------------------------------

_NAME = FieldSpec(
    "name",
    "Họ và tên / Tên tập thể",
    (
        "Họ và tên",
        "Họ tên",
        "Họ và tên cán bộ",
        "Tên cá nhân",
        "Tên cá nhân/tập thể",
        "Tên tập thể/cá nhân",
        "Tên cá nhân, tập thể",
        "Tên tập thể, cá nhân",
        "Tên tập thể/cá nhân/hộ gia đình",
        "Họ và tên/Tên tập thể",
        "Họ tên/tên tập thể",
        "Tên đơn vị / tập thể",
        "Tên đơn vị/tập thể",
        "Tên tập thể",
        "Đối tượng khen thưởng",
        "Cá nhân, tập thể được khen",
    ),
    required=True,
)
_SUBJECT = FieldSpec(
    "subject",
    "Tập thể/Cá nhân",
    (
        "Tập thể/Cá nhân",
        "Cá nhân/Tập thể",
        "Cá nhân hay tập thể",
        "Phân loại khen thưởng",
        "Tập thể/cá nhân/hộ gia đình",
        "Loại đối tượng",
        "Đối tượng",
        "CN/TT",
        "TT/CN",
    ),
    exact_only=True,
)
_BIRTH = FieldSpec(
    "birth",
    "Ngày sinh",
    ("Ngày sinh", "Năm sinh", "Ngày, tháng, năm sinh", "Ngày tháng năm sinh", "Sinh ngày"),
)
_UNIT_SYNONYMS: Final = (
    "Đơn vị",
    "Đơn vị công tác",
    "Phòng ban",
    "Phòng, ban",
    "Phòng ban làm việc",
    "Phòng ban, đơn vị",
    "Tên phòng ban/ khối, tổ công tác",
    "Nơi công tác",
    "Cơ quan, đơn vị",
    "Đơn vị công tác hiện nay",
)
_STAFF_CODE = FieldSpec("staff_code", "Mã cán bộ", ("Mã cán bộ", "Mã CB", "Mã nhân viên"))
_PARENT = FieldSpec(
    "parent",
    "Đơn vị cấp trên",
    (
        "Đơn vị cấp trên",
        "Cơ quan cấp trên",
        "Cơ quan chủ quản",
        "Đơn vị chủ quản",
        "Cơ quan quản lý",
        "Đơn vị quản lý",
        "Cơ quan quản lý trực tiếp",
        "Trực thuộc",
        "Thuộc đơn vị",
        "Tên đơn vị/tập thể công tác",
        "Tên đơn vị công tác",
    ),
)
_ADDRESS = FieldSpec(
    "address",
    "Địa chỉ",
    (
        "Địa chỉ",
        "Địa chỉ / Nơi ở",
        "Địa chỉ/Nơi ở",
        "Nơi ở",
        "Nơi cư trú",
        "Địa chỉ thường trú",
        "Địa chỉ hộ gia đình",
        "Thôn, xóm",
        "Thôn/xóm",
        "Thôn, tổ dân phố",
    ),
)
_COMMUNE = FieldSpec(
    "commune",
    "Xã, phường",
    (
        "Xã, phường",
        "Xã/phường",
        "Phường, xã",
        "Phường/xã",
        "Xã, phường, thị trấn",
        "Xã/phường/thị trấn",
        "Xã",
        "Phường",
        "Đơn vị hành chính cấp xã",
    ),
    exact_only=True,
)
_YEAR_AWARD = FieldSpec(
    "year",
    "Năm / giai đoạn",
    (
        "Năm",
        "Năm khen thưởng",
        "Năm đạt",
        "Năm đạt danh hiệu",
        "Năm/giai đoạn",
        "Năm, giai đoạn",
        "Năm (giai đoạn)",
        "Năm hoặc giai đoạn",
        "Giai đoạn",
        "Thời gian",
        "Thành tích năm",
        "Năm thành tích",
        "Thời kỳ",
    ),
    accent_sensitive=True,
)
_TITLE = FieldSpec(
    "title",
    "Danh hiệu / hình thức",
    (
        "Danh hiệu/hình thức",
        "Danh hiệu, hình thức",
        "Danh hiệu/hình thức khen thưởng",
        "Danh hiệu, hình thức khen thưởng",
        "Hình thức khen thưởng",
        "Hình thức khen thưởng/danh hiệu",
        "Tên danh hiệu/hình thức",
        "Hình thức",
        "Khen thưởng",
        "Danh hiệu thi đua/hình thức khen thưởng",
    ),
)
_TITLE_ALT = FieldSpec("title_alt", "Danh hiệu thi đua", ("Danh hiệu thi đua", "Danh hiệu"))
# Code columns: the province's 10-digit codes, read through the workbook's code sheets (HTKT,
# DANHMUC) and the province mapping. In the "file nhận" template they are VLOOKUPs of the name.
_FORM_CODE = FieldSpec(
    "form_code",
    "Mã hình thức khen thưởng",
    (
        "Mã hình thức khen thưởng",
        "Mã hình thức",
        "Mã hình thức khen thưởng/danh hiệu",
        "Mã HTKT",
    ),
    derived=True,
)
_TITLE_CODE = FieldSpec(
    "title_code",
    "Mã danh hiệu thi đua",
    (
        "Mã danh hiệu thi đua",
        "Mã danh hiệu thi đua (nếu có)",
        "Mã danh hiệu",
        "Mã danh hiệu/hình thức",
        "Mã danh hiệu, hình thức",
        "Mã danh hiệu thi đua/hình thức khen thưởng",
    ),
    derived=True,
)
_AWARD_NAMES: Final = ("title", "title_alt")
_AWARD_CODES: Final = ("form_code", "title_code")
_AWARD_TYPE = FieldSpec(
    "award_type",
    "Loại hình khen thưởng",
    ("Loại hình", "Loại hình khen thưởng", "Loại khen thưởng", "Hình thức (loại hình)"),
)
_DECISION_NUMBER = FieldSpec(
    "decision_number",
    "Số quyết định",
    (
        "Số quyết định",
        "Số QĐ",
        "Quyết định số",
        "Số, ký hiệu quyết định",
        "Số hiệu quyết định",
        "Số QĐ công nhận",
        "Số quyết định công nhận",
        "Quyết định công nhận",
        "Số, ngày quyết định",
        "Số và ngày quyết định",
        "Quyết định",
    ),
)
_DECISION_DATE = FieldSpec(
    "decision_date",
    "Ngày quyết định",
    (
        "Ngày quyết định",
        "Ngày QĐ",
        "Ngày ký",
        "Ngày ký quyết định",
        "Ngày ban hành",
        "Ngày ban hành quyết định",
    ),
)
_AUTHORITY = FieldSpec(
    "authority",
    "Cơ quan quyết định",
    (
        "Cơ quan quyết định",
        "Cấp quyết định",
        "Cơ quan ban hành",
        "Người ký",
        "Thẩm quyền",
        "Cấp khen",
        "Cấp khen thưởng",
        "Cơ quan khen thưởng",
    ),
)
_NOTE = FieldSpec("note", "Ghi chú", ("Ghi chú",))
# A revocation (app.excel.revocation_cells).
_REVOCATION_NUMBER = FieldSpec(
    "revocation_number",
    "Số QĐ thu hồi",
    (
        "Số QĐ thu hồi",
        "Số quyết định thu hồi",
        "Quyết định thu hồi",
        "QĐ thu hồi",
        "Số, ngày quyết định thu hồi",
        "Số quyết định hủy bỏ",
        "Quyết định hủy bỏ",
    ),
)
_REVOCATION_DATE = FieldSpec(
    "revocation_date",
    "Ngày thu hồi",
    (
        "Ngày thu hồi",
        "Ngày quyết định thu hồi",
        "Ngày QĐ thu hồi",
        "Ngày ký quyết định thu hồi",
        "Ngày hủy bỏ",
    ),
)
_REVOKED = FieldSpec(
    "revoked", "Thu hồi", ("Thu hồi", "Đã thu hồi", "Bị thu hồi", "Hủy bỏ", "Thu hồi khen thưởng")
)
# The initiatives an award rests on (X6), by title.
_INITIATIVES = FieldSpec(
    "initiatives",
    "Sáng kiến, đề tài",
    (
        "Sáng kiến, đề tài",
        "Sáng kiến/đề tài",
        "Sáng kiến",
        "Đề tài",
        "Tên sáng kiến",
        "Tên sáng kiến, đề tài",
        "Sáng kiến, đề tài làm căn cứ",
        "Sáng kiến, đề tài khoa học",
    ),
)


def award_spec() -> TableSpec:
    return TableSpec(
        fields=(
            _NAME,
            _SUBJECT,
            _BIRTH,
            FieldSpec("unit", "Đơn vị", _UNIT_SYNONYMS),
            _PARENT,
            _ADDRESS,
            _COMMUNE,
            _STAFF_CODE,
            _YEAR_AWARD,
            _TITLE,
            _TITLE_ALT,
            _FORM_CODE,
            _TITLE_CODE,
            _AWARD_TYPE,
            _DECISION_NUMBER,
            _DECISION_DATE,
            _AUTHORITY,
            _NOTE,
            _REVOCATION_NUMBER,
            _REVOCATION_DATE,
            _REVOKED,
            _INITIATIVES,
        ),
        anchor="name",
    )


def initiative_spec() -> TableSpec:
    return TableSpec(
        fields=(
            FieldSpec(
                "title",
                "Tên đề tài, sáng kiến",
                (
                    "Tên đề tài",
                    "Tên sáng kiến",
                    "Tên đề tài, sáng kiến",
                    "Tên sáng kiến, đề tài",
                    "Tên đề tài/sáng kiến",
                    "Tên sáng kiến/đề tài",
                    "Tên giải pháp",
                    "Tên công trình",
                    "Tên đề án",
                ),
                required=True,
            ),
            FieldSpec(
                "decision_date",
                "Ngày công nhận",
                (
                    "Ngày công nhận",
                    "Ngày QĐ công nhận",
                    "Ngày quyết định công nhận",
                    "Ngày quyết định",
                    "Ngày QĐ",
                    "Ngày ký",
                ),
            ),
            FieldSpec(
                "recognized_by",
                "Đơn vị công nhận",
                ("Đơn vị công nhận", "Cơ quan công nhận", "Người công nhận", "Hội đồng công nhận"),
            ),
            FieldSpec(
                "summary",
                "Tóm tắt",
                (
                    "Tóm tắt thành tích đạt được",
                    "Tóm tắt",
                    "Tóm tắt nội dung",
                    "Nội dung",
                    "Hiệu quả",
                    "Tóm tắt hiệu quả",
                ),
            ),
            FieldSpec(
                "authors",
                "Tên tác giả",
                (
                    "Tên tác giả",
                    "Tác giả",
                    "Họ và tên tác giả",
                    "Họ tên tác giả",
                    "Tác giả/đồng tác giả",
                    "Tác giả, đồng tác giả",
                    "Chủ nhiệm đề tài",
                    "Chủ nhiệm",
                ),
            ),
            FieldSpec("unit", "Phòng ban làm việc", _UNIT_SYNONYMS),
            FieldSpec(
                "agency",
                "Tên cơ quan làm việc",
                ("Tên cơ quan làm việc", "Cơ quan làm việc", "Cơ quan công tác", "Tên cơ quan"),
            ),
            _DECISION_NUMBER,
            FieldSpec(
                "scope",
                "Phạm vi ảnh hưởng",
                (
                    "Phạm vi ảnh hưởng",
                    "Phạm vi",
                    "Phạm vi áp dụng",
                    "Cấp công nhận",
                    "Cấp",
                    "Phạm vi ảnh hưởng, hiệu quả",
                ),
            ),
            FieldSpec(
                "kind",
                "Loại",
                ("Loại", "Phân loại", "Loại hình", "Loại sáng kiến/đề tài", "Sáng kiến/đề tài"),
                exact_only=True,
            ),
            FieldSpec(
                "year",
                "Năm",
                ("Năm", "Năm công nhận", "Năm áp dụng"),
                accent_sensitive=True,
            ),
            _NOTE,
        ),
        anchor="title",
    )


def unit_grade_spec() -> TableSpec:
    return TableSpec(
        fields=(
            FieldSpec(
                "unit",
                "Tên đơn vị",
                (
                    "Tên đơn vị",
                    "Đơn vị",
                    "Tên tập thể",
                    "Tập thể",
                    "Tên đơn vị/tập thể",
                    "Tên đơn vị, tập thể",
                    "Đơn vị, tập thể",
                    "Phòng ban",
                ),
                required=True,
            ),
            FieldSpec(
                "parent",
                "Đơn vị cấp trên",
                (*_PARENT.synonyms, "Đơn vị công tác", "Cơ quan", "Cơ quan công tác"),
            ),
            FieldSpec(
                "year",
                "Năm",
                ("Năm", "Năm xếp loại", "Năm đánh giá"),
                accent_sensitive=True,
            ),
            FieldSpec(
                "grade",
                "Xếp loại",
                (
                    "Xếp loại",
                    "Kết quả xếp loại",
                    "Mức xếp loại",
                    "Xếp loại chất lượng",
                    "Kết quả đánh giá, xếp loại",
                    "Đánh giá, xếp loại",
                    "Mức độ hoàn thành",
                ),
            ),
            _NOTE,
        ),
        anchor="unit",
    )


# ---------------------------------------------------------------------------
# Value helpers (pure)
# ---------------------------------------------------------------------------

_PERIOD: Final = re.compile(r"^(?:(?:nam|giai doan|thoi ky)\s+)?(\d{4})(?:\s*[-–—/]\s*(\d{2,4}))?$")


def parse_period(value: object) -> tuple[int, int]:
    """A year or an achievement period: 2023, "2023", "2021-2023", "2021 - 2023",
    "giai đoạn 2021–2023", "2021-23" -> (from, to). Raises ``ValueError`` (Vietnamese)."""
    if isinstance(value, bool):
        raise ValueError(f"Năm không hợp lệ: {value}")
    if isinstance(value, int | float) and float(value).is_integer():
        text = str(int(value))
    elif isinstance(value, str):
        text = fold(value).replace("–", "-").replace("—", "-")
    else:
        raise ValueError(f"Không đọc được năm/giai đoạn: {value}")
    m = _PERIOD.match(text.strip())
    if m is None:
        raise ValueError(
            f"Không đọc được năm/giai đoạn: '{clean(str(value))}' (ghi 2023 hoặc 2021-2023)"
        )
    first = int(m.group(1))
    last = first
    if m.group(2):
        tail = m.group(2)
        last = int(tail) if len(tail) == 4 else int(str(first)[:2] + tail) if len(tail) == 2 else -1
    if not (1945 <= first <= 2100 and 1945 <= last <= 2100) or last < first:
        raise ValueError(f"Năm/giai đoạn không hợp lệ: '{clean(str(value))}'")
    return first, last


_SEPARATORS: Final = re.compile(r"\s*(?:[,;\n\r]+|\s+và\s+|\s+va\s+)\s*", re.IGNORECASE)
_NUMBERING: Final = re.compile(r"^(?:\d+[.)]\s*|[-+•*]\s*)")
_TITLES: Final = re.compile(r"^(?:ông|bà|anh|chị|đ/c|đc|ths\.?|ts\.?|ks\.?|cn\.?)\s+", re.I)


def split_authors(text: str) -> tuple[str, ...]:
    """ "A, B; C\\nD và E" -> (A, B, C, D, E); strips numbering and "Ông/Bà/ThS." prefixes."""
    out: list[str] = []
    for part in _SEPARATORS.split(text or ""):
        name = clean(_NUMBERING.sub("", clean(part)))
        name = clean(_TITLES.sub("", name))
        name = name.strip(" .-")
        if name and fold_key(name) not in {fold_key(n) for n in out}:
            out.append(name)
    return tuple(out)


def _keys(pairs: Iterable[tuple[str, Iterable[str]]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for code, texts in pairs:
        for text in (code, *texts):
            key = fold_key(text)
            if key:
                out.setdefault(key, code)
                out.setdefault(key.replace(" ", ""), code)
    return out


def _lookup(text: str, keys: Mapping[str, str], prefixes: Sequence[str] = ()) -> str | None:
    key = fold_key(text)
    for prefix in prefixes:
        if key.startswith(prefix + " "):
            key = key[len(prefix) + 1 :]
    if not key:
        return None
    return keys.get(key) or keys.get(key.replace(" ", ""))


def _table_keys(codes: CodeTables, name: str, extra: Mapping[str, Sequence[str]]) -> dict[str, str]:
    entries = codes.tables.get(name, ())
    return _keys(
        (
            e.code,
            (e.name, *[str(s) for s in e.extra.get("synonyms", [])], *extra.get(e.code, ())),
        )
        for e in entries
    )


_AWARD_TYPE_WORDS: Final = {
    "CONG_TRANG": ("công trạng", "thường xuyên", "khen công trạng", "tổng kết năm", "năm"),
    "CHUYEN_DE": ("chuyên đề", "theo chuyên đề", "phong trào chuyên đề", "thi đua chuyên đề"),
    "DOT_XUAT": ("đột xuất", "khen đột xuất"),
    "CONG_HIEN": ("cống hiến", "quá trình cống hiến", "quá trình công tác"),
    "NIEN_HAN": ("niên hạn",),
    "DOI_NGOAI": ("đối ngoại",),
    "KHANG_CHIEN": ("kháng chiến",),
}


def match_award_type(text: str, codes: CodeTables) -> str | None:
    """ "đột xuất", "Khen thưởng chuyên đề", "CONG_HIEN"... -> award type code, or None."""
    keys = _table_keys(codes, "award_types", _AWARD_TYPE_WORDS)
    return _lookup(text, keys, ("khen thuong", "loai hinh"))


_SCOPE_WORDS: Final = {
    "PV_CO_SO": ("cơ sở", "co so", "sở", "cấp sở", "đơn vị"),
    "PV_TINH": ("tỉnh", "cấp tỉnh", "thành phố"),
    "PV_BO": ("bộ", "cấp bộ", "ngành", "bộ, ngành"),
    "PV_TOAN_QUOC": ("toàn quốc", "quốc gia", "nhà nước", "cấp nhà nước"),
}


def match_scope(text: str, codes: CodeTables) -> str | None:
    keys = _table_keys(codes, "initiative_scopes", _SCOPE_WORDS)
    return _lookup(text, keys, ("pham vi", "cap"))


_KIND_WORDS: Final = {
    "SANG_KIEN": ("sáng kiến", "SK", "sáng kiến kinh nghiệm", "giải pháp"),
    "DE_TAI": ("đề tài", "đề tài khoa học", "đề tài nghiên cứu", "đề tài NCKH", "ĐT"),
    "DE_AN": ("đề án",),
    "CONG_TRINH": ("công trình", "công trình khoa học"),
}


def match_initiative_kind(text: str, codes: CodeTables) -> str | None:
    keys = _table_keys(codes, "initiative_kinds", _KIND_WORDS)
    return _lookup(text, keys, ())


def _match_grade(text: str, codes: CodeTables) -> str | None:
    return _lookup(text, _table_keys(codes, "grades", {}), ("xep loai",))


def match_title(text: str, catalogue: Catalogue) -> str | None:
    """Catalogue code from a code, full name, short form or synonym ("LĐTT", "BK UBND tỉnh").
    Names with their issuer ("Bằng khen của Chủ tịch UBND tỉnh") and the province's names:
    :func:`app.domain.award_names.resolve_award_name`."""
    return match_catalogue(text, catalogue)


_DECISION_WITH_DATE: Final = re.compile(
    r"^(?P<number>.*?)[\s,;]*(?:ngày|ngay)\s+(?P<date>\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4})\s*$",
    re.IGNORECASE,
)


def split_decision(text: str) -> tuple[str, date | None]:
    """ "123/QĐ-UBND ngày 12/3/2023" -> ("123/QĐ-UBND", 2023-03-12); otherwise (text, None)."""
    m = _DECISION_WITH_DATE.match(clean(text))
    if m is None:
        return clean(text), None
    try:
        day = parse_date(m.group("date"))
    except ValueError:
        return clean(text), None
    number = re.sub(
        r"^(?:quyết định|qđ|quyet dinh|qd)\s*(?:số|so)?\s*", "", m.group("number"), flags=re.I
    )
    return clean(number).rstrip(" ,;"), day


# ---------------------------------------------------------------------------
# Reading rows
# ---------------------------------------------------------------------------


class _Ref(Protocol):
    @property
    def letter(self) -> str: ...
    @property
    def header(self) -> str: ...


class _Cell(Protocol):
    @property
    def value(self) -> object: ...
    @property
    def text(self) -> str: ...


class _Row(Protocol):
    @property
    def row(self) -> int: ...
    @property
    def cells(self) -> Mapping[str, _Cell]: ...


class _Skipped(Protocol):
    @property
    def row(self) -> int: ...
    @property
    def reason(self) -> str: ...


class _Table(Protocol):
    @property
    def file(self) -> Path: ...
    @property
    def sheet(self) -> str: ...
    @property
    def header_rows(self) -> tuple[int, ...]: ...
    @property
    def columns(self) -> Mapping[str, _Ref]: ...
    @property
    def rows(self) -> Sequence[_Row]: ...
    @property
    def issues(self) -> Sequence[CellIssue]: ...
    @property
    def skipped(self) -> Sequence[_Skipped]: ...
    @property
    def warnings(self) -> Sequence[str]: ...
    @property
    def preamble(self) -> Sequence[str]: ...
    @property
    def conversions(self) -> Sequence[TextConversion]: ...


# Longest text stored from a field: the length of its database column (issue 7).
_MAX_CHARS: Final = {"unit": 255, "authority": 255, "recognized_by": 255}
_MAX_DECISION_NUMBER: Final = 60


class _Reader:
    def __init__(self, table: _Table, row: _Row, spec: TableSpec) -> None:
        self.table, self.row, self.spec = table, row, spec
        self.issues: list[CellIssue] = []
        for name, limit in _MAX_CHARS.items():
            if name in table.columns and len(self.text(name)) > limit:
                self.issue(name, f"Dài quá {limit} ký tự ({len(self.text(name))} ký tự)")

    def decision_number(self) -> tuple[str, date | None]:
        """The decision number cell split by :func:`split_decision`, length checked."""
        number, day = split_decision(self.text("decision_number"))
        if len(number) > _MAX_DECISION_NUMBER:
            self.issue(
                "decision_number",
                f"Số quyết định dài quá {_MAX_DECISION_NUMBER} ký tự ({len(number)} ký tự)",
            )
        return number, day

    def value(self, name: str) -> object:
        cell = self.row.cells.get(name)
        value = None if cell is None else cell.value
        if isinstance(value, str) and not clean(value):
            return None
        return value

    def text(self, name: str) -> str:
        cell = self.row.cells.get(name)
        return "" if cell is None else clean(cell.text)

    def header(self, name: str) -> str:
        """The sheet's own header of field ``name`` (the field's Vietnamese label if absent)."""
        ref = self.table.columns.get(name)
        return ref.header if ref is not None else self.spec.label(name)

    def issue(self, name: str, message: str) -> None:
        ref = self.table.columns.get(name)
        column = ref.letter if ref is not None else ""
        header = ref.header if ref is not None else self.spec.label(name)
        self.issues.append(CellIssue(self.row.row, column, name, header, message))

    def date(self, name: str) -> date | None:
        value = self.value(name)
        if value is None:
            return None
        try:
            day, year = parse_date_or_year(value)
        except ValueError as exc:
            self.issue(name, str(exc))
            return None
        if day is None and year is not None:
            self.issue(name, f"Chỉ có năm {year}, cần ngày đầy đủ dạng dd/mm/yyyy")
        return day


_Build = Callable[[_Reader], RowT | None]


def _parse(
    path: str | Path,
    spec: TableSpec,
    build: Callable[[_Reader], RowT | None],
    *,
    sheet: str | None,
    mapping: Mapping[str, str | None] | None,
    header_row: int | None,
    detect: Callable[[_Table], bool] | None = None,
    prepare: Callable[[OpenedWorkbook, _Table], None] | None = None,
    convert_legacy: bool = False,
) -> HistoryParse[RowT]:
    """Read the table and build the rows. ``prepare`` reads what else the rows need from the
    same workbook (its code sheets) while it is open: the file is opened once."""
    book = open_workbook(path)
    try:
        table: _Table = read_opened(
            book,
            spec,
            sheet=sheet,
            mapping=mapping,
            header_row=header_row,
            convert_legacy=convert_legacy,
        )
        if prepare is not None:
            prepare(book, table)
    finally:
        book.close()
    proposal_list = detect(table) if detect is not None else False
    rows: list[RowT] = []
    issues: list[CellIssue] = list(table.issues)
    for trow in table.rows:
        reader = _Reader(table, trow, spec)
        built = build(reader)
        if built is not None:
            rows.append(built)
        issues.extend(reader.issues)
    issues.sort(key=lambda i: (i.row, i.column))
    return HistoryParse(
        file=str(table.file),
        sheet=table.sheet,
        header_rows=tuple(table.header_rows),
        columns={name: ref.letter for name, ref in table.columns.items()},
        headers={name: ref.header for name, ref in table.columns.items()},
        rows=tuple(rows),
        issues=tuple(issues),
        skipped=tuple((s.row, s.reason) for s in table.skipped),
        warnings=tuple(table.warnings),
        proposal_list=proposal_list,
        conversions=tuple(table.conversions),
    )


_SUBJECT_WORDS: Final = {
    CA_NHAN: {"ca nhan", "cn", "c n", "canhan"},
    TAP_THE: {"tap the", "tt", "t t", "tapthe", "don vi"},
    HO_GIA_DINH: {"ho gia dinh", "hgd", "hogiadinh", "gia dinh", "ho"},
}


def match_subject(text: str) -> str | None:
    """ "Cá nhân", "Khen thưởng tập thể", "HOGIADINH", "HGĐ"... -> CA_NHAN / TAP_THE /
    HO_GIA_DINH, or None."""
    key = fold_key(text)
    for prefix in ("khen thuong ", "doi tuong "):
        if key.startswith(prefix):
            key = key[len(prefix) :]
    for code, words in _SUBJECT_WORDS.items():
        if key in words or key.replace(" ", "") in words:
            return code
    return None


_SUBJECT_NAMES: Final = {CA_NHAN: "cá nhân", TAP_THE: "tập thể", HO_GIA_DINH: "hộ gia đình"}


def _subject(reader: _Reader) -> str | None:
    text = reader.text("subject")
    if not text:
        return None
    found = match_subject(text)
    if found is None:
        reader.issue(
            "subject",
            f"Không rõ cá nhân, tập thể hay hộ gia đình: '{text}' (ghi 'Cá nhân', 'Tập thể' "
            "hoặc 'Hộ gia đình')",
        )
    return found


_PROPOSAL_TITLE: Final = re.compile(r"\bdanh sach\b.*\bde nghi\b")


def _is_proposal_list(table: _Table) -> bool:
    """A nomination list: a title "DANH SÁCH (...) ĐỀ NGHỊ (KHEN THƯỞNG)" above the header, or
    the province's upload layout (sheet "file nhận"; a name column for collectives, individuals
    and households with a "Phân loại khen thưởng" column)."""
    if any(_PROPOSAL_TITLE.search(fold(line)) for line in table.preamble):
        return True
    if fold_key(table.sheet) == "file nhan":
        return True
    name = table.columns.get("name")
    subject = table.columns.get("subject")
    return (
        name is not None
        and subject is not None
        and "ho gia dinh" in fold_key(name.header)
        and fold_key(subject.header) == "phan loai khen thuong"
    )


PROPOSAL_WITHOUT_DECISION: Final = "Đây là danh sách đề nghị, chưa có số quyết định"


def _award(
    r: _Reader,
    catalogue: Catalogue,
    province: ProvinceAwards | None,
    code_sheets: Mapping[str, CodeName],
) -> tuple[str | None, str, str]:
    """(catalogue code or None, the field it was read from, the award's text) of a row.

    Names are read with the issuer column; codes through the code sheets and ``province``;
    every problem is reported on its own column, in the clerk's words."""
    issuer = r.text("authority")
    issuer_ref = r.table.columns.get("authority")
    issuer_header = issuer_ref.header if issuer_ref is not None else None
    cells: list[AwardCell] = []
    for name in _AWARD_NAMES:
        text = r.text(name)
        if text:
            res = resolve_award_name(
                text, catalogue, issuer=issuer, issuer_header=issuer_header, province=province
            )
            cells.append(AwardCell(name, r.header(name), False, res))
    for name in _AWARD_CODES:
        value = r.value(name)
        if value is not None:
            res = resolve_award_code(
                value,
                catalogue,
                sheets=code_sheets,
                province=province,
                issuer=issuer,
                issuer_header=issuer_header,
            )
            cells.append(AwardCell(name, r.header(name), True, res))
    if not cells:
        r.issue("title", "Thiếu danh hiệu / hình thức khen thưởng")
        return None, "title", ""
    found = reconcile(cells, catalogue)
    for name, message in found.problems:
        r.issue(name, message)
    field = found.field or cells[0].field
    names = [c.resolution.text for c in cells if not c.is_code]
    if names:
        text = names[0]
    elif found.code is not None:
        text = catalogue.get(found.code).name
    else:
        text = cells[0].resolution.text
    return found.code, field, text


def parse_awards(
    path: str | Path,
    catalogue: Catalogue,
    codes: CodeTables,
    *,
    sheet: str | None = None,
    mapping: Mapping[str, str | None] | None = None,
    header_row: int | None = None,
    year: int | None = None,
    decision_number: str = "",
    decision_date: date | None = None,
    province: ProvinceAwards | None = None,
    convert_legacy: bool = False,
) -> HistoryParse[AwardRow]:
    """Read a list of past awards, one per row. ``year`` is used when a row has no year;
    ``decision_number`` and ``decision_date`` when a row has no decision number of its own.

    The award is read from the name columns ("Danh hiệu/hình thức", "Danh hiệu thi đua") with
    the issuer column ("Cấp khen", "Cơ quan quyết định") when the name is generic ("Bằng
    khen"), and from the code columns ("Mã danh hiệu thi đua") through the workbook's own code
    sheets (HTKT, DANHMUC) and ``province`` (``app.services.reference.province_awards()``);
    all must agree (:mod:`app.domain.award_names`).

    In a nomination list (:attr:`HistoryParse.proposal_list`) a row without a decision number
    is not an award: it gets the issue :data:`PROPOSAL_WITHOUT_DECISION`."""
    spec = award_spec()
    proposal = False
    code_sheets: dict[str, CodeName] = {}

    def build(r: _Reader) -> AwardRow | None:
        name = r.text("name")
        if not name:
            r.issue("name", "Thiếu họ tên / tên tập thể")
        subject = _subject(r)
        birth_date: date | None = None
        birth_year: int | None = None
        if r.value("birth") is not None:
            try:
                birth_date, birth_year = parse_date_or_year(r.value("birth"))
            except ValueError as exc:
                r.issue("birth", str(exc))
        first = last = None
        if r.value("year") is not None:
            try:
                first, last = parse_period(r.value("year"))
            except ValueError as exc:
                r.issue("year", str(exc))
        elif year is not None:
            first = last = year
        code, field, title_text = _award(r, catalogue, province, code_sheets)
        if code is not None and subject is not None:
            item = catalogue.get(code)
            if item.subjects and subject not in item.subjects:
                who = _SUBJECT_NAMES[subject]
                r.issue(field, f"'{item.name}' không dành cho {who}")
        award_type = "CONG_TRANG"
        if r.text("award_type"):
            found = match_award_type(r.text("award_type"), codes)
            if found is None:
                r.issue(
                    "award_type",
                    f"Không nhận ra loại hình khen thưởng: '{r.text('award_type')}' (công trạng, "
                    "chuyên đề, đột xuất, cống hiến, niên hạn, đối ngoại)",
                )
            else:
                award_type = found
        number, day = r.decision_number()
        decision_day = r.date("decision_date")
        if decision_day is None and r.value("decision_date") is None:
            decision_day = day
        if not number and decision_number:
            number, decision_day = clean(decision_number), decision_date
        elif not number and proposal:
            r.issue("decision_number", PROPOSAL_WITHOUT_DECISION)
        address, commune = r.text("address"), r.text("commune")
        if subject == HO_GIA_DINH:
            if not address and not commune:
                address = r.text("unit")
            if not address and not commune:
                r.issue(
                    "name",
                    "Thiếu địa chỉ hoặc xã, phường của hộ gia đình (để phân biệt các hộ cùng tên)",
                )
        if first is None and r.value("year") is None:
            if decision_day is not None:
                first = last = decision_day.year
            else:
                r.issue("year", "Thiếu năm / giai đoạn (và không có ngày quyết định để suy ra)")
        revocation, problems = read_revocation(
            r.text("revocation_number"),
            r.value("revocation_date"),
            r.value("revoked"),
            decision_day,
        )
        for field_name, message in problems.items():
            r.issue(field_name, message)
        return AwardRow(
            row=r.row.row,
            name=name,
            subject_kind=subject,
            birth_date=birth_date,
            birth_year=birth_year,
            staff_code=r.text("staff_code").upper() or None,
            unit_text=r.text("unit"),
            year=last,
            period_from_year=first,
            period_to_year=last,
            catalogue_code=code,
            title_text=title_text,
            award_type=award_type,
            decision_number=number,
            decision_date=decision_day,
            authority=r.text("authority"),
            note=r.text("note"),
            parent_text=r.text("parent") or (r.text("unit") if subject != HO_GIA_DINH else ""),
            address=address,
            commune=commune,
            revoked=revocation.revoked,
            revocation_number=revocation.number,
            revocation_date=revocation.day,
            initiatives=r.text("initiatives"),
        )

    def detect(table: _Table) -> bool:
        nonlocal proposal
        proposal = _is_proposal_list(table)
        return proposal

    def prepare(book: OpenedWorkbook, table: _Table) -> None:
        if any(name in table.columns for name in _AWARD_CODES):
            code_sheets.update(read_code_sheets(book, skip=(table.sheet,)))

    return _parse(
        path,
        spec,
        build,
        sheet=sheet,
        mapping=mapping,
        header_row=header_row,
        detect=detect,
        prepare=prepare,
        convert_legacy=convert_legacy,
    )


def parse_initiatives(
    path: str | Path,
    codes: CodeTables,
    *,
    sheet: str | None = None,
    mapping: Mapping[str, str | None] | None = None,
    header_row: int | None = None,
    year: int | None = None,
    convert_legacy: bool = False,
) -> HistoryParse[InitiativeRow]:
    """Read a list of recognised initiatives (and research topics)."""
    spec = initiative_spec()

    def build(r: _Reader) -> InitiativeRow | None:
        title = r.text("title")
        if not title:
            r.issue("title", "Thiếu tên đề tài / sáng kiến")
        authors = split_authors(r.text("authors"))
        if not authors:
            r.issue("authors", "Thiếu tên tác giả")
        number, day = r.decision_number()
        decision_date = r.date("decision_date")
        if decision_date is None and r.value("decision_date") is None:
            decision_date = day
        scope = "PV_CO_SO"
        if r.text("scope"):
            found = match_scope(r.text("scope"), codes)
            if found is None:
                r.issue(
                    "scope",
                    f"Không nhận ra phạm vi ảnh hưởng: '{r.text('scope')}' (cơ sở, tỉnh, bộ, "
                    "toàn quốc)",
                )
            else:
                scope = found
        kind = "SANG_KIEN"
        if r.text("kind"):
            found = match_initiative_kind(r.text("kind"), codes)
            if found is None:
                r.issue(
                    "kind",
                    f"Không nhận ra loại: '{r.text('kind')}' (sáng kiến, đề tài, đề án, công trình)",
                )
            else:
                kind = found
        the_year: int | None = None
        if r.value("year") is not None:
            try:
                _, the_year = parse_period(r.value("year"))
            except ValueError as exc:
                r.issue("year", str(exc))
        elif decision_date is not None:
            the_year = decision_date.year
        elif year is not None:
            the_year = year
        else:
            r.issue("decision_date", "Thiếu ngày công nhận (hoặc cột năm) để biết năm")
        if the_year is not None and decision_date is not None and decision_date.year < the_year:
            r.issue(
                "decision_date",
                f"Ngày công nhận {format_date(decision_date)} trước năm {the_year}",
            )
        return InitiativeRow(
            row=r.row.row,
            title=title,
            authors=authors,
            unit_text=r.text("unit"),
            agency_text=r.text("agency"),
            decision_number=number,
            decision_date=decision_date,
            recognized_by=r.text("recognized_by"),
            summary=r.text("summary"),
            scope=scope,
            kind=kind,
            year=the_year,
        )

    return _parse(
        path,
        spec,
        build,
        sheet=sheet,
        mapping=mapping,
        header_row=header_row,
        convert_legacy=convert_legacy,
    )


def parse_unit_grades(
    path: str | Path,
    codes: CodeTables,
    *,
    year: int | None = None,
    sheet: str | None = None,
    mapping: Mapping[str, str | None] | None = None,
    header_row: int | None = None,
    convert_legacy: bool = False,
) -> HistoryParse[UnitGradeRow]:
    """Read collective grades: unit name, year (or ``year``), grade."""
    if year is not None and not 1900 <= year <= 2100:
        raise ValueError(f"Năm xếp loại không hợp lệ: {year}")
    spec = unit_grade_spec()

    def build(r: _Reader) -> UnitGradeRow | None:
        unit = r.text("unit")
        if not unit:
            r.issue("unit", "Thiếu tên đơn vị")
        the_year = year
        if r.value("year") is not None:
            try:
                first, last = parse_period(r.value("year"))
                if first != last:
                    raise ValueError(
                        f"Xếp loại là của một năm, không phải giai đoạn: '{r.text('year')}'"
                    )
                the_year = first
            except ValueError as exc:
                r.issue("year", str(exc))
                the_year = None
        elif the_year is None:
            r.issue("year", "Thiếu năm xếp loại (thêm cột 'Năm' hoặc dùng --year)")
        grade_text = r.text("grade")
        grade: str | None = None
        if not grade_text:
            r.issue("grade", "Thiếu xếp loại")
        else:
            grade = _match_grade(grade_text, codes)
            if grade is None:
                r.issue(
                    "grade",
                    f"Không nhận ra xếp loại: '{grade_text}' (ghi HTXSNV, HTTNV, HTNV, KHTNV "
                    "hoặc tên đầy đủ)",
                )
        return UnitGradeRow(
            row=r.row.row,
            unit_text=unit,
            year=the_year,
            grade=grade,
            grade_text=grade_text,
            note=r.text("note"),
            parent_text=r.text("parent"),
        )

    return _parse(
        path,
        spec,
        build,
        sheet=sheet,
        mapping=mapping,
        header_row=header_row,
        convert_legacy=convert_legacy,
    )
