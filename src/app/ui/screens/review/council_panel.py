"""The "Hội đồng TĐKT" tab of Bình xét: the year's Council sessions, their candidates and votes.

A session is picked in a combo ("Mới…" Ctrl+N, "Sửa…", "Xóa"). "Lấy danh sách từ đề xuất bình
xét" (run in the background) stores every candidate of the year with a proposed title with the
session, in STT order (:mod:`app.services.council_candidates`): ballots typed against them
survive switching sessions and restarts. A title filter shows one title's candidates.

Titles voted on per candidate (the year's ballot rules, rules.json): the four ballot columns
are editable integer cells: type a number, Enter saves and moves down (Tab moves right). A row
is saved as soon as its "đồng ý" count is known; empty "phát ra / thu về / hợp lệ" take the
defaults (phát ra = those who may vote, thu về = phát ra, hợp lệ = thu về). The result
(percent of the TOTAL membership, threshold of the year's rule set, Đạt / Không đạt) comes
back from :func:`app.services.council.record_vote` at once; impossible counts are refused with
the service's Vietnamese message and nothing is saved. At scale (:mod:`.council_ballots`):
Ctrl+V pastes a block copied in Excel, Ctrl+D fills down, "Tất cả đồng ý" for a selection,
Ctrl+Z undoes the last ballot edit, and the tally sheet goes out to the Ban kiểm phiếu and
comes back (all or nothing). Titles without a ballot (LĐTT, TTLĐTT, Giấy khen by default) are
approved as a list in one action ("Thông qua danh sách…").
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QRegularExpression,
    QSortFilterProxyModel,
    Qt,
    QTimer,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.council import Ballots, SessionCounts, ballot_rule, threshold_for
from app.domain.eligibility import RuleSet
from app.domain.errors import ConflictError, DomainError, ValidationError
from app.domain.vnformat import format_count
from app.services import council, council_candidates
from app.services.council import SessionRow, VoteRow
from app.services.reference import catalogue
from app.ui.screens.review import council_sessions
from app.ui.screens.review.council_ballots import Edit
from app.ui.screens.review.council_table import (
    COL_IN_FAVOUR,
    COL_NAME,
    COL_STT,
    COL_TITLE,
    COL_UNIT,
    OBJECT_ROLE,
    SORT_ROLE,
    TITLE_ROLE,
    BallotDelegate,
    KeyedBallotTable,
    VoteLine,
    VoteModel,
    pct_text,
)
from app.ui.screens.review.council_tools import BallotTools
from app.ui.screens.units.unit_dialogs import UnitFormDialog
from app.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from app.services.context import AppContext

_CONTEXT = "CouncilPanel"
FILL_DOWN = QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_D)


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def _button(text: str, tip: str) -> QPushButton:
    button = QPushButton(text)
    button.setToolTip(tip)
    button.setAccessibleName(tip)
    return button


class CouncilPanel(QWidget):
    """Sessions of the year, their candidates and votes (see the module docstring)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("councilPanel")
        self.ctx = ctx
        self.year = 0
        self.runner: TaskRunner | None = None
        self._sessions: list[SessionRow] = []
        self.rules: RuleSet | None = None  # the year's rule set, with the clerk's parameters
        self.dialog: UnitFormDialog | None = None  # a form of the tab while it is open
        self.tools = BallotTools(self)
        self.title_names = {item.code: item.name for item in catalogue().items}
        self._shown_session: int | None = None

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
        self.minutes_button = _button(
            _tr("Biên bản &họp…"),
            _tr("Thành viên dự họp, chủ trì, thư ký, giờ họp, kết quả lấy ý kiến công khai"),
        )
        self.minutes_button.setObjectName("minutesButton")
        self.minutes_button.clicked.connect(lambda _c=False: council_sessions.edit_minutes(self))
        self.new_button.clicked.connect(lambda _checked=False: self.new_session())
        self.edit_button.clicked.connect(lambda _checked=False: self.edit_session())
        self.delete_button.clicked.connect(lambda _checked=False: self.delete_session())
        top = QHBoxLayout()
        top.addWidget(session_label)
        top.addWidget(self.session_combo, 1)
        for button in (self.new_button, self.edit_button, self.minutes_button, self.delete_button):
            top.addWidget(button)
        self.info_label = QLabel()
        self.info_label.setObjectName("sessionInfo")
        self.info_label.setWordWrap(True)

        # --- candidates and ballots
        self.fetch_button = QPushButton(_tr("&Lấy danh sách từ đề xuất bình xét"))
        self.fetch_button.setObjectName("fetchButton")
        self.fetch_button.clicked.connect(lambda _checked=False: self.fetch_candidates())
        self.title_combo = QComboBox()
        self.title_combo.setObjectName("titleFilter")
        self.title_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.title_combo.setMinimumContentsLength(12)
        title_label = QLabel(_tr("&Danh hiệu:"))
        title_label.setBuddy(self.title_combo)
        self.approve_button = _button(
            _tr("Thông qua &danh sách…"),
            _tr("Hội đồng biểu quyết một lần cho cả danh sách một danh hiệu (LĐTT, TTLĐTT...)"),
        )
        self.approve_button.setObjectName("approveListButton")
        self.approve_button.clicked.connect(lambda _checked=False: self.tools.approve_list())
        self.all_button = _button(
            _tr("Tất cả đồng ý"),
            _tr("Số đồng ý bằng số phiếu hợp lệ cho các dòng đang chọn (mọi dòng nếu chưa chọn)"),
        )
        self.all_button.setObjectName("allInFavourButton")
        self.all_button.clicked.connect(lambda _checked=False: self.tools.all_in_favour())
        self.more_button = QToolButton()
        self.more_button.setObjectName("ballotMenuButton")
        self.more_button.setText(_tr("&Kiểm phiếu"))
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.more_button)
        self.paste_action = menu.addAction(_tr("Dán số phiếu từ Excel\tCtrl+V"))
        self.fill_action = menu.addAction(_tr("Điền xuống\tCtrl+D"))
        self.undo_action = menu.addAction(_tr("Hoàn tác lần ghi phiếu vừa rồi\tCtrl+Z"))
        menu.addSeparator()
        self.export_action = menu.addAction(_tr("Xuất bảng kiểm phiếu ra Excel…"))
        self.import_action = menu.addAction(_tr("Nhập kết quả kiểm phiếu từ Excel…"))
        menu.addSeparator()
        self.received_action = menu.addAction(_tr("Ngày nhận hồ sơ của các dòng đang chọn…"))
        self.received_action.triggered.connect(lambda _c=False: self.tools.set_received())
        self.paste_action.triggered.connect(lambda _c=False: self.tools.paste())
        self.fill_action.triggered.connect(lambda _c=False: self.tools.fill_down())
        self.undo_action.triggered.connect(lambda _c=False: self.tools.undo())
        self.export_action.triggered.connect(lambda _c=False: self.tools.export_tally())
        self.import_action.triggered.connect(lambda _c=False: self.tools.import_tally())
        self.more_button.setMenu(menu)
        self.delete_vote_button = _button(
            _tr("Xóa phiếu (Delete)"), _tr("Xóa kết quả bỏ phiếu đã ghi của dòng đang chọn")
        )
        self.delete_vote_button.clicked.connect(lambda _checked=False: self.delete_vote())
        for widget in (
            self.fetch_button,
            self.approve_button,
            self.all_button,
            self.more_button,
            self.delete_vote_button,
        ):  # narrower than their text in a small window (clipped) rather than widening it
            policy = widget.sizePolicy()
            policy.setHorizontalPolicy(QSizePolicy.Policy.Preferred)
            widget.setSizePolicy(policy)
            widget.setMinimumWidth(widget.fontMetrics().averageCharWidth() * 6)
        tools = QHBoxLayout()
        tools.addWidget(self.fetch_button)
        tools.addWidget(title_label)
        tools.addWidget(self.title_combo, 1)
        for widget in (self.approve_button, self.all_button, self.more_button):
            tools.addWidget(widget)
        tools.addWidget(self.delete_vote_button)
        from app.ui.documents.hooks import add_council_buttons  # Word documents, dossier

        add_council_buttons(self, tools)
        self.model = VoteModel(self)
        self.model.committer = self._commit
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setFilterRole(TITLE_ROLE)
        self.proxy.setFilterKeyColumn(COL_TITLE)
        self.proxy.setDynamicSortFilter(False)  # a saved row stays where the clerk is typing
        self.table = KeyedBallotTable(
            {
                QKeySequence.StandardKey.Paste: lambda: self.tools.paste(),
                QKeySequence.StandardKey.Undo: lambda: self.tools.undo(),
                FILL_DOWN: lambda: self.tools.fill_down(),
            }
        )
        self.table.setObjectName("votesTable")
        self.table.setModel(self.proxy)
        self.table.setItemDelegate(BallotDelegate(self.table))
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_STT, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
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
        self.session_combo.currentIndexChanged.connect(lambda _i: self.load_votes())
        self.title_combo.currentIndexChanged.connect(lambda _i: self._filter_title())
        self.update_state()

    # --- public --------------------------------------------------------------------------------

    def set_runner(self, runner: TaskRunner) -> None:
        self.runner = runner

    def set_year(self, year: int) -> None:
        self.year = year
        self.refresh()

    def refresh(self) -> None:
        """Read the year's sessions again (keeping the chosen one) and its candidates."""
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
        self.load_votes()

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

    def cell(self, name: str, column: int, title: str | None = None) -> QModelIndex:
        """The table index (proxy) of ``name``'s row at ``column`` (keyboard helpers, tests)."""
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, column)
            line = index.data(OBJECT_ROLE)
            if isinstance(line, VoteLine) and line.name == name:
                if title is None or line.title == title:
                    return index
        return QModelIndex()

    def title_filter(self) -> str | None:
        value = self.title_combo.currentData()
        return str(value) if value else None

    def set_title_filter(self, code: str | None) -> None:
        self.title_combo.setCurrentIndex(max(0, self.title_combo.findData(code or "")))

    # --- what the tools need --------------------------------------------------------------------

    def lines_by_key(self) -> dict[tuple[str, int, str], VoteLine]:
        return {line.key: line for line in self.model.lines()}

    def visible_lines(self) -> list[VoteLine]:
        return [self.proxy.index(r, 0).data(OBJECT_ROLE) for r in range(self.proxy.rowCount())]

    def lines_from(self, row: int) -> list[VoteLine]:
        """The lines shown from the view's ``row`` down (where a block is pasted)."""
        return self.visible_lines()[max(0, row) :]

    def selected_cells(self) -> list[tuple[VoteLine, int]]:
        """(line, column) of the selected cells, top to bottom, left to right."""
        indexes = sorted(
            self.table.selectionModel().selectedIndexes(), key=lambda i: (i.row(), i.column())
        )
        return [(i.data(OBJECT_ROLE), i.column()) for i in indexes]

    def voters_for(self, line: VoteLine) -> int:
        """Who may vote on ``line``'s title (its rule's written opinions)."""
        row = self.current_session()
        if row is None:
            return 0
        counts = SessionCounts(row.members_total, row.present, row.written_opinions)
        if self.rules is None:
            return row.voters
        return ballot_rule(line.title, self.rules).voters(counts)

    def ask(self, title: str, text: str) -> bool:
        buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
        answer = QMessageBox.question(self, title, text, buttons, QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def set_status(self, text: str, *, error: bool = False) -> None:
        self.status_label.setStyleSheet("color: #b00020;" if error else "")
        self.status_label.setText(text)

    def update_state(self) -> None:
        has = self.current_session() is not None
        for widget in (
            self.edit_button,
            self.minutes_button,
            self.delete_button,
            self.fetch_button,
            self.table,
            self.title_combo,
            self.approve_button,
            self.all_button,
            self.more_button,
            self.delete_vote_button,
        ):
            widget.setEnabled(has)
        self.undo_action.setEnabled(has and bool(self.tools.undo_stack))

    # --- display -------------------------------------------------------------------------------

    def _session_text(self, row: SessionRow) -> str:
        return council_sessions.session_text(row)

    def _show_info(self, row: SessionRow | None) -> None:
        self.info_label.setText(council_sessions.session_info(row, self.year))

    def hint(self) -> str:
        row = self.current_session()
        if row is None:
            return ""
        return _tr(
            "Gõ số phiếu vào ô rồi Enter để ghi và xuống dòng dưới (Tab: sang ô bên phải). "
            "Chỉ cần gõ số đồng ý: ô phát ra để trống là {voters}, thu về bằng phát ra, hợp lệ "
            "bằng thu về. Ctrl+V dán từ Excel, Ctrl+D điền xuống, Ctrl+Z hoàn tác."
        ).format(voters=row.voters)

    # --- candidates and votes ------------------------------------------------------------------

    def _threshold(self, cache: dict[str, tuple[Decimal, bool]], title: str) -> Any:
        if self.rules is None:
            return None
        if title not in cache:
            cache[title] = threshold_for(title, self.rules)
        return cache[title]

    def load_votes(self) -> None:
        row = self.current_session()
        if row is None or row.id != self._shown_session:
            self.tools.forget()  # undo is per session
        self._shown_session = row.id if row is not None else None
        self._show_info(row)
        cache: dict[str, tuple[Decimal, bool]] = {}
        candidates = (
            self.ctx.read(council_candidates.list_candidates, row.id) if row is not None else []
        )
        lines = [VoteLine.of(c, self._threshold(cache, c.title)) for c in candidates]
        self.model.set_lines(lines, row.voters if row else 0, row.members_total if row else 0)
        self._fill_titles()
        self._fit_columns()
        self.set_status(self.hint())
        self.update_state()

    def reload(self, *, keep_position: bool = False) -> None:
        """Read the session's candidates again (after a bulk write), keeping the cell."""
        index = self.table.currentIndex()
        where = (index.row(), index.column()) if index.isValid() else None
        self.refresh_session_text()
        self.load_votes()
        if keep_position and where is not None:
            self.table.setCurrentIndex(
                self.proxy.index(min(where[0], self.proxy.rowCount() - 1), where[1])
            )

    def _fill_titles(self) -> None:
        keep = self.title_filter()
        counts: dict[str, int] = {}
        for line in self.model.lines():
            counts[line.title] = counts.get(line.title, 0) + 1
        self.title_combo.blockSignals(True)
        try:
            self.title_combo.clear()
            # "" and never None as item data: PySide6 6.12 loses a reference to None each time
            # a None goes through a QVariant (the interpreter aborts after some thousands)
            self.title_combo.addItem(
                _tr("Tất cả ({n})").format(n=format_count(sum(counts.values()))), ""
            )
            for code in self.model.titles():
                short = catalogue().get(code).short
                self.title_combo.addItem(f"{short} ({counts[code]})", code)
            self.title_combo.setCurrentIndex(max(0, self.title_combo.findData(keep or "")))
        finally:
            self.title_combo.blockSignals(False)
        self._filter_title()

    def _filter_title(self) -> None:
        code = self.title_filter()
        pattern = f"^{QRegularExpression.escape(code)}$" if code else ""
        self.proxy.setFilterRegularExpression(pattern)

    def _fit_columns(self) -> None:
        """Names and units up to a readable width; the counts as narrow as their headers."""
        table = self.table
        table.resizeColumnsToContents()
        char = table.fontMetrics().averageCharWidth()
        table.setColumnWidth(COL_NAME, min(max(table.columnWidth(COL_NAME), char * 24), char * 34))
        table.setColumnWidth(COL_UNIT, min(max(table.columnWidth(COL_UNIT), char * 18), char * 32))

    def fetch_candidates(self) -> bool:
        """Run the year's review in the background; store everyone with a proposed title as
        the session's candidates (in the review's order)."""
        return council_sessions.fetch_candidates(self)

    def _commit(self, line: VoteLine, ballots: Ballots) -> VoteRow | None:
        """Save one row (called by the model); None after a refusal, explained to the clerk."""
        row = self.current_session()
        if row is None:
            return None
        before = line.vote
        try:
            saved = self.ctx.write(
                council.record_vote,
                row.id,
                line.title,
                ballots,
                person_id=line.subject_id if line.subject == council.PERSON else None,
                unit_id=line.subject_id if line.subject == council.UNIT else None,
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
            self.set_status(message + " " + _tr("Không có gì được lưu."), error=True)
            if isinstance(exc, ConflictError):  # someone else saved it: show what is stored now
                QTimer.singleShot(0, self.load_votes)
            QTimer.singleShot(0, lambda: self._warn(message, line))
            return None
        self.table.hold_position = False
        self.tools.remember(
            Edit(_tr("ghi phiếu của {name}").format(name=line.name), ((line.key, before),))
        )
        self.set_status(
            _tr("Đã ghi phiếu: {name} — {title}: {result} ({n}/{total} = {pct}).").format(
                name=saved.name,
                title=self.model.text(line, COL_TITLE),
                result=_tr("Đạt") if saved.passed else _tr("Không đạt"),
                n=format_count(saved.ballots.in_favour),
                total=format_count(row.members_total),
                pct=pct_text(saved.percent),
            )
        )
        self.refresh_session_text()
        return saved

    def _warn(self, message: str, line: VoteLine) -> None:
        """The refusal as a message box, then back to the refused row (same cell if still there)."""
        QMessageBox.warning(self, _tr("Số phiếu không hợp lệ"), message)
        current = self.current_line()
        if current is not line and line in self.model.lines():
            source = self.model.index(self.model.row_of(line), COL_IN_FAVOUR)
            self.table.setCurrentIndex(self.proxy.mapFromSource(source))
        self.table.setFocus()

    def refresh_session_text(self) -> None:
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
            self.set_status(_tr("Chọn một dòng đã ghi phiếu để xóa."), error=True)
            return False
        title = self.model.text(line, COL_TITLE)
        if not self.ask(
            _tr("Xóa phiếu"),
            _tr("Xóa kết quả bỏ phiếu của {name} ({title})?").format(name=line.name, title=title),
        ):
            return False
        try:
            self.ctx.write(council.delete_vote, line.vote.id, expected_version=line.vote.version)
        except DomainError as exc:
            QMessageBox.warning(self, _tr("Xóa phiếu"), str(exc))
            if isinstance(exc, ConflictError):
                self.load_votes()
            return False
        self.tools.remember(
            Edit(_tr("xóa phiếu của {name}").format(name=line.name), ((line.key, line.vote),))
        )
        self.reload(keep_position=True)
        self.set_status(
            _tr("Đã xóa phiếu của {name} ({title}).").format(name=line.name, title=title)
        )
        return True

    # --- sessions ------------------------------------------------------------------------------

    def open_dialog(self, dialog: UnitFormDialog, commit: Callable[[Any], bool]) -> None:
        """Show a form window-modal without blocking (``self.dialog`` while it is open); the
        services' refusals are shown in the form, which stays open."""
        if self.dialog is not None:  # one at a time (Ctrl+N pressed twice...)
            dialog.deleteLater()
            self.dialog.activateWindow()
            return

        def guarded(data: Any) -> bool:
            try:
                return commit(data)
            except DomainError as exc:
                dialog.show_problems(
                    exc.problems if isinstance(exc, ValidationError) else [str(exc)]
                )
                if isinstance(exc, ConflictError):
                    QTimer.singleShot(0, lambda: self.reload(keep_position=True))
                return False

        dialog.set_committer(guarded)
        dialog.finished.connect(lambda _result: self._closed(dialog))
        self.dialog = dialog
        dialog.open()

    def _closed(self, dialog: UnitFormDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()  # later: never inside its own signal handler
        self.table.setFocus()

    def new_session(self) -> None:
        council_sessions.new_session(self)

    def edit_session(self) -> None:
        council_sessions.edit_session(self)

    def delete_session(self) -> bool:
        return council_sessions.delete_session(self)
