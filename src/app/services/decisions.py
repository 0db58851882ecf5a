"""Award decisions (quyết định khen thưởng, issue 6): the register, numbers, drafts and their
recipients, and the lifecycle draft → issued → corrected / revoked. This module is the entry
point; the work is split by subject:

- :mod:`app.services.decision_records` -- codes, the DTOs the GUI gets, validation of typed
  fields, the register of a year and one decision, defaults of a new decision;
- :mod:`app.services.decision_numbers` -- "05/QĐ-SNNMT": format, parse, next free number and
  uniqueness within a year and series (checked as the clerk types);
- :mod:`app.services.decision_drafts` -- editing drafts and their lines, a draft from the
  candidates who passed the Council vote;
- :mod:`app.services.decision_lifecycle` -- ban hành (golden-book numbers, award records),
  đính chính, thu hồi, decisions of superiors, decisions of imported history.

Year and number (NĐ 30/2020 Điều 15, domain.md §7.1). A decision's ``year`` is the calendar
year of its date: the year its number series runs in (numbers restart on 1 January). A draft
without a date keeps the year it was created for. The number reads "<seq>/<series>" with a
leading zero below 10 ("05/QĐ-SNNMT"); (year, series, seq) is unique, the series compared
without case or diacritics ("QD-SNNMT" is "QĐ-SNNMT"). The agency's own series is "QĐ-" and
the abbreviation of the agency settings. The achievement years are the period
(``period_from_year`` .. ``period_to_year``); an award counts for the last year of it. The
register of a year lists the decisions of that year and those whose period covers it (a
decision of January 2026 on the titles of 2025 shows under 2025 too).

Locking. Drafts are edited freely; an issued decision is locked: its content changes only
through a correction or a revocation. Every change to a decision or to its lines raises the
decision's ``version``; the services that change one take ``expected_version`` (the version
the clerk was looking at) and raise :class:`~app.domain.errors.ConflictError` when another
clerk saved it meanwhile. Each service call is one transaction of the caller; every row change
is in the audit log (the models are audited) and each lifecycle step adds a service entry.
"""

from __future__ import annotations

from app.services.decision_drafts import (
    CouncilCandidate,
    add_recipient,
    add_recipients,
    council_candidates,
    council_titles,
    create_draft,
    create_from_council,
    delete_draft,
    move_recipient,
    remove_recipient,
    set_order,
    update_draft,
    update_recipient,
)
from app.services.decision_lifecycle import (
    RecipientFix,
    award_year,
    correct,
    issue,
    record_superior,
    revoke,
    sync_imported,
)
from app.services.decision_numbers import (
    NUMBER_FORMAT_MESSAGE,
    ParsedNumber,
    agency_series,
    check_number,
    default_series,
    format_number,
    next_number,
    number_problems,
    parse_number,
    series_key,
)
from app.services.decision_records import (
    CA_NHAN,
    CORRECTED,
    DRAFT,
    HO_GIA_DINH,
    IMPORTED,
    IN_FORCE,
    ISSUED,
    LOCKED_MESSAGE,
    ORIGIN_NAMES,
    OWN,
    REVOKED,
    STATUS_NAMES,
    SUPERIOR,
    TAP_THE,
    DecisionDetail,
    DecisionInput,
    DecisionRow,
    RecipientDTO,
    RecipientInput,
    award_name,
    award_type_names,
    decision_defaults,
    default_authority,
    default_summary,
    get_decision,
    list_decisions,
    subject_kind_names,
    validate_decision_input,
    validate_recipient_input,
)

__all__ = [
    "CA_NHAN",
    "CORRECTED",
    "DRAFT",
    "HO_GIA_DINH",
    "IMPORTED",
    "IN_FORCE",
    "ISSUED",
    "LOCKED_MESSAGE",
    "NUMBER_FORMAT_MESSAGE",
    "ORIGIN_NAMES",
    "OWN",
    "REVOKED",
    "STATUS_NAMES",
    "SUPERIOR",
    "TAP_THE",
    "CouncilCandidate",
    "DecisionDetail",
    "DecisionInput",
    "DecisionRow",
    "ParsedNumber",
    "RecipientDTO",
    "RecipientFix",
    "RecipientInput",
    "add_recipient",
    "add_recipients",
    "agency_series",
    "award_name",
    "award_type_names",
    "award_year",
    "check_number",
    "correct",
    "council_candidates",
    "council_titles",
    "create_draft",
    "create_from_council",
    "decision_defaults",
    "default_authority",
    "default_series",
    "default_summary",
    "delete_draft",
    "format_number",
    "get_decision",
    "issue",
    "list_decisions",
    "move_recipient",
    "next_number",
    "number_problems",
    "parse_number",
    "record_superior",
    "remove_recipient",
    "revoke",
    "series_key",
    "set_order",
    "subject_kind_names",
    "sync_imported",
    "update_draft",
    "update_recipient",
    "validate_decision_input",
    "validate_recipient_input",
]
