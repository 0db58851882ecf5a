"""`tdkt import clusters FILE --year NĂM [--dry-run]`: a year's emulation clusters, their
member units and results, all or nothing.

Reads with :func:`app.excel.cluster_import.read_cluster_file` and writes with
:func:`app.services.clusters.import_clusters`, as the Bình xét screen's import does. Exit 0
when written (or, with ``--dry-run``, when it would be), 1 when the file cannot be read, has
no row or has a row in error (nothing is written then), 2 on a usage error.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from app.commands.common import EXIT_DATA, EXIT_OK, EXIT_USAGE, print_err


def cmd_import_clusters(args: argparse.Namespace) -> int:
    from app.commands.import_checks import refuse
    from app.commands.legacy import LegacyEncodingError, print_conversions, refuse_legacy
    from app.config import resolve_db_url, sqlite_path
    from app.db.migrate import DatabaseError
    from app.excel.cluster_import import read_cluster_file
    from app.excel.workbook import ImportFileError
    from app.services.clusters import import_clusters
    from app.services.database import open_database

    if not 1900 <= args.year <= 2100:
        print_err(f"tdkt import: lỗi cú pháp: năm {args.year} không hợp lệ")
        return EXIT_USAGE
    path = Path(args.file)
    try:
        data = read_cluster_file(
            path, sheet=args.sheet, convert_legacy=getattr(args, "convert_legacy", False)
        )
    except LegacyEncodingError as exc:
        return refuse_legacy(exc)
    except ImportFileError as exc:
        return refuse(str(exc), path, args.what)
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
        if not args.dry_run and db.file is not None:
            from app.services.backup import backup_database

            backup_database(db.url, reason="truoc-nhap")
        with db.session_factory.begin() as session:
            report = import_clusters(session, data, args.year, dry_run=args.dry_run)
    finally:
        db.dispose()
    print_conversions(data.conversions)
    for line in report.lines():
        print(line)
    return EXIT_DATA if report.blocked else EXIT_OK
