"""The "Báo cáo & biểu mẫu" page: pick a form, its parameters, and export it to Excel."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.excel.forms.registry import (
    FORMS,
    PARAM_DATE,
    PARAM_UNIT,
    PARAM_YEAR,
    ExportResult,
    FormSpec,
    export_form,
    template_of,
)
from app.excel.forms.save import ExportFileError
from app.services import reports
from app.services.context import AppContext
from app.services.units import list_units
from app.ui.screens.page import SectionPage
from app.ui.sections import section_title
from app.ui.tasks import ProgressFn

_CONTEXT = "ReportsScreen"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


class ReportsScreen(SectionPage):
    """Forms of the registry; the same data gathering and writers as ``tdkt export``."""

    def __init__(self, ctx: AppContext, year: int, parent: QWidget | None = None) -> None:
        super().__init__(ctx, year, parent)
        self.last_result: ExportResult | None = None

        self.form_list = QListWidget()
        self.form_list.setObjectName("formList")
        self.form_list.setAccessibleName(_tr("Biểu mẫu"))
        for form in FORMS:
            item = QListWidgetItem(form.name)
            item.setToolTip(form.description)
            item.setData(Qt.ItemDataRole.UserRole, form.code)
            self.form_list.addItem(item)
        self.form_list.setMaximumHeight(
            self.form_list.sizeHintForRow(0) * max(4, len(FORMS) + 1) + 8
        )

        self.form_description = QLabel()
        self.form_description.setWordWrap(True)
        self.template_label = QLabel()
        self.template_label.setObjectName("templateLabel")
        self.template_label.setWordWrap(True)
        self.template_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.unit_combo = QComboBox()
        self.unit_combo.setObjectName("unitCombo")
        self.year_value = QLabel()
        self.date_edit = QDateEdit(QDate.currentDate())
        self.date_edit.setDisplayFormat("dd/MM/yyyy")
        self.date_edit.setCalendarPopup(True)

        params = QGroupBox(_tr("Tham số"))
        self.params_form = QFormLayout(params)
        self.unit_label = QLabel(_tr("Đơn &vị:"))
        self.unit_label.setBuddy(self.unit_combo)
        self.year_label_param = QLabel(_tr("Năm:"))
        self.date_label = QLabel(_tr("&Ngày lập:"))
        self.date_label.setBuddy(self.date_edit)
        self.params_form.addRow(self.unit_label, self.unit_combo)
        self.params_form.addRow(self.year_label_param, self.year_value)
        self.params_form.addRow(self.date_label, self.date_edit)
        self.params_form.addRow(_tr("Mẫu đang dùng:"), self.template_label)

        self.export_button = QPushButton(_tr("&Xuất Excel…"))
        self.export_button.setObjectName("exportButton")
        self.export_button.setToolTip(_tr("Xuất biểu mẫu đang chọn ra tệp Excel (Ctrl+E)"))
        self.export_button.clicked.connect(self.export_current)
        QShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_E), self, self.export_current)
        self.open_button = QPushButton(_tr("&Mở tệp vừa xuất"))
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(self._open_last)
        self.result_label = QLabel()
        self.result_label.setObjectName("resultLabel")
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        buttons = QHBoxLayout()
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        column = QVBoxLayout()
        column.addWidget(QLabel(_tr("Chọn biểu mẫu:")))
        column.addWidget(self.form_list)
        column.addWidget(self.form_description)
        column.addWidget(params)
        column.addLayout(buttons)
        column.addWidget(self.result_label)
        self.body.addLayout(column)

        self.form_list.currentRowChanged.connect(self._form_changed)
        self._fill_units()
        self._show_year()
        self.form_list.setCurrentRow(0)

    # --- what the page says about itself -----------------------------------------------------

    @classmethod
    def title(cls) -> str:
        return section_title("reports")

    @classmethod
    def description(cls) -> str:
        return _tr(
            "Xuất ra Excel các biểu mẫu theo thể thức văn bản của Nghị định 30/2020/NĐ-CP. Mẫu "
            "riêng của Sở: đặt tệp mẫu cùng tên vào thư mục dữ liệu để thay mẫu có sẵn."
        )

    @classmethod
    def planned(cls) -> list[str]:
        return [
            _tr("Tờ trình và danh sách đề nghị khen thưởng"),
            _tr("Thống kê khen thưởng theo Thông tư 02/2023/TT-BNV (biểu 0601-0603)"),
        ]

    # --- state ---------------------------------------------------------------------------------

    def _fill_units(self) -> None:
        self.unit_combo.clear()
        self.unit_combo.addItem(_tr("Toàn cơ quan"), None)
        for unit in self.ctx.read(list_units, include_history=False):
            self.unit_combo.addItem("    " * unit.depth + unit.full_name, unit.id)

    def current_form(self) -> FormSpec:
        return FORMS[max(0, self.form_list.currentRow())]

    def _form_changed(self, _row: int) -> None:
        form = self.current_form()
        self.form_description.setText(form.description)
        for widget, label, param in (
            (self.unit_combo, self.unit_label, PARAM_UNIT),
            (self.year_value, self.year_label_param, PARAM_YEAR),
            (self.date_edit, self.date_label, PARAM_DATE),
        ):
            widget.setVisible(form.takes(param))
            label.setVisible(form.takes(param))
        self.template_label.setText(template_of(form.code).describe())

    def year_changed(self, year: int) -> None:
        self.year_value.setText(str(year))

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        self.year_value.setText(str(self.year))
        super().showEvent(event)

    def params(self) -> reports.ReportParams:
        form = self.current_form()
        unit_id = self.unit_combo.currentData() if form.takes(PARAM_UNIT) else None
        on = self.date_edit.date().toPython() if form.takes(PARAM_DATE) else None
        year = self.year if form.takes(PARAM_YEAR) else None
        assert on is None or isinstance(on, date)
        return reports.ReportParams(unit_id=unit_id, year=year, on=on)

    # --- export ------------------------------------------------------------------------------

    def ask_target(self, form: FormSpec) -> Path | None:
        start = str(Path.home() / form.default_file_name())
        path, _ = QFileDialog.getSaveFileName(
            self, _tr("Lưu biểu mẫu"), start, _tr("Excel (*.xlsx)")
        )
        if not path:
            return None
        return Path(path if path.lower().endswith(".xlsx") else path + ".xlsx")

    def export_current(self) -> ExportResult | None:
        form = self.current_form()
        target = self.ask_target(form)
        if target is None:
            return None
        params = self.params()

        def work(progress: ProgressFn) -> ExportResult:
            progress(_tr("Đang lấy dữ liệu…"), 0.1)
            data = self.ctx.read(reports.gather, form.code, params)
            progress(_tr("Đang ghi tệp Excel…"), 0.6)
            return export_form(form.code, data, target)

        outcome = self.runner.run(_tr("Đang xuất {name}").format(name=form.name), work, self)
        if outcome.cancelled:
            self.result_label.setText(_tr("Đã hủy xuất biểu mẫu."))
            return None
        if outcome.error is not None:
            message = str(outcome.error)
            if not isinstance(outcome.error, ExportFileError):
                message = _tr("Không xuất được biểu mẫu: {error}").format(error=outcome.error)
            QMessageBox.warning(self, _tr("Xuất biểu mẫu"), message)
            self.result_label.setText(message)
            return None
        result = outcome.value
        assert result is not None
        self.last_result = result
        self.open_button.setEnabled(True)
        self.result_label.setText(
            _tr("Đã xuất \u201c{name}\u201d ra {path}").format(name=form.name, path=result.path)
        )
        return result

    def _open_last(self) -> None:
        if self.last_result is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last_result.path)))
