"""`tdkt calendar`: the year's calendar with a late unit, the 14-day view, JSON."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from app.cli import EXIT_OK, main
from app.db.models import Campaign, UnitRegistration
from app.domain.units import UnitInput
from app.services import units as unit_svc

Y = 2026


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setenv("TDKT_DATA_DIR", str(folder))
    return folder


def test_calendar_lists_a_late_unit(database, capsys) -> None:
    with database.session_factory.begin() as s:
        root = unit_svc.create_unit(s, UnitInput(code="SO", full_name="Sở", kind="CO_QUAN"))
        unit = unit_svc.create_unit(s, UnitInput(code="P", full_name="Phòng P", parent_id=root.id))
        c = Campaign(
            name="Phong trào năm 2026",
            kind="PT_THUONG_XUYEN",
            scope="SO",
            year=Y,
            start_date=date(Y, 1, 1),
            registration_deadline=date(Y, 3, 31),
        )
        s.add(c)
        s.flush()
        s.add(UnitRegistration(campaign_id=c.id, unit_id=unit.id, status="CHUA_GUI"))
    args = ["calendar", "--db", database.url, "--year", str(Y), "--today", "10/04/2026"]
    assert main([*args, "--json"]) == EXIT_OK
    items = json.loads(capsys.readouterr().out)
    late = [i for i in items if i["kind"] == "DON_VI_TRE"]
    assert [(i["source"], i["day"]) for i in late] == [("Phòng P", "2026-03-31")]
    assert main([*args, "--due", "14"]) == EXIT_OK
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "31/03/2026  Đăng ký thi đua quá hạn — Phòng P — Chưa nộp đăng ký (Phong trào năm 2026)"
    ]
