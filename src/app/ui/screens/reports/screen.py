"""The "Báo cáo & biểu mẫu" page: pick a form, its parameters, and export it to Excel, or
preview and print it (Tệp > Xem trước khi in…, In…: ``print_job`` renders the exported sheet)."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.excel.forms.registry import (
    FORMS,
    ORDER_NAMES,
    ORDER_STANDARD,
    PARAM_DATE,
    PARAM_DECISION,
    PARAM_ORDER,
    PARAM_PERSON,
    PARAM_SESSION,
    PARAM_TITLE,
    PARAM_UNIT,
    PARAM_YEAR,
    ExportResult,
    FormSpec,
    export_form,
)
from app.excel.forms.save import ExportFileError
from app.excel.sheet_html import sheet_html
from app.services import reports
from app.services.context import AppContext
from app.services.reference import catalogue
from app.services.units import list_units
from app.ui.screens.page import SectionPage
from app.ui.screens.reports.form_info import FormInfoPanel
from app.ui.sections import section_title
from app.ui.tasks import ProgressFn
from app.ui.widgets.date_edit import DateEdit
from app.ui.widgets.printing import PrintJob, preview

_CONTEXT = "ReportsScreen"
DAY_ROLE = Qt.ItemDataRole.UserRole + 1  # a decision's date in the decision list


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


class ReportsScreen(SectionPage):
    """Forms of the registry; the same data gathering and writers as ``tdkt export``."""

    WORKSPACE = True  # the list of forms down the left, the chosen one's settings beside it

    def __init__(self, ctx: AppContext, year: int, parent: QWidget | None = None) -> None:
        super().__init__(ctx, year, parent)
        self.last_result: ExportResult | None = None
        self._latest_issued: int | None = None  # the last issued decision already offered

        self.form_list = QListWidget()
        self.form_list.setObjectName("formList")
        self.form_list.setAccessibleName(_tr("Biểu mẫu"))
        self.form_list.setSpacing(2)
        for form in FORMS:
            item = QListWidgetItem(form.name)
            item.setToolTip(form.description)
            item.setData(Qt.ItemDataRole.UserRole, form.code)
            self.form_list.addItem(item)

        self.form_description = QLabel()
        self.form_description.setWordWrap(True)
        self.form_info = FormInfoPanel(ctx, self)  # the template in use, the form's settings
        self.template_label = self.form_info.template_label
        self.warnings: tuple[str, ...] = ()  # what the last export said to check

        self.unit_combo = QComboBox()
        self.unit_combo.setObjectName("unitCombo")
        self.year_value = QLabel()
        self.date_edit = DateEdit(date.today())
        self.date_edit.setObjectName("reportDate")

        self.title_combo = QComboBox()
        self.title_combo.setObjectName("titleCombo")
        for item in catalogue().items:
            self.title_combo.addItem(item.name, item.code)
        self.session_combo = QComboBox()
        self.session_combo.setObjectName("sessionCombo")
        self.decision_combo = QComboBox()
        self.decision_combo.setObjectName("decisionCombo")
        self.person_edit = QLineEdit()
        self.person_edit.setObjectName("personEdit")
        self.person_edit.setPlaceholderText(_tr("Mã cán bộ, số CCCD hoặc họ và tên"))
        self.order_combo = QComboBox()
        self.order_combo.setObjectName("orderCombo")
        for code, name in ORDER_NAMES.items():
            self.order_combo.addItem(_tr(name), code)

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
        self.title_label_param = QLabel(_tr("&Danh hiệu / hình thức:"))
        self.title_label_param.setBuddy(self.title_combo)
        self.session_label = QLabel(_tr("&Phiên họp Hội đồng:"))
        self.session_label.setBuddy(self.session_combo)
        self.decision_label = QLabel(_tr("&Quyết định:"))
        self.decision_label.setBuddy(self.decision_combo)
        self.person_label = QLabel(_tr("&Cán bộ:"))
        self.person_label.setBuddy(self.person_edit)
        self.order_label = QLabel(_tr("&Thứ tự:"))
        self.order_label.setBuddy(self.order_combo)
        self.params_form.addRow(self.title_label_param, self.title_combo)
        self.params_form.addRow(self.session_label, self.session_combo)
        self.params_form.addRow(self.decision_label, self.decision_combo)
        self.params_form.addRow(self.person_label, self.person_edit)
        self.params_form.addRow(self.order_label, self.order_combo)
        self.params_form.addRow(_tr("Mẫu đang dùng:"), self.form_info)

        self.export_button = QPushButton(_tr("&Xuất Excel…"))
        self.export_button.setObjectName("exportButton")
        self.export_button.setToolTip(_tr("Xuất biểu mẫu đang chọn ra tệp Excel (Ctrl+E)"))
        self.export_button.clicked.connect(self.export_current)
        self.export_action = QAction(_tr("Xuất Excel…"), self)
        self.export_action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_E))
        self.export_action.triggered.connect(lambda _checked=False: self.export_current())
        self.addAction(self.export_action)
        self.preview_button = QPushButton(_tr("&Xem trước khi in…"))
        self.preview_button.setObjectName("previewButton")
        self.preview_button.setToolTip(
            _tr("Biểu mẫu đang chọn trên trang A4, rồi in (Ctrl+Shift+P; in ngay: Ctrl+P)")
        )
        self.preview_button.clicked.connect(lambda: self.preview_form())
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
        buttons.addWidget(self.preview_button)
        self.word_button = QPushButton(_tr("Văn bản &Word…"))
        self.word_button.setObjectName("wordButton")
        self.word_button.setToolTip(
            _tr("Tờ trình, quyết định, biên bản, giấy mời, báo cáo thành tích, thông báo kết quả")
        )
        self.word_button.clicked.connect(self.open_documents)
        buttons.addWidget(self.word_button)
        buttons.addStretch(1)
        forms = QWidget()
        chooser = QVBoxLayout(forms)
        chooser.setContentsMargins(0, 0, 0, 0)
        choose_label = QLabel(_tr("&Chọn biểu mẫu:"))
        choose_label.setBuddy(self.form_list)
        chooser.addWidget(choose_label)
        chooser.addWidget(self.form_list, 1)
        intro = QLabel(self.description())
        intro.setObjectName("reportsIntro")
        intro.setWordWrap(True)
        bold = self.form_description.font()
        bold.setBold(True)
        self.form_description.setFont(bold)
        chosen = QWidget()
        column = QVBoxLayout(chosen)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(intro)
        column.addWidget(self.form_description)
        column.addWidget(params)
        column.addLayout(buttons)
        column.addWidget(self.result_label)
        column.addStretch(1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("reportsSplitter")
        self.splitter.addWidget(forms)
        self.splitter.addWidget(chosen)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        # Every form's name in full: the list is as wide as the longest one.
        self.form_list.setMinimumWidth(
            self.form_list.sizeHintForColumn(0)
            + 2 * self.form_list.frameWidth()
            + self.form_list.verticalScrollBar().sizeHint().width()
        )
        self.body.addWidget(self.splitter, 1)

        self.form_list.currentRowChanged.connect(self._form_changed)
        self.decision_combo.currentIndexChanged.connect(lambda _i: self._decision_chosen())
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
            (self.title_combo, self.title_label_param, PARAM_TITLE),
            (self.session_combo, self.session_label, PARAM_SESSION),
            (self.decision_combo, self.decision_label, PARAM_DECISION),
            (self.person_edit, self.person_label, PARAM_PERSON),
            (self.order_combo, self.order_label, PARAM_ORDER),
        ):
            widget.setVisible(form.takes(param))
            label.setVisible(form.takes(param))
        self._fill_choices()
        self.form_info.show_form(form.code)

    def _fill_choices(self) -> None:
        """Sessions and decisions of the year, for the forms that take one. The decision
        issued last is chosen when it is new since the list was last filled (the clerk comes
        to print the lists of the decision just issued); otherwise the clerk's choice stays."""
        form = self.current_form()
        for combo, param, fetch in (
            (self.session_combo, PARAM_SESSION, reports.session_choices),
            (self.decision_combo, PARAM_DECISION, reports.decision_choices),
        ):
            if not form.takes(param):
                continue
            kept = combo.currentData()
            combo.blockSignals(True)
            try:
                combo.clear()
                for choice in self.ctx.read(fetch, self.year):
                    combo.addItem(choice.label, choice.id)
                    combo.setItemData(combo.count() - 1, choice.day, DAY_ROLE)
                if combo.count() == 0:
                    combo.addItem(_tr("(chưa có trong năm {year})").format(year=self.year), None)
                if param == PARAM_DECISION:
                    latest = self.ctx.read(reports.latest_issued_decision, self.year)
                    if latest is not None and latest != self._latest_issued:
                        kept = latest
                    self._latest_issued = latest
                index = combo.findData(kept)
                combo.setCurrentIndex(max(0, index))
            finally:
                combo.blockSignals(False)
        self._decision_chosen()

    def _decision_chosen(self) -> None:
        """The bonus list's "Ngày lập" is the chosen decision's date (today without one)."""
        form = self.current_form()
        if not (form.takes(PARAM_DECISION) and form.takes(PARAM_DATE)):
            return
        day = self.decision_combo.currentData(DAY_ROLE)
        self.date_edit.setDate(day if isinstance(day, date) else date.today())

    def year_changed(self, year: int) -> None:
        self.year_value.setText(str(year))
        self._fill_choices()

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        self.year_value.setText(str(self.year))
        self._fill_choices()  # a decision issued meanwhile is there, and chosen
        super().showEvent(event)

    def params(self) -> reports.ReportParams:
        form = self.current_form()
        unit_id = self.unit_combo.currentData() if form.takes(PARAM_UNIT) else None
        on = self.date_edit.date_value() if form.takes(PARAM_DATE) else None
        year = self.year if form.takes(PARAM_YEAR) else None
        assert on is None or isinstance(on, date)
        return reports.ReportParams(
            unit_id=unit_id,
            year=year,
            on=on,
            title=self.title_combo.currentData() if form.takes(PARAM_TITLE) else None,
            session_id=self.session_combo.currentData() if form.takes(PARAM_SESSION) else None,
            decision_id=self.decision_combo.currentData() if form.takes(PARAM_DECISION) else None,
            person_id=None,
            order=self.order_combo.currentData() if form.takes(PARAM_ORDER) else ORDER_STANDARD,
        )

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
        problem = self.date_edit.problem() if form.takes(PARAM_DATE) else ""
        if problem:  # an impossible "Ngày lập" is refused before the file is asked for
            message = _tr("Ngày lập: {problem}").format(problem=problem)
            QMessageBox.warning(self, _tr("Xuất biểu mẫu"), message)
            self.result_label.setText(message)
            self.date_edit.setFocus()
            return None
        target = self.ask_target(form)
        if target is None:
            return None
        work = self._export_work(form, target)
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
        done = _tr("Đã xuất \u201c{name}\u201d ra {path}").format(name=form.name, path=result.path)
        notes = [_tr("Lưu ý: {text}").format(text=w) for w in self.warnings]
        self.result_label.setText("\n".join([done, *notes]))
        return result

    def _export_work(self, form: FormSpec, target: Path) -> Callable[[ProgressFn], ExportResult]:
        """The long work of writing ``form`` with the parameters shown to ``target``."""
        params = self.params()
        person_text = self.person_edit.text() if form.takes(PARAM_PERSON) else ""

        def work(progress: ProgressFn) -> ExportResult:
            progress(_tr("Đang lấy dữ liệu…"), 0.1)
            chosen = params
            if person_text.strip():
                person_id = self.ctx.read(reports.resolve_person, person_text)
                chosen = replace(params, person_id=person_id)
            data = self.ctx.read(reports.gather, form.code, chosen)
            self.warnings = tuple(getattr(data, "warnings", ()) or ())  # not on the form
            progress(_tr("Đang ghi tệp Excel…"), 0.6)
            return export_form(form.code, data, target)

        return work

    # --- printing ------------------------------------------------------------------------------

    def print_job(self) -> PrintJob | None:
        """The chosen form as it would be exported now, laid out for printing (Tệp > In…);
        None, with the reason said, when it cannot be made."""
        form = self.current_form()
        problem = self.date_edit.problem() if form.takes(PARAM_DATE) else ""
        if problem:
            message = _tr("Ngày lập: {problem}").format(problem=problem)
            QMessageBox.warning(self, _tr("In biểu mẫu"), message)
            self.date_edit.setFocus()
            return None
        folder = Path(tempfile.mkdtemp(prefix="tdkt-in-"))
        export = self._export_work(form, folder / form.default_file_name())
        try:

            def work(progress: ProgressFn) -> PrintJob:
                result = export(progress)
                progress(_tr("Đang dàn trang…"), 0.9)
                sheet = sheet_html(result.path)
                return PrintJob(form.name, sheet.html, landscape=sheet.landscape)

            title = _tr("Đang chuẩn bị {name} để in").format(name=form.name)
            outcome = self.runner.run(title, work, self)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        if outcome.error is not None:
            message = _tr("Không in được biểu mẫu: {error}").format(error=outcome.error)
            QMessageBox.warning(self, _tr("In biểu mẫu"), message)
            return None
        return outcome.value

    def preview_form(self) -> None:
        job = self.print_job()
        if job is not None:
            preview(job, self)

    def open_documents(self) -> None:
        """The secretariat's Word documents (issue 21), in their own dialog."""
        from app.ui.documents.documents_dialog import DocumentsDialog

        DocumentsDialog(self.ctx, self.year, self, runner=self.runner).exec()

    def _open_last(self) -> None:
        if self.last_result is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last_result.path)))
