"""`tdkt export certificates`: the certificates of a decision as a PDF, one page per recipient,
as the GUI's "In giấy khen…" dialog writes it (issue 22).

    tdkt export certificates --decision "05/QĐ-SNNMT" [--year 2026] -o giay-khen.pdf
        [--layout GK_SO] [--printer "HP LaserJet"] [--person CÁN_BỘ]
    tdkt export certificates --test-page [--layout GK_SO] [--printer ...] -o trang-thu.pdf

The offsets are those saved on this machine for ``--printer`` (by default those of a PDF
file). Drawing needs Qt: :mod:`app.ui.certificate_render` is imported only here, and makes an
off-screen QGuiApplication.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from app.commands.common import EXIT_DATA, EXIT_OK, EXIT_USAGE, print_err
from app.config import resolve_db_url, sqlite_path

if TYPE_CHECKING:
    from app.domain.certificate_layout import Calibration

FORM_CODE = "certificates"
FORM_NAME = "Giấy khen, bằng khen in trên phôi (PDF, mỗi người một trang)"
_NOT_USED = (
    ("--unit", "unit"),
    ("--date", "date"),
    ("--title", "title"),
    ("--session", "session"),
    ("--order", "order"),
    ("--all", "all"),
)


def _lower_first(text: str) -> str:
    """ "Quyết định số 05/QĐ-SNNMT" -> "quyết định số 05/QĐ-SNNMT" (the number untouched)."""
    return text[:1].lower() + text[1:]


def _usage(message: str) -> int:
    print_err(f"tdkt export: lỗi cú pháp: {message}")
    return EXIT_USAGE


def _check_args(args: argparse.Namespace) -> int | None:
    unused = [flag for flag, name in _NOT_USED if getattr(args, name, None)]
    if unused:
        return _usage(f"biểu mẫu {FORM_CODE} không dùng tham số {', '.join(unused)}")
    if args.test_page and (args.decision or args.person or args.year is not None):
        return _usage("--test-page không dùng với --decision, --person, --year")
    if not args.test_page and not args.decision:
        return _usage(
            f'biểu mẫu {FORM_CODE} cần --decision SỐ_QĐ (ví dụ "05/QĐ-SNNMT") hoặc --test-page'
        )
    if args.year is not None and not 1900 <= args.year <= 2100:
        return _usage(f"năm {args.year} không hợp lệ")
    if not args.output:
        return _usage("thiếu -o TỆP (tệp .pdf sẽ ghi)")
    if Path(args.output).suffix.lower() != ".pdf":
        return _usage(f"biểu mẫu {FORM_CODE} ghi tệp PDF: -o phải là tệp .pdf")
    return None


def _calibration(printer: str | None) -> tuple[str, Calibration]:
    from app.services.certificate_settings import PDF_TARGET, calibrations, get_calibration

    name = printer or PDF_TARGET
    if printer and printer not in calibrations():
        print_err(f"Lưu ý: máy in '{printer}' chưa được căn lề trên máy này; in không lệch.")
    return name, get_calibration(name)


def _test_page(args: argparse.Namespace) -> int:
    from app.domain.errors import DomainError
    from app.services.certificates import certificate_layouts

    try:
        layouts = certificate_layouts()
    except DomainError as exc:
        print_err(f"Lỗi: {exc}")
        return EXIT_DATA
    code = args.layout or next(iter(layouts))
    if code not in layouts:
        print_err(f"Lỗi: không có mẫu phôi '{code}' (có: {', '.join(layouts)})")
        return EXIT_DATA
    name, calibration = _calibration(args.printer)
    from app.ui.certificate_render import write_test_page_pdf

    try:
        write_test_page_pdf(Path(args.output), layouts[code], calibration, args.printer or "")
    except OSError as exc:
        print_err(f"Lỗi: không ghi được {args.output}: {exc}")
        return EXIT_DATA
    print(
        f"Đã xuất trang thử căn lề của mẫu {code} ra {args.output} "
        f"(lệch ngang {calibration.x_mm:+g} mm, dọc {calibration.y_mm:+g} mm)"
    )
    return EXIT_OK


def cmd_export_certificates(args: argparse.Namespace) -> int:
    for name, default in (("test_page", False), ("layout", None), ("printer", None)):
        if not hasattr(args, name):
            setattr(args, name, default)
    problem = _check_args(args)
    if problem is not None:
        return problem
    if args.test_page:
        return _test_page(args)
    from app.db.migrate import DatabaseError
    from app.domain.errors import DomainError
    from app.services import certificates as svc
    from app.services.database import open_database
    from app.services.reports import resolve_person

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
            decision_id = svc.find_decision(session, args.decision, args.year)
            chosen = None
            if args.person:
                person_id = resolve_person(session, args.person)
                source = svc.certificate_source(session, decision_id)
                chosen = [line.recipient_id for line in source.lines if line.person_id == person_id]
                if not chosen:
                    raise DomainError(
                        f"Người '{args.person}' không có trong {_lower_first(source.label)}"
                    )
            batch = svc.certificate_batch(
                session, decision_id, recipient_ids=chosen, layout_code=args.layout
            )
    except DomainError as exc:
        print_err(f"Lỗi: {exc}")
        return EXIT_DATA
    finally:
        db.dispose()
    printer, calibration = _calibration(args.printer)
    from app.ui.certificate_render import write_pdf

    try:
        result = write_pdf(Path(args.output), batch, calibration)
    except OSError as exc:
        print_err(f"Lỗi: không ghi được {args.output}: {exc}")
        return EXIT_DATA
    for warning in result.warnings:
        print_err(f"Lưu ý: {warning}")
    print(
        f"Đã xuất {result.pages} giấy khen, bằng khen của {_lower_first(batch.label)} ra {args.output}"
        f" (mẫu {', '.join(batch.layouts)}; lệch ngang {calibration.x_mm:+g} mm, "
        f"dọc {calibration.y_mm:+g} mm theo {printer})"
    )
    return EXIT_OK
