"""The "Danh mục & cài đặt" page (to be built: catalogue, parameters, backups).

It already shows where the program keeps its files: real paths, useful when calling for help.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QWidget

from app.config import AppPaths
from app.services.context import AppContext
from app.ui.screens.page import SectionPage
from app.ui.screens.settings.agency_form import AgencyForm
from app.ui.screens.settings.backups_panel import BackupsPanel
from app.ui.screens.settings.rules_panel import RulesPanel
from app.ui.screens.settings.salary_panel import SalaryPanel
from app.ui.sections import section_title

_CONTEXT = "SettingsScreen"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


class SettingsScreen(SectionPage):
    def __init__(self, ctx: AppContext, year: int, parent: QWidget | None = None) -> None:
        super().__init__(ctx, year, parent)
        paths = AppPaths.current()
        box = QGroupBox(_tr("Nơi lưu dữ liệu"))
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for label, value in (
            (_tr("Cơ sở dữ liệu:"), ctx.display_name),
            (_tr("Thư mục dữ liệu:"), str(paths.data)),
            (_tr("Tệp nhật ký:"), str(paths.log)),
            (_tr("Thư mục sao lưu:"), str(paths.backups)),
        ):
            field = QLabel(value)
            field.setWordWrap(True)
            field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(label, field)
        self.paths_box = box
        self.agency_form = AgencyForm(ctx)
        self.body.addWidget(self.agency_form)
        self.salary_panel = SalaryPanel(ctx)
        self.body.addWidget(self.salary_panel)
        self.rules_panel = RulesPanel(ctx)
        self.body.addWidget(self.rules_panel)
        self.body.addWidget(box)
        self.backups_panel = BackupsPanel(ctx)
        self.body.addWidget(self.backups_panel)

    @classmethod
    def title(cls) -> str:
        return section_title("settings")

    @classmethod
    def description(cls) -> str:
        return _tr(
            "Thông tin cơ quan in trên mọi biểu mẫu (cơ quan chủ quản, tên cơ quan, địa danh, "
            "người ký); mức lương cơ sở theo ngày hiệu lực và cách tính tiền thưởng. Mục này sẽ "
            "quản lý thêm danh mục danh hiệu, hình thức khen thưởng và hệ số tiền thưởng; các "
            "tham số quy chế theo ngày hiệu lực; sao lưu, "
            "phục hồi và kiểm tra cơ sở dữ liệu."
        )

    @classmethod
    def planned(cls) -> list[str]:
        return [
            _tr("Danh mục danh hiệu, hình thức khen thưởng và hệ số"),
            _tr("Tham số quy chế theo ngày hiệu lực"),
            _tr("Kiểm tra toàn vẹn cơ sở dữ liệu"),
        ]
