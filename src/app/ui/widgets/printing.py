"""Tệp > Xem trước khi in… and Tệp > In… (Ctrl+P): a list or a form on A4 paper.

A :class:`PrintJob` is what gets printed: a title, an HTML body (a list's rows from
:func:`list_job`, or a form rendered by ``app.excel.sheet_html``) and the paper's orientation.
:func:`preview` shows it in Qt's print preview window (zoom, pages, orientation, then "In");
:func:`print_job` asks for the printer with Qt's print dialog and prints. Both lay the HTML
out in a ``QTextDocument`` in Times New Roman, page numbers at the foot of every page, and
repeat a table's header row on each page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from html import escape

from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QFont,
    QPageLayout,
    QPageSize,
    QPainter,
    QTextDocument,
)
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QWidget

from app.domain.vnformat import format_count
from app.ui.widgets.table_copy import Rows

__all__ = ["PrintJob", "list_job", "preview", "print_job", "render"]

PRINT_FONT = "Times New Roman"
MARGINS_MM = QMarginsF(20, 15, 15, 15)  # left wider for binding (Nghị định 30/2020: 30-35 mm
# on official documents; a working list needs less)
WIDE_TABLE = 7  # columns from which a list is printed across the page (landscape)


def _tr(text: str) -> str:
    return QCoreApplication.translate("Printing", text)


@dataclass(frozen=True)
class PrintJob:
    title: str
    html: str
    landscape: bool = False


def list_job(title: str, rows: Rows, *, subtitle: str = "") -> PrintJob:
    """A list as a table under its title: headers repeated on each page, a row count."""
    head = "".join(f"<th>{escape(h)}</th>" for h in rows.headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>" for row in rows.rows
    )
    printed = datetime.now().strftime("%d/%m/%Y %H:%M")
    footer = _tr("{n} dòng · in lúc {time}").format(n=format_count(len(rows.rows)), time=printed)
    html = (
        f"<h3 align='center'>{escape(title)}</h3>"
        + (f"<p align='center'><i>{escape(subtitle)}</i></p>" if subtitle else "")
        + "<table border='1' cellspacing='0' cellpadding='3' width='100%'>"
        + f"<thead><tr style='background-color:#e8e8e8'>{head}</tr></thead>"
        + f"<tbody>{body}</tbody></table>"
        + f"<p><small>{escape(footer)}</small></p>"
    )
    return PrintJob(title, html, landscape=len(rows.headers) >= WIDE_TABLE)


def _setup(printer: QPrinter, job: PrintJob) -> None:
    printer.setDocName(job.title)
    orientation = (
        QPageLayout.Orientation.Landscape if job.landscape else QPageLayout.Orientation.Portrait
    )
    printer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            orientation,
            MARGINS_MM,
            QPageLayout.Unit.Millimeter,
        )
    )


def document(job: PrintJob) -> QTextDocument:
    doc = QTextDocument()
    font = QFont(PRINT_FONT)
    font.setPointSizeF(11)
    doc.setDefaultFont(font)
    doc.setDefaultStyleSheet("th { font-weight: bold; } td, th { vertical-align: top; }")
    doc.setHtml(job.html)
    doc.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, job.title)
    return doc


def render(job: PrintJob, printer: QPrinter) -> int:
    """Lay ``job`` out on the printer's pages and paint them; returns the number of pages."""
    doc = document(job)
    layout = printer.pageLayout()
    dpi = printer.resolution()
    page = layout.paintRectPixels(dpi)
    footer_height = int(dpi * 0.3)  # room for "Trang n/m" (about 7.6 mm)
    doc.documentLayout().setPaintDevice(printer)
    doc.setPageSize(QSizeF(page.width(), page.height() - footer_height))
    pages = doc.pageCount()
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    try:
        for number in range(1, pages + 1):
            if number > 1:
                printer.newPage()
            painter.save()
            painter.translate(0, -(number - 1) * (page.height() - footer_height))
            clip = QRectF(
                0, (number - 1) * (page.height() - footer_height), page.width(),
                page.height() - footer_height,
            )  # fmt: skip
            doc.drawContents(painter, clip)
            painter.restore()
            foot = QFont(PRINT_FONT)
            foot.setPointSizeF(9)
            painter.setFont(foot)
            painter.drawText(
                QRectF(0, page.height() - footer_height, page.width(), footer_height),
                int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom),
                _tr("Trang {n}/{m}").format(n=number, m=pages),
            )
    finally:
        painter.end()
    return pages


def preview(job: PrintJob, parent: QWidget | None = None) -> QPrintPreviewDialog:
    """Qt's print preview of ``job`` (shown modal; returned once closed, for tests)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    _setup(printer, job)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setObjectName("printPreview")
    dialog.setWindowTitle(_tr("Xem trước khi in: {title}").format(title=job.title))
    dialog.paintRequested.connect(lambda target: render(job, target))
    if parent is not None:
        dialog.resize(parent.window().size() * 0.9)
    dialog.exec()
    dialog.deleteLater()
    return dialog


def print_job(job: PrintJob, parent: QWidget | None = None) -> bool:
    """Ask for the printer (Qt's print dialog), then print; False when the clerk cancels."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    _setup(printer, job)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(_tr("In {title}").format(title=job.title))
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    dialog.deleteLater()
    if not accepted:
        return False
    return render(job, printer) > 0
