"""Which Word template a document uses: ``resources/templates/<name>.docx``, or a file of the
same name in the data folder, which replaces it (as the Excel forms' templates do)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.config import data_dir, resource_file

__all__ = ["TemplateInfo", "template_info"]


@dataclass(frozen=True)
class TemplateInfo:
    """The template a document uses: shipped ("mặc định") or the clerk's own ("tùy chỉnh")."""

    name: str  # file name, "quyet-dinh.docx"
    path: Path
    custom: bool

    @property
    def label(self) -> str:
        return "tùy chỉnh" if self.custom else "mặc định"

    @property
    def override_path(self) -> Path:
        """Where a clerk puts his own copy to replace the shipped template."""
        return data_dir() / self.name

    def describe(self) -> str:
        return f"{self.path} ({self.label})"


def template_info(name: str) -> TemplateInfo:
    path = resource_file("templates", name)
    custom = path.resolve().parent == data_dir().resolve()
    return TemplateInfo(name=name, path=path, custom=custom)
