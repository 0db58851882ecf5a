"""A staff import reads the people it matches in bulk: the number of queries does not grow with
the rows, whether the import only previews (dry run) or writes, and both say the same."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import event, select

from app.db.models import Assignment, Person
from app.domain.imports import ImportOptions
from app.domain.units import UnitInput
from app.excel.people_import import parse_staff
from app.services import people_import as svc
from app.services import units as unit_svc
from app.services.reference import codes

HEADER = ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Chức vụ", "Đơn vị", "Mã cán bộ"]
GIVEN = ["An", "Bình", "Chi", "Dung", "Giang", "Hà", "Khoa", "Lan", "Minh", "Nga"]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm"]


def write_xlsx(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(["DANH SÁCH CÁN BỘ"])
    ws.append([])
    ws.append(header)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def _rows(count: int, title: str) -> list[list[object]]:
    return [
        [i + 1, f"{FAMILY[i // 10]} Văn {GIVEN[i % 10]}", f"0{1 + i % 9}/03/1980", "Nam",
         title if i % 3 == 0 else "Chuyên viên", "Văn phòng Sở" if i % 2 else "Phòng Kế hoạch",
         f"CB{i:03d}"]
        for i in range(count)
    ]  # fmt: skip


def _import(database, path: Path, *, dry_run: bool) -> tuple[object, list[str]]:  # type: ignore[no-untyped-def]
    result = parse_staff(path, codes())
    parsed = svc.ParsedFile(
        "staff", str(path), result.sheet, result.issues, svc.columns_of(result.column_map)
    )
    statements: list[str] = []

    def seen(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        statements.append(statement)

    event.listen(database.engine, "before_cursor_execute", seen)
    try:
        with database.session_factory.begin() as s:
            report = svc.import_staff(s, parsed, list(result.rows), ImportOptions(dry_run=dry_run))
    finally:
        event.remove(database.engine, "before_cursor_execute", seen)
    return report, statements


def _reads_of_person(statements: list[str]) -> int:
    return sum(1 for q in statements if q.lstrip().upper().startswith("SELECT") and "person" in q)


@pytest.mark.parametrize("dry_run", [True, False], ids=["preview", "write"])
def test_matched_people_are_read_in_bulk(database, tmp_path: Path, dry_run: bool) -> None:  # type: ignore[no-untyped-def]
    with database.session_factory.begin() as s:
        root = unit_svc.create_unit(s, UnitInput(code="SO", full_name="Sở", kind="CO_QUAN")).id
        for code, name in (("VP", "Văn phòng Sở"), ("KH", "Phòng Kế hoạch")):
            unit_svc.create_unit(s, UnitInput(code=code, full_name=name, parent_id=root))
    first = write_xlsx(tmp_path / "first.xlsx", HEADER, _rows(40, "Chuyên viên"))
    report, _ = _import(database, first, dry_run=False)
    assert report.added == 40  # type: ignore[attr-defined]

    again = write_xlsx(tmp_path / "again.xlsx", HEADER, _rows(40, "Trưởng phòng"))
    report, statements = _import(database, again, dry_run=dry_run)
    assert (report.added, report.updated, report.unchanged) == (0, 14, 26)  # type: ignore[attr-defined]
    assert _reads_of_person(statements) <= 4, statements  # not one per matched person
    with database.session_factory() as s:
        heads = s.scalars(
            select(Person.full_name)
            .join(Assignment)
            .where(Assignment.end_date.is_(None), Assignment.position_title == "Trưởng phòng")
        ).all()
    assert len(heads) == (0 if dry_run else 14)
