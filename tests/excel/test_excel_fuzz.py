"""Random junk in the data area: the parsers report issues, they never crash."""

from __future__ import annotations

import tempfile
import unicodedata
from datetime import date, datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from xlsx_factory import write_xlsx

from app.excel.people_import import ParseResult, parse_discipline, parse_grades, parse_staff
from app.excel.workbook import ImportFileError
from app.services.reference import codes

HEADER = [
    "STT",
    "Họ và tên",
    "Giới tính",
    "Ngày sinh",
    "Chức vụ",
    "Đơn vị",
    "Số CCCD",
    "Xếp loại",
    "Số tháng công tác",
    "Hình thức kỷ luật",
    "Từ ngày",
    "Đến ngày",
]

TRICKY = [
    "31/02/1980",
    "29/02/1900",
    "1/1/0001",
    "=A1",
    "=1/0",
    "Tổng cộng",
    "Cộng",
    "I. Phòng Kế hoạch - Tài chính",
    "II",
    "(1)",
    "x",
    "Nam",
    "Nữ",
    "HTXS",
    "Không hoàn thành nhiệm vụ",
    "Cảnh cáo",
    "#N/A",
    " ",
    "1980",
    "năm 1980",
    "NguyÔn V¨n",
    "Nguyeãn Vaên",
    unicodedata.normalize("NFD", "Nguyễn Thị Thủy"),
    "Người lập biểu",
    "Tuyên Quang, ngày 05 tháng 01 năm 2026",
    "0" * 40,
    "9" * 12,
    "Họ và tên",
    "Ghi chú: danh sách có 3 người",
]

text = st.text(
    alphabet=st.one_of(
        st.characters(blacklist_categories=("Cs", "Cc", "Cn", "Co")),
        st.sampled_from("\n\t\u00a0\u200bàáạảãăằắặẳẵâđêôơự̀́̃̉"),
    ),
    max_size=30,
)
cell = st.one_of(
    st.none(),
    text,
    st.sampled_from(TRICKY),
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e15, max_value=1e15),
    st.dates(min_value=date(1900, 3, 1), max_value=date(2100, 12, 31)),
    st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(2100, 12, 31)),
    st.booleans(),
)
rows = st.lists(st.lists(cell, max_size=len(HEADER) + 2), max_size=8)
merge = st.one_of(
    st.none(),
    st.tuples(
        st.integers(min_value=2, max_value=8),
        st.integers(min_value=1, max_value=12),
        st.integers(min_value=0, max_value=2),
        st.integers(min_value=0, max_value=3),
    ),
)


def _check(result: ParseResult) -> None:  # type: ignore[type-arg]
    numbers = {r.row for r in result.rows}
    assert set(result.invalid_row_numbers) <= numbers
    assert {r.row for r in result.valid_rows}.isdisjoint(result.invalid_row_numbers)
    for r in result.rows:
        assert unicodedata.is_normalized("NFC", r.full_name)
        assert r.citizen_id is None or (r.citizen_id.isdigit() and len(r.citizen_id) in (9, 12))
    for issue in result.issues:
        assert issue.message


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=rows, merged=merge, title=st.booleans())
def test_junk_in_the_data_area_never_crashes(
    data: list[list[object]], merged: tuple[int, int, int, int] | None, title: bool
) -> None:
    content: list[list[object]] = [["DANH SÁCH"]] if title else []
    content.append(list(HEADER))
    content += data
    offset = len(content) - len(data)
    merges = []
    if merged is not None:
        row, col, down, right = merged
        first = row + offset
        merges.append(f"{_letter(col)}{first}:{_letter(col + right)}{first + down}")
    with tempfile.TemporaryDirectory() as folder:
        path = write_xlsx(Path(folder) / "rac.xlsx", content, merges=merges)
        for parse in (
            lambda: parse_staff(path, codes()),
            lambda: parse_grades(path, codes(), year=2025),
            lambda: parse_discipline(path, codes()),
        ):
            try:
                result = parse()
            except ImportFileError:
                continue
            _check(result)


def _letter(col: int) -> str:
    return chr(ord("A") + col - 1)
