"""Draw the program's icon (a gold medal on a red ribbon, on a blue square) as PNG and ICO.

The icon is drawn with Qt (no font needed, so it renders the same everywhere) and written to
``resources/icons/tdkt.png`` (256 px) and ``resources/icons/tdkt.ico`` (16 to 256 px: small
sizes as 32-bit bitmaps with an AND mask, 256 px as PNG, which every Windows since Vista reads).
The files are committed; run this again only to change the drawing:

    QT_QPA_PLATFORM=offscreen python packaging/make_icon.py
"""

from __future__ import annotations

import math
import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPolygonF

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256)
BLUE = QColor("#1d3f72")
DARK_BLUE = QColor("#12284a")
RED = QColor("#c8102e")
DARK_RED = QColor("#8f0a1f")
GOLD = QColor("#f2b705")
DARK_GOLD = QColor("#b58500")


def star(cx: float, cy: float, outer_r: float) -> QPolygonF:
    points = []
    for i in range(10):
        r = outer_r if i % 2 == 0 else outer_r * 0.382
        angle = -math.pi / 2 + i * math.pi / 5
        points.append(QPointF(cx + r * math.cos(angle), cy + r * math.sin(angle)))
    return QPolygonF(points)


def draw(size: int) -> QImage:
    """A commendation medal: a red ribbon and a gold disc with a star, on a blue square."""
    s = float(size)
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    margin = s * 0.04
    rect = QRectF(margin, margin, s - 2 * margin, s - 2 * margin)
    radius = s * 0.18
    painter.setBrush(DARK_BLUE)
    painter.drawRoundedRect(rect, radius, radius)
    inner = rect.adjusted(s * 0.03, s * 0.03, -s * 0.03, -s * 0.03)
    painter.setBrush(BLUE)
    painter.drawRoundedRect(inner, radius * 0.85, radius * 0.85)
    # The ribbon: two bands from the top edge meeting behind the medal.
    painter.setBrush(DARK_RED)
    painter.drawPolygon(
        QPolygonF(
            [
                QPointF(s * 0.22, s * 0.10),
                QPointF(s * 0.40, s * 0.10),
                QPointF(s * 0.58, s * 0.52),
                QPointF(s * 0.42, s * 0.56),
            ]
        )
    )
    painter.setBrush(RED)
    painter.drawPolygon(
        QPolygonF(
            [
                QPointF(s * 0.60, s * 0.10),
                QPointF(s * 0.78, s * 0.10),
                QPointF(s * 0.58, s * 0.56),
                QPointF(s * 0.42, s * 0.52),
            ]
        )
    )
    # The medal: a gold disc with a darker rim and a star.
    cx, cy, r = s * 0.5, s * 0.64, s * 0.25
    painter.setBrush(DARK_GOLD)
    painter.drawEllipse(QPointF(cx, cy), r, r)
    painter.setBrush(GOLD)
    painter.drawEllipse(QPointF(cx, cy), r * 0.84, r * 0.84)
    painter.setBrush(DARK_GOLD)
    painter.drawPolygon(star(cx, cy + r * 0.05, r * 0.62))
    painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def dib_bytes(image: QImage) -> bytes:
    """An ICO bitmap entry: BITMAPINFOHEADER, BGRA rows bottom-up, then the 1-bit AND mask."""
    size = image.width()
    header = struct.pack("<IiiHHIIiiII", 40, size, size * 2, 1, 32, 0, 0, 0, 0, 0, 0)
    rows = []
    mask_rows = []
    mask_stride = ((size + 31) // 32) * 4
    for y in reversed(range(size)):
        row = bytearray()
        mask = bytearray(mask_stride)
        for x in range(size):
            argb = image.pixel(x, y)
            a, r, g, b = (argb >> 24) & 255, (argb >> 16) & 255, (argb >> 8) & 255, argb & 255
            row += bytes((b, g, r, a))
            if a == 0:
                mask[x // 8] |= 0x80 >> (x % 8)
        rows.append(bytes(row))
        mask_rows.append(bytes(mask))
    return header + b"".join(rows) + b"".join(mask_rows)


def ico_bytes(images: list[QImage]) -> bytes:
    entries = []
    blobs = []
    offset = 6 + 16 * len(images)
    for image in images:
        size = image.width()
        blob = png_bytes(image) if size >= 256 else dib_bytes(image)
        dim = 0 if size >= 256 else size
        entries.append(struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(blob), offset))
        blobs.append(blob)
        offset += len(blob)
    return struct.pack("<HHH", 0, 1, len(images)) + b"".join(entries) + b"".join(blobs)


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    ICONS.mkdir(parents=True, exist_ok=True)
    images = [draw(size) for size in SIZES]
    (ICONS / "tdkt.png").write_bytes(png_bytes(images[-1]))
    (ICONS / "tdkt.ico").write_bytes(ico_bytes(images))
    print(f"Đã ghi {ICONS / 'tdkt.png'} và {ICONS / 'tdkt.ico'}")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
