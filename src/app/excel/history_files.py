"""Reading a history workbook for ``tdkt import awards|initiatives|unit-grades`` and the GUI.

One function for both callers: :func:`read_history_file` picks the parser of
:mod:`app.excel.history_import` for the kind and returns the
:class:`~app.services.history_import.HistoryFile` that
:func:`app.services.history_import.import_history` takes (the service side, which may not
import this layer). Nothing here touches the database.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from app.domain.award_names import ProvinceAwards
from app.domain.catalogue import Catalogue, CodeTables
from app.excel import history_import as xl
from app.excel.header import TableSpec
from app.excel.workbook import ImportFileError
from app.services.history_import import HISTORY_KINDS, HistoryFile, ParsedFile

__all__ = ["ProposalListError", "field_label", "read_history_file"]


class ProposalListError(ImportFileError):
    """The file is a nomination list (proposals, not awards) and no row carries a decision
    number: award history needs the number of the decision that awarded them (issue 11)."""


_SPECS = {
    "awards": xl.award_spec,
    "initiatives": xl.initiative_spec,
    "unit-grades": xl.unit_grade_spec,
}


def _spec(kind: str) -> TableSpec:
    if kind not in _SPECS:
        raise ValueError(f"Loại dữ liệu lịch sử không hợp lệ: '{kind}'")
    return _SPECS[kind]()


def field_label(kind: str, name: str) -> str:
    """The Vietnamese column title of field ``name`` ("title" -> "Danh hiệu"); ``name`` if none."""
    try:
        return _spec(kind).label(name)
    except (KeyError, ValueError):
        return name


def read_history_file(
    kind: str,
    path: str | Path,
    catalogue: Catalogue,
    codes: CodeTables,
    *,
    sheet: str | None = None,
    year: int | None = None,
    decision_number: str = "",
    decision_date: date | None = None,
    province: ProvinceAwards | None = None,
    convert_legacy: bool = False,
) -> HistoryFile:
    """Parse ``path`` as a list of ``kind`` ("awards", "initiatives", "unit-grades").

    ``province``: the province's award names and codes
    (``app.services.reference.province_awards()``), for the awards' code columns and names.

    ``year`` stands in for a row without a year; ``decision_number`` and ``decision_date``
    (awards) for a row without a decision number. A file that cannot be read at all (missing,
    damaged, no header row, a sheet that does not exist, a year out of range) raises
    :class:`ImportFileError` with a Vietnamese message; problems in cells are in the result.
    A nomination list none of whose rows has a decision number raises
    :class:`ProposalListError`. Text typed in TCVN3/VNI raises
    :class:`~app.excel.legacy.LegacyEncodingError` unless ``convert_legacy`` (the clerk's
    consent); the converted cells are then in :attr:`HistoryFile.conversions`.
    """
    if kind not in HISTORY_KINDS:
        raise ValueError(f"Loại dữ liệu lịch sử không hợp lệ: '{kind}'")
    result: xl.HistoryParse[object]
    try:
        if kind == "awards":
            result = xl.parse_awards(  # type: ignore[assignment]
                path,
                catalogue,
                codes,
                sheet=sheet,
                year=year,
                decision_number=decision_number,
                decision_date=decision_date,
                province=province,
                convert_legacy=convert_legacy,
            )
        elif kind == "initiatives":
            result = xl.parse_initiatives(  # type: ignore[assignment]
                path, codes, sheet=sheet, year=year, convert_legacy=convert_legacy
            )
        else:
            result = xl.parse_unit_grades(  # type: ignore[assignment]
                path, codes, sheet=sheet, year=year, convert_legacy=convert_legacy
            )
    except ValueError as exc:  # a choice the parser refuses (a year out of range)
        raise ImportFileError(str(exc)) from exc
    if (
        result.proposal_list
        and result.rows
        and not any(getattr(row, "decision_number", "") for row in result.rows)
    ):
        raise ProposalListError(
            f"{xl.PROPOSAL_WITHOUT_DECISION} (trang '{result.sheet}', tệp "
            f"'{Path(path).name}'): các dòng là đề nghị khen thưởng, chưa phải khen thưởng đã "
            "có. Cần số và ngày của quyết định khen thưởng."
        )
    parsed = ParsedFile(
        kind=HISTORY_KINDS[kind],
        file=str(path),
        sheet=result.sheet,
        issues=result.issues,  # type: ignore[arg-type]  # frozen CellIssue: read-only fields
        columns=dict(result.columns),
        headers=dict(result.headers),
    )
    return HistoryFile(
        kind=kind, parsed=parsed, rows=tuple(result.rows), conversions=result.conversions
    )
