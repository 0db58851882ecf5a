"""Staff, grade and discipline imports end to end: Excel file -> parse -> match -> write."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select, text

from app.cli import main
from app.db.models import Assignment, AuditLog, Discipline, Person, PersonGrade, Unit
from app.domain.imports import ImportOptions
from app.domain.units import UnitInput
from app.excel.people_import import parse_discipline, parse_grades, parse_staff
from app.services import people_import as svc
from app.services import units as unit_svc
from app.services.reference import codes

STAFF_HEADER = [
    "STT",
    "Họ và tên",
    "Ngày sinh",
    "Giới tính",
    "Chức vụ",
    "Đơn vị công tác",
    "Mã cán bộ",
    "Số CCCD",
]
STAFF = [
    [
        1,
        "Nguyễn Văn An",
        "03/04/1980",
        "Nam",
        "Trưởng phòng",
        "Phòng Kế hoạch – Tài chính",
        "NV001",
        "001080000001",
    ],
    [
        2,
        "Trần Thị Bình",
        "15/09/1988",
        "Nữ",
        "Chuyên viên",
        "phong ke hoach - tai chinh",
        "NV002",
        None,
    ],
    [3, "Lê Minh Cường", "1975", "Nam", "Chánh Văn phòng", "Văn phòng Sở", None, "001075000003"],
    [4, "Phạm Thị Dung", "01/01/1990", "Nữ", "Kế toán viên", "VĂN PHÒNG SỞ", "NV004", None],
]


def write_xlsx(
    path: Path, header: list, rows: list[list], title: str | None = "DANH SÁCH CÁN BỘ"
) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "DS"
    if title:
        ws.append([title])
        ws.append([])
    ws.append(header)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


@pytest.fixture
def org(database):
    with database.session_factory.begin() as s:
        root = unit_svc.create_unit(
            s, UnitInput(code="SO", full_name="Sở Nông nghiệp và Môi trường", kind="CO_QUAN")
        )
        vp = unit_svc.create_unit(
            s, UnitInput(code="VP", full_name="Văn phòng Sở", parent_id=root.id, kind="VAN_PHONG")
        )
        kh = unit_svc.create_unit(
            s, UnitInput(code="KHTC", full_name="Phòng Kế hoạch - Tài chính", parent_id=root.id)
        )
    return {"root": root.id, "vp": vp.id, "kh": kh.id}


def run(database, kind: str, path: Path, options: ImportOptions | None = None, **parse_kw):
    options = options or ImportOptions()
    parser = {"staff": parse_staff, "grades": parse_grades, "discipline": parse_discipline}[kind]
    result = parser(path, codes(), **parse_kw)
    parsed = svc.ParsedFile(
        kind, str(path), result.sheet, result.issues, svc.columns_of(result.column_map)
    )
    service = {
        "staff": svc.import_staff,
        "grades": svc.import_grades,
        "discipline": svc.import_discipline,
    }[kind]
    with database.session_factory.begin() as s:
        return service(s, parsed, list(result.rows), options)


def snapshot(database) -> dict[str, int]:
    with database.engine.connect() as conn:
        return {
            t: conn.execute(text(f"SELECT COUNT(*) FROM {t}")).scalar_one()
            for t in ("person", "assignment", "person_grade", "discipline", "unit", "audit_log")
        }


def test_clean_staff_list_is_imported_and_reimport_updates_nobody_twice(
    database, org, tmp_path
) -> None:
    path = write_xlsx(tmp_path / "staff.xlsx", STAFF_HEADER, STAFF)
    report = run(database, "staff", path)
    assert report.written and not report.blocked
    assert (report.added, report.updated, report.unchanged) == (4, 0, 0)
    with database.session_factory() as s:
        an = s.scalars(select(Person).where(Person.staff_code == "NV001")).one()
        assert (an.full_name, an.birth_date, an.gender, an.citizen_id) == (
            "Nguyễn Văn An",
            date(1980, 4, 3),
            "NAM",
            "001080000001",
        )
        cuong = s.scalars(select(Person).where(Person.ten == "Cường")).one()
        assert cuong.birth_date is None and cuong.birth_year == 1975
        units = dict(s.execute(select(Person.ten, Assignment.unit_id).join(Assignment)).all())
        assert units == {"An": org["kh"], "Bình": org["kh"], "Cường": org["vp"], "Dung": org["vp"]}
        assert (
            s.scalar(
                select(func.count()).select_from(AuditLog).where(AuditLog.table_name == "person")
            )
            == 4
        )
    again = run(database, "staff", path)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 4)
    assert snapshot(database)["person"] == 4


def test_reimport_with_a_new_position_transfers_from_the_effective_date(
    database, org, tmp_path
) -> None:
    run(database, "staff", write_xlsx(tmp_path / "a.xlsx", STAFF_HEADER, STAFF))
    changed = [row[:] for row in STAFF]
    changed[1][4], changed[1][5] = "Phó Chánh Văn phòng", "Văn phòng Sở"
    report = run(
        database,
        "staff",
        write_xlsx(tmp_path / "b.xlsx", STAFF_HEADER, changed),
        ImportOptions(effective=date(2026, 7, 1)),
    )
    assert (report.added, report.updated, report.unchanged) == (0, 1, 3)
    with database.session_factory() as s:
        binh = s.scalars(select(Person).where(Person.staff_code == "NV002")).one()
        rows = s.scalars(
            select(Assignment).where(Assignment.person_id == binh.id).order_by(Assignment.id)
        ).all()
    assert [(r.unit_id, r.position_title, r.end_date) for r in rows] == [
        (org["kh"], "Chuyên viên", date(2026, 6, 30)),
        (org["vp"], "Phó Chánh Văn phòng", None),
    ]


def test_unknown_units_block_the_import_until_mapped_or_created(database, org, tmp_path) -> None:
    rows = [r[:] for r in STAFF]
    rows[3][5] = "Trung tâm Khuyến nông"
    rows[2][5] = "TRUNG TAM KHUYEN NONG"  # another spelling of the same unknown unit
    path = write_xlsx(tmp_path / "unknown.xlsx", STAFF_HEADER, rows)
    before = snapshot(database)
    report = run(database, "staff", path)
    assert report.blocked and not report.written
    assert report.unknown_units == ["Trung tâm Khuyến nông"]
    assert snapshot(database) == before
    created = run(database, "staff", path, ImportOptions(create_units=True))
    assert created.written and created.created_units == ["Trung tâm Khuyến nông"]
    with database.session_factory() as s:
        unit = s.scalars(select(Unit).where(Unit.full_name == "Trung tâm Khuyến nông")).one()
        assert unit.parent_id == org["root"]
        members = s.scalars(
            select(Person.ten).join(Assignment).where(Assignment.unit_id == unit.id)
        ).all()
        assert sorted(members) == ["Cường", "Dung"]


def test_unit_mapping_chosen_by_the_clerk(database, org, tmp_path) -> None:
    from app.domain.vntext import fold_key

    rows = [r[:] for r in STAFF]
    rows[0][5] = "P. KH-TC"
    path = write_xlsx(tmp_path / "abbr.xlsx", STAFF_HEADER, rows)
    report = run(
        database, "staff", path, ImportOptions(unit_mapping={fold_key("P. KH-TC"): org["kh"]})
    )
    assert report.written and report.added == 4


def test_an_invalid_row_blocks_everything_unless_skipped(database, org, tmp_path) -> None:
    rows = [r[:] for r in STAFF]
    rows[2][2] = "31/02/1980"
    path = write_xlsx(tmp_path / "bad.xlsx", STAFF_HEADER, rows)
    before = snapshot(database)
    report = run(database, "staff", path)
    assert report.blocked and report.added == 3
    bad = [i for i in report.issues if i.row == 6]
    assert bad and bad[0].column == "C" and "31/02/1980" in bad[0].message
    assert snapshot(database) == before
    skipped = run(database, "staff", path, ImportOptions(skip_invalid=True))
    assert skipped.written and skipped.added == 3
    assert [row for row, _ in skipped.skipped] == [6]
    assert snapshot(database)["person"] == 3


def test_dry_run_writes_nothing(database, org, tmp_path) -> None:
    path = write_xlsx(tmp_path / "staff.xlsx", STAFF_HEADER, STAFF)
    before = snapshot(database)
    report = run(database, "staff", path, ImportOptions(dry_run=True))
    assert report.added == 4 and not report.written and not report.blocked
    assert snapshot(database) == before


def test_grades_import_matches_people_and_checks_months(database, org, tmp_path) -> None:
    run(database, "staff", write_xlsx(tmp_path / "staff.xlsx", STAFF_HEADER, STAFF))
    header = ["STT", "Họ và tên", "Ngày sinh", "Mã cán bộ", "Kết quả đánh giá", "Số tháng công tác"]
    grades = [
        [1, "Nguyễn Văn An", "03/04/1980", "NV001", "Hoàn thành xuất sắc nhiệm vụ", 12],
        [2, "Trần Thị Bình", "15/09/1988", None, "HTTNV", 12],
        [3, "Lê Minh Cường", "1975", None, "Không hoàn thành nhiệm vụ", 12],
    ]
    report = run(
        database,
        "grades",
        write_xlsx(tmp_path / "g.xlsx", header, grades, "KẾT QUẢ XẾP LOẠI NĂM 2025"),
        year=2025,
    )
    assert report.written and report.added == 3
    with database.session_factory() as s:
        stored = dict(s.execute(select(Person.ten, PersonGrade.grade).join(PersonGrade)).all())
    assert stored == {"An": "HTXSNV", "Bình": "HTTNV", "Cường": "KHTNV"}
    broken = [
        [1, "Nguyễn Văn An", "03/04/1980", "NV001", "HTTNV", 12],
        [2, "Hoàng Văn Không Có", "01/01/1970", None, "HTTNV", 12],
        [3, "Phạm Thị Dung", "01/01/1990", "NV004", "HTTNV", 4],
    ]
    before = snapshot(database)
    report = run(database, "grades", write_xlsx(tmp_path / "g2.xlsx", header, broken), year=2025)
    assert report.blocked
    messages = {i.row: i.message for i in report.issues}
    assert "Không tìm thấy" in messages[5] and "dưới 6 tháng" in messages[6]
    assert snapshot(database) == before


def test_discipline_import_is_idempotent(database, org, tmp_path) -> None:
    run(database, "staff", write_xlsx(tmp_path / "staff.xlsx", STAFF_HEADER, STAFF))
    header = [
        "STT",
        "Họ và tên",
        "Mã cán bộ",
        "Hình thức kỷ luật",
        "Từ ngày",
        "Đến ngày",
        "Số quyết định",
    ]
    rows = [[1, "Trần Thị Bình", "NV002", "Khiển trách", "01/03/2025", "28/02/2026", "12/QĐ-SNNMT"]]
    path = write_xlsx(tmp_path / "d.xlsx", header, rows, "DANH SÁCH KỶ LUẬT")
    assert run(database, "discipline", path).added == 1
    again = run(database, "discipline", path)
    assert (again.added, again.unchanged) == (0, 1)
    with database.session_factory() as s:
        d = s.scalars(select(Discipline)).one()
    assert (d.kind, d.start_date, d.end_date) == (
        "KHIEN_TRACH",
        date(2025, 3, 1),
        date(2026, 2, 28),
    )


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_cli_import_exit_codes(database, org, tmp_path, capsys) -> None:
    db = database.url
    database.dispose()
    good = write_xlsx(tmp_path / "staff.xlsx", STAFF_HEADER, STAFF)
    bad_rows = [r[:] for r in STAFF]
    bad_rows[0][2] = "31/02/1980"
    bad = write_xlsx(tmp_path / "bad.xlsx", STAFF_HEADER, bad_rows)
    assert main(["import", "staff", str(bad), "--db", db]) == 1
    out = capsys.readouterr().out
    assert "dòng 4, cột C" in out and "KHÔNG ghi" in out
    assert main(["import", "staff", str(good), "--db", db, "--dry-run"]) == 0
    assert "Chạy thử" in capsys.readouterr().out
    assert main(["import", "staff", str(good), "--db", db]) == 0
    assert "Đã thêm 4" in capsys.readouterr().out
    notes = tmp_path / "notes.xlsx"
    notes.write_text("không phải Excel", encoding="utf-8")
    assert main(["import", "staff", str(notes), "--db", db]) == 1
    assert "notes.xlsx" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main(["import", "grades", str(good), "--db", db])  # --year is required
    assert exc.value.code == 2
