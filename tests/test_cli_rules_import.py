"""`tdkt import rules FILE [--dry-run]`: a rule-set file checked fully, stored and audited; a
refused file lists every fault and stores nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from app.cli import main

GOOD = {
    "rule_sets": [
        {
            "code": "LUAT_SUA_DOI_2026",
            "name": "Luật sửa đổi, bổ sung Luật Thi đua, khen thưởng",
            "effective_from": "2026-10-01",
            "legal_bases": ["Luật sửa đổi, bổ sung một số điều của Luật Thi đua, khen thưởng"],
            "criteria": {
                "CSTDCS": {
                    "citation": "Luật sửa đổi Luật TĐKT, Điều 23",
                    "all": [
                        {"test": "grade_is", "grade": "HTXSNV"},
                        {"test": "initiative", "scopes_param": "cstdcs_initiative_scopes"},
                    ],
                }
            },
        }
    ]
}


@pytest.fixture
def url(database) -> str:  # type: ignore[no-untyped-def]
    found = database.url
    database.dispose()
    return found


def stored(url: str) -> list[tuple]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT code, file_name FROM rule_set")).all()
    finally:
        engine.dispose()


def write(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "bo-quy-tac.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_dry_run_then_import(url, tmp_path, capsys) -> None:
    path = write(tmp_path, GOOD)
    assert main(["import", "rules", str(path), "--db", url, "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "thêm LUAT_SUA_DOI_2026" in out and "từ 01/10/2026" in out
    assert "tiêu chí riêng: CSTDCS" in out and "chưa ghi gì" in out
    assert stored(url) == []
    assert main(["import", "rules", str(path), "--db", url]) == 0
    assert "Đã nạp 1 bộ quy tắc" in capsys.readouterr().out
    assert stored(url) == [("LUAT_SUA_DOI_2026", "bo-quy-tac.json")]


def test_a_refused_file_lists_its_faults_and_stores_nothing(url, tmp_path, capsys) -> None:
    bad = json.loads(json.dumps(GOOD))
    bad["rule_sets"][0]["criteria"]["CSTDCS"]["all"][0]["grade"] = "GIOI"
    bad["rule_sets"][0]["overrides"] = {"bk_ttg_prior_awards": {"value": ["BK_KHONG_CO"]}}
    path = write(tmp_path, bad)
    assert main(["import", "rules", str(path), "--db", url]) == 1
    out = capsys.readouterr().out
    assert "xếp loại 'GIOI'" in out and "Không ghi gì" in out
    assert stored(url) == []


def test_a_file_that_is_not_json(url, tmp_path, capsys) -> None:
    path = tmp_path / "x.json"
    path.write_text("không phải JSON", encoding="utf-8")
    assert main(["import", "rules", str(path), "--db", url]) == 1
    assert "không phải JSON hợp lệ" in capsys.readouterr().err
    assert stored(url) == []
