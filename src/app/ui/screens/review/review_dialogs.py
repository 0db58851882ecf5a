"""Dialogs of the Bình xét page: change a proposal with a reason, mark manual conditions.

Both only collect the clerk's choice; the screen saves it through the review services.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.domain.codes import SubjectKind
from app.services import review
from app.services.reference import catalogue
from app.services.review import CandidateRow, title_short

_CONTEXT = "ReviewDialogs"
UNMET_PREFIX = "Không đạt: "


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


@dataclass(frozen=True)
class OverrideChoice:
    clear: bool  # back to the computed proposal
    proposed: str | None
    reason: str


class OverrideDialog(QDialog):
    """ "Đổi danh hiệu đề nghị": a title of the subject's kind (or none) and a required reason."""

    def __init__(self, row: CandidateRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_tr("Đổi danh hiệu đề nghị"))
        self.row = row
        self.result_choice: OverrideChoice | None = None
        kind = SubjectKind.CA_NHAN if row.subject == review.PERSON else SubjectKind.TAP_THE

        self.title_combo = QComboBox()
        self.title_combo.setObjectName("overrideTitle")
        self.title_combo.addItem(_tr("(Không đề nghị)"), None)
        for item in sorted(catalogue().items, key=lambda i: (i.kind, i.rank, i.order)):
            if kind in item.subjects and not item.history_only:
                self.title_combo.addItem(item.name, item.code)
        current = row.proposed
        self.title_combo.setCurrentIndex(max(0, self.title_combo.findData(current)))
        self.reason_edit = QLineEdit(row.override.reason if row.override else "")
        self.reason_edit.setObjectName("overrideReason")
        self.reason_edit.setPlaceholderText(_tr("Bắt buộc: vì sao đổi (ghi vào nhật ký)"))
        self.error_label = QLabel()
        self.error_label.setObjectName("overrideError")
        self.error_label.setStyleSheet("color: #b3261e")
        self.error_label.setWordWrap(True)

        form = QFormLayout()
        form.addRow(_tr("Cán bộ / tập thể:"), QLabel(f"<b>{row.name}</b> — {row.unit}"))
        form.addRow(_tr("Đăng ký:"), QLabel(title_short(row.registered)))
        form.addRow(_tr("Đề xuất tự tính:"), QLabel(title_short(row.computed)))
        title_label = QLabel(_tr("Đề &nghị:"))
        title_label.setBuddy(self.title_combo)
        form.addRow(title_label, self.title_combo)
        reason_label = QLabel(_tr("&Lý do:"))
        reason_label.setBuddy(self.reason_edit)
        form.addRow(reason_label, self.reason_edit)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.reset_button: QPushButton | None = None
        if row.override is not None:
            self.reset_button = buttons.addButton(
                _tr("&Trả về đề xuất tự tính"), QDialogButtonBox.ButtonRole.ResetRole
            )
            self.reset_button.setObjectName("overrideReset")
            self.reset_button.clicked.connect(self._reset)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.reason_edit.setFocus()

    def _accept(self) -> None:
        reason = self.reason_edit.text().strip()
        if not reason:
            self.error_label.setText(_tr("Cần ghi lý do khi đổi danh hiệu đề nghị."))
            self.reason_edit.setFocus()
            return
        self.result_choice = OverrideChoice(False, self.title_combo.currentData(), reason)
        self.accept()

    def _reset(self) -> None:
        self.result_choice = OverrideChoice(True, None, "")
        self.accept()


@dataclass(frozen=True)
class ConditionChange:
    key: str
    unmet: bool
    note: str


def manual_conditions_of(row: CandidateRow) -> list[tuple[str, str, bool]]:
    """(key, text, unmet) of every manual condition in the row's verdicts, once per key; the
    text names the titles the condition is for ("… (Bằng khen của Chủ tịch UBND tỉnh)"), so
    two conditions worded alike for different titles tell themselves apart."""
    seen: dict[str, tuple[str, bool]] = {}
    titles: dict[str, list[str]] = {}
    cat = catalogue()
    for code, verdict in row.verdicts.items():
        for c in verdict.conditions:
            if not c.manual:
                continue
            if c.key not in seen:
                seen[c.key] = (c.text.removeprefix(UNMET_PREFIX), c.met is False)
            name = title_short(code, cat)
            if name not in titles.setdefault(c.key, []):
                titles[c.key].append(name)
    return [
        (key, f"{text} ({', '.join(titles[key])})" if titles[key] else text, unmet)
        for key, (text, unmet) in seen.items()
    ]


class ConditionMarksDialog(QDialog):
    """Manual conditions ("gương mẫu", "đoàn kết"...): tick those the person or unit fails."""

    def __init__(
        self, row: CandidateRow, notes: dict[str, str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_tr("Tiêu chí đánh giá thủ công"))
        self.resize(640, 360)
        self.changes: list[ConditionChange] = []
        self._items: list[tuple[str, bool, str, QCheckBox, QLineEdit]] = []
        intro = QLabel(
            _tr(
                "<b>{name}</b>: các tiêu chí do Hội đồng, đơn vị đánh giá. Tiêu chí được coi là "
                "đạt cho đến khi đánh dấu \u201cKhông đạt\u201d."
            ).format(name=row.name)
        )
        intro.setWordWrap(True)
        grid_box = QWidget()
        grid = QGridLayout(grid_box)
        grid.addWidget(QLabel(_tr("<b>Tiêu chí</b>")), 0, 0)
        grid.addWidget(QLabel(_tr("<b>Không đạt</b>")), 0, 1)
        grid.addWidget(QLabel(_tr("<b>Ghi chú</b>")), 0, 2)
        for line, (key, text, unmet) in enumerate(manual_conditions_of(row), start=1):
            label = QLabel(text)
            label.setWordWrap(True)
            box = QCheckBox()
            box.setObjectName(f"unmet_{key}")
            box.setAccessibleName(_tr("Không đạt: {text}").format(text=text))
            box.setChecked(unmet)
            note = QLineEdit(notes.get(key, ""))
            note.setObjectName(f"note_{key}")
            grid.addWidget(label, line, 0)
            grid.addWidget(box, line, 1, Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(note, line, 2)
            self._items.append((key, unmet, notes.get(key, ""), box, note))
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(2, 2)
        if not self._items:
            grid.addWidget(QLabel(_tr("Không có tiêu chí thủ công nào.")), 1, 0, 1, 3)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(grid_box)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)

    def _accept(self) -> None:
        self.changes = [
            ConditionChange(key, box.isChecked(), note.text().strip())
            for key, was, old_note, box, note in self._items
            if box.isChecked() != was or (box.isChecked() and note.text().strip() != old_note)
        ]
        self.accept()
