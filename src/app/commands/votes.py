"""`tdkt import votes FILE --session N [--dry-run]`: a Council session's tally sheet read back,
all or nothing.

Reads with :func:`app.excel.vote_tally_import.read_tally_file` and writes with
:func:`app.services.council_tally.preview_rows` / :func:`~app.services.council_tally.commit_rows`,
as the Council tab's "Nhập kết quả kiểm phiếu…" does. Exit 0 when written (or, with
``--dry-run``, when it would be), 1 when the file cannot be read, has no row, names another
session or has a row that does not match a candidate or holds impossible counts (nothing is
written then), 2 on a usage error.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from app.commands.common import EXIT_DATA, EXIT_OK, EXIT_USAGE, print_err


def cmd_import_votes(args: argparse.Namespace) -> int:
    from app.commands.import_checks import refuse
    from app.commands.legacy import LegacyEncodingError, print_conversions, refuse_legacy
    from app.config import resolve_db_url, sqlite_path
    from app.db.migrate import DatabaseError
    from app.domain.errors import DomainError
    from app.excel.vote_tally_import import read_tally_file
    from app.excel.workbook import ImportFileError
    from app.services.council_tally import commit_rows, preview_rows
    from app.services.database import open_database

    if args.session <= 0:
        print_err(f"tdkt import: lỗi cú pháp: phiên họp {args.session} không hợp lệ")
        return EXIT_USAGE
    path = Path(args.file)
    try:
        data = read_tally_file(
            path, sheet=args.sheet, convert_legacy=getattr(args, "convert_legacy", False)
        )
    except LegacyEncodingError as exc:
        return refuse_legacy(exc)
    except ImportFileError as exc:
        return refuse(str(exc), path, args.what)
    if not data.rows:
        print_err(f"Lỗi: tệp {path.name} không có dòng nào dưới dòng tiêu đề; không ghi gì.")
        return EXIT_DATA
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
    try:
        with db.session_factory.begin() as session:
            checked = preview_rows(session, args.session, data.rows, file_session=data.session_id)
            lines = checked.lines()
            if checked.blocked or args.dry_run:
                written = None
            else:
                if db.file is not None:
                    from app.services.backup import backup_database

                    backup_database(db.url, reason="truoc-nhap")
                written = commit_rows(session, checked)
    except DomainError as exc:
        print_err(f"Lỗi: {exc}")
        return EXIT_DATA
    finally:
        db.dispose()
    print_conversions(data.conversions)
    for line in lines:
        print(line)
    if checked.blocked:
        print("Không ghi gì: sửa các dòng trên rồi nhập lại cả tệp.")
        return EXIT_DATA
    if written is None:
        print(f"Chạy thử: sẽ ghi {len(checked.to_write)} phiếu; chưa ghi gì.")
    else:
        print(f"Đã ghi {len(written)} phiếu của phiên họp số {args.session}.")
    return EXIT_OK
