"""`tdkt export submission / decision / council-minutes / invitation / achievement-report /
results-notice / dossier` end to end: formats, defaults, refusals."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from app.cli import EXIT_DATA, EXIT_OK, EXIT_USAGE, main
from app.services import attachments
from document_factory import YEAR, build_documents

PDF = b"%PDF-1.4\n% da ky\n%%EOF"


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setenv("TDKT_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def db(database) -> str:  # type: ignore[no-untyped-def]
    with database.session_factory.begin() as s:
        docs = build_documents(s)
        attachments.add_content(s, attachments.DECISION, docs.annex_decision, "QĐ đã ký.pdf", PDF)
    return database.url


def run(db: str, *args: str) -> int:
    return main(["export", *args, "--db", db])


def paragraphs(path: Path) -> list[str]:
    return [p.text for p in Document(str(path)).paragraphs if p.text.strip()]


def test_every_word_document(db: str, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "tt.docx"
    assert run(db, "submission", "--year", str(YEAR), "--to", "tinh", "-o", str(out)) == EXIT_OK
    printed = capsys.readouterr().out
    assert "Đã xuất 'Tờ trình đề nghị khen thưởng', 1 trường hợp" in printed
    assert "to-trinh.docx (mặc định)" in printed
    assert "TỜ TRÌNH" in paragraphs(out)

    out = tmp_path / "qd.docx"
    assert run(db, "decision", "--decision", "06/QĐ-SNNMT", "-o", str(out)) == EXIT_OK
    assert "QUYẾT ĐỊNH:" in paragraphs(out)

    out = tmp_path / "bb.docx"
    assert run(db, "council-minutes", "--session", "1", "--format", "docx", "-o", str(out)) == 0
    assert "BIÊN BẢN" in paragraphs(out)

    for code, name in (("invitation", "GIẤY MỜI"), ("results-notice", "THÔNG BÁO")):
        out = tmp_path / f"{code}.docx"
        assert run(db, code, "--year", str(YEAR), "-o", str(out)) == EXIT_OK
        assert name in paragraphs(out)

    out = tmp_path / "bc.docx"
    assert (
        run(db, "achievement-report", "--person", "Lê Thị Lan", "--year", "2025", "-o", str(out))
        == 0
    )
    assert "BÁO CÁO THÀNH TÍCH" in paragraphs(out)
    out = tmp_path / "bct.docx"
    assert run(db, "achievement-report", "--unit", "VP", "--year", "2025", "-o", str(out)) == 0
    assert any(p.startswith("Tên tập thể: Văn phòng Sở") for p in paragraphs(out))


def test_excel_stays_the_default_of_the_minutes_and_xlsx_of_a_decision(
    db: str, tmp_path: Path
) -> None:
    out = tmp_path / "bb.xlsx"
    assert run(db, "council-minutes", "--year", "2025", "--session", "1", "-o", str(out)) == 0
    assert load_workbook(out).worksheets[0].max_row > 5
    out = tmp_path / "ds.xlsx"
    assert run(db, "decision", "--decision", "06/QĐ-SNNMT", "--format", "xlsx", "-o", str(out)) == 0
    cells = [c.value for row in load_workbook(out).worksheets[0].iter_rows() for c in row]
    assert "Văn phòng Sở" in cells


def test_refusals(db: str, tmp_path: Path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    assert run(db, "achievement-report", "-o", str(tmp_path / "x.docx")) == EXIT_USAGE
    assert "--person CÁN_BỘ hoặc --unit" in capsys.readouterr().err
    assert (
        run(db, "submission", "--year", "2025", "--format", "xlsx", "-o", str(tmp_path / "x.xlsx"))
        == EXIT_USAGE
    )
    assert "không có bản Excel" in capsys.readouterr().err
    assert run(db, "submission", "--year", "2025", "-o", str(tmp_path / "x.docx")) == EXIT_DATA
    assert "chọn nơi trình (--to)" in capsys.readouterr().err
    assert run(db, "staff-list", "--format", "docx", "-o", str(tmp_path / "x.docx")) == EXIT_USAGE
    assert "chỉ xuất Excel" in capsys.readouterr().err
    monkeypatch.setenv("TDKT_SOFFICE", str(tmp_path / "khong-co"))
    out = tmp_path / "gm.pdf"
    assert run(db, "invitation", "--session", "1", "-o", str(out)) == EXIT_DATA
    assert "Không tìm thấy LibreOffice" in capsys.readouterr().err
    assert not out.exists()
    assert not list(tmp_path.glob("*.docx"))


def test_dossier_as_folder_and_zip(db: str, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "ho-so"
    assert run(db, "dossier", "--decision", "06/QĐ-SNNMT", "-o", str(folder)) == EXIT_OK
    assert "Hồ sơ Quyết định số 06/QĐ-SNNMT ngày 22/12/2025 (1 tệp)" in capsys.readouterr().out
    assert (folder / "QĐ đã ký.pdf").read_bytes() == PDF
    archive = tmp_path / "ho-so.zip"
    assert run(db, "dossier", "--decision", "06/QĐ-SNNMT", "-o", str(archive)) == EXIT_OK
    with zipfile.ZipFile(archive) as z:
        assert any(n.endswith("/QĐ đã ký.pdf") for n in z.namelist())
    assert (
        run(db, "dossier", "--decision", "05/QĐ-SNNMT", "-o", str(tmp_path / "e.zip")) == EXIT_DATA
    )
    assert "chưa có tệp đính kèm" in capsys.readouterr().err
    assert run(db, "dossier", "-o", str(tmp_path / "f.zip")) == EXIT_USAGE


def test_list_names_the_documents(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["export", "--list"]) == EXIT_OK
    listed = capsys.readouterr().out
    for code in (
        "submission",
        "decision",
        "invitation",
        "achievement-report",
        "results-notice",
        "dossier",
    ):
        assert code in listed
