"""Agency settings used by every form (header block, document numbers, signer)."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, fields
from typing import Any

from app.domain.vntext import clean

ABBREVIATION = re.compile(r"^[A-ZĐ0-9][A-ZĐ0-9\-]{0,29}$")


@dataclass(frozen=True)
class AgencySettings:
    """Names and signer printed on forms (Nghị định 30/2020 header and signature blocks)."""

    parent_body: str = "UBND TỈNH ..."
    agency: str = "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG"
    abbreviation: str = "SNNMT"
    place: str = "..."
    signer_authority: str = "KT. GIÁM ĐỐC"
    signer_title: str = "PHÓ GIÁM ĐỐC"
    signer_name: str = ""
    preparer_title: str = "NGƯỜI LẬP BIỂU"

    def normalised(self) -> AgencySettings:
        values = {f.name: clean(getattr(self, f.name)) for f in fields(self)}
        values["abbreviation"] = values["abbreviation"].upper()
        return AgencySettings(**values)

    def to_dict(self) -> dict[str, str]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> AgencySettings:
        known = {f.name for f in fields(cls)}
        return cls(**{k: str(v) for k, v in data.items() if k in known})


def validate_agency(settings: AgencySettings) -> list[str]:
    s = settings.normalised()
    problems = []
    if not s.agency:
        problems.append("Chưa nhập tên cơ quan")
    if not s.parent_body:
        problems.append("Chưa nhập tên cơ quan chủ quản")
    if not ABBREVIATION.match(s.abbreviation):
        problems.append(
            "Chữ viết tắt dùng trong số văn bản chỉ gồm chữ in hoa, chữ số và dấu - (ví dụ SNNMT)"
        )
    if not s.place:
        problems.append("Chưa nhập địa danh (ví dụ Tuyên Quang)")
    return problems
