"""Which kind of file a dossier attachment is, told by its content (issue 21).

A clerk attaches the tờ trình, the biên bản, the báo cáo thành tích and the signed decision
scanned as PDF. Only these kinds are kept: PDF, Word (.docx and the old .doc), Excel (.xlsx),
JPEG and PNG. The kind is read from the first bytes (and, for the Office Open XML files, from
the names inside the ZIP container), never from the file name, so a renamed program or a
"hoso.pdf" that is really a web page is refused.

Pure: :func:`sniff` takes bytes and returns a :class:`FileKind` or None.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

__all__ = [
    "DOC",
    "DOCX",
    "JPEG",
    "KINDS",
    "PDF",
    "PNG",
    "XLSX",
    "FileKind",
    "accepted_names",
    "by_media_type",
    "sniff",
]


@dataclass(frozen=True)
class FileKind:
    media_type: str
    name: str  # what the clerk reads: "PDF", "Word (.docx)"
    extension: str  # the usual extension, with the dot


PDF = FileKind("application/pdf", "PDF", ".pdf")
DOCX = FileKind(
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "Word (.docx)",
    ".docx",
)
DOC = FileKind("application/msword", "Word 97-2003 (.doc)", ".doc")
XLSX = FileKind(
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel (.xlsx)", ".xlsx"
)
JPEG = FileKind("image/jpeg", "Ảnh JPEG", ".jpg")
PNG = FileKind("image/png", "Ảnh PNG", ".png")
KINDS = (PDF, DOCX, DOC, XLSX, JPEG, PNG)

_OLE2 = bytes.fromhex("D0CF11E0A1B11AE1")  # Compound File Binary: .doc, .xls, .ppt, .msg...
_PNG = b"\x89PNG\r\n\x1a\n"
_ZIP = b"PK\x03\x04"
# The directory entry of the main stream of a Word 97-2003 file, in UTF-16LE
_WORD_STREAM = "WordDocument".encode("utf-16-le")


def accepted_names() -> str:
    """ "PDF, Word (.docx), ..." for messages."""
    return ", ".join(kind.name for kind in KINDS)


def by_media_type(media_type: str) -> FileKind | None:
    return next((kind for kind in KINDS if kind.media_type == media_type), None)


def _office_open_xml(content: bytes) -> FileKind | None:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    if "word/document.xml" in names:
        return DOCX
    if "xl/workbook.xml" in names:
        return XLSX
    return None


def sniff(content: bytes) -> FileKind | None:
    """The kind of ``content`` among :data:`KINDS`, or None when it is none of them."""
    head = content[:16]
    if head.startswith(b"%PDF-"):
        return PDF
    # a PDF may start after a few bytes of garbage (the format allows 1024)
    if b"%PDF-" in content[:1024] and content.rstrip().endswith(b"%%EOF"):
        return PDF
    if head.startswith(_PNG):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(_ZIP):
        return _office_open_xml(content)
    if head.startswith(_OLE2):
        # the directory names the streams; a Word file has "WordDocument"
        return DOC if _WORD_STREAM in content else None
    return None
