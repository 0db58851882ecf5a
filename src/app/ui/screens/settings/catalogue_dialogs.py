"""The dialogs of the "Danh mục danh hiệu, hình thức" tab.

Each follows the dialog contract (``load(dto)``, ``values()``, ``validate()`` with the rules of
:mod:`app.domain.catalogue_edits`, ``accept()`` refusing while problems remain):

- :class:`ItemDialog` -- names, synonyms, issuer, legal basis, "history only" of a title or form.
- :class:`CoefficientDialog` -- the coefficients in force from a date.
- :class:`NewFormDialog` -- a form the agency adds (Giấy khen of another issuer, another
  ministry's medal), with its first coefficients when it carries a bonus.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from app.domain.catalogue_edits import (
    KINDS,
    LEVELS,
    CoefficientEdit,
    ItemEdit,
    NewForm,
    parse_coefficient,
    validate_coefficients,
    validate_item_edit,
    validate_new_form,
)
from app.domain.codes import SubjectKind
from app.services.catalogue_items import EDITABLE_FIELDS, CatalogueRow, plain, subject_names
from app.ui.screens.units.unit_dialogs import OptionalDate, UnitFormDialog, date_edit, date_of

__all__ = ["CoefficientDialog", "ItemDialog", "NewFormDialog", "split_synonyms"]

_CONTEXT = "CatalogueDialogs"
SUBJECTS = (SubjectKind.CA_NHAN.value, SubjectKind.TAP_THE.value, SubjectKind.HO_GIA_DINH.value)


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def split_synonyms(text: str) -> tuple[str, ...]:
    """Other names typed on one line, separated by ";"."""
    return tuple(part.strip() for part in text.split(";") if part.strip())


def _shown(value: object) -> str:
    if isinstance(value, bool):
        return _tr("Có") if value else _tr("Không")
    if isinstance(value, list | tuple):
        return "; ".join(str(v) for v in value)
    return "" if value is None else str(value)


class CoefficientFields(QWidget):
    """One coefficient field per subject kind ("0,3"); kinds the item is not for are hidden."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edits: dict[str, QLineEdit] = {}
        self.labels: dict[str, QLabel] = {}
        names = subject_names()
        for kind in SUBJECTS:
            edit = QLineEdit()
            edit.setObjectName(f"coefficient_{kind}")
            edit.setPlaceholderText("0,3")
            edit.setToolTip(_tr("Hệ số cho {who}, ví dụ 0,3").format(who=_tr(names[kind])))
            label = QLabel(_tr("{who}:").format(who=_tr(names[kind])))
            label.setBuddy(edit)
            layout.addWidget(label)
            layout.addWidget(edit, 1)
            self.edits[kind] = edit
            self.labels[kind] = label

    def show_kinds(self, kinds: tuple[str, ...]) -> None:
        for kind, edit in self.edits.items():
            edit.setVisible(not kinds or kind in kinds)
            self.labels[kind].setVisible(not kinds or kind in kinds)

    def set_values(self, values: dict[str, Decimal]) -> None:
        for kind, edit in self.edits.items():
            edit.setText(plain(values.get(kind)))

    def typed(self) -> tuple[dict[str, Decimal | None], list[str]]:
        """The coefficients of the visible fields, and what is not a number."""
        values: dict[str, Decimal | None] = {}
        problems = []
        names = subject_names()
        for kind, edit in self.edits.items():
            if edit.isHidden():
                continue
            try:
                values[kind] = parse_coefficient(edit.text())
            except ValueError:
                problems.append(
                    _tr("Hệ số cho {who} '{text}' không phải số (ví dụ 0,3)").format(
                        who=_tr(names[kind]).lower(), text=edit.text()
                    )
                )
                values[kind] = None
        return values, problems


class ItemDialog(UnitFormDialog):
    """Change the names, synonyms, issuer, legal basis and "history only" of an item."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_tr("Sửa danh hiệu, hình thức"), parent)
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("itemName")
        self.short_edit = QLineEdit()
        self.short_edit.setObjectName("itemShort")
        self.synonyms_edit = QLineEdit()
        self.synonyms_edit.setObjectName("itemSynonyms")
        self.synonyms_edit.setPlaceholderText(_tr("Các tên gọi khác, cách nhau bởi dấu ;"))
        self.decided_edit = QLineEdit()
        self.decided_edit.setObjectName("itemDecidedBy")
        self.basis_edit = QLineEdit()
        self.basis_edit.setObjectName("itemBasis")
        self.history_check = QCheckBox(_tr("Chỉ ghi lịch sử (không dùng cho đề nghị mới)"))
        self.history_check.setObjectName("itemHistoryOnly")
        self.form.addRow(_tr("Tên:"), self.name_edit)
        self.form.addRow(_tr("Tên viết tắt:"), self.short_edit)
        self.form.addRow(_tr("Tên gọi khác:"), self.synonyms_edit)
        self.form.addRow(_tr("Cấp quyết định:"), self.decided_edit)
        self.form.addRow(_tr("Căn cứ pháp lý:"), self.basis_edit)
        self.form.addRow(_tr("Sử dụng:"), self.history_check)

    def load(self, row: CatalogueRow) -> None:
        self.setWindowTitle(_tr("Sửa: {name}").format(name=row.short or row.name))
        self.name_edit.setText(row.name)
        self.short_edit.setText(row.short)
        self.synonyms_edit.setText("; ".join(row.synonyms))
        self.decided_edit.setText(row.decided_by)
        self.basis_edit.setText(row.legal_basis)
        self.history_check.setChecked(row.history_only)
        if row.local:
            self.set_note(_tr("Hình thức riêng của Sở (do cán bộ thêm)."))
        elif row.clerk_changed:
            shipped = [
                _tr("{field}: \u201c{value}\u201d").format(
                    field=_tr(EDITABLE_FIELDS[c]), value=_shown(row.shipped.get(c))
                )
                for c in row.clerk_changed
            ]
            self.set_note(_tr("Giá trị có sẵn của các mục đã sửa: ") + "; ".join(shipped))
        else:
            self.set_note(_tr("Giá trị có sẵn của chương trình; mọi thay đổi được ghi nhật ký."))

    def values(self) -> ItemEdit:
        return ItemEdit(
            name=self.name_edit.text(),
            short=self.short_edit.text(),
            synonyms=split_synonyms(self.synonyms_edit.text()),
            history_only=self.history_check.isChecked(),
            decided_by=self.decided_edit.text(),
            legal_basis=self.basis_edit.text(),
        ).cleaned()

    def validate(self) -> list[str]:
        return validate_item_edit(self.values())


class CoefficientDialog(UnitFormDialog):
    """The coefficients of an item in force from a date (a decision is priced by those in
    force on its date)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_tr("Thêm hệ số theo ngày"), parent)
        self.subjects: tuple[str, ...] = ()
        self.from_edit = date_edit(date.today())
        self.from_edit.setObjectName("coefficientFrom")
        self.fields = CoefficientFields()
        self.basis_edit = QLineEdit()
        self.basis_edit.setObjectName("coefficientBasis")
        self.basis_edit.setPlaceholderText(_tr("Nghị định 152/2025/NĐ-CP, Điều 54"))
        self.form.addRow(_tr("Áp dụng từ ngày:"), self.from_edit)
        self.form.addRow(_tr("Hệ số:"), self.fields)
        self.form.addRow(_tr("Căn cứ pháp lý:"), self.basis_edit)
        self.set_note(
            _tr(
                "Tiền thưởng = hệ số × mức lương cơ sở; quyết định ký ngày nào dùng hệ số có "
                "hiệu lực vào ngày đó. Hệ số do cán bộ nhập được giữ khi cập nhật chương trình."
            )
        )

    def load(self, row: CatalogueRow) -> None:
        self.setWindowTitle(_tr("Hệ số theo ngày: {name}").format(name=row.short or row.name))
        self.subjects = row.subjects
        self.fields.show_kinds(row.subjects)
        today = date.today()
        self.fields.set_values(row.coefficients_on(today))
        current = [s for s in row.steps if s.effective_from <= today]
        if current:
            self.basis_edit.setText(current[-1].legal_basis)

    def values(self) -> CoefficientEdit:
        coefficients, _problems = self.fields.typed()
        return CoefficientEdit(date_of(self.from_edit), coefficients, self.basis_edit.text())

    def validate(self) -> list[str]:
        _values, problems = self.fields.typed()
        return problems or validate_coefficients(self.values(), self.subjects)


class NewFormDialog(UnitFormDialog):
    """A form (or title) of the agency's own: the code is made from the short name when left
    empty; coefficients are given when the form carries a bonus."""

    def __init__(self, taken: set[str], parent: QWidget | None = None) -> None:
        super().__init__(_tr("Thêm hình thức riêng của Sở"), parent)
        self.taken = taken
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("formName")
        self.name_edit.setPlaceholderText(_tr("Giấy khen của Giám đốc Sở Tư pháp"))
        self.short_edit = QLineEdit()
        self.short_edit.setObjectName("formShort")
        self.code_edit = QLineEdit()
        self.code_edit.setObjectName("formCode")
        self.code_edit.setPlaceholderText(_tr("Để trống: tự đặt theo tên viết tắt"))
        self.kind_combo = QComboBox()
        for code, name in KINDS.items():
            self.kind_combo.addItem(_tr(name), code)
        self.kind_combo.setCurrentIndex(self.kind_combo.findData("HINH_THUC"))
        self.level_combo = QComboBox()
        for code, name in LEVELS.items():
            self.level_combo.addItem(_tr(name), code)
        self.level_combo.setCurrentIndex(self.level_combo.findData("KHAC"))
        self.subject_box = QWidget()
        subject_row = QHBoxLayout(self.subject_box)
        subject_row.setContentsMargins(0, 0, 0, 0)
        self.subject_checks: dict[str, QCheckBox] = {}
        for kind, name in subject_names().items():
            check = QCheckBox(_tr(name))
            check.setObjectName(f"subject_{kind}")
            check.setChecked(kind == SubjectKind.CA_NHAN.value)
            subject_row.addWidget(check)
            self.subject_checks[kind] = check
        self.decided_edit = QLineEdit()
        self.decided_edit.setObjectName("formDecidedBy")
        self.basis_edit = QLineEdit()
        self.basis_edit.setObjectName("formBasis")
        self.synonyms_edit = QLineEdit()
        self.synonyms_edit.setObjectName("formSynonyms")
        self.synonyms_edit.setPlaceholderText(_tr("Các tên gọi khác, cách nhau bởi dấu ;"))
        self.from_edit = OptionalDate()
        self.from_edit.setObjectName("formCoefficientFrom")
        self.fields = CoefficientFields()
        self.coefficient_basis_edit = QLineEdit()
        self.coefficient_basis_edit.setObjectName("formCoefficientBasis")
        self.form.addRow(_tr("Tên:"), self.name_edit)
        self.form.addRow(_tr("Tên viết tắt:"), self.short_edit)
        self.form.addRow(_tr("Mã:"), self.code_edit)
        self.form.addRow(_tr("Loại:"), self.kind_combo)
        self.form.addRow(_tr("Cấp:"), self.level_combo)
        self.form.addRow(_tr("Đối tượng:"), self.subject_box)
        self.form.addRow(_tr("Cấp quyết định:"), self.decided_edit)
        self.form.addRow(_tr("Căn cứ pháp lý:"), self.basis_edit)
        self.form.addRow(_tr("Tên gọi khác:"), self.synonyms_edit)
        self.form.addRow(_tr("Hệ số áp dụng từ ngày:"), self.from_edit)
        self.form.addRow(_tr("Hệ số:"), self.fields)
        self.form.addRow(_tr("Căn cứ của hệ số:"), self.coefficient_basis_edit)
        for check in self.subject_checks.values():
            check.toggled.connect(lambda _on: self.fields.show_kinds(self._subjects() or SUBJECTS))
        self.fields.show_kinds(self._subjects())
        self.set_note(
            _tr(
                "Hình thức riêng (Giấy khen của cơ quan khác, huân, huy chương của bộ, ngành "
                "khác...) không bị thay khi cập nhật chương trình; xóa được khi chưa dùng. Để "
                "trống ngày và hệ số nếu hình thức không kèm tiền thưởng."
            )
        )

    def _subjects(self) -> tuple[str, ...]:
        return tuple(k for k, check in self.subject_checks.items() if check.isChecked())

    def load(self, form: NewForm) -> None:
        self.name_edit.setText(form.name)
        self.short_edit.setText(form.short)
        self.code_edit.setText(form.code)
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(form.kind)))
        self.level_combo.setCurrentIndex(max(0, self.level_combo.findData(form.level)))
        for kind, check in self.subject_checks.items():
            check.setChecked(kind in form.subjects)
        self.decided_edit.setText(form.decided_by)
        self.basis_edit.setText(form.legal_basis)
        self.synonyms_edit.setText("; ".join(form.synonyms))
        if form.coefficients is not None:
            self.from_edit.set_value(form.coefficients.effective_from)
            self.fields.set_values(
                {k: v for k, v in form.coefficients.coefficients.items() if v is not None}
            )
            self.coefficient_basis_edit.setText(form.coefficients.legal_basis)

    def _coefficients(self) -> CoefficientEdit | None:
        values, _problems = self.fields.typed()
        typed = any(v is not None for v in values.values())
        day = self.from_edit.value()
        if day is None and not typed and not self.coefficient_basis_edit.text().strip():
            return None
        return CoefficientEdit(day, values, self.coefficient_basis_edit.text())

    def values(self) -> NewForm:
        return NewForm(
            name=self.name_edit.text().strip(),
            short=self.short_edit.text().strip(),
            subjects=self._subjects(),
            kind=str(self.kind_combo.currentData()),
            level=str(self.level_combo.currentData()),
            decided_by=self.decided_edit.text().strip(),
            legal_basis=self.basis_edit.text().strip(),
            synonyms=split_synonyms(self.synonyms_edit.text()),
            code=self.code_edit.text().strip().upper(),
            coefficients=self._coefficients(),
        )

    def validate(self) -> list[str]:
        _values, problems = self.fields.typed()
        return problems + validate_new_form(self.values(), self.taken)
