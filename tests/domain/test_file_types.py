"""Kinds of attached files told by their content, not their name."""

from __future__ import annotations

import io

import pytest
from docx import Document
from openpyxl import Workbook

from app.domain import file_types as ft


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    Document().save(buffer)
    return buffer.getvalue()


def xlsx_bytes() -> bytes:
    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


def doc_bytes() -> bytes:
    """The start of a Word 97-2003 file: the compound-file signature and a directory entry."""
    return bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 504 + "WordDocument".encode("utf-16-le")


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (b"%PDF-1.7\n1 0 obj\n%%EOF", ft.PDF),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", ft.JPEG),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", ft.PNG),
    ],
)
def test_signatures(content: bytes, kind: ft.FileKind) -> None:
    assert ft.sniff(content) is kind


def test_office_files_by_what_the_zip_holds() -> None:
    assert ft.sniff(docx_bytes()) is ft.DOCX
    assert ft.sniff(xlsx_bytes()) is ft.XLSX
    assert ft.sniff(doc_bytes()) is ft.DOC


def test_other_files_refused() -> None:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "not an office file")
    assert ft.sniff(buffer.getvalue()) is None  # a plain ZIP
    assert ft.sniff(b"MZ\x90\x00 a Windows program") is None
    assert ft.sniff(b"<html>hoso.pdf</html>") is None
    # an Excel 97-2003 file has the same container as a .doc but no WordDocument stream
    assert ft.sniff(bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 600) is None
    assert ft.sniff(b"") is None
