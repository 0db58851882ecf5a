"""Import a staff list, yearly grades or discipline records from Excel, with a preview (issue 3).

The wizard walks the clerk through the same flow as ``tdkt import``:

1. **Chọn tệp** - kind, file, sheet (automatic by default), year or effective date;
2. **Cột** - the columns detected in the file; the clerk can fix any of them by hand
   (every change re-reads the file with ``mapping=``);
3. **Kiểm tra** - a dry run of the import service: counts, problems by row and column,
   skipped rows, planned changes, and units not in the tree, each mapped to an existing unit
   or created under the agency by the clerk. "Ghi vào CSDL" stays disabled while anything
   blocks the import under the chosen options;
4. **Kết quả** - the real import, in one transaction, and its summary.

The Qt-free half (reading the file, the dry run and the write) is here as plain functions run
through the task runner; the pages are in :mod:`app.ui.screens.units.import_pages`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QWidget, QWizard

from app.domain.errors import DomainError
from app.domain.imports import KIND_NAMES, ImportReport
from app.excel.file_kind import read_problem, sniff_book
from app.excel.legacy import LegacyEncodingError
from app.excel.people_import import (
    ParseResult,
    discipline_spec,
    grade_spec,
    parse_discipline,
    parse_grades,
    parse_staff,
    staff_spec,
)
from app.excel.table import ColumnRef, SheetGrid, TableSpec, detect_header
from app.excel.workbook import ImportFileError, OpenedWorkbook, open_workbook
from app.services import people_import as svc
from app.services.context import AppContext
from app.services.import_service import (
    CREATE_UNIT,
    Choice,
    ImportPlan,
    PlanPreview,
    commit_plan,
    preview_plan,
    unit_key,
)
from app.services.reference import codes
from app.ui.tasks import ProgressFn, TaskRunner

__all__ = [
    "ACCEPT",
    "CREATE_UNIT",
    "KINDS",
    "NEW",
    "Analysis",
    "FileRequest",
    "ImportWizard",
    "PlanPreview",
    "unit_key",
]

R = TypeVar("R")

KINDS: tuple[str, ...] = ("staff", "grades", "discipline")
ACCEPT = "accept"
"""The clerk's answer to a suggestion: the row is the suggested person."""
NEW = "new"
"""The clerk's answer to a suggestion on a staff list: the row is somebody new."""


def _tr(text: str) -> str:
    return QCoreApplication.translate("ImportWizard", text)


def kind_label(kind: str) -> str:
    return {
        "staff": _tr("Danh sách cán bộ"),
        "grades": _tr("Xếp loại"),
        "discipline": _tr("Kỷ luật"),
    }[kind]


def spec_for(kind: str) -> TableSpec:
    maker = {"staff": staff_spec, "grades": grade_spec, "discipline": discipline_spec}[kind]
    return maker(codes())


def column_letter(index: int) -> str:
    """1 -> "A", 28 -> "AB"."""
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def column_index(letter: str) -> int:
    """ "A" -> 1, "AB" -> 28; 0 for an empty or odd letter."""
    index = 0
    for ch in letter.strip().upper():
        if not "A" <= ch <= "Z":
            return 0
        index = index * 26 + ord(ch) - ord("A") + 1
    return index


# ---------------------------------------------------------------------------
# Reading the file (worker side)
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class FileRequest:
    """What page 1 (and the clerk's column choices) ask to read."""

    kind: str
    path: Path
    sheet: str | None = None  # None: the first sheet whose header row is found
    year: int = 0
    mapping: Mapping[str, str | None] = field(default_factory=dict)
    convert_legacy: bool = False  # the clerk's consent to convert TCVN3/VNI text

    @property
    def source(self) -> tuple[str, str, str | None]:
        """What decides the columns: a new source forgets the clerk's column choices."""
        return (self.kind, str(self.path), self.sheet)


@dataclass(frozen=True)
class Analysis:
    """A file read against the columns of its kind.

    ``result`` is ``None`` when the name column was not found; ``problem`` then says why and
    ``columns`` holds what was recognised, so the clerk can pick the missing column.
    """

    request: FileRequest
    sheet_names: tuple[str, ...]
    sheet: str
    header_rows: tuple[int, ...]
    headers: Mapping[int, str]  # column index -> header text, every titled column
    columns: Mapping[str, ColumnRef]
    result: ParseResult[Any] | None
    problem: str = ""

    @property
    def kind(self) -> str:
        return self.request.kind


def sheet_names(path: Path) -> list[str]:
    book = open_workbook(path)
    try:
        return book.sheet_names
    finally:
        book.close()


def _parse(request: FileRequest, book: OpenedWorkbook) -> ParseResult[Any]:
    kw: dict[str, Any] = {
        "sheet": request.sheet,
        "mapping": dict(request.mapping) or None,
        "convert_legacy": request.convert_legacy,
        "book": book,  # read once: the sheet names, the header and the rows
    }
    if request.kind == "staff":
        return parse_staff(request.path, codes(), **kw)
    if request.kind == "grades":
        return parse_grades(request.path, codes(), year=request.year, **kw)
    return parse_discipline(request.path, codes(), **kw)


def _with_mapping(
    columns: Mapping[str, ColumnRef], headers: Mapping[int, str], mapping: Mapping[str, str | None]
) -> dict[str, ColumnRef]:
    out = dict(columns)
    for name, letter in mapping.items():
        out.pop(name, None)
        index = column_index(letter or "")
        if index:
            for other in [n for n, ref in out.items() if ref.index == index]:
                del out[other]
            out[name] = ColumnRef(column_letter(index), index, headers.get(index, ""))
    return out


def analyse(request: FileRequest, progress: ProgressFn) -> Analysis:
    """Read ``request.path``; raises :class:`ImportFileError` or ``ValueError`` (Vietnamese)."""
    progress(_tr("Đang mở tệp {name}…").format(name=request.path.name), 0.0)
    book = open_workbook(request.path)
    try:
        names = tuple(book.sheet_names)
        spec = spec_for(request.kind)
        progress(_tr("Đang đọc các dòng của tệp…"), 0.3)
        try:
            result = _parse(request, book)
        except LegacyEncodingError:
            raise  # the clerk's consent is asked on page 1
        except ImportFileError as exc:
            # No name column: show what was recognised so the clerk can pick it by hand.
            for name in [request.sheet] if request.sheet else names:
                grid = SheetGrid.from_worksheets(*book.sheet_pair(name))
                match = detect_header(grid, spec)
                if match is not None and len(match.columns) >= 2:  # a header row, surely
                    columns = _with_mapping(match.columns, match.headers, request.mapping)
                    return Analysis(
                        request,
                        names,
                        grid.title,
                        match.rows,
                        match.headers,
                        columns,
                        None,
                        str(exc),
                    )
            raise
        problem = read_problem(
            request.kind,
            file=request.path,
            sheet=result.sheet,
            rows=len(result.rows),
            failed_rows=0,  # counted by the preview
            columns=result.column_map,
            preamble=result.preamble,
        )
        if problem:  # no data, not the column this kind needs, another kind of list
            guess = sniff_book(book, codes())
            hint = (
                f" {guess.sentence()}." if guess is not None and guess.kind != request.kind else ""
            )
            raise ImportFileError(problem + hint)
        grid = SheetGrid.from_worksheets(*book.sheet_pair(result.sheet))
        match = detect_header(grid, spec, header_row=result.header_rows[0])
        headers = dict(match.headers) if match is not None else {}
        for ref in result.column_map.values():
            headers.setdefault(ref.index, ref.header)
        progress(_tr("Đã đọc xong tệp"), 1.0)
        return Analysis(
            request, names, result.sheet, result.header_rows, headers, result.column_map, result
        )
    finally:
        book.close()


# ---------------------------------------------------------------------------
# The wizard
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Refused:
    message: str


class ImportWizard(QWizard):
    """Four pages: Chọn tệp, Cột, Kiểm tra, Kết quả. ``imported`` carries the final report."""

    imported = Signal(object)  # ImportReport, once written

    FILE_PAGE, COLUMNS_PAGE, CHECK_PAGE, RESULT_PAGE = range(4)

    def __init__(
        self,
        ctx: AppContext,
        runner: TaskRunner,
        *,
        kind: str = "staff",
        year: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        from app.ui.screens.units.import_pages import (
            CheckPage,
            ColumnsPage,
            FilePage,
            ResultPage,
        )

        if kind not in KINDS:
            raise ValueError(f"Loại dữ liệu không hợp lệ: {kind}")
        self.ctx = ctx
        self.runner = runner
        self.analysis: Analysis | None = None
        self.preview: PlanPreview | None = None
        self.report: ImportReport | None = None  # the final one, once written
        self.mapping: dict[str, str | None] = {}  # the clerk's column choices
        self.choices: dict[str, Choice] = {}  # unit_key -> the clerk's choice
        self.identity_choices: dict[int, str] = {}  # row -> ACCEPT or NEW (suggestions)
        self.update_identity = False
        self.skip_invalid = False
        self.busy = False
        self._known: tuple[str, ...] | None = None
        self._known_for: Analysis | None = None

        self.setObjectName("importWizard")
        self.setWindowTitle(_tr("Nhập dữ liệu từ Excel"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoDefaultButton, True)
        for button, text in (
            (QWizard.WizardButton.BackButton, _tr("< &Quay lại")),
            (QWizard.WizardButton.NextButton, _tr("&Tiếp theo >")),
            (QWizard.WizardButton.CommitButton, _tr("&Ghi vào CSDL")),
            (QWizard.WizardButton.FinishButton, _tr("Đó&ng")),
            (QWizard.WizardButton.CancelButton, _tr("Hủ&y")),
        ):
            self.setButtonText(button, text)
        self.button(QWizard.WizardButton.CancelButton).setToolTip(_tr("Đóng, không ghi gì (Esc)"))

        self.file_page = FilePage(self, kind=kind, year=year or date.today().year)
        self.columns_page = ColumnsPage(self)
        self.check_page = CheckPage(self)
        self.result_page = ResultPage(self)
        for page_id, page in enumerate(
            (self.file_page, self.columns_page, self.check_page, self.result_page)
        ):
            self.setPage(page_id, page)
        self.resize(900, 650)

    # --- running work ---------------------------------------------------------------------

    def run(self, title: str, work: Callable[[ProgressFn], R]) -> tuple[R | None, str]:
        """Run ``work`` through the task runner: (value, "") or (None, Vietnamese message)."""
        if self.busy:
            return None, _tr("Đang xử lý, xin chờ…")

        def guarded(progress: ProgressFn) -> R | _Refused:
            # A file or a choice the rules refuse is an answer for the clerk, not a crash.
            try:
                return work(progress)
            except (ImportFileError, ValueError, DomainError) as exc:
                return _Refused(str(exc))

        self.busy = True
        try:
            outcome = self.runner.run(title, guarded, self)
        finally:
            self.busy = False
        if outcome.cancelled:
            return None, _tr("Đã dừng theo yêu cầu; chưa ghi gì vào cơ sở dữ liệu.")
        if outcome.error is not None:  # already logged with its traceback by the runner
            error = outcome.error
            return None, _tr("Lỗi không mong muốn: {error}").format(
                error=f"{type(error).__name__}: {error}"
            )
        if isinstance(outcome.value, _Refused):
            return None, outcome.value.message
        return outcome.value, ""

    # --- page 1 and 2: the file and its columns --------------------------------------------

    def list_sheets(self, path: Path) -> tuple[list[str] | None, str]:
        return self.run(_tr("Mở tệp Excel"), lambda _progress: sheet_names(path))

    def read_file(self, request: FileRequest) -> str:
        """Read the file of page 1 (the clerk's column choices kept for the same source).
        Returns an error message, or "" when the file could be read."""
        if self.analysis is None or self.analysis.request.source != request.source:
            self.mapping = {}
            self.identity_choices = {}
            self.update_identity = False
        return self._analyse(replace(request, mapping=dict(self.mapping)))

    def set_column(self, name: str, letter: str | None) -> str:
        """The clerk picked column ``letter`` (None: none) for field ``name``: read again."""
        if self.analysis is None:
            return ""
        self.mapping[name] = letter
        return self._analyse(replace(self.analysis.request, mapping=dict(self.mapping)))

    def reset_columns(self) -> str:
        """Forget the clerk's column choices and read again with the detected columns."""
        if self.analysis is None:
            return ""
        self.mapping = {}
        return self._analyse(replace(self.analysis.request, mapping={}))

    def _analyse(self, request: FileRequest) -> str:
        analysis, error = self.run(
            _tr("Đọc tệp Excel"), lambda progress: analyse(request, progress)
        )
        if analysis is None:
            return error
        self.analysis = analysis
        self.preview = None
        return ""

    # --- page 3: the dry run ---------------------------------------------------------------

    def plan(self) -> ImportPlan | None:
        analysis = self.analysis
        if analysis is None or analysis.result is None:
            return None
        result = analysis.result
        return ImportPlan(
            kind=analysis.kind,
            parsed=svc.ParsedFile(
                kind=analysis.kind,
                file=str(analysis.request.path),
                sheet=result.sheet,
                issues=result.issues,
                columns=svc.columns_of(result.column_map),
                headers=svc.headers_of(result.column_map),
            ),
            rows=tuple(result.rows),
            choices=dict(self.choices),
            skip_invalid=self.skip_invalid,
            effective=self.file_page.effective_date() if analysis.kind == "staff" else None,
            accept_suggestions=frozenset(
                row for row, c in self.identity_choices.items() if c == ACCEPT
            ),
            new_people=frozenset(row for row, c in self.identity_choices.items() if c == NEW),
            update_identity=self.update_identity,
        )

    def refresh_preview(self) -> str:
        """Dry run with the current choices (nothing is written). Returns an error or ""."""
        analysis = self.analysis
        plan = self.plan()
        if analysis is None or plan is None:
            return _tr("Chưa đọc được tệp.")
        known = self._known if self._known_for is analysis else None

        def work(progress: ProgressFn) -> PlanPreview:
            progress(_tr("Đang đối chiếu với cơ sở dữ liệu và chạy thử…"), 0.2)
            return self.ctx.read(preview_plan, plan, known)  # a dry run, rolled back anyway

        preview, error = self.run(_tr("Chạy thử nhập dữ liệu"), work)
        if preview is None:
            self.preview = None
            return error
        self._known, self._known_for = preview.unknown_units, analysis
        self.preview = preview
        return ""

    def set_skip_invalid(self, skip: bool) -> str:
        self.skip_invalid = skip
        return self.refresh_preview()

    def choose_unit(self, key: str, choice: Choice) -> str:
        self.choices[key] = choice
        return self.refresh_preview()

    def choose_identity(self, row: int, choice: str | None) -> str:
        """The clerk's answer to the suggestion of ``row``: ACCEPT, NEW or None (undecided)."""
        if choice is None:
            self.identity_choices.pop(row, None)
        else:
            self.identity_choices[row] = choice
        return self.refresh_preview()

    def set_update_identity(self, confirmed: bool) -> str:
        self.update_identity = confirmed
        return self.refresh_preview()

    # --- commit ------------------------------------------------------------------------------

    def write(self) -> str:
        """The real import, in one transaction. Returns an error message or ""."""
        checked = self.preview
        if checked is None or not checked.can_write:
            return _tr("Còn lỗi chặn việc ghi: xem lại bước Kiểm tra.")
        title = KIND_NAMES.get(checked.plan.kind, checked.plan.kind)
        backup_url = self.ctx.url if self.ctx.file is not None else None

        def work(progress: ProgressFn) -> ImportReport:
            progress(_tr("Đang sao lưu và ghi {what} vào cơ sở dữ liệu…").format(what=title), 0.1)
            report = self.ctx.write(commit_plan, checked, backup_url=backup_url)
            progress(_tr("Đã ghi xong"), 1.0)
            return report

        report, error = self.run(_tr("Nhập {what} từ Excel").format(what=title), work)
        if report is None:
            # Refused (a person changed since the preview...): check again, nothing written.
            self.refresh_preview()
            return error
        if not report.written:
            # The database changed since the preview: show the new problems, write nothing.
            self.preview = replace(checked, checked=replace(checked.checked, report=report))
            return _tr(
                "Dữ liệu trong CSDL đã thay đổi từ lúc chạy thử; chưa ghi gì. "
                "Xem lại các lỗi dưới đây."
            )
        self.report = report
        self.imported.emit(report)
        return ""
