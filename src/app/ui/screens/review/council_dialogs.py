"""The "Phiên họp Hội đồng TĐKT" form of the "Hội đồng TĐKT" tab (:mod:`.council_panel`):
date, place, chair, secretary and the membership counts (the ballot grid is
:mod:`.council_table`).

The form follows the dialog contract of architecture.md through :class:`UnitFormDialog`:
``load(dto)``, ``values() -> SessionInput``, ``validate()`` (the attendance rules of the year's
rule set, :func:`app.services.council.session_problems`) and ``accept()``, which refuses while
problems remain (the red ``error_label``) and while the committer refuses (the service's
message is shown in the same label and the dialog stays open).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import (
    QCoreApplication,
)
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from app.domain.eligibility import RuleSet
from app.services.council import SessionInput, SessionRow, session_problems
from app.ui.screens.units.unit_dialogs import UnitFormDialog, date_edit, date_of

_CONTEXT = "CouncilSessionDialog"

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
        self.date_edit.setDate(dto.meeting_date)
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
