"""What a workbook looks like, and when a file cannot be imported as asked (issue 11, point 6).

Clerks hand the staff import a decision annex, the awards import a blank template, the grade
import a list without grades. Two things are answered here, without the database:

- :func:`sniff_file` / :func:`sniff_book`: which import reads such a file and what it is, in
  the clerk's words (:class:`FileKind`: ``kind="awards"``, ``name="danh sách đề nghị khen
  thưởng tập thể"``). The title rows above the header ("DANH SÁCH TẬP THỂ ĐỀ NGHỊ KHEN
  THƯỞNG", "KẾT QUẢ XẾP LOẠI...", "QUYẾT ĐỊNH ... khen thưởng") and the header itself, matched
  against the columns of every import (staff, grades, discipline, awards, initiatives,
  unit-grades, registrations), decide. Only data sheets are looked at
  (:mod:`app.excel.sheet_roles`).
- :func:`read_problem` and :func:`rows_problem`: why a file that was read is refused: it has
  no data row (a blank template), it lacks the column the import needs, its title or header
  names another kind of list, or most of its rows fail (more than half, and at least
  :data:`MIN_FAILED_ROWS`).

Messages name no command-line option: the CLI adds "dùng tdkt import awards" from
:attr:`FileKind.kind`, the GUI its own words.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from app.domain.catalogue import CodeTables
from app.domain.vntext import fold_key
from app.excel.grid import SheetGrid
from app.excel.header import MAX_HEADER_SCAN, HeaderMatch, TableSpec, anchor_found, detect_header
from app.excel.history_import import award_spec, initiative_spec, unit_grade_spec
from app.excel.people_specs import discipline_spec, grade_spec, staff_spec
from app.excel.registration_import import collective_spec, individual_spec
from app.excel.sheet_roles import split_sheets
from app.excel.workbook import ImportFileError, OpenedWorkbook, open_workbook

__all__ = [
    "IMPORT_KINDS",
    "KIND_NAMES",
    "MIN_FAILED_ROWS",
    "FileKind",
    "header_kinds",
    "most_rows_fail",
    "read_problem",
    "rows_problem",
    "sniff_book",
    "sniff_file",
    "title_kinds",
]

IMPORT_KINDS: Final = (
    "staff",
    "grades",
    "discipline",
    "awards",
    "initiatives",
    "unit-grades",
    "registrations",
)

KIND_NAMES: Final[Mapping[str, str]] = {
    "staff": "danh sách cán bộ",
    "grades": "danh sách xếp loại cán bộ",
    "discipline": "danh sách kỷ luật",
    "awards": "danh sách khen thưởng",
    "initiatives": "danh sách đề tài, sáng kiến",
    "unit-grades": "danh sách xếp loại tập thể",
    "registrations": "bản đăng ký thi đua",
}

MIN_FAILED_ROWS: Final = 3
"""A file is refused when more than half of its rows fail and at least this many do."""

_AWARD_COLUMNS: Final = ("title", "title_alt", "form_code", "title_code")

# The columns an import cannot do without, beyond its name column: (label, any of fields).
_REQUIRED: Final[Mapping[str, tuple[tuple[str, tuple[str, ...]], ...]]] = {
    "grades": (("Xếp loại", ("grade",)),),
    "discipline": (("Hình thức kỷ luật", ("kind",)), ("Từ ngày", ("start_date",))),
    "awards": (("Danh hiệu / hình thức khen thưởng", _AWARD_COLUMNS),),
    "initiatives": (("Tên tác giả", ("authors",)),),
    "unit-grades": (("Xếp loại", ("grade",)),),
    "registrations": (("Danh hiệu thi đua đăng ký", ("title",)),),
}


@dataclass(frozen=True)
class FileKind:
    """What a file looks like: ``kind``, the import that reads it (one of
    :data:`IMPORT_KINDS`); ``name``, what it is in Vietnamese; the ``sheet`` that says so;
    ``by_title`` when its title rows or layout name it, not only its columns."""

    kind: str
    name: str
    sheet: str
    by_title: bool = False

    def sentence(self) -> str:
        """ "Tệp này giống danh sách đề nghị khen thưởng tập thể"."""
        return f"Tệp này giống {self.name}"


# ---------------------------------------------------------------------------
# Title rows and headers
# ---------------------------------------------------------------------------

_NOMINATION: Final = re.compile(r"\bde nghi\b")
_AWARD_WORDS: Final = re.compile(r"\b(?:khen thuong|khen|tang|bang khen|giay khen|danh hieu)\b")
_DECISION: Final = re.compile(r"\bquyet dinh\b")
_REGISTRATION: Final = re.compile(r"\bdang ky\b.*\b(?:thi dua|danh hieu)\b|\bban dang ky\b")
_INITIATIVES: Final = re.compile(r"\b(?:sang kien|de tai)\b")
_DISCIPLINE: Final = re.compile(r"\bky luat\b")
_GRADES: Final = re.compile(r"\bxep loai\b|\bdanh gia\b")
_STAFF: Final = re.compile(
    r"\b(?:can bo|cong chuc|vien chuc|nhan su|nguoi lao dong|nhan vien|doi ngu)\b"
)


def _title_key(lines: Iterable[str]) -> str:
    return " ".join(fold_key(line) for line in lines)


def title_kinds(lines: Iterable[str]) -> tuple[str, ...]:
    """The imports the title rows of a sheet name, most specific first: "DANH SÁCH TẬP THỂ
    ĐỀ NGHỊ KHEN THƯỞNG" -> ("awards",); "KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI VÀ ĐỀ NGHỊ KHEN THƯỞNG"
    -> ("awards", "grades"). A list of staff ("cán bộ", "công chức") counts only when nothing
    else is named: every list is about staff."""
    key = _title_key(lines)
    found: list[str] = []
    if _NOMINATION.search(key) and _AWARD_WORDS.search(key):
        found.append("awards")
    elif _DECISION.search(key) and _AWARD_WORDS.search(key):
        found.append("awards")
    if _REGISTRATION.search(key):
        found.append("registrations")
    if _INITIATIVES.search(key):
        found.append("initiatives")
    if _DISCIPLINE.search(key):
        found.append("discipline")
    if _GRADES.search(key):
        found.append("grades")
    if "awards" not in found and re.search(r"\b(?:khen thuong|duoc tang)\b", key):
        found.append("awards")
    if not found and _STAFF.search(key):
        found.append("staff")
    return tuple(found)


def header_kinds(headers: Mapping[str, str]) -> tuple[str, ...]:
    """The imports a read header names beyond doubt, from the headers of the columns found
    (field -> header as written): a title column "Danh hiệu thi đua đăng ký" or "Danh hiệu
    phấn đấu" is a registration list's."""
    for name in ("title", "title_alt"):
        key = fold_key(headers.get(name, ""))
        if re.search(r"\b(?:dang ky|phan dau)\b", key):
            return ("registrations",)
    return ()


# ---------------------------------------------------------------------------
# Sniffing
# ---------------------------------------------------------------------------


def _specs(codes: CodeTables) -> dict[str, Callable[[], TableSpec]]:
    return {
        "staff": lambda: staff_spec(codes),
        "grades": lambda: grade_spec(codes),
        "discipline": lambda: discipline_spec(codes),
        "awards": award_spec,
        "initiatives": initiative_spec,
        "unit-grades": unit_grade_spec,
        "registrations": lambda: individual_spec(codes),
        "registration-units": collective_spec,
    }


@dataclass(frozen=True)
class _Found:
    spec: TableSpec
    match: HeaderMatch

    def has(self, *names: str) -> bool:
        return any(n in self.match.columns for n in names)

    def header(self, name: str) -> str:
        ref = self.match.columns.get(name)
        return ref.header if ref is not None else ""


def _subjects(title: str, name_header: str, has_subject: bool) -> str:
    """ "tập thể", "cá nhân", or "" for a list mixing collectives, individuals, households."""
    header = fold_key(name_header)
    if has_subject or "ho gia dinh" in header or ("ca nhan" in header and "tap the" in header):
        return ""
    if "tap the" in header or "don vi" in header:
        return "tập thể"
    if "ho va ten" in header or "ho ten" in header:
        return "cá nhân"
    if "tap the" in title and "ca nhan" not in title:
        return "tập thể"
    if "ca nhan" in title:
        return "cá nhân"
    return ""


def _award_name(kind_of_list: str, title: str, awards: _Found | None) -> str:
    subjects = ""
    if awards is not None:
        subjects = _subjects(title, awards.header("name"), awards.has("subject"))
    if kind_of_list == "nomination":
        if subjects:
            return f"danh sách đề nghị khen thưởng {subjects}"
        return "danh sách đề nghị khen thưởng (cá nhân, tập thể, hộ gia đình)"
    if kind_of_list == "decision":
        return "danh sách kèm quyết định khen thưởng"
    return f"danh sách khen thưởng {subjects}".strip()


def _is_province_layout(sheet: str, awards: _Found | None) -> bool:
    """The province's upload template: sheet "file nhận", or a "Phân loại khen thưởng"
    column next to a name column for collectives, individuals and households."""
    if awards is None:
        return False
    if fold_key(sheet) == "file nhan":
        return True
    return fold_key(awards.header("subject")) == "phan loai khen thuong"


def _title_lines(grid: SheetGrid, header_row: int | None) -> list[str]:
    last = (header_row - 1) if header_row is not None else min(grid.max_row, MAX_HEADER_SCAN)
    return [
        " ".join(str(v) for _, v in grid.row_values(r) if isinstance(v, str))
        for r in range(1, last + 1)
    ]


def sniff_grid(grid: SheetGrid, codes: CodeTables) -> FileKind | None:
    """What the sheet ``grid`` looks like, or ``None`` when no import recognises it."""
    found: dict[str, _Found] = {}
    for kind, build in _specs(codes).items():
        spec = build()
        match = detect_header(grid, spec)
        if match is not None and anchor_found(spec, match.columns):
            found[kind] = _Found(spec, match)
    header_row = min((f.match.rows[0] for f in found.values()), default=None)
    lines = _title_lines(grid, header_row)
    title = _title_key(lines)
    named = title_kinds(lines)
    awards = found.get("awards")
    person = "staff" in found
    sheet = grid.title

    def make(kind: str, name: str | None = None, *, by_title: bool = False) -> FileKind:
        return FileKind(kind, name or KIND_NAMES[kind], sheet, by_title)

    if named:
        kind = named[0]
        if kind == "awards":
            if _NOMINATION.search(title):
                return make(kind, _award_name("nomination", title, awards), by_title=True)
            if _DECISION.search(title):
                return make(kind, _award_name("decision", title, awards), by_title=True)
            return make(kind, _award_name("awards", title, awards), by_title=True)
        if kind == "grades" and not person and "unit-grades" in found:
            return make("unit-grades", by_title=True)
        return make(kind, by_title=True)
    if _is_province_layout(sheet, awards):
        return make("awards", _award_name("nomination", title, awards), by_title=True)
    initiatives = found.get("initiatives")
    if initiatives is not None and initiatives.has("authors", "decision_date", "recognized_by"):
        return make("initiatives")
    for kind in ("registrations", "registration-units"):
        table = found.get(kind)
        if table is not None and header_kinds({"title": table.header("title")}):
            return make("registrations")
    discipline = found.get("discipline")
    if person and discipline is not None and discipline.has("kind"):
        return make("discipline")
    if person and "grades" in found and found["grades"].has("grade"):
        return make("grades")
    unit_grades = found.get("unit-grades")
    if not person and unit_grades is not None and unit_grades.has("grade"):
        return make("unit-grades")
    if awards is not None and awards.has(*_AWARD_COLUMNS):
        return make("awards", _award_name("awards", title, awards))
    if person:
        return make("staff")
    return None


def sniff_book(book: OpenedWorkbook, codes: CodeTables) -> FileKind | None:
    """What the workbook looks like: the first data sheet named by its title rows or
    layout, else the first one recognised by its columns."""
    data_sheets, _aside = split_sheets(book)
    best: FileKind | None = None
    for name in data_sheets:
        guess = sniff_grid(SheetGrid.from_worksheets(*book.sheet_pair(name)), codes)
        if guess is not None and guess.by_title:
            return guess
        best = best or guess
    return best


def sniff_file(path: str | Path, codes: CodeTables) -> FileKind | None:
    """:func:`sniff_book` on ``path``; ``None`` when the file cannot be read at all."""
    try:
        book = open_workbook(path)
    except ImportFileError:
        return None
    try:
        return sniff_book(book, codes)
    finally:
        book.close()


# ---------------------------------------------------------------------------
# Refusals
# ---------------------------------------------------------------------------


def most_rows_fail(failed: int, total: int) -> bool:
    """More than half of the rows fail, and at least :data:`MIN_FAILED_ROWS`."""
    return failed >= MIN_FAILED_ROWS and failed * 2 > total


def _where(file: str | Path, sheet: str) -> str:
    return f"Trang '{sheet}' (tệp '{Path(file).name}')"


def read_problem(
    kind: str,
    *,
    file: str | Path,
    sheet: str,
    rows: int,
    failed_rows: int,
    columns: Collection[str],
    preamble: Sequence[str] = (),
    headers: Mapping[str, str] | None = None,
) -> str | None:
    """Why a table read for import ``kind`` is refused, or ``None``.

    ``rows``: its data rows; ``failed_rows``: how many have an issue; ``columns``: the
    fields found; ``preamble``: the title rows above its header; ``headers``: field ->
    header as written. In this order: no data row, a required column missing, a title or
    header naming another kind of list, most rows failing."""
    where = _where(file, sheet)
    if rows == 0:
        return f"{where} không có dòng dữ liệu nào: tệp mẫu còn trống, hoặc dữ liệu ở trang khác."
    missing = [
        label for label, fields in _REQUIRED.get(kind, ()) if not any(f in columns for f in fields)
    ]
    if missing:
        listed = ", ".join(f"'{m}'" for m in missing)
        return f"{where} không có cột {listed}: không nhập được như {KIND_NAMES[kind]}."
    named = title_kinds(preamble) or header_kinds(headers or {})
    if named and not _same_kind(kind, named):
        what = KIND_NAMES[named[0]]
        if named[0] == "awards" and _NOMINATION.search(_title_key(preamble)):
            what = "danh sách đề nghị khen thưởng"
        return f"{where} có tiêu đề của {what}, không phải {KIND_NAMES[kind]}: không nhập."
    return rows_problem(kind, file=file, sheet=sheet, failed=failed_rows, total=rows)


def _same_kind(kind: str, named: Sequence[str]) -> bool:
    grades = {"grades", "unit-grades"}
    return kind in named or (kind in grades and bool(grades & set(named)))


def rows_problem(kind: str, *, file: str | Path, sheet: str, failed: int, total: int) -> str | None:
    """The refusal when most rows fail (:func:`most_rows_fail`), or ``None``."""
    if not most_rows_fail(failed, total):
        return None
    return (
        f"{_where(file, sheet)}: {failed}/{total} dòng không nhập được. Có thể tệp không phải "
        f"{KIND_NAMES[kind]}; không nhập."
    )
