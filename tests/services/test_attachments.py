"""Dossiers kept in the database: add, list, read back, remove, refuse, export, and the campaign
files of earlier versions moved in at start-up."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from sqlalchemy import func, select

from app.db.models import Attachment, AuditLog, Campaign, CampaignAttachment, Decision
from app.domain.documents import DocumentSettings
from app.domain.errors import NotFoundError, ValidationError
from app.services import attachments as svc
from app.services.document_settings import save_document_settings
from app.services.output_files import OutputFileError
from decision_factory import build_agency

PDF = b"%PDF-1.4\n% quyet dinh da ky\n%%EOF"


def docx_bytes(text: str) -> bytes:
    document = Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_decision(s) -> int:  # type: ignore[no-untyped-def]
    decision = Decision(
        year=2025,
        series="QĐ-SNNMT",
        seq=5,
        number="05/QĐ-SNNMT",
        decision_date=date(2025, 12, 20),
        authority="Giám đốc Sở Nông nghiệp và Môi trường",
        status="ISSUED",
    )
    s.add(decision)
    s.flush()
    return decision.id


def test_round_trip_through_the_database(database, tmp_path: Path) -> None:
    scan = tmp_path / "QĐ 05 đã ký.pdf"
    scan.write_bytes(PDF)
    with database.session_factory.begin() as s:
        did = make_decision(s)
        first = svc.add_file(s, svc.DECISION, did, scan, note="Bản quét")
        second = svc.add_content(s, svc.DECISION, did, "to-trinh.docx", docx_bytes("Tờ trình"))
    scan.unlink()  # the database holds its own copy
    with database.session_factory() as s:
        listed = svc.list_attachments(s, svc.DECISION, did)
        info, content = svc.attachment_content(s, first.id)
        _info2, word = svc.attachment_content(s, second.id)
        logged = s.scalars(select(AuditLog.after).where(AuditLog.table_name == "attachment")).all()
    assert [(a.file_name, a.kind_name, a.note) for a in listed] == [
        ("QĐ 05 đã ký.pdf", "PDF", "Bản quét"),
        ("to-trinh.docx", "Word (.docx)", ""),
    ]
    assert content == PDF and info.size == len(PDF) and info.created_by == "kiemthu"
    assert Document(io.BytesIO(word)).paragraphs[0].text == "Tờ trình"
    assert len(logged) == 2 and all("byte>" in (text or "") for text in logged)
    with database.session_factory.begin() as s:
        svc.remove_attachment(s, first.id, owner=(svc.DECISION, did))
        with pytest.raises(NotFoundError):  # not a file of this dossier
            svc.remove_attachment(s, second.id, owner=(svc.DECISION, did + 1))
    with database.session_factory() as s:
        assert [a.id for a in svc.list_attachments(s, svc.DECISION, did)] == [second.id]


def test_refused_kinds_and_sizes_write_nothing(database, tmp_path: Path) -> None:
    program = tmp_path / "ho-so.pdf"
    program.write_bytes(b"MZ\x90\x00 not a pdf")
    with database.session_factory.begin() as s:
        did = make_decision(s)
        with pytest.raises(ValidationError, match="không phải loại được nhận vào hồ sơ"):
            svc.add_file(s, svc.DECISION, did, program)
        with pytest.raises(ValidationError, match="rỗng"):
            svc.add_content(s, svc.DECISION, did, "trong.pdf", b"")
        with pytest.raises(ValidationError, match="không hợp lệ"):
            svc.add_content(s, svc.DECISION, did, "a/b.pdf", PDF)
        with pytest.raises(NotFoundError):
            svc.add_content(s, svc.DECISION, did + 99, "qd.pdf", PDF)
        save_document_settings(s, DocumentSettings(max_attachment_mb=1), expected_version=0)
        big = tmp_path / "scan.pdf"
        big.write_bytes(PDF + b"0" * (1024 * 1024))
        with pytest.raises(ValidationError, match="quá giới hạn 1 MB"):
            svc.add_file(s, svc.DECISION, did, big)
        svc.add_content(s, svc.DECISION, did, "nho.pdf", PDF)  # under the limit
    with database.session_factory() as s:
        assert s.scalar(select(func.count()).select_from(Attachment)) == 1


def test_dossier_exported_as_folder_and_zip(database, tmp_path: Path) -> None:
    with database.session_factory.begin() as s:
        build_agency(s)
        did = make_decision(s)
        svc.add_content(s, svc.DECISION, did, "QĐ đã ký.pdf", PDF)
        svc.add_content(s, svc.DECISION, did, "to-trinh.docx", docx_bytes("Tờ trình"))
    with database.session_factory() as s:
        dossier = svc.decision_dossier(s, did)
        assert dossier.title == "Hồ sơ Quyết định số 05/QĐ-SNNMT ngày 20/12/2025"
        folder = svc.export_dossier(s, dossier, tmp_path / "ho-so")
        archive_path = svc.export_dossier(s, dossier, tmp_path / "ho-so.zip")
        with pytest.raises(OutputFileError, match="không tồn tại"):
            svc.export_dossier(s, dossier, tmp_path / "khong-co" / "ho-so.zip")
    assert (folder / "QĐ đã ký.pdf").read_bytes() == PDF
    listing = (folder / svc.LIST_FILE).read_text(encoding="utf-8-sig")
    assert "1. QĐ đã ký.pdf (PDF" in listing and "2. to-trinh.docx (Word (.docx)" in listing
    with zipfile.ZipFile(archive_path) as archive:
        names = sorted(archive.namelist())
        prefix = "Hồ sơ Quyết định số 05-QĐ-SNNMT ngày 20-12-2025/"
        assert names == sorted(prefix + n for n in ("QĐ đã ký.pdf", "to-trinh.docx", svc.LIST_FILE))
        assert archive.read(prefix + "QĐ đã ký.pdf") == PDF


def test_empty_dossier_not_exported(database, tmp_path: Path) -> None:
    with database.session_factory.begin() as s:
        did = make_decision(s)
    with database.session_factory() as s:
        with pytest.raises(ValidationError, match="chưa có tệp đính kèm"):
            svc.export_dossier(s, svc.decision_dossier(s, did), tmp_path / "x.zip")


def test_campaign_files_of_before_moved_into_the_database(database, tmp_path: Path) -> None:
    root = tmp_path / "attachments"
    with database.session_factory.begin() as s:
        campaign = Campaign(
            name="Phong trào 2024",
            kind="PT_CHUYEN_DE",
            scope="CO_QUAN_DON_VI",
            year=2024,
            start_date=date(2024, 1, 1),
        )
        s.add(campaign)
        s.flush()
        cid = campaign.id
        for name, content in (("ke-hoach.pdf", PDF), ("ghi-chu.txt", b"any file of before")):
            (root / str(cid)).mkdir(parents=True, exist_ok=True)
            (root / str(cid) / name).write_bytes(content)
            s.add(
                CampaignAttachment(
                    campaign_id=cid, file_name=name, size=len(content), sha256="x", note="cũ"
                )
            )
        # a file attached on another clerk's machine: not here, the row stays
        s.add(CampaignAttachment(campaign_id=cid, file_name="may-khac.pdf", size=1, sha256="x"))
    with database.session_factory.begin() as s:
        assert svc.adopt_campaign_files(s, root) == 2
    with database.session_factory.begin() as s:
        assert svc.adopt_campaign_files(s, root) == 0  # once only
    with database.session_factory() as s:
        files = svc.list_attachments(s, svc.CAMPAIGN, cid)
        left = s.scalars(select(CampaignAttachment.file_name)).all()
        _info, content = svc.attachment_content(s, files[0].id)
    assert [(f.file_name, f.kind_name, f.note) for f in files] == [
        ("ke-hoach.pdf", "PDF", "cũ"),
        ("ghi-chu.txt", "Tệp khác", "cũ"),  # kept although no longer accepted
    ]
    assert content == PDF and left == ["may-khac.pdf"]
    assert not (root / str(cid) / "ke-hoach.pdf").exists()  # removed once committed


def test_opening_the_database_moves_the_files(database, data_dir: Path) -> None:
    with database.session_factory.begin() as s:
        campaign = Campaign(
            name="Phong trào 2023",
            kind="PT_CHUYEN_DE",
            scope="CO_QUAN_DON_VI",
            year=2023,
            start_date=date(2023, 1, 1),
        )
        s.add(campaign)
        s.flush()
        folder = data_dir / "attachments" / str(campaign.id)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "ke-hoach.pdf").write_bytes(PDF)
        s.add(
            CampaignAttachment(
                campaign_id=campaign.id, file_name="ke-hoach.pdf", size=1, sha256="x"
            )
        )
        cid = campaign.id
    from app.services.database import open_database

    again = open_database(database.url, user="kiemthu")
    try:
        with again.session_factory() as s:
            assert [f.file_name for f in svc.list_attachments(s, svc.CAMPAIGN, cid)] == [
                "ke-hoach.pdf"
            ]
            assert s.scalar(select(func.count()).select_from(CampaignAttachment)) == 0
    finally:
        again.dispose()
    assert not folder.exists()
