"""Data of the exported forms: the staff list in "thứ tự chuẩn", grouped by unit."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.errors import NotFoundError
from app.domain.people import PersonInput
from app.domain.settings import AgencySettings
from app.domain.units import UnitInput
from app.excel.forms.registry import form_codes
from app.services import people as people_svc
from app.services import reports
from app.services import units as unit_svc
from app.services.settings import save_agency

ON = date(2026, 6, 15)


@pytest.fixture
def org(database):
    with database.session_factory.begin() as s:
        root = unit_svc.create_unit(
            s, UnitInput(code="SO", full_name="Sở Nông nghiệp và Môi trường", kind="CO_QUAN")
        )

        def unit(code, name, parent, kind):
            return unit_svc.create_unit(
                s, UnitInput(code=code, full_name=name, parent_id=parent, kind=kind)
            ).id

        ids = {"root": root.id}
        ids["bgd"] = unit("BGD", "Ban Giám đốc", root.id, "BAN_GIAM_DOC")
        ids["vp"] = unit("VP", "Văn phòng Sở", root.id, "VAN_PHONG")
        ids["kl"] = unit("CCKL", "Chi cục Kiểm lâm", root.id, "CHI_CUC")
        ids["hat"] = unit("HAT1", "Hạt Kiểm lâm khu vực I", ids["kl"], "HAT")

        def add(ho_dem, ten, unit_key, title, **kw):
            return people_svc.create_person(
                s,
                PersonInput(ho_dem=ho_dem, ten=ten, **kw),
                unit_id=ids[unit_key],
                position_title=title,
                start_date=date(2020, 1, 1),
            )

        people = {
            "gd": add("Nguyễn Văn", "Thành", "bgd", "Giám đốc", gender="NAM"),
            "vp_cv_b": add(
                "Trần Thị", "Bình", "vp", "Chuyên viên", gender="NU", birth_date=date(1985, 3, 4)
            ),
            "vp_cvp": add("Lê Bá", "Cảnh", "vp", "Chánh Văn phòng", birth_year=1975),
            "vp_cv_a": add("Phạm Văn", "An", "vp", "Chuyên viên", note="=cmd"),
            "kl_cct": add("Hoàng Quốc", "Huy", "kl", "Chi cục trưởng"),
            "hat_ht": add("Đỗ Văn", "Dũng", "hat", "Hạt trưởng"),
            "hat_left": add("Vũ Văn", "Ân", "hat", "Kiểm lâm viên"),
        }
        people_svc.mark_left(
            s, people["hat_left"], date(2025, 12, 31), "Nghỉ hưu", expected_version=1
        )
        save_agency(
            s,
            AgencySettings(
                parent_body="UBND tỉnh Tuyên Quang", place="Tuyên Quang", signer_name="Ng Văn T"
            ),
            expected_version=0,
        )
    return ids, people


def _names(data: reports.StaffListData) -> list[tuple[str, list[str]]]:
    return [(g.name, [line.full_name for line in g.lines]) for g in data.groups]


def test_whole_agency_in_standard_order(database, org) -> None:
    with database.session_factory() as s:
        data = reports.staff_list_data(s, None, ON)
    assert data.scope is None and data.unit_id is None and data.on == ON
    assert _names(data) == [
        ("Ban Giám đốc", ["Nguyễn Văn Thành"]),
        # Chánh Văn phòng first (position rank), then chuyên viên by tên: An < Bình.
        ("Văn phòng Sở", ["Lê Bá Cảnh", "Phạm Văn An", "Trần Thị Bình"]),
        ("Chi cục Kiểm lâm", ["Hoàng Quốc Huy"]),
        # Nested below a unit of the agency: the parent is named; people who left are out.
        ("Hạt Kiểm lâm khu vực I (thuộc Chi cục Kiểm lâm)", ["Đỗ Văn Dũng"]),
    ]
    assert data.count == 6
    assert data.agency.place == "Tuyên Quang"


def test_lines_carry_gender_birth_and_note(database, org) -> None:
    with database.session_factory() as s:
        data = reports.staff_list_data(s, None, ON)
    vp = {line.full_name: line for line in data.groups[1].lines}
    assert vp["Trần Thị Bình"].gender == "Nữ"
    assert vp["Trần Thị Bình"].birth_date == date(1985, 3, 4)
    assert vp["Lê Bá Cảnh"].birth_date is None and vp["Lê Bá Cảnh"].birth_year == 1975
    assert vp["Lê Bá Cảnh"].gender == ""
    assert vp["Lê Bá Cảnh"].position_title == "Chánh Văn phòng"
    assert vp["Lê Bá Cảnh"].unit_name == "Văn phòng Sở"
    assert vp["Phạm Văn An"].note == "=cmd"


def test_one_unit_with_its_sub_units(database, org) -> None:
    ids, _ = org
    with database.session_factory() as s:
        data = reports.staff_list_data(s, ids["kl"], ON)
    assert data.scope == "Chi cục Kiểm lâm và các đơn vị trực thuộc"
    # Below the chosen unit, a sub-unit needs no "(thuộc ...)".
    assert _names(data) == [
        ("Chi cục Kiểm lâm", ["Hoàng Quốc Huy"]),
        ("Hạt Kiểm lâm khu vực I", ["Đỗ Văn Dũng"]),
    ]
    with database.session_factory() as s:
        vp = reports.staff_list_data(s, ids["vp"], ON)
    assert vp.scope == "Văn phòng Sở"
    with database.session_factory() as s:
        whole = reports.staff_list_data(s, ids["root"], ON)
    assert whole.scope is None and whole.count == 6


def test_people_are_placed_by_the_date(database, org) -> None:
    ids, people = org
    with database.session_factory.begin() as s:
        people_svc.transfer_person(
            s,
            people["vp_cv_a"],
            ids["hat"],
            "Kiểm lâm viên",
            date(2026, 7, 1),
            expected_version=1,
        )
    with database.session_factory() as s:
        before = reports.staff_list_data(s, ids["vp"], ON)
        after = reports.staff_list_data(s, ids["vp"], date(2026, 7, 2))
    assert "Phạm Văn An" in _names(before)[0][1]
    assert "Phạm Văn An" not in _names(after)[0][1]


def test_unknown_unit_id(database, org) -> None:
    with database.session_factory() as s, pytest.raises(NotFoundError):
        reports.staff_list_data(s, 9999, ON)


def test_resolve_unit_by_code_or_id(database, org) -> None:
    ids, _ = org
    with database.session_factory() as s:
        assert reports.resolve_unit(s, "vp").id == ids["vp"]
        assert reports.resolve_unit(s, " CCKL ").id == ids["kl"]
        assert reports.resolve_unit(s, str(ids["hat"])).full_name == "Hạt Kiểm lâm khu vực I"
        with pytest.raises(NotFoundError, match="Không tìm thấy đơn vị có mã hoặc số hiệu 'XYZ'"):
            reports.resolve_unit(s, "XYZ")
        with pytest.raises(NotFoundError):
            reports.resolve_unit(s, "")


def test_gather_dispatches_on_the_form_code(database, org) -> None:
    ids, _ = org
    with database.session_factory() as s:
        data = reports.gather(s, "staff-list", reports.ReportParams(unit_id=ids["vp"], on=ON))
        assert isinstance(data, reports.StaffListData) and data.count == 3
        with pytest.raises(NotFoundError, match="Không có biểu mẫu"):
            reports.gather(s, "khong-co", reports.ReportParams())


def test_every_form_has_a_gatherer() -> None:
    assert sorted(reports.report_codes()) == sorted(form_codes())


def test_empty_database(database) -> None:
    with database.session_factory() as s:
        data = reports.staff_list_data(s)
    assert data.groups == () and data.count == 0 and data.on == date.today()


def test_people_without_a_unit_come_last(database, org) -> None:
    ids, _ = org
    with database.session_factory.begin() as s:
        people_svc.create_person(s, PersonInput(ho_dem="Mai Văn", ten="Khải"))
    with database.session_factory() as s:
        whole = reports.staff_list_data(s, None, ON)
        vp = reports.staff_list_data(s, ids["vp"], ON)
    assert _names(whole)[-1] == (reports.NO_UNIT, ["Mai Văn Khải"])
    assert "Mai Văn Khải" not in str(_names(vp))
