"""Drawing certificates with Qt (issue 22): the sheets of a :class:`CertificateBatch` on a
paged device -- a PDF file (:class:`QPdfWriter`), a printer or a print preview -- and the
calibration test page.

Units: layouts are in millimetres from the top-left corner of the paper and fonts in points;
the painter works in device pixels (``logicalDpi / 25.4`` per millimetre), so one drawing
serves a 1200 dpi PDF and a 600 dpi printer alike. Everything printed is moved by the
printer's :class:`Calibration`. A field's text is fitted by :func:`app.domain.text_fit.fit_text`
with this font's metrics on this device: smaller down to the field's smallest size, then
wrapped, never outside its box (a warning names the sheet and field otherwise).

The scan of the blank (or a drawn outline of one when there is no scan) is painted only for
the preview (``backgrounds`` given); printing and PDF files never carry it.

The command line imports this module lazily (``tdkt export certificates``): it needs only
QtGui, and :func:`ensure_gui_app` makes the QGuiApplication Qt needs for fonts, off screen
where there is no display.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
)

from app.domain.certificate_layout import Calibration, CertificateLayout, FieldBox, fill
from app.domain.text_fit import Fitted, fit_text
from app.services.certificates import CertificateBatch

__all__ = [
    "PDF_RESOLUTION",
    "RenderResult",
    "ensure_gui_app",
    "load_backgrounds",
    "page_layout",
    "render_batch",
    "render_test_page",
    "write_pdf",
    "write_test_page_pdf",
]

MM_PER_INCH = 25.4
PDF_RESOLUTION = 1200
_GUIDE = QColor("#9A9A9A")


@dataclass(frozen=True)
class RenderResult:
    pages: int
    warnings: tuple[str, ...] = ()


def ensure_gui_app() -> QGuiApplication:
    """The running Qt application, or a new QGuiApplication for the command line (off screen
    on Linux and other systems without a desktop session of their own)."""
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication):
        return app
    if sys.platform not in ("win32", "darwin"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return QGuiApplication([sys.argv[0] if sys.argv else "tdkt"])


def page_layout(layout: CertificateLayout) -> QPageLayout:
    """The paper of a blank, without margins (positions are from the paper's corner)."""
    short = min(layout.page_width_mm, layout.page_height_mm)
    long = max(layout.page_width_mm, layout.page_height_mm)
    size = QPageSize(
        QSizeF(short, long),
        QPageSize.Unit.Millimeter,
        "",
        QPageSize.SizeMatchPolicy.FuzzyMatch,
    )
    orientation = (
        QPageLayout.Orientation.Landscape if layout.landscape else QPageLayout.Orientation.Portrait
    )
    return QPageLayout(size, orientation, QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)


class _Sheet:
    """One page being drawn: millimetres to device pixels, fonts and their metrics."""

    def __init__(self, painter: QPainter) -> None:
        self.painter = painter
        device = painter.device()
        self.device = device
        self.dpmm = device.logicalDpiX() / MM_PER_INCH
        self.dpmm_y = device.logicalDpiY() / MM_PER_INCH
        self._metrics: dict[tuple[str, bool, bool, float], tuple[QFont, QFontMetricsF]] = {}

    def rect(self, x: float, y: float, w: float, h: float) -> QRectF:
        return QRectF(x * self.dpmm, y * self.dpmm_y, w * self.dpmm, h * self.dpmm_y)

    def point(self, x: float, y: float) -> QPointF:
        return QPointF(x * self.dpmm, y * self.dpmm_y)

    def font(
        self, family: str, size: float, *, bold: bool = False, italic: bool = False
    ) -> tuple[QFont, QFontMetricsF]:
        key = (family, bold, italic, size)
        found = self._metrics.get(key)
        if found is None:
            font = QFont(family)
            font.setPointSizeF(size)
            font.setBold(bold)
            font.setItalic(italic)
            font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
            found = (font, QFontMetricsF(font, self.device))
            self._metrics[key] = found
        return found

    def text_at(
        self, x: float, y: float, text: str, family: str, size: float, **style: bool
    ) -> float:
        """Draw ``text`` with its top-left at (x, y) mm; returns its width in mm."""
        font, metrics = self.font(family, size, **style)
        self.painter.setFont(font)
        self.painter.drawText(QPointF(x * self.dpmm, y * self.dpmm_y + metrics.ascent()), text)
        return metrics.horizontalAdvance(text) / self.dpmm


# --- fields ---------------------------------------------------------------------------------


def _fit(sheet: _Sheet, box: FieldBox, text: str) -> Fitted:
    def measure(line: str, size: float) -> float:
        _font, metrics = sheet.font(box.font, size, bold=box.bold, italic=box.italic)
        return metrics.horizontalAdvance(line) / sheet.dpmm

    def line_height(size: float) -> float:
        _font, metrics = sheet.font(box.font, size, bold=box.bold, italic=box.italic)
        return metrics.lineSpacing() / sheet.dpmm_y

    return fit_text(
        text,
        width=box.width_mm,
        height=box.height_mm,
        size=box.size_pt,
        min_size=box.min_size_pt,
        wrap=box.wrap,
        measure=measure,
        line_height=line_height,
    )


def _draw_field(sheet: _Sheet, box: FieldBox, text: str, color: QColor | None = None) -> Fitted:
    if box.uppercase:
        text = text.upper()
    fitted = _fit(sheet, box, text)
    font, metrics = sheet.font(box.font, fitted.size_pt, bold=box.bold, italic=box.italic)
    painter = sheet.painter
    painter.setFont(font)
    painter.setPen(color or QColor(box.color))
    spacing = metrics.lineSpacing() / sheet.dpmm_y
    block = spacing * len(fitted.lines)
    top = box.y_mm
    if box.valign == "middle":
        top += (box.height_mm - block) / 2
    elif box.valign == "bottom":
        top += box.height_mm - block
    for i, line in enumerate(fitted.lines):
        width = metrics.horizontalAdvance(line) / sheet.dpmm
        x = box.x_mm
        if box.align == "center":
            x += (box.width_mm - width) / 2
        elif box.align == "right":
            x += box.width_mm - width
        baseline = (top + i * spacing) * sheet.dpmm_y + metrics.ascent()
        painter.drawText(QPointF(x * sheet.dpmm, baseline), line)
    return fitted


def _placeholder(sheet: _Sheet, layout: CertificateLayout) -> None:
    """An outline of a blank when no scan was chosen: border, emblem, national motto and the
    fields the blank carries already (not printed), in grey."""
    painter = sheet.painter
    w, h = layout.page_width_mm, layout.page_height_mm
    pen = QPen(_GUIDE)
    pen.setWidthF(0.4 * sheet.dpmm)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(sheet.rect(8, 8, w - 16, h - 16))
    pen.setWidthF(0.2 * sheet.dpmm)
    painter.setPen(pen)
    painter.drawRect(sheet.rect(11, 11, w - 22, h - 22))
    painter.drawEllipse(sheet.rect(w / 2 - 10, 14, 20, 20))
    motto = (
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 36.0, 13.0, True),
        ("Độc lập - Tự do - Hạnh phúc", 43.0, 13.0, True),
    )
    for text, y, size, bold in motto:
        box = FieldBox("motto", "", text, 20, y, w - 40, 7, size_pt=size, min_size_pt=8, bold=bold)
        _draw_field(sheet, box, text, _GUIDE)
    for box in layout.fields:
        if not box.printed and "{" not in box.text:
            _draw_field(sheet, box, box.text, _GUIDE)
    note = FieldBox("note", "", "", 14, h - 16, w - 28, 4, size_pt=8, min_size_pt=6, align="right")
    _draw_field(sheet, note, "Nền phôi (không in) - chưa chọn ảnh quét phôi", _GUIDE)


def _background(sheet: _Sheet, layout: CertificateLayout, image: QImage | None) -> None:
    if image is not None and not image.isNull():
        sheet.painter.drawImage(
            sheet.rect(0, 0, layout.page_width_mm, layout.page_height_mm), image
        )
    else:
        _placeholder(sheet, layout)


def _paint_sheet(
    sheet: _Sheet,
    layout: CertificateLayout,
    values: Mapping[str, str],
    label: str,
) -> list[str]:
    warnings = []
    for box in layout.printed_fields:
        text = fill(box.text, values)
        if not text:
            continue
        fitted = _draw_field(sheet, box, text)
        if fitted.cut:
            warnings.append(
                f"{label}: '{box.label}' quá dài, đã cắt bớt ở cỡ {fitted.size_pt:g} pt - "
                "hãy sửa chữ hoặc nới khung trong mẫu phôi"
            )
        elif fitted.below_min:
            warnings.append(
                f"{label}: '{box.label}' phải in cỡ {fitted.size_pt:g} pt, nhỏ hơn cỡ tối thiểu "
                f"{box.min_size_pt:g} pt"
            )
    return warnings


def _begin_page(
    device: QPagedPaintDevice, painter: QPainter | None, layout: CertificateLayout
) -> QPainter:
    """Set the page of ``layout`` and start it: a new painter on the first page, a new page
    after that. Raises OSError when the device cannot be painted on (a file not writable)."""
    if painter is None:
        device.setPageLayout(page_layout(layout))
        painter = QPainter()
        if not painter.begin(device):
            raise OSError("Không mở được tệp hoặc máy in để vẽ")
        return painter
    wanted = page_layout(layout)
    if not device.pageLayout().isEquivalentTo(wanted):
        device.setPageLayout(wanted)
    device.newPage()
    return painter


def render_batch(
    device: QPagedPaintDevice,
    batch: CertificateBatch,
    calibration: Calibration,
    *,
    backgrounds: Mapping[str, QImage | None] | None = None,
) -> RenderResult:
    """One page per sheet on ``device``; ``backgrounds`` (preview only) maps layout codes to
    the blank's scan (None draws an outline)."""
    painter: QPainter | None = None
    warnings: list[str] = list(batch.skipped)
    try:
        for sheet_data in batch.sheets:
            layout = batch.layouts[sheet_data.layout_code]
            painter = _begin_page(device, painter, layout)
            painter.save()
            sheet = _Sheet(painter)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.translate(calibration.x_mm * sheet.dpmm, calibration.y_mm * sheet.dpmm_y)
            if backgrounds is not None:
                _background(sheet, layout, backgrounds.get(layout.code))
            warnings += _paint_sheet(sheet, layout, sheet_data.values, sheet_data.label)
            painter.restore()
    finally:
        if painter is not None:
            painter.end()
    return RenderResult(pages=len(batch.sheets), warnings=tuple(warnings))


def load_backgrounds(layouts: Mapping[str, CertificateLayout]) -> dict[str, QImage | None]:
    """The scans this machine has for the layouts (None where there is none or it is no
    image Qt can read)."""
    from app.services.certificate_settings import background_file

    out: dict[str, QImage | None] = {}
    for code, layout in layouts.items():
        file = background_file(layout)
        image = QImage(str(file)) if file is not None else None
        out[code] = image if image is not None and not image.isNull() else None
    return out


def _pdf_writer(path: Path, title: str) -> QPdfWriter:
    writer = QPdfWriter(str(path))
    writer.setResolution(PDF_RESOLUTION)
    writer.setTitle(title)
    writer.setCreator("TĐKT")
    return writer


def _atomic(path: Path, draw: Callable[[Path], None]) -> None:
    """Write to a temporary file beside ``path``, then put it in place (a half-written file
    never replaces a good one)."""
    partial = path.with_name(path.name + ".dang-ghi.pdf")
    try:  # tried first: Qt would only warn on a folder it cannot write to
        partial.open("wb").close()
    except OSError as exc:
        raise OSError(f"thư mục {path.parent} không có hoặc không ghi được") from exc
    try:
        draw(partial)
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)


def write_pdf(path: Path, batch: CertificateBatch, calibration: Calibration) -> RenderResult:
    """The sheets as a PDF file, one page each, without the blank's scan."""
    ensure_gui_app()
    result: list[RenderResult] = []

    def draw(target: Path) -> None:
        writer = _pdf_writer(target, batch.label)
        result.append(render_batch(writer, batch, calibration))
        del writer  # closes the file

    _atomic(path, draw)
    return result[0]


# --- the calibration test page --------------------------------------------------------------


def render_test_page(
    device: QPagedPaintDevice,
    layout: CertificateLayout,
    calibration: Calibration,
    printer_name: str = "",
) -> None:
    """A millimetre grid with rulers along the top and left edges, marks 20 mm in from two
    corners and the layout's field boxes, moved by ``calibration`` like the sheets: printed on
    plain paper and held against a blank, it shows how far the printer shifts."""
    painter = _begin_page(device, None, layout)
    try:
        sheet = _Sheet(painter)
        painter.translate(calibration.x_mm * sheet.dpmm, calibration.y_mm * sheet.dpmm_y)
        _grid(sheet, layout)
        _marks(sheet, layout)
        _field_boxes(sheet, layout)
        _legend(sheet, layout, calibration, printer_name)
    finally:
        painter.end()


def _pen(
    sheet: _Sheet, color: str, width_mm: float, style: Qt.PenStyle = Qt.PenStyle.SolidLine
) -> QPen:
    pen = QPen(QColor(color))
    pen.setWidthF(width_mm * sheet.dpmm)
    pen.setStyle(style)
    return pen


def _grid(sheet: _Sheet, layout: CertificateLayout) -> None:
    painter = sheet.painter
    w, h = layout.page_width_mm, layout.page_height_mm
    for step, color, width in ((5, "#DDDDDD", 0.1), (10, "#AAAAAA", 0.15)):
        painter.setPen(_pen(sheet, color, width))
        for x in range(step, int(w), step):
            painter.drawLine(sheet.point(x, 0), sheet.point(x, h))
        for y in range(step, int(h), step):
            painter.drawLine(sheet.point(0, y), sheet.point(w, y))
    painter.setPen(_pen(sheet, "#000000", 0.15))
    for mm in range(0, int(w) + 1):  # ruler along the top edge
        tick = 6 if mm % 10 == 0 else 4 if mm % 5 == 0 else 2
        painter.drawLine(sheet.point(mm, 0), sheet.point(mm, tick))
    for mm in range(0, int(h) + 1):  # and along the left edge
        tick = 6 if mm % 10 == 0 else 4 if mm % 5 == 0 else 2
        painter.drawLine(sheet.point(0, mm), sheet.point(tick, mm))
    painter.setPen(QColor("#000000"))
    for mm in range(10, int(w), 10):
        sheet.text_at(mm + 0.5, 6.2, str(mm), "Arial", 6)
    for mm in range(10, int(h), 10):
        sheet.text_at(6.5, mm + 0.3, str(mm), "Arial", 6)


def _marks(sheet: _Sheet, layout: CertificateLayout) -> None:
    painter = sheet.painter
    painter.setPen(_pen(sheet, "#C00000", 0.25))
    w, h = layout.page_width_mm, layout.page_height_mm
    for x, y in ((20.0, 20.0), (w - 20, h - 20)):
        painter.drawLine(sheet.point(x - 6, y), sheet.point(x + 6, y))
        painter.drawLine(sheet.point(x, y - 6), sheet.point(x, y + 6))
        painter.drawEllipse(sheet.point(x, y), 3 * sheet.dpmm, 3 * sheet.dpmm_y)
    sheet.text_at(24, 21, "20 mm từ mép trái và mép trên", "Arial", 7)
    sheet.text_at(w - 70, h - 26, "20 mm từ mép phải và mép dưới", "Arial", 7)


def _field_boxes(sheet: _Sheet, layout: CertificateLayout) -> None:
    painter = sheet.painter
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for box in layout.fields:
        color = "#1F4E9A" if box.printed else "#8AA0C8"
        painter.setPen(_pen(sheet, color, 0.2, Qt.PenStyle.DashLine))
        painter.drawRect(sheet.rect(box.x_mm, box.y_mm, box.width_mm, box.height_mm))
        painter.setPen(QColor(color))
        suffix = "" if box.printed else " (in sẵn, không in)"
        sheet.text_at(box.x_mm + 0.8, box.y_mm + 0.5, box.label + suffix, "Arial", 6)


def _legend(
    sheet: _Sheet, layout: CertificateLayout, calibration: Calibration, printer_name: str
) -> None:
    sheet.painter.setPen(QColor("#000000"))
    lines = (
        f"TRANG THỬ CĂN LỀ - mẫu {layout.name} ({layout.page_width_mm:g} × "
        f"{layout.page_height_mm:g} mm)",
        f"Máy in: {printer_name or 'tệp PDF'}; đang lệch ngang {calibration.x_mm:+g} mm, "
        f"dọc {calibration.y_mm:+g} mm",
        "In trang này lên giấy trắng, đặt chồng lên phôi và soi: vạch đỏ phải cách mép trái và "
        "mép trên đúng 20 mm.",
        "Vạch nằm lệch sang trái 2 mm (cách mép 18 mm): tăng lệch ngang 2 mm; lệch lên trên "
        "thì tăng lệch dọc. Khung xanh là các trường của mẫu.",
    )
    y = 25.0  # above the fields of the shipped layouts
    for i, line in enumerate(lines):
        size = 10 if i == 0 else 8
        sheet.text_at(40, y, line, "Arial", size, bold=i == 0)
        y += 5


def write_test_page_pdf(
    path: Path, layout: CertificateLayout, calibration: Calibration, printer_name: str = ""
) -> None:
    ensure_gui_app()

    def draw(target: Path) -> None:
        writer = _pdf_writer(target, f"Trang thử căn lề - {layout.name}")
        render_test_page(writer, layout, calibration, printer_name)
        del writer

    _atomic(path, draw)
