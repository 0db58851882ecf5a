"""`tdkt export decision-annex / bonus-list / stat-0603 ...` end to end on a small database."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.cli import EXIT_DATA, EXIT_OK, EXIT_USAGE, main
from decision_factory import add_decision, build_agency


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setenv("TDKT_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def db(database) -> str:
    with database.session_factory.begin() as s:
        ag = build_agency(s)
        p = ag.people
        add_decision(
            s,
            number="05/QĐ-SNNMT",
            day=date(2026, 1, 15),
            code="LDTT",
            lines=[("CA_NHAN", p["ha"], "LDTT"), ("CA_NHAN", p["nam"], "LDTT")],
            golden=True,
        )
        add_decision(  # the same number a year earlier: --year picks the right one
            s,
            number="05/QĐ-SNNMT",
            day=date(2025, 1, 10),
            code="CSTDCS",
            lines=[("CA_NHAN", p["lan"], "CSTDCS")],
            period=(2024, 2024),
        )
        add_decision(
            s,
            number="123/QĐ-UBND",
            day=date(2026, 3, 10),
            code="BK_TINH",
            origin="RECORDED",
            authority="Chủ tịch UBND tỉnh Tuyên Quang",
            lines=[("CA_NHAN", p["ha"], "BK_TINH"), ("TAP_THE", ag.branch, "BK_TINH")],
        )
    return database.url


def values(path: Path) -> list[object]:
    """What a spreadsheet shows (formulas by the values stored with them)."""
    ws = load_workbook(path, data_only=True).worksheets[0]
    return [c.value for row in ws.iter_rows() for c in row if c.value is not None]


def test_decision_annex(db, tmp_path, capsys) -> None:
    out = tmp_path / "annex.xlsx"
    args = ["export", "decision-annex", "--decision", "05/QĐ-SNNMT", "--year", "2026"]
    assert main([*args, "--db", db, "-o", str(out)]) == EXIT_OK
    assert "Danh sách kèm theo quyết định khen thưởng', 2 dòng" in capsys.readouterr().out
    found = values(out)
    assert "DANH SÁCH CÁ NHÂN ĐƯỢC CÔNG NHẬN DANH HIỆU LAO ĐỘNG TIÊN TIẾN NĂM 2025" in found
    assert (
        "(Kèm theo Quyết định số 05/QĐ-SNNMT ngày 15 tháng 01 năm 2026 của Giám đốc Sở Nông "
        "nghiệp và Môi trường)"
    ) in found
    assert "Nguyễn Thị Hà" in found and "Trần Văn Nam" in found and "Lê Thị Lan" not in found
    assert "Số sổ vàng" in found


def test_bonus_list(db, tmp_path, capsys) -> None:
    out = tmp_path / "chi.xlsx"
    args = ["export", "bonus-list", "--decision", "05/QĐ-SNNMT", "--year", "2026"]
    assert main([*args, "--date", "20/01/2026", "--db", db, "-o", str(out)]) == EXIT_OK
    found = values(out)
    assert "DANH SÁCH CHI TIỀN THƯỞNG LAO ĐỘNG TIÊN TIẾN NĂM 2025" in found
    assert found.count(710_000) == 2 and 1_420_000 in found
    assert "Số tiền bằng chữ: Một triệu bốn trăm hai mươi nghìn đồng." in found
    assert "Tuyên Quang, ngày 20 tháng 01 năm 2026" in found
    earlier = tmp_path / "2025.xlsx"
    args = ["export", "bonus-list", "--decision", "05/QĐ-SNNMT", "--year", "2025"]
    assert main([*args, "--db", db, "-o", str(earlier)]) == EXIT_OK
    assert 2_340_000 in values(earlier) and "Lê Thị Lan" in values(earlier)


def test_statistics_and_history(db, tmp_path, capsys) -> None:
    out = tmp_path / "0603.xlsx"
    assert main(["export", "stat-0603", "--year", "2026", "--db", db, "-o", str(out)]) == EXIT_OK
    assert "2 lượt khen thưởng" in capsys.readouterr().out
    assert "Biểu số: 0603.N/BNV-TĐKT" in values(out)
    for code in ("stat-0604", "stat-0605"):
        path = tmp_path / f"{code}.xlsx"
        assert main(["export", code, "--year", "2026", "--db", db, "-o", str(path)]) == EXIT_OK
        assert f"Biểu số: {code[5:]}.N/BNV-TĐKT" in values(path)
    # what the clerk should know is said by the program, not printed on the form
    assert "Chưa ghi công chức làm công tác thi đua" in capsys.readouterr().err
    hist = tmp_path / "h.xlsx"
    assert (
        main(["export", "award-history", "--person", "Nguyễn Thị Hà", "--db", db, "-o", str(hist)])
        == EXIT_OK
    )
    assert "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh" in values(hist)
    summary = tmp_path / "s.xlsx"
    assert main(["export", "yearly-summary", "--year", "2025", "--db", db, "-o", str(summary)]) == 0


def test_errors(db, tmp_path, capsys) -> None:
    out = str(tmp_path / "x.xlsx")
    assert main(["export", "bonus-list", "--year", "2026", "--db", db, "-o", out]) == EXIT_USAGE
    assert "cần --decision" in capsys.readouterr().err
    args = ["export", "bonus-list", "--decision", "99/QĐ-SNNMT", "--year", "2026"]
    assert main([*args, "--db", db, "-o", out]) == EXIT_DATA
    assert "Không tìm thấy quyết định số '99/QĐ-SNNMT' năm 2026" in capsys.readouterr().err
    assert main(["export", "award-history", "--db", db, "-o", out]) == EXIT_DATA
    assert "cán bộ hoặc một đơn vị" in capsys.readouterr().err
    assert not Path(out).exists()


def test_a_decision_number_alone_is_enough_when_it_is_unique(db, tmp_path, capsys) -> None:
    out = tmp_path / "ubnd.xlsx"
    args = ["export", "bonus-list", "--decision", "123/QĐ-UBND", "--db", db, "-o", str(out)]
    assert main(args) == EXIT_OK
    assert "Lê Thị Lan" not in values(out) and any("Nguyễn Thị Hà" == v for v in values(out))
    # a number used in two years needs --year to say which
    again = ["export", "decision-annex", "--decision", "05/QĐ-SNNMT", "--db", db, "-o", str(out)]
    assert main(again) == EXIT_DATA
    assert "--year" in capsys.readouterr().err
