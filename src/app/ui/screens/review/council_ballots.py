"""Ballots at scale on the "Hội đồng TĐKT" tab (issue 14): what :class:`.council_panel.
CouncilPanel` does with many rows at once.

- **Paste** (Ctrl+V in the table): a block copied in Excel. Numbers alone fill the ballot cells
  from the current cell down and right, like a spreadsheet; rows naming candidates are matched
  by STT, else by name and date of birth (:mod:`app.domain.council_paste`). Either way a
  preview lists what matched and what did not (:class:`RowsDialog`) before anything is written;
  only the rows that matched are written.
- **Fill down** (Ctrl+D): the first selected cell's count copied to the cells selected below it.
- **All in favour**: "đồng ý" = the valid ballots for the selected rows (every row shown when
  none is selected).
- **Undo** (Ctrl+Z): the last ballot edit (a typed cell, a paste, a fill, "all in favour", a
  tally sheet) put back as it was, votes it added removed.
- **Tally sheet**: the ``vote-tally`` export for the Ban kiểm phiếu, and the sheet read back
  all or nothing (the same reader and service as ``tdkt import votes``).
- **List approval**: a title without a ballot per candidate approved in one action
  (:class:`ListApprovalDialog`).

Every write is one service call in one transaction (:func:`app.services.council.record_votes`,
:func:`app.services.council_tally.commit_rows`), all or nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QLabel, QSpinBox, QWidget

from app.domain.council import SessionCounts, ballot_rule, list_result
from app.domain.council_paste import FIELD_NAMES, BlockRow, parse_block
from app.domain.eligibility import RuleSet
from app.domain.vnformat import format_count, format_date
from app.services.council import BallotEntry, VoteRow
from app.services.council_tally import TallyItem, TallyPreview
from app.ui.screens.review.council_table import (
    BALLOT_COLUMNS,
    BALLOT_FIELDS,
    VoteLine,
    pct_text,
    threshold_text,
)
from app.ui.screens.units.people_model import Column, RecordTableModel, make_table
from app.ui.screens.units.unit_dialogs import UnitFormDialog
from app.ui.widgets.date_edit import DateEdit

if TYPE_CHECKING:
    from app.services.council import SessionRow

_CONTEXT = "CouncilBallots"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


# --- undo --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Edit:
    """One ballot edit: the votes of the lines it touched as they were before (None: none)."""

    label: str
    before: tuple[tuple[tuple[str, int, str], VoteRow | None], ...]


def snapshot(label: str, lines: Sequence[VoteLine]) -> Edit:
    return Edit(label, tuple((line.key, line.vote) for line in lines))


def undo_entries(edit: Edit, now: dict[tuple[str, int, str], VoteLine]) -> list[BallotEntry]:
    """What puts ``edit``'s lines back: their old counts, or no vote (versions as stored now)."""
    out = []
    for key, before in edit.before:
        line = now.get(key)
        current = line.vote if line is not None else None
        out.append(
            BallotEntry(
                subject=key[0],
                subject_id=key[1],
                title=key[2],
                ballots=before.ballots if before is not None else None,
                expected_version=current.version if current is not None else 0,
                label=line.name if line is not None else "",
            )
        )
    return out


# --- building rows -----------------------------------------------------------------------------


def positional_rows(
    grid: Sequence[Sequence[int | None]], lines: Sequence[VoteLine], first_column: int
) -> tuple[list[BlockRow], str]:
    """A block of numbers placed from ``lines[0]`` at ``first_column`` (a ballot column):
    one row per line, the numbers as the counts of the columns they fall in. The text is the
    refusal when the block does not fit ("" otherwise)."""
    if first_column not in BALLOT_FIELDS:
        return [], _tr(
            "Chọn ô đầu tiên trong các cột số phiếu (Phát ra, Thu về, Hợp lệ, Đồng ý) rồi dán"
        )
    width = max((len(row) for row in grid), default=0)
    if first_column + width - 1 > BALLOT_COLUMNS[-1]:
        return [], _tr("Khối dán rộng {n} cột, vượt ra ngoài các cột số phiếu").format(
            n=format_count(width)
        )
    if len(grid) > len(lines):
        return [], _tr("Khối dán có {n} dòng, bảng chỉ còn {m} dòng từ ô đang chọn").format(
            n=format_count(len(grid)), m=format_count(len(lines))
        )
    rows = []
    for number, (values, line) in enumerate(zip(grid, lines, strict=False), start=1):
        counts = {
            BALLOT_FIELDS[first_column + i]: value
            for i, value in enumerate(values)
            if value is not None
        }
        rows.append(
            BlockRow(number, line.position, line.name, line.birth_date, None, counts, (), line.key)
        )
    return rows, ""


def filled_rows(lines: Sequence[VoteLine], column: int, value: int) -> list[BlockRow]:
    """``value`` in ``column`` of each line (fill-down, "all in favour")."""
    name = BALLOT_FIELDS[column]
    return [
        BlockRow(n, line.position, line.name, line.birth_date, None, {name: value}, (), line.key)
        for n, line in enumerate(lines, start=1)
    ]


def clipboard_rows(
    text: str, lines: Sequence[VoteLine], first_column: int
) -> tuple[list[BlockRow], str]:
    """The rows of a pasted block (see the module docstring) and the refusal, if any."""
    block = parse_block(text)
    if block.problems:
        return [], "; ".join(block.problems)
    if block.numbers_only:
        return positional_rows(block.grid, lines, first_column)
    return list(block.rows), ""


# --- the preview -------------------------------------------------------------------------------


def _counts_text(item: TallyItem, name: str) -> str:
    if item.ballots is not None:
        return str(getattr(item.ballots, name))
    value = item.row.counts.get(name)
    return "" if value is None else str(value)


def _note(item: TallyItem) -> str:
    if item.problems:
        return "; ".join(item.problems)
    if item.ballots is None:
        return _tr("Không có số phiếu: bỏ qua")
    if item.unchanged:
        return _tr("Như đã ghi")
    return _tr("Sẽ ghi")


class RowsDialog(UnitFormDialog):
    """What a pasted block or a tally sheet would write, row by row, before writing it.

    ``partial``: the rows that matched may be written while others did not (a pasted block);
    otherwise (a file) nothing is written while a row is in error, as every import."""

    def __init__(
        self, title: str, preview: TallyPreview, *, partial: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(title, parent)
        self.setObjectName("ballotRowsDialog")
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 120)
        self.preview = preview
        self.partial = partial
        self.model = RecordTableModel(
            [
                Column(_tr("Dòng"), lambda i: str(i.row.line), lambda i: i.row.line),
                Column(_tr("Trên dòng"), lambda i: i.row.who()),
                Column(
                    _tr("Khớp với"),
                    lambda i: (
                        f"{i.candidate.position or ''} {i.candidate.name}".strip()
                        if i.candidate is not None
                        else _tr("— không khớp —")
                    ),
                ),
                *[
                    Column(FIELD_NAMES[name], lambda i, name=name: _counts_text(i, name))
                    for name in ("issued", "returned", "valid", "in_favour")
                ],
                Column(_tr("Ghi chú"), _note),
            ],
            self,
            greyed=lambda i: bool(i.problems) or i.candidate is None,
        )
        self.view, _proxy = make_table(self.model, stretch=6)
        self.view.setObjectName("ballotRowsTable")
        self.view.setMinimumHeight(self.view.fontMetrics().height() * 14)
        self.model.set_rows(list(preview.items))
        self.view.resizeColumnsToContents()
        self.summary = QLabel()
        self.summary.setObjectName("ballotRowsSummary")
        self.summary.setWordWrap(True)
        writes = len(preview.to_write)
        self.summary.setText(
            "\n".join(
                [
                    *preview.problems,
                    _tr(
                        "{n} dòng: {ok} khớp, {bad} không khớp hoặc có lỗi; {w} phiếu sẽ ghi."
                    ).format(
                        n=format_count(len(preview.items)),
                        ok=format_count(preview.matched),
                        bad=format_count(preview.unmatched),
                        w=format_count(writes),
                    ),
                ]
            )
        )
        self.form.addRow(self.summary)
        self.form.addRow(self.view)
        self.ok_button.setText(_tr("Ghi {n} phiếu").format(n=format_count(writes)))
        if preview.blocked and not partial:
            self.set_note(
                _tr(
                    "Chưa ghi được: sửa các dòng không khớp hoặc có lỗi trong tệp rồi nhập lại "
                    "cả tệp (không ghi một phần)."
                )
            )
        elif preview.unmatched:
            self.set_note(_tr("Các dòng không khớp hoặc có lỗi được bỏ qua, không ghi."))

    def values(self) -> TallyPreview:
        return self.preview

    def validate(self) -> list[str]:
        if self.preview.problems or (self.preview.blocked and not self.partial):
            return [_tr("Tệp còn dòng không khớp hoặc có lỗi: không ghi gì")]
        if not self.preview.to_write:
            return [_tr("Không có phiếu nào mới để ghi")]
        return []


# --- list approval ---------------------------------------------------------------------------


class ListApprovalDialog(UnitFormDialog):
    """“Thông qua danh sách”: a title without a ballot per candidate, the members in favour
    of its whole list, and the result it would give (judged like a ballot)."""

    def __init__(
        self,
        meeting: SessionRow,
        rules: RuleSet,
        titles: Sequence[tuple[str, str, int]],  # (code, name, candidates)
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(_tr("Thông qua danh sách"), parent)
        self.setObjectName("listApprovalDialog")
        self.meeting = meeting
        self.rules = rules
        self.title_combo = QComboBox()
        self.title_combo.setObjectName("listTitleCombo")
        for code, name, count in titles:
            self.title_combo.addItem(
                _tr("{name} ({n} người/tập thể)").format(name=name, n=format_count(count)), code
            )
        self.favour_spin = QSpinBox()
        self.favour_spin.setObjectName("inFavourSpin")
        self.favour_spin.setSuffix(_tr(" thành viên"))
        self.result_label = QLabel()
        self.result_label.setObjectName("listResult")
        self.result_label.setWordWrap(True)
        self.form.addRow(_tr("&Danh hiệu:"), self.title_combo)
        self.form.addRow(_tr("Số thành viên đồng &ý:"), self.favour_spin)
        self.form.addRow("", self.result_label)
        self.ok_button.setText(_tr("Thông qua"))
        self.title_combo.currentIndexChanged.connect(lambda _i: self._title_changed())
        self.favour_spin.valueChanged.connect(lambda _v: self._show_result())
        self.set_note(
            _tr(
                "Hội đồng biểu quyết một lần cho cả danh sách (không bỏ phiếu từng người). Kết "
                "quả được ghi vào phiên họp ngày {date} cho mọi người, tập thể của danh hiệu."
            ).format(date=format_date(meeting.meeting_date))
        )
        self._title_changed()

    def _counts(self) -> SessionCounts:
        m = self.meeting
        return SessionCounts(m.members_total, m.present, m.written_opinions)

    def _title_changed(self) -> None:
        code = self.title_combo.currentData()
        if code is None:
            return
        voters = ballot_rule(str(code), self.rules).voters(self._counts())
        self.favour_spin.setRange(0, voters)
        self.favour_spin.setValue(voters)
        self._show_result()

    def _show_result(self) -> None:
        code = self.title_combo.currentData()
        if code is None:
            self.result_label.setText("")
            return
        result = list_result(str(code), self.favour_spin.value(), self._counts(), self.rules)
        verdict = _tr("Đạt") if result.passed else _tr("Không đạt")
        self.result_label.setText(
            _tr("{verdict}: {n}/{total} thành viên đồng ý ({pct}; cần {rule})").format(
                verdict=verdict,
                n=format_count(result.in_favour),
                total=format_count(result.members_total),
                pct=pct_text(result.percent),
                rule=threshold_text(result.threshold, result.threshold_is_majority),
            )
        )

    def values(self) -> tuple[str, int]:
        return str(self.title_combo.currentData() or ""), self.favour_spin.value()

    def validate(self) -> list[str]:
        if self.title_combo.currentData() is None:
            return [_tr("Phiên họp không có danh hiệu nào thông qua theo danh sách")]
        return []


def list_titles(lines: Sequence[VoteLine], names: dict[str, str]) -> list[tuple[str, str, int]]:
    """(code, name, candidates) of the titles approved as a list, in the order of the lines."""
    counts: dict[str, int] = {}
    for line in lines:
        if not line.ballot and line.position is not None:
            counts[line.title] = counts.get(line.title, 0) + 1
    return [(code, names.get(code, code), n) for code, n in counts.items()]


# --- received dates ----------------------------------------------------------------------------


class ReceivedDateDialog(UnitFormDialog):
    """“Ngày nhận hồ sơ…”: the day the dossiers of the selected candidates were received (empty:
    not known), which a rule set's transition uses to keep the earlier rules."""

    def __init__(self, count: int, current: date | None, parent: QWidget | None = None) -> None:
        super().__init__(_tr("Ngày nhận hồ sơ"), parent)
        self.setObjectName("receivedDateDialog")
        self.date_edit = DateEdit(current, optional=True)
        self.date_edit.setObjectName("receivedDateEdit")
        if current is None:
            self.date_edit.set_value(None)
        self.form.addRow(_tr("&Ngày nhận:"), self.date_edit)
        self.set_note(
            _tr(
                "Ghi cho {n} dòng đang chọn. Hồ sơ nhận trước ngày chuyển tiếp của quy định mới "
                "được xét theo quy định cũ, trừ khi quy định mới có lợi hơn. Để trống nếu chưa rõ."
            ).format(n=count)
        )

    def values(self) -> date | None:
        return self.date_edit.value()

    def validate(self) -> list[str]:
        return []
