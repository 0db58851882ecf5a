"""Sửa > Sao chép (Ctrl+C) on a list: the selected rows with the headers, ready for Excel.

:func:`rows_of` reads what a table or tree shows — the visible columns in the order they are
shown, the rows in the order they are shown, each cell's displayed text — and
:func:`copy_rows` puts it on the clipboard as tab-separated text (Excel and LibreOffice paste
it into cells, one row per line; Word makes a table of it with "Convert Text to Table"). A
cell's line breaks and tabs become spaces, so a cell stays a cell. (An HTML flavour would need
a ``QMimeData`` made in Python, and a PySide6 6.12 application holding one on the clipboard
crashes when it exits: the text is put there by ``setText``, which the clipboard owns.)

:func:`select_all` selects every row of a list, even one that lets the clerk pick a single
row with the mouse (Ctrl+A then Ctrl+C copies the whole list, not one cell).
:func:`list_of` finds the list a window-level command acts on: the list with the focus, else
the one used last, else the largest list the screen shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QTableView,
    QTreeView,
    QWidget,
)

__all__ = ["Rows", "copy_rows", "list_of", "rows_of", "select_all"]


@dataclass(frozen=True)
class Rows:
    """Displayed text of some rows of a list, under its displayed headers."""

    headers: list[str]
    rows: list[list[str]]

    def tsv(self) -> str:
        lines = ["\t".join(self.headers), *("\t".join(row) for row in self.rows)]
        return "\r\n".join(lines) + "\r\n"

    def html(self) -> str:
        head = "".join(f"<th>{escape(h)}</th>" for h in self.headers)
        body = "".join(
            "<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>"
            for row in self.rows
        )
        return f"<table border='1' cellspacing='0'><tr>{head}</tr>{body}</table>"


def _clean(value: object) -> str:
    text = "" if value is None else str(value)
    return " ".join(text.replace("\t", " ").split())


def _column_count(view: QAbstractItemView) -> int:
    try:
        return int(view.model().columnCount(view.rootIndex()))
    except TypeError:  # a QListWidget's own model keeps columnCount() private: one column
        return 1


def _header(view: QAbstractItemView) -> QHeaderView | None:
    if isinstance(view, QTableView):
        return view.horizontalHeader()
    if isinstance(view, QTreeView):
        return view.header()
    return None


def _columns(view: QAbstractItemView) -> list[int]:
    """Logical columns as the clerk sees them: shown ones, in their visual order."""
    count = _column_count(view)
    header = _header(view)
    if header is None:
        return [view.modelColumn()] if hasattr(view, "modelColumn") else [0]
    return [
        header.logicalIndex(visual)
        for visual in range(count)
        if not header.isSectionHidden(header.logicalIndex(visual))
    ]


def _all_rows(view: QAbstractItemView) -> list[QModelIndex]:
    """Every row shown, top to bottom (a tree's expanded rows included)."""
    model = view.model()
    out: list[QModelIndex] = []

    def walk(parent: QModelIndex) -> None:
        while model.canFetchMore(parent):
            model.fetchMore(parent)
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            if isinstance(view, QTableView) and view.isRowHidden(row):
                continue
            out.append(index)
            if isinstance(view, QTreeView) and view.isExpanded(index):
                walk(index)

    walk(view.rootIndex())
    return out


def rows_of(view: QAbstractItemView, *, selected_only: bool = True) -> Rows:
    """The selected rows (else the current one; every row when ``selected_only`` is False)."""
    model = view.model()
    columns = _columns(view)
    headers = [
        _clean(model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole))
        for c in columns
    ]
    shown = _all_rows(view)
    if selected_only:
        chosen = {
            QPersistentModelIndex(i.siblingAtColumn(0))
            for i in view.selectionModel().selectedIndexes()
        }
        if not chosen and view.currentIndex().isValid():
            chosen = {QPersistentModelIndex(view.currentIndex().siblingAtColumn(0))}
        shown = [i for i in shown if QPersistentModelIndex(i) in chosen]
    rows = [
        [_clean(i.siblingAtColumn(c).data(Qt.ItemDataRole.DisplayRole)) for c in columns]
        for i in shown
    ]
    return Rows(headers, rows)


def copy_rows(view: QAbstractItemView, *, selected_only: bool = True) -> Rows:
    """Put the rows (see :func:`rows_of`) on the clipboard; returns what was copied."""
    rows = rows_of(view, selected_only=selected_only)
    QApplication.clipboard().setText(rows.tsv())
    return rows


def select_all(view: QAbstractItemView) -> None:
    """Select every row; a list limited to one selected row is opened to several first."""
    if view.selectionMode() in (
        QAbstractItemView.SelectionMode.SingleSelection,
        QAbstractItemView.SelectionMode.NoSelection,
    ):
        view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    view.selectAll()


def list_of(
    page: QWidget, focus: QWidget | None, last: QAbstractItemView | None = None
) -> QAbstractItemView | None:
    """The list a command of the window acts on in ``page``: the one holding ``focus``, else
    ``last`` (the list used last) while it is shown, else the largest list shown."""

    def usable(view: QAbstractItemView) -> bool:
        return (
            view.isVisible()
            and view.model() is not None
            and _column_count(view) > 0
            and page.isAncestorOf(view)
            and view.window() is page.window()
        )

    widget = focus
    while widget is not None and widget is not page:
        if isinstance(widget, QAbstractItemView) and usable(widget):
            return widget
        widget = widget.parentWidget()
    if last is not None and usable(last):
        return last
    views = [v for v in page.findChildren(QAbstractItemView) if usable(v)]
    if not views:
        return None
    return max(views, key=lambda v: v.width() * v.height())
