"""How a hold ended, as discipline lists write it (issue 12): a "Kết luận" / "Kết quả xem
xét" column ("Không vi phạm", "Có vi phạm", "Có vi phạm - Khiển trách", "Cảnh cáo", "Chưa
kết luận") and a "Ngày kết luận" column. Only holds (đang xem xét kỷ luật, điều tra...) are
concluded; on a penalty's row the column is left as it is."""

from __future__ import annotations

from datetime import date
from typing import Final, TypedDict

from app.domain.catalogue import CodeTables
from app.domain.codes import HoldOutcome
from app.domain.vnformat import format_date
from app.domain.vntext import fold_key
from app.excel.people_codes import discipline_code_keys, match_code
from app.excel.row_reader import RowReader

# a hold still open: nothing concluded yet
_OPEN: Final = ("chua", "dang", "chua co", "chua ket luan", "dang xem xet", "dang xu ly")


class ConclusionValues(TypedDict):
    outcome: str | None
    outcome_text: str
    concluded_on: date | None
    penalty_kind: str | None


def _words(codes: CodeTables, outcome: str) -> tuple[str, ...]:
    for entry in codes.tables.get("hold_outcomes", ()):
        if entry.code == outcome:
            raw = entry.extra.get("synonyms", ())
            return tuple(fold_key(str(t)) for t in (entry.name, *raw))
    return ()


def match_conclusion(text: str, codes: CodeTables) -> tuple[str | None, str | None] | None:
    """(outcome, penalty kind) from a conclusion cell; (None, None) while the hold is open;
    None when the text is not understood."""
    key = fold_key(text)
    if not key or key in _OPEN or any(key.startswith(w + " ") for w in _OPEN[2:]):
        return None, None
    padded = f" {key} "
    if any(f" {w} " in padded for w in _words(codes, HoldOutcome.KHONG_VI_PHAM) if w):
        return HoldOutcome.KHONG_VI_PHAM, None
    holds = {e.code for e in codes.table("discipline_kinds") if e.extra.get("is_hold")}
    penalties = tuple(k for k in discipline_code_keys(codes) if k.code not in holds)
    penalty = match_code(text, penalties, contains=True)
    if penalty is not None:
        return HoldOutcome.CO_VI_PHAM, penalty
    if any(f" {w} " in padded for w in _words(codes, HoldOutcome.CO_VI_PHAM) if w):
        return HoldOutcome.CO_VI_PHAM, None
    return None


def read_conclusion(
    reader: RowReader, codes: CodeTables, kind: str | None, start: date | None, end: date | None
) -> ConclusionValues:
    """The conclusion of a hold's row (issues go to ``reader``); empty for a penalty's row.
    Without "Ngày kết luận" a concluded hold ends on its "Đến ngày"."""
    empty = ConclusionValues(outcome=None, outcome_text="", concluded_on=None, penalty_kind=None)
    holds = {e.code for e in codes.table("discipline_kinds") if e.extra.get("is_hold")}
    if kind not in holds:
        return empty
    text = reader.text("outcome") if reader.has("outcome") else ""
    concluded = reader.date("concluded_on") if reader.has("concluded_on") else None
    if not text:
        if concluded is not None:
            reader.issue("outcome", "Có ngày kết luận nhưng chưa ghi kết luận")
        return empty
    found = match_conclusion(text, codes)
    if found is None:
        reader.issue(
            "outcome",
            f"Không nhận ra kết luận: '{text}' (ghi Không vi phạm, Có vi phạm hoặc hình thức "
            "kỷ luật đã áp dụng)",
        )
        return empty
    outcome, penalty = found
    if outcome is None:
        return ConclusionValues(
            outcome=None, outcome_text=text, concluded_on=None, penalty_kind=None
        )
    concluded = concluded or end
    if concluded is None:
        reader.issue("outcome", "Thiếu ngày kết luận (cột Ngày kết luận hoặc Đến ngày)")
        return empty
    if start is not None and concluded < start:
        where = "concluded_on" if reader.has("concluded_on") else "outcome"
        reader.issue(
            where,
            f"Ngày kết luận {format_date(concluded)} trước ngày bắt đầu {format_date(start)}",
        )
        return empty
    return ConclusionValues(
        outcome=outcome, outcome_text=text, concluded_on=concluded, penalty_kind=penalty
    )
