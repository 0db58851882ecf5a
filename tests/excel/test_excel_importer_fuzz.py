"""Every importer against random and damaged workbooks (issue 7, "Bad input").

The seven imports (staff, grades, discipline, awards, initiatives, unit grades, registration
workbooks) run here exactly as ``tdkt import`` runs them: parse the file, then the service in
one transaction. Whatever the file holds, the outcome is one of

- refused: :class:`ImportFileError`, a Vietnamese message naming the file;
- blocked: a report whose issues name the row (and column) of each problem;
- written: a correct import;

never another exception, and on a refusal or a block not one row of any table changes.
Oversized archives, zip bombs and XML bombs are refused before openpyxl reads them.
"""

from __future__ import annotations

import io
import os
import struct
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from sqlalchemy import inspect, text

from app.domain.imports import ImportOptions
from app.domain.people import PersonInput
from app.domain.units import UnitInput
from app.excel import history_import as history_xl
from app.excel import workbook as workbook_module
from app.excel.people_import import parse_discipline, parse_grades, parse_staff
from app.excel.registration_import import parse_registration_workbook
from app.excel.workbook import ImportFileError
from app.services import history_import as history_svc
from app.services import people_import as people_svc
from app.services.campaigns import ensure_regular_campaign
from app.services.database import Database
from app.services.person_record import create_person
from app.services.reference import catalogue, codes
from app.services.registration_import import import_registrations
from app.services.units import create_unit

YEAR = 2025
KINDS = ("staff", "grades", "discipline", "awards", "initiatives", "unit-grades", "registrations")

# ---------------------------------------------------------------------------
# Running an import as the CLI does
# ---------------------------------------------------------------------------


@dataclass
class Outcome:
    kind: str  # "refused", "blocked" or "written"
    message: str = ""
    issues: tuple[tuple[int, str, str], ...] = ()  # (row, column, message)
    unknown_units: tuple[str, ...] = ()  # staff lists: units to map or create first


def _parse_people(kind: str, path: Path):  # type: ignore[no-untyped-def]
    if kind == "staff":
        return parse_staff(path, codes())
    if kind == "grades":
        return parse_grades(path, codes(), year=YEAR)
    return parse_discipline(path, codes())


def run_import(kind: str, path: Path, db: Database) -> Outcome:
    """Parse ``path`` as ``kind`` and import it in one transaction (``tdkt import <kind>``)."""
    try:
        if kind in ("staff", "grades", "discipline"):
            result = _parse_people(kind, path)
            parsed = people_svc.ParsedFile(
                kind=kind,
                file=str(path),
                sheet=result.sheet,
                issues=result.issues,
                columns=people_svc.columns_of(result.column_map),
            )
            service = {
                "staff": people_svc.import_staff,
                "grades": people_svc.import_grades,
                "discipline": people_svc.import_discipline,
            }[kind]
            with db.session_factory.begin() as session:
                report = service(session, parsed, list(result.rows), ImportOptions())  # type: ignore[operator]
        elif kind == "registrations":
            book = parse_registration_workbook(path, catalogue(), codes())
            with db.session_factory.begin() as session:
                reg = import_registrations(session, book, YEAR)
            issues = tuple((i.row, i.column, i.text()) for i in reg.issues)
            if reg.blocked:
                return Outcome("blocked", issues=issues)
            return Outcome("written", issues=issues)
        else:
            if kind == "awards":
                hist = history_xl.parse_awards(path, catalogue(), codes())
                service = history_svc.import_awards
            elif kind == "initiatives":
                hist = history_xl.parse_initiatives(path, codes())  # type: ignore[assignment]
                service = history_svc.import_initiatives  # type: ignore[assignment]
            else:
                hist = history_xl.parse_unit_grades(path, codes(), year=YEAR)  # type: ignore[assignment]
                service = history_svc.import_unit_grades  # type: ignore[assignment]
            parsed = history_svc.ParsedFile(
                kind=kind,
                file=str(path),
                sheet=hist.sheet,
                issues=hist.issues,
                columns=dict(hist.columns),
            )
            with db.session_factory.begin() as session:
                report = service(session, parsed, list(hist.rows), ImportOptions())  # type: ignore[arg-type]
    except ImportFileError as exc:
        return Outcome("refused", message=str(exc))
    issues = tuple((i.row, i.column, i.text()) for i in report.issues)
    kind_ = "blocked" if report.blocked else "written"
    return Outcome(kind_, issues=issues, unknown_units=tuple(report.unknown_units))


def row_counts(db: Database) -> dict[str, int]:
    with db.engine.connect() as conn:
        names = inspect(conn).get_table_names()
        return {n: conn.execute(text(f'SELECT COUNT(*) FROM "{n}"')).scalar_one() for n in names}


def check(kind: str, path: Path, db: Database) -> Outcome:
    """Run the import and assert the contract of this module; returns the outcome."""
    before = row_counts(db)
    outcome = run_import(kind, path, db)
    if outcome.kind == "refused":
        assert f"'{path.name}'" in outcome.message, outcome.message
        assert outcome.message.strip()
    if outcome.kind == "blocked":
        assert outcome.issues or outcome.unknown_units
        for row, _column, message in outcome.issues:
            assert row >= 0 and message.strip()
    if outcome.kind != "written":
        assert row_counts(db) == before, outcome
    return outcome


# ---------------------------------------------------------------------------
# A small organisation, so that some random files import for real
# ---------------------------------------------------------------------------


@pytest.fixture
def org(database: Database) -> Database:
    with database.session_factory.begin() as s:
        root = create_unit(s, UnitInput(code="SO", full_name="Sở Nông nghiệp", kind="CO_QUAN"))
        units = {
            code: create_unit(s, UnitInput(code=code, full_name=name, parent_id=root.id)).id
            for code, name in (("VP", "Văn phòng"), ("KHTC", "Phòng Kế hoạch - Tài chính"))
        }
        for ho_dem, ten, born, unit in (
            ("Nguyễn Văn", "An", date(1980, 3, 15), "VP"),
            ("Trần Thị", "Bình", date(1985, 2, 5), "KHTC"),
        ):
            create_person(
                s,
                PersonInput(ho_dem=ho_dem, ten=ten, birth_date=born),
                unit_id=units[unit],
                position_title="Chuyên viên",
            )
        ensure_regular_campaign(s, YEAR)
    return database


# ---------------------------------------------------------------------------
# Workbooks
# ---------------------------------------------------------------------------

HEADERS: dict[str, list[str]] = {
    "staff": ["STT", "Họ và tên", "Giới tính", "Ngày sinh", "Chức vụ", "Đơn vị", "Số CCCD"],
    "grades": ["STT", "Họ và tên", "Ngày sinh", "Đơn vị", "Xếp loại", "Số tháng công tác"],
    "discipline": ["STT", "Họ và tên", "Ngày sinh", "Hình thức kỷ luật", "Từ ngày", "Đến ngày"],
    "awards": ["STT", "Họ và tên", "Ngày sinh", "Đơn vị", "Năm", "Danh hiệu", "Số QĐ", "Ngày QĐ"],
    "initiatives": ["STT", "Tên đề tài", "Ngày công nhận", "Tên tác giả", "Phòng ban làm việc"],
    "unit-grades": ["STT", "Đơn vị", "Năm", "Xếp loại", "Ghi chú"],
    "registrations": ["STT", "Họ và tên", "Ngày sinh", "Đơn vị", "Danh hiệu thi đua đăng ký"],
}
GOOD_ROWS: dict[str, list[list[object]]] = {
    "staff": [[1, "Nguyễn Văn An", "Nam", "15/03/1980", "Chuyên viên", "Văn phòng", None]],
    "grades": [[1, "Nguyễn Văn An", date(1980, 3, 15), "Văn phòng", "HTTNV", 12]],
    "discipline": [[1, "Trần Thị Bình", "05/02/1985", "Khiển trách", "01/02/2025", None]],
    "awards": [[1, "Nguyễn Văn An", "15/03/1980", "Văn phòng", 2023, "LĐTT", "1/QĐ", None]],
    "initiatives": [[1, "Số hóa hồ sơ", "15/12/2024", "Nguyễn Văn An", "Văn phòng"]],
    "unit-grades": [[1, "Văn phòng", 2024, "HTXSNV", None]],
    "registrations": [[1, "Nguyễn Văn An", "15/03/1980", "Văn phòng", "LĐTT"]],
}
# About 100,000 characters (Excel itself stops at 32,767). openpyxl cuts strings at 32,767
# when it writes: a marker goes in the cell and is replaced in the saved file. The second
# one once took minutes (a regular expression quadratic in the number of "ngày").
HUGE = {
    "[[rất dài]]": "Nguyễn Văn An " * 7200,
    "[[rất dài ngày]]": "12/QĐ ngày " * 9000,
}
TRICKY: list[object] = [
    *HUGE,
    "=A1",
    "=1/0",
    "=SUM(A1:A1048576)",
    "+A1",
    "@A1",
    "#N/A",
    "#REF!",
    "31/02/1980",
    "00/00/0000",
    "99999",
    "1/1/0001",
    "Tổng cộng",
    "I. Văn phòng",
    "Người lập biểu",
    "Họ và tên",
    "Nam",
    "x",
    "LĐTT",
    "HTXSNV",
    "\u200b",
    "\t\n",
    "Nguyễn\u0301",
    "2021 - 2023 - 2025",
    "9" * 40,
]
cell_values = st.one_of(
    st.none(),
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=20),
    st.sampled_from(TRICKY),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(min_value=date(1900, 3, 1)),
    st.datetimes(min_value=datetime(1900, 3, 1)),
    st.times(),
    st.timedeltas(min_value=timedelta(days=-10), max_value=timedelta(days=10**5)),
    st.decimals(allow_nan=False, allow_infinity=False, places=3),
    st.booleans(),
)


@st.composite
def merge_ranges(draw: st.DrawFn, rows: int, cols: int) -> list[str]:
    """Merged ranges anywhere, overlapping or not, up to the whole used area."""
    out = []
    for _ in range(draw(st.integers(0, 6))):
        r1 = draw(st.integers(1, rows + 2))
        c1 = draw(st.integers(1, cols + 2))
        r2 = draw(st.integers(r1, r1 + 30))
        c2 = draw(st.integers(c1, min(c1 + 10, 60)))
        if (r1, c1) != (r2, c2):
            out.append(f"{_letter(c1)}{r1}:{_letter(c2)}{r2}")
    return out


def _letter(col: int) -> str:
    name = ""
    while col:
        col, rest = divmod(col - 1, 26)
        name = chr(ord("A") + rest) + name
    return name


@dataclass
class SheetPlan:
    title: str
    rows: list[list[object]]
    merges: list[str]
    state: str  # visible, hidden, veryHidden


@st.composite
def sheet_plans(draw: st.DrawFn, kind: str) -> SheetPlan:
    header = list(HEADERS[kind])
    if draw(st.booleans()):
        header = draw(st.permutations(header))
    rows: list[list[object]] = []
    if draw(st.booleans()):
        rows += [["DANH SÁCH"], []]
    if draw(st.integers(0, 4)):  # most sheets have the header; some do not
        rows.append(header)
    if draw(st.booleans()):
        rows += [list(r) for r in GOOD_ROWS[kind]]
    width = len(header) + 2
    rows += draw(st.lists(st.lists(cell_values, max_size=width), max_size=6))
    merges = draw(merge_ranges(len(rows), width)) if draw(st.booleans()) else []
    state = draw(st.sampled_from(["visible", "visible", "visible", "hidden", "veryHidden"]))
    title = draw(st.sampled_from(["DS", "Cá nhân", "Tập thể", "Sheet1", "'Tổng hợp'", "x" * 31]))
    return SheetPlan(title, rows, merges, state)


def write_book(path: Path, sheets: list[SheetPlan]) -> Path:
    """Write the planned sheets; a workbook needs one visible sheet, so the first stays so."""
    wb = Workbook()
    default = wb.active
    assert default is not None
    wb.remove(default)
    for n, plan in enumerate(sheets):
        ws = wb.create_sheet(f"{plan.title[:28]}{n}" if n else plan.title)
        for r, row in enumerate(plan.rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is not None:
                    ws.cell(row=r, column=c, value=value)
        for rng in plan.merges:
            ws.merge_cells(rng)
        ws.sheet_state = plan.state if n else "visible"
    if not sheets:
        wb.create_sheet("Trống")
    wb.save(path)
    members = _members(path.read_bytes())
    marked = [name for name, data in members.items() if any(m.encode() in data for m in HUGE)]
    for name in marked:
        for mark, long_text in HUGE.items():
            members[name] = members[name].replace(mark.encode(), long_text.encode())
    if marked:
        _zip(members, path)
    return path


def workbooks(kind: str) -> st.SearchStrategy[list[SheetPlan]]:
    return st.lists(sheet_plans(kind), min_size=0, max_size=3)


# A deeper hunt: TDKT_FUZZ_EXAMPLES=500 pytest tests/excel/test_excel_importer_fuzz.py
FUZZ = settings(
    max_examples=int(os.environ.get("TDKT_FUZZ_EXAMPLES", "12")),
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)


@pytest.fixture
def folder(tmp_path: Path) -> Iterator[Path]:
    out = tmp_path / "files"
    out.mkdir()
    yield out


_counter = iter(range(10**9))


def _fresh(folder: Path, name: str = "ds") -> Path:
    return folder / f"{name}-{next(_counter)}.xlsx"


# ---------------------------------------------------------------------------
# Random content, every importer
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_random_workbooks_end_in_an_error_or_an_import(
    kind: str, org: Database, folder: Path
) -> None:
    @FUZZ
    @given(sheets=workbooks(kind))
    def run(sheets: list[SheetPlan]) -> None:
        path = write_book(_fresh(folder), sheets)
        check(kind, path, org)

    run()


def test_a_clean_file_imports_for_every_importer(org: Database, folder: Path) -> None:
    """The generator's good rows do import: the fuzzing reaches the write path."""
    for kind in KINDS:
        rows = [["DANH SÁCH"], [], HEADERS[kind], *GOOD_ROWS[kind]]
        path = write_book(_fresh(folder, kind), [SheetPlan("DS", rows, [], "visible")])
        outcome = check(kind, path, org)
        assert outcome.kind == "written", (kind, outcome)


# ---------------------------------------------------------------------------
# Damaged bytes
# ---------------------------------------------------------------------------


def _members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {i.filename: z.read(i.filename) for i in z.infolist()}


def _zip(members: dict[str, bytes], path: Path) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for name, content in members.items():
            z.writestr(name, content)
    return path


XML_SNIPPETS = [
    b"",
    b"<",
    b"<?xml version='1.0'?>",
    b"<worksheet/>",
    b"<worksheet xmlns='http://schemas.openxmlformats.org/spreadsheetml/2006/main'>"
    b"<sheetData><row r='0'><c r='A0' t='s'><v>99999</v></c></row></sheetData></worksheet>",
    b"<worksheet xmlns='http://schemas.openxmlformats.org/spreadsheetml/2006/main'>"
    b"<sheetData><row><c r='ZZZZ1'><v>1</v></c><c t='b'><v>x</v></c>"
    b"<c t='d'><v>not a date</v></c><c t='n'><v>1e999</v></c></row></sheetData></worksheet>",
    b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'aaaaaaaaaa'>]><x>&a;</x>",
    "<?xml version='1.0' encoding='UTF-16'?><!DOCTYPE x SYSTEM 'file:///etc/passwd'><x/>".encode(
        "utf-16"
    ),
]


@st.composite
def damage(draw: st.DrawFn, data: bytes) -> bytes:
    """One way to spoil a workbook's bytes."""
    how = draw(st.sampled_from(["truncate", "flip", "member", "drop", "junk"]))
    if how == "truncate":
        return data[: draw(st.integers(0, len(data) - 1))]
    if how == "flip":
        out = bytearray(data)
        for _ in range(draw(st.integers(1, 8))):
            out[draw(st.integers(0, len(out) - 1))] = draw(st.integers(0, 255))
        return bytes(out)
    if how == "junk":
        return b"PK\x03\x04" + draw(st.binary(max_size=200))
    members = _members(data)
    name = draw(st.sampled_from(sorted(members)))
    if how == "drop":
        del members[name]
    else:
        members[name] = draw(st.one_of(st.sampled_from(XML_SNIPPETS), st.binary(max_size=64)))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for member, content in members.items():
            z.writestr(member, content)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def good_bytes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("good")
    out = {}
    for kind in KINDS:
        rows = [["DANH SÁCH"], [], HEADERS[kind], *GOOD_ROWS[kind]]
        path = write_book(folder / f"{kind}.xlsx", [SheetPlan("DS", rows, ["A1:C1"], "visible")])
        out[kind] = path.read_bytes()
    return out


@pytest.mark.parametrize("kind", KINDS)
def test_damaged_bytes_end_in_an_error_or_an_import(
    kind: str, org: Database, folder: Path, good_bytes: dict[str, bytes]
) -> None:
    @FUZZ
    @given(data=st.data())
    def run(data: st.DataObject) -> None:
        spoiled = data.draw(damage(good_bytes[kind]))
        path = _fresh(folder)
        path.write_bytes(spoiled)
        check(kind, path, org)

    run()


# ---------------------------------------------------------------------------
# Hostile files, refused before openpyxl parses them
# ---------------------------------------------------------------------------


@pytest.fixture
def openpyxl_must_not_load(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("openpyxl was asked to parse a hostile file")

    monkeypatch.setattr(workbook_module, "load_workbook", refuse)


def _good_members(good_bytes: dict[str, bytes], kind: str = "staff") -> dict[str, bytes]:
    return _members(good_bytes[kind])


BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz ['
    '<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">'
        for n in range(1, 10)
    )
    + "]>"
)


def _with_prolog(xml: bytes, prolog: str) -> bytes:
    body = xml.split(b"?>", 1)[1] if xml.startswith(b"<?xml") else xml
    return prolog.encode("utf-8") + body


def _forge_size(path: Path, member: str, size: int) -> Path:
    """Declare ``size`` uncompressed bytes for ``member`` in the central directory."""
    data = bytearray(path.read_bytes())
    name = member.encode()
    at = 0
    while True:
        at = data.find(b"PK\x01\x02", at)
        assert at >= 0, member
        name_len = struct.unpack_from("<H", data, at + 28)[0]
        if bytes(data[at + 46 : at + 46 + name_len]) == name:
            struct.pack_into("<I", data, at + 24, size)
            break
        at += 4
    path.write_bytes(bytes(data))
    return path


SST_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"


def _with_shared_strings(members: dict[str, bytes], sst: bytes) -> dict[str, bytes]:
    """The workbook with a shared-string table (openpyxl writes inline strings) that cell B4
    uses, so that openpyxl would really parse ``sst``."""
    types = members["[Content_Types].xml"].replace(
        b"</Types>",
        f'<Override PartName="/xl/sharedStrings.xml" ContentType="{SST_TYPE}"/></Types>'.encode(),
    )
    sheet = members["xl/worksheets/sheet1.xml"]
    start = sheet.index(b'<c r="B4"')
    end = sheet.index(b"</c>", start) + len(b"</c>")
    sheet = sheet[:start] + b'<c r="B4" t="s"><v>0</v></c>' + sheet[end:]
    return {
        **members,
        "[Content_Types].xml": types,
        "xl/worksheets/sheet1.xml": sheet,
        "xl/sharedStrings.xml": sst,
    }


SST = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" '
    b'uniqueCount="1"><si><t>Nguy\xe1\xbb\x85n V\xc4\x83n An</t></si></sst>'
)


def _hostile(kind: str, good_bytes: dict[str, bytes], folder: Path) -> Path:
    members = _good_members(good_bytes)
    sheet = members["xl/worksheets/sheet1.xml"]
    shared = SST
    path = folder / f"{kind}.xlsx"
    if kind == "text named .xlsx":
        path.write_text("STT;Họ và tên\n1;Nguyễn Văn An\n", encoding="utf-8")
    elif kind == "random bytes":
        path.write_bytes(os.urandom(2048))
    elif kind == "truncated zip":
        path.write_bytes(good_bytes["staff"][: len(good_bytes["staff"]) * 2 // 3])
    elif kind == "billion laughs in a sheet":
        bomb = _with_prolog(sheet, BILLION_LAUGHS)
        _zip({**members, "xl/worksheets/sheet1.xml": bomb.replace(b"<v>", b"<v>&lol9;", 1)}, path)
    elif kind == "billion laughs in shared strings":
        bomb = _with_prolog(shared, BILLION_LAUGHS).replace(b"<t>", b"<t>&lol9;", 1)
        _zip(_with_shared_strings(members, bomb), path)
    elif kind == "external entity":
        xxe = '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        bomb = _with_prolog(shared, xxe).replace(b"<t>", b"<t>&x;", 1)
        _zip(_with_shared_strings(members, bomb), path)
    elif kind == "parameter entity":
        pe = (
            '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY % p SYSTEM "http://example.invalid/x">%p;]>'
        )
        _zip({**members, "xl/workbook.xml": _with_prolog(members["xl/workbook.xml"], pe)}, path)
    elif kind == "doctype in UTF-16":
        text_ = _with_prolog(sheet, BILLION_LAUGHS).decode("utf-8")
        _zip({**members, "xl/worksheets/sheet1.xml": text_.encode("utf-16")}, path)
    elif kind == "oversized member":
        _forge_size(_zip(members, path), "xl/worksheets/sheet1.xml", 3_000_000_000)
    elif kind == "compression ratio":
        _zip({**members, "xl/worksheets/sheet2.xml": b" " * (2 * 1024 * 1024)}, path)
    elif kind == "too many members":
        extra = {f"xl/media/a{n}.bin": b"" for n in range(10_001)}
        _zip({**members, **extra}, path)
    elif kind == "merged cells over the whole sheet":
        bomb = sheet.replace(
            b"</sheetData>",
            b'</sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>',
        )
        _zip({**members, "xl/worksheets/sheet1.xml": bomb}, path)
    elif kind == "merge hidden behind character references":
        bomb = sheet.replace(
            b"</sheetData>",
            b"</sheetData><mergeCells><mergeCell ref='A2:&#88;FD1048576'/></mergeCells>",
        )
        _zip({**members, "xl/worksheets/sheet1.xml": bomb}, path)
    elif kind == "hyperlink over a whole column":
        bomb = sheet.replace(
            b"</sheetData>", b'</sheetData><hyperlinks><hyperlink ref="B:B"/></hyperlinks>'
        )
        _zip({**members, "xl/worksheets/sheet1.xml": bomb}, path)
    elif kind == "comment over a range":
        comments = (
            b'<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            b'<authors><author>a</author></authors><commentList><comment ref="A1:Z99999" '
            b'authorId="0"><text><t>x</t></text></comment></commentList></comments>'
        )
        _zip({**members, "xl/comments1.xml": comments}, path)
    else:  # pragma: no cover - a typo in the list below
        raise AssertionError(kind)
    return path


HOSTILE = {
    "text named .xlsx": "không phải tệp Excel hợp lệ",
    "random bytes": "không phải tệp Excel hợp lệ",
    "truncated zip": "bị hỏng",
    "billion laughs in a sheet": "không an toàn",
    "billion laughs in shared strings": "không an toàn",
    "external entity": "không an toàn",
    "parameter entity": "không an toàn",
    "doctype in UTF-16": "không an toàn",
    "oversized member": "quá lớn khi giải nén",
    "compression ratio": "nén bất thường",
    "too many members": "thành phần",
    "merged cells over the whole sheet": "gộp ô",
    "merge hidden behind character references": "gộp ô",
    "hyperlink over a whole column": "gộp ô",
    "comment over a range": "gộp ô",
}


@pytest.mark.parametrize("hostile", sorted(HOSTILE))
def test_hostile_files_are_refused_before_parsing(
    hostile: str,
    org: Database,
    folder: Path,
    good_bytes: dict[str, bytes],
    openpyxl_must_not_load: None,
) -> None:
    path = _hostile(hostile, good_bytes, folder)
    for kind in KINDS:
        outcome = check(kind, path, org)
        assert outcome.kind == "refused", (kind, outcome)
        assert HOSTILE[hostile] in outcome.message, outcome.message


def test_the_refusals_are_not_false_alarms(org: Database, folder: Path) -> None:
    """A workbook with merged title cells, hyperlinks and a formula opens as before."""
    rows = [["DANH SÁCH CÁN BỘ"], [], HEADERS["staff"], *GOOD_ROWS["staff"]]
    path = write_book(_fresh(folder), [SheetPlan("DS", rows, ["A1:G1", "A2:G2"], "visible")])
    members = _members(path.read_bytes())
    sheet = members["xl/worksheets/sheet1.xml"].replace(
        b"</sheetData>",
        b'</sheetData><hyperlinks><hyperlink ref="B4" location="DS!A1"/></hyperlinks>',
    )
    _zip({**members, "xl/worksheets/sheet1.xml": sheet}, path)
    assert check("staff", path, org).kind == "written"


def test_a_shared_string_table_is_read(
    org: Database, folder: Path, good_bytes: dict[str, bytes]
) -> None:
    """The bombs above sit in a part openpyxl really reads: without them the file imports."""
    path = _zip(_with_shared_strings(_good_members(good_bytes), SST), folder / "sst.xlsx")
    result = parse_staff(path, codes())
    assert [r.full_name for r in result.rows] == ["Nguyễn Văn An"]


def test_values_longer_than_their_column_are_row_errors(org: Database, folder: Path) -> None:
    """SQLite would store them, PostgreSQL would fail mid-import: each is a cell error."""
    header = [*HEADERS["staff"], "Mã cán bộ"]
    rows = [["DANH SÁCH"], [], header]
    rows.append([1, "Nguyễn Văn An", "Nam", "15/03/1980", "Chuyên viên" + "x" * 110, "Văn phòng"])
    rows.append([2, "Trần Thị Bình", "Nữ", "05/02/1985", None, "Văn phòng", None, "CB" * 30])
    path = write_book(_fresh(folder), [SheetPlan("DS", rows, [], "visible")])
    outcome = check("staff", path, org)
    assert outcome.kind == "blocked"
    assert [(row, column) for row, column, _ in outcome.issues] == [(4, "E"), (5, "H")]
    assert "Dài quá 120 ký tự (121 ký tự)" in outcome.issues[0][2]

    header = ["STT", "Họ và tên", "Năm", "Danh hiệu", "Số QĐ", "Cơ quan quyết định"]
    rows = [header, [1, "Nguyễn Văn An", 2023, "LĐTT", "1/QĐ-" + "X" * 70, "Sở " * 100]]
    path = write_book(_fresh(folder), [SheetPlan("DS", rows, [], "visible")])
    outcome = check("awards", path, org)
    assert outcome.kind == "blocked"
    assert [(row, column) for row, column, _ in outcome.issues] == [(2, "E"), (2, "F")]


@pytest.mark.parametrize("offset", [-9, -3, 0, 2])
def test_declarations_cut_by_a_chunk_boundary_are_found(folder: Path, offset: int) -> None:
    """The parts are read in 1 MB chunks: a declaration or a range split between two chunks
    is still seen."""
    chunk = 1024 * 1024
    for marker, expected in (
        (b"<!DOCTYPE x>", "không an toàn"),
        (b'<mergeCell ref="A1:XFD1048576"/>', "gộp ô"),
    ):
        filler = bytes(ord("a") + n % 26 for n in range(chunk + offset))
        path = _zip({"xl/worksheets/sheet1.xml": filler + marker + b"<x/>"}, _fresh(folder))
        with pytest.raises(ImportFileError, match=expected):
            workbook_module.scan_parts(path)


@pytest.mark.parametrize(
    "what, build, expected",
    [
        (
            "no sheets",
            lambda m: {k: v for k, v in m.items() if "worksheets" not in k},
            "trang tính",
        ),
        (
            "no workbook part",
            lambda m: {k: v for k, v in m.items() if k != "xl/workbook.xml"},
            "thiếu",
        ),
        ("empty archive", lambda m: {}, "bị hỏng"),
    ],
)
def test_workbooks_without_sheets(
    what: str,
    build: Callable[[dict[str, bytes]], dict[str, bytes]],
    expected: str,
    org: Database,
    folder: Path,
    good_bytes: dict[str, bytes],
) -> None:
    path = _zip(build(_good_members(good_bytes)), folder / "rong.xlsx")
    for kind in KINDS:
        outcome = check(kind, path, org)
        assert outcome.kind == "refused", (what, kind, outcome)
        assert expected in outcome.message


# ---------------------------------------------------------------------------
# The command line goes through the same checks
# ---------------------------------------------------------------------------


def test_cli_refuses_an_xml_bomb(
    org: Database, folder: Path, good_bytes: dict[str, bytes], capsys: pytest.CaptureFixture[str]
) -> None:
    from app.cli import EXIT_DATA, main

    path = _hostile("billion laughs in shared strings", good_bytes, folder)
    before = row_counts(org)
    assert main(["import", "staff", str(path), "--db", org.url]) == EXIT_DATA
    err = capsys.readouterr().err
    assert "'billion laughs in shared strings.xlsx' chứa cấu trúc XML không an toàn" in err
    assert row_counts(org) == before
