"""A screen's keyboard commands, made window-level while the screen is shown, and listed.

Screens create their commands as ``QAction``s with a shortcut, attached to the screen or to
one of its panels (``widget.addAction``), usually in the ``WidgetWithChildrenShortcut``
context: they then answer only while the keyboard focus is inside that widget, and F5 on
"Bình xét" reached by Ctrl+4 did nothing. :func:`promote` turns the commands of a shown page
into ``WindowShortcut`` ones: Qt then lets them answer anywhere in the main window, but only
while the widget they are attached to is visible (the current section, the current tab).

Not every key becomes window-level. Editing and navigation keys (Delete, Insert, F2,
Alt+arrows, Enter) keep acting on the list that has the focus: only commands (a Ctrl
combination, F5…F12) are promoted. Two commands with the same key that can be visible at the
same time (two panels side by side) stay with the focus, or Qt would call the key ambiguous
and run neither. A key the main window itself answers (``reserved``) is left alone, except the
page's "Tìm" (Ctrl+F): the window's Sửa > Tìm answers that key and runs the page's own
command (:func:`find_commands`).

:func:`menu_entries` lists the commands that answer now, as entries of the window's
"Chức năng" menu. An entry is a stand-in showing the command's text and key (after a tab: the
menu draws it as the key column) that triggers the command: adding the command itself to a
menu of the menu bar would make its key answer even while its tab is hidden.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QStackedWidget, QWidget

__all__ = [
    "commands",
    "find_commands",
    "is_command_key",
    "menu_entries",
    "owners",
    "promote",
    "shortcut_text",
]

_FUNCTION_KEYS = {getattr(Qt.Key, f"Key_F{n}").value for n in range(5, 13)}
_CTRL = Qt.KeyboardModifier.ControlModifier.value
_PROMOTED = "_tdkt_promoted"  # property set on actions made window-level here
_FIND_PROPERTY = "_tdkt_find"  # property set on a page's "Tìm" whose key the window took


def _find_key() -> QKeySequence:
    """Ctrl+F (read from the platform once an application exists, never at import)."""
    return QKeySequence(QKeySequence.StandardKey.Find)


def shortcut_text(action: QAction) -> str:
    """The keys of ``action`` as the clerk reads them ("Ctrl+N", "F5")."""
    native = QKeySequence.SequenceFormat.NativeText
    return ", ".join(k.toString(native) for k in action.shortcuts() if not k.isEmpty())


def is_command_key(sequence: QKeySequence) -> bool:
    """A Ctrl combination or F5…F12: a command, not an editing or a navigation key."""
    if sequence.count() != 1:
        return False
    combo = sequence[0]  # type: ignore[index]  # QKeySequence.operator[] (PySide6 stubs lack it)
    key = combo.key().value
    return bool(combo.keyboardModifiers().value & _CTRL) or key in _FUNCTION_KEYS


def owners(action: QAction, page: QWidget) -> list[QWidget]:
    """The widgets of ``page`` that ``action`` is attached to (not menus, not dialogs)."""
    found = []
    for obj in action.associatedObjects():
        if isinstance(obj, QWidget) and _inside(obj, page):
            found.append(obj)
    return found


def _inside(widget: QWidget, page: QWidget) -> bool:
    """True when ``widget`` is ``page`` or lies under it in the same window (not a dialog)."""
    current: QWidget | None = widget
    while current is not None:
        if current is page:
            return True
        if current.isWindow():
            return False
        current = current.parentWidget()
    return False


def commands(page: QWidget) -> list[QAction]:
    """The actions with a shortcut attached to ``page`` or to the widgets under it, in the
    order the widgets were created (dialogs excluded)."""
    found: list[QAction] = []
    seen: set[int] = set()
    for widget in [page, *page.findChildren(QWidget)]:
        if not _inside(widget, page):
            continue
        for action in widget.actions():
            if id(action) in seen or action.isSeparator():
                continue
            if not action.shortcuts() and not action.property(_FIND_PROPERTY):
                continue
            seen.add(id(action))
            found.append(action)
    return found


def _pages_on_the_way(widget: QWidget, top: QWidget) -> dict[int, QWidget]:
    """For each stack (a QStackedWidget, the body of a QTabWidget) between ``top`` and
    ``widget``: the page of the stack that holds ``widget``."""
    pages: dict[int, QWidget] = {}
    current: QWidget | None = widget
    while current is not None and current is not top:
        parent = current.parentWidget()
        if isinstance(parent, QStackedWidget):
            pages[id(parent)] = current
        current = parent
    return pages


def _exclusive(first: QWidget, second: QWidget, page: QWidget) -> bool:
    """True when the two widgets can never be shown at once (different pages of a stack)."""
    a, b = _pages_on_the_way(first, page), _pages_on_the_way(second, page)
    return any(stack in b and b[stack] is not held for stack, held in a.items())


def _clash(action: QAction, others: Iterable[QAction], page: QWidget) -> bool:
    keys = {k.toString() for k in action.shortcuts()}
    mine = owners(action, page)
    for other in others:
        if other is action or not keys & {k.toString() for k in other.shortcuts()}:
            continue
        theirs = owners(other, page)
        if any(not _exclusive(a, b, page) for a in mine for b in theirs):
            return True
    return False


def promote(page: QWidget, reserved: Iterable[QKeySequence] = ()) -> list[QAction]:
    """Make the commands of ``page`` window-level (see the module's text); returns them.

    Calling it again (each time the page is shown) promotes commands created since.
    """
    taken = {k.toString() for k in reserved}
    found = commands(page)
    promoted = []
    for action in found:
        if action.property(_PROMOTED) or action.property(_FIND_PROPERTY):
            promoted.append(action)
            continue
        sequences = [k for k in action.shortcuts() if not k.isEmpty()]
        if not sequences or not all(is_command_key(k) for k in sequences):
            continue
        if action.shortcutContext() not in (
            Qt.ShortcutContext.WidgetWithChildrenShortcut,
            Qt.ShortcutContext.WindowShortcut,
        ):
            continue
        find = _find_key()
        if any(k.matches(find) == QKeySequence.SequenceMatch.ExactMatch for k in sequences):
            # The window's Sửa > Tìm answers Ctrl+F and runs this command (find_commands).
            action.setProperty(_FIND_PROPERTY, shortcut_text(action))
            action.setShortcuts([k for k in sequences if k.toString() != find.toString()])
            promoted.append(action)
            continue
        if {k.toString() for k in sequences} & taken or _clash(action, found, page):
            continue
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setProperty(_PROMOTED, True)
        promoted.append(action)
    return promoted


def _showing(action: QAction, page: QWidget) -> bool:
    return any(owner.isVisible() for owner in owners(action, page))


def find_commands(page: QWidget) -> list[QAction]:
    """The page's own "Tìm" commands that answer now (their key taken by the window)."""
    return [
        a
        for a in commands(page)
        if a.property(_FIND_PROPERTY) and a.isEnabled() and _showing(a, page)
    ]


def menu_entries(page: QWidget, parent: QObject) -> list[QAction]:
    """Stand-ins for the page's promoted commands that answer now, for a menu (see above)."""
    entries = []
    for action in commands(page):
        if not action.property(_PROMOTED) or not _showing(action, page):
            continue
        text = action.text()
        keys = shortcut_text(action)
        entry = QAction(f"{text}\t{keys}" if keys else text, parent)
        entry.setEnabled(action.isEnabled())
        entry.setStatusTip(action.statusTip() or action.toolTip())
        entry.triggered.connect(action.trigger)
        entries.append(entry)
    return entries
