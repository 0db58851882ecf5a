"""One way in for history (issue 5): read_history_file + import_history, used by the CLI and GUI."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from app.db.models import AwardRecord, Initiative, InitiativeAuthor, UnitGrade
from app.domain.imports import ImportOptions
from app.domain.people import PersonInput
from app.domain.units import UnitInput
from app.excel.history_files import field_label, read_history_file
from app.excel.workbook import ImportFileError
from app.services import units as unit_svc
from app.services.history_import import (
    HISTORY_KINDS,
    KIND_AWARDS,
    KIND_INITIATIVES,
    KIND_UNIT_GRADES,
    HistoryFile,
    import_history,
)
from app.services.people import create_person
from app.services.reference import catalogue, codes

MODELS = (AwardRecord, Initiative, InitiativeAuthor, UnitGrade)
DRY = ImportOptions(dry_run=True)
WRITE = ImportOptions()


def write_xlsx(path: Path, rows: list[list], sheet: str = "DS") -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
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
        kh = unit_svc.create_unit(
            s, UnitInput(code="KHTC", full_name="Phòng Kế hoạch - Tài chính", parent_id=root.id)
        )
        vp = unit_svc.create_unit(s, UnitInput(code="VP", full_name="Văn phòng", parent_id=root.id))
        create_person(
            s,
            PersonInput(ho_dem="Nguyễn Văn", ten="An", birth_date=date(1980, 4, 3)),
            unit_id=kh.id,
        )
        create_person(s, PersonInput(ho_dem="Trần Thị", ten="Bình"), unit_id=vp.id)
    return {"kh": kh.id, "vp": vp.id}


def counts(database) -> dict[str, int]:
    with database.session_factory() as s:
        return {m.__tablename__: s.scalar(select(func.count()).select_from(m)) or 0 for m in MODELS}


def awards_file(tmp_path: Path) -> Path:
    return write_xlsx(
        tmp_path / "kt.xlsx",
        [
            ["DANH SÁCH KHEN THƯỞNG"],
            [],
            ["STT", "Họ và tên", "Ngày sinh", "Đơn vị", "Năm", "Danh hiệu", "Số QĐ", "Ngày QĐ"],
            [1, "Nguyễn Văn An", "03/04/1980", "Phòng Kế hoạch - Tài chính", 2024, "LĐTT",
             "1/QĐ-SNN", "10/01/2025"],
            [2, "Trần Thị Bình", None, "Văn phòng", None, "CSTĐCS", "2/QĐ-SNN", None],
        ],
    )  # fmt: skip


def initiatives_file(tmp_path: Path) -> Path:
    return write_xlsx(
        tmp_path / "sk.xlsx",
        [
            ["Tên đề tài", "Tên tác giả", "Đơn vị", "Ngày công nhận", "Phạm vi"],
            ["Ứng dụng bản đồ số", "Nguyễn Văn An, Trần Thị Bình", "Phòng Kế hoạch - Tài chính",
             "12/12/2024", "cấp tỉnh"],
        ],
    )  # fmt: skip


def grades_file(tmp_path: Path) -> Path:
    return write_xlsx(
        tmp_path / "xl.xlsx",
        [
            ["Tên đơn vị", "Xếp loại"],
            ["VĂN PHÒNG", "HTXSNV"],
            ["Phòng Kế hoạch Tài chính", "HTTNV"],
        ],
    )


def read(kind: str, path: Path, **kw) -> HistoryFile:
    return read_history_file(kind, path, catalogue(), codes(), **kw)


def run(database, history: HistoryFile, options: ImportOptions):
    with database.session_factory.begin() as s:
        return import_history(s, history, options)


def test_awards_dry_run_writes_nothing_then_import(database, org, tmp_path: Path) -> None:
    history = read("awards", awards_file(tmp_path), year=2023)
    assert history.kind == "awards"
    assert history.parsed.kind == KIND_AWARDS
    assert history.parsed.sheet == "DS"
    assert len(history.rows) == 2
    before = counts(database)
    report = run(database, history, DRY)
    assert (report.added, report.written, report.blocked) == (2, False, False)
    assert counts(database) == before
    report = run(database, history, WRITE)
    assert (report.added, report.written) == (2, True)
    assert counts(database)["award_record"] == before["award_record"] + 2
    with database.session_factory() as s:
        years = sorted(r.year for r in s.scalars(select(AwardRecord)))
    assert years == [2023, 2024]  # the row without a year took the default year
    again = run(database, history, WRITE)
    assert (again.added, again.unchanged) == (0, 2)


def test_initiatives(database, org, tmp_path: Path) -> None:
    history = read("initiatives", initiatives_file(tmp_path))
    assert history.parsed.kind == KIND_INITIATIVES
    before = counts(database)
    assert run(database, history, DRY).added == 1
    assert counts(database) == before
    report = run(database, history, WRITE)
    assert report.written
    after = counts(database)
    assert after["initiative"] == before["initiative"] + 1
    assert after["initiative_author"] == before["initiative_author"] + 2


def test_unit_grades_need_a_year_from_the_file_or_the_choice(database, org, tmp_path: Path) -> None:
    path = grades_file(tmp_path)
    without = read("unit-grades", path)
    report = run(database, without, WRITE)
    assert report.blocked and not report.written
    assert {i.field for i in report.issues} == {"year"}
    assert counts(database)["unit_grade"] == 0

    history = read("unit-grades", path, year=2024)
    assert history.parsed.kind == KIND_UNIT_GRADES
    assert run(database, history, DRY).added == 2
    assert counts(database)["unit_grade"] == 0
    assert run(database, history, WRITE).written
    with database.session_factory() as s:
        grades = {(g.unit_id, g.year): g.grade for g in s.scalars(select(UnitGrade))}
    assert grades == {(org["vp"], 2024): "HTXSNV", (org["kh"], 2024): "HTTNV"}


def test_a_blocked_file_writes_nothing_unless_bad_rows_are_skipped(
    database, org, tmp_path: Path
) -> None:
    path = write_xlsx(
        tmp_path / "bad.xlsx",
        [
            ["Họ và tên", "Đơn vị", "Năm", "Danh hiệu"],
            ["Nguyễn Văn An", "Phòng Kế hoạch - Tài chính", 2024, "LĐTT"],
            ["Hoàng Văn Lạ", "Văn phòng", 2024, "LĐTT"],
        ],
    )
    history = read("awards", path)
    report = run(database, history, WRITE)
    assert report.blocked and not report.written
    assert [(i.row, i.column) for i in report.issues] == [(3, "A")]
    assert counts(database)["award_record"] == 0
    report = run(database, history, ImportOptions(skip_invalid=True))
    assert report.written and report.added == 1
    assert [row for row, _ in report.skipped] == [3]
    assert counts(database)["award_record"] == 1


def test_the_sheet_is_chosen_by_name(database, org, tmp_path: Path) -> None:
    path = grades_file(tmp_path)
    with pytest.raises(ImportFileError, match="Khác"):
        read("unit-grades", path, sheet="Khác", year=2024)
    assert read("unit-grades", path, sheet="DS", year=2024).parsed.sheet == "DS"


@pytest.mark.parametrize("kind", sorted(HISTORY_KINDS))
def test_a_file_that_cannot_be_read_is_an_import_file_error(kind: str, tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="Không tìm thấy tệp"):
        read(kind, tmp_path / "khong-co.xlsx")
    no_header = write_xlsx(tmp_path / "x.xlsx", [["Cột A", "Cột B"], [1, 2]])
    with pytest.raises(ImportFileError):
        read(kind, no_header)


def test_a_year_out_of_range_is_refused_in_vietnamese(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="Năm xếp loại không hợp lệ: 3000"):
        read("unit-grades", grades_file(tmp_path), year=3000)


def test_unknown_kind(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="không hợp lệ"):
        read("staff", grades_file(tmp_path))


def test_field_labels_name_the_columns_of_each_layout() -> None:
    assert field_label("unit-grades", "grade") == "Xếp loại"
    assert field_label("unit-grades", "unit") == "Tên đơn vị"
    assert field_label("awards", "name") != "name"
    assert field_label("awards", "no_such_field") == "no_such_field"
