"""A unit's registration workbook: export, edit as a unit would, import, compare; broken files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select, text

from app.db.models import Registration, UnitRegistration
from app.domain.people import PersonInput
from app.domain.units import UnitInput
from app.excel.forms.registry import export_form
from app.excel.registration_import import ImportFileError, parse_registration_workbook
from app.services import campaigns as camp_svc
from app.services import people as people_svc
from app.services import registrations as reg_svc
from app.services import reports
from app.services import units as unit_svc
from app.services.reference import catalogue, codes
from app.services.registration_import import import_registrations

YEAR = 2026


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setenv("TDKT_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def org(database) -> dict[str, int]:
    ids: dict[str, int] = {}
    with database.session_factory.begin() as s:
        so = unit_svc.create_unit(s, UnitInput(code="SO", full_name="Sở NN&MT", kind="CO_QUAN"))
        cc = unit_svc.create_unit(
            s,
            UnitInput(
                code="CCKL",
                full_name="Chi cục Kiểm lâm",
                parent_id=so.id,
                kind="CHI_CUC",
                collective_category="TT_HANH_CHINH",
            ),
        )
        hat = unit_svc.create_unit(
            s, UnitInput(code="HAT1", full_name="Hạt Kiểm lâm I", parent_id=cc.id, kind="HAT")
        )
        vp = unit_svc.create_unit(
            s, UnitInput(code="VP", full_name="Văn phòng Sở", parent_id=so.id, kind="VAN_PHONG")
        )
        ids.update(so=so.id, cc=cc.id, hat=hat.id, vp=vp.id)
        for key, ho_dem, ten, born, code, unit, title in (
            ("cuong", "Phạm Văn", "Cường", date(1970, 2, 3), "KL001", cc.id, "Chi cục trưởng"),
            ("dung", "Hoàng Thị", "Dung", date(1985, 4, 5), "KL002", hat.id, "Kiểm lâm viên"),
            ("em", "Ngô Văn", "Em", date(1990, 6, 7), None, hat.id, "Kiểm lâm viên"),
            ("gia", "Đỗ Thị", "Gia", date(1992, 8, 9), "KL004", hat.id, "Kiểm lâm viên"),
            ("an", "Lê Văn", "An", date(1980, 1, 1), "VP001", vp.id, "Chánh Văn phòng"),
        ):
            ids[key] = people_svc.create_person(
                s,
                PersonInput(ho_dem=ho_dem, ten=ten, birth_date=born, staff_code=code),
                unit_id=unit,
                position_title=title,
            )
        campaign, _ = camp_svc.ensure_regular_campaign(s, YEAR)
        ids["campaign"] = campaign.id
        reg_svc.register_person(s, campaign.id, ids["cuong"], "LDTT")
        reg_svc.register_person(s, campaign.id, ids["gia"], "LDTT", note="Đã đăng ký")
        reg_svc.register_unit(s, campaign.id, cc.id, "TTLDTT")
    return ids


def export_unit(database, unit_id: int, path: Path) -> Path:
    with database.session_factory() as s:
        data = reports.gather(
            s, "registration-form", reports.ReportParams(unit_id=unit_id, year=YEAR)
        )
    return export_form("registration-form", data, path).path


def run_import(database, path: Path, *, dry_run: bool = False, year: int = YEAR):
    book = parse_registration_workbook(path, catalogue(), codes())
    with database.session_factory.begin() as s:
        return import_registrations(s, book, year, dry_run=dry_run)


def stored(database, campaign_id: int) -> dict[str, str]:
    with database.session_factory() as s:
        people = {r.full_name: r.catalogue_code for r in reg_svc.list_registrations(s, campaign_id)}
        units = {
            u.unit_code: u.catalogue_code
            for u in reg_svc.list_unit_registrations(s, campaign_id)
            if u.catalogue_code
        }
    return {**people, **units}


def snapshot(database) -> dict[str, int]:
    with database.engine.connect() as conn:
        return {
            t: conn.execute(text(f"SELECT COUNT(*) FROM {t}")).scalar_one()
            for t in ("registration", "unit_registration", "campaign", "audit_log")
        }


def row_of(ws, name: str) -> int:
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == name:
                return cell.row
    raise AssertionError(name)


def test_unchanged_export_imports_as_unchanged(database, org, tmp_path) -> None:
    path = export_unit(database, org["cc"], tmp_path / "CCKL.xlsx")
    before = snapshot(database)
    report = run_import(database, path)
    assert not report.blocked and report.written
    assert (report.added, report.changed, report.removed, report.unchanged) == (0, 0, 0, 3)
    assert report.people_rows == 4 and report.unit_rows == 2  # Chi cục + Hạt, people of both
    assert snapshot(database)["registration"] == before["registration"]


def test_round_trip_with_a_units_edits(database, org, tmp_path) -> None:
    path = export_unit(database, org["cc"], tmp_path / "CCKL.xlsx")
    wb = load_workbook(path)
    ws = wb["Cá nhân"]
    ws.cell(row_of(ws, "Phạm Văn Cường"), 8).value = "Chiến sĩ thi đua cơ sở"  # change
    ws.cell(row_of(ws, "Hoàng Thị Dung"), 8).value = "lđtt"  # add, typed short
    ws.cell(row_of(ws, "Đỗ Thị Gia"), 8).value = None  # clear: remove the sign-up
    ws.cell(row_of(ws, "Ngô Văn Em"), 9).value = "Nghỉ thai sản từ tháng 3"
    units = wb["Tập thể"]
    units.cell(row_of(units, "Hạt Kiểm lâm I"), 5).value = "Tập thể lao động tiên tiến"
    units.cell(row_of(units, "Chi cục Kiểm lâm"), 5).value = "TTLĐXS"
    wb.save(path)

    preview = run_import(database, path, dry_run=True)
    assert not preview.written and not preview.blocked
    assert (preview.added, preview.changed, preview.removed) == (2, 2, 1)
    assert stored(database, org["campaign"]) == {
        "Phạm Văn Cường": "LDTT",
        "Đỗ Thị Gia": "LDTT",
        "CCKL": "TTLDTT",
    }

    report = run_import(database, path)
    assert report.written and (report.added, report.changed, report.removed) == (2, 2, 1)
    assert any("Phạm Văn Cường - LĐTT → CSTĐCS" in c for c in report.changes)
    assert any("Đỗ Thị Gia - bỏ đăng ký LĐTT" in c for c in report.changes)
    assert stored(database, org["campaign"]) == {
        "Phạm Văn Cường": "CSTDCS",
        "Hoàng Thị Dung": "LDTT",
        "CCKL": "TTLDXS",
        "HAT1": "TTLDTT",
    }
    with database.session_factory() as s:
        sources = dict(s.execute(select(Registration.person_id, Registration.source)).all())
    assert sources[org["dung"]] == "IMPORT"
    again = run_import(database, path)
    assert (again.added, again.changed, again.removed, again.unchanged) == (0, 0, 0, 4)


def test_retyped_workbook_with_other_headers_and_order(database, org, tmp_path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Bảng đăng ký"
    ws.append(["DANH SÁCH CÁ NHÂN ĐĂNG KÝ THI ĐUA NĂM 2026 - HẠT KIỂM LÂM I"])
    ws.append([])
    ws.append(["Danh hiệu đăng ký", "Họ tên", "Năm sinh", "Mã CB", "TT"])
    ws.append(["Chiến sĩ thi đua cơ sở", "Hoàng Thị Dung", 1985, "KL002", 1])
    ws.append(["Lao động tiên tiến", "Ngô Văn Em", "07/06/1990", None, 2])
    ws.append(["CSTĐ cấp tỉnh", "Đỗ Thị Gia", None, None, 3])
    units = wb.create_sheet("Tập thể")
    units.append(["STT", "Tên đơn vị", "Đăng ký danh hiệu"])
    units.append([1, "Hạt Kiểm lâm I", "Tập thể LĐTT"])
    path = tmp_path / "hat1-tu-lap.xlsx"
    wb.save(path)
    report = run_import(database, path)
    assert not report.issues, [i.text() for i in report.issues]
    assert (report.added, report.changed) == (3, 1)  # Dung, Em, Hạt added; Gia changed
    assert any("CSTĐ tỉnh" in w and "Chưa đủ 03 lần liên tục CSTĐCS" in w for w in report.warnings)
    result = stored(database, org["campaign"])
    assert result["Hoàng Thị Dung"] == "CSTDCS" and result["Ngô Văn Em"] == "LDTT"
    assert result["Đỗ Thị Gia"] == "CSTD_TINH" and result["HAT1"] == "TTLDTT"
    assert result["Phạm Văn Cường"] == "LDTT"  # not in this file: left alone
    with database.session_factory() as s:
        flags = {
            r.full_name: [f.code for f in r.flags]
            for r in reg_svc.list_registrations(s, org["campaign"])
        }
    assert flags["Đỗ Thị Gia"] == ["DIEU_KIEN_STREAK"]


def write_people(path: Path, rows: list[list[object]]) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(["STT", "Họ và tên", "Ngày sinh", "Danh hiệu thi đua đăng ký"])
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (
            [[1, "Hoàng Thị Dung", "05/04/1985", "Lao động giỏi"]],
            "Không nhận ra danh hiệu 'Lao động giỏi'",
        ),
        (
            [[1, "Trần Văn Không Có", "01/01/1980", "LĐTT"]],
            "Không tìm thấy cán bộ 'Trần Văn Không Có'",
        ),
        (
            [[1, "Hoàng Thị Dung", "01/01/1999", "LĐTT"]],  # same name, another birth date
            "Không tìm thấy cán bộ 'Hoàng Thị Dung'",
        ),
        (
            [[1, "Hoàng Thị Dung", "05/04/1985", "Tập thể lao động tiên tiến"]],
            "không dùng cho cá nhân",
        ),
        (
            [
                [1, "Hoàng Thị Dung", "05/04/1985", "LĐTT"],
                [2, "Hoàng Thị Dung", "05/04/1985", "CSTĐCS"],
            ],
            "Trùng với dòng 3",
        ),
    ],
)
def test_invalid_rows_block_the_whole_file(database, org, tmp_path, rows, message) -> None:
    good = [10, "Ngô Văn Em", "07/06/1990", "LĐTT"]  # a valid row is not written either
    path = write_people(tmp_path / "loi.xlsx", [good, *rows])
    before = snapshot(database)
    report = run_import(database, path)
    assert report.blocked and not report.written
    assert any(message in i.message for i in report.issues), [i.text() for i in report.issues]
    issue = next(i for i in report.issues if message in i.message)
    assert issue.row >= 3 and issue.column in ("B", "D")
    assert snapshot(database) == before
    assert any("KHÔNG ghi gì vào CSDL" in line for line in report.lines())


def test_file_of_another_year_is_refused(database, org, tmp_path) -> None:
    path = export_unit(database, org["cc"], tmp_path / "CCKL.xlsx")
    before = snapshot(database)
    report = run_import(database, path, year=2027)
    assert report.blocked
    assert report.issues[0].message == "Tệp là bản đăng ký năm 2026, không phải năm 2027"
    assert snapshot(database) == before


def test_text_file_named_xlsx_and_missing_title_column(database, org, tmp_path) -> None:
    fake = tmp_path / "dang-ky.xlsx"
    fake.write_text("Họ và tên;Danh hiệu\nHoàng Thị Dung;LĐTT\n", encoding="utf-8")
    with pytest.raises(ImportFileError):
        parse_registration_workbook(fake, catalogue(), codes())
    wb = Workbook()
    wb.active.append(["STT", "Họ và tên", "Ngày sinh"])
    wb.active.append([1, "Hoàng Thị Dung", "05/04/1985"])
    no_title = tmp_path / "thieu-cot.xlsx"
    wb.save(no_title)
    with pytest.raises(ImportFileError, match="không có cột 'Danh hiệu thi đua đăng ký'"):
        parse_registration_workbook(no_title, catalogue(), codes())


def test_import_creates_the_regular_campaign_when_missing(database, org, tmp_path) -> None:
    path = write_people(tmp_path / "2027.xlsx", [[1, "Lê Văn An", "01/01/1980", "LĐTT"]])
    preview = run_import(database, path, dry_run=True, year=2027)
    assert not preview.written and snapshot(database)["campaign"] == 1
    report = run_import(database, path, year=2027)
    assert report.written and report.campaign_created
    assert report.campaign == "Phong trào thi đua thường xuyên năm 2027"
    with database.session_factory() as s:
        campaign = camp_svc.regular_campaign(s, 2027)
        assert campaign is not None
        assert (
            s.scalar(
                select(func.count())
                .select_from(Registration)
                .where(Registration.campaign_id == campaign.id)
            )
            == 1
        )
        assert s.scalar(select(func.count()).select_from(UnitRegistration)) == 1
