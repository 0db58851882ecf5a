"""Plain DTOs of the Word documents: text as it is printed (the Word layer adds no wording)."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "AchievementData",
    "Annex",
    "DecisionData",
    "DocumentData",
    "Header",
    "InvitationData",
    "ListLine",
    "ListSection",
    "MinutesData",
    "NoticeData",
    "Signer",
    "SubmissionData",
    "TableRow",
]


@dataclass(frozen=True)
class Header:
    """The header block of NĐ 30/2020: parent and issuing body, "Số: ...", place and date."""

    parent_body: str
    issuer: str
    number: str  # "Số: 05/QĐ-SNNMT", or "Số:        /TTr-SNNMT" before it is numbered
    date_line: str


@dataclass(frozen=True)
class Signer:
    authority: str  # "KT. GIÁM ĐỐC", "TM. HỘI ĐỒNG"
    title: str  # "PHÓ GIÁM ĐỐC"
    name: str
    note: str = ""  # "(Ký, ghi rõ họ tên)" where the form asks for it


@dataclass(frozen=True)
class ListLine:
    stt: str
    name: str
    detail: str = ""  # position and unit; a collective's parent
    title: str = ""  # the title or form (lists of several)
    note: str = ""
    unit: str = ""
    in_favour: str = ""
    percent: str = ""
    result: str = ""


@dataclass(frozen=True)
class ListSection:
    label: str  # "I", "II"; "" when the list has one section (no heading row)
    name: str
    lines: tuple[ListLine, ...]


@dataclass(frozen=True)
class TableRow:
    """A row of a small table (grades, initiatives, awards of a báo cáo thành tích)."""

    year: str
    text: str = ""
    title: str = ""
    decision: str = ""
    scope: str = ""
    authority: str = ""


@dataclass(frozen=True)
class DocumentData:
    code: str
    template: str  # the template's file name
    file_stem: str  # a name to suggest for the file written
    header: Header
    subject: str
    signer: Signer
    recipients: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()  # what the clerk should know (shown, never printed)

    @property
    def count(self) -> int:
        return 0


@dataclass(frozen=True)
class Annex:
    label: str  # "Phụ lục" (a single annex is not numbered)
    title: str
    attribution: str
    sections: tuple[ListSection, ...]
    closing: str


@dataclass(frozen=True)
class SubmissionData(DocumentData):
    route: str = ""
    addressees: tuple[str, ...] = ()
    bases: tuple[str, ...] = ()
    council_line: str = ""
    request: str = ""
    counts: tuple[str, ...] = ()
    attachments_line: str = ""
    closing: str = ""
    annex: Annex | None = None
    total: int = 0

    @property
    def count(self) -> int:
        return self.total


@dataclass(frozen=True)
class DecisionData(DocumentData):
    decision_id: int = 0
    authority_line: str = ""
    bases: tuple[str, ...] = ()
    proposal_line: str = ""
    article1: str = ""
    inline_list: tuple[str, ...] = ()
    article2: str = ""
    money_lines: tuple[str, ...] = ()
    money_total: str = ""
    article3: str = ""
    annex: Annex | None = None
    rule_set: str = ""
    total: int = 0

    @property
    def count(self) -> int:
        return self.total


@dataclass(frozen=True)
class MinutesData(DocumentData):
    session_id: int = 0
    opening: tuple[str, ...] = ()
    attendance: tuple[str, ...] = ()
    members_present: tuple[str, ...] = ()
    absent_line: str = ""
    members_absent: tuple[str, ...] = ()
    agenda: tuple[str, ...] = ()
    public_comment_line: str = ""
    votes_intro: str = ""
    vote_sections: tuple[ListSection, ...] = ()
    conclusions: tuple[str, ...] = ()
    closing: str = ""
    chair_role: str = "CHỦ TỊCH HỘI ĐỒNG"
    right_name: str = ""  # who chaired
    left_name: str = ""  # the secretary
    left_note: str = ""
    right_note: str = ""

    @property
    def count(self) -> int:
        return sum(len(s.lines) for s in self.vote_sections)


@dataclass(frozen=True)
class InvitationData(DocumentData):
    session_id: int = 0
    greeting: str = ""
    invitees: tuple[str, ...] = ()
    body: tuple[str, ...] = ()

    @property
    def count(self) -> int:
        return len(self.invitees)


@dataclass(frozen=True)
class NoticeData(DocumentData):
    addressee: str = ""
    bases: tuple[str, ...] = ()
    intro: str = ""
    counts: tuple[str, ...] = ()
    sections: tuple[ListSection, ...] = ()
    closing_lines: tuple[str, ...] = ()

    @property
    def count(self) -> int:
        return sum(len(s.lines) for s in self.sections)


@dataclass(frozen=True)
class AchievementData(DocumentData):
    collective: bool = False
    form_label: str = ""  # printed top right; empty while the form's number is unverified
    form_source: str = ""  # which rules the form follows (shown to the clerk)
    identity: tuple[tuple[str, str], ...] = ()
    achievement_intro: tuple[str, ...] = ()
    grades_heading: str = ""
    grades: tuple[TableRow, ...] = ()
    initiatives_heading: str = ""
    initiatives: tuple[TableRow, ...] = ()
    awards: tuple[TableRow, ...] = field(default_factory=tuple)
    left_role: str = ""
    right_role: str = ""
    left_name: str = ""
    right_name: str = ""
    left_note: str = ""
    right_note: str = ""

    @property
    def count(self) -> int:
        return len(self.awards)
