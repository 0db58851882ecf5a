"""`tdkt export ...`: forms through the forms engine."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from app.commands.common import EXIT_DATA, EXIT_OK, EXIT_USAGE, print_err
from app.config import resolve_db_url, sqlite_path

if TYPE_CHECKING:
    from app.services.database import Database


def _export_each_unit(args: argparse.Namespace, db: Database, form_code: str) -> int:
    """``export registration-form --all -o FOLDER``: one workbook per registering unit."""
    from app.domain.errors import DomainError
    from app.excel.forms.registry import export_form
    from app.excel.forms.save import ExportFileError
    from app.services import reports
    from app.services.people import filter_people, list_people
    from app.services.registrations import registering_units
    from app.services.units import list_units

    folder = Path(args.output)
    if folder.suffix.lower() in (".xlsx", ".xlsm") or folder.is_file():
        print_err("tdkt export: lỗi cú pháp: với --all, -o là một thư mục")
        return EXIT_USAGE
    folder.mkdir(parents=True, exist_ok=True)
    written = 0
    try:
        with db.session_factory() as session:
            units = registering_units(list_units(session))
            below = [u for u in units if u.parent_id is not None]
            for root in [u for u in units if u.parent_id is None] if below else []:
                direct = filter_people(list_people(session), unit_ids={root.id})
                if direct:  # the agency's own file would repeat everybody below it
                    print_err(
                        f"Lưu ý: {len(direct)} cán bộ xếp trực tiếp vào '{root.full_name}' "
                        f"không có tệp riêng; xuất bằng: --unit {root.code} (gồm cả cơ quan)"
                    )
            for unit in below or units:
                params = reports.ReportParams(unit_id=unit.id, year=args.year, on=args.date)
                data = reports.gather(session, form_code, params)
                if not data.people and not data.units:  # type: ignore[attr-defined]
                    continue
                name = "".join(ch if ch.isalnum() or ch in "-_." else "-" for ch in unit.code)
                result = export_form(form_code, data, folder / f"{name}.xlsx")
                print(f"{unit.code}: {result.path} ({data.count} người)")  # type: ignore[attr-defined]
                written += 1
    except (DomainError, ExportFileError) as exc:
        print_err(f"Lỗi: {exc}")
        return EXIT_DATA
    print(f"Đã xuất {written} bản đăng ký thi đua năm {args.year} vào {folder}")
    return EXIT_OK


def _title_code(text: str) -> str:
    """A catalogue code from what a clerk types: the code, the name or a short form ("LĐTT")."""
    from app.domain.errors import NotFoundError
    from app.services.reference import catalogue

    cat = catalogue()
    if text in cat:
        return text
    item = cat.match(text)
    if item is None:
        raise NotFoundError(f"Không có danh hiệu/hình thức '{text}' trong danh mục")
    return item.code


def cmd_export(args: argparse.Namespace) -> int:
    from app.db.migrate import DatabaseError
    from app.domain.errors import DomainError
    from app.excel.forms.registry import (
        FORMS,
        PARAM_DATE,
        PARAM_DECISION,
        PARAM_ORDER,
        PARAM_PERSON,
        PARAM_SESSION,
        PARAM_TITLE,
        PARAM_UNIT,
        PARAM_YEAR,
        UnknownFormError,
        export_form,
        get_form,
    )
    from app.excel.forms.save import ExportFileError
    from app.services import reports
    from app.services.database import open_database

    REGISTRATION_FORM = "registration-form"

    def usage(message: str) -> int:
        print_err(f"tdkt export: lỗi cú pháp: {message}")
        return EXIT_USAGE

    from app.commands import certificates, documents, fund

    if args.list:
        codes = [*(form.code for form in FORMS), *documents.CODES, fund.FORM]
        width = max(len(code) for code in codes)
        for form in FORMS:
            print(f"{form.code.ljust(width)}  {form.name}")
        print(f"{fund.FORM.ljust(width)}  {fund.FORM_NAME}")
        print(f"{certificates.FORM_CODE.ljust(width)}  {certificates.FORM_NAME}")
        for line in documents.list_lines(width):
            print(line)
        return EXIT_OK
    if args.form == certificates.FORM_CODE:
        return certificates.cmd_export_certificates(args)
    if args.form and documents.handles(args):  # Word documents, PDF, dossiers
        return documents.cmd_export_document(args)
    if args.form in documents.EXCEL_FORM:  # --format xlsx: the Excel form of the same content
        args.form = documents.EXCEL_FORM[args.form]
    if getattr(args, "format", None) not in (None, "xlsx"):
        return usage(f"biểu mẫu {args.form} chỉ xuất Excel (--format xlsx)")
    for flag, name in (("--to", "to"), ("--submission", "submission")):
        if getattr(args, name, None) is not None:
            return usage(f"biểu mẫu {args.form} không dùng tham số {flag}")
    for flag, name in (("--layout", "layout"), ("--printer", "printer")):
        if getattr(args, name, None) is not None:
            return usage(f"{flag} chỉ dùng với biểu mẫu {certificates.FORM_CODE}")
    if getattr(args, "test_page", False):
        return usage(f"--test-page chỉ dùng với biểu mẫu {certificates.FORM_CODE}")
    if not args.form:
        return usage("thiếu mã biểu mẫu (xem: tdkt export --list)")
    try:
        form = get_form(args.form)
    except UnknownFormError as exc:
        return usage(str(exc))
    given = (("--year", PARAM_YEAR, args.year), ("--unit", PARAM_UNIT, args.unit))
    given += (("--date", PARAM_DATE, args.date), ("--title", PARAM_TITLE, args.title))
    given += (("--session", PARAM_SESSION, args.session), ("--order", PARAM_ORDER, args.order))
    given += (
        ("--decision", PARAM_DECISION, args.decision),
        ("--person", PARAM_PERSON, args.person),
    )
    unused = [flag for flag, param, value in given if value is not None and not form.takes(param)]
    if unused:
        return usage(f"biểu mẫu {form.code} không dùng tham số {', '.join(unused)}")
    # a decision is named by its number; the year only narrows it (numbers restart yearly)
    if form.takes(PARAM_YEAR) and args.year is None and not form.takes(PARAM_DECISION):
        return usage(f"biểu mẫu {form.code} cần --year NĂM")
    if form.takes(PARAM_DECISION) and not args.decision:
        return usage(f'biểu mẫu {form.code} cần --decision SỐ_QĐ (ví dụ "05/QĐ-SNNMT")')
    if args.year is not None and not 1900 <= args.year <= 2100:
        return usage(f"năm {args.year} không hợp lệ")
    each_unit = form.code == REGISTRATION_FORM
    if args.all and not each_unit:
        return usage(f"--all chỉ dùng với biểu mẫu {REGISTRATION_FORM}")
    if each_unit and args.all == bool(args.unit):
        return usage(f"biểu mẫu {form.code} cần --unit ĐƠN_VỊ hoặc --all (không dùng cả hai)")
    if not args.output:
        return usage("thiếu -o TỆP (tệp .xlsx sẽ ghi)")
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
    if args.all:
        try:
            return _export_each_unit(args, db, form.code)
        finally:
            db.dispose()
    try:
        with db.session_factory() as session:
            unit_id = reports.resolve_unit(session, args.unit).id if args.unit else None
            person_id = reports.resolve_person(session, args.person) if args.person else None
            params = reports.ReportParams(
                unit_id=unit_id,
                year=args.year,
                on=args.date,
                title=_title_code(args.title) if args.title else None,
                session_id=args.session,
                decision_number=args.decision,
                person_id=person_id,
                order=args.order or "chuan",
            )
            data = reports.gather(session, form.code, params)
    except DomainError as exc:
        print_err(f"Lỗi: {exc}")
        return EXIT_DATA
    finally:
        db.dispose()
    try:
        result = export_form(form.code, data, Path(args.output))
    except ExportFileError as exc:
        print_err(f"Lỗi: {exc}")
        return EXIT_DATA
    count = getattr(data, "count", None)
    label = getattr(data, "count_label", "người")
    rows = f", {count} {label}" if isinstance(count, int) else ""
    print(f"Đã xuất '{form.name}'{rows} ra {result.path}")
    print(f"Mẫu: {result.template.describe()}")
    for warning in getattr(data, "warnings", ()) or ():  # for the clerk, not on the form
        print_err(f"Lưu ý: {warning}")
    return EXIT_OK
