"""The fonts Qt models hand to their views (``Qt.ItemDataRole.FontRole``), each made once.

A view asks ``data()`` for a font on every paint of every cell, and a ``QFont`` built there
each time leaks a reference to ``None`` in PySide6 6.12 (the interpreter aborts after some
thousands of rows). These fonts set only the attribute they change: the view resolves the
rest (family, size) against its own font, so they follow the application's font. Made on
first use, once a ``QGuiApplication`` exists; callers must not change them.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QFont

__all__ = ["bold_font", "italic_font", "struck_font"]


@cache
def bold_font() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


@cache
def italic_font() -> QFont:
    font = QFont()
    font.setItalic(True)
    return font


@cache
def struck_font() -> QFont:
    font = QFont()
    font.setStrikeOut(True)
    return font
