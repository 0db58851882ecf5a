"""The commands the main window offers on every screen: print, copy, find, help, the screen's own.

:class:`WindowCommands` builds the actions of the menus Tệp (Xem trước khi in…, In…), Sửa
(Sao chép, Chọn tất cả, Tìm), Chức năng (the shown screen's commands, with their keys) and
Trợ giúp (Hướng dẫn, F1), and carries them out on the screen in use:

- each time a screen is shown its commands become window-level
  (:func:`app.ui.widgets.screen_actions.promote`): F5 on "Bình xét" works right after Ctrl+4;
- Sao chép and Chọn tất cả act on the text field with the focus when it has a selection,
  else on the list in use (:func:`app.ui.widgets.table_copy.list_of`): the selected rows with
  their headers, as tab-separated text;
- Tìm runs the screen's own search command, else puts the cursor in its search box;
- printing takes what the screen offers (``print_job()``: the Reports screen's form), else
  the list in use, whole, under the screen's title;
- F1 opens the guide of the screen (resources/help/<section>.html).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QStackedWidget,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from app.domain.vnformat import format_count
from app.ui.sections import SECTION_KEYS
from app.ui.widgets import screen_actions
from app.ui.widgets.help import INDEX, HelpDialog
from app.ui.widgets.printing import PrintJob, list_job, preview, print_job
from app.ui.widgets.table_copy import copy_rows, list_of, rows_of, select_all

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow

__all__ = ["WindowCommands"]

STATUS_MS = 6000  # how long a message stays in the status bar


def _tr(text: str) -> str:
    return QCoreApplication.translate("WindowCommands", text)


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


class WindowCommands(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.help_dialog: HelpDialog | None = None
        self._last_list: QAbstractItemView | None = None
        self.last_job: PrintJob | None = None  # what was printed or previewed last (tests)

        def action(
            text: str,
            slot: Callable[[], object],
            keys: QKeySequence.StandardKey | str,
            tip: str,
            name: str,
        ) -> QAction:
            act = QAction(text, window)
            act.setShortcut(QKeySequence(keys))
            act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            act.setStatusTip(tip)
            act.setObjectName(name)
            act.triggered.connect(lambda _checked=False: slot())
            window.addAction(act)
            return act

        self.preview_action = action(
            _tr("&Xem trước khi in…"),
            self.preview,
            "Ctrl+Shift+P",
            _tr("Xem danh sách đang dùng (hoặc biểu mẫu đang chọn) trên trang A4 trước khi in"),
            "previewAction",
        )
        self.print_action = action(
            _tr("&In…"),
            self.print,
            QKeySequence.StandardKey.Print,
            _tr("In danh sách đang dùng (hoặc biểu mẫu đang chọn)"),
            "printAction",
        )
        self.copy_action = action(
            _tr("&Sao chép"),
            self.copy,
            QKeySequence.StandardKey.Copy,
            _tr("Chép các dòng đang chọn kèm tiêu đề cột, dán được vào Excel"),
            "copyAction",
        )
        self.select_all_action = action(
            _tr("Chọn &tất cả"),
            self.select_all,
            QKeySequence.StandardKey.SelectAll,
            _tr("Chọn mọi dòng của danh sách đang dùng"),
            "selectAllAction",
        )
        self.find_action = action(
            _tr("&Tìm"),
            self.find,
            QKeySequence.StandardKey.Find,
            _tr("Đưa con trỏ vào ô tìm kiếm của màn hình"),
            "findAction",
        )
        self.help_action = action(
            _tr("&Hướng dẫn màn hình này"),
            self.show_help,
            QKeySequence.StandardKey.HelpContents,
            _tr("Hướng dẫn ngắn về màn hình đang dùng"),
            "helpAction",
        )
        if self.help_action.shortcut().isEmpty():  # some platforms map HelpContents to nothing
            self.help_action.setShortcut(QKeySequence(Qt.Key.Key_F1))

        self.edit_menu = QMenu(_tr("&Sửa"), window)
        self.edit_menu.setObjectName("editMenu")
        self.edit_menu.addActions([self.copy_action, self.select_all_action])
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.find_action)

        self.screen_menu = QMenu(_tr("&Chức năng"), window)
        self.screen_menu.setObjectName("screenMenu")
        self.screen_menu.aboutToShow.connect(self.fill_screen_menu)

        window.pages.currentChanged.connect(lambda _index: self.page_shown())
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    # --- the screen in use ----------------------------------------------------------------

    def page(self) -> QWidget | None:
        """The section screen shown (None before a database is attached)."""
        widget = self.window.pages.currentWidget()
        return widget if widget is not None and widget is not self.window.loading_label else None

    def reserved_keys(self) -> list[QKeySequence]:
        """Keys the window answers itself: a screen's command keeps its focus-bound key there."""
        keys: list[QKeySequence] = []
        for act in self.window.findChildren(QAction):
            if act.parent() is self.window:
                keys += [k for k in act.shortcuts() if not k.isEmpty()]
        return [
            k
            for k in keys
            if k.toString() != QKeySequence(QKeySequence.StandardKey.Find).toString()
        ]

    def page_shown(self) -> None:
        page = self.page()
        if page is not None:
            screen_actions.promote(page, self.reserved_keys())

    def screen_entries(self) -> list[QAction]:
        """The Chức năng menu's entries for the screen as it is now."""
        page = self.page()
        if page is None:
            return []
        screen_actions.promote(page, self.reserved_keys())
        return screen_actions.menu_entries(page, self.screen_menu)

    def fill_screen_menu(self) -> None:
        self.screen_menu.clear()
        entries = self.screen_entries()
        if not entries:
            empty = self.screen_menu.addAction(_tr("(màn hình này không có lệnh phím tắt riêng)"))
            empty.setEnabled(False)
        self.screen_menu.addActions(entries)

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if isinstance(new, QAbstractItemView) and new is not self.window.navigation:
            self._last_list = new

    def current_list(self) -> QAbstractItemView | None:
        page = self.page()
        if page is None:
            return None
        last = self._last_list
        try:
            alive = last is not None and last.isVisible()
        except RuntimeError:  # deleted with its dialog or panel
            alive = False
        return list_of(page, QApplication.focusWidget(), last if alive else None)

    def _say(self, text: str) -> None:
        self.window.statusBar().showMessage(text, STATUS_MS)

    # --- Sửa ------------------------------------------------------------------------------

    @staticmethod
    def _text_selection(widget: QWidget | None) -> QLineEdit | QTextEdit | QPlainTextEdit | None:
        if isinstance(widget, QLineEdit) and widget.hasSelectedText():
            return widget
        if isinstance(widget, QTextEdit | QPlainTextEdit) and widget.textCursor().hasSelection():
            return widget
        return None

    def copy(self) -> int:
        """Copy the selected text, else the list's selected rows; returns the rows copied."""
        field = self._text_selection(QApplication.focusWidget())
        if field is not None:
            field.copy()
            return 0
        view = self.current_list()
        if view is None:
            self._say(_tr("Không có danh sách nào để chép."))
            return 0
        rows = copy_rows(view)
        self._say(
            _tr("Đã chép {n} dòng kèm tiêu đề cột: dán vào Excel bằng Ctrl+V.").format(
                n=format_count(len(rows.rows))
            )
        )
        return len(rows.rows)

    def select_all(self) -> None:
        focus = QApplication.focusWidget()
        if isinstance(focus, QLineEdit | QTextEdit | QPlainTextEdit):
            focus.selectAll()
            return
        view = self.current_list()
        if view is not None:
            select_all(view)
            view.setFocus()

    def find(self) -> None:
        page = self.page()
        if page is None:
            return
        own = screen_actions.find_commands(page)
        if own:
            own[0].trigger()
            return
        for box in page.findChildren(QLineEdit):
            if not box.isVisible() or not box.isEnabled() or box.window() is not self.window:
                continue
            hint = f"{box.placeholderText()} {box.objectName()}".lower()
            if "tìm" in hint or "search" in hint or "find" in hint:
                box.setFocus(Qt.FocusReason.ShortcutFocusReason)
                box.selectAll()
                return
        self._say(_tr("Màn hình này không có ô tìm kiếm."))

    # --- Tệp: printing ----------------------------------------------------------------------

    def _list_title(self, view: QAbstractItemView) -> str:
        """The screen's title, then the tabs the list is under ("Bình xét — Tập thể")."""
        page = self.page()
        assert page is not None
        parts: list[str] = []
        widget: QWidget | None = view
        while widget is not None and widget is not page:
            parent = widget.parentWidget()
            tabs = parent.parentWidget() if isinstance(parent, QStackedWidget) else None
            if isinstance(tabs, QTabWidget):
                parts.insert(0, _plain(tabs.tabText(tabs.indexOf(widget))))
            widget = parent
        title = getattr(page, "title", lambda: "")()
        return " — ".join([title, *parts]) if title else " — ".join(parts)

    def current_job(self) -> PrintJob | None:
        """What Tệp > In would print now: the screen's own document, else the list in use."""
        page = self.page()
        if page is None:
            return None
        own = getattr(page, "print_job", None)
        if callable(own):
            job = own()
            if job is not None:
                return job
        view = self.current_list()
        if view is None:
            return None
        year = _tr("Năm thi đua {year}").format(year=self.window.year)
        return list_job(self._list_title(view), rows_of(view, selected_only=False), subtitle=year)

    def _job_or_say(self) -> PrintJob | None:
        job = self.current_job()
        if job is None:
            self._say(_tr("Màn hình này không có danh sách hay biểu mẫu nào để in."))
        self.last_job = job
        return job

    def preview(self) -> None:
        job = self._job_or_say()
        if job is not None:
            preview(job, self.window)

    def print(self) -> None:
        job = self._job_or_say()
        if job is not None and print_job(job, self.window):
            self._say(_tr("Đã gửi \u201c{title}\u201d tới máy in.").format(title=job.title))

    # --- Trợ giúp -------------------------------------------------------------------------

    def topic(self) -> str:
        row = self.window.navigation.currentRow()
        if self.page() is None or not 0 <= row < len(SECTION_KEYS):
            return INDEX
        return SECTION_KEYS[row]

    def show_help(self) -> None:
        if self.help_dialog is None:
            self.help_dialog = HelpDialog(self.window)
        self.help_dialog.show_topic(self.topic())
