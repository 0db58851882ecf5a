"""Identity is never guessed (issue 11): the Hùng/Hưng case, a staff code of another person,
identity changes that need --update-identity, suggestions accepted with --accept-suggestion."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import create_engine, text

from app.cli import main
from app.domain.people import PersonInput
from app.domain.units import UnitInput
from app.services import units as unit_svc
from app.services.people import create_person

TABLES = ("person", "award_record", "initiative_author", "discipline", "person_grade")


@pytest.fixture
def db(database) -> str:
    with database.session_factory.begin() as s:
        root = unit_svc.create_unit(
            s, UnitInput(code="SO", full_name="Sở Nông nghiệp và Môi trường", kind="CO_QUAN")
        )
        vp = unit_svc.create_unit(s, UnitInput(code="VP", full_name="Văn phòng", parent_id=root.id))
        create_person(
            s,
            PersonInput(
                ho_dem="Nguyễn Văn", ten="Hưng", birth_date=date(1980, 3, 12), staff_code="CB01"
            ),
            unit_id=vp.id,
        )
        create_person(
            s,
            PersonInput(
                ho_dem="Lê Thị", ten="Thanh", birth_date=date(1985, 6, 1), staff_code="CB02"
            ),
            unit_id=vp.id,
        )
    url = database.url
    database.dispose()
    return url


def snapshot(url: str) -> dict[str, list[tuple]]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return {
                t: [tuple(r) for r in conn.execute(text(f"SELECT * FROM {t} ORDER BY 1, 2"))]
                for t in TABLES
            }
    finally:
        engine.dispose()


def people(url: str) -> list[tuple]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return [
                tuple(r)
                for r in conn.execute(
                    text("SELECT full_name, birth_date, staff_code FROM person ORDER BY id")
                )
            ]
    finally:
        engine.dispose()


def xlsx(path: Path, rows: list[list]) -> Path:
    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


AWARD_HEADER = ["STT", "Họ và tên", "Ngày sinh", "Đơn vị", "Năm", "Danh hiệu", "Số QĐ", "Ngày QĐ"]


def hung_award(tmp_path: Path) -> Path:
    return xlsx(
        tmp_path / "kt.xlsx",
        [
            AWARD_HEADER,
            [
                1,
                "Nguyễn Văn Hùng",
                "12/03/1980",
                "Văn phòng",
                2024,
                "LĐTT",
                "1/QĐ-SNN",
                "10/01/2025",
            ],
        ],
    )


def test_an_award_for_hung_is_not_stored_on_hung(db: str, tmp_path: Path, capsys) -> None:
    path = hung_award(tmp_path)
    before = snapshot(db)
    assert main(["import", "awards", str(path), "--db", db]) == 1
    out = capsys.readouterr().out
    assert "có phải Nguyễn Văn Hưng (12/03/1980" in out
    assert "--accept-suggestion 2" in out
    assert snapshot(db) == before


def test_the_clerk_accepts_the_suggestion(db: str, tmp_path: Path, capsys) -> None:
    path = hung_award(tmp_path)
    assert main(["import", "awards", str(path), "--db", db, "--accept-suggestion", "2"]) == 0
    engine = create_engine(db)
    with engine.connect() as conn:
        owner = conn.execute(
            text(
                "SELECT p.full_name FROM award_record a JOIN person p ON p.id = a.person_id "
                "WHERE a.catalogue_code = 'LDTT'"
            )
        ).scalar_one()
    engine.dispose()
    assert owner == "Nguyễn Văn Hưng"


def test_an_initiative_author_hung_is_not_hung(db: str, tmp_path: Path, capsys) -> None:
    path = xlsx(
        tmp_path / "sk.xlsx",
        [
            ["STT", "Tên sáng kiến", "Ngày công nhận", "Tác giả", "Số QĐ"],
            [1, "Sổ tay số hóa hồ sơ", "10/10/2024", "Nguyễn Văn Hùng", "5/QĐ-SNN"],
        ],
    )
    before = snapshot(db)
    assert main(["import", "initiatives", str(path), "--db", db]) == 1
    assert "có phải Nguyễn Văn Hưng" in capsys.readouterr().out
    assert snapshot(db) == before


def wrong_code_rows(kind: str) -> list[list]:
    if kind == "discipline":
        return [
            ["STT", "Họ và tên", "Ngày sinh", "Mã cán bộ", "Hình thức kỷ luật", "Từ ngày"],
            [1, "Hoàng Khánh Hiền", "10/05/1981", "CB02", "Cảnh cáo", "01/03/2025"],
        ]
    if kind == "grades":
        return [
            ["STT", "Họ và tên", "Ngày sinh", "Mã cán bộ", "Xếp loại"],
            [1, "Hoàng Khánh Hiền", "10/05/1981", "CB02", "Không hoàn thành nhiệm vụ"],
        ]
    if kind == "awards":
        return [
            ["STT", "Họ và tên", "Ngày sinh", "Mã cán bộ", "Năm", "Danh hiệu", "Số QĐ"],
            [1, "Hoàng Khánh Hiền", "10/05/1981", "CB02", 2025, "CSTĐCS", "3/QĐ-SNN"],
        ]
    return [
        ["STT", "Họ và tên", "Ngày sinh", "Mã cán bộ", "Đơn vị"],
        [1, "Hoàng Khánh Hiền", "10/05/1981", "CB02", "Văn phòng"],
    ]


@pytest.mark.parametrize("kind", ["staff", "grades", "discipline", "awards"])
def test_a_row_with_another_persons_staff_code_changes_nothing(
    db: str, tmp_path: Path, capsys, kind: str
) -> None:
    path = xlsx(tmp_path / f"{kind}.xlsx", wrong_code_rows(kind))
    args = ["import", kind, str(path), "--db", db]
    if kind == "grades":
        args += ["--year", "2025"]
    before = snapshot(db)
    assert main(args) == 1
    out = capsys.readouterr().out
    assert "Lê Thị Thanh" in out and "Hoàng Khánh Hiền" in out
    assert snapshot(db) == before
    assert main([*args, "--skip-invalid"]) == 0  # the row is skipped, never applied to Thanh
    after = snapshot(db)
    assert after["discipline"] == before["discipline"]
    assert after["person_grade"] == before["person_grade"]
    assert after["award_record"] == before["award_record"]
    assert ("Lê Thị Thanh", "1985-06-01", "CB02") in people(db)


def test_identity_changes_need_confirmation(db: str, tmp_path: Path, capsys) -> None:
    path = xlsx(
        tmp_path / "cb.xlsx",
        [
            ["STT", "Họ và tên", "Ngày sinh", "Mã cán bộ", "Đơn vị"],
            [1, "Lê Thị Thanh Hà", "01/06/1985", "CB02", "Văn phòng"],
        ],
    )
    before = snapshot(db)
    assert main(["import", "staff", str(path), "--db", db, "--dry-run"]) == 1
    out = capsys.readouterr().out
    assert "họ tên: Lê Thị Thanh → Lê Thị Thanh Hà" in out
    assert "--update-identity" in out
    assert main(["import", "staff", str(path), "--db", db]) == 1
    assert snapshot(db) == before
    assert main(["import", "staff", str(path), "--db", db, "--update-identity"]) == 0
    assert ("Lê Thị Thanh Hà", "1985-06-01", "CB02") in people(db)


def test_a_staff_list_with_a_near_name_asks_before_adding(db: str, tmp_path: Path, capsys) -> None:
    path = xlsx(
        tmp_path / "cb.xlsx",
        [
            ["STT", "Họ và tên", "Ngày sinh", "Đơn vị"],
            [1, "Nguyễn Văn Hùng", "12/03/1980", "Văn phòng"],
        ],
    )
    before = snapshot(db)
    assert main(["import", "staff", str(path), "--db", db]) == 1
    assert "có phải Nguyễn Văn Hưng" in capsys.readouterr().out
    assert snapshot(db) == before
    # accepted: the row is Hưng; his name is kept (a name change needs --update-identity)
    assert main(["import", "staff", str(path), "--db", db, "--accept-suggestion", "2"]) == 0
    assert len(people(db)) == 2
    # or the clerk says it is somebody new
    assert main(["import", "staff", str(path), "--db", db, "--as-new", "2"]) == 0
    assert ("Nguyễn Văn Hùng", "1980-03-12", None) in people(db)
    assert ("Nguyễn Văn Hưng", "1980-03-12", "CB01") in people(db)


def test_bad_row_numbers_are_a_usage_error(db: str, tmp_path: Path) -> None:
    path = hung_award(tmp_path)
    with pytest.raises(SystemExit) as exc:
        main(["import", "awards", str(path), "--db", db, "--accept-suggestion", "hai"])
    assert exc.value.code == 2


@pytest.mark.parametrize("unit", ["Campuchia", "BQLDA", "Khoa Nhi"])
def test_unit_names_without_diacritics_are_unknown_units_not_a_crash(
    db: str, tmp_path: Path, capsys, unit: str
) -> None:
    path = xlsx(
        tmp_path / "cb.xlsx",
        [["STT", "Họ và tên", "Ngày sinh", "Đơn vị"], [1, "Đào Thị Mai", "02/02/1992", unit]],
    )
    before = snapshot(db)
    assert main(["import", "staff", str(path), "--db", db]) == 1  # unknown units stop it
    assert unit in capsys.readouterr().out
    assert snapshot(db) == before
    assert main(["import", "staff", str(path), "--db", db, "--create-units", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Đơn vị sẽ tạo mới:" in out and "đã tạo" not in out  # a dry run creates nothing
    assert snapshot(db) == before
    assert main(["import", "staff", str(path), "--db", db, "--create-units"]) == 0
    assert "Đơn vị đã tạo mới:" in capsys.readouterr().out
    engine = create_engine(db)
    with engine.connect() as conn:
        placed = conn.execute(
            text(
                "SELECT u.full_name FROM assignment a JOIN person p ON p.id = a.person_id "
                "JOIN unit u ON u.id = a.unit_id WHERE p.full_name = 'Đào Thị Mai'"
            )
        ).scalar_one()
    engine.dispose()
    assert placed == unit
