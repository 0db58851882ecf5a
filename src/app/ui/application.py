"""The Qt application: creation, Vietnamese translations, GUI settings and start-up helpers.

``app.bootstrap.run_gui`` composes these; nothing here opens a database.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QLibraryInfo,
    QLocale,
    QObject,
    QSettings,
    Qt,
    QTimer,
    QTranslator,
)
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget

from app import __version__
from app.config import APP_NAME, data_dir, resources_root
from app.ui.tasks import ProgressFn, TaskOutcome, TaskRunner
from app.ui.widgets.read_only import READ_ONLY_STYLE

if TYPE_CHECKING:
    from app.services.context import AppContext

log = logging.getLogger(__name__)

GUI_SETTINGS_FILE = "tdkt-giao-dien.ini"
VIETNAMESE = QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam)

# Fallback clock for the start-up benchmark on systems where the process start time cannot be
# read (see process_age_seconds): taken when the GUI modules are first imported.
_IMPORT_STAMP = time.perf_counter()

# Translators must outlive the application's use of them.
_translators: list[QTranslator] = []


def _tr(text: str) -> str:
    return QCoreApplication.translate("Application", text)


def create_application(argv: Sequence[str] | None = None) -> QApplication:
    """The ``QApplication`` (created once), named and set to Vietnamese."""
    QCoreApplication.setOrganizationName(APP_NAME)
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        qapp = existing
    else:
        qapp = QApplication(list(argv) if argv is not None else sys.argv[:1])
    QApplication.setApplicationDisplayName(_tr("TĐKT"))
    if sys.platform.startswith("linux"):
        # The desktop's own file dialog (GTK, a portal) speaks the desktop's language, often
        # English; Qt's, with our qtbase_vi, reads Vietnamese like the rest of the program.
        QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, True)
    icon = resources_root() / "icons" / "tdkt.png"
    if icon.is_file():  # the window and task-bar icon (the .exe carries tdkt.ico)
        qapp.setWindowIcon(QIcon(str(icon)))
    QLocale.setDefault(VIETNAMESE)
    if READ_ONLY_STYLE not in qapp.styleSheet():  # read-only fields look read-only
        qapp.setStyleSheet("\n".join(filter(None, [qapp.styleSheet(), READ_ONLY_STYLE])))
    return qapp


def translation_files() -> list[Path]:
    """``qtbase_vi.qm`` files to load, lowest priority first: Qt's own (if it ships one), ours."""
    files: list[Path] = []
    qt_dir = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    if (qt_dir / "qtbase_vi.qm").is_file():
        files.append(qt_dir / "qtbase_vi.qm")
    ours = resources_root() / "translations" / "qtbase_vi.qm"
    if ours.is_file():
        files.append(ours)
    return files


def install_translators(qapp: QCoreApplication | None = None) -> list[Path]:
    """Load the Vietnamese translations of Qt's own texts (standard buttons, context menus).

    The translator installed last is searched first, so ours wins over Qt's where both exist.
    Returns the files loaded. Calling it again does not load them twice.
    """
    qapp = qapp or QCoreApplication.instance()
    loaded: list[Path] = []
    if _translators:
        return [Path(t.filePath()) for t in _translators]
    for path in translation_files():
        translator = QTranslator(qapp)
        if translator.load(str(path)):
            QCoreApplication.installTranslator(translator)
            _translators.append(translator)
            loaded.append(path)
        else:
            log.warning("Cannot load translation %s", path)
    return loaded


def remove_translators() -> None:
    """Undo :func:`install_translators` (tests)."""
    while _translators:
        QCoreApplication.removeTranslator(_translators.pop())


def release_widgets() -> None:
    """Delete every window and the widgets under it, top-down, once the event loop has ended.

    Left to themselves, the widgets would be deleted by PySide's clean-up at interpreter exit,
    in no particular order: a dialog kept alive only by a lambda connected to one of its own
    buttons is then deleted from inside that button's destructor, which deletes the button a
    second time ("QObject: shared QObject was deleted directly", then a crash). Deleting each
    parentless window here lets Qt delete children before parents while Python is whole, so
    nothing is left for that clean-up but plain objects.
    """
    import gc

    import shiboken6

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    for widget in QApplication.topLevelWidgets():
        if shiboken6.isValid(widget) and widget.parent() is None:
            shiboken6.delete(widget)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()


def gui_settings() -> QSettings:
    """Window geometry and other GUI state, in an INI file of the data folder.

    Kept beside the database rather than in the registry, so a portable install carries it
    along and tests (which point ``TDKT_DATA_DIR`` at a temporary folder) never touch a clerk's.
    """
    return QSettings(str(data_dir() / GUI_SETTINGS_FILE), QSettings.Format.IniFormat)


# --- the demo database at start-up ----------------------------------------------------------


def database_is_empty(ctx: AppContext) -> bool:
    """True when the database holds no people (``tdkt --demo`` then builds the demo first)."""
    from app.services.overview import database_overview

    return ctx.read(database_overview).people_total == 0


def build_demo_with_progress(
    ctx: AppContext, runner: TaskRunner, parent: QWidget | None = None
) -> TaskOutcome[object]:
    """Build the demo data (default options) in one transaction behind a progress dialog."""
    from app.services.demo import DemoOptions, build_demo

    def work(progress: ProgressFn) -> object:
        return ctx.write(build_demo, DemoOptions(review_year=True), progress)

    return runner.run(_tr("Đang tạo cơ sở dữ liệu mẫu"), work, parent)


def build_demo_file_with_progress(
    url: str, runner: TaskRunner, parent: QWidget | None = None
) -> TaskOutcome[object]:
    """Build a new demo database at ``url`` (default options) behind a progress dialog, whole
    or not at all, as ``tdkt demo`` does: a failure or a cancel leaves no file behind."""
    from app.services.demo import DemoOptions
    from app.services.demo_file import build_demo_database

    def work(progress: ProgressFn) -> object:
        return build_demo_database(url, DemoOptions(review_year=True), progress)

    return runner.run(_tr("Đang tạo cơ sở dữ liệu mẫu"), work, parent)


# --- start-up time (hidden --exit-after-paint flag) -------------------------------------------


def _linux_process_age() -> float | None:
    """Seconds since this process started: /proc/self/stat field 22 against /proc/uptime."""
    try:
        with open("/proc/self/stat", encoding="ascii") as fh:
            stat = fh.read()
        with open("/proc/uptime", encoding="ascii") as fh:
            uptime = float(fh.read().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    fields = stat[stat.rindex(")") + 2 :].split()  # the command name may hold spaces
    start_ticks = int(fields[19])  # field 22 of the whole line
    return uptime - start_ticks / os.sysconf("SC_CLK_TCK")


def _windows_process_age() -> float | None:
    """Seconds since this process was created: GetProcessTimes against the precise system time."""
    try:
        import ctypes
        from ctypes import wintypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        creation, exit_, kernel, user, now = (wintypes.FILETIME() for _ in range(5))
        ok = kernel32.GetProcessTimes(
            kernel32.GetCurrentProcess(),
            ctypes.byref(creation),
            ctypes.byref(exit_),
            ctypes.byref(kernel),
            ctypes.byref(user),
        )
        if not ok:
            return None
        kernel32.GetSystemTimePreciseAsFileTime(ctypes.byref(now))
    except (AttributeError, OSError):
        return None

    def ticks(ft: wintypes.FILETIME) -> int:  # 100 ns units
        return (ft.dwHighDateTime << 32) | ft.dwLowDateTime

    return (ticks(now) - ticks(creation)) / 1e7


def process_age_seconds() -> tuple[float, str]:
    """How long this process has been running, and which clock said so.

    The operating system's process start time is used where it can be read (Windows: 100 ns
    resolution; Linux: 10 ms, the kernel's clock tick), so interpreter start and imports are
    counted. Elsewhere the time since the GUI modules were imported is returned, which misses
    the interpreter start and the first imports.
    """
    age: float | None = None
    if sys.platform == "win32":
        age = _windows_process_age()
        source = "GetProcessTimes"
    elif sys.platform.startswith("linux"):
        age = _linux_process_age()
        source = "/proc/self/stat"
    if age is None:
        return time.perf_counter() - _IMPORT_STAMP, "import app.ui.application"
    return age, source


class FirstPaintProbe(QObject):
    """Calls ``on_painted(ms)`` once, when the window has been painted for the first time.

    The paint event of the top-level window starts the backing store's repaint of the whole
    window; a zero-delay timer fires after that repaint (all children) has been flushed, and
    the time is read there.
    """

    def __init__(self, window: QWidget, on_painted: Callable[[float], None]) -> None:
        super().__init__(window)
        self._window = window
        self._on_painted = on_painted
        self._seen = False
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Paint and not self._seen:
            self._seen = True
            self._window.removeEventFilter(self)
            QTimer.singleShot(0, self._report)
        return False

    def _report(self) -> None:
        age, source = process_age_seconds()
        log.info("First paint %.1f ms after process start (clock: %s)", age * 1000, source)
        self._on_painted(age * 1000)


def print_process_age(label: str) -> float:
    """Print ``<label>_ms=<float>`` (time since the process started) for the benchmarks."""
    age, source = process_age_seconds()
    log.info("%s %.1f ms after process start (clock: %s)", label, age * 1000, source)
    print(f"{label}_ms={age * 1000:.1f}", flush=True)
    return age * 1000


def quit_after_first_paint(window: QWidget) -> FirstPaintProbe:
    """For ``--exit-after-paint``: print ``first_paint_ms=<float>`` and quit after first paint."""

    def report(ms: float) -> None:
        print(f"first_paint_ms={ms:.1f}", flush=True)
        QCoreApplication.quit()

    return FirstPaintProbe(window, report)
