"""Nghị định 335/2025: công chức graded HTXSNV at most 20% of those graded HTTNV (a rule-set
parameter from 2026), checked on imported grades as a warning that names the counts; the
grades are still written, a dry run warns the same, and the clerk may change the cap."""

from __future__ import annotations

import pytest
import test_people_import
from test_people_import import STAFF, STAFF_HEADER, run, write_xlsx

from app.cli import main
from app.domain.imports import ImportOptions
from app.domain.people import htxsnv_cap_problem
from app.services import rules as rules_svc
from app.services.rules import effective_rule_sets

org = test_people_import.org  # the same units as the staff-import tests

HEADER = ["STT", "Họ và tên", "Ngày sinh", "Mã cán bộ", "Kết quả đánh giá", "Số tháng công tác"]
# An and Bình excellent, Cường and Dung good: 2 > 20% of 2
GRADES = [
    [1, "Nguyễn Văn An", "03/04/1980", "NV001", "HTXSNV", 12],
    [2, "Trần Thị Bình", "15/09/1988", "NV002", "HTXSNV", 12],
    [3, "Lê Minh Cường", "1975", None, "HTTNV", 12],
    [4, "Phạm Thị Dung", "01/01/1990", "NV004", "HTTNV", 12],
]


@pytest.mark.parametrize(
    ("excellent", "good", "cap", "warned"),
    [
        (2, 10, 20, False),
        (3, 10, 20, True),
        (1, 4, 20, True),
        (0, 0, 20, False),
        (5, 5, None, False),
    ],
)
def test_the_cap_rule(excellent, good, cap, warned) -> None:
    problem = htxsnv_cap_problem(2026, excellent, good, cap, "Nghị định 335/2025/NĐ-CP")
    assert (problem is not None) is warned
    if problem:
        assert f"{excellent} công chức" in problem and f"({good} người" in problem
        assert "Nghị định 335/2025/NĐ-CP" in problem


def test_a_2026_grade_file_over_the_cap_warns_and_still_writes(database, org, tmp_path) -> None:
    run(database, "staff", write_xlsx(tmp_path / "staff.xlsx", STAFF_HEADER, STAFF))
    path = write_xlsx(tmp_path / "g.xlsx", HEADER, GRADES, "KẾT QUẢ XẾP LOẠI NĂM 2026")
    preview = run(database, "grades", path, ImportOptions(dry_run=True), year=2026)
    assert len(preview.warnings) == 1
    warning = preview.warnings[0]
    assert "Năm 2026: 2 công chức" in warning and "(2 người, tối đa 0)" in warning
    assert "Nghị định 335/2025" in warning
    report = run(database, "grades", path, year=2026)
    assert report.written and report.added == 4 and report.warnings == preview.warnings
    assert any(line.startswith("Lưu ý (1)") for line in report.lines())
    # 2025 is graded under NĐ 90/2020: no cap
    older = write_xlsx(tmp_path / "g25.xlsx", HEADER, GRADES, "KẾT QUẢ XẾP LOẠI NĂM 2025")
    assert run(database, "grades", older, year=2025).warnings == []


def test_the_clerk_sets_the_cap_and_the_command_line_says_it(
    database,
    org,
    tmp_path,
    capsys,
) -> None:
    run(database, "staff", write_xlsx(tmp_path / "staff.xlsx", STAFF_HEADER, STAFF))
    path = write_xlsx(tmp_path / "g.xlsx", HEADER, GRADES, "KẾT QUẢ XẾP LOẠI NĂM 2026")
    args = ["import", "grades", str(path), "--year", "2026", "--db", database.url]
    assert main([*args, "--dry-run"]) == 0
    assert "Lưu ý (1)" in capsys.readouterr().out
    with database.session_factory.begin() as s:
        code = effective_rule_sets(s).for_year(2026).code
        rules_svc.set_parameter(s, code, "htxsnv_cap_pct", 100, expected_version=0)
    assert main([*args, "--dry-run"]) == 0
    assert "Lưu ý" not in capsys.readouterr().out
