"""`tdkt export`: list the forms, export one, exit codes and Vietnamese messages."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.cli import EXIT_DATA, EXIT_OK, EXIT_USAGE, main
from app.domain.people import PersonInput
from app.domain.units import UnitInput
from app.excel.forms.save import lock_file_of
from app.services import people as people_svc
from app.services import units as unit_svc


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setenv("TDKT_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def db(database) -> str:
    with database.session_factory.begin() as s:
        root = unit_svc.create_unit(s, UnitInput(code="SO", full_name="Sở", kind="CO_QUAN"))
        vp = unit_svc.create_unit(
            s, UnitInput(code="VP", full_name="Văn phòng Sở", parent_id=root.id, kind="VAN_PHONG")
        )
        kl = unit_svc.create_unit(
            s,
            UnitInput(code="CCKL", full_name="Chi cục Kiểm lâm", parent_id=root.id, kind="CHI_CUC"),
        )
        for ho_dem, ten, unit, title in (
            ("Lê Bá", "Cảnh", vp.id, "Chánh Văn phòng"),
            ("Trần Thị", "Bình", vp.id, "Chuyên viên"),
            ("Hoàng Quốc", "Huy", kl.id, "Chi cục trưởng"),
        ):
            people_svc.create_person(
                s,
                PersonInput(ho_dem=ho_dem, ten=ten, birth_date=date(1980, 1, 2)),
                unit_id=unit,
                position_title=title,
            )
    return database.url


def test_list(capsys) -> None:
    assert main(["export", "--list"]) == EXIT_OK
    out = capsys.readouterr().out
    assert "staff-list" in out and "Danh sách cán bộ" in out


def test_export_staff_list_of_a_unit(db, tmp_path, capsys) -> None:
    out_file = tmp_path / "out.xlsx"
    code = main(["export", "staff-list", "--db", db, "--unit", "VP", "-o", str(out_file)])
    assert code == EXIT_OK
    assert out_file.is_file()
    printed = capsys.readouterr().out
    assert "Đã xuất 'Danh sách cán bộ', 2 người" in printed and "Mẫu:" in printed
    ws = load_workbook(out_file).worksheets[0]
    names = {c.value for c in ws["B"] if c.value}
    assert {"Lê Bá Cảnh", "Trần Thị Bình"} <= names and "Hoàng Quốc Huy" not in names


def test_export_whole_agency_with_date(db, tmp_path) -> None:
    out_file = tmp_path / "all.xlsx"
    args = ["export", "staff-list", "--db", db, "--date", "15/06/2026", "-o", str(out_file)]
    assert main(args) == EXIT_OK
    ws = load_workbook(out_file).worksheets[0]
    values = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert "(Tính đến ngày 15/06/2026; tổng số: 3 người)" in values


def test_unknown_unit_exits_1(db, tmp_path, capsys) -> None:
    out_file = tmp_path / "x.xlsx"
    assert (
        main(["export", "staff-list", "--db", db, "--unit", "KHONGCO", "-o", str(out_file)])
        == EXIT_DATA
    )
    assert "Không tìm thấy đơn vị" in capsys.readouterr().err
    assert not out_file.exists()


def test_unknown_form_exits_2(tmp_path, capsys) -> None:
    assert main(["export", "khong-co", "-o", str(tmp_path / "x.xlsx")]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert "Không có biểu mẫu 'khong-co'" in err and "staff-list" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["export"], "thiếu mã biểu mẫu"),
        (["export", "staff-list"], "thiếu -o"),
        (["export", "staff-list", "--year", "2025", "-o", "x.xlsx"], "không dùng tham số --year"),
    ],
)
def test_usage_errors(args, message, capsys) -> None:
    assert main(args) == EXIT_USAGE
    assert message in capsys.readouterr().err


def test_bad_date_is_a_usage_error(capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["export", "staff-list", "--date", "31/02/2026", "-o", "x.xlsx"])
    assert exc.value.code == EXIT_USAGE


def test_missing_database_file_exits_1(tmp_path, capsys) -> None:
    missing = tmp_path / "khong-co.sqlite"
    args = ["export", "staff-list", "--db", str(missing), "-o", str(tmp_path / "x.xlsx")]
    assert main(args) == EXIT_DATA
    assert "không tìm thấy CSDL" in capsys.readouterr().err
    assert not missing.exists()


def test_target_open_in_excel_exits_1_and_keeps_the_file(db, tmp_path, capsys) -> None:
    out_file = tmp_path / "out.xlsx"
    out_file.write_bytes(b"old")
    lock_file_of(out_file).write_bytes(b"")
    assert main(["export", "staff-list", "--db", db, "-o", str(out_file)]) == EXIT_DATA
    assert "đang mở trong Excel" in capsys.readouterr().err
    assert out_file.read_bytes() == b"old"
