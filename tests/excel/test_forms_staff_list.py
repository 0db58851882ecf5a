"""Form "Danh sách cán bộ": content written from the service's DTOs."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from app.domain.settings import AgencySettings
from app.excel.forms import registry, staff_list
from app.excel.forms.registry import UnknownFormError, export_form, get_form
from app.services.reports import StaffGroup, StaffLine, StaffListData


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setenv("TDKT_DATA_DIR", str(folder))
    return folder


def _line(pid: int, name: str, unit: str, **kw) -> StaffLine:
    values = {
        "person_id": pid,
        "full_name": name,
        "gender": "Nam",
        "birth_date": None,
        "birth_year": None,
        "position_title": "Chuyên viên",
        "unit_id": 1,
        "unit_name": unit,
        "note": "",
    }
    values.update(kw)
    return StaffLine(**values)


def _data() -> StaffListData:
    vp = StaffGroup(
        unit_id=1,
        name="Văn phòng Sở",
        lines=(
            _line(
                1,
                "Lê Bá Cảnh",
                "Văn phòng Sở",
                position_title="Chánh Văn phòng",
                birth_date=date(1980, 8, 28),
            ),
            _line(
                2,
                "Nguyễn Lan Hoa",
                "Văn phòng Sở",
                gender="Nữ",
                birth_year=1981,
                note="Nghỉ thai sản",
            ),
        ),
    )
    hat = StaffGroup(
        unit_id=2,
        name="Hạt Kiểm lâm khu vực I (thuộc Chi cục Kiểm lâm)",
        lines=(_line(3, "Trần Văn Ba", "Hạt Kiểm lâm khu vực I", unit_id=2),),
    )
    return StaffListData(
        agency=AgencySettings(place="Tuyên Quang", signer_name="Nguyễn Văn Thành"),
        on=date(2026, 6, 15),
        unit_id=None,
        scope=None,
        groups=(vp, hat),
    )


def _table(ws) -> list[tuple]:
    header = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "STT")
    rows = []
    for r in range(header + 2, ws.max_row + 1):
        values = tuple(ws.cell(r, c).value for c in range(1, 8))
        if values == (None,) * 7:
            break
        rows.append(values)
    return rows


def test_rows_grouped_by_unit_with_running_numbers(tmp_path) -> None:
    result = export_form("staff-list", _data(), tmp_path / "ds.xlsx")
    assert result.path == (tmp_path / "ds.xlsx").absolute()
    assert result.form.name == "Danh sách cán bộ"
    ws = load_workbook(result.path).worksheets[0]
    rows = _table(ws)
    assert [r[:2] for r in rows] == [
        ("I", "Văn phòng Sở"),
        (1, "Lê Bá Cảnh"),
        (2, "Nguyễn Lan Hoa"),
        ("II", "Hạt Kiểm lâm khu vực I (thuộc Chi cục Kiểm lâm)"),
        (3, "Trần Văn Ba"),
    ]
    assert rows[1] == (
        1,
        "Lê Bá Cảnh",
        "Nam",
        datetime(1980, 8, 28),
        "Chánh Văn phòng",
        "Văn phòng Sở",
        None,
    )
    assert rows[2][2:] == ("Nữ", 1981, "Chuyên viên", "Văn phòng Sở", "Nghỉ thai sản")


def test_group_rows_are_bold_and_merged(tmp_path) -> None:
    path = export_form("staff-list", _data(), tmp_path / "ds.xlsx").path
    ws = load_workbook(path).worksheets[0]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "I")
    assert ws.cell(row, 1).font.b and ws.cell(row, 2).font.b
    assert f"B{row}:G{row}" in {str(m) for m in ws.merged_cells.ranges}
    assert not ws.cell(row + 1, 2).font.b


def test_birth_date_and_year_formats(tmp_path) -> None:
    path = export_form("staff-list", _data(), tmp_path / "ds.xlsx").path
    ws = load_workbook(path).worksheets[0]
    full = next(c for c in ws["D"] if isinstance(c.value, datetime))
    assert full.number_format == "dd/mm/yyyy" and full.is_date
    year = next(c for c in ws["D"] if c.value == 1981)
    assert year.data_type == "n" and year.number_format == "0"
    assert year.alignment.horizontal == "center"


def test_empty_list(tmp_path) -> None:
    data = StaffListData(
        agency=AgencySettings(), on=date(2026, 1, 5), unit_id=None, scope=None, groups=()
    )
    ws = load_workbook(export_form("staff-list", data, tmp_path / "x.xlsx").path).worksheets[0]
    values = [c.value for row in ws.iter_rows() for c in row if c.value]
    assert "Không có cán bộ nào." in values
    assert "(Tính đến ngày 05/01/2026; tổng số: 0 người)" in values


@pytest.mark.parametrize(
    ("n", "text"), [(1, "I"), (4, "IV"), (9, "IX"), (14, "XIV"), (39, "XXXIX")]
)
def test_roman(n, text) -> None:
    assert staff_list.roman(n) == text


def test_registry() -> None:
    form = get_form("staff-list")
    assert form.takes("unit") and form.takes("date") and not form.takes("year")
    assert form.landscape and form.default_file_name().endswith(".xlsx")
    assert [f.code for f in registry.FORMS] == registry.form_codes()
    with pytest.raises(UnknownFormError) as exc:
        get_form("khong-co")
    assert "Không có biểu mẫu 'khong-co'" in str(exc.value)
    assert "staff-list" in str(exc.value)
