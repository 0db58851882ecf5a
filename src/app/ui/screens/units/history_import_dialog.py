"""Bringing history in from Excel (issue 5): past awards, initiatives and collective grades.

The GUI side of ``tdkt import awards|initiatives|unit-grades``, with the same code: the file is
read by :func:`app.excel.history_files.read_history_file` and written by
:func:`app.services.history_import.import_history`. The flow is the import wizard's:

1. choose the kind, the file, the sheet (automatic by default) and a year for rows without one;
2. **Kiểm tra**: a dry run in the background, nothing written; the counts and every problem by
   row, column and reason in a table (Ctrl+C copies the selected rows; "Sao chép báo cáo"
   copies the whole report);
3. **Nhập**: enabled once the check found nothing blocking (or "Bỏ qua dòng lỗi" is ticked);
   asks first, copies an SQLite file to a backup, then writes the checked rows in one
   transaction, all or nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction, QFont, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import DomainError
from app.domain.imports import ImportOptions, ImportReport, RowIssue
from app.domain.vnformat import format_count
from app.domain.vntext import clean
from app.excel.file_kind import read_problem, rows_problem, sniff_file
from app.excel.history_files import field_label, read_history_file
from app.excel.workbook import ImportFileError
from app.services.context import AppContext
from app.services.history_import import HistoryFile
from app.services.import_service import ImportJob, Preview, commit, preview
from app.services.reference import catalogue, codes, province_awards
from app.ui.screens.units.import_wizard import column_index, sheet_names
from app.ui.screens.units.people_model import Column, RecordTableModel, make_table
from app.ui.tasks import ProgressFn, TaskRunner
from app.ui.widgets.date_edit import DateEdit, read_date_text
from app.ui.widgets.fonts import bold_font

_CONTEXT = "HistoryImport"

T = TypeVar("T")

ERROR_STYLE = "color: #b00020;"
OK_STYLE = "color: #1b5e20;"
NO_YEAR = 1899  # the year box's "(theo tệp)" value: below every real year


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def kinds() -> list[tuple[str, str, str]]:
    """(kind, label, what the file holds) in the order of the kind box."""
    return [
        (
            "awards",
            _tr("Khen thưởng đã có"),
            _tr(
                "Mỗi dòng một khen thưởng: họ tên (hoặc tên tập thể), ngày sinh nếu có, đơn vị, "
                "năm hoặc giai đoạn, danh hiệu / hình thức (mã, tên đầy đủ hoặc viết tắt như "
                "“LĐTT”, “BK UBND tỉnh”), số, ngày và cơ quan quyết định."
            ),
        ),
        (
            "initiatives",
            _tr("Sáng kiến"),
            _tr(
                "Mỗi dòng một sáng kiến / đề tài: tên, tác giả (một hoặc nhiều tên trong một ô), "
                "đơn vị, số và ngày quyết định công nhận, phạm vi ảnh hưởng (cơ sở, tỉnh, bộ, "
                "toàn quốc)."
            ),
        ),
        (
            "unit-grades",
            _tr("Xếp loại tập thể"),
            _tr(
                "Các cột “Tên đơn vị”, “Năm”, “Xếp loại”. Tệp không có cột Năm thì dùng năm "
                "chọn bên dưới."
            ),
        ),
    ]


@dataclass(frozen=True)
class HistoryRequest:
    """What the clerk chose: ``kind`` ("awards", "initiatives", "unit-grades"), file, sheet."""

    kind: str
    path: Path
    sheet: str | None
    year: int | None
    decision_number: str = ""  # awards: for rows without a decision number
    decision_date: date | None = None
    create_units: bool = False  # collectives missing from the tree: created under their parent
    convert_legacy: bool = False  # the clerk's consent to convert TCVN3/VNI text


@dataclass(frozen=True)
class Checked:
    """A dry run: the file as read (written as is by Nhập) and what importing it would do."""

    request: HistoryRequest
    skip_invalid: bool
    file: HistoryFile
    preview: Preview

    @property
    def report(self) -> ImportReport:
        return self.preview.report


class _Refused(Exception):
    """A file or a choice the rules refuse: a message for the clerk, not a crash."""


# ---------------------------------------------------------------- the work (no widgets)


def check_file(
    ctx: AppContext,
    request: HistoryRequest,
    skip_invalid: bool,
    progress: ProgressFn,
    accepted: frozenset[int] = frozenset(),
) -> Checked:
    """Read the file and preview the import (read-only session): nothing is written.

    ``accepted``: the rows whose suggested person the clerk accepted."""
    progress(_tr("Đang đọc tệp Excel…"), 0.1)
    history = read_history_file(
        request.kind,
        request.path,
        catalogue(),
        codes(),
        sheet=request.sheet,
        year=request.year,
        decision_number=request.decision_number,
        decision_date=request.decision_date,
        province=province_awards() if request.kind == "awards" else None,
        convert_legacy=request.convert_legacy,
    )
    problem = read_problem(
        request.kind,
        file=request.path,
        sheet=history.parsed.sheet,
        rows=len(history.rows),
        failed_rows=0,  # counted by the preview
        columns=history.parsed.columns,
        headers=history.parsed.headers,
    )
    if problem:  # no data, not the column this kind needs, another kind of list
        guess = sniff_file(request.path, codes())
        hint = f" {guess.sentence()}." if guess is not None and guess.kind != request.kind else ""
        raise ImportFileError(problem + hint)
    progress(_tr("Đang đối chiếu với cơ sở dữ liệu…"), 0.5)
    options = ImportOptions(
        skip_invalid=skip_invalid,
        create_units=request.create_units,
        accept_suggestions=accepted,
    )
    checked = ctx.read(preview, ImportJob.of_history(history, options))
    return Checked(request, skip_invalid, history, checked)


def write_file(ctx: AppContext, checked: Checked, progress: ProgressFn) -> ImportReport:
    """Write the checked file in one transaction, after a backup of an SQLite file; refused
    when a person the rows matched changed since the check."""
    progress(_tr("Đang sao lưu và ghi vào cơ sở dữ liệu…"), 0.2)
    backup_url = ctx.url if ctx.file is not None and not ctx.read_only else None
    return ctx.write(commit, checked.preview, backup_url=backup_url)


def labelled(report: ImportReport, kind: str) -> list[RowIssue]:
    """The report's issues with the sheet's own column header (else the layout's title)."""
    return [
        replace(i, header=i.header or (field_label(kind, i.field) if i.field else ""))
        for i in report.issues
    ]


def counts_text(report: ImportReport) -> str:
    text = (
        _tr("Đã thêm {added}, cập nhật {updated}, giữ nguyên {unchanged}, bỏ qua {skipped}.")
        if report.written
        else _tr("Sẽ thêm {added}, cập nhật {updated}, giữ nguyên {unchanged}, bỏ qua {skipped}.")
    )
    return text.format(
        added=report.added,
        updated=report.updated,
        unchanged=report.unchanged,
        skipped=len(report.skipped),
    )


def report_text(report: ImportReport, kind: str) -> str:
    """The whole report as plain text (for the clipboard): heading, counts, issues, changes."""
    lines = [
        _tr("Nhập {what} từ {file} (trang “{sheet}”): {total} dòng dữ liệu.").format(
            what=report.kind,
            file=report.file,
            sheet=report.sheet,
            total=format_count(report.total_rows),
        ),
        counts_text(report),
    ]
    if report.blocked:
        lines.append(
            _tr(
                "Chưa thể nhập, chưa ghi gì: sửa các lỗi dưới đây trong tệp rồi kiểm tra lại, "
                "hoặc chọn “Bỏ qua dòng lỗi”."
            )
        )
    elif not report.written:
        lines.append(_tr("Kiểm tra: chưa ghi gì vào cơ sở dữ liệu."))
    issues = labelled(report, kind)
    if issues:
        lines.append(_tr("Lỗi ({n}):").format(n=format_count(len(issues))))
        lines.extend(f"  - {i.text()}" for i in issues)
    if report.skipped:
        lines.append(_tr("Dòng bỏ qua ({n}):").format(n=format_count(len(report.skipped))))
        lines.extend(
            "  - " + _tr("dòng {row}: {why}").format(row=row, why=why)
            for row, why in report.skipped
        )
    if report.changes:
        lines.append(
            (_tr("Đã ghi ({n}):") if report.written else _tr("Thay đổi dự kiến ({n}):")).format(
                n=len(report.changes)
            )
        )
        lines.extend(f"  - {c}" for c in report.changes)
    return "\n".join(lines)


def issue_columns() -> list[Column]:
    return [
        Column(_tr("Dòng"), lambda i: str(i.row), lambda i: i.row),
        Column(_tr("Cột"), lambda i: i.column, lambda i: column_index(i.column)),
        Column(_tr("Thông tin"), lambda i: i.header),
        Column(_tr("Lý do"), lambda i: i.message),
    ]


# ---------------------------------------------------------------- the dialog


class HistoryImportDialog(QDialog):
    """Choose, check, import. ``imported`` carries the report of a write."""

    imported = Signal(object)

    def __init__(self, ctx: AppContext, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.runner = runner
        self.checked: Checked | None = None
        self.report: ImportReport | None = None  # the last one shown (a check or a write)
        self.busy = False
        self._sheets_for: str | None = None
        self.setWindowTitle(_tr("Nhập lịch sử khen thưởng, sáng kiến, xếp loại tập thể"))
        self.resize(900, 640)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.kind_combo = QComboBox()
        self._hints: dict[str, str] = {}
        for kind, label, hint in kinds():
            self.kind_combo.addItem(label, kind)
            self._hints[kind] = hint
        self.hint_label = QLabel()
        self.hint_label.setWordWrap(True)
        self.hint_label.setStyleSheet("color: palette(placeholder-text);")
        kind_box = QVBoxLayout()
        kind_box.setSpacing(2)
        kind_box.addWidget(self.kind_combo)
        kind_box.addWidget(self.hint_label)
        form.addRow(self._buddy(_tr("&Loại dữ liệu:"), self.kind_combo), kind_box)

        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText(_tr("Đường dẫn tệp Excel (.xlsx)"))
        self.path_edit.setClearButtonEnabled(True)
        self.browse_button = QPushButton(_tr("&Chọn tệp…"))
        self.browse_button.setAutoDefault(False)
        self.browse_button.clicked.connect(self.browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.browse_button)
        form.addRow(self._buddy(_tr("Tệp &Excel:"), self.path_edit), path_row)

        self.sheet_combo = QComboBox()
        self.sheet_combo.addItem(_tr("(tự động: trang đầu tiên có dòng tiêu đề cột)"), None)
        form.addRow(self._buddy(_tr("T&rang tính:"), self.sheet_combo), self.sheet_combo)

        self.year_spin = QSpinBox()
        self.year_spin.setRange(NO_YEAR, 2100)
        self.year_spin.setSpecialValueText(_tr("(theo tệp)"))
        self.year_spin.setValue(NO_YEAR)
        self.year_spin.setToolTip(
            _tr("Năm dùng cho các dòng không ghi năm. Để “(theo tệp)” nếu mỗi dòng đã có năm.")
        )
        form.addRow(self._buddy(_tr("Nă&m mặc định:"), self.year_spin), self.year_spin)

        self.decision_edit = QLineEdit()
        self.decision_edit.setMaxLength(60)
        self.decision_edit.setPlaceholderText(_tr("ví dụ 125/QĐ-UBND (để trống nếu tệp có cột số)"))
        self.decision_date_edit = DateEdit(None, optional=True)
        decision_row = QHBoxLayout()
        decision_row.addWidget(self.decision_edit, 2)
        self.decision_date_label = self._buddy(_tr("Ngà&y:"), self.decision_date_edit)
        decision_row.addWidget(self.decision_date_label)
        decision_row.addWidget(self.decision_date_edit, 1)
        self.decision_label = self._buddy(_tr("Số quyết định (&dòng chưa có):"), self.decision_edit)
        self.decision_label.setToolTip(
            _tr(
                "Danh sách đề nghị (chưa có số quyết định) chỉ được nhập làm khen thưởng khi có "
                "quyết định: ghi số và ngày quyết định để dùng cho mọi dòng chưa có số."
            )
        )
        form.addRow(self.decision_label, decision_row)
        self._decision_row = decision_row

        self.create_units_check = QCheckBox(
            _tr("&Tạo đơn vị chưa có trong cây (trực thuộc đơn vị cấp trên ghi trong tệp)")
        )
        form.addRow("", self.create_units_check)
        self.legacy_check = QCheckBox(
            _tr("Chuyển chữ gõ bằng bảng mã cũ (TCVN3, &VNI) sang Unicode")
        )
        self.legacy_check.setToolTip(
            _tr("Chỉ chọn khi bước Kiểm tra báo tệp dùng bảng mã cũ; xem lại ở thẻ “Chuyển mã”.")
        )
        form.addRow("", self.legacy_check)
        self.accepted: set[int] = set()  # rows whose suggested person the clerk accepted
        self.suggestion_combos: dict[int, QComboBox] = {}
        self._suggestions_for: tuple[object, ...] | None = None

        self.skip_check = QCheckBox(
            _tr("&Bỏ qua dòng lỗi (chỉ nhập các dòng hợp lệ; dòng lỗi được liệt kê trong báo cáo)")
        )
        form.addRow("", self.skip_check)

        self.check_button = self._push(
            _tr("&Kiểm tra"), _tr("Chạy thử: đọc tệp và đối chiếu, chưa ghi gì"), self.check
        )
        self.import_button = self._push(
            _tr("&Nhập"), _tr("Ghi các dòng đã kiểm tra vào cơ sở dữ liệu"), self.run_import
        )
        self.copy_button = self._push(
            _tr("Sao c&hép báo cáo"), _tr("Chép cả báo cáo vào bộ nhớ tạm"), self.copy_report
        )
        self.import_button.setEnabled(False)
        self.copy_button.setEnabled(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(_tr("Đóng"))
        self.buttons.rejected.connect(self.reject)
        actions = QHBoxLayout()
        actions.addWidget(self.check_button)
        actions.addWidget(self.import_button)
        actions.addWidget(self.copy_button)
        actions.addStretch(1)
        actions.addWidget(self.buttons)

        self.counts_label = QLabel()
        bold = QFont(self.counts_label.font())
        bold.setBold(True)
        self.counts_label.setFont(bold)
        self.counts_label.setWordWrap(True)
        self.status_label = QLabel(
            _tr("Chọn tệp rồi bấm Kiểm tra: chưa ghi gì cho đến khi bấm Nhập.")
        )
        self.status_label.setObjectName("historyImportStatus")
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.issues_model = RecordTableModel(issue_columns(), self)
        self.issues_view: QTableView
        self.issues_view, self.issues_proxy = make_table(self.issues_model, sort_column=0)
        self.issues_view.setAccessibleName(_tr("Lỗi"))
        self.issues_view.setWordWrap(True)
        self.issues_view.setTabKeyNavigation(False)
        self.issues_view.setSelectionMode(QTableView.SelectionMode.ExtendedSelection)
        self.issues_model.modelReset.connect(self.issues_view.resizeRowsToContents)
        header = self.issues_view.horizontalHeader()
        for column in range(3):  # Dòng, Cột, Thông tin fit; Lý do takes the rest and wraps
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.sectionResized.connect(lambda *_args: self.issues_view.resizeRowsToContents())
        copy = QAction(_tr("Sao chép các dòng đang chọn"), self.issues_view)
        copy.setShortcut(QKeySequence.StandardKey.Copy)
        copy.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        copy.triggered.connect(self.copy_issues)
        self.issues_view.addAction(copy)
        self.issues_view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.changes_text = QPlainTextEdit()
        self.changes_text.setReadOnly(True)
        self.changes_text.setAccessibleName(_tr("Thay đổi"))
        self.report_view = QPlainTextEdit()
        self.report_view.setReadOnly(True)
        self.report_view.setAccessibleName(_tr("Báo cáo"))
        self.suggestions_scroll = QScrollArea()
        self.suggestions_scroll.setWidgetResizable(True)
        self.conversions_text = QPlainTextEdit()
        self.conversions_text.setReadOnly(True)
        self.conversions_text.setAccessibleName(_tr("Chuyển mã"))
        self.tabs = QTabWidget()
        self.tabs.addTab(self.issues_view, _tr("Lỗi"))
        self.tabs.addTab(self.changes_text, _tr("Thay đổi"))
        self.tabs.addTab(self.report_view, _tr("Báo cáo đầy đủ"))
        self.tabs.addTab(self.suggestions_scroll, _tr("Gợi ý"))
        self.tabs.addTab(self.conversions_text, _tr("Chuyển mã"))
        self.tabs.setTabVisible(3, False)
        self.tabs.setTabVisible(4, False)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(actions)
        layout.addWidget(self.counts_label)
        layout.addWidget(self.status_label)
        layout.addWidget(self.tabs, 1)

        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        self.path_edit.textChanged.connect(self._path_changed)
        self.path_edit.editingFinished.connect(self.load_sheets)
        self.sheet_combo.currentIndexChanged.connect(self._choice_changed)
        self.year_spin.valueChanged.connect(self._choice_changed)
        self.decision_edit.textChanged.connect(self._choice_changed)
        self.decision_date_edit.textChanged.connect(self._choice_changed)
        self.create_units_check.toggled.connect(self._option_toggled)
        self.legacy_check.toggled.connect(self._option_toggled)
        self.skip_check.toggled.connect(self._skip_toggled)
        self.check_button.setDefault(True)
        chain: list[QWidget] = [self.kind_combo, self.path_edit, self.browse_button]
        chain += [self.sheet_combo, self.year_spin, self.decision_edit, self.decision_date_edit]
        chain += [self.create_units_check, self.legacy_check, self.skip_check, self.check_button]
        chain += [self.import_button, self.copy_button, self.tabs]
        for first, second in zip(chain, chain[1:], strict=False):
            self.setTabOrder(first, second)
        self._kind_changed()
        if ctx.read_only:
            self._status(
                _tr(
                    "Cơ sở dữ liệu đang mở chỉ đọc: có thể kiểm tra tệp nhưng không nhập được. "
                    "Đóng chương trình đang ghi vào CSDL rồi mở lại TĐKT để nhập."
                ),
                ERROR_STYLE,
            )

    @staticmethod
    def _push(text: str, tip: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tip)
        button.setAutoDefault(False)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    @staticmethod
    def _buddy(text: str, widget: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(widget)
        widget.setAccessibleName(text.replace("&", "").rstrip(":"))
        return label

    # --- values ------------------------------------------------------------------------------

    def kind(self) -> str:
        return str(self.kind_combo.currentData())

    def decision_date(self) -> date | None:
        """The typed decision date; raises ``ValueError`` (Vietnamese) when it is not one."""
        return read_date_text(self.decision_date_edit.text())

    def request(self) -> HistoryRequest:
        year = self.year_spin.value()
        awards = self.kind() == "awards"
        try:
            day = self.decision_date() if awards else None
        except ValueError:
            day = None
        return HistoryRequest(
            kind=self.kind(),
            path=Path(self.path_edit.text().strip().strip('"')),
            sheet=self.sheet_combo.currentData(),
            year=None if year == NO_YEAR else year,
            decision_number=clean(self.decision_edit.text()) if awards else "",
            decision_date=day,
            create_units=self.create_units_check.isChecked() and self.kind() != "initiatives",
            convert_legacy=self.legacy_check.isChecked(),
        )

    # --- reactions ---------------------------------------------------------------------------

    def _status(self, text: str, style: str = "") -> None:
        self.status_label.setText(text)
        self.status_label.setStyleSheet(style)

    def _kind_changed(self) -> None:
        self.hint_label.setText(self._hints.get(self.kind(), ""))
        awards = self.kind() == "awards"
        for widget in (
            self.decision_label,
            self.decision_edit,
            self.decision_date_label,
            self.decision_date_edit,
        ):
            widget.setVisible(awards)
        self.create_units_check.setVisible(self.kind() != "initiatives")
        self._choice_changed()

    def _option_toggled(self, _checked: bool) -> None:
        self._choice_changed()

    def _path_changed(self) -> None:
        if self._sheets_for is not None and self._sheets_for != self.path_edit.text().strip():
            self._sheets_for = None
            self.fill_sheets([])  # the sheets of another file
        self.accepted = set()  # another file: its suggestions are new questions
        self._choice_changed()

    def _choice_changed(self) -> None:
        """Another file, sheet, kind or year: the check no longer holds."""
        if self.checked is not None:
            self.checked = None
            self._status(_tr("Lựa chọn đã thay đổi: bấm Kiểm tra lại trước khi nhập."))
        self.import_button.setEnabled(False)

    def _skip_toggled(self, _checked: bool) -> None:
        if self.checked is not None:
            self.check()  # the same file under the new option

    def browse(self) -> None:
        current = self.path_edit.text().strip()
        start = str(Path(current).parent) if current else ""
        path, _filter = QFileDialog.getOpenFileName(
            self, _tr("Chọn tệp Excel"), start, _tr("Excel (*.xlsx *.xlsm)")
        )
        if path:
            self.path_edit.setText(path)
            self.load_sheets()

    def load_sheets(self) -> None:
        """Fill the sheet box from the workbook (once per file)."""
        text = self.path_edit.text().strip()
        if not text or text == self._sheets_for or self.busy:
            return
        self._sheets_for = text
        names = self._run(_tr("Mở tệp Excel"), lambda _p: sheet_names(self.request().path))
        self.fill_sheets(names or [])

    def fill_sheets(self, names: list[str]) -> None:
        current = self.sheet_combo.currentData()
        self.sheet_combo.blockSignals(True)
        while self.sheet_combo.count() > 1:
            self.sheet_combo.removeItem(1)
        for name in names:
            self.sheet_combo.addItem(name, name)
        self.sheet_combo.setCurrentIndex(max(0, self.sheet_combo.findData(current)))
        self.sheet_combo.blockSignals(False)

    # --- background work -----------------------------------------------------------------------

    def _run(self, title: str, work: Callable[[ProgressFn], T]) -> T | None:
        """Run ``work`` through the task runner; a refusal or a failure goes to the status line."""

        def guarded(progress: ProgressFn) -> T | _Refused:
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
            self._status(_tr("Đã dừng theo yêu cầu; chưa ghi gì vào cơ sở dữ liệu."), ERROR_STYLE)
            return None
        if outcome.error is not None:  # logged with its traceback by the runner
            error = outcome.error
            self._status(
                _tr("Lỗi không mong muốn: {error}").format(
                    error=f"{type(error).__name__}: {error}"
                ),
                ERROR_STYLE,
            )
            return None
        if isinstance(outcome.value, _Refused):
            self._status(str(outcome.value), ERROR_STYLE)
            return None
        return outcome.value

    def check(self) -> Checked | None:
        """Kiểm tra: a dry run of the chosen file; enables Nhập when nothing blocks it."""
        if self.busy:
            return None
        request = self.request()
        if not self.path_edit.text().strip():
            self._status(_tr("Chưa chọn tệp Excel."), ERROR_STYLE)
            self.path_edit.setFocus()
            return None
        if self.kind() == "awards":
            try:
                self.decision_date()
            except ValueError as exc:
                self._status(_tr("Ngày quyết định: {error}").format(error=exc), ERROR_STYLE)
                self.decision_date_edit.setFocus()
                return None
            if bool(request.decision_number) != (request.decision_date is not None):
                self._status(
                    _tr("Ghi cả số và ngày quyết định (hoặc để trống cả hai)."), ERROR_STYLE
                )
                return None
        skip = self.skip_check.isChecked()
        accepted = frozenset(self.accepted)
        self.checked = None
        self.import_button.setEnabled(False)
        checked = self._run(
            _tr("Kiểm tra tệp lịch sử"),
            lambda progress: check_file(self.ctx, request, skip, progress, accepted),
        )
        if checked is None:
            self._show(None)
            return None
        self.checked = checked
        self._show(checked.report)
        report = checked.report
        if report.blocked:
            rows = len({i.row for i in report.issues})
            self._status(
                _tr(
                    "Có {n} lỗi ở {rows} dòng: chưa thể nhập, chưa ghi gì. Sửa tệp rồi bấm "
                    "Kiểm tra lại, hoặc chọn “Bỏ qua dòng lỗi” để chỉ nhập các dòng hợp lệ."
                ).format(n=format_count(len(report.issues)), rows=format_count(rows)),
                ERROR_STYLE,
            )
        elif self.ctx.read_only:
            self._status(
                _tr("Tệp hợp lệ, nhưng cơ sở dữ liệu đang mở chỉ đọc: không nhập được."),
                ERROR_STYLE,
            )
        else:
            text = _tr("Có thể nhập: bấm Nhập để ghi vào cơ sở dữ liệu (chưa ghi gì).")
            if report.skipped:
                text += " " + _tr("{n} dòng lỗi sẽ bị bỏ qua.").format(
                    n=format_count(len(report.skipped))
                )
            self._status(text, OK_STYLE)
        failed = {i.row for i in report.issues if i.row} | {row for row, _ in report.skipped}
        most_fail = rows_problem(
            checked.request.kind,
            file=checked.request.path,
            sheet=report.sheet,
            failed=len(failed),
            total=report.total_rows,
        )
        if most_fail:  # even with "Bỏ qua dòng lỗi": this is not the file the clerk meant
            self._status(most_fail, ERROR_STYLE)
        self.import_button.setEnabled(
            not report.blocked and not self.ctx.read_only and not most_fail
        )
        undecided = [x for x in report.suggestions if x.row not in self.accepted]
        if undecided:
            self.tabs.setCurrentWidget(self.suggestions_scroll)
        elif report.issues:
            self.tabs.setCurrentWidget(self.issues_view)
        else:
            self.tabs.setCurrentWidget(self.changes_text)
        return checked

    def run_import(self) -> ImportReport | None:
        """Nhập: ask, back up, write the checked rows in one transaction."""
        checked = self.checked
        if checked is None or checked.report.blocked or self.busy or self.ctx.read_only:
            return None
        report = checked.report
        question = _tr(
            "Ghi vào cơ sở dữ liệu: thêm {added}, cập nhật {updated} ({what}, tệp “{file}”)?"
        ).format(
            added=format_count(report.added),
            updated=format_count(report.updated),
            what=report.kind,
            file=checked.request.path.name,
        )
        if report.skipped:
            question += "\n\n" + _tr("{n} dòng lỗi sẽ bị bỏ qua.").format(
                n=format_count(len(report.skipped))
            )
        if self.ctx.file is not None:
            question += "\n\n" + _tr("Cơ sở dữ liệu được sao lưu trước khi ghi.")
        buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
        answer = QMessageBox.question(
            self, _tr("Nhập lịch sử"), question, buttons, QMessageBox.StandardButton.No
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
        self.import_button.setEnabled(False)
        written = self._run(
            _tr("Nhập {what} từ Excel").format(what=report.kind),
            lambda progress: write_file(self.ctx, checked, progress),
        )
        if written is None:
            return None
        self._show(written)
        if not written.written:
            # The database changed since the check: show the new problems, nothing written.
            self.checked = None
            self._status(
                _tr(
                    "Dữ liệu trong cơ sở dữ liệu đã thay đổi từ lúc kiểm tra; chưa ghi gì. "
                    "Xem lại các lỗi rồi bấm Kiểm tra lại."
                ),
                ERROR_STYLE,
            )
            return written
        self.checked = None
        self._status(_tr("Đã ghi vào cơ sở dữ liệu."), OK_STYLE)
        self.imported.emit(written)
        return written

    # --- showing a report ------------------------------------------------------------------

    def _show(self, report: ImportReport | None) -> None:
        self.report = report
        self.copy_button.setEnabled(report is not None)
        if report is None:
            self.counts_label.clear()
            self.issues_model.set_rows([])
            self.changes_text.clear()
            self.report_view.clear()
            self.conversions_text.clear()
            self.tabs.setTabVisible(3, False)
            self.tabs.setTabVisible(4, False)
            self.tabs.setTabText(0, _tr("Lỗi"))
            self.tabs.setTabText(1, _tr("Thay đổi"))
            return
        kind = self.checked.request.kind if self.checked is not None else self.kind()
        self.counts_label.setText(
            _tr("{total} dòng dữ liệu.").format(total=format_count(report.total_rows))
            + " "
            + counts_text(report)
        )
        issues = labelled(report, kind)
        self.issues_model.set_rows(issues)
        self.tabs.setTabText(0, _tr("Lỗi ({n})").format(n=format_count(len(issues))))
        self.changes_text.setPlainText("\n".join(report.changes) or _tr("(không có thay đổi nào)"))
        self.tabs.setTabText(
            1,
            (_tr("Đã ghi ({n})") if report.written else _tr("Thay đổi dự kiến ({n})")).format(
                n=len(report.changes)
            ),
        )
        self.report_view.setPlainText(report_text(report, kind))
        self._show_suggestions(report)
        conversions = self.checked.file.conversions if self.checked is not None else ()
        self.conversions_text.setPlainText(
            "\n".join(
                _tr("Dòng {row}, cột {column} ({header}): {before} → {after}").format(
                    row=c.row, column=c.column, header=c.header, before=c.before, after=c.after
                )
                for c in conversions
            )
        )
        self.tabs.setTabText(4, _tr("Chuyển mã ({n})").format(n=format_count(len(conversions))))
        self.tabs.setTabVisible(4, bool(conversions))

    def _show_suggestions(self, report: ImportReport) -> None:
        """One line per near name: "is it this person?", answered with a combo box. Rebuilt
        only when the questions change, never for an answer (the combo box that gave it is
        still handling its own event)."""
        key = tuple(report.suggestions)
        self.tabs.setTabVisible(3, bool(report.suggestions))
        undecided = [x for x in report.suggestions if x.row not in self.accepted]
        self.tabs.setTabText(
            3,
            _tr("Gợi ý ({n}, chưa chọn {m})").format(
                n=format_count(len(report.suggestions)), m=format_count(len(undecided))
            ),
        )
        if key == self._suggestions_for:
            return
        self._suggestions_for = key
        body = QWidget()
        grid = QGridLayout(body)
        grid.setColumnStretch(2, 1)
        bold = bold_font()
        for col, text in enumerate(
            (_tr("Dòng"), _tr("Họ tên trong tệp"), _tr("Có phải"), _tr("Xử lý"))
        ):
            head = QLabel(text)
            head.setFont(bold)
            grid.addWidget(head, 0, col)
        self.suggestion_combos = {}
        for line, sug in enumerate(report.suggestions, start=1):
            who = QLabel(sug.candidates)
            who.setWordWrap(True)
            combo = QComboBox()
            combo.setObjectName(f"suggestion_{sug.row}")
            combo.setAccessibleName(_tr("Xử lý gợi ý dòng {row}").format(row=sug.row))
            combo.addItem(_tr("(chưa chọn: không ghi dòng này)"), False)
            if sug.person_id is not None:
                combo.addItem(_tr("Đúng là người này"), True)
            combo.setCurrentIndex(1 if sug.row in self.accepted and combo.count() > 1 else 0)
            combo.activated.connect(lambda _i, r=sug.row, c=combo: self._suggestion_chosen(r, c))
            grid.addWidget(QLabel(str(sug.row)), line, 0)
            grid.addWidget(QLabel(sug.name_in_file), line, 1)
            grid.addWidget(who, line, 2)
            grid.addWidget(combo, line, 3)
            self.suggestion_combos[sug.row] = combo
        grid.setRowStretch(len(report.suggestions) + 1, 1)
        old = self.suggestions_scroll.takeWidget()
        if old is not None:
            old.deleteLater()
        self.suggestions_scroll.setWidget(body)

    def _suggestion_chosen(self, row: int, combo: QComboBox) -> None:
        if combo.currentData():
            self.accepted.add(row)
        else:
            self.accepted.discard(row)
        if self.checked is not None or self.report is not None:
            self.check()  # the same file with the clerk's answer

    def copy_report(self) -> None:
        if self.report is not None:
            QGuiApplication.clipboard().setText(self.report_view.toPlainText())
            self._status(_tr("Đã sao chép báo cáo vào bộ nhớ tạm."), OK_STYLE)

    def copy_issues(self) -> None:
        """Copy the selected issue rows (all rows if none) as tab-separated text."""
        view = self.issues_view
        rows = sorted({i.row() for i in view.selectionModel().selectedRows()})
        if not rows:
            rows = list(range(self.issues_proxy.rowCount()))
        columns = range(self.issues_proxy.columnCount())
        header = [str(self.issues_proxy.headerData(c, Qt.Orientation.Horizontal)) for c in columns]
        lines = ["\t".join(header)]
        for r in rows:
            lines.append(
                "\t".join(str(self.issues_proxy.index(r, c).data() or "") for c in columns)
            )
        QGuiApplication.clipboard().setText("\n".join(lines))
