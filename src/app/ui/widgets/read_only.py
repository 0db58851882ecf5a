"""Read-only fields look read-only: the window's colour behind their text instead of the white
of a field one types in. One style rule for the whole application (:data:`READ_ONLY_STYLE`,
installed by ``app.ui.application.create_application``); :func:`set_read_only` re-applies it
when a field changes state (an issued decision locks its fields), since Qt evaluates a style
rule's property condition only when the widget is polished."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractSpinBox, QLineEdit, QPlainTextEdit, QTextEdit

READ_ONLY_STYLE = (
    'QLineEdit[readOnly="true"], QPlainTextEdit[readOnly="true"], QTextEdit[readOnly="true"], '
    'QAbstractSpinBox[readOnly="true"] { background-color: palette(window); }\n'
    # A text browser is a page to read (help, details), not a field.
    'QTextBrowser[readOnly="true"] { background-color: palette(base); }'
)


def set_read_only(
    widget: QLineEdit | QPlainTextEdit | QTextEdit | QAbstractSpinBox, read_only: bool
) -> None:
    """``setReadOnly`` and redraw with the look that goes with it."""
    widget.setReadOnly(read_only)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()
