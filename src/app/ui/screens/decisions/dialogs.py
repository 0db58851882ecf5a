"""The lifecycle dialogs of a decision: Ban hành, Đính chính, Thu hồi, and a draft from the
Council's results.

Each follows the dialog contract through :class:`UnitFormDialog`: ``load(dto)``, ``values()``,
``validate()`` and ``accept()``, which refuses while problems remain (listed in red in the
dialog); a committer handed by the screen writes through the services and keeps the dialog
open when they refuse.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QWidget,
)

from app.domain.vnformat import format_count
from app.domain.vntext import clean
from app.services.decision_dates import DateCheck
from app.services.decisions import (
    CouncilCandidate,
    DecisionDetail,
    RecipientDTO,
    RecipientFix,
)
from app.ui.screens.decisions.form import NextNumber, NumberChecker, NumberField
from app.ui.screens.decisions.signing_date import DateChecker, SigningDate
from app.ui.screens.units.people_model import Column, RecordTableModel, make_table
from app.ui.screens.units.unit_dialogs import UnitFormDialog, date_edit, date_of

_CONTEXT = "DecisionDialogs"
ModelIndex = QModelIndex | QPersistentModelIndex


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def _text_box(lines: int = 3) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setFixedHeight(box.fontMetrics().height() * lines + 14)
    return box


def _table_height(view: QWidget, rows: int) -> None:
    view.setMinimumHeight(view.fontMetrics().height() * (rows + 2) + 16)


# --- ban hành ------------------------------------------------------------------------------


@dataclass(frozen=True)
class IssueValues:
    number: str
    decision_date: date


class IssueDialog(UnitFormDialog):
    """Number and date of signature, and what issuing does (locks, award records, golden-book
    numbers)."""

    def __init__(
        self,
        checker: NumberChecker,
        next_number: NextNumber,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(_tr("Ban hành quyết định"), parent)
        self.setObjectName("issueDialog")
        self.number = NumberField()
        self.date = SigningDate(date.today())
        self.date.setObjectName("issueDate")
        self.number.configure(checker, next_number, lambda: self.date.date_value().year)
        self.date.edit.dateChanged.connect(lambda _d: self.number.check())
        self.form.addRow(_tr("&Số quyết định:"), self.number)
        self.form.addRow(_tr("&Ngày ký:"), self.date)
        self.ok_button.setText(_tr("Ban hành"))
        self.ok_button.setToolTip(_tr("Khóa nội dung và tạo bản ghi khen thưởng"))

    def configure_date(self, checker: DateChecker | None) -> None:
        """What the signing date means for the money (base salary, new total, warnings)."""
        self.date.configure(checker)

    def load(self, dto: DecisionDetail) -> None:  # type: ignore[override]
        self.date.set_value(dto.decision_date or date.today())
        self.number.set_text(dto.number)
        if not dto.number:
            self.number.take_next()
        count = len(dto.recipients)
        self.set_note(
            _tr(
                "Ban hành sẽ khóa nội dung quyết định (chỉ sửa được bằng Đính chính hoặc Thu hồi), "
                "cấp số sổ vàng 1–{n} theo thứ tự danh sách và tạo {n} bản ghi khen thưởng để "
                "tính vào lịch sử khen thưởng của từng người, tập thể."
            ).format(n=format_count(count))
        )

    def values(self) -> IssueValues:
        return IssueValues(self.number.text(), self.date.date_value())

    def validate(self) -> list[str]:
        if not self.number.text():
            return [_tr("Chưa nhập số quyết định")]
        return self.number.check()


# --- đính chính ----------------------------------------------------------------------------


@dataclass(frozen=True)
class CorrectionValues:
    document: str
    correction_date: date
    note: str
    number: str | None
    decision_date: date | None
    fixes: tuple[RecipientFix, ...]


_FIX_COLUMNS = (1, 2, 3)  # name, job title, unit text are editable


class FixModel(RecordTableModel):
    """The lines of the decision with editable name, position and unit (đính chính)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column(_tr("STT"), lambda r: str(r.position), lambda r: r.position),
                Column(_tr("Họ và tên / Tên tập thể"), lambda r: self._value(r, 1)),
                Column(_tr("Chức vụ"), lambda r: self._value(r, 2)),
                Column(_tr("Đơn vị"), lambda r: self._value(r, 3)),
            ],
            parent,
        )
        self._edits: dict[tuple[int, int], str] = {}

    def _value(self, r: RecipientDTO, column: int) -> str:
        original = {1: r.name, 2: r.job_title, 3: r.unit_text}[column]
        return self._edits.get((r.id, column), original)

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.column() in _FIX_COLUMNS:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and role == Qt.ItemDataRole.EditRole:
            return self._value(self._rows[index.row()], index.column())
        return super().data(index, role)

    def setData(self, index: ModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() not in _FIX_COLUMNS:
            return super().setData(index, value, role)
        self._edits[(self._rows[index.row()].id, index.column())] = clean(str(value))
        self.dataChanged.emit(index, index)
        return True

    def fixes(self) -> tuple[RecipientFix, ...]:
        out = []
        for r in self._rows:
            changed = {
                c: self._edits[(r.id, c)]
                for c in _FIX_COLUMNS
                if (r.id, c) in self._edits
                and self._edits[(r.id, c)] != {1: r.name, 2: r.job_title, 3: r.unit_text}[c]
            }
            if changed:
                out.append(
                    RecipientFix(
                        r.id,
                        recipient_name=changed.get(1),
                        job_title=changed.get(2),
                        unit_text=changed.get(3),
                    )
                )
        return tuple(out)


class CorrectDialog(UnitFormDialog):
    """Đính chính: the correcting document, what it corrects, and the new number, date or
    printed texts of the lines (double click or F2 on a cell to edit it)."""

    def __init__(self, checker: NumberChecker, parent: QWidget | None = None) -> None:
        super().__init__(_tr("Đính chính quyết định"), parent)
        self.setObjectName("correctDialog")
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 110)
        self.document = QLineEdit()
        self.document.setObjectName("documentEdit")
        self.document.setPlaceholderText(_tr("Số, ký hiệu văn bản đính chính, VD: 20/QĐ-SNNMT"))
        self.correction_date = date_edit()
        self.note_edit = _text_box()
        self.note_edit.setObjectName("noteEdit")
        self.note_edit.setPlaceholderText(_tr("Nội dung đính chính"))
        self.number = NumberField()
        self.decision_date = date_edit()
        self.number.configure(checker, None, lambda: date_of(self.decision_date).year)
        self.decision_date.dateChanged.connect(lambda _d: self.number.check())
        self.fix_model = FixModel(self)
        self.fix_view, _proxy = make_table(self.fix_model, stretch=1)
        self.fix_view.setObjectName("fixTable")
        self.fix_view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.fix_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        _table_height(self.fix_view, 5)
        self.form.addRow(_tr("Văn bản đính &chính:"), self.document)
        self.form.addRow(_tr("Ngày văn &bản:"), self.correction_date)
        self.form.addRow(_tr("&Nội dung:"), self.note_edit)
        self.form.addRow(_tr("&Số quyết định:"), self.number)
        self.form.addRow(_tr("Ngày &ký quyết định:"), self.decision_date)
        self.form.addRow(_tr("Danh sách:"), self.fix_view)
        self.ok_button.setText(_tr("Ghi đính chính"))
        self._original: DecisionDetail | None = None

    def load(self, dto: DecisionDetail) -> None:  # type: ignore[override]
        self._original = dto
        self.number.set_text(dto.number)
        self.decision_date.setDate(dto.decision_date or date.today())
        self.fix_model.set_rows(dto.recipients)
        self.fix_view.resizeColumnsToContents()
        self.set_note(
            _tr(
                "Chỉ sửa được số, ngày ký và họ tên, chức vụ, đơn vị in trong danh sách; các bản "
                "ghi khen thưởng được cập nhật theo. Quyết định chuyển sang trạng thái "
                "\u201cĐã đính chính\u201d."
            )
        )

    def values(self) -> CorrectionValues:
        original = self._original
        number = self.number.text()
        day = date_of(self.decision_date)
        return CorrectionValues(
            document=clean(self.document.text()),
            correction_date=date_of(self.correction_date),
            note=clean(self.note_edit.toPlainText()),
            number=number if original is None or number != original.number else None,
            decision_date=day if original is None or day != original.decision_date else None,
            fixes=self.fix_model.fixes(),
        )

    def validate(self) -> list[str]:
        v = self.values()
        problems = []
        if not v.document:
            problems.append(_tr("Chưa nhập số, ký hiệu văn bản đính chính"))
        if not v.note:
            problems.append(_tr("Chưa nhập nội dung đính chính"))
        if not self.number.text():
            problems.append(_tr("Số quyết định không được để trống"))
        return problems + self.number.check()


# --- thu hồi -------------------------------------------------------------------------------


@dataclass(frozen=True)
class RevokeValues:
    document: str
    revoke_date: date
    reason: str
    recipient_ids: tuple[int, ...] | None  # None: the whole decision


class RevokeDialog(UnitFormDialog):
    """Thu hồi: the document, its date and the reason (required); the whole decision or only
    the lines ticked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_tr("Thu hồi quyết định"), parent)
        self.setObjectName("revokeDialog")
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 100)
        self.document = QLineEdit()
        self.document.setObjectName("documentEdit")
        self.document.setPlaceholderText(_tr("Số, ký hiệu quyết định thu hồi, hủy bỏ"))
        self.revoke_date = date_edit()
        self.reason = _text_box()
        self.reason.setObjectName("reasonEdit")
        self.reason.setPlaceholderText(
            _tr("VD: Khai man thành tích (Luật Thi đua, khen thưởng 2022, Điều 93 khoản 2 điểm a)")
        )
        self.whole = QRadioButton(_tr("&Toàn bộ quyết định"))
        self.whole.setObjectName("wholeRadio")
        self.some = QRadioButton(_tr("Chỉ các dòng đánh &dấu dưới đây"))
        self.some.setObjectName("someRadio")
        self.whole.setChecked(True)
        self.line_model = RecordTableModel(
            [
                Column(_tr("STT"), lambda r: str(r.position), lambda r: r.position),
                Column(_tr("Họ và tên / Tên tập thể"), lambda r: r.name),
                Column(_tr("Danh hiệu / Hình thức"), lambda r: r.award_name),
            ],
            self,
            checkable=True,
            greyed=lambda r: r.revoked,
        )
        self.line_view, _proxy = make_table(self.line_model, stretch=1)
        self.line_view.setObjectName("lineTable")
        self.line_view.setEnabled(False)
        _table_height(self.line_view, 5)
        self.some.toggled.connect(self.line_view.setEnabled)
        self.form.addRow(_tr("Văn bản thu &hồi:"), self.document)
        self.form.addRow(_tr("Ngày văn &bản:"), self.revoke_date)
        self.form.addRow(_tr("&Lý do:"), self.reason)
        self.form.addRow(_tr("Phạm vi:"), self.whole)
        self.form.addRow("", self.some)
        self.form.addRow("", self.line_view)
        self.ok_button.setText(_tr("Thu hồi"))
        self.set_note(
            _tr(
                "Khen thưởng bị thu hồi không còn được tính khi xét danh hiệu, hình thức khen "
                "thưởng các năm sau; hiện vật và tiền thưởng phải nộp lại (Nghị định "
                "152/2025/NĐ-CP, Điều 58)."
            )
        )

    def load(self, dto: DecisionDetail) -> None:  # type: ignore[override]
        self.line_model.set_rows(dto.recipients)
        for row in range(self.line_model.rowCount()):
            self.line_model.setData(
                self.line_model.index(row, 0),
                Qt.CheckState.Unchecked,
                Qt.ItemDataRole.CheckStateRole,
            )
        self.line_view.resizeColumnsToContents()

    def check_line(self, position: int) -> None:
        """Tick the line numbered ``position`` (keyboard and tests)."""
        row = next(i for i, r in enumerate(self.line_model.rows()) if r.position == position)
        self.line_model.setData(
            self.line_model.index(row, 0), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole
        )

    def values(self) -> RevokeValues:
        ids = None
        if self.some.isChecked():
            ids = tuple(r.id for r in self.line_model.checked_rows())
        return RevokeValues(
            document=clean(self.document.text()),
            revoke_date=date_of(self.revoke_date),
            reason=clean(self.reason.toPlainText()),
            recipient_ids=ids,
        )

    def validate(self) -> list[str]:
        v = self.values()
        problems = []
        if not v.document:
            problems.append(_tr("Chưa nhập số, ký hiệu văn bản thu hồi"))
        if not v.reason:
            problems.append(
                _tr("Chưa nhập lý do thu hồi (Luật Thi đua, khen thưởng 2022, Điều 93 khoản 2)")
            )
        if v.recipient_ids is not None and not v.recipient_ids:
            problems.append(_tr("Chưa đánh dấu dòng nào để thu hồi"))
        return problems


# --- from the Council ----------------------------------------------------------------------


class CouncilDialog(UnitFormDialog):
    """Pick a title someone passed in the year; shows who passed (and who is already in a
    decision); "Tạo dự thảo" builds the draft."""

    def __init__(
        self,
        titles: Sequence[tuple[str, str, int]],
        candidates: Callable[[str], list[CouncilCandidate]],
        year: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(_tr("Tạo quyết định từ kết quả Hội đồng"), parent)
        self.setObjectName("councilDialog")
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 110)
        self._candidates = candidates
        self.title_combo = QComboBox()
        self.title_combo.setObjectName("titleCombo")
        for code, name, count in titles:
            self.title_combo.addItem(
                _tr("{name} ({n} người/tập thể chưa có quyết định)").format(
                    name=name, n=format_count(count)
                ),
                code,
            )
        self.model = RecordTableModel(
            [
                Column(_tr("Họ và tên / Tên tập thể"), lambda c: c.name),
                Column(_tr("Đơn vị"), lambda c: c.unit),
                Column(_tr("Tỷ lệ đồng ý"), lambda c: c.percent),
                Column(
                    _tr("Ghi chú"),
                    lambda c: _tr("Đã có trong {d}").format(d=c.already_in) if c.already_in else "",
                ),
            ],
            self,
            greyed=lambda c: bool(c.already_in),
        )
        self.view, _proxy = make_table(self.model, stretch=0)
        self.view.setObjectName("candidateTable")
        _table_height(self.view, 8)
        # a new draft is dated today, never with the date of the decision selected behind
        self.date = SigningDate(date.today())
        self.date.setObjectName("draftDate")
        self._date_checker: Callable[[str, date], DateCheck | None] | None = None
        self.form.addRow(_tr("&Danh hiệu:"), self.title_combo)
        self.form.addRow(_tr("Đạt biểu quyết:"), self.view)
        self.form.addRow(_tr("&Ngày ký:"), self.date)
        self.ok_button.setText(_tr("Tạo dự thảo"))
        self.title_combo.currentIndexChanged.connect(lambda _i: self._show())
        if not titles:
            self.set_note(
                _tr(
                    "Năm {year} chưa có ai đạt biểu quyết của Hội đồng. Ghi kết quả biểu quyết ở "
                    "mục Bình xét trước."
                ).format(year=year)
            )
            self.ok_button.setEnabled(False)
        else:
            self.set_note(
                _tr(
                    "Dự thảo gồm những người, tập thể đạt biểu quyết theo thứ tự biểu quyết, trừ "
                    "những ai đã có trong một quyết định khác cho danh hiệu này."
                )
            )
        self._show()

    def _show(self) -> None:
        code = self.title_combo.currentData()
        self.model.set_rows(self._candidates(code) if code else [])
        self.view.resizeColumnsToContents()
        self.date.refresh()

    def configure_date(self, checker: Callable[[str, date], DateCheck | None]) -> None:
        """``checker(title, day)``: what the date means for the draft of that title."""
        self._date_checker = checker

        def check(day: date) -> DateCheck | None:
            code = self.title_combo.currentData()
            return checker(str(code), day) if code and self._date_checker else None

        self.date.configure(check)

    def values(self) -> str:
        return str(self.title_combo.currentData() or "")

    def signing_date(self) -> date:
        return self.date.date_value()

    def validate(self) -> list[str]:
        if not self.values():
            return [_tr("Chưa chọn danh hiệu")]
        if not any(not c.already_in for c in self.model.rows()):
            return [_tr("Mọi người đạt danh hiệu này đã có trong quyết định khác")]
        return []
