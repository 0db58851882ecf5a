"""The "Danh mục & cài đặt" page: agency, base salary, rule parameters, the catalogue of
titles and forms, backups, paths.

The "Nơi lưu dữ liệu" tab shows where the program keeps its files: real paths, useful when
calling for help.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QLabel,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.config import AppPaths
from app.services.context import AppContext
from app.ui.screens.page import SectionPage
from app.ui.screens.settings.agency_form import AgencyForm
from app.ui.screens.settings.backups_panel import BackupsPanel
from app.ui.screens.settings.catalogue_panel import CataloguePanel
from app.ui.screens.settings.code_lists_panel import CodeListsPanel
from app.ui.screens.settings.fund_panel import FundPanel
from app.ui.screens.settings.rules_panel import RulesPanel
from app.ui.screens.settings.salary_panel import SalaryPanel
from app.ui.screens.settings.users_panel import UsersPanel
from app.ui.sections import section_title

_CONTEXT = "SettingsScreen"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


class SettingsScreen(SectionPage):
    """One tab per kind of setting, so each fits the window without a long scroll."""

    WORKSPACE = True

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
        self.salary_panel = SalaryPanel(ctx)
        self.rules_panel = RulesPanel(ctx)
        self.catalogue_panel = CataloguePanel(ctx)
        self.code_lists_panel = CodeListsPanel(ctx)
        self.users_panel = UsersPanel(ctx)
        self.backups_panel = BackupsPanel(ctx)
        self.fund_panel = FundPanel(ctx)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("settingsTabs")
        for widget, title in (
            (self.agency_form, _tr("Thông tin cơ quan")),
            (self.salary_panel, _tr("Lương cơ sở, tiền thưởng")),
            (self.fund_panel, _tr("Quỹ thi đua, khen thưởng")),
            (self.rules_panel, _tr("Tham số quy tắc")),
            (self.backups_panel, _tr("Sao lưu, phục hồi")),
            (box, _tr("Nơi lưu dữ liệu")),
        ):
            self.tabs.addTab(_scrolling(widget), title)
        # a workspace of its own: the table takes the tab's whole height and width
        self.tabs.insertTab(4, self.catalogue_panel, _tr("Danh mục danh hiệu, hình thức"))
        self.tabs.insertTab(5, self.code_lists_panel, _tr("Danh mục khác"))
        self.tabs.insertTab(6, self.users_panel, _tr("Người dùng"))
        self.body.addWidget(self.tabs, 1)

    @classmethod
    def title(cls) -> str:
        return section_title("settings")

    @classmethod
    def description(cls) -> str:
        return _tr(
            "Thông tin cơ quan in trên mọi biểu mẫu; mức lương cơ sở theo ngày hiệu lực và cách "
            "tính tiền thưởng; các tham số quy tắc xét thi đua, khen thưởng (có ghi nhật ký); danh "
            "mục danh hiệu, hình thức và hệ số tiền thưởng; sao lưu và phục hồi; nơi lưu dữ liệu."
        )


def _scrolling(widget: QWidget) -> QScrollArea:
    """A tab's content, scrolled when the window is small, kept at a readable width."""
    holder = QWidget()
    layout = QVBoxLayout(holder)
    layout.addWidget(widget)
    layout.addStretch(1)
    widget.setMaximumWidth(1100)
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setWidget(holder)
    return area
