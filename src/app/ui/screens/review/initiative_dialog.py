""" "Sáng kiến của đề nghị" (Ctrl+K in Bình xét): which initiatives a proposal rests on.

One checkbox per initiative of the candidate (Tab moves between them, Space ticks). One that
an issued award holds is shown with that award and cannot be ticked; one chosen for another
proposal of the year may be ticked (it moves here). When nothing was chosen yet, the
initiatives the engine counted are ticked to start with. The dialog only collects the
choice (:meth:`values`); the screen saves it through
:func:`app.services.initiative_uses.choose_initiatives`.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.services.initiative_uses import InitiativeChoice, ProposalInitiatives

_CONTEXT = "InitiativeDialog"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def item_text(item: InitiativeChoice) -> str:
    """ "Số hóa hồ sơ (Sáng kiến, Cấp tỉnh, 2025, QĐ 12/QĐ-SNNMT)" """
    parts = [item.kind, item.scope, str(item.year)]
    if item.decision_number:
        parts.append(_tr("QĐ {number}").format(number=item.decision_number))
    return f"{item.title} ({', '.join(p for p in parts if p)})"


def item_note(item: InitiativeChoice) -> str:
    if item.locked:
        return _tr("Khen thưởng đã ban hành dựa trên sáng kiến này.")
    if item.held_by and item.movable:
        return _tr("Sáng kiến {held}: chọn ở đây thì chuyển sang đề nghị này.").format(
            held=item.held_by
        )
    if item.held_by:
        return _tr("Không dùng được: sáng kiến {held}.").format(held=item.held_by)
    if item.counted:
        return _tr("Đang được tính khi xét điều kiện.")
    return ""


class InitiativeUseDialog(QDialog):
    """The initiatives one proposal rests on (X6: one initiative, one use)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_tr("Sáng kiến của đề nghị"))
        self.resize(680, 380)
        self.data: ProposalInitiatives | None = None
        self.boxes: dict[int, QCheckBox] = {}
        self.intro = QLabel()
        self.intro.setObjectName("initiativeIntro")
        self.intro.setWordWrap(True)
        self.list_box = QWidget()
        self.list_layout = QVBoxLayout(self.list_box)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.list_box)
        self.error_label = QLabel()
        self.error_label.setObjectName("initiativeError")
        self.error_label.setStyleSheet("color: #b3261e")
        self.error_label.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)

    def load(self, data: ProposalInitiatives) -> None:
        """Show the candidate's initiatives for the proposal (built once per dialog)."""
        self.data = data
        self.intro.setText(
            _tr(
                "<b>{name}</b>: sáng kiến, đề tài làm căn cứ đề nghị <b>{title}</b> năm {year}. "
                "Mỗi sáng kiến chỉ dùng cho một khen thưởng."
            ).format(name=escape(data.name), title=escape(data.title_name), year=data.year)
        )
        preset = not data.chosen_ids
        for item in data.items:
            box = QCheckBox(item_text(item))
            box.setObjectName(f"initiative_{item.initiative_id}")
            box.setChecked(item.chosen or (preset and item.counted))
            box.setEnabled(not item.locked and (item.free or item.movable))
            note = item_note(item)
            box.setToolTip(note)
            box.setAccessibleDescription(note)
            self.list_layout.addWidget(box)
            if note:
                label = QLabel(f"<i>{escape(note)}</i>")
                label.setObjectName(f"initiativeNote_{item.initiative_id}")
                label.setWordWrap(True)
                label.setContentsMargins(24, 0, 0, 6)
                self.list_layout.addWidget(label)
            self.boxes[item.initiative_id] = box
        if not data.items:
            empty = QLabel(
                _tr("{name} chưa có sáng kiến, đề tài nào được ghi nhận.").format(name=data.name)
            )
            empty.setObjectName("initiativeEmpty")
            self.list_layout.addWidget(empty)
        self.list_layout.addStretch(1)
        first = next((b for b in self.boxes.values() if b.isEnabled()), None)
        (first or self.ok_button).setFocus()

    def values(self) -> list[int]:
        """The ids of the ticked initiatives."""
        return [iid for iid, box in self.boxes.items() if box.isChecked()]

    def validate(self) -> list[str]:
        if self.data is None:
            return [_tr("Chưa có dữ liệu sáng kiến.")]
        return []

    def accept(self) -> None:
        problems = self.validate()
        if problems:
            self.error_label.setText("\n".join(problems))
            return
        super().accept()
