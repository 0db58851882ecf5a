"""``tdkt export fund-summary --year NĂM -o TỆP.xlsx``: the fund report of a year (issue 26),
the same service and sheet as the fund screen (:mod:`app.services.award_fund`,
:mod:`app.excel.fund_summary`)."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.commands.common import EXIT_DATA, EXIT_OK, EXIT_USAGE, print_err

FORM = "fund-summary"
FORM_NAME = "Báo cáo quỹ thi đua, khen thưởng của năm (cần --year)"


def cmd_fund_summary(args: argparse.Namespace) -> int:
    from app.config import resolve_db_url, sqlite_path
    from app.db.migrate import DatabaseError
    from app.domain.errors import DomainError
    from app.excel.forms.save import ExportFileError
    from app.excel.fund_summary import write_fund_summary
    from app.services.award_fund import fund_ledger
    from app.services.database import open_database
    from app.services.settings import get_agency

    if args.year is None:
        print_err("tdkt export: lỗi cú pháp: fund-summary cần --year NĂM")
        return EXIT_USAGE
    target = Path(args.output or f"quy-tdkt-{args.year}.xlsx")
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
            ledger = fund_ledger(session, args.year)
            agency = get_agency(session)
    except DomainError as exc:
        print_err(f"Lỗi: {exc}")
        return EXIT_DATA
    finally:
        db.dispose()
    try:
        written = write_fund_summary(ledger, target, agency=agency.agency)
    except ExportFileError as exc:
        print_err(f"Lỗi: {exc}")
        return EXIT_DATA
    print(f"Đã ghi {written}")
    for warning in ledger.warnings:
        print(f"Lưu ý: {warning}")
    print(
        f"Quỹ năm {args.year}: thu {ledger.available:,} đồng, chi {ledger.payments_total:,} "
        f"đồng, còn {ledger.balance:,} đồng".replace(",", ".")
    )
    return EXIT_OK
