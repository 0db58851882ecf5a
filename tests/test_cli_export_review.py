"""`tdkt export` of the Bình xét forms, end to end on a small database built with services."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.cli import EXIT_DATA, EXIT_OK, EXIT_USAGE, main
from app.db.models import PersonGrade
from app.domain.council import Ballots
from app.domain.people import PersonInput
from app.domain.units import UnitInput
from app.services import campaigns as camp
from app.services import council, review
from app.services import people as people_svc
from app.services import registrations as reg
from app.services import units as unit_svc
from app.services.review_reports import set_nomination_order

YEAR = 2025
MEMBERS = 11


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setenv("TDKT_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def db(database) -> dict:
    """Three people graded and registered for LĐTT; one proposed for the provincial Bằng
    khen instead; a Council session that voted on two of them."""
    with database.session_factory.begin() as s:
        root = unit_svc.create_unit(s, UnitInput(code="SO", full_name="Sở", kind="CO_QUAN"))
        vp = unit_svc.create_unit(
            s, UnitInput(code="VP", full_name="Văn phòng Sở", parent_id=root.id, kind="VAN_PHONG")
        )
        kl = unit_svc.create_unit(
            s,
            UnitInput(code="CCKL", full_name="Chi cục Kiểm lâm", parent_id=root.id, kind="CHI_CUC"),
        )
        campaign, _ = camp.ensure_regular_campaign(s, YEAR)
        ids = {}
        for key, ho_dem, ten, unit, title in (
            ("canh", "Lê Bá", "Cảnh", vp.id, "Chánh Văn phòng"),
            ("binh", "Trần Thị", "Bình", vp.id, "Chuyên viên"),
            ("huy", "Hoàng Quốc", "Huy", kl.id, "Chi cục trưởng"),
        ):
            pid = people_svc.create_person(
                s,
                PersonInput(ho_dem=ho_dem, ten=ten, birth_date=date(1980, 1, 2), gender="NAM"),
                unit_id=unit,
                position_title=title,
                start_date=date(2015, 1, 1),
            )
            s.add(PersonGrade(person_id=pid, year=YEAR, grade="HTTNV", months_worked=12))
            s.flush()
            reg.register_person(s, campaign.id, pid, "LDTT")
            ids[key] = pid
        review.set_override(s, YEAR, "person", ids["huy"], "BK_TINH", "Thành tích đột xuất")
        sid = council.create_session(
            s,
            council.SessionInput(
                year=YEAR,
                meeting_date=date(YEAR, 12, 18),
                members_total=MEMBERS,
                present=10,
                place="Hội trường Sở",
                chair="Nguyễn Chủ Tịch",
                secretary="Phạm Thư Ký",
            ),
        )
        council.record_vote(s, sid, "BK_TINH", Ballots(10, 10, 10, 10), person_id=ids["huy"])
        council.record_vote(s, sid, "LDTT", Ballots(10, 10, 10, 3), person_id=ids["binh"])
    ids.update(url=database.url, session=sid, factory=database.session_factory)
    return ids


def _texts(path: Path) -> list[str]:
    ws = load_workbook(path).worksheets[0]
    return [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]


def _column(path: Path, col: int) -> list[object]:
    ws = load_workbook(path).worksheets[0]
    return [ws.cell(r, col).value for r in range(1, ws.max_row + 1)]


def test_list_shows_the_review_forms(capsys) -> None:
    assert main(["export", "--list"]) == EXIT_OK
    out = capsys.readouterr().out
    for code, name in (
        ("nomination-list", "Danh sách đề nghị khen thưởng"),
        ("public-comment-list", "Danh sách lấy ý kiến công khai"),
        ("council-minutes", "Biên bản họp Hội đồng Thi đua - Khen thưởng"),
        ("vote-count-minutes", "Biên bản kiểm phiếu"),
    ):
        assert code in out and name in out


@pytest.mark.parametrize("title", ["LĐTT", "Lao động tiên tiến", "LDTT", "ldtt"])
def test_nomination_list_by_short_name_or_code(db, tmp_path, capsys, title) -> None:
    out = tmp_path / "x.xlsx"
    args = ["export", "nomination-list", "--db", db["url"], "--year", str(YEAR)]
    assert main([*args, "--title", title, "-o", str(out)]) == EXIT_OK
    printed = capsys.readouterr().out
    # the Council voted on LĐTT (Bình failed; Cảnh was not voted on): nobody passed
    assert "Đã xuất 'Danh sách đề nghị khen thưởng', 0 trường hợp" in printed
    texts = _texts(out)
    assert "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG DANH HIỆU “LAO ĐỘNG TIÊN TIẾN” NĂM 2025" in texts
    assert "Không có trường hợp nào được đề nghị." in texts


def test_nomination_list_with_votes_and_clerk_order(db, tmp_path, capsys) -> None:
    with db["factory"].begin() as s:  # no votes on LĐTT any more: everyone proposed is listed
        for vote in council.list_votes(s, db["session"]):
            if vote.title == "LDTT":
                council.delete_vote(s, vote.id)
        set_nomination_order(s, YEAR, "LDTT", [("person", db["binh"])])
    base = ["export", "nomination-list", "--db", db["url"], "--year", str(YEAR)]
    standard, clerk, award = (tmp_path / f"{n}.xlsx" for n in ("a", "b", "c"))
    assert main([*base, "--title", "LĐTT", "-o", str(standard)]) == EXIT_OK
    assert main([*base, "--title", "LĐTT", "--order", "thu-cong", "-o", str(clerk)]) == EXIT_OK
    names = [v for v in _column(standard, 2) if v in ("Lê Bá Cảnh", "Trần Thị Bình")]
    assert names == ["Lê Bá Cảnh", "Trần Thị Bình"]  # Chánh Văn phòng before Chuyên viên
    names = [v for v in _column(clerk, 2) if v in ("Lê Bá Cảnh", "Trần Thị Bình")]
    assert names == ["Trần Thị Bình", "Lê Bá Cảnh"]
    assert "Hoàng Quốc Huy" not in _column(standard, 2)  # his override took him to BK_TINH
    # the Bằng khen was voted on: the list carries the percentage of the total membership
    assert main([*base, "--title", "BK UBND tỉnh", "--unit", "CCKL", "-o", str(award)]) == EXIT_OK
    ws = load_workbook(award).worksheets[0]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 2).value == "Hoàng Quốc Huy")
    header = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "STT")
    pct = next(c for c in range(1, 20) if ws.cell(header, c).value == "Tỷ lệ phiếu đồng ý (%)")
    assert ws.cell(row, pct).value == pytest.approx(100 * 10 / MEMBERS, abs=0.05)
    assert "Chi cục Kiểm lâm" in _texts(award)


def test_public_comment_list(db, tmp_path) -> None:
    out = tmp_path / "pub.xlsx"
    args = ["export", "public-comment-list", "--db", db["url"], "--year", str(YEAR)]
    assert main([*args, "--date", "01/12/2025", "-o", str(out)]) == EXIT_OK
    texts = _texts(out)
    assert "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh" in texts
    assert "Hoàng Quốc Huy" in texts and "Lê Bá Cảnh" not in texts
    assert any(t.endswith("ngày 01 tháng 12 năm 2025") for t in texts)


def test_council_minutes_and_vote_count(db, tmp_path, capsys) -> None:
    minutes, count, only = (tmp_path / f"{n}.xlsx" for n in ("bb", "kp", "one"))
    args = ["export", "council-minutes", "--db", db["url"], "--year", str(YEAR)]
    assert main([*args, "--session", str(db["session"]), "-o", str(minutes)]) == EXIT_OK
    assert "2 lượt biểu quyết" in capsys.readouterr().out
    texts = _texts(minutes)
    assert "BIÊN BẢN" in texts and "Phạm Thư Ký" in texts and "Nguyễn Chủ Tịch" in texts
    assert {"Hoàng Quốc Huy", "Trần Thị Bình", "Đạt", "Không đạt"} <= set(texts)
    # the year's only session is found without --session
    assert main([*args, "-o", str(only)]) == EXIT_OK
    assert _texts(only) == texts
    vote_args = ["export", "vote-count-minutes", "--db", db["url"], "--session"]
    assert main([*vote_args, str(db["session"]), "-o", str(count)]) == EXIT_OK
    texts = _texts(count)
    assert "BIÊN BẢN KIỂM PHIẾU" in texts
    assert any(f"(căn cứ tính tỷ lệ): {MEMBERS} người" in t for t in texts)


def test_errors(db, tmp_path, capsys) -> None:
    out = str(tmp_path / "x.xlsx")
    base = ["export", "nomination-list", "--db", db["url"]]
    assert main([*base, "--year", str(YEAR), "-o", out]) == EXIT_DATA
    assert "cần chọn danh hiệu / hình thức (tham số --title)" in capsys.readouterr().err
    assert main([*base, "--title", "LDTT", "-o", out]) == EXIT_USAGE
    assert "cần --year" in capsys.readouterr().err
    assert main([*base, "--year", str(YEAR), "--title", "Không có", "-o", out]) == EXIT_DATA
    assert "Không có danh hiệu/hình thức 'Không có'" in capsys.readouterr().err
    vote = ["export", "vote-count-minutes", "--db", db["url"]]
    assert main([*vote, "--year", str(YEAR), "-o", out]) == EXIT_USAGE
    assert "không dùng tham số --year" in capsys.readouterr().err
    assert main([*vote, "-o", out]) == EXIT_DATA
    assert "cần chọn phiên họp" in capsys.readouterr().err
    assert main([*vote, "--session", "999", "-o", out]) == EXIT_DATA
    assert "Không tìm thấy phiên họp" in capsys.readouterr().err
    minutes = ["export", "council-minutes", "--db", db["url"], "--year", "2024"]
    assert main([*minutes, "--session", str(db["session"]), "-o", out]) == EXIT_DATA
    assert "không phải năm 2024" in capsys.readouterr().err
    assert not Path(out).exists()
