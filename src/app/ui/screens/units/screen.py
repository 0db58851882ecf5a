"""The "Đơn vị & cán bộ" screen: the unit tree on the left, the staff directory on the right.

Selecting a unit filters the people to it and its sub-units; "Tất cả đơn vị" shows everyone.
Imports from Excel (staff lists, grades, discipline) open the import wizard.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QHideEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QSplitter, QToolButton, QWidget

from app.services.context import AppContext
from app.services.overview import DatabaseOverview, database_overview
from app.services.units import list_units, subtree_ids
from app.ui.screens.page import SectionPage
from app.ui.screens.units.people_panel import PeoplePanel
from app.ui.screens.units.unit_panel import UnitPanel
from app.ui.sections import section_title
from app.ui.tasks import TaskRunner

_CONTEXT = "UnitsScreen"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def _count(value: int) -> str:
    return f"{value:,}".replace(",", ".")


class UnitsScreen(SectionPage):
    WORKSPACE = True

    def __init__(self, ctx: AppContext, year: int, parent: QWidget | None = None) -> None:
        super().__init__(ctx, year, parent)
        self.overview: DatabaseOverview | None = None
        self._stale = True
        self.wizard: QWidget | None = None

        self.summary_label = QLabel()
        self.summary_label.setObjectName("unitsSummary")
        self.summary_label.setWordWrap(True)
        self.empty_label = QLabel(
            _tr(
                "Cơ sở dữ liệu chưa có đơn vị và cán bộ nào. Thêm đơn vị bằng nút \u201cThêm đơn vị\u201d, "
                "nhập danh sách cán bộ từ Excel, hoặc xem thử với dữ liệu mẫu: tdkt --demo"
            )
        )
        self.empty_label.setObjectName("unitsEmpty")
        self.empty_label.setWordWrap(True)

        self.import_button = QToolButton()
        self.import_button.setText(_tr("&Nhập từ Excel"))
        self.import_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.import_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.import_button)
        self.import_actions: dict[str, QAction] = {}
        for kind, label in (
            ("staff", _tr("Danh sách cán bộ…")),
            ("grades", _tr("Kết quả xếp loại năm…")),
            ("discipline", _tr("Kỷ luật, tạm chưa khen…")),
        ):
            action = menu.addAction(label)
            action.triggered.connect(lambda _checked=False, k=kind: self.open_import(k))
            self.import_actions[kind] = action
        self.import_actions["staff"].setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_I))
        self.import_actions["staff"].setShortcutContext(
            Qt.ShortcutContext.WidgetWithChildrenShortcut
        )
        self.addAction(self.import_actions["staff"])
        menu.addSeparator()
        history = menu.addAction(_tr("Nhập lịch sử khen thưởng, sáng kiến…"))
        history.setToolTip(_tr("Khen thưởng đã có, sáng kiến, xếp loại tập thể (Ctrl+Shift+I)"))
        history.setShortcut(QKeySequence("Ctrl+Shift+I"))
        history.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        history.triggered.connect(lambda _checked=False: self.open_history_import())
        self.addAction(history)
        self.import_actions["history"] = history
        self.import_button.setMenu(menu)
        self.import_button.setToolTip(_tr("Nhập dữ liệu từ tệp Excel (Ctrl+I: danh sách cán bộ)"))

        top = QHBoxLayout()
        top.addWidget(self.summary_label, 1)
        top.addWidget(self.import_button)
        self.body.addLayout(top)
        self.body.addWidget(self.empty_label)

        self.unit_panel = UnitPanel(ctx)
        self.people_panel = PeoplePanel(ctx)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("unitsSplitter")
        self.splitter.addWidget(self.unit_panel)
        self.splitter.addWidget(self.people_panel)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)
        # Let a small window shrink the panels (their buttons then scroll out of view rather
        # than forcing the whole window wider than a laptop screen).
        self.unit_panel.setMinimumWidth(180)
        self.people_panel.setMinimumWidth(260)
        self.body.addWidget(self.splitter, 1)

        self.unit_panel.unitSelected.connect(self._unit_selected)
        self.unit_panel.unitsChanged.connect(self._units_changed)
        self.people_panel.peopleChanged.connect(self.refresh)
        self.refresh()

    @classmethod
    def title(cls) -> str:
        return section_title("units")

    @classmethod
    def description(cls) -> str:
        return _tr(
            "Cây đơn vị trực thuộc Sở với lịch sử đổi tên, sáp nhập, giải thể, và hồ sơ cán bộ: "
            "quá trình công tác, xếp loại, sáng kiến, khen thưởng, kỷ luật."
        )

    def set_runner(self, runner: TaskRunner) -> None:
        super().set_runner(runner)
        self.people_panel.set_runner(runner)  # its first showing then loads in the background

    # --- wiring ------------------------------------------------------------------------------

    def _unit_selected(self, unit_id: object) -> None:
        if unit_id is None:
            self.people_panel.set_unit_filter(None)
            return
        assert isinstance(unit_id, int)
        units = self.ctx.read(list_units)
        self.people_panel.set_unit_filter(subtree_ids(units, unit_id))

    def _units_changed(self) -> None:
        self.people_panel.refresh()
        current = self.unit_panel.current_unit()
        self._unit_selected(current.id if current is not None else None)
        self.refresh()

    def _imported(self, _report: object) -> None:
        self.unit_panel.refresh()
        self.people_panel.refresh()
        self.refresh()

    def open_import(self, kind: str) -> QWidget:
        """Open the import wizard for ``kind`` ("staff", "grades", "discipline")."""
        from app.ui.screens.units.import_wizard import ImportWizard

        wizard = ImportWizard(self.ctx, self.runner, kind=kind, year=self.year - 1, parent=self)
        wizard.imported.connect(self._imported)
        self.wizard = wizard
        wizard.open()
        return wizard

    def open_history_import(self) -> QWidget:
        """Open the import of past awards, initiatives and collective grades."""
        from app.ui.screens.units.history_import_dialog import HistoryImportDialog

        dialog = HistoryImportDialog(self.ctx, self.runner, parent=self)
        dialog.imported.connect(self._imported)
        self.wizard = dialog
        dialog.open()
        return dialog

    # --- figures -----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the figures again (one short read-only session)."""
        overview = self.ctx.read(database_overview)
        self.overview = overview
        self._stale = False
        parts = [
            _tr("{current} đơn vị đang hoạt động (tổng cộng {total})").format(
                current=_count(overview.units_current), total=_count(overview.units_total)
            ),
            _tr("{active} cán bộ đang công tác (tổng cộng {total})").format(
                active=_count(overview.people_active), total=_count(overview.people_total)
            ),
            _tr("{awards} khen thưởng đã ghi nhận").format(awards=_count(overview.awards)),
        ]
        if overview.first_year is not None:
            years = (
                str(overview.first_year)
                if overview.first_year == overview.last_year
                else f"{overview.first_year} – {overview.last_year}"
            )
            parts.append(_tr("năm {years}").format(years=years))
        self.summary_label.setText(" · ".join(parts))
        self.empty_label.setVisible(overview.is_empty)

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._stale = True  # other sections may change the data meanwhile

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()
