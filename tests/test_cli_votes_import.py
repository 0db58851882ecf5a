"""`tdkt export vote-tally --session N` and `tdkt import votes FILE --session N [--dry-run]`:
the tally sheet's locked identity columns, the round trip, and a refused sheet that changes
nothing (issue 14)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import create_engine, text

from app.cli import main
from app.domain.people import PersonInput
from app.domain.units import UnitInput
from app.excel.forms.registry import write_template
from app.services import council
from app.services import council_candidates as cc
from app.services import people as people_svc
from app.services import rules as rules_svc
from app.services import units as unit_svc
from app.services.database import open_database

YEAR = 2026
NAMES = ["Nguyễn Văn An", "Lê Thị Bình", "Trần Văn Cường"]


@pytest.fixture
def db(database) -> tuple[str, int, int]:  # type: ignore[no-untyped-def]
    with database.session_factory.begin() as s:
        vp = unit_svc.create_unit(
            s, UnitInput(code="VP", full_name="Văn phòng Sở", kind="VAN_PHONG")
        )
        ids = []
        for i, name in enumerate(NAMES):
            ho, ten = name.rsplit(" ", 1)
            born = date(1980 + i, 5, 1)
            ids.append(
                people_svc.create_person(
                    s, PersonInput(ho_dem=ho, ten=ten, birth_date=born), unit_id=vp.id
                )
            )
        sid = council.create_session(
            s, council.SessionInput(YEAR, date(YEAR, 12, 18), 10, 9, 1, "Phòng họp")
        )
        other = council.create_session(
            s, council.SessionInput(YEAR, date(YEAR, 12, 28), 10, 10, 0, "Phòng họp")
        )
        items = [cc.CandidateInput("person", pid, "CSTDCS") for pid in ids]
        items.append(cc.CandidateInput("person", ids[0], "LDTT"))  # a list title: not on it
        cc.store_candidates(s, sid, items)
        cc.store_candidates(s, other, items[:1])
    url = database.url
    database.dispose()
    return url, sid, other


def votes(url: str) -> list[tuple]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                text(
                    "SELECT session_id, person_id, issued, returned, valid, in_favour, passed "
                    "FROM council_vote ORDER BY session_id, person_id"
                )
            )
            return [tuple(r) for r in rows]
    finally:
        engine.dispose()


def export(url: str, session_id: int, path: Path) -> Path:
    code = main(
        ["export", "vote-tally", "--session", str(session_id), "-o", str(path), "--db", url]
    )
    assert code == 0
    return path


def data_rows(path: Path) -> list[int]:
    ws = load_workbook(path).active
    return [
        r
        for r in range(1, ws.max_row + 1)
        if isinstance(ws.cell(r, 1).value, int) and isinstance(ws.cell(r, 2).value, str)
    ]


def fill(path: Path, counts: dict[int, list[int | str | None]]) -> Path:
    """Type counts in the unlocked cells of the rows numbered (STT) as given."""
    book = load_workbook(path)
    ws = book.active
    for r in data_rows(path):
        stt = ws.cell(r, 1).value
        for col, value in zip((6, 7, 8, 9), counts.get(stt, [None] * 4), strict=True):
            if value is not None:
                ws.cell(r, col).value = value
    book.save(path)
    return path


def run(url: str, path: Path, session_id: int, *args: str) -> int:
    return main(["import", "votes", str(path), "--session", str(session_id), "--db", url, *args])


def test_the_tally_sheet_locks_who_each_row_is(db, tmp_path) -> None:
    url, sid, _other = db
    path = export(url, sid, tmp_path / "kiem-phieu.xlsx")
    book = load_workbook(path)
    ws = book.active
    rows = data_rows(path)
    assert [ws.cell(r, 2).value for r in rows] == NAMES  # the list title is not on it
    assert [ws.cell(r, 1).value for r in rows] == [1, 2, 3]
    assert ws.cell(rows[0], 3).value == datetime(1980, 5, 1)
    assert ws.protection.sheet
    for r in rows:
        assert all(ws.cell(r, c).protection.locked for c in (1, 2, 3, 4, 5))
        assert not any(ws.cell(r, c).protection.locked for c in (6, 7, 8, 9, 10))
    texts = [str(c.value) for row in ws.iter_rows() for c in row if c.value]
    # CSTĐCS by secret ballot: a rule parameter (rules.json ballot.CSTDCS.secret)
    assert any("Hình thức: bỏ phiếu kín" in text for text in texts)
    props = {p.name: p.value for p in book.custom_doc_props.props}
    assert props["TDKT_PHIEN_HOP"] == sid and props["TDKT_BIEU_MAU"] == "vote-tally"
    # the province votes in the open: the sheet says so
    db = open_database(url)
    try:
        with db.session_factory.begin() as s:
            code = council.rules_for_year(s, YEAR).code
            rules_svc.set_parameter(s, code, "ballot.CSTDCS.secret", False, expected_version=0)
    finally:
        db.dispose()
    ws = load_workbook(export(url, sid, tmp_path / "cong-khai.xlsx")).active
    texts = [str(c.value) for row in ws.iter_rows() for c in row if c.value]
    assert any("Hình thức: biểu quyết công khai" in text for text in texts)


def test_the_round_trip_writes_the_ballots(db, tmp_path, capsys) -> None:
    url, sid, _other = db
    path = fill(
        export(url, sid, tmp_path / "kiem-phieu.xlsx"),
        {1: [None, None, None, 9], 2: [10, 10, 9, 7]},
    )
    assert run(url, path, sid, "--dry-run") == 0
    out = capsys.readouterr().out
    assert "3 dòng: 3 khớp, 0 không khớp hoặc có lỗi; 2 phiếu sẽ ghi" in out
    assert "Chạy thử" in out and votes(url) == []
    assert run(url, path, sid) == 0
    assert "Đã ghi 2 phiếu" in capsys.readouterr().out
    stored = votes(url)
    assert [row[2:] for row in stored] == [(10, 10, 10, 9, 1), (10, 10, 9, 7, 0)]
    # read again unchanged: nothing more to write
    assert run(url, path, sid) == 0
    assert "Đã ghi 0 phiếu" in capsys.readouterr().out and votes(url) == stored


def test_a_refused_sheet_changes_nothing(db, tmp_path, capsys) -> None:
    url, sid, other = db
    path = fill(export(url, sid, tmp_path / "kiem-phieu.xlsx"), {1: [None, None, None, 9]})
    assert run(url, path, sid) == 0
    before = votes(url)
    capsys.readouterr()
    # more "đồng ý" than valid ballots on one row, good counts on the others
    bad = fill(path, {1: [None, None, None, 3], 2: [10, 10, 8, 9], 3: [None, None, None, 8]})
    assert run(url, bad, sid) == 1
    out = capsys.readouterr().out
    assert "Số phiếu đồng ý nhiều hơn số phiếu hợp lệ" in out and "Không ghi gì" in out
    assert votes(url) == before
    # a name typed over (the sheet unprotected): refused, nothing written
    book = load_workbook(path)
    ws = book.active
    first = data_rows(path)[0]
    ws.cell(first, 2).value = "Người Khác"
    ws.cell(first + 1, 9).value = 6
    book.save(path)
    assert run(url, path, sid) == 1
    assert "STT 1 là Nguyễn Văn An, không phải Người Khác" in capsys.readouterr().out
    assert votes(url) == before
    # another session's sheet
    fine = fill(export(url, sid, tmp_path / "khac.xlsx"), {1: [None, None, None, 9]})
    assert run(url, fine, other) == 1
    assert "bảng kiểm phiếu của phiên họp số" in capsys.readouterr().out
    assert votes(url) == before


def test_an_unreadable_file_is_refused(db, tmp_path, capsys) -> None:
    url, sid, _other = db
    path = tmp_path / "rong.xlsx"
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Cột A", "Cột B"])
    book.save(path)
    assert run(url, path, sid) == 1
    assert "Lỗi:" in capsys.readouterr().err
    assert main(["import", "votes", str(path), "--session", "0", "--db", url]) == 2


@pytest.fixture
def own_template(tmp_path, monkeypatch) -> Path:  # type: ignore[no-untyped-def]
    """A data folder of this test, where a clerk's template of the tally sheet goes."""
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setenv("TDKT_DATA_DIR", str(folder))
    return folder / "vote-tally.xlsx"


def _edit_template(path: Path, columns: dict[str, tuple[str, str]], texts: dict[str, str]) -> None:
    """The shipped template with columns renamed / left out ("key": (header, "có"/"không")),
    the "Đồng ý" column moved before "Phát ra", and wording changed."""
    write_template("vote-tally", path)
    book = load_workbook(path)
    ws = book["Cấu hình"]
    rows = {r[0].value: r for r in ws.iter_rows() if r[0].value}
    for key, (header, shown) in columns.items():
        rows[key][1].value = header
        rows[key][3].value = shown
    for key, value in texts.items():
        rows[key][1].value = value
    issued, in_favour = rows["issued"], rows["in_favour"]
    for a, b in zip(issued, in_favour, strict=True):
        a.value, b.value = b.value, a.value
    book.save(path)


def _header_columns(ws) -> dict[str, int]:  # type: ignore[no-untyped-def]
    top = int(ws.print_title_rows.replace("$", "").split(":")[0])
    found = {}
    for row in (top, top + 1):
        for c in range(1, ws.max_column + 1):
            if isinstance(ws.cell(row, c).value, str):
                found[ws.cell(row, c).value] = c
    return found


def test_a_clerks_template_sets_the_columns_and_wording_and_the_sheet_reads_back(
    db, tmp_path, capsys, own_template
) -> None:
    url, sid, _other = db
    _edit_template(
        own_template,
        {"unit": ("Đơn vị", "không"), "in_favour": ("Số phiếu đồng ý", "có")},
        {"tieu_de": "Phiếu tổng hợp kiểm phiếu năm {nam}"},
    )
    path = export(url, sid, tmp_path / "kiem-phieu.xlsx")
    assert "tùy chỉnh" in capsys.readouterr().out
    book = load_workbook(path)
    ws = book.active
    assert book.sheetnames == ["Kiểm phiếu"]
    texts = [str(c.value) for row in ws.iter_rows() for c in row if c.value]
    assert f"PHIẾU TỔNG HỢP KIỂM PHIẾU NĂM {YEAR}" in texts
    cols = _header_columns(ws)
    assert "Đơn vị" not in cols
    assert cols["Số phiếu đồng ý"] < cols["Thu về"]  # moved before the other counts
    rows = data_rows(path)
    assert [ws.cell(r, cols["Họ và tên"]).value for r in rows] == NAMES
    # the count cells are unlocked wherever they are, the identity cells locked
    for r in rows:
        for header in ("Số phiếu đồng ý", "Phát ra", "Thu về", "Hợp lệ", "Ghi chú"):
            assert not ws.cell(r, cols[header]).protection.locked, header
        for header in ("STT", "Họ và tên", "Ngày sinh", "Danh hiệu đề nghị"):
            assert ws.cell(r, cols[header]).protection.locked, header
    ranges = {str(rng) for dv in ws.data_validations.dataValidation for rng in dv.sqref.ranges}
    letter = ws.cell(rows[0], cols["Số phiếu đồng ý"]).column_letter
    assert f"{letter}{rows[0]}:{letter}{rows[-1]}" in ranges
    ws.cell(rows[1], cols["Số phiếu đồng ý"]).value = 8
    book.save(path)
    assert run(url, path, sid) == 0
    assert "Đã ghi 1 phiếu" in capsys.readouterr().out
    assert [row[2:] for row in votes(url)] == [(10, 10, 10, 8, 1)]


def test_a_template_without_the_counts_it_is_read_by_is_refused(
    db, tmp_path, capsys, own_template
) -> None:
    url, sid, _other = db
    _edit_template(own_template, {"in_favour": ("Đồng ý", "không")}, {})
    path = tmp_path / "kiem-phieu.xlsx"
    args = ["export", "vote-tally", "--session", str(sid), "-o", str(path), "--db", url]
    assert main(args) != 0
    err = capsys.readouterr().err
    assert "bỏ cột Đồng ý" in err and "vote-tally.xlsx" in err
    assert not path.exists()
