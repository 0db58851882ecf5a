"""History imports (issue 5): past awards, initiatives and collective grades, parse -> match -> write."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import create_engine, select, text

from app.db.models import AwardRecord, Initiative, UnitGrade
from app.domain.imports import ImportOptions
from app.domain.people import PersonInput
from app.domain.units import UnitInput
from app.excel import history_import as xl
from app.services import history_import as svc
from app.services import units as unit_svc
from app.services.people import create_person
from app.services.reference import catalogue, codes

# the copy of ../shared/reference kept with the tests (tests/test_reference_files.py checks it)
REFERENCE = (
    Path(__file__).resolve().parents[1] / "data" / "reference" / "initiatives-list-DETAI.xlsx"
)
TABLES = ("award_record", "initiative", "initiative_author", "unit_grade", "audit_log")

AWARD_HEADER = [
    "STT",
    "Họ và tên",
    "Ngày sinh",
    "Đơn vị",
    "Năm",
    "Danh hiệu/hình thức",
    "Loại hình",
    "Số quyết định",
    "Ngày quyết định",
    "Cơ quan quyết định",
]
AWARDS = [
    [1, "Nguyễn Văn An", "03/04/1980", "Phòng Kế hoạch - Tài chính", 2023, "LĐTT", None,
     "12/QĐ-SNN", "15/01/2024", "Giám đốc Sở"],
    [2, "Nguyễn Văn An", None, "Phòng Kế hoạch - Tài chính", "2023", "CSTĐCS", None,
     "13/QĐ-SNN", "15/01/2024", "Giám đốc Sở"],
    [3, "Trần Thị Bình", None, "Văn phòng Sở", "2021 - 2023", "BK UBND tỉnh", "chuyên đề",
     "456/QĐ-UBND", "20/03/2024", "Chủ tịch UBND tỉnh"],
    [4, "Trần Thị Bình", None, "Văn phòng Sở", "2022", "Giấy khen Sở", "Đột xuất",
     "99/QĐ-SNN", "01/06/2022", None],
    [5, "Phòng Kế hoạch - Tài chính", None, None, 2023, "TTLĐTT", None,
     "14/QĐ-SNN", "15/01/2024", "Giám đốc Sở"],
]  # fmt: skip


def write_xlsx(path: Path, header: list, rows: list[list], title: str | None = "DANH SÁCH") -> Path:
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
        people = {
            "an": create_person(
                s,
                PersonInput(ho_dem="Nguyễn Văn", ten="An", birth_date=date(1980, 4, 3)),
                unit_id=kh.id,
            ),
            "binh": create_person(
                s, PersonInput(ho_dem="Trần Thị", ten="Bình", birth_year=1988), unit_id=vp.id
            ),
            "cuong": create_person(
                s, PersonInput(ho_dem="Lê Minh", ten="Cường", birth_year=1975), unit_id=kh.id
            ),
            # two people named Hoa, in different units
            "hoa_kh": create_person(
                s, PersonInput(ho_dem="Phạm Thị", ten="Hoa", birth_year=1990), unit_id=kh.id
            ),
            "hoa_vp": create_person(
                s,
                PersonInput(ho_dem="Phạm Thị", ten="Hoa", birth_year=1985),
                unit_id=vp.id,
                allow_duplicate=True,
            ),
        }
    return {"root": root.id, "vp": vp.id, "kh": kh.id, **people}


def counts(database) -> dict[str, int]:
    engine = create_engine(database.url)
    try:
        with engine.connect() as conn:
            return {t: conn.execute(text(f"SELECT COUNT(*) FROM {t}")).scalar_one() for t in TABLES}
    finally:
        engine.dispose()


def _parsed(kind: str, path: Path, result) -> svc.ParsedFile:
    return svc.ParsedFile(kind, str(path), result.sheet, result.issues, dict(result.columns))


def run_awards(database, path: Path, options: ImportOptions | None = None):
    result = xl.parse_awards(path, catalogue(), codes())
    with database.session_factory.begin() as s:
        return svc.import_awards(
            s, _parsed(svc.KIND_AWARDS, path, result), list(result.rows), options or ImportOptions()
        )


def run_initiatives(database, path: Path, options: ImportOptions | None = None):
    result = xl.parse_initiatives(path, codes())
    with database.session_factory.begin() as s:
        return svc.import_initiatives(
            s,
            _parsed(svc.KIND_INITIATIVES, path, result),
            list(result.rows),
            options or ImportOptions(),
        )


def run_unit_grades(database, path: Path, year: int | None = None, **kw):
    result = xl.parse_unit_grades(path, codes(), year=year)
    with database.session_factory.begin() as s:
        return svc.import_unit_grades(
            s,
            _parsed(svc.KIND_UNIT_GRADES, path, result),
            list(result.rows),
            ImportOptions(**kw),
        )


# ---------------------------------------------------------------- pure helpers


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (2023, (2023, 2023)),
        (2023.0, (2023, 2023)),
        ("2023", (2023, 2023)),
        ("2021-2023", (2021, 2023)),
        ("2021 - 2023", (2021, 2023)),
        ("2021–2023", (2021, 2023)),
        ("Giai đoạn 2021-2023", (2021, 2023)),
        ("năm 2022", (2022, 2022)),
        ("2021-23", (2021, 2023)),
    ],
)
def test_parse_period(value, expected) -> None:
    assert xl.parse_period(value) == expected


@pytest.mark.parametrize("value", ["2023-2021", "hai nghìn", "20233", "2021-2023-2024", True])
def test_parse_period_rejects(value) -> None:
    with pytest.raises(ValueError):
        xl.parse_period(value)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("LĐTT", "LDTT"),
        ("Lao động tiên tiến", "LDTT"),
        ("lao dong tien tien", "LDTT"),
        ("CSTĐCS", "CSTDCS"),
        ("Chiến sĩ thi đua cơ sở", "CSTDCS"),
        ("BK UBND tỉnh", "BK_TINH"),
        ("Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "BK_TINH"),
        ("Giấy khen Sở", "GK_SO"),
        ("GK_SO", "GK_SO"),
        ("TTLĐTT", "TTLDTT"),
        ("Danh hiệu Lao động tiên tiến", "LDTT"),
    ],
)
def test_title_matching(text: str, code: str) -> None:
    assert xl.match_title(text, catalogue()) == code


def test_title_unknown() -> None:
    assert xl.match_title("Huy chương vàng Olympic", catalogue()) is None


def test_split_authors() -> None:
    assert xl.split_authors("Nguyễn Văn An, Trần Thị Bình") == ("Nguyễn Văn An", "Trần Thị Bình")
    assert xl.split_authors("ThS. Nguyễn Văn An; Lê Minh Cường\nPhạm Thị Hoa và Trần Thị Bình") == (
        "Nguyễn Văn An",
        "Lê Minh Cường",
        "Phạm Thị Hoa",
        "Trần Thị Bình",
    )
    assert xl.split_authors("") == ()


def test_award_types_and_scopes() -> None:
    assert xl.match_award_type("đột xuất", codes()) == "DOT_XUAT"
    assert xl.match_award_type("Khen thưởng chuyên đề", codes()) == "CHUYEN_DE"
    assert xl.match_award_type("cống hiến", codes()) == "CONG_HIEN"
    assert xl.match_scope("Cấp tỉnh", codes()) == "PV_TINH"
    assert xl.match_scope("toàn quốc", codes()) == "PV_TOAN_QUOC"
    assert xl.match_initiative_kind("Đề tài", codes()) == "DE_TAI"


# ---------------------------------------------------------------- awards


def test_clean_award_list_is_imported(database, org, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "kt.xlsx", AWARD_HEADER, AWARDS)
    report = run_awards(database, path)
    assert report.issues == []
    assert report.written and not report.blocked
    assert report.added == 5
    with database.session_factory() as s:
        recs = {
            (r.person_id, r.unit_id, r.catalogue_code): r for r in s.scalars(select(AwardRecord))
        }
    assert set(recs) == {
        (org["an"], None, "LDTT"),
        (org["an"], None, "CSTDCS"),
        (org["binh"], None, "BK_TINH"),
        (org["binh"], None, "GK_SO"),
        (None, org["kh"], "TTLDTT"),
    }
    bk = recs[(org["binh"], None, "BK_TINH")]
    assert (bk.period_from_year, bk.period_to_year, bk.year) == (2021, 2023, 2023)
    assert bk.award_type == "CHUYEN_DE"
    assert bk.decision_number == "456/QĐ-UBND"
    assert bk.decision_date == date(2024, 3, 20)
    assert bk.authority == "Chủ tịch UBND tỉnh"
    assert bk.source == "IMPORT" and not bk.revoked
    assert recs[(org["binh"], None, "GK_SO")].award_type == "DOT_XUAT"
    ldtt = recs[(org["an"], None, "LDTT")]
    assert (ldtt.subject_kind, ldtt.award_type, ldtt.year) == ("CA_NHAN", "CONG_TRANG", 2023)
    assert (ldtt.period_from_year, ldtt.period_to_year) == (2023, 2023)
    tt = recs[(None, org["kh"], "TTLDTT")]
    assert tt.subject_kind == "TAP_THE"


def test_reimport_changes_nothing(database, org, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "kt.xlsx", AWARD_HEADER, AWARDS)
    run_awards(database, path)
    before = counts(database)
    report = run_awards(database, path)
    assert (report.added, report.updated, report.unchanged) == (0, 0, 5)
    assert not report.blocked
    assert counts(database) == before


def test_subject_column_decides_collective(database, org, tmp_path: Path) -> None:
    header = ["Tên cá nhân/tập thể", "Tập thể/Cá nhân", "Năm", "Hình thức khen thưởng", "Số QĐ"]
    rows = [
        ["Văn phòng Sở", "Tập thể", "2022", "Giấy khen Sở", "5/QĐ-SNN"],
        ["Lê Minh Cường", "Cá nhân", "2022", "Giấy khen Sở", "5/QĐ-SNN"],
    ]
    report = run_awards(database, write_xlsx(tmp_path / "a.xlsx", header, rows))
    assert report.issues == [] and report.added == 2
    with database.session_factory() as s:
        got = {(r.subject_kind, r.person_id, r.unit_id) for r in s.scalars(select(AwardRecord))}
    assert got == {("TAP_THE", None, org["vp"]), ("CA_NHAN", org["cuong"], None)}


def test_namesake_resolved_by_unit_and_ambiguous_reported(database, org, tmp_path: Path) -> None:
    rows = [
        [1, "Phạm Thị Hoa", None, "Văn phòng Sở", 2023, "LDTT", None, "1/QĐ", None, None],
        [2, "Phạm Thị Hoa", None, None, 2023, "LDTT", None, "1/QĐ", None, None],
    ]
    path = write_xlsx(tmp_path / "a.xlsx", AWARD_HEADER, rows)
    before = counts(database)
    report = run_awards(database, path)
    assert report.blocked
    assert [(i.row, i.column) for i in report.issues] == [(5, "B")]
    assert "2 người" in report.issues[0].message
    assert counts(database) == before
    report = run_awards(database, path, ImportOptions(skip_invalid=True))
    assert report.added == 1 and [r for r, _ in report.skipped] == [5]
    with database.session_factory() as s:
        assert s.scalars(select(AwardRecord.person_id)).all() == [org["hoa_vp"]]


@pytest.mark.parametrize(
    ("change", "column", "words"),
    [
        (lambda r: r[0].__setitem__(5, "Huy chương Olympic"), "F", "Không nhận ra danh hiệu"),
        (lambda r: r[0].__setitem__(1, "Người Không Có"), "B", "Không tìm thấy"),
        (lambda r: r[0].__setitem__(8, "31/02/2024"), "I", "31/02/2024"),
        (lambda r: r[0].__setitem__(4, "2023-2020"), "E", "giai đoạn"),
        (lambda r: r[4].__setitem__(1, "Phòng Không Tồn Tại"), "B", "đơn vị"),
        (lambda r: r[0].__setitem__(6, "linh tinh"), "G", "loại hình"),
    ],
)
def test_broken_rows_are_reported_and_nothing_written(
    database, org, tmp_path: Path, change, column: str, words: str
) -> None:
    rows = [list(r) for r in AWARDS]
    change(rows)
    path = write_xlsx(tmp_path / "bad.xlsx", AWARD_HEADER, rows)
    before = counts(database)
    report = run_awards(database, path)
    assert report.blocked and not report.written
    assert len(report.issues) == 1, report.issues
    issue = report.issues[0]
    assert issue.column == column
    assert words.lower() in issue.message.lower()
    assert counts(database) == before


def test_unknown_collective_unit_is_a_row_issue(database, org, tmp_path: Path) -> None:
    header = ["Tên cá nhân/tập thể", "Tập thể/Cá nhân", "Năm", "Hình thức khen thưởng"]
    rows = [["Phòng Không Tồn Tại", "Tập thể", 2022, "GK Sở"]]
    before = counts(database)
    report = run_awards(database, write_xlsx(tmp_path / "a.xlsx", header, rows))
    assert report.blocked
    assert [(i.row, i.column) for i in report.issues] == [(4, "A")]
    assert "đơn vị" in report.issues[0].message
    assert counts(database) == before


def test_dry_run_writes_nothing(database, org, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "kt.xlsx", AWARD_HEADER, AWARDS)
    before = counts(database)
    report = run_awards(database, path, ImportOptions(dry_run=True))
    assert report.added == 5 and not report.written
    assert counts(database) == before


def test_combined_decision_cell(database, org, tmp_path: Path) -> None:
    header = ["Họ và tên", "Năm", "Danh hiệu", "Số, ngày quyết định"]
    rows = [
        ["Lê Minh Cường", 2020, "Chiến sĩ thi đua cơ sở", "Quyết định số 7/QĐ-SNN ngày 10/01/2021"]
    ]
    report = run_awards(database, write_xlsx(tmp_path / "a.xlsx", header, rows))
    assert report.issues == [] and report.added == 1
    with database.session_factory() as s:
        rec = s.scalars(select(AwardRecord)).one()
    assert (rec.decision_number, rec.decision_date) == ("7/QĐ-SNN", date(2021, 1, 10))


# ---------------------------------------------------------------- initiatives

INI_HEADER = [
    "STT",
    "Tên đề tài",
    "Ngày công nhân",
    "Đơn vị công nhận",
    "Tóm tắt thành tích đạt được",
    "Tên tác giả",
    "Phòng ban làm việc",
    "Tên cơ quan làm việc",
    "Số QĐ công nhận",
    "Phạm vi ảnh hưởng",
]
INITIATIVES = [
    [1, "Số hóa hồ sơ thi đua", "15/12/2023", "Hội đồng sáng kiến Sở", "Giảm thời gian",
     "Nguyễn Văn An, Phạm Thị Hoa", "Phòng Kế hoạch - Tài chính", "Sở Nông nghiệp và Môi trường",
     "88/QĐ-SNN", None],
    [2, "Quy trình lưu trữ điện tử", "20/11/2022", "UBND tỉnh", None,
     "Trần Thị Bình", "Văn phòng Sở", "Sở Nông nghiệp và Môi trường", "77/QĐ-UBND", "Cấp tỉnh"],
]  # fmt: skip


def test_initiatives_with_two_authors(database, org, tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "sk.xlsx", INI_HEADER, INITIATIVES, title="DANH SÁCH ĐỀ TÀI SÁNG KIẾN"
    )
    report = run_initiatives(database, path)
    assert report.issues == [] and report.added == 2 and report.written
    with database.session_factory() as s:
        inis = {i.title: i for i in s.scalars(select(Initiative))}
        first = inis["Số hóa hồ sơ thi đua"]
        assert [a.person_id for a in first.authors] == [org["an"], org["hoa_kh"]]
        assert (first.year, first.scope, first.kind) == (2023, "PV_CO_SO", "SANG_KIEN")
        assert first.unit_id == org["kh"]
        assert first.decision_number == "88/QĐ-SNN"
        assert first.decision_date == date(2023, 12, 15)
        assert first.recognized_by == "Hội đồng sáng kiến Sở"
        second = inis["Quy trình lưu trữ điện tử"]
        assert (second.year, second.scope) == (2022, "PV_TINH")
    before = counts(database)
    again = run_initiatives(database, path)
    assert (again.added, again.unchanged) == (0, 2)
    assert counts(database) == before


def test_initiative_unknown_author_blocks(database, org, tmp_path: Path) -> None:
    rows = [list(r) for r in INITIATIVES]
    rows[1][5] = "Trần Thị Bình; Người Lạ"
    before = counts(database)
    report = run_initiatives(database, write_xlsx(tmp_path / "sk.xlsx", INI_HEADER, rows))
    assert report.blocked
    assert [(i.row, i.column) for i in report.issues] == [(5, "F")]
    assert "Người Lạ" in report.issues[0].message
    assert counts(database) == before


def test_initiative_ambiguous_author_outside_unit(database, org, tmp_path: Path) -> None:
    rows = [list(INITIATIVES[0])]
    rows[0][6] = None  # no department: "Phạm Thị Hoa" is two people
    rows[0][7] = None
    report = run_initiatives(database, write_xlsx(tmp_path / "sk.xlsx", INI_HEADER, rows))
    assert report.blocked
    assert [i.column for i in report.issues] == ["F"]
    assert "2 người" in report.issues[0].message


def test_reference_initiative_list_parses() -> None:
    result = xl.parse_initiatives(REFERENCE, codes())
    assert result.header_rows == (3,)
    assert result.columns["title"] == "B"
    assert result.columns["decision_date"] == "C"  # "Ngày công nhân" (typo in the form)
    assert result.columns["recognized_by"] == "D"
    assert result.columns["summary"] == "E"
    assert result.columns["authors"] == "F"
    assert result.columns["unit"] == "G"
    assert result.columns["agency"] == "H"
    assert result.rows == ()
    assert result.issues == ()


# ---------------------------------------------------------------- unit grades


def test_unit_grades_import(database, org, tmp_path: Path) -> None:
    header = ["STT", "Tên đơn vị", "Năm", "Xếp loại"]
    rows = [
        [1, "VĂN PHÒNG SỞ", 2023, "HTXSNV"],
        [2, "Phong ke hoach – tai chinh", 2023, "Hoàn thành tốt nhiệm vụ"],
    ]
    path = write_xlsx(tmp_path / "xl.xlsx", header, rows)
    report = run_unit_grades(database, path)
    assert report.issues == [] and report.added == 2
    with database.session_factory() as s:
        got = {(g.unit_id, g.year, g.grade) for g in s.scalars(select(UnitGrade))}
    assert got == {(org["vp"], 2023, "HTXSNV"), (org["kh"], 2023, "HTTNV")}
    again = run_unit_grades(database, path)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 2)


def test_unit_grades_year_option_and_errors(database, org, tmp_path: Path) -> None:
    header = ["Tên đơn vị", "Xếp loại"]
    rows = [["Văn phòng Sở", "HTTNV"], ["Phòng Ma", "HTNV"], ["Phòng Kế hoạch - Tài chính", "Giỏi"]]
    path = write_xlsx(tmp_path / "xl.xlsx", header, rows)
    before = counts(database)
    report = run_unit_grades(database, path, year=2022)
    assert report.blocked
    assert sorted((i.row, i.column) for i in report.issues) == [(5, "A"), (6, "B")]
    assert counts(database) == before
    report = run_unit_grades(database, path, year=2022, skip_invalid=True)
    assert report.added == 1
    with database.session_factory() as s:
        assert s.scalars(select(UnitGrade.unit_id)).all() == [org["vp"]]


def test_unit_grades_old_name(database, org, tmp_path: Path) -> None:
    with database.session_factory.begin() as s:
        new = unit_svc.rename_unit(
            s,
            org["vp"],
            new_full_name="Văn phòng Sở Nông nghiệp",
            effective=date(2025, 7, 1),
            new_code="VP2",
            expected_version=unit_svc.get_unit(s, org["vp"]).version,
        )
    header = ["Tên đơn vị", "Năm", "Xếp loại"]
    rows = [["Văn phòng Sở", 2023, "HTTNV"], ["Văn phòng Sở", 2026, "HTXSNV"]]
    report = run_unit_grades(database, write_xlsx(tmp_path / "xl.xlsx", header, rows))
    assert report.issues == []
    with database.session_factory() as s:
        got = {(g.unit_id, g.year) for g in s.scalars(select(UnitGrade))}
    assert got == {(org["vp"], 2023), (new.id, 2026)}
