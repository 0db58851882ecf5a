"""The main window: sections on the left, the year in the toolbar, the database in the status bar."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSettings, QSize, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFrame,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from app import APP_TITLE
from app.domain.errors import DomainError, ValidationError
from app.ui.about import AboutDialog
from app.ui.application import gui_settings
from app.ui.rights import apply_rights
from app.ui.sections import SECTION_KEYS, screen_class, section_title
from app.ui.tasks import TaskRunner, ThreadedTaskRunner
from app.ui.widgets.columns import remember_columns
from app.ui.window_commands import WindowCommands

if TYPE_CHECKING:
    from app.services.context import AppContext
    from app.ui.screens.page import SectionPage, SectionRequest

YEAR_MIN = 1945  # the first emulation movements; older records are history-only
YEAR_AHEAD = 5  # registrations may be entered a few years ahead

DEFAULT_SIZE = QSize(1280, 820)  # the window at the first start, when the screen has room
FRAME_ROOM = QSize(16, 40)  # left for the title bar and borders the system draws around it

KEY_GEOMETRY = "main_window/geometry"
KEY_STATE = "main_window/state"
KEY_SPLITTER = "main_window/splitter"
KEY_SECTION = "main_window/section"


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


class MainWindow(QMainWindow):
    """Owns the competition year shared by every screen (``yearChanged``)."""

    yearChanged = Signal(int)

    def __init__(
        self,
        ctx: AppContext | None,
        *,
        display_name: str | None = None,
        settings: QSettings | None = None,
        runner: TaskRunner | None = None,
        year: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx: AppContext | None = None
        self.display_name = (
            display_name if display_name is not None else (ctx.display_name if ctx else "")
        )
        self._built: dict[int, SectionPage] = {}  # section index -> its page, built on first visit
        self.settings = settings if settings is not None else gui_settings()
        self.runner: TaskRunner = runner if runner is not None else ThreadedTaskRunner()
        self._year = year or date.today().year
        self.about_dialog: AboutDialog | None = None
        self.password_dialog: QDialog | None = None  # "Đổi mật khẩu…" while it is open
        self.section_actions: list[QAction] = []  # Xem menu, filled by _build_menus

        self.setWindowTitle(APP_TITLE)
        self.setObjectName("MainWindow")

        self._build_toolbar()
        self._build_sections()
        self._build_menus()
        self._build_status_bar()

        self.setTabOrder(self.year_spin, self.navigation)
        self.setTabOrder(self.navigation, self.pages)
        self._restore_geometry()
        self.navigation.setFocus()  # arrow keys walk the sections from the start
        if ctx is not None:
            self.attach(ctx)

    # --- construction -----------------------------------------------------------------------

    def _build_toolbar(self) -> None:
        toolbar = QToolBar(_tr("Thanh công cụ"))
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.toggleViewAction().setVisible(False)  # the year selector cannot be hidden
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)

        label = QLabel(_tr("&Năm thi đua:"))
        label.setContentsMargins(8, 0, 6, 0)
        self.year_spin = QSpinBox()
        self.year_spin.setObjectName("yearSpin")
        self.year_spin.setRange(YEAR_MIN, date.today().year + YEAR_AHEAD)
        self.year_spin.setValue(self._year)
        self.year_spin.setAccelerated(True)
        self.year_spin.setKeyboardTracking(False)  # typing "2025" emits once, not for "2", "20"…
        self.year_spin.setToolTip(
            _tr("Năm thi đua dùng chung cho mọi mục (Alt+N để chọn, mũi tên lên/xuống để đổi)")
        )
        label.setBuddy(self.year_spin)
        self.year_spin.valueChanged.connect(self.set_year)
        toolbar.addWidget(label)
        toolbar.addWidget(self.year_spin)
        self.toolbar = toolbar

    def _build_sections(self) -> None:
        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setAccessibleName(_tr("Các mục"))
        self.navigation.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.navigation.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.navigation.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.navigation.setSpacing(3)
        font = self.navigation.font()
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.navigation.setFont(font)

        self.pages = QStackedWidget()
        self.pages.setObjectName("pages")
        self.loading_label = QLabel(_tr("Đang mở cơ sở dữ liệu {db}…").format(db=self.display_name))
        self.loading_label.setObjectName("loadingLabel")
        self.loading_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.loading_label.setWordWrap(True)
        self.pages.addWidget(self.loading_label)
        for index, key in enumerate(SECTION_KEYS):
            title = section_title(key)
            item = QListWidgetItem(title)
            item.setToolTip(_tr("{title} (Ctrl+{n})").format(title=title, n=index + 1))
            item.setSizeHint(QSize(0, self.navigation.fontMetrics().height() + 14))
            self.navigation.addItem(item)
        self.navigation.setEnabled(False)  # until a database is attached
        self.navigation.currentRowChanged.connect(self._show_section)
        self.navigation.setMinimumWidth(self.navigation_width())

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("mainSplitter")
        splitter.addWidget(self.navigation)
        splitter.addWidget(self.pages)
        splitter.setChildrenCollapsible(False)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([self.navigation_width(), 1000])
        self.splitter = splitter
        self.setCentralWidget(splitter)
        self.navigation.setCurrentRow(0)

    def navigation_width(self) -> int:
        """Wide enough for the longest section name, with the list's frame and item margins."""
        metrics = self.navigation.fontMetrics()
        longest = max(
            metrics.horizontalAdvance(self.navigation.item(i).text())
            for i in range(self.navigation.count())
        )
        frame = 2 * self.navigation.frameWidth()
        item_margins = 2 * (self.navigation.spacing() + 8)
        scrollbar = self.navigation.verticalScrollBar().sizeHint().width()
        return longest + frame + item_margins + scrollbar

    def _build_menus(self) -> None:
        menu_bar = self.menuBar()
        self.commands = WindowCommands(self)  # print, copy, find, help, the screen's commands

        file_menu = menu_bar.addMenu(_tr("&Tệp"))
        file_menu.addActions([self.commands.preview_action, self.commands.print_action])
        file_menu.addSeparator()
        self.password_action = QAction(_tr("Đổi &mật khẩu…"), self)
        self.password_action.setStatusTip(_tr("Đổi mật khẩu đăng nhập máy chủ cơ sở dữ liệu"))
        self.password_action.setEnabled(False)  # a server database only
        self.password_action.triggered.connect(lambda _c=False: self.change_password())
        file_menu.addAction(self.password_action)
        self.quit_action = QAction(_tr("&Thoát"), self)
        self.quit_action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Q))
        self.quit_action.setStatusTip(_tr("Đóng chương trình"))
        self.quit_action.triggered.connect(self.close)
        file_menu.addAction(self.quit_action)

        menu_bar.addMenu(self.commands.edit_menu)
        view_menu = menu_bar.addMenu(_tr("&Xem"))
        group = QActionGroup(self)
        group.setExclusive(True)
        digits = (
            Qt.Key.Key_1,
            Qt.Key.Key_2,
            Qt.Key.Key_3,
            Qt.Key.Key_4,
            Qt.Key.Key_5,
            Qt.Key.Key_6,
            Qt.Key.Key_7,
            Qt.Key.Key_8,
            Qt.Key.Key_9,
        )
        for index, key in enumerate(SECTION_KEYS):
            action = QAction(section_title(key).replace("&", "&&"), self)
            action.setCheckable(True)
            action.setEnabled(False)
            if index < len(digits):  # Ctrl+1 … Ctrl+9; further sections by the menu only
                action.setShortcut(QKeySequence(Qt.Modifier.CTRL | digits[index]))
            action.triggered.connect(lambda _checked=False, i=index: self.show_section(i))
            group.addAction(action)
            view_menu.addAction(action)
            self.section_actions.append(action)
        self.section_actions[0].setChecked(True)
        menu_bar.addMenu(self.commands.screen_menu)

        help_menu = menu_bar.addMenu(_tr("Trợ &giúp"))
        help_menu.addAction(self.commands.help_action)  # F1: the guide of the screen in use
        help_menu.addSeparator()
        self.about_action = QAction(_tr("&Giới thiệu"), self)
        self.about_action.setObjectName("aboutAction")
        self.about_action.setStatusTip(_tr("Phiên bản và cơ sở dữ liệu đang dùng"))
        self.about_action.triggered.connect(self.show_about)
        help_menu.addAction(self.about_action)

    def _build_status_bar(self) -> None:
        self.database_label = QLabel(_tr("CSDL: {db}").format(db=self.display_name))
        self.database_label.setObjectName("databaseLabel")
        self.database_label.setToolTip(self.display_name)
        self.database_label.setFrameShape(QFrame.Shape.NoFrame)
        self.database_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.statusBar().addWidget(self.database_label, 1)

    # --- sections ---------------------------------------------------------------------------

    def attach(self, ctx: AppContext) -> None:
        """Attach an open database (once) and enable navigation; a section's screen is built
        the first time it is shown (only the first one at start-up)."""
        if self.ctx is not None:
            raise RuntimeError("a database is already attached")
        self.ctx = ctx
        self.display_name = ctx.display_name
        self.database_label.setText(_tr("CSDL: {db}").format(db=ctx.display_name))
        self.database_label.setToolTip(ctx.display_name)
        self.navigation.setEnabled(True)
        for action in self.section_actions:
            action.setEnabled(True)
        self.password_action.setEnabled(ctx.url.startswith("postgresql") and not ctx.read_only)
        self._restore_section()
        self._show_section(self.navigation.currentRow())
        self.navigation.setFocus()

    def change_password(self) -> bool:
        """The signed-in clerk's own password; a remembered one is replaced."""
        from app.services import credentials as cred
        from app.ui.sign_in import ChangePasswordDialog

        ctx = self.ctx
        if ctx is None:
            return False
        dialog = ChangePasswordDialog(self)
        self.password_dialog = dialog

        def commit(values: tuple[str, str]) -> bool:
            try:
                ctx.write(cred.change_password, *values)
            except DomainError as exc:
                dialog.show_problems(
                    exc.problems if isinstance(exc, ValidationError) else [str(exc)]
                )
                return False
            user = cred.user_of(ctx.url)
            if cred.recall(ctx.url, user) is not None:
                cred.remember(ctx.url, cred.Login(user, values[0]))
            return True

        dialog.set_committer(commit)
        try:
            return bool(dialog.exec())
        finally:
            self.password_dialog = None
            dialog.deleteLater()

    def show_section(self, index: int) -> None:
        self.navigation.setCurrentRow(index)

    def section_page(self, index: int) -> SectionPage:
        """The screen of section ``index``, built now if it has not been shown yet."""
        page = self._built.get(index)
        if page is None:
            assert self.ctx is not None, "no database attached yet"
            page = screen_class(SECTION_KEYS[index])(self.ctx, self._year)
            page.set_runner(self.runner)
            self.yearChanged.connect(page.set_year)
            page.sectionRequested.connect(self.open_request)
            self.pages.addWidget(page)
            self._built[index] = page
            # the column widths the clerk gave this screen's tables last time
            remember_columns(page, self.settings, f"columns/{SECTION_KEYS[index]}")
            # what the signed-in clerk's groups may not do: disabled, saying why
            apply_rights(page, SECTION_KEYS[index], self.ctx)
        return page

    @property
    def section_pages(self) -> list[SectionPage]:
        """Every section's screen (those not shown yet are built now)."""
        if self.ctx is None:
            return []
        return [self.section_page(i) for i in range(len(SECTION_KEYS))]

    def open_request(self, request: SectionRequest) -> SectionPage | None:
        """Show the section a page asked for, in the year asked, with its target selected."""
        if self.ctx is None or request.key not in SECTION_KEYS:
            return None
        if request.year is not None:
            self.set_year(request.year)
        index = SECTION_KEYS.index(request.key)
        page = self.section_page(index)
        self.show_section(index)
        if request.target is not None:
            page.show_target(request.target)
        return page

    def _show_section(self, index: int) -> None:
        if self.ctx is None or not 0 <= index < len(SECTION_KEYS):
            return
        self.pages.setCurrentWidget(self.section_page(index))
        if index < len(self.section_actions):
            self.section_actions[index].setChecked(True)

    def current_page(self) -> SectionPage:
        page = self.pages.currentWidget()
        assert page in self._built.values(), "no database attached yet"
        return page  # type: ignore[return-value]

    # --- the year shared by all screens -----------------------------------------------------

    @property
    def year(self) -> int:
        return self._year

    def set_year(self, year: int) -> None:
        """Change the competition year everywhere (the toolbar follows)."""
        if year == self._year:
            return
        self._year = year
        if self.year_spin.value() != year:
            self.year_spin.setValue(year)
        self.yearChanged.emit(year)

    # --- help -------------------------------------------------------------------------------

    def show_about(self) -> None:
        if self.about_dialog is None:
            self.about_dialog = AboutDialog(self.display_name, self)
        self.about_dialog.open()

    # --- window state -----------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        geometry = self.settings.value(KEY_GEOMETRY)
        if geometry is None or not self.restoreGeometry(geometry):
            self._first_geometry()
        state = self.settings.value(KEY_STATE)
        if state is not None:
            self.restoreState(state)
        splitter = self.settings.value(KEY_SPLITTER)
        if splitter is not None:
            self.splitter.restoreState(splitter)

    def _first_geometry(self) -> None:
        """The first start: a comfortable size centred in the screen's free area (the task bar
        left out, room kept for the title bar); on a smaller screen (1366×768) the whole free
        area, maximized."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        free = screen.availableGeometry()
        room = QSize(free.width() - FRAME_ROOM.width(), free.height() - FRAME_ROOM.height())
        size = DEFAULT_SIZE.boundedTo(room)
        self.resize(size)
        spare = free.size() - size - FRAME_ROOM  # move() places the frame, title bar included
        self.move(free.x() + max(0, spare.width() // 2), free.y() + max(0, spare.height() // 2))
        if size != DEFAULT_SIZE:
            self.setWindowState(Qt.WindowState.WindowMaximized)

    def _restore_section(self) -> None:
        """Open the section of the last session, saved by key (an index would point to another
        section once one is added); anything else, an old index included, opens the first."""
        section = self.settings.value(KEY_SECTION)
        if section in SECTION_KEYS:
            self.show_section(SECTION_KEYS.index(section))

    def save_state(self) -> None:
        self.settings.setValue(KEY_GEOMETRY, self.saveGeometry())
        self.settings.setValue(KEY_STATE, self.saveState())
        self.settings.setValue(KEY_SPLITTER, self.splitter.saveState())
        row = self.navigation.currentRow()
        if 0 <= row < len(SECTION_KEYS):
            self.settings.setValue(KEY_SECTION, SECTION_KEYS[row])
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        super().closeEvent(event)
