"""`tdkt search`: the same counts as the test computes, JSON, the Excel file, --field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.cli import EXIT_OK, main
from award_search_data import IN_CCKL, IN_FORESTRY, count_specs, give_sectors, make_data


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setenv("TDKT_DATA_DIR", str(folder))
    return folder


def test_search_json_counts_a_unit_through_its_history(database, capsys) -> None:
    data = make_data(database)
    args = ["search", "--db", database.url, "--unit", "CCKL", "--title", "BK_TINH"]
    code = main([*args, "--from", "2021", "--to", "2024", "--json"])
    assert code == EXIT_OK
    rows = json.loads(capsys.readouterr().out)
    expected = count_specs(data["specs"], units=IN_CCKL, title="BK_TINH", years=(2021, 2024))
    assert len(rows) == expected > 0
    assert {r["title_code"] for r in rows} == {"BK_TINH"}


def test_search_to_excel(database, tmp_path, capsys) -> None:
    data = make_data(database)
    out = tmp_path / "tra-cuu.xlsx"
    code = main(["search", "--db", database.url, "--subject", "ca-nhan", "-o", str(out)])
    assert code == EXIT_OK
    people = count_specs(data["specs"], kind="CA_NHAN")
    assert f"Đã ghi {people} dòng" in capsys.readouterr().out
    ws = load_workbook(out).active
    assert ws.cell(row=4, column=4).value == "Họ tên / Tên tập thể"
    names = [ws.cell(row=5 + i, column=4).value for i in range(people)]
    assert set(names) == {"Trần Thị Kiểm Lâm 01", "Trần Thị Kiểm Lâm 02"}
    assert ws.cell(row=5 + people, column=1).value == f"Tổng số: {people}"
    assert not list(tmp_path.glob("*.tmp*"))


def test_field_finds_the_units_in_it(database, tmp_path, capsys) -> None:
    data = make_data(database)
    give_sectors(database)
    code = main(["search", "--db", database.url, "--field", "lam nghiep", "--json"])
    assert code == EXIT_OK
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == count_specs(data["specs"], units=IN_FORESTRY) > 0
    assert "Trạm X" not in {r["subject_name"] for r in rows}

    args = ["search", "--db", database.url, "--field", "Thủy lợi", "--title", "GK_SO"]
    assert main(args) == EXIT_OK
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == f"Tổng số: {count_specs(data['specs'], units={'X'}, title='GK_SO')}"

    sheet = tmp_path / "linh-vuc.xlsx"
    assert main(["search", "--db", database.url, "--field", "Lâm nghiệp", "-o", str(sheet)]) == 0
    capsys.readouterr()
    cells = [c.value for row in load_workbook(sheet).active.iter_rows(max_row=4) for c in row]
    assert any(isinstance(v, str) and "Lĩnh vực: Lâm nghiệp" in v for v in cells)

    assert main(["search", "--db", database.url, "--field", "khong co"]) == EXIT_OK
    assert capsys.readouterr().out.splitlines() == ["Tổng số: 0"]
