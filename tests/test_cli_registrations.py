"""`tdkt export registration-form|registrations-*` and `tdkt import registrations`: exit codes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import text

from app.cli import EXIT_DATA, EXIT_OK, EXIT_USAGE, main
from app.domain.people import PersonInput
from app.domain.units import UnitInput
from app.services import campaigns as camp_svc
from app.services import people as people_svc
from app.services import registrations as reg_svc
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
        ids = [
            people_svc.create_person(
                s,
                PersonInput(ho_dem=ho_dem, ten=ten, birth_date=date(1980, 1, 2)),
                unit_id=unit,
                position_title=title,
            )
            for ho_dem, ten, unit, title in (
                ("Lê Bá", "Cảnh", vp.id, "Chánh Văn phòng"),
                ("Trần Thị", "Bình", vp.id, "Chuyên viên"),
                ("Hoàng Quốc", "Huy", kl.id, "Chi cục trưởng"),
            )
        ]
        campaign, _ = camp_svc.ensure_regular_campaign(s, 2026)
        reg_svc.register_person(s, campaign.id, ids[0], "CSTDCS")
        reg_svc.register_unit(s, campaign.id, vp.id, "TTLDXS")
    return database.url


def count(database, table: str) -> int:
    with database.engine.connect() as conn:
        return conn.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar_one()


def test_list_shows_the_registration_forms(capsys) -> None:
    assert main(["export", "--list"]) == EXIT_OK
    out = capsys.readouterr().out
    for code in (
        "registrations-individual",
        "registrations-collective",
        "registrations-summary",
        "registration-form",
    ):
        assert code in out


def test_export_registration_form_of_a_unit(db, tmp_path, capsys) -> None:
    out_file = tmp_path / "vp.xlsx"
    args = ["export", "registration-form", "--db", db, "--year", "2026", "--unit", "VP"]
    assert main([*args, "-o", str(out_file)]) == EXIT_OK
    assert "2 người" in capsys.readouterr().out
    wb = load_workbook(out_file)
    assert wb.sheetnames[:2] == ["Cá nhân", "Tập thể"]
    names = {c.value for c in wb["Cá nhân"]["B"] if c.value}
    assert {"Lê Bá Cảnh", "Trần Thị Bình"} <= names and "Hoàng Quốc Huy" not in names


def test_export_registration_form_for_every_unit(db, tmp_path, capsys) -> None:
    folder = tmp_path / "gui-don-vi"
    args = ["export", "registration-form", "--db", db, "--year", "2026", "--all"]
    assert main([*args, "-o", str(folder)]) == EXIT_OK
    assert sorted(p.name for p in folder.iterdir()) == ["CCKL.xlsx", "VP.xlsx"]
    assert "Đã xuất 2 bản đăng ký thi đua năm 2026" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["registration-form", "--year", "2026"], "cần --unit ĐƠN_VỊ hoặc --all"),
        (["registration-form", "--year", "2026", "--unit", "VP", "--all"], "không dùng cả hai"),
        (["registration-form", "--unit", "VP"], "cần --year NĂM"),
        (["staff-list", "--all"], "--all chỉ dùng với biểu mẫu registration-form"),
        (["registrations-summary", "--year", "2026", "--unit", "VP"], "không dùng tham số --unit"),
        (["registrations-individual", "--year", "99"], "năm 99 không hợp lệ"),
    ],
)
def test_export_usage_errors(db, tmp_path, capsys, extra, message) -> None:
    assert main(["export", *extra, "--db", db, "-o", str(tmp_path / "x.xlsx")]) == EXIT_USAGE
    assert message in capsys.readouterr().err


def test_export_all_into_a_file_name_is_a_usage_error(db, tmp_path, capsys) -> None:
    args = ["export", "registration-form", "--db", db, "--year", "2026", "--all"]
    assert main([*args, "-o", str(tmp_path / "a.xlsx")]) == EXIT_USAGE
    assert "-o là một thư mục" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("form", "unit"),
    [
        ("registrations-individual", None),
        ("registrations-individual", "VP"),
        ("registrations-collective", None),
        ("registrations-summary", None),
    ],
)
def test_export_lists(db, tmp_path, form, unit) -> None:
    out_file = tmp_path / f"{form}.xlsx"
    args = ["export", form, "--db", db, "--year", "2026", "-o", str(out_file)]
    if unit:
        args += ["--unit", unit]
    assert main(args) == EXIT_OK
    ws = load_workbook(out_file).worksheets[0]
    values = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert any("ĐĂNG KÝ THI ĐUA NĂM 2026" in v for v in values)


def test_export_unknown_unit_exits_1(db, tmp_path, capsys) -> None:
    args = ["export", "registration-form", "--db", db, "--year", "2026", "--unit", "KHONG"]
    assert main([*args, "-o", str(tmp_path / "x.xlsx")]) == EXIT_DATA
    assert "Không tìm thấy đơn vị" in capsys.readouterr().err


def test_import_round_trip_and_dry_run(db, database, tmp_path, capsys, private_data_dir) -> None:
    path = tmp_path / "vp.xlsx"
    base = ["export", "registration-form", "--db", db, "--year", "2026", "--unit", "VP"]
    assert main([*base, "-o", str(path)]) == EXIT_OK
    wb = load_workbook(path)
    ws = wb["Cá nhân"]
    row = next(c.row for c in ws["B"] if c.value == "Trần Thị Bình")
    ws.cell(row, 8).value = "Lao động tiên tiến"
    wb.save(path)
    capsys.readouterr()
    before = count(database, "registration")
    args = ["import", "registrations", str(path), "--db", db, "--year", "2026"]
    assert main([*args, "--dry-run"]) == EXIT_OK
    out = capsys.readouterr().out
    assert "Sẽ thêm 1, thay đổi 0, bỏ 0, giữ nguyên 2." in out and "--dry-run" in out
    assert count(database, "registration") == before
    backups = private_data_dir / "backups"
    assert not backups.exists() or not any(backups.glob("*truoc-nhap*"))
    assert main(args) == EXIT_OK
    assert "Đã thêm 1" in capsys.readouterr().out
    assert count(database, "registration") == before + 1
    if database.file is not None:  # SQLite: a copy is made before writing
        assert len(list(backups.glob("*truoc-nhap*"))) == 1


def test_import_invalid_file_exits_1_and_writes_nothing(db, database, tmp_path, capsys) -> None:
    wb = Workbook()
    wb.active.append(["STT", "Họ và tên", "Ngày sinh", "Danh hiệu đăng ký"])
    wb.active.append([1, "Trần Thị Bình", "02/01/1980", "LĐTT"])
    wb.active.append([2, "Người Lạ", "02/01/1980", "LĐTT"])
    path = tmp_path / "loi.xlsx"
    wb.save(path)
    before = (count(database, "registration"), count(database, "audit_log"))
    args = ["import", "registrations", str(path), "--db", db, "--year", "2026"]
    assert main(args) == EXIT_DATA
    out = capsys.readouterr().out
    assert "dòng 3, cột B: Không tìm thấy cán bộ 'Người Lạ'" in out
    assert "KHÔNG ghi gì vào CSDL" in out
    assert (count(database, "registration"), count(database, "audit_log")) == before


def test_import_text_file_exits_1(db, tmp_path, capsys) -> None:
    path = tmp_path / "gia.xlsx"
    path.write_text("không phải Excel", encoding="utf-8")
    args = ["import", "registrations", str(path), "--db", db, "--year", "2026"]
    assert main(args) == EXIT_DATA
    assert "Lỗi:" in capsys.readouterr().err


@pytest.mark.parametrize("extra", [[], ["--year", "1800"]])
def test_import_usage_errors(db, tmp_path, extra) -> None:
    args = ["import", "registrations", str(tmp_path / "x.xlsx"), "--db", db, *extra]
    if not extra:
        with pytest.raises(SystemExit) as exc:
            main(args)
        assert exc.value.code == EXIT_USAGE
    else:
        assert main(args) == EXIT_USAGE
