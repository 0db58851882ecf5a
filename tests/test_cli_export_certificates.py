"""`tdkt export certificates`: a decision's certificates as a PDF, one page per recipient, at
the offsets saved for a printer on this machine; the calibration test page; usage errors.

In-process runs ask for ``qapp`` first: the command makes a QGuiApplication only when none
exists, and a later GUI test needs the QApplication. One run goes through ``python -m app``
as a clerk would, where the command makes its own off-screen application."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import EXIT_DATA, EXIT_OK, EXIT_USAGE, main
from app.domain.certificate_layout import Calibration
from app.services import certificate_settings as machine
from certificate_factory import NUMBER, build_certificate_decision
from pdf_text import read_pdf


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setenv("TDKT_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def db(database) -> str:  # type: ignore[no-untyped-def]
    with database.session_factory.begin() as s:
        build_certificate_decision(s)
    return str(database.url)


def export(db: str, out: Path, *extra: str) -> int:
    args = ["export", "certificates", "--decision", NUMBER, "--db", db, "-o", str(out)]
    return main([*args, *extra])


def test_a_decision_as_a_pdf_one_page_per_recipient(qapp, db, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "giay-khen.pdf"
    assert export(db, out, "--year", "2026") == EXIT_OK
    captured = capsys.readouterr()
    assert "Đã xuất 4 giấy khen, bằng khen của quyết định số 12/QĐ-SNNMT" in captured.out
    assert "mẫu GK_SO" in captured.out and "theo (PDF)" in captured.out
    assert "Lưu ý: 5. Ông Phạm Đức Minh: khen thưởng đã bị thu hồi" in captured.err
    pages = read_pdf(out)
    assert len(pages) == 4
    assert pages[0].find("Bà Nguyễn Thị Hà") and pages[1].find("Ông Trần Văn Nam")
    assert pages[3].find("Số sổ vàng: 4")
    assert not list(tmp_path.glob("*.dang-ghi*"))  # written whole, then put in place


def test_the_printers_saved_offsets_move_every_field(qapp, db, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    plain, moved = tmp_path / "a.pdf", tmp_path / "b.pdf"
    assert export(db, plain) == EXIT_OK
    machine.save_calibration("HP LaserJet P2035", Calibration(3.0, 2.5))
    assert export(db, moved, "--printer", "HP LaserJet P2035") == EXIT_OK
    assert "lệch ngang +3 mm, dọc +2.5 mm theo HP LaserJet P2035" in capsys.readouterr().out
    for before, after in zip(read_pdf(plain), read_pdf(moved), strict=True):
        assert len(before.lines) == len(after.lines) > 8
        for a, b in zip(before.lines, after.lines, strict=True):
            assert (b.x0 - a.x0, b.top - a.top) == (
                pytest.approx(3.0, abs=0.05),
                pytest.approx(2.5, abs=0.05),
            )
    assert export(db, tmp_path / "c.pdf", "--printer", "Canon") == EXIT_OK
    assert "chưa được căn lề" in capsys.readouterr().err


def test_one_person_and_another_layout(qapp, db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "one.pdf"
    assert export(db, out, "--person", "Trần Văn Nam", "--layout", "BK_TINH") == EXIT_OK
    (page,) = read_pdf(out)
    assert page.find("Ông Trần Văn Nam")
    # the province's blank carries the issuer already: not printed
    assert "GIÁM ĐỐC SỞ" not in page.text
    assert "thực hiện nhiệm vụ năm 2025" in page.text


def test_the_test_page(qapp, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "thu.pdf"
    args = ["export", "certificates", "--test-page", "--layout", "BK_BO", "-o", str(out)]
    assert main(args) == EXIT_OK
    assert "trang thử căn lề của mẫu BK_BO" in capsys.readouterr().out
    (page,) = read_pdf(out)
    assert "TRANG THỬ CĂN LỀ" in page.text and "Bộ trưởng" in page.text


def test_errors(qapp, db, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    pdf = str(tmp_path / "x.pdf")
    assert main(["export", "certificates", "--db", db, "-o", pdf]) == EXIT_USAGE
    assert "cần --decision" in capsys.readouterr().err
    assert export(db, tmp_path / "x.xlsx") == EXIT_USAGE
    assert "tệp .pdf" in capsys.readouterr().err
    assert export(db, Path(pdf), "--unit", "VP") == EXIT_USAGE
    assert "không dùng tham số --unit" in capsys.readouterr().err
    args = ["export", "staff-list", "--printer", "HP", "--db", db, "-o", "x.xlsx"]
    assert main(args) == EXIT_USAGE
    assert "--printer chỉ dùng với biểu mẫu certificates" in capsys.readouterr().err
    assert export(db, Path(pdf), "--year", "2025") == EXIT_DATA
    assert "Không tìm thấy quyết định số '12/QĐ-SNNMT' năm 2025" in capsys.readouterr().err
    assert export(db, Path(pdf), "--layout", "XYZ") == EXIT_DATA
    assert "Không có mẫu phôi 'XYZ'" in capsys.readouterr().err
    assert export(db, tmp_path / "khong-co" / "x.pdf") == EXIT_DATA
    assert "không ghi được" in capsys.readouterr().err
    assert not Path(pdf).exists()
    assert main(["export", "--list"]) == EXIT_OK
    assert "certificates" in capsys.readouterr().out


def test_through_python_m_app_without_a_display(db, tmp_path, private_data_dir) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "giay-khen.pdf"
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    env["TDKT_DATA_DIR"] = str(private_data_dir)
    args = ["export", "certificates", "--decision", NUMBER, "--db", db, "-o", str(out)]
    run = subprocess.run(
        [sys.executable, "-m", "app", *args], capture_output=True, text=True, env=env, timeout=120
    )
    assert run.returncode == EXIT_OK, run.stderr
    assert len(read_pdf(out)) == 4
