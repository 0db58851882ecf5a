"""What every document shares: the header block, the signer, the Căn cứ lines of the rule set in
force on a day, the Council session a document rests on, names of titles and subjects."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.config import load_json_resource
from app.db.models import CouncilSession, RuleSetRow
from app.domain.documents import COUNCIL_SERIES, DocumentSettings, date_line, document_number
from app.domain.settings import AgencySettings
from app.domain.vnformat import date_words, format_date
from app.domain.vntext import clean
from app.services.document_settings import get_document_settings
from app.services.documents.model import Header, Signer
from app.services.reference import catalogue
from app.services.rules import effective_rule_sets
from app.services.settings import get_agency

__all__ = [
    "ROMAN",
    "Context",
    "agency_header",
    "agency_signer",
    "council_header",
    "council_signer",
    "latest_session",
    "percent_text",
    "rule_set_documents",
    "session_basis",
    "title_name",
]

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
COUNCIL_ISSUER = "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG"


class Context:
    """The agency's and the documents' settings, read once per document."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.agency: AgencySettings = get_agency(session)
        self.settings: DocumentSettings = get_document_settings(session)

    @property
    def abbreviation(self) -> str:
        return clean(self.agency.abbreviation).upper() or "SNNMT"

    def series(self, kind: str) -> str:
        """ "TTr-SNNMT": the agency's series of a type of document."""
        return f"{kind}-{self.abbreviation}"

    def council_series(self, kind: str) -> str:
        """ "BB-HĐTĐKT": the Council keeps its own series (domain.md §7.1)."""
        return f"{kind}-{self.settings.council_abbreviation or COUNCIL_SERIES}"

    def recipients(self, *first: str) -> tuple[str, ...]:
        lines = [f"- {clean(line)};" for line in first if clean(line)]
        lines.append(f"- Lưu: {self.settings.archive or 'VT'}.")
        return tuple(lines)


def agency_header(
    ctx: Context, number: str | None, series: str, day: date | None, year: int
) -> Header:
    return Header(
        parent_body=clean(ctx.agency.parent_body).upper(),
        issuer=clean(ctx.agency.agency).upper(),
        number=document_number(number, series),
        date_line=date_line(ctx.agency.place, day, year),
    )


def council_header(ctx: Context, kind: str, day: date | None, year: int) -> Header:
    """The Council's documents: the Sở above, the Council as issuer, its own series."""
    return Header(
        parent_body=clean(ctx.agency.agency).upper(),
        issuer=COUNCIL_ISSUER,
        number=document_number(None, ctx.council_series(kind)),
        date_line=date_line(ctx.agency.place, day, year),
    )


def agency_signer(
    ctx: Context, authority: str | None = None, title: str | None = None, name: str | None = None
) -> Signer:
    return Signer(
        authority=clean(authority or ctx.agency.signer_authority).upper(),
        title=clean(title if title is not None else ctx.agency.signer_title).upper(),
        name=clean(name if name is not None else ctx.agency.signer_name),
    )


def council_signer(ctx: Context) -> Signer:
    s = ctx.settings
    return Signer(
        authority=s.council_signer_authority.upper(),
        title=s.council_signer_title.upper(),
        name=s.council_signer_name,
    )


def _rule_set_raw(session: Session, code: str) -> dict[str, Any]:
    row = session.get(RuleSetRow, code)
    if row is not None:
        try:
            data = json.loads(row.data)
            found = data if isinstance(data, dict) and data.get("code") == code else None
            if found is None and isinstance(data, dict):
                found = next((r for r in data.get("rule_sets", []) if r.get("code") == code), None)
            if isinstance(found, dict):
                return found
        except ValueError:
            pass
    shipped = load_json_resource("data", "rules.json")
    return next((r for r in shipped.get("rule_sets", []) if r.get("code") == code), {})


def rule_set_documents(session: Session, day: date) -> tuple[str, tuple[str, ...], dict[str, Any]]:
    """(rule set name, Căn cứ lines, report forms by level) of the rule set in force on
    ``day``: its ``documents.decision_bases``, else a line per ``legal_bases``."""
    rule_set = effective_rule_sets(session).on(day)
    raw = _rule_set_raw(session, rule_set.code)
    docs = raw.get("documents") or {}
    lines = [clean(line) for line in docs.get("decision_bases") or [] if clean(line)]
    if not lines:
        lines = [f"Căn cứ {clean(basis)};" for basis in rule_set.legal_bases if clean(basis)]
    forms = docs.get("achievement_report_forms") or {}
    return rule_set.name, tuple(lines), forms if isinstance(forms, dict) else {}


def latest_session(
    session: Session, years: Sequence[int], until: date | None = None
) -> CouncilSession | None:
    """The latest Council session of ``years`` held on or before ``until`` (any when None)."""
    query = select(CouncilSession).where(CouncilSession.year.in_(list(years)))
    if until is not None:
        query = query.where(CouncilSession.meeting_date <= until)
    query = query.order_by(CouncilSession.meeting_date.desc(), CouncilSession.id.desc())
    return session.scalars(query).first()


def session_basis(ctx: Context, meeting: CouncilSession | None) -> str:
    """ "Căn cứ Biên bản họp Hội đồng Thi đua - Khen thưởng Sở ngày 15 tháng 12 năm 2025;" """
    if meeting is None:
        return ""
    return f"Căn cứ Biên bản họp {ctx.settings.council_name} {date_words(meeting.meeting_date)};"


def title_name(code: str) -> str:
    cat = catalogue()
    return cat.get(code).name if code in cat else code


def percent_text(value: Any) -> str:
    return f"{value:.1f}".replace(".", ",") if value is not None else ""


def day_text(day: date | None) -> str:
    return format_date(day)
