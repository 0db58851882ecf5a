"""The "Phong trào & đăng ký" screen: the year's campaigns on top, sign-ups of the regular one below.

Campaigns: "Thêm phong trào" (Ctrl+N), "Sửa" (Enter / double click), "Xóa" (Delete, asks
first; the service refuses once there are sign-ups and its Vietnamese message is shown).
The dialog opens with ``QDialog.open()`` and is exposed as ``self.dialog`` while it shows.
Sign-ups: :class:`RegistrationPanel` for the regular campaign of the year; when the year has
none, a button creates it with the usual dates.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.domain.campaigns import REGULAR, THEMATIC, CampaignInput
from app.domain.errors import ConflictError, DomainError, ValidationError
from app.services import campaigns as svc
from app.services.context import AppContext
from app.ui.screens.campaigns.campaign_dialog import CampaignDialog
from app.ui.screens.campaigns.campaign_model import COL_C_NAME, CampaignTableModel, fit_columns
from app.ui.screens.campaigns.registration_panel import RegistrationPanel
from app.ui.screens.page import SectionPage
from app.ui.screens.units.people_model import current_object, make_table
from app.ui.sections import section_title

_CONTEXT = "CampaignsScreen"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def _save_campaign(
    session: Any, campaign_id: int | None, data: CampaignInput, changes: Any, version: int = 0
) -> Any:
    """Create or update a campaign and apply the attachment changes in one transaction."""
    if campaign_id is None:
        dto = svc.create_campaign(session, data)
    else:
        dto = svc.update_campaign(session, campaign_id, data, expected_version=version)
    for attachment_id in changes.removed:
        svc.remove_attachment(session, attachment_id)
    for path in changes.added:
        svc.add_attachment(session, dto.id, path)
    return svc.get_campaign(session, dto.id)


class CampaignsScreen(SectionPage):
    WORKSPACE = True

    def __init__(self, ctx: AppContext, year: int, parent: QWidget | None = None) -> None:
        super().__init__(ctx, year, parent)
        self.dialog: CampaignDialog | None = None

        self.model = CampaignTableModel(self)
        self.view, self.proxy = make_table(self.model, sort_column=-1, stretch=COL_C_NAME)
        self.view.setObjectName("campaignTable")
        self.view.doubleClicked.connect(lambda _index: self.edit_campaign())

        self.add_action = QAction(_tr("Thêm phong trào"), self)
        self.add_action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_N))
        self.edit_action = QAction(_tr("Sửa phong trào"), self)
        self.edit_action.setShortcuts(
            [QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_F2)]
        )
        self.delete_action = QAction(_tr("Xóa phong trào"), self)
        self.delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        for action in (self.add_action, self.edit_action, self.delete_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.addAction(self.add_action)
        self.view.addAction(self.edit_action)
        self.view.addAction(self.delete_action)
        self.add_action.triggered.connect(self.add_campaign)
        self.edit_action.triggered.connect(self.edit_campaign)
        self.delete_action.triggered.connect(self.delete_campaign)

        self.add_button = QPushButton(_tr("Thêm phong trào"))
        self.add_button.setToolTip("Ctrl+N")
        self.edit_button = QPushButton(_tr("Sửa"))
        self.delete_button = QPushButton(_tr("Xóa"))
        self.import_button = QPushButton(_tr("&Nhập bản đăng ký…"))
        self.import_button.setToolTip(_tr("Đọc bản đăng ký thi đua đơn vị gửi về (tệp Excel)"))
        self.import_button.clicked.connect(self.open_registration_import)
        self.calendar_button = QPushButton(_tr("Lịch thời hạn…"))
        self.calendar_button.setToolTip(
            _tr("Các mốc của phong trào, thời hạn của tỉnh, đơn vị trễ hạn đăng ký")
        )
        self.calendar_button.clicked.connect(lambda _checked=False: self.open_calendar())
        self.add_button.clicked.connect(self.add_campaign)
        self.edit_button.clicked.connect(self.edit_campaign)
        self.delete_button.clicked.connect(self.delete_campaign)
        buttons = QHBoxLayout()
        buttons.addWidget(QLabel(_tr("Phong trào thi đua của năm")))
        buttons.addStretch(1)
        for button in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addLayout(buttons)
        top_layout.addWidget(self.view, 1)

        self.regular_label = QLabel()
        self.regular_label.setObjectName("regularCampaign")
        self.regular_label.setWordWrap(True)
        bold = self.regular_label.font()
        bold.setBold(True)
        self.regular_label.setFont(bold)
        self.create_regular_button = QPushButton()
        self.create_regular_button.clicked.connect(self.create_regular)
        self.panel = RegistrationPanel(ctx)
        self.panel.changed.connect(self._registrations_changed)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        heading = QHBoxLayout()
        heading.addWidget(self.regular_label, 1)
        heading.addWidget(self.create_regular_button)
        heading.addWidget(self.import_button)
        heading.addWidget(self.calendar_button)
        bottom_layout.addLayout(heading)
        bottom_layout.addWidget(self.panel, 1)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(top)
        self.splitter.addWidget(bottom)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)
        self.body.addWidget(self.splitter, 1)

        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.refresh()

    @classmethod
    def title(cls) -> str:
        return section_title("campaigns")

    @classmethod
    def description(cls) -> str:
        return _tr(
            "Phong trào thi đua thường xuyên và theo chuyên đề của năm, cùng bản đăng ký thi đua "
            "của từng đơn vị và cá nhân trong phong trào thường xuyên."
        )

    # --- contents ---------------------------------------------------------------------------

    def year_changed(self, year: int) -> None:
        self.refresh()

    def open_calendar(self) -> QWidget:
        """The deadlines calendar of the year (non-modal)."""
        from app.ui.screens.campaigns.calendar_dialog import CalendarDialog

        dialog = CalendarDialog(self.ctx, self.year, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def open_registration_import(self) -> QWidget:
        """The sign-up workbook import for the selected year (same service as the CLI)."""
        from app.ui.screens.campaigns.registration_import_dialog import RegistrationImportDialog

        dialog = RegistrationImportDialog(self.ctx, self.runner, self.year, self)
        dialog.imported.connect(lambda _report: self.refresh())
        self.import_dialog = dialog
        dialog.open()
        return dialog

    def refresh(self) -> None:
        chosen = self.current_campaign()
        self.model.set_rows(self.ctx.read(svc.list_campaigns, year=self.year))
        fit_columns(self.view, 420)
        if chosen is not None:
            self.select_campaign(chosen.id)
        elif self.model.rowCount() > 0:
            self.view.selectRow(0)
        regular = next((c for c in self.model.rows() if c.kind == REGULAR), None)
        if regular is None:
            self.regular_label.setText(
                _tr("Năm {year} chưa có phong trào thi đua thường xuyên.").format(year=self.year)
            )
            self.create_regular_button.setText(
                _tr("Tạo phong trào thường xuyên năm {year}").format(year=self.year)
            )
        else:
            self.regular_label.setText(
                _tr("Đăng ký thi đua: {name} ({status})").format(
                    name=regular.name, status=regular.status_name
                )
            )
        self.create_regular_button.setVisible(regular is None)
        if self.panel.campaign is None or regular is None or self.panel.campaign.id != regular.id:
            self.panel.set_campaign(regular)
        else:
            self.panel.campaign = regular
        self._update_buttons()

    def _registrations_changed(self) -> None:
        chosen = self.current_campaign()
        self.model.set_rows(self.ctx.read(svc.list_campaigns, year=self.year))
        if chosen is not None:
            self.select_campaign(chosen.id)

    def current_campaign(self) -> svc.CampaignDTO | None:
        return current_object(self.view)  # type: ignore[no-any-return]

    def select_campaign(self, campaign_id: int) -> None:
        row = self.model.row_of(campaign_id)
        if row is None:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self.view.selectionModel().setCurrentIndex(index, flags)

    def show_target(self, target: object) -> None:
        """A campaign id asked by another page (a deadline on "Tổng quan"): selected, its
        sign-ups in view."""
        if isinstance(target, int):
            self.select_campaign(target)
            self.view.setFocus()

    def _update_buttons(self) -> None:
        has = self.current_campaign() is not None
        for widget in (self.edit_button, self.delete_button):
            widget.setEnabled(has)
        self.edit_action.setEnabled(has)
        self.delete_action.setEnabled(has)

    # --- actions ----------------------------------------------------------------------------

    def _open(self, dialog: CampaignDialog) -> None:
        if self.dialog is not None:
            dialog.deleteLater()
            self.dialog.activateWindow()
            return
        dialog.set_committer(lambda data: self._commit(dialog, data))
        dialog.finished.connect(lambda _result: self._closed(dialog))
        self.dialog = dialog
        dialog.open()

    def _closed(self, dialog: CampaignDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()
        self.view.setFocus()

    def _commit(self, dialog: CampaignDialog, data: CampaignInput) -> bool:
        title = dialog.windowTitle()
        try:
            saved = self.ctx.write(
                _save_campaign,
                dialog.campaign_id,
                data,
                dialog.attachment_changes(),
                dialog.loaded_version,
            )
        except DomainError as exc:
            problems = exc.problems if isinstance(exc, ValidationError) else [str(exc)]
            if isinstance(exc, ConflictError) and dialog.campaign_id is not None:
                dialog.load(self.ctx.read(svc.get_campaign, dialog.campaign_id))  # as stored now
            dialog.show_problems(problems)
            text = _tr("Không lưu được:") + "\n" + "\n".join(f"• {p}" for p in problems)
            QMessageBox.warning(self, title, text)
            return False
        self.refresh()
        self.select_campaign(saved.id)
        return True

    def add_campaign(self) -> None:
        dialog = CampaignDialog(self)
        has_regular = any(c.kind == REGULAR for c in self.model.rows())
        start = date(self.year, 1, 1) if self.year != date.today().year else date.today()
        dialog.load(
            CampaignInput(
                name="",
                kind=THEMATIC if has_regular else REGULAR,
                scope="CO_QUAN_DON_VI",
                start_date=start,
                end_date=date(self.year, 12, 31),
                launch_level="CAP_CO_QUAN",
            )
        )
        self._open(dialog)

    def edit_campaign(self) -> None:
        chosen = self.current_campaign()
        if chosen is None:
            return
        dialog = CampaignDialog(self)
        dialog.load(self.ctx.read(svc.get_campaign, chosen.id))
        self._open(dialog)

    def delete_campaign(self) -> None:
        chosen = self.current_campaign()
        if chosen is None:
            return
        title = _tr("Xóa phong trào")
        question = _tr("Xóa phong trào \u201c{name}\u201d?").format(name=chosen.name)
        buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
        answer = QMessageBox.question(self, title, question, buttons, QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.ctx.write(svc.delete_campaign, chosen.id, expected_version=chosen.version)
        except DomainError as exc:
            problems = exc.problems if isinstance(exc, ValidationError) else [str(exc)]
            text = _tr("Không xóa được:") + "\n" + "\n".join(f"• {p}" for p in problems)
            QMessageBox.warning(self, title, text)
            return
        self.refresh()

    def create_regular(self) -> None:
        try:
            self.ctx.write(svc.ensure_regular_campaign, self.year)
        except DomainError as exc:
            QMessageBox.warning(self, _tr("Phong trào thường xuyên"), str(exc))
            return
        self.refresh()
