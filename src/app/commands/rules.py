"""`tdkt import rules FILE [--dry-run]`: a rule-set file checked fully, then stored.

The same service as the settings tab's "Nhập bộ quy tắc…"
(:func:`app.services.rule_files.import_rule_file`). Exit 0 when stored (or, with
``--dry-run``, when it would be), 1 when the file cannot be read or anything in it is wrong
(nothing is stored then: every fault is listed), 2 on a usage error.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.commands.common import EXIT_DATA, EXIT_OK, print_err

HELP = "Bộ quy tắc xét thi đua, khen thưởng từ tệp JSON (ngày hiệu lực, tham số, tiêu chí)"


def add_parser(imp_sub: Any, db_help: str) -> None:
    """The ``rules`` subcommand of ``tdkt import``."""
    p = imp_sub.add_parser(
        "rules",
        help=HELP,
        description=HELP + ": kiểm tra mọi mã, tham số, trích dẫn trước khi dùng; chỉ ghi khi "
        "cả tệp hợp lệ; ghi nhật ký.",
    )
    p.add_argument("file", metavar="TỆP", help="Tệp .json")
    p.add_argument("--db", default=argparse.SUPPRESS, help=db_help)
    p.add_argument(
        "--dry-run", action="store_true", help="Chỉ kiểm tra và in báo cáo, không ghi gì"
    )


def cmd_import_rules(args: argparse.Namespace) -> int:
    from app.config import resolve_db_url, sqlite_path
    from app.db.migrate import DatabaseError
    from app.domain.errors import DomainError
    from app.services.database import open_database
    from app.services.rule_files import import_rule_file, read_rule_file

    path = Path(args.file)
    try:
        data = read_rule_file(path)
    except DomainError as exc:
        print_err(f"Lỗi: {exc}; không ghi gì.")
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
            report = import_rule_file(session, data, path.name, dry_run=args.dry_run)
    except DomainError as exc:
        print_err(f"Lỗi: {exc}")
        return EXIT_DATA
    finally:
        db.dispose()
    for line in report.lines():
        print(line)
    if not report.ok:
        print("Không ghi gì: sửa tệp rồi nhập lại.")
        return EXIT_DATA
    if args.dry_run:
        print("Chạy thử: tệp hợp lệ; chưa ghi gì.")
    else:
        print(f"Đã nạp {len(report.sets)} bộ quy tắc; đã ghi nhật ký.")
    return EXIT_OK
