"""Formulas written with their values (issue 20: totals that follow a clerk's corrections).

openpyxl writes a formula cell with an empty value; Excel computes it on opening, but a
program that only reads values (a viewer, a converter, another program's import) sees nothing.
The form remembers the value each formula gives now (:func:`remember`); after openpyxl has
written the file, :func:`write_cached` puts those values into the sheets' XML next to their
formulas, as Excel itself stores them.
"""

from __future__ import annotations

import os
import re
import zipfile
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from openpyxl.worksheet.worksheet import Worksheet

__all__ = ["cached_values", "remember", "write_cached"]

_ATTR = "_tdkt_cached"


def cached_values(workbook: Any) -> dict[tuple[str, str], object]:
    """(sheet title, cell) -> value of the workbook's formulas (empty for other workbooks)."""
    found = getattr(workbook, _ATTR, None)
    return found if isinstance(found, dict) else {}


def remember(workbook: Any, ws: Worksheet, coordinate: str, value: object) -> None:
    """Store the value the formula in ``coordinate`` of ``ws`` gives now."""
    store = cached_values(workbook)
    if not store:
        setattr(workbook, _ATTR, store)
    store[(ws.title, coordinate)] = value


def _value_xml(value: object) -> tuple[str, str]:
    """(type attribute, <v> text) of a cached value."""
    if isinstance(value, bool):
        return ' t="b"', "1" if value else "0"
    if isinstance(value, int | float):
        return "", repr(value) if isinstance(value, float) else str(value)
    return ' t="str"', escape(str(value))


def _patch(xml: str, values: dict[str, object]) -> str:
    def swap(match: re.Match[str]) -> str:
        ref, attrs, formula = match.group(1), match.group(2) or "", match.group(3)
        if ref not in values:
            return match.group(0)
        kind, text = _value_xml(values[ref])
        attrs = re.sub(r'\s+t="[^"]*"', "", attrs)
        return f'<c r="{ref}"{attrs}{kind}><f>{formula}</f><v>{text}</v></c>'

    # openpyxl writes an empty value as <v/> or <v></v> (with lxml)
    return re.sub(r'<c r="([A-Z]+[0-9]+)"([^>]*)><f>(.*?)</f>(?:<v\s*/>|<v></v>)</c>', swap, xml)


def write_cached(path: Path, workbook: Any) -> None:
    """Put the remembered values of ``workbook``'s formulas into the saved file ``path``."""
    store = cached_values(workbook)
    if not store:
        return
    titles = [ws.title for ws in workbook.worksheets]
    by_sheet: dict[str, dict[str, object]] = {}
    for (title, ref), value in store.items():
        if title in titles:
            by_sheet.setdefault(f"xl/worksheets/sheet{titles.index(title) + 1}.xml", {})[ref] = (
                value
            )
    temp = path.with_name(path.name + ".cache")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(temp, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename in by_sheet:
                data = _patch(data.decode("utf-8"), by_sheet[item.filename]).encode("utf-8")
            out.writestr(item, data)
    os.replace(temp, path)
