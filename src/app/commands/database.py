"""`tdkt demo`, `check`, `backup`, `restore`: the database itself."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from app.commands.common import EXIT_DATA, EXIT_OK, one_line, print_err
from app.config import resolve_db_url, sqlite_path


def cmd_demo(args: argparse.Namespace) -> int:
    """Build the demo database, whole or not at all (:mod:`app.services.demo_file`): a failure
    (too few people, a full disk...) leaves no file, and ``--force`` replaces the old file only
    with a whole new one."""
    from app.config import display_db
    from app.services.demo import DemoError, DemoOptions
    from app.services.demo_file import build_demo_database

    url = resolve_db_url(getattr(args, "db", None), demo=getattr(args, "db", None) is None)
    path = sqlite_path(url)
    if path is not None and path.exists() and not args.force:
        print_err(f"Lỗi: tệp {path} đã có. Dùng --force để xóa và tạo lại.")
        return EXIT_DATA
    options = DemoOptions(
        people=args.people,
        years=args.years,
        seed=args.seed,
        end_year=args.end_year,
        review_year=args.review_year,
    )

    def progress(message: str, fraction: float) -> None:
        print_err(f"[{fraction:4.0%}] {message}")

    try:
        summary = build_demo_database(url, options, progress, replace=args.force)
    except DemoError as exc:
        print_err(f"Lỗi: {one_line(str(exc))}")
        return EXIT_DATA
    print(
        f"Đã tạo CSDL mẫu {display_db(url)}: {summary.units} đơn vị, {summary.people} cán bộ, "
        f"{summary.grades} xếp loại, {summary.initiatives} sáng kiến, {summary.awards} khen thưởng "
        f"(năm {summary.first_year}-{summary.last_year})."
    )
    return EXIT_OK


def cmd_backup(args: argparse.Namespace) -> int:
    from app.domain.errors import DomainError
    from app.services.backup import backup_database

    url = resolve_db_url(getattr(args, "db", None))
    try:
        made = backup_database(url, Path(args.output) if args.output else None)
    except DomainError as exc:
        print_err(f"Lỗi: {one_line(str(exc))}")
        return EXIT_DATA
    print(f"Đã sao lưu vào {made}")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    """Restore from a backup, also on a computer that has no database yet."""
    from app.config import display_db
    from app.domain.errors import DomainError
    from app.services.backup import restore_database

    url = resolve_db_url(getattr(args, "db", None))
    try:
        result = restore_database(url, Path(args.file))
    except DomainError as exc:
        print_err(f"Lỗi: {one_line(str(exc))}")
        return EXIT_DATA
    print(f"Đã phục hồi từ {result.restored_from} vào {display_db(url)}")
    if result.previous_copy is not None:
        print(f"Dữ liệu trước khi phục hồi được giữ ở {result.previous_copy}")
    else:
        print("Máy này chưa có cơ sở dữ liệu: đã tạo mới từ bản sao lưu.")
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from app.services.integrity import check_database

    url = resolve_db_url(getattr(args, "db", None))
    report = check_database(url)
    if args.json:
        print(
            json.dumps(
                {
                    "database": report.database,
                    "ok": report.ok,
                    "revision": report.revision,
                    "head": report.head,
                    "problems": report.problems,
                    "counts": report.counts,
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        print(f"CSDL: {report.database}")
        print(
            f"Phiên bản lược đồ: {report.revision or '-'} (phiên bản chương trình: {report.head})"
        )
        if report.counts:
            c = report.counts
            print(
                f"Số liệu: {c.get('don_vi', 0)} đơn vị, {c.get('can_bo', 0)} cán bộ, {c.get('khen_thuong', 0)} khen thưởng"
            )
        if report.ok:
            print("Kết quả: ĐẠT - không phát hiện lỗi.")
        else:
            print("Kết quả: KHÔNG ĐẠT")
            for problem in report.problems:
                print(f"  - {problem}")
    return EXIT_OK if report.ok else EXIT_DATA
