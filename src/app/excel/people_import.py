"""Parsing of staff lists, yearly grades and discipline records sent as Excel files.

The parsing half of issue 3: these functions read a workbook, recognise its columns
(:mod:`app.excel.table`) and return one frozen dataclass per data row plus the problems
found, cell by cell, in Vietnamese. They do not look anything up in the database: matching
people and units and writing is the job of the services, which decide what to do with
invalid rows (refuse the file, or skip the rows the clerk agrees to skip).

- :func:`parse_staff` -> :class:`ParseResult` of :class:`StaffRow`
- :func:`parse_grades` -> :class:`ParseResult` of :class:`GradeRow`
- :func:`parse_discipline` -> :class:`ParseResult` of :class:`DisciplineRow`

The code tables (grades, discipline kinds, person categories, unit kinds) come in as a
:class:`~app.domain.catalogue.CodeTables`; callers pass ``app.services.reference.codes()``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Final, Generic, TypedDict, TypeVar

from app.domain.catalogue import CodeEntry, CodeTables
from app.domain.codes import Gender, Grade
from app.domain.vnformat import format_date, parse_date_or_year
from app.domain.vntext import clean, fold, fold_key, join_name, split_full_name
from app.excel.table import (
    CellIssue,
    ColumnRef,
    FieldSpec,
    SkippedRow,
    Table,
    TableRow,
    TableSpec,
    read_table,
)
from app.excel.workbook import (
    DEFAULT_MAX_COMPRESSION_RATIO,
    DEFAULT_MAX_UNCOMPRESSED_BYTES,
    ImportFileError,
)

__all__ = [
    "DisciplineRow",
    "GradeRow",
    "ImportFileError",
    "ParseResult",
    "PersonFields",
    "StaffRow",
    "discipline_spec",
    "grade_spec",
    "match_discipline_kind",
    "match_grade",
    "parse_discipline",
    "parse_grades",
    "parse_staff",
    "staff_spec",
]

# ---------------------------------------------------------------------------
# Rows and result
# ---------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class PersonFields:
    """Identity columns shared by every people import. Empty text is ``""``.

    - ``full_name`` is cleaned (NFC); ``ho_dem``/``ten`` come from the two name columns
      when the file has them, else from splitting the full name on its last word.
    - ``gender``: "NAM", "NU" or ``None``.
    - ``birth_date`` is ``None`` when only the year is known; ``birth_year`` is then set.
    - ``unit_text``: the unit column (phòng ban), or else the current section title of the
      list ("I. Phòng Kế hoạch - Tài chính" -> "Phòng Kế hoạch - Tài chính").
    - ``agency_text``: the agency column when the file has one ("Tên đơn vị/tập thể công tác").
    - ``section``: the section title the row sits under, if any.
    - ``citizen_id``: digits only (9 or 12), ``None`` when empty or invalid.
    """

    row: int
    full_name: str
    ho_dem: str
    ten: str
    gender: str | None = None
    birth_date: date | None = None
    birth_year: int | None = None
    position_title: str = ""
    unit_text: str = ""
    agency_text: str = ""
    section: str | None = None
    staff_code: str | None = None
    citizen_id: str | None = None
    note: str = ""


@dataclass(frozen=True, kw_only=True)
class StaffRow(PersonFields):
    subject_category: str | None = None  # a person_categories code (LD_VU_SO, TRUC_TIEP...)


@dataclass(frozen=True, kw_only=True)
class GradeRow(PersonFields):
    year: int
    grade: str | None  # a grades code (HTXSNV ... KXL), None if unreadable
    grade_text: str  # as written in the file
    months_worked: int | None = None


@dataclass(frozen=True, kw_only=True)
class DisciplineRow(PersonFields):
    kind: str | None  # a discipline_kinds code, None if unreadable
    kind_text: str  # as written in the file
    start_date: date | None
    end_date: date | None = None
    decision_number: str = ""
    decision_date: date | None = None
    reason: str = ""


RowT = TypeVar("RowT", bound=PersonFields)


@dataclass(frozen=True)
class ParseResult(Generic[RowT]):
    """What a parser found in a file. A row with any issue is invalid; the caller decides
    whether to refuse the whole file or import only :attr:`valid_rows`."""

    file: Path
    sheet: str
    header_rows: tuple[int, ...]
    column_map: Mapping[str, ColumnRef]
    confident: bool
    rows: tuple[RowT, ...]
    issues: tuple[CellIssue, ...]
    skipped: tuple[SkippedRow, ...]
    warnings: tuple[str, ...] = ()

    @property
    def invalid_row_numbers(self) -> tuple[int, ...]:
        return tuple(sorted({issue.row for issue in self.issues}))

    @property
    def valid_rows(self) -> tuple[RowT, ...]:
        bad = set(self.invalid_row_numbers)
        return tuple(r for r in self.rows if r.row not in bad)

    @property
    def is_valid(self) -> bool:
        """True when every row is valid (there may be no rows at all)."""
        return not self.issues

    def issues_for(self, row: int) -> tuple[CellIssue, ...]:
        return tuple(issue for issue in self.issues if issue.row == row)


# ---------------------------------------------------------------------------
# Specs
# ---------------------------------------------------------------------------

_IDENTITY_FIELDS: Final = (
    FieldSpec(
        "full_name",
        "Họ và tên",
        (
            "Họ và tên",
            "Họ tên",
            "Họ và tên cán bộ",
            "Họ tên cán bộ",
            "Họ và tên cán bộ, công chức",
            "Họ và tên cán bộ, công chức, viên chức",
            "Họ và tên công chức, viên chức",
            "Họ và tên người lao động",
            "Tên cán bộ",
            "Tên cá nhân",
            "Tên tập thể/cá nhân/hộ gia đình",
            "Tên cá nhân/tập thể",
        ),
        required=True,
    ),
    FieldSpec(
        "ho_dem",
        "Họ, tên đệm",
        ("Họ, tên đệm", "Họ và tên đệm", "Họ tên đệm", "Họ đệm", "Họ và đệm", "Họ", "Họ lót"),
    ),
    FieldSpec("ten", "Tên", ("Tên", "Tên gọi chính"), exact_only=True),
    FieldSpec(
        "gender",
        "Giới tính",
        ("Giới tính", "Giới", "Phái", "Nam/Nữ", "Giới tính (Nam/Nữ)"),
        exact_only=True,
    ),
    FieldSpec("male", "Nam", ("Nam",), accent_sensitive=True),
    FieldSpec("female", "Nữ", ("Nữ",), accent_sensitive=True),
    FieldSpec(
        "birth",
        "Ngày sinh",
        (
            "Ngày sinh",
            "Ngày, tháng, năm sinh",
            "Ngày tháng năm sinh",
            "Năm sinh",
            "Sinh ngày",
            "Ngày/tháng/năm sinh",
            "Ngày sinh (dd/mm/yyyy)",
        ),
    ),
    FieldSpec(
        "position",
        "Chức vụ",
        (
            "Chức vụ",
            "Chức danh",
            "Chức vụ, chức danh",
            "Chức vụ/chức danh",
            "Chức vụ hiện tại",
            "Chức vụ hiện nay",
            "Chức vụ, đơn vị công tác",
        ),
    ),
    FieldSpec(
        "unit",
        "Đơn vị",
        (
            "Đơn vị",
            "Đơn vị công tác",
            "Phòng ban",
            "Phòng, ban",
            "Tên phòng ban",
            "Phòng ban làm việc",
            "Phòng ban công tác",
            "Phòng, đơn vị",
            "Phòng ban, đơn vị",
            "Bộ phận",
            "Bộ phận công tác",
            "Đơn vị trực thuộc",
            "Khoa, phòng",
        ),
    ),
    FieldSpec(
        "agency",
        "Cơ quan",
        (
            "Cơ quan",
            "Cơ quan công tác",
            "Tên cơ quan",
            "Tên cơ quan làm việc",
            "Tên đơn vị/tập thể công tác",
            "Cơ quan, đơn vị",
        ),
    ),
    FieldSpec(
        "staff_code",
        "Mã cán bộ",
        (
            "Mã cán bộ",
            "Mã CB",
            "Mã số cán bộ",
            "Mã CBCCVC",
            "Mã nhân viên",
            "Mã NV",
            "Mã công chức",
            "Mã viên chức",
            "Mã định danh cán bộ",
            "Mã số",
            "Mã",
        ),
    ),
    FieldSpec(
        "citizen_id",
        "Số CCCD",
        (
            "CCCD",
            "Số CCCD",
            "CMND",
            "Số CMND",
            "CCCD/CMND",
            "CMND/CCCD",
            "Số CCCD/CMND",
            "Số CMND/CCCD",
            "Số định danh",
            "Số định danh cá nhân",
            "Mã định danh",
            "Mã định danh cá nhân",
            "Căn cước công dân",
            "Số căn cước công dân",
            "Số căn cước",
            "Căn cước",
            "Chứng minh nhân dân",
            "Số chứng minh nhân dân",
        ),
    ),
    FieldSpec("note", "Ghi chú", ("Ghi chú", "Ghi chu", "Chú thích")),
    FieldSpec(
        "salutation",
        "Tên gọi (Ông/Bà)",
        ("Tên gọi", "Danh xưng", "Ông/Bà", "Tên gọi (Ông/Bà/Chức danh)", "Tên gọi (Ông/Bà)"),
    ),
)

_SECTION_WORDS: Final = (
    "Khối",
    "Tổ",
    "Bộ phận",
    "Lãnh đạo",
    "Ban Giám đốc",
    "Văn phòng",
    "Thanh tra",
    "Phòng",
    "Chi cục",
    "Trung tâm",
    "Ban quản lý",
    "Hạt",
    "Đội",
    "Trạm",
    "Chi nhánh",
)


def _section_words(codes: CodeTables) -> tuple[str, ...]:
    extra = tuple(e.name for e in codes.tables.get("unit_kinds", ()) if e.code != "KHAC")
    return tuple(dict.fromkeys((*_SECTION_WORDS, *extra)))


def _spec(codes: CodeTables, extra: tuple[FieldSpec, ...]) -> TableSpec:
    return TableSpec(
        fields=(*_IDENTITY_FIELDS, *extra),
        anchor="full_name",
        alternatives={"full_name": ("ho_dem", "ten")},
        section_words=_section_words(codes),
    )


def staff_spec(codes: CodeTables) -> TableSpec:
    """Columns of a staff list (for the import wizard: field names and labels)."""
    return _spec(
        codes,
        (
            FieldSpec(
                "subject_category",
                "Phân loại đối tượng",
                ("Phân loại đối tượng", "Phân loại cán bộ", "Đối tượng", "Phân loại"),
            ),
        ),
    )


def grade_spec(codes: CodeTables) -> TableSpec:
    """Columns of a yearly grade list."""
    return _spec(
        codes,
        (
            FieldSpec(
                "grade",
                "Xếp loại",
                (
                    "Xếp loại",
                    "Kết quả đánh giá",
                    "Mức xếp loại",
                    "Kết quả xếp loại",
                    "Xếp loại chất lượng",
                    "Kết quả xếp loại chất lượng",
                    "Kết quả đánh giá, xếp loại",
                    "Kết quả đánh giá xếp loại chất lượng",
                    "Đánh giá, xếp loại",
                    "Mức độ hoàn thành nhiệm vụ",
                    "Mức xếp loại chất lượng",
                ),
                required=True,
            ),
            FieldSpec(
                "months",
                "Số tháng công tác",
                (
                    "Số tháng công tác",
                    "Số tháng làm việc",
                    "Số tháng công tác trong năm",
                    "Số tháng",
                    "Thời gian công tác trong năm (tháng)",
                ),
            ),
        ),
    )


def discipline_spec(codes: CodeTables) -> TableSpec:
    """Columns of a discipline list."""
    return _spec(
        codes,
        (
            FieldSpec(
                "kind",
                "Hình thức kỷ luật",
                (
                    "Hình thức kỷ luật",
                    "Hình thức",
                    "Kỷ luật",
                    "Hình thức xử lý",
                    "Hình thức xử lý kỷ luật",
                    "Loại kỷ luật",
                    "Mức kỷ luật",
                ),
                required=True,
            ),
            FieldSpec(
                "start_date",
                "Từ ngày",
                (
                    "Từ ngày",
                    "Ngày bắt đầu",
                    "Ngày hiệu lực",
                    "Có hiệu lực từ ngày",
                    "Thời gian bắt đầu",
                    "Ngày kỷ luật",
                    "Bắt đầu",
                    "Thời điểm bắt đầu",
                ),
                required=True,
            ),
            FieldSpec(
                "end_date",
                "Đến ngày",
                (
                    "Đến ngày",
                    "Ngày kết thúc",
                    "Thời gian kết thúc",
                    "Ngày hết hiệu lực",
                    "Hết hiệu lực",
                    "Ngày hết hạn",
                    "Kết thúc",
                    "Thời điểm kết thúc",
                ),
            ),
            FieldSpec(
                "decision_number",
                "Số quyết định",
                (
                    "Số quyết định",
                    "Số QĐ",
                    "Quyết định số",
                    "Số, ký hiệu quyết định",
                    "Số hiệu quyết định",
                    "Số, ngày quyết định",
                    "Quyết định",
                ),
            ),
            FieldSpec(
                "decision_date",
                "Ngày quyết định",
                ("Ngày quyết định", "Ngày QĐ", "Ngày ký quyết định", "Ngày ký"),
            ),
            FieldSpec(
                "reason",
                "Lý do",
                ("Lý do", "Lý do kỷ luật", "Nội dung vi phạm", "Hành vi vi phạm"),
            ),
        ),
    )


# ---------------------------------------------------------------------------
# Code matching
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Key:
    key: str
    compact: str
    words: int
    code: str


def _keys(entries: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[_Key, ...]:
    out: list[_Key] = []
    for code, texts in entries:
        for text in texts:
            key = fold_key(text)
            if key:
                out.append(_Key(key, key.replace(" ", ""), len(key.split()), code))
    # Longest and most specific first: "khong hoan thanh nhiem vu" before "hoan thanh...".
    out.sort(key=lambda k: (-k.words, -len(k.key)))
    return tuple(out)


def _synonyms(entry: CodeEntry) -> tuple[str, ...]:
    raw = entry.extra.get("synonyms", ())
    syns = tuple(str(s) for s in raw) if isinstance(raw, list | tuple) else ()
    return (entry.code, entry.name, *syns)


def _match(text: str, keys: tuple[_Key, ...], *, contains: bool) -> str | None:
    key = fold_key(text)
    if not key:
        return None
    compact = key.replace(" ", "")
    for k in keys:
        if k.key == key or k.compact == compact:
            return k.code
    for k in keys:
        if k.words >= 2 and key.startswith(k.key + " "):
            return k.code
    if contains:
        for k in keys:
            if k.words >= 2 and f" {k.key} " in f" {key} ":
                return k.code
    return None


def _grade_keys(codes: CodeTables) -> tuple[_Key, ...]:
    return _keys(tuple((e.code, _synonyms(e)) for e in codes.table("grades")))


def match_grade(text: str, codes: CodeTables) -> str | None:
    """Grade code from full words or abbreviations ("HTXSNV", "Hoàn thành tốt nhiệm vụ",
    "HTXS", "Không hoàn thành nhiệm vụ" -> KHTNV), or ``None``.

    Exact matches (ignoring case, diacritics, spaces and punctuation) first; then the longest
    known wording that starts the text ("Hoàn thành xuất sắc nhiệm vụ (Đảng viên)").
    """
    return _match(text, _grade_keys(codes), contains=False)


# Wordings seen in practice, added to the names of the code table (only for codes it has).
_DISCIPLINE_ALIASES: Final[Mapping[str, tuple[str, ...]]] = {
    "HA_BAC_LUONG": ("Hạ một bậc lương", "Hạ bậc"),
    "BUOC_THOI_VIEC": ("Thôi việc",),
    "XEM_XET_KY_LUAT": (
        "Xem xét kỷ luật",
        "Đang xem xét xử lý kỷ luật",
        "Xem xét xử lý kỷ luật",
        "Đang bị xem xét kỷ luật",
    ),
    "DIEU_TRA": ("Đang bị điều tra", "Điều tra", "Đang bị thanh tra", "Đang bị kiểm tra"),
    "KHIEU_NAI_TO_CAO": ("Khiếu nại", "Tố cáo", "Khiếu nại, tố cáo"),
}


def match_discipline_kind(text: str, codes: CodeTables) -> str | None:
    """Discipline kind code from its name ("Cảnh cáo", "Kỷ luật khiển trách", "Đang xem xét
    kỷ luật"...), or ``None``. Longest wording first."""
    return _match(text, _discipline_keys(codes), contains=True)


def _discipline_keys(codes: CodeTables) -> tuple[_Key, ...]:
    entries = tuple(
        (e.code, (*_synonyms(e), *_DISCIPLINE_ALIASES.get(e.code, ())))
        for e in codes.table("discipline_kinds")
    )
    return _keys(entries)


# Variant wording of the statistics forms (domain.md §10).
_CATEGORY_ALIASES: Final[Mapping[str, tuple[str, ...]]] = {
    "LD_PHO_PHONG": ("Các cấp lãnh đạo khác", "Lãnh đạo từ phó phòng trở lên"),
    "TRUC_TIEP": ("Người trực tiếp", "Trực tiếp"),
}


def _category_keys(codes: CodeTables) -> tuple[_Key, ...]:
    entries = tuple(
        (e.code, (*_synonyms(e), *_CATEGORY_ALIASES.get(e.code, ())))
        for e in codes.tables.get("person_categories", ())
    )
    return _keys(entries)


# ---------------------------------------------------------------------------
# Reading one row
# ---------------------------------------------------------------------------

_MARKS: Final = frozenset({"x", "v", "✓", "✔", "√", "+", "*", "1", "co"})
_CITIZEN_SEPARATORS: Final = re.compile(r"[\s.\-']")
_MONTHS: Final = re.compile(r"^(\d{1,2})(?:[.,]0+)?(?: thang)?$")
_MIN_AGE: Final = 15


class _RowReader:
    """Reads typed values from a :class:`TableRow` and collects issues."""

    def __init__(self, table: Table, row: TableRow, spec: TableSpec) -> None:
        self.table = table
        self.row = row
        self.spec = spec
        self.issues: list[CellIssue] = []
        self.bad_name = False

    def has(self, name: str) -> bool:
        return name in self.table.columns

    def issue(self, name: str, message: str) -> None:
        ref = self.table.columns.get(name)
        column = ref.letter if ref else ""
        header = ref.header if ref else self.spec.label(name)
        self.issues.append(CellIssue(self.row.row, column, name, header, message))

    def value(self, name: str) -> object:
        return self.row.value(name)

    def text(self, name: str) -> str:
        return self.row.text(name)

    def name_text(self, name: str) -> str:
        value = self.value(name)
        if value is None:
            return ""
        if not isinstance(value, str):
            self.issue(name, f"Họ tên không hợp lệ: '{self.text(name)}'")
            self.bad_name = True
            return ""
        if any(ch.isdigit() for ch in value):
            self.issue(name, f"Họ tên có chữ số: '{value}'")
        return value

    def date(self, name: str, *, required_label: str | None = None) -> date | None:
        value = self.value(name)
        if value is None:
            if required_label:
                self.issue(name, f"Thiếu {required_label}")
            return None
        try:
            day, year = parse_date_or_year(value)
        except ValueError as exc:
            self.issue(name, str(exc))
            return None
        if day is None and year is not None:
            self.issue(name, f"Chỉ có năm {year}, cần ngày đầy đủ dạng dd/mm/yyyy")
        return day


def _gender_from_text(text: str) -> str | None:
    key = fold(text).rstrip(".")
    if key in {"nam", "ong", "male", "m"}:
        return Gender.NAM.value
    if key in {"nu", "ba", "female", "f"}:
        return Gender.NU.value
    return None


def _is_mark(value: object) -> bool:
    if value is True:
        return True
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value == 1
    return isinstance(value, str) and fold(value) in _MARKS


def _citizen_id(reader: _RowReader) -> str | None:
    value = reader.value("citizen_id")
    if value is None:
        return None
    digits: str
    if isinstance(value, bool):
        digits = ""
    elif isinstance(value, int | float | Decimal):
        if value != int(value) or value < 0:
            reader.issue("citizen_id", f"Số CCCD/CMND không hợp lệ: '{reader.text('citizen_id')}'")
            return None
        digits = str(int(value))
        # Typed as a number, Excel dropped the leading zeros (CCCD starts with 0xx).
        if len(digits) in (10, 11):
            digits = digits.zfill(12)
        elif len(digits) == 8:
            digits = digits.zfill(9)
    elif isinstance(value, str):
        digits = _CITIZEN_SEPARATORS.sub("", value)
    else:
        digits = ""
    if not digits.isdigit() or not digits.isascii():
        reader.issue("citizen_id", f"Số CCCD/CMND chỉ gồm chữ số: '{reader.text('citizen_id')}'")
        return None
    if len(digits) not in (9, 12):
        reader.issue(
            "citizen_id",
            f"Số CCCD/CMND phải có 9 hoặc 12 chữ số: '{reader.text('citizen_id')}' "
            f"({len(digits)} chữ số)",
        )
        return None
    return digits


def _code_text(reader: _RowReader, name: str) -> str | None:
    value = reader.value(name)
    if value is None:
        return None
    return reader.text(name) or None


def _birth(reader: _RowReader, today: date) -> tuple[date | None, int | None, str | None]:
    """(birth date, birth year, gender from the Nam/Nữ columns)."""
    birth_date: date | None = None
    birth_year: int | None = None
    col_gender: str | None = None
    if reader.value("birth") is not None:
        try:
            birth_date, birth_year = parse_date_or_year(reader.value("birth"))
        except ValueError as exc:
            reader.issue("birth", str(exc))
    male, female = reader.value("male"), reader.value("female")
    if male is not None and female is not None:
        reader.issue("female", "Cả cột Nam và cột Nữ đều có giá trị: chỉ ghi ở một cột")
    for name, gender, value in (("male", "NAM", male), ("female", "NU", female)):
        if value is None or col_gender is not None:
            continue
        col_gender = gender
        if _is_mark(value):
            continue
        try:
            day, year = parse_date_or_year(value)
        except ValueError as exc:
            reader.issue(name, str(exc))
            continue
        if birth_year is None:
            birth_date, birth_year = day, year
    if birth_year is not None:
        name = (
            "birth"
            if reader.value("birth") is not None
            else ("male" if male is not None else "female")
        )
        if birth_date is not None and birth_date > today:
            reader.issue(name, f"Ngày sinh {format_date(birth_date)} ở tương lai")
        elif birth_year > today.year - _MIN_AGE or birth_year < 1900:
            reader.issue(name, f"Năm sinh {birth_year} không hợp lý")
    return birth_date, birth_year, col_gender


def _gender(reader: _RowReader, from_columns: str | None) -> str | None:
    gender: str | None = None
    if reader.value("gender") is not None:
        text = reader.text("gender")
        gender = _gender_from_text(text)
        if gender is None:
            reader.issue("gender", f"Giới tính không rõ: '{text}' (ghi Nam hoặc Nữ)")
    if from_columns is not None:
        if gender is not None and gender != from_columns:
            shown = "Nam" if from_columns == "NAM" else "Nữ"
            reader.issue("gender", f"Giới tính '{reader.text('gender')}' khác với cột {shown}")
        gender = gender or from_columns
    if gender is None and reader.value("salutation") is not None:
        gender = _gender_from_text(reader.text("salutation"))
    return gender


class _Identity(TypedDict):
    row: int
    full_name: str
    ho_dem: str
    ten: str
    gender: str | None
    birth_date: date | None
    birth_year: int | None
    position_title: str
    unit_text: str
    agency_text: str
    section: str | None
    staff_code: str | None
    citizen_id: str | None
    note: str


def _identity(reader: _RowReader, today: date) -> _Identity:
    ho_dem = reader.name_text("ho_dem") if reader.has("ho_dem") else ""
    ten = reader.name_text("ten") if reader.has("ten") else ""
    full = reader.name_text("full_name") if reader.has("full_name") else ""
    if full:
        split_ho_dem, split_ten = split_full_name(full)
        ho_dem, ten = ho_dem or split_ho_dem, ten or split_ten
        if join_name(ho_dem, ten) != full:
            ho_dem, ten = split_ho_dem, split_ten
    else:
        full = join_name(ho_dem, ten)
        if not ten and ho_dem:
            ho_dem, ten = split_full_name(ho_dem)
    if not full and not reader.bad_name:
        missing = (
            "full_name" if reader.has("full_name") else ("ten" if reader.has("ten") else "ho_dem")
        )
        reader.issue(missing, "Thiếu họ và tên")
    birth_date, birth_year, col_gender = _birth(reader, today)
    gender = _gender(reader, col_gender)
    unit = reader.text("unit")
    section = reader.row.section
    return _Identity(
        row=reader.row.row,
        full_name=full,
        ho_dem=ho_dem,
        ten=ten,
        gender=gender,
        birth_date=birth_date,
        birth_year=birth_year,
        position_title=reader.text("position"),
        unit_text=unit or (section or ""),
        agency_text=reader.text("agency"),
        section=section,
        staff_code=_code_text(reader, "staff_code"),
        citizen_id=_citizen_id(reader),
        note=reader.text("note"),
    )


# ---------------------------------------------------------------------------
# Duplicates
# ---------------------------------------------------------------------------


def _name_key(full_name: str) -> str:
    return clean(full_name).casefold()


def _duplicate_issues(
    rows: list[PersonFields],
    columns: Mapping[str, ColumnRef],
    spec: TableSpec,
    extra_key: Callable[[PersonFields], tuple[object, ...]],
) -> list[CellIssue]:
    """ "Trùng với dòng 8" on the later of two rows for the same person (and same record)."""
    seen: dict[tuple[object, ...], int] = {}
    issues: list[CellIssue] = []

    def column(name: str) -> tuple[str, str, str]:
        ref = columns.get(name)
        if ref is None and name == "full_name":
            for alt in ("ten", "ho_dem"):
                if alt in columns:
                    return alt, columns[alt].letter, columns[alt].header
        return (name, ref.letter, ref.header) if ref else (name, "", spec.label(name))

    for r in rows:
        extra = extra_key(r)
        keys: list[tuple[tuple[object, ...], str, str]] = []
        if r.staff_code:
            keys.append((("code", fold_key(r.staff_code), *extra), "staff_code", "cùng mã cán bộ"))
        if r.citizen_id:
            keys.append((("cid", r.citizen_id, *extra), "citizen_id", "cùng số CCCD/CMND"))
        if r.full_name and r.birth_date:
            keys.append(
                (
                    ("name", _name_key(r.full_name), r.birth_date, *extra),
                    "full_name",
                    "cùng họ tên và ngày sinh",
                )
            )
        for key, name, why in keys:
            first = seen.get(key)
            if first is not None:
                field, letter, header = column(name)
                issues.append(
                    CellIssue(r.row, letter, field, header, f"Trùng với dòng {first} ({why})")
                )
                break
        for key, _name, _why in keys:
            seen.setdefault(key, r.row)
    return issues


# ---------------------------------------------------------------------------
# Parsers
# ---------------------------------------------------------------------------


def _read(
    path: str | Path,
    spec: TableSpec,
    sheet: str | None,
    mapping: Mapping[str, str | None] | None,
    header_row: int | None,
    max_uncompressed_bytes: int,
    max_compression_ratio: float,
) -> Table:
    return read_table(
        path,
        spec,
        sheet=sheet,
        mapping=mapping,
        header_row=header_row,
        max_uncompressed_bytes=max_uncompressed_bytes,
        max_compression_ratio=max_compression_ratio,
    )


def _result(
    table: Table,
    spec: TableSpec,
    rows: list[RowT],
    issues: list[CellIssue],
    extra_key: Callable[[PersonFields], tuple[object, ...]] = lambda _r: (),
) -> ParseResult[RowT]:
    all_issues = [
        *table.issues,
        *issues,
        *_duplicate_issues(list(rows), table.columns, spec, extra_key),
    ]
    all_issues.sort(key=lambda i: (i.row, _column_order(i.column)))
    return ParseResult(
        file=table.file,
        sheet=table.sheet,
        header_rows=table.header_rows,
        column_map=dict(table.columns),
        confident=table.confident,
        rows=tuple(rows),
        issues=tuple(all_issues),
        skipped=table.skipped,
        warnings=table.warnings,
    )


def _column_order(letter: str) -> tuple[int, str]:
    return (len(letter), letter)


def parse_staff(
    path: str | Path,
    codes: CodeTables,
    *,
    sheet: str | None = None,
    mapping: Mapping[str, str | None] | None = None,
    header_row: int | None = None,
    today: date | None = None,
    max_uncompressed_bytes: int = DEFAULT_MAX_UNCOMPRESSED_BYTES,
    max_compression_ratio: float = DEFAULT_MAX_COMPRESSION_RATIO,
) -> ParseResult[StaffRow]:
    """Read a staff list. Raises :class:`ImportFileError` when the file cannot be read or
    has no header row with a name column; every other problem is a :class:`CellIssue`."""
    spec = staff_spec(codes)
    table = _read(
        path, spec, sheet, mapping, header_row, max_uncompressed_bytes, max_compression_ratio
    )
    now = today or date.today()
    category_keys = _category_keys(codes)
    rows: list[StaffRow] = []
    issues: list[CellIssue] = []
    for trow in table.rows:
        reader = _RowReader(table, trow, spec)
        identity = _identity(reader, now)
        category: str | None = None
        if reader.value("subject_category") is not None:
            text = reader.text("subject_category")
            category = _match(text, category_keys, contains=False)
            if category is None:
                reader.issue("subject_category", f"Không nhận ra phân loại đối tượng: '{text}'")
        rows.append(StaffRow(**identity, subject_category=category))
        issues.extend(reader.issues)
    return _result(table, spec, rows, issues)


def _months(reader: _RowReader) -> int | None:
    value = reader.value("months")
    if value is None:
        return None
    months: int | None = None
    if isinstance(value, int | float) and not isinstance(value, bool):
        if float(value).is_integer():
            months = int(value)
    elif isinstance(value, str):
        m = _MONTHS.match(fold(value))
        if m:
            months = int(m.group(1))
    if months is None or not 0 <= months <= 12:
        reader.issue(
            "months",
            f"Số tháng công tác phải là số nguyên từ 0 đến 12: '{reader.text('months')}'",
        )
        return None
    return months


def parse_grades(
    path: str | Path,
    codes: CodeTables,
    *,
    year: int,
    sheet: str | None = None,
    mapping: Mapping[str, str | None] | None = None,
    header_row: int | None = None,
    today: date | None = None,
    max_uncompressed_bytes: int = DEFAULT_MAX_UNCOMPRESSED_BYTES,
    max_compression_ratio: float = DEFAULT_MAX_COMPRESSION_RATIO,
) -> ParseResult[GradeRow]:
    """Read the grades of ``year`` (one row per person)."""
    if not 1900 <= year <= 2100:
        raise ValueError(f"Năm xếp loại không hợp lệ: {year}")
    spec = grade_spec(codes)
    table = _read(
        path, spec, sheet, mapping, header_row, max_uncompressed_bytes, max_compression_ratio
    )
    now = today or date.today()
    grade_keys = _grade_keys(codes)
    valid_codes = {e.code for e in codes.table("grades")} or {g.value for g in Grade}
    rows: list[GradeRow] = []
    issues: list[CellIssue] = []
    for trow in table.rows:
        reader = _RowReader(table, trow, spec)
        identity = _identity(reader, now)
        grade_text = reader.text("grade")
        grade: str | None = None
        if not grade_text:
            reader.issue("grade", "Thiếu xếp loại")
        else:
            grade = _match(grade_text, grade_keys, contains=False)
            if grade is None or grade not in valid_codes:
                grade = None
                reader.issue(
                    "grade",
                    f"Không nhận ra xếp loại: '{grade_text}' (ghi HTXSNV, HTTNV, HTNV, KHTNV "
                    "hoặc tên đầy đủ như 'Hoàn thành tốt nhiệm vụ')",
                )
        months = _months(reader)
        rows.append(
            GradeRow(
                **identity,
                year=year,
                grade=grade,
                grade_text=grade_text,
                months_worked=months,
            )
        )
        issues.extend(reader.issues)
    return _result(table, spec, rows, issues)


def parse_discipline(
    path: str | Path,
    codes: CodeTables,
    *,
    sheet: str | None = None,
    mapping: Mapping[str, str | None] | None = None,
    header_row: int | None = None,
    today: date | None = None,
    max_uncompressed_bytes: int = DEFAULT_MAX_UNCOMPRESSED_BYTES,
    max_compression_ratio: float = DEFAULT_MAX_COMPRESSION_RATIO,
) -> ParseResult[DisciplineRow]:
    """Read discipline (and hold) records: one row per penalty."""
    spec = discipline_spec(codes)
    table = _read(
        path, spec, sheet, mapping, header_row, max_uncompressed_bytes, max_compression_ratio
    )
    now = today or date.today()
    kind_keys = _discipline_keys(codes)
    rows: list[DisciplineRow] = []
    issues: list[CellIssue] = []
    for trow in table.rows:
        reader = _RowReader(table, trow, spec)
        identity = _identity(reader, now)
        kind_text = reader.text("kind")
        kind: str | None = None
        if not kind_text:
            reader.issue("kind", "Thiếu hình thức kỷ luật")
        else:
            kind = _match(kind_text, kind_keys, contains=True)
            if kind is None:
                names = ", ".join(e.name for e in codes.table("discipline_kinds")[:6])
                reader.issue(
                    "kind", f"Không nhận ra hình thức kỷ luật: '{kind_text}' (dùng: {names}...)"
                )
        start = reader.date("start_date", required_label="ngày bắt đầu (Từ ngày)")
        end = reader.date("end_date")
        if start is not None and end is not None and end < start:
            reader.issue(
                "end_date",
                f"Ngày kết thúc {format_date(end)} trước ngày bắt đầu {format_date(start)}",
            )
        decision_date = reader.date("decision_date")
        rows.append(
            DisciplineRow(
                **identity,
                kind=kind,
                kind_text=kind_text,
                start_date=start,
                end_date=end,
                decision_number=reader.text("decision_number"),
                decision_date=decision_date,
                reason=reader.text("reason"),
            )
        )
        issues.extend(reader.issues)

    def record_key(r: PersonFields) -> tuple[object, ...]:
        assert isinstance(r, DisciplineRow)
        return (r.kind or fold_key(r.kind_text), r.start_date)

    return _result(table, spec, rows, issues, record_key)
