"""The pages of the Excel import wizard (:mod:`app.ui.screens.units.import_wizard`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from app.domain.vnformat import format_count
from app.ui.screens.units.import_wizard import (
    ACCEPT,
    CREATE_UNIT,
    KINDS,
    NEW,
    Analysis,
    FileRequest,
    PlanPreview,
    column_index,
    column_letter,
    kind_label,
    spec_for,
    unit_key,
)
from app.ui.widgets.date_edit import DateEdit
from app.ui.widgets.fonts import bold_font

if TYPE_CHECKING:
    from app.ui.screens.units.import_wizard import ImportWizard

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
OBJECT_ROLE = Qt.ItemDataRole.UserRole + 2
ERROR_STYLE = "color: #b00020;"
WARNING_STYLE = "color: #8a5300;"
OK_STYLE = "color: #1b5e20;"
# Labels clearer than the field names of the spec, where the spec's own reads oddly alone.
FIELD_LABELS = {
    "male": "Ngày sinh (cột Nam)",
    "female": "Ngày sinh (cột Nữ)",
    "salutation": "Tên gọi (Ông/Bà)",
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("ImportWizard", text)


def _message_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


def _show(label: QLabel, text: str, style: str = ERROR_STYLE) -> None:
    label.setText(text)
    label.setStyleSheet(style)
    label.setVisible(bool(text))


def _field_label(kind: str, name: str) -> str:
    if name in FIELD_LABELS:
        return _tr(FIELD_LABELS[name])
    try:
        return spec_for(kind).label(name)
    except KeyError:
        return name


class RowsModel(QAbstractTableModel):
    """A read-only grid of tuples; the first column is a row number sorted as a number."""

    def __init__(
        self, headers: Sequence[str], parent: Any = None, *, letter_column: int | None = None
    ) -> None:
        super().__init__(parent)
        self.headers = list(headers)
        self.letter_column = letter_column  # column letters sort as A, B, ..., Z, AA
        self.records: list[tuple[Any, ...]] = []

    def set_records(self, records: Sequence[tuple[Any, ...]]) -> None:
        self.beginResetModel()
        self.records = list(records)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.records)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid():
            return None
        record = self.records[index.row()]
        value = record[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return str(value)
        if role == SORT_ROLE:
            if index.column() == self.letter_column:
                return column_index(str(value))
            return value
        if role == OBJECT_ROLE:
            return record
        if role == Qt.ItemDataRole.TextAlignmentRole and isinstance(value, int):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def _table(model: RowsModel, name: str) -> QTableView:
    proxy = QSortFilterProxyModel(model)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    view = QTableView()
    view.setModel(proxy)
    view.setAccessibleName(name)
    view.setSortingEnabled(True)
    view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setTabKeyNavigation(False)
    view.setWordWrap(True)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setStretchLastSection(True)
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(model.columnCount() - 1, QHeaderView.ResizeMode.Stretch)
    # Long messages wrap: fit the row heights once the columns have their widths.
    model.modelReset.connect(view.resizeRowsToContents)
    header.sectionResized.connect(lambda *_args: view.resizeRowsToContents())
    return view


# ---------------------------------------------------------------------------
# 1. Chọn tệp
# ---------------------------------------------------------------------------


class _SheetCombo(QComboBox):
    """Reads the sheet names of the file when the clerk opens the list."""

    def __init__(self, before_popup: Callable[[], None]) -> None:
        super().__init__()
        self._before_popup = before_popup

    def showPopup(self) -> None:
        self._before_popup()
        super().showPopup()


class FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard, *, kind: str, year: int) -> None:
        super().__init__()
        self.wiz = wizard
        self._sheets_for: str | None = None
        self.setTitle(_tr("Chọn tệp"))
        self.setSubTitle(_tr("Chọn loại dữ liệu và tệp Excel (.xlsx, .xlsm) mà đơn vị gửi lên."))
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        self.kind_combo = QComboBox()
        for k in KINDS:
            self.kind_combo.addItem(kind_label(k), k)
        self.kind_combo.setCurrentIndex(KINDS.index(kind))
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        form.addRow(self._buddy(_tr("&Loại dữ liệu:"), self.kind_combo), self.kind_combo)

        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText(_tr("Đường dẫn tệp Excel"))
        self.path_edit.setClearButtonEnabled(True)
        self.path_edit.textChanged.connect(self._path_changed)
        self.path_edit.returnPressed.connect(self.load_sheets)
        self.browse_button = QPushButton(_tr("&Chọn tệp…"))
        self.browse_button.setAutoDefault(False)
        self.browse_button.clicked.connect(self.browse)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse_button)
        form.addRow(self._buddy(_tr("Tệp &Excel:"), self.path_edit), row)

        self.sheet_combo = _SheetCombo(self.load_sheets)
        self.sheet_combo.addItem(_tr("(tự động: trang đầu tiên có dòng tiêu đề cột)"), None)
        form.addRow(self._buddy(_tr("T&rang tính:"), self.sheet_combo), self.sheet_combo)

        self.year_spin = QSpinBox()
        self.year_spin.setRange(1900, 2100)
        self.year_spin.setValue(year)
        self.year_label = self._buddy(_tr("Năm &xếp loại:"), self.year_spin)
        form.addRow(self.year_label, self.year_spin)

        self.date_edit = DateEdit(date.today())
        self.date_edit.setToolTip(
            _tr("Đơn vị, chức vụ thay đổi so với CSDL được ghi nhận có hiệu lực từ ngày này")
        )
        self.date_label = self._buddy(_tr("Ngày &hiệu lực:"), self.date_edit)
        form.addRow(self.date_label, self.date_edit)

        self.legacy_check = QCheckBox(
            _tr("Chuyển chữ gõ bằng bảng mã cũ (TCVN3, &VNI) sang Unicode")
        )
        self.legacy_check.setToolTip(
            _tr(
                "Chỉ chọn khi chương trình báo tệp dùng bảng mã cũ; các ô được chuyển được "
                "liệt kê ở bước sau."
            )
        )
        form.addRow("", self.legacy_check)

        self.error_label = _message_label()
        self.error_label.setObjectName("fileError")
        form.addRow(self.error_label)
        self._form = form
        self._kind_changed()

    @staticmethod
    def _buddy(text: str, widget: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(widget)
        widget.setAccessibleName(text.replace("&", "").rstrip(":"))
        return label

    # --- values ------------------------------------------------------------------------------

    def kind(self) -> str:
        return str(self.kind_combo.currentData())

    def path(self) -> Path:
        return Path(self.path_edit.text().strip().strip('"'))

    def effective_date(self) -> date:
        return self.date_edit.date_value()

    def request(self) -> FileRequest:
        sheet = self.sheet_combo.currentData()
        return FileRequest(
            self.kind(),
            self.path(),
            sheet,
            self.year_spin.value(),
            convert_legacy=self.legacy_check.isChecked(),
        )

    # --- reactions ---------------------------------------------------------------------------

    def _kind_changed(self) -> None:
        kind = self.kind()
        self._form.setRowVisible(self.year_spin, kind == "grades")
        self._form.setRowVisible(self.date_edit, kind == "staff")

    def _path_changed(self) -> None:
        _show(self.error_label, "")
        if self._sheets_for is not None and self._sheets_for != self.path_edit.text().strip():
            self._sheets_for = None
            self.fill_sheets([])  # the sheets of another file
        self.completeChanged.emit()

    def browse(self) -> None:
        current = self.path_edit.text().strip()
        start = str(Path(current).parent) if current else ""
        path, _filter = QFileDialog.getOpenFileName(
            self, _tr("Chọn tệp Excel"), start, _tr("Excel (*.xlsx *.xlsm)")
        )
        if path:
            self.path_edit.setText(path)
            self.load_sheets()

    def load_sheets(self) -> None:
        """Fill the sheet combo from the workbook (once per file)."""
        text = self.path_edit.text().strip()
        if not text or text == self._sheets_for or self.wiz.busy:
            return
        names, error = self.wiz.list_sheets(self.path())
        self._sheets_for = text
        if names is None:
            self.fill_sheets([])
            _show(self.error_label, error)
            return
        self.fill_sheets(names)

    def fill_sheets(self, names: Sequence[str]) -> None:
        current = self.sheet_combo.currentData()
        self.sheet_combo.blockSignals(True)
        while self.sheet_combo.count() > 1:
            self.sheet_combo.removeItem(1)
        for name in names:
            self.sheet_combo.addItem(name, name)
        self.sheet_combo.setCurrentIndex(max(0, self.sheet_combo.findData(current)))
        self.sheet_combo.blockSignals(False)

    # --- QWizardPage ---------------------------------------------------------------------------

    def isComplete(self) -> bool:
        return bool(self.path_edit.text().strip())

    def validatePage(self) -> bool:
        if self.wiz.busy:
            return False
        problem = self.date_edit.problem() if self.date_edit.isVisibleTo(self) else ""
        if problem:  # an impossible effective date is refused with its message
            _show(self.error_label, _tr("Ngày hiệu lực: {problem}").format(problem=problem))
            self.date_edit.setFocus()
            return False
        error = self.wiz.read_file(self.request())
        analysis = self.wiz.analysis
        if error or analysis is None:
            _show(self.error_label, error)
            return False
        self._sheets_for = self.path_edit.text().strip()
        self.fill_sheets(analysis.sheet_names)
        _show(self.error_label, "")
        return True


# ---------------------------------------------------------------------------
# 2. Cột
# ---------------------------------------------------------------------------


class ColumnsPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wiz = wizard
        self.combos: dict[str, QComboBox] = {}
        self._kind: str | None = None
        self.setTitle(_tr("Cột"))
        self.setSubTitle(
            _tr(
                "Các cột chương trình đã nhận ra trong tệp. Nếu một thông tin lấy sai cột, "
                "hãy chọn lại cột đúng; tệp được đọc lại ngay."
            )
        )
        layout = QVBoxLayout(self)
        self.info_label = QLabel()
        self.info_label.setWordWrap(True)
        layout.addWidget(self.info_label)
        self.warning_label = _message_label()
        self.warning_label.setObjectName("columnsWarning")
        layout.addWidget(self.warning_label)
        self.error_label = _message_label()
        self.error_label.setObjectName("columnsError")
        layout.addWidget(self.error_label)

        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout.addWidget(self.scroll, 1)

        bottom = QHBoxLayout()
        note = QLabel(_tr("* bắt buộc. Họ và tên có thể thay bằng hai cột “Họ, tên đệm” và “Tên”."))
        note.setWordWrap(True)
        bottom.addWidget(note, 1)
        self.reset_button = QPushButton(_tr("Tự nhận &lại cột"))
        self.reset_button.setAutoDefault(False)
        self.reset_button.setToolTip(_tr("Bỏ các lựa chọn cột bằng tay, dùng lại cột tự nhận"))
        self.reset_button.clicked.connect(self._reset)
        bottom.addWidget(self.reset_button)
        layout.addLayout(bottom)

    def _build(self, kind: str) -> None:
        """One row per field of the kind: label | combo of the file's columns."""
        spec = spec_for(kind)
        body = QWidget()
        grid = QGridLayout(body)
        grid.setColumnStretch(1, 1)
        bold = bold_font()
        for col, text in enumerate((_tr("Thông tin"), _tr("Cột trong tệp"))):
            head = QLabel(text)
            head.setFont(bold)
            grid.addWidget(head, 0, col)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        grid.addWidget(line, 1, 0, 1, 2)
        self.combos = {}
        for i, f in enumerate(spec.fields, start=2):
            text = _field_label(kind, f.name) + (" *" if f.required else "")
            label = QLabel(text)
            combo = QComboBox()
            combo.setObjectName(f"column_{f.name}")
            combo.setAccessibleName(text)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(30)
            label.setBuddy(combo)
            combo.activated.connect(lambda _i, name=f.name: self._picked(name))
            grid.addWidget(label, i, 0)
            grid.addWidget(combo, i, 1)
            self.combos[f.name] = combo
        grid.setRowStretch(len(spec.fields) + 2, 1)
        self.scroll.setWidget(body)
        self._kind = kind

    def _fill(self, analysis: Analysis) -> None:
        if self._kind != analysis.kind:
            self._build(analysis.kind)
        items: list[tuple[str, str]] = []
        for index in sorted(analysis.headers):
            header = " ".join(analysis.headers[index].split())
            short = header if len(header) <= 60 else header[:57] + "…"
            items.append((f"{column_letter(index)}: {short}", column_letter(index)))
        for name, combo in self.combos.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(_tr("(không có)"), None)
            for text, letter in items:
                combo.addItem(text, letter)
                combo.setItemData(combo.count() - 1, text, Qt.ItemDataRole.ToolTipRole)
            ref = analysis.columns.get(name)
            combo.setCurrentIndex(max(0, combo.findData(ref.letter)) if ref else 0)
            combo.blockSignals(False)
        result = analysis.result
        rows = "-".join(str(r) for r in analysis.header_rows)
        info = _tr("Trang “{sheet}”, dòng tiêu đề cột {rows}.").format(
            sheet=analysis.sheet, rows=rows
        )
        if result is not None:
            info += " " + _tr(
                "Đọc được {n} dòng dữ liệu, {bad} dòng có lỗi; bỏ qua {skipped} dòng "
                "(tiêu đề, đánh số cột, dòng trống…)."
            ).format(
                n=format_count(len(result.rows)),
                bad=format_count(len(result.invalid_row_numbers)),
                skipped=format_count(len(result.skipped)),
            )
        if result is not None and result.conversions:
            info += " " + _tr(
                "Đã chuyển {n} ô gõ bằng bảng mã cũ sang Unicode, ví dụ: {examples}."
            ).format(
                n=format_count(len(result.conversions)),
                examples="; ".join(f"{c.before} → {c.after}" for c in result.conversions[:3]),
            )
        self.info_label.setText(info)
        warnings: list[str] = []
        if result is not None and not result.confident:
            warnings.append(
                _tr("Chương trình chưa chắc chắn đã nhận đúng các cột, hãy kiểm tra lại:")
            )
        if result is not None:
            warnings.extend(f"• {w}" for w in result.warnings)
        _show(self.warning_label, "\n".join(warnings), WARNING_STYLE)
        if result is None:
            _show(
                self.error_label,
                analysis.problem + "\n" + _tr("Hãy chọn cột chứa họ và tên ở bảng dưới."),
            )
        else:
            _show(self.error_label, "")

    def _picked(self, name: str) -> None:
        combo = self.combos[name]
        error = self.wiz.set_column(name, combo.currentData())
        self._after_read(error)

    def _reset(self) -> None:
        self._after_read(self.wiz.reset_columns())

    def _after_read(self, error: str) -> None:
        if self.wiz.analysis is not None:
            self._fill(self.wiz.analysis)
        if error:
            _show(self.error_label, error)
        self.completeChanged.emit()

    def initializePage(self) -> None:
        if self.wiz.analysis is not None:
            self._fill(self.wiz.analysis)

    def isComplete(self) -> bool:
        return self.wiz.analysis is not None and self.wiz.analysis.result is not None

    def validatePage(self) -> bool:
        if self.wiz.busy or not self.isComplete():
            return False
        error = self.wiz.refresh_preview()
        _show(self.error_label, error)
        return not error


# ---------------------------------------------------------------------------
# 3. Kiểm tra
# ---------------------------------------------------------------------------


class CheckPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wiz = wizard
        self.unit_combos: dict[str, QComboBox] = {}
        self._units_for: tuple[str, ...] | None = None
        self.setTitle(_tr("Kiểm tra"))
        self.setSubTitle(
            _tr("Chạy thử: chưa ghi gì vào cơ sở dữ liệu. Xem lại kết quả rồi bấm “Ghi vào CSDL”.")
        )
        self.setCommitPage(True)
        layout = QVBoxLayout(self)
        self.counts_label = QLabel()
        font = self.counts_label.font()
        font.setBold(True)
        self.counts_label.setFont(font)
        self.counts_label.setWordWrap(True)
        layout.addWidget(self.counts_label)
        self.status_label = _message_label()
        self.status_label.setObjectName("checkStatus")
        layout.addWidget(self.status_label)
        self.skip_check = QCheckBox(
            _tr("&Bỏ qua các dòng lỗi (không nhập các dòng này; chúng được liệt kê trong báo cáo)")
        )
        self.skip_check.toggled.connect(self._skip_toggled)
        layout.addWidget(self.skip_check)

        self.tabs = QTabWidget()
        self.issues_model = RowsModel(
            [_tr("Dòng"), _tr("Cột"), _tr("Thông tin"), _tr("Lỗi")], self, letter_column=1
        )
        self.issues_view = _table(self.issues_model, _tr("Lỗi"))
        self.tabs.addTab(self.issues_view, "")
        self.units_scroll = QScrollArea()
        self.units_scroll.setWidgetResizable(True)
        self.units_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.tabs.addTab(self.units_scroll, "")
        self.skipped_model = RowsModel([_tr("Dòng"), _tr("Lý do bỏ qua")], self)
        self.skipped_view = _table(self.skipped_model, _tr("Dòng bỏ qua"))
        self.tabs.addTab(self.skipped_view, "")
        self.changes_text = QPlainTextEdit()
        self.changes_text.setReadOnly(True)
        self.changes_text.setAccessibleName(_tr("Thay đổi dự kiến"))
        self.tabs.addTab(self.changes_text, "")
        self.identity_scroll = QScrollArea()
        self.identity_scroll.setWidgetResizable(True)
        self.identity_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.tabs.addTab(self.identity_scroll, "")
        self.identity_combos: dict[int, QComboBox] = {}
        self.identity_check: QCheckBox | None = None
        self._identity_for: tuple[object, ...] | None = None
        layout.addWidget(self.tabs, 1)

    # --- suggestions and identity changes ------------------------------------------------------

    def _build_identity(self, preview: PlanPreview) -> None:
        """One line per suggestion (a near name: is it this person?) and the identity changes
        (name, birth date, CCCD, staff code) the clerk must confirm before they are written."""
        report = preview.report
        staff = preview.plan.kind == "staff"
        body = QWidget()
        grid = QGridLayout(body)
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(2, 3)
        bold = bold_font()
        self.identity_combos = {}
        self.identity_check = None
        line = 0
        if report.suggestions:
            for col, text in enumerate(
                (_tr("Dòng"), _tr("Họ tên trong tệp"), _tr("Có phải"), _tr("Xử lý"))
            ):
                head = QLabel(text)
                head.setFont(bold)
                grid.addWidget(head, line, col)
            for sug in report.suggestions:
                line += 1
                who = QLabel(sug.candidates)
                who.setWordWrap(True)
                combo = QComboBox()
                combo.setObjectName(f"suggestion_{sug.row}")
                combo.setAccessibleName(_tr("Xử lý gợi ý dòng {row}").format(row=sug.row))
                combo.addItem(_tr("(chưa chọn: không ghi dòng này)"), None)
                if sug.person_id is not None:
                    combo.addItem(_tr("Đúng là người này"), ACCEPT)
                if staff:
                    combo.addItem(_tr("Là người khác: thêm mới"), NEW)
                combo.setCurrentIndex(
                    max(0, combo.findData(self.wiz.identity_choices.get(sug.row)))
                )
                combo.activated.connect(lambda _i, r=sug.row, c=combo: self._identity_chosen(r, c))
                grid.addWidget(QLabel(str(sug.row)), line, 0)
                grid.addWidget(QLabel(sug.name_in_file), line, 1)
                grid.addWidget(who, line, 2)
                grid.addWidget(combo, line, 3)
                self.identity_combos[sug.row] = combo
            line += 1
        if report.identity_changes:
            title = QLabel(
                _tr("Thay đổi thông tin định danh (họ tên, ngày sinh, CCCD, mã cán bộ):")
            )
            title.setFont(bold)
            grid.addWidget(title, line, 0, 1, 4)
            for change in report.identity_changes:
                line += 1
                text = QLabel(
                    _tr("Dòng {row}: ").format(row=change.row)
                    + change.person
                    + " - "
                    + "; ".join(
                        f"{label}: {before or _tr('(trống)')} → {after}"
                        for label, before, after in change.changes
                    )
                )
                text.setWordWrap(True)
                text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                grid.addWidget(text, line, 0, 1, 4)
            line += 1
            check = QCheckBox(_tr("&Xác nhận các thay đổi thông tin định danh trên"))
            check.setObjectName("confirmIdentity")
            check.setChecked(self.wiz.update_identity)
            check.toggled.connect(self._identity_confirmed)
            grid.addWidget(check, line, 0, 1, 4)
            self.identity_check = check
        grid.setRowStretch(line + 1, 1)
        old = self.identity_scroll.takeWidget()
        if old is not None:
            old.deleteLater()
        self.identity_scroll.setWidget(body)

    def _identity_chosen(self, row: int, combo: QComboBox) -> None:
        self._after(self.wiz.choose_identity(row, combo.currentData()))

    def _identity_confirmed(self, checked: bool) -> None:
        self._after(self.wiz.set_update_identity(checked))

    # --- unit table ----------------------------------------------------------------------------

    def _build_units(self, preview: PlanPreview) -> None:
        body = QWidget()
        grid = QGridLayout(body)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 3)
        bold = bold_font()
        for col, text in enumerate((_tr("Đơn vị trong tệp"), _tr("Xử lý"), _tr("Dòng"))):
            head = QLabel(text)
            head.setFont(bold)
            grid.addWidget(head, 0, col)
        self.unit_combos = {}
        roots = [u for u in preview.units if u.parent_id is None]
        create_tip = (
            _tr("Tạo đơn vị mới trực thuộc “{root}”").format(root=roots[0].full_name)
            if roots
            else _tr("Tạo đơn vị mới (cây đơn vị đang trống)")
        )
        for i, name in enumerate(preview.unknown_units, start=1):
            key = unit_key(name)
            label = QLabel(name)
            label.setWordWrap(True)
            combo = QComboBox()
            combo.setObjectName(f"unit_{i}")
            combo.setAccessibleName(_tr("Xử lý đơn vị {name}").format(name=name))
            combo.addItem(_tr("(chưa chọn)"), None)
            combo.addItem(_tr("Tạo mới dưới cơ quan"), CREATE_UNIT)
            combo.setItemData(1, create_tip, Qt.ItemDataRole.ToolTipRole)
            combo.insertSeparator(2)
            for unit in preview.units:
                combo.addItem("    " * unit.depth + unit.full_name, unit.id)
            combo.setCurrentIndex(max(0, combo.findData(self.wiz.choices.get(key))))
            combo.activated.connect(lambda _i, k=key, c=combo: self._unit_chosen(k, c))
            label.setBuddy(combo)
            rows = preview.unit_rows.get(key, ())
            shown = ", ".join(str(r) for r in rows[:8]) + (" …" if len(rows) > 8 else "")
            grid.addWidget(label, i, 0)
            grid.addWidget(combo, i, 1)
            grid.addWidget(QLabel(shown), i, 2)
            self.unit_combos[key] = combo
        grid.setRowStretch(len(preview.unknown_units) + 1, 1)
        self.units_scroll.setWidget(body)
        self._units_for = preview.unknown_units

    def _unit_chosen(self, key: str, combo: QComboBox) -> None:
        self._after(self.wiz.choose_unit(key, combo.currentData()))

    def _skip_toggled(self, checked: bool) -> None:
        self._after(self.wiz.set_skip_invalid(checked))

    def _after(self, error: str) -> None:
        self.show_preview()
        if error:
            _show(self.status_label, error)
        self.completeChanged.emit()

    # --- showing the dry run -------------------------------------------------------------------

    def show_preview(self) -> None:
        preview = self.wiz.preview
        analysis = self.wiz.analysis
        if preview is None or analysis is None or analysis.result is None:
            self.counts_label.setText("")
            return
        report = preview.report
        kind = analysis.kind
        if self._units_for != preview.unknown_units:
            self._build_units(preview)
        # One list of skipped rows for the count here and for the tab "Dòng bỏ qua (n)": the
        # rows that are not data (titles, column numbers, blank rows) and the faulty ones.
        not_data = [(s.row, s.reason) for s in analysis.result.skipped]
        faulty = [
            (row, _tr("Dòng lỗi, bỏ qua: {why}").format(why=why)) for row, why in report.skipped
        ]
        skipped = sorted(not_data + faulty)
        counts = _tr(
            "{total} dòng dữ liệu: sẽ thêm {added}, cập nhật {updated}, giữ nguyên {unchanged}; "
            "bỏ qua {skipped} dòng ({faulty} dòng lỗi, {other} dòng tiêu đề, trống…)."
        ).format(
            total=format_count(report.total_rows),
            added=format_count(report.added),
            updated=format_count(report.updated),
            unchanged=format_count(report.unchanged),
            skipped=format_count(len(skipped)),
            faulty=format_count(len(faulty)),
            other=format_count(len(not_data)),
        )
        if report.blocked:
            bad = len({i.row for i in report.issues})
            counts += " " + _tr("{bad} dòng có lỗi.").format(bad=format_count(bad)) if bad else ""
        self.counts_label.setText(counts)
        unresolved = preview.unresolved
        if report.blocked:
            parts = []
            if report.issues:
                parts.append(
                    _tr("Có {n} lỗi trong tệp.").format(n=format_count(len(report.issues)))
                )
            if unresolved or report.unknown_units:
                parts.append(
                    _tr(
                        "Có {n} đơn vị chưa có trong cây đơn vị: chọn cách xử lý ở thẻ "
                        "“Đơn vị chưa có”."
                    ).format(n=format_count(len(unresolved) or len(report.unknown_units)))
                )
            parts.append(
                _tr(
                    "Chưa thể ghi: sửa tệp rồi đọc lại, hoặc chọn “Bỏ qua các dòng lỗi” để chỉ "
                    "nhập các dòng hợp lệ."
                )
            )
            _show(self.status_label, " ".join(parts))
        else:
            _show(self.status_label, _tr("Có thể ghi vào cơ sở dữ liệu."), OK_STYLE)
        self.issues_model.set_records(
            [
                (i.row, i.column, i.header or _field_label(kind, i.field), i.message)
                for i in report.issues
            ]
        )
        self.skipped_model.set_records(skipped)
        changes = [_tr("Tạo đơn vị mới: {name}").format(name=n) for n in report.created_units]
        changes += report.changes
        self.changes_text.setPlainText("\n".join(changes) or _tr("(không có thay đổi nào)"))
        self.tabs.setTabText(0, _tr("Lỗi ({n})").format(n=format_count(len(report.issues))))
        self.tabs.setTabText(
            1,
            _tr("Đơn vị chưa có ({n}, chưa chọn {m})").format(
                n=format_count(len(preview.unknown_units)), m=format_count(len(unresolved))
            ),
        )
        self.tabs.setTabVisible(1, bool(preview.unknown_units))
        self.tabs.setTabText(2, _tr("Dòng bỏ qua ({n})").format(n=format_count(len(skipped))))
        self.tabs.setTabText(3, _tr("Thay đổi dự kiến ({n})").format(n=format_count(len(changes))))
        # Rebuilt only when the questions change, never for an answer: the combo box or the
        # check box that gave the answer is still handling its own event.
        identity_key = (tuple(report.suggestions), tuple(report.identity_changes))
        if self._identity_for != identity_key:
            self._build_identity(preview)
            self._identity_for = identity_key
        undecided = [s for s in report.suggestions if s.row not in self.wiz.identity_choices]
        self.tabs.setTabText(
            4,
            _tr("Gợi ý và định danh ({n}, chưa chọn {m})").format(
                n=format_count(len(report.suggestions) + len(report.identity_changes)),
                m=format_count(len(undecided)),
            ),
        )
        self.tabs.setTabVisible(4, bool(report.suggestions or report.identity_changes))
        self.skip_check.blockSignals(True)
        self.skip_check.setChecked(self.wiz.skip_invalid)
        self.skip_check.blockSignals(False)

    def _first_tab(self) -> None:
        preview = self.wiz.preview
        if preview is None:
            return
        if preview.unresolved:
            self.tabs.setCurrentIndex(1)
        elif preview.report.suggestions or preview.report.identity_changes:
            self.tabs.setCurrentIndex(4)
        elif preview.report.issues:
            self.tabs.setCurrentIndex(0)
        else:
            self.tabs.setCurrentIndex(3)

    def initializePage(self) -> None:
        self._units_for = None
        self.show_preview()
        self._first_tab()

    def isComplete(self) -> bool:
        preview = self.wiz.preview
        return not self.wiz.busy and preview is not None and preview.can_write

    def validatePage(self) -> bool:
        if self.wiz.busy or not self.isComplete():
            return False
        error = self.wiz.write()
        if error:
            self.show_preview()
            _show(self.status_label, error)
            self.completeChanged.emit()
            return False
        return True


# ---------------------------------------------------------------------------
# 4. Kết quả
# ---------------------------------------------------------------------------


class ResultPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wiz = wizard
        self.setTitle(_tr("Kết quả"))
        self.setSubTitle(_tr("Dữ liệu đã được ghi vào cơ sở dữ liệu."))
        layout = QVBoxLayout(self)
        self.headline = QLabel()
        font = self.headline.font()
        font.setBold(True)
        self.headline.setFont(font)
        self.headline.setWordWrap(True)
        layout.addWidget(self.headline)
        self.summary = QPlainTextEdit()
        self.summary.setReadOnly(True)
        self.summary.setAccessibleName(_tr("Báo cáo nhập dữ liệu"))
        layout.addWidget(self.summary, 1)

    def initializePage(self) -> None:
        report = self.wiz.report
        if report is None:
            return
        self.headline.setText(
            _tr(
                "Đã thêm {added}, cập nhật {updated}, giữ nguyên {unchanged}, bỏ qua {skipped}."
            ).format(
                added=format_count(report.added),
                updated=format_count(report.updated),
                unchanged=format_count(report.unchanged),
                skipped=format_count(len(report.skipped)),
            )
        )
        self.summary.setPlainText("\n".join(report.lines(cli=False)))
