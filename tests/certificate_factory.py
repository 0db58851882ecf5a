"""A decision of Giấy khen to print (tests of certificates): two people, a collective, a
household with a very long name, and a line whose award was revoked. Importable from any
test: tests/ is on sys.path."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import AwardRecord, DecisionRecipient
from decision_factory import Agency, add_decision, build_agency

NUMBER = "12/QĐ-SNNMT"
DAY = date(2026, 1, 15)
LONG_HOUSEHOLD = (
    "Hộ ông Nguyễn Văn Bình và bà Hoàng Thị Thanh Xuân, thôn Làng Chùa, xã Yên Sơn, tỉnh "
    "Tuyên Quang - hộ gia đình tiêu biểu trong phong trào trồng rừng gỗ lớn"
)


@dataclass
class CertificateWorld:
    agency: Agency
    decision_id: int
    lines: dict[str, int]  # "ha", "nam", "branch", "household", "minh" -> recipient id


def build_certificate_decision(s: Session, *, revoke_minh: bool = True) -> CertificateWorld:
    agency = build_agency(s)
    p = agency.people
    decision_id = add_decision(
        s,
        number=NUMBER,
        day=DAY,
        code="GK_SO",
        lines=[
            ("CA_NHAN", p["ha"], "GK_SO"),
            ("CA_NHAN", p["nam"], "GK_SO"),
            ("TAP_THE", agency.branch, "GK_SO"),
            ("HO_GIA_DINH", LONG_HOUSEHOLD, "GK_SO"),
            ("CA_NHAN", p["minh"], "GK_SO"),
        ],
        golden=True,
        summary="Về việc tặng Giấy khen của Giám đốc Sở",
    )
    rows = list(
        s.scalars(
            select(DecisionRecipient)
            .where(DecisionRecipient.decision_id == decision_id)
            .order_by(DecisionRecipient.position)
        )
    )
    keys = ("ha", "nam", "branch", "household", "minh")
    lines = {key: row.id for key, row in zip(keys, rows, strict=True)}
    if revoke_minh:
        record = s.get(AwardRecord, rows[-1].award_record_id)
        assert record is not None
        record.revoked = True
    s.flush()
    return CertificateWorld(agency, decision_id, lines)
