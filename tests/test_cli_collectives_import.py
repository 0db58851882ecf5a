"""Issue 11, acceptance: 385 collectives under 30 parent units in the province's "file nhận"
layout go in as award history with a decision number, each on its own unit under its parent."""

from __future__ import annotations

from contextlib import nullcontext
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.orm import Session

from app.cli import main
from app.db.models import AwardRecord, Unit
from app.domain.collectives import unit_key
from app.domain.units import UnitInput
from app.services import units as unit_svc

ROOT = "Sở Y tế"
DEPARTMENTS = (
    "Khoa Dược",
    "Phòng Kế hoạch - Tài chính",
    "Khoa Khám bệnh",
    "Khoa Nội",
    "Khoa Ngoại",
    "Khoa Nhi",
    "Khoa Sản",
    "Khoa Xét nghiệm",
    "Khoa Chẩn đoán hình ảnh",
    "Khoa Hồi sức cấp cứu",
    "Phòng Tổ chức - Hành chính",
    "Phòng Điều dưỡng",
    "Khoa Kiểm soát nhiễm khuẩn",
)
PARENTS = tuple(
    f"Bệnh viện Đa khoa khu vực {n} - Quảng Bình" if n % 3 == 0 else f"Trung tâm Y tế huyện {n}"
    for n in range(1, 31)
)
IN_DATABASE = PARENTS[:20]  # the other 10 parents are new to the database
HEADER = [
    "STT",
    "Tên gọi\n(Ông/Bà/Chức danh)",
    "Tên tập thể/cá nhân/hộ gia đình",
    "Chức vụ",
    "Đơn vị công tác",
    "Phân loại khen thưởng",
    "Danh hiệu thi đua/Hình thức khen thưởng",
    "Phân loại đối tượng",
    "Lĩnh vực hoạt động",
]


def collectives() -> list[tuple[str, str]]:
    """(department, parent): 25 parents with 13 departments and 5 with 12 = 385."""
    out = [(d, p) for i, p in enumerate(PARENTS) for d in DEPARTMENTS[: 13 if i < 25 else 12]]
    assert len(out) == 385
    return out


def as_written(text: str, n: int) -> str:
    """How units write a name: leading spaces, an en dash, capitals, or as it is."""
    return ("   " + text, text.replace(" - ", " – "), text.upper(), text)[n % 4]


def nomination_file(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "file nhận"
    ws.append(["DANH SÁCH TẬP THỂ ĐỀ NGHỊ KHEN THƯỞNG NĂM 2023"])
    ws.append(["(Kèm theo Tờ trình số 45/TTr-SYT ngày 20/12/2023 của Sở Y tế)"])
    ws.append(HEADER)
    for n, (department, parent) in enumerate(collectives(), start=1):
        ws.append(
            [
                n,
                None,
                as_written(department, n + 1),
                None,
                as_written(parent, n),
                "Khen thưởng tập thể",
                "Tập thể lao động tiên tiến" if n % 5 else "Tập thể lao động xuất sắc",
                "Đơn vị sự nghiệp",
                "Y tế",
            ]
        )
    wb.save(path)
    return path


@pytest.fixture
def db(database) -> str:
    with database.session_factory.begin() as s:
        root = unit_svc.create_unit(s, UnitInput(code="SYT", full_name=ROOT, kind="CO_QUAN"))
        unit_svc.create_unit(
            s, UnitInput(code="KHTC", full_name="Phòng Kế hoạch - Tài chính", parent_id=root.id)
        )
        for n, name in enumerate(IN_DATABASE):
            parent = unit_svc.create_unit(
                s, UnitInput(code=f"P{n:02d}", full_name=name, parent_id=root.id)
            )
            if n < 5:  # a few departments are in the tree already
                for m, dept in enumerate(DEPARTMENTS[:2]):
                    unit_svc.create_unit(
                        s, UnitInput(code=f"P{n:02d}D{m}", full_name=dept, parent_id=parent.id)
                    )
    url = database.url
    database.dispose()
    return url


def counts(url: str) -> dict[str, int]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return {
                t: conn.execute(text(f"SELECT COUNT(*) FROM {t}")).scalar_one()
                for t in ("unit", "award_record", "decision", "audit_log")
            }
    finally:
        engine.dispose()


ARGS = ["--year", "2023", "--decision", "123/QĐ-UBND", "--date", "15/01/2024"]


def test_385_collectives_under_30_parents(db: str, tmp_path: Path, capsys) -> None:
    path = nomination_file(tmp_path / "MauTDKT.xlsx")
    before = counts(db)

    # A nomination list is not an award list without the decision that awarded it.
    assert main(["import", "awards", str(path), "--db", db, "--year", "2023"]) == 1
    err = capsys.readouterr().err
    assert "Đây là danh sách đề nghị, chưa có số quyết định" in err
    assert "--decision SỐ --date dd/mm/yyyy" in err
    assert counts(db) == before

    # Without --create-units the new collectives stop the import, nothing written.
    assert main(["import", "awards", str(path), "--db", db, *ARGS]) == 1
    out = capsys.readouterr().out
    assert "KHÔNG ghi gì" in out and "--create-units" in out
    assert "Trùng với dòng" not in out
    assert counts(db) == before

    assert main(["import", "awards", str(path), "--db", db, *ARGS, "--create-units"]) == 0
    out = capsys.readouterr().out
    assert "Đã thêm 385" in out
    after = counts(db)
    assert after["award_record"] == before["award_record"] + 385
    # 10 new parents, 385 collectives of which 10 were in the tree already
    assert after["unit"] == before["unit"] + 10 + 375

    engine = create_engine(db)
    try:
        with Session(engine) as s:
            units = {u.id: u for u in s.scalars(select(Unit))}
            records = s.scalars(select(AwardRecord)).all()
            root = next(u for u in units.values() if u.parent_id is None)
            own_room = next(u for u in units.values() if u.code == "KHTC")
            assert s.scalar(select(func.count()).where(AwardRecord.unit_id == own_room.id)) == 0
    finally:
        engine.dispose()
    assert len({r.unit_id for r in records}) == 385
    placed = {
        (
            unit_key(units[r.unit_id].full_name),
            unit_key(units[units[r.unit_id].parent_id].full_name),
        )
        for r in records
    }
    assert placed == {(unit_key(d), unit_key(p)) for d, p in collectives()}
    parents = {units[units[r.unit_id].parent_id].id for r in records}
    assert len(parents) == 30 and all(units[p].parent_id == root.id for p in parents)
    assert {(r.decision_number, r.decision_date, r.year) for r in records} == {
        ("123/QĐ-UBND", date(2024, 1, 15), 2023)
    }
    # The new parents keep the spelling with diacritics, not the capitals of some rows.
    assert not any(units[p].full_name.isupper() for p in parents)

    # Again: nothing new.
    assert main(["import", "awards", str(path), "--db", db, *ARGS, "--create-units"]) == 0
    assert "giữ nguyên 385" in capsys.readouterr().out
    assert counts(db)["unit"] == after["unit"]
    assert counts(db)["award_record"] == after["award_record"]


@pytest.mark.parametrize(
    "args",
    [["--decision", "123/QĐ-UBND"], ["--date", "15/01/2024"], ["--date", "31/02/2024"]],
)
def test_decision_and_date_go_together(db: str, tmp_path: Path, capsys, args) -> None:
    path = nomination_file(tmp_path / "MauTDKT.xlsx")
    with pytest.raises(SystemExit) if "31/02/2024" in args else nullcontext():
        assert main(["import", "awards", str(path), "--db", db, *args]) == 2
    assert counts(db)["award_record"] == 0


def test_unit_grades_create_units_flag(db: str, tmp_path: Path, capsys) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["STT", "Tên đơn vị", "Đơn vị cấp trên", "Năm", "Xếp loại"])
    ws.append([1, "Khoa Dược", PARENTS[0], 2023, "HTXSNV"])
    ws.append([2, "Khoa Dược", PARENTS[25], 2023, "HTTNV"])
    path = tmp_path / "xl.xlsx"
    wb.save(path)
    before = counts(db)
    assert main(["import", "unit-grades", str(path), "--db", db]) == 1
    assert counts(db) == before
    assert main(["import", "unit-grades", str(path), "--db", db, "--create-units"]) == 0
    out = capsys.readouterr().out
    assert f"Khoa Dược ({PARENTS[25]})" in out
    assert counts(db)["unit"] == before["unit"] + 2  # the parent and its department
