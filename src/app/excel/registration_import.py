"""Reading back a unit's registration workbook (bản đăng ký thi đua), also when retyped.

:func:`parse_registration_workbook` opens the file safely (:mod:`app.excel.workbook`) and looks
at every visible sheet:

- the **individuals** table: the identity columns of the staff import (name, birth, staff
  code, citizen ID... found by header detection, :mod:`app.excel.table`) plus a title column
  ("Danh hiệu thi đua đăng ký" and its synonyms). It is required.
- the **collectives** table (optional): "Tên đơn vị/tập thể", "Mã đơn vị" and a title column.

Title cells are matched with :meth:`app.domain.catalogue.Catalogue.match` (code, name, short
forms, synonyms; no case, no diacritics). An unknown title, or a title not meant for the
row's subject (a collective title for a person), is an issue of that row and column. Matching
people and units to the database is the service's job
(:mod:`app.services.registration_import`). Nothing here touches the database.

The workbooks written by :mod:`app.excel.forms.registration_workbook` also carry the year
and the unit code as custom document properties (:data:`PROP_YEAR`, :data:`PROP_UNIT`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Final

from app.domain.catalogue import Catalogue, CatalogueItem, CodeTables
from app.domain.codes import SubjectKind
from app.domain.legacy_text import TextConversion
from app.domain.vntext import fold_key
from app.excel.legacy import LegacyEncodingError, convert_grid
from app.excel.people_fields import PersonFields
from app.excel.people_specs import staff_spec
from app.excel.row_reader import (  # the staff import's row reading, shared on purpose
    RowReader,
    build_result,
    read_identity,
)
from app.excel.sheet_roles import split_sheets
from app.excel.table import (
    CellIssue,
    FieldSpec,
    SheetGrid,
    SkippedRow,
    Table,
    TableRow,
    TableSpec,
    detect_header,
    extract_table,
)
from app.excel.workbook import ImportFileError, open_workbook

__all__ = [
    "COLLECTIVE_SHEET",
    "INDIVIDUAL_SHEET",
    "PROP_FORM",
    "PROP_UNIT",
    "PROP_YEAR",
    "TITLE_SYNONYMS",
    "CollectiveRow",
    "ImportFileError",
    "IndividualRow",
    "RegistrationIssue",
    "RegistrationWorkbook",
    "collective_spec",
    "individual_spec",
    "parse_registration_workbook",
]

INDIVIDUAL_SHEET: Final = "Cá nhân"
COLLECTIVE_SHEET: Final = "Tập thể"
PROP_FORM: Final = "TDKT_BIEU_MAU"
PROP_YEAR: Final = "TDKT_NAM"
PROP_UNIT: Final = "TDKT_DON_VI"

TITLE_SYNONYMS: Final = (
    "Danh hiệu thi đua đăng ký",
    "Danh hiệu đăng ký",
    "Đăng ký danh hiệu",
    "Đăng ký danh hiệu thi đua",
    "Danh hiệu thi đua",
    "Danh hiệu",
    "Đăng ký thi đua",
    "Danh hiệu/Hình thức đăng ký",
    "Danh hiệu thi đua/Hình thức khen thưởng đăng ký",
    "Danh hiệu, hình thức khen thưởng đăng ký",
    "Hình thức khen thưởng đăng ký",
    "Danh hiệu phấn đấu",
    "Đăng ký phấn đấu",
)
_TITLE_FIELD: Final = FieldSpec("title", "Danh hiệu thi đua đăng ký", TITLE_SYNONYMS, required=True)
_UNIT_FIELDS: Final = (
    FieldSpec(
        "unit_name",
        "Tên đơn vị/tập thể",
        (
            "Tên đơn vị/tập thể",
            "Tên đơn vị, tập thể",
            "Tên tập thể",
            "Tên đơn vị",
            "Đơn vị/tập thể",
            "Tập thể",
            "Đơn vị",
            "Tên phòng, đơn vị",
        ),
        required=True,
    ),
    FieldSpec("unit_code", "Mã đơn vị", ("Mã đơn vị", "Mã tập thể", "Mã ĐV")),
    FieldSpec(
        "category",
        "Phân loại đơn vị",
        ("Phân loại đơn vị", "Phân loại tập thể", "Loại đơn vị", "Loại hình đơn vị"),
    ),
    _TITLE_FIELD,
    FieldSpec("note", "Ghi chú", ("Ghi chú", "Ghi chu", "Chú thích")),
)


def individual_spec(codes: CodeTables) -> TableSpec:
    """The staff import's identity columns plus the title column."""
    base = staff_spec(codes)
    return TableSpec(
        fields=(*base.fields, _TITLE_FIELD),
        anchor=base.anchor,
        alternatives=base.alternatives,
        section_words=base.section_words,
    )


def collective_spec() -> TableSpec:
    return TableSpec(fields=_UNIT_FIELDS, anchor="unit_name")


@dataclass(frozen=True, kw_only=True)
class IndividualRow(PersonFields):
    title_text: str  # as written; "" when the cell is empty (no sign-up)
    title_code: str | None  # catalogue code, None when empty or unknown


@dataclass(frozen=True)
class CollectiveRow:
    row: int
    unit_name: str
    unit_code: str | None
    title_text: str
    title_code: str | None
    note: str


@dataclass(frozen=True)
class RegistrationIssue:
    """A problem in one cell (or one row, or the file when ``row`` is 0). Vietnamese."""

    sheet: str
    row: int
    column: str
    field: str
    message: str

    def text(self) -> str:
        where = f"trang '{self.sheet}'" if self.sheet else "tệp"
        if self.row:
            where += f", dòng {self.row}"
        if self.column:
            where += f", cột {self.column}"
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class RegistrationWorkbook:
    file: Path
    individuals_sheet: str
    collectives_sheet: str | None
    individual_columns: Mapping[str, str]  # field -> column letter
    collective_columns: Mapping[str, str]
    individuals: tuple[IndividualRow, ...]
    collectives: tuple[CollectiveRow, ...]
    issues: tuple[RegistrationIssue, ...]
    skipped: tuple[tuple[str, SkippedRow], ...]
    warnings: tuple[str, ...]
    year: int | None = None  # from the document properties of an exported form
    unit_code: str | None = None
    conversions: tuple[TextConversion, ...] = ()  # cells converted from TCVN3/VNI

    @property
    def is_valid(self) -> bool:
        return not self.issues


def _match_title(
    text: str, catalogue: Catalogue, subject: SubjectKind
) -> tuple[CatalogueItem | None, str | None]:
    """(item, problem) for a title cell; both None when the cell is empty."""
    if not text:
        return None, None
    item = catalogue.match(text)
    if item is None:
        return None, (
            f"Không nhận ra danh hiệu '{text}' (chọn trong danh sách, hoặc ghi mã/tên viết tắt "
            "như LĐTT, CSTĐCS, TTLĐTT)"
        )
    if subject not in item.subjects:
        if subject == SubjectKind.CA_NHAN:
            return item, f"'{item.name}' không dùng cho cá nhân (danh hiệu/hình thức của tập thể)"
        return item, f"'{item.name}' không dùng cho tập thể (danh hiệu/hình thức của cá nhân)"
    return item, None


def _issue(sheet: str, issue: CellIssue) -> RegistrationIssue:
    return RegistrationIssue(sheet, issue.row, issue.column, issue.field, issue.message)


def _individuals(
    table: Table, codes: CodeTables, catalogue: Catalogue, today: date
) -> tuple[list[IndividualRow], list[CellIssue]]:
    spec = individual_spec(codes)
    rows: list[IndividualRow] = []
    issues: list[CellIssue] = []
    for trow in table.rows:
        reader = RowReader(table, trow, spec)
        identity = read_identity(reader, today)
        text = reader.text("title")
        item, problem = _match_title(text, catalogue, SubjectKind.CA_NHAN)
        if problem:
            reader.issue("title", problem)
        rows.append(
            IndividualRow(
                **identity,
                title_text=text,
                title_code=item.code if item is not None and problem is None else None,
            )
        )
        issues.extend(reader.issues)
    result = build_result(table, spec, rows, issues)
    return rows, list(result.issues)


def _collectives(table: Table, catalogue: Catalogue) -> tuple[list[CollectiveRow], list[CellIssue]]:
    rows: list[CollectiveRow] = []
    issues: list[CellIssue] = []
    seen: dict[str, int] = {}

    def issue(trow: TableRow, name: str, message: str) -> None:
        ref = table.columns.get(name)
        header = ref.header if ref else name
        issues.append(CellIssue(trow.row, ref.letter if ref else "", name, header, message))

    for trow in table.rows:
        name = trow.text("unit_name")
        code = trow.text("unit_code") or None
        text = trow.text("title")
        if not name and not code:
            issue(trow, "unit_name", "Thiếu tên đơn vị/tập thể")
        item, problem = _match_title(text, catalogue, SubjectKind.TAP_THE)
        if problem:
            issue(trow, "title", problem)
        key = fold_key(code or name)
        if key in seen:
            issue(trow, "unit_name", f"Trùng với dòng {seen[key]}")
        seen.setdefault(key, trow.row)
        rows.append(
            CollectiveRow(
                row=trow.row,
                unit_name=name,
                unit_code=code,
                title_text=text,
                title_code=item.code if item is not None and problem is None else None,
                note=trow.text("note"),
            )
        )
    return rows, [*table.issues, *issues]


def _properties(book: object) -> tuple[int | None, str | None]:
    props = getattr(getattr(book, "values", None), "custom_doc_props", None)
    year: int | None = None
    unit: str | None = None
    for prop in getattr(props, "props", ()) or ():
        if prop.name == PROP_YEAR:
            try:
                year = int(str(prop.value))
            except ValueError:
                year = None
        elif prop.name == PROP_UNIT:
            unit = str(prop.value) or None
    return year, unit


def _try_extract(
    grid: SheetGrid, spec: TableSpec, file: Path, convert_legacy: bool
) -> Table | None:
    if detect_header(grid, spec) is None:
        return None
    try:
        return extract_table(grid, spec, file=file, convert_legacy=convert_legacy)
    except LegacyEncodingError:  # this table, typed in TCVN3/VNI: ask the clerk
        raise
    except ImportFileError:  # a header row without the name column: not this table
        return None


def parse_registration_workbook(
    path: str | Path,
    catalogue: Catalogue,
    codes: CodeTables,
    *,
    today: date | None = None,
    convert_legacy: bool = False,
    sheet: str | None = None,
) -> RegistrationWorkbook:
    """Read a registration workbook. Raises :class:`ImportFileError` when the file cannot be
    read or has no table of people with a title column; other problems are issues.

    The data sheets are read; instruction, example, code and hidden sheets
    (:mod:`app.excel.sheet_roles`) only when named by ``sheet``, which is read first.

    A table typed in TCVN3/VNI raises :class:`~app.excel.legacy.LegacyEncodingError` unless
    ``convert_legacy`` (the clerk's consent); the converted cells are then in
    :attr:`RegistrationWorkbook.conversions`."""
    book = open_workbook(path)
    try:
        year, unit_code = _properties(book)
        person_spec, unit_spec = individual_spec(codes), collective_spec()
        people: Table | None = None
        units: Table | None = None
        sheets, aside = split_sheets(book)
        if sheet is not None:
            named = book.sheet_pair(sheet)[1].title  # an unknown name is an error
            sheets = [named, *(n for n in sheets if n != named)]
        for name in sheets:
            grid = convert_grid(SheetGrid.from_worksheets(*book.sheet_pair(name)))
            if people is None:
                found = _try_extract(grid, person_spec, book.path, convert_legacy)
                if found is not None:
                    people = found
                    continue
            if units is None:
                found = _try_extract(grid, unit_spec, book.path, convert_legacy)
                if found is not None and "title" in found.columns:
                    units = found
        if people is None:
            raise ImportFileError(
                f"Tệp '{Path(path).name}' không có bảng cán bộ (cột 'Họ và tên' và "
                "'Danh hiệu thi đua đăng ký') trong các trang: "
                + ", ".join(f"'{n}'" for n in sheets)
                + (
                    " (không đọc các trang "
                    + ", ".join(f"'{n}' ({why})" for n, why in aside.items())
                    + " trừ khi chọn đúng trang đó)"
                    if aside and sheet is None
                    else ""
                )
            )
        if "title" not in people.columns:
            raise ImportFileError(
                f"Trang '{people.sheet}' (tệp '{Path(path).name}') không có cột 'Danh hiệu thi "
                "đua đăng ký' (hoặc 'Danh hiệu đăng ký')."
            )
    finally:
        book.close()
    now = today or date.today()
    person_rows, person_issues = _individuals(people, codes, catalogue, now)
    issues = [_issue(people.sheet, i) for i in person_issues]
    skipped = [(people.sheet, s) for s in people.skipped]
    warnings = list(people.warnings)
    unit_rows: list[CollectiveRow] = []
    if units is not None:
        unit_rows, unit_issues = _collectives(units, catalogue)
        issues.extend(_issue(units.sheet, i) for i in unit_issues)
        skipped.extend((units.sheet, s) for s in units.skipped)
        warnings.extend(units.warnings)
    return RegistrationWorkbook(
        file=Path(path),
        individuals_sheet=people.sheet,
        collectives_sheet=units.sheet if units is not None else None,
        individual_columns={k: ref.letter for k, ref in people.columns.items()},
        collective_columns={k: ref.letter for k, ref in units.columns.items()} if units else {},
        individuals=tuple(person_rows),
        collectives=tuple(unit_rows),
        issues=tuple(issues),
        skipped=tuple(skipped),
        warnings=tuple(warnings),
        year=year,
        unit_code=unit_code,
        conversions=people.conversions + (units.conversions if units is not None else ()),
    )
