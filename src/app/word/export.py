"""Write a document: its template (the clerk's copy when there is one), filled, saved as .docx
or .pdf. The same call serves the command line and the screens."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.word.contexts import context_of
from app.word.render import FORMATS, save_document
from app.word.templates import TemplateInfo, template_info

__all__ = ["FORMATS", "ExportedDocument", "export_document"]


@dataclass(frozen=True)
class ExportedDocument:
    path: Path
    template: TemplateInfo


def export_document(data: Any, target: Path | str, fmt: str = "docx") -> ExportedDocument:
    """Fill the template of ``data`` (a DTO of :mod:`app.services.documents.model`) and write
    ``target`` as ``fmt`` ("docx" or "pdf")."""
    info = template_info(data.template)
    path = save_document(info, context_of(data), Path(target), fmt)
    return ExportedDocument(path, info)
