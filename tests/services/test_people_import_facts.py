"""Staff lists with years in the sector, discipline lists with how a hold ended: small
workbooks through parse -> match -> write, then what the eligibility engine makes of them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import select

from app.db.models import Discipline, Person
from app.domain.imports import ImportOptions
from app.domain.units import UnitInput
from app.excel.people_import import parse_discipline, parse_staff
from app.services import people_import as svc
from app.services import units as unit_svc
from app.services.eligibility import evaluate_year
from app.services.reference import codes

TODAY = date(2026, 1, 15)


def write_xlsx(path: Path, header: list, rows: list[list]) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(["DANH SÁCH"])
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
        unit_svc.create_unit(
            s, UnitInput(code="VP", full_name="Văn phòng Sở", parent_id=root.id, kind="VAN_PHONG")
        )


def run(database, kind, path, options=None):
    parser = {"staff": parse_staff, "discipline": parse_discipline}[kind]
    result = parser(path, codes(), today=TODAY)
    parsed = svc.ParsedFile(
        kind, str(path), result.sheet, result.issues, svc.columns_of(result.column_map)
    )
    service = {"staff": svc.import_staff, "discipline": svc.import_discipline}[kind]
    with database.session_factory.begin() as s:
        return result, service(s, parsed, list(result.rows), options or ImportOptions())


STAFF_HEADER = [
    "STT",
    "Họ và tên",
    "Ngày sinh",
    "Giới tính",
    "Đơn vị công tác",
    "Ngày vào ngành",
    "Thời gian gián đoạn",
    "Số năm công tác ở miền núi, hải đảo",
    "Ngày mất",
]


def people(database) -> dict[str, Person]:
    with database.session_factory() as s:
        return {p.full_name: p for p in s.scalars(select(Person))}


def test_staff_list_with_years_in_the_sector(database, org, tmp_path) -> None:
    rows = [
        [1, "Nguyễn Văn An", "03/04/1970", "Nam", "Văn phòng Sở", "01/08/1995", "6 tháng", 3, None],
        [2, "Trần Thị Bình", "15/09/1975", "Nữ", "Văn phòng Sở", "2001", None, "0", None],
        [3, "Lê Văn Cường", "1960", "Nam", "Văn phòng Sở", "03/1985", "1 năm", None, "02/11/2025"],
    ]
    result, report = run(database, "staff", write_xlsx(tmp_path / "s.xlsx", STAFF_HEADER, rows))
    assert result.issues == ()
    assert {n: r.letter for n, r in result.column_map.items()}.items() >= {
        "sector_start": "F",
        "sector_break": "G",
        "remote_years": "H",
        "death_date": "I",
    }.items()
    assert report.added == 3 and report.written
    got = {
        name: (p.sector_start_date, p.sector_break_months, p.remote_area_years, p.death_date)
        for name, p in people(database).items()
    }
    assert got == {
        "Nguyễn Văn An": (date(1995, 8, 1), 6, 3, None),
        "Trần Thị Bình": (date(2001, 1, 1), None, 0, None),
        "Lê Văn Cường": (date(1985, 3, 1), 12, None, date(2025, 11, 2)),
    }


def test_time_in_the_sector_fills_a_stored_person(database, org, tmp_path) -> None:
    base = ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Đơn vị công tác"]
    plain = [[1, "Nguyễn Văn An", "03/04/1970", "Nam", "Văn phòng Sở"]]
    run(database, "staff", write_xlsx(tmp_path / "a.xlsx", base, plain))
    header = [
        *base,
        "Thời gian công tác trong ngành",
        "Số năm liên tục công tác ở miền núi, hải đảo",
    ]
    again = [[*plain[0], "03/1995 - nay", "3 năm"]]
    _, report = run(database, "staff", write_xlsx(tmp_path / "b.xlsx", header, again))
    assert report.updated == 1
    assert any("ngày vào ngành" in c and "số năm ở miền núi, hải đảo" in c for c in report.changes)
    an = people(database)["Nguyễn Văn An"]
    assert (an.sector_start_date, an.remote_area_years) == (date(1995, 3, 1), 3)


def test_bad_sector_cells_are_issues_with_the_sheet_header(database, org, tmp_path) -> None:
    rows = [
        [1, "Nguyễn Văn An", "03/04/1970", "Nam", "Văn phòng Sở", "lâu rồi", "nửa năm", 3, None],
        [2, "Trần Thị Bình", "15/09/1975", "Nữ", "Văn phòng Sở", "01/08/2030", None, None, "2020"],
    ]
    result, report = run(database, "staff", write_xlsx(tmp_path / "s.xlsx", STAFF_HEADER, rows))
    assert [(i.row, i.header, i.message) for i in result.issues] == [
        (
            4,
            "Ngày vào ngành",
            "Không đọc được ngày vào ngành: lâu rồi (dùng dd/mm/yyyy, mm/yyyy hoặc năm)",
        ),
        (4, "Thời gian gián đoạn", "Không đọc được thời gian gián đoạn: nửa năm (ví dụ: 6 tháng)"),
        (5, "Ngày vào ngành", "Ngày vào ngành 01/08/2030 ở tương lai"),
        (5, "Ngày mất", "Chỉ có năm 2020, cần ngày đầy đủ dạng dd/mm/yyyy"),
    ]
    assert not report.written and people(database) == {}


DISC_HEADER = [
    "STT",
    "Họ và tên",
    "Ngày sinh",
    "Hình thức kỷ luật",
    "Từ ngày",
    "Đến ngày",
    "Kết quả xem xét",
    "Ngày kết luận",
]


@pytest.fixture
def an(database, org, tmp_path) -> int:
    rows = [[1, "Nguyễn Văn An", "03/04/1970", "Nam", "Văn phòng Sở", "01/08/1995", None, 0, None]]
    run(database, "staff", write_xlsx(tmp_path / "staff.xlsx", STAFF_HEADER, rows))
    return people(database)["Nguyễn Văn An"].id


def disciplines(database) -> list[tuple]:
    with database.session_factory() as s:
        rows = s.scalars(select(Discipline).order_by(Discipline.start_date, Discipline.id)).all()
        ids = {d.id: d.kind for d in rows}
        return [
            (d.kind, d.start_date, d.end_date, d.outcome, d.concluded_on, ids.get(d.penalty_id))
            for d in rows
        ]


def test_discipline_list_with_conclusions(database, an, tmp_path) -> None:
    rows = [
        [1, "Nguyễn Văn An", "03/04/1970", "Đang xem xét kỷ luật", "01/02/2024", None,
         "Không vi phạm", "15/05/2024"],
        [2, "Nguyễn Văn An", "03/04/1970", "Đang bị điều tra", "01/05/2025", "01/09/2025",
         "Có vi phạm - Khiển trách", None],
        [3, "Nguyễn Văn An", "03/04/1970", "Khiển trách", "01/09/2025", "28/02/2026", None, None],
        [4, "Nguyễn Văn An", "03/04/1970", "Đang xem xét kỷ luật", "01/12/2025", None,
         "Chưa kết luận", None],
    ]  # fmt: skip
    path = write_xlsx(tmp_path / "d.xlsx", DISC_HEADER, rows)
    result, report = run(database, "discipline", path)
    assert result.issues == ()
    assert report.added == 4
    assert disciplines(database) == [
        ("XEM_XET_KY_LUAT", date(2024, 2, 1), None, "KHONG_VI_PHAM", date(2024, 5, 15), None),
        ("DIEU_TRA", date(2025, 5, 1), date(2025, 9, 1), "CO_VI_PHAM", date(2025, 9, 1),
         "KHIEN_TRACH"),
        ("KHIEN_TRACH", date(2025, 9, 1), date(2026, 2, 28), None, None, None),
        ("XEM_XET_KY_LUAT", date(2025, 12, 1), None, None, None, None),
    ]  # fmt: skip
    assert any(
        "kết luận có vi phạm ngày 01/09/2025, kỷ luật Khiển trách" in c for c in report.changes
    )
    _, again = run(database, "discipline", path)
    assert (again.added, again.unchanged) == (0, 4)
    assert len(disciplines(database)) == 4
    with database.session_factory() as s:
        rows_ = evaluate_year(s, 2025, title="LDTT")
    ldtt = next(r.verdict for r in rows_ if r.subject_id == an)
    hold = next(c for c in ldtt.conditions if c.key == "HOLD")
    assert hold.met is False  # the hold opened 01/12/2025 is open on 31/12/2025
    assert "Đang xem xét kỷ luật từ 01/12/2025, chưa có kết luận" in hold.text


def test_a_violation_naming_an_unlisted_penalty_records_it(database, an, tmp_path) -> None:
    rows = [[1, "Nguyễn Văn An", "03/04/1970", "Đang bị điều tra", "01/05/2025", None,
             "Kỷ luật cảnh cáo", "10/10/2025"]]  # fmt: skip
    _, report = run(database, "discipline", write_xlsx(tmp_path / "d.xlsx", DISC_HEADER, rows))
    assert report.written
    assert disciplines(database) == [
        ("DIEU_TRA", date(2025, 5, 1), None, "CO_VI_PHAM", date(2025, 10, 10), "CANH_CAO"),
        ("CANH_CAO", date(2025, 10, 10), None, None, None, None),
    ]


def test_conclusion_problems_block_the_file(database, an, tmp_path) -> None:
    rows = [
        [1, "Nguyễn Văn An", "03/04/1970", "Đang bị điều tra", "01/05/2025", None,
         "Có vi phạm", None],
        [2, "Nguyễn Văn An", "03/04/1970", "Đang xem xét kỷ luật", "01/06/2025", None,
         "Đề nghị làm rõ", "01/07/2025"],
        [3, "Nguyễn Văn An", "03/04/1970", "Đang xem xét kỷ luật", "01/08/2025", None,
         "Không vi phạm", "01/07/2025"],
    ]  # fmt: skip
    result, report = run(database, "discipline", write_xlsx(tmp_path / "d.xlsx", DISC_HEADER, rows))
    assert [(i.row, i.header, i.message) for i in result.issues] == [
        (4, "Kết quả xem xét", "Thiếu ngày kết luận (cột Ngày kết luận hoặc Đến ngày)"),
        (
            5,
            "Kết quả xem xét",
            "Không nhận ra kết luận: 'Đề nghị làm rõ' (ghi Không vi phạm, Có vi phạm hoặc hình "
            "thức kỷ luật đã áp dụng)",
        ),
        (6, "Ngày kết luận", "Ngày kết luận 01/07/2025 trước ngày bắt đầu 01/08/2025"),
    ]
    assert not report.written and disciplines(database) == []


@pytest.mark.parametrize(
    ("headers", "field"),
    [
        (["Năm vào ngành"], "sector_start"),
        (["Ngày, tháng, năm vào ngành"], "sector_start"),
        (["Thời gian công tác trong ngành"], "sector_service"),
        (["Thâm niên trong ngành"], "sector_service"),
        (["Số tháng gián đoạn"], "sector_break"),
        (["Thời gian công tác ở miền núi, hải đảo"], "remote_years"),
        (["Ngày từ trần"], "death_date"),
    ],
)
def test_usual_headers(tmp_path, headers, field) -> None:
    header = ["STT", "Họ và tên", "Ngày sinh", "Đơn vị công tác", *headers]
    path = write_xlsx(tmp_path / "h.xlsx", header, [[1, "Nguyễn Văn An", "1970", "VP", "1995"]])
    result = parse_staff(path, codes(), today=TODAY)
    assert result.column_map[field].letter == "E"
