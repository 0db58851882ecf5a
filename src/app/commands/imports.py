"""`tdkt import ...`: staff, grades, discipline, history, registrations."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from app.commands.common import EXIT_DATA, EXIT_OK, EXIT_USAGE, print_err
from app.commands.import_checks import failing_rows, refuse
from app.config import resolve_db_url, sqlite_path
from app.domain.vntext import clean

if TYPE_CHECKING:
    from app.domain.imports import ImportReport
    from app.services.database import Database
    from app.services.import_service import ImportJob


def _preview_then_commit(
    db: Database, job: ImportJob, path: Path
) -> tuple[ImportReport, str | None]:
    """The shared import service, as the GUI runs it: a preview; then, unless it is a dry run,
    blocked, or most rows fail, the commit (a copy of an SQLite file first) in the same
    transaction. Returns the report to print and the refusal of a file whose rows mostly fail."""
    from app.services.import_service import commit, preview

    with db.session_factory.begin() as session:
        checked = preview(session, job)
        report = checked.report
        problem = failing_rows(job.kind, path, report)
        if problem or report.blocked or job.options.dry_run:
            return report, problem
        backup_url = db.url if db.file is not None else None
        return commit(session, checked, backup_url=backup_url), None


def cmd_import(args: argparse.Namespace) -> int:
    if args.what == "registrations":
        return cmd_import_registrations(args)
    if args.what in ("awards", "initiatives", "unit-grades"):
        return cmd_import_history(args)
    from app.commands.legacy import LegacyEncodingError, print_conversions, refuse_legacy
    from app.db.migrate import DatabaseError
    from app.domain.errors import DomainError
    from app.domain.imports import ImportOptions
    from app.excel.file_kind import read_problem
    from app.excel.people_import import parse_discipline, parse_grades, parse_staff
    from app.excel.workbook import ImportFileError
    from app.services import people_import as svc
    from app.services.database import open_database
    from app.services.import_service import ImportJob
    from app.services.reference import codes

    path = Path(args.file)
    try:
        if args.what == "staff":
            result = parse_staff(
                path, codes(), sheet=args.sheet, convert_legacy=args.convert_legacy
            )
        elif args.what == "grades":
            result = parse_grades(
                path,
                codes(),
                year=args.year,
                sheet=args.sheet,
                convert_legacy=args.convert_legacy,
            )
        else:
            result = parse_discipline(
                path, codes(), sheet=args.sheet, convert_legacy=args.convert_legacy
            )
    except LegacyEncodingError as exc:
        return refuse_legacy(exc)
    except ImportFileError as exc:
        return refuse(str(exc), path, args.what)
    except ValueError as exc:
        print_err(f"Lỗi: {exc}")
        return EXIT_DATA
    problem = read_problem(
        args.what,
        file=path,
        sheet=result.sheet,
        rows=len(result.rows),
        failed_rows=0,  # counted after matching, below
        columns=result.column_map,
        preamble=result.preamble,
    )
    if problem:
        return refuse(problem, path, args.what)
    parsed = svc.ParsedFile(
        kind=args.what,
        file=str(path),
        sheet=result.sheet,
        issues=result.issues,
        columns=svc.columns_of(result.column_map),
        headers=svc.headers_of(result.column_map),
    )
    options = ImportOptions(
        dry_run=args.dry_run,
        skip_invalid=args.skip_invalid,
        create_units=getattr(args, "create_units", False),
        effective=getattr(args, "effective", None),
        accept_suggestions=args.accept_suggestion,
        new_people=getattr(args, "as_new", frozenset()),
        update_identity=getattr(args, "update_identity", False),
    )
    try:
        db = open_database(resolve_db_url(getattr(args, "db", None)), dry_run=args.dry_run)
    except DatabaseError as exc:
        print_err(f"Lỗi: {exc}")
        return EXIT_DATA
    job = ImportJob(args.what, parsed, tuple(result.rows), options)
    try:
        report, problem = _preview_then_commit(db, job, path)
    except DomainError as exc:
        print_err(f"Lỗi: {exc}")
        return EXIT_DATA
    finally:
        db.dispose()
    print_conversions(result.conversions)
    for line in report.lines():
        print(line)
    if problem:
        return refuse(problem, path, args.what)
    return EXIT_DATA if report.blocked else EXIT_OK


def cmd_import_history(args: argparse.Namespace) -> int:
    """``tdkt import awards|initiatives|unit-grades``: history in, all or nothing.

    Reads with :func:`app.excel.history_files.read_history_file` and writes with
    :func:`app.services.history_import.import_history`, as the GUI's history import does.
    """
    from app.commands.legacy import LegacyEncodingError, print_conversions, refuse_legacy
    from app.db.migrate import DatabaseError
    from app.domain.errors import DomainError
    from app.domain.imports import ImportOptions
    from app.excel.file_kind import read_problem
    from app.excel.history_files import ProposalListError, read_history_file
    from app.excel.workbook import ImportFileError
    from app.services.database import open_database
    from app.services.import_service import ImportJob
    from app.services.reference import catalogue, codes, province_awards

    if args.year is not None and not 1900 <= args.year <= 2100:
        print_err(f"tdkt import: lỗi cú pháp: năm {args.year} không hợp lệ")
        return EXIT_USAGE
    decision = clean(getattr(args, "decision", None))
    decision_date = getattr(args, "date", None)
    if bool(decision) != (decision_date is not None):
        print_err("tdkt import: lỗi cú pháp: --decision và --date phải đi cùng nhau")
        return EXIT_USAGE
    if len(decision) > 60:
        print_err("tdkt import: lỗi cú pháp: số quyết định dài quá 60 ký tự")
        return EXIT_USAGE
    path = Path(args.file)
    try:
        history = read_history_file(
            args.what,
            path,
            catalogue(),
            codes(),
            sheet=args.sheet,
            year=args.year,
            decision_number=decision,
            convert_legacy=args.convert_legacy,
            decision_date=decision_date,
            province=province_awards() if args.what == "awards" else None,
        )
    except LegacyEncodingError as exc:
        return refuse_legacy(exc)
    except ProposalListError as exc:
        print_err(f"Lỗi: {exc}")
        print_err(
            "Khi đã có quyết định khen thưởng: thêm --decision SỐ --date dd/mm/yyyy (và --year "
            "NĂM nếu tệp không có cột năm) để ghi cho mọi dòng."
        )
        return EXIT_DATA
    except ImportFileError as exc:
        return refuse(str(exc), path, args.what)
    except ValueError as exc:
        print_err(f"Lỗi: {exc}")
        return EXIT_DATA
    problem = read_problem(
        args.what,
        file=path,
        sheet=history.parsed.sheet,
        rows=len(history.rows),
        failed_rows=0,  # counted after matching, below
        columns=history.parsed.columns,
        headers=history.parsed.headers,
    )
    if problem:
        return refuse(problem, path, args.what)
    options = ImportOptions(
        dry_run=args.dry_run,
        skip_invalid=args.skip_invalid,
        create_units=getattr(args, "create_units", False),
        accept_suggestions=getattr(args, "accept_suggestion", frozenset()),
    )
    url = resolve_db_url(getattr(args, "db", None))
    db_path = sqlite_path(url)
    if db_path is not None and not db_path.exists():
        print_err(f"Lỗi: không tìm thấy CSDL {db_path}")
        return EXIT_DATA
    try:
        db = open_database(url, dry_run=args.dry_run)
    except DatabaseError as exc:
        print_err(f"Lỗi: {exc}")
        return EXIT_DATA
    job = ImportJob.of_history(history, options)
    try:
        report, problem = _preview_then_commit(db, job, path)
    except DomainError as exc:
        print_err(f"Lỗi: {exc}")
        return EXIT_DATA
    finally:
        db.dispose()
    print_conversions(history.conversions)
    for line in report.lines():
        print(line)
    if problem:
        return refuse(problem, path, args.what)
    return EXIT_DATA if report.blocked else EXIT_OK


def cmd_import_registrations(args: argparse.Namespace) -> int:
    from app.commands.legacy import LegacyEncodingError, print_conversions, refuse_legacy
    from app.db.migrate import DatabaseError
    from app.excel.file_kind import read_problem
    from app.excel.registration_import import parse_registration_workbook
    from app.excel.workbook import ImportFileError
    from app.services.database import open_database
    from app.services.reference import catalogue, codes
    from app.services.registration_import import import_registrations

    if not 1900 <= args.year <= 2100:
        print_err(f"tdkt import: lỗi cú pháp: năm {args.year} không hợp lệ")
        return EXIT_USAGE
    file = Path(args.file)
    try:
        book = parse_registration_workbook(
            file,
            catalogue(),
            codes(),
            sheet=getattr(args, "sheet", None),
            convert_legacy=args.convert_legacy,
        )
    except LegacyEncodingError as exc:
        return refuse_legacy(exc)
    except ImportFileError as exc:
        return refuse(str(exc), file, args.what)
    except ValueError as exc:
        print_err(f"Lỗi: {exc}")
        return EXIT_DATA
    problem = read_problem(
        args.what,
        file=file,
        sheet=book.individuals_sheet,
        rows=len(book.individuals) + len(book.collectives),
        failed_rows=0,  # a registration is all or nothing: any issue stops it
        columns=book.individual_columns,
    )
    if problem:
        return refuse(problem, file, args.what)
    url = resolve_db_url(getattr(args, "db", None))
    path = sqlite_path(url)
    if path is not None and not path.exists():
        print_err(f"Lỗi: không tìm thấy CSDL {path}")
        return EXIT_DATA
    try:
        db = open_database(url, dry_run=args.dry_run)
    except DatabaseError as exc:
        print_err(f"Lỗi: {exc}")
        return EXIT_DATA
    if not args.dry_run and db.file is not None:  # as the other imports: a copy first
        from app.services.backup import backup_database

        backup_database(db.url, reason="truoc-nhap")
    try:
        with db.session_factory.begin() as session:
            report = import_registrations(session, book, args.year, dry_run=args.dry_run)
    finally:
        db.dispose()
    print_conversions(book.conversions)
    for line in report.lines():
        print(line)
    return EXIT_DATA if report.blocked else EXIT_OK
