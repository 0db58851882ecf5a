"""Fill a Word template with docxtpl and save the result atomically (.docx, or .pdf through
LibreOffice).

Values are escaped for XML (``autoescape``); text with line breaks is passed as
:class:`docxtpl.Listing` by the contexts. A template the clerk broke (a tag cut in two by
Word, a missing ``endfor``) gives a Vietnamese message naming the template and how to go back
to the shipped one.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from app.domain.errors import DomainError
from app.services.output_files import write_atomically
from app.word.pdf import convert_to_pdf
from app.word.templates import TemplateInfo

__all__ = ["TemplateError", "render_bytes", "save_document"]

FORMATS = ("docx", "pdf")


class TemplateError(DomainError):
    """A template cannot be read or filled; the message is for the clerk."""


def render_bytes(info: TemplateInfo, context: Mapping[str, Any]) -> bytes:
    """The filled template as the bytes of a .docx file."""
    from docxtpl import DocxTemplate  # imported here: the GUI starts without loading it

    try:
        template = DocxTemplate(str(info.path))
        template.render(dict(context), autoescape=True)
        buffer = io.BytesIO()
        template.save(buffer)
    except Exception as exc:  # a clerk's template may be anything
        raise TemplateError(
            f"Không điền được mẫu {info.label} '{info.path}': {type(exc).__name__}: {exc}. "
            "Kiểm tra các thẻ {{ ... }} và {%p ... %} trong mẫu (mỗi thẻ phải liền một khối "
            "chữ), hoặc xóa tệp mẫu tùy chỉnh để dùng lại mẫu mặc định."
        ) from None
    return buffer.getvalue()


def save_document(
    info: TemplateInfo, context: Mapping[str, Any], target: Path | str, fmt: str = "docx"
) -> Path:
    """Render and write ``target`` as ``fmt`` ("docx" or "pdf"); returns the path written."""
    content = render_bytes(info, context)
    path = Path(target)
    if fmt == "pdf":
        return convert_to_pdf(content, path)
    return write_atomically(path, content)
