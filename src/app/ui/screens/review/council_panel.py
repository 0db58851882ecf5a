"""The "Hội đồng TĐKT" tab of Bình xét: the year's Council sessions and their votes.

A session is picked in a combo ("Phiên họp mới…" Ctrl+N, "Sửa…", "Xóa"). Its table lists the
recorded votes and, after "Lấy danh sách từ đề xuất bình xét" (run in the background), every
candidate of the year with a proposed title. The four ballot columns are editable integer
cells: type a number, Enter saves and moves down (Tab moves right). A row is saved as soon as
its "đồng ý" count is known; empty "phát ra / thu về / hợp lệ" take the defaults (phát ra =
those who may vote = có mặt + ý kiến bằng văn bản, thu về = phát ra, hợp lệ = thu về). The
result (percent of the TOTAL membership, threshold of the year's rule set, Đạt / Không đạt)
comes back from :func:`app.services.council.record_vote` at once; impossible counts are
refused with the service's Vietnamese message and nothing is saved.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QModelIndex, QSortFilterProxyModel, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.council import Ballots, threshold_for
from app.domain.eligibility import RuleSet
from app.domain.errors import ConflictError, DomainError, ValidationError
from app.domain.vnformat import format_date
from app.services import council, review
from app.services.council import SessionInput, SessionRow, VoteRow
from app.services.review import CandidateRow
from app.ui.screens.review.council_dialogs import (
    COL_IN_FAVOUR,
    COL_NAME,
    COL_TITLE,
    COL_UNIT,
    OBJECT_ROLE,
    SORT_ROLE,
    BallotDelegate,
    BallotTable,
    SessionDialog,
    VoteLine,
    VoteModel,
    pct_text,
)
from app.ui.tasks import ProgressFn, TaskRunner

if TYPE_CHECKING:
    from app.services.context import AppContext

_CONTEXT = "CouncilPanel"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def _button(text: str, tip: str) -> QPushButton:
    button = QPushButton(text)
    button.setToolTip(tip)
    button.setAccessibleName(tip)
    return button


class CouncilPanel(QWidget):
    """Sessions of the year and their votes (see the module docstring)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("councilPanel")
        self.ctx = ctx
        self.year = 0
        self.runner: TaskRunner | None = None
        self._sessions: list[SessionRow] = []
        self.rules: RuleSet | None = None  # the year's rule set, with the clerk's parameters
        self.dialog: SessionDialog | None = None  # the session form while it is open
        self._candidates: list[CandidateRow] = []  # of self.year, once fetched

        # --- sessions row
        self.session_combo = QComboBox()
        self.session_combo.setObjectName("sessionCombo")
        self.session_combo.setMinimumContentsLength(10)
        self.session_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        session_label = QLabel(_tr("&Phiên họp:"))
        session_label.setBuddy(self.session_combo)
        # short labels keep the tab narrow enough for a small window; the tooltips say it all
        self.new_button = _button(_tr("&Mới…"), _tr("Phiên họp mới (Ctrl+N)"))
        self.edit_button = _button(_tr("&Sửa…"), _tr("Sửa phiên họp đang chọn"))
        self.delete_button = _button(_tr("&Xóa"), _tr("Xóa phiên họp đang chọn"))
        self.new_button.clicked.connect(lambda _checked=False: self.new_session())
        self.edit_button.clicked.connect(lambda _checked=False: self.edit_session())
        self.delete_button.clicked.connect(lambda _checked=False: self.delete_session())
        top = QHBoxLayout()
        top.addWidget(session_label)
        top.addWidget(self.session_combo, 1)
        for button in (self.new_button, self.edit_button, self.delete_button):
            top.addWidget(button)
        self.info_label = QLabel()
        self.info_label.setObjectName("sessionInfo")
        self.info_label.setWordWrap(True)

        # --- votes
        self.fetch_button = QPushButton(_tr("&Lấy danh sách từ đề xuất bình xét"))
        self.fetch_button.setObjectName("fetchButton")
        self.fetch_button.clicked.connect(lambda _checked=False: self.fetch_candidates())
        self.delete_vote_button = _button(
            _tr("Xóa phiếu (Delete)"), _tr("Xóa kết quả bỏ phiếu đã ghi của dòng đang chọn")
        )
        self.delete_vote_button.clicked.connect(lambda _checked=False: self.delete_vote())
        tools = QHBoxLayout()
        tools.addWidget(self.fetch_button)
        tools.addWidget(self.delete_vote_button)
        from app.ui.documents.hooks import add_council_buttons  # Word documents, dossier

        add_council_buttons(self, tools)
        tools.addStretch(1)
        self.model = VoteModel(self)
        self.model.committer = self._commit
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setDynamicSortFilter(False)  # a saved row stays where the clerk is typing
        self.table = BallotTable()
        self.table.setObjectName("votesTable")
        self.table.setModel(self.proxy)
        self.table.setItemDelegate(BallotDelegate(self.table))
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.status_label = QLabel()
        self.status_label.setObjectName("statusLabel")
        self.status_label.setWordWrap(True)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.info_label)
        layout.addLayout(tools)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status_label)

        # --- keyboard
        self.new_action = QAction(_tr("Phiên họp mới"), self)
        self.new_action.setShortcut(QKeySequence.StandardKey.New)
        self.new_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.new_action.triggered.connect(lambda _checked=False: self.new_session())
        self.addAction(self.new_action)
        self.delete_vote_action = QAction(_tr("Xóa phiếu"), self.table)
        self.delete_vote_action.setShortcut(QKeySequence(Qt.Key.Key_Delete))
        self.delete_vote_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_vote_action.triggered.connect(lambda _checked=False: self.delete_vote())
        self.table.addAction(self.delete_vote_action)
        self.session_combo.currentIndexChanged.connect(lambda _i: self._load_votes())
        self._update_state()

    # --- public --------------------------------------------------------------------------------

    def set_runner(self, runner: TaskRunner) -> None:
        self.runner = runner

    def set_year(self, year: int) -> None:
        if year != self.year:
            self.year = year
            self._candidates = []
        self.refresh()

    def refresh(self) -> None:
        """Read the year's sessions again (keeping the chosen one) and its votes."""
        keep = self.current_session_id()
        try:
            self.rules = self.ctx.read(council.rules_for_year, self.year) if self.year else None
        except DomainError:
            self.rules = None
        self._sessions = self.ctx.read(council.list_sessions, self.year) if self.year else []
        self.session_combo.blockSignals(True)
        try:
            self.session_combo.clear()
            for row in self._sessions:
                self.session_combo.addItem(self._session_text(row), row.id)
            index = self.session_combo.findData(keep) if keep is not None else -1
            self.session_combo.setCurrentIndex(index if index >= 0 else len(self._sessions) - 1)
        finally:
            self.session_combo.blockSignals(False)
        self._load_votes()

    def current_session(self) -> SessionRow | None:
        sid = self.current_session_id()
        return next((s for s in self._sessions if s.id == sid), None)

    def current_session_id(self) -> int | None:
        value = self.session_combo.currentData()
        return int(value) if value is not None else None

    def select_session(self, session_id: int) -> None:
        self.session_combo.setCurrentIndex(self.session_combo.findData(session_id))

    def current_line(self) -> VoteLine | None:
        index = self.table.currentIndex()
        line = index.data(OBJECT_ROLE) if index.isValid() else None
        return line if isinstance(line, VoteLine) else None

    def cell(self, name: str, column: int) -> QModelIndex:
        """The table index (proxy) of ``name``'s row at ``column`` (keyboard helpers, tests)."""
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, column)
            line = index.data(OBJECT_ROLE)
            if isinstance(line, VoteLine) and line.name == name:
                return index
        return QModelIndex()

    # --- display -------------------------------------------------------------------------------

    def _session_text(self, row: SessionRow) -> str:
        parts = [_tr("Ngày {date}").format(date=format_date(row.meeting_date))]
        if row.place:
            parts.append(row.place)
        parts.append(_tr("{n} phiếu đã ghi").format(n=row.vote_count))
        return " — ".join(parts)

    def _show_info(self, row: SessionRow | None) -> None:
        if row is None:
            self.info_label.setText(
                _tr(
                    "Chưa có phiên họp Hội đồng nào của năm {year}. Bấm \u201cMới…\u201d (Ctrl+N) "
                    "để ghi phiên họp, rồi ghi phiếu cho từng người được đề nghị."
                ).format(year=self.year)
            )
            return
        people = [
            _tr("Chủ trì: {name}").format(name=row.chair) if row.chair else "",
            _tr("Thư ký: {name}").format(name=row.secretary) if row.secretary else "",
        ]
        self.info_label.setText(
            _tr(
                "Tổng số thành viên: {total} · Có mặt: {present} · Ý kiến bằng văn bản: {written} "
                "· Người được bỏ phiếu: {voters}. Tỷ lệ đồng ý tính trên tổng số thành viên."
            ).format(
                total=row.members_total,
                present=row.present,
                written=row.written_opinions,
                voters=row.voters,
            )
            + "".join(f"  {p}." for p in people if p)
        )

    def _hint(self) -> str:
        row = self.current_session()
        if row is None:
            return ""
        return _tr(
            "Gõ số phiếu vào ô rồi Enter để ghi và xuống dòng dưới (Tab: sang ô bên phải). "
            "Chỉ cần gõ số đồng ý: ô phát ra để trống là {voters}, thu về bằng phát ra, hợp lệ "
            "bằng thu về."
        ).format(voters=row.voters)

    def _set_status(self, text: str, *, error: bool = False) -> None:
        self.status_label.setStyleSheet("color: #b00020;" if error else "")
        self.status_label.setText(text)

    def _update_state(self) -> None:
        has = self.current_session() is not None
        for widget in (self.edit_button, self.delete_button, self.fetch_button, self.table):
            widget.setEnabled(has)
        self.delete_vote_button.setEnabled(has)

    # --- votes ---------------------------------------------------------------------------------

    def _load_votes(self) -> None:
        row = self.current_session()
        self._show_info(row)
        votes = self.ctx.read(council.list_votes, row.id) if row is not None else []
        lines = self._lines(votes) if row is not None else []
        self.model.set_lines(lines, row.voters if row else 0, row.members_total if row else 0)
        self._fit_columns()
        self._set_status(self._hint())
        self._update_state()

    def _fit_columns(self) -> None:
        """Names and units up to a readable width; the counts as narrow as their headers."""
        table = self.table
        table.resizeColumnsToContents()
        char = table.fontMetrics().averageCharWidth()
        table.setColumnWidth(COL_NAME, min(max(table.columnWidth(COL_NAME), char * 24), char * 34))
        table.setColumnWidth(COL_UNIT, min(max(table.columnWidth(COL_UNIT), char * 18), char * 32))

    def _lines(self, votes: Sequence[VoteRow]) -> list[VoteLine]:
        """Candidates in the review's order (with their vote when recorded), then other votes."""
        thresholds: dict[str, tuple[Decimal, bool]] = {}

        def threshold(title: str) -> tuple[Decimal, bool] | None:
            if self.rules is None:
                return None
            if title not in thresholds:
                thresholds[title] = threshold_for(title, self.rules)
            return thresholds[title]

        by_key = {(v.subject, v.subject_id, v.title): v for v in votes}
        lines = []
        for c in self._candidates:
            assert c.proposed is not None
            vote = by_key.pop((c.subject, c.subject_id, c.proposed), None)
            name, unit = (vote.name, vote.unit or c.unit) if vote else (c.name, c.unit)
            lines.append(
                VoteLine(
                    c.subject, c.subject_id, name, unit, c.proposed, threshold(c.proposed), vote
                )
            )
        for v in by_key.values():
            lines.append(
                VoteLine(v.subject, v.subject_id, v.name, v.unit, v.title, threshold(v.title), v)
            )
        return lines

    def fetch_candidates(self) -> bool:
        """Run the year's review in the background; list everyone with a proposed title."""
        if self.runner is None or self.current_session() is None:
            return False
        year = self.year

        def work(progress: ProgressFn) -> list[CandidateRow]:
            return self.ctx.read(review.candidates, year, progress=progress)

        outcome = self.runner.run(
            _tr("Đang lấy danh sách đề xuất bình xét năm {year}").format(year=year), work, self
        )
        if outcome.cancelled:
            self._set_status(_tr("Đã hủy lấy danh sách đề xuất."))
            return False
        if outcome.error is not None or outcome.value is None:
            message = _tr("Không lấy được danh sách đề xuất: {error}").format(error=outcome.error)
            self._set_status(message, error=True)
            QMessageBox.warning(self, _tr("Hội đồng TĐKT"), message)
            return False
        self._candidates = [c for c in outcome.value if c.proposed is not None]
        self._load_votes()
        self._set_status(
            _tr("{n} cá nhân, tập thể được đề xuất danh hiệu. ").format(n=len(self._candidates))
            + self._hint()
        )
        if self.proxy.rowCount():
            self.table.setFocus()
            self.table.setCurrentIndex(self.proxy.index(0, COL_IN_FAVOUR))
        return True

    def _commit(self, line: VoteLine, ballots: Ballots) -> VoteRow | None:
        """Save one row (called by the model); None after a refusal, explained to the clerk."""
        row = self.current_session()
        if row is None:
            return None
        person_id = line.subject_id if line.subject == council.PERSON else None
        unit_id = line.subject_id if line.subject == council.UNIT else None
        try:
            saved = self.ctx.write(
                council.record_vote,
                row.id,
                line.title,
                ballots,
                person_id=person_id,
                unit_id=unit_id,
                expected_version=line.vote.version if line.vote is not None else 0,
            )
        except DomainError as exc:
            problems = exc.problems if isinstance(exc, ValidationError) else [str(exc)]
            self.table.hold_position = True
            message = _tr("Chưa ghi phiếu của {name} ({title}): {problems}.").format(
                name=line.name,
                title=self.model.text(line, COL_TITLE),
                problems="; ".join(problems),
            )
            self._set_status(message + " " + _tr("Không có gì được lưu."), error=True)
            if isinstance(exc, ConflictError):  # someone else saved it: show what is stored now
                QTimer.singleShot(0, self._load_votes)
            QTimer.singleShot(0, lambda: self._warn(message, line))
            return None
        self.table.hold_position = False
        self._set_status(
            _tr("Đã ghi phiếu: {name} — {title}: {result} ({n}/{total} = {pct}).").format(
                name=saved.name,
                title=self.model.text(line, COL_TITLE),
                result=_tr("Đạt") if saved.passed else _tr("Không đạt"),
                n=saved.ballots.in_favour,
                total=row.members_total,
                pct=pct_text(saved.percent),
            )
        )
        self._count_changed()
        return saved

    def _warn(self, message: str, line: VoteLine) -> None:
        """The refusal as a message box, then back to the refused row (same cell if still there)."""
        QMessageBox.warning(self, _tr("Số phiếu không hợp lệ"), message)
        current = self.current_line()
        if current is not line and line in self.model.lines():
            source = self.model.index(self.model.row_of(line), COL_IN_FAVOUR)
            self.table.setCurrentIndex(self.proxy.mapFromSource(source))
        self.table.setFocus()

    def _count_changed(self) -> None:
        """Update the vote count shown in the session combo (no reload of the table)."""
        row = self.current_session()
        if row is None:
            return
        fresh = self.ctx.read(council.get_session, row.id)
        self._sessions = [fresh if s.id == fresh.id else s for s in self._sessions]
        index = self.session_combo.findData(fresh.id)
        self.session_combo.setItemText(index, self._session_text(fresh))

    def delete_vote(self) -> bool:
        line = self.current_line()
        if line is None or line.vote is None:
            self._set_status(_tr("Chọn một dòng đã ghi phiếu để xóa."), error=True)
            return False
        title = self.model.text(line, COL_TITLE)
        if not self._ask(
            _tr("Xóa phiếu"),
            _tr("Xóa kết quả bỏ phiếu của {name} ({title})?").format(name=line.name, title=title),
        ):
            return False
        try:
            self.ctx.write(council.delete_vote, line.vote.id, expected_version=line.vote.version)
        except DomainError as exc:
            QMessageBox.warning(self, _tr("Xóa phiếu"), str(exc))
            if isinstance(exc, ConflictError):
                self._load_votes()
            return False
        self._load_votes()
        self._count_changed()
        self._set_status(
            _tr("Đã xóa phiếu của {name} ({title}).").format(name=line.name, title=title)
        )
        return True

    # --- sessions ------------------------------------------------------------------------------

    def _ask(self, title: str, text: str) -> bool:
        buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
        answer = QMessageBox.question(self, title, text, buttons, QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def _open(self, dialog: SessionDialog, commit: Callable[[SessionInput], bool]) -> None:
        """Show the form window-modal without blocking (``self.dialog`` while it is open)."""
        if self.dialog is not None:  # one at a time (Ctrl+N pressed twice...)
            dialog.deleteLater()
            self.dialog.activateWindow()
            return

        def guarded(data: SessionInput) -> bool:
            try:
                return commit(data)
            except DomainError as exc:
                dialog.show_problems(
                    exc.problems if isinstance(exc, ValidationError) else [str(exc)]
                )
                return False

        dialog.set_committer(guarded)
        dialog.finished.connect(lambda _result: self._closed(dialog))
        self.dialog = dialog
        dialog.open()

    def _closed(self, dialog: SessionDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()
        self.table.setFocus()

    def new_session(self) -> None:
        """Open "Phiên họp mới"; saving adds the session and selects it."""
        if not self.year:
            return
        dialog = SessionDialog(self.year, self.rules, self)

        def commit(data: SessionInput) -> bool:
            session_id = self.ctx.write(council.create_session, data)
            self.refresh()
            self.select_session(session_id)
            self._set_status(_tr("Đã ghi phiên họp. ") + self._hint())
            return True

        self._open(dialog, commit)

    def edit_session(self) -> None:
        """Open "Sửa phiên họp"; new membership counts re-judge the recorded votes."""
        row = self.current_session()
        if row is None:
            return
        dialog = SessionDialog(self.year, self.rules, self)
        dialog.load(row)
        if row.vote_count:
            dialog.set_note(
                _tr(
                    "Phiên họp đã có {n} phiếu. Nếu đổi số thành viên, kết quả các phiếu được "
                    "tính lại theo số mới."
                ).format(n=row.vote_count)
            )

        def commit(data: SessionInput) -> bool:
            update = self.ctx.write(council.update_session, row.id, data)
            self.refresh()
            self._report_rejudged(update)
            return True

        self._open(dialog, commit)

    def _report_rejudged(self, update: council.SessionUpdate) -> None:
        if update.changed:
            lines = [
                f"• {v.name} ({v.title_name}): {_tr('Đạt') if v.passed else _tr('Không đạt')} "
                f"({pct_text(v.percent)})"
                for v in update.changed
            ]
            QMessageBox.information(
                self,
                _tr("Kết quả đã tính lại"),
                _tr("Số thành viên thay đổi, kết quả của {n} phiếu đã đổi:").format(
                    n=len(update.changed)
                )
                + "\n"
                + "\n".join(lines),
            )
        elif update.rejudged:
            self._set_status(
                _tr(
                    "Đã tính lại {n} phiếu theo số thành viên mới; không kết quả nào thay đổi."
                ).format(n=update.rejudged)
            )

    def delete_session(self) -> bool:
        row = self.current_session()
        if row is None:
            return False
        text = _tr("Xóa phiên họp ngày {date}?").format(date=format_date(row.meeting_date))
        if row.vote_count:
            text += " " + _tr(
                "Phiên họp đã có {n} phiếu biểu quyết; các phiếu này cũng bị xóa."
            ).format(n=row.vote_count)
        if not self._ask(_tr("Xóa phiên họp"), text):
            return False
        try:
            self.ctx.write(council.delete_session, row.id, with_votes=True)
        except DomainError as exc:
            QMessageBox.warning(self, _tr("Xóa phiên họp"), str(exc))
            return False
        self.refresh()
        return True
