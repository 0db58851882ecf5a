"""The "Quyết định khen thưởng" page: the register of the year on top, one decision below.

Register: the decisions of the main window's year (dated in it, or on achievements of it),
filtered by status and origin, with their money (:mod:`app.services.money`). Actions:
"Quyết định mới" (Ctrl+N) creates a draft with the agency's defaults, signed today; "Tạo từ
kết quả Hội đồng…" a draft with those who passed the vote for a title; "Nhập quyết định cấp
trên…" records a superior's decision as issued; "Đồng bộ lịch sử khen thưởng" turns imported
awards with decision numbers into decisions of the register.

Below: the decision's fields (number checked as typed) and its lines (Alt+↑/↓ to reorder,
Delete to remove), "Lưu dự thảo" (Ctrl+S), "Ban hành…", "Đính chính…", "Thu hồi…". Dialogs
open with ``QDialog.open()`` and are exposed as ``self.dialog`` while they show. Every write
is one ``ctx.write``; refusals of the services are shown as warnings, and a decision another
clerk changed meanwhile is read again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import ConflictError, DomainError, ValidationError
from app.domain.vnformat import format_count, format_money
from app.services import decisions as svc
from app.services import money
from app.services.context import AppContext
from app.services.decision_dates import DateCheck, blank_draft_input, check_signing_date
from app.services.people import list_people
from app.services.units import list_units
from app.ui.screens.decisions import certificates as certificate_print
from app.ui.screens.decisions import sources
from app.ui.screens.decisions.detail import DecisionPane, shrinkable
from app.ui.screens.decisions.dialogs import (
    CorrectDialog,
    IssueDialog,
    RevokeDialog,
)
from app.ui.screens.decisions.models import (
    COL_D_AUTHORITY,
    COL_D_AWARD,
    COL_D_NUMBER,
    COL_D_SUMMARY,
    DecisionTableModel,
)
from app.ui.screens.decisions.pickers import (
    HouseholdDialog,
    PersonPicker,
    UnitPicker,
)
from app.ui.screens.page import SectionPage
from app.ui.screens.units.people_model import current_object, make_table
from app.ui.sections import section_title
from app.ui.widgets.columns import clerk_sized
from app.ui.widgets.confirm import confirm_delete

_CONTEXT = "DecisionsScreen"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


# --- reads gathered in one session (the GUI never holds a session) ---------------------------


def _totals(session: Any, ids: Sequence[int]) -> dict[int, int | None]:
    """The money of each decision, the same figure its detail shows; None when it cannot be
    computed (no base salary...). A superior's decision is paid by the authority that decides
    (NĐ 152/2025 Điều 47): its amount is listed all the same, and left out of the year's total
    of the agency's own decisions."""
    out: dict[int, int | None] = {}
    for decision_id in ids:
        try:
            out[decision_id] = money.decision_amounts(session, decision_id).total
        except DomainError:
            out[decision_id] = None
    return out


def _money_of(session: Any, decision_id: int) -> tuple[dict[int, tuple[int, bool, str]], str]:
    try:
        found = money.decision_amounts(session, decision_id)
    except DomainError as exc:
        return {}, str(exc)
    lines = {line.recipient_id: (line.amount, line.paid, line.note) for line in found.lines}
    summary = DecisionPane.money_summary(found.total, found.base_salary.amount, found.warnings)
    return lines, summary


def _year_total(session: Any, year: int) -> int | None:
    try:
        return money.year_total(session, year)
    except DomainError:
        return None


class DecisionsScreen(SectionPage):
    WORKSPACE = True

    def __init__(self, ctx: AppContext, year: int, parent: QWidget | None = None) -> None:
        super().__init__(ctx, year, parent)
        self.dialog: QDialog | None = None

        # --- filters and actions
        self.status_combo = QComboBox()
        self.status_combo.setObjectName("statusFilter")
        self.status_combo.addItem(_tr("Mọi trạng thái"), None)
        for code, name in svc.STATUS_NAMES.items():
            self.status_combo.addItem(name, code)
        self.origin_combo = QComboBox()
        self.origin_combo.setObjectName("originFilter")
        self.origin_combo.addItem(_tr("Mọi nguồn"), None)
        for code, name in svc.ORIGIN_NAMES.items():
            self.origin_combo.addItem(name, code)
        status_label = QLabel(_tr("Trạng thái:"))
        status_label.setBuddy(self.status_combo)
        origin_label = QLabel(_tr("Ng&uồn:"))
        origin_label.setBuddy(self.origin_combo)
        self.new_button = QPushButton(_tr("&Quyết định mới"))
        self.new_button.setObjectName("newButton")
        self.new_button.setToolTip("Ctrl+N")
        self.council_button = QPushButton(_tr("Tạo từ kết quả &Hội đồng…"))
        self.council_button.setObjectName("councilButton")
        self.superior_button = QPushButton(_tr("Nhập quyết định cấp t&rên…"))
        self.superior_button.setObjectName("superiorButton")
        self.sync_button = QPushButton(_tr("Đồng &bộ lịch sử khen thưởng"))
        self.sync_button.setObjectName("syncButton")
        self.sync_button.setToolTip(
            _tr("Đưa các khen thưởng đã nhập có số quyết định vào sổ quyết định")
        )
        shrinkable(
            self.status_combo,
            self.origin_combo,
            self.new_button,
            self.council_button,
            self.superior_button,
            self.sync_button,
        )
        tools = QHBoxLayout()
        tools.addWidget(status_label)
        tools.addWidget(self.status_combo)
        tools.addWidget(origin_label)
        tools.addWidget(self.origin_combo)
        tools.addStretch(1)
        tools.addWidget(self.new_button)
        tools.addWidget(self.council_button)
        self.certificates_button = QPushButton(_tr("In giấy &khen…"))
        self.certificates_button.setObjectName("certificatesButton")
        self.certificates_button.setToolTip(
            _tr("In giấy khen, bằng khen của quyết định đang chọn lên phôi, hoặc xuất PDF")
        )
        shrinkable(self.certificates_button)
        tools.addWidget(self.certificates_button)
        from app.ui.documents.hooks import add_decision_buttons  # Word documents, dossier

        add_decision_buttons(self, tools)
        self.summary_label = QLabel()
        self.summary_label.setObjectName("summaryLabel")
        self.summary_label.setWordWrap(True)
        # under the register: what it holds, and the decisions that come from elsewhere
        foot = QHBoxLayout()
        foot.addWidget(self.summary_label, 1)
        foot.addWidget(self.superior_button)
        foot.addWidget(self.sync_button)

        # --- register and details
        self.model = DecisionTableModel(self)
        self.view, self.proxy = make_table(self.model, sort_column=-1, stretch=COL_D_SUMMARY)
        self.view.setObjectName("decisionTable")
        self.pane = DecisionPane()
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addLayout(tools)
        top_layout.addWidget(self.view, 1)
        top_layout.addLayout(foot)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(top)
        self.splitter.addWidget(self.pane)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)
        self.body.addWidget(self.splitter, 1)

        # --- keys and wiring
        self.new_action = QAction(_tr("Quyết định mới"), self)
        self.new_action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_N))
        self.refresh_action = QAction(_tr("Tải lại"), self)
        self.refresh_action.setShortcut(QKeySequence(Qt.Key.Key_F5))
        for action in (self.new_action, self.refresh_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
        self.new_action.triggered.connect(lambda _c=False: self.new_decision())
        self.refresh_action.triggered.connect(lambda _c=False: self.refresh())
        self.new_button.clicked.connect(self.new_decision)
        self.council_button.clicked.connect(self.from_council)
        self.superior_button.clicked.connect(self.record_superior)
        self.sync_button.clicked.connect(self.sync_history)
        self.certificates_button.clicked.connect(self.print_certificates)
        self.status_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.origin_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._load_detail())
        pane = self.pane
        pane.save_button.clicked.connect(self.save_draft)
        pane.save_action.triggered.connect(lambda _c=False: self.save_draft())
        pane.issue_button.clicked.connect(self.issue)
        pane.correct_button.clicked.connect(self.correct)
        pane.revoke_button.clicked.connect(self.revoke)
        pane.delete_button.clicked.connect(self.delete_draft)
        pane.add_person_button.clicked.connect(self.add_people)
        pane.add_unit_button.clicked.connect(self.add_units)
        pane.add_household_button.clicked.connect(self.add_household)
        pane.remove_button.clicked.connect(self.remove_line)
        pane.remove_action.triggered.connect(lambda _c=False: self.remove_line())
        pane.up_button.clicked.connect(lambda: self.move_line(-1))
        pane.down_button.clicked.connect(lambda: self.move_line(1))
        pane.up_action.triggered.connect(lambda _c=False: self.move_line(-1))
        pane.down_action.triggered.connect(lambda _c=False: self.move_line(1))
        self.refresh()

    @classmethod
    def title(cls) -> str:
        return section_title("decisions")

    @classmethod
    def description(cls) -> str:
        return _tr(
            "Sổ quyết định khen thưởng: quyết định của cơ quan (dự thảo, ban hành, đính chính, "
            "thu hồi), quyết định của cấp trên và quyết định trong lịch sử khen thưởng đã nhập."
        )

    # --- the register ---------------------------------------------------------------------

    def year_changed(self, year: int) -> None:
        self.refresh()

    def refresh(self, select_id: int | None = None, *, keep_fields: bool = False) -> None:
        """Read the register again, keeping (or moving to) the chosen decision; ``keep_fields``:
        what the clerk typed in its fields stays (only its lines changed)."""
        if select_id is None:
            chosen = self.current_row()
            select_id = chosen.id if chosen is not None else None
        rows = self.ctx.read(
            svc.list_decisions,
            self.year,
            status=self.status_combo.currentData(),
            origin=self.origin_combo.currentData(),
        )
        self.model.set_rows(rows)
        self.model.set_totals(self.ctx.read(_totals, [r.id for r in rows]))
        if not clerk_sized(self.view):  # the clerk's own widths are kept
            self.view.resizeColumnsToContents()
            for column, cap in ((COL_D_SUMMARY, 360), (COL_D_AUTHORITY, 190), (COL_D_AWARD, 210)):
                self.view.setColumnWidth(column, min(self.view.columnWidth(column), cap))
        total = self.ctx.read(_year_total, self.year)
        text = _tr("{n} quyết định").format(n=format_count(len(rows)))
        if total is not None:
            text += _tr(
                " · Tiền thưởng năm {year} (quyết định của cơ quan đã ban hành): {total} đồng"
            ).format(year=self.year, total=format_money(total))
        self.summary_label.setText(text)
        if select_id is not None and self.model.row_of(select_id) is not None:
            self.select_decision(select_id)
        elif rows:
            self.view.selectRow(0)
        self._load_detail(keep_fields=keep_fields)

    def current_row(self) -> svc.DecisionRow | None:
        return current_object(self.view)  # type: ignore[no-any-return]

    def select_decision(self, decision_id: int) -> None:
        row = self.model.row_of(decision_id)
        if row is None:
            return
        index = self.proxy.mapFromSource(self.model.index(row, COL_D_NUMBER))
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self.view.selectionModel().setCurrentIndex(index, flags)

    def _load_detail(self, *, keep_fields: bool = False) -> None:
        row = self.current_row()
        shown = self.detail
        if shown is not None and (row is None or row.id != shown.id):
            self._save_pending()
            keep_fields = False
        if row is None:
            self.pane.show_detail(None)
            return
        try:
            detail = self.ctx.read(svc.get_decision, row.id)
        except DomainError:  # deleted meanwhile
            self.pane.show_detail(None)
            return
        self._show(detail, keep_fields=keep_fields and shown is not None)

    def _save_pending(self) -> None:
        """Leaving a draft whose fields were changed: the clerk says whether to save them."""
        d = self.detail
        if d is None or not self.pane.form_changed():
            return
        title = _tr("Dự thảo chưa lưu")
        question = _tr("Dự thảo quyết định {what} có thay đổi chưa lưu. Lưu lại?").format(
            what=d.number or (d.summary or "").lower() or _tr("mới")
        )
        buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
        answer = QMessageBox.question(
            self, title, question, buttons, QMessageBox.StandardButton.Yes
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        problems = self.pane.form.validate()
        if problems:
            QMessageBox.warning(
                self, title, _tr("Không lưu được:") + "\n" + "\n".join(f"• {p}" for p in problems)
            )
            return
        self._write(
            title, svc.update_draft, d.id, self.pane.form.values(), expected_version=d.version
        )

    def _show(self, detail: svc.DecisionDetail, *, keep_fields: bool = False) -> None:
        exclude = detail.id
        self.pane.form.configure_numbers(
            lambda year, text: self.ctx.read(svc.number_problems, year, text, exclude),
            lambda year: self.ctx.read(svc.next_number, year),
        )
        self.pane.form.configure_date(self._date_checker(exclude))
        self.pane.show_detail(detail, keep_fields=keep_fields)
        self.pane.show_money(*self.ctx.read(_money_of, detail.id))

    @property
    def detail(self) -> svc.DecisionDetail | None:
        return self.pane.detail

    # --- writing --------------------------------------------------------------------------

    def _write(self, title: str, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """One service call in one transaction; a refusal is shown and None returned."""
        try:
            return self.ctx.write(fn, *args, **kwargs)
        except DomainError as exc:
            problems = exc.problems if isinstance(exc, ValidationError) else [str(exc)]
            text = _tr("Không thực hiện được:") + "\n" + "\n".join(f"• {p}" for p in problems)
            QMessageBox.warning(self, title, text)
            if isinstance(exc, ConflictError):  # another clerk saved first: show what is stored
                self.refresh()
            return None

    def _after(self, detail: svc.DecisionDetail | None, *, keep_fields: bool = False) -> bool:
        if detail is None:
            return False
        self.refresh(select_id=detail.id, keep_fields=keep_fields)
        return True

    def _open(self, dialog: QDialog, commit: Callable[[Any], bool]) -> None:
        if self.dialog is not None:
            dialog.deleteLater()
            self.dialog.activateWindow()
            return
        dialog.set_committer(commit)  # type: ignore[attr-defined]
        dialog.finished.connect(lambda _result: self._closed(dialog))
        self.dialog = dialog
        dialog.open()

    def _closed(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()
        self.activateWindow()
        (self.pane.view if self.detail is not None else self.view).setFocus()

    def _date_checker(self, decision_id: int) -> Callable[[date], DateCheck]:
        """What a signing date typed for ``decision_id`` means (salary, total, warnings)."""
        return lambda day: self.ctx.read(check_signing_date, day, decision_id=decision_id)

    def new_decision(self) -> None:
        # signed today, never with the date of the decision selected behind it
        data = self.ctx.read(blank_draft_input, self.year)
        created = self._write(_tr("Quyết định mới"), svc.create_draft, data)
        if self._after(created):
            self.pane.form.summary.setFocus()

    def save_draft(self) -> bool:
        d = self.detail
        if d is None or not d.is_draft:
            return False
        title = _tr("Lưu dự thảo")
        problems = self.pane.form.validate()
        if problems:
            QMessageBox.warning(
                self, title, _tr("Chưa lưu được:") + "\n" + "\n".join(f"• {p}" for p in problems)
            )
            return False
        saved = self._write(
            title,
            svc.update_draft,
            d.id,
            self.pane.form.values(),
            expected_version=d.version,
        )
        return self._after(saved)

    def delete_draft(self) -> None:
        d = self.detail
        if d is None or not d.is_draft:
            return
        title = _tr("Xóa dự thảo")
        question = _tr("Xóa dự thảo quyết định này cùng {n} dòng của nó?").format(
            n=format_count(len(d.recipients))
        )
        if not confirm_delete(self, title, question):
            return
        if self._write(title, svc.delete_draft, d.id, expected_version=d.version) is None:
            self.refresh()
            return
        self.refresh()

    # --- lines ----------------------------------------------------------------------------

    def _line_commit(self, items: list[svc.RecipientInput]) -> bool:
        d = self.detail
        if d is None:
            return False
        added = self._write(
            _tr("Thêm vào quyết định"),
            svc.add_recipients,
            d.id,
            items,
            expected_version=d.version,
        )
        return self._after(added, keep_fields=True)

    def _award(self) -> str | None:
        d = self.detail
        return d.catalogue_code if d is not None else None

    def add_people(self) -> None:
        d = self.detail
        if d is None or not d.is_draft:
            return
        people = self.ctx.read(list_people, on=d.decision_date or date.today())
        self._open(PersonPicker(people, self._award(), self), self._line_commit)

    def add_units(self) -> None:
        d = self.detail
        if d is None or not d.is_draft:
            return
        units = self.ctx.read(list_units, include_history=False)
        self._open(UnitPicker(units, self._award(), self), self._line_commit)

    def add_household(self) -> None:
        d = self.detail
        if d is None or not d.is_draft:
            return
        self._open(HouseholdDialog(self._award(), self), self._line_commit)

    def remove_line(self) -> None:
        d, line = self.detail, self.pane.current_line()
        if d is None or line is None or not d.is_draft:
            return
        question = _tr("Xóa dòng {position}: {name} ({award}) khỏi dự thảo?").format(
            position=line.position, name=line.name, award=line.award_name
        )
        if not confirm_delete(self, _tr("Xóa dòng"), question):
            return
        done = self._write(
            _tr("Xóa dòng"), svc.remove_recipient, line.id, expected_version=d.version
        )
        self._after(done, keep_fields=True)

    def move_line(self, step: int) -> None:
        d, line = self.detail, self.pane.current_line()
        if d is None or line is None or not d.is_draft:
            return
        moved = self._write(
            _tr("Đổi thứ tự"), svc.move_recipient, line.id, step, expected_version=d.version
        )
        if moved is not None:
            self._show(moved, keep_fields=True)
            self.pane.select_line(line.id)
            self.pane.view.setFocus()

    # --- lifecycle ------------------------------------------------------------------------

    def _number_checker(self, exclude_id: int | None) -> Callable[[int, str], list[str]]:
        return lambda year, text: self.ctx.read(svc.number_problems, year, text, exclude_id)

    def issue(self) -> None:
        if self.pane.form_changed() and not self.save_draft():  # issue what the clerk sees
            return
        d = self.detail
        if d is None or not d.is_draft:
            return
        dialog = IssueDialog(
            self._number_checker(d.id), lambda year: self.ctx.read(svc.next_number, year), self
        )
        dialog.configure_date(self._date_checker(d.id))
        dialog.load(d)

        def commit(values: Any) -> bool:
            issued = self._write(
                dialog.windowTitle(),
                svc.issue,
                d.id,
                number=values.number,
                decision_date=values.decision_date,
                expected_version=d.version,
            )
            return self._after(issued)

        self._open(dialog, commit)

    def correct(self) -> None:
        d = self.detail
        if d is None or not d.in_force:
            return
        dialog = CorrectDialog(self._number_checker(d.id), self)
        dialog.load(d)

        def commit(values: Any) -> bool:
            fixed = self._write(
                dialog.windowTitle(),
                svc.correct,
                d.id,
                document=values.document,
                correction_date=values.correction_date,
                note=values.note,
                number=values.number,
                decision_date=values.decision_date,
                fixes=values.fixes,
                expected_version=d.version,
            )
            return self._after(fixed)

        self._open(dialog, commit)

    def revoke(self) -> None:
        d = self.detail
        if d is None or not d.in_force:
            return
        dialog = RevokeDialog(self)
        dialog.load(d)

        def commit(values: Any) -> bool:
            what = (
                _tr("toàn bộ quyết định số {n}").format(n=d.number)
                if values.recipient_ids is None
                else _tr("{k} dòng của quyết định số {n}").format(
                    k=len(values.recipient_ids), n=d.number
                )
            )
            question = _tr(
                "Thu hồi {what}?\nCác khen thưởng này sẽ bị đánh dấu thu hồi và không còn được "
                "tính khi xét danh hiệu, hình thức khen thưởng. Việc thu hồi được ghi vào nhật ký."
            ).format(what=what)
            buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
            answer = QMessageBox.question(
                dialog, dialog.windowTitle(), question, buttons, QMessageBox.StandardButton.No
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
            revoked = self._write(
                dialog.windowTitle(),
                svc.revoke,
                d.id,
                document=values.document,
                revoke_date=values.revoke_date,
                reason=values.reason,
                recipient_ids=values.recipient_ids,
                expected_version=d.version,
            )
            return self._after(revoked)

        self._open(dialog, commit)

    # --- other sources (app.ui.screens.decisions.sources) ------------------------------------

    def from_council(self) -> None:
        sources.from_council(self)

    def record_superior(self) -> None:
        sources.record_superior(self)

    def sync_history(self) -> int | None:
        return sources.sync_history(self)

    def print_certificates(self) -> None:
        certificate_print.print_certificates(self)
