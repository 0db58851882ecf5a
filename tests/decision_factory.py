"""A small agency with award decisions, built with services and models (tests of money, the
decision forms and the statistics forms). Importable from any test: tests/ is on sys.path."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.orm import Session

from app.db.models import AwardRecord, Decision, DecisionRecipient
from app.domain.people import PersonInput
from app.domain.settings import AgencySettings
from app.domain.units import UnitInput
from app.services import people as people_svc
from app.services import units as unit_svc
from app.services.settings import save_agency

AGENCY = AgencySettings(
    parent_body="UBND tỉnh Tuyên Quang",
    agency="Sở Nông nghiệp và Môi trường",
    abbreviation="SNNMT",
    place="Tuyên Quang",
    signer_authority="KT. GIÁM ĐỐC",
    signer_title="PHÓ GIÁM ĐỐC",
    signer_name="Nguyễn Văn Thành",
)


@dataclass
class Agency:
    root: int
    office: int
    branch: int
    people: dict[str, int] = field(default_factory=dict)


def build_agency(s: Session) -> Agency:
    """Sở (root) > Văn phòng Sở, Chi cục Kiểm lâm; four people with positions."""
    save_agency(s, AGENCY, expected_version=0)
    root = unit_svc.create_unit(
        s, UnitInput(code="SO", full_name="Sở Nông nghiệp và Môi trường", kind="CO_QUAN")
    )
    office = unit_svc.create_unit(
        s,
        UnitInput(
            code="VP",
            full_name="Văn phòng Sở",
            parent_id=root.id,
            kind="VAN_PHONG",
            collective_category="TT_HANH_CHINH",
        ),
    )
    branch = unit_svc.create_unit(
        s,
        UnitInput(
            code="CCKL",
            full_name="Chi cục Kiểm lâm",
            parent_id=root.id,
            kind="CHI_CUC",
            collective_category="TT_HANH_CHINH",
        ),
    )
    agency = Agency(root=root.id, office=office.id, branch=branch.id)
    for key, ho_dem, ten, gender, unit, title in (
        ("ha", "Nguyễn Thị", "Hà", "NU", office.id, "Chánh Văn phòng"),
        ("nam", "Trần Văn", "Nam", "NAM", office.id, "Chuyên viên"),
        ("lan", "Lê Thị", "Lan", "NU", branch.id, "Chi cục trưởng"),
        ("minh", "Phạm Đức", "Minh", "NAM", branch.id, "Kiểm lâm viên"),
    ):
        agency.people[key] = people_svc.create_person(
            s,
            PersonInput(ho_dem=ho_dem, ten=ten, birth_date=date(1980, 1, 1), gender=gender),
            unit_id=unit,
            position_title=title,
            start_date=date(2015, 1, 1),
        )
    return agency


def add_decision(
    s: Session,
    *,
    number: str,
    day: date | None,
    code: str,
    lines: list[tuple[str, int | str, str]],
    status: str = "ISSUED",
    origin: str = "OWN",
    authority: str = "Giám đốc Sở Nông nghiệp và Môi trường",
    award_type: str = "CONG_TRANG",
    period: tuple[int | None, int | None] = (2025, 2025),
    golden: bool = False,
    records: bool = True,
    summary: str | None = None,
) -> int:
    """A decision with lines (subject kind, person/unit id or household name, catalogue code).

    Issued lines get their award record (as issuing does), numbered in the golden book when
    ``golden``.
    """
    year = day.year if day else 2026
    seq = int(number.split("/")[0]) if number and number.split("/")[0].isdigit() else None
    decision = Decision(
        year=year,
        series="QĐ" if origin == "OWN" else None,
        seq=seq if origin == "OWN" else None,
        number=number or None,
        decision_date=day,
        authority=authority,
        signer_authority_line="KT. GIÁM ĐỐC",
        signer_title="PHÓ GIÁM ĐỐC",
        signer_name="Nguyễn Văn Thành",
        award_type=award_type,
        summary=summary,
        catalogue_code=code,
        period_from_year=period[0],
        period_to_year=period[1],
        status=status,
        origin=origin,
    )
    s.add(decision)
    s.flush()
    for position, (kind, who, line_code) in enumerate(lines, start=1):
        line = DecisionRecipient(
            decision_id=decision.id,
            position=position,
            subject_kind=kind,
            person_id=who if kind == "CA_NHAN" else None,
            unit_id=who if kind == "TAP_THE" else None,
            recipient_name=who if kind == "HO_GIA_DINH" else None,
            catalogue_code=line_code or code,
            golden_book_no=position if golden else None,
        )
        s.add(line)
        s.flush()
        if records and status in ("ISSUED", "CORRECTED", "REVOKED"):
            rec = AwardRecord(
                subject_kind=kind,
                person_id=line.person_id,
                unit_id=line.unit_id,
                recipient_name=line.recipient_name,
                catalogue_code=line.catalogue_code,
                award_type=award_type,
                year=period[1],
                period_from_year=period[0],
                period_to_year=period[1],
                decision_number=number,
                decision_date=day,
                authority=authority,
                revoked=status == "REVOKED",
                source="DECISION",
                decision_id=decision.id,
            )
            s.add(rec)
            s.flush()
            line.award_record_id = rec.id
    s.flush()
    return decision.id
