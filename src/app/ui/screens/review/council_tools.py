"""The bulk actions of the "Hội đồng TĐKT" tab (:mod:`.council_ballots` says what each does):
paste, fill-down, "all in favour", undo, list approval, the tally sheet out and back in.

:class:`BallotTools` acts for a :class:`.council_panel.CouncilPanel` (its context, session,
lines and dialogs); it writes through the services only, one transaction per action.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.domain.council_paste import BlockRow
from app.domain.errors import ConflictError, DomainError, ValidationError
from app.domain.vnformat import format_count, format_date
from app.services import council, council_candidates, council_tally
from app.services.council_tally import TallyPreview
from app.services.reports import ReportParams, gather
from app.ui.screens.review.council_ballots import (
    Edit,
    ListApprovalDialog,
    ReceivedDateDialog,
    RowsDialog,
    clipboard_rows,
    filled_rows,
    list_titles,
    snapshot,
    undo_entries,
)
from app.ui.screens.review.council_table import BALLOT_FIELDS
from app.ui.tasks import ProgressFn

if TYPE_CHECKING:
    from app.ui.screens.review.council_panel import CouncilPanel

_CONTEXT = "CouncilPanel"
MAX_UNDO = 50


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


class BallotTools:
    def __init__(self, panel: CouncilPanel) -> None:
        self.panel = panel
        self.undo_stack: list[Edit] = []

    # --- undo ------------------------------------------------------------------------------

    def remember(self, edit: Edit) -> None:
        self.undo_stack.append(edit)
        del self.undo_stack[:-MAX_UNDO]
        self.panel.update_state()

    def forget(self) -> None:
        self.undo_stack.clear()

    def undo(self) -> bool:
        """Put the last ballot edit back as it was."""
        panel = self.panel
        row = panel.current_session()
        if row is None or not self.undo_stack:
            panel.set_status(_tr("Không có thao tác ghi phiếu nào để hoàn tác."))
            return False
        edit = self.undo_stack[-1]
        entries = undo_entries(edit, panel.lines_by_key())
        try:
            panel.ctx.write(council.record_votes, row.id, entries)
        except DomainError as exc:
            self._refused(_tr("Hoàn tác"), exc)
            return False
        self.undo_stack.pop()
        panel.reload(keep_position=True)
        panel.set_status(
            _tr("Đã hoàn tác: {what} ({n} dòng).").format(
                what=edit.label, n=format_count(len(entries))
            )
        )
        return True

    # --- writing rows ------------------------------------------------------------------------

    def _refused(self, title: str, exc: DomainError) -> None:
        problems = exc.problems if isinstance(exc, ValidationError) else [str(exc)]
        message = "\n".join(f"• {p}" for p in problems[:15])
        if len(problems) > 15:
            message += "\n" + _tr("… và {n} lỗi khác").format(n=format_count(len(problems) - 15))
        self.panel.set_status(title + ": " + _tr("không ghi gì."), error=True)
        QMessageBox.warning(self.panel, title, message)
        if isinstance(exc, ConflictError):
            self.panel.reload(keep_position=True)

    def _preview(self, rows: Sequence[BlockRow], file_session: int | None = None) -> TallyPreview:
        row = self.panel.current_session()
        assert row is not None
        return self.panel.ctx.read(
            council_tally.preview_rows, row.id, rows, file_session=file_session
        )

    def _commit(self, checked: TallyPreview, label: str, *, partial: bool) -> int:
        """Write a preview; remember it for undo. Raises the services' refusals."""
        panel = self.panel
        now = panel.lines_by_key()
        before = [now[i.candidate.key] for i in checked.to_write if i.candidate is not None]
        edit = snapshot(label, [line for line in before if line is not None])
        written = panel.ctx.write(council_tally.commit_rows, checked, partial=partial)
        if written:
            self.remember(edit)
        panel.reload(keep_position=True)
        return len(written)

    def _direct(self, rows: Sequence[BlockRow], label: str) -> bool:
        """Rows placed on known lines (fill-down, all in favour): written at once, all or
        nothing, Ctrl+Z puts them back."""
        checked = self._preview(rows)
        if checked.blocked:
            problems = [p for i in checked.items for p in i.problems]
            self._refused(label, ValidationError(problems or [_tr("Có dòng không hợp lệ")]))
            return False
        try:
            n = self._commit(checked, label, partial=False)
        except DomainError as exc:
            self._refused(label, exc)
            return False
        self.panel.set_status(
            _tr("{what}: đã ghi {n} phiếu (Ctrl+Z để hoàn tác).").format(
                what=label, n=format_count(n)
            )
        )
        return True

    def review_rows(
        self,
        title: str,
        rows: Sequence[BlockRow],
        *,
        partial: bool,
        file_session: int | None = None,
        backup: bool = False,
    ) -> None:
        """Show what ``rows`` would write (:class:`RowsDialog`); write on the clerk's OK."""
        panel = self.panel
        checked = self._preview(rows, file_session)
        dialog = RowsDialog(title, checked, partial=partial, parent=panel)

        def commit(preview: TallyPreview) -> bool:
            ctx = panel.ctx
            if backup and ctx.file is not None and not ctx.read_only:
                from app.services.backup import backup_database

                backup_database(ctx.url, reason="truoc-nhap")
            n = self._commit(preview, title, partial=partial)
            panel.set_status(
                _tr("{what}: đã ghi {n} phiếu (Ctrl+Z để hoàn tác).").format(
                    what=title, n=format_count(n)
                )
            )
            return True

        panel.open_dialog(dialog, commit)

    # --- paste, fill-down, all in favour ----------------------------------------------------

    def paste(self, text: str | None = None) -> bool:
        """A block copied in Excel (the clipboard's text unless ``text`` is given)."""
        panel = self.panel
        if panel.current_session() is None:
            return False
        if text is None:
            text = QGuiApplication.clipboard().text()
        index = panel.table.currentIndex()
        lines = panel.lines_from(index.row() if index.isValid() else 0)
        rows, refusal = clipboard_rows(text, lines, index.column() if index.isValid() else -1)
        if refusal:
            panel.set_status(refusal, error=True)
            QMessageBox.warning(panel, _tr("Dán từ Excel"), refusal)
            return False
        self.review_rows(_tr("Dán số phiếu từ Excel"), rows, partial=True)
        return True

    def fill_down(self) -> bool:
        """The first selected cell's count copied to the cells selected below it."""
        panel = self.panel
        cells = panel.selected_cells()
        columns = {column for _line, column in cells}
        if len(columns) != 1 or next(iter(columns)) not in BALLOT_FIELDS or len(cells) < 2:
            panel.set_status(
                _tr("Chọn các ô của một cột số phiếu (ô trên cùng có số) rồi bấm Ctrl+D."),
                error=True,
            )
            return False
        column = next(iter(columns))
        first = cells[0][0]
        value = first.value(BALLOT_FIELDS[column])
        if value is None:
            panel.set_status(_tr("Ô trên cùng chưa có số để điền xuống."), error=True)
            return False
        targets = [line for line, _column in cells[1:]]
        return self._direct(filled_rows(targets, column, value), _tr("Điền xuống"))

    def all_in_favour(self) -> bool:
        """“Đồng ý” = the valid ballots of each selected row (every row shown if none)."""
        panel = self.panel
        lines = [line for line, _column in panel.selected_cells()] or panel.visible_lines()
        lines = list(dict.fromkeys(lines))
        if panel.current_session() is None or not lines:
            return False
        rows = []
        for n, line in enumerate(lines, start=1):
            valid = line.value("valid")
            count = panel.voters_for(line) if valid is None else valid
            counts = {"in_favour": count}
            rows.append(BlockRow(n, line.position, line.name, None, None, counts, (), line.key))
        return self._direct(rows, _tr("Tất cả đồng ý"))

    # --- list approval ---------------------------------------------------------------------

    def approve_list(self) -> bool:
        panel = self.panel
        row = panel.current_session()
        if row is None or panel.rules is None:
            return False
        titles = list_titles(panel.model.lines(), panel.title_names)
        if not titles:
            panel.set_status(
                _tr(
                    "Phiên họp chưa có danh hiệu nào thông qua theo danh sách (LĐTT, TTLĐTT, "
                    "Giấy khen...): lấy danh sách từ đề xuất bình xét trước."
                ),
                error=True,
            )
            return False
        dialog = ListApprovalDialog(row, panel.rules, titles, panel)
        chosen = panel.title_filter()
        if chosen is not None and dialog.title_combo.findData(chosen) >= 0:
            dialog.title_combo.setCurrentIndex(dialog.title_combo.findData(chosen))
        approvals = {a.title: a for a in panel.ctx.read(council_candidates.list_approvals, row.id)}

        def commit(values: tuple[str, int]) -> bool:
            code, in_favour = values
            stored = approvals.get(code)
            result = panel.ctx.write(
                council_candidates.approve_list,
                row.id,
                code,
                in_favour,
                expected_version=stored.version if stored is not None else 0,
            )
            panel.reload(keep_position=True)
            panel.set_status(
                _tr("Đã thông qua danh sách {name}: {n} người/tập thể, {verdict}.").format(
                    name=result.title_name,
                    n=format_count(result.candidates),
                    verdict=_tr("Đạt") if result.passed else _tr("Không đạt"),
                )
            )
            return True

        panel.open_dialog(dialog, commit)
        return True

    # --- received dates --------------------------------------------------------------------

    def set_received(self) -> bool:
        """The day the selected candidates' dossiers were received (one transaction)."""
        panel = self.panel
        row = panel.current_session()
        if row is None:
            return False
        chosen = {line.key: line for line, _column in panel.selected_cells()}
        if not chosen and panel.current_line() is not None:
            line = panel.current_line()
            assert line is not None
            chosen = {line.key: line}
        lines = [line for line in chosen.values() if line.candidate_version is not None]
        if not lines:
            panel.set_status(
                _tr("Chọn các dòng đã có trong danh sách đưa ra Hội đồng trước."), error=True
            )
            return False
        days = {line.received_on for line in lines}
        dialog = ReceivedDateDialog(len(lines), days.pop() if len(days) == 1 else None, panel)
        seen = {line.key: int(line.candidate_version or 0) for line in lines}

        def commit(day: date | None) -> bool:
            changed = panel.ctx.write(council_candidates.set_received_on, row.id, day, seen)
            panel.reload(keep_position=True)
            when = format_date(day) if day else _tr("(chưa rõ)")
            panel.set_status(
                _tr("Đã ghi ngày nhận hồ sơ {day} cho {n} dòng.").format(day=when, n=changed)
            )
            return True

        panel.open_dialog(dialog, commit)
        return True

    # --- the tally sheet -------------------------------------------------------------------

    def export_tally(self) -> Path | None:
        """The ``vote-tally`` export of the session, for the Ban kiểm phiếu."""
        from app.excel.forms.registry import export_form, get_form
        from app.excel.forms.save import ExportFileError

        panel = self.panel
        row = panel.current_session()
        if row is None or panel.runner is None:
            return None
        title = _tr("Xuất bảng kiểm phiếu")
        start = str(Path.home() / get_form("vote-tally").default_file_name())
        chosen, _filter = QFileDialog.getSaveFileName(panel, title, start, _tr("Excel (*.xlsx)"))
        if not chosen:
            return None
        target = Path(chosen if chosen.lower().endswith(".xlsx") else chosen + ".xlsx")

        def work(progress: ProgressFn) -> Path:
            progress(_tr("Đang lấy danh sách…"), 0.2)
            data = panel.ctx.read(gather, "vote-tally", ReportParams(session_id=row.id))
            return export_form("vote-tally", data, target).path

        outcome = panel.runner.run(title, work, panel)
        if outcome.error is not None or outcome.value is None:
            error = outcome.error
            message = str(error) if isinstance(error, ExportFileError | DomainError) else ""
            message = message or _tr("Không xuất được: {error}").format(error=error)
            if not outcome.cancelled:
                panel.set_status(message, error=True)
                QMessageBox.warning(panel, title, message)
            return None
        panel.set_status(_tr("Đã xuất bảng kiểm phiếu ra {path}").format(path=outcome.value))
        return outcome.value

    def import_tally(self) -> bool:
        """A tally sheet read back: every row matched and valid, or nothing is written."""
        from app.excel.legacy import LegacyEncodingError
        from app.excel.vote_tally_import import read_tally_file
        from app.excel.workbook import ImportFileError

        panel = self.panel
        row = panel.current_session()
        if row is None:
            return False
        title = _tr("Nhập kết quả kiểm phiếu")
        path, _filter = QFileDialog.getOpenFileName(
            panel, _tr("Chọn bảng kiểm phiếu"), "", _tr("Excel (*.xlsx *.xlsm)")
        )
        if not path:
            return False
        try:
            try:
                data = read_tally_file(Path(path))
            except LegacyEncodingError as exc:
                if not panel.ask(title, f"{exc}\n\n" + _tr("Chuyển sang Unicode rồi nhập?")):
                    return False
                data = read_tally_file(Path(path), convert_legacy=True)
        except ImportFileError as exc:
            QMessageBox.warning(panel, title, str(exc))
            return False
        if not data.rows:
            QMessageBox.warning(panel, title, _tr("Tệp không có dòng nào dưới dòng tiêu đề."))
            return False
        self.review_rows(title, data.rows, partial=False, file_session=data.session_id, backup=True)
        return True
