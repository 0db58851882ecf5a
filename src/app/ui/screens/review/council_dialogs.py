"""Editing parts of the "Hội đồng TĐKT" tab (:mod:`.council_panel`).

- :class:`SessionDialog`, the "Phiên họp Hội đồng TĐKT" form: date, place, chair, secretary and
  the membership counts.
- The ballot grid: :class:`VoteModel` (house rule: column constants, ``SORT_ROLE`` with native
  values, ``OBJECT_ROLE`` returning the :class:`VoteLine`), :class:`BallotDelegate` (integer
  cells) and :class:`BallotTable` (Enter saves and moves down the column).

The form follows the dialog contract of architecture.md through :class:`UnitFormDialog`:
``load(dto)``, ``values() -> SessionInput``, ``validate()`` (the attendance rules of the year's
rule set, :func:`app.services.council.session_problems`) and ``accept()``, which refuses while
problems remain (the red ``error_label``) and while the committer refuses (the service's
message is shown in the same label and the dialog stays open).
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
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    QRegularExpression,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QLabel,
    QLineEdit,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from app.domain.council import Ballots
from app.domain.eligibility import RuleSet
from app.domain.vntext import vi_sort_key
from app.services.council import SessionInput, SessionRow, VoteRow, session_problems
from app.services.reference import catalogue
from app.ui.screens.units.unit_dialogs import UnitFormDialog, date_edit, date_of

_CONTEXT = "CouncilSessionDialog"

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
OBJECT_ROLE = Qt.ItemDataRole.UserRole + 2

COL_NAME, COL_UNIT, COL_TITLE = 0, 1, 2
COL_ISSUED, COL_RETURNED, COL_VALID, COL_IN_FAVOUR = 3, 4, 5, 6
COL_PERCENT, COL_THRESHOLD, COL_RESULT = 7, 8, 9
BALLOT_FIELDS = {
    COL_ISSUED: "issued",
    COL_RETURNED: "returned",
    COL_VALID: "valid",
    COL_IN_FAVOUR: "in_favour",
}
PASSED_COLOUR = QColor("#1b7a2f")
FAILED_COLOUR = QColor("#b3261e")
PENDING_COLOUR = QColor("#6b6b6b")

ModelIndex = QModelIndex | QPersistentModelIndex

MAX_MEMBERS = 999


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def _count(minimum: int) -> QSpinBox:
    box = QSpinBox()
    box.setRange(minimum, MAX_MEMBERS)
    box.setSuffix(_tr(" người"))
    return box


class SessionDialog(UnitFormDialog):
    """Add a session of ``year`` (``load(SessionInput)``) or correct one (``load(SessionRow)``)."""

    def __init__(self, year: int, rules: RuleSet | None, parent: QWidget | None = None) -> None:
        super().__init__(_tr("Phiên họp Hội đồng Thi đua - Khen thưởng mới"), parent)
        self.year = year
        self.rules = rules  # the year's rule set (None: the year has none)
        self.session_id: int | None = None
        self.date_edit = date_edit()
        self.place_edit = QLineEdit()
        self.place_edit.setPlaceholderText(_tr("VD: Phòng họp tầng 3, trụ sở Sở"))
        self.chair_edit = QLineEdit()
        self.chair_edit.setPlaceholderText(_tr("Họ tên, chức vụ người chủ trì"))
        self.secretary_edit = QLineEdit()
        self.total_spin = _count(0)
        self.present_spin = _count(0)
        self.written_spin = _count(0)
        self.written_spin.setToolTip(
            _tr("Thành viên vắng mặt có ý kiến bằng văn bản; được tính vào số người bỏ phiếu.")
        )
        self.note_edit = QLineEdit()
        self.voters_label = QLabel()
        self.voters_label.setObjectName("votersLabel")
        self.voters_label.setWordWrap(True)
        for label, widget in (
            (_tr("&Ngày họp:"), self.date_edit),
            (_tr("Đị&a điểm:"), self.place_edit),
            (_tr("&Chủ trì:"), self.chair_edit),
            (_tr("&Thư ký:"), self.secretary_edit),
            (_tr("Tổng số thành &viên:"), self.total_spin),
            (_tr("Số thành viên có &mặt:"), self.present_spin),
            (_tr("Ý kiến bằng văn &bản của thành viên vắng mặt:"), self.written_spin),
            (_tr("Ghi c&hú:"), self.note_edit),
        ):
            self.form.addRow(label, widget)
        self.form.addRow("", self.voters_label)
        for spin in (self.total_spin, self.present_spin, self.written_spin):
            spin.valueChanged.connect(self._show_voters)
        self.load(
            SessionInput(year=year, meeting_date=_default_date(year), members_total=0, present=0)
        )

    # --- contract ---------------------------------------------------------------------------

    def load(self, dto: SessionInput | SessionRow) -> None:
        """A SessionRow: correct that session. A SessionInput: a new one prefilled with it."""
        editing = isinstance(dto, SessionRow)
        self.session_id = dto.id if isinstance(dto, SessionRow) else None
        self.year = dto.year
        self.setWindowTitle(
            _tr("Sửa phiên họp Hội đồng Thi đua - Khen thưởng")
            if editing
            else _tr("Phiên họp Hội đồng Thi đua - Khen thưởng mới")
        )
        d = dto.meeting_date
        self.date_edit.setDate(QDate(d.year, d.month, d.day))
        self.place_edit.setText(dto.place or "")
        self.chair_edit.setText(dto.chair or "")
        self.secretary_edit.setText(dto.secretary or "")
        self.total_spin.setValue(dto.members_total)
        self.present_spin.setValue(dto.present)
        self.written_spin.setValue(dto.written_opinions)
        self.note_edit.setText(dto.note or "")
        self.show_problems([])
        self._show_voters()

    def values(self) -> SessionInput:
        return SessionInput(
            year=self.year,
            meeting_date=date_of(self.date_edit),
            members_total=self.total_spin.value(),
            present=self.present_spin.value(),
            written_opinions=self.written_spin.value(),
            place=self.place_edit.text(),
            chair=self.chair_edit.text(),
            secretary=self.secretary_edit.text(),
            note=self.note_edit.text(),
        )

    def validate(self) -> list[str]:
        if self.rules is None:
            return [
                _tr("Năm {year} không có bộ quy định để xét phiếu Hội đồng").format(year=self.year)
            ]
        return session_problems(self.values(), self.rules)

    def _show_voters(self) -> None:
        present, written = self.present_spin.value(), self.written_spin.value()
        self.voters_label.setText(
            _tr(
                "Năm xét {year}. Người được bỏ phiếu: {voters} ({present} có mặt + {written} ý "
                "kiến bằng văn bản); tỷ lệ đồng ý tính trên tổng số {total} thành viên."
            ).format(
                year=self.year,
                voters=present + written,
                present=present,
                written=written,
                total=self.total_spin.value(),
            )
        )


def _default_date(year: int) -> date:
    """Today when it falls in the review year (or the January after it), else 20 December."""
    today = date.today()
    return today if year <= today.year <= year + 1 else date(year, 12, 20)


# --- the ballot grid ---------------------------------------------------------------------------


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

    @property
    def key(self) -> tuple[str, int, str]:
        return (self.subject, self.subject_id, self.title)

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
        self._ranks: dict[int, list[int]] = {}
        self.voters = 0
        self.members_total = 0
        self.committer: Committer | None = None
        cat = catalogue()
        self._short = {item.code: item.short for item in cat.items}
        self._names = {item.code: item.name for item in cat.items}
        self._headers = (
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
        )
        self._tips = {
            COL_ISSUED: _tr("Số phiếu phát ra (để trống: số người được bỏ phiếu)"),
            COL_RETURNED: _tr("Số phiếu thu về (để trống: bằng số phát ra)"),
            COL_VALID: _tr("Số phiếu hợp lệ (để trống: bằng số thu về)"),
            COL_IN_FAVOUR: _tr("Số phiếu đồng ý; gõ số rồi Enter để ghi"),
            COL_PERCENT: _tr("Tỷ lệ đồng ý trên tổng số thành viên Hội đồng"),
            COL_THRESHOLD: _tr("Ngưỡng theo bộ quy định của năm xét"),
        }

    def set_lines(self, lines: Sequence[VoteLine], voters: int, members_total: int) -> None:
        self.beginResetModel()
        self._lines = list(lines)
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
        return self._lines.index(line)

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
        vote = line.vote
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(line, column)
        if role == Qt.ItemDataRole.EditRole:
            return line.value(BALLOT_FIELDS[column]) if column in BALLOT_FIELDS else None
        if role == OBJECT_ROLE:
            return line
        if role == SORT_ROLE:
            if column in self._ranks:
                return self._ranks[column][index.row()]
            if column in BALLOT_FIELDS:
                value = line.value(BALLOT_FIELDS[column])
                return -1 if value is None else value
            if column == COL_PERCENT:
                return float(vote.percent) if vote else -1.0
            if column == COL_RESULT:
                return -1 if vote is None else int(vote.passed)
            return self.text(line, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == COL_RESULT:
                return (
                    PENDING_COLOUR
                    if vote is None
                    else (PASSED_COLOUR if vote.passed else FAILED_COLOUR)
                )
            if column in BALLOT_FIELDS and BALLOT_FIELDS[column] in line.draft:
                return PENDING_COLOUR
        if role == Qt.ItemDataRole.FontRole and column == COL_RESULT and vote is not None:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= COL_ISSUED:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
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
        return None

    def text(self, line: VoteLine, column: int) -> str:
        vote = line.vote
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
            return pct_text(vote.percent) if vote else ""
        if column == COL_THRESHOLD:
            if vote is not None:
                return threshold_text(vote.threshold_pct, vote.majority_rule)
            return threshold_text(*line.threshold) if line.threshold else "—"
        if column == COL_RESULT:
            if vote is None:
                return _tr("Chưa ghi phiếu")
            return _tr("Đạt") if vote.passed else _tr("Không đạt")
        return ""

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
