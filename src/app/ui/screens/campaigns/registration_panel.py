"""Sign-ups (đăng ký thi đua) of the year's regular campaign: units on the left, people right.

Left: every current unit with its collective target and the state of its submission (chưa
gửi, đã nộp, trả lại bổ sung with its reason, đã duyệt); a combo sets the collective title and
buttons move the status ("Trả lại bổ sung…" asks the reason in :class:`ReasonDialog`).
Right: the people of the selected unit (and its sub-units) who signed up, their title and
flags; a person combo and a title combo register or change one person; "Đăng ký LĐTT cho cả
đơn vị" registers everyone not yet registered. The flags of the selected sign-up are spelled
out in ``details_label``. Every action is one ``ctx.write``; a refusal shows a warning box.

Several clerks: each write passes the ``version`` of the row the clerk was looking at; when
another clerk saved it meanwhile, the service refuses with ``ConflictError``, the warning says
so and the panel reads everything again (``refresh``), so nothing is overwritten silently.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.domain.codes import SubjectKind
from app.domain.errors import ConflictError, DomainError, ValidationError
from app.services import registrations as reg
from app.services.campaigns import CampaignDTO
from app.services.people import filter_people, list_people
from app.services.reference import catalogue
from app.services.registration_history import reference_day
from app.services.units import list_units, subtree_ids
from app.ui.screens.campaigns.campaign_dialog import ReasonDialog
from app.ui.screens.campaigns.campaign_model import (
    COL_P_UNIT,
    COL_U_NAME,
    PersonRegistrationModel,
    UnitRegistrationModel,
    fit_columns,
    flags_text,
)
from app.ui.screens.units.people_model import current_object, make_table
from app.ui.widgets.columns import FillColumn
from app.ui.widgets.confirm import confirm_delete

_CONTEXT = "RegistrationPanel"
UNIT_FLOOR = 160  # px: a unit name column never narrower (the table scrolls instead)


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def _titles(subject: SubjectKind) -> list[tuple[str, str]]:
    """(code, name) of the titles (danh hiệu) a subject may register for."""
    return [
        (i.code, i.name)
        for i in catalogue().items
        if i.is_title and subject in i.subjects and not i.history_only
    ]


class RegistrationPanel(QWidget):
    """The sign-ups of one campaign (``set_campaign``); emits ``changed`` after each write."""

    changed = Signal()

    def __init__(self, ctx: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.campaign: CampaignDTO | None = None
        self.dialog: ReasonDialog | None = None

        # --- units
        self.unit_model = UnitRegistrationModel(self)
        self.unit_view, self.unit_proxy = make_table(self.unit_model, sort_column=COL_U_NAME)
        self.unit_view.setObjectName("unitRegistrations")
        # the unit names take the width the other columns leave (elided beyond, whole in tips)
        self.unit_fill = FillColumn(self.unit_view, COL_U_NAME)
        self.unit_title_combo = QComboBox()
        self.unit_title_combo.addItem(_tr("(không đăng ký)"), None)
        for code, name in _titles(SubjectKind.TAP_THE):
            self.unit_title_combo.addItem(name, code)
        self.unit_title_button = QPushButton(_tr("Đặt danh hiệu tập thể"))
        self.submit_button = QPushButton(_tr("Đã &nộp"))
        self.return_button = QPushButton(_tr("&Trả lại bổ sung…"))
        self.approve_button = QPushButton(_tr("D&uyệt"))
        self.reopen_button = QPushButton(_tr("Về chưa gửi"))
        self.unit_title_button.clicked.connect(self.set_unit_title)
        self.submit_button.clicked.connect(lambda: self.set_status("DA_NOP"))
        self.return_button.clicked.connect(self.return_unit)
        self.approve_button.clicked.connect(lambda: self.set_status("DA_DUYET"))
        self.reopen_button.clicked.connect(lambda: self.set_status("CHUA_GUI"))

        units_box = QGroupBox(_tr("Đăng ký của đơn vị"))
        units_layout = QVBoxLayout(units_box)
        units_layout.addWidget(self.unit_view, 1)
        row = QHBoxLayout()
        row.addWidget(QLabel(_tr("Danh hiệu tập thể:")))
        row.addWidget(self.unit_title_combo, 1)
        row.addWidget(self.unit_title_button)
        units_layout.addLayout(row)
        row = QHBoxLayout()
        for button in (
            self.submit_button,
            self.return_button,
            self.approve_button,
            self.reopen_button,
        ):
            row.addWidget(button)
        row.addStretch(1)
        units_layout.addLayout(row)

        # --- people
        self.person_model = PersonRegistrationModel(self)
        self.person_view, self.person_proxy = make_table(self.person_model, sort_column=-1)
        self.person_view.setObjectName("personRegistrations")
        self.person_fill = FillColumn(self.person_view, COL_P_UNIT)
        self.person_combo = QComboBox()
        self.person_combo.setEditable(False)
        self.person_combo.setMinimumContentsLength(18)
        self.person_title_combo = QComboBox()
        for code, name in _titles(SubjectKind.CA_NHAN):
            self.person_title_combo.addItem(name, code)
        self.register_button = QPushButton(_tr("Đăn&g ký"))
        self.unregister_button = QPushButton(_tr("Bỏ đăng ký"))
        self.ldtt_button = QPushButton(_tr("Đăng ký LĐTT cho cả đơn vị"))
        self.ldtt_button.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_L))
        self.ldtt_button.setToolTip(
            _tr("Đăng ký Lao động tiên tiến cho mọi cán bộ đang công tác của đơn vị (Ctrl+L)")
        )
        self.register_button.clicked.connect(self.register_person)
        self.unregister_button.clicked.connect(self.unregister_person)
        self.ldtt_button.clicked.connect(self.register_everyone)
        self.details_label = QLabel()
        self.details_label.setObjectName("flagDetails")
        self.details_label.setWordWrap(True)
        self.details_label.setTextFormat(Qt.TextFormat.PlainText)
        self.details_label.setStyleSheet("color: #9a5b00;")

        self.people_box = QGroupBox(_tr("Đăng ký của cá nhân"))
        people_layout = QVBoxLayout(self.people_box)
        top = QHBoxLayout()
        top.addWidget(self.ldtt_button)
        top.addStretch(1)
        people_layout.addLayout(top)
        people_layout.addWidget(self.person_view, 1)
        people_layout.addWidget(self.details_label)
        row = QHBoxLayout()
        row.addWidget(self.person_combo, 2)
        row.addWidget(self.person_title_combo, 2)
        row.addWidget(self.register_button)
        row.addWidget(self.unregister_button)
        people_layout.addLayout(row)

        # Let a small window shrink the halves (their buttons then get cut rather than forcing
        # the main window wider than a laptop screen).
        units_box.setMinimumWidth(220)
        self.people_box.setMinimumWidth(220)
        for combo in (self.unit_title_combo, self.person_combo, self.person_title_combo):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(12)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(units_box)
        splitter.addWidget(self.people_box)
        splitter.setStretchFactor(0, 5)
        splitter.setStretchFactor(1, 4)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

        self.unit_view.selectionModel().currentRowChanged.connect(self._unit_changed)
        self.person_view.selectionModel().currentRowChanged.connect(self._person_changed)
        self._update_buttons()

    # --- contents ---------------------------------------------------------------------------

    def set_campaign(self, campaign: CampaignDTO | None) -> None:
        self.campaign = campaign
        self.refresh()

    def refresh(self) -> None:
        """Read the units' sign-ups again, keep the selected unit, reload its people."""
        current = self.current_unit()
        keep = current.unit_id if current is not None else None
        rows = self.ctx.read(reg.list_unit_registrations, self.campaign.id) if self.campaign else []
        self.unit_model.set_rows(rows)
        fit_columns(self.unit_view, 230)
        self.unit_fill.floor = min(self.unit_view.columnWidth(COL_U_NAME), UNIT_FLOOR)
        self.unit_fill.fill()
        if keep is not None:
            self.select_unit(keep)
        self._load_people()
        self._update_buttons()

    def current_unit(self) -> reg.UnitRegistrationDTO | None:
        return current_object(self.unit_view)  # type: ignore[no-any-return]

    def current_registration(self) -> reg.RegistrationDTO | None:
        return current_object(self.person_view)  # type: ignore[no-any-return]

    def select_unit(self, unit_id: int) -> None:
        row = self.unit_model.row_of(unit_id, "unit_id")
        if row is None:
            return
        index = self.unit_proxy.mapFromSource(self.unit_model.index(row, 0))
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self.unit_view.selectionModel().setCurrentIndex(index, flags)
        self.unit_view.scrollTo(index)

    def _unit_changed(self, *_args: object) -> None:
        unit = self.current_unit()
        if unit is not None:
            self.unit_title_combo.setCurrentIndex(
                max(0, self.unit_title_combo.findData(unit.catalogue_code))
            )
        self._load_people()
        self._update_buttons()

    def _load_people(self) -> None:
        unit = self.current_unit()
        if self.campaign is None or unit is None:
            self.person_model.set_rows([])
            self.person_combo.clear()
            self.people_box.setTitle(_tr("Đăng ký của cá nhân"))
            self._person_changed()
            return
        self.people_box.setTitle(_tr("Đăng ký của cá nhân: {unit}").format(unit=unit.unit_name))
        campaign_id, unit_id = self.campaign.id, unit.unit_id
        day = reference_day(self.campaign.year)
        self.person_model.set_rows(
            self.ctx.read(reg.list_registrations, campaign_id, unit_id=unit_id)
        )
        fit_columns(self.person_view, 220)
        self.person_fill.floor = min(self.person_view.columnWidth(COL_P_UNIT), UNIT_FLOOR)
        self.person_fill.fill()
        units = self.ctx.read(list_units)
        people = filter_people(
            self.ctx.read(list_people, on=day),
            unit_ids=subtree_ids(units, unit_id),
            status="active",
        )
        self.person_combo.clear()
        for p in people:
            self.person_combo.addItem(p.full_name, p.id)
            self.person_combo.setItemData(
                self.person_combo.count() - 1, p.unit_name, Qt.ItemDataRole.ToolTipRole
            )
        self._person_changed()

    def _person_changed(self, *_args: object) -> None:
        chosen = self.current_registration()
        if chosen is None:
            self.details_label.clear()
        else:
            self.person_combo.setCurrentIndex(max(0, self.person_combo.findData(chosen.person_id)))
            self.person_title_combo.setCurrentIndex(
                max(0, self.person_title_combo.findData(chosen.catalogue_code))
            )
            self.details_label.setText(
                _tr("{name}: {flags}").format(name=chosen.full_name, flags=flags_text(chosen.flags))
                if chosen.flags
                else ""
            )
        self._update_buttons()

    def _update_buttons(self) -> None:
        unit = self.current_unit()
        has_unit = self.campaign is not None and unit is not None
        status = unit.status if unit is not None else None
        self.unit_title_button.setEnabled(has_unit)
        self.unit_title_combo.setEnabled(has_unit)
        self.submit_button.setEnabled(has_unit and status in ("CHUA_GUI", "TRA_LAI"))
        self.return_button.setEnabled(has_unit and status in ("DA_NOP", "DA_DUYET"))
        self.approve_button.setEnabled(has_unit and status == "DA_NOP")
        self.reopen_button.setEnabled(has_unit and status == "DA_NOP")
        self.ldtt_button.setEnabled(has_unit)
        self.register_button.setEnabled(has_unit and self.person_combo.count() > 0)
        self.unregister_button.setEnabled(has_unit and self.current_registration() is not None)

    # --- writing ----------------------------------------------------------------------------

    def _write(self, title: str, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        try:
            result = self.ctx.write(fn, *args, **kwargs)
        except DomainError as exc:
            problems = exc.problems if isinstance(exc, ValidationError) else [str(exc)]
            text = _tr("Không thực hiện được:") + "\n" + "\n".join(f"• {p}" for p in problems)
            QMessageBox.warning(self, title, text)
            if isinstance(exc, ConflictError):  # another clerk saved first: show what is stored
                self.refresh()
                self.changed.emit()
            return None
        self.refresh()
        self.changed.emit()
        return result if result is not None else True

    def set_unit_title(self) -> None:
        unit = self.current_unit()
        if self.campaign is None or unit is None:
            return
        code = self.unit_title_combo.currentData()
        title = _tr("Đăng ký danh hiệu tập thể")
        self._write(
            title,
            reg.register_unit,
            self.campaign.id,
            unit.unit_id,
            code,
            unit.note,
            expected_version=unit.version,
        )

    def set_status(self, status: str, reason: str | None = None) -> bool:
        unit = self.current_unit()
        if self.campaign is None or unit is None:
            return False
        title = _tr("Trạng thái đăng ký")
        done = self._write(
            title,
            reg.set_unit_status,
            self.campaign.id,
            unit.unit_id,
            status,
            reason=reason,
            expected_version=unit.version,
        )
        return done is not None

    def return_unit(self) -> None:
        """Ask the reason (a dialog that refuses an empty one), then return the unit."""
        unit = self.current_unit()
        if self.campaign is None or unit is None or self.dialog is not None:
            return
        dialog = ReasonDialog(unit.unit_name, self)
        dialog.load(None)
        dialog.set_committer(lambda reason: self.set_status("TRA_LAI", reason))
        dialog.finished.connect(lambda _result: self._closed(dialog))
        self.dialog = dialog
        dialog.open()

    def _closed(self, dialog: ReasonDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()
        self.unit_view.setFocus()

    def register_person(self) -> None:
        person_id = self.person_combo.currentData()
        code = self.person_title_combo.currentData()
        if self.campaign is None or person_id is None or code is None:
            return
        title = _tr("Đăng ký thi đua")
        shown = self.person_model.row_of(person_id, "person_id")  # the sign-up on screen, if any
        expected = self.person_model.registration(shown).version if shown is not None else None
        done = self._write(
            title,
            reg.register_person,
            self.campaign.id,
            person_id,
            code,
            expected_version=expected,
        )
        if done is not None:
            self.select_person(person_id)

    def unregister_person(self) -> None:
        chosen = self.current_registration()
        if self.campaign is None or chosen is None:
            return
        question = _tr("Bỏ đăng ký “{title}” của {name} trong phong trào này?").format(
            title=chosen.title_name, name=chosen.full_name
        )
        if not confirm_delete(self, _tr("Bỏ đăng ký"), question):
            return
        self._write(
            _tr("Bỏ đăng ký"),
            reg.unregister_person,
            self.campaign.id,
            chosen.person_id,
            expected_version=chosen.version,
        )

    def register_everyone(self) -> None:
        unit = self.current_unit()
        if self.campaign is None or unit is None:
            return
        title = _tr("Đăng ký LĐTT cho cả đơn vị")
        result = self._write(title, reg.register_everyone_ldtt, self.campaign.id, unit.unit_id)
        if isinstance(result, reg.QuickResult):
            text = _tr("Đã đăng ký LĐTT cho {added} người; {skipped} người đã đăng ký trước.")
            QMessageBox.information(
                self, title, text.format(added=result.added, skipped=result.skipped)
            )

    def select_person(self, person_id: int) -> None:
        row = self.person_model.row_of(person_id, "person_id")
        if row is None:
            return
        index = self.person_proxy.mapFromSource(self.person_model.index(row, 0))
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self.person_view.selectionModel().setCurrentIndex(index, flags)
