"""`tdkt export fund-summary --year NĂM`: the fund table of Biểu mẫu 05 with the ledger's
figures, the issued decision's bonus in "các hình thức khác"."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.cli import EXIT_OK, EXIT_USAGE, main
from app.services import award_fund as fund_svc
from app.services.award_fund import FundEntry
from app.services.money import decision_amounts
from decision_factory import add_decision, build_agency

Y = 2026


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setenv("TDKT_DATA_DIR", str(folder))
    return folder


def test_fund_summary(database, tmp_path, capsys) -> None:
    with database.session_factory.begin() as s:
        agency = build_agency(s)
        fund = fund_svc.get_fund_year(s, Y)
        fund_svc.save_fund_year(
            s,
            replace(
                fund,
                salary_fund=1_000_000_000,
                allocated=100_000_000,
                entries=(
                    FundEntry("THU", "DONG_GOP", date(Y, 3, 1), 4_000_000),
                    FundEntry("CHI", "THI_DUA", date(Y, 4, 1), 3_000_000),
                    FundEntry("CHI", "HIEN_VAT", date(Y, 4, 2), 1_000_000),
                ),
            ),
        )
        did = add_decision(
            s,
            number="05/QĐ-SNNMT",
            day=date(Y, 1, 15),
            code="LDTT",
            lines=[("CA_NHAN", agency.people["ha"], "LDTT")],
        )
    with database.session_factory() as s:
        bonus = decision_amounts(s, did).total
    out = tmp_path / "quy.xlsx"
    code = main(["export", "fund-summary", "--db", database.url, "--year", str(Y), "-o", str(out)])
    assert code == EXIT_OK, capsys.readouterr().err
    balance = 104_000_000 - 4_000_000 - bonus
    assert f"còn {balance:,} đồng".replace(",", ".") in capsys.readouterr().out
    ws = load_workbook(out).active
    assert "NĂM 2026" in ws.cell(row=3, column=1).value
    assert [ws.cell(row=8, column=c).value for c in (1, 12)] == ["(1)", "(12)"]
    row = [ws.cell(row=9, column=c).value for c in range(1, 12)]
    assert row == [
        1,
        "Quỹ thi đua, khen thưởng",
        104_000_000,
        10,
        4_000_000 + bonus,
        0,
        0,
        bonus,
        3_000_000,
        1_000_000,
        0,
    ]


def test_fund_summary_needs_a_year(database, capsys) -> None:
    assert main(["export", "fund-summary", "--db", database.url]) == EXIT_USAGE
    assert "--year" in capsys.readouterr().err


def test_the_form_list_names_the_fund_summary(capsys) -> None:
    assert main(["export", "--list"]) == EXIT_OK
    lines = capsys.readouterr().out.splitlines()
    listed = [line for line in lines if line.split()[0] == "fund-summary"]
    assert len(listed) == 1
    assert "quỹ thi đua, khen thưởng" in listed[0] and "--year" in listed[0]
    # the names line up with the other forms'
    column = {line.index(line.split(maxsplit=1)[1]) for line in lines}
    assert len(column) == 1
