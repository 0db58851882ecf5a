"""Data of the decision forms and statistics forms, gathered from a small database."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from app.db.models import AwardRecord, Campaign, Decision, PersonGrade, UnitGrade
from app.domain.errors import NotFoundError, ValidationError
from app.services import decision_reports as dr
from app.services import reports
from app.services import units as unit_svc
from app.services.settings import get_agency
from decision_factory import add_decision, build_agency


@pytest.fixture
def world(database):
    """Decisions of 2026 and a few records of other kinds and years."""
    with database.session_factory.begin() as s:
        ag = build_agency(s)
        p = ag.people
        ids = {
            "ldtt": add_decision(
                s,
                number="05/QĐ-SNNMT",
                day=date(2026, 1, 15),
                code="LDTT",
                lines=[("CA_NHAN", p["ha"], "LDTT"), ("CA_NHAN", p["nam"], "LDTT")],
                golden=True,
            ),
            "mixed": add_decision(
                s,
                number="07/QĐ-SNNMT",
                day=date(2026, 7, 2),
                code="GK_SO",
                lines=[
                    ("TAP_THE", ag.branch, "GK_SO"),
                    ("CA_NHAN", p["minh"], "GK_SO"),
                    ("HO_GIA_DINH", "Hộ ông Hoàng Văn Tư", "GK_SO"),
                ],
                award_type="DOT_XUAT",
                period=(None, None),
            ),
            "both": add_decision(
                s,
                number="08/QĐ-SNNMT",
                day=date(2026, 2, 3),
                code="CSTDCS",
                lines=[
                    ("CA_NHAN", p["lan"], "LDTT"),
                    ("CA_NHAN", p["lan"], "CSTDCS"),
                    ("CA_NHAN", p["minh"], "CSTDCS"),
                ],
            ),
            "province": add_decision(
                s,
                number="123/QĐ-UBND",
                day=date(2026, 3, 10),
                code="BK_TINH",
                origin="RECORDED",
                authority="Chủ tịch UBND tỉnh Tuyên Quang",
                lines=[
                    ("CA_NHAN", p["ha"], "BK_TINH"),
                    ("TAP_THE", ag.branch, "BK_TINH"),
                    ("CA_NHAN", p["lan"], "CSTD_TINH"),
                    ("CA_NHAN", p["lan"], "TTLDXS"),  # no column in 0603
                ],
                award_type="CHUYEN_DE",
            ),
            "province_ttldxs": add_decision(
                s,
                number="124/QĐ-UBND",
                day=date(2026, 3, 12),
                code="TTLDXS",
                origin="RECORDED",
                authority="Chủ tịch UBND tỉnh Tuyên Quang",
                lines=[("TAP_THE", ag.branch, "TTLDXS")],
            ),
            "pm": add_decision(
                s,
                number="200/QĐ-TTg",
                day=date(2026, 4, 10),
                code="BK_TTG",
                origin="RECORDED",
                authority="Thủ tướng Chính phủ",
                lines=[("CA_NHAN", p["lan"], "BK_TTG"), ("TAP_THE", ag.office, "BK_TTG")],
            ),
            "revoked": add_decision(
                s,
                number="09/QĐ-SNNMT",
                day=date(2026, 5, 5),
                code="BK_TINH",
                lines=[("CA_NHAN", p["nam"], "BK_TINH")],
                status="REVOKED",
            ),
            "old": add_decision(
                s,
                number="50/QĐ-SNNMT",
                day=date(2025, 1, 20),
                code="LDTT",
                lines=[("CA_NHAN", p["ha"], "LDTT")],
                period=(2024, 2024),
            ),
        }
        rev = s.get(Decision, ids["revoked"])
        rev.revoke_document = "Quyết định 15/QĐ-SNNMT"
        rev.revoke_date = date(2026, 6, 1)
        s.add(PersonGrade(person_id=p["ha"], year=2023, grade="HTXSNV", months_worked=12))
        s.add(PersonGrade(person_id=p["ha"], year=2024, grade="HTTNV", months_worked=12))
        s.add(
            AwardRecord(
                subject_kind="CA_NHAN",
                person_id=p["ha"],
                catalogue_code="CSTDCS",
                year=2026,
                source="IMPORT",
            )
        )  # no decision date: left out of the statistics, counted in a note
        for name, kind, scope, level, start, end in (
            (
                "Thường xuyên 2026",
                "PT_THUONG_XUYEN",
                "CO_QUAN_DON_VI",
                "CAP_CO_QUAN",
                (2026, 1, 1),
                (2026, 12, 31),
            ),
            (
                "Chuyển đổi số",
                "PT_CHUYEN_DE",
                "BO_NGANH_DIA_PHUONG",
                "CAP_BO_TINH",
                (2025, 3, 1),
                (2030, 12, 31),
            ),
            (
                "Thi đua 100 ngày",
                "PT_CHUYEN_DE",
                "TOAN_QUOC",
                "CAP_TRUNG_UONG",
                (2026, 4, 1),
                (2026, 7, 9),
            ),
            ("Cụm thi đua", "PT_CHUYEN_DE", "CUM_KHOI", None, (2025, 6, 1), (2027, 5, 31)),
            (
                "Đã xong 2024",
                "PT_THUONG_XUYEN",
                "CO_QUAN_DON_VI",
                "CAP_CO_QUAN",
                (2024, 1, 1),
                (2024, 12, 31),
            ),
        ):
            s.add(
                Campaign(
                    name=name,
                    kind=kind,
                    scope=scope,
                    year=start[0],
                    start_date=date(*start),
                    end_date=date(*end),
                    launch_level=level,
                )
            )
    return ag, ids


def read(database, fn, *args):
    with database.session_factory() as s:
        return fn(s, *args)


# ------------------------------------------------------------------ annex


def test_annex_of_an_individual_decision(database, world) -> None:
    ag, ids = world
    data = read(database, dr.decision_annex_data, ids["ldtt"])
    assert data.title == "DANH SÁCH CÁ NHÂN ĐƯỢC CÔNG NHẬN DANH HIỆU LAO ĐỘNG TIÊN TIẾN NĂM 2025"
    assert data.attribution == (
        "(Kèm theo Quyết định số 05/QĐ-SNNMT ngày 15 tháng 01 năm 2026 của Giám đốc Sở Nông "
        "nghiệp và Môi trường)"
    )
    assert data.name_header == "Họ và tên" and data.show_golden and not data.show_titles
    [section] = data.sections
    assert section.label == ""
    assert [(x.stt, x.name, x.job_title, x.unit, x.golden_book_no) for x in section.lines] == [
        (1, "Nguyễn Thị Hà", "Chánh Văn phòng", "Văn phòng Sở", 1),
        (2, "Trần Văn Nam", "Chuyên viên", "Văn phòng Sở", 2),
    ]
    assert data.closing == "Danh sách gồm 02 cá nhân./." and data.status_note == ""
    assert data.agency.agency == "Sở Nông nghiệp và Môi trường"


def test_annex_sections_and_superior_header(database, world) -> None:
    ag, ids = world
    mixed = read(database, dr.decision_annex_data, ids["mixed"])
    assert [(s.label, s.name, len(s.lines)) for s in mixed.sections] == [
        ("I", "Cá nhân", 1),
        ("II", "Tập thể", 1),
        ("III", "Hộ gia đình", 1),
    ]
    assert mixed.title == (
        "DANH SÁCH CÁ NHÂN, TẬP THỂ VÀ HỘ GIA ĐÌNH ĐƯỢC TẶNG GIẤY KHEN CỦA GIÁM ĐỐC SỞ"
    )
    assert mixed.name_header == "Họ và tên / Tên tập thể" and not mixed.show_golden
    assert mixed.sections[1].lines[0].name == "Chi cục Kiểm lâm"
    assert mixed.closing == "Danh sách gồm 01 cá nhân, 01 tập thể và 01 hộ gia đình./."
    province = read(database, dr.decision_annex_data, ids["province"])
    # the header block is the agency printing the list; the province's authority is named in
    # the title (unless the award's name says it) and in the attribution line
    agency = read(database, get_agency)
    assert province.agency == agency and province.agency.agency == "Sở Nông nghiệp và Môi trường"
    assert province.show_titles
    assert "của Chủ tịch UBND tỉnh Tuyên Quang)" in province.attribution
    assert province.values["tham_quyen_qd"] == "Chủ tịch UBND tỉnh Tuyên Quang"
    xs = read(database, dr.decision_annex_data, ids["province_ttldxs"])
    assert xs.title == (
        "DANH SÁCH TẬP THỂ ĐƯỢC CHỦ TỊCH UBND TỈNH TUYÊN QUANG CÔNG NHẬN DANH HIỆU TẬP THỂ "
        "LAO ĐỘNG XUẤT SẮC NĂM 2025"
    )
    bonus = read(database, dr.bonus_list_data, ids["province_ttldxs"])
    assert bonus.agency == agency
    assert bonus.title == (
        "DANH SÁCH CHI TIỀN THƯỞNG TẬP THỂ LAO ĐỘNG XUẤT SẮC DO CHỦ TỊCH UBND TỈNH TUYÊN "
        "QUANG CÔNG NHẬN NĂM 2025"
    )
    revoked = read(database, dr.decision_annex_data, ids["revoked"])
    assert revoked.status_note == (
        "Quyết định này đã bị thu hồi theo Quyết định 15/QĐ-SNNMT ngày 01/06/2026."
    )


# ------------------------------------------------------------------ bonus list


def test_bonus_list_totals_and_words(database, world) -> None:
    ag, ids = world
    data = read(database, dr.bonus_list_data, ids["ldtt"], date(2026, 1, 20))
    assert data.title == "DANH SÁCH CHI TIỀN THƯỞNG LAO ĐỘNG TIÊN TIẾN NĂM 2025"
    assert [(x.name, x.amount, x.decision_number) for x in data.lines] == [
        ("Nguyễn Thị Hà", 710_000, "05/QĐ-SNNMT"),
        ("Trần Văn Nam", 710_000, "05/QĐ-SNNMT"),
    ]
    assert data.total == 1_420_000 == sum(x.amount for x in data.lines)
    assert data.total_words == "Một triệu bốn trăm hai mươi nghìn đồng"
    assert data.salary_line.startswith("Mức lương cơ sở áp dụng: 2.340.000 đồng/tháng")
    assert "Nghị định 73/2024/NĐ-CP" in data.salary_line and data.method_line == ""
    assert data.on == date(2026, 1, 20)


def test_bonus_list_pays_the_highest_once_and_explains_households(database, world) -> None:
    ag, ids = world
    both = read(database, dr.bonus_list_data, ids["both"])
    assert [(x.name, x.title_name, x.amount) for x in both.lines] == [
        ("Lê Thị Lan", "Chiến sĩ thi đua cơ sở", 2_340_000),
        ("Phạm Đức Minh", "Chiến sĩ thi đua cơ sở", 2_340_000),
    ]
    assert "Không chi thêm LĐTT cùng kỳ" in both.lines[0].note
    assert both.total == 4_680_000
    mixed = read(database, dr.bonus_list_data, ids["mixed"])
    assert [x.amount for x in mixed.lines] == [1_520_000, 760_000, 1_140_000]
    # how collectives were computed, without the development note of issue 20
    assert mixed.method_line.startswith("Tiền thưởng tập thể, hộ gia đình: gấp 2 lần")
    assert "chưa được hướng dẫn" not in mixed.method_line and "kế toán" not in mixed.method_line
    assert mixed.total_words == "Ba triệu bốn trăm hai mươi nghìn đồng"


def test_bonus_list_of_a_revoked_decision_warns(database, world) -> None:
    ag, ids = world
    data = read(database, dr.bonus_list_data, ids["revoked"])
    assert any("thu hồi" in w for w in data.warnings)


# ------------------------------------------------------------------ award history


def test_person_history_with_grades(database, world) -> None:
    ag, ids = world
    with database.session_factory.begin() as s:
        s.scalars(
            select(AwardRecord).where(AwardRecord.decision_number == "123/QĐ-UBND")
        ).first().revoked = True
    data = read(database, dr.award_history_data, ag.people["ha"])
    assert data.title == "QUÁ TRÌNH KHEN THƯỞNG CỦA CÁ NHÂN"
    assert data.info[0] == "Họ và tên: Nguyễn Thị Hà"
    assert "Chánh Văn phòng, Văn phòng Sở" in data.info[-1]
    rows = [(x.year_text, x.grade, x.title_name, x.decision_number, x.revoked) for x in data.lines]
    assert rows == [
        ("2023", "Hoàn thành xuất sắc nhiệm vụ", "", "", False),
        ("2024", "Hoàn thành tốt nhiệm vụ", "Lao động tiên tiến", "50/QĐ-SNNMT", False),
        ("2025", "", "Lao động tiên tiến", "05/QĐ-SNNMT", False),
        ("2025", "", "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "123/QĐ-UBND", True),
        ("2026", "", "Chiến sĩ thi đua cơ sở", "", False),
    ]
    assert data.lines[3].note == "Đã thu hồi" and data.lines[3].authority == (
        "Chủ tịch UBND tỉnh Tuyên Quang"
    )
    assert data.lines[1].award_type == "Công trạng" and data.count == 4


def test_unit_history_follows_renames(database, world) -> None:
    ag, ids = world
    with database.session_factory.begin() as s:
        renamed = unit_svc.rename_unit(
            s,
            ag.branch,
            new_full_name="Chi cục Kiểm lâm tỉnh",
            effective=date(2026, 9, 1),
            new_code="CCKL2",
            expected_version=unit_svc.get_unit(s, ag.branch).version,
        )
        s.add(UnitGrade(unit_id=ag.branch, year=2025, grade="HTXSNV"))
    data = read(database, dr.award_history_data, None, renamed.id)
    assert data.subject == "unit" and data.info[0] == "Tên tập thể: Chi cục Kiểm lâm tỉnh"
    assert data.info[1] == "Tiền thân: Chi cục Kiểm lâm"
    assert [(x.year_text, x.grade, x.title_name) for x in data.lines] == [
        ("2025", "Hoàn thành xuất sắc nhiệm vụ", "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"),
        ("2025", "", "Tập thể lao động xuất sắc"),
        ("2026", "", "Giấy khen của Giám đốc Sở"),
    ]
    assert all(x.note == "Khi mang tên Chi cục Kiểm lâm" for x in data.lines)
    with pytest.raises(ValidationError, match="cán bộ hoặc một đơn vị"):
        read(database, dr.award_history_data, None, None)
    with pytest.raises(NotFoundError):
        read(database, dr.award_history_data, 999)


# ------------------------------------------------------------------ statistics


def values(data: dr.StatFormData) -> dict[str, tuple[int, ...]]:
    return {r.code: r.values for r in data.rows if r.values is not None}


def test_0601_counts_campaigns_of_the_year(database, world) -> None:
    data = read(database, dr.stat_0601_data, 2026)
    assert [r.code for r in data.rows if r.code] == [f"{n:02d}" for n in range(1, 13)]
    v = values(data)
    assert v["01"] == (4, 1, 1, 2)  # the 2024 campaign is out; no level -> column 4
    assert v["02"] == (1, 1, 0, 0) and v["03"] == (1, 0, 1, 0) and v["04"] == (1, 0, 0, 1)
    assert v["05"] == (1, 0, 0, 1)
    assert [v[c][0] for c in ("06", "07", "08", "09", "10")] == [1, 1, 1, 0, 1]
    assert v["11"][0] == 3 and v["12"][0] == 1
    for code in ("01", "02", "03", "04", "05"):
        assert v[code][0] == sum(v[code][1:])
    assert sum(v[c][0] for c in ("02", "03", "04", "05")) == v["01"][0]
    assert any("cột 4" in n for n in data.warnings)
    assert [r.sums for r in data.rows if r.code == "01"] == [("02", "03", "04", "05")]
    assert data.form_number == "0601.N/BNV-TĐKT" and data.count_label == "phong trào"


def test_0602_counts_state_awards(database, world) -> None:
    data = read(database, dr.stat_0602_data, 2026)
    codes = [r.code for r in data.rows if r.code]
    assert codes == ["1", "2", "3", *map(str, range(6, 22))]
    headers = [(c.group, c.header) for c in data.columns]
    bk = headers.index(("Bằng khen của Thủ tướng Chính phủ", "Cá nhân")) + 0
    v = values(data)
    assert v["1"][0] == 2 and v["1"][bk] == 1 and v["1"][bk - 1] == 1
    assert v["3"] == v["1"] and v["2"][0] == 0
    assert v["6"][0] == 1 and v["9"][0] == 1 and v["13"][0] == 1  # Chi cục trưởng
    assert v["15"][0] == 2
    assert v["6"][0] + v["8"][0] + v["9"][0] == v["1"][0]
    assert sum(v[str(c)][0] for c in range(15, 22)) == v["1"][0]
    assert sum(v[str(c)][0] for c in range(10, 15)) == v["9"][0]
    assert data.has_unit_column and dict((r.code, r.unit) for r in data.rows)["9"] == "Người"


def test_0603_counts_province_awards(database, world) -> None:
    data = read(database, dr.stat_0603_data, 2026)
    codes = [r.code for r in data.rows if r.code]
    assert codes == [f"{n:02d}" for n in range(1, 18)]
    assert [c.header for c in data.columns] == [
        "Tổng số",
        "Bằng khen",
        "Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh",
        "Cờ thi đua cấp bộ, ban, ngành, tỉnh",
        "Tập thể lao động xuất sắc",
        "Huy hiệu (kỷ niệm chương)",
    ]
    v = values(data)
    # BK tỉnh to Hà and the Chi cục, CSTĐ tỉnh and TTLĐXS to Lan (as the decision lists
    # them), TTLĐXS to the Chi cục; the revoked BK to Nam is out
    assert v["01"] == (5, 2, 1, 0, 2, 0)
    assert v["02"] == (2, 1, 0, 0, 1, 0) and v["05"] == (3, 1, 1, 0, 1, 0)
    assert v["09"][0] == 3  # Chánh Văn phòng and Chi cục trưởng (twice)
    assert v["12"][0] == 4  # the province's thematic decision
    assert v["01"][0] == v["02"][0] + v["04"][0] + v["05"][0]
    assert sum(v[f"{c:02d}"][0] for c in range(11, 18)) == v["01"][0]
    assert {r.code: r.sums for r in data.rows if r.sums} == {
        "01": ("02", "04", "05"),
        "05": ("06", "07", "08", "09", "10"),
    }
    assert not any("không tính" in w and "Tập thể lao động" in w for w in data.warnings)
    assert any("1 khen thưởng năm 2026 chưa có ngày quyết định" in n for n in data.warnings)
    assert data.receiver == "Sở Nội vụ"


def test_undated_records_are_noted(database, world) -> None:
    ag, _ids = world
    with database.session_factory.begin() as s:
        s.add(
            AwardRecord(
                subject_kind="CA_NHAN",
                person_id=ag.people["nam"],
                catalogue_code="BK_TINH",
                year=2026,
            )
        )
    data = read(database, dr.stat_0603_data, 2026)
    assert any("2 khen thưởng năm 2026 chưa có ngày quyết định" in n for n in data.warnings)


def test_yearly_summary_by_unit_and_title(database, world) -> None:
    ag, _ids = world
    data = read(database, dr.yearly_summary_data, 2025)
    codes = [c.code for c in data.columns]
    assert codes[:2] == ["LDTT", "CSTDCS"] and "BK_TINH" in codes
    rows = {r.name: r for r in data.rows}
    office = rows["Văn phòng Sở"]
    assert office.depth == 1
    assert office.values[codes.index("LDTT")] == 2
    assert office.values[codes.index("BK_TTG")] == 1  # the office's own collective award
    assert office.total == 4  # + BK tỉnh for Hà
    branch = rows["Chi cục Kiểm lâm"]
    assert branch.values[codes.index("CSTDCS")] == 2 and branch.values[codes.index("BK_TINH")] == 1
    assert data.total.total == sum(r.total for r in data.rows)
    assert data.total.values == tuple(
        sum(col) for col in zip(*(r.values for r in data.rows), strict=True)
    )


# ------------------------------------------------------------------ dispatch


def test_gather_by_decision_number(database, world) -> None:
    ag, ids = world
    with database.session_factory() as s:
        annex = reports.gather(
            s,
            "decision-annex",
            reports.ReportParams(year=2026, decision_number="05/qđ-snnmt"),
        )
        bonus = reports.gather(s, "bonus-list", reports.ReportParams(decision_id=ids["mixed"]))
        history = reports.gather(s, "award-history", reports.ReportParams(unit_id=ag.branch))
        stats = [
            reports.gather(s, code, reports.ReportParams(year=2026))
            for code in ("stat-0601", "stat-0602", "stat-0603", "yearly-summary")
        ]
        with pytest.raises(ValidationError, match="năm báo cáo"):
            reports.gather(s, "stat-0603", reports.ReportParams())
        with pytest.raises(NotFoundError, match="99/QĐ-SNNMT"):
            reports.gather(
                s, "bonus-list", reports.ReportParams(year=2026, decision_number="99/QĐ-SNNMT")
            )
    assert annex.decision_id == ids["ldtt"] and bonus.decision_id == ids["mixed"]
    assert history.subject == "unit"
    assert [type(x).__name__ for x in stats] == [
        "StatFormData",
        "StatFormData",
        "StatFormData",
        "YearlySummaryData",
    ]
