"""An agency with a year of proposals, a Council session (members, times, public comment,
votes) and two decisions: the data of the secretariat's Word documents (issue 21). Importable
from any test: tests/ is on sys.path."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from sqlalchemy.orm import Session

from app.domain.council import Ballots
from app.domain.council_minutes import CHAIR, MEMBER, SECRETARY, MemberInput, MinutesInput
from app.domain.documents import DocumentSettings
from app.services import council, council_members, review
from app.services.document_settings import save_document_settings
from decision_factory import Agency, add_decision, build_agency

YEAR = 2025
MEETING = date(2025, 12, 15)
SETTINGS = DocumentSettings(
    council_signer_authority="TM. HỘI ĐỒNG",
    council_signer_title="CHỦ TỊCH",
    council_signer_name="Hoàng Minh Đức",
    province_chair="Chủ tịch Ủy ban nhân dân tỉnh Tuyên Quang",
    local_bases=(
        "Căn cứ Quyết định số 20/2025/QĐ-UBND ngày 10 tháng 9 năm 2025 của Ủy ban nhân dân "
        "tỉnh ban hành Quy chế công tác thi đua, khen thưởng;\n"
        "Quyết định số 15/2025/QĐ-UBND quy định chức năng, nhiệm vụ của Sở"
    ),
)
MEMBERS = (
    MemberInput("Hoàng Minh Đức", "Giám đốc Sở", CHAIR, True),
    MemberInput("Nguyễn Thị Hà", "Chánh Văn phòng Sở", SECRETARY, True),
    MemberInput("Vũ Văn Long", "Trưởng phòng Kế hoạch - Tài chính", MEMBER, True),
    MemberInput("Đỗ Thị Mai", "Chủ tịch Công đoàn Sở", MEMBER, True),
    MemberInput("Bùi Quang Hải", "Chi cục trưởng Chi cục Thủy lợi", MEMBER, False, True),
)


@dataclass
class Documents:
    agency: Agency
    session_id: int
    inline_decision: int  # two lines: named in Điều 1
    annex_decision: int  # six lines: the annex


def build_documents(s: Session) -> Documents:
    agency = build_agency(s)
    save_document_settings(s, SETTINGS, expected_version=0)
    people = agency.people
    for key, title in (("ha", "LDTT"), ("nam", "LDTT"), ("lan", "CSTD_TINH"), ("minh", "CSTDCS")):
        review.set_override(s, YEAR, review.PERSON, people[key], title, "Đơn vị đề nghị")
    review.set_override(s, YEAR, review.UNIT, agency.office, "TTLDTT", "Đơn vị đề nghị")
    sid = council.create_session(
        s,
        council.SessionInput(
            year=YEAR,
            meeting_date=MEETING,
            members_total=5,
            present=4,
            written_opinions=1,
            place="Phòng họp tầng 3, Sở Nông nghiệp và Môi trường",
            chair="Hoàng Minh Đức",
            secretary="Nguyễn Thị Hà",
        ),
    )
    council_members.set_members(s, sid, MEMBERS)
    council_members.set_minutes(
        s,
        sid,
        MinutesInput(
            time(14, 0),
            time(16, 30),
            "Niêm yết danh sách từ 01/12 đến 10/12/2025, không có ý kiến khác.",
        ),
    )
    council.record_vote(s, sid, "CSTD_TINH", Ballots(5, 5, 5, 5), person_id=people["lan"])
    council.record_vote(s, sid, "CSTDCS", Ballots(5, 5, 5, 2), person_id=people["minh"])
    inline = add_decision(
        s,
        number="05/QĐ-SNNMT",
        day=date(2025, 12, 20),
        code="LDTT",
        lines=[("CA_NHAN", people["ha"], "LDTT"), ("CA_NHAN", people["nam"], "LDTT")],
    )
    annex = add_decision(
        s,
        number="06/QĐ-SNNMT",
        day=date(2025, 12, 22),
        code="GK_SO",
        lines=[
            ("TAP_THE", agency.office, "GK_SO"),
            ("TAP_THE", agency.branch, "GK_SO"),
            *[("CA_NHAN", people[k], "GK_SO") for k in ("ha", "nam", "lan", "minh")],
        ],
        golden=True,
    )
    return Documents(agency, sid, inline, annex)
