"""`tdkt import ... --convert-legacy`: a TCVN3/VNI file is refused without it, converted with it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from app.cli import build_parser, main
from app.commands.legacy import MAX_LINES, conversion_lines
from app.domain.legacy_text import TCVN3, VNI, TextConversion
from app.domain.units import UnitInput
from app.services import units as unit_svc

sys.path.insert(0, str(Path(__file__).resolve().parent / "excel"))
from xlsx_factory import write_xlsx

# A staff list typed in TCVN3 with the .VnTime font: title, header, three people.
ROWS: list[list[object]] = [
    ["DANH S¸CH C¸N Bé N¡M 2025"],
    [],
    ["STT", "Hä vµ tªn", "Ngµy sinh", "Chøc vô", "§¬n vÞ c«ng t¸c"],
    [1, "NguyÔn V¨n An", "15/03/1980", "Gi¸m ®èc", "Ban Gi¸m ®èc"],
    [2, "Hå Lan", "05/02/1985", "Tr\u00adëng phßng", "V¨n phßng"],
    [3, "Vò ThÞ Thu", "12/12/1990", "Chuyªn viªn", "V¨n phßng"],
]


@pytest.fixture
def db(database) -> str:
    with database.session_factory.begin() as s:
        root = unit_svc.create_unit(
            s, UnitInput(code="SO", full_name="Sở Nông nghiệp và Môi trường", kind="CO_QUAN")
        )
        for code, name in (("BGD", "Ban Giám đốc"), ("VP", "Văn phòng")):
            unit_svc.create_unit(s, UnitInput(code=code, full_name=name, parent_id=root.id))
    url = database.url
    database.dispose()
    return url


def people(url: str) -> list[tuple[str, str]]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return [
                (r[0], r[1])
                for r in conn.execute(text("SELECT full_name, ten FROM person ORDER BY id"))
            ]
    finally:
        engine.dispose()


@pytest.fixture
def tcvn3_file(tmp_path: Path) -> Path:
    fonts = {
        f"{'ABCDE'[c]}{r}": ".VnTime"
        for r, row in enumerate(ROWS, start=1)
        for c, value in enumerate(row)
        if value is not None
    }
    return write_xlsx(tmp_path / "ds-tcvn3.xlsx", ROWS, fonts=fonts)


def test_staff_dry_run_refused_without_the_option(db: str, tcvn3_file: Path, capsys) -> None:
    assert main(["import", "staff", str(tcvn3_file), "--db", db, "--dry-run"]) == 1
    err = capsys.readouterr().err
    assert "TCVN3" in err
    assert "'NguyÔn V¨n An' → 'Nguyễn Văn An'" in err
    assert "--convert-legacy" in err
    assert "Traceback" not in err
    assert people(db) == []


def test_staff_dry_run_with_the_option_lists_the_conversions(
    db: str, tcvn3_file: Path, capsys
) -> None:
    code = main(["import", "staff", str(tcvn3_file), "--db", db, "--dry-run", "--convert-legacy"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "Đã chuyển 14 ô từ bảng mã cũ TCVN3 (ABC) sang Unicode:" in out
    assert "dòng 4, cột 'Họ và tên' (B): 'NguyÔn V¨n An' → 'Nguyễn Văn An'" in out
    assert "dòng 5, cột 'Họ và tên' (B): 'Hå Lan' → 'Hồ Lan'" in out
    assert people(db) == []


def test_staff_import_stores_unicode(db: str, tcvn3_file: Path, capsys) -> None:
    assert main(["import", "staff", str(tcvn3_file), "--db", db, "--convert-legacy"]) == 0
    assert people(db) == [("Nguyễn Văn An", "An"), ("Hồ Lan", "Lan"), ("Vũ Thị Thu", "Thu")]


def test_every_import_command_takes_the_option() -> None:
    parser = build_parser()
    extra = {"grades": ["--year", "2025"], "registrations": ["--year", "2025"]}
    for what in (
        "staff",
        "grades",
        "discipline",
        "awards",
        "initiatives",
        "unit-grades",
        "registrations",
    ):
        args = parser.parse_args(
            ["import", what, "f.xlsx", "--convert-legacy", *extra.get(what, [])]
        )
        assert args.convert_legacy is True
        args = parser.parse_args(["import", what, "f.xlsx", *extra.get(what, [])])
        assert args.convert_legacy is False


def test_history_import_refused_without_the_option(db: str, tmp_path: Path, capsys) -> None:
    path = write_xlsx(
        tmp_path / "kt.xlsx",
        [
            ["STT", "Tªn ®¬n vÞ", "N¨m", "XÕp lo¹i"],
            [1, "V¨n phßng", 2024, "Hoµn thµnh xuÊt s¾c nhiÖm vô"],
        ],
    )
    assert main(["import", "unit-grades", str(path), "--db", db, "--dry-run"]) == 1
    assert "--convert-legacy" in capsys.readouterr().err
    code = main(["import", "unit-grades", str(path), "--db", db, "--dry-run", "--convert-legacy"])
    out = capsys.readouterr().out
    assert "'V¨n phßng' → 'Văn phòng'" in out
    assert code == 0, out


def test_report_lines_are_capped() -> None:
    items = [
        TextConversion(r, "B", "Họ và tên", f"Hå Lan {r}", f"Hồ Lan {r}", TCVN3)
        for r in range(2, 32)
    ] + [TextConversion(40, "C", "", "Vieät", "Việt", VNI, sheet="DS")]
    lines = conversion_lines(items)
    assert lines[0] == "Đã chuyển 31 ô từ bảng mã cũ TCVN3 (ABC) và VNI sang Unicode:"
    assert lines[1] == "  dòng 2, cột 'Họ và tên' (B): 'Hå Lan 2' → 'Hồ Lan 2'"
    assert len(lines) == 1 + MAX_LINES + 1
    assert lines[-1] == "  ... và 11 ô khác"
    assert conversion_lines(items[-1:]) == [
        "Đã chuyển 1 ô từ bảng mã cũ VNI sang Unicode:",
        "  trang 'DS', dòng 40, cột C: 'Vieät' → 'Việt'",
    ]
    assert conversion_lines([]) == []
