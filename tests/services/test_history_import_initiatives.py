"""Award history naming the initiatives each award rests on ("Sáng kiến" column): uses are
recorded with the award, an unknown title is an error of the row under the sheet's header."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import select

from app.db.models import AwardRecord, Initiative, InitiativeAuthor, InitiativeUse, PersonGrade
from app.domain.imports import ImportOptions
from app.domain.initiative_titles import split_titles, title_key
from app.domain.people import PersonInput
from app.domain.units import UnitInput
from app.excel import history_import as xl
from app.services import history_import as svc
from app.services import units as unit_svc
from app.services.eligibility import evaluate_year
from app.services.people import create_person
from app.services.reference import catalogue, codes

HEADER = ["STT", "Họ và tên", "Đơn vị", "Năm", "Danh hiệu/hình thức", "Số quyết định", "Sáng kiến"]


def write_xlsx(path: Path, rows: list[list], header: list[str] = HEADER) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


@pytest.fixture
def org(database):
    """An (two initiatives, one written with Bình) and Bình; a unit initiative of the office."""
    with database.session_factory.begin() as s:
        root = unit_svc.create_unit(s, UnitInput(code="SO", full_name="Sở", kind="CO_QUAN"))
        vp = unit_svc.create_unit(
            s, UnitInput(code="VP", full_name="Văn phòng Sở", parent_id=root.id, kind="VAN_PHONG")
        )
        an = create_person(s, PersonInput(ho_dem="Nguyễn Văn", ten="An"), unit_id=vp.id)
        binh = create_person(s, PersonInput(ho_dem="Trần Thị", ten="Bình"), unit_id=vp.id)
        ids = {}
        for key, title, authors, unit in (
            ("so_hoa", "Số hóa hồ sơ đất đai", (an, binh), None),
            ("ban_do", "Bản đồ số rừng", (an,), None),
            ("mot_cua", "Một cửa liên thông", (binh,), None),
            ("quy_che", "Quy chế văn thư điện tử", (), vp.id),
        ):
            ini = Initiative(
                title=title, kind="SANG_KIEN", scope="PV_CO_SO", year=2024, unit_id=unit
            )
            s.add(ini)
            s.flush()
            for order, pid in enumerate(authors, 1):
                s.add(InitiativeAuthor(initiative_id=ini.id, person_id=pid, author_order=order))
            ids[key] = ini.id
    return {"vp": vp.id, "an": an, "binh": binh, **ids}


def run(database, path: Path, options: ImportOptions | None = None):
    result = xl.parse_awards(path, catalogue(), codes())
    parsed = svc.ParsedFile(
        svc.KIND_AWARDS,
        str(path),
        result.sheet,
        result.issues,
        dict(result.columns),
        dict(result.headers),
    )
    with database.session_factory.begin() as s:
        return svc.import_awards(s, parsed, list(result.rows), options or ImportOptions())


def uses(database) -> list[tuple[int, int | None, int | None, str, int, str]]:
    with database.session_factory() as s:
        out = []
        for u in s.scalars(select(InitiativeUse)):
            record = s.get(AwardRecord, u.award_record_id)
            assert record is not None  # always linked to the imported award
            out.append(
                (u.initiative_id, u.person_id, u.unit_id, u.catalogue_code, u.year, record.source)
            )
        return sorted(out)


def test_titles_are_split_and_compared_exactly() -> None:
    known = {title_key(t) for t in ("Số hóa hồ sơ đất đai", "Bản đồ số rừng")}
    assert split_titles("số hóa  HỒ SƠ đất đai;\nBản đồ số rừng", known).found == (
        "số hóa hồ sơ đất đai",
        "bản đồ số rừng",
    )
    # a new line read as a space: still two titles
    assert split_titles("Số hóa hồ sơ đất đai Bản đồ số rừng", known).found == (
        "số hóa hồ sơ đất đai",
        "bản đồ số rừng",
    )
    # without diacritics it is another title
    assert split_titles("So hoa ho so dat dai", known).unknown == ("So hoa ho so dat dai",)


def test_import_records_the_uses_of_each_award(database, org, tmp_path) -> None:
    path = write_xlsx(
        tmp_path / "ds.xlsx",
        [
            [1, "Nguyễn Văn An", "Văn phòng Sở", 2024, "CSTĐCS", "10/QĐ-SNN",
             "Số hóa hồ sơ đất đai;\nbản đồ số RỪNG"],
            [2, "Trần Thị Bình", "Văn phòng Sở", 2024, "CSTĐCS", "10/QĐ-SNN", "Một cửa liên thông"],
            [3, "Văn phòng Sở", None, 2024, "TTLĐXS", "11/QĐ-SNN", "Quy chế văn thư điện tử"],
            [4, "Trần Thị Bình", "Văn phòng Sở", 2023, "LĐTT", "09/QĐ-SNN", None],
        ],
    )  # fmt: skip
    report = run(database, path)
    assert report.issues == [] and report.added == 4
    assert (
        "Dòng 2: Nguyễn Văn An - CSTĐCS 2024, dựa trên sáng kiến, đề tài "
        "'Số hóa hồ sơ đất đai', 'Bản đồ số rừng'"
    ) in report.changes
    assert uses(database) == sorted(
        [
            (org["so_hoa"], org["an"], None, "CSTDCS", 2024, "IMPORT"),
            (org["ban_do"], org["an"], None, "CSTDCS", 2024, "IMPORT"),
            (org["mot_cua"], org["binh"], None, "CSTDCS", 2024, "IMPORT"),
            (org["quy_che"], None, org["vp"], "TTLDXS", 2024, "IMPORT"),
        ]
    )
    # re-importing changes nothing
    again = run(database, path)
    assert again.added == 0 and again.updated == 0 and again.unchanged == 4
    assert len(uses(database)) == 4


def test_the_engine_sees_the_imported_use(database, org, tmp_path) -> None:
    with database.session_factory.begin() as s:
        s.add(PersonGrade(person_id=org["an"], year=2025, grade="HTTNV", months_worked=12))
    path = write_xlsx(
        tmp_path / "ds.xlsx",
        [[1, "Nguyễn Văn An", "Văn phòng Sở", 2024, "BK UBND tỉnh", "5/QĐ-UBND",
          "Số hóa hồ sơ đất đai; Bản đồ số rừng"]],
    )  # fmt: skip
    assert run(database, path).added == 1
    with database.session_factory.begin() as s:
        s.execute(
            Initiative.__table__.update().values(year=2025)  # recognised in the year under review
        )
    with database.session_factory() as s:
        rows = evaluate_year(s, 2025, person_ids={org["an"]}, title="CSTDCS")
    verdict = rows[0].verdict
    assert not verdict.eligible
    assert "sáng kiến 'Số hóa hồ sơ đất đai' đã dùng cho Bằng khen tỉnh 2024" in (
        verdict.explanation
    )


def test_an_award_already_stored_gets_its_uses(database, org, tmp_path) -> None:
    rows = [[1, "Nguyễn Văn An", "Văn phòng Sở", 2024, "CSTĐCS", "10/QĐ-SNN", None]]
    assert run(database, write_xlsx(tmp_path / "a.xlsx", rows)).added == 1
    rows[0][-1] = "Bản đồ số rừng"
    report = run(database, write_xlsx(tmp_path / "b.xlsx", rows))
    assert (report.added, report.updated) == (0, 1)
    assert report.changes == ["Dòng 2: Nguyễn Văn An - ghi sáng kiến, đề tài 'Bản đồ số rừng'"]
    assert [u[:4] for u in uses(database)] == [(org["ban_do"], org["an"], None, "CSTDCS")]


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("Sáng kiến chưa có", "Không có sáng kiến, đề tài 'Sáng kiến chưa có' (nhập sáng kiến trước)"),
        ("So hoa ho so dat dai", "Không có sáng kiến, đề tài 'So hoa ho so dat dai' (nhập sáng kiến trước)"),
        ("Một cửa liên thông", "Sáng kiến, đề tài 'Một cửa liên thông' không phải của Nguyễn Văn An"),
    ],
)  # fmt: skip
def test_an_unknown_title_is_an_error_of_the_row(database, org, tmp_path, cell, message) -> None:
    path = write_xlsx(
        tmp_path / "ds.xlsx",
        [
            [1, "Nguyễn Văn An", "Văn phòng Sở", 2024, "CSTĐCS", "10/QĐ-SNN",
             f"Bản đồ số rừng; {cell}"],
            [2, "Trần Thị Bình", "Văn phòng Sở", 2024, "CSTĐCS", "10/QĐ-SNN", None],
        ],
        header=[*HEADER[:-1], "Sáng kiến, đề tài làm căn cứ"],
    )  # fmt: skip
    report = run(database, path)
    assert report.blocked and not report.written
    assert [i.text() for i in report.issues] == [
        f"dòng 2, cột G (Sáng kiến, đề tài làm căn cứ): {message}"
    ]
    with database.session_factory() as s:
        assert s.scalars(select(AwardRecord)).all() == []
    assert uses(database) == []
    # skipping the bad row imports the other without uses
    skipped = run(database, path, ImportOptions(skip_invalid=True))
    assert skipped.added == 1 and uses(database) == []


def test_a_household_has_no_initiatives(database, org, tmp_path) -> None:
    header = ["STT", "Họ và tên", "Đối tượng", "Địa chỉ", "Năm", "Danh hiệu/hình thức",
              "Số quyết định", "Đề tài"]  # fmt: skip
    path = write_xlsx(
        tmp_path / "ds.xlsx",
        [[1, "Hộ ông Lê Văn Tư", "Hộ gia đình", "Thôn 1", 2024, "GK Sở", "3/QĐ-SNN", "Bản đồ"]],
        header=header,
    )
    report = run(database, path)
    assert [i.text() for i in report.issues] == [
        "dòng 2, cột H (Đề tài): Hộ gia đình không có sáng kiến, đề tài: bỏ trống cột này"
    ]


def test_same_title_twice_takes_the_one_recognised_by_the_awards_year(
    database, org, tmp_path
) -> None:
    with database.session_factory.begin() as s:
        later = Initiative(title="Bản đồ số rừng", kind="SANG_KIEN", scope="PV_CO_SO", year=2026)
        s.add(later)
        s.flush()
        s.add(InitiativeAuthor(initiative_id=later.id, person_id=org["an"]))
    path = write_xlsx(
        tmp_path / "ds.xlsx",
        [[1, "Nguyễn Văn An", "Văn phòng Sở", 2024, "CSTĐCS", "10/QĐ-SNN", "Bản đồ số rừng"]],
    )
    assert run(database, path).added == 1
    assert [u[0] for u in uses(database)] == [org["ban_do"]]


def test_no_initiative_column_changes_nothing(database, org, tmp_path) -> None:
    path = write_xlsx(
        tmp_path / "ds.xlsx",
        [[1, "Nguyễn Văn An", "Văn phòng Sở", 2024, "CSTĐCS", "10/QĐ-SNN"]],
        header=HEADER[:-1],
    )
    result = xl.parse_awards(path, catalogue(), codes())
    assert "initiatives" not in result.columns and result.rows[0].initiatives == ""
    assert run(database, path).added == 1 and uses(database) == []
