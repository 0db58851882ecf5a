"""The real spreadsheets units send (/work/shared/reference): detection must cope with them."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.excel.people_import import parse_staff
from app.excel.table import SkippedRow
from app.excel.workbook import ImportFileError
from app.services.reference import codes

# Copies of /work/shared/reference: the tests fail, never skip, without the shared folder.
REFERENCE = Path(__file__).resolve().parents[1] / "data" / "reference"
CANHAN = REFERENCE / "nomination-list-individuals-CANHAN.xlsx"
TEMPLATE = REFERENCE / "nomination-import-template-MauTDKT.xlsx"
DETAI = REFERENCE / "initiatives-list-DETAI.xlsx"


def test_individual_nomination_list() -> None:
    result = parse_staff(CANHAN, codes())
    assert result.sheet == "DANHSACH"  # not the code sheet DANHMUC
    assert result.header_rows == (3,)
    assert {k: (v.letter, v.header) for k, v in result.column_map.items()} == {
        "full_name": ("B", "Họ và tên"),
        "gender": ("C", "Giới tính"),
        "birth": ("D", "Ngày sinh"),
        "position": ("E", "Chức vụ"),
        "unit": ("F", "Tên phòng ban/ khối, tổ công tác"),
        "agency": ("G", "Tên đơn vị/tập thể công tác"),
    }
    # "Mã phân loại cán bộ" holds portal codes, not a category name: left unmapped.
    assert "subject_category" not in result.column_map
    assert result.confident
    assert result.rows == ()
    assert result.issues == ()
    assert result.skipped == (SkippedRow(1, "Phần tiêu đề phía trên dòng tiêu đề cột"),)


def test_province_import_template_with_formula_columns() -> None:
    result = parse_staff(TEMPLATE, codes())
    assert result.sheet == "file nhận"
    assert result.header_rows == (1,)
    assert {k: v.letter for k, v in result.column_map.items()} == {
        "salutation": "B",
        "full_name": "C",
        "position": "D",
        "unit": "E",
        "subject_category": "H",
    }
    # 552 template rows whose only content is VLOOKUP formulas giving #N/A: no data, no noise.
    assert result.rows == ()
    assert result.issues == ()
    assert result.skipped == ()


def test_initiative_list_has_no_name_column() -> None:
    with pytest.raises(ImportFileError) as err:
        parse_staff(DETAI, codes())
    assert "thiếu cột 'Họ và tên'" in str(err.value)
    assert "initiatives-list-DETAI.xlsx" in str(err.value)
