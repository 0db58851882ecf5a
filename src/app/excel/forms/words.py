"""An amount in words that follows the total: "Bảy triệu không trăm hai mươi nghìn đồng".

Excel cannot spell Vietnamese numbers, so the words are built by formulas on a hidden sheet
("BangChu") from the total cell, with the conventions of :func:`app.domain.vnformat.
money_in_words`: the amount in four groups of three digits (tỷ, triệu, nghìn, units), each
read with "trăm", "mươi"/"mười", "linh", "mốt", "tư", "lăm", a zero group skipped and a group
after a spoken one reading its hundreds ("không trăm"). :func:`words_formula` writes the
sheet and returns the formula of the words cell with the value it gives now; the values of
every helper cell are computed here the same way (:func:`helper_values`), so they are stored
with their formulas (:mod:`app.excel.forms.cached`). Amounts from 10**12 up and negative ones
are beyond the formulas: the words are then written as text.
"""

from __future__ import annotations

from typing import Any

from openpyxl.worksheet.worksheet import Worksheet

from app.domain.vnformat import money_in_words
from app.excel.forms.cached import remember

__all__ = ["HELPER_SHEET", "LIMIT", "helper_values", "words_formula"]

HELPER_SHEET = "BangChu"
LIMIT = 10**12
DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
SCALES = ("tỷ", "triệu", "nghìn", "")
FIRST_GROUP_ROW = 3  # rows 3-6: the groups; row 8: the words


def _group_words(value: int, higher: bool, scale: str) -> str:
    """What the group formula gives (spaces included, as Excel would build it)."""
    if value == 0:
        return ""
    h, rest = divmod(value, 100)
    t, u = divmod(rest, 10)
    spoken = higher or h > 0
    out = f"{DIGITS[h]} trăm " if spoken else ""
    if t == 0:
        if u:
            out += ("linh " if spoken else "") + f"{DIGITS[u]} "
    else:
        out += "mười " if t == 1 else f"{DIGITS[t]} mươi "
        if u == 5:
            out += "lăm "
        elif u == 1 and t > 1:
            out += "mốt "
        elif u == 4 and t > 1:
            out += "tư "
        elif u:
            out += f"{DIGITS[u]} "
    return out + f"{scale} "


def helper_values(amount: int) -> dict[str, object]:
    """The value of every formula cell of the helper sheet for ``amount`` (0 <= amount < 10**12)."""
    values: dict[str, object] = {"B1": amount}
    parts = []
    for g, scale in enumerate(SCALES):
        row = FIRST_GROUP_ROW + g
        group = (amount // 10 ** (9 - 3 * g)) % 1000
        higher = amount >= 10 ** (12 - 3 * g)
        h, rest = divmod(group, 100)
        t, u = divmod(rest, 10)
        words = _group_words(group, higher, scale)
        values.update(
            {f"B{row}": group, f"C{row}": higher, f"E{row}": h, f"F{row}": t, f"G{row}": u}
        )
        values[f"H{row}"] = words
        parts.append(words)
    joined = " ".join("".join(parts).split())
    values["B8"] = "Không đồng" if amount == 0 else joined[:1].upper() + joined[1:] + " đồng"
    return values


def _group_formula(row: int, g: int, scale: str) -> str:
    d = "$D$1:$D$10"
    spoken = f"OR(C{row},E{row}>0)"
    unit = (
        f'IF(G{row}=0,"",IF(G{row}=5,"lăm ",IF(AND(F{row}>1,G{row}=1),"mốt ",'
        f'IF(AND(F{row}>1,G{row}=4),"tư ",INDEX({d},G{row}+1)&" "))))'
    )
    tens = (
        f'IF(F{row}=0,IF(G{row}=0,"",IF({spoken},"linh ","")&INDEX({d},G{row}+1)&" "),'
        f'IF(F{row}=1,"mười ",INDEX({d},F{row}+1)&" mươi ")&{unit})'
    )
    return f'=IF(B{row}=0,"",IF({spoken},INDEX({d},E{row}+1)&" trăm ","")&{tens}&"{scale} ")'


def words_formula(workbook: Any, total_ref: str, amount: int) -> tuple[str, str]:
    """Add the hidden helper sheet reading ``total_ref`` ("'Sheet'!$H$15"); returns the formula
    of the words cell (prefix and all: ``="Số tiền bằng chữ: "&...``) without the prefix, and
    the words now. Beyond the formulas' range, ("", the words as text)."""
    if not 0 <= amount < LIMIT:
        return "", money_in_words(amount)
    if HELPER_SHEET in workbook.sheetnames:
        workbook.remove(workbook[HELPER_SHEET])
    ws: Worksheet = workbook.create_sheet(HELPER_SHEET)
    ws.sheet_state = "hidden"
    for i, word in enumerate(DIGITS, start=1):
        ws.cell(row=i, column=4, value=word)
    ws["A1"] = "Số tiền"
    ws["B1"] = f"=ROUND({total_ref},0)"
    for g, scale in enumerate(SCALES):
        row = FIRST_GROUP_ROW + g
        power = 10 ** (9 - 3 * g)
        ws[f"A{row}"] = scale or "đơn vị"
        ws[f"B{row}"] = f"=MOD(INT($B$1/{power}),1000)"
        ws[f"C{row}"] = f"=$B$1>={10 ** (12 - 3 * g)}"
        ws[f"E{row}"] = f"=INT(B{row}/100)"
        ws[f"F{row}"] = f"=INT(MOD(B{row},100)/10)"
        ws[f"G{row}"] = f"=MOD(B{row},10)"
        ws[f"H{row}"] = _group_formula(row, g, scale)
    joined = "TRIM(H3&H4&H5&H6)"
    ws["A8"] = "Bằng chữ"
    ws["B8"] = f'=IF($B$1=0,"Không đồng",UPPER(LEFT({joined},1))&MID({joined},2,500)&" đồng")'
    values = helper_values(amount)
    for ref, value in values.items():
        remember(workbook, ws, ref, value)
    return f"'{HELPER_SHEET}'!$B$8", str(values["B8"])
