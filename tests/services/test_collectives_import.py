"""Issue 11, points 2, 4 and 5: collectives by name and parent (staff, unit grades, awards),
household awards, and nomination lists that are not awards until they carry a decision."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select, text

from app.db.models import Assignment, AwardRecord, Household, Person, Unit, UnitGrade
from app.domain.imports import ImportOptions
from app.domain.units import UnitInput
from app.excel import history_import as xl
from app.excel.history_files import ProposalListError, read_history_file
from app.excel.people_import import parse_staff
from app.services import history_import as hsvc
from app.services import people_import as psvc
from app.services import units as unit_svc
from app.services.reference import catalogue, codes


def write_xlsx(path: Path, rows: list[list], sheet: str = "DS") -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


@pytest.fixture
def tree(database) -> dict[str, int]:
    """Sở Y tế with its own planning room, and two hospitals each with a 'Khoa Dược'."""
    with database.session_factory.begin() as s:

        def add(code: str, name: str, parent: int | None = None, kind: str = "KHAC") -> int:
            return unit_svc.create_unit(
                s, UnitInput(code=code, full_name=name, parent_id=parent, kind=kind)
            ).id

        root = add("SYT", "Sở Y tế", kind="CO_QUAN")
        ids = {
            "root": root,
            "khtc": add("KHTC", "Phòng Kế hoạch - Tài chính", root),
            "bvdk": add("BVDK", "Bệnh viện Đa khoa tỉnh", root),
            "bvyhct": add("BVYHCT", "Bệnh viện Y học cổ truyền", root),
        }
        ids["duoc_dk"] = add("DUOC1", "Khoa Dược", ids["bvdk"])
        ids["duoc_yhct"] = add("DUOC2", "Khoa Dược", ids["bvyhct"])
    return ids


def units_by_parent(database) -> dict[tuple[str, str | None], int]:
    """(unit name, parent name) -> how many units."""
    with database.session_factory() as s:
        names = dict(s.execute(select(Unit.id, Unit.full_name)).all())
        out: dict[tuple[str, str | None], int] = {}
        for name, parent in s.execute(select(Unit.full_name, Unit.parent_id)):
            key = (name, names.get(parent))
            out[key] = out.get(key, 0) + 1
        return out


def count(database, table: str) -> int:
    with database.engine.connect() as conn:
        return conn.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar_one()


# ---------------------------------------------------------------- staff


STAFF_HEADER = ["STT", "Họ và tên", "Ngày sinh", "Chức vụ", "Khoa, phòng", "Cơ quan công tác"]
STAFF = [
    [1, "Nguyễn Văn An", "03/04/1980", "Dược sĩ", "Khoa Dược", "Bệnh viện Đa khoa tỉnh"],
    [2, "Trần Thị Bình", "15/09/1988", "Dược sĩ", "khoa duoc", "  Bệnh viện Y học cổ truyền"],
    [3, "Lê Văn Cường", "01/02/1979", "Kế toán", "Phòng Kế hoạch – Tài chính",
     "Bệnh viện Y học cổ truyền"],
    [4, "Phạm Thị Dung", "05/06/1985", "Chuyên viên", "Phòng Kế hoạch - Tài chính", "Sở Y tế"],
    [5, "Hoàng Văn Em", "07/08/1990", "Bác sĩ", "Khoa Nhi", "Bệnh viện Nhi"],
]  # fmt: skip


def run_staff(database, path: Path, options: ImportOptions):
    result = parse_staff(path, codes())
    parsed = psvc.ParsedFile(
        "staff", str(path), result.sheet, result.issues, psvc.columns_of(result.column_map)
    )
    with database.session_factory.begin() as s:
        return psvc.import_staff(s, parsed, list(result.rows), options)


def unit_of(database) -> dict[str, tuple[str, str | None]]:
    """person -> (unit, parent unit) of the current assignment."""
    with database.session_factory() as s:
        names = dict(s.execute(select(Unit.id, Unit.full_name)).all())
        parents = dict(s.execute(select(Unit.id, Unit.parent_id)).all())
        return {
            person: (names[unit], names.get(parents[unit]))
            for person, unit in s.execute(
                select(Person.full_name, Assignment.unit_id).join(
                    Assignment, Assignment.person_id == Person.id
                )
            )
        }


def test_staff_units_are_found_under_the_agency_the_row_names(database, tree, tmp_path) -> None:
    path = write_xlsx(tmp_path / "staff.xlsx", [["DANH SÁCH CÁN BỘ"], STAFF_HEADER, *STAFF])
    units_before = count(database, "unit")
    report = run_staff(database, path, ImportOptions())
    assert report.blocked and not report.written
    assert sorted(report.unknown_units) == [
        "Khoa Nhi (Bệnh viện Nhi)",
        "Phòng Kế hoạch – Tài chính (Bệnh viện Y học cổ truyền)",
    ]
    assert count(database, "person") == 0

    report = run_staff(database, path, ImportOptions(create_units=True))
    assert report.written and report.issues == []
    assert count(database, "unit") == units_before + 3
    assert unit_of(database) == {
        "Nguyễn Văn An": ("Khoa Dược", "Bệnh viện Đa khoa tỉnh"),
        "Trần Thị Bình": ("Khoa Dược", "Bệnh viện Y học cổ truyền"),
        "Lê Văn Cường": ("Phòng Kế hoạch – Tài chính", "Bệnh viện Y học cổ truyền"),
        "Phạm Thị Dung": ("Phòng Kế hoạch - Tài chính", "Sở Y tế"),
        "Hoàng Văn Em": ("Khoa Nhi", "Bệnh viện Nhi"),
    }
    assert units_by_parent(database)[("Bệnh viện Nhi", "Sở Y tế")] == 1

    again = run_staff(database, path, ImportOptions(create_units=True))
    assert again.created_units == [] and again.unchanged == 5
    assert count(database, "unit") == units_before + 3


def test_a_staff_unit_borne_by_two_parents_needs_the_parent(database, tree, tmp_path) -> None:
    header = ["STT", "Họ và tên", "Ngày sinh", "Khoa, phòng"]
    rows = [[1, "Nguyễn Văn An", "03/04/1980", "Khoa Dược"]]
    path = write_xlsx(tmp_path / "staff.xlsx", [header, *rows])
    report = run_staff(database, path, ImportOptions(create_units=True))
    assert report.blocked and count(database, "person") == 0
    [issue] = report.issues
    assert (issue.row, issue.column) == (2, "D")
    assert "2 đơn vị tên 'Khoa Dược'" in issue.message
    assert "Bệnh viện Đa khoa tỉnh" in issue.message and "(unit)" not in issue.text()


def test_the_wizard_choice_for_a_unit_is_keyed_by_unit_and_parent(database, tree, tmp_path) -> None:
    path = write_xlsx(tmp_path / "staff.xlsx", [STAFF_HEADER, STAFF[2]])
    key = psvc.unit_choice_key("Phòng Kế hoạch – Tài chính", "Bệnh viện Y học cổ truyền")
    report = run_staff(database, path, ImportOptions(unit_mapping={key: tree["bvyhct"]}))
    assert report.written
    assert unit_of(database) == {"Lê Văn Cường": ("Bệnh viện Y học cổ truyền", "Sở Y tế")}


def test_the_agency_root_is_created_when_the_database_has_no_unit(database, tmp_path) -> None:
    header = ["STT", "Họ và tên", "Ngày sinh", "Phòng ban"]
    path = write_xlsx(tmp_path / "staff.xlsx", [header, [1, "Nguyễn Văn An", "1980", "Văn phòng"]])
    report = run_staff(database, path, ImportOptions(create_units=True))
    assert report.written
    assert units_by_parent(database) == {
        ("SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", None): 1,
        ("Văn phòng", "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG"): 1,
    }


# ---------------------------------------------------------------- unit grades


def run_grades(database, path: Path, options: ImportOptions, year: int | None = None):
    result = xl.parse_unit_grades(path, codes(), year=year)
    parsed = hsvc.ParsedFile(
        hsvc.KIND_UNIT_GRADES, str(path), result.sheet, result.issues, dict(result.columns)
    )
    with database.session_factory.begin() as s:
        return hsvc.import_unit_grades(s, parsed, list(result.rows), options)


def test_unit_grades_read_the_parent_column(database, tree, tmp_path) -> None:
    header = ["STT", "Tên đơn vị", "Đơn vị cấp trên", "Xếp loại"]
    rows = [
        [1, "Khoa Dược", "Bệnh viện Đa khoa tỉnh", "HTXSNV"],
        [2, "KHOA DƯỢC", " Bệnh viện Y học cổ truyền", "HTTNV"],
        [3, "Khoa Xét nghiệm", "Bệnh viện Đa khoa tỉnh", "HTNV"],
    ]
    path = write_xlsx(tmp_path / "xl.xlsx", [header, *rows])
    report = run_grades(database, path, ImportOptions(), year=2023)
    assert report.blocked
    [issue] = report.issues
    assert (issue.row, issue.column) == (4, "B")
    assert "Khoa Xét nghiệm" in issue.message and "Bệnh viện Đa khoa tỉnh" in issue.message
    assert count(database, "unit_grade") == 0

    report = run_grades(database, path, ImportOptions(create_units=True), year=2023)
    assert report.written and report.added == 3
    assert report.created_units == ["Khoa Xét nghiệm (Bệnh viện Đa khoa tỉnh)"]
    with database.session_factory() as s:
        got = dict(s.execute(select(UnitGrade.unit_id, UnitGrade.grade)).all())
        new = s.scalar(select(Unit).where(Unit.full_name == "Khoa Xét nghiệm"))
    assert new is not None and new.parent_id == tree["bvdk"]
    assert got == {tree["duoc_dk"]: "HTXSNV", tree["duoc_yhct"]: "HTTNV", new.id: "HTNV"}


def test_unknown_parent_of_a_unit_grade_is_reported_on_the_parent_column(
    database, tree, tmp_path
) -> None:
    header = ["STT", "Tên đơn vị", "Cơ quan chủ quản", "Năm", "Xếp loại"]
    path = write_xlsx(
        tmp_path / "xl.xlsx", [header, [1, "Khoa Dược", "Bệnh viện Nhi", 2023, "HTNV"]]
    )
    report = run_grades(database, path, ImportOptions())
    [issue] = report.issues
    assert issue.column == "C" and "đơn vị cấp trên 'Bệnh viện Nhi'" in issue.message
    report = run_grades(database, path, ImportOptions(create_units=True))
    assert report.created_units == ["Bệnh viện Nhi", "Khoa Dược (Bệnh viện Nhi)"]
    assert units_by_parent(database)[("Khoa Dược", "Bệnh viện Nhi")] == 1
    assert units_by_parent(database)[("Bệnh viện Nhi", "Sở Y tế")] == 1


# ---------------------------------------------------------------- awards: collectives, households


AWARD_HEADER = [
    "STT",
    "Tên tập thể/cá nhân/hộ gia đình",
    "Đơn vị công tác",
    "Phân loại khen thưởng",
    "Danh hiệu thi đua/Hình thức khen thưởng",
    "Địa chỉ",
    "Xã, phường",
    "Số quyết định",
    "Ngày quyết định",
]


def run_awards(database, path: Path, options: ImportOptions | None = None, **kw):
    history = read_history_file("awards", path, catalogue(), codes(), **kw)
    with database.session_factory.begin() as s:
        return hsvc.import_history(s, history, options or ImportOptions())


def test_collective_awards_go_to_the_unit_under_the_parent(database, tree, tmp_path) -> None:
    rows = [
        [1, "Khoa Dược", "Bệnh viện Đa khoa tỉnh", "Khen thưởng tập thể",
         "Tập thể lao động tiên tiến", None, None, "5/QĐ-SYT", "10/01/2024"],
        [2, "Khoa Dược", "Bệnh viện Y học cổ truyền", "TAPTHE",
         "Tập thể lao động tiên tiến", None, None, "5/QĐ-SYT", "10/01/2024"],
        [3, "Phòng Kế hoạch - Tài chính", "Bệnh viện Đa khoa tỉnh", "Tập thể",
         "Tập thể lao động tiên tiến", None, None, "5/QĐ-SYT", "10/01/2024"],
    ]  # fmt: skip
    path = write_xlsx(tmp_path / "kt.xlsx", [AWARD_HEADER, *rows])
    report = run_awards(database, path, year=2023)
    assert report.blocked
    assert [(i.row, i.column) for i in report.issues] == [(4, "B")]
    assert report.unknown_units == ["Phòng Kế hoạch - Tài chính (Bệnh viện Đa khoa tỉnh)"]
    report = run_awards(database, path, ImportOptions(create_units=True), year=2023)
    assert report.written and report.added == 3
    with database.session_factory() as s:
        owners = s.scalars(select(AwardRecord.unit_id).order_by(AwardRecord.id)).all()
        new = s.scalars(select(Unit).where(Unit.parent_id == tree["bvdk"])).all()
    assert owners[:2] == [tree["duoc_dk"], tree["duoc_yhct"]]
    assert owners[2] not in (tree["khtc"], None)  # never the agency's own room
    assert owners[2] in {u.id for u in new}


def test_household_awards_in_and_reimport_adds_nothing(database, tree, tmp_path) -> None:
    rows = [
        [1, "Gia đình ông Lê Văn Hải", None, "Khen thưởng hộ gia đình", "BK UBND tỉnh",
         "Thôn Đông", "Xã Hải Ninh", "77/QĐ-UBND", "02/09/2024"],
        [2, "Gia đình ông Lê Văn Hải", None, "HOGIADINH", "BK UBND tỉnh",
         "Thôn Tây", "Xã Hải Ninh", "77/QĐ-UBND", "02/09/2024"],
        [3, "Hộ bà Nguyễn Thị Lan", None, "Hộ gia đình", "Giấy khen Sở",
         None, "Xã Quảng Phú", "12/QĐ-SYT", "15/03/2024"],
        [4, "Gia đình ông Lê Văn Hải", None, "Hộ gia đình", "Giấy khen Sở",
         "thôn đông", "xã hải ninh", "12/QĐ-SYT", "15/03/2024"],
    ]  # fmt: skip
    path = write_xlsx(tmp_path / "hgd.xlsx", [AWARD_HEADER, *rows])
    report = run_awards(database, path)
    assert report.issues == [] and report.written and report.added == 4
    with database.session_factory() as s:
        households = s.scalars(select(Household).order_by(Household.id)).all()
        records = s.scalars(select(AwardRecord).order_by(AwardRecord.id)).all()
    assert [(h.name, h.address, h.commune) for h in households] == [
        ("Gia đình ông Lê Văn Hải", "Thôn Đông", "Xã Hải Ninh"),
        ("Gia đình ông Lê Văn Hải", "Thôn Tây", "Xã Hải Ninh"),
        ("Hộ bà Nguyễn Thị Lan", None, "Xã Quảng Phú"),
    ]
    first, second, third = (h.id for h in households)
    assert [(r.subject_kind, r.household_id, r.catalogue_code) for r in records] == [
        ("HO_GIA_DINH", first, "BK_TINH"),
        ("HO_GIA_DINH", second, "BK_TINH"),
        ("HO_GIA_DINH", third, "GK_SO"),
        ("HO_GIA_DINH", first, "GK_SO"),  # the same household, written in lower case
    ]
    assert records[0].recipient_name == "Gia đình ông Lê Văn Hải"
    assert records[0].unit_text == "Thôn Đông, Xã Hải Ninh"
    assert records[0].subject_category == "HO_GIA_DINH"
    assert records[0].decision_id is not None  # in the decision register like other history

    before = {t: count(database, t) for t in ("household", "award_record", "decision")}
    again = run_awards(database, path)
    assert (again.added, again.unchanged) == (0, 4)
    assert {t: count(database, t) for t in before} == before


@pytest.mark.parametrize(
    ("change", "column", "words"),
    [
        (lambda r: r.__setitem__(4, "Lao động tiên tiến"), "E", "không dành cho hộ gia đình"),
        (lambda r: (r.__setitem__(5, None), r.__setitem__(6, None)), "B", "địa chỉ"),
        (lambda r: r.__setitem__(3, "Hội viên"), "D", "hộ gia đình"),
    ],
)
def test_bad_household_rows_are_refused(database, tree, tmp_path, change, column, words) -> None:
    row = [1, "Gia đình ông Lê Văn Hải", None, "Khen thưởng hộ gia đình", "BK UBND tỉnh",
           "Thôn Đông", "Xã Hải Ninh", "77/QĐ-UBND", "02/09/2024"]  # fmt: skip
    change(row)
    path = write_xlsx(tmp_path / "hgd.xlsx", [AWARD_HEADER, row])
    report = run_awards(database, path)
    assert report.blocked
    assert [i.column for i in report.issues] == [column]
    assert words in report.issues[0].message
    assert count(database, "household") == 0 and count(database, "award_record") == 0


def test_a_household_without_address_columns_takes_its_place_from_the_unit_column(
    database, tree, tmp_path
) -> None:
    header = ["STT", "Tên tập thể/cá nhân/hộ gia đình", "Đơn vị công tác", "Phân loại khen thưởng",
              "Danh hiệu thi đua/Hình thức khen thưởng", "Số quyết định", "Ngày quyết định"]  # fmt: skip
    row = [1, "Gia đình ông Lê Văn Hải", "Xã Hải Ninh", "HOGIADINH", "BK UBND tỉnh", "7/QĐ",
           "02/09/2024"]  # fmt: skip
    report = run_awards(database, write_xlsx(tmp_path / "h.xlsx", [header, row]))
    assert report.written
    with database.session_factory() as s:
        assert s.execute(select(Household.name, Household.address)).one() == (
            "Gia đình ông Lê Văn Hải",
            "Xã Hải Ninh",
        )


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Khen thưởng cá nhân", "CA_NHAN"),
        ("CANHAN", "CA_NHAN"),
        ("Khen thưởng tập thể", "TAP_THE"),
        ("TAPTHE", "TAP_THE"),
        ("Khen thưởng hộ gia đình", "HO_GIA_DINH"),
        ("HOGIADINH", "HO_GIA_DINH"),
        ("Hộ gia đình", "HO_GIA_DINH"),
        ("Khen thưởng đột xuất", None),
    ],
)
def test_subject_words(text: str, code: str | None) -> None:
    assert xl.match_subject(text) == code


# ---------------------------------------------------------------- nomination lists


NOMINATION_HEADER = ["STT", "Tên tập thể/cá nhân/hộ gia đình", "Đơn vị công tác",
                     "Phân loại khen thưởng", "Danh hiệu thi đua/Hình thức khen thưởng"]  # fmt: skip
NOMINATIONS = [
    [1, "Khoa Dược", "Bệnh viện Đa khoa tỉnh", "Khen thưởng tập thể", "Tập thể lao động tiên tiến"],
    [2, "Khoa Dược", "Bệnh viện Y học cổ truyền", "Khen thưởng tập thể",
     "Tập thể lao động tiên tiến"],
]  # fmt: skip


@pytest.mark.parametrize(
    ("title", "sheet"),
    [
        (["DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG"], "DS"),
        (["DANH SÁCH TẬP THỂ ĐỀ NGHỊ KHEN THƯỞNG NĂM 2023"], "DS"),
        ([], "file nhận"),
    ],
)
def test_a_nomination_list_needs_a_decision(tmp_path, title, sheet) -> None:
    rows = [title, NOMINATION_HEADER, *NOMINATIONS] if title else [NOMINATION_HEADER, *NOMINATIONS]
    path = write_xlsx(tmp_path / "dn.xlsx", rows, sheet=sheet)
    with pytest.raises(ProposalListError, match="Đây là danh sách đề nghị, chưa có số quyết định"):
        read_history_file("awards", path, catalogue(), codes(), year=2023)
    history = read_history_file(
        "awards",
        path,
        catalogue(),
        codes(),
        year=2023,
        decision_number="123/QĐ-UBND",
        decision_date=date(2024, 1, 15),
    )
    assert history.parsed.issues == ()
    assert {(r.decision_number, r.decision_date, r.year) for r in history.rows} == {  # type: ignore[attr-defined]
        ("123/QĐ-UBND", date(2024, 1, 15), 2023)
    }


def test_rows_of_a_nomination_list_without_their_own_number_are_refused(tmp_path) -> None:
    header = [*NOMINATION_HEADER, "Số quyết định"]
    rows = [[*NOMINATIONS[0], "9/QĐ-SYT"], [*NOMINATIONS[1], None]]
    path = write_xlsx(tmp_path / "dn.xlsx", [["DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG"], header, *rows])
    history = read_history_file("awards", path, catalogue(), codes(), year=2023)
    [issue] = history.parsed.issues
    assert (issue.row, issue.column) == (4, "F")
    assert issue.message == xl.PROPOSAL_WITHOUT_DECISION


def test_an_award_list_is_not_a_nomination_list(tmp_path) -> None:
    rows = [
        ["DANH SÁCH KHEN THƯỞNG NĂM 2023"],
        NOMINATION_HEADER[:3] + ["Danh hiệu"],
        NOMINATIONS[0][:4],
    ]
    rows[2][3] = "Tập thể lao động tiên tiến"
    history = read_history_file("awards", write_xlsx(tmp_path / "a.xlsx", rows), catalogue(), codes(),
                                year=2023)  # fmt: skip
    assert history.parsed.issues == ()
    assert [r.decision_number for r in history.rows] == [""]  # type: ignore[attr-defined]


def test_unchanged_database_after_a_refused_list(database, tree, tmp_path) -> None:
    path = write_xlsx(tmp_path / "dn.xlsx", [["DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG"], NOMINATION_HEADER,
                                             *NOMINATIONS])  # fmt: skip
    with pytest.raises(ProposalListError):
        run_awards(database, path, year=2023)
    with database.session_factory() as s:
        assert s.scalar(select(func.count()).select_from(AwardRecord)) == 0
