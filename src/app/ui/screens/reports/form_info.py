"""What the reports screen says about the chosen form (issue 20): its template and the settings
it depends on.

:class:`FormInfoPanel` shows

- the template in use -- the shipped one ("mặc định") or the clerk's copy in the data folder
  ("tùy chỉnh") -- with "Mở thư mục mẫu" (the data folder, where a copy overrides the shipped
  file) and "Tạo mẫu tùy chỉnh" (copies the shipped template there, then opens the folder);
- the assumptions a form rests on, as settings: for the statistics forms the receiving body,
  who submitted State-level awards and the households' column, with "Thiết lập biểu thống
  kê…" (:class:`~app.ui.screens.reports.stat_settings_dialog.StatSettingsDialog`); for the
  bonus list the calculation for collectives (set with the base salary).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from app.config import data_dir
from app.domain.errors import DomainError
from app.domain.report_settings import HOUSEHOLD_COLUMNS, ROUTES
from app.domain.vnformat import format_count
from app.excel.forms.registry import template_of
from app.excel.forms.save import ExportFileError
from app.excel.forms.template import custom_copy
from app.services.context import AppContext
from app.services.money import METHOD_NAMES, money_method
from app.services.report_settings import (
    get_secretariat,
    get_stat_settings,
    save_report_settings,
    stat_versions,
)
from app.ui.screens.reports.stat_settings_dialog import StatSettingsDialog

__all__ = ["FormInfoPanel"]

_CONTEXT = "ReportsScreen"
STAT_PREFIX = "stat-"
SECRETARIAT_FORMS = ("stat-0604", "stat-0605")


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


class FormInfoPanel(QWidget):
    """The template of the chosen form and the settings it depends on."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.code = ""
        self.open_url: Callable[[QUrl], object] = QDesktopServices.openUrl  # tests swap it
        self.make_dialog: Callable[[], StatSettingsDialog] = lambda: StatSettingsDialog(self)
        self.template_label = QLabel()
        self.template_label.setObjectName("templateLabel")
        self.template_label.setWordWrap(True)
        self.template_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder_button = QPushButton(_tr("Mở thư mục &mẫu"))
        self.folder_button.setObjectName("templateFolderButton")
        self.folder_button.setToolTip(
            _tr("Thư mục dữ liệu: tệp mẫu cùng tên đặt ở đây được dùng thay mẫu có sẵn")
        )
        self.folder_button.clicked.connect(self.open_folder)
        self.customise_button = QPushButton(_tr("Tạo mẫu tùy &chỉnh"))
        self.customise_button.setObjectName("customiseTemplateButton")
        self.customise_button.setToolTip(
            _tr(
                "Chép mẫu có sẵn vào thư mục dữ liệu để sửa cột, lời văn, khối chữ ký trong "
                "Excel (trang 'Cấu hình')"
            )
        )
        self.customise_button.clicked.connect(self.customise)
        self.settings_label = QLabel()
        self.settings_label.setObjectName("formSettingsLabel")
        self.settings_label.setWordWrap(True)
        self.settings_button = QPushButton(_tr("Thiết lập &biểu thống kê…"))
        self.settings_button.setObjectName("statSettingsButton")
        self.settings_button.clicked.connect(self.edit_settings)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.folder_button)
        buttons.addWidget(self.customise_button)
        buttons.addStretch(1)
        settings = QHBoxLayout()
        settings.setContentsMargins(0, 0, 0, 0)
        settings.addWidget(self.settings_label, 1)
        settings.addWidget(self.settings_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.template_label)
        layout.addLayout(buttons)
        layout.addLayout(settings)

    # --- what is shown -------------------------------------------------------------------

    def show_form(self, code: str) -> None:
        self.code = code
        info = template_of(code)
        # The shipped template lies in the program's own folder (site-packages): its name is
        # enough there; the clerk's copy is shown with its folder, where it is edited.
        shipped = info.path is not None and not info.custom
        self.template_label.setText(
            f"{info.path.name} ({info.label})" if shipped and info.path else info.describe()
        )
        self.customise_button.setVisible(not info.custom and info.path is not None)
        text = self.settings_text(code)
        self.settings_label.setText(text)
        self.settings_label.setVisible(bool(text))
        self.settings_button.setVisible(code.startswith(STAT_PREFIX))

    def settings_text(self, code: str) -> str:
        """The settings the form's figures and wording rest on, in words."""
        if code.startswith(STAT_PREFIX):
            stat = self.ctx.read(get_stat_settings)
            lines = [_tr("Đơn vị nhận báo cáo: {name}.").format(name=stat.receiver)]
            if code in SECRETARIAT_FORMS:
                secretariat = self.ctx.read(get_secretariat)
                lines.append(
                    _tr(
                        "Số liệu theo Thiết lập biểu thống kê: {orgs} tổ chức, {people} công "
                        "chức làm công tác thi đua, khen thưởng."
                    ).format(
                        orgs=sum(secretariat.organisation.values()),
                        people=format_count(len(secretariat.members)),
                    )
                )
            elif code in ("stat-0602", "stat-0603"):
                if code == "stat-0602":
                    lines.append(
                        _tr("Khen thưởng cấp Nhà nước: {route}.").format(
                            route=_tr(ROUTES[stat.state_route])
                        )
                    )
                lines.append(
                    _tr("Hộ gia đình tính vào: {column}.").format(
                        column=_tr(HOUSEHOLD_COLUMNS[stat.household_column]).lower()
                    )
                )
            lines.append(
                _tr(
                    "Mã số dòng và cột theo cách trình bày thường gặp của biểu; đối chiếu phụ "
                    "lục Thông tư 02/2023/TT-BNV khi Sở Nội vụ có hướng dẫn khác."
                )
            )
            return " ".join(lines)
        if code == "bonus-list":
            method = self.ctx.read(money_method)
            return _tr(
                "Tiền thưởng tập thể, hộ gia đình: {method} (đổi ở Danh mục & cài đặt > Lương cơ "
                "sở, tiền thưởng)."
            ).format(method=_tr(METHOD_NAMES[method]).lower())
        return ""

    # --- actions ---------------------------------------------------------------------------

    def open_folder(self) -> None:
        self.open_url(QUrl.fromLocalFile(str(data_dir())))

    def customise(self) -> Path | None:
        """Copy the shipped template into the data folder, then open the folder."""
        try:
            path = custom_copy(self.code)
        except (ExportFileError, OSError) as exc:
            QMessageBox.warning(self, _tr("Mẫu tùy chỉnh"), str(exc))
            return None
        self.show_form(self.code)
        self.open_url(QUrl.fromLocalFile(str(path.parent)))
        return path

    def edit_settings(self) -> bool:
        """The statistics settings dialog; saved when the clerk accepts."""
        dialog = self.make_dialog()
        versions = self.ctx.read(stat_versions)
        dialog.load(self.ctx.read(get_stat_settings), self.ctx.read(get_secretariat))
        if dialog.exec() != StatSettingsDialog.DialogCode.Accepted:
            return False
        settings, secretariat = dialog.values()
        try:
            self.ctx.write(save_report_settings, settings, secretariat, expected_versions=versions)
        except DomainError as exc:
            QMessageBox.warning(self, dialog.windowTitle(), str(exc))
            return False
        self.show_form(self.code)
        return True
