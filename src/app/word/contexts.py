"""The values a template reads, from a document DTO of :mod:`app.services.documents.model`.

Every field of the DTO is there under its own name (lists as lists, rows and sections as
objects with the same attribute names), plus the header block (``parent_body``, ``issuer``,
``number``, ``date_line``), the signer (``signer_authority``, ``signer_title``,
``signer_name``, ``signer_note``) and the annex (``annex`` true when there is one,
``annex_label``, ``annex_title``, ``annex_attribution``, ``annex_sections``,
``annex_closing``). Text with line breaks becomes line breaks in Word.
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from typing import Any

__all__ = ["context_of"]


def _value(value: Any) -> Any:
    from docxtpl import Listing

    if isinstance(value, str):
        return Listing(value) if "\n" in value else value
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _value(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, tuple | list):
        return [_value(v) for v in value]
    return value


def context_of(data: Any) -> dict[str, Any]:
    values: dict[str, Any] = {f.name: _value(getattr(data, f.name)) for f in fields(data)}
    header = data.header
    values.update(
        parent_body=header.parent_body,
        issuer=header.issuer,
        number=header.number,
        date_line=header.date_line,
    )
    signer = data.signer
    values.update(
        signer_authority=signer.authority,
        signer_title=signer.title,
        signer_name=signer.name,
        signer_note=signer.note,
    )
    annex = getattr(data, "annex", None)
    values["annex"] = annex is not None
    if annex is not None:
        values.update(
            annex_label=annex.label,
            annex_title=annex.title,
            annex_attribution=annex.attribution,
            annex_sections=_value(annex.sections),
            annex_closing=annex.closing,
        )
    return values
