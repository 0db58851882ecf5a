"""PDF through LibreOffice (``soffice --headless --convert-to pdf``) when it is installed.

Without LibreOffice the clerk gets a clear Vietnamese message (and can open the .docx in Word
and save it as PDF). The conversion runs in a temporary folder with its own LibreOffice profile,
so a LibreOffice the clerk has open does not block it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from app.domain.errors import DomainError
from app.services.output_files import write_atomically

__all__ = ["PdfUnavailableError", "convert_to_pdf", "find_office"]

_TIMEOUT_S = 180
_WINDOWS_PLACES = (
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
)
NO_OFFICE_MESSAGE = (
    "Không tìm thấy LibreOffice trên máy này nên không xuất được PDF. Hãy cài LibreOffice "
    "(miễn phí), hoặc xuất tệp Word (--format docx) rồi mở bằng Word và lưu thành PDF."
)


class PdfUnavailableError(DomainError):
    """No PDF could be made; the message says why in Vietnamese."""


def find_office() -> str | None:
    """The LibreOffice program: ``TDKT_SOFFICE``, else ``soffice`` / ``libreoffice`` on the
    PATH, else the usual places on Windows."""
    explicit = os.environ.get("TDKT_SOFFICE")
    if explicit:
        return explicit if Path(explicit).is_file() else None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    if sys.platform == "win32":
        for place in _WINDOWS_PLACES:
            if Path(place).is_file():
                return place
    return None


def convert_to_pdf(docx: bytes, target: Path) -> Path:
    """Convert the Word file ``docx`` to the PDF ``target`` (written atomically)."""
    office = find_office()
    if office is None:
        raise PdfUnavailableError(NO_OFFICE_MESSAGE)
    with tempfile.TemporaryDirectory(prefix="tdkt-pdf-") as folder:
        work = Path(folder)
        source = work / "van-ban.docx"
        source.write_bytes(docx)
        profile = (work / "profile").as_uri()
        command = [
            office,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work),
            str(source),
        ]
        try:
            subprocess.run(command, capture_output=True, timeout=_TIMEOUT_S, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise PdfUnavailableError(f"LibreOffice không chuyển được sang PDF: {exc}") from None
        made = work / "van-ban.pdf"
        if not made.is_file():
            raise PdfUnavailableError(
                "LibreOffice không chuyển được văn bản sang PDF; hãy xuất tệp Word (--format "
                "docx) rồi lưu thành PDF bằng Word."
            )
        return write_atomically(target, made.read_bytes())
