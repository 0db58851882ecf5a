"""The clerk's order of a nomination list ("Danh sách đề nghị khen thưởng", thứ tự thủ công).

The nominees of one title in one year, collectives first then individuals (the list prints
them in separate sections, so each stays in its own part). "Lên"/"Xuống" (Alt+Up/Alt+Down)
move the selected line; "Thứ tự chuẩn" puts the lines back in the standard order; "Lưu"
stores the order (:func:`app.services.review_reports.set_nomination_order`, audited), which
the list uses when exported with the order "thu-cong". Saving the standard order clears the
stored one, so later nominees keep their standard place.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import DomainError
from app.services.context import AppContext
from app.services.review_reports import (
    NominationOrder,
    OrderEntry,
    nomination_order,
    set_nomination_order,
)

_CONTEXT = "NominationOrderDialog"
KEY_ROLE = Qt.ItemDataRole.UserRole
UNIT = "unit"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


class NominationOrderDialog(QDialog):
    """Reorder the nominees of ``title_code`` in ``year`` and store the order."""

    def __init__(
        self, ctx: AppContext, year: int, title_code: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.year = year
        self.title_code = title_code
        self.data: NominationOrder | None = None
        self.resize(640, 520)

        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("orderList")
        self.list.setAccessibleName(_tr("Thứ tự danh sách đề nghị"))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.state_label = QLabel()
        self.state_label.setObjectName("orderState")
        self.error_label = QLabel()
        self.error_label.setObjectName("orderError")
        self.error_label.setStyleSheet("color: #b3261e")
        self.error_label.setWordWrap(True)

        self.up_button = QPushButton(_tr("&Lên"))
        self.up_button.setObjectName("upButton")
        self.up_button.setToolTip(_tr("Đưa dòng đang chọn lên trên (Alt+Mũi tên lên)"))
        self.up_button.clicked.connect(self.move_up)
        self.down_button = QPushButton(_tr("&Xuống"))
        self.down_button.setObjectName("downButton")
        self.down_button.setToolTip(_tr("Đưa dòng đang chọn xuống dưới (Alt+Mũi tên xuống)"))
        self.down_button.clicked.connect(self.move_down)
        self.standard_button = QPushButton(_tr("Thứ tự &chuẩn"))
        self.standard_button.setObjectName("standardButton")
        self.standard_button.setToolTip(
            _tr("Xếp lại theo thứ tự chuẩn: đơn vị theo cây đơn vị, cán bộ theo chức vụ, tên")
        )
        self.standard_button.clicked.connect(self.reset_standard)
        QShortcut(QKeySequence(Qt.Modifier.ALT | Qt.Key.Key_Up), self, self.move_up)
        QShortcut(QKeySequence(Qt.Modifier.ALT | Qt.Key.Key_Down), self, self.move_down)
        self.list.installEventFilter(self)  # Alt+arrows in the list itself, window active or not

        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(
            _tr("&Lưu"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button.setObjectName("saveButton")
        self.cancel_button = self.buttons.addButton(
            _tr("&Hủy"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.cancel_button.setObjectName("cancelButton")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        side = QVBoxLayout()
        side.addWidget(self.up_button)
        side.addWidget(self.down_button)
        side.addSpacing(12)
        side.addWidget(self.standard_button)
        side.addStretch(1)
        middle = QHBoxLayout()
        middle.addWidget(self.list, 1)
        middle.addLayout(side)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(middle, 1)
        layout.addWidget(self.state_label)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

        self.list.currentRowChanged.connect(self._update_buttons)
        self._load()

    # --- loading -------------------------------------------------------------------------------

    def _load(self) -> None:
        try:
            self.data = self.ctx.read(nomination_order, self.year, self.title_code)
        except DomainError as exc:
            self.setWindowTitle(_tr("Thứ tự danh sách đề nghị khen thưởng"))
            self.error_label.setText(str(exc))
            self.save_button.setEnabled(False)
            self.standard_button.setEnabled(False)
            self._update_buttons()
            return
        data = self.data
        self.setWindowTitle(
            _tr("Thứ tự danh sách đề nghị: {title} năm {year}").format(
                title=data.title_name, year=self.year
            )
        )
        if data.standard:
            self.intro.setText(
                _tr(
                    "Sắp thứ tự các trường hợp được đề nghị \u201c{title}\u201d năm {year}. "
                    "Tập thể và cá nhân in ở hai phần riêng nên mỗi dòng chỉ di chuyển trong "
                    "phần của mình. Danh sách xuất với thứ tự \u201cdo chuyên viên sắp\u201d "
                    "dùng thứ tự này; trường hợp mới đề nghị thêm xếp cuối theo thứ tự chuẩn."
                ).format(title=data.title_name, year=self.year)
            )
        else:
            self.intro.setText(
                _tr("Chưa có trường hợp nào được đề nghị \u201c{title}\u201d năm {year}.").format(
                    title=data.title_name, year=self.year
                )
            )
        self._show(data.current)
        self.state_label.setText(
            _tr("Đang dùng thứ tự do chuyên viên sắp.")
            if data.stored
            else _tr("Đang dùng thứ tự chuẩn.")
        )

    def _show(self, entries: tuple[OrderEntry, ...] | list[OrderEntry]) -> None:
        # collectives first, each part in the given order (the list's sections)
        ordered = sorted(entries, key=lambda e: e.subject != UNIT)
        self.list.clear()
        for entry in ordered:
            item = QListWidgetItem(entry.label)
            item.setData(KEY_ROLE, entry.key)
            self.list.addItem(item)
        if ordered:
            self.list.setCurrentRow(0)
        self._renumber()
        self._update_buttons()

    def _renumber(self) -> None:
        labels = {e.key: e.label for e in (self.data.standard if self.data else ())}
        for row in range(self.list.count()):
            item = self.list.item(row)
            key = tuple(item.data(KEY_ROLE))
            item.setText(f"{row + 1}. {labels.get(key, '')}")

    # --- state ---------------------------------------------------------------------------------

    def keys(self) -> list[tuple[str, int]]:
        """The order shown, as (subject, id) pairs."""
        out = []
        for row in range(self.list.count()):
            subject, subject_id = self.list.item(row).data(KEY_ROLE)
            out.append((str(subject), int(subject_id)))
        return out

    def _kind(self, row: int) -> str:
        return str(self.list.item(row).data(KEY_ROLE)[0])

    def _can_move(self, row: int, step: int) -> bool:
        target = row + step
        return (
            0 <= row < self.list.count()
            and 0 <= target < self.list.count()
            and self._kind(row) == self._kind(target)
        )

    def _update_buttons(self, *_args: object) -> None:
        row = self.list.currentRow()
        self.up_button.setEnabled(self._can_move(row, -1))
        self.down_button.setEnabled(self._can_move(row, 1))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.list
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.modifiers() == Qt.KeyboardModifier.AltModifier
            and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down)
        ):
            self._move(-1 if event.key() == Qt.Key.Key_Up else 1)
            return True
        return super().eventFilter(watched, event)

    # --- actions -------------------------------------------------------------------------------

    def _move(self, step: int) -> None:
        row = self.list.currentRow()
        if not self._can_move(row, step):
            return
        item = self.list.takeItem(row)
        self.list.insertItem(row + step, item)
        self.list.setCurrentRow(row + step)
        self._renumber()
        self.error_label.clear()

    def move_up(self) -> None:
        self._move(-1)

    def move_down(self) -> None:
        self._move(1)

    def reset_standard(self) -> None:
        if self.data is not None:
            self._show(self.data.standard)

    def save(self) -> None:
        if self.data is None:
            return
        order = self.keys()
        standard = sorted(self.data.standard, key=lambda e: e.subject != UNIT)
        if order == [e.key for e in standard]:
            order = []  # the standard order: nothing to keep
        try:
            self.ctx.write(set_nomination_order, self.year, self.title_code, order)
        except DomainError as exc:
            self.error_label.setText(str(exc))
            return
        self.accept()
