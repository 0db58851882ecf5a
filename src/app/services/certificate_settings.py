"""Certificate printing settings of this machine (issue 22): the offsets of each printer and
the scans of the blanks shown behind the preview.

Printers shift what they print by a millimetre or two, each its own way, and the scans are
files on this computer: both belong to the machine, not to the database, and are kept in the
machine's settings file (``tdkt-cai-dat.json`` in the data folder, like the backup folder):

    "certificates": {
        "calibration": {"HP LaserJet P2035": {"x_mm": 1.5, "y_mm": -2.0}, "(PDF)": {...}},
        "backgrounds": {"GK_SO": "D:/Phoi/giay-khen.png"}
    }

:data:`PDF_TARGET` names the offsets used for a PDF file (zero unless the clerk sets them: a
PDF printed elsewhere later). A relative scan path is taken from the data folder.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from app.config import data_dir, read_local_settings, write_local_settings
from app.domain.certificate_layout import Calibration, CertificateLayout, validate_calibration
from app.domain.errors import ValidationError

__all__ = [
    "PDF_TARGET",
    "background_file",
    "calibrations",
    "get_background",
    "get_calibration",
    "save_background",
    "save_calibration",
]

SETTINGS_KEY = "certificates"
PDF_TARGET = "(PDF)"
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".bmp", ".gif", ".tif", ".tiff")


def _section() -> dict[str, Any]:
    data = read_local_settings().get(SETTINGS_KEY)
    return data if isinstance(data, dict) else {}


def _save_section(section: dict[str, Any]) -> None:
    values = read_local_settings()
    values[SETTINGS_KEY] = section
    write_local_settings(values)


def _float(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return 0.0
    return float(value)


def calibrations() -> dict[str, Calibration]:
    """Every printer's saved offsets (the ones not valid any more are left out)."""
    raw = _section().get("calibration")
    out = {}
    for name, item in raw.items() if isinstance(raw, dict) else ():
        if isinstance(item, dict):
            cal = Calibration(_float(item.get("x_mm")), _float(item.get("y_mm")))
            if not validate_calibration(cal):
                out[str(name)] = cal
    return out


def get_calibration(printer: str) -> Calibration:
    """The offsets of ``printer`` (``PDF_TARGET`` for a PDF file); zero when never set."""
    return calibrations().get(printer or PDF_TARGET, Calibration())


def save_calibration(printer: str, calibration: Calibration) -> Calibration:
    """Check and save the offsets of one printer; raises ValidationError, saving nothing."""
    cal = replace(calibration, x_mm=round(calibration.x_mm, 2), y_mm=round(calibration.y_mm, 2))
    problems = validate_calibration(cal)
    if problems:
        raise ValidationError(problems)
    section = _section()
    table = section.get("calibration")
    table = dict(table) if isinstance(table, dict) else {}
    table[printer or PDF_TARGET] = cal.to_dict()
    section["calibration"] = table
    _save_section(section)
    return cal


def get_background(layout_code: str) -> str:
    """The scan of a blank chosen on this machine ("" when none)."""
    raw = _section().get("backgrounds")
    value = raw.get(layout_code) if isinstance(raw, dict) else None
    return value.strip() if isinstance(value, str) else ""


def _resolve(path: str) -> Path:
    p = Path(path).expanduser()
    return p if p.is_absolute() else data_dir() / p


def save_background(layout_code: str, path: str) -> str:
    """Remember the scan of a blank (an empty path forgets it); the file must be an image."""
    path = path.strip()
    if path:
        file = _resolve(path)
        if not file.is_file():
            raise ValidationError(f"Không tìm thấy tệp ảnh {file}")
        if file.suffix.lower() not in IMAGE_SUFFIXES:
            raise ValidationError(f"Tệp {file.name} không phải ảnh ({', '.join(IMAGE_SUFFIXES)})")
    section = _section()
    table = section.get("backgrounds")
    table = dict(table) if isinstance(table, dict) else {}
    if path:
        table[layout_code] = path
    else:
        table.pop(layout_code, None)
    section["backgrounds"] = table
    _save_section(section)
    return path


def background_file(layout: CertificateLayout) -> Path | None:
    """The scan behind the preview of a layout: this machine's choice, else the layout's own
    ``background``; None when there is none or the file is gone (a placeholder is drawn)."""
    for path in (get_background(layout.code), layout.background):
        if path:
            file = _resolve(path)
            if file.is_file():
                return file
    return None
