"""Choosing who is awarded: people (searched as the clerk types), units, households, and the
form that records a superior's decision with its lines.

Every picker returns :class:`~app.services.decisions.RecipientInput` values with the title or
form chosen in it (only those the catalogue allows for that kind of subject).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.vnformat import format_count
from app.domain.vntext import clean, fold
from app.services import people_view as pv
from app.services.decisions import (
    CA_NHAN,
    HO_GIA_DINH,
    TAP_THE,
    DecisionInput,
    RecipientInput,
    award_name,
)
from app.services.people import PersonRow, filter_people
from app.services.reference import catalogue
from app.services.units import UnitDTO
from app.ui.screens.decisions.form import DecisionForm
from app.ui.screens.units.people_model import OBJECT_ROLE, Column, RecordTableModel, make_table
from app.ui.screens.units.unit_dialogs import UnitFormDialog
from app.ui.widgets.confirm import confirm_delete

_CONTEXT = "DecisionPickers"
MAX_SHOWN = 300


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def award_combo(kind: str, default: str | None, *, history: bool = False) -> QComboBox:
    """Titles and forms the catalogue allows for ``kind`` (CA_NHAN, TAP_THE, HO_GIA_DINH)."""
    combo = QComboBox()
    combo.setObjectName("awardCombo")
    for item in catalogue().items:
        if kind in item.subjects and (history or not item.history_only):
            combo.addItem(item.name, item.code)
    combo.setCurrentIndex(max(0, combo.findData(default)))
    return combo


def _multi(view: QAbstractItemView) -> None:
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)


class PersonPicker(UnitFormDialog):
    """Search people as you type (no case, no diacritics; Ctrl+F); pick one or more (Ctrl or
    Shift + click, Ctrl+A) and the title or form."""

    def __init__(
        self,
        people: Sequence[PersonRow],
        default_award: str | None,
        parent: QWidget | None = None,
        *,
        history: bool = False,
    ) -> None:
        super().__init__(_tr("Thêm cá nhân vào quyết định"), parent)
        self.setObjectName("personPicker")
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 110)
        self._people = list(people)
        self.search = QLineEdit()
        self.search.setObjectName("searchBox")
        self.search.setPlaceholderText(_tr("Gõ họ tên, mã cán bộ hoặc số định danh (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.model = RecordTableModel(
            [
                Column(_tr("Họ và tên"), lambda p: p.full_name, lambda p: p.name_order),
                Column(
                    _tr("Ngày sinh"),
                    pv.birth_text,
                    lambda p: pv.birth_ordinal(p.birth_date, p.birth_year),
                ),
                Column(_tr("Chức vụ"), lambda p: p.position_title, lambda p: p.position_rank),
                Column(_tr("Đơn vị"), lambda p: p.unit_name, lambda p: p.standard_order),
            ],
            self,
        )
        self.view, _proxy = make_table(self.model, stretch=3)
        self.view.setObjectName("peopleTable")
        _multi(self.view)
        self.view.setMinimumHeight(self.fontMetrics().height() * 14)
        self.view.doubleClicked.connect(lambda _i: self.accept())
        self.count_label = QLabel()
        self.award = award_combo(CA_NHAN, default_award, history=history)
        self.form.addRow(_tr("&Tìm:"), self.search)
        self.form.addRow("", self.count_label)
        self.form.addRow(_tr("&Cán bộ:"), self.view)
        self.form.addRow(_tr("&Danh hiệu / Hình thức:"), self.award)
        self.ok_button.setText(_tr("Thêm"))
        find = QAction(self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.triggered.connect(lambda: (self.search.setFocus(), self.search.selectAll()))
        self.addAction(find)
        self.search.textChanged.connect(self._filter)
        self.search.returnPressed.connect(self._to_list)
        self._filter("")

    def _filter(self, text: str) -> None:
        found = filter_people(self._people, text)
        self.model.set_rows(found[:MAX_SHOWN])
        self.view.resizeColumnsToContents()
        if len(found) > MAX_SHOWN:
            self.count_label.setText(
                _tr("Hiện {shown}/{total} người; gõ thêm để thu hẹp").format(
                    shown=format_count(MAX_SHOWN), total=format_count(len(found))
                )
            )
        else:
            self.count_label.setText(_tr("{n} người").format(n=format_count(len(found))))
        if found:
            self.view.selectRow(0)

    def _to_list(self) -> None:
        """Enter in the search box: one match is taken at once, several go to the list."""
        if self.model.rowCount() == 1:
            self.accept()
        else:
            self.view.setFocus()

    def chosen(self) -> list[PersonRow]:
        rows = {i.row() for i in self.view.selectionModel().selectedRows()}
        proxy = self.view.model()
        return [proxy.index(r, 0).data(OBJECT_ROLE) for r in sorted(rows)]

    def values(self) -> list[RecipientInput]:
        code = str(self.award.currentData())
        return [RecipientInput(CA_NHAN, code, person_id=p.id) for p in self.chosen()]

    def validate(self) -> list[str]:
        return [] if self.chosen() else [_tr("Chưa chọn cán bộ nào")]


class UnitPicker(UnitFormDialog):
    """Pick one or more units (collectives), filtered by name as you type."""

    def __init__(
        self,
        units: Sequence[UnitDTO],
        default_award: str | None,
        parent: QWidget | None = None,
        *,
        history: bool = False,
    ) -> None:
        super().__init__(_tr("Thêm tập thể vào quyết định"), parent)
        self.setObjectName("unitPicker")
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 90)
        self._units = [u for u in units if u.is_current]
        self._folded = {
            u.id: fold(f"{u.full_name} {u.short_name or ''} {u.code}") for u in self._units
        }
        self.search = QLineEdit()
        self.search.setObjectName("searchBox")
        self.search.setPlaceholderText(_tr("Gõ tên đơn vị (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.model = RecordTableModel(
            [
                Column(
                    _tr("Đơn vị"), lambda u: "    " * u.depth + u.full_name, lambda u: u.tree_index
                )
            ],
            self,
        )
        self.view, _proxy = make_table(self.model)
        self.view.setObjectName("unitTable")
        _multi(self.view)
        self.view.setMinimumHeight(self.fontMetrics().height() * 12)
        self.view.doubleClicked.connect(lambda _i: self.accept())
        self.award = award_combo(TAP_THE, default_award, history=history)
        self.form.addRow(_tr("&Tìm:"), self.search)
        self.form.addRow(_tr("Đơn &vị:"), self.view)
        self.form.addRow(_tr("&Danh hiệu / Hình thức:"), self.award)
        self.ok_button.setText(_tr("Thêm"))
        self.search.textChanged.connect(self._filter)
        self._filter("")

    def _filter(self, text: str) -> None:
        words = fold(text).split()
        rows = [u for u in self._units if all(w in self._folded[u.id] for w in words)]
        self.model.set_rows(rows)
        if rows:
            self.view.selectRow(0)

    def chosen(self) -> list[UnitDTO]:
        proxy = self.view.model()
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        return [proxy.index(r, 0).data(OBJECT_ROLE) for r in rows]

    def values(self) -> list[RecipientInput]:
        code = str(self.award.currentData())
        return [RecipientInput(TAP_THE, code, unit_id=u.id) for u in self.chosen()]

    def validate(self) -> list[str]:
        return [] if self.chosen() else [_tr("Chưa chọn đơn vị nào")]


class HouseholdDialog(UnitFormDialog):
    """A household (hộ gia đình): its name, address and the form."""

    def __init__(self, default_award: str | None, parent: QWidget | None = None) -> None:
        super().__init__(_tr("Thêm hộ gia đình vào quyết định"), parent)
        self.setObjectName("householdDialog")
        self.name = QLineEdit()
        self.name.setPlaceholderText(_tr("VD: Hộ ông Nguyễn Văn A"))
        self.address = QLineEdit()
        self.address.setPlaceholderText(_tr("VD: Thôn Làng Chùa, xã Yên Sơn"))
        self.award = award_combo(HO_GIA_DINH, default_award)
        self.form.addRow(_tr("&Tên hộ:"), self.name)
        self.form.addRow(_tr("Địa &chỉ:"), self.address)
        self.form.addRow(_tr("&Hình thức:"), self.award)
        self.ok_button.setText(_tr("Thêm"))

    def values(self) -> list[RecipientInput]:
        return [
            RecipientInput(
                HO_GIA_DINH,
                str(self.award.currentData()),
                recipient_name=clean(self.name.text()),
                unit_text=clean(self.address.text()),
            )
        ]

    def validate(self) -> list[str]:
        return [] if clean(self.name.text()) else [_tr("Chưa nhập tên hộ gia đình")]


# --- a superior's decision -----------------------------------------------------------------


class SuperiorDialog(UnitFormDialog):
    """Nhập quyết định cấp trên: its fields and the agency's people and units in it (added with
    the pickers), saved at once as issued. ``pickers(kind, award)`` opens a picker and returns
    what was chosen (the screen owns the data the pickers list)."""

    def __init__(
        self,
        pickers: Callable[[str, str | None], list[RecipientInput]],
        names: Callable[[RecipientInput], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(_tr("Nhập quyết định cấp trên"), parent)
        self.setObjectName("superiorDialog")
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 120)
        self._pickers, self._names = pickers, names
        self.decision = DecisionForm(superior=True)
        self.lines: list[RecipientInput] = []
        self.line_model = RecordTableModel(
            [
                Column(_tr("STT"), lambda x: str(x[0]), lambda x: x[0]),
                Column(_tr("Họ và tên / Tên tập thể"), lambda x: x[2]),
                Column(_tr("Danh hiệu / Hình thức"), lambda x: award_name(x[1].catalogue_code)),
                Column(
                    _tr("Số sổ vàng"),
                    lambda x: str(x[1].golden_book_no or ""),
                    lambda x: x[1].golden_book_no or 0,
                ),
            ],
            self,
        )
        self.line_view, _proxy = make_table(self.line_model)
        self.line_view.setObjectName("lineTable")
        self.line_view.setMinimumHeight(self.fontMetrics().height() * 8)
        self.add_person = QPushButton(_tr("Thêm &cá nhân…"))
        self.add_unit = QPushButton(_tr("Thêm tập &thể…"))
        self.add_household = QPushButton(_tr("Thêm &hộ gia đình…"))
        self.remove = QPushButton(_tr("&Bỏ dòng"))
        self.add_person.clicked.connect(lambda: self._add(CA_NHAN))
        self.add_unit.clicked.connect(lambda: self._add(TAP_THE))
        self.add_household.clicked.connect(lambda: self._add(HO_GIA_DINH))
        self.remove.clicked.connect(self._remove)
        buttons = QHBoxLayout()
        for button in (self.add_person, self.add_unit, self.add_household, self.remove):
            buttons.addWidget(button)
        buttons.addStretch(1)
        box = QWidget()
        box_layout = QVBoxLayout(box)
        box_layout.setContentsMargins(0, 0, 0, 0)
        box_layout.addWidget(self.line_view, 1)
        box_layout.addLayout(buttons)
        self.decision.number.edit.setPlaceholderText(_tr("VD: 1234/QĐ-UBND"))
        self.form.addRow(self.decision)
        self.form.addRow(_tr("Được khen thưởng:"), box)
        self.set_note(
            _tr(
                "Quyết định cấp trên được ghi vào sổ ở trạng thái đã ban hành; mỗi dòng tạo một "
                "bản ghi khen thưởng. Chỉ cần nhập những người, tập thể của cơ quan."
            )
        )

    def load(self, dto: DecisionInput) -> None:  # type: ignore[override]
        self.decision.load(dto)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.decision.number.edit.setFocus()  # the form starts with the number

    def add_lines(self, items: Sequence[RecipientInput]) -> None:
        self.lines.extend(items)
        self._show()

    def _add(self, kind: str) -> None:
        self.add_lines(self._pickers(kind, self.decision.values().catalogue_code))

    def _remove(self) -> None:
        rows = sorted({i.row() for i in self.line_view.selectionModel().selectedRows()})
        if not rows:
            return
        proxy = self.line_view.model()
        names = ", ".join(str(proxy.index(r, 1).data() or "") for r in rows)
        question = _tr("Bỏ {n} dòng khỏi quyết định: {names}?").format(n=len(rows), names=names)
        if not confirm_delete(self, _tr("Bỏ dòng"), question):
            return
        gone = {proxy.index(r, 0).data(OBJECT_ROLE)[0] for r in rows}
        self.lines = [x for n, x in enumerate(self.lines, start=1) if n not in gone]
        self._show()

    def _show(self) -> None:
        self.line_model.set_rows(
            [(n, x, self._names(x)) for n, x in enumerate(self.lines, start=1)]
        )
        self.line_view.resizeColumnsToContents()

    def values(self) -> tuple[DecisionInput, list[RecipientInput]]:
        return self.decision.values(), list(self.lines)

    def validate(self) -> list[str]:
        problems = self.decision.validate()
        if not self.lines:
            problems.append(_tr("Chưa có ai được khen thưởng trong quyết định"))
        return problems
