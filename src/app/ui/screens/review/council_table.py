"""The ballot grid of the "Hội đồng TĐKT" tab (:mod:`.council_panel`).

:class:`VoteModel` (house rule: column constants, ``SORT_ROLE`` with native values,
``OBJECT_ROLE`` returning the :class:`VoteLine`, ``TITLE_ROLE`` the title's code for the
title filter), :class:`BallotDelegate` (integer cells) and :class:`BallotTable` (Enter saves
and moves down the column, like a spreadsheet).

One line per candidate stored with the session (:func:`app.services.council_candidates.
list_candidates`), in STT order: its vote, or the list approval that covers it when its title
is approved as a list.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QRegularExpression,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QKeyEvent, QKeySequence, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from app.domain.council import Ballots
from app.domain.vnformat import format_date
from app.domain.vntext import vi_sort_key
from app.services.council import VoteRow
from app.services.council_candidates import CandidateLine, ListApproval
from app.services.reference import catalogue

_CONTEXT = "CouncilTable"

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
OBJECT_ROLE = Qt.ItemDataRole.UserRole + 2
TITLE_ROLE = Qt.ItemDataRole.UserRole + 3

COL_STT, COL_NAME, COL_UNIT, COL_TITLE = 0, 1, 2, 3
COL_ISSUED, COL_RETURNED, COL_VALID, COL_IN_FAVOUR = 4, 5, 6, 7
COL_PERCENT, COL_THRESHOLD, COL_RESULT = 8, 9, 10
COL_RECEIVED = 11  # the day the dossier was received (a rule set's transition)
BALLOT_FIELDS = {
    COL_ISSUED: "issued",
    COL_RETURNED: "returned",
    COL_VALID: "valid",
    COL_IN_FAVOUR: "in_favour",
}
BALLOT_COLUMNS = tuple(BALLOT_FIELDS)
PASSED_COLOUR = QColor("#1b7a2f")
FAILED_COLOUR = QColor("#b3261e")
PENDING_COLOUR = QColor("#6b6b6b")

ModelIndex = QModelIndex | QPersistentModelIndex


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def pct_text(value: Decimal) -> str:
    return f"{value}".replace(".", ",") + "%"


def threshold_text(threshold: Decimal, majority: bool) -> str:
    """ "≥ 80%" for a threshold, "> 50%" for the plain majority."""
    whole = threshold == threshold.to_integral_value()
    return ("> " if majority else "≥ ") + pct_text(
        threshold.quantize(Decimal(1) if whole else threshold)
    )


@dataclass(eq=False)
class VoteLine:
    """One row of the table: a candidate for a title, with its recorded vote if any."""

    subject: str  # "person" or "unit"
    subject_id: int
    name: str
    unit: str
    title: str
    threshold: tuple[Decimal, bool] | None  # None: the year has no rule set
    vote: VoteRow | None = None
    draft: dict[str, int] = field(default_factory=dict)  # typed but not yet saved
    position: int | None = None  # the STT of the tally sheet
    birth_date: date | None = None
    ballot: bool = True  # voted on per candidate (else approved as a list)
    approval: ListApproval | None = None
    received_on: date | None = None
    candidate_version: int | None = None  # None: no stored candidate (a vote of its own)

    @classmethod
    def of(cls, c: CandidateLine, threshold: tuple[Decimal, bool] | None) -> VoteLine:
        return cls(
            c.subject,
            c.subject_id,
            c.name,
            c.unit,
            c.title,
            threshold,
            c.vote,
            position=c.position,
            birth_date=c.birth_date,
            ballot=c.ballot,
            approval=c.approval,
            received_on=c.received_on,
            candidate_version=c.version if c.id is not None else None,
        )

    @property
    def key(self) -> tuple[str, int, str]:
        return (self.subject, self.subject_id, self.title)

    @property
    def passed(self) -> bool | None:
        """The outcome: the vote's, else the list's; None while undecided."""
        if self.vote is not None:
            return self.vote.passed
        if self.approval is not None:
            return self.approval.passed
        return None

    def value(self, name: str) -> int | None:
        if name in self.draft:
            return self.draft[name]
        return getattr(self.vote.ballots, name) if self.vote is not None else None

    def ballots(self, voters: int) -> Ballots | None:
        """The counts to save: typed or stored values, defaults for the rest; None without
        the "đồng ý" count."""
        in_favour = self.value("in_favour")
        if in_favour is None:
            return None
        issued = self.value("issued")
        issued = voters if issued is None else issued
        returned = self.value("returned")
        returned = issued if returned is None else returned
        valid = self.value("valid")
        valid = returned if valid is None else valid
        return Ballots(issued, returned, valid, in_favour)


Committer = Callable[[VoteLine, Ballots], VoteRow | None]


class VoteModel(QAbstractTableModel):
    """Vote lines of one session; ballot cells are editable and saved through ``committer``."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._lines: list[VoteLine] = []
        self._rows: dict[int, int] = {}  # id(line) -> row
        self._ranks: dict[int, list[int]] = {}
        self.voters = 0
        self.members_total = 0
        self.committer: Committer | None = None
        # made once: a QFont() built in data() for every row leaks a reference to None in
        # PySide6 6.12 (the interpreter aborts after some thousands of rows)
        self._bold = QFont()
        self._bold.setBold(True)
        cat = catalogue()
        self._short = {item.code: item.short for item in cat.items}
        self._names = {item.code: item.name for item in cat.items}
        self._headers = (
            _tr("STT"),
            _tr("Họ tên / Tập thể"),
            _tr("Đơn vị"),
            _tr("Danh hiệu đề nghị"),
            _tr("Phát ra"),
            _tr("Thu về"),
            _tr("Hợp lệ"),
            _tr("Đồng ý"),
            _tr("Tỷ lệ"),
            _tr("Ngưỡng"),
            _tr("Kết quả"),
            _tr("Nhận hồ sơ"),
        )
        self._tips = {
            COL_STT: _tr("Số thứ tự trên bảng kiểm phiếu"),
            COL_ISSUED: _tr("Số phiếu phát ra (để trống: số người được bỏ phiếu)"),
            COL_RETURNED: _tr("Số phiếu thu về (để trống: bằng số phát ra)"),
            COL_VALID: _tr("Số phiếu hợp lệ (để trống: bằng số thu về)"),
            COL_IN_FAVOUR: _tr("Số phiếu đồng ý; gõ số rồi Enter để ghi"),
            COL_PERCENT: _tr("Tỷ lệ đồng ý trên tổng số thành viên Hội đồng"),
            COL_THRESHOLD: _tr("Ngưỡng theo bộ quy định của năm xét"),
            COL_RECEIVED: _tr(
                "Ngày nhận hồ sơ đề nghị: hồ sơ nhận trước ngày chuyển tiếp của quy định mới "
                "được xét theo quy định cũ (Kiểm phiếu > Ngày nhận hồ sơ…)"
            ),
        }

    def set_lines(self, lines: Sequence[VoteLine], voters: int, members_total: int) -> None:
        self.beginResetModel()
        self._lines = list(lines)
        self._rows = {id(line): row for row, line in enumerate(self._lines)}
        self.voters = voters
        self.members_total = members_total
        self._rerank()
        self.endResetModel()

    def _rerank(self) -> None:
        def ranks(keys: list[Any]) -> list[int]:
            order = sorted(range(len(keys)), key=lambda i: keys[i])
            out = [0] * len(keys)
            for position, i in enumerate(order):
                out[i] = position
            return out

        self._ranks = {
            COL_NAME: ranks([vi_sort_key(line.name) for line in self._lines]),
            COL_UNIT: ranks([vi_sort_key(line.unit) for line in self._lines]),
        }

    def lines(self) -> list[VoteLine]:
        return list(self._lines)

    def line_at(self, row: int) -> VoteLine:
        return self._lines[row]

    def row_of(self, line: VoteLine) -> int:
        return self._rows[id(line)]

    def titles(self) -> list[str]:
        """The titles of the lines, in catalogue order."""
        present = {line.title for line in self._lines}
        return [item.code for item in catalogue().items if item.code in present]

    # --- QAbstractTableModel ----------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tips.get(section)
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() in BALLOT_FIELDS:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        line = self._lines[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(line, column)
        if role == Qt.ItemDataRole.EditRole:
            return line.value(BALLOT_FIELDS[column]) if column in BALLOT_FIELDS else None
        if role == OBJECT_ROLE:
            return line
        if role == TITLE_ROLE:
            return line.title
        if role == SORT_ROLE:
            return self._sort_value(line, index.row(), column)
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == COL_RESULT:
                passed = line.passed
                if passed is None:
                    return PENDING_COLOUR
                return PASSED_COLOUR if passed else FAILED_COLOUR
            if column in BALLOT_FIELDS and BALLOT_FIELDS[column] in line.draft:
                return PENDING_COLOUR
        if role == Qt.ItemDataRole.FontRole and column == COL_RESULT and line.passed is not None:
            return self._bold
        if role == Qt.ItemDataRole.TextAlignmentRole and (
            column >= COL_ISSUED or column == COL_STT
        ):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(line, column)
        return None

    def _sort_value(self, line: VoteLine, row: int, column: int) -> Any:
        vote = line.vote
        if column in self._ranks:
            return self._ranks[column][row]
        if column == COL_STT:
            return line.position if line.position is not None else 1_000_000 + row
        if column in BALLOT_FIELDS:
            value = line.value(BALLOT_FIELDS[column])
            return -1 if value is None else value
        if column == COL_PERCENT:
            return float(vote.percent) if vote else -1.0
        if column == COL_RESULT:
            passed = line.passed
            return -1 if passed is None else int(passed)
        if column == COL_RECEIVED:
            return line.received_on.toordinal() if line.received_on else 0
        return self.text(line, column)

    def _tooltip(self, line: VoteLine, column: int) -> str | None:
        vote = line.vote
        if column == COL_TITLE:
            return self._names.get(line.title, line.title)
        if column == COL_RESULT and vote is not None:
            return _tr(
                "{n}/{total} thành viên đồng ý ({pct} tổng số thành viên; cần {rule})"
            ).format(
                n=vote.ballots.in_favour,
                total=self.members_total,
                pct=pct_text(vote.percent),
                rule=threshold_text(vote.threshold_pct, vote.majority_rule),
            )
        if column == COL_RESULT and line.approval is not None:
            a = line.approval
            return _tr("Hội đồng thông qua cả danh sách: {n}/{total} thành viên đồng ý").format(
                n=a.in_favour, total=a.members_total
            )
        return None

    def text(self, line: VoteLine, column: int) -> str:
        vote = line.vote
        if column == COL_STT:
            return "" if line.position is None else str(line.position)
        if column == COL_NAME:
            return line.name
        if column == COL_UNIT:
            return line.unit
        if column == COL_TITLE:
            return self._short.get(line.title, line.title)
        if column in BALLOT_FIELDS:
            value = line.value(BALLOT_FIELDS[column])
            return "" if value is None else str(value)
        if column == COL_PERCENT:
            if vote is not None:
                return pct_text(vote.percent)
            return pct_text(line.approval.percent) if line.approval is not None else ""
        if column == COL_THRESHOLD:
            if vote is not None:
                return threshold_text(vote.threshold_pct, vote.majority_rule)
            return threshold_text(*line.threshold) if line.threshold else "—"
        if column == COL_RESULT:
            return self.result_text(line)
        if column == COL_RECEIVED:
            return format_date(line.received_on) if line.received_on else ""
        return ""

    @staticmethod
    def result_text(line: VoteLine) -> str:
        if line.vote is not None:
            return _tr("Đạt") if line.vote.passed else _tr("Không đạt")
        if line.approval is not None:
            return _tr("Đạt (danh sách)") if line.approval.passed else _tr("Không đạt (danh sách)")
        if not line.ballot:
            return _tr("Chờ thông qua danh sách")
        return _tr("Chưa ghi phiếu")

    def setData(self, index: ModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Store a typed count; save the row once its "đồng ý" count is known.

        ``value`` None (an emptied cell) forgets what was typed there. A refused save forgets
        the typed count and returns False.
        """
        if role != Qt.ItemDataRole.EditRole or index.column() not in BALLOT_FIELDS:
            return False
        line = self._lines[index.row()]
        name = BALLOT_FIELDS[index.column()]
        if value is None or value == "":
            line.draft.pop(name, None)
        else:
            line.draft[name] = int(value)
        ballots = line.ballots(self.voters)
        ok = True
        if ballots is not None and line.draft and self.committer is not None:
            saved = self.committer(line, ballots)
            if saved is None:
                line.draft.pop(name, None)
                ok = False
            else:
                line.vote = saved
                line.draft.clear()
        self.refresh_line(line)
        return ok

    def refresh_line(self, line: VoteLine) -> None:
        row = self.row_of(line)
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))


class BallotDelegate(QStyledItemDelegate):
    """An integer field; a value left as it was is not written back (no accidental save)."""

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: ModelIndex
    ) -> QWidget:
        editor = QLineEdit(parent)
        editor.setValidator(  # digits only; empty is fine (Enter leaves an empty cell)
            QRegularExpressionValidator(QRegularExpression(r"\d{0,4}"), editor)
        )
        editor.setAlignment(Qt.AlignmentFlag.AlignCenter)
        return editor

    def setEditorData(self, editor: QWidget, index: ModelIndex) -> None:
        assert isinstance(editor, QLineEdit)
        value = index.data(Qt.ItemDataRole.EditRole)
        text = "" if value is None else str(value)
        editor.setText(text)
        editor.setProperty("original", text)

    def setModelData(self, editor: QWidget, model: QAbstractTableModel, index: ModelIndex) -> None:  # type: ignore[override]
        assert isinstance(editor, QLineEdit)
        text = editor.text().strip()
        if text == editor.property("original"):
            return
        model.setData(index, int(text) if text else None, Qt.ItemDataRole.EditRole)


class BallotTable(QTableView):
    """Enter in a cell saves it and moves down the same column, like a spreadsheet."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hold_position = False  # set when a save was refused: stay on the cell

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        hold, self.hold_position = self.hold_position, False
        if hold and hint in (
            QAbstractItemDelegate.EndEditHint.EditNextItem,
            QAbstractItemDelegate.EndEditHint.EditPreviousItem,
        ):
            hint = QAbstractItemDelegate.EndEditHint.NoHint
        super().closeEditor(editor, hint)
        if hold or hint != QAbstractItemDelegate.EndEditHint.SubmitModelCache:
            return
        current = self.currentIndex()
        below = current.sibling(current.row() + 1, current.column())
        if below.isValid():
            self.setCurrentIndex(below)


class KeyedBallotTable(BallotTable):
    """The ballot table: Ctrl+V, Ctrl+D and Ctrl+Z act on the ballots while it has the focus
    (taken before any shortcut of the window), the rest as a spreadsheet."""

    def __init__(self, keys: dict[QKeySequence.StandardKey | QKeySequence, Callable[[], Any]]):
        super().__init__()
        self.keys = keys

    def _handler(self, event: QKeyEvent) -> Callable[[], Any] | None:
        if self.state() == QAbstractItemView.State.EditingState:
            return None
        for keys, handler in self.keys.items():
            if isinstance(keys, QKeySequence.StandardKey):
                if event.matches(keys):
                    return handler
            elif event.keyCombination().toCombined() == keys[0].toCombined():
                return handler
        return None

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            if self._handler(event) is not None:
                event.accept()
                return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        handler = self._handler(event)
        if handler is not None:
            event.accept()
            handler()
            return
        super().keyPressEvent(event)
