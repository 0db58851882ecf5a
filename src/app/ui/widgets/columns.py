"""Table columns that fit their titles and contents, and keep the widths a clerk gives them.

``fit_columns(view)`` sizes each column to its title and the rows loaded (a very long text is
capped); a screen calls it after each load. ``FillColumn`` gives one column the spare width
without ever squeezing its title (stretchLastSection does, when the others are wide). Once the
clerk drags a column's edge, the widths are the clerk's: ``ColumnMemory`` saves them in the GUI
settings, per table, restores them when the screen is built again (next start included), and
``fit_columns`` leaves them alone from then on.

The main window adopts the tables of each screen it builds (``remember_columns``): every
table or tree with an object name, under ``columns/<section>/<object name>``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QEvent, QObject, QSettings
from PySide6.QtWidgets import QHeaderView, QTableView, QTreeView, QWidget

CLERK_SIZED = "columnsSizedByClerk"  # property of a header once the clerk has sized its columns
DEFAULT_CAP_CHARS = 45  # a column grows to about this many characters for its contents

View = QTableView | QTreeView


def horizontal_header(view: View) -> QHeaderView:
    return view.horizontalHeader() if isinstance(view, QTableView) else view.header()


def clerk_sized(view: View) -> bool:
    """True once the clerk has sized the columns of ``view`` (now or in an earlier session)."""
    return bool(horizontal_header(view).property(CLERK_SIZED))


def fit_columns(view: View, *, cap_chars: int = DEFAULT_CAP_CHARS, cap: int | None = None) -> None:
    """Each interactive column as wide as its title and its widest loaded text (capped at about
    ``cap_chars`` characters, or ``cap`` pixels, never below the title); nothing changes once
    the clerk has sized the columns."""
    header = horizontal_header(view)
    if header.property(CLERK_SIZED):
        return
    if cap is None:
        cap = view.fontMetrics().averageCharWidth() * cap_chars
    for column in range(header.count()):
        if header.isSectionHidden(column):
            continue
        if header.sectionResizeMode(column) != QHeaderView.ResizeMode.Interactive:
            continue
        view.resizeColumnToContents(column)
        title = header.sectionSizeHint(column)
        if header.sectionSize(column) > max(cap, title):
            header.resizeSection(column, max(cap, title))


def titles_fit(view: View) -> None:
    """Widen (never narrow) the interactive columns whose title is cut: for a table before its
    rows are loaded, so an empty list already shows whole titles."""
    header = horizontal_header(view)
    if header.property(CLERK_SIZED):
        return
    for column in range(header.count()):
        if header.sectionResizeMode(column) != QHeaderView.ResizeMode.Interactive:
            continue
        if header.sectionSize(column) < header.sectionSizeHint(column):
            header.resizeSection(column, header.sectionSizeHint(column))


class FillColumn(QObject):
    """``column`` takes the width the other columns leave in the view, but never less than its
    title or ``floor`` needs (the view scrolls then), until the clerk sizes the columns.

    Unlike QHeaderView's stretchLastSection it never squeezes the title, and it serves a column
    that is not the last (the name column of a tree, long names elided, whole in the tooltip).
    """

    def __init__(
        self, view: View, column: int, *, floor: int = 0, beside: Sequence[int] | None = None
    ) -> None:
        """``beside``: the columns kept in view with it (default: all the others)."""
        super().__init__(view)
        self.view = view
        self.column = column
        self.floor = floor
        self.beside = beside
        self._busy = False
        self.header = horizontal_header(view)
        self.header.setStretchLastSection(False)
        self.header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        view.viewport().installEventFilter(self)
        self.header.sectionResized.connect(self._resized)

    def fill(self) -> None:
        if self._busy or self.header.property(CLERK_SIZED):
            return
        header = self.header
        beside = self.beside if self.beside is not None else range(header.count())
        others = sum(
            header.sectionSize(c)
            for c in beside
            if c != self.column and not header.isSectionHidden(c)
        )
        room = self.view.viewport().width() - others
        width = max(room, header.sectionSizeHint(self.column), self.floor)
        if width != header.sectionSize(self.column):
            self._busy = True
            try:
                header.resizeSection(self.column, width)
            finally:
                self._busy = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fill()
        return False

    def _resized(self, column: int, _old: int, _new: int) -> None:
        if column != self.column:
            self.fill()


class ColumnMemory(QObject):
    """Saves the column widths of ``view`` under ``key`` whenever the clerk resizes a column
    with the mouse (drag or double-click on an edge), and restores them now."""

    def __init__(self, view: View, settings: QSettings, key: str) -> None:
        super().__init__(view)
        self.view = view
        self.settings = settings
        self.key = key
        self._pressed = False
        self.header = horizontal_header(view)
        self.header.viewport().installEventFilter(self)
        self.header.sectionResized.connect(self._resized)
        self.header.sectionHandleDoubleClicked.connect(lambda _column: self._clerk_sized())
        self.restored = self.restore()

    def restore(self) -> bool:
        value: Any = self.settings.value(self.key)
        if not isinstance(value, list) or len(value) != self.header.count():
            return False
        try:
            widths = [int(w) for w in value]
        except (TypeError, ValueError):
            return False
        for column, width in enumerate(widths):
            if width > 0 and not self.header.isSectionHidden(column):
                self.header.resizeSection(column, width)
        self.header.setProperty(CLERK_SIZED, True)
        return True

    def save(self) -> None:
        widths = [self.header.sectionSize(c) for c in range(self.header.count())]
        self.settings.setValue(self.key, widths)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress:
            self._pressed = True
        elif kind == QEvent.Type.MouseButtonRelease:
            self._pressed = False
        return False

    def _resized(self, _column: int, _old: int, _new: int) -> None:
        if self._pressed:  # dragged by the clerk, not sized by the program
            self._clerk_sized()

    def _clerk_sized(self) -> None:
        self.header.setProperty(CLERK_SIZED, True)
        self.save()


def remember_columns(page: QWidget, settings: QSettings, prefix: str) -> list[ColumnMemory]:
    """A memory for every named table and tree of ``page`` (the first of a name only)."""
    memories: list[ColumnMemory] = []
    seen: set[str] = set()
    for view in page.findChildren(QTableView) + page.findChildren(QTreeView):
        name = view.objectName()
        if not name or name in seen:
            continue
        seen.add(name)
        memories.append(ColumnMemory(view, settings, f"{prefix}/{name}"))
    return memories
