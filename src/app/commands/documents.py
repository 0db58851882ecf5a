"""`tdkt export` of the secretariat's Word documents and of a dossier (issue 21).

    tdkt export submission --year 2025 [--to so|tinh|bo] [--title MÃ] [--session N] -o tt.docx
    tdkt export decision --decision 05/QĐ-SNNMT [--year] [--submission "12/TTr-HĐTĐKT ngày …"]
    tdkt export council-minutes --session N --format docx        (.xlsx stays the default)
    tdkt export invitation | results-notice --session N | --year 2025
    tdkt export achievement-report --person MÃ_CÁN_BỘ | --unit MÃ_ĐƠN_VỊ [--year] [--title]
    tdkt export dossier --decision SỐ | --person | --unit | --session N -o FOLDER|FILE.zip

``--format docx|xlsx|pdf``: each document has one default (Word; the minutes stay Excel);
``xlsx`` gives the Excel form of the same content where there is one (the decision's list,
the minutes); ``pdf`` goes through LibreOffice when it is installed, else a clear message.
Without ``--format`` the suffix of ``-o`` chooses.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from app.commands.common import EXIT_DATA, EXIT_OK, EXIT_USAGE, print_err
from app.config import resolve_db_url, sqlite_path
from app.domain.documents import (
    ACHIEVEMENT_CODE,
    DECISION_CODE,
    DOCUMENT_NAMES,
    DOSSIER_CODE,
    INVITATION_CODE,
    MINUTES_CODE,
    NOTICE_CODE,
    SUBMISSION_CODE,
)

__all__ = ["CODES", "DEFAULT_FORMAT", "EXCEL_FORM", "cmd_export_document", "handles", "list_lines"]

CODES = (
    SUBMISSION_CODE,
    DECISION_CODE,
    MINUTES_CODE,
    INVITATION_CODE,
    ACHIEVEMENT_CODE,
    NOTICE_CODE,
    DOSSIER_CODE,
)
DEFAULT_FORMAT = {code: "docx" for code in CODES} | {MINUTES_CODE: "xlsx", DOSSIER_CODE: ""}
# the Excel form with the same content, for --format xlsx
EXCEL_FORM = {DECISION_CODE: "decision-annex", MINUTES_CODE: "council-minutes"}
_SUFFIXES = {".docx": "docx", ".pdf": "pdf", ".xlsx": "xlsx"}


def list_lines(width: int) -> list[str]:
    """The lines `tdkt export --list` adds (council-minutes is listed with the Excel forms)."""
    return [
        f"{code.ljust(width)}  {DOCUMENT_NAMES[code]} (Word)"
        for code in CODES
        if code != MINUTES_CODE
    ]


def chosen_format(args: argparse.Namespace) -> str:
    fmt = getattr(args, "format", None)
    if fmt:
        return str(fmt)
    if args.output:
        found = _SUFFIXES.get(Path(args.output).suffix.lower())
        if found:
            return found
    return DEFAULT_FORMAT.get(args.form, "xlsx")


def handles(args: argparse.Namespace) -> bool:
    """True when this module writes ``args.form`` in the format asked (the Excel forms, the
    minutes in .xlsx included, stay with :mod:`app.commands.exports`)."""
    if args.form not in CODES:
        return False
    return not (args.form in EXCEL_FORM and chosen_format(args) == "xlsx")


def _usage(message: str) -> int:
    print_err(f"tdkt export: lỗi cú pháp: {message}")
    return EXIT_USAGE


def _check_args(args: argparse.Namespace, fmt: str) -> str | None:
    """A usage problem, or None."""
    code = args.form
    if code == DOSSIER_CODE:
        owners = [f for f in ("decision", "person", "unit", "session") if getattr(args, f, None)]
        if len(owners) != 1:
            return "hồ sơ cần đúng một trong --decision SỐ, --person, --unit, --session"
        if getattr(args, "format", None):
            return "hồ sơ xuất thành thư mục hoặc tệp .zip theo tên -o, không dùng --format"
        return None
    if fmt not in ("docx", "pdf", "xlsx"):
        return f"định dạng '{fmt}' không hợp lệ (docx, xlsx hoặc pdf)"
    if fmt == "xlsx":
        return f"{DOCUMENT_NAMES[code]} không có bản Excel: dùng --format docx hoặc pdf"
    if code == ACHIEVEMENT_CODE and bool(args.person) == bool(args.unit):
        return "báo cáo thành tích cần --person CÁN_BỘ hoặc --unit ĐƠN_VỊ (một trong hai)"
    if code == DECISION_CODE and not args.decision:
        return 'quyết định cần --decision SỐ_QĐ (ví dụ "05/QĐ-SNNMT")'
    if code == SUBMISSION_CODE and args.year is None:
        return "tờ trình cần --year NĂM"
    if code in (MINUTES_CODE, INVITATION_CODE, NOTICE_CODE) and not (args.session or args.year):
        return f"{DOCUMENT_NAMES[code].lower()} cần --session SỐ_HIỆU (hoặc --year NĂM)"
    if getattr(args, "to", None) and code != SUBMISSION_CODE:
        return "--to chỉ dùng với tờ trình (submission)"
    if getattr(args, "submission", None) and code != DECISION_CODE:
        return "--submission chỉ dùng với quyết định (decision)"
    if not args.output:
        return f"thiếu -o TỆP (tệp .{fmt} sẽ ghi)"
    suffix = Path(args.output).suffix.lower()
    if suffix != f".{fmt}":
        return f"tên tệp -o phải có phần mở rộng .{fmt}"
    return None


def cmd_export_document(args: argparse.Namespace) -> int:
    from app.db.migrate import DatabaseError
    from app.domain.errors import DomainError
    from app.services import reports
    from app.services.database import open_database

    fmt = chosen_format(args)
    problem = _check_args(args, fmt)
    if problem:
        return _usage(problem)
    if args.year is not None and not 1900 <= args.year <= 2100:
        return _usage(f"năm {args.year} không hợp lệ")
    url = resolve_db_url(getattr(args, "db", None))
    path = sqlite_path(url)
    if path is not None and not path.exists():
        print_err(f"Lỗi: không tìm thấy CSDL {path}")
        return EXIT_DATA
    try:
        db = open_database(url)
    except DatabaseError as exc:
        print_err(f"Lỗi: {exc}")
        return EXIT_DATA
    try:
        with db.session_factory() as session:
            decision_id = None
            if args.decision:
                decision_id = reports.resolve_decision(
                    session, reports.ReportParams(year=args.year, decision_number=args.decision)
                )
            person_id = reports.resolve_person(session, args.person) if args.person else None
            unit_id = reports.resolve_unit(session, args.unit).id if args.unit else None
            if args.form == DOSSIER_CODE:
                return _export_dossier(session, args, decision_id, person_id, unit_id)
            return _export_word(session, args, fmt, decision_id, person_id, unit_id)
    except DomainError as exc:
        print_err(f"Lỗi: {exc}")
        return EXIT_DATA
    finally:
        db.dispose()


def _title(text: str | None) -> str | None:
    if not text:
        return None
    from app.commands.exports import _title_code

    return _title_code(text)


def _export_word(
    session: object,
    args: argparse.Namespace,
    fmt: str,
    decision_id: int | None,
    person_id: int | None,
    unit_id: int | None,
) -> int:
    from app.services.documents.gather import DocumentParams, gather_document
    from app.word.export import export_document

    params = DocumentParams(
        year=args.year,
        route=getattr(args, "to", None),
        title=_title(args.title),
        session_id=args.session,
        decision_id=decision_id,
        person_id=person_id,
        unit_id=unit_id,
        on=args.date,
        submission=getattr(args, "submission", None),
    )
    data = gather_document(session, args.form, params)  # type: ignore[arg-type]
    done = export_document(data, Path(args.output), fmt)
    count = data.count
    rows = f", {count} trường hợp" if count else ""
    print(f"Đã xuất '{DOCUMENT_NAMES[args.form]}'{rows} ra {done.path}")
    print(f"Mẫu: {done.template.describe()}")
    for note in data.notes:
        print_err(f"Lưu ý: {note}")
    return EXIT_OK


def _export_dossier(
    session: object,
    args: argparse.Namespace,
    decision_id: int | None,
    person_id: int | None,
    unit_id: int | None,
) -> int:
    from app.services import attachments

    if not args.output:
        return _usage("thiếu -o THƯ_MỤC hoặc -o TỆP.zip")
    if decision_id is not None:
        owner = (attachments.DECISION, decision_id)
    elif person_id is not None:
        owner = (attachments.PERSON, person_id)
    elif unit_id is not None:
        owner = (attachments.UNIT, unit_id)
    else:
        owner = (attachments.SESSION, int(args.session))
    dossier = attachments.owner_dossier(session, *owner)  # type: ignore[arg-type]
    written = attachments.export_dossier(session, dossier, Path(args.output))  # type: ignore[arg-type]
    print(f"Đã xuất {dossier.title} ({len(dossier.files)} tệp) ra {written}")
    return EXIT_OK
