"""The campaign form (Thêm / Sửa phong trào) and the small "lý do trả lại" dialog.

Both follow the dialog contract of architecture.md through :class:`UnitFormDialog`:
``load(dto)``, ``values()``, ``validate()`` (rules of :mod:`app.domain.campaigns`) and
``accept()``, which refuses while problems remain (listed in the red ``error_label``).

Attachments are not part of :class:`CampaignInput`: the dialog keeps a list of the files the
clerk added (paths picked with ``QFileDialog.getOpenFileName``) and of the stored attachments
he removed; the screen applies them after saving the campaign (:meth:`attachment_changes`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.domain.campaigns import (
    LAUNCH_LEVELS,
    REGULAR,
    SCOPES,
    CampaignInput,
    PlannedAward,
    validate_campaign_input,
)
from app.domain.catalogue import Catalogue
from app.domain.vnformat import format_count
from app.domain.vntext import clean
from app.services.campaigns import AttachmentDTO, CampaignDTO
from app.services.code_lists import campaign_kinds
from app.services.reference import catalogue
from app.ui.screens.units.people_model import Column, RecordTableModel, current_object, make_table
from app.ui.screens.units.unit_dialogs import (
    OptionalDate,
    UnitFormDialog,
    date_edit,
    date_of,
)
from app.ui.widgets.confirm import confirm_delete

_CONTEXT = "CampaignDialog"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


@dataclass(frozen=True)
class AttachmentChanges:
    added: tuple[Path, ...]
    removed: tuple[int, ...]  # attachment ids


@dataclass(frozen=True)
class _AwardRow:
    code: str
    name: str
    quantity: int


def _combo(choices: dict[str, str], none_text: str | None = None) -> QComboBox:
    combo = QComboBox()
    if none_text is not None:
        combo.addItem(none_text, None)
    for code, name in choices.items():
        combo.addItem(name, code)
    return combo


def _select(combo: QComboBox, value: object) -> None:
    combo.setCurrentIndex(max(0, combo.findData(value)))


class CampaignDialog(UnitFormDialog):
    """Add a campaign (``load(CampaignInput)``) or edit one (``load(CampaignDTO)``)."""

    def __init__(self, parent: QWidget | None = None, *, cat: Catalogue | None = None) -> None:
        super().__init__(_tr("Thêm phong trào"), parent)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 125)
        self._catalogue = cat or catalogue()
        self._campaign_id: int | None = None
        self._closed = False
        self._stored: list[AttachmentDTO] = []
        self._removed: list[int] = []
        self._added: list[Path] = []

        self.name_edit = QLineEdit()
        self.kind_combo = _combo(campaign_kinds())  # the Sở's own forms too (settings)
        self.scope_combo = _combo(SCOPES)
        self.launch_number_edit = QLineEdit()
        self.launch_number_edit.setPlaceholderText(_tr("VD: 12/KH-SNNMT"))
        self.launch_date = OptionalDate()
        self.launch_level_combo = _combo(LAUNCH_LEVELS, _tr("(không ghi)"))
        self.start_date = date_edit()
        self.end_date = OptionalDate()
        self.deadline = OptionalDate()
        self.subjects_edit = QLineEdit()
        self.subjects_edit.setPlaceholderText(
            _tr("VD: Cán bộ, công chức, viên chức, người lao động")
        )
        self.criteria_edit = QPlainTextEdit()
        self.criteria_edit.setTabChangesFocus(True)
        self.criteria_edit.setFixedHeight(self.fontMetrics().height() * 4 + 12)

        # planned awards: a small table, a title/form combo, a count, Thêm / Xóa
        self.award_model = RecordTableModel(
            [
                Column(_tr("Danh hiệu / Hình thức"), lambda a: a.name),
                Column(_tr("Số lượng"), lambda a: format_count(a.quantity), lambda a: a.quantity),
            ],
            self,
        )
        self.award_view, _proxy = make_table(self.award_model, stretch=0)
        self.award_view.setFixedHeight(self.fontMetrics().height() * 6)
        self.award_combo = QComboBox()
        for item in self._catalogue.items:
            if not item.history_only:
                self.award_combo.addItem(item.name, item.code)
        self.award_count = QSpinBox()
        self.award_count.setRange(1, 100000)
        self.add_award_button = QPushButton(_tr("Thêm khen thưởng"))
        self.remove_award_button = QPushButton(_tr("Bỏ dòng chọn"))
        self.add_award_button.clicked.connect(self.add_award)
        self.remove_award_button.clicked.connect(self.remove_award)
        awards = QWidget()
        awards_layout = QVBoxLayout(awards)
        awards_layout.setContentsMargins(0, 0, 0, 0)
        picker = QHBoxLayout()
        picker.addWidget(self.award_combo, 1)
        picker.addWidget(self.award_count)
        picker.addWidget(self.add_award_button)
        picker.addWidget(self.remove_award_button)
        awards_layout.addLayout(picker)
        awards_layout.addWidget(self.award_view)
        awards.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        # attachments
        self.file_list = QListWidget()
        self.file_list.setFixedHeight(self.fontMetrics().height() * 4)
        self.add_file_button = QPushButton(_tr("Đính kèm tệp…"))
        self.remove_file_button = QPushButton(_tr("Bỏ tệp"))
        for button in (
            self.add_award_button,
            self.remove_award_button,
            self.add_file_button,
            self.remove_file_button,
        ):
            button.setAutoDefault(False)  # Enter saves the form, whatever has the focus
        self.add_file_button.clicked.connect(self.add_file)
        self.remove_file_button.clicked.connect(self.remove_file)
        files = QWidget()
        files_layout = QHBoxLayout(files)
        files_layout.setContentsMargins(0, 0, 0, 0)
        files_layout.addWidget(self.file_list, 1)
        buttons = QVBoxLayout()
        buttons.addWidget(self.add_file_button)
        buttons.addWidget(self.remove_file_button)
        buttons.addStretch(1)
        files_layout.addLayout(buttons)
        files.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        for label, widget in (
            (_tr("&Tên phong trào:"), self.name_edit),
            (_tr("&Hình thức:"), self.kind_combo),
            (_tr("&Phạm vi:"), self.scope_combo),
            (_tr("Số văn bản phát động:"), self.launch_number_edit),
            (_tr("Ngày văn bản:"), self.launch_date),
            (_tr("Cấp phát động:"), self.launch_level_combo),
            (_tr("Ngày &bắt đầu:"), self.start_date),
            (_tr("Ngày &kết thúc:"), self.end_date),
            (_tr("&Hạn đăng ký:"), self.deadline),
            (_tr("Đối &tượng:"), self.subjects_edit),
            (_tr("Tiêu &chí:"), self.criteria_edit),
            (_tr("Khen thưởng dự kiến:"), awards),
            (_tr("Tệp đính kèm:"), files),
        ):
            self.form.addRow(label, widget)
        today = date.today()
        self.load(CampaignInput(name="", kind=REGULAR, scope="CO_QUAN_DON_VI", start_date=today))

    # --- contract ---------------------------------------------------------------------------

    def load(self, dto: CampaignDTO | CampaignInput) -> None:  # type: ignore[override]
        """A CampaignDTO: edit that campaign. A CampaignInput: a new one prefilled with it."""
        editing = isinstance(dto, CampaignDTO)
        self._campaign_id = dto.id if isinstance(dto, CampaignDTO) else None
        # the version saved back with the changes (refused when another clerk saved meanwhile)
        self.loaded_version = dto.version if isinstance(dto, CampaignDTO) else 0
        self._stored = list(dto.attachments) if isinstance(dto, CampaignDTO) else []
        self._removed, self._added = [], []
        data = dto.as_input() if isinstance(dto, CampaignDTO) else dto
        self._base = data
        self.setWindowTitle(_tr("Sửa phong trào") if editing else _tr("Thêm phong trào"))
        self.name_edit.setText(data.name)
        if self.kind_combo.findData(data.kind) < 0:  # a form no longer offered: kept as it is
            retired = campaign_kinds(with_retired=True)
            self.kind_combo.addItem(retired.get(data.kind, data.kind), data.kind)
        _select(self.kind_combo, data.kind)
        _select(self.scope_combo, data.scope)
        self.launch_number_edit.setText(data.launch_number or "")
        self.launch_date.set_value(data.launch_date)
        _select(self.launch_level_combo, data.launch_level)
        self.start_date.setDate(data.start_date)
        self.end_date.set_value(data.end_date)
        self.deadline.set_value(data.registration_deadline)
        self.subjects_edit.setText(data.subjects_text or "")
        self.criteria_edit.setPlainText(data.criteria or "")
        self.award_model.set_rows(
            [self._award_row(a.catalogue_code, a.quantity) for a in data.awards]
        )
        self._show_files()
        self.show_problems([])

    def values(self) -> CampaignInput:
        start = date_of(self.start_date)
        return replace(
            self._base,
            name=clean(self.name_edit.text()),
            kind=self.kind_combo.currentData(),
            scope=self.scope_combo.currentData(),
            start_date=start,
            end_date=self.end_date.value(),
            registration_deadline=self.deadline.value(),
            year=start.year,
            launch_number=clean(self.launch_number_edit.text()) or None,
            launch_date=self.launch_date.value(),
            launch_level=self.launch_level_combo.currentData(),
            subjects_text=clean(self.subjects_edit.text()) or None,
            criteria=self.criteria_edit.toPlainText().strip() or None,
            awards=tuple(
                PlannedAward(r.code, r.quantity, self._subject_of(r.code))
                for r in self.award_model.rows()
            ),
        )

    def validate(self) -> list[str]:
        return validate_campaign_input(
            self.values(), self._catalogue, campaign_kinds(with_retired=True)
        )

    @property
    def campaign_id(self) -> int | None:
        return self._campaign_id

    def attachment_changes(self) -> AttachmentChanges:
        return AttachmentChanges(tuple(self._added), tuple(self._removed))

    # --- planned awards ---------------------------------------------------------------------

    def _award_row(self, code: str, quantity: int) -> _AwardRow:
        name = self._catalogue.get(code).name if code in self._catalogue else code
        return _AwardRow(code, name, quantity)

    def _subject_of(self, code: str) -> str | None:
        """The subject of a planned award: the only one of its catalogue item, else none."""
        if code not in self._catalogue:
            return None
        subjects = self._catalogue.get(code).subjects
        return subjects[0].value if len(subjects) == 1 else None

    def add_award(self) -> None:
        code = self.award_combo.currentData()
        rows = [r for r in self.award_model.rows() if r.code != code]
        rows.append(self._award_row(code, self.award_count.value()))
        self.award_model.set_rows(rows)

    def remove_award(self) -> None:
        chosen = current_object(self.award_view)
        question = _tr("Bỏ “{name}” khỏi chỉ tiêu khen thưởng của phong trào?")
        if chosen is not None and confirm_delete(
            self, _tr("Bỏ dòng"), question.format(name=chosen.name)
        ):
            self.award_model.set_rows([r for r in self.award_model.rows() if r is not chosen])

    # --- attachments ------------------------------------------------------------------------

    def _show_files(self) -> None:
        self.file_list.clear()
        for a in self._stored:
            if a.id not in self._removed:
                item = QListWidgetItem(a.file_name)
                item.setData(Qt.ItemDataRole.UserRole, ("stored", a.id))
                item.setToolTip(f"{a.kind_name}, {a.size_text}")
                self.file_list.addItem(item)
        for path in self._added:
            item = QListWidgetItem(_tr("{name} (mới)").format(name=path.name))
            item.setData(Qt.ItemDataRole.UserRole, ("new", str(path)))
            item.setToolTip(str(path))
            self.file_list.addItem(item)

    def add_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _tr("Chọn tệp đính kèm"), "", _tr("Mọi tệp (*)")
        )
        if path:
            chosen = Path(path)
            if chosen not in self._added:
                self._added.append(chosen)
            self._show_files()

    def remove_file(self) -> None:
        item = self.file_list.currentItem()
        if item is None:
            return
        kind, key = item.data(Qt.ItemDataRole.UserRole)
        if kind == "stored":  # kept in the database: removed from it when the form is saved
            question = _tr("Bỏ tệp đính kèm “{name}” khỏi phong trào?").format(name=item.text())
            if not confirm_delete(self, _tr("Bỏ tệp"), question):
                return
            self._removed.append(int(key))
        else:
            self._added = [p for p in self._added if str(p) != key]
        self._show_files()


class ReasonDialog(UnitFormDialog):
    """Asks why a unit's registration is returned (trả lại bổ sung); refuses an empty reason."""

    def __init__(self, unit_name: str, parent: QWidget | None = None) -> None:
        super().__init__(_tr("Trả lại bổ sung"), parent)
        self.set_note(_tr("Trả lại bản đăng ký của {unit} để bổ sung.").format(unit=unit_name))
        self.reason_edit = QLineEdit()
        self.form.addRow(_tr("&Lý do:"), self.reason_edit)
        self.ok_button.setText(_tr("Trả lại"))

    def load(self, reason: str | None) -> None:
        self.reason_edit.setText(reason or "")

    def values(self) -> str:
        return clean(self.reason_edit.text())

    def validate(self) -> list[str]:
        return [] if self.values() else [_tr("Trả lại bổ sung cần ghi lý do")]
